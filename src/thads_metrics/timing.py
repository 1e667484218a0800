"""How long cases take: the age of the pending cases and the time to finish them (thời gian).

Court statistics publish two measures that need the date of each case
(NCSC CourTools measures 3 and 4; CEPEJ): the **age of the pending
caseload** (how long the cases still open at the end of the period have been
open, in bands) and the **time to disposition** (how long the cases finished
in the period took, as a median and a 90th percentile). :func:`case_timing`
computes both from :class:`~thads_metrics.cases.CaseRecord` s that carry
``accepted_on`` (ngày thụ lý) and, for the finished ones, ``finished_on``, by
group like :func:`~thads_metrics.cases.aggregate`.

Definitions:

- a case is **pending** at the end of its period when it is still to enforce
  and not finished: every status but thi hành xong and đình chỉ (the cases
  carried forward, số chuyển kỳ sau, with or without conditions); entrusted
  and withdrawn cases have left the unit. Its age runs from ``accepted_on``
  to the period's last day and is banded in **calendar months**
  (:data:`AGE_BANDS`): a case accepted on a day is *N* months old on the same
  day *N* months later, a day the later month lacks falling on that month's
  last day (accepted 31/3, 6 months old on 30/9); "trên *X*" is strictly
  more than *X*. So a case accepted 30/9/2023 is 1 year old on 30/9/2024 and
  falls in "trên 6 tháng đến 1 năm", as one accepted 30/9/2022 does on
  30/9/2023, whatever the leap days between;
- ``active`` counts the pending cases that can proceed, the **active**
  pending caseload of NCSC CourTools measure 4, "Age of Active Pending
  Caseload"
  (https://www.ncsc.org/courtools/trial-court-performance-measures/measure-four-age-of-active-pending-caseload;
  the Court Statistics Project's State Court Guide to Statistical Reporting,
  which CourTools counts with, holds a case whose proceedings cannot go on
  until some event as inactive pending, and reactivated when they can):
  đang thi hành and khác inside có điều kiện. A postponed or suspended
  enforcement (hoãn, tạm đình chỉ thi hành án) cannot proceed, so it is
  pending and not active in every layout, whether the form counts it inside
  có điều kiện (``POSTPONED``, ``SUSPENDED``) or apart (``STAYED``); nor is
  a case without conditions (chưa có điều kiện), which waits for the
  debtor's means;
- the **time to disposition** of a completed or terminated case is the days
  from ``accepted_on`` to ``finished_on``; the median is the middle value (the
  mean of the two middle ones for an even count, a ``Decimal``), the 90th
  percentile the nearest-rank value: the smallest number of days within which
  at least 90% of the cases were finished;
- records without the dates a measure needs are counted in ``undated`` and
  left out of it, never guessed.

The distribution of days is kept per group as counts by day, so memory grows
with the groups and the distinct numbers of days, not with the records.

>>> from datetime import date
>>> from thads_metrics.calendar import ReportingPeriod
>>> from thads_metrics.cases import CaseRecord, Origin
>>> from thads_metrics.classification import Status
>>> year = ReportingPeriod(2023, 12)
>>> records = [
...     CaseRecord(unit="A", period=year, origin=Origin.NEW, status=Status.COMPLETED,
...                accepted_on=date(2022, 10, 3), finished_on=date(2022, 12, 2)),
...     CaseRecord(unit="A", period=year, origin=Origin.NEW, status=Status.COMPLETED,
...                accepted_on=date(2023, 1, 9), finished_on=date(2023, 6, 8)),
...     CaseRecord(unit="A", period=year, origin=Origin.CARRIED_OVER,
...                status=Status.IN_PROGRESS, accepted_on=date(2021, 5, 4)),
... ]
>>> t = case_timing(records, by="unit")["A"]
>>> t.finished, t.median_days, t.p90_days   # 60 and 150 days
(2, Decimal('105'), 150)
>>> t.pending, dict(t.pending_bands)["trên 2 năm"]
(1, 1)

Ages are calendar months, not days: accepted 31/3/2023, a case is exactly
6 months old on 30/9/2023.

>>> half = CaseRecord(unit="A", period=year, origin=Origin.NEW, status=Status.IN_PROGRESS,
...                   accepted_on=date(2023, 3, 31))
>>> [band for band, n in case_timing([half], by="unit")["A"].pending_bands.items() if n]
['trên 3 đến 6 tháng']
"""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from datetime import date
from decimal import Decimal
from fractions import Fraction
from types import MappingProxyType
from typing import Final

import attrs

from thads_metrics._checks import require_instance, require_iterable
from thads_metrics.cases import CaseRecord, group_keys
from thads_metrics.classification import Status
from thads_metrics.errors import LedgerError
from thads_metrics.rates import decimal_of

__all__ = ["AGE_BANDS", "CaseTiming", "case_timing"]

#: The bands of the age of pending cases: (label, the most calendar months in the band,
#: or None for the last, open band). A case is in the first band whose most months it
#: has not passed: "đến 3 tháng" up to exactly 3 months, "trên 3 đến 6 tháng" above 3
#: and up to exactly 6, and so on.
AGE_BANDS: Final[tuple[tuple[str, int | None], ...]] = (
    ("đến 3 tháng", 3),
    ("trên 3 đến 6 tháng", 6),
    ("trên 6 tháng đến 1 năm", 12),
    ("trên 1 đến 2 năm", 24),
    ("trên 2 năm", None),
)

_FINISHED = (Status.COMPLETED, Status.TERMINATED)
#: The pending statuses that can proceed (CourTools measure 4): not hoãn, tạm đình chỉ
#: (POSTPONED, SUSPENDED, STAYED) nor chưa có điều kiện.
_ACTIVE = (Status.IN_PROGRESS, Status.OTHER)


