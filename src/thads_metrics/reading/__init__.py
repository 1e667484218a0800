"""Reading what reports print, and checking it (đọc và đối chiếu số liệu báo cáo).

- :mod:`~thads_metrics.reading.figures`: a printed figure as an interval
  (:func:`parse_figure` → :class:`Figure`): "hơn 146,9 tỷ đồng" is
  146,9 tỷ < v < 147,0 tỷ, "80,9%" is [80,85; 80,95) (DOMAIN §6a).
- :mod:`~thads_metrics.reading.claims`: a report text → :class:`Claim` s
  (:func:`read_report`): which quantity each figure is, of which ledger,
  unit and period.
- :mod:`~thads_metrics.reading.audit`: :func:`audit` cross-checks the claims
  (identities, rates, implied targets, changes, several texts, cumulative
  periods) with interval arithmetic and gives :class:`Finding` s.

>>> from thads_metrics.reading import parse_figure
>>> f = parse_figure("hơn 5 nghìn 2 trăm việc")
>>> f.contains(5_250), f.contains(5_200)
(True, False)
"""

from thads_metrics.reading.audit import Finding, Interval, audit
from thads_metrics.reading.claims import QUANTITIES, Claim, read_report
from thads_metrics.reading.figures import Figure, find_figures, parse_figure, parse_ratio

__all__ = [
    "QUANTITIES",
    "Claim",
    "Figure",
    "Finding",
    "Interval",
    "audit",
    "find_figures",
    "parse_figure",
    "parse_ratio",
    "read_report",
]
