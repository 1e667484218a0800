"""The one set of argument checks (kiểm tra đối số): exact ints, bounds, flags, instances.

Money is an ``int`` of đồng and counts are ``int``; rates accept ``int``,
``Decimal`` and ``Fraction``. ``bool``, ``float``, ``None``, strings and
non-finite Decimals are refused with the caller's error class, never coerced.
Flags are ``True`` or ``False`` only (``"no"`` is not false). Every check
raises the given :class:`~thads_metrics.errors.ThadsError` subclass with the
code ``<family>.type`` (a value of the wrong kind) or ``<family>.range`` (a
value out of bounds) and ``details`` naming the argument, the value and the
rule.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any, TypeVar

from thads_metrics.errors import ThadsError

__all__ = [
    "Exact",
    "digit_count",
    "require_choice",
    "require_exact",
    "require_flag",
    "require_instance",
    "require_int",
    "require_iterable",
    "require_sequence",
    "shown",
    "to_fraction",
]

#: An exact number as accepted by rate functions.
Exact = int | Decimal | Fraction

_T = TypeVar("_T")


# Numbers longer than this are shown by their length in messages (Python refuses
# str() of an int over 4300 digits, and a message of 4000 digits helps no one).
_SHOWN_DIGITS = 120
_LOG10_2 = 0.30102999566398120


def digit_count(number: int) -> int:
    """Decimal digits of ``abs(number)`` without str(), which fails past 4300 digits."""
    size = abs(number)
    count = max(1, int(size.bit_length() * _LOG10_2))  # never above the true count
    while size >= 10**count:
        count += 1
    return count


def shown(value: object) -> str:
    """``repr(value)`` for a message, or a description when the number is too long to print.

    >>> shown(10**200), shown(-(10**200)), shown(-5)
    ('<int of 201 digits>', '<negative int of 201 digits>', '-5')
    """
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, Fraction):
        number = max(abs(value.numerator), value.denominator)
    else:
        try:
            return repr(value)
        except ValueError:  # a container holding an int too long to print
            return f"<{type(value).__name__} holding a number too long to print>"
    digits = digit_count(number)
    if digits <= _SHOWN_DIGITS:
        return repr(value)
    sign = "negative " if value < 0 else ""
    return f"<{sign}{type(value).__name__} of {digits} digits>"


def _small(value: object) -> bool:
    return not isinstance(value, int) or digit_count(value) <= _SHOWN_DIGITS


def _kind(value: object) -> str:
    return type(value).__name__


def _error(
    error: type[ThadsError], kind: str, argument: str, value: object, rule: str, message: str
) -> ThadsError:
    """``error`` with code ``<family>.<kind>`` and details naming argument, value and rule."""
    shown_value = value if kind == "range" and _small(value) else shown(value)
    return error(
        message,
        code=f"{error.family}.{kind}",
        details={"argument": argument, "value": shown_value, "rule": rule},
    )


def _type_error(
    error: type[ThadsError], argument: str, value: object, rule: str, message: str
) -> ThadsError:
    return _error(error, "type", argument, value, rule, message)


def _range_error(
    error: type[ThadsError], argument: str, value: object, rule: str, message: str
) -> ThadsError:
    return _error(error, "range", argument, value, rule, message)


def require_int(
    name: str,
    value: object,
    error: type[ThadsError],
    *,
    minimum: int | None = 0,
    maximum: int | None = None,
    term: str = "",
) -> int:
    """Return ``value`` if it is an ``int`` (not ``bool``) within ``minimum..maximum``.

    >>> from thads_metrics.errors import LedgerError
    >>> require_int("completed", 5, LedgerError)
    5
    >>> require_int("completed", 1.0, LedgerError)
    Traceback (most recent call last):
    ...
    thads_metrics.errors.LedgerError: completed must be an int, got float 1.0
    >>> try:
    ...     require_int("places", 99, LedgerError, maximum=28)
    ... except LedgerError as err:
    ...     print(err.code, err.details["argument"], err.details["value"])
    ledger.range places 99
    """
    label = f"{name} ({term})" if term else name
    if isinstance(value, bool) or not isinstance(value, int):
        raise _type_error(
            error, name, value, "int", f"{label} must be an int, got {_kind(value)} {shown(value)}"
        )
    if minimum is not None and value < minimum:
        raise _range_error(
            error, name, value, f">= {minimum}", f"{label} must be >= {minimum}, got {shown(value)}"
        )
    if maximum is not None and value > maximum:
        raise _range_error(
            error, name, value, f"<= {maximum}", f"{label} must be <= {maximum}, got {shown(value)}"
        )
    return value


def require_exact(
    name: str,
    value: object,
    error: type[ThadsError],
    *,
    minimum: int | None = 0,
) -> Exact:
    """Return ``value`` if it is an exact finite number (int, Decimal, Fraction).

    >>> from thads_metrics.errors import RateError
    >>> require_exact("target", Decimal("81.5"), RateError)
    Decimal('81.5')
    >>> require_exact("target", float("nan"), RateError)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    thads_metrics.errors.RateError: target must be an exact number ..., got float nan
    """
    if isinstance(value, bool) or not isinstance(value, (int, Decimal, Fraction)):
        raise _type_error(
            error,
            name,
            value,
            "exact number",
            f"{name} must be an exact number (int, Decimal or Fraction), "
            f"got {_kind(value)} {shown(value)}",
        )
    if isinstance(value, Decimal) and not value.is_finite():
        raise _type_error(
            error, name, value, "finite", f"{name} must be a finite number, got {value!r}"
        )
    if minimum is not None and value < minimum:
        raise _range_error(
            error, name, value, f">= {minimum}", f"{name} must be >= {minimum}, got {shown(value)}"
        )
    return value


def require_flag(name: str, value: object, error: type[ThadsError]) -> bool:
    """Return ``value`` if it is ``True`` or ``False``; anything else is refused.

    >>> from thads_metrics.errors import PeriodError
    >>> require_flag("calendar_quarters", False, PeriodError)
    False
    >>> require_flag("calendar_quarters", "no", PeriodError)
    Traceback (most recent call last):
    ...
    thads_metrics.errors.PeriodError: calendar_quarters must be True or False, got str 'no'
    """
    if not isinstance(value, bool):
        raise _type_error(
            error,
            name,
            value,
            "bool",
            f"{name} must be True or False, got {_kind(value)} {shown(value)}",
        )
    return value


def require_instance(
    name: str,
    value: object,
    kind: type[_T] | tuple[type[_T], ...],
    error: type[ThadsError],
    *,
    what: str | None = None,
) -> _T:
    """Return ``value`` if it is an instance of ``kind`` (``what`` names it in the message).

    >>> from thads_metrics.errors import PeriodError
    >>> require_instance("unit", "Hà Nội", str, PeriodError)
    'Hà Nội'
    >>> require_instance("period", "11 tháng", int, PeriodError, what="a ReportingPeriod")
    Traceback (most recent call last):
    ...
    thads_metrics.errors.PeriodError: period must be a ReportingPeriod, got str '11 tháng'
    """
    ok = False if isinstance(value, bool) and kind is not bool else isinstance(value, kind)
    if not ok:
        if what is None:
            names = kind if isinstance(kind, tuple) else (kind,)
            what = " or ".join(k.__name__ for k in names)
        raise _type_error(
            error, name, value, what, f"{name} must be {what}, got {_kind(value)} {shown(value)}"
        )
    return value  # type: ignore[return-value]


def require_iterable(
    name: str, value: object, error: type[ThadsError], *, what: str = "an iterable"
) -> Iterable[Any]:
    """Return ``value`` if it is an iterable other than a string, bytes or mapping.

    >>> from thads_metrics.errors import LedgerError
    >>> list(require_iterable("records", (1, 2), LedgerError))
    [1, 2]
    >>> require_iterable("records", None, LedgerError, what="an iterable of CaseRecord")
    Traceback (most recent call last):
    ...
    thads_metrics.errors.LedgerError: records must be an iterable of CaseRecord, got NoneType None
    """
    from collections.abc import Mapping

    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        raise _type_error(
            error, name, value, what, f"{name} must be {what}, got {_kind(value)} {shown(value)}"
        )
    return value


def require_sequence(
    name: str, value: object, error: type[ThadsError], *, what: str = "a sequence"
) -> Sequence[Any]:
    """Return ``value`` as a tuple if it is a finite iterable (see :func:`require_iterable`)."""
    return tuple(require_iterable(name, value, error, what=what))


def require_choice(
    name: str, value: object, choices: Sequence[str], error: type[ThadsError]
) -> str:
    """Return ``value`` if it is one of the strings ``choices``.

    Code ``<family>.choice`` for another string, ``<family>.type`` for a non-string.

    >>> from thads_metrics.errors import FormatError
    >>> require_choice("style", "mixed", ("exact", "mixed"), FormatError)
    'mixed'
    >>> require_choice("style", "bold", ("exact", "mixed"), FormatError)
    Traceback (most recent call last):
    ...
    thads_metrics.errors.FormatError: style must be one of 'exact', 'mixed', got 'bold'
    """
    if not isinstance(value, str) or value not in choices:
        rule = f"one of {', '.join(map(repr, choices))}"
        kind = "choice" if isinstance(value, str) else "type"
        raise _error(error, kind, name, value, rule, f"{name} must be {rule}, got {shown(value)}")
    return value


def to_fraction(value: Exact) -> Fraction:
    """Convert an exact number to a :class:`Fraction` without loss.

    >>> to_fraction(Decimal("48.49"))
    Fraction(4849, 100)
    """
    return Fraction(value)
