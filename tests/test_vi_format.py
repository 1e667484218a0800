"""Examples of Vietnamese number, percent and money formatting (DOMAIN.md §6, issue 5)."""

from __future__ import annotations

import doctest
from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction
from pathlib import Path

import pytest
from babel.numbers import format_currency, format_decimal
from babel.numbers import format_percent as babel_percent

from thads_metrics.errors import ThadsError
from thads_metrics.vi import (
    FormatError,
    approximate,
    format_count,
    format_dong,
    format_number,
    format_percent,
    format_points,
)
from thads_metrics.vi import format as vi_format

D = Decimal
DOCS = Path(__file__).resolve().parent.parent / "docs" / "rules"


# --------------------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (576933, "576.933"),  # DOMAIN.md §6: "576.933 việc"
        (936046, "936.046"),  # DOMAIN.md §2: national 2023 accepted
        (923541, "923.541"),
        (0, "0"),
        (999, "999"),
        (1000, "1.000"),
        (-12004, "-12.004"),
        (10**15, "1.000.000.000.000.000"),
        (D("83.86"), "83,86"),
        (D("146.9"), "146,9"),
        (D("-1234.5"), "-1.234,5"),
        (D("1.000"), "1"),
        (D("1E+3"), "1.000"),
        (D("0.0004"), "0"),
        (D("-0.0004"), "0"),  # never "-0"
        (D("-0"), "0"),
        (Fraction(2, 3), "0,667"),
        (Fraction(-1, 8), "-0,125"),
    ],
)
def test_format_number(value: int | Decimal | Fraction, text: str) -> None:
    assert format_number(value) == text


@pytest.mark.parametrize(
    ("value", "decimals", "text"),
    [
        (D("1.0005"), 3, "1,001"),  # half up; babel's default half even gives "1"
        (D("2.665"), 2, "2,67"),
        (D("-2.665"), 2, "-2,67"),  # half away from zero
        (D("2.6649999"), 2, "2,66"),
        (Fraction(1, 8), 2, "0,13"),
        (Fraction(-1, 8), 2, "-0,13"),
        (D("48.485"), 2, "48,49"),
        (D("999.9995"), 3, "1.000"),
        (D("12.5"), 0, "13"),
        (D("-12.5"), 0, "-13"),
        (D("0.5"), 0, "1"),
    ],
)
def test_format_number_rounds_half_up(value: Decimal | Fraction, decimals: int, text: str) -> None:
    assert format_number(value, decimals) == text


def test_format_number_fixed_decimals() -> None:
    assert format_number(D("83.8"), 2, fixed=True) == "83,80"
    assert format_number(5, 2, fixed=True) == "5,00"
    assert format_number(Fraction(1, 2), 3, fixed=True) == "0,500"
    assert format_number(1234, 0, fixed=True) == "1.234"


def test_defaults_come_from_cldr_vi() -> None:
    assert (vi_format._GROUP, vi_format._DECIMAL, vi_format._DEFAULT_DECIMALS) == (".", ",", 3)


@pytest.mark.parametrize(
    "value",
    [0, 7, -7, 576933, 10**20, D("83.86"), D("-1234.5678"), D("0.001"), D("1E+5"), D("12.30")],
)
def test_plain_output_is_babels(value: int | Decimal) -> None:
    assert format_number(value) == format_decimal(value, locale="vi")


def test_babel_default_differs_only_by_rounding_ties() -> None:
    """babel rounds with the active context (half even by default); we round half up."""
    assert format_decimal(D("1.0005"), locale="vi") == "1"
    assert format_number(D("1.0005")) == "1,001"
    with localcontext() as ctx:
        ctx.rounding = ROUND_HALF_UP
        assert format_decimal(D("1.0005"), locale="vi") == "1,001"


@pytest.mark.parametrize(
    "bad", [0.5, 1.0, float("nan"), True, None, "5", D("NaN"), D("Infinity"), D("-sNaN"), [1]]
)
def test_format_number_rejects_inexact_values(bad: object) -> None:
    with pytest.raises(FormatError) as info:
        format_number(bad)  # type: ignore[arg-type]
    assert isinstance(info.value, ThadsError)
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize("bad", [10**100, -(10**100), D("1E+100"), Fraction(10**101, 3)])
def test_format_number_rejects_huge_values(bad: int | Decimal | Fraction) -> None:
    with pytest.raises(FormatError, match="10\\*\\*100"):
        format_number(bad)


