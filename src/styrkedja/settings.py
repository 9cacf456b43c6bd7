"""Settings, read from environment variables. Every variable is documented in docs/settings.md.

A bad value stops the program with a message naming the variable; nothing is guessed.
"""

from __future__ import annotations

import os
from importlib.util import find_spec
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
    # Parallel writers on SQLite (docs/concurrency.md): every transaction begins as a writer (IMMEDIATE),
    # so two never both read and then both try to write, which SQLite answers with "database is locked"
    # at once, without waiting; a writer waits up to `timeout` seconds for the one before it; and with a
    # write-ahead log (WAL) readers never wait for a writer, nor a writer for readers.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": env_seconds("STYRKEDJA_SQLITE_TIMEOUT", 20),
        "init_command": "PRAGMA journal_mode=WAL;",
    }

# django-ninja's templates and static files (the API's documentation page) are found by path rather than
# by listing "ninja" as an app: importing the package loads all of ninja and pydantic, which every command
# would then pay for at start-up, though only the API uses them.
_NINJA = find_spec("ninja")
assert _NINJA is not None and _NINJA.origin is not None, "django-ninja is a dependency"
NINJA_DIR = Path(_NINJA.origin).parent

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
    "styrkedja.commands",
    "styrkedja.edits",
    "styrkedja.accounts",
    "styrkedja.notices",
    "styrkedja.exchange",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "mozilla_django_oidc",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "styrkedja.web.session_lifetime.SessionLifetimeMiddleware",
    "styrkedja.web.nostore.NoStoreMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "styrkedja.web.csp.ContentSecurityPolicyMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "styrkedja.web.middleware.LockedMiddleware",
    "styrkedja.web.refusals.RefusalLogMiddleware",
    # Last, as django-axes asks: it answers a locked-out login attempt.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "styrkedja.urls"
WSGI_APPLICATION = "styrkedja.wsgi.application"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates", NINJA_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "styrkedja.web.navigation.main_menu",
            ],
            "builtins": ["styrkedja.web.templatetags.sv"],
        },
    }
]

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
# Password, lockout, second factor, single sign-on, sessions, HTTPS and headers: see the end of this file.
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", "Svenska")]
TIME_ZONE = os.environ.get("STYRKEDJA_TIME_ZONE", "Europe/Stockholm")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static", NINJA_DIR / "static"]
STATIC_ROOT = DATA_DIR / "static"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


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
    "formatters": {"bare": {"format": "%(message)s"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        # The security log's structured lines (accounts/security_log.py), one JSON object a line.
        "security": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": "bare"},
    },
    "loggers": {
        "styrkedja.security": {
            "handlers": ["security"] if env_bool("STYRKEDJA_SECURITY_LOG_STDOUT", True) else [],
            "level": "INFO",
            "propagate": False,
        },
    },
    "root": {"handlers": ["console"], "level": os.environ.get("STYRKEDJA_LOG_LEVEL", "WARNING")},
}


# --- Accounts and security (docs/settings.md, docs/deploy.md) -----------------------------------------


def env_int(name: str, default: int, minimum: int = 0) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r}: expected a whole number, at least {minimum}") from None
    if value < minimum:
        raise ImproperlyConfigured(f"{name}={raw!r}: expected a whole number, at least {minimum}")
    return value


