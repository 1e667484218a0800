"""Errors raised by thads-metrics (lỗi).

Every error is a :class:`ThadsError`, itself a :class:`ValueError`, so callers
can catch the whole family at once or a single kind. Messages say what was
wrong, which value, and which rule, in English with the Vietnamese term.

For programs, every error also carries:

- ``code``: a short, stable, dotted string (``"ledger.identity"``,
  ``"parse.unexpected"``, ``"period.range"``…) to branch on. Codes are part of
  the API: a code is never reused for another meaning. The first part is the
  class's own (:attr:`ThadsError.family`).
- ``details``: a read-only mapping with what the message says in prose (the
  argument, the value, the rows of a broken identity, the position of a parse
  error…). Values are plain data: ``str``, ``int``, ``Decimal``, ``None``,
  tuples of them.

The class follows the *value* that is wrong, not the function that found it:
a bad period raises :class:`PeriodError` wherever it enters.

>>> from thads_metrics.errors import PeriodError, ThadsError
>>> issubclass(PeriodError, ThadsError) and issubclass(ThadsError, ValueError)
True
>>> err = PeriodError("months must be 1..12, got 13", code="period.range",
...                   details={"argument": "months", "value": 13})
>>> err.code, err.details["value"]
('period.range', 13)
>>> PeriodError("no code given").code  # the class's own code
'period'
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, ClassVar

__all__ = [
    "ClassificationError",
    "CsvError",
    "FormatError",
    "LedgerError",
    "OutputError",
    "ParseError",
    "PeriodError",
    "RateError",
    "ReportError",
    "TargetError",
    "ThadsError",
    "UnknownTargetError",
]

_EMPTY: Mapping[str, Any] = MappingProxyType({})


class ThadsError(ValueError):
    """Base of every error of the library (lỗi thads-metrics).

    ``code`` defaults to the class's own code (e.g. ``"ledger"``); a raiser
    that knows the rule gives a longer one (``"ledger.identity"``).
    """

    #: The class's own code; a raised error's ``code`` starts with it.
    family: ClassVar[str] = "thads"
    code: str
    details: Mapping[str, Any]

    def __init__(
        self,
        message: str,
        *,
        code: str | None = None,
        details: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        family = type(self).family
        if code is not None and code != family and not code.startswith(family + "."):
            raise AssertionError(f"error code {code!r} outside the family {family!r}")
        self.code = code or family
        self.details = MappingProxyType(dict(details)) if details else _EMPTY

    def __reduce__(self) -> tuple[Any, ...]:  # picklable with its keywords
        state = dict(self.__dict__)
        if "details" in state:  # a read-only view does not pickle: its content does
            state["details"] = dict(state["details"])
        return (_rebuild, (type(self), self.args, state))


def _rebuild(cls: type[ThadsError], args: tuple[Any, ...], state: dict[str, Any]) -> ThadsError:
    err = cls.__new__(cls)
    Exception.__init__(err, *args)
    state = dict(state)
    if "details" in state:
        state["details"] = MappingProxyType(dict(state["details"]))
    err.__dict__.update(state)
    return err


class PeriodError(ThadsError):
    """An invalid enforcement year, reporting period or quarter (kỳ báo cáo không hợp lệ)."""

    family: ClassVar[str] = "period"


class LedgerError(ThadsError):
    """A ledger whose rows are invalid or contradict each other (số liệu không khớp)."""

    family: ClassVar[str] = "ledger"


class RateError(ThadsError):
    """An invalid input to a rate calculation (tỷ lệ không hợp lệ)."""

    family: ClassVar[str] = "rate"


class TargetError(RateError):
    """An invalid target or target book (chỉ tiêu không hợp lệ).

    A target is a rate, so this is a :class:`RateError` too.
    """

    family: ClassVar[str] = "target"


class UnknownTargetError(TargetError, KeyError):
    """No target is known for a year or (year, unit) (không có chỉ tiêu).

    A :class:`TargetError` (so a :class:`RateError`) that is also a
    ``KeyError``, like a failed dictionary lookup. ``year`` and
    ``unit`` say what was asked. Code ``target.unknown``.

    >>> err = UnknownTargetError("no target", year=2021)
    >>> isinstance(err, KeyError), err.year, str(err), err.code
    (True, 2021, 'no target', 'target.unknown')
    """

    family: ClassVar[str] = "target"

    def __init__(self, message: str, *, year: int | None = None, unit: str | None = None):
        super().__init__(message, code="target.unknown", details={"year": year, "unit": unit})
        self.year = year
        self.unit = unit

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


class ClassificationError(ThadsError):
    """Contradictory facts given to the có điều kiện classifier (phân loại điều kiện thi hành)."""

    family: ClassVar[str] = "classification"


class FormatError(ThadsError):
    """A value or option that cannot be written in Vietnamese style (không định dạng được).

    >>> from thads_metrics.vi import format_number
    >>> format_number(0.5)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    thads_metrics.errors.FormatError: value must be an exact number (...), got float 0.5
    """

    family: ClassVar[str] = "format"


class ReportError(ThadsError):
    """Inputs that cannot make a report (không lập được báo cáo)."""

    family: ClassVar[str] = "report"


class OutputError(ThadsError):
    """An output file that cannot or must not be written (không ghi được tệp kết quả)."""

    family: ClassVar[str] = "output"


class ParseError(ThadsError):
    """Text that could not be read as a period, number, percent or amount (không đọc được).

    ``text`` is the input and ``position`` the 0-based index where reading
    failed, when known; both are also in ``details``.

    >>> err = ParseError("unexpected 'x'", text="12x", position=2)
    >>> (err.text, err.position, err.code, err.details["position"])
    ('12x', 2, 'parse', 2)
    """

    family: ClassVar[str] = "parse"

    def __init__(
        self,
        message: str,
        *,
        text: str | None = None,
        position: int | None = None,
        code: str | None = None,
        details: Mapping[str, Any] | None = None,
    ) -> None:
        merged = dict(details or {})
        if text is not None:
            merged.setdefault("text", text)
        if position is not None:
            merged.setdefault("position", position)
        super().__init__(message, code=code, details=merged)
        self.text = text
        self.position = position


class CsvError(ParseError):
    """A CSV file that cannot be read (tệp CSV không hợp lệ): names file, line and column.

    Code ``csv`` or ``csv.<rule>``; ``details`` holds ``source``, ``line``
    and ``column``.

    >>> err = CsvError("must be an int", source="a.csv", line=3, column="completed")
    >>> str(err), err.code, err.details["line"]
    ('a.csv:3: column completed: must be an int', 'csv', 3)
    """

    family: ClassVar[str] = "csv"

    def __init__(
        self,
        message: str,
        *,
        source: str,
        line: int | None = None,
        column: str | None = None,
        code: str | None = None,
        details: Mapping[str, Any] | None = None,
    ) -> None:
        where = source if line is None else f"{source}:{line}"
        if column is not None:
            where += f": column {column}"
        merged = {"source": source, "line": line, "column": column, **(details or {})}
        super().__init__(f"{where}: {message}", code=code, details=merged)
        self.source = source
        self.line = line
        self.column = column

    def moved(self, lines: int) -> CsvError:
        """The same error with its line ``lines`` further on: an error found in a part of
        a file (a block read by another process), placed in the whole file.

        >>> CsvError("empty", source="a.csv", line=3, column="unit").moved(100).line
        103
        """
        if self.line is None:
            return self
        where = f"{self.source}:{self.line}"
        if self.column is not None:
            where += f": column {self.column}"
        own = ("source", "line", "column")
        moved = CsvError(
            str(self)[len(where) + 2 :],
            source=self.source,
            line=self.line + lines,
            column=self.column,
            code=self.code,
            details={key: value for key, value in self.details.items() if key not in own},
        )
        moved.__cause__ = self.__cause__
        return moved
