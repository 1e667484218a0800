"""The shape of a report paragraph, the same in every language (cấu trúc đoạn báo cáo).

:func:`paragraph` decides which sentences and clauses a
:class:`~thads_metrics.report.model.UnitReport` gets (a ledger built from
totals leaves out the rows it does not know; a year report says vượt / chưa
đạt, a shorter period the pace and what is still needed; the change against
the same period when it is known). The words come from a :class:`Phrases` of
one language: :mod:`~thads_metrics.report.vi` (Vietnamese, the default) and
:mod:`~thads_metrics.report.en` (English). Nothing here computes a figure:
every number is read from the report's :class:`~thads_metrics.figures.Figures`.

A difference of rates (a gap to the target, the pace, the points still to
gain) is written in the language's own unit unless the caller chooses one
(:data:`PointsUnit`): Vietnamese with the reports' bare "%" ("vượt 0,35%"),
English in "percentage points" (a reader of English takes "0.35% above" as
relative). A change of a rate against the same period is always in points.

A new language is one module with a :class:`Phrases` subclass, imported in
:func:`languages`.
"""

from __future__ import annotations

import abc
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Literal

from thads_metrics._checks import require_choice, require_instance, require_iterable
from thads_metrics.cases import CATEGORIES
from thads_metrics.errors import ReportError
from thads_metrics.figures import CHANGED_ROWS, RATE_PLACES, Figures
from thads_metrics.rates import round_rate

if TYPE_CHECKING:
    from thads_metrics.calendar import ReportingPeriod
    from thads_metrics.report.model import UnitReport
    from thads_metrics.targets import Target

__all__ = [
    "Language",
    "Phrases",
    "PointsUnit",
    "languages",
    "listed",
    "paragraph",
    "phrases",
    "table",
    "table_cells",
    "text_columns",
]

#: The languages a report can be written in.
Language = Literal["vi", "en"]
#: How a difference of rates is written: the reports' bare "%", or in points.
PointsUnit = Literal["percent", "points"]
#: What sets a name apart from the list it is written in.
_SEPARATORS = frozenset(",;:")


