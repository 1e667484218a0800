"""Printed figures as intervals: comparatives, parts over wholes, words and dots (DOMAIN §6a)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thads_metrics.errors import ParseError
from thads_metrics.reading.figures import find_figures, parse_figure, parse_ratio
from thads_metrics.vi import amount_in_words, format_dong


def test_comparatives_are_plain_differences() -> None:
    """tcthads.moj.gov.vn (4 months of 2018): "cao hơn 3,14% về việc nhưng thấp hơn 4,46% về
    tiền so với cùng kỳ năm 2017": a difference of ±X, rounded, not the hedge "hơn"."""
    higher, lower = parse_figure("cao hơn 3,14%"), parse_figure("thấp hơn 4,46%")
    assert (higher.direction, higher.qualifier, str(higher)) == (1, "", "[3,135; 3,145) %")
    assert (lower.direction, lower.qualifier, str(lower)) == (-1, "", "[4,455; 4,465) %")
    hedged = parse_figure("cao hơn gần 2%")  # a comparative may still be hedged
    assert (hedged.direction, hedged.qualifier) == (1, "under")
    about = parse_figure("trên dưới 80%")  # "about 80", not "below 80"
    assert (about.qualifier, about.contains(82), about.contains(78)) == ("about", True, True)


def test_a_scale_word_on_the_whole_applies_to_the_part() -> None:
    """Seed 004 writes "1.719 tỷ/6.112 tỷ"; "1.719/6.112 tỷ đồng" says the same."""
    part, whole = parse_ratio("1.719/6.112 tỷ đồng")
    assert (str(part), str(whole)) == ("[1.718,5; 1.719,5) tỷ đồng", "[6.111,5; 6.112,5) tỷ đồng")
    part, whole = parse_ratio("146,9/600 tỷ đồng")
    assert str(part) == "[146,85; 146,95) tỷ đồng"
    part, whole = parse_ratio("5.409 / 12.345 việc")
    assert (part.printed, whole.printed) == (5409, 12345)
    found = find_figures("có điều kiện 5.409 việc trên 12.345 việc")
    assert [(f.text, f.qualifier) for _, _, f in found] == [
        ("5.409 việc", ""),
        ("12.345 việc", ""),  # "trên" is "out of" here, no hedge
    ]
    assert [f.qualifier for _, _, f in find_figures("đạt 80% trên 75%")] == ["", "over"]


def test_a_dot_before_one_or_two_digits_and_a_percent_is_a_decimal_point() -> None:
    """thads.quangngai.gov.vn (2020): "thụ lý mới 5.621 việc (tăng  5.6% so với năm 2019); đã
    thi hành xong 5.024 việc (tăng 46 việc, 0.9% so với cùng kỳ năm 2019)"."""
    text = (
        "thụ lý mới 5.621 việc (tăng  5.6% so với năm 2019); đã thi hành xong 5.024 việc "
        "(tăng 46 việc, 0.9% so với cùng kỳ năm 2019)"
    )
    percents = [(f.text, f.printed) for _, _, f in find_figures(text) if f.kind == "percent"]
    assert percents == [("tăng  5.6%", Decimal("5.6")), ("0.9%", Decimal("0.9"))]
    assert parse_figure("0.95%").printed == Decimal("0.95")
    with pytest.raises(ParseError) as info:
        parse_figure("0.9 việc")  # no percent: the dot stays a thousands separator, wrongly placed
    assert info.value.code == "parse.separator"


def test_a_long_run_of_digits_after_the_first_term_is_no_figure() -> None:
    assert find_figures("1 tỷ " + "9" * 5000 + " triệu đồng") == []
    with pytest.raises(ParseError) as info:
        parse_figure("1 tỷ " + "9" * 500 + " triệu đồng")
    assert info.value.code == "parse.too_large"


@pytest.mark.parametrize(
    ("words", "figures"),
    [
        ("năm trăm việc", "5 trăm việc"),
        ("hai nghìn việc", "2 nghìn việc"),
        ("bảy nghìn bốn trăm việc", "7 nghìn 4 trăm việc"),
        ("năm trăm linh năm việc", "505 việc"),
        ("Hai triệu năm trăm nghìn đồng", "2 triệu 500 nghìn đồng"),
        ("Một triệu không trăm linh năm nghìn đồng", "1 triệu 005 nghìn đồng"),
        ("bốn việc", "4 việc"),
        ("mười việc", "10 việc"),
        ("hai mươi việc", "20 việc"),
        ("mười lăm việc", "15 việc"),
        ("hai mươi nghìn việc", "20 nghìn việc"),
        ("ba trăm hai mươi việc", "320 việc"),
    ],
)
def test_words_and_figures_read_alike(words: str, figures: str) -> None:
    """The same number in words and in figures stands for the same interval."""
    assert str(parse_figure(words)) == str(parse_figure(figures))


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 10**15))
def test_an_amount_in_words_is_read_to_its_last_spoken_digit(value: int) -> None:
    """Invoice words: rounded at the unit of the last spoken (non-zero) digit, like "5 trăm",
    the tens of a group being part of its number ("hai mươi" like "20"); exact in the mixed
    style, two groups or more ("Hai triệu năm trăm nghìn đồng"), like
    "2 triệu 500 nghìn đồng"."""
    spoken = parse_figure(amount_in_words(value))
    groups = [group for group in f"{value:,}".split(",") if int(group)]
    zeros = len(str(value)) - len(str(value).rstrip("0"))
    unit = 10 ** (zeros - (zeros % 3 == 1))
    if len(groups) > 1 or unit == 1:
        assert spoken.exact
        assert spoken.printed == value
    else:
        assert (spoken.low, spoken.high) == (value - Decimal(unit) / 2, value + Decimal(unit) / 2)
        assert (spoken.low_closed, spoken.high_closed) == (True, False)
    if len(groups) > 1 and value < 10**12:
        assert str(spoken) == str(parse_figure(format_dong(value, style="mixed")))


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 999), st.integers(0, 99), st.booleans())
def test_a_dotted_percent_is_read_not_dropped(whole: int, cents: int, two: bool) -> None:
    decimals = f"{cents:02d}" if two else str(cents % 10)
    found = find_figures(f"tăng {whole}.{decimals}% so với cùng kỳ")
    assert [f.printed for _, _, f in found] == [Decimal(f"{whole}.{decimals}")]


@settings(max_examples=100, deadline=None)
@given(st.integers(61, 6000), st.sampled_from(["triệu", "nghìn", "tỷ", "việc", "%"]))
def test_prose_with_long_numbers_never_raises(digits: int, unit: str) -> None:
    assert find_figures(f"1 tỷ {'9' * digits} {unit} đồng") == []
