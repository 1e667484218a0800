"""Example tests of the ledgers (số liệu về việc, về tiền) from published figures."""

from __future__ import annotations

import doctest
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from thads_metrics.errors import LedgerError, RateError, ThadsError
from thads_metrics.ledger import ROW_TERMS, AmountLedger, CaseLedger
from thads_metrics.rates import completion_rate, conditions_share, round_rate

ROOT = Path(__file__).resolve().parent.parent
TY = 10**9  # một tỷ đồng

# A full ledger used where the detail does not matter (made-up but balanced).
SAMPLE = CaseLedger(
    carried_over=50,
    newly_accepted=70,
    entrusted=3,
    withdrawn=2,
    completed=40,
    terminated=5,
    in_progress=30,
    postponed=4,
    suspended=1,
    other=2,
    without_conditions=33,
)


# --------------------------------------------------------------------------- national 2023


def test_national_2023_accepted_and_to_enforce_from_published_rows() -> None:
    # thads.moj.gov.vn, năm 2023: 299.096 + 636.950 = 936.046; − 12.004 − 501 = 923.541
    ledger = CaseLedger.from_totals(
        carried_over=299_096, newly_accepted=636_950, entrusted=12_004, withdrawn=501
    )
    assert ledger.accepted == 936_046
    assert ledger.to_enforce == 923_541
    assert ledger.row("to_enforce") == 923_541
    assert ledger.is_known("accepted")
    assert not ledger.is_known("with_conditions")
    assert not ledger.is_known("finished")


def test_national_2023_withdrawn_follows_from_the_totals() -> None:
    ledger = CaseLedger.from_totals(accepted=936_046, to_enforce=923_541, entrusted=12_004)
    assert ledger.withdrawn == 501
    assert ledger.is_known("withdrawn")
    assert not ledger.is_known("carried_over")  # the split of accepted is not published here


def test_national_2023_totals_that_do_not_add_up_are_refused_with_the_numbers() -> None:
    with pytest.raises(LedgerError) as info:
        CaseLedger.from_totals(
            accepted=936_046, entrusted=12_004, withdrawn=501, to_enforce=923_540
        )
    message = str(info.value)
    for part in ("accepted (936 046)", "entrusted (12 004)", "withdrawn (501)", "923 540"):
        assert part in message
    assert "tổng số thụ lý" in message


def test_national_2023_rows_that_do_not_balance_name_rows_and_numbers() -> None:
    with pytest.raises(LedgerError) as info:
        CaseLedger(
            carried_over=299_096,
            newly_accepted=636_950,
            entrusted=12_004,
            withdrawn=501,
            completed=500_000,
            in_progress=200_000,
            without_conditions=223_542,  # one case too many
        )
    message = str(info.value)
    assert "to_enforce (923 541) = accepted (936 046) − entrusted (12 004) − withdrawn (501)" in (
        message
    )
    assert "with_conditions (700 000) + without_conditions (223 542) = 923 542" in message
    assert "1 cases more than to_enforce" in message
    assert "carried_over (299 096) + newly_accepted (636 950)" in message
    assert "chưa có điều kiện thi hành" in message


def test_national_2023_a_balanced_detail_is_accepted() -> None:
    ledger = CaseLedger(
        carried_over=299_096,
        newly_accepted=636_950,
        entrusted=12_004,
        withdrawn=501,
        completed=500_000,
        in_progress=200_000,
        without_conditions=223_541,
    )
    assert ledger.to_enforce == 923_541
    assert ledger.with_conditions + ledger.without_conditions == ledger.to_enforce
    assert ledger.unknown == frozenset()
    assert ledger.rows()["accepted"] == 936_046


# --------------------------------------------------------------------------- Long An 2022


def test_long_an_2022_cases_carried_forward_with_conditions() -> None:
    # Long An 2022 (seed article): 12.345 việc chuyển kỳ sau, 5.409 có điều kiện.
    ledger = CaseLedger.from_totals(carried_forward=12_345, carried_forward_with_conditions=5_409)
    assert ledger.row("without_conditions") == 12_345 - 5_409
    assert not ledger.is_known("finished")
    with pytest.raises(LedgerError, match="does not know finished"):
        ledger.completion_rate()

    opening = ledger.roll_forward()  # what năm 2023 opens with
    assert opening.row("carried_over") == 12_345
    assert opening.row("with_conditions") == 5_409
    assert opening.row("without_conditions") == 6_936
    assert opening.row("finished") == 0
    assert not opening.is_known("in_progress")  # the split of the 5.409 is not published
    assert round_rate(opening.conditions_share(), 2) == Decimal("43.82")


