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
  and withdrawn cases have left the unit. Its age is the days from
  ``accepted_on`` to the period's last day; the bands are :data:`AGE_BANDS`.
  ``active`` counts those with conditions still being enforced (đang thi
  hành, hoãn, tạm đình chỉ, khác inside có điều kiện), the CourTools "active"
  caseload, beside all pending ones;
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
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
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

#: The bands of the age of pending cases: (label, the most days in the band or None).
AGE_BANDS: Final[tuple[tuple[str, int | None], ...]] = (
    ("đến 3 tháng", 90),
    ("trên 3 đến 6 tháng", 182),
    ("trên 6 tháng đến 1 năm", 365),
    ("trên 1 đến 2 năm", 730),
    ("trên 2 năm", None),
)

_FINISHED = (Status.COMPLETED, Status.TERMINATED)
_ACTIVE = (Status.IN_PROGRESS, Status.POSTPONED, Status.SUSPENDED, Status.OTHER)


def _band(days: int) -> str:
    for label, most in AGE_BANDS:
        if most is None or days <= most:
            return label
    raise AssertionError("the last band is open")  # pragma: no cover


@attrs.frozen
class CaseTiming:
    """How long one group's cases have been open and took to finish (thời gian giải quyết).

    ``pending`` and ``active`` count the pending cases with an ``accepted_on``
    (all of them, and those with conditions still being enforced);
    ``pending_bands`` and ``active_bands`` split them by age
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
        band = _band((record.period.end - record.accepted_on).days)
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
