"""Frames round-trip any ledgers exactly; vectorised rates equal the scalar ones."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from thads_metrics import LedgerPair, round_rate
from thads_metrics.frames import add_rate_columns, from_frame, to_frame
from thads_metrics.testing import amount_ledgers, case_ledgers, periods

pairs = st.builds(LedgerPair, case_ledgers(), amount_ledgers(10**19))
tables = st.dictionaries(
    st.tuples(st.sampled_from(["A", "B", "Phòng khu vực 1"]), periods(2020, 2026)),
    pairs,
    max_size=6,
)


@given(tables)
def test_round_trip(table: dict) -> None:  # type: ignore[type-arg]
    assert from_frame(to_frame(table)) == table


@given(tables, st.integers(0, 4), st.booleans())
def test_rate_columns_equal_scalar_rates(table: dict, places: int, reduced: bool) -> None:  # type: ignore[type-arg]
    df = add_rate_columns(to_frame(table), places, count_reduced=reduced)
    for index, (pair, kind) in enumerate((p, k) for p in table.values() for k in ("viec", "tien")):
        ledger = pair.cases if kind == "viec" else pair.amounts
        row = df.iloc[index]
        if ledger.with_conditions:
            if kind == "tien":
                rate = ledger.completion_rate(count_reduced=reduced)
            else:
                rate = ledger.completion_rate()
            assert row["completion_rate"] == round_rate(rate, places)
        else:
            assert row["completion_rate"] is None
        if ledger.to_enforce:
            assert row["conditions_share"] == round_rate(ledger.conditions_share(), places)
