"""What each figure of a published text is, and what the audit makes of it.

Each test quotes the passage it reads, with the address of the article it
comes from; a figure the reader misplaced would make the audit call a true
report contradictory, or miss a false one.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

from thads_metrics import Quarter, ReportingPeriod
from thads_metrics.reading import Claim, Finding, audit, read_report

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def _placed(claims: list[Claim]) -> list[tuple[str, str, str | None, str | None]]:
    return [(c.figure.text, c.quantity, c.ledger, c.subject) for c in claims]


def _contradictions(findings: list[Finding]) -> list[str]:
    return [f"{f.rule}: {f.arithmetic}" for f in findings if f.kind == "contradiction"]


# hanoimoi.vn, article 471437 (10 months of 2021, national).
HANOIMOI_2021 = (
    "10 tháng năm 2021, tổng số việc phải thi hành án trong toàn quốc là gần 800 nghìn việc, "
    "tương ứng với số tiền gần 284 nghìn tỷ đồng.\nTrong đó, số việc có điều kiện thi hành là "
    "hơn 620 nghìn việc, tương ứng với số tiền hơn 150 nghìn tỷ đồng (chiếm 78% trong tổng số "
    "việc và 53% trong tổng số tiền phải thi hành)."
)


def test_a_share_names_its_ledger_after_it() -> None:
    """ "chiếm 78% trong tổng số việc và 53% trong tổng số tiền": 78% is về việc."""
    claims = read_report(HANOIMOI_2021)
    shares = [(c.figure.text, c.ledger) for c in claims if c.quantity == "conditions_share"]
    assert shares == [("78%", "cases"), ("53%", "money")]
    findings = audit(claims)
    assert not _contradictions(findings)
    checked = [
        f.ledger for f in findings if f.rule == "conditions_share = with_conditions ÷ to_enforce"
    ]
    assert checked == ["cases", "money"]


def test_a_percent_is_never_a_count_row() -> None:
    """ "Tỷ lệ thi hành xong: 84,2% về việc" is a rate, not 84,2 cases finished."""
    claims = read_report(
        "Năm 2021, Cục THADS tỉnh Vĩnh Phúc có 6.500 việc có điều kiện. "
        "Tỷ lệ thi hành xong: 84,2% về việc; 45,5% về tiền."
    )
    assert [(c.figure.text, c.quantity) for c in claims] == [
        ("6.500 việc", "with_conditions"),
        ("84,2%", "completion_rate"),
        ("45,5%", "completion_rate"),
    ]
    # tcthads.moj.gov.vn, 4 months of 2018: "tổng số thụ lý tăng về việc (11,20%) và về tiền
    # (19,22%) nhưng kết quả phân loại án có điều kiện thi hành đều giảm cả về việc (2,41%)
    # và tiền (9,93%)": relative changes of those rows.
    changes = read_report(
        "Thống kê 04 tháng đầu năm 2018, trong bối cảnh tổng số thụ lý tăng về việc (11,20%) và "
        "về tiền (19,22%) nhưng kết quả phân loại án có điều kiện thi hành đều giảm cả về việc "
        "(2,41%) và tiền (9,93%)."
    )
    assert [(c.quantity, c.subject, c.ledger) for c in changes] == [
        ("change_relative", "accepted", "cases"),
        ("change_relative", "accepted", "money"),
        ("change_relative", "with_conditions", "cases"),
        ("change_relative", "with_conditions", "money"),
    ]
    # and an amount is never a rate's target: "trên 53.750 tỷ đồng" (vietnamnet.vn, 693076)
    money = read_report(
        "đã thi hành xong 576.933 việc, cao hơn 1,41% so với chỉ tiêu được "
        "giao); trên 53.750 tỷ đồng, đạt tỉ lệ 40,09%"
    )
    assert all(c.quantity != "target" for c in money)


# plo.vn/phap-luat/van-kho-ep-uy-ban-som-thi-hanh-an-841262.html (TP.HCM, 6 months of 2019).
PLO_2019 = (
    "Theo báo cáo của Cục trưởng Cục THADS Vũ Quốc Doanh, sáu tháng đầu năm, về THADS thì tổng "
    "số thụ lý là 79.177 việc, giảm 2.676 việc (3,27%) so với năm 2018 (trong đó đã ủy thác 580 "
    "việc, Cục rút lên thi hành bốn việc). Kết quả xác minh, phân loại thì có 54.681 việc có "
    "điều kiện giải quyết, giảm 6.251 việc so với năm 2018 và 23.912 việc chưa có điều kiện "
    "giải quyết. Trong số có điều kiện thi hành, đã giải quyết xong 26.515 việc (tỉ lệ 48,49% "
    "so với chỉ tiêu được giao, vượt tiến độ 11,99%)."
)


def test_a_comparison_year_is_not_the_period_and_pace_uses_the_months() -> None:
    """48,49 − 73 × 6/12 = 11,99: the implied target is 73 (DOMAIN §4)."""
    claims = read_report(PLO_2019)
    assert {c.period for c in claims} == {None}  # not "năm 2018" of "so với năm 2018"
    assert {c.months for c in claims} == {6}  # "sáu tháng đầu năm"
    assert {c.unit for c in claims} == {None}  # Vũ Quốc Doanh is the director, not a unit
    implied = next(f for f in audit(claims) if f.rule == "target from pace")
    assert implied.interval is not None
    assert implied.interval.contains(Fraction(73))
    # With a year before, the months take it: "Năm 2019 … sáu tháng đầu năm".
    dated = read_report("Năm 2019, Cục THADS TP.HCM báo cáo. " + PLO_2019)
    assert {c.period for c in dated} == {ReportingPeriod(2019, 6)}


def test_comparatives_are_differences_not_hedges() -> None:
    """tcthads.moj.gov.vn (4 months of 2018): "đạt tỷ lệ 42,85% về việc và 8,86% về tiền,
    cao hơn 3,14% về việc nhưng thấp hơn 4,46% về tiền so với cùng kỳ năm 2017"."""
    claims = read_report(
        "Thống kê 04 tháng đầu năm 2018 cho thấy kết quả THADS đạt tỷ lệ 42,85% về việc và "
        "8,86% về tiền, cao hơn 3,14% về việc nhưng thấp hơn 4,46% về tiền so với cùng kỳ năm "
        "2017."
    )
    comparatives = [c for c in claims if c.figure.text.startswith(("cao", "thấp"))]
    assert [(c.quantity, c.ledger, c.subject, c.figure.direction) for c in comparatives] == [
        ("change", "cases", "completion_rate", 1),
        ("change", "money", "completion_rate", -1),
    ]
    assert str(comparatives[0].figure) == "[3,135; 3,145) %"
    assert {c.period for c in claims} == {ReportingPeriod(2018, 4)}
    # vietnamnet.vn (693076): "đạt tỉ lệ 81,41% (tăng 2,82% so với năm 2019, cao hơn 1,41% so
    # với chỉ tiêu được giao)": a gap of +1,41 to the target of 2020, 80% (DOMAIN §4).
    national = read_report(
        "Tổng cục trưởng Tổng cục THADS Nguyễn Quang Thái cho biết, trong năm toàn ngành đã thi "
        "hành xong 576.933 việc, đạt tỉ lệ 81,41% (tăng 2,82% so với năm 2019, cao hơn 1,41% so "
        "với chỉ tiêu được giao)"
    )
    assert {c.unit for c in national} == {"toàn quốc"}  # not the Director General's name
    gap = next(c for c in national if c.figure.text == "cao hơn 1,41%")
    assert (gap.quantity, gap.ledger) == ("gap_to_target", "cases")
    implied = next(f for f in audit(national) if f.rule == "target from gap")
    assert implied.interval is not None
    assert implied.interval.contains(Fraction(80))


