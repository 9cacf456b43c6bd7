"""Entry workbooks: what is locked and open, validation by unit, the hidden sheet; the dry run's changes,
conflicts and refusals; storing all or nothing; the same from the command and the pages."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from openpyxl import load_workbook

from styrkedja.exchange import excel
from styrkedja.exchange.models import WorkbookUpload
from styrkedja.followup.models import AreaForecast, Outcome, Round, RoundStatus
from styrkedja.followup.values import OutcomeInput, save_outcome
from styrkedja.followup.workflow import open_round

D = Decimal


@pytest.fixture
def round_(world):
    return open_round(world.committee, "2022-T1", by=None)


def row_of(ws, name: str) -> int:
    for row in range(excel.FIRST_ROW, ws.max_row + 1):
        if ws.cell(row, 2).value and name in ws.cell(row, 2).value:
            return row
    raise AssertionError(f"no row {name}")


def fill(data: bytes, sheet: str, name: str, **values) -> bytes:
    wb = load_workbook(io.BytesIO(data))
    ws = wb[sheet]
    row = row_of(ws, name)
    for field, value in values.items():
        ws.cell(row, excel.ENTRY[field], value)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_the_workbook_has_a_sheet_per_part_and_locks_all_but_the_entry_cells(world, round_):
    data = excel.build_workbook(round_, by=world.users["reporter"])
    wb = load_workbook(io.BytesIO(data))
    assert wb.sheetnames == ["styrkedja", "Mål 1.1.1", "KF-mål", "Ekonomi", "styrkedja-ekonomi"]
    assert wb["styrkedja"].sheet_state == "veryHidden"
    part = wb["Mål 1.1.1"]
    assert part.protection.sheet
    jobs = row_of(part, "feriejobb")
    assert [part.cell(jobs, c).protection.locked for c in range(1, 11)] == [
        True,
        True,
        True,
        True,
        True,
        False,
        True,
        True,
        False,
        False,
    ]  # fmt: skip  (a count not split by sex: no women and men)
    assert part.cell(jobs, 5).value == 95 and part.cell(jobs, 5).number_format == "#,##0"
    # The reporter may not change the KF goals' rows: all locked there.
    kf = wb["KF-mål"]
    share = row_of(kf, "självförsörjande")
    assert all(kf.cell(share, c).protection.locked for c in range(1, 11))
    assert kf.cell(share, 5).number_format == '#,##0" %"'
    # A controller may; a share is validated 0–100, a count whole and ≥ 0.
    wb = load_workbook(io.BytesIO(excel.build_workbook(round_, by=world.users["controller"])))
    kf = wb["KF-mål"]
    assert not kf.cell(share, excel.ENTRY["women"]).protection.locked
    rules = {(v.type, v.operator, v.formula1, v.formula2) for v in kf.data_validations.dataValidation}
    assert ("decimal", "between", "0", "100") in rules and ("whole", "greaterThanOrEqual", "0", None) in rules
    hidden = list(wb["styrkedja"].iter_rows(min_row=3, values_only=True))
    assert ("KF-mål", share, world.targets["självförsörjande"].pk, 0) in hidden


def test_a_filled_workbook_is_reviewed_then_stored_in_one_transaction_with_history(world, round_):
    reporter = world.users["reporter"]
    data = excel.build_workbook(round_, by=reporter)
    data = fill(data, "Mål 1.1.1", "feriejobb", total=40, forecast="90", comment="Bra start")
    data = fill(data, "Mål 1.1.1", "inskrivningstid", total="5,5")
    result = excel.review(round_, data, by=reporter)
    assert result.can_store and not result.conflicts and not result.refusals
    assert [
        (r.target.indicator.name[:20], [(c.field, c.old, c.new) for c in r.changes]) for r in result.rows
    ] == [
        (
            "Antal tillhandahålln",
            [("total", None, D(40)), ("forecast", None, D(90)), ("comment", "", "Bra start")],
        ),
        ("Genomsnittlig inskri", [("total", None, D("5.5"))]),
    ]
    assert not Outcome.objects.exists()  # a dry run stores nothing
    excel.store(round_, data, by=reporter)
    jobs = Outcome.objects.get(target=world.targets["feriejobb"])
    assert (jobs.total, jobs.forecast, jobs.comment) == (40, 90, "Bra start")
    assert jobs.history.first().history_user == reporter
    # The same workbook again: nothing to change (its versions are old, but its cells are what is stored).
    again = excel.review(round_, data, by=reporter)
    assert not again.rows and not again.conflicts and again.unchanged == 4 + 5  # and the economy's five areas


def test_a_stale_workbook_shows_conflicts_and_stores_nothing(world, round_):
    controller = world.users["controller"]
    data = excel.build_workbook(round_, by=controller)
    save_outcome(round_, world.targets["feriejobb"], OutcomeInput(total=D(41)), by=world.users["reporter"],
                 expected_version=0)  # fmt: skip
    data = fill(data, "Mål 1.1.1", "feriejobb", total=40)
    data = fill(data, "Mål 1.1.1", "inskrivningstid", total=6)
    result = excel.review(round_, data, by=controller)
    assert [(c.target.indicator.name[:10], c.changes[0].old, c.changes[0].new) for c in result.conflicts] == [
        ("Antal till", D(41), D(40))
    ]
    assert not result.can_store
    with pytest.raises(excel.NotStored):
        excel.store(round_, data, by=controller)
    assert Outcome.objects.get().total == 41
    assert not Outcome.objects.filter(target=world.targets["inskrivningstid"]).exists()


def test_refusals_name_the_sheet_the_cell_and_the_reason(world, round_):
    controller = world.users["controller"]
    data = excel.build_workbook(round_, by=controller)
    data = fill(data, "Mål 1.1.1", "feriejobb", total="fyrtio")
    data = fill(data, "Mål 1.1.1", "inskrivningstid", total=-2)
    data = fill(data, "KF-mål", "självförsörjande", total=120, women=70, men=60)
    result = excel.review(round_, data, by=controller)
    refusals = {(r.sheet, r.cell): r.message for r in result.refusals}
    wb = load_workbook(io.BytesIO(data))
    part, kf = wb["Mål 1.1.1"], wb["KF-mål"]
    assert "”fyrtio” är inget tal" in refusals[("Mål 1.1.1", f"F{row_of(part, 'feriejobb')}")]
    assert "negativt" in refusals[("Mål 1.1.1", f"F{row_of(part, 'inskrivningstid')}")]
    assert "utanför 0–100" in refusals[("KF-mål", f"F{row_of(kf, 'självförsörjande')}")]
    assert not result.can_store
    # A reporter's change of a row that is not theirs is refused as such.
    reporter = excel.review(round_, fill(excel.build_workbook(round_, by=controller), "KF-mål", "Stockholmsjobb",
                                         total=5), by=world.users["reporter"])  # fmt: skip
    assert [r.message for r in reporter.refusals] == [
        "Antal aspiranter som fått Stockholmsjobb: raden är inte din att ändra just nu."
    ]


def test_another_rounds_or_no_workbook_is_refused(world, round_):
    with pytest.raises(excel.WorkbookError, match="ingen Excel-arbetsbok"):
        excel.review(round_, b"not a workbook", by=None)
    other = open_round(world.committee, "2022-T2", by=None)
    with pytest.raises(excel.WorkbookError, match="annan uppföljning"):
        excel.review(other, excel.build_workbook(round_, by=None), by=None)


def test_the_command_exports_and_imports_with_a_dry_run(world, round_, tmp_path):
    path = tmp_path / "t1.xlsx"
    call_command(
        "followup", "excel", "export", "--organisation", "amn", "--period", "2022-T1", "-o", str(path)
    )
    path.write_bytes(fill(path.read_bytes(), "Mål 1.1.1", "feriejobb", total=40))
    out = io.StringIO()
    call_command("followup", "excel", "import", str(path), "--dry-run", stdout=out)
    assert "Antal tillhandahållna platser för feriejobb: utfall - -> 40" in out.getvalue()
    assert not Outcome.objects.exists()
    call_command("followup", "excel", "import", str(path), stdout=io.StringIO())
    assert Outcome.objects.get().total == 40
    save_outcome(round_, world.targets["feriejobb"], OutcomeInput(total=D(41)), by=None)
    path.write_bytes(fill(path.read_bytes(), "Mål 1.1.1", "feriejobb", total=42))
    with pytest.raises(CommandError, match="nothing was stored"):
        call_command("followup", "excel", "import", str(path), stdout=io.StringIO())
    assert Outcome.objects.get().total == 41


def test_the_pages_download_upload_review_and_store(world, round_):
    client = Client()
    client.force_login(world.users["reporter"])
    page = client.get(f"/uppfoljningar/{round_.pk}/excel/")
    assert page.status_code == 200
    download = client.get(f"/uppfoljningar/{round_.pk}/excel/arbetsbok.xlsx")
    assert download["Content-Type"].startswith("application/vnd.openxmlformats")
    data = fill(download.content, "Mål 1.1.1", "feriejobb", total=40)
    posted = client.post(f"/uppfoljningar/{round_.pk}/excel/", {"file": io.BytesIO(data)}, format="multipart")
    upload = WorkbookUpload.objects.get()
    assert posted.status_code == 302 and posted["Location"] == f"/excel/granska/{upload.pk}/"
    assert bytes(upload.content) == data
    review = client.get(posted["Location"])
    assert "1 rader ändras, 0 konflikter, 0 fel" in review.content.decode()
    other = Client()
    other.force_login(world.users["controller"])
    assert other.get(posted["Location"]).status_code == 404  # one's own upload only
    assert not Outcome.objects.exists()
    stored = client.post(posted["Location"], {"spara": "1"})
    assert stored.status_code == 302 and Outcome.objects.get().total == 40
    upload.refresh_from_db()
    assert upload.status == "stored" and upload.stored_rows == 1


def test_a_locked_round_takes_no_workbook(world, round_):
    client = Client()
    client.force_login(world.users["controller"])
    data = excel.build_workbook(round_, by=None)
    Round.objects.filter(pk=round_.pk).update(status=RoundStatus.LOCKED)
    response = client.post(
        f"/uppfoljningar/{round_.pk}/excel/", {"file": io.BytesIO(data)}, format="multipart"
    )
    assert response.status_code == 409 and not WorkbookUpload.objects.exists()


def test_a_table_page_offers_its_tables_as_xlsx(world, client_as):
    client = client_as("reader")
    page = client.get(f"/planer/{world.plan.pk}/ekonomi/")
    assert "?format=xlsx" in page.content.decode()
    response = client.get(f"/planer/{world.plan.pk}/ekonomi/?format=xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    wb = load_workbook(io.BytesIO(response.content))
    cells = [c for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for c in row]
    assert 425.9 in cells and "Jobbtorg Stockholm" in cells
    assert client_as("outsider").get(f"/planer/{world.plan.pk}/ekonomi/?format=xlsx").status_code == 404


# --- The economy sheet ---------------------------------------------------------------------------------


def economy_row(ws, area: str) -> int:
    return next(r for r in range(excel.FIRST_ROW, ws.max_row + 1) if ws.cell(r, 1).value == area)


def fill_economy(data: bytes, area: str, **values) -> bytes:
    wb = load_workbook(io.BytesIO(data))
    ws = wb[excel.ECONOMY_SHEET]
    row = economy_row(ws, area)
    for name, value in values.items():
        ws.cell(row, excel.ECONOMY_ENTRY[name], value)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_the_economy_sheet_has_the_budget_the_forecast_to_fill_in_and_formulas_for_the_deviation(
    world, round_
):
    wb = load_workbook(io.BytesIO(excel.build_workbook(round_, by=world.users["controller"])))
    ws = wb[excel.ECONOMY_SHEET]
    assert [ws.cell(excel.HEADER_ROW, c).value for c in range(1, 10)] == [h for h, _ in excel.ECONOMY_COLUMNS]
    row = economy_row(ws, "Jobbtorg Stockholm")
    assert (ws.cell(row, 2).value, ws.cell(row, 3).value) == (425.9, -58.4)
    # The nets and the deviation are computed by formulas, never typed.
    assert (
        ws.cell(row, 4).value.startswith("=")
        and ws.cell(row, 8).value == f'=IF(OR(D{row}="",G{row}=""),"",D{row}-G{row})'
    )
    assert [ws.cell(row, c).protection.locked for c in range(1, 10)] == [
        True, True, True, True, False, False, True, True, False,
    ]  # fmt: skip
    assert ws.cell(row, 2).number_format == "#,##0.0" and ws.protection.sheet
    assert wb[excel.ECONOMY_META].sheet_state == "veryHidden"
    assert (excel.ECONOMY_SHEET, row, world.areas["Jobbtorg Stockholm"].pk, 0) in list(
        wb[excel.ECONOMY_META].iter_rows(min_row=2, values_only=True)
    )
    # A reporter may not change the forecast: all locked; a part's workbook has no economy sheet.
    reporter = load_workbook(io.BytesIO(excel.build_workbook(round_, by=world.users["reporter"])))
    assert all(reporter[excel.ECONOMY_SHEET].cell(row, c).protection.locked for c in range(1, 10))
    part = round_.parts.get(goal__isnull=False)
    only_part = load_workbook(
        io.BytesIO(excel.build_workbook(round_, by=world.users["controller"], part=part))
    )
    assert excel.ECONOMY_SHEET not in only_part.sheetnames


def test_the_economy_sheets_forecast_is_reviewed_and_stored_with_history(world, round_):
    controller = world.users["controller"]
    data = excel.build_workbook(round_, by=controller)
    data = fill_economy(
        data, "Jobbtorg Stockholm", costs=420.5, revenues="-60,0", commentary="Fler deltagare"
    )
    result = excel.review(round_, data, by=controller)
    assert result.can_store and not result.refusals
    [row] = result.rows
    assert row.name == "Jobbtorg Stockholm" and row.target is None
    assert [(c.field, c.old, c.new) for c in row.changes] == [
        ("costs", None, D("420.5")), ("revenues", None, D("-60.0")), ("commentary", "", "Fler deltagare"),
    ]  # fmt: skip
    assert not AreaForecast.objects.exists()  # a dry run stores nothing
    excel.store(round_, data, by=controller)
    stored = AreaForecast.objects.get(round=round_, area=world.areas["Jobbtorg Stockholm"])
    assert (stored.costs, stored.revenues, stored.commentary) == (D("420.5"), D("-60.0"), "Fler deltagare")
    assert stored.history.first().history_user == controller
    # The next download carries the forecast and its version; the deviation is still Excel's to compute.
    wb = load_workbook(io.BytesIO(excel.build_workbook(round_, by=controller)))
    r = economy_row(wb[excel.ECONOMY_SHEET], "Jobbtorg Stockholm")
    assert wb[excel.ECONOMY_SHEET].cell(r, 5).value == 420.5


def test_a_stale_economy_sheet_is_a_conflict_and_stores_nothing(world, round_):
    from styrkedja.followup.economy_editing import save_area_forecast

    controller, area = world.users["controller"], world.areas["Jobbtorg Stockholm"]
    data = fill_economy(
        excel.build_workbook(round_, by=controller), "Jobbtorg Stockholm", costs=420, revenues=-60
    )
    data = fill(data, "Mål 1.1.1", "feriejobb", total=40)
    save_area_forecast(round_, area, costs=D(400), revenues=D(-50), commentary="", by=None)  # someone else
    result = excel.review(round_, data, by=controller)
    assert [c.name for c in result.conflicts] == ["Jobbtorg Stockholm"] and not result.can_store
    with pytest.raises(excel.NotStored):
        excel.store(round_, data, by=controller)
    assert AreaForecast.objects.get(area=area).costs == D(400) and not Outcome.objects.exists()


def test_the_economy_sheets_refusals_name_sheet_and_cell(world, round_):
    controller = world.users["controller"]
    data = excel.build_workbook(round_, by=controller)
    data = fill_economy(data, "Jobbtorg Stockholm", costs=-5, revenues=3)
    data = fill_economy(data, "Vuxenutbildning Stockholm", costs="mycket")
    data = fill_economy(data, "Regiongemensam samhällsorientering", costs=12.25, revenues=-1)
    data = fill_economy(data, "Stadsövergripande verksamheter", costs=40)
    refusals = {(r.cell, r.message) for r in excel.review(round_, data, by=controller).refusals}
    rows = {
        name: economy_row(load_workbook(io.BytesIO(data))[excel.ECONOMY_SHEET], name)
        for name in ("Jobbtorg Stockholm", "Vuxenutbildning Stockholm", "Regiongemensam samhällsorientering",
                     "Stadsövergripande verksamheter")
    }  # fmt: skip
    j, v, r, s = rows.values()
    assert (f"E{j}", "Jobbtorg Stockholm: Kostnader kan inte vara negativa.") in refusals
    assert (f"F{j}", "Jobbtorg Stockholm: Intäkter skrivs som negativa belopp, t.ex. -45,0.") in refusals
    assert (f"E{v}", "Vuxenutbildning Stockholm: ”mycket” är inget tal.") in refusals
    assert (
        f"E{r}",
        "Regiongemensam samhällsorientering: Prognos kostnader 12,25 har för många decimaler: högst en decimal.",
    ) in refusals
    assert (
        f"E{s}",
        "Stadsövergripande verksamheter: fyll i både prognosens kostnader och intäkter.",
    ) in refusals
    # A reporter's workbook with an economy change: refused, the row is not theirs.
    reporter = world.users["reporter"]
    theirs = fill_economy(
        excel.build_workbook(round_, by=reporter), "Jobbtorg Stockholm", costs=1, revenues=-1
    )
    assert [r.message for r in excel.review(round_, theirs, by=reporter).refusals] == [
        "Jobbtorg Stockholm: bara en controller ändrar prognosen."
    ]


def test_the_review_page_and_the_command_show_the_economy_sheets_changes(world, round_, tmp_path):
    from django.core.management import call_command

    controller = world.users["controller"]
    client = Client()
    client.force_login(controller)
    download = client.get(f"/uppfoljningar/{round_.pk}/excel/arbetsbok.xlsx").content
    data = fill_economy(download, "Jobbtorg Stockholm", costs=420, revenues=-60)
    posted = client.post(f"/uppfoljningar/{round_.pk}/excel/", {"file": io.BytesIO(data)}, format="multipart")
    text = client.get(posted["Location"]).content.decode()
    assert "1 rader ändras, 0 konflikter, 0 fel" in text
    assert (
        "<td>Ekonomi</td>" in text and "<td>Jobbtorg Stockholm</td>" in text and "Prognos kostnader" in text
    )
    path = tmp_path / "t1.xlsx"
    path.write_bytes(data)
    out = io.StringIO()
    call_command("followup", "excel", "import", str(path), "--dry-run", stdout=out)
    assert "Jobbtorg Stockholm: prognos kostnader - -> 420" in out.getvalue()
    assert not AreaForecast.objects.exists()
