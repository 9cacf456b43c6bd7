"""Rules on the economics: omslutning rows and subtotals, tables that should reconcile, printed sums,
decision amounts against the tables, and amounts stated in the texts that the tables do not show."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from styrkedja.checks.context import Context
from styrkedja.checks.findings import Severity, values
from styrkedja.checks.registry import Hit, rule
from styrkedja.checks.text import (
    fmt_mnkr,
    is_abbreviation,
    normalise,
    numbers_in,
    same_word,
    sentences,
    words,
)
from styrkedja.reports.document import AreaEconomy, Economy

_LABEL_NOISE = {"s:a", "sa", "summa", "och", "i", "för", "inkl", "av", "med", "ökade", "minskade"}
_LABEL_NOISE |= {"kostnader", "intäkter", "totalt", "netto"}
_MNKR = re.compile(r"\s*(?:mnkr|miljoner\s+kronor)\b", re.IGNORECASE)
_DEVIATION_WORDS = re.compile(
    r"underskott|överskott|avvik|budgetjuster|kostnadsökning|intäktsökning|merkostnad|budgetökning|"
    r"budgetminskning|ökade kostnader|minskade intäkter|lägre intäkter|högre kostnader|ökade intäkter",
    re.IGNORECASE,
)


def _area(economy: Economy, name: str) -> AreaEconomy | None:
    for area in economy.areas:
        if area.name == name or name in area.names_as_printed:
            return area
    return None


@rule(
    "economy.turnover_row_unbalanced",
    Severity.ERROR,
    "Omslutningsrad där kostnad ≠ −intäkt",
    threshold=Decimal(0),
    threshold_doc="största tillåtna skillnad (mnkr) mellan kostnaden och −intäkten",
)
def turnover_row_unbalanced(ctx: Context, tolerance: Decimal) -> Iterator[Hit]:
    for line in ctx.doc.economy.turnover:
        if abs(line.costs + line.revenues) > tolerance:
            yield Hit(
                "budget",
                line.label,
                f"Omslutningsraden ”{line.label}” ({line.area}) har kostnader {fmt_mnkr(line.costs)} men "
                f"intäkter {fmt_mnkr(line.revenues)}; en omslutningsförändring ska ha kostnad = −intäkt.",
                values(area=line.area, costs=line.costs, revenues=line.revenues),
            )


@rule(
    "economy.turnover_area_revenue",
    Severity.WARNING,
    "Omslutningen per område stämmer inte med områdets intäktsbudget",
    threshold=Decimal(0),
    threshold_doc="största tillåtna skillnad (mnkr)",
)
def turnover_area_revenue(ctx: Context, tolerance: Decimal) -> Iterator[Hit]:
    economy = ctx.doc.economy
    sums: dict[str, Decimal] = {}
    for line in economy.turnover:
        sums[line.area] = sums.get(line.area, Decimal(0)) + line.revenues
    if not economy.areas:  # a round whose forecasts are not entered yet has no budget table to compare
        return
    for name, revenues in sums.items():
        area = _area(economy, name)
        if area is None:
            yield Hit(
                "budget",
                name,
                f"Omslutningstabellen har området ”{name}” (intäkter {fmt_mnkr(revenues)}), som inte finns i "
                "budgettabellen.",
                values(area=name, turnover_revenues=revenues),
            )
        elif area.revenues.budget is not None and abs(area.revenues.budget - revenues) > tolerance:
            yield Hit(
                "budget",
                area.name,
                f"Omslutningen för {area.name} summerar till {fmt_mnkr(-revenues)} mnkr (intäkter "
                f"{fmt_mnkr(revenues)}), men områdets intäktsbudget är {fmt_mnkr(area.revenues.budget)} mnkr.",
                values(area=area.name, turnover_revenues=revenues, revenue_budget=area.revenues.budget),
            )


def _tokens(text: str) -> list[str]:
    return [w for w in words(text) if w not in _LABEL_NOISE and len(w) >= 2]


def _covers(label: list[str], name: str) -> Decimal:
    """The share of a name's words that the label carries (abbreviations count: gem. for gemensam)."""
    tokens = [w for w in _tokens(name) if len(w) >= 3]
    if not tokens:
        return Decimal(0)
    hit = sum(1 for t in tokens if any(same_word(w, t) or is_abbreviation(w, t) for w in label))
    return Decimal(hit) / Decimal(len(tokens))


