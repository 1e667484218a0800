"""Printed figures read as intervals (DOMAIN.md §6a): thads_metrics.reading.figures.

Examples are quoted from the published articles in /work/shared/seeds/ (the
file name is given with each) and from DOMAIN.md §6 and §6a.
"""

from __future__ import annotations

import unicodedata
from decimal import Decimal
from fractions import Fraction

import pytest

from thads_metrics.errors import ParseError
from thads_metrics.reading.figures import Figure, find_figures, parse_figure, parse_ratio
from thads_metrics.vi import approximate

D = Decimal
TY = 10**9

SEED_000 = "000_bb7d672c5fb93504.txt"
SEED_002 = "002_4d4b971537bd4212.txt"
SEED_004 = "004_a6f7d27ca815f3d4.txt"

# (text, source, kind, unit, qualifier, direction, low, high, low_closed, high_closed)
EXAMPLES = [
    # seed 000: Vĩnh Phúc, 11 months of 2021
    ("hơn 7 nghìn 4 trăm việc", SEED_000, "count", "việc", "over", 0, 7400, 7500, False, False),
    ("gần 600 tỷ đồng", SEED_000, "money", "đồng", "under", 0, 500 * TY, 600 * TY, False, False),
    ("tăng 18,7%", SEED_000, "percent", "%", "", 1, D("18.65"), D("18.75"), True, False),
    ("hơn 5 nghìn 2 trăm việc", SEED_000, "count", "việc", "over", 0, 5200, 5300, False, False),
    (
        "hơn 146,9 tỷ đồng",
        SEED_000,
        "money",
        "đồng",
        "over",
        0,
        146_900_000_000,
        147 * TY,
        False,
        False,
    ),
    ("tăng 23,75%", SEED_000, "percent", "%", "", 1, D("23.745"), D("23.755"), True, False),
    ("80,9%", SEED_000, "percent", "%", "", 0, D("80.85"), D("80.95"), True, False),
    ("43%", SEED_000, "percent", "%", "", 0, D("42.5"), D("43.5"), True, False),
    ("vượt 2,5%", SEED_000, "percent", "%", "", 1, D("2.45"), D("2.55"), True, False),
    ("còn thiếu 1,6%", SEED_000, "percent", "%", "", -1, D("1.55"), D("1.65"), True, False),
    # seed 002: Vĩnh Phúc, year 2021
    ("hơn 5.750 việc", SEED_002, "count", "việc", "over", 0, 5750, 5760, False, False),
    ("hơn 157 tỷ đồng", SEED_002, "money", "đồng", "over", 0, 157 * TY, 158 * TY, False, False),
    ("hơn 84%", SEED_002, "percent", "%", "over", 0, 84, 85, False, False),
    ("45,5%", SEED_002, "percent", "%", "", 0, D("45.45"), D("45.55"), True, False),
    ("vượt gần 4%", SEED_002, "percent", "%", "under", 1, 3, 4, False, False),
    ("hơn 4,8%", SEED_002, "percent", "%", "over", 0, D("4.8"), D("4.9"), False, False),
    ("37 việc", SEED_002, "count", "việc", "", 0, 37, 37, True, True),
    ("hơn 86 tỷ đồng", SEED_002, "money", "đồng", "over", 0, 86 * TY, 87 * TY, False, False),
    # seed 004: Long An, 6 months of 2022
    ("50,75%", SEED_004, "percent", "%", "", 0, D("50.745"), D("50.755"), True, False),
    ("vượt 1,55%", SEED_004, "percent", "%", "", 1, D("1.545"), D("1.555"), True, False),
    ("30,75%", SEED_004, "percent", "%", "", 0, D("30.745"), D("30.755"), True, False),
    ("16,27%", SEED_004, "percent", "%", "", 0, D("16.265"), D("16.275"), True, False),
    ("81,5%", SEED_004, "percent", "%", "", 0, D("81.45"), D("81.55"), True, False),
    ("40,1%", SEED_004, "percent", "%", "", 0, D("40.05"), D("40.15"), True, False),
    ("trên 75 %", SEED_004, "percent", "%", "over", 0, 75, 76, False, False),
    # "hơn" on a round number: one unit of the last non-zero digit (7 tens)
    ("hơn 70%", SEED_004, "percent", "%", "over", 0, 70, 80, False, False),
    # DOMAIN.md §6 and §6a
    ("hơn 410 nghìn việc", "DOMAIN §6", "count", "việc", "over", 0, 410_000, 420_000, False, False),
    (
        "gần 284 nghìn tỷ đồng",
        "DOMAIN §6",
        "money",
        "đồng",
        "under",
        0,
        283 * 10**12,
        284 * 10**12,
        False,
        False,
    ),
    (
        "89 nghìn 500 tỷ đồng",
        "DOMAIN §6a",
        "money",
        "đồng",
        "",
        0,
        D("89499.5") * TY,
        D("89500.5") * TY,
        True,
        False,
    ),
    ("03%", "DOMAIN §6a", "percent", "%", "", 0, D("2.5"), D("3.5"), True, False),
    ("2.362 vụ việc", "DOMAIN §6a", "count", "việc", "", 0, 2362, 2362, True, True),
    ("bốn việc", "DOMAIN §6a", "count", "việc", "", 0, 4, 4, True, True),
    (
        "36.576 tỷ 087 triệu 535 nghìn đồng",
        "DOMAIN §6",
        "money",
        "đồng",
        "",
        0,
        36_576_087_535_000,
        36_576_087_535_000,
        True,
        True,
    ),
    ("hơn 66%", "DOMAIN §6a", "percent", "%", "over", 0, 66, 67, False, False),
    ("gần 600 tỷ", "DOMAIN §6a", "money", "đồng", "under", 0, 500 * TY, 600 * TY, False, False),
    (
        "146,9 tỷ",
        "DOMAIN §6a",
        "money",
        "đồng",
        "",
        0,
        146_850_000_000,
        146_950_000_000,
        True,
        False,
    ),
]


