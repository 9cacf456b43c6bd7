"""An Excel round trip in a real browser: the controller downloads the round's entry workbook, fills it in
(openpyxl, as Excel would save it), uploads it, reads the dry run and stores it; then a stale workbook
(someone saved a row since its download) shows the conflict, offers no way to store it, and stores
nothing. axe on the pages."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from styrkedja.exchange import excel
from styrkedja.followup.models import Outcome
from styrkedja.followup.values import OutcomeInput, save_outcome
from styrkedja.followup.workflow import open_round

pytestmark = pytest.mark.browser


def assert_accessible(axe, page, what: str) -> None:
    violations = axe(page)
    assert violations == [], f"{what} ({page.url}):\n{axe.format(violations)}"


def fill(path, values: dict[str, dict[str, object]]) -> None:
    wb = load_workbook(path)
    for ws in wb.worksheets[1:]:
        if ws.title in (excel.ECONOMY_SHEET, excel.ECONOMY_META):
            continue
        for row in range(excel.FIRST_ROW, ws.max_row + 1):
            name = ws.cell(row, 2).value or ""
            for key, cells in values.items():
                if key in name:
                    for field, value in cells.items():
                        ws.cell(row, excel.ENTRY[field], value)
    wb.save(path)


def download(page, tmp_path, name: str):
    with page.expect_download() as info:
        page.get_by_role("link", name=re.compile("Hela uppföljningen")).click()
    path = tmp_path / name
    info.value.save_as(path)
    return path


def upload(page, path) -> None:
    page.get_by_label(re.compile("Ifylld arbetsbok")).set_input_files(str(path))
    page.get_by_role("button", name="Granska arbetsboken").click()
    page.get_by_role("heading", level=1, name=re.compile("Granska")).wait_for()


def test_download_fill_upload_review_and_store_and_a_stale_workbook_stores_nothing(
    live_server, live_world, page, axe, log_in, tmp_path
):
    world = live_world
    round_ = open_round(world.committee, "2022-T1", by=world.users["controller"])
    log_in(page, "controller")
    page.goto(f"{live_server.url}/uppfoljningar/{round_.pk}/")
    page.get_by_role("link", name="Excel: ladda ner och upp").click()
    page.get_by_role("heading", level=1, name=re.compile("Excel")).wait_for()
    assert_accessible(axe, page, "the Excel page")

    # Download, fill in, upload: the dry run lists every change and stores nothing yet.
    path = download(page, tmp_path, "t1.xlsx")
    assert load_workbook(path).sheetnames == [
        "styrkedja",
        "Mål 1.1.1",
        "KF-mål",
        "Ekonomi",
        "styrkedja-ekonomi",
    ]
    fill(
        path,
        {
            "feriejobb": {"total": 40, "forecast": 90},
            "självförsörjande": {"total": 70, "women": 72, "men": 68},
        },
    )
    upload(page, path)
    assert_accessible(axe, page, "the dry run")
    assert "2 rader ändras, 0 konflikter, 0 fel" in page.locator("#sammanfattning").inner_text()
    changes = page.get_by_role("table", name="Det som sparas").inner_text()
    assert "Antal tillhandahållna platser för feriejobb" in changes and "Prognos helår" in changes
    assert not Outcome.objects.exists()
    page.get_by_role("button", name="Spara ändringarna").click()
    page.get_by_text("2 rader från t1.xlsx sparades.").wait_for()
    assert Outcome.objects.get(target=world.targets["feriejobb"]).total == 40
    assert Outcome.objects.get(target=world.targets["självförsörjande"]).women == 72

    # A stale workbook: downloaded, then the reporter saves a row, then the workbook comes back.
    page.goto(f"{live_server.url}/uppfoljningar/{round_.pk}/excel/")
    stale = download(page, tmp_path, "t1-gammal.xlsx")
    stored = Outcome.objects.get(target=world.targets["feriejobb"])
    save_outcome(round_, world.targets["feriejobb"], OutcomeInput(total=Decimal(41), forecast=Decimal(90)),
                 by=world.users["reporter"], expected_version=stored.version)  # fmt: skip
    fill(stale, {"feriejobb": {"total": 45}, "inskrivningstid": {"total": 6}})
    upload(page, stale)
    assert "1 rader ändras, 1 konflikter, 0 fel" in page.locator("#sammanfattning").inner_text()
    conflicts = page.get_by_role("table", name="Rader som ändrats sedan nedladdningen").inner_text()
    assert "41" in conflicts and "45" in conflicts
    assert page.get_by_role("button", name="Spara ändringarna").count() == 0
    assert_accessible(axe, page, "the dry run with a conflict")
    page.get_by_role("button", name="Kasta arbetsboken").click()
    page.get_by_text("Arbetsboken kastades; inget sparades.").wait_for()
    assert Outcome.objects.get(target=world.targets["feriejobb"]).total == 41
    assert not Outcome.objects.filter(target=world.targets["inskrivningstid"]).exists()
