"""The disclosure policy from the environment's texts: defaults, and bad values named by their variable."""

from __future__ import annotations

import pytest

from styrkedja.analytics.policy import OUTPUTS, TOGETHER, DisclosurePolicy, PolicyError, policy_from_text


def test_empty_settings_give_the_defaults_everything_published_together() -> None:
    policy = policy_from_text("", "", "")
    assert policy == DisclosurePolicy()
    assert policy.threshold == 5 and policy.outputs == set(OUTPUTS) and policy.together == set(TOGETHER)


def test_an_output_left_out_is_internal_and_suppresses_nothing() -> None:
    policy = policy_from_text("7", "json", "sexes, periods")
    assert policy.for_output("json").threshold == 7
    assert policy.for_output("followup").threshold == 1
    assert not policy.units_together and policy.periods_together
    assert policy.with_threshold(3).threshold == 3 and policy.with_threshold(None) is policy


@pytest.mark.parametrize(
    ("texts", "variable", "words"),
    [
        (("five", "", ""), "STYRKEDJA_DISCLOSURE_THRESHOLD", "not a whole number"),
        (("0", "", ""), "STYRKEDJA_DISCLOSURE_THRESHOLD", "at least 1"),
        (("", "json,print", ""), "STYRKEDJA_DISCLOSURE_OUTPUTS", "unknown print"),
        (("", "reports", ""), "STYRKEDJA_DISCLOSURE_OUTPUTS", "add 'followup'"),
        (("", "", "periods,units"), "STYRKEDJA_DISCLOSURE_TOGETHER", "keep 'sexes'"),
        (("", "", "sexes,years"), "STYRKEDJA_DISCLOSURE_TOGETHER", "unknown years"),
    ],
)
def test_a_bad_setting_is_refused_naming_the_variable(
    texts: tuple[str, str, str], variable: str, words: str
) -> None:
    with pytest.raises(PolicyError) as caught:
        policy_from_text(*texts)
    assert variable in str(caught.value) and words in str(caught.value)
