"""The city-wide roll-up as plain data: what the `rollup` command prints, what the city's documents show
and what the city checks read, so that none of them can disagree about a count. No Django here.

Counts are kept per rating *key* of the municipality's profile (`profiles/counts.py`), never per named
rating, so a municipality's own scales change nothing here. Money is mnkr, exact; the computed values (net, result, equity out, sums)
are properties, derived from the inputs, never stored.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from styrkedja.profiles.counts import MISSING, NO_OUTCOME
from styrkedja.profiles.schema import Scale

ZERO = Decimal(0)


def _sum(values: Sequence[Decimal | None]) -> Decimal | None:
    known = [v for v in values if v is not None]
    return sum(known, ZERO) if known else None


@dataclass
class CommitteeRating:
    """A committee's rating of a council goal (its goal that stands for it), with its analysis."""

    code: str
    name: str
    rating: str  # a rating key, or "" when the committee gave none
    analysis: str = ""


@dataclass
class CityIndicator:
    """A council indicator across the committees: the city's value where its definition allows it."""

    name: str
    unit: str
    decimals: int
    aggregation: str  # "sum" | "share" | "committee"
    gender_split: bool
    kf_target: Decimal | None
    committees: int  # committees with a row for it in the period
    total: Decimal | None = None  # the city's value (None: only per committee)
    men: Decimal | None = None
    women: Decimal | None = None
    rating: str | None = None  # a rating key; None: no committee has a value to judge
    counts: dict[str, int] = field(default_factory=dict)  # the committees' rows per rating key


@dataclass
class CityGoal:
    ref: str  # the council goal's number
    title: str
    assessment: str  # the council's own rating key, "" when not given
    analysis: str  # the council's text on the goal (the city's report prints it; the checks read it)
    justification: str
    suggested: str | None  # from the counts, under the profile's rule (`profiles/counts.suggest_goal`)
    responsible: int  # committees responsible for the goal
    committee_ratings: dict[str, int]  # per rating key, and MISSING
    indicator_counts: dict[str, int]  # per rating key, and NO_OUTCOME
    ratings: list[CommitteeRating] = field(default_factory=list)  # filled for documents
    indicators: list[CityIndicator] = field(default_factory=list)

    @property
    def rated(self) -> int:
        return sum(n for key, n in self.committee_ratings.items() if key != MISSING)


@dataclass
class EconomyRow:
    """A committee's operating statement (driftredovisning) for the period: revenues (negative) and
    costs (positive) from its round (forecast in T1/T2, outcome in the year), its frame from the council."""

    committee: str
    name: str
    revenues: Decimal | None
    costs: Decimal | None
    budget: Decimal | None  # the net frame (kommunbidrag / nettoram)
    equity_in: Decimal | None

    @property
    def net(self) -> Decimal | None:
        if self.revenues is None and self.costs is None:
            return None
        return (self.costs or ZERO) + (self.revenues or ZERO)

    @property
    def result(self) -> Decimal | None:
        """The frame minus the net cost: positive is a surplus."""
        net = self.net
        return None if net is None or self.budget is None else self.budget - net

    @property
    def equity_out(self) -> Decimal | None:
        """The equity carried into the year plus the year's result (the result transferred in full)."""
        result = self.result
        if result is None:
            return self.equity_in
        return (self.equity_in or ZERO) + result


@dataclass
class EconomyTotal:
    rows: list[EconomyRow]

    def sum(self, name: str) -> Decimal | None:
        return _sum([getattr(r, name) for r in self.rows])


ECONOMY_FIELDS = ("revenues", "costs", "net", "budget", "result", "equity_in", "equity_out")
INVESTMENT_FIELDS = ("expenditure", "income", "net", "budget", "project_budget")


@dataclass
class InvestmentRow:
    committee: str
    name: str
    area: str
    expenditure: Decimal | None
    income: Decimal | None
    budget: Decimal | None
    project_budget: Decimal | None

    @property
    def net(self) -> Decimal | None:
        if self.expenditure is None and self.income is None:
            return None
        return (self.expenditure or ZERO) + (self.income or ZERO)


@dataclass
class SignIssue:
    """An area's costs below zero or revenues above zero in a committee's round."""

    committee: str
    name: str
    area: str
    costs: Decimal
    revenues: Decimal


@dataclass
class CityRollup:
    organisation: str  # the municipality's code
    organisation_name: str
    period: str
    scale: Scale  # the goal scale the committees' ratings count by
    committees: int
    goals: list[CityGoal]
    economy: list[EconomyRow]
    investments: list[InvestmentRow]
    printed: dict[str, str] = field(default_factory=dict)  # sums as an imported document printed them
    sign_issues: list[SignIssue] = field(default_factory=list)
    indicator_scale: Scale | None = None  # the indicators' ratings' scale; the goal scale when None

    @property
    def indicators_by(self) -> Scale:
        return self.indicator_scale or self.scale

    @property
    def economy_total(self) -> EconomyTotal:
        return EconomyTotal(self.economy)

    def investment_total(self, name: str) -> Decimal | None:
        return _sum([getattr(r, name) for r in self.investments])

    def computed_totals(self) -> dict[str, Decimal | None]:
        """The sums a printed document states, by the keys `printed` uses:
        `driftredovisning/<committee code | total>/<field>` and `investeringar/total/<field>`."""
        out: dict[str, Decimal | None] = {}
        for row in self.economy:
            for name in ECONOMY_FIELDS:
                out[f"driftredovisning/{row.committee}/{name}"] = getattr(row, name)
        total = self.economy_total
        for name in ECONOMY_FIELDS:
            out[f"driftredovisning/total/{name}"] = total.sum(name)
        for name in INVESTMENT_FIELDS:
            out[f"investeringar/total/{name}"] = self.investment_total(name)
        return out


