"""Every definition in the registry, on tables small enough to compute by hand.

Suppression is off here (threshold 1: no cell is about fewer than one person); it has its own tests. The
edge cases: an event on the last day of the period, a missing sex (in the total only), the age on the day
of enrolment or contact (not of ending), a person with several enrolments or measures.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from styrkedja.analytics.engine import IndicatorValue, compute
from styrkedja.analytics.registry import load_registry
from styrkedja.analytics.windows import parse_window

from .conftest import write_parquet

D = dt.date
# The definitions this file computes by hand; the last test checks that it is all of the registry.
TESTED = {
    "jobbtorg.action_plan_5_days",
    "jobbtorg.work_or_studies_12_months",
    "jobbtorg.enrolment_time",
    "jobbtorg.enrolment_time_18_29",
    "jobbtorg.work_or_studies_18_29",
    "jobbtorg.self_sufficient_6_months",
    "jobbtorg.stockholmsjobb",
    "komvux.passed.sfi",
    "komvux.passed.grund",
    "komvux.passed.gy_hf",
    "komvux.passed.gy_yrk",
    "outreach.neet_20_29_took_part",
    "outreach.neet_20_29_took_part_share",
}


def one(folder: Path, definition: str, period: str = "2022-T1") -> IndicatorValue:
    assert definition in TESTED
    window = parse_window(period)
    return compute(folder, [window], definitions=[definition], threshold=1).get(definition, window)


def cells(value: IndicatorValue) -> dict[str, tuple[float | None, float | None, float | None]]:
    return {name: (c.value, c.numerator, c.denominator) for name, c in value.cells.items()}


def test_action_plan_within_five_days_counts_each_enrolment_by_its_day(tmp_path: Path) -> None:
    write_parquet(
        tmp_path,
        "enrolments",
        [
            {"person_id": 7, "sex": "K", "enrolled_on": D(2022, 1, 10), "plan_on": D(2022, 1, 10)},  # day 0
            {"sex": "K", "enrolled_on": D(2022, 2, 1), "plan_on": D(2022, 2, 6)},  # day 5: in time
            {"sex": "M", "enrolled_on": D(2022, 3, 1), "plan_on": D(2022, 3, 7)},  # day 6: late
            {"sex": "M", "enrolled_on": D(2022, 3, 15)},  # no plan
            {"sex": "M", "enrolled_on": D(2022, 4, 30), "plan_on": D(2022, 5, 2)},  # last day of T1
            {"sex": "K", "enrolled_on": D(2022, 5, 1), "plan_on": D(2022, 5, 1)},  # after T1
            {
                "person_id": 7,
                "sex": "K",
                "enrolled_on": D(2022, 4, 1),
                "plan_on": D(2022, 4, 20),
            },  # again, late
        ],
    )
    value = one(tmp_path, "jobbtorg.action_plan_5_days")
    assert cells(value) == {
        "total": (50.0, 3, 6),
        "men": (pytest.approx(100 / 3), 1, 3),
        "women": (pytest.approx(200 / 3), 2, 3),
    }
    assert value.suppressed == []


def test_work_or_studies_within_twelve_months_follows_the_enrolment_cohort(tmp_path: Path) -> None:
    write_parquet(
        tmp_path,
        "enrolments",
        [
            # Twelve months end 2022-01-15; ended that very day to work: counts.
            {"sex": "K", "enrolled_on": D(2021, 1, 15), "ended_on": D(2022, 1, 15), "end_reason": "work"},
            # One day too late.
            {"sex": "K", "enrolled_on": D(2021, 1, 15), "ended_on": D(2022, 1, 16), "end_reason": "work"},
            {"sex": "M", "enrolled_on": D(2021, 3, 1), "ended_on": D(2021, 6, 30), "end_reason": "studies"},
            {
                "sex": "M",
                "enrolled_on": D(2021, 4, 30),
                "ended_on": D(2021, 5, 10),
                "end_reason": "other_support",
            },
            {"sex": "M", "enrolled_on": D(2021, 4, 30)},  # still enrolled
            {"sex": "K", "enrolled_on": D(2021, 5, 1)},  # twelve months end 2022-05-01: after T1
            {"sex": "K", "enrolled_on": D(2020, 12, 31)},  # … 2021-12-31: before
        ],
    )
    assert cells(one(tmp_path, "jobbtorg.work_or_studies_12_months")) == {
        "total": (40.0, 2, 5),
        "men": (pytest.approx(100 / 3), 1, 3),
        "women": (50.0, 1, 2),
    }


def _ended(enrolled: dt.date, ended: dt.date, **extra: object) -> dict[str, object]:
    return {"enrolled_on": enrolled, "ended_on": ended, "end_reason": "work", **extra}


def test_enrolment_time_is_the_average_of_those_ended_in_the_period_in_months(tmp_path: Path) -> None:
    write_parquet(
        tmp_path,
        "enrolments",
        [
            _ended(D(2021, 12, 1), D(2022, 1, 1), sex="K"),  # 31 days
            _ended(D(2022, 1, 1), D(2022, 4, 30), sex="K"),  # 119 days, ended on the last day of T1
            _ended(D(2021, 6, 1), D(2022, 3, 1), sex="M"),  # 273 days
            _ended(D(2022, 2, 1), D(2022, 5, 1), sex="M"),  # ended after T1
            {"sex": "M", "enrolled_on": D(2022, 1, 5)},  # not ended
        ],
    )
    month = 30.4375
    assert cells(one(tmp_path, "jobbtorg.enrolment_time")) == {
        "total": (pytest.approx(423 / 3 / month), 423, 3),
        "men": (pytest.approx(273 / month), 273, 1),
        "women": (pytest.approx(150 / 2 / month), 150, 2),
    }


def test_enrolment_time_of_the_young_takes_the_age_on_the_day_of_enrolment(tmp_path: Path) -> None:
    write_parquet(
        tmp_path,
        "enrolments",
        [
            # 29 when enrolled in 2021, 30 by the time it ended in 2022: young. 43 days.
            _ended(D(2021, 12, 20), D(2022, 2, 1), sex="K", birth_year=1992),
            _ended(D(2022, 1, 10), D(2022, 3, 10), sex="M", birth_year=1992),  # 30 when enrolled
            _ended(D(2022, 1, 3), D(2022, 1, 31), sex="M", birth_year=2004),  # 18: young, 28 days
            _ended(D(2022, 1, 3), D(2022, 2, 3), sex="K", birth_year=2005),  # 17
            _ended(D(2022, 1, 3), D(2022, 2, 3), sex="K", birth_year=None),  # age unknown
        ],
    )
    month = 30.4375
    assert cells(one(tmp_path, "jobbtorg.enrolment_time_18_29")) == {
        "total": (pytest.approx(71 / 2 / month), 71, 2),
        "men": (pytest.approx(28 / month), 28, 1),
        "women": (pytest.approx(43 / month), 43, 1),
    }


def test_work_or_studies_of_the_young_counts_endings_in_the_period(tmp_path: Path) -> None:
    write_parquet(
        tmp_path,
        "enrolments",
        [
            _ended(D(2021, 12, 20), D(2022, 2, 1), sex="K", birth_year=1992),
            _ended(D(2022, 1, 5), D(2022, 4, 30), sex="K", birth_year=1995, end_reason="other"),
            _ended(D(2022, 1, 5), D(2022, 3, 1), sex="M", birth_year=2000, end_reason="studies"),
            _ended(D(2022, 1, 5), D(2022, 3, 1), sex="M", birth_year=1980),  # 42
            _ended(D(2022, 1, 5), D(2022, 5, 1), sex="M", birth_year=2000),  # after T1
        ],
    )
    assert cells(one(tmp_path, "jobbtorg.work_or_studies_18_29")) == {
        "total": (pytest.approx(200 / 3), 2, 3),
        "men": (100.0, 1, 1),
        "women": (50.0, 1, 2),
    }


def test_self_sufficiency_is_placed_six_months_after_the_ending(tmp_path: Path) -> None:
    start = D(2021, 1, 10)
    write_parquet(
        tmp_path,
        "enrolments",
        [
            _ended(start, D(2021, 10, 31), sex="K", self_sufficient_6m=True),  # six months: 2022-04-30
            _ended(start, D(2021, 11, 1), sex="K", self_sufficient_6m=True),  # 2022-05-01: after T1
            _ended(start, D(2021, 8, 31), sex="M", self_sufficient_6m=False),  # 2022-02-28
            _ended(start, D(2021, 7, 15), sex="M", self_sufficient_6m=True),  # 2022-01-15
            _ended(start, D(2021, 9, 1), sex="M", self_sufficient_6m=None),  # not followed up
        ],
    )
    assert cells(one(tmp_path, "jobbtorg.self_sufficient_6_months")) == {
        "total": (pytest.approx(200 / 3), 2, 3),
        "men": (50.0, 1, 2),
        "women": (100.0, 1, 1),
    }


def test_stockholmsjobb_counts_persons_once_and_the_unknown_sex_in_the_total(tmp_path: Path) -> None:
    write_parquet(
        tmp_path,
        "measures",
        [
            {"person_id": 1, "sex": "K", "started_on": D(2022, 1, 10)},
            {"person_id": 1, "sex": "K", "started_on": D(2022, 3, 1)},  # the same person again
            {"person_id": 2, "sex": "M", "started_on": D(2022, 4, 30)},  # last day of T1
            {"person_id": 3, "sex": "M", "kind": "internship", "started_on": D(2022, 2, 1)},
            {"person_id": 4, "sex": "K", "started_on": D(2022, 5, 2)},  # in H1, not in T1
            {"person_id": 5, "sex": None, "started_on": D(2022, 2, 2)},  # sex unknown
        ],
    )
    t1 = one(tmp_path, "jobbtorg.stockholmsjobb")
    assert cells(t1) == {"total": (3, 3, None), "men": (1, 1, None), "women": (1, 1, None)}
    h1 = one(tmp_path, "jobbtorg.stockholmsjobb", "2022-H1")
    assert [h1.value(c) for c in ("total", "men", "women")] == [4, 1, 2]


@pytest.mark.parametrize(
    ("definition", "form", "other"),
    [
        ("komvux.passed.sfi", "sfi", "grund"),
        ("komvux.passed.grund", "grund", "sfi"),
        ("komvux.passed.gy_hf", "gy_hf", "gy_yrk"),
        ("komvux.passed.gy_yrk", "gy_yrk", "gy_hf"),
    ],
)
def test_passed_courses_are_a_share_of_the_completed_ones(
    tmp_path: Path, definition: str, form: str, other: str
) -> None:
    done = {"school_form": form, "completed": True}
    write_parquet(
        tmp_path,
        "courses",
        [
            {**done, "sex": "K", "grade": "A", "ended_on": D(2022, 2, 1)},
            {**done, "sex": "K", "grade": "E", "ended_on": D(2022, 4, 30)},  # last day of T1
            {**done, "sex": "M", "grade": "F", "ended_on": D(2022, 3, 1)},  # failed
            {"school_form": form, "sex": "M", "completed": False, "ended_on": D(2022, 3, 1)},  # discontinued
            {"school_form": form, "sex": "M"},  # ongoing
            {**done, "school_form": other, "sex": "K", "grade": "A", "ended_on": D(2022, 2, 1)},
            {**done, "sex": "M", "grade": "C", "ended_on": D(2022, 5, 1)},  # after T1
            {**done, "sex": None, "grade": "B", "ended_on": D(2022, 1, 20)},  # sex unknown: total only
        ],
    )
    assert cells(one(tmp_path, definition)) == {
        "total": (75.0, 3, 4),
        "men": (0.0, 0, 1),
        "women": (100.0, 2, 2),
    }


def test_outreach_counts_young_neet_persons_who_started_a_measure(tmp_path: Path) -> None:
    write_parquet(
        tmp_path,
        "outreach",
        [
            {
                "person_id": 1,
                "sex": "K",
                "birth_year": 1995,
                "contacted_on": D(2022, 1, 10),
                "measure_started_on": D(2022, 2, 1),
            },
            {
                "person_id": 1,
                "sex": "K",
                "birth_year": 1995,
                "contacted_on": D(2022, 3, 1),
                "measure_started_on": D(2022, 3, 15),
            },
            {
                "person_id": 2,
                "sex": "M",
                "birth_year": 2002,
                "contacted_on": D(2022, 2, 1),
                "measure_started_on": D(2022, 4, 30),
            },
            {
                "person_id": 3,
                "sex": "M",
                "birth_year": 1992,
                "contacted_on": D(2022, 1, 10),
                "measure_started_on": D(2022, 2, 1),
            },
            {
                "person_id": 4,
                "sex": "M",
                "birth_year": 2000,
                "neet": False,
                "measure_started_on": D(2022, 2, 1),
            },
            {"person_id": 5, "sex": "K", "birth_year": 2000},  # no measure
            {
                "person_id": 6,
                "sex": "K",
                "birth_year": 2003,
                "contacted_on": D(2022, 1, 10),
                "measure_started_on": D(2022, 2, 1),
            },
            # 29 when reached in December, 30 by the measure in January: counts (age on the contact day).
            {
                "person_id": 7,
                "sex": "M",
                "birth_year": 1992,
                "contacted_on": D(2021, 12, 1),
                "measure_started_on": D(2022, 1, 5),
            },
        ],
    )
    assert cells(one(tmp_path, "outreach.neet_20_29_took_part")) == {
        "total": (3, 3, None),
        "men": (2, 2, None),
        "women": (1, 1, None),
    }


def test_outreach_share_is_of_those_reached_in_the_period(tmp_path: Path) -> None:
    write_parquet(
        tmp_path,
        "outreach",
        [
            {
                "sex": "K",
                "birth_year": 1995,
                "contacted_on": D(2022, 1, 10),
                "measure_started_on": D(2022, 2, 1),
            },
            {"sex": "K", "birth_year": 1995, "contacted_on": D(2022, 2, 10)},
            {
                "sex": "M",
                "birth_year": 2000,
                "contacted_on": D(2022, 4, 30),
                "measure_started_on": D(2022, 6, 1),
            },
            {"sex": "M", "birth_year": 2000, "contacted_on": D(2022, 5, 1)},
            {"sex": "M", "birth_year": 1990, "contacted_on": D(2022, 2, 10)},
            {"sex": "M", "birth_year": 2000, "neet": False, "contacted_on": D(2022, 2, 10)},
        ],
    )
    assert cells(one(tmp_path, "outreach.neet_20_29_took_part_share")) == {
        "total": (pytest.approx(200 / 3), 2, 3),
        "men": (100.0, 1, 1),
        "women": (50.0, 1, 2),
    }


def test_no_one_in_the_denominator_gives_no_value_not_zero(tmp_path: Path) -> None:
    write_parquet(
        tmp_path,
        "courses",
        [{"school_form": "grund", "completed": True, "grade": "A", "ended_on": D(2022, 2, 1)}],
    )
    value = one(tmp_path, "komvux.passed.sfi")
    assert cells(value) == {"total": (None, 0, 0), "men": (None, 0, 0), "women": (None, 0, 0)}


def test_every_definition_in_the_registry_has_a_hand_computed_test() -> None:
    assert {d.id for d in load_registry()} == TESTED
