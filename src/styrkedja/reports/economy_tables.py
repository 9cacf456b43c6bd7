"""The economics of a report as tables: the operating budget per area with the revenue requirement and
totals, performance volumes, investments, omslutning, budget adjustments, the plan's net budget per version,
and the complaints per department. Every amount formatted in mnkr with one decimal. Part of
`styrkedja.reports.tables`."""

from __future__ import annotations

from styrkedja.lib.numbers import format_count, format_mnkr, month_name
from styrkedja.reports import document as d
from styrkedja.reports.blocks import Align, Block, Figure, Paragraph, Row, RowKind, Section, Table
from styrkedja.reports.charts import deviation_chart
from styrkedja.reports.goal_tables import marked_up, prose, slug
from styrkedja.reports.kinds import Part

# --- Economy tables -------------------------------------------------------------------------------


def label_and_amounts(n: int) -> list[Align]:
    """A label column on the left, then n columns of amounts on the right."""
    right: list[Align] = ["right"]
    return ["left", *right * n]


def _money_row(a: d.Amounts, kind: RowKind = "data", label: str | None = None) -> Row:
    return Row(
        [
            a.label if label is None else label,
            format_mnkr(a.budget),
            format_mnkr(a.forecast),
            format_mnkr(a.deviation),
            format_mnkr(a.last_year),
        ],
        kind,
    )


def _section_row(text: str, width: int) -> Row:
    return Row([text] + [""] * (width - 1), "section")


def _budget_short(label: str, year: int) -> str:
    """The budget's label without its year (`NB 2021` → `NB`); any other label whole, so it is printed."""
    words = label.split()
    if len(words) == 2 and words[1] == str(year):
        return words[0]
    return label or "NB"


def operating_budget_table(doc: d.ReportDocument) -> Table:
    """Budget / forecast / deviation / last year per area, then the revenue requirement and totals."""
    eco = doc.economy
    words = doc.kind.wording
    budget = eco.budget_label or f"NB {doc.year}"
    header = [
        "Verksamhetsområde",
        f"{words.budget.format(year=doc.year)} ({_budget_short(budget, doc.year)})",
        words.economy_forecast,
        "Avvikelse",
        f"Nettoresultat {doc.year - 1}",
    ]
    rows: list[Row] = []
    for area in eco.areas:
        rows.append(_section_row(area.name, 5))
        rows.append(_money_row(d.Amounts("Kostnader", area.costs.budget, area.costs.forecast)))
        rows.append(_money_row(d.Amounts("Intäkter", area.revenues.budget, area.revenues.forecast)))
        rows.append(_money_row(area.net, "subtotal"))
    rows.append(_section_row("Summa exkl. nämndens intäktskrav", 5))
    rows.append(_money_row(d.Amounts("Kostnader", eco.costs.budget, eco.costs.forecast), "subtotal"))
    rows.append(_money_row(d.Amounts("Intäkter", eco.revenues.budget, eco.revenues.forecast), "subtotal"))
    rows.append(_money_row(eco.net_excluding_requirement, "subtotal"))
    if eco.requirement:
        rows.append(_section_row("Nämndens intäktskrav", 5))
        rows += [_money_row(r) for r in eco.requirement]
        rows.append(_money_row(eco.requirement_net, "subtotal"))
    rows.append(_section_row("Summa nämnden totalt", 5))
    rows.append(_money_row(d.Amounts("Kostnader", eco.costs.budget, eco.costs.forecast), "total"))
    committee_revenues = eco.committee_revenues
    rows.append(
        _money_row(d.Amounts("Intäkter", committee_revenues.budget, committee_revenues.forecast), "total")
    )
    rows.append(_money_row(eco.committee_net, "total"))
    for inv in eco.investments:
        rows.append(_money_row(inv))
    return Table(
        caption=f"Driftbudget och {words.economy_forecast.lower()} per verksamhetsområde {doc.year}, mnkr",
        header=header,
        rows=rows,
        align=["left", "right", "right", "right", "right"],
        widths=[0.4, 0.15, 0.15, 0.15, 0.15],
        kind="economy",
    )


