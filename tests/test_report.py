"""The report paragraph: wording, published figures, consistency with the rates module."""

from __future__ import annotations

from decimal import Decimal

import pytest

from thads_metrics import (
    AmountLedger,
    CaseLedger,
    LedgerPair,
    ReportingPeriod,
    Target,
    TargetBook,
    UnknownTargetError,
)
from thads_metrics.errors import PeriodError
from thads_metrics.report import ReportError, build_report, summarize, summary_table

LONG_AN_TARGET = Target("81,5", "40,1", "Long An 2022 (seed article)")


def _long_an_6_months() -> LedgerPair:
    """Ledgers giving Long An's published 50,75% về việc at 6 months of 2022."""
    cases = CaseLedger(
        carried_over=5_000,
        newly_accepted=3_000,
        completed=3_700,
        terminated=360,
        in_progress=3_940,
        without_conditions=0,
    )
    money = AmountLedger(
        carried_over=6_000 * 10**9,
        newly_accepted=112 * 10**9,
        completed=1_000 * 10**9,
        in_progress=2_000 * 10**9,
        without_conditions=3_112 * 10**9,
    )
    return LedgerPair(cases, money)


def test_long_an_remaining_to_target() -> None:
    pair = _long_an_6_months()
    assert pair.cases.completion_rate() == Decimal("50.75")
    text = summarize("Long An", ReportingPeriod(2022, 6), *pair, LONG_AN_TARGET)
    assert "đạt tỷ lệ 50,75%" in text
    assert "còn phải phấn đấu thêm 30,75% để đạt chỉ tiêu năm 81,50%" in text
    # 6 tháng: pro-rated target 40,75% → vượt tiến độ 10,00%
    assert "vượt tiến độ 10,00% (chỉ tiêu 6 tháng là 40,75%)" in text
    assert "30,75" in text.split("còn phải phấn đấu")[1]
    assert text.count("30,75%") == 1  # said once, not twice


def test_tp_hcm_pace_2019() -> None:
    """TP.HCM, 6 tháng 2019: 26.515 ÷ 54.681 = 48,49%, vượt tiến độ 11,99 against 73%."""
    cases = CaseLedger(
        newly_accepted=60_000, completed=26_515, in_progress=28_166, without_conditions=5_319
    )
    money = AmountLedger(newly_accepted=100, completed=40, in_progress=60)
    text = summarize("TP. Hồ Chí Minh", ReportingPeriod(2019, 6), cases, money, Target(73, 32))
    assert "đạt tỷ lệ 48,49%" in text
    assert "vượt tiến độ 11,99%" in text


def test_national_2025_gap() -> None:
    """84,25% against the 2025 target 83,90% → vượt 0,35."""
    cases = CaseLedger(newly_accepted=10_000, completed=8_425, in_progress=1_575)
    money = AmountLedger(newly_accepted=100, completed=60, in_progress=40)
    report = build_report("Toàn quốc", ReportingPeriod(2025, 12), cases, money)
    assert report.target.cases == Decimal("83.90")  # national fallback
    assert report.cases.gap is not None
    assert report.cases.gap.points == Decimal("0.35")
    assert "vượt 0,35% so với chỉ tiêu 83,90%" in report.text()
    assert "vượt 0,35 điểm phần trăm" in report.text(points_unit="points")
    assert "tiến độ" not in report.text()  # no pace in the year report


def test_gap_is_computed_on_the_printed_rate() -> None:
    # 2 ÷ 3 = 66,666…% prints 66,67%; against 66,67 it is exactly met, as printed.
    cases = CaseLedger(newly_accepted=3, completed=2, in_progress=1)
    money = AmountLedger(newly_accepted=3, completed=2, in_progress=1)
    report = build_report("A", ReportingPeriod(2025, 12), cases, money, Target("66.67", "66.67"))
    assert report.cases.rate == Decimal("66.67")
    assert "; đạt chỉ tiêu 66,67%." in report.text()
    assert report.cases.required == 0  # met as printed: nothing more is asked


def test_required_is_from_exact_counts() -> None:
    pair = _long_an_6_months()
    report = build_report("Long An", ReportingPeriod(2022, 6), *pair, LONG_AN_TARGET)
    # 81,5% of 8.000 = 6.520 finished needed; 4.060 finished: 2.460 more.
    assert report.cases.required == 2_460
    assert "thi hành xong thêm ít nhất 2.460 việc" in report.text()


