"""Printed figures as intervals (số liệu là một khoảng): "hơn 146,9 tỷ đồng" → (146,9; 147) tỷ.

A figure printed in a report stands for every value that would have been
printed the same way (DOMAIN §6a). :func:`parse_figure` reads one figure and
returns a :class:`Figure`: the number as written, its kind and unit, and the
exact interval of the true value. The rules:

- **plain, rounded**: half up at the last printed digit, zeros included:
  "146,9 tỷ" is [146,85; 146,95) tỷ, "80,9%" [80,85; 80,95), "43%" [42,5; 43,5),
  "600 tỷ" [599,5; 600,5) tỷ; a count with scale words is rounded at its last
  group: "410 nghìn việc" is [409.500; 410.500), "7 nghìn 4 trăm việc"
  [7.350; 7.450). Percents are always rounded.
- **plain, exact**: a count or an amount written down to its units is exact:
  "5.409 việc", "5 nghìn 409 việc", "1.719.000.000 đồng", "bốn việc"; so is
  money in the official mixed style, where every group after the first has
  three digits ("36.576 tỷ 087 triệu 535 nghìn đồng").
- **"hơn", "trên" X** (``over``): X < v < X + u, where u is one unit of X's
  last *non-zero* digit: "hơn 5 nghìn 2 trăm việc" is (5.200; 5.300),
  "hơn 66%" (66; 67), "hơn 5.750 việc" (5.750; 5.760), "hơn 70%" (70; 80).
  Trailing zeros are not taken as significant, because a writer who cut
  79,9% to two significant digits ("hơn 70%") or 419.999 to two
  ("hơn 410 nghìn") prints the same text as one who cut it further.
- **"gần", "dưới" X** (``under``): X − u < v < X ("gần 600 tỷ": (500; 600) tỷ).
- **"khoảng", "xấp xỉ", "gần như", "chừng", "trên dưới" X** (``about``):
  [X − u/2; X + u/2].
- A printed 0 has no non-zero digit: "hơn 0%" says only that the value is
  positive, (0; 10**100), 10**100 being the largest number the library
  reads; "gần 0%" is read as below one unit of its last digit, [0; 1).
- A leading "tăng"/"vượt"/"cao hơn" (or "+") gives ``direction`` +1, "giảm",
  "thiếu", "còn thiếu", "chậm", "thấp hơn" (or "-") −1; the number is the size
  of the difference. "vượt gần 4%" is direction +1, qualifier ``under``, (3; 4);
  "cao hơn 1,41%" is a comparative, direction +1 and a plain [1,405; 1,415),
  not the hedge "hơn".
- **Numbers in words** follow the same rule as numbers in figures, the unit
  of the last spoken digit, the tens of a group being part of its number:
  "bốn việc", "hai mươi việc" and "năm trăm linh năm việc" are exact,
  "năm trăm việc" is [450; 550) like "5 trăm việc"; money in the
  mixed style, every group after the first spoken with its hundreds ("Hai
  triệu năm trăm nghìn đồng", "một triệu không trăm linh năm nghìn đồng"), is
  exact like "2 triệu 500 nghìn đồng".
- "0.9%", "5.6%": a dot followed by one or two digits before a percent sign
  cannot separate thousands, so it is read as a decimal point.

No interval reaches below 0: the figure is a size, its sign is ``direction``.

>>> fig = parse_figure("hơn 146,9 tỷ đồng")
>>> fig.kind, fig.unit, fig.qualifier, fig.printed
('money', 'đồng', 'over', Decimal('146900000000'))
>>> str(fig), fig.contains(146_937_000_000), fig.contains(147 * 10**9)
('(146,9; 147) tỷ đồng', True, False)
>>> str(parse_figure("80,9%")), str(parse_figure("5.409 vụ việc"))
('[80,85; 80,95) %', '[5.409; 5.409] việc')
>>> [(start, end, f.text) for start, end, f in find_figures("đạt 80,9% về việc và 43% về tiền")]
[(4, 9, '80,9%'), (21, 24, '43%')]
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from types import MappingProxyType
from typing import Any, Final, Literal, NamedTuple, NoReturn, get_args

import attrs

from thads_metrics._checks import (
    Exact,
    require_choice,
    require_exact,
    require_flag,
    require_instance,
    require_int,
    shown,
)
from thads_metrics.errors import ParseError
from thads_metrics.vi._scales import BILLION, HUNDRED, IN_FIGURES, IN_WORDS, SCALED
from thads_metrics.vi.format import _auto_scale, format_number

# The reading of one number token ("1.719", "146,9", "1,052") and the NFC
# preparation of the input are vi.parse's own, so a figure's digits are read by
# exactly the rules of parse_number; the number-word vocabulary is vi.words'.
from thads_metrics.vi.parse import (
    _CASE_WORDS,
    _CURRENCY,
    Comma,
    _Bad,
    _decimal,
    _prepare,
    _read,
    _Reading,
    _Text,
)
from thads_metrics.vi.words import _VOCABULARY, parse_amount_in_words

__all__ = ["Figure", "Kind", "Qualifier", "find_figures", "parse_figure", "parse_ratio"]

#: What a figure counts: cases or other things, money in đồng, or a percentage.
Kind = Literal["count", "money", "percent"]
#: The hedge before a figure: "" (plain), "over" (hơn, trên), "under" (gần, dưới),
#: "about" (khoảng, xấp xỉ, gần như, chừng, trên dưới).
Qualifier = Literal["", "over", "under", "about"]

_KINDS: Final[tuple[str, ...]] = get_args(Kind)
_QUALIFIER_NAMES: Final[tuple[str, ...]] = get_args(Qualifier)
_COMMA_MODES: Final[tuple[str, ...]] = get_args(Comma)

# Longest texts read: one figure (or a part over a whole), and running text.
_MAX_FIGURE: Final = 1_000
_MAX_TEXT: Final = 500_000
# Longest runs read in running text, far above any real figure ("36.576 tỷ 087 triệu
# 535 nghìn" is 4 terms; "một trăm hai mươi ba nghìn bốn trăm năm mươi sáu" 11 words):
# longer runs are no figure, and skipping them keeps the scan linear.
_MAX_TERMS: Final = 8
_MAX_SCALE_WORDS: Final = 4
_MAX_WORDS: Final = 60
_LIMIT: Final = 10**100
# Most decimals format_number writes.
_MAX_PLACES: Final = 100
_BILLION: Final = 10**BILLION.power
_HUNDRED_WORD: Final = HUNDRED.word
_MILLION: Final = 10**6


# --------------------------------------------------------------------------- the words (data)

#: Words before a figure that say it is a change, and which way (longest first).
_DIRECTIONS: Final[tuple[tuple[tuple[str, ...], int], ...]] = (
    (("còn", "thiếu"), -1),
    # Comparatives: "cao hơn 1,41%" is a difference of +1,41, not the hedge "hơn".
    (("cao", "hơn"), 1),
    (("thấp", "hơn"), -1),
    (("tăng",), 1),
    (("vượt",), 1),
    (("giảm",), -1),
    (("thiếu",), -1),
    (("chậm",), -1),
)
#: Hedge words (longest first: "gần như" is about, "gần" alone is under).
_HEDGES: Final[tuple[tuple[tuple[str, ...], Qualifier], ...]] = (
    (("gần", "như"), "about"),
    (("trên", "dưới"), "about"),
    (("xấp", "xỉ"), "about"),
    (("khoảng",), "about"),
    (("chừng",), "about"),
    (("hơn",), "over"),
    (("trên",), "over"),
    (("gần",), "under"),
    (("dưới",), "under"),
)
_SIGNS: Final[Mapping[str, int]] = MappingProxyType({"+": 1, "-": -1, "\u2212": -1})
#: Units of a percentage: the written words → the canonical unit.
_PERCENT_UNITS: Final[Mapping[tuple[str, ...], str]] = MappingProxyType(
    {
        ("điểm", "phần", "trăm"): "điểm phần trăm",
        ("điểm", "%"): "điểm phần trăm",
        ("phần", "trăm"): "%",
        ("%",): "%",
    }
)
#: Nouns a count is read with in running text → the canonical unit. "vụ việc",
#: "vụ" and "việc" are one unit (DOMAIN §6a). :func:`parse_figure` takes any
#: noun; :func:`find_figures` only these, so "11 tháng" or "Chỉ thị 15" is no figure.
_COUNT_NOUNS: Final[Mapping[str, str]] = MappingProxyType(
    dict.fromkeys(_CASE_WORDS, "việc")
    | {
        noun: noun
        for noun in (
            "vụ án",
            "bản án",
            "quyết định",
            "người",
            "đương sự",
            "văn bản",
            "đơn",
            "đơn thư",
            "hồ sơ",
            "trường hợp",
            "tài sản",
            "khoản",
            "đơn vị",
            "chi cục",
            "cơ quan",
            "chấp hành viên",
            "cán bộ",
            "công chức",
            "cuộc",
            "lượt",
        )
    }
)
_NOUN_LENGTHS: Final = sorted({len(noun.split()) for noun in _COUNT_NOUNS}, reverse=True)


def _kind_of(unit: str) -> Kind:
    """The kind of a canonical unit: "%" is a percent, "đồng" money, any other a count."""
    if unit in _PERCENT_UNITS.values():
        return "percent"
    return "money" if unit == "đồng" else "count"


def _default_unit(kind: Kind) -> str:
    return {"percent": "%", "money": "đồng", "count": ""}[kind]


# --------------------------------------------------------------------------- the figure


def _text_field(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    require_instance(attribute.name, value, str, ParseError)


def _decimal_field(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    require_instance(attribute.name, value, Decimal, ParseError, what="a Decimal")
    require_exact(attribute.name, value, ParseError, minimum=None)


def _flag_field(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    require_flag(attribute.name, value, ParseError)


def _choice_field(choices: tuple[str, ...]) -> Any:
    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        require_choice(attribute.name, value, choices, ParseError)

    return check


def _direction_field(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    require_int(attribute.name, value, ParseError, minimum=-1, maximum=1)


@attrs.frozen
class Figure:
    """A printed figure and the interval of true values it stands for (số liệu và khoảng giá trị).

    Every number is in the base unit: đồng for money, the count for counts,
    the percentage for percents ("80,9%" → 80.9). ``low`` and ``high`` are
    exact; ``low_closed``/``high_closed`` say whether they belong to the
    interval. ``step`` is one unit of the last non-zero printed digit (the
    unit a hedge moves by: 100 tỷ for "600 tỷ", 0,1 for "80,9%"); a plain
    rounded figure is rounded at its last printed digit, zeros included.

    >>> fig = parse_figure("gần 600 tỷ đồng")
    >>> fig.low, fig.high, fig.low_closed, fig.high_closed, fig.step
    (Decimal('500000000000'), Decimal('600000000000'), False, False, Decimal('100000000000'))
    >>> str(fig), 599_300_000_000 in fig
    ('(500; 600) tỷ đồng', True)
    """

    #: The text read, as written (stripped): "hơn 146,9 tỷ đồng".
    text: str = attrs.field(validator=_text_field)
    #: "count", "money" or "percent".
    kind: Kind = attrs.field(validator=_choice_field(_KINDS))
    #: "việc" (also for "vụ việc", "vụ"), "đồng", "%", "điểm phần trăm", another
    #: counted noun in lower case ("bản án", "người"), or "" for a bare count.
    unit: str = attrs.field(validator=_text_field)
    #: The number as written, in the base unit: 146,9 tỷ → 146900000000.
    printed: Decimal = attrs.field(validator=_decimal_field)
    #: Lower bound of the true value, exact.
    low: Decimal = attrs.field(validator=_decimal_field)
    #: Upper bound of the true value, exact.
    high: Decimal = attrs.field(validator=_decimal_field)
    #: Whether ``low`` itself is a possible value.
    low_closed: bool = attrs.field(validator=_flag_field)
    #: Whether ``high`` itself is a possible value.
    high_closed: bool = attrs.field(validator=_flag_field)
    #: "" (plain), "over" (hơn, trên), "under" (gần, dưới), "about" (khoảng, trên dưới…).
    qualifier: Qualifier = attrs.field(validator=_choice_field(_QUALIFIER_NAMES))
    #: +1 after "tăng"/"vượt"/"cao hơn", −1 after "giảm"/"thiếu"/"còn thiếu"/"chậm"/
    #: "thấp hơn", else 0.
    direction: int = attrs.field(validator=_direction_field)
    #: One unit of the last non-zero printed digit, in the base unit.
    step: Decimal = attrs.field(validator=_decimal_field)

    def __attrs_post_init__(self) -> None:
        if self.step <= 0:
            raise ParseError(
                f"step must be > 0, got {self.step}",
                code="parse.range",
                details={"argument": "step", "value": self.step, "rule": "> 0"},
            )
        if self.low > self.high:
            raise ParseError(
                f"low must not be above high, got {self.low} > {self.high}",
                code="parse.range",
                details={"argument": "low", "value": self.low, "rule": f"<= {self.high}"},
            )

    def bounds(self) -> tuple[Fraction, Fraction]:
        """The bounds (cận dưới, cận trên) as fractions, for exact arithmetic.

        >>> parse_figure("80,9%").bounds()
        (Fraction(1617, 20), Fraction(1619, 20))
        """
        return Fraction(self.low), Fraction(self.high)

    @property
    def exact(self) -> bool:
        """Whether the figure is exact (số chính xác): one value only.

        >>> parse_figure("5.409 việc").exact, parse_figure("410 nghìn việc").exact
        (True, False)
        """
        return self.low == self.high and self.low_closed and self.high_closed

    def contains(self, value: Exact) -> bool:
        """Whether ``value`` (in the base unit) is a true value this figure allows (thuộc khoảng).

        >>> fig = parse_figure("hơn 7 nghìn 4 trăm việc")
        >>> fig.contains(7_456), fig.contains(7_400), fig.contains(7_500)
        (True, False, False)
        """
        number = Fraction(require_exact("value", value, ParseError, minimum=None))
        low, high = self.bounds()
        above = number > low or (self.low_closed and number == low)
        below = number < high or (self.high_closed and number == high)
        return above and below

    def __contains__(self, value: object) -> bool:
        return self.contains(value)  # type: ignore[arg-type]  # checked inside

    def __str__(self) -> str:
        """The interval in Vietnamese notation: "[146,85; 146,95) tỷ đồng"."""
        low, high, unit = Fraction(self.low), Fraction(self.high), self.unit
        if self.kind == "money":
            scale = _printed_scale(self.text) or _auto_scale(int(self.printed))
            if scale is not None:
                size = 10 ** SCALED[scale]
                low, high, unit = low / size, high / size, f"{scale} {unit}"
        text = (
            ("[" if self.low_closed else "(")
            + f"{_written(low)}; {_written(high)}"
            + ("]" if self.high_closed else ")")
        )
        return f"{text} {unit}" if unit else text


#: The scales of :func:`str` by power of ten: 9 → "tỷ", 12 → "nghìn tỷ".
_SCALE_NAMES: Final[Mapping[int, str]] = MappingProxyType(
    {power: name for name, power in SCALED.items()}
)


def _printed_scale(text: str) -> str | None:
    """The scale an amount was printed in (đơn vị in): "trên 388.509 tỷ đồng" → "tỷ".

    The largest run of scale words in the text ("284 nghìn tỷ" is in nghìn tỷ,
    "36.576 tỷ 087 triệu" in tỷ,
    "89 nghìn 500 tỷ" in tỷ); None when it has none ("1.719.000.000 đồng").
    """
    best, run = 0, 0
    for word in re.findall(r"[^\W\d_]+|[0-9]+", text.lower()):  # a number ends a run
        size = IN_FIGURES.get(word, 1)
        run = run + len(str(size)) - 1 if size >= 1_000 else 0
        best = max(best, run)
    return _SCALE_NAMES.get(best)


def _written(value: Fraction) -> str:
    """A bound written the Vietnamese way, with every decimal it has; "∞" from 10**100 on."""
    if value >= _LIMIT:  # "hơn 0": no upper bound but the library's limit
        return "∞"
    places = _places(value)
    if places <= _MAX_PLACES:
        return format_number(_decimal(value), places)
    # More decimals than format_number writes ("0,000…01%"): the same symbols by hand.
    return format(_decimal(value), ",f").replace(",", "\0").replace(".", ",").replace("\0", ".")


def _places(value: Fraction) -> int:
    """Decimals needed to write ``value`` (a terminating decimal) exactly."""
    denominator, places = value.denominator, 0
    while denominator % 10 == 0:
        denominator //= 10
        places += 1
    while denominator % 2 == 0 or denominator % 5 == 0:
        denominator //= 2 if denominator % 2 == 0 else 5
        places += 1
    return places


def _last_digit_unit(value: Fraction) -> Fraction:
    """One unit of the last non-zero digit of ``value`` > 0: 600 → 100, 146,9 → 0,1."""
    places = _places(value)
    digits = str(value.numerator * 10**places // value.denominator)
    zeros = len(digits) - len(digits.rstrip("0"))
    return Fraction(10) ** (zeros - places)


# --------------------------------------------------------------------------- reading: tokens


class _Token(NamedTuple):
    kind: str  # "number", "word" or "other"
    text: str
    start: int
    end: int

    @property
    def key(self) -> str:
        return self.text.lower()


_TOKEN: Final = re.compile(
    r"(?P<number>[0-9](?:[0-9.,]*[0-9])?)|(?P<word>[^\W\d_]+)|(?P<space>\s+)|(?P<other>.)",
    re.S,
)


#: Most digits a printed figure has (10^60 đồng is far beyond any amount; Python also
#: refuses to read an int of more than 4300 digits).
_MAX_NUMBER_DIGITS = 60
#: A number token whose dot can only be a decimal point before a percent sign: "0.9", "5.60".
_DOT_DECIMAL: Final = re.compile(r"[0-9]+\.[0-9]{1,2}")


class _Miss(Exception):
    """Not a figure here: where, what, and the ``parse.<rule>`` code it would raise."""

    def __init__(
        self, position: int, problem: str, code: str, *, resume: int = 0, **details: object
    ) -> None:
        super().__init__(problem)
        self.position = position
        self.problem = problem
        self.code = code
        self.resume = resume  # in running text, the token to read on from (0: decide later)
        self.details = details


class _Term(NamedTuple):
    """A number token and the scale words after it ("146,9 tỷ", "284 nghìn tỷ")."""

    token: _Token
    reading: _Reading
    scale: int
    ends_in_billion: bool


class _Raw(NamedTuple):
    """A figure read but not yet valued: the kind decides how its digits are read."""

    first: int  # index of its first token
    end: int  # index after its last token
    direction: int
    qualifier: Qualifier
    terms: tuple[_Term, ...]  # empty for a number in words
    spoken: _Spoken | None  # a number in words
    large: bool  # a scale of triệu or more: money unless a unit says otherwise
    unit: str | None  # the canonical unit written, if any
    unit_at: int  # where the unit is (or would be) in the NFC text


class _Spoken(NamedTuple):
    """A number in words: its value, and whether it is in the mixed style."""

    value: int
    mixed: bool  # every group after the first spoken with its hundreds


class _Valued(NamedTuple):
    value: Fraction
    last: Fraction  # one unit of the last printed digit, zeros included
    exact: bool  # written in full: no rounding


class _Scanner:
    """Reads figures from the NFC text token by token; ``prose`` for running text."""

    def __init__(self, text: _Text, comma: str, *, prose: bool) -> None:
        self.text = text
        self.comma = comma
        self.prose = prose
        self.tokens = [
            _Token(match.lastgroup or "", match.group(), match.start(), match.end())
            for match in _TOKEN.finditer(text.norm)
            if match.lastgroup != "space"
        ]

    # ------------------------------------------------------------------ helpers

    def keys(self, at: int, count: int) -> tuple[str, ...]:
        return tuple(token.key for token in self.tokens[at : at + count])

    def where(self, at: int) -> int:
        return self.tokens[at].start if at < len(self.tokens) else len(self.text.norm)

    def found(self, at: int) -> str:
        return repr(self.tokens[at].text) if at < len(self.tokens) else "the end"

    def original(self, position: int) -> int:
        origin = self.text.origin
        return origin[position] if origin is not None else position

    def span(self, first: int, end: int) -> tuple[int, int]:
        """Offsets in the caller's text of tokens ``first`` .. ``end - 1``."""
        return self.original(self.tokens[first].start), self.original(self.tokens[end - 1].end)

    def _too_long(self, at: int, kind: str) -> NoReturn:
        """A run of numbers (``kind="number"``) or number words too long for a figure: skip it."""
        words = _VOCABULARY if kind == "word" else IN_FIGURES
        end = at
        while end < len(self.tokens) and (
            (kind == "number" and self.tokens[end].kind == "number")
            or self.tokens[end].key in words
        ):
            end += 1
        raise _Miss(self.where(at), "too long for a figure", "parse.too_long", resume=end)

    # ------------------------------------------------------------------ the parts of a figure

    def prefix(self, at: int) -> tuple[int, Qualifier, int]:
        """Direction words, a hedge and a sign: "vượt gần", "còn thiếu", "hơn", "+"."""
        direction = 0
        for words, sign in _DIRECTIONS:
            if self.keys(at, len(words)) == words:
                direction, at = sign, at + len(words)
                break
        qualifier: Qualifier = ""
        for words, hedge in _HEDGES:
            if self.keys(at, len(words)) == words:
                qualifier, at = hedge, at + len(words)
                break
        if direction == 0 and self._is_sign(at):
            direction, at = _SIGNS[self.tokens[at].text], at + 1
        return direction, qualifier, at

    def _is_sign(self, at: int) -> bool:
        tokens, norm = self.tokens, self.text.norm
        if at + 1 >= len(tokens) or tokens[at].text not in _SIGNS:
            return False
        sign, number = tokens[at], tokens[at + 1]
        if number.kind != "number" or number.start != sign.end:
            return False
        # In running text "COVID-19" and "2021-2023" are no signs.
        return (
            not self.prose
            or sign.start == 0
            or norm[sign.start - 1].isspace()
            or (norm[sign.start - 1] in "([")
        )

    def terms(self, at: int) -> tuple[list[_Term], int]:
        """Number-scale terms: "36.576 tỷ 087 triệu 535 nghìn", "89 nghìn 500 tỷ"."""
        tokens = self.tokens
        terms: list[_Term] = []
        while at < len(tokens) and tokens[at].kind == "number":
            if self.prose and terms and terms[-1].scale == 1:
                break  # in running text a bare number ends the figure
            if self.prose and len(terms) == _MAX_TERMS:
                self._too_long(at, "number")
            token = tokens[at]
            try:
                reading = _read(token.text, self.comma)
            except _Bad as bad:
                decimal = self._decimal_point(at)
                if decimal is None:
                    raise _Miss(token.start + bad.offset, bad.problem, "parse.separator") from None
                reading = decimal
            at += 1
            scale, previous, count = 1, 0, 0
            while at < len(tokens) and tokens[at].kind == "word" and tokens[at].key in IN_FIGURES:
                count += 1
                if self.prose and count > _MAX_SCALE_WORDS:
                    self._too_long(at, "number")
                size = IN_FIGURES[tokens[at].key]
                if previous and not (size > previous or size == previous == _BILLION):
                    if self.prose:
                        break
                    problem = f"{tokens[at].text!r} cannot follow {tokens[at - 1].text!r}"
                    raise _Miss(tokens[at].start, problem, "parse.order")
                scale *= size
                previous = size
                at += 1
            terms.append(_Term(token, reading, scale, previous == _BILLION))
        return terms, at

    def _decimal_point(self, at: int) -> _Reading | None:
        """ "0.9%", "5.6%": a dot before one or two digits and a percent sign is a decimal point.

        Such a dot cannot separate thousands (a group has three digits), so the
        figure is read with it as the decimal separator rather than dropped.
        """
        text = self.tokens[at].text
        if not _DOT_DECIMAL.fullmatch(text):
            return None
        unit, _ = self.unit(at + 1)
        if unit is None or _kind_of(unit) != "percent":
            return None
        dot = text.index(".")
        return _Reading(text[:dot], text[dot + 1 :], None, dot)

    def spoken(self, at: int) -> tuple[_Spoken, bool, int]:
        """A number in words ("bốn", "hai mươi mốt"): its value and style, large, next index."""
        tokens = self.tokens
        end = at
        while end < len(tokens) and tokens[end].kind == "word" and tokens[end].key in _VOCABULARY:
            end += 1
            if self.prose and end - at > _MAX_WORDS:
                self._too_long(end, "word")
        keys = [token.key for token in tokens[at:end]]
        phrase = " ".join(keys)
        try:
            value = parse_amount_in_words(phrase)
        except ParseError as err:
            # Map the position in the joined phrase back to its word.
            offset, index = 0, at
            for i, key in enumerate(keys):
                if offset + len(key) > (err.position or 0):
                    index = at + i
                    break
                offset += len(key) + 1
            problem = str(err.details.get("problem", err))
            raise _Miss(tokens[index].start, problem, err.code) from None
        large = any(IN_WORDS.get(key, 0) >= 6 for key in keys)
        return _Spoken(value, _mixed_in_words(keys)), large, end

    def unit(self, at: int) -> tuple[str | None, int]:
        """The unit after the number: "%", "phần trăm", "đồng", "việc", "bản án"…"""
        tokens = self.tokens
        for words, unit in _PERCENT_UNITS.items():
            if self.keys(at, len(words)) == words:
                return unit, at + len(words)
        if at < len(tokens) and tokens[at].key in _CURRENCY:
            return "đồng", at + 1
        if self.prose:
            for length in _NOUN_LENGTHS:
                keys = self.keys(at, length)
                if len(keys) == length and all(
                    token.kind == "word" for token in tokens[at : at + length]
                ):
                    noun = _COUNT_NOUNS.get(" ".join(keys))
                    if noun is not None:
                        return noun, at + length
            return None, at
        end = at
        while end < len(tokens) and tokens[end].kind == "word":
            end += 1
        if end == at:
            return None, at
        noun = " ".join(token.key for token in tokens[at:end])
        return _COUNT_NOUNS.get(noun, noun), end

    def side(self, at: int, *, prefix: bool) -> _Raw:
        """One figure from token ``at``: prefix words, the number, the unit."""
        first = at
        direction = 0
        qualifier: Qualifier = ""
        if prefix:
            direction, qualifier, at = self.prefix(at)
        token = self.tokens[at] if at < len(self.tokens) else None
        terms: list[_Term] = []
        spoken = None
        if token is not None and token.kind == "number":
            terms, at = self.terms(at)
            large = max(term.scale for term in terms) >= _MILLION
        elif token is not None and token.kind == "word" and token.key in _VOCABULARY:
            spoken, large, at = self.spoken(at)
        else:
            code = "parse.expected" if self.tokens else "parse.empty"
            raise _Miss(self.where(at), f"expected a number, found {self.found(at)}", code)
        unit_at = self.where(at)
        unit, at = self.unit(at)
        return _Raw(first, at, direction, qualifier, tuple(terms), spoken, large, unit, unit_at)

    # ------------------------------------------------------------------ values

    def kind_and_unit(
        self, raw: _Raw, kind: Kind | None, unit: str | None
    ) -> tuple[Kind, str] | None:
        """The kind and unit of ``raw``, given what the caller or the other side expects."""
        if raw.unit is not None:
            found = _kind_of(raw.unit)
            if kind is not None and found != kind:
                raise _Miss(
                    raw.unit_at,
                    f"expected a {kind} figure, found a {found} ({raw.unit!r})",
                    "parse.kind",
                    expected=kind,
                    found=found,
                )
            if unit is not None and raw.unit != unit:
                raise _Miss(
                    raw.unit_at,
                    f"expected the unit {unit!r}, found {raw.unit!r}",
                    "parse.unit",
                    expected=unit,
                    found=raw.unit,
                )
            return found, raw.unit
        if unit is not None:
            return _kind_of(unit), unit
        if kind is not None:
            return kind, _default_unit(kind)
        if raw.large:  # "1.719 tỷ", "1 triệu 50 nghìn": money in these reports
            return "money", "đồng"
        return None

    def value(self, raw: _Raw, kind: Kind) -> _Valued:
        if raw.spoken is not None:
            # Words speak every digit down to the last non-zero one: that digit's unit
            # is the unit of the last printed digit ("năm trăm" like "5 trăm"), but the
            # tens of a group are a number's own name ("hai mươi" like "20", "hai mươi
            # nghìn" like "20 nghìn"), never a rounding.
            number = Fraction(raw.spoken.value)
            last = _last_digit_unit(number) if number else Fraction(1)
            if last >= 10 and len(str(last.numerator)) % 3 == 2:  # 10, 10.000, 10**7…
                last /= 10
            return _Valued(number, last, _exact(kind, last, mixed=raw.spoken.mixed))
        return _digits_value(raw.terms, kind)

    def figure(self, raw: _Raw, kind: Kind, unit: str) -> Figure:
        valued = self.value(raw, kind)
        start, end = self.span(raw.first, raw.end)
        return _figure(
            self.text.original[start:end], kind, unit, valued, raw.qualifier, raw.direction
        )