def env_url(name: str, required: bool) -> str:
    """An https:// address (http:// only for this machine, 127.0.0.1 or localhost)."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        if required:
            raise ImproperlyConfigured(f"{name} is required when STYRKEDJA_OIDC_CLIENT_ID is set")
        return ""
    if not raw.startswith(("https://", "http://127.0.0.1", "http://localhost")):
        raise ImproperlyConfigured(f"{name}={raw!r}: expected an https:// address")
    return raw


def env_origins(name: str) -> list[str]:
    origins = env_list(name, [])
    for origin in origins:
        scheme, _, host = origin.partition("://")
        if scheme not in {"http", "https"} or not host or "/" in host:
            raise ImproperlyConfigured(
                f"{name}: {origin!r} is not an origin; expected scheme and host, e.g. https://styrkedja.example.se"
            )
    return origins


def env_group_roles(name: str) -> dict[str, list[tuple[str, str]]]:
    """`GROUP=ORGANISATION:ROLE, …` → group → [(organisation code, role)]; the role names are checked
    against the roles when the accounts app starts (accounts/apps.py)."""
    mapping: dict[str, list[tuple[str, str]]] = {}
    for item in env_list(name, []):
        group, equals, target = item.rpartition("=")
        code, colon, role = target.partition(":")
        if not equals or not colon or not group.strip() or not code.strip() or not role.strip():
            raise ImproperlyConfigured(f"{name}: {item!r} is not GROUP=ORGANISATION:ROLE")
        mapping.setdefault(group.strip(), []).append((code.strip(), role.strip()))
    return mapping


# HTTPS: on unless this is a development or test run; each part can be set on its own.
HTTPS = env_bool("STYRKEDJA_HTTPS", not (DEBUG or INSECURE_DEV))
SECURE_SSL_REDIRECT = env_bool("STYRKEDJA_SSL_REDIRECT", HTTPS)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("STYRKEDJA_SECURE_COOKIES", HTTPS)
SECURE_HSTS_SECONDS = env_int("STYRKEDJA_HSTS_SECONDS", 31_536_000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("STYRKEDJA_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("STYRKEDJA_HSTS_PRELOAD", HTTPS)
_proxy_header = os.environ.get("STYRKEDJA_PROXY_SSL_HEADER", "").strip()
if _proxy_header:
    if not all(c.isalnum() or c == "-" for c in _proxy_header):
        raise ImproperlyConfigured(
            f"STYRKEDJA_PROXY_SSL_HEADER={_proxy_header!r}: expected a header name, e.g. X-Forwarded-Proto"
        )
    SECURE_PROXY_SSL_HEADER = ("HTTP_" + _proxy_header.upper().replace("-", "_"), "https")
# How many reverse proxies stand in front and append to X-Forwarded-For: the client's address is the
# entry that many places from the right. 0: REMOTE_ADDR (no proxy; the header is not trusted).
TRUSTED_PROXY_COUNT = env_int("STYRKEDJA_PROXY_COUNT", 0)
CSRF_TRUSTED_ORIGINS = env_origins("STYRKEDJA_CSRF_TRUSTED_ORIGINS")
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Sessions: logged out after this long without a request, and after this long whatever happens.
SESSION_IDLE_TIMEOUT = env_int("STYRKEDJA_SESSION_IDLE_TIMEOUT", 30 * 60, minimum=60)
SESSION_COOKIE_AGE = env_int("STYRKEDJA_SESSION_MAX_AGE", 10 * 60 * 60, minimum=60)
if SESSION_IDLE_TIMEOUT > SESSION_COOKIE_AGE:
    raise ImproperlyConfigured("STYRKEDJA_SESSION_IDLE_TIMEOUT must not exceed STYRKEDJA_SESSION_MAX_AGE")

# Passwords: at least 12 characters, not a common one, not like one's name or the product's.
PASSWORD_MIN_LENGTH = env_int("STYRKEDJA_PASSWORD_MIN_LENGTH", 12, minimum=12)
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": PASSWORD_MIN_LENGTH},
    },
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "styrkedja.accounts.passwords.ContextWordsValidator"},
]
PASSWORD_CONTEXT_WORDS = env_list("STYRKEDJA_PASSWORD_CONTEXT_WORDS", [])
PASSWORD_RESET_TIMEOUT = env_int("STYRKEDJA_PASSWORD_RESET_TIMEOUT", 60 * 60, minimum=60)

# Local accounts: password log-in on or off (off when every user signs in through the identity provider),
# the second factor, lockout (django-axes) per account and per address.
LOCAL_LOGIN = env_bool("STYRKEDJA_LOCAL_LOGIN", True)
ADMIN_TOTP_REQUIRED = env_bool("STYRKEDJA_ADMIN_TOTP", not DEBUG)
OTP_TOTP_ISSUER = "styrkedja"
AXES_FAILURE_LIMIT = env_int("STYRKEDJA_LOGIN_FAILURE_LIMIT", 5, minimum=1)
_cooloff = env_int("STYRKEDJA_LOGIN_LOCKOUT_MINUTES", 15)
AXES_COOLOFF_TIME = _cooloff / 60 if _cooloff else None  # hours; None: until an administrator unlocks
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_CLIENT_IP_CALLABLE = "styrkedja.accounts.addresses.client_address"
AXES_LOCKOUT_CALLABLE = "styrkedja.web.views.accounts.locked_out"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_DISABLE_ACCESS_LOG = True  # the security log records the logins
AXES_ENABLE_ADMIN = True

# Single sign-on with OpenID Connect (mozilla-django-oidc): on when a client id is set.
OIDC_RP_CLIENT_ID = os.environ.get("STYRKEDJA_OIDC_CLIENT_ID", "").strip()
SSO = bool(OIDC_RP_CLIENT_ID)
OIDC_RP_CLIENT_SECRET = os.environ.get("STYRKEDJA_OIDC_CLIENT_SECRET", "")
if SSO and not OIDC_RP_CLIENT_SECRET:
    raise ImproperlyConfigured(
        "STYRKEDJA_OIDC_CLIENT_SECRET is required when STYRKEDJA_OIDC_CLIENT_ID is set"
    )
OIDC_OP_AUTHORIZATION_ENDPOINT = env_url("STYRKEDJA_OIDC_AUTHORIZATION_ENDPOINT", SSO)
OIDC_OP_TOKEN_ENDPOINT = env_url("STYRKEDJA_OIDC_TOKEN_ENDPOINT", SSO)
OIDC_OP_USER_ENDPOINT = env_url("STYRKEDJA_OIDC_USERINFO_ENDPOINT", SSO)
OIDC_OP_JWKS_ENDPOINT = env_url("STYRKEDJA_OIDC_JWKS_ENDPOINT", SSO)
OIDC_OP_END_SESSION_ENDPOINT = env_url("STYRKEDJA_OIDC_END_SESSION_ENDPOINT", False)
OIDC_RP_SCOPES = os.environ.get("STYRKEDJA_OIDC_SCOPES", "openid email profile").strip()
if SSO and "openid" not in OIDC_RP_SCOPES.split():
    raise ImproperlyConfigured(f"STYRKEDJA_OIDC_SCOPES={OIDC_RP_SCOPES!r}: must include openid")
OIDC_RP_SIGN_ALGO = os.environ.get("STYRKEDJA_OIDC_SIGN_ALGO", "RS256").strip()
if OIDC_RP_SIGN_ALGO not in {"RS256", "RS384", "RS512", "ES256", "ES384", "ES512"}:
    raise ImproperlyConfigured(f"STYRKEDJA_OIDC_SIGN_ALGO={OIDC_RP_SIGN_ALGO!r}: expected RS256, ES256, …")
OIDC_USERNAME_CLAIM = os.environ.get("STYRKEDJA_OIDC_USERNAME_CLAIM", "preferred_username").strip()
OIDC_GROUPS_CLAIM = os.environ.get("STYRKEDJA_OIDC_GROUPS_CLAIM", "groups").strip()
OIDC_GROUP_ROLES = env_group_roles("STYRKEDJA_OIDC_GROUP_ROLES")
OIDC_USE_PKCE = True
OIDC_STORE_ID_TOKEN = True
OIDC_OP_LOGOUT_URL_METHOD = "styrkedja.accounts.sso.provider_logout_url"
LOGIN_REDIRECT_URL_FAILURE = "login"
if not SSO and not LOCAL_LOGIN:
    raise ImproperlyConfigured("STYRKEDJA_LOCAL_LOGIN=0 needs single sign-on: set STYRKEDJA_OIDC_CLIENT_ID")

AUTHENTICATION_BACKENDS = [
    # First, as django-axes asks: it refuses a locked-out account or address before a password is hashed.
    "styrkedja.accounts.lockout.LockoutBackend",
    *(["django.contrib.auth.backends.ModelBackend"] if LOCAL_LOGIN else []),
    *(["styrkedja.accounts.sso.MunicipalityOIDCBackend"] if SSO else []),
]

# Mail (password reset): Django's SMTP backend.
EMAIL_HOST = os.environ.get("STYRKEDJA_EMAIL_HOST", "localhost").strip()
EMAIL_PORT = env_int("STYRKEDJA_EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = os.environ.get("STYRKEDJA_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("STYRKEDJA_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("STYRKEDJA_EMAIL_STARTTLS", False)
EMAIL_USE_SSL = env_bool("STYRKEDJA_EMAIL_TLS", False)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured("STYRKEDJA_EMAIL_STARTTLS and STYRKEDJA_EMAIL_TLS exclude each other")
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = os.environ.get("STYRKEDJA_EMAIL_FROM", "styrkedja@localhost").strip()

# Reminders and notices (notices/): the address links in mails point to, and how many days before a
# round's deadline the reminder goes out.
PUBLIC_URL = os.environ.get("STYRKEDJA_PUBLIC_URL", "http://127.0.0.1:8000").strip()
if not PUBLIC_URL.startswith(("https://", "http://")):
    raise ImproperlyConfigured(f"STYRKEDJA_PUBLIC_URL={PUBLIC_URL!r}: expected an https:// address")
NOTICE_DAYS_BEFORE = env_int("STYRKEDJA_REMIND_DAYS_BEFORE", 3, minimum=0)

# `styrkedja serve` (gunicorn).
SERVE_BIND = os.environ.get("STYRKEDJA_BIND", "127.0.0.1:8000").strip()
SERVE_WORKERS = env_int("STYRKEDJA_WORKERS", 3, minimum=1)
SERVE_THREADS = env_int("STYRKEDJA_THREADS", 1, minimum=1)
SERVE_TIMEOUT = env_int("STYRKEDJA_TIMEOUT", 120, minimum=1)

# Files read by the commands (plan, follow-up, printed documents): larger ones are refused unread.
MAX_FILE_BYTES = env_int("STYRKEDJA_MAX_FILE_MB", 20, minimum=1) * 1024 * 1024

# Kolada (docs/kolada.md): the API's address, the least time between two requests, how long a cached
# answer is used before it is asked again.
KOLADA_URL = os.environ.get("STYRKEDJA_KOLADA_URL", "").strip().rstrip("/") or "https://api.kolada.se/v3"
if not KOLADA_URL.startswith(("https://", "http://127.0.0.1", "http://localhost")):
    raise ImproperlyConfigured(f"STYRKEDJA_KOLADA_URL={KOLADA_URL!r}: expected an https:// address")
KOLADA_MIN_INTERVAL_MS = env_int("STYRKEDJA_KOLADA_MIN_INTERVAL_MS", 1000)
KOLADA_CACHE_HOURS = env_int("STYRKEDJA_KOLADA_CACHE_HOURS", 24)
