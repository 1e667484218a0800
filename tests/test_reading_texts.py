"""Published passages whose figures are easy to misplace, and what the audit makes of them.

Each test quotes the passage it reads with the address of its article. A
figure misplaced makes the audit call a consistent report contradictory (the
command ``check`` then exits 1), or miss a figure that does not add up.
"""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from thads_metrics import ReportingPeriod
from thads_metrics.reading import Claim, Finding, audit, parse_figure, read_report


def _placed(claims: list[Claim]) -> dict[str, tuple[str, str | None, str | None]]:
    """Each figure's text → (quantity, ledger, category); the last one wins on a repeat."""
    return {c.figure.text: (c.quantity, c.ledger, c.category) for c in claims}


def _contradictions(findings: list[Finding]) -> list[str]:
    return [f"{f.rule}: {f.arithmetic}" for f in findings if f.kind == "contradiction"]


# vneconomy.vn/cong-tac-thi-hanh-an-nam-2025-da-hoan-thanh-vuot-chi-tieu-ve-vu-viec-va-tien-thu-
# hoi.htm
VNECONOMY_2025 = (
    "năm 2025, tổng số việc phải thi hành là 1.064.419 việc, có điều kiện thi hành là 685.898 "
    "việc; đã thi hành xong 577.876 việc (tăng 0,4% so với năm 2024), đạt tỉ lệ 84,25%.\n"
    "Tổng số tiền phải thi hành là trên 686.000 tỷ đồng, có điều kiện thi hành trên 267.000 tỷ "
    "đồng; đã thi hành xong trên 150.000 tỷ đồng (tăng hơn 30.000 tỷ đồng, chiếm 4,67% so với "
    "năm 2024), đạt tỉ lệ 56,13%."
)


def test_chiem_against_last_year_is_a_change_not_a_share() -> None:
    """ "chiếm 4,67% so với năm 2024" compares with last year: no share of 267.000 ÷ 686.000."""
    claims = read_report(VNECONOMY_2025)
    placed = _placed(claims)
    assert placed["4,67%"][0] == "change"
    assert not _contradictions(audit(claims))
    # "(tăng 0,4% so với năm 2024), đạt tỉ lệ 84,25%": the rate keeps its sentence's ledger.
    assert placed["84,25%"] == ("completion_rate", "cases", None)
    assert placed["56,13%"] == ("completion_rate", "money", None)
    rates = [f for f in audit(claims) if f.rule == "completion_rate = finished ÷ with_conditions"]
    assert [(f.kind, f.ledger) for f in rates] == [("consistent", "cases"), ("consistent", "money")]


# baolamdong.vn/doi-song/202112/bao-loc-ty-le-thi-hanh-an-dan-su-dat-tren-83-3095444/
BAO_LOC_2021 = (
    "Cụ thể, trong năm 2021, trên địa bàn TP Bảo Lộc có 2.362 vụ việc phải thi hành án; trong "
    "đó, có 1.180 vụ việc cũ tồn đọng chuyển qua và 1.196 vụ mới phát sinh trong năm 2021. Số "
    "vụ đủ điều kiện thi hành trong năm là 1.432 vụ. Đến nay, tỷ lệ thi hành án dân sự về vụ "
    "việc đã hoàn thành là 1.190 vụ, đạt 83,10% (tăng 1,10% chỉ tiêu ngành giao). Kết quả thi "
    "hành án về tiền, với tổng số tiền phải thi hành là hơn 530,5 tỷ đồng. Trong đó, có 174,7 "
    "tỷ đồng đủ điều kiện thi hành án trong năm 2021. Đến nay, số tiền thi hành án đã xong là "
    "80,7 tỷ đồng, đạt 46,27% (vượt hơn 6% so với chỉ tiêu được giao).\n"
    "Đối với án thu cho ngân sách Nhà nước trên địa bàn TP Bảo Lộc có 1.708 vụ việc, trong đó "
    "có 1.191 vụ việc đủ điều kiện thi hành trong năm. Kết quả, cơ quan Thi hành án Dân sự Bảo "
    "Lộc đã giải quyết xong 1.054 vụ việc, đạt tỷ lệ 88,5%, tăng 5,5% so với năm 2020. Tổng số "
    "tiền phải thi hành là hơn 36,3 tỷ đồng, trong đó, số tiền đủ điều kiện thi hành là 10,6 tỷ "
    "đồng."
)


