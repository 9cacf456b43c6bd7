"""A round's report cover (försättsblad / tjänsteutlåtande): its fields, and the decision proposals with
the amounts computed from the round's economics (`followup/decisions.py`); saved through
`followup/cover_editing.save_cover`, which checks the role, the lock and the version."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router

from styrkedja.api.endpoints import common, serialize
from styrkedja.api.problems import Problem
from styrkedja.api.schemas import CoverIn, CoverOut
from styrkedja.followup.cover_editing import save_cover
from styrkedja.followup.decisions import round_decisions
from styrkedja.followup.models import ReportCover, check_open
from styrkedja.followup.permissions import EDIT_ROUND

router = Router(tags=["Uppföljningar"])
READ = {304: None, 401: Problem, 403: Problem, 404: Problem, 422: Problem}
WRITE = {400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem}


@router.get("/rounds/{round_id}/cover", response={200: CoverOut, **READ}, summary="Försättsbladet")
def get_cover(request: HttpRequest, round_id: int):
    """Rapportens försättsblad: rubrik, mottagare, sammanträdesdag, ärendenummer, sammanfattande analys och
    förslagen till beslut (belopp för omslutning och budgetjustering beräknade ur ekonomin)."""
    round_, _ = common.round_(request, round_id)
    stored = ReportCover.objects.filter(round=round_).first()
    return serialize.cover(round_, stored, round_decisions(round_))


@router.put("/rounds/{round_id}/cover", response={200: CoverOut, **WRITE}, summary="Spara försättsbladet")
def put_cover(request: HttpRequest, round_id: int, data: CoverIn):
    """Försättsbladets fält (controller och uppåt); `version` 0 när det inte är sparat."""
    round_, _ = common.round_(request, round_id, EDIT_ROUND)
    check_open(round_)
    saved = save_cover(
        round_,
        title=data.title.strip(),
        addressee=data.addressee.strip(),
        meeting_date=data.meeting_date,
        agenda_number=data.agenda_number.strip(),
        summary_analysis=data.summary_analysis,
        by=request.user,
        expected_version=data.version,
    )
    return serialize.cover(round_, saved, round_decisions(round_))


__all__ = ["router"]
