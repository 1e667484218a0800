"""The columnar path (thads_metrics.columnar) gives what the row path gives.

Records drawn by the library's own strategy are written as a table (text,
integer and yes/no columns, as a CSV or a frame holds them) and aggregated a
column at a time; the ledgers must be those of ``aggregate`` on the records,
whatever the batches, and a table with an error must raise what the row path
raises.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support import outcome

from thads_metrics.calendar import ReportingPeriod
from thads_metrics.cases import Aggregator, CaseRecord, aggregate
from thads_metrics.columnar import aggregate_table, has_long_line, table_aggregator
from thads_metrics.csvio import read_case_records
from thads_metrics.errors import CsvError, ParseError, ThadsError
from thads_metrics.testing import case_records, periods

RECORDS = st.lists(
    case_records(units=("Hà Nội", "Huế", "TP. Hồ Chí Minh"), period_strategy=periods(2018, 2025),
                 max_amount=10**19),
    max_size=40,
)  # fmt: skip


def columns(records: list[CaseRecord], typed: bool) -> dict[str, Any]:
    """The records' cells by column: as a CSV writes them, or with typed columns."""
    big = any(r.amount_due >= 2**63 for r in records)

    def amount(value: int) -> Any:
        return value if typed and not big else str(value)

    return {
        "unit": [r.unit for r in records],
        "period": [r.period.label for r in records],
        "origin": [r.origin.value for r in records],
        "status": [None if r.status is None else r.status.value for r in records],
        "entrusted": [r.entrusted if typed else ("1" if r.entrusted else "") for r in records],
        "withdrawn": [r.withdrawn if typed else ("có" if r.withdrawn else "0") for r in records],
        "amount_due": [amount(r.amount_due) for r in records],
        "amount_finished": [amount(r.amount_finished) for r in records],
        "amount_reduced": [amount(r.amount_reduced) for r in records],
    }


def table_of(records: list[CaseRecord], typed: bool) -> pa.Table:
    data = columns(records, typed)
    schema = None
    if not records:
        schema = pa.schema([(name, pa.string()) for name in data])
    return pa.table(data, schema=schema)


@settings(max_examples=150)
@given(RECORDS, st.booleans(), st.integers(1, 7))
def test_a_table_gives_the_ledgers_of_its_records(
    records: list[CaseRecord], typed: bool, size: int
) -> None:
    table = table_of(records, typed)
    expected = aggregate(records)
    assert aggregate_table(table) == expected
    assert aggregate_table(table.to_batches(max_chunksize=size)) == expected


@settings(max_examples=60)
@given(RECORDS, st.integers(0, 40))
def test_aggregators_of_any_split_merge_to_the_whole(records: list[CaseRecord], at: int) -> None:
    table = table_of(records, typed=True)
    left = table_aggregator(table.slice(0, at))
    right = table_aggregator(table.slice(at))
    assert (left + right).result() == aggregate(records)
    assert table_aggregator(table.slice(at), into=left).result() == aggregate(records)


@settings(max_examples=60)
@given(RECORDS)
def test_a_pandas_frame_gives_the_same_ledgers(records: list[CaseRecord]) -> None:
    frame = pd.DataFrame(columns(records, typed=False))
    assert aggregate_table(frame) == aggregate(records)


CELLS = {
    "unit": ["A", "", " B"],
    "period": ["năm 2024", "30/6/2019", "x", "năm 2018"],
    "origin": ["new", "carried_over", "?"],
    "status": ["completed", "other", "stayed", "", "reduced"],
    "entrusted": ["", "1", "maybe"],
    "amount_due": ["5", "", "1.000", "-1", "9" * 19, "abc"],
    "amount_finished": ["0", "5", "2000", ""],
    "accepted_on": ["", "", "2024-01-02", "bad"],
}


@settings(max_examples=300)
@given(st.lists(st.fixed_dictionaries({k: st.sampled_from(v) for k, v in CELLS.items()}),
                min_size=1, max_size=8))  # fmt: skip
def test_a_table_with_errors_raises_what_the_row_path_raises(rows: list[dict[str, str]]) -> None:
    names = list(CELLS)
    table = pa.table({name: [row[name] for row in rows] for name in names})
    lines = [",".join(names)] + [",".join(row[name] for name in names) for row in rows]
    expected = outcome(lambda: aggregate(read_case_records(lines, "<table>")))
    got = outcome(lambda: aggregate_table(table, first_row=2))  # line 1 is the header
    assert got == expected