def test_same_period_changes() -> None:
    before = LedgerPair(
        CaseLedger(newly_accepted=1_000, completed=700, in_progress=300),
        AmountLedger(newly_accepted=10**12, completed=4 * 10**11, in_progress=6 * 10**11),
    )
    now = LedgerPair(
        CaseLedger(newly_accepted=1_100, completed=800, in_progress=300),
        AmountLedger(newly_accepted=10**12, completed=4 * 10**11, in_progress=6 * 10**11),
    )
    report = build_report("A", ReportingPeriod(2025, 9), *now, Target(80, 40), previous=before)
    text = report.text()
    assert "So với cùng kỳ 9 tháng năm 2024 (về việc)" in text
    assert "tổng số phải thi hành tăng 100 việc (10,00%)" in text
    assert "số thi hành xong tăng 100 việc (14,29%)" in text
    # 70% → 72,73%: a change of rates is in percentage points
    assert "tỷ lệ thi hành xong tăng 2,73 điểm phần trăm" in text
    assert "tỷ lệ thi hành xong không thay đổi" in text  # money


def test_carried_forward_sentence_long_an_seed() -> None:
    """Long An 2022: 5.409 of 12.345 việc and 1.719 of 6.112 tỷ carried forward with conditions."""
    cases = CaseLedger(carried_over=12_345, in_progress=5_409, without_conditions=6_936)
    money = AmountLedger(
        carried_over=6_112 * 10**9, in_progress=1_719 * 10**9, without_conditions=4_393 * 10**9
    )
    text = summarize("Long An", ReportingPeriod(2022, 12), cases, money, LONG_AN_TARGET)
    assert (
        "Số chuyển kỳ sau là 12.345 việc, tương ứng 6.112 tỷ đồng; trong đó có điều kiện "
        "thi hành 5.409 việc, tương ứng 1.719 tỷ đồng." in text
    )
    assert "chưa tính được tỷ lệ" not in text


def test_nothing_with_conditions_is_said_plainly() -> None:
    cases = CaseLedger(newly_accepted=5, without_conditions=5)
    money = AmountLedger(newly_accepted=5, without_conditions=5)
    text = summarize("A", ReportingPeriod(2025, 3), cases, money, Target(80, 40))
    assert "chưa có việc có điều kiện thi hành nên chưa tính được tỷ lệ" in text


def test_unit_target_from_book() -> None:
    pair = _long_an_6_months()
    book = TargetBook({(2022, "Long An"): ("81,5", "40,1")})
    report = build_report("Long An", ReportingPeriod(2022, 6), *pair, book=book)
    assert report.target.cases == Decimal("81.5")


@pytest.mark.parametrize(
    "call",
    [
        lambda p: build_report("", ReportingPeriod(2022, 6), *p),
        lambda p: build_report("A", "6 tháng 2022", *p),  # type: ignore[arg-type]
        lambda p: build_report("A", ReportingPeriod(2022, 6), p.amounts, p.cases),  # type: ignore[arg-type]
        lambda p: build_report("A", ReportingPeriod(2022, 6), *p, previous=(1, 2)),  # type: ignore[arg-type]
        lambda p: build_report("A", ReportingPeriod(2021, 6), *p),  # no national target for 2021
    ],
)
def test_bad_inputs_raise_thads_errors(call: object) -> None:
    with pytest.raises((ReportError, PeriodError, UnknownTargetError)):  # PeriodError: the period
        call(_long_an_6_months())  # type: ignore[operator]


def test_json_data_keeps_ints_and_decimal_strings() -> None:
    report = build_report("Long An", ReportingPeriod(2022, 6), *_long_an_6_months(), LONG_AN_TARGET)
    data = report.to_data()
    assert data["cases"]["rate"] == "50.75"
    assert data["cases"]["rows"]["to_enforce"] == 8_000
    assert data["money"]["rows"]["to_enforce"] == 6_112 * 10**9
    assert data["period"]["end"] == "2022-03-31"


def test_summary_table_has_total_row() -> None:
    pair = _long_an_6_months()
    period = ReportingPeriod(2022, 6)
    reports = [build_report(u, period, *pair, LONG_AN_TARGET) for u in ("A", "B")]
    total_pair = pair + pair
    total = build_report("Tổng cộng", period, *total_pair, LONG_AN_TARGET)
    table = summary_table(reports, total).splitlines()
    assert table[0].startswith("Đơn vị")
    assert table[-1].startswith("Tổng cộng")
    assert table[-1].split()[2:4] == ["16.000", "8.120"]  # with conditions, finished
    assert "50,75%" in table[2]


