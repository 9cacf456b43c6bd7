"""Settings: every environment variable is documented, and bad values fail loudly."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
SETTINGS_PY = REPO_ROOT / "src" / "styrkedja" / "settings.py"
SETTINGS_DOC = REPO_ROOT / "docs" / "settings.md"

# os.environ.get("X", os.environ["X"], os.getenv("X", env_bool("X", env_list("X"
ENV_READ = re.compile(
    r"""(?:os\.environ\.get|os\.getenv|env_bool|env_list|env_\w+)\(\s*["']([A-Z][A-Z0-9_]*)["']"""
    r"""|os\.environ\[\s*["']([A-Z][A-Z0-9_]*)["']\s*\]"""
)


def env_vars_read_by_settings() -> set[str]:
    source = SETTINGS_PY.read_text(encoding="utf-8")
    return {a or b for a, b in ENV_READ.findall(source)}


def test_the_pattern_finds_the_variables_we_know_of() -> None:
    found = env_vars_read_by_settings()
    assert {"STYRKEDJA_SECRET_KEY", "STYRKEDJA_DEBUG", "DATABASE_URL", "STYRKEDJA_ALLOWED_HOSTS"} <= found


def test_every_environment_variable_is_documented() -> None:
    documented = set(re.findall(r"`([A-Z][A-Z0-9_]*)`", SETTINGS_DOC.read_text(encoding="utf-8")))
    missing = sorted(env_vars_read_by_settings() - documented)
    assert not missing, f"settings.py reads {missing}, which docs/settings.md does not document"


def import_settings(code: str = "import styrkedja.settings", **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("STYRKEDJA_") and k != "DATABASE_URL"}
    clean["STYRKEDJA_DATA_DIR"] = os.environ["STYRKEDJA_DATA_DIR"]
    clean.update(env)
    return subprocess.run(
        [sys.executable, "-c", code],
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_good_environment_loads() -> None:
    result = import_settings(STYRKEDJA_INSECURE_DEV="1")
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("variable", "value", "other"),
    [
        ("STYRKEDJA_DEBUG", "maybe", {}),
        ("STYRKEDJA_DEBUG", "maybe", {"STYRKEDJA_SECRET_KEY": "test-secret"}),
        # Only read when there is no secret key and DEBUG is off.
        ("STYRKEDJA_INSECURE_DEV", "perhaps", {}),
        ("DATABASE_URL", "mysql://x", {"STYRKEDJA_INSECURE_DEV": "1"}),
        ("DATABASE_URL", "mysql://x", {"STYRKEDJA_SECRET_KEY": "test-secret"}),
        ("STYRKEDJA_DB_CONN_MAX_AGE", "-1", {"STYRKEDJA_INSECURE_DEV": "1"}),
        ("STYRKEDJA_DB_CONN_MAX_AGE", "a minute", {"STYRKEDJA_INSECURE_DEV": "1"}),
    ],
)
def test_bad_value_fails_loudly(variable: str, value: str, other: dict[str, str]) -> None:
    result = import_settings(**other, **{variable: value})
    assert result.returncode != 0, f"{variable}={value!r} was accepted"
    assert variable in result.stderr, result.stderr


def test_database_connections_persist_unless_told_otherwise() -> None:
    code = "import styrkedja.settings as s; print(s.DATABASES['default']['CONN_MAX_AGE'])"
    for env, expected in (({}, "60"), ({"STYRKEDJA_DB_CONN_MAX_AGE": "0"}, "0")):
        result = import_settings(code, STYRKEDJA_INSECURE_DEV="1", **env)
        assert result.stdout.strip() == expected, (env, result.stdout, result.stderr)


def test_missing_secret_key_fails_loudly() -> None:
    result = import_settings()
    assert result.returncode != 0
    assert "STYRKEDJA_SECRET_KEY" in result.stderr, result.stderr


# Accounts and security (docs/settings.md, docs/deploy.md).
DEV = {"STYRKEDJA_INSECURE_DEV": "1"}


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("STYRKEDJA_HTTPS", "sometimes"),
        ("STYRKEDJA_SSL_REDIRECT", "2"),
        ("STYRKEDJA_HSTS_SECONDS", "a year"),
        ("STYRKEDJA_PROXY_SSL_HEADER", "X-Forwarded-Proto: https"),
        ("STYRKEDJA_PROXY_COUNT", "-1"),
        ("STYRKEDJA_CSRF_TRUSTED_ORIGINS", "styrkedja.example.se"),
        ("STYRKEDJA_CSRF_TRUSTED_ORIGINS", "https://styrkedja.example.se/path"),
        ("STYRKEDJA_SESSION_IDLE_TIMEOUT", "10"),
        ("STYRKEDJA_SESSION_MAX_AGE", "ten hours"),
        ("STYRKEDJA_PASSWORD_MIN_LENGTH", "8"),
        ("STYRKEDJA_LOGIN_FAILURE_LIMIT", "0"),
        ("STYRKEDJA_WORKERS", "0"),
        ("STYRKEDJA_EMAIL_PORT", "smtp"),
        ("STYRKEDJA_OIDC_GROUP_ROLES", "grupp-utan-roll"),
        ("STYRKEDJA_OIDC_GROUP_ROLES", "grupp=amn"),
    ],
)
def test_a_bad_security_setting_fails_loudly_naming_it(variable, value):
    result = import_settings(**DEV, **{variable: value})
    assert result.returncode != 0, f"{variable}={value!r} was accepted"
    assert variable in result.stderr, result.stderr


