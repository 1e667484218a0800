"""Tests written against mutants of the ``vi`` package that survived (scripts/mutation.sh vi).

Each error is checked whole: its code, its details and its message, since the
codes and details are API and the message is what a user reads (the function
and argument named, the position in the text, the correct reading). The
figures are those of Vietnamese reports: a dot between thousands, a comma
before decimals, the scale words nghìn, triệu, tỷ and amounts in words as
invoices write them. ``_group`` is called directly: the words of every group
are computed once and cached, so only a direct call sees a change in them.
docs/howto/mutation.md lists the mutants left on purpose.
"""

from __future__ import annotations

import unicodedata
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest

from thads_metrics.errors import FormatError, ParseError
from thads_metrics.vi import (
    amount_in_words,
    approximate,
    format_count,
    format_dong,
    format_number,
    format_points,
    number_in_words,
    parse_amount_in_words,
    parse_count,
    parse_dong,
    parse_number,
    parse_percent,
)
from thads_metrics.vi import format as vi_format
from thads_metrics.vi.words import _group

D = Decimal
TEN_100 = 10**100
WORDS = "parse_amount_in_words"


def _raised(error: type[Exception], call: Any) -> Any:
    with pytest.raises(error) as info:
        call()
    return info.value


def _check(error: Any, code: str, details: dict[str, Any], message: str) -> None:
    assert (error.code, dict(error.details), str(error)) == (code, details, message)


def _check_text(error: Any, code: str, function: str, problem: str, text: str, where: int) -> None:
    """A ParseError of reading ``text``: the problem at a 0-based position of the caller's text."""
    _check(
        error,
        code,
        {
            "function": function,
            "argument": "text",
            "problem": problem,
            "text": text,
            "position": where,
        },
        f"{function}: {problem} at position {where} in {text!r}",
    )


def _nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


# --------------------------------------------------------------------------- format: limits


def test_values_of_10_power_100_or_more_are_refused_whatever_their_type() -> None:
    digits = str(TEN_100)
    rule = "below 10**100 in magnitude"
    for value, shown in (
        (TEN_100, digits),
        (-TEN_100, "-" + digits),
        (Fraction(TEN_100), f"Fraction({digits}, 1)"),
        (Fraction(-TEN_100), f"Fraction(-{digits}, 1)"),
    ):
        _check(
            _raised(FormatError, lambda v=value: format_number(v)),
            "format.range",
            {"argument": "value", "value": shown, "rule": rule},
            f"value must be below 10**100 in magnitude, got {shown}",
        )
    _check(
        _raised(FormatError, lambda: format_dong(-TEN_100)),
        "format.range",
        {"argument": "amount", "value": "-" + digits, "rule": rule},
        f"amount must be below 10**100 in magnitude, got -{digits}",
    )
    # one less is written
    assert format_number(Fraction(1 - TEN_100)) == "-" + ".".join(["9"] + ["999"] * 33)


# --------------------------------------------------------------------------- format: options


