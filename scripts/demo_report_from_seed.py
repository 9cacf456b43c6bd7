"""Make the demo follow-up (plan 2021 and its T1 round) from the seed T1 report: keep the structure, names,
numbers and dates; replace the committee's prose with short texts of our own and shorten long sentences.

    python scripts/demo_report_from_seed.py ../shared/seeds/002_92e32f79cbecfdb4.txt src/styrkedja/demo
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import django
import yaml

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "styrkedja.settings")
django.setup()  # for the importer's decision_kind, the rule that reads what a decision decides

from styrkedja.importers.layouts.stockholm.report import parse_report_text  # noqa: E402
from styrkedja.interchange.followup_import import decision_kind  # noqa: E402
from styrkedja.lib.periods import parse_period  # noqa: E402
from styrkedja.planfiles.schema import OrganisationRef  # noqa: E402

sys.path.insert(0, str(Path(__file__).parent))
from demo_from_seed import DESCRIPTIONS, shorten  # noqa: E402

ANALYSIS = {
    "fully": "Målet bedöms uppfyllas: indikatorerna och aktiviteterna följer planen.",
    "partly": "Målet bedöms uppfyllas delvis; några indikatorer ligger under årsmålet.",
    "not": "Målet bedöms inte uppfyllas under året.",
    None: "Sammanfattning av målområdet i demodata.",
}


def _plan(plan: dict) -> None:
    plan["introduction"] = "Demodata: planen så som den framgår av tertialrapporten."
    plan["title"] = plan.get("title") or f"Verksamhetsplan {plan['year']}"
    plan["organisation"]["parent"] = {"code": "stockholm", "name": "Stockholms stad", "kind": "city"}

    def walk(goals: list[dict]) -> None:
        for goal in goals:
            goal["description"] = DESCRIPTIONS.get(goal["number"], "")
            goal["comment"] = ""
            goal["expected_results"] = [shorten(t) for t in goal["expected_results"]]
            for activity in goal["activities"]:
                activity["title"] = shorten(activity["title"])
            walk(goal["goals"])

    walk(plan["goals"])


def _followup(f: dict) -> None:
    f["organisation"]["parent"] = {"code": "stockholm", "name": "Stockholms stad", "kind": "city"}
    for o in f["outcomes"]:
        if o["comment"]:
            o["comment"] = "Kommentar till utfallet (förkortad i demodata)."
    for a in f["assessments"]:
        a["analysis"] = ANALYSIS[a["assessment"]]
    for a in f["activities"]:
        a["title"] = shorten(a["title"])
        if a["deviation"]:
            a["deviation"] = "Aktiviteten är inte längre aktuell."
    eco = f["economics"]
    eco["summary"] = "Nämnden prognostiserar en budget i balans efter begärd budgetjustering."
    for area in eco["areas"]:
        area["commentary"] = "Ingen avvikelse mot budget prognostiseras." if area["commentary"] else ""
    for adj in eco["adjustments"]:
        adj["reason"] = "Högre statsbidrag från Skolverket än budgeterat."
    cover = f["report"]
    cover["summary_analysis"] = "Måluppfyllelsen bedöms som god; pandemin innebär fortsatt risk."
    for d in cover["decisions"]:
        d["text"] = own_decision(d["text"], f["period"])
    for report in f["special_reports"]:
        report["text"] = "Särskild redovisning (förkortad i demodata)."


_ATTACHMENT = re.compile(r"\bbilaga\s+(\d+)", re.IGNORECASE)
_QUOTED = re.compile(r"[\"“”]([^\"“”]{3,})[\"“”]")
_AMOUNT = re.compile(r"-?\d[\d\s\u00a0]*,\d\s*mnkr")


def own_decision(text: str, period: str) -> str:
    """A decision proposal in our own words that keeps its facts: what kind of decision it is, its amount,
    the attachment it refers to and that attachment's title as the decision quotes it (the checks compare
    them). Short formulas are kept as they are."""
    if len(text.split()) < 14:
        return text
    kind, _ = decision_kind(text)
    amount = _AMOUNT.search(text)
    if kind == "approve_report":
        return f"Att godkänna rapporten för {parse_period(period).label.lower()} med helårsprognos och lämna den till kommunstyrelsen."
    if kind == "approve_turnover" and amount:
        return f"Att godkänna omslutningsförändringar i driftbudgeten med {amount[0]}."
    if kind == "request_adjustment" and amount:
        return f"Att begära budgetjustering för ett högre intäktskrav med {amount[0]}."
    attachment, quoted = _ATTACHMENT.search(text), _QUOTED.search(text)
    if attachment and quoted:
        return f'Att besluta enligt bilaga {attachment[1]}, "{quoted[1]}".'
    return "Beslutsförslag (förkortat i demodata)."


def main(seed: str, out_dir: str) -> None:
    result = parse_report_text(
        Path(seed).read_text(encoding="utf-8"),
        organisation=OrganisationRef(code="amn", name="Arbetsmarknadsnämnden"),
        source=seed,
    )
    plan = result.plan.model_dump(mode="json")
    followup = result.followup.model_dump(mode="json")
    _plan(plan)
    _followup(followup)
    for signature in followup["signatures"]:
        if not signature["signed_as"]:
            del signature["signed_as"]  # only the one spelled differently carries it
    out = Path(out_dir)
    year, period = plan["year"], followup["period"]
    for name, data in ((f"amn-{year}.yaml", plan), (f"amn-{period}.yaml", followup)):
        (out / name).write_text(
            yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8"
        )


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
