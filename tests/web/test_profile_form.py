"""The profile page's form: one field per setting, the profile file's validation with each refusal beside
its field, stored at the version read, in the history; the file still downloads as YAML and JSON."""

from __future__ import annotations

import json
from decimal import Decimal

import yaml
from django.urls import reverse

from styrkedja.organisations.models import MunicipalityProfile
from styrkedja.organisations.profiles import profile_of


def posted(initial: dict) -> dict[str, str]:
    """What the browser sends for the form as shown."""
    data = {}
    for name, value in initial.items():
        if value is None or value is False:
            continue
        if value is True:
            data[name] = "on"
        elif isinstance(value, Decimal):
            data[name] = str(value).replace(".", ",")
        else:
            data[name] = str(value)
    return data


def test_the_profile_is_changed_field_by_field_with_the_files_validation(world, client_as):
    admin = client_as("admin")
    url = reverse("profile", args=[world.committee.code])
    page = admin.get(url)
    form = page.context["settings"]
    data = posted(form.initial)
    assert data["levels-2-name"] == "Nämndmål" and data["ratings-1-colour"] == "#8a5a00"
    assert 'name="words-tertial-title"' in page.content.decode()

    # A colour that is none and a better rating needing less than a worse: refused beside the fields.
    bad = {**data, "ratings-1-colour": "orange", "at_least-0": "0,4"}
    refused = admin.post(url, bad)
    assert refused.status_code == 400
    errors = refused.context["settings"].errors
    assert "ratings-1-colour" in errors and "^#[0-9a-fA-F]{6}$" in " ".join(errors["ratings-1-colour"])
    threshold = {**data, "indicator_rule": "threshold"}
    refused = admin.post(url, threshold).context["settings"].errors
    assert "partly_at" in refused or "indicator_rule" in refused
    assert not MunicipalityProfile.objects.exists()

    changed = {
        **data,
        "name": "Norrby kommun",
        "levels-2-name": "Verksamhetsmål",
        "levels-2-plural": "Verksamhetsmål",
        "ratings_non-0-key": "cannot",
        "ratings_non-0-label": "Kan ej bedömas",
        "words-tertial-title": "Delårsrapport",
        "words-annual-prints_forecasts": "yes",
        "units-days-decimals": "1",
        "units-days-label": "dygn",
    }
    assert admin.post(url, changed).status_code == 302
    profile = profile_of(world.committee)
    assert profile.name == "Norrby kommun" and profile.level_name("committee") == "Verksamhetsmål"
    assert profile.ratings.label("cannot") == "Kan ej bedömas"
    assert profile.wording("tertial").title == "Delårsrapport"
    assert profile.wording("annual").prints_forecasts is True
    assert (profile.unit_label("days"), profile.unit_decimals("days")) == ("dygn", 1)
    assert profile.goal_rule.at_least == {"fully": Decimal(1), "partly": Decimal("0.5")}
    row = MunicipalityProfile.objects.get()
    assert row.version == 1 and row.history.first().history_user == world.users["admin"]

    # Saved from a page read before: a conflict, nothing overwritten.
    stale = admin.post(url, {**changed, "name": "Söderby kommun"})
    assert stale.status_code == 409
    assert profile_of(world.committee).name == "Norrby kommun"

    # The form shows the stored profile again, and the file downloads as YAML and JSON.
    again = admin.get(url).context["settings"].initial
    assert again["levels-2-name"] == "Verksamhetsmål" and again["version"] == 1
    as_yaml = yaml.safe_load(admin.get(url, {"format": "yaml"}).content)
    as_json = json.loads(admin.get(url, {"format": "json"}).content)
    assert as_yaml == as_json and as_json["name"] == "Norrby kommun"
    assert as_json["organisation"] == world.committee.code
    assert admin.get(url, {"format": "yaml"})["Content-Disposition"].endswith('.profile.yaml"')
    history = admin.get(reverse("history", args=["profil", world.committee.pk])).content.decode()
    assert "Norrby kommun" in history


def test_a_profile_that_no_longer_fits_what_is_stored_is_refused(world, client_as):
    admin = client_as("admin")
    url = reverse("profile", args=[world.committee.code])
    data = posted(admin.get(url).context["settings"].initial)
    renamed = {**data, "levels-2-key": "goal", "committee_level": "goal"}  # the plan has committee goals
    refused = admin.post(url, renamed)
    assert refused.status_code == 400
    assert "nivån 'committee' finns inte i profilen" in " ".join(
        refused.context["settings"].non_field_errors()
    )
    assert not MunicipalityProfile.objects.exists()
