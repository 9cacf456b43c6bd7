"""Rules on goals: ratings the data does not support, analyses that speak of indicators or forecasts that
are not there, and texts a goal must have."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from styrkedja.checks.context import Context
from styrkedja.checks.findings import Severity, values
from styrkedja.checks.registry import Hit, rule
from styrkedja.checks.text import fmt, sentences
from styrkedja.lib.vocabulary import Fulfilment
from styrkedja.reports.document import GoalSection, IndicatorRow
from styrkedja.reports.kinds import Part

RATING_SV = {value: label.lower() for value, label in Fulfilment.labels.items()}
RANK = {"fully": 2, "partly": 1, "not": 0}
RATED_LEVELS = ("council_area", "committee", "unit")
_INDICATORS = re.compile(r"\w*indikator\w*", re.IGNORECASE)
_REACHED = re.compile(r"\b(?:uppnå\w*|uppfyll\w*|nås|nå|klara\w*)\b", re.IGNORECASE)


@rule(
    "goal.fully_with_missed_targets",
    Severity.WARNING,
    "”Uppfylls helt” trots att prognoser inte når årsmålen",
    threshold=Decimal(0),
    threshold_doc="andel av målets indikatorer med prognos (utfall i VB) som får missa årsmålet",
)
def fully_with_missed_targets(ctx: Context, allowed: Decimal) -> Iterator[Hit]:
    if not ctx.kind.has(Part.ASSESSMENTS):
        return
    outcomes = ctx.kind.assesses_outcomes
    word = "utfall" if outcomes else "prognos"
    for goal in ctx.goals:
        if goal.assessment != "fully":
            continue
        judged = [r for r in goal.indicators if _met(r, outcomes) is not None]
        missed = [r for r in judged if _met(r, outcomes) is False]
        if missed and Decimal(len(missed)) / Decimal(len(judged)) > allowed:
            shown = "; ".join(
                f"{r.name}: {word} {fmt(r.total if outcomes else r.forecast)} mot årsmål {fmt(r.target)}"
                for r in missed
            )
            yield Hit(
                "goal",
                goal.number,
                f"Mål {goal.number} bedöms ”uppfylls helt”, men {len(missed)} av {len(judged)} indikatorer "
                f"med {word} når inte årsmålet: {shown}.",
                values(goal=goal.number, assessment=goal.assessment, missed=[r.name for r in missed]),
            )


@rule(
    "goal.rating_above_suggestion",
    Severity.WARNING,
    "Bedömningen är bättre än systemets förslag, utan motivering",
    threshold=1,
    threshold_doc="hur många steg (inte → delvis → helt) bedömningen minst ska ligga över förslaget för att "
    "rapporteras",
)
def rating_above_suggestion(ctx: Context, steps: int) -> Iterator[Hit]:
    if not ctx.kind.has(Part.ASSESSMENTS):
        return
    for goal in ctx.goals:
        if goal.assessment not in RANK or goal.suggested not in RANK or goal.justification.strip():
            continue
        above = RANK[goal.assessment] - RANK[goal.suggested]
        if above >= steps:
            share = (
                f" ({fmt((goal.suggested_share * 100).quantize(Decimal(1)))} % av underlaget uppfyllt)"
                if goal.suggested_share is not None
                else ""
            )
            yield Hit(
                "goal",
                goal.number,
                f"Mål {goal.number} bedöms ”{RATING_SV[goal.assessment]}”, men underlaget ger förslaget "
                f"”{RATING_SV[goal.suggested]}”{share}, och bedömningen saknar motivering.",
                values(
                    goal=goal.number,
                    assessment=goal.assessment,
                    suggested=goal.suggested,
                    share=goal.suggested_share,
                ),
            )


def _met(row: IndicatorRow, final: bool) -> bool | None:
    """Whether the row meets its target; None when it cannot be judged (no value, no target, no direction)."""
    try:
        return row.met(final)
    except ValueError:
        return None


def _claims(goal: GoalSection) -> list[str]:
    return [s for s in sentences(goal.analysis) if _INDICATORS.search(s) and _REACHED.search(s)]


@rule(
    "goal.claim_without_forecasts",
    Severity.WARNING,
    "Analysen säger att indikatorerna nås, men de har ingen prognos",
)
def claim_without_forecasts(ctx: Context, _: None) -> Iterator[Hit]:
    if not ctx.kind.has(Part.ASSESSMENTS):
        return
    outcomes = ctx.kind.assesses_outcomes
    word = "utfall" if outcomes else "prognos"
    for goal in ctx.goals:
        if not goal.indicators:
            continue
        with_value = [r for r in goal.indicators if (r.total if outcomes else r.forecast) is not None]
        claims = _claims(goal)
        if claims and not with_value:
            yield Hit(
                "goal",
                goal.number,
                f"Analysen av mål {goal.number} säger ”{claims[0][:160]}”, men ingen av målets "
                f"{len(goal.indicators)} indikatorer har {word}.",
                values(goal=goal.number, indicators=len(goal.indicators), sentence=claims[0][:300]),
            )


@rule(
    "goal.analysis_mentions_missing_indicators",
    Severity.WARNING,
    "Analysen talar om indikatorer som målet inte har",
)
def analysis_mentions_missing_indicators(ctx: Context, _: None) -> Iterator[Hit]:
    for goal in ctx.goals:
        if any(g.indicators for g in goal.walk()):
            continue
        mentions = [s for s in sentences(goal.analysis) if _INDICATORS.search(s)]
        if mentions:
            yield Hit(
                "goal",
                goal.number,
                f"Analysen av mål {goal.number} talar om indikatorer (”{mentions[0][:160]}”), men målet har "
                "inga indikatorer.",
                values(goal=goal.number, sentence=mentions[0][:300]),
            )


@rule(
    "goal.required_text_missing",
    Severity.WARNING,
    "Nämndmål utan beskrivning, förväntat resultat eller analys",
)
def required_text_missing(ctx: Context, _: None) -> Iterator[Hit]:
    for goal in ctx.goals:
        missing = []
        if goal.level == "committee":
            if not goal.description.strip():
                missing.append("beskrivning")
            if not goal.expected_results:
                missing.append("förväntat resultat")
        if (
            ctx.kind.has(Part.ASSESSMENTS)
            and (goal.level == "committee" or goal.assessment)
            and not goal.analysis.strip()
        ):
            missing.append("analys")
        if missing:
            yield Hit(
                "goal",
                goal.number,
                f"Mål {goal.number} ”{goal.title[:80]}” saknar {', '.join(missing)}.",
                values(goal=goal.number, missing=missing),
            )


@rule(
    "goal.assessment_missing",
    Severity.WARNING,
    "Mål utan bedömning av måluppfyllelsen",
)
def assessment_missing(ctx: Context, _: None) -> Iterator[Hit]:
    if not ctx.kind.has(Part.ASSESSMENTS):
        return
    for goal in ctx.goals:
        if goal.level in RATED_LEVELS and not goal.assessment:
            suggestion = f" Systemets förslag: ”{RATING_SV[goal.suggested]}”." if goal.suggested else ""
            yield Hit(
                "goal",
                goal.number,
                f"Mål {goal.number} ”{goal.title[:80]}” har ingen bedömning av måluppfyllelsen.{suggestion}",
                values(goal=goal.number, suggested=goal.suggested),
            )
