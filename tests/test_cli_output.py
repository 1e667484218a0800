"""Where ``thads-metrics report`` writes: never over an input, stdout for ``-o -``, signals."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
import pytest

from thads_metrics.cli import main

GOOD = (
    "unit,period,kind,carried_over,newly_accepted,entrusted,withdrawn,completed,terminated,"
    "reduced,in_progress,postponed,suspended,other,without_conditions\n"
    "A,11 tháng năm 2021,viec,10,20,1,0,15,2,0,5,0,0,0,7\n"
    "A,11 tháng năm 2021,tien,1000,2000,100,0,800,100,50,500,0,0,0,1450\n"
)
CLI = (sys.executable, "-m", "thads_metrics", "report")
TARGETS = "year,unit,cases,money\n2021,A,80,40\n"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    path = tmp_path / "in.csv"
    path.write_text(GOOD, encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["text", "json", "xlsx"])
def test_output_naming_the_input_is_refused_and_the_input_kept(
    data: Path, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["report", str(data), "--format", fmt, "-o", str(data), "--quiet"])
    err = capsys.readouterr().err
    assert code == 2
    assert "is the input file" in err
    assert len(err.strip().splitlines()) == 1
    assert data.read_text(encoding="utf-8") == GOOD


def test_output_reaching_the_input_by_another_path(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    link = tmp_path / "link.csv"
    link.symlink_to(data)
    hard = tmp_path / "hard.csv"
    os.link(data, hard)
    monkeypatch.chdir(tmp_path)
    for output in (str(link), str(hard), "in.csv", "./sub/../in.csv"):
        (tmp_path / "sub").mkdir(exist_ok=True)
        assert main(["report", str(data), "-o", output, "--quiet"]) == 2, output
        assert "is the input file" in capsys.readouterr().err
    assert data.read_text(encoding="utf-8") == GOOD


def test_output_naming_the_targets_file_is_refused(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    targets = tmp_path / "targets.csv"
    targets.write_text(TARGETS, encoding="utf-8")
    code = main(["report", str(data), "--targets", str(targets), "-o", str(targets), "--quiet"])
    assert code == 2
    assert "targets.csv" in capsys.readouterr().err
    assert targets.read_text(encoding="utf-8") == TARGETS


def test_default_workbook_name_never_replaces_an_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    named = tmp_path / "thads-11-thang-nam-2021.xlsx"  # the default name for 11 tháng năm 2021
    named.write_text(GOOD, encoding="utf-8")
    assert main(["report", str(named), "--format", "xlsx", "--quiet"]) == 2
    assert "is the input file" in capsys.readouterr().err
    assert named.read_text(encoding="utf-8") == GOOD


def test_default_workbook_name_spells_the_period(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The name is "11 tháng năm 2021" in ASCII, not "2021-11" (which reads as November)."""
    monkeypatch.chdir(tmp_path)
    assert main(["report", str(data), "--format", "xlsx", "--quiet"]) == 0
    assert sorted(p.name for p in tmp_path.glob("*.xlsx")) == ["thads-11-thang-nam-2021.xlsx"]
    assert main(["report", "--format", "xlsx", "--quiet"]) == 0  # the sample: năm 2025
    assert (tmp_path / "thads-nam-2025.xlsx").is_file()


