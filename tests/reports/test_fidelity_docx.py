"""Fidelity: both seeds imported, their reports built as Word documents and read back cell by cell; every
indicator table, activity table and economy table is the seed's, table for table and row for row.

The expected cells come from the import's export JSON (`followup export` / `plan export`: the numbers as
stored), formatted here the way the documents print them, with the decimals the seed printed for each
cell. A few hand-checked anchors from the printed T1 2021 report are checked as well.
"""

from __future__ import annotations

import io
import re
import time
import zipfile
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn
from lxml import etree

from styrkedja.reports.renderers import docx as renderer
from tests.reports.expected import KF_MODES, PERIODICITY, UNIT, name, sv, swedish_sorted, walk

pytestmark = [
    pytest.mark.seeds,
    pytest.mark.django_db,  # so that the session's test database is set up for the seed import
]

INDICATOR_TABLES = {"council": "KF:s indikatorer", "committee": "Nämndens indikatorer"}
ACTIVITY_TABLES = {"council_assignment": "KF:s uppdrag och aktiviteter", "committee": "Nämndens aktiviteter"}
MONTHS = ["", "Januari", "Februari", "Mars", "April", "Maj", "Juni", "Juli", "Augusti", "September"]


# --- Expected cells, from the export JSON -----------------------------------------------------------


def money(value: Any) -> str:
    return "" if value is None else sv(value)


def cell(ind: dict[str, Any], value: Any, printed: str | None) -> str:
    """An indicator value with its unit and the decimals the seed printed in that cell (or the value's
    own), never fewer than the indicator's: a one-decimal indicator's "6 mån" is "6,0 mån" (issue #15)."""
    if value is None:
        return ""
    match = re.search(r"\d[\d \u00a0]*(?:,(\d+))?", printed or "")
    exponent = Decimal(str(value)).normalize().as_tuple().exponent
    decimals = max(ind["decimals"], min(2, max(0, -exponent)), len(match.group(1) or "") if match else 0)
    return sv(value, decimals) + UNIT.get(ind["unit"], "")


def target_cell(ind: dict[str, Any], printed: str | None) -> str:
    if ind["target"] is None:
        return ""
    if ind["direction"] == "band" and ind["band"] is not None:
        band = "+/- " + cell(ind, ind["band"], printed)
        return band if ind["target"] == 0 else f"{cell(ind, ind['target'], printed)} {band}"
    return cell(ind, ind["target"], printed)


def kf_cell(ind: dict[str, Any], printed: str | None) -> str:
    if ind["kf_target_mode"] in KF_MODES:
        return KF_MODES[ind["kf_target_mode"]]
    if ind["kf_target_mode"] != "value" or ind["kf_target"] is None:
        return ""
    if ind["direction"] == "band" and ind["band"] is not None and ind["kf_target"] == 0:
        return "+/- " + cell(ind, ind["band"], printed)
    return cell(ind, ind["kf_target"], printed)


def goal_tables(data: dict[str, Any], plan: bool) -> Iterator[tuple[str, list[list[str]]]]:
    """(caption, data rows) of every indicator and activity table, in the document's order."""
    for goal in walk(data["goals"]):
        for table, label in INDICATOR_TABLES.items():
            indicators = swedish_sorted([i for i in goal["indicators"] if i["table"] == table], "name")
            if not indicators:
                continue
            rows = []
            for ind in indicators:
                if plan:
                    printed = ind["as_printed"]
                    rows.append(
                        [
                            name(ind),
                            target_cell(ind, printed.get("target")),
                            kf_cell(ind, printed.get("kf_target")),
                            PERIODICITY[ind["periodicity"]],
                        ]
                    )
                    continue
                out = ind["outcome"]
                printed = out["as_printed"]
                rows.append(
                    [
                        name(ind),
                        cell(ind, out["total"], printed.get("total")),
                        cell(ind, out["men"], printed.get("men")),
                        cell(ind, out["women"], printed.get("women")),
                        cell(ind, ind["previous"], printed.get("previous")),
                        cell(ind, ind["forecast"], printed.get("forecast")),
                        target_cell(ind, printed.get("target") or ind["as_printed"].get("target")),
                        kf_cell(ind, printed.get("kf_target") or ind["as_printed"].get("kf_target")),
                        printed.get("period", ""),
                    ]
                )
            yield f"{label} – {goal['number']}", rows
        for kind, label in ACTIVITY_TABLES.items():
            activities = swedish_sorted([a for a in goal["activities"] if a["kind"] == kind], "title")
            if not activities:
                continue
            rows = [
                [a["title"], a["start"] or "", a["end"] or ""] + ([] if plan else [a["deviation"]])
                for a in activities
            ]
            yield f"{label} – {goal['number']}", rows