def test_long_an_2022_money_carried_forward_with_conditions() -> None:
    # 1.719 of 6.112 tỷ đồng carried forward with conditions.
    ledger = AmountLedger.from_totals(
        carried_forward=6_112 * TY, carried_forward_with_conditions=1_719 * TY
    )
    assert ledger.row("without_conditions") == 4_393 * TY
    opening = ledger.roll_forward()
    assert opening.row("to_enforce") == 6_112 * TY
    assert opening.row("with_conditions") == 1_719 * TY
    assert round_rate(opening.conditions_share(), 2) == Decimal("28.13")


def test_long_an_2022_carried_forward_cannot_exceed_the_total() -> None:
    with pytest.raises(LedgerError, match=r"carried_forward \(5 409\)"):
        CaseLedger.from_totals(carried_forward=5_409, carried_forward_with_conditions=12_345)


# --------------------------------------------------------------------------- rates


def test_tp_hcm_6_months_2019_completion_rate() -> None:
    # plo.vn: 26.515 xong ÷ 54.681 có điều kiện → 48,49%
    ledger = CaseLedger.from_totals(finished=26_515, with_conditions=54_681)
    assert ledger.completion_rate() == completion_rate(26_515, 54_681)
    assert round_rate(ledger.completion_rate(), 2) == Decimal("48.49")
    assert ledger.row("carried_forward_with_conditions") == 54_681 - 26_515
    assert not ledger.is_known("to_enforce")
    with pytest.raises(LedgerError, match="does not know to_enforce"):
        ledger.conditions_share()


def test_national_9_months_2017_completion_rate() -> None:
    ledger = CaseLedger.from_totals(finished=369_372, with_conditions=579_413)
    assert round_rate(ledger.completion_rate(), 2) == Decimal("63.75")


def test_rates_delegate_to_the_rates_module() -> None:
    assert SAMPLE.completion_rate() == completion_rate(45, 82)
    assert SAMPLE.conditions_share() == conditions_share(82, 115)


def test_empty_ledger_rates_raise_unless_empty_is_given() -> None:
    with pytest.raises(RateError):
        CaseLedger().completion_rate()
    assert CaseLedger().completion_rate(empty=0) == 0
    assert CaseLedger().conditions_share(empty=100) == 100


def test_money_rate_counts_reduced_by_default_and_can_leave_it_out() -> None:
    money = AmountLedger(
        newly_accepted=100, completed=30, terminated=5, reduced=15, in_progress=30, other=20
    )
    assert money.finished == 50
    assert money.finished_excluding_reduced == 35
    assert money.with_conditions == 100  # reduced stays in the base either way
    assert money.carried_forward == 50  # reduced amounts leave the ledger
    assert money.completion_rate() == Decimal(50)
    assert money.completion_rate(count_reduced=False) == Decimal(35)
    with pytest.raises(LedgerError, match="count_reduced"):
        money.completion_rate(count_reduced=1)  # type: ignore[arg-type]


def test_money_rate_without_reduced_needs_the_split() -> None:
    money = AmountLedger.from_totals(finished=50, with_conditions=100)
    assert money.completion_rate() == Decimal(50)
    with pytest.raises(LedgerError, match="finished_excluding_reduced"):
        money.completion_rate(count_reduced=False)
    split = AmountLedger.from_totals(finished=50, reduced=15, with_conditions=100)
    assert split.completion_rate(count_reduced=False) == Decimal(35)


# --------------------------------------------------------------------------- identities


def test_derived_rows() -> None:
    assert SAMPLE.accepted == 120
    assert SAMPLE.to_enforce == 115
    assert SAMPLE.finished == 45
    assert SAMPLE.with_conditions == 82
    assert SAMPLE.carried_forward == 70
    assert SAMPLE.carried_forward_with_conditions == 37


def test_more_finished_than_accepted_is_refused() -> None:
    with pytest.raises(LedgerError, match=r"with_conditions \(6\) \+ without_conditions \(0\)"):
        CaseLedger(newly_accepted=5, completed=6)


def test_more_left_than_accepted_is_refused() -> None:
    with pytest.raises(LedgerError, match=r"to_enforce \(-4\) = accepted \(5\)"):
        CaseLedger(carried_over=2, newly_accepted=3, entrusted=4, withdrawn=5)


def test_rows_must_be_classified() -> None:
    with pytest.raises(LedgerError, match="rows do not add up"):
        CaseLedger(carried_over=5)


