"""Fixtures of the API's tests: the world's users as API clients (by token or by session), and an open
round of the world's plan."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from styrkedja.exchange.tokens import create_token
from styrkedja.followup.workflow import open_round

ROLES = ["nobody", "outsider", "reader", "reporter", "controller", "director", "admin", "superuser"]


class Multipart(dict):
    """A request body sent as multipart/form-data (files and form fields), not as JSON."""


class ApiClient:
    """A test client that speaks JSON to /api/v1/ with a bearer token (or none)."""

    def __init__(self, token: str | None = None, client: Client | None = None):
        self.client = client or Client()
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}

    def request(self, method: str, path: str, body: Any = None, **headers: str):
        kwargs: dict[str, Any] = {"headers": {**self.headers, **headers}}
        if isinstance(body, Multipart):
            return self.upload(path, dict(body), **headers)
        if body is not None:
            kwargs["data"] = json.dumps(body)
            kwargs["content_type"] = "application/json"
        return getattr(self.client, method.lower())("/api/v1" + path, **kwargs)

    def upload(self, path: str, data: dict[str, Any], **headers: str):
        """A multipart POST: `data` holds the form's fields and its files (SimpleUploadedFile)."""
        return self.client.post("/api/v1" + path, data=data, headers={**self.headers, **headers})

    def get(self, path: str, **headers: str):
        return self.request("GET", path, **headers)

    def put(self, path: str, body: Any, **headers: str):
        return self.request("PUT", path, body, **headers)

    def patch(self, path: str, body: Any, **headers: str):
        return self.request("PATCH", path, body, **headers)


@pytest.fixture
def superuser(world):
    user = get_user_model().objects.create_superuser("superuser", password="x")
    world.users["superuser"] = user
    return user


@pytest.fixture
def api_as(world, superuser):
    """`api_as("controller")`: a client with a read-and-write token of that user of the world."""

    def make(name: str, scope: str = "write") -> ApiClient:
        _, raw = create_token(world.users[name], name="test", scope=scope, days=30)
        return ApiClient(raw)

    return make


@pytest.fixture
def round_(world):
    return open_round(world.committee, "2022-T1", by=None)


@pytest.fixture
def kolada_linked(world, monkeypatch):
    """Kolada's recorded answers behind the API's client, the catalogue stored, the committee compared with
    two peers and the indicator "självförsörjande" linked to N00945: the target."""
    from styrkedja.api.endpoints import kolada as endpoint
    from styrkedja.exchange import kolada
    from tests.exchange.kolada_recorded import BASE, Recorded

    recorded = Recorded()

    def client() -> kolada.Client:
        return kolada.Client(recorded, base_url=BASE, min_interval=0)

    monkeypatch.setattr(endpoint, "client", client)
    kolada.sync_catalogue(client())
    kolada.set_comparison(world.committee, "0180", ["1280"], by=None)
    target = world.targets["självförsörjande"]
    target.indicator.kolada_kpi = "N00945"
    target.indicator.save()
    return target
