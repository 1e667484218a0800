"""The fuzz harness ``scripts/fuzz.py`` keeps to its time budget and reports its counts."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "fuzz.py"
SUMMARY = re.compile(r"(\d+) targets, (\d+) runs, (\d+) escapes")
TARGETS = ("calendar.parse_date", "vi.parse_number")


@pytest.mark.slow
def test_two_seconds_on_two_targets_ends_with_the_summary_line(tmp_path: Path) -> None:
    command = [sys.executable, str(SCRIPT), "--seconds", "2", "--seed", "0", "--quiet"]
    for target in TARGETS:
        command += ["--target", target]
    started = time.monotonic()
    done = subprocess.run(
        command, cwd=tmp_path, capture_output=True, text=True, timeout=300, check=False
    )
    elapsed = time.monotonic() - started
    output = done.stdout + done.stderr
    lines = done.stdout.strip().splitlines()
    assert lines, output
    summary = SUMMARY.fullmatch(lines[-1])
    assert summary is not None, output
    targets, runs, escapes = map(int, summary.groups())
    assert targets == len(TARGETS)
    assert runs > 0
    assert done.returncode == (1 if escapes else 0), output
    for target in TARGETS:  # one line per target with its runs
        assert re.search(rf"^\s+{re.escape(target)}\s+\d+ runs\s+\d+ escapes$", done.stdout, re.M)
    # the budget is respected: start-up (imports) plus the 2 s, well under a minute
    assert elapsed < 60, f"took {elapsed:.1f} s"
