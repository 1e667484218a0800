"""Aggregator: batches, merges across workers and pickling give what aggregate gives."""

from __future__ import annotations

import itertools
import pickle
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thads_metrics import columnar
from thads_metrics.calendar import ReportingPeriod
from thads_metrics.cases import (
    Aggregation,
    Aggregator,
    CaseRecord,
    LedgerPair,
    Origin,
    aggregate,
    group_keys,
)
from thads_metrics.classification import Status
from thads_metrics.errors import LedgerError
from thads_metrics.ledger.layouts import TT01_2013, TT05_2024, TT06_2019, layout_for
from thads_metrics.testing import case_records

P = ReportingPeriod(2023, 12)
#: Periods of the three layouts: 01/2013 (2019, 3 tháng 2020), 06/2019 (2022, 9 tháng
#: 2024) and 05/2024 (2024).
PERIODS = tuple(
    ReportingPeriod(year, months)
    for year, months in ((2019, 12), (2020, 3), (2022, 12), (2024, 9), (2024, 12))
)


def _record(unit: str, status: Status, due: int = 0) -> CaseRecord:
    return CaseRecord(unit=unit, period=P, origin=Origin.NEW, status=status, amount_due=due)


@given(
    st.lists(case_records(), max_size=40),
    st.lists(st.integers(0, 40), max_size=4),
    st.sampled_from([("unit", "period"), ("unit",), "period", ("period", "unit", "origin")]),
)
def test_batches_and_merges_give_what_aggregate_gives(
    records: list[CaseRecord], cuts: list[int], by: object
) -> None:
    """However the records are split into batches and workers, and sent by pickle."""
    bounds = sorted({0, len(records), *(min(c, len(records)) for c in cuts)})
    parts = [records[a:b] for a, b in itertools.pairwise(bounds)]
    workers = [Aggregator(by).update(part) for part in parts]  # type: ignore[arg-type]
    total = Aggregator(by)  # type: ignore[arg-type]
    for worker in workers:
        total.merge(pickle.loads(pickle.dumps(worker)))
    one = Aggregator(by)  # type: ignore[arg-type]
    for part in parts:
        one.update(part)
    assert _outcome(lambda: aggregate(records, by=by)) == _outcome(total.result)  # type: ignore[arg-type]
    assert _outcome(one.result) == _outcome(total.result)


def _outcome(build: Callable[[], Aggregation]) -> Aggregation | str:
    """The aggregation, or the code of the error refusing it (records of periods under two
    circulars grouped without the period are refused by every path alike)."""
    try:
        return build()
    except LedgerError as refused:
        return refused.code


def _by_unit(record: CaseRecord) -> str:
    return record.unit


def _by_period_and_unit(record: CaseRecord) -> tuple[ReportingPeriod, str]:
    return record.period, record.unit


BYS: tuple[Any, ...] = (
    ("unit", "period"),
    ("period", "unit"),
    ("unit",),
    "unit",
    "period",
    (),
    _by_unit,
    _by_period_and_unit,
)


def _summed(records: list[CaseRecord], by: Any) -> dict[Any, LedgerPair] | str:
    """Each group's ledgers as the sum of its records' own (CaseRecord.ledgers, in the
    layout of each record's period), or the code of the error the sum raises."""
    key_of, public = group_keys(by)
    groups: dict[Any, list[LedgerPair]] = {}
    for record in records:
        groups.setdefault(public(key_of(record)), []).append(record.ledgers())
    try:
        return {key: sum(pairs, start=LedgerPair()) for key, pairs in groups.items()}
    except LedgerError as refused:
        return refused.code


@given(
    st.lists(case_records(period_strategy=st.sampled_from(PERIODS), max_amount=2**70), max_size=30),
    st.sampled_from(BYS),
)
def test_every_grouping_gives_each_group_the_layout_of_its_records_periods(
    records: list[CaseRecord], by: Any
) -> None:
    """One rule whatever ``by`` is: a group is the sum of its records' ledgers, each in the
    layout of its period; a group of records under two circulars is refused."""
    result = _outcome(lambda: aggregate(records, by=by))
    expected = _summed(records, by)
    if isinstance(expected, str):
        assert result == expected == "ledger.layout"
        return
    assert not isinstance(result, str)
    assert dict(result) == expected
    for key, pair in result.items():
        group = [r for r in records if group_keys(by)[1](group_keys(by)[0](r)) == key]
        (layout,) = {layout_for(r.period.end) for r in group}
        assert pair.cases.layout is layout
        assert pair.amounts.layout is layout


def test_records_of_2022_get_the_layout_of_06_2019_whatever_the_grouping() -> None:
    """2022 reports are on the forms of Thông tư 06/2019, with "hoãn, tạm đình chỉ" apart."""
    p2022 = ReportingPeriod(2022, 12)
    statuses = (Status.COMPLETED, Status.STAYED, Status.WITHOUT_CONDITIONS)
    records = [CaseRecord(unit="A", period=p2022, origin=Origin.NEW, status=s) for s in statuses]
    for by in BYS:
        for chosen in (records, [r for r in records if r.status is not Status.STAYED]):
            (pair,) = aggregate(chosen, by=by).values()
            assert pair.cases.layout is TT06_2019, by
            assert pair.cases.stayed == (len(chosen) == 3)


