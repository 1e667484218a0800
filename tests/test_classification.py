"""Tests of the có điều kiện / chưa có điều kiện classifier (Art. 44a(1), Art. 3(6))."""

from __future__ import annotations

import doctest
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from thads_metrics.classification import (
    CaseFacts,
    Classification,
    Condition,
    Reason,
    Status,
    Stay,
    classify,
)
from thads_metrics.errors import ClassificationError, ThadsError

ROOT = Path(__file__).resolve().parent.parent
MILLION = 1_000_000


def facts(**overrides: Any) -> CaseFacts:
    base: dict[str, Any] = {"has_income": False, "seizable_assets": 0}
    base.update(overrides)
    return CaseFacts(**base)


# --------------------------------------------------------------------------- examples


def test_a_no_income_and_assets_worth_less_than_the_cost() -> None:
    c = classify(facts(seizable_assets=3 * MILLION, enforcement_cost=5 * MILLION))
    assert c == Classification(Condition.WITHOUT, Reason.NO_MEANS)
    assert c.citation == "Art. 44a(1)(a)"


def test_a_assets_worth_exactly_the_cost_are_no_means() -> None:
    # "worth no more than the cost of coercive enforcement"
    c = classify(facts(seizable_assets=5 * MILLION, enforcement_cost=5 * MILLION))
    assert c.reason is Reason.NO_MEANS


def test_a_does_not_hold_with_income_or_assets_worth_more() -> None:
    assert classify(facts(has_income=True)).reason is Reason.HAS_MEANS
    assert classify(facts(seizable_assets=5 * MILLION + 1, enforcement_cost=5 * MILLION)) == (
        Classification(Condition.WITH, Reason.HAS_MEANS)
    )


def test_b_item_to_return_no_longer_exists() -> None:
    c = classify(facts(has_income=True, returns_specific_item=True, item_unavailable=True))
    assert c == Classification(Condition.WITHOUT, Reason.ITEM_UNAVAILABLE)
    assert c.citation == "Art. 44a(1)(b)"


def test_b_does_not_hold_when_the_parties_agreed_otherwise() -> None:
    agreed = {"returns_specific_item": True, "item_unavailable": True, "other_agreement": True}
    assert classify(facts(has_income=True, **agreed)).reason is Reason.HAS_MEANS
    # what they agreed (e.g. to pay instead) is then judged like any obligation
    assert classify(facts(**agreed)).reason is Reason.NO_MEANS


def test_an_item_still_there_to_return_is_the_means_to_perform() -> None:
    c = classify(facts(returns_specific_item=True))
    assert c == Classification(Condition.WITH, Reason.HAS_MEANS)


def test_c_address_of_the_debtor_or_of_the_minor_unknown() -> None:
    for unknown in ({"address_known": False}, {"minor_address_known": False}):
        c = classify(facts(has_income=True, seizable_assets=10**12, **unknown))
        assert c == Classification(Condition.WITHOUT, Reason.WHEREABOUTS_UNKNOWN)
        assert c.citation == "Art. 44a(1)(c)"


def test_postponed_by_agreement_counts_with_conditions() -> None:
    c = classify(facts(stay=Stay.POSTPONED_BY_AGREEMENT), stayed_as=Condition.WITHOUT)
    assert c == Classification(Condition.WITH, Reason.POSTPONED_BY_AGREEMENT)
    assert c.citation == "Art. 48(1)(c)"


@pytest.mark.parametrize("stay", [Stay.POSTPONED, Stay.SUSPENDED])
def test_other_stays_follow_the_parameter(stay: Stay) -> None:
    poor = facts(stay=stay)
    assert classify(poor) == Classification(Condition.WITH, Reason.STAYED)
    assert classify(poor, stayed_as=Condition.WITHOUT) == Classification(
        Condition.WITHOUT, Reason.STAYED
    )
    assert classify(poor, stayed_as=None) == Classification(Condition.WITHOUT, Reason.NO_MEANS)
    rich = facts(has_income=True, stay=stay)
    assert classify(rich, stayed_as=None) == Classification(Condition.WITH, Reason.HAS_MEANS)


