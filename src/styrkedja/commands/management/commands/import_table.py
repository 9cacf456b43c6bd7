"""`styrkedja import-table FILE --mapping NAME [--dry-run]`: indicator values or budget and accounting
figures from a CSV or XLSX table, its columns mapped by the source's saved mapping (docs/table-import.md).
`--kind`, `--organisation` and `--map FIELD=COLUMN` make or change the mapping first."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from styrkedja.commands import lookup
from styrkedja.exchange import tables
from styrkedja.exchange.models import TableMapping
from styrkedja.lib.numbers import format_exact
from styrkedja.lib.vocabulary import ImportKind, VersionKind


class Command(BaseCommand):
    help = "Import indicator values or budget figures from a CSV or XLSX table with a saved column mapping."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--mapping", required=True, help="the source's mapping, e.g. 'SCB Kolada-export'")
        parser.add_argument("--dry-run", action="store_true", help="list what would be stored; store nothing")
        parser.add_argument("--organisation", help="the organisation (code) the values belong to")
        parser.add_argument("--kind", choices=ImportKind.values, help="make or change the mapping: its kind")
        parser.add_argument(
            "--map", action="append", default=[], metavar="FIELD=COLUMN", help="make or change the mapping"
        )
        parser.add_argument("--year", type=int, help="budget: the year of every row (without a year column)")
        parser.add_argument(
            "--budget-version", choices=VersionKind.values, help="budget: the version (default outcome)"
        )
        parser.add_argument(
            "--budget-column-version",
            choices=VersionKind.values,
            help="budget: the version the 'budget' column goes into (default adjusted)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"{path}: {exc}") from exc
        mapping = self._mapping(options)
        code = options["organisation"] or mapping.options.get("organisation")
        if not code:
            raise CommandError("name the organisation: --organisation CODE (it is saved with the mapping)")
        organisation = lookup.organisation(code)
        try:
            result = tables.review_table(
                organisation, mapping.kind, data, path.name, mapping.columns, mapping.options
            )
        except tables.TableError as exc:
            raise CommandError(f"{path}: {exc}") from exc
        for row in result.rows:
            changes = ", ".join(
                f"{name} {_shown(row.old.get(name))} -> {_shown(value)}"
                for name, value in row.new.items()
                if row.old.get(name) != value
            )
            note = f" (note {row.note})" if row.note else ""
            self.stdout.write(f"  line {row.line}: {row.what} {row.period}: {changes}{note}")
        for skipped in result.skipped:
            self.stdout.write(f"  line {skipped.line}: skipped: {skipped.reason}")
        if options["dry_run"]:
            self.stdout.write(
                f"would store {len(result.rows)} rows ({result.unchanged} unchanged, {len(result.skipped)} skipped)"
            )
            return
        try:
            _, log = tables.store_table(
                organisation, mapping.kind, data, path.name, mapping, by=None, planned=result
            )
        except tables.NotStored as exc:
            raise CommandError(f"{path}: {exc}") from exc
        self.stdout.write(f"stored {log.stored} rows, skipped {log.skipped} (sha256 {log.sha256[:12]}…)")

    def _mapping(self, options: dict[str, Any]) -> TableMapping:
        name = options["mapping"]
        mapping = TableMapping.objects.filter(name=name).first()
        if options["map"] or options["kind"]:
            kind = options["kind"] or (mapping.kind if mapping else None)
            if kind is None:
                raise CommandError("a new mapping needs --kind")
            columns = dict(mapping.columns) if mapping and mapping.kind == kind else {}
            for item in options["map"]:
                field, sep, column = item.partition("=")
                if not sep or field not in tables.FIELDS[kind]:
                    raise CommandError(
                        f"--map {item}: write FIELD=COLUMN, FIELD one of {', '.join(tables.FIELDS[kind])}"
                    )
                columns[field] = column
            settings = dict(mapping.options) if mapping else {}
            for key, option in (
                ("organisation", "organisation"),
                ("year", "year"),
                ("version", "budget_version"),
                ("budget_column", "budget_column_version"),
            ):
                if options[option]:
                    settings[key] = options[option]
            mapping = tables.save_mapping(name, kind, columns, settings, by=None)
        if mapping is None:
            names = ", ".join(TableMapping.objects.values_list("name", flat=True)) or "none yet"
            raise CommandError(
                f"no mapping '{name}' (saved mappings: {names}); make one with --kind and --map"
            )
        return mapping


def _shown(value: Any) -> str:
    return "-" if value is None else format_exact(value).replace("\u00a0", " ")
