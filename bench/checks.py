"""Time every consistency check on a full report: the T1 2021 seed as printed (48 indicators, 55
activities, 22 goals), or the demo's T1 round when the seeds are absent. The baseline, measured in the
same run, is building the report document from the database — the step every check run starts with.

    .venv/bin/python bench/checks.py [--runs 30]

Last line: seconds=… (the median time of all checks on the document; target: under 0.5 s). The spelling
rule's dictionary answers are kept per process; the first run in a process, which asks the `hunspell`
program every word, is printed on a line of its own.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seeds" / "002_92e32f79cbecfdb4.txt"


def median_seconds(function: Callable[[], object], runs: int) -> float:
    function()  # warm up (imports, caches)
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()

    data_dir = tempfile.mkdtemp(prefix="styrkedja-bench-checks-")
    os.environ["STYRKEDJA_DATA_DIR"] = data_dir
    os.environ.setdefault("STYRKEDJA_INSECURE_DEV", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "styrkedja.settings")
    os.environ.pop("DATABASE_URL", None)
    try:
        import django

        django.setup()
        from django.core.management import call_command

        from styrkedja.checks import run_checks
        from styrkedja.checks.spelling import forget as forget_spelling
        from styrkedja.checks.text import clear_caches
        from styrkedja.followup.checking import checks_config
        from styrkedja.followup.documents import build_followup_document
        from styrkedja.followup.models import Round

        call_command("migrate", verbosity=0)
        if SEED.is_file():
            with open(os.devnull, "w") as quiet:
                call_command("import_document", str(SEED), "--organisation", "amn", stdout=quiet)
            source = "the T1 2021 seed as printed"
        else:
            with open(os.devnull, "w") as quiet:
                call_command("demo", stdout=quiet)
            source = "the demo's T1 2021 round (seeds absent)"
        round_ = Round.objects.get(period="2021-T1")
        config = checks_config()
        doc = build_followup_document(round_)
        findings = run_checks(doc, config)
        indicators = sum(len(g.indicators) for g in doc.all_goals())
        activities = sum(len(g.activities) for g in doc.all_goals())

        build = median_seconds(lambda: build_followup_document(round_), args.runs)
        checks = median_seconds(lambda: (clear_caches(), run_checks(doc, config)), args.runs)  # cold caches
        # the first run in a process also asks the spelling dictionary (the hunspell program) every word
        forget_spelling()
        clear_caches()
        start = time.perf_counter()
        run_checks(doc, config)
        first = time.perf_counter() - start
        print(
            f"report: {source}: {len(doc.all_goals())} goals, {indicators} indicators, {activities} activities"
        )
        print(f"findings: {len(findings)}")
        print(
            f"baseline: build the report document from the database: {build * 1000:.1f} ms (median of {args.runs})"
        )
        print(f"checks: all rules on the document: {checks * 1000:.1f} ms (median of {args.runs})")
        print(f"checks, first run in a process (hunspell asked every word): {first * 1000:.1f} ms")
        print(f"ratio checks/baseline: {checks / build:.2f}")
        print(f"seconds={checks:.4f}")
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
