"""A municipality's profile in use: the profile a round is read with, and storing a new one.

An approved round keeps the profile it was approved under (`Round.profile`, written when it is locked),
so a later change of the profile never changes an approved report: its labels, colours, wording and
suggestions stay as they were. Storing a profile is one transaction, refused whole when the plans and
reports already stored under it would no longer fit it (a goal level, a goal number or a rating it no
longer has), and recorded in the history with who and when.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from styrkedja.audit import save_by
from styrkedja.edits.versions import check_edit, locked
from styrkedja.followup.models import Assessment, Outcome, Round
from styrkedja.lib.vocabulary import OrganisationKind, Role
from styrkedja.organisations.models import MunicipalityProfile, Organisation
from styrkedja.organisations.permissions import require_role
from styrkedja.organisations.profiles import parsed_data, profile_of
from styrkedja.plans.models import Goal
from styrkedja.profiles import Profile, profile_data


def profile_for_round(round_: Round) -> Profile:
    """The profile the round is read with: the one it was approved under while it is approved, else its
    organisation's."""
    if round_.is_locked and round_.profile:
        return parsed_data(round_.profile)
    return profile_of(round_.organisation)


def below(organisation: Organisation) -> list[int]:
    """The organisation and every organisation under it (ids), read level by level."""
    found, level = [organisation.pk], [organisation.pk]
    while level:
        level = list(Organisation.objects.filter(parent_id__in=level).values_list("pk", flat=True))
        found += [pk for pk in level if pk not in found]
    return found


def conflicts(organisation: Organisation, profile: Profile) -> list[str]:
    """What is stored under the organisation that the profile would not have: goals of other levels, goal
    numbers it does not allow, ratings not on its scales (open rounds only: an approved one keeps its own)."""
    orgs = below(organisation)
    out: list[str] = []
    levels = set(profile.level_keys)
    goals = Goal.objects.filter(plan__organisation_id__in=orgs).select_related("plan__organisation", "parent")
    for goal in goals.order_by("plan__organisation__code", "plan__year", "position"):
        where = f"{goal.plan.organisation.code} {goal.plan.year}, mål {goal.number}"
        if goal.level not in levels:
            out.append(f"{where}: nivån '{goal.level}' finns inte i profilen")
        problem = profile.number_problem(goal.number, goal.parent.number if goal.parent else None)
        if problem:
            out.append(f"{where}: {problem}")
    goal_keys = {key for key, _ in profile.ratings.choices}
    open_rounds = Round.objects.filter(organisation_id__in=orgs).exclude(status="locked")
    for a in (
        Assessment.objects.filter(round__in=open_rounds).exclude(value="").select_related("round", "goal")
    ):
        if a.value not in goal_keys:
            out.append(
                f"{a.round.period}, mål {a.goal.number}: bedömningen '{a.value}' finns inte i profilen"
            )
    indicator_keys = {key for key, _ in profile.indicator_ratings.choices}
    outcomes = (
        Outcome.objects.filter(round__in=open_rounds).exclude(rating="").select_related("round", "target")
    )
    for o in outcomes:
        if o.rating not in indicator_keys:
            out.append(f"{o.round.period}: indikatorbedömningen '{o.rating}' finns inte i profilen")
    return out


@transaction.atomic
def store_profile(
    profile: Profile, *, by: Any, expected_version: int | None = None, reason: str = "profile"
) -> MunicipalityProfile:
    """Store the profile of the organisation it names (created as a kommun when missing). A person must be
    an administrator there and name the version they read; a profile that does not fit what is stored is
    refused whole."""
    organisation = Organisation.objects.filter(code=profile.organisation).first()
    if organisation is None:
        if by is not None and not getattr(by, "is_superuser", False):
            raise ValidationError(f"Organisationen '{profile.organisation}' finns inte.")
        organisation = save_by(
            Organisation(code=profile.organisation, name=profile.name, kind=OrganisationKind.CITY), by, reason
        )
    if by is not None:
        require_role(by, organisation, Role.ADMIN)
    row = locked(MunicipalityProfile.objects.filter(organisation=organisation)).first()
    if row is None:
        row = MunicipalityProfile(organisation=organisation, data={})
    check_edit(row, expected_version, by)
    problems = conflicts(organisation, profile)
    if problems:
        shown = "; ".join(problems[:10]) + (f" (och {len(problems) - 10} till)" if len(problems) > 10 else "")
        raise ValidationError(f"Profilen passar inte det som redan finns: {shown}")
    data = profile_data(profile)
    if row.pk is not None and row.data == data:
        return row
    row.data = data
    return save_by(row, by, reason)
