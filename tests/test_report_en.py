"""The English writer: the same figures model, the same sentences, English words."""

from __future__ import annotations

import pytest

from thads_metrics import AmountLedger, CaseLedger, LedgerPair, ReportingPeriod, Target
from thads_metrics.cli import main
from thads_metrics.errors import ReportError
from thads_metrics.report import build_report, summarize, summary_table

CASES = CaseLedger(newly_accepted=1_000, completed=406, in_progress=394, without_conditions=200)
MONEY = AmountLedger(
    newly_accepted=10**12,
    completed=2 * 10**11,
    in_progress=3 * 10**11,
    without_conditions=5 * 10**11,
)
LONG_AN = Target("81,5", "40,1")


def test_the_english_paragraph_says_what_the_vietnamese_one_says() -> None:
    report = build_report("Long An", ReportingPeriod(2022, 6), CASES, MONEY, LONG_AN)
    vi, en = report.text(), report.text(language="en")
    assert vi == summarize("Long An", ReportingPeriod(2022, 6), CASES, MONEY, LONG_AN)
    assert len(vi.splitlines()) == len(en.splitlines())
    assert en.splitlines()[0].startswith(
        "Civil judgment enforcement (thi hành án dân sự) in the first 6 months of enforcement "
        "year 2022 (1 October 2021 to 31 March 2022), Long An:"
    )
    # The same figures, written the English way.
    for vi_text, en_text in (
        ("50,75%", "50.75%"),
        ("vượt tiến độ 10,00%", "10.00% ahead of pace"),
        ("30,75%", "30.75%"),
        ("246 việc", "246 cases"),
        ("1.000 việc", "1,000 cases"),
        ("1.000 tỷ đồng", "VND 1,000.0 billion"),
    ):
        assert vi_text in vi
        assert en_text in en


def test_year_report_and_changes_in_english() -> None:
    year = ReportingPeriod(2025, 12)
    report = build_report(
        "A",
        year,
        CaseLedger(newly_accepted=100, completed=80, in_progress=20),
        AmountLedger(newly_accepted=100, completed=52, in_progress=48),
        previous=LedgerPair(
            CaseLedger(newly_accepted=100, completed=70, in_progress=30),
            AmountLedger(newly_accepted=100, completed=52, in_progress=48),
        ),
    )
    text = report.text(language="en", points_unit="points")
    assert "the target of 83.90% is not met (3.90 percentage points short)" in text
    assert "0.10 percentage points above the target of 51.90%" in text
    assert "cases finished rose by 10 cases (14.29%)" in text
    assert "the completion rate rose 10.00 percentage points" in text
    assert "money finished did not change" in text
    assert "The targets applied are the national ones for enforcement year 2025" in text


def test_summary_table_in_english() -> None:
    report = build_report("A", ReportingPeriod(2022, 6), CASES, MONEY, LONG_AN)
    table = summary_table([report], report, language="en").splitlines()
    assert table[0].split()[:2] == ["Unit", "With"]
    assert table[-1].startswith("Total")
    assert "1,000.0" not in table[2]  # with conditions in money: 500 billion
    assert "500.0" in table[2]


def test_unknown_language_is_refused() -> None:
    report = build_report("A", ReportingPeriod(2022, 6), CASES, MONEY, LONG_AN)
    with pytest.raises(ReportError) as info:
        report.text(language="fr")  # type: ignore[arg-type]
    assert info.value.code == "report.choice"


def test_cli_writes_english(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "--language", "en", "--quiet"]) == 0
    out = capsys.readouterr().out
    assert "6 units (total):" in out
    assert "Summary, enforcement year 2025 (money in VND billion)" in out
    assert "việc" not in out.replace("(về việc)", "")
