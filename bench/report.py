"""Build the full T1 2021 report (imported from the seed) as PDF (Typst) and DOCX, and render the same
report's HTML with WeasyPrint as the baseline, in one run.

    .venv/bin/python bench/report.py [--runs 5]

The seed is imported once into a throwaway database and the report document is built from it; every
timing below starts from that document (data in memory, no database).

- pdf_seconds: median over --runs fresh processes of building the PDF (content, layout, fonts,
  PDF/A + PDF/UA tagging), timed inside the process, so a process's cold start of Typst is included.
  The whole process (interpreter and imports too) is reported on a line of its own, and so are fresh
  processes building the DOCX (charts drawn by Typst) and the HTML (charts as SVG): what a command waits.
- docx_seconds: median over --runs builds in this process (the DOCX renderer, when it is installed).
- weasyprint_seconds: median over --runs of WeasyPrint turning the report's HTML (the same content, with
  its inline SVG charts) into a PDF, in this process, after one warm-up run (which favours WeasyPrint).

End to end, as a user waits at the command line (`--only end-to-end` runs this part alone): the demo is
loaded into a throwaway database, then each command runs --runs times as a whole fresh process —
interpreter, imports, Django's set-up, the database reads, the build, the file written:

- `styrkedja report --organisation amn --period 2021-T1 --format pdf` (target: under 1.0 s);
- the same as DOCX: the first build, which draws the charts and stores them in the database, on a line
  of its own, then the later ones, which take them from there (target: under 1.5 s);
- `styrkedja help` (the list of commands);
- the baseline, in the same run: `python -c pass`, the interpreter alone. Each line gives the ratio to it.

Python's byte code is cached (in a throwaway folder, PYTHONPYCACHEPREFIX, after one warm-up run) as on
any installed system, whatever PYTHONDONTWRITEBYTECODE says.

Last lines: pdf_seconds=… docx_seconds=… weasyprint_seconds=… ratio_vs_weasyprint=… (target: PDF under
1 s and at least 5 × faster than WeasyPrint), then end_to_end_pdf_seconds=… end_to_end_docx_seconds=…
help_seconds=… baseline_seconds=… ratio_pdf_vs_baseline=… ratio_docx_vs_baseline=….
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import logging
import os
import pickle
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seeds" / "002_92e32f79cbecfdb4.txt"

FRESH_RUN = """
import importlib, pickle, sys, time
with open(sys.argv[1], "rb") as f:
    doc = pickle.load(f)
start = time.perf_counter()
renderer = importlib.import_module("styrkedja.reports.renderers." + sys.argv[2])
data = renderer.render(doc)
print(time.perf_counter() - start, len(data))
"""


def prepare(workdir: Path) -> Path:
    """Import the seed into a fresh database and pickle the report document built from it."""
    os.environ["STYRKEDJA_DATA_DIR"] = str(workdir)
    os.environ.setdefault("STYRKEDJA_INSECURE_DEV", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "styrkedja.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from styrkedja.followup.documents import build_followup_document
    from styrkedja.followup.models import Round

    call_command("migrate", verbosity=0)
    call_command("import_document", str(SEED), "--organisation", "amn", verbosity=0, stdout=io.StringIO())
    doc = build_followup_document(Round.objects.get(period="2021-T1"))
    path = workdir / "t1.pickle"
    path.write_bytes(pickle.dumps(doc))
    return path


def fresh_runs(document: Path, fmt: str, runs: int) -> tuple[list[float], list[float], int]:
    """(seconds inside each process, seconds of each whole process, the output's size)."""
    inside, whole = [], []
    size = 0
    for _ in range(runs):
        start = time.perf_counter()
        out = subprocess.run(
            [sys.executable, "-c", FRESH_RUN, str(document), fmt], check=True, capture_output=True, text=True
        ).stdout.split()
        whole.append(time.perf_counter() - start)
        inside.append(float(out[0]))
        size = int(out[1])
    return inside, whole, size


CPU: list[float] = []  # the processor seconds (user and system) of each process whole_process ran last


def whole_process(argv: list[str], env: dict[str, str], runs: int) -> list[float]:
    """Seconds of each of `runs` fresh processes running `argv` to the end (wall clock; their processor
    seconds in CPU, which a busy machine disturbs less)."""
    out = []
    CPU.clear()
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(argv, check=True, capture_output=True, env=env)
        out.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        CPU.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return out


def measured(argv: list[str], env: dict[str, str], runs: int) -> tuple[float, float]:
    """(median wall-clock seconds, median processor seconds) of `runs` fresh processes."""
    wall = statistics.median(whole_process(argv, env, runs))
    return wall, statistics.median(CPU)


def end_to_end(runs: int) -> None:
    """The commands as a user runs them, each a whole fresh process, against the demo's database."""
    styrkedja = str(Path(sys.executable).with_name("styrkedja"))
    with tempfile.TemporaryDirectory(prefix="styrkedja-bench-e2e-") as tmp:
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "DATABASE_URL")}
        env.update(
            STYRKEDJA_DATA_DIR=str(Path(tmp, "data")),
            STYRKEDJA_INSECURE_DEV="1",
            PYTHONPYCACHEPREFIX=str(Path(tmp, "pycache")),
        )
        Path(tmp, "data").mkdir()
        subprocess.run([styrkedja, "migrate", "-v0"], check=True, env=env, capture_output=True)
        subprocess.run([styrkedja, "demo"], check=True, env=env, capture_output=True)

        def report(fmt: str) -> list[str]:
            out = str(Path(tmp, f"t1.{fmt}"))
            return [
                styrkedja,
                "report",
                "--organisation",
                "amn",
                "--period",
                "2021-T1",
                "--format",
                fmt,
                "-o",
                out,
            ]

        whole_process(report("pdf"), env, 1)  # warm-up: byte code written, files in the page cache
        baseline, baseline_cpu = measured([sys.executable, "-c", "pass"], env, runs)
        pdf, pdf_cpu = measured(report("pdf"), env, runs)
        docx_first, docx_first_cpu = measured(report("docx"), env, 1)  # draws the charts and stores them
        docx, docx_cpu = measured(report("docx"), env, runs)
        helped, help_cpu = measured([styrkedja, "help"], env, runs)
    print(
        f"end to end, the demo's T1 2021 round, median of {runs} fresh processes each (wall clock; processor):"
    )
    print(f"  baseline (python -c pass): {baseline:.3f} s; {baseline_cpu:.3f} s")
    lines = (
        ("styrkedja report --format pdf", pdf, pdf_cpu, "; target under 1.0 s"),
        (
            "styrkedja report --format docx, first build (charts drawn, stored)",
            docx_first,
            docx_first_cpu,
            "",
        ),
        ("styrkedja report --format docx", docx, docx_cpu, "; target under 1.5 s"),
        ("styrkedja help", helped, help_cpu, ""),
    )
    for name, wall, cpu, target in lines:
        print(f"  {name}: {wall:.3f} s; {cpu:.3f} s ({wall / baseline:.1f} × baseline{target})")
    print(
        f"end_to_end_pdf_seconds={pdf:.3f} end_to_end_docx_seconds={docx:.3f} help_seconds={helped:.3f} "
        f"baseline_seconds={baseline:.3f} pdf_cpu_seconds={pdf_cpu:.3f} docx_cpu_seconds={docx_cpu:.3f} "
        f"ratio_pdf_vs_baseline={pdf / baseline:.1f} ratio_docx_vs_baseline={docx / baseline:.1f}"
    )


