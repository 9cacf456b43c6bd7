"""The reader refuses what it must not read — too large, not UTF-8, a NUL byte, too deep, an alias bomb,
numbers that are not finite or do not fit, texts longer than the database holds — quickly, as
`FILE:LINE: field: message`, and nothing is stored."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from styrkedja.planfiles import safe_yaml
from styrkedja.planfiles.reader import PlanFileError, parse_plan_text, read_plan_file, read_text
from styrkedja.plans.models import Plan, Target

SMALL = Path(__file__).parent / "data" / "small.yaml"
TEXT = SMALL.read_text(encoding="utf-8")


def refusal(text: str) -> str:
    with pytest.raises(PlanFileError) as refused:
        parse_plan_text(text, "plan.yaml")
    return str(refused.value)


def changed(old: str, new: str) -> str:
    assert old in TEXT
    return TEXT.replace(old, new, 1)


BOMB = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{','.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(8)
)


def test_an_alias_bomb_is_refused_without_expanding_it():
    started = time.perf_counter()
    message = refusal(BOMB)
    assert time.perf_counter() - started < 10  # a hang, not a speed target (those live in bench/)
    assert (
        message
        == "plan.yaml:2: (syntax): aliases make the document more than 10000 nodes larger than it is written"
    )


def test_aliases_that_only_repeat_a_little_are_read():
    text = changed('as_printed: {target: "550 st"', 'as_printed: &printed {target: "550 st"')
    text = text.replace(
        "                decimals: 1\n                target: 5.5",
        "                decimals: 1\n                as_printed: *printed\n                target: 5.5",
    )
    plan = parse_plan_text(text, "plan.yaml")
    assert plan.goals[0].goals[0].goals[0].indicators[0].as_printed["target"] == "550 st"


def test_an_alias_that_refers_to_itself_is_refused():
    assert refusal("a: &a [*a]\n") == "plan.yaml:1: (syntax): an alias refers to the node it stands in"


@pytest.mark.parametrize(
    "text", ["a: " + "[" * 100_000 + "]" * 100_000, "a: " + "{a: " * 1000 + "1" + "}" * 1000]
)
def test_nesting_deeper_than_the_limit_is_refused_quickly(text):
    started = time.perf_counter()
    assert refusal(text) == f"plan.yaml:1: (syntax): nested deeper than {safe_yaml.MAX_DEPTH} levels"
    assert time.perf_counter() - started < 10  # a hang, not a speed target (those live in bench/)


def test_a_200_mb_file_is_refused_by_its_size_without_being_read(tmp_path, monkeypatch):
    huge = tmp_path / "huge.yaml"
    with huge.open("wb") as handle:
        handle.truncate(200 * 1024 * 1024)  # a sparse file: its size without its bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("the file was read"))
    started = time.perf_counter()
    with pytest.raises(PlanFileError) as refused:
        read_plan_file(huge, max_bytes=20 * 1024 * 1024)
    assert time.perf_counter() - started < 10  # a hang, not a speed target (those live in bench/)
    assert str(refused.value) == (
        f"{huge}:1: (file): the file is 200.0 MB; the largest file read is 20.0 MB (STYRKEDJA_MAX_FILE_MB)"
    )


def test_a_nul_byte_is_refused_with_its_line():
    text = changed("title: Verksamhetsplan 2022", "title: Verksamhets\x00plan 2022")
    assert refusal(text) == "plan.yaml:8: (file): a NUL byte (U+0000) is not allowed in a YAML or JSON file"


def test_a_file_that_is_not_utf8_is_refused_with_its_line(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes(TEXT.encode("latin-1"))
    with pytest.raises(PlanFileError) as refused:
        read_text(path)
    assert (
        str(refused.value)
        == f"{path}:4: (file): not UTF-8 text: byte 0xe4 in column 14 (invalid continuation byte)"
    )


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (".nan", "Talet är inte ett tal."),
        (".NaN", "Talet är inte ett tal."),
        (".inf", "Talet är oändligt; skriv ett tal med högst 10 siffror före decimaltecknet."),
        ("-.inf", "Talet är oändligt; skriv ett tal med högst 10 siffror före decimaltecknet."),
        ("1.0e+400", "Talet 1E+400 är för stort: högst 10 siffror före decimaltecknet."),
        ('"1e400"', "Talet 1E+400 är för stort: högst 10 siffror före decimaltecknet."),
        ("550.12345", "Talet 550,12345 har för många decimaler: högst 4."),
        ("-247", "Årsmål -247 är inte ett helt antal ≥ 0."),
    ],
)
def test_a_number_that_is_not_finite_or_does_not_fit_is_refused_naming_the_field(value, message):
    text = changed("target: 550", f"target: {value}")
    assert refusal(text) == f"plan.yaml:21: goals[0].goals[0].indicators[0].target: {message}"


def test_a_tolerance_that_is_not_a_number_is_refused_before_its_sign_is_judged():
    text = changed("band: 1", "band: .nan")
    assert (
        refusal(text) == "plan.yaml:51: goals[0].goals[0].goals[0].indicators[1].band: Talet är inte ett tal."
    )


def test_goal_numbers_and_kolada_ids_have_the_ascii_digits_the_database_checks_for():
    text = changed('number: "1.1.1"', 'number: "1.1.١"')
    assert "plan.yaml:33: goals[0].goals[0].goals[0].number: String should match pattern" in refusal(text)


def test_an_integer_of_thousands_of_digits_is_refused_with_its_line():
    text = changed("target: 550", "target: " + "9" * 5000)
    assert refusal(text) == "plan.yaml:21: (syntax): an integer of 5000 digits; at most 100"


def test_a_title_longer_than_the_database_holds_is_refused():
    text = changed("title: Verksamhetsplan 2022", "title: " + "x" * 100_000)
    assert refusal(text) == "plan.yaml:8: title: String should have at most 200 characters"


def test_money_with_the_wrong_sign_is_refused_naming_the_field():
    text = changed("vp2022: {costs: 425.9, revenues: -58.4}", "vp2022: {costs: -425.9, revenues: 58.4}")
    assert refusal(text) == (
        "plan.yaml:66: budget.areas[0].amounts.vp2022.costs: Kostnader kan inte vara negativa.\n"
        "plan.yaml:66: budget.areas[0].amounts.vp2022.revenues: Intäkter skrivs som negativa belopp, t.ex. -45,0."
    )


def test_an_indicator_twice_in_one_goal_is_refused():
    text = changed(
        "              - name: Sjukfrånvaro", "              - name: Genomsnittlig inskrivningstid"
    )
    assert "goal 1.1.1 has the indicator 'Genomsnittlig inskrivningstid' twice" in refusal(text)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("target: 550", "target: 1.0e+400"),
        ("target: 550", "target: .inf"),
        ("title: Verksamhetsplan 2022", "title: " + "x" * 100_000),
    ],
)
def test_the_plan_command_stores_nothing_of_a_refused_file(tmp_path, old, new):
    path = tmp_path / "plan.yaml"
    path.write_text(changed(old, new), encoding="utf-8")
    with pytest.raises(CommandError, match=rf"^refused, nothing was stored:\n{re.escape(str(path))}:\d+: "):
        call_command("plan", "import", str(path))
    assert not Plan.objects.exists() and not Target.objects.exists()


@pytest.mark.django_db
def test_the_commands_refuse_a_file_larger_than_the_setting(tmp_path, settings):
    settings.MAX_FILE_BYTES = 1024
    path = tmp_path / "plan.yaml"
    path.write_text(TEXT, encoding="utf-8")
    with pytest.raises(CommandError, match=r"the file is 0.0 MB; the largest file read is 0.0 MB"):
        call_command("plan", "import", str(path))
    settings.MAX_FILE_BYTES = 1024 * 1024
    call_command("plan", "import", str(path))
    assert Plan.objects.exists()
