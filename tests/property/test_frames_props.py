"""Frames round-trip any ledgers exactly; vectorised rates equal the scalar ones."""

from __future__ import annotations

import io
import unicodedata

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from thads_metrics import LedgerError, LedgerPair, ReportingPeriod, round_rate
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


# parquet stores int64: amounts up to 10^17 đồng a row keep every derived row within it
parquet_tables = st.dictionaries(
    st.tuples(st.sampled_from(["A", "Phòng THADS khu vực 1 - Cần Thơ"]), periods(2020, 2026)),
    st.builds(LedgerPair, case_ledgers(), amount_ledgers(10**17)),
    max_size=6,
)


@given(parquet_tables, st.integers(0, 4))
def test_parquet_round_trip(table: dict, places: int) -> None:  # type: ignore[type-arg]
    df = add_rate_columns(to_frame(table), places)
    buffer = io.BytesIO()
    df.to_parquet(buffer)
    back = pd.read_parquet(io.BytesIO(buffer.getvalue()))
    assert from_frame(back) == table
    for name in ("conditions_share", "completion_rate"):
        assert back[name].tolist() == df[name].tolist()
        assert back[f"{name}_float"].equals(df[f"{name}_float"])


@given(tables)
def test_period_labels_and_last_days_read_back_the_same_periods(table: dict) -> None:  # type: ignore[type-arg]
    df = to_frame(table)
    assert [ReportingPeriod.ending(d.date()).label for d in df["period_end"]] == list(df["period"])
    assert from_frame(df.assign(period=df["period_end"])) == table


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


_RATE_COLUMNS = (
    "completed",
    "terminated",
    "reduced",
    "in_progress",
    "postponed",
    "suspended",
    "other",
    "without_conditions",
)
_SPELLINGS = {
    "viec": ["viec", "việc", "VIỆC", "Viec", unicodedata.normalize("NFD", "việc"), " viec"],
    "tien": ["tien", "tiền", "TIỀN", "Tien", unicodedata.normalize("NFD", "Tiền"), "tien\t"],
}


@given(tables, st.data())
def test_kind_spellings_of_csv_files_are_read(table: dict, data: st.DataObject) -> None:  # type: ignore[type-arg]
    df = to_frame(table)
    df["kind"] = pd.Series(
        [data.draw(st.sampled_from(_SPELLINGS[kind])) for kind in df["kind"]], dtype=object
    )
    assert from_frame(df) == table


@given(tables.filter(bool), st.sampled_from(["unsigned", "object"]), st.integers(0, 4))
def test_rates_do_not_depend_on_the_integer_dtype(table: dict, dtype: str, places: int) -> None:  # type: ignore[type-arg]
    df = to_frame(table)
    expected = add_rate_columns(df, places)
    recast = df.astype(dict.fromkeys(_RATE_COLUMNS, np.uint64 if dtype == "unsigned" else object))
    got = add_rate_columns(recast, places)
    assert got["completion_rate"].tolist() == expected["completion_rate"].tolist()
    assert got["conditions_share"].tolist() == expected["conditions_share"].tolist()


@given(
    tables.filter(bool),
    st.sampled_from(_RATE_COLUMNS),
    st.data(),
    st.integers(max_value=-1),
    st.booleans(),
)
def test_negative_values_are_refused_by_rates(
    table: dict,  # type: ignore[type-arg]
    column: str,
    data: st.DataObject,
    value: int,
    as_object: bool,
) -> None:
    df = to_frame(table)
    if as_object or value < -(2**63):
        df = df.astype({column: object})
    row = data.draw(st.integers(0, len(df) - 1))
    df.loc[row, column] = value
    with pytest.raises(LedgerError, match=f"column {column}, row {row}: .* is negative"):
        add_rate_columns(df)