def _order_problem(terms: tuple[_Term, ...], scales: list[int]) -> _Miss | None:
    """Why terms after the first do not each fall below the one before, if they do not."""
    for k in range(1, len(terms)):
        token, reading = terms[k].token, terms[k].reading
        if reading.frac:
            return _Miss(token.start, "only a single figure can have decimals", "parse.decimals")
        if scales[k] == 1 and len(token.text) != 3:
            problem = (
                f"after {terms[k - 1].token.text!r} and its scale a number without a scale "
                f"word must have 3 digits (e.g. '005'), got {token.text!r}"
            )
            return _Miss(token.start, problem, "parse.group")
        if reading.value() * scales[k] >= scales[k - 1]:
            problem = f"{token.text!r} is not less than the scale before it"
            return _Miss(token.start, problem, "parse.order")
    return None


def _digits_value(terms: tuple[_Term, ...], kind: Kind) -> _Valued:
    """The value of number-scale terms, the unit of the last printed digit, and exactness."""
    first = terms[0]
    reading = first.reading
    point = first.token.start + max(reading.point, 0)
    for term in terms:  # every term: Python will not even read an int of 4300 digits
        if len(term.reading.digits) + len(term.reading.frac) > _MAX_NUMBER_DIGITS:
            problem = f"more than {_MAX_NUMBER_DIGITS} digits: no figure"
            raise _Miss(term.token.start, problem, "parse.too_large")
    if reading.alt is not None and kind != "percent":
        # "1,052": a mis-typed thousands separator where a decimal comma is impossible
        # (smaller units follow, or the decimal reading is not whole), else ambiguous.
        # A percentage keeps the decimal comma: "1,052%" is never 1.052%.
        if len(terms) > 1 or (reading.value() * first.scale).denominator != 1:
            reading = _Reading(reading.alt, "", None)
        else:
            text = first.token.text
            problem = (
                f"{text!r} is ambiguous: a decimal comma ({text}) or a mis-typed thousands "
                f"separator ({text.replace(',', '.')}); pass comma='decimal' or "
                "comma='thousands' to say which"
            )
            raise _Miss(point, problem, "parse.ambiguous")
    if reading.frac and len(terms) > 1:
        raise _Miss(point, "a number followed by smaller units must be whole", "parse.decimals")
    readings = [reading, *(term.reading for term in terms[1:])]
    scales = [term.scale for term in terms]
    factor = 1
    order = _order_problem(terms, scales)
    if (
        order is not None
        and len(terms) > 1
        and terms[-1].ends_in_billion
        and not any(term.ends_in_billion or term.scale >= _BILLION for term in terms[:-1])
    ):
        # A compound scale: "89 nghìn 500 tỷ" is (89 nghìn 500) tỷ = 89.500 tỷ.
        scales[-1] //= _BILLION
        factor = _BILLION
        order = _order_problem(terms, scales)
    if order is not None:
        raise order
    value = sum((r.value() * s for r, s in zip(readings, scales, strict=True)), Fraction(0))
    value *= factor
    if value >= _LIMIT:
        raise _Miss(first.token.start, "number too large (10**100 or more)", "parse.too_large")
    if kind != "percent" and value.denominator != 1:
        raise _Miss(first.token.start, "not a whole number", "parse.not_whole")
    last = Fraction(scales[-1] * factor, 10 ** len(readings[-1].frac))
    mixed = (
        factor == 1
        and len(terms) > 1
        and all(len(term.token.text) == 3 and term.token.text.isdigit() for term in terms[1:])
    )
    return _Valued(value, last, _exact(kind, last, mixed=mixed))