def test_unknown_whereabouts_wins_over_a_stay() -> None:
    c = classify(facts(has_income=True, address_known=False, stay=Stay.SUSPENDED))
    assert c.reason is Reason.WHEREABOUTS_UNKNOWN


# --------------------------------------------------------------------------- contradictions


def test_an_unavailable_item_needs_an_item_to_return() -> None:
    with pytest.raises(ClassificationError, match="contradictory facts: item_unavailable"):
        facts(item_unavailable=True)


def test_another_agreement_needs_an_unavailable_item() -> None:
    with pytest.raises(ClassificationError, match="contradictory facts: other_agreement"):
        facts(returns_specific_item=True, other_agreement=True)


def test_postponed_by_agreement_with_an_unknown_address_is_contradictory() -> None:
    with pytest.raises(ClassificationError, match=r"Art\. 48\(1\)\(c\)"):
        facts(address_known=False, stay=Stay.POSTPONED_BY_AGREEMENT)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("has_income", 1),
        ("has_income", None),
        ("address_known", "yes"),
        ("seizable_assets", 1.5),
        ("seizable_assets", True),
        ("seizable_assets", -1),
        ("enforcement_cost", float("nan")),
        ("stay", "postponed"),
    ],
)
def test_facts_of_the_wrong_type_are_refused(field: str, value: object) -> None:
    with pytest.raises(ClassificationError, match=field):
        facts(**{field: value})


def test_classify_checks_its_arguments() -> None:
    with pytest.raises(ClassificationError, match="facts must be CaseFacts"):
        classify({"has_income": True})  # type: ignore[arg-type]
    with pytest.raises(ClassificationError, match="stayed_as"):
        classify(facts(), stayed_as="with")  # type: ignore[arg-type]
    with pytest.raises(ThadsError):
        classify(facts(), stayed_as=True)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- enums


def test_status_rows_and_classes() -> None:
    assert [s.value for s in Status] == [
        "completed",
        "terminated",
        "reduced",
        "in_progress",
        "postponed",
        "suspended",
        "other",
        "stayed",
        "without_conditions",
    ]
    assert {s for s in Status if s.condition is Condition.WITHOUT} == {Status.WITHOUT_CONDITIONS}
    assert {s for s in Status if s.condition is Condition.STAYED} == {Status.STAYED}
    assert {s for s in Status if s.is_finished} == {
        Status.COMPLETED,
        Status.TERMINATED,
        Status.REDUCED,
    }
    assert Status.IN_PROGRESS.term == "đang thi hành"
    assert Condition.WITH.term == "có điều kiện thi hành"


@pytest.mark.parametrize("value", ["done", "Completed", 1, None, [], Condition.WITH])
def test_a_bad_status_value_is_a_classification_error(value: object) -> None:
    with pytest.raises(ClassificationError, match="Status must be one of") as info:
        Status(value)
    assert info.value.code in ("classification.choice", "classification.type")
    assert info.value.details["argument"] == "Status"
    assert Status("completed") is Status.COMPLETED


@pytest.mark.parametrize("value", ["with", "WITH", 0, None, Status.COMPLETED])
def test_a_bad_condition_value_is_a_classification_error(value: object) -> None:
    with pytest.raises(ClassificationError, match="Condition must be one of") as info:
        Condition(value)
    assert info.value.code == (
        "classification.choice" if isinstance(value, str) else "classification.type"
    )
    assert Condition("without_conditions") is Condition.WITHOUT


@pytest.mark.parametrize(
    ("overrides", "facts_named"),
    [
        ({"item_unavailable": True}, ("item_unavailable", "returns_specific_item")),
        (
            {"returns_specific_item": True, "other_agreement": True},
            ("other_agreement", "item_unavailable"),
        ),
        (
            {"stay": Stay.POSTPONED_BY_AGREEMENT, "address_known": False},
            ("stay", "address_known"),
        ),
    ],
)
def test_contradictions_carry_a_code_and_the_facts(
    overrides: dict[str, Any], facts_named: tuple[str, ...]
) -> None:
    with pytest.raises(ClassificationError) as info:
        facts(**overrides)
    assert info.value.code == "classification.contradiction"
    assert info.value.details["facts"] == facts_named
    assert info.value.details["rule"]


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("has_income", "no", "classification.type"),
        ("address_known", 0, "classification.type"),
        ("seizable_assets", -1, "classification.range"),
        ("enforcement_cost", 1.5, "classification.type"),
        ("stay", "postponed", "classification.type"),
    ],
)
def test_wrong_facts_carry_a_code_and_the_argument(field: str, value: object, code: str) -> None:
    with pytest.raises(ClassificationError) as info:
        facts(**{field: value})
    assert info.value.code == code
    assert info.value.details["argument"] == field


