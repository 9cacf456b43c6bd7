"""Rules on what the texts say against the tables and the other texts: a trend stated in words against the
indicator's numbers, "the activities go to plan" against activities that ended, were cancelled or deviate,
and a project stopped in the text while its activities show no deviation."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from styrkedja.checks.context import Context
from styrkedja.checks.findings import Severity, values
from styrkedja.checks.names import led_by_other
from styrkedja.checks.registry import Hit, rule
from styrkedja.checks.text import fmt, same_word, sentences, words
from styrkedja.reports.document import ActivityRow, GoalSection, IndicatorRow
from styrkedja.reports.kinds import Part

_UP = re.compile(r"\b(?:ökat|ökade|stigit|höjts)\b", re.I)
_DOWN = re.compile(r"\b(?:minskat|minskade|sjunkit|sjunka|sjönk|sänkts)\b", re.I)
_TREND_STEMS = ("ökat", "ökade", "stigit", "höjts", "minsk", "sjunk", "sjönk", "sänkts")
_STOP_STEMS = (
    "avbr",
    "stopp",
    "lagts ned",
    "lades ned",
    "läggs ned",
    "upphör",
    "avveckl",
    "paus",
    "sköts upp",
    "skjutits",
)
_NEGATED = re.compile(r"\b(?:inte|ej|aldrig|knappt)\b", re.I)
_COMPARED = re.compile(
    r"\bjämfört med\b|\bän\b|\bföregående\b|\bförra\b|\bi fjol\b|\bmotsvarande period\b", re.I
)
_GENERIC = {
    "andel",
    "andelen",
    "antal",
    "antalet",
    "kvinnor",
    "män",
    "personer",
    "inom",
    "efter",
    "från",
    "som",
}
_GENERIC |= {"nämndens", "nämnden", "stadens", "staden", "samt", "eller", "och", "med", "för", "har", "till"}

_TO_PLAN = re.compile(r"enligt plan|planenligt|som planerat", re.I)
_ACTIVITY = re.compile(r"\baktivitet\w*", re.I)
_SOME = re.compile(r"majoritet\w*|de flesta|flertal\w*|merparten|huvudsak|i stort|nästan|övervägande", re.I)

_STOPPED = re.compile(
    r"\b(?:avbröts|avbrutits|har avbrutits|avbryts|stoppats|stoppades|lagts ned|lades ned|läggs ned|"
    r"har upphört|upphörde|avvecklats|pausats|pausades|har skjutits upp|sköts upp)\b",
    re.I,
)
_PROJECT = re.compile(
    r"(?:projekt(?:et)?|satsningen|uppdraget|programmet|insatsen)\s+[”“\"]?([A-ZÅÄÖ0-9][\w.-]*(?:\s+[A-ZÅÄÖ0-9][\w.-]*)*)",
)


def _name_words(row: IndicatorRow) -> list[str]:
    return [w for w in words(row.name) if len(w) >= 4 and w not in _GENERIC]


def _initials(row: IndicatorRow) -> str:
    capitalised = re.findall(r"[A-ZÅÄÖ][a-zåäö]+", row.name)
    letters = [w[0] for w in capitalised]
    if capitalised and capitalised[-1].lower().endswith("index") and capitalised[-1].lower() != "index":
        letters.append("I")  # "Nöjd Kundindex" → NKI
    return "".join(letters).upper() if len(letters) >= 2 else ""


def _names_indicator(sentence: str, row: IndicatorRow) -> bool:
    """The sentence speaks of the indicator: its first two telling words (or its only one), or its initials
    ("NKI" for "Nöjd Kundindex")."""
    initials = _initials(row)
    if initials and re.search(rf"\b{initials}\b", sentence):
        return True
    head = _name_words(row)[:2]
    if not head:
        return False
    said = words(sentence)
    return all(any(same_word(w, h) for w in said) for h in head)


def _claimed_trend(sentence: str) -> str | None:
    up, down = _UP.search(sentence), _DOWN.search(sentence)
    if bool(up) == bool(down):
        return None
    match = up or down
    assert match is not None
    before = sentence[max(0, match.start() - 25) : match.start()]
    if _NEGATED.search(before):
        return None
    return "up" if up else "down"


@lru_cache(maxsize=4096)
def _trend_sentences(text: str) -> tuple[tuple[str, str], ...]:
    """The sentences of a text that state a trend, with it ("up" or "down")."""
    lowered = text.lower()
    if not any(stem in lowered for stem in _TREND_STEMS) or not (_UP.search(text) or _DOWN.search(text)):
        return ()
    out = []
    for sentence in sentences(text):
        trend = _claimed_trend(sentence)
        if trend is not None:
            out.append((sentence, trend))
    return tuple(out)


@rule(
    "report.trend_against_numbers",
    Severity.WARNING,
    "Texten säger ökat/minskat, men indikatorns siffror säger motsatsen",
)
def trend_against_numbers(ctx: Context, _: None) -> Iterator[Hit]:
    if not ctx.kind.has(Part.OUTCOME_TABLES):
        return
    for goal, row in ctx.indicators:
        if row.total is None or row.previous is None or row.total == row.previous:
            continue
        actual = "up" if row.total > row.previous else "down"
        for text in [row.comment, *ctx.related_texts(goal)]:
            hit = next(
                (s for s, trend in _trend_sentences(text) if trend != actual and _names_indicator(s, row)),
                None,
            )
            if hit:
                said = "ökat" if actual == "down" else "minskat"
                yield Hit(
                    "indicator",
                    row.name,
                    f"Texten säger att ”{row.name}” (mål {goal.number}) har {said} (”{hit[:200]}”), men tabellen "
                    f"visar utfallet {fmt(row.total)} mot {fmt(row.previous)} föregående period.",
                    values(goal=goal.number, total=row.total, previous=row.previous, sentence=hit[:300]),
                )
                break


def _off_plan(ctx: Context, a: ActivityRow) -> str | None:
    """Why an activity does not go to plan, or None."""
    if a.status == "not_relevant":
        return "inte längre aktuell"
    if a.deviation.strip():
        return "har en avvikelse"
    end = ctx.doc.period_end
    if ctx.kind.has(Part.OUTCOME_TABLES) and end and a.end and a.end <= end and a.status != "done":
        return f"skulle vara klar {a.end}"
    return None


@rule(
    "report.plan_claim_against_activities",
    Severity.WARNING,
    "Analysen säger att aktiviteterna går enligt plan, men aktiviteter har avbrutits eller avviker",
)
def plan_claim_against_activities(ctx: Context, _: None) -> Iterator[Hit]:
    if not ctx.kind.has(Part.ASSESSMENTS):
        return
    for goal in ctx.goals:
        claim = next(
            (
                s
                for s in sentences(goal.analysis)
                if _TO_PLAN.search(s)
                and _ACTIVITY.search(s)
                and not _SOME.search(s)
                and not _NEGATED.search(s)
            ),
            None,
        )
        if claim is None:
            continue
        off = [
            (a, why)
            for a in goal.activities
            if not led_by_other(ctx, a.title) and (why := _off_plan(ctx, a)) is not None
        ]
        if off:
            shown = "; ".join(f"”{a.title[:70]}” {why}" for a, why in off[:3])
            yield Hit(
                "goal",
                goal.number,
                f"Analysen av mål {goal.number} säger ”{claim[:160]}”, men {len(off)} av målets aktiviteter går "
                f"inte enligt plan: {shown}.",
                values(goal=goal.number, sentence=claim[:300], activities=[a.title for a, _ in off]),
            )


def _stopped_projects(ctx: Context) -> list[tuple[str, str, str]]:
    """(project name, sentence, where) for every sentence that says a named project was stopped."""
    out = []
    for where, text in ctx.texts:
        lowered = text.lower()
        if not any(stem in lowered for stem in _STOP_STEMS) or not _STOPPED.search(text):
            continue
        for sentence in sentences(text):
            stop = _STOPPED.search(sentence)
            if stop is None or _NEGATED.search(sentence[: stop.start()][-25:]):
                continue
            for m in _PROJECT.finditer(sentence):
                out.append((m.group(1), sentence, where))
    return out


def _mentions(title: str, name: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", title, re.I) is not None


@rule(
    "report.stopped_without_deviation",
    Severity.WARNING,
    "Texten säger att ett projekt har avbrutits, men dess aktiviteter visar ingen avvikelse",
)
def stopped_without_deviation(ctx: Context, _: None) -> Iterator[Hit]:
    reported: set[str] = set()
    for name, sentence, where in _stopped_projects(ctx):
        if name.casefold() in reported:
            continue
        quiet: list[tuple[GoalSection, ActivityRow]] = [
            (g, a)
            for g, a in ctx.activities
            if _mentions(a.title, name) and a.status != "not_relevant" and not a.deviation.strip()
        ]
        if quiet:
            reported.add(name.casefold())
            titles = [a.title for _, a in quiet]
            yield Hit(
                "report",
                name,
                f"Texten ({where}) säger ”{sentence[:200]}”, men {len(quiet)} aktiviteter om {name} visar ingen "
                f"avvikelse och är inte markerade som inte längre aktuella: "
                + "; ".join(f"”{t[:70]}” (mål {g.number})" for (g, _), t in zip(quiet, titles, strict=True)),
                values(project=name, sentence=sentence[:300], activities=titles),
            )
