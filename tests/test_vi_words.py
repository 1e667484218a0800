"""Amounts in words (số tiền bằng chữ): the reading rules of invoices (DESIGN.md)."""

from __future__ import annotations

import unicodedata
from decimal import Decimal

import pytest

from thads_metrics.errors import ParseError
from thads_metrics.vi import (
    FormatError,
    amount_in_words,
    number_in_words,
    parse_amount_in_words,
)


@pytest.mark.parametrize(
    ("number", "words"),
    [
        (0, "không"),
        (1, "một"),
        (4, "bốn"),
        (5, "năm"),
        (10, "mười"),
        (11, "mười một"),  # "một" after mười, "mốt" only after mươi
        (14, "mười bốn"),  # "tư" only after mươi
        (15, "mười lăm"),
        (20, "hai mươi"),
        (21, "hai mươi mốt"),
        (24, "hai mươi tư"),
        (25, "hai mươi lăm"),
        (55, "năm mươi lăm"),
        (91, "chín mươi mốt"),
        (100, "một trăm"),
        (101, "một trăm linh một"),
        (104, "một trăm linh bốn"),
        (105, "một trăm linh năm"),  # "năm" after linh, not "lăm"
        (110, "một trăm mười"),
        (111, "một trăm mười một"),
        (115, "một trăm mười lăm"),
        (121, "một trăm hai mươi mốt"),
        (1000, "một nghìn"),
        (1001, "một nghìn không trăm linh một"),
        (1010, "một nghìn không trăm mười"),
        (1024, "một nghìn không trăm hai mươi tư"),
        (1100, "một nghìn một trăm"),
        (1_000_005, "một triệu không trăm linh năm"),
        (1_005_000, "một triệu không trăm linh năm nghìn"),  # DESIGN.md
        (1_000_000_000, "một tỷ"),
        (2_000_000_050, "hai tỷ không trăm năm mươi"),
        (10**12, "một nghìn tỷ"),  # DESIGN.md
        (10**12 + 5000, "một nghìn tỷ không trăm linh năm nghìn"),
        (1_005 * 10**9, "một nghìn không trăm linh năm tỷ"),
        (10**15, "một triệu tỷ"),
        (10**18, "một tỷ tỷ"),
        (10**18 + 5 * 10**9, "một tỷ không trăm linh năm tỷ"),
    ],
)
def test_number_in_words(number: int, words: str) -> None:
    assert number_in_words(number) == words
    assert parse_amount_in_words(words) == number


@pytest.mark.parametrize(
    ("amount", "options", "words"),
    [
        (146_900_000_000, {}, "Một trăm bốn mươi sáu tỷ chín trăm triệu đồng"),
        (1_005_000, {}, "Một triệu không trăm linh năm nghìn đồng"),
        (10**12, {}, "Một nghìn tỷ đồng"),
        (0, {}, "Không đồng"),
        (1_719_000_000, {}, "Một tỷ bảy trăm mười chín triệu đồng"),
        (
            36_576_087_535_000,
            {},
            "Ba mươi sáu nghìn năm trăm bảy mươi sáu tỷ không trăm tám mươi bảy triệu "
            "năm trăm ba mươi lăm nghìn đồng",
        ),
        (24_000, {"four": "bốn"}, "Hai mươi bốn nghìn đồng"),
        (105_000, {"odd": "lẻ"}, "Một trăm lẻ năm nghìn đồng"),
        (105_000, {"thousand": "ngàn"}, "Một trăm linh năm ngàn đồng"),
        (
            2_024_504,
            {"four": "bốn", "odd": "lẻ", "thousand": "ngàn"},
            "Hai triệu không trăm hai mươi bốn ngàn năm trăm lẻ bốn đồng",
        ),
        (
            3 * 10**15 + 21,
            {},
            "Ba triệu tỷ không trăm hai mươi mốt đồng",
        ),
    ],
)
def test_amount_in_words(amount: int, options: dict[str, str], words: str) -> None:
    assert amount_in_words(amount, **options) == words  # type: ignore[arg-type]
    assert parse_amount_in_words(words) == amount


@pytest.mark.parametrize("bad", [-1, 1.0, Decimal(1), True, None, "5", 10**100])
def test_words_reject_bad_amounts(bad: object) -> None:
    with pytest.raises(FormatError):
        amount_in_words(bad)  # type: ignore[arg-type]


def test_words_bad_options() -> None:
    with pytest.raises(FormatError, match="four"):
        number_in_words(24, four="4")  # type: ignore[arg-type]
    with pytest.raises(FormatError, match="odd"):
        number_in_words(105, odd="lẽ")  # type: ignore[arg-type]
    with pytest.raises(FormatError, match="thousand"):
        number_in_words(1000, thousand="ngan")  # type: ignore[arg-type]


# --------------------------------------------------------------------------- reading back


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("MỘT TRIỆU ĐỒNG", 1_000_000),
        ("một triệu đồng chẵn", 1_000_000),
        ("Một triệu đồng./.", 1_000_000),
        ("Một triệu đồng.", 1_000_000),
        ("  một   triệu  ", 1_000_000),
        ("một tỉ", 10**9),
        ("hai mươi bốn ngàn", 24_000),
        ("không", 0),
        ("Không đồng", 0),
        (unicodedata.normalize("NFD", "Một trăm linh năm nghìn đồng"), 105_000),
    ],
)
def test_parse_amount_in_words_variants(text: str, number: int) -> None:
    assert parse_amount_in_words(text) == number


