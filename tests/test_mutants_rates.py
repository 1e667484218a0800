"""Tests written against mutants of ``rates`` that survived (scripts/mutation.sh rates).

Each error is checked whole: its code, its details and its message, since the
codes and details are API and the message is what a user reads (the argument
named, the Vietnamese term, the rule). The values checked are the ones of the
rule book (docs/rules/rates.md); docs/howto/mutation.md lists the mutants left
on purpose.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest

from thads_metrics.calendar import ReportingPeriod
from thads_metrics.errors import PeriodError, RateError
from thads_metrics.rates import (
    Change,
    TargetGap,
    as_percent,
    change,
    compare_to_target,
    completion_rate,
    conditions_share,
    pace,
    prorated_target,
    rate_change,
    remaining_to_target,
    required_to_reach,
    round_rate,
)

D = Decimal

COMPLETION = "the completion rate (tỷ lệ thi hành xong = thi hành xong ÷ có điều kiện)"
SHARE = "the share with conditions (tỷ lệ có điều kiện = có điều kiện ÷ phải thi hành)"


def _raised(error: type[Exception], call: Any) -> Any:
    with pytest.raises(error) as info:
        call()
    return info.value


def _check(error: Any, code: str, details: dict[str, Any], message: str) -> None:
    assert (error.code, dict(error.details), str(error)) == (code, details, message)


# --------------------------------------------------------------------------- as_percent


def test_as_percent_gives_the_exact_percent() -> None:
    assert as_percent(Fraction(163, 2)) == D("81.5")
    assert as_percent(73) == D("73")
    assert as_percent(Fraction(1, 3)) == D("0.33333333333333333333333333333333333333333333333333")
    assert as_percent(0) == D("0")
    assert as_percent(100) == D("100")


def test_as_percent_names_the_rate_in_its_errors() -> None:
    _check(
        _raised(RateError, lambda: as_percent(D("100.5"))),
        "rate.range",
        {"argument": "rate", "value": D("100.5"), "rule": "0..100"},
        "rate is a percentage and must be <= 100, got 100.5",
    )
    _check(
        _raised(RateError, lambda: as_percent(101, "target")),
        "rate.range",
        {"argument": "target", "value": 101, "rule": "0..100"},
        "target is a percentage and must be <= 100, got 101",
    )
    _check(
        _raised(RateError, lambda: as_percent(-1)),
        "rate.range",
        {"argument": "rate", "value": -1, "rule": ">= 0"},
        "rate must be >= 0, got -1",
    )


# --------------------------------------------------------------------------- ratios


def test_completion_rate_part_exceeding_the_whole() -> None:
    _check(
        _raised(RateError, lambda: completion_rate(11, 10)),
        "rate.part_exceeds_whole",
        {"finished": 11, "with_conditions": 10},
        f"finished (11) cannot exceed with_conditions (10): {COMPLETION}",
    )


def test_completion_rate_empty_base() -> None:
    _check(
        _raised(RateError, lambda: completion_rate(0, 0)),
        "rate.empty_base",
        {"argument": "with_conditions"},
        f"with_conditions is 0, so {COMPLETION} is undefined; "
        "pass empty= to choose the value returned for an empty base",
    )


def test_conditions_share_part_exceeding_the_whole_and_empty_base() -> None:
    _check(
        _raised(RateError, lambda: conditions_share(D("7.5"), 7)),
        "rate.part_exceeds_whole",
        {"with_conditions": D("7.5"), "to_enforce": 7},
        f"with_conditions (7.5) cannot exceed to_enforce (7): {SHARE}",
    )
    _check(
        _raised(RateError, lambda: conditions_share(0, 0)),
        "rate.empty_base",
        {"argument": "to_enforce"},
        f"to_enforce is 0, so {SHARE} is undefined; "
        "pass empty= to choose the value returned for an empty base",
    )


def test_conditions_share_names_its_arguments() -> None:
    _check(
        _raised(RateError, lambda: conditions_share(-1, 10)),
        "rate.range",
        {"argument": "with_conditions", "value": -1, "rule": ">= 0"},
        "with_conditions must be >= 0, got -1",
    )
    _check(
        _raised(RateError, lambda: conditions_share(1, 2.0)),
        "rate.type",
        {"argument": "to_enforce", "value": "2.0", "rule": "exact number"},
        "to_enforce must be an exact number (int, Decimal or Fraction), got float 2.0",
    )


def test_empty_is_a_rate_from_0_to_100_at_both_ends() -> None:
    # empty= is the rate of an empty base: 0 and 100 are rates, -1 and 100,01 are not,
    # whether or not the base is empty.
    assert completion_rate(0, 0, empty=0) == D("0")
    assert conditions_share(0, 0, empty=100) == D("100")
    assert completion_rate(0, 0, empty=Fraction(1, 4)) == D("0.25")
    for bad in (-1, Fraction(-1, 4), D("100.01"), 101):
        for base in (0, 4):
            _check(
                _raised(RateError, lambda bad=bad, base=base: completion_rate(0, base, empty=bad)),
                "rate.range",
                {
                    "argument": "empty",
                    "value": repr(bad) if isinstance(bad, Fraction) else bad,
                    "rule": "0..100",
                },
                "empty is the rate given for an empty base (tỷ lệ khi mẫu số bằng 0), a "
                f"percentage in 0..100, got {bad!r}",
            )


def test_empty_of_a_change_is_a_relative_change_of_at_least_minus_100() -> None:
    # A count falls by 100% at most and rises by any amount.
    assert change(5, 0, empty=D("-100")) == Change(5, D("-100"))
    assert change(5, 0, empty=1_000) == Change(5, D("1000"))
    for base in (0, 4):
        _check(
            _raised(RateError, lambda base=base: change(5, base, empty=D("-100.5"))),
            "rate.range",
            {"argument": "empty", "value": D("-100.5"), "rule": ">= -100"},
            "empty is the relative change given for an empty previous value, at least -100 "
            "(a count or amount falls by 100% at most), got Decimal('-100.5')",
        )


def test_a_bad_empty_is_named_empty() -> None:
    _check(
        _raised(RateError, lambda: completion_rate(0, 0, empty=1.5)),  # type: ignore[arg-type]
        "rate.type",
        {"argument": "empty", "value": "1.5", "rule": "exact number"},
        "empty must be an exact number (int, Decimal or Fraction), got float 1.5",
    )
    _check(
        _raised(RateError, lambda: change(5, 0, empty=D("NaN"))),
        "rate.type",
        {"argument": "empty", "value": "Decimal('NaN')", "rule": "finite"},
        "empty must be a finite number, got Decimal('NaN')",
    )


# --------------------------------------------------------------------------- round_rate


def test_round_rate_defaults_to_two_places() -> None:
    assert str(round_rate(D("48.485"))) == "48.49"
    assert str(round_rate(Fraction(2, 3) * 100)) == "66.67"
    assert str(round_rate(0)) == "0.00"


def test_round_rate_names_its_arguments() -> None:
    _check(
        _raised(RateError, lambda: round_rate(0.5)),  # type: ignore[arg-type]
        "rate.type",
        {"argument": "rate", "value": "0.5", "rule": "exact number"},
        "rate must be an exact number (int, Decimal or Fraction), got float 0.5",
    )
    _check(
        _raised(RateError, lambda: round_rate(D("1.5"), -1)),
        "rate.range",
        {"argument": "places", "value": -1, "rule": ">= 0"},
        "places must be >= 0, got -1",
    )


def test_round_rate_of_a_negative_rounding_to_zero_has_no_sign() -> None:
    assert str(round_rate(D("-0.004"), 2)) == "0.00"
    assert str(round_rate(D("-0.005"), 2)) == "-0.01"
    assert str(round_rate(D("-0.4"), 0)) == "0"


# --------------------------------------------------------------------------- targets


@pytest.mark.parametrize(
    ("call", "argument", "value"),
    [
        (lambda: compare_to_target(D("100.01"), 50), "achieved", D("100.01")),
        (lambda: compare_to_target(50, 101), "target", 101),
        (lambda: remaining_to_target(50, Fraction(201, 2)), "target", Fraction(201, 2)),
        (lambda: remaining_to_target(101, 50), "achieved", 101),
        (lambda: pace(D("100.5"), 80, ReportingPeriod(2022, 6)), "achieved", D("100.5")),
        (lambda: pace(50, 120, ReportingPeriod(2022, 6)), "annual_target", 120),
        (
            lambda: prorated_target(D("100.1"), ReportingPeriod(2019, 6)),
            "annual_target",
            D("100.1"),
        ),
        (lambda: rate_change(101, 50), "current_rate", 101),
        (lambda: rate_change(50, 101), "previous_rate", 101),
        (lambda: required_to_reach(101, 1, 2), "target", 101),
    ],
)
def test_percentages_over_100_are_named(call: Any, argument: str, value: object) -> None:
    _check(
        _raised(RateError, call),
        "rate.range",
        {"argument": argument, "value": value, "rule": "0..100"},
        f"{argument} is a percentage and must be <= 100, got {value}",
    )


@pytest.mark.parametrize(
    ("call", "argument"),
    [
        (lambda: compare_to_target(-1, 50), "achieved"),
        (lambda: compare_to_target(50, -1), "target"),
        (lambda: remaining_to_target(50, -1), "target"),
        (lambda: remaining_to_target(-1, 50), "achieved"),
        (lambda: pace(-1, 80, ReportingPeriod(2022, 6)), "achieved"),
        (lambda: rate_change(-1, 50), "current_rate"),
        (lambda: rate_change(50, -1), "previous_rate"),
        (lambda: required_to_reach(-1, 1, 2), "target"),
        (lambda: change(-1, 5), "current"),
        (lambda: change(5, -1), "previous"),
    ],
)
def test_negative_rates_and_counts_are_named(call: Any, argument: str) -> None:
    _check(
        _raised(RateError, call),
        "rate.range",
        {"argument": argument, "value": -1, "rule": ">= 0"},
        f"{argument} must be >= 0, got -1",
    )


def test_a_period_that_is_not_a_reporting_period() -> None:
    for call in (
        lambda: prorated_target(73, "6 tháng"),
        lambda: pace(50, 73, "6 tháng"),
    ):
        _check(
            _raised(PeriodError, call),
            "period.type",
            {"argument": "period", "value": "'6 tháng'", "rule": "a ReportingPeriod"},
            "period must be a ReportingPeriod, got str '6 tháng'",
        )


# --------------------------------------------------------------------------- required_to_reach


def test_required_to_reach_names_the_counts_with_their_terms() -> None:
    _check(
        _raised(RateError, lambda: required_to_reach(50, D("1"), 10)),  # type: ignore[arg-type]
        "rate.type",
        {"argument": "finished", "value": "Decimal('1')", "rule": "int"},
        "finished (thi hành xong) must be an int, got Decimal Decimal('1')",
    )
    _check(
        _raised(RateError, lambda: required_to_reach(50, 1, 2.0)),  # type: ignore[arg-type]
        "rate.type",
        {"argument": "with_conditions", "value": "2.0", "rule": "int"},
        "with_conditions (có điều kiện) must be an int, got float 2.0",
    )
    _check(
        _raised(RateError, lambda: required_to_reach(50, 1, -3)),
        "rate.range",
        {"argument": "with_conditions", "value": -3, "rule": ">= 0"},
        "with_conditions (có điều kiện) must be >= 0, got -3",
    )


def test_required_to_reach_part_exceeding_the_whole() -> None:
    _check(
        _raised(RateError, lambda: required_to_reach(50, 11, 10)),
        "rate.part_exceeds_whole",
        {"finished": 11, "with_conditions": 10},
        "finished (11) cannot exceed with_conditions (10): thi hành xong is part of có điều kiện",
    )


# --------------------------------------------------------------------------- change


def test_change_with_a_zero_previous() -> None:
    _check(
        _raised(RateError, lambda: change(5, 0)),
        "rate.empty_base",
        {"argument": "previous"},
        "previous is 0, so the relative change (so với cùng kỳ, %) is undefined; "
        "pass empty= to choose the value returned",
    )


def test_change_names_its_arguments() -> None:
    _check(
        _raised(RateError, lambda: change(1.5, 1)),  # type: ignore[arg-type]
        "rate.type",
        {"argument": "current", "value": "1.5", "rule": "exact number"},
        "current must be an exact number (int, Decimal or Fraction), got float 1.5",
    )
    _check(
        _raised(RateError, lambda: change(1, "1")),  # type: ignore[arg-type]
        "rate.type",
        {"argument": "previous", "value": "'1'", "rule": "exact number"},
        "previous must be an exact number (int, Decimal or Fraction), got str '1'",
    )


# --------------------------------------------------------------------------- result values


def test_a_result_field_that_is_not_a_decimal() -> None:
    _check(
        _raised(RateError, lambda: Change(1, 1.5)),  # type: ignore[arg-type]
        "rate.type",
        {"argument": "relative_percent", "value": "1.5", "rule": "a Decimal"},
        "relative_percent must be a Decimal, got float 1.5",
    )
    _check(
        _raised(RateError, lambda: TargetGap(1, True)),  # type: ignore[arg-type]
        "rate.type",
        {"argument": "points", "value": "1", "rule": "a Decimal"},
        "points must be a Decimal, got int 1",
    )


def test_a_result_field_that_is_not_finite() -> None:
    _check(
        _raised(RateError, lambda: TargetGap(D("-Infinity"), False)),
        "rate.type",
        {"argument": "points", "value": "Decimal('-Infinity')", "rule": "finite"},
        "points must be a finite Decimal, got Decimal('-Infinity')",
    )


def test_change_absolute_is_an_int_or_a_finite_decimal() -> None:
    assert Change(D("-3.1"), D("-2")).magnitude == D("3.1")
    assert Change(-3, D("-25")).magnitude == 3
    _check(
        _raised(RateError, lambda: Change(D("NaN"), D(0))),
        "rate.type",
        {"argument": "absolute", "value": "Decimal('NaN')", "rule": "finite"},
        "absolute must be a finite Decimal, got Decimal('NaN')",
    )
    _check(
        _raised(RateError, lambda: Change(0.5, D(0))),  # type: ignore[arg-type]
        "rate.type",
        {"argument": "absolute", "value": "0.5", "rule": "int"},
        "absolute must be an int, got float 0.5",
    )
    # An int change may be negative: absolute has no minimum.
    assert Change(-(10**6), D("-50")).sign == -1
