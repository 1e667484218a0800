"""The Vietnamese report paragraph of a unit and period (báo cáo kết quả thi hành án dân sự).

:func:`build_report` gathers every figure of one unit's report — the two
ledgers, the rates, the gaps to the targets, the pace, what is still needed,
the change against the same period of last year — into a :class:`UnitReport`;
:func:`summarize` writes its paragraph as an agency report would, and
:func:`summary_table` a table of several units. Every number comes from the
library's own functions: :mod:`~thads_metrics.rates` for the arithmetic,
:mod:`~thads_metrics.vi` for the writing.

As in published reports, rates are shown with at most two decimals (half
up), and the gaps, pace and remaining points are computed from the rate as
shown (84,25% − 83,90% = vượt 0,35%), so the paragraph adds up as printed.
What is still needed is computed from the exact counts.

>>> from thads_metrics.ledger import AmountLedger, CaseLedger
>>> cases = CaseLedger(carried_over=4_000, newly_accepted=9_000, entrusted=150,
...                    withdrawn=10, completed=7_000, terminated=500,
...                    in_progress=2_300, without_conditions=3_040)
>>> money = AmountLedger(carried_over=2_500_000_000_000, newly_accepted=3_000_000_000_000,
...                      completed=1_100_000_000_000, in_progress=1_500_000_000_000,
...                      without_conditions=2_900_000_000_000)
>>> print(summarize("Long An", ReportingPeriod(2022, 12), cases, money))  # doctest: +ELLIPSIS
Kết quả thi hành án dân sự năm 2022 (từ 01/10/2021 đến 30/9/2022) của Long An:
Về việc: tổng số phải thi hành là 12.840 việc ... đạt tỷ lệ 76,53%; còn thiếu 4,97% ...
Về tiền: tổng số phải thi hành là 5.500 tỷ đồng ... đạt tỷ lệ 42,31%; vượt 2,21% ...
Số chuyển kỳ sau là 5.340 việc, tương ứng 4.400 tỷ đồng; trong đó có điều kiện ...
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

import attrs

from thads_metrics.calendar import ReportingPeriod
from thads_metrics.cases import LedgerPair
from thads_metrics.errors import ThadsError
from thads_metrics.ledger import AmountLedger, CaseLedger
from thads_metrics.rates import (
    Change,
    TargetGap,
    change,
    compare_to_target,
    pace,
    rate_change,
    remaining_to_target,
    required_to_reach,
    round_rate,
)
from thads_metrics.targets import Target, TargetBook
from thads_metrics.vi import (
    format_count,
    format_dong,
    format_number,
    format_percent,
    format_points,
)

__all__ = ["Measure", "UnitReport", "build_report", "summarize", "summary_table"]

#: Decimals of the rates shown in a report (official reports: 2, half up).
RATE_PLACES = 2


class ReportError(ThadsError):
    """Inputs that cannot make a report (không lập được báo cáo)."""


@attrs.frozen
class Measure:
    """One ledger's figures as a report shows them, về việc or về tiền (chỉ tiêu đánh giá).

    ``rate`` is the completion rate rounded as shown; ``gap`` compares it
    with the annual ``target`` (vượt / còn thiếu), ``pace`` with the
    pro-rated target (vượt / chậm tiến độ); ``remaining`` are the points still
    to gain (còn phải phấn đấu) and ``required`` the least việc or đồng still
    to finish on the current base. ``changes`` holds the change against the
    same period last year of ``to_enforce``, ``with_conditions``, ``finished``
    and ``carried_forward`` (absolute and relative, in percent) and
    ``rate_change`` the change of the rate in percentage points, when the
    previous ledgers were given.
    """

    ledger: CaseLedger | AmountLedger
    share: Decimal | None
    rate: Decimal | None
    target: Decimal
    gap: TargetGap | None
    pace: TargetGap | None
    remaining: Decimal | None
    required: int | None
    changes: dict[str, Change] = attrs.field(factory=dict)
    rate_change: Decimal | None = None

    def to_data(self) -> dict[str, Any]:
        """JSON-ready dict: ints stay ints, Decimals become strings."""
        ledger = self.ledger

        def dec(value: Decimal | None) -> str | None:
            return None if value is None else str(round_rate(value, RATE_PLACES))

        return {
            "rows": {name: getattr(ledger, name) for name in ledger.ROWS},
            "conditions_share": dec(self.share),
            "rate": dec(self.rate),
            "target": str(self.target),
            "gap_points": dec(self.gap.points if self.gap else None),
            "met": None if self.gap is None else self.gap.met,
            "pace_points": dec(self.pace.points if self.pace else None),
            "on_pace": None if self.pace is None else self.pace.met,
            "remaining_points": dec(self.remaining),
            "required": self.required,
            "change": {
                name: {"absolute": c.absolute, "relative_percent": dec(c.relative_percent)}
                for name, c in self.changes.items()
            },
            "rate_change_points": dec(self.rate_change),
        }


@attrs.frozen
class UnitReport:
    """Everything one unit's report for one period says (báo cáo của một đơn vị).

    Build it with :func:`build_report`; :meth:`text` is the paragraph.
    """

    unit: str
    period: ReportingPeriod
    target: Target
    cases: Measure
    money: Measure
    has_previous: bool

    def text(self, *, points_unit: str = "percent") -> str:
        """The Vietnamese paragraph (đoạn báo cáo); see :func:`summarize`."""
        return _paragraph(self, points_unit)

    def to_data(self) -> dict[str, Any]:
        """JSON-ready dict of the report (ints stay ints, Decimals are strings)."""
        return {
            "unit": self.unit,
            "period": {
                "year": self.period.year,
                "months": self.period.months,
                "label": self.period.label,
                "start": self.period.start.isoformat(),
                "end": self.period.end.isoformat(),
            },
            "target": {
                "cases": str(self.target.cases),
                "money": str(self.target.money),
                "basis": self.target.basis,
            },
            "cases": self.cases.to_data(),
            "money": self.money.to_data(),
        }


def _pair(value: object, name: str) -> tuple[CaseLedger, AmountLedger]:
    if isinstance(value, LedgerPair):
        return value.cases, value.amounts
    if (
        isinstance(value, tuple)
        and len(value) == 2
        and isinstance(value[0], CaseLedger)
        and isinstance(value[1], AmountLedger)
    ):
        return value[0], value[1]
    raise ReportError(
        f"{name} must be a LedgerPair or a (CaseLedger, AmountLedger) pair, "
        f"got {type(value).__name__}"
    )


_CHANGED_ROWS = ("to_enforce", "with_conditions", "finished", "carried_forward")


def _measure(
    ledger: CaseLedger | AmountLedger,
    previous: CaseLedger | AmountLedger | None,
    target: Decimal,
    period: ReportingPeriod,
) -> Measure:
    base = ledger.with_conditions
    share = ledger.conditions_share() if ledger.to_enforce else None
    rate: Decimal | None = None
    gap: TargetGap | None = None
    on_pace: TargetGap | None = None
    remaining: Decimal | None = None
    required: int | None = None
    if base:
        rate = round_rate(ledger.completion_rate(), RATE_PLACES)
        gap = compare_to_target(rate, target)
        on_pace = pace(rate, target, period)
        remaining = remaining_to_target(rate, target)
        required = required_to_reach(target, ledger.finished, base)
    changes: dict[str, Change] = {}
    moved: Decimal | None = None
    if previous is not None:
        for name in _CHANGED_ROWS:
            before = getattr(previous, name)
            if before:
                changes[name] = change(getattr(ledger, name), before)
        if rate is not None and previous.with_conditions:
            before_rate = round_rate(previous.completion_rate(), RATE_PLACES)
            moved = rate_change(rate, before_rate)
    return Measure(ledger, share, rate, target, gap, on_pace, remaining, required, changes, moved)


def build_report(
    unit: str,
    period: ReportingPeriod,
    cases: CaseLedger,
    money: AmountLedger,
    target: Target | None = None,
    *,
    previous: LedgerPair | tuple[CaseLedger, AmountLedger] | None = None,
    book: TargetBook | None = None,
) -> UnitReport:
    """Gather the figures of one unit's report (số liệu báo cáo của đơn vị).

    ``target`` defaults to the one ``book`` (default: the national table)
    gives for (``period.year``, ``unit``). ``previous`` are the ledgers of the
    same period last year (cùng kỳ), for the changes.

    >>> from thads_metrics.ledger import AmountLedger, CaseLedger
    >>> r = build_report("A", ReportingPeriod(2025, 12),
    ...                  CaseLedger(newly_accepted=100, completed=84, in_progress=16),
    ...                  AmountLedger(newly_accepted=100, completed=52, in_progress=48))
    >>> r.cases.rate, r.cases.gap.points, r.money.gap.points
    (Decimal('84.00'), Decimal('0.1'), Decimal('0.1'))
    """
    if not isinstance(unit, str) or not unit.strip():
        raise ReportError(f"unit must be a non-empty name (đơn vị), got {unit!r}")
    if not isinstance(period, ReportingPeriod):
        raise ReportError(f"period must be a ReportingPeriod, got {type(period).__name__}")
    cases, money = _pair((cases, money), "cases, money")
    for ledger in (cases, money):
        if ledger.unknown:
            raise ReportError(
                f"a report needs every row of the ledgers; this {type(ledger).__name__} "
                f"does not know {', '.join(sorted(ledger.unknown))} (built from totals)"
            )
    if target is None:
        target = (book or TargetBook()).lookup(period.year, unit)
    elif not isinstance(target, Target):
        raise ReportError(f"target must be a Target, got {type(target).__name__}")
    before_cases: CaseLedger | None = None
    before_money: AmountLedger | None = None
    if previous is not None:
        before_cases, before_money = _pair(previous, "previous")
    return UnitReport(
        unit=unit,
        period=period,
        target=target,
        cases=_measure(cases, before_cases, target.cases, period),
        money=_measure(money, before_money, target.money, period),
        has_previous=previous is not None,
    )


# --------------------------------------------------------------------------- writing


def _count(n: int) -> str:
    return format_count(n)


def _dong(amount: int) -> str:
    return format_dong(amount, "scaled", decimals=1)


def _pct(value: Decimal) -> str:
    return format_percent(value, RATE_PLACES)


def _points(points: Decimal, points_unit: str) -> str:
    """The size of a difference of rates, without sign: "0,35%" or "0,35 điểm phần trăm"."""
    if points_unit == "percent":
        return format_percent(abs(points), RATE_PLACES)
    return f"{format_number(abs(points), RATE_PLACES)} điểm phần trăm"


def _target_clause(m: Measure, period: ReportingPeriod, points_unit: str, amount: bool) -> str:
    if m.gap is None or m.pace is None or m.remaining is None or m.required is None:
        return "chưa có việc có điều kiện thi hành nên chưa tính được tỷ lệ"
    target = _pct(m.target)
    if m.gap.points > 0:
        against = f"vượt {_points(m.gap.points, points_unit)} so với chỉ tiêu {target}"
    elif m.gap.points == 0:
        against = f"đạt đúng chỉ tiêu {target}"
    else:
        against = f"còn thiếu {_points(m.gap.points, points_unit)} so với chỉ tiêu {target}"
    parts = [against]
    if not period.is_full_year:
        prorated = _pct(m.target * period.months / 12)
        if m.pace.points > 0:
            parts.append(
                f"vượt tiến độ {_points(m.pace.points, points_unit)} "
                f"(chỉ tiêu {period.months} tháng là {prorated})"
            )
        elif m.pace.points == 0:
            parts.append(f"đạt đúng tiến độ (chỉ tiêu {period.months} tháng là {prorated})")
        else:
            parts.append(
                f"chậm tiến độ {_points(m.pace.points, points_unit)} "
                f"(chỉ tiêu {period.months} tháng là {prorated})"
            )
    if m.remaining > 0:
        needed = _dong(m.required) if amount else _count(m.required)
        parts.append(
            f"còn phải phấn đấu thêm {_points(m.remaining, points_unit)} để đạt chỉ tiêu, "
            f"tức thi hành xong thêm ít nhất {needed} trên số có điều kiện hiện nay"
        )
    return "; ".join(parts)


def _change_clause(name: str, c: Change, amount: bool) -> str:
    if c.absolute == 0:
        return f"{name} không thay đổi"
    size = int(c.magnitude)  # ledger rows are ints, so the change is an int
    text = _dong(size) if amount else _count(size)
    relative = format_percent(c.relative_percent.copy_abs(), RATE_PLACES)
    return f"{name} {c.direction} {text} ({relative})"


def _changes(m: Measure, points_unit: str, amount: bool) -> list[str]:
    labels = {
        "to_enforce": "tổng số phải thi hành",
        "with_conditions": "số có điều kiện",
        "finished": "số thi hành xong",
        "carried_forward": "số chuyển kỳ sau",
    }
    out = [_change_clause(labels[n], c, amount) for n, c in m.changes.items()]
    if m.rate_change is not None:
        moved = format_points(m.rate_change, RATE_PLACES, sign="change", unit="points")
        if m.rate_change == 0:
            moved = "không thay đổi"
        out.append(f"tỷ lệ thi hành xong {moved}")
    return out


def _ledger_sentence(m: Measure, period: ReportingPeriod, points_unit: str, amount: bool) -> str:
    ledger = m.ledger
    fmt = _dong if amount else _count
    head = "Về tiền" if amount else "Về việc"
    text = (
        f"{head}: tổng số phải thi hành là {fmt(ledger.to_enforce)} "
        f"(năm trước chuyển sang {fmt(ledger.carried_over)}, "
        f"thụ lý mới {fmt(ledger.newly_accepted)}"
    )
    if ledger.entrusted or ledger.withdrawn:
        text += f"; đã trừ ủy thác {fmt(ledger.entrusted)}"
        if ledger.withdrawn:
            text += f", thu hồi, hủy quyết định {fmt(ledger.withdrawn)}"
    text += "); "
    share = f", chiếm {_pct(m.share)}" if m.share is not None else ""
    text += (
        f"có điều kiện thi hành {fmt(ledger.with_conditions)}{share}, "
        f"chưa có điều kiện {fmt(ledger.without_conditions)}. "
    )
    parts = [f"thi hành xong {fmt(ledger.completed)}"]
    if ledger.terminated:
        parts.append(f"đình chỉ thi hành {fmt(ledger.terminated)}")
    if isinstance(ledger, AmountLedger) and ledger.reduced:
        parts.append(f"giảm, miễn {fmt(ledger.reduced)}")
    detail = f" (gồm {', '.join(parts)})" if len(parts) > 1 else ""
    text += f"Đã thi hành xong {fmt(ledger.finished)}{detail}"
    text += "; " if m.rate is None else f", đạt tỷ lệ {_pct(m.rate)}; "
    text += _target_clause(m, period, points_unit, amount) + "."
    return text


def _paragraph(report: UnitReport, points_unit: str) -> str:
    if points_unit not in ("percent", "points"):
        raise ReportError(f"points_unit must be 'percent' or 'points', got {points_unit!r}")
    period = report.period
    start, end = period.start, period.end
    lines = [
        f"Kết quả thi hành án dân sự {period.label} (từ {start:%d/%m/%Y} đến "
        f"{end.day}/{end.month}/{end.year}) của {report.unit}:",
        _ledger_sentence(report.cases, period, points_unit, amount=False),
        _ledger_sentence(report.money, period, points_unit, amount=True),
    ]
    if report.has_previous:
        last = period.same_period_last_year()
        for head, m, amount in (
            ("về việc", report.cases, False),
            ("về tiền", report.money, True),
        ):
            clauses = _changes(m, points_unit, amount)
            if clauses:
                lines.append(f"So với cùng kỳ {last.label} ({head}): " + "; ".join(clauses) + ".")
    cases, money = report.cases.ledger, report.money.ledger
    lines.append(
        f"Số chuyển kỳ sau là {_count(cases.carried_forward)}, tương ứng "
        f"{_dong(money.carried_forward)}; trong đó có điều kiện thi hành "
        f"{_count(cases.carried_forward_with_conditions)}, tương ứng "
        f"{_dong(money.carried_forward_with_conditions)}."
    )
    return "\n".join(lines)


def summarize(
    unit: str,
    period: ReportingPeriod,
    cases: CaseLedger,
    money: AmountLedger,
    target: Target | None = None,
    *,
    previous: LedgerPair | tuple[CaseLedger, AmountLedger] | None = None,
    book: TargetBook | None = None,
    points_unit: str = "percent",
) -> str:
    """The Vietnamese report paragraph of a unit for a period (đoạn báo cáo kết quả THADS).

    Total to enforce (tổng số phải thi hành) in việc and tiền, the share with
    conditions (có điều kiện), what was finished (thi hành xong) and the rate,
    vượt / còn thiếu against the target, the pace (vượt / chậm tiến độ), the
    points still to gain (còn phải phấn đấu) and what is still needed, the
    change against the same period (so với cùng kỳ, when ``previous`` is
    given) and what is carried forward (chuyển kỳ sau). ``points_unit``
    writes differences of rates with the reports' bare "%" (``"percent"``,
    default) or as "điểm phần trăm" (``"points"``); changes of rates against
    the same period are always written in điểm phần trăm.

    >>> from thads_metrics.ledger import AmountLedger, CaseLedger
    >>> cases = CaseLedger(newly_accepted=1_000, completed=406, in_progress=394,
    ...                    without_conditions=200)
    >>> money = AmountLedger(newly_accepted=10**12, completed=2 * 10**11,
    ...                      in_progress=3 * 10**11, without_conditions=5 * 10**11)
    >>> text = summarize("Long An", ReportingPeriod(2022, 6), cases, money,
    ...                  Target("81,5", "40,1"))
    >>> print(text.splitlines()[1])  # doctest: +NORMALIZE_WHITESPACE
    Về việc: tổng số phải thi hành là 1.000 việc (năm trước chuyển sang 0 việc, thụ lý mới
    1.000 việc); có điều kiện thi hành 800 việc, chiếm 80%, chưa có điều kiện 200 việc. Đã
    thi hành xong 406 việc, đạt tỷ lệ 50,75%; còn thiếu 30,75% so với chỉ tiêu 81,5%; vượt
    tiến độ 10% (chỉ tiêu 6 tháng là 40,75%); còn phải phấn đấu thêm 30,75% để đạt chỉ tiêu,
    tức thi hành xong thêm ít nhất 246 việc trên số có điều kiện hiện nay.
    """
    report = build_report(unit, period, cases, money, target, previous=previous, book=book)
    return report.text(points_unit=points_unit)


def _billions(amount: int) -> str:
    """An amount in tỷ đồng without the unit, one decimal: "1.775,7"."""
    return format_number(Decimal(amount).scaleb(-9), 1)


def _plain_count(count: int) -> str:
    return format_count(count, "")


def _table_row(report: UnitReport) -> list[str]:
    row = [report.unit]
    for m, fmt in ((report.cases, _plain_count), (report.money, _billions)):
        ledger = m.ledger
        gap = "" if m.gap is None else format_points(m.gap.points, RATE_PLACES, unit="percent")
        row += [
            fmt(ledger.with_conditions),
            fmt(ledger.finished),
            "" if m.rate is None else _pct(m.rate),
            _pct(m.target),
            gap,
        ]
    return row


_HEADER = [
    "Đơn vị",
    "Có ĐK (việc)",
    "Xong (việc)",
    "Tỷ lệ việc",
    "Chỉ tiêu",
    "+/- CT",
    "Có ĐK (tiền)",
    "Xong (tiền)",
    "Tỷ lệ tiền",
    "Chỉ tiêu",
    "+/- CT",
]


def summary_table(reports: Iterable[UnitReport], total: UnitReport | None = None) -> str:
    """A plain-text table of several units' results (bảng tổng hợp kết quả).

    One row per report, then ``total`` (e.g. the roll-up of all units) if
    given; amounts in tỷ đồng, rates with at most two decimals.
    """
    rows: list[Sequence[str]] = [_HEADER]
    rows += [_table_row(r) for r in reports]
    if total is not None:
        rows.append(_table_row(total))
    widths = [max(len(row[i]) for row in rows) for i in range(len(_HEADER))]
    lines = []
    for index, row in enumerate(rows):
        cells = [
            cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i]) for i, cell in enumerate(row)
        ]
        lines.append("  ".join(cells).rstrip())
        if index == 0 or (total is not None and index == len(rows) - 2):
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)
