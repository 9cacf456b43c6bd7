"""The seed documents the Stockholm layout's tests read: the VP 2022 and the T1 2021 report of
Arbetsmarknadsnämnden, from the folder shared/seeds beside the repository."""

from __future__ import annotations

from pathlib import Path

import pytest

from styrkedja.planfiles.schema import Goal, OrganisationRef

SEEDS = Path(__file__).resolve().parents[5] / "shared" / "seeds"
VP_2022 = "000_bb76e5e2b4aeeaea.txt"
T1_2021 = "002_92e32f79cbecfdb4.txt"
AMN = OrganisationRef(code="amn", name="Arbetsmarknadsnämnden")


def seed_text(name: str) -> str:
    path = SEEDS / name
    if not path.is_file():
        pytest.skip(f"seed documents not available: {path} (the folder shared/seeds beside the repository)")
    return path.read_text(encoding="utf-8")


def walk(goals: list[Goal]) -> list[Goal]:
    return [g for goal in goals for g in [goal, *walk(goal.goals)]]