def _exact(kind: Kind, last: Fraction, *, mixed: bool) -> bool:
    """The one rule of exactness, in figures and in words (DOMAIN §6a).

    A count or an amount written down to its units is exact; so is money in
    the official mixed style, every group after the first with three digits
    ("36.576 tỷ 087 triệu 535 nghìn đồng"; in words, spoken with its hundreds).
    Any other figure is rounded at its last printed digit; percents always are.
    """
    return kind != "percent" and (last <= 1 or (kind == "money" and mixed))


def _mixed_in_words(keys: list[str]) -> bool:
    """Whether every group after the first of a number in words is spoken with its hundreds."""
    groups: list[list[str]] = [[]]
    for key in keys:
        if key in IN_WORDS:
            groups.append([])
        else:
            groups[-1].append(key)
    spoken = [group for group in groups if group]  # "một nghìn tỷ": a compound scale
    return len(spoken) > 1 and all(_HUNDRED_WORD in group for group in spoken[1:])


def _figure(
    text: str, kind: Kind, unit: str, valued: _Valued, qualifier: Qualifier, direction: int
) -> Figure:
    """The interval of DOMAIN §6a for a value as printed."""
    value, last = valued.value, valued.last
    unit_step = _last_digit_unit(value) if value else last
    low_closed = high_closed = False
    if qualifier == "over":
        low, high = value, value + unit_step
        if not value:  # "hơn 0": no digit gives a unit, so only "positive" is said
            high = Fraction(_LIMIT)
    elif qualifier == "under":
        low, high = value - unit_step, value
        if not value:  # "gần 0": below one unit of the last digit
            low, high, low_closed = Fraction(0), last, True
    elif qualifier == "about":
        low, high = value - unit_step / 2, value + unit_step / 2
        low_closed = high_closed = True
    elif valued.exact:
        low = high = value
        low_closed = high_closed = True
    else:
        low, high = value - last / 2, value + last / 2
        low_closed = True
    if low < 0:
        low, low_closed = Fraction(0), True
    return Figure(
        text=text,
        kind=kind,
        unit=unit,
        printed=_decimal(value),
        low=_decimal(low),
        high=_decimal(high),
        low_closed=low_closed,
        high_closed=high_closed,
        qualifier=qualifier,
        direction=direction,
        step=_decimal(unit_step),
    )