def volumes_table(doc: d.ReportDocument) -> Table | None:
    vols = doc.economy.volumes
    if not vols:
        return None
    if not doc.kind.has(Part.FOLLOWUP_ECONOMY):
        return Table(
            caption=f"Prestationer {doc.year}, helårsplatser",
            header=["Verksamhetsområde", "Utbildning", "Budget, helårsplatser", "Pris per plats, kr"],
            rows=[
                Row(
                    [
                        v.area,
                        v.label,
                        format_count(v.budget_places),
                        format_count(v.price_per_place) if v.price_per_place is not None else "",
                    ]
                )
                for v in vols
            ],
            align=["left", "left", "right", "right"],
            widths=[0.3, 0.34, 0.18, 0.18],
            kind="volumes",
        )
    rows = []
    for v in vols:
        change = v.forecast_places - v.budget_places if v.forecast_places is not None else None
        money = v.money if v.money is not None else v.amount_as_printed
        rows.append(
            Row(
                [
                    v.label[:1].upper() + v.label[1:],
                    format_count(v.budget_places),
                    format_count(v.forecast_places),
                    format_count(change),
                    format_mnkr(money),
                ]
            )
        )
    return Table(
        caption=f"Prestationer {doc.year}, helårsplatser",
        header=[
            "Utbildning",
            "Budget",
            doc.kind.wording.economy_forecast,
            "Förändring",
            "Budgetförändring, mnkr",
        ],
        rows=rows,
        align=["left", "right", "right", "right", "right"],
        widths=[0.36, 0.14, 0.14, 0.14, 0.22],
        kind="volumes",
    )


def investments_table(doc: d.ReportDocument) -> Table | None:
    invs = doc.economy.investments
    if not invs:
        return None
    if not doc.kind.has(Part.FOLLOWUP_ECONOMY):
        return Table(
            caption=f"Investeringar {doc.year}, mnkr",
            header=["Investering", doc.economy.budget_label or f"Budget {doc.year}"],
            rows=[Row([i.label, format_mnkr(i.budget)]) for i in invs],
            align=["left", "right"],
            widths=[0.7, 0.3],
            kind="investments",
        )
    return Table(
        caption=f"Investeringar {doc.year}, mnkr",
        header=[
            "Investering",
            "Budget",
            doc.kind.wording.economy_forecast,
            "Avvikelse",
            f"Utfall {doc.year - 1}",
        ],
        rows=[_money_row(i) for i in invs],
        align=["left", "right", "right", "right", "right"],
        widths=[0.4, 0.15, 0.15, 0.15, 0.15],
        kind="investments",
    )


def turnover_table(doc: d.ReportDocument) -> Table | None:
    eco = doc.economy
    if not eco.turnover:
        return None
    rows: list[Row] = []
    for _area, heading, subtotal_label, lines in eco.turnover_groups():
        if heading:
            rows.append(_section_row(heading, 3))
        rows += [Row([t.label, format_mnkr(t.costs), format_mnkr(t.revenues)]) for t in lines]
        if subtotal_label:
            rows.append(
                Row(
                    [
                        subtotal_label,
                        format_mnkr(sum((t.costs for t in lines), d.ZERO)),
                        format_mnkr(sum((t.revenues for t in lines), d.ZERO)),
                    ],
                    "subtotal",
                )
            )
    rows.append(
        Row(
            [
                eco.turnover_total_label or "Summa ökade kostnader och intäkter totalt",
                format_mnkr(eco.turnover_costs),
                format_mnkr(eco.turnover_revenues),
            ],
            "total",
        )
    )
    return Table(
        caption=f"Omslutningsförändringar {doc.year}, mnkr",
        header=["Ökade kostnader/intäkter för:", "Kostnader", "Intäkter"],
        rows=rows,
        align=["left", "right", "right"],
        widths=[0.64, 0.18, 0.18],
        kind="turnover",
    )


def adjustments_table(doc: d.ReportDocument) -> Table | None:
    adjs = doc.economy.adjustments
    if not adjs:
        return None
    return Table(
        caption=f"Begärda budgetjusteringar {doc.year}, mnkr",
        header=["Belopp", "Från", "Till", "Motivering"],
        rows=[
            Row([format_mnkr(a.amount), format_mnkr(a.from_amount), format_mnkr(a.to_amount), a.reason])
            for a in adjs
        ]
        + (
            [Row(["Summa " + format_mnkr(sum((a.amount for a in adjs), d.ZERO)), "", "", ""], "total")]
            if len(adjs) > 1
            else []
        ),
        align=["right", "right", "right", "left"],
        widths=[0.13, 0.13, 0.13, 0.61],
        kind="adjustments",
    )


