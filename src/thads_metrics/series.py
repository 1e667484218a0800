"""A unit's year month by month (số liệu lũy kế theo tháng của một năm công tác).

Reports are cumulative from 1 October (DOMAIN §1): "5 tháng năm 2021" holds
everything from 1/10/2020 to 28/2/2021. A :class:`Series` holds a unit's
cumulative ledgers of one enforcement year, for any months of it, in order,
and says what each step added (DOMAIN §2b):

- for a **flow** row (thụ lý mới, ủy thác, thu hồi, thi hành xong, đình chỉ,
  giảm…), the difference of two cumulative periods is what happened between
  them: the month's own figures;
- a **stock** row (có / chưa có điều kiện, đang thi hành, hoãn, chuyển kỳ
  sau…) is a snapshot at the period's end: the difference is a net change,
  not a count of events.

Within one year a flow row never decreases from one cumulative period to the
next; :func:`check_cumulative` (which :class:`Series` applies to every pair of
consecutive months) raises :class:`~thads_metrics.errors.LedgerError` naming
the row and both periods when it does, a rule a reader of reports can apply
too.

>>> from thads_metrics.ledger import AmountLedger, CaseLedger
>>> from thads_metrics.cases import LedgerPair
>>> def pair(new, done, open_):
...     return LedgerPair(CaseLedger(carried_over=100, newly_accepted=new, completed=done,
...                                  in_progress=open_),
...                       AmountLedger(newly_accepted=new * 10**7, completed=done * 10**7,
...                                    in_progress=(new - done) * 10**7))
>>> s = Series("Long An", 2021, {ReportingPeriod(2021, 1): pair(20, 10, 110),
...                              ReportingPeriod(2021, 2): pair(45, 30, 115)})
>>> s.months
(1, 2)
>>> step = s.steps()[1]
>>> step.cases.flows["newly_accepted"], step.cases.flows["finished"]  # in month 2 alone
(25, 20)
>>> step.cases.net["in_progress"]  # a stock: the net change of the snapshot
5
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from thads_metrics._checks import require_instance, require_int
from thads_metrics.calendar import ReportingPeriod
from thads_metrics.cases import LedgerPair
from thads_metrics.errors import LedgerError, PeriodError
from thads_metrics.ledger import AmountLedger, CaseLedger
from thads_metrics.ledger.rows import ROW, ROW_TERMS

__all__ = ["Movement", "Series", "Step", "check_cumulative", "flow_rows", "stock_rows"]

Ledger = CaseLedger | AmountLedger


def flow_rows(ledger: Ledger) -> tuple[str, ...]:
    """The flow rows of a ledger's layout, in form order (các dòng phát sinh trong kỳ).

    >>> flow_rows(CaseLedger())
    ('newly_accepted', 'entrusted', 'withdrawn', 'finished', 'completed', 'terminated')
    """
    return tuple(name for name in ledger.row_names if ROW[name].flow)


def stock_rows(ledger: Ledger) -> tuple[str, ...]:
    """The stock rows (snapshots at the period's end) of a ledger's layout, in form order.

    ``carried_over`` (số năm trước chuyển sang) is the year's opening figure:
    the same in every cumulative period of a year unless it was revised.
    """
    return tuple(name for name in ledger.row_names if not ROW[name].flow)


def _kind(ledger: Ledger) -> str:
    return "về tiền" if isinstance(ledger, AmountLedger) else "về việc"


def check_cumulative(
    earlier: Ledger, later: Ledger, earlier_period: ReportingPeriod, later_period: ReportingPeriod
) -> None:
    """Refuse a flow row that decreases between two cumulative periods of one year.

    Rows a ledger does not know (built from published totals) are skipped.

    >>> a = CaseLedger(newly_accepted=10, completed=5, in_progress=5)
    >>> b = CaseLedger(newly_accepted=12, completed=4, in_progress=8)
    >>> check_cumulative(a, b, ReportingPeriod(2021, 5), ReportingPeriod(2021, 6))
    ... # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    thads_metrics.errors.LedgerError: completed (thi hành xong, về việc) decreases from 5 in ...
    """
    for name, ledger in (("earlier", earlier), ("later", later)):
        require_instance(name, ledger, (CaseLedger, AmountLedger), LedgerError)
    for name, period in (("earlier_period", earlier_period), ("later_period", later_period)):
        require_instance(name, period, ReportingPeriod, PeriodError, what="a ReportingPeriod")
    if type(earlier) is not type(later):
        raise LedgerError(
            f"earlier and later must be ledgers of one kind, got {type(earlier).__name__} "
            f"and {type(later).__name__}",
            code="ledger.type",
            details={"argument": "later", "value": type(later).__name__},
        )
    if earlier_period.year != later_period.year or earlier_period.months >= later_period.months:
        raise PeriodError(
            f"{earlier_period.label} and {later_period.label} are not two cumulative periods "
            "of one year, the earlier first",
            code="period.order",
            details={
                "argument": "later_period",
                "value": later_period.label,
                "rule": "same year, more months",
            },
        )
    flows = flow_rows(earlier)  # the recorded rows first: the message names the most precise
    for name in sorted(flows, key=lambda row: not ROW[row].stored):
        if not (earlier.is_known(name) and later.is_known(name)):
            continue
        before, after = getattr(earlier, name), getattr(later, name)
        if after < before:
            raise LedgerError(
                f"{name} ({ROW_TERMS[name]}, {_kind(later)}) decreases from {before} in "
                f"{earlier_period.label} to {after} in {later_period.label}: a flow row is "
                "cumulative over the year and never decreases from one period to the next",
                code="ledger.flow_decrease",
                details={
                    "row": name,
                    "earlier": earlier_period.label,
                    "later": later_period.label,
                    "before": before,
                    "after": after,
                    "rule": "a flow row never decreases within a year",
                },
            )


@attrs.frozen
class Movement:
    """What one ledger did between two cumulative periods (biến động trong kỳ).

    ``flows`` are the flow rows' own figures over the step (the month's own
    figures for one month); ``stocks`` the stock rows at the step's end;
    ``net`` the stock rows' net change over the step (empty for the first
    step of a series, whose opening stocks are not known). Rows a ledger does
    not know are left out.
    """

    flows: Mapping[str, int]
    stocks: Mapping[str, int]
    net: Mapping[str, int]


@attrs.frozen
class Step:
    """One step of a series: from ``previous`` (None: the start of the year) to ``period``.

    ``months`` is the number of months it covers (1 for consecutive months).
    """

    period: ReportingPeriod
    previous: ReportingPeriod | None
    months: int
    cases: Movement
    money: Movement


def _movement(before: Ledger | None, after: Ledger) -> Movement:
    known = set(after.rows())
    flows = {
        name: getattr(after, name) - (0 if before is None else getattr(before, name))
        for name in flow_rows(after)
        if name in known and (before is None or before.is_known(name))
    }
    stocks = {name: getattr(after, name) for name in stock_rows(after) if name in known}
    net = (
        {}
        if before is None
        else {
            name: value - getattr(before, name)
            for name, value in stocks.items()
            if before.is_known(name)
        }
    )
    return Movement(flows=flows, stocks=stocks, net=net)


def _points(unit: str, year: int, items: object) -> tuple[tuple[ReportingPeriod, LedgerPair], ...]:
    if isinstance(items, Mapping):
        pairs: Iterable[Any] = items.items()
    else:
        pairs = require_instance("points", items, Iterable, LedgerError)
    out: dict[int, tuple[ReportingPeriod, LedgerPair]] = {}
    for item in pairs:
        if not (isinstance(item, tuple) and len(item) == 2):
            raise LedgerError(
                f"points must be (ReportingPeriod, LedgerPair) pairs, got {item!r}",
                code="ledger.type",
                details={"argument": "points", "value": repr(item)},
            )
        period, pair = item
        require_instance("period", period, ReportingPeriod, PeriodError, what="a ReportingPeriod")
        require_instance("pair", pair, LedgerPair, LedgerError, what="a LedgerPair")
        if period.year != year:
            raise PeriodError(
                f"{period.label} is not in enforcement year {year} of the series of {unit}",
                code="period.order",
                details={"argument": "points", "value": period.label, "rule": f"year {year}"},
            )
        if period.months in out:
            raise LedgerError(
                f"{period.label} is given twice in the series of {unit}",
                code="ledger.duplicate_period",
                details={"argument": "points", "value": period.label, "rule": "each month once"},
            )
        out[period.months] = (period, pair)
    ordered = tuple(out[m] for m in sorted(out))
    for (p0, a), (p1, b) in itertools.pairwise(ordered):
        check_cumulative(a.cases, b.cases, p0, p1)
        check_cumulative(a.amounts, b.amounts, p0, p1)
    return ordered


@attrs.frozen(init=False)
class Series:
    """A unit's cumulative ledgers of one enforcement year, months in order (chuỗi số liệu).

    ``points`` may be a mapping or pairs of :class:`ReportingPeriod` →
    :class:`~thads_metrics.cases.LedgerPair`, any months of ``year`` (1..12),
    each once; they are kept sorted by month. Every flow row must not
    decrease from one month to the next (:func:`check_cumulative`).
    """

    unit: str = attrs.field(
        validator=lambda _i, _a, v: require_instance("unit", v, str, LedgerError)
    )
    year: int = attrs.field(validator=lambda _i, _a, v: require_int("year", v, PeriodError))
    points: tuple[tuple[ReportingPeriod, LedgerPair], ...] = attrs.field()

    def __init__(self, unit: str, year: int, points: object) -> None:
        require_instance("unit", unit, str, LedgerError)
        require_int("year", year, PeriodError)
        self.__attrs_init__(unit, year, _points(unit, year, points))

    @classmethod
    def from_table(
        cls, table: Mapping[Any, LedgerPair], unit: str, year: int | None = None
    ) -> Series:
        """The series of ``unit`` from a table keyed by (unit, period).

        A :data:`~thads_metrics.csvio.LedgerTable` (``read_csv``) or the
        result of ``aggregate(records, by=("unit", "period"))`` both fit;
        ``year`` defaults to the latest year the unit has.
        """
        require_instance("table", table, Mapping, LedgerError, what="a mapping")
        mine = [  # only the unit's ledgers are looked up (a lazy table builds no other)
            (key[1], table[key])
            for key in table
            if isinstance(key, tuple)
            and len(key) == 2
            and key[0] == unit
            and isinstance(key[1], ReportingPeriod)
        ]
        if not mine:
            raise LedgerError(
                f"the table has no period of {unit!r}",
                code="ledger.missing_period",
                details={"argument": "unit", "value": unit},
            )
        chosen = max(period.year for period, _ in mine) if year is None else year
        return cls(unit, chosen, [(p, pair) for p, pair in mine if p.year == chosen])

    @property
    def months(self) -> tuple[int, ...]:
        """The months of the year the series has, in order."""
        return tuple(period.months for period, _ in self.points)

    @property
    def periods(self) -> tuple[ReportingPeriod, ...]:
        """The cumulative periods of the series, in order."""
        return tuple(period for period, _ in self.points)

    @property
    def latest(self) -> tuple[ReportingPeriod, LedgerPair]:
        """The last period of the series and its ledgers."""
        if not self.points:
            raise LedgerError(
                f"the series of {self.unit} is empty",
                code="ledger.missing_period",
                details={"argument": "points"},
            )
        return self.points[-1]

    def at(self, months: int) -> LedgerPair:
        """The cumulative ledgers of ``months`` months (e.g. 11 for "11 tháng")."""
        require_int("months", months, PeriodError, minimum=1, maximum=12)
        for period, pair in self.points:
            if period.months == months:
                return pair
        raise LedgerError(
            f"the series of {self.unit} has no {ReportingPeriod(self.year, months).label}",
            code="ledger.missing_period",
            details={"argument": "months", "value": months, "rule": f"one of {self.months}"},
        )

    def steps(self) -> tuple[Step, ...]:
        """What each period added to the one before it (the first: since 1 October)."""
        out = []
        before: tuple[ReportingPeriod, LedgerPair] | None = None
        for period, pair in self.points:
            out.append(
                Step(
                    period=period,
                    previous=None if before is None else before[0],
                    months=period.months - (0 if before is None else before[0].months),
                    cases=_movement(None if before is None else before[1].cases, pair.cases),
                    money=_movement(None if before is None else before[1].amounts, pair.amounts),
                )
            )
            before = (period, pair)
        return tuple(out)