def test_formatting_options_are_named_in_their_errors() -> None:
    cases: list[tuple[Any, str, dict[str, Any], str]] = [
        (
            lambda: format_number(576_933, fixed=1),
            "format.type",
            {"argument": "fixed", "value": "1", "rule": "bool"},
            "fixed must be True or False, got int 1",
        ),
        (
            lambda: format_points(D("2.5"), unit="%"),
            "format.choice",
            {"argument": "unit", "value": "'%'", "rule": "one of 'points', 'percent'"},
            "unit must be one of 'points', 'percent', got '%'",
        ),
        (
            lambda: format_points(D("2.5"), fixed="no"),
            "format.type",
            {"argument": "fixed", "value": "'no'", "rule": "bool"},
            "fixed must be True or False, got str 'no'",
        ),
        (
            lambda: format_points(2.5),
            "format.type",
            {"argument": "points", "value": "2.5", "rule": "exact number"},
            "points must be an exact number (int, Decimal or Fraction), got float 2.5",
        ),
        (
            lambda: format_count(5_409, 5),
            "format.type",
            {"argument": "unit", "value": "5", "rule": "a str"},
            "unit must be a str, got int 5",
        ),
        (
            lambda: format_count(5_409, spoken="yes"),
            "format.type",
            {"argument": "spoken", "value": "'yes'", "rule": "bool"},
            "spoken must be True or False, got str 'yes'",
        ),
        (
            lambda: format_dong(146_900_000_000, "scaled", scale="tỉ"),
            "format.choice",
            {
                "argument": "scale",
                "value": "'tỉ'",
                "rule": "one of 'nghìn', 'triệu', 'tỷ', 'nghìn tỷ', 'triệu tỷ'",
            },
            "scale must be one of 'nghìn', 'triệu', 'tỷ', 'nghìn tỷ', 'triệu tỷ', got 'tỉ'",
        ),
        (
            lambda: format_dong(146_900_000_000, "scaled", fixed=1),
            "format.type",
            {"argument": "fixed", "value": "1", "rule": "bool"},
            "fixed must be True or False, got int 1",
        ),
        (
            lambda: format_dong(146_900_000_000, thousand="ngan"),
            "format.choice",
            {"argument": "thousand", "value": "'ngan'", "rule": "one of 'nghìn', 'ngàn'"},
            "thousand must be one of 'nghìn', 'ngàn', got 'ngan'",
        ),
        (
            lambda: number_in_words(24, four="four"),
            "format.choice",
            {"argument": "four", "value": "'four'", "rule": "one of 'tư', 'bốn'"},
            "four must be one of 'tư', 'bốn', got 'four'",
        ),
        (
            lambda: number_in_words(105, odd="le"),
            "format.choice",
            {"argument": "odd", "value": "'le'", "rule": "one of 'linh', 'lẻ'"},
            "odd must be one of 'linh', 'lẻ', got 'le'",
        ),
        (
            lambda: amount_in_words(1_000, thousand="ngan"),
            "format.choice",
            {"argument": "thousand", "value": "'ngan'", "rule": "one of 'nghìn', 'ngàn'"},
            "thousand must be one of 'nghìn', 'ngàn', got 'ngan'",
        ),
    ]
    for call, code, details, message in cases:
        _check(_raised(FormatError, call), code, details, message)


# --------------------------------------------------------------------------- format: output


def test_the_default_style_of_money_is_exact() -> None:
    assert format_dong(1_719_000_000) == "1.719.000.000 đồng"


def test_one_thousand_is_the_first_number_with_a_scale_word() -> None:
    assert format_count(999, spoken=True) == "999 việc"
    assert format_count(1_000, spoken=True) == "1 nghìn việc"
    assert format_dong(999, "mixed") == "999 đồng"
    assert format_dong(1_000, "mixed") == "1 nghìn đồng"


def test_scaled_money_writes_every_decimal_needed() -> None:
    # 1.000,052 tỷ has a thousands dot, so it cannot be a mis-typed "1,052 tỷ".
    assert format_dong(1_000_052_000_000, "scaled", decimals=None) == "1.000,052 tỷ đồng"
    assert format_dong(1_052_000_000, "scaled", decimals=None) == "1.052 triệu đồng"
    assert format_dong(-146_900_000_000, "scaled", decimals=None) == "-146,9 tỷ đồng"
    assert format_dong(0, "scaled", decimals=None, scale="tỷ") == "0 tỷ đồng"


def test_scaled_money_takes_the_scale_of_the_amount() -> None:
    assert format_dong(600_000_000, "scaled") == "600 triệu đồng"
    assert format_dong(5_000, "scaled") == "5 nghìn đồng"
    # 999,999 triệu rounds to 1.000,0 triệu: written in tỷ, decimals kept.
    assert format_dong(999_999_000, "scaled", fixed=True) == "1,0 tỷ đồng"
    # One đồng below 100 triệu tỷ stays in nghìn tỷ with 12 decimals (exact).
    assert format_dong(10**17 - 1, "scaled", decimals=12) == "99.999,999999999999 nghìn tỷ đồng"


def test_points_of_any_exact_value() -> None:
    assert format_points(3) == "+3 điểm phần trăm"
    assert format_points(D("0.01")) == "+0,01 điểm phần trăm"
    assert format_points(D("0.01"), sign="change") == "tăng 0,01 điểm phần trăm"
    assert format_points(D("-0.01"), sign="target") == "thiếu 0,01 điểm phần trăm"


def test_rounding_is_done_on_the_exact_decimal() -> None:
    # Not on a 28-digit approximation (Python's default decimal context).
    assert format_points(D("0.004999999999999999999999999999999")) == "0 điểm phần trăm"
    assert (
        format_points(D("123456789012345678901234567891"), 0)
        == "+123.456.789.012.345.678.901.234.567.891 điểm phần trăm"
    )