# --------------------------------------------------------------------------- arguments and errors


def _canonical_unit(unit: str) -> str:
    """The canonical spelling of a unit given by the caller: "Vụ việc" → "việc", "VND" → "đồng"."""
    scanner = _Scanner(_prepare(unit, "parse_figure", _MAX_FIGURE), "strict", prose=False)
    keys = tuple(token.key for token in scanner.tokens)
    if not keys:
        return ""
    if keys in _PERCENT_UNITS:
        return _PERCENT_UNITS[keys]
    if len(keys) == 1 and keys[0] in _CURRENCY:
        return "đồng"
    noun = " ".join(keys)
    return _COUNT_NOUNS.get(noun, noun)


def _expectations(what: str, kind: object, unit: object) -> tuple[Kind | None, str | None]:
    if kind is not None:
        require_choice("kind", kind, _KINDS, ParseError)
    if unit is not None:
        require_instance("unit", unit, str, ParseError)
    expected_unit = None
    if isinstance(unit, str):
        # unit="" expects nothing: the text may have a unit or not.
        expected_unit = _canonical_unit(unit) or None
    expected_kind: Kind | None = kind  # type: ignore[assignment]
    if expected_kind is not None and expected_unit:
        implied = _kind_of(expected_unit)
        if implied != expected_kind:
            raise ParseError(
                f"{what}: the unit {unit!r} is a {implied} unit, not a {expected_kind} one",
                code="parse.kind",
                details={"function": what, "argument": "unit", "value": shown(unit)},
            )
    return expected_kind, expected_unit


