"""thads-metrics: exact metrics of Vietnamese civil judgment enforcement (thi hành án dân sự).

The public API is re-exported here.

>>> from thads_metrics import ReportingPeriod
>>> ReportingPeriod(2021, 11).label
'11 tháng năm 2021'
"""

import importlib
import importlib.util
from typing import TYPE_CHECKING, Any

#: Where each name of the public API lives: the package imports a module the first
#: time one of its names is asked for, so ``import thads_metrics`` loads nothing else
#: (tests/test_api_contract.py checks this table against the imports below).
_EXPORTS: dict[str, tuple[str, ...]] = {
    "thads_metrics.calendar": (
        "CalendarQuarter",
        "CutOffPeriod",
        "EnforcementYear",
        "Quarter",
        "ReportingPeriod",
        "parse_date",
        "parse_period",
    ),
    "thads_metrics.cases": (
        "Aggregation",
        "Aggregator",
        "CaseRecord",
        "LedgerPair",
        "Origin",
        "aggregate",
    ),
    "thads_metrics.classification": (
        "CaseFacts",
        "Classification",
        "Condition",
        "Reason",
        "Status",
        "Stay",
        "classify",
    ),
    "thads_metrics.csvio": ("load_sample",),
    "thads_metrics.errors": (
        "ClassificationError",
        "FormatError",
        "LedgerError",
        "ParseError",
        "PeriodError",
        "RateError",
        "ThadsError",
    ),
    "thads_metrics.ledger": (
        "ROW_TERMS",
        "AmountLedger",
        "CaseLedger",
    ),
    "thads_metrics.rates": (
        "Change",
        "TargetGap",
        "change",
        "compare_to_target",
        "completion_rate",
        "conditions_share",
        "pace",
        "prorated_target",
        "rate_change",
        "remaining_to_target",
        "required_to_reach",
        "round_rate",
    ),
    "thads_metrics.reading": (
        "Claim",
        "Figure",
        "Finding",
        "audit",
        "find_figures",
        "parse_figure",
        "parse_ratio",
        "read_report",
    ),
    "thads_metrics.targets": (
        "NATIONAL_TARGETS",
        "Assessment",
        "Progress",
        "Target",
        "TargetBook",
        "UnknownTargetError",
        "assess",
        "measure_progress",
        "national_target",
    ),
    "thads_metrics.vi": (
        "amount_in_words",
        "approximate",
        "format_count",
        "format_dong",
        "format_number",
        "format_percent",
        "format_points",
        "number_in_words",
        "parse_amount_in_words",
        "parse_count",
        "parse_dong",
        "parse_number",
        "parse_percent",
    ),
}
_MODULE_OF = {name: module for module, names in _EXPORTS.items() for name in names}

if TYPE_CHECKING:  # the same names, for type checkers and editors
    from thads_metrics.calendar import (
        CalendarQuarter,
        CutOffPeriod,
        EnforcementYear,
        Quarter,
        ReportingPeriod,
        parse_date,
        parse_period,
    )
    from thads_metrics.cases import (
        Aggregation,
        Aggregator,
        CaseRecord,
        LedgerPair,
        Origin,
        aggregate,
    )
    from thads_metrics.classification import (
        CaseFacts,
        Classification,
        Condition,
        Reason,
        Status,
        Stay,
        classify,
    )
    from thads_metrics.csvio import load_sample
    from thads_metrics.errors import (
        ClassificationError,
        FormatError,
        LedgerError,
        ParseError,
        PeriodError,
        RateError,
        ThadsError,
    )
    from thads_metrics.ledger import ROW_TERMS, AmountLedger, CaseLedger
    from thads_metrics.rates import (
        Change,
        TargetGap,
        change,
        compare_to_target,
        completion_rate,
        conditions_share,
        pace,
        prorated_target,
        rate_change,
        remaining_to_target,
        required_to_reach,
        round_rate,
    )
    from thads_metrics.reading import (
        Claim,
        Figure,
        Finding,
        audit,
        find_figures,
        parse_figure,
        parse_ratio,
        read_report,
    )
    from thads_metrics.targets import (
        NATIONAL_TARGETS,
        Assessment,
        Progress,
        Target,
        TargetBook,
        UnknownTargetError,
        assess,
        measure_progress,
        national_target,
    )
    from thads_metrics.vi import (
        amount_in_words,
        approximate,
        format_count,
        format_dong,
        format_number,
        format_percent,
        format_points,
        number_in_words,
        parse_amount_in_words,
        parse_count,
        parse_dong,
        parse_number,
        parse_percent,
    )

__version__ = "0.1.0"

__all__ = [
    "NATIONAL_TARGETS",
    "ROW_TERMS",
    "Aggregation",
    "Aggregator",
    "AmountLedger",
    "Assessment",
    "CalendarQuarter",
    "CaseFacts",
    "CaseLedger",
    "CaseRecord",
    "Change",
    "Claim",
    "Classification",
    "ClassificationError",
    "Condition",
    "CutOffPeriod",
    "EnforcementYear",
    "Figure",
    "Finding",
    "FormatError",
    "LedgerError",
    "LedgerPair",
    "Origin",
    "ParseError",
    "PeriodError",
    "Progress",
    "Quarter",
    "RateError",
    "Reason",
    "ReportingPeriod",
    "Status",
    "Stay",
    "Target",
    "TargetBook",
    "TargetGap",
    "ThadsError",
    "UnknownTargetError",
    "__version__",
    "aggregate",
    "amount_in_words",
    "approximate",
    "assess",
    "audit",
    "change",
    "classify",
    "compare_to_target",
    "completion_rate",
    "conditions_share",
    "find_figures",
    "format_count",
    "format_dong",
    "format_number",
    "format_percent",
    "format_points",
    "load_sample",
    "measure_progress",
    "national_target",
    "number_in_words",
    "pace",
    "parse_amount_in_words",
    "parse_count",
    "parse_date",
    "parse_dong",
    "parse_figure",
    "parse_number",
    "parse_percent",
    "parse_period",
    "parse_ratio",
    "prorated_target",
    "rate_change",
    "read_report",
    "remaining_to_target",
    "required_to_reach",
    "round_rate",
]


def __getattr__(name: str) -> Any:
    """A name of the public API, or a submodule, imported when first asked for."""
    module = _MODULE_OF.get(name)
    if module is not None:
        value = getattr(importlib.import_module(module), name)
    elif not name.startswith("_") and importlib.util.find_spec(f"{__name__}.{name}") is not None:
        value = importlib.import_module(f"{__name__}.{name}")
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_MODULE_OF})
