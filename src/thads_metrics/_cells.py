"""Reading the cells of a CSV row (đọc ô số liệu): numbers, flags, periods, days, units,
and a row of case records.

The one checked reading of a cell, shared by every reader of case records:
:mod:`thads_metrics.csvio` (row by row, and its fast path) and
:mod:`thads_metrics.columnar` (a column at a time, each distinct cell read
here once). The rules are those of :mod:`thads_metrics.csvio`'s documentation.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any, cast

import attrs

from thads_metrics._text import fold, fold_key, read_flag
from thads_metrics.calendar import CutOffPeriod, ReportingPeriod, parse_date, parse_period
from thads_metrics.cases import _KINDS, Aggregator, CaseRecord, Origin
from thads_metrics.classification import Status
from thads_metrics.errors import CsvError, ParseError, ThadsError
from thads_metrics.vi.parse import parse_dong

_INT = re.compile(r"[0-9]+")
#: A whole number with dots between thousands, as Vietnamese writes it: "1.000", "12.345.678".
DOTTED = re.compile(r"[1-9][0-9]{0,2}(?:\.[0-9]{3})+")
#: What a number cell may hold at all: ASCII digits with dots or commas between them.
_FIGURE = re.compile(r"[0-9]+(?:[.,][0-9]+)*")
#: "1,000": one with a decimal comma, or one thousand with a comma between thousands.
_AMBIGUOUS = re.compile(r"([1-9][0-9]{0,2}),000")
_NUMBER_RULE = "a whole number >= 0: digits, with dots between thousands if any (1.000)"
#: Most digits accepted in a number cell (10^30 đồng is far beyond any real amount).
MAX_DIGITS = 30
_ORIGINS = {origin.value: origin for origin in Origin} | {
    "chuyển sang": Origin.CARRIED_OVER,
    "năm trước chuyển sang": Origin.CARRIED_OVER,
    "cũ": Origin.CARRIED_OVER,
    "new": Origin.NEW,
    "thụ lý mới": Origin.NEW,
    "mới": Origin.NEW,
}
_STATUSES = {s.value: s for s in Status} | {s.term: s for s in Status}


class Reader:
    """Per-file state: the source name and a cache of parsed period cells."""

    def __init__(self, source: str) -> None:
        self.source = source
        self._periods: dict[str, ReportingPeriod] = {}

    def fail(
        self,
        message: str,
        line: int,
        column: str | None = None,
        *,
        code: str,
        **details: Any,
    ) -> CsvError:
        return CsvError(
            message, source=self.source, line=line, column=column, code=code, details=details
        )

    def integer(self, cells: Mapping[str, str], name: str, line: int) -> int:
        """A count or amount cell: digits, or Vietnamese thousands ("12.345.678");
        empty is 0. See the module's documentation for what else is read."""
        text = cells.get(name, "").strip()
        if not text:
            return 0
        if _INT.fullmatch(text):
            digits = text
        elif DOTTED.fullmatch(text):
            # What parse_dong reads from this shape, 50 times faster than the general
            # parser: a file of a million case records has three amounts a row.
            digits = text.replace(".", "")
        elif _FIGURE.fullmatch(text):
            return self._figure(text, name, line)
        else:
            raise self.fail(
                f"{text!r} is not a whole number >= 0 (digits, with dots between thousands "
                "if any: 1.000, 12.345.678; money is in đồng)",
                line,
                name,
                code="csv.number",
                value=text,
                rule=_NUMBER_RULE,
            )
        self._check_digits(text, digits, name, line)
        return int(digits)

    def _check_digits(self, text: str, digits: str, name: str, line: int) -> None:
        if len(digits) > MAX_DIGITS:
            raise self.fail(
                f"{text[:12]}… has {len(digits)} digits; at most {MAX_DIGITS} are accepted",
                line,
                name,
                code="csv.too_long",
                value=f"{text[:12]}…",
                digits=len(digits),
                rule=f"at most {MAX_DIGITS} digits",
            )

    def _figure(self, text: str, name: str, line: int) -> int:
        """A number cell with commas or unusual dots, read by :func:`parse_dong` where
        the reading is certain; "1,000" is refused as ambiguous."""
        self._check_digits(text, text.replace(".", "").replace(",", ""), name, line)
        ambiguous = _AMBIGUOUS.fullmatch(text)
        if ambiguous:
            whole = ambiguous.group(1)
            raise self.fail(
                f"{text!r} is ambiguous: {whole} (a decimal comma, as Vietnamese writes) or "
                f"{whole}000 (a comma between thousands, as English writes); write {whole} "
                f"or {whole}000 ({whole}.000)",
                line,
                name,
                code="csv.ambiguous_number",
                value=text,
                readings=(int(whole), int(whole) * 1000),
                rule="a comma is the decimal comma; write thousands with dots (1.000)",
            )
        try:
            return parse_dong(text)
        except ParseError as exc:
            problem = "it has decimals" if exc.code == "parse.not_whole" else exc.details["problem"]
            raise self.fail(
                f"{text!r} is not a whole number >= 0 ({problem}); write digits, with dots "
                "between thousands if any (1.000, 12.345.678)",
                line,
                name,
                code="csv.number",
                value=text,
                cause=exc.code,
                rule=_NUMBER_RULE,
            ) from exc

    def flag(self, cells: Mapping[str, str], name: str, line: int) -> bool:
        text = cells.get(name, "")
        value = read_flag(text)
        if value is None:
            raise self.fail(
                f"{text.strip()!r} is not yes/no (1/0, true/false, có/không)",
                line,
                name,
                code="csv.flag",
                value=text.strip(),
                rule="yes/no (1/0, true/false, có/không)",
            )
        return value

    def period(self, cells: Mapping[str, str], line: int) -> ReportingPeriod:
        text = cells.get("period", "").strip()
        cached = self._periods.get(text)
        if cached is not None:
            return cached
        try:
            period = parse_period(text)
            if isinstance(period, CutOffPeriod):
                raise ParseError(
                    f"{text!r} is a cut-off inside a month ({period.label}); ledgers are kept "
                    f"for cumulative periods ending with a month: give {period.period.label!r} "
                    "or the month's last day",
                    text=text,
                    code="parse.cut_off",
                    details={"rule": "a cumulative reporting period, not a cut-off day"},
                )
            if not isinstance(period, ReportingPeriod):
                raise ParseError(
                    f"{text!r} is a quarter; give the cumulative period (kỳ báo cáo lũy kế)",
                    text=text,
                    code="parse.quarter",
                    details={"rule": "a cumulative reporting period, not a quarter"},
                )
        except ThadsError as exc:
            raise self.fail(
                str(exc),
                line,
                "period",
                code="csv.period",
                value=text,
                rule="a period label or the last day of a month",
                cause=exc.code,
            ) from exc
        self._periods[text] = period
        return period

    def day(self, cells: Mapping[str, str], name: str, line: int) -> date | None:
        """A date cell ("2021-08-31", "31/8/2021", "31 tháng 8 năm 2021"), None when empty."""
        text = cells.get(name, "").strip()
        if not text:
            return None
        try:
            return parse_date(text)
        except ThadsError as exc:
            raise self.fail(
                str(exc),
                line,
                name,
                code="csv.date",
                value=text,
                rule="a day: 2021-08-31, 31/8/2021 or 31 tháng 8 năm 2021",
                cause=exc.code,
            ) from exc

    def unit(self, cells: Mapping[str, str], line: int) -> str:
        text = fold(cells.get("unit", ""))
        if not text:
            raise self.fail(
                "unit (đơn vị) is empty", line, "unit", code="csv.unit", rule="a unit name"
            )
        return text