def _comma(comma: object) -> str:
    return require_choice("comma", comma, _COMMA_MODES, ParseError)


def _raise(scanner: _Scanner, what: str, miss: _Miss) -> ParseError:
    text = scanner.text
    where = scanner.original(miss.position)
    return ParseError(
        f"{what}: {miss.problem} at position {where} in {text.original!r}",
        text=text.original,
        position=where,
        code=miss.code,
        details={"function": what, "argument": "text", "problem": miss.problem, **miss.details},
    )


def _end(scanner: _Scanner, at: int, hint: str = "") -> None:
    if at < len(scanner.tokens):
        raise _Miss(scanner.where(at), f"unexpected {scanner.found(at)}{hint}", "parse.unexpected")


# --------------------------------------------------------------------------- the readers


def parse_figure(
    text: str, *, kind: Kind | None = None, unit: str | None = None, comma: Comma = "strict"
) -> Figure:
    """Read one printed figure as an interval (đọc một số liệu): "hơn 146,9 tỷ đồng".

    The text is an optional direction ("tăng", "giảm", "vượt", "thiếu", "còn
    thiếu", "chậm" or a sign), an optional hedge ("hơn", "trên", "gần",
    "dưới", "khoảng", "xấp xỉ", "gần như", "chừng"), the number in figures
    ("5.409", "146,9 tỷ", "7 nghìn 4 trăm", "89 nghìn 500 tỷ", "03") or in
    words ("bốn", "hai mươi mốt"), and a unit: "%" or "phần trăm" (percent),
    "điểm phần trăm" (percentage points, a percent figure too), "đồng"/"đ"/
    "VND"/"₫" (money) or any noun (a count: "việc", "vụ việc", "bản án").
    Without a unit, ``unit=`` or ``kind=`` says what the number is; failing
    those a number with triệu or tỷ is money ("1.719 tỷ") and any other a
    count with unit "". ``kind``/``unit``, when given, must match the text's
    own unit (codes ``parse.kind``, ``parse.unit``). ``comma`` reads a comma as
    :func:`~thads_metrics.vi.parse.parse_number` does, except that a
    percentage always takes a lone comma as the decimal comma.

    >>> fig = parse_figure("hơn 5 nghìn 2 trăm việc")
    >>> fig.unit, fig.qualifier, fig.low, fig.high
    ('việc', 'over', Decimal('5200'), Decimal('5300'))
    >>> fig = parse_figure("vượt gần 4%")
    >>> fig.direction, fig.qualifier, str(fig)
    (1, 'under', '(3; 4) %')
    >>> str(parse_figure("89 nghìn 500 tỷ đồng")), parse_figure("năm bản án").unit
    ('[89.499,5; 89.500,5) tỷ đồng', 'bản án')
    >>> parse_figure("1,052 tỷ đồng")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    thads_metrics.errors.ParseError: parse_figure: '1,052' is ambiguous: ... at position 1 in ...
    """
    what = "parse_figure"
    expected_kind, expected_unit = _expectations(what, kind, unit)
    scanner = _Scanner(_prepare(text, what, _MAX_FIGURE), _comma(comma), prose=False)
    try:
        raw = scanner.side(0, prefix=True)
        _end(scanner, raw.end, " (a part over a whole is read by parse_ratio)")
        found = scanner.kind_and_unit(raw, expected_kind, expected_unit) or ("count", "")
        return scanner.figure(raw, *found)
    except _Miss as miss:
        raise _raise(scanner, what, miss) from None


