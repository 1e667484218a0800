"""The report as JSON-ready data (dữ liệu JSON của báo cáo): the figures model, rendered.

Ints stay ints; Decimals become strings rounded as printed (rates) or exact
(``rate_exact``, targets); nothing is computed here. Periods, targets and
ledgers take their one JSON form (``thads_metrics._schema``); each
figures object carries its ``ledger`` and the ``previous`` one it was compared
with, so that :func:`thads_metrics.serialize.loads` can rebuild the report and
check every other figure against them.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from thads_metrics._checks import require_instance
from thads_metrics._schema import value_data
from thads_metrics.errors import ReportError
from thads_metrics.figures import RATE_PLACES, Figures
from thads_metrics.rates import round_rate

if TYPE_CHECKING:
    from thads_metrics.report.model import ReportSet, UnitReport

__all__ = ["figures_data", "report_data", "set_data"]


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
        "ledger": value_data(ledger),
        "previous": None if f.previous is None else value_data(f.previous),
    }


def report_data(report: UnitReport) -> dict[str, Any]:
    """A unit's report as a JSON-ready dict."""
    from thads_metrics.report.model import UnitReport

    require_instance("report", report, UnitReport, ReportError)
    return {
        "type": "UnitReport",
        "unit": report.unit,
        "period": value_data(report.period),
        "target": None if report.target is None else value_data(report.target),
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


def set_data(reports: ReportSet) -> dict[str, Any]:
    """Several units' reports and their roll-up as a JSON-ready dict."""
    from thads_metrics.report.model import ReportSet

    require_instance("reports", reports, ReportSet, ReportError)
    return {
        "type": "ReportSet",
        "source": reports.source,
        "period": value_data(reports.period),
        "units": [report_data(r) for r in reports.units],
        "total": None if reports.total is None else report_data(reports.total),
    }