def test_the_minus_sign_comes_from_the_locale_data(monkeypatch: pytest.MonkeyPatch) -> None:
    # CLDR vi writes "-"; a locale minus sign such as U+2212 is used wherever a sign is written.
    # (The C writer is given its symbols when it is made: tests/test_vi_speedups.py.)
    monkeypatch.setattr(vi_format, "_MINUS", "\u2212")
    monkeypatch.setattr(vi_format, "_write", None)
    assert format_number(D("-1234.5")) == "\u22121.234,5"
    assert format_number(-576_933) == "\u2212576.933"
    assert format_dong(-1_719_000_000) == "\u22121.719.000.000 đồng"


# --------------------------------------------------------------------------- approximate


def test_approximate_options_are_named_in_their_errors() -> None:
    cases: list[tuple[Any, str, dict[str, Any], str]] = [
        (
            lambda: approximate(410_512, "khoảng"),  # type: ignore[arg-type]
            "format.choice",
            {"argument": "hedge", "value": "'khoảng'", "rule": "one of 'hơn', 'trên', 'gần'"},
            "hedge must be one of 'hơn', 'trên', 'gần', got 'khoảng'",
        ),
        (
            lambda: approximate(410_512, kind="money"),  # type: ignore[arg-type]
            "format.choice",
            {"argument": "kind", "value": "'money'", "rule": "one of 'count', 'dong', 'percent'"},
            "kind must be one of 'count', 'dong', 'percent', got 'money'",
        ),
        (
            lambda: approximate(410_512, spoken=1),  # type: ignore[arg-type]
            "format.type",
            {"argument": "spoken", "value": "1", "rule": "bool"},
            "spoken must be True or False, got int 1",
        ),
        (
            lambda: approximate(410_512, digits=1, step=10_000),
            "format.conflict",
            {"argument": "digits", "value": "1", "rule": "not with step"},
            "give digits or step, not both",
        ),
        (
            lambda: approximate(66.37, kind="percent"),  # type: ignore[arg-type]
            "format.type",
            {"argument": "value", "value": "66.37", "rule": "exact number"},
            "value must be an exact number (int, Decimal or Fraction), got float 66.37",
        ),
        (
            lambda: approximate(D("-1.5"), kind="percent"),
            "format.range",
            {"argument": "value", "value": D("-1.5"), "rule": ">= 0"},
            "value must be >= 0, got -1.5",
        ),
        (
            lambda: approximate(410_512.0),  # type: ignore[arg-type]
            "format.type",
            {"argument": "value", "value": "410512.0", "rule": "int"},
            "value must be an int, got float 410512.0",
        ),
        (
            lambda: approximate(410_512, step=0.5),  # type: ignore[arg-type]
            "format.type",
            {"argument": "step", "value": "0.5", "rule": "exact number"},
            "step must be an exact number (int, Decimal or Fraction), got float 0.5",
        ),
        (
            lambda: approximate(410_512, step=D("0.5")),
            "format.type",
            {"argument": "step", "value": D("0.5"), "rule": "a positive int"},
            "step must be a positive int, got Decimal('0.5')",
        ),
        (
            lambda: approximate(410_512, step=-1),
            "format.range",
            {"argument": "step", "value": -1, "rule": "a positive int"},
            "step must be a positive int, got -1",
        ),
        (
            lambda: approximate(D("66.37"), step=0, kind="percent"),
            "format.range",
            {"argument": "step", "value": 0, "rule": "positive"},
            "step must be positive, got 0",
        ),
        (
            lambda: approximate(410_512, digits=0),
            "format.range",
            {"argument": "digits", "value": 0, "rule": ">= 1"},
            "digits must be >= 1, got 0",
        ),
    ]
    for call, code, details, message in cases:
        _check(_raised(FormatError, call), code, details, message)


def test_money_without_kind_is_refused() -> None:
    _check(
        _raised(FormatError, lambda: approximate(146_900_000_000)),
        "format.kind_required",
        {"argument": "kind", "value": 146_900_000_000, "rule": "given when value > 100000000"},
        "146900000000 is too large to be a number of cases (more than 100.000.000): pass "
        "kind='dong' for money, or kind='count' if it is a count",
    )


def test_approximate_passes_the_unit_and_the_thousand_word_on() -> None:
    assert approximate(410_512, unit="người") == "hơn 410 nghìn người"
    assert approximate(410_512, thousand="ngàn") == "hơn 410 ngàn việc"
    assert (
        approximate(283_700_000_000_000, "gần", step=10**12, kind="dong", thousand="ngàn")
        == "gần 284 ngàn tỷ đồng"
    )


