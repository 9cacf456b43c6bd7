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

# A committee, a board or the council ("Socialnämnden", "miljö- och hälsoskyddsnämnden", "Kommunstyrelsen"),
# a company ("Stockholm Vatten och Avfall AB") or the municipality ("Stockholms stad").
_BODY = re.compile(
    r"(?<![\w-])(?:[A-ZÅÄÖa-zåäö]+-\s+och\s+)?[A-ZÅÄÖa-zåäö]+(?:nämnden|nämnderna|kommunstyrelsen|"
    r"kommunfullmäktige)(?![\w-])|(?<![\w-])(?:Kommunstyrelsen|Kommunfullmäktige)(?![\w-])",
    re.IGNORECASE,
)
_COMPANY = re.compile(r"(?<![\w-])[A-ZÅÄÖ][\w-]*(?:\s+[\w-]+){0,4}\s+AB\b")
_CITY = re.compile(r"(?<![\w-])[A-ZÅÄÖ][\w-]*\s+(?:[Ss]tad|[Kk]ommun)(?![\w-])")
# Bodies named by kind, not by name: they are no spelling of an official name.
GENERIC = {"nämnden", "nämnderna", "stadsdelsnämnden", "stadsdelsnämnderna", "facknämnden", "facknämnderna"}
_QUOTED = re.compile(r"[”“\"«]([^”“\"«»\n]{6,160})[”“\"»]")
# A proper name of two or more capitalised words: "Unga i Arbete", "Kista Science City".
_PROPER = re.compile(r"(?<![\w-])[A-ZÅÄÖ][\w-]+(?:\s+[A-ZÅÄÖ][\w-]+)+")
_WORD = re.compile(r"[\w-]+")


def _official(ctx: Context) -> list[str]:
    return list(ctx.doc.profile.organisations)


def bodies(text: str) -> list[str]:
    """The organisations a text names: committees, boards, companies and the municipality."""
    found = [m.group(0) for m in _BODY.finditer(text)]
    for m in _COMPANY.finditer(text):
        tokens = m.group(0).split()
        # the longest run ending in AB that starts with a capital: "med Stockholm vatten och Avfall AB"
        start = next((i for i, t in enumerate(tokens) if t[:1].isupper()), len(tokens) - 1)
        found.append(" ".join(tokens[start:]))
    found += [m.group(0) for m in _CITY.finditer(text)]
    return [re.sub(r"\s+", " ", f) for f in found]


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
            if _BODY.fullmatch(name) and key in by_key:
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
        is_body = _BODY.fullmatch(name) is not None
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


def _tokens(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(0), m.start(), m.end()) for m in _WORD.finditer(text)]


_INTRODUCES = re.compile(
    r"(?:projekt(?:et)?|programmet|insatsen|satsningen|verksamheten|metoden|nätverket|modellen)\s*[”“\"«]?\s*$",
    re.I,
)
_FUNCTION_WORDS = {"och", "i", "för", "av", "med", "till", "på", "om", "mot", "the", "of", "and", "in"}


def _name_like(text: str, start: int, end: int) -> bool:
    """An occurrence that is written as a name: quoted, introduced as one ("projektet …"), or with every word
    but the small ones capitalised."""
    before, after = text[max(0, start - 40) : start], text[end : end + 1]
    if (before[-1:] in '”“"«' and before[-1:] != "") or after in ("”", "“", '"', "»"):
        return True
    if _INTRODUCES.search(before):
        return True
    return all(w[:1].isupper() for w in _WORD.findall(text[start:end]) if w.casefold() not in _FUNCTION_WORDS)


@rule(
    "report.name_two_spellings",
    Severity.WARNING,
    "Samma namn stavas på två sätt i rapporten",
)
def name_two_spellings(ctx: Context, _: None) -> Iterator[Hit]:
    """A name (a quoted title or a run of capitalised words) written elsewhere with other capitals or
    hyphens: "Unga i Arbete" / "Unga i arbete"."""
    texts = [t for _, t in ctx.texts]
    names: set[str] = set()
    for text in texts:
        names.update(m.group(1).strip() for m in _QUOTED.finditer(text))
        names.update(m.group(0) for m in _PROPER.finditer(text))
    index: dict[str, list[tuple[int, int]]] = {}
    tokenised = [_tokens(t) for t in texts]
    for ti, tokens in enumerate(tokenised):
        for wi, token in enumerate(tokens):
            index.setdefault(token[0].casefold(), []).append((ti, wi))
    reported: set[str] = set()
    for name in sorted(names):
        parts = [w.casefold() for w in _WORD.findall(name)]
        if len(parts) < 2 or len(name) < 8:
            continue
        forms: dict[str, str] = {}
        for ti, wi in index.get(parts[0], []):
            tokens = tokenised[ti]
            if wi + len(parts) > len(tokens):
                continue
            if [t[0].casefold() for t in tokens[wi : wi + len(parts)]] != parts:
                continue
            start, end = tokens[wi][1], tokens[wi + len(parts) - 1][2]
            surface = texts[ti][start:end]
            if not _name_like(texts[ti], start, end):
                continue
            forms.setdefault(re.sub(r"\s+", " ", surface)[1:], re.sub(r"\s+", " ", surface))
        if len(forms) > 1:
            key = " ".join(parts)
            if any(key in r or r in key for r in reported):
                continue
            reported.add(key)
            shown = sorted(forms.values())
            yield Hit(
                "report",
                shown[0],
                f"Namnet skrivs på {len(shown)} sätt i rapporten: {' / '.join(f'”{s}”' for s in shown)}.",
                values(spellings=shown),
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
    keyed = [(where, title, normalise(title)) for where, title in titles]
    done: set[tuple[str, str]] = set()
    for where, text in ctx.texts:
        for m in _QUOTED.finditer(text):
            quote = m.group(1).strip()
            key = normalise(quote)
            if any(key == k for _, _, k in keyed):
                continue
            for kind, title, tkey in keyed:
                matcher = SequenceMatcher(None, key, tkey)
                if matcher.real_quick_ratio() < limit or matcher.quick_ratio() < limit:
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
