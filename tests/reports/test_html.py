"""The HTML report: standalone, accessible (axe-core in Chromium: no WCAG 2.1 A/AA violation), printable,
and byte-identical on every build."""

from __future__ import annotations

import re

import pytest

from styrkedja.reports.renderers import html

pytestmark = pytest.mark.django_db(databases=[])


def test_it_is_one_standalone_swedish_page(followup_doc):
    page = html.render(followup_doc).decode("utf-8")
    assert page.startswith("<!DOCTYPE html>") and '<html lang="sv">' in page
    assert "<title>Tertialrapport 1 2021 för Arbetsmarknadsnämnden</title>" in page
    assert "@media print" in page and "table-header-group" in page
    assert not re.search(r'(src|href)="(https?:)?//', page), "nothing may be loaded from elsewhere"


def test_two_builds_are_byte_identical(followup_doc, plan_doc):
    assert html.render(followup_doc) == html.render(followup_doc)
    assert html.render(plan_doc) == html.render(plan_doc)


def test_numbers_tables_and_charts_are_there(followup_doc):
    page = html.render(followup_doc).decode("utf-8")
    for cell in ("75,28 %", "247 st", "1\u00a0299,0", "-410,5", "64,9", "7,3 mån", "888,5"):
        assert cell in page or cell.replace("\u00a0", " ") in page, cell
    assert '<th scope="col" class="right">Periodens utfall</th>' in page
    assert page.count('role="img"') == 2  # the indicator with history and the deviation chart
    assert 'aria-label="Utfall' in page


@pytest.mark.browser
def test_axe_finds_no_wcag_violation(page, axe, followup_doc, plan_doc):
    for doc in (followup_doc, plan_doc):
        page.set_content(html.render(doc).decode("utf-8"))
        violations = axe(page)
        assert not violations, axe.format(violations)


@pytest.mark.browser
def test_it_prints_to_a4(page, followup_doc):
    page.set_content(html.render(followup_doc).decode("utf-8"))
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000


@pytest.mark.browser
@pytest.mark.seeds
@pytest.mark.django_db
def test_the_seed_reports_pass_axe_too(page, axe, seed_documents):
    for doc in (seed_documents.followup, seed_documents.plan):
        page.set_content(html.render(doc).decode("utf-8"))
        violations = axe(page)
        assert not violations, axe.format(violations)
