"""Synthetic microdata with plausible distributions, for demos, tests and the benchmark.

Vectorised with numpy: the national scale (≈ 15 million course rows) takes seconds. Deterministic for a
given seed and scale. One Parquet file per table, written a year at a time (one row group per year and
million rows), so memory stays bounded.

Nothing here is about real people: persons are drawn from a made-up population with pseudonymous numbers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]

from styrkedja.analytics.schema import (
    END_REASONS,
    GRADES,
    MAX_PERSON_ID,
    MEASURE_KINDS,
    SCHOOL_FORMS,
    TABLES,
    ColumnType,
)
from styrkedja.analytics.units import write_units

Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]
Bools = npt.NDArray[np.bool_]
Rng = np.random.Generator


@dataclass(frozen=True)
class Scale:
    persons: int
    enrolments: int  # per year
    courses: int  # per year
    measures: int  # per year
    outreach: int  # per year
    organisations: int  # 1: the committee's (amn) units; more: a national extract, one code per municipality


SCALES = {
    "small": Scale(persons=3_000, enrolments=120, courses=400, measures=90, outreach=60, organisations=1),
    "city": Scale(
        persons=200_000, enrolments=20_000, courses=60_000, measures=9_000, outreach=3_000, organisations=1
    ),
    "national": Scale(
        persons=4_000_000,
        enrolments=100_000,
        courses=1_500_000,
        measures=45_000,
        outreach=40_000,
        organisations=290,
    ),
}
YEARS = 10
FIRST_BIRTH_YEAR = 1935
LAST_BIRTH_YEAR = 2008
UNKNOWN_SEX_RATE = 2e-5  # registers derive sex from the personnummer: it is almost never missing
UNKNOWN_BIRTH_YEAR_RATE = 2e-5
_PRIME = 999_999_937  # largest prime below 10**9: i ↦ (a·i + b) mod p is a bijection, so ids are unique
ROW_GROUP = 1_000_000


@dataclass
class Persons:
    """The made-up population, sorted by (birth year, sex) so that a person of a given age and sex can be
    drawn in one vectorised step."""

    ids: npt.NDArray[np.int32]
    recorded_sex: npt.NDArray[np.int8]  # 0 = K, 1 = M, -1 = unknown
    recorded_birth_year: npt.NDArray[np.int16]  # 0 = unknown
    starts: Ints
    counts: Ints

    def draw(self, rng: Rng, birth_year: Ints, male: Bools) -> Ints:
        birth_year = np.clip(birth_year, FIRST_BIRTH_YEAR, LAST_BIRTH_YEAR)
        key = (birth_year - FIRST_BIRTH_YEAR) * 2 + male.astype(np.int64)
        return self.starts[key] + (rng.random(len(key)) * self.counts[key]).astype(np.int64)


def make_persons(rng: Rng, n: int) -> Persons:
    birth_year = rng.integers(FIRST_BIRTH_YEAR, LAST_BIRTH_YEAR + 1, size=n)
    male = rng.random(n) < 0.5
    key = (birth_year - FIRST_BIRTH_YEAR) * 2 + male
    order = np.argsort(key, kind="stable")
    key = key[order]
    counts = np.bincount(key, minlength=(LAST_BIRTH_YEAR - FIRST_BIRTH_YEAR + 1) * 2).astype(np.int64)
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]]).astype(np.int64)
    index = np.arange(n, dtype=np.int64)
    ids = ((index * 48_271 + 11) % _PRIME + 1).astype(np.int32)
    assert int(ids.max()) <= MAX_PERSON_ID
    sex = np.where(male[order], 1, 0).astype(np.int8)
    sex[rng.random(n) < UNKNOWN_SEX_RATE] = -1
    recorded_birth_year = birth_year[order].astype(np.int16)
    recorded_birth_year[rng.random(n) < UNKNOWN_BIRTH_YEAR_RATE] = 0
    return Persons(ids[rng.permutation(n)], sex, recorded_birth_year, starts, counts)


# --- small vectorised helpers ---------------------------------------------------------------------------


def _days(year: int, month_weights: list[float], rng: Rng, n: int) -> Ints:
    """Days since 1970-01-01 of n dates in the year, months weighted (fewer in July and December)."""
    weights = np.asarray(month_weights, dtype=np.float64)
    month = rng.choice(12, size=n, p=weights / weights.sum())
    starts = np.array([np.datetime64(dt.date(year, m, 1), "D") for m in range(1, 13)]).astype(np.int64)
    lengths = np.diff(np.append(starts, np.datetime64(dt.date(year + 1, 1, 1), "D").astype(np.int64)))
    return starts[month] + (rng.random(n) * lengths[month]).astype(np.int64)


def _epoch(day: dt.date) -> int:
    return int(np.datetime64(day, "D").astype(np.int64))


def _pick(rng: Rng, probabilities: Floats | list[float], n: int) -> Ints:
    p = np.asarray(probabilities, dtype=np.float64)
    return rng.choice(len(p), size=n, p=p / p.sum()).astype(np.int64)


def _add_months(days: Ints, months: int) -> Ints:
    """Calendar months later, clamped to the month's last day (as SQL's `+ INTERVAL n MONTH`)."""
    dates = days.astype("datetime64[D]")
    month_start = dates.astype("datetime64[M]")
    day_of_month = (dates - month_start.astype("datetime64[D]")).astype(np.int64)
    target = month_start + np.timedelta64(months, "M")
    length = (
        (target + np.timedelta64(1, "M")).astype("datetime64[D]") - target.astype("datetime64[D]")
    ).astype(np.int64)
    result = target.astype("datetime64[D]").astype(np.int64) + np.minimum(day_of_month, length - 1)
    return np.asarray(result, dtype=np.int64)


MONTHS_FLAT = [1.0] * 12
MONTHS_JOBBTORG = [1.15, 1.1, 1.1, 1.0, 1.0, 0.9, 0.55, 0.9, 1.15, 1.1, 1.05, 0.7]


# --- columns --------------------------------------------------------------------------------------------


def _date_array(days: Ints, missing: Bools | None = None) -> Any:
    return pa.array(days.astype(np.int32), type=pa.int32(), mask=missing).cast(pa.date32())


def _dict_array(index: Ints, values: tuple[str, ...] | list[str], missing: Bools | None = None) -> Any:
    return pa.DictionaryArray.from_arrays(
        pa.array(index.astype(np.int16), type=pa.int16(), mask=missing), pa.array(list(values))
    )


def _person_columns(persons: Persons, rows: Ints, organisation: Ints, org_codes: list[str]) -> dict[str, Any]:
    """The person columns of the rows (indices into `persons`), and each row's organisation."""
    sex = persons.recorded_sex[rows]
    birth_year = persons.recorded_birth_year[rows]
    return {
        "person_id": pa.array(persons.ids[rows], type=pa.int32()),
        "sex": _dict_array(np.maximum(sex, 0).astype(np.int64), ["K", "M"], sex < 0),
        "birth_year": pa.array(birth_year, type=pa.int16(), mask=birth_year == 0),
        "organisation": _dict_array(organisation, org_codes),
    }