@pytest.mark.parametrize(
    "bad", [1.0, float("nan"), True, None, "5", Decimal(5), Fraction(5), 5 + 0j]
)
@pytest.mark.parametrize("row", CaseLedger.STORED)
def test_rows_of_the_wrong_type_are_refused_never_coerced(row: str, bad: object) -> None:
    with pytest.raises(LedgerError, match=f"{row} .* must be an int"):
        CaseLedger(**{row: bad})


def test_negative_rows_are_refused() -> None:
    with pytest.raises(LedgerError, match=r"reduced \(giảm, miễn thi hành án\) must be >= 0"):
        AmountLedger(reduced=-1, newly_accepted=0)


def test_errors_are_thads_errors_and_value_errors() -> None:
    with pytest.raises(ValueError):  # noqa: PT011 - the family is what is tested
        CaseLedger(completed=1)
    with pytest.raises(ThadsError):
        CaseLedger(completed=1.5)  # type: ignore[arg-type]


def test_unknown_must_name_rows_of_the_ledger() -> None:
    with pytest.raises(LedgerError, match="does not have"):
        CaseLedger(unknown={"reduced"})  # a money row
    with pytest.raises(LedgerError, match="set of row names"):
        CaseLedger(unknown="completed")
    with pytest.raises(LedgerError, match="row names"):
        CaseLedger(unknown={1})  # type: ignore[arg-type]
    assert AmountLedger(unknown={"reduced"}).unknown == {"reduced"}


def test_row_names_are_checked() -> None:
    with pytest.raises(LedgerError, match="has no row 'reduced'"):
        SAMPLE.is_known("reduced")
    with pytest.raises(LedgerError, match="has no row"):
        SAMPLE.row("accepted ")


def test_every_row_has_a_vietnamese_term() -> None:
    for cls in (CaseLedger, AmountLedger):
        assert set(cls.ROWS) == set(cls.STORED) | set(cls.DERIVED)
        assert set(cls.ROWS) <= set(ROW_TERMS)
        for name in cls.DERIVED:
            assert isinstance(getattr(SAMPLE if cls is CaseLedger else AmountLedger(), name), int)


# --------------------------------------------------------------------------- merge and roll


def test_merge_adds_every_row() -> None:
    both = SAMPLE + SAMPLE
    for name in CaseLedger.ROWS:
        assert getattr(both, name) == 2 * getattr(SAMPLE, name)
    assert sum([SAMPLE, SAMPLE, SAMPLE], start=CaseLedger()) == SAMPLE + SAMPLE + SAMPLE
    assert SAMPLE + CaseLedger() == SAMPLE


def test_merge_keeps_ledgers_apart_and_refuses_other_values() -> None:
    with pytest.raises(LedgerError, match="kept apart"):
        SAMPLE + AmountLedger()
    with pytest.raises(LedgerError, match=r"start=CaseLedger\(\)"):
        sum([SAMPLE, SAMPLE])
    with pytest.raises(LedgerError, match="only ledgers of the same kind"):
        SAMPLE + 1  # type: ignore[operator]


def test_merge_unions_what_is_unknown() -> None:
    partial = CaseLedger.from_totals(to_enforce=10, with_conditions=8, finished=5)
    merged = SAMPLE + partial
    assert merged.unknown == partial.unknown
    assert merged.row("finished") == SAMPLE.finished + 5
    assert not merged.is_known("completed")


def test_roll_forward_opens_next_year_with_what_was_carried_forward() -> None:
    opening = SAMPLE.roll_forward()
    assert opening.carried_over == SAMPLE.carried_forward == 70
    assert opening.newly_accepted == opening.entrusted == opening.withdrawn == 0
    assert opening.finished == 0
    assert opening.with_conditions == SAMPLE.carried_forward_with_conditions
    assert opening.without_conditions == SAMPLE.without_conditions
    assert (opening.in_progress, opening.postponed, opening.suspended, opening.other) == (
        30,
        4,
        1,
        2,
    )
    assert opening.roll_forward() == opening


def test_roll_forward_of_money_drops_reduced() -> None:
    money = AmountLedger(newly_accepted=10, reduced=4, in_progress=6)
    assert money.roll_forward() == AmountLedger(carried_over=6, in_progress=6)


# --------------------------------------------------------------------------- from_totals


def test_from_totals_with_every_stored_row_is_the_constructor() -> None:
    rows = {name: getattr(SAMPLE, name) for name in CaseLedger.STORED}
    assert CaseLedger.from_totals(**rows) == SAMPLE


