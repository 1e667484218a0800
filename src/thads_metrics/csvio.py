"""Reading ledgers and case records from CSV (đọc số liệu từ tệp CSV).

Two kinds of file are understood, told apart by their header:

- **ledger rows** (one row per unit, period and ledger): ``unit, period,
  kind`` then the stored rows of the form, ``carried_over, newly_accepted,
  entrusted, withdrawn, completed, terminated, reduced, in_progress,
  postponed, suspended, other, stayed, without_conditions``, and optionally
  ``layout``. ``kind`` is ``viec`` (việc) or ``tien`` (tiền); ``reduced``
  must be 0 or empty on a việc row. Every (unit, period) needs one row of
  each kind. A row's ledgers have the layout of its ``layout`` cell
  ("tt06-2019") or else of its period
  (:func:`~thads_metrics.ledger.layouts.layout_for`); ``stayed`` (hoãn, tạm
  đình chỉ counted apart) must be 0 or empty in a layout without that bucket.
- **case records** (one row per case): ``unit, period, origin, status,
  entrusted, withdrawn, amount_due, amount_finished, amount_reduced`` and
  optionally ``category`` (the fields of
  :class:`~thads_metrics.cases.CaseRecord`), aggregated with
  :func:`~thads_metrics.cases.aggregate`.

``period`` is a label ("11 tháng năm 2021", "năm 2024") or the period's last
day ("2021-08-31", "31/8/2021"). Empty means 0.

**Numbers** (counts of việc, amounts of đồng) are whole numbers ≥ 0, written
with digits only ("12345678") or as Vietnamese writes them, with dots between
thousands ("1.000", "12.345.678"). Any other cell is read by the library's own
:func:`~thads_metrics.vi.parse.parse_dong`, restricted to figures (ASCII digits,
dots and commas: no sign, space, word or currency), and is accepted only where
that reading is certain in a column of whole numbers:

- dots always separate thousands ("1.000" is one thousand): in Vietnamese the
  dot is never a decimal point. "1.5", "10.0" and "0.500" are refused, so a
  file written with English decimal points is stopped at its first such cell;
  one written with exactly three ("1.000" for one) would be read a thousand
  times too large, but its zeros ("0.000") are refused;
- a comma is the Vietnamese decimal comma, so it is read as a thousands
  separator only where the decimal reading is impossible: several commas
  ("12,345,678"), a comma before a decimal point ("1,000.00"), or a group whose
  decimal reading is not whole ("1,052" cannot be 1.052 việc or đồng: it is
  1052);
- decimals are accepted only when they are zero ("1.234,00" is 1234);
- "1,000" (or any "d,000") stays **ambiguous**, one (Vietnamese decimal comma)
  or one thousand (English thousands separator), and is refused with code
  ``csv.ambiguous_number``; every other refused cell raises ``csv.number``
  naming the column, the line and the value.

A file may start with Excel's delimiter declaration, a line ``sep=;`` (or
``sep=,``, or ``sep=`` and a tab): it sets the delimiter and is skipped;
line numbers still count it. A ``sep=`` line declaring anything else raises
``csv.sep``. Without it the delimiter is sniffed from the header (Python's
``csv.Sniffer``: ``,``, ``;`` or a tab).

Every problem raises :class:`CsvError` with the file, line and column, and a
code naming the rule (``csv.header``, ``csv.number``, ``csv.period``,
``csv.duplicate``…, listed in the errors reference); nothing is returned from
a file with an error. An argument of the wrong kind (no iterable of lines, a
``source`` name that is not a ``str``) raises
:class:`~thads_metrics.errors.ParseError` with code ``parse.type``.

:func:`read_keys` reads only the ``unit`` and ``period`` cells of a file: the
(unit, period) keys it holds, about seven times faster than reading it whole
(the command line checks ``--unit`` and ``--period`` with it before a long read).

This module does I/O on purpose; the core modules do none.
"""

from __future__ import annotations

import contextlib
import csv
import io
import itertools
import os
from collections import deque
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Literal, Protocol, cast

import attrs

from thads_metrics._cells import (
    ALL,
    AMOUNT_COLUMNS,
    ASIDE,
    AT_MOST,
    CASE_COLUMNS,
    CASE_REQUIRED,
    DATE_COLUMNS,
    KEY_COLUMNS,
    MAX_DIGITS,
    Combos,
    Reader,
    cause_details,
    read_record,
)
from thads_metrics._checks import require_choice, require_instance, require_iterable, shown
from thads_metrics._text import (
    DELIMITERS,
    KINDS,
    declared_delimiter,
    fold_key,
    sniff_delimiter,
)
from thads_metrics.calendar import ReportingPeriod
from thads_metrics.cases import (
    _LANE,
    _PACKABLE,
    Aggregation,
    Aggregator,
    CaseRecord,
    LedgerPair,
    _by_unit_and_period,
)
from thads_metrics.columnar import available as columnar_available
from thads_metrics.errors import CsvError, ParseError, ThadsError
from thads_metrics.ledger import AmountLedger, CaseLedger
from thads_metrics.ledger.layouts import LAYOUTS, layout_for

if TYPE_CHECKING:
    from concurrent.futures import Future, ThreadPoolExecutor

__all__ = [
    "CASE_COLUMNS",
    "LEDGER_COLUMNS",
    "MAX_DIGITS",
    "MAX_LINE_BYTES",
    "CsvError",
    "LedgerTable",
    "load_sample",
    "read_aggregation",
    "read_case_records",
    "read_csv",
    "read_keys",
    "read_ledger_rows",
]

LEDGER_COLUMNS = ("unit", "period", "kind", *AmountLedger.STORED, "layout")

#: Ledgers by (unit, period), as read from a file.
LedgerTable = dict[tuple[str, ReportingPeriod], LedgerPair]


