"""``--unit`` and ``--period`` checked before a file is read whole (``csvio.read_keys``)."""

from __future__ import annotations

import os
import threading
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from thads_metrics import cli
from thads_metrics.calendar import ReportingPeriod
from thads_metrics.cli import main
from thads_metrics.csvio import CsvError, read_csv, read_keys

CASES = "unit,period,origin,status,entrusted,withdrawn,amount_due,amount_finished\n"
UNITS = ("TP. Hà Nội", "Nghệ An", "Phòng THADS khu vực 1 - Cần Thơ")


def _records(units: tuple[str, ...] = UNITS, rows: int = 30) -> str:
    return CASES + "".join(
        f"{units[i % len(units)]},{'2024-06-30' if i // len(units) % 2 else '2024-09-30'},"
        "newly_accepted,completed,0,0,100,100\n"
        for i in range(rows)
    )


@pytest.fixture
def records(tmp_path: Path) -> Path:
    path = tmp_path / "records.csv"
    path.write_text(_records(), encoding="utf-8")
    return path


@pytest.fixture
def no_full_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """The whole file must not be read: the check comes first."""

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("read the whole file")

    monkeypatch.setattr(cli, "read_aggregation", refuse)


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    return code, err


@pytest.mark.usefixtures("no_full_read")
def test_an_unknown_unit_is_reported_before_the_read(
    records: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, err = _run(capsys, "report", str(records), "--unit", "Ha Noii", "--quiet")
    assert code == 2
    assert "--unit 'Ha Noii' is not in the input for năm 2024; did you mean 'TP. Hà Nội'?" in err


@pytest.mark.usefixtures("no_full_read")
def test_loose_matching_and_ambiguity_are_the_same_early(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "records.csv"
    path.write_text(_records(("Nghệ An", "Nghe An"), rows=4), encoding="utf-8")
    code, err = _run(capsys, "report", str(path), "--unit", "NGHE AN", "--quiet")
    assert code == 2
    assert "is ambiguous for năm 2024: it could be 'Nghe An', 'Nghệ An'" in err


@pytest.mark.usefixtures("no_full_read")
def test_a_unit_of_another_period_only(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "records.csv"
    path.write_text(
        CASES + "A,2024-06-30,new,completed,0,0,1,1\nB,2024-09-30,new,completed,0,0,1,1\n",
        encoding="utf-8",
    )
    code, err = _run(capsys, "report", str(path), "--unit", "A", "--quiet")
    assert code == 2  # the latest period is năm 2024, which A lacks
    assert "--unit 'A' is not in the input for năm 2024" in err


@pytest.mark.usefixtures("no_full_read")
def test_an_unknown_period_is_reported_before_the_read(
    records: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, err = _run(capsys, "report", str(records), "--period", "năm 2023", "--quiet")
    assert code == 2
    assert "--period 'năm 2023' (năm 2023) is not in the input; it holds 9 tháng" in err


def test_a_good_unit_reads_the_file(records: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["report", str(records), "--unit", "ha noi", "--period", "9 tháng năm 2024"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "TP. Hà Nội" in out


def test_the_check_beats_a_bad_row_far_down(
    records: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file with a bad amount on its last line: the unknown unit is what is reported
    (before: the bad row, after reading everything)."""
    with records.open("a", encoding="utf-8") as f:
        f.write("Nghệ An,2024-09-30,newly_accepted,completed,0,0,1.5,0\n")
    code, err = _run(capsys, "report", str(records), "--unit", "Atlantis", "--quiet")
    assert code == 2
    assert "--unit 'Atlantis' is not in the input" in err


def test_a_file_the_check_finds_bad_is_left_to_the_full_read(
    records: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """read_keys fails on a bad period (line 33); the full read names the first error in
    line order (a bad amount on line 32)."""
    with records.open("a", encoding="utf-8") as f:
        f.write("Nghệ An,2024-09-30,newly_accepted,completed,0,0,x,0\n")
        f.write("Nghệ An,2024-09-31,newly_accepted,completed,0,0,1,0\n")
    with pytest.raises(CsvError) as caught:
        read_keys(records)
    assert (caught.value.code, caught.value.line) == ("csv.period", 33)
    code, err = _run(capsys, "report", str(records), "--unit", "Atlantis", "--quiet")
    assert code == 2
    assert "records.csv:32: column amount_due: 'x'" in err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_pipe_is_checked_after_the_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A pipe can be read only once: --unit is checked after it, with the same message."""
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)

    def feed() -> None:
        with fifo.open("w", encoding="utf-8") as writer:
            writer.write(_records())

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    code, err = _run(capsys, "report", str(fifo), "--unit", "Ha Noii")
    writer.join(timeout=10)
    assert code == 2
    assert "did you mean 'TP. Hà Nội'?" in err


def test_a_long_list_of_units_is_cut(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "records.csv"
    units = tuple(f"Phòng THADS khu vực {i}" for i in range(1, 31))
    path.write_text(_records(units, rows=60), encoding="utf-8")
    code, err = _run(capsys, "report", str(path), "--unit", "Atlantis", "--quiet")
    assert code == 2
    listed = err.rstrip().split("units are ", 1)[1]
    assert listed.endswith(" and 20 more")
    assert listed.count("Phòng THADS khu vực") == 10


# --------------------------------------------------------------------------- read_keys


def test_read_keys_gives_the_keys_read_csv_gives(records: Path) -> None:
    keys = read_keys(records)
    assert keys == set(read_csv(records))
    assert ("TP. Hà Nội", ReportingPeriod(2024, 9)) in keys


def test_read_keys_of_the_bundled_sample() -> None:
    from importlib import resources

    text = (resources.files("thads_metrics") / "data" / cli.SAMPLE_LEDGERS).read_text("utf-8")
    lines = text.splitlines()
    assert read_keys(lines) == set(read_csv(lines))


def test_read_keys_folds_units_and_skips_blank_rows() -> None:
    lines = [
        "unit,period,kind,completed",
        " Nghệ  An ,năm 2024,viec,1",
        "",
        " , ,  , ",
        unicodedata.normalize("NFD", "Nghệ An") + ",30/9/2024,tien,1",
    ]
    assert read_keys(lines) == {("Nghệ An", ReportingPeriod(2024, 12))}


@pytest.mark.parametrize(
    ("row", "code", "column"),
    [
        ("A,năm 2024", "csv.cells", None),
        ("A,năm 2024,new,completed,extra", "csv.cells", None),
        (",năm 2024,new,completed", "csv.unit", "unit"),
        ("A,13 tháng năm 2024,new,completed", "csv.period", "period"),
        ("A,tính đến 24/8/2024,new,completed", "csv.period", "period"),
        ("A,năm\r2024,new,completed", "csv.syntax", None),
    ],
)
def test_read_keys_refuses_what_it_reads(row: str, code: str, column: str | None) -> None:
    lines = ["unit,period,origin,status", "B,năm 2024,new,completed", row]
    with pytest.raises(CsvError) as caught:
        read_keys(lines, name="k.csv")
    assert caught.value.code == code
    assert caught.value.line == 3
    assert caught.value.column == column
    with pytest.raises(CsvError) as full:  # the full read refuses it too
        read_csv(lines, name="k.csv")
    assert full.value.line == 3


@pytest.mark.parametrize(
    ("lines", "code"),
    [
        ([], "csv.empty"),
        (["unit,period,completed"], "csv.file_kind"),
        (["unit,origin,status"], "csv.header"),
        (["unit,period,origin,bogus"], "csv.header"),
        (["unit,period,origin,unit"], "csv.duplicate_column"),
    ],
)
def test_read_keys_checks_the_header(lines: list[str], code: str) -> None:
    with pytest.raises(CsvError) as caught:
        read_keys(lines)
    assert caught.value.code == code


def test_read_keys_does_not_check_the_other_cells() -> None:
    lines = ["unit,period,origin,status,amount_due", "A,năm 2024,later,done,x"]
    assert read_keys(lines) == {("A", ReportingPeriod(2024, 12))}


def test_read_keys_reports_progress(records: Path) -> None:
    seen: list[int] = []
    read_keys(records, progress=seen.append)
    assert seen[-1] == records.stat().st_size
    lines: list[int] = []
    read_keys(records, progress=lines.append, progress_unit="lines")
    assert lines == [31]


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"progress_unit": "rows"}, "parse.choice"),
        ({"progress_unit": None}, "parse.type"),
        ({"progress": "yes"}, "parse.type"),
        ({"name": 5}, "parse.type"),
    ],
)
def test_read_keys_and_read_csv_check_their_arguments(
    records: Path, kwargs: dict[str, Any], code: str
) -> None:
    for read in (read_keys, read_csv):
        with pytest.raises(Exception) as caught:  # noqa: PT011 - the code is checked
            read(records, **kwargs)
        assert getattr(caught.value, "code", None) == code


def test_the_period_errors_have_their_codes() -> None:
    from thads_metrics.calendar import ReportingPeriod
    from thads_metrics.cli import _choose_period
    from thads_metrics.errors import ParseError

    with pytest.raises(ParseError) as info:
        _choose_period([], None)
    assert info.value.code == "parse.no_ledgers"
    held = [ReportingPeriod(2024, 9), ReportingPeriod(2024, 12)]
    with pytest.raises(ParseError) as info:
        _choose_period(held, "năm 2023")
    assert (info.value.code, dict(info.value.details)) == (
        "parse.unknown_period",
        {"argument": "--period", "value": "năm 2023", "periods": ["9 tháng năm 2024", "năm 2024"]},
    )
    assert _choose_period(held, "Quý III/2024") == ReportingPeriod(2024, 9)
