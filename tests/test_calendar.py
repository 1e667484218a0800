"""Example tests of the enforcement calendar (năm thống kê, kỳ báo cáo, quý)."""

from __future__ import annotations

from datetime import date, datetime
from fractions import Fraction

import pytest

from thads_metrics import (
    CalendarQuarter,
    EnforcementYear,
    ParseError,
    PeriodError,
    Quarter,
    ReportingPeriod,
    ThadsError,
    parse_date,
    parse_period,
)

# --------------------------------------------------------------------------- years


def test_year_2021_runs_from_1_october_2020_to_30_september_2021() -> None:
    y = EnforcementYear(2021)
    assert y.start == date(2020, 10, 1)
    assert y.end == date(2021, 9, 30)
    assert y.label == "năm 2021"
    assert str(y) == "năm 2021"


@pytest.mark.parametrize(
    ("d", "year"),
    [
        (date(2020, 9, 30), 2020),
        (date(2020, 10, 1), 2021),
        (date(2020, 12, 31), 2021),
        (date(2021, 1, 1), 2021),
        (date(2021, 9, 30), 2021),
        (date(2024, 2, 29), 2024),
        (datetime(2021, 10, 1, 0, 0, 1), 2022),
    ],
)
def test_year_of_edges(d: date, year: int) -> None:
    assert EnforcementYear.of(d) == EnforcementYear(year)
    assert d in EnforcementYear(year)
    assert d not in EnforcementYear(year - 1)
    assert d not in EnforcementYear(year + 1)


def test_year_navigation_and_parts() -> None:
    y = EnforcementYear(2022)
    assert y.previous() == EnforcementYear(2021)
    assert y.next() == EnforcementYear(2023)
    assert y.period(6) == ReportingPeriod(2022, 6)
    assert y.quarter(2) == Quarter(2022, 2)
    assert [q.number for q in y.quarters()] == [1, 2, 3, 4]
    assert y.quarters()[0].start == y.start
    assert y.quarters()[-1].end == y.end
    assert len(y.periods()) == 12
    assert y.periods()[-1].end == y.end


def test_year_length_counts_leap_day() -> None:
    assert len(list(EnforcementYear(2024).days())) == 366  # contains 29/2/2024
    assert len(list(EnforcementYear(2023).days())) == 365
    assert len(list(EnforcementYear(2100).days())) == 365  # 2100 is not a leap year


def test_years_are_ordered_and_hashable() -> None:
    assert EnforcementYear(2020) < EnforcementYear(2021)
    assert len({EnforcementYear(2021), EnforcementYear(2021)}) == 1
    assert sorted([ReportingPeriod(2021, 3), ReportingPeriod(2020, 12)]) == [
        ReportingPeriod(2020, 12),
        ReportingPeriod(2021, 3),
    ]


@pytest.mark.parametrize("bad", [1899, 2201, -5, 0])
def test_year_out_of_range_is_refused(bad: int) -> None:
    with pytest.raises(PeriodError, match=str(bad)):
        EnforcementYear(bad)