@pytest.mark.parametrize(
    ("text", "source", "kind", "unit", "qualifier", "direction", "low", "high", "lc", "hc"),
    EXAMPLES,
    ids=[example[0] for example in EXAMPLES],
)
def test_published_figures_read_as_intervals(
    text: str,
    source: str,
    kind: str,
    unit: str,
    qualifier: str,
    direction: int,
    low: int | Decimal,
    high: int | Decimal,
    lc: bool,
    hc: bool,
) -> None:
    figure = parse_figure(text)
    assert figure.text == text
    assert (figure.kind, figure.unit, figure.qualifier, figure.direction) == (
        kind,
        unit,
        qualifier,
        direction,
    ), source
    assert (figure.low, figure.high, figure.low_closed, figure.high_closed) == (low, high, lc, hc)
    assert figure.low <= figure.printed <= figure.high


@pytest.mark.parametrize(
    ("text", "printed", "step"),
    [
        ("hơn 146,9 tỷ đồng", 146_900_000_000, 10**8),
        ("80,9%", D("80.9"), D("0.1")),
        ("gần 600 tỷ đồng", 600 * TY, 100 * TY),  # the last non-zero digit
        ("5.409 việc", 5409, 1),
        ("03%", 3, 1),
        ("7 nghìn 4 trăm việc", 7400, 100),
        ("1 triệu 50 nghìn", 1_050_000, 10_000),
        ("1.719.000.000 đồng", 1_719_000_000, 1_000_000),
        ("0%", 0, 1),
    ],
)
def test_printed_value_and_step(text: str, printed: int | Decimal, step: int | Decimal) -> None:
    figure = parse_figure(text)
    assert figure.printed == printed
    assert figure.step == step


# --------------------------------------------------------------------------- the rules


def test_counts_written_in_full_are_exact() -> None:
    for text in ("5.409 việc", "5 nghìn 409 việc", "1 nghìn 050 việc", "05 vụ", "mười lăm việc"):
        figure = parse_figure(text)
        assert figure.exact, text
        assert figure.unit == "việc"


def test_counts_with_scale_words_are_rounded_at_their_last_group() -> None:
    assert parse_figure("410 nghìn việc").bounds() == (409_500, 410_500)
    assert parse_figure("7 nghìn 4 trăm việc").bounds() == (7350, 7450)
    assert parse_figure("7 nghìn việc").bounds() == (6500, 7500)
    assert parse_figure("hai nghìn việc").bounds() == (1500, 2500)
    assert not parse_figure("410 nghìn việc").exact


