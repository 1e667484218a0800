"""Case records and their aggregation into ledgers (tổng hợp số liệu từ từng việc).

A :class:`CaseRecord` is one enforcement decision (one việc) as a unit reports
it for a period: where it came from (carried over or newly accepted), whether
it left the unit (entrusted or withdrawn), its status and its amounts in đồng.
:func:`aggregate` turns any stream of records into a :class:`CaseLedger` and an
:class:`AmountLedger` per group (unit, unit and period, or any key). It reads
the records once, in one pass, keeping only one accumulator per group, so a
generator over millions of rows runs in memory proportional to the number of
groups.

Results add up: aggregating two halves of the records and adding the results
with ``+`` gives the same ledgers as aggregating the whole. That is what lets
the work be split across files, processes or any map-reduce engine.

>>> p = ReportingPeriod(2023, 12)
>>> records = [
...     CaseRecord(unit="Long An", period=p, origin=Origin.NEW, status=Status.COMPLETED,
...                amount_due=5_000_000, amount_finished=5_000_000),
...     CaseRecord(unit="Long An", period=p, origin=Origin.CARRIED_OVER,
...                status=Status.WITHOUT_CONDITIONS, amount_due=9_000_000),
... ]
>>> cases, money = aggregate(records)[("Long An", p)]
>>> cases.accepted, cases.finished, money.to_enforce, money.finished
(2, 1, 14000000, 5000000)
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime
from operator import attrgetter
from types import MappingProxyType
from typing import Any, NamedTuple

import attrs

from thads_metrics._checks import (
    require_choice,
    require_flag,
    require_instance,
    require_int,
    require_iterable,
    shown,
)
from thads_metrics._html import html_table
from thads_metrics.calendar import ReportingPeriod
from thads_metrics.classification import Status
from thads_metrics.errors import LedgerError, PeriodError
from thads_metrics.ledger import ROW_TERMS, AmountLedger, CaseLedger, RowEnum
from thads_metrics.ledger.layouts import LAYOUTS, Layout, as_layout, layout_for
from thads_metrics.ledger.rows import INTAKE_ROWS

__all__ = [
    "CATEGORIES",
    "Aggregation",
    "Aggregator",
    "CaseRecord",
    "LedgerPair",
    "Origin",
    "aggregate",
    "group_keys",
]


class Origin(RowEnum):
    """Where a case comes from: carried over from last year or newly accepted (nguồn thụ lý).

    >>> Origin.CARRIED_OVER.term, Origin.NEW.value
    ('số năm trước chuyển sang', 'newly_accepted')
    """

    CARRIED_OVER = "carried_over"
    NEW = "newly_accepted"

    @classmethod
    def _missing_(cls, value: object) -> Origin:
        """Refuse an unknown value with :class:`LedgerError` (code ``.choice``/``.type``).

        >>> Origin("new")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        thads_metrics.errors.LedgerError: Origin must be one of 'carried_over', ... got 'new'
        """
        values = tuple(member.value for member in cls)
        return cls(require_choice("Origin", value, values, LedgerError))


# Where a record goes in the ledgers: its disposition (the row it ends in), i.e. every
# stored row of the case ledger but the two origins.
_DISPOSITIONS = tuple(name for name in CaseLedger.STORED if name not in INTAKE_ROWS)
_STATUS_INDEX = {s: _DISPOSITIONS.index(s.value) for s in Status if s.value in _DISPOSITIONS}
_KINDS = 2 * len(_DISPOSITIONS)  # origin × disposition
# Any grouping but the default keeps one block of _KINDS sums per layout, so that the
# layout of a group is that of its records' periods (a record adds to its period's block).
_LAYOUT_ORDER: tuple[Layout, ...] = tuple(LAYOUTS.values())
_WIDE = _KINDS * len(_LAYOUT_ORDER)

# A record's contribution, packed in one int of four 128-bit lanes: count, due,
# finished, reduced. Amounts below 2**64 are packed; a lane could only overflow
# after 2**64 records in one group. Larger amounts take an exact slow path.
_LANE = 128
_MASK = (1 << _LANE) - 1
_PACKABLE = 1 << 64

_A_PERIOD = "a ReportingPeriod (kỳ báo cáo)"

_FIELDS = (
    "unit",
    "period",
    "origin",
    "status",
    "entrusted",
    "withdrawn",
    "amount_due",
    "amount_finished",
    "amount_reduced",
    "category",
)

#: Kinds of case that reports break results down by (nhóm việc), by code; a record's
#: ``category`` is one of these codes or any other non-empty name (free text).
CATEGORIES: Mapping[str, str] = MappingProxyType(
    {
        "credit": "tín dụng, ngân hàng",
        "corruption": "thu hồi tài sản trong các vụ án hình sự về tham nhũng, kinh tế",
        "state_budget": "thu cho ngân sách nhà nước",
        "administrative": "án hành chính",
    }
)


def _check_category(value: object) -> None:
    if type(value) is not str or not value.strip():
        raise LedgerError(
            f"category must be a non-empty str (a code of CATEGORIES or any name), got "
            f"{shown(value)}",
            code="ledger.type",
            details={"argument": "category", "value": shown(value), "rule": "a non-empty str"},
        )


def _refuse(message: str, *, code: str, **details: Any) -> LedgerError:
    """A :class:`LedgerError` of a record whose fields contradict each other."""
    return LedgerError(message, code=code, details=details)


def _day(name: str, value: object) -> date:
    """A calendar day: a ``date``, not a ``datetime`` (a time of day is not a day)."""
    if not isinstance(value, date) or isinstance(value, datetime):
        raise LedgerError(
            f"{name} must be a date, got {type(value).__name__} {shown(value)}",
            code="ledger.type",
            details={"argument": name, "value": shown(value), "rule": "a date"},
        )
    return value


def _check_dates(record: CaseRecord) -> None:
    """The dates of a record agree with its origin, status and period."""
    period = record.period
    accepted = None if record.accepted_on is None else _day("accepted_on", record.accepted_on)
    finished = None if record.finished_on is None else _day("finished_on", record.finished_on)
    if accepted is not None:
        new = record.origin is Origin.NEW
        low, high = (period.start, period.end) if new else (None, period.start)
        if (
            accepted > period.end
            or (new and accepted < period.start)
            or (not new and accepted >= period.start)
        ):
            where = (
                f"between {period.start} and {period.end} (thụ lý mới in {period.label})"
                if new
                else f"before {period.start} (chuyển sang: accepted in an earlier year)"
            )
            raise _refuse(
                f"accepted_on {accepted} does not fit a {record.origin.value} case of "
                f"{period.label}: it must be {where}",
                code="ledger.date",
                fields=("accepted_on", "origin", "period"),
                value=accepted.isoformat(),
                low=None if low is None else low.isoformat(),
                high=high.isoformat(),
                rule="a new case is accepted within its period, a carried-over one before it",
            )
    if finished is None:
        return
    if record.status not in (Status.COMPLETED, Status.TERMINATED):
        raise _refuse(
            f"only a completed or terminated case has a finished_on; this one is "
            f"{shown(record.status)}",
            code="ledger.date",
            fields=("finished_on", "status"),
            value=finished.isoformat(),
            rule="finished_on only for COMPLETED or TERMINATED",
        )
    if not period.start <= finished <= period.end or (accepted is not None and finished < accepted):
        raise _refuse(
            f"finished_on {finished} must fall within {period.label} ({period.start} to "
            f"{period.end}) and not before accepted_on ({accepted})",
            code="ledger.date",
            fields=("finished_on", "accepted_on", "period"),
            value=finished.isoformat(),
            rule="accepted_on <= finished_on, within the period",
        )


@attrs.frozen(kw_only=True)
class CaseRecord:
    """One case (một việc thi hành án) as a unit reports it for a period.

    - ``unit``: the reporting unit (đơn vị), any non-empty name; roll-ups do
      not assume a hierarchy.
    - ``period``: the :class:`~thads_metrics.calendar.ReportingPeriod`.
    - ``origin``: :class:`Origin`, carried over (chuyển sang) or new (thụ lý mới).
    - ``entrusted`` / ``withdrawn``: the case left the unit (ủy thác / thu hồi,
      hủy quyết định); it then has no ``status`` and its whole amount_due
      leaves with it.
    - ``status``: otherwise its :class:`~thads_metrics.classification.Status`;
      ``REDUCED`` is a money row only, so it is refused: record the amount in
      ``amount_reduced`` (a case fully exempted is terminated, đình chỉ).
    - ``amount_due`` (số tiền phải thi hành), ``amount_finished`` (đã thi hành
      xong) and ``amount_reduced`` (giảm, miễn), integer đồng;
      finished + reduced <= due, and equal to it for a completed case. The rest
      of the amount is counted in the row of the status.
    - ``category``: optional kind of case for breakdowns (nhóm việc): a code of
      :data:`CATEGORIES` ("credit": tín dụng, ngân hàng; "corruption": thu hồi
      tài sản trong vụ án tham nhũng, kinh tế; "state_budget": thu cho ngân
      sách nhà nước; "administrative") or any other non-empty name.
    - ``accepted_on`` (ngày thụ lý) and ``finished_on`` (ngày thi hành xong or
      đình chỉ), optional dates for the court measures of
      :mod:`thads_metrics.timing` (age of the pending cases, time to
      disposition): a carried-over case was accepted before the enforcement
      year began, a new one within the period; only a completed or terminated
      case has a ``finished_on``, within the period and not before it was
      accepted.
    - ``STAYED`` (hoãn, tạm đình chỉ counted apart) is a status only in periods
      whose forms have that bucket (Thông tư 06/2019/TT-BTP and later, see
      :func:`~thads_metrics.ledger.layouts.layout_for`).

    Every field is checked; a wrong type or contradiction raises
    :class:`~thads_metrics.errors.LedgerError`, nothing is coerced.

    >>> r = CaseRecord(unit="Quận 1", period=ReportingPeriod(2019, 6), origin=Origin.NEW,
    ...                status=Status.IN_PROGRESS, amount_due=10, amount_finished=4)
    >>> cases, money = r.ledgers()
    >>> cases.in_progress, money.completed, money.in_progress
    (1, 4, 6)
    """

    unit: str
    period: ReportingPeriod
    origin: Origin
    status: Status | None = None
    entrusted: bool = False
    withdrawn: bool = False
    amount_due: int = 0
    amount_finished: int = 0
    amount_reduced: int = 0
    category: str | None = None
    accepted_on: date | None = None
    finished_on: date | None = None
    # Precomputed at construction for aggregate(): row kind, packed amounts, period code.
    _kind: int = attrs.field(init=False, eq=False, repr=False)
    _packed: int | None = attrs.field(init=False, eq=False, repr=False)
    _pcode: int = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        # Records are built by the million: each field is first tested inline for the
        # common exact type, and only a value that fails goes to _checks for its verdict
        # (a subclass passes there; anything else raises with the argument's code).
        unit, period, origin = self.unit, self.period, self.origin
        if type(unit) is not str:
            require_instance("unit", unit, str, LedgerError, what="a non-empty str")
        if not unit.strip():
            raise LedgerError(
                f"unit (đơn vị) must be a non-empty str, got {unit!r}",
                code="ledger.empty_unit",
                details={"argument": "unit", "value": unit, "rule": "a non-empty str"},
            )
        if type(period) is not ReportingPeriod:
            require_instance("period", period, ReportingPeriod, PeriodError, what=_A_PERIOD)
        if type(origin) is not Origin:
            require_instance("origin", origin, Origin, LedgerError, what="an Origin (nguồn thụ lý)")
        entrusted, withdrawn, status = self.entrusted, self.withdrawn, self.status
        if type(entrusted) is not bool:
            require_flag("entrusted", entrusted, LedgerError)
        if type(withdrawn) is not bool:
            require_flag("withdrawn", withdrawn, LedgerError)
        due, finished, reduced = self.amount_due, self.amount_finished, self.amount_reduced
        for name, value, term in (
            ("amount_due", due, "số tiền phải thi hành"),
            ("amount_finished", finished, "số tiền thi hành xong"),
            ("amount_reduced", reduced, "số tiền giảm, miễn"),
        ):
            if type(value) is not int or value < 0:
                require_int(name, value, LedgerError, term=term)
        if entrusted or withdrawn:
            if entrusted and withdrawn:
                raise _refuse(
                    "a case is either entrusted (ủy thác) or withdrawn (thu hồi, hủy quyết "
                    "định), not both",
                    code="ledger.entrusted_and_withdrawn",
                    fields=("entrusted", "withdrawn"),
                    rule="a case leaves the unit one way at most",
                )
            left = "entrusted" if entrusted else "withdrawn"
            article = "an" if entrusted else "a"
            if status is not None:
                given = status.value if isinstance(status, Status) else shown(status)
                raise _refuse(
                    f"{article} {left} case leaves this unit's ledger, so it has no status, "
                    f"got {given}",
                    code="ledger.status_of_departed",
                    fields=(left, "status"),
                    value=given,
                    rule=f"{article} {left} case has no status",
                )
            if finished or reduced:
                raise _refuse(
                    f"{article} {left} case carries its whole amount_due away; amount_finished "
                    f"({shown(finished)}) and amount_reduced ({shown(reduced)}) must be 0",
                    code="ledger.amounts_of_departed",
                    fields=(left, "amount_finished", "amount_reduced"),
                    amount_finished=finished,
                    amount_reduced=reduced,
                    rule=f"{article} {left} case has nothing finished or reduced",
                )
            disposition = 0 if entrusted else 1
        else:
            if type(status) is not Status:
                status = require_instance(
                    "status", status, Status, LedgerError, what="a Status (kết quả thi hành)"
                )
            if status is Status.REDUCED:
                raise _refuse(
                    "status REDUCED (giảm, miễn) is a row of the money ledger only; put the "
                    "amount in amount_reduced and give the case's own status (a case fully "
                    "exempted is TERMINATED, đình chỉ)",
                    code="ledger.money_only",
                    fields=("status",),
                    value=status.value,
                    rule="REDUCED is a row of the money ledger only",
                )
            if finished + reduced > due:
                raise _refuse(
                    f"amount_finished ({shown(finished)}) + amount_reduced ({shown(reduced)}) "
                    f"cannot exceed amount_due ({shown(due)})",
                    code="ledger.amount_exceeds_due",
                    fields=("amount_finished", "amount_reduced", "amount_due"),
                    amount_finished=finished,
                    amount_reduced=reduced,
                    amount_due=due,
                    rule="amount_finished + amount_reduced <= amount_due",
                )
            if status is Status.COMPLETED and finished + reduced != due:
                raise _refuse(
                    f"a completed case (thi hành xong) has nothing left to enforce: "
                    f"amount_finished ({shown(finished)}) + amount_reduced ({shown(reduced)}) "
                    f"must equal amount_due ({shown(due)})",
                    code="ledger.completed_with_remainder",
                    fields=("status", "amount_finished", "amount_reduced", "amount_due"),
                    amount_finished=finished,
                    amount_reduced=reduced,
                    amount_due=due,
                    rule="a completed case: amount_finished + amount_reduced == amount_due",
                )
            if status is Status.STAYED and not layout_for(period.end).has("stayed"):
                form = layout_for(period.end)
                raise _refuse(
                    f"status STAYED (hoãn, tạm đình chỉ counted apart from có điều kiện) is not a "
                    f"row of the forms of {period.label} (Thông tư {form.circular}): there a "
                    "stayed case is POSTPONED or SUSPENDED, inside có điều kiện",
                    code="ledger.layout",
                    fields=("status", "period"),
                    value=shown(status),
                    layout=form.code,
                    rule="STAYED only in periods under Thông tư 06/2019/TT-BTP or later",
                )
            disposition = _STATUS_INDEX[status]
        if self.category is not None:
            _check_category(self.category)
        if self.accepted_on is not None or self.finished_on is not None:
            _check_dates(self)
        kind = disposition + (0 if origin is Origin.CARRIED_OVER else len(_DISPOSITIONS))
        packed: int | None = None
        if due < _PACKABLE:  # finished and reduced are at most due
            packed = 1 | due << _LANE | finished << 2 * _LANE | reduced << 3 * _LANE
        object.__setattr__(self, "_kind", kind)
        object.__setattr__(self, "_packed", packed)
        object.__setattr__(self, "_pcode", period.year * 16 + period.months)

    def ledgers(self, *, layout: Layout | str | None = None) -> LedgerPair:
        """This case alone as a pair of ledgers (one việc, its amounts).

        In the layout of its period (or ``layout``). Adding the pairs of many
        records gives what :func:`aggregate` gives.
        This is the plain statement of the record-to-row rule; :func:`aggregate`
        implements the same rule on packed integer sums for speed, and the
        property tests hold the two against each other, so keep them apart.

        >>> r = CaseRecord(unit="A", period=ReportingPeriod(2023, 12), entrusted=True,
        ...                origin=Origin.CARRIED_OVER, amount_due=7)
        >>> r.ledgers().amounts.entrusted, r.ledgers().cases.to_enforce
        (7, 0)
        """
        case_rows: dict[str, Any] = dict.fromkeys(CaseLedger.STORED, 0)
        money_rows: dict[str, Any] = dict.fromkeys(AmountLedger.STORED, 0)
        case_rows[self.origin.value] = 1
        money_rows[self.origin.value] = self.amount_due
        if self.status is None:
            row = "entrusted" if self.entrusted else "withdrawn"
            money_rows[row] = self.amount_due
        else:
            row = self.status.value
            money_rows["completed"] += self.amount_finished
            money_rows["reduced"] += self.amount_reduced
            money_rows[row] += self.amount_due - self.amount_finished - self.amount_reduced
        case_rows[row] = 1
        form = layout_for(self.period.end) if layout is None else as_layout(layout)
        return LedgerPair(
            CaseLedger(**case_rows, layout=form), AmountLedger(**money_rows, layout=form)
        )


class _Pair(NamedTuple):
    cases: CaseLedger
    amounts: AmountLedger


_NO_CASES = CaseLedger()
_NO_AMOUNTS = AmountLedger()


class LedgerPair(_Pair):
    """The two ledgers of one group, về việc and về tiền: a ``(cases, amounts)`` tuple.

    It unpacks (with precise types) as ``cases, amounts = pair``. Unlike other
    tuples, ``+`` adds ledger to ledger instead of concatenating; both default
    to the empty ledger, so ``sum(pairs, start=LedgerPair())`` works.

    >>> pair = LedgerPair(CaseLedger(newly_accepted=1, completed=1),
    ...                   AmountLedger(newly_accepted=5, completed=5))
    >>> cases, amounts = pair + pair
    >>> cases.finished, amounts.finished
    (2, 10)
    """

    __slots__ = ()

    def __new__(
        cls, cases: CaseLedger = _NO_CASES, amounts: AmountLedger = _NO_AMOUNTS
    ) -> LedgerPair:
        require_instance("cases", cases, CaseLedger, LedgerError, what="a CaseLedger")
        require_instance("amounts", amounts, AmountLedger, LedgerError, what="an AmountLedger")
        return super().__new__(cls, cases, amounts)

    def __add__(self, other: LedgerPair) -> LedgerPair:  # type: ignore[override]
        if not isinstance(other, LedgerPair):
            raise _cannot_add(self, other, "sum(pairs, start=LedgerPair())")
        return LedgerPair(self.cases + other.cases, self.amounts + other.amounts)

    def __radd__(self, other: object) -> Any:
        raise _cannot_add(self, other, "sum(pairs, start=LedgerPair())")

    def __mul__(self, other: object) -> Any:
        raise LedgerError(
            "a LedgerPair cannot be repeated with *; add pairs with +",
            code="ledger.operation",
            details={"operation": "*", "value": shown(other), "rule": "pairs only add with +"},
        )

    def _repr_html_(self) -> str:
        """The two ledgers side by side (việc, tiền) as an HTML table, for notebooks."""
        rows = [
            [
                ROW_TERMS[name],
                getattr(self.cases, name) if name in CaseLedger.ROWS else None,
                getattr(self.amounts, name),
            ]
            for name in AmountLedger.ROWS
        ]
        return html_table("LedgerPair", ["dòng", "việc", "tiền (đồng)"], rows)

    __rmul__ = __mul__


def _cannot_add(this: object, other: object, hint: str) -> LedgerError:
    return LedgerError(
        f"cannot add {type(other).__name__} {shown(other)} and {type(this).__name__}: "
        f"only values of the same kind add up; to add many, use {hint}",
        code="ledger.type",
        details={
            "argument": "other",
            "value": shown(other),
            "rule": f"{'an' if type(this).__name__[0] in 'AEIOU' else 'a'} {type(this).__name__}",
        },
    )


def _check_pair(key: object, pair: object) -> None:
    """Refuse a group whose value is not a :class:`LedgerPair` (code ``ledger.type``)."""
    if not isinstance(pair, LedgerPair):
        raise LedgerError(
            f"group {shown(key)} must map to a LedgerPair, got {type(pair).__name__}",
            code="ledger.type",
            details={"argument": "groups", "key": shown(key), "value": shown(pair)},
        )


_NO_GROUPS: Mapping[Hashable, LedgerPair] = MappingProxyType({})


class Aggregation(Mapping[Hashable, LedgerPair]):
    """Ledgers by group, as :func:`aggregate` returns them (số liệu tổng hợp theo nhóm).

    A read-only mapping from group key to :class:`LedgerPair`. Two aggregations
    add with ``+`` group by group (a group in only one of them is kept as is);
    the empty ``Aggregation()`` is the identity, so ``sum(parts,
    start=Aggregation())`` combines partial results.

    >>> p = ReportingPeriod(2023, 12)
    >>> one = aggregate([CaseRecord(unit="A", period=p, origin=Origin.NEW,
    ...                             status=Status.OTHER)], by="unit")
    >>> both = one + one
    >>> both["A"].cases.other, len(both), both.total().cases.accepted
    (2, 1, 2)
    """

    __slots__ = ("_groups",)

    def __init__(self, groups: Mapping[Hashable, LedgerPair] = _NO_GROUPS) -> None:
        what = "a mapping of group keys to LedgerPair"
        items = dict(require_instance("groups", groups, Mapping, LedgerError, what=what))
        for key, pair in items.items():
            _check_pair(key, pair)
        self._groups: dict[Hashable, LedgerPair | _Sums] = dict(items)

    @classmethod
    def _of_sums(cls, groups: dict[Hashable, LedgerPair | _Sums]) -> Aggregation:
        """An aggregation of an :class:`Aggregator`'s sums, each group's ledgers built
        (and checked) when first looked up: a file of many periods costs only those used.
        Nothing else tells the two apart."""
        made = cls.__new__(cls)
        made._groups = groups
        return made

    def __getitem__(self, key: Hashable) -> LedgerPair:
        pair = self._groups[key]
        if type(pair) is _Sums:
            pair = self._groups[key] = _build(*pair)
        return pair  # type: ignore[return-value]

    def __iter__(self) -> Iterator[Hashable]:
        return iter(self._groups)

    def __len__(self) -> int:
        return len(self._groups)

    def __add__(self, other: Aggregation) -> Aggregation:
        if not isinstance(other, Aggregation):
            raise _cannot_add(self, other, "sum(parts, start=Aggregation())")
        merged = dict(self.items())
        for key, pair in other.items():
            mine = merged.get(key)
            merged[key] = pair if mine is None else mine + pair
        return Aggregation(merged)

    def __radd__(self, other: object) -> Any:
        raise _cannot_add(self, other, "sum(parts, start=Aggregation())")

    def total(self) -> LedgerPair:
        """All groups added together (tổng cộng).

        >>> Aggregation().total() == LedgerPair()
        True
        """
        return sum(self.values(), start=LedgerPair())

    def __repr__(self) -> str:
        return f"Aggregation({dict(self.items())!r})"


def _period(code: int) -> ReportingPeriod:
    """The period of a record's ``_pcode`` (year * 16 + months)."""
    return ReportingPeriod(code >> 4, code & 15)