def test_a_gap_named_before_the_figure_and_the_ledger_of_the_count_beside_it() -> None:
    """cafef.vn/thi-hanh-an-dan-su-nam-2025-…-188251003110413317.chn: "đã vượt chỉ tiêu Quốc
    hội giao cả về việc và về tiền, cụ thể: thi hành xong hơn 577.000 việc, vượt 0,35% chỉ
    tiêu được giao; thi hành xong hơn 150.000 tỷ, vượt 4,23% chỉ tiêu được giao"."""
    claims = read_report(
        "Năm 2025, kết quả thực hiện chỉ tiêu nhiệm vụ đã vượt chỉ tiêu Quốc hội giao cả về "
        "việc và về tiền, cụ thể: thi hành xong hơn 577.000 việc, vượt 0,35% chỉ tiêu được "
        "giao; thi hành xong hơn 150.000 tỷ, vượt 4,23% chỉ tiêu được giao."
    )
    gaps = [(c.figure.text, c.ledger) for c in claims if c.quantity == "gap_to_target"]
    assert gaps == [("vượt 0,35%", "cases"), ("vượt 4,23%", "money")]
    # "vượt chỉ tiêu được giao là 2,5%": the words name a gap of +2,5, not a target of 2,5%.
    named = read_report("Năm 2021, tỉnh đạt tỷ lệ 43% về tiền, vượt chỉ tiêu được giao là 2,5%.")
    assert [(c.quantity, c.ledger) for c in named] == [
        ("completion_rate", "money"),
        ("gap_to_target", "money"),
    ]
    implied = next(f for f in audit(named) if f.rule == "target from gap")
    assert implied.interval is not None
    assert implied.interval.contains(Fraction("40.5"))


