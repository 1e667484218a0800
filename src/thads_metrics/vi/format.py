"""Vietnamese number, percent and money formatting (định dạng số kiểu Việt Nam).

Figures are written the way Vietnamese official reports write them: a dot
between thousands, a comma before decimals ("576.933", "83,86%"), scale words
for large money ("146,9 tỷ đồng"), the mixed official style ("36.576 tỷ 087
triệu 535 nghìn đồng") and hedged press figures ("hơn 410 nghìn việc").

Only exact numbers are formatted: ``int``, ``Decimal`` and ``Fraction``.
Rounding is half up (away from zero on a tie) on the exact value; ``float``,
``bool``, ``None`` and strings raise :class:`FormatError`, never coerced.
Magnitudes must be below 10**100.

The separators, the minus sign, the default number of decimals, the percent
sign and the "₫" symbol are those of CLDR's ``vi`` locale (:data:`CLDR_VI`),
written here so that importing the library does not load babel's locale data
(a test reads them from babel and checks this table); plain output is
byte-identical to ``babel.numbers.format_decimal(x, locale="vi")`` when babel
rounds half up (see docs/rules/numbers.md for the exact conditions).

>>> from decimal import Decimal
>>> format_number(576933), format_percent(Decimal("83.86"))
('576.933', '83,86%')
>>> format_dong(146_900_000_000, "scaled")
'146,9 tỷ đồng'
>>> approximate(410_512, "hơn", digits=3)
'hơn 410 nghìn việc'
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from decimal import MAX_EMAX, MAX_PREC, MIN_EMIN, ROUND_HALF_UP, Context, Decimal
from fractions import Fraction
from types import MappingProxyType
from typing import Final, Literal

from thads_metrics._checks import (
    Exact,
    require_choice,
    require_exact,
    require_flag,
    require_instance,
    require_int,
    shown,
)
from thads_metrics.errors import FormatError
from thads_metrics.vi._scales import BILLION, HUNDRED, SCALED, THOUSANDS, Thousand, split

__all__ = [
    "CLDR_VI",
    "DongStyle",
    "FormatError",
    "Hedge",
    "Scale",
    "approximate",
    "format_count",
    "format_dong",
    "format_number",
    "format_percent",
    "format_points",
]

#: Styles of :func:`format_dong`.
DongStyle = Literal["exact", "scaled", "mixed", "symbol"]
#: Scale words of the scaled money style (thousand is spelled by ``thousand=``).
Scale = Literal["nghìn", "triệu", "tỷ", "nghìn tỷ", "triệu tỷ"]
#: Hedge words of :func:`approximate`.
Hedge = Literal["hơn", "trên", "gần"]


# --------------------------------------------------------------------------- CLDR "vi" data

#: The symbols and patterns of CLDR's ``vi`` locale the formatting uses (dữ liệu CLDR
#: tiếng Việt), as babel's CLDR data gives them (checked by tests/test_vi_format.py):
#: the thousands separator, the decimal separator, the minus and plus signs, the most
#: decimals of the decimal pattern "#,##0.###", the suffix of the percent pattern and
#: that of the currency pattern with the VND symbol.
CLDR_VI: Final[Mapping[str, str | int]] = MappingProxyType(
    {
        "group": ".",
        "decimal": ",",
        "minus": "-",
        "plus": "+",
        "decimals": 3,
        "percent_suffix": "%",
        "currency_suffix": "\xa0₫",
    }
)
_GROUP: Final[str] = str(CLDR_VI["group"])
_DECIMAL: Final[str] = str(CLDR_VI["decimal"])
_MINUS: Final[str] = str(CLDR_VI["minus"])
_PLUS: Final[str] = str(CLDR_VI["plus"])
_DEFAULT_DECIMALS: Final[int] = int(CLDR_VI["decimals"])
_PERCENT_SUFFIX: Final[str] = str(CLDR_VI["percent_suffix"])
_CURRENCY_SUFFIX: Final[str] = str(CLDR_VI["currency_suffix"])


def _vi(text: str) -> str:
    """Python's "," / "." / "-" rendering → the CLDR vi symbols (chained replace is fastest)."""
    text = text.replace(",", "\0").replace(".", _DECIMAL).replace("\0", _GROUP)
    return text if _MINUS == "-" else text.replace("-", _MINUS)