def _dialect(first: str, lines: Iterator[str], source: str) -> tuple[str, str, int]:
    """(delimiter, header line, lines before the header) of a file whose first line is
    ``first``: Excel's ``sep=`` line, if it is one, declares the delimiter and is skipped
    (the header is then read from ``lines``); else the delimiter is sniffed."""
    declared = declared_delimiter(first)
    if declared is None:
        return sniff_delimiter(first), first, 0
    if declared not in DELIMITERS:
        line = first.lstrip("\ufeff").rstrip("\r\n")
        raise CsvError(
            f"{line!r} is Excel's delimiter declaration, but declares {declared!r}; "
            "write sep=, or sep=; or sep= and a tab",
            source=source,
            line=1,
            code="csv.sep",
            details={
                "value": declared,
                "rule": "sep= followed by ',', ';' or a tab, and nothing else",
            },
        )
    header = next(lines, None)
    if header is None or not _check_line(header, source).strip():
        raise CsvError(
            "no header after the sep= line",
            source=source,
            line=2,
            code="csv.empty",
            details={"rule": "the header on the line after sep="},
        )
    return declared, header, 1


def _header(
    row: list[str], line: int, reader: Reader, required: Iterable[str], known: Iterable[str]
) -> list[str]:
    """The column names of a header row, checked: each named once, ``required`` present,
    none outside ``known``."""
    header = [cell.strip().lstrip("\ufeff").lower() for cell in row]
    for index, name in enumerate(header):
        if not name:
            raise reader.fail(
                f"column {index + 1} of the header has no name",
                line,
                code="csv.header",
                column_number=index + 1,
                rule="every column has a name",
            )
        if header.index(name) != index:
            raise reader.fail(
                f"column {name} appears twice in the header",
                line,
                code="csv.duplicate_column",
                value=name,
                rule="each column once",
            )
    missing = [name for name in required if name not in header]
    if missing:
        raise reader.fail(
            f"header lacks column(s) {', '.join(missing)}; expected {', '.join(known)}",
            line,
            code="csv.header",
            missing=tuple(missing),
            rule=f"columns {', '.join(known)}",
        )
    unknown = [name for name in header if name not in known]
    if unknown:
        raise reader.fail(
            f"unknown column(s) {', '.join(unknown)}; expected {', '.join(known)}",
            line,
            code="csv.header",
            unknown=tuple(unknown),
            rule=f"columns {', '.join(known)}",
        )
    return header


def _rows(
    handle: Iterable[str], reader: Reader, required: Iterable[str], known: Iterable[str]
) -> Iterator[tuple[int, dict[str, str]]]:
    lines = iter(handle)
    first = next(lines, None)
    if first is None:
        raise reader.fail("the file is empty: no header", 1, code="csv.empty")
    _check_line(first, reader.source)
    delimiter, head, skipped = _dialect(first, lines, reader.source)
    rows = csv.reader(_chain(head, lines), delimiter=delimiter)
    header: list[str] | None = None
    for row in _checked(rows, reader, skipped):
        line = rows.line_num + skipped
        if header is None:
            header = _header(row, line, reader, required, known)
            continue
        cells = _cells_of(row, header, reader, line)
        if cells is not None:
            yield line, cells
    if header is None:
        raise reader.fail("the file is empty: no header", 1, code="csv.empty")


def _cells_of(
    row: list[str], header: list[str], reader: Reader, line: int
) -> dict[str, str] | None:
    """A row's cells by column; None for a blank row (skipped); :class:`CsvError` for a
    row whose cells are not one per column."""
    if not any(cell.strip() for cell in row):
        return None
    if len(row) != len(header):
        raise _width_error(reader, len(row), len(header), line)
    return dict(zip(header, row, strict=True))


def _width_error(reader: Reader, count: int, width: int, line: int) -> CsvError:
    return reader.fail(
        f"{count} cells for {width} columns",
        line,
        code="csv.cells",
        value=count,
        rule=f"{width} cells, one per column",
    )


def _checked(rows: Any, reader: Reader, skipped: int = 0) -> Iterator[list[str]]:
    """The rows of a csv.reader, its own errors turned into :class:`CsvError`
    (``skipped``: the lines of the file before the reader's first)."""
    while True:
        try:
            row = next(rows)
        except StopIteration:
            return
        except csv.Error as exc:
            raise reader.fail(
                f"not valid CSV: {exc}",
                rows.line_num + skipped,
                code="csv.syntax",
                problem=str(exc),
            ) from exc
        yield row


