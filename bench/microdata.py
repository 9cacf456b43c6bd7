"""Indicators from microdata at national scale: DuckDB (the product) against idiomatic pandas.

    .venv/bin/python bench/microdata.py [--scale national] [--seed 1] [--keep DIR]

1. Generates the national scale (≈ 15 million course rows, ≈ 1 million enrolments, ten years).
2. Computes every definition for every period of the ten years (T1, H1, T2, the year: 40 periods) by
   total, women and men with suppression — in a fresh process, timed from the call to the result
   (checking the files, hashing them for the provenance and all queries included).
3. Computes the same with pandas (groupby per period, no Python loop over rows), in another process,
   timed from reading the files to the result, and checks that both agree cell for cell.

Last line: seconds=… ratio_vs_pandas=… peak_mb=… (target: under 5 s, at least 10 × faster than pandas,
peak memory under 4 GB; peak_mb is the DuckDB process's peak resident memory).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

FIRST_YEAR, LAST_YEAR = 2013, 2022


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cells(values: dict[str, tuple[Any, Any, Any]], suppressed: list[str]) -> dict[str, Any]:
    return {"cells": values, "suppressed": suppressed}


# --- the product ----------------------------------------------------------------------------------------


def run_duckdb(folder: Path, out: Path) -> None:
    from styrkedja.analytics.engine import compute
    from styrkedja.analytics.registry import load_registry
    from styrkedja.analytics.windows import report_periods

    registry = load_registry()
    windows = report_periods(FIRST_YEAR, LAST_YEAR)
    started = time.perf_counter()
    computation = compute(folder, windows, registry=registry)
    seconds = time.perf_counter() - started
    results = {
        f"{v.definition.id}|{v.window.code}": _cells(
            {name: (c.value, c.numerator, c.denominator) for name, c in v.cells.items()}, v.suppressed
        )
        for v in computation.values
    }
    out.write_text(json.dumps({"seconds": seconds, "peak_mb": peak_mb(), "results": results}))


# --- the baseline ---------------------------------------------------------------------------------------


def run_pandas(folder: Path, out: Path) -> None:
    import pandas as pd
    import pyarrow.parquet as pq

    from styrkedja.analytics.protection import ROOT, Counts, Table, protect
    from styrkedja.analytics.registry import Kind, load_registry
    from styrkedja.analytics.windows import report_periods

    registry = load_registry()
    windows = report_periods(FIRST_YEAR, LAST_YEAR)
    started = time.perf_counter()

    def read(table: str) -> pd.DataFrame:
        frame = pq.read_table(folder / f"{table}.parquet").to_pandas(date_as_object=False)
        for column in frame.columns:
            if str(frame[column].dtype).startswith("datetime64"):
                frame[column] = frame[column].astype("datetime64[s]")
        return frame

    tables = {name: read(name) for name in ("enrolments", "measures", "courses", "outreach")}
    e, m, c, o = (tables[n] for n in ("enrolments", "measures", "courses", "outreach"))
    passing = ["A", "B", "C", "D", "E"]
    days = pd.Timedelta(days=1)

    def population(
        date: pd.Series, where: pd.Series, frame: pd.DataFrame, num: Any = 0, den: Any = 1
    ) -> pd.DataFrame:
        chosen = where.fillna(False).astype(bool)
        out = pd.DataFrame(
            {
                "person_id": frame["person_id"],
                "sex": frame["sex"].astype(object),
                "d": date,
                "num": pd.Series(num, index=frame.index).fillna(0).astype("float64"),
                "den": pd.Series(den, index=frame.index).fillna(0).astype("float64"),
            }
        )
        return out[chosen & out["d"].notna()]

    e_age = e["enrolled_on"].dt.year - e["birth_year"]
    e_young = e_age.between(18, 29)
    e_12 = e["enrolled_on"] + pd.DateOffset(months=12)
    e_days = (e["ended_on"] - e["enrolled_on"]) / days
    o_young = (o["contacted_on"].dt.year - o["birth_year"]).between(20, 29)
    populations = {
        "jobbtorg.action_plan_5_days": population(
            e["enrolled_on"],
            pd.Series(True, index=e.index),
            e,
            e["plan_on"].notna() & (e["plan_on"] <= e["enrolled_on"] + 5 * days),
        ),
        "jobbtorg.work_or_studies_12_months": population(
            e_12,
            pd.Series(True, index=e.index),
            e,
            e["end_reason"].isin(["work", "studies"]) & (e["ended_on"] <= e_12),
        ),
        "jobbtorg.enrolment_time": population(e["ended_on"], e["ended_on"].notna(), e, e_days),
        "jobbtorg.enrolment_time_18_29": population(
            e["ended_on"], e["ended_on"].notna() & e_young, e, e_days
        ),
        "jobbtorg.work_or_studies_18_29": population(
            e["ended_on"], e["ended_on"].notna() & e_young, e, e["end_reason"].isin(["work", "studies"])
        ),
        "jobbtorg.self_sufficient_6_months": population(
            e["ended_on"] + pd.DateOffset(months=6),
            e["self_sufficient_6m"].notna(),
            e,
            e["self_sufficient_6m"].astype("boolean").fillna(False),
        ),
        "jobbtorg.stockholmsjobb": population(m["started_on"], m["kind"] == "stockholmsjobb", m),
        **{
            f"komvux.passed.{form}": population(
                c["ended_on"],
                (c["school_form"] == form) & c["completed"].astype("boolean").fillna(False),
                c,
                c["grade"].isin(passing),
            )
            for form in ("sfi", "grund", "gy_hf", "gy_yrk")
        },
        "outreach.neet_20_29_took_part": population(
            o["measure_started_on"], o["neet"] & o["measure_started_on"].notna() & o_young, o
        ),
        "outreach.neet_20_29_took_part_share": population(
            o["contacted_on"], o["neet"] & o_young, o, o["measure_started_on"].notna()
        ),
    }
    cell_of = {"M": "men", "K": "women"}
    results = {}
    all_sums: dict[tuple[str, str], dict[str, tuple[int, float, float, int]]] = {}
    for definition in registry:
        frame = populations[definition.id]
        for window in windows:
            inside = frame[
                (frame["d"] >= pd.Timestamp(window.start)) & (frame["d"] <= pd.Timestamp(window.end))
            ]
            grouped = inside.groupby("sex", dropna=False).agg(
                rows=("num", "size"), num=("num", "sum"), den=("den", "sum"), persons=("person_id", "nunique")
            )
            sums = {
                "total": (
                    len(inside),
                    inside["num"].sum(),
                    inside["den"].sum(),
                    inside["person_id"].nunique(),
                )
            }
            for name in ("men", "women", "unknown"):
                sums[name] = (0, 0.0, 0.0, 0)
            for sex, row in grouped.iterrows():  # at most three groups
                sums[cell_of.get(sex, "unknown") if isinstance(sex, str) else "unknown"] = (
                    int(row["rows"]),
                    float(row["num"]),
                    float(row["den"]),
                    int(row["persons"]),
                )
            all_sums[(definition.id, window.code)] = sums
    # The same disclosure control as the product, over the same counts (it is not what is compared).
    tables = []
    for definition in registry:
        cells_of = {}
        for window in windows:
            for name, (rows, num, den, persons) in all_sums[(definition.id, window.code)].items():
                if definition.kind is Kind.COUNT:
                    protected: tuple[float, ...] = (float(persons),)
                elif definition.kind is Kind.MEAN:
                    protected = (float(den),)
                else:
                    protected = (float(num), float(den) - float(num))
                cells_of[(window.code, ROOT, name)] = Counts(int(persons), int(rows), protected)
        tables.append(Table(definition.id, windows, {ROOT: None}, cells_of))
    protection = protect(tables, 5)
    for definition in registry:
        for window in windows:
            sums = all_sums[(definition.id, window.code)]
            hidden = protection.suppressed[(definition.id, window.code, ROOT)]
            cells = {}
            for name in ("total", "men", "women"):
                _rows, num, den, persons = sums[name]
                if name in hidden:
                    cells[name] = (None, None, None)
                elif definition.kind is Kind.COUNT:
                    cells[name] = (float(persons), float(persons), None)
                else:
                    cells[name] = (definition.compute_value(float(num), float(den)), float(num), float(den))
            results[f"{definition.id}|{window.code}"] = _cells(cells, hidden)
    seconds = time.perf_counter() - started
    out.write_text(json.dumps({"seconds": seconds, "peak_mb": peak_mb(), "results": results}))


# --- driver ---------------------------------------------------------------------------------------------


def child(phase: str, folder: Path, out: Path) -> dict[str, Any]:
    subprocess.run([sys.executable, __file__, "--phase", phase, str(folder), str(out)], check=True)
    result: dict[str, Any] = json.loads(out.read_text())
    return result


def same(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is b
    return abs(float(a) - float(b)) <= 1e-9 * max(1.0, abs(float(a)))


def compare(product: dict[str, Any], baseline: dict[str, Any]) -> list[str]:
    problems = []
    if set(product) != set(baseline):
        problems.append(f"different keys: {sorted(set(product) ^ set(baseline))[:5]}")
    for key in sorted(set(product) & set(baseline)):
        p, b = product[key], baseline[key]
        if p["suppressed"] != b["suppressed"]:
            problems.append(f"{key}: suppressed {p['suppressed']} vs {b['suppressed']}")
        for cell in ("total", "men", "women"):
            if not all(same(x, y) for x, y in zip(p["cells"][cell], b["cells"][cell], strict=True)):
                problems.append(f"{key} {cell}: {p['cells'][cell]} vs {b['cells'][cell]}")
    return problems


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scale", default="national", choices=["small", "city", "national"])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="generate into (or reuse) this folder and keep it")
    parser.add_argument("--phase", nargs=3, metavar=("PHASE", "FOLDER", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        phase, folder, out = args.phase
        {"duckdb": run_duckdb, "pandas": run_pandas}[phase](Path(folder), Path(out))
        return

    from styrkedja.analytics.generate import generate

    with tempfile.TemporaryDirectory(prefix="styrkedja-bench-") as scratch:
        folder = args.keep or Path(scratch) / "microdata"
        if not (folder / "courses.parquet").exists():
            started = time.perf_counter()
            counts = generate(folder, scale=args.scale, seed=args.seed, last_year=LAST_YEAR)
            print(f"generated {args.scale}: {counts} in {time.perf_counter() - started:.1f} s", flush=True)
            os.sync()  # the files on disk before timing: not the kernel writing them back meanwhile
        product = child("duckdb", folder, Path(scratch) / "duckdb.json")
        print(f"duckdb: {product['seconds']:.2f} s, peak {product['peak_mb']:.0f} MB", flush=True)
        baseline = child("pandas", folder, Path(scratch) / "pandas.json")
        print(f"pandas: {baseline['seconds']:.2f} s, peak {baseline['peak_mb']:.0f} MB", flush=True)
        problems = compare(product["results"], baseline["results"])
        print(f"compared {len(product['results'])} values × 3 cells: {len(problems)} differences", flush=True)
        for problem in problems[:10]:
            print("  " + problem)
        if problems:
            sys.exit(1)
        load = os.getloadavg()[0]
        print(f"load average at the end: {load:.1f} on {os.cpu_count()} cores")
        print(
            f"seconds={product['seconds']:.2f} ratio_vs_pandas={baseline['seconds'] / product['seconds']:.1f} "
            f"peak_mb={product['peak_mb']:.0f}"
        )


if __name__ == "__main__":
    main()