@pytest.mark.skipif(not columnar.available(), reason="needs pyarrow and numpy")
def test_the_columnar_path_gives_each_period_its_layout_as_aggregate_does() -> None:
    import pyarrow as pa

    table = pa.table(
        {
            "unit": ["A", "A", "A", "A", "B"],
            "period": ["năm 2022", "năm 2022", "năm 2022", "6 tháng năm 2019", "năm 2024"],
            "origin": ["newly_accepted"] * 5,
            "status": ["completed", "stayed", "without_conditions", "postponed", "stayed"],
        }
    )
    result = columnar.aggregate_table(table)
    records = [
        CaseRecord(unit=u, period=p, origin=Origin.NEW, status=s)
        for u, p, s in (
            ("A", ReportingPeriod(2022, 12), Status.COMPLETED),
            ("A", ReportingPeriod(2022, 12), Status.STAYED),
            ("A", ReportingPeriod(2022, 12), Status.WITHOUT_CONDITIONS),
            ("A", ReportingPeriod(2019, 6), Status.POSTPONED),
            ("B", ReportingPeriod(2024, 12), Status.STAYED),
        )
    ]
    assert dict(result) == dict(aggregate(records))
    assert result["A", ReportingPeriod(2022, 12)].cases.layout is TT06_2019
    assert result["A", ReportingPeriod(2019, 6)].cases.layout is TT01_2013
    assert result["B", ReportingPeriod(2024, 12)].cases.layout is TT05_2024


def test_plus_leaves_both_sides_as_they_were() -> None:
    left = Aggregator().update([_record("A", Status.COMPLETED)])
    right = Aggregator().update([_record("A", Status.OTHER), _record("B", Status.OTHER)])
    both = left + right
    assert len(left) == 1
    assert len(right) == 2
    assert len(both) == 2
    assert both.result()[("A", P)].cases.with_conditions == 2
    assert left.result()[("A", P)].cases.with_conditions == 1
    assert repr(both) == "Aggregator(by=('unit', 'period'), groups=2)"


def test_amounts_too_large_to_pack_stay_exact_across_merges() -> None:
    huge = 2**70 + 3
    left = Aggregator().update([_record("A", Status.IN_PROGRESS, huge)])
    right = Aggregator().update([_record("A", Status.IN_PROGRESS, 5)])
    money = pickle.loads(pickle.dumps(left)).merge(right).result()[("A", P)].amounts
    assert money.in_progress == huge + 5


def test_the_state_pickles_small() -> None:
    records = [_record(f"Đơn vị {i}", Status.IN_PROGRESS, 10**9) for i in range(1_000)]
    state = pickle.dumps(Aggregator().update(records))
    ledgers = pickle.dumps(dict(aggregate(records)))  # the ledger objects, built
    assert len(state) < len(ledgers) / 2  # integers per group, not ledger objects


def test_merging_different_groupings_is_refused() -> None:
    with pytest.raises(LedgerError) as caught:
        Aggregator(("unit",)).merge(Aggregator())
    assert caught.value.code == "ledger.operation"
    with pytest.raises(LedgerError):
        Aggregator(layout="tt01-2013").merge(Aggregator(layout="tt06-2019"))
    with pytest.raises(LedgerError):
        Aggregator().merge("sums")  # type: ignore[arg-type]
    with pytest.raises(LedgerError):
        Aggregator().update(None)  # type: ignore[arg-type]
    with pytest.raises(LedgerError):
        Aggregator().update(["record"])  # type: ignore[list-item]
    with pytest.raises(LedgerError):
        Aggregator(by="province")


def test_an_error_of_the_records_source_itself_goes_through() -> None:
    """An AttributeError raised by the source before any record is not a bad record."""

    def broken() -> Any:
        raise AttributeError("broken source")
        yield  # pragma: no cover

    with pytest.raises(AttributeError, match="broken source"):
        aggregate(broken())
    with pytest.raises(AttributeError, match="broken source"):
        aggregate(broken(), by="unit")
    with pytest.raises(LedgerError):  # a record that is not one is still refused
        aggregate([object()])  # type: ignore[list-item]


def test_a_result_keeps_its_sums_when_the_aggregator_goes_on() -> None:
    aggregator = Aggregator().update([_record("A", Status.OTHER, 5)])
    first = aggregator.result()
    aggregator.update([_record("A", Status.IN_PROGRESS, 7)])
    assert first == Aggregator().update([_record("A", Status.OTHER, 5)]).result()
    assert aggregator.result()[("A", P)].cases.accepted == 2


def test_a_result_builds_each_group_when_looked_up_and_pickles() -> None:
    records = [_record(f"Đơn vị {i}", Status.IN_PROGRESS, 10**9) for i in range(50)]
    result = Aggregator().update(records).result()
    assert sum(type(v) is LedgerPair for v in result._groups.values()) == 0
    pair = result[("Đơn vị 7", P)]
    assert sum(type(v) is LedgerPair for v in result._groups.values()) == 1
    assert pair == aggregate(records[7:8])[("Đơn vị 7", P)]
    again = pickle.loads(pickle.dumps(result))
    assert again == result == dict(result)
    assert len(again) == 50
    assert repr(aggregate(records[:1])).startswith("Aggregation({('Đơn vị 0'")


def test_an_aggregator_pickled_by_an_earlier_version_is_refused() -> None:
    # Its sums were 32 a group whatever the layout; read now, they would land in one layout.
    state = Aggregator(by="unit").__getstate__()
    state["periods"] = set()
    fresh = Aggregator.__new__(Aggregator)
    with pytest.raises(LedgerError) as info:
        fresh.__setstate__(state)
    assert info.value.code == "ledger.type"