def test_money_exact_in_full_or_in_the_official_mixed_style() -> None:
    assert parse_figure("1.719.000.000 đồng").exact
    assert parse_figure("1.719.000.000đ").exact
    assert parse_figure("1 triệu 050 nghìn đồng").exact  # groups of 3 digits: official
    mixed = parse_figure("36.576 tỷ 087 triệu 535 nghìn đồng")
    assert mixed.exact
    assert mixed.printed == 36_576_087_535_000
    press = parse_figure("1 triệu 50 nghìn đồng")  # press style: rounded at nghìn
    assert press.bounds() == (1_049_500, 1_050_500)
    assert not press.exact


def test_scaled_money_is_rounded_at_its_last_printed_digit() -> None:
    assert parse_figure("1.719 tỷ").bounds() == (1_718_500_000_000, 1_719_500_000_000)
    assert parse_figure("600 tỷ đồng").bounds() == (599_500_000_000, 600_500_000_000)


def test_percents_are_always_rounded() -> None:
    assert parse_figure("100%").bounds() == (Fraction(199, 2), Fraction(201, 2))
    assert parse_figure("80,90%").bounds() == (Fraction("80.895"), Fraction("80.905"))
    assert parse_figure("0%").bounds() == (0, Fraction(1, 2))  # never below 0
    assert parse_figure("50,75 phần trăm").printed == D("50.75")


def test_hedges() -> None:
    assert str(parse_figure("khoảng 600 tỷ đồng")) == "[550; 650] tỷ đồng"
    assert str(parse_figure("xấp xỉ 80,9%")) == "[80,85; 80,95] %"
    assert parse_figure("gần như 100%").qualifier == "about"
    assert parse_figure("chừng 5 nghìn việc").qualifier == "about"
    assert parse_figure("dưới 5%").bounds() == (4, 5)
    assert parse_figure("Hơn 84%").qualifier == "over"  # any letter case
    assert str(parse_figure("gần 0,5%")) == "(0,4; 0,5) %"


def test_hedges_on_a_printed_zero() -> None:
    # approximate(1, step=10) writes "hơn 0 việc": no digit gives a unit, only "positive".
    assert approximate(1, step=10) == "hơn 0 việc"
    above = parse_figure("hơn 0 việc")
    assert above.bounds() == (0, 10**100)
    assert above.contains(1)
    assert not above.contains(0)
    assert str(parse_figure("hơn 0%")) == "(0; ∞) %"
    assert str(parse_figure("gần 0%")) == "[0; 1) %"


def test_directions() -> None:
    assert parse_figure("giảm 8,5%").direction == -1
    assert parse_figure("thiếu 1,6%").direction == -1
    assert parse_figure("chậm 2%").direction == -1
    assert parse_figure("vượt hơn 4,8%").direction == 1
    assert parse_figure("vượt hơn 4,8%").qualifier == "over"
    points = parse_figure("giảm 1,25 điểm phần trăm")
    assert (points.kind, points.unit, points.direction) == ("percent", "điểm phần trăm", -1)
    signed = parse_figure("+2,5 điểm phần trăm")
    assert (signed.direction, signed.printed) == (1, D("2.5"))
    assert parse_figure("-146,9 tỷ đồng").direction == -1


def test_units() -> None:
    assert parse_figure("2.362 vụ").unit == "việc"
    assert parse_figure("5 Vụ Việc").unit == "việc"
    assert parse_figure("năm bản án").unit == "bản án"
    assert parse_figure("12 quyết định").unit == "quyết định"
    assert parse_figure("410 ngàn người").unit == "người"
    assert parse_figure("1.719.000.000 VND").unit == "đồng"
    assert parse_figure("1.719.000.000\u00a0₫").unit == "đồng"
    assert parse_figure("hai mươi mốt việc").printed == 21
    assert parse_figure("bốn việc").exact


def test_bare_numbers() -> None:
    assert (parse_figure("1.719 tỷ").kind, parse_figure("1.719 tỷ").unit) == ("money", "đồng")
    assert parse_figure("1 triệu 50 nghìn").kind == "money"
    assert (parse_figure("7 nghìn 4 trăm").kind, parse_figure("7 nghìn 4 trăm").unit) == (
        "count",
        "",
    )
    assert parse_figure("5.409", unit="việc").unit == "việc"
    assert parse_figure("80,9", kind="percent").bounds() == (Fraction("80.85"), Fraction("80.95"))
    assert parse_figure("5.409", kind="money").exact
    assert parse_figure("5 vụ việc", unit="việc").unit == "việc"
    assert parse_figure("5 việc", unit="").unit == "việc"  # unit="" asks nothing