def _months_later(day: date, months: int) -> date:
    """The same day ``months`` calendar months later; a day the month lacks is its last."""
    year, month = divmod(day.month - 1 + months, 12)
    year += day.year
    return date(year, month + 1, min(day.day, monthrange(year, month + 1)[1]))


def _age(accepted: date, end: date) -> tuple[int, bool]:
    """Whole calendar months from ``accepted`` to ``end`` (not before it), and whether
    ``end`` is exactly that many months after ``accepted`` (tuổi của việc, tính theo tháng).

    >>> _age(date(2023, 9, 30), date(2024, 9, 30)), _age(date(2024, 3, 31), date(2024, 9, 30))
    ((12, True), (6, True))
    >>> _age(date(2024, 7, 1), date(2024, 9, 30)), _age(date(2024, 1, 31), date(2024, 2, 29))
    ((2, False), (1, True))
    """
    months = (end.year - accepted.year) * 12 + end.month - accepted.month
    reached = _months_later(accepted, months)
    if reached > end:
        months -= 1
        reached = _months_later(accepted, months)
    return months, reached == end


def _band(accepted: date, end: date) -> str:
    """The age band of a case accepted on ``accepted`` and pending on ``end``."""
    months, exact = _age(accepted, end)
    for label, most in AGE_BANDS:
        # within the band: fewer months than its most, or exactly its most
        if most is None or months < most or (months == most and exact):
            return label
    raise AssertionError("the last band is open")  # pragma: no cover


@attrs.frozen
class CaseTiming:
    """How long one group's cases have been open and took to finish (thời gian giải quyết).

    ``pending`` and ``active`` count the pending cases with an ``accepted_on``
    (all of them, and those that can proceed: đang thi hành and khác, not
    hoãn, tạm đình chỉ or chưa có điều kiện); ``pending_bands`` and
    ``active_bands`` split them by age in calendar months
    (:data:`AGE_BANDS`); ``finished`` counts the completed and terminated cases
    with both dates, ``disposition_days`` their days to disposition (days →
    cases); ``median_days`` and ``p90_days`` are None when none is dated;
    ``undated`` counts the records a measure needed a date of and did not have.
    """

    pending: int
    active: int
    pending_bands: Mapping[str, int]
    active_bands: Mapping[str, int]
    finished: int
    disposition_days: Mapping[int, int]
    median_days: Decimal | None
    p90_days: int | None
    undated: int


class _Tally:
    __slots__ = ("active", "days", "pending", "undated")

    def __init__(self) -> None:
        self.pending: dict[str, int] = dict.fromkeys((label for label, _ in AGE_BANDS), 0)
        self.active: dict[str, int] = dict(self.pending)
        self.days: dict[int, int] = {}
        self.undated = 0

    def add(self, record: CaseRecord) -> None:
        status = record.status
        if status is None:  # entrusted or withdrawn: no longer this unit's case
            return
        if status in _FINISHED:
            if record.accepted_on is None or record.finished_on is None:
                self.undated += 1
                return
            took = (record.finished_on - record.accepted_on).days
            self.days[took] = self.days.get(took, 0) + 1
            return
        if record.accepted_on is None:
            self.undated += 1
            return
        band = _band(record.accepted_on, record.period.end)
        self.pending[band] += 1
        if status in _ACTIVE:
            self.active[band] += 1

    def result(self) -> CaseTiming:
        ordered = sorted(self.days.items())
        count = sum(n for _, n in ordered)
        return CaseTiming(
            pending=sum(self.pending.values()),
            active=sum(self.active.values()),
            pending_bands=MappingProxyType(dict(self.pending)),
            active_bands=MappingProxyType(dict(self.active)),
            finished=count,
            disposition_days=MappingProxyType(dict(ordered)),
            median_days=_median(ordered, count),
            p90_days=_rank(ordered, -(-9 * count // 10)) if count else None,
            undated=self.undated,
        )


def _rank(ordered: Sequence[tuple[int, int]], k: int) -> int:
    """The k-th smallest value (1-based) of a distribution given as sorted (value, count)."""
    seen = 0
    for value, n in ordered:
        seen += n
        if seen >= k:
            return value
    raise AssertionError("k is at most the count")  # pragma: no cover


def _median(ordered: Sequence[tuple[int, int]], count: int) -> Decimal | None:
    if not count:
        return None
    low = _rank(ordered, (count + 1) // 2)
    high = _rank(ordered, count // 2 + 1)
    return decimal_of(Fraction(low + high, 2))


def case_timing(
    records: Iterable[CaseRecord],
    by: str | Sequence[str] | Callable[[CaseRecord], Hashable] = ("unit", "period"),
) -> Mapping[Hashable, CaseTiming]:
    """The age of the pending cases and the time to disposition, by group (see the module).

    ``by`` is a field name (keys are its values), a tuple of field names (keys
    are tuples) or a function of a record, as for
    :func:`~thads_metrics.cases.aggregate`; records are read once.
    """
    require_iterable("records", records, LedgerError, what="an iterable of CaseRecord")
    key_of, public = group_keys(by)
    tallies: dict[Hashable, _Tally] = {}
    for record in records:
        require_instance("records item", record, CaseRecord, LedgerError, what="a CaseRecord")
        key = key_of(record)
        tally = tallies.get(key)
        if tally is None:
            tally = tallies[key] = _Tally()
        tally.add(record)
    return MappingProxyType({public(key): tally.result() for key, tally in tallies.items()})
