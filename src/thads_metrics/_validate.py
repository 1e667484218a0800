"""Shared checks of exact numeric input (kiểm tra số liệu đầu vào).

Money is an ``int`` of đồng and counts are ``int``; rates accept ``int``,
``Decimal`` and ``Fraction``. ``bool``, ``float``, ``None``, strings and
non-finite Decimals are refused with the caller's error class, never coerced.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from thads_metrics.errors import ThadsError

__all__ = ["Exact", "require_exact", "require_int", "to_fraction"]

#: An exact number as accepted by rate functions.
Exact = int | Decimal | Fraction


def _kind(value: object) -> str:
    return type(value).__name__


def require_int(
    name: str,
    value: object,
    error: type[ThadsError],
    *,
    minimum: int | None = 0,
    term: str = "",
) -> int:
    """Return ``value`` if it is an ``int`` (not ``bool``) at least ``minimum``.

    >>> from thads_metrics.errors import LedgerError
    >>> require_int("completed", 5, LedgerError)
    5
    >>> require_int("completed", 1.0, LedgerError)
    Traceback (most recent call last):
    ...
    thads_metrics.errors.LedgerError: completed must be an int, got float 1.0
    """
    label = f"{name} ({term})" if term else name
    if isinstance(value, bool) or not isinstance(value, int):
        raise error(f"{label} must be an int, got {_kind(value)} {value!r}")
    if minimum is not None and value < minimum:
        raise error(f"{label} must be >= {minimum}, got {value}")
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
        raise error(
            f"{name} must be an exact number (int, Decimal or Fraction), "
            f"got {_kind(value)} {value!r}"
        )
    if isinstance(value, Decimal) and not value.is_finite():
        raise error(f"{name} must be a finite number, got {value!r}")
    if minimum is not None and value < minimum:
        raise error(f"{name} must be >= {minimum}, got {value}")
    return value


def to_fraction(value: Exact) -> Fraction:
    """Convert an exact number to a :class:`Fraction` without loss.

    >>> to_fraction(Decimal("48.49"))
    Fraction(4849, 100)
    """
    return Fraction(value)
