"""Case records in columns (tổng hợp số liệu theo cột): Arrow tables, record batches and
pandas frames aggregated a column at a time; the CSV read through pyarrow.

Extra ``[fast]`` (pyarrow and numpy). A table of case records has the columns
of the CSV of case records (:mod:`thads_metrics.csvio`): ``unit``,
``period``, ``origin`` and any of ``status``, ``entrusted``, ``withdrawn``,
``amount_due``, ``amount_finished``, ``amount_reduced``, ``category``,
``accepted_on``, ``finished_on``; other columns are ignored. Each cell is read
as the CSV reader reads its text: a text column as written ("năm 2024",
"chuyển sang", "1.000"), a number or yes/no column as its text (``5``,
``true``), an empty cell or a null as empty. Integer amount columns are taken
as they are; floating-point ones are refused (``parse.type``): an amount is a
whole number of đồng, and a float is never rounded into one.

:func:`aggregate_table` gives exactly what
``aggregate(read_case_records(...))`` gives for the same cells, with every
check of the row path: each distinct cell of the key columns (unit, period,
origin, status, flags) is read once by the checked reader, and the amounts
and their rules (finished + reduced within what is due, all of it for a
completed case, nothing for one entrusted or withdrawn) are checked a column
at a time. A row outside the common case (an unusual number such as
"1.000", a date, an error) is read alone by the checked reader, which raises
the error naming it: :class:`~thads_metrics.errors.CsvError` with the row's
number (``first_row`` for the first) as its line. Sums are exact: integer
columns are summed in float64 only in limbs small enough to be exact, and
amounts of 10^18 đồng or more go through the row path's exact sums.

:func:`table_aggregator` gives the :class:`~thads_metrics.cases.Aggregator`
instead, to merge with others (batches, partitions, workers:
:mod:`thads_metrics.dask`).

>>> import pyarrow as pa
>>> from thads_metrics.calendar import ReportingPeriod
>>> table = pa.table({"unit": ["A", "A", "B"], "period": ["năm 2024"] * 3,
...                   "origin": ["newly_accepted", "carried_over", "mới"],
...                   "status": ["completed", "in_progress", "completed"],
...                   "amount_due": [100, 50, 7], "amount_finished": [100, 10, 7]})
>>> result = aggregate_table(table)
>>> cases, money = result["A", ReportingPeriod(2024, 12)]
>>> cases.finished, money.to_enforce, money.finished
(1, 150, 110)
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from thads_metrics._cells import (
    ALL,
    AMOUNT_COLUMNS,
    AT_MOST,
    CASE_COLUMNS,
    CASE_REQUIRED,
    DATE_COLUMNS,
    KEY_COLUMNS,
    Combos,
    Reader,
    read_record,
)
from thads_metrics._checks import require_int, shown
from thads_metrics.cases import _KINDS, _LANE, Aggregation, Aggregator, _by_unit_and_period
from thads_metrics.errors import CsvError, ParseError

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = ["aggregate_table", "available", "table_aggregator"]

_AMOUNT_RULE = "an integer column, or text as in a CSV"
#: Amounts at or above this go through the row path (exact Python sums); below it the
#: sum of two fits an int64.
_BIG = 10**18


def available() -> bool:
    """True when pyarrow and numpy (extra ``[fast]``) can be imported."""
    return all(importlib.util.find_spec(name) is not None for name in ("pyarrow", "numpy"))


def _modules() -> tuple[Any, Any, Any]:
    """numpy, pyarrow and pyarrow.compute, or :class:`ParseError` naming the extra."""
    try:
        import numpy
        import pyarrow
        import pyarrow.compute
    except ImportError as exc:  # pragma: no cover - the test extras install both
        raise ParseError(
            f"the columnar path needs pyarrow and numpy: pip install 'thads-metrics[fast]' ({exc})",
            code="parse.missing_extra",
            details={"extra": "fast", "rule": "pyarrow and numpy installed"},
        ) from exc
    return numpy, pyarrow, pyarrow.compute


def aggregate_table(data: Any, *, source: str = "<table>", first_row: int = 1) -> Aggregation:
    """The ledgers by (unit, period) of the case records in a table (tổng hợp theo cột).

    ``data`` is a pyarrow ``Table`` or ``RecordBatch``, an iterable of record
    batches (a ``RecordBatchReader``), or a pandas ``DataFrame``. ``source``
    names it in errors, whose line is the row's number counted from
    ``first_row``. See the module's documentation.
    """
    return table_aggregator(data, source=source, first_row=first_row).result()


def table_aggregator(
    data: Any,
    *,
    source: str = "<table>",
    first_row: int = 1,
    into: Aggregator | None = None,
) -> Aggregator:
    """The :class:`~thads_metrics.cases.Aggregator` by (unit, period) of a table's case
    records (added to ``into`` when given), to merge with others: what
    ``Aggregator().update(read_case_records(...))`` holds for the same cells."""
    require_int("first_row", first_row, ParseError, minimum=0)
    if not isinstance(source, str):
        raise ParseError(
            f"source must be a str (the table's name), got {type(source).__name__}",
            code="parse.type",
            details={"argument": "source", "value": shown(source), "rule": "a str"},
        )
    aggregator = Aggregator() if into is None else into
    state = BatchSums(source, aggregator)
    row = first_row
    for batch in _batches(data):
        state.add(batch, row)
        row += batch.num_rows
    return aggregator


def _batches(data: Any) -> Iterator[Any]:
    """The record batches of ``data`` (a table, a batch, batches or a pandas frame)."""
    _, pa, _ = _modules()
    if isinstance(data, pa.RecordBatch):
        yield data
        return
    if isinstance(data, pa.Table):  # an empty table still has its columns checked
        yield from data.to_batches() or [pa.RecordBatch.from_pylist([], schema=data.schema)]
        return
    if type(data).__module__.startswith("pandas") and hasattr(data, "columns"):
        try:
            table = pa.Table.from_pandas(data, preserve_index=False)
        except (pa.ArrowInvalid, pa.ArrowTypeError) as exc:
            raise ParseError(
                f"the frame's columns must hold text, numbers or yes/no values, as a CSV of "
                f"case records does: {exc}",
                code="parse.type",
                details={"argument": "data", "value": shown(data), "rule": "columns of cells"},
            ) from exc
        yield from table.to_batches() or [pa.RecordBatch.from_pylist([], schema=table.schema)]
        return
    if isinstance(data, Iterable) and not isinstance(data, (str, bytes)):
        for batch in data:
            if not isinstance(batch, pa.RecordBatch):
                raise ParseError(
                    f"every batch must be a pyarrow RecordBatch, got {type(batch).__name__}",
                    code="parse.type",
                    details={"argument": "data", "value": shown(batch), "rule": "RecordBatch"},
                )
            yield batch
        return
    raise ParseError(
        f"data must be a pyarrow Table, RecordBatch, batches or a pandas DataFrame, got "
        f"{type(data).__name__} {shown(data)}",
        code="parse.type",
        details={"argument": "data", "value": shown(data), "rule": "a table of case records"},
    )


class BatchSums:
    """Batches of case records added to an aggregator by (unit, period): what they share
    is the checked reader and its cached readings of the key cells."""

    def __init__(self, source: str, aggregator: Aggregator) -> None:
        self.reader = Reader(source)
        self.aggregator = aggregator
        self.tables, self.big = aggregator._sinks()
        self.combos: Combos | None = None
        self.names: list[str] | None = None

    def _columns(self, names: list[str]) -> list[str]:
        """The columns of case records a batch has; the first batch's must stay."""
        missing = [name for name in CASE_REQUIRED if name not in names]
        if missing:
            raise CsvError(
                f"missing column(s) {', '.join(missing)}: a table of case records needs "
                f"{', '.join(CASE_REQUIRED)}",
                source=self.reader.source,
                code="csv.header",
                details={"value": tuple(names), "rule": f"columns {', '.join(CASE_REQUIRED)}"},
            )
        columns = [name for name in names if name in CASE_COLUMNS]
        twice = sorted({name for name in columns if columns.count(name) > 1})
        if twice:
            raise CsvError(
                f"column(s) {', '.join(twice)} given more than once",
                source=self.reader.source,
                code="csv.duplicate_column",  # as a CSV header's
                details={"value": tuple(twice), "rule": "each column once"},
            )
        if self.names is None:
            self.names = columns
            self.combos = Combos(self.reader, columns, self.aggregator)
        elif columns != self.names:
            raise CsvError(
                f"a batch has the columns {', '.join(columns)} where the first had "
                f"{', '.join(self.names)}",
                source=self.reader.source,
                code="csv.header",
                details={"value": tuple(columns), "rule": "the same columns in every batch"},
            )
        return columns

    def add(self, batch: Any, first: int) -> None:
        """Add a batch (or a table, taken as one batch) whose first row is row ``first``;
        nothing is added from a batch with an error."""
        np, pa, pc = _modules()
        if isinstance(batch, pa.Table):
            batch = batch.combine_chunks().to_batches()[0] if batch.num_rows else None
            if batch is None:
                return
        columns = self._columns(batch.schema.names)
        combos = self.combos
        assert combos is not None
        n = batch.num_rows
        if not n:
            return
        text: dict[str, Any] = {}

        def cells(name: str) -> Any:
            """A column as its text, as a CSV writes it (a null is the empty cell)."""
            if name not in text:
                column = batch.column(name)
                kind = column.type
                coded = (  # a key column read dictionary-encoded, nothing null in it
                    name in KEY_COLUMNS
                    and pa.types.is_dictionary(kind)
                    and kind.value_type == pa.string()
                    and not column.null_count
                    and not column.dictionary.null_count
                )
                if not pa.types.is_string(kind) and not coded:
                    try:
                        column = pc.cast(column, pa.string())
                    except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as exc:
                        raise ParseError(
                            f"column {name} of type {column.type} has no text to read as a "
                            f"cell: {exc}",
                            code="parse.type",
                            details={"argument": name, "value": str(column.type),
                                     "rule": "text, numbers, yes/no values or days"},
                        ) from exc  # fmt: skip
                text[name] = pc.fill_null(column, "") if column.null_count else column
            return text[name]

        unit_codes, unit_cells = _encode(cells("unit"), np, pc)
        unit_names = [combos.unit_of(cell) for cell in unit_cells]
        wrong = np.array([name is None for name in unit_names], dtype=bool)[unit_codes]
        # The other key cells: one combination code a row, each combination read once.
        columns_codes = [_encode(cells(name), np, pc) for name in combos.names[1:]]
        combo_of_row, combinations = _combinations(columns_codes, n, np)
        readings = [combos.kind_of(combination) for combination in combinations]
        valid = np.array([r is not None for r in readings], dtype=bool)
        rules = np.array([AT_MOST if r is None else r[2] for r in readings], dtype=np.int8)
        wrong |= ~valid[combo_of_row]
        rule = rules[combo_of_row]
        due, done, cut = (
            self._amounts(batch, name, cells, wrong, np, pa, pc) for name in AMOUNT_COLUMNS
        )
        paid = done + cut
        wrong |= np.where(
            rule == AT_MOST, paid > due, np.where(rule == ALL, paid != due, (done | cut) != 0)
        )
        for name in DATE_COLUMNS:
            if name in columns:
                wrong |= _numpy(pc.not_equal(cells(name), ""))
        records = []
        for i in np.flatnonzero(wrong).tolist():  # read alone by the checked reader
            row = {name: cells(name)[i].as_py() for name in columns}
            if any(value.strip() for value in row.values()):
                records.append(read_record(self.reader, row, first + i))
        self._add_sums(~wrong, unit_codes, unit_names, combo_of_row, readings, (due, done, cut))
        _by_unit_and_period(records, self.tables, self.big)

    @staticmethod
    def _amounts(batch: Any, name: str, cells: Any, wrong: Any, np: Any, pa: Any, pc: Any) -> Any:
        """An amount column as int64, its cells outside the common case marked in
        ``wrong`` (and counted 0 here)."""
        n = batch.num_rows
        if name not in batch.schema.names:
            return np.zeros(n, dtype=np.int64)
        column = batch.column(name)
        if pa.types.is_floating(column.type) or pa.types.is_decimal(column.type):
            raise ParseError(
                f"column {name} holds {column.type} numbers; amounts are whole numbers of "
                "đồng: give an integer column, or the cells as text",
                code="parse.type",
                details={"argument": name, "value": str(column.type), "rule": _AMOUNT_RULE},
            )
        if pa.types.is_integer(column.type):
            values = _numpy(pc.fill_null(column, 0) if column.null_count else column)
            bad = (values >= _BIG) | (values < 0) if values.dtype.kind == "i" else values >= _BIG
            wrong |= bad
            return np.where(bad, 0, values).astype(np.int64)
        texts = cells(name)
        # ASCII digits, at most 18 of them (the empty cell is 0).
        digits = pc.ascii_is_decimal(texts)
        if pc.all(digits).as_py() and pc.max(pc.binary_length(texts)).as_py() <= 18:
            return _numpy(pc.cast(texts, pa.int64()))  # the common case
        digits = pc.and_(digits, pc.less_equal(pc.binary_length(texts), 18))
        wrong |= ~_numpy(pc.or_(digits, pc.equal(texts, "")))
        return _numpy(pc.cast(pc.if_else(digits, texts, "0"), pa.int64()))

    def _add_sums(
        self,
        taken: Any,
        unit_codes: Any,
        unit_names: list[str | None],
        combo_of_row: Any,
        readings: list[tuple[int, int, int] | None],
        amounts: tuple[Any, Any, Any],
    ) -> None:
        """Add the taken rows' sums by (unit, combination) to the aggregator's."""
        np, _, _ = _modules()
        width = len(readings)
        keys = unit_codes[taken].astype(np.int64) * width + combo_of_row[taken]
        size = len(unit_names) * width
        if size > 4 * len(keys) + (1 << 16):  # sparse: number the keys seen instead
            seen, keys = np.unique(keys, return_inverse=True)
            size = len(seen)
        else:
            seen = None
        counts = np.bincount(keys, minlength=size)
        present = np.flatnonzero(counts)
        sums = [_exact_sums(keys, values[taken], size, present, np) for values in amounts]
        groups = present if seen is None else seen[present]
        tables = self.tables
        for group, count, due, done, cut in zip(
            groups.tolist(), counts[present].tolist(), *sums, strict=True
        ):
            unit_code, combo = divmod(group, width)
            reading = readings[combo]
            assert reading is not None
            period, kind, _ = reading
            unit = unit_names[unit_code]
            assert unit is not None
            table = tables.get(period)
            if table is None:
                table = tables[period] = {}
            acc = table.get(unit)
            if acc is None:
                acc = table[unit] = [0] * _KINDS
            acc[kind] += count | due << _LANE | done << 2 * _LANE | cut << 3 * _LANE