def test_a_batch_with_an_error_adds_nothing() -> None:
    good = {"unit": ["A"], "period": ["năm 2024"], "origin": ["new"], "status": ["other"],
            "amount_due": [5]}  # fmt: skip
    aggregator = table_aggregator(pa.table(good))
    bad = good | {"amount_due": [-5]}
    with pytest.raises(CsvError) as info:
        table_aggregator(pa.table(bad), into=aggregator, first_row=7)
    assert (info.value.code, info.value.line) == ("csv.number", 7)  # "-5", as in a CSV
    assert aggregator.result() == table_aggregator(pa.table(good)).result()


def test_a_table_without_a_required_column_is_refused() -> None:
    with pytest.raises(CsvError) as info:
        aggregate_table(pa.table({"unit": ["A"], "period": ["năm 2024"]}))
    assert info.value.code == "csv.header"
    assert "origin" in str(info.value)


@pytest.mark.parametrize("data", [42, "unit,period", [1, 2]])
def test_what_is_not_a_table_is_refused(data: object) -> None:
    with pytest.raises(ParseError) as info:
        aggregate_table(data)
    assert info.value.code == "parse.type"


def test_a_long_line_is_found_with_its_end() -> None:
    assert has_long_line(b"ab\ncdef\ng", 4)  # "cdef\n" is 5 bytes
    assert not has_long_line(b"ab\ncdef\ng", 5)
    assert has_long_line(b"abc", 2)
    assert not has_long_line(b"", 0)
    table = pa.table({"a": ["x" * 10], "b": ["y"]})  # a bound: (10 + 1) * 2 + 1 = 23
    assert not has_long_line(b"x" * 10 + b",y\n", 23, table)
    wide = pa.table({"a": ["x" * 30], "b": ["y"]})  # past the bound: the bytes are scanned
    assert has_long_line(b"x" * 30 + b",y\n", 23, wide)
    assert not has_long_line(b"x" * 30 + b",y\n", 33, wide)


def test_an_aggregator_of_another_grouping_has_no_sinks() -> None:
    table = pa.table({"unit": ["A"], "period": ["năm 2024"], "origin": ["new"]})
    with pytest.raises(ThadsError) as info:
        table_aggregator(table, into=Aggregator(by=("unit",)))
    assert info.value.code == "ledger.operation"


def test_a_column_given_twice_is_refused() -> None:
    table = pa.Table.from_arrays(
        [pa.array(["A"]), pa.array(["năm 2024"]), pa.array(["new"]), pa.array(["B"])],
        names=["unit", "period", "origin", "unit"],
    )
    with pytest.raises(CsvError) as info:
        aggregate_table(table)
    # The code of a CSV header that names a column twice.
    assert (info.value.code, info.value.details["value"]) == ("csv.duplicate_column", ("unit",))


def test_a_column_without_text_is_refused() -> None:
    table = pa.table({"unit": [b"\xff"], "period": ["năm 2024"], "origin": ["new"]})
    with pytest.raises(ParseError) as info:
        aggregate_table(table)
    assert info.value.code == "parse.type"
    assert "unit" in str(info.value)


def test_frames_with_nulls_read_as_empty_cells() -> None:
    frame = pd.DataFrame(
        {
            "unit": ["A", "A", "B"],
            "period": ["năm 2024"] * 3,
            "origin": ["new", "new", "carried_over"],
            "status": [None, "other", "completed"],
            "entrusted": [True, None, False],
            "amount_due": pd.array([7, None, 5], dtype="Int64"),
            "amount_finished": pd.array([None, None, 5], dtype="Int64"),
        }
    )
    lines = ["unit,period,origin,status,entrusted,amount_due,amount_finished",
             "A,năm 2024,new,,true,7,", "A,năm 2024,new,other,,,",
             "B,năm 2024,carried_over,completed,false,5,5"]  # fmt: skip
    assert aggregate_table(frame) == aggregate(read_case_records(lines))


