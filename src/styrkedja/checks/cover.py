"""Rules on the cover memo and the closing parts: signatures, decision texts against the attachment list,
names spelled in more than one way, complaints counted after the period."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from difflib import SequenceMatcher

from styrkedja.checks.context import Context
from styrkedja.checks.findings import Severity, values
from styrkedja.checks.registry import Hit, rule
from styrkedja.checks.text import normalise
from styrkedja.reports.kinds import Part

_ATTACHMENT = re.compile(r"\bbilag(?:a|orna)\s+(\d+)", re.IGNORECASE)
_QUOTED = re.compile(r"[\"“”«»]([^\"“”«»]{3,})[\"“”«»]")
_TOKEN = re.compile(r"[\wÅÄÖåäö]+")


@rule(
    "cover.signature_after_meeting",
    Severity.ERROR,
    "Underskrift daterad efter sammanträdet",
    threshold=0,
    threshold_doc="antal dagar efter sammanträdet som en underskrift får vara daterad",
)
def signature_after_meeting(ctx: Context, days: int) -> Iterator[Hit]:
    meeting = ctx.doc.cover.meeting_date
    if meeting is None:
        return
    late = [s for s in ctx.doc.signatures if s.date and (s.date - meeting).days > days]
    if late:
        shown = ", ".join(f"{s.name} {s.date}" for s in late)
        yield Hit(
            "signature",
            "Underskrifter",
            f"{len(late)} av {len(ctx.doc.signatures)} underskrifter är daterade efter nämndens sammanträde "
            f"{meeting}: {shown}.",
            values(meeting_date=meeting, names=[s.name for s in late], dates=[s.date for s in late]),
        )


@rule(
    "cover.attachment_missing",
    Severity.ERROR,
    "Beslutsförslaget hänvisar till en bilaga som inte finns",
)
def attachment_missing(ctx: Context, _: None) -> Iterator[Hit]:
    numbers = {n for n, _ in ctx.doc.cover.attachments}
    for d in ctx.doc.cover.decisions:
        for match in _ATTACHMENT.finditer(d.text):
            if int(match[1]) not in numbers:
                yield Hit(
                    "decision",
                    f"Beslutsförslag {d.number}",
                    f"Beslutsförslag {d.number} hänvisar till bilaga {match[1]}, som inte finns i bilageförteckningen.",
                    values(number=d.number, attachment=match[1]),
                )


@rule(
    "cover.decision_attachment_title",
    Severity.WARNING,
    "Beslutstexten och bilagans titel stämmer inte",
    threshold=Decimal("1.0"),
    threshold_doc="hur lika (0–1) beslutstextens titel och bilagans titel ska vara för att godtas; 1 = lika "
    "sånär som på skiftläge, skiljetecken och tillägg före eller efter",
)
def decision_attachment_title(ctx: Context, similarity: Decimal) -> Iterator[Hit]:
    titles = dict(ctx.doc.cover.attachments)
    for d in ctx.doc.cover.decisions:
        refs = [int(m[1]) for m in _ATTACHMENT.finditer(d.text)]
        quoted = _QUOTED.findall(d.text)
        if len(refs) != 1 or len(quoted) != 1 or refs[0] not in titles:
            continue
        title, said = titles[refs[0]], quoted[0].strip()
        a, b = normalise(said), normalise(title)
        if a in b or b in a or SequenceMatcher(None, a, b).ratio() >= float(similarity):
            continue
        yield Hit(
            "decision",
            f"Beslutsförslag {d.number}",
            f"Beslutsförslag {d.number} kallar bilaga {refs[0]} ”{said}”, men bilageförteckningen kallar den "
            f"”{title}”.",
            values(number=d.number, attachment=refs[0], decision_text=said, attachment_title=title),
        )


@rule(
    "cover.name_variants",
    Severity.WARNING,
    "Samma person stavas olika",
    threshold=Decimal("0.85"),
    threshold_doc="hur lika två namn (0–1) ska vara för att räknas som samma person stavad olika",
)
def name_variants(ctx: Context, similarity: Decimal) -> Iterator[Hit]:
    names: dict[str, str] = {}
    signed = [name for s in ctx.doc.signatures for name in (s.name, s.signed_as) if name]
    for name in [*signed, *(n for n, _ in ctx.doc.cover.case_officers)]:
        names.setdefault(normalise(name), name)
    found = list(names.items())
    for i, (key_a, a) in enumerate(found):
        for key_b, b in found[i + 1 :]:
            ratio = SequenceMatcher(None, key_a, key_b).ratio()
            if ratio >= float(similarity):
                yield Hit(
                    "person",
                    a,
                    f"Namnet skrivs på två sätt: ”{a}” och ”{b}”. Är det samma person?",
                    values(spellings=[a, b]),
                )


@rule(
    "cover.organisation_spelling",
    Severity.INFO,
    "Organisationens förkortning skrivs på olika sätt",
)
def organisation_spelling(ctx: Context, _: None) -> Iterator[Hit]:
    code = ctx.doc.organisation_code.casefold()
    if not code:
        return
    cover = ctx.doc.cover
    texts = [ctx.doc.title, cover.title, cover.addressee, *(t for _, t in cover.attachments)]
    texts += [d.text for d in cover.decisions] + [s.title for s in ctx.doc.signatures]
    spellings = sorted({t for text in texts for t in _TOKEN.findall(text) if t.casefold() == code})
    if len(spellings) > 1:
        yield Hit(
            "report",
            ctx.doc.organisation_name,
            f"{ctx.doc.organisation_name} förkortas på {len(spellings)} sätt: {', '.join(spellings)}.",
            values(spellings=spellings),
        )


@rule(
    "report.complaints_after_period",
    Severity.WARNING,
    "Synpunkter och klagomål räknade för månader efter perioden",
)
def complaints_after_period(ctx: Context, _: None) -> Iterator[Hit]:
    end = ctx.doc.period_end
    if not ctx.kind.has(Part.COMPLAINTS) or end is None:
        return
    late = sorted({c.month for c in ctx.doc.complaints if c.month > end.month and c.count})
    if late:
        yield Hit(
            "report",
            "Synpunkter och klagomål",
            f"Tabellen över synpunkter och klagomål har siffror för månad {', '.join(map(str, late))}, efter "
            f"periodens slut {end}.",
            values(months=[str(m) for m in late], period_end=end),
        )