def read_record(reader: Reader, cells: Mapping[str, str], line: int) -> CaseRecord:
    """The checked reading of one row of case records (its cells by column name)."""
    origin_text = fold_key(cells["origin"])
    origin = _ORIGINS.get(origin_text)
    if origin is None:
        raise reader.fail(
            f"{origin_text!r} is not carried_over (chuyển sang) or newly_accepted (thụ lý mới)",
            line,
            "origin",
            code="csv.origin",
            value=origin_text,
            rule="carried_over (chuyển sang) or newly_accepted (thụ lý mới)",
        )
    status_text = fold_key(cells.get("status", ""))
    status = _STATUSES.get(status_text) if status_text else None
    entrusted = reader.flag(cells, "entrusted", line)
    withdrawn = reader.flag(cells, "withdrawn", line)
    if not status_text and not (entrusted or withdrawn):
        raise reader.fail(
            "empty: a case that was not entrusted or withdrawn needs its status "
            f"({RECORD_STATUSES})",
            line,
            "status",
            code="csv.status",
            rule="a status unless the case was entrusted or withdrawn",
        )
    if status_text and status is None:
        raise reader.fail(
            f"{status_text!r} is not a status; expected one of {RECORD_STATUSES}",
            line,
            "status",
            code="csv.status",
            value=status_text,
            rule=f"one of {RECORD_STATUSES}",
        )
    try:
        return CaseRecord(
            unit=reader.unit(cells, line),
            period=reader.period(cells, line),
            origin=origin,
            status=status,
            entrusted=entrusted,
            withdrawn=withdrawn,
            amount_due=reader.integer(cells, "amount_due", line),
            amount_finished=reader.integer(cells, "amount_finished", line),
            amount_reduced=reader.integer(cells, "amount_reduced", line),
            category=fold(cells.get("category", "")) or None,
            accepted_on=reader.day(cells, "accepted_on", line),
            finished_on=reader.day(cells, "finished_on", line),
        )
    except CsvError:
        raise
    except ThadsError as exc:
        raise reader.fail(
            str(exc), line, code="csv.record", cause=exc.code, **cause_details(exc)
        ) from exc


