"""Storing indicator values computed from microdata in a follow-up round.

The plan's indicators find their definitions through the registry (`indicators:` names in
`analytics/definitions.yaml`). Each one is computed for its own measurement period in the round — a
half-year indicator reports H1 in a T2 round, a yearly one only in the VB — and written as the outcome's
total (and men and women where the indicator is split by gender), with the window, source "microdata"
and the provenance. A suppressed cell is stored empty and named in the provenance, never as zero.

A locked round is refused (RoundLocked) before anything is computed; everything is written in one
transaction, and every changed outcome gets a history record, plus one RoundEvent for the round.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction

from styrkedja.analytics.engine import Computation, IndicatorValue, compute
from styrkedja.analytics.policy import DisclosurePolicy
from styrkedja.analytics.protection import ROOT
from styrkedja.analytics.registry import Registry, load_registry
from styrkedja.analytics.units import OrgTree
from styrkedja.analytics.windows import Window, window_of
from styrkedja.audit import save_by
from styrkedja.edits.versions import locked
from styrkedja.followup.models import (
    Outcome,
    Round,
    RoundEvent,
    RoundEventKind,
    RoundLocked,
    RoundStatus,
    Source,
)
from styrkedja.followup.permissions import require_round_edit
from styrkedja.lib.outcomes import OutcomeValues, validate_outcome
from styrkedja.lib.periods import PeriodError, parse_period, period_for_periodicity, report_period
from styrkedja.organisations.models import Organisation
from styrkedja.plans.models import Target

CHANGE_REASON = "Beräknat från mikrodata"


class StoreError(Exception):
    pass


@dataclass
class Stored:
    round: Round
    computation: Computation
    written: list[tuple[Target, IndicatorValue]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (indicator name, why)
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> list[str]:
        lines = [
            f"stored {len(self.written)} outcome(s) from microdata in {self.round.period} ({self.round.organisation.code})"
        ]
        for target, value in self.written:
            hidden = f", suppressed: {', '.join(value.suppressed)}" if value.suppressed else ""
            lines.append(f"  {value.window.code}: {target.indicator.name}{hidden}")
        lines.extend(f"  skipped {name}: {why}" for name, why in self.skipped)
        lines.extend(f"  warning: {text}" for text in self.warnings)
        return lines


def organisation_codes(organisation: Organisation) -> list[str]:
    """The organisation's code and those of every unit below it: the microdata rows that are its."""
    codes, level = [organisation.code], [organisation.pk]
    while level:
        children = list(Organisation.objects.filter(parent_id__in=level).values_list("pk", "code"))
        codes.extend(code for _, code in children)
        level = [pk for pk, _ in children]
    return codes


def organisation_tree() -> OrgTree:
    """Every organisation's code with its parent's: the units the disclosure control publishes together."""
    rows = Organisation.objects.values_list("code", "parent__code")
    return OrgTree({code: parent for code, parent in rows})


def published_patterns(round_: Round) -> dict[tuple[str, str, str], list[str]]:
    """What the organisation's other rounds of the year already published from microdata: per (definition,
    window) the cells it suppressed, from the stored outcomes' provenance. The disclosure control keeps
    these as they are and reports a value now at risk instead of changing it (docs/disclosure.md)."""
    year = parse_period(round_.period).year
    out: dict[tuple[str, str, str], list[str]] = {}
    outcomes = Outcome.objects.filter(
        round__organisation_id=round_.organisation_id, source=Source.MICRODATA, window_start__year=year
    ).exclude(round=round_)
    for provenance in outcomes.values_list("provenance", flat=True):
        if isinstance(provenance, dict) and provenance.get("definition") and provenance.get("period"):
            key = (str(provenance["definition"]), str(provenance["period"]), ROOT)
            out[key] = [str(cell) for cell in provenance.get("suppressed") or []]
    return out


