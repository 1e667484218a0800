"""Targets (chỉ tiêu) of the completion rates, national and per unit, and progress against them.

Targets are set per statistical year, for the whole system and for each unit
(đơn vị: a provincial body, often with its own, lower, target). The package:

- :mod:`~thads_metrics.targets.target`: :class:`Target`, the two rates về
  việc and về tiền in percent, with the basis they rest on;
- :mod:`~thads_metrics.targets.national`: the national table as data
  (:data:`NATIONAL_TABLE`, each entry with its source) and
  :func:`national_target`;
- :mod:`~thads_metrics.targets.book`: :class:`TargetBook`, targets by
  (year, unit) with fallback to the national one, read from and written to CSV;
- :mod:`~thads_metrics.targets.progress`: :class:`Progress` and
  :func:`measure_progress` (one ledger), :class:`Assessment` and
  :func:`assess` (a unit's two ledgers for a period);
- :mod:`~thads_metrics.targets.four`: :class:`FourTargets` and
  :func:`assess_four`, the four targets of a unit (4 chỉ tiêu): both rates
  and the reductions of what is carried forward.

Bad values raise :class:`~thads_metrics.errors.TargetError` (a ``RateError``);
an unknown target :class:`UnknownTargetError` (also a ``KeyError``); unreadable
CSV :class:`~thads_metrics.errors.CsvError`.

>>> national_target(2025).cases, national_target(2025).money
(Decimal('83.90'), Decimal('51.90'))
>>> book = TargetBook.from_csv("year;unit;cases;money\\n2022;Long An;81,5;40,1\\n")
>>> book.lookup(2022, "Long An").cases, book.lookup(2023, "Long An").cases
(Decimal('81.5'), Decimal('82.50'))
"""

from __future__ import annotations

from thads_metrics.errors import TargetError, UnknownTargetError
from thads_metrics.targets.book import TargetBook
from thads_metrics.targets.four import FourTargets, assess_four
from thads_metrics.targets.national import (
    NATIONAL_TABLE,
    NATIONAL_TARGETS,
    NationalEntry,
    national_target,
)
from thads_metrics.targets.progress import Assessment, Progress, assess, measure_progress
from thads_metrics.targets.target import Target

__all__ = [
    "NATIONAL_TABLE",
    "NATIONAL_TARGETS",
    "Assessment",
    "FourTargets",
    "NationalEntry",
    "Progress",
    "Target",
    "TargetBook",
    "TargetError",
    "UnknownTargetError",
    "assess",
    "assess_four",
    "measure_progress",
    "national_target",
]