def group_keys(
    by: str | Sequence[str] | Callable[[CaseRecord], Hashable],
) -> tuple[Callable[[CaseRecord], Hashable], Callable[[Hashable], Hashable]]:
    """(internal key of a record, public key of an internal key) for ``by`` (khóa nhóm).

    The grouping rule of :func:`aggregate`, for any other pass over records
    (:func:`thads_metrics.timing.case_timing`).

    Internal keys use a period's int code, which hashes in C, where a
    ReportingPeriod hashes in Python; the public key restores the period.
    """
    if callable(by):
        return by, _same
    if isinstance(by, str):
        names: tuple[str, ...] = (by,)
    elif isinstance(by, (tuple, list)):
        names = tuple(by)
    else:
        raise LedgerError(
            "by must be a field name, a tuple of field names or a function of a CaseRecord, "
            f"got {type(by).__name__} {shown(by)}",
            code="ledger.type",
            details={"argument": "by", "value": shown(by), "rule": _BY_RULE},
        )
    for name in names:
        if not isinstance(name, str) or name not in _FIELDS:
            raise LedgerError(
                f"by names {shown(name)}, which is not a field of CaseRecord; fields are "
                f"{', '.join(_FIELDS)}",
                code="ledger.choice" if isinstance(name, str) else "ledger.type",
                details={
                    "argument": "by",
                    "value": shown(name),
                    "rule": f"one of {', '.join(_FIELDS)}",
                },
            )
    fast = tuple("_pcode" if name == "period" else name for name in names)
    if isinstance(by, str):
        return attrgetter(fast[0]), (_period_key if by == "period" else _same)
    if not names:
        return _no_key, _same
    periods = tuple(i for i, name in enumerate(names) if name == "period")
    if len(names) == 1:
        getter = attrgetter(fast[0])
        if periods:
            return getter, _wrap_period_key
        return getter, _wrap_key
    if not periods:
        return attrgetter(*fast), _same

    def public(key: Hashable) -> Hashable:
        assert isinstance(key, tuple)
        parts = list(key)
        for i in periods:
            parts[i] = _period(parts[i])
        return tuple(parts)

    return attrgetter(*fast), public