def test_format_number_accepts_just_below_the_limit() -> None:
    assert format_number(10**100 - 1).count(".") == 33
    assert format_number(D("0E+500")) == "0"


@pytest.mark.parametrize("decimals", [-1, 101, 1.5, True, None, "2"])
def test_bad_decimals(decimals: object) -> None:
    with pytest.raises(FormatError, match="decimals"):
        format_number(1, decimals)  # type: ignore[arg-type]


def test_bad_fixed() -> None:
    with pytest.raises(FormatError, match="fixed"):
        format_number(1, 2, fixed=1)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- percents


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (D("83.86"), "83,86%"),  # DOMAIN.md §6
        (D("80.90"), "80,9%"),
        (43, "43%"),
        (D("50.75"), "50,75%"),  # Long An, 6 months of 2022
        (D("48.49"), "48,49%"),
        (Fraction(26515 * 100, 54681), "48,49%"),  # TP.HCM, 6 months of 2019
        (Fraction(369372 * 100, 579413), "63,75%"),  # national, 9 months of 2017
        (D("79.555"), "79,56%"),
        (D("-5.6"), "-5,6%"),
        (0, "0%"),
    ],
)
def test_format_percent(value: int | Decimal | Fraction, text: str) -> None:
    assert format_percent(value) == text


def test_format_percent_fixed_and_whole() -> None:
    assert format_percent(D("5.6"), fixed=True) == "5,60%"  # "tăng 39.080 việc, 5,60%"
    assert format_percent(D("81.5"), 2, fixed=True) == "81,50%"
    assert format_percent(D("66.5"), 0) == "67%"


def test_format_percent_matches_babel_percent_pattern() -> None:
    for value in (D("83.86"), D("80.9"), 43, D("50.75"), D("0.01")):
        expected = babel_percent(D(value) / 100, format="#,##0.##%", locale="vi")
        assert format_percent(value) == expected


# --------------------------------------------------------------------------- points


@pytest.mark.parametrize(
    ("points", "options", "text"),
    [
        (D("1.41"), {}, "+1,41 điểm phần trăm"),
        (D("-30.75"), {}, "-30,75 điểm phần trăm"),
        (D("1.41"), {"sign": "target", "unit": "percent"}, "vượt 1,41%"),  # 2020 national
        (D("0.35"), {"sign": "target"}, "vượt 0,35 điểm phần trăm"),  # 84,25 − 83,90
        (D("-30.75"), {"sign": "target", "unit": "percent"}, "thiếu 30,75%"),
        (D("2.09"), {"sign": "change", "unit": "percent"}, "tăng 2,09%"),
        (D("-0.4"), {"sign": "change"}, "giảm 0,4 điểm phần trăm"),
        (D("11.99"), {"sign": "target", "unit": "percent"}, "vượt 11,99%"),
        (D("0.004"), {"sign": "change"}, "0 điểm phần trăm"),
        (D("-0.004"), {}, "0 điểm phần trăm"),
        (D("0.5"), {"fixed": True, "unit": "percent"}, "+0,50%"),
        (Fraction(1, 3), {"decimals": 1}, "+0,3 điểm phần trăm"),
    ],
)
def test_format_points(points: Decimal | Fraction, options: dict[str, object], text: str) -> None:
    assert format_points(points, **options) == text  # type: ignore[arg-type]


def test_format_points_bad_options() -> None:
    with pytest.raises(FormatError, match="sign"):
        format_points(1, sign="up")  # type: ignore[arg-type]
    with pytest.raises(FormatError, match="unit"):
        format_points(1, unit="%")  # type: ignore[arg-type]
    with pytest.raises(FormatError):
        format_points(1.5)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- counts


@pytest.mark.parametrize(
    ("count", "options", "text"),
    [
        (5409, {}, "5.409 việc"),
        (576933, {}, "576.933 việc"),
        (39080, {}, "39.080 việc"),
        (0, {}, "0 việc"),
        (7400, {"spoken": True}, "7 nghìn 4 trăm việc"),
        (410_000, {"spoken": True}, "410 nghìn việc"),
        (410_000, {"spoken": True, "thousand": "ngàn"}, "410 ngàn việc"),
        (5409, {"spoken": True}, "5 nghìn 409 việc"),
        (1050, {"spoken": True}, "1 nghìn 050 việc"),
        (999, {"spoken": True}, "999 việc"),
        (1_234_567, {"spoken": True}, "1 triệu 234 nghìn 567 việc"),
        (2_050_000, {"spoken": True}, "2 triệu 50 nghìn việc"),
        (3_000_000_000, {"spoken": True}, "3 tỷ việc"),
        (12_004, {"unit": "người"}, "12.004 người"),
        (12_004, {"unit": ""}, "12.004"),
    ],
)
def test_format_count(count: int, options: dict[str, object], text: str) -> None:
    assert format_count(count, **options) == text  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", [-1, 1.0, D(5), True, None])
