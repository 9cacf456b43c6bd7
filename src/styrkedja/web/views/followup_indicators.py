"""All indicators of a round on one page: outcome, women and men, last year, forecast, target, and whether
the forecast (the outcome in a verksamhetsberättelse) meets the target. Built by the report builder's own
goal-tree step, so the page and the report show the same numbers; the table is cached per revision of the
data it shows (followup/revision.py, read from the audit trail), so a busy committee meeting does not
rebuild it for every reader, and writers share no counter."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from styrkedja.followup.documents import followup_goals
from styrkedja.followup.models import Round
from styrkedja.followup.profiles import profile_for_round
from styrkedja.followup.revision import round_revision
from styrkedja.lib.periods import PeriodKind, parse_period
from styrkedja.reports import kinds
from styrkedja.web.pagecache import fragment
from styrkedja.web.table_download import offers_xlsx
from styrkedja.web.views.common import authorise
from styrkedja.web.views.followup_common import get_round, period_label, round_crumbs, round_title


def _sections(round_: Round, final: bool) -> str:
    profile = profile_for_round(round_)
    roots, _, _ = followup_goals(round_, profile)
    goals = [goal for root in roots for goal in root.walk()]
    sections = [
        (goal, [(row, row.met(final)) for row in goal.indicators]) for goal in goals if goal.indicators
    ]
    met = [m for _, rows in sections for _, m in rows if m is not None]
    return render_to_string(
        "followup/_indicator_sections.html",
        {
            "words": profile.wording(kinds.for_period(parse_period(round_.period)).key),
            "final": final,
            "sections": sections,
            "count": sum(len(rows) for _, rows in sections),
            "met_count": sum(1 for m in met if m),
            "judged_count": len(met),
        },
    )


@login_required
@offers_xlsx
def round_indicators(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = get_round(pk)
    context = authorise(request, round_.organisation)
    period = parse_period(round_.period)
    final = period.kind is PeriodKind.YEAR
    html = fragment(
        "round-indicators", round_.pk, round_revision(round_), build=lambda: _sections(round_, final)
    )
    return render(
        request,
        "followup/indicators.html",
        {
            **context,
            "round": round_,
            "period_label": period_label(round_),
            "sections_html": mark_safe(html),
            "title": f"Indikatorer – {round_title(round_)}",
            "breadcrumbs": round_crumbs(round_),
        },
    )
