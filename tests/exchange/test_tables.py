"""Table imports with column mapping: Swedish numbers and footnote marks, mappings saved per source and
reused, the dry run (what is stored, what matches nothing and why), storing with history, the import log,
and the command."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from styrkedja.budget.models import AreaBudget
from styrkedja.exchange import tables
from styrkedja.exchange.models import ImportLog, TableMapping
from styrkedja.lib.vocabulary import ImportKind
from styrkedja.plans.models import SeriesValue

D = Decimal

INDICATORS_CSV = """Nyckeltal;År;Totalt;Kvinnor;Män
Antal tillhandahållna platser för feriejobb;2021;1 233*;-;-
Genomsnittlig inskrivningstid för unga aspiranter (18-29 år);2021;5,5;−;
Okänd indikator;2021;12;;
Antal tillhandahållna platser för feriejobb;tjugo;3;;
Andel aspiranter som är självförsörjande sex månader efter avslut på Jobbtorg Stockholm;2021;112;;
""".encode()
COLUMNS = {"indicator": "Nyckeltal", "period": "År", "total": "Totalt", "women": "Kvinnor", "men": "Män"}


@pytest.mark.parametrize(
    ("text", "value", "note"),
    [
        ("1 233", D(1233), ""),
        ("52,5", D("52.5"), ""),
        ("−12", D(-12), ""),
        ("-", None, ""),
        ("..", None, ""),
        ("", None, ""),
        ("1 233*", D(1233), "*"),
        ("52,5 1)", D("52.5"), "1)"),
        ("7\u00a0000", D(7000), ""),
    ],
)
def test_swedish_numbers_and_footnote_marks_are_read(text, value, note):
    cell = tables.read_value(text)
    assert (cell.value, cell.note, cell.error) == (value, note, "")


def test_what_is_no_number_is_said_so():
    assert tables.read_value("tolv").error == "”tolv” är inget tal"


def test_indicator_values_dry_run_lists_what_is_stored_and_what_matches_nothing(world):
    result = tables.review_table(
        world.committee, ImportKind.INDICATOR_VALUES, INDICATORS_CSV, "v.csv", COLUMNS, {}
    )
    assert [(r.line, r.what[:20], r.period, r.new.get("total"), r.note) for r in result.rows] == [
        (2, "Antal tillhandahålln", "2021", D(1233), "*"),
        (3, "Genomsnittlig inskri", "2021", D("5.5"), ""),
    ]
    reasons = {s.line: s.reason for s in result.skipped}
    assert (
        reasons[4]
        == "Ingen indikator i Arbetsmarknadsnämnden heter eller har Kolada-koden ”Okänd indikator”."
    )
    assert "”tjugo” är ingen period" in reasons[5]
    assert "utanför 0–100" in reasons[6]
    assert not SeriesValue.objects.exists()


def test_stored_values_carry_history_and_the_import_is_logged(world):
    mapping = tables.save_mapping(
        "SCB", ImportKind.INDICATOR_VALUES, COLUMNS, {}, by=world.users["controller"]
    )
    _, log = tables.store_table(
        world.committee,
        ImportKind.INDICATOR_VALUES,
        INDICATORS_CSV,
        "v.csv",
        mapping,
        by=world.users["controller"],
    )
    jobs = SeriesValue.objects.get(series__name__startswith="Antal tillhandahållna")
    assert (jobs.period, jobs.total, jobs.note, jobs.source) == ("2021", D(1233), "*", "table")
    assert jobs.history.first().history_user == world.users["controller"]
    assert (log.stored, log.skipped, log.filename, log.mapping) == (2, 3, "v.csv", "SCB")
    assert log.sha256 == tables.sha256(INDICATORS_CSV) and log.by == world.users["controller"]
    again = tables.review_table(
        world.committee, ImportKind.INDICATOR_VALUES, INDICATORS_CSV, "v.csv", COLUMNS, {}
    )
    assert not again.rows and again.unchanged == 2


def test_a_kolada_code_finds_its_indicator_and_xlsx_is_read(world):
    target = world.targets["feriejobb"]
    target.indicator.kolada_kpi = "N00945"
    target.indicator.save()
    wb = Workbook()
    wb.active.append(["KPI", "Period", "Värde"])
    wb.active.append(["N00945", "2021-T1", 44])
    out = io.BytesIO()
    wb.save(out)
    columns = {"indicator": "KPI", "period": "Period", "total": "Värde"}
    result = tables.review_table(
        world.committee, ImportKind.INDICATOR_VALUES, out.getvalue(), "k.xlsx", columns, {}
    )
    assert [(r.what, r.period, r.new["total"]) for r in result.rows] == [
        (target.indicator.name, "2021-T1", D(44))
    ]


def test_a_mapping_that_does_not_fit_the_file_is_refused_naming_the_columns(world):
    with pytest.raises(tables.TableError, match="saknar kolumnerna Utfall"):
        tables.review_table(world.committee, ImportKind.INDICATOR_VALUES, INDICATORS_CSV, "v.csv",
                            {"indicator": "Nyckeltal", "period": "År", "total": "Utfall"}, {})  # fmt: skip
    with pytest.raises(tables.TableError, match="Välj en kolumn för Period eller år"):
        tables.review_table(world.committee, ImportKind.INDICATOR_VALUES, INDICATORS_CSV, "v.csv",
                            {"indicator": "Nyckeltal", "total": "Totalt"}, {})  # fmt: skip


BUDGET_CSV = """Nämnd,Verksamhet,Kostnader,Intäkter,Netto
amn,Jobbtorg Stockholm,"410,2","58,4","351,8"
amn,Vuxenutbildning Stockholm,800,-140,660
amn,Finns inte,1,0,1
utbn,Jobbtorg Stockholm,1,0,1
amn,Regiongemensam samhällsorientering,10,-1,5
""".encode()
BUDGET_COLUMNS = {
    "organisation": "Nämnd",
    "area": "Verksamhet",
    "costs": "Kostnader",
    "revenues": "Intäkter",
    "net": "Netto",
}


def test_accounting_figures_go_into_an_outcome_version_of_the_plan(world):
    mapping = tables.save_mapping(
        "Ekonomisystemet", ImportKind.BUDGET, BUDGET_COLUMNS, {"year": 2022}, by=None
    )
    result = tables.review_table(
        world.committee, ImportKind.BUDGET, BUDGET_CSV, "b.csv", mapping.columns, mapping.options
    )
    assert [(r.what, r.new["costs"], r.new["revenues"]) for r in result.rows] == [
        ("Jobbtorg Stockholm", D("410.2"), D("-58.4")),
        ("Vuxenutbildning Stockholm", D(800), D(-140)),
    ]
    reasons = [s.reason for s in result.skipped]
    assert reasons[0] == "Inget verksamhetsområde i planen 2022 heter ”Finns inte”."
    assert reasons[1] == "Nämnden ”utbn” finns inte under Arbetsmarknadsnämnden."
    assert reasons[2] == (  # money with its decimal, as everywhere
        "Regiongemensam samhällsorientering 2022: kostnader + intäkter = 9,0, men nettot är 5,0."
    )
    tables.store_table(
        world.committee, ImportKind.BUDGET, BUDGET_CSV, "b.csv", mapping, by=world.users["controller"]
    )
    stored = AreaBudget.objects.get(area=world.areas["Jobbtorg Stockholm"], version__kind="outcome")
    assert (stored.costs, stored.revenues, stored.version.label) == (D("410.2"), D("-58.4"), "Utfall 2022")


def test_a_reader_may_not_import_budget_figures(world):
    from django.core.exceptions import PermissionDenied

    mapping = tables.save_mapping(
        "Ekonomisystemet", ImportKind.BUDGET, BUDGET_COLUMNS, {"year": 2022}, by=None
    )
    with pytest.raises(PermissionDenied):
        tables.store_table(
            world.committee, ImportKind.BUDGET, BUDGET_CSV, "b.csv", mapping, by=world.users["reader"]
        )
    assert not AreaBudget.objects.filter(version__kind="outcome").exists() and not ImportLog.objects.exists()


def test_the_command_makes_the_mapping_reuses_it_and_dry_runs(world, tmp_path):
    path = tmp_path / "värden.csv"
    path.write_bytes(INDICATORS_CSV)
    out = io.StringIO()
    call_command(
        "import_table", str(path), "--mapping", "SCB", "--kind", "indicator_values", "--organisation", "amn",
        *(f"--map={f}={c}" for f, c in COLUMNS.items()), "--dry-run", stdout=out,
    )  # fmt: skip
    assert "would store 2 rows (0 unchanged, 3 skipped)" in out.getvalue()
    assert (
        "line 2: Antal tillhandahållna platser för feriejobb 2021: total - -> 1 233 (note *)"
        in out.getvalue()
    )
    assert TableMapping.objects.get(name="SCB").options == {"organisation": "amn"}
    assert not SeriesValue.objects.exists()
    out = io.StringIO()
    call_command("import_table", str(path), "--mapping", "SCB", stdout=out)  # the saved mapping, reused
    assert "stored 2 rows, skipped 3" in out.getvalue() and SeriesValue.objects.count() == 2
    with pytest.raises(CommandError, match="no mapping 'Okänd'"):
        call_command("import_table", str(path), "--mapping", "Okänd")


def test_the_pages_upload_map_review_and_import_reusing_the_saved_mapping(world, client_as):
    from styrkedja.exchange.models import TableUpload

    client = client_as("controller")
    page = client.post(
        "/organisationer/amn/tabellimport/",
        {"kind": "indicator_values", "source": "SCB", "file": io.BytesIO(INDICATORS_CSV)},
        format="multipart",
    )
    upload = TableUpload.objects.get()
    assert page.status_code == 302 and page["Location"] == f"/tabellimport/{upload.pk}/?kalla=SCB"
    mapping_page = client.get(page["Location"])
    assert mapping_page.status_code == 200 and "Nyckeltal" in mapping_page.content.decode()
    chosen = {**COLUMNS, "kalla": "SCB"}
    review = client.post(f"/tabellimport/{upload.pk}/", {**chosen, "granska": "1"})
    text = review.content.decode()
    assert "2 rader sparas, 0 är oförändrade, 3 hoppas över." in text
    assert "Okänd indikator" in text and not SeriesValue.objects.exists()
    stored = client.post(f"/tabellimport/{upload.pk}/", {**chosen, "importera": "1"})
    assert stored.status_code == 302 and SeriesValue.objects.count() == 2
    log = client.get("/organisationer/amn/tabellimport/").content.decode()
    assert tables.sha256(INDICATORS_CSV)[:16] in log and "controller" in log
    # The next file from the same source: the saved mapping comes preselected.
    client.post("/organisationer/amn/tabellimport/",
                {"kind": "indicator_values", "source": "SCB", "file": io.BytesIO(INDICATORS_CSV)}, format="multipart")  # fmt: skip
    again = client.get(f"/tabellimport/{TableUpload.objects.latest('pk').pk}/?kalla=SCB").content.decode()
    assert '<option value="Nyckeltal" selected>' in again


BUDGET_AND_OUTCOME_CSV = """Verksamhet;Budget;Kostnader;Intäkter
Jobbtorg Stockholm;372,5;410,2;-58,4
Vuxenutbildning Stockholm;680;;
Regiongemensam samhällsorientering;tio;1;0
""".encode()


def test_the_budget_column_goes_into_the_adjusted_budget_keeping_the_areas_revenues(world):
    columns = {"area": "Verksamhet", "budget": "Budget", "costs": "Kostnader", "revenues": "Intäkter"}
    mapping = tables.save_mapping("Ekonomisystemet", ImportKind.BUDGET, columns, {"year": 2022}, by=None)
    result = tables.review_table(
        world.committee, ImportKind.BUDGET, BUDGET_AND_OUTCOME_CSV, "b.csv", mapping.columns, mapping.options
    )
    assert [(r.what, r.new["costs"], r.new["revenues"]) for r in result.rows] == [
        ("Jobbtorg Stockholm", D("410.2"), D("-58.4")),
        # the net budget, split keeping the adopted budget's revenues of the area (−58,4; −138,3)
        ("Jobbtorg Stockholm, justerad budget", D("430.9"), D("-58.4")),
        ("Vuxenutbildning Stockholm, justerad budget", D("818.3"), D("-138.3")),
    ]
    assert [s.reason for s in result.skipped] == ["Budget (netto): ”tio” är inget tal"]
    tables.store_table(
        world.committee,
        ImportKind.BUDGET,
        BUDGET_AND_OUTCOME_CSV,
        "b.csv",
        mapping,
        by=world.users["controller"],
    )
    jobbtorg = AreaBudget.objects.get(
        area=world.areas["Jobbtorg Stockholm"], version__kind="adjusted", version__year=2022
    )
    assert jobbtorg.net == D("372.5") and jobbtorg.version.label == "Justerad budget 2022"
    assert AreaBudget.objects.get(area=world.areas["Jobbtorg Stockholm"], version__kind="outcome").net == D(
        "351.8"
    )
    # The same file again changes nothing; the option names another version for the column.
    again = tables.review_table(
        world.committee, ImportKind.BUDGET, BUDGET_AND_OUTCOME_CSV, "b.csv", mapping.columns, mapping.options
    )
    assert again.rows == [] and again.unchanged == 3
    other = tables.review_table(
        world.committee, ImportKind.BUDGET, BUDGET_AND_OUTCOME_CSV, "b.csv", columns,
        {"year": 2022, "budget_column": "forecast"},
    )  # fmt: skip
    assert [r.what for r in other.rows] == [
        "Jobbtorg Stockholm, prognos",
        "Vuxenutbildning Stockholm, prognos",
    ]


def test_a_mapping_of_only_the_budget_column_is_enough(world):
    chosen = tables.check_mapping(
        ImportKind.BUDGET, {"area": "Verksamhet", "budget": "Budget"}, ["Verksamhet", "Budget"]
    )
    assert chosen == {"area": "Verksamhet", "budget": "Budget"}
    with pytest.raises(tables.TableError, match="Budget"):
        tables.check_mapping(ImportKind.BUDGET, {"area": "Verksamhet"}, ["Verksamhet", "Budget"])