# The committee's units in the small and city extracts (written to organisations.csv): Jobbtorg's offices
# hold the enrolments, measures and outreach, adult education's the courses. A person belongs to one
# office of each (chosen from the person), so the units' persons add up to the committee's.
UNITS: dict[str | None, list[tuple[str, float]]] = {
    None: [("amn", 1.0)],
    "amn": [("jobbtorg", 0.0), ("vux", 0.0)],
    "jobbtorg": [("jobbtorg-norr", 0.45), ("jobbtorg-soder", 0.35), ("jobbtorg-vaster", 0.20)],
    "vux": [("vux-city", 0.6), ("vux-soder", 0.4)],
}
DEPARTMENT_OF_TABLE = {
    "enrolments": "jobbtorg",
    "measures": "jobbtorg",
    "outreach": "jobbtorg",
    "courses": "vux",
}


@dataclass
class Context:
    rng: Rng
    persons: Persons
    extraction: int  # the extract's date (days since epoch): nothing later is known
    org_codes: list[str]
    org_weights: Floats

    def organisations(self, n: int, table: str, rows: Ints) -> Ints:
        """Each row's organisation (an index into org_codes): in the committee's extract its office, chosen
        from the person; in a national one a municipality drawn by size."""
        if self.org_codes[0] != "amn" or "jobbtorg" not in self.org_codes:
            return _pick(self.rng, self.org_weights, n)
        offices = UNITS[DEPARTMENT_OF_TABLE[table]]
        edges = np.cumsum([w for _, w in offices])
        share = (self.persons.ids[rows].astype(np.int64) * 2_654_435_761 % 1_000_003) / 1_000_003
        index = np.minimum(np.searchsorted(edges, share, side="right"), len(offices) - 1)
        first = self.org_codes.index(offices[0][0])
        return (first + index).astype(np.int64)


