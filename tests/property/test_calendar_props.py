"""Property tests of the enforcement calendar, with pandas fiscal periods as an outside oracle."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pandas as pd
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from thads_metrics import (
    CalendarQuarter,
    EnforcementYear,
    ParseError,
    Quarter,
    ReportingPeriod,
    parse_date,
    parse_period,
)
from thads_metrics.calendar import CutOffPeriod, day_label
from thads_metrics.vi import number_in_words

# Every date whose enforcement year is within the accepted range 1900..2200.
dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 9, 30))
years = st.integers(min_value=1900, max_value=2200)
periods = st.builds(ReportingPeriod, years, st.integers(1, 12))
quarters = st.builds(Quarter, years, st.integers(1, 4))
#: Every day a cut-off can fall on: enforcement years 1900..2200.
cut_off_days = st.dates(min_value=date(1899, 10, 1), max_value=date(2200, 9, 30))


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


#: Every calendar quarter the library accepts (calendar years 1899..2200).
calendar_quarters = st.builds(CalendarQuarter, st.integers(1899, 2200), st.integers(1, 4))


@given(st.data(), st.booleans())
def test_every_label_the_library_writes_reads_back(data: st.DataObject, flag: bool) -> None:
    """The label of every kind of period reads back as the same days.

    A label that says its kind reads back whatever ``calendar_quarters`` says; a
    statistical quarter's label ("Quý II/2022") says none, so it reads back
    with the default.
    """
    kind = data.draw(st.sampled_from(["year", "period", "cut-off", "quarter", "calendar"]))
    if kind == "year":
        year = EnforcementYear(data.draw(years))
        assert parse_period(year.label, calendar_quarters=flag) == ReportingPeriod.full_year(year)
    elif kind == "period":
        p = data.draw(periods)
        for text in (p.label, p.as_of_label, str(p)):
            assert parse_period(text, calendar_quarters=flag) == p
    elif kind == "cut-off":
        c = CutOffPeriod.of(data.draw(cut_off_days))
        expected = c.period if c.is_month_end else c  # a month's last day: the period itself
        for text in (c.label, c.as_of_label, str(c)):
            read = parse_period(text, calendar_quarters=flag)
            assert read == expected
            assert (read.start, read.end) == (c.start, c.end)
    elif kind == "quarter":
        q = data.draw(quarters)
        assert parse_period(q.label) == q
        assert parse_period(str(q)) == q
    else:
        cq = data.draw(calendar_quarters)
        assert parse_period(cq.label, calendar_quarters=flag) == cq
        assert parse_period(str(cq).upper(), calendar_quarters=flag) == cq


_STATISTICAL = ("niên độ thi hành án", "niên độ", "năm thống kê", "năm công tác", "năm thi hành án")


@given(quarters, st.sampled_from(_STATISTICAL), st.booleans())
def test_a_quarter_read_as_the_kind_its_text_says(q: Quarter, words: str, flag: bool) -> None:
    assert parse_period(f"quý {q.number} {words} {q.year}", calendar_quarters=flag) == q
    assert parse_period(f"{q.label} ({words})", calendar_quarters=flag) == q
    cq = q.to_calendar()
    said = f"quý {cq.number} năm dương lịch {cq.year}"
    assert parse_period(said, calendar_quarters=flag) == cq


@given(quarters)
def test_a_period_end_and_a_quarter_agree_only_on_the_same_days(q: Quarter) -> None:
    """ "tính đến <the quarter's end> (<the quarter>)": only Quý I names the same days."""
    ending = q.cumulative_period()
    text = f"{ending.as_of_label} ({q.label})"
    if (q.start, q.end) == (ending.start, ending.end):
        assert q.number == 1
        assert parse_period(text) == ending
    else:
        with pytest.raises(ParseError) as info:
            parse_period(text)
        assert info.value.code == "parse.contradiction"


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


# --------------------------------------------------------------------------- ways of writing


def _month_words(months: int) -> str:
    """The count in words, from the library's own number reader (an independent table)."""
    return number_in_words(months)


def _long_day(d: date) -> str:
    return f"ngày {d.day} tháng {d.month} năm {d.year}"


#: How reports print a day: 01/10/2020, 1/10/2020, 01-10-2020, 1.10.2020, 2020-10-01.
day_forms = st.sampled_from(
    [
        lambda d: f"{d.day:02}/{d.month:02}/{d.year}",
        day_label,
        lambda d: f"{d.day:02}-{d.month:02}-{d.year}",
        lambda d: f"{d.day}.{d.month}.{d.year}",
        lambda d: d.isoformat(),
    ]
)