#: A combination of cells :func:`_case_table` found it cannot take on its fast path.
ASIDE: Any = object()
#: What the amounts of a row must satisfy, by its status: at most its due (0), all of it
#: (1: completed), nothing (2: entrusted or withdrawn).
AT_MOST, ALL, NOTHING_PAID = 0, 1, 2
#: Cells whose reading :func:`_case_table` caches per distinct combination.
#: The columns of case records: the fields of a CaseRecord; and those a file or table needs.
CASE_COLUMNS = tuple(field.name for field in attrs.fields(CaseRecord) if field.init)
CASE_REQUIRED = ("unit", "period", "origin")
KEY_COLUMNS = ("unit", "period", "origin", "status", "entrusted", "withdrawn")
#: The statuses a case record may have: reduced (giảm, miễn) is an amount, never a status.
RECORD_STATUSES = ", ".join(s.value for s in Status if s is not Status.REDUCED)

AMOUNT_COLUMNS = ("amount_due", "amount_finished", "amount_reduced")
DATE_COLUMNS = ("accepted_on", "finished_on")


class Combos:
    """The fast path's readings of key cells (:func:`_case_table`), cached per distinct
    combination: found by the checked reader, once per distinct unit cell and once per
    distinct combination of the other key cells (which do not depend on the unit)."""

    def __init__(self, reader: Reader, header: list[str], aggregator: Aggregator) -> None:
        self.reader = reader
        self.names = [name for name in KEY_COLUMNS if name in header]  # "unit" first
        self.tables = aggregator._sinks()[0]
        self.units: dict[str, Any] = {}
        self.kinds: dict[tuple[str, ...], Any] = {}

    def read(self, key: tuple[str, ...]) -> Any:
        """(the group's sums, the record's row kind, its amounts' rule) of a combination
        of key cells, or :data:`ASIDE` when the checked reader refuses it (its rows then
        raise there)."""
        unit = self.unit_of(key[0])
        kind = self.kind_of(key[1:])
        if unit is None or kind is None:
            return ASIDE
        code, row, rule = kind
        table = self.tables.setdefault(code, {})
        return table.setdefault(unit, [0] * _KINDS), row, rule

    def unit_of(self, cell: str) -> str | None:
        """The unit a cell names, None when the checked reader refuses it."""
        unit = self.units.get(cell, ASIDE)
        if unit is ASIDE:
            try:
                unit = self.reader.unit({"unit": cell}, 0)
            except ThadsError:
                unit = None
            self.units[cell] = unit
        return cast("str | None", unit)

    def kind_of(self, cells: tuple[str, ...]) -> tuple[int, int, int] | None:
        """(period code, row kind, amounts' rule) of the key cells but the unit (in the
        order of :data:`KEY_COLUMNS` the header has), None when the checked reader
        refuses them with any unit."""
        kind = self.kinds.get(cells, ASIDE)
        if kind is ASIDE:
            kind = self.kinds[cells] = self._kind(cells)
        return cast("tuple[int, int, int] | None", kind)

    def _kind(self, cells: tuple[str, ...]) -> tuple[int, int, int] | None:
        try:
            record = read_record(self.reader, dict(zip(self.names, ("-", *cells), strict=True)), 0)
        except ThadsError:
            return None
        if record.entrusted or record.withdrawn:
            rule = NOTHING_PAID
        else:
            rule = ALL if record.status is Status.COMPLETED else AT_MOST
        return record._pcode, record._kind, rule


def cause_details(error: ThadsError) -> dict[str, Any]:
    """The details of a wrapped error, but for the keys of the CSV error's own."""
    return {key: value for key, value in error.details.items() if key not in OWN_KEYS}


# Keys a CsvError sets itself (or :meth:`Reader.fail` takes as arguments).
OWN_KEYS = frozenset({"self", "message", "source", "line", "column", "code", "cause"})
