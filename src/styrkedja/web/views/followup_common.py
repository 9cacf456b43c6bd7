"""What the follow-up pages share: finding a round or part, titles, the answer to a write on a locked
round, and breadcrumbs. The rules (who may change what, what a part covers, what is still missing) are the
follow-up app's: `followup/permissions.py`, `followup/scope.py`, `followup/progress.py`."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from styrkedja.followup.models import Part, Round
from styrkedja.followup.permissions import may_edit_part
from styrkedja.followup.profiles import profile_for_round
from styrkedja.lib.periods import PeriodKind, parse_period
from styrkedja.organisations.models import Role
from styrkedja.profiles import Profile, Wording
from styrkedja.reports import kinds
from styrkedja.web.views.common import ORG_CHAIN, Crumb, authorise, organisation_crumbs


def round_profile(round_: Round) -> Profile:
    """The profile the round is read with, looked up once per round object (`authorise_round` sets it)."""
    found = getattr(round_, "_read_with", None)
    if found is None:
        found = profile_for_round(round_)
        round_._read_with = found  # type: ignore[attr-defined]
    return found


def round_words(round_: Round) -> Wording:
    """The words of the round's document in its profile."""
    return round_profile(round_).wording(kinds.for_period(parse_period(round_.period)).key)


def period_label(round_: Round, words: Wording | None = None) -> str:
    """The round's period as its profile names it ("Tertial 1 2021")."""
    return (words or round_words(round_)).calendar_label(parse_period(round_.period))


def round_title(round_: Round) -> str:
    """ "Uppföljning Tertial 1 2021", "Verksamhetsberättelse 2021": the document's name in the profile's
    words (the annual report's title for a full year)."""
    words = round_words(round_)
    word = words.title if parse_period(round_.period).kind is PeriodKind.YEAR else words.name
    return f"{word} {period_label(round_, words)}"


def get_round(pk: int) -> Round:
    return get_object_or_404(Round.objects.select_related(ORG_CHAIN, "plan"), pk=pk)


def get_part(pk: int) -> Part:
    return get_object_or_404(
        Part.objects.select_related(f"round__{ORG_CHAIN}", "round__plan", "goal", "assignee"), pk=pk
    )


def rounds_url(round_: Round) -> str:
    return reverse("rounds", args=[round_.organisation.code])


def round_crumbs(round_: Round) -> list[Crumb]:
    return [
        *organisation_crumbs(round_.organisation),
        Crumb("Uppföljningar", rounds_url(round_)),
        Crumb(period_label(round_), reverse("round", args=[round_.pk])),
    ]


def part_crumbs(part: Part) -> list[Crumb]:
    return [*round_crumbs(part.round), Crumb(part_short_title(part), reverse("part", args=[part.pk]))]


def part_short_title(part: Part) -> str:
    """ "Nämndmål 1.1.1": the goal's level in the profile's words and its number."""
    if part.goal is None:
        return part.title
    return f"{round_profile(part.round).level_name(part.goal.level)} {part.goal.number}"


def user_name(user) -> str:
    if user is None:
        return "Systemet"
    return user.get_full_name() or user.get_username()


def require_part_edit(request: HttpRequest, part: Part) -> dict:
    """The page context when the user may change the part; 404/403 as the permission rules say."""
    context = authorise_round(request, part.round, Role.REPORTER)
    if not part.round.is_locked and not may_edit_part(context["role"], request.user, part):
        raise PermissionDenied("Delen är inte din att ändra just nu.")
    return context


def authorise_round(request: HttpRequest, round_: Round, minimum: Role = Role.READER) -> dict:
    """`authorise` for a page of a round: the profile the round is read with (an approved round keeps the
    one it was approved under) and its document's words."""
    context = authorise(request, round_.organisation, minimum)
    profile = round_profile(round_)
    kind = kinds.for_period(parse_period(round_.period))
    return {**context, "profile": profile, "words": profile.wording(kind.key)}


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def locked_response(request: HttpRequest, round_: Round) -> HttpResponse:
    """A write to a locked round: 409 with the message (a fragment for htmx, a page otherwise)."""
    context = {"round": round_, "round_url": reverse("round", args=[round_.pk])}
    if is_htmx(request):
        return render(request, "followup/_locked_notice.html", context, status=409)
    context["breadcrumbs"] = round_crumbs(round_)
    return render(request, "followup/locked.html", context, status=409)
