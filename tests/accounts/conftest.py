"""Real components for the account tests: an SMTP server (aiosmtpd) that keeps what it receives, and an
OpenID provider (django-oauth-toolkit, tests/accounts/oidc_provider/) in its own process with an RSA key
made here."""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import Message
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller

REPO_ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for_port(port: int, process: subprocess.Popen[Any], seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server stopped at start-up (exit {process.returncode})")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing answered on port {port} within {seconds} s")


# --- Mail -----------------------------------------------------------------------------------------------
@dataclass
class Mailbox:
    messages: list[Message] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # aiosmtpd's handler
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"


@pytest.fixture
def smtp_server(settings: Any) -> Iterator[Mailbox]:
    """A real SMTP server on this machine, and Django's SMTP backend pointed at it."""
    mailbox = Mailbox()
    port = free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    try:
        yield mailbox
    finally:
        controller.stop()


# --- OpenID provider ------------------------------------------------------------------------------------
@dataclass
class Provider:
    url: str
    client_id: str
    client_secret: str
    users_file: Path

    def set_groups(self, username: str, groups: list[str]) -> None:
        users = json.loads(self.users_file.read_text(encoding="utf-8"))
        users[username]["groups"] = groups
        self.users_file.write_text(json.dumps(users), encoding="utf-8")


PROVIDER_USERS = {
    "anna": {
        "password": "anna-hos-leverantoren",
        "email": "anna@kommun.example",
        "given_name": "Anna",
        "family_name": "Andersson",
        "groups": ["styrkedja-amn-controller", "styrkedja-amn-lasare"],
    }
}


def rsa_key_pem() -> str:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()


@pytest.fixture(scope="module")
def oidc_provider(live_server: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Provider]:
    folder = tmp_path_factory.mktemp("oidc-provider")
    users_file = folder / "users.json"
    users_file.write_text(json.dumps(PROVIDER_USERS), encoding="utf-8")
    client_id, client_secret = "styrkedja-test", secrets.token_urlsafe(32)
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("STYRKEDJA_", "DJANGO_"))},
        "DJANGO_SETTINGS_MODULE": "tests.accounts.oidc_provider.settings",
        "PYTHONPATH": str(REPO_ROOT),
        "PROVIDER_SECRET_KEY": secrets.token_urlsafe(50),
        "PROVIDER_RSA_KEY": rsa_key_pem(),
        "PROVIDER_DB": str(folder / "provider.sqlite3"),
        "PROVIDER_USERS": str(users_file),
        "PROVIDER_CLIENT_ID": client_id,
        "PROVIDER_CLIENT_SECRET": client_secret,
        "PROVIDER_REDIRECT_URIS": f"{live_server.url}/logga-in/sso/tillbaka/",
        "PROVIDER_LOGOUT_URIS": f"{live_server.url}/logga-in/",
    }
    subprocess.run(
        [sys.executable, "-m", "tests.accounts.oidc_provider.setup"],
        env=env,
        cwd=REPO_ROOT,
        check=True,
        timeout=120,
    )
    port = free_port()
    log = (folder / "provider.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "django", "runserver", f"127.0.0.1:{port}", "--noreload", "--skip-checks"],
        env=env,
        cwd=REPO_ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_for_port(port, process)
        yield Provider(f"http://127.0.0.1:{port}", client_id, client_secret, users_file)
    finally:
        process.terminate()
        process.wait(timeout=20)
        log.close()


@pytest.fixture
def sso(settings: Any, oidc_provider: Provider) -> Provider:
    """styrkedja's settings pointed at the provider, as the STYRKEDJA_OIDC_* variables would set them."""
    o = f"{oidc_provider.url}/o"
    settings.SSO = True
    settings.OIDC_RP_CLIENT_ID = oidc_provider.client_id
    settings.OIDC_RP_CLIENT_SECRET = oidc_provider.client_secret
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{o}/authorize/"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{o}/token/"
    settings.OIDC_OP_USER_ENDPOINT = f"{o}/userinfo/"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{o}/.well-known/jwks.json"
    settings.OIDC_OP_END_SESSION_ENDPOINT = f"{o}/logout/"
    settings.OIDC_GROUP_ROLES = {
        "styrkedja-amn-controller": [("amn", "controller")],
        "styrkedja-amn-lasare": [("amn", "reader")],
        "styrkedja-utbn-direktor": [("utbn", "director")],
    }
    settings.AUTHENTICATION_BACKENDS = [
        *settings.AUTHENTICATION_BACKENDS,
        "styrkedja.accounts.sso.MunicipalityOIDCBackend",
    ]
    return oidc_provider
