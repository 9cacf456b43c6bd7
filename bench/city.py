"""The whole city: a 30-committee synthetic city (≈60 indicators and ≈40 activities each) with its rounds
T1, T2 and the year, and a 10-committee city beside it in a database of its own. Measures the roll-up
(JSON, in the process that serves it), the city office's page under 20 concurrent logged-in clients
(gunicorn on loopback; wrk when installed, else Python threads, as bench/web.py), the page's queries for
10 and for 30 committees, and the city's annual report as PDF.

    .venv/bin/python bench/city.py [--committees 30] [--seconds 10] [--clients 20]

The login page, served by the same server in the same run, is the baseline (the machine may be shared).
Last line: rollup_seconds=… page_p95_ms=… queries_10=… queries_30=… report_seconds=…
(targets: roll-up under 0.5 s, page p95 under 300 ms, the same queries for 10 and 30, the PDF under 10 s).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from web import manage, serve_and_load

CITY = "exempelstad"
PERIODS = "T1,T2,VB"


def environment(data: str) -> dict[str, str]:
    env = {
        **os.environ,
        "STYRKEDJA_DATA_DIR": data,
        "STYRKEDJA_SECRET_KEY": "bench-" + "x" * 40,
        "STYRKEDJA_DEBUG": "0",
        "DJANGO_SETTINGS_MODULE": "styrkedja.settings",
        "STYRKEDJA_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "STYRKEDJA_HTTPS": "0",  # plain HTTP on loopback: no redirect to https
    }
    env.pop("DATABASE_URL", None)
    return env


def city_database(data: str, committees: int, periods: str) -> dict[str, str]:
    env = environment(data)
    manage(env, "migrate", "-v0")
    manage(env, "demo", "--quiet-login")  # the demo users (controller / demo)
    files = str(Path(data) / "city")
    manage(
        env,
        "city",
        "generate",
        "--committees",
        str(committees),
        "--seed",
        "1",
        "--periods",
        periods,
        "-o",
        files,
    )
    manage(env, "city", "load", files)
    grant = (
        "from styrkedja.organisations.models import Membership, Organisation, Role;"
        "from django.contrib.auth import get_user_model;"
        "u=get_user_model().objects.get(username='controller');"
        f"Membership.objects.update_or_create(user=u, organisation=Organisation.objects.get(code='{CITY}'),"
        " defaults={'role': Role.CONTROLLER})"
    )
    manage(env, "shell", "-c", grant)
    return env


def page_queries(env: dict[str, str], path: str) -> int:
    code = (
        "from django.test import Client;from django.test.utils import CaptureQueriesContext;"
        "from django.db import connection;from django.contrib.auth import get_user_model;c=Client();"
        "c.force_login(get_user_model().objects.get(username='controller'));"
        f"c.get('{path}');\nwith CaptureQueriesContext(connection) as q: r=c.get('{path}')\n"
        "assert r.status_code==200, r.status_code;print(len(q))"
    )
    return int(manage(env, "shell", "-c", code).strip().splitlines()[-1])


def rollup_seconds(env: dict[str, str], period: str) -> float:
    """The median of five roll-ups to JSON text, in one process (the command's start-up aside)."""
    code = (
        "import json,time,statistics;from styrkedja.followup.city_rollup import city_rollup;"
        "from styrkedja.reports.city import rollup_json;"
        f"from styrkedja.organisations.models import Organisation;o=Organisation.objects.get(code='{CITY}');"
        "t=[]\nfor _ in range(5):\n s=time.perf_counter();json.dumps(rollup_json(city_rollup(o,"
        f"'{period}')));t.append(time.perf_counter()-s)\nprint(statistics.median(t))"
    )
    return float(manage(env, "shell", "-c", code).strip().splitlines()[-1])


def report_seconds(env: dict[str, str], out: Path) -> float:
    started = time.perf_counter()
    manage(env, "report", "--organisation", CITY, "--period", "2021", "--format", "pdf", "-o", str(out))
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--committees", type=int, default=30)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--clients", type=int, default=20)
    args = parser.parse_args()
    path = f"/stad/{CITY}/2021-T2/"
    with tempfile.TemporaryDirectory() as small, tempfile.TemporaryDirectory() as data:
        queries_10 = page_queries(city_database(small, 10, "T1,T2"), path)
        env = city_database(data, args.committees, PERIODS)
        queries_30 = page_queries(env, path)
        rollup = rollup_seconds(env, "2021-T2")
        report = report_seconds(env, Path(data) / "arsredovisning.pdf")
        tool, workers, base_p95, base_n, page_p95, page_n = serve_and_load(
            env, path, args.clients, args.seconds
        )
    print(
        f"committees={args.committees} periods={PERIODS} page={path} requests={page_n} clients={args.clients} "
        f"seconds={args.seconds} workers={workers} load={tool}"
    )
    print(f"baseline login page (same server, same run): requests={base_n} p95_ms={base_p95:.1f}")
    print(
        f"rollup_seconds={rollup:.3f} page_p95_ms={page_p95:.1f} queries_10={queries_10} "
        f"queries_30={queries_30} report_seconds={report:.2f}"
    )


if __name__ == "__main__":
    main()