def amounts(row: dict[str, Any], last_year: bool = True) -> list[str]:
    return [money(row["budget"]), money(row["forecast"]), money(row["deviation"])] + (
        [money(row["last_year"])] if last_year else [""]
    )


def operating_budget_rows(eco: dict[str, Any]) -> Iterator[list[str]]:
    def block(label: str, costs: dict, revenues: dict, net: dict) -> Iterator[list[str]]:
        yield [label]
        yield ["Kostnader", *amounts(costs, last_year=False)]
        yield ["Intäkter", *amounts(revenues, last_year=False)]
        yield ["Netto", *amounts(net)]

    for area in eco["areas"]:
        yield from block(area["area"], area["costs"], area["revenues"], area["net"])
    sub = eco["subtotal_excluding_requirement"]
    yield from block("Summa exkl. nämndens intäktskrav", sub["costs"], sub["revenues"], sub["net"])
    yield ["Nämndens intäktskrav"]
    for r in eco["revenue_requirement"]:
        yield [r["label"], *amounts(r)]
    yield ["Netto", *amounts(eco["revenue_requirement_net"])]
    total = eco["total"]
    yield from block("Summa nämnden totalt", total["costs"], total["revenues"], total["net"])
    for r in eco["investments"]:
        yield [r["label"], *amounts(r)]


def turnover_rows(lines: list[dict[str, Any]], total: Any) -> Iterator[list[str]]:
    groups: list[tuple[str, str, list[dict[str, Any]]]] = []
    for line in lines:
        if groups and groups[-1][0] == line["heading"] and groups[-1][2][0]["area"] == line["area"]:
            groups[-1][2].append(line)
        else:
            groups.append((line["heading"], line["subtotal_label"], [line]))
    for heading, subtotal, group in groups:
        if heading:
            yield [heading]
        for line in group:
            yield [line["label"], sv(line["costs"]), sv(line["revenues"])]
        if subtotal:
            costs = sum(Decimal(str(x["costs"])) for x in group)
            yield [subtotal, sv(costs), sv(sum(Decimal(str(x["revenues"])) for x in group))]
    yield ["Summa ökade kostnader och intäkter totalt", sv(total), sv(-Decimal(str(total)))]


# --- The Word document, read back -----------------------------------------------------------------


def tables(data: bytes) -> dict[str, list[list[str]]]:
    """caption → rows (header first) of every table; cells as shown, no-break spaces as spaces."""
    body = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    out: dict[str, list[list[str]]] = {}
    for table in body.iter(qn("w:tbl")):
        caption = table.find(f"{qn('w:tblPr')}/{qn('w:tblCaption')}").get(qn("w:val"))
        rows = [
            ["".join(tc.itertext()).replace("\u00a0", " ") for tc in tr.findall(qn("w:tc"))]
            for tr in table.findall(qn("w:tr"))
        ]
        assert caption not in out, f"two tables captioned {caption!r}"
        out[caption] = rows
    return out


def body_text(data: bytes) -> str:
    body = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    return "\n".join("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in body.iter(qn("w:p"))).replace(
        "\u00a0", " "
    )


def headings(data: bytes) -> list[tuple[str, str]]:
    return [
        (p.style.name, p.text)
        for p in docx.Document(io.BytesIO(data)).paragraphs
        if p.style.name.startswith("Heading")
    ]


def strip(rows: list[list[str]]) -> list[list[str]]:
    """Group rows (one spanning cell) as one cell; trailing empty cells dropped."""
    out = []
    for row in rows:
        while len(row) > 1 and row[-1] == "":
            row = row[:-1]
        out.append(row)
    return out


@pytest.fixture(scope="module")
def t1_docx(seed_documents) -> tuple[bytes, float]:
    start = time.perf_counter()
    data = renderer.render(seed_documents.followup)
    return data, time.perf_counter() - start


@pytest.fixture(scope="module")
def vp_docx(seed_documents) -> bytes:
    return renderer.render(seed_documents.plan)