def test_an_idle_timeout_longer_than_the_session_fails_loudly():
    result = import_settings(**DEV, STYRKEDJA_SESSION_IDLE_TIMEOUT="7200", STYRKEDJA_SESSION_MAX_AGE="3600")
    assert result.returncode != 0 and "STYRKEDJA_SESSION_IDLE_TIMEOUT" in result.stderr


def test_single_sign_on_needs_every_endpoint_over_https():
    sso = {"STYRKEDJA_OIDC_CLIENT_ID": "styrkedja", "STYRKEDJA_OIDC_CLIENT_SECRET": "s"}
    missing = import_settings(**DEV, **sso)
    assert missing.returncode != 0 and "STYRKEDJA_OIDC_AUTHORIZATION_ENDPOINT" in missing.stderr
    endpoints = {
        f"STYRKEDJA_OIDC_{name}_ENDPOINT": f"https://login.example.se/{name.lower()}"
        for name in ("AUTHORIZATION", "TOKEN", "USERINFO", "JWKS")
    }
    assert import_settings(**DEV, **sso, **endpoints).returncode == 0
    plain = import_settings(
        **DEV, **sso, **(endpoints | {"STYRKEDJA_OIDC_TOKEN_ENDPOINT": "http://login.example.se/t"})
    )
    assert plain.returncode != 0 and "STYRKEDJA_OIDC_TOKEN_ENDPOINT" in plain.stderr


def test_an_unknown_role_in_the_group_mapping_stops_the_start():
    code = "import django; django.setup()"
    result = import_settings(
        code, **DEV, DJANGO_SETTINGS_MODULE="styrkedja.settings", STYRKEDJA_OIDC_GROUP_ROLES="g=amn:boss"
    )
    assert result.returncode != 0
    assert "STYRKEDJA_OIDC_GROUP_ROLES" in result.stderr and "boss" in result.stderr


def test_password_login_cannot_be_switched_off_without_single_sign_on():
    result = import_settings(**DEV, STYRKEDJA_LOCAL_LOGIN="0")
    assert result.returncode != 0 and "STYRKEDJA_LOCAL_LOGIN" in result.stderr


def test_production_defaults_are_https_and_development_defaults_are_not():
    code = (
        "import styrkedja.settings as s; "
        "print(s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS)"
    )
    production = import_settings(code, STYRKEDJA_SECRET_KEY="x" * 60)
    assert production.stdout.split() == ["True", "True", "True", "31536000"], production.stderr
    development = import_settings(code, **DEV)
    assert development.stdout.split() == ["False", "False", "False", "0"], development.stderr
