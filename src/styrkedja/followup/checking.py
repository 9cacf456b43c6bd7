"""The consistency checks of a round (or a plan): its findings, the controller's overrides, and the gate
that keeps a round from being approved while an error remains.

The findings are computed from the report document (`followup/documents.py`) by the pure rules of
`styrkedja.checks`, configured by the file the setting `CHECKS_CONFIG` (`STYRKEDJA_CHECKS_CONFIG`) names.
An override names a finding by its rule and object (`Finding.key`), not its numbers, and is recorded
with who, when and why (history kept); the round's event log gets a `finding_overridden` entry.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import transaction

from styrkedja.audit import save_by
from styrkedja.checks import Config, ConfigError, Finding, Severity, load_config_file, run_checks
from styrkedja.followup.documents import build_followup_document, build_plan_document
from styrkedja.followup.models import CheckSummary, FindingOverride, Round, RoundEvent, RoundEventKind
from styrkedja.followup.permissions import require_round_edit
from styrkedja.plans.models import Plan

_config_cache: dict[tuple[str, float], Config] = {}


def checks_config() -> Config:
    """The configuration file named by the setting, read again when it changes; defaults without one."""
    path = getattr(settings, "CHECKS_CONFIG", "")
    if not path:
        return Config()
    try:
        mtime = Path(path).stat().st_mtime
    except OSError as exc:
        raise ImproperlyConfigured(f"STYRKEDJA_CHECKS_CONFIG={path!r}: {exc}") from exc
    key = (str(path), mtime)
    if key not in _config_cache:
        try:
            _config_cache.clear()
            _config_cache[key] = load_config_file(path)
        except ConfigError as exc:
            raise ImproperlyConfigured(f"STYRKEDJA_CHECKS_CONFIG: {exc}") from exc
    return _config_cache[key]


def digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


@dataclass
class RoundCheck:
    """A round's findings and the overrides recorded for them."""

    round: Round
    findings: list[Finding]
    overrides: dict[str, FindingOverride] = field(default_factory=dict)  # by finding key

    def override_of(self, finding: Finding) -> FindingOverride | None:
        return self.overrides.get(finding.key)

    @property
    def open(self) -> list[Finding]:
        """Findings without an override."""
        return [f for f in self.findings if f.key not in self.overrides]

    @property
    def blocking(self) -> list[Finding]:
        """Errors without an override: these stop the approval of the round."""
        return [f for f in self.open if f.severity is Severity.ERROR]

    def counts(self) -> dict[str, int]:
        out = {s.value: 0 for s in Severity}
        for f in self.findings:
            out[f.severity.value] += 1
        return out

    def for_goal(self, number: str) -> list[Finding]:
        return [f for f in self.findings if f.goal == number or (f.kind == "goal" and f.ref == number)]


def plan_findings(plan: Plan, config: Config | None = None) -> list[Finding]:
    return run_checks(build_plan_document(plan), config or checks_config())


def check_round(round_: Round, config: Config | None = None) -> RoundCheck:
    findings = run_checks(build_followup_document(round_), config or checks_config())
    by_digest = {o.digest: o for o in round_.finding_overrides.select_related("by")}
    overrides = {f.key: by_digest[digest(f.key)] for f in findings if digest(f.key) in by_digest}
    check = RoundCheck(round_, findings, overrides)
    _summarise(check)
    return check


def _summarise(check: RoundCheck) -> None:
    """Keep the counts of the open findings for the city office's page (one row per round, derived)."""
    counts = {s: sum(1 for f in check.open if f.severity is s) for s in Severity}
    CheckSummary.objects.update_or_create(
        round_id=check.round.pk,
        defaults={
            "errors": counts[Severity.ERROR],
            "warnings": counts[Severity.WARNING],
            "infos": counts[Severity.INFO],
            "overridden": len(check.overrides),
        },
    )


def approval_blockers(round_: Round) -> list[Finding]:
    return check_round(round_).blocking


@transaction.atomic
def override_finding(round_: Round, finding_key: str, *, by: Any, justification: str) -> FindingOverride:
    """Record that the finding (named by `Finding.key`) does not stop approval, and why. The finding must
    be one the round has now; a second override of the same finding replaces the justification (the
    history keeps the first)."""
    require_round_edit(by, round_)
    justification = justification.strip()
    if not justification:
        raise ValidationError("Skriv varför avvikelsen godtas.")
    finding = next((f for f in check_round(round_).findings if f.key == finding_key), None)
    if finding is None:
        raise ValidationError("Avvikelsen finns inte (längre) i uppföljningen; kör kontrollerna igen.")
    override = FindingOverride.objects.filter(round=round_, digest=digest(finding.key)).first()
    if override is None:
        override = FindingOverride(
            round=round_,
            rule=finding.rule,
            object_kind=finding.kind,
            ref=finding.ref,
            digest=digest(finding.key),
        )
    override.message = finding.message
    override.justification = justification
    override.by = by
    save_by(override, by)
    RoundEvent.objects.create(
        round=round_,
        action=RoundEventKind.FINDING_OVERRIDDEN,
        by=by,
        comment=f"{finding.rule} – {finding.ref[:120]}: {justification}",
    )
    return override


def blockers_message(blocking: list[Finding]) -> str:
    shown = "; ".join(f"{f.message}" for f in blocking[:10])
    more = f" (och {len(blocking) - 10} till)" if len(blocking) > 10 else ""
    return (
        f"Kontrollerna hittar {len(blocking)} fel som måste rättas, eller godtas med motivering av en "
        f"controller, innan uppföljningen kan godkännas: {shown}{more}"
    )
