"""Many people at work in one follow-up round at once, on a throwaway PostgreSQL 15 and on SQLite.

For each database: the demo data, the real server (`styrkedja serve`: gunicorn, several workers with several
threads), and logged-in clients over HTTP (sessions, CSRF) doing follow-up work for a bounded time: reporters
and controllers save outcomes, activity statuses, goal assessments, area and investment forecasts and the
cover's case officers with the version they read, reading the page again on a conflict (409) and saving
again, as a person would; controllers send forms that create something (an omslutning row, a budget
adjustment, a plan activity) twice at once with one token, like a double click; and now and then several
controllers, and the command `styrkedja followup open`, open the next round all at the same moment.

Afterwards the database is checked:

- lost updates: an accepted save (the page redirected) must be in the row's history at the version after the
  one it read, with the value it sent; a row's history has every version once, in order, and ends at the
  stored row; a cover list ends as one accepted save left it, and every name a save added is in its history;
- duplicates: more than one row from one create (one token sent twice), a round opened twice (two rows, two
  "opened" events, or two people told they opened it), two forecasts of one line, two parts of one goal, a
  name twice in a list;
- deadlocks: PostgreSQL's count of deadlocks, and on SQLite the requests refused with "database is locked".

    .venv/bin/python bench/concurrency.py [--seconds 30] [--clients 32] [--database both|postgres|sqlite]

PostgreSQL runs under scripts/with-postgres (a cluster made for the run and removed after it). One line per
database, and last: requests=… errors_5xx=… deadlocks=… lost_updates=… duplicates=… (summed over the
databases; target: all zeros). An answer the server never gave (a dropped connection) counts as a 5xx, and
so does a `styrkedja followup open` that ends with a traceback. `seconds` in a database's line is the load's
wall time: the work, and the crowd in the last round opened.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import http.client
import itertools
import json
import os
import random
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
ORGANISATION = "amn"
DEMO_PERIOD = "2021-T1"
#: The periods the demo has plans for and no round yet: opened during the run, one at a time, by many at once.
OPEN_PERIODS = ["2021-T2", "2021", "2022-T1", "2022-T2", "2022"]
PASSWORD = "demo"
#: The demo's users that work here (the administrator needs a second factor; the reader writes nothing).
ROLES = ["rapportor", "controller", "direktor", "controller"]
SUMMED = ("requests", "errors_5xx", "deadlocks", "lost_updates", "duplicates")


# --- HTML forms ------------------------------------------------------------------------------------------


@dataclass
class Form:
    action: str | None
    id: str | None
    fields: dict[str, str] = field(default_factory=dict)
    options: dict[str, list[str]] = field(default_factory=dict)


class Forms(HTMLParser):
    """The forms of a page with the values a browser would send (fields may name their form with `form=`)."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._current: Form | None = None
        self._owned: list[tuple[str | None, Form | None, str, str, list[str] | None]] = []
        self._text: tuple[dict[str, str], list[str]] | None = None
        self._select: tuple[dict[str, str], list[tuple[str, bool]]] | None = None
        self._option: list[str] | None = None
        self.feed(html)
        self.close()
        by_id = {f.id: f for f in self.forms if f.id}
        for form_id, owner, name, value, options in self._owned:
            form = by_id.get(form_id) if form_id else owner
            if form is not None:
                form.fields[name] = value
                if options is not None:
                    form.options[name] = options

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self._current = Form(a.get("action") or None, a.get("id") or None)
            self.forms.append(self._current)
        elif tag == "input" and a.get("name"):
            kind = a.get("type", "text")
            if kind in {"submit", "button", "image", "reset"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in a:
                return
            self._own(a, a.get("value", "on" if kind in {"checkbox", "radio"} else ""))
        elif tag == "textarea" and a.get("name"):
            self._text = (a, [])
        elif tag == "select" and a.get("name"):
            self._select = (a, [])
        elif tag == "option" and self._select is not None:
            self._option = [a.get("value", ""), "selected" if "selected" in a else ""]

    def handle_data(self, data: str) -> None:
        if self._text is not None:
            self._text[1].append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._current = None
        elif tag == "textarea" and self._text is not None:
            a, parts = self._text
            self._own(a, "".join(parts).removeprefix("\r\n").removeprefix("\n"))
            self._text = None
        elif tag == "option" and self._select is not None and self._option is not None:
            self._select[1].append((self._option[0], bool(self._option[1])))
            self._option = None
        elif tag == "select" and self._select is not None:
            a, options = self._select
            chosen = next((v for v, selected in options if selected), options[0][0] if options else "")
            self._own(a, chosen, [v for v, _ in options])
            self._select = None

    def _own(self, a: dict[str, str], value: str, options: list[str] | None = None) -> None:
        self._owned.append((a.get("form") or None, self._current, a["name"], value, options))


def forms_of(html: str) -> list[Form]:
    return Forms(html).forms


def form_with(html: str, pattern: str) -> Form | None:
    """The first form with a field whose name matches."""
    return next((f for f in forms_of(html) if any(re.fullmatch(pattern, n) for n in f.fields)), None)


# --- HTTP ------------------------------------------------------------------------------------------------


@dataclass
class Answer:
    status: int
    location: str
    text: str

    @property
    def saved(self) -> bool:
        return self.status in (302, 303)


class Counts:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.by_status: collections.Counter[str] = collections.Counter()
        self.requests = 0
        self.failed = 0  # no answer at all

    def add(self, status: int | None) -> None:
        with self.lock:
            self.requests += 1
            if status is None:
                self.failed += 1
            else:
                self.by_status[str(status)] += 1

    @property
    def errors_5xx(self) -> int:
        return self.failed + sum(n for s, n in self.by_status.items() if s.startswith("5"))


class Client:
    """A browser: its own session and CSRF cookies, one connection per request."""

    def __init__(self, port: int, counts: Counts, number: int, user: str):
        self.port, self.counts, self.number, self.user = port, counts, number, user
        self.cookies: dict[str, str] = {}
        self.lock = threading.Lock()
        self.sequence = 0
        self.not_mine: set[int] = set()  # parts this person may not fill in, learnt as they go
        self.gate: threading.Barrier | None = None  # a crowd's: the next POST waits for the others'

    def marker(self) -> str:
        """A value no other write of the run has: which client, which write."""
        self.sequence += 1
        return f"k{self.number:02d}-{self.sequence:05d}"

    def request(self, method: str, path: str, fields: dict[str, str] | None = None) -> Answer:
        with self.lock:
            cookie = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        headers = {"Cookie": cookie} if cookie else {}
        body = None
        if fields is not None:
            body = urllib.parse.urlencode(fields).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=180)
        try:
            connection.request(method, path, body, headers)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
        except OSError:
            self.counts.add(None)
            return Answer(0, "", "")
        finally:
            connection.close()
        self.counts.add(response.status)
        with self.lock:
            for header in response.headers.get_all("Set-Cookie") or []:
                name, _, rest = header.partition("=")
                value = rest.split(";", 1)[0]
                if value and "max-age=0" not in header.lower():
                    self.cookies[name.strip()] = value
                else:
                    self.cookies.pop(name.strip(), None)
        return Answer(response.status, response.getheader("Location") or "", text)

    def get(self, path: str) -> Answer:
        return self.request("GET", path)

    def post(self, path: str, fields: dict[str, str]) -> Answer:
        gate, self.gate = self.gate, None
        if gate is not None:
            with contextlib.suppress(threading.BrokenBarrierError):  # one of them had nothing to save
                gate.wait(timeout=20)
        return self.request("POST", path, fields)

    def log_in(self) -> None:
        page = self.get("/logga-in/")
        form = form_with(page.text, "username")
        assert form is not None, "no login form"
        answer = self.post("/logga-in/", {**form.fields, "username": self.user, "password": PASSWORD})
        assert answer.saved, f"{self.user} could not log in ({answer.status})"

    def twin(self) -> Client:
        """A second tab of the same browser: the same session."""
        other = Client(self.port, self.counts, self.number, self.user)
        other.cookies = dict(self.cookies)
        return other


