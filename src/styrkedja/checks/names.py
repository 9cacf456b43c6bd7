"""Rules on names: organisations against the municipality's official list (the profile's `organisations`),
one name spelled two ways in the report, and titles of the report's own goals and sections quoted
differently elsewhere."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from difflib import SequenceMatcher

from styrkedja.checks.context import Context
from styrkedja.checks.findings import Severity, values
from styrkedja.checks.registry import Hit, rule
from styrkedja.checks.text import normalise

# Bodies named by kind, not by name: they are no spelling of an official name.
GENERIC = {"nämnden", "nämnderna", "stadsdelsnämnden", "stadsdelsnämnderna", "facknämnden", "facknämnderna"}
_QUOTED = re.compile(r"[”“\"«]([^”“\"«»\n]{6,160})[”“\"»]")
# A proper name of two or more capitalised words: "Unga i Arbete", "Kista Science City".
_PROPER = re.compile(r"(?<![\w-])[A-ZÅÄÖ][\w-]+(?:\s+[A-ZÅÄÖ][\w-]+)+")
_WORD = re.compile(r"[\w-]+")


def _official(ctx: Context) -> list[str]:
    return list(ctx.doc.profile.organisations)


_BODY_ENDS = ("nämnden", "nämnderna")
_BODY_WORDS = {"kommunstyrelsen", "kommunfullmäktige"}
_PUNCTUATION = ".,;:!?()[]”“\"«»'’"


_ENDINGS = re.compile(
    r"nämnden\b|nämnderna\b|[Kk]ommunstyrelsen\b|[Kk]ommunfullmäktige\b|\bAB\b|\b[Ss]tad\b|\b[Kk]ommun\b"
)


def bodies(text: str) -> list[str]:
    """The organisations a text names: committees, boards, companies and the municipality. Found by their
    last word (a committee ends in "nämnden", a company's last word is "AB", a municipality's is "stad" or
    "kommun"), read back word by word."""
    found = []
    for match in _ENDINGS.finditer(text):
        before = text[max(0, match.start() - 80) : match.start()].split()
        word = match.group(0)
        if word.endswith(("nämnden", "nämnderna")):
            head = (
                before[-1].strip(_PUNCTUATION)
                if before and not text[match.start() - 1 : match.start()].isspace()
                else ""
            )
            name = (head + word) if head and not head.endswith("-") else word
            if not name.replace("-", "").isalpha():
                continue
            if head and len(before) >= 3 and before[-2] == "och" and before[-3].endswith("-"):
                name = f"{before[-3].strip(_PUNCTUATION)} och {name}"  # "Miljö- och hälsoskyddsnämnden"
            found.append(name)
        elif word == "AB":
            tail = [t.strip(_PUNCTUATION) for t in before[-5:]]
            start = next((j for j, t in enumerate(tail) if t[:1].isupper()), None)
            if start is not None:
                found.append(" ".join([*tail[start:], "AB"]))
        elif word.casefold() in ("stad", "kommun"):
            if before and before[-1][:1].isupper() and before[-1].isalpha():
                found.append(f"{before[-1]} {word}")
        else:
            found.append(word)
    return found


def _is_body(name: str) -> bool:
    low = name.casefold()
    return low.endswith(_BODY_ENDS) or low in _BODY_WORDS


def _key(name: str) -> str:
    return re.sub(r"[\s-]+", "", name.casefold())


def leads(title: str) -> str | None:
    """The organisation an activity's title makes responsible: the body named before "ska" ("Idrottsnämnden
    ska i samarbete med …" → "Idrottsnämnden")."""
    head = title.split(" ska ", 1)[0] if " ska " in title else ""
    found = bodies(head[:120])
    return found[0] if found else None


def led_by_other(ctx: Context, title: str) -> bool:
    """The activity is led by another organisation than the report's own."""
    lead = leads(title)
    own = ctx.doc.organisation_name
    return lead is not None and bool(own) and _key(lead) != _key(own) and not _key(lead).startswith(_key(own))


@rule(
    "report.organisation_not_official",
    Severity.WARNING,
    "Ett organisationsnamn som inte är det officiella",
    threshold=Decimal("0.75"),
    threshold_doc="hur likt (0–1) ett företags- eller kommunnamn ska vara ett officiellt namn för att räknas "
    "som en felstavning av det",
)
def organisation_not_official(ctx: Context, similarity: Decimal) -> Iterator[Hit]:
    official = _official(ctx)
    if not official:
        return
    by_key = {_key(o): o for o in official}
    exact = set(official)
    seen: dict[str, list[str]] = {}
    first: dict[str, str] = {}
    for where, text in ctx.texts:
        for name in bodies(text):
            key = _key(name)
            if key in GENERIC or name in exact:
                continue
            if _is_body(name) and key in by_key:
                continue  # "socialnämnden" mid-sentence is "Socialnämnden"
            name = first.setdefault(key, name)  # one finding per name, whatever its case
            seen.setdefault(name, [])
            if where not in seen[name]:
                seen[name].append(where)
    limit = float(similarity)
    for name, wheres in seen.items():
        key = _key(name)
        nearest = max(official, key=lambda o: SequenceMatcher(None, key, _key(o)).ratio())
        ratio = SequenceMatcher(None, key, _key(nearest)).ratio()
        is_body = _is_body(name)
        if not is_body and ratio < limit:
            continue  # a company or a place the municipality does not own: not ours to spell
        same_start = [o for o in official if _key(o)[:5] == key[:5]]
        if ratio < limit and len(same_start) == 1:
            nearest, ratio = same_start[0], limit
        hint = f" Det officiella namnet är ”{nearest}”." if ratio >= limit else ""
        yield Hit(
            "report",
            name,
            f"”{name}” ({', '.join(wheres[:3])}) finns inte i kommunens lista över officiella namn.{hint}",
            values(name=name, official=nearest if ratio >= limit else None, where=wheres),
        )


