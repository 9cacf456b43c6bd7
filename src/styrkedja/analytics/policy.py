"""The disclosure policy of an installation (docs/disclosure.md), as a plain value the core is given.

`settings.py` reads it from the environment (STYRKEDJA_DISCLOSURE_*) with `policy_from_text`, which names
the variable of any bad value; nothing here knows about Django.
"""

from __future__ import annotations

from dataclasses import dataclass, field

DEFAULT_THRESHOLD = 5
# Where computed values go. Reports, the API and exports show the stored follow-up values.
OUTPUTS = ("json", "followup", "reports", "api", "exports")
# What is published together, and so protected together: every period of a year (T1, H1, T2, the year
# and any date range of it), the sexes (total, women, men: always), every organisational level.
TOGETHER = ("periods", "sexes", "units")


class PolicyError(ValueError):
    pass


@dataclass(frozen=True)
class DisclosurePolicy:
    threshold: int = DEFAULT_THRESHOLD
    outputs: frozenset[str] = field(default_factory=lambda: frozenset(OUTPUTS))
    together: frozenset[str] = field(default_factory=lambda: frozenset(TOGETHER))

    def __post_init__(self) -> None:
        if self.threshold < 1:
            raise PolicyError("the suppression threshold must be at least 1")
        for name, allowed, given in (
            ("outputs", OUTPUTS, self.outputs),
            ("together", TOGETHER, self.together),
        ):
            unknown = sorted(set(given) - set(allowed))
            if unknown:
                raise PolicyError(f"{name}: unknown {', '.join(unknown)}; use {', '.join(allowed)}")
        if "sexes" not in self.together:
            raise PolicyError("together: total, women and men are always published together: keep 'sexes'")
        if self.outputs & {"reports", "api", "exports"} and "followup" not in self.outputs:
            raise PolicyError(
                "outputs: reports, the API and exports show the stored follow-up values: add 'followup'"
            )

    def publishes(self, output: str) -> bool:
        return output in self.outputs

    def for_output(self, output: str) -> DisclosurePolicy:
        """This policy where the output counts as published; else one that suppresses nothing (threshold 1:
        no count is from 1 to 0), for outputs the installation keeps internal."""
        if self.publishes(output):
            return self
        return DisclosurePolicy(1, self.outputs, self.together)

    def with_threshold(self, threshold: int | None) -> DisclosurePolicy:
        return self if threshold is None else DisclosurePolicy(threshold, self.outputs, self.together)

    @property
    def periods_together(self) -> bool:
        return "periods" in self.together

    @property
    def units_together(self) -> bool:
        return "units" in self.together

    def as_json(self) -> dict[str, object]:
        return {
            "threshold": self.threshold,
            "outputs": sorted(self.outputs),
            "together": sorted(self.together),
        }


def _words(text: str) -> frozenset[str]:
    return frozenset(w.strip().lower() for w in text.split(",") if w.strip())


def policy_from_text(threshold: str, outputs: str, together: str) -> DisclosurePolicy:
    """The policy from the three environment variables' texts; a bad one raises PolicyError naming it."""
    try:
        number = int(threshold.strip() or DEFAULT_THRESHOLD)
    except ValueError:
        raise PolicyError(f"STYRKEDJA_DISCLOSURE_THRESHOLD: not a whole number: '{threshold}'") from None
    if number < 1:
        raise PolicyError(f"STYRKEDJA_DISCLOSURE_THRESHOLD: must be at least 1, not {number}")
    chosen_outputs = _words(outputs) if outputs.strip() else frozenset(OUTPUTS)
    chosen_together = _words(together) if together.strip() else frozenset(TOGETHER)
    for variable, value in (
        ("STYRKEDJA_DISCLOSURE_OUTPUTS", {"outputs": chosen_outputs, "together": frozenset(TOGETHER)}),
        ("STYRKEDJA_DISCLOSURE_TOGETHER", {"outputs": frozenset(OUTPUTS), "together": chosen_together}),
    ):
        try:
            DisclosurePolicy(number, value["outputs"], value["together"])
        except PolicyError as exc:
            raise PolicyError(f"{variable}: {exc}") from None
    return DisclosurePolicy(number, chosen_outputs, chosen_together)
