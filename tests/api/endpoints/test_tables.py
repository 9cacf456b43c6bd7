"""A table import through the API with a saved mapping: the dry run stores nothing, the import stores and
logs the file's SHA-256."""

from __future__ import annotations

import hashlib
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from styrkedja.budget.models import AreaBudget
from styrkedja.exchange.models import ImportLog, TableMapping
from styrkedja.lib.vocabulary import ImportKind
from tests.api.conftest import Multipart

TABLE = "Område;Kostnader;Intäkter\nJobbtorg Stockholm;430,0;-60,0\nOkänt område;1;0\n".encode()


def _send(client, dry_run: bool, mapping: str = "Ekonomisystemet"):
    body = Multipart(
        file=SimpleUploadedFile("bokslut.csv", TABLE), mapping=mapping, dry_run=str(dry_run).lower()
    )
    return client.request("POST", "/organisations/amn/table-import", body)


def test_a_dry_run_lists_the_rows_and_the_import_stores_and_logs_them(world, api_as):
    TableMapping.objects.create(
        name="Ekonomisystemet",
        kind=ImportKind.BUDGET,
        columns={"area": "Område", "costs": "Kostnader", "revenues": "Intäkter"},
        options={"year": 2022},
    )
    client = api_as("controller")
    assert [m["name"] for m in client.get("/table-mappings").json()] == ["Ekonomisystemet"]
    dry = _send(client, True)
    assert dry.status_code == 200
    body = dry.json()
    assert [r["what"] for r in body["rows"]] == ["Jobbtorg Stockholm"] and body["stored"] == 0
    assert "Okänt område" in body["skipped"][0]["reason"]
    assert not AreaBudget.objects.filter(version__kind="outcome").exists()
    done = _send(client, False).json()
    assert done["stored"] == 1 and done["sha256"] == hashlib.sha256(TABLE).hexdigest()
    stored = AreaBudget.objects.get(version__kind="outcome", area=world.areas["Jobbtorg Stockholm"])
    assert (stored.costs, stored.revenues) == (Decimal("430.0"), Decimal("-60.0"))
    assert ImportLog.objects.get().by == world.users["controller"]


def test_an_unknown_mapping_is_refused_naming_it(world, api_as):
    response = _send(api_as("controller"), True, mapping="Finns inte")
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "body.mapping"
