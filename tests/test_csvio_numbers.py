"""Counts and amounts written as Vietnamese writes them ("12.345.678") in CSV cells."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thads_metrics._cells import DOTTED
from thads_metrics.calendar import ReportingPeriod
from thads_metrics.cli import main
from thads_metrics.csvio import CsvError, read_case_records, read_csv
from thads_metrics.errors import ParseError
from thads_metrics.vi import format_number, parse_dong

HEADER = "unit;period;origin;status;amount_due;amount_finished"
YEAR = ReportingPeriod(2024, 12)


def _due(cell: str) -> int:
    """The amount_due read from a case record whose cell is ``cell`` (nothing finished)."""
    lines = [HEADER, f"A;năm 2024;new;in_progress;{cell};0"]
    return next(read_case_records(lines, "t.csv")).amount_due


def _refused(cell: str) -> CsvError:
    with pytest.raises(CsvError) as caught:
        _due(cell)
    error = caught.value
    assert error.line == 2
    assert error.column == "amount_due"
    assert error.details["value"] == cell
    assert str(error).startswith(f"t.csv:2: column amount_due: {cell!r} ")
    return error


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("1000", 1000),  # digits only, as before
        ("007", 7),  # (leading zeros of plain digits, as before)
        ("1.000", 1000),  # Vietnamese thousands: the dot is never a decimal point
        ("12.345.678", 12_345_678),
        ("146.900.000.000", 146_900_000_000),
        ("12,345,678", 12_345_678),  # several commas: only thousands
        ("1,052", 1052),  # 1,052 as a decimal is no whole number of đồng
        ("1,000.00", 1000),  # a comma before a decimal point: English thousands
        ("1.234,00", 1234),  # decimals, but zero
        (" 1.000 ", 1000),  # spaces around, as before
        ("", 0),
    ],
)
def test_read(cell: str, value: int) -> None:
    assert _due(cell) == value


@pytest.mark.parametrize(
    ("cell", "problem"),
    [
        ("1.5", "'.' must be followed by a group of 3 digits"),  # an English decimal point
        ("10.0", "'.' must be followed by a group of 3 digits"),  # a float column
        ("1.0000", "'.' must be followed by a group of 3 digits"),
        ("0.500", "cannot start with 0"),
        ("0.000", "cannot start with 0"),  # zero in a file written with "%.3f"
        ("1234.567", "'.' must follow 1 to 3 digits"),
        ("1,5", "it has decimals"),  # a Vietnamese decimal comma
        ("1.234,5", "it has decimals"),
        ("1,0000,000", "',' must be followed by a group of 3 digits"),
    ],
)
def test_refused_with_the_parser_s_reason(cell: str, problem: str) -> None:
    error = _refused(cell)
    assert error.code == "csv.number"
    assert problem in str(error)
    assert error.details["cause"].startswith("parse.")
    assert "with dots between thousands" in str(error)


@pytest.mark.parametrize(
    "cell", ["-1.000", "1 000", "1.000 đồng", "146,9 tỷ", "1..000", "1.", ".5", "１２", "x"]
)
def test_refused_as_no_figure(cell: str) -> None:
    """Only digits with dots or commas between them: no sign, space, word or currency."""
    error = _refused(cell)
    assert error.code == "csv.number"
    assert "is not a whole number >= 0" in str(error)


@pytest.mark.parametrize(("cell", "whole"), [("1,000", 1), ("25,000", 25), ("999,000", 999)])
def test_a_comma_before_000_is_ambiguous(cell: str, whole: int) -> None:
    """1,000 is one with a Vietnamese decimal comma, or one thousand in English."""
    error = _refused(cell)
    assert error.code == "csv.ambiguous_number"
    assert error.details["readings"] == (whole, whole * 1000)
    assert f"write {whole} or {whole}000 ({whole}.000)" in str(error)
    with pytest.raises(ParseError) as parsed:  # the library's own parser says the same
        parse_dong(cell)
    assert parsed.value.code == "parse.ambiguous"


def test_too_many_digits_counts_digits_not_dots() -> None:
    assert _due("1" + ".000" * 9) == 10**27
    for separator in ".,":
        with pytest.raises(CsvError) as caught:
            _due("1" + f"{separator}000" * 10)
        assert caught.value.code == "csv.too_long"
        assert caught.value.details["digits"] == 31
        assert caught.value.details["value"] == f"1{separator}000{separator}000{separator}00…"


@given(st.integers(min_value=0, max_value=10**29))
def test_every_number_written_the_vietnamese_way_reads_back(n: int) -> None:
    assert _due(format_number(n)) == n


@given(st.integers(min_value=1000, max_value=10**29))
def test_the_fast_path_reads_what_parse_dong_reads(n: int) -> None:
    """Dotted thousands skip the general parser (for speed): the same value either way."""
    text = format_number(n)
    assert DOTTED.fullmatch(text)
    assert _due(text) == parse_dong(text) == n


@given(st.from_regex(r"[0-9]{1,7}([.,][0-9]{1,4}){0,3}", fullmatch=True))
def test_a_figure_is_read_as_parse_dong_reads_it_or_refused(cell: str) -> None:
    """Whatever a cell of digits and separators holds, it is the value parse_dong gives
    (or refused where parse_dong refuses it); plain digits may have leading zeros."""
    try:
        expected: int | None = parse_dong(cell)
    except ParseError:
        expected = int(cell) if cell.isdigit() else None
    if expected is None:
        with pytest.raises(CsvError) as caught:
            _due(cell)
        assert caught.value.code in ("csv.number", "csv.ambiguous_number")
    else:
        assert _due(cell) == expected


def test_ledger_rows_in_vietnamese_format() -> None:
    lines = [
        "unit;period;kind;newly_accepted;completed;in_progress",
        "A;năm 2024;viec;1.200;1.000;200",
        "A;năm 2024;tien;146.900.000.000;100.000.000.000;46.900.000.000",
    ]
    pair = read_csv(lines)["A", YEAR]
    assert pair.cases.to_enforce == 1200
    assert pair.amounts.completed == 100_000_000_000


def test_cli_reads_vietnamese_numbers_and_names_a_refused_cell(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "records.csv"
    path.write_text(
        f"{HEADER}\nA;năm 2024;new;completed;1.500.000;1.500.000\n"
        "A;năm 2024;carried_over;in_progress;2.000.000;500.000\n",
        encoding="utf-8",
    )
    assert main(["report", str(path), "--format", "json"]) == 0
    money = json.loads(capsys.readouterr().out)["units"][0]["money"]["rows"]
    assert (money["to_enforce"], money["finished"]) == (3_500_000, 2_000_000)
    path.write_text(f"{HEADER}\nA;năm 2024;new;completed;1,000;1,000\n", encoding="utf-8")
    assert main(["report", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(
        f"thads-metrics: error: {path}:2: column amount_due: '1,000' is ambiguous"
    )
    assert len(err.strip().splitlines()) == 1