def test_format_count_rejects(bad: object) -> None:
    with pytest.raises(FormatError):
        format_count(bad)  # type: ignore[arg-type]


def test_format_count_bad_options() -> None:
    with pytest.raises(FormatError, match="unit"):
        format_count(5, None)  # type: ignore[arg-type]
    with pytest.raises(FormatError, match="thousand"):
        format_count(5, thousand="ngan")  # type: ignore[arg-type]


# --------------------------------------------------------------------------- money


@pytest.mark.parametrize(
    ("amount", "style", "options", "text"),
    [
        (1_719_000_000, "exact", {}, "1.719.000.000 đồng"),
        (0, "exact", {}, "0 đồng"),
        (-5_000, "exact", {}, "-5.000 đồng"),
        (146_900_000_000, "scaled", {}, "146,9 tỷ đồng"),
        (146_937_000_000, "scaled", {}, "146,9 tỷ đồng"),
        (146_950_000_000, "scaled", {}, "147 tỷ đồng"),
        (146_950_000_000, "scaled", {"fixed": True}, "147,0 tỷ đồng"),
        (146_937_000_000, "scaled", {"decimals": 2}, "146,94 tỷ đồng"),
        (146_937_000_000, "scaled", {"decimals": None}, "146.937 triệu đồng"),  # not "146,937"
        (146_937_000_000, "scaled", {"decimals": None, "scale": "tỷ"}, "146,937 tỷ đồng"),
        (146_937_500_000, "scaled", {"decimals": None}, "146,9375 tỷ đồng"),
        (1_052, "scaled", {"decimals": None}, "1.052 đồng"),
        (1_052_000, "scaled", {"decimals": None}, "1.052 nghìn đồng"),
        (146_937_000_000_000_000, "scaled", {"decimals": None}, "146.937 nghìn tỷ đồng"),
        (284_000_000_000_000, "scaled", {}, "284 nghìn tỷ đồng"),
        (284_000_000_000_000, "scaled", {"thousand": "ngàn"}, "284 ngàn tỷ đồng"),
        (1_719_000_000_000, "scaled", {}, "1.719 tỷ đồng"),
        (36_576_087_535_000, "scaled", {}, "36.576,1 tỷ đồng"),
        (36_576_087_535_000, "scaled", {"scale": "nghìn tỷ", "decimals": 2}, "36,58 nghìn tỷ đồng"),
        (1_500_000, "scaled", {}, "1,5 triệu đồng"),
        (500_000, "scaled", {}, "500 nghìn đồng"),
        (999, "scaled", {}, "999 đồng"),
        (999_960_000, "scaled", {}, "1 tỷ đồng"),  # rounding reaches the next scale
        (999_960_000, "scaled", {"scale": "triệu"}, "1.000 triệu đồng"),  # unless asked
        (2 * 10**17, "scaled", {}, "200 triệu tỷ đồng"),
        (10**15, "scaled", {}, "1.000 nghìn tỷ đồng"),
        (-146_900_000_000, "scaled", {}, "-146,9 tỷ đồng"),
        (36_576_087_535_000, "mixed", {}, "36.576 tỷ 087 triệu 535 nghìn đồng"),
        (36_576_087_535_120, "mixed", {}, "36.576 tỷ 087 triệu 535 nghìn 120 đồng"),
        (36_576_000_000_005, "mixed", {}, "36.576 tỷ 005 đồng"),
        (87_535_000, "mixed", {}, "87 triệu 535 nghìn đồng"),
        (1_000_005, "mixed", {"thousand": "ngàn"}, "1 triệu 005 đồng"),
        (1_005_000, "mixed", {"thousand": "ngàn"}, "1 triệu 005 ngàn đồng"),
        (535, "mixed", {}, "535 đồng"),
        (1_719_000_000, "symbol", {}, "1.719.000.000\u00a0₫"),
    ],
)
def test_format_dong(amount: int, style: str, options: dict[str, object], text: str) -> None:
    assert format_dong(amount, style, **options) == text  # type: ignore[arg-type]


