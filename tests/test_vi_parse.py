"""Reading numbers, percents and amounts back (DOMAIN.md §6, issue 5)."""

from __future__ import annotations

import unicodedata
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thads_metrics.errors import ParseError, ThadsError
from thads_metrics.vi import parse_count, parse_dong, parse_number, parse_percent

D = Decimal


# --------------------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("576.933", D(576933)),
        ("936.046", D(936046)),
        ("83,86", D("83.86")),
        ("-1.234,50", D("-1234.5")),
        ("−12.004", D(-12004)),  # U+2212 minus
        ("+5", D(5)),
        ("0", D(0)),
        ("0,5", D("0.5")),
        ("1719000000", D(1719000000)),  # no separators at all
        ("1.052,3", D("1052.3")),
        ("  1.000  ", D(1000)),
        ("410 nghìn", D(410000)),
        ("7 nghìn 4 trăm", D(7400)),
        ("5 trăm nghìn", D(500000)),
        ("146,9 tỷ", D(146900000000)),
        ("284 nghìn tỷ", D(284 * 10**12)),
        ("1,5 triệu tỷ", D(15 * 10**14)),
        ("2 tỷ tỷ", D(2 * 10**18)),
        ("36.576 tỷ 087 triệu 535 nghìn", D(36576087535000)),
        ("0,0005 nghìn", D("0.5")),
        # comma thousands where a decimal comma is impossible
        ("1,052,300", D(1052300)),
        ("1,052.5", D("1052.5")),
        ("1,052 tỷ 087 triệu", D(1052087000000)),
        # a comma before anything but exactly 3 digits is a decimal comma
        ("1,05", D("1.05")),
        ("1,0525", D("1.0525")),
        ("0,052", D("0.052")),
        ("1052,300", D("1052.3")),
    ],
)
def test_parse_number(text: str, value: Decimal) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize(
    ("text", "decimal", "thousands"),
    [
        ("1,052", D("1.052"), D(1052)),
        ("146,937 tỷ", D(146937000000), D(146937000000000)),
        ("-999,999", D("-999.999"), D(-999999)),
    ],
)
def test_an_ambiguous_comma_is_read_only_when_told_how(
    text: str, decimal: Decimal, thousands: Decimal
) -> None:
    with pytest.raises(ParseError, match="ambiguous") as info:
        parse_number(text)
    assert info.value.position == text.index(",")
    assert parse_number(text, comma="decimal") == decimal
    assert parse_number(text, comma="thousands") == thousands


@pytest.mark.parametrize(
    ("text", "comma", "message"),
    [
        ("1,052,300", "decimal", "',' inside the decimals"),
        ("1,052.5", "decimal", "'.' inside the decimals"),
        ("1.052,5", "thousands", "',' inside the decimals"),
        ("146,9", "thousands", "',' must be followed by a group of 3 digits"),
        ("1.000.000", "thousands", "'.' inside the decimals"),
    ],
)
def test_comma_modes_are_strict_about_the_other_style(text: str, comma: str, message: str) -> None:
    with pytest.raises(ParseError, match=message):
        parse_number(text, comma=comma)  # type: ignore[arg-type]


def test_comma_mode_must_be_known() -> None:
    with pytest.raises(ParseError, match="comma must be one of"):
        parse_number("1", comma="english")  # type: ignore[arg-type]


def test_parse_number_gives_canonical_decimals() -> None:
    assert str(parse_number("83,80")) == "83.8"
    assert str(parse_number("146,9 tỷ")) == "146900000000"
    assert str(parse_number("1.000")) == "1000"