def parse_ratio(text: str, *, comma: Comma = "strict") -> tuple[Figure, Figure]:
    """Read a part over a whole (tử số/mẫu số): "5.409/12.345 việc", "1.719 tỷ/6.112 tỷ".

    Each side is read as by :func:`parse_figure` (a direction or hedge only
    before the part); a unit on either side applies to both, and units on
    both sides must agree (``parse.unit``); scale words on a whole of one
    number apply to a part without any ("1.719/6.112 tỷ đồng" is 1.719 tỷ
    over 6.112 tỷ). The part as printed must not
    exceed the whole as printed (``parse.part_exceeds_whole``).

    >>> part, whole = parse_ratio("5.409/12.345 việc")
    >>> part.unit, part.printed, whole.printed, part.text
    ('việc', Decimal('5409'), Decimal('12345'), '5.409')
    >>> [str(side) for side in parse_ratio("1.719 tỷ/6.112 tỷ")]
    ['[1.718,5; 1.719,5) tỷ đồng', '[6.111,5; 6.112,5) tỷ đồng']
    >>> [str(side) for side in parse_ratio("146,9/600 tỷ đồng")]
    ['[146,85; 146,95) tỷ đồng', '[599,5; 600,5) tỷ đồng']
    """
    what = "parse_ratio"
    scanner = _Scanner(_prepare(text, what, _MAX_FIGURE), _comma(comma), prose=False)
    try:
        left = scanner.side(0, prefix=True)
        if left.end >= len(scanner.tokens) or scanner.tokens[left.end].text != "/":
            problem = f"expected '/', found {scanner.found(left.end)}"
            raise _Miss(scanner.where(left.end), problem, "parse.expected")
        right = scanner.side(left.end + 1, prefix=False)
        _end(scanner, right.end)
        part, whole = _pair(scanner, left, right)
        if part.printed > whole.printed:
            raise _Miss(
                scanner.tokens[left.first].start,
                f"the part {part.text!r} exceeds the whole {whole.text!r}",
                "parse.part_exceeds_whole",
                part=part.printed,
                whole=whole.printed,
            )
        return part, whole
    except _Miss as miss:
        raise _raise(scanner, what, miss) from None


