"""Rules on the city's documents (the roll-up of every committee, `reports/city.py`): counts stated in the
council's texts against the data and against their own arithmetic, the council's rating against its
committees' under the rule, printed sums against the computed ones within the rounding of the printed
unit, and the signs of revenues and costs."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from styrkedja.checks.context import Context
from styrkedja.checks.findings import Severity, values
from styrkedja.checks.registry import Hit, rule
from styrkedja.checks.text import fmt, sentences
from styrkedja.lib.numbers import parse_number
from styrkedja.profiles.counts import MISSING
from styrkedja.profiles.schema import Scale
from styrkedja.reports.city import NUMBER_WORDS, CityGoal, CityRollup, rating_word, rating_words
from styrkedja.reports.city_tables import ECONOMY_HEADERS, INVESTMENT_HEADERS

_NUMBER = r"(\d+|" + "|".join(NUMBER_WORDS[1:]) + "|ett|alla)"
_HEAD = re.compile(rf"\b{_NUMBER} av (?:de )?{_NUMBER} (?:ansvariga )?nämnder(?:na)?\b", re.IGNORECASE)
_NOT_GIVEN = r"(?:har inte lämnat någon bedömning|har inte bedömt målet|saknar bedömning|gav ingen bedömning)"


def _count(word: str, whole: int | None = None) -> int:
    word = word.lower()
    if word.isdigit():
        return int(word)
    if word == "ett":
        return 1
    if word == "alla" and whole is not None:
        return whole
    return NUMBER_WORDS.index(word)


def stated_counts(text: str, scale: Scale) -> list[tuple[str, int, dict[str, int]]]:
    """Every sentence of a text that states how many of how many committees rate a goal how:
    (the sentence, the stated whole, the stated count per rating key and MISSING)."""
    prefix, by_key = rating_words(scale)
    words = {word: key for key, word in by_key.items()}
    # The longest first, so that "delvis uppnått" is not read as "uppnått".
    rating = "(" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"
    verb = rf"bedömer\s+att\s+målet\s+{re.escape(prefix)}\s+" if prefix else r"bedömer\s+målet\s+som\s+"
    out = []
    for sentence in sentences(text):
        head = _HEAD.search(sentence)
        if head is None:
            continue
        whole = _count(head.group(2))
        first = _count(head.group(1), whole)
        rest = sentence[head.end() :]
        first_rating = re.search(rf"\b{rating}\b", rest, re.IGNORECASE)
        if first_rating is None:
            continue
        counts: dict[str, int] = {words[first_rating.group(1).lower()]: first}
        tail = rest[first_rating.end() :]
        for m in re.finditer(rf"\b{_NUMBER}\s+(?:nämnder\s+)?(?:{verb})?{rating}\b", tail, re.I):
            key = words[m.group(2).lower()]
            counts[key] = counts.get(key, 0) + _count(m.group(1))
        for m in re.finditer(rf"\b{_NUMBER}\s+(?:nämnder\s+)?{_NOT_GIVEN}", tail, re.IGNORECASE):
            counts[MISSING] = counts.get(MISSING, 0) + _count(m.group(1))
        out.append((sentence, whole, counts))
    return out


def _city(ctx: Context) -> CityRollup | None:
    return ctx.doc.city


def _texts(goal: CityGoal) -> list[str]:
    return [t for t in (goal.analysis, goal.justification) if t]


@rule("city.stated_counts", Severity.ERROR, "Antal nämnder i texten stämmer inte med bedömningarna")
def stated_counts_against_data(ctx: Context, _: None) -> Iterator[Hit]:
    rollup = _city(ctx)
    if rollup is None:
        return
    for goal in rollup.goals:
        for text in _texts(goal):
            for sentence, whole, counts in stated_counts(text, rollup.scale):
                wrong = []
                if whole != goal.responsible:
                    wrong.append(f"{whole} nämnder i stället för de {goal.responsible} ansvariga")
                for key, n in counts.items():
                    actual = goal.committee_ratings.get(key, 0)
                    if n != actual:
                        word = "utan bedömning" if key == MISSING else rating_word(rollup.scale, key)
                        wrong.append(f"{n} {word} i stället för {actual}")
                if wrong:
                    yield Hit(
                        "goal",
                        goal.ref,
                        f"Mål {goal.ref}: texten ”{sentence}” stämmer inte med nämndernas bedömningar: "
                        + "; ".join(wrong) + ".",
                        values(goal=goal.ref, stated_whole=str(whole), responsible=str(goal.responsible),
                               stated=[f"{k}={v}" for k, v in sorted(counts.items())],
                               data=[f"{k}={v}" for k, v in sorted(goal.committee_ratings.items())]),
                    )  # fmt: skip


@rule(
    "city.stated_counts_sum",
    Severity.ERROR,
    "Delarna i en mening om antal nämnder summerar inte till helheten",
)
def stated_counts_sum(ctx: Context, _: None) -> Iterator[Hit]:
    rollup = _city(ctx)
    if rollup is None:
        return
    for goal in rollup.goals:
        for text in _texts(goal):
            for sentence, whole, counts in stated_counts(text, rollup.scale):
                parts = sum(counts.values())
                if parts != whole:
                    yield Hit(
                        "goal",
                        goal.ref,
                        f"Mål {goal.ref}: i ”{sentence}” är delarna tillsammans {parts}, men helheten {whole}.",
                        values(goal=goal.ref, whole=str(whole), parts=str(parts)),
                    )


@rule(
    "city.rating_against_committees",
    Severity.WARNING,
    "Kommunfullmäktiges bedömning avviker från nämndernas och indikatorernas, utan motivering",
    threshold=1,
    threshold_doc="hur många steg på skalan bedömningen minst ska skilja sig från förslaget för att rapporteras",
)
def rating_against_committees(ctx: Context, steps: int) -> Iterator[Hit]:
    rollup = _city(ctx)
    if rollup is None:
        return
    keys = rollup.scale.keys
    for goal in rollup.goals:
        if goal.assessment not in keys or goal.suggested not in keys or goal.justification.strip():
            continue
        apart = abs(keys.index(goal.assessment) - keys.index(goal.suggested))
        if apart >= steps:
            label = {k: rollup.scale.labels.get(k, k).lower() for k in keys}
            counts = ", ".join(f"{label[k]} {goal.committee_ratings.get(k, 0)}" for k in keys)
            yield Hit(
                "goal",
                goal.ref,
                f"Mål {goal.ref} bedöms ”{label[goal.assessment]}” av staden, men nämndernas och indikatorernas "
                f"bedömningar ger ”{label[goal.suggested]}” ({counts}; {goal.committee_ratings.get(MISSING, 0)} "
                "utan bedömning). Motivera bedömningen eller ändra den.",
                values(goal=goal.ref, assessment=goal.assessment, suggested=goal.suggested),
            )


def _decimals(text: str) -> int:
    match = re.search(r"[,.](\d+)\s*$", text.strip().rstrip("%").strip())
    return len(match.group(1)) if match else 0


def _printed(rollup: CityRollup) -> Iterator[tuple[str, str, Decimal, Decimal, Decimal]]:
    """(key, printed text, printed value, computed value, the printed unit) of every printed sum that
    has a computed counterpart."""
    computed = rollup.computed_totals()
    for key, text in sorted(rollup.printed.items()):
        value = parse_number(text)
        exact = computed.get(key)
        if value is None or exact is None:
            continue
        yield key, text, value, exact, Decimal(1).scaleb(-_decimals(text))


def _what(key: str) -> str:
    """`driftredovisning/total/net` → "Driftredovisning, summan, netto": the table, the row, the column as
    the document heads them."""
    table, row, column = [*key.split("/"), "", ""][:3]
    headers = INVESTMENT_HEADERS if table.startswith("invest") else ECONOMY_HEADERS
    return (
        f"{table.capitalize()}, {'summan' if row == 'total' else row}, {headers.get(column, column).lower()}"
    )


@rule(
    "city.printed_total",
    Severity.ERROR,
    "Tryckt summa avviker från den beräknade mer än avrundningen",
    threshold=Decimal("1.5"),
    threshold_doc="största avvikelse i enheter av den tryckta sista siffran som räknas som avrundning",
)
def printed_total(ctx: Context, band: Decimal) -> Iterator[Hit]:
    rollup = _city(ctx)
    if rollup is None:
        return
    for key, text, value, exact, unit in _printed(rollup):
        if _wrong_sign(key, value) and abs(value + exact) <= band * unit:
            continue  # the amount is right, its sign wrong: city.revenue_cost_signs says so
        if abs(value - exact) > band * unit:
            yield Hit(
                "economy",
                key,
                f"{_what(key)}: tryckt {text}, beräknat {fmt(exact)} (skillnad {fmt(value - exact)}), mer än "
                "avrundningen till den tryckta enheten.",
                values(printed=text, computed=exact, difference=value - exact),
            )


@rule(
    "city.printed_total_rounding",
    Severity.INFO,
    "Tryckt summa avviker från den beräknade inom avrundningen",
    threshold=Decimal("1.5"),
    threshold_doc="största avvikelse i enheter av den tryckta sista siffran som räknas som avrundning",
)
def printed_total_rounding(ctx: Context, band: Decimal) -> Iterator[Hit]:
    rollup = _city(ctx)
    if rollup is None:
        return
    for key, text, value, exact, unit in _printed(rollup):
        if unit / 2 < abs(value - exact) <= band * unit:
            yield Hit(
                "economy",
                key,
                f"{_what(key)}: tryckt {text}, beräknat {fmt(exact)}: en enhet i sista siffran från den "
                "korrekt avrundade summan (avrundning av summerade rader).",
                values(printed=text, computed=exact, difference=value - exact),
            )


def _wrong_sign(key: str, value: Decimal) -> bool:
    column = key.rsplit("/", 1)[-1]
    return (column == "revenues" and value > 0) or (column == "costs" and value < 0)


@rule("city.revenue_cost_signs", Severity.ERROR, "Intäkter med plustecken eller kostnader med minustecken")
def revenue_cost_signs(ctx: Context, _: None) -> Iterator[Hit]:
    rollup = _city(ctx)
    if rollup is None:
        return
    for key, text in sorted(rollup.printed.items()):
        value = parse_number(text)
        if value is not None and _wrong_sign(key, value):
            which = (
                "intäkter tryckta som positivt belopp"
                if value > 0
                else "kostnader tryckta som negativt belopp"
            )
            yield Hit(
                "economy",
                key,
                f"{_what(key)}: {which} ({text}); intäkter skrivs negativa, kostnader positiva.",
                values(printed=text),
            )
    for issue in rollup.sign_issues:
        wrong = []
        if issue.revenues > 0:
            wrong.append(f"intäkter {fmt(issue.revenues)} (ska vara negativa)")
        if issue.costs < 0:
            wrong.append(f"kostnader {fmt(issue.costs)} (ska vara positiva)")
        yield Hit(
            "economy",
            f"{issue.committee}/{issue.area}",
            f"{issue.name}, {issue.area}: " + " och ".join(wrong) + ".",
            values(committee=issue.committee, area=issue.area, costs=issue.costs, revenues=issue.revenues),
        )
