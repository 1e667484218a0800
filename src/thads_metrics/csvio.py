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
day ("2021-08-31", "31/8/2021"). Numbers are plain integers (digits only);
empty means 0. Every problem raises :class:`CsvError` with the file, line
and column, and a code naming the rule (``csv.header``, ``csv.number``,
``csv.period``, ``csv.duplicate``…, listed in the errors reference); nothing
is returned from a file with an error. An argument of the wrong kind (no
iterable of lines, a ``source`` name that is not a ``str``) raises
:class:`~thads_metrics.errors.ParseError` with code ``parse.type``.

This module does I/O on purpose; the core modules do none.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, cast

import attrs

from thads_metrics._checks import require_instance, require_iterable, shown
from thads_metrics._text import KINDS, fold, fold_key, read_flag, sniff_delimiter
from thads_metrics.calendar import CutOffPeriod, ReportingPeriod, parse_period
from thads_metrics.cases import Aggregation, CaseRecord, LedgerPair, Origin, aggregate
from thads_metrics.classification import Status
from thads_metrics.errors import CsvError, ParseError, ThadsError
from thads_metrics.ledger import AmountLedger, CaseLedger
from thads_metrics.ledger.layouts import LAYOUTS, layout_for

__all__ = [
    "CASE_COLUMNS",
    "LEDGER_COLUMNS",
    "CsvError",
    "LedgerTable",
    "load_sample",
    "read_case_records",
    "read_csv",
    "read_ledger_rows",
]

LEDGER_COLUMNS = ("unit", "period", "kind", *AmountLedger.STORED, "layout")
CASE_COLUMNS = tuple(field.name for field in attrs.fields(CaseRecord) if field.init)
_CASE_REQUIRED = ("unit", "period", "origin")

#: Ledgers by (unit, period), as read from a file.
LedgerTable = dict[tuple[str, ReportingPeriod], LedgerPair]


_INT = re.compile(r"[0-9]+")
#: Most digits accepted in a number cell (10^30 đồng is far beyond any real amount).
MAX_DIGITS = 30
_ORIGINS = {
    "carried_over": Origin.CARRIED_OVER,
    "chuyển sang": Origin.CARRIED_OVER,
    "năm trước chuyển sang": Origin.CARRIED_OVER,
    "cũ": Origin.CARRIED_OVER,
    "newly_accepted": Origin.NEW,
    "new": Origin.NEW,
    "thụ lý mới": Origin.NEW,
    "mới": Origin.NEW,
}
_STATUSES = {s.value: s for s in Status} | {s.term: s for s in Status}


class _Reader:
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
        text = cells.get(name, "").strip()
        if not text:
            return 0
        if not _INT.fullmatch(text):
            raise self.fail(
                f"{text!r} is not a whole number >= 0 (digits only; money is in đồng)",
                line,
                name,
                code="csv.number",
                value=text,
                rule="a whole number >= 0, digits only",
            )
        if len(text) > MAX_DIGITS:
            raise self.fail(
                f"{text[:12]}… has {len(text)} digits; at most {MAX_DIGITS} are accepted",
                line,
                name,
                code="csv.too_long",
                value=f"{text[:12]}…",
                digits=len(text),
                rule=f"at most {MAX_DIGITS} digits",
            )
        return int(text)

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

    def unit(self, cells: Mapping[str, str], line: int) -> str:
        text = fold(cells.get("unit", ""))
        if not text:
            raise self.fail(
                "unit (đơn vị) is empty", line, "unit", code="csv.unit", rule="a unit name"
            )
        return text


