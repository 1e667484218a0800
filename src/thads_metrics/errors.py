"""Errors raised by thads-metrics (lỗi).

Every error is a :class:`ThadsError`, itself a :class:`ValueError`, so callers
can catch the whole family at once or a single kind. Messages say what was
wrong, which value, and which rule, in English with the Vietnamese term.

>>> from thads_metrics.errors import PeriodError, ThadsError
>>> issubclass(PeriodError, ThadsError) and issubclass(ThadsError, ValueError)
True
"""

from __future__ import annotations

__all__ = [
    "ClassificationError",
    "FormatError",
    "LedgerError",
    "ParseError",
    "PeriodError",
    "RateError",
    "ThadsError",
]


class ThadsError(ValueError):
    """Base of every error of the library (lỗi thads-metrics)."""


class PeriodError(ThadsError):
    """An invalid enforcement year, reporting period or quarter (kỳ báo cáo không hợp lệ)."""


class LedgerError(ThadsError):
    """A ledger whose rows are invalid or contradict each other (số liệu không khớp)."""


class RateError(ThadsError):
    """An invalid input to a rate or target calculation (tỷ lệ không hợp lệ)."""


class ClassificationError(ThadsError):
    """Contradictory facts given to the có điều kiện classifier (phân loại điều kiện thi hành)."""


class FormatError(ThadsError):
    """A value or option that cannot be written in Vietnamese style (không định dạng được).

    >>> from thads_metrics.vi import format_number
    >>> format_number(0.5)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    thads_metrics.errors.FormatError: value must be an exact number (...), got float 0.5
    """


class ParseError(ThadsError):
    """Text that could not be read as a period, number, percent or amount (không đọc được).

    ``text`` is the input and ``position`` the 0-based index where reading
    failed, when known.

    >>> err = ParseError("unexpected 'x'", text="12x", position=2)
    >>> (err.text, err.position)
    ('12x', 2)
    """

    def __init__(self, message: str, *, text: str | None = None, position: int | None = None):
        super().__init__(message)
        self.text = text
        self.position = position
