"""Charts of a year and of units against their targets (biểu đồ), with matplotlib.

Install the extra ``thads-metrics[plot]``. Each function returns a
:class:`matplotlib.figure.Figure` built without pyplot (no global state): show
it in a notebook, save it with ``fig.savefig(...)``, or get inline SVG text
with :func:`figure_svg` (what ``thads-metrics report --format html`` embeds).
Labels are Vietnamese and numbers are written as Vietnamese reports write them
("82,5%", months "10/2020"). The figures draw the rates as printed (two
decimals, half up); the drawing itself is in binary floating point, which only
places marks on the page: every number written on a chart comes from the
exact value.

- :func:`rate_through_year`: a unit's completion rates month by month against
  the pro-rated targets (chỉ tiêu theo tiến độ);
- :func:`units_against_targets`: the units of a period, sorted by rate, each
  against its target;
- :func:`projection_chart`: the months so far and the year-end projection,
  with the range the assumptions give.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

try:
    from matplotlib import rc_context
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter
except ImportError as exc:  # pragma: no cover - exercised only without the extra
    raise ImportError(
        "thads_metrics.charts needs matplotlib: pip install 'thads-metrics[plot]'"
    ) from exc

from thads_metrics._checks import require_instance, require_iterable
from thads_metrics.calendar import ReportingPeriod, month_label
from thads_metrics.cases import LedgerPair
from thads_metrics.errors import ReportError
from thads_metrics.figures import Figures, figures
from thads_metrics.ledger import AmountLedger, CaseLedger
from thads_metrics.projection import ProjectedRate, Projection
from thads_metrics.rates import prorated_target, round_rate
from thads_metrics.report import UnitReport
from thads_metrics.series import Series
from thads_metrics.targets import Target
from thads_metrics.vi import format_percent

__all__ = [
    "figure_svg",
    "month_of",
    "projection_chart",
    "rate_through_year",
    "units_against_targets",
]

_CASES = "#1f5fa8"  # về việc
_MONEY = "#c0392b"  # về tiền
_TARGET = "#555555"
#: The two ledgers of a chart: label, colour, which.
_KINDS = (("Về việc", _CASES, "cases"), ("Về tiền", _MONEY, "money"))


def _ledger(pair: LedgerPair, kind: str) -> CaseLedger | AmountLedger:
    return pair.cases if kind == "cases" else pair.amounts


def _report_figures(report: UnitReport, kind: str) -> Figures:
    return report.cases if kind == "cases" else report.money


def _projected(projection: Projection, kind: str) -> ProjectedRate:
    return projection.cases if kind == "cases" else projection.money


def month_of(year: int, months: int) -> str:
    """The calendar month that ends ``months`` months of enforcement year ``year``.

    >>> month_of(2021, 1), month_of(2021, 3), month_of(2021, 4), month_of(2021, 12)
    ('10/2020', '12/2020', '1/2021', '9/2021')
    """
    return month_label(ReportingPeriod(year, months).end)


def _month_axis(ax: Any, year: int) -> None:
    ax.set_xticks(
        range(1, 13),
        [month_of(year, m) for m in range(1, 13)],
        fontsize=8,
        rotation=45,
        ha="right",
    )


def _percent_axis(axis: Any) -> None:
    axis.set_major_formatter(FuncFormatter(lambda value, _: _percent(value)))


def _percent(value: float | Decimal) -> str:
    """A tick: a percentage without trailing zeros ("20%", "82,5%"); positions are floats."""
    exact = value if isinstance(value, Decimal) else Decimal(repr(float(value)))
    return format_percent(round_rate(exact, 2))


def _rate(value: Decimal) -> str:
    """A rate as reports print it: two decimals, half up ("66,30%")."""
    return format_percent(value, 2, fixed=True)


def _float(value: Decimal) -> float:
    return float(value)  # a mark's position on the page, never a figure that is written


def _figure(width: float, height: float) -> Figure:
    fig = Figure(figsize=(width, height), layout="constrained")
    FigureCanvasSVG(fig)
    return fig


def _printed(value: Decimal | None) -> Decimal | None:
    return None if value is None else round_rate(value, 2)


def rate_through_year(series: Series, target: Target | None = None) -> Figure:
    """A unit's completion rates month by month, against the pro-rated targets.

    The rates are those each cumulative report prints (tỷ lệ lũy kế); the
    targets are the annual ones pro-rated to each month (chỉ tiêu theo tiến
    độ, DOMAIN §4), drawn as dashed lines up to the annual target at month 12.
    """
    require_instance("series", series, Series, ReportError, what="a Series")
    if target is not None:
        require_instance("target", target, Target, ReportError, what="a Target")
    fig = _figure(7.5, 4)
    ax = fig.add_subplot()
    months = list(series.months)
    for label, color, kind in _KINDS:
        rates = [
            _printed(figures(_ledger(pair, kind), period).rate) for period, pair in series.points
        ]
        shown = [(m, r) for m, r in zip(months, rates, strict=True) if r is not None]
        if shown:
            ax.plot(
                [m for m, _ in shown],
                [_float(r) for _, r in shown],
                marker="o",
                color=color,
                label=label,
            )
            last_month, last_rate = shown[-1]
            ax.annotate(
                _rate(last_rate),
                (last_month, _float(last_rate)),
                textcoords="offset points",
                xytext=(6, 0),
                va="center",
                color=color,
            )
    if target is not None:
        every = range(1, 13)
        for label, color, goal in (
            ("Chỉ tiêu về việc (theo tiến độ)", _CASES, target.cases),
            ("Chỉ tiêu về tiền (theo tiến độ)", _MONEY, target.money),
        ):
            line = [_float(prorated_target(goal, ReportingPeriod(series.year, m))) for m in every]
            ax.plot(list(every), line, linestyle="--", color=color, alpha=0.6, label=label)
    _month_axis(ax, series.year)
    ax.set_xlim(0.5, 12.8)
    ax.set_ylim(bottom=0)
    _percent_axis(ax.yaxis)
    ax.set_title(f"{series.unit}: tỷ lệ thi hành xong năm {series.year}")
    ax.set_ylabel("Tỷ lệ thi hành xong (lũy kế)")
    ax.grid(axis="y", alpha=0.3)
    ax.legend(fontsize=8, loc="upper left")
    return fig


def units_against_targets(reports: Sequence[UnitReport]) -> Figure:
    """The units of one period sorted by completion rate, each against its target.

    Two panels, về việc and về tiền; a bar per unit with its rate written at
    its end, a black mark at its target (its own or the national one, as the
    report says) and, when every unit has the same target, a line across.
    """
    items = list(require_iterable("reports", reports, ReportError, what="UnitReports"))
    for item in items:
        require_instance("reports item", item, UnitReport, ReportError)
    fig = _figure(9, max(2.5, 0.45 * len(items) + 1.5))
    for index, (title, color, kind) in enumerate(_KINDS, start=1):
        ax = fig.add_subplot(1, 2, index)
        rows = [
            (r.unit, rate, _report_figures(r, kind).target)
            for r in items
            if (rate := _report_figures(r, kind).rate) is not None
        ]
        rows.sort(key=lambda row: row[1])
        positions = list(range(len(rows)))
        ax.barh(positions, [_float(rate) for _, rate, _ in rows], color=color, alpha=0.85)
        for y, (_, rate, goal) in zip(positions, rows, strict=True):
            ax.annotate(
                _rate(rate),
                (_float(rate), y),
                textcoords="offset points",
                xytext=(3, 0),
                va="center",
                fontsize=8,
            )
            if goal is not None:
                ax.plot([_float(goal)], [y], marker="|", markersize=14, color="black")
        goals = {goal for _, _, goal in rows if goal is not None}
        if len(goals) == 1 and all(goal is not None for _, _, goal in rows):
            (goal,) = goals
            ax.axvline(_float(goal), color=_TARGET, linestyle="--", linewidth=1)
            ax.annotate(
                f"chỉ tiêu {_percent(goal)}",
                (_float(goal), len(rows) - 0.5),
                xytext=(3, 0),
                textcoords="offset points",
                fontsize=8,
                color=_TARGET,
            )
        ax.set_yticks(positions, [unit for unit, _, _ in rows], fontsize=8)
        ax.set_xlim(0, 110)
        _percent_axis(ax.xaxis)
        ax.set_title(title)
        ax.grid(axis="x", alpha=0.3)
    period = items[0].period.label if items else ""
    fig.suptitle(f"Tỷ lệ thi hành xong {period} so với chỉ tiêu")
    return fig


def projection_chart(series: Series, projections: Sequence[Projection]) -> Figure:
    """The months so far and the year-end projection (dự báo cuối năm), with its range.

    The first projection is drawn as the point; the others (other methods or
    assumptions on the base) span the range drawn at month 12, labelled with
    its ends, so the chart shows how much the projection rests on them.
    """
    require_instance("series", series, Series, ReportError, what="a Series")
    chosen = list(require_iterable("projections", projections, ReportError, what="Projections"))
    if not chosen:
        raise ReportError(
            "projection_chart needs at least one projection",
            code="report.type",
            details={"argument": "projections", "value": "[]"},
        )
    for item in chosen:
        require_instance("projections item", item, Projection, ReportError)
    fig = _figure(7.5, 4)
    ax = fig.add_subplot()
    last = series.latest[0].months
    for label, color, kind in _KINDS:
        rates = [
            (period.months, _printed(figures(_ledger(pair, kind), period).rate))
            for period, pair in series.points
        ]
        shown = [(m, r) for m, r in rates if r is not None]
        ax.plot([m for m, _ in shown], [_float(r) for _, r in shown], marker="o", color=color,
                label=label)  # fmt: skip
        ends = [_printed(_projected(p, kind).rate) for p in chosen]
        main = ends[0]
        if main is None or not shown:
            continue
        ax.plot([shown[-1][0], 12], [_float(shown[-1][1]), _float(main)], linestyle=":",
                color=color)  # fmt: skip
        known = [e for e in ends if e is not None]
        low, high = min(known), max(known)
        ax.errorbar(
            [12],
            [_float(main)],
            yerr=[[_float(main - low)], [_float(high - main)]],
            fmt="D",
            color=color,
            capsize=5,
        )
        text = _rate(main) if low == high else f"{_rate(main)} ({_rate(low)}–{_rate(high)})"
        ax.annotate(text, (12, _float(main)), textcoords="offset points", xytext=(8, 0),
                    va="center", color=color, fontsize=8)  # fmt: skip
        goal = _projected(chosen[0], kind).target
        if goal is not None:
            ax.axhline(_float(goal), color=color, linestyle="--", alpha=0.5, linewidth=1)
    _month_axis(ax, series.year)
    ax.set_xlim(0.5, 13.5)
    ax.set_ylim(bottom=0)
    ax.axvspan(last + 0.5, 12.5, color="#eeeeee", zorder=0)
    _percent_axis(ax.yaxis)
    first = chosen[0]
    ax.set_title(f"{series.unit}: dự báo tỷ lệ thi hành xong đến 30/9/{series.year}")
    ax.set_xlabel(f"Dự báo {first.describe()}", fontsize=8)
    ax.grid(axis="y", alpha=0.3)
    ax.legend(fontsize=8, loc="upper left")
    return fig


def figure_svg(fig: Figure) -> str:
    """The figure as inline SVG text (the ``<svg>`` element, no XML prologue), text kept as text."""
    require_instance("fig", fig, Figure, ReportError, what="a matplotlib Figure")
    out = io.StringIO()
    # Text stays text (selectable, searchable, small); matplotlib reads this option only
    # from its rc settings, so it is set for the duration of this one call.
    with rc_context({"svg.fonttype": "none"}):
        fig.savefig(out, format="svg", metadata={"Date": None})
    text = out.getvalue()
    return text[text.index("<svg") :]
