"""Example tests of the enforcement calendar (năm thống kê, kỳ báo cáo, quý)."""

from __future__ import annotations

from datetime import date, datetime
from fractions import Fraction
from pathlib import Path

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
from thads_metrics.calendar import CutOffPeriod

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
        "15/8/2021",  # a bare day inside a month: a cut-off is written "tính đến 15/8/2021"
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
        ("15/8/2021", "parse.month_end"),
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


# --------------------------------------------------------------------------- real phrases

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


@pytest.mark.parametrize(
    ("source", "phrase", "expected"),
    [
        (
            "000_bb7d672c5fb93504.txt",
            "tính đến 31/8/2021 (11 tháng 2021)",
            ReportingPeriod(2021, 11),
        ),
        ("000_bb7d672c5fb93504.txt", "cả năm 2021", ReportingPeriod(2021, 12)),
        ("001_215825f545f77045.txt", "năm 2017", ReportingPeriod(2017, 12)),
        ("003_329b1d60dff484e9.txt", "Quý III/2020", Quarter(2020, 3)),
        ("003_329b1d60dff484e9.txt", "Quý IV/2020", Quarter(2020, 4)),
        ("004_a6f7d27ca815f3d4.txt", "6 tháng đầu năm 2022", ReportingPeriod(2022, 6)),
        ("004_a6f7d27ca815f3d4.txt", "quý III năm 2022", Quarter(2022, 3)),
    ],
)
def test_phrases_of_the_seed_articles(source: str, phrase: str, expected: object) -> None:
    path = SEEDS / source
    if path.exists():  # the seeds sit beside the repository; the phrase is quoted from them
        assert phrase in path.read_text(encoding="utf-8")
    assert parse_period(phrase) == expected


def test_seed_calendar_quarter_of_a_ministry_plan() -> None:
    """003_329b1d60dff484e9.txt: "nhiệm vụ công tác trọng tâm Quý IV/2020", said on 24/9/2020.

    Said in September 2020, "Quý IV/2020" is October–December 2020: a calendar
    quarter. The reader never guesses it: the flag says so.
    """
    statistical = parse_period("Quý IV/2020")
    assert (statistical.start, statistical.end) == (date(2020, 7, 1), date(2020, 9, 30))
    calendar = parse_period("Quý IV/2020", calendar_quarters=True)
    assert calendar == CalendarQuarter(2020, 4)
    assert calendar.to_statistical() == Quarter(2021, 1)


@pytest.mark.parametrize(
    ("source", "phrase", "code"),
    [
        # "chỉ tính riêng trong tháng 8/2021 Cục đã ban hành 04 văn bản": one month, not a period
        ("000_bb7d672c5fb93504.txt", "tháng 8/2021", "parse.single_month"),
        ("000_bb7d672c5fb93504.txt", "tháng 9/2021", "parse.single_month"),
        # "nhiệm vụ cần tập trung thực hiện trong quý 2 niên độ thi hành án": no year printed
        ("004_a6f7d27ca815f3d4.txt", "quý 2 niên độ thi hành án", "parse.missing_year"),
        # "Ngày 22/4/2022, Cục THADS tỉnh tổ chức Hội nghị": the day of a meeting, not a cut-off
        ("004_a6f7d27ca815f3d4.txt", "Ngày 22/4/2022", "parse.month_end"),
    ],
)
def test_seed_phrases_that_are_not_periods(source: str, phrase: str, code: str) -> None:
    path = SEEDS / source
    if path.exists():
        assert phrase in path.read_text(encoding="utf-8")
    with pytest.raises(ParseError) as info:
        parse_period(phrase)
    assert info.value.code == code
    assert info.value.details["text"] == phrase


def test_the_seed_meeting_day_is_still_a_date() -> None:
    assert parse_date("Ngày 22/4/2022") == date(2022, 4, 22)


