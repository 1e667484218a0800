"""The enforcement calendar (năm thống kê thi hành án dân sự).

The statistical year of civil judgment enforcement runs from 1 October to
30 September and is named after the calendar year in which it ends: "năm 2021"
is 01/10/2020 – 30/09/2021. Reports are cumulative from 1 October ("11 tháng
năm 2021" is 01/10/2020 – 31/08/2021) and quarters are those of the
statistical year (Quý I = October–December).

>>> EnforcementYear.of(date(2020, 10, 1)).label
'năm 2021'
>>> ReportingPeriod.ending(date(2021, 8, 31)).label
'11 tháng năm 2021'
>>> Quarter.of(date(2022, 2, 14)).label
'Quý II/2022'
>>> parse_period("tính đến 31/8/2021 (11 tháng 2021)")
ReportingPeriod(year=2021, months=11)

A report compiled to a day inside a month is a :class:`CutOffPeriod`:

>>> parse_period("tính đến 24/8/2011").period.label
'11 tháng năm 2011'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Literal, NoReturn

import attrs
from dateutil.relativedelta import relativedelta

from thads_metrics._checks import digit_count, require_flag, require_instance, require_int, shown
from thads_metrics.errors import ParseError, PeriodError, ThadsError

__all__ = [
    "MAX_YEAR",
    "MIN_YEAR",
    "CalendarQuarter",
    "CutOffPeriod",
    "EnforcementYear",
    "Quarter",
    "ReportingPeriod",
    "day_label",
    "month_label",
    "parse_date",
    "parse_period",
]

#: Smallest enforcement year accepted.
MIN_YEAR = 1900
#: Largest enforcement year accepted.
MAX_YEAR = 2200

#: Month (1–12) on which the statistical year starts.
_FIRST_MONTH = 10

_ROMAN = ("I", "II", "III", "IV")

# Numbers longer than this are described, not printed, in ``details`` (as in _checks).
_SHOWN_DIGITS = 120


def _as_date(value: object, name: str = "d") -> date:
    """Return ``value`` as a :class:`date`; a ``datetime`` gives its date part."""
    if isinstance(value, datetime):
        return value.date()
    return require_instance(
        name,
        value,
        date,
        PeriodError,
        what="a datetime.date (use parse_date() for text such as '31/8/2021')",
    )


def _check_int(name: str, value: object, low: int, high: int, rule: str) -> int:
    """``value`` if it is an ``int`` in ``low..high``; else :class:`PeriodError`."""
    number = require_int(name, value, PeriodError, minimum=None)
    if not low <= number <= high:
        raise PeriodError(
            f"{name} must be in {low}..{high} ({rule}), got {shown(number)}",
            code="period.range",
            details={
                "argument": name,
                "value": number if digit_count(number) <= _SHOWN_DIGITS else shown(number),
                "rule": f"{low}..{high} ({rule})",
            },
        )
    return number


def _year_validator(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    _check_int(attribute.name, value, MIN_YEAR, MAX_YEAR, "năm thống kê")


def _year_converter(value: object) -> object:
    """Let ``EnforcementYear`` stand where a year number is expected."""
    return value.year if isinstance(value, EnforcementYear) else value


def _statistical_month_index(d: date) -> int:
    """0 for October, 1 for November, …, 11 for September."""
    return (d.month - _FIRST_MONTH) % 12


def _year_of(d: date) -> int:
    return d.year + 1 if d.month >= _FIRST_MONTH else d.year


_ONE_DAY = timedelta(days=1)


def _last_day(first: date, months: int) -> date:
    """Last day of the ``months``-th month counted from ``first`` (a 1st of month): the
    day before the 1st of the month after it."""
    index = first.month - 1 + months
    return date(first.year + index // 12, index % 12 + 1, 1) - _ONE_DAY


def day_label(d: date) -> str:
    """A date as reports write it, day and month without leading zeros (ngày): ``31/8/2021``.

    >>> day_label(date(2020, 10, 1))
    '1/10/2020'
    """
    d = _as_date(d)
    return f"{d.day}/{d.month}/{d.year}"


def month_label(d: date) -> str:
    """The calendar month of a day as charts and tables write it (tháng): ``8/2021``.

    >>> month_label(date(2021, 8, 31)), month_label(date(2020, 10, 1))
    ('8/2021', '10/2020')
    """
    d = _as_date(d)
    return f"{d.month}/{d.year}"


class _Span:
    """A run of days with a label: ``str()`` is the label, ``d in span`` tests a date."""

    __slots__ = ()

    if TYPE_CHECKING:

        @property
        def start(self) -> date: ...
        @property
        def end(self) -> date: ...
        @property
        def label(self) -> str: ...

    def __str__(self) -> str:
        return self.label

    def __contains__(self, d: object) -> bool:
        if not isinstance(d, date):
            return False
        return self.start <= _as_date(d) <= self.end


@attrs.frozen(order=True)
class EnforcementYear(_Span):
    """A statistical year of enforcement (năm thống kê thi hành án dân sự).

    ``EnforcementYear(2021)`` runs from 1 October 2020 to 30 September 2021.

    >>> y = EnforcementYear(2021)
    >>> (y.start, y.end, y.label)
    (datetime.date(2020, 10, 1), datetime.date(2021, 9, 30), 'năm 2021')
    >>> date(2021, 9, 30) in y, date(2021, 10, 1) in y
    (True, False)
    """

    year: int = attrs.field(validator=_year_validator)

    @classmethod
    def of(cls, d: date) -> EnforcementYear:
        """The statistical year containing ``d`` (năm thống kê của một ngày).

        >>> EnforcementYear.of(date(2020, 9, 30)), EnforcementYear.of(date(2020, 10, 1))
        (EnforcementYear(year=2020), EnforcementYear(year=2021))
        """
        return cls(_year_of(_as_date(d)))

    @property
    def start(self) -> date:
        """First day, 1 October of the previous calendar year (ngày bắt đầu)."""
        return date(self.year - 1, _FIRST_MONTH, 1)

    @property
    def end(self) -> date:
        """Last day, 30 September (ngày kết thúc).

        >>> EnforcementYear(2025).end
        datetime.date(2025, 9, 30)
        """
        return date(self.year, 9, 30)

    @property
    def label(self) -> str:
        """Vietnamese label as reports write it: ``"năm 2021"``."""
        return f"năm {self.year}"

    def period(self, months: int) -> ReportingPeriod:
        """The cumulative period of ``months`` months from 1 October (kỳ báo cáo lũy kế).

        >>> EnforcementYear(2022).period(6).end
        datetime.date(2022, 3, 31)
        """
        return ReportingPeriod(self.year, months)

    def periods(self) -> tuple[ReportingPeriod, ...]:
        """The twelve cumulative periods of the year, 1 month to 12 months.

        >>> periods = EnforcementYear(2021).periods()
        >>> len(periods), periods[0].label, periods[-1].label
        (12, '1 tháng năm 2021', 'năm 2021')
        """
        return tuple(ReportingPeriod(self.year, m) for m in range(1, 13))

    def quarter(self, number: int) -> Quarter:
        """Quarter ``number`` (1–4) of this statistical year (quý).

        >>> EnforcementYear(2022).quarter(2).label
        'Quý II/2022'
        """
        return Quarter(self.year, number)

    def quarters(self) -> tuple[Quarter, Quarter, Quarter, Quarter]:
        """The four quarters of the year, Quý I (October–December) first."""
        return (
            Quarter(self.year, 1),
            Quarter(self.year, 2),
            Quarter(self.year, 3),
            Quarter(self.year, 4),
        )

    def previous(self) -> EnforcementYear:
        """The year before (năm trước).

        >>> EnforcementYear(2021).previous()
        EnforcementYear(year=2020)
        """
        return EnforcementYear(self.year - 1)

    def next(self) -> EnforcementYear:
        """The year after (năm sau)."""
        return EnforcementYear(self.year + 1)

    def days(self) -> Iterator[date]:
        """Every day of the year, in order (365 or 366 of them)."""
        d = self.start
        while d <= self.end:
            yield d
            d = d.fromordinal(d.toordinal() + 1)


@attrs.frozen(order=True)
class ReportingPeriod(_Span):
    """A cumulative reporting period (kỳ báo cáo lũy kế từ 1/10).

    ``ReportingPeriod(2021, 11)`` is "11 tháng năm 2021", 1 October 2020 to
    31 August 2021. Periods order by their end date.

    >>> p = ReportingPeriod(2021, 11)
    >>> (p.start, p.end)
    (datetime.date(2020, 10, 1), datetime.date(2021, 8, 31))
    >>> (p.label, p.as_of_label)
    ('11 tháng năm 2021', 'tính đến 31/8/2021')
    >>> ReportingPeriod(2024, 12).label
    'năm 2024'
    """

    year: int = attrs.field(converter=_year_converter, validator=_year_validator)
    months: int = attrs.field()

    @months.validator
    def _check_months(self, attribute: attrs.Attribute[int], value: object) -> None:
        _check_int("months", value, 1, 12, "số tháng lũy kế từ 1/10")

    @classmethod
    def ending(cls, d: date) -> ReportingPeriod:
        """The period whose last month contains ``d`` (kỳ báo cáo tính đến ngày ``d``).

        >>> ReportingPeriod.ending(date(2021, 8, 31))
        ReportingPeriod(year=2021, months=11)
        >>> ReportingPeriod.ending(date(2021, 10, 1))
        ReportingPeriod(year=2022, months=1)
        """
        d = _as_date(d)
        return cls(_year_of(d), _statistical_month_index(d) + 1)

    @classmethod
    def full_year(cls, year: int | EnforcementYear) -> ReportingPeriod:
        """The 12-month period, i.e. the year report (báo cáo năm).

        >>> ReportingPeriod.full_year(2023).label
        'năm 2023'
        """
        return cls(year, 12)

    @property
    def enforcement_year(self) -> EnforcementYear:
        """The statistical year the period belongs to (năm thống kê)."""
        return EnforcementYear(self.year)

    @property
    def start(self) -> date:
        """Always 1 October of the previous calendar year (lũy kế từ 1/10)."""
        return date(self.year - 1, _FIRST_MONTH, 1)

    @property
    def end(self) -> date:
        """Last day of the last month of the period (ngày chốt số liệu).

        >>> ReportingPeriod(2024, 5).end  # 29 February in a leap year
        datetime.date(2024, 2, 29)
        """
        return _last_day(self.start, self.months)

    @property
    def last_month_start(self) -> date:
        """First day of the period's last month (the month just reported)."""
        first: date = self.start + relativedelta(months=self.months - 1)
        return first

    @property
    def is_full_year(self) -> bool:
        """True for the 12-month (year) period."""
        return self.months == 12

    @property
    def elapsed_fraction(self) -> Fraction:
        """Share of the year elapsed, ``months/12`` (tiến độ thời gian), exact.

        >>> ReportingPeriod(2019, 6).elapsed_fraction
        Fraction(1, 2)
        """
        return Fraction(self.months, 12)

    @property
    def label(self) -> str:
        """Vietnamese label: ``"11 tháng năm 2021"``; the 12-month period is ``"năm 2021"``."""
        if self.months == 12:
            return f"năm {self.year}"
        return f"{self.months} tháng năm {self.year}"

    @property
    def as_of_label(self) -> str:
        """The period dated by its end: ``"tính đến 31/8/2021"``."""
        return f"tính đến {day_label(self.end)}"

    def same_period_last_year(self) -> ReportingPeriod:
        """The same cumulative period of the previous year (cùng kỳ năm trước).

        >>> ReportingPeriod(2022, 6).same_period_last_year().label
        '6 tháng năm 2021'
        """
        return ReportingPeriod(self.year - 1, self.months)

    def quarter(self) -> Quarter:
        """The statistical quarter containing the period's last day."""
        return Quarter.of(self.end)