def test_compound_scales() -> None:
    assert parse_figure("89 nghìn 500 tỷ đồng").printed == 89_500 * TY
    assert parse_figure("1 triệu 200 nghìn tỷ đồng").printed == 1_200_000 * TY
    assert parse_figure("1 nghìn tỷ 500 tỷ đồng").printed == 1_500 * TY


def test_commas() -> None:
    with pytest.raises(ParseError) as info:
        parse_figure("1,052 tỷ đồng")
    assert info.value.code == "parse.ambiguous"
    assert info.value.details["position"] == 1
    assert parse_figure("1,052 tỷ đồng", comma="thousands").printed == 1052 * TY
    assert parse_figure("1,052 tỷ đồng", comma="decimal").printed == 1_052_000_000
    assert parse_figure("1,052 tỷ 087 triệu đồng").printed == 1_052_087_000_000
    assert parse_figure("1,052 đồng").printed == 1052  # 1,052 đồng is not whole
    assert parse_figure("1,052 việc").printed == 1052
    assert parse_figure("hơn 1,052%").printed == D("1.052")  # a percent keeps its comma


def test_nfc_and_positions() -> None:
    text = unicodedata.normalize("NFD", "hơn 146,9 tỷ đồng")
    figure = parse_figure(text)
    assert figure.text == text
    assert figure.printed == 146_900_000_000
    with pytest.raises(ParseError) as info:
        parse_figure(unicodedata.normalize("NFD", "hơn 5 việc !"))
    assert info.value.position == len(unicodedata.normalize("NFD", "hơn 5 việc "))
    assert parse_figure("5 việc dân sự").unit == "việc dân sự"  # any noun, as written


def test_str_and_contains() -> None:
    figure = parse_figure("hơn 146,9 tỷ đồng")
    assert str(figure) == "(146,9; 147) tỷ đồng"
    assert str(parse_figure("146,9 tỷ đồng")) == "[146,85; 146,95) tỷ đồng"
    assert str(parse_figure("5.409 việc")) == "[5.409; 5.409] việc"
    assert str(parse_figure("7 nghìn 4 trăm")) == "[7.350; 7.450)"
    assert figure.contains(146_900_000_001)
    assert not figure.contains(146_900_000_000)
    assert figure.contains(D("146900000000.5"))
    assert figure.contains(Fraction(293_800_000_001, 2))
    assert 146_937_000_000 in figure
    rounded = parse_figure("80,9%")
    assert rounded.contains(D("80.85"))
    assert not rounded.contains(D("80.95"))


# --------------------------------------------------------------------------- parts over wholes


def test_parse_ratio_examples() -> None:
    part, whole = parse_ratio("5.409/12.345 việc")  # seed 004
    assert (part.printed, whole.printed, part.unit, whole.unit) == (5409, 12345, "việc", "việc")
    assert part.exact
    assert whole.exact
    assert (part.text, whole.text) == ("5.409", "12.345 việc")
    part, whole = parse_ratio("1.719 tỷ/6.112 tỷ")  # seed 004
    assert (part.kind, whole.kind) == ("money", "money")
    assert part.bounds() == (1_718_500_000_000, 1_719_500_000_000)
    part, whole = parse_ratio("363/830 việc")
    assert (part.printed, whole.printed) == (363, 830)
    part, whole = parse_ratio("trên 75 %/80,1%")  # seed 004
    assert (part.qualifier, part.low, whole.printed) == ("over", 75, D("80.1"))
    part, whole = parse_ratio("5.409 việc / 12.345")
    assert whole.unit == "việc"


@pytest.mark.parametrize(
    ("text", "code", "position"),
    [
        ("12.345/5.409 việc", "parse.part_exceeds_whole", 0),
        ("75%/100 việc", "parse.unit", 8),
        ("5.409 việc", "parse.expected", 10),
        ("5.409/", "parse.expected", 6),
        ("5.409/12.345 việc;", "parse.unexpected", 17),
        ("", "parse.empty", 0),
    ],
)
def test_parse_ratio_errors(text: str, code: str, position: int) -> None:
    with pytest.raises(ParseError) as info:
        parse_ratio(text)
    assert (info.value.code, info.value.position) == (code, position)
    assert info.value.details["function"] == "parse_ratio"
    assert info.value.details["text"] == text


