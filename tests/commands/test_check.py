"""`styrkedja check` without --organisation is Django's system check, --deploy included; with production
settings the deployment check reports nothing."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.commands.conftest import production_env, styrkedja


def test_with_production_settings_the_deployment_check_reports_nothing(production):
    result = styrkedja(production, "check", "--deploy")
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout, result.stdout + result.stderr


def test_the_deployment_check_names_what_a_development_setup_lacks(tmp_path):
    result = styrkedja(
        production_env(tmp_path, STYRKEDJA_HTTPS="0", STYRKEDJA_SECRET_KEY="short"), "check", "--deploy"
    )
    for warning in ("security.W004", "security.W008", "security.W009", "security.W012", "security.W016"):
        assert warning in result.stderr, result.stderr


def test_without_an_organisation_it_runs_the_system_checks(capsys):
    call_command("check")
    assert "System check identified no issues" in capsys.readouterr().out


def test_a_period_without_an_organisation_is_refused_by_name():
    with pytest.raises(CommandError, match="--organisation"):
        call_command("check", "--period", "2021-T1")


def test_an_organisation_without_a_period_or_plan_is_refused_by_name(db):
    with pytest.raises(CommandError, match="--period --plan"):
        call_command("check", "--organisation", "amn")
