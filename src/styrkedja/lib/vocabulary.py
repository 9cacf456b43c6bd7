"""The vocabulary, once: every fixed set of values the system stores (units, directions, periodicities,
statuses, kinds, roles …) with its Swedish label.

The Django models take their `choices` from here, the plan and follow-up file schemas validate against
the same enums, and every page, report and check that prints a value looks its label up here, so a value
has one spelling and one label everywhere. Goal levels and ratings are not here: every municipality names
its own, in its profile (`styrkedja.profiles`).

    Unit.PERCENT == "percent"     Unit.PERCENT.label == "procent"     Unit.choices, Unit.values
"""

from __future__ import annotations

from enum import EnumType, StrEnum, nonmember
from typing import Any


class _Terms(EnumType):
    def _terms(cls) -> list[Any]:
        return list(cls.__members__.values())

    @property
    def choices(cls) -> list[tuple[str, str]]:
        """[(value, label)] for a model field's choices."""
        return [(term.value, term.label) for term in cls._terms()]

    @property
    def values(cls) -> list[str]:
        return [term.value for term in cls._terms()]

    @property
    def labels(cls) -> dict[str, str]:
        """{value: label}."""
        return {term.value: term.label for term in cls._terms()}


class Term(StrEnum, metaclass=_Terms):
    """A stored value with its Swedish label: `NAME = "value", "Etikett"`."""

    label: str
    # Django's templates call what is callable; an enum class is (it looks a value up), so they must not.
    do_not_call_in_templates = nonmember(True)

    def __new__(cls, value: str, label: str = "") -> Any:
        term = str.__new__(cls, value)
        term._value_ = value
        term.label = label
        return term

    @classmethod
    def label_of(cls, value: str, default: str = "") -> str:
        """The label of a stored value; `default` for a value that is not one of these (e.g. empty)."""
        term: Any = cls._value2member_map_.get(value)
        return default if term is None else str(term.label)


# --- Organisations ------------------------------------------------------------------------------------


class OrganisationKind(Term):
    CITY = "city", "Kommun"
    COMMITTEE = "committee", "Nämnd"
    DEPARTMENT = "department", "Avdelning"
    UNIT = "unit", "Enhet"


class Role(Term):
    """Roles in rising order of rights; a role includes the rights of those below it."""

    READER = "reader", "Läsare"
    REPORTER = "reporter", "Rapportör"
    CONTROLLER = "controller", "Controller"
    DIRECTOR = "director", "Direktör"
    ADMIN = "admin", "Administratör"


# --- Plans --------------------------------------------------------------------------------------------


class PlanStatus(Term):
    """A plan's life cycle: a draft is adopted by the committee; to change an adopted plan it is opened for
    revision and adopted again, as revised (plans/lifecycle.py). Adopted and revised plans are locked."""

    DRAFT = "draft", "Utkast"
    ADOPTED = "adopted", "Fastställd"
    REVISING = "revising", "Under revidering"
    REVISED = "revised", "Reviderad"


#: The statuses of a plan the committee has decided: locked, published as open data.
PLAN_DECIDED = (PlanStatus.ADOPTED, PlanStatus.REVISED)


class PlanDecisionKind(Term):
    ADOPTED = "adopted", "Fastställd"
    REVISED = "revised", "Reviderad"


class Unit(Term):
    PERCENT = "percent", "procent"
    COUNT = "count", "antal"
    MONTHS = "months", "månader"
    INDEX = "index", "index"
    SCALE = "scale", "skala"
    MNKR = "mnkr", "mnkr"
    RATIO = "ratio", "kvot"
    PER_100000 = "per_100000", "per 100 000 invånare"
    DAYS = "days", "dagar"
    SEK = "sek", "kronor"
    RANK = "rank", "placering"


class Direction(Term):
    HIGHER = "higher", "Högre är bättre"
    LOWER = "lower", "Lägre är bättre"
    BAND = "band", "Inom intervall"


