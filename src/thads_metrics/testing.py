"""Hypothesis strategies for property tests of code built on thads-metrics (kiểm thử).

Install the extra ``thads-metrics[testing]``. Every strategy generates only
valid values, so a downstream system can property-test its own code against
the library::

    from hypothesis import given
    from thads_metrics.testing import case_ledgers

    @given(case_ledgers())
    def test_my_dashboard_rate_matches(ledger):
        assert my_dashboard_rate(ledger) == ledger.completion_rate(empty=0)

>>> from hypothesis import find
>>> find(case_ledgers(), lambda ledger: ledger.finished > 0).finished
1
"""

from __future__ import annotations

from datetime import date
from typing import Any

try:
    from hypothesis import strategies as st
except ImportError as exc:  # pragma: no cover - exercised only without the extra
    raise ImportError(
        "thads_metrics.testing needs hypothesis: pip install 'thads-metrics[testing]'"
    ) from exc

from thads_metrics._checks import require_instance, require_int, require_sequence
from thads_metrics.calendar import (
    MAX_YEAR,
    MIN_YEAR,
    EnforcementYear,
    Quarter,
    ReportingPeriod,
)
from thads_metrics.cases import CaseRecord, Origin
from thads_metrics.classification import Status
from thads_metrics.errors import LedgerError, PeriodError
from thads_metrics.ledger import IDENTITIES, AmountLedger, CaseLedger, expand
from thads_metrics.ledger.layouts import DEFAULT_LAYOUT, LAYOUTS, Layout, as_layout, layout_for
from thads_metrics.ledger.rows import INTAKE_ROWS
from thads_metrics.targets import Target

__all__ = [
    "amount_ledgers",
    "case_ledgers",
    "case_records",
    "dates",
    "dong_amounts",
    "periods",
    "quarters",
    "register_strategies",
    "targets",
    "years",
]


def years(min_year: int = MIN_YEAR, max_year: int = MAX_YEAR) -> st.SearchStrategy[EnforcementYear]:
    """Enforcement years (năm thống kê) between ``min_year`` and ``max_year``.

    >>> from hypothesis import find
    >>> find(years(2020, 2030), lambda y: y.year > 2024)
    EnforcementYear(year=2025)
    """
    low, high = _years(min_year, max_year)
    return st.builds(EnforcementYear, st.integers(low, high))


def _years(min_year: object, max_year: object) -> tuple[int, int]:
    """The bounds of a strategy's years, checked: ints in MIN_YEAR..MAX_YEAR, in order."""
    low = require_int("min_year", min_year, PeriodError, minimum=MIN_YEAR, maximum=MAX_YEAR)
    high = require_int("max_year", max_year, PeriodError, minimum=MIN_YEAR, maximum=MAX_YEAR)
    if low > high:
        raise PeriodError(
            f"min_year ({low}) must not exceed max_year ({high})",
            code="period.range",
            details={"argument": "min_year", "value": low, "rule": f"<= max_year ({high})"},
        )
    return low, high


def _bound(name: str, value: object) -> int:
    """A largest count or amount of a strategy: an int >= 0 (LedgerError otherwise)."""
    return require_int(name, value, LedgerError)


def dates(min_year: int = MIN_YEAR, max_year: int = MAX_YEAR) -> st.SearchStrategy[date]:
    """Dates whose enforcement year lies between ``min_year`` and ``max_year``."""
    low, high = _years(min_year, max_year)
    return st.dates(EnforcementYear(low).start, EnforcementYear(high).end)


def periods(
    min_year: int = MIN_YEAR, max_year: int = MAX_YEAR
) -> st.SearchStrategy[ReportingPeriod]:
    """Cumulative reporting periods (kỳ báo cáo), 1 to 12 months.

    >>> from hypothesis import find
    >>> find(periods(2021, 2022), lambda p: p.months > 11)
    ReportingPeriod(year=2021, months=12)
    """
    low, high = _years(min_year, max_year)
    return st.builds(ReportingPeriod, st.integers(low, high), st.integers(1, 12))


def quarters(min_year: int = MIN_YEAR, max_year: int = MAX_YEAR) -> st.SearchStrategy[Quarter]:
    """Quarters of the statistical year (quý)."""
    low, high = _years(min_year, max_year)
    return st.builds(Quarter, st.integers(low, high), st.integers(1, 4))


def dong_amounts(max_value: int = 10**16) -> st.SearchStrategy[int]:
    """Amounts of money in whole đồng (số tiền), 0 to ``max_value`` (default 10 triệu tỷ).

    Small, round and ragged amounts are all drawn.

    >>> from hypothesis import find
    >>> find(dong_amounts(), lambda amount: amount > 10**12)
    1000000000001
    """
    max_value = _bound("max_value", max_value)
    round_amounts = st.builds(
        lambda digits, scale: digits * 10**scale,
        st.integers(0, 999_999),
        st.sampled_from((3, 6, 9)),
    ).filter(lambda value: value <= max_value)
    return st.one_of(st.integers(0, max_value), round_amounts)