def test_classify_argument_errors_carry_a_code() -> None:
    for call in (
        lambda: classify(None),  # type: ignore[arg-type]
        lambda: classify(facts(), stayed_as="with"),  # type: ignore[arg-type]
    ):
        with pytest.raises(ClassificationError) as info:
            call()
        assert info.value.code == "classification.type"


def test_every_reason_has_a_citation_and_a_description() -> None:
    for reason in Reason:
        assert reason.citation.startswith("Art. ")
        assert "(" in reason.description
    assert {r for r in Reason if r.is_article_44a} == {
        Reason.NO_MEANS,
        Reason.ITEM_UNAVAILABLE,
        Reason.WHEREABOUTS_UNKNOWN,
    }


def test_rule_book_page_examples_run() -> None:
    result = doctest.testfile(
        str(ROOT / "docs" / "rules" / "classification.md"), module_relative=False
    )
    assert result.attempted > 0
    assert result.failed == 0


# --------------------------------------------------------------------------- properties


@st.composite
def case_facts(draw: Any) -> CaseFacts:
    returns = draw(st.booleans())
    unavailable = returns and draw(st.booleans())
    address_known = draw(st.booleans())
    stays = (
        list(Stay) if address_known else [s for s in Stay if s is not Stay.POSTPONED_BY_AGREEMENT]
    )
    money = st.integers(0, 10**13)
    return CaseFacts(
        has_income=draw(st.booleans()),
        seizable_assets=draw(money),
        enforcement_cost=draw(money),
        address_known=address_known,
        minor_address_known=draw(st.booleans()),
        returns_specific_item=returns,
        item_unavailable=unavailable,
        other_agreement=unavailable and draw(st.booleans()),
        stay=draw(st.sampled_from(stays)),
    )


stayed_options = st.sampled_from([Condition.WITH, Condition.WITHOUT, None])


@given(case_facts(), stayed_options)
def test_exactly_one_condition_and_a_reason_that_supports_it(
    case: CaseFacts, stayed_as: Condition | None
) -> None:
    c = classify(case, stayed_as=stayed_as)
    assert c.condition in (Condition.WITH, Condition.WITHOUT)
    assert classify(case, stayed_as=stayed_as) == c  # a function of the facts
    if c.reason is Reason.STAYED:
        assert case.stay in (Stay.POSTPONED, Stay.SUSPENDED)
        assert c.condition is stayed_as
    else:
        assert (c.condition is Condition.WITHOUT) == c.reason.is_article_44a


@given(case_facts(), stayed_options)
def test_c_unknown_address_is_always_without(case: CaseFacts, stayed_as: Condition | None) -> None:
    assume(not (case.address_known and case.minor_address_known))
    c = classify(case, stayed_as=stayed_as)
    assert c == Classification(Condition.WITHOUT, Reason.WHEREABOUTS_UNKNOWN)


@given(case_facts(), stayed_options)
def test_a_never_applies_to_a_debtor_with_assets_worth_more_than_the_cost(
    case: CaseFacts, stayed_as: Condition | None
) -> None:
    assume(case.seizable_assets > case.enforcement_cost or case.has_income)
    assert classify(case, stayed_as=stayed_as).reason is not Reason.NO_MEANS