def test_a_breakdown_by_kind_of_case_goes_on_across_its_sentences() -> None:
    claims = read_report(BAO_LOC_2021, unit="Bảo Lộc")
    placed = _placed(claims)
    assert placed["1.190 vụ"] == ("finished", "cases", None)  # "đã hoàn thành là"
    assert placed["1.054 vụ việc"] == ("finished", "cases", "state_budget")  # "Kết quả, …"
    assert placed["hơn 36,3 tỷ đồng"] == ("to_enforce", "money", "state_budget")
    assert placed["1.180 vụ việc"] == ("carried_over", "cases", None)  # "cũ tồn đọng chuyển qua"
    assert placed["1.196 vụ"] == ("newly_accepted", "cases", None)  # "mới phát sinh"
    rate = "completion_rate = finished ÷ with_conditions"
    checked = [
        (f.kind, f.claims[0].category)
        for f in audit(claims)
        if f.rule == rate and f.ledger == "cases"
    ]
    assert checked == [
        ("consistent", None),  # 1.190 ÷ 1.432 = 83,10%
        ("consistent", "state_budget"),  # 1.054 ÷ 1.191 = 88,50%
    ]


def test_finished_money_makes_the_printed_rate_checkable() -> None:
    """ "đã xong là 80,7 tỷ đồng, đạt 46,27%" of 174,7 tỷ: 80,7 ÷ 174,7 ≤ 46,24%."""
    findings = audit(read_report(BAO_LOC_2021, unit="Bảo Lộc"))
    money = [
        f
        for f in findings
        if f.rule == "completion_rate = finished ÷ with_conditions" and f.ledger == "money"
    ]
    assert [f.kind for f in money] == ["contradiction"]
    assert money[0].interval is not None
    assert money[0].interval.high < Fraction("46.25")


# thads.moj.gov.vn/noidung/tintuc/Lists/TinTuDiaPhuong/View_Detail.aspx?ItemID=1771
NAM_DINH_2011 = (
    "Theo báo cáo kết quả công tác của các cơ quan thi hành án dân sự tỉnh Nam Định, tính đến "
    "24/8/2011 toàn tỉnh đã thi hành xong 2714 việc/3114 việc có điều kiện thi hành, đạt tỷ lệ "
    "thi hành xong về việc là 87,15%. Về cơ bản đã bảo đảm tiến độ, hiệu quả công tác, kết quả "
    "thi hành xong về việc vượt 2,15% so với chỉ tiêu được giao (87,15% so với 85%), tuy nhiên "
    "kết quả thi hành xong về tiền còn thấp hơn so với chỉ tiêu của Bộ Tư pháp, Tổng cục Thi "
    "hành án dân sự giao (59,36% so với 65%)."
)


def test_x_against_y_in_brackets_is_the_rate_and_its_target() -> None:
    claims = read_report(NAM_DINH_2011, period=ReportingPeriod(2011, 11))  # to 24/8/2011
    read = [(c.figure.text, c.quantity, c.ledger) for c in claims if c.figure.kind == "percent"]
    assert read[2:] == [
        ("87,15%", "completion_rate", "cases"),
        ("85%", "target", "cases"),
        ("59,36%", "completion_rate", "money"),
        ("65%", "target", "money"),
    ]
    findings = audit(claims)
    assert not _contradictions(findings)
    assert any(f.rule == "stated target vs implied" and f.kind == "consistent" for f in findings)


# baotuyenquang.com.vn/cac-chi-tieu-thi-hanh-an-deu-vuot-ke-hoach-167987.html
TUYEN_QUANG_2022 = (
    "Năm 2022, kết quả thi hành án về việc và về tiền của toàn ngành THADS đều vượt chỉ tiêu "
    "được giao và đạt cao hơn so với cùng kỳ năm trước. Toàn ngành đã thi hành xong 3.751 việc, "
    "đạt 87,91%, vượt 5,41%; thu hồi số tiền trên 68 tỷ đồng, đạt 62,37%, vượt 20,27% chỉ tiêu "
    "Tổng cục giao; tỷ lệ giải quyết đơn khiếu nại, tố cáo đạt 100%; tỷ lệ hướng dẫn nghiệp vụ "
    "đạt 100%."
)


def test_toan_nganh_of_a_province_and_rates_of_other_work() -> None:
    claims = read_report(TUYEN_QUANG_2022)
    assert {c.unit for c in claims} == {None}  # "toàn ngành" of a province is not toàn quốc
    assert [c.quantity for c in claims if c.figure.text == "100%"] == ["unread", "unread"]
    assert _placed(claims)["trên 68 tỷ đồng"] == ("finished", "money", None)  # "thu hồi số tiền"
    assert not [f for f in audit(claims) if f.quantity == "completion_rate"]
    named = read_report("Cục THADS tỉnh Tuyên Quang: " + TUYEN_QUANG_2022)
    assert {c.unit for c in named} == {"Tuyên Quang"}