def _ages(rng: Rng, n: int, low: int, shape: float, scale: float, high: int) -> Ints:
    return np.minimum(low + np.floor(rng.gamma(shape, scale, size=n)).astype(np.int64), high)


def enrolments(ctx: Context, year: int, n: int) -> tuple[dict[str, Any], dict[str, Any]]:
    """Jobbtorg enrolments of the year, and what measures need of them (person rows, enrolment days)."""
    rng = ctx.rng
    male = rng.random(n) < 0.55
    age = _ages(rng, n, 18, 2.0, 8.0, 64)
    rows = ctx.persons.draw(rng, year - age, male)
    young = age <= 29
    enrolled = _days(year, MONTHS_JOBBTORG, rng, n)
    has_plan = rng.random(n) < np.where(male, 0.95, 0.97)
    quick = rng.random(n) < 0.88
    delay = np.where(quick, rng.geometric(0.45, n) - 1, 6 + rng.geometric(1 / 12, n))
    plan = enrolled + delay
    plan_missing = ~has_plan | (plan > ctx.extraction)
    median = np.where(young, 130.0, 190.0) * np.where(male, 1.0, 1.08)
    duration = np.maximum(1, (median * rng.lognormal(0.0, 0.7, n)).astype(np.int64))
    ended = enrolled + duration
    ongoing = ended > ctx.extraction
    reason_young = [0.35, 0.25, 0.12, 0.05, 0.08, 0.15]
    reason_older = [0.35, 0.08, 0.25, 0.05, 0.12, 0.15]
    reason = np.where(young, _pick(rng, reason_young, n), _pick(rng, reason_older, n))
    p_self = np.array([0.9, 0.75, 0.8, 0.0, 0.15, 0.35])[reason]
    self_sufficient = rng.random(n) < p_self
    followed = ~ongoing & (_add_months(ended, 6) <= ctx.extraction) & (reason != END_REASONS.index("moved"))
    organisation = ctx.organisations(n, "enrolments", rows)
    columns = {
        **_person_columns(ctx.persons, rows, organisation, ctx.org_codes),
        "enrolled_on": _date_array(enrolled),
        "plan_on": _date_array(plan, plan_missing),
        "ended_on": _date_array(ended, ongoing),
        "end_reason": _dict_array(reason, END_REASONS, ongoing),
        "self_sufficient_6m": pa.array(self_sufficient, type=pa.bool_(), mask=~followed),
    }
    return columns, {"rows": rows, "enrolled": enrolled, "organisation": organisation}


def measures(ctx: Context, n: int, enrolled: dict[str, Any]) -> dict[str, Any]:
    rng = ctx.rng
    pick = rng.integers(0, len(enrolled["rows"]), size=n)
    kind = _pick(rng, [0.07, 0.45, 0.33, 0.15], n)
    started = enrolled["enrolled"][pick] + rng.integers(20, 240, size=n)
    keep = started <= ctx.extraction
    pick, kind, started = pick[keep], kind[keep], started[keep]
    months = np.where(kind == MEASURE_KINDS.index("stockholmsjobb"), 9.0, 3.0)
    ended = started + (months * 30.4 * rng.uniform(0.5, 1.5, len(kind))).astype(np.int64)
    return {
        **_person_columns(ctx.persons, enrolled["rows"][pick], enrolled["organisation"][pick], ctx.org_codes),
        "kind": _dict_array(kind, MEASURE_KINDS),
        "started_on": _date_array(started),
        "ended_on": _date_array(ended, ended > ctx.extraction),
    }


