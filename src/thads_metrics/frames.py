"""pandas DataFrames of ledgers (bảng dữ liệu pandas), for notebooks.

Install the extra ``thads-metrics[pandas]`` (and ``thads-metrics[fast]``,
pyarrow, to write parquet files). The frame layout is the CSV layout of
:mod:`thads_metrics.csvio`: one row per group and ledger, the key columns
(``unit``, ``period`` …), ``kind`` (``"viec"`` or ``"tien"``; on reading,
also ``"việc"``/``"tiền"`` in any case, as the CSV reader takes them),
``layout`` and the stored rows of the form as integer columns;
:func:`to_frame` adds the derived rows. Amounts stay exact: columns are
``int64`` while every value fits, and Python ``int`` objects otherwise —
never floats.

Every column has a type parquet stores (but Python ``int`` amounts past
``int64``), and every figure comes in a dtype pandas summarises and plots:

- the key column ``period`` (kỳ báo cáo) holds the period's label
  (``"11 tháng năm 2021"``, text) and ``period_end`` beside it its last day
  (``datetime64[ns]``), to sort and plot by. :func:`from_frame` reads the
  label back into the exact :class:`~thads_metrics.calendar.ReportingPeriod`;
  it also takes any label :func:`~thads_metrics.calendar.parse_period`
  reads, the period's last day (a date, ``Timestamp`` or ISO text), a
  monthly ``pandas.Period`` or a ``ReportingPeriod``, so that
  ``from_frame(pd.read_csv(path))`` reads a CSV file of ledger rows.
- :func:`add_rate_columns` adds ``conditions_share`` and ``completion_rate``
  computed for the whole frame at once with integer arithmetic, rounded half
  up as reports print them, as ``Decimal`` values (exact; parquet stores
  them as decimals), and beside each a ``float64`` copy for display,
  ``conditions_share_float`` and ``completion_rate_float`` (NaN where the
  base is 0), which ``describe()`` and plots use. Compute with the exact
  columns; the float ones are for looking at.

Columns of any integer dtype — numpy (narrower or unsigned ones included),
nullable (``Int64``) or pyarrow (``int64[pyarrow]``) — or of Python ``int``
objects are accepted, and text columns of any string dtype. A missing value
(NA) in a row of the form, floats and negative values are refused, naming
the column and the row.

Importing this module registers the ``thads`` accessor
(:class:`ThadsAccessor`): ``df.thads.rates()``, ``df.thads.ledgers()`` and
``df.thads.report(unit)``.

>>> from thads_metrics.cases import LedgerPair
>>> pair = LedgerPair(CaseLedger(newly_accepted=3, completed=2, in_progress=1),
...                   AmountLedger(newly_accepted=300, completed=100, in_progress=200))
>>> df = to_frame({("A", ReportingPeriod(2024, 12)): pair})
>>> columns = ["unit", "period", "period_end", "kind", "to_enforce", "finished"]
>>> print(df[columns].to_string(index=False))
unit   period period_end kind  to_enforce  finished
   A năm 2024 2024-09-30 viec           3         2
   A năm 2024 2024-09-30 tien         300       100
>>> rates = add_rate_columns(df)
>>> rates["completion_rate"].tolist(), rates["completion_rate_float"].tolist()
([Decimal('66.67'), Decimal('33.33')], [66.67, 33.33])
>>> from_frame(df)[("A", ReportingPeriod(2024, 12))] == pair
True
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from datetime import date, datetime, time
from decimal import Decimal
from importlib import resources
from typing import Any, cast

try:
    import numpy as np
    import pandas as pd
except ImportError as exc:  # pragma: no cover - exercised only without the extra
    raise ImportError(
        "thads_metrics.frames needs pandas: pip install 'thads-metrics[pandas]'"
    ) from exc

from thads_metrics._checks import (
    require_flag,
    require_instance,
    require_int,
    require_sequence,
    shown,
)
from thads_metrics._text import KINDS as _SPELLINGS
from thads_metrics._text import close_names, fold_key, match_name
from thads_metrics.calendar import CutOffPeriod, Quarter, ReportingPeriod, parse_period
from thads_metrics.cases import LedgerPair, _check_pair
from thads_metrics.errors import LedgerError, PeriodError, ReportError, ThadsError
from thads_metrics.ledger import IDENTITIES, AmountLedger, CaseLedger, expand
from thads_metrics.ledger.layouts import DEFAULT_LAYOUT, Layout, as_layout, layout_for
from thads_metrics.report import build_report
from thads_metrics.report.words import Language
from thads_metrics.targets import TargetBook

__all__ = [
    "FLOAT_SUFFIX",
    "KINDS",
    "PERIOD_END",
    "RATE_COLUMNS",
    "ThadsAccessor",
    "add_rate_columns",
    "from_frame",
    "load_sample_frame",
    "to_frame",
]

#: Values of the ``kind`` column: the case ledger (việc) and the money ledger (tiền).
KINDS = ("viec", "tien")
#: The key column read as a reporting period (kỳ báo cáo); written as its label.
PERIOD = "period"
#: The column beside ``period`` with the period's last day (ngày chốt số liệu), datetime64[ns].
PERIOD_END = "period_end"
#: The rate columns of :func:`add_rate_columns`: exact ``Decimal`` values (tỷ lệ).
RATE_COLUMNS = ("conditions_share", "completion_rate")
#: The suffix of the float64 display copy beside each rate column (``completion_rate_float``).
FLOAT_SUFFIX = "_float"
#: The bundled sample of ledger rows (package data).
_SAMPLE = "sample_ledgers.csv"
_STORED = AmountLedger.STORED
_DERIVED = AmountLedger.DERIVED
_INT64_MAX = 2**63 - 1
_PERIOD_RULE = (
    "a cumulative reporting period: its label ('11 tháng năm 2021'), its last day, "
    "a ReportingPeriod or a monthly pandas Period"
)


def _kind(value: object, row: int) -> str:
    """The canonical kind ("viec" or "tien") of a ``kind`` cell."""
    if isinstance(value, str):
        kind: str | None = _SPELLINGS.get(fold_key(value))
        if kind is not None:
            return kind
    raise LedgerError(
        f"row {row}, column kind: {shown(value)} is not viec (việc) or tien (tiền)",
        code="ledger.choice" if isinstance(value, str) else "ledger.type",
        details={
            "row": row,
            "column": "kind",
            "value": shown(value),
            "rule": "viec (việc) or tien (tiền)",
        },
    )


def _key_names(key_names: object) -> list[str]:
    """The key columns: distinct names (str), none of them ``kind`` or a row of the form."""
    names = list(
        require_sequence("key_names", key_names, LedgerError, what="a sequence of column names")
    )
    for name in names:
        require_instance("key_names", name, str, LedgerError, what="column names (str)")
    taken = {"kind", "layout", *_STORED, *_DERIVED, *([PERIOD_END] if PERIOD in names else [])}
    for index, name in enumerate(names):
        if name in taken or names.index(name) != index:
            raise LedgerError(
                f"key_names must be distinct columns other than kind, layout, period_end and "
                f"the rows of the form, got {name!r} in {names}",
                code="ledger.column",
                details={
                    "argument": "key_names",
                    "value": name,
                    "rule": "distinct names, not kind or a row",
                },
            )
    return names


def _frame(frame: object) -> pd.DataFrame:
    """``frame`` if it is a DataFrame whose column names are all different."""
    checked: pd.DataFrame = require_instance(
        "frame", frame, pd.DataFrame, LedgerError, what="a pandas DataFrame"
    )
    repeated = checked.columns[checked.columns.duplicated()]
    if len(repeated):
        raise LedgerError(
            f"frame has the column {repeated[0]!r} more than once",
            code="ledger.column",
            details={"argument": "frame", "value": shown(repeated[0]), "rule": "each column once"},
        )
    return checked


def _int_column(values: Sequence[int]) -> Any:
    """An exact integer column: int64 when every value fits, else Python ints (object)."""
    if all(-_INT64_MAX <= v <= _INT64_MAX for v in values):
        return np.array(values, dtype=np.int64)
    return np.array(values, dtype=object)


def to_frame(
    ledgers: Mapping[Hashable, LedgerPair],
    key_names: Sequence[str] = ("unit", "period"),
) -> pd.DataFrame:
    """One row per group and ledger (việc, tiền), stored and derived rows as columns.

    ``ledgers`` maps a key to a :class:`~thads_metrics.cases.LedgerPair`, as
    :func:`~thads_metrics.cases.aggregate` and
    :func:`~thads_metrics.csvio.read_csv` return them; tuple keys are spread
    over ``key_names``, other keys fill a single column. The periods of the
    ``period`` key column are written as their labels (``"năm 2024"``), and
    when every key has one, ``period_end`` follows with their last days
    (``datetime64[ns]``): every column of the frame is one parquet stores.

    >>> pair = LedgerPair(CaseLedger(newly_accepted=2, completed=2), AmountLedger())
    >>> df = to_frame({("A", ReportingPeriod(2021, 11)): pair})
    >>> df.loc[0, ["unit", "period", "period_end", "kind", "layout"]].tolist()
    ['A', '11 tháng năm 2021', Timestamp('2021-08-31 00:00:00'), 'viec', 'tt01-2013']
    """
    what = "a mapping of group keys to LedgerPair"
    groups = require_instance("ledgers", ledgers, Mapping, LedgerError, what=what)
    names = _key_names(key_names)
    keys: dict[str, list[Any]] = {name: [] for name in names}
    kinds: list[str] = []
    layouts: list[str] = []
    values: dict[str, list[int]] = {name: [] for name in (*_STORED, *_DERIVED)}
    for key, pair in groups.items():
        _check_pair(key, pair)
        parts = key if isinstance(key, tuple) else (key,)
        if len(parts) != len(names):
            raise LedgerError(
                f"key {shown(key)} has {len(parts)} parts for columns {names}",
                code="ledger.key",
                details={
                    "argument": "ledgers",
                    "value": shown(key),
                    "rule": f"{len(names)} parts, one per key column",
                },
            )
        for kind, ledger in zip(KINDS, pair, strict=True):
            if ledger.unknown:
                raise LedgerError(
                    f"group {shown(key)}: a frame needs every row; the {kind} ledger does "
                    "not know " + ", ".join(sorted(ledger.unknown)),
                    code="ledger.unknown_value",
                    details={"key": shown(key), "rows": tuple(sorted(ledger.unknown))},
                )
            for name, part in zip(names, parts, strict=True):
                keys[name].append(part)
            kinds.append(kind)
            layouts.append(ledger.layout.code)
            for name in values:
                values[name].append(getattr(ledger, name, 0))
    data: dict[str, Any] = {}
    for name in names:
        data[name] = keys[name]
        if name == PERIOD:
            periods = keys[name]
            data[name] = [p.label if isinstance(p, ReportingPeriod) else p for p in periods]
            if all(isinstance(p, ReportingPeriod) for p in periods):
                ends = [p.end for p in periods]
                data[PERIOD_END] = np.array(ends, dtype="datetime64[ns]")
    data["kind"] = kinds
    data["layout"] = layouts
    data.update({name: _int_column(column) for name, column in values.items()})
    frame: pd.DataFrame = pd.DataFrame(data)
    return frame


def _layout_of(parts: Sequence[Any]) -> Layout:
    """The layout of a group without a layout column: its period's, else the default."""
    for part in parts:
        if isinstance(part, ReportingPeriod):
            return layout_for(part.end)
    return DEFAULT_LAYOUT


