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
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from datetime import date, datetime
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import attrs
from dateutil.relativedelta import relativedelta

from thads_metrics._checks import digit_count, require_flag, require_instance, require_int, shown
from thads_metrics.errors import ParseError, PeriodError

__all__ = [
    "MAX_YEAR",
    "MIN_YEAR",
    "CalendarQuarter",
    "EnforcementYear",
    "Quarter",
    "ReportingPeriod",
    "day_label",
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


def _last_day(first: date, months: int) -> date:
    """Last day of the ``months``-th month counted from ``first`` (a 1st of month)."""
    end: date = first + relativedelta(months=months, days=-1)
    return end


def day_label(d: date) -> str:
    """A date as reports write it, day and month without leading zeros (ngày): ``31/8/2021``.

    >>> day_label(date(2020, 10, 1))
    '1/10/2020'
    """
    d = _as_date(d)
    return f"{d.day}/{d.month}/{d.year}"


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

_YEAR_RE = r"(\d{4})"
_PERIOD_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    # "năm 2021", "năm thống kê 2021", "cả năm 2021"
    (re.compile(rf"^(?:ca )?nam (?:thong ke |thi hanh an )?{_YEAR_RE}$"), "year"),
    # "11 tháng năm 2021", "11 tháng 2021", "6 tháng đầu năm 2022", "11 tháng/2021";
    # never "6 tháng cuối năm" (April–September is not a cumulative period)
    (
        re.compile(rf"^(\d{{1,2}}) thang(?: dau)?(?: nam| ?/ ?)? ?{_YEAR_RE}$"),
        "months",
    ),
    # "Quý II/2022", "quý 2 năm 2022", "quý II niên độ (thi hành án) 2022", "Q2/2022"
    (
        re.compile(
            rf"^(?:quy|q) ?(iv|iii|ii|i|\d)"
            rf"(?: ?/ ?| nam | nien do (?:thi hanh an )?(?:nam )?| nam thong ke ){_YEAR_RE}$"
        ),
        "quarter",
    ),
    # "tính đến 31/8/2021", "tính đến hết ngày 30/9/2025", "đến 2021-08-31", "31/8/2021"
    (
        re.compile(r"^(?:(?:tinh )?den (?:het )?(?:ngay )?)?([0-9/.\-]+)$"),
        "as_of",
    ),
)

_BARE_MONTHS = re.compile(r"^(\d{1,2}) thang$")
_DMY_RE = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_ISO_RE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def parse_date(text: str) -> date:
    """Read a date written ``31/8/2021``, ``31/08/2021``, ``31.8.2021`` or ISO ``2021-08-31``.

    >>> parse_date("31/8/2021"), parse_date("2021-08-31")
    (datetime.date(2021, 8, 31), datetime.date(2021, 8, 31))
    """
    require_instance("text", text, str, ParseError, what="a date as text (str)")
    s = text.strip()
    iso = _ISO_RE.match(s)
    if iso:
        y, m, d = (int(g) for g in iso.groups())
    else:
        dmy = _DMY_RE.match(s)
        if not dmy:
            raise ParseError(
                f"cannot read {text!r} as a date: expected day/month/year "
                "(31/8/2021) or ISO (2021-08-31)",
                text=text,
                code="parse.date",
                details={"argument": "text", "rule": _DATE_RULE},
            )
        d, m, y = (int(g) for g in dmy.groups())
    try:
        return date(y, m, d)
    except ValueError as exc:
        raise ParseError(
            f"{text!r} is not a valid date: {exc}",
            text=text,
            code="parse.no_such_date",
            details={"argument": "text", "rule": "a day of the calendar", "problem": str(exc)},
        ) from exc


_DATE_RULE = "day/month/year (31/8/2021) or ISO (2021-08-31)"
_PERIOD_RULE = (
    "a period label such as 'năm 2021', '11 tháng năm 2021', '6 tháng đầu năm 2022', "
    "'Quý II/2022', 'quý 2 năm 2022' or 'tính đến 31/8/2021'"
)