def test_pace_uses_the_printed_prorated_target() -> None:
    """11 tháng: 81,5 × 11/12 = 74,708…% prints 74,71%; a rate of 74,71% is exactly on pace."""
    cases = CaseLedger(newly_accepted=10_000, completed=7_471, in_progress=2_529)
    money = AmountLedger(newly_accepted=100, completed=40, in_progress=60)
    report = build_report("A", ReportingPeriod(2022, 11), cases, money, LONG_AN_TARGET)
    assert report.cases.prorated == Decimal("74.71")
    assert report.cases.pace is not None
    assert report.cases.pace.points == 0
    assert "đạt tiến độ (chỉ tiêu 11 tháng là 74,71%)" in report.text()
    assert "vượt tiến độ 0" not in report.text()


def test_shortfall_wording_year_vs_period() -> None:
    cases = CaseLedger(newly_accepted=100, completed=70, in_progress=30)
    money = AmountLedger(newly_accepted=100, completed=70, in_progress=30)
    year = build_report("A", ReportingPeriod(2025, 12), cases, money).text()
    assert "chưa đạt chỉ tiêu 83,90% (còn thiếu 13,90%)" in year
    assert "phấn đấu" not in year  # the year is closed
    nine = build_report("A", ReportingPeriod(2025, 9), cases, money).text()
    assert "vượt tiến độ 7,07% (chỉ tiêu 9 tháng là 62,93%)" in nine
    assert "còn phải phấn đấu thêm 13,90% để đạt chỉ tiêu năm 83,90%" in nine
    assert "còn thiếu" not in nine


def test_money_still_needed_is_rounded_up() -> None:
    # 40,1% of 1.000.000.000.001 đồng = 401.000.000.000,4 → 401.000.000.001 đồng needed;
    # printed to 0,1 tỷ it must not read 401 tỷ (too low): 401,1 tỷ.
    cases = CaseLedger(newly_accepted=10, completed=5, in_progress=5)
    money = AmountLedger(newly_accepted=10**12 + 1, in_progress=10**12 + 1)
    text = summarize("A", ReportingPeriod(2022, 6), cases, money, LONG_AN_TARGET)
    assert "thi hành xong thêm ít nhất 401,1 tỷ đồng" in text


def test_money_stays_in_ty_within_a_paragraph() -> None:
    money = AmountLedger(
        carried_over=142_313_824_952_556,
        newly_accepted=51_954_429_563_030,
        in_progress=66_159_074_332_714,
        without_conditions=128_109_180_182_872,
    )
    cases = CaseLedger(newly_accepted=1, in_progress=1)
    text = summarize("A", ReportingPeriod(2025, 12), cases, money, Target(80, 40))
    assert "tổng số phải thi hành là 194.268,3 tỷ đồng" in text
    assert "nghìn tỷ" not in text


def test_rows_that_were_zero_last_year() -> None:
    before = LedgerPair(CaseLedger(newly_accepted=5, in_progress=5), AmountLedger())
    now = LedgerPair(
        CaseLedger(newly_accepted=5, completed=2, in_progress=3),
        AmountLedger(newly_accepted=10**9, completed=10**9),
    )
    report = build_report("A", ReportingPeriod(2025, 12), *now, Target(80, 40), previous=before)
    text = report.text()
    assert "số thi hành xong tăng 2 việc (cùng kỳ không có)" in text
    assert report.to_data()["cases"]["change"]["finished"] == {
        "absolute": 2,
        "relative_percent": None,
    }


def test_national_fallback_is_said_and_unknown_years_can_be_reported() -> None:
    pair = _long_an_6_months()
    national = build_report("Long An", ReportingPeriod(2025, 6), *pair)
    assert national.target_source == "national"
    assert "chỉ tiêu chung năm 2025 (83,90% về việc, 51,90% về tiền)" in national.text()
    with pytest.raises(UnknownTargetError):
        build_report("Long An", ReportingPeriod(2021, 6), *pair)
    no_target = build_report("Long An", ReportingPeriod(2021, 6), *pair, require_target=False)
    assert no_target.target is None
    assert no_target.cases.gap is None
    text = no_target.text()
    assert "đạt tỷ lệ 50,75%." in text
    assert "Chưa có chỉ tiêu năm 2021 để so sánh." in text
    assert no_target.to_data()["target"] is None


def test_json_and_text_agree() -> None:
    report = build_report("Long An", ReportingPeriod(2022, 6), *_long_an_6_months(), LONG_AN_TARGET)
    data = report.to_data()["cases"]
    text = report.text()
    assert f"đạt tỷ lệ {data['rate'].replace('.', ',')}%" in text
    assert f"chỉ tiêu 6 tháng là {data['prorated_target'].replace('.', ',')}%" in text
    assert f"phấn đấu thêm {data['remaining_points'].replace('.', ',')}%" in text
    assert f"ít nhất {data['required']:,} việc".replace(",", ".") in text


