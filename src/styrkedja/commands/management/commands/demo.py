"""`styrkedja demo`: load the demo data (AMN's plans 2021 and 2022, the T1 2021 follow-up) and one demo
user per role. `--city`: a synthetic city of 30 committees beside it (the council's plan, the committees'
plans and their rounds T1 and T2, docs/city.md), with the demo users in the same roles there."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from styrkedja.followup.models import Round
from styrkedja.followup.workflow import assign_part, set_deadline
from styrkedja.interchange.city_files import load_city
from styrkedja.interchange.followup_import import import_followup
from styrkedja.interchange.plan_import import load_plan
from styrkedja.organisations.models import Membership, Organisation, OrganisationKind, Role
from styrkedja.planfiles.followup_schema import FollowUpFile
from styrkedja.planfiles.reader import read_file, read_plan_file
from styrkedja.plans.models import Plan
from styrkedja.synthetic.city import CITY_CODE, generate, write

DEMO_DIR = Path(__file__).resolve().parents[3] / "demo"
PLAN_FILES = ["amn-2021.yaml", "amn-2022.yaml"]
FOLLOWUP_FILES = ["amn-2021-T1.yaml"]
DEPARTMENTS = [("jobbtorg", "Jobbtorg Stockholm"), ("vux", "Vuxenutbildning Stockholm")]
USERS = [
    ("admin", Role.ADMIN, "Ada Administratör"),
    ("direktor", Role.DIRECTOR, "Dina Direktör"),
    ("controller", Role.CONTROLLER, "Cecilia Controller"),
    ("rapportor", Role.REPORTER, "Rasmus Rapportör"),
    ("lasare", Role.READER, "Lars Läsare"),
]
PASSWORD = "demo"
CITY_COMMITTEES, CITY_SEED = 30, 1
# The T1 2021 round's to-do lists: its deadline, and the reporter who fills in the parts of goal area 1.
DEMO_ROUND = ("amn", "2021-T1")
DEMO_DEADLINE = dt.date(2021, 5, 3)
DEMO_ASSIGNEE, DEMO_GOAL_PREFIX = "rapportor", "1."


class Command(BaseCommand):
    help = "Load the demo plan and demo users (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--quiet-login", action="store_true", help="do not print the login help")
        parser.add_argument(
            "--city", action="store_true", help="also load a synthetic city of 30 committees (T1 and T2)"
        )

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        for name in PLAN_FILES:
            planfile = read_plan_file(DEMO_DIR / name)
            if Plan.objects.filter(
                organisation__code=planfile.organisation.code, year=planfile.year
            ).exists():
                continue
            load_plan(planfile, reason="demo data")
        for name in FOLLOWUP_FILES:
            followup = read_file(DEMO_DIR / name, FollowUpFile)
            if not Round.objects.filter(
                organisation__code=followup.organisation.code, period=followup.period
            ).exists():
                import_followup(followup, None, reason="demo data")
        committee = Organisation.objects.get(code="amn")
        for code, title in DEPARTMENTS:
            if not Organisation.objects.filter(code=code).exists():
                Organisation.objects.create(
                    code=code, name=title, kind=OrganisationKind.DEPARTMENT, parent=committee
                )
        User = get_user_model()
        for username, role, full_name in USERS:
            user, created = User.objects.get_or_create(username=username)
            if created:
                first, last = full_name.split(" ", 1)
                user.first_name, user.last_name = first, last
                user.set_password(PASSWORD)
                user.is_staff = role == Role.ADMIN
                user.save()
            Membership.objects.update_or_create(user=user, organisation=committee, defaults={"role": role})
        self._assign_demo_round()
        if options["city"]:
            self._city()
        if not options["quiet_login"]:
            self.stdout.write("Demo data loaded. Log in at http://127.0.0.1:8000/ with one of:")
            for username, role, _ in USERS:
                self.stdout.write(f"  {username:<11} / {PASSWORD}   ({role.label})")

    def _city(self) -> None:
        """The synthetic city, generated into a temporary folder and loaded as its files would be."""
        with tempfile.TemporaryDirectory() as tmp:
            write(generate(CITY_COMMITTEES, CITY_SEED), Path(tmp))
            loaded = load_city(Path(tmp))
        city = Organisation.objects.get(code=CITY_CODE)
        for username, role, _ in USERS:
            user = get_user_model().objects.get(username=username)
            Membership.objects.update_or_create(user=user, organisation=city, defaults={"role": role})
        self.stdout.write(
            f"{city.name}: {loaded.plans} plans and {loaded.rounds} follow-ups loaded; the city office's page "
            f"is at /stad/{CITY_CODE}/2021-T2/"
        )

    @staticmethod
    def _assign_demo_round() -> None:
        """Deadline and assignments of the demo round, once: not when it is locked or already assigned."""
        code, period = DEMO_ROUND
        round_ = (
            Round.objects.select_related("organisation")
            .filter(organisation__code=code, period=period)
            .first()
        )
        if round_ is None or round_.is_locked or round_.parts.filter(assignee__isnull=False).exists():
            return
        if round_.deadline is None:
            set_deadline(round_, DEMO_DEADLINE, by=None)
        reporter = get_user_model().objects.get(username=DEMO_ASSIGNEE)
        for part in round_.parts.select_related("goal").filter(goal__number__startswith=DEMO_GOAL_PREFIX):
            part.round = round_
            assign_part(part, reporter, by=None)
