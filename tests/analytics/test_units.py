"""A microdata folder's organisation tree (organisations.csv): read, merged, and refused when bad."""

from __future__ import annotations

from pathlib import Path

import pytest

from styrkedja.analytics.units import OrgTree, UnitsError, read_units, write_units


def test_the_tree_is_read_and_the_databases_word_comes_first(tmp_path: Path) -> None:
    write_units(tmp_path, [("amn", None), ("jobbtorg", "amn"), ("jobbtorg-norr", "jobbtorg")])
    tree = read_units(tmp_path)
    assert tree.descendants("amn") == ["amn", "jobbtorg", "jobbtorg-norr"]
    merged = OrgTree({"amn": "stockholm", "stockholm": None}).merged(tree)
    assert merged.parents["amn"] == "stockholm" and merged.parents["jobbtorg-norr"] == "jobbtorg"
    assert read_units(tmp_path / "nothing-here") == OrgTree({})


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("code\namn\n", "the header must name the columns code and parent"),
        ("code,parent\nam n,\n", "organisations.csv:2: code: not an organisation code: 'am n'"),
        ("code,parent\namn,\namn,\n", "organisations.csv:3: code: 'amn' is listed twice"),
        ("code,parent\na,b\nb,a\n", "is below itself"),
    ],
)
def test_a_bad_file_is_refused_naming_line_and_field(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "organisations.csv").write_text(text, encoding="utf-8")
    with pytest.raises(UnitsError, match=message.replace("(", r"\(")):
        read_units(tmp_path)
