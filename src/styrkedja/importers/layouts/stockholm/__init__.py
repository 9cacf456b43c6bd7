"""The City of Stockholm's layout (no Django): the verksamhetsplan and the follow-up reports
(tertialrapport, delårsrapport, verksamhetsberättelse) as the city's committees print them, read from the
text extracted from the PDF.

The plan: `plan` (introduction and goal tree), `plan_tables` (indicator and activity tables),
`plan_economy` and `economy_tables` (the economy section). The report: `report` (its parts),
`report_source` (the Markdown-ish extraction), `report_cover`, `report_goals`, `report_tables`,
`report_economy`, `report_economy_table` and `report_closing`. `pages` knows the page headers and footers,
`detection` how sure the layout is that a text is printed this way.
"""

from __future__ import annotations

from .. import Layout
from .detection import detect
from .plan import parse_plan_text
from .report import parse_report_text

__all__ = ["LAYOUT"]

LAYOUT = Layout(
    name="stockholm",
    description="City of Stockholm: verksamhetsplan, tertialrapport and verksamhetsberättelse of a committee",
    detect=detect,
    plan=parse_plan_text,
    report=parse_report_text,
)
