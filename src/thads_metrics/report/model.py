"""The report of a unit and period as data (số liệu báo cáo của một đơn vị).

:func:`build_report` gathers every figure of one unit's report into a
:class:`UnitReport`: the two ledgers' :class:`~thads_metrics.figures.Figures`
(rates, gaps to the targets, pace, what is still needed, changes against the
same period last year), computed once by :func:`~thads_metrics.figures.figures`
with the rounding of printed reports, and the target with where it came from.
The writers (:mod:`~thads_metrics.report.vi`, :mod:`~thads_metrics.report.en`,
:mod:`~thads_metrics.report.data`) render it and compute nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal

import attrs

from thads_metrics._checks import require_instance
from thads_metrics.calendar import ReportingPeriod
from thads_metrics.cases import CATEGORIES, LedgerPair
from thads_metrics.errors import PeriodError, ReportError, UnknownTargetError
from thads_metrics.figures import RATE_PLACES, Figures, figures
from thads_metrics.ledger import AmountLedger, CaseLedger, ledger_pair
from thads_metrics.targets import Target, TargetBook

if TYPE_CHECKING:
    from thads_metrics.report.words import Language, PointsUnit

__all__ = [
    "RATE_PLACES",
    "CategoryFigures",
    "Measure",
    "ReportSet",
    "TargetSource",
    "UnitReport",
    "build_report",
    "printed_rates",
]

#: Where a report's target comes from: given by the caller, the unit's own
#: entry in the book, the national (or book-wide) fallback, or none known.
TargetSource = Literal["given", "unit", "national", "none"]

#: One ledger's figures in a report (về việc or về tiền): the figures model.
Measure = Figures


def printed_rates(ledger: CaseLedger | AmountLedger) -> tuple[Decimal | None, Decimal | None]:
    """The share with conditions and the completion rate as reports print them (tỷ lệ in).

    Rounded half up to :data:`RATE_PLACES` decimals; ``None`` where the base is 0
    or a ledger built from totals does not know the rows.

    >>> printed_rates(CaseLedger(newly_accepted=3, completed=2, in_progress=1))
    (Decimal('100.00'), Decimal('66.67'))
    >>> printed_rates(CaseLedger.from_totals(with_conditions=54_681, finished=26_515))
    (None, Decimal('48.49'))
    """
    require_instance("ledger", ledger, (CaseLedger, AmountLedger), ReportError)
    f = figures(ledger, ReportingPeriod(2000, 12))  # the period plays no part in the rates
    return f.share, f.rate


@attrs.frozen
class CategoryFigures:
    """The figures of one kind of case in a report's breakdown (kết quả theo nhóm việc).

    ``category`` is the record's category (a code of
    :data:`~thads_metrics.cases.CATEGORIES` or a free name) and ``label`` what
    a report calls it ("tín dụng, ngân hàng").
    """

    category: str
    label: str
    cases: Figures
    money: Figures


@attrs.frozen
class UnitReport:
    """Everything one unit's report for one period says (báo cáo của một đơn vị).

    Build it with :func:`build_report`; :meth:`text` is the paragraph, in
    Vietnamese or English, and :meth:`to_data` the JSON-ready data.
    ``target_source`` says where ``target`` came from (see :data:`TargetSource`).
    """

    unit: str
    period: ReportingPeriod
    target: Target | None
    target_source: TargetSource
    cases: Figures
    money: Figures
    has_previous: bool
    breakdown: tuple[CategoryFigures, ...] = ()

    def text(self, *, points_unit: PointsUnit | None = None, language: Language = "vi") -> str:
        """The report paragraph (đoạn báo cáo); see :func:`~thads_metrics.report.summarize`.

        ``language`` is ``"vi"`` (default) or ``"en"``; ``points_unit`` None
        (default) writes differences of rates in the language's own unit.
        """
        from thads_metrics.report.words import paragraph

        return paragraph(self, points_unit=points_unit, language=language)

    def to_data(self) -> dict[str, Any]:
        """JSON-ready dict of the report (ints stay ints, Decimals are strings)."""
        from thads_metrics.report.data import report_data

        return report_data(self)


def _reports(value: object) -> tuple[UnitReport, ...]:
    items = require_instance("units", value, (list, tuple), ReportError)
    for item in items:
        require_instance("units item", item, UnitReport, ReportError)
    return tuple(items)


def _same_period(instance: ReportSet, attribute: attrs.Attribute[Any], value: object) -> None:
    for report in (*instance.units, *(() if instance.total is None else (instance.total,))):
        if report.period != instance.period:
            raise ReportError(
                f"the report of {report.unit!r} is for {report.period.label}, "
                f"not {instance.period.label}",
                code="report.type",
                details={"argument": "units", "value": report.unit, "rule": "one period"},
            )


@attrs.frozen
class ReportSet:
    """The reports of several units for one period and their roll-up (bộ báo cáo).

    What ``thads-metrics report --format json`` writes: ``units`` in order,
    ``total`` the roll-up of all of them (tổng cộng; None for one unit) and
    ``source`` where the ledgers were read from. :meth:`to_data` is its JSON
    form, which :func:`thads_metrics.serialize.loads` reads back.
    """

    period: ReportingPeriod = attrs.field(
        validator=lambda _i, _a, v: require_instance(
            "period", v, ReportingPeriod, PeriodError, what="a ReportingPeriod"
        )
    )
    units: tuple[UnitReport, ...] = attrs.field(converter=_reports)
    total: UnitReport | None = attrs.field(
        default=None,
        validator=[
            lambda _i, _a, v: v is None or require_instance("total", v, UnitReport, ReportError),
            _same_period,
        ],
    )
    source: str = attrs.field(
        default="", validator=lambda _i, _a, v: require_instance("source", v, str, ReportError)
    )

    def to_data(self) -> dict[str, Any]:
        """JSON-ready dict of the reports (see :mod:`thads_metrics.serialize`)."""
        from thads_metrics.report.data import set_data

        return set_data(self)


def _pair(value: object, name: str) -> tuple[CaseLedger, AmountLedger]:
    return ledger_pair(name, value, ReportError)


def _category(
    name: object, pair: tuple[CaseLedger, AmountLedger], period: ReportingPeriod
) -> CategoryFigures:
    if not isinstance(name, str) or not name.strip():
        raise ReportError(
            f"breakdown keys must be category names, got {name!r}",
            code="report.type",
            details={"argument": "breakdown", "value": repr(name), "rule": "a non-empty str"},
        )
    cases, money = pair
    return CategoryFigures(
        category=name,
        label=CATEGORIES.get(name, name),
        cases=figures(cases, period),
        money=figures(money, period),
    )


def _target_for(
    unit: str, period: ReportingPeriod, book: TargetBook | None, require: bool
) -> tuple[Target | None, TargetSource]:
    book = TargetBook() if book is None else require_instance("book", book, TargetBook, ReportError)
    try:
        target = book.lookup(period.year, unit)
    except UnknownTargetError:
        if require:
            raise
        return None, "none"
    return target, "unit" if book.is_own(period.year, unit) else "national"


def build_report(
    unit: str,
    period: ReportingPeriod,
    cases: CaseLedger,
    money: AmountLedger,
    target: Target | None = None,
    *,
    previous: LedgerPair | tuple[CaseLedger, AmountLedger] | None = None,
    book: TargetBook | None = None,
    require_target: bool = True,
    breakdown: Mapping[str, LedgerPair] | None = None,
) -> UnitReport:
    """Gather the figures of one unit's report (số liệu báo cáo của đơn vị).

    ``target`` defaults to the one ``book`` (default: the national table)
    gives for (``period.year``, ``unit``); when no target is known for the
    year, :class:`~thads_metrics.errors.UnknownTargetError` is raised unless
    ``require_target=False``, which makes a report without the target clauses.
    ``previous`` are the ledgers of the same period last year (cùng kỳ).
    Ledgers built with ``from_totals`` from published totals are accepted: the
    report says what their known rows give and leaves the rest out.
    ``breakdown`` maps kinds of case (a record's ``category``, e.g. "credit")
    to their ledgers, as ``aggregate(records, by="category")`` gives them: the
    report then says what was finished in each (kết quả theo nhóm việc).

    >>> from thads_metrics.ledger import AmountLedger, CaseLedger, ledger_pair
    >>> r = build_report("A", ReportingPeriod(2025, 12),
    ...                  CaseLedger(newly_accepted=100, completed=84, in_progress=16),
    ...                  AmountLedger(newly_accepted=100, completed=52, in_progress=48))
    >>> r.cases.rate, r.cases.gap.points, r.money.gap.points, r.target_source
    (Decimal('84.00'), Decimal('0.1'), Decimal('0.1'), 'national')
    """
    if not isinstance(unit, str) or not unit.strip():
        raise ReportError(
            f"unit must be a non-empty name (đơn vị), got {unit!r}",
            code="report.type",
            details={"argument": "unit", "value": repr(unit)},
        )
    require_instance("period", period, ReportingPeriod, PeriodError, what="a ReportingPeriod")
    cases, money = _pair((cases, money), "cases, money")
    source: TargetSource = "given"
    if target is None:
        target, source = _target_for(unit, period, book, require_target)
    else:
        require_instance("target", target, Target, ReportError)
    before_cases: CaseLedger | None = None
    before_money: AmountLedger | None = None
    if previous is not None:
        before_cases, before_money = _pair(previous, "previous")
    parts: tuple[CategoryFigures, ...] = ()
    if breakdown is not None:
        groups = require_instance("breakdown", breakdown, Mapping, ReportError)
        parts = tuple(
            _category(name, _pair(pair, f"breakdown[{name!r}]"), period)
            for name, pair in groups.items()
        )
    return UnitReport(
        breakdown=parts,
        unit=unit,
        period=period,
        target=target,
        target_source=source,
        cases=figures(
            cases, period, target=None if target is None else target.cases, previous=before_cases
        ),
        money=figures(
            money, period, target=None if target is None else target.money, previous=before_money
        ),
        has_previous=previous is not None,
    )
