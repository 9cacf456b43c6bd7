"""Fixtures of the follow-up pages' tests: an open T1 round of the world's plan and its first goal part."""

from __future__ import annotations

from datetime import date

import pytest

from styrkedja.followup.workflow import open_round


@pytest.fixture
def round_(world):
    return open_round(world.committee, "2022-T1", by=world.users["controller"], deadline=date(2022, 5, 10))


@pytest.fixture
def part(round_):
    return round_.parts.get(goal__isnull=False)
