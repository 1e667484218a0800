"""Properties of Vietnamese formatting and parsing (thads_metrics.vi)."""

from __future__ import annotations

import contextlib
import math
from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction

import pytest
from babel.numbers import format_decimal
from babel.numbers import format_percent as babel_percent
from hypothesis import assume, given
from hypothesis import strategies as st

from thads_metrics.errors import ParseError
from thads_metrics.vi import (
    amount_in_words,
    approximate,
    format_count,
    format_dong,
    format_number,
    format_percent,
    number_in_words,
    parse_amount_in_words,
    parse_count,
    parse_dong,
    parse_number,
    parse_percent,
)

# Decimals babel can format under its default 28-digit context (< 10**24, <= 28 digits).
decimals = st.builds(
    lambda coefficient, places: Decimal(coefficient).scaleb(-places),
    st.integers(-(10**20), 10**20),
    st.integers(0, 8),
)
exact = st.one_of(
    st.integers(-(10**30), 10**30),
    decimals,
    st.fractions(min_value=-(10**12), max_value=10**12, max_denominator=10**6),
)
amounts = st.one_of(
    st.integers(0, 10**4),
    st.integers(0, 10**15),
    st.integers(0, 10**30),
    st.builds(lambda k, p: k * 10**p, st.integers(1, 999), st.integers(0, 24)),
)
options = st.fixed_dictionaries(
    {
        "four": st.sampled_from(["tư", "bốn"]),
        "odd": st.sampled_from(["linh", "lẻ"]),
        "thousand": st.sampled_from(["nghìn", "ngàn"]),
    }
)


def half_up(value: Fraction, places: int) -> Fraction:
    """Round half away from zero, computed independently of the library."""
    scaled = abs(value) * 10**places
    rounded = math.floor(scaled + Fraction(1, 2))
    return Fraction(rounded if value >= 0 else -rounded, 10**places)


# --------------------------------------------------------------------------- numbers


@given(exact, st.integers(0, 6), st.booleans())
def test_parse_number_inverts_format_number(
    value: int | Decimal | Fraction, places: int, fixed: bool
) -> None:
    text = format_number(value, places, fixed=fixed)
    assert Fraction(parse_number(text, comma="decimal")) == half_up(Fraction(value), places)


@given(st.one_of(st.integers(-(10**24), 10**24), decimals))
def test_plain_output_equals_babel_rounding_half_up(value: int | Decimal) -> None:
    ours = format_number(value)
    with localcontext() as ctx:
        ctx.rounding = ROUND_HALF_UP
        theirs = format_decimal(value, locale="vi")
    assert ours == theirs or (ours, theirs) == ("0", "-0")


@given(decimals)
def test_babel_default_context_differs_only_on_exact_ties(value: Decimal) -> None:
    ours, theirs = format_number(value), format_decimal(value, locale="vi")
    if ours != theirs and (ours, theirs) != ("0", "-0"):
        assert (Fraction(value) * 1000).denominator == 2  # an exact tie at the 4th decimal


@given(decimals)
def test_percent_equals_babel_percent_pattern(value: Decimal) -> None:
    with localcontext() as ctx:
        ctx.rounding = ROUND_HALF_UP
        theirs = babel_percent(value.scaleb(-2), format="#,##0.##%", locale="vi")
    ours = format_percent(value)
    assert ours == theirs or (ours, theirs) == ("0%", "-0%")


@given(exact, st.integers(0, 4), st.booleans())
def test_parse_percent_inverts_format_percent(
    value: int | Decimal | Fraction, places: int, fixed: bool
) -> None:
    text = format_percent(value, places, fixed=fixed)
    assert Fraction(parse_percent(text, comma="decimal")) == half_up(Fraction(value), places)


# --------------------------------------------------------------------------- counts and money


@given(amounts, st.booleans(), st.sampled_from(["nghìn", "ngàn"]))
def test_parse_count_inverts_format_count(count: int, spoken: bool, thousand: str) -> None:
    text = format_count(count, spoken=spoken, thousand=thousand)  # type: ignore[arg-type]
    assert parse_count(text) == count


@given(
    amounts,
    st.booleans(),
    st.sampled_from(["exact", "mixed", "symbol"]),
    st.sampled_from(["nghìn", "ngàn"]),
)
def test_parse_dong_inverts_exact_styles(
    amount: int, negative: bool, style: str, thousand: str
) -> None:
    value = -amount if negative else amount
    text = format_dong(value, style, thousand=thousand)  # type: ignore[arg-type]
    assert parse_dong(text) == value


@given(amounts)
def test_parse_dong_inverts_scaled_style_written_exactly(amount: int) -> None:
    # The automatic scale never writes the ambiguous "1,052 tỷ": strict parsing reads it.
    assert parse_dong(format_dong(amount, "scaled", decimals=None)) == amount


