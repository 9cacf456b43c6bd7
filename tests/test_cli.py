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


def test_a_pdf_report_reads_the_fonts_while_django_sets_up_and_nothing_else_does():
    from styrkedja.cli import sets_type

    assert sets_type(
        ["styrkedja", "report", "--organisation", "amn", "--period", "2021-T1", "--format", "pdf"]
    )
    assert sets_type(["styrkedja", "report", "--format=pdf", "-o", "t1.pdf"])
    assert not sets_type(["styrkedja", "report", "--format", "docx", "-o", "pdf"])
    assert not sets_type(["styrkedja", "check", "--format", "pdf"])
    assert not sets_type(["styrkedja"])


def test_the_font_book_is_read_once_even_by_two_threads_at_once():
    from styrkedja.reports.renderers import typesetting

    thread = typesetting.read_fonts_in_background()
    book = typesetting.font_book()
    thread.join()
    assert typesetting.font_book() is book and len(typesetting._BOOK) == 1
