"""Disclosure control: small cells are suppressed, and so is whatever they could be recomputed from."""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from styrkedja.analytics.disclosure import SHOWN, sensitive, suppressed_cells
from styrkedja.analytics.engine import compute
from styrkedja.analytics.report import period_json
from styrkedja.analytics.windows import parse_window

from .conftest import write_parquet

THRESHOLD = 5


def derivable(hidden: set[str], cell: str, *, unknown_known: bool) -> bool:
    """Whether `cell` follows from the shown cells through total = men + women + unknown: it does when it
    is the only unknown term of the relation."""
    terms = {"total", "men", "women", "unknown"}
    known = (terms - hidden - {"unknown"}) | ({"unknown"} if unknown_known else set())
    return cell not in known and terms - known == {cell}


def assert_protected(persons: dict[str, int], hidden: list[str], threshold: int = THRESHOLD) -> None:
    hidden_set = set(hidden)
    for cell in SHOWN:
        if sensitive(persons[cell], threshold):
            assert cell in hidden_set, f"{cell} is about {persons[cell]} persons and shown"
            # Even a reader who knows the unknown cell (it is usually empty) cannot recompute it.
            assert not derivable(hidden_set | {"unknown"}, cell, unknown_known=True), (persons, hidden)
    if sensitive(persons["unknown"], threshold):
        assert not derivable(hidden_set | {"unknown"}, "unknown", unknown_known=False), (persons, hidden)
    for cell in hidden_set:  # no suppressed cell at all follows from what is shown
        assert not derivable(hidden_set | {"unknown"}, cell, unknown_known=False), (persons, hidden)


counts = st.integers(min_value=0, max_value=12)


@given(men=counts, women=counts, unknown=counts, threshold=st.integers(min_value=2, max_value=8))
def test_no_sensitive_cell_can_be_recomputed(men: int, women: int, unknown: int, threshold: int) -> None:
    persons = {"men": men, "women": women, "unknown": unknown, "total": men + women + unknown}
    hidden = suppressed_cells(persons, threshold)
    assert_protected(persons, hidden, threshold)


def test_a_small_cell_takes_its_complement_with_it_and_keeps_the_total() -> None:
    assert suppressed_cells({"total": 40, "men": 37, "women": 3}) == ["men", "women"]
    assert suppressed_cells({"total": 40, "men": 3, "women": 37}) == ["men", "women"]


def test_large_cells_and_empty_cells_are_shown() -> None:
    assert suppressed_cells({"total": 40, "men": 20, "women": 20}) == []
    assert suppressed_cells({"total": 20, "men": 20, "women": 0}) == []
    assert suppressed_cells({"total": 0, "men": 0, "women": 0}) == []


def test_a_small_total_hides_everything_small() -> None:
    assert suppressed_cells({"total": 4, "men": 2, "women": 2}) == ["total", "men", "women"]
    assert suppressed_cells({"total": 3, "men": 3, "women": 0}) == ["total", "men"]


def test_a_few_persons_of_unknown_sex_hide_the_smaller_sex_cell() -> None:
    persons = {"total": 42, "men": 25, "women": 15, "unknown": 2}
    assert suppressed_cells(persons) == ["women"]
    assert suppressed_cells(persons, sizes={"total": 50, "men": 20, "women": 28}) == ["men"]


rows = st.lists(
    st.tuples(
        st.integers(min_value=1, max_value=15),  # person: a small pool, so persons have several rows
        st.sampled_from(["K", "M", None]),
        st.sampled_from(["A", "C", "F"]),
        st.integers(min_value=1, max_value=6),  # month of ending, 2022
    ),
    max_size=40,
)


@settings(max_examples=25, deadline=None)
@given(data=rows)
def test_computed_values_never_show_a_recomputable_small_cell(
    data: list[tuple[int, str | None, str, int]],
) -> None:
    sex_of = {}
    records = []
    for person, sex, grade, month in data:
        sex = sex_of.setdefault(person, sex)  # one sex per person, as the registers have it
        records.append(
            {
                "person_id": person,
                "sex": sex,
                "school_form": "sfi",
                "started_on": dt.date(2021, 12, 1),
                "completed": True,
                "grade": grade,
                "ended_on": dt.date(2022, month, 1),
            }
        )
    with tempfile.TemporaryDirectory() as folder:
        if records:
            write_parquet(Path(folder), "courses", records)
        else:
            write_parquet(Path(folder), "courses", [{"school_form": "grund"}])
        windows = [parse_window("2022-T1"), parse_window("2022-02-01..2022-05-31")]
        computation = compute(Path(folder), windows, definitions=["komvux.passed.sfi"], threshold=THRESHOLD)
        for window in windows:
            inside = [r for r in records if window.start <= r["ended_on"] <= window.end]
            expected = {
                cell: len(
                    {
                        r["person_id"]
                        for r in inside
                        if cell == "total"
                        or {"men": "M", "women": "K"}.get(cell) == r["sex"]
                        or (cell == "unknown" and r["sex"] is None)
                    }
                )
                for cell in ("total", "men", "women", "unknown")
            }
            value = computation.get("komvux.passed.sfi", window)
            for cell, persons in expected.items():
                assert sensitive(value.persons[cell], THRESHOLD) == sensitive(persons, THRESHOLD)
            assert_protected(expected, value.suppressed)
            reported = period_json(computation, window)["values"][0]
            for cell in value.suppressed:
                assert reported[cell] is None
                assert reported["numerator"][cell] is None and reported["denominator"][cell] is None
            assert json.dumps(reported)  # serialisable


def test_a_suppressed_cell_is_null_in_the_json_and_named(tmp_path: Path) -> None:
    courses = [
        {
            "person_id": p,
            "sex": "K" if p <= 10 else "M",
            "school_form": "sfi",
            "completed": True,
            "grade": "A",
            "ended_on": dt.date(2022, 2, 1),
        }
        for p in range(1, 13)
    ]
    write_parquet(tmp_path, "courses", courses)
    window = parse_window("2022-T1")
    reported = period_json(compute(tmp_path, [window], definitions=["komvux.passed.sfi"]), window)
    value = reported["values"][0]
    assert reported["suppression_threshold"] == 5
    assert value["total"] == 100
    assert value["suppressed"] == ["men", "women"]
    assert value["men"] is None and value["women"] is None
    assert value["numerator"] == {"total": 12, "men": None, "women": None}
    assert value["provenance"]["suppressed"] == ["men", "women"]