def test_a_symlinked_output_is_followed(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    real = tmp_path / "real.txt"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "out.txt"
    link.symlink_to(real)
    assert main(["report", str(data), "-o", str(link), "--quiet"]) == 0
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8").startswith("Kết quả thi hành án dân sự 11 tháng")


def test_dash_means_stdout(data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", str(data), "-o", "-", "--quiet"]) == 0
    assert capsys.readouterr().out.startswith("Kết quả thi hành án dân sự 11 tháng")
    assert not Path("-").exists()


def test_dash_writes_a_workbook_to_a_redirected_stdout(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "piped.xlsx"
    with out.open("wb") as stream:
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "thads_metrics",
                "report",
                str(data),
                "--format",
                "xlsx",
                "-o",
                "-",
                "--quiet",
            ],
            stdout=stream,
            stderr=subprocess.PIPE,
            text=False,
            check=False,
            cwd=tmp_path,
        )
    assert proc.returncode == 0, proc.stderr
    assert openpyxl.load_workbook(out).sheetnames == ["Việc", "Tiền"]
    assert not (tmp_path / "-").exists()


def _slow_report(tmp_path: Path) -> subprocess.Popen[str]:
    """A report of a large file, so that a signal arrives while it reads."""
    big = tmp_path / "big.csv"
    header, cases, money = GOOD.splitlines()
    with big.open("w", encoding="utf-8") as f:
        f.write(header + "\n")
        for i in range(200_000):
            f.write(
                cases.replace("A,", f"U{i},", 1) + "\n" + money.replace("A,", f"U{i},", 1) + "\n"
            )
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "thads_metrics",
            "report",
            str(big),
            "--format",
            "xlsx",
            "-o",
            str(tmp_path / "out.xlsx"),
            "--quiet",
        ],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        cwd=tmp_path,
    )


@pytest.mark.slow
@pytest.mark.parametrize(
    ("sig", "code", "word"),
    [(signal.SIGINT, 130, "interrupted"), (signal.SIGTERM, 143, "terminated")],
)
def test_a_signal_ends_with_one_line_and_no_files_left(
    tmp_path: Path, sig: signal.Signals, code: int, word: str
) -> None:
    proc = _slow_report(tmp_path)
    time.sleep(1.5)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == code, err
    assert err.strip() == f"thads-metrics: {word}"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.csv"]


def test_an_interrupted_write_leaves_no_temporary_file(tmp_path: Path) -> None:
    from thads_metrics.cli import _Terminated, _write_atomic

    def write(tmp: Path) -> None:
        tmp.write_text("half", encoding="utf-8")
        raise _Terminated(signal.SIGTERM)

    with pytest.raises(_Terminated):
        _write_atomic(tmp_path / "out.txt", write)
    assert list(tmp_path.iterdir()) == []


