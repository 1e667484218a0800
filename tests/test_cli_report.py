"""The ``thads-metrics report`` command: bundled sample, formats, and bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from thads_metrics.cli import main

HEADER = (
    "unit,period,kind,carried_over,newly_accepted,entrusted,withdrawn,completed,terminated,"
    "reduced,in_progress,postponed,suspended,other,without_conditions\n"
)
GOOD = HEADER + (
    "A,11 tháng năm 2021,viec,10,20,1,0,15,2,0,5,0,0,0,7\n"
    "A,11 tháng năm 2021,tien,1000,2000,100,0,800,100,50,500,0,0,0,1450\n"
)


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_bundled_sample_text(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "report", "--quiet")
    assert code == 0, err
    assert "Kết quả thi hành án dân sự năm 2025" in out
    assert "So với cùng kỳ năm 2024" in out
    assert "Bảng tổng hợp năm 2025" in out
    assert out.rstrip().splitlines()[-1].startswith("Tổng cộng")
    assert "của 6 đơn vị (tổng cộng):" in out
    # Nghệ An has its own (synthetic) target in the bundled targets file.
    assert "vượt 4,42% so với chỉ tiêu 83,00%" in out


def test_sample_period_and_unit(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "report", "--period", "6 tháng năm 2024", "--unit", "Nghệ An")
    assert code == 0
    assert out.startswith("Kết quả thi hành án dân sự 6 tháng năm 2024")
    assert "cùng kỳ" not in out  # 2023 is not in the sample
    assert "Tổng cộng" not in out


def test_quarter_selects_its_cumulative_period(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "report", "--period", "Quý II/2025", "--unit", "Đồng Nai")
    assert code == 0
    assert "6 tháng năm 2025" in out


def test_json_format(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "report", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["version"] == 2
    assert data["type"] == "ReportSet"
    assert data["period"]["label"] == "năm 2025"
    assert len(data["units"]) == 6
    unit = data["units"][0]
    assert isinstance(unit["money"]["rows"]["to_enforce"], int)
    assert isinstance(unit["cases"]["rate"], str)
    assert data["total"]["unit"] == "6 đơn vị (tổng cộng)"
    assert data["total"]["target_source"] == "given"


def test_json_output_reads_back_with_serialize(capsys: pytest.CaptureFixture[str]) -> None:
    from thads_metrics.errors import ParseError
    from thads_metrics.report import ReportSet
    from thads_metrics.serialize import dumps, loads

    code, out, _ = _run(capsys, "report", "--format", "json")
    assert code == 0
    document = loads(out)
    assert isinstance(document, ReportSet)
    assert [r.unit for r in document.units][:1] == ["Nghệ An"]
    assert document.total is not None
    assert document.total.target_source == "given"
    assert dumps(document, indent=2) + "\n" == out  # read back, written again: the same text
    # A figure edited by hand is found, and named.
    edited = json.loads(out)
    edited["units"][0]["cases"]["rate"] = "99.99"
    with pytest.raises(
        ParseError, match=r"units\[0\]\.cases\.rate|UnitReport\.cases\.rate"
    ) as caught:
        loads(json.dumps(edited, ensure_ascii=False))
    assert caught.value.code == "parse.figures_mismatch"


def test_xlsx_reads_back(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from thads_metrics.excel import FIELD_ROW, FIRST_DATA_ROW

    target = tmp_path / "report.xlsx"
    code, _, _ = _run(capsys, "report", "--format", "xlsx", "-o", str(target), "--quiet")
    assert code == 0
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["Việc", "Tiền"]
    sheet = book["Việc"]
    fields = [c.value for c in sheet[FIELD_ROW]]
    rows = []
    for row in sheet.iter_rows(min_row=FIRST_DATA_ROW, values_only=True):
        if row[0] is None:  # the note and the signatures follow the table
            break
        rows.append(list(row))
    assert rows[-1][0] == "Tổng cộng"
    units = rows[:-1]
    assert len(units) == 6
    for name in ("to_enforce", "with_conditions", "finished", "carried_forward"):
        col = fields.index(name)
        assert rows[-1][col] == sum(r[col] for r in units)
    col = fields.index("to_enforce")
    assert all(  # 2025: hoãn, tạm đình chỉ counted apart (Thông tư 05/2024)
        r[col]
        == r[fields.index("with_conditions")]
        + r[fields.index("stayed")]
        + r[fields.index("without_conditions")]
        for r in rows
    )
    assert all(r[fields.index("stayed")] > 0 for r in rows)


def _bad(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "data.csv"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("unit,period,kind,completed\n", "header lacks|holds no ledgers"),
        ("unit,period,completed\nA,năm 2021,1\n", "neither 'kind'"),
        (HEADER.replace(",kind", ",kind,bogus") + "", "unknown column"),
        (GOOD.replace(",15,2,", ",1.5,2,"), r"data.csv:2: column completed: '1.5'"),
        (GOOD.replace(",15,2,", ",-15,2,"), r"data.csv:2: column completed: '-15'"),
        (GOOD.replace(",15,2,", ",16,2,"), r"data.csv:2: rows do not add up"),
        (GOOD.replace("tien,1000", "viec,1000"), r"data.csv:3: a second viec row"),
        (HEADER + "A,11 tháng năm 2021,viec,10,20,1,0,15,2,0,5,0,0,0,7\n", "no tien row"),
        (GOOD.replace("11 tháng năm 2021,viec", "13 tháng năm 2021,viec"), "column period"),
        (GOOD.replace("viec,10,20", "viec,10,20,5"), r"data.csv:2: 16 cells for 15 columns"),
        (
            GOOD.replace(",tien,1000,2000,100,0,800,100,50", ",tien,1000,2000,100,0,800,100,x"),
            "column reduced",
        ),
        (GOOD.replace(",viec,10,20,1,0,15,2,0", ",viec,10,20,1,0,15,2,3"), "money ledger only"),
    ],
)
def test_bad_csv_exits_2_with_where_and_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, expected: str
) -> None:
    path = _bad(tmp_path, text)
    code, out, err = _run(capsys, "report", str(path), "--quiet")
    assert code == 2
    assert out == ""
    assert err.startswith("thads-metrics: error: ")
    assert len(err.strip().splitlines()) == 1
    import re

    assert re.search(expected, err), err


def test_bad_csv_writes_no_workbook(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _bad(tmp_path, GOOD.replace(",15,2,", ",16,2,"))
    target = tmp_path / "out.xlsx"
    code, _, _ = _run(capsys, "report", str(path), "--format", "xlsx", "-o", str(target))
    assert code == 2
    assert not target.exists()
    assert list(tmp_path.iterdir()) == [path]


def test_case_records_csv(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _bad(
        tmp_path,
        "unit,period,origin,status,entrusted,withdrawn,amount_due,amount_finished\n"
        "X,2022-03-31,newly_accepted,completed,0,0,100,100\n"
        "X,2022-03-31,carried_over,in_progress,0,0,300,100\n"
        "X,2022-03-31,newly_accepted,,1,0,50,0\n",
    )
    code, out, err = _run(capsys, "report", str(path), "--format", "json")
    assert code == 0, err
    unit = json.loads(out)["units"][0]
    assert unit["cases"]["rows"]["entrusted"] == 1
    assert unit["cases"]["rate"] == "50.00"
    assert unit["money"]["rows"]["finished"] == 200


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ("X,2022-03-31,later,completed,0,0,1,1", "column origin"),
        ("X,2022-03-31,new,done,0,0,1,1", "column status"),
        ("X,2022-03-30,new,completed,0,0,1,1", "not the last day of a month"),
        ("X,2022-03-31,new,completed,maybe,0,1,1", "column entrusted"),
        ("X,2022-03-31,new,completed,0,0,1,2", "cannot exceed"),
        (",2022-03-31,new,completed,0,0,1,1", "column unit"),
    ],
)
def test_bad_case_records(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], row: str, expected: str
) -> None:
    header = "unit,period,origin,status,entrusted,withdrawn,amount_due,amount_finished\n"
    path = _bad(tmp_path, header + "X,2022-03-31,new,completed,0,0,1,1\n" + row + "\n")
    code, _, err = _run(capsys, "report", str(path))
    assert code == 2
    assert "data.csv:3" in err
    assert expected in err


def test_missing_file_and_period(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = _run(capsys, "report", str(tmp_path / "nope.csv"))
    assert code == 2
    assert "nope.csv" in err
    code, _, err = _run(capsys, "report", "--period", "1 tháng năm 2023")
    assert code == 2
    assert "not in the input" in err
    code, _, err = _run(capsys, "report", "--unit", "Atlantis")
    assert code == 2
    assert "Atlantis" in err


def test_bad_targets_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    targets = tmp_path / "targets.csv"
    targets.write_text("year,unit,cases,money\n2025,A,81.5.1,40\n", encoding="utf-8")
    code, _, err = _run(capsys, "report", "--targets", str(targets))
    assert code == 2
    assert "targets.csv" in err


def test_format_command(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "format", "146900000000")
    assert code == 0
    assert "146,9 tỷ đồng" in out
    assert "Một trăm bốn mươi sáu tỷ chín trăm triệu đồng" in out
    code, out, _ = _run(capsys, "format", "146,9 tỷ đồng", "--format", "json")
    assert json.loads(out)["amount"] == 146_900_000_000
    code, _, err = _run(capsys, "format", "nhiều tiền")
    assert code == 2
    assert "nhiều tiền" in err


def test_format_says_how_to_read_an_ambiguous_comma(capsys: pytest.CaptureFixture[str]) -> None:
    # "1,052 tỷ": 1,052 tỷ (decimal comma) or 1.052 tỷ (a comma between thousands, DOMAIN §6)
    code, out, err = _run(capsys, "format", "1,052 tỷ")
    assert (code, out) == (2, "")
    assert "--comma decimal or --comma thousands" in err
    assert "parse_dong" not in err  # the command's words, not the library's
    for comma, amount in (("decimal", 1_052_000_000), ("thousands", 1_052_000_000_000)):
        code, out, _ = _run(capsys, "format", "1,052 tỷ", "--comma", comma, "--format", "json")
        assert (code, json.loads(out)["amount"]) == (0, amount)


def test_console_script_entry_point() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "thads_metrics", "report", "--unit", "Đồng Nai", "--quiet"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "Đồng Nai" in proc.stdout


# --------------------------------------------------------------------------- edge cases of input


def _bytes(tmp_path: Path, data: bytes, name: str = "data.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    "data",
    [
        b"\xef\xbb\xbf" + GOOD.encode(),  # BOM, as Excel writes "CSV UTF-8"
        GOOD.replace("\n", "\r\n").encode(),  # CRLF
        GOOD.replace(",", ";").encode(),  # Excel's delimiter in a Vietnamese locale
        GOOD.replace(",", "\t").encode(),
    ],
)
def test_common_csv_dialects(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], data: bytes
) -> None:
    path = _bytes(tmp_path, data)
    code, out, err = _run(
        capsys,
        "report",
        str(path),
        "--format",
        "json",
        "--targets",
        str(_bytes(tmp_path, b"year,cases,money\n2021,80,40\n", "t.csv")),
    )
    assert code == 0, err
    assert json.loads(out)["units"][0]["cases"]["rows"]["to_enforce"] == 29


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", r"data.csv:1: the file is empty"),
        (GOOD.encode() + b"A,n\xe4m 2022,viec,1,0,0,0,1,0,0,0,0,0,0,0\n", r"data.csv:4: not UTF-8"),
        (GOOD.replace("without_conditions", "").encode(), r"column 15 of the header has no name"),
        (GOOD.replace(",completed,", ",completed,completed,", 1).encode(), "appears twice"),
        (
            GOOD.replace(",15,2,", ",1" + "0" * 40 + ",2,").encode(),
            r"column completed: .*41 digits",
        ),
        (b"unit,period,kind\r0", "data.csv"),
    ],
)
def test_bad_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], data: bytes, expected: str
) -> None:
    import re

    code, out, err = _run(capsys, "report", str(_bytes(tmp_path, data)))
    assert code == 2
    assert out == ""
    assert re.search(expected, err), err
    assert len(err.strip().splitlines()) == 1


def test_a_directory_as_input_or_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "report", str(tmp_path))
    assert code == 2
    assert str(tmp_path) in err
    code, _, err = _run(capsys, "report", "--format", "xlsx", "-o", str(tmp_path))
    assert code == 2
    assert "is a directory" in err
    code, _, err = _run(capsys, "report", "-o", str(tmp_path / "missing" / "x.txt"))
    assert code == 2
    assert "cannot write" in err


def test_output_file_for_text_and_its_permissions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import os

    target = tmp_path / "report.txt"
    code, out, _ = _run(capsys, "report", "-o", str(target), "--quiet")
    assert code == 0
    assert out == ""
    assert target.read_text(encoding="utf-8").startswith("Kết quả thi hành án dân sự năm 2025")
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask


def test_non_utf8_targets_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    targets = _bytes(tmp_path, b"year,unit,cases,money\n2025,Ngh\xe9 An,80,40\n", "t.csv")
    code, _, err = _run(capsys, "report", "--targets", str(targets))
    assert code == 2
    assert "t.csv" in err
    assert "UTF-8" in err


@pytest.mark.parametrize("amount", ["²", "١٢٣", "9" * 5000])
def test_format_refuses_non_ascii_digits_and_huge_numbers(
    capsys: pytest.CaptureFixture[str], amount: str
) -> None:
    code, out, err = _run(capsys, "format", amount)
    assert code == 2
    assert out == ""
    assert err.startswith("thads-metrics: error:")


def test_year_without_a_known_target_still_reports(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(capsys, "report", str(_bad(tmp_path, GOOD)))  # 2021: no national target
    assert code == 0, err
    assert "Chưa có chỉ tiêu năm 2021 để so sánh." in out
    assert "đạt tỷ lệ 77,27%." in out  # 17 of 22, no target clause


def test_empty_status_names_the_column(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _bad(
        tmp_path,
        "unit,period,origin,status,amount_due\nX,2022-03-31,new,,5\n",
    )
    code, _, err = _run(capsys, "report", str(path))
    assert code == 2
    assert "data.csv:2: column status: empty" in err


def test_progress_reports_bytes_up_to_the_file_size(tmp_path: Path) -> None:
    from thads_metrics.csvio import read_csv

    body = GOOD + "".join(
        f"B{i},11 tháng năm 2021,viec,10,20,1,0,15,2,0,5,0,0,0,7\n"
        f"B{i},11 tháng năm 2021,tien,1000,2000,100,0,800,100,50,500,0,0,0,1450\n"
        for i in range(5000)
    )
    path = _bad(tmp_path, body)
    seen: list[int] = []
    read_csv(path, progress=seen.append)
    assert seen == sorted(seen)
    assert len(seen) > 1
    assert seen[-1] == path.stat().st_size  # bytes, so a Vietnamese file reaches 100%
    lines: list[int] = []
    read_csv(path, progress=lines.append, progress_unit="lines")
    assert lines == sorted(lines)
    assert len(lines) > 1  # told after each block read, not only at the end
    assert lines[-1] == 10003  # the header, 2 rows of A, 10000 of B


def test_unicode_forms_of_a_unit_are_one_group(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import unicodedata

    nfc = "Phòng THADS khu vực Đồng Tháp"
    nfd = unicodedata.normalize("NFD", nfc)
    period = unicodedata.normalize("NFD", "11 tháng năm 2021")
    body = (
        "unit,period,origin,status,entrusted,withdrawn,amount_due,amount_finished\n"
        f"{nfc},2021-08-31,newly_accepted,completed,0,0,100,100\n"
        f"{nfd},{period},{unicodedata.normalize('NFD', 'mới')},in_progress,"
        f"{unicodedata.normalize('NFD', 'không')},0,300,100\n"
    )
    code, out, err = _run(capsys, "report", str(_bad(tmp_path, body)), "--format", "json")
    assert code == 0, err
    units = json.loads(out)["units"]
    assert len(units) == 1
    assert units[0]["cases"]["rows"]["to_enforce"] == 2


def test_targets_name_units_as_loosely_as_unit_does(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Seed 004 gives Long An 81,5 / 40,1 for 2022; a targets file writes "Long An" where
    the data write "Cục THADS tỉnh Long An": the same unit, as --unit would match it."""
    data = tmp_path / "data.csv"
    data.write_text(GOOD.replace("A,11 tháng năm 2021", "Cục THADS tỉnh Long An,6 tháng năm 2022"))
    targets = tmp_path / "targets.csv"
    targets.write_text("năm,đơn vị,việc,tiền\n2022,Long An,81.5,40.1\n", encoding="utf-8")
    code, out, err = _run(capsys, "report", str(data), "--targets", str(targets))
    assert (code, err) == (0, "")
    assert "chỉ tiêu năm 81,50%" in out
    targets.write_text("năm,đơn vị,việc,tiền\n2022,Lonng An,85,45\n", encoding="utf-8")
    code, out, err = _run(capsys, "report", str(data), "--targets", str(targets))
    assert code == 0
    assert "'Lonng An' (năm 2022) is not in the input (did you mean Cục THADS tỉnh Long An?)" in err
    assert "chỉ tiêu năm 81,50%" in out  # the national target of 2022
    rows = GOOD.split("\n", 1)[1].replace("11 tháng năm 2021", "6 tháng năm 2022")
    both = HEADER + rows.replace("A,", "Cục THADS tỉnh Long An,") + rows.replace("A,", "Long An,")
    data.write_text(both, encoding="utf-8")
    targets.write_text("năm,đơn vị,việc,tiền\n2022,long an,85,45\n", encoding="utf-8")
    code, _, err = _run(capsys, "--lang", "vi", "report", str(data), "--targets", str(targets))
    assert code == 2
    assert err.endswith("[parse.ambiguous_unit]\n")