@given(periods, day_forms)
def test_every_way_of_writing_a_period_reads_back(
    p: ReportingPeriod, form: Callable[[date], str]
) -> None:
    end = form(p.end)
    start = form(p.start)
    written = [
        p.label,
        f"{p.months} tháng năm {p.year}",
        f"{p.months} tháng đầu năm công tác {p.year}",
        f"{_month_words(p.months)} tháng năm {p.year}",
        f"{_month_words(p.months).capitalize()} tháng đầu năm {p.year}",
        f"tính đến {end}",
        f"tính đến hết ngày {end}",
        f"tính đến {_long_day(p.end)}",
        f"từ ngày {start} đến {end}",
        f"từ {start} đến hết ngày {end}",
        f"từ {_long_day(p.start)} đến {_long_day(p.end)}",
        f"{day_label(p.start)} – {day_label(p.end)}",
        f"tính đến {end} ({p.label})",
    ]
    for text in written:
        assert parse_period(text) == p, text
    if p.is_full_year:
        assert parse_period(f"năm công tác {p.year}") == p
        assert parse_period(f"niên độ {p.year}") == p


@given(periods)
def test_a_period_end_without_its_year_reads_with_year(p: ReportingPeriod) -> None:
    text = f"tính đến hết {p.end.day}/{p.end.month}"
    assert parse_period(text, year=p.end.year) == p
    assert parse_period(text, year=p.enforcement_year) == p
    assert parse_period(f"{text} ({p.label})") == p


@given(cut_off_days)
def test_cut_off_is_consistent_with_the_period_ending_there(d: date) -> None:
    c = CutOffPeriod.of(d)
    p = ReportingPeriod.ending(d)
    assert c.end == d
    assert c.period == p
    assert c.start == p.start == c.enforcement_year.start
    assert c.enforcement_year == p.enforcement_year == EnforcementYear.of(d)
    assert c.year == p.year
    assert c.quarter() == Quarter.of(d)
    assert p.last_month_start <= c.end <= p.end
    assert c.is_month_end == (d == p.end)
    assert c.elapsed_days == (d - c.start).days + 1
    assert 0 < c.elapsed_fraction <= 1
    assert (c.elapsed_fraction == 1) == (d == c.enforcement_year.end)
    assert d in c
    assert c.start in c
    assert (d + timedelta(days=1)) not in c
    expected = p if c.is_month_end else c
    assert parse_period(c.label) == expected
    assert parse_period(f"từ {day_label(c.start)} đến {day_label(d)}") == expected
    assert parse_period(f"tính đến {d.day}/{d.month}", year=d.year) == expected
    assert parse_period(f"{c.label} ({p.label})") == expected


@given(cut_off_days)
@example(date(2025, 2, 28))  # closes 5 tháng năm 2025; 5 tháng năm 2024 closes 29/2/2024
@example(date(2024, 2, 29))
@example(date(2024, 2, 28))  # inside February 2024
def test_cut_off_same_period_last_year(d: date) -> None:
    c = CutOffPeriod.of(d)
    if c.year == 1900:
        return
    last = c.same_period_last_year()
    assert last.year == c.year - 1
    assert last.period == c.period.same_period_last_year()
    if c.is_month_end:  # the end of a cumulative period: the end of its cùng kỳ
        assert last.is_month_end
        assert last.end == c.period.same_period_last_year().end
    else:  # a day inside a month: the same day (29 February is always a month's last)
        assert (last.end.month, last.end.day) == (d.month, d.day)


@given(cut_off_days, cut_off_days)
def test_cut_off_order_matches_day_order(a: date, b: date) -> None:
    ca, cb = CutOffPeriod.of(a), CutOffPeriod.of(b)
    assert (ca < cb) == (a < b)
    assert (ca == cb) == (hash(ca) == hash(cb)) == (a == b)
    if ca.year == cb.year:
        assert (ca.elapsed_fraction < cb.elapsed_fraction) == (a < b)


@given(dates)
def test_every_printed_form_of_a_date_reads_back(d: date) -> None:
    for text in (
        day_label(d),
        d.isoformat(),
        d.strftime("%d/%m/%Y"),
        f"{d.day}-{d.month}-{d.year}",
        f"{d.day}.{d.month}.{d.year}",
        f"{d.day} tháng {d.month} năm {d.year}",
        _long_day(d),
        _long_day(d).upper(),
    ):
        assert parse_date(text) == d, text
    assert parse_date(f"{d.day}/{d.month}", year=d.year) == d
    assert parse_date(f"{d.day}/{d.month}", year=EnforcementYear.of(d)) == d


_OTHER_ZEROS = (0xFF10, 0x0660, 0x06F0, 0x0966)  # full-width, Arabic-Indic, Persian, Devanagari


@given(periods, st.sampled_from(_OTHER_ZEROS), st.data())
def test_digits_other_than_ascii_are_refused(
    p: ReportingPeriod, zero: int, data: st.DataObject
) -> None:
    text = f"tính đến {day_label(p.end)}"
    at = data.draw(st.sampled_from([i for i, c in enumerate(text) if c.isdigit()]))
    foreign = text[:at] + chr(zero + int(text[at])) + text[at + 1 :]
    for read in (parse_period, parse_date):
        with pytest.raises(ParseError) as info:
            read(foreign)
        assert info.value.code == "parse.digits"
        assert info.value.position == at