_BY_RULE = "a field name, a tuple of field names or a function of a CaseRecord"


def _same(key: Hashable) -> Hashable:
    return key


def _no_key(record: CaseRecord) -> Hashable:
    return ()


def _wrap_key(key: Hashable) -> Hashable:
    return (key,)


def _period_key(key: Hashable) -> Hashable:
    assert isinstance(key, int)
    return _period(key)


def _wrap_period_key(key: Hashable) -> Hashable:
    return (_period_key(key),)


def aggregate(
    records: Iterable[CaseRecord],
    by: str | Sequence[str] | Callable[[CaseRecord], Hashable] = ("unit", "period"),
    *,
    layout: Layout | str | None = None,
) -> Aggregation:
    """Aggregate case records into ledgers by group (tổng hợp số liệu theo đơn vị, kỳ).

    ``by`` is a tuple of :class:`CaseRecord` field names (keys are tuples:
    ``("unit", "period")``, the default, or ``("unit",)``), a single field
    name (keys are its values), or a function of a record returning any
    hashable key. Records of different periods are cumulative snapshots of the
    same cases, so group by period unless the records are all of one period.

    ``records`` may be any iterable, read once: memory grows with the number
    of groups, not of records. Sums are exact integers. The result adds with
    ``+``: ``aggregate(a) + aggregate(b) == aggregate(a + b)``.

    Each group's ledgers have the layout of its records' periods
    (:func:`~thads_metrics.ledger.layouts.layout_for` the period's last day),
    whatever ``by`` is: the records of a group must all fall under one
    statistics circular, or the group is refused with
    :class:`~thads_metrics.errors.LedgerError` (``ledger.layout``): group by
    period, then convert the ledgers to one layout
    (:meth:`~thads_metrics.ledger.ledgers.CaseLedger.convert`) before adding them.
    ``layout`` counts every group in the layout given instead, the records'
    rows as they are (a ``STAYED`` record then needs a layout with that row).

    >>> p = ReportingPeriod(2022, 12)
    >>> rows = (CaseRecord(unit=u, period=p, origin=Origin.NEW, status=s)
    ...         for u, s in [("A", Status.COMPLETED), ("B", Status.OTHER), ("A", Status.OTHER)])
    >>> result = aggregate(rows, by=("unit",))
    >>> sorted(result), result[("A",)].cases.completion_rate()
    ([('A',), ('B',)], Decimal('50'))
    """
    return Aggregator(by, layout=layout).update(records).result()