# --------------------------------------------------------------------------- more forms


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the working year (năm công tác) and niên độ
        ("6 tháng đầu năm công tác 2021", ReportingPeriod(2021, 6)),
        ("năm công tác 2021", ReportingPeriod(2021, 12)),
        ("niên độ 2021", ReportingPeriod(2021, 12)),
        ("niên độ thi hành án 2021", ReportingPeriod(2021, 12)),
        ("9 tháng niên độ 2022", ReportingPeriod(2022, 9)),
        # month counts in words
        ("chín tháng đầu năm 2023", ReportingPeriod(2023, 9)),
        ("sáu tháng năm 2022", ReportingPeriod(2022, 6)),
        ("mười một tháng năm 2021", ReportingPeriod(2021, 11)),
        ("Mười hai tháng năm 2024", ReportingPeriod(2024, 12)),
        ("một tháng năm 2022", ReportingPeriod(2022, 1)),
        ("năm tháng năm 2024", ReportingPeriod(2024, 5)),
        ("bốn tháng 2023", ReportingPeriod(2023, 4)),
        ("muoi thang nam 2021", ReportingPeriod(2021, 10)),
        # spans from 1 October
        ("từ ngày 01/10/2024 đến 30/9/2025", ReportingPeriod(2025, 12)),
        ("từ 01/10/2020 đến hết ngày 31/8/2021", ReportingPeriod(2021, 11)),
        ("Từ ngày 1/10/2021 đến ngày 31/3/2022", ReportingPeriod(2022, 6)),
        ("từ 1 tháng 10 năm 2020 đến 31 tháng 8 năm 2021", ReportingPeriod(2021, 11)),
        ("1/10/2020 – 31/12/2020", ReportingPeriod(2021, 3)),  # as the library prints spans
        ("2020-10-01 - 2021-08-31", ReportingPeriod(2021, 11)),
        # a period dated by its end, in the long form
        ("tính đến ngày 31 tháng 8 năm 2021", ReportingPeriod(2021, 11)),
        ("tính đến thời điểm 31/8/2021", ReportingPeriod(2021, 11)),
        ("đến hết ngày 31-8-2021", ReportingPeriod(2021, 11)),
        ("ngày 31.8.2021", ReportingPeriod(2021, 11)),
        # quarters
        ("quý III năm 2023", Quarter(2023, 3)),
        ("quý 3 năm 2023", Quarter(2023, 3)),
        ("Quý III năm công tác 2023", Quarter(2023, 3)),
        ("quý I năm 2021", Quarter(2021, 1)),
    ],
)
def test_parse_period_reads_the_forms_of_real_reports(text: str, expected: object) -> None:
    assert parse_period(text) == expected


def test_quarter_phrases_keep_their_meaning_with_the_flag() -> None:
    assert parse_period("quý III năm 2023", calendar_quarters=True) == CalendarQuarter(2023, 3)
    assert parse_period("Quý IV/2020", calendar_quarters=True).label == (
        "Quý IV/2020 (năm dương lịch)"
    )


@pytest.mark.parametrize(
    "text",
    [
        "quý II niên độ thi hành án 2022",  # seed 004: "quý 2 niên độ thi hành án"
        "quý II niên độ 2022",
        "quý II năm thống kê 2022",
        "quý II năm công tác 2022",
        "quý 2 năm thi hành án 2022",
        "Quý II/2022 (niên độ thi hành án)",
        "Quý II/2022 (theo năm thống kê)",
    ],
)
@pytest.mark.parametrize("flag", [False, True])
def test_a_quarter_said_in_the_statistical_year_is_statistical_whatever_the_flag(
    text: str, flag: bool
) -> None:
    q = parse_period(text, calendar_quarters=flag)
    assert q == Quarter(2022, 2)
    assert (q.start, q.end) == (date(2022, 1, 1), date(2022, 3, 31))


@pytest.mark.parametrize(
    "text",
    [
        "Quý IV/2020 (năm dương lịch)",  # as CalendarQuarter.label writes it
        "quý 4 năm 2020 (theo năm dương lịch)",
        "Quý IV/2020 (dương lịch)",
        "quý IV năm dương lịch 2020",
    ],
)
@pytest.mark.parametrize("flag", [False, True])
def test_a_quarter_said_in_the_calendar_year_is_a_calendar_quarter_whatever_the_flag(
    text: str, flag: bool
) -> None:
    q = parse_period(text, calendar_quarters=flag)
    assert q == CalendarQuarter(2020, 4)
    assert (q.start, q.end) == (date(2020, 10, 1), date(2020, 12, 31))


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("quý II niên độ thi hành án 2022 (năm dương lịch)", "parse.contradiction"),
        ("quý IV năm dương lịch 2020 (năm thống kê)", "parse.contradiction"),
        ("năm 2021 (năm dương lịch)", "parse.contradiction"),  # a cumulative period
        ("tính đến 24/8/2011 (năm dương lịch)", "parse.contradiction"),
        ("6 tháng đầu năm dương lịch 2022", "parse.period"),  # not cumulative from 1/10
        ("quý IV năm dương lịch", "parse.missing_year"),
        ("quý IV (năm dương lịch)", "parse.missing_year"),
    ],
)
def test_the_kind_of_year_said_is_never_overridden(text: str, code: str) -> None:
    for flag in (False, True):
        with pytest.raises(ParseError) as info:
            parse_period(text, calendar_quarters=flag)
        assert info.value.code == code
        assert info.value.details["text"] == text