@pytest.mark.parametrize("amount", [0, 5, -5, 1_719_000_000, 10**18])
def test_symbol_style_is_babels_vnd_currency(amount: int) -> None:
    assert format_dong(amount, "symbol") == format_currency(amount, "VND", locale="vi")


@pytest.mark.parametrize("bad", [1.5, D("1000"), Fraction(1), True, None, "1000", 10**100])
def test_format_dong_takes_whole_dong_only(bad: object) -> None:
    with pytest.raises(FormatError):
        format_dong(bad)  # type: ignore[arg-type]


def test_format_dong_bad_options() -> None:
    with pytest.raises(FormatError, match="style"):
        format_dong(5, "short")  # type: ignore[arg-type]
    with pytest.raises(FormatError, match="scale"):
        format_dong(5, "scaled", scale="ty")  # type: ignore[arg-type]
    with pytest.raises(FormatError, match="decimals"):
        format_dong(5, "scaled", decimals=-1)


# --------------------------------------------------------------------------- hedges


@pytest.mark.parametrize(
    ("value", "hedge", "options", "text"),
    [
        (7_456, "hơn", {}, "hơn 7 nghìn 4 trăm việc"),
        (410_512, "hơn", {"digits": 3}, "hơn 410 nghìn việc"),
        (410_512, "trên", {"digits": 3}, "trên 410 nghìn việc"),
        (410_512, "hơn", {"digits": 3, "spoken": False}, "hơn 410.000 việc"),
        (599_300_000_000, "gần", {"digits": 1, "kind": "dong"}, "gần 600 tỷ đồng"),
        (146_937_000_000, "hơn", {"digits": 4, "kind": "dong"}, "hơn 146,9 tỷ đồng"),
        (283_700_000_000_000, "gần", {"digits": 3, "kind": "dong"}, "gần 284 nghìn tỷ đồng"),
        (283_700_000_000_000, "gần", {"step": 10**12, "kind": "dong"}, "gần 284 nghìn tỷ đồng"),
        (99_960_000_000_000, "gần", {"digits": 3, "kind": "dong"}, "gần 100 nghìn tỷ đồng"),
        (D("66.37"), "hơn", {"kind": "percent"}, "hơn 66%"),
        (D("83.86"), "gần", {"kind": "percent"}, "gần 84%"),
        # exact: no hedge would be true, so none is written
        (7_000, "hơn", {}, "7 nghìn việc"),
        (7_000, "gần", {}, "7 nghìn việc"),
        (600_000_000_000, "gần", {"digits": 1, "kind": "dong"}, "600 tỷ đồng"),
        (D("66"), "hơn", {"kind": "percent"}, "66%"),
        (0, "hơn", {}, "0 việc"),
        (5, "gần", {}, "5 việc"),
    ],
)
def test_approximate(
    value: int | Decimal, hedge: str, options: dict[str, object], text: str
) -> None:
    assert approximate(value, hedge, **options) == text  # type: ignore[arg-type]


def test_approximate_bad_input() -> None:
    with pytest.raises(FormatError, match="hedge"):
        approximate(5, "khoảng")  # type: ignore[arg-type]
    with pytest.raises(FormatError, match="not both"):
        approximate(5, digits=1, step=10)
    with pytest.raises(FormatError, match="step"):
        approximate(5, step=0)
    with pytest.raises(FormatError, match="step"):
        approximate(5, step=D("0.5"))
    with pytest.raises(FormatError, match="power of ten"):
        approximate(D("5.5"), kind="percent", step=Fraction(1, 3))
    with pytest.raises(FormatError):
        approximate(-5)
    with pytest.raises(FormatError):
        approximate(D("-5"), kind="percent")
    with pytest.raises(FormatError):
        approximate(D("5.5"))  # counts are ints
    with pytest.raises(FormatError, match="digits"):
        approximate(5, digits=0)