def test_numbers_are_read_without_importing_pandas(tmp_path: Any) -> None:
    """The columnar path reads arrays through numpy alone: pyarrow's ``to_numpy`` would
    import pandas, a sixth of the time of a million-row file."""
    import subprocess
    import sys

    path = tmp_path / "r.csv"
    path.write_text("unit,period,origin,status,amount_due\nA,năm 2024,new,other,5\n")
    code = (
        "import sys; from thads_metrics.csvio import read_csv; "
        f"read_csv({str(path)!r}, engine='arrow'); print('pandas' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_arrays_with_an_offset_read_as_numpy() -> None:
    from thads_metrics.columnar import _numpy

    assert _numpy(pa.array([1, 2, 3, 4], pa.int32()).slice(1, 2)).tolist() == [2, 3]
    assert _numpy(pa.array([True, False, True, True]).slice(1, 3)).tolist() == [False, True, True]
    assert _numpy(pa.chunked_array([[1], [2, 3]], pa.int64())).tolist() == [1, 2, 3]


def test_columns_of_other_arrow_types_read_as_their_cells() -> None:
    five = pa.array(["5"]).dictionary_encode()
    coded = pa.table({"unit": ["A"], "period": ["năm 2024"], "origin": ["new"],
                      "status": ["in_progress"], "amount_due": five})  # fmt: skip
    assert aggregate_table(coded)["A", ReportingPeriod(2024, 12)].amounts.in_progress == 5
    empty_name = pa.DictionaryArray.from_arrays(pa.array([0, 1], pa.int32()), ["A", None])
    unnamed = pa.table({"unit": empty_name, "period": ["năm 2024"] * 2, "origin": ["new"] * 2,
                        "status": ["other"] * 2})  # fmt: skip
    with pytest.raises(CsvError) as info:
        aggregate_table(unnamed)
    assert (info.value.code, info.value.line) == ("csv.unit", 2)


def test_float_amounts_are_refused_not_rounded() -> None:
    table = pa.table({"unit": ["A"], "period": ["năm 2024"], "origin": ["new"],
                      "status": ["other"], "amount_due": [5.0]})  # fmt: skip
    with pytest.raises(ParseError) as info:
        aggregate_table(table)
    assert info.value.code == "parse.type"
    assert "amount_due" in str(info.value)


def test_an_empty_table_has_its_columns_checked() -> None:
    with pytest.raises(CsvError):
        aggregate_table(pa.table({"unit": pa.array([], pa.string())}))
    with pytest.raises(CsvError):
        aggregate_table(pd.DataFrame({"unit": []}))
    empty = pa.table({name: pa.array([], pa.string()) for name in ("unit", "period", "origin")})
    assert dict(aggregate_table(empty)) == {}


@settings(max_examples=300)
@given(
    st.lists(st.integers(1, 40), min_size=0, max_size=4).flatmap(
        lambda sizes: st.tuples(
            st.just(sizes),
            st.lists(st.tuples(*(st.integers(0, k - 1) for k in sizes)), max_size=60),
        )
    ),
    st.integers(0, 3),
)
def test_combinations_counted_or_sorted_are_the_same(drawn: Any, extra: int) -> None:
    # The key cells' combinations are numbered by counting the possible numbers (few) or
    # by sorting them (many): the same numbers and cells either way, and the same as a
    # plain dictionary of the rows' cells in sorted order.
    import numpy as np

    from thads_metrics.columnar import _combinations

    sizes, rows = drawn
    sizes = [*sizes, *([50_000] * extra)]  # more columns: more possible numbers than rows
    rows = [(*row, *(i % 3 for _ in range(extra))) for i, row in enumerate(rows)]
    columns_codes = [
        (np.array([row[c] for row in rows], dtype=np.int64), [f"c{c}v{v}" for v in range(k)])
        for c, k in enumerate(sizes)
    ]
    counted = _combinations(columns_codes, len(rows), np)
    ordered = _combinations(columns_codes, len(rows), np, sort=True)
    assert counted[0].tolist() == ordered[0].tolist()
    assert counted[1] == ordered[1]
    distinct = sorted(set(rows))
    expected = [tuple(f"c{c}v{v}" for c, v in enumerate(row)) for row in distinct]
    if sizes:
        assert counted[1] == expected
        assert counted[0].tolist() == [distinct.index(row) for row in rows]