# noichinh.vn/tin-tuc-su-kien/tin-trung-uong/202412/
# cong-tac-thi-hanh-an-dan-su-nam-2024-dat-nhieu-ket-qua-tich-cuc-314427/
NOI_CHINH_2024 = (
    "Năm 2024, công tác thi hành án dân sự đạt nhiều kết quả tích cực, tổng số việc phải thi "
    "hành 1.021.783 việc (có điều kiện thi hành 739.974 việc, đã thi hành xong 620.657 việc "
    "(đạt tỷ lệ 83,88%), tăng 0,62% so với năm 2023)."
)
# baomoi.net.vn/cong-tac-thi-hanh-an-ve-co-ban-dat-cac-chi-tieu-nhiem-vu-duoc-giao-c50877582.epi
BAO_MOI_2024 = (
    "Cụ thể, về công tác thi hành án dân sự, các cơ quan thi hành án dân sự đã thi hành xong "
    "620.657 việc, đạt tỷ lệ 83.88% (tăng 0.62% so với năm 2023)."
)
# cafef.vn/thu-hoi-tai-san-trong-cac-vu-an-hinh-su-ve-tham-nhung-kinh-te-dat-hon-22000-ty-dong-
# 188241007112635966.chn
# (a first count, October 2024)
CAFEF_2024 = (
    "Cụ thể, qua bước đầu thống kê từ kết quả thi hành án của các địa phương cho thấy, đã thi "
    "hành xong hơn 621.568 việc, tăng 45.901 việc (tăng 7,97%) so với cùng kỳ năm 2023; đạt tỉ "
    "lệ 83,86% (tăng 0,62%) so với cùng kỳ năm 2023, cao hơn 0,61% so với chỉ tiêu của Tổng cục "
    "giao trên 83,25%."
)


def _national_2024(text: str, source: str) -> list[Claim]:
    return read_report(text, unit="toàn quốc", period=ReportingPeriod(2024, 12), source=source)


def test_several_texts_each_checked_with_its_own_figures_first() -> None:
    first = _national_2024(CAFEF_2024, "cafef")
    second = _national_2024(NOI_CHINH_2024, "noichinh")
    findings = audit(first + second)
    rate = "completion_rate = finished ÷ with_conditions"
    # noichinh's rate with noichinh's own count, not the first count of cafef
    own = [f for f in findings if f.rule == rate and {c.source for c in f.claims} == {"noichinh"}]
    assert [f.kind for f in own] == ["consistent"]
    # cafef prints no base: its rate is checked with noichinh's, and the finding says so
    mixed = [f for f in findings if f.rule == rate and len({c.source for c in f.claims}) == 2]
    assert mixed
    assert all("cafef" in f.vi and "noichinh" in f.vi and "cafef" in f.en for f in mixed)
    # two values of one quantity, from two texts, that cannot both hold
    twice = [f for f in findings if f.quantity == "finished" and f.rule == "one value per quantity"]
    assert [f.kind for f in twice] == ["contradiction"]
    assert "cafef" in twice[0].vi
    assert "noichinh" in twice[0].vi
    # texts that agree: no contradiction, the base of one checks the rate of the other
    agree = audit(second + _national_2024(BAO_MOI_2024, "baomoi"))
    assert not _contradictions(agree)
    assert any(
        f.rule == rate and {c.source for c in f.claims} == {"baomoi", "noichinh"} for f in agree
    )


def test_two_values_of_one_quantity_in_one_text() -> None:
    # baotuyenquang.com.vn 167987 prints 62,37% về tiền; a second, other value of the same
    # rate, unit and year must not be dropped silently.
    text = "Năm 2022, Cục THADS tỉnh Tuyên Quang đạt tỷ lệ 62,37% về tiền."
    claims = read_report(text + " " + text.replace("62,37%", "70%"))
    twice = [f for f in audit(claims) if f.rule == "one value per quantity"]
    assert [(f.kind, f.quantity, f.ledger) for f in twice] == [
        ("contradiction", "completion_rate", "money")
    ]
    same = read_report(text + " " + text.replace("62,37%", "hơn 62%"))
    assert [f.kind for f in audit(same) if f.rule == "one value per quantity"] == ["consistent"]


@given(
    st.integers(min_value=0, max_value=10_000),
    st.integers(min_value=0, max_value=10_000),
    st.sampled_from(["", "hơn ", "gần ", "khoảng "]),
)
def test_two_values_contradict_exactly_when_their_intervals_do_not_meet(
    a: int, b: int, hedge: str
) -> None:
    first = f"{hedge}{a:,}".replace(",", ".") + " việc"
    second = f"{b:,}".replace(",", ".") + " việc"
    text = f"Năm 2022, Cục THADS tỉnh Tuyên Quang có {first} có điều kiện thi hành."
    claims = read_report(text + " " + text.replace(first, second))
    found = [f.kind for f in audit(claims) if f.rule == "one value per quantity"]
    x, y = parse_figure(first), parse_figure(second)
    if x.printed == y.printed and x.qualifier == y.qualifier:
        assert found == []
        return
    meets = x.low <= y.high and y.low <= x.high
    assert found == ["consistent" if meets else "contradiction"]