class Periodicity(Term):
    MONTH = "month", "Månad"
    QUARTER = "quarter", "Kvartal"
    TERTIAL = "tertial", "Tertial"
    HALF_YEAR = "half_year", "Halvår"
    YEAR = "year", "År"
    EVERY_OTHER_YEAR = "every_other_year", "Vartannat år"


class KfTargetMode(Term):
    VALUE = "value", "Värde"
    DELEGATED_COMMITTEE = "delegated_committee", "Tas fram av nämnd"
    DELEGATED_COMMITTEE_OR_BOARD = "delegated_committee_or_board", "Tas fram av nämnd/styrelse"
    NONE = "none", "Inget"


class IndicatorTable(Term):
    COUNCIL = "council", "KF:s indikator"
    COMMITTEE = "committee", "Nämndens indikator"


class Aggregation(Term):
    """How the city value of a council indicator is computed from the committees' values."""

    SUM = "sum", "Summan av nämndernas värden"
    SHARE = "share", "Andel ur nämndernas täljare och nämnare"
    COMMITTEE = "committee", "Redovisas per nämnd"


class ActivityKind(Term):
    COUNCIL_ASSIGNMENT = "council_assignment", "KF-uppdrag"
    COMMITTEE = "committee", "Nämndens aktivitet"


# --- Budget -------------------------------------------------------------------------------------------


class VersionKind(Term):
    PROPOSED = "proposed", "Förslag till budget"
    ADOPTED = "adopted", "Nämndbudget"
    PREVIOUS = "previous", "Föregående års budget"
    ADJUSTED_PREVIOUS = "adjusted_previous", "Justerad budget föregående år"
    ADJUSTED = "adjusted", "Justerad budget"
    FORECAST = "forecast", "Prognos"
    OUTCOME = "outcome", "Utfall"


# --- Follow-up ----------------------------------------------------------------------------------------


class RoundStatus(Term):
    OPEN = "open", "Öppen"
    LOCKED = "locked", "Godkänd och låst"


class ReportFormat(Term):
    """The formats a report is printed, and an approved report archived, in."""

    PDF = "pdf", "PDF"
    DOCX = "docx", "Word"
    HTML = "html", "Webbsida"


class PartStatus(Term):
    TODO = "todo", "Att fylla i"
    READY = "ready", "Klar för granskning"
    RETURNED = "returned", "Återsänd"
    APPROVED = "approved", "Godkänd"


class Source(Term):
    MANUAL = "manual", "Inmatat"
    IMPORT = "import", "Importerat"
    MICRODATA = "microdata", "Beräknat från mikrodata"


class ActivityStatus(Term):
    NOT_STARTED = "not_started", "Ej påbörjad"
    ONGOING = "ongoing", "Pågår"
    DONE = "done", "Avslutad"
    NOT_RELEVANT = "not_relevant", "Inte längre aktuell"


class DecisionKind(Term):
    APPROVE_REPORT = "approve_report", "Godkänna rapporten"
    APPROVE_TURNOVER = "approve_turnover", "Godkänna omslutning"
    REQUEST_ADJUSTMENT = "request_adjustment", "Begära budgetjustering"
    OTHER = "other", "Övrigt"


class RoundEventKind(Term):
    """What the workflow records of a round, with the label its history shows."""

    OPENED = "opened", "Uppföljningen öppnades"
    PART_READY = "part_ready", "Del markerad som klar"
    PART_RETURNED = "part_returned", "Del skickad tillbaka"
    PART_APPROVED = "part_approved", "Del godkänd"
    PART_TODO = "part_todo", "Del återställd"
    PART_ASSIGNED = "part_assigned", "Del tilldelad"
    DEADLINE_SET = "deadline_set", "Sista dag ändrad"
    APPROVED_AND_LOCKED = "approved_and_locked", "Rapporten godkändes och låstes"
    REOPENED = "reopened", "Rapporten öppnades igen"
    IMPORTED = "imported", "Importerad"
    FINDING_OVERRIDDEN = "finding_overridden", "Avstämningsfynd godtaget med motivering"
    MICRODATA_STORED = "microdata_stored", "Värden beräknade från mikrodata"


