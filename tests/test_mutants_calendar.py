"""Tests written against mutants of ``calendar`` that survived (scripts/mutation.sh calendar).

Each error is checked whole: its code, its details and its message, since the
codes and details are API and the message is what a user reads (the argument
named, the Vietnamese term, the rule). The values checked are the ones of the
enforcement calendar: the statistical year runs from 1 October to 30 September
and is named after the year it ends in, reporting periods are cumulative from
1 October and end on a month's last day, Quý I is October–December.
docs/howto/mutation.md lists the mutants left on purpose.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest

from thads_metrics.calendar import (
    CalendarQuarter,
    CutOffPeriod,
    EnforcementYear,
    ReportingPeriod,
    _day,
    parse_date,
    parse_period,
)
from thads_metrics.errors import ParseError, PeriodError

PERIOD_RULE = (
    "a period label such as 'năm 2021', '11 tháng năm 2021', '6 tháng đầu năm 2022', "
    "'chín tháng năm 2023', 'Quý II/2022', 'quý 2 năm 2022', 'tính đến 31/8/2021' "
    "or 'từ 01/10/2020 đến 31/8/2021'"
)
DATE_RULE = (
    "day/month/year (31/8/2021, 31-8-2021, 31.8.2021), "
    "'(ngày) 31 tháng 8 năm 2021' or ISO (2021-08-31)"
)
YEAR_ARGUMENT_RULE = "year= completes a day printed without its year ('tính đến 31/8')"
NOT_CUMULATIVE_RULE = "a span from 1 October to a day of the same statistical year"
CUMULATIVE_TAIL = (
    "; reporting periods are cumulative from 1 October of their statistical year (lũy kế từ 1/10)"
)
YEAR_RULE = "1900..2200 (năm thống kê)"


def _raised(error: type[Exception], call: Any) -> Any:
    with pytest.raises(error) as info:
        call()
    return info.value


def _check(error: Any, code: str, details: dict[str, Any], message: str) -> None:
    assert (error.code, dict(error.details), str(error)) == (code, details, message)


# --------------------------------------------------------------------------- values out of range


def test_a_year_outside_1900_2200_names_the_statistical_year() -> None:
    for year in (1899, 2201):
        error = _raised(PeriodError, lambda y=year: EnforcementYear(y))
        _check(
            error,
            "period.range",
            {"argument": "year", "value": year, "rule": YEAR_RULE},
            f"year must be in {YEAR_RULE}, got {year}",
        )


def test_a_year_of_120_digits_is_printed_and_one_of_121_is_described() -> None:
    printed = 10**119  # 120 digits, the most that details print
    error = _raised(PeriodError, lambda: EnforcementYear(printed))
    assert error.details["value"] == printed
    error = _raised(PeriodError, lambda: EnforcementYear(10**120))
    _check(
        error,
        "period.range",
        {"argument": "year", "value": "<int of 121 digits>", "rule": YEAR_RULE},
        f"year must be in {YEAR_RULE}, got <int of 121 digits>",
    )


def test_a_date_argument_that_is_text_points_to_parse_date() -> None:
    rule = "a datetime.date (use parse_date() for text such as '31/8/2021')"
    error = _raised(PeriodError, lambda: EnforcementYear.of("31/8/2021"))  # type: ignore[arg-type]
    _check(
        error,
        "period.type",
        {"argument": "d", "value": "'31/8/2021'", "rule": rule},
        f"d must be {rule}, got str '31/8/2021'",
    )


def test_a_cut_off_day_that_is_text_points_to_parse_date() -> None:
    rule = "a datetime.date (use parse_date() for text such as '24/8/2011')"
    error = _raised(PeriodError, lambda: CutOffPeriod("24/8/2011"))  # type: ignore[arg-type]
    _check(
        error,
        "period.type",
        {"argument": "end", "value": "'24/8/2011'", "rule": rule},
        f"end must be {rule}, got str '24/8/2011'",
    )


def test_a_cut_off_day_outside_the_years_1900_2200_is_refused() -> None:
    rule = "a day of the years 1900..2200 (1/10/1899 – 30/9/2200)"
    for day in (date(1899, 9, 30), date(2200, 10, 1)):
        error = _raised(PeriodError, lambda d=day: CutOffPeriod(d))
        _check(
            error,
            "period.range",
            {"argument": "end", "value": day.isoformat(), "rule": rule},
            f"end must be {rule} (năm thống kê), got {day.isoformat()}",
        )
    # the first and last days of the range are accepted
    assert CutOffPeriod(date(1899, 10, 1)).year == 1900
    assert CutOffPeriod(date(2200, 9, 30)).is_month_end


# --------------------------------------------------------------------------- parse_date


def test_parse_date_refuses_what_is_not_text() -> None:
    error = _raised(ParseError, lambda: parse_date(5))  # type: ignore[arg-type]
    _check(
        error,
        "parse.type",
        {"argument": "text", "value": "5", "rule": "a date as text (str)"},
        "text must be a date as text (str), got int 5",
    )


def test_parse_period_refuses_what_is_not_text() -> None:
    error = _raised(ParseError, lambda: parse_period(None))  # type: ignore[arg-type]
    _check(
        error,
        "parse.type",
        {"argument": "text", "value": "None", "rule": "a period label as text (str)"},
        "text must be a period label as text (str), got NoneType None",
    )


def test_digits_other_than_0_9_are_named_and_placed() -> None:
    text = "31/8/٢٠٢١"
    error = _raised(ParseError, lambda: parse_date(text))
    _check(
        error,
        "parse.digits",
        {"argument": "text", "value": "٢", "rule": "digits 0-9", "text": text, "position": 5},
        f"cannot read {text!r}: '٢' (arabic-indic digit two) at position 5 is not "
        "one of the digits 0-9 that reports print",
    )


def test_the_year_argument_is_a_calendar_year_from_1899() -> None:
    # calendar year 1899 holds the first quarter of enforcement year 1900
    assert parse_date("31/12", year=1899) == date(1899, 12, 31)
    rule = "1899..2200 (the calendar year of the day)"
    error = _raised(PeriodError, lambda: parse_date("31/12", year=1898))
    _check(
        error,
        "period.range",
        {"argument": "year", "value": 1898, "rule": rule},
        f"year must be in {rule}, got 1898",
    )


def test_text_that_is_no_date_lists_the_forms() -> None:
    error = _raised(ParseError, lambda: parse_date("hôm qua"))
    _check(
        error,
        "parse.date",
        {"argument": "text", "rule": DATE_RULE, "text": "hôm qua"},
        "cannot read 'hôm qua' as a date: expected day/month/year (31/8/2021), "
        "'31 tháng 8 năm 2021' or ISO (2021-08-31)",
    )


@pytest.mark.parametrize("text", ["32/8", "0/8", "31/13", "31/0", "08/31"])
def test_a_day_without_year_needs_a_day_1_31_and_a_month_1_12(text: str) -> None:
    for year in (None, 2021):
        error = _raised(ParseError, lambda y=year: parse_date(text, year=y))
        assert (error.code, error.details["rule"]) == ("parse.date", DATE_RULE)


def test_a_day_without_year_at_the_limits_is_read() -> None:
    assert parse_date("31/12", year=2021) == date(2021, 12, 31)
    assert parse_date("1/1", year=2021) == date(2021, 1, 1)
    assert parse_date("31/1", year=EnforcementYear(2021)) == date(2021, 1, 31)


def test_a_day_without_year_and_no_year_argument_is_refused() -> None:
    error = _raised(ParseError, lambda: parse_date("ngày 31/8"))
    _check(
        error,
        "parse.missing_year",
        {"argument": "text", "value": "31/8", "rule": YEAR_ARGUMENT_RULE, "text": "ngày 31/8"},
        "'ngày 31/8' does not say the year of 31/8: print it (31/8/yyyy) "
        "or pass year= (the calendar year of the day)",
    )


def test_a_day_that_does_not_exist_says_why() -> None:
    error = _raised(ParseError, lambda: parse_date("29/2/2021"))
    _check(
        error,
        "parse.no_such_date",
        {
            "argument": "text",
            "rule": "a day of the calendar",
            "problem": "day is out of range for month",
            "text": "29/2/2021",
        },
        "'29/2/2021' is not a valid date: day is out of range for month",
    )


# --------------------------------------------------------------------------- parse_period forms


def test_a_period_end_is_read_in_every_day_form() -> None:
    eleven = ReportingPeriod(2021, 11)
    assert parse_period("tính đến 31 tháng 8 năm 2021") == eleven
    assert parse_period("tính đến ngày 31 tháng 8", year=2021) == eleven
    assert parse_period("tính đến 31.8.2021") == eleven
    assert parse_period("đến 31-08-2021") == eleven
    assert parse_period("tính đến 31/8", year=2021) == eleven
    assert parse_period("tính đến 2021-08-31") == eleven


@pytest.mark.parametrize(
    "folded",
    [
        "31/8/2021",
        "31-08-2021",
        "31.8.2021",
        "2021-08-31",
        "31/8",
        "31 thang 8 nam 2021",
        "ngay 31 thang 8",
    ],
)
def test_the_day_pattern_reads_every_printed_form(folded: str) -> None:
    # the period patterns are compiled from _day when the module is imported;
    # calling it again lets the mutation run see its changes
    m = re.fullmatch(_day("last"), folded)
    assert m is not None
    assert m["last"] == folded.removeprefix("ngay ")


def test_the_day_pattern_reads_no_other_text() -> None:
    for folded in ("31/8/21", "31 thang", "thang 8 nam 2021", "31/8/2021 - 1/9/2021"):
        assert re.fullmatch(_day("last"), folded) is None


def test_upper_case_d_with_stroke_is_read() -> None:
    assert parse_period("TÍNH ĐẾN 31/8/2021") == ReportingPeriod(2021, 11)
    assert parse_period("TỪ 01/10/2020 ĐẾN 31/8/2021") == ReportingPeriod(2021, 11)


def test_a_one_day_span_from_1_october_is_a_cut_off() -> None:
    assert parse_period("từ 01/10/2020 đến 01/10/2020") == CutOffPeriod(date(2020, 10, 1))


# --------------------------------------------------------------------------- parse_period errors


def test_a_bare_day_inside_a_month_is_not_a_period_end() -> None:
    error = _raised(ParseError, lambda: parse_period("24/8/2011"))
    _check(
        error,
        "parse.month_end",
        {
            "argument": "text",
            "value": "2011-08-24",
            "rule": "a reporting period ends on the last day of a month",
            "text": "24/8/2011",
        },
        "cannot read '24/8/2011' as a period: 24/8/2011 is not the last day of a month, "
        "and reporting periods (kỳ báo cáo) end on a month's last day; "
        "write 'tính đến 24/8/2011' for a cut-off day",
    )


def _not_cumulative(text: str, value: str, problem: str) -> None:
    error = _raised(ParseError, lambda: parse_period(text))
    _check(
        error,
        "parse.not_cumulative",
        {
            "argument": "text",
            "value": value,
            "rule": NOT_CUMULATIVE_RULE,
            "problem": problem,
            "text": text,
        },
        f"cannot read {text!r} as a period: {problem}{CUMULATIVE_TAIL}",
    )


def test_a_span_that_does_not_start_on_1_october_is_refused() -> None:
    _not_cumulative(
        "từ 01/11/2020 đến 31/8/2021",
        "2020-11-01..2021-08-31",
        "it starts on 1/11/2020, not on 1/10",
    )


def test_a_span_over_two_statistical_years_is_refused() -> None:
    _not_cumulative(
        "từ 01/10/2020 đến 31/10/2021",
        "2020-10-01..2021-10-31",
        "it runs over more than one statistical year: 31/10/2021 is in năm 2022, "
        "which starts on 1/10/2021",
    )


def test_a_span_that_ends_before_it_starts_is_refused() -> None:
    _not_cumulative(
        "từ 01/10/2021 đến 31/8/2021",
        "2021-10-01..2021-08-31",
        "it ends (31/8/2021) before it starts (1/10/2021)",
    )


def test_a_day_that_does_not_exist_in_a_period_keeps_its_code() -> None:
    text = "tính đến 31/2/2021"
    error = _raised(ParseError, lambda: parse_period(text))
    _check(
        error,
        "parse.no_such_date",
        {
            "rule": "a day of the calendar",
            "argument": "text",
            "problem": "day is out of range for month",
            "text": text,
            "cause": "parse.no_such_date",
        },
        f"cannot read {text!r} as a period: {text!r} is not a valid date: "
        "day is out of range for month",
    )


def test_a_span_whose_first_day_does_not_exist_names_the_text() -> None:
    text = "từ 31/9/2020 đến 31/8/2021"
    error = _raised(ParseError, lambda: parse_period(text))
    assert str(error) == (
        f"cannot read {text!r} as a period: {text!r} is not a valid date: "
        "day is out of range for month"
    )


def test_a_year_out_of_range_is_a_period_that_does_not_exist() -> None:
    error = _raised(ParseError, lambda: parse_period("năm 1899"))
    _check(
        error,
        "parse.no_such_period",
        {"argument": "text", "rule": PERIOD_RULE, "cause": "period.range", "text": "năm 1899"},
        f"cannot read 'năm 1899' as a period: year must be in {YEAR_RULE}, got 1899",
    )


def test_one_calendar_month_is_not_a_cumulative_period() -> None:
    error = _raised(ParseError, lambda: parse_period("tháng 8/2021"))
    _check(
        error,
        "parse.single_month",
        {
            "argument": "text",
            "value": "tháng 8",
            "rule": "periods are cumulative from 1 October (lũy kế từ 1/10)",
            "text": "tháng 8/2021",
        },
        "cannot read 'tháng 8/2021' as a period: tháng 8 is one calendar month, not a "
        "cumulative period; write the period ('11 tháng năm 2021') or its end "
        "('tính đến 31/8/2021')",
    )


def test_a_period_label_without_its_year_is_refused() -> None:
    error = _raised(ParseError, lambda: parse_period("6 tháng đầu năm"))
    _check(
        error,
        "parse.missing_year",
        {"argument": "text", "rule": YEAR_ARGUMENT_RULE, "text": "6 tháng đầu năm"},
        "cannot read '6 tháng đầu năm' as a period: it does not say the year; write it "
        "('6 tháng đầu năm 2022', 'Quý II/2022')",
    )


def test_text_that_is_no_period_lists_the_forms() -> None:
    error = _raised(ParseError, lambda: parse_period("tuần 3"))
    _check(
        error,
        "parse.period",
        {"argument": "text", "rule": PERIOD_RULE, "text": "tuần 3"},
        "cannot read 'tuần 3' as a period; expected e.g. 'năm 2021', '11 tháng năm 2021', "
        "'6 tháng đầu năm 2022', 'Quý II/2022', 'quý 2 năm 2022', 'tính đến 31/8/2021' "
        "or 'từ 01/10/2020 đến 31/8/2021'",
    )


# --------------------------------------------------------------------------- labels in parentheses


def _contradiction(text: str, value: str, said: str, **kwargs: Any) -> None:
    error = _raised(ParseError, lambda: parse_period(text, **kwargs))
    _check(
        error,
        "parse.contradiction",
        {
            "argument": "text",
            "value": value,
            "rule": "the label in parentheses must name the same period",
            "text": text,
        },
        f"{text!r} contradicts itself: {value} vs {said}",
    )


def test_a_year_with_another_month_count_contradicts_itself() -> None:
    _contradiction("năm 2021 (11 tháng)", "năm 2021", "11 tháng")


def test_two_different_years_contradict_each_other() -> None:
    _contradiction("năm 2021 (năm 2020)", "năm 2021", "năm 2020")


def test_a_calendar_quarter_is_not_a_month_count_of_other_days() -> None:
    _contradiction(
        "Quý IV/2020 (6 tháng)",
        "Quý IV/2020 (năm dương lịch)",
        "6 tháng",
        calendar_quarters=True,
    )
    _contradiction(  # July–September 2020 against 3 tháng năm 2020, October–December 2019
        "Quý III/2020 (3 tháng)",
        "Quý III/2020 (năm dương lịch)",
        "3 tháng",
        calendar_quarters=True,
    )
    # October–December 2020 are the days of 3 tháng năm 2021: the same period.
    assert parse_period("Quý IV/2020 (3 tháng)", calendar_quarters=True) == (
        ReportingPeriod(2021, 3)
    )


def test_calendar_quarters_hold_on_both_sides_of_a_parenthesis() -> None:
    assert parse_period("Quý IV/2020 (Quý IV/2020)", calendar_quarters=True) == (
        CalendarQuarter(2020, 4)
    )


def test_the_year_argument_completes_both_sides_of_a_parenthesis() -> None:
    assert parse_period("tính đến 31/8 (11 tháng)", year=2021) == ReportingPeriod(2021, 11)
    assert parse_period("tính đến 31/8 (tính đến 31/8)", year=2021) == ReportingPeriod(2021, 11)
    assert parse_period("năm 2021 (tính đến hết 30/9)", year=2021) == ReportingPeriod(2021, 12)


def test_an_error_on_one_side_of_a_parenthesis_names_the_whole_text() -> None:
    text = "năm 1899 (12 tháng)"
    error = _raised(ParseError, lambda: parse_period(text))
    assert (error.code, str(error)) == (
        "parse.no_such_period",
        f"cannot read {text!r} as a period: year must be in {YEAR_RULE}, got 1899",
    )
    text = "năm 1899 (năm 1899)"
    error = _raised(ParseError, lambda: parse_period(text))
    assert (error.code, str(error)) == (
        "parse.no_such_period",
        f"cannot read {text!r} as a period: year must be in {YEAR_RULE}, got 1899",
    )


def test_the_outer_error_comes_first() -> None:
    text = "năm 1899 (tuần 3)"
    error = _raised(ParseError, lambda: parse_period(text))
    assert error.code == "parse.no_such_period"


def test_the_inner_error_is_not_hidden_by_the_year_borrowed_from_outside() -> None:
    # Quý IV/2200 of the calendar ends on 31/12/2200, in enforcement year 2201
    text = "Quý IV/2200 (tuần 3)"
    error = _raised(ParseError, lambda: parse_period(text, calendar_quarters=True))
    assert error.code == "parse.period"


def test_a_year_borrowed_from_outside_the_range_is_refused() -> None:
    text = "Quý IV/2200 (quý I)"
    error = _raised(ParseError, lambda: parse_period(text, calendar_quarters=True))
    _check(
        error,
        "parse.no_such_period",
        {"argument": "text", "rule": PERIOD_RULE, "cause": "period.range", "text": text},
        f"cannot read {text!r} as a period: year must be in {YEAR_RULE}, got 2201",
    )