def _numpy(array: Any) -> Any:
    """A pyarrow array of integers or booleans, without nulls, as a numpy array (a view
    of its buffer where it can be one). Not ``Array.to_numpy``: it imports pandas
    (150 ms) to convert what numpy reads as it is."""
    np, pa, pc = _modules()
    if isinstance(array, pa.ChunkedArray):
        array = array.combine_chunks()
    if pa.types.is_boolean(array.type):  # bits: one byte each
        array = pc.cast(array, pa.uint8())
        dtype = np.dtype(np.uint8)
        flags = np.frombuffer(array.buffers()[1], dtype=dtype, count=len(array) + array.offset)
        return flags[array.offset :].astype(bool)
    dtype = np.dtype(str(array.type))
    values = np.frombuffer(array.buffers()[1], dtype=dtype, count=len(array) + array.offset)
    return values[array.offset :]


def _encode(column: Any, np: Any, pc: Any) -> tuple[Any, list[str]]:
    """(a code per row, the distinct cells) of a text column (or one dictionary-encoded
    already, as :func:`parse_block` reads the key columns)."""
    _, pa, _ = _modules()
    encoded = column if pa.types.is_dictionary(column.type) else pc.dictionary_encode(column)
    codes = _numpy(encoded.indices).astype(np.int64)
    return codes, encoded.dictionary.to_pylist()


