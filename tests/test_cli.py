import os
import subprocess
import sys
from pathlib import Path

STYRKEDJA = Path(sys.executable).parent / "styrkedja"


def run(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "STYRKEDJA_INSECURE_DEV": "1"}
    return subprocess.run([str(STYRKEDJA), *args], capture_output=True, text=True, env=env, timeout=60)


def test_the_command_offers_django_and_project_commands():
    result = run("help")
    assert result.returncode == 0
    for name in ("migrate", "runserver", "createsuperuser", "plan", "import_document", "demo"):
        assert name in result.stdout


def test_import_document_is_spelt_with_a_hyphen():
    result = run("import-document", "--help")
    assert result.returncode == 0 and "--organisation" in result.stdout


def test_the_list_of_commands_is_djangos_without_setting_django_up():
    from django.core.management import get_commands

    from styrkedja.cli import commands

    assert commands() == get_commands()


def test_help_imports_no_app():
    probe = (
        "import sys; from styrkedja.cli import main; main(['styrkedja', 'help']); "
        "from django.apps import apps; "
        "print(apps.ready, sorted(m for m in sys.modules if m.startswith(('django.db.models', 'ninja'))))"
    )
    env = {**os.environ, "STYRKEDJA_INSECURE_DEV": "1"}
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.returncode == 0 and "report" in result.stdout
    assert result.stdout.splitlines()[-1] == "False []"