def test_the_label_of_a_calendar_quarter_reads_back() -> None:
    for q in (CalendarQuarter(2020, 4), CalendarQuarter(1899, 4), CalendarQuarter(2200, 4)):
        for flag in (False, True):
            assert parse_period(q.label, calendar_quarters=flag) == q
            assert parse_period(q.label.upper(), calendar_quarters=flag) == q


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Quý I/2022 and "3 tháng năm 2022" are both 1/10/2021 – 31/12/2021: one period.
        ("tính đến 31/12/2021 (Quý I/2022)", ReportingPeriod(2022, 3)),
        ("Quý I/2022 (tính đến 31/12/2021)", ReportingPeriod(2022, 3)),
        ("Quý I/2022 (3 tháng năm 2022)", ReportingPeriod(2022, 3)),
        ("Quý I/2022 (3 tháng)", ReportingPeriod(2022, 3)),
        ("3 tháng năm 2022 (quý I niên độ thi hành án 2022)", ReportingPeriod(2022, 3)),
        ("tính đến 31/12/2021 (Quý IV/2021 (năm dương lịch))", ReportingPeriod(2022, 3)),
        # a cut-off in the last month of a period of Quý I's days: the cut-off
        ("tính đến 24/12/2021 (Quý I/2022)", CutOffPeriod(date(2021, 12, 24))),
    ],
)
def test_a_date_and_a_quarter_of_the_same_days_agree(text: str, expected: object) -> None:
    assert parse_period(text) == expected


def test_a_date_and_a_quarter_of_the_same_days_agree_with_calendar_quarters() -> None:
    # With the flag "Quý IV/2021" is October–December 2021, the days of 31/12/2021's period.
    assert parse_period("tính đến 31/12/2021 (Quý IV/2021)", calendar_quarters=True) == (
        ReportingPeriod(2022, 3)
    )


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("tính đến 31/12/2021 (Quý II/2022)", False),
        ("tính đến 31/3/2022 (Quý II/2022)", False),  # 6 months, not January–March
        ("tính đến 30/9/2022 (Quý IV/2022)", False),
        ("Quý II/2022 (tính đến 31/3/2022)", False),
        ("tính đến 24/3/2022 (Quý II/2022)", False),
        ("tính đến 31/12/2021 (Quý I/2022)", True),  # January–March 2022 with the flag
        ("tính đến 31/12/2021 (Quý I/2021 (năm dương lịch))", False),
    ],
)
def test_a_date_and_another_quarter_contradict(text: str, flag: bool) -> None:
    with pytest.raises(ParseError) as info:
        parse_period(text, calendar_quarters=flag)
    assert info.value.code == "parse.contradiction"


# --------------------------------------------------------------------------- cut-off days


