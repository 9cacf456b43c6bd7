"""An organisation's municipality profile: the one stored for it or for the nearest organisation above it
(the kommun), else Stockholm's (`profiles/stockholm.yaml`). Read with one query; the same stored data is
validated once in each process (keyed by the data themselves, so nothing has to be invalidated)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from styrkedja.organisations.models import MunicipalityProfile, Organisation
from styrkedja.profiles import Profile, stockholm
from styrkedja.profiles.schema import Profile as ProfileSchema

_parsed: dict[str, Profile] = {}


def parsed_data(data: Any) -> Profile:
    """A stored profile's data as a profile."""
    key = json.dumps(data, sort_keys=True, ensure_ascii=False)
    if key not in _parsed:
        if len(_parsed) > 256:
            _parsed.clear()
        _parsed[key] = ProfileSchema.model_validate(data)
    return _parsed[key]


def parsed(row: MunicipalityProfile) -> Profile:
    return parsed_data(row.data)


def stored_profile(organisation: Organisation) -> MunicipalityProfile | None:
    """The stored profile that applies: the organisation's own or the nearest one above it."""
    return nearest(organisation.ancestors())


def nearest(chain: Iterable[Organisation]) -> MunicipalityProfile | None:
    chain = list(chain)
    rows = {
        row.organisation_id: row
        for row in MunicipalityProfile.objects.filter(organisation__in=[o.pk for o in chain if o.pk])
    }
    return next((rows[o.pk] for o in chain if o.pk in rows), None)


def profile_of(organisation: Organisation | None) -> Profile:
    """The profile the organisation works under."""
    row = stored_profile(organisation) if organisation is not None else None
    return parsed(row) if row is not None else stockholm()


def profile_of_codes(codes: Iterable[str]) -> Profile:
    """The profile of the first of these organisations (nearest first) that exists: for a file that names
    its organisation and the organisations above it, some of which may not be stored yet."""
    for code in codes:
        found = Organisation.objects.select_related("parent").filter(code=code).first()
        if found is not None:
            return profile_of(found)
    return stockholm()
