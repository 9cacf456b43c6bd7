"""A municipality's profile: its goal levels and goal numbers, its rating scales and the rules that suggest
ratings, the wording of its documents, its units (docs/profile-format.md). Plain data and pure rules; the
stored profile of an organisation is `organisations/profiles.py`'s; a profile file is read with line numbers
by `planfiles/profile_file.py`. No Django here.

    profile = stockholm()                      # what an organisation without a profile of its own has
    profile.level_name("committee")            # "Nämndmål"
    profile.ratings.label("partly")            # "Uppfylls delvis"
    profile.wording("tertial").title           # "Tertialrapport"
"""

from __future__ import annotations

from styrkedja.profiles.load import dump_profile, profile_data
from styrkedja.profiles.schema import (
    FORMAT,
    GoalRule,
    IndicatorRule,
    Level,
    Profile,
    Rating,
    Scale,
    stockholm,
)
from styrkedja.profiles.words import Wording

__all__ = [
    "FORMAT",
    "GoalRule",
    "IndicatorRule",
    "Level",
    "Profile",
    "Rating",
    "Scale",
    "Wording",
    "dump_profile",
    "profile_data",
    "stockholm",
]