@given(amounts, st.sampled_from(["nghìn", "triệu", "tỷ", "nghìn tỷ", "triệu tỷ"]))
def test_parse_dong_inverts_scaled_style_with_a_chosen_scale(amount: int, scale: str) -> None:
    text = format_dong(amount, "scaled", decimals=None, scale=scale)  # type: ignore[arg-type]
    assert parse_dong(text, comma="decimal") == amount


POWERS = {"": 0, "nghìn": 3, "triệu": 6, "tỷ": 9, "nghìn tỷ": 12, "triệu tỷ": 15}


@given(amounts, st.integers(0, 4), st.booleans())
def test_scaled_style_is_exact_when_it_can_be_and_close_otherwise(
    amount: int, places: int, fixed: bool
) -> None:
    text = format_dong(amount, "scaled", decimals=places, fixed=fixed)
    read = parse_dong(text, comma="decimal")
    power = POWERS[text.split(" ", 1)[1].removesuffix("đồng").strip()]
    if amount % 10 ** max(0, power - places) == 0:
        assert read == amount
    else:  # off by at most half a unit of the last decimal, of a scale <= the amount
        assert 2 * 10**places * abs(read - amount) <= amount


# --------------------------------------------------------------------------- hedges


def read_hedged(text: str, kind: str) -> tuple[str, Fraction]:
    hedge, _, rest = text.partition(" ")
    if hedge not in ("hơn", "trên", "gần"):
        hedge, rest = "", text
    if kind == "percent":
        return hedge, Fraction(parse_percent(rest, comma="decimal"))
    return hedge, Fraction(parse_dong(rest) if kind == "dong" else parse_count(rest))


@given(
    st.one_of(st.integers(0, 10**6), st.integers(0, 10**20)),
    st.sampled_from(["hơn", "trên", "gần"]),
    st.one_of(
        st.builds(dict, digits=st.integers(1, 6)),
        st.builds(dict, step=st.integers(0, 12).map(lambda power: 10**power)),
        st.just({}),
    ),
    st.sampled_from(["count", "dong"]),
    st.booleans(),
)
def test_approximate_hedges_are_true(
    value: int, hedge: str, cut: dict[str, int], kind: str, spoken: bool
) -> None:
    text = approximate(value, hedge, kind=kind, spoken=spoken, **cut)  # type: ignore[arg-type]
    written, printed = read_hedged(text, kind)
    if written in ("hơn", "trên"):
        assert value > printed
    elif written == "gần":
        assert value < printed
    else:
        assert value == printed
    assert written in (hedge, "")


@given(
    st.one_of(
        st.builds(lambda c, p: Decimal(c).scaleb(-p), st.integers(0, 10**8), st.integers(0, 6)),
        st.fractions(min_value=0, max_value=100, max_denominator=1000),
    ),
    st.sampled_from(["hơn", "trên", "gần"]),
    st.one_of(
        st.builds(dict, digits=st.integers(1, 5)),
        st.builds(dict, step=st.sampled_from([Decimal("0.01"), Decimal("0.1"), 1, 10])),
    ),
)
def test_approximate_percent_hedges_are_true(
    value: Decimal | Fraction, hedge: str, cut: dict[str, object]
) -> None:
    text = approximate(value, hedge, kind="percent", **cut)  # type: ignore[arg-type]
    written, printed = read_hedged(text, "percent")
    if written in ("hơn", "trên"):
        assert value > printed
    elif written == "gần":
        assert value < printed
    else:
        assert value == printed


# --------------------------------------------------------------------------- words


@pytest.mark.slow
def test_words_read_back_for_every_number_up_to_a_million() -> None:
    for number in range(10**6 + 1):
        assert parse_amount_in_words(amount_in_words(number)) == number


@given(
    st.one_of(st.integers(0, 10**6), st.integers(0, 10**18), st.integers(0, 10**99)),
    options,
)
def test_words_read_back_for_large_numbers_and_all_options(
    number: int, choice: dict[str, str]
) -> None:
    words = number_in_words(number, **choice)  # type: ignore[arg-type]
    assert parse_amount_in_words(words) == number
    amount = amount_in_words(number, **choice)  # type: ignore[arg-type]
    assert amount[0].isupper()
    assert amount.endswith(" đồng")
    assert parse_amount_in_words(amount) == number


DIGIT_WORDS = {"một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"}


