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