def timed(fn, runs: int) -> list[float]:  # type: ignore[no-untyped-def]
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", choices=["end-to-end"], help="run only the end-to-end part")
    args = parser.parse_args()
    if args.only == "end-to-end":
        end_to_end(args.runs)
        return
    if not SEED.is_file():
        sys.exit(f"bench/report.py: the seed {SEED.name} is not in ../shared/seeds/")
    with tempfile.TemporaryDirectory(prefix="styrkedja-bench-report-") as tmp:
        workdir = Path(tmp)
        document = prepare(workdir)
        doc = pickle.loads(document.read_bytes())

        from styrkedja.reports.renderers import html, pdf

        pdf_inside, pdf_whole, pdf_size = fresh_runs(document, "pdf", args.runs)
        fresh = {fmt: fresh_runs(document, fmt, args.runs)[1] for fmt in ("docx", "html")}
        pdf_bytes = pdf.render(doc)
        pages = (
            pdf_bytes.count(b"/Type /Page\n")
            or pdf_bytes.count(b"/Type/Page/")
            or pdf_bytes.count(b"/Type /Page")
        )
        (workdir / "t1.pdf").write_bytes(pdf_bytes)
        try:
            info = subprocess.run(["pdfinfo", str(workdir / "t1.pdf")], capture_output=True, text=True).stdout
            pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
        except (OSError, StopIteration, ValueError):
            pass

        if importlib.util.find_spec("styrkedja.reports.renderers.docx") is not None:
            from styrkedja.reports.renderers import docx

            docx_times = timed(lambda: docx.render(doc), args.runs)
            docx_median = f"{statistics.median(docx_times):.3f}"
            docx_note = f"docx: {len(docx.render(doc))} bytes"
        else:
            docx_median = "n/a"
            docx_note = "docx: the DOCX renderer is not installed yet; not measured"

        page = html.render(doc).decode("utf-8")
        logging.getLogger("weasyprint").setLevel(logging.ERROR)  # it warns about every SVG property it skips
        from weasyprint import HTML

        HTML(string=page).write_pdf()  # warm-up: fonts and CSS machinery loaded once
        weasy_times = timed(lambda: HTML(string=page).write_pdf(), args.runs)

    pdf_median = statistics.median(pdf_inside)
    weasy_median = statistics.median(weasy_times)
    print(f"pdf: {pages} pages, {pdf_size} bytes; each run: " + " ".join(f"{t:.3f}" for t in pdf_inside))
    print(
        f"pdf: whole fresh process (interpreter, imports, build): median {statistics.median(pdf_whole):.3f} s"
    )
    for fmt, times in fresh.items():
        print(
            f"{fmt}: whole fresh process (interpreter, imports, build): median {statistics.median(times):.3f} s"
        )
    print(docx_note)
    print("weasyprint: each run: " + " ".join(f"{t:.3f}" for t in weasy_times))
    print(
        f"pdf_seconds={pdf_median:.3f} docx_seconds={docx_median} weasyprint_seconds={weasy_median:.3f} "
        f"ratio_vs_weasyprint={weasy_median / pdf_median:.1f}"
    )
    end_to_end(args.runs)


if __name__ == "__main__":
    main()