@pytest.mark.parametrize(
    ("text", "position", "message"),
    [
        ("hai mươi một", 0, "did you mean 'hai mươi mốt'"),
        ("mười năm", 0, "did you mean 'mười lăm'"),
        ("một trăm linh lăm", 0, "did you mean 'một trăm linh năm'"),
        ("hai mươi năm", 0, "did you mean 'hai mươi lăm'"),
        ("một mươi", 0, "did you mean 'mười'"),
        ("linh năm", 0, "not a correct reading"),
        ("một triệu năm nghìn", 10, "inside a number 'năm' reads 'không trăm linh năm'"),
        ("không trăm linh năm", 0, "does not start with 'không trăm'"),
        ("một triệu triệu", 10, "'triệu' cannot come after 'triệu'"),
        ("một nghìn triệu", 10, "'triệu' cannot come after 'nghìn'"),
        ("tỷ đồng", 0, "missing number before 'tỷ'"),
        ("một triệu nghìn", 10, "missing number before 'nghìn'"),
        ("một 2 ba", 4, "'2' is not a number word"),
        ("một triệu đô", 10, "'đô' is not a number word"),
        ("một chẵn", 4, "'chẵn' must follow 'đồng'"),
        ("đồng", 0, "expected a number in words"),
        ("", 0, "expected a number in words"),
        ("một đồng hai", 9, "unexpected 'hai' after 'đồng'"),
        ("một đồng chẵn chẵn", 14, "'chẵn' must follow 'đồng'"),
        ("hai mươi mốt tư", 0, "not a correct reading"),
    ],
)
def test_parse_amount_in_words_errors(text: str, position: int, message: str) -> None:
    with pytest.raises(ParseError, match=message) as info:
        parse_amount_in_words(text)
    assert info.value.position == position
    assert info.value.text == text


def test_parse_amount_in_words_position_maps_to_decomposed_input() -> None:
    text = unicodedata.normalize("NFD", "Một triệu đồng xyz")
    with pytest.raises(ParseError) as info:
        parse_amount_in_words(text)
    assert info.value.position is not None
    assert text[info.value.position :] == "xyz"


def test_parse_amount_in_words_wants_text() -> None:
    with pytest.raises(ParseError, match="expected text"):
        parse_amount_in_words(5)  # type: ignore[arg-type]
    with pytest.raises(ParseError, match="longer than"):
        parse_amount_in_words("một " * 2000)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Một trăm linh tư đồng", 104),
        ("Một trăm lẻ tư đồng", 104),
        ("Mười tư đồng", 14),
        ("Hai nghìn không trăm mười tư đồng", 2014),
        ("Một triệu không trăm linh tư nghìn đồng", 1_004_000),
    ],
)
def test_northern_readings_of_four_are_read(text: str, value: int) -> None:
    assert parse_amount_in_words(text) == value
    assert "tư" not in amount_in_words(value).replace("mươi tư", "")  # written as "bốn"


# --------------------------------------------------------------------------- limits (bug B1)


def test_a_thousand_ty_is_a_parse_error_not_a_recursion_error() -> None:
    """Bug B1: 'một' and 1000 × ' tỷ' (under the 5000-character limit) overflowed the stack."""
    text = "một" + " tỷ" * 1000
    assert len(text) == 3003
    with pytest.raises(ParseError, match="too large") as info:
        parse_amount_in_words(text)
    assert info.value.code == "parse.too_large"
    assert info.value.text == text
    assert info.value.position == 0


def test_the_longest_text_of_ty_is_a_parse_error() -> None:
    text = "một" + " tỷ" * ((5000 - 3) // 3)
    assert len(text) <= 5000
    with pytest.raises(ParseError) as info:
        parse_amount_in_words(text)
    assert info.value.code == "parse.too_large"


def test_repeated_ty_are_read_as_the_count_of_ty() -> None:
    assert parse_amount_in_words("một" + " tỷ" * 11) == 10**99
    assert number_in_words(10**99) == "một" + " tỷ" * 11
    # an error in a part after many tỷ is still the first one found, left to right
    with pytest.raises(ParseError, match="không trăm linh hai") as info:
        parse_amount_in_words("một" + " tỷ" * 20 + " hai")
    assert info.value.code == "parse.reading"


@pytest.mark.parametrize("power", [100, 4000, 5000])
def test_words_of_huge_numbers_raise_format_error(power: int) -> None:
    number = 10**power  # 10**5000 has no str() (Python's 4300-digit limit)
    for write, argument in ((number_in_words, "number"), (amount_in_words, "amount")):
        with pytest.raises(FormatError, match="10\\*\\*100") as info:
            write(number)
        assert info.value.code == "format.range"
        assert info.value.details["argument"] == argument


def test_largest_number_in_words_round_trips() -> None:
    number = 10**100 - 1
    assert parse_amount_in_words(number_in_words(number)) == number
    assert number_in_words(number).split().count("tỷ") == 11  # 100 digits: 11 levels of tỷ