# --------------------------------------------------------------------------- errors


@pytest.mark.parametrize(
    ("text", "options", "code", "position"),
    [
        ("", {}, "parse.empty", 0),
        ("   ", {}, "parse.empty", 3),
        ("hơn", {}, "parse.expected", 3),
        ("hơn việc", {}, "parse.expected", 4),
        ("1.5 việc", {}, "parse.separator", 1),
        ("2,5 việc", {}, "parse.not_whole", 0),
        ("2 tỷ 5 đồng", {}, "parse.group", 5),
        ("5 nghìn tỷ nghìn", {}, "parse.order", 11),
        ("1 nghìn 500 triệu đồng", {}, "parse.order", 8),
        ("1,5 tỷ 200 triệu", {}, "parse.decimals", 1),
        ("hai mươi một việc", {}, "parse.reading", 0),
        ("5.409/12.345 việc", {}, "parse.unexpected", 5),
        ("43% x", {}, "parse.unexpected", 4),
        ("43%", {"kind": "count"}, "parse.kind", 2),
        ("5 việc", {"unit": "người"}, "parse.unit", 2),
        ("5 việc", {"kind": "money"}, "parse.kind", 2),
        ("1" * 101 + " việc", {}, "parse.too_large", 0),
        ("x" * 1001, {}, "parse.too_long", 1000),
    ],
)
def test_parse_figure_errors(text: str, options: dict[str, str], code: str, position: int) -> None:
    with pytest.raises(ParseError) as info:
        parse_figure(text, **options)  # type: ignore[arg-type]
    error = info.value
    assert (error.code, error.position) == (code, position)
    assert error.details["text"] == text
    assert error.details["function"] == "parse_figure"


def test_kind_and_unit_mismatch_details() -> None:
    with pytest.raises(ParseError) as info:
        parse_figure("43%", kind="count")
    assert (info.value.details["expected"], info.value.details["found"]) == ("count", "percent")
    with pytest.raises(ParseError) as info:
        parse_figure("5", kind="money", unit="việc")
    assert (info.value.code, info.value.details["argument"]) == ("parse.kind", "unit")


@pytest.mark.parametrize(
    ("call", "code", "argument"),
    [
        (lambda: parse_figure(5), "parse.type", "text"),
        (lambda: parse_figure(None), "parse.type", "text"),
        (lambda: parse_figure("5", kind="tiền"), "parse.choice", "kind"),
        (lambda: parse_figure("5", kind=1), "parse.type", "kind"),
        (lambda: parse_figure("5", unit=5), "parse.type", "unit"),
        (lambda: parse_figure("5", comma="x"), "parse.choice", "comma"),
        (lambda: parse_ratio(b"1/2"), "parse.type", "text"),
        (lambda: find_figures(["x"]), "parse.type", "text"),
        (lambda: find_figures("x", comma=None), "parse.type", "comma"),
        (lambda: parse_figure("5 việc").contains(0.5), "parse.type", "value"),
        (lambda: parse_figure("5 việc").contains(True), "parse.type", "value"),
        (lambda: parse_figure("5 việc").contains(D("NaN")), "parse.type", "value"),
        (lambda: 5.0 in parse_figure("5 việc"), "parse.type", "value"),
    ],
)
def test_arguments_are_checked(call: object, code: str, argument: str) -> None:
    with pytest.raises(ParseError) as info:
        call()  # type: ignore[operator]
    assert (info.value.code, info.value.details["argument"]) == (code, argument)


def test_figure_is_validated() -> None:
    good = parse_figure("80,9%")
    fields = {
        "text": good.text,
        "kind": good.kind,
        "unit": good.unit,
        "printed": good.printed,
        "low": good.low,
        "high": good.high,
        "low_closed": True,
        "high_closed": False,
        "qualifier": "",
        "direction": 0,
        "step": good.step,
    }
    assert Figure(**fields) == good  # type: ignore[arg-type]
    for name, bad, code in [
        ("low", D(81), "parse.range"),
        ("step", D(0), "parse.range"),
        ("low", 80, "parse.type"),
        ("high", D("Infinity"), "parse.type"),
        ("kind", "tiền", "parse.choice"),
        ("qualifier", "hơn", "parse.choice"),
        ("direction", 2, "parse.range"),
        ("low_closed", 1, "parse.type"),
        ("text", None, "parse.type"),
    ]:
        with pytest.raises(ParseError) as info:
            Figure(**{**fields, name: bad})  # type: ignore[arg-type]
        assert info.value.code == code, name