# --- What the clients do ---------------------------------------------------------------------------------


@dataclass
class Place:
    """A round the clients work in: its goal parts and the goals' assessment pages."""

    round: int
    parts: list[int]
    assessments: list[str]


@dataclass
class Site:
    """Where things are, found by a controller: the demo's round, and each round opened during the run."""

    rounds: list[Place]
    plan_goals: list[int]
    lock: threading.Lock = field(default_factory=threading.Lock)

    def pick(self) -> Place:
        """A round to work in: the newest (just opened, nothing entered yet) half of the time."""
        with self.lock:
            return self.rounds[-1] if random.random() < 0.5 else random.choice(self.rounds)

    def add(self, place: Place) -> None:
        with self.lock:
            self.rounds.append(place)


@dataclass
class Record:
    """What the clients were told, for the check afterwards."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    values: list[dict[str, Any]] = field(default_factory=list)  # accepted saves of one row
    lists: list[dict[str, Any]] = field(default_factory=list)  # accepted saves of a cover list
    creates: list[dict[str, Any]] = field(default_factory=list)  # forms sent twice
    opens: dict[str, collections.Counter[str]] = field(default_factory=dict)
    actions: collections.Counter[str] = field(default_factory=collections.Counter)

    def value(self, kind: str, round_: int, key: int, read: str, value: str) -> None:
        with self.lock:
            self.values.append(
                {"kind": kind, "round": round_, "key": key, "read": int(read or 0), "value": value}
            )

    def json(self) -> dict[str, Any]:
        return {"values": self.values, "lists": self.lists, "creates": self.creates, "opens": self.opens}


ATTEMPTS = 4  # a person reads again and saves again after a conflict, a few times


def _links(html: str, pattern: str) -> list[str]:
    return list(dict.fromkeys(re.findall(pattern, html)))


def place(client: Client, round_: int) -> Place:
    overview = client.get(f"/uppfoljningar/{round_}/").text
    parts = []
    assessments: list[str] = []
    for part in map(int, _links(overview, r'href="/delar/(\d+)/"')):
        page = client.get(f"/delar/{part}/")
        if page.status == 200 and "utfall-form-" in page.text:
            parts.append(part)
            assessments += _links(page.text, r'href="(/uppfoljningar/\d+/mal/\d+/bedomning/)"')
    return Place(round_, parts, list(dict.fromkeys(assessments)))


def discover(client: Client) -> Site:
    rounds = client.get(f"/organisationer/{ORGANISATION}/uppfoljningar/").text
    round_ = int(_links(rounds, r'href="/uppfoljningar/(\d+)/"')[0])
    organisation = client.get(f"/organisationer/{ORGANISATION}/").text
    plan = max(map(int, _links(organisation, r'href="/planer/(\d+)/"')))
    goals = [int(g) for g in _links(client.get(f"/planer/{plan}/").text, r'href="/mal/(\d+)/"')]
    return Site([place(client, round_)], goals)


#: People crowd: most work goes to the first few parts, rows and lines of a round, so that several of them
#: read and save the same row at the same moment (the issue's case: sixteen people on two parts).
HOT = 2


def _hot(items: list[Any], n: int = HOT) -> Any:
    return random.choice(items[:n] if random.random() < 0.8 else items)


def _part(client: Client, where: Place) -> int:
    mine = [p for p in where.parts if p not in client.not_mine]
    return _hot(mine or where.parts)


def _not_mine(client: Client, part: int) -> None:
    """A part whose page has nothing this person may change: they do not come back to it."""
    client.not_mine.add(part)


def save_outcome(client: Client, site: Site, record: Record) -> None:
    where = site.pick()
    if not where.parts:
        return
    part = _part(client, where)
    chosen = None
    for _ in range(ATTEMPTS):
        page = client.get(f"/delar/{part}/")
        forms = [f for f in forms_of(page.text) if (f.id or "").startswith("utfall-form-")]
        if not forms:
            _not_mine(client, part)
            return
        form = next((f for f in forms if f.id == chosen), None) or _hot(forms, 3)
        chosen = form.id
        target = int((form.id or "").rsplit("-", 1)[1])
        prefix = f"i{target}-"
        marker = client.marker()
        answer = client.post(
            form.action or f"/delar/{part}/utfall/{target}/", {**form.fields, prefix + "comment": marker}
        )
        if answer.saved:
            record.value("outcome", where.round, target, form.fields[prefix + "version"], marker)
            return
        if answer.status != 409:
            return


def save_activities(client: Client, site: Site, record: Record) -> None:
    where = site.pick()
    if not where.parts:
        return
    part = _part(client, where)
    path = f"/delar/{part}/aktiviteter/"
    chosen: list[int] = []
    for _ in range(ATTEMPTS):
        page = client.get(path)
        form = form_with(page.text, r"a\d+-version")
        if form is None:
            _not_mine(client, part)
            return
        rows = [int(m[1]) for name in form.fields if (m := re.fullmatch(r"a(\d+)-version", name))]
        chosen = chosen or random.sample(rows[:4], min(len(rows[:4]), random.randint(1, 2)))
        fields = dict(form.fields)
        marker = client.marker()
        for pk in chosen:
            statuses = [s for s in form.options.get(f"a{pk}-status", []) if s]
            fields[f"a{pk}-status"] = random.choice(statuses)
            fields[f"a{pk}-deviation"] = f"{marker}/{pk}"
        answer = client.post(form.action or path, fields)
        if answer.saved:
            for pk in chosen:
                record.value("activity", where.round, pk, form.fields[f"a{pk}-version"], f"{marker}/{pk}")
            return
        if answer.status != 409:
            return


def save_assessment(client: Client, site: Site, record: Record) -> None:
    where = site.pick()
    if not where.assessments:
        return
    path = _hot(where.assessments)
    goal = int(path.rstrip("/").split("/")[-2])
    for _ in range(ATTEMPTS):
        form = form_with(client.get(path).text, "analysis")
        if form is None:
            return
        marker = client.marker()
        values = [v for v in form.options.get("value", []) if v]
        fields = {**form.fields, "analysis": marker, "justification": f"Motivering {marker}"}
        if values:
            fields["value"] = random.choice(values)
        answer = client.post(form.action or path, fields)
        if answer.saved:
            record.value("assessment", where.round, goal, form.fields["version"], marker)
            return
        if answer.status != 409:
            return


def save_area_forecast(client: Client, site: Site, record: Record) -> None:
    """An area's commentary changed in the economy's grid (one form for every area, saved all or none)."""
    where = site.pick()
    path = f"/uppfoljningar/{where.round}/ekonomi/"
    area = None
    for _ in range(ATTEMPTS):
        form = next(
            (f for f in forms_of(client.get(path).text) if (f.action or "").endswith("/ekonomi/omraden/")),
            None,
        )
        if form is None:
            return
        areas = [int(m[1]) for name in form.fields if (m := re.fullmatch(r"o(\d+)-version", name))]
        if not areas:
            return
        area = area if area in areas else random.choice(areas)
        marker = client.marker()
        answer = client.post(form.action or path, {**form.fields, f"o{area}-commentary": marker})
        if answer.saved:
            record.value("area_forecast", where.round, area, form.fields[f"o{area}-version"], marker)
            return
        if answer.status != 409:
            return


def save_investments(client: Client, site: Site, record: Record) -> None:
    where = site.pick()
    path = f"/uppfoljningar/{where.round}/ekonomi/"
    line = None
    for _ in range(ATTEMPTS):
        form = form_with(client.get(path).text, r"inv-forecast_\d+")
        if form is None:
            return
        lines = [int(n.rsplit("_", 1)[1]) for n in form.fields if n.startswith("inv-forecast_")]
        line = line or _hot(lines)
        old = _number(form.fields[f"inv-forecast_{line}"])
        new = old
        while new == old:
            new = Decimal(random.randint(0, 999)) / 10
        answer = client.post(
            form.action or path, {**form.fields, f"inv-forecast_{line}": str(new).replace(".", ",")}
        )
        if answer.saved:
            record.value(
                "investment_forecast", where.round, line, form.fields[f"inv-version_{line}"], str(new)
            )
            return
        if answer.status != 409:
            return


def save_case_officers(client: Client, site: Site, record: Record) -> None:
    """The cover's case officers become the first one read and a new one (the others removed)."""
    where = site.pick()
    path = f"/uppfoljningar/{where.round}/forsattsblad/"
    for _ in range(ATTEMPTS):
        form = form_with(client.get(path).text, "handlaggare-TOTAL_FORMS")
        if form is None:
            return
        fields = dict(form.fields)
        stored, total = int(fields["handlaggare-INITIAL_FORMS"]), int(fields["handlaggare-TOTAL_FORMS"])
        for index in range(1, stored):
            fields[f"handlaggare-{index}-DELETE"] = "on"
        if total == stored:
            fields["handlaggare-TOTAL_FORMS"] = str(total + 1)
        marker = client.marker()
        fields[f"handlaggare-{stored}-name"] = marker
        fields[f"handlaggare-{stored}-phone"] = ""
        names = ([fields["handlaggare-0-name"]] if stored else []) + [marker]
        answer = client.post(form.action or path, fields)
        if answer.saved:
            with record.lock:
                record.lists.append({"round": where.round, "names": names})
            return
        if answer.status != 409:
            return


