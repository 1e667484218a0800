"""Dated case records: their checks, and the age of pending cases and time to disposition."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from thads_metrics.calendar import ReportingPeriod
from thads_metrics.cases import CaseRecord, Origin
from thads_metrics.classification import Status
from thads_metrics.csvio import read_case_records
from thads_metrics.errors import CsvError, LedgerError
from thads_metrics.timing import AGE_BANDS, case_timing

YEAR = ReportingPeriod(2023, 12)  # 1/10/2022 – 30/9/2023


def _done(accepted: date, finished: date, unit: str = "A") -> CaseRecord:
    return CaseRecord(unit=unit, period=YEAR, origin=Origin.NEW, status=Status.COMPLETED,
                      accepted_on=accepted, finished_on=finished)  # fmt: skip


def _open(accepted: date, status: Status = Status.IN_PROGRESS, unit: str = "A") -> CaseRecord:
    origin = Origin.NEW if accepted >= YEAR.start else Origin.CARRIED_OVER
    return CaseRecord(unit=unit, period=YEAR, origin=origin, status=status, accepted_on=accepted)


def test_dates_must_fit_the_origin_status_and_period() -> None:
    # A new case accepted before the year, a carried-over one inside it.
    for origin, day in ((Origin.NEW, date(2022, 9, 30)), (Origin.CARRIED_OVER, date(2022, 10, 1)),
                        (Origin.NEW, date(2023, 10, 1))):  # fmt: skip
        with pytest.raises(LedgerError) as caught:
            CaseRecord(unit="A", period=YEAR, origin=origin, status=Status.OTHER,
                       accepted_on=day)  # fmt: skip
        assert caught.value.code == "ledger.date"
    # A finish date on a case that is not finished, before it was accepted, after the period.
    with pytest.raises(LedgerError, match="only a completed or terminated"):
        CaseRecord(unit="A", period=YEAR, origin=Origin.NEW, status=Status.IN_PROGRESS,
                   finished_on=date(2023, 1, 1))  # fmt: skip
    with pytest.raises(LedgerError, match="not before accepted_on"):
        _done(date(2023, 3, 1), date(2023, 2, 1))
    with pytest.raises(LedgerError, match="within năm 2023"):
        _done(date(2023, 3, 1), date(2023, 10, 1))
    with pytest.raises(LedgerError) as caught:
        _done(datetime(2023, 3, 1, 8, 0), date(2023, 4, 1))  # type: ignore[arg-type]
    assert caught.value.code == "ledger.type"
    # The edges are inside.
    _done(date(2022, 10, 1), date(2023, 9, 30))
    _open(date(2022, 9, 30))


def test_bands_median_and_90th_percentile() -> None:
    records = [
        _open(date(2023, 6, 30)),  # exactly 3 months on 30/9/2023: the first band
        _open(date(2023, 6, 29), Status.WITHOUT_CONDITIONS),  # pending, not active
        _open(date(2022, 8, 30)),
        _open(date(2021, 9, 29), Status.POSTPONED),  # pending, not active
        *(_done(date(2022, 10, 1), date(2022, 10, 1) + timedelta(days=d)) for d in range(1, 11)),
        CaseRecord(unit="A", period=YEAR, origin=Origin.NEW, status=Status.TERMINATED),  # undated
        CaseRecord(unit="A", period=YEAR, origin=Origin.NEW, entrusted=True),  # gone: ignored
    ]
    t = case_timing(records, by="unit")["A"]
    assert dict(t.pending_bands) == {
        "đến 3 tháng": 1,
        "trên 3 đến 6 tháng": 1,
        "trên 6 tháng đến 1 năm": 0,
        "trên 1 đến 2 năm": 1,
        "trên 2 năm": 1,
    }
    assert (t.pending, t.active) == (4, 2)
    assert t.active_bands["trên 3 đến 6 tháng"] == 0
    assert t.active_bands["trên 2 năm"] == 0
    assert t.finished == 10
    assert t.median_days == Decimal("5.5")  # 1..10 days: (5 + 6) / 2
    assert t.p90_days == 9  # the 9th of 10 values
    assert t.undated == 1
    assert [label for label, _ in AGE_BANDS][-1] == "trên 2 năm"


def _band_of(accepted: date, year: int, status: Status = Status.IN_PROGRESS) -> str:
    """The age band of one case accepted on ``accepted``, pending at the end of năm ``year``."""
    period = ReportingPeriod(year, 12)
    origin = Origin.NEW if accepted >= period.start else Origin.CARRIED_OVER
    record = CaseRecord(unit="A", period=period, origin=origin, status=status,
                        accepted_on=accepted)  # fmt: skip
    bands = case_timing([record], by="unit")["A"].pending_bands
    (band,) = (label for label, n in bands.items() if n)
    return band


@pytest.mark.parametrize(
    ("accepted", "year", "band"),
    [
        # exactly 1 year on 30/9: the same band in năm 2024 (leap day between) as in năm 2023
        (date(2023, 9, 30), 2024, "trên 6 tháng đến 1 năm"),
        (date(2022, 9, 30), 2023, "trên 6 tháng đến 1 năm"),
        (date(2023, 9, 29), 2024, "trên 1 đến 2 năm"),
        # under 3 months on 30/9/2024 (91 days)
        (date(2024, 7, 1), 2024, "đến 3 tháng"),
        (date(2024, 6, 30), 2024, "đến 3 tháng"),  # exactly 3 months
        (date(2024, 6, 29), 2024, "trên 3 đến 6 tháng"),
        # 31/3 + 6 months is 30/9 (September has no 31st): exactly 6 months
        (date(2024, 3, 31), 2024, "trên 3 đến 6 tháng"),
        (date(2024, 3, 30), 2024, "trên 3 đến 6 tháng"),
        (date(2024, 3, 29), 2024, "trên 6 tháng đến 1 năm"),
        (date(2022, 9, 30), 2024, "trên 1 đến 2 năm"),  # exactly 2 years
        (date(2022, 9, 29), 2024, "trên 2 năm"),
        (date(2024, 9, 30), 2024, "đến 3 tháng"),  # accepted on the last day
    ],
)
def test_age_bands_are_calendar_months(accepted: date, year: int, band: str) -> None:
    assert _band_of(accepted, year) == band


@given(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 9, 30)),
    st.integers(2001, 2030),
)
def test_the_age_band_is_the_months_between_the_days(accepted: date, year: int) -> None:
    """The band is the one whose bounds, added to the day of acceptance as calendar months
    (dateutil's relativedelta: a day the month lacks is its last), hold the period's end."""
    end = ReportingPeriod(year, 12).end
    if accepted > end:
        return
    low = 0
    for label, most in AGE_BANDS:
        above_low = low == 0 or end > accepted + relativedelta(months=low)
        within = most is None or end <= accepted + relativedelta(months=most)
        assert (_band_of(accepted, year) == label) == (above_low and within), label
        low = most or 0


@pytest.mark.parametrize(
    ("year", "waiting"),
    [
        (2019, (Status.POSTPONED, Status.SUSPENDED)),  # Thông tư 01/2013: inside có điều kiện
        (2023, (Status.POSTPONED, Status.SUSPENDED, Status.STAYED)),  # 06/2019: STAYED apart
    ],
)
def test_postponed_and_suspended_cases_are_pending_not_active(
    year: int, waiting: tuple[Status, ...]
) -> None:
    """CourTools measure 4 counts as active only the cases that can proceed."""
    period = ReportingPeriod(year, 12)
    accepted = period.start
    statuses = (Status.IN_PROGRESS, Status.OTHER, Status.WITHOUT_CONDITIONS, *waiting)
    records = [
        CaseRecord(unit="A", period=period, origin=Origin.NEW, status=s, accepted_on=accepted)
        for s in statuses
    ]
    t = case_timing(records, by="unit")["A"]
    assert t.pending == len(statuses)
    assert t.active == 2  # đang thi hành and khác
    for status in (Status.POSTPONED, Status.SUSPENDED, Status.STAYED, Status.WITHOUT_CONDITIONS):
        if status in statuses:
            alone = CaseRecord(unit="A", period=period, origin=Origin.NEW, status=status,
                               accepted_on=accepted)  # fmt: skip
            only = case_timing([alone], by="unit")["A"]
            assert (only.pending, only.active) == (1, 0), status


def test_groups_by_unit_and_period_like_aggregate() -> None:
    records = [_done(date(2022, 11, 1), date(2022, 11, 11), unit=u) for u in ("A", "B", "A")]
    timing = case_timing(records)
    assert set(timing) == {("A", YEAR), ("B", YEAR)}
    assert timing["A", YEAR].finished == 2
    assert case_timing([], by="unit") == {}
    with pytest.raises(LedgerError):
        case_timing(records, by="province")
    with pytest.raises(LedgerError):
        case_timing([object()])  # type: ignore[list-item]


@given(st.lists(st.integers(0, 364), min_size=1, max_size=60))
def test_median_and_p90_are_the_order_statistics(days: list[int]) -> None:
    start = date(2022, 10, 1)
    records = [_done(start, start + timedelta(days=d)) for d in days]
    t = case_timing(records, by="unit")["A"]
    ordered = sorted(days)
    n = len(ordered)
    assert t.median_days == (Decimal(ordered[(n - 1) // 2]) + Decimal(ordered[n // 2])) / 2
    # Nearest rank: the least value with at least 90% of the cases at or below it.
    assert t.p90_days is not None
    assert sum(1 for d in days if d <= t.p90_days) * 10 >= 9 * n
    assert sum(1 for d in days if d < t.p90_days) * 10 < 9 * n
    assert sum(t.disposition_days.values()) == n


def test_csv_dates_are_read_in_every_style() -> None:
    text = [
        "unit,period,origin,status,accepted_on,finished_on",
        "A,năm 2023,new,completed,2022-10-03,2/12/2022",
        "A,năm 2023,carried_over,in_progress,4 tháng 5 năm 2021,",
    ]
    first, second = read_case_records(text)
    assert (first.accepted_on, first.finished_on) == (date(2022, 10, 3), date(2022, 12, 2))
    assert (second.accepted_on, second.finished_on) == (date(2021, 5, 4), None)
    with pytest.raises(CsvError) as caught:
        list(read_case_records([text[0], "A,năm 2023,new,completed,hôm qua,"]))
    assert caught.value.code == "csv.date"
