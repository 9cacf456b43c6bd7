"""An organisation's municipality profile, for its administrators: what it is (levels, ratings, rules,
words, units) and where it comes from, and the profile file to change it with the same validation as
`styrkedja profile import` (a refusal names the line and the field; nothing is stored)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from styrkedja.edits.versions import Conflict, stored_version
from styrkedja.followup.profiles import store_profile
from styrkedja.organisations.models import Organisation, Role
from styrkedja.organisations.profiles import stored_profile
from styrkedja.planfiles.profile_file import parse_profile
from styrkedja.planfiles.reader import PlanFileError
from styrkedja.profiles import Profile, dump_profile
from styrkedja.profiles.words import COMMON, DOCUMENT_KINDS
from styrkedja.web.forms.fields import version_field
from styrkedja.web.forms.profiles import ProfileSettingsForm
from styrkedja.web.views.common import Crumb, authorise, organisation_crumbs

SOURCE = "profil"


class ProfileForm(forms.Form):
    text = forms.CharField(
        label="Profilfilen (YAML eller JSON)",
        widget=forms.Textarea(attrs={"rows": 30, "spellcheck": "false", "class": "code"}),
        help_text="Formatet styrkedja.profile/1. En profil som inte går att läsa sparas inte alls.",
    )
    version = version_field()


def profile_summary(data: Any) -> str:
    """A stored profile in one line, for its history."""
    try:
        profile = Profile.model_validate(data)
    except Exception:  # an older record the schema no longer reads is shown as it is
        return str(data)[:200]
    levels = ", ".join(level.name for level in profile.levels)
    ratings = ", ".join(r.label for r in profile.ratings.scale)
    indicators = ", ".join(r.label for r in profile.indicator_ratings.scale)
    return f"{profile.name}: nivåer {levels}; bedömningar {ratings}; indikatorer {indicators}"


def _words(profile: Profile) -> list[tuple[str, list[tuple[str, Any]]]]:
    """The words the profile sets itself, per kind of document."""
    names = {COMMON: "Alla dokument", **{kind: kind for kind in DOCUMENT_KINDS}}
    return [(names[kind], sorted(profile.words[kind].items())) for kind in names if profile.words.get(kind)]


def _store(request: HttpRequest, organisation: Organisation, new: Profile, version: int) -> list[str]:
    """Store the profile; the problems that refused it (none when stored)."""
    if new.organisation != organisation.code:
        return [
            f"Profilen gäller organisationen '{new.organisation}'; här sparas profilen för '{organisation.code}'."
        ]
    try:
        store_profile(new, by=request.user, expected_version=version)
    except ValidationError as exc:
        return list(exc.messages)
    except Conflict:
        return [CHANGED]
    return []


CHANGED = "Någon annan har ändrat profilen sedan du öppnade sidan; ladda om den."


def _download(profile: Profile, organisation: Organisation, fmt: str) -> HttpResponse:
    text = dump_profile(profile.model_copy(update={"organisation": organisation.code}), fmt)
    response = HttpResponse(
        text, content_type="application/json" if fmt == "json" else "application/yaml; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{organisation.code}.profile.{fmt}"'
    return response


@login_required
def profile_page(request: HttpRequest, code: str) -> HttpResponse:
    """The profile, its form (one field per setting) and its file (to download, or to replace it with)."""
    organisation = get_object_or_404(Organisation.objects.select_related("parent__parent__parent"), code=code)
    context = authorise(request, organisation, Role.ADMIN)
    row = stored_profile(organisation)
    own = row is not None and row.organisation_id == organisation.pk
    profile: Profile = context["profile"]
    version = stored_version(row) if own else 0
    if request.GET.get("format") in ("yaml", "json"):
        return _download(profile, organisation, request.GET["format"])
    status = 200
    problems: list[str] = []
    file_form = ProfileForm(initial={"text": _file_text(profile, organisation, own), "version": version})
    settings = ProfileSettingsForm(
        initial=ProfileSettingsForm.initial_for(profile, organisation.code, version),
        organisation=organisation.code,
    )
    if request.method == "POST" and "text" in request.POST:
        file_form = ProfileForm(request.POST)
        status = 400
        if file_form.is_valid():
            try:
                new = parse_profile(file_form.cleaned_data["text"], SOURCE)
            except PlanFileError as exc:
                problems = [f"rad {p.line}: {p.field}: {p.message}" for p in exc.problems]
            else:
                problems = _store(request, organisation, new, file_form.cleaned_data["version"])
    elif request.method == "POST":
        settings = ProfileSettingsForm(request.POST, organisation=organisation.code)
        status = 400
        new_profile = settings.profile() if settings.is_valid() else None
        if new_profile is not None:
            for problem in _store(request, organisation, new_profile, settings.cleaned_data["version"]):
                settings.add_error(None, problem)
    if request.method == "POST" and not problems and not settings.errors and not file_form.errors:
        messages.success(request, "Kommunprofilen har sparats.")
        return redirect("profile", organisation.code)
    if CHANGED in problems or CHANGED in settings.non_field_errors():
        status = 409
    return render(
        request,
        "profiles/detail.html",
        {
            **context,
            "organisation": organisation,
            "own": own,
            "inherited_from": row.organisation if row is not None and not own else None,
            "words": _words(profile),
            "units": sorted(profile.all_units.items()),
            "form": file_form,
            "settings": settings,
            "problems": problems,
            "breadcrumbs": [*organisation_crumbs(organisation), Crumb("Kommunprofil")],
        },
        status=status,
    )


def _file_text(profile: Profile, organisation: Organisation, own: bool) -> str:
    text = dump_profile(profile, "yaml")
    if not own:
        text = text.replace(
            f"organisation: {profile.organisation}\n", f"organisation: {organisation.code}\n", 1
        )
    return text
