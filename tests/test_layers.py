"""The layers are enforced by the build: `make lint` runs import-linter with the contracts in
pyproject.toml. These tests run it on the real tree and on a copy with a deliberately wrong import."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINT = Path(sys.executable).parent / "lint-imports"


def lint(src: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(src)}
    return subprocess.run(
        [str(LINT), "--config", str(ROOT / "pyproject.toml"), "--no-cache"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A copy of the source tree to break."""
    src = tmp_path / "src"
    shutil.copytree(
        ROOT / "src" / "styrkedja", src / "styrkedja", ignore=shutil.ignore_patterns("__pycache__")
    )
    return src


def test_the_tree_keeps_every_contract(tmp_path):
    result = lint(ROOT / "src", tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_a_domain_app_importing_a_face_breaks_the_layers(tree, tmp_path):
    (tree / "styrkedja" / "plans" / "wrong.py").write_text("from styrkedja.web.views import common  # noqa\n")
    result = lint(tree, tmp_path)
    assert result.returncode != 0
    assert "no import runs upward BROKEN" in result.stdout
    assert "styrkedja.plans.wrong -> styrkedja.web.views.common" in result.stdout


def test_django_in_a_core_breaks_the_contract(tree, tmp_path):
    (tree / "styrkedja" / "lib" / "wrong.py").write_text("from django.db import models  # noqa\n")
    result = lint(tree, tmp_path)
    assert result.returncode != 0
    assert "The cores do not use Django BROKEN" in result.stdout


def test_two_packages_importing_each_other_break_the_contract(tree, tmp_path):
    (tree / "styrkedja" / "checks" / "wrong.py").write_text(
        "from styrkedja.analytics import schema  # noqa\n"
    )
    (tree / "styrkedja" / "analytics" / "wrong.py").write_text(
        "from styrkedja.checks import findings  # noqa\n"
    )
    result = lint(tree, tmp_path)
    assert result.returncode != 0
    assert "imports it back BROKEN" in result.stdout
