"""Edits of a round's report cover (följebrev / tjänsteutlåtande): the cover fields, and the lists of case
officers, decision proposals, attachments, signatures and special reports.

Each function is one transaction. A list is replaced as a whole: the rows given, in order, become the
round's rows (a row with the `id` of a stored row changes that row, one without is added, a stored row
left out is removed). Only rows that change are saved, so the history lists real changes, each with who
made it. A locked round is refused before anything is written.

The amount of a decision to approve the turnover or to request a budget adjustment is computed from the
round's economics (`followup/decisions.py`); nobody types it. A decision row has no amount, and
`amount_as_printed` (what an imported document said, kept for the checks) is never set here; it is
cleared when the decision's kind changes, since it then no longer describes that decision.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from django.db import models, transaction

from styrkedja.audit import assign, delete_by, save_by
from styrkedja.edits.versions import Conflict, MissingVersion, check_edit, lock_parent, locked, save_checked
from styrkedja.followup.models import (
    CaseOfficer,
    DecisionKind,
    DecisionProposal,
    ReportAttachment,
    ReportCover,
    Round,
    Signature,
    SpecialReport,
    check_open,
)
from styrkedja.followup.permissions import require_round_edit

#: Decisions whose amount is computed from the economics.
COMPUTED_AMOUNT_KINDS = frozenset({DecisionKind.APPROVE_TURNOVER, DecisionKind.REQUEST_ADJUSTMENT})


@dataclass(frozen=True)
class CaseOfficerRow:
    name: str
    phone: str = ""
    id: int | None = None


@dataclass(frozen=True)
class DecisionRow:
    """A förslag till beslut. No amount on purpose: see the module's docstring."""

    kind: str
    text: str
    id: int | None = None


@dataclass(frozen=True)
class AttachmentRow:
    number: int
    title: str
    id: int | None = None


@dataclass(frozen=True)
class SignatureRow:
    name: str
    title: str = ""
    date: datetime.date | None = None
    signed_as: str = ""
    id: int | None = None


@dataclass(frozen=True)
class SpecialReportRow:
    title: str
    text: str = ""
    id: int | None = None


@transaction.atomic
def save_cover(
    round_: Round,
    *,
    title: str,
    addressee: str,
    meeting_date: datetime.date | None,
    agenda_number: str,
    summary_analysis: str,
    by: Any,
    expected_version: int | None = None,
) -> ReportCover:
    """The cover's fields; created on the first save, saved again only when something changed."""
    require_round_edit(by, round_)
    check_open(round_)
    same = ReportCover.objects.filter(round=round_)
    stored = locked(same).first()
    check_edit(stored, expected_version, by)
    cover = stored or ReportCover(round=round_)
    values = {
        "title": title,
        "addressee": addressee,
        "meeting_date": meeting_date,
        "agenda_number": agenda_number,
        "summary_analysis": summary_analysis,
    }
    if assign(cover, values) or cover.pk is None:
        save_checked(cover, by, same)
    return cover


def _replace(
    model: type[models.Model],
    round_: Round,
    rows: Sequence[Any],
    by: Any,
    *,
    positioned: bool = True,
    adjust: Any = None,
    read: dict[int, int] | None = None,
) -> list[Any]:
    """Make the round's rows of `model` the given ones, in order; the stored rows afterwards.

    `read`: the rows the user saw (id → version). The list must still be as they saw it — the same rows at
    the same versions — or nothing is saved: a row someone else added, changed or removed since is a
    Conflict carrying the stored rows."""
    require_round_edit(by, round_)
    check_open(round_)
    lock_parent(Round, round_.pk)  # one writer of the round's lists at a time: they have no unique key
    stored = {r.pk: r for r in locked(model._default_manager.filter(round=round_))}
    _check_list(stored, read, by)
    kept: set[int] = set()
    changed: list[Any] = []
    result: list[Any] = []
    for position, row in enumerate(rows, start=1):
        values = asdict(row)
        pk = values.pop("id")
        obj = stored.get(pk) if pk is not None and pk not in kept else None
        if obj is None:
            obj = model(round=round_)
        else:
            kept.add(obj.pk)
        if positioned:
            values["position"] = position
        if adjust is not None:
            adjust(obj, values)
        if assign(obj, values) or obj.pk is None:
            changed.append(obj)
        result.append(obj)
    for pk, obj in stored.items():
        if pk not in kept:
            delete_by(obj, by)
    for obj in changed:
        save_by(obj, by)
    return result


def _check_list(stored: dict[int, Any], read: dict[int, int] | None, by: Any) -> None:
    if read is None:
        if by is not None:
            raise MissingVersion
        return
    if {pk: row.version for pk, row in stored.items()} != read:
        raise Conflict(sorted(stored.values(), key=lambda r: (getattr(r, "position", 0), r.pk)))


@transaction.atomic
def save_case_officers(
    round_: Round, rows: Sequence[CaseOfficerRow], *, by: Any, read: dict[int, int] | None = None
) -> list[CaseOfficer]:
    return _replace(CaseOfficer, round_, rows, by, read=read)


def _decision_kind_changed(obj: DecisionProposal, values: dict[str, Any]) -> None:
    # A printed amount describes the imported decision of its kind; a new kind makes it meaningless.
    if obj.pk is not None and obj.kind != values["kind"] and obj.amount_as_printed is not None:
        values["amount_as_printed"] = None


@transaction.atomic
def save_decisions(
    round_: Round, rows: Sequence[DecisionRow], *, by: Any, read: dict[int, int] | None = None
) -> list[DecisionProposal]:
    """The decision proposals, numbered in order. Their amounts are never typed (see the docstring)."""
    for row in rows:
        if not isinstance(row, DecisionRow):
            raise TypeError("Ett beslutsförslag anges som DecisionRow, utan belopp.")
        if row.kind not in DecisionKind.values:
            raise ValueError(f"Okänd typ av beslutsförslag: {row.kind!r}")
    return _replace(DecisionProposal, round_, rows, by, adjust=_decision_kind_changed, read=read)


@transaction.atomic
def save_attachments(
    round_: Round, rows: Sequence[AttachmentRow], *, by: Any, read: dict[int, int] | None = None
) -> list[ReportAttachment]:
    """The attachments; their order is their number."""
    return _replace(ReportAttachment, round_, rows, by, positioned=False, read=read)


@transaction.atomic
def save_signatures(
    round_: Round, rows: Sequence[SignatureRow], *, by: Any, read: dict[int, int] | None = None
) -> list[Signature]:
    return _replace(Signature, round_, rows, by, read=read)


@transaction.atomic
def save_special_reports(
    round_: Round, rows: Sequence[SpecialReportRow], *, by: Any, read: dict[int, int] | None = None
) -> list[SpecialReport]:
    return _replace(SpecialReport, round_, rows, by, read=read)