def _number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    value = value.normalize()
    return int(value) if value == value.to_integral_value() else float(value)


def _counts(counts: Mapping[str, int], keys: Sequence[str], extra: str) -> dict[str, int]:
    return {**{key: counts.get(key, 0) for key in keys}, extra: counts.get(extra, 0)}


def rollup_json(rollup: CityRollup) -> dict[str, Any]:
    """The `styrkedja rollup --format json` contract (field names fixed; docs/city.md)."""
    keys = rollup.scale.keys
    total = rollup.economy_total
    return {
        "organisation": rollup.organisation,
        "period": rollup.period,
        "committees": rollup.committees,
        "goals": [
            {
                "ref": g.ref,
                "title": g.title,
                "assessment": g.assessment or None,
                "suggested_assessment": g.suggested,
                "committee_ratings": _counts(g.committee_ratings, keys, MISSING),
                "indicators": _counts(g.indicator_counts, rollup.indicators_by.keys, NO_OUTCOME),
            }
            for g in rollup.goals
        ],
        "economy": {
            "rows": [
                {"committee": r.committee, **{name: _number(getattr(r, name)) for name in ECONOMY_FIELDS}}
                for r in rollup.economy
            ],
            "total": {name: _number(total.sum(name)) for name in ECONOMY_FIELDS},
        },
        "investments": [
            {
                "committee": r.committee,
                "area": r.area,
                **{name: _number(getattr(r, name)) for name in INVESTMENT_FIELDS},
            }
            for r in rollup.investments
        ],
    }


# --- The counts as sentences ------------------------------------------------------------------------

NUMBER_WORDS = [
    "ingen",
    "en",
    "två",
    "tre",
    "fyra",
    "fem",
    "sex",
    "sju",
    "åtta",
    "nio",
    "tio",
    "elva",
    "tolv",
]


def rating_words(scale: Scale) -> tuple[str, dict[str, str]]:
    """How sentences name a scale's ratings: the first word all labels share (`uppfylls` of "Uppfylls helt",
    "Uppfylls delvis", "Uppfylls inte"), or "" when they share none, and each rating's word after it
    (`helt`), else its whole label in lower case ("delvis uppnått")."""
    labels = {key: scale.label(key).strip().lower() for key in scale.keys}
    firsts = {label.split()[0] if len(label.split()) > 1 else "" for label in labels.values()}
    prefix = firsts.pop() if len(firsts) == 1 else ""
    if prefix:
        return prefix, {key: label[len(prefix) :].strip() for key, label in labels.items()}
    return "", {key: label or key for key, label in labels.items()}


def rating_word(scale: Scale, key: str) -> str:
    """The word a sentence uses for a rating (`rating_words`)."""
    return rating_words(scale)[1].get(key, key)


def number_word(n: int) -> str:
    return NUMBER_WORDS[n] if 0 <= n < len(NUMBER_WORDS) else str(n)


def count_sentence(counts: Mapping[str, int], responsible: int, scale: Scale) -> str:
    """The committees' ratings of a goal in one sentence, from the counts: "18 av 21 nämnder bedömer att
    målet uppfylls helt, två delvis och en inte." (the responsible committees that gave no rating last)."""
    parts = [(counts.get(key, 0), rating_word(scale, key)) for key in scale.keys if counts.get(key, 0)]
    missing = counts.get(MISSING, 0)
    if not parts:
        return f"Ingen av de {responsible} ansvariga nämnderna har lämnat någon bedömning av målet."
    (first, word), rest = parts[0], parts[1:]
    prefix = rating_words(scale)[0]
    verb = f"bedömer att målet {prefix}" if prefix else "bedömer målet som"
    text = f"{first} av {responsible} nämnder {verb} {word}"
    shown = [f"{number_word(n)} {w}" for n, w in rest]
    if len(shown) > 1:
        text += ", " + ", ".join(shown[:-1]) + " och " + shown[-1]
    elif shown:
        text += " och " + shown[0]
    if missing:
        text += f"; {number_word(missing)} har inte lämnat någon bedömning"
    return text + "."


def indicator_sentence(counts: Mapping[str, int], scale: Scale) -> str:
    """ "Av 12 indikatorer: 8 uppnås och fyra uppnås inte; två saknar värde." from the counts, in the
    indicator scale's labels."""
    rated = [(counts.get(key, 0), scale.label(key).lower()) for key in scale.keys if counts.get(key, 0)]
    none = counts.get(NO_OUTCOME, 0)
    total = sum(n for n, _ in rated) + none
    if total == 0:
        return ""
    if not rated:
        return f"Ingen av målets {total} indikatorer har något värde ännu."
    shown = [f"{number_word(n) if i else n} {w}" for i, (n, w) in enumerate(rated)]
    text = f"Av {total} indikatorer: " + (
        shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " och " + shown[-1]
    )
    if none:
        text += f"; {number_word(none)} saknar värde"
    return text + "."