@given(case_facts(), stayed_options, st.integers(1, 10**13))
def test_more_assets_never_take_conditions_away(
    case: CaseFacts, stayed_as: Condition | None, more: int
) -> None:
    richer = CaseFacts(
        has_income=case.has_income,
        seizable_assets=case.seizable_assets + more,
        enforcement_cost=case.enforcement_cost,
        address_known=case.address_known,
        minor_address_known=case.minor_address_known,
        returns_specific_item=case.returns_specific_item,
        item_unavailable=case.item_unavailable,
        other_agreement=case.other_agreement,
        stay=case.stay,
    )
    before = classify(case, stayed_as=stayed_as).condition
    after = classify(richer, stayed_as=stayed_as).condition
    assert not (before is Condition.WITH and after is Condition.WITHOUT)


@given(case_facts())
def test_ignoring_stays_classifies_like_an_unstayed_case(case: CaseFacts) -> None:
    assume(case.stay in (Stay.POSTPONED, Stay.SUSPENDED))
    unstayed = CaseFacts(
        has_income=case.has_income,
        seizable_assets=case.seizable_assets,
        enforcement_cost=case.enforcement_cost,
        address_known=case.address_known,
        minor_address_known=case.minor_address_known,
        returns_specific_item=case.returns_specific_item,
        item_unavailable=case.item_unavailable,
        other_agreement=case.other_agreement,
    )
    assert classify(case, stayed_as=None) == classify(unstayed)


# --------------------------------------------------------------------------- layouts


@pytest.mark.parametrize("stay", [Stay.POSTPONED, Stay.SUSPENDED])
def test_a_stay_lands_where_the_layout_counts_it(stay: Stay) -> None:
    facts = CaseFacts(has_income=True, seizable_assets=10**9, stay=stay)
    old = classify(facts, layout="tt01-2013")
    assert (old.condition, old.reason) == (Condition.WITH, Reason.STAYED)
    new = classify(facts, layout="tt06-2019")
    assert (new.condition, new.reason) == (Condition.STAYED, Reason.STAYED_APART)
    assert "Thông tư 06/2019/TT-BTP" in new.citation
    assert classify(facts, layout="tt05-2024").condition is Condition.STAYED


def test_a_postponement_for_an_unknown_address_is_without_conditions_whatever_is_asked() -> None:
    # Art. 44a(1)(c) is checked first: a stay does not make the debtor found.
    lost = CaseFacts(
        has_income=True, seizable_assets=10**9, address_known=False, stay=Stay.POSTPONED
    )
    for stayed_as in (Condition.WITH, Condition.STAYED, None):
        assert classify(lost, stayed_as=stayed_as) == Classification(
            Condition.WITHOUT, Reason.WHEREABOUTS_UNKNOWN
        )


def test_agreed_postponement_and_unknown_address_do_not_depend_on_the_layout() -> None:
    agreed = CaseFacts(has_income=True, seizable_assets=0, stay=Stay.POSTPONED_BY_AGREEMENT)
    lost = CaseFacts(has_income=True, seizable_assets=0, address_known=False, stay=Stay.POSTPONED)
    for layout in ("tt01-2013", "tt06-2019", "tt05-2024"):
        assert classify(agreed, layout=layout).reason is Reason.POSTPONED_BY_AGREEMENT
        assert classify(lost, layout=layout).condition is Condition.WITHOUT


def test_layout_and_stayed_as_are_not_both_given() -> None:
    facts = CaseFacts(has_income=True, seizable_assets=0, stay=Stay.SUSPENDED)
    # Every stayed_as, the default's value WITH included, against every layout: an
    # explicit choice is never overridden by the layout, nor the layout by it.
    for stayed_as in (None, *Condition):
        for layout in ("tt01-2013", "tt06-2019", "tt05-2024"):
            with pytest.raises(ClassificationError) as info:
                classify(facts, layout=layout, stayed_as=stayed_as)
            assert info.value.code == "classification.conflict"
            assert info.value.details["layout"] == layout
            assert info.value.details["value"] == repr(stayed_as)
    assert classify(facts, stayed_as=Condition.WITH) == classify(facts)
    assert classify(facts, layout="tt06-2019").condition is Condition.STAYED
    with pytest.raises(ClassificationError) as info:
        classify(facts, layout="tt99")
    assert info.value.code == "classification.choice"