@rule(
    "economy.subtotal_label",
    Severity.ERROR,
    "Delsumma med ett annat avsnitts namn",
    threshold=Decimal("0.5"),
    threshold_doc="andel av ett annat områdes namn (0–1) som delsummans rubrik ska bära för att räknas som "
    "det områdets namn",
)
def subtotal_label(ctx: Context, share: Decimal) -> Iterator[Hit]:
    economy = ctx.doc.economy
    for area_name, heading, label, lines in economy.turnover_groups():
        if not label:
            continue
        tokens = _tokens(label)
        own_area = _area(economy, area_name)
        own_names = [area_name, heading, *(own_area.names_as_printed if own_area else [])]
        own = max(_covers(tokens, n) for n in own_names if n)
        best, other = Decimal(0), ""
        for area in economy.areas:
            if area is own_area or area.name == area_name:
                continue
            for name in [area.name, *area.names_as_printed]:
                score = _covers(tokens, name)
                if score > best:
                    best, other = score, area.name
        if best >= share and best > own:
            yield Hit(
                "budget",
                label,
                f"Delsumman ”{label}” står under avsnittet ”{heading or area_name}” men bär namnet på "
                f"”{other}”.",
                values(area=area_name, heading=heading, label=label, named=other, rows=len(lines)),
            )


def _abbreviated(a: str, b: str) -> bool:
    """The same name, one of them with abbreviated words: "Nämnd och gemensam adm." / "… administration"."""
    wa, wb = normalise(a).split(), normalise(b).split()
    if len(wa) != len(wb):
        return False
    return all(x == y or is_abbreviation(x, y) or is_abbreviation(y, x) for x, y in zip(wa, wb, strict=True))


@rule(
    "economy.area_spelling",
    Severity.WARNING,
    "Samma verksamhetsområde stavas olika i olika tabeller",
)
def area_spelling(ctx: Context, _: None) -> Iterator[Hit]:
    for area in ctx.doc.economy.areas:
        spellings: dict[str, str] = {}
        for name in [area.name, *area.names_as_printed]:
            if any(_abbreviated(name, other) for other in spellings.values()):
                continue
            spellings.setdefault(normalise(name), name)
        if len(spellings) > 1:
            shown = " / ".join(f"”{s}”" for s in spellings.values())
            yield Hit(
                "budget",
                area.name,
                f"Verksamhetsområdet {area.name} skrivs på {len(spellings)} sätt i dokumentet: {shown}.",
                values(area=area.name, spellings=list(spellings.values())),
            )


_DERIVED = {
    "costs/deviation": ("kostnader", "avvikelse"),
    "revenues/deviation": ("intäkter", "avvikelse"),
    "net/budget": ("netto", "budget"),
    "net/forecast": ("netto", "prognos"),
    "net/deviation": ("netto", "avvikelse"),
}


def _computed(area: AreaEconomy, key: str) -> Decimal | None:
    row = {"costs": area.costs, "revenues": area.revenues, "net": area.net}[key.split("/")[0]]
    column = key.split("/")[1]
    return {"budget": row.budget, "forecast": row.forecast, "deviation": row.deviation}[column]


@rule(
    "economy.printed_differs",
    Severity.ERROR,
    "Tryckt netto eller avvikelse stämmer inte med kostnader och intäkter",
    threshold=Decimal(0),
    threshold_doc="största tillåtna skillnad (mnkr)",
)
def printed_differs(ctx: Context, tolerance: Decimal) -> Iterator[Hit]:
    for area in ctx.doc.economy.areas:
        for key, (row, column) in _DERIVED.items():
            printed = area.as_printed.get(key)
            computed = _computed(area, key)
            if not printed or computed is None:
                continue
            numbers = numbers_in(printed)
            if not numbers:
                continue
            value = numbers[0][0]
            if abs(value - computed) > tolerance:
                yield Hit(
                    "budget",
                    f"{area.name}: {row} {column}",
                    f"{area.name}: {row}, {column} är tryckt {printed} men beräknas till {fmt_mnkr(computed)} "
                    "(netto = kostnader + intäkter, avvikelse = budget − prognos).",
                    values(area=area.name, printed=value, computed=computed),
                )


@rule(
    "economy.decision_amount",
    Severity.ERROR,
    "Beslutsförslagets belopp stämmer inte med tabellerna",
    threshold=Decimal(0),
    threshold_doc="största tillåtna skillnad (mnkr)",
)
def decision_amount(ctx: Context, tolerance: Decimal) -> Iterator[Hit]:
    for d in ctx.doc.cover.decisions:
        if d.amount is None or d.amount_as_printed is None:
            continue
        if abs(d.amount - d.amount_as_printed) > tolerance:
            yield Hit(
                "decision",
                f"Beslutsförslag {d.number}",
                f"Beslutsförslag {d.number} anger {fmt_mnkr(d.amount_as_printed)} mnkr, men tabellerna ger "
                f"{fmt_mnkr(d.amount)} mnkr.",
                values(number=d.number, printed=d.amount_as_printed, computed=d.amount),
            )


