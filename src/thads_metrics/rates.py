"""Rates, gaps to targets and progress (tỷ lệ, chỉ tiêu, tiến độ), exact.

Every percentage is a :class:`~decimal.Decimal` in percent (``Decimal("48.49")``
means 48,49%). Inputs are ``int``, ``Decimal`` or ``Fraction``; ``float`` and
``bool`` are refused with :class:`~thads_metrics.errors.RateError` naming the
argument, never coerced.

Arithmetic is done on :class:`~fractions.Fraction`, so it is exact. A result
whose decimal expansion does not terminate (26.515 ÷ 54.681) is converted once
to a ``Decimal`` of :data:`PRECISION` significant digits in a fixed local
context, whatever the caller's :func:`decimal.getcontext` says. That
conversion rounds with ``ROUND_05UP`` (toward zero, except away from zero when
the kept last digit would be 0 or 5): an inexact result then never ends in 0 or
5, so it never lands on a tie or on a short decimal such as a target, and a
later :func:`round_rate` to any shorter precision (or a comparison with a
target of fewer digits) gives the same answer as on the exact value. Rounding
for display happens only in :func:`round_rate`, half up.

>>> completion_rate(26_515, 54_681)  # TP.HCM, 6 tháng 2019
Decimal('48.490334851228031674621897917009564565388343300232')
>>> round_rate(completion_rate(26_515, 54_681), 2)
Decimal('48.49')
>>> pace(Decimal("48.49"), 73, ReportingPeriod(2019, 6)).points  # vượt tiến độ
Decimal('11.99')
"""

from __future__ import annotations

import warnings
from decimal import ROUND_05UP, Context, Decimal
from fractions import Fraction

import attrs

from thads_metrics._checks import (
    Exact,
    digit_count,
    require_exact,
    require_flag,
    require_instance,
    require_int,
    shown,
    to_fraction,
)
from thads_metrics.calendar import ReportingPeriod
from thads_metrics.errors import PeriodError, RateError

__all__ = [
    "MAX_PLACES",
    "PRECISION",
    "Change",
    "TargetGap",
    "as_percent",
    "attainment",
    "change",
    "compare_to_target",
    "completion_rate",
    "conditions_share",
    "decimal_of",
    "pace",
    "prorated_target",
    "rate_change",
    "remaining_to_target",
    "required_to_reach",
    "round_rate",
]

#: Significant digits of a ``Decimal`` result whose exact value does not terminate.
PRECISION = 50
#: Most decimals :func:`round_rate` writes (more than any report prints; bounded so that
#: a mistaken huge value fails at once instead of exhausting memory).
MAX_PLACES = 100

_CONTEXT = Context(prec=PRECISION, rounding=ROUND_05UP, Emin=-999_999, Emax=999_999)
_HUNDRED = Fraction(100)
_A_PERIOD = "a ReportingPeriod (kỳ báo cáo)"


# --------------------------------------------------------------------------- helpers


def _decimal(value: Fraction) -> Decimal:
    """Exact value as a Decimal, or rounded to PRECISION digits with ROUND_05UP.

    Independent of the caller's decimal context.
    """
    return _CONTEXT.divide(Decimal(value.numerator), Decimal(value.denominator))


def decimal_of(value: Fraction) -> Decimal:
    """An exact ratio as a ``Decimal``: exact when it terminates, else :data:`PRECISION`
    significant digits rounded ``ROUND_05UP`` (see the module), in any decimal context.

    >>> decimal_of(Fraction(1, 8)), decimal_of(Fraction(2, 3))
    (Decimal('0.125'), Decimal('0.66666666666666666666666666666666666666666666666666'))
    """
    return _decimal(require_instance("value", value, Fraction, RateError, what="a Fraction"))


def _amount(name: str, value: object) -> Fraction:
    """A count or amount (int, Decimal, Fraction) >= 0, as a Fraction."""
    return to_fraction(require_exact(name, value, RateError, minimum=0))


def _percent(name: str, value: object) -> Fraction:
    """A rate in percent, 0..100, as a Fraction."""
    fraction = to_fraction(require_exact(name, value, RateError, minimum=0))
    if fraction > _HUNDRED:
        raise RateError(
            f"{name} is a percentage and must be <= 100, got {value}",
            code="rate.range",
            details={"argument": name, "value": value, "rule": "0..100"},
        )
    return fraction