# thads.moj.gov.vn/noidung/tintuc/Lists/ChiDaoDieuHanh/View_Detail.aspx?ItemID=3683
MOJ_7_MONTHS_2017 = (
    "07 tháng đầu năm 2017, kết quả công tác THADS đạt được như sau:\n"
    "- Tổng số phải thi hành là 625.425 việc, trong đó: Số có điều kiện thi hành là 482.175 "
    "việc; Số chưa có điều kiện thi hành là 143.250 việc;\n"
    "Trong số có điều kiện thi hành, số thi hành xong là 267.165 việc; đạt tỉ lệ 55,41%.\n"
    "- Số việc chuyển kỳ sau 358.260 việc, trong đó số việc có điều kiện năm 2017 chuyển sang "
    "năm 2018 là 215.010 việc."
)


def test_carried_forward_is_what_was_not_finished() -> None:
    carried = "carried_forward = to_enforce − finished"
    with_conditions = "carried_forward_with_conditions = with_conditions − finished"
    kinds = {f.rule: f.kind for f in audit(read_report(MOJ_7_MONTHS_2017))}
    assert kinds[carried] == kinds[with_conditions] == "consistent"
    wrong = MOJ_7_MONTHS_2017.replace("358.260", "300.000").replace("215.010", "100.000")
    kinds = {f.rule: f.kind for f in audit(read_report(wrong))}
    assert kinds[carried] == kinds[with_conditions] == "contradiction"


# cadn.com.vn/nam-2015-da-nang-thi-hanh-an-vuot-chi-tieu-duoc-giao-13-post139718.html
DA_NANG_2015 = (
    "Năm 2014, số án thụ lý là 11.818 vụ việc, tương ứng với số tiền phải đưa ra thi hành là "
    "1.900 tỷ đồng; các đơn vị đã phối hợp thi hành đạt 91.8% số án có điều kiện thi hành "
    "(7.714 việc/8.403 việc) vượt chỉ tiêu của Tổng THADS giao 1,8%."
)


def test_a_rate_of_the_cases_with_conditions_and_its_pair() -> None:
    claims = read_report(DA_NANG_2015)
    placed = _placed(claims)
    assert placed["91.8%"] == ("completion_rate", "cases", None)
    assert placed["7.714 việc"] == ("finished", "cases", None)
    assert placed["8.403 việc"] == ("with_conditions", "cases", None)
    kinds = {f.rule: f.kind for f in audit(claims)}
    assert kinds["completion_rate = finished ÷ with_conditions"] == "consistent"


def test_finished_said_in_other_words() -> None:
    passages = {
        # baotintuc.vn …-20191129171628197.htm
        "579.256 việc": "các cơ quan thi hành án dân sự đã hoàn thành 579.256 việc, đạt 78,59%",
        "gần 53.000 tỷ đồng": "về tiền, các cơ quan thi hành án dân sự đã thu gần 53.000 tỷ đồng",
        # lifestyle.znews.vn/…-post1525151.html
        "gần 620.700 việc": "các cơ quan thi hành án dân sự đã thực hiện xong gần 620.700 việc",
    }
    for text, passage in passages.items():
        assert _placed(read_report(passage))[text][0] == "finished", passage
    # and not every "thu" is: "án thu cho ngân sách Nhà nước có 1.708 vụ việc" (Bảo Lộc)
    budget = read_report("Đối với án thu cho ngân sách Nhà nước có 1.708 vụ việc.")
    assert _placed(budget)["1.708 vụ việc"][0] != "finished"


def test_what_is_shown() -> None:
    claims = read_report(CAFEF_2024)
    absolute = next(c for c in claims if c.figure.text == "tăng 45.901 việc")
    assert "relative" not in absolute.describe("en")
    assert "tương đối" not in absolute.describe()
    relative = next(c for c in claims if c.figure.text == "tăng 7,97%")
    assert "relative" in relative.describe("en")
    for finding in audit(read_report("toàn quốc đạt tỉ lệ 83,86%, cao hơn 0,61% so với chỉ tiêu.")):
        assert "()" not in finding.en, finding
        assert " :" not in finding.vi, finding
    # baophapluat.vn …-post11860.html: "số tiền trên 388.509 tỷ đồng", in tỷ as printed
    assert str(parse_figure("trên 388.509 tỷ đồng")) == "(388.509; 388.510) tỷ đồng"
    assert str(parse_figure("gần 284 nghìn tỷ đồng")) == "(283; 284) nghìn tỷ đồng"
    assert str(parse_figure("1.719.000.000 đồng")) == "[1,719; 1,719] tỷ đồng"
