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

Last line: pdf_seconds=… docx_seconds=… weasyprint_seconds=… ratio_vs_weasyprint=…
(target: PDF under 1 s and at least 5 × faster than WeasyPrint).
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import logging
import os
import pickle
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
    args = parser.parse_args()
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


if __name__ == "__main__":
    main()