def _is_missing(value: object) -> bool:
    """Whether a cell is a missing value (NA): None, pandas NA or NaT, a float NaN."""
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, (float, np.floating)):
        return bool(np.isnan(value))
    if isinstance(value, (np.datetime64, np.timedelta64)):
        return bool(np.isnat(value))
    return False


def _missing(row: int, column: str, value: object) -> LedgerError:
    return LedgerError(
        f"row {row}, column {column}: missing value (NA); counts and đồng must be whole "
        "numbers (fill the cell, e.g. with 0, if none is meant)",
        code="ledger.missing_value",
        details={"row": row, "column": column, "value": shown(value), "rule": "a whole number"},
    )


def _python_int(value: Any, row: int, column: str) -> int:
    if isinstance(value, np.integer) and not isinstance(value, np.bool_):
        return int(value)  # exact: numpy integers are whole numbers
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if _is_missing(value):
        raise _missing(row, column, value)
    kind = "" if isinstance(value, (bool, np.bool_)) else f"{type(value).__name__} "
    raise LedgerError(
        f"row {row}, column {column}: expected an integer, got {kind}{shown(value)}"
        + ("" if not kind else " (counts and đồng are never floats)"),
        code="ledger.type",
        details={"row": row, "column": column, "value": shown(value), "rule": "int"},
    )