def at_least(amount: int) -> int:
    """An amount rounded *up* to the step a paragraph prints it with (one decimal of its scale).

    So "at least X" (ít nhất) is never understated.

    >>> at_least(1_234_567_890)
    1300000000
    """
    step = next((10 ** (p - 1) for p in (9, 6, 3) if amount >= 10**p), 1)
    return -(-amount // step) * step


def listed(name: str) -> str:
    """A free name as a list item: in quotation marks if it holds a list separator.

    So "nhà, đất" in a list of kinds of case reads as one name, not two.

    >>> listed("nhà, đất"), listed("án kinh doanh thương mại")
    ('“nhà, đất”', 'án kinh doanh thương mại')
    """
    return f"“{name}”" if _SEPARATORS & set(name) else name


class Phrases(abc.ABC):
    """The words of a report paragraph in one language (từ ngữ của đoạn báo cáo).

    Each method returns a piece of text for values already computed and,
    where they are numbers, already rounded as printed.
    """

    language: Language
    #: How this language writes a difference of rates when the caller does not say.
    points_unit: PointsUnit
    #: Headings of :func:`table` (unit, then for cases and money: base, finished, rate,
    #: target, gap) and the label of the totals row.
    table_header: Sequence[str]
    total_label: str

    @abc.abstractmethod
    def roll_up(self, units: int) -> str:
        """The name of the roll-up of several units: "6 đơn vị (tổng cộng)"."""

    @abc.abstractmethod
    def table_title(self, period: ReportingPeriod) -> str:
        """The title above :func:`table`."""

    @abc.abstractmethod
    def period_name(self, period: ReportingPeriod) -> str:
        """A period in words: "6 tháng năm 2025", "the first 6 months of enforcement year
        2025"."""

    # numbers
    @abc.abstractmethod
    def count(self, n: int) -> str:
        """A number of cases: "1.000 việc" / "1,000 cases"."""

    @abc.abstractmethod
    def money(self, amount: int) -> str:
        """An amount in a paragraph: billions with one decimal from 1 billion up."""

    @abc.abstractmethod
    def percent(self, value: Decimal) -> str:
        """A rate with :data:`RATE_PLACES` decimals: "83,90%" / "83.90%"."""

    @abc.abstractmethod
    def points(self, points: Decimal, unit: PointsUnit) -> str:
        """The size of a difference of rates, without sign."""

    @abc.abstractmethod
    def signed_points(self, points: Decimal) -> str:
        """A change of a rate with its direction, in points."""

    @abc.abstractmethod
    def table_count(self, n: int) -> str:
        """A count in the summary table, without unit."""

    @abc.abstractmethod
    def table_money(self, amount: int) -> str:
        """An amount in the summary table, in billions, without unit."""

    @abc.abstractmethod
    def table_gap(self, points: Decimal) -> str:
        """A signed gap to the target in the summary table."""

    # sentences
    @abc.abstractmethod
    def heading(self, unit: str, period: ReportingPeriod) -> str:
        """The first line: what, which period, which unit."""

    @abc.abstractmethod
    def ledger_name(self, money: bool) -> str:
        """ "Về việc" / "Về tiền"."""

    @abc.abstractmethod
    def no_data(self) -> str:
        """A ledger that has nothing to say."""

    @abc.abstractmethod
    def to_enforce(
        self, total: str, intake: tuple[str, str] | None, left: Sequence[tuple[str, str]]
    ) -> str:
        """Total to enforce, with carried over and newly accepted, less what left.

        ``left`` holds the rows that did leave (``"entrusted"``, ``"withdrawn"``)
        with their values: none that is 0.
        """

    @abc.abstractmethod
    def with_conditions(self, value: str, share: str | None) -> str:
        """With conditions, and its share."""

    @abc.abstractmethod
    def stayed(self, value: str, share: str | None) -> str:
        """Postponed or suspended, counted apart from with conditions, and its share."""

    @abc.abstractmethod
    def without_conditions(self, value: str) -> str:
        """Without conditions."""

    @abc.abstractmethod
    def finished(self, value: str, detail: Sequence[str], rate: str | None, first: bool) -> str:
        """What was finished (and how), with the rate; ``first`` if it opens the sentence."""

    @abc.abstractmethod
    def finished_part(self, row: str, value: str) -> str:
        """One part of finished: completed, terminated, reduced."""

    @abc.abstractmethod
    def no_base(self) -> str:
        """Nothing with conditions, so no rate."""

    @abc.abstractmethod
    def year_gap(self, points: Decimal, target: str, unit: PointsUnit) -> str:
        """Against the annual target at the year's end."""

    @abc.abstractmethod
    def pace(self, points: Decimal, prorated: str, months: int, unit: PointsUnit) -> str:
        """Against the pro-rated target, before the year's end."""

    @abc.abstractmethod
    def period_gap(
        self, points: Decimal, target: str, unit: PointsUnit, remaining: str, needed: str
    ) -> str:
        """Against the annual target before the year's end, with what is still needed."""

    @abc.abstractmethod
    def category_name(self, category: str | None, label: str) -> str:
        """The name of a kind of case in a list: ``category`` is the code of a built-in one
        (:data:`~thads_metrics.cases.CATEGORIES`), None for a free name (``label``)."""

    @abc.abstractmethod
    def category(self, label: str, cases: str | None, money: str | None, rate: str | None) -> str:
        """What was finished in one kind of case (nhóm việc), named by :meth:`category_name`,
        with the rate about cases."""

    @abc.abstractmethod
    def breakdown(self, parts: Sequence[str]) -> str:
        """The sentence of the breakdown by kind of case."""

    @abc.abstractmethod
    def change(self, row: str, sign: int, size: str, relative: str | None, money: bool) -> str:
        """The change of a row against the same period (``relative`` None: was 0 then)."""

    @abc.abstractmethod
    def rate_change(self, change: str | None) -> str:
        """The change of the rate in points (None: unchanged)."""

    @abc.abstractmethod
    def changes(self, last: ReportingPeriod, money: bool, clauses: Sequence[str]) -> str:
        """The sentence of the changes against the same period last year."""

    @abc.abstractmethod
    def carried_forward(self, total: str | None, with_conditions: str | None) -> str:
        """What is carried forward, and of it with conditions."""

    @abc.abstractmethod
    def both(self, count: str | None, money: str | None) -> str | None:
        """A count and an amount of the same row together."""

    @abc.abstractmethod
    def national_target(self, period: ReportingPeriod, target: Target) -> str:
        """The national target was used: the unit has none of its own."""

    @abc.abstractmethod
    def no_target(self, period: ReportingPeriod) -> str:
        """No target known for the year."""


def phrases(language: object) -> Phrases:
    """The :class:`Phrases` of a language, refusing one the library does not write."""
    writers = languages()
    code = require_choice("language", language, tuple(writers), ReportError)
    return writers[code]()


def _points_unit(points_unit: object, w: Phrases) -> PointsUnit:
    """The unit chosen, or the language's own (None)."""
    if points_unit is None:
        return w.points_unit
    chosen = require_choice("points_unit", points_unit, ("percent", "points"), ReportError)
    return "points" if chosen == "points" else "percent"


def _target_clause(f: Figures, period: ReportingPeriod, unit: PointsUnit, w: Phrases) -> str:
    if f.target is None:
        return ""
    if f.gap is None or f.pace is None or f.prorated is None or f.remaining is None:
        return w.no_base() if f.known("with_conditions") == 0 else ""
    target = w.percent(f.target)
    if period.is_full_year:
        return w.year_gap(f.gap.points, target, unit)
    pace = w.pace(f.pace.points, w.percent(f.prorated), period.months, unit)
    required = f.required or 0
    needed = w.money(at_least(required)) if f.is_money else w.count(required)
    remaining = w.points(f.remaining, unit)
    return pace + w.period_gap(f.gap.points, target, unit, remaining, needed)


def _ledger_sentence(f: Figures, period: ReportingPeriod, unit: PointsUnit, w: Phrases) -> str:
    """The sentences về việc or về tiền; rows a ledger built from totals lacks are left out."""
    fmt = w.money if f.is_money else w.count
    row = {name: f.known(name) for name in f.ledger.row_names}
    clauses = []
    if row["to_enforce"] is not None:
        intake = None
        left: list[tuple[str, str]] = []
        if row["carried_over"] is not None and row["newly_accepted"] is not None:
            intake = (fmt(row["carried_over"]), fmt(row["newly_accepted"]))
            left = [(name, fmt(n)) for name in ("entrusted", "withdrawn") if (n := row[name])]
        clauses.append(w.to_enforce(fmt(row["to_enforce"]), intake, left))
    split = []
    if row["with_conditions"] is not None:
        share = None if f.share is None else w.percent(f.share)
        split.append(w.with_conditions(fmt(row["with_conditions"]), share))
    if row.get("stayed"):  # the layouts that count hoãn, tạm đình chỉ apart, when any
        stayed_share = f.shares.get("stayed")
        shown = None if stayed_share is None else w.percent(stayed_share)
        split.append(w.stayed(fmt(row["stayed"] or 0), shown))
    if row["without_conditions"] is not None:
        split.append(w.without_conditions(fmt(row["without_conditions"])))
    if split:
        clauses.append(("; " if len(split) > 2 else ", ").join(split))
    head = w.ledger_name(f.is_money) + ": "
    text = head + "; ".join(clauses) + ". " if clauses else ""
    if row["finished"] is None:
        return text.rstrip() if text else head + w.no_data()
    names = ["completed", "terminated"] + (["reduced"] if f.is_money else [])
    parts = []
    if all(row[name] is not None for name in names):
        parts.append(w.finished_part("completed", fmt(row["completed"] or 0)))
        for name in names[1:]:
            if row[name]:
                parts.append(w.finished_part(name, fmt(row[name] or 0)))
    detail = parts if len(parts) > 1 else []
    rate = None if f.rate is None else w.percent(f.rate)
    sentence = w.finished(fmt(row["finished"]), detail, rate, first=bool(text))
    return (text or head) + sentence + _target_clause(f, period, unit, w) + "."


def _changes(f: Figures, w: Phrases) -> list[str]:
    fmt = w.money if f.is_money else w.count
    out = []
    for name in CHANGED_ROWS:
        if name in f.new_rows:
            out.append(w.change(name, 1, fmt(f.new_rows[name]), None, f.is_money))
        elif name in f.changes:
            c = f.changes[name]
            relative = w.percent(c.relative_percent.copy_abs())
            out.append(w.change(name, c.sign, fmt(int(c.magnitude)), relative, f.is_money))
    if f.rate_change is not None:
        unchanged = round_rate(f.rate_change, RATE_PLACES) == 0  # as printed
        out.append(w.rate_change(None if unchanged else w.signed_points(f.rate_change)))
    return out


def _both(report: UnitReport, name: str, w: Phrases) -> str | None:
    count, amount = report.cases.known(name), report.money.known(name)
    return w.both(
        None if count is None else w.count(count), None if amount is None else w.money(amount)
    )


def paragraph(
    report: UnitReport, *, points_unit: PointsUnit | None = None, language: Language = "vi"
) -> str:
    """The report paragraph of a :class:`UnitReport` in ``language`` (đoạn báo cáo).

    ``points_unit`` None writes differences of rates in the language's own unit
    (:attr:`Phrases.points_unit`: "percent" in Vietnamese, "points" in English).
    """
    from thads_metrics.report.model import UnitReport

    require_instance("report", report, UnitReport, ReportError)
    w = phrases(language)
    unit = _points_unit(points_unit, w)
    period = report.period
    lines = [
        w.heading(report.unit, period),
        _ledger_sentence(report.cases, period, unit, w),
        _ledger_sentence(report.money, period, unit, w),
    ]
    if report.breakdown:
        parts = []
        for part in report.breakdown:
            done, amount = part.cases.known("finished"), part.money.known("finished")
            built_in = part.category if part.category in CATEGORIES else None
            parts.append(
                w.category(
                    w.category_name(built_in, part.label),
                    None if done is None else w.count(done),
                    None if amount is None else w.money(amount),
                    None if part.cases.rate is None else w.percent(part.cases.rate),
                )
            )
        lines.append(w.breakdown(parts))
    if report.has_previous:
        last = period.same_period_last_year()
        for f in (report.cases, report.money):
            clauses = _changes(f, w)
            if clauses:
                lines.append(w.changes(last, f.is_money, clauses))
    forward = w.carried_forward(
        _both(report, "carried_forward", w), _both(report, "carried_forward_with_conditions", w)
    )
    if forward:
        lines.append(forward)
    if report.target_source == "national" and report.target is not None:
        lines.append(w.national_target(period, report.target))
    elif report.target_source == "none":
        lines.append(w.no_target(period))
    return "\n".join(lines)


def _table_row(report: UnitReport, label: str | None, w: Phrases) -> list[str]:
    row = [label or report.unit]
    fmts: Mapping[bool, Callable[[int], str]] = {False: w.table_count, True: w.table_money}
    for f in (report.cases, report.money):
        fmt = fmts[f.is_money]
        base, finished = f.known("with_conditions"), f.known("finished")
        row += [
            "" if base is None else fmt(base),
            "" if finished is None else fmt(finished),
            "" if f.rate is None else w.percent(f.rate),
            "" if f.target is None else w.percent(f.target),
            "" if f.gap is None else w.table_gap(f.gap.points),
        ]
    return row


def table_cells(
    reports: Iterable[UnitReport], total: UnitReport | None = None, *, language: Language = "vi"
) -> tuple[list[str], list[Sequence[str]]]:
    """The header and the rows of the summary table, as the cells' text (ô của bảng tổng hợp).

    One row per report, then ``total`` labelled "Tổng cộng" ("Total") if
    given. :func:`table` lays them out as text; the HTML page as a table.
    """
    from thads_metrics.report.model import UnitReport

    reports = tuple(require_iterable("reports", reports, ReportError, what="UnitReports"))
    for item in (*reports, *(() if total is None else (total,))):
        require_instance("reports", item, UnitReport, ReportError)
    w = phrases(language)
    rows: list[Sequence[str]] = [_table_row(r, None, w) for r in reports]
    if total is not None:
        rows.append(_table_row(total, w.total_label, w))
    return list(w.table_header), rows


def table(
    reports: Iterable[UnitReport], total: UnitReport | None = None, *, language: Language = "vi"
) -> str:
    """A plain-text table of several units' results in ``language`` (bảng tổng hợp)."""
    header, body = table_cells(reports, total, language=language)
    rows: list[Sequence[str]] = [header, *body]
    rules = (0, len(rows) - 2) if total is not None else (0,)
    return "\n".join(text_columns(rows, rules_after=rules))


def text_columns(rows: Sequence[Sequence[str]], *, rules_after: Iterable[int] = ()) -> list[str]:
    """Rows of cells laid out in columns (cột chữ): the first to the left, the others to
    the right, two spaces apart, a rule of dashes after each row index in ``rules_after``.

    >>> text_columns([["Tháng", "Tỷ lệ"], ["10/2024", "4,93%"]], rules_after=[0])
    ['Tháng    Tỷ lệ', '-------  -----', '10/2024  4,93%']
    """
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    after = set(rules_after)
    lines = []
    for index, row in enumerate(rows):
        cells = [
            cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i]) for i, cell in enumerate(row)
        ]
        lines.append("  ".join(cells).rstrip())
        if index in after:
            lines.append("  ".join("-" * w for w in widths))
    return lines


def languages() -> Mapping[str, type[Phrases]]:
    """The :class:`Phrases` of each language, by code: every subclass defined (ngôn ngữ)."""
    from thads_metrics.report import en, vi  # noqa: F401  (a writer registers by subclassing)

    return {writer.language: writer for writer in Phrases.__subclasses__()}
