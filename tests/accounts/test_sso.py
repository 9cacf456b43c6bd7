"""Single sign-on against a real OpenID provider (tests/accounts/oidc_provider, in its own process): a
just-in-time account, roles from the groups, a removed group loses its role at the next login, logout at
the provider."""

from __future__ import annotations

import re

import pytest
import requests
from django.contrib.auth import get_user_model
from django.core.exceptions import SuspiciousOperation

from styrkedja.accounts.models import EventKind, ExternalAccount, SecurityEvent
from styrkedja.accounts.sso import check_id_token
from styrkedja.organisations.models import Membership
from tests.accounts.conftest import PROVIDER_USERS, Provider
from tests.factories import build_world

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def sign_in(
    live_server, provider: Provider, browser: requests.Session, username: str = "anna"
) -> requests.Response:
    """Through our login page's button to the provider, its login form, and back."""
    page = browser.get(f"{live_server.url}/logga-in/")
    assert "Logga in med kommunens konto" in page.text
    at_provider = browser.get(f"{live_server.url}/logga-in/sso/?next=/", timeout=30)
    assert at_provider.url.startswith(provider.url), at_provider.url
    if "Identity provider: sign in" not in at_provider.text:
        return at_provider  # still signed in there
    token = CSRF.search(at_provider.text).group(1)
    return browser.post(
        at_provider.url,
        data={
            "csrfmiddlewaretoken": token,
            "username": username,
            "password": PROVIDER_USERS[username]["password"],
        },
        headers={"Referer": at_provider.url},
        timeout=30,
    )


def roles_of(user) -> dict[str, str]:
    return dict(Membership.objects.filter(user=user).values_list("organisation__code", "role"))


@pytest.fixture
def sso_world(transactional_db, sso):
    return build_world()


def test_a_user_of_the_provider_gets_an_account_with_the_roles_of_its_groups(live_server, sso, sso_world):
    browser = requests.Session()
    home = sign_in(live_server, sso, browser)
    assert home.status_code == 200
    assert home.url == f"{live_server.url}/"
    assert "Anna Andersson" in home.text
    user = get_user_model().objects.get(username="anna")
    assert not user.has_usable_password()
    assert user.email == "anna@kommun.example"
    assert ExternalAccount.objects.get(user=user).groups == [
        "styrkedja-amn-controller",
        "styrkedja-amn-lasare",
    ]
    # Two groups give roles in the same committee: the higher one counts.
    assert roles_of(user) == {"amn": "controller"}
    assert SecurityEvent.objects.filter(kind=EventKind.LOGIN, user=user, detail__method="oidc").exists()
    granted = SecurityEvent.objects.get(kind=EventKind.ROLE_GRANTED, user=user)
    assert granted.detail == {"organisation": "amn", "before": None, "after": "controller", "source": "oidc"}
    history = Membership.history.filter(user_id=user.pk).latest("history_date")
    assert history.history_user_id == user.pk and history.history_change_reason


def test_a_changed_or_removed_group_changes_the_roles_at_the_next_login(live_server, sso, sso_world):
    browser = requests.Session()
    sign_in(live_server, sso, browser)
    user = get_user_model().objects.get(username="anna")
    Membership.objects.create(user=user, organisation=sso_world.other_committee, role="reader")

    sso.set_groups("anna", ["styrkedja-amn-lasare", "styrkedja-utbn-direktor"])
    browser = requests.Session()
    sign_in(live_server, sso, browser)
    assert roles_of(user) == {"amn": "reader", "utbn": "director"}

    sso.set_groups("anna", [])
    browser = requests.Session()
    home = sign_in(live_server, sso, browser)
    assert home.status_code == 200
    assert roles_of(user) == {}
    kinds = list(
        SecurityEvent.objects.filter(user=user).order_by("pk").values_list("kind", "detail__organisation")
    )
    assert (EventKind.ROLE_CHANGED, "amn") in kinds
    assert (EventKind.ROLE_REMOVED, "amn") in kinds
    assert (EventKind.ROLE_REMOVED, "utbn") in kinds
    assert Membership.history.filter(user_id=user.pk, history_type="-").count() == 2


def test_logging_out_ends_the_session_at_the_provider_too(live_server, sso, sso_world):
    browser = requests.Session()
    home = sign_in(live_server, sso, browser)
    token = CSRF.search(home.text).group(1)
    out = browser.post(
        f"{live_server.url}/logga-ut/",
        data={"csrfmiddlewaretoken": token},
        headers={"Referer": f"{live_server.url}/"},
        timeout=30,
    )
    # Through the provider's end-session endpoint and back to our login page.
    assert [r.url.split("?")[0] for r in out.history][-1] == f"{sso.url}/o/logout/"
    assert out.url == f"{live_server.url}/logga-in/"
    assert browser.get(f"{live_server.url}/", allow_redirects=False).status_code == 302
    # The provider asks for the password again.
    again = browser.get(f"{live_server.url}/logga-in/sso/?next=/", timeout=30)
    assert "Identity provider: sign in" in again.text


def test_a_local_account_of_the_same_name_is_never_taken_over(live_server, sso, sso_world):
    local = get_user_model().objects.create_user("anna", password="lokalt-losenord-2024")
    browser = requests.Session()
    sign_in(live_server, sso, browser)
    local.refresh_from_db()
    assert local.check_password("lokalt-losenord-2024")
    external = ExternalAccount.objects.get().user
    assert external.pk != local.pk and external.username.startswith("oidc-")


def test_without_a_client_id_single_sign_on_is_not_offered(client, db):
    assert "kommunens konto" not in client.get("/logga-in/").content.decode()
    assert client.get("/logga-in/sso/").status_code == 404


@pytest.mark.parametrize(
    ("payload", "reason"),
    [
        ({"aud": "another-client", "exp": 2000}, "another client"),
        ({"aud": ["x", "y"], "exp": 2000}, "another client"),
        ({"aud": "styrkedja", "exp": 900}, "expired"),
        ({"aud": "styrkedja"}, "no valid expiry"),
    ],
)
def test_an_id_token_for_another_client_or_expired_is_refused(payload, reason):
    with pytest.raises(SuspiciousOperation, match=reason):
        check_id_token(payload, "styrkedja", now=1000)


def test_an_id_token_for_this_client_within_its_time_passes():
    check_id_token({"aud": ["styrkedja", "other"], "exp": 1001}, "styrkedja", now=1000)
    check_id_token({"aud": "styrkedja", "exp": 950}, "styrkedja", now=1000)  # within the leeway