@pytest.mark.parametrize("bad", [2021.0, "2021", None, True])
def test_year_of_wrong_type_is_refused_not_coerced(bad: object) -> None:
    with pytest.raises(PeriodError, match="must be an int"):
        EnforcementYear(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", ["2021-08-31", 20210831, None])
def test_of_requires_a_date(bad: object) -> None:
    with pytest.raises(PeriodError, match=r"datetime\.date"):
        EnforcementYear.of(bad)  # type: ignore[arg-type]
    with pytest.raises(PeriodError):
        ReportingPeriod.ending(bad)  # type: ignore[arg-type]
    with pytest.raises(PeriodError):
        Quarter.of(bad)  # type: ignore[arg-type]


def test_year_containment_of_non_dates_is_false() -> None:
    assert "2021-01-01" not in EnforcementYear(2021)


# --------------------------------------------------------------------------- periods


def test_seed_11_months_2021() -> None:
    """'tính đến 31/8/2021 (11 tháng 2021)'."""
    p = ReportingPeriod.ending(date(2021, 8, 31))
    assert p == ReportingPeriod(2021, 11)
    assert p.start == date(2020, 10, 1)
    assert p.end == date(2021, 8, 31)
    assert p.label == "11 tháng năm 2021"
    assert p.as_of_label == "tính đến 31/8/2021"


def test_seed_6_months_2022_ends_31_march() -> None:
    assert ReportingPeriod(2022, 6).end == date(2022, 3, 31)
    assert parse_period("6 tháng đầu năm 2022") == ReportingPeriod(2022, 6)


def test_9_months_2022_ends_30_june() -> None:
    assert ReportingPeriod(2022, 9).end == date(2022, 6, 30)


@pytest.mark.parametrize(
    ("year", "months", "end"),
    [
        (2021, 1, date(2020, 10, 31)),
        (2021, 2, date(2020, 11, 30)),
        (2021, 3, date(2020, 12, 31)),
        (2021, 4, date(2021, 1, 31)),
        (2024, 5, date(2024, 2, 29)),
        (2023, 5, date(2023, 2, 28)),
        (2100, 5, date(2100, 2, 28)),
        (2000, 5, date(2000, 2, 29)),
        (2021, 12, date(2021, 9, 30)),
    ],
)
def test_period_end_is_last_day_of_month(year: int, months: int, end: date) -> None:
    p = ReportingPeriod(year, months)
    assert p.end == end
    assert ReportingPeriod.ending(end) == p
    assert ReportingPeriod.ending(p.last_month_start) == p


def test_full_year_period_is_labelled_as_the_year() -> None:
    assert ReportingPeriod(2024, 12).label == "năm 2024"
    assert ReportingPeriod.full_year(2024) == ReportingPeriod(2024, 12)
    assert ReportingPeriod.full_year(EnforcementYear(2024)).is_full_year


def test_period_accepts_an_enforcement_year() -> None:
    assert ReportingPeriod(EnforcementYear(2021), 11) == ReportingPeriod(2021, 11)
    assert Quarter(EnforcementYear(2021), 2) == Quarter(2021, 2)


def test_same_period_last_year_and_fraction() -> None:
    p = ReportingPeriod(2022, 6)
    assert p.same_period_last_year() == ReportingPeriod(2021, 6)
    assert p.same_period_last_year().end == date(2021, 3, 31)
    assert p.elapsed_fraction == Fraction(1, 2)
    assert ReportingPeriod(2021, 11).elapsed_fraction == Fraction(11, 12)
    assert p.enforcement_year == EnforcementYear(2022)


@pytest.mark.parametrize("months", [0, 13, -1, 100])
def test_month_count_outside_1_to_12_is_refused(months: int) -> None:
    with pytest.raises(PeriodError, match=rf"months must be in 1\.\.12 .*got {months}"):
        ReportingPeriod(2021, months)


@pytest.mark.parametrize("bad", [6.0, "6", None, False])
def test_month_count_of_wrong_type(bad: object) -> None:
    with pytest.raises(PeriodError, match="months must be an int"):
        ReportingPeriod(2021, bad)  # type: ignore[arg-type]


def test_period_quarter() -> None:
    assert ReportingPeriod(2022, 6).quarter() == Quarter(2022, 2)
    assert ReportingPeriod(2022, 7).quarter() == Quarter(2022, 3)


def test_periods_are_immutable() -> None:
    p = ReportingPeriod(2021, 11)
    with pytest.raises(AttributeError):
        p.months = 12  # type: ignore[misc]


# --------------------------------------------------------------------------- quarters


@pytest.mark.parametrize(
    ("number", "start", "end"),
    [
        (1, date(2021, 10, 1), date(2021, 12, 31)),
        (2, date(2022, 1, 1), date(2022, 3, 31)),
        (3, date(2022, 4, 1), date(2022, 6, 30)),
        (4, date(2022, 7, 1), date(2022, 9, 30)),
    ],
)
def test_statistical_quarters_of_2022(number: int, start: date, end: date) -> None:
    q = Quarter(2022, number)
    assert (q.start, q.end) == (start, end)
    assert Quarter.of(start) == q
    assert Quarter.of(end) == q


def test_quarter_labels() -> None:
    assert Quarter(2022, 2).label == "Quý II/2022"
    assert [q.label for q in EnforcementYear(2021).quarters()] == [
        "Quý I/2021",
        "Quý II/2021",
        "Quý III/2021",
        "Quý IV/2021",
    ]


def test_quarter_edges_31_december_and_1_january() -> None:
    assert Quarter.of(date(2020, 12, 31)) == Quarter(2021, 1)
    assert Quarter.of(date(2021, 1, 1)) == Quarter(2021, 2)
    assert Quarter.of(date(2021, 9, 30)) == Quarter(2021, 4)
    assert Quarter.of(date(2021, 10, 1)) == Quarter(2022, 1)


@pytest.mark.parametrize("bad", [0, 5, -1])
def test_quarter_number_outside_1_to_4(bad: int) -> None:
    with pytest.raises(PeriodError, match=str(bad)):
        Quarter(2022, bad)
    with pytest.raises(PeriodError, match=str(bad)):
        CalendarQuarter(2022, bad)


def test_calendar_quarter_is_explicit_and_distinct() -> None:
    cq = CalendarQuarter(2020, 4)
    assert (cq.start, cq.end) == (date(2020, 10, 1), date(2020, 12, 31))
    assert cq.to_statistical() == Quarter(2021, 1)
    assert Quarter(2021, 1).to_calendar() == cq
    assert cq != Quarter(2020, 4)
    assert "dương lịch" in cq.label
    assert CalendarQuarter.of(date(2021, 2, 1)) == CalendarQuarter(2021, 1)
    assert date(2020, 11, 5) in cq


def test_quarter_cumulative_period() -> None:
    assert Quarter(2022, 1).cumulative_period() == ReportingPeriod(2022, 3)
    assert Quarter(2022, 4).cumulative_period() == ReportingPeriod(2022, 12)


# --------------------------------------------------------------------------- parsing


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("năm 2021", ReportingPeriod(2021, 12)),
        ("11 tháng năm 2021", ReportingPeriod(2021, 11)),
        ("11 tháng 2021", ReportingPeriod(2021, 11)),
        ("6 tháng đầu năm 2022", ReportingPeriod(2022, 6)),
        ("12 tháng năm 2024", ReportingPeriod(2024, 12)),
        ("Quý II/2022", Quarter(2022, 2)),
        ("quý 2 năm 2022", Quarter(2022, 2)),
        ("Quý IV / 2021", Quarter(2021, 4)),
        ("tính đến 31/8/2021", ReportingPeriod(2021, 11)),
        ("tính đến hết 30/9/2025", ReportingPeriod(2025, 12)),
        ("tính đến hết ngày 31/03/2022", ReportingPeriod(2022, 6)),
        ("tính đến 2024-02-29", ReportingPeriod(2024, 5)),
        ("tính đến 31/8/2021 (11 tháng 2021)", ReportingPeriod(2021, 11)),
        ("  NĂM   2021 ", ReportingPeriod(2021, 12)),
        ("11 THÁNG NĂM 2021", ReportingPeriod(2021, 11)),
        ("11 thang nam 2021", ReportingPeriod(2021, 11)),
        ("quy II/2022", Quarter(2022, 2)),
        ("tinh den het 30/9/2025", ReportingPeriod(2025, 12)),
        ("quý II niên độ thi hành án 2022", Quarter(2022, 2)),
        ("quý II niên độ 2022", Quarter(2022, 2)),
        ("năm 2021 (12 tháng)", ReportingPeriod(2021, 12)),
        ("11 tháng năm 2021 (11 tháng)", ReportingPeriod(2021, 11)),
    ],
)
def test_parse_period_variants(text: str, expected: object) -> None:
    assert parse_period(text) == expected


