"""Property tests of the rate calculators: exactness, rounding, target arithmetic."""

from __future__ import annotations

import math
from decimal import ROUND_CEILING, ROUND_HALF_UP, Context, Decimal, localcontext
from fractions import Fraction

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from thads_metrics.calendar import ReportingPeriod
from thads_metrics.errors import RateError
from thads_metrics.rates import (
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

MONEY = 10**16  # đồng: the largest amounts in national reports are ~10^15

places = st.integers(min_value=0, max_value=6)
periods = st.builds(ReportingPeriod, st.integers(2000, 2100), st.integers(1, 12))


@st.composite
def part_whole(draw: st.DrawFn, high: int = MONEY) -> tuple[int, int]:
    """(finished, with_conditions) with 0 <= finished <= with_conditions >= 1."""
    whole = draw(st.integers(min_value=1, max_value=high))
    part = draw(st.one_of(st.integers(0, whole), st.sampled_from([0, whole, whole - 1])))
    return max(part, 0), whole


# Percentages as reports print them (up to 2 decimals), plus arbitrary exact ones.
printed_percents = st.integers(0, 10_000).map(lambda n: Decimal(n).scaleb(-2))
exact_percents = st.one_of(
    printed_percents,
    st.fractions(min_value=0, max_value=100, max_denominator=10**6),
    st.integers(0, 100),
)


def half_up(value: Fraction, digits: int) -> Fraction:
    """Exact half-up rounding of a non-negative Fraction, as an oracle."""
    scaled = value * 10**digits
    floor = scaled.numerator // scaled.denominator
    if scaled - floor >= Fraction(1, 2):
        floor += 1
    return Fraction(floor, 10**digits)


@given(part_whole())
def test_completion_rate_in_0_100(pw: tuple[int, int]) -> None:
    rate = completion_rate(*pw)
    assert 0 <= rate <= 100
    assert 0 <= conditions_share(*pw) <= 100


@given(part_whole())
def test_published_two_decimals_equal_exact_half_up(pw: tuple[int, int]) -> None:
    # The figure a report prints (2 decimals, half up) from counts or đồng up to 10^16.
    a, b = pw
    assert Fraction(round_rate(completion_rate(a, b), 2)) == half_up(Fraction(a * 100, b), 2)


@given(part_whole(), places)
def test_rounded_rate_equals_exact_half_up(pw: tuple[int, int], digits: int) -> None:
    a, b = pw
    exact = Fraction(a * 100, b)
    assert Fraction(round_rate(completion_rate(a, b), digits)) == half_up(exact, digits)


@given(part_whole(high=10**40), places)
def test_rounded_rate_exact_beyond_the_working_precision(pw: tuple[int, int], d: int) -> None:
    # Denominators far larger than 10^PRECISION/100: ROUND_05UP still never double-rounds.
    a, b = pw
    assert Fraction(round_rate(completion_rate(a, b), d)) == half_up(Fraction(a * 100, b), d)


@given(st.integers(1, MONEY), st.integers(0, 10_000 - 1))
def test_rates_just_below_a_tie_round_down(b: int, k: int) -> None:
    # a/b just under k,xx5: the nearest a below the tie must round down, never up.
    tie = Fraction(2 * k + 1, 200)  # k/100 + 0.005, in percent
    a = math.floor(tie * b / 100)
    assume(0 <= a <= b and Fraction(a * 100, b) < tie)
    assert round_rate(completion_rate(a, b), 2) == half_up(Fraction(a * 100, b), 2)
    assert round_rate(completion_rate(a, b), 2) <= Decimal(k).scaleb(-2)


@given(part_whole(), places, st.integers(1, 8))
def test_rates_ignore_a_hostile_global_context(pw: tuple[int, int], d: int, prec: int) -> None:
    expected = completion_rate(*pw)
    with localcontext() as ctx:
        ctx.prec = prec
        ctx.rounding = ROUND_CEILING
        assert completion_rate(*pw) == expected
        assert round_rate(expected, d) == half_up(Fraction(expected), d)


@given(
    st.decimals(min_value=-1000, max_value=1000, allow_nan=False, allow_infinity=False, places=8),
    places,
)
def test_round_rate_matches_quantize_half_up(value: Decimal, digits: int) -> None:
    context = Context(prec=100)
    expected = value.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP, context=context)
    result = round_rate(value, digits)
    assert result == expected
    assert result.as_tuple().exponent == -digits


