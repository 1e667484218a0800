"""The Vietnamese report paragraph of a unit and period (báo cáo kết quả thi hành án dân sự).

:func:`build_report` gathers every figure of one unit's report — the two
ledgers, the rates, the gaps to the targets, the pace, what is still needed,
the change against the same period of last year — into a :class:`UnitReport`;
:func:`summarize` writes its paragraph as an agency report would, and
:func:`summary_table` a table of several units. Every number comes from the
library's own functions: :mod:`~thads_metrics.rates` for the arithmetic,
:mod:`~thads_metrics.vi` for the writing.

Conventions, as in official reports:

- rates are printed with two decimals, rounded half up ("83,90%");
- the gap to the target (vượt / chưa đạt), the pace against the pro-rated
  target (vượt / chậm tiến độ) and the points still to gain (còn phải phấn
  đấu) are computed from the rate and the pro-rated target *as printed*
  (84,25% − 83,90% = vượt 0,35%), so the paragraph adds up on paper;
- what is still needed (số việc, số tiền còn phải thi hành xong) is computed
  from the exact counts, and an amount is rounded *up* when printed, so "ít
  nhất" is never understated;
- amounts of money in a paragraph stay in tỷ đồng (one decimal) from 1 tỷ up,
  so figures that add up look like they do.

>>> from thads_metrics.ledger import AmountLedger, CaseLedger
>>> cases = CaseLedger(carried_over=4_000, newly_accepted=9_000, entrusted=150,
...                    withdrawn=10, completed=7_000, terminated=500,
...                    in_progress=2_300, without_conditions=3_040)
>>> money = AmountLedger(carried_over=2_500_000_000_000, newly_accepted=3_000_000_000_000,
...                      completed=1_100_000_000_000, in_progress=1_500_000_000_000,
...                      without_conditions=2_900_000_000_000)
>>> print(summarize("Long An", ReportingPeriod(2022, 12), cases, money))  # doctest: +ELLIPSIS
Kết quả thi hành án dân sự năm 2022 (từ 1/10/2021 đến 30/9/2022) của Long An:
Về việc: tổng số phải thi hành là 12.840 việc ... đạt tỷ lệ 76,53%; chưa đạt chỉ tiêu 81,50% ...
Về tiền: tổng số phải thi hành là 5.500 tỷ đồng ... đạt tỷ lệ 42,31%; vượt 2,21% so với ...
Số chuyển kỳ sau là 5.340 việc, tương ứng 4.400 tỷ đồng; trong đó có điều kiện ...
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any, Literal

import attrs

from thads_metrics.calendar import ReportingPeriod, day_label
from thads_metrics.cases import LedgerPair
from thads_metrics.errors import ReportError
from thads_metrics.ledger import AmountLedger, CaseLedger
from thads_metrics.rates import (
    Change,
    TargetGap,
    change,
    compare_to_target,
    prorated_target,
    rate_change,
    remaining_to_target,
    required_to_reach,
    round_rate,
)
from thads_metrics.targets import Target, TargetBook, UnknownTargetError
from thads_metrics.vi import (
    format_count,
    format_dong,
    format_number,
    format_percent,
    format_points,
)

__all__ = [
    "RATE_PLACES",
    "Measure",
    "ReportError",
    "TargetSource",
    "UnitReport",
    "build_report",
    "printed_rates",
    "summarize",
    "summary_table",
]

#: Decimals of the rates shown in a report (official reports: 2, half up).
RATE_PLACES = 2

#: Where a report's target comes from: given by the caller, the unit's own
#: entry in the book, the national (or book-wide) fallback, or none known.
TargetSource = Literal["given", "unit", "national", "none"]

PointsUnit = Literal["percent", "points"]


def printed_rates(ledger: CaseLedger | AmountLedger) -> tuple[Decimal | None, Decimal | None]:
    """The share with conditions and the completion rate as reports print them (tỷ lệ in).

    Rounded half up to :data:`RATE_PLACES` decimals; ``None`` where the base is 0.

    A ledger built from totals gives ``None`` for a rate whose rows it does not know.

    >>> printed_rates(CaseLedger(newly_accepted=3, completed=2, in_progress=1))
    (Decimal('100.00'), Decimal('66.67'))
    >>> printed_rates(CaseLedger.from_totals(with_conditions=54_681, finished=26_515))
    (None, Decimal('48.49'))
    """
    base = _known(ledger, "with_conditions")
    to_enforce = _known(ledger, "to_enforce")
    finished = _known(ledger, "finished")
    share = None
    if base is not None and to_enforce:
        share = round_rate(ledger.conditions_share(), RATE_PLACES)
    rate = None
    if base and finished is not None:
        rate = round_rate(ledger.completion_rate(), RATE_PLACES)
    return share, rate


def _known(ledger: CaseLedger | AmountLedger, name: str) -> int | None:
    """The row's value, or None when a ledger built from totals does not know it."""
    return ledger.row(name) if ledger.is_known(name) else None


