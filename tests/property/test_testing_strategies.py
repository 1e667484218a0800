"""The public hypothesis strategies generate only valid, varied values."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from thads_metrics import (
    AmountLedger,
    CaseLedger,
    CaseRecord,
    EnforcementYear,
    LedgerPair,
    ReportingPeriod,
    aggregate,
    format_dong,
    parse_dong,
)
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


@given(case_ledgers(), amount_ledgers())
def test_ledgers_are_valid_and_consistent(cases: CaseLedger, money: AmountLedger) -> None:
    for ledger in (cases, money):
        assert ledger.to_enforce == ledger.with_conditions + ledger.without_conditions
        assert ledger.accepted == ledger.carried_over + ledger.newly_accepted
        assert 0 <= ledger.finished <= ledger.with_conditions <= ledger.to_enforce
        assert type(ledger)(**{n: getattr(ledger, n) for n in ledger.STORED}) == ledger


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