def _rows(
    handle: Iterable[str], reader: _Reader, required: Iterable[str], known: Iterable[str]
) -> Iterator[tuple[int, dict[str, str]]]:
    lines = iter(handle)
    first = next(lines, None)
    if first is None:
        raise reader.fail("the file is empty: no header", 1, code="csv.empty")
    _check_line(first, reader.source)
    rows = csv.reader(_chain(first, lines), delimiter=sniff_delimiter(first))
    header: list[str] | None = None
    for row in _checked(rows, reader):
        line = rows.line_num
        if header is None:
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
            continue
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise reader.fail(
                f"{len(row)} cells for {len(header)} columns",
                line,
                code="csv.cells",
                value=len(row),
                rule=f"{len(header)} cells, one per column",
            )
        yield line, dict(zip(header, row, strict=True))
    if header is None:
        raise reader.fail("the file is empty: no header", 1, code="csv.empty")


def _checked(rows: Any, reader: _Reader) -> Iterator[list[str]]:
    """The rows of a csv.reader, its own errors turned into :class:`CsvError`."""
    while True:
        try:
            row = next(rows)
        except StopIteration:
            return
        except csv.Error as exc:
            raise reader.fail(
                f"not valid CSV: {exc}", rows.line_num, code="csv.syntax", problem=str(exc)
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
    reader = _Reader(source)
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
                str(exc), line, code="csv.ledger", cause=exc.code, **_cause_details(exc)
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
    reader = _Reader(source)
    for line, cells in _rows(handle, reader, _CASE_REQUIRED, CASE_COLUMNS):
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
                f"({', '.join(s.value for s in Status)})",
                line,
                "status",
                code="csv.status",
                rule="a status unless the case was entrusted or withdrawn",
            )
        if status_text and status is None:
            raise reader.fail(
                f"{status_text!r} is not a status; expected one of "
                f"{', '.join(s.value for s in Status)}",
                line,
                "status",
                code="csv.status",
                value=status_text,
                rule=f"one of {', '.join(s.value for s in Status)}",
            )
        try:
            yield CaseRecord(
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
            )
        except CsvError:
            raise
        except ThadsError as exc:
            raise reader.fail(
                str(exc), line, code="csv.record", cause=exc.code, **_cause_details(exc)
            ) from exc


def _cause_details(error: ThadsError) -> dict[str, Any]:
    """The details of a wrapped error, but for the keys of the CSV error's own."""
    return {key: value for key, value in error.details.items() if key not in _OWN_KEYS}


# Keys a CsvError sets itself (or :meth:`_Reader.fail` takes as arguments).
_OWN_KEYS = frozenset({"self", "message", "source", "line", "column", "code", "cause"})


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


def _layout(first_line: str, source: str) -> str:
    try:
        cells = next(csv.reader([first_line], delimiter=sniff_delimiter(first_line)), [])
    except csv.Error as exc:
        raise CsvError(
            f"not valid CSV: {exc}",
            source=source,
            line=1,
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
        line=1,
        code="csv.file_kind",
        details={"rule": "a header with 'kind' (ledger rows) or 'origin' (case records)"},
    )


#: Longest line read from a file, in bytes: a real row is well under 1 KiB; a file of one
#: endless line (/dev/zero, a binary file) is refused before it fills the memory.
MAX_LINE_BYTES = 1 << 20


def _decoded(
    handle: Iterable[bytes], source: str, progress: Callable[[int], None] | None
) -> Iterator[str]:
    """Lines of a binary file as text, each decoded as UTF-8 (a leading BOM dropped).

    A byte that is not UTF-8 raises :class:`CsvError` naming the line;
    ``progress`` is told the bytes read so far, now and then.
    """
    read = 0
    readline = getattr(handle, "readline", None)
    lines: Iterable[bytes] = (
        iter(lambda: readline(MAX_LINE_BYTES + 1), b"") if readline is not None else handle
    )
    for number, raw in enumerate(lines, start=1):
        read += len(raw)
        if len(raw) > MAX_LINE_BYTES:
            raise CsvError(
                f"line longer than {MAX_LINE_BYTES} bytes: not a CSV of ledgers or records",
                source=source,
                line=number,
                code="csv.too_long",
                details={"value": len(raw), "rule": f"at most {MAX_LINE_BYTES} bytes a line"},
            )
        try:
            text = raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            raise CsvError(
                f"not UTF-8 text (byte {exc.start + 1} of the line); save the file as CSV UTF-8",
                source=source,
                line=number,
                code="csv.encoding",
                details={"position": exc.start, "rule": "UTF-8 text"},
            ) from exc
        if progress is not None and number % 4096 == 0:
            progress(read)
        yield text
    if progress is not None:
        progress(read)