_INTRODUCED = re.compile(
    r"(?i:projekt(?:et)?|programmet|insatsen|satsningen|verksamheten|metoden|nätverket|modellen)\s+"
    r"[”“\"«]?([A-ZÅÄÖ][\w-]*(?:[ \t]+[\w-]+){0,5})"
)
_INTRODUCING = (
    "projekt",
    "programmet",
    "insatsen",
    "satsningen",
    "verksamheten",
    "metoden",
    "nätverket",
    "modellen",
)


def _key_of(words: list[str]) -> str:
    return " ".join(w.casefold() for w in words)


@rule(
    "report.name_two_spellings",
    Severity.WARNING,
    "Samma namn stavas på två sätt i rapporten",
)
def name_two_spellings(ctx: Context, _: None) -> Iterator[Hit]:
    """A name — quoted, or a run of capitalised words — written elsewhere as a name (quoted, capitalised or
    introduced: "projektet …") with other capitals: "Unga i Arbete" / "Unga i arbete"."""
    forms: dict[str, dict[str, str]] = {}
    introduced: list[list[str]] = []
    for _where, text in ctx.texts:
        for proper in set(_PROPER.findall(text)):
            parts = _WORD.findall(proper)
            forms.setdefault(_key_of(parts), {}).setdefault(" ".join(parts)[1:], " ".join(parts))
        for match in _QUOTED.finditer(text):
            parts = _WORD.findall(match.group(1))
            if len(parts) >= 2:
                forms.setdefault(_key_of(parts), {}).setdefault(" ".join(parts)[1:], " ".join(parts))
        lowered = text.lower()
        if any(word in lowered for word in _INTRODUCING):
            introduced += [_WORD.findall(m.group(1)) for m in _INTRODUCED.finditer(text)]
    for parts in introduced:
        for length in range(len(parts), 1, -1):
            key = _key_of(parts[:length])
            if key in forms:
                shown = " ".join(parts[:length])
                forms[key].setdefault(shown[1:], shown)
                break
    reported: list[str] = []
    for key in sorted(forms):
        spellings = sorted(forms[key].values())
        if len(spellings) < 2 or len(key) < 8 or any(key in r or r in key for r in reported):
            continue
        reported.append(key)
        yield Hit(
            "report",
            spellings[0],
            f"Namnet skrivs på {len(spellings)} sätt i rapporten: {' / '.join(f'”{s}”' for s in spellings)}.",
            values(spellings=spellings),
        )


@rule(
    "report.title_quoted_differently",
    Severity.WARNING,
    "Ett måls eller avsnitts rubrik citeras annorlunda på annat ställe",
    threshold=Decimal("0.85"),
    threshold_doc="hur likt (0–1) ett citat ska vara en rubrik för att räknas som ett citat av den",
)
def title_quoted_differently(ctx: Context, similarity: Decimal) -> Iterator[Hit]:
    limit = float(similarity)
    titles = [(f"mål {g.number}", g.title) for g in ctx.goals if g.title]
    titles += [("avsnitt", title) for title, _ in ctx.doc.special_reports if title]
    keyed = []
    for kind, title in titles:
        matcher = SequenceMatcher(None)
        matcher.set_seq2(normalise(title))  # the title's index is built once
        keyed.append((kind, title, normalise(title), matcher))
    exact = {k for _, _, k, _ in keyed}
    done: set[tuple[str, str]] = set()
    for where, text in ctx.texts:
        for m in _QUOTED.finditer(text):
            quote = m.group(1).strip()
            key = normalise(quote)
            if key in exact:
                continue
            for kind, title, tkey, matcher in keyed:
                if 2 * min(len(key), len(tkey)) / (len(key) + len(tkey)) < limit:
                    continue
                matcher.set_seq1(key)
                if matcher.quick_ratio() < limit:
                    continue
                if matcher.ratio() >= limit and (quote, title) not in done:
                    done.add((quote, title))
                    yield Hit(
                        "report",
                        title,
                        f"{where.capitalize()} citerar ”{quote}”, men rubriken ({kind}) lyder ”{title}”.",
                        values(quote=quote, title=title, where=where),
                    )
                    break