@pytest.mark.parametrize(
    ("text", "position", "message"),
    [
        ("", 0, "expected a number, found the end"),
        ("   ", 3, "expected a number, found the end"),
        ("-", 1, "expected a number"),
        ("12x", 2, "unexpected 'x'"),
        ("1.5", 1, "'.' must be followed by a group of 3 digits"),
        ("1..000", 1, "'.' must be followed by a group of 3 digits"),
        ("1234.567", 4, "'.' must follow 1 to 3 digits"),
        ("1.000.00", 5, "'.' must be followed by a group of 3 digits"),
        ("1,2,3", 1, "',' must be followed by a group of 3 digits"),
        ("1.052,300.5", 9, "'.' inside the decimals"),
        ("1.234,5,6", 7, "',' inside the decimals"),
        ("1,234.5.6", 7, "'.' inside the decimals"),
        ("5.", 1, "unexpected '.'"),
        (",5", 0, "unexpected ','"),
        ("01.234", 0, "thousands separators cannot start with 0"),
        ("1 2", 2, "after '' a number without a scale word must have 3 digits"),
        ("7 nghìn 4", 8, "must have 3 digits"),
        ("1 nghìn 1 nghìn", 8, "'1' is not less than 1 nghìn"),
        ("1 nghìn 1000", 8, "must have 3 digits"),
        ("1 triệu 1000 nghìn", 8, "'1000' is not less than 1 triệu"),
        ("5 tỷ nghìn", 5, "'nghìn' cannot follow 'tỷ'"),
        ("5 nghìn nghìn", 8, "'nghìn' cannot follow 'nghìn'"),
        ("1 tỷ 2,5 triệu", 5, "only a single figure can have decimals"),
        ("1,5 tỷ 087 triệu", 1, "followed by smaller units must be whole"),
        ("5 %", 2, "unexpected '%'"),
        ("5 đồng", 2, "unexpected 'đồng'"),
        ("hơn 5", 0, "expected a number, found 'hơn'"),
        ("５", 0, "unexpected '５'"),  # full-width digit
        ("1" * 501, 500, "longer than 500"),
    ],
)
def test_parse_number_errors(text: str, position: int, message: str) -> None:
    with pytest.raises(ParseError, match=message) as info:
        parse_number(text)
    assert info.value.position == position
    assert info.value.text == text
    assert f"position {position}" in str(info.value) or "longer" in message


def test_parse_number_too_large() -> None:
    with pytest.raises(ParseError, match="too large"):
        parse_number("1" + " tỷ" * 12)


def test_parse_wants_text() -> None:
    for parse in (parse_number, parse_percent, parse_dong, parse_count):
        with pytest.raises(ParseError, match="expected text"):
            parse(5)  # type: ignore[arg-type]


def test_parse_error_is_a_thads_error() -> None:
    with pytest.raises(ThadsError):
        parse_number("x")
    with pytest.raises(ValueError, match="expected a number"):
        parse_number("x")


def test_positions_refer_to_the_callers_text_when_decomposed() -> None:
    text = unicodedata.normalize("NFD", "146,9 tỷ đồng ồ")
    assert len(text) > len(unicodedata.normalize("NFC", text))
    with pytest.raises(ParseError) as info:
        parse_dong(text)
    assert info.value.position is not None
    assert unicodedata.normalize("NFC", text[info.value.position :]) == "ồ"
    assert parse_dong(text.rsplit(" ", 1)[0]) == 146_900_000_000


# --------------------------------------------------------------------------- percents


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("83,86%", D("83.86")),
        ("80,9%", D("80.9")),
        ("43%", D(43)),
        ("50,75 %", D("50.75")),
        ("5,60%", D("5.6")),
        ("-1,41%", D("-1.41")),
        ("63,75 phần trăm", D("63.75")),
        ("63,75 Phan Tram", D("63.75")),
        ("12,345%", D("12.345")),  # as format_percent writes 3 decimals: no thousands
        ("03%", D(3)),  # DOMAIN.md §6a: "03%" is 3%
        ("1,052,300%", D(1052300)),  # several commas: thousands
    ],
)
def test_parse_percent(text: str, value: Decimal) -> None:
    assert parse_percent(text) == value