def _vi_int(text: str) -> str:
    """Like :func:`_vi` for text without a decimal point."""
    text = text.replace(",", _GROUP)
    return text if _MINUS == "-" else text.replace("-", _MINUS)


# --------------------------------------------------------------------------- limits and rounding

# Magnitudes at or above this are refused (they could not be printed sensibly).
_LIMIT_DIGITS: Final[int] = 100
_LIMIT: Final[int] = 10**_LIMIT_DIGITS
_MAX_DECIMALS: Final[int] = 100
_POW10: Final[tuple[int, ...]] = tuple(10**d for d in range(_MAX_DECIMALS + 1))
# A context that never rounds on its own: quantize rounds exactly, half up.
_CTX: Final = Context(prec=MAX_PREC, rounding=ROUND_HALF_UP, Emax=MAX_EMAX, Emin=MIN_EMIN)
_QUANTA: Final = tuple(Decimal(1).scaleb(-d) for d in range(_MAX_DECIMALS + 1))

# The C number writer (vi/_speedups.c, built with the wheel where a compiler is found):
# format_number asks it first; it answers None for whatever it leaves to _write_number
# (other types, errors, NaN), which writes the same text in pure Python, a few times slower.
_write: Callable[[object, object, object], str | None] | None
try:
    from thads_metrics.vi._speedups import NumberWriter

    _write = NumberWriter(_GROUP, _DECIMAL, _MINUS, Decimal, _LIMIT_DIGITS, _MAX_DECIMALS).write
except (ImportError, ValueError):  # not built (no compiler…), or symbols it cannot write
    _write = None

# Automatic scale of the scaled style: (threshold, scale). Above tỷ the next scale
# is taken only when the count would reach 100.000 ("1.719 tỷ", "36.576 tỷ" as
# reports write them, but "284 nghìn tỷ").
_AUTO_SCALES: Final = (
    (10**17, "triệu tỷ"),
    (10**14, "nghìn tỷ"),
    (10**9, "tỷ"),
    (10**6, "triệu"),
    (10**3, "nghìn"),
)
# The next smaller scale of the scaled style ("tỷ" → "triệu"), from the one table.
_SMALLER: Final[dict[str, str | None]] = dict(zip(SCALED, (None, *SCALED)[:-1], strict=True))


# --------------------------------------------------------------------------- argument checks


def _too_large(name: str, value: object) -> FormatError:
    return FormatError(
        f"{name} must be below 10**100 in magnitude, got {shown(value)}",
        code="format.range",
        details={"argument": name, "value": shown(value), "rule": "below 10**100 in magnitude"},
    )


def _check_decimals(decimals: object, maximum: int = _MAX_DECIMALS) -> int:
    return require_int("decimals", decimals, FormatError, maximum=maximum)


def _detail(value: object) -> object:
    """A value for an error's details: ints and Decimals as they are, others as text."""
    return value if isinstance(value, (int, Decimal)) else shown(value)


def _check_choice(name: str, value: object, choices: tuple[str, ...]) -> str:
    return require_choice(name, value, choices, FormatError)


def _exact(name: str, value: object) -> Exact:
    if type(value) is int and not -_LIMIT < value < _LIMIT:  # before any message prints it
        raise _too_large(name, value)
    number = require_exact(name, value, FormatError, minimum=None)
    if isinstance(number, Decimal):
        too_large = bool(number) and number.adjusted() >= _LIMIT_DIGITS
    else:
        too_large = number <= -_LIMIT or number >= _LIMIT
    if too_large:
        raise _too_large(name, value)
    return number