def test_parse_period_accepts_decomposed_unicode() -> None:
    import unicodedata

    assert parse_period(unicodedata.normalize("NFD", "6 tháng đầu năm 2022")) == ReportingPeriod(
        2022, 6
    )


def test_parse_calendar_quarter_only_on_request() -> None:
    assert parse_period("Quý IV/2020") == Quarter(2020, 4)
    assert parse_period("Quý IV/2020", calendar_quarters=True) == CalendarQuarter(2020, 4)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "năm",
        "hai nghìn",
        "13 tháng năm 2021",
        "0 tháng năm 2021",
        "Quý V/2022",
        "quý 5 năm 2022",
        "tính đến 15/8/2021",
        "tính đến 31/2/2021",
        "năm 1800",
        "tính đến 31/8/2021 (10 tháng 2021)",
        "6 tháng cuối năm 2023",  # April–September: not a cumulative period
        "năm 2021 (11 tháng)",
    ],
)
def test_parse_period_refuses_with_the_value_named(text: str) -> None:
    with pytest.raises(ParseError) as info:
        parse_period(text)
    assert repr(text) in str(info.value)
    assert info.value.text == text


def test_parse_period_refuses_non_text() -> None:
    with pytest.raises(ParseError, match="as text"):
        parse_period(2021)  # type: ignore[arg-type]


def test_parse_errors_are_thads_errors_and_value_errors() -> None:
    with pytest.raises(ValueError):  # noqa: PT011
        parse_period("xyz")
    with pytest.raises(ThadsError):
        ReportingPeriod(2021, 13)