@given(part_whole(high=10**6), exact_percents)
def test_required_to_reach_is_minimal_and_sufficient(
    pw: tuple[int, int], target: Decimal | Fraction | int
) -> None:
    finished, base = pw
    n = required_to_reach(target, finished, base)
    assert isinstance(n, int)
    assert 0 <= n <= base - finished
    # Sufficient: finishing n more reaches the target ...
    assert Fraction(finished + n, base) * 100 >= Fraction(target)
    # ... minimal: one fewer would miss it.
    if n > 0:
        assert Fraction(finished + n - 1, base) * 100 < Fraction(target)


@given(part_whole(high=10**6), printed_percents)
def test_required_to_reach_agrees_with_the_decimal_rates(
    pw: tuple[int, int], target: Decimal
) -> None:
    # With a target as printed (2 decimals), the Decimal rates tell the same story.
    # (Against a non-terminating Fraction target only the exact comparison is sure:
    # a 50-digit rate can fall a hair short of a target it equals exactly.)
    finished, base = pw
    n = required_to_reach(target, finished, base)
    assert compare_to_target(completion_rate(finished + n, base), target).met
    if n > 0:
        assert not compare_to_target(completion_rate(finished + n - 1, base), target).met


@given(part_whole(), printed_percents)
def test_required_to_reach_money_scale(pw: tuple[int, int], target: Decimal) -> None:
    finished, base = pw
    n = required_to_reach(target, finished, base)
    assert Fraction(finished + n, base) * 100 >= Fraction(target)
    assert n == 0 or Fraction(finished + n - 1, base) * 100 < Fraction(target)


@given(exact_percents, exact_percents)
def test_remaining_is_zero_exactly_when_met(achieved: Decimal, target: Decimal) -> None:
    gap = compare_to_target(achieved, target)
    remaining = remaining_to_target(achieved, target)
    assert remaining >= 0
    assert (remaining == 0) == gap.met
    assert gap.met == (Fraction(achieved) >= Fraction(target))
    assert remaining == gap.shortfall


@given(part_whole(), printed_percents)
def test_met_on_the_decimal_rate_agrees_with_the_exact_rate(
    pw: tuple[int, int], target: Decimal
) -> None:
    # The rounded Decimal never crosses a 2-decimal target the exact rate is on the other side of.
    exact = Fraction(pw[0] * 100, pw[1])
    assert compare_to_target(completion_rate(*pw), target).met == (exact >= Fraction(target))


@given(exact_percents, printed_percents, st.integers(2000, 2100))
def test_pace_at_12_months_is_compare_to_target(
    achieved: Decimal, annual: Decimal, year: int
) -> None:
    assert pace(achieved, annual, ReportingPeriod(year, 12)) == compare_to_target(achieved, annual)


@given(printed_percents, periods)
def test_prorated_target_scales_with_months(annual: Decimal, period: ReportingPeriod) -> None:
    prorated = prorated_target(annual, period)
    exact = Fraction(annual) * period.months / 12
    assert abs(Fraction(prorated) - exact) < Fraction(1, 10**45)
    assert (Fraction(prorated) == exact) == (exact.denominator % 3 != 0)
    assert 0 <= prorated <= annual
    if period.months < 12:
        later = ReportingPeriod(period.year, period.months + 1)
        assert prorated_target(annual, later) >= prorated