class Aggregator:
    """A running aggregation of case records (bộ cộng dồn số liệu), for batches and workers.

    What :func:`aggregate` does, in steps: :meth:`update` adds records (any
    iterable, read once; call it for each batch or file), :meth:`merge` adds
    another aggregator's sums (of another worker, another partition), and
    :meth:`result` builds the ledgers. Its state is the packed integer sums of
    each group, not ledgers: merging adds integers and validates nothing,
    pickling it (to send it between processes) carries a few integers per
    group, and the ledgers are built and checked once, at the end.

    An aggregator is a mutable accumulator (the one mutable object of the
    library); ``a + b`` gives a new one and leaves both as they were.

    >>> p = ReportingPeriod(2023, 12)
    >>> def batch(status):
    ...     return [CaseRecord(unit="A", period=p, origin=Origin.NEW, status=status)]
    >>> left = Aggregator().update(batch(Status.COMPLETED))
    >>> right = Aggregator().update(batch(Status.OTHER))
    >>> (left + right).result()[("A", p)].cases.completion_rate()
    Decimal('50')
    >>> left.merge(right).result() == aggregate(batch(Status.COMPLETED) + batch(Status.OTHER))
    True
    """

    __slots__ = ("_big", "_by", "_groups", "_key_of", "_layout", "_public", "_tables")

    def __init__(
        self,
        by: str | Sequence[str] | Callable[[CaseRecord], Hashable] = ("unit", "period"),
        *,
        layout: Layout | str | None = None,
    ) -> None:
        self._key_of, self._public = group_keys(by)
        self._by = tuple(by) if isinstance(by, list) else by
        self._layout = None if layout is None else as_layout(layout)
        # The default grouping keeps its sums by period code, then unit (the hot loop's
        # shape); any other by internal key, a block of sums per layout (_WIDE). Records
        # too large to pack keep exact sums (4 a kind).
        self._tables: dict[int, dict[str, list[int]]] | None = (
            {} if self._by == ("unit", "period") else None
        )
        self._groups: dict[Hashable, list[int]] = {}
        self._big: dict[Hashable, list[int]] = {}

    def update(self, records: Iterable[CaseRecord]) -> Aggregator:
        """Add ``records`` (read once) to the sums; returns the aggregator."""
        require_iterable("records", records, LedgerError, what="an iterable of CaseRecord")
        if self._tables is not None:
            _by_unit_and_period(records, self._tables, self._big)
        else:
            _by_key(records, self._key_of, self._groups, self._big)
        return self

    def _sinks(self) -> tuple[dict[int, dict[str, list[int]]], dict[Hashable, list[int]]]:
        """The sums of the default grouping, by period code then unit, and the exact sums
        of records too large to pack: for the package's readers that add to them directly
        (``csvio``, ``columnar``) in the layout of :func:`_by_unit_and_period`."""
        if self._tables is None:
            raise LedgerError(
                f"only an aggregation by ('unit', 'period') has these sums, not by {self._by!r}",
                code="ledger.operation",
                details={"argument": "by", "value": shown(self._by), "rule": "('unit', 'period')"},
            )
        return self._tables, self._big

    def _sums(self) -> dict[Hashable, list[int]]:
        """Internal key → packed sums, whatever the grouping."""
        if self._tables is None:
            return self._groups
        return {
            (unit, code): acc for code, table in self._tables.items() for unit, acc in table.items()
        }

    def merge(self, other: Aggregator) -> Aggregator:
        """Add the sums of ``other`` (same ``by`` and ``layout``) to these; returns self."""
        require_instance("other", other, Aggregator, LedgerError, what="an Aggregator")
        for what, given, own in (
            ("by", other._by, self._by),
            ("layout", other._layout, self._layout),
        ):
            if given != own:
                raise LedgerError(
                    f"cannot merge an aggregation with {what} {shown(given)} into one with "
                    f"{what} {shown(own)}",
                    code="ledger.operation",
                    details={"argument": "other", "value": shown(given), "rule": f"same {what}"},
                )
        if self._tables is not None and other._tables is not None:
            for code, table in other._tables.items():  # the default grouping, as it is kept
                into = self._tables.setdefault(code, {})
                for unit, acc in table.items():
                    mine = into.get(unit)
                    if mine is None:
                        into[unit] = list(acc)
                    else:
                        _add_into(mine, acc)
        else:
            for key, acc in other._sums().items():
                _add_into(self._slot(key), acc)
        for key, sums in other._big.items():
            _add_into(self._big.setdefault(key, [0] * len(sums)), sums)
        return self

    def _slot(self, key: Hashable) -> list[int]:
        if self._tables is not None:
            assert isinstance(key, tuple)
            unit, code = key
            table = self._tables.setdefault(code, {})
            return table.setdefault(unit, [0] * _KINDS)
        return self._groups.setdefault(key, [0] * _WIDE)

    def __add__(self, other: object) -> Aggregator:
        if not isinstance(other, Aggregator):
            return NotImplemented
        return self.copy().merge(other)

    def copy(self) -> Aggregator:
        """An aggregator with the same grouping and a copy of the sums."""
        twin = Aggregator.__new__(Aggregator)
        twin.__setstate__(self.__getstate__())
        return twin

    def __getstate__(self) -> dict[str, Any]:
        return {
            "by": self._by,
            "layout": None if self._layout is None else self._layout.code,
            # Each group's packed sums by row kind, the kinds it has only (most are 0).
            "groups": {
                key: {kind: value for kind, value in enumerate(acc) if value}
                for key, acc in self._sums().items()
            },
            "big": {key: list(sums) for key, sums in self._big.items()},
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        if "periods" in state:  # pickled before sums were kept by layout: not readable
            raise LedgerError(
                "this Aggregator was pickled by an earlier version of thads-metrics, whose "
                "sums this version cannot read; aggregate the records again",
                code="ledger.type",
                details={"argument": "state", "rule": "an Aggregator of this version"},
            )
        self.__init__(state["by"], layout=state["layout"])  # type: ignore[misc]
        for key, sums in state["groups"].items():
            slot = self._slot(key)
            for kind, value in sums.items():
                slot[kind] = value
        self._big = state["big"]

    def __len__(self) -> int:
        """The number of groups so far."""
        return len(self._sums())

    def __repr__(self) -> str:
        return f"Aggregator(by={self._by!r}, groups={len(self)})"

    def result(self) -> Aggregation:
        """The ledgers of each group (see :func:`aggregate`)."""
        fixed = self._layout
        public = self._public
        result: dict[Hashable, LedgerPair | _Sums] = {}
        if self._tables is not None:  # the default grouping: each period's layout found once
            for code, table in self._tables.items():
                period = _period(code)
                form = fixed or layout_for(period.end)
                for unit, acc in table.items():
                    big = self._big.get((unit, code))
                    result[unit, period] = _Sums(list(acc), big and list(big), form)
            return Aggregation._of_sums(result)
        for key, acc in self._sums().items():
            name = public(key)
            big = self._big.get(key)
            blocks = _blocks(acc, big)
            if fixed is None and len(blocks) > 1:
                raise _mixed_layouts(name, blocks)
            form = fixed or _LAYOUT_ORDER[blocks[0]]
            result[name] = _Sums(_fold(acc, blocks, 1), big and _fold(big, blocks, 4), form)
        return Aggregation._of_sums(result)


def _add_into(mine: list[int], sums: list[int]) -> None:
    """Add ``sums`` to ``mine``, place by place."""
    for i, value in enumerate(sums):
        if value:
            mine[i] += value


def _blocks(acc: list[int], big: list[int] | None) -> list[int]:
    """The layouts (indexes in :data:`_LAYOUT_ORDER`) whose block of a group's sums has records."""
    return [
        i
        for i in range(len(_LAYOUT_ORDER))
        if any(acc[i * _KINDS : (i + 1) * _KINDS])
        or (big is not None and any(big[4 * i * _KINDS : 4 * (i + 1) * _KINDS]))
    ]


def _fold(sums: list[int], blocks: list[int], size: int) -> list[int]:
    """The blocks ``blocks`` of a group's sums (``size`` values a kind) added into one."""
    width = size * _KINDS
    folded = sums[blocks[0] * width : (blocks[0] + 1) * width]
    for i in blocks[1:]:
        _add_into(folded, sums[i * width : (i + 1) * width])
    return folded


def _mixed_layouts(key: Hashable, blocks: list[int]) -> LedgerError:
    """The error of a group whose records' periods fall under different circulars."""
    forms = [_LAYOUT_ORDER[i] for i in blocks]
    names = ", ".join(f"Thông tư {form.circular}" for form in forms)
    return LedgerError(
        f"group {shown(key)} holds records of periods under different statistics circulars "
        f"({names}), whose rows do not mean the same; group by period (by=(..., 'period')) "
        "and convert the ledgers to one layout (ledger.convert(layout)) before adding them",
        code="ledger.layout",
        details={
            "argument": "by",
            "key": shown(key),
            "layouts": tuple(form.code for form in forms),
            "rule": "the records of a group fall under one statistics circular",
        },
    )


def _by_unit_and_period(
    records: Iterable[CaseRecord],
    tables: dict[int, dict[str, list[int]]],
    big: dict[Hashable, list[int]],
) -> None:
    """The hot loop for the default grouping: period code, then unit, then row kind."""
    get_table = tables.get
    record: Any = _NOTHING
    try:
        for record in records:
            code = record._pcode
            table = get_table(code)
            if table is None:
                table = tables[code] = {}
            acc = table.get(record.unit)
            if acc is None:
                acc = table[record.unit] = [0] * _KINDS
            try:
                acc[record._kind] += record._packed
            except TypeError:
                _add_big(big, (record.unit, code), record)
    except AttributeError:
        _check_record(record)
        raise


def _by_key(
    records: Iterable[CaseRecord],
    key_of: Callable[[CaseRecord], Hashable],
    groups: dict[Hashable, list[int]],
    big: dict[Hashable, list[int]],
) -> None:
    """The loop for any other grouping: each record adds to the block of its period's layout."""
    get = groups.get
    block_of = _BLOCKS.get
    record: Any = _NOTHING
    try:
        for record in records:
            key = key_of(record)
            code = record._pcode
            at = block_of(code)
            if at is None:
                at = _block(code)
            acc = get(key)
            if acc is None:
                acc = groups[key] = [0] * _WIDE
            at += record._kind
            try:
                acc[at] += record._packed
            except TypeError:
                _add_big(big, key, record, at, _WIDE)
    except AttributeError:
        _check_record(record)
        raise


#: The first of a period's sums in a group of :func:`_by_key`, by period code: its
#: layout's block (a cache of :func:`_block`).
_BLOCKS: dict[int, int] = {}


def _block(code: int) -> int:
    """The first of the sums of period ``code``'s layout in a group's ``_WIDE`` sums."""
    at = _BLOCKS[code] = _KINDS * _LAYOUT_ORDER.index(layout_for(_period(code).end))
    return at


#: What the loops hold before the first record: an AttributeError raised by the records'
#: source itself, before any record, is the source's own and goes through as it is.
_NOTHING: Any = object()


def _check_record(record: object) -> None:
    if record is _NOTHING:
        return
    try:
        require_instance("every record", record, CaseRecord, LedgerError, what="a CaseRecord")
    except LedgerError as exc:
        raise exc from None


def _add_big(
    big: dict[Hashable, list[int]],
    key: Hashable,
    record: object,
    kind: int | None = None,
    width: int = _KINDS,
) -> None:
    """Add a record too large to pack to the exact sums of its group, 4 a kind of ``width``
    (at ``kind``, by default the record's own)."""
    rec = require_instance("every record", record, CaseRecord, LedgerError, what="a CaseRecord")
    sums = big.get(key)
    if sums is None:
        sums = big[key] = [0] * (4 * width)
    at = 4 * (rec._kind if kind is None else kind)
    sums[at] += 1
    sums[at + 1] += rec.amount_due
    sums[at + 2] += rec.amount_finished
    sums[at + 3] += rec.amount_reduced


def _lanes(packed: int) -> tuple[int, int, int, int]:
    """(count, due, finished, reduced) of a packed sum."""
    return (
        packed & _MASK,
        (packed >> _LANE) & _MASK,
        (packed >> 2 * _LANE) & _MASK,
        packed >> 3 * _LANE,
    )


class _Sums(NamedTuple):
    """A group's packed sums (copied from its aggregator), and the layout of its ledgers:
    what :func:`_build` builds them from."""

    acc: list[int]
    big: list[int] | None
    layout: Layout


def _build(acc: list[int], big: list[int] | None, layout: Layout) -> LedgerPair:
    """The two ledgers of one group from its packed sums (and exact sums of big records)."""
    half = len(_DISPOSITIONS)
    case_rows: dict[str, Any] = {}
    money_rows: dict[str, Any] = {}
    # Sums stay packed as long as possible: lanes add independently.
    for i, name in enumerate(_DISPOSITIONS):
        count, due, done, cut = _lanes(acc[i] + acc[i + half])
        case_rows[name] = count
        # A row holds what is left of its cases' amounts once the finished and
        # reduced parts are counted in completed and reduced.
        money_rows[name] = due - done - cut
    carried = _lanes(sum(acc[:half]))
    new = _lanes(sum(acc[half:]))
    for origin, lanes in zip(INTAKE_ROWS, (carried, new), strict=True):
        case_rows[origin], money_rows[origin] = lanes[0], lanes[1]
    money_rows["completed"] += carried[2] + new[2]
    money_rows["reduced"] = carried[3] + new[3]
    if big is not None:
        for kind in range(_KINDS):
            count, due, done, cut = big[4 * kind : 4 * kind + 4]
            if not count:
                continue
            name = _DISPOSITIONS[kind % half]
            origin = INTAKE_ROWS[0] if kind < half else INTAKE_ROWS[1]
            case_rows[name] += count
            case_rows[origin] += count
            money_rows[name] += due - done - cut
            money_rows[origin] += due
            money_rows["completed"] += done
            money_rows["reduced"] += cut
    return LedgerPair(
        CaseLedger(**case_rows, layout=layout), AmountLedger(**money_rows, layout=layout)
    )