def test_every_indicator_and_activity_table_of_the_t1_report(seed_documents, t1_docx):
    data = seed_documents.followup_export
    expected = list(goal_tables(data, plan=False))
    found = tables(t1_docx[0])
    n_rows = {"indicators": 0, "activities": 0}
    for caption, rows in expected:
        assert caption in found, caption
        header, *body = found[caption]
        assert body == rows, caption
        n_rows["indicators" if "indikatorer" in caption else "activities"] += len(rows)
        if "indikatorer" in caption:
            assert header[4] == "Periodens utfall VB 2020"
    assert n_rows == {"indicators": 48, "activities": 55}
    goal_captions = [c for c in found if re.match(r"(KF:s|Nämndens) (indikatorer|uppdrag|aktiviteter)", c)]
    assert goal_captions == [c for c, _ in expected]  # no other goal tables, in the document's order


def test_every_economy_cell_of_the_t1_report(seed_documents, t1_docx):
    eco = seed_documents.followup_export["economics"]
    found = tables(t1_docx[0])
    header, *rows = found["Driftbudget och prognos per verksamhetsområde 2021, mnkr"]
    assert header == [
        "Verksamhetsområde",
        "Nämndbudget 2021 (NB)",
        "Prognos",
        "Avvikelse",
        "Nettoresultat 2020",
    ]
    assert strip(rows) == strip(list(operating_budget_rows(eco)))
    _, *turnover = found["Omslutningsförändringar 2021, mnkr"]
    assert strip(turnover) == list(turnover_rows(eco["turnover"], eco["turnover_total"]))
    _, *volumes = found["Prestationer 2021, helårsplatser"]
    assert [row[:3] for row in volumes] == [
        [v["label"][:1].upper() + v["label"][1:], sv(v["budget_places"], 0), sv(v["forecast_places"], 0)]
        for v in eco["volumes"]
    ]
    _, *adjustments = found["Begärda budgetjusteringar 2021, mnkr"]
    assert [row[:3] for row in adjustments] == [
        [sv(a["amount"]), sv(a["from"]), sv(a["to"])] for a in eco["adjustments"]
    ]
    _, *investments = found["Investeringar 2021, mnkr"]
    assert investments == [[r["label"], *amounts(r)] for r in eco["investments"]]


def test_the_complaints_decisions_and_signatures_of_the_t1_report(seed_documents, t1_docx):
    data = seed_documents.followup_export
    found = tables(t1_docx[0])
    counts: dict[int, dict[str, int]] = {}
    for c in data["complaints"]:
        counts.setdefault(c["month"], {})[c["category"]] = c["count"]
    header, *rows = found["Synpunkter och klagomål 2021 – Vuxenutbildning Stockholm, antal"]
    categories = header[1:-1]
    assert categories == ["Bemötande", "Tillgänglighet", "Verksamhetens innehåll", "Övrigt"]
    assert rows[:-1] == [
        [MONTHS[m], *[str(by.get(c, 0)) for c in categories], str(sum(by.values()))]
        for m, by in sorted(counts.items())
    ]
    assert rows[-1] == ["Summa", "26", "93", "29", "0", "148"]
    text = body_text(t1_docx[0])
    for decision in data["report"]["decisions"]:
        assert decision["text"][:40] in text
        if decision["amount"] is not None:
            assert f"{sv(decision['amount'])} mnkr" in text
    _, *signatures = found["Underskrifter"]
    assert [row[0] for row in signatures] == [s["name"] for s in data["signatures"]]
    assert [row[2] for row in signatures] == [
        f"{s['date']} som {s['signed_as']}" if "signed_as" in s else s["date"] for s in data["signatures"]
    ]


def test_the_goal_tree_of_the_t1_report_is_word_headings(seed_documents, t1_docx):
    levels = {"direction": "Heading 2", "council_area": "Heading 3", "committee": "Heading 4"}
    goals = list(walk(seed_documents.followup_export["goals"]))
    found = [h for h in headings(t1_docx[0]) if re.match(r"\d", h[1])]
    assert found == [(levels[g["level"]], f"{g['number']} {g['title']}") for g in goals]
    ratings = [line for line in body_text(t1_docx[0]).splitlines() if line.startswith("Bedömning:")]
    assert len(goals) == 22 and len(ratings) == 19