@given(printed_percents, periods, printed_percents)
def test_pace_points_are_achieved_minus_prorated(
    achieved: Decimal, period: ReportingPeriod, annual: Decimal
) -> None:
    gap = pace(achieved, annual, period)
    assert gap.met == (Fraction(achieved) >= Fraction(annual) * period.elapsed_fraction)
    assert round_rate(gap.points, 2) == round_rate(
        Fraction(achieved) - Fraction(annual) * Fraction(period.months, 12), 2
    )


@given(st.integers(0, MONEY), st.integers(1, MONEY))
def test_change_absolute_and_relative(current: int, previous: int) -> None:
    c = change(current, previous)
    assert c.absolute == current - previous
    assert round_rate(c.relative_percent, 2) == round_rate(
        Fraction(current - previous, previous) * 100, 2
    )
    assert (c.absolute > 0) == (c.relative_percent > 0)


@given(exact_percents, exact_percents)
def test_rate_change_is_antisymmetric_points(a: Decimal, b: Decimal) -> None:
    assert rate_change(a, b) == rate_change(b, a).copy_negate()  # not -x: that rounds
    assert round_rate(rate_change(a, b), 4) == round_rate(Fraction(a) - Fraction(b), 4)


def _half_up_reference(value: Fraction, places: int) -> Decimal:
    """Half up on the exact value, digit by digit: the plain statement of the rule."""
    units = int(abs(value) * 10**places + Fraction(1, 2))
    sign = 1 if value < 0 and units else 0
    return Decimal((sign, tuple(int(c) for c in str(units)), -places))


@given(
    st.one_of(
        st.integers(-(10**40), 10**40),
        st.decimals(allow_nan=False, allow_infinity=False, places=8),
        st.fractions(max_denominator=10**9),
    ),
    places,
)
def test_round_rate_is_half_up_digits_and_exponent(value: int | Decimal | Fraction, d: int) -> None:
    """round_rate is half up on the exact value (a tie away from zero), whatever the input's
    kind, with the digits and exponent of the plain rule and of Decimal's own quantize."""
    got = round_rate(value, d)
    expected = _half_up_reference(Fraction(value), d)
    assert (got, got.as_tuple()) == (expected, expected.as_tuple())
    if isinstance(value, Decimal):
        with localcontext(Context(prec=200)):
            quantized = value.quantize(Decimal(1).scaleb(-d), rounding=ROUND_HALF_UP)
        assert got.as_tuple() == quantized.as_tuple() or (not got and not quantized)


@given(st.integers(0, 10**30), st.integers(1, 10**30))
def test_a_ratio_of_ints_is_the_ratio_of_their_fraction(a: int, b: int) -> None:
    # Counts and đồng take a shorter way than Fractions: the same Decimal, digit for digit
    # (its exponent too: 25 not 25.0, 0.3 not 0.30).
    from thads_metrics import rates

    part, whole = min(a, b), max(a, b)
    expected = rates._decimal(Fraction(part) * 100 / whole)
    for got in (completion_rate(part, whole), rates.conditions_share(part, whole)):
        assert str(got) == str(expected)


@given(
    part_whole(),
    st.booleans(),
    st.one_of(st.integers(-(10**6), 10**6), st.fractions(-1000, 1000, max_denominator=10**4)),
)
def test_empty_is_refused_outside_0_to_100_whatever_the_base(
    pw: tuple[int, int], empty_base: bool, empty: int | Fraction
) -> None:
    """``empty=`` is a rate: in 0..100 it is given back for an empty base (and ignored for
    another); outside it is refused at once, with an empty base or not."""
    part, whole = (0, 0) if empty_base else pw
    for rate in (completion_rate, conditions_share):
        if 0 <= empty <= 100:
            got = rate(part, whole, empty=empty)
            if empty_base:
                assert abs(Fraction(got) - Fraction(empty)) < Fraction(1, 10**40)
            else:
                assert got == rate(part, whole)
        else:
            with pytest.raises(RateError) as info:
                rate(part, whole, empty=empty)
            assert (info.value.code, info.value.details["argument"]) == ("rate.range", "empty")