def _integers(series: Any, column: str) -> Any:
    """A column of a row of the form as a numpy array of exact integers.

    int64 or uint64 for every integer dtype (numpy, nullable ``Int64``,
    pyarrow), Python ints (object) for an object column. A missing value
    (NA) is refused naming its row, whatever the dtype that holds it (a
    nullable one, or float64 as ``read_csv`` gives a column with an empty
    cell); floats and other dtypes are refused too.
    """
    dtype = series.dtype
    kind = dtype.kind
    if kind == "O":
        return np.array(
            [_python_int(v, row, column) for row, v in enumerate(series.to_numpy(dtype=object))],
            dtype=object,
        )
    missing = np.flatnonzero(np.asarray(series.isna(), dtype=bool))
    if len(missing):
        row = int(missing[0])
        raise _missing(row, column, series.iloc[row])
    if kind in ("i", "u"):
        return series.to_numpy(dtype=np.int64 if kind == "i" else np.uint64)
    floats = kind == "f"
    raise LedgerError(
        f"column {column} holds "
        + (f"floats ({dtype})" if floats else f"{dtype} values")
        + "; counts and đồng must be integers",
        code="ledger.type",
        details={"column": column, "value": str(dtype), "rule": "integers"},
    )


def _period(value: object, row: int) -> ReportingPeriod:
    """The reporting period a ``period`` cell gives (its label, its last day …)."""
    if isinstance(value, ReportingPeriod):
        return value
    problem: str | None = None
    text = ""
    if _is_missing(value):
        problem = "missing value (NA)"
    elif isinstance(value, str):
        text = value
    elif isinstance(value, pd.Period):
        if value.freqstr == "M":
            text = value.end_time.date().isoformat()
        else:
            problem = f"a pandas Period of frequency {value.freqstr!r}, not a month"
    elif isinstance(value, datetime):
        if value.time() != time(0) or (isinstance(value, pd.Timestamp) and value.nanosecond):
            problem = f"{shown(value)} has a time of day"
        text = value.date().isoformat()
    elif isinstance(value, date):
        text = value.isoformat()
    elif isinstance(value, np.datetime64):
        day = value.astype("datetime64[D]")
        if day != value:
            problem = f"{shown(value)} has a time of day"
        text = str(day)
    else:
        problem = f"{type(value).__name__} {shown(value)} is not a period"
    cause: str | None = None
    expected = f"; expected {_PERIOD_RULE}"
    if problem is None:
        try:
            period = parse_period(text)
        except ThadsError as exc:
            problem, cause, expected = str(exc), exc.code, ""  # its message says what is read
        else:
            if isinstance(period, ReportingPeriod):
                return period
            expected = ""  # the problem says what to give
            if isinstance(period, CutOffPeriod):
                problem = f"{text!r} is a cut-off inside a month; give the month's last day"
            else:
                problem = f"{text!r} is a quarter; give the cumulative period (kỳ báo cáo lũy kế)"
    raise PeriodError(
        f"row {row}, column period: {problem}{expected}",
        code="period.cell",
        details={
            "row": row,
            "column": PERIOD,
            "value": shown(value),
            "rule": _PERIOD_RULE,
            "cause": cause,
        },
    )