def as_percent(value: Exact, name: str = "rate") -> Decimal:
    """A rate in percent (0..100) as a ``Decimal``, exact when it terminates (tỷ lệ %).

    >>> as_percent(Fraction(163, 2)), as_percent(73)
    (Decimal('81.5'), Decimal('73'))
    """
    return _decimal(_percent(name, value))


def _empty_rate(value: object) -> Fraction | None:
    """The ``empty=`` argument of a rate: None, or the rate of an empty base, 0..100.

    Checked where it is given, whether or not the base turns out empty, so a
    value no rate can take (-5, 101, a float) is refused at once (code
    ``rate.range`` or ``rate.type``, ``argument`` ``empty``), never returned.

    >>> _empty_rate(100), _empty_rate(None)
    (Fraction(100, 1), None)
    >>> try:
    ...     _empty_rate(-5)
    ... except RateError as err:
    ...     print(err.code, err.details["argument"], err.details["rule"])
    rate.range empty 0..100
    """
    if value is None:
        return None
    fraction = to_fraction(require_exact("empty", value, RateError, minimum=None))
    if not 0 <= fraction <= _HUNDRED:
        raise RateError(
            f"empty is the rate given for an empty base (tỷ lệ khi mẫu số bằng 0), a "
            f"percentage in 0..100, got {shown(value)}",
            code="rate.range",
            details={"argument": "empty", "value": _plain(value), "rule": "0..100"},
        )
    return fraction


def _plain(value: object) -> object:
    """A number for ``details``: an int or Decimal as it is (an int too long described), else
    its text."""
    if isinstance(value, Decimal) or (isinstance(value, int) and digit_count(value) <= 120):
        return value
    return shown(value)


def _ratio(
    numerator_name: str,
    numerator: object,
    denominator_name: str,
    denominator: object,
    empty: object,
    rule: str,
) -> Decimal:
    on_empty = None if empty is None else _empty_rate(empty)  # checked whatever the base
    if type(numerator) is int and type(denominator) is int and 0 <= numerator <= denominator > 0:
        # Counts and đồng (the common case): the same Decimal as through Fraction (a
        # division is rounded from its exact quotient, whatever the terms' common factors).
        return _CONTEXT.divide(Decimal(100 * numerator), Decimal(denominator))
    part = _amount(numerator_name, numerator)
    whole = _amount(denominator_name, denominator)
    if part > whole:
        raise RateError(
            f"{numerator_name} ({numerator}) cannot exceed "
            f"{denominator_name} ({denominator}): {rule}",
            code="rate.part_exceeds_whole",
            details={numerator_name: numerator, denominator_name: denominator},
        )
    if whole == 0:
        if on_empty is None:
            raise RateError(
                f"{denominator_name} is 0, so {rule} is undefined; "
                "pass empty= to choose the value returned for an empty base",
                code="rate.empty_base",
                details={"argument": denominator_name},
            )
        return _decimal(on_empty)
    return _decimal(part * _HUNDRED / whole)


def _check_decimal(name: str, value: object) -> None:
    """A result field: a finite Decimal, nothing else (no float, None, str or NaN)."""
    require_instance(name, value, Decimal, RateError, what="a Decimal")
    assert isinstance(value, Decimal)
    if not value.is_finite():
        raise RateError(
            f"{name} must be a finite Decimal, got {value!r}",
            code="rate.type",
            details={"argument": name, "value": repr(value), "rule": "finite"},
        )


def _check_absolute(value: object) -> None:
    if isinstance(value, Decimal):
        _check_decimal("absolute", value)
    else:
        require_int("absolute", value, RateError, minimum=None)


# --------------------------------------------------------------------------- rates


def completion_rate(
    finished: Exact, with_conditions: Exact, *, empty: Exact | None = None
) -> Decimal:
    """Completion rate in percent (tỷ lệ thi hành xong) = finished ÷ có điều kiện × 100.

    The base is always the cases (or đồng) *with conditions* (có điều kiện thi
    hành), never the total to enforce. ``finished`` is completed + terminated
    (+ reduced, for money), as :attr:`CaseLedger.finished` gives it. A zero base
    raises :class:`RateError` unless ``empty`` gives the value to return.

    >>> round_rate(completion_rate(369_372, 579_413), 2)  # toàn quốc, 9 tháng 2017
    Decimal('63.75')
    >>> completion_rate(3, 4)
    Decimal('75')
    >>> completion_rate(0, 0, empty=100)
    Decimal('100')
    """
    return _ratio(
        "finished",
        finished,
        "with_conditions",
        with_conditions,
        empty,
        "the completion rate (tỷ lệ thi hành xong = thi hành xong ÷ có điều kiện)",
    )