def _parse_simple(
    text: str, folded: str, calendar_quarters: bool
) -> ReportingPeriod | Quarter | CalendarQuarter:
    for pattern, kind in _PERIOD_PATTERNS:
        m = pattern.match(folded)
        if not m:
            continue
        try:
            if kind == "year":
                return ReportingPeriod(int(m.group(1)), 12)
            if kind == "months":
                return ReportingPeriod(int(m.group(2)), int(m.group(1)))
            if kind == "quarter":
                raw = m.group(1)
                number = int(raw) if raw.isdigit() else _ROMAN_VALUES[raw]
                year = int(m.group(2))
                if calendar_quarters:
                    return CalendarQuarter(year, number)
                return Quarter(year, number)
            end = parse_date(m.group(1))
        except (ParseError, PeriodError) as exc:
            # A date that does not exist keeps its parse code; a year, month count or
            # quarter out of range is a period that does not exist.
            raise ParseError(
                f"cannot read {text!r} as a period: {exc}",
                text=text,
                code=exc.code if isinstance(exc, ParseError) else "parse.no_such_period",
                details={"argument": "text", "rule": _PERIOD_RULE, "cause": exc.code},
            ) from exc
        period = ReportingPeriod.ending(end)
        if period.end != end:
            raise ParseError(
                f"cannot read {text!r} as a period: {day_label(end)} is not the last day "
                "of a month, and reporting periods (kỳ báo cáo) end on a month's last day",
                text=text,
                code="parse.month_end",
                details={
                    "argument": "text",
                    "value": end.isoformat(),
                    "rule": "a reporting period ends on the last day of a month",
                },
            )
        return period
    raise ParseError(
        f"cannot read {text!r} as a period; expected e.g. 'năm 2021', '11 tháng năm 2021', "
        "'6 tháng đầu năm 2022', 'Quý II/2022', 'quý 2 năm 2022' or 'tính đến 31/8/2021'",
        text=text,
        code="parse.period",
        details={"argument": "text", "rule": _PERIOD_RULE},
    )


def parse_period(
    text: str, *, calendar_quarters: bool = False
) -> ReportingPeriod | Quarter | CalendarQuarter:
    """Read a period label as reports write it (đọc nhãn kỳ báo cáo).

    Understands "năm 2021", "11 tháng năm 2021", "11 tháng 2021",
    "6 tháng đầu năm 2022", "12 tháng năm 2024", "Quý II/2022",
    "quý 2 năm 2022", "tính đến 31/8/2021", "tính đến hết 30/9/2025" and a
    bare last day of a month ("31/8/2021", "2021-08-31"), in any letter case,
    with extra spaces, with or without diacritics. A label with a
    parenthesis, "tính đến 31/8/2021 (11 tháng 2021)", must agree with itself.

    Quarters are statistical (Quý I = October–December) unless
    ``calendar_quarters=True``, which returns :class:`CalendarQuarter`.

    >>> parse_period("6 tháng đầu năm 2022").end
    datetime.date(2022, 3, 31)
    >>> parse_period("QUÝ  2 năm 2022")
    Quarter(year=2022, number=2)
    >>> parse_period("Quý IV/2020", calendar_quarters=True).start
    datetime.date(2020, 10, 1)
    >>> parse_period("tinh den het 30/9/2025").label
    'năm 2025'
    """
    require_instance("text", text, str, ParseError, what="a period label as text (str)")
    require_flag("calendar_quarters", calendar_quarters, PeriodError)
    folded = _fold(text)
    paren = re.match(r"^(.*?)\s*\((.*)\)$", folded)
    if paren and paren.group(1):
        outer = _parse_simple(text, paren.group(1).strip(), calendar_quarters)
        bare = _BARE_MONTHS.match(paren.group(2).strip())
        if bare and isinstance(outer, ReportingPeriod):  # "năm 2021 (12 tháng)"
            if int(bare.group(1)) != outer.months:
                raise ParseError(
                    f"{text!r} contradicts itself: {outer.label} is {outer.months} months, "
                    f"not {bare.group(1)}",
                    text=text,
                    code="parse.contradiction",
                    details={
                        "argument": "text",
                        "value": outer.label,
                        "rule": "the label in parentheses must name the same period",
                    },
                )
            return outer
        inner = _parse_simple(text, paren.group(2).strip(), calendar_quarters)
        if outer != inner:
            raise ParseError(
                f"{text!r} contradicts itself: {outer.label} vs {inner.label}",
                text=text,
                code="parse.contradiction",
                details={
                    "argument": "text",
                    "value": outer.label,
                    "rule": "the label in parentheses must name the same period",
                },
            )
        return outer
    return _parse_simple(text, folded, calendar_quarters)