def test_an_endless_line_is_refused_without_reading_it_whole(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from thads_metrics.csvio import MAX_LINE_BYTES

    big = tmp_path / "one-line.csv"
    big.write_bytes(b"unit,period,kind\n" + b"0" * (MAX_LINE_BYTES * 3))
    assert main(["report", str(big), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert "one-line.csv:2" in err
    assert "longer than" in err


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_dev_zero_ends_with_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "/dev/zero", "--quiet"]) == 2
    assert "longer than" in capsys.readouterr().err


@pytest.mark.parametrize("command", [["period", "2021-08-31"], ["report", "--quiet"]])
def test_a_windows_vietnamese_console_gets_every_letter(command: list[str]) -> None:
    """Code page 1258 (Windows, Vietnamese): letters with tone marks written decomposed."""
    import os
    import unicodedata

    env = {**os.environ, "PYTHONIOENCODING": "cp1258"}
    proc = subprocess.run(
        [sys.executable, "-m", "thads_metrics", *command], capture_output=True, env=env, check=False
    )
    assert proc.returncode == 0, proc.stderr
    text = unicodedata.normalize("NFC", proc.stdout.decode("cp1258"))
    utf8 = subprocess.run(
        [sys.executable, "-m", "thads_metrics", *command],
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        check=False,
    ).stdout.decode("utf-8")
    assert text == utf8


def test_a_console_without_vietnamese_gets_the_letters_without_marks() -> None:
    import os

    env = {**os.environ, "PYTHONIOENCODING": "cp1252"}
    proc = subprocess.run(
        [sys.executable, "-m", "thads_metrics", "report", "--unit", "Nghệ An", "--quiet"],
        capture_output=True,
        env=env,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "cua Nghe An" in proc.stdout.decode("cp1252")


def test_default_workbook_name_never_replaces_a_file_that_exists(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A workbook written before may have been filled in and signed since: the default
    name refuses it (output.exists); -o naming it replaces it."""
    monkeypatch.chdir(tmp_path)
    named = tmp_path / "thads-11-thang-nam-2021.xlsx"
    named.write_text("signed", encoding="utf-8")
    assert main(["report", str(data), "--format", "xlsx", "--quiet"]) == 2
    assert "[output.exists]" not in capsys.readouterr().err  # English: the message alone
    assert named.read_text(encoding="utf-8") == "signed"
    assert main(["--lang", "vi", "report", str(data), "--format", "xlsx", "--quiet"]) == 2
    assert capsys.readouterr().err.endswith("[output.exists]\n")
    assert main(["report", str(data), "--format", "xlsx", "-o", str(named), "--quiet"]) == 0
    assert named.read_bytes().startswith(b"PK")  # a workbook now


def test_report_reads_stdin_for_a_dash(
    data: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import io
    import sys

    expected_code = main(["report", str(data), "--format", "json"])
    expected = capsys.readouterr().out.replace(json.dumps(str(data)), '"<stdin>"')
    stdin = io.TextIOWrapper(io.BytesIO(data.read_bytes()), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    monkeypatch.setattr("os.path.exists", lambda path: False)  # the way without /dev/stdin
    assert (main(["report", "-", "--format", "json"]), expected_code) == (0, 0)
    assert capsys.readouterr().out == expected


def test_a_unit_behind_the_others_is_named_as_left_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Hà Tĩnh has reported up to 10 months, Nghệ An 11: the report of 11 months leaves
    Hà Tĩnh out of the paragraphs and the roll-up, and says so."""
    path = tmp_path / "r.csv"
    path.write_text(
        "unit,period,origin,status,amount_due\n"
        "Nghệ An,11 tháng năm 2025,newly_accepted,in_progress,5\n"
        "Hà Tĩnh,10 tháng năm 2025,newly_accepted,in_progress,5\n",
        encoding="utf-8",
    )
    assert main(["report", str(path)]) == 0
    out, err = capsys.readouterr()
    assert "Hà Tĩnh" not in out
    assert err == (
        "Hà Tĩnh has no ledgers of 11 tháng năm 2025 (its latest: 10 tháng năm 2025): left out\n"
    )
    assert main(["report", str(path), "--unit", "Nghệ An"]) == 0  # chosen: nothing to say
    assert capsys.readouterr().err == ""


def test_one_unit_spelled_several_ways_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "r.csv"
    path.write_text(
        "unit,period,origin,status,amount_due\n"
        "Cục THADS tỉnh Vĩnh Phúc,11 tháng năm 2021,newly_accepted,in_progress,5\n"
        "Cuc THADS tinh Vinh Phuc,11 tháng năm 2021,newly_accepted,in_progress,5\n",
        encoding="utf-8",
    )
    assert main(["report", str(path)]) == 0
    assert capsys.readouterr().err == (
        "Cuc THADS tinh Vinh Phuc, Cục THADS tỉnh Vĩnh Phúc may be one unit spelled several "
        "ways: they are counted apart\n"
    )


def test_a_quarter_for_period_says_which_cumulative_report_it_gives(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Reports are cumulative from 1 October (DOMAIN §1): Quý II/2025 ends the 6 months.
    assert main(["report", "--period", "Quý II/2025"]) == 0
    out, err = capsys.readouterr()
    assert "6 tháng năm 2025" in out
    assert err == (
        "--period 'Quý II/2025': reports are cumulative; this is the report of 6 tháng năm "
        "2025 (1/10/2024 to 31/3/2025), which ends with Quý II/2025\n"
    )


def test_a_bad_status_lists_the_statuses_a_record_may_have(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "r.csv"
    path.write_text("unit,period,origin,status\nA,năm 2024,new,bogus\n", encoding="utf-8")
    assert main(["report", str(path)]) == 2
    err = capsys.readouterr().err
    assert "'bogus' is not a status; expected one of completed, terminated," in err
    assert "reduced" not in err  # an amount (giảm, miễn), never a case's status