def test_from_totals_knows_what_follows_and_no_more() -> None:
    ledger = CaseLedger.from_totals(to_enforce=100, with_conditions=80, finished=50)
    assert ledger.rows() == {
        "to_enforce": 100,
        "with_conditions": 80,
        "finished": 50,
        "without_conditions": 20,
        "carried_forward": 50,
        "carried_forward_with_conditions": 30,
    }
    assert ledger.unknown == {
        "carried_over",
        "newly_accepted",
        "accepted",
        "entrusted",
        "withdrawn",
        "completed",
        "terminated",
        "in_progress",
        "postponed",
        "suspended",
        "other",
    }
    with pytest.raises(LedgerError, match=r"completed \(thi hành xong\) is not known"):
        ledger.row("completed")


def test_from_totals_refuses_finished_above_with_conditions_above_to_enforce() -> None:
    with pytest.raises(LedgerError, match="impossible totals"):
        CaseLedger.from_totals(to_enforce=5, with_conditions=8, finished=10)
    with pytest.raises(LedgerError, match=r"with_conditions \(8\) = finished \(10\)"):
        CaseLedger.from_totals(with_conditions=8, finished=10)


def test_from_totals_refuses_parts_that_exceed_their_total_through_unknown_rows() -> None:
    # completed and in_progress are parts of to_enforce although neither
    # finished nor with_conditions is given.
    with pytest.raises(LedgerError) as info:
        CaseLedger.from_totals(to_enforce=100, completed=60, in_progress=50)
    message = str(info.value)
    assert "to_enforce (100)" in message
    assert "completed (60)" in message
    assert "in_progress (50)" in message
    assert "at least 110" in message


def _code(call: Any) -> tuple[str, dict[str, object]]:
    with pytest.raises(LedgerError) as info:
        call()
    return info.value.code, dict(info.value.details)


def test_a_case_ledger_given_reduced_is_money_only_in_the_constructor_and_from_totals() -> None:
    # Long An 2022 detail in việc with a money row slipped in: giảm, miễn has no việc row.
    for call in (
        lambda: CaseLedger(newly_accepted=5, reduced=5),  # type: ignore[call-arg]
        lambda: CaseLedger.from_totals(reduced=5),
        lambda: CaseLedger.from_totals(to_enforce=5, reduced=5),
    ):
        code, details = _code(call)
        assert code == "ledger.money_only"
        assert details["row"] == "reduced"
        assert details["ledger"] == "CaseLedger"
        assert details["value"] == "5"
    assert AmountLedger(newly_accepted=5, reduced=5).finished == 5


def test_unknown_keyword_arguments_of_the_constructors_are_ledger_errors() -> None:
    rows = {"newly_accepted": 3, "completed": 3, "finised": 1}  # a row read from a file
    for cls in (CaseLedger, AmountLedger):
        for call in (lambda cls=cls: cls(**rows), lambda cls=cls: cls.from_totals(**rows)):
            code, details = _code(call)
            assert (code, details["row"], details["ledger"]) == (
                "ledger.no_such_row",
                "finised",
                cls.__name__,
            )
    with pytest.raises(LedgerError, match=r"total derived .*from_totals") as info:
        CaseLedger(to_enforce=5)  # type: ignore[call-arg]
    assert info.value.code == "ledger.no_such_row"
    assert info.value.details["row"] == "to_enforce"
    assert CaseLedger.from_totals(to_enforce=5).to_enforce == 5
    with pytest.raises(TypeError):  # not a row name: a call of the wrong shape
        CaseLedger(5)  # type: ignore[misc]


def test_a_row_the_layout_lacks_is_no_such_row_for_every_accessor() -> None:
    old = CaseLedger(newly_accepted=1, completed=1)  # Thông tư 01/2013: no stayed bucket
    assert "stayed" not in old.rows()
    for call in (lambda: old.row("stayed"), lambda: old.is_known("stayed")):
        code, details = _code(call)
        assert code == "ledger.no_such_row"
        assert details == {"row": "stayed", "ledger": "CaseLedger", "layout": "tt01-2013"}
    new = CaseLedger(newly_accepted=1, completed=1, layout="tt06-2019")
    assert new.row("stayed") == 0
    assert new.is_known("stayed")
    code, _ = _code(lambda: old.row("reduced"))
    assert code == "ledger.no_such_row"


