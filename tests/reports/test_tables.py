"""The format-neutral report content: sections in the documents' order, tables with every number already
formatted the Swedish way, rows sorted as the documents sort them."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from styrkedja.reports import tables as t
from styrkedja.reports.charts import ChartKind

D = Decimal


def table(content: t.ReportContent, caption_start: str) -> t.Table:
    return next(tb for _, tb in content.tables() if tb.caption.startswith(caption_start))


def test_the_followup_report_has_the_documents_order(followup_doc):
    content = t.report_content(followup_doc)
    anchors = [s.anchor for s in content.sections]
    assert anchors == [
        "tjansteutlatande",
        "innehall",
        "bilagor",
        "sammanfattande-analys",
        "mal",
        "mal-1",
        "mal-1-1",
        "mal-1-1-1",
        "ekonomi",
        "ekonomi-driftbudget",
        "ekonomi-jobbtorg-stockholm",
        "ekonomi-prestationer",
        "ekonomi-investeringar",
        "ekonomi-omslutning",
        "ekonomi-budgetjusteringar",
        "sarskilda-redovisningar",
        "sarskild-konsekvenser-av-covid-19-pandemin",
        "ovrigt",
        "synpunkter-och-klagomal",
        "underskrifter",
    ]
    assert len(set(anchors)) == len(anchors)
    assert [s.role for s in content.sections[:3]] == ["memo", "toc", "body"]
    assert (content.title, content.author, content.date.isoformat()) == (
        "Tertialrapport 1 2021 för Arbetsmarknadsnämnden",
        "Arbetsmarknadsnämnden",
        "2021-05-18",
    )


def test_the_table_of_contents_lists_chapters_and_goals_down_to_the_council_area_goals(followup_doc):
    entries = t.report_content(followup_doc).toc_entries()
    assert [(e.level, e.number, e.title) for e in entries[:4]] == [
        (1, "", "Sammanfattande analys"),
        (1, "", "Uppföljning av kommunfullmäktiges inriktningsmål"),
        (2, "1", "En modern storstad med möjligheter för alla"),
        (3, "1.1", "I Stockholm är människor självförsörjande"),
    ]
    assert "1.1.1" not in [e.number for e in entries]  # nämndmål are not in the contents, as in the seed
    assert {"Prestationer", "Omslutningsförändringar", "Budgetjusteringar"} <= {e.title for e in entries}


def test_the_memo_computes_the_decisions_amounts_from_the_tables(followup_doc):
    memo = t.report_content(followup_doc).sections[0]
    facts = next(b for b in memo.blocks if isinstance(b, t.Facts))
    assert ("Sammanträde", "18 maj 2021") in facts.items and ("Ärende", "8") in facts.items
    decisions = next(b for b in memo.blocks if isinstance(b, t.NumberedList))
    assert decisions.items[1] == "Nämnden godkänner omslutning med 14,3 mnkr."  # computed, not the typed 10,0


def test_indicator_cells_are_formatted_with_the_printed_decimals_and_units(followup_doc):
    content = t.report_content(followup_doc)
    council = table(content, "KF:s indikatorer – 1.1")
    assert council.header == [
        "Indikator",
        "Periodens utfall",
        "Utfall män/pojkar",
        "Utfall kvinnor/flickor",
        "Periodens utfall VB 2020",
        "Prognos helår",
        "Årsmål",
        "KF:s årsmål",
        "Period",
    ]
    assert council.rows[0].cells == [
        "Andel aspiranter som är självförsörjande sex månader efter avslut",
        "75,28 %",
        "76,45 %",
        "73,69 %",
        "76,93 %",
        "72 %",
        "72 %",
        "Tas fram av nämnd",
        "Tertial 1 2021",
    ]
    assert council.rows[1].cells[:6] == [
        "♀ Antal aspiranter som fått Stockholmsjobb",
        "247 st",
        "148 st",
        "99 st",
        "359 st",
        "485 st",
    ]
    assert council.rows[1].cells[7] == "800 st" and council.note == t.GENDER_NOTE
    assert council.align[0] == "left" and set(council.align[1:8]) == {"right"}
    committee = table(content, "Nämndens indikatorer – 1.1.1")
    # printed "8 mån" for a one-decimal indicator: printed with its decimal, as the pages show it
    assert committee.rows[0].cells[1] == "7,3 mån" and committee.rows[0].cells[5] == "8,0 mån"


def test_decimals_come_from_the_value_when_nothing_was_printed(followup_doc):
    row = followup_doc.goals[0].children[0].indicators[0]
    row.as_printed = {}
    assert t.indicator_value(row, "total", D("75.2800")) == "75,28 %"
    assert t.indicator_value(row, "total", D("72.0000")) == "72 %"
    months = dataclasses.replace(row, unit="months", decimals=1)
    assert t.indicator_value(months, "total", D("8")) == "8,0 mån"


def test_a_printed_cell_never_has_fewer_decimals_than_its_indicator(followup_doc):
    """An imported report that printed `6 mån` beside `5,2 mån` for a one-decimal indicator is printed
    `6,0 mån`, as the pages show it; a cell printed with more decimals keeps them (`75,28 %`)."""
    row = dataclasses.replace(
        followup_doc.goals[0].children[0].indicators[0],
        unit="months",
        decimals=1,
        as_printed={"women": "6 mån", "men": "5,2 mån", "total": "7,30 mån"},
    )
    assert t.indicator_value(row, "women", D("6")) == "6,0 mån"
    assert t.indicator_value(row, "men", D("5.2")) == "5,2 mån"
    assert t.indicator_value(row, "total", D("7.3")) == "7,30 mån"


def test_rows_keep_the_plans_order(followup_doc):
    goal = followup_doc.goals[0].children[0].children[0]
    for title in ("Ärenden ska ses över", "Åtgärder ska tas fram", "Zonindelning ska prövas"):
        goal.activities.append(dataclasses.replace(goal.activities[0], title=title))
    acts = table(t.report_content(followup_doc), "Nämndens aktiviteter – 1.1.1")
    assert [r.cells[0] for r in acts.rows] == [
        "Öka samverkan med arbetsgivare",
        "Anordna forum för lärande",
        "Ärenden ska ses över",
        "Åtgärder ska tas fram",
        "Zonindelning ska prövas",
    ]
    assert acts.rows[1].cells[1:] == ["2021-01-01", "2021-06-30", "Aktiviteten är inte längre aktuell."]
    area = followup_doc.goals[0].children[0]
    indicators = table(t.report_content(followup_doc), "KF:s indikatorer – 1.1")
    assert [r.cells[0] for r in indicators.rows] == [t.indicator_name(row) for row in area.indicators]


def test_the_operating_budget_table_has_areas_requirement_and_totals(followup_doc):
    eco = table(t.report_content(followup_doc), "Driftbudget")
    assert eco.header == [
        "Verksamhetsområde",
        "Nämndbudget 2021 (NB)",
        "Prognos",
        "Avvikelse",
        "Nettoresultat 2020",
    ]
    rows = [(r.kind, r.cells) for r in eco.rows]
    assert rows[0] == ("section", ["Jobbtorg Stockholm", "", "", "", ""])
    assert ("subtotal", ["Netto", "353,0", "353,0", "0,0", "0,3"]) in rows
    assert ("subtotal", ["Kostnader", "1\u00a0299,0", "1\u00a0301,5", "-2,5", ""]) in rows
    assert ("data", ["Skolverket", "-82,6", "-147,5", "64,9", "2,7"]) in rows
    assert ("total", ["Intäkter", "-410,5", "-475,4", "64,9", ""]) in rows
    assert ("total", ["Netto", "888,5", "826,1", "62,4", "74,9"]) in rows
    assert rows[-1] == ("data", ["Investeringar", "4,0", "4,0", "0,0", "1,3"])


def test_omslutning_volumes_adjustments_and_complaints(followup_doc):
    content = t.report_content(followup_doc)
    turnover = table(content, "Omslutningsförändringar")
    assert [(r.kind, r.cells) for r in turnover.rows] == [
        ("section", ["Jobbtorg Stockholm", "", ""]),
        ("data", ["EU-bidrag", "8,7", "-8,7"]),
        ("data", ["Försäljning", "5,6", "-5,6"]),
        ("subtotal", ["S:a Jobbtorg", "14,3", "-14,3"]),
        ("total", ["Summa ökade kostnader och intäkter totalt", "14,3", "-14,3"]),
    ]
    volumes = table(content, "Prestationer")
    assert volumes.rows[0].cells == [
        "Gymnasial vuxenutbildning",
        "6\u00a0500",
        "10\u00a0400",
        "3\u00a0900",
        "173,4",
    ]
    adjustments = table(content, "Begärda budgetjusteringar")
    assert adjustments.rows[0].cells[:3] == ["64,9", "82,6", "147,5"]
    complaints = table(content, "Synpunkter och klagomål 2021 – Vuxenutbildning Stockholm")
    assert complaints.header == ["Period: 2021", "Bemötande", "Tillgänglighet", "Summa"]
    assert [r.cells for r in complaints.rows] == [
        ["Januari", "5", "49", "54"],
        ["Februari", "10", "31", "41"],
        ["Summa", "15", "80", "95"],
    ]
    assert complaints.rows[-1].kind == "total"


def test_goals_carry_their_rating_texts_and_charts(followup_doc):
    sections = {s.anchor: s for s in t.report_content(followup_doc).sections}
    area = sections["mal-1-1"]
    assert area.kicker == "KF:s mål för verksamhetsområdet" and area.level == 3
    assert isinstance(area.blocks[0], t.Rating) and area.blocks[0].label == "Uppfylls helt"
    figures = [b for b in area.blocks if isinstance(b, t.Figure)]
    assert [f.chart.title for f in figures] == [
        "Antal aspiranter som fått Stockholmsjobb"
    ]  # 3 history points
    committee = sections["mal-1-1-1"]
    headings = [b.text for b in committee.blocks if isinstance(b, t.Heading)]
    assert headings == ["Beskrivning", "Förväntat resultat", "Analys"]
    assert t.Paragraph("1.1 Unga i fokus", "subheading") in committee.blocks
    assert any(
        isinstance(b, t.Figure) and b.chart.kind is ChartKind.BARS
        for b in sections["ekonomi-driftbudget"].blocks
    )


def test_the_plan_has_its_own_tables(plan_doc):
    content = t.report_content(plan_doc)
    assert [s.anchor for s in content.sections][:3] == ["innehall", "inledning", "mal"]
    indicators = table(content, "KF:s indikatorer – 1.1")
    assert indicators.header == ["Indikator", "Årsmål", "KF:s årsmål", "Periodicitet"]
    assert indicators.rows[0].cells == [
        "Andel aspiranter som är självförsörjande",
        "72 %",
        "Tas fram av nämnd",
        "Tertial",
    ]
    activities = table(content, "KF:s uppdrag och aktiviteter – 1.1")
    assert activities.header == ["Aktivitet", "Startdatum", "Slutdatum"]
    net = table(content, "Nettobudget")
    assert net.header == ["Verksamhetsområde netto (mnkr)", "VP 2022", "VP 2021"]
    assert [r.cells for r in net.rows] == [
        ["Jobbtorg Stockholm", "367,5", "353,0"],
        ["Nämndens intäktskrav", "-82,6", "-82,6"],
        ["Summa netto", "284,9", "270,4"],
    ]
    assert not list(content.figures())


def test_every_block_serialises_to_plain_data(followup_doc, plan_doc):
    for doc in (followup_doc, plan_doc):
        for section in t.report_content(doc).sections:
            for block in section.blocks:
                data = t.block_data(block)
                assert data["t"] in {
                    "p",
                    "h",
                    "ul",
                    "ol",
                    "facts",
                    "rating",
                    "table",
                    "toc",
                    "signatures",
                    "figure",
                }


def test_a_rating_against_the_suggestion_prints_its_justification_and_what_it_answered(followup_doc):
    area = next(s for s in followup_doc.goals[0].walk() if s.number == "1.1")
    area.justification, area.suggested_when_saved, area.suggested = (
        "Indikatorerna mäts först i VB.",
        "partly",
        "not",
    )
    blocks = {s.anchor: s for s in t.report_content(followup_doc).sections}["mal-1-1"].blocks
    label = t.Paragraph(
        "Motivering till avvikelse från förslaget (systemets förslag: uppfylls delvis)", "label"
    )
    assert label in blocks
    assert blocks[blocks.index(label) + 1] == t.Paragraph("Indikatorerna mäts först i VB.")
