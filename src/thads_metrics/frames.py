"""pandas DataFrames of ledgers (bảng dữ liệu pandas), for notebooks.

Install the extra ``thads-metrics[pandas]``. The frame layout is the CSV
layout of :mod:`thads_metrics.csvio`: one row per group and ledger, the key
columns (``unit``, ``period`` …), ``kind`` (``"viec"`` or ``"tien"``; on
reading, also ``"việc"``/``"tiền"`` in any case, as the CSV reader takes
them) and the stored rows of the form as integer columns; :func:`to_frame`
adds the derived rows. Amounts stay exact: columns are ``int64`` while every
value fits, and Python ``int`` objects otherwise — never floats.

:func:`add_rate_columns` adds ``conditions_share`` and ``completion_rate``
computed for the whole frame at once with integer arithmetic, rounded half
up as reports print them, as ``Decimal`` values. Columns of any integer
dtype (narrower or unsigned ones included) or of Python ``int`` objects are
accepted; floats and negative values are refused.

>>> from thads_metrics.cases import LedgerPair
>>> from thads_metrics.calendar import ReportingPeriod
>>> pair = LedgerPair(CaseLedger(newly_accepted=3, completed=2, in_progress=1),
...                   AmountLedger(newly_accepted=300, completed=100, in_progress=200))
>>> df = to_frame({("A", ReportingPeriod(2024, 12)): pair})
>>> print(df[["unit", "kind", "to_enforce", "finished"]].to_string(index=False))
unit kind  to_enforce  finished
   A viec           3         2
   A tien         300       100
>>> add_rate_columns(df)["completion_rate"].tolist()
[Decimal('66.67'), Decimal('33.33')]
>>> from_frame(df)[("A", ReportingPeriod(2024, 12))] == pair
True
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from decimal import Decimal
from typing import Any

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
from thads_metrics._text import fold_key
from thads_metrics.calendar import ReportingPeriod
from thads_metrics.cases import LedgerPair, _check_pair
from thads_metrics.errors import LedgerError
from thads_metrics.ledger import IDENTITIES, AmountLedger, CaseLedger, expand
from thads_metrics.ledger.layouts import DEFAULT_LAYOUT, Layout, as_layout, layout_for

__all__ = ["KINDS", "add_rate_columns", "from_frame", "to_frame"]

#: Values of the ``kind`` column: the case ledger (việc) and the money ledger (tiền).
KINDS = ("viec", "tien")
_STORED = AmountLedger.STORED
_DERIVED = AmountLedger.DERIVED
_INT64_MAX = 2**63 - 1
# Accepted spellings of ``kind`` (after NFC, trimming and lower case), as in csvio.


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
    taken = {"kind", "layout", *_STORED, *_DERIVED}
    for index, name in enumerate(names):
        if name in taken or names.index(name) != index:
            raise LedgerError(
                f"key_names must be distinct columns other than kind and the rows of the "
                f"form, got {name!r} in {names}",
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
    over ``key_names``, other keys fill a single column.
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
    data: dict[str, Any] = {name: keys[name] for name in names}
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


def _python_int(value: Any, row: int, column: str) -> int:
    if isinstance(value, np.integer) and not isinstance(value, np.bool_):
        return int(value)  # exact: numpy integers are whole numbers
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    kind = "" if isinstance(value, (bool, np.bool_)) else f"{type(value).__name__} "
    raise LedgerError(
        f"row {row}, column {column}: expected an integer, got {kind}{shown(value)}"
        + ("" if not kind else " (counts and đồng are never floats)"),
        code="ledger.type",
        details={"row": row, "column": column, "value": shown(value), "rule": "int"},
    )


def from_frame(
    frame: pd.DataFrame, key_names: Sequence[str] = ("unit", "period")
) -> dict[Hashable, LedgerPair]:
    """Ledgers by key from a frame in the :func:`to_frame` layout (đọc bảng pandas).

    Only the stored rows are read (derived columns, if present, are checked
    against them); every group needs one ``viec`` and one ``tien`` row.
    ``kind`` may also be spelt ``việc``/``tiền``, in any case and Unicode
    normal form, as in CSV files; anything else is refused.
    Float columns are refused with :class:`~thads_metrics.errors.LedgerError`.
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
    for name in frame.columns:
        if name in _STORED and frame[name].dtype.kind == "f":
            raise LedgerError(
                f"column {name} holds floats ({frame[name].dtype}); counts and đồng must be "
                "integers",
                code="ledger.type",
                details={"column": name, "value": str(frame[name].dtype), "rule": "integers"},
            )
    stored = [name for name in _STORED if name in frame.columns]
    derived = [name for name in _DERIVED if name in frame.columns]
    found: dict[Hashable, dict[str, CaseLedger | AmountLedger]] = {}
    has_layout = "layout" in frame.columns
    columns = [*key_names, "kind", *(["layout"] if has_layout else []), *stored, *derived]
    records = frame[columns].itertuples(index=False, name=None)
    for row_number, record in enumerate(records):
        parts = record[: len(key_names)]
        kind = _kind(record[len(key_names)], row_number)
        numbers = record[len(key_names) + 1 + has_layout :]
        key: Hashable = parts if len(parts) != 1 else parts[0]
        layout = as_layout(record[len(key_names) + 1]) if has_layout else _layout_of(parts)
        rows: dict[str, Any] = {
            name: _python_int(value, row_number, name)
            for name, value in zip(stored, numbers[: len(stored)], strict=True)
        }
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
        for name, value in zip(derived, numbers[len(stored) :], strict=True):
            if name in type(ledger).ROWS and getattr(ledger, name) != _python_int(
                value, row_number, name
            ):
                raise LedgerError(
                    f"row {row_number}: column {name} is {value} but the rows give "
                    f"{getattr(ledger, name)}",
                    code="ledger.derived_mismatch",
                    details={
                        "row": row_number,
                        "column": name,
                        "value": _python_int(value, row_number, name),
                        "expected": getattr(ledger, name),
                        "rule": "a derived column agrees with the stored rows",
                    },
                )
        try:
            hash(key)
        except TypeError:
            raise LedgerError(
                f"row {row_number}: key {shown(key)} cannot be a group key (it is not hashable)",
                code="ledger.key",
                details={"row": row_number, "value": shown(key), "rule": "hashable key cells"},
            ) from None
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
    which never overflow. Negative values are refused, naming column and row.
    """
    columns: dict[str, Any] = {}
    for name in names:
        if name not in frame.columns:
            columns[name] = np.zeros(len(frame), dtype=np.int64)
            continue
        column = frame[name].to_numpy()
        if column.dtype.kind not in "iuO":
            raise LedgerError(
                f"column {name} holds {column.dtype} values; counts and đồng must be integers",
                code="ledger.type",
                details={"column": name, "value": str(column.dtype), "rule": "integers"},
            )
        if column.dtype.kind == "O":
            column = np.array(
                [_python_int(v, row, name) for row, v in enumerate(column)], dtype=object
            )
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
    """A copy of ``frame`` with ``conditions_share`` and ``completion_rate`` columns (tỷ lệ).

    Rates are percent, rounded half up to ``places`` decimals, as ``Decimal``
    (``None`` where the base is 0); the whole frame is computed at once with
    exact integer arithmetic. ``count_reduced=False`` leaves giảm, miễn out of
    the money rate's numerator, as :meth:`AmountLedger.completion_rate` does.
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
    out["conditions_share"] = _half_up(with_conditions, to_enforce, places)
    out["completion_rate"] = _half_up(finished, with_conditions, places)
    result: pd.DataFrame = out
    return result
