"""The English writer: the same figures model, the same sentences, English words."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thads_metrics import AmountLedger, CaseLedger, LedgerPair, ReportingPeriod, Target
from thads_metrics.cases import CATEGORIES
from thads_metrics.cli import main
from thads_metrics.errors import ReportError
from thads_metrics.report import build_report, summarize, summary_table
from thads_metrics.report.en import English
from thads_metrics.report.vi import Vietnamese
from thads_metrics.testing import amount_ledgers, case_ledgers, dong_amounts, periods, targets

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
        ("vượt tiến độ 10,00%", "10.00 percentage points ahead of pace"),
        ("phấn đấu thêm 30,75%", "30.75 percentage points still to gain"),
        ("246 việc", "246 cases"),
        ("1.000 việc", "1,000 cases"),
        ("1.000 tỷ đồng", "VND 1,000 billion"),
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


# --- differences of rates: each language's own unit by default ---------------------------

TP_HCM_2019 = LedgerPair(
    CaseLedger(
        newly_accepted=60_000, completed=26_515, in_progress=28_166, without_conditions=5_319
    ),
    AmountLedger(newly_accepted=100, completed=40, in_progress=60),
)
_BARE_GAP = re.compile(r"\d%\)? (?:ahead|behind|above|short|still)")


def test_english_gaps_are_in_percentage_points_unless_asked() -> None:
    """TP.HCM, 6 months of 2019: 48,49% against 73% → vượt tiến độ 11,99 (plo.vn)."""
    report = build_report("TP. Hồ Chí Minh", ReportingPeriod(2019, 6), *TP_HCM_2019, Target(73, 32))
    assert "vượt tiến độ 11,99% (chỉ tiêu 6 tháng là 36,50%)" in report.text()
    en = report.text(language="en")
    assert "11.99 percentage points ahead of pace (the target pro-rated to 6 months" in en
    assert "24.51 percentage points still to gain to reach the annual target of 73.00%" in en
    assert not _BARE_GAP.search(en)
    on_request = report.text(language="en", points_unit="percent")
    assert "11.99% ahead of pace" in on_request
    assert "vượt tiến độ 11,99 điểm phần trăm" in report.text(points_unit="points")
    assert (
        summarize(
            "TP. Hồ Chí Minh", ReportingPeriod(2019, 6), *TP_HCM_2019, Target(73, 32), language="en"
        )
        == en
    )


def test_english_year_gap_in_points() -> None:
    """National 2025: 84,25% against 83,90% → vượt 0,35."""
    cases = CaseLedger(newly_accepted=10_000, completed=8_425, in_progress=1_575)
    money = AmountLedger(newly_accepted=100, completed=60, in_progress=40)
    report = build_report("Toàn quốc", ReportingPeriod(2025, 12), cases, money)
    assert "vượt 0,35% so với chỉ tiêu 83,90%" in report.text()
    assert "0.35 percentage points above the target of 83.90%" in report.text(language="en")


@settings(max_examples=60)
@given(
    cases=case_ledgers(),
    money=amount_ledgers(),
    period=periods(),
    target=targets(),
    language=st.sampled_from(("vi", "en")),
)
def test_the_default_unit_is_the_languages_own(
    cases: CaseLedger, money: AmountLedger, period: ReportingPeriod, target: Target, language: str
) -> None:
    report = build_report("A", period, cases, money, target)
    own = {"vi": "percent", "en": "points"}[language]
    text = report.text(language=language)  # type: ignore[arg-type]
    assert text == report.text(language=language, points_unit=own)  # type: ignore[arg-type]
    if language == "en":
        assert not _BARE_GAP.search(text)


# --- money: the scale of the rounded amount, no trailing ".0" -----------------------------


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (146_900_000_000, "VND 146.9 billion"),
        (716 * 10**9, "VND 716 billion"),  # as "716 tỷ đồng"
        (999_960_000, "VND 1 billion"),  # 999.96 million rounds to 1,000.0 million
        (999_940_000, "VND 999.9 million"),
        (999_999, "VND 1 million"),
        (10**12, "VND 1,000 billion"),  # billions all the way up, as tỷ
        (194_268_254_515_586, "VND 194,268.3 billion"),
        (950, "VND 950"),
    ],
)
def test_english_money(amount: int, text: str) -> None:
    assert English().money(amount) == text


_SCALE_WORDS = {"tỷ": "billion", "triệu": "million", "nghìn": "thousand", "đồng": ""}


@given(dong_amounts())
def test_english_money_says_what_the_vietnamese_says(amount: int) -> None:
    """The same number at the same scale: only the separators and the words differ."""
    vi, en = Vietnamese().money(amount), English().money(amount)
    vi_number, vi_word = vi.removesuffix(" đồng").partition(" ")[::2]
    en_number, en_word = en.removeprefix("VND ").partition(" ")[::2]
    assert Decimal(en_number.replace(",", "")) == Decimal(
        vi_number.replace(".", "").replace(",", ".")
    )
    assert en_word == _SCALE_WORDS[vi_word or "đồng"]
    assert not en_number.endswith(".0")
    size = {"billion": 10**9, "million": 10**6, "thousand": 10**3, "": 1}[en_word]
    assert abs(Decimal(en_number.replace(",", "")) * size - amount) <= Decimal(size) / 20
    assert en_word == "billion" or Decimal(en_number.replace(",", "")) < 1000


# --- kinds of case -------------------------------------------------------------------------


def test_built_in_categories_have_english_names() -> None:
    w = English()
    for code, label in CATEGORIES.items():
        name = w.category_name(code, label)
        assert name != label
        assert name.isascii()
        assert not set(name) & set(",;:")


def test_names_with_a_list_separator_are_set_apart() -> None:
    vi, en = Vietnamese(), English()
    assert vi.category_name("credit", CATEGORIES["credit"]) == "tín dụng – ngân hàng"
    assert vi.category_name(None, "nhà, đất") == "“nhà, đất”"
    assert en.category_name(None, "nhà, đất") == "“nhà, đất”"
    assert vi.category_name(None, "Án kinh doanh thương mại") == "Án kinh doanh thương mại"


_NAMES = st.text(alphabet="ab ,;:", min_size=1, max_size=8).filter(lambda s: s.strip() != "")


@settings(max_examples=60)
@given(
    names=st.lists(_NAMES, min_size=1, max_size=4, unique=True),
    language=st.sampled_from(("vi", "en")),
)
def test_the_breakdown_reads_back_into_its_parts(names: list[str], language: str) -> None:
    pair = LedgerPair(CASES, MONEY)
    report = build_report(
        "A", ReportingPeriod(2022, 6), CASES, MONEY, LONG_AN, breakdown=dict.fromkeys(names, pair)
    )
    line = report.text(language=language).splitlines()[3]  # type: ignore[arg-type]
    outside = re.sub("“[^”]*”", "“”", line)
    assert outside.count("; ") == len(names) - 1
    assert outside.count(": ") == len(names) + 1  # after the heading and after each name


# --- what left the ledger: only the rows that did -----------------------------------------


def test_only_the_rows_that_left_are_said() -> None:
    cases = CaseLedger(newly_accepted=100, withdrawn=3, completed=50, in_progress=47)
    report = build_report("A", ReportingPeriod(2025, 12), cases, MONEY, LONG_AN)
    vi, en = report.text(), report.text(language="en")
    assert "thụ lý mới 100 việc; đã trừ thu hồi, hủy quyết định 3 việc)" in vi
    assert "ủy thác" not in vi
    assert "100 cases newly accepted; less 3 cases withdrawn or annulled)" in en
    assert "entrusted" not in en


def test_both_rows_that_left_national_2023() -> None:
    """National 2023 (thads.moj.gov.vn): 299.096 carried over + 636.950 newly accepted
    − 12.004 ủy thác − 501 thu hồi = 923.541 to enforce."""
    cases = CaseLedger.from_totals(
        carried_over=299_096, newly_accepted=636_950, entrusted=12_004, withdrawn=501
    )
    report = build_report("Toàn quốc", ReportingPeriod(2023, 12), cases, MONEY)
    vi, en = report.text(), report.text(language="en")
    assert "tổng số phải thi hành là 923.541 việc" in vi
    assert "đã trừ ủy thác 12.004 việc và thu hồi, hủy quyết định 501 việc)" in vi
    assert "less 12,004 cases entrusted to other offices and 501 cases withdrawn or annulled)" in en


@settings(max_examples=60)
@given(cases=case_ledgers(), language=st.sampled_from(("vi", "en")))
def test_no_zero_row_is_said_to_have_left(cases: CaseLedger, language: str) -> None:
    report = build_report("A", ReportingPeriod(2025, 12), cases, MONEY, LONG_AN)
    text = report.text(language=language)  # type: ignore[arg-type]
    w = {"vi": Vietnamese(), "en": English()}[language]
    said = {
        "vi": {"entrusted": "ủy thác {}", "withdrawn": "thu hồi, hủy quyết định {}"},
        "en": {"entrusted": "{} entrusted", "withdrawn": "{} withdrawn"},
    }[language]
    for row, phrase in said.items():
        value = cases.rows()[row]
        assert (phrase.format(w.count(value)) in text) == (value != 0)


# --- wording ------------------------------------------------------------------------------


def test_english_says_of_what() -> None:
    report = build_report("Long An", ReportingPeriod(2022, 6), CASES, MONEY, LONG_AN)
    en = report.text(language="en")
    assert "200 cases without conditions (chưa có điều kiện)" in en
    assert "800 cases with conditions to enforce (có điều kiện), 80.00% of the total" in en


def test_one_month_is_singular() -> None:
    report = build_report("A", ReportingPeriod(2025, 1), CASES, MONEY, LONG_AN)
    assert "(the target pro-rated to 1 month is 6.79%)" in report.text(language="en")
