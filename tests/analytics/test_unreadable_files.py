"""Files that cannot be read at all — a Latin-1 CSV, an empty or garbage Parquet file, a row with the
wrong number of fields — are refused as `file, column, row: message`, by the loader and by the commands
`microdata check` and `indicators compute`, never with a traceback."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from styrkedja.analytics.loader import MicrodataError, open_microdata
from styrkedja.analytics.units import UnitsError, read_units

from .conftest import write_csv, write_parquet

HEADER = "person_id,sex,birth_year,organisation,enrolled_on,plan_on,ended_on,end_reason,self_sufficient_6m\n"


def refusal(folder: Path, table: str = "enrolments") -> str:
    with pytest.raises(MicrodataError) as caught:
        open_microdata(folder, [table])
    return str(caught.value)


def test_a_latin1_csv_is_refused_at_its_first_bad_byte_with_column_and_row(tmp_path):
    rows = HEADER + "1,K,1990,amn,2022-01-10,,,,\n2,M,1991,vuxenutbildning-söder,2022-01-11,,,,\n"
    (tmp_path / "enrolments.csv").write_bytes(rows.encode("latin-1"))
    assert refusal(tmp_path) == (
        "enrolments.csv, column organisation, row 2: not UTF-8 text (the byte 0xf6); save the file as UTF-8 "
        "(in Excel: CSV UTF-8)"
    )


def test_a_latin1_header_is_refused_at_the_header(tmp_path):
    (tmp_path / "enrolments.csv").write_bytes("personnummer_för_säkerhets_skull\n1\n".encode("latin-1"))
    assert refusal(tmp_path).startswith("enrolments.csv: not UTF-8 text (the byte 0xf6)")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "too small to be a Parquet file"),
        (bytes(range(256)) * 4, "No magic bytes found at end of file 'enrolments.parquet'"),
        (b"PAR1" + b"\x00" * 64 + b"PAR1", "enrolments.parquet"),
    ],
)
def test_an_empty_or_garbage_parquet_file_is_refused_naming_it(tmp_path, content, message):
    (tmp_path / "enrolments.parquet").write_bytes(content)
    text = refusal(tmp_path)
    assert text.startswith("enrolments.parquet: not a readable Parquet file: ")
    assert message in text and str(tmp_path) not in text


def test_a_truncated_parquet_file_is_refused(tmp_path):
    path = write_parquet(tmp_path, "enrolments", [{} for _ in range(50)])
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2] + data[-8:])
    assert refusal(tmp_path).startswith("enrolments.parquet: not a readable Parquet file: ")


def test_a_row_with_too_few_fields_is_refused_by_its_row(tmp_path):
    (tmp_path / "enrolments.csv").write_text(HEADER + "1,K,1990,amn,2022-01-10,,,,\n2,K\n", encoding="utf-8")
    assert refusal(tmp_path) == "enrolments.csv, row 2: 2 field(s) where the header names 9"


def test_a_missing_column_is_refused_naming_it(tmp_path):
    write_csv(tmp_path, "enrolments", [{"person_id": 1, "sex": "K"}], raw=True)
    assert refusal(tmp_path).startswith("enrolments.csv, column birth_year: missing column(s) birth_year, ")


def test_a_latin1_organisations_file_is_refused_with_its_line(tmp_path):
    (tmp_path / "organisations.csv").write_bytes("code,parent\namn,\nsöder,amn\n".encode("latin-1"))
    with pytest.raises(UnitsError, match=r"^organisations.csv:3: code: not UTF-8 text \(the byte 0xf6\)"):
        read_units(tmp_path)


@pytest.mark.django_db
def test_the_commands_answer_an_unreadable_file_with_its_name_never_a_traceback(tmp_path):
    (tmp_path / "enrolments.parquet").write_bytes(os.urandom(300))
    with pytest.raises(CommandError, match=r"^enrolments.parquet: not a readable Parquet file: "):
        call_command("microdata", "check", str(tmp_path))
    with pytest.raises(CommandError, match=r"^enrolments.parquet: not a readable Parquet file: "):
        call_command("indicators", "compute", "--microdata", str(tmp_path), "--period", "2022-T1")
    (tmp_path / "enrolments.parquet").unlink()
    (tmp_path / "enrolments.csv").write_bytes((HEADER + "1,K,1990,åmn,2022-01-10,,,,\n").encode("latin-1"))
    with pytest.raises(CommandError, match=r"^enrolments.csv, column organisation, row 1: not UTF-8 text"):
        call_command("indicators", "compute", "--microdata", str(tmp_path), "--period", "2022-T1")