def conditions_share(
    with_conditions: Exact, to_enforce: Exact, *, empty: Exact | None = None
) -> Decimal:
    """Share with conditions in percent (tỷ lệ có điều kiện) = có điều kiện ÷ phải thi hành × 100.

    The share without conditions (chưa có điều kiện) is ``100 -`` this. A zero
    ``to_enforce`` raises :class:`RateError` unless ``empty`` is given.

    >>> round_rate(conditions_share(7_956, 10_000), 2)
    Decimal('79.56')
    >>> 100 - conditions_share(1, 4)  # chưa có điều kiện
    Decimal('75')
    """
    return _ratio(
        "with_conditions",
        with_conditions,
        "to_enforce",
        to_enforce,
        empty,
        "the share with conditions (tỷ lệ có điều kiện = có điều kiện ÷ phải thi hành)",
    )


def round_rate(rate: Exact, places: int = 2) -> Decimal:
    """Round a rate for printing, half up (làm tròn, 2 chữ số thập phân như báo cáo).

    Exact: the rounding is done on the exact value, in no decimal context, and
    agrees with ``Decimal.quantize(..., rounding=ROUND_HALF_UP)`` (a tie goes
    away from zero, also for negative gaps). Official reports print 2 decimals;
    the press often prints 0 or 1.

    >>> round_rate(Decimal("48.485"), 2), round_rate(Decimal("80.95"), 1)
    (Decimal('48.49'), Decimal('81.0'))
    >>> round_rate(Fraction(2, 3) * 100, 0), round_rate(Decimal("-1.605"), 2)
    (Decimal('67'), Decimal('-1.61'))
    """
    value = rate
    if type(rate) is not Decimal or not rate.is_finite():
        value = require_exact("rate", rate, RateError, minimum=None)
    if type(places) is not int or not 0 <= places <= MAX_PLACES:
        require_int("places", places, RateError, minimum=0, maximum=MAX_PLACES)
    # The exact value as numerator / denominator (integers; Decimal and Fraction give
    # theirs exactly), then floor(x + 1/2) of x = |value| × 10^places, in integers.
    if isinstance(value, Decimal):
        numerator, denominator = value.as_integer_ratio()
    else:
        numerator, denominator = value.numerator, value.denominator
    units = (2 * abs(numerator) * 10**places + denominator) // (2 * denominator)
    sign = "-" if numerator < 0 and units else ""
    return Decimal(f"{sign}{units}E-{places}")  # exact: a Decimal from text is not rounded


# --------------------------------------------------------------------------- targets


@attrs.frozen
class TargetGap:
    """Distance of an achieved rate from a target (vượt / còn thiếu so với chỉ tiêu).

    ``points`` is achieved − target in **percentage points** (điểm phần trăm;
    reports write it with a bare "%": "vượt 0,35%"). Positive means above the
    target (vượt), negative below it (còn thiếu). ``met`` is True when the
    achieved rate is at least the target (đạt chỉ tiêu).

    >>> gap = TargetGap(Decimal("-1.6"), False)
    >>> (gap.shortfall, gap.excess)
    (Decimal('1.6'), Decimal('0'))
    """

    points: Decimal = attrs.field(validator=lambda _, a, v: _check_decimal(a.name, v))
    met: bool = attrs.field(validator=lambda _, a, v: require_flag(a.name, v, RateError))

    @property
    def excess(self) -> Decimal:
        """Points above the target, 0 if below (vượt … %)."""
        return max(self.points, Decimal(0))

    @property
    def shortfall(self) -> Decimal:
        """Points below the target, 0 if met (còn thiếu … %)."""
        return max(self.points.copy_negate(), Decimal(0))  # copy_negate: no context rounding


def _gap(achieved: Fraction, target: Fraction) -> TargetGap:
    points = achieved - target
    return TargetGap(_decimal(points), points >= 0)


def compare_to_target(achieved: Exact, target: Exact) -> TargetGap:
    """Compare a rate with its annual target, in points ("vượt … %" / "còn thiếu … %").

    Met means achieved ≥ target: a target phrased "trên X%" is taken as reached
    at exactly X%.

    >>> compare_to_target(Decimal("84.25"), Decimal("83.90"))  # năm 2025: vượt 0,35
    TargetGap(points=Decimal('0.35'), met=True)
    >>> compare_to_target(Decimal("50.75"), Decimal("81.5")).met
    False
    """
    return _gap(_percent("achieved", achieved), _percent("target", target))