def _combinations(
    columns_codes: list[tuple[Any, list[str]]], n: int, np: Any, *, sort: bool = False
) -> tuple[Any, list[tuple[str, ...]]]:
    """(a number per row, the cells of each number) of the distinct combinations of cells
    of ``n`` rows, from each column's (code per row, distinct cells) (:func:`_encode`);
    numbered in the order of the columns' codes.

    A row's combination is its codes read as the digits of one number. Where there are
    few possible numbers (the common case) those present are counted, not sorted;
    else (or ``sort``) they are sorted (``numpy.unique``), which gives the same.
    """
    code = np.zeros(n, dtype=np.int64)
    size, renumbered = 1, False
    for codes, values in columns_codes:
        code = code * len(values) + codes
        size *= len(values)
        if size > 1 << 31:  # renumber before the codes could overflow
            _, code = np.unique(code, return_inverse=True)
            size, renumbered = (int(code.max()) + 1 if n else 1), True
    if sort or renumbered or size > 4 * n + (1 << 16):
        _, first_of, combo_of_row = np.unique(code, return_index=True, return_inverse=True)
        rows = first_of.tolist()
        cells = [[values[codes[at]] for at in rows] for codes, values in columns_codes]
    else:
        present = np.flatnonzero(np.bincount(code, minlength=size))
        number = np.zeros(size, dtype=np.int64)
        number[present] = np.arange(len(present))
        combo_of_row = number[code]
        cells, rest = [], present
        for _, values in reversed(columns_codes):  # the number's digits, last column first
            rest, digit = np.divmod(rest, len(values))
            cells.append([values[i] for i in digit.tolist()])
        cells.reverse()
    combinations = list(zip(*cells, strict=True))
    if not columns_codes and n:  # no key column: every row has the one empty combination
        combinations = [()]
    return combo_of_row.reshape(-1), combinations


