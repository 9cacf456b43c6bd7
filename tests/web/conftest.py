"""Fixtures for the web UI's tests: a small world of organisations, users with roles and a plan."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.factories import World, build_world


@pytest.fixture
def world(db) -> World:
    return build_world()


@pytest.fixture
def client_as(world: World):
    """`client_as("controller")`: a test client logged in as that user of the world."""

    def login(name: str) -> Client:
        client = Client()
        client.force_login(world.users[name])
        return client

    return login
