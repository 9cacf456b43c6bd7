"""Make the demo plan from an exported import of the seed VP: keep the structure, names, numbers and
dates; replace the committee's prose with short texts of our own and shorten long sentences.

    styrkedja import-document ../shared/seeds/000_bb76e5e2b4aeeaea.txt --organisation amn --name Arbetsmarknadsnämnden
    styrkedja plan export --organisation amn --year 2022 -o exported.yaml
    python scripts/demo_from_seed.py exported.yaml > src/styrkedja/demo/amn-2022.yaml
"""

from __future__ import annotations

import sys

import yaml

MAX_WORDS = 12
DESCRIPTIONS = {
    "1.1.1": "Fler i nämndens målgrupper går vidare till arbete eller studier genom samordnat stöd.",
    "1.1.2": "Eleverna i vuxenutbildningen fullföljer sina kurser och når godkända resultat.",
    "1.1.3": "Nyanlända får en samlad väg in till språk, arbete och samhällsliv.",
    "1.2.1": "Nämnden bidrar till trygghet genom stöd till unga och närvaro i ytterstaden.",
    "1.4.1": "Personer med funktionsnedsättning får anpassat stöd till utbildning och arbete.",
    "2.1.1": "Utbildningar och insatser utformas efter arbetsgivarnas behov av kompetens.",
    "2.5.1": "Verksamheterna minskar sin miljöpåverkan och utbildar för grön omställning.",
    "3.1.1": "Verksamheten bedrivs inom budget och med god prognossäkerhet.",
    "3.2.1": "Verksamheterna är effektiva, digitala och av hög kvalitet.",
    "3.2.2": "Medarbetare och chefer har rätt kompetens och en god arbetsmiljö.",
}


def shorten(text: str) -> str:
    words = text.split()
    return text if len(words) <= MAX_WORDS else " ".join(words[:MAX_WORDS]).rstrip(",;:") + " …"


def rewrite(goal: dict) -> None:
    goal["description"] = DESCRIPTIONS.get(goal["number"], "")
    goal["comment"] = "Kommentaren är förkortad i demodata." if goal["comment"] else ""
    goal["expected_results"] = [shorten(text) for text in goal["expected_results"]]
    for activity in goal["activities"]:
        activity["title"] = shorten(activity["title"])
    for child in goal["goals"]:
        rewrite(child)


def main(path: str) -> None:
    with open(path, encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    data["title"] = data["title"] or f"Verksamhetsplan {data['year']}"
    data["introduction"] = "Demodata: nämndens plan med mål, indikatorer, aktiviteter och budget."
    data["organisation"]["parent"] = {"code": "stockholm", "name": "Stockholms stad", "kind": "city"}
    for goal in data["goals"]:
        rewrite(goal)
    data["budget"].pop("computed", None)
    sys.stdout.write(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100))


if __name__ == "__main__":
    main(sys.argv[1])
