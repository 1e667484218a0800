"""Court-statistics measures of a ledger (chỉ số thống kê kiểu tòa án), for comparison.

The completion rate of THADS reports (tỷ lệ thi hành xong) is a stock ratio:
finished ÷ có điều kiện. Court statistics elsewhere publish flow ratios
(DOMAIN §4b). This module computes them from a THADS ledger, exactly, with
the mapping of rows stated here once:

============================  ==========================================  ==========================
measure                       formula                                     THADS rows
============================  ==========================================  ==========================
clearance rate (CEPEJ)        resolved ÷ incoming × 100                   finished ÷ newly accepted
disposition time (CEPEJ)      pending at the end ÷ resolved × 365 days    carried forward ÷ finished
                                                                          × days of the period
congestion rate (CNJ)         (1 − resolved ÷ (pending at the start       1 − finished ÷ (carried
                              + incoming)) × 100                          over + newly accepted)
============================  ==========================================  ==========================

Sources: CEPEJ (European Commission for the Efficiency of Justice, Council of
Europe), "European judicial systems — CEPEJ Evaluation Report", whose
clearance rate is resolved ÷ incoming cases and whose disposition time is
365 ÷ (resolved ÷ pending at the end of the year), i.e. pending ÷ resolved ×
365; NCSC CourTools (National Center for State Courts), measures 2
(clearance rates) and 4 (age of active pending caseload); CNJ (Conselho
Nacional de Justiça, Brazil), "Justiça em Números", taxa de congestionamento =
1 − baixados ÷ (casos novos + pendentes).

Notes on the mapping:

- *resolved* is "số thi hành xong, tính tỷ lệ": completed and terminated
  cases (and reduced amounts, for money), as in the completion rate;
- *incoming* is thụ lý mới; cases received by entrustment from another
  office are part of it;
- cases entrusted to another office and decisions withdrawn (ủy thác, thu
  hồi) leave the ledger without being resolved: they count in none of the
  numerators and, for the congestion rate, stay in the denominator as DOMAIN
  §4b states it;
- *pending at the end* is số chuyển kỳ sau, every case still to enforce, with
  or without conditions;
- the disposition time of a period shorter than a year annualises its
  resolved cases: pending ÷ (resolved × 365 ÷ days) × 365 = pending ÷
  resolved × days, where days is the length of the cumulative period (365 or
  366 for a year).

National 2023 (DOMAIN §2: 299.096 carried over, 636.950 newly accepted,
12.004 entrusted, 501 withdrawn; 574.819 việc finished, baophapluat.vn, "Những
con số ấn tượng của Thi hành án dân sự trong năm 2023"):

>>> from thads_metrics.calendar import ReportingPeriod
>>> from thads_metrics.ledger import CaseLedger
>>> from thads_metrics.rates import round_rate
>>> national = CaseLedger.from_totals(carried_over=299_096, newly_accepted=636_950,
...                                   entrusted=12_004, withdrawn=501, finished=574_819)
>>> national.to_enforce, national.carried_forward
(923541, 348722)
>>> m = measures(national, ReportingPeriod(2023, 12))
>>> round_rate(m.clearance_rate, 2)  # 574.819 ÷ 636.950 × 100
Decimal('90.25')
>>> m.days, round_rate(m.disposition_time, 1)  # 348.722 ÷ 574.819 × 365
(365, Decimal('221.4'))
>>> round_rate(m.congestion_rate, 2)  # (1 − 574.819 ÷ 936.046) × 100
Decimal('38.59')
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import attrs

from thads_metrics._checks import require_instance
from thads_metrics.calendar import ReportingPeriod
from thads_metrics.errors import LedgerError, PeriodError
from thads_metrics.ledger import AmountLedger, CaseLedger
from thads_metrics.rates import decimal_of

__all__ = [
    "Measures",
    "clearance_rate",
    "congestion_rate",
    "disposition_time",
    "measures",
    "period_days",
]

Ledger = CaseLedger | AmountLedger

_A_PERIOD = "a ReportingPeriod (kỳ báo cáo)"


def _ledger(ledger: object) -> Ledger:
    require_instance("ledger", ledger, (CaseLedger, AmountLedger), LedgerError)
    assert isinstance(ledger, (CaseLedger, AmountLedger))
    return ledger


def _known(ledger: Ledger, *names: str) -> list[int] | None:
    """The rows' values, or None when the ledger does not know one of them."""
    if not all(ledger.is_known(name) for name in names):
        return None
    return [getattr(ledger, name) for name in names]