@attrs.frozen
class Measure:
    """One ledger's figures as a report shows them, về việc or về tiền (chỉ tiêu đánh giá).

    ``rate`` is the completion rate as printed (two decimals) and
    ``rate_exact`` the exact one; ``gap`` compares the printed rate with the
    annual ``target`` (vượt / chưa đạt); ``prorated`` is the target pro-rated
    to the period as printed and ``pace`` the printed rate against it (vượt /
    chậm tiến độ); ``remaining`` are the points still to gain (còn phải phấn
    đấu) and ``required`` the least việc or đồng still to finish, from the
    exact counts, on the current base (0 once the printed rate meets the
    target). Without a target these are ``None``. ``changes`` holds the change
    against the same period last year of ``to_enforce``, ``with_conditions``,
    ``finished`` and ``carried_forward`` (absolute and relative, in percent)
    where last year's row was not 0; ``new_rows`` those rows that were 0 last
    year (no relative change exists); ``rate_change`` is the change of the
    printed rate in percentage points.
    """

    ledger: CaseLedger | AmountLedger
    share: Decimal | None
    rate: Decimal | None
    rate_exact: Decimal | None
    target: Decimal | None
    prorated: Decimal | None
    gap: TargetGap | None
    pace: TargetGap | None
    remaining: Decimal | None
    required: int | None
    changes: dict[str, Change] = attrs.field(factory=dict)
    new_rows: dict[str, int] = attrs.field(factory=dict)
    rate_change: Decimal | None = None

    def to_data(self) -> dict[str, Any]:
        """JSON-ready dict: ints stay ints, Decimals become strings."""
        ledger = self.ledger

        def dec(value: Decimal | None) -> str | None:
            return None if value is None else str(round_rate(value, RATE_PLACES))

        return {
            "rows": ledger.rows(),
            "unknown_rows": [name for name in ledger.ROWS if name in ledger.unknown],
            "conditions_share": dec(self.share),
            "rate": dec(self.rate),
            "rate_exact": None if self.rate_exact is None else str(self.rate_exact),
            "target": None if self.target is None else str(self.target),
            "prorated_target": dec(self.prorated),
            "gap_points": dec(self.gap.points if self.gap else None),
            "met": None if self.gap is None else self.gap.met,
            "pace_points": dec(self.pace.points if self.pace else None),
            "on_pace": None if self.pace is None else self.pace.met,
            "remaining_points": dec(self.remaining),
            "required": self.required,
            "change": {
                name: {"absolute": c.absolute, "relative_percent": dec(c.relative_percent)}
                for name, c in self.changes.items()
            }
            | {
                name: {"absolute": value, "relative_percent": None}
                for name, value in self.new_rows.items()
            },
            "rate_change_points": dec(self.rate_change),
        }