def remaining_to_target(achieved: Exact, target: Exact) -> Decimal:
    """Points still to gain to reach the target, ≥ 0 ("còn phải phấn đấu đạt … %").

    It is target − achieved when positive and 0 exactly when
    :func:`compare_to_target` says the target is met.

    >>> remaining_to_target(Decimal("50.75"), Decimal("81.5"))  # Long An, 6 tháng 2022
    Decimal('30.75')
    >>> remaining_to_target(Decimal("84.25"), Decimal("83.90"))
    Decimal('0')
    """
    left = _percent("target", target) - _percent("achieved", achieved)
    return _decimal(max(left, Fraction(0)))


def attainment(achieved: Exact, target: Exact) -> Decimal:
    """The rate as a share of its target, in percent (đạt … % so với chỉ tiêu).

    Reports also say "đạt X% so với chỉ tiêu" for the rate divided by the
    target (DOMAIN §4a), not for the gap in points: 80,9% against a target of
    82,5% is 98,06…% of it. ``target`` must be above 0.

    >>> round_rate(attainment(Decimal("80.9"), Decimal("82.5")), 2)
    Decimal('98.06')
    >>> attainment(90, 45)
    Decimal('200')
    """
    achieved_value = _percent("achieved", achieved)
    goal = _percent("target", target)
    if goal == 0:
        raise RateError(
            "target is 0, so the rate has no share of it",
            code="rate.empty_base",
            details={"argument": "target", "value": target, "rule": "> 0"},
        )
    return _decimal(achieved_value * _HUNDRED / goal)


def prorated_target(annual_target: Exact, period: ReportingPeriod) -> Decimal:
    """The target pro-rated to the period (chỉ tiêu theo tiến độ) = annual × months ÷ 12.

    >>> prorated_target(73, ReportingPeriod(2019, 6))
    Decimal('36.5')
    >>> prorated_target(Decimal("81.5"), ReportingPeriod(2022, 11))
    Decimal('74.708333333333333333333333333333333333333333333333')
    """
    return _decimal(_prorated(annual_target, period))


def _prorated(annual_target: object, period: object) -> Fraction:
    span = require_instance(
        "period", period, ReportingPeriod, PeriodError, what="a ReportingPeriod"
    )
    return _percent("annual_target", annual_target) * span.elapsed_fraction


def pace(achieved: Exact, annual_target: Exact, period: ReportingPeriod) -> TargetGap:
    """Compare a rate with the pro-rated target ("vượt tiến độ" / "chậm tiến độ").

    The pro-rated target is annual × months elapsed ÷ 12 (see
    :func:`prorated_target`); at 12 months this equals :func:`compare_to_target`.

    >>> pace(Decimal("48.49"), 73, ReportingPeriod(2019, 6))  # TP.HCM: vượt tiến độ 11,99
    TargetGap(points=Decimal('11.99'), met=True)
    """
    return _gap(_percent("achieved", achieved), _prorated(annual_target, period))