def from_frame(
    frame: pd.DataFrame, key_names: Sequence[str] = ("unit", "period")
) -> dict[Hashable, LedgerPair]:
    """Ledgers by key from a frame in the :func:`to_frame` layout (đọc bảng pandas).

    Only the stored rows are read (derived columns, if present, are checked
    against them; ``period_end`` and the rate columns are ignored); every
    group needs one ``viec`` and one ``tien`` row. ``kind`` may also be
    spelt ``việc``/``tiền``, in any case and Unicode normal form, as in CSV
    files; anything else is refused. The ``period`` key column gives
    :class:`~thads_metrics.calendar.ReportingPeriod` keys: a label
    (``"11 tháng năm 2021"``, ``"năm 2024"``) read by
    :func:`~thads_metrics.calendar.parse_period`, the period's last day (a
    date, ``Timestamp``, ``datetime64`` or ISO text), a monthly
    ``pandas.Period``, or a ``ReportingPeriod``; anything else raises
    :class:`~thads_metrics.errors.PeriodError` (code ``period.cell``).
    Float columns and missing values (NA) are refused with
    :class:`~thads_metrics.errors.LedgerError` naming the column (and row).

    >>> df = pd.DataFrame({"unit": ["A", "A"], "period": ["11 tháng năm 2021"] * 2,
    ...                    "kind": ["việc", "tiền"], "newly_accepted": [4, 400],
    ...                    "completed": [3, 100], "in_progress": [1, 300]})
    >>> from_frame(df)["A", ReportingPeriod(2021, 11)].cases.completion_rate()
    Decimal('75')
    """
    frame = _frame(frame)
    key_names = _key_names(key_names)
    missing = [c for c in (*key_names, "kind") if c not in frame.columns]
    if missing:
        raise LedgerError(
            f"frame lacks column(s) {', '.join(missing)}",
            code="ledger.column",
            details={
                "argument": "frame",
                "value": tuple(missing),
                "rule": "the key columns and kind",
            },
        )
    stored = [name for name in _STORED if name in frame.columns]
    derived = [name for name in _DERIVED if name in frame.columns]
    numbers = {name: _integers(frame[name], name).tolist() for name in (*stored, *derived)}
    found: dict[Hashable, dict[str, CaseLedger | AmountLedger]] = {}
    has_layout = "layout" in frame.columns
    at = key_names.index(PERIOD) if PERIOD in key_names else None
    periods: dict[tuple[type, Hashable], ReportingPeriod] = {}
    columns = [*key_names, "kind", *(["layout"] if has_layout else [])]
    records = frame[columns].itertuples(index=False, name=None)
    for row_number, record in enumerate(records):
        parts = record[: len(key_names)]
        key: Hashable = parts if len(parts) != 1 else parts[0]
        try:
            hash(key)
        except TypeError:
            raise LedgerError(
                f"row {row_number}: key {shown(key)} cannot be a group key (it is not hashable)",
                code="ledger.key",
                details={"row": row_number, "value": shown(key), "rule": "hashable key cells"},
            ) from None
        if at is not None:
            cell = parts[at]
            period = periods.get((type(cell), cell))
            if period is None:
                period = periods[type(cell), cell] = _period(cell, row_number)
            parts = (*parts[:at], period, *parts[at + 1 :])
            key = parts if len(parts) != 1 else parts[0]
        kind = _kind(record[len(key_names)], row_number)
        layout = as_layout(record[len(key_names) + 1]) if has_layout else _layout_of(parts)
        rows: dict[str, Any] = {name: numbers[name][row_number] for name in stored}
        if kind == "viec":
            if rows.pop("reduced", 0):
                raise LedgerError(
                    f"row {row_number}: reduced is a row of the money ledger only",
                    code="ledger.money_only",
                    details={"row": row_number, "column": "reduced", "rule": "0 on a viec row"},
                )
            ledger: CaseLedger | AmountLedger = CaseLedger(**rows, layout=layout)
        else:
            ledger = AmountLedger(**rows, layout=layout)
        for name in derived:
            value = numbers[name][row_number]
            if name in type(ledger).ROWS and getattr(ledger, name) != value:
                raise LedgerError(
                    f"row {row_number}: column {name} is {value} but the rows give "
                    f"{getattr(ledger, name)}",
                    code="ledger.derived_mismatch",
                    details={
                        "row": row_number,
                        "column": name,
                        "value": value,
                        "expected": getattr(ledger, name),
                        "rule": "a derived column agrees with the stored rows",
                    },
                )
        slot = found.setdefault(key, {})
        if kind in slot:
            raise LedgerError(
                f"row {row_number}: a second {kind} row for {shown(key)}",
                code="ledger.duplicate_row",
                details={
                    "row": row_number,
                    "key": shown(key),
                    "value": kind,
                    "rule": "one viec and one tien row per group",
                },
            )
        slot[kind] = ledger
    result: dict[Hashable, LedgerPair] = {}
    for key, slot in found.items():
        if set(slot) != set(KINDS):
            raise LedgerError(
                f"group {shown(key)} needs one viec and one tien row, has {sorted(slot)}",
                code="ledger.missing_row",
                details={
                    "key": shown(key),
                    "value": tuple(sorted(slot)),
                    "rule": "one viec and one tien row per group",
                },
            )
        result[key] = LedgerPair(slot["viec"], slot["tien"])  # type: ignore[arg-type]
    return result


