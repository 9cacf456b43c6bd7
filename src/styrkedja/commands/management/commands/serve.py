"""`styrkedja serve`: the production server. gunicorn with the settings from the environment
(STYRKEDJA_BIND, STYRKEDJA_WORKERS, STYRKEDJA_THREADS, STYRKEDJA_TIMEOUT; docs/settings.md), static files
collected first and served by WhiteNoise, access log to standard output. It runs Django's deployment checks
first and refuses to start while one reports an error; see docs/deploy.md for the reverse proxy in front."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.db import connections
from gunicorn.app.base import BaseApplication


class Gunicorn(BaseApplication):
    def __init__(self, options: dict[str, Any]):
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        from django.core.wsgi import get_wsgi_application

        return get_wsgi_application()


class Command(BaseCommand):
    help = "Serve styrkedja with gunicorn (settings from the environment; docs/deploy.md)."
    requires_system_checks = "__all__"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--bind", help=f"address:port (default STYRKEDJA_BIND, now {settings.SERVE_BIND})"
        )
        parser.add_argument(
            "--no-collectstatic", action="store_true", help="static files are collected already"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        # Django's deployment checklist: warnings are shown, an error stops the start.
        call_command("check", deploy=True, fail_level="ERROR")
        if not options["no_collectstatic"]:
            call_command("collectstatic", interactive=False, verbosity=0)
        connections.close_all()  # not shared with the workers gunicorn forks
        bind = options["bind"] or settings.SERVE_BIND
        self.stdout.write(
            f"styrkedja: serving on {bind} with {settings.SERVE_WORKERS} worker(s) × "
            f"{settings.SERVE_THREADS} thread(s), timeout {settings.SERVE_TIMEOUT} s"
        )
        self.stdout.flush()
        Gunicorn(
            {
                "bind": bind,
                "workers": settings.SERVE_WORKERS,
                "threads": settings.SERVE_THREADS,
                "timeout": settings.SERVE_TIMEOUT,
                "graceful_timeout": 30,
                "accesslog": "-",
                "errorlog": "-",
                "proc_name": "styrkedja",
                # The proxy terminates TLS; Django reads its header (STYRKEDJA_PROXY_SSL_HEADER).
                "forwarded_allow_ips": "127.0.0.1,::1",
            }
        ).run()
