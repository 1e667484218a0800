"""Property tests of the enforcement calendar, with pandas fiscal periods as an outside oracle."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from thads_metrics import (
    CalendarQuarter,
    EnforcementYear,
    Quarter,
    ReportingPeriod,
    parse_period,
)

# Every date whose enforcement year is within the accepted range 1900..2200.
dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 9, 30))
years = st.integers(min_value=1900, max_value=2200)
periods = st.builds(ReportingPeriod, years, st.integers(1, 12))
quarters = st.builds(Quarter, years, st.integers(1, 4))


@given(dates)
def test_every_date_lies_in_its_year_quarter_and_period(d: date) -> None:
    year = EnforcementYear.of(d)
    assert d in year
    assert year.start <= d <= year.end
    q = Quarter.of(d)
    assert q.start <= d <= q.end
    assert d in q
    assert q.enforcement_year == year
    p = ReportingPeriod.ending(d)
    assert p.start <= d <= p.end
    assert p.last_month_start <= d
    assert p.enforcement_year == year


@given(dates)
def test_pandas_fiscal_periods_agree(d: date) -> None:
    ts = pd.Timestamp(d)
    y = pd.Period(ts, freq="Y-SEP")
    q = pd.Period(ts, freq="Q-SEP")
    assert EnforcementYear.of(d).year == y.year
    assert Quarter.of(d) == Quarter(q.qyear, q.quarter)
    quarter = Quarter.of(d)
    assert quarter.start == q.start_time.date()
    assert quarter.end == q.end_time.date()
    assert EnforcementYear.of(d).start == y.start_time.date()


@given(dates)
def test_pandas_calendar_quarters_agree(d: date) -> None:
    q = pd.Period(pd.Timestamp(d), freq="Q-DEC")
    assert CalendarQuarter.of(d) == CalendarQuarter(q.year, q.quarter)
    assert CalendarQuarter.of(d).to_statistical() == Quarter.of(d)


@given(periods)
def test_period_labels_round_trip(p: ReportingPeriod) -> None:
    assert parse_period(p.label) == p
    assert parse_period(p.label.upper()) == p
    assert parse_period(p.as_of_label) == p
    assert parse_period(f"{p.as_of_label} ({p.label})") == p


@given(quarters)
def test_quarter_labels_round_trip(q: Quarter) -> None:
    assert parse_period(q.label) == q
    assert parse_period(f"quý {q.number} năm {q.year}") == q
    cq = q.to_calendar()
    assert parse_period(cq.label.split(" (")[0], calendar_quarters=True) == cq


@given(periods, periods)
def test_period_order_matches_end_date_order(a: ReportingPeriod, b: ReportingPeriod) -> None:
    assert (a < b) == (a.end < b.end)
    assert (a == b) == (a.end == b.end)


@given(quarters, quarters)
def test_quarter_order_matches_date_order(a: Quarter, b: Quarter) -> None:
    assert (a < b) == (a.start < b.start)


@given(years, years)
def test_year_order_matches_date_order(a: int, b: int) -> None:
    assert (EnforcementYear(a) < EnforcementYear(b)) == (
        EnforcementYear(a).end < EnforcementYear(b).end
    )


@given(dates)
def test_next_day_moves_to_next_period_only_on_month_end(d: date) -> None:
    nxt = d + timedelta(days=1)
    if nxt > date(2200, 9, 30):
        return
    p, q = ReportingPeriod.ending(d), ReportingPeriod.ending(nxt)
    if d == p.end:
        assert q != p
        if p.months == 12:
            assert q == ReportingPeriod(p.year + 1, 1)
        else:
            assert q == ReportingPeriod(p.year, p.months + 1)
    else:
        assert q == p


@given(periods)
def test_periods_nest_in_their_year(p: ReportingPeriod) -> None:
    assert p.start == p.enforcement_year.start
    assert p.end <= p.enforcement_year.end
    assert (p.end == p.enforcement_year.end) == p.is_full_year
    if p.year > 1900:
        last = p.same_period_last_year()
        assert (last.months, last.year) == (p.months, p.year - 1)
        assert last.end.month == p.end.month