# --------------------------------------------------------------------------- running text

# The results paragraph of seed 000_bb7d672c5fb93504.txt (Vĩnh Phúc, 11 months of 2021).
PARAGRAPH_000 = (
    "Nguy cơ dịch bệnh COVID-19 - SARS-CoV-2 vẫn còn hiện hữu, diễn biến phức tạp, bên cạnh "
    "đó lượng án thụ lý nhiều, số việc phải thi hành lớn, tính đến 31/8/2021 (11 tháng 2021) "
    "toàn tỉnh phải thi hành hơn 7 nghìn 4 trăm việc với gần 600 tỷ đồng, tăng 18,7% số tiền "
    "phải thi hành so với cùng kỳ năm 2020. Nhờ sự quyết liệt trong công tác lãnh, chỉ đạo "
    "điều hành của Lãnh đạo Cục, toàn tỉnh đã thi hành xong hơn 5 nghìn 2 trăm việc với hơn "
    "146,9 tỷ đồng ( tăng 23,75% so với cùng kỳ năm 2020), đạt tỷ lệ giải quyết 80,9% về việc "
    "và 43% về tiền ( hoàn thành, vượt 2,5% về tiền so với chỉ tiêu Tổng cục THADS – Bộ Tư "
    "pháp giao đầu năm), còn thiếu 1,6% về việc. Các mặt công tác khác được cơ quan THADS các "
    "cấp giải quyết nhanh chóng, kịp thời, đúng quy định pháp luật."
)


def test_find_figures_in_the_results_paragraph_of_seed_000() -> None:
    found = find_figures(PARAGRAPH_000)
    texts = [figure.text for _, _, figure in found]
    assert texts == [
        "hơn 7 nghìn 4 trăm việc",
        "gần 600 tỷ đồng",
        "tăng 18,7%",
        "hơn 5 nghìn 2 trăm việc",
        "hơn 146,9 tỷ đồng",
        "tăng 23,75%",
        "80,9%",
        "43%",
        "vượt 2,5%",
        "còn thiếu 1,6%",
    ]
    for start, end, figure in found:
        assert PARAGRAPH_000[start:end] == figure.text
        assert figure == parse_figure(figure.text)
    starts = [start for start, _, _ in found]
    assert starts == sorted(starts)
    assert found[0][0] == PARAGRAPH_000.index("hơn 7 nghìn")
    assert found[-1][1] == PARAGRAPH_000.index("1,6%") + len("1,6%")


def test_find_figures_in_seed_002_and_004() -> None:
    # 002_4d4b971537bd4212.txt
    text = (
        "Toàn tỉnh đã thi hành xong hơn 5.750 việc với hơn 157 tỷ đồng, đạt hơn 84% và 45,5% "
        "về tiền, vượt gần 4% về việc và hơn 4,8% về tiền so với Tổng Cục giao. Chỉ số ... tăng "
        "từ 76% lên 90%, đứng thứ 2/16 chỉ số thiết chế pháp lý của tỉnh."
    )
    assert [figure.text for _, _, figure in find_figures(text)] == [
        "hơn 5.750 việc",
        "hơn 157 tỷ đồng",
        "hơn 84%",
        "45,5%",
        "vượt gần 4%",
        "hơn 4,8%",
        "76%",
        "90%",
    ]
    # 004_a6f7d27ca815f3d4.txt: parts over wholes
    text = (
        "còn nhiều (5.409/12.345 việc, số tiền 1.719 tỷ/6.112 tỷ), còn đang theo dõi hành 15 vụ "
        "án hành chính; xong trên 75 %/80,1% về việc và trên 35%/40,1% về giá trị"
    )
    found = find_figures(text)
    assert [(figure.text, figure.unit) for _, _, figure in found] == [
        ("5.409", "việc"),
        ("12.345 việc", "việc"),
        ("1.719 tỷ", "đồng"),
        ("6.112 tỷ", "đồng"),
        ("15 vụ án", "vụ án"),
        ("trên 75 %", "%"),
        ("80,1%", "%"),
        ("trên 35%", "%"),
        ("40,1%", "%"),
    ]
    assert all(text[start:end] == figure.text for start, end, figure in found)