def _stored_in(*names: str) -> tuple[str, ...]:
    """The stored rows (of the money ledger, which has them all) that make up ``names``."""
    return tuple(dict.fromkeys(row for name in names for row in expand(name, money=True)))


#: The rows an identity check needs, and those the rates need (stored, form order).
_IDENTITY_ROWS = {identity: _stored_in(identity.total, *identity.parts) for identity in IDENTITIES}
_RATE_ROWS = _stored_in("with_conditions", "finished", *IDENTITIES[0].parts)


def _evaluate(columns: Mapping[str, Any], name: str) -> Any:
    """Row ``name`` computed elementwise from stored-row columns by its formula."""
    total: Any = 0
    for row, coefficient in expand(name, money=True).items():
        total = total + coefficient * columns[row]
    return total


def _columns(frame: pd.DataFrame, scale: int, names: Sequence[str]) -> dict[str, Any]:
    """The stored rows as exact integer arrays, int64 only if no step of the rates can overflow.

    Every column becomes int64 or an object array of Python ints: narrower
    integer dtypes would wrap around and uint64 mixed with int64 computes in
    float64. With B the sum of the column maxima, every intermediate value of
    the rates (numerator × 2 × ``scale`` + denominator) is at most
    B × (2 × ``scale`` + 1); past int64 the arrays hold Python ints instead,
    which never overflow. Missing values (NA) and negative values are
    refused, naming column and row.
    """
    columns: dict[str, Any] = {}
    for name in names:
        if name not in frame.columns:
            columns[name] = np.zeros(len(frame), dtype=np.int64)
            continue
        column = _integers(frame[name], name)
        if len(column):
            negative = np.flatnonzero(column < 0)
            if len(negative):
                row = int(negative[0])
                raise LedgerError(
                    f"column {name}, row {row}: {column[row]} is negative; ledger rows are >= 0",
                    code="ledger.range",
                    details={
                        "column": name,
                        "row": row,
                        "value": int(column[row]),
                        "rule": ">= 0",
                    },
                )
            if column.dtype.kind != "O" and int(column.max()) > _INT64_MAX:
                column = np.array([int(v) for v in column], dtype=object)
        if column.dtype.kind != "O":
            column = column.astype(np.int64)
        columns[name] = column
    bound = sum(int(c.max()) if len(c) else 0 for c in columns.values())
    fits = all(c.dtype.kind == "i" for c in columns.values())
    if not fits or bound * (2 * scale + 1) > _INT64_MAX:
        columns = {name: c.astype(object) for name, c in columns.items()}
    return columns


