"""Hypothesis strategies for files that are nearly right and files that are anything but: lines of a good
file changed, values replaced deep in its structure, random YAML and JSON, random bytes, random text.

Generated text leaves out control characters and backslashes: a control character inside a value (a
YAML escape such as "\\0") is refused by the check of control characters in text, not by these readers.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import yaml
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

#: For the tests that run an example against the database: the fixtures hold for every example because
#: each one is rolled back (tests/fuzz/database.py).
FUZZ = settings(
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)

TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\\"), max_size=40)

#: Values a careless or hostile file puts where a good one has a number, a date, a name or a list.
ODD = st.one_of(
    st.sampled_from(
        [
            ".nan",
            ".inf",
            "-.inf",
            "1.0e+400",
            "-1.0e+400",
            "1e400",
            "1e-400",
            "150",
            "176",
            "-247",
            "-0.5",
            "0.12345",
            "99999999999",
            "12345678901.5",
            "9" * 200,
            "0x1F",
            "1:30",
            "1_000.5",
            "~",
            "null",
            "true",
            "''",
            "[]",
            "{}",
            "[1, 2",
            "{a: ",
            "&a x",
            "*a",
            "!!binary aGVq",
            "!!float abc",
            "!!python/object:os.system",
            "2022-13-45",
            "2022-02-30",
            "'" + "x" * 600 + "'",
            "-",
            "? x",
            '"' + "å" * 250 + '"',
            "- [a, b]",
        ]
    ),
    TEXT.map(lambda text: json.dumps(text, ensure_ascii=False)),
    st.integers().map(str),
    st.decimals(allow_nan=False, allow_infinity=False).map(str),
)


@st.composite
def changed_lines(draw: st.DrawFn, text: str) -> str:
    """A file with one to four of its lines changed: deleted, doubled, cut short, its value replaced by
    an odd one, swapped with the next, or random text or bytes put in."""
    lines = text.splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(lines) - 1))
        line = lines[i]
        kind = draw(st.sampled_from(["delete", "double", "cut", "value", "value", "value", "swap", "insert"]))
        if kind == "delete":
            del lines[i]
        elif kind == "double":
            lines.insert(i, line)
        elif kind == "cut":
            lines[i] = line[: draw(st.integers(0, len(line)))]
        elif kind == "value" and ":" in line:
            head = line.split(":", 1)[0]
            lines[i] = f"{head}: {draw(ODD)}\n"
        elif kind == "swap" and i + 1 < len(lines):
            lines[i], lines[i + 1] = lines[i + 1], line
        else:
            at = draw(st.integers(0, len(line)))
            lines[i] = line[:at] + draw(TEXT) + line[at:]
        if not lines:
            break
    return "".join(lines)


def _paths(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(data, dict):
        for key, value in data.items():
            found.extend(_paths(value, (*path, key)))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found.extend(_paths(value, (*path, index)))
    return found


SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0, -1, -247, 100, 150, 176, 0.5, 1e300, -1e300, 2**31, 2**63]),
    TEXT,
    st.text(st.sampled_from("abcåäö -"), min_size=150, max_size=2000),
    st.dates(min_value=dt.date(1, 1, 1)),
)
STRUCTURES = st.recursive(
    SCALARS,
    lambda children: st.one_of(st.lists(children, max_size=4), st.dictionaries(TEXT, children, max_size=4)),
    max_leaves=12,
)


NUMBERS = st.one_of(
    st.integers(-1000, 1000),
    st.sampled_from([0, -1, -247, 100, 100.5, 150, 176, 0.05, 1e15, -1e15, 1e300, 2**31, 2**63]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=False, allow_infinity=False, places=3).map(float),
)
LONG_TEXT = st.text(st.sampled_from("abcåäö -"), min_size=150, max_size=2000)


def _like(value: Any) -> st.SearchStrategy[Any]:
    """A value of the same kind: mostly what a form would refuse, sometimes what it would take."""
    if isinstance(value, bool):
        return st.booleans()
    if isinstance(value, int | float):
        return NUMBERS
    if isinstance(value, str):
        return st.one_of(TEXT, LONG_TEXT, st.just(""), st.just(value + " " + value))
    return STRUCTURES


@st.composite
def changed_structure(draw: st.DrawFn, data: Any) -> Any:
    """The data of a good file with one or two places changed: a value replaced by another of its kind
    (mostly) or of any kind, a list item doubled (a second row for the same thing) or removed, a key
    removed or added."""
    data = json.loads(json.dumps(data, default=str))
    for _ in range(draw(st.integers(1, 2))):
        path = draw(st.sampled_from(_paths(data)))
        if not path:
            continue
        parent = data
        for part in path[:-1]:
            parent = parent[part]
        last = path[-1]
        kind = draw(st.sampled_from(["like", "like", "like", "replace", "double", "remove", "add"]))
        if kind == "like":
            parent[last] = draw(_like(parent[last]))
        elif kind == "replace":
            parent[last] = draw(STRUCTURES)
        elif kind == "double" and isinstance(parent, list):
            parent.insert(last, json.loads(json.dumps(parent[last], default=str)))
        elif kind == "remove":
            del parent[last]
        elif kind == "add" and isinstance(parent, dict):
            parent[draw(TEXT)] = draw(STRUCTURES)
    return data


def as_yaml_or_json(data: Any, as_json: bool) -> str:
    if as_json:
        return json.dumps(data, ensure_ascii=False, default=str)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


#: Anything at all, as the bytes of a file: random bytes, random text, random YAML or JSON.
ANY_FILE = st.one_of(
    st.binary(max_size=400),
    TEXT.map(str.encode),
    st.builds(as_yaml_or_json, STRUCTURES, st.booleans()).map(str.encode),
)


PRINTED_NUMBERS = st.sampled_from(
    [
        "150 %",
        "176 %",
        "-247 st",
        "−247",
        "1 000 000 000 000 000",
        "99 999 999 999,99",
        "0,00001",
        "1e400",
        "NaN",
        "inf",
        "-0,0",
        "12,34 mnkr",
        "2021-13-45",
        "den 31 februari 2021",
        "Tas fram av nämnd",
        "",
    ]
)
_NUMBER = re.compile(r"-?\d[\d ]*(?:,\d+)?(?: ?%| st)?")


@st.composite
def changed_document(draw: st.DrawFn, text: str) -> str:
    """A printed document's text with one to four lines changed: a number replaced by an odd one (150 %,
    −247 st, a number of sixteen digits …), a line deleted, doubled, cut short, or random text put in."""
    lines = text.split("\n")
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(lines) - 1))
        kind = draw(st.sampled_from(["number", "number", "number", "delete", "double", "cut", "insert"]))
        numbers = list(_NUMBER.finditer(lines[i]))
        if kind == "number" and numbers:
            found = draw(st.sampled_from(numbers))
            lines[i] = lines[i][: found.start()] + draw(PRINTED_NUMBERS) + lines[i][found.end() :]
        elif kind == "delete" and len(lines) > 1:
            del lines[i]
        elif kind == "double":
            lines.insert(i, lines[i])
        elif kind == "cut":
            lines[i] = lines[i][: draw(st.integers(0, len(lines[i])))]
        else:
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + draw(st.one_of(TEXT, LONG_TEXT)) + lines[i][at:]
    return "\n".join(lines)
