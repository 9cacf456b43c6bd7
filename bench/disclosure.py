"""The cost of the disclosure control in information: the share of shown cells suppressed, per scale.

    .venv/bin/python bench/disclosure.py [--scales small,city,national] [--year 2021] [--seed 3]

For each scale: generates the microdata, computes every definition for T1, H1, T2 and the year published
together (with the committee's units at the small and city scales), and prints the share of cells
(total, women, men of every indicator, window and unit) suppressed before — the earlier rule, persons
only and one table at a time (`disclosure.suppressed_cells`) — and after (protection.py), with the time
the computation took. tests/analytics/test_protection.py attacks the same published sets.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scales", default="small,city,national")
    parser.add_argument("--year", type=int, default=2021)
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args()

    from styrkedja.analytics.disclosure import suppressed_cells
    from styrkedja.analytics.engine import compute
    from styrkedja.analytics.generate import generate
    from styrkedja.analytics.windows import report_periods

    for scale in args.scales.split(","):
        with tempfile.TemporaryDirectory(prefix="styrkedja-disclosure-") as folder:
            generate(Path(folder), scale=scale, seed=args.seed, last_year=2022)
            started = time.perf_counter()
            computation = compute(Path(folder), report_periods(args.year, args.year))
            seconds = time.perf_counter() - started
            for label, values in (
                ("selection", computation.values),
                ("with units", [*computation.values, *computation.units]),
            ):
                cells = 3 * len(values)
                before = sum(len(suppressed_cells(v.persons)) for v in values)
                after = sum(len(v.suppressed) for v in values)
                print(
                    f"{scale:<9} {label:<10} cells={cells:>5} before={before / cells:6.1%} "
                    f"after={after / cells:6.1%} at_risk={len(computation.at_risk)} seconds={seconds:.1f}",
                    flush=True,
                )


if __name__ == "__main__":
    main()