@rule(
    "economy.adjustment_arithmetic",
    Severity.ERROR,
    "Budgetjusteringens belopp är inte skillnaden mellan från och till",
    threshold=Decimal(0),
    threshold_doc="största tillåtna skillnad (mnkr)",
)
def adjustment_arithmetic(ctx: Context, tolerance: Decimal) -> Iterator[Hit]:
    for a in ctx.doc.economy.adjustments:
        if a.from_amount is None or a.to_amount is None:
            continue
        difference = abs(a.to_amount - a.from_amount)
        if abs(difference - abs(a.amount)) > tolerance:
            yield Hit(
                "budget",
                f"Budgetjustering {fmt_mnkr(a.amount)} mnkr",
                f"Budgetjusteringen på {fmt_mnkr(a.amount)} mnkr går från {fmt_mnkr(a.from_amount)} till "
                f"{fmt_mnkr(a.to_amount)} mnkr, en skillnad på {fmt_mnkr(difference)} mnkr.",
                values(
                    amount=a.amount, from_amount=a.from_amount, to_amount=a.to_amount, difference=difference
                ),
            )


@rule(
    "economy.volume_amount",
    Severity.ERROR,
    "Prestationsbeloppet i texten stämmer inte med platser × pris",
    threshold=Decimal("0.05"),
    threshold_doc="största tillåtna skillnad (mnkr); beloppen trycks med en decimal",
)
def volume_amount(ctx: Context, tolerance: Decimal) -> Iterator[Hit]:
    for v in ctx.doc.economy.volumes:
        money = v.money
        if money is None or v.amount_as_printed is None:
            continue
        if abs(money - v.amount_as_printed) > tolerance:
            yield Hit(
                "budget",
                f"{v.area}: {v.label}",
                f"{v.area}, {v.label}: texten anger {fmt_mnkr(v.amount_as_printed)} mnkr, men "
                f"({v.forecast_places} − {v.budget_places} platser) × {v.price_per_place} kr = "
                f"{fmt_mnkr(money)} mnkr.",
                values(area=v.area, printed=v.amount_as_printed, computed=money),
            )


def _table_figures(economy: Economy) -> set[Decimal]:
    """Every amount the economics tables show or imply, as absolute values with one decimal."""
    amounts: list[Decimal | None] = []
    rows = [
        *(r for a in economy.areas for r in (a.costs, a.revenues, a.net)),
        *economy.requirement,
        *economy.investments,
        economy.costs,
        economy.revenues,
        economy.net_excluding_requirement,
        economy.requirement_net,
        economy.committee_net,
        economy.committee_revenues,
    ]
    for row in rows:
        amounts += [row.budget, row.forecast, row.deviation, row.last_year]
    for area in economy.areas:
        amounts += [v for pair in area.by_version.values() for v in pair]
        amounts.append(area.last_year_net)
    for _, by_version in economy.requirement_by_version:
        amounts += list(by_version.values())
    by_area: dict[str, Decimal] = {}
    for line in economy.turnover:
        amounts += [line.costs, line.revenues]
        by_area[line.area] = by_area.get(line.area, Decimal(0)) + line.costs
    amounts += [*by_area.values(), economy.turnover_costs]
    for adj in economy.adjustments:
        amounts += [adj.amount, adj.from_amount, adj.to_amount]
    printed = [v.amount_as_printed for v in economy.volumes if v.amount_as_printed is not None]
    amounts += [*printed, sum(printed, Decimal(0)), *(v.money for v in economy.volumes)]
    amounts.append(economy.efficiency_requirement)
    return {abs(a).quantize(Decimal("0.1")) for a in amounts if a is not None}


def _texts(ctx: Context) -> Iterator[tuple[str, str, str]]:
    """(kind, ref, text) of every text that may state amounts."""
    doc = ctx.doc
    yield "report", "Sammanfattande analys", doc.cover.summary_analysis or doc.introduction
    yield "report", "Ekonomi: sammanfattning", doc.economy.summary
    for area in doc.economy.areas:
        yield "budget", area.name, area.commentary
    for goal in ctx.goals:
        yield "goal", goal.number, goal.analysis
    for _goal, row in ctx.indicators:
        yield "indicator", row.name, row.comment
    for title, text in doc.special_reports:
        yield "report", title, text