# thads.moj.gov.vn, ThongTinChung ItemID=3689 (national, 9 months of 2017).
THADS_2017 = (
    "Kết quả THADS 09 tháng đầu năm 2017, cụ thể như sau:\n"
    "* Kết quả THADS về việc:\n"
    "- Tổng số thụ lý là 736.747 việc, tăng 39.080 việc (tăng 5,60% so với cùng kỳ năm 2016), "
    "trong đó: Số cũ chuyển sang là 290.524 việc; Số thụ lý mới là 446.223 việc;\n"
    "- Tổng số phải thi hành là 728.227 việc, trong đó: Số có điều kiện thi hành là 579.413 "
    "việc, tăng 7.240 việc (tăng 1,27% so với cùng kỳ năm 2016);  chiếm 79,56% trong tổng số "
    "phải thi hành (giảm 3,64% so với cùng kỳ năm 2016); Số chưa có điều kiện thi hành là "
    "148.814 việc, chiếm 20,44% trong tổng số phải thi hành;\n"
    "Trong số có điều kiện thi hành, số thi hành xong là 369.372 việc, tăng 17.190 việc (tăng "
    "4,88% so với cùng kỳ năm 2016); đạt tỉ lệ 63,75% (tăng 2,20% so với cùng kỳ năm 2016);\n"
    "- Số việc chuyển kỳ sau 358.855 việc, trong đó số việc có điều kiện năm 2017 chuyển sang "
    "năm 2018 là 210.041 việc, so với số việc có điều kiện thi hành năm 2016 chuyển sang năm "
    "2017 (144.857 việc) tăng 65.184 việc (tăng 45,00%)."
)


def test_a_heading_names_the_ledger_and_the_rate_is_checked() -> None:
    """ "* Kết quả THADS về việc:" … "đạt tỉ lệ 63,75%": 369.372 ÷ 579.413 = 63,75%."""
    claims = read_report(THADS_2017)
    rate = next(c for c in claims if c.figure.text == "63,75%")
    assert (rate.quantity, rate.ledger) == ("completion_rate", "cases")
    findings = audit(claims)
    assert not _contradictions(findings)
    assert any(
        f.rule == "completion_rate = finished ÷ with_conditions" and f.kind == "consistent"
        for f in findings
    )


def test_carried_forward_into_next_year_and_last_years_figure() -> None:
    """ "có điều kiện năm 2017 chuyển sang năm 2018 là 210.041 việc" is carried forward; the
    144.857 it is compared with is last year's."""
    claims = {c.figure.text: c for c in read_report(THADS_2017)}
    assert claims["210.041 việc"].quantity == "carried_forward_with_conditions"
    assert claims["210.041 việc"].period == ReportingPeriod(2017, 9)
    assert claims["144.857 việc"].quantity == "carried_forward_with_conditions"
    assert claims["144.857 việc"].period == ReportingPeriod(2016, 9)
    assert claims["290.524 việc"].quantity == "carried_over"  # "Số cũ chuyển sang là"


