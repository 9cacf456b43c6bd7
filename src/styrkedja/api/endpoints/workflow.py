"""A round's workflow (opening a round is `rounds.open_round`, on the rounds' address): a part marked ready, approved or returned with a comment —
through the same services as the web (`followup/workflow.py`), which check the role, the part's state and
the lock. Each step names the version of the part it read: a stale one is 409 with the stored part."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router

from styrkedja.api.endpoints import common, serialize
from styrkedja.api.problems import Problem
from styrkedja.api.schemas import PartOut, PartReturn, PartStep
from styrkedja.followup import workflow
from styrkedja.followup.permissions import EDIT_ROUND
from styrkedja.organisations.models import Role

router = Router(tags=["Arbetsflöde"])
WRITE = {400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem}


@router.post("/parts/{part_id}/ready", response={200: PartOut, **WRITE}, summary="Markera en del som klar")
def mark_part_ready(request: HttpRequest, part_id: int, data: PartStep):
    """Rapportörens besked att delen är ifylld (delens rapportör, eller en controller)."""
    part, _ = common.part(request, part_id, Role.REPORTER)
    return serialize.part(workflow.mark_ready(part, by=request.user, expected_version=data.version))


@router.post("/parts/{part_id}/approve", response={200: PartOut, **WRITE}, summary="Godkänn en del")
def approve_part(request: HttpRequest, part_id: int, data: PartStep):
    """En klar del godkänns (controller och uppåt)."""
    part, _ = common.part(request, part_id, EDIT_ROUND)
    return serialize.part(workflow.approve_part(part, by=request.user, expected_version=data.version))


@router.post("/parts/{part_id}/return", response={200: PartOut, **WRITE}, summary="Skicka tillbaka en del")
def return_part(request: HttpRequest, part_id: int, data: PartReturn):
    """En klar eller godkänd del skickas tillbaka till rapportören med en kommentar (controller och uppåt)."""
    part, _ = common.part(request, part_id, EDIT_ROUND)
    saved = workflow.return_part(
        part, by=request.user, comment=data.comment.strip(), expected_version=data.version
    )
    return serialize.part(saved)


__all__ = ["router"]