@pytest.mark.parametrize(
    ("text", "position", "message"),
    [
        ("83,86", 5, "expected '%'"),
        ("83,86 phần", 6, "expected '%'"),
        ("83,86%%", 6, "unexpected '%'"),
        ("%", 0, "expected a number"),
        ("83.86%", 2, "'.' must be followed by a group of 3 digits"),
    ],
)
def test_parse_percent_errors(text: str, position: int, message: str) -> None:
    with pytest.raises(ParseError, match=message) as info:
        parse_percent(text)
    assert info.value.position == position


# --------------------------------------------------------------------------- money


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("146,9 tỷ đồng", 146_900_000_000),  # the example
        ("1.719.000.000 đồng", 1_719_000_000),
        ("1.719 tỷ đồng", 1_719_000_000_000),
        ("284 nghìn tỷ đồng", 284_000_000_000_000),
        ("284 ngàn tỷ đồng", 284_000_000_000_000),
        ("36.576 tỷ 087 triệu 535 nghìn đồng", 36_576_087_535_000),
        ("36.576 tỷ 87 triệu 535 nghìn đồng", 36_576_087_535_000),
        ("36.576 tỷ 087 triệu 535 nghìn 120 đồng", 36_576_087_535_120),
        ("1 triệu 005 đồng", 1_000_005),
        ("1.719.000.000 ₫", 1_719_000_000),
        ("1.719.000.000\u00a0₫", 1_719_000_000),
        ("1.719.000.000₫", 1_719_000_000),
        ("1.719.000.000đ", 1_719_000_000),
        ("1.719.000.000 VND", 1_719_000_000),
        ("1.719.000.000 VNĐ", 1_719_000_000),
        ("1.719.000.000 vnd", 1_719_000_000),
        ("146,9 ty dong", 146_900_000_000),
        ("146,9 tỉ đồng", 146_900_000_000),
        ("146,9 TỶ ĐỒNG", 146_900_000_000),
        ("1,5 trieu", 1_500_000),
        ("500 nghin dong", 500_000),
        ("1719000000", 1_719_000_000),
        ("-5.000 đồng", -5_000),
        ("0 đồng", 0),
        # the mis-typed comma thousands, where unambiguous
        ("1,052,300 đồng", 1_052_300),
        ("1,052 tỷ 087 triệu đồng", 1_052_087_000_000),
        ("1,052 đồng", 1_052),  # 1,052 đồng is not whole, so the comma is thousands
        ("1,052.5 tỷ đồng", 1_052_500_000_000),
        # a compound scale (DOMAIN.md §6a): the last scale word applies to all before it
        ("89 nghìn 500 tỷ đồng", 89_500 * 10**9),
        ("1 nghìn 5 trăm tỷ đồng", 1_500 * 10**9),
        ("2 triệu 300 nghìn tỷ đồng", 2_300_000 * 10**9),
        ("89 nghìn 500 tỷ 200 triệu đồng", 89_500_200_000_000),
        ("2 nghìn tỷ 1 trăm 050 tỷ đồng", 2_150 * 10**9),  # only the parts below tỷ
    ],
)
def test_parse_dong(text: str, amount: int) -> None:
    assert parse_dong(text) == amount