def test_cut_off_inside_a_month() -> None:
    c = parse_period("tính đến 24/8/2011")
    assert isinstance(c, CutOffPeriod)
    assert c == CutOffPeriod(date(2011, 8, 24))
    assert (c.start, c.end) == (date(2010, 10, 1), date(2011, 8, 24))
    assert c.year == 2011
    assert c.enforcement_year == EnforcementYear(2011)
    assert c.label == "tính đến 24/8/2011" == str(c) == c.as_of_label
    assert c.period == ReportingPeriod(2011, 11)
    assert c.period.label == "11 tháng năm 2011"
    assert not c.is_month_end
    assert c.elapsed_days == 328
    assert c.elapsed_fraction == Fraction(328, 365)
    assert c.same_period_last_year() == CutOffPeriod(date(2010, 8, 24))
    assert c.quarter() == Quarter(2011, 4)
    assert date(2011, 8, 24) in c
    assert date(2011, 8, 25) not in c
    assert date(2010, 9, 30) not in c


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tính đến 24/8/2011", CutOffPeriod(date(2011, 8, 24))),
        ("đến 15/8/2021", CutOffPeriod(date(2021, 8, 15))),
        ("tính đến hết ngày 14/2/2024", CutOffPeriod(date(2024, 2, 14))),
        ("từ 01/10/2010 đến 24/8/2011", CutOffPeriod(date(2011, 8, 24))),
        ("tính đến 24/8/2011 (11 tháng 2011)", CutOffPeriod(date(2011, 8, 24))),
        ("tính đến 24/8/2011 (11 tháng)", CutOffPeriod(date(2011, 8, 24))),
        ("11 tháng năm 2011 (tính đến 24/8/2011)", CutOffPeriod(date(2011, 8, 24))),
        # a cut-off on a month's last day is the reporting period itself
        ("tính đến 31/8/2021", ReportingPeriod(2021, 11)),
        ("tính đến 29/2/2024", ReportingPeriod(2024, 5)),
    ],
)
def test_parse_period_reads_cut_off_days(text: str, expected: object) -> None:
    assert parse_period(text) == expected


def test_cut_off_of_a_month_end_is_exactly_its_period() -> None:
    c = CutOffPeriod.of(date(2021, 8, 31))
    assert c.is_month_end
    assert c.period == ReportingPeriod(2021, 11)
    assert (c.start, c.end) == (c.period.start, c.period.end)
    assert c != c.period  # two kinds of value, never mixed by accident
    # counted in days, not months ÷ 12
    assert c.elapsed_fraction == Fraction(335, 365)
    assert c.period.elapsed_fraction == Fraction(11, 12)
    assert CutOffPeriod.of(date(2021, 9, 30)).elapsed_fraction == 1


def test_cut_offs_are_frozen_ordered_and_hashable() -> None:
    a, b = CutOffPeriod(date(2011, 8, 24)), CutOffPeriod(date(2011, 8, 25))
    assert a < b
    assert sorted([b, a]) == [a, b]
    assert len({a, CutOffPeriod(date(2011, 8, 24)), b}) == 2
    with pytest.raises(AttributeError):
        a.end = date(2011, 8, 1)  # type: ignore[misc]
    with pytest.raises(TypeError):
        assert a < ReportingPeriod(2011, 11)  # type: ignore[operator]


def test_cut_off_takes_the_date_of_a_datetime() -> None:
    c = CutOffPeriod(datetime(2011, 8, 24, 17, 30))  # type: ignore[arg-type]
    assert c == CutOffPeriod(date(2011, 8, 24))
    assert hash(c) == hash(CutOffPeriod(date(2011, 8, 24)))
    assert type(c.end) is date
    assert CutOffPeriod.of(datetime(2011, 8, 24, 1)) == c


def test_cut_off_same_period_last_year_of_29_february() -> None:
    c = CutOffPeriod(date(2024, 2, 29))
    assert c.same_period_last_year() == CutOffPeriod(date(2023, 2, 28))
    assert c.same_period_last_year().period == c.period.same_period_last_year()


@pytest.mark.parametrize(
    ("day", "last_year"),
    [
        # 28/2/2025 closes "5 tháng năm 2025"; its cùng kỳ, 5 tháng năm 2024, closes 29/2/2024.
        (date(2025, 2, 28), date(2024, 2, 29)),
        (date(2024, 2, 29), date(2023, 2, 28)),
        (date(2023, 2, 28), date(2022, 2, 28)),
        (date(2021, 8, 31), date(2020, 8, 31)),
        # inside a month: the same day (28/2/2024 is not February's last day)
        (date(2024, 2, 28), date(2023, 2, 28)),
        (date(2025, 2, 27), date(2024, 2, 27)),
    ],
)
def test_cut_off_same_period_last_year_of_a_month_end(day: date, last_year: date) -> None:
    c = CutOffPeriod(day)
    earlier = c.same_period_last_year()
    assert earlier == CutOffPeriod(last_year)
    assert earlier.period == c.period.same_period_last_year()
    if c.is_month_end:
        assert earlier.is_month_end
        assert (earlier.start, earlier.end) == (
            c.period.same_period_last_year().start,
            c.period.same_period_last_year().end,
        )


