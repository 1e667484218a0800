"""The report as JSON-ready data (dữ liệu JSON của báo cáo): the figures model, rendered.

Ints stay ints; Decimals become strings rounded as printed (rates) or exact
(``rate_exact``, targets); nothing is computed here.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from thads_metrics._checks import require_instance
from thads_metrics.calendar import ReportingPeriod
from thads_metrics.errors import PeriodError, ReportError
from thads_metrics.figures import RATE_PLACES, Figures
from thads_metrics.rates import round_rate

if TYPE_CHECKING:
    from thads_metrics.report.model import UnitReport

__all__ = ["figures_data", "period_data", "report_data"]


def _dec(value: Decimal | None) -> str | None:
    return None if value is None else str(round_rate(value, RATE_PLACES))


def figures_data(f: Figures) -> dict[str, Any]:
    """One ledger's figures as a JSON-ready dict."""
    require_instance("figures", f, Figures, ReportError)
    ledger = f.ledger
    return {
        "rows": ledger.rows(),
        "unknown_rows": [name for name in ledger.ROWS if name in ledger.unknown],
        "layout": ledger.layout.code,
        "conditions_share": _dec(f.share),
        "shares": {name: _dec(value) for name, value in f.shares.items()},
        "rate": _dec(f.rate),
        "rate_exact": None if f.rate_exact is None else str(f.rate_exact),
        "target": None if f.target is None else str(f.target),
        "prorated_target": _dec(f.prorated),
        "gap_points": _dec(f.gap.points if f.gap else None),
        "met": None if f.gap is None else f.gap.met,
        "pace_points": _dec(f.pace.points if f.pace else None),
        "on_pace": None if f.pace is None else f.pace.met,
        "remaining_points": _dec(f.remaining),
        "required": f.required,
        "change": {
            name: {"absolute": c.absolute, "relative_percent": _dec(c.relative_percent)}
            for name, c in f.changes.items()
        }
        | {
            name: {"absolute": value, "relative_percent": None}
            for name, value in f.new_rows.items()
        },
        "rate_change_points": _dec(f.rate_change),
    }


def period_data(period: ReportingPeriod) -> dict[str, Any]:
    """A reporting period as JSON-ready data: year, months, label, first and last day."""
    require_instance("period", period, ReportingPeriod, PeriodError, what="a ReportingPeriod")
    return {
        "year": period.year,
        "months": period.months,
        "label": period.label,
        "start": period.start.isoformat(),
        "end": period.end.isoformat(),
    }


def report_data(report: UnitReport) -> dict[str, Any]:
    """A unit's report as a JSON-ready dict."""
    from thads_metrics.report.model import UnitReport

    require_instance("report", report, UnitReport, ReportError)
    target = report.target
    return {
        "unit": report.unit,
        "period": period_data(report.period),
        "target": None
        if target is None
        else {"cases": str(target.cases), "money": str(target.money), "basis": target.basis},
        "target_source": report.target_source,
        "cases": figures_data(report.cases),
        "money": figures_data(report.money),
        "breakdown": [
            {
                "category": part.category,
                "label": part.label,
                "cases": figures_data(part.cases),
                "money": figures_data(part.money),
            }
            for part in report.breakdown
        ],
    }