@st.composite
def _ledger_rows(draw: Any, max_value: int, money: bool, layout: Layout) -> dict[str, Any]:
    """Stored rows that satisfy every identity of the row table in ``layout``, drawn from it."""
    value = st.integers(0, max_value)
    identity = IDENTITIES[0]  # to_enforce = with_conditions + stayed + without_conditions
    classified = [
        row
        for part in layout.row_names(identity.parts)
        for row in layout.row_names(tuple(expand(part, money=money)))
    ]  # where each case to enforce ends: completed, …, without_conditions
    rows = {name: draw(value) for name in classified}
    to_enforce = sum(rows.values())
    leaving = [name for name, sign in expand(identity.total, money=money).items() if sign < 0]
    for i, name in enumerate(leaving):  # entrusted, withdrawn: rarer and rarer
        rows[name] = draw(st.integers(0, max_value // (50 * 10**i) + 1))
    accepted = to_enforce + sum(rows[name] for name in leaving)
    first, second = INTAKE_ROWS
    rows[first] = draw(st.integers(0, accepted))
    rows[second] = accepted - rows[first]
    rows["layout"] = layout
    return rows


def _layouts(layout: Layout | str | None) -> st.SearchStrategy[Layout]:
    """One layout, or any of them (``None``)."""
    if layout is None:
        return st.sampled_from(tuple(LAYOUTS.values()))
    return st.just(as_layout(layout))


def case_ledgers(
    max_rows: int = 100_000, *, layout: Layout | str | None = DEFAULT_LAYOUT
) -> st.SearchStrategy[CaseLedger]:
    """Valid case ledgers (sổ theo việc): every identity of the form holds.

    ``max_rows`` bounds each status row; ``layout`` is the layout of the forms
    (default: the two-bucket one, so drawn ledgers add up), ``None`` for any.
    """
    bound = _bound("max_rows", max_rows)
    return _layouts(layout).flatmap(
        lambda form: _ledger_rows(bound, False, form).map(lambda rows: CaseLedger(**rows))
    )


def amount_ledgers(
    max_rows: int = 10**15, *, layout: Layout | str | None = DEFAULT_LAYOUT
) -> st.SearchStrategy[AmountLedger]:
    """Valid money ledgers (sổ theo tiền, đồng), with reduced amounts (giảm, miễn)."""
    bound = _bound("max_rows", max_rows)
    return _layouts(layout).flatmap(
        lambda form: _ledger_rows(bound, True, form).map(lambda rows: AmountLedger(**rows))
    )


@st.composite
def _record(draw: Any, units: tuple[str, ...], period_strategy: Any, max_amount: int) -> Any:
    unit = draw(st.sampled_from(units))
    period = draw(period_strategy)
    origin = draw(st.sampled_from(Origin))
    due = draw(st.integers(0, max_amount))
    leaving = draw(st.sampled_from((None, "entrusted", "withdrawn", None, None, None)))
    if leaving is not None:
        return CaseRecord(
            unit=unit,
            period=period,
            origin=origin,
            amount_due=due,
            entrusted=leaving == "entrusted",
            withdrawn=leaving == "withdrawn",
        )
    has_stayed = layout_for(period.end).has("stayed")
    status = draw(
        st.sampled_from(
            [
                s
                for s in Status
                if s is not Status.REDUCED and (has_stayed or s is not Status.STAYED)
            ]
        )
    )
    reduced = draw(st.integers(0, due))
    finished = due - reduced if status is Status.COMPLETED else draw(st.integers(0, due - reduced))
    return CaseRecord(
        unit=unit,
        period=period,
        origin=origin,
        status=status,
        amount_due=due,
        amount_finished=finished,
        amount_reduced=reduced,
    )


def case_records(
    units: tuple[str, ...] = ("Hà Nội", "TP. Hồ Chí Minh", "Phòng THADS khu vực 1"),
    period_strategy: st.SearchStrategy[ReportingPeriod] | None = None,
    max_amount: int = 10**12,
) -> st.SearchStrategy[CaseRecord]:
    """Valid case records (hồ sơ việc thi hành án) for :func:`~thads_metrics.cases.aggregate`.

    Records of entrusted or withdrawn cases carry no status; completed cases
    have their whole amount finished or reduced.
    """
    names = require_sequence("units", units, LedgerError, what="a sequence of unit names")
    if not names:
        raise LedgerError(
            "units must name at least one unit (đơn vị)",
            code="ledger.range",
            details={"argument": "units", "value": "()", "rule": "at least one unit"},
        )
    for unit in names:
        require_instance("units", unit, str, LedgerError, what="unit names (str)")
        if not unit.strip():
            raise LedgerError(
                f"units must be non-empty names, got {unit!r}",
                code="ledger.empty_unit",
                details={"argument": "units", "value": unit, "rule": "a non-empty str"},
            )
    if period_strategy is not None:
        require_instance(
            "period_strategy",
            period_strategy,
            st.SearchStrategy,
            PeriodError,
            what="a hypothesis strategy of ReportingPeriod, or None",
        )
    amount = _bound("max_amount", max_amount)
    chosen = periods(2019, 2026) if period_strategy is None else period_strategy
    return _record(tuple(names), chosen, amount)


def targets() -> st.SearchStrategy[Target]:
    """Targets (chỉ tiêu) with two-decimal percentages between 0 and 100."""
    from decimal import Decimal

    percent = st.integers(0, 10_000).map(lambda n: Decimal(n).scaleb(-2))
    return st.builds(Target, percent, percent, st.text(max_size=20))


def register_strategies() -> None:
    """Register these strategies with hypothesis's ``st.from_type`` (đăng ký chiến lược).

    Called when this module is imported (and by hypothesis itself through the
    ``hypothesis`` entry point of the package), so that ``st.from_type(CaseLedger)``
    and ``st.builds(f)`` for a function taking a ledger, period or record work.

    >>> from hypothesis import find, strategies as st
    >>> find(st.from_type(CaseLedger), lambda ledger: ledger.finished > 0).finished
    1
    """
    for kind, strategy in (
        (EnforcementYear, years()),
        (ReportingPeriod, periods()),
        (Quarter, quarters()),
        (CaseLedger, case_ledgers()),
        (AmountLedger, amount_ledgers()),
        (CaseRecord, case_records()),
        (Target, targets()),
    ):
        st.register_type_strategy(kind, strategy)


register_strategies()