def _exact_sums(keys: Any, values: Any, size: int, present: Any, np: Any) -> list[int]:
    """The exact integer sum of ``values`` by key, for the keys ``present``.

    ``numpy.bincount`` sums in float64, exact up to 2**53: values are split into limbs
    small enough that no limb's sum over these rows can pass it.
    """
    if not len(values):
        return [0] * len(present)
    top = int(values.max())
    width = 53 - len(values).bit_length()
    if top < 1 << width:
        return [int(x) for x in np.bincount(keys, weights=values, minlength=size)[present]]
    mask = (1 << width) - 1
    limbs = []
    shift = 0
    while top >> shift:
        limb = (values >> shift) & mask
        limbs.append(np.bincount(keys, weights=limb, minlength=size)[present].astype(np.int64))
        shift += width
    if top.bit_length() + len(values).bit_length() < 63:  # the totals fit an int64
        total = limbs[0]
        for i, limb in enumerate(limbs[1:], start=1):
            total = total + (limb << (i * width))
        return [int(x) for x in total.tolist()]
    totals = [0] * len(present)
    for i, limb in enumerate(limbs):
        totals = [t + (int(x) << (i * width)) for t, x in zip(totals, limb.tolist(), strict=True)]
    return totals


def has_long_line(
    data: bytes | memoryview,
    limit: int,
    table: pa.Table | None = None,
    cell_limit: int | None = None,
) -> bool:
    """True when a line of ``data`` (with its "\\n") is longer than ``limit`` bytes.

    With ``table`` (the block parsed), True also when a cell is longer than
    ``cell_limit`` bytes (the row reader's ``csv.field_size_limit()`` counts characters:
    such a cell may still be read, row by row); and a bound is tried first: no line is
    longer than its cells, delimiters and line end, so when the longest cell times the
    columns is within the limit, the bytes are not scanned."""
    np, pa, pc = _modules()
    if table is not None and table.num_rows:
        widest = max(_widest(column, pa, pc) for column in table.columns)
        if cell_limit is not None and widest > cell_limit:
            return True
        if (widest + 1) * table.num_columns + 1 <= limit:
            return False
    ends = np.flatnonzero(np.frombuffer(data, dtype=np.uint8) == 10)
    bounds = np.concatenate(([-1], ends, [len(data) - 1]))
    return bool(np.diff(bounds).max() > limit) if len(data) else False


