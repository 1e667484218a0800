"""The ``thads-metrics period`` command."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from thads_metrics.cli import main


def test_period_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["period", "31/8/2021"]) == 0
    out = capsys.readouterr().out
    assert "năm 2021" in out
    assert "11 tháng năm 2021" in out
    assert "Quý IV/2021" in out


def test_period_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["period", "2021-10-01", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["year"] == 2022
    assert data["version"] == 2
    assert data["period"] == {
        "type": "ReportingPeriod",
        "year": 2022,
        "months": 1,
        "label": "1 tháng năm 2022",
        "start": "2021-10-01",
        "end": "2021-10-31",
    }
    assert data["quarter"]["label"] == "Quý I/2022"


def test_period_bad_date_exits_2_with_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["period", "31/2/2021"]) == 2
    err = capsys.readouterr().err
    assert "31/2/2021" in err
    assert len(err.strip().splitlines()) == 1


def test_python_dash_m_runs() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "thads_metrics", "period", "2022-03-31"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "6 tháng năm 2022" in proc.stdout


@pytest.mark.parametrize(
    "text", ["31 tháng 8 năm 2021", "ngày 31 tháng 8 năm 2021", "31-8-2021", "31.8.2021"]
)
def test_period_reads_the_printed_forms_of_a_day(
    capsys: pytest.CaptureFixture[str], text: str
) -> None:
    assert main(["period", text]) == 0
    out = capsys.readouterr().out
    assert "Ngày 31/8/2021" in out
    assert "11 tháng năm 2021" in out


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("３１/８/２０２１", "0-9"),  # full-width digits are refused, not read
        ("٣١/٨/٢٠٢١", "0-9"),  # Arabic-Indic digits too
        ("31/8", "year"),  # a day without its year
    ],
)
def test_period_refuses_unreadable_days_in_one_line(
    capsys: pytest.CaptureFixture[str], text: str, said: str
) -> None:
    assert main(["period", text]) == 2
    err = capsys.readouterr().err
    assert said in err
    assert len(err.strip().splitlines()) == 1
