"""Serve the demo with gunicorn on loopback and measure the follow-up page of the 48-indicator T1 2021 round
under 20 concurrent logged-in clients for a bounded time. The login page, served by the same server in
the same run, is the baseline. The load comes from `wrk` (Debian's package; `make bench` installs it), which
uses little CPU beside the server; without it, from Python threads (slower, so it overstates latency).

    .venv/bin/python bench/web.py [--seconds 10] [--clients 20]

Last line: p95_ms=… queries_per_page=… (target: p95 under 150 ms; queries must not grow with indicators).
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def manage(env: dict[str, str], *args: str) -> str:
    return subprocess.run(
        [str(BIN / "styrkedja"), *args], env=env, check=True, capture_output=True, text=True
    ).stdout


def page_path(env: dict[str, str]) -> str:
    code = (
        "from styrkedja.followup.models import Round;"
        "from django.urls import reverse;"
        "print(reverse('round_indicators', args=[Round.objects.get(period='2021-T1').pk]))"
    )
    return manage(env, "shell", "-c", code).strip().splitlines()[-1]


def queries_per_page(env: dict[str, str], path: str) -> int:
    code = (
        "from django.test import Client;from django.test.utils import CaptureQueriesContext;"
        "from django.db import connection;from django.contrib.auth import get_user_model;c=Client();"
        "c.force_login(get_user_model().objects.get(username='controller'));"
        f"c.get('{path}');\nwith CaptureQueriesContext(connection) as q: r=c.get('{path}')\n"
        "assert r.status_code==200, r.status_code;print(len(q))"
    )
    return int(manage(env, "shell", "-c", code).strip().splitlines()[-1])


def opener_logged_in(base: str) -> urllib.request.OpenerDirector:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    html = opener.open(base + "/logga-in/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert token, "no CSRF token on the login page"
    data = urllib.parse.urlencode(
        {"username": "controller", "password": "demo", "csrfmiddlewaretoken": token[1]}
    ).encode()
    request = urllib.request.Request(base + "/logga-in/", data=data, headers={"Referer": base + "/logga-in/"})
    opener.open(request).read()
    return opener


WRK_SCRIPT = """
done = function(summary, latency, requests)
  io.write(string.format("wrk p95_us=%d p50_us=%d requests=%d errors=%d\\n", latency:percentile(95),
    latency:percentile(50), summary.requests, summary.errors.status + summary.errors.connect
    + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
"""


def wrk(base: str, path: str, clients: int, seconds: float, cookie: str) -> tuple[float, int]:
    """p95 in ms and the number of requests, measured by wrk."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT)
    command = ["wrk", "-t", "2", "-c", str(clients), "-d", f"{max(1, int(seconds))}s", "-s", script.name]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    out = subprocess.run([*command, base + path], capture_output=True, text=True, check=True).stdout
    os.unlink(script.name)
    match = re.search(r"wrk p95_us=(\d+) p50_us=(\d+) requests=(\d+) errors=(\d+)", out)
    assert match, out
    assert match[4] == "0", f"wrk saw errors: {out}"
    return int(match[1]) / 1000, int(match[3])


def session_cookie(base: str) -> str:
    opener = opener_logged_in(base)
    jar = next(h for h in opener.handlers if isinstance(h, urllib.request.HTTPCookieProcessor)).cookiejar
    return "; ".join(f"{c.name}={c.value}" for c in jar)


def load(base: str, path: str, clients: int, seconds: float, login: bool) -> list[float]:
    timings: list[float] = []
    lock = threading.Lock()
    openers = [opener_logged_in(base) if login else urllib.request.build_opener() for _ in range(clients)]
    stop = time.monotonic() + seconds  # logging in (Argon2) is not part of the measurement

    def client(opener: urllib.request.OpenerDirector) -> None:
        mine = []
        for _ in range(100_000):  # bounded in count as well as in time
            if time.monotonic() > stop:
                break
            started = time.perf_counter()
            with opener.open(base + path) as response:
                response.read()
                assert response.status == 200
            mine.append((time.perf_counter() - started) * 1000)
        with lock:
            timings.extend(mine)

    threads = [threading.Thread(target=client, args=(opener,)) for opener in openers]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return timings


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=100)[94]


def serve_and_load(env: dict[str, str], path: str, clients: int, seconds: float):
    """gunicorn on loopback serving `env`'s database; the login page (the baseline) and `path` under
    `clients` concurrent clients: (tool, workers, baseline p95, baseline requests, p95, requests)."""
    port = free_port()
    workers = str(max(2, (os.cpu_count() or 1) + 1))
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "styrkedja.wsgi",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            workers,
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/logga-in/", timeout=1).read()
                break
            except OSError:
                time.sleep(0.1)
        load(base, path, 2, 1, login=True)  # warm up every worker
        if shutil.which("wrk"):
            base_p95, base_n = wrk(base, "/logga-in/", clients, seconds / 2, "")
            page_p95, page_n = wrk(base, path, clients, seconds, session_cookie(base))
            return "wrk", workers, base_p95, base_n, page_p95, page_n
        baseline = load(base, "/logga-in/", clients, seconds / 2, login=False)
        timings = load(base, path, clients, seconds, login=True)
        return "python threads", workers, p95(baseline), len(baseline), p95(timings), len(timings)
    finally:
        server.terminate()
        server.wait(timeout=10)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--clients", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as data:
        env = {
            **os.environ,
            "STYRKEDJA_DATA_DIR": data,
            "STYRKEDJA_SECRET_KEY": "bench-" + "x" * 40,
            "STYRKEDJA_DEBUG": "0",
            "DJANGO_SETTINGS_MODULE": "styrkedja.settings",
            "STYRKEDJA_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        }
        env.pop("DATABASE_URL", None)
        manage(env, "migrate", "-v0")
        manage(env, "demo", "--quiet-login")
        path = page_path(env)
        queries = queries_per_page(env, path)
        tool, workers, base_p95, base_n, page_p95, page_n = serve_and_load(
            env, path, args.clients, args.seconds
        )
    print(
        f"page={path} requests={page_n} clients={args.clients} seconds={args.seconds} workers={workers} load={tool}"
    )
    print(f"baseline login page: requests={base_n} p95_ms={base_p95:.1f}")
    print(f"p95_ms={page_p95:.1f} queries_per_page={queries} ratio_vs_login_page={page_p95 / base_p95:.2f}")


if __name__ == "__main__":
    main()