COURSE_CODES = {
    "sfi": ["SFIKURA", "SFIKURB", "SFIKURC", "SFIKURD"],
    "grund": ["GRNSVAu", "GRNMATu", "GRNENGu", "GRNSAMu", "GRNNATu"],
    "gy_hf": ["SVESVE01", "MATMAT01c", "ENGENG05", "HISHIS01b", "SAMSAM01b", "NAKNAK01a1"],
    "gy_yrk": ["VARVAR0", "BYGBYG0", "FORFOR0", "ELLELL0", "RESRES0", "BARBAR0"],
}
# Per school form (order of SCHOOL_FORMS): share of participations, share of women, age (low, gamma shape,
# gamma scale), course length in days (min, max), completion rate, pass rate among the completed.
FORM_SHARE = [0.28, 0.14, 0.33, 0.25]
FORM_WOMEN = [0.62, 0.60, 0.60, 0.66]
FORM_AGE = [(20, 3.0, 5.0), (20, 2.5, 5.0), (19, 1.5, 5.0), (20, 2.5, 6.0)]
FORM_DAYS = [(60, 150), (50, 140), (35, 140), (30, 150)]
FORM_COMPLETED = [0.75, 0.78, 0.80, 0.88]
FORM_PASSED = [0.93, 0.85, 0.77, 0.91]


def courses(ctx: Context, year: int, n: int) -> dict[str, Any]:
    rng = ctx.rng
    students = max(1, int(n / 3.2))
    per_student = 1 + rng.poisson(2.2, size=students)
    form_of_student = _pick(rng, FORM_SHARE, students)
    male_student = rng.random(students) >= np.asarray(FORM_WOMEN)[form_of_student]
    low, shape, scale = (np.asarray([a[i] for a in FORM_AGE]) for i in range(3))
    age = np.minimum(
        low[form_of_student]
        + np.floor(rng.gamma(shape[form_of_student], scale[form_of_student])).astype(np.int64),
        70,
    )
    person_of_student = ctx.persons.draw(rng, year - age, male_student)
    org_of_student = ctx.organisations(students, "courses", person_of_student)
    student = np.repeat(np.arange(students), per_student)[:n]
    n = len(student)
    form = form_of_student[student]
    male = male_student[student]
    term = _pick(rng, [0.45, 0.40, 0.15], n)
    jan = _epoch(dt.date(year, 1, 8)) + rng.integers(0, 21, size=n)
    aug = _epoch(dt.date(year, 8, 15)) + rng.integers(0, 25, size=n)
    anytime = _days(year, [1, 1, 1, 1, 1, 0.8, 0.2, 0.8, 1, 1, 1, 0.6], rng, n)
    started = np.where(term == 0, jan, np.where(term == 1, aug, anytime))
    shortest, longest = (np.asarray([d[i] for d in FORM_DAYS]) for i in range(2))
    length = rng.integers(shortest[form], longest[form])
    completed = rng.random(n) < np.asarray(FORM_COMPLETED)[form]
    ended = started + np.where(completed, length, (length * rng.uniform(0.1, 0.9, n)).astype(np.int64))
    ongoing = ended > ctx.extraction
    passed = rng.random(n) < np.asarray(FORM_PASSED)[form] + np.where(male, -0.02, 0.02)
    grade = np.where(passed, _pick(rng, [0.10, 0.15, 0.25, 0.20, 0.30], n), GRADES.index("F"))
    code_offsets = np.cumsum([0] + [len(COURSE_CODES[f]) for f in SCHOOL_FORMS])
    all_codes = [code for f in SCHOOL_FORMS for code in COURSE_CODES[f]]
    sizes = np.diff(code_offsets)
    code = code_offsets[form] + (rng.random(n) * sizes[form]).astype(np.int64)
    return {
        **_person_columns(ctx.persons, person_of_student[student], org_of_student[student], ctx.org_codes),
        "school_form": _dict_array(form, SCHOOL_FORMS),
        "course_code": _dict_array(code, all_codes),
        "started_on": _date_array(started),
        "ended_on": _date_array(ended, ongoing),
        "completed": pa.array(completed, type=pa.bool_(), mask=ongoing),
        "grade": _dict_array(grade, GRADES, ongoing | ~completed),
    }


