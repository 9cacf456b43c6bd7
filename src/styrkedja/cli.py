"""The `styrkedja` command: Django's manage.py plus the project's own commands."""

from __future__ import annotations

import os
import sys

# Commands whose public name is not a valid Python module name.
ALIASES = {"import-document": "import_document"}


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "styrkedja.settings")
    args = list(sys.argv if argv is None else argv)
    if len(args) > 1 and args[1] in ALIASES:
        args[1] = ALIASES[args[1]]
    from django.core.management import execute_from_command_line

    execute_from_command_line(args)


if __name__ == "__main__":
    main()
