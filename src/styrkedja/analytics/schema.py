"""The microdata schema: four tables of pseudonymised records (see docs/microdata.md).

Every table carries the person columns — a pseudonymous `person_id`, `sex`, `birth_year` — and the
`organisation` code of the unit responsible. Names and personal identity numbers never appear; the loader
refuses a column whose values look like one, and a file whose columns or values do not match this schema.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum


class ColumnType(StrEnum):
    INTEGER = "integer"
    DATE = "date"
    BOOLEAN = "boolean"
    CODE = "code"  # one of a fixed list of codes
    TEXT = "text"  # a short code without a fixed list (organisation, course code)


SQL_TYPES = {
    ColumnType.INTEGER: "INTEGER",
    ColumnType.DATE: "DATE",
    ColumnType.BOOLEAN: "BOOLEAN",
    ColumnType.CODE: "VARCHAR",
    ColumnType.TEXT: "VARCHAR",
}
# DuckDB's names for the types a Parquet column may have for each of ours.
ACCEPTED_STORAGE = {
    ColumnType.INTEGER: {"TINYINT", "SMALLINT", "INTEGER", "BIGINT", "UTINYINT", "USMALLINT", "UINTEGER"},
    ColumnType.DATE: {"DATE"},
    ColumnType.BOOLEAN: {"BOOLEAN"},
    ColumnType.CODE: {"VARCHAR"},
    ColumnType.TEXT: {"VARCHAR"},
}

FIRST_DATE = dt.date(1990, 1, 1)
LAST_DATE = dt.date(2100, 12, 31)
MAX_PERSON_ID = 999_999_999  # nine digits at most: a pseudonym can never be read as a personnummer
SEXES = ("K", "M")  # kvinna, man; empty = unknown


@dataclass(frozen=True)
class Column:
    name: str
    type: ColumnType
    description: str
    nullable: bool = False
    codes: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    max_length: int | None = None

    @property
    def sql_type(self) -> str:
        return SQL_TYPES[self.type]


@dataclass(frozen=True)
class Rule:
    """A condition every row must meet (SQL over the row's columns; NULL counts as met)."""

    sql: str
    description: str


@dataclass(frozen=True)
class Table:
    name: str
    description: str
    columns: tuple[Column, ...]
    rules: tuple[Rule, ...] = ()

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)


PERSON_COLUMNS = (
    Column(
        "person_id",
        ColumnType.INTEGER,
        "Pseudonymous person number, the same for one person in every table of one extract; "
        f"1–{MAX_PERSON_ID:,}".replace(",", " "),
        minimum=1,
        maximum=MAX_PERSON_ID,
    ),
    Column("sex", ColumnType.CODE, "K (kvinna) or M (man); empty when unknown", nullable=True, codes=SEXES),
    Column(
        "birth_year",
        ColumnType.INTEGER,
        "Year of birth; empty when unknown",
        nullable=True,
        minimum=1900,
        maximum=2100,
    ),
    Column(
        "organisation",
        ColumnType.TEXT,
        "Code of the organisation responsible (as in styrkedja's organisation tree, e.g. amn)",
        max_length=40,
    ),
)

END_REASONS = ("work", "studies", "other_support", "moved", "returned", "other")
MEASURE_KINDS = ("stockholmsjobb", "internship", "training", "subsidised_job")
SCHOOL_FORMS = ("sfi", "grund", "gy_hf", "gy_yrk")
GRADES = ("A", "B", "C", "D", "E", "F")
PASSING_GRADES = GRADES[:5]


def _date(name: str, description: str, *, nullable: bool = False) -> Column:
    return Column(name, ColumnType.DATE, description, nullable=nullable)


TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        Table(
            "enrolments",
            "Jobbtorg enrolments (inskrivningar): one row per enrolment; a person may have several.",
            (
                *PERSON_COLUMNS,
                _date("enrolled_on", "Day of enrolment"),
                _date("plan_on", "Day the individual action plan was set up; empty if none", nullable=True),
                _date("ended_on", "Day the enrolment ended (avslut); empty while enrolled", nullable=True),
                Column(
                    "end_reason",
                    ColumnType.CODE,
                    "Why it ended: work, studies, other_support (other means of support), moved, returned "
                    "(återremitterad to social services), other; empty while enrolled",
                    nullable=True,
                    codes=END_REASONS,
                ),
                Column(
                    "self_sufficient_6m",
                    ColumnType.BOOLEAN,
                    "No income support (ekonomiskt bistånd) in the month six months after ended_on; empty when "
                    "not followed up (not yet six months, moved away)",
                    nullable=True,
                ),
            ),
            (
                Rule("plan_on >= enrolled_on", "plan_on before enrolled_on"),
                Rule("ended_on >= enrolled_on", "ended_on before enrolled_on"),
                Rule(
                    "(ended_on IS NULL) = (end_reason IS NULL)", "end_reason without ended_on or the reverse"
                ),
                Rule(
                    "self_sufficient_6m IS NULL OR ended_on IS NOT NULL",
                    "self_sufficient_6m without ended_on",
                ),
            ),
        ),
        Table(
            "measures",
            "Labour-market measures (insatser) of Jobbtorg aspirants: one row per measure.",
            (
                *PERSON_COLUMNS,
                Column(
                    "kind",
                    ColumnType.CODE,
                    "stockholmsjobb, internship, training, subsidised_job",
                    codes=MEASURE_KINDS,
                ),
                _date("started_on", "First day of the measure"),
                _date("ended_on", "Last day; empty while ongoing", nullable=True),
            ),
            (Rule("ended_on >= started_on", "ended_on before started_on"),),
        ),
        Table(
            "courses",
            "Course participations in municipal adult education (komvux, sfi): one row per person and course.",
            (
                *PERSON_COLUMNS,
                Column(
                    "school_form",
                    ColumnType.CODE,
                    "sfi, grund (grundläggande), gy_hf (gymnasial, högskoleförberedande), gy_yrk (gymnasial "
                    "yrkesutbildning)",
                    codes=SCHOOL_FORMS,
                ),
                Column("course_code", ColumnType.TEXT, "The course's code", max_length=20),
                _date("started_on", "First day of the course"),
                _date(
                    "ended_on", "Day the course ended or was discontinued; empty while ongoing", nullable=True
                ),
                Column(
                    "completed",
                    ColumnType.BOOLEAN,
                    "true: completed (fullföljd), false: discontinued (avbruten); empty while ongoing",
                    nullable=True,
                ),
                Column(
                    "grade",
                    ColumnType.CODE,
                    "A–E pass, F fail; empty unless completed",
                    nullable=True,
                    codes=GRADES,
                ),
            ),
            (
                Rule("ended_on >= started_on", "ended_on before started_on"),
                Rule("(ended_on IS NULL) = (completed IS NULL)", "completed without ended_on or the reverse"),
                Rule("grade IS NULL OR completed", "a grade on a course that was not completed"),
                Rule("completed IS NOT TRUE OR grade IS NOT NULL", "a completed course without a grade"),
            ),
        ),
        Table(
            "outreach",
            "Outreach contacts (uppsökande verksamhet) with young people: one row per person reached.",
            (
                *PERSON_COLUMNS,
                _date("contacted_on", "Day the person was reached"),
                Column(
                    "neet",
                    ColumnType.BOOLEAN,
                    "Neither working nor studying when reached (varken arbetar eller studerar)",
                ),
                _date(
                    "measure_started_on",
                    "Day the person started a labour-market measure; empty if they did not",
                    nullable=True,
                ),
            ),
            (Rule("measure_started_on >= contacted_on", "measure_started_on before contacted_on"),),
        ),
    )
}
