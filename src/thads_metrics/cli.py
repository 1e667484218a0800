"""The ``thads-metrics`` command (công cụ dòng lệnh).

``thads-metrics period [DATE]`` prints the enforcement year, cumulative period
and quarter of a date (today by default).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import date

from thads_metrics.calendar import EnforcementYear, Quarter, ReportingPeriod, parse_date
from thads_metrics.errors import ThadsError

__all__ = ["main"]


def _cmd_period(args: argparse.Namespace) -> int:
    d = parse_date(args.date) if args.date else date.today()
    year = EnforcementYear.of(d)
    period = ReportingPeriod.ending(d)
    quarter = Quarter.of(d)
    if args.format == "json":
        out = {
            "date": d.isoformat(),
            "year": year.year,
            "year_start": year.start.isoformat(),
            "year_end": year.end.isoformat(),
            "period": {
                "year": period.year,
                "months": period.months,
                "label": period.label,
                "start": period.start.isoformat(),
                "end": period.end.isoformat(),
            },
            "quarter": {"year": quarter.year, "number": quarter.number, "label": quarter.label},
        }
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    print(f"Ngày {d.day}/{d.month}/{d.year}")
    print(f"Năm thống kê: {year.label} ({year.start:%d/%m/%Y} – {year.end:%d/%m/%Y})")
    print(f"Kỳ báo cáo:   {period.label} ({period.start:%d/%m/%Y} – {period.end:%d/%m/%Y})")
    print(f"Quý:          {quarter.label} ({quarter.start:%d/%m/%Y} – {quarter.end:%d/%m/%Y})")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="thads-metrics",
        description="Metrics of Vietnamese civil judgment enforcement (thi hành án dân sự).",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    p_period = sub.add_parser("period", help="enforcement year, period and quarter of a date")
    p_period.add_argument("date", nargs="?", help="2021-08-31 or 31/8/2021 (default: today)")
    p_period.add_argument("--format", choices=("text", "json"), default="text")
    p_period.set_defaults(func=_cmd_period)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (2 for bad input)."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        code: int = args.func(args)
    except ThadsError as exc:
        print(f"thads-metrics: error: {exc}", file=sys.stderr)
        return 2
    return code