@pytest.mark.parametrize(
    ("make", "code", "argument"),
    [
        (lambda: CutOffPeriod("24/8/2011"), "period.type", "end"),
        (lambda: CutOffPeriod(None), "period.type", "end"),
        (lambda: CutOffPeriod(20110824), "period.type", "end"),
        (lambda: CutOffPeriod(date(1899, 9, 30)), "period.range", "end"),
        (lambda: CutOffPeriod(date(2200, 10, 1)), "period.range", "end"),
        (lambda: CutOffPeriod.of("2011-08-24"), "period.type", "d"),
        (lambda: CutOffPeriod(date(1900, 8, 24)).same_period_last_year(), "period.range", "end"),
    ],
)
def test_cut_off_errors_carry_a_code(make: object, code: str, argument: str) -> None:
    with pytest.raises(PeriodError) as info:
        make()  # type: ignore[operator]
    assert info.value.code == code
    assert info.value.details["argument"] == argument
    assert info.value.details["rule"]


def test_cut_off_range_edges() -> None:
    assert CutOffPeriod(date(1899, 10, 1)).year == 1900
    assert CutOffPeriod(date(2200, 9, 30)).is_month_end


# --------------------------------------------------------------------------- days without a year


def test_a_day_without_its_year_needs_year() -> None:
    with pytest.raises(ParseError) as info:
        parse_period("tính đến hết 30/9")
    assert info.value.code == "parse.missing_year"
    assert info.value.details["value"] == "30/9"
    assert "year=" in str(info.value)
    assert parse_period("tính đến hết 30/9", year=2025) == ReportingPeriod(2025, 12)
    assert parse_period("tính đến 31/8", year=2021) == ReportingPeriod(2021, 11)
    assert parse_period("tính đến 24/8", year=2011) == CutOffPeriod(date(2011, 8, 24))
    assert parse_period("tính đến ngày 31 tháng 8", year=2021) == ReportingPeriod(2021, 11)


def test_year_is_the_calendar_year_or_an_enforcement_year() -> None:
    # an int is the calendar year of the printed day: 31/12/2021 is in năm 2022
    assert parse_period("tính đến 31/12", year=2021) == ReportingPeriod(2022, 3)
    # an EnforcementYear puts the day inside that statistical year
    assert parse_period("tính đến 31/12", year=EnforcementYear(2022)) == ReportingPeriod(2022, 3)
    assert parse_period("tính đến 31/8", year=EnforcementYear(2021)) == ReportingPeriod(2021, 11)
    assert parse_date("1/10", year=EnforcementYear(2021)) == date(2020, 10, 1)
    assert parse_date("30/9", year=EnforcementYear(2021)) == date(2021, 9, 30)
    assert parse_date("31/8", year=2021) == date(2021, 8, 31)


def test_year_is_ignored_where_the_text_prints_its_year() -> None:
    assert parse_period("tính đến 31/8/2021", year=1999) == ReportingPeriod(2021, 11)
    assert parse_period("năm 2021", year=2030) == ReportingPeriod(2021, 12)
    assert parse_date("31/8/2021", year=1999) == date(2021, 8, 31)


def test_a_parenthesis_lends_its_year() -> None:
    assert parse_period("tính đến 31/8 (11 tháng năm 2021)") == ReportingPeriod(2021, 11)
    assert parse_period("11 tháng năm 2021 (tính đến 31/8)") == ReportingPeriod(2021, 11)
    assert parse_period("tính đến 31/12 (3 tháng năm 2021)") == ReportingPeriod(2021, 3)
    with pytest.raises(ParseError) as info:
        parse_period("tính đến 31/12 (năm 2021)")  # 31/12/2020 closes 3 months, not 12
    assert info.value.code == "parse.contradiction"


@pytest.mark.parametrize(
    "text", ["6 tháng đầu năm", "11 tháng", "quý II", "quý 2 niên độ thi hành án", "năm"]
)
def test_labels_without_a_year_are_refused(text: str) -> None:
    for year in (None, 2022):
        with pytest.raises(ParseError) as info:
            parse_period(text, year=year)
        assert info.value.code == "parse.missing_year"


