"""The target of one year and unit (chỉ tiêu): two percentages, về việc and về tiền.

A :class:`Target` holds the target completion rates as exact ``Decimal``
percentages with the basis they rest on. Every bad value raises
:class:`~thads_metrics.errors.TargetError` (a ``RateError``) with a code:
``target.type`` (a float, bool, None…), ``target.text`` (text that is not a
percentage, e.g. with an exponent), ``target.digits`` (text with digits other
than 0-9, full-width "８１" or Arabic-Indic "٨١", refused as dates and periods
refuse them), ``target.range`` (outside 0..100, or a year outside the
calendar) or ``target.inexact`` (a non-terminating fraction).

>>> Target("81,5", "40,1").cases
Decimal('81.5')
>>> try:
...     Target("1e1", 40)
... except TargetError as err:
...     print(err.code, err.details["argument"])
target.text cases
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Context, Decimal, Inexact

import attrs

from thads_metrics._checks import require_exact, require_instance, require_int, to_fraction
from thads_metrics.calendar import MAX_YEAR, MIN_YEAR, EnforcementYear
from thads_metrics.errors import TargetError

__all__ = ["Target"]

_EXACT = Context(prec=200, traps=[Inexact])
# Digits are 0-9 only: ``\d`` would also take full-width and Arabic-Indic digits.
_PERCENT_RE = re.compile(r"^([0-9]{1,3})(?:[.,]([0-9]+))?\s*%?$")


def _foreign_digit(text: str) -> tuple[int, str] | None:
    """The position and character of the first digit of ``text`` other than 0-9, if any."""
    for position, char in enumerate(text):
        if char.isdigit() and not char.isascii():
            return position, char
    return None


def _percent_text(name: str, text: str) -> Decimal:
    """A percent written "81,5", "81.5", "81,50%"; exponent, nan, inf refused (code target.text),
    digits other than 0-9 too (code target.digits).

    >>> _percent_text("cases", "81,5%")
    Decimal('81.5')
    >>> try:
    ...     _percent_text("cases", "８１")
    ... except TargetError as err:
    ...     print(err.code, err.details["digit"], err.details["position"])
    target.digits ８ 0
    """
    foreign = _foreign_digit(text)
    if foreign is not None:
        position, char = foreign
        kind = unicodedata.name(char, "a digit").lower()
        raise TargetError(
            f"{name}: cannot read {text!r} as a percentage: {char!r} ({kind}) at position "
            f"{position} is not one of the digits 0-9 that targets are written in",
            code="target.digits",
            details={
                "argument": name,
                "value": text,
                "digit": char,
                "position": position,
                "rule": "digits 0-9",
            },
        )
    match = _PERCENT_RE.match(text.strip())
    if not match:
        raise TargetError(
            f"{name}: cannot read {text!r} as a percentage; write it like 81,5 or 81.5 "
            "(decimal comma or point, no exponent)",
            code="target.text",
            details={"argument": name, "value": text, "rule": "percentage text"},
        )
    whole, decimals = match.groups()
    return Decimal(f"{whole}.{decimals}" if decimals else whole)


def _target_percent(name: str, value: object) -> Decimal:
    """A target rate in percent (0..100) as an exact Decimal; text is read as a percentage."""
    if isinstance(value, str):
        value = _percent_text(name, value)
    exact = require_exact(name, value, TargetError, minimum=0)
    fraction = to_fraction(exact)
    if fraction > 100:
        raise TargetError(
            f"{name} is a percentage and must be <= 100, got {value}",
            code="target.range",
            details={"argument": name, "value": value, "rule": "<= 100"},
        )
    if isinstance(exact, Decimal):
        return exact
    if isinstance(exact, int):
        return Decimal(exact)
    try:
        return _EXACT.divide(Decimal(fraction.numerator), Decimal(fraction.denominator))
    except Inexact:
        raise TargetError(
            f"{name} must be a terminating decimal percentage (chỉ tiêu), got {value}",
            code="target.inexact",
            details={"argument": name, "value": value, "rule": "terminating decimal"},
        ) from None


def _year(value: object) -> int:
    """A statistical year (năm thống kê) as an int, from an int or an EnforcementYear."""
    if isinstance(value, EnforcementYear):
        return value.year
    year = require_int("year", value, TargetError, minimum=None)
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise TargetError(
            f"year must be in {MIN_YEAR}..{MAX_YEAR} (năm thống kê), got {year}",
            code="target.range",
            details={"argument": "year", "value": year, "rule": f"{MIN_YEAR}..{MAX_YEAR}"},
        )
    return year


def _cases(value: object) -> Decimal:
    return _target_percent("cases", value)


def _money(value: object) -> Decimal:
    return _target_percent("money", value)


def _check_basis(_instance: object, _attribute: attrs.Attribute[str], value: object) -> None:
    require_instance("basis", value, str, TargetError, what="a str")


def _check_inferred(_instance: object, _attribute: attrs.Attribute[bool], value: object) -> None:
    # Worded "a bool" (require_flag says "True or False"); the code is target.type all the same.
    require_instance("inferred", value, bool, TargetError, what="a bool (True or False)")


@attrs.frozen
class Target:
    """The annual targets of one year and unit (chỉ tiêu về việc, về tiền), in percent.

    ``cases`` is the target completion rate về việc and ``money`` về tiền,
    each a percentage (``Decimal``, 0..100; ``int``, ``Decimal``, a
    terminating ``Fraction`` or text such as ``"81,5"`` are accepted, floats
    refused). Targets are phrased "trên X%" and are taken as met at X%.
    ``basis`` says where the figures come from; ``inferred`` is True when they
    were worked back from published results rather than read in a decision.
    A bad value raises :class:`~thads_metrics.errors.TargetError` (see the
    module for its codes).

    >>> Target(73, 32, "Đồng Nai, năm 2020")
    Target(cases=Decimal('73'), money=Decimal('32'), basis='Đồng Nai, năm 2020', inferred=False)
    >>> Target(0.5, 1)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    thads_metrics.errors.TargetError: cases must be an exact number ..., got float 0.5
    """

    cases: Decimal = attrs.field(converter=_cases)
    money: Decimal = attrs.field(converter=_money)
    basis: str = attrs.field(default="", validator=_check_basis)
    inferred: bool = attrs.field(default=False, kw_only=True, validator=_check_inferred)
