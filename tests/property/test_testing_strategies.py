"""The public hypothesis strategies generate only valid, varied values."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from hypothesis import find, given, settings
from hypothesis import strategies as st

from thads_metrics import (
    AmountLedger,
    CaseLedger,
    CaseRecord,
    EnforcementYear,
    LedgerError,
    LedgerPair,
    PeriodError,
    ReportingPeriod,
    aggregate,
    format_dong,
    parse_dong,
)
from thads_metrics.cases import Origin
from thads_metrics.classification import Status
from thads_metrics.testing import (
    amount_ledgers,
    case_ledgers,
    case_records,
    dates,
    dong_amounts,
    periods,
    quarters,
    targets,
    years,
)

_STATUS_ROWS = [
    "completed",
    "terminated",
    "in_progress",
    "postponed",
    "suspended",
    "other",
    "without_conditions",
]

# find() settings: deterministic, no example database, enough tries for rare shapes.
FIND = settings(database=None, derandomize=True, max_examples=2_000)


@given(case_ledgers(max_rows=1_000), amount_ledgers(max_rows=10**9))
def test_ledgers_are_valid_and_respect_their_bounds(cases: CaseLedger, money: AmountLedger) -> None:
    for ledger, bound in ((cases, 1_000), (money, 10**9)):
        assert not ledger.unknown
        assert all(type(getattr(ledger, name)) is int for name in ledger.ROWS)
        assert all(getattr(ledger, name) >= 0 for name in ledger.ROWS)
        statuses = [*_STATUS_ROWS, "reduced"] if ledger is money else _STATUS_ROWS
        assert all(getattr(ledger, name) <= bound for name in statuses)
        # the form's identities, checked from the stored rows rather than the derived ones
        assert ledger.accepted == ledger.carried_over + ledger.newly_accepted
        assert ledger.accepted == (
            sum(getattr(ledger, name) for name in statuses) + ledger.entrusted + ledger.withdrawn
        )


@given(case_ledgers(), amount_ledgers())
def test_rates_of_strategy_ledgers_are_percentages(cases: CaseLedger, money: AmountLedger) -> None:
    rates = [
        cases.completion_rate(empty=0),
        cases.conditions_share(empty=0),
        money.completion_rate(empty=0),
        money.completion_rate(count_reduced=False, empty=0),
        money.conditions_share(empty=0),
    ]
    assert all(isinstance(rate, Decimal) and 0 <= rate <= 100 for rate in rates)


def _rich(ledger: CaseLedger | AmountLedger) -> bool:
    return all(
        getattr(ledger, name) > 0
        for name in ("entrusted", "withdrawn", "carried_over", "finished", "without_conditions")
    )


def test_case_ledgers_can_have_every_kind_of_row() -> None:
    ledger = find(case_ledgers(), _rich, settings=FIND)
    assert _rich(ledger)
    assert ledger.accepted > ledger.to_enforce  # entrusted and withdrawn cases left


def test_amount_ledgers_can_have_reduced_amounts() -> None:
    ledger = find(amount_ledgers(), lambda x: x.reduced > 0 and _rich(x), settings=FIND)
    assert ledger.reduced > 0
    assert ledger.completion_rate(count_reduced=False) < ledger.completion_rate()


def test_case_ledgers_can_have_rates_strictly_between_0_and_100() -> None:
    ledger = find(
        case_ledgers(),
        lambda x: x.with_conditions > 0 and 0 < x.completion_rate() < 100,
        settings=FIND,
    )
    assert 0 < ledger.completion_rate() < 100


@pytest.mark.parametrize(
    ("shape", "condition"),
    [
        ("entrusted", lambda r: r.entrusted and r.amount_due > 0),
        ("withdrawn", lambda r: r.withdrawn and r.amount_due > 0),
        (
            "completed with an amount reduced",
            lambda r: r.status is Status.COMPLETED and r.amount_reduced > 0,
        ),
        (
            "carried over, in progress",
            lambda r: (
                r.origin is Origin.CARRIED_OVER
                and r.status is Status.IN_PROGRESS
                and 0 < r.amount_finished < r.amount_due
            ),
        ),
    ],
)
def test_case_records_can_take_every_shape(
    shape: str, condition: Callable[[CaseRecord], bool]
) -> None:
    record = find(case_records(), condition, settings=FIND)
    assert condition(record), shape
    cases, money = record.ledgers()
    leaving = cases.entrusted + cases.withdrawn
    assert leaving == (1 if shape in ("entrusted", "withdrawn") else 0)
    if shape.startswith("completed"):
        assert money.reduced == record.amount_reduced > 0
        assert money.completed + money.reduced == record.amount_due


@given(st.lists(case_records(), max_size=30))
def test_records_aggregate_like_their_own_ledgers(records: list[CaseRecord]) -> None:
    result = aggregate(records, by=("unit", "period"))
    for key, pair in result.items():
        mine = [r for r in records if (r.unit, r.period) == key]
        assert pair == sum((r.ledgers() for r in mine), start=LedgerPair())


@given(dates(2000, 2030), years(2000, 2030), periods(2000, 2030), quarters(2000, 2030))
def test_calendar_strategies_respect_bounds(d, y, p, q) -> None:  # type: ignore[no-untyped-def]
    assert 2000 <= EnforcementYear.of(d).year <= 2030
    assert 2000 <= y.year <= 2030
    assert isinstance(p, ReportingPeriod)
    assert 2000 <= p.year <= 2030
    assert 2000 <= q.year <= 2030


@given(dong_amounts())
def test_dong_amounts_are_whole_dong(amount: int) -> None:
    assert type(amount) is int
    assert 0 <= amount <= 10**16
    assert parse_dong(format_dong(amount)) == amount


@settings(max_examples=50)
@given(targets())
def test_targets_are_percentages(target) -> None:  # type: ignore[no-untyped-def]
    assert 0 <= target.cases <= 100
    assert 0 <= target.money <= 100


# --------------------------------------------------------------------------- arguments


@pytest.mark.parametrize("make", [years, dates, periods, quarters])
@pytest.mark.parametrize(
    ("bounds", "code"),
    [
        ((1899, 2000), "period.range"),
        ((2000, 2201), "period.range"),
        ((2030, 2020), "period.range"),
        ((2020.0, 2030), "period.type"),
        ((None, 2030), "period.type"),
    ],
)
def test_year_bounds_are_checked_at_once(
    make: Callable[..., object], bounds: tuple[object, object], code: str
) -> None:
    # Before: a hypothesis error at the first draw, or a PeriodError from inside it.
    with pytest.raises(PeriodError) as info:
        make(*bounds)
    assert info.value.code == code


@pytest.mark.parametrize(
    ("make", "code"),
    [
        (lambda: dong_amounts(-1), "ledger.range"),
        (lambda: case_ledgers(1.5), "ledger.type"),
        (lambda: amount_ledgers(None), "ledger.type"),
        (lambda: case_records(units=()), "ledger.range"),
        (lambda: case_records(units="Hà Nội"), "ledger.type"),
        (lambda: case_records(units=("A", 5)), "ledger.type"),
        (lambda: case_records(units=("A", " ")), "ledger.empty_unit"),
        (lambda: case_records(max_amount=-1), "ledger.range"),
    ],
)
def test_strategy_arguments_are_checked_at_once(make: Callable[[], object], code: str) -> None:
    with pytest.raises(LedgerError) as info:
        make()
    assert info.value.code == code


def test_period_strategy_must_be_a_strategy() -> None:
    with pytest.raises(PeriodError, match="period_strategy") as info:
        case_records(period_strategy=ReportingPeriod(2021, 11))  # type: ignore[arg-type]
    assert info.value.code == "period.type"


def test_strategies_are_registered_with_from_type() -> None:
    """st.from_type and st.builds find the library's values (they failed before)."""
    from hypothesis import find

    from thads_metrics import AmountLedger, CaseRecord, Target

    def total(ledger: CaseLedger, period: ReportingPeriod) -> tuple[int, int]:
        return ledger.to_enforce, period.months

    assert find(st.builds(total), lambda pair: pair[0] > 10 and pair[1] == 12)[1] == 12
    assert isinstance(find(st.from_type(AmountLedger), lambda _: True), AmountLedger)
    assert isinstance(find(st.from_type(CaseRecord), lambda _: True), CaseRecord)
    assert isinstance(find(st.from_type(Target), lambda _: True), Target)