def read_ledger_rows(handle: Iterable[str], source: str = "<input>") -> LedgerTable:
    """Read ledger rows (one row per unit, period and kind) into ledgers by (unit, period).

    >>> text = '''unit,period,kind,newly_accepted,completed,in_progress
    ... A,năm 2024,viec,10,6,4
    ... A,năm 2024,tien,1000,500,500
    ... '''
    >>> table = read_ledger_rows(text.splitlines())
    >>> table["A", ReportingPeriod(2024, 12)].cases.completion_rate()
    Decimal('60')
    """
    _check_arguments(handle, source)
    reader = Reader(source)
    found: dict[tuple[str, ReportingPeriod], dict[str, Any]] = {}
    for line, cells in _rows(handle, reader, ("unit", "period", "kind"), LEDGER_COLUMNS):
        unit = reader.unit(cells, line)
        period = reader.period(cells, line)
        kind_text = fold_key(cells["kind"])
        kind = {"viec": "cases", "tien": "money"}.get(KINDS.get(kind_text, ""))
        if kind is None:
            raise reader.fail(
                f"{kind_text!r} is not viec (việc) or tien (tiền)",
                line,
                "kind",
                code="csv.kind",
                value=kind_text,
                rule="viec (việc) or tien (tiền)",
            )
        values: dict[str, Any] = {
            name: reader.integer(cells, name, line) for name in AmountLedger.STORED
        }
        layout_text = fold_key(cells.get("layout", ""))
        if layout_text and layout_text not in LAYOUTS:
            raise reader.fail(
                f"{layout_text!r} is not a layout; expected one of {', '.join(LAYOUTS)}",
                line,
                "layout",
                code="csv.layout",
                value=layout_text,
                rule=f"one of {', '.join(LAYOUTS)}, or empty for the layout of the period",
            )
        values["layout"] = LAYOUTS[layout_text] if layout_text else layout_for(period.end)
        slot = found.setdefault((unit, period), {})
        if kind in slot:
            raise reader.fail(
                f"a second {kind_text} row for {unit}, {period.label} "
                f"(first on line {slot[kind][1]})",
                line,
                code="csv.duplicate",
                value=(unit, period.label, kind_text),
                first_line=slot[kind][1],
                rule="one row of each kind per unit and period",
            )
        try:
            if kind == "cases":
                if values.pop("reduced"):
                    raise reader.fail(
                        "reduced (giảm, miễn) is a row of the money ledger only",
                        line,
                        "reduced",
                        code="csv.money_only",
                        rule="reduced is 0 or empty on a viec row",
                    )
                ledger: CaseLedger | AmountLedger = CaseLedger(**values)
            else:
                ledger = AmountLedger(**values)
        except CsvError:
            raise
        except ThadsError as exc:
            raise reader.fail(
                str(exc), line, code="csv.ledger", cause=exc.code, **cause_details(exc)
            ) from exc
        slot[kind] = (ledger, line)
    table: LedgerTable = {}
    for (unit, period), slot in found.items():
        for kind, name in (("cases", "viec"), ("money", "tien")):
            if kind not in slot:
                other = next(iter(slot.values()))[1]
                raise reader.fail(
                    f"{unit}, {period.label} has no {name} row to go with line {other}",
                    other,
                    code="csv.missing_row",
                    value=(unit, period.label, name),
                    rule="one row of each kind per unit and period",
                )
        table[unit, period] = LedgerPair(slot["cases"][0], slot["money"][0])
    return table


def read_case_records(handle: Iterable[str], source: str = "<input>") -> Iterator[CaseRecord]:
    """Read case records, one per row, lazily (đọc hồ sơ từng việc).

    >>> text = '''unit,period,origin,status,amount_due,amount_finished
    ... A,2024-09-30,newly_accepted,completed,100,100
    ... '''
    >>> [r.status for r in read_case_records(text.splitlines())]
    [Status.COMPLETED]
    """
    _check_arguments(handle, source)
    return _case_records(handle, source)


def _check_arguments(handle: object, source: object) -> None:
    """Refuse a ``handle`` that is no iterable of lines, or a ``source`` name not a ``str``."""
    require_iterable("handle", handle, ParseError, what=_LINES)
    require_instance("source", source, str, ParseError, what="a str (the file's name)")


_LINES = "an iterable of text lines (an open text file, a list of str)"


def _case_records(handle: Iterable[str], source: str) -> Iterator[CaseRecord]:
    reader = Reader(source)
    for line, cells in _rows(handle, reader, CASE_REQUIRED, CASE_COLUMNS):
        yield read_record(reader, cells, line)


def _case_table(handle: Iterable[str], source: str) -> Aggregator:
    """The records of a CSV aggregated by (unit, period): what ``aggregate(read_case_records(
    handle, source))`` gives, with the same errors, several times faster (see
    :class:`_RowPath`)."""
    reader = Reader(source)
    lines = iter(handle)
    first = next(lines, None)
    if first is None:
        raise reader.fail("the file is empty: no header", 1, code="csv.empty")
    _check_line(first, source)
    delimiter, head, skipped = _dialect(first, lines, source)
    rows = csv.reader(_chain(head, lines), delimiter=delimiter)
    names = next(_checked(rows, reader, skipped), None)
    if names is None:
        raise reader.fail("the file is empty: no header", 1, code="csv.empty")
    header = _header(names, rows.line_num + skipped, reader, CASE_REQUIRED, CASE_COLUMNS)
    path = _RowPath(reader, header, Aggregator())
    path.add(rows, skipped)
    return path.aggregator


class _RowPath:
    """Rows of case records added to an aggregator by (unit, period), fast.

    Each row is taken on a fast path when its cells are the common case: the reading of
    its unit, period, origin, status and flags is cached per distinct combination (found
    by the checked reader, :func:`~thads_metrics._cells.read_record`), its amounts are
    plain ASCII digits, and their sums fit the row's status. Any other row (an unusual
    cell, a date, an error, a blank line) goes through the checked reader itself, which
    reads it or raises the error naming it: the fast path only takes rows the checked
    reader would take as they are, so both give the same ledgers and the same first error.
    """

    def __init__(self, reader: Reader, header: list[str], aggregator: Aggregator) -> None:
        self.reader, self.header, self.aggregator = reader, header, aggregator
        self.combos: dict[tuple[str, ...], Any] = {}
        self.combo_of = Combos(reader, header, aggregator).read

    def add(self, rows: Any, skipped: int) -> None:
        """Add the rows of a ``csv.reader``; its line ``n`` is the file's ``n + skipped``."""
        reader, header, combos, combo_of = self.reader, self.header, self.combos, self.combo_of
        tables, big = self.aggregator._sinks()
        width = len(header)
        keys = itemgetter(*(header.index(n) for n in KEY_COLUMNS if n in header))
        amounts = _getter(header, AMOUNT_COLUMNS)
        dated = [header.index(n) for n in DATE_COLUMNS if n in header]
        row: list[str] = []

        def aside(line: int) -> None:
            """The checked reading of a row the fast path does not take."""
            cells = _cells_of(row, header, reader, line)
            if cells is not None:
                _by_unit_and_period([read_record(reader, cells, line)], tables, big)

        try:
            for row in rows:  # the hot loop: as little as possible for each row
                if len(row) == width:
                    key = keys(row)
                    combo = combos.get(key)
                    if combo is None:
                        combo = combos[key] = combo_of(key)
                else:
                    combo = ASIDE
                if combo is ASIDE or (dated and any(row[i] for i in dated)):
                    aside(rows.line_num + skipped)
                    continue
                due_cell, done_cell, cut_cell = amounts(row)
                digits = due_cell + done_cell + cut_cell
                if not digits:
                    due = done = cut = 0
                elif (
                    digits.isdigit()
                    and digits.isascii()
                    and (len(digits) <= MAX_DIGITS or _short(due_cell, done_cell, cut_cell))
                ):
                    due = int(due_cell) if due_cell else 0
                    done = int(done_cell) if done_cell else 0
                    cut = int(cut_cell) if cut_cell else 0
                else:
                    aside(rows.line_num + skipped)
                    continue
                acc, kind, rule = combo
                if rule == AT_MOST:
                    wrong = done + cut > due
                elif rule == ALL:
                    wrong = done + cut != due
                else:
                    wrong = done > 0 or cut > 0
                if wrong or due >= _PACKABLE:
                    aside(rows.line_num + skipped)
                    continue
                acc[kind] += (1 | due << _LANE | done << 2 * _LANE | cut << 3 * _LANE) if due else 1
        except csv.Error as exc:
            raise reader.fail(
                f"not valid CSV: {exc}",
                rows.line_num + skipped,
                code="csv.syntax",
                problem=str(exc),
            ) from exc


