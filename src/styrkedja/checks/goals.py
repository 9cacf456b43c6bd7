"""Rules on goals: ratings the data does not support, analyses that speak of indicators or forecasts that
are not there, and texts a goal must have. Ratings, their order and the rated levels are the municipality's
profile's (`ctx.doc.profile`)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from styrkedja.checks.context import Context
from styrkedja.checks.findings import Severity, values
from styrkedja.checks.registry import Hit, rule
from styrkedja.checks.text import fmt, sentences
from styrkedja.reports.document import GoalSection, IndicatorRow
from styrkedja.reports.kinds import Part

_INDICATORS = re.compile(r"\w*indikator\w*", re.IGNORECASE)
_REACHED = re.compile(r"\b(?:uppnå\w*|uppfyll\w*|nås|nå|klara\w*)\b", re.IGNORECASE)


def _label(ctx: Context, key: str | None) -> str:
    return ctx.doc.profile.ratings.label(key).lower()


@rule(
    "goal.fully_with_missed_targets",
    Severity.WARNING,
    "Den bästa bedömningen trots att prognoser inte når årsmålen",
    threshold=Decimal(0),
    threshold_doc="andel av målets indikatorer med prognos (utfall i VB) som får missa årsmålet",
)
def fully_with_missed_targets(ctx: Context, allowed: Decimal) -> Iterator[Hit]:
    if not ctx.kind.has(Part.ASSESSMENTS):
        return
    outcomes = ctx.kind.assesses_outcomes
    word = "utfall" if outcomes else "prognos"
    best = ctx.doc.profile.ratings.best
    for goal in ctx.goals:
        if goal.assessment != best:
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
                f"Mål {goal.number} bedöms ”{_label(ctx, best)}”, men {len(missed)} av {len(judged)} indikatorer "
                f"med {word} når inte årsmålet: {shown}.",
                values(goal=goal.number, assessment=goal.assessment, missed=[r.name for r in missed]),
            )


@rule(
    "goal.rating_above_suggestion",
    Severity.WARNING,
    "Bedömningen är bättre än systemets förslag, utan motivering",
    threshold=1,
    threshold_doc="hur många steg på profilens skala (t.ex. inte → delvis → helt) bedömningen minst ska ligga "
    "över förslaget för att rapporteras",
)
def rating_above_suggestion(ctx: Context, steps: int) -> Iterator[Hit]:
    if not ctx.kind.has(Part.ASSESSMENTS):
        return
    scale = ctx.doc.profile.ratings
    for goal in ctx.goals:
        given, suggested = scale.rank(goal.assessment), scale.rank(goal.suggested)
        if given is None or suggested is None or goal.justification.strip():
            continue
        above = suggested - given  # rank 0 is the best rating
        if above >= steps:
            share = (
                f" ({fmt((goal.suggested_share * 100).quantize(Decimal(1)))} % av underlaget uppfyllt)"
                if goal.suggested_share is not None
                else ""
            )
            yield Hit(
                "goal",
                goal.number,
                f"Mål {goal.number} bedöms ”{_label(ctx, goal.assessment)}”, men underlaget ger förslaget "
                f"”{_label(ctx, goal.suggested)}”{share}, och bedömningen saknar motivering.",
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
    "Nämndens mål utan beskrivning, förväntat resultat eller analys",
)
def required_text_missing(ctx: Context, _: None) -> Iterator[Hit]:
    committee = ctx.doc.profile.committee_key
    for goal in ctx.goals:
        missing = []
        if goal.level == committee:
            if not goal.description.strip():
                missing.append("beskrivning")
            if not goal.expected_results:
                missing.append("förväntat resultat")
        if (
            ctx.kind.has(Part.ASSESSMENTS)
            and (goal.level == committee or goal.assessment)
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
    profile = ctx.doc.profile
    for goal in ctx.goals:
        if profile.is_rated(goal.level) and not goal.assessment:
            suggestion = f" Systemets förslag: ”{_label(ctx, goal.suggested)}”." if goal.suggested else ""
            yield Hit(
                "goal",
                goal.number,
                f"Mål {goal.number} ”{goal.title[:80]}” har ingen bedömning av måluppfyllelsen.{suggestion}",
                values(goal=goal.number, suggested=goal.suggested),
            )