@attrs.frozen
class UnitReport:
    """Everything one unit's report for one period says (báo cáo của một đơn vị).

    Build it with :func:`build_report`; :meth:`text` is the paragraph.
    ``target_source`` says where ``target`` came from (see :data:`TargetSource`).
    """

    unit: str
    period: ReportingPeriod
    target: Target | None
    target_source: TargetSource
    cases: Measure
    money: Measure
    has_previous: bool

    def text(self, *, points_unit: PointsUnit = "percent") -> str:
        """The Vietnamese paragraph (đoạn báo cáo); see :func:`summarize`."""
        return _paragraph(self, points_unit)

    def to_data(self) -> dict[str, Any]:
        """JSON-ready dict of the report (ints stay ints, Decimals are strings)."""
        target = self.target
        return {
            "unit": self.unit,
            "period": {
                "year": self.period.year,
                "months": self.period.months,
                "label": self.period.label,
                "start": self.period.start.isoformat(),
                "end": self.period.end.isoformat(),
            },
            "target": None
            if target is None
            else {"cases": str(target.cases), "money": str(target.money), "basis": target.basis},
            "target_source": self.target_source,
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
    target: Decimal | None,
    period: ReportingPeriod,
) -> Measure:
    share, rate = printed_rates(ledger)
    exact = ledger.completion_rate() if rate is not None else None
    prorated = gap = on_pace = remaining = required = None
    if target is not None:
        prorated = round_rate(prorated_target(target, period), RATE_PLACES)
        if rate is not None:
            gap = compare_to_target(rate, target)
            on_pace = compare_to_target(rate, prorated)
            remaining = remaining_to_target(rate, target)
            required = (
                0 if gap.met else required_to_reach(target, ledger.finished, ledger.with_conditions)
            )
    changes: dict[str, Change] = {}
    new_rows: dict[str, int] = {}
    moved: Decimal | None = None
    if previous is not None:
        for name in _CHANGED_ROWS:
            before, now = _known(previous, name), _known(ledger, name)
            if before is None or now is None:
                continue
            if before:
                changes[name] = change(now, before)
            elif now:
                new_rows[name] = now
        before_rate = printed_rates(previous)[1]
        if rate is not None and before_rate is not None:
            moved = rate_change(rate, before_rate)
    return Measure(
        ledger,
        share,
        rate,
        exact,
        None if target is None else Decimal(target),
        prorated,
        gap,
        on_pace,
        remaining,
        required,
        changes,
        new_rows,
        moved,
    )


def _target_for(
    unit: str, period: ReportingPeriod, book: TargetBook | None, require: bool
) -> tuple[Target | None, TargetSource]:
    book = book if book is not None else TargetBook()
    try:
        target = book.lookup(period.year, unit)
    except UnknownTargetError:
        if require:
            raise
        return None, "none"
    return target, "unit" if book.is_own(period.year, unit) else "national"


def build_report(
    unit: str,
    period: ReportingPeriod,
    cases: CaseLedger,
    money: AmountLedger,
    target: Target | None = None,
    *,
    previous: LedgerPair | tuple[CaseLedger, AmountLedger] | None = None,
    book: TargetBook | None = None,
    require_target: bool = True,
) -> UnitReport:
    """Gather the figures of one unit's report (số liệu báo cáo của đơn vị).

    ``target`` defaults to the one ``book`` (default: the national table)
    gives for (``period.year``, ``unit``); when no target is known for the
    year, :class:`~thads_metrics.errors.UnknownTargetError` is raised unless
    ``require_target=False``, which makes a report without the target clauses.
    ``previous`` are the ledgers of the same period last year (cùng kỳ).
    Ledgers built with ``from_totals`` from published totals are accepted: the
    report says what their known rows give and leaves the rest out.

    >>> from thads_metrics.ledger import AmountLedger, CaseLedger
    >>> r = build_report("A", ReportingPeriod(2025, 12),
    ...                  CaseLedger(newly_accepted=100, completed=84, in_progress=16),
    ...                  AmountLedger(newly_accepted=100, completed=52, in_progress=48))
    >>> r.cases.rate, r.cases.gap.points, r.money.gap.points, r.target_source
    (Decimal('84.00'), Decimal('0.1'), Decimal('0.1'), 'national')
    """
    if not isinstance(unit, str) or not unit.strip():
        raise ReportError(f"unit must be a non-empty name (đơn vị), got {unit!r}")
    if not isinstance(period, ReportingPeriod):
        raise ReportError(f"period must be a ReportingPeriod, got {type(period).__name__}")
    cases, money = _pair((cases, money), "cases, money")
    source: TargetSource = "given"
    if target is None:
        target, source = _target_for(unit, period, book, require_target)
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
        target_source=source,
        cases=_measure(cases, before_cases, target.cases if target else None, period),
        money=_measure(money, before_money, target.money if target else None, period),
        has_previous=previous is not None,
    )


# --------------------------------------------------------------------------- writing


def _count(n: int) -> str:
    return format_count(n)


def _dong(amount: int) -> str:
    """Money in a paragraph: tỷ đồng (one decimal) from 1 tỷ up, else the natural scale."""
    if abs(amount) >= 10**9:
        return format_dong(amount, "scaled", decimals=1, scale="tỷ")
    return format_dong(amount, "scaled", decimals=1)