def _day_converter(value: object) -> object:
    """A ``datetime`` stands for its date, so equal days make equal (and equally hashed) values."""
    return value.date() if isinstance(value, datetime) else value


def _cut_off_validator(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    d = require_instance(
        attribute.name,
        value,
        date,
        PeriodError,
        what="a datetime.date (use parse_date() for text such as '24/8/2011')",
    )
    if not MIN_YEAR <= _year_of(d) <= MAX_YEAR:
        first, last = EnforcementYear(MIN_YEAR).start, EnforcementYear(MAX_YEAR).end
        rule = f"a day of the years {MIN_YEAR}..{MAX_YEAR} ({day_label(first)} – {day_label(last)})"
        raise PeriodError(
            f"{attribute.name} must be {rule} (năm thống kê), got {d.isoformat()}",
            code="period.range",
            details={"argument": attribute.name, "value": d.isoformat(), "rule": rule},
        )


@attrs.frozen(order=True)
class CutOffPeriod(_Span):
    """A period cumulative from 1 October to a cut-off day (kỳ tính đến ngày).

    Reports are also compiled to a day inside a month, for a conference or a
    deadline: "tính đến 24/8/2011" covers 1 October 2010 to 24 August 2011.
    :attr:`period` is the cumulative :class:`ReportingPeriod` whose last month
    holds the day. Cut-offs order by their day.

    >>> c = CutOffPeriod(date(2011, 8, 24))
    >>> (c.start, c.label, c.period.label)
    (datetime.date(2010, 10, 1), 'tính đến 24/8/2011', '11 tháng năm 2011')
    >>> c.elapsed_fraction  # 328 days of the 365 of năm 2011
    Fraction(328, 365)
    """

    end: date = attrs.field(converter=_day_converter, validator=_cut_off_validator)

    @classmethod
    def of(cls, d: date) -> CutOffPeriod:
        """The cut-off period ending on ``d`` (kỳ tính đến ngày ``d``); any day, a month's last too.

        >>> CutOffPeriod.of(date(2021, 8, 31)).period
        ReportingPeriod(year=2021, months=11)
        """
        return cls(_as_date(d))

    @property
    def year(self) -> int:
        """The number of the statistical year (năm thống kê): 2011 for 24/8/2011."""
        return _year_of(self.end)

    @property
    def enforcement_year(self) -> EnforcementYear:
        """The statistical year the cut-off falls in (năm thống kê)."""
        return EnforcementYear(self.year)

    @property
    def start(self) -> date:
        """Always 1 October of the previous calendar year (lũy kế từ 1/10)."""
        return date(self.year - 1, _FIRST_MONTH, 1)

    @property
    def label(self) -> str:
        """Vietnamese label: ``"tính đến 24/8/2011"``."""
        return f"tính đến {day_label(self.end)}"

    @property
    def as_of_label(self) -> str:
        """The same as :attr:`label`, as for :attr:`ReportingPeriod.as_of_label`."""
        return self.label

    @property
    def period(self) -> ReportingPeriod:
        """The cumulative period whose last month holds the day (kỳ báo cáo lũy kế).

        >>> CutOffPeriod(date(2024, 2, 10)).period.label
        '5 tháng năm 2024'
        """
        return ReportingPeriod.ending(self.end)

    @property
    def is_month_end(self) -> bool:
        """True when the day is a month's last, so the cut-off is exactly :attr:`period`.

        >>> [CutOffPeriod(date(2024, 2, d)).is_month_end for d in (28, 29)]
        [False, True]
        """
        return self.period.end == self.end

    @property
    def elapsed_days(self) -> int:
        """Days from 1 October to the cut-off, both included (số ngày đã qua).

        >>> CutOffPeriod(date(2020, 10, 1)).elapsed_days
        1
        """
        return (self.end - self.start).days + 1

    @property
    def elapsed_fraction(self) -> Fraction:
        """Share of the year elapsed, days elapsed ÷ days of the year (tiến độ thời gian), exact.

        Counted in days, unlike :attr:`ReportingPeriod.elapsed_fraction` (months ÷ 12):
        a cut-off on a month's last day does not give months ÷ 12.

        >>> CutOffPeriod(date(2021, 9, 30)).elapsed_fraction
        Fraction(1, 1)
        >>> CutOffPeriod(date(2024, 3, 31)).elapsed_fraction  # 183 of the 366 days of năm 2024
        Fraction(1, 2)
        """
        year = self.enforcement_year
        return Fraction(self.elapsed_days, (year.end - year.start).days + 1)

    def same_period_last_year(self) -> CutOffPeriod:
        """The same cut-off a year earlier (cùng kỳ năm trước).

        A day inside a month gives the same day a year earlier. A month's last
        day closes the cumulative period :attr:`period`, so it gives the last
        day of the same month a year earlier, the end of that period's cùng kỳ:
        28/2/2025 ("5 tháng năm 2025") gives 29/2/2024, and 29/2/2024 gives
        28/2/2023.

        >>> CutOffPeriod(date(2011, 8, 24)).same_period_last_year().label
        'tính đến 24/8/2010'
        >>> CutOffPeriod(date(2025, 2, 28)).same_period_last_year().label
        'tính đến 29/2/2024'
        """
        if self.is_month_end:
            return CutOffPeriod(_last_day(date(self.end.year - 1, self.end.month, 1), 1))
        return CutOffPeriod(self.end.replace(year=self.end.year - 1))

    def quarter(self) -> Quarter:
        """The statistical quarter containing the cut-off day."""
        return Quarter.of(self.end)


@attrs.frozen(order=True)
class Quarter(_Span):
    """A quarter of the statistical year (quý của năm thống kê).

    Quý I is October–December, Quý II January–March, Quý III April–June,
    Quý IV July–September. For calendar quarters use :class:`CalendarQuarter`.

    >>> q = Quarter(2022, 2)
    >>> (q.start, q.end, q.label)
    (datetime.date(2022, 1, 1), datetime.date(2022, 3, 31), 'Quý II/2022')
    """

    year: int = attrs.field(converter=_year_converter, validator=_year_validator)
    number: int = attrs.field()

    @number.validator
    def _check_number(self, attribute: attrs.Attribute[int], value: object) -> None:
        _check_int("number", value, 1, 4, "the quarter, quý I–IV")

    @classmethod
    def of(cls, d: date) -> Quarter:
        """The statistical quarter containing ``d``.

        >>> Quarter.of(date(2020, 12, 31)), Quarter.of(date(2021, 1, 1))
        (Quarter(year=2021, number=1), Quarter(year=2021, number=2))
        """
        d = _as_date(d)
        return cls(_year_of(d), _statistical_month_index(d) // 3 + 1)

    @property
    def enforcement_year(self) -> EnforcementYear:
        """The statistical year the quarter belongs to."""
        return EnforcementYear(self.year)

    @property
    def start(self) -> date:
        """First day of the quarter."""
        first: date = date(self.year - 1, _FIRST_MONTH, 1) + relativedelta(
            months=3 * (self.number - 1)
        )
        return first

    @property
    def end(self) -> date:
        """Last day of the quarter."""
        return _last_day(self.start, 3)

    @property
    def label(self) -> str:
        """Vietnamese label: ``"Quý II/2022"``."""
        return f"Quý {_ROMAN[self.number - 1]}/{self.year}"

    def cumulative_period(self) -> ReportingPeriod:
        """The cumulative period that ends with this quarter (3, 6, 9 or 12 months).

        >>> Quarter(2022, 2).cumulative_period().label
        '6 tháng năm 2022'
        """
        return ReportingPeriod(self.year, 3 * self.number)

    def to_calendar(self) -> CalendarQuarter:
        """The same three months as a calendar quarter.

        >>> Quarter(2021, 1).to_calendar().label
        'Quý IV/2020 (năm dương lịch)'
        """
        return CalendarQuarter.of(self.start)


@attrs.frozen(order=True)
class CalendarQuarter(_Span):
    """A quarter of the calendar year (quý theo năm dương lịch).

    Ministry work plans sometimes use these: "Quý IV/2020" meaning
    October–December 2020, which is Quý I of statistical year 2021. This type is
    distinct from :class:`Quarter` so the two are never mixed by accident.

    >>> cq = CalendarQuarter(2020, 4)
    >>> (cq.start, cq.end, cq.to_statistical().label)
    (datetime.date(2020, 10, 1), datetime.date(2020, 12, 31), 'Quý I/2021')
    """

    year: int = attrs.field()
    number: int = attrs.field()

    @year.validator
    def _check_year(self, attribute: attrs.Attribute[int], value: object) -> None:
        # Calendar year 1899 holds Quý I of enforcement year 1900.
        _check_int("year", value, MIN_YEAR - 1, MAX_YEAR, "năm dương lịch")

    @number.validator
    def _check_number(self, attribute: attrs.Attribute[int], value: object) -> None:
        _check_int("number", value, 1, 4, "the quarter, quý I–IV")

    @classmethod
    def of(cls, d: date) -> CalendarQuarter:
        """The calendar quarter containing ``d``."""
        d = _as_date(d)
        return cls(d.year, (d.month - 1) // 3 + 1)

    @property
    def start(self) -> date:
        """First day of the quarter."""
        return date(self.year, 3 * (self.number - 1) + 1, 1)

    @property
    def end(self) -> date:
        """Last day of the quarter."""
        return _last_day(self.start, 3)

    @property
    def label(self) -> str:
        """Vietnamese label marked as calendar: ``"Quý IV/2020 (năm dương lịch)"``."""
        return f"Quý {_ROMAN[self.number - 1]}/{self.year} (năm dương lịch)"

    def to_statistical(self) -> Quarter:
        """The same three months as a quarter of the statistical year."""
        return Quarter.of(self.start)


# --------------------------------------------------------------------------- parsing


def _fold(text: str) -> str:
    """Lower-case, strip Vietnamese diacritics (đ → d) and collapse spaces."""
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    stripped = stripped.replace("đ", "d").replace("Đ", "D")
    return " ".join(stripped.lower().split())


_ROMAN_VALUES = {"i": 1, "ii": 2, "iii": 3, "iv": 4}

#: Month counts in words (số tháng bằng chữ), folded: "chín tháng", "mười một tháng".
#: A table, not ``thads_metrics.vi.words``: vi is a concept of the same layer, which
#: calendar may not import, and a count of months only runs from one to twelve.
_MONTH_WORDS = {
    "mot": 1,
    "hai": 2,
    "ba": 3,
    "bon": 4,
    "nam": 5,
    "sau": 6,
    "bay": 7,
    "tam": 8,
    "chin": 9,
    "muoi": 10,
    "muoi mot": 11,
    "muoi hai": 12,
}

# Digits are 0-9 only: ``\d`` would also take full-width and Arabic-Indic digits.
_COUNT = "(?P<count>[0-9]{1,2}|" + "|".join(sorted(_MONTH_WORDS, key=len, reverse=True)) + ")"
_YEAR = r"(?P<year>[0-9]{4})"
#: Words that name the statistical year and nothing else: "năm thống kê", "năm thi hành
#: án", "năm công tác" (the working year), "niên độ (thi hành án) (năm)". A quarter said
#: with them is statistical whatever ``calendar_quarters`` says.
_STATISTICAL_WORDS = r"(?:nam (?:thong ke|thi hanh an|cong tac)|nien do(?: thi hanh an)?(?: nam)?)"
#: What names the statistical year before its number: the words above, or a bare "năm".
_YEAR_WORDS = rf"(?:{_STATISTICAL_WORDS}|nam)"
#: Words that name the calendar year: a quarter said with them is a calendar quarter.
_CALENDAR_WORDS = r"(?:nam duong lich)"
_ROMAN_OR_DIGIT = r"(?P<quarter>iv|iii|ii|i|[0-9])"

#: The kind of year a text says it counts in (None: it does not say).
_Kind = Literal["statistical", "calendar"]
#: A parenthesis that says the kind of year, as :attr:`CalendarQuarter.label` ends:
#: "(năm dương lịch)", "(theo năm dương lịch)", "(dương lịch)", "(niên độ thi hành án)"…
_MARKS: tuple[tuple[re.Pattern[str], _Kind], ...] = (
    (re.compile(rf"^(?:theo )?(?:{_CALENDAR_WORDS}|duong lich)$"), "calendar"),
    (re.compile(rf"^(?:theo )?{_STATISTICAL_WORDS}$"), "statistical"),
)
#: A label followed by a parenthesis without a parenthesis inside it.
_LAST_PARENTHESIS = re.compile(r"^(?P<label>.+?) ?\((?P<inner>[^()]*)\)$")


def _day(name: str) -> str:
    """A day as reports print it, captured as ``name``, with an optional "ngày"."""
    return (
        rf"(?:ngay )?(?P<{name}>[0-9]{{4}}-[0-9]{{1,2}}-[0-9]{{1,2}}"
        r"|[0-9]{1,2}[/.\-][0-9]{1,2}[/.\-][0-9]{4}"
        r"|[0-9]{1,2}/[0-9]{1,2}"
        r"|[0-9]{1,2} thang [0-9]{1,2}(?: nam [0-9]{4})?)"
    )


_PERIOD_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    # "năm 2021", "năm thống kê 2021", "cả năm 2021", "năm công tác 2021", "niên độ 2021"
    (re.compile(rf"^(?:ca )?{_YEAR_WORDS} {_YEAR}$"), "year"),
    # "11 tháng năm 2021", "11 tháng 2021", "6 tháng đầu năm 2022", "11 tháng/2021",
    # "6 tháng đầu năm công tác 2021", "chín tháng đầu năm 2023", "mười một tháng năm 2021";
    # never "6 tháng cuối năm" (April–September is not a cumulative period)
    (re.compile(rf"^{_COUNT} thang(?: dau)?(?: {_YEAR_WORDS}| ?/)? ?{_YEAR}$"), "months"),
    # "Quý II/2022", "quý 2 năm 2022", "quý III năm 2023", "quý II niên độ (thi hành án) 2022",
    # "Q2/2022", "quý IV năm dương lịch 2020"
    (
        re.compile(
            rf"^(?:quy|q) ?{_ROMAN_OR_DIGIT}"
            rf"(?: ?/ ?| (?P<words>{_YEAR_WORDS}|{_CALENDAR_WORDS}) ){_YEAR}$"
        ),
        "quarter",
    ),
    # "từ ngày 01/10/2024 đến 30/9/2025", "từ 01/10/2020 đến hết ngày 31/8/2021"
    (
        re.compile(rf"^(?:tinh )?tu {_day('first')} (?:den|toi) (?:het )?{_day('last')}$"),
        "span",
    ),
    # "1/10/2020 – 31/8/2021", as the library prints a span
    (re.compile(rf"^{_day('first')}(?: ?[\u2013\u2014] ?| - ){_day('last')}$"), "span"),
    # "tính đến 31/8/2021", "tính đến hết ngày 30/9/2025", "đến 2021-08-31", "tính đến 31/8";
    # a bare day "31/8/2021" is a period end only
    (
        re.compile(rf"^(?P<cut>(?:tinh )?den (?:het )?(?:thoi diem )?)?{_day('last')}$"),
        "as_of",
    ),
)

#: Labels that lack their year: "6 tháng đầu năm", "quý II niên độ thi hành án".
_YEARLESS = (
    re.compile(rf"^{_COUNT} thang(?: dau)?(?: {_YEAR_WORDS})?$"),
    re.compile(rf"^(?:quy|q) ?{_ROMAN_OR_DIGIT}(?: (?:{_YEAR_WORDS}|{_CALENDAR_WORDS}))?$"),
    re.compile(rf"^(?:ca )?{_YEAR_WORDS}$"),
)
#: One calendar month, "tháng 8/2021": not a cumulative period.
_SINGLE_MONTH = re.compile(r"^thang (?P<month>[0-9]{1,2})(?:(?: ?/ ?| nam )[0-9]{4})?$")
#: "(11 tháng)" or "(mười một tháng)" after a label.
_BARE_MONTHS = re.compile(rf"^{_COUNT} thang$")

_DMY_RE = re.compile(r"^([0-9]{1,2})[/.\-]([0-9]{1,2})[/.\-]([0-9]{4})$")
_ISO_RE = re.compile(r"^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})$")
_LONG_RE = re.compile(r"^([0-9]{1,2}) thang ([0-9]{1,2})(?: nam ([0-9]{4}))?$")
_DAY_MONTH_RE = re.compile(r"^([0-9]{1,2})/([0-9]{1,2})$")

_DATE_RULE = (
    "day/month/year (31/8/2021, 31-8-2021, 31.8.2021), "
    "'(ngày) 31 tháng 8 năm 2021' or ISO (2021-08-31)"
)
_PERIOD_RULE = (
    "a period label such as 'năm 2021', '11 tháng năm 2021', '6 tháng đầu năm 2022', "
    "'chín tháng năm 2023', 'Quý II/2022', 'quý 2 năm 2022', 'tính đến 31/8/2021' "
    "or 'từ 01/10/2020 đến 31/8/2021'"
)
_YEAR_ARGUMENT_RULE = "year= completes a day printed without its year ('tính đến 31/8')"


#: The ``year=`` argument of the readers, checked.
_YearArgument = int | EnforcementYear | None


def _count(word: str) -> int:
    """A month count written in digits or words."""
    return int(word) if word.isdigit() else _MONTH_WORDS[word]


def _check_text(text: object, what: str) -> str:
    """``text`` if it is a ``str`` whose digits are 0-9; else :class:`ParseError`."""
    checked = require_instance("text", text, str, ParseError, what=what)
    for position, char in enumerate(checked):
        if char.isdigit() and not char.isascii():
            name = unicodedata.name(char, "a digit").lower()
            raise ParseError(
                f"cannot read {checked!r}: {char!r} ({name}) at position {position} is not "
                "one of the digits 0-9 that reports print",
                text=checked,
                position=position,
                code="parse.digits",
                details={"argument": "text", "value": char, "rule": "digits 0-9"},
            )
    return checked


def _check_year(year: object) -> _YearArgument:
    """The ``year=`` argument: ``None``, a calendar year, or an :class:`EnforcementYear`."""
    if year is None or isinstance(year, EnforcementYear):
        return year
    # Calendar year 1899 holds the first days of enforcement year 1900.
    return _check_int("year", year, MIN_YEAR - 1, MAX_YEAR, "the calendar year of the day")


def _read_day(text: str, day_text: str, year: _YearArgument) -> date:
    """The date written ``day_text`` (folded, without "ngày"), for messages from ``text``."""
    iso = _ISO_RE.match(day_text)
    dmy = _DMY_RE.match(day_text)
    long = _LONG_RE.match(day_text)
    short = _DAY_MONTH_RE.match(day_text)
    y: int | None
    if iso:
        y, m, d = (int(g) for g in iso.groups())
    elif dmy:
        d, m, y = (int(g) for g in dmy.groups())
    elif long:
        d, m = int(long.group(1)), int(long.group(2))
        y = None if long.group(3) is None else int(long.group(3))
    elif short and 1 <= int(short.group(1)) <= 31 and 1 <= int(short.group(2)) <= 12:
        # "31/8": a day without its year; "08/31" is no day at all
        d, m, y = int(short.group(1)), int(short.group(2)), None
    else:
        raise ParseError(
            f"cannot read {text!r} as a date: expected day/month/year (31/8/2021), "
            "'31 tháng 8 năm 2021' or ISO (2021-08-31)",
            text=text,
            code="parse.date",
            details={"argument": "text", "rule": _DATE_RULE},
        )
    if y is None:
        if year is None:
            raise ParseError(
                f"{text!r} does not say the year of {d}/{m}: print it ({d}/{m}/yyyy) "
                "or pass year= (the calendar year of the day)",
                text=text,
                code="parse.missing_year",
                details={"argument": "text", "value": f"{d}/{m}", "rule": _YEAR_ARGUMENT_RULE},
            )
        if isinstance(year, EnforcementYear):  # the day inside that statistical year
            y = year.year - 1 if m >= _FIRST_MONTH else year.year
        else:
            y = year
    try:
        return date(y, m, d)
    except ValueError as exc:
        raise ParseError(
            f"{text!r} is not a valid date: {exc}",
            text=text,
            code="parse.no_such_date",
            details={"argument": "text", "rule": "a day of the calendar", "problem": str(exc)},
        ) from exc


def parse_date(text: str, *, year: int | EnforcementYear | None = None) -> date:
    """Read a date as reports print it (đọc ngày tháng).

    Reads ``31/8/2021``, ``31/08/2021``, ``31-8-2021``, ``31.8.2021``, ISO
    ``2021-08-31`` and ``31 tháng 8 năm 2021``, each with or without a leading
    "ngày", in any letter case, with or without diacritics. Digits are 0-9.

    A day printed without its year (``31/8``, ``ngày 31 tháng 8``) needs ``year``:
    an ``int`` is the calendar year of the day; an :class:`EnforcementYear` puts
    the day inside that statistical year (31/12 of năm 2022 is 31/12/2021).
    Without it the day is refused (code ``parse.missing_year``); a day that
    prints its year ignores ``year``.

    >>> parse_date("31/8/2021"), parse_date("2021-08-31")
    (datetime.date(2021, 8, 31), datetime.date(2021, 8, 31))
    >>> parse_date("ngày 31 tháng 8 năm 2021"), parse_date("31.8.2021")
    (datetime.date(2021, 8, 31), datetime.date(2021, 8, 31))
    >>> parse_date("31/12", year=2021), parse_date("31/12", year=EnforcementYear(2022))
    (datetime.date(2021, 12, 31), datetime.date(2021, 12, 31))
    """
    text = _check_text(text, "a date as text (str)")
    checked_year = _check_year(year)
    folded = _fold(text)
    return _read_day(text, folded.removeprefix("ngay "), checked_year)


#: What :func:`parse_period` returns.
_Parsed = ReportingPeriod | CutOffPeriod | Quarter | CalendarQuarter


def _period_error(text: str, exc: ThadsError) -> ParseError:
    """``exc`` (from a date or a period value) as the error of reading ``text`` as a period."""
    # A date that does not exist (or lacks its year) keeps its parse code and details;
    # a year, month count, quarter or cut-off day out of range is a period that does
    # not exist.
    if isinstance(exc, ParseError):
        details = {"rule": _PERIOD_RULE, **exc.details, "argument": "text", "cause": exc.code}
        code = exc.code
    else:
        details = {"argument": "text", "rule": _PERIOD_RULE, "cause": exc.code}
        code = "parse.no_such_period"
    return ParseError(
        f"cannot read {text!r} as a period: {exc}", text=text, code=code, details=details
    )


def _span_period(text: str, first: date, last: date) -> ReportingPeriod | CutOffPeriod:
    """The cumulative period "từ ``first`` đến ``last``", or :class:`ParseError`."""
    if last < first:
        problem = f"it ends ({day_label(last)}) before it starts ({day_label(first)})"
    elif (first.month, first.day) != (_FIRST_MONTH, 1):
        problem = f"it starts on {day_label(first)}, not on 1/10"
    elif _year_of(first) != _year_of(last):
        problem = (
            f"it runs over more than one statistical year: {day_label(last)} is in "
            f"năm {_year_of(last)}, which starts on 1/10/{_year_of(last) - 1}"
        )
    else:
        cut_off = CutOffPeriod(last)
        return cut_off.period if cut_off.is_month_end else cut_off
    raise ParseError(
        f"cannot read {text!r} as a period: {problem}; reporting periods are cumulative "
        "from 1 October of their statistical year (lũy kế từ 1/10)",
        text=text,
        code="parse.not_cumulative",
        details={
            "argument": "text",
            "value": f"{first.isoformat()}..{last.isoformat()}",
            "rule": "a span from 1 October to a day of the same statistical year",
            "problem": problem,
        },
    )


def _as_of_period(text: str, day: date, cut: bool) -> ReportingPeriod | CutOffPeriod:
    """The period "tính đến ``day``" (``cut``) or ending on a bare ``day``."""
    cut_off = CutOffPeriod.of(day)
    if cut_off.is_month_end:
        return cut_off.period
    if cut:
        return cut_off
    raise ParseError(
        f"cannot read {text!r} as a period: {day_label(day)} is not the last day "
        "of a month, and reporting periods (kỳ báo cáo) end on a month's last day; "
        f"write 'tính đến {day_label(day)}' for a cut-off day",
        text=text,
        code="parse.month_end",
        details={
            "argument": "text",
            "value": day.isoformat(),
            "rule": "a reporting period ends on the last day of a month",
        },
    )


def _mark(inner: str) -> _Kind | None:
    """The kind of year a parenthesis says ("năm dương lịch", "niên độ thi hành án"), if any."""
    for pattern, kind in _MARKS:
        if pattern.match(inner):
            return kind
    return None


def _marked(folded: str) -> tuple[str, _Kind | None]:
    """``folded`` without a parenthesis that says its kind of year, and that kind."""
    m = _LAST_PARENTHESIS.match(folded)
    if m:
        kind = _mark(m["inner"])
        if kind is not None:
            return m["label"], kind
    return folded, None


def _quarter_words(words: str | None) -> _Kind | None:
    """The kind of quarter the words before its year say: None for "/" or a bare "năm"."""
    if words is None or words == "nam":
        return None
    return "calendar" if re.fullmatch(_CALENDAR_WORDS, words) else "statistical"


_KIND_WORDS = {"statistical": "năm thống kê", "calendar": "năm dương lịch"}


def _parse_one(text: str, folded: str, calendar_quarters: bool, year: _YearArgument) -> _Parsed:
    """One label, with or without a parenthesis that says its kind of year.

    A quarter whose text says its kind ("quý II niên độ thi hành án 2022",
    "Quý IV/2020 (năm dương lịch)") is that kind; ``calendar_quarters`` decides
    only for a quarter that does not say. Every other label is of the statistical
    year: a parenthesis that says calendar contradicts it.
    """
    label, mark = _marked(folded)
    parsed = _parse_plain(text, label, calendar_quarters, year, mark)
    if mark == "calendar" and not isinstance(parsed, CalendarQuarter):
        raise _contradiction(
            text,
            parsed,
            _KIND_WORDS["calendar"],
            rule="a period of the statistical year is not said in the calendar year",
        )
    return parsed


def _parse_plain(
    text: str, folded: str, calendar_quarters: bool, year: _YearArgument, mark: _Kind | None
) -> _Parsed:
    """One label without a parenthesis; ``mark`` is the kind a parenthesis said, if any."""
    for pattern, kind in _PERIOD_PATTERNS:
        m = pattern.match(folded)
        if not m:
            continue
        try:
            if kind == "year":
                return ReportingPeriod(int(m["year"]), 12)
            if kind == "months":
                return ReportingPeriod(int(m["year"]), _count(m["count"]))
            if kind == "quarter":
                raw = m["quarter"]
                number = int(raw) if raw.isdigit() else _ROMAN_VALUES[raw]
                said = _quarter_words(m["words"])
                if said is not None and mark is not None and said != mark:
                    raise _contradiction(
                        text,
                        Quarter(int(m["year"]), number)
                        if said == "statistical"
                        else CalendarQuarter(int(m["year"]), number),
                        _KIND_WORDS[mark],
                        rule="a quarter is said in one kind of year",
                    )
                chosen = said or mark or ("calendar" if calendar_quarters else "statistical")
                if chosen == "calendar":
                    return CalendarQuarter(int(m["year"]), number)
                return Quarter(int(m["year"]), number)
            last = _read_day(text, m["last"], year)
            if kind == "span":
                first = _read_day(text, m["first"], None)
                return _span_period(text, first, last)
            return _as_of_period(text, last, m["cut"] is not None)
        except ParseError as exc:
            if exc.code in ("parse.not_cumulative", "parse.month_end", "parse.contradiction"):
                raise
            raise _period_error(text, exc) from exc
        except PeriodError as exc:
            raise _period_error(text, exc) from exc
    _refuse(text, folded)


def _refuse(text: str, folded: str) -> NoReturn:
    """The error for a label that no pattern reads: why, when it is known."""
    single = _SINGLE_MONTH.match(folded)
    if single:
        month = single["month"]
        raise ParseError(
            f"cannot read {text!r} as a period: tháng {month} is one calendar month, not a "
            "cumulative period; write the period ('11 tháng năm 2021') or its end "
            "('tính đến 31/8/2021')",
            text=text,
            code="parse.single_month",
            details={
                "argument": "text",
                "value": f"tháng {month}",
                "rule": "periods are cumulative from 1 October (lũy kế từ 1/10)",
            },
        )
    if any(pattern.match(folded) for pattern in _YEARLESS):
        raise ParseError(
            f"cannot read {text!r} as a period: it does not say the year; write it "
            "('6 tháng đầu năm 2022', 'Quý II/2022')",
            text=text,
            code="parse.missing_year",
            details={"argument": "text", "rule": _YEAR_ARGUMENT_RULE},
        )
    raise ParseError(
        f"cannot read {text!r} as a period; expected e.g. 'năm 2021', '11 tháng năm 2021', "
        "'6 tháng đầu năm 2022', 'Quý II/2022', 'quý 2 năm 2022', 'tính đến 31/8/2021' "
        "or 'từ 01/10/2020 đến 31/8/2021'",
        text=text,
        code="parse.period",
        details={"argument": "text", "rule": _PERIOD_RULE},
    )


_SAME_PERIOD = "the label in parentheses must name the same period"


def _contradiction(text: str, outer: _Parsed, said: str, rule: str = _SAME_PERIOD) -> ParseError:
    return ParseError(
        f"{text!r} contradicts itself: {outer.label} vs {said}",
        text=text,
        code="parse.contradiction",
        details={"argument": "text", "value": outer.label, "rule": rule},
    )


def _days(span: _Parsed) -> tuple[date, date]:
    return span.start, span.end


def _agreed(outer: _Parsed, inner: _Parsed) -> _Parsed | None:
    """What a label and its parenthesis name together, or None when they contradict.

    They agree when they name the same days: a cut-off and the cumulative period
    that holds it give the cut-off; a cumulative period and a quarter of the same
    days (Quý I/2022 and "3 tháng năm 2022", 1/10/2021 – 31/12/2021) give the
    cumulative period, as a date and its period do.
    """
    if outer == inner:
        return outer
    for cut_off, other in ((outer, inner), (inner, outer)):
        if isinstance(cut_off, CutOffPeriod) and not isinstance(other, CutOffPeriod):
            return cut_off if _days(cut_off.period) == _days(other) else None
    if _days(outer) != _days(inner):
        return None
    return inner if isinstance(inner, ReportingPeriod) else outer


def _parse_pair(
    text: str, outer_text: str, inner_text: str, calendar_quarters: bool, year: _YearArgument
) -> _Parsed:
    """A label followed by another in parentheses: both must name the same days.

    See :func:`_agreed` for what they give; a side printed without its year
    borrows the other's statistical year.
    """

    def side(label: str, given: _YearArgument) -> _Parsed:
        return _parse_one(text, label, calendar_quarters, given)

    def borrowed(other: _Parsed) -> EnforcementYear:
        try:
            return EnforcementYear.of(other.end)
        except PeriodError as exc:  # a calendar quarter at the very end of the range
            raise _period_error(text, exc) from exc

    bare = _BARE_MONTHS.match(inner_text)
    if bare:  # "năm 2021 (12 tháng)", "tính đến 24/8/2011 (11 tháng)"
        outer = side(outer_text, year)
        months = _count(bare["count"])
        try:
            inner: _Parsed = ReportingPeriod(borrowed(outer).year, months)
        except PeriodError as exc:
            raise _period_error(text, exc) from exc
        agreed = _agreed(outer, inner)
        if agreed is None:
            raise _contradiction(text, outer, f"{months} tháng")
        return agreed

    try:
        outer = side(outer_text, year)
    except ParseError as exc:
        if exc.code != "parse.missing_year" or year is not None:
            raise
        inner = side(inner_text, year)  # raises parse.missing_year too if it has no year
        outer = side(outer_text, borrowed(inner))
    else:
        try:
            inner = side(inner_text, year)
        except ParseError as exc:
            if exc.code != "parse.missing_year" or year is not None:
                raise
            inner = side(inner_text, borrowed(outer))
    agreed = _agreed(outer, inner)
    if agreed is None:
        raise _contradiction(text, outer, inner.label)
    return agreed


def parse_period(
    text: str, *, calendar_quarters: bool = False, year: int | EnforcementYear | None = None
) -> ReportingPeriod | CutOffPeriod | Quarter | CalendarQuarter:
    """Read a period label as reports write it (đọc nhãn kỳ báo cáo).

    Understands, in any letter case, with extra spaces, with or without
    diacritics:

    - the year: "năm 2021", "năm công tác 2021", "niên độ 2021";
    - cumulative periods: "11 tháng năm 2021", "11 tháng 2021",
      "6 tháng đầu năm 2022", "6 tháng đầu năm công tác 2021",
      "chín tháng đầu năm 2023", "mười một tháng năm 2021";
    - quarters: "Quý II/2022", "quý 2 năm 2022", "quý III năm 2023",
      "quý II niên độ thi hành án 2022", "Quý IV/2020 (năm dương lịch)";
    - a period dated by its end: "tính đến 31/8/2021", "tính đến hết ngày
      30/9/2025", a bare last day of a month ("31/8/2021", "2021-08-31");
    - a span from 1 October: "từ ngày 01/10/2024 đến 30/9/2025",
      "từ 01/10/2020 đến hết ngày 31/8/2021" (another start is refused,
      code ``parse.not_cumulative``).

    A day that is a month's last gives the :class:`ReportingPeriod`; a cut-off
    inside a month ("tính đến 24/8/2011", or a span ending there) gives a
    :class:`CutOffPeriod` (a bare day inside a month is refused). A day printed
    without its year ("tính đến hết 30/9") needs ``year``, as in
    :func:`parse_date`. A label with a parenthesis,
    "tính đến 31/8/2021 (11 tháng 2021)", must name the same days on both
    sides (else ``parse.contradiction``): a cut-off and the period that holds
    it give the cut-off; a period and a quarter of the same days
    ("tính đến 31/12/2021 (Quý I/2022)") give the :class:`ReportingPeriod`.

    A quarter that says its kind of year is read as that kind, whatever
    ``calendar_quarters`` says: "năm thống kê", "năm thi hành án", "năm công
    tác" and "niên độ (thi hành án)" give a statistical :class:`Quarter`
    (Quý I = October–December); "năm dương lịch", before the year or in a
    parenthesis as :attr:`CalendarQuarter.label` writes it, gives a
    :class:`CalendarQuarter`. A quarter that does not say ("Quý IV/2020",
    "quý 4 năm 2020") is statistical unless ``calendar_quarters=True``.

    >>> parse_period("6 tháng đầu năm 2022").end
    datetime.date(2022, 3, 31)
    >>> parse_period("chín tháng đầu năm 2023"), parse_period("niên độ 2021").label
    (ReportingPeriod(year=2023, months=9), 'năm 2021')
    >>> parse_period("QUÝ  2 năm 2022")
    Quarter(year=2022, number=2)
    >>> parse_period("Quý IV/2020", calendar_quarters=True).start
    datetime.date(2020, 10, 1)
    >>> parse_period("quý II niên độ thi hành án 2022", calendar_quarters=True)
    Quarter(year=2022, number=2)
    >>> parse_period("Quý IV/2020 (năm dương lịch)")
    CalendarQuarter(year=2020, number=4)
    >>> parse_period("tính đến 31/12/2021 (Quý I/2022)")
    ReportingPeriod(year=2022, months=3)
    >>> parse_period("tinh den het 30/9/2025").label
    'năm 2025'
    >>> parse_period("từ 01/10/2020 đến hết ngày 31/8/2021").label
    '11 tháng năm 2021'
    >>> parse_period("tính đến 24/8/2011")
    CutOffPeriod(end=datetime.date(2011, 8, 24))
    >>> parse_period("tính đến hết 30/9", year=2025).label
    'năm 2025'
    """
    text = _check_text(text, "a period label as text (str)")
    require_flag("calendar_quarters", calendar_quarters, PeriodError)
    checked_year = _check_year(year)
    folded = _fold(text)
    paren = re.match(r"^(.*?)\s*\((.*)\)$", folded)
    if paren and paren.group(1) and _mark(paren.group(2)) is None:
        return _parse_pair(
            text, paren.group(1).strip(), paren.group(2).strip(), calendar_quarters, checked_year
        )
    return _parse_one(text, folded, calendar_quarters, checked_year)
