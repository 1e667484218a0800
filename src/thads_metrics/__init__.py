"""thads-metrics: exact metrics of Vietnamese civil judgment enforcement (thi hành án dân sự).

The public API is re-exported here.

>>> from thads_metrics import ReportingPeriod
>>> ReportingPeriod(2021, 11).label
'11 tháng năm 2021'
"""

from thads_metrics.calendar import (
    CalendarQuarter,
    EnforcementYear,
    Quarter,
    ReportingPeriod,
    parse_date,
    parse_period,
)
from thads_metrics.errors import (
    ClassificationError,
    LedgerError,
    ParseError,
    PeriodError,
    RateError,
    ThadsError,
)

__version__ = "0.1.0"

__all__ = [
    "CalendarQuarter",
    "ClassificationError",
    "EnforcementYear",
    "LedgerError",
    "ParseError",
    "PeriodError",
    "Quarter",
    "RateError",
    "ReportingPeriod",
    "ThadsError",
    "__version__",
    "parse_date",
    "parse_period",
]
