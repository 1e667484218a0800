"""The follow-up of administrative judgments (theo dõi thi hành án hành chính)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thads_metrics.errors import LedgerError
from thads_metrics.ledger import AdministrativeLedger


def test_tp_hcm_6_months_2019() -> None:
    """plo.vn: 54 followed (39 carried over, 15 new), 16 orders, 5 finished, 49 followed on."""
    hcm = AdministrativeLedger(
        carried_over=39, newly_accepted=15, finished=5, pending=49, compulsion_orders=16
    )
    assert hcm.followed == 54
    assert hcm.rows()["pending"] == 49
    assert (
        AdministrativeLedger.from_totals(carried_over=39, newly_accepted=15, finished=5).rows()[
            "followed"
        ]
        == 54
    )
    derived = AdministrativeLedger.from_totals(followed=54, finished=5, stayed=0)
    assert derived.pending == 49
    assert derived.is_known("pending")
    assert not derived.is_known("carried_over")


def test_national_2024_and_2020() -> None:
    national = AdministrativeLedger.from_totals(followed=1_973, finished=896, stayed=11)
    assert national.pending == 1_066  # noichinh.vn: "1.066 bản án" still followed
    assert round(
        AdministrativeLedger.from_totals(followed=830, finished=363).completion_rate(), 2
    ) == Decimal("43.73")


def test_identity_and_types_are_checked() -> None:
    with pytest.raises(LedgerError, match="rows do not add up") as info:
        AdministrativeLedger(carried_over=39, newly_accepted=15, finished=5, pending=50)
    assert info.value.code == "ledger.identity"
    with pytest.raises(LedgerError, match="impossible totals"):
        AdministrativeLedger.from_totals(followed=10, finished=8, stayed=5)
    with pytest.raises(LedgerError) as info:
        AdministrativeLedger(finished=1.0)  # type: ignore[arg-type]
    assert info.value.code == "ledger.type"
    with pytest.raises(LedgerError) as info:
        AdministrativeLedger.from_totals(decided=3)
    assert info.value.code == "ledger.no_such_row"
    with pytest.raises(LedgerError) as info:
        AdministrativeLedger.from_totals(followed=10).completion_rate()
    assert info.value.code == "ledger.unknown_value"


counts = st.integers(0, 10_000)


@st.composite
def ledgers(draw: st.DrawFn) -> AdministrativeLedger:
    finished, stayed, pending = draw(counts), draw(counts), draw(counts)
    followed = finished + stayed + pending
    carried = draw(st.integers(0, followed))
    return AdministrativeLedger(
        carried_over=carried,
        newly_accepted=followed - carried,
        finished=finished,
        stayed=stayed,
        pending=pending,
        compulsion_orders=draw(counts),
    )


@given(ledgers(), ledgers(), ledgers())
def test_merge_is_a_commutative_monoid(
    a: AdministrativeLedger, b: AdministrativeLedger, c: AdministrativeLedger
) -> None:
    assert a + b == b + a
    assert (a + b) + c == a + (b + c)
    assert a + AdministrativeLedger() == a
    assert sum([a, b, c], start=AdministrativeLedger()) == a + b + c


@given(ledgers())
def test_from_totals_of_all_stored_rows_is_the_ledger(a: AdministrativeLedger) -> None:
    rows = {
        name: getattr(a, name)
        for name in ("carried_over", "newly_accepted", "finished", "stayed", "pending")
    }
    assert AdministrativeLedger.from_totals(compulsion_orders=a.compulsion_orders, **rows) == a