#: Bytes of a file the arrow engine reads at a time (its memory is a few times this).
_ARROW_BLOCK = 8 << 20


def _block_case_table(
    handle: BinaryIO, label: str, progress: Callable[[int], None] | None, unit: ProgressUnit
) -> Aggregator | bytes:
    """The records of a CSV file aggregated through pyarrow, a block of lines at a time
    (:mod:`thads_metrics.columnar`), in memory O(groups + block); or, when the file
    does not start as a plain file of case records, the bytes read (the caller then
    reads the file from the start the usual way, with its errors). See :func:`_add_body`.
    """
    head = handle.read(max(_ARROW_BLOCK, 2 * MAX_LINE_BYTES))  # the sep= line, the header
    found = _case_header(head, label)
    if found is None:
        return head
    header, delimiter, lines, size = found
    aggregator = Aggregator()
    body = _Joined(head[size:], handle)
    _add_body(body, _FileShape(label, header, delimiter), aggregator, (lines, size), progress, unit)
    return aggregator


def _whole_file(path: str | Path) -> Aggregator:
    """The aggregator by (unit, period) of a file of case records read whole, as
    :func:`read_csv` reads it (through pyarrow when installed)."""
    label = str(path)
    try:
        with Path(path).open("rb") as handle:
            done = _block_case_table(handle, label, None, "bytes")
            if isinstance(done, Aggregator):
                return done
            kind, whole = _opened(_decoded(_Joined(done, handle), label, None), label)
            if kind == "ledgers":
                raise CsvError(
                    "this file holds ledger rows, not case records: read it with read_csv",
                    source=label,
                    line=1,
                    code="csv.file_kind",
                    details={"rule": "a file of case records (a header with origin)"},
                )
            return _case_table(whole, label)
    except ThadsError:
        raise
    except (OSError, ValueError) as exc:  # ValueError: a NUL character in the path
        raise _unreadable(label, exc) from exc


@attrs.frozen
class _FileShape:
    """What reading the lines after a header needs: the file's name, its columns and
    delimiter."""

    label: str
    header: list[str]
    delimiter: str


class _NotAlone(Exception):
    """A part of a file that cannot be read apart from the rest (a quote: a quoted cell
    may hold a line break; or a line without end)."""


def _case_header(head: bytes, label: str) -> tuple[list[str], str, int, int] | None:
    """(columns, delimiter, lines, bytes) of the header of a file of case records starting
    with ``head`` (the ``sep=`` line and the header line), None when it does not start
    as one (the row reader then says why, if anything is wrong)."""
    ends = [head.find(b"\n") + 1]
    ends.append(head.find(b"\n", ends[0]) + 1 if ends[0] else 0)
    try:
        text = io.StringIO(head[: max(ends)].decode("utf-8-sig"), newline="\n").readlines()
        delimiter, header_line, skipped = _dialect(text[0], iter(text[1:]), label)
        if not ends[skipped] or _layout(header_line, delimiter, label, 1 + skipped) != "cases":
            return None
        if '"' in header_line:  # a quoted heading may hold a line break: the usual way
            return None
        names = next(csv.reader([header_line], delimiter=delimiter))
        header = _header(names, 1 + skipped, Reader(label), CASE_REQUIRED, CASE_COLUMNS)
    except (ThadsError, UnicodeDecodeError, csv.Error, IndexError, StopIteration):
        return None
    return header, delimiter, 1 + skipped, ends[skipped]


