"""A production environment for commands run as a real process: no development key, HTTPS behind a
TLS-terminating proxy, its own SQLite database."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

HOST = "styrkedja.example.se"


def production_env(data_dir: Path, **extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("STYRKEDJA_", "DJANGO_")) and k != "DATABASE_URL"
    }
    env.update(
        {
            "STYRKEDJA_SECRET_KEY": secrets.token_urlsafe(50),
            "STYRKEDJA_ALLOWED_HOSTS": HOST,
            "STYRKEDJA_DATA_DIR": str(data_dir),
            "DATABASE_URL": f"sqlite:///{data_dir / 'styrkedja.sqlite3'}",
            "STYRKEDJA_PROXY_SSL_HEADER": "X-Forwarded-Proto",
            "STYRKEDJA_PROXY_COUNT": "1",
            "STYRKEDJA_CSRF_TRUSTED_ORIGINS": f"https://{HOST}",
            **extra,
        }
    )
    return env


def styrkedja(env: dict[str, str], *args: str, timeout: float = 180) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "styrkedja", *args], env=env, capture_output=True, text=True, timeout=timeout
    )


@pytest.fixture(scope="module")
def production(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    data_dir = tmp_path_factory.mktemp("production")
    return production_env(data_dir)