def _shared_scale(left: _Raw, right: _Raw) -> _Raw:
    """The part of "1.719/6.112 tỷ đồng": a scale word on the whole applies to a bare part.

    Only a part of one number without scale words takes it, from a whole of one
    number with scale words: "1.719/6.112 tỷ" is 1.719 tỷ over 6.112 tỷ.
    """
    if (
        len(left.terms) == 1
        and left.terms[0].scale == 1
        and len(right.terms) == 1
        and right.terms[0].scale > 1
    ):
        whole = right.terms[0]
        term = left.terms[0]._replace(scale=whole.scale, ends_in_billion=whole.ends_in_billion)
        return left._replace(terms=(term,), large=right.large)
    return left


def _pair(scanner: _Scanner, left: _Raw, right: _Raw) -> tuple[Figure, Figure]:
    """The two figures of a part over a whole, the unit and scale of the whole applying to both."""
    left = _shared_scale(left, right)
    if left.unit is not None and right.unit is not None and left.unit != right.unit:
        raise _Miss(
            right.unit_at,
            f"the part is in {left.unit!r} but the whole in {right.unit!r}",
            "parse.unit",
            expected=left.unit,
            found=right.unit,
        )
    unit = left.unit if left.unit is not None else right.unit
    sides = []
    for raw in (left, right):
        found = scanner.kind_and_unit(raw, None, unit) or ("count", "")
        sides.append(scanner.figure(raw, *found))
    return sides[0], sides[1]


