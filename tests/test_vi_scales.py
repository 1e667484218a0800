"""The one scale table (nghìn, triệu, tỷ) and the split into groups (DOMAIN.md §6)."""

from __future__ import annotations

from typing import get_args

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thads_metrics.errors import ParseError
from thads_metrics.vi import (
    amount_in_words,
    format_count,
    format_dong,
    number_in_words,
    parse_amount_in_words,
    parse_count,
    parse_dong,
    parse_number,
    parse_percent,
)
from thads_metrics.vi import format as vi_format
from thads_metrics.vi import words as vi_words
from thads_metrics.vi._scales import (
    BILLION,
    GROUP_WORDS,
    IN_FIGURES,
    IN_WORDS,
    MILLION,
    SCALED,
    THOUSAND,
    THOUSANDS,
    Groups,
    Thousand,
    split,
)

# --------------------------------------------------------------------------- the split


@pytest.mark.parametrize(
    ("amount", "groups", "mixed"),
    [
        # Published exact amounts (official mixed style) and press figures.
        (36_576_087_535_000, (36_576, 87, 535, 0), "36.576 tỷ 087 triệu 535 nghìn đồng"),
        (146_900_000_000, (146, 900, 0, 0), "146 tỷ 900 triệu đồng"),
        (1_719_000_000, (1, 719, 0, 0), "1 tỷ 719 triệu đồng"),
        (283_960_000_000_000, (283_960, 0, 0, 0), "283.960 tỷ đồng"),
        (10**12, (1000, 0, 0, 0), "1.000 tỷ đồng"),
        (1_005_000, (0, 1, 5, 0), "1 triệu 005 nghìn đồng"),
        (5_409, (0, 0, 5, 409), "5 nghìn 409 đồng"),
        (0, (0, 0, 0, 0), "0 đồng"),
    ],
)
def test_split_published_amounts(amount: int, groups: tuple[int, ...], mixed: str) -> None:
    assert split(amount) == groups
    assert format_dong(amount, "mixed") == mixed
    assert parse_dong(mixed) == amount


def test_split_of_one_nghin_ty() -> None:
    """10**12 is 1000 tỷ: the count of tỷ is itself a number ("một nghìn tỷ")."""
    assert split(10**12) == Groups(billions=1000, millions=0, thousands=0, units=0)
    assert split(split(10**12).billions) == Groups(0, 0, 1, 0)
    assert number_in_words(10**12) == "một nghìn tỷ"
    assert amount_in_words(10**12) == "Một nghìn tỷ đồng"
    assert format_dong(10**12, "scaled") == "1.000 tỷ đồng"
    assert format_count(10**12, spoken=True) == "1.000 tỷ việc"


def test_scaled_groups_carry_the_thousand_word() -> None:
    assert split(7_400).scaled() == ((0, "triệu"), (7, "nghìn"))
    assert split(1_005_000).scaled("ngàn") == ((1, "triệu"), (5, "ngàn"))
    assert format_count(410_000, spoken=True, thousand="ngàn") == "410 ngàn việc"
    assert format_count(7_400, spoken=True) == "7 nghìn 4 trăm việc"


@given(st.integers(0, 10**40))
def test_groups_recombine_to_the_number(number: int) -> None:
    groups = split(number)
    assert all(0 <= group < 1000 for group in groups[1:])
    assert groups.billions >= 0
    recombined = ((groups.billions * 1000 + groups.millions) * 1000 + groups.thousands) * 1000
    assert recombined + groups.units == number
    powers = (BILLION.power, MILLION.power, THOUSAND.power, 0)
    assert sum(group * 10**power for group, power in zip(groups, powers, strict=True)) == number


@given(st.integers(0, 10**40))
def test_the_three_writers_agree_with_the_split(number: int) -> None:
    groups = split(number)
    mixed = format_dong(number, "mixed")
    spoken = format_count(number, "", spoken=True)
    words = number_in_words(number)
    for text in (mixed, spoken):
        assert (BILLION.word in text.split()) == (groups.billions > 0)
    assert parse_dong(mixed) == number
    assert parse_count(spoken, "") == number
    assert parse_amount_in_words(words) == number


# --------------------------------------------------------------------------- the table


def test_one_table_feeds_every_lookup() -> None:
    # The writers' option types and tables come from the one table.
    assert get_args(Thousand) == THOUSANDS == ("nghìn", "ngàn")
    assert get_args(vi_format.Scale) == tuple(SCALED)
    assert dict(SCALED) == {"nghìn": 3, "triệu": 6, "tỷ": 9, "nghìn tỷ": 12, "triệu tỷ": 15}
    assert all(scale in SCALED for _, scale in vi_format._AUTO_SCALES)
    # The figure parsers read every spelling, diacritics or not; words need diacritics.
    for scale in GROUP_WORDS:
        for spelling in (scale.word, *scale.variants):
            assert IN_FIGURES[spelling] == 10**scale.power
            assert IN_WORDS[spelling] == scale.power
        for spelling in scale.plain:
            assert IN_FIGURES[spelling] == 10**scale.power
            assert spelling not in IN_WORDS
    assert IN_FIGURES["trăm"] == IN_FIGURES["tram"] == 100
    assert "trăm" not in IN_WORDS  # a hundred is part of a group in words, not a group
    assert sorted(vi_words._BILLION_WORDS) == ["tỉ", "tỷ"]
    assert dict(vi_words._SCALE_WORDS) == {"nghìn": 3, "ngàn": 3, "triệu": 6}


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("146,9 tỷ đồng", 146_900_000_000),
        ("146,9 tỉ đồng", 146_900_000_000),
        ("146,9 ty dong", 146_900_000_000),
        ("284 nghìn tỷ đồng", 284 * 10**12),
        ("284 ngàn tỷ đồng", 284 * 10**12),
        ("284 nghin ty", 284 * 10**12),
        ("1 triệu tỷ đồng", 10**15),
        ("5 trieu", 5 * 10**6),
    ],
)
def test_parsers_read_every_spelling_of_the_table(text: str, value: int) -> None:
    assert parse_dong(text) == value