def plan_net_table(doc: d.ReportDocument) -> Table:
    eco = doc.economy
    codes = [c for c, _ in eco.versions]
    header = ["Verksamhetsområde netto (mnkr)", *[label for _, label in eco.versions]]
    rows = []
    totals = dict.fromkeys(codes, d.ZERO)
    for area in eco.areas:
        cells = [area.name]
        for c in codes:
            costs, revenues = area.by_version.get(c, (d.ZERO, d.ZERO))
            cells.append(format_mnkr(costs + revenues))
            totals[c] += costs + revenues
        rows.append(Row(cells))
    if eco.requirement_by_version:
        cells = ["Nämndens intäktskrav"]
        for c in codes:
            value = sum((amounts.get(c, d.ZERO) for _, amounts in eco.requirement_by_version), d.ZERO)
            cells.append(format_mnkr(value))
            totals[c] += value
        rows.append(Row(cells))
    rows.append(Row(["Summa netto", *[format_mnkr(totals[c]) for c in codes]], "total"))
    n = len(codes)
    return Table(
        caption=f"Nettobudget per verksamhetsområde {doc.year}, mnkr",
        header=header,
        rows=rows,
        align=label_and_amounts(n),
        widths=[0.46, *[0.54 / n] * n] if n else [1.0],
        kind="economy",
    )


def plan_area_table(doc: d.ReportDocument, area: d.AreaEconomy) -> Table:
    eco = doc.economy
    codes = [c for c, _ in eco.versions]
    cells: dict[str, list[str]] = {"Kostnader": [], "Intäkter": [], "Netto": []}
    for c in codes:
        costs, revenues = area.by_version.get(c, (d.ZERO, d.ZERO))
        cells["Kostnader"].append(format_mnkr(costs))
        cells["Intäkter"].append(format_mnkr(revenues))
        cells["Netto"].append(format_mnkr(costs + revenues))
    n = len(codes)
    return Table(
        caption=f"{area.name}, mnkr",
        header=["Mnkr", *[label for _, label in eco.versions]],
        rows=[
            Row(["Kostnader", *cells["Kostnader"]]),
            Row(["Intäkter", *cells["Intäkter"]]),
            Row(["Netto", *cells["Netto"]], "subtotal"),
        ],
        align=label_and_amounts(n),
        widths=[0.46, *[0.54 / n] * n] if n else [1.0],
        kind="economy",
    )


def plan_requirement_table(doc: d.ReportDocument) -> Table | None:
    eco = doc.economy
    if not eco.requirement_by_version:
        return None
    codes = [c for c, _ in eco.versions]
    rows = [
        Row([label, *[format_mnkr(amounts.get(c, d.ZERO)) for c in codes]])
        for label, amounts in eco.requirement_by_version
    ]
    rows.append(
        Row(
            [
                "Netto",
                *[
                    format_mnkr(
                        sum((amounts.get(c, d.ZERO) for _, amounts in eco.requirement_by_version), d.ZERO)
                    )
                    for c in codes
                ],
            ],
            "subtotal",
        )
    )
    n = len(codes)
    return Table(
        caption=f"Nämndens intäktskrav {doc.year}, mnkr",
        header=["Mnkr", *[label for _, label in eco.versions]],
        rows=rows,
        align=label_and_amounts(n),
        widths=[0.46, *[0.54 / n] * n] if n else [1.0],
        kind="requirement",
    )


def complaint_tables(doc: d.ReportDocument) -> list[tuple[str, Table]]:
    """One table per department: months × categories, with a Summa column and a Summa row."""
    out = []
    departments: list[str] = []
    for c in doc.complaints:
        if c.department not in departments:
            departments.append(c.department)
    for department in departments:
        items = [c for c in doc.complaints if c.department == department]
        categories: list[str] = []
        for c in items:
            if c.category not in categories:
                categories.append(c.category)
        months = sorted({c.month for c in items})
        counts = {(c.month, c.category): c.count for c in items}
        rows = []
        for m in months:
            values = [counts.get((m, cat), 0) for cat in categories]
            rows.append(Row([month_name(m), *[format_count(v) for v in values], format_count(sum(values))]))
        column_sums = [sum(counts.get((m, cat), 0) for m in months) for cat in categories]
        rows.append(
            Row(["Summa", *[format_count(v) for v in column_sums], format_count(sum(column_sums))], "total")
        )
        n = len(categories) + 1
        out.append(
            (
                department,
                Table(
                    caption=f"Synpunkter och klagomål {doc.year} – {department}, antal",
                    header=[f"Period: {doc.year}", *categories, "Summa"],
                    rows=rows,
                    align=label_and_amounts(n),
                    widths=[0.22, *[0.78 / n] * n],
                    kind="complaints",
                ),
            )
        )
    return out