def test_approximate_percentages_below_ten_keep_their_decimals() -> None:
    assert approximate(D("5.37"), kind="percent") == "hơn 5,3%"
    assert approximate(D("0.1"), kind="percent") == "0,1%"  # exact: no hedge
    assert approximate(D("0.0437"), "gần", kind="percent") == "gần 0,044%"


def test_approximate_percentages_need_at_most_100_decimals() -> None:
    assert approximate(D("1E-99"), kind="percent") == "0," + "0" * 98 + "1%"
    tiny = "1/1" + "0" * 101
    _check(
        _raised(FormatError, lambda: approximate(D("1E-101"), kind="percent")),
        "format.inexact",
        {"argument": "value", "value": tiny, "rule": "at most 100 decimals"},
        f"{tiny} cannot be written exactly with decimals; give a decimal step",
    )


# --------------------------------------------------------------------------- parse: arguments


@pytest.mark.parametrize(
    "parse", [parse_number, parse_percent, parse_dong, parse_count, parse_amount_in_words]
)
def test_a_parser_wants_text_and_says_which_parser(parse: Any) -> None:
    name = parse.__name__
    _check(
        _raised(ParseError, lambda: parse(5_409)),
        "parse.type",
        {"function": name, "argument": "text", "value": "5409", "rule": "str"},
        f"{name}: expected text, got int 5409",
    )


def test_texts_up_to_the_length_limit_are_read() -> None:
    assert parse_number("576.933" + " " * 493) == D("576933")
    long = "576.933" + " " * 494
    _check(
        _raised(ParseError, lambda: parse_number(long)),
        "parse.too_long",
        {
            "function": "parse_number",
            "argument": "text",
            "rule": "<= 500 characters",
            "text": long,
            "position": 500,
        },
        "parse_number: text longer than 500 characters",
    )
    assert parse_amount_in_words("năm" + " " * 4_997) == 5
    words = "năm" + " " * 4_998
    _check(
        _raised(ParseError, lambda: parse_amount_in_words(words)),
        "parse.too_long",
        {
            "function": WORDS,
            "argument": "text",
            "rule": "<= 5000 characters",
            "text": words,
            "position": 5_000,
        },
        f"{WORDS}: text longer than 5000 characters",
    )


def test_an_unknown_comma_mode() -> None:
    rule = "one of 'strict', 'decimal', 'thousands'"
    _check(
        _raised(ParseError, lambda: parse_number("1,052", comma="dot")),  # type: ignore[arg-type]
        "parse.choice",
        {"function": "parse_number", "argument": "comma", "value": "'dot'", "rule": rule},
        f"parse_number: comma must be {rule}, got 'dot'",
    )
    _check(
        _raised(ParseError, lambda: parse_dong("1,052", comma=None)),  # type: ignore[arg-type]
        "parse.type",
        {"function": "parse_dong", "argument": "comma", "value": "None", "rule": rule},
        f"parse_dong: comma must be {rule}, got None",
    )


def test_parse_count_wants_a_unit_of_text() -> None:
    _check(
        _raised(ParseError, lambda: parse_count("5.409 việc", unit=5)),  # type: ignore[arg-type]
        "parse.type",
        {"function": "parse_count", "argument": "unit", "value": "5", "rule": "str"},
        "parse_count: unit must be a str, got int 5",
    )


# --------------------------------------------------------------------------- parse: positions


def test_positions_of_a_text_that_is_not_nfc_are_the_callers() -> None:
    # The accents of "é" are composed before reading; the position is counted in the
    # text given, where "é" takes two characters.
    text = _nfd("é")
    _check_text(
        _raised(ParseError, lambda: parse_number(text)),
        "parse.expected",
        "parse_number",
        "expected a number, found 'é'",
        text,
        0,
    )
    text = "1x" + _nfd("é")
    _check_text(
        _raised(ParseError, lambda: parse_number(text)),
        "parse.unexpected",
        "parse_number",
        "unexpected 'xé'",
        text,
        1,
    )


def test_the_end_of_a_text_that_is_not_nfc_is_its_length() -> None:
    # An en quad (U+2000) composes to an en space (U+2002): the text is not NFC.
    text = "83,86\u2000"
    _check_text(
        _raised(ParseError, lambda: parse_percent(text)),
        "parse.expected",
        "parse_percent",
        "expected '%'",
        text,
        6,
    )
    text = "-\u2000"
    _check_text(
        _raised(ParseError, lambda: parse_number(text)),
        "parse.expected",
        "parse_number",
        "expected a number, found the end",
        text,
        2,
    )