@pytest.mark.parametrize(
    "text",
    [
        "tính đến 31/8/2021 (11 tháng 2021)",
        "Công văn số 2910/CTHADS-VP ngày 28/9/2017",
        "Nghị quyết số 96/2019/QH14 của Quốc hội, Chỉ thị 15 và Chỉ thị 16",
        "COVID-19 - SARS-CoV-2, giai đoạn 2021-2023, Covid- 19",
        "Bộ Tư pháp, một số nhiệm vụ, không phải tổ chức cưỡng chế, Năm 2021",
        "tăng từ năm 2020, hơn nữa, gần đây, trên địa bàn",
        "1,052 tỷ đồng",  # ambiguous: left out unless comma= says which
        "2 tỷ 5 đồng",  # a broken group: no part of it is read as "5 đồng"
        "",
    ],
)
def test_find_figures_leaves_out_what_is_no_figure(text: str) -> None:
    assert find_figures(text) == []


def test_find_figures_options_and_words() -> None:
    assert [f.printed for _, _, f in find_figures("1,052 tỷ đồng", comma="thousands")] == [
        1052 * TY
    ]
    found = find_figures("giải quyết dứt điểm hai vụ việc và bốn việc, năm bản án")
    assert [(f.text, f.printed, f.unit) for _, _, f in found] == [
        ("hai vụ việc", 2, "việc"),
        ("bốn việc", 4, "việc"),
        ("năm bản án", 5, "bản án"),
    ]
    found = find_figures("đã ban hành 04 văn bản, phấn đấu xong 05 vụ.")
    assert [(f.printed, f.unit) for _, _, f in found] == [(4, "văn bản"), (5, "việc")]


def test_find_figures_maps_offsets_to_the_original_text() -> None:
    text = unicodedata.normalize("NFD", "Toàn tỉnh thi hành xong hơn 146,9 tỷ đồng, đạt 43%.")
    found = find_figures(text)
    assert [text[start:end] for start, end, _ in found] == [
        unicodedata.normalize("NFD", "hơn 146,9 tỷ đồng"),
        "43%",
    ]


@pytest.mark.parametrize("run", ["một ", "1 tỷ ", "tỷ ", "hai mươi ", "1 2 "])
def test_find_figures_skips_long_runs_in_linear_time(run: str) -> None:
    # Each start of a long run used to re-read the whole run: 80.000 characters took a minute.
    assert find_figures(run * 20_000) == []
    assert [f.text for _, _, f in find_figures(run * 100 + "hơn 5 việc")] == ["hơn 5 việc"]


def test_find_figures_on_long_text_is_bounded() -> None:
    with pytest.raises(ParseError) as info:
        find_figures("5 việc " * 100_000)
    assert info.value.code == "parse.too_long"


# --------------------------------------------------------------------------- approximate()


@pytest.mark.parametrize(
    ("value", "options", "text"),
    [
        (7_456, {}, "hơn 7 nghìn 4 trăm việc"),
        (599_300_000_000, {"hedge": "gần", "digits": 1, "kind": "dong"}, "gần 600 tỷ đồng"),
        (146_937_000_000, {"digits": 4, "kind": "dong"}, "hơn 146,9 tỷ đồng"),
        (283_700_000_000_000, {"hedge": "gần", "step": 10**12, "kind": "dong"}, None),
        (410_512, {"digits": 3}, "hơn 410 nghìn việc"),
        (419_999, {"digits": 2}, "hơn 410 nghìn việc"),
        (D("79.9"), {"digits": 1, "kind": "percent"}, "hơn 70%"),
        (D("66.37"), {"kind": "percent"}, "hơn 66%"),
        (7_000, {}, "7 nghìn việc"),
    ],
)
def test_approximate_is_read_back_around_its_input(
    value: int | Decimal, options: dict[str, object], text: str | None
) -> None:
    written = approximate(value, **options)  # type: ignore[arg-type]
    if text is not None:
        assert written == text
    assert parse_figure(written).contains(value)