def period_days(period: ReportingPeriod) -> int:
    """Days of a cumulative period, first and last day included (số ngày của kỳ).

    >>> period_days(ReportingPeriod(2024, 12)), period_days(ReportingPeriod(2023, 6))
    (366, 182)
    """
    require_instance("period", period, ReportingPeriod, PeriodError, what=_A_PERIOD)
    return (period.end - period.start).days + 1


def clearance_rate(ledger: Ledger) -> Decimal | None:
    """Finished ÷ newly accepted × 100 (clearance rate, CEPEJ; tỷ lệ giải quyết trên thụ lý mới).

    Above 100% when an office finishes more than it receives (it cuts its
    backlog). None when nothing was newly accepted or a row is unknown.

    >>> clearance_rate(CaseLedger(carried_over=50, newly_accepted=40, completed=60,
    ...                           in_progress=30))
    Decimal('150')
    """
    values = _known(_ledger(ledger), "finished", "newly_accepted")
    if values is None or values[1] == 0:
        return None
    finished, incoming = values
    return decimal_of(Fraction(finished * 100, incoming))


def disposition_time(ledger: Ledger, period: ReportingPeriod) -> Decimal | None:
    """Carried forward ÷ finished × days of the period (disposition time, CEPEJ; days).

    The days the pending caseload would take to clear at the pace of the
    period (annualised: see the module). None when nothing was finished or a
    row is unknown.

    >>> disposition_time(CaseLedger(newly_accepted=100, completed=50, in_progress=50),
    ...                  ReportingPeriod(2023, 12))
    Decimal('365')
    """
    days = period_days(period)
    values = _known(_ledger(ledger), "carried_forward", "finished")
    if values is None or values[1] == 0:
        return None
    pending, finished = values
    return decimal_of(Fraction(pending * days, finished))


def congestion_rate(ledger: Ledger) -> Decimal | None:
    """(1 − finished ÷ (carried over + newly accepted)) × 100 (congestion rate, CNJ).

    The share of the caseload of the period not resolved in it. None when the
    caseload is empty or a row is unknown.

    >>> congestion_rate(CaseLedger(carried_over=50, newly_accepted=50, completed=25,
    ...                            in_progress=75))
    Decimal('75')
    """
    values = _known(_ledger(ledger), "finished", "carried_over", "newly_accepted")
    if values is None or values[1] + values[2] == 0:
        return None
    finished, carried_over, incoming = values
    return decimal_of(Fraction(100) - Fraction(finished * 100, carried_over + incoming))


@attrs.frozen
class Measures:
    """The court-statistics measures of one ledger for one period (chỉ số so sánh).

    Exact ``Decimal`` values, ``None`` where a measure is undefined (see each
    function); ``days`` is the length of the period.
    """

    clearance_rate: Decimal | None
    disposition_time: Decimal | None
    congestion_rate: Decimal | None
    days: int


def measures(ledger: Ledger, period: ReportingPeriod) -> Measures:
    """Every measure of :mod:`thads_metrics.measures` for a ledger and its period."""
    return Measures(
        clearance_rate=clearance_rate(ledger),
        disposition_time=disposition_time(ledger, period),
        congestion_rate=congestion_rate(ledger),
        days=period_days(period),
    )