def test_a_stray_combining_accent_is_reported_where_it_is() -> None:
    text = "12\u0301"  # already NFC: nothing composes with a digit
    _check_text(
        _raised(ParseError, lambda: parse_number(text)),
        "parse.unexpected",
        "parse_number",
        "unexpected '\u0301'",
        text,
        2,
    )


@pytest.mark.parametrize(
    ("text", "comma", "problem", "where"),
    [
        ("1,23", "thousands", "',' must be followed by a group of 3 digits", 1),
        ("12,34.5", "thousands", "',' must be followed by a group of 3 digits", 2),
        ("12,34.5", "strict", "',' must be followed by a group of 3 digits", 2),
        ("12.34,5", "strict", "'.' must be followed by a group of 3 digits", 2),
        ("1.234,.5", "strict", "'.' inside the decimals", 6),
    ],
)
def test_separator_errors_point_at_the_separator(
    text: str, comma: str, problem: str, where: int
) -> None:
    _check_text(
        _raised(ParseError, lambda: parse_number(text, comma=comma)),  # type: ignore[arg-type]
        "parse.separator",
        "parse_number",
        problem,
        text,
        where,
    )


@pytest.mark.parametrize(
    ("text", "comma"),
    [
        ("1.234,5 tỷ 300 triệu", "strict"),
        ("1,052.5 tỷ 300 triệu", "strict"),
        ("1,052.5 tỷ 300 triệu", "thousands"),
    ],
)
def test_decimals_before_smaller_units_point_at_the_decimal_separator(
    text: str, comma: str
) -> None:
    _check_text(
        _raised(ParseError, lambda: parse_number(text, comma=comma)),  # type: ignore[arg-type]
        "parse.decimals",
        "parse_number",
        "a number followed by smaller units must be whole",
        text,
        5,
    )


# --------------------------------------------------------------------------- parse: problems


def test_parse_errors_name_the_parser_the_problem_and_the_code() -> None:
    cases = [
        (
            parse_number,
            "05.000",
            "parse.zero",
            "a number with thousands separators cannot start with 0",
            0,
        ),
        (
            parse_number,
            "1,052",
            "parse.ambiguous",
            "'1,052' is ambiguous: a decimal comma (1,052) or a mis-typed thousands separator "
            "(1.052); pass comma='decimal' or comma='thousands' to say which",
            1,
        ),
        (
            parse_number,
            "5 tỷ 300,5 triệu",
            "parse.decimals",
            "only a single figure can have decimals",
            5,
        ),
        (parse_dong, "5 triệu nghìn", "parse.order", "'nghìn' cannot follow 'triệu'", 8),
        (
            parse_dong,
            "5 nghìn tỷ 7",
            "parse.group",
            "after 'nghìn tỷ' a number without a scale word must have 3 digits (e.g. '005'), "
            "got '7'",
            11,
        ),
        (parse_dong, "0,5 đồng", "parse.not_whole", "not a whole number", 0),
        (
            parse_dong,
            "1" + "0" * 100,
            "parse.too_large",
            "number too large (10**100 or more)",
            0,
        ),
        (parse_percent, "83,86", "parse.expected", "expected '%'", 5),
        (parse_percent, "50,75 phần trăm trở lên", "parse.unexpected", "unexpected 'trở'", 16),
    ]
    for parse, text, code, problem, where in cases:
        _check_text(
            _raised(ParseError, lambda p=parse, t=text: p(t)),
            code,
            parse.__name__,
            problem,
            text,
            where,
        )
    assert parse_dong("9" * 100) == int("9" * 100)


def test_a_group_not_below_the_one_before() -> None:
    error = _raised(ParseError, lambda: parse_number("5 007"))
    assert (error.code, error.position, error.details["function"]) == (
        "parse.order",
        2,
        "parse_number",
    )
    # After a figure without a scale word the unit is 1 ("1 1" reads oddly, but names it).
    assert error.details["problem"] == "'007' follows '5' with no scale word between them"
    assert str(error) == f"parse_number: {error.details['problem']} at position 2 in '5 007'"


# --------------------------------------------------------------------------- words: groups