def _dong_at_least(amount: int) -> str:
    """Money still needed, rounded up to the printed step so "ít nhất" is never too low."""
    step = next((10 ** (p - 1) for p in (9, 6, 3) if amount >= 10**p), 1)
    return _dong(-(-amount // step) * step)


def _pct(value: Decimal) -> str:
    return format_percent(value, RATE_PLACES, fixed=True)


def _points(points: Decimal, points_unit: PointsUnit) -> str:
    """The size of a difference of rates, without sign: "0,35%" or "0,35 điểm phần trăm"."""
    if points_unit == "percent":
        return _pct(points.copy_abs())
    return f"{format_number(points.copy_abs(), RATE_PLACES, fixed=True)} điểm phần trăm"


def _pace_clause(
    pace: TargetGap, prorated: Decimal, period: ReportingPeriod, points_unit: PointsUnit
) -> str:
    basis = f"(chỉ tiêu {period.months} tháng là {_pct(prorated)})"
    if pace.points > 0:
        return f"vượt tiến độ {_points(pace.points, points_unit)} {basis}"
    if pace.points == 0:
        return f"đạt tiến độ {basis}"
    return f"chậm tiến độ {_points(pace.points, points_unit)} {basis}"


def _target_clause(
    m: Measure, period: ReportingPeriod, points_unit: PointsUnit, amount: bool
) -> str:
    if m.target is None:
        return ""
    if m.gap is None or m.pace is None or m.prorated is None or m.remaining is None:
        if _known(m.ledger, "with_conditions") == 0:
            return "; chưa có việc có điều kiện thi hành nên chưa tính được tỷ lệ"
        return ""  # rows not published: no rate, nothing to compare
    target = _pct(m.target)
    if period.is_full_year:
        if m.gap.points > 0:
            return f"; vượt {_points(m.gap.points, points_unit)} so với chỉ tiêu {target}"
        if m.gap.points == 0:
            return f"; đạt chỉ tiêu {target}"
        return f"; chưa đạt chỉ tiêu {target} (còn thiếu {_points(m.gap.points, points_unit)})"
    parts = [_pace_clause(m.pace, m.prorated, period, points_unit)]
    if m.gap.points > 0:
        parts.append(f"đã vượt {_points(m.gap.points, points_unit)} so với chỉ tiêu năm {target}")
    elif m.gap.points == 0:
        parts.append(f"đã đạt chỉ tiêu năm {target}")
    else:
        required = m.required or 0
        needed = _dong_at_least(required) if amount else _count(required)
        parts.append(
            f"còn phải phấn đấu thêm {_points(m.remaining, points_unit)} để đạt chỉ tiêu năm "
            f"{target} (thi hành xong thêm ít nhất {needed} trên số có điều kiện hiện nay)"
        )
    return "; " + "; ".join(parts)


_CHANGE_LABELS = {
    "to_enforce": "tổng số phải thi hành",
    "with_conditions": "số có điều kiện",
    "finished": "số thi hành xong",
    "carried_forward": "số chuyển kỳ sau",
}


def _changes(m: Measure, amount: bool) -> list[str]:
    fmt = _dong if amount else _count
    out = []
    for name in _CHANGED_ROWS:
        label = _CHANGE_LABELS[name]
        if name in m.new_rows:
            out.append(f"{label} tăng {fmt(m.new_rows[name])} (cùng kỳ không có)")
        elif name in m.changes:
            c = m.changes[name]
            if c.absolute == 0:
                out.append(f"{label} không thay đổi")
            else:
                relative = _pct(c.relative_percent.copy_abs())
                out.append(f"{label} {c.direction} {fmt(int(c.magnitude))} ({relative})")
    if m.rate_change is not None:
        moved = format_points(m.rate_change, RATE_PLACES, sign="change", unit="points", fixed=True)
        out.append(
            "tỷ lệ thi hành xong "
            + ("không thay đổi" if round_rate(m.rate_change, RATE_PLACES) == 0 else moved)
        )
    return out


def _ledger_sentence(m: Measure, period: ReportingPeriod, points_unit: PointsUnit) -> str:
    """The sentences về việc or về tiền; rows a ledger built from totals lacks are left out."""
    ledger = m.ledger
    amount = isinstance(ledger, AmountLedger)
    fmt = _dong if amount else _count
    row = {name: _known(ledger, name) for name in ledger.ROWS}
    clauses = []
    if row["to_enforce"] is not None:
        clause = f"tổng số phải thi hành là {fmt(row['to_enforce'])}"
        if row["carried_over"] is not None and row["newly_accepted"] is not None:
            clause += (
                f" (năm trước chuyển sang {fmt(row['carried_over'])}, "
                f"thụ lý mới {fmt(row['newly_accepted'])}"
            )
            if row["entrusted"] or row["withdrawn"]:
                clause += f"; đã trừ ủy thác {fmt(row['entrusted'] or 0)}"
                if row["withdrawn"]:
                    clause += f", thu hồi, hủy quyết định {fmt(row['withdrawn'])}"
            clause += ")"
        clauses.append(clause)
    split = []
    if row["with_conditions"] is not None:
        share = f", chiếm {_pct(m.share)}" if m.share is not None else ""
        split.append(f"có điều kiện thi hành {fmt(row['with_conditions'])}{share}")
    if row["without_conditions"] is not None:
        split.append(f"chưa có điều kiện {fmt(row['without_conditions'])}")
    if split:
        clauses.append(", ".join(split))
    text = f"{'Về tiền' if amount else 'Về việc'}: " + "; ".join(clauses) + ". " if clauses else ""
    if row["finished"] is None:
        if not text:
            return f"{'Về tiền' if amount else 'Về việc'}: chưa có số liệu."
        return text.rstrip()
    names = ["completed", "terminated"] + (["reduced"] if amount else [])
    parts = []
    if all(row[name] is not None for name in names):
        parts.append(f"thi hành xong {fmt(row['completed'] or 0)}")
        if row["terminated"]:
            parts.append(f"đình chỉ thi hành {fmt(row['terminated'])}")
        if amount and row["reduced"]:
            parts.append(f"giảm, miễn {fmt(row['reduced'])}")
    detail = f" (gồm {', '.join(parts)})" if len(parts) > 1 else ""
    head = text or f"{'Về tiền' if amount else 'Về việc'}: "
    sentence = f"Đã thi hành xong {fmt(row['finished'])}{detail}"
    if not text:
        sentence = sentence[0].lower() + sentence[1:]
    if m.rate is not None:
        sentence += f", đạt tỷ lệ {_pct(m.rate)}"
    return head + sentence + _target_clause(m, period, points_unit, amount) + "."


def _paragraph(report: UnitReport, points_unit: PointsUnit) -> str:
    if points_unit not in ("percent", "points"):
        raise ReportError(f"points_unit must be 'percent' or 'points', got {points_unit!r}")
    period = report.period
    lines = [
        f"Kết quả thi hành án dân sự {period.label} (từ {day_label(period.start)} đến "
        f"{day_label(period.end)}) của {report.unit}:",
        _ledger_sentence(report.cases, period, points_unit),
        _ledger_sentence(report.money, period, points_unit),
    ]
    if report.has_previous:
        last = period.same_period_last_year()
        for head, m, amount in (("về việc", report.cases, False), ("về tiền", report.money, True)):
            clauses = _changes(m, amount)
            if clauses:
                lines.append(f"So với cùng kỳ {last.label} ({head}): " + "; ".join(clauses) + ".")
    forward = _carried_forward(report.cases.ledger, report.money.ledger)
    if forward:
        lines.append(forward)
    target = report.target
    if report.target_source == "national" and target is not None:
        lines.append(
            f"Chỉ tiêu áp dụng là chỉ tiêu chung {period.enforcement_year.label} "
            f"({_pct(target.cases)} về việc, {_pct(target.money)} về tiền) vì đơn vị "
            "không có chỉ tiêu riêng."
        )
    elif report.target_source == "none":
        lines.append(f"Chưa có chỉ tiêu {period.enforcement_year.label} để so sánh.")
    return "\n".join(lines)


def _both(
    cases: CaseLedger | AmountLedger, money: CaseLedger | AmountLedger, name: str
) -> str | None:
    """ "5.409 việc, tương ứng 1.719 tỷ đồng", with whichever of the two is known."""
    count, amount = _known(cases, name), _known(money, name)
    parts = ([_count(count)] if count is not None else []) + (
        [_dong(amount)] if amount is not None else []
    )
    return ", tương ứng ".join(parts) if parts else None


def _carried_forward(cases: CaseLedger | AmountLedger, money: CaseLedger | AmountLedger) -> str:
    total = _both(cases, money, "carried_forward")
    with_conditions = _both(cases, money, "carried_forward_with_conditions")
    if total and with_conditions:
        return f"Số chuyển kỳ sau là {total}; trong đó có điều kiện thi hành {with_conditions}."
    if total:
        return f"Số chuyển kỳ sau là {total}."
    if with_conditions:
        return f"Số có điều kiện thi hành chuyển kỳ sau là {with_conditions}."
    return ""


def summarize(
    unit: str,
    period: ReportingPeriod,
    cases: CaseLedger,
    money: AmountLedger,
    target: Target | None = None,
    *,
    previous: LedgerPair | tuple[CaseLedger, AmountLedger] | None = None,
    book: TargetBook | None = None,
    points_unit: PointsUnit = "percent",
) -> str:
    """The Vietnamese report paragraph of a unit for a period (đoạn báo cáo kết quả THADS).

    Total to enforce (tổng số phải thi hành) in việc and tiền, the share with
    conditions (có điều kiện), what was finished (thi hành xong) and the rate;
    for the year report, vượt / chưa đạt against the target; for a shorter
    period, the pace (vượt / chậm tiến độ) and the points still to gain to
    reach the annual target (còn phải phấn đấu) with what is still needed; the
    change against the same period (so với cùng kỳ, when ``previous`` is
    given) and what is carried forward (chuyển kỳ sau). ``points_unit`` writes
    differences of rates with the reports' bare "%" (``"percent"``, default)
    or as "điểm phần trăm" (``"points"``); changes of rates against the same
    period are always written in điểm phần trăm.

    >>> from thads_metrics.ledger import AmountLedger, CaseLedger
    >>> cases = CaseLedger(newly_accepted=1_000, completed=406, in_progress=394,
    ...                    without_conditions=200)
    >>> money = AmountLedger(newly_accepted=10**12, completed=2 * 10**11,
    ...                      in_progress=3 * 10**11, without_conditions=5 * 10**11)
    >>> text = summarize("Long An", ReportingPeriod(2022, 6), cases, money,
    ...                  Target("81,5", "40,1"))
    >>> print(text.splitlines()[1])  # doctest: +NORMALIZE_WHITESPACE
    Về việc: tổng số phải thi hành là 1.000 việc (năm trước chuyển sang 0 việc, thụ lý mới
    1.000 việc); có điều kiện thi hành 800 việc, chiếm 80,00%, chưa có điều kiện 200 việc. Đã
    thi hành xong 406 việc, đạt tỷ lệ 50,75%; vượt tiến độ 10,00% (chỉ tiêu 6 tháng là
    40,75%); còn phải phấn đấu thêm 30,75% để đạt chỉ tiêu năm 81,50% (thi hành xong thêm ít
    nhất 246 việc trên số có điều kiện hiện nay).
    """
    report = build_report(unit, period, cases, money, target, previous=previous, book=book)
    return report.text(points_unit=points_unit)


def _billions(amount: int) -> str:
    """An amount in tỷ đồng without the unit, one decimal: "1.775,7"."""
    return format_number(Fraction(amount, 10**9), 1, fixed=True)


def _plain_count(count: int) -> str:
    return format_count(count, "")


def _table_row(report: UnitReport, label: str | None = None) -> list[str]:
    row = [label or report.unit]
    for m, fmt in ((report.cases, _plain_count), (report.money, _billions)):
        ledger = m.ledger
        gap = (
            ""
            if m.gap is None
            else format_points(m.gap.points, RATE_PLACES, unit="percent", fixed=True)
        )
        base, finished = _known(ledger, "with_conditions"), _known(ledger, "finished")
        row += [
            "" if base is None else fmt(base),
            "" if finished is None else fmt(finished),
            "" if m.rate is None else _pct(m.rate),
            "" if m.target is None else _pct(m.target),
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
    given, labelled "Tổng cộng"; amounts in tỷ đồng, rates with two decimals.
    """
    rows: list[Sequence[str]] = [_HEADER]
    rows += [_table_row(r) for r in reports]
    if total is not None:
        rows.append(_table_row(total, "Tổng cộng"))
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