def test_numbers_too_long_to_print_still_get_their_own_error() -> None:
    huge = 10**5000  # str() of an int refuses more than 4300 digits
    code, details = _code(lambda: AmountLedger(newly_accepted=1, entrusted=huge))
    assert code == "ledger.negative"
    assert details["row"] == "to_enforce"
    with pytest.raises(LedgerError, match=r"entrusted \(<int of 5001 digits>\)"):
        AmountLedger(newly_accepted=1, entrusted=huge)
    code, _ = _code(lambda: AmountLedger.from_totals(to_enforce=huge, with_conditions=huge + 1))
    assert code == "ledger.impossible_totals"
    code, _ = _code(lambda: AmountLedger(newly_accepted=huge, without_conditions=huge + 1))
    assert code == "ledger.identity"
    year = AmountLedger(newly_accepted=huge, in_progress=1, without_conditions=huge - 1)
    code, _ = _code(lambda: year.roll_forward(separate_book=huge))
    assert code == "ledger.range"
    ledger = AmountLedger(newly_accepted=huge, in_progress=huge)
    assert repr(ledger) == (
        "AmountLedger(newly_accepted=<int of 5001 digits>, in_progress=<int of 5001 digits>)"
    )
    with pytest.raises(LedgerError, match="set of row names, got int <int of 5001 digits>"):
        CaseLedger(unknown=huge)  # type: ignore[arg-type]
    with pytest.raises(LedgerError, match="row names"):
        CaseLedger(unknown=[["completed"]])  # type: ignore[list-item]
    with pytest.raises(LedgerError, match="cannot add int <int of 5001 digits>"):
        _ = ledger + huge  # type: ignore[operator]


def test_from_totals_checks_types_and_rows() -> None:
    with pytest.raises(LedgerError, match=r"to_enforce .* must be an int"):
        CaseLedger.from_totals(to_enforce=1.5)  # type: ignore[arg-type]
    with pytest.raises(LedgerError, match="must be >= 0"):
        CaseLedger.from_totals(finished=-1)
    with pytest.raises(LedgerError, match="money ledger only"):
        CaseLedger.from_totals(reduced=1)
    with pytest.raises(LedgerError, match="at least one total"):
        CaseLedger.from_totals()


def test_from_totals_money_with_reduced() -> None:
    money = AmountLedger.from_totals(finished=10, completed=5, terminated=3)
    assert money.row("reduced") == 2
    assert money.row("finished_excluding_reduced") == 8


def test_repr_round_trips() -> None:
    namespace: dict[str, Any] = {"CaseLedger": CaseLedger, "AmountLedger": AmountLedger}
    for ledger in (
        SAMPLE,
        CaseLedger(),
        CaseLedger.from_totals(to_enforce=100, with_conditions=80, finished=50),
        AmountLedger(newly_accepted=5, reduced=5),
    ):
        assert eval(repr(ledger), namespace) == ledger
    assert repr(CaseLedger()) == "CaseLedger()"


def test_ledgers_are_frozen_and_hashable() -> None:
    with pytest.raises(AttributeError):
        SAMPLE.completed = 1  # type: ignore[misc]
    assert len({SAMPLE, SAMPLE + CaseLedger()}) == 1


def test_rule_book_page_examples_run() -> None:
    result = doctest.testfile(
        str(ROOT / "docs" / "rules" / "ledgers.md"), module_relative=False, verbose=False
    )
    assert result.attempted > 0
    assert result.failed == 0


def test_row_terms_follow_the_form_order() -> None:
    assert tuple(ROW_TERMS) == AmountLedger.ROWS
    assert tuple(name for name in ROW_TERMS if name in CaseLedger.ROWS) == CaseLedger.ROWS


def test_roll_forward_less_the_separate_register_national_2022_to_2023() -> None:
    """2022: 861.529 to enforce, 539.290 finished → 322.239 carried forward; 2023 opened
    with 299.096 "trừ số đã chuyển sổ theo dõi riêng", i.e. 23.143 moved (thads.moj.gov.vn)."""
    year_2022 = CaseLedger(
        newly_accepted=861_529, completed=539_290, in_progress=150_000, without_conditions=172_239
    )
    assert year_2022.carried_forward == 322_239
    opening = year_2022.roll_forward(separate_book=23_143)
    assert opening.carried_over == 299_096
    assert opening.without_conditions == 172_239 - 23_143
    assert opening.with_conditions == year_2022.carried_forward_with_conditions


def test_roll_forward_refuses_moving_more_than_without_conditions() -> None:
    ledger = CaseLedger(newly_accepted=10, completed=4, in_progress=3, without_conditions=3)
    with pytest.raises(LedgerError, match=r"separate_book \(4\) cannot exceed without_conditions"):
        ledger.roll_forward(separate_book=4)
    with pytest.raises(LedgerError, match="separate_book"):
        ledger.roll_forward(separate_book=-1)
    with pytest.raises(LedgerError, match="must be an int"):
        ledger.roll_forward(separate_book=1.0)  # type: ignore[arg-type]
    partial = CaseLedger.from_totals(to_enforce=10, finished=4)
    with pytest.raises(LedgerError, match="does not know"):
        partial.roll_forward(separate_book=1)