def test_parse_date() -> None:
    assert parse_date("31/8/2021") == date(2021, 8, 31)
    assert parse_date("31.08.2021") == date(2021, 8, 31)
    assert parse_date("2021-08-31") == date(2021, 8, 31)
    with pytest.raises(ParseError, match="31/13/2021"):
        parse_date("31/13/2021")
    with pytest.raises(ParseError, match="08/31"):
        parse_date("08/31")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("31/8/2021", ReportingPeriod(2021, 11)), ("2024-02-29", ReportingPeriod(2024, 5))],
)
def test_parse_period_reads_a_bare_period_end(text: str, expected: ReportingPeriod) -> None:
    assert parse_period(text) == expected
    with pytest.raises(ParseError, match="not the last day of a month"):
        parse_period(text.replace("31", "30").replace("29", "28"))


# --------------------------------------------------------------------------- flags and codes


@pytest.mark.parametrize("flag", ["no", "", 0, 1, None, "False"])
def test_calendar_quarters_is_a_flag_not_a_truth_value(flag: object) -> None:
    # Before the redesign "no" was truthy and gave a calendar quarter.
    with pytest.raises(PeriodError, match="calendar_quarters must be True or False") as info:
        parse_period("Quý II/2022", calendar_quarters=flag)  # type: ignore[arg-type]
    assert info.value.code == "period.type"
    assert info.value.details["argument"] == "calendar_quarters"


@pytest.mark.parametrize(
    ("make", "code", "argument"),
    [
        (lambda: EnforcementYear(1899), "period.range", "year"),
        (lambda: EnforcementYear(2021.0), "period.type", "year"),
        (lambda: ReportingPeriod(2021, 13), "period.range", "months"),
        (lambda: ReportingPeriod(2021, "6"), "period.type", "months"),
        (lambda: Quarter(2022, 5), "period.range", "number"),
        (lambda: CalendarQuarter(2022, None), "period.type", "number"),
        (lambda: EnforcementYear.of("2021-08-31"), "period.type", "d"),
        (lambda: ReportingPeriod.ending(None), "period.type", "d"),
    ],
)
def test_period_errors_carry_a_code_and_the_argument(
    make: object, code: str, argument: str
) -> None:
    with pytest.raises(PeriodError) as info:
        make()  # type: ignore[operator]
    assert info.value.code == code
    assert info.value.details["argument"] == argument
    assert info.value.details["rule"]


def test_a_huge_year_is_described_not_printed() -> None:
    with pytest.raises(PeriodError, match="<int of 5001 digits>") as info:
        EnforcementYear(10**5000)
    assert info.value.details["value"] == "<int of 5001 digits>"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("xyz", "parse.period"),
        ("13 tháng năm 2021", "parse.no_such_period"),
        ("Quý V/2022", "parse.period"),
        ("quý 5 năm 2022", "parse.no_such_period"),
        ("năm 1800", "parse.no_such_period"),
        ("tính đến 15/8/2021", "parse.month_end"),
        ("tính đến 31/2/2021", "parse.no_such_date"),
        ("tính đến 31/8/2021 (10 tháng 2021)", "parse.contradiction"),
        ("năm 2021 (11 tháng)", "parse.contradiction"),
    ],
)
def test_parse_period_errors_carry_a_code(text: str, code: str) -> None:
    with pytest.raises(ParseError) as info:
        parse_period(text)
    assert info.value.code == code
    assert info.value.details["text"] == text


def test_parse_date_errors_carry_a_code() -> None:
    with pytest.raises(ParseError) as info:
        parse_date("08/31")
    assert info.value.code == "parse.date"
    with pytest.raises(ParseError) as info:
        parse_date("31/13/2021")
    assert info.value.code == "parse.no_such_date"
    with pytest.raises(ParseError) as info:
        parse_date(20210831)  # type: ignore[arg-type]
    assert info.value.code == "parse.type"
    with pytest.raises(ParseError, match="as text") as info:
        parse_period(None)  # type: ignore[arg-type]
    assert info.value.code == "parse.type"


def test_day_label_requires_a_date() -> None:
    from thads_metrics.calendar import day_label

    assert day_label(datetime(2021, 8, 31, 12)) == "31/8/2021"
    with pytest.raises(PeriodError, match=r"datetime\.date") as info:
        day_label(None)  # type: ignore[arg-type]
    assert info.value.code == "period.type"
