"""The English words of a report paragraph (đoạn báo cáo bằng tiếng Anh).

For readers outside Vietnam: the same sentences as the Vietnamese report,
with English number style (decimal point, thousands comma); money as the
Vietnamese report writes it, in VND billions from 1 billion up and below
that in the scale of the amount once rounded to one decimal, a trailing
".0" dropped ("VND 716 billion"; 999.96 million is "VND 1 billion");
differences of rates in "percentage points" by default (or with a bare "%"
as the Vietnamese reports print them, on request: a reader of English takes
"0.35% above" as relative); the built-in kinds of case by English names;
and the Vietnamese term of the key rows once, in parentheses, so the figures
can be matched with the original.

>>> from decimal import Decimal
>>> w = English()
>>> w.count(12_840), w.money(146_900_000_000), w.percent(Decimal("83.9"))
('12,840 cases', 'VND 146.9 billion', '83.90%')
>>> w.money(716_000_000_000), w.money(999_960_000), w.points(Decimal("0.35"), "points")
('VND 716 billion', 'VND 1 billion', '0.35 percentage points')
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

from thads_metrics.figures import RATE_PLACES
from thads_metrics.rates import round_rate
from thads_metrics.report.words import Phrases, PointsUnit, listed

if TYPE_CHECKING:
    from thads_metrics.calendar import ReportingPeriod
    from thads_metrics.targets import Target

__all__ = ["English"]

_CHANGE_LABELS = {
    "to_enforce": "to enforce",
    "with_conditions": "with conditions",
    "finished": "finished",
    "carried_forward": "carried forward",
}
_LEFT = {"entrusted": "entrusted to other offices", "withdrawn": "withdrawn or annulled"}
#: The English names of the built-in kinds of case (:data:`thads_metrics.cases.CATEGORIES`).
_CATEGORY_NAMES = {
    "credit": "credit and banking",
    "corruption": "assets recovered in criminal cases of corruption and economic crime",
    "state_budget": "collections for the state budget",
    "administrative": "administrative cases",
}
_PARTS = {"completed": "completed", "terminated": "terminated", "reduced": "reduced or exempted"}
_UP_DOWN = {1: "rose", -1: "fell"}
_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December")  # fmt: skip
#: The scales of money in a paragraph, largest first: billions all the way up, as tỷ.
_SCALES = ((10**9, "billion"), (10**6, "million"), (10**3, "thousand"))


def _number(value: Decimal | Fraction | int, places: int) -> str:
    """English style, half up: ``1,234.5``."""
    rounded = round_rate(value, places)
    return f"{rounded:,.{places}f}"


def _money(amount: int) -> str:
    """An amount in the scale of its size with one decimal, a trailing ".0" dropped.

    The scale is that of the amount *as rounded*: 999.96 million is 1 billion.
    """
    for index, (size, word) in enumerate(_SCALES):
        if abs(amount) >= size:
            scaled = round_rate(Fraction(amount, size), 1)
            if index and abs(scaled) >= 1000:  # rounding reached the next scale up
                size, word = _SCALES[index - 1]
                scaled = round_rate(Fraction(amount, size), 1)
            return f"VND {_number(scaled, 1).removesuffix('.0')} {word}"
    return f"VND {amount:,}"


def _date(day: date) -> str:
    return f"{day.day} {_MONTH_NAMES[day.month - 1]} {day.year}"


def _period(period: ReportingPeriod) -> str:
    year = f"enforcement year {period.year}"
    if period.is_full_year:
        return year
    return f"the first {period.months} months of {year}"


class English(Phrases):
    """The words of the English paragraph, for readers outside Vietnam."""

    language = "en"
    points_unit = "points"
    table_header = (
        "Unit",
        "With cond. (cases)",
        "Finished (cases)",
        "Rate",
        "Target",
        "+/- target",
        "With cond. (VND bn)",
        "Finished (VND bn)",
        "Rate",
        "Target",
        "+/- target",
    )
    total_label = "Total"

    def roll_up(self, units: int) -> str:
        return f"{units} units (total)"

    def period_name(self, period: ReportingPeriod) -> str:
        return _period(period)

    def table_title(self, period: ReportingPeriod) -> str:
        return f"Summary, {_period(period)} (money in VND billion)"

    def count(self, n: int) -> str:
        return f"{n:,} case" + ("" if n == 1 else "s")

    def money(self, amount: int) -> str:
        return _money(amount)

    def percent(self, value: Decimal) -> str:
        return f"{_number(value, RATE_PLACES)}%"

    def points(self, points: Decimal, unit: PointsUnit) -> str:
        if unit == "percent":
            return self.percent(points.copy_abs())
        return f"{_number(points.copy_abs(), RATE_PLACES)} percentage points"

    def signed_points(self, points: Decimal) -> str:
        word = "rose" if points > 0 else "fell"
        return f"{word} {_number(points.copy_abs(), RATE_PLACES)} percentage points"

    def table_count(self, n: int) -> str:
        return f"{n:,}"

    def table_money(self, amount: int) -> str:
        return _number(Fraction(amount, 10**9), 1)

    def table_gap(self, points: Decimal) -> str:
        text = _number(points, RATE_PLACES)
        return text if text.startswith("-") or round_rate(points, RATE_PLACES) == 0 else "+" + text

    def heading(self, unit: str, period: ReportingPeriod) -> str:
        return (
            f"Civil judgment enforcement (thi hành án dân sự) in {_period(period)} "
            f"({_date(period.start)} to {_date(period.end)}), {unit}:"
        )

    def ledger_name(self, money: bool) -> str:
        return "Money (về tiền)" if money else "Cases (về việc)"

    def no_data(self) -> str:
        return "no figures."

    def to_enforce(
        self, total: str, intake: tuple[str, str] | None, left: Sequence[tuple[str, str]]
    ) -> str:
        clause = f"the total to enforce (tổng số phải thi hành) was {total}"
        if intake is not None:
            clause += f" ({intake[0]} carried over, {intake[1]} newly accepted"
            if left:
                clause += "; less " + " and ".join(f"{n} {_LEFT[row]}" for row, n in left)
            clause += ")"
        return clause

    def with_conditions(self, value: str, share: str | None) -> str:
        text = f"{value} with conditions to enforce (có điều kiện)"
        return text + (f", {share} of the total" if share else "")

    def stayed(self, value: str, share: str | None) -> str:
        text = f"{value} postponed or suspended, counted apart (hoãn, tạm đình chỉ"
        return text + (f"; {share} of the total)" if share else ")")

    def without_conditions(self, value: str) -> str:
        return f"{value} without conditions (chưa có điều kiện)"

    def finished(self, value: str, detail: Sequence[str], rate: str | None, first: bool) -> str:
        sentence = f"{'F' if first else 'f'}inished (thi hành xong): {value}"
        if detail:
            sentence += f" ({', '.join(detail)})"
        if rate is not None:
            sentence += f", a completion rate of {rate}"
        return sentence

    def finished_part(self, row: str, value: str) -> str:
        return f"{value} {_PARTS[row]}"

    def no_base(self) -> str:
        return "; nothing has conditions to enforce yet, so there is no rate"

    def year_gap(self, points: Decimal, target: str, unit: PointsUnit) -> str:
        if points > 0:
            return f"; {self.points(points, unit)} above the target of {target}"
        if points == 0:
            return f"; the target of {target} is met"
        return f"; the target of {target} is not met ({self.points(points, unit)} short)"

    def pace(self, points: Decimal, prorated: str, months: int, unit: PointsUnit) -> str:
        span = f"{months} month" + ("" if months == 1 else "s")
        basis = f"(the target pro-rated to {span} is {prorated})"
        if points > 0:
            return f"; {self.points(points, unit)} ahead of pace {basis}"
        if points == 0:
            return f"; on pace {basis}"
        return f"; {self.points(points, unit)} behind pace {basis}"

    def period_gap(
        self, points: Decimal, target: str, unit: PointsUnit, remaining: str, needed: str
    ) -> str:
        if points > 0:
            return f"; already {self.points(points, unit)} above the annual target of {target}"
        if points == 0:
            return f"; the annual target of {target} is already met"
        return (
            f"; {remaining} still to gain to reach the annual target of {target} "
            f"(at least {needed} more to finish on the current base)"
        )

    def category_name(self, category: str | None, label: str) -> str:
        english = None if category is None else _CATEGORY_NAMES.get(category)
        return english or listed(label)

    def category(self, label: str, cases: str | None, money: str | None, rate: str | None) -> str:
        done = ", worth ".join(part for part in (cases, money) if part) or "no figures"
        return f"{label}: finished {done}" + (f" (case completion rate {rate})" if rate else "")

    def breakdown(self, parts: Sequence[str]) -> str:
        return "By kind of case (nhóm việc): " + "; ".join(parts) + "."

    def change(self, row: str, sign: int, size: str, relative: str | None, money: bool) -> str:
        label = f"{'money' if money else 'cases'} {_CHANGE_LABELS[row]}"
        if relative is None:
            return f"{label} rose by {size} (none a year earlier)"
        if sign == 0:
            return f"{label} did not change"
        return f"{label} {_UP_DOWN[sign]} by {size} ({relative})"

    def rate_change(self, change: str | None) -> str:
        return "the completion rate " + (change or "did not change")

    def changes(self, last: ReportingPeriod, money: bool, clauses: Sequence[str]) -> str:
        head = "money" if money else "cases"
        text = "; ".join(clauses)
        return f"Against the same period a year earlier ({_period(last)}, {head}): {text}."

    def carried_forward(self, total: str | None, with_conditions: str | None) -> str:
        if total and with_conditions:
            return (
                f"Carried forward (chuyển kỳ sau): {total}; of which with conditions "
                f"{with_conditions}."
            )
        if total:
            return f"Carried forward (chuyển kỳ sau): {total}."
        if with_conditions:
            return f"Carried forward with conditions: {with_conditions}."
        return ""

    def both(self, count: str | None, money: str | None) -> str | None:
        parts = [part for part in (count, money) if part is not None]
        return ", worth ".join(parts) if parts else None

    def national_target(self, period: ReportingPeriod, target: Target) -> str:
        return (
            f"The targets applied are the national ones for enforcement year {period.year} "
            f"({self.percent(target.cases)} of cases, {self.percent(target.money)} of money): "
            "the unit has none of its own."
        )

    def no_target(self, period: ReportingPeriod) -> str:
        return f"No target is known for enforcement year {period.year}."
