"""`styrkedja serve` for real: gunicorn with production settings, reached as the reverse proxy would
(X-Forwarded-Proto: https, X-Forwarded-For, the public host name), logging in over it. Asserts the
headers and cookie flags of the real responses, static files from WhiteNoise, and the security log's JSON
line on standard output."""

from __future__ import annotations

import http.client
import json
import re
import subprocess
import sys
from http.cookies import SimpleCookie
from typing import Any

import pytest

from tests.accounts.conftest import free_port, wait_for_port
from tests.commands.conftest import HOST, styrkedja

PASSWORD = "ett-langt-och-bra-losenord"
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Proxy:
    """Requests as a TLS-terminating proxy forwards them, with the browser's cookies."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}
        self.set_cookies: dict[str, Any] = {}

    def request(
        self,
        method: str,
        path: str,
        body: str = "",
        headers: dict[str, str] | None = None,
        https: bool = True,
    ):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        sent = {"Host": HOST, "X-Forwarded-For": "192.0.2.77"}
        if https:
            sent["X-Forwarded-Proto"] = "https"
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body:
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        sent.update(headers or {})
        connection.request(method, path, body=body, headers=sent)
        response = connection.getresponse()
        content = response.read().decode("utf-8", "replace")
        for header in response.headers.get_all("Set-Cookie") or []:
            cookie = SimpleCookie(header)
            for name, morsel in cookie.items():
                self.cookies[name] = morsel.value
                self.set_cookies[name] = morsel
        connection.close()
        return response, content


@pytest.fixture(scope="module")
def server(production):
    migrated = styrkedja(production, "migrate", "--verbosity", "0")
    assert migrated.returncode == 0, migrated.stderr
    made = styrkedja(
        production,
        "shell",
        "-c",
        f"from django.contrib.auth import get_user_model; get_user_model().objects.create_user('anna', password='{PASSWORD}')",
    )
    assert made.returncode == 0, made.stderr
    port = free_port()
    env = {**production, "STYRKEDJA_BIND": f"127.0.0.1:{port}", "STYRKEDJA_WORKERS": "2"}
    process = subprocess.Popen(
        [sys.executable, "-m", "styrkedja", "serve"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        wait_for_port(port, process, seconds=60)
        yield Proxy(port), process
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_it_logs_in_behind_the_proxy_with_secure_headers_and_cookies(server):
    proxy, process = server
    plain, _ = proxy.request("GET", "/logga-in/", https=False)
    assert plain.status == 301
    assert plain.getheader("Location") == f"https://{HOST}/logga-in/"

    page, html = proxy.request("GET", "/logga-in/")
    assert page.status == 200
    assert page.getheader("Strict-Transport-Security") == "max-age=31536000; includeSubDomains; preload"
    policy = page.getheader("Content-Security-Policy")
    assert "default-src 'self'" in policy and "unsafe-inline" not in policy
    assert page.getheader("X-Frame-Options") == "DENY"
    assert page.getheader("X-Content-Type-Options") == "nosniff"
    assert page.getheader("Referrer-Policy") == "same-origin"
    assert page.getheader("Cross-Origin-Opener-Policy") == "same-origin"
    csrf_cookie = proxy.set_cookies["csrftoken"]
    assert csrf_cookie["secure"] and csrf_cookie["samesite"] == "Lax"
    token = CSRF.search(html).group(1)

    form = f"csrfmiddlewaretoken={token}&username=anna&password={PASSWORD}&next=/"
    origin = {"Origin": f"https://{HOST}", "Referer": f"https://{HOST}/logga-in/"}
    logged_in, _ = proxy.request("POST", "/logga-in/", form, origin)
    assert logged_in.status == 302, "the browser's https Origin is trusted behind the proxy"
    assert logged_in.getheader("Location") == "/"
    session = proxy.set_cookies["sessionid"]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"
    assert session["max-age"] == "36000"

    home, text = proxy.request("GET", "/")
    assert home.status == 200 and "anna" in text

    script, source = proxy.request("GET", "/static/js/styrkedja.js")
    assert script.status == 200 and "htmx:beforeSwap" in source
    assert "javascript" in script.getheader("Content-Type")

    forged, _ = proxy.request(
        "POST", "/logga-ut/", f"csrfmiddlewaretoken={token}", {"Origin": "https://evil.example"}
    )
    assert forged.status == 403

    process.terminate()
    output, _ = process.communicate(timeout=30)
    events = [json.loads(line) for line in output.splitlines() if line.startswith('{"event"')]
    login = next(e for e in events if e["event"] == "login")
    assert login["user"] == "anna" and login["address"] == "192.0.2.77"
    assert "serving on 127.0.0.1" in output