def _whole(name: str, value: object, *, minimum: int | None) -> int:
    if type(value) is int and not -_LIMIT < value < _LIMIT:  # before any message prints it
        raise _too_large(name, value)
    return require_int(name, value, FormatError, minimum=minimum)


def _scaled_half_up(value: Exact, decimals: int) -> int:
    """``value × 10**decimals`` rounded half up (away from zero) to an int, exactly."""
    if isinstance(value, int):
        return int(value) * _POW10[decimals]
    if isinstance(value, Decimal):
        return int(value.scaleb(decimals, _CTX).to_integral_value(ROUND_HALF_UP, _CTX))
    scaled = abs(value) * _POW10[decimals]
    whole, rest = divmod(scaled.numerator, scaled.denominator)
    if 2 * rest >= scaled.denominator:
        whole += 1
    return -whole if value < 0 else whole


def _digits(scaled: int, decimals: int, fixed: bool) -> str:
    """Vietnamese text of ``scaled / 10**decimals`` (already rounded)."""
    whole, frac = divmod(abs(scaled), 10**decimals)
    text = f"{whole:,}"
    if decimals:
        tail = str(frac).zfill(decimals)
        if not fixed:
            tail = tail.rstrip("0")
        if tail:
            text += "." + tail
    if scaled < 0:
        text = "-" + text
    return _vi(text)


def _number(value: object, decimals: int, fixed: bool, name: str = "value") -> str:
    number = _exact(name, value)
    return _digits(_scaled_half_up(number, decimals), decimals, fixed)


# --------------------------------------------------------------------------- numbers


def format_number(value: Exact, decimals: int = _DEFAULT_DECIMALS, *, fixed: bool = False) -> str:
    """Write a number the Vietnamese way (định dạng số): "576.933", "1.234,5".

    Dots between thousands, a comma before decimals; rounded half up to
    ``decimals`` places (default 3, as CLDR vi); trailing zeros dropped unless
    ``fixed``. A value that rounds to zero is written "0", never "-0".

    >>> from decimal import Decimal
    >>> format_number(576933)
    '576.933'
    >>> format_number(Decimal("-1234.5"))
    '-1.234,5'
    >>> format_number(Decimal("1.0005"))
    '1,001'
    >>> format_number(Decimal("83.8"), 2, fixed=True)
    '83,80'
    """
    if _write is not None:
        text = _write(value, decimals, fixed)
        if text is not None:
            return text
    return _write_number(value, decimals, fixed)


def _write_number(value: Exact, decimals: int, fixed: bool) -> str:
    """The pure-Python writer of :func:`format_number` (the C one gives the same text)."""
    if type(decimals) is not int or not 0 <= decimals <= _MAX_DECIMALS:
        _check_decimals(decimals)
    if type(fixed) is not bool:
        require_flag("fixed", fixed, FormatError)
    if type(value) is int:
        if -_LIMIT < value < _LIMIT:
            if fixed and decimals:
                return _vi(f"{value:,}." + "0" * decimals)
            return _vi_int(f"{value:,}")
    elif (
        type(value) is Decimal
        and value.is_finite()
        and (not value or value.adjusted() < _LIMIT_DIGITS)
    ):
        rounded = value.quantize(_QUANTA[decimals], context=_CTX)
        text = f"{rounded:,f}"
        if decimals and not fixed:
            text = text.rstrip("0").rstrip(".")
        if not rounded and text[0] == "-":
            text = text[1:]
        return _vi(text)
    return _number(value, decimals, fixed)


def format_percent(value: Exact, decimals: int = 2, *, fixed: bool = False) -> str:
    """Write a percentage (tỷ lệ phần trăm): "80,9%", "43%", "50,75%".

    ``value`` is already in percent (0..100 for a rate). Up to ``decimals``
    places (default 2), half up, trailing zeros dropped unless ``fixed``.

    >>> from decimal import Decimal
    >>> format_percent(Decimal("80.90")), format_percent(43), format_percent(Decimal("50.754"))
    ('80,9%', '43%', '50,75%')
    >>> format_percent(Decimal("80.9"), 2, fixed=True)
    '80,90%'
    """
    return format_number(value, decimals, fixed=fixed) + _PERCENT_SUFFIX


