"""Fidelity: both seeds imported, their reports built as PDF and read back with pdftotext; every indicator
row (name and every cell), activity row (title, dates, deviation), economy cell, omslutning row and
complaint row is the seed's, in the documents' order.

The expected values come from the import's export JSON (the numbers as stored), formatted here the way the
documents print them, with the decimals the seed printed for each cell; a few hand-checked anchors from the
printed T1 2021 report are checked on the `-layout` text as well.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from styrkedja.reports.renderers import pdf
from tests.reports.expected import KF_MODES, PERIODICITY, UNIT, name, sv, swedish_sorted, walk

pytestmark = [
    pytest.mark.seeds,
    pytest.mark.django_db,  # so that the session's test database is set up for the seed import
    pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils missing: make setup installs it"),
]

MONTHS = [
    "",
    "Januari",
    "Februari",
    "Mars",
    "April",
    "Maj",
    "Juni",
    "Juli",
    "Augusti",
    "September",
    "Oktober",
]


def printed_decimals(text: str | None) -> int | None:
    if not text or not re.search(r"\d", text):
        return None
    match = re.search(r"\d,(\d+)", text)
    return len(match.group(1)) if match else 0


def cell(ind: dict[str, Any], value: Any, printed: str | None) -> str:
    if value is None:
        return ""
    # the decimals the seed printed, never fewer than the indicator's: a one-decimal indicator's "6 mån"
    # beside "5,2 mån" is printed "6,0 mån", as every page shows it (issue #15)
    exact = Decimal(str(value)).normalize()
    decimals = max(
        ind["decimals"], min(2, max(0, -exact.as_tuple().exponent)), printed_decimals(printed) or 0
    )
    return sv(value, decimals) + UNIT.get(ind["unit"], "")


def target_cell(ind: dict[str, Any], printed: str | None) -> str:
    if ind["target"] is None:
        return ""
    if ind["direction"] == "band" and ind["band"] is not None and ind["target"] == 0:
        return "+/- " + cell(ind, ind["band"], printed)
    return cell(ind, ind["target"], printed)


def kf_cell(ind: dict[str, Any], printed: str | None) -> str:
    mode = ind["kf_target_mode"]
    if mode in KF_MODES:
        return KF_MODES[mode]
    if mode != "value" or ind["kf_target"] is None:
        return ""
    if ind["direction"] == "band" and ind["band"] is not None and ind["kf_target"] == 0:
        return "+/- " + cell(ind, ind["band"], printed)
    return cell(ind, ind["kf_target"], printed)


def followup_rows(data: dict[str, Any]) -> Iterator[list[str]]:
    """Every indicator and activity row of the tertialrapport, in the document's order."""
    for goal in walk(data["goals"]):
        for table in ("council", "committee"):
            for ind in swedish_sorted([i for i in goal["indicators"] if i["table"] == table], "name"):
                out = ind["outcome"]
                printed = out["as_printed"]
                yield [
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
        for kind in ("council_assignment", "committee"):
            for act in swedish_sorted([a for a in goal["activities"] if a["kind"] == kind], "title"):
                yield [act["title"], act["start"] or "", act["end"] or "", act["deviation"]]


def plan_rows(data: dict[str, Any]) -> Iterator[list[str]]:
    for goal in walk(data["goals"]):
        for table in ("council", "committee"):
            for ind in swedish_sorted([i for i in goal["indicators"] if i["table"] == table], "name"):
                printed = ind["as_printed"]
                yield [
                    name(ind),
                    target_cell(ind, printed.get("target")),
                    kf_cell(ind, printed.get("kf_target")),
                    PERIODICITY[ind["periodicity"]],
                ]
        for kind in ("council_assignment", "committee"):
            for act in swedish_sorted([a for a in goal["activities"] if a["kind"] == kind], "title"):
                yield [act["title"], act["start"] or "", act["end"] or ""]


def money(row: dict[str, Any], last_year: bool = True) -> list[str]:
    cells = [row["budget"], row["forecast"], row["deviation"]] + ([row["last_year"]] if last_year else [])
    return [sv(v) if v is not None else "" for v in cells]


def followup_economy_rows(eco: dict[str, Any]) -> Iterator[list[str]]:
    for area in eco["areas"]:
        yield [area["area"]]
        yield ["Kostnader", *money(area["costs"], last_year=False)]
        yield ["Intäkter", *money(area["revenues"], last_year=False)]
        yield ["Netto", *money(area["net"])]
    sub = eco["subtotal_excluding_requirement"]
    yield ["Summa exkl. nämndens intäktskrav"]
    yield ["Kostnader", *money(sub["costs"], last_year=False)]
    yield ["Intäkter", *money(sub["revenues"], last_year=False)]
    yield ["Netto", *money(sub["net"])]
    yield ["Nämndens intäktskrav"]
    for r in eco["revenue_requirement"]:
        yield [r["label"], *money(r)]
    yield ["Netto", *money(eco["revenue_requirement_net"])]
    yield ["Summa nämnden totalt"]
    yield ["Kostnader", *money(eco["total"]["costs"], last_year=False)]
    yield ["Intäkter", *money(eco["total"]["revenues"], last_year=False)]
    yield ["Netto", *money(eco["total"]["net"])]
    for r in eco["investments"]:
        yield [r["label"], *money(r)]


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
            yield [
                subtotal,
                sv(sum(Decimal(str(x["costs"])) for x in group)),
                sv(sum(Decimal(str(x["revenues"])) for x in group)),
            ]
    yield ["Summa ökade kostnader och intäkter totalt", sv(total), sv(-Decimal(str(total)))]


def raw_text(path: Path) -> str:
    """The PDF's text in reading order, one space between words, no soft hyphens."""
    text = subprocess.run(
        ["pdftotext", "-raw", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    text = text.replace("\u00ad\n", "").replace("\u00ad", "").replace("\u2060", "")
    # a line broken after a slash or a hyphen inside a word ("möbler/inventarier", "hybrid-undervisning")
    text = re.sub(r"(?<=\w[/-])\n(?=\w)", "", text)
    return re.sub(r"\s+", " ", text.replace("\u00a0", " "))


def layout_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def assert_in_order(text: str, rows: list[list[str]], what: str) -> int:
    """Each row (its non-empty cells, one space apart) occurs in the text, after the previous one."""
    position = 0
    for row in rows:
        wanted = " ".join(c for c in row if c).replace("\u00a0", " ")
        wanted = re.sub(r"\s+", " ", wanted)
        found = text.find(wanted, position)
        if found < 0:
            anywhere = text.find(wanted)
            detail = "out of order" if anywhere >= 0 else "missing"
            raise AssertionError(f"{what} row {detail}: {wanted!r}")
        position = found + len(wanted)
    return len(rows)


@pytest.fixture(scope="module")
def t1_pdf(seed_documents, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("fidelity") / "t1.pdf"
    path.write_bytes(pdf.render(seed_documents.followup))
    return path


@pytest.fixture(scope="module")
def vp_pdf(seed_documents, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("fidelity") / "vp.pdf"
    path.write_bytes(pdf.render(seed_documents.plan))
    return path


def test_every_indicator_and_activity_row_of_the_t1_report(seed_documents, t1_pdf):
    rows = list(followup_rows(seed_documents.followup_export))
    n_indicators = sum(len(g["indicators"]) for g in walk(seed_documents.followup_export["goals"]))
    n_activities = sum(len(g["activities"]) for g in walk(seed_documents.followup_export["goals"]))
    assert (n_indicators, n_activities) == (48, 55)
    assert assert_in_order(raw_text(t1_pdf), rows, "T1 2021") == 48 + 55


def test_every_economy_cell_of_the_t1_report(seed_documents, t1_pdf):
    eco = seed_documents.followup_export["economics"]
    text = raw_text(t1_pdf)
    assert assert_in_order(text, list(followup_economy_rows(eco)), "economy") >= 30
    assert assert_in_order(text, list(turnover_rows(eco["turnover"], eco["turnover_total"])), "omslutning")
    volumes = [
        [v["label"][:1].upper() + v["label"][1:], sv(v["budget_places"], 0), sv(v["forecast_places"], 0)]
        for v in eco["volumes"]
    ]
    assert_in_order(text, volumes, "prestationer")
    adjustments = [[sv(a["amount"]), sv(a["from"]), sv(a["to"])] for a in eco["adjustments"]]
    assert_in_order(text, adjustments, "budgetjusteringar")


def test_the_complaints_decisions_and_signatures_of_the_t1_report(seed_documents, t1_pdf):
    data = seed_documents.followup_export
    text = raw_text(t1_pdf)
    counts: dict[int, dict[str, int]] = {}
    for c in data["complaints"]:
        counts.setdefault(c["month"], {})[c["category"]] = c["count"]
    rows = [
        [MONTHS[m], *[str(v) for v in by.values()], str(sum(by.values()))] for m, by in sorted(counts.items())
    ]
    assert_in_order(text, rows, "complaints")
    assert f"Summa 26 93 29 0 {sum(c['count'] for c in data['complaints'])}" in text
    decisions = data["report"]["decisions"]
    for d in decisions:
        if d["amount"] is not None:
            assert f"{sv(d['amount'])} mnkr" in text
    assert_in_order(text, [[f"{i}. {d['text'][:40]}"] for i, d in enumerate(decisions, 1)], "decisions")
    assert_in_order(text, [[s["name"]] for s in data["signatures"]], "signatures")
    assert "Signerad digitalt 2021-05-24 som Karin Eriksson-Bech" in text  # the digital list's spelling


def test_hand_checked_anchors_of_the_t1_report(t1_pdf):
    text = layout_text(t1_pdf).replace("\u00a0", " ")
    for anchor in (
        "1 299,0",
        "-410,5",
        "-475,4",
        "888,5",
        "823,6",
        "64,9",
        "74,9",
        "214,2",
        "75,28 %",
        "485 st",
        "7,3 mån",
        "0 st",
    ):
        assert anchor in text, anchor
    assert re.search(r"Netto\s+888,5\s+823,6\s+64,9\s+74,9", text)
    assert re.search(r"Skolverket\s+-82,6\s+-147,5\s+64,9\s+2,7", text)


def test_every_row_and_economy_cell_of_the_vp_2022(seed_documents, vp_pdf):
    data = seed_documents.plan_export
    text = raw_text(vp_pdf)
    n = assert_in_order(text, list(plan_rows(data)), "VP 2022")
    assert n == 48 + 67
    budget = data["budget"]
    codes = [v["code"] for v in budget["versions"]]
    net = [[r["area"], *[sv(r[c]) for c in codes]] for r in budget["computed"]["net_by_area"]]
    requirement = [sv(budget["computed"]["revenue_requirement_net"][c]) for c in codes]
    total = [sv(budget["computed"]["total_net"][c]) for c in codes]
    assert_in_order(
        text, [*net, ["Nämndens intäktskrav", *requirement], ["Summa netto", *total]], "net budget"
    )
    for area in budget["areas"]:
        amounts = area["amounts"]
        assert_in_order(
            text,
            [
                ["Kostnader", *[sv(amounts[c]["costs"]) for c in codes]],
                ["Intäkter", *[sv(amounts[c]["revenues"]) for c in codes]],
                [
                    "Netto",
                    *[
                        sv(Decimal(str(amounts[c]["costs"])) + Decimal(str(amounts[c]["revenues"])))
                        for c in codes
                    ],
                ],
            ],
            area["name"],
        )
    assert_in_order(
        text,
        [[r["label"], *[sv(r["amounts"][c]) for c in codes]] for r in budget["revenue_requirement"]],
        "intäktskrav",
    )
    lines = [
        {**row, "area": g["area"], "heading": g["heading"], "subtotal_label": g["subtotal_label"]}
        for g in budget["turnover"]
        for row in g["rows"]
    ]
    assert_in_order(
        text, list(turnover_rows(lines, budget["computed"]["turnover_total"]["costs"])), "omslutning"
    )
    layout = layout_text(vp_pdf).replace("\u00a0", " ")
    for anchor in ("995,3", "1 393,1", "-168,3", "229,5", "9 796"):
        assert anchor in layout or anchor in text, anchor
