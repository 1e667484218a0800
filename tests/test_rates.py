"""Rates, gaps, pace and change, checked against figures published in reports."""

from __future__ import annotations

import doctest
from decimal import ROUND_FLOOR, Decimal, localcontext
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from thads_metrics.calendar import ReportingPeriod
from thads_metrics.errors import PeriodError, RateError, ThadsError
from thads_metrics.rates import (
    MAX_PLACES,
    PRECISION,
    Change,
    TargetGap,
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
DOCS = Path(__file__).resolve().parent.parent / "docs" / "rules"


# --------------------------------------------------------------------------- DOMAIN.md §3


def test_tphcm_6_months_2019_rate_and_pace() -> None:
    # plo.vn: 26.515 of 54.681 có điều kiện → 48,49%, "vượt tiến độ 11,99%" (target 73%).
    rate = completion_rate(26_515, 54_681)
    assert round_rate(rate, 2) == D("48.49")
    period = ReportingPeriod(2019, 6)
    assert prorated_target(73, period) == D("36.5")
    assert pace(D("48.49"), 73, period) == TargetGap(D("11.99"), True)
    # From the exact rate, the published precision gives the same figure.
    assert round_rate(pace(rate, 73, period).points, 2) == D("11.99")


def test_national_9_months_2017() -> None:
    assert round_rate(completion_rate(369_372, 579_413), 2) == D("63.75")


def test_quang_nam_2021_rate() -> None:
    # thads.moj.gov.vn/quangnam: 6.627 việc / 7.850 việc có điều kiện → 84,42%.
    assert round_rate(completion_rate(6_627, 7_850), 2) == D("84.42")


def test_national_2020_rates_and_gaps() -> None:
    # vietnamnet.vn: 576.933 of 708.674 việc có điều kiện → 81,41%, "vượt … 1,41%".
    cases = completion_rate(576_933, 708_674)
    assert round_rate(cases, 2) == D("81.41")
    assert compare_to_target(round_rate(cases, 2), 80) == TargetGap(D("1.41"), True)
    # Money: 53.750 tỷ 695 triệu of 132.905 tỷ 418 triệu gives 40,44%, while the text
    # says 40,09% ("cao hơn 2,09%" than 38%). Compute, don't assert: both are accepted.
    money = completion_rate(53_750_695_000_000, 132_905_418_000_000)
    assert round_rate(money, 2) == D("40.44")
    assert compare_to_target(D("40.09"), 38).points == D("2.09")
    # "tăng 2,82% so với cùng kỳ" is a rate change in points: 2019 was 78,59%.
    assert rate_change(D("81.41"), D("78.59")) == D("2.82")


def test_conditions_share_and_complement() -> None:
    # 2020: 708.674 có điều kiện of 885.833 phải thi hành.
    share = conditions_share(708_674, 885_833)
    assert round_rate(share, 2) == D("80.00")
    assert round_rate(100 - share, 2) == D("20.00")
    assert conditions_share(7_956, 10_000) == D("79.56")


# --------------------------------------------------------------------------- DOMAIN.md §4


def test_2025_vuot_035() -> None:
    assert compare_to_target(D("84.25"), D("83.90")) == TargetGap(D("0.35"), True)
    assert compare_to_target(D("56.13"), D("51.90")).points == D("4.23")


def test_2024_gaps_and_changes() -> None:
    # cafef.vn 7/10/2024: 83,86% "cao hơn 0,61%" than 83,25%, money 51,46% "cao hơn 5,01%"
    # than 46,45%; "tăng 45.901 việc (tăng 7,97%)"; "tăng 0,62%" in rate vs 83,24% (2023).
    assert compare_to_target(D("83.86"), D("83.25")).points == D("0.61")
    assert compare_to_target(D("51.46"), D("46.45")).points == D("5.01")
    c = change(621_568, 621_568 - 45_901)
    assert c.absolute == 45_901
    assert isinstance(c.absolute, int)
    assert round_rate(c.relative_percent, 2) == D("7.97")
    assert c.sign == 1
    with pytest.deprecated_call():
        assert c.direction == "tăng"
    assert rate_change(D("83.86"), D("83.24")) == D("0.62")
    money = change(117_349, 117_349 - 27_843)  # tỷ đồng: "tăng 31,11%"
    assert round_rate(money.relative_percent, 2) == D("31.11")


def test_long_an_6_months_2022_remaining() -> None:
    assert remaining_to_target(D("50.75"), D("81.5")) == D("30.75")
    gap = compare_to_target(D("50.75"), D("81.5"))
    assert gap == TargetGap(D("-30.75"), False)
    assert gap.shortfall == D("30.75")
    assert gap.excess == 0


def test_vinh_phuc_11_months_2021_implied_targets() -> None:
    # Seed: 80,9% về việc, 43% về tiền; "vượt 2,5% về tiền", "còn thiếu 1,6% về việc".
    achieved_cases, achieved_money = D("80.9"), D("43")
    implied_cases = achieved_cases + D("1.6")
    implied_money = achieved_money - D("2.5")
    assert (implied_cases, implied_money) == (D("82.5"), D("40.5"))
    assert compare_to_target(achieved_cases, implied_cases) == TargetGap(D("-1.6"), False)
    assert compare_to_target(achieved_money, implied_money) == TargetGap(D("2.5"), True)
    assert remaining_to_target(achieved_cases, implied_cases) == D("1.6")
    # Read as pace (pro-rated by 11/12), the annual targets would be 90% and 486/11 %.
    period = ReportingPeriod(2021, 11)
    annual_cases = Fraction(implied_cases) / period.elapsed_fraction
    annual_money = Fraction(implied_money) / period.elapsed_fraction
    assert annual_cases == 90
    assert annual_money == Fraction(486, 11)  # 44,1818…%: not a decimal a target is set at
    assert pace(achieved_cases, annual_cases, period) == TargetGap(D("-1.6"), False)
    # So the gaps are against annual targets (82,5% / 40,5%), not the pro-rated ones.


def test_quang_ngai_2020_implied_unit_target() -> None:
    # thads.moj.gov.vn/quangngai: 78% "còn thiếu 03%" về việc, 41% "vượt 03%" về tiền.
    assert compare_to_target(78, 81) == TargetGap(D("-3"), False)
    assert compare_to_target(41, 38) == TargetGap(D("3"), True)


def test_required_to_reach_tphcm() -> None:
    # TP.HCM 2019: to reach 73% of 54.681 có điều kiện, 39.918 must be finished.
    n = required_to_reach(73, 26_515, 54_681)
    assert n == 39_918 - 26_515 == 13_403
    assert compare_to_target(completion_rate(26_515 + n, 54_681), 73).met
    assert not compare_to_target(completion_rate(26_515 + n - 1, 54_681), 73).met


def test_required_to_reach_edges() -> None:
    assert required_to_reach(0, 0, 10) == 0
    assert required_to_reach(100, 0, 10) == 10
    assert required_to_reach(100, 10, 10) == 0
    assert required_to_reach(D("81.5"), 0, 0) == 0  # empty base: nothing to finish
    assert required_to_reach(Fraction(1, 3), 0, 300) == 1
    assert required_to_reach(D("50"), 2, 4) == 0
    # Money in đồng, large: 40,1% of 132.905.418.000.000 đồng.
    assert required_to_reach(D("40.1"), 0, 132_905_418_000_000) == 53_295_072_618_000


# --------------------------------------------------------------------------- exactness


def test_results_do_not_depend_on_the_global_context() -> None:
    expected = completion_rate(26_515, 54_681)
    with localcontext() as ctx:
        ctx.prec = 3
        ctx.rounding = ROUND_FLOOR
        assert completion_rate(26_515, 54_681) == expected
        assert round_rate(expected, 2) == D("48.49")
        assert prorated_target(D("81.5"), ReportingPeriod(2022, 11)) == D(
            "74.708333333333333333333333333333333333333333333333"
        )
        # Derived values (negation, absolute value) are exact too.
        gap = compare_to_target(0, Fraction(1, 3))
        assert gap.shortfall == remaining_to_target(0, Fraction(1, 3))
        assert len(gap.shortfall.as_tuple().digits) == PRECISION
        third = change(Fraction(1, 3), 1)
        assert len(D(third.magnitude).as_tuple().digits) == PRECISION
    assert len(expected.as_tuple().digits) == PRECISION


def test_terminating_results_are_exact() -> None:
    assert completion_rate(1, 8) == D("12.5")
    assert completion_rate(5, 5) == 100
    assert completion_rate(0, 7) == 0
    assert completion_rate(D("1.5"), D("2")) == 75
    assert completion_rate(Fraction(1, 3), 1) == D(
        "33.333333333333333333333333333333333333333333333333"
    )


def test_inexact_results_never_end_in_0_or_5() -> None:
    # ROUND_05UP: 2/3 = 66,66…6 keeps its 6; 1/7 ends in a digit other than 0/5.
    for a, b in [(2, 3), (1, 7), (26_515, 54_681), (1, 10**17 + 3)]:
        last = completion_rate(a, b).as_tuple().digits[-1]
        assert last not in (0, 5)


def test_round_rate_half_up() -> None:
    assert round_rate(D("80.945"), 2) == D("80.95")
    assert round_rate(D("80.944999"), 2) == D("80.94")
    assert round_rate(D("42.5"), 0) == D("43")
    assert round_rate(D("-0.005"), 2) == D("-0.01")
    assert round_rate(D("-0.004"), 2) == D("0.00")
    assert str(round_rate(D("80.9"), 2)) == "80.90"
    assert round_rate(Fraction(1, 8) * 100, 1) == D("12.5")
    assert round_rate(7, 2) == D("7.00")


# --------------------------------------------------------------------------- errors


@pytest.mark.parametrize("bad", [1.0, True, None, "5", D("NaN"), D("Infinity")])
def test_non_exact_inputs_are_refused_by_name(bad: object) -> None:
    with pytest.raises(RateError, match="finished"):
        completion_rate(bad, 10)  # type: ignore[arg-type]
    with pytest.raises(RateError, match="with_conditions"):
        completion_rate(1, bad)  # type: ignore[arg-type]
    with pytest.raises(RateError, match="to_enforce"):
        conditions_share(1, bad)  # type: ignore[arg-type]
    with pytest.raises(RateError, match="target"):
        compare_to_target(50, bad)  # type: ignore[arg-type]
    with pytest.raises(RateError, match="previous"):
        change(1, bad)  # type: ignore[arg-type]
    with pytest.raises(RateError, match="rate"):
        round_rate(bad)  # type: ignore[arg-type]


def test_negatives_are_refused_by_name() -> None:
    with pytest.raises(RateError, match="finished must be >= 0"):
        completion_rate(-1, 10)
    with pytest.raises(RateError, match="with_conditions"):
        required_to_reach(50, 1, -3)
    with pytest.raises(RateError, match="current"):
        change(-1, 5)
    with pytest.raises(RateError, match="achieved"):
        remaining_to_target(D("-0.1"), 50)


def test_errors_are_thads_errors_and_value_errors() -> None:
    with pytest.raises(ThadsError):
        completion_rate(1, 0)
    with pytest.raises(ValueError, match="empty="):
        conditions_share(0, 0)


def test_zero_denominator_needs_empty() -> None:
    with pytest.raises(RateError, match="with_conditions is 0"):
        completion_rate(0, 0)
    assert completion_rate(0, 0, empty=0) == 0
    assert conditions_share(0, 0, empty=D("100")) == 100
    assert change(5, 0, empty=0) == Change(5, D("0"))
    with pytest.raises(RateError, match="previous is 0"):
        change(5, 0)
    with pytest.raises(RateError, match="empty"):
        completion_rate(0, 0, empty=1.0)  # type: ignore[arg-type]


@pytest.mark.parametrize("empty", [-5, 101, D("-0.01"), D("100.01"), Fraction(201, 2), -(10**200)])
@pytest.mark.parametrize("rate", [completion_rate, conditions_share])
@pytest.mark.parametrize(("part", "whole"), [(0, 0), (3, 4), (D("1.5"), D("3"))])
def test_empty_is_a_percentage_checked_at_entry(
    rate: Any, part: object, whole: object, empty: object
) -> None:
    """A value no rate can take is refused, whether the base is empty or not."""
    with pytest.raises(RateError) as info:
        rate(part, whole, empty=empty)
    assert info.value.code == "rate.range"
    assert info.value.details["argument"] == "empty"
    assert info.value.details["rule"] == "0..100"


@pytest.mark.parametrize("empty", [1.0, True, "0", D("NaN")])
@pytest.mark.parametrize(("part", "whole"), [(0, 0), (3, 4)])
def test_empty_of_the_wrong_kind_is_refused_at_entry(part: int, whole: int, empty: object) -> None:
    for rate in (completion_rate, conditions_share):
        with pytest.raises(RateError) as info:
            rate(part, whole, empty=empty)
        assert info.value.code == "rate.type"
        assert info.value.details["argument"] == "empty"


def test_empty_within_0_to_100_is_given_back_for_an_empty_base() -> None:
    assert completion_rate(0, 0, empty=0) == 0
    assert completion_rate(0, 0, empty=100) == 100
    assert conditions_share(0, 0, empty=D("48.49")) == D("48.49")
    assert completion_rate(0, 0, empty=Fraction(1, 8)) == D("0.125")
    assert completion_rate(3, 4, empty=100) == 75  # a base that is not empty: the rate


def test_empty_of_a_change_is_checked_at_entry() -> None:
    # A relative change of a count falls by 100% at most; above 100% is a real rise.
    assert change(5, 0, empty=250).relative_percent == 250
    assert change(0, 0, empty=-100).relative_percent == -100
    for previous in (0, 4):
        with pytest.raises(RateError) as info:
            change(5, previous, empty=-101)
        assert (info.value.code, info.value.details["argument"]) == ("rate.range", "empty")
        with pytest.raises(RateError) as info:
            change(5, previous, empty=0.5)  # type: ignore[arg-type]
        assert (info.value.code, info.value.details["argument"]) == ("rate.type", "empty")


def test_part_larger_than_whole_is_refused() -> None:
    with pytest.raises(RateError, match="cannot exceed"):
        completion_rate(11, 10)
    with pytest.raises(RateError, match="cannot exceed"):
        conditions_share(11, 10)
    with pytest.raises(RateError, match="cannot exceed"):
        required_to_reach(50, 11, 10)


def test_percentages_above_100_are_refused() -> None:
    with pytest.raises(RateError, match="<= 100"):
        compare_to_target(101, 50)
    with pytest.raises(RateError, match="annual_target"):
        pace(50, D("100.5"), ReportingPeriod(2022, 6))
    with pytest.raises(PeriodError, match="ReportingPeriod") as info:  # the value that is wrong
        pace(50, 80, 6)  # type: ignore[arg-type]
    assert info.value.code == "period.type"


def test_required_to_reach_wants_whole_numbers() -> None:
    with pytest.raises(RateError, match="finished"):
        required_to_reach(50, D("1"), 10)  # type: ignore[arg-type]
    with pytest.raises(RateError, match="places"):
        round_rate(D("1.5"), -1)


# --------------------------------------------------------------------------- change


def test_change_directions_and_types() -> None:
    down = change(9, 12)
    assert down == Change(-3, D("-25"))
    assert (down.sign, down.magnitude) == (-1, 3)
    assert change(4, 4).sign == 0
    with pytest.deprecated_call():
        assert (down.direction, down.magnitude) == ("giảm", 3)
    with pytest.deprecated_call():
        assert change(4, 4).direction == "không đổi"
    dec = change(D("146.9"), D("150"))
    assert isinstance(dec.absolute, Decimal)
    assert dec.absolute == D("-3.1")
    assert dec.magnitude == D("3.1")


def test_round_rate_places_are_bounded() -> None:
    assert round_rate(D("1.5"), MAX_PLACES) == D("1." + "5" + "0" * (MAX_PLACES - 1))
    for places in (MAX_PLACES + 1, 5000, 10**8):
        with pytest.raises(RateError, match="places must be <= 100") as info:
            round_rate(D("1.5"), places)
        assert info.value.code == "rate.range"


def test_rate_change_is_points_not_relative() -> None:
    assert rate_change(D("81.41"), D("80")) == D("1.41")
    assert change(D("81.41"), D("80")).relative_percent == D("1.7625")


# --------------------------------------------------------------------------- docs


def test_rule_book_page_examples_run() -> None:
    result = doctest.testfile(
        str(DOCS / "rates.md"), module_relative=False, optionflags=doctest.ELLIPSIS
    )
    assert result.attempted > 0
    assert result.failed == 0


@pytest.mark.parametrize(
    "build",
    [
        lambda: Change(0.5, None),  # type: ignore[arg-type]
        lambda: Change(1, D("NaN")),
        lambda: Change(True, D(1)),
        lambda: Change("1", D(1)),  # type: ignore[arg-type]
        lambda: TargetGap(D(1), "no"),  # type: ignore[arg-type]
        lambda: TargetGap(0.5, True),  # type: ignore[arg-type]
        lambda: TargetGap(D("Infinity"), True),
    ],
)
def test_result_values_refuse_what_is_not_exact(build: Any) -> None:
    with pytest.raises(RateError) as info:
        build()
    assert info.value.code == "rate.type"