@given(st.one_of(st.integers(0, 10**6), st.integers(0, 10**24)), options)
def test_words_follow_the_reading_rules(number: int, choice: dict[str, str]) -> None:
    words = number_in_words(number, **choice).split()  # type: ignore[arg-type]
    before = ["", *words[:-1]]
    for word, previous, following in zip(words, before, [*words[1:], ""], strict=True):
        if word == "mốt":
            assert previous == "mươi"  # 21 = hai mươi mốt, never after mười
        if word == "lăm":
            assert previous in ("mười", "mươi")
        if word == "tư":
            assert previous == "mươi"  # 14 = mười bốn
        if word in ("linh", "lẻ"):
            assert previous == "trăm"
            assert following in DIGIT_WORDS
            assert word == choice["odd"]
        if word == "mươi":
            assert previous in DIGIT_WORDS - {"một"}
        if word == "mười":
            assert previous not in DIGIT_WORDS
        if word == "không":
            assert number == 0 or following == "trăm"
        if previous in ("mười", "mươi"):
            assert word != "năm"  # lăm after mười/mươi
        if previous == "mươi":
            assert word != "một"
            if choice["four"] == "bốn":
                assert word != "tư"
        if word in ("nghìn", "ngàn"):
            assert word == choice["thousand"]


def mutations(words: list[str]) -> list[list[str]]:
    """Ways to break the rules: một/mốt, năm/lăm, a missing 'không trăm' or 'linh'."""
    out = []
    for i, word in enumerate(words):
        swap = {"mốt": "một", "lăm": "năm", "tư": "bốn" if words[i - 1] != "mươi" else ""}
        if swap.get(word):
            out.append([*words[:i], swap[word], *words[i + 1 :]])
        if word == "không" and i > 0:
            out.append([*words[:i], *words[i + 2 :]])
        if word == "linh":
            out.append([*words[:i], *words[i + 1 :]])
        if word == "một" and i > 0 and words[i - 1] == "mươi":
            out.append([*words[:i], "mốt", *words[i + 1 :]])
    return out


@given(st.one_of(st.integers(1, 10**6), st.integers(1, 10**15)))
def test_words_breaking_the_rules_are_refused(number: int) -> None:
    words = number_in_words(number).split()
    for broken in mutations(words):
        with pytest.raises(ParseError):
            parse_amount_in_words(" ".join(broken))


# --------------------------------------------------------------------------- fuzz

PARSERS = [parse_number, parse_percent, parse_dong, parse_count, parse_amount_in_words]
PIECES = [
    "0", "1", "5", "05", "052", "999", "1.000", ".", ",", " ", "-", "+", "%", "₫", "đ",
    "tỷ", "ty", "tỉ", "nghìn", "ngàn", "triệu", "trăm", "đồng", "VND", "phần trăm", "việc",
    "một", "mốt", "mươi", "mười", "lăm", "tư", "linh", "không", "chẵn", "./.", "\u0300",
]  # fmt: skip


def attempt(parse: object, text: str) -> ParseError | None:
    """Run ``parse`` on ``text``: the ParseError it raised, or None; anything else escapes."""
    try:
        parse(text)  # type: ignore[operator]
    except ParseError as error:
        return error
    return None


@pytest.mark.parametrize("parse", PARSERS, ids=lambda f: f.__name__)
@given(text=st.text(max_size=60))
def test_random_text_raises_only_parse_error(parse: object, text: str) -> None:
    error = attempt(parse, text)
    if error is not None:
        assert error.text == text
        assert error.position is None or 0 <= error.position <= len(text)


@pytest.mark.parametrize("parse", PARSERS, ids=lambda f: f.__name__)
@given(pieces=st.lists(st.sampled_from(PIECES), max_size=12))
def test_near_miss_text_raises_only_parse_error(parse: object, pieces: list[str]) -> None:
    text = "".join(pieces)
    error = attempt(parse, text)
    if error is not None:
        assert error.text == text
        assert error.position is None or 0 <= error.position <= len(text)


@pytest.mark.parametrize("parse", PARSERS[:4], ids=lambda f: f.__name__)
@given(pieces=st.lists(st.sampled_from(PIECES), max_size=12))
def test_strict_commas_read_as_decimal_or_as_thousands(parse: object, pieces: list[str]) -> None:
    """A strict reading, when there is one, is one of the two explicit readings."""
    text = "".join(pieces)
    try:
        strict = parse(text)  # type: ignore[operator]
    except ParseError:
        return
    readings = []
    for comma in ("decimal", "thousands"):
        with contextlib.suppress(ParseError):
            readings.append(parse(text, comma=comma))  # type: ignore[operator]
    assert strict in readings


@given(st.one_of(st.integers(), st.floats(), st.none(), st.binary(), st.lists(st.text())))
def test_non_text_raises_only_parse_error(value: object) -> None:
    assume(not isinstance(value, str))
    for parse in PARSERS:
        with pytest.raises(ParseError):
            parse(value)  # type: ignore[arg-type]
