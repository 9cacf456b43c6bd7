"""Settings, read from environment variables. Every variable is documented in docs/settings.md.

A bad value stops the program with a message naming the variable; nothing is guessed.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from styrkedja.analytics.policy import PolicyError, policy_from_text

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("STYRKEDJA_DATA_DIR", Path.cwd() / "var"))


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r}: expected one of 1/0, true/false, yes/no, on/off")


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_share(name: str, default: str) -> str:
    """A share between 0 and 1, e.g. 0.75; kept as text so it becomes an exact Decimal where used."""
    raw = os.environ.get(name, default).strip()
    try:
        value = float(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r}: expected a number between 0 and 1") from None
    if not 0 <= value <= 1:
        raise ImproperlyConfigured(f"{name}={raw!r}: expected a number between 0 and 1")
    return raw


def env_seconds(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit():
        raise ImproperlyConfigured(f"{name}={raw!r}: expected a whole number of seconds, 0 or more")
    return int(raw)


DEBUG = env_bool("STYRKEDJA_DEBUG", False)
INSECURE_DEV = env_bool("STYRKEDJA_INSECURE_DEV", False)
_secret = os.environ.get("STYRKEDJA_SECRET_KEY", "")
if not _secret:
    if not DEBUG and not INSECURE_DEV:
        raise ImproperlyConfigured(
            "STYRKEDJA_SECRET_KEY is not set. Set it, or set STYRKEDJA_DEBUG=1 or "
            "STYRKEDJA_INSECURE_DEV=1 for local use with a development key."
        )
    _secret = "insecure-development-key-do-not-use-in-production"
SECRET_KEY = _secret
ALLOWED_HOSTS = env_list("STYRKEDJA_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])

_database_url = os.environ.get("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'styrkedja.sqlite3'}"
if not _database_url.startswith(("sqlite:", "postgres:", "postgresql:")):
    raise ImproperlyConfigured(
        f"DATABASE_URL={_database_url!r}: only sqlite:/// and postgres:// are supported"
    )
try:
    # Persistent connections: opening one (and SQLite's pragmas) costs as much as a page's queries.
    DATABASES = {
        "default": dj_database_url.parse(
            _database_url, conn_max_age=env_seconds("STYRKEDJA_DB_CONN_MAX_AGE", 60), conn_health_checks=True
        )
    }
except ValueError as exc:  # pragma: no cover - message passthrough
    raise ImproperlyConfigured(f"DATABASE_URL is not a valid database URL: {exc}") from exc
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20}

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "simple_history",
    "styrkedja.organisations",
    "styrkedja.plans",
    "styrkedja.budget",
    "styrkedja.followup",
    "styrkedja.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "styrkedja.web.middleware.LockedMiddleware",
]

ROOT_URLCONF = "styrkedja.urls"
WSGI_APPLICATION = "styrkedja.wsgi.application"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
            "builtins": ["styrkedja.web.templatetags.sv"],
        },
    }
]

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", "Svenska")]
TIME_ZONE = os.environ.get("STYRKEDJA_TIME_ZONE", "Europe/Stockholm")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = DATA_DIR / "static"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# The rule behind the suggested goal fulfilment (lib/assessment.py): share of evidence met.
ASSESSMENT_FULLY_AT = env_share("STYRKEDJA_ASSESSMENT_FULLY_AT", "1.0")
ASSESSMENT_PARTLY_AT = env_share("STYRKEDJA_ASSESSMENT_PARTLY_AT", "0.5")
if float(ASSESSMENT_PARTLY_AT) > float(ASSESSMENT_FULLY_AT):
    raise ImproperlyConfigured("STYRKEDJA_ASSESSMENT_PARTLY_AT must not exceed STYRKEDJA_ASSESSMENT_FULLY_AT")

# The consistency checks (styrkedja.checks, docs/checks.md): a YAML or JSON file that switches rules off or
# changes their severity or threshold; empty means every rule with its defaults.
CHECKS_CONFIG = os.environ.get("STYRKEDJA_CHECKS_CONFIG", "").strip()

# Disclosure control of values computed from microdata (docs/disclosure.md), handed to the Django-free
# analytics core as a plain dataclass.
try:
    DISCLOSURE_POLICY = policy_from_text(
        os.environ.get("STYRKEDJA_DISCLOSURE_THRESHOLD", ""),
        os.environ.get("STYRKEDJA_DISCLOSURE_OUTPUTS", ""),
        os.environ.get("STYRKEDJA_DISCLOSURE_TOGETHER", ""),
    )
except PolicyError as exc:
    raise ImproperlyConfigured(str(exc)) from exc
if CHECKS_CONFIG and not Path(CHECKS_CONFIG).is_file():
    raise ImproperlyConfigured(f"STYRKEDJA_CHECKS_CONFIG={CHECKS_CONFIG!r}: no such file")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("STYRKEDJA_LOG_LEVEL", "WARNING")},
}
