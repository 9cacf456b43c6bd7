"""Every address × every role → the expected answer.

Readers and reporters may look; controllers, directors and administrators may also change the plan.
Someone without a role in the plan's organisation (here: an administrator of another committee, and a
user with no role at all) gets 404, as if the object did not exist; a role too low gets 403; an
anonymous visitor is sent to the login page.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse, reverse_lazy

from styrkedja.organisations.models import Membership, Role
from styrkedja.plans.models import PlanDecision

ROLES = ["nobody", "outsider", "reader", "reporter", "controller", "director", "admin", "superuser"]
CAN_VIEW = {"reader", "reporter", "controller", "director", "admin", "superuser"}
CAN_EDIT = {"controller", "director", "admin", "superuser"}
CAN_DECIDE = {"director", "admin", "superuser"}


def urls(world) -> dict[str, tuple[str, set[str]]]:
    """name → (address, roles answered 200)."""
    plan, goal = world.plan, world.goals["1.1.1"]
    target, activity = world.targets["feriejobb"], world.activities[0]
    area = world.areas["Jobbtorg Stockholm"]
    view = {
        "organisation": reverse("organisation", args=[world.committee.code]),
        "department": reverse("organisation", args=[world.department.code]),
        "plan": reverse("plan", args=[plan.pk]),
        "economy": reverse("economy", args=[plan.pk]),
        "goal": reverse("goal", args=[goal.pk]),
        "history_goal": reverse("history", args=["mal", goal.pk]),
        "history_target": reverse("history", args=["indikator", target.pk]),
        "history_activity": reverse("history", args=["aktivitet", activity.pk]),
        "history_area": reverse("history", args=["omrade", area.pk]),
        "history_requirements": reverse("history", args=["intaktskrav", plan.pk]),
        "history_plan": reverse("history", args=["plan", plan.pk]),
        "plan_report": reverse("plan_report", args=[plan.pk, "html"]),
        "plan_checks": reverse("plan_checks", args=[plan.pk]),
        "plan_texts": reverse("plan_texts", args=[plan.pk]),
        "indicator_kolada": reverse("indicator_kolada", args=[target.pk]),
        "organisation_kolada": reverse("organisation_kolada", args=[world.committee.code]),
    }
    edit = {
        "goal_create": reverse("goal_create", args=[plan.pk]),
        "goal_create_child": reverse("goal_create_child", args=[goal.pk]),
        "goal_edit": reverse("goal_edit", args=[goal.pk]),
        "target_create": reverse("target_create", args=[goal.pk]),
        "target_edit": reverse("target_edit", args=[target.pk]),
        "indicator_values": reverse("indicator_values", args=[target.pk]),
        "activity_create": reverse("activity_create", args=[goal.pk]),
        "activity_edit": reverse("activity_edit", args=[activity.pk]),
        "area_budget_edit": reverse("area_budget_edit", args=[area.pk]),
        "requirements_edit": reverse("requirements_edit", args=[plan.pk]),
        "table_import": reverse("table_import", args=[world.committee.code]),
        "economy_texts_edit": reverse("economy_texts_edit", args=[plan.pk]),
        "plan_texts_edit": reverse("plan_texts_edit", args=[plan.pk]),
    }
    decision, _ = PlanDecision.objects.get_or_create(
        plan=plan, number=1, defaults={"kind": "adopted", "decided_on": "2021-12-14", "reference": "AMN 1"}
    )
    view["plan_decision"] = reverse("plan_decision", args=[decision.pk])
    decide = {
        "plan_adopt": reverse("plan_adopt", args=[plan.pk]),
        "plan_revision": reverse("plan_revision", args=[plan.pk]),
    }
    admin = {
        "history_organisation": reverse("history", args=["organisation", world.committee.pk]),
        "people": reverse("people", args=[world.committee.code]),
        "open_data_switch": reverse("open_data_switch", args=[world.committee.code]),
        "profile": reverse("profile", args=[world.committee.code]),
        "history_profile": reverse("history", args=["profil", world.committee.pk]),
    }
    return {
        "home": (reverse("home"), set(ROLES)),
        **{name: (url, {"admin", "superuser"}) for name, url in admin.items()},
        **{name: (url, CAN_VIEW) for name, url in view.items()},
        **{name: (url, CAN_EDIT) for name, url in edit.items()},
        **{name: (url, CAN_DECIDE) for name, url in decide.items()},
    }


EDIT_URLS = [
    "goal_create",
    "goal_create_child",
    "goal_edit",
    "target_create",
    "target_edit",
    "indicator_values",
    "activity_create",
    "activity_edit",
    "area_budget_edit",
    "requirements_edit",
    "table_import",
    "economy_texts_edit",
    "plan_texts_edit",
]
DECIDE_URLS = ["plan_adopt", "plan_revision"]
ALL_URLS = (
    ["home", "organisation", "department", "plan", "economy", "goal"]
    + [f"history_{k}" for k in ("goal", "target", "activity", "area", "requirements")]
    + ["history_plan", "history_organisation", "people", "open_data_switch", "plan_report", "plan_checks"]
    + ["indicator_kolada", "organisation_kolada", "profile", "history_profile", "plan_decision", "plan_texts"]
    + EDIT_URLS
    + DECIDE_URLS
)


def expected(role: str, allowed: set[str]) -> int:
    if role in allowed:
        return 200
    if role in {"nobody", "outsider"}:
        return 404
    return 403


@pytest.fixture
def clients(world) -> dict[str, Client]:
    world.users["superuser"] = get_user_model().objects.create_superuser("superuser", password="x")
    result = {}
    for role in ROLES:
        client = Client()
        client.force_login(world.users[role])
        result[role] = client
    return result


@pytest.mark.parametrize("name", ALL_URLS)
def test_it_answers_every_role_as_the_matrix_says(world, clients, name):
    url, allowed = urls(world)[name]
    answers = {role: clients[role].get(url).status_code for role in ROLES}
    assert answers == {role: expected(role, allowed) for role in ROLES}


@pytest.mark.parametrize("name", EDIT_URLS + DECIDE_URLS)
def test_it_refuses_posts_from_roles_that_may_not_edit(world, clients, name):
    url, allowed = urls(world)[name]
    answers = {role: clients[role].post(url, {}).status_code for role in ROLES}
    # An empty post is an invalid form for those allowed: the form is shown again.
    assert answers == {role: expected(role, allowed) for role in ROLES}


@pytest.mark.parametrize("name", ALL_URLS)
def test_it_sends_anonymous_visitors_to_log_in(world, client, name):
    url, _ = urls(world)[name]
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={url}"


def people_posts(world) -> dict[str, tuple[str, set[str]]]:
    """Posts of the people page (accounts/people.py): administrators only."""
    reader = world.users["reader"]
    return {
        "person_role": (
            reverse("person_role", args=[world.committee.code, reader.pk]),
            {"admin", "superuser"},
        )
    }


def test_the_people_pages_posts_answer_every_role_as_the_matrix_says(world, clients):
    url, allowed = people_posts(world)["person_role"]
    version = Membership.objects.get(user=world.users["reader"], organisation=world.committee).version
    data = {
        f"p{world.users['reader'].pk}-{k}": v
        for k, v in {"version": version, "role": "reader", "action": "set"}.items()
    }
    answers = {role: clients[role].post(url, data).status_code for role in ROLES}
    assert answers == {role: 302 if role in allowed else expected(role, allowed) for role in ROLES}


def test_it_answers_404_for_another_organisations_objects_whatever_ones_own_role(world, clients):
    other = world.other_plan
    for role in ("reader", "controller", "admin"):
        assert clients[role].get(reverse("plan", args=[other.pk])).status_code == 404
        assert clients[role].get(reverse("economy", args=[other.pk])).status_code == 404
        assert clients[role].get(reverse("goal_create", args=[other.pk])).status_code == 404
    assert clients["outsider"].get(reverse("plan", args=[other.pk])).status_code == 200
    denied = clients["reporter"].get(reverse("goal_create", args=[world.plan.pk]))
    assert denied.status_code == 403
    assert "Åtkomst nekad" in denied.content.decode()


def test_it_gives_a_department_role_no_rights_in_the_committee_above(world):
    user = get_user_model().objects.create_user("avdelning")
    Membership.objects.create(user=user, organisation=world.department, role=Role.ADMIN)
    client = Client()
    client.force_login(user)
    assert client.get(reverse("plan", args=[world.plan.pk])).status_code == 404
    assert client.get(reverse("organisation", args=[world.department.code])).status_code == 200


def test_it_answers_404_for_objects_that_do_not_exist(world, clients):
    missing = clients["admin"].get(reverse("goal", args=[999999]))
    assert missing.status_code == 404
    assert "Sidan finns inte" in missing.content.decode()
    assert clients["admin"].get(reverse("organisation", args=["finns-inte"])).status_code == 404


# Accounts and security. Pages for everyone (logging in, a forgotten password), pages of one's own account
# (any logged-in user), and the security page for superusers only (403 for everyone else logged in: it is
# no organisation's object). name → (method, address, answer per role, answer to an anonymous visitor).
ALL_ROLES_LOGGED_IN = {role: 200 for role in ROLES}
ONLY_SUPERUSER = {role: 403 for role in ROLES} | {"superuser": 200}
TO_LOGIN = "login"
ACCOUNT_URLS: dict[str, tuple[str, str, dict[str, int], int | str]] = {
    # A logged-in visitor of the login page is sent on to the start page.
    "login": ("get", reverse_lazy("login"), {role: 302 for role in ROLES}, 200),
    "logout": ("post", reverse_lazy("logout"), {role: 302 for role in ROLES}, 302),
    # Without a password login under way, the code pages send back to the login page.
    "login_code": ("get", reverse_lazy("login_code"), {role: 302 for role in ROLES}, 302),
    "login_enrol": ("get", reverse_lazy("login_enrol"), {role: 302 for role in ROLES}, 302),
    # Without STYRKEDJA_OIDC_CLIENT_ID there is no single sign-on (tests/accounts/test_sso.py has it on).
    "oidc_authentication_init": (
        "get",
        reverse_lazy("oidc_authentication_init"),
        {r: 404 for r in ROLES},
        404,
    ),
    "oidc_authentication_callback": (
        "get",
        reverse_lazy("oidc_authentication_callback"),
        {r: 404 for r in ROLES},
        404,
    ),
    "account": ("get", reverse_lazy("account"), ALL_ROLES_LOGGED_IN, TO_LOGIN),
    "api_tokens": ("get", reverse_lazy("api_tokens"), ALL_ROLES_LOGGED_IN, TO_LOGIN),
    # Only one's own tokens: another's (or none) is 404.
    "api_token_revoke": (
        "post",
        reverse_lazy("api_token_revoke", args=[999999]),
        {role: 404 for role in ROLES},
        TO_LOGIN,
    ),
    "password_change": ("get", reverse_lazy("password_change"), ALL_ROLES_LOGGED_IN, TO_LOGIN),
    "notice_choices": ("get", reverse_lazy("notice_choices"), ALL_ROLES_LOGGED_IN, TO_LOGIN),
    "totp_enrol": ("get", reverse_lazy("totp_enrol"), ALL_ROLES_LOGGED_IN, TO_LOGIN),
    # Administrators may not switch their second factor off; others may (302 back to the account page).
    "totp_remove": (
        "post",
        reverse_lazy("totp_remove"),
        {role: 302 for role in ROLES} | {"admin": 403, "superuser": 403, "outsider": 403},
        TO_LOGIN,
    ),
    "password_reset": ("get", reverse_lazy("password_reset"), ALL_ROLES_LOGGED_IN, 200),
    "password_reset_sent": ("get", reverse_lazy("password_reset_sent"), ALL_ROLES_LOGGED_IN, 200),
    "password_reset_confirm": (
        "get",
        reverse_lazy("password_reset_confirm", args=["MQ", "set-password"]),
        ALL_ROLES_LOGGED_IN,
        200,
    ),
    "password_reset_complete": ("get", reverse_lazy("password_reset_complete"), ALL_ROLES_LOGGED_IN, 200),
    "security": ("get", reverse_lazy("security"), ONLY_SUPERUSER, TO_LOGIN),
    # Open data: public, without logging in, once an administrator has switched it on (off: 404 for all;
    # tests/exchange/test_opendata.py switches it on).
    "open_data": ("get", reverse_lazy("open_data", args=["amn"]), {r: 404 for r in ROLES}, 404),
    "open_data_file": (
        "get",
        reverse_lazy("open_data_file", args=["amn", "budget.csv"]),
        {r: 404 for r in ROLES},
        404,
    ),
    # No such lockout: 404 for the superuser, 403 before that for everyone else.
    "unlock": ("post", reverse_lazy("unlock", args=[999999]), ONLY_SUPERUSER | {"superuser": 404}, TO_LOGIN),
}


@pytest.mark.parametrize("name", ACCOUNT_URLS)
def test_the_account_pages_answer_every_role_as_the_matrix_says(world, clients, settings, name):
    settings.ADMIN_TOTP_REQUIRED = True
    method, url, expected_answers, anonymous = ACCOUNT_URLS[name]
    answers = {role: getattr(clients[role], method)(url).status_code for role in ROLES}
    assert answers == expected_answers
    answer = getattr(Client(), method)(url)
    if anonymous == TO_LOGIN:
        assert answer.status_code == 302 and answer["Location"] == f"{reverse('login')}?next={url}"
    else:
        assert answer.status_code == anonymous


def city_urls(world) -> dict[str, str]:
    """The city office's page: for roles in the municipality (those of a committee see nothing of it)."""
    return {"city_office": reverse("city_office", args=[world.city.code, "2022-T1"])}


def test_the_city_office_page_answers_roles_in_the_municipality_and_404_to_a_committees(world, clients):
    url = city_urls(world)["city_office"]
    answers = {role: clients[role].get(url).status_code for role in ROLES}
    assert answers == {role: 200 if role == "superuser" else 404 for role in ROLES}
    Membership.objects.create(user=world.users["reader"], organisation=world.city, role=Role.READER)
    assert clients["reader"].get(url).status_code == 200
    assert (
        clients["reader"].get(reverse("city_office", args=[world.committee.code, "2022-T1"])).status_code
        == 404
    )
    assert (
        clients["reader"].get(reverse("city_office", args=[world.city.code, "inte-en-period"])).status_code
        == 404
    )
    anonymous = Client().get(url)
    assert anonymous.status_code == 302 and anonymous["Location"] == f"{reverse('login')}?next={url}"