def test_hand_checked_anchors_of_the_t1_report(t1_docx):
    text = body_text(t1_docx[0])
    for anchor in ("1 299,0", "-410,5", "-475,4", "888,5", "823,6", "64,9", "74,9", "214,2"):
        assert anchor in text, anchor
    for anchor in ("75,28 %", "485 st", "7,3 mån", "0 st"):
        assert anchor in text, anchor
    rows = tables(t1_docx[0])["Driftbudget och prognos per verksamhetsområde 2021, mnkr"]
    assert ["Netto", "888,5", "823,6", "64,9", "74,9"] in rows
    assert ["Skolverket", "-82,6", "-147,5", "64,9", "2,7"] in rows
    jobs = next(
        row
        for rows in tables(t1_docx[0]).values()
        for row in rows
        if row[0].endswith("Antal aspiranter som fått Stockholmsjobb")
    )
    assert jobs[1:] == ["247 st", "148 st", "99 st", "359 st", "485 st", "485 st", "800 st", "Tertial 1 2021"]


def test_the_t1_report_builds_in_reasonable_time_and_identically(seed_documents, t1_docx):
    data, seconds = t1_docx
    assert seconds < 60  # about 2-5 s with its 19 charts; charts are drawn once per process
    assert renderer.render(seed_documents.followup) == data
    assert zipfile.ZipFile(io.BytesIO(data)).testzip() is None


def test_every_row_and_economy_cell_of_the_vp_2022(seed_documents, vp_docx):
    data = seed_documents.plan_export
    found = tables(vp_docx)
    expected = list(goal_tables(data, plan=True))
    for caption, rows in expected:
        header, *body = found[caption]
        assert header == (
            ["Indikator", "Årsmål", "KF:s årsmål", "Periodicitet"]
            if "indikatorer" in caption
            else ["Aktivitet", "Startdatum", "Slutdatum"]
        )
        assert body == rows, caption
    assert sum(len(r) for c, r in expected if "indikatorer" in c) == 48
    assert sum(len(r) for c, r in expected if "indikatorer" not in c) == 67
    budget = data["budget"]
    codes = [v["code"] for v in budget["versions"]]
    labels = [v["label"] for v in budget["versions"]]
    header, *net = found["Nettobudget per verksamhetsområde 2022, mnkr"]
    assert header == ["Verksamhetsområde netto (mnkr)", *labels]
    assert net == [
        *[[r["area"], *[sv(r[c]) for c in codes]] for r in budget["computed"]["net_by_area"]],
        ["Nämndens intäktskrav", *[sv(budget["computed"]["revenue_requirement_net"][c]) for c in codes]],
        ["Summa netto", *[sv(budget["computed"]["total_net"][c]) for c in codes]],
    ]
    for area in budget["areas"]:
        values = area["amounts"]
        header, *rows = found[f"{area['name']}, mnkr"]
        assert header == ["Mnkr", *labels]
        assert rows == [
            ["Kostnader", *[sv(values[c]["costs"]) for c in codes]],
            ["Intäkter", *[sv(values[c]["revenues"]) for c in codes]],
            [
                "Netto",
                *[sv(Decimal(str(values[c]["costs"])) + Decimal(str(values[c]["revenues"]))) for c in codes],
            ],
        ]
    _, *requirement = found["Nämndens intäktskrav 2022, mnkr"]
    assert requirement[:-1] == [
        [r["label"], *[sv(r["amounts"][c]) for c in codes]] for r in budget["revenue_requirement"]
    ]
    lines = [
        {**row, "area": g["area"], "heading": g["heading"], "subtotal_label": g["subtotal_label"]}
        for g in budget["turnover"]
        for row in g["rows"]
    ]
    _, *turnover = found["Omslutningsförändringar 2022, mnkr"]
    assert strip(turnover) == list(turnover_rows(lines, budget["computed"]["turnover_total"]["costs"]))
    text = body_text(vp_docx)
    for anchor in ("995,3", "1 393,1", "-168,3", "229,5", "9 796"):
        assert anchor in text, anchor


def test_the_goal_tree_of_the_vp_2022_is_word_headings(seed_documents, vp_docx):
    levels = {"direction": "Heading 2", "council_area": "Heading 3", "committee": "Heading 4"}
    goals = list(walk(seed_documents.plan_export["goals"]))
    found = [h for h in headings(vp_docx) if re.match(r"\d", h[1])]
    assert found == [(levels[g["level"]], f"{g['number']} {g['title']}") for g in goals]
    assert [sum(1 for g in goals if g["level"] == lvl) for lvl in levels] == [3, 8, 10]