@rule(
    "economy.text_amount_not_in_tables",
    Severity.WARNING,
    "Texten anger ett underskott, överskott eller en avvikelse som tabellerna inte visar",
    threshold=Decimal(0),
    threshold_doc="största tillåtna skillnad (mnkr) mellan textens belopp och en siffra i tabellerna",
)
def text_amount_not_in_tables(ctx: Context, tolerance: Decimal) -> Iterator[Hit]:
    figures = _table_figures(ctx.doc.economy)
    for kind, ref, text in _texts(ctx):
        if not text or "mnkr" not in text.lower():
            continue
        unknown: list[tuple[Decimal, str]] = []
        for sentence in sentences(text):
            if not _DEVIATION_WORDS.search(sentence):
                continue
            for number, _decimals, _start, end in numbers_in(sentence):
                if not _MNKR.match(sentence[end:]):
                    continue
                amount = abs(number).quantize(Decimal("0.1"))
                if not any(abs(amount - f) <= tolerance for f in figures):
                    unknown.append((amount, sentence))
        if unknown:
            shown = ", ".join(f"{fmt_mnkr(a)} mnkr" for a, _ in unknown)
            area = _area(ctx.doc.economy, ref) if kind == "budget" else None
            table = (
                f" Tabellens avvikelse för området är {fmt_mnkr(area.net.deviation)} mnkr."
                if area is not None and area.net.deviation is not None
                else ""
            )
            where = {"budget": "Kommentaren till", "goal": "Analysen av mål", "indicator": "Analysen av"}.get(
                kind, "Texten"
            )
            yield Hit(
                kind,
                ref,
                f"{where} {ref} anger {shown} i samband med avvikelse, underskott eller överskott, men "
                f"tabellerna visar inget sådant belopp.{table} (”{unknown[0][1][:160]}”)",
                values(amounts=[a for a, _ in unknown], sentences=[s[:300] for _, s in unknown]),
            )


_ADOPTED = re.compile(r"\bNB\b|\bKF\b|nämnd-?budget|beslutad|fastställd|antagen|ursprunglig", re.IGNORECASE)
_CHANGED = re.compile(r"just|reviderad|inkl|efter|ändrad|omslut", re.IGNORECASE)


@rule(
    "economy.adopted_budget_includes_proposal",
    Severity.WARNING,
    "Kolumnen med den beslutade budgeten innehåller redan en ändring som rapporten föreslår",
    threshold=Decimal(0),
    threshold_doc="största skillnad (mnkr) som räknas som lika",
)
def adopted_budget_includes_proposal(ctx: Context, tolerance: Decimal) -> Iterator[Hit]:
    """The budget column says it is the adopted budget (its label: "NB 2021", "Nämndbudget", "Beslutad budget"),
    but an area's revenue budget is exactly the omslutning this report asks to add, or a requirement's
    budget is the amount this report asks to change it to."""
    economy = ctx.doc.economy
    label = economy.budget_label
    if not _ADOPTED.search(label) or _CHANGED.search(label):
        return  # a column that does not say it is the adopted budget may hold the adjusted one
    included: list[str] = []
    sums: dict[str, Decimal] = {}
    for line in economy.turnover:
        sums[line.area] = sums.get(line.area, Decimal(0)) + line.revenues
    for name, revenues in sums.items():
        area = _area(economy, name)
        budget = area.revenues.budget if area else None
        if area is not None and budget is not None and revenues != 0 and abs(budget - revenues) <= tolerance:
            included.append(
                f"{area.name}: intäktsbudget {fmt_mnkr(budget)} = omslutningen {fmt_mnkr(revenues)}"
            )
    for adjustment in economy.adjustments:
        if adjustment.to_amount is None or adjustment.from_amount == adjustment.to_amount:
            continue
        for row in economy.requirement:
            if row.budget is not None and abs(abs(row.budget) - adjustment.to_amount) <= tolerance:
                included.append(
                    f"{row.label}: budget {fmt_mnkr(row.budget)} = beloppet efter den begärda justeringen "
                    f"({fmt_mnkr(adjustment.from_amount)} → {fmt_mnkr(adjustment.to_amount)})"
                )
    if included:
        yield Hit(
            "budget",
            label,
            f"Kolumnen ”{label}” ska visa den beslutade budgeten, men innehåller redan ändringar som "
            f"rapporten föreslår: {'; '.join(included)}.",
            values(label=label, rows=included),
        )
