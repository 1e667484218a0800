"""Properties of aggregate: it is the sum of per-record ledgers, and it splits over +."""

from __future__ import annotations

import random
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from thads_metrics.calendar import ReportingPeriod
from thads_metrics.cases import Aggregation, CaseRecord, LedgerPair, Origin, aggregate
from thads_metrics.classification import Status

PERIODS = [ReportingPeriod(2023, 6), ReportingPeriod(2023, 12), ReportingPeriod(2024, 3)]
STATUSES = [s for s in Status if s is not Status.REDUCED]

# Amounts: mostly small, sometimes beyond the 64 bits the fast path packs.
amounts = st.one_of(
    st.integers(0, 1_000),
    st.integers(0, 10**15),
    st.integers(2**64 - 2, 2**64 + 2),
    st.integers(0, 10**40),
)


@st.composite
def case_records(draw: Any) -> CaseRecord:
    due = draw(amounts)
    common: dict[str, Any] = {
        "unit": draw(st.sampled_from(["Long An", "TP.HCM", "Đồng Nai"])),
        "period": draw(st.sampled_from(PERIODS)),
        "origin": draw(st.sampled_from(list(Origin))),
        "amount_due": due,
    }
    left = draw(st.sampled_from([None, None, None, "entrusted", "withdrawn"]))
    if left is not None:
        return CaseRecord(**common, **{left: True})
    status = draw(st.sampled_from(STATUSES))
    finished = draw(st.integers(0, due))
    reduced = due - finished if status is Status.COMPLETED else draw(st.integers(0, due - finished))
    return CaseRecord(**common, status=status, amount_finished=finished, amount_reduced=reduced)


record_lists = st.lists(case_records(), max_size=40)
groupings = st.sampled_from(
    [
        ("unit", "period"),
        ("unit",),
        "unit",
        "period",
        (),
        ("period", "origin"),
        "status",
        ("withdrawn", "unit"),
    ]
)


def key_of(record: CaseRecord, by: Any) -> Any:
    if isinstance(by, str):
        return getattr(record, by)
    return tuple(getattr(record, name) for name in by)


@given(record_lists, groupings)
def test_aggregate_is_the_sum_of_per_record_ledgers(records: list[CaseRecord], by: Any) -> None:
    expected: dict[Any, LedgerPair] = {}
    for r in records:
        key = key_of(r, by)
        expected[key] = expected.get(key, LedgerPair()) + r.ledgers()
    assert aggregate(records, by=by) == Aggregation(expected)
    assert aggregate(iter(records), by=by) == Aggregation(expected)


@given(record_lists)
def test_a_key_function_gives_the_same_groups(records: list[CaseRecord]) -> None:
    by_function = aggregate(records, by=lambda r: (r.unit, r.period))
    assert by_function == aggregate(records)


@given(record_lists, st.data())
def test_splitting_the_input_anywhere_and_adding_gives_the_same(
    records: list[CaseRecord], data: Any
) -> None:
    cut = data.draw(st.integers(0, len(records)))
    by = data.draw(groupings)
    whole = aggregate(records, by=by)
    assert aggregate(records[:cut], by=by) + aggregate(records[cut:], by=by) == whole
    assert aggregate(records[cut:], by=by) + aggregate(records[:cut], by=by) == whole


@given(record_lists, st.integers(1, 5), st.randoms(use_true_random=False))
def test_any_partition_reduces_to_the_whole(
    records: list[CaseRecord], parts: int, rnd: random.Random
) -> None:
    buckets: list[list[CaseRecord]] = [[] for _ in range(parts)]
    for r in records:
        buckets[rnd.randrange(parts)].append(r)
    mapped = [aggregate(bucket) for bucket in buckets]
    assert sum(mapped, start=Aggregation()) == aggregate(records)
    shuffled = list(records)
    rnd.shuffle(shuffled)
    assert aggregate(shuffled) == aggregate(records)


@given(record_lists)
def test_totals_over_all_groups_agree(records: list[CaseRecord]) -> None:
    total = sum((r.ledgers() for r in records), start=LedgerPair())
    assert aggregate(records).total() == total
    assert aggregate(records, by=()).get((), LedgerPair()) == total
    cases, money = total
    assert cases.accepted == len(records)
    assert money.accepted == sum(r.amount_due for r in records)
    assert money.completed == sum(r.amount_finished for r in records)
    assert money.reduced == sum(r.amount_reduced for r in records)