def outreach(ctx: Context, year: int, n: int) -> dict[str, Any]:
    rng = ctx.rng
    male = rng.random(n) < 0.58
    age = np.where(rng.random(n) < 0.8, rng.integers(20, 30, size=n), rng.integers(16, 36, size=n))
    rows = ctx.persons.draw(rng, year - age, male)
    contacted = _days(year, MONTHS_JOBBTORG, rng, n)
    neet = rng.random(n) < 0.8
    took_part = rng.random(n) < np.where(neet, 0.45, 0.1)
    started = contacted + rng.integers(3, 90, size=n)
    return {
        **_person_columns(ctx.persons, rows, ctx.organisations(n, "outreach", rows), ctx.org_codes),
        "contacted_on": _date_array(contacted),
        "neet": pa.array(neet, type=pa.bool_()),
        "measure_started_on": _date_array(started, ~took_part | (started > ctx.extraction)),
    }


# --- writing --------------------------------------------------------------------------------------------


def _arrow_schema(table: str) -> Any:
    types = {
        ColumnType.INTEGER: pa.int32(),
        ColumnType.DATE: pa.date32(),
        ColumnType.BOOLEAN: pa.bool_(),
        ColumnType.CODE: pa.dictionary(pa.int16(), pa.string()),
        ColumnType.TEXT: pa.dictionary(pa.int16(), pa.string()),
    }
    fields = []
    for column in TABLES[table].columns:
        kind = pa.int16() if column.name == "birth_year" else types[column.type]
        fields.append(pa.field(column.name, kind, nullable=column.nullable))
    return pa.schema(fields)


def organisation_codes(count: int) -> tuple[list[str], Floats]:
    """The committee's code `amn` first (Stockholm's share of a national extract), then made-up codes; for
    the committee alone, its departments and offices (UNITS)."""
    if count == 1:
        codes = [code for children in UNITS.values() for code, _ in children]
        return codes, np.ones(len(codes))
    others = [f"k{1000 + i:04d}" for i in range(count - 1)]
    rank = np.arange(1, count, dtype=np.float64)
    weights = 0.92 * (1 / rank) / (1 / rank).sum()
    return ["amn", *others], np.concatenate([[0.08], weights])


def generate(
    directory: Path,
    *,
    scale: str = "small",
    seed: int = 1,
    last_year: int = 2022,
    progress: Callable[[str], None] | None = None,
) -> dict[str, int]:
    """Writes enrolments, measures, courses and outreach as Parquet files in the directory, covering the ten
    years up to `last_year` (an extract taken on its 31 December). Returns the row count per table."""
    if scale not in SCALES:
        raise ValueError(f"unknown scale '{scale}'; use {', '.join(SCALES)}")
    size = SCALES[scale]
    directory.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    codes, weights = organisation_codes(size.organisations)
    ctx = Context(rng, make_persons(rng, size.persons), _epoch(dt.date(last_year, 12, 31)), codes, weights)
    writers = {
        name: pq.ParquetWriter(directory / f"{name}.parquet", _arrow_schema(name), compression="snappy")
        for name in TABLES
    }
    counts = dict.fromkeys(TABLES, 0)

    def write(name: str, columns: dict[str, Any]) -> None:
        schema = writers[name].schema
        table = pa.table([columns[f.name].cast(f.type) for f in schema], schema=schema)
        writers[name].write_table(table, row_group_size=ROW_GROUP)
        counts[name] += table.num_rows

    if size.organisations == 1:
        write_units(directory, [(code, parent) for parent, kids in UNITS.items() for code, _ in kids])
    try:
        for year in range(last_year - YEARS + 1, last_year + 1):
            enrolled_columns, enrolled = enrolments(ctx, year, size.enrolments)
            write("enrolments", enrolled_columns)
            write("measures", measures(ctx, size.measures, enrolled))
            write("courses", courses(ctx, year, size.courses))
            write("outreach", outreach(ctx, year, size.outreach))
            if progress:
                progress(f"{year}: {', '.join(f'{k} {v}' for k, v in counts.items())}")
    finally:
        for writer in writers.values():
            writer.close()
    return counts
