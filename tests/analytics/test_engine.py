"""The engine over generated data: both ways of computing agree, provenance is complete, the organisation
filter holds, and the generator is deterministic."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Any

import pytest

from styrkedja.analytics.engine import Computation, compute, program_version
from styrkedja.analytics.generate import generate
from styrkedja.analytics.policy import DisclosurePolicy
from styrkedja.analytics.registry import load_registry
from styrkedja.analytics.report import period_json, period_text
from styrkedja.analytics.windows import Window, parse_window, report_periods

from .conftest import write_parquet

NOW = dt.datetime(2023, 2, 1, 12, 0, tzinfo=dt.UTC)
# These tests are about the sums; the suppression across periods and units is test_protection.py's.
LIGHT = DisclosurePolicy(together=frozenset({"sexes", "periods"}))


def run(folder: Path, windows: list[Window], **options: Any) -> Computation:
    return compute(folder, windows, policy=LIGHT, **options)


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("small")
    generate(folder, scale="small", seed=3)
    return folder


def snapshot(computation: Computation, window: Window) -> list[tuple[object, ...]]:
    return [
        (
            v.definition.id,
            v.suppressed,
            {
                name: (c.value if c.value is None else round(c.value, 9), c.numerator, c.denominator)
                for name, c in v.cells.items()
            },
        )
        for v in computation.for_window(window)
    ]


@pytest.mark.parametrize("period", ["2022-T1", "2021-H1", "2020-T2", "2019"])
def test_the_shared_month_sums_agree_with_a_pass_over_the_window(small: Path, period: str) -> None:
    window = parse_window(period)
    assert window.from_new_year
    shared = run(small, [window])
    direct = run(small, [window], shared=False)
    assert snapshot(shared, window) == snapshot(direct, window)
    assert any(
        v.suppressed for v in shared.values
    )  # the small scale has small cells: the comparison covers them


def test_the_same_results_come_from_one_period_at_a_time_and_all_at_once(small: Path) -> None:
    windows = report_periods(2013, 2022)
    assert len(windows) == 40
    together = run(small, windows)
    for window in (windows[0], windows[17], windows[-1]):
        assert snapshot(run(small, [window]), window) == snapshot(together, window)


def test_months_quarters_and_ranges_are_windows_too(small: Path) -> None:
    windows = [parse_window(p) for p in ("2022-03", "2022-Q2", "2021-07-01..2022-06-30")]
    computation = run(small, windows)
    for window in windows:
        assert len(computation.for_window(window)) == len(load_registry())


def test_every_value_carries_its_provenance(small: Path) -> None:
    window = parse_window("2022-T1")
    computation = run(small, [window], now=NOW)
    registry = load_registry()
    for value in computation.for_window(window):
        p = value.provenance
        assert p["definition"] == value.definition.id
        assert p["definition_sha256"] == registry.get(value.definition.id).sha256
        assert p["program_version"] == program_version() != "unknown"
        assert p["computed_at"] == "2023-02-01T12:00:00+00:00"
        assert (p["period"], p["window_start"], p["window_end"]) == ("2022-T1", "2022-01-01", "2022-04-30")
        assert p["suppression_threshold"] == 5 and p["suppressed"] == value.suppressed
        (source,) = p["inputs"]
        assert source["file"] == f"{value.definition.table}.parquet"
        assert source["sha256"] == hashlib.sha256((small / source["file"]).read_bytes()).hexdigest()
        assert source["rows"] > 0


def test_the_json_has_the_fields_of_the_contract(small: Path) -> None:
    window = parse_window("2022-T1")
    reported = period_json(run(small, [window]), window)
    assert {"period", "suppression_threshold", "values"} <= set(reported)
    for value in reported["values"]:
        assert {
            "indicator",
            "total",
            "men",
            "women",
            "numerator",
            "denominator",
            "suppressed",
            "provenance",
        } <= set(value)
        assert set(value["numerator"]) == set(value["denominator"]) == {"total", "men", "women"}
    assert "skyddat" in period_text(run(small, [window]), window)


def test_only_the_organisations_rows_are_counted(tmp_path: Path) -> None:
    write_parquet(
        tmp_path,
        "measures",
        [{"organisation": "amn"} for _ in range(6)] + [{"organisation": "k1001"} for _ in range(7)],
    )
    window = parse_window("2022-T1")
    counts = {
        key: compute(tmp_path, [window], definitions=["jobbtorg.stockholmsjobb"], organisations=orgs)
        .get("jobbtorg.stockholmsjobb", window)
        .value("total")
        for key, orgs in {"all": None, "amn": ["amn"], "both": ["amn", "k1001"], "none": []}.items()
    }
    assert counts == {"all": 13, "amn": 6, "both": 13, "none": 0}


def test_persons_are_counted_not_rows_when_deciding_what_to_suppress(tmp_path: Path) -> None:
    # Six course results of women, but from two women: the women's cell is about two persons.
    rows = [{"person_id": 1 + i % 2, "sex": "K"} for i in range(6)] + [{"sex": "M"} for _ in range(6)]
    for row in rows:
        row.update(completed=True, grade="A", ended_on=dt.date(2022, 2, 1))
    write_parquet(tmp_path, "courses", rows)
    window = parse_window("2022-T1")
    value = compute(tmp_path, [window], definitions=["komvux.passed.sfi"]).get("komvux.passed.sfi", window)
    assert value.persons["women"] == 2
    assert value.suppressed == ["men", "women"]
    assert value.cells["total"].denominator == 12


def test_the_generator_is_deterministic_and_writes_every_table(tmp_path: Path) -> None:
    first = generate(tmp_path / "a", scale="small", seed=5)
    second = generate(tmp_path / "b", scale="small", seed=5)
    assert first == second and set(first) == {"enrolments", "measures", "courses", "outreach"}
    window = parse_window("2021")
    assert snapshot(run(tmp_path / "a", [window]), window) == snapshot(run(tmp_path / "b", [window]), window)
    other = generate(tmp_path / "c", scale="small", seed=6)
    assert other != first