@pytest.mark.parametrize(
    ("text", "position", "message"),
    [
        ("1,052 tỷ", 1, "ambiguous"),  # DOMAIN.md §6: 1.052.000.000 or 1.052.000.000.000?
        ("1,052 nghìn đồng", 1, "ambiguous"),  # both readings are whole
        ("0,5 đồng", 0, "not a whole number"),
        ("1,0525 nghìn đồng", 0, "not a whole number"),
        ("1.719.000.000 đồng đồng", 19, "unexpected 'đồng'"),
        ("1.719.000.000 USD", 14, "unexpected 'USD'"),
        ("đồng", 0, "expected a number, found 'đồng'"),
        ("₫ 1.000", 0, "expected a number, found '₫'"),
        ("hơn 146,9 tỷ đồng", 0, "expected a number, found 'hơn'"),
        ("146,9 tỷ đồng.", 13, "unexpected '.'"),
        ("146,9tỷđồng", 5, "unexpected 'tỷđồng'"),
        ("89 nghìn 5 tỷ đồng", 9, "must have 3 digits"),  # 89.005 tỷ is "89 nghìn 005 tỷ"
        ("3 nghìn tỷ 89 nghìn 500 tỷ", 20, "not less than 1 nghìn tỷ"),
        ("5 tỷ 2 nghìn tỷ", 5, "not less than 1 tỷ"),
        ("1 nghìn 2,5 tỷ đồng", 8, "only a single figure can have decimals"),
    ],
)
def test_parse_dong_errors(text: str, position: int, message: str) -> None:
    with pytest.raises(ParseError, match=message) as info:
        parse_dong(text)
    assert info.value.position == position


# --------------------------------------------------------------------------- counts


@pytest.mark.parametrize(
    ("text", "unit", "count"),
    [
        ("5.409 việc", "việc", 5409),
        ("576.933 VIỆC", "việc", 576933),
        ("5.409", "việc", 5409),
        ("7 nghìn 4 trăm việc", "việc", 7400),
        ("410 nghìn việc", "việc", 410_000),
        ("1 nghìn 050 việc", "việc", 1050),
        ("12.004 người phải thi hành án", "người phải thi hành án", 12004),
        ("12.004", "", 12004),
        # DOMAIN.md §6a: "vụ việc", "vụ" and "việc" are one unit
        ("5.409 vụ việc", "việc", 5409),
        ("5 vụ", "việc", 5),
        ("05 vụ", "việc", 5),  # "phấn đấu xong 05 vụ" (seed 004_a6f7d27ca815f3d4.txt)
        ("04 văn bản", "văn bản", 4),  # seed 000_bb7d672c5fb93504.txt
    ],
)
def test_parse_count(text: str, unit: str, count: int) -> None:
    assert parse_count(text, unit) == count


@pytest.mark.parametrize(
    ("text", "position", "message"),
    [
        ("-5 việc", 0, "sign '-' is not allowed"),
        ("5,5 việc", 0, "not a whole number"),
        ("5 người", 2, "unexpected 'người'"),
        ("5 việc vụ", 7, "unexpected 'vụ'"),
        ("5 việc việc", 7, "unexpected 'việc'"),
    ],
)
def test_parse_count_errors(text: str, position: int, message: str) -> None:
    with pytest.raises(ParseError, match=message) as info:
        parse_count(text)
    assert info.value.position == position


def test_parse_dong_comma_modes() -> None:
    assert parse_dong("1,052 tỷ", comma="thousands") == 1_052_000_000_000
    assert parse_dong("1,052 tỷ", comma="decimal") == 1_052_000_000
    assert parse_dong("1,052.5 tỷ VND", comma="thousands") == 1_052_500_000_000
    with pytest.raises(ParseError, match="not a whole number"):
        parse_dong("1,052 đồng", comma="decimal")
    assert parse_count("1,052 việc") == 1052
    assert parse_percent("1,052%", comma="decimal") == D("1.052")


def test_parse_count_bad_unit() -> None:
    with pytest.raises(ParseError, match="unit"):
        parse_count("5", None)  # type: ignore[arg-type]


@given(st.integers(min_value=1, max_value=999), st.integers(min_value=0, max_value=999))
def test_a_compound_scale_applies_its_last_word_to_the_figure_before_it(
    thousands: int, rest: int
) -> None:
    # "89 nghìn 500 tỷ đồng" (DOMAIN.md §6a) is 89.500 tỷ, whatever the digits.
    text = f"{thousands} nghìn {rest:03d} tỷ đồng"
    assert parse_dong(text) == (thousands * 1000 + rest) * 10**9