def _add_body(
    handle: _Readable,
    shape: _FileShape,
    aggregator: Aggregator,
    start: tuple[int, int],
    progress: Callable[[int], None] | None = None,
    unit: ProgressUnit = "bytes",
    *,
    whole: bool = True,
) -> None:
    """Add the lines of case records of ``handle`` (after the header: ``start`` is the
    lines and bytes before it) to ``aggregator``, a block of lines at a time.

    A block is read through pyarrow when it is installed and the block is plain (see
    :func:`~thads_metrics.columnar.parse_block`), else row by row (:class:`_RowPath`):
    the same rows, the same errors. Once a quote is seen the rest of the file is read
    row by row, a quoted cell may hold a line break; for a part of a file (``whole``
    false), :class:`_NotAlone` is raised instead. A block with an error is read again
    row by row, which raises the error naming its line. While a block is added, the
    next ones are parsed side by side in other threads (:class:`_Parser`, one a core,
    up to three); blocks are added one at a time, in order.
    """
    from thads_metrics.columnar import BatchSums, available

    label, header, delimiter = shape.label, shape.header, shape.delimiter
    rows = _RowPath(Reader(label), header, aggregator)
    sums = BatchSums(label, aggregator) if available() else None
    before, read = start

    def add(block: _Block) -> int:
        """Add a block whose first line follows line ``before``; the lines after it."""
        table = block.table()
        found: CsvError | None = None
        if table is not None and sums is not None:
            try:
                sums.add(table, before + 1)
            except CsvError as exc:
                table, found = None, exc  # nothing was added: read again, row by row
        if table is None:  # row by row: the same rows, or the error naming its line
            data = block.lines()
            lines = _decoded(io.BytesIO(data), label, None, start=(before, 0), bom=False)
            rows.add(csv.reader(lines, delimiter=delimiter), before)
            if found is not None:  # the rows read: the error must be found again
                raise found
            after = before + data.count(b"\n") + (not data.endswith(b"\n"))
        else:
            after = before + table.num_rows  # a line a row (parse_block)
        if progress is not None:  # blank lines dropped at the end count as lines read
            progress(block.end if unit == "bytes" else after + block.blank)
        return after

    pending, ended, blocks = b"", False, 0
    waiting: deque[_Block] = deque()  # parsed or being parsed, not yet added, in order
    # A part of a file is read on a worker, itself one of many: no other thread there.
    with _Parser(header, delimiter, enabled=sums is not None, ahead=whole) as parser:
        while True:
            short = len(pending) < _ARROW_BLOCK or b"\n" not in pending
            if not ended and short and len(pending) <= MAX_LINE_BYTES:
                try:
                    more = handle.read(_ARROW_BLOCK)
                except BaseException:
                    while waiting:  # the lines before come first, with their error
                        before = add(waiting.popleft())
                    raise
                read, pending, ended = read + len(more), pending + more, not more
                continue
            if not pending:
                break
            # The block is data[:cut], read in place (8 MiB are not copied for a slice).
            data, cut = pending, len(pending) if ended else pending.rfind(b"\n") + 1
            pending = pending[cut:]
            if not cut or data.find(b'"', 0, cut) >= 0:
                while waiting:
                    before = add(waiting.popleft())
                if not whole:
                    raise _NotAlone(label)
                # From here on row by row: a quoted cell may hold a line break; a line
                # without end in more than MAX_LINE_BYTES is too long.
                rest = _Joined(data, handle)
                lines = _decoded(
                    rest, label, progress, unit, start=(before, read - len(rest)), bom=False
                )
                rows.add(csv.reader(lines, delimiter=delimiter), before)
                return
            blank = 0
            if ended and not pending:  # the last block: blank lines at the end are nothing
                whole_block = data[:cut]
                data = _without_blank_end(whole_block)
                cut = len(data)
                blank = whole_block.count(b"\n", cut)
            waiting.append(parser.parse(data, cut, read - len(pending), blank))
            blocks += 1
            while len(waiting) > parser.ahead:  # added while the blocks after it are parsed
                before = add(waiting.popleft())
        while waiting:
            before = add(waiting.popleft())
        if not blocks and progress is not None:  # no line after the header: told once
            progress(read if unit == "bytes" else before)


@attrs.frozen
class _Block:
    """A block of lines of a file, ``data[:cut]`` (``data`` is not copied), ending at byte
    ``end`` of the file, and its parsing by :class:`_Parser` (None: read row by row)."""

    data: bytes
    cut: int
    end: int
    blank: int  # blank lines dropped after it (at the end of the file)
    parsing: Future[Any] | None

    def lines(self) -> bytes:
        return self.data[: self.cut]

    def table(self) -> Any:
        """The block's rows as a table (waiting for its parsing); None: read it row by row."""
        return None if self.parsing is None else self.parsing.result()


class _Parser:
    """Parses blocks of lines through pyarrow in other threads, up to :attr:`ahead`
    blocks ahead of the caller, which adds them one at a time, in order (pyarrow and
    numpy let go of the GIL as they work); a context manager that waits for its threads
    when it ends. Not ``enabled`` (no pyarrow): no thread, every block is read row by
    row; not ``ahead``: each block parsed in the caller's thread."""

    def __init__(
        self, header: list[str], delimiter: str, *, enabled: bool, ahead: bool = True
    ) -> None:
        self.header, self.delimiter, self.enabled = header, delimiter, enabled
        #: Threads that parse: as many as the cores this process may use, up to 3
        #: (beyond that, adding the blocks, in one thread, is what takes the time).
        self.threads = min(3, _cores()) if enabled and ahead else 0
        #: Blocks given to :meth:`parse` and not yet added: one more than the threads,
        #: so that each thread has a block to parse while the caller adds one.
        self.ahead = self.threads + 1 if self.threads else 0
        self.pool: ThreadPoolExecutor | None = None

    def __enter__(self) -> _Parser:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)

    def parse(self, data: bytes, cut: int, end: int, blank: int = 0) -> _Block:
        """The block ``data[:cut]``, its parsing begun."""
        if not self.enabled:
            return _Block(data, cut, end, blank, None)
        from concurrent.futures import Future

        parsing: Future[Any] | None = None
        if self.threads:
            try:
                if self.pool is None:
                    from concurrent.futures import ThreadPoolExecutor

                    self.pool = ThreadPoolExecutor(
                        self.threads, thread_name_prefix="thads-metrics-csv"
                    )
                # Each block in one thread: the blocks are parsed side by side.
                parsing = self.pool.submit(self._table, data, cut, False)
            except RuntimeError:  # no new thread once the interpreter shuts down
                parsing = None
        if parsing is None:  # parsed here, now (what it raises, raised when it is added)
            parsing = Future()
            try:
                parsing.set_result(self._table(data, cut))
            except Exception as exc:
                parsing.set_exception(exc)
        return _Block(data, cut, end, blank, parsing)

    def _table(self, data: bytes, cut: int, threads: bool = True) -> Any:
        from thads_metrics.columnar import has_long_line, parse_block

        table = parse_block(data, self.header, self.delimiter, cut, threads=threads)
        if table is not None and has_long_line(
            memoryview(data)[:cut], MAX_LINE_BYTES, table, csv.field_size_limit()
        ):
            return None  # a line or a cell the row reader refuses: it says why
        return table