def test_a_change_is_read_against_what_it_changes() -> None:
    """ "chiếm 79,56% … (giảm 3,64% …)" is a change of the share, not of the completion rate;
    a relative change of a count must agree with the count and its change in việc."""
    claims = read_report(THADS_2017)
    share_change = next(c for c in claims if c.figure.text == "giảm 3,64%")
    assert (share_change.quantity, share_change.subject) == ("change", "conditions_share")
    findings = audit(claims)
    about = next(f for f in findings if share_change in f.claims)
    assert [c.figure.text for c in about.claims] == ["79,56%", "giảm 3,64%"]
    relative = [f for f in findings if f.rule == "relative change = change ÷ (value − change)"]
    assert [f.kind for f in relative] == ["consistent"] * 4  # 5,60; 1,27; 4,88; 45,00
    # The same text with a wrong relative change: 39.080 ÷ 697.667 is 5,60%, not 9,60%.
    wrong = audit(read_report(THADS_2017.replace("tăng 5,60%", "tăng 9,60%")))
    assert _contradictions(wrong) == [
        "relative change = change ÷ (value − change): tăng 39.080 việc ÷ (736.747 việc − "
        "tăng 39.080 việc) × 100 ∈ [5,6; 5,61]% vs tăng 9,60%"
    ]
    # tcthads.moj.gov.vn: "Số án có điều kiện chuyển kỳ sau … tăng so với cùng kỳ năm 2017
    # (tăng 1,86% về việc …)": a relative change of that row, never checked against a rate.
    rows = read_report(
        "Thống kê 04 tháng đầu năm 2018 cho thấy kết quả THADS đạt tỷ lệ 42,85% về việc. Số án "
        "có điều kiện chuyển kỳ sau còn nhiều và tăng so với cùng kỳ năm 2017 (tăng 1,86% về "
        "việc và 6,71% về tiền)."
    )
    assert [(c.quantity, c.subject) for c in rows[1:]] == [
        ("change_relative", "carried_forward_with_conditions"),
        ("change_relative", "carried_forward_with_conditions"),
    ]
    assert not [f for f in audit(rows) if f.rule.startswith("change of a rate")]


def test_last_years_rate_decides_points_or_relative() -> None:
    """81,41% "tăng 2,82% so với cùng kỳ" with 78,59% the year before: points (§6a)."""
    earlier = read_report("Năm 2019, toàn quốc đạt tỷ lệ 78,59% về việc.", source="2019")
    later = read_report(
        "Năm 2020, toàn quốc đạt tỷ lệ 81,41% về việc, tăng 2,82% so với cùng kỳ.", source="2020"
    )
    decided = [
        f for f in audit(earlier + later) if f.rule == "change of a rate: points or relative"
    ]
    assert [(f.kind, f.quantity) for f in decided] == [("consistent", "change_points")]
    assert "điểm phần trăm" in decided[0].vi
    # Alone, the text cannot tell.
    alone = [f for f in audit(later) if f.rule == "change of a rate: points or relative"]
    assert [f.kind for f in alone] == ["ambiguous"]
    # Against a rate neither reading gives, it is a contradiction.
    wrong = read_report("Năm 2019, toàn quốc đạt tỷ lệ 70% về việc.", source="2019")
    assert _contradictions(audit(wrong + later))


def test_changes_against_last_year_are_not_gaps() -> None:
    """ "+2,1% so với cùng kỳ", "vượt 2,1% so với cùng kỳ năm 2020": changes (DOMAIN §4)."""
    for text in (
        "Năm 2021, tỉnh đạt tỷ lệ 80,5% về việc (+2,1% so với cùng kỳ).",
        "Năm 2021, tỉnh đạt tỷ lệ 80,5% về việc, vượt 2,1% so với cùng kỳ năm 2020.",
    ):
        claims = read_report(text)
        assert [(c.quantity, c.subject) for c in claims[1:]] == [("change", "completion_rate")]
        assert {c.period for c in claims} == {ReportingPeriod(2021, 12)}


def test_other_units_listed_are_not_this_units_rate() -> None:
    """tcthads.moj.gov.vn: "Một số địa phương kết quả THADS đạt thấp như về việc: Tây Ninh
    (28,81%), Vĩnh Long (30,36%)"."""
    claims = read_report(
        "Thống kê 04 tháng đầu năm 2018 cho thấy kết quả THADS toàn quốc đạt tỷ lệ 42,85% về "
        "việc. Một số địa phương kết quả THADS đạt thấp như về việc: Tây Ninh (28,81%), Vĩnh "
        "Long (30,36%); về tiền: Phú Yên (1,19%)."
    )
    assert [(c.unit, c.quantity, c.ledger) for c in claims] == [
        ("toàn quốc", "completion_rate", "cases"),
        ("Tây Ninh", "completion_rate", "cases"),
        ("Vĩnh Long", "completion_rate", "cases"),
        ("Phú Yên", "completion_rate", "money"),
    ]