def test_report_from_published_totals() -> None:
    """Vĩnh Phúc, 11 tháng 2021: only totals are published; the report says what they give."""
    cases = CaseLedger.from_totals(to_enforce=4_512, with_conditions=3_400, finished=2_751)
    money = AmountLedger.from_totals(with_conditions=500 * 10**9, finished=215 * 10**9)
    target = Target("82,5", "40,5", "implied by 'còn thiếu 1,6% về việc', 'vượt 2,5% về tiền'")
    report = build_report("Vĩnh Phúc", ReportingPeriod(2021, 11), cases, money, target)
    text = report.text()
    assert report.cases.rate == Decimal("80.91")
    assert report.money.rate == Decimal("43.00")
    assert "Về việc: tổng số phải thi hành là 4.512 việc; có điều kiện thi hành 3.400 việc" in text
    assert "chiếm 75,35%, chưa có điều kiện 1.112 việc" in text  # derived by from_totals
    assert "Đã thi hành xong 2.751 việc, đạt tỷ lệ 80,91%" in text
    assert "còn phải phấn đấu thêm 1,59% để đạt chỉ tiêu năm 82,50%" in text
    assert "Về tiền: có điều kiện thi hành 500 tỷ đồng. Đã thi hành xong 215 tỷ đồng" in text
    assert "đã vượt 2,50% so với chỉ tiêu năm 40,50%" in text
    assert "năm trước chuyển sang" not in text  # not published, not invented
    assert "Số chuyển kỳ sau là 1.761 việc; trong đó có điều kiện thi hành 649 việc, " in text
    data = report.to_data()
    assert "completed" in data["cases"]["unknown_rows"]
    assert "completed" not in data["cases"]["rows"]


def test_report_when_finished_is_not_published() -> None:
    cases = CaseLedger.from_totals(to_enforce=10, with_conditions=8)
    money = AmountLedger.from_totals(to_enforce=100)
    text = summarize("A", ReportingPeriod(2025, 12), cases, money, Target(80, 40))
    assert "Về việc: tổng số phải thi hành là 10 việc; có điều kiện thi hành 8 việc" in text
    assert "đạt tỷ lệ" not in text
    assert "Về tiền: tổng số phải thi hành là 100 đồng." in text
    assert "chuyển kỳ sau" not in text


def test_breakdown_by_kind_of_case() -> None:
    """Seed 002: "thi hành xong 37 việc liên quan đến tín dụng ngân hàng với số tiền hơn
    86 tỷ đồng" — a breakdown line beside the unit's totals."""
    from thads_metrics.cases import CaseRecord, Origin, aggregate
    from thads_metrics.classification import Status

    period = ReportingPeriod(2022, 6)
    records = [
        CaseRecord(unit="A", period=period, origin=Origin.NEW, status=Status.COMPLETED,
                   amount_due=86_400_000_000 // 37 + (i == 0) * (86_400_000_000 % 37),
                   amount_finished=86_400_000_000 // 37 + (i == 0) * (86_400_000_000 % 37),
                   category="credit")
        for i in range(37)
    ] + [
        CaseRecord(unit="A", period=period, origin=Origin.NEW, status=Status.IN_PROGRESS,
                   amount_due=10**9, category="credit"),
        CaseRecord(unit="A", period=period, origin=Origin.NEW, status=Status.COMPLETED,
                   amount_due=5, amount_finished=5, category="Án kinh doanh thương mại"),
    ]  # fmt: skip
    totals = aggregate(records)["A", period]
    parts = {key[0]: pair for key, pair in aggregate(records, by=("category",)).items()}
    report = build_report(
        "A", period, totals.cases, totals.amounts, LONG_AN_TARGET, breakdown=parts
    )
    text = report.text()
    assert (
        "Theo nhóm việc: tín dụng – ngân hàng: thi hành xong 37 việc, tương ứng 86,4 tỷ đồng "
        "(đạt 97,37% về việc); Án kinh doanh thương mại: thi hành xong 1 việc, tương ứng 5 đồng "
        "(đạt 100,00% về việc)." in text
    )
    assert "credit" not in text
    en = report.text(language="en")
    assert (
        "By kind of case (nhóm việc): credit and banking: finished 37 cases, worth VND 86.4 "
        "billion (case completion rate 97.37%); Án kinh doanh thương mại: finished 1 case, worth "
        "VND 5 (case completion rate 100.00%)." in en
    )
    assert "tín dụng" not in en
    data = report.to_data()["breakdown"]
    assert [part["category"] for part in data] == ["credit", "Án kinh doanh thương mại"]
    assert data[0]["cases"]["rows"]["finished"] == 37
    with pytest.raises(ReportError):
        build_report("A", period, totals.cases, totals.amounts, breakdown={"": totals})