def economy_sections(doc: d.ReportDocument) -> list[Section]:
    """The economy chapter; none at all in a document without economy data."""
    eco = doc.economy
    kind = doc.kind
    out: list[Section] = []
    if eco.is_empty:
        return out
    out.append(Section(anchor="ekonomi", title=kind.wording.economy, level=1, new_page=True))
    if kind.has(Part.FOLLOWUP_ECONOMY):
        blocks: list[Block] = [*prose(eco.summary)] if eco.summary else []
        blocks.append(operating_budget_table(doc))
        chart = deviation_chart(eco, kind.wording.economy_forecast)
        if chart is not None:
            blocks.append(Figure("ekonomi-diagram-avvikelse", chart))
        out.append(
            Section(
                anchor="ekonomi-driftbudget",
                title="Analys av resultaträkning – uppföljning av driftbudget",
                level=2,
                blocks=blocks,
            )
        )
        for area in eco.areas:
            if area.commentary:
                out.append(
                    Section(
                        anchor="ekonomi-" + slug(area.name),
                        title=area.name,
                        level=3,
                        blocks=prose(area.commentary),
                        in_toc=False,
                    )
                )
        if eco.requirement_commentary:
            out.append(
                Section(
                    anchor="ekonomi-intaktskrav",
                    title="Nämndens intäktskrav",
                    level=3,
                    blocks=prose(eco.requirement_commentary),
                    in_toc=False,
                )
            )
    elif kind.has(Part.PLAN_ECONOMY):
        blocks = [*prose(eco.summary)] if eco.summary else []
        blocks.append(plan_net_table(doc))
        if eco.efficiency_requirement is not None:
            blocks.append(
                Paragraph(f"Effektiviseringskrav i budgeten: {format_mnkr(eco.efficiency_requirement)} mnkr.")
            )
        out.append(
            Section(
                anchor="ekonomi-nettobudget", title="Budget per verksamhetsområde", level=2, blocks=blocks
            )
        )
        for area in eco.areas:
            out.append(
                Section(
                    anchor="ekonomi-" + slug(area.name),
                    title=area.name,
                    level=3,
                    blocks=[plan_area_table(doc, area), *marked_up(area.commentary, 4)],
                    in_toc=False,
                )
            )
        requirement = plan_requirement_table(doc)
        if requirement:
            out.append(
                Section(
                    anchor="ekonomi-intaktskrav",
                    title="Nämndens intäktskrav",
                    level=2,
                    blocks=[requirement, *prose(eco.requirement_commentary)],
                )
            )
    volumes = volumes_table(doc) if kind.has(Part.VOLUMES) else None
    if volumes:
        out.append(Section(anchor="ekonomi-prestationer", title="Prestationer", level=2, blocks=[volumes]))
    if kind.has(Part.INVESTMENTS):
        investments = investments_table(doc)
        out.append(
            Section(
                anchor="ekonomi-investeringar",
                title="Investeringar",
                level=2,
                blocks=[investments] if investments else [Paragraph("Nämnden har ingen investeringsbudget.")],
            )
        )
    turnover = turnover_table(doc) if kind.has(Part.TURNOVER) else None
    if turnover:
        out.append(
            Section(
                anchor="ekonomi-omslutning",
                title="Omslutningsförändringar",
                level=2,
                blocks=[
                    Paragraph(
                        f"Omslutningen föreslås öka med totalt {format_mnkr(eco.turnover_costs)} mnkr "
                        "enligt tabellen nedan; ökade kostnader motsvaras av lika stora ökade intäkter."
                    ),
                    turnover,
                ],
            )
        )
    if kind.has(Part.ADJUSTMENTS):
        adjustments = adjustments_table(doc)
        out.append(
            Section(
                anchor="ekonomi-budgetjusteringar",
                title="Budgetjusteringar",
                level=2,
                blocks=(
                    [*[p for a in eco.adjustments for p in prose(a.reason)], adjustments]
                    if adjustments
                    else [Paragraph("Nämnden begär inga budgetjusteringar.")]
                ),
            )
        )
    return out
