"""``thads-metrics year`` and ``report --format html`` on the bundled sample (a monthly year)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from thads_metrics.calendar import ReportingPeriod
from thads_metrics.cli import main
from thads_metrics.csvio import load_sample
from thads_metrics.projection import needed_per_month
from thads_metrics.series import Series
from thads_metrics.targets import Target


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_year_shows_the_months_the_projection_and_the_plan(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = _run(capsys, "year", "--unit", "Nghệ An", "--period", "9 tháng năm 2025")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "Nghệ An: năm công tác 2025 theo tháng"
    months = [line.split()[0] for line in lines[2:11]]
    assert months == ["10/2024", "11/2024", "12/2024", "1/2025", "2/2025", "3/2025", "4/2025",
                      "5/2025", "6/2025"]  # fmt: skip
    assert "Dự báo đến 30/9:" in out
    assert "theo mùa các năm trước" in out  # 2024 is a complete earlier year in the sample
    # Nghệ An's own target in the bundled targets file: 83% về việc.
    series = Series.from_table(load_sample(), "Nghệ An", 2025)
    part = Series("Nghệ An", 2025, [pt for pt in series.points if pt[0].months <= 9])
    plan = needed_per_month(part, Target("83", "50"))
    assert f"còn phải thi hành xong {plan.cases.total:,} việc".replace(",", ".") in out


def test_year_json_adds_back_to_the_cumulative_figures(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "year", "--unit", "Đồng Nai", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["version"] == 2
    (unit,) = data["units"]
    months = unit["months"]
    assert [m["period"]["months"] for m in months] == list(range(1, 13))
    year = load_sample()["Đồng Nai", ReportingPeriod(2025, 12)]
    assert sum(m["cases"]["flows"]["finished"] for m in months) == year.cases.finished
    assert sum(m["money"]["flows"]["newly_accepted"] for m in months) == year.amounts.newly_accepted
    # At month 12 the projections are the year itself and nothing is left to plan.
    assert {p["cases"]["rate"] for p in unit["projections"]} == {str(year.cases.completion_rate())}
    assert unit["needed"]["cases"]["per_month"] == []


def test_report_html_is_one_page_with_charts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "bao-cao.html"
    code, _, err = _run(capsys, "report", "--format", "html", "-o", str(target), "--quiet",
                        "--period", "6 tháng năm 2025")  # fmt: skip
    assert code == 0, err
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "Kết quả thi hành án dân sự 6 tháng năm 2025" in page
    # The chart of the units, then the year and the projection of each of the six units.
    assert page.count("<svg") == 1 + 2 * 6
    assert page.count("Còn phải thi hành xong mỗi tháng để đạt chỉ tiêu") == 6
    code, out, _ = _run(capsys, "report", "--format", "html", "--language", "en", "--quiet")
    assert code == 0
    assert '<html lang="en">' in out


RECORDS = "unit,period,origin,status,amount_due\n"


def test_year_of_a_flow_that_decreases_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """3 new cases by 3 months, 1 by 6 months: the cumulative figures contradict each other
    (DOMAIN §2b), so the year cannot be shown: exit 2 naming the row, not an empty output."""
    path = tmp_path / "r.csv"
    rows = ["A,3 tháng năm 2025,newly_accepted,in_progress,5"] * 3
    rows.append("A,6 tháng năm 2025,newly_accepted,in_progress,5")
    path.write_text(RECORDS + "\n".join(rows) + "\n", encoding="utf-8")
    code, out, err = _run(capsys, "--lang", "vi", "year", str(path))
    assert (code, out) == (2, "")
    assert err == (
        "thads-metrics: lỗi: newly_accepted (thụ lý mới) giảm từ 3 trong 3 tháng năm 2025 "
        "xuống 1 trong 6 tháng năm 2025: chỉ tiêu phát sinh được cộng dồn trong năm nên không "
        "bao giờ giảm [ledger.flow_decrease]\n"
    )


def test_year_without_any_target_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "r.csv"
    path.write_text(RECORDS + "A,3 tháng năm 2019,newly_accepted,in_progress,5\n", "utf-8")
    code, out, err = _run(capsys, "year", str(path))  # no national target for 2019 is known
    assert (code, out) == (2, "")
    assert "2019" in err
    assert err.startswith("thads-metrics: error: ")


def test_year_says_which_months_a_row_covers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Only 3 and 6 tháng năm 2022: the rows cover 10–12/2021 and 1–3/2022, not one month."""
    path = tmp_path / "r.csv"
    rows = ["A,3 tháng năm 2022,newly_accepted,completed,0"] * 2
    rows += ["A,6 tháng năm 2022,newly_accepted,completed,0"] * 5
    path.write_text(RECORDS + "\n".join(rows) + "\n", encoding="utf-8")
    code, out, _ = _run(capsys, "year", str(path))
    assert code == 0
    assert [line.split()[:2] for line in out.splitlines()[2:4]] == [
        ["10–12/2021", "2"],
        ["1–3/2022", "3"],
    ]
    code, out, _ = _run(capsys, "year", str(path), "--format", "json")
    months = json.loads(out)["units"][0]["months"]
    assert [m["months_covered"] for m in months] == [3, 3]


def test_year_in_english_writes_english_numbers(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "year", "--unit", "Nghệ An", "--language", "en")
    assert code == 0
    assert "1,008" in out  # not 1.008 (a thousand and eight cases, not one point…)
    assert "39.73%" in out
    assert "VND 54.6 billion" in out
    assert "39,73%" not in out
    assert "tỷ đồng" not in out
