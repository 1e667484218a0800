"""The two ledgers of the statistical forms (số liệu thi hành án về việc và về tiền).

Every report counts the same rows twice: in cases (việc, one enforcement
decision is one việc) with :class:`CaseLedger`, and in money (tiền, integer
đồng) with :class:`AmountLedger`. The stored rows are the ones an office
records; the totals of the form (accepted, to_enforce, with_conditions,
finished, carried_forward, …) are derived from them, so they always agree.

A ledger checks at construction that its rows balance: what was accepted,
less what was entrusted or withdrawn, is exactly what is classified as with or
without conditions. :meth:`CaseLedger.from_totals` builds one from the few
totals a report publishes and records which rows it cannot know.

>>> national_2023 = CaseLedger.from_totals(
...     carried_over=299_096, newly_accepted=636_950, entrusted=12_004, withdrawn=501
... )
>>> national_2023.accepted, national_2023.to_enforce  # toàn quốc, năm 2023
(936046, 923541)
>>> national_2023.is_known("with_conditions")
False
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

import attrs

from thads_metrics._checks import Exact, require_int
from thads_metrics._html import html_table
from thads_metrics.errors import LedgerError
from thads_metrics.rates import completion_rate as _completion_rate
from thads_metrics.rates import conditions_share as _conditions_share

__all__ = ["PENDING_ROWS", "ROW_TERMS", "AmountLedger", "CaseLedger", "RowEnum"]

#: Vietnamese term of every row of the two ledgers, by field or property name, in form order.
ROW_TERMS: Mapping[str, str] = MappingProxyType(
    {
        "carried_over": "số năm trước chuyển sang",
        "newly_accepted": "thụ lý mới",
        "accepted": "tổng số thụ lý",
        "entrusted": "ủy thác thi hành án",
        "withdrawn": "thu hồi, hủy quyết định thi hành án",
        "to_enforce": "tổng số phải thi hành",
        "with_conditions": "có điều kiện thi hành",
        "finished": "số thi hành xong, tính tỷ lệ",
        "finished_excluding_reduced": "thi hành xong và đình chỉ, không tính giảm, miễn",
        "completed": "thi hành xong",
        "terminated": "đình chỉ thi hành án",
        "reduced": "giảm, miễn thi hành án",
        "in_progress": "đang thi hành",
        "postponed": "hoãn thi hành án",
        "suspended": "tạm đình chỉ thi hành án",
        "other": "trường hợp khác",
        "without_conditions": "chưa có điều kiện thi hành",
        "carried_forward": "số chuyển kỳ sau",
        "carried_forward_with_conditions": "có điều kiện chuyển kỳ sau",
    }
)

_L = TypeVar("_L", bound="_Ledger")


def _n(value: int) -> str:
    """A number as the error messages print it: ``923 541`` (space between thousands)."""
    return f"{value:,}".replace(",", " ")


def _legend(names: Iterable[str]) -> str:
    """The Vietnamese terms of the rows a message names, once each, in order."""
    seen = dict.fromkeys(names)
    return "(" + "; ".join(f"{name}: {ROW_TERMS[name]}" for name in seen) + ")"


def _to_row_set(value: Iterable[str]) -> frozenset[str]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise LedgerError(
            f"unknown must be a set of row names, got {type(value).__name__} {value!r}"
        )
    names = frozenset(value)
    for name in names:
        if not isinstance(name, str):
            raise LedgerError(f"unknown must hold row names (str), got {name!r}")
    return names


# Names of the arguments of from_totals, in form order (reduced: AmountLedger only).
_TOTALS = tuple(name for name in ROW_TERMS if name != "finished_excluding_reduced")


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
        term: str = ROW_TERMS[self.value]
        return term

    def __repr__(self) -> str:
        return f"{type(self).__name__}.{self.name}"


#: The rows of "có điều kiện" not yet finished: in progress, postponed, suspended, other.
PENDING_ROWS = ("in_progress", "postponed", "suspended", "other")


def _form_order(stored: tuple[str, ...], derived: tuple[str, ...]) -> tuple[str, ...]:
    """Every row of a ledger, stored and derived, in the order of the form (ROW_TERMS)."""
    return tuple(name for name in ROW_TERMS if name in stored or name in derived)


class _Ledger:
    """Behaviour shared by :class:`CaseLedger` and :class:`AmountLedger` (not public)."""

    __slots__ = ()

    #: Stored rows, in the order of the form.
    STORED: ClassVar[tuple[str, ...]]
    #: Derived rows (properties), in the order of the form.
    DERIVED: ClassVar[tuple[str, ...]]
    #: Every row, stored and derived, in the order of the form.
    ROWS: ClassVar[tuple[str, ...]]
    _UNIT: ClassVar[str]
    # Rows that make up "finished" and "carried_forward_with_conditions".
    _FINISHED_PARTS: ClassVar[tuple[str, ...]]
    _PENDING_PARTS: ClassVar[tuple[str, ...]] = PENDING_ROWS
    # from_totals: stored rows of the "sink" chain, and every row as a span of it.
    _CHAIN: ClassVar[tuple[str, ...]]
    _SPANS: ClassVar[Mapping[str, tuple[int, int]]]

    carried_over: int
    newly_accepted: int
    entrusted: int
    withdrawn: int
    completed: int
    terminated: int
    in_progress: int
    postponed: int
    suspended: int
    other: int
    without_conditions: int
    unknown: frozenset[str]

    if TYPE_CHECKING:

        def __init__(self, *, unknown: Iterable[str] = ..., **rows: int) -> None: ...

    # ------------------------------------------------------------------ derived rows

    @property
    def accepted(self) -> int:
        """Cases or đồng accepted (tổng số thụ lý) = carried_over + newly_accepted.

        >>> CaseLedger(carried_over=2, newly_accepted=3, in_progress=5).accepted
        5
        """
        return self.carried_over + self.newly_accepted

    @property
    def to_enforce(self) -> int:
        """Total to enforce (tổng số phải thi hành) = accepted − entrusted − withdrawn.

        >>> CaseLedger(newly_accepted=10, entrusted=1, withdrawn=2, in_progress=7).to_enforce
        7
        """
        return self.carried_over + self.newly_accepted - self.entrusted - self.withdrawn

    @property
    def finished(self) -> int:
        """Finished (số thi hành xong, tính tỷ lệ) = completed + terminated (+ reduced for money).

        >>> CaseLedger(newly_accepted=5, completed=3, terminated=2).finished
        5
        """
        return self.completed + self.terminated

    @property
    def with_conditions(self) -> int:
        """With conditions (có điều kiện thi hành) = finished + the rest of its rows.

        with_conditions = completed + terminated (+ reduced, money) + in_progress
        + postponed + suspended + other.


        >>> ledger = CaseLedger(newly_accepted=9, completed=3, in_progress=4, without_conditions=2)
        >>> ledger.with_conditions
        7
        """
        return self.finished + self.in_progress + self.postponed + self.suspended + self.other

    @property
    def carried_forward(self) -> int:
        """Carried forward (số chuyển kỳ sau) = to_enforce − finished.

        >>> ledger = CaseLedger(newly_accepted=9, completed=3, in_progress=4, without_conditions=2)
        >>> ledger.carried_forward
        6
        """
        return self.to_enforce - self.finished

    @property
    def carried_forward_with_conditions(self) -> int:
        """Carried forward with conditions (có điều kiện chuyển kỳ sau).

        carried_forward_with_conditions = with_conditions − finished.

        >>> ledger = CaseLedger(newly_accepted=9, completed=3, in_progress=4, without_conditions=2)
        >>> ledger.carried_forward_with_conditions
        4
        """
        return self.with_conditions - self.finished

    # ------------------------------------------------------------------ checks

    def __attrs_post_init__(self) -> None:
        for name in self.STORED:  # one loop is much faster than a validator per field
            value = getattr(self, name)
            if type(value) is not int or value < 0:
                require_int(name, value, LedgerError, term=ROW_TERMS[name])
        if self.unknown and not self.unknown <= frozenset(self.ROWS):
            unknown = self.unknown - frozenset(self.ROWS)
            raise LedgerError(
                f"unknown names rows that {type(self).__name__} does not have: "
                f"{sorted(unknown)}; rows are {', '.join(self.ROWS)}"
            )
        self._check_balance()

    def _accepted_detail(self) -> str:
        return (
            f"accepted ({_n(self.accepted)}) = carried_over ({_n(self.carried_over)}) "
            f"+ newly_accepted ({_n(self.newly_accepted)})"
        )

    def _with_conditions_detail(self) -> str:
        parts = (*self._FINISHED_PARTS, *self._PENDING_PARTS)
        return " + ".join(f"{name} ({_n(getattr(self, name))})" for name in parts)

    def _check_balance(self) -> None:
        accepted = self.accepted
        to_enforce = self.to_enforce
        if to_enforce < 0:
            accepted_text = self._accepted_detail()
            raise LedgerError(
                f"to_enforce ({_n(to_enforce)}) = accepted ({_n(accepted)}) − entrusted "
                f"({_n(self.entrusted)}) − withdrawn ({_n(self.withdrawn)}) must be >= 0: more "
                f"{self._UNIT} were entrusted or withdrawn than accepted; {accepted_text} "
                + _legend(["to_enforce", "accepted", "entrusted", "withdrawn"])
            )
        with_conditions = self.with_conditions
        classified = with_conditions + self.without_conditions
        if classified != to_enforce:
            accepted_text = self._accepted_detail()
            raise LedgerError(
                "rows do not add up: to_enforce = with_conditions + without_conditions must "
                f"hold; got to_enforce ({_n(to_enforce)}) = accepted ({_n(accepted)}) − "
                f"entrusted ({_n(self.entrusted)}) − withdrawn ({_n(self.withdrawn)}), but "
                f"with_conditions ({_n(with_conditions)}) + without_conditions "
                f"({_n(self.without_conditions)}) = {_n(classified)}, "
                f"{_n(abs(classified - to_enforce))} {self._UNIT} "
                f"{'more' if classified > to_enforce else 'fewer'} than to_enforce; "
                f"with_conditions = {self._with_conditions_detail()}; {accepted_text} "
                + _legend(
                    [
                        "to_enforce",
                        "with_conditions",
                        "without_conditions",
                        "accepted",
                        "entrusted",
                        "withdrawn",
                    ]
                )
            )

    # ------------------------------------------------------------------ knowledge

    def is_known(self, row: str) -> bool:
        """True unless ``row`` is one that :meth:`from_totals` could not determine (đã biết).

        A ledger built from its rows knows them all; one built from published
        totals knows the totals given and what follows from them, and holds a
        placeholder in the others (listed in :attr:`unknown`).

        >>> ledger = CaseLedger.from_totals(to_enforce=100, with_conditions=80, finished=50)
        >>> ledger.is_known("without_conditions"), ledger.is_known("completed")
        (True, False)
        """
        self._check_row_name(row)
        return row not in self.unknown

    def row(self, name: str) -> int:
        """The value of row ``name``, refusing one the ledger does not know (giá trị một dòng).

        >>> ledger = CaseLedger.from_totals(to_enforce=100, with_conditions=80, finished=50)
        >>> ledger.row("carried_forward")
        50
        >>> ledger.row("completed")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        thads_metrics.errors.LedgerError: completed (thi hành xong) is not known for this ledger...
        """
        if not self.is_known(name):
            raise LedgerError(
                f"{name} ({ROW_TERMS[name]}) is not known for this ledger: it was built "
                "from totals that do not determine it"
            )
        value: int = getattr(self, name)
        return value

    def rows(self) -> dict[str, int]:
        """Every known row, stored and derived, in the order of the form (các dòng đã biết).

        >>> rows = CaseLedger.from_totals(to_enforce=100, with_conditions=80, finished=50).rows()
        >>> rows["without_conditions"], rows["carried_forward_with_conditions"]
        (20, 30)
        >>> list(rows)[:3]
        ['to_enforce', 'with_conditions', 'finished']
        """
        return {name: getattr(self, name) for name in self.ROWS if name not in self.unknown}

    def _check_row_name(self, name: object) -> None:
        if not isinstance(name, str) or name not in self.ROWS:
            raise LedgerError(
                f"{type(self).__name__} has no row {name!r}; rows are {', '.join(self.ROWS)}"
            )

    def _require_known(self, what: str, *names: str) -> None:
        missing = [name for name in names if name in self.unknown]
        if missing:
            raise LedgerError(
                f"{what} needs {' and '.join(names)}, but this ledger does not know "
                f"{' and '.join(missing)}: it was built from totals that do not determine "
                + ("it " if len(missing) == 1 else "them ")
                + _legend(missing)
            )

    # ------------------------------------------------------------------ rates

    def completion_rate(self, *, empty: Exact | None = None) -> Decimal:
        """Completion rate in percent (tỷ lệ thi hành xong) = finished ÷ with_conditions × 100.

        Delegates to :func:`thads_metrics.rates.completion_rate`; an empty base
        raises :class:`~thads_metrics.errors.RateError` unless ``empty`` is given.

        >>> hcm = CaseLedger.from_totals(with_conditions=54_681, finished=26_515)
        >>> round(hcm.completion_rate(), 2)  # TP.HCM, 6 tháng 2019: 48,49%
        Decimal('48.49')
        """
        self._require_known("completion_rate", "finished", "with_conditions")
        return _completion_rate(self.finished, self.with_conditions, empty=empty)

    def conditions_share(self, *, empty: Exact | None = None) -> Decimal:
        """Share with conditions (tỷ lệ có điều kiện) = with_conditions ÷ to_enforce × 100, in %.

        Delegates to :func:`thads_metrics.rates.conditions_share`.

        >>> CaseLedger(newly_accepted=4, in_progress=3, without_conditions=1).conditions_share()
        Decimal('75')
        """
        self._require_known("conditions_share", "with_conditions", "to_enforce")
        return _conditions_share(self.with_conditions, self.to_enforce, empty=empty)

    # ------------------------------------------------------------------ merge, roll

    def __add__(self: _L, other: _L) -> _L:
        if type(other) is not type(self):
            raise self._cannot_add(other)
        cls = type(self)
        values = {name: getattr(self, name) + getattr(other, name) for name in cls.STORED}
        return cls(**values, unknown=self.unknown | other.unknown)

    def __radd__(self, other: object) -> Any:
        raise self._cannot_add(other)

    def _cannot_add(self, other: object) -> LedgerError:
        if isinstance(other, _Ledger):
            return LedgerError(
                f"cannot add {type(other).__name__} ({other._UNIT}) and "
                f"{type(self).__name__} ({self._UNIT}): the case and money ledgers are kept apart"
            )
        name = type(self).__name__
        return LedgerError(
            f"cannot add {type(other).__name__} {other!r} and {name}: only ledgers of the same "
            f"kind add up; to add many, use sum(ledgers, start={name}())"
        )

    def roll_forward(self: _L, *, separate_book: int = 0) -> _L:
        """Next year's opening ledger (số năm trước chuyển sang của năm sau).

        What this ledger carries forward is carried over: cases (or đồng) in
        progress, postponed, suspended, other and without conditions keep their
        row; everything finished, entrusted or withdrawn leaves. Nothing is
        newly accepted yet.

        ``separate_book`` are the cases (or đồng) chưa có điều kiện moved at
        year end to the separate register (chuyển sổ theo dõi riêng): they
        leave the count, so next year's carried_over is carried_forward less
        them. National reports publish the opening that way ("số cũ chuyển
        sang (trừ số đã chuyển sổ theo dõi riêng)", 2023: 299.096 việc,
        thads.moj.gov.vn ItemID=1355). It cannot exceed without_conditions.

        >>> year = CaseLedger(newly_accepted=10, completed=4, in_progress=3, without_conditions=3)
        >>> opening = year.roll_forward()
        >>> opening.carried_over, opening.with_conditions, opening.without_conditions
        (6, 3, 3)
        >>> year.roll_forward(separate_book=2).carried_over
        4
        """
        moved = require_int("separate_book", separate_book, LedgerError, term="sổ theo dõi riêng")
        if moved:
            self._require_known("roll_forward(separate_book=…)", "without_conditions")
            if moved > self.without_conditions:
                raise LedgerError(
                    f"separate_book ({_n(moved)}) cannot exceed without_conditions "
                    f"({_n(self.without_conditions)}): only cases chưa có điều kiện thi hành "
                    "are moved to the separate register (sổ theo dõi riêng)"
                )
        cls = type(self)
        values = dict.fromkeys(cls.STORED, 0)
        values["carried_over"] = self.carried_forward - moved
        for name in (*self._PENDING_PARTS, "without_conditions"):
            values[name] = getattr(self, name)
        values["without_conditions"] -= moved
        # Which rows of the next ledger come from which rows of this one.
        source = {
            "carried_over": "carried_forward",
            "accepted": "carried_forward",
            "to_enforce": "carried_forward",
            "carried_forward": "carried_forward",
            "with_conditions": "carried_forward_with_conditions",
            "carried_forward_with_conditions": "carried_forward_with_conditions",
            "without_conditions": "without_conditions",
            **{name: name for name in self._PENDING_PARTS},
        }
        unknown = frozenset(new for new, old in source.items() if old in self.unknown)
        return cls(**values, unknown=unknown)

    def _repr_html_(self) -> str:
        """The ledger as an HTML table, one form row a line, for notebooks."""
        rows = [
            [name, ROW_TERMS[name], None if name in self.unknown else getattr(self, name)]
            for name in self.ROWS
        ]
        return html_table(f"{type(self).__name__} ({self._UNIT})", ["row", "dòng", "số"], rows)

    def __repr__(self) -> str:
        shown = [f"{name}={getattr(self, name)!r}" for name in self.STORED if getattr(self, name)]
        if self.unknown:
            names = ", ".join(repr(name) for name in self.ROWS if name in self.unknown)
            shown.append(f"unknown=frozenset({{{names}}})")
        return f"{type(self).__name__}({', '.join(shown)})"

    # ------------------------------------------------------------------ from totals

    @classmethod
    def from_totals(
        cls: type[_L],
        *,
        carried_over: int | None = None,
        newly_accepted: int | None = None,
        accepted: int | None = None,
        entrusted: int | None = None,
        withdrawn: int | None = None,
        to_enforce: int | None = None,
        with_conditions: int | None = None,
        finished: int | None = None,
        completed: int | None = None,
        terminated: int | None = None,
        reduced: int | None = None,
        in_progress: int | None = None,
        postponed: int | None = None,
        suspended: int | None = None,
        other: int | None = None,
        without_conditions: int | None = None,
        carried_forward: int | None = None,
        carried_forward_with_conditions: int | None = None,
    ) -> _L:
        """Build a ledger from the totals a report publishes (dựng số liệu từ các số tổng).

        Give any rows you know, stored or derived (``None`` or omitted means
        "not published"). The totals are refused with
        :class:`~thads_metrics.errors.LedgerError` when no ledger could have
        them (e.g. more finished than with conditions), naming the rows and
        numbers that clash. Rows the totals determine become known (e.g.
        without_conditions = to_enforce − with_conditions); the others hold a
        placeholder, are listed in :attr:`unknown` and refused by :meth:`row`,
        :meth:`completion_rate` and :meth:`conditions_share`. ``reduced`` is
        for :class:`AmountLedger` only; a money ``finished`` includes it.

        >>> hcm = CaseLedger.from_totals(with_conditions=54_681, finished=26_515)
        >>> hcm.finished, hcm.carried_forward_with_conditions, hcm.is_known("to_enforce")
        (26515, 28166, False)
        >>> CaseLedger.from_totals(to_enforce=5, with_conditions=8, finished=10)
        ... # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        thads_metrics.errors.LedgerError: impossible totals: ... must hold, but the left side is ...
        """
        given_all = {
            "carried_over": carried_over,
            "newly_accepted": newly_accepted,
            "accepted": accepted,
            "entrusted": entrusted,
            "withdrawn": withdrawn,
            "to_enforce": to_enforce,
            "with_conditions": with_conditions,
            "finished": finished,
            "completed": completed,
            "terminated": terminated,
            "reduced": reduced,
            "in_progress": in_progress,
            "postponed": postponed,
            "suspended": suspended,
            "other": other,
            "without_conditions": without_conditions,
            "carried_forward": carried_forward,
            "carried_forward_with_conditions": carried_forward_with_conditions,
        }
        given: dict[str, int] = {}
        for name in _TOTALS:
            value = given_all[name]
            if value is None:
                continue
            if name not in cls._SPANS:
                raise LedgerError(
                    f"{name} ({ROW_TERMS[name]}) is a row of the money ledger only "
                    f"(AmountLedger); {cls.__name__} has no such row"
                )
            given[name] = require_int(name, value, LedgerError, term=ROW_TERMS[name])
        if not given:
            raise LedgerError("from_totals needs at least one total")
        values, unknown = _solve(cls._CHAIN, cls._SPANS, given)
        return cls(**values, unknown=unknown)


# --------------------------------------------------------------------------- from_totals solver
#
# Every row is a span of one chain of stored rows:
#
#   node 0 ─entrusted─ 1 ─withdrawn─ 2 ─(finished parts)─ f ─(pending parts)─ p ─without─ L
#   node 0 ─carried_over─ X ─newly_accepted─ L
#
# so accepted = span(0, L), to_enforce = span(2, L), with_conditions = span(2, p),
# finished = span(2, f), carried_forward = span(f, L), and so on. With S(i) the
# position of node i, a known row (u, v) = c is S(v) − S(u) = c and an unknown
# stored row is S(v) − S(u) >= 0: a system of difference constraints. It has a
# solution exactly when its constraint graph has no negative cycle (Bellman–Ford),
# and the tightest bounds of every row come from all-pairs shortest paths
# (Floyd–Warshall): a row is known exactly when its bounds meet. Integers are
# kept exact throughout; the graph has at most 12 nodes.

_Edge = tuple[int, int, int, str, bool]  # (from, to, weight, row, is upper bound)


def _spans(
    chain: tuple[str, ...], finished_parts: int, pending_parts: int
) -> dict[str, tuple[int, int]]:
    end = len(chain)
    extra = end + 1  # node X, between carried_over and newly_accepted
    f = 2 + finished_parts
    p = f + pending_parts
    spans = {name: (i, i + 1) for i, name in enumerate(chain)}
    spans.update(
        carried_over=(0, extra),
        newly_accepted=(extra, end),
        accepted=(0, end),
        to_enforce=(2, end),
        with_conditions=(2, p),
        finished=(2, f),
        carried_forward=(f, end),
        carried_forward_with_conditions=(f, p),
    )
    return spans


def _edges(
    chain: tuple[str, ...], spans: Mapping[str, tuple[int, int]], given: Mapping[str, int]
) -> list[_Edge]:
    edges: list[_Edge] = []
    for name, value in given.items():
        u, v = spans[name]
        edges.append((u, v, value, name, True))
        edges.append((v, u, -value, name, False))
    for name in (*chain, "carried_over", "newly_accepted"):
        if name not in given:
            u, v = spans[name]
            edges.append((v, u, 0, name, False))
    return edges


def _negative_cycle(nodes: int, edges: list[_Edge]) -> list[_Edge] | None:
    """A negative cycle of the constraint graph (Bellman–Ford), or None."""
    dist = [0] * nodes  # as if from a virtual source joined to every node
    pred: list[_Edge | None] = [None] * nodes
    last = -1
    for _ in range(nodes + 1):
        last = -1
        for edge in edges:
            u, v, w = edge[0], edge[1], edge[2]
            if dist[u] + w < dist[v]:
                dist[v] = dist[u] + w
                pred[v] = edge
                last = v
        if last < 0:
            return None
    node = last
    for _ in range(nodes):  # step back into the cycle
        step = pred[node]
        assert step is not None
        node = step[0]
    cycle: list[_Edge] = []
    start = node
    while True:
        step = pred[node]
        assert step is not None
        cycle.append(step)
        node = step[0]
        if node == start:
            return cycle


def _explain(cycle: list[_Edge], given: Mapping[str, int]) -> str:
    """Why the totals clash: the rows of a negative cycle, as a broken identity."""
    order = {name: i for i, name in enumerate(ROW_TERMS)}
    upper = sorted((e for e in cycle if e[4]), key=lambda e: order[e[3]])
    lower = sorted((e for e in cycle if not e[4]), key=lambda e: order[e[3]])

    def term(edge: _Edge) -> str:
        name = edge[3]
        return f"{name} ({_n(given[name])})" if name in given else name

    left = sum(e[2] for e in upper)
    right = -sum(e[2] for e in lower)
    all_given = all(e[3] in given for e in lower)
    return (
        f"impossible totals: {' + '.join(term(e) for e in upper)} = "
        f"{' + '.join(term(e) for e in lower)} must hold, but the left side is {_n(left)} "
        f"and the right side is {'' if all_given else 'at least '}{_n(right)} "
        + _legend(e[3] for e in upper + lower)
    )


def _shortest_paths(nodes: int, edges: list[_Edge]) -> list[list[int | None]]:
    """All-pairs shortest paths (Floyd–Warshall), ``None`` for no path; exact ints."""
    dist: list[list[int | None]] = [[None] * nodes for _ in range(nodes)]
    for i in range(nodes):
        dist[i][i] = 0
    for u, v, w, _, _ in edges:
        current = dist[u][v]
        if current is None or w < current:
            dist[u][v] = w
    for k in range(nodes):
        row_k = dist[k]
        for i in range(nodes):
            d_ik = dist[i][k]
            if d_ik is None:
                continue
            row_i = dist[i]
            for j in range(nodes):
                d_kj = row_k[j]
                if d_kj is None:
                    continue
                current = row_i[j]
                if current is None or d_ik + d_kj < current:
                    row_i[j] = d_ik + d_kj
    return dist


def _solve(
    chain: tuple[str, ...], spans: Mapping[str, tuple[int, int]], given: Mapping[str, int]
) -> tuple[dict[str, int], frozenset[str]]:
    """Stored rows satisfying ``given`` and the rows that ``given`` does not determine."""
    nodes = len(chain) + 2
    edges = _edges(chain, spans, given)
    cycle = _negative_cycle(nodes, edges)
    if cycle is not None:
        raise LedgerError(_explain(cycle, given))
    dist = _shortest_paths(nodes, edges)
    # Lowest position of every node relative to node 0 (every node reaches node 0
    # through the lower bounds of the stored rows): a solution in which each
    # unknown split puts its slack in the last stored row of its span.
    position = []
    for i in range(nodes):
        back = dist[i][0]
        assert back is not None
        position.append(-back)
    values = {}
    for name in (*chain, "carried_over", "newly_accepted"):
        u, v = spans[name]
        values[name] = position[v] - position[u]
    unknown = set()
    for name, (u, v) in spans.items():
        upper, lower = dist[u][v], dist[v][u]
        if upper is None or lower is None or upper != -lower:
            unknown.add(name)
    return values, frozenset(unknown)


# --------------------------------------------------------------------------- the two ledgers


@attrs.frozen(repr=False, kw_only=True)
class CaseLedger(_Ledger):
    """The ledger in cases (số liệu thi hành án về việc): one decision is one việc.

    Stored rows are keyword-only ``int`` >= 0, default 0; ``float``, ``bool``,
    ``None`` and strings raise :class:`~thads_metrics.errors.LedgerError`. The
    rows must balance: to_enforce (accepted − entrusted − withdrawn) equals
    with_conditions + without_conditions. ``unknown`` lists rows a ledger built
    by :meth:`from_totals` cannot know (empty otherwise). Merge with ``+``.

    >>> a = CaseLedger(carried_over=5, newly_accepted=7, entrusted=1, completed=6,
    ...                terminated=1, in_progress=2, without_conditions=2)
    >>> a.to_enforce, a.with_conditions, a.finished, a.carried_forward
    (11, 9, 7, 4)
    >>> (a + a).finished, sum([a, a, a], start=CaseLedger()).accepted
    (14, 36)
    >>> CaseLedger(newly_accepted=1.0)
    Traceback (most recent call last):
    ...
    thads_metrics.errors.LedgerError: newly_accepted (thụ lý mới) must be an int, got float 1.0
    """

    STORED: ClassVar[tuple[str, ...]] = (
        "carried_over",
        "newly_accepted",
        "entrusted",
        "withdrawn",
        "completed",
        "terminated",
        "in_progress",
        "postponed",
        "suspended",
        "other",
        "without_conditions",
    )
    DERIVED: ClassVar[tuple[str, ...]] = (
        "accepted",
        "to_enforce",
        "with_conditions",
        "finished",
        "carried_forward",
        "carried_forward_with_conditions",
    )
    ROWS: ClassVar[tuple[str, ...]] = _form_order(STORED, DERIVED)
    _UNIT: ClassVar[str] = "cases"
    _FINISHED_PARTS: ClassVar[tuple[str, ...]] = ("completed", "terminated")
    _CHAIN: ClassVar[tuple[str, ...]] = (
        "entrusted",
        "withdrawn",
        "terminated",
        "completed",
        "postponed",
        "suspended",
        "other",
        "in_progress",
        "without_conditions",
    )
    _SPANS: ClassVar[Mapping[str, tuple[int, int]]] = MappingProxyType(_spans(_CHAIN, 2, 4))

    carried_over: int = 0
    newly_accepted: int = 0
    entrusted: int = 0
    withdrawn: int = 0
    completed: int = 0
    terminated: int = 0
    in_progress: int = 0
    postponed: int = 0
    suspended: int = 0
    other: int = 0
    without_conditions: int = 0
    unknown: frozenset[str] = attrs.field(factory=frozenset, converter=_to_row_set, repr=False)


@attrs.frozen(repr=False, kw_only=True)
class AmountLedger(_Ledger):
    """The ledger in money (số liệu thi hành án về tiền), in đồng (integers).

    The rows of :class:`CaseLedger` plus ``reduced`` (giảm, miễn thi hành án).
    ``finished`` counts reduced amounts with completed and terminated ones, as
    the national definition is read (DOMAIN §3); they leave the ledger either
    way, so carried_forward excludes them. For a rate without them use
    ``completion_rate(count_reduced=False)`` or :attr:`finished_excluding_reduced`.

    >>> tien = AmountLedger(newly_accepted=10_000_000, completed=4_000_000, reduced=1_000_000,
    ...                     in_progress=3_000_000, without_conditions=2_000_000)
    >>> tien.finished, tien.finished_excluding_reduced, tien.carried_forward
    (5000000, 4000000, 5000000)
    >>> tien.completion_rate(), tien.completion_rate(count_reduced=False)
    (Decimal('62.5'), Decimal('50'))
    """

    STORED: ClassVar[tuple[str, ...]] = (
        "carried_over",
        "newly_accepted",
        "entrusted",
        "withdrawn",
        "completed",
        "terminated",
        "reduced",
        "in_progress",
        "postponed",
        "suspended",
        "other",
        "without_conditions",
    )
    DERIVED: ClassVar[tuple[str, ...]] = (
        "accepted",
        "to_enforce",
        "with_conditions",
        "finished",
        "finished_excluding_reduced",
        "carried_forward",
        "carried_forward_with_conditions",
    )
    ROWS: ClassVar[tuple[str, ...]] = _form_order(STORED, DERIVED)
    _UNIT: ClassVar[str] = "đồng"
    _FINISHED_PARTS: ClassVar[tuple[str, ...]] = ("completed", "terminated", "reduced")
    _CHAIN: ClassVar[tuple[str, ...]] = (
        "entrusted",
        "withdrawn",
        "reduced",
        "terminated",
        "completed",
        "postponed",
        "suspended",
        "other",
        "in_progress",
        "without_conditions",
    )
    _SPANS: ClassVar[Mapping[str, tuple[int, int]]] = MappingProxyType(
        {**_spans(_CHAIN, 3, 4), "finished_excluding_reduced": (3, 5)}
    )

    carried_over: int = 0
    newly_accepted: int = 0
    entrusted: int = 0
    withdrawn: int = 0
    completed: int = 0
    terminated: int = 0
    reduced: int = 0
    in_progress: int = 0
    postponed: int = 0
    suspended: int = 0
    other: int = 0
    without_conditions: int = 0
    unknown: frozenset[str] = attrs.field(factory=frozenset, converter=_to_row_set, repr=False)

    @property
    def finished(self) -> int:
        """Finished money (tiền thi hành xong, tính tỷ lệ) = completed + terminated + reduced.

        >>> AmountLedger(newly_accepted=6, completed=3, terminated=2, reduced=1).finished
        6
        """
        return self.completed + self.terminated + self.reduced

    @property
    def finished_excluding_reduced(self) -> int:
        """Finished money without reductions (không tính giảm, miễn) = completed + terminated.

        >>> tien = AmountLedger(newly_accepted=6, completed=3, terminated=2, reduced=1)
        >>> tien.finished_excluding_reduced
        5
        """
        return self.completed + self.terminated

    def completion_rate(self, *, count_reduced: bool = True, empty: Exact | None = None) -> Decimal:
        """Money completion rate in percent (tỷ lệ thi hành xong về tiền).

        finished ÷ with_conditions × 100, where finished counts reduced amounts
        (giảm, miễn) unless ``count_reduced=False``; the base, with_conditions,
        always includes them. Delegates to
        :func:`thads_metrics.rates.completion_rate`.

        >>> tien = AmountLedger(newly_accepted=8, completed=2, reduced=2, in_progress=4)
        >>> tien.completion_rate(), tien.completion_rate(count_reduced=False)
        (Decimal('50'), Decimal('25'))
        """
        if not isinstance(count_reduced, bool):
            raise LedgerError(
                f"count_reduced must be True or False, got {type(count_reduced).__name__} "
                f"{count_reduced!r}"
            )
        if count_reduced:
            return super().completion_rate(empty=empty)
        self._require_known("completion_rate", "finished_excluding_reduced", "with_conditions")
        return _completion_rate(self.finished_excluding_reduced, self.with_conditions, empty=empty)
