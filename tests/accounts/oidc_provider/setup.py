"""`python -m tests.accounts.oidc_provider.setup`: the provider's database, its users (PROVIDER_USERS) and
the client application (PROVIDER_CLIENT_ID, PROVIDER_CLIENT_SECRET, PROVIDER_REDIRECT_URIS,
PROVIDER_LOGOUT_URIS)."""

from __future__ import annotations

import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.accounts.oidc_provider.settings")
django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from oauth2_provider.models import Application  # noqa: E402

from tests.accounts.oidc_provider.validator import users  # noqa: E402

call_command("migrate", verbosity=0)
for username, person in users().items():
    get_user_model().objects.create_user(username, person["email"], person["password"])
Application.objects.create(
    name="styrkedja",
    client_id=os.environ["PROVIDER_CLIENT_ID"],
    client_secret=os.environ["PROVIDER_CLIENT_SECRET"],
    client_type=Application.CLIENT_CONFIDENTIAL,
    authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
    redirect_uris=os.environ["PROVIDER_REDIRECT_URIS"],
    post_logout_redirect_uris=os.environ["PROVIDER_LOGOUT_URIS"],
    skip_authorization=True,
    algorithm=Application.RS256_ALGORITHM,
)