def read_csv(
    source: str | Path | Iterable[str],
    *,
    name: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> LedgerTable:
    """Read ledger rows or case records from a CSV file into ledgers by (unit, period).

    ``source`` is a path (read as UTF-8, with or without BOM) or an iterable
    of text lines such as an open text file. The delimiter is ``;`` or a tab
    when the header has one, else ``,``. ``progress``, if given with a path,
    is called with the number of bytes read so far, now and then (for a
    progress bar). Raises :class:`CsvError` naming file, line and column.
    """
    if name is not None:
        require_instance("name", name, str, ParseError, what="a str or None")
    if progress is not None and not callable(progress):
        raise ParseError(
            f"progress must be a function of the bytes read, or None, got "
            f"{type(progress).__name__} {shown(progress)}",
            code="parse.type",
            details={"argument": "progress", "value": shown(progress), "rule": "callable or None"},
        )
    if isinstance(source, (str, Path)):
        path = Path(source)
        label = name or str(path)
        try:
            handle = path.open("rb")
        except (OSError, ValueError) as exc:  # ValueError: a NUL character in the path
            raise _unreadable(label, exc) from exc
        try:
            with handle:
                return _read_lines(_decoded(handle, label, progress), label)
        except OSError as exc:
            raise _unreadable(label, exc) from exc
    what = "a path or an iterable of text lines (an open text file, a list of str)"
    require_iterable("source", source, ParseError, what=what)
    return _read_lines(source, name or str(getattr(source, "name", "<input>")))


def _unreadable(label: str, exc: OSError | ValueError) -> CsvError:
    problem = str(getattr(exc, "strerror", None) or exc)
    return CsvError(
        f"cannot read: {problem}",
        source=label,
        code="csv.unreadable",
        details={"problem": problem, "rule": "a readable file"},
    )


def _read_lines(source: Iterable[str], label: str) -> LedgerTable:
    lines = iter(source)
    first = _check_line(next(lines, ""), label)
    if not first.strip():
        raise CsvError(
            "the file is empty or starts with a blank line: no header",
            source=label,
            line=1,
            code="csv.empty",
            details={"rule": "a header on line 1"},
        )
    whole = _chain(first, lines)
    if _layout(first, label) == "ledgers":
        return read_ledger_rows(whole, label)
    result: Aggregation = aggregate(read_case_records(whole, label), by=("unit", "period"))
    table: LedgerTable = {}
    for key, pair in result.items():
        table[cast("tuple[str, ReportingPeriod]", key)] = pair
    return table


def _chain(first: str, rest: Iterable[str]) -> Iterator[str]:
    yield first
    yield from rest


def load_sample() -> LedgerTable:
    """The bundled synthetic sample of ledgers (số liệu mẫu), by (unit, period).

    The sample the command line reports on when no file is given: six units
    (provinces and regional offices), the cumulative periods of 3, 6, 9, 11
    and 12 months of 2024 and 2025, read by :func:`read_csv` from the
    package's data. :func:`thads_metrics.frames.load_sample_frame` gives the
    same ledgers as a pandas DataFrame.

    >>> table = load_sample()
    >>> cases = table["Nghệ An", ReportingPeriod(2025, 12)].cases
    >>> len(table), cases.finished, cases.with_conditions
    (60, 12324, 14423)
    """
    from importlib import resources

    sample = resources.files("thads_metrics") / "data" / "sample_ledgers.csv"
    lines = sample.read_text(encoding="utf-8").splitlines(keepends=True)
    return read_csv(lines, name="<sample sample_ledgers.csv>")