def _cores() -> int:
    """The CPU cores this process may run on (its affinity, where the system tells it)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def _without_blank_end(block: bytes) -> bytes:
    """A block without the empty lines at its end ("\\n" or "\\r\\n" after its last line),
    which the row reader skips."""
    core = block.rstrip(b"\r\n")
    tail = block[len(core) :]
    ends = tail.count(b"\n")
    if ends < 2 or tail.replace(b"\r\n", b"\n") != b"\n" * ends:  # none, or a lone "\\r"
        return block
    return core + (b"\r\n" if tail.startswith(b"\r\n") else b"\n")


class _Readable(Protocol):
    """What the block readers read from: a binary file, or a part of one."""

    def read(self, size: int, /) -> bytes: ...


class _Joined:
    """A binary file read from a point where ``first`` (bytes already read) goes on."""

    def __init__(self, first: bytes, rest: _Readable) -> None:
        self.first, self.rest = first, rest

    def __len__(self) -> int:
        return len(self.first)

    def read(self, size: int) -> bytes:
        if self.first:
            out, self.first = self.first[:size], self.first[size:]
            return out
        return self.rest.read(size)


def _short(*cells: str) -> bool:
    """No cell has more than :data:`MAX_DIGITS` digits (else the checked reader says so)."""
    return all(len(cell) <= MAX_DIGITS for cell in cells)


def _getter(header: list[str], names: tuple[str, ...]) -> Callable[[list[str]], tuple[str, ...]]:
    """The cells of ``names`` in a row, "" for a column the header does not have."""
    at = [header.index(name) if name in header else None for name in names]
    if None not in at:
        return itemgetter(*at)
    return lambda row: tuple("" if i is None else row[i] for i in at)


def _check_line(line: object, source: str) -> str:
    """The first line of a file as given, if it is text (``str``); else :class:`CsvError`."""
    if not isinstance(line, str):
        raise CsvError(
            f"lines must be text (str), got {type(line).__name__} {shown(line)}; "
            "open the file in text mode with encoding='utf-8', or give its path",
            source=source,
            line=1,
            code="csv.type",
            details={"value": shown(line), "rule": "lines of text (str)"},
        )
    return line


def _layout(header_line: str, delimiter: str, source: str, line: int = 1) -> str:
    """What a file holds, told by its header line (line ``line``): "ledgers" or "cases"."""
    try:
        cells = next(csv.reader([header_line], delimiter=delimiter), [])
    except csv.Error as exc:
        raise CsvError(
            f"not valid CSV: {exc}",
            source=source,
            line=line,
            code="csv.syntax",
            details={"problem": str(exc)},
        ) from exc
    header = {cell.strip().lstrip("\ufeff").lower() for cell in cells}
    if "kind" in header:
        return "ledgers"
    if "origin" in header:
        return "cases"
    raise CsvError(
        "cannot tell what the file holds: the header has neither 'kind' (ledger rows) nor "
        "'origin' (case records)",
        source=source,
        line=line,
        code="csv.file_kind",
        details={"rule": "a header with 'kind' (ledger rows) or 'origin' (case records)"},
    )


#: Longest line read from a file, in bytes: a real row is well under 1 KiB; a file of one
#: endless line (/dev/zero, a binary file) is refused before it fills the memory.
MAX_LINE_BYTES = 1 << 20


#: How :func:`read_csv` reads a path of case records: row by row (``python``), through
#: pyarrow (``arrow``, extra ``[fast]``) or through pyarrow when installed (``auto``).
Engine = Literal["auto", "python", "arrow"]
ENGINES: tuple[Engine, ...] = ("auto", "python", "arrow")

#: What the number given to a ``progress`` function counts: bytes or lines read so far.
ProgressUnit = Literal["bytes", "lines"]


#: Bytes read from a file at a time: a quarter of the longest line, so that a line too
#: long is seen before it is whole (see :func:`_decoded`).
_BLOCK_BYTES = MAX_LINE_BYTES // 4
_BOM = b"\xef\xbb\xbf"


def _decoded(
    handle: _Readable,
    source: str,
    progress: Callable[[int], None] | None,
    unit: ProgressUnit = "bytes",
    *,
    start: tuple[int, int] = (0, 0),
    bom: bool = True,
) -> Iterator[str]:
    """Lines of a binary file as text, decoded as UTF-8 (a leading BOM dropped), each
    ending with its "\n" (lines end at "\n" only, as in the file).

    The file is read and decoded a block at a time, not a line at a time (several times
    faster); what it yields and raises is what reading it line by line would: the lines
    before a problem, then :class:`CsvError` naming the line of a byte that is not UTF-8
    or of a line longer than :data:`MAX_LINE_BYTES`. ``progress`` is told the bytes (or
    lines) read so far, after each block.
    """
    number, read = start  # lines yielded, bytes read (before the handle's first byte)
    rest = b""
    first = bom  # a BOM is dropped at the start of the file only
    while True:
        block = handle.read(_BLOCK_BYTES)
        read += len(block)
        data = rest + block if rest else block
        if block:
            cut = data.rfind(b"\n") + 1
            if not cut:  # no line ends in what is read: it may be one endless line
                if len(data) > MAX_LINE_BYTES:
                    raise _too_long(number + 1, source)
                rest = data
                continue
            data, rest = data[:cut], data[cut:]
        elif not data:
            break
        if first and data.startswith(_BOM):
            data = data[len(_BOM) :]
        first = False
        if data.find(b"\n") >= MAX_LINE_BYTES:  # only the first line can be that long
            raise _too_long(number + 1, source)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            good = data.rfind(b"\n", 0, exc.start) + 1
            yield from io.StringIO(data[:good].decode("utf-8"), newline="\n")
            raise CsvError(
                f"not UTF-8 text (byte {exc.start - good + 1} of the line); save the file "
                "as CSV UTF-8",
                source=source,
                line=number + data.count(b"\n", 0, good) + 1,
                code="csv.encoding",
                details={"position": exc.start - good, "rule": "UTF-8 text"},
            ) from exc
        lines = io.StringIO(text, newline="\n").readlines()
        number += len(lines)
        if progress is not None:
            progress(read if unit == "bytes" else number)
        yield from lines
        if not block:
            break
    if progress is not None and not read:
        progress(0)


def _too_long(line: int, source: str) -> CsvError:
    return CsvError(
        f"line longer than {MAX_LINE_BYTES} bytes: not a CSV of ledgers or records",
        source=source,
        line=line,
        code="csv.too_long",
        details={"value": MAX_LINE_BYTES + 1, "rule": f"at most {MAX_LINE_BYTES} bytes a line"},
    )


@contextlib.contextmanager
def _lines_of(
    source: object,
    name: object,
    progress: object,
    progress_unit: object,
    engine: object = "python",
) -> Iterator[tuple[Iterable[str], str, Aggregation | None]]:
    """(lines, label, ledgers) of a ``source`` given to :func:`read_csv` or
    :func:`read_keys`: a path opened and decoded (closed on leaving), or an iterable of
    text lines; the arguments checked. ``ledgers`` are those of a file of case records
    the arrow ``engine`` read (None otherwise: the lines are to be read)."""
    choice = require_choice("engine", engine, ENGINES, ParseError)
    if choice == "arrow" and not columnar_available():
        raise ParseError(
            "engine='arrow' needs pyarrow and numpy: pip install 'thads-metrics[fast]'",
            code="parse.missing_extra",
            details={"argument": "engine", "value": "arrow", "extra": "fast"},
        )
    if name is not None:
        require_instance("name", name, str, ParseError, what="a str or None")
    if progress is not None and not callable(progress):
        raise ParseError(
            f"progress must be a function of the bytes read, or None, got "
            f"{type(progress).__name__} {shown(progress)}",
            code="parse.type",
            details={"argument": "progress", "value": shown(progress), "rule": "callable or None"},
        )
    unit = cast(
        "ProgressUnit",
        require_choice("progress_unit", progress_unit, ("bytes", "lines"), ParseError),
    )
    if isinstance(source, (str, Path)):
        path = Path(source)
        label = cast("str | None", name) or str(path)
        try:
            handle = path.open("rb")
        except (OSError, ValueError) as exc:  # ValueError: a NUL character in the path
            raise _unreadable(label, exc) from exc
        told = cast("Callable[[int], None] | None", progress)
        try:
            with handle:
                replay: BinaryIO | _Joined = handle
                if choice == "arrow" or (choice == "auto" and columnar_available()):
                    done = _block_case_table(handle, label, told, unit)
                    if isinstance(done, Aggregator):
                        yield iter(()), label, done.result()
                        return
                    replay = _Joined(done, handle)  # what was read, then the rest
                yield _decoded(replay, label, told, unit), label, None
        except OSError as exc:
            raise _unreadable(label, exc) from exc
        return
    what = "a path or an iterable of text lines (an open text file, a list of str)"
    require_iterable("source", source, ParseError, what=what)
    yield (
        cast("Iterable[str]", source),
        cast("str | None", name) or str(getattr(source, "name", "<input>")),
        None,
    )


def read_csv(
    source: str | Path | Iterable[str],
    *,
    name: str | None = None,
    progress: Callable[[int], None] | None = None,
    progress_unit: ProgressUnit = "bytes",
    engine: Engine = "auto",
) -> LedgerTable:
    """Read ledger rows or case records from a CSV file into ledgers by (unit, period).

    ``source`` is a path (read as UTF-8, with or without BOM) or an iterable
    of text lines such as an open text file. The delimiter is the one a first
    line ``sep=;`` declares (Excel's declaration), else ``;`` or a tab when the
    header has one, else ``,``. ``progress``, if given with a path, is called
    with the number of bytes read so far (``progress_unit="lines"``: of lines),
    now and then (for a progress bar). Raises :class:`CsvError` naming file,
    line and column.

    ``engine`` says how a path of case records is read: ``"python"`` row by row
    (no extra needed), ``"arrow"`` through pyarrow a block of lines at a time
    (extra ``[fast]``; :mod:`thads_metrics.columnar`), ``"auto"`` (the default)
    through pyarrow when it is installed. Both give the same ledgers and the
    same errors; an iterable of lines and ledger rows are read row by row.

    >>> text = ["sep=;", "unit;period;kind;newly_accepted;completed;in_progress",
    ...         "A;năm 2024;viec;1.200;1.000;200", "A;năm 2024;tien;12.345.678;0;12.345.678"]
    >>> read_csv(text)["A", ReportingPeriod(2024, 12)].amounts.to_enforce
    12345678
    """
    return _ledger_table(
        read_aggregation(
            source, name=name, progress=progress, progress_unit=progress_unit, engine=engine
        )
    )


def read_aggregation(
    source: str | Path | Iterable[str],
    *,
    name: str | None = None,
    progress: Callable[[int], None] | None = None,
    progress_unit: ProgressUnit = "bytes",
    engine: Engine = "auto",
) -> Aggregation:
    """What :func:`read_csv` reads, as an :class:`~thads_metrics.cases.Aggregation` by
    (unit, period): a read-only mapping whose ledgers, for a file of case records, are
    built when first looked up, so that a file of many periods costs only those used
    (the command line's report reads one period and the same period a year before).
    Arguments, ledgers and errors as for :func:`read_csv`.

    >>> text = ["unit,period,origin,status", "A,năm 2024,new,completed"]
    >>> read_aggregation(text)["A", ReportingPeriod(2024, 12)].cases.finished
    1
    """
    with _lines_of(source, name, progress, progress_unit, engine) as (lines, label, found):
        return _read_lines(lines, label) if found is None else found


def read_keys(
    source: str | Path | Iterable[str],
    *,
    name: str | None = None,
    progress: Callable[[int], None] | None = None,
    progress_unit: ProgressUnit = "bytes",
) -> frozenset[tuple[str, ReportingPeriod]]:
    """The (unit, period) keys a CSV of ledger rows or case records holds, reading only
    its header and the ``unit`` and ``period`` cells of each row (đơn vị, kỳ báo cáo).

    The keys :func:`read_csv` would return for a file without errors, about seven
    times faster: no ledger or record is built, each distinct cell is read once.
    Arguments as for :func:`read_csv`. Raises :class:`CsvError` for what it reads
    (the header, CSV syntax, a row whose cell count differs from the header's, an
    empty unit, a period that cannot be read), naming the first line with it;
    the other cells are not checked (only :func:`read_csv` says the file is good).

    >>> text = ["unit,period,origin,status", "A,2024-09-30,new,completed",
    ...         "B,năm 2024,new,completed", "A,30/9/2024,carried_over,in_progress"]
    >>> sorted((unit, period.label) for unit, period in read_keys(text))
    [('A', 'năm 2024'), ('B', 'năm 2024')]
    """
    with _lines_of(source, name, progress, progress_unit) as (lines, label, _):
        return _keys(lines, label)


def _keys(source: Iterable[str], label: str) -> frozenset[tuple[str, ReportingPeriod]]:
    reader = Reader(label)
    lines = iter(source)
    first = _check_line(next(lines, ""), label)
    if not first.strip():
        raise _empty(label)
    delimiter, head, skipped = _dialect(first, lines, label)
    ledgers = _layout(head, delimiter, label, 1 + skipped) == "ledgers"
    rows = csv.reader(_chain(head, lines), delimiter=delimiter)
    names = next(_checked(rows, reader, skipped), None)
    if names is None:
        raise _empty(label)
    header = _header(
        names,
        1 + skipped,
        reader,
        ("unit", "period", "kind") if ledgers else CASE_REQUIRED,
        LEDGER_COLUMNS if ledgers else CASE_COLUMNS,
    )
    width, at_unit, at_period = len(header), header.index("unit"), header.index("period")
    first_line: dict[tuple[str, str], int] = {}  # each distinct (unit, period) cell pair
    try:
        for row in rows:  # the hot loop: as little as possible for each row
            if len(row) == width:
                pair = (row[at_unit], row[at_period])
                if pair not in first_line and any(cell.strip() for cell in row):
                    first_line[pair] = rows.line_num + skipped
            elif any(cell.strip() for cell in row):
                raise _width_error(reader, len(row), width, rows.line_num + skipped)
    except csv.Error as exc:
        raise reader.fail(
            f"not valid CSV: {exc}", rows.line_num + skipped, code="csv.syntax", problem=str(exc)
        ) from exc
    keys = set()
    for (unit, period), line in sorted(first_line.items(), key=lambda item: item[1]):
        cells = {"unit": unit, "period": period}
        keys.add((reader.unit(cells, line), reader.period(cells, line)))
    return frozenset(keys)


def _empty(label: str) -> CsvError:
    return CsvError(
        "the file is empty or starts with a blank line: no header",
        source=label,
        line=1,
        code="csv.empty",
        details={"rule": "a header on line 1"},
    )


def _unreadable(label: str, exc: OSError | ValueError) -> CsvError:
    problem = str(getattr(exc, "strerror", None) or exc)
    return CsvError(
        f"cannot read: {problem}",
        source=label,
        code="csv.unreadable",
        details={"problem": problem, "rule": "a readable file"},
    )


def _read_lines(source: Iterable[str], label: str) -> Aggregation:
    kind, whole = _opened(source, label)
    if kind == "ledgers":
        return Aggregation(cast("Mapping[Hashable, LedgerPair]", read_ledger_rows(whole, label)))
    return _case_table(whole, label).result()


def _opened(source: Iterable[str], label: str) -> tuple[str, Iterator[str]]:
    """(what the file holds: "ledgers" or "cases", all its lines) after the checks of its
    start that every reader makes (an empty file, the sep= line, the header's kind)."""
    lines = iter(source)
    first = _check_line(next(lines, ""), label)
    if not first.strip():
        raise _empty(label)
    delimiter, head, skipped = _dialect(first, lines, label)
    whole = _chain(first, _chain(head, lines) if skipped else lines)
    return _layout(head, delimiter, label, 1 + skipped), whole


def _ledger_table(result: Aggregation) -> LedgerTable:
    """The ledgers of an aggregation by (unit, period), as a :data:`LedgerTable`."""
    return {cast("tuple[str, ReportingPeriod]", key): pair for key, pair in result.items()}


def _chain(first: str, rest: Iterable[str]) -> Iterator[str]:
    return itertools.chain((first,), rest)


def load_sample() -> LedgerTable:
    """The bundled synthetic sample of ledgers (số liệu mẫu), by (unit, period).

    The sample the command line reports on when no file is given: six units
    (provinces and regional offices), the cumulative periods of 1 to 12
    months of 2024 and 2025 (a year month by month), read by
    :func:`read_csv` from the package's data.
    :func:`thads_metrics.frames.load_sample_frame` gives the same ledgers as a
    pandas DataFrame.

    >>> table = load_sample()
    >>> cases = table["Nghệ An", ReportingPeriod(2025, 12)].cases
    >>> len(table), cases.finished, cases.with_conditions
    (144, 12788, 14629)
    """
    from importlib import resources

    sample = resources.files("thads_metrics") / "data" / "sample_ledgers.csv"
    lines = sample.read_text(encoding="utf-8").splitlines(keepends=True)
    return read_csv(lines, name="<sample sample_ledgers.csv>")
