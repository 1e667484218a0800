"""Excel's ``sep=`` line in a CSV: the delimiter it declares is used and the line skipped."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from thads_metrics.calendar import ReportingPeriod
from thads_metrics.cli import main
from thads_metrics.csvio import (
    CsvError,
    read_case_records,
    read_csv,
    read_keys,
    read_ledger_rows,
)

LEDGERS = [
    "unit;period;kind;newly_accepted;completed;in_progress",
    "A;năm 2024;viec;10;6;4",
    "A;năm 2024;tien;1000;500;500",
]
CASES = [
    "unit;period;origin;status;amount_due;amount_finished",
    "A;năm 2024;new;completed;100;100",
    "A;năm 2024;carried_over;in_progress;300;100",
]
YEAR = ReportingPeriod(2024, 12)


def _with(delimiter: str, lines: list[str], sep: str | None = None) -> list[str]:
    body = [line.replace(";", delimiter) for line in lines]
    return [f"sep={delimiter if sep is None else sep}", *body]


@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
def test_each_declared_delimiter(delimiter: str) -> None:
    table = read_csv(_with(delimiter, LEDGERS))
    assert table["A", YEAR].cases.completed == 6
    table = read_csv(_with(delimiter, CASES))
    assert table["A", YEAR].cases.to_enforce == 2


def test_the_declaration_wins_over_sniffing() -> None:
    """A header Sniffer reads as comma-separated, declared semicolon-separated: the
    cells hold commas (thousands) that would otherwise split them."""
    lines = [
        "sep=;",
        "unit;period;kind;newly_accepted;completed;in_progress",
        "A, B;năm 2024;viec;10;6;4",
        "A, B;năm 2024;tien;1,000,000;500,250;499,750",
    ]
    assert read_csv(lines)["A, B", YEAR].amounts.completed == 500_250
    with pytest.raises(CsvError) as caught:  # declared comma: the header is one column
        read_csv(["sep=,", *lines[1:]])
    assert caught.value.code == "csv.file_kind"
    assert caught.value.line == 2


def test_line_numbers_count_the_sep_line() -> None:
    lines = _with(";", LEDGERS)
    lines[3] = lines[3].replace(";500;500", ";500;x")
    with pytest.raises(CsvError) as caught:
        read_csv(lines)
    assert caught.value.line == 4
    assert caught.value.column == "in_progress"
    assert str(caught.value).startswith("<input>:4: column in_progress:")


def test_the_readers_of_each_layout_read_it_too() -> None:
    assert read_ledger_rows(_with(";", LEDGERS))["A", YEAR].cases.completed == 6
    assert [r.amount_due for r in read_case_records(_with(";", CASES))] == [100, 300]
    assert read_keys(_with(";", CASES)) == {("A", YEAR)}


def test_a_file_with_bom_and_crlf(tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    path.write_bytes(("\ufeff" + "\r\n".join(_with(";", LEDGERS)) + "\r\n").encode())
    assert read_csv(path)["A", YEAR].amounts.completed == 500
    assert read_keys(path) == {("A", YEAR)}


@pytest.mark.parametrize("declared", ["|", "", ";;", "; ", "\\t", "tab", ":"])
def test_any_other_declaration_is_refused(declared: str) -> None:
    for read in (read_csv, read_ledger_rows, read_keys):
        with pytest.raises(CsvError) as caught:
            read(_with(";", LEDGERS, sep=declared))
        error = caught.value
        assert error.code == "csv.sep"
        assert error.line == 1
        assert error.details["value"] == declared
        assert f"'sep={declared}'".replace("\\", "\\\\") in str(error)
        assert "sep=, or sep=; or sep= and a tab" in str(error)
    with pytest.raises(CsvError) as records:
        list(read_case_records(_with(";", CASES, sep=declared)))
    assert records.value.code == "csv.sep"


@pytest.mark.parametrize("rest", [[], [""], ["   "]])
def test_a_sep_line_without_a_header(rest: list[str]) -> None:
    for read in (read_csv, read_keys):
        with pytest.raises(CsvError) as caught:
            read(["sep=;", *rest])
        assert caught.value.code == "csv.empty"
        assert caught.value.line == 2


def test_without_a_sep_line_the_header_is_sniffed() -> None:
    assert read_csv(io.StringIO("\n".join(LEDGERS)))["A", YEAR].cases.completed == 6


def test_cli_reads_a_sep_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "data.csv"
    path.write_text("\n".join(_with(";", LEDGERS)) + "\n", encoding="utf-8")
    assert main(["report", str(path), "--format", "json", "--unit", "A"]) == 0
    assert json.loads(capsys.readouterr().out)["units"][0]["cases"]["rows"]["completed"] == 6
    path.write_text("\n".join(_with(";", LEDGERS, sep="|")) + "\n", encoding="utf-8")
    assert main(["report", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"thads-metrics: error: {path}:1: 'sep=|' is Excel's delimiter")
    assert len(err.strip().splitlines()) == 1
