"""JSON round trips are lossless for every value the library serialises."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from thads_metrics.ledger import AmountLedger, CaseLedger
from thads_metrics.serialize import dumps, loads, to_data
from thads_metrics.targets import TargetBook
from thads_metrics.testing import (
    amount_ledgers,
    case_ledgers,
    periods,
    quarters,
    targets,
    years,
)

values = st.one_of(
    years(), periods(), quarters(), case_ledgers(), amount_ledgers(10**17), targets()
)


@given(values)
def test_round_trip_is_exact(value: object) -> None:
    text = dumps(value)  # type: ignore[arg-type]
    back = loads(text)
    assert back == value
    assert type(back) is type(value)


@given(st.lists(values, max_size=5))
def test_lists_round_trip(items: list[object]) -> None:
    assert loads(dumps(items)) == items  # type: ignore[arg-type]


@given(amount_ledgers(10**18))
def test_amounts_stay_json_integers(ledger: AmountLedger) -> None:
    data = json.loads(dumps(ledger))
    assert all(type(v) is int for v in data["rows"].values())
    assert data["derived"]["to_enforce"] == ledger.to_enforce


@given(case_ledgers())
def test_ledgers_from_totals_keep_what_they_do_not_know(ledger: CaseLedger) -> None:
    partial = CaseLedger.from_totals(
        to_enforce=ledger.to_enforce,
        with_conditions=ledger.with_conditions,
        finished=ledger.finished,
    )
    back = loads(dumps(partial))
    assert back == partial
    assert back.unknown == partial.unknown
    assert "unknown" in to_data(partial)


@given(
    st.dictionaries(
        st.tuples(st.integers(2000, 2100), st.sampled_from([None, "A", "B"])), targets(), max_size=4
    ),
    st.booleans(),
)
def test_target_books_round_trip(mapping: dict, national: bool) -> None:  # type: ignore[type-arg]
    book = TargetBook(mapping, national=national)
    assert loads(dumps(book)) == book