class NoticeKind(Term):
    """What styrkedja tells a reporter by e-mail (notices/), each of which a user may turn off."""

    BEFORE_DEADLINE = "before_deadline", "Påminnelse före sista dag"
    AFTER_DEADLINE = "after_deadline", "Påminnelse när sista dag har passerat"
    RETURNED = "returned", "När en del skickas tillbaka"
    APPROVED = "approved", "När en del godkänns"


class EvidenceKind(Term):
    """What a goal's suggested rating is derived from (profiles/rules.py)."""

    INDICATOR = "indicator", "Indikator"
    EXPECTED_RESULT = "expected_result", "Förväntat resultat"
    ACTIVITY = "activity", "Aktivitet"
    GOAL = "goal", "Mål"


# --- Data in and out ----------------------------------------------------------------------------------


class TokenScope(Term):
    """What a personal access token of the API may do (exchange/tokens.py)."""

    READ = "read", "Läsa"
    WRITE = "write", "Läsa och ändra"


class ImportKind(Term):
    """What a table import stores (exchange/tables.py)."""

    INDICATOR_VALUES = "indicator_values", "Indikatorvärden"
    BUDGET = "budget", "Budget och redovisning"


class ValueSource(Term):
    """Where a value of an indicator series came from."""

    FILE = "file", "Planfil"
    TABLE = "table", "Tabellimport"
    KOLADA = "kolada", "Kolada"


class UploadStatus(Term):
    """A workbook or table uploaded for a dry run: waiting for the user's confirmation, or done."""

    PENDING = "pending", "Väntar på bekräftelse"
    STORED = "stored", "Sparad"
    DISCARDED = "discarded", "Förkastad"


# --- Accounts -----------------------------------------------------------------------------------------


class SecurityEventKind(Term):
    """What the security log records (accounts/security_log.py)."""

    LOGIN = "login", "Inloggning"
    LOGIN_FAILED = "login_failed", "Misslyckad inloggning"
    LOCKED_OUT = "locked_out", "Spärrad efter misslyckade inloggningar"
    UNLOCKED = "unlocked", "Spärr hävd"
    LOGOUT = "logout", "Utloggning"
    SESSION_EXPIRED = "session_expired", "Sessionen gick ut"
    PASSWORD_CHANGED = "password_changed", "Lösenord bytt"
    PASSWORD_RESET_REQUESTED = "password_reset_requested", "Återställning av lösenord begärd"
    PASSWORD_RESET = "password_reset", "Lösenord återställt"
    SECOND_FACTOR_ADDED = "second_factor_added", "Tvåstegsverifiering införd"
    SECOND_FACTOR_REMOVED = "second_factor_removed", "Tvåstegsverifiering borttagen"
    SECOND_FACTOR_FAILED = "second_factor_failed", "Fel engångskod"
    ROLE_GRANTED = "role_granted", "Roll tilldelad"
    ROLE_CHANGED = "role_changed", "Roll ändrad"
    ROLE_REMOVED = "role_removed", "Roll borttagen"
    ACCOUNT_INVITED = "account_invited", "Konto skapat genom inbjudan"
    ACCOUNT_DEACTIVATED = "account_deactivated", "Konto avstängt"
    ACCOUNT_REACTIVATED = "account_reactivated", "Konto aktiverat igen"
    TOKEN_USED = "token_used", "Åtkomsttoken använd"
    TOKEN_REFUSED = "token_refused", "Åtkomsttoken nekad"
    PERMISSION_DENIED = "permission_denied", "Åtkomst nekad (403)"
    NOT_FOUND = "not_found", "Objekt finns inte eller är dolt (404)"
