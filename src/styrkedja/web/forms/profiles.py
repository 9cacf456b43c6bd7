"""The municipality profile as a form: one field per setting, a row per goal level, rating and state that
is not a rating, a field per word of each kind of document and per unit. The form only parses and lays the
fields out; what a profile may be is `profiles/schema.py`'s, the same validation as `styrkedja profile
import`, whose refusals come back beside the field they name (`add_schema_errors`)."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Any

from django import forms
from pydantic import ValidationError as SchemaError

from styrkedja.lib.vocabulary import Unit
from styrkedja.profiles import Profile, Wording
from styrkedja.profiles.words import COMMON, DOCUMENT_KINDS
from styrkedja.web.forms.fields import SwedishDecimalField, version_field
from styrkedja.web.forms.text import TextForm

#: Rows offered: the schema's limits (1–6 levels, 2–6 ratings, up to 6 states that are not ratings).
ROWS = 6
SCALES = ("ratings", "indicator_ratings")
KINDS = (COMMON, *DOCUMENT_KINDS)
KIND_NAMES = {
    COMMON: "Alla dokument",
    "plan": "Verksamhetsplan",
    "tertial": "Tertialrapport",
    "annual": "Årsrapport",
    "followup": "Övrig uppföljning",
    "city_tertial": "Stadens tertialrapport",
    "city_interim": "Stadens delårsrapport",
    "city_annual": "Stadens årsrapport",
}
WORDS = [f for f in dataclasses.fields(Wording)]
DEFAULT, YES, NO = "", "yes", "no"
SHARE: dict[str, Any] = {
    "max_digits": 5,
    "decimal_places": 4,
    "min_value": Decimal(0),
    "max_value": Decimal(1),
}


def _text(label: str, *, required: bool = False, max_length: int = 200, **kw: Any) -> forms.CharField:
    return forms.CharField(label=label, required=required, max_length=max_length, **kw)


class ProfileSettingsForm(TextForm):
    """Every setting of a profile; rows left empty are no rows, words and units left empty are Stockholm's."""

    name = _text("Kommunens namn", required=True)
    goal_numbers = forms.ChoiceField(
        label="Målnummer",
        choices=[
            ("dotted_digits", "Siffror med punkt emellan (1.2.3)"),
            ("free", "Fria koder (ÖM.11.4, A1)"),
        ],
    )
    committee_level = _text(
        "Nämndens nivå", max_length=40, help_text="Nyckeln till nämndens egna mål; tomt: den sista nivån."
    )
    indicator_rule = forms.ChoiceField(
        label="Indikatorns förslag",
        choices=[
            ("met_or_not", "Uppnått eller inte (bästa eller sämsta)"),
            ("threshold", "Tröskel: delvis från en andel av vägen till målet"),
        ],
    )
    partly_at = SwedishDecimalField(
        label="Delvis från andelen", required=False, help_text="Bara för tröskel, t.ex. 0,8.", **SHARE
    )
    activity_weight = SwedishDecimalField(label="Aktiviteternas vikt", **SHARE)
    children = forms.BooleanField(label="Undermålens förslag räknas", required=False)
    version = version_field()

    def __init__(self, *args: Any, organisation: str, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        for i in range(ROWS):
            self.fields[f"levels-{i}-key"] = _text("Nyckel", max_length=40)
            self.fields[f"levels-{i}-name"] = _text("Namn")
            self.fields[f"levels-{i}-plural"] = _text("Plural")
            self.fields[f"levels-{i}-rated"] = forms.BooleanField(label="Bedöms", required=False)
        for scale in SCALES:
            for i in range(ROWS):
                self.fields[f"{scale}-{i}-key"] = _text("Nyckel", max_length=40)
                self.fields[f"{scale}-{i}-label"] = _text("Etikett")
                self.fields[f"{scale}-{i}-colour"] = _text("Färg", max_length=7, help_text="#rrggbb")
                self.fields[f"{scale}_non-{i}-key"] = _text("Nyckel", max_length=40)
                self.fields[f"{scale}_non-{i}-label"] = _text("Etikett")
        for i in range(ROWS):
            self.fields[f"at_least-{i}"] = SwedishDecimalField(label="Från andelen", required=False, **SHARE)
        for kind in KINDS:
            for word in WORDS:
                name = f"words-{kind}-{word.name}"
                if word.type in ("bool", bool):
                    self.fields[name] = forms.ChoiceField(
                        label=word.name,
                        required=False,
                        choices=[(DEFAULT, "Standard"), (YES, "Ja"), (NO, "Nej")],
                    )
                else:
                    self.fields[name] = _text(word.name)
        for unit in Unit.values:
            self.fields[f"units-{unit}-label"] = _text("Benämning")
            self.fields[f"units-{unit}-suffix"] = forms.CharField(
                label="Efter värdet", required=False, max_length=40, strip=False
            )
            self.fields[f"units-{unit}-decimals"] = forms.IntegerField(
                label="Decimaler", required=False, min_value=0, max_value=4
            )

    # --- Laying out ----------------------------------------------------------------------------------

    def rows(self, prefix: str, names: tuple[str, ...]) -> list[list[forms.BoundField]]:
        return [[self[f"{prefix}-{i}-{n}"] for n in names] for i in range(ROWS)]

    @property
    def level_rows(self) -> list[list[forms.BoundField]]:
        return self.rows("levels", ("key", "name", "plural", "rated"))

    def scale_rows(self, scale: str) -> list[list[forms.BoundField]]:
        rows = self.rows(scale, ("key", "label", "colour"))
        if scale == "ratings":
            return [[*row, self[f"at_least-{i}"]] for i, row in enumerate(rows)]
        return rows

    @property
    def goal_scale(self) -> list[list[forms.BoundField]]:
        return self.scale_rows("ratings")

    @property
    def indicator_scale(self) -> list[list[forms.BoundField]]:
        return self.scale_rows("indicator_ratings")

    @property
    def goal_non_ratings(self) -> list[list[forms.BoundField]]:
        return self.rows("ratings_non", ("key", "label"))

    @property
    def indicator_non_ratings(self) -> list[list[forms.BoundField]]:
        return self.rows("indicator_ratings_non", ("key", "label"))

    @property
    def word_groups(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [(KIND_NAMES.get(k, k), [self[f"words-{k}-{w.name}"] for w in WORDS]) for k in KINDS]

    @property
    def unit_rows(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [
            (unit, [self[f"units-{unit}-{n}"] for n in ("label", "suffix", "decimals")])
            for unit in Unit.values
        ]

    # --- From and to a profile -------------------------------------------------------------------------

    @staticmethod
    def initial_for(profile: Profile, organisation: str, version: int) -> dict[str, Any]:
        data: dict[str, Any] = {
            "name": profile.name,
            "goal_numbers": profile.goal_numbers,
            "committee_level": profile.committee_level or "",
            "indicator_rule": profile.indicator_rule.rule,
            "partly_at": profile.indicator_rule.partly_at,
            "activity_weight": profile.goal_rule.activity_weight,
            "children": profile.goal_rule.children,
            "version": version,
        }
        for i, level in enumerate(profile.levels):
            data |= {f"levels-{i}-{n}": getattr(level, n) for n in ("key", "name", "plural", "rated")}
        for scale_name in SCALES:
            scale = getattr(profile, scale_name)
            for i, rating in enumerate(scale.scale):
                data |= {f"{scale_name}-{i}-{n}": getattr(rating, n) for n in ("key", "label", "colour")}
            for i, state in enumerate(scale.non_ratings):
                data |= {f"{scale_name}_non-{i}-{n}": getattr(state, n) for n in ("key", "label")}
        for i, rating in enumerate(profile.ratings.scale):
            data[f"at_least-{i}"] = profile.goal_rule.at_least.get(rating.key)
        for kind, words in profile.words.items():
            for word, value in words.items():
                data[f"words-{kind}-{word}"] = (YES if value else NO) if isinstance(value, bool) else value
        for unit, unit_words in profile.units.items():
            data |= {f"units-{unit}-{n}": getattr(unit_words, n) for n in ("label", "suffix", "decimals")}
        return data

    def profile_data(self) -> dict[str, Any]:
        """The profile file's data the form holds (of a valid form)."""
        c = self.cleaned_data
        levels = [
            {n: c[f"levels-{i}-{n}"] for n in ("key", "name", "plural", "rated")}
            for i in range(ROWS)
            if self._filled(f"levels-{i}", ("key", "name", "plural"))
        ]
        data: dict[str, Any] = {
            "format": "styrkedja.profile/1",
            "organisation": self.organisation,
            "name": c["name"],
            "levels": levels,
            "goal_numbers": c["goal_numbers"],
        }
        if c["committee_level"]:
            data["committee_level"] = c["committee_level"]
        at_least: dict[str, Any] = {}
        for scale in SCALES:
            rows = [i for i in range(ROWS) if self._filled(f"{scale}-{i}", ("key", "label", "colour"))]
            data[scale] = {
                "scale": [{n: c[f"{scale}-{i}-{n}"] for n in ("key", "label", "colour")} for i in rows],
                "non_ratings": [
                    {n: c[f"{scale}_non-{i}-{n}"] for n in ("key", "label")}
                    for i in range(ROWS)
                    if self._filled(f"{scale}_non-{i}", ("key", "label"))
                ],
            }
            if scale == "ratings":
                at_least = {
                    c[f"ratings-{i}-key"]: c[f"at_least-{i}"] for i in rows if c[f"at_least-{i}"] is not None
                }
        rule: dict[str, Any] = {"rule": c["indicator_rule"]}
        if c["partly_at"] is not None:
            rule["partly_at"] = c["partly_at"]
        data["indicator_rule"] = rule
        data["goal_rule"] = {
            "at_least": at_least,
            "activity_weight": c["activity_weight"],
            "children": c["children"],
        }
        words: dict[str, dict[str, Any]] = {}
        for kind in KINDS:
            for word in WORDS:
                value = c[f"words-{kind}-{word.name}"]
                if value in ("", None):
                    continue
                words.setdefault(kind, {})[word.name] = (
                    (value == YES) if word.type in ("bool", bool) else value
                )
        data["words"] = words
        units: dict[str, dict[str, Any]] = {}
        for unit in Unit.values:
            label = c[f"units-{unit}-label"]
            suffix, decimals = c[f"units-{unit}-suffix"], c[f"units-{unit}-decimals"]
            if label or suffix or decimals is not None:
                units[unit] = {"label": label, "suffix": suffix, "decimals": decimals or 0}
        data["units"] = units
        return data

    def _filled(self, prefix: str, names: tuple[str, ...]) -> bool:
        return any(self.cleaned_data.get(f"{prefix}-{n}") for n in names)

    def profile(self) -> Profile | None:
        """The profile, or None with the schema's refusals beside the fields they name."""
        data = self.profile_data()
        try:
            return Profile.model_validate(data)
        except SchemaError as exc:
            for error in exc.errors():
                self._schema_error(tuple(error["loc"]), error["msg"].removeprefix("Value error, "), data)
            return None

    def _schema_error(self, loc: tuple[Any, ...], message: str, data: dict[str, Any]) -> None:
        name = self._field_of(loc, data) or self._field_of_message(message)
        where = ".".join(str(part) for part in loc)
        self.add_error(
            name if name in self.fields else None, f"{where}: {message}" if where and not name else message
        )

    def _field_of(self, loc: tuple[Any, ...], data: dict[str, Any]) -> str | None:
        if not loc:
            return None
        head = loc[0]
        if head in ("name", "goal_numbers", "committee_level") and len(loc) == 1:
            return str(head)
        if head == "levels" and len(loc) == 3:
            return f"levels-{self._row('levels', loc[1], ('key', 'name', 'plural'))}-{loc[2]}"
        if head in SCALES and len(loc) == 4:
            part = head if loc[1] == "scale" else f"{head}_non"
            names = ("key", "label", "colour") if loc[1] == "scale" else ("key", "label")
            return f"{part}-{self._row(part, loc[2], names)}-{loc[3]}"
        if head == "indicator_rule":
            return "partly_at" if loc[-1] == "partly_at" else "indicator_rule"
        if head == "goal_rule" and len(loc) >= 2:
            if loc[1] == "at_least" and len(loc) == 3:
                keys = [r["key"] for r in data["ratings"]["scale"]]
                return (
                    f"at_least-{self._row('ratings', keys.index(loc[2]), ('key', 'label', 'colour'))}"
                    if loc[2] in keys
                    else "at_least-0"
                )
            return str(loc[1]) if loc[1] in ("activity_weight", "children") else None
        if head == "words" and len(loc) == 3:
            return f"words-{loc[1]}-{loc[2]}"
        if head == "units" and len(loc) == 3:
            return f"units-{loc[1]}-{loc[2]}"
        return None

    @staticmethod
    def _field_of_message(message: str) -> str | None:
        for start, name in (
            ("committee_level", "committee_level"),
            ("goal_rule.at_least", "at_least-0"),
            ("the rule 'threshold'", "partly_at"),
            ("partly_at", "partly_at"),
            ("the indicator rule", "indicator_rule"),
            ("level keys", "levels-0-key"),
        ):
            if message.startswith(start):
                return name
        return None

    def _row(self, prefix: str, index: int, names: tuple[str, ...]) -> int:
        """The form row of the index-th filled row (rows left empty are skipped)."""
        filled = [i for i in range(ROWS) if self._filled(f"{prefix}-{i}", names)]
        return filled[index] if index < len(filled) else index
