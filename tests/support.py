"""Helpers shared by the tests of the paths case records take (row, columns, parts)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from thads_metrics.errors import ThadsError

#: The header of :func:`case_rows`.
HEADER = "unit,period,origin,status,amount_due,amount_finished\n"
STATUSES = ("completed", "in_progress", "without_conditions", "other")


def case_rows(count: int, *, origin: str = "newly_accepted", seed: int = 0) -> list[str]:
    """``count`` valid lines of case records under :data:`HEADER`: five units, the twelve
    periods of 2025, each status in turn, amounts that fit the status."""
    out = []
    for i in range(count):
        status = STATUSES[(i + seed) % 4]
        due = (i * 7919 + seed) % 10_000
        done = due if status == "completed" else due // 4
        period = f"{1 + (i * 5) % 12} tháng năm 2025"
        out.append(f"Huyện {i % 5},{period},{origin},{status},{due},{done}\n")
    return out


def outcome(read: Callable[[], Any]) -> Any:
    """What a reading gives: its ledgers as a dict, or its error as (class, code, line,
    column, message), so that two readings compare whole."""
    try:
        return dict(read())
    except ThadsError as exc:
        where = (getattr(exc, "line", None), getattr(exc, "column", None))
        return (type(exc).__name__, exc.code, *where, str(exc))
