"""Frames in a notebook: the sample, parquet, describe(), the thads accessor, pandas dtypes."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import thads_metrics
from thads_metrics import (
    AmountLedger,
    CaseLedger,
    LedgerError,
    LedgerPair,
    ParseError,
    PeriodError,
    ReportingPeriod,
    TargetBook,
    round_rate,
)
from thads_metrics.csvio import load_sample
from thads_metrics.errors import ReportError
from thads_metrics.frames import (
    ThadsAccessor,
    add_rate_columns,
    from_frame,
    load_sample_frame,
    to_frame,
)
from thads_metrics.report import build_report

SAMPLE = resources.files("thads_metrics") / "data" / "sample_ledgers.csv"
YEAR_2025 = ReportingPeriod(2025, 12)
P = ReportingPeriod(2024, 12)
PAIR = LedgerPair(
    CaseLedger(newly_accepted=40, completed=30, in_progress=6, without_conditions=4),
    AmountLedger(
        newly_accepted=4_000,
        completed=1_000,
        reduced=200,
        in_progress=1_800,
        without_conditions=1_000,
    ),
)


@pytest.fixture(scope="module")
def table() -> dict:  # type: ignore[type-arg]
    return load_sample()


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    return load_sample_frame()


def _read_sample_with_pandas() -> pd.DataFrame:
    with SAMPLE.open("rb") as handle:
        return pd.read_csv(handle)


# --------------------------------------------------------------------------- the sample


def test_load_sample_gives_the_bundled_ledgers(table: dict) -> None:  # type: ignore[type-arg]
    assert len(table) == 144  # six units, the 24 months of two years
    assert {unit for unit, _ in table} >= {"Nghệ An", "TP. Hà Nội", "TP. Hồ Chí Minh"}
    cases = table["Nghệ An", YEAR_2025].cases
    assert (cases.to_enforce, cases.with_conditions, cases.finished) == (19_238, 14_629, 12_788)
    assert round_rate(cases.completion_rate(), 2) == Decimal("87.42")


def test_load_sample_is_exported_by_the_package() -> None:
    assert "load_sample" in thads_metrics.__all__
    assert thads_metrics.load_sample is load_sample


def test_the_sample_frame_is_the_frame_of_the_sample(
    table: dict,  # type: ignore[type-arg]
    frame: pd.DataFrame,
) -> None:
    pd.testing.assert_frame_equal(frame, to_frame(table))
    assert from_frame(frame) == table
    assert frame.shape == (288, 25)


def test_a_csv_read_by_pandas_makes_reports(table: dict) -> None:  # type: ignore[type-arg]
    raw = _read_sample_with_pandas()
    assert raw["period"].iloc[0] == "1 tháng năm 2024"  # text, as read_csv leaves it
    ledgers = from_frame(raw)
    assert ledgers == table
    pair = ledgers["Nghệ An", YEAR_2025]
    text = build_report("Nghệ An", YEAR_2025, pair.cases, pair.amounts).text()
    assert "Đã thi hành xong 12.788 việc" in text
    assert "đạt tỷ lệ 87,42%; vượt 3,52% so với chỉ tiêu 83,90%" in text


# --------------------------------------------------------------------------- the layout


def test_the_period_column_is_its_label_and_period_end_its_last_day(frame: pd.DataFrame) -> None:
    assert list(frame.columns[:5]) == ["unit", "period", "period_end", "kind", "layout"]
    assert str(frame["period_end"].dtype) == "datetime64[ns]"
    first = frame.iloc[0]
    assert (first["period"], first["period_end"]) == (
        "1 tháng năm 2024",
        pd.Timestamp(2023, 10, 31),
    )
    labels = frame.sort_values("period_end")["period"].unique().tolist()
    assert labels[:2] == ["1 tháng năm 2024", "2 tháng năm 2024"]
    assert labels[10:13] == ["11 tháng năm 2024", "năm 2024", "1 tháng năm 2025"]


def test_no_period_end_without_a_period_column() -> None:
    df = to_frame({"A": PAIR}, key_names=("unit",))
    assert "period_end" not in df.columns
    assert from_frame(df, ("unit",)) == {"A": PAIR}


def test_period_end_cannot_be_a_key_beside_period() -> None:
    with pytest.raises(LedgerError, match="key_names") as info:
        to_frame({("A", P, 1): PAIR}, ("unit", "period", "period_end"))
    assert info.value.code == "ledger.column"


# --------------------------------------------------------------------------- rates


def test_rate_columns_are_exact_with_a_float_copy_beside_each(frame: pd.DataFrame) -> None:
    rates = add_rate_columns(frame)
    assert list(rates.columns[-4:]) == [
        "conditions_share",
        "conditions_share_float",
        "completion_rate",
        "completion_rate_float",
    ]
    assert str(rates["completion_rate_float"].dtype) == "float64"
    row = rates[
        (rates["unit"] == "Nghệ An") & (rates["period"] == "năm 2025") & (rates["kind"] == "viec")
    ].iloc[0]
    assert row["completion_rate"] == Decimal("87.42")
    assert row["completion_rate_float"] == 87.42
    assert row["conditions_share"] == Decimal("76.04")
    for name in ("conditions_share", "completion_rate"):
        exact = rates[name].tolist()
        assert rates[f"{name}_float"].tolist() == [float(v) for v in exact]


def test_the_float_copy_is_nan_where_the_base_is_zero() -> None:
    rates = add_rate_columns(to_frame({("A", P): LedgerPair()}))
    assert rates["completion_rate"].tolist() == [None, None]
    assert rates["completion_rate_float"].isna().all()


def test_describe_gives_numbers(frame: pd.DataFrame) -> None:
    rates = add_rate_columns(frame)
    summary = rates[rates["kind"] == "viec"].describe()
    assert {"completion_rate_float", "conditions_share_float", "completed"} <= set(summary.columns)
    assert "completion_rate" not in summary.columns  # Decimal objects: not numbers to pandas
    assert summary.loc["count", "completion_rate_float"] == 144
    assert summary.loc["max", "completion_rate_float"] == 87.42
    assert summary.loc["min", "completion_rate_float"] == 4.63
    assert round(summary.loc["mean", "conditions_share_float"], 2) == 76.11


def test_a_pivot_for_a_plot_is_numeric(frame: pd.DataFrame) -> None:
    rates = add_rate_columns(frame)
    curve = rates[rates["kind"] == "viec"].pivot(
        index="period_end", columns="unit", values="completion_rate_float"
    )
    assert curve.shape == (24, 6)
    assert curve.dtypes.unique().tolist() == [np.dtype("float64")]
    assert curve.loc[pd.Timestamp(2025, 9, 30), "Nghệ An"] == 87.42


# --------------------------------------------------------------------------- parquet


def test_parquet_round_trip(
    tmp_path: Path,
    table: dict,  # type: ignore[type-arg]
    frame: pd.DataFrame,
) -> None:
    rates = add_rate_columns(frame)
    path = tmp_path / "sample.parquet"
    rates.to_parquet(path)
    back = pd.read_parquet(path)
    pd.testing.assert_frame_equal(back, rates)
    assert back["completion_rate"].tolist() == rates["completion_rate"].tolist()
    assert from_frame(back) == table


def test_parquet_round_trip_with_empty_rates(tmp_path: Path) -> None:
    rates = add_rate_columns(to_frame({("A", P): LedgerPair()}), 0)
    rates.to_parquet(tmp_path / "empty.parquet")
    back = pd.read_parquet(tmp_path / "empty.parquet")
    assert back["completion_rate"].tolist() == [None, None]
    assert from_frame(back) == {("A", P): LedgerPair()}


# --------------------------------------------------------------------------- periods on reading


@pytest.mark.parametrize(
    "cell",
    [
        P,
        "năm 2024",
        "12 tháng năm 2024",
        "  NĂM 2024 ",
        "2024-09-30",
        "30/9/2024",
        "tính đến hết 30/9/2024",
        date(2024, 9, 30),
        datetime(2024, 9, 30),
        pd.Timestamp(2024, 9, 30),
        np.datetime64("2024-09-30"),
        pd.Period("2024-09", "M"),
    ],
)
def test_period_cells_of_every_spelling(cell: object) -> None:
    df = to_frame({("A", P): PAIR})
    df["period"] = pd.Series([cell, cell], dtype=object)
    assert from_frame(df) == {("A", P): PAIR}


def test_a_period_end_column_can_be_the_period() -> None:
    df = to_frame({("A", P): PAIR, ("A", ReportingPeriod(2025, 11)): PAIR})
    df["period"] = df["period_end"]
    assert set(from_frame(df)) == {("A", P), ("A", ReportingPeriod(2025, 11))}


@pytest.mark.parametrize(
    ("cell", "message", "cause"),
    [
        ("Quý II/2024", "is a quarter", None),
        ("tính đến 24/8/2024", "is a cut-off inside a month", None),
        ("2024-08-24", "not the last day", "parse.month_end"),
        ("năm 2024x", "", "parse.period"),
        (pd.Timestamp(2024, 9, 30, 12), "has a time of day", None),
        (np.datetime64("2024-09-30T12:00"), "has a time of day", None),
        (pd.Period("2024Q3", "Q"), "frequency", None),
        (None, r"missing value \(NA\)", None),
        (float("nan"), r"missing value \(NA\)", None),
        (pd.NaT, r"missing value \(NA\)", None),
        (2024, "int 2024 is not a period", None),
    ],
)
def test_period_cells_that_are_no_period_are_refused(
    cell: object, message: str, cause: str | None
) -> None:
    df = to_frame({("A", P): PAIR})
    df["period"] = pd.Series(["năm 2024", cell], dtype=object)
    with pytest.raises(PeriodError, match=f"row 1, column period: .*{message}") as info:
        from_frame(df)
    error = info.value
    assert error.code == "period.cell"
    assert (error.details["row"], error.details["column"], error.details["cause"]) == (
        1,
        "period",
        cause,
    )


def test_other_key_columns_are_not_read_as_periods() -> None:
    df = to_frame({("A", "năm 2024"): PAIR}, key_names=("unit", "label"))
    assert from_frame(df, ("unit", "label")) == {("A", "năm 2024"): PAIR}


# --------------------------------------------------------------------------- dtypes


ROWS = ["carried_over", "newly_accepted", "completed", "reduced", "in_progress", "finished"]


@pytest.mark.parametrize(
    "dtype", ["Int64", "UInt64", "Int32", "int64[pyarrow]", "uint64[pyarrow]", "int32[pyarrow]"]
)
def test_nullable_and_pyarrow_integer_columns_are_read(
    dtype: str,
    table: dict,  # type: ignore[type-arg]
    frame: pd.DataFrame,
) -> None:
    if "32" in dtype:
        recast = to_frame({("A", P): PAIR}).astype(dict.fromkeys(ROWS, dtype))
        assert from_frame(recast) == {("A", P): PAIR}
        assert add_rate_columns(recast)["completion_rate"].tolist() == [
            Decimal("83.33"),
            Decimal("40.00"),
        ]
        return
    recast = frame.astype(dict.fromkeys(ROWS, dtype))
    assert from_frame(recast) == table
    expected = add_rate_columns(frame)
    got = add_rate_columns(recast)
    assert got["completion_rate"].tolist() == expected["completion_rate"].tolist()
    assert got["conditions_share"].tolist() == expected["conditions_share"].tolist()


@pytest.mark.parametrize("dtype", ["string[pyarrow]", "string[python]", "category", object])
def test_text_columns_of_any_string_dtype_are_read(
    dtype: object,
    table: dict,  # type: ignore[type-arg]
    frame: pd.DataFrame,
) -> None:
    recast = frame.astype(dict.fromkeys(["unit", "period", "kind", "layout"], dtype))
    assert from_frame(recast) == table


def test_object_columns_of_python_ints_are_read(
    table: dict,  # type: ignore[type-arg]
    frame: pd.DataFrame,
) -> None:
    recast = frame.astype(dict.fromkeys(ROWS, object))
    recast["completed"] = [int(v) for v in frame["completed"]]
    assert from_frame(recast) == table
    assert add_rate_columns(recast)["completion_rate"].equals(
        add_rate_columns(frame)["completion_rate"]
    )


@pytest.mark.parametrize("dtype", ["Int64", "int64[pyarrow]", "float64", object])
def test_a_missing_value_is_refused_naming_column_and_row(
    dtype: object, frame: pd.DataFrame
) -> None:
    holed = frame.astype({"completed": dtype})
    holed.loc[3, "completed"] = None
    for call in (from_frame, add_rate_columns):
        with pytest.raises(LedgerError) as info:
            call(holed)
        error = info.value
        assert str(error).startswith("row 3, column completed: missing value (NA)")
        assert "float" not in str(error)
        assert error.code == "ledger.missing_value"
        assert (error.details["row"], error.details["column"]) == (3, "completed")


def test_a_csv_with_an_empty_cell_read_by_pandas_names_the_cell(tmp_path: Path) -> None:
    path = tmp_path / "holed.csv"
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    cells = lines[5].split(",")
    cells[header.index("postponed")] = ""
    lines[5] = ",".join(cells)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    raw = pd.read_csv(path)
    assert str(raw["postponed"].dtype) == "float64"
    with pytest.raises(LedgerError, match=r"row 4, column postponed: missing value \(NA\)"):
        from_frame(raw)


@pytest.mark.parametrize(
    ("dtype", "message"),
    [
        ("Float64", r"column completed holds floats \(Float64\)"),
        ("double[pyarrow]", r"column completed holds floats \(double\[pyarrow\]\)"),
        ("boolean", "column completed holds boolean values"),
        ("datetime64[ns]", r"column completed holds datetime64\[ns\] values"),
    ],
)
def test_columns_of_other_dtypes_are_refused(dtype: str, message: str) -> None:
    df = to_frame({("A", P): PAIR})
    df["completed"] = pd.Series([1, 0], dtype=dtype)
    for call in (from_frame, add_rate_columns):
        with pytest.raises(LedgerError, match=message) as info:
            call(df)
        assert info.value.code == "ledger.type"


def test_text_in_an_integer_column_is_refused_by_cell() -> None:
    df = to_frame({("A", P): PAIR})
    df["completed"] = pd.Series(["30", "x"], dtype="string[pyarrow]")
    with pytest.raises(LedgerError, match="row 0, column completed: expected an integer") as info:
        from_frame(df)
    assert info.value.code == "ledger.type"


# --------------------------------------------------------------------------- the accessor


def test_the_accessor_is_registered_on_import(frame: pd.DataFrame) -> None:
    assert isinstance(frame.thads, ThadsAccessor)
    assert "thads" in dir(pd.DataFrame)


def test_the_accessor_delegates(
    table: dict,  # type: ignore[type-arg]
    frame: pd.DataFrame,
) -> None:
    pd.testing.assert_frame_equal(frame.thads.rates(), add_rate_columns(frame))
    pd.testing.assert_frame_equal(
        frame.thads.rates(0, count_reduced=False), add_rate_columns(frame, 0, count_reduced=False)
    )
    assert frame.thads.ledgers() == table
    single = to_frame({"A": PAIR}, key_names=("unit",))
    assert single.thads.ledgers(("unit",)) == {"A": PAIR}


def test_the_report_is_the_one_build_report_writes(
    table: dict,  # type: ignore[type-arg]
    frame: pd.DataFrame,
) -> None:
    pair = table["Nghệ An", YEAR_2025]
    expected = build_report(
        "Nghệ An",
        YEAR_2025,
        pair.cases,
        pair.amounts,
        previous=table["Nghệ An", ReportingPeriod(2024, 12)],
    ).text()
    assert frame.thads.report("Nghệ An", YEAR_2025) == expected
    assert frame.thads.report("nghe an") == expected  # loosely spelled; the latest period
    assert frame.thads.report("Nghệ An", "năm 2025") == expected
    assert "So với cùng kỳ năm 2024 (về việc)" in expected


def test_the_report_takes_a_quarter_a_book_and_a_language(frame: pd.DataFrame) -> None:
    book = TargetBook.from_csv(
        (resources.files("thads_metrics") / "data" / "sample_targets.csv").read_text(
            encoding="utf-8"
        )
    )
    text = frame.thads.report("Nghệ An", "Quý II/2025", book=book, language="en")
    assert text.startswith("Civil judgment enforcement (thi hành án dân sự) in the first 6 months")
    assert "the annual target of 83.00%" in text  # the unit's own target in the sample book


def test_the_report_without_last_year_has_no_comparison(frame: pd.DataFrame) -> None:
    text = frame.thads.report("TP. Hà Nội", "năm 2024")
    assert "cùng kỳ" not in text


@pytest.mark.parametrize(
    ("unit", "period", "argument", "candidates"),
    [
        ("Ha Noii", None, "unit", ("TP. Hà Nội",)),
        ("Đà Nẵng", None, "unit", ()),
        ("Nghệ An", "năm 2023", "period", None),
        ("Nghệ An", "tính đến 24/8/2025", "period", None),
    ],
)
def test_a_report_the_frame_cannot_give_is_refused(
    frame: pd.DataFrame,
    unit: str,
    period: str | None,
    argument: str,
    candidates: tuple[str, ...] | None,
) -> None:
    with pytest.raises(ReportError) as info:
        frame.thads.report(unit, period)
    error = info.value
    assert (error.code, error.details["argument"]) == ("report.not_in_frame", argument)
    if candidates is not None:
        assert error.details["candidates"] == candidates
    else:
        assert "năm 2025" in error.details["candidates"]


def test_an_ambiguous_unit_is_refused() -> None:
    df = to_frame({("Hà Nội", P): PAIR, ("Ha Noi", P): PAIR})
    with pytest.raises(ReportError, match="ambiguous") as info:
        df.thads.report("ha noi ")
    assert info.value.details["candidates"] == ("Ha Noi", "Hà Nội")


@pytest.mark.parametrize(
    ("call", "error", "code"),
    [
        (lambda df: df.thads.report(None), ReportError, "report.type"),
        (lambda df: df.thads.report("Nghệ An", 2025), PeriodError, "period.type"),
        (lambda df: df.thads.report("Nghệ An", "năm"), ParseError, "parse.missing_year"),
        (lambda df: df.thads.report("Nghệ An", language="fr"), ReportError, "report.choice"),
        (lambda df: df.thads.rates(places=-1), LedgerError, "ledger.range"),
        (lambda df: df.thads.ledgers("unit"), LedgerError, "ledger.type"),
    ],
)
def test_accessor_arguments_are_checked(
    frame: pd.DataFrame, call: object, error: type[Exception], code: str
) -> None:
    with pytest.raises(error) as info:
        call(frame)  # type: ignore[operator]
    assert info.value.code == code  # type: ignore[attr-defined]