def test_a_part_out_of_a_whole() -> None:
    """Seed 004 (Long An): "số việc, số tiền có điều kiện giải quyết chuyển sang kỳ sau còn
    nhiều (5.409/12.345 việc, số tiền 1.719 tỷ/6.112 tỷ)", written the other ways too."""
    seed = "số việc, số tiền có điều kiện giải quyết chuyển sang kỳ sau còn nhiều ({})"
    for pair in (
        "5.409/12.345 việc",
        "5.409 / 12.345 việc",
        "5.409 việc trên 12.345 việc",
        "5.409/12.345 việc, số tiền 1.719/6.112 tỷ đồng",
    ):
        claims = read_report(seed.format(pair), period=ReportingPeriod(2022, 6))
        assert [(c.quantity, str(c.figure)) for c in claims][:2] == [
            ("carried_forward_with_conditions", "[5.409; 5.409] việc"),
            ("carried_forward", "[12.345; 12.345] việc"),
        ], pair
    assert [(c.quantity, str(c.figure)) for c in claims][2:] == [
        ("carried_forward_with_conditions", "[1.718,5; 1.719,5) tỷ đồng"),
        ("carried_forward", "[6.111,5; 6.112,5) tỷ đồng"),
    ]


def test_a_rate_of_the_target_is_ambiguous() -> None:
    """ "đạt 97,5% chỉ tiêu được giao": 5.024 ÷ 6.441 = 78%, and 78 ÷ 80 = 97,5% (§4a)."""
    claims = read_report(
        "Năm 2020, Cục THADS tỉnh Quảng Ngãi đã thi hành xong 5.024/6.441 việc, đạt 97,5% chỉ "
        "tiêu được giao."
    )
    findings = audit(claims)
    assert not _contradictions(findings)
    rate = next(f for f in findings if f.rule == "completion_rate = finished ÷ with_conditions")
    assert rate.kind == "ambiguous"
    assert "chỉ tiêu 80%" in rate.vi


def test_quarters_of_the_calendar_year_on_request() -> None:
    """Seed 003 (baophapluat.vn): "trong Quý III/2020 … tăng 0,18% về việc" is July–September
    2020 in the ministry's work plan: Quý IV of statistical year 2020 (DOMAIN §1)."""
    text = next(SEEDS.glob("003_*.txt")).read_text(encoding="utf-8")
    assert {c.period for c in read_report(text)} == {Quarter(2020, 3)}
    assert {c.period for c in read_report(text, calendar_quarters=True)} == {Quarter(2020, 4)}


def test_no_new_contradiction_in_the_seeds() -> None:
    for path in sorted(SEEDS.glob("0*.txt")):
        claims = read_report(path.read_text(encoding="utf-8"), source=path.name)
        assert not _contradictions(audit(claims)), path.name


def test_a_target_phrased_above_after_exceeding_is_the_target() -> None:
    """Seed 001 (Hà Nội, 2017): "80% về việc, 34,5% về tiền … (vượt chỉ tiêu được giao là
    trên 70% về việc và trên 30% về tiền)": "trên X%" is how targets are phrased (DOMAIN §4),
    so X is the target, while "vượt chỉ tiêu được giao là 1,41%" is a gap."""
    text = (SEEDS / "001_215825f545f77045.txt").read_text(encoding="utf-8")
    claims = read_report(text)
    placed = {(c.figure.text, c.quantity, c.ledger) for c in claims}
    assert {("trên 70%", "target", "cases"), ("trên 30%", "target", "money")} <= placed
    findings = audit(claims)
    assert _contradictions(findings) == []
    assert not any("-0,5" in f.arithmetic for f in findings)  # no target implied below 0
    gap = read_report("Năm 2020 đạt 81,41% về việc, vượt chỉ tiêu được giao là 1,41%.")
    assert [(c.figure.text, c.quantity) for c in gap] == [
        ("81,41%", "completion_rate"),
        ("1,41%", "gap_to_target"),
    ]