def _send_twice(client: Client, path: str, fields: dict[str, str]) -> list[Answer]:
    """A double click: the same form (one token) sent twice at once, from two tabs of one session."""
    answers: list[Answer] = []
    tabs = [client, client.twin()]
    start = threading.Barrier(2)

    def send(tab: Client) -> None:
        start.wait()
        answers.append(tab.post(path, fields))

    threads = [threading.Thread(target=send, args=(tab,)) for tab in tabs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return answers


def create_twice(client: Client, site: Site, record: Record) -> None:
    where = site.pick()
    kind = random.choice(["turnover", "adjustment", "activity"])
    marker = client.marker()
    if kind == "turnover":
        path = f"/uppfoljningar/{where.round}/ekonomi/omslutning/ny/"
        values = {"heading": "Prov", "label": marker, "costs": "1,5", "revenues": "-1,5"}
    elif kind == "adjustment":
        path = f"/uppfoljningar/{where.round}/ekonomi/budgetjusteringar/ny/"
        values = {"amount": "0,5", "reason": marker}
    else:
        path = f"/mal/{random.choice(site.plan_goals)}/ny-aktivitet/"
        values = {"title": marker}
    form = form_with(client.get(path).text, "token")
    if form is None:
        return
    fields = {**form.fields, **values}
    if "area" in form.options:
        fields["area"] = next(v for v in form.options["area"] if v)
    answers = _send_twice(client, path, fields)
    with record.lock:
        record.creates.append({"kind": kind, "marker": marker, "accepted": sum(a.saved for a in answers)})


ACTIONS = {
    "reporter": [(save_outcome, 4), (save_activities, 2), (save_assessment, 2)],
    "controller": [
        (save_outcome, 3),
        (save_activities, 2),
        (save_assessment, 2),
        (save_area_forecast, 2),
        (save_investments, 1),
        (save_case_officers, 1),
        (create_twice, 1),
    ],
}


def work(client: Client, site: Site, record: Record, stop: float) -> None:
    actions = ACTIONS["reporter" if client.user == "rapportor" else "controller"]
    functions, weights = zip(*actions, strict=True)
    while time.monotonic() < stop:
        action = random.choices(functions, weights)[0]
        with record.lock:
            record.actions[action.__name__] += 1
        action(client, site, record)


OPEN = [str(BIN / "styrkedja"), "followup", "open", "--organisation", ORGANISATION, "--period"]


def open_round_at_once(
    clients: list[Client],
    period: str,
    site: Site,
    record: Record,
    env: dict[str, str],
    commands: int,
    delay: float,
) -> None:
    """Several controllers press "open" for the same period at once, while the command does the same: the
    commands start first, the presses `delay` seconds later (the time the command takes to start). Whoever
    opened it by the web finds its parts, and everyone starts working in it."""
    path = f"/organisationer/{ORGANISATION}/uppfoljningar/"
    tabs = [c.twin() for c in clients]
    forms = [form_with(tab.get(path).text, "period") for tab in tabs]
    told: collections.Counter[str] = collections.Counter()
    lock = threading.Lock()
    go = time.monotonic() + delay

    def press(tab: Client, form: Form | None) -> None:
        time.sleep(max(0.0, go - time.monotonic()))
        if form is None:
            return
        answer = tab.post(form.action or path + "ny/", {**form.fields, "period": period})
        refused = "finns redan" in answer.text
        outcome = "opened" if answer.saved else "refused" if refused else f"http {answer.status}"
        with lock:
            told[outcome] += 1
        if answer.saved and (opened := re.search(r"/uppfoljningar/(\d+)/", answer.location)):
            new = place(tab, int(opened[1]))
            crowd(tabs, Site([Place(new.round, new.parts[:1], new.assessments[:1])], site.plan_goals), record)
            site.add(new)

    def command() -> None:
        done = subprocess.run([*OPEN, period], env=env, capture_output=True, text=True, check=False)
        if done.returncode == 0 and done.stdout.startswith("opened"):
            outcome = "command opened"
        elif "finns redan" in done.stderr and "Traceback" not in done.stderr:
            outcome = "command refused"
        else:
            outcome = "command failed"
        with lock:
            told[outcome] += 1

    threads = [threading.Thread(target=command) for _ in range(commands)]
    threads += [threading.Thread(target=press, args=pair) for pair in zip(tabs, forms, strict=True)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    with record.lock:
        record.opens[period] = told


CROWDED = ["save_outcome", "save_activities", "save_assessment", "save_area_forecast", "save_investments"]


def crowd(people: list[Client], where: Site, record: Record) -> None:
    """The first thing in a new round: everyone reads the same page and saves at the same moment, each kind
    of value in turn (all read version 0, so all try to insert the row; one may)."""
    for name in [*CROWDED, "save_case_officers"]:
        action = globals()[name]
        tabs = [person.twin() for person in people]
        gate = threading.Barrier(len(tabs))
        for tab in tabs:
            tab.gate = gate
        threads = [threading.Thread(target=action, args=(tab, where, record)) for tab in tabs]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        with record.lock:
            record.actions["crowd " + name] += 1


def command_start_up(env: dict[str, str]) -> float:
    """How long `styrkedja followup open` takes to come to the point (it refuses the demo's round)."""
    started = time.monotonic()
    subprocess.run([*OPEN, DEMO_PERIOD], env=env, capture_output=True, check=False)
    return time.monotonic() - started


def load(port: int, env: dict[str, str], args: argparse.Namespace) -> tuple[Counts, Record, float]:
    """Log the clients in, let them work for `args.seconds`, open the rounds meanwhile; the counts, what
    they were told, and how long they worked."""
    counts, record = Counts(), Record()
    people = [Client(port, counts, n, ROLES[n % len(ROLES)]) for n in range(args.clients)]
    logins = [threading.Thread(target=c.log_in) for c in people]
    for t in logins:
        t.start()
    for t in logins:
        t.join()
    controllers = [c for c in people if c.user == "controller"]
    site = discover(controllers[0])
    delay = 0.8 * command_start_up(env) if args.commands else 0.0

    def open_round(index: int, period: str) -> None:
        time.sleep(max(0.0, started + index * args.seconds / len(OPEN_PERIODS) - time.monotonic()))
        open_round_at_once(controllers[: args.openers], period, site, record, env, args.commands, delay)

    started = time.monotonic()
    stop = started + args.seconds
    threads = [threading.Thread(target=work, args=(c, site, record, stop)) for c in people]
    threads += [threading.Thread(target=open_round, args=pair) for pair in enumerate(OPEN_PERIODS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return counts, record, time.monotonic() - started


# --- The check afterwards (run inside Django) ------------------------------------------------------------

#: kind → (model, the row's key besides the round, the field the save wrote)
VALUE_KINDS = {
    "outcome": ("followup.Outcome", "target_id", "comment"),
    "activity": ("followup.ActivityReport", "activity_id", "deviation"),
    "assessment": ("followup.Assessment", "goal_id", "analysis"),
    "area_forecast": ("followup.AreaForecast", "area_id", "commentary"),
    "investment_forecast": ("followup.InvestmentForecast", "investment_id", "forecast"),
}


def _number(text: str) -> Decimal | None:
    try:
        return (
            Decimal(text.replace("\u00a0", "").replace(" ", "").replace(",", ".")) if text.strip() else None
        )
    except InvalidOperation:
        return None


def _same(stored: Any, sent: str) -> bool:
    if isinstance(stored, Decimal):
        return stored == _number(sent)
    return str(stored) == sent


def check(records: dict[str, Any]) -> dict[str, Any]:
    """Lost updates and duplicates in the database, against what the clients were told (see the docstring).
    Django must be set up; returns the counts and the first problems found."""
    from django.apps import apps
    from django.db import connection
    from django.db.models import Count

    problems: list[str] = []
    lost = duplicates = 0

    def note(kind: str, text: str) -> None:
        if len(problems) < 20:
            problems.append(f"{kind}: {text}")

    saves: dict[tuple[str, int, int], list[dict[str, Any]]] = collections.defaultdict(list)
    for save in records.get("values", []):
        saves[(save["kind"], save["round"], save["key"])].append(save)
    for (kind, round_id, key), accepted in saves.items():
        label, key_field, value_field = VALUE_KINDS[kind]
        model = apps.get_model(label)
        rows = list(model.objects.filter(round_id=round_id, **{key_field: key}))
        if len(rows) != 1:  # more than one: counted with the duplicates below
            lost += 0 if rows else len(accepted)
            note("duplicate" if rows else "lost", f"{kind} {key}: {len(rows)} rows")
            continue
        row = rows[0]
        history = list(
            model.history.filter(id=row.pk).order_by("history_id").values_list("version", value_field)
        )
        versions = [v for v, _ in history]
        for before, after in itertools.pairwise(versions):
            if after != before + 1:
                lost += 1
                note("lost", f"{kind} {key}: history versions {before} then {after}")
        by_version = dict(history)
        for save in accepted:
            version = save["read"] + 1
            if version not in by_version or not _same(by_version[version], save["value"]):
                lost += 1
                note("lost", f"{kind} {key}: {save['value']!r} read at version {save['read']} not in history")
        if not history or row.version != history[-1][0] or getattr(row, value_field) != history[-1][1]:
            lost += 1
            note("lost", f"{kind} {key}: stored version {row.version} is not the history's last")

    officer = apps.get_model("followup.CaseOfficer")
    lists: dict[int, list[list[str]]] = collections.defaultdict(list)
    for saved in records.get("lists", []):
        lists[saved["round"]].append(saved["names"])
    for round_id, accepted in lists.items():
        names = list(
            officer.objects.filter(round_id=round_id)
            .order_by("position", "pk")
            .values_list("name", flat=True)
        )
        if names not in accepted:
            lost += 1
            note("lost", f"case officers of round {round_id} are {names}, which no accepted save sent")
        for name, n in collections.Counter(names).items():
            if n > 1:
                duplicates += n - 1
                note("duplicate", f"case officer {name!r} {n} times")
        added = set(
            officer.history.filter(round_id=round_id, history_type="+").values_list("name", flat=True)
        )
        for sent in accepted:
            if sent[-1] not in added:
                lost += 1
                note("lost", f"case officer {sent[-1]!r} accepted but never stored")

    created = {
        "turnover": ("followup.TurnoverProposal", "label"),
        "adjustment": ("followup.AdjustmentRequest", "reason"),
        "activity": ("plans.Activity", "title"),
    }
    for create in records.get("creates", []):
        label, field_name = created[create["kind"]]
        n = apps.get_model(label).objects.filter(**{field_name: create["marker"]}).count()
        if n > 1:
            duplicates += n - 1
            note("duplicate", f"{create['kind']} {create['marker']}: {n} rows from one form")
        elif n == 0 and create["accepted"]:
            lost += 1
            note("lost", f"{create['kind']} {create['marker']}: accepted, not stored")

    round_model = apps.get_model("followup.Round")
    for period, told in records.get("opens", {}).items():
        rounds = list(round_model.objects.filter(organisation__code=ORGANISATION, period=period))
        opened = told.get("opened", 0) + told.get("command opened", 0)
        if len(rounds) > 1 or opened > 1:
            duplicates += max(len(rounds), opened) - 1
            note("duplicate", f"round {period}: {len(rounds)} rows, {opened} told they opened it")
        for round_ in rounds:
            events = round_.events.filter(action="opened").count()
            if events > 1:
                duplicates += events - 1
                note("duplicate", f"round {period}: opened {events} times")
    for label, key in [
        ("followup.Part", "goal"),
        ("followup.InvestmentForecast", "investment"),
        ("followup.VolumeForecast", "volume"),
        ("followup.Outcome", "target"),
        ("followup.ActivityReport", "activity"),
        ("followup.Assessment", "goal"),
    ]:
        groups = (
            apps.get_model(label)
            .objects.exclude(**{f"{key}__isnull": True})
            .values("round", key)
            .annotate(n=Count("pk"))
            .filter(n__gt=1)
        )
        for group in groups:
            duplicates += group["n"] - 1
            note("duplicate", f"{label} round {group['round']} {key} {group[key]}: {group['n']} rows")

    deadlocks = None
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()")
            deadlocks = int(cursor.fetchone()[0])
    return {"lost_updates": lost, "duplicates": duplicates, "deadlocks": deadlocks, "problems": problems}


# --- One database ----------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def manage(env: dict[str, str], *args: str) -> str:
    return subprocess.run(
        [str(BIN / "styrkedja"), *args], env=env, check=True, capture_output=True, text=True
    ).stdout


def run_one(database: str, args: argparse.Namespace) -> dict[str, Any]:
    """Migrate, load the demo, serve, load it with clients, check; the counts of this database."""
    with tempfile.TemporaryDirectory(prefix="styrkedja-bench-") as data:
        env = {
            **os.environ,
            "STYRKEDJA_DATA_DIR": data,
            "STYRKEDJA_SECRET_KEY": "bench-" + "x" * 40,
            "STYRKEDJA_DEBUG": "0",
            "STYRKEDJA_HTTPS": "0",
            "STYRKEDJA_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "STYRKEDJA_WORKERS": str(args.workers),
            "STYRKEDJA_THREADS": str(args.threads),
            "STYRKEDJA_SECURITY_LOG_STDOUT": "0",
            "DJANGO_SETTINGS_MODULE": "styrkedja.settings",
        }
        if database == "sqlite":
            env.pop("DATABASE_URL", None)
        elif not env.get("DATABASE_URL", "").startswith("postgres"):
            raise SystemExit(
                "bench/concurrency.py: the PostgreSQL run needs DATABASE_URL (scripts/with-postgres)"
            )
        manage(env, "migrate", "-v0")
        manage(env, "demo", "--quiet-login")
        port = free_port()
        errors = Path(data, "server-errors.log")
        with open(errors, "w") as stderr, open(os.devnull, "w") as access:
            server = subprocess.Popen(
                [str(BIN / "styrkedja"), "serve", "--bind", f"127.0.0.1:{port}"],
                env=env,
                cwd=ROOT,
                stdout=access,
                stderr=stderr,
            )
            try:
                for _ in range(300):
                    try:
                        with socket.create_connection(("127.0.0.1", port), timeout=1):
                            break
                    except OSError:
                        time.sleep(0.1)
                counts, record, elapsed = load(port, env, args)
            finally:
                server.terminate()
                server.wait(timeout=60)
        log = errors.read_text(errors="replace")
        records = Path(data, "records.json")
        records.write_text(json.dumps(record.json()))
        checked = json.loads(
            subprocess.run(
                [sys.executable, __file__, "--check", str(records)],
                env=env,
                check=True,
                capture_output=True,
                text=True,
            )
            .stdout.strip()
            .splitlines()[-1]
        )
    locked = log.count("django.db.utils.OperationalError: database is locked")
    deadlocks = max(checked["deadlocks"] or 0, log.count("DeadlockDetected")) + locked
    told = collections.Counter[str]()
    for outcome in record.opens.values():
        told.update(outcome)
    return {
        "database": database,
        "requests": counts.requests,
        "errors_5xx": counts.errors_5xx + told.get("command failed", 0),
        "deadlocks": deadlocks,
        "lost_updates": checked["lost_updates"],
        "duplicates": checked["duplicates"],
        "problems": checked["problems"],
        "statuses": dict(sorted(counts.by_status.items())),
        "accepted": {
            "values": len(record.values),
            "lists": len(record.lists),
            "creates": sum(1 for c in record.creates if c["accepted"]),
        },
        "opens": dict(sorted(told.items())),
        "actions": dict(record.actions),
        "seconds": round(elapsed, 1),
        "server_errors": collections.Counter(
            m[0] for m in re.finditer(r"(?m)^[\w.]+(?:Error|Exception|Detected)\b.*$", log)
        ).most_common(8),
    }


def line(result: dict[str, Any]) -> str:
    return " ".join(f"{name}={result[name]}" for name in SUMMED)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--database", choices=["both", "postgres", "sqlite"], default="both")
    parser.add_argument("--workers", type=int, default=4, help="server processes (STYRKEDJA_WORKERS)")
    parser.add_argument("--threads", type=int, default=4, help="threads per process (STYRKEDJA_THREADS)")
    parser.add_argument("--openers", type=int, default=6, help="controllers opening each round at once")
    parser.add_argument("--commands", type=int, default=1, help="`styrkedja followup open` at the same time")
    parser.add_argument("--run", choices=["postgres", "sqlite"], help=argparse.SUPPRESS)
    parser.add_argument("--result", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--check", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.check:
        import django

        django.setup()
        print(json.dumps(check(json.loads(args.check.read_text()))))
        return
    if args.run:
        result = run_one(args.run, args)
        args.result.write_text(json.dumps(result))
        return

    databases = ["postgres", "sqlite"] if args.database == "both" else [args.database]
    totals = dict.fromkeys(SUMMED, 0)
    for database in databases:
        with tempfile.NamedTemporaryFile(suffix=".json") as out:
            command = [
                sys.executable,
                __file__,
                "--run",
                database,
                "--result",
                out.name,
                *("--seconds", str(args.seconds), "--clients", str(args.clients)),
                *("--workers", str(args.workers), "--threads", str(args.threads)),
                *("--openers", str(args.openers), "--commands", str(args.commands)),
            ]
            if database == "postgres":
                command = [str(ROOT / "scripts" / "with-postgres"), *command]
            subprocess.run(command, check=True)
            result = json.loads(Path(out.name).read_text())
        print(
            f"{database}: {line(result)} clients={args.clients} seconds={result['seconds']} "
            f"statuses={result['statuses']} accepted={result['accepted']} opens={result['opens']} "
            f"actions={result['actions']}"
        )
        for problem in result["problems"]:
            print(f"  {database}: {problem}")
        for error, n in result["server_errors"]:
            print(f"  {database}: {n} × {error}")
        for name in SUMMED:
            totals[name] += result[name]
    print(line(totals))


if __name__ == "__main__":
    main()