_POINT_WORDS: Final = {"change": ("tăng", "giảm"), "target": ("vượt", "thiếu")}


def format_points(
    points: Exact,
    decimals: int = 2,
    *,
    sign: Literal["symbol", "change", "target"] = "symbol",
    unit: Literal["points", "percent"] = "points",
    fixed: bool = False,
) -> str:
    """Write a difference of percentages (chênh lệch điểm phần trăm).

    ``sign="symbol"`` writes "+"/"-"; ``"change"`` writes "tăng"/"giảm" (against
    the same period); ``"target"`` writes "vượt"/"thiếu" (against a target).
    ``unit="points"`` writes "điểm phần trăm", ``"percent"`` the reports' bare
    "%". A difference that rounds to zero gets no sign and no word.

    >>> from decimal import Decimal
    >>> format_points(Decimal("2.5"))
    '+2,5 điểm phần trăm'
    >>> format_points(Decimal("-1.254"), sign="change")
    'giảm 1,25 điểm phần trăm'
    >>> format_points(Decimal("2.86"), sign="target", unit="percent")
    'vượt 2,86%'
    >>> format_points(Decimal("0.001"))
    '0 điểm phần trăm'
    """
    _check_choice("sign", sign, ("symbol", "change", "target"))
    suffix = {"points": " điểm phần trăm", "percent": _PERCENT_SUFFIX}[
        _check_choice("unit", unit, ("points", "percent"))
    ]
    _check_decimals(decimals)
    require_flag("fixed", fixed, FormatError)
    scaled = _scaled_half_up(_exact("points", points), decimals)
    text = _digits(abs(scaled), decimals, fixed) + suffix
    if scaled == 0:
        return text
    if sign == "symbol":
        return (_PLUS if scaled > 0 else _MINUS) + text
    up, down = _POINT_WORDS[sign]
    return f"{up if scaled > 0 else down} {text}"


# --------------------------------------------------------------------------- counts


def _grouped(value: int) -> str:
    return _vi_int(f"{value:,}")


def _spoken(count: int, thousand: str) -> str:
    """ "7 nghìn 4 trăm", "1 triệu 50 nghìn", "5 nghìn 409"; ``count`` >= 0."""
    if count < 1000:
        return str(count)
    groups = split(count)
    parts: list[str] = [f"{_grouped(groups.billions)} {BILLION.word}"] if groups.billions else []
    parts += [f"{group} {word}" for group, word in groups.scaled(thousand) if group]
    units = groups.units
    if units % 100 == 0 and units:
        parts.append(f"{units // 100} {HUNDRED.word}")
    elif units:
        parts.append(f"{units:03d}")
    return " ".join(parts)


def format_count(
    count: int,
    unit: str = "việc",
    *,
    spoken: bool = False,
    thousand: Thousand = "nghìn",
) -> str:
    """Write a number of cases or people (số việc): "5.409 việc".

    ``spoken=True`` writes the press style with scale words: "7 nghìn 4 trăm
    việc", "410 nghìn việc", "5 nghìn 409 việc" (a units group that is not a
    whole number of hundreds is written with three digits: "1 nghìn 050").
    ``unit=""`` writes the number alone.

    >>> format_count(5409)
    '5.409 việc'
    >>> format_count(7400, spoken=True)
    '7 nghìn 4 trăm việc'
    >>> format_count(410_000, "người", spoken=True, thousand="ngàn")
    '410 ngàn người'
    """
    number = _whole("count", count, minimum=0)
    require_instance("unit", unit, str, FormatError, what="a str")
    require_flag("spoken", spoken, FormatError)
    word = _check_choice("thousand", thousand, THOUSANDS)
    text = _spoken(number, word) if spoken else _grouped(number)
    return f"{text} {unit}" if unit else text


