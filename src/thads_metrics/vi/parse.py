"""Reading Vietnamese numbers, percents and amounts back (đọc số liệu).

The parsers invert :mod:`thads_metrics.vi.format` exactly and accept the
variants found in reports: "tỷ"/"tỉ"/"ty", "nghìn"/"ngàn", "đồng"/"đ"/"VND"/"₫",
scale words ("146,9 tỷ"), the mixed official style ("36.576 tỷ 087 triệu 535
nghìn"), the spoken style ("7 nghìn 4 trăm"), any letter case, any Unicode
normalisation, and the mis-typed comma thousands separator where it cannot be
a decimal comma (see :func:`parse_number` for what "1,052" means). Anything
else raises :class:`~thads_metrics.errors.ParseError` with the 0-based
``position`` where reading failed.

>>> parse_dong("146,9 tỷ đồng")
146900000000
>>> parse_percent("83,86%")
Decimal('83.86')
>>> parse_number("12x")
Traceback (most recent call last):
...
thads_metrics.errors.ParseError: parse_number: unexpected 'x' at position 2 in '12x'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from typing import Final, Literal, NamedTuple, NoReturn

from thads_metrics._checks import shown
from thads_metrics.errors import ParseError
from thads_metrics.vi._scales import BILLION, IN_FIGURES
from thads_metrics.vi.format import _LIMIT

__all__ = ["Comma", "parse_count", "parse_dong", "parse_number", "parse_percent"]

# Longest text the number parsers read (a guard, far above any real figure).
_MAX_LENGTH: Final[int] = 500

_TOKEN: Final = re.compile(
    r"(?P<space>\s+)"
    r"|(?P<number>[0-9](?:[0-9.,]*[0-9])?)"
    r"|(?P<word>[^\W\d_]+)"
    r"|(?P<symbol>[%₫+\-\u2212])"
)
_BILLION: Final = 10**BILLION.power
_CURRENCY: Final = frozenset({"đồng", "dong", "đ", "vnd", "vnđ", "₫"})
_SIGNS: Final = {"+": 1, "-": -1, "\u2212": -1}
#: How reports write the unit of a count of cases, việc (DOMAIN §6a), longest first.
_CASE_WORDS: Final = ("vụ việc", "việc", "vụ")
_COMMA_MODES: Final = ("strict", "decimal", "thousands")
#: How a parser reads a comma: see :func:`parse_number`.
Comma = Literal["strict", "decimal", "thousands"]


# --------------------------------------------------------------------------- text and errors


class _Text(NamedTuple):
    """The input, its NFC form, and where each NFC character came from."""

    original: str
    norm: str
    origin: tuple[int, ...] | None  # None when norm is original


def _prepare(text: object, what: str, max_length: int = _MAX_LENGTH) -> _Text:
    """Check the input is a ``str`` of sensible length and compose it to NFC."""
    if not isinstance(text, str):
        raise ParseError(
            f"{what}: expected text, got {type(text).__name__} {shown(text)}",
            code="parse.type",
            details={"function": what, "argument": "text", "value": shown(text), "rule": "str"},
        )
    if len(text) > max_length:
        raise ParseError(
            f"{what}: text longer than {max_length} characters",
            text=text,
            position=max_length,
            code="parse.too_long",
            details={"function": what, "argument": "text", "rule": f"<= {max_length} characters"},
        )
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return _Text(text, text, None)
    # Compose each base character with the marks that follow it, keeping a map
    # from composed positions back to the caller's positions.
    pieces: list[str] = []
    origin: list[int] = []
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or not unicodedata.combining(text[i]):
            piece = unicodedata.normalize("NFC", text[start:i])
            pieces.append(piece)
            origin.extend([start] * len(piece))
            start = i
    origin.append(len(text))
    return _Text(text, "".join(pieces), tuple(origin))


def _fail(text: _Text, what: str, position: int, problem: str, *, code: str) -> NoReturn:
    """Raise the :class:`ParseError` of ``problem`` at ``position`` (in NFC) under rule ``code``."""
    where = text.origin[position] if text.origin is not None else position
    raise ParseError(
        f"{what}: {problem} at position {where} in {text.original!r}",
        text=text.original,
        position=where,
        code=code,
        details={"function": what, "argument": "text", "problem": problem},
    )


class _Token(NamedTuple):
    kind: str  # "number", "word" or "symbol"
    text: str
    start: int

    @property
    def key(self) -> str:
        return self.text.lower()


def _tokens(text: _Text, what: str) -> list[_Token]:
    out: list[_Token] = []
    position, norm = 0, text.norm
    while position < len(norm):
        match = _TOKEN.match(norm, position)
        if match is None:
            _fail(text, what, position, f"unexpected {norm[position]!r}", code="parse.unexpected")
        kind = match.lastgroup or ""
        if kind != "space":
            out.append(_Token(kind, match.group(), position))
        position = match.end()
    return out


# --------------------------------------------------------------------------- numbers


class _Bad(Exception):
    """A problem inside one number token: offset in the token and what."""

    def __init__(self, offset: int, problem: str):
        super().__init__(problem)
        self.offset = offset
        self.problem = problem


class _Reading(NamedTuple):
    digits: str  # integer part, separators removed
    frac: str  # decimal digits
    alt: str | None  # the comma-thousands reading of "1,052", when there is one
    point: int = -1  # offset of the decimal separator in the token

    def value(self) -> Fraction:
        return Fraction(int(self.digits + self.frac), 10 ** len(self.frac))


def _groups(part: str, sep: str, offset: int) -> str:
    """Digits of ``part`` whose groups are separated by ``sep``: first 1–3, then 3 each."""
    groups = part.split(sep)
    if len(groups) > 1:
        if len(groups[0]) > 3:
            raise _Bad(offset + len(groups[0]), f"{sep!r} must follow 1 to 3 digits")
        at = offset + len(groups[0])
        for group in groups[1:]:
            if len(group) != 3:
                raise _Bad(at, f"{sep!r} must be followed by a group of 3 digits")
            at += 1 + len(group)
    return "".join(groups)


def _decimals(token: str, at: int) -> str:
    """The digits after the decimal separator at ``at``; no separator may follow."""
    for i in range(at + 1, len(token)):
        if token[i] in ".,":
            raise _Bad(i, f"{token[i]!r} inside the decimals")
    return token[at + 1 :]


def _read(token: str, comma_mode: str) -> _Reading:
    """Read one number token ("1.719.000", "146,9", "1,052,300", "1,052.5")."""
    comma, dot = token.find(","), token.find(".")
    if comma_mode == "thousands":  # English style throughout: "1,052.5"
        if dot == -1:
            return _Reading(_groups(token, ",", 0), "", None)
        return _Reading(_groups(token[:dot], ",", 0), _decimals(token, dot), None, dot)
    if comma == -1:  # dots are thousands separators
        return _Reading(_groups(token, ".", 0), "", None)
    if comma_mode == "decimal" or -1 < dot < comma:  # Vietnamese: "1.234,5"
        return _Reading(_groups(token[:comma], ".", 0), _decimals(token, comma), None, comma)
    if token.count(",") == 1 and dot == -1:  # "146,9"; "1,052" could be either
        whole, frac = token[:comma], token[comma + 1 :]
        plain = len(whole) <= 3 and whole[0] != "0" and len(frac) == 3
        return _Reading(whole, frac, whole + frac if plain else None, comma)
    # Only the comma-thousands reading is possible: "1,052,300" or "1,052.5".
    if dot == -1:
        return _Reading(_groups(token, ",", 0), "", None)
    return _Reading(_groups(token[:dot], ",", 0), _decimals(token, dot), None, dot)


class _Term(NamedTuple):
    token: _Token
    reading: _Reading
    scale: int
    scale_text: str
    last: int = 1  # the size of its last scale word (1: none)


def _terms(
    text: _Text, what: str, tokens: list[_Token], at: int, comma_mode: str
) -> tuple[list[_Term], int]:
    """Read number–scale terms from ``tokens[at]`` on: "36.576 tỷ 087 triệu 535 nghìn"."""
    terms: list[_Term] = []
    while at < len(tokens) and tokens[at].kind == "number":
        token = tokens[at]
        try:
            reading = _read(token.text, comma_mode)
        except _Bad as bad:
            _fail(text, what, token.start + bad.offset, bad.problem, code="parse.separator")
        at += 1
        scale, words, last = 1, [], 1
        previous = ""
        while at < len(tokens) and tokens[at].kind == "word" and tokens[at].key in IN_FIGURES:
            word = tokens[at]
            size = IN_FIGURES[word.key]
            if previous and not (
                size > IN_FIGURES[previous] or size == IN_FIGURES[previous] == _BILLION
            ):
                problem = f"{word.text!r} cannot follow {previous!r}"
                _fail(text, what, word.start, problem, code="parse.order")
            scale *= size
            last, previous = size, word.key
            words.append(word.text)
            at += 1
        terms.append(_Term(token, reading, scale, " ".join(words), last))
    if not terms:
        found = repr(tokens[at].text) if at < len(tokens) else "the end"
        where = tokens[at].start if at < len(tokens) else len(text.norm)
        code = "parse.expected" if tokens else "parse.empty"
        _fail(text, what, where, f"expected a number, found {found}", code=code)
    return terms, at


def _value(
    text: _Text, what: str, terms: list[_Term], *, whole: bool, percent: bool = False
) -> Fraction:
    """Sum the terms, checking each is below the one before it."""
    first = terms[0]
    reading = first.reading
    point = first.token.start + reading.point
    integer = first.token.text if reading.point < 0 else first.token.text[: reading.point]
    if len(reading.digits) > 1 and reading.digits[0] == "0" and not integer.isdigit():
        # "05 vụ", "03%": documents pad small figures; "01.234" is no figure.
        problem = "a number with thousands separators cannot start with 0"
        _fail(text, what, first.token.start, problem, code="parse.zero")
    if reading.alt is not None:
        # "1,052": a mis-typed thousands separator if a decimal comma is impossible
        # here (smaller units follow, or a fraction of a whole unit), else ambiguous;
        # a percentage's comma is a decimal comma ("12,345%", as format_percent writes).
        fractional = (reading.value() * first.scale).denominator != 1
        if len(terms) > 1 or (whole and fractional):
            reading = _Reading(reading.alt, "", None)
        elif percent:
            pass
        else:
            token = first.token.text
            _fail(
                text,
                what,
                point,
                f"{token!r} is ambiguous: a decimal comma ({token}) or a mis-typed thousands "
                f"separator ({token.replace(',', '.')}); pass comma='decimal' or "
                "comma='thousands' to say which",
                code="parse.ambiguous",
            )
    if reading.frac and len(terms) > 1:
        problem = "a number followed by smaller units must be whole"
        _fail(text, what, point, problem, code="parse.decimals")
    # Terms read left to right, each below the one before ("36.576 tỷ 087 triệu"); a
    # scale word larger than the term before it applies to all the smaller terms before
    # it: "89 nghìn 500 tỷ" is 89.500 tỷ, "1 nghìn 5 trăm tỷ" 1.500 tỷ (a compound scale).
    # Each part: (its value, the unit of its last digit, how that unit is named).
    parts = [(reading.value() * first.scale, Fraction(first.scale), first.scale_text)]
    previous = first
    for term in terms[1:]:
        if term.reading.frac:
            problem = "only a single figure can have decimals"
            _fail(text, what, term.token.start, problem, code="parse.decimals")
        unit, named = parts[-1][1], parts[-1][2]
        compound = term.last > unit
        inner = term.scale // term.last if compound else term.scale
        if inner == 1 and len(term.token.text) != 3:
            _fail(
                text,
                what,
                term.token.start,
                f"after {named!r} a number without a scale word must have "
                f"3 digits (e.g. '005'), got {term.token.text!r}"
                + (f" before {term.scale_text!r}" if compound else ""),
                code="parse.group",
            )
        part = term.reading.value() * inner
        if part >= unit:
            if named:
                problem = f"{term.token.text!r} is not less than 1 {named}"
            else:
                problem = (
                    f"{term.token.text!r} follows {previous.token.text!r} with no scale word "
                    "between them"
                )
            _fail(text, what, term.token.start, problem, code="parse.order")
        if compound:  # the smaller parts before it, and it, times its last scale word
            while parts and parts[-1][1] < term.last:
                part += parts.pop()[0]
            part *= term.last
            if parts and part >= parts[-1][1]:
                problem = f"{term.scale_text!r} makes a figure not less than 1 {parts[-1][2]}"
                _fail(text, what, term.token.start, problem, code="parse.order")
        parts.append((part, Fraction(inner * (term.last if compound else 1)), term.scale_text))
        previous = term
    total = sum((value for value, _, _ in parts), Fraction(0))
    if abs(total) >= _LIMIT:
        problem = "number too large (10**100 or more)"
        _fail(text, what, first.token.start, problem, code="parse.too_large")
    if whole and total.denominator != 1:
        _fail(text, what, first.token.start, "not a whole number", code="parse.not_whole")
    return total


def _decimal(value: Fraction) -> Decimal:
    """The exact Decimal of a Fraction whose denominator divides a power of 10."""
    if value.denominator == 1:
        return Decimal(value.numerator)
    places = 0
    while (value * 10**places).denominator != 1:
        places += 1
    return Decimal(f"{(value * 10**places).numerator}E-{places}")


def _sign(text: _Text, what: str, tokens: list[_Token], allowed: bool) -> tuple[int, int]:
    if tokens and tokens[0].kind == "symbol" and tokens[0].text in _SIGNS:
        if not allowed:
            problem = f"a sign {tokens[0].text!r} is not allowed"
            _fail(text, what, tokens[0].start, problem, code="parse.sign")
        return _SIGNS[tokens[0].text], 1
    return 1, 0


def _end(text: _Text, what: str, tokens: list[_Token], at: int) -> None:
    if at < len(tokens):
        problem = f"unexpected {tokens[at].text!r}"
        _fail(text, what, tokens[at].start, problem, code="parse.unexpected")


def _figure(
    text: object,
    what: str,
    *,
    sign: bool,
    whole: bool,
    comma: object,
    suffix: Callable[[_Text, list[_Token], int], int] | None = None,
    percent: bool = False,
) -> Fraction:
    """Read an optional sign, the terms, then the ``suffix`` and the end of the text."""
    if not isinstance(comma, str) or comma not in _COMMA_MODES:
        modes = ", ".join(map(repr, _COMMA_MODES))
        raise ParseError(
            f"{what}: comma must be one of {modes}, got {shown(comma)}",
            code="parse.choice" if isinstance(comma, str) else "parse.type",
            details={
                "function": what,
                "argument": "comma",
                "value": shown(comma),
                "rule": f"one of {modes}",
            },
        )
    prepared = _prepare(text, what)
    tokens = _tokens(prepared, what)
    factor, at = _sign(prepared, what, tokens, sign)
    terms, at = _terms(prepared, what, tokens, at, comma)
    if suffix is not None:
        at = suffix(prepared, tokens, at)
    _end(prepared, what, tokens, at)
    return factor * _value(prepared, what, terms, whole=whole, percent=percent)


def _percent_sign(text: _Text, tokens: list[_Token], at: int) -> int:
    if at < len(tokens) and tokens[at].text == "%":
        return at + 1
    keys = [token.key for token in tokens[at : at + 2]]
    if len(keys) == 2 and keys[0] in ("phần", "phan") and keys[1] in ("trăm", "tram"):
        return at + 2
    where = tokens[at].start if at < len(tokens) else len(text.norm)
    _fail(text, "parse_percent", where, "expected '%'", code="parse.expected")


def _currency(text: _Text, tokens: list[_Token], at: int) -> int:
    return at + 1 if at < len(tokens) and tokens[at].key in _CURRENCY else at


def parse_number(text: str, *, comma: Comma = "strict") -> Decimal:
    """Read a Vietnamese-style number (đọc số): "576.933", "83,86", "410 nghìn".

    Dots separate thousands and a comma starts the decimals. Scale words are
    understood ("146,9 tỷ", "7 nghìn 4 trăm", "36.576 tỷ 087 triệu"). The result
    is a ``Decimal`` with no trailing zeros in its decimals.

    Some local texts mis-type the comma as a thousands separator ("1,052 tỷ"
    for 1.052 tỷ). With ``comma="strict"`` (the default) a comma is read as a
    thousands separator only where it cannot be a decimal comma: several commas
    ("1,052,300"), a comma before a decimal point ("1,052.5"), or a 3-digit
    group followed by smaller units ("1,052 tỷ 087 triệu"); and
    :func:`parse_dong`/:func:`parse_count` also where the decimal reading is not
    a whole number ("1,052 đồng"). A lone comma before exactly 3 digits after
    1 to 3 digits ("1,052", "146,937 tỷ") could be either and raises.
    ``comma="decimal"`` reads every comma as the decimal comma (the standard,
    and what :func:`~thads_metrics.vi.format.format_number` writes: "1,052" is
    1.052/1000); ``comma="thousands"`` reads a text written in English style
    throughout (comma thousands, decimal point).

    >>> parse_number("576.933"), parse_number("-1.234,50")
    (Decimal('576933'), Decimal('-1234.5'))
    >>> parse_number("7 nghìn 4 trăm"), parse_number("1,052,300")
    (Decimal('7400'), Decimal('1052300'))
    >>> parse_number("1,052", comma="decimal"), parse_number("1,052", comma="thousands")
    (Decimal('1.052'), Decimal('1052'))
    >>> parse_number("1,052")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    thads_metrics.errors.ParseError: parse_number: '1,052' is ambiguous: ...
    >>> parse_number("1.5")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    thads_metrics.errors.ParseError: parse_number: '.' must be ... at position 1 in '1.5'
    """
    return _decimal(_figure(text, "parse_number", sign=True, whole=False, comma=comma))


def parse_percent(text: str, *, comma: Comma = "strict") -> Decimal:
    """Read a percentage (đọc tỷ lệ phần trăm): "83,86%" → Decimal("83.86").

    The figure is read as by :func:`parse_number` (``comma`` likewise) and must
    be followed by "%" (a space before it is allowed) or the words "phần trăm".
    A lone comma is a decimal comma here: no rate comes near a thousand percent,
    and :func:`~thads_metrics.vi.format.format_percent` writes "12,345%" for
    three decimals. A figure padded with zeros ("03%") is read as it is.

    >>> parse_percent("80,9%"), parse_percent("43 %"), parse_percent("50,75 phần trăm")
    (Decimal('80.9'), Decimal('43'), Decimal('50.75'))
    >>> parse_percent("12,345%"), parse_percent("03%")
    (Decimal('12.345'), Decimal('3'))
    """
    value = _figure(
        text,
        "parse_percent",
        sign=True,
        whole=False,
        comma=comma,
        suffix=_percent_sign,
        percent=True,
    )
    return _decimal(value)


def parse_dong(text: str, *, comma: Comma = "strict") -> int:
    """Read an amount of money (đọc số tiền) in whole đồng.

    Accepts every style of :func:`~thads_metrics.vi.format.format_dong`
    ("1.719.000.000 đồng", "146,9 tỷ đồng", "284 nghìn tỷ đồng", "36.576 tỷ 087
    triệu 535 nghìn đồng", "1.719.000.000 ₫") and the currency written "đồng",
    "dong", "đ", "VND", "VNĐ", "₫" or left out. An amount that is not a whole
    number of đồng is refused. Commas are read as by :func:`parse_number`:
    "1,052 đồng" is 1.052 đồng (the decimal reading is not whole), while
    "1,052 tỷ" alone is ambiguous unless ``comma`` says which.

    >>> parse_dong("146,9 tỷ đồng"), parse_dong("284 nghìn tỷ đồng")
    (146900000000, 284000000000000)
    >>> parse_dong("36.576 tỷ 087 triệu 535 nghìn đồng")
    36576087535000
    >>> parse_dong("1.719.000.000đ"), parse_dong("1,5 ty VND")
    (1719000000, 1500000000)
    >>> parse_dong("89 nghìn 500 tỷ đồng")  # a compound scale: 89.500 tỷ
    89500000000000
    >>> parse_dong("1,052 tỷ", comma="thousands")
    1052000000000
    >>> parse_dong("0,5 đồng")
    Traceback (most recent call last):
    ...
    thads_metrics.errors.ParseError: parse_dong: not a whole number at position 0 in '0,5 đồng'
    """
    return int(_figure(text, "parse_dong", sign=True, whole=True, comma=comma, suffix=_currency))


def parse_count(text: str, unit: str = "việc", *, comma: Comma = "strict") -> int:
    """Read a number of cases or people (đọc số việc): "5.409 việc", "7 nghìn 4 trăm việc".

    Inverse of :func:`~thads_metrics.vi.format.format_count`; the ``unit``
    words may be left out of the text, and any letter case is accepted. Reports
    write a case "việc", "vụ việc" or "vụ": the default unit reads all three.
    A small count padded with zeros ("05 vụ") is read as it is.

    >>> parse_count("5.409 việc"), parse_count("410 ngàn người", unit="người")
    (5409, 410000)
    >>> parse_count("1 nghìn 050"), parse_count("05 vụ"), parse_count("5.409 vụ việc")
    (1050, 5, 5409)
    """
    what = "parse_count"
    if not isinstance(unit, str):
        raise ParseError(
            f"{what}: unit must be a str, got {type(unit).__name__} {shown(unit)}",
            code="parse.type",
            details={"function": what, "argument": "unit", "value": shown(unit), "rule": "str"},
        )
    words = unicodedata.normalize("NFC", unit).lower().split()
    # "vụ việc", "vụ" and "việc" are one unit (a case), longest first.
    spellings = [case.split() for case in _CASE_WORDS] if words == ["việc"] else [words]

    def unit_words(text: _Text, tokens: list[_Token], at: int) -> int:
        for spelling in spellings:
            found = [token.key for token in tokens[at : at + len(spelling)]]
            if spelling and found == spelling:
                return at + len(spelling)
        return at

    return int(_figure(text, what, sign=False, whole=True, comma=comma, suffix=unit_words))