def test_words_reader_takes_the_table_spellings() -> None:
    assert parse_amount_in_words("một nghìn tỷ") == parse_amount_in_words("một ngàn tỉ") == 10**12
    with pytest.raises(ParseError, match="'ty' is not a number word") as info:
        parse_amount_in_words("một ty")
    assert info.value.code == "parse.word"


# --------------------------------------------------------------------------- error codes

PARSERS = [parse_number, parse_percent, parse_dong, parse_count, parse_amount_in_words]
PIECES = [
    "0", "1", "5", "05", "052", "1.000", ".", ",", " ", "-", "%", "₫", "tỷ", "ty", "nghìn",
    "ngàn", "triệu", "trăm", "đồng", "phần trăm", "việc", "một", "mốt", "mươi", "mười",
    "lăm", "tư", "linh", "không", "chẵn", "./.", "x",
]  # fmt: skip


def _error(parse: object, text: object) -> ParseError | None:
    try:
        parse(text)  # type: ignore[operator]
    except ParseError as error:
        return error
    return None


def _check_code(parse: object, error: ParseError | None) -> None:
    if error is not None:
        assert error.code.startswith("parse.")
        assert error.code != "parse."
        assert error.details["function"] == getattr(parse, "__name__", None)
        assert error.details["argument"] == "text"


@pytest.mark.parametrize("parse", PARSERS, ids=lambda f: f.__name__)
@given(text=st.text(max_size=40))
def test_every_parse_error_on_random_text_has_a_code(parse: object, text: str) -> None:
    _check_code(parse, _error(parse, text))


@pytest.mark.parametrize("parse", PARSERS, ids=lambda f: f.__name__)
@given(pieces=st.lists(st.sampled_from(PIECES), max_size=10))
def test_every_parse_error_on_near_miss_text_has_a_code(parse: object, pieces: list[str]) -> None:
    _check_code(parse, _error(parse, " ".join(pieces)))


@pytest.mark.parametrize(
    ("parse", "text", "code"),
    [
        (parse_number, "12x", "parse.unexpected"),
        (parse_number, "", "parse.empty"),
        (parse_number, "x", "parse.expected"),
        (parse_number, "1,052", "parse.ambiguous"),
        (parse_number, "1.5", "parse.separator"),
        (parse_number, "05.000", "parse.zero"),
        (parse_number, "5 triệu nghìn", "parse.order"),
        (parse_number, "7 nghìn 4", "parse.group"),
        (parse_number, "1,5 tỷ 087 triệu", "parse.decimals"),
        (parse_number, "1" * 101, "parse.too_large"),
        (parse_number, "1" * 501, "parse.too_long"),
        (parse_dong, "0,5 đồng", "parse.not_whole"),
        (parse_count, "-5 việc", "parse.sign"),
        (parse_percent, "5", "parse.expected"),
        (parse_amount_in_words, "", "parse.empty"),
        (parse_amount_in_words, "hai mươi một", "parse.reading"),
        (parse_amount_in_words, "một triệu triệu", "parse.order"),
        (parse_amount_in_words, "tỷ đồng", "parse.missing"),
        (parse_amount_in_words, "một đô", "parse.word"),
        (parse_amount_in_words, "một đồng hai", "parse.unexpected"),
        (parse_amount_in_words, "một" + " tỷ" * 12, "parse.too_large"),
    ],
)
def test_parse_error_codes(parse: object, text: str, code: str) -> None:
    error = _error(parse, text)
    assert error is not None
    assert error.code == code
    assert error.details["text"] == text
    assert error.details["position"] == error.position
    assert error.details["argument"] == "text"


@pytest.mark.parametrize("parse", PARSERS, ids=lambda f: f.__name__)
def test_non_text_has_the_type_code(parse: object) -> None:
    error = _error(parse, 10**5000)  # no str() of it: Python refuses over 4300 digits
    assert error is not None
    assert error.code == "parse.type"
    assert error.details["argument"] == "text"
    assert "<int of 5001 digits>" in str(error)


def test_option_errors_have_codes() -> None:
    error = _error(lambda text: parse_number(text, comma="comma"), "1")  # type: ignore[arg-type]
    assert error is not None
    assert error.code == "parse.choice"
    assert error.details["argument"] == "comma"
    error = _error(lambda text: parse_count(text, unit=5), "1")  # type: ignore[arg-type]
    assert error is not None
    assert error.code == "parse.type"
    assert error.details["argument"] == "unit"
