"""Time the API's read of a whole plan and the Excel export of the demo's 48-indicator T1 2021 round, each
against baselines measured in the same run: the web's plan page (the same plan as HTML); the web's
indicator page of the same round (the same 48 rows as HTML, from its page cache), and the floor of any
.xlsx export: openpyxl writing the same cells as plain values, without styles, locks or validation. In process, through Django's test client (no
network), as the controller with a read token for the API; the median of --runs after a warm-up.

    .venv/bin/python bench/api.py [--runs 20]

Last line: plan_read_ms=… excel_export_ms=… (target: a plan read under 100 ms, the export under 500 ms).
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def median_ms(function: Callable[[], object], runs: int) -> float:
    function()  # warm up (imports, caches)
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings) * 1000


def plain_workbook(rows: list[list[object]]) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()

    data_dir = tempfile.mkdtemp(prefix="styrkedja-bench-api-")
    os.environ["STYRKEDJA_DATA_DIR"] = data_dir
    os.environ.setdefault("STYRKEDJA_INSECURE_DEV", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "styrkedja.settings")
    os.environ.pop("DATABASE_URL", None)
    try:
        import django

        django.setup()
        from django.conf import settings
        from django.contrib.auth import get_user_model
        from django.core.management import call_command
        from django.test import Client
        from openpyxl import load_workbook

        from styrkedja.exchange import excel
        from styrkedja.exchange.tokens import create_token
        from styrkedja.followup.models import Round

        settings.ALLOWED_HOSTS = ["testserver"]  # Django's test client's host name
        call_command("migrate", verbosity=0)
        with open(os.devnull, "w") as quiet:
            call_command("demo", stdout=quiet)
        round_ = Round.objects.select_related("plan").get(period="2021-T1")
        plan = round_.plan
        controller = get_user_model().objects.get(username="controller")
        _, token = create_token(controller, name="bench", scope="read", days=1)
        api = Client(headers={"Authorization": f"Bearer {token}"})
        web = Client()
        web.force_login(controller)

        def get(client: Client, path: str) -> bytes:
            response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)
            return response.content

        plan_json = get(api, f"/api/v1/plans/{plan.pk}")
        workbook = get(web, f"/uppfoljningar/{round_.pk}/excel/arbetsbok.xlsx")
        rows = sum(
            ws.max_row - 4
            for ws in load_workbook(io.BytesIO(workbook)).worksheets[1:]
            if ws.title not in (excel.ECONOMY_SHEET, excel.ECONOMY_META)
        )
        print(f"plan {plan.year} of {plan.organisation.code}: {len(plan_json)} bytes of JSON")
        print(f"round {round_.period}: {rows} indicator rows in the workbook, {len(workbook)} bytes")

        api_ms = median_ms(lambda: get(api, f"/api/v1/plans/{plan.pk}"), args.runs)
        page_ms = median_ms(lambda: get(web, f"/planer/{plan.pk}/"), args.runs)
        excel_ms = median_ms(lambda: get(web, f"/uppfoljningar/{round_.pk}/excel/arbetsbok.xlsx"), args.runs)
        table_ms = median_ms(lambda: get(web, f"/uppfoljningar/{round_.pk}/indikatorer/"), args.runs)
        cells = [
            list(row)
            for ws in load_workbook(io.BytesIO(workbook)).worksheets
            for row in ws.iter_rows(values_only=True)
        ]
        floor_ms = median_ms(lambda: plain_workbook(cells), args.runs)
        print(f"baseline: the web's plan page {page_ms:.1f} ms")
        print(
            f"baseline: the round's indicator page {table_ms:.1f} ms; plain openpyxl, same cells {floor_ms:.1f} ms"
        )
        print(f"ratio: plan read {api_ms / page_ms:.2f} × the plan page")
        print(
            f"ratio: excel export {excel_ms / table_ms:.2f} × the indicator page, "
            f"{excel_ms / floor_ms:.2f} × plain openpyxl"
        )
        print(f"plan_read_ms={api_ms:.1f} excel_export_ms={excel_ms:.1f}")
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
