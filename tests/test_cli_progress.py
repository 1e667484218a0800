"""The progress bar of ``thads-metrics report`` (tqdm on stderr, only on a terminal)."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import signal
import struct
import subprocess
import sys
import termios
import threading
import time
from pathlib import Path

import pytest

from thads_metrics import cli
from thads_metrics.cli import main

HEADER = (
    "unit,period,kind,carried_over,newly_accepted,entrusted,withdrawn,completed,terminated,"
    "reduced,in_progress,postponed,suspended,other,without_conditions\n"
)
CASES = "{},11 tháng năm 2021,viec,10,20,1,0,15,2,0,5,0,0,0,7\n"
MONEY = "{},11 tháng năm 2021,tien,1000,2000,100,0,800,100,50,500,0,0,0,1450\n"


def _ledgers(units: int) -> str:
    return HEADER + "".join(CASES.format(f"U{i}") + MONEY.format(f"U{i}") for i in range(units))


def _screen(output: str) -> list[str]:
    """What a terminal shows after ``output``: a carriage return goes back to the start
    of the line, a newline to the next; each line without its trailing spaces."""
    lines: list[list[str]] = [[]]
    column = 0
    for char in output:
        if char == "\r":
            column = 0
        elif char == "\n":
            lines.append([])
            column = 0
        else:
            line = lines[-1]
            line.extend(" " * (column + 1 - len(line)))
            line[column] = char
            column += 1
    return ["".join(line).rstrip() for line in lines]


def test_screen_helper() -> None:
    assert _screen("abc\rx\n12\r  \r") == ["xbc", ""]


def _terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """stderr taken for a terminal; the bar drawn at once and at every update.

    Called in the test itself: capsys puts its stream in sys.stderr only then."""
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    monkeypatch.setattr(cli, "PROGRESS_OPTIONS", {"delay": 0, "mininterval": 0, "miniters": 1})


def test_the_bar_has_a_total_and_the_time_left(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from tqdm import tqdm

    _terminal(monkeypatch)
    path = tmp_path / "big.csv"
    path.write_text(_ledgers(3000), encoding="utf-8")
    assert main(["--lang", "vi", "report", str(path), "--format", "json"]) == 0
    err = capsys.readouterr().err
    total = tqdm.format_sizeof(path.stat().st_size)
    assert f"/{total} [" in err  # bytes against the file's size: 1.23M/1.23M
    assert re.search(r"\[\d\d:\d\d<\d\d:\d\d, ", err), err  # elapsed<left: the ETA
    assert "100%" in err
    assert "Đang đọc" in err  # the label in the language of the messages
    assert set(_screen(err)) == {""}  # erased: not a character left


def test_the_bar_is_erased_before_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _terminal(monkeypatch)
    path = tmp_path / "bad.csv"
    path.write_text(_ledgers(3000) + CASES.format("U0").replace(",15,", ",x,"), encoding="utf-8")
    assert main(["report", str(path)]) == 2
    err = capsys.readouterr().err
    assert "Reading" in err  # a bar was drawn…
    shown = [line for line in _screen(err) if line]
    assert len(shown) == 1  # …and only the error is left on the screen
    assert shown[0].startswith("thads-metrics: error: ")
    assert "bad.csv:6002: column completed: 'x'" in shown[0]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
@pytest.mark.parametrize(("language", "lines"), [("vi", "dòng"), ("en", "lines")])
def test_a_pipe_has_no_size_so_the_bar_counts_lines(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    language: str,
    lines: str,
) -> None:
    _terminal(monkeypatch)
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    text = _ledgers(3000)

    def feed() -> None:
        with fifo.open("w", encoding="utf-8") as writer:
            writer.write(text)

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    argv = ["--lang", language, "report", str(fifo), "--unit", "U1", "--format", "json"]
    assert main(argv) == 0
    writer.join(timeout=10)
    err = capsys.readouterr().err
    assert f"6.00k {lines} [" in err  # lines read: the header and 6000 rows
    assert "%" not in err  # no total, so no percentage
    assert set(_screen(err)) == {""}


def test_no_bar_when_stderr_is_not_a_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(cli, "PROGRESS_OPTIONS", {"delay": 0, "mininterval": 0})
    path = tmp_path / "big.csv"
    path.write_text(_ledgers(3000), encoding="utf-8")
    assert main(["report", str(path), "--unit", "U7", "--format", "json"]) == 0
    assert capsys.readouterr().err == ""


def test_no_bar_with_quiet(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _terminal(monkeypatch)
    path = tmp_path / "big.csv"
    path.write_text(_ledgers(3000), encoding="utf-8")
    assert main(["report", str(path), "--unit", "U7", "--format", "json", "--quiet"]) == 0
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize(
    "code",
    [
        "import thads_metrics, thads_metrics.cli",
        "import contextlib\nfrom thads_metrics.cli import main\n"
        "with contextlib.suppress(SystemExit):\n    main(['--help'])",
        "from thads_metrics.cli import main\nmain(['report', '--quiet'])",
    ],
)
def test_tqdm_is_imported_only_to_show_a_bar(code: str) -> None:
    proc = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys\nprint('tqdm' in sys.modules)"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[-1] == "False"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("sig", "code", "word"),
    [(signal.SIGINT, 130, "interrupted"), (signal.SIGTERM, 143, "terminated")],
)
def test_a_signal_in_a_terminal_leaves_one_line(
    tmp_path: Path, sig: signal.Signals, code: int, word: str
) -> None:
    """In a real terminal (a pseudo-terminal), the bar is drawn, then erased by a signal."""
    big = tmp_path / "big.csv"
    big.write_text(_ledgers(200_000), encoding="utf-8")
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    proc = subprocess.Popen(
        [sys.executable, "-m", "thads_metrics", "report", str(big), "--format", "json"],
        stdout=subprocess.DEVNULL,
        stderr=follower,
        cwd=tmp_path,
    )
    os.close(follower)
    output = b""
    deadline = time.monotonic() + 60
    sent = False
    while time.monotonic() < deadline:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        output += chunk
        if not sent and b"%" in output:  # the bar is on the screen: interrupt the read
            proc.send_signal(sig)
            sent = True
    os.close(leader)
    assert proc.wait(timeout=60) == code
    text = output.decode("utf-8")
    assert "Reading" in text
    assert [line for line in _screen(text) if line] == [f"thads-metrics: {word}"]
