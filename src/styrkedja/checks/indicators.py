"""Rules on indicator rows: units of the cells, men/women against the total, targets against KF's,
forecasts, measurement windows, and the analysis texts printed under the rows."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from decimal import Decimal
from difflib import SequenceMatcher

from styrkedja.checks.context import Context
from styrkedja.checks.findings import Severity, values
from styrkedja.checks.registry import Hit, rule
from styrkedja.checks.text import (
    EXPECTED_SUFFIX,
    Cell,
    dated_sentences,
    fmt,
    month_ranges,
    normalise,
    numbers_in,
    read_cell,
    same_word,
    sentences,
    words,
)
from styrkedja.lib.periods import PeriodError, parse_period
from styrkedja.lib.vocabulary import Unit
from styrkedja.reports.document import GoalSection, IndicatorRow
from styrkedja.reports.kinds import Part

CELLS = {
    "total": "utfall",
    "men": "män",
    "women": "kvinnor",
    "previous": "föregående år",
    "forecast": "prognos",
    "target": "årsmål",
    "kf_target": "KF:s årsmål",
}
UNIT_SV = Unit.labels
PERIOD_MONTHS = {"month": 1, "quarter": 3, "tertial": 4, "half_year": 6, "year": 12, "every_other_year": 12}


def _cells(ctx: Context, row: IndicatorRow) -> dict[str, tuple[str, Cell]]:
    out = {}
    for key in CELLS:
        printed = row.as_printed.get(ctx.cells_prefix + key, "")
        cell = read_cell(printed)
        if cell is not None:
            out[key] = (printed, cell)
    return out


def _printed(cells: dict[str, tuple[str, Cell]]) -> dict[str, str]:
    return {CELLS[k]: printed for k, (printed, _) in cells.items()}


def _shown(cells: dict[str, tuple[str, Cell]], keys: list[str]) -> str:
    return ", ".join(f"{CELLS[k]} {cells[k][0]}" for k in keys)


@rule(
    "indicator.unit_mismatch",
    Severity.ERROR,
    "Olika enheter i en indikators celler",
)
def unit_mismatch(ctx: Context, _: None) -> Iterator[Hit]:
    for goal, row in ctx.indicators:
        cells = _cells(ctx, row)
        expected = EXPECTED_SUFFIX.get(row.unit)
        units = {cell.unit for _, cell in cells.values() if cell.unit}
        wrong = [k for k, (_, c) in cells.items() if c.unit and expected and c.unit != expected]
        if len(units) > 1 or wrong:
            odd = wrong or [k for k, (_, c) in cells.items() if c.unit]
            unit = UNIT_SV.get(row.unit, row.unit or "ingen")
            yield Hit(
                "indicator",
                row.name,
                f"Indikatorn ”{row.name}” (mål {goal.number}, enhet {unit}) har celler med olika "
                f"enheter: {_shown(cells, odd)}.",
                values(goal=goal.number, unit=row.unit, **_printed(cells)),
            )


@rule(
    "indicator.unit_missing",
    Severity.WARNING,
    "Värden utan enhet bredvid värden med enhet",
)
def unit_missing(ctx: Context, _: None) -> Iterator[Hit]:
    for goal, row in ctx.indicators:
        cells = _cells(ctx, row)
        bare = [k for k, (_, c) in cells.items() if not c.unit]
        with_unit = [k for k, (_, c) in cells.items() if c.unit]
        if bare and with_unit:
            yield Hit(
                "indicator",
                row.name,
                f"Indikatorn ”{row.name}” (mål {goal.number}) har värden utan enhet ({_shown(cells, bare)}) "
                f"bredvid värden med enhet ({_shown(cells, with_unit)}).",
                values(goal=goal.number, **_printed(cells)),
            )


@rule(
    "indicator.gender_sum",
    Severity.ERROR,
    "Antal: totalt är inte män + kvinnor",
    threshold=Decimal(0),
    threshold_doc="största tillåtna skillnad mellan totalen och män + kvinnor",
)
def gender_sum(ctx: Context, tolerance: Decimal) -> Iterator[Hit]:
    for goal, row in ctx.indicators:
        if row.unit != "count" or row.total is None or row.men is None or row.women is None:
            continue
        both = row.men + row.women
        if abs(both - row.total) > tolerance:
            yield Hit(
                "indicator",
                row.name,
                f"Indikatorn ”{row.name}” (mål {goal.number}): utfallet totalt är {fmt(row.total)} men "
                f"män + kvinnor = {fmt(row.men)} + {fmt(row.women)} = {fmt(both)}.",
                values(goal=goal.number, total=row.total, men=row.men, women=row.women, sum=both),
            )


def _half_unit(ctx: Context, row: IndicatorRow, key: str, value: Decimal) -> Decimal:
    """Half a unit of the last printed decimal: the rounding a printed value may carry."""
    cell = read_cell(row.as_printed.get(ctx.cells_prefix + key, ""))
    if cell is not None:
        decimals = cell.decimals
    else:
        exponent = value.normalize().as_tuple().exponent
        decimals = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return Decimal(5) / Decimal(10) ** (decimals + 1)


@rule(
    "indicator.gender_range",
    Severity.ERROR,
    "Andel/medelvärde: totalen ligger utanför männens och kvinnornas värden",
    threshold=Decimal(0),
    threshold_doc="tolerans utöver avrundningen av de tryckta värdena",
)
def gender_range(ctx: Context, tolerance: Decimal) -> Iterator[Hit]:
    for goal, row in ctx.indicators:
        if row.unit == "count" or row.total is None or row.men is None or row.women is None:
            continue
        low, high = sorted((row.men, row.women))
        slack = tolerance + sum(
            (
                _half_unit(ctx, row, k, v)
                for k, v in (("total", row.total), ("men", row.men), ("women", row.women))
            ),
            Decimal(0),
        )
        if row.total < low - slack or row.total > high + slack:
            yield Hit(
                "indicator",
                row.name,
                f"Indikatorn ”{row.name}” (mål {goal.number}): utfallet totalt {fmt(row.total)} ligger utanför "
                f"männens och kvinnornas värden ({fmt(low)}–{fmt(high)}).",
                values(goal=goal.number, total=row.total, men=row.men, women=row.women),
            )


def _weaker(row: IndicatorRow) -> bool:
    if row.kf_mode != "value" or row.target is None or row.kf_target is None:
        return False
    if row.direction == "higher":
        return row.target < row.kf_target
    if row.direction == "lower":
        return row.target > row.kf_target
    return False


@rule(
    "indicator.kf_target_weaker",
    Severity.WARNING,
    "Nämndens årsmål är svagare än KF:s",
    threshold=("count",),
    threshold_doc="enheter där KF:s årsmål kan vara ett stadsövergripande totalvärde och därför inte jämförs "
    "här (se indicator.kf_target_city_wide)",
)
def kf_target_weaker(ctx: Context, city_wide_units: tuple[str, ...]) -> Iterator[Hit]:
    for goal, row in ctx.indicators:
        if row.unit in city_wide_units or not _weaker(row):
            continue
        better = "högre" if row.direction == "higher" else "lägre"
        yield Hit(
            "indicator",
            row.name,
            f"Indikatorn ”{row.name}” (mål {goal.number}): nämndens årsmål {fmt(row.target)} är svagare än "
            f"KF:s årsmål {fmt(row.kf_target)} ({better} är bättre).",
            values(goal=goal.number, target=row.target, kf_target=row.kf_target, direction=row.direction),
        )


@rule(
    "indicator.kf_target_city_wide",
    Severity.INFO,
    "KF:s årsmål är större än nämndens – troligen stadsövergripande",
    threshold=("count",),
    threshold_doc="enheter där KF:s årsmål kan vara ett stadsövergripande totalvärde",
)
def kf_target_city_wide(ctx: Context, city_wide_units: tuple[str, ...]) -> Iterator[Hit]:
    for goal, row in ctx.indicators:
        if row.unit not in city_wide_units or not _weaker(row):
            continue
        if _explained(ctx, goal, row, _CITY_WIDE, ("tad", "KF")):
            continue
        yield Hit(
            "indicator",
            row.name,
            f"Indikatorn ”{row.name}” (mål {goal.number}): nämndens årsmål {fmt(row.target)} är lägre än KF:s "
            f"{fmt(row.kf_target)}. Om KF:s värde är stadens totalvärde är det rimligt; annars är nämndens "
            "mål svagare än KF:s.",
            values(goal=goal.number, target=row.target, kf_target=row.kf_target),
        )


_CITY_WIDE = re.compile(
    r"stadens\s+(?:mål\w*|målvärde\w*|totala\w*)|stadsövergripande|hela\s+staden|staden\s+som\s+helhet|"
    r"för\s+hela\s+kommunen|KF:s\s+(?:mål|årsmål)\s+avser",
    re.IGNORECASE,
)
_CAUTIOUS = re.compile(r"försiktig\w*\s+prognos|prognos\w*\s+(?:är|har\s+gjorts)\s+försiktig", re.I)


def _explained(
    ctx: Context, goal: GoalSection, row: IndicatorRow, pattern: re.Pattern[str], stems: tuple[str, ...]
) -> bool:
    """A sentence of the row's comment or of the related analyses that speaks of the indicator (a telling word
    of its name) says what the pattern says (`stems`: one of them is in every text the pattern matches)."""
    name = [w for w in words(row.name) if len(w) >= 5 and w not in GENERIC]
    for text in [row.comment, *ctx.related_texts(goal)]:
        if not any(stem in text for stem in stems) or not pattern.search(text):
            continue
        for sentence in sentences(text):
            if not pattern.search(sentence):
                continue
            said = words(sentence)
            if text is row.comment or any(same_word(w, n) for w in said for n in name):
                return True
    return False


def _forecast_rows(ctx: Context) -> list[tuple[GoalSection, IndicatorRow]]:
    if not ctx.kind.assesses_forecasts:
        return []
    return [(g, r) for g, r in ctx.indicators if r.forecast is not None and r.target is not None]


def _copied(ctx: Context, tolerance: Decimal) -> list[tuple[GoalSection, IndicatorRow]]:
    """The rows whose forecast is the target, without a reason: not those whose outcome so far already equals
    the target, nor those whose texts call the forecast cautious."""
    key = ("indicator.copied", tolerance)
    if key not in ctx.memo:
        ctx.memo[key] = _find_copied(ctx, tolerance)
    return ctx.memo[key]  # type: ignore[return-value]


def _find_copied(ctx: Context, tolerance: Decimal) -> list[tuple[GoalSection, IndicatorRow]]:
    out = []
    for goal, row in _forecast_rows(ctx):
        assert row.forecast is not None and row.target is not None
        if abs(row.forecast - row.target) > tolerance:
            continue
        if row.total is not None and row.total == row.target:
            continue
        if _explained(ctx, goal, row, _CAUTIOUS, ("örsiktig",)):
            continue
        out.append((goal, row))
    return out


def _copied_share(ctx: Context, share: Decimal) -> bool:
    rows = _forecast_rows(ctx)
    return len(rows) >= 4 and Decimal(len(_copied(ctx, Decimal(0)))) / Decimal(len(rows)) > share


@rule(
    "indicator.forecast_equals_target",
    Severity.INFO,
    "Prognoser som är lika med årsmålet",
    threshold=Decimal(0),
    threshold_doc="största skillnad mellan prognos och årsmål som räknas som lika",
)
def forecast_equals_target(ctx: Context, tolerance: Decimal) -> Iterator[Hit]:
    """One finding for the report with the list of rows; none when `indicator.forecasts_copied` already says
    it of the report as a whole."""
    if _copied_share(ctx, Decimal("0.5")):
        return
    rows = _copied(ctx, tolerance)
    if rows:
        yield Hit(
            "report",
            ctx.doc.title,
            f"Prognosen är exakt årsmålet för {len(rows)} indikatorer, utan att utfallet redan är målet eller "
            "att texten förklarar det: "
            + "; ".join(
                f"{r.name} (mål {g.number}: prognos {fmt(r.forecast)}, utfall hittills {fmt(r.total)})"
                for g, r in rows
            )
            + ". Är prognoserna bedömda, eller kopierade från målen?",
            values(rows=[r.name for _, r in rows], goals=[g.number for g, _ in rows]),
        )


@rule(
    "indicator.forecasts_copied",
    Severity.WARNING,
    "De flesta prognoser är lika med årsmålen",
    threshold=Decimal("0.5"),
    threshold_doc="andel av indikatorerna med prognos (minst fyra) där prognosen är lika med årsmålet utan att "
    "utfallet redan är målet eller texten förklarar det",
)
def forecasts_copied(ctx: Context, share: Decimal) -> Iterator[Hit]:
    rows = _forecast_rows(ctx)
    equal = _copied(ctx, Decimal(0))
    if len(rows) >= 4 and Decimal(len(equal)) / Decimal(len(rows)) > share:
        percent = (Decimal(100) * len(equal) / len(rows)).quantize(Decimal(1))
        yield Hit(
            "report",
            ctx.doc.title,
            f"Prognosen är lika med årsmålet för {len(equal)} av {len(rows)} indikatorer med prognos "
            f"({fmt(percent)} %), utan att utfallet redan är målet eller texten förklarar det. Prognoserna ser "
            "kopierade ut snarare än bedömda.",
            values(equal=len(equal), forecasts=len(rows), share=percent, rows=[r.name for _, r in equal]),
        )


@rule(
    "indicator.unit_or_direction_missing",
    Severity.WARNING,
    "Indikator utan enhet eller riktning",
)
def unit_or_direction_missing(ctx: Context, _: None) -> Iterator[Hit]:
    for goal, row in ctx.indicators:
        missing = [label for label, value in (("enhet", row.unit), ("riktning", row.direction)) if not value]
        if missing:
            yield Hit(
                "indicator",
                row.name,
                f"Indikatorn ”{row.name}” (mål {goal.number}) saknar {' och '.join(missing)}.",
                values(goal=goal.number, missing=missing),
            )


def _window_ok(ctx: Context, row: IndicatorRow) -> bool:
    start, end = row.window_start, row.window_end
    if start is None or end is None or ctx.period_window is None:
        return True
    if (start, end) == ctx.period_window:
        return True
    if not row.measured_in(ctx.doc.year) and (start, end) == (
        dt.date(ctx.doc.year - 1, 1, 1),
        dt.date(ctx.doc.year - 1, 12, 31),
    ):
        return True  # measured every other year: last year's value is the latest there is
    months = PERIOD_MONTHS.get(row.periodicity)
    next_day = end + dt.timedelta(days=1)
    return (
        months is not None
        and start == dt.date(ctx.doc.year, 1, 1)
        and next_day.day == 1
        and end.year == ctx.doc.year
        and end.month % months == 0
    )


def _says_window(text: str) -> bool:
    lowered = text.lower()
    return bool(month_ranges(text)) or "mätperiod" in lowered or "avser perioden" in lowered


@rule(
    "indicator.window_differs",
    Severity.WARNING,
    "Utfallet avser en annan mätperiod än rapportens, utan att det sägs",
)
def window_differs(ctx: Context, _: None) -> Iterator[Hit]:
    if not ctx.kind.has(Part.OUTCOME_TABLES):
        return
    for goal, row in ctx.indicators:
        if row.total is None or row.data_period or _window_ok(ctx, row):
            continue  # a value with its own period (older statistics) says so in the Period column
        if _says_window(row.comment) or _says_window(row.period_label):
            continue
        yield Hit(
            "indicator",
            row.name,
            f"Indikatorn ”{row.name}” (mål {goal.number}): utfallet {fmt(row.total)} är mätt "
            f"{row.window_start}–{row.window_end}, inte under rapportens period {ctx.doc.period_label}, och "
            "varken perioden eller kommentaren säger det.",
            values(goal=goal.number, window_start=row.window_start, window_end=row.window_end),
        )


@rule(
    "indicator.data_period_after_report",
    Severity.ERROR,
    "Värdets period slutar efter rapportens",
)
def data_period_after_report(ctx: Context, _: None) -> Iterator[Hit]:
    if not ctx.kind.has(Part.OUTCOME_TABLES) or ctx.doc.period_end is None:
        return
    for goal, row in ctx.indicators:
        if not row.data_period:
            continue
        try:
            end = parse_period(row.data_period).end
        except PeriodError:
            end = None
        if end is None or end > ctx.doc.period_end:
            yield Hit(
                "indicator",
                row.name,
                f"Indikatorn ”{row.name}” (mål {goal.number}): värdet sägs avse {row.data_period}, som "
                f"{'inte är en period' if end is None else 'slutar efter'} rapportens period "
                f"{ctx.doc.period_label}.",
                values(goal=goal.number, data_period=row.data_period),
            )


def _matches(number: Decimal, decimals: int, value: Decimal) -> bool:
    """The text's number is the value, or the value rounded to the text's decimals (e.g. 53 for 52,94)."""
    if number == value:
        return True
    if abs(number) < 10:  # small numbers match too much by rounding
        return False
    quantum = Decimal(1).scaleb(-decimals)
    return number == value.quantize(quantum)


_UNIT_AFTER = {
    "percent": re.compile(r"\s*(?:%|procent\b(?!enhet))", re.IGNORECASE),
    "months": re.compile(r"\s*(?:mån\b|månader)", re.IGNORECASE),
}


def _about(row: IndicatorRow, after: str) -> bool:
    """The words after a number in a text say it is this indicator's kind of value: `53 procent` for a
    share, `7,3 månader` for months, `40 möbler` (a word of the indicator's name) for a count."""
    unit = _UNIT_AFTER.get(row.unit)
    if unit is not None:
        return unit.match(after) is not None
    name = [w for w in words(row.name) if len(w) >= 4 and w not in GENERIC]
    return any(same_word(w, n) for w in words(after)[:4] for n in name)


@rule(
    "indicator.window_in_text",
    Severity.WARNING,
    "Analysen anger en annan mätperiod för utfallet än tabellen",
)
def window_in_text(ctx: Context, _: None) -> Iterator[Hit]:
    if not ctx.kind.has(Part.OUTCOME_TABLES):
        return
    for goal, row in ctx.indicators:
        if row.total is None or row.window_start is None or row.window_end is None:
            continue
        stored = (row.window_start.month, row.window_end.month)
        found = None
        for text in [row.comment, *ctx.related_texts(goal)]:
            for sentence, ranges in dated_sentences(text):
                spans = [(r.start, r.end) for r in ranges]
                for number, decimals, start, end in numbers_in(sentence):
                    if any(a <= start < b or a < end <= b for a, b in spans):
                        continue
                    if not _matches(number, decimals, row.total) or not _about(row, sentence[end:]):
                        continue
                    closest = min(ranges, key=lambda r: min(abs(r.start - end), abs(start - r.end)))
                    if (closest.first, closest.last) != stored:
                        found = (closest, sentence, number)
                        break
                if found:
                    break
            if found:
                break
        if found:
            closest, sentence, number = found
            yield Hit(
                "indicator",
                row.name,
                f"Indikatorn ”{row.name}” (mål {goal.number}): tabellen anger utfallet {fmt(row.total)} för "
                f"{row.period_label or ctx.doc.period_label} ({row.window_start}–{row.window_end}), men analysen "
                f"anger {fmt(number)} för perioden ”{closest.phrase}”: ”{sentence[:200]}”",
                values(
                    goal=goal.number,
                    total=row.total,
                    window_start=row.window_start,
                    window_end=row.window_end,
                    text_period=closest.phrase,
                    sentence=sentence[:300],
                ),
            )


@rule(
    "indicator.comment_duplicate",
    Severity.WARNING,
    "Samma analystext under två indikatorer",
    threshold=Decimal("1.0"),
    threshold_doc="hur lika (0–1) två analystexter ska vara för att räknas som samma; 1 = lika sånär som på "
    "skiftläge och skiljetecken",
)
def comment_duplicate(ctx: Context, similarity: Decimal) -> Iterator[Hit]:
    seen: list[tuple[str, GoalSection, IndicatorRow]] = []
    for goal, row in ctx.indicators:
        key = normalise(row.comment)
        if not key:
            continue
        same = next((s for s in seen if s[0] == key or _similar(s[0], key, similarity)), None)
        if same is not None:
            _, first_goal, first = same
            yield Hit(
                "indicator",
                row.name,
                f"Indikatorn ”{row.name}” (mål {goal.number}) har samma analystext som ”{first.name}” "
                f"(mål {first_goal.number}): ”{row.comment[:120]}…”",
                values(goal=goal.number, other=first.name, other_goal=first_goal.number),
            )
        else:
            seen.append((key, goal, row))


def _similar(a: str, b: str, similarity: Decimal) -> bool:
    return similarity < 1 and SequenceMatcher(None, a.split(), b.split()).ratio() >= float(similarity)


GENERIC = {"andel", "andelen", "antal", "antalet", "kvinnor", "män", "flickor", "pojkar", "personer"}
GENERIC |= {
    "och",
    "som",
    "har",
    "inom",
    "efter",
    "från",
    "med",
    "för",
    "det",
    "den",
    "de",
    "av",
    "till",
    "är",
}
GENERIC |= {"nämndens", "nämnden", "stadens", "staden", "samt", "eller"}


def _head(name: str) -> list[str] | None:
    """The first two words that say what an indicator measures (not 'andel kvinnor och män …')."""
    found = [w for w in words(name) if len(w) >= 4 and w not in GENERIC]
    return found[:2] if len(found) >= 2 else None


def _mentions(text_words: list[str], head: list[str]) -> bool:
    for i, word in enumerate(text_words):
        if not same_word(word, head[0]):
            continue
        if i + 1 < len(text_words) and same_word(text_words[i + 1], head[1]):
            return True
        if i + 2 < len(text_words) and len(text_words[i + 1]) <= 3 and same_word(text_words[i + 2], head[1]):
            return True
    return False


_CAUSAL = re.compile(r"\b(?:därför|eftersom|beror|på grund av|givet|till följd av|bidrar|leder till)\b", re.I)
_DEFINES = re.compile(r"\b(?:avser|mäter|handlar om|redovisar)\b", re.I)


def _explains_by(comment: str, head: list[str]) -> bool:
    """Every sentence naming the other indicator gives a cause or a consequence ("Bedömningen är därför att
    den genomsnittliga inskrivningstiden blir längre"), none says what the indicator measures."""
    naming = [s for s in sentences(comment) if _mentions(words(s), head)]
    return bool(naming) and all(_CAUSAL.search(s) and not _DEFINES.search(s) for s in naming)


@rule(
    "indicator.comment_names_other_indicator",
    Severity.WARNING,
    "Analystexten handlar om en annan indikator",
)
def comment_names_other_indicator(ctx: Context, _: None) -> Iterator[Hit]:
    heads = [(goal, row, _head(row.name)) for goal, row in ctx.indicators]
    for goal, row, own in heads:
        if not row.comment:
            continue
        text_words = words(row.comment)
        if own and _mentions(text_words, own):
            continue
        others = [
            (g, r)
            for g, r, head in heads
            if r is not row
            and head
            and head != own
            and _mentions(text_words, head)
            and not _explains_by(row.comment, head)
        ]
        if others:
            names = [r.name for _, r in others]
            yield Hit(
                "indicator",
                row.name,
                f"Analystexten under indikatorn ”{row.name}” (mål {goal.number}) talar om "
                f"”{' '.join(_head(names[0]) or [])}”, som är en annan indikator (”{names[0]}”, mål "
                f"{others[0][0].number}). Står texten under fel indikator?",
                values(goal=goal.number, other=names, comment=row.comment[:300]),
            )
