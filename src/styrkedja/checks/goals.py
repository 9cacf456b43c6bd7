"""Rules on goals: ratings the data does not support, analyses that speak of indicators or forecasts that
are not there, and texts a goal must have. Ratings, their order and the rated levels are the municipality's
profile's (`ctx.doc.profile`)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from styrkedja.checks.context import Context
from styrkedja.checks.findings import Severity, values
from styrkedja.checks.names import led_by_other
from styrkedja.checks.registry import Hit, rule
from styrkedja.checks.text import fmt, sentences, words
from styrkedja.profiles.rules import GoalRating
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


_MOTIVATES = re.compile(r"\b(?:baserat på|mot bakgrund av|eftersom|utifrån att|med anledning av|då)\b", re.I)
_JUDGES = re.compile(r"\b(?:bedöm\w*|prognostiser\w*)\b", re.I)
_INDICATORS_CLAIMED = re.compile(r"\bindikator\w*", re.I)


def _motivation(goal: GoalSection) -> str | None:
    """The analysis's sentence that gives the reason for the rating ("… bedömer att målet kommer att uppnås,
    baserat på att aktiviteterna pågår enligt plan")."""
    return next((s for s in sentences(goal.analysis) if _JUDGES.search(s) and _MOTIVATES.search(s)), None)


def _own_suggestion(ctx: Context, goal: GoalSection) -> tuple[str | None, Decimal | None, int]:
    """The suggestion from the evidence the committee itself answers for: activities another organisation
    leads are left out. Returns (suggestion, share, how many pieces were left out)."""
    rule_ = GoalRating.of(ctx.doc.profile)
    weight = ctx.doc.profile.goal_rule.activity_weight
    kept, left_out = [], 0
    for reason in goal.reasons:
        if reason.kind == "activity" and led_by_other(ctx, reason.label):
            left_out += 1
            continue
        kept.append((reason.met, weight if reason.kind == "activity" else Decimal(1)))
    if not left_out:
        return goal.suggested, goal.suggested_share, 0
    weights = sum((w for _, w in kept), Decimal(0))
    if not weights:
        return None, None, left_out
    share = sum((m * w for m, w in kept), Decimal(0)) / weights
    return rule_.decide(share), share.quantize(Decimal("0.01")), left_out


def _indicators_share(goal: GoalSection, final: bool) -> Decimal | None:
    judged = [_met(r, final) for r in goal.indicators]
    judged_ = [j for j in judged if j is not None]
    return Decimal(sum(1 for j in judged_ if j)) / Decimal(len(judged_)) if judged_ else None


@rule(
    "goal.rating_above_suggestion",
    Severity.WARNING,
    "Bedömningen är bättre än systemets förslag, utan motivering",
    threshold=1,
    threshold_doc="hur många steg på profilens skala (t.ex. inte → delvis → helt) bedömningen minst ska ligga "
    "över förslaget för att rapporteras",
)
def rating_above_suggestion(ctx: Context, steps: int) -> Iterator[Hit]:
    """Only what the committee answers for counts (activities other organisations lead are left out), and an
    analysis that motivates the rating is a justification — unless it rests on indicators most of which
    miss their targets."""
    if not ctx.kind.has(Part.ASSESSMENTS):
        return
    scale = ctx.doc.profile.ratings
    final = ctx.kind.assesses_outcomes
    for goal in ctx.goals:
        if goal.justification.strip():
            continue
        suggested, share, left_out = _own_suggestion(ctx, goal)
        given, rank = scale.rank(goal.assessment), scale.rank(suggested)
        if given is None or rank is None or rank - given < steps:
            continue
        motivation = _motivation(goal)
        if motivation is not None:
            indicators = _indicators_share(goal, final)
            if not (
                _INDICATORS_CLAIMED.search(motivation)
                and indicators is not None
                and indicators < Decimal("0.5")
            ):
                continue
            why = f"och motiveringen ”{motivation[:160]}” stämmer inte med indikatorerna"
        else:
            why = "och bedömningen saknar motivering"
        shown = (
            f" ({fmt((share * 100).quantize(Decimal(1)))} % av underlaget uppfyllt)"
            if share is not None
            else ""
        )
        others = f"; {left_out} aktiviteter som andra leder är inte medräknade" if left_out else ""
        yield Hit(
            "goal",
            goal.number,
            f"Mål {goal.number} bedöms ”{_label(ctx, goal.assessment)}”, men underlaget ger förslaget "
            f"”{_label(ctx, suggested)}”{shown}{others}, {why}.",
            values(goal=goal.number, assessment=goal.assessment, suggested=suggested, share=share),
        )