@pytest.mark.parametrize(
    ("number", "alone", "inside"),
    [
        (1, "một", "không trăm linh một"),
        (5, "năm", "không trăm linh năm"),
        (10, "mười", "không trăm mười"),
        (14, "mười bốn", "không trăm mười bốn"),
        (15, "mười lăm", "không trăm mười lăm"),
        (21, "hai mươi mốt", "không trăm hai mươi mốt"),
        (24, "hai mươi tư", "không trăm hai mươi tư"),
        (25, "hai mươi lăm", "không trăm hai mươi lăm"),
        (30, "ba mươi", "không trăm ba mươi"),
        (100, "một trăm", "một trăm"),
        (105, "một trăm linh năm", "một trăm linh năm"),
        (111, "một trăm mười một", "một trăm mười một"),
        (115, "một trăm mười lăm", "một trăm mười lăm"),
        (146, "một trăm bốn mươi sáu", "một trăm bốn mươi sáu"),
        (999, "chín trăm chín mươi chín", "chín trăm chín mươi chín"),
    ],
)
def test_the_words_of_a_group(number: int, alone: str, inside: str) -> None:
    assert _group(number, False, "tư", "linh") == alone
    assert _group(number, True, "tư", "linh") == inside


def test_the_options_of_a_group() -> None:
    assert _group(24, False, "bốn", "linh") == "hai mươi bốn"
    assert _group(4, True, "bốn", "lẻ") == "không trăm lẻ bốn"
    assert _group(105, False, "tư", "lẻ") == "một trăm lẻ năm"


# --------------------------------------------------------------------------- words: reading


@pytest.mark.parametrize(
    ("text", "problem", "where"),
    [
        ("một triệu hai mươi tư nghìn", "inside a number 'hai mươi tư' reads 'không trăm hai "
         "mươi tư'", 10),
        ("một triệu hai mươi một nghìn", "'hai mươi một' is not a correct reading of a number "
         "from 1 to 999; did you mean 'không trăm hai mươi mốt'?", 10),
        ("một trăm hai mươi một", "'một trăm hai mươi một' is not a correct reading of a number "
         "from 1 to 999; did you mean 'một trăm hai mươi mốt'?", 0),
        ("mốt trăm", "'mốt trăm' is not a correct reading of a number from 1 to 999; did you "
         "mean 'một trăm'?", 0),
        ("lẻ năm", "'lẻ năm' is not a correct reading of a number from 1 to 999; did you mean "
         "'năm'?", 0),
        ("mốt", "'mốt' is not a correct reading of a number from 1 to 999; did you mean "
         "'một'?", 0),
        ("mười mười", "'mười mười' is not a correct reading of a number from 1 to 999", 0),
        ("mười một hai", "'mười một hai' is not a correct reading of a number from 1 to 999", 0),
        ("hai ba", "'hai ba' is not a correct reading of a number from 1 to 999", 0),
        ("tư mươi tư", "'tư mươi tư' is not a correct reading of a number from 1 to 999; did "
         "you mean 'bốn mươi tư'?", 0),
    ],
)  # fmt: skip
def test_wrong_readings_suggest_the_correct_one(text: str, problem: str, where: int) -> None:
    _check_text(
        _raised(ParseError, lambda: parse_amount_in_words(text)),
        "parse.reading",
        WORDS,
        problem,
        text,
        where,
    )


@pytest.mark.parametrize(
    ("text", "code", "problem", "where"),
    [
        ("tỷ đồng", "parse.missing", "missing number before 'tỷ'", 0),
        ("một triệu nghìn", "parse.missing", "missing number before 'nghìn'", 10),
        ("một nghìn triệu", "parse.order", "'triệu' cannot come after 'nghìn'", 10),
        ("một nghìn chẵn", "parse.unexpected", "'chẵn' must follow 'đồng'", 10),
        ("  đồng chẵn", "parse.empty", "expected a number in words", 2),
        ("một İKİ", "parse.word", "'İKİ' is not a number word", 4),
        ("İKİ", "parse.word", "'İKİ' is not a number word", 0),
        (
            "mười" + " tỷ" * 11,
            "parse.too_large",
            "number too large (10**100 or more)",
            0,
        ),
    ],
)
def test_errors_of_reading_words(text: str, code: str, problem: str, where: int) -> None:
    _check_text(
        _raised(ParseError, lambda: parse_amount_in_words(text)),
        code,
        WORDS,
        problem,
        text,
        where,
    )


def test_the_largest_amount_in_words_below_the_limit() -> None:
    assert parse_amount_in_words("chín" + " tỷ" * 11) == 9 * 10**99
