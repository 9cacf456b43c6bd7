"""The organisational tree the microdata's `organisation` codes belong to, as a plain mapping.

The follow-up passes styrkedja's own organisation tree; a microdata folder may carry its own
`organisations.csv` (columns `code`, `parent`; an empty parent is a top level), as the generated data do
for their units. Both are merged, the database's word first.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from styrkedja.analytics.csvtext import first_bad_byte

UNITS_FILE = "organisations.csv"
_CODE = re.compile(r"^[A-Za-z0-9_-]{1,40}$")


class UnitsError(ValueError):
    pass


@dataclass(frozen=True)
class OrgTree:
    parents: Mapping[str, str | None]  # code → parent code (None: a top level)

    def children(self, code: str | None) -> list[str]:
        return sorted(c for c, p in self.parents.items() if p == code)

    def descendants(self, code: str) -> list[str]:
        """The code and every code below it, parents before children."""
        out, level = [code], [code]
        while level:
            level = [c for parent in level for c in self.children(parent)]
            out.extend(level)
        return out

    def merged(self, other: OrgTree) -> OrgTree:
        """This tree, with the codes only `other` knows added."""
        return OrgTree({**other.parents, **self.parents})


def read_units(folder: Path) -> OrgTree:
    """The folder's `organisations.csv`, or an empty tree; a bad file is refused naming its line and field."""
    path = folder / UNITS_FILE
    if not path.is_file():
        return OrgTree({})
    data = path.read_bytes()
    bad = first_bad_byte(data)
    if bad is not None:
        raise UnitsError(f"{UNITS_FILE}:{bad.line}: {bad.column or '(file)'}: {bad.message}")
    try:
        parents = _parents(data.decode("utf-8"))
    except csv.Error as exc:
        raise UnitsError(f"{UNITS_FILE}: not a readable CSV file: {exc}") from exc
    _check_acyclic(parents, UNITS_FILE)
    return OrgTree(parents)


def _parents(text: str) -> dict[str, str | None]:
    parents: dict[str, str | None] = {}
    with io.StringIO(text, newline="") as handle:
        reader = csv.DictReader(handle)
        if not reader.fieldnames or not {"code", "parent"} <= set(reader.fieldnames):
            raise UnitsError(f"{UNITS_FILE}: the header must name the columns code and parent")
        for line, row in enumerate(reader, start=2):
            code, parent = (row.get("code") or "").strip(), (row.get("parent") or "").strip()
            for name, value in (("code", code), ("parent", parent)):
                if (value or name == "code") and not _CODE.match(value):
                    raise UnitsError(f"{UNITS_FILE}:{line}: {name}: not an organisation code: '{value}'")
            if code in parents:
                raise UnitsError(f"{UNITS_FILE}:{line}: code: '{code}' is listed twice")
            parents[code] = parent or None
    return parents


def _check_acyclic(parents: Mapping[str, str | None], source: str) -> None:
    for start in parents:
        seen, node = {start}, parents[start]
        while node is not None:
            if node in seen:
                raise UnitsError(f"{source}: '{start}' is below itself")
            seen.add(node)
            node = parents.get(node)


def write_units(folder: Path, parents: Iterable[tuple[str, str | None]]) -> None:
    with (folder / UNITS_FILE).open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["code", "parent"])
        for code, parent in parents:
            writer.writerow([code, parent or ""])