def _half_up(numerator: Any, denominator: Any, places: int) -> list[Decimal | None]:
    """numerator ÷ denominator × 100, half up to ``places`` decimals, elementwise and exact."""
    scale = 10 ** (places + 2)
    zero = denominator == 0
    guarded = np.where(zero, 1, denominator)
    quotient = (numerator * scale * 2 + guarded) // (guarded * 2)
    return [
        None if is_zero else Decimal(f"{int(q)}E-{places}")  # exact, whatever the context
        for q, is_zero in zip(np.asarray(quotient).tolist(), np.asarray(zero).tolist(), strict=True)
    ]


def add_rate_columns(
    frame: pd.DataFrame, places: int = 2, *, count_reduced: bool = True
) -> pd.DataFrame:
    """A copy of ``frame`` with the share with conditions and the completion rate (tỷ lệ).

    ``conditions_share`` (tỷ lệ có điều kiện) and ``completion_rate`` (tỷ lệ
    thi hành xong) are percent, rounded half up to ``places`` decimals, as
    ``Decimal`` (``None`` where the base is 0); the whole frame is computed at
    once with exact integer arithmetic. Beside each, ``conditions_share_float``
    and ``completion_rate_float`` hold the same rounded values as float64
    (NaN where the base is 0), for ``describe()``, plots and quick looks;
    compute with the exact columns. ``count_reduced=False`` leaves giảm, miễn
    out of the money rate's numerator, as :meth:`AmountLedger.completion_rate`
    does.

    >>> from thads_metrics.calendar import ReportingPeriod
    >>> pair = LedgerPair(CaseLedger(newly_accepted=3, completed=1, in_progress=2),
    ...                   AmountLedger())
    >>> df = add_rate_columns(to_frame({("A", ReportingPeriod(2024, 12)): pair}))
    >>> df[["kind", "completion_rate", "completion_rate_float"]].values.tolist()
    [['viec', Decimal('33.33'), 33.33], ['tien', None, nan]]
    """
    frame = _frame(frame)
    require_int("places", places, LedgerError, minimum=0, maximum=28)
    require_flag("count_reduced", count_reduced, LedgerError)
    out = frame.copy()
    present = [name for name in AmountLedger.STORED if name in frame.columns]
    c = _columns(frame, 10 ** (places + 2), tuple(dict.fromkeys([*_RATE_ROWS, *present])))
    for identity, rows in _IDENTITY_ROWS.items():  # rows that do not balance get no rate
        if all(name in frame.columns for name in rows):
            total = _evaluate(c, identity.total)
            parts = sum(_evaluate(c, part) for part in identity.parts)
            broken = np.flatnonzero(np.asarray(total != parts))
            if len(broken):
                row = int(broken[0])
                raise LedgerError(
                    f"row {row}: rows do not add up: {identity.total} ({total[row]}) must equal "
                    f"{' + '.join(identity.parts)} ({parts[row]}); {identity.rule}",
                    code="ledger.identity",
                    details={
                        "row": row,
                        "identity": identity.total,
                        "rule": identity.rule,
                        identity.total: int(total[row]),
                        "parts": int(parts[row]),
                    },
                )
    finished = _evaluate(c, "finished" if count_reduced else "finished_excluding_reduced")
    with_conditions = _evaluate(c, "with_conditions")
    # to enforce by the identity (its classes), so that it needs no intake columns
    to_enforce = sum(_evaluate(c, part) for part in IDENTITIES[0].parts)
    rates = {
        "conditions_share": _half_up(with_conditions, to_enforce, places),
        "completion_rate": _half_up(finished, with_conditions, places),
    }
    for name, values in rates.items():
        out[name] = np.array(values, dtype=object)
        out[name + FLOAT_SUFFIX] = np.array(
            [np.nan if v is None else float(v) for v in values], dtype=np.float64
        )
    result: pd.DataFrame = out
    return result


