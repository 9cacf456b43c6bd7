"""The goal levels and ratings the City of Stockholm's documents print, as the keys of its profile
(`profiles/stockholm.yaml`): what this layout's readers write into the plan and follow-up files."""

from __future__ import annotations

from enum import StrEnum


class GoalLevel(StrEnum):
    DIRECTION = "direction"  # KF:s inriktningsmål
    COUNCIL_AREA = "council_area"  # KF:s mål för verksamhetsområdet
    COMMITTEE = "committee"  # Nämndmål


class Fulfilment(StrEnum):
    FULLY = "fully"  # Uppfylls helt
    PARTLY = "partly"  # Uppfylls delvis
    NOT = "not"  # Uppfylls inte