def required_to_reach(target: Exact, finished: int, with_conditions: int) -> int:
    """Least việc or đồng still to finish to reach a target (số còn phải thi hành xong).

    With the current base ``with_conditions`` (có điều kiện) held fixed, it is
    the least ``n >= 0`` with ``(finished + n) ÷ with_conditions × 100 >= target``:
    finishing ``n`` reaches the target, finishing ``n - 1`` does not. With an
    empty base (0) nothing is needed and 0 is returned.

    >>> required_to_reach(Decimal("81.5"), 5_075, 10_000)  # còn phải phấn đấu 30,75%
    3075
    >>> required_to_reach(Decimal("40.1"), 1, 3), required_to_reach(50, 9, 10)
    (1, 0)
    """
    goal = _percent("target", target)
    done = require_int("finished", finished, RateError, term="thi hành xong")
    base = require_int("with_conditions", with_conditions, RateError, term="có điều kiện")
    if done > base:
        raise RateError(
            f"finished ({done}) cannot exceed with_conditions ({base}): "
            "thi hành xong is part of có điều kiện",
            code="rate.part_exceeds_whole",
            details={"finished": done, "with_conditions": base},
        )
    needed = goal * base / _HUNDRED  # least whole number >= this must be finished
    ceiling = -((-needed.numerator) // needed.denominator)
    return max(ceiling - done, 0)


# --------------------------------------------------------------------------- change


@attrs.frozen
class Change:
    """Change of a count or amount against the same period last year (so với cùng kỳ).

    ``absolute`` is current − previous in the unit of the inputs (việc or
    đồng); ``relative_percent`` is that change ÷ previous × 100, a **relative
    percent** (not percentage points). Reports write it "tăng 39.080 việc,
    5,60%".

    ``sign`` is 1 (up, tăng), -1 (down, giảm) or 0; writers choose the words.

    >>> c = Change(-3, Decimal("-25"))
    >>> (c.sign, c.magnitude)
    (-1, 3)
    """

    absolute: int | Decimal = attrs.field(validator=lambda _, a, v: _check_absolute(v))
    relative_percent: Decimal = attrs.field(validator=lambda _, a, v: _check_decimal(a.name, v))

    @property
    def sign(self) -> int:
        """1 when the value rose (tăng), -1 when it fell (giảm), 0 when unchanged."""
        return (self.absolute > 0) - (self.absolute < 0)

    @property
    def direction(self) -> str:
        """Deprecated: the Vietnamese word of :attr:`sign` ("tăng", "giảm", "không đổi").

        Words belong to the writers (:mod:`thads_metrics.report`); use
        :attr:`sign`. Kept for one release.
        """
        warnings.warn(
            "Change.direction is deprecated; use Change.sign and a writer's words",
            DeprecationWarning,
            stacklevel=2,
        )
        return {1: "tăng", -1: "giảm", 0: "không đổi"}[self.sign]

    @property
    def magnitude(self) -> int | Decimal:
        """Size of the change without its sign, as reports print it after tăng/giảm."""
        if isinstance(self.absolute, Decimal):
            return self.absolute.copy_abs()  # exact; abs() would round to the global context
        return abs(self.absolute)


def change(current: Exact, previous: Exact, *, empty: Exact | None = None) -> Change:
    """Change of a count or amount vs the same period last year ("so với cùng kỳ tăng … %").

    Computes both: ``absolute`` (an ``int`` when both inputs are ``int``) and
    ``relative_percent`` = Δ ÷ previous × 100, a relative percent. For rates use
    :func:`rate_change`, which gives percentage points. A zero ``previous``
    raises :class:`RateError` unless ``empty`` gives the relative percent.
    ``empty`` is checked where it is given: an exact number of at least -100
    (a count or amount falls by 100% at most), else ``rate.range`` or
    ``rate.type`` naming ``empty``.

    >>> change(1_200, 1_000)  # tăng 200 việc, 20%
    Change(absolute=200, relative_percent=Decimal('20'))
    >>> change(Decimal("146.9"), Decimal("150")).relative_percent  # tỷ đồng: giảm …%
    Decimal('-2.0666666666666666666666666666666666666666666666666')
    """
    on_empty = None
    if empty is not None:
        on_empty = to_fraction(require_exact("empty", empty, RateError, minimum=None))
        if on_empty < -100:
            raise RateError(
                "empty is the relative change given for an empty previous value, at least "
                f"-100 (a count or amount falls by 100% at most), got {shown(empty)}",
                code="rate.range",
                details={"argument": "empty", "value": _plain(empty), "rule": ">= -100"},
            )
    now = _amount("current", current)
    before = _amount("previous", previous)
    delta = now - before
    absolute: int | Decimal
    if isinstance(current, int) and isinstance(previous, int):
        absolute = int(delta)
    else:
        absolute = _decimal(delta)
    if before == 0:
        if on_empty is None:
            raise RateError(
                "previous is 0, so the relative change (so với cùng kỳ, %) is undefined; "
                "pass empty= to choose the value returned",
                code="rate.empty_base",
                details={"argument": "previous"},
            )
        return Change(absolute, _decimal(on_empty))
    return Change(absolute, _decimal(delta * _HUNDRED / before))


def rate_change(current_rate: Exact, previous_rate: Exact) -> Decimal:
    """Change of a rate vs the same period, in percentage points ("so với cùng kỳ tăng … %").

    A rate that went from 80,00% to 81,41% rose 1,41 **points** (điểm phần
    trăm), not 1,76%: reports write both with a bare "%", this function always
    computes points. For counts and amounts use :func:`change`.

    >>> rate_change(Decimal("81.41"), Decimal("80"))
    Decimal('1.41')
    >>> rate_change(Decimal("40.09"), Decimal("43.5"))
    Decimal('-3.41')
    """
    return _decimal(
        _percent("current_rate", current_rate) - _percent("previous_rate", previous_rate)
    )
