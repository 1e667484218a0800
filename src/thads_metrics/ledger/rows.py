"""The one ordered table of the rows of the statistical forms (các dòng của biểu mẫu).

Every other part of the library (the ledger classes, the ``from_totals``
solver, CSV, JSON, pandas, Excel, HTML, the report, the hypothesis
strategies, the sample generator) derives what it needs from :data:`ROWS`
and :data:`IDENTITIES`. A new row is one :class:`Row` here plus its rule.

A row is either **stored** (an office records it) or **derived** (a signed
sum of other rows, its ``formula``). ``money_only`` rows exist in the money
ledger (tiền) only. ``flow`` tells a flow row (events counted over the period,
which never decreases from one cumulative period to the next, DOMAIN §2b)
from a stock row (a snapshot at the period's end).

>>> ROW["to_enforce"].term
'tổng số phải thi hành'
>>> expand("carried_forward", money=False) == {
...     "carried_over": 1, "newly_accepted": 1, "entrusted": -1, "withdrawn": -1,
...     "completed": -1, "terminated": -1}
True
>>> describe("with_conditions")
'with_conditions = finished + in_progress + postponed + suspended + other'
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType
from typing import Any

import attrs

from thads_metrics._checks import require_choice, require_flag, shown
from thads_metrics.errors import LedgerError

__all__ = [
    "CARRIED_ROWS",
    "IDENTITIES",
    "INTAKE_ROWS",
    "PENDING_ROWS",
    "ROW",
    "ROWS",
    "ROW_TERMS",
    "Identity",
    "Row",
    "RowEnum",
    "describe",
    "expand",
    "row_names",
]


@attrs.frozen
class Row:
    """One row of the form (một dòng của biểu mẫu).

    ``formula`` is empty for a stored row; for a derived row it is the signed
    parts, ``((+1, "carried_over"), (+1, "newly_accepted"))`` for accepted.
    """

    name: str
    term: str
    english: str
    formula: tuple[tuple[int, str], ...] = ()
    money_only: bool = False
    flow: bool = False

    @property
    def stored(self) -> bool:
        """True for a row an office records, False for a total derived from others."""
        return not self.formula


def _sum(*names: str) -> tuple[tuple[int, str], ...]:
    """A formula: ``"a", "-b"`` is a − b."""
    return tuple((-1, n[1:]) if n.startswith("-") else (1, n) for n in names)


#: Every row of the two ledgers, in the order of the form (Thông tư 06/2019/TT-BTP, biểu 07, 08).
ROWS: tuple[Row, ...] = (
    Row("carried_over", "số năm trước chuyển sang", "carried over from last year"),
    Row("newly_accepted", "thụ lý mới", "newly accepted", flow=True),
    Row(
        "accepted",
        "tổng số thụ lý",
        "accepted",
        _sum("carried_over", "newly_accepted"),
    ),
    Row("entrusted", "ủy thác thi hành án", "entrusted to another office", flow=True),
    Row("withdrawn", "thu hồi, hủy quyết định thi hành án", "withdrawn or annulled", flow=True),
    Row(
        "to_enforce",
        "tổng số phải thi hành",
        "to enforce",
        _sum("accepted", "-entrusted", "-withdrawn"),
    ),
    Row(
        "with_conditions",
        "có điều kiện thi hành",
        "with conditions to enforce",
        _sum("finished", "in_progress", "postponed", "suspended", "other"),
    ),
    Row(
        "finished",
        "số thi hành xong, tính tỷ lệ",
        "finished",
        _sum("completed", "terminated", "reduced"),
        flow=True,
    ),
    Row(
        "finished_excluding_reduced",
        "thi hành xong và đình chỉ, không tính giảm, miễn",
        "finished, not counting reductions",
        _sum("completed", "terminated"),
        money_only=True,
        flow=True,
    ),
    Row("completed", "thi hành xong", "completed", flow=True),
    Row("terminated", "đình chỉ thi hành án", "terminated", flow=True),
    Row("reduced", "giảm, miễn thi hành án", "reduced or exempted", money_only=True, flow=True),
    Row("in_progress", "đang thi hành", "in progress"),
    Row("postponed", "hoãn thi hành án", "postponed"),
    Row("suspended", "tạm đình chỉ thi hành án", "suspended"),
    Row("other", "trường hợp khác", "other"),
    Row(
        "stayed",
        "hoãn, tạm đình chỉ (không tính vào số có điều kiện)",
        "postponed or suspended, outside with conditions",
    ),
    Row("without_conditions", "chưa có điều kiện thi hành", "without conditions to enforce"),
    Row(
        "carried_forward",
        "số chuyển kỳ sau",
        "carried forward",
        _sum("to_enforce", "-finished"),
    ),
    Row(
        "carried_forward_with_conditions",
        "có điều kiện chuyển kỳ sau",
        "carried forward with conditions",
        _sum("with_conditions", "-finished"),
    ),
)

#: Each row by name.
ROW: Mapping[str, Row] = MappingProxyType({row.name: row for row in ROWS})

#: Vietnamese term of every row, by name, in form order.
ROW_TERMS: Mapping[str, str] = MappingProxyType({row.name: row.term for row in ROWS})


@attrs.frozen
class Identity:
    """A rule every ledger obeys (đẳng thức kiểm tra): ``total`` = the sum of ``parts``."""

    total: str
    parts: tuple[str, ...]
    rule: str


#: The checks a ledger makes at construction, beyond each row being an int >= 0
#: (derived rows are sums of other rows, so they agree by construction).
IDENTITIES: tuple[Identity, ...] = (
    Identity(
        "to_enforce",
        ("with_conditions", "stayed", "without_conditions"),
        "what is to enforce is classified as with conditions, stayed (in the layouts that "
        "count hoãn, tạm đình chỉ apart) or without conditions",
    ),
)


def row_set(value: object) -> frozenset[str]:
    """The ``unknown`` argument of a ledger: a set of row names (str), nothing else.

    >>> sorted(row_set(["completed", "terminated"]))
    ['completed', 'terminated']
    """
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise LedgerError(
            f"unknown must be a set of row names, got {type(value).__name__} {shown(value)}",
            code="ledger.type",
            details={"argument": "unknown", "value": shown(value)},
        )
    names = tuple(value)
    for name in names:  # before hashing them: a list in the set is refused, not a TypeError
        if not isinstance(name, str):
            raise LedgerError(
                f"unknown must hold row names (str), got {shown(name)}",
                code="ledger.type",
                details={"argument": "unknown", "value": shown(name)},
            )
    return frozenset(names)


def guard_keywords(cls: type[Any], refuse: Callable[[str, object], LedgerError]) -> None:
    """Make a keyword argument ``cls(...)`` does not take raise ``refuse(name, value)``.

    A ledger is often built from a mapping of rows (``CaseLedger(**rows)``), so
    a name that is not one of its rows is bad input like any other: a
    :class:`~thads_metrics.errors.LedgerError` naming it, not the
    ``TypeError`` of the generated ``__init__``. Valid calls cost one more
    function call; the names are looked at only when the call fails.
    """
    init = cls.__init__
    names = frozenset(field.alias for field in attrs.fields(cls) if field.init)

    @functools.wraps(init)
    def __init__(self: Any, **kwargs: Any) -> None:
        try:
            init(self, **kwargs)
        except TypeError:
            extra = sorted(name for name in kwargs if name not in names)
            if extra:
                raise refuse(extra[0], kwargs[extra[0]]) from None
            raise

    cls.__init__ = __init__


def row_names(*, money: bool, stored: bool | None = None) -> tuple[str, ...]:
    """The rows of the case (``money=False``) or money ledger, in form order.

    ``stored=True`` gives the stored rows only, ``False`` the derived ones.

    >>> row_names(money=False, stored=True)[:4]
    ('carried_over', 'newly_accepted', 'entrusted', 'withdrawn')
    >>> "reduced" in row_names(money=False)
    False
    """
    return tuple(
        row.name
        for row in ROWS
        if (money or not row.money_only) and (stored is None or row.stored == stored)
    )


def _row(name: object) -> Row:
    """The row called ``name``; anything else is a LedgerError naming the rows."""
    return ROW[require_choice("name", name, tuple(ROW), LedgerError)]


def expand(name: str, *, money: bool) -> dict[str, int]:
    """Row ``name`` as signed stored rows of the case or money ledger (khai triển công thức).

    >>> expand("finished", money=True)
    {'completed': 1, 'terminated': 1, 'reduced': 1}
    >>> expand("finished", money=False)
    {'completed': 1, 'terminated': 1}
    """
    require_flag("money", money, LedgerError)
    row = _row(name)
    if row.stored:
        return {name: 1} if money or not row.money_only else {}
    out: dict[str, int] = {}
    for sign, part in row.formula:
        for stored, coefficient in expand(part, money=money).items():
            out[stored] = out.get(stored, 0) + sign * coefficient
    return {n: c for n, c in out.items() if c}


def describe(name: str, *, money: bool = True) -> str:
    """The rule of a derived row as text: ``"accepted = carried_over + newly_accepted"``.

    >>> describe("to_enforce")
    'to_enforce = accepted − entrusted − withdrawn'
    """
    require_flag("money", money, LedgerError)
    parts = [(sign, part) for sign, part in _row(name).formula if money or not ROW[part].money_only]
    text = " ".join(f"{'+' if sign > 0 else '−'} {part}" for sign, part in parts)
    return f"{name} = {text.removeprefix('+ ')}"


#: The rows that take cases in: what was carried over and what was newly accepted.
INTAKE_ROWS: tuple[str, str] = ("carried_over", "newly_accepted")

#: The rows of "có điều kiện" not yet finished: in progress, postponed, suspended, other.
PENDING_ROWS: tuple[str, ...] = tuple(expand("carried_forward_with_conditions", money=True))


def _carried() -> tuple[str, ...]:
    terms: dict[str, int] = {}
    for part in IDENTITIES[0].parts:
        for name, sign in expand(part, money=True).items():
            terms[name] = terms.get(name, 0) + sign
    for name, sign in expand("finished", money=True).items():
        terms[name] -= sign
    return tuple(name for name, sign in terms.items() if sign)


#: The stored rows that carry forward: what is to enforce less what was finished
#: (in progress, postponed, suspended, other, stayed, without conditions).
CARRIED_ROWS: tuple[str, ...] = _carried()


class RowEnum(enum.Enum):
    """An enum whose values are ledger rows (dòng của biểu mẫu): ``term`` is the row's name.

    >>> class Kind(RowEnum):
    ...     NEW = "newly_accepted"
    >>> Kind.NEW.term, Kind.NEW
    ('thụ lý mới', Kind.NEW)
    """

    @property
    def term(self) -> str:
        """The Vietnamese name of the row (tên dòng trong biểu mẫu)."""
        return ROW_TERMS[self.value]

    def __repr__(self) -> str:
        return f"{type(self).__name__}.{self.name}"
