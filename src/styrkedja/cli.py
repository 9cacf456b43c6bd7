"""The `styrkedja` command: Django's manage.py plus the project's own commands."""

from __future__ import annotations

import os
import sys
from collections import defaultdict
from importlib.util import find_spec
from pathlib import Path

# Commands whose public name is not a valid Python module name.
ALIASES = {"import-document": "import_document"}
# The list of commands needs no set-up of Django (which imports every app's models): it is read from the
# apps' `management/commands` folders, found without importing the apps.
HELP: tuple[list[str], ...] = ([], ["help"], ["--help"], ["-h"])


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "styrkedja.settings")
    args = list(sys.argv if argv is None else argv)
    if args[1:] in HELP:
        sys.stdout.write(help_text(os.path.basename(args[0]) if args else "styrkedja") + "\n")
        return
    if len(args) > 1 and args[1] in ALIASES:
        args[1] = ALIASES[args[1]]
    if sets_type(args):
        from styrkedja.reports.renderers.typesetting import read_fonts_in_background

        read_fonts_in_background()
    from django.core.management import execute_from_command_line

    execute_from_command_line(args)


def sets_type(args: list[str]) -> bool:
    """Whether the command builds a PDF (`report … --format pdf`): then Typst's fonts are read while Django
    sets itself up."""
    if args[1:2] != ["report"]:
        return False
    pairs = zip(args, [*args[1:], ""], strict=True)
    return any(a == "--format=pdf" or (a == "--format" and b == "pdf") for a, b in pairs)


def commands() -> dict[str, str]:
    """{command: the app that has it}, as Django's `get_commands`, without setting Django up."""
    from django.conf import settings
    from django.core import management

    found = {name: "django.core" for name in management.find_commands(management.__path__[0])}
    for app in reversed(settings.INSTALLED_APPS):
        top, *rest = app.split(".")
        spec = find_spec(top)  # not the app's own: that would import its parent packages
        for folder in spec.submodule_search_locations or [] if spec is not None else []:
            found.update(dict.fromkeys(management.find_commands(str(Path(folder, *rest, "management"))), app))
    return found


def help_text(prog: str) -> str:
    """Django's list of subcommands, grouped by app."""
    from django.core.management.color import color_style

    by_app: dict[str, list[str]] = defaultdict(list)
    for name, app in commands().items():
        by_app["django" if app == "django.core" else app.rpartition(".")[-1]].append(name)
    style = color_style()
    lines = [
        "",
        f"Type '{prog} help <subcommand>' for help on a specific subcommand.",
        "",
        "Available subcommands:",
    ]
    for app in sorted(by_app):
        lines += ["", style.NOTICE(f"[{app}]"), *(f"    {name}" for name in sorted(by_app[app]))]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