def find_figures(text: str, *, comma: Comma = "strict") -> list[tuple[int, int, Figure]]:
    """Find every printed figure in running text (tìm số liệu trong văn bản), in order.

    Returns ``(start, end, figure)`` with the offsets of each figure in
    ``text`` (``text[start:end] == figure.text``). A figure here is a
    percentage, an amount (with "đồng", or with triệu/tỷ as in "1.719 tỷ"), or
    a count with a counted noun ("việc", "vụ việc", "vụ án", "bản án",
    "người"…), in figures or in words, with its direction and hedge words. A
    part over a whole ("5.409/12.345 việc", "5.409 việc trên 12.345 việc",
    "1.719/6.112 tỷ đồng") gives its two figures, the unit and scale of the
    whole applying to both. Dates ("31/8/2021"), years, numbers without a unit and
    figures that cannot be read unambiguously ("1,052 tỷ" unless ``comma``
    says which) are left out: ordinary prose never raises.

    >>> found = find_figures("thi hành xong hơn 5.750 việc với hơn 157 tỷ đồng, đạt hơn 84%")
    >>> [(start, end, str(figure)) for start, end, figure in found]
    [(14, 28, '(5.750; 5.760) việc'), (33, 48, '(157; 158) tỷ đồng'), (54, 61, '(84; 85) %')]
    """
    what = "find_figures"
    scanner = _Scanner(_prepare(text, what, _MAX_TEXT), _comma(comma), prose=True)
    found: list[tuple[int, int, Figure]] = []
    at = 0
    while at < len(scanner.tokens):
        try:
            figures, at = _figures_at(scanner, at)
        except _Miss as miss:
            figures, at = [], _after(scanner, at, miss)
        for figure_first, figure_end, figure in figures:
            start, end = scanner.span(figure_first, figure_end)
            found.append((start, end, figure))
    return found


def _figures_at(scanner: _Scanner, at: int) -> tuple[list[tuple[int, int, Figure]], int]:
    """The figures that start at token ``at`` (none, one, or a pair) and where to go on."""
    left = scanner.side(at, prefix=True)
    out_of = _out_of(scanner, left)
    if out_of is not None:
        return out_of
    if not _slash_number(scanner, left.end):
        found = scanner.kind_and_unit(left, None, None)
        if found is None:  # a number without a unit: no figure, nor any part of it
            return [], left.end
        return [(left.first, left.end, scanner.figure(left, *found))], left.end
    right = scanner.side(left.end + 1, prefix=False)
    if _slash_number(scanner, right.end):  # a date: 31/8/2021
        end = right.end
        while _slash_number(scanner, end):
            end += 2
        return [], end
    try:
        shared = _shared_scale(left, right)
        if left.unit is None and right.unit is None and not (shared.large and right.large):
            return [], right.end  # "2/16", "8/2021": no figures
        part, whole = _pair(scanner, left, right)
    except _Miss:
        # Units that do not agree, or a side that cannot be read: each side on its own.
        found = scanner.kind_and_unit(left, None, None)
        alone = [] if found is None else [(left.first, left.end, scanner.figure(left, *found))]
        return alone, left.end + 1
    return [(left.first, left.end, part), (right.first, right.end, whole)], right.end


def _out_of(scanner: _Scanner, left: _Raw) -> tuple[list[tuple[int, int, Figure]], int] | None:
    """ "5.409 việc trên 12.345 việc": "trên" between two counts of one unit is "out of".

    A part over a whole like "5.409/12.345 việc", not the hedge "trên" (over)
    of the second figure. Percents are left alone ("80% trên 75%").
    """
    tokens = scanner.tokens
    at = left.end
    if (
        left.unit is None
        or _kind_of(left.unit) == "percent"
        or at + 1 >= len(tokens)
        or tokens[at].key != "trên"
        or tokens[at + 1].kind != "number"
    ):
        return None
    try:
        right = scanner.side(at + 1, prefix=False)
    except _Miss:
        return None
    if right.unit != left.unit:
        return None
    part, whole = _pair(scanner, left, right)
    return [(left.first, left.end, part), (right.first, right.end, whole)], right.end


def _after(scanner: _Scanner, at: int, miss: _Miss) -> int:
    """Where to go on after a figure failed: past a number token that could not be read.

    "2 tỷ 5 đồng" fails at "5": reading on from "5" would find "5 đồng", a part of
    a wrong figure, so the scan resumes after it.
    """
    if miss.resume > at:
        return miss.resume
    for index in range(at, len(scanner.tokens)):
        token = scanner.tokens[index]
        if token.start <= miss.position < max(token.end, token.start + 1):
            return index + 1 if token.kind == "number" else at + 1
    return at + 1


def _slash_number(scanner: _Scanner, at: int) -> bool:
    tokens = scanner.tokens
    return at + 1 < len(tokens) and tokens[at].text == "/" and tokens[at + 1].kind == "number"