def test_approximate_money_is_not_written_as_cases() -> None:
    # Without kind, a value no caseload reaches is refused, not written "hơn 140 tỷ việc".
    with pytest.raises(FormatError, match="kind='dong'") as caught:
        approximate(146_900_000_000)
    assert caught.value.code == "format.kind_required"
    assert caught.value.details["argument"] == "kind"
    assert approximate(146_900_000_000, kind="dong", digits=4) == "146,9 tỷ đồng"
    assert approximate(146_937_000_000, kind="dong") == "hơn 140 tỷ đồng"
    # The bound is inclusive; kind="count" given explicitly writes any count.
    assert approximate(100_000_000) == "100 triệu việc"
    with pytest.raises(FormatError, match="too large"):
        approximate(100_000_001)
    assert approximate(100_000_001, kind="count") == "hơn 100 triệu việc"
    assert approximate(146_900_000_000, kind="count") == "hơn 140 tỷ việc"


# --------------------------------------------------------------------------- docs


def test_rule_book_page_examples_run() -> None:
    result = doctest.testfile(
        str(DOCS / "numbers.md"), module_relative=False, optionflags=doctest.ELLIPSIS
    )
    assert result.attempted > 0
    assert result.failed == 0


# --------------------------------------------------------------------------- error codes


@pytest.mark.parametrize(
    ("call", "code", "argument"),
    [
        (lambda: format_number(0.5), "format.type", "value"),
        (lambda: format_number(10**100), "format.range", "value"),
        (lambda: format_number(1, 101), "format.range", "decimals"),
        (lambda: format_number(1, 1.5), "format.type", "decimals"),
        (lambda: format_number(1, 2, fixed=1), "format.type", "fixed"),
        (lambda: format_points(1, sign="plus"), "format.choice", "sign"),
        (lambda: format_count(-1), "format.range", "count"),
        (lambda: format_count(5, 5), "format.type", "unit"),
        (lambda: format_count(5, thousand=None), "format.type", "thousand"),
        (lambda: format_dong(5, "short"), "format.choice", "style"),
        (lambda: format_dong(D(5)), "format.type", "amount"),
        (lambda: approximate(5, digits=1, step=10), "format.conflict", "digits"),
        (lambda: approximate(5, step=0), "format.range", "step"),
        (lambda: approximate(5, step=D("0.5")), "format.type", "step"),
        (lambda: approximate(D("-5"), kind="percent"), "format.range", "value"),
        (
            lambda: approximate(D("5.5"), kind="percent", step=Fraction(1, 3)),
            "format.step",
            "step",
        ),
    ],
)
def test_format_errors_have_codes(call: object, code: str, argument: str) -> None:
    with pytest.raises(FormatError) as info:
        call()  # type: ignore[operator]
    assert info.value.code == code
    assert info.value.details["argument"] == argument


@pytest.mark.parametrize(
    "huge",
    [10**4000, 10**5000, -(10**5000), Fraction(10**5000, 3)],
    ids=["10**4000", "10**5000", "-10**5000", "10**5000/3"],
)
def test_huge_values_raise_a_short_format_error(huge: int | Fraction) -> None:
    """Past 4300 digits Python refuses str() of an int: the message must not try it."""
    writers = [
        format_number,
        format_percent,
        format_points,
        lambda v: approximate(v, kind="percent"),
    ]
    if isinstance(huge, int):
        writers += [format_count, format_dong, approximate]
    for write in writers:
        with pytest.raises(FormatError, match="10\\*\\*100") as info:
            write(huge)
        assert info.value.code == "format.range"
        assert len(str(info.value)) < 200


def test_the_cldr_table_is_what_babel_reads() -> None:
    """The CLDR ``vi`` symbols are written in the module (no babel at import); babel agrees."""
    from babel import Locale
    from babel.numbers import (
        get_currency_symbol,
        get_decimal_symbol,
        get_group_symbol,
        get_minus_sign_symbol,
        get_plus_sign_symbol,
    )

    from thads_metrics.vi.format import CLDR_VI

    vi = Locale.parse("vi")
    assert dict(CLDR_VI) == {
        "group": get_group_symbol(vi),
        "decimal": get_decimal_symbol(vi),
        "minus": get_minus_sign_symbol(vi),
        "plus": get_plus_sign_symbol(vi),
        "decimals": vi.decimal_formats[None].frac_prec[1],
        "percent_suffix": vi.percent_formats[None].suffix[0],
        "currency_suffix": vi.currency_formats["standard"]
        .suffix[0]
        .replace("¤", get_currency_symbol("VND", vi)),
    }


def test_importing_the_library_does_not_load_babel() -> None:
    import subprocess
    import sys

    code = "import sys, thads_metrics; print(any(m.startswith('babel') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