@pytest.mark.parametrize(
    ("bad", "code"),
    [
        ("2021", "period.type"),
        (2021.0, "period.type"),
        (True, "period.type"),
        (1800, "period.range"),
    ],
)
def test_year_argument_is_checked(bad: object, code: str) -> None:
    for read in (parse_period, parse_date):
        with pytest.raises(PeriodError) as info:
            read("31/8/2021", year=bad)  # type: ignore[operator]
        assert info.value.code == code
        assert info.value.details["argument"] == "year"


# --------------------------------------------------------------------------- strict refusals


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("từ 02/10/2020 đến 31/8/2021", "parse.not_cumulative"),
        ("từ 01/01/2021 đến 31/8/2021", "parse.not_cumulative"),
        ("từ 01/10/2019 đến 31/8/2021", "parse.not_cumulative"),  # two statistical years
        ("từ 01/10/2021 đến 31/8/2021", "parse.not_cumulative"),  # ends before it starts
        ("từ 1/10 đến 31/8/2021", "parse.missing_year"),
        ("từ 01/10/2020 đến 31/2/2021", "parse.no_such_date"),
        ("tháng 8/2021", "parse.single_month"),
        ("tháng 8 năm 2021", "parse.single_month"),
        ("tính đến 24/8/2011 (10 tháng)", "parse.contradiction"),
        ("tính đến 24/8/2011 (10 tháng năm 2011)", "parse.contradiction"),
        ("tính đến 24/8/2011 (năm 2011)", "parse.contradiction"),
        ("Quý II/2022 (6 tháng)", "parse.contradiction"),
        ("tính đến 31/8/21", "parse.period"),  # a two-digit year is not read
        ("tính đến 08/31", "parse.date"),
        ("tính đến 1/10/2200", "parse.no_such_period"),
        ("mười ba tháng năm 2021", "parse.period"),
        ("hai mươi tháng năm 2021", "parse.period"),
        ("năm ２０２１", "parse.digits"),
        ("tính đến ３１/８/２０２１", "parse.digits"),
        ("١١ tháng năm 2021", "parse.digits"),
    ],
)
def test_ambiguous_or_wrong_phrases_are_refused_with_a_code(text: str, code: str) -> None:
    with pytest.raises(ParseError) as info:
        parse_period(text)
    assert info.value.code == code
    assert info.value.details["text"] == text
    assert info.value.details["argument"] == "text"
    assert repr(text) in str(info.value)


def test_not_cumulative_says_why() -> None:
    with pytest.raises(ParseError, match="not on 1/10") as info:
        parse_period("từ 02/10/2020 đến 31/8/2021")
    assert info.value.details["value"] == "2020-10-02..2021-08-31"
    assert info.value.details["problem"]


@pytest.mark.parametrize(
    "text",
    ["３１/８/２０２１", "٣١/٨/٢٠٢١", "۳۱/۸/۲۰۲۱", "2021-08-３1", "31 tháng ８ năm 2021"],
)
def test_parse_date_refuses_other_digits(text: str) -> None:
    with pytest.raises(ParseError) as info:
        parse_date(text)
    assert info.value.code == "parse.digits"
    assert info.value.position == next(
        i for i, c in enumerate(text) if c.isdigit() and not c.isascii()
    )


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    "text",
    [
        "31/8/2021",
        "31/08/2021",
        "31-8-2021",
        "31.8.2021",
        "2021-08-31",
        "31 tháng 8 năm 2021",
        "ngày 31 tháng 8 năm 2021",
        "Ngày 31 tháng 08 năm 2021",
        "ngay 31 thang 8 nam 2021",
        "ngày 31/8/2021",
        "  31  tháng 8   năm 2021 ",
    ],
)
def test_parse_date_reads_the_printed_forms(text: str) -> None:
    assert parse_date(text) == date(2021, 8, 31)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("31 tháng 8", "parse.missing_year"),
        ("31/8", "parse.missing_year"),
        ("31 tháng 13 năm 2021", "parse.no_such_date"),
        ("29 tháng 2 năm 2023", "parse.no_such_date"),
        ("31/8/21", "parse.date"),
        ("31-8", "parse.date"),
        ("tháng 8 năm 2021", "parse.date"),
        ("ngày", "parse.date"),
    ],
)
def test_parse_date_refusals(text: str, code: str) -> None:
    with pytest.raises(ParseError) as info:
        parse_date(text)
    assert info.value.code == code
    assert info.value.text == text