def _decimal(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(str(round(value, 4)))


def policy_for(output: str, threshold: int | None = None) -> DisclosurePolicy:
    """The installation's disclosure policy (settings.DISCLOSURE_POLICY) for an output; `threshold` overrides."""
    policy: DisclosurePolicy = settings.DISCLOSURE_POLICY
    return policy.with_threshold(threshold).for_output(output)


def linked_targets(
    round_: Round, registry: Registry
) -> tuple[list[tuple[Target, str, Window]], list[tuple[str, str]]]:
    """The round's targets that a definition answers, each with its measurement window; and those skipped."""
    period = parse_period(round_.period)
    linked, skipped = [], []
    targets = (
        Target.objects.filter(plan=round_.plan)
        .select_related("indicator")
        .order_by("goal__position", "position")
    )
    for target in targets:
        definition = registry.for_indicator(target.indicator.name)
        if definition is None:
            continue
        measured = period_for_periodicity(target.indicator.periodicity, period, target.indicator.first_year)
        if measured is None:
            skipped.append(
                (
                    target.indicator.name,
                    f"no {target.indicator.get_periodicity_display().lower()} value in {period.code}",
                )
            )
            continue
        linked.append((target, definition.id, window_of(measured)))
    return linked, skipped


def store_microdata(
    organisation: Organisation,
    period: str,
    directory: Path,
    *,
    by: Any,
    threshold: int | None = None,
    registry: Registry | None = None,
    also: Iterable[Window] = (),
    now: dt.datetime | None = None,
) -> Stored:
    """Compute the round's linked indicators from the microdata folder and store them as its outcomes.
    `also` adds windows to the same computation (the command prints the period asked for)."""
    try:
        code = report_period(period).code
    except PeriodError as exc:
        raise StoreError(f"--store needs a follow-up period (2022-T1, 2022-T2, 2022): {exc}") from exc
    round_ = (
        Round.objects.filter(organisation=organisation, period=code)
        .select_related("plan", "organisation")
        .first()
    )
    if round_ is None:
        raise StoreError(
            f"{organisation.code} has no follow-up for {code}; open it first (styrkedja followup open)"
        )
    require_round_edit(by, round_)
    registry = registry or load_registry()
    linked, skipped = linked_targets(round_, registry)
    if not linked:
        raise StoreError(f"no indicator of {round_.plan} is answered by a microdata definition in {code}")
    computation = compute(
        directory,
        {w for _, _, w in linked} | set(also),
        registry=registry,
        definitions=sorted({d for _, d, _ in linked}),
        organisations=organisation_codes(organisation),
        policy=policy_for("followup", threshold),
        units=organisation_tree(),
        published=published_patterns(round_),
        now=now,
    )
    stored_at_risk = computation.at_risk
    stored = Stored(round_, computation, skipped=skipped, warnings=[f"at risk: {t}" for t in stored_at_risk])
    with transaction.atomic():
        # The round's row alone (its ordering would join the organisation and lock that too), for update:
        # no one else inserts an outcome of the round until this ends; then its outcomes, in key order.
        if locked(Round.objects.filter(pk=round_.pk)).get().status == RoundStatus.LOCKED:
            raise RoundLocked(round_)
        targets = [target for target, _, _ in linked]
        outcomes = {o.target_id: o for o in locked(Outcome.objects.filter(round=round_, target__in=targets))}
        for target, definition_id, window in linked:
            value = computation.get(definition_id, window)
            written = _write(stored, target, value, by, outcomes.get(target.pk))
            if written is not None:
                outcomes[target.pk] = written
        RoundEvent.objects.create(
            round=round_,
            action=RoundEventKind.MICRODATA_STORED,
            by=by,
            comment=f"{len(stored.written)} indikatorer beräknade från mikrodata",
        )
    return stored


def _write(
    stored: Stored, target: Target, value: IndicatorValue, by: Any, outcome: Outcome | None
) -> Outcome | None:
    """Store the value in the target's outcome (the locked row, or a new one); the row, or None when the
    value was skipped."""
    indicator = target.indicator
    total = _decimal(value.value("total"))
    men = _decimal(value.value("men")) if indicator.gender_split else None
    women = _decimal(value.value("women")) if indicator.gender_split else None
    verdict = validate_outcome(
        OutcomeValues(total, men, women),
        unit=indicator.unit,
        gender_split=indicator.gender_split,
        scale=indicator.scale,
    )
    # Suppressed cells are empty on purpose; any other error means the value must not be stored.
    suppressed = set(value.suppressed)
    errors = [m for name, ms in verdict.errors.items() if name not in suppressed for m in ms]
    if errors:
        stored.skipped.append((indicator.name, " ".join(errors)))
        return None
    stored.warnings.extend(f"{indicator.name}: {w}" for w in verdict.warnings)
    if outcome is None:
        outcome = Outcome(round=stored.round, target=target)
    outcome.total, outcome.men, outcome.women = total, men, women
    outcome.window_start, outcome.window_end = value.window.start, value.window.end
    outcome.source = Source.MICRODATA
    outcome.provenance = value.provenance
    save_by(outcome, by, CHANGE_REASON)
    stored.written.append((target, value))
    return outcome