def load_sample_frame() -> pd.DataFrame:
    """The bundled synthetic sample (số liệu mẫu) as a frame in the :func:`to_frame` layout.

    The ledgers of :func:`thads_metrics.csvio.load_sample` (six units, the
    cumulative periods of 1 to 12 months of 2024 and 2025): the package's CSV
    file read by ``pandas.read_csv`` and checked row by row by
    :func:`from_frame`, the way a CSV file of your own is read.

    >>> df = load_sample_frame()
    >>> df.shape, df["unit"].nunique(), df["period"].nunique()
    ((288, 25), 6, 24)
    """
    sample = resources.files("thads_metrics") / "data" / _SAMPLE
    with sample.open("rb") as handle:
        raw = pd.read_csv(handle, encoding="utf-8")
    return to_frame(from_frame(raw))


@pd.api.extensions.register_dataframe_accessor("thads")
class ThadsAccessor:
    """``df.thads``: the rates, ledgers and report of a frame of ledgers (bảng số liệu THADS).

    Registered when :mod:`thads_metrics.frames` is imported. Each method
    delegates to a function of the library: ``rates`` to
    :func:`add_rate_columns`, ``ledgers`` to :func:`from_frame`, ``report``
    to :func:`~thads_metrics.report.build_report`.

    >>> rates = load_sample_frame().thads.rates()
    >>> year = rates[(rates["period"] == "năm 2025") & (rates["kind"] == "viec")]
    >>> best = year.sort_values("completion_rate_float", ascending=False).head(2)
    >>> best[["unit", "completion_rate"]].values.tolist()
    [['Nghệ An', Decimal('87.42')], ['Đồng Nai', Decimal('86.63')]]
    """

    def __init__(self, frame: pd.DataFrame) -> None:
        self._frame = frame

    def rates(self, places: int = 2, *, count_reduced: bool = True) -> pd.DataFrame:
        """A copy with the rate columns (tỷ lệ), exact and float: :func:`add_rate_columns`."""
        return add_rate_columns(self._frame, places, count_reduced=count_reduced)

    def ledgers(self, key_names: Sequence[str] = ("unit", "period")) -> dict[Hashable, LedgerPair]:
        """The ledgers by key (sổ theo việc và theo tiền của từng nhóm): :func:`from_frame`."""
        return from_frame(self._frame, key_names)

    def report(
        self,
        unit: str,
        period: ReportingPeriod | str | None = None,
        *,
        book: TargetBook | None = None,
        language: Language = "vi",
    ) -> str:
        """The report paragraph of ``unit`` (đoạn báo cáo kết quả THADS) for ``period``.

        The frame is keyed by ``unit`` and ``period``. ``unit`` may be
        spelled loosely ("nghe an"); ``period`` is a ``ReportingPeriod``, a
        label ("năm 2025", "Quý II/2025" for the cumulative period ending
        with that quarter) or ``None`` for the unit's latest period in the
        frame. The paragraph is :func:`~thads_metrics.report.build_report`'s,
        against the target ``book`` gives (default: the national table; no
        target clauses when none is known), compared with the same period
        of last year when the frame holds it.

        >>> text = load_sample_frame().thads.report("nghe an", "năm 2025")
        >>> print(text.splitlines()[0])
        Kết quả thi hành án dân sự năm 2025 (từ 1/10/2024 đến 30/9/2025) của Nghệ An:
        """
        require_instance("unit", unit, str, ReportError, what="a unit name (str)")
        if period is not None:
            require_instance(
                "period",
                period,
                (ReportingPeriod, str),
                PeriodError,
                what="a ReportingPeriod, its label or None",
            )
        table = from_frame(self._frame)
        groups = [cast("tuple[Any, ReportingPeriod]", key) for key in table]
        units = sorted({name for name, _ in groups if isinstance(name, str)})
        found = match_name(unit, units)
        if len(found) != 1:
            near = found or close_names(unit, units)
            state = "ambiguous" if found else "not in the frame"
            hint = f"did you mean {' or '.join(map(repr, near))}? " if near else ""
            raise ReportError(
                f"unit {unit!r} is {state}; {hint}the frame's units are "
                + (", ".join(units) or "none"),
                code="report.not_in_frame",
                details={"argument": "unit", "value": unit, "candidates": tuple(near)},
            )
        name = found[0]
        periods = sorted(p for u, p in groups if u == name)
        wanted = periods[-1] if period is None else _wanted(period)
        chosen = next((p for p in periods if p == wanted), None)
        if chosen is None:
            raise ReportError(
                f"period {shown(period)} is not in the frame for {name}; it holds "
                + ", ".join(p.label for p in periods),
                code="report.not_in_frame",
                details={
                    "argument": "period",
                    "value": shown(period),
                    "candidates": tuple(p.label for p in periods),
                },
            )
        pair = table[name, chosen]
        try:
            previous = table.get((name, chosen.same_period_last_year()))
        except PeriodError:  # the first year of the calendar has no year before it
            previous = None
        report = build_report(
            name,
            chosen,
            pair.cases,
            pair.amounts,
            previous=previous,
            book=book,
            require_target=False,
        )
        return report.text(language=language)


def _wanted(period: ReportingPeriod | str) -> object:
    """The period asked for by a label; a quarter means the cumulative period ending with it."""
    if isinstance(period, ReportingPeriod):
        return period
    parsed = parse_period(period)
    return parsed.cumulative_period() if isinstance(parsed, Quarter) else parsed
