"""The municipality profile (`styrkedja.profile/1`): a kommun's goal levels, goal numbers, rating scales and
the rules that suggest ratings, the wording of its documents and its units. One per top organisation;
an organisation without one has Stockholm's (`stockholm.yaml` beside this module).

The schema says what a profile file may hold; docs/profile-format.md describes every field. Ratings are
data keyed by their keys (strings), so any count "per rating" works for any profile. No Django here.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache
from importlib.resources import files
from itertools import pairwise
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, StringConstraints, model_validator

from styrkedja.lib.vocabulary import Unit
from styrkedja.profiles.words import COMMON, DOCUMENT_KINDS, FIELDS, Wording

FORMAT = "styrkedja.profile/1"

Key = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=40)]
Colour = Annotated[str, Field(pattern=r"^#[0-9a-fA-F]{6}$", description="#rrggbb")]
Share = Annotated[
    Decimal,
    Field(ge=0, le=1),
    PlainSerializer(lambda v: float(v) if v != v.to_integral_value() else int(v), return_type=float | int),
]
Text = Annotated[str, Field(min_length=1, max_length=200)]

_DOTTED = re.compile(r"^[0-9]+(\.[0-9]+)*$")  # ASCII digits only
_FREE = re.compile(r"^\S(?:.*\S)?$")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


class Level(Strict):
    """A goal level, from the top: its key (what plan files write as `level`), its name and plural."""

    key: Key
    name: Text
    plural: Text
    rated: bool = Field(default=True, description="goals of this level get a rating in a follow-up")


class Rating(Strict):
    key: Key
    label: Text
    colour: Colour

    @property
    def text_colour(self) -> str:
        """The colour darkened until text in it reads on white (contrast at least 4.5:1, WCAG AA)."""
        return readable_on_white(self.colour)


class NonRating(Strict):
    """A state that is not a rating ("Kan ej bedömas", "Ej aktuellt"): chosen like one, counted in no tally."""

    key: Key
    label: Text


class Scale(Strict):
    """A rating scale: 2–6 ratings from best to worst, and the states that are not ratings."""

    scale: list[Rating] = Field(min_length=2, max_length=6)
    non_ratings: list[NonRating] = Field(default_factory=list, max_length=6)

    @model_validator(mode="after")
    def _unique_keys(self) -> Scale:
        keys = [r.key for r in self.scale] + [n.key for n in self.non_ratings]
        twice = sorted({k for k in keys if keys.count(k) > 1})
        if twice:
            raise ValueError(f"rating keys repeat: {', '.join(twice)}")
        return self

    @property
    def keys(self) -> list[str]:
        """The ratings, best first."""
        return [r.key for r in self.scale]

    @property
    def choices(self) -> list[tuple[str, str]]:
        """Every key that may be chosen, ratings first, with its label."""
        return [(r.key, r.label) for r in self.scale] + [(n.key, n.label) for n in self.non_ratings]

    @property
    def labels(self) -> dict[str, str]:
        return dict(self.choices)

    def label(self, key: str | None) -> str:
        return self.labels.get(key or "", key or "")

    def rating(self, key: str | None) -> Rating | None:
        return next((r for r in self.scale if r.key == key), None)

    def rank(self, key: str | None) -> int | None:
        """0 for the best rating, one more per step down; None for a non-rating or an unknown key."""
        keys = self.keys
        return keys.index(key) if key in keys else None

    def score(self, key: str | None) -> Decimal | None:
        """1 for the best rating, 0 for the worst, evenly between; None for what is not a rating."""
        rank = self.rank(key)
        if rank is None:
            return None
        return Decimal(len(self.scale) - 1 - rank) / Decimal(len(self.scale) - 1)

    @property
    def best(self) -> str:
        return self.scale[0].key

    @property
    def worst(self) -> str:
        return self.scale[-1].key


class IndicatorRule(Strict):
    """How an indicator's rating is suggested from its value (the forecast in a report during the year,
    the outcome in the annual report) and its target, by the indicator's direction.

    `met_or_not`: the best rating when the target is met, the worst otherwise. `threshold`: the best when
    met, the second when the value is at least `partly_at` of the way to the target (counted from zero:
    value ≥ partly_at × target when higher is better, value × partly_at ≤ target when lower is better, a
    distance from the target within band ÷ partly_at for a band), the worst otherwise."""

    rule: Literal["met_or_not", "threshold"]
    partly_at: Share | None = None

    @model_validator(mode="before")
    @classmethod
    def _bare_name(cls, data: Any) -> Any:
        return {"rule": data} if isinstance(data, str) else data

    @model_validator(mode="after")
    def _threshold_has_its_share(self) -> IndicatorRule:
        if self.rule == "threshold" and (self.partly_at is None or not 0 < self.partly_at < 1):
            raise ValueError("the rule 'threshold' needs partly_at, a share between 0 and 1 (e.g. 0.8)")
        if self.rule == "met_or_not" and self.partly_at is not None:
            raise ValueError("partly_at belongs to the rule 'threshold'")
        return self


class GoalRule(Strict):
    """How a goal's suggested rating follows from its evidence.

    Every piece of evidence scores between 0 and 1: an indicator by its rating (the one given, else the one
    suggested) on the indicator scale, a child goal by its suggestion on the goal scale (the best rating 1,
    the worst 0, evenly between), an activity 1 when it is on track and 0 when it is late or cancelled.
    The share is the weighted mean of the scores (activities weigh `activity_weight`, the rest 1). The
    suggestion is the first rating, best first, whose `at_least` the share reaches; below them all, the
    worst. Evidence rated with a non-rating counts in no tally; without evidence there is no suggestion."""

    at_least: dict[Key, Share]
    activity_weight: Share = Decimal("0.5")
    children: bool = Field(default=True, description="child goals' suggestions count as evidence")


class UnitWords(Strict):
    label: Text
    # The suffix's leading space is meant: it is not stripped.
    suffix: Annotated[str, StringConstraints(strip_whitespace=False, max_length=40)] = Field(
        default="", description="printed after a value, e.g. ' %'"
    )
    decimals: int = Field(default=0, ge=0, le=4, description="an indicator's decimals unless it says")


class Profile(Strict):
    format: Literal["styrkedja.profile/1"] = "styrkedja.profile/1"
    organisation: str = Field(min_length=1, max_length=40, pattern=r"^[a-z0-9][a-z0-9_-]*$")
    name: Text
    levels: list[Level] = Field(min_length=1, max_length=6)
    committee_level: Key | None = Field(
        default=None,
        description="the level of the committee's own goals (one part of a follow-up each); the levels "
        "above are the council's. Default: the last level",
    )
    goal_numbers: Literal["dotted_digits", "free"] = "dotted_digits"
    ratings: Scale
    indicator_ratings: Scale
    indicator_rule: IndicatorRule = IndicatorRule(rule="met_or_not")
    goal_rule: GoalRule
    words: dict[str, dict[str, str | bool]] = Field(
        default_factory=dict, description="per kind of document (or common): words replacing Stockholm's"
    )
    units: dict[str, UnitWords] = Field(
        default_factory=dict, description="per unit: label, suffix and decimals replacing Stockholm's"
    )

    @model_validator(mode="after")
    def _consistent(self) -> Profile:
        keys = [level.key for level in self.levels]
        twice = sorted({k for k in keys if keys.count(k) > 1})
        if twice:
            raise ValueError(f"level keys repeat: {', '.join(twice)}")
        if self.committee_level is not None and self.committee_level not in keys:
            raise ValueError(f"committee_level '{self.committee_level}' is not one of the levels {keys}")
        goal_keys = self.ratings.keys
        wanted = goal_keys[:-1]
        if sorted(self.goal_rule.at_least) != sorted(wanted):
            raise ValueError(
                f"goal_rule.at_least must give a share for each goal rating but the worst: {', '.join(wanted)}"
            )
        shares = [self.goal_rule.at_least[k] for k in wanted]
        if any(a < b for a, b in pairwise(shares)):
            raise ValueError(
                "goal_rule.at_least: a better rating cannot need a smaller share than a worse one"
            )
        if self.indicator_rule.rule == "threshold" and len(self.indicator_ratings.scale) < 3:
            raise ValueError("the indicator rule 'threshold' needs at least three indicator ratings")
        for kind, fields in self.words.items():
            if kind not in (COMMON, *DOCUMENT_KINDS):
                raise ValueError(
                    f"words: '{kind}' is not a kind of document ({COMMON}, {', '.join(DOCUMENT_KINDS)})"
                )
            for name, value in fields.items():
                wanted_type = FIELDS.get(name)
                if wanted_type is None:
                    raise ValueError(f"words.{kind}: '{name}' is not a word a document has")
                if not isinstance(value, wanted_type):
                    raise ValueError(
                        f"words.{kind}.{name}: expected {'true or false' if wanted_type is bool else 'text'}"
                    )
        unknown = sorted(set(self.units) - set(Unit.values))
        if unknown:
            raise ValueError(f"units: {', '.join(unknown)} not among the units {', '.join(Unit.values)}")
        return self

    # --- Goal levels -------------------------------------------------------------------------------------

    @property
    def level_keys(self) -> list[str]:
        return [level.key for level in self.levels]

    def level(self, key: str) -> Level | None:
        return next((level for level in self.levels if level.key == key), None)

    def level_name(self, key: str) -> str:
        level = self.level(key)
        return level.name if level else key

    def depth(self, key: str) -> int:
        """0 for the top level, one more per level down; the deepest for an unknown key."""
        keys = self.level_keys
        return keys.index(key) if key in keys else len(keys)

    def child_level(self, key: str | None) -> str | None:
        """The level below; the top level for None; None below the last."""
        if key is None:
            return self.levels[0].key
        depth = self.depth(key)
        return self.levels[depth + 1].key if depth + 1 < len(self.levels) else None

    @property
    def committee_key(self) -> str:
        return self.committee_level or self.levels[-1].key

    @property
    def council_key(self) -> str:
        """The council's own goals that the committees break down: the level just above the committee's
        (the top level when the committee's is the top)."""
        depth = self.depth(self.committee_key)
        return self.levels[max(depth - 1, 0)].key

    def is_council_level(self, key: str) -> bool:
        """A level above the committee's own goals."""
        return self.depth(key) < self.depth(self.committee_key)

    def is_rated(self, key: str) -> bool:
        level = self.level(key)
        return bool(level and level.rated)

    def number_problem(self, number: str, parent: str | None) -> str | None:
        """Why a goal's number does not fit the profile's numbering under its parent's; None when it does."""
        if self.goal_numbers == "free":
            return None if _FREE.match(number) else f"'{number}' is not a goal number"
        if not _DOTTED.match(number):
            return f"'{number}' is not digits separated by points (e.g. 1.2.3); this profile's goal_numbers is 'dotted_digits'"
        if parent is not None and not number.startswith(parent + "."):
            return f"goal {number} is not numbered under {parent}"
        return None

    # --- Words and units ---------------------------------------------------------------------------------

    def wording(self, kind: str) -> Wording:
        """A kind of document's wording: Stockholm's words for all kinds and for this kind, then this
        profile's for all kinds and for this kind."""
        words: dict[str, Any] = {}
        for profile in (stockholm(), self):
            words.update(profile.words.get(COMMON, {}))
            words.update(profile.words.get(kind, {}))
        return Wording(**words)

    @property
    def all_units(self) -> dict[str, UnitWords]:
        """Every unit with its words: Stockholm's, replaced by this profile's."""
        return {**stockholm().units, **self.units}

    def unit_label(self, unit: str) -> str:
        found = self.all_units.get(unit)
        return found.label if found else Unit.label_of(unit, unit)

    def unit_suffix(self, unit: str) -> str | None:
        found = self.all_units.get(unit)
        return found.suffix if found else None

    def unit_decimals(self, unit: str) -> int:
        found = self.all_units.get(unit)
        return found.decimals if found else 0

    @property
    def unit_choices(self) -> list[tuple[str, str]]:
        return [(key, words.label) for key, words in self.all_units.items()]


class _ShippedLoader(yaml.SafeLoader):
    """The shipped profile's YAML, its shares read as exact decimals."""


def _decimal(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Decimal:
    return Decimal(str(loader.construct_scalar(node)))


_ShippedLoader.add_constructor("tag:yaml.org,2002:float", _decimal)


@cache
def stockholm() -> Profile:
    """The City of Stockholm's profile, shipped with the program (`profiles/stockholm.yaml`): the profile
    of every organisation without one of its own, and the default words and units of every profile.
    (A profile file of a municipality is read by `planfiles/profile_file.py`, which names lines.)"""
    text = files("styrkedja.profiles").joinpath(STOCKHOLM).read_text(encoding="utf-8")
    return Profile.model_validate(yaml.load(text, Loader=_ShippedLoader))


STOCKHOLM = "stockholm.yaml"


# --- Colours ----------------------------------------------------------------------------------------------


def _luminance(hex_colour: str) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast_on_white(hex_colour: str) -> float:
    return 1.05 / (_luminance(hex_colour) + 0.05)


def readable_on_white(hex_colour: str, ratio: float = 4.5) -> str:
    """The colour itself when text in it reads on white; else darkened in steps until it does."""
    colour = hex_colour.lower()
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    while contrast_on_white(colour) < ratio:
        r, g, b = int(r * 0.9), int(g * 0.9), int(b * 0.9)
        colour = f"#{r:02x}{g:02x}{b:02x}"
    return colour
