"""The JSON form of each value (dạng JSON của từng giá trị): written in one place.

:mod:`thads_metrics.serialize` (values, :func:`~thads_metrics.serialize.dumps`)
and :mod:`thads_metrics.report.data` (reports, the CLI's ``--format json``)
both write values through :func:`value_data`, so a ledger, a period or a
target has one JSON form wherever it appears. The schema, and its reader, are
described in :mod:`thads_metrics.serialize`.
"""

from __future__ import annotations

from typing import Any, Final

from thads_metrics._checks import shown
from thads_metrics.calendar import CalendarQuarter, EnforcementYear, Quarter, ReportingPeriod
from thads_metrics.errors import ParseError
from thads_metrics.ledger import AmountLedger, CaseLedger
from thads_metrics.targets import Target, TargetBook

__all__ = ["SCHEMA_VERSION", "WRITABLE", "value_data"]

#: Version of the JSON schema; written as ``"version"`` in the outermost
#: object of every document (:func:`~thads_metrics.serialize.dumps`, the CLI).
#: 1: values only; 2: reports (``UnitReport``, ``ReportSet``), the version key,
#: ``start`` and ``end`` of a ``ReportingPeriod``.
SCHEMA_VERSION: Final = 2

#: What :func:`value_data` writes, for error messages.
WRITABLE: Final = (
    "EnforcementYear, ReportingPeriod, Quarter, CalendarQuarter, CaseLedger, AmountLedger, "
    "Target, TargetBook, UnitReport, ReportSet or a list of them"
)


def _target(target: Target) -> dict[str, Any]:
    return {
        "type": "Target",
        "cases": f"{target.cases:f}",  # never an exponent: the reader refuses them
        "money": f"{target.money:f}",
        "basis": target.basis,
        "inferred": target.inferred,
    }


def value_data(value: object) -> dict[str, Any]:
    """The tagged JSON-ready object of one value (not a list, not a report).

    >>> value_data(ReportingPeriod(2021, 11))["end"]
    '2021-08-31'
    """
    if isinstance(value, EnforcementYear):
        return {"type": "EnforcementYear", "year": value.year}
    if isinstance(value, ReportingPeriod):
        return {
            "type": "ReportingPeriod",
            "year": value.year,
            "months": value.months,
            "label": value.label,
            "start": value.start.isoformat(),
            "end": value.end.isoformat(),
        }
    if isinstance(value, (Quarter, CalendarQuarter)):
        return {
            "type": type(value).__name__,
            "year": value.year,
            "number": value.number,
            "label": value.label,
        }
    if isinstance(value, (CaseLedger, AmountLedger)):
        data: dict[str, Any] = {
            "type": type(value).__name__,
            "layout": value.layout.code,
            # A row a ledger built from totals does not know is null, never its placeholder.
            "rows": {
                name: None if name in value.unknown else getattr(value, name)
                for name in value.STORED
                if value.layout.has(name)
            },
            "derived": {
                name: getattr(value, name) for name in value.DERIVED if value.is_known(name)
            },
        }
        if value.unknown:
            data["unknown"] = [name for name in value.ROWS if name in value.unknown]
        return data
    if isinstance(value, Target):
        return _target(value)
    if isinstance(value, TargetBook):
        return {
            "type": "TargetBook",
            "national": value.national,
            "entries": [
                {"year": year, "unit": unit, "target": _target(target)}
                for (year, unit), target in value.entries
            ],
        }
    raise ParseError(
        f"cannot write {type(value).__name__} {shown(value)} as thads-metrics JSON",
        code="parse.type",
        details={"argument": "value", "value": shown(value), "rule": WRITABLE},
    )