def _widest(column: Any, pa: Any, pc: Any) -> int:
    """The longest cell of a text column (plain or dictionary-encoded), in bytes."""
    if pa.types.is_dictionary(column.type):
        parts = [chunk.dictionary for chunk in column.chunks]
    else:
        parts = column.chunks
    return max((pc.max(pc.binary_length(part)).as_py() or 0 for part in parts), default=0)


#: A byte order mark, which pyarrow drops at the start of what it reads (the row reader
#: drops it at the start of a file only, where the header is).
_BOM = b"\xef\xbb\xbf"
#: A carriage return that does not end a line ("\r\n"): the row reader refuses it.
_LONE_CR = re.compile(rb"\r(?!\n)")


def parse_block(
    data: bytes, header: list[str], delimiter: str, end: int | None = None, *, threads: bool = True
) -> pa.Table | None:
    """The rows of a block of CSV lines as a table of text columns, through pyarrow; None
    when pyarrow cannot read the block exactly as the row reader would (a quote, a lone
    carriage return, a byte that is not UTF-8, a row of another width, an empty line, a
    byte order mark at its start):
    the caller reads it row by row then. Every line of a block read is a row: its rows
    are its lines. ``end``: the block is ``data[:end]`` (read in place, not copied);
    ``threads``: pyarrow may parse it in several threads (False: in the caller's)."""
    _, pa, _ = _modules()
    import pyarrow.csv as pacsv

    # The key columns are few distinct cells: read dictionary-encoded (unit, period…).
    keys = pa.dictionary(pa.int32(), pa.string())

    stop = len(data) if end is None else end
    if (
        data.startswith(_BOM)
        or data.find(b'"', 0, stop) >= 0
        or (data.find(b"\r", 0, stop) >= 0 and _LONE_CR.search(data, 0, stop))
    ):
        return None
    try:
        return pacsv.read_csv(
            pa.py_buffer(memoryview(data)[:stop]),
            read_options=pacsv.ReadOptions(
                column_names=header, block_size=1 << 22, use_threads=threads
            ),
            parse_options=pacsv.ParseOptions(
                delimiter=delimiter, quote_char=False, ignore_empty_lines=False
            ),
            convert_options=pacsv.ConvertOptions(
                column_types={
                    name: keys if name in KEY_COLUMNS else pa.string() for name in header
                },
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except (pa.ArrowInvalid, UnicodeDecodeError):
        return None