_FORECAST = re.compile(r"\bprognos\w*", re.I)  # a comment that gives the forecast in words
_AT_LEAST = re.compile(
    r"\b(?P<word>minst|högst|max(?:imalt)?|lägst)\s+(?P<n>\d+(?:,\d+)?)\s*(?:procent|%)", re.I
)
_BALANCE = re.compile(r"(?:budget|ekonomi)\s+i\s+balans", re.I)
_DEFICIT = re.compile(r"\bunderskott\w*\b|\bmerkostnad\w*\b", re.I)
_NOT = re.compile(r"\b(?:inte|ej|inget|inga)\b", re.I)
_TELLING = {
    "andel",
    "andelen",
    "antal",
    "antalet",
    "kvinnor",
    "män",
    "minst",
    "högst",
    "procent",
    "ska",
    "som",
}
_TELLING |= {
    "och",
    "med",
    "för",
    "till",
    "efter",
    "inom",
    "har",
    "vid",
    "det",
    "den",
    "de",
    "av",
    "ett",
    "en",
}


def _telling(text: str) -> set[str]:
    return {w[:6] for w in words(text) if len(w) >= 4 and w not in _TELLING and not w[0].isdigit()}


def _deficits(ctx: Context) -> list[str]:
    """What the economy section says against a budget in balance: areas whose forecast exceeds the budget,
    and sentences of its texts that speak of a deficit or costs not covered."""
    economy = ctx.doc.economy
    out = []
    for area in economy.areas:
        budget, forecast = area.net.budget, area.net.forecast
        if budget is not None and forecast is not None and forecast > budget:
            out.append(f"{area.name}: prognos {fmt(forecast)} mot budget {fmt(budget)} mnkr")
    for text in [economy.summary, economy.requirement_commentary, *(a.commentary for a in economy.areas)]:
        for sentence in sentences(text):
            match = _DEFICIT.search(sentence)
            if match and not _NOT.search(sentence[max(0, match.start() - 30) : match.start()]):
                out.append(f"”{sentence[:160]}”")
    return out


@rule(
    "goal.fully_against_expected_results",
    Severity.WARNING,
    "Den bästa bedömningen trots att målets egna kvantifierade förväntade resultat inte nås",
)
def fully_against_expected_results(ctx: Context, _: None) -> Iterator[Hit]:
    if not ctx.kind.has(Part.ASSESSMENTS):
        return
    best = ctx.doc.profile.ratings.best
    final = ctx.kind.assesses_outcomes
    for goal in ctx.goals:
        if goal.assessment != best:
            continue
        against: list[str] = []
        for expected in goal.expected_results:
            match = _AT_LEAST.search(expected.text)
            if match:
                wanted = Decimal(match["n"].replace(",", "."))
                lower = match["word"].lower() in ("högst", "max", "maximalt")
                own = _telling(expected.text)
                for row in goal.indicators:
                    value = row.total if final else (row.forecast if row.forecast is not None else None)
                    if value is None or row.unit != "percent":
                        continue
                    name = _telling(row.name)
                    if not name or len(own & name) < max(2, len(name) // 2):
                        continue
                    if (value > wanted) if lower else (value < wanted):
                        against.append(
                            f"”{expected.text[:100]}”: {row.name[:80]} {'utfall' if final else 'prognos'} "
                            f"{fmt(value)} %"
                        )
                        break
            if _BALANCE.search(expected.text):
                deficits = _deficits(ctx)
                if deficits:
                    against.append(f"”{expected.text[:100]}”, men ekonomiavsnittet: {deficits[0]}")
        if against:
            yield Hit(
                "goal",
                goal.number,
                f"Mål {goal.number} bedöms ”{_label(ctx, best)}”, men målets förväntade resultat nås inte: "
                + "; ".join(against)
                + ".",
                values(goal=goal.number, assessment=goal.assessment, against=against),
            )


@rule(
    "goal.fully_with_outcomes_without_forecast",
    Severity.WARNING,
    "Den bästa bedömningen trots indikatorer vars utfall inte når årsmålet och som saknar prognos",
)
def fully_with_outcomes_without_forecast(ctx: Context, _: None) -> Iterator[Hit]:
    if not ctx.kind.has(Part.ASSESSMENTS) or not ctx.kind.assesses_forecasts:
        return
    best = ctx.doc.profile.ratings.best
    for goal in ctx.goals:
        if goal.assessment != best:
            continue
        rows = [
            r
            for r in goal.indicators
            if r.total is not None
            and r.forecast is None
            and _met(r, True) is False
            and not _FORECAST.search(r.comment)
        ]
        if rows:
            shown = "; ".join(f"{r.name}: utfall {fmt(r.total)} mot årsmål {fmt(r.target)}" for r in rows)
            yield Hit(
                "goal",
                goal.number,
                f"Mål {goal.number} bedöms ”{_label(ctx, best)}”, men {len(rows)} indikatorer har utfall som inte "
                f"når årsmålet och ingen prognos: {shown}.",
                values(goal=goal.number, assessment=goal.assessment, indicators=[r.name for r in rows]),
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