# --------------------------------------------------------------------------- money


def _scale_word(scale: str, thousand: str) -> str:
    return scale.replace("nghìn", thousand)


def _auto_scale(size: int) -> str | None:
    return next((name for limit, name in _AUTO_SCALES if size >= limit), None)


def _scaled_dong(
    amount: int, decimals: int | None, scale: str | None, fixed: bool, thousand: str
) -> str:
    size = abs(amount)
    auto = scale is None
    if scale is None:
        scale = _auto_scale(size)
        if scale is None:
            return f"{_grouped(amount)} đồng"
    power = SCALED[scale]
    if decimals is None:  # exact: as many decimals as the amount needs
        whole, frac = divmod(size, 10**power)
        tail = str(frac).zfill(power).rstrip("0") if frac else ""
        if auto and whole < 1000 and len(tail) == 3:
            # "1,052 tỷ" reads as a mis-typed "1.052 tỷ" too; "1.052 triệu" cannot.
            smaller = _SMALLER[scale]
            if smaller is None:
                return f"{_grouped(amount)} đồng"
            return _scaled_dong(amount, decimals, smaller, fixed, thousand)
        text = f"{whole:,}" + ("." + tail if tail else "")
        if amount < 0:
            text = "-" + text
        text = _vi(text)
    else:
        scaled = _scaled_half_up(Fraction(amount, 10**power), decimals)
        if auto:  # rounding may reach the next scale: 999,96 triệu → 1 tỷ
            rounded_scale = _auto_scale(abs(scaled) * 10**power // 10**decimals)
            if rounded_scale != scale:
                return _scaled_dong(amount, decimals, rounded_scale, fixed, thousand)
        text = _digits(scaled, decimals, fixed)
    return f"{text} {_scale_word(scale, thousand)} đồng"


def _mixed_dong(amount: int, thousand: str) -> str:
    size = abs(amount)
    sign = _MINUS if amount < 0 else ""
    if size < 1000:
        return f"{sign}{size} đồng"
    groups = split(size)
    parts: list[str] = [f"{_grouped(groups.billions)} {BILLION.word}"] if groups.billions else []
    for group, word in groups.scaled(thousand):
        if group:  # zero-padded after the first group: "087 triệu"
            parts.append(f"{group:03d} {word}" if parts else f"{group} {word}")
    if groups.units:
        parts.append(f"{groups.units:03d}")
    return sign + " ".join(parts) + " đồng"


def format_dong(
    amount: int,
    style: DongStyle = "exact",
    *,
    decimals: int | None = 1,
    scale: Scale | None = None,
    fixed: bool = False,
    thousand: Thousand = "nghìn",
) -> str:
    """Write an amount of money in đồng (số tiền).

    Styles:

    - ``"exact"``: "1.719.000.000 đồng".
    - ``"scaled"``: "146,9 tỷ đồng", "284 nghìn tỷ đồng", "1.719 tỷ đồng". The
      scale is the largest of nghìn, triệu, tỷ not above the amount, then
      "nghìn tỷ" from 100 nghìn tỷ and "triệu tỷ" from 100 triệu tỷ, unless
      ``scale`` is given; ``decimals``
      (default 1) places, half up, trailing zeros dropped unless ``fixed``;
      ``decimals=None`` writes every decimal needed, so the text is exact, and
      with the automatic scale avoids the shape "1,052 tỷ" (which could be a
      mis-typed 1.052 tỷ) by writing "1.052 triệu".
    - ``"mixed"``: the official exact style, "36.576 tỷ 087 triệu 535 nghìn
      đồng" (groups after the first zero-padded to 3 digits, empty groups left out).
    - ``"symbol"``: "1.719.000.000 ₫" for user interfaces (CLDR vi: a
      no-break space U+00A0 before "₫").

    ``amount`` is an ``int`` of đồng (negative for a decrease).

    >>> format_dong(1_719_000_000)
    '1.719.000.000 đồng'
    >>> format_dong(146_937_000_000, "scaled"), format_dong(1_719_000_000_000, "scaled")
    ('146,9 tỷ đồng', '1.719 tỷ đồng')
    >>> format_dong(283_960_000_000_000, "scaled", decimals=0)
    '284 nghìn tỷ đồng'
    >>> format_dong(36_576_087_535_000, "mixed")
    '36.576 tỷ 087 triệu 535 nghìn đồng'
    >>> format_dong(1_719_000_000, "symbol") == "1.719.000.000\\u00a0₫"
    True
    """
    value = _whole("amount", amount, minimum=None)
    kind = _check_choice("style", style, ("exact", "scaled", "mixed", "symbol"))
    if decimals is not None:
        _check_decimals(decimals)
    if scale is not None:
        _check_choice("scale", scale, tuple(SCALED))
    require_flag("fixed", fixed, FormatError)
    word = _check_choice("thousand", thousand, THOUSANDS)
    if kind == "exact":
        return f"{_grouped(value)} đồng"
    if kind == "symbol":
        return _grouped(value) + _CURRENCY_SUFFIX
    if kind == "mixed":
        return _mixed_dong(value, word)
    return _scaled_dong(value, decimals, scale, fixed, word)


# --------------------------------------------------------------------------- hedges


def _magnitude(value: Fraction) -> int:
    """The exponent ``e`` with ``10**e <= value < 10**(e + 1)``; ``value`` > 0."""
    whole = value.numerator // value.denominator
    e = len(str(whole)) - 1 if whole else -len(str(value.denominator // value.numerator))
    while Fraction(10) ** (e + 1) <= value:
        e += 1
    while Fraction(10) ** e > value:
        e -= 1
    return e


def _places(value: Fraction) -> int:
    """Decimals needed to write ``value`` exactly."""
    for places in range(_MAX_DECIMALS + 1):
        if (value * _POW10[places]).denominator == 1:
            return places
    raise FormatError(
        f"{value} cannot be written exactly with decimals; give a decimal step",
        code="format.inexact",
        details={"argument": "value", "value": str(value), "rule": "at most 100 decimals"},
    )


MAX_IMPLIED_COUNT: Final = 100_000_000
"""The largest value :func:`approximate` takes as a count when ``kind`` is not given."""


def approximate(
    value: Exact,
    hedge: Hedge = "hơn",
    *,
    digits: int | None = None,
    step: Exact | None = None,
    kind: Literal["count", "dong", "percent"] | None = None,
    unit: str = "việc",
    spoken: bool = True,
    thousand: Thousand = "nghìn",
) -> str:
    """Write a hedged press figure (số liệu ước): "hơn 410 nghìn việc", "gần 600 tỷ đồng".

    "hơn" and "trên" truncate down and mean the true value is strictly above
    the printed one; "gần" rounds up and means it is strictly below. The value
    is cut to ``digits`` significant digits (default 2) or to a multiple of
    ``step``, a power of ten (a reader takes "hơn 7 nghìn 4 trăm" to mean less
    than 7 nghìn 5 trăm: the unit of its last digit, see
    :func:`~thads_metrics.reading.parse_figure`). When that leaves the value
    unchanged it is exact, no hedge would be true, and the figure is written
    without one ("7 nghìn việc").

    ``kind="count"`` writes :func:`format_count` (spoken style unless
    ``spoken=False``); ``kind="dong"`` writes the scaled money style with every
    decimal the cut value needs; both take an ``int`` >= 0 and cut to whole
    units at least. ``kind="percent"`` takes an exact percentage >= 0 ("hơn 66%").

    Without ``kind`` the value is a count of cases (``unit``, "việc"), up to
    :data:`MAX_IMPLIED_COUNT`: no enforcement caseload comes near a hundred
    million cases, so a larger value without ``kind`` is money or an error and
    is refused (``format.kind_required``) rather than written as "hơn 140 tỷ
    việc"; pass ``kind="dong"`` (or ``kind="count"`` if it really is a count).

    >>> approximate(7_456)
    'hơn 7 nghìn 4 trăm việc'
    >>> approximate(599_300_000_000, "gần", digits=1, kind="dong")
    'gần 600 tỷ đồng'
    >>> approximate(146_937_000_000, "hơn", digits=4, kind="dong")
    'hơn 146,9 tỷ đồng'
    >>> approximate(283_700_000_000_000, "gần", step=10**12, kind="dong")
    'gần 284 nghìn tỷ đồng'
    >>> from decimal import Decimal
    >>> approximate(Decimal("66.37"), kind="percent")
    'hơn 66%'
    >>> approximate(7_000, "hơn")
    '7 nghìn việc'
    >>> approximate(146_900_000_000)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    thads_metrics.errors.FormatError: 146900000000 is too large to be a number of cases ...
    """
    word = _check_choice("hedge", hedge, ("hơn", "trên", "gần"))
    how = "count" if kind is None else _check_choice("kind", kind, ("count", "dong", "percent"))
    require_flag("spoken", spoken, FormatError)
    if digits is not None and step is not None:
        raise FormatError(
            "give digits or step, not both",
            code="format.conflict",
            details={"argument": "digits", "value": shown(digits), "rule": "not with step"},
        )
    if how == "percent":
        exact = Fraction(_exact("value", value))
        if exact < 0:
            raise FormatError(
                f"value must be >= 0, got {value}",
                code="format.range",
                details={"argument": "value", "value": _detail(value), "rule": ">= 0"},
            )
    else:
        exact = Fraction(_whole("value", value, minimum=0))
        if kind is None and exact > MAX_IMPLIED_COUNT:
            raise FormatError(
                f"{value} is too large to be a number of cases "
                f"(more than {format_number(MAX_IMPLIED_COUNT)}): pass kind='dong' for money, "
                "or kind='count' if it is a count",
                code="format.kind_required",
                details={
                    "argument": "kind",
                    "value": value,
                    "rule": f"given when value > {MAX_IMPLIED_COUNT}",
                },
            )
    if step is not None:
        size = Fraction(_exact("step", step))
        if size <= 0 or (how != "percent" and size.denominator != 1):
            whole = "a positive int" if how != "percent" else "positive"
            raise FormatError(
                f"step must be {whole}, got {step!r}",
                code="format.range" if size <= 0 else "format.type",
                details={"argument": "step", "value": _detail(step), "rule": whole},
            )
        if size != Fraction(10) ** _magnitude(size):
            # A reader takes a hedge to the unit of its last non-zero digit: "hơn 125
            # việc", cut to a multiple of 25, would read (125; 126) and miss 149.
            raise FormatError(
                f"step must be a power of ten (1, 10, 100, …; 0,1, 0,01, … for a percent), "
                f"got {step!r}: a hedged figure is read to the unit of its last digit",
                code="format.step",
                details={"argument": "step", "value": _detail(step), "rule": "a power of ten"},
            )
    else:
        keep = 2 if digits is None else require_int("digits", digits, FormatError, minimum=1)
        power = _magnitude(exact) + 1 - keep if exact else 0
        size = Fraction(10) ** (power if how == "percent" else max(0, power))
    units = exact / size
    printed = (math.floor(units) if word != "gần" else math.ceil(units)) * size
    if how == "percent":
        text = format_percent(printed, _places(printed))
    elif how == "dong":
        text = format_dong(int(printed), "scaled", decimals=None, thousand=thousand)
    else:
        text = format_count(int(printed), unit, spoken=spoken, thousand=thousand)
    return text if printed == exact else f"{word} {text}"
