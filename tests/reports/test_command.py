"""`styrkedja report`: the tertialrapport (--period) or the verksamhetsplan (--plan) as PDF, DOCX or HTML,
with a manifest beside the file that lets a published report be verified later."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

import styrkedja
from styrkedja.followup.documents import build_followup_document
from styrkedja.followup.models import Round
from styrkedja.followup.workflow import open_round
from styrkedja.organisations.models import Organisation
from styrkedja.reports.manifest import sha256, snapshot, verify

pytestmark = pytest.mark.django_db
SMALL = Path(__file__).resolve().parents[1] / "planfiles" / "data" / "small.yaml"
HAS_DOCX = importlib.util.find_spec("styrkedja.reports.renderers.docx") is not None


@pytest.fixture
def round_(db):
    call_command("plan", "import", str(SMALL), stdout=None)
    return open_round(Organisation.objects.get(code="testnamnd"), "2022-T1", by=None)


def report(*args: str) -> None:
    call_command("report", *args)


def test_it_writes_the_report_and_a_manifest_beside_it(round_, tmp_path, capsys):
    out = tmp_path / "t1.pdf"
    report("--organisation", "testnamnd", "--period", "2022-T1", "--format", "pdf", "-o", str(out))
    assert out.read_bytes().startswith(b"%PDF")
    manifest = json.loads((tmp_path / "t1.pdf.manifest.json").read_text(encoding="utf-8"))
    doc = build_followup_document(Round.objects.get())
    assert manifest["program"] == "styrkedja" and manifest["version"] == styrkedja.__version__
    assert manifest["format"] == "pdf" and manifest["engines"]["typst"]
    assert manifest["sha256"]["output"] == sha256(out.read_bytes())
    assert manifest["sha256"]["data"] == sha256(snapshot(doc))
    assert set(manifest["sha256"]["templates"]) >= {"reports/templates/report.typ", "reports/tables.py"}
    assert manifest["document"] == {
        "kind": "followup",
        "organisation": "testnamnd",
        "period": "2022-T1",
        "title": doc.title,
        "locked": False,
    }
    assert verify(out, doc) == []
    assert "wrote" in capsys.readouterr().out


def test_two_builds_give_the_same_bytes_and_the_same_manifest(round_, tmp_path):
    for fmt in ("pdf", "html"):
        first, second = tmp_path / f"a.{fmt}", tmp_path / f"b.{fmt}"
        for path in (first, second):
            report("--organisation", "testnamnd", "--period", "2022-T1", "--format", fmt, "-o", str(path))
        assert first.read_bytes() == second.read_bytes()
        assert (tmp_path / f"a.{fmt}.manifest.json").read_bytes() == (
            tmp_path / f"b.{fmt}.manifest.json"
        ).read_bytes()


def test_verify_notices_a_changed_file(round_, tmp_path):
    out = tmp_path / "t1.html"
    report("--organisation", "testnamnd", "--period", "2022-T1", "--format", "html", "-o", str(out))
    out.write_bytes(out.read_bytes().replace(b"</body>", b"<p>tillagt</p></body>"))
    assert verify(out) == ["t1.html: the file is not the one the manifest describes"]


def test_the_plan(round_, tmp_path):
    out = tmp_path / "vp.html"
    report("--organisation", "testnamnd", "--plan", "2022", "--format", "html", "-o", str(out))
    page = out.read_text(encoding="utf-8")
    assert "<!DOCTYPE html>" in page and "Verksamhetsplan" in page
    assert json.loads((tmp_path / "vp.html.manifest.json").read_text())["document"]["kind"] == "plan"


@pytest.mark.skipif(not HAS_DOCX, reason="the DOCX renderer is not in this build yet")
def test_word(round_, tmp_path):
    out = tmp_path / "vp.docx"
    report("--organisation", "testnamnd", "--plan", "2022", "--format", "docx", "-o", str(out))
    assert out.read_bytes().startswith(b"PK")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--organisation", "nosuch", "--plan", "2022"], "no organisation 'nosuch'"),
        (["--organisation", "testnamnd", "--plan", "1999"], "testnamnd has no plan for 1999"),
        (["--organisation", "testnamnd", "--period", "2022-T2"], "testnamnd has no follow-up for 2022-T2"),
        (["--organisation", "testnamnd", "--period", "2022-X9"], "2022-X9"),
    ],
)
def test_clear_errors(round_, tmp_path, args, message):
    with pytest.raises(CommandError, match=message):
        report(*args, "--format", "pdf", "-o", str(tmp_path / "x.pdf"))
    assert not (tmp_path / "x.pdf").exists()


def test_period_and_plan_exclude_each_other(round_, tmp_path):
    with pytest.raises(CommandError):
        report(
            "--organisation",
            "testnamnd",
            "--period",
            "2022-T1",
            "--plan",
            "2022",
            "--format",
            "pdf",
            "-o",
            str(tmp_path / "x.pdf"),
        )
    with pytest.raises(CommandError):
        report("--organisation", "testnamnd", "--format", "pdf", "-o", str(tmp_path / "x.pdf"))
