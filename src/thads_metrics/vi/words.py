"""Numbers and amounts in Vietnamese words (đọc số thành chữ, số tiền bằng chữ).

Follows the reading rules of Vietnamese invoices ("Số tiền bằng chữ"):

- "mười" is ten (10–19), "mươi" the tens from 20: "mười một", "hai mươi".
- "mốt" for 1 after "mươi" (21 = "hai mươi mốt"; 11 = "mười một").
- "lăm" for 5 after "mười"/"mươi" (15 = "mười lăm", 25 = "hai mươi lăm";
  105 = "một trăm linh năm").
- "tư" for 4 after "mươi" only (24 = "hai mươi tư", option "bốn"; 14 = "mười bốn").
- "linh" (option "lẻ") for an empty tens place, only after "trăm" (105).
- Inside a number an empty hundreds place reads "không trăm"
  (1.005.000 = "một triệu không trăm linh năm nghìn"); empty groups are left out.
- Groups of three digits take "nghìn" (option "ngàn"), "triệu", "tỷ"; above
  999 tỷ the count of tỷ is read as a number: 10**12 = "một nghìn tỷ",
  10**15 = "một triệu tỷ", 10**18 = "một tỷ tỷ".

>>> amount_in_words(146_900_000_000)
'Một trăm bốn mươi sáu tỷ chín trăm triệu đồng'
>>> parse_amount_in_words("Một triệu không trăm linh năm nghìn đồng")
1005000
"""

from __future__ import annotations

import re
from functools import cache
from typing import Final, Literal

from thads_metrics.vi._scales import (
    BILLION,
    HUNDRED,
    IN_WORDS,
    THOUSANDS,
    Groups,
    Thousand,
    split,
)
from thads_metrics.vi.format import _LIMIT, _check_choice, _whole
from thads_metrics.vi.parse import _fail, _prepare, _Text

__all__ = ["amount_in_words", "number_in_words", "parse_amount_in_words"]

Four = Literal["tư", "bốn"]
Odd = Literal["linh", "lẻ"]

_DIGITS: Final = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_HUNDRED: Final = HUNDRED.word
_BILLION_POWER: Final = BILLION.power
_BILLION: Final = 10**_BILLION_POWER


def _group(number: int, full: bool, four: str, odd: str) -> str:
    """Words of 1..999; ``full`` reads an empty hundreds place ("không trăm")."""
    hundreds, tens, units = number // 100, number // 10 % 10, number % 10
    words: list[str] = []
    if full or hundreds:
        words += [_DIGITS[hundreds], _HUNDRED]
    if tens == 0:
        if units:
            words += [odd, _DIGITS[units]] if words else [_DIGITS[units]]
    elif tens == 1:
        words.append("mười")
        if units:
            words.append("lăm" if units == 5 else _DIGITS[units])
    else:
        words += [_DIGITS[tens], "mươi"]
        if units:
            words.append({1: "mốt", 4: four, 5: "lăm"}.get(units, _DIGITS[units]))
    return " ".join(words)


@cache
def _table(full: bool, four: str, odd: str) -> tuple[str, ...]:
    """Words of every group 0..999 (index 0 is unused and empty)."""
    return ("", *(_group(n, full, four, odd) for n in range(1, 1000)))


def _words(number: int, four: str, odd: str, thousand: str) -> list[str]:
    """Words of ``number`` >= 1: each count of tỷ is read as a number, with its own tỷ."""
    # 10**18 is "một tỷ tỷ": split the count of tỷ again until it is below a
    # tỷ, then read from the top down (a loop, so no size can exhaust the stack).
    levels: list[Groups] = [split(number)]
    while levels[-1].billions:
        levels.append(split(levels[-1].billions))
    out: list[str] = []
    for level, groups in enumerate(reversed(levels)):
        if level:
            out.append(BILLION.word)
        for group, scale in (*groups.scaled(thousand), (groups.units, "")):
            if group:
                out.append(_table(bool(out), four, odd)[group])
                if scale:
                    out.append(scale)
    return out


def number_in_words(
    number: int, *, four: Four = "tư", odd: Odd = "linh", thousand: Thousand = "nghìn"
) -> str:
    """Read a whole number in Vietnamese words (đọc số bằng chữ), in lower case.

    ``four="bốn"`` reads 24 "hai mươi bốn"; ``odd="lẻ"`` reads 105 "một trăm lẻ
    năm"; ``thousand="ngàn"`` is the southern word for thousand.

    >>> number_in_words(21), number_in_words(24), number_in_words(15), number_in_words(14)
    ('hai mươi mốt', 'hai mươi tư', 'mười lăm', 'mười bốn')
    >>> number_in_words(1_005_000)
    'một triệu không trăm linh năm nghìn'
    >>> number_in_words(105, odd="lẻ"), number_in_words(10**12)
    ('một trăm lẻ năm', 'một nghìn tỷ')
    """
    value = _whole("number", number, minimum=0)
    four_word = _check_choice("four", four, ("tư", "bốn"))
    odd_word = _check_choice("odd", odd, ("linh", "lẻ"))
    thousand_word = _check_choice("thousand", thousand, THOUSANDS)
    if value == 0:
        return _DIGITS[0]
    return " ".join(_words(value, four_word, odd_word, thousand_word))


def amount_in_words(
    amount: int, *, four: Four = "tư", odd: Odd = "linh", thousand: Thousand = "nghìn"
) -> str:
    """Write an amount of money in words (số tiền bằng chữ), as on invoices.

    A capital first letter and "đồng" at the end; the options are those of
    :func:`number_in_words`.

    >>> amount_in_words(146_900_000_000)
    'Một trăm bốn mươi sáu tỷ chín trăm triệu đồng'
    >>> amount_in_words(1_005_000)
    'Một triệu không trăm linh năm nghìn đồng'
    >>> amount_in_words(0), amount_in_words(10**12)
    ('Không đồng', 'Một nghìn tỷ đồng')
    >>> amount_in_words(2_024_500, four="bốn", thousand="ngàn")
    'Hai triệu không trăm hai mươi bốn ngàn năm trăm đồng'
    """
    value = _whole("amount", amount, minimum=0)
    words = number_in_words(value, four=four, odd=odd, thousand=thousand)
    return words[0].upper() + words[1:] + " đồng"


# --------------------------------------------------------------------------- reading back

_WHAT: Final = "parse_amount_in_words"
_WORD: Final = re.compile(r"[^\W\d_]+|\./\.|\S")
# The group words from the one table: those below tỷ (→ power of ten), and tỷ/tỉ.
_SCALE_WORDS: Final = {word: power for word, power in IN_WORDS.items() if power < _BILLION_POWER}
_BILLION_WORDS: Final = frozenset((BILLION.word, *BILLION.variants))
_LOOSE_DIGITS: Final = {word: n for n, word in enumerate(_DIGITS)} | {"mốt": 1, "tư": 4, "lăm": 5}
_VOCABULARY: Final = (
    frozenset(_LOOSE_DIGITS)
    | {"mười", "mươi", _HUNDRED, "linh", "lẻ"}
    | set(_SCALE_WORDS)
    | _BILLION_WORDS
)


# Readings accepted when reading but never written: the northern "linh tư"
# (104 = "một trăm linh tư") and "mười tư" (14), beside the written "bốn".
_NORTHERN_FOUR = (("linh bốn", "linh tư"), ("lẻ bốn", "lẻ tư"), ("mười bốn", "mười tư"))


@cache
def _phrases(full: bool) -> dict[str, int]:
    """Every correct reading of 1..999 (all options, northern "tư" too) → its value."""
    phrases = {
        _table(full, four, odd)[n]: n
        for four in ("tư", "bốn")
        for odd in ("linh", "lẻ")
        for n in range(1, 1000)
    }
    for phrase, n in list(phrases.items()):
        for written, northern in _NORTHERN_FOUR:
            if phrase.endswith(written):
                phrases[phrase[: -len(written)] + northern] = n
    return phrases


def _loose_group(words: list[str]) -> int | None:
    """A lenient reading of a group, to suggest the correct words; None if hopeless."""
    digits = _LOOSE_DIGITS
    hundreds = tens = units = 0
    if len(words) >= 2 and words[0] in digits and words[1] == "trăm":
        hundreds, words = digits[words[0]], words[2:]
    if not words:
        pass
    elif len(words) == 2 and words[0] in ("linh", "lẻ") and words[1] in digits:
        units = digits[words[1]]
    elif words[0] == "mười" and len(words) <= 2:
        tens = 1
        if len(words) == 2:
            if words[1] not in digits:
                return None
            units = digits[words[1]]
    elif len(words) in (2, 3) and words[0] in digits and words[1] == "mươi":
        tens = digits[words[0]]
        if len(words) == 3:
            if words[2] not in digits:
                return None
            units = digits[words[2]]
    elif len(words) == 1 and words[0] in digits:
        units = digits[words[0]]
    else:
        return None
    value = hundreds * 100 + tens * 10 + units
    return value if 0 < value < 1000 else None


def _group_value(text: _Text, words: list[str], start: int, full: bool) -> int:
    phrase = " ".join(words)
    value = _phrases(full).get(phrase)
    if value is not None:
        return value
    other = _phrases(not full).get(phrase)
    if other is not None and full:
        problem = f"inside a number {phrase!r} reads {_table(True, 'tư', 'linh')[other]!r}"
    elif other is not None:
        problem = f"a number does not start with 'không trăm' ({phrase!r})"
    else:
        loose = _loose_group(words)
        hint = f"; did you mean {_table(full, 'tư', 'linh')[loose]!r}?" if loose else ""
        problem = f"{phrase!r} is not a correct reading of a number from 1 to 999{hint}"
    _fail(text, _WHAT, start, problem, code="parse.reading")


def _read_below_billion(
    text: _Text, words: list[str], starts: list[int], lo: int, hi: int, leading: bool
) -> int:
    value, begin, seen = 0, lo, _BILLION_POWER
    parts: list[tuple[int, int, int]] = []  # (begin, end, power)
    for i in range(lo, hi):
        power = _SCALE_WORDS.get(words[i])
        if power is None:
            continue
        if power >= seen:
            problem = f"{words[i]!r} cannot come after {words[begin - 1]!r}"
            _fail(text, _WHAT, starts[i], problem, code="parse.order")
        if i == begin:
            problem = f"missing number before {words[i]!r}"
            _fail(text, _WHAT, starts[i], problem, code="parse.missing")
        parts.append((begin, i, power))
        begin, seen = i + 1, power
    if begin < hi:
        parts.append((begin, hi, 0))
    for first, (a, b, power) in enumerate(parts):
        full = not (leading and first == 0)
        value += _group_value(text, words[a:b], starts[a], full) * 10**power
    return value


def _read(text: _Text, words: list[str], starts: list[int], hi: int) -> int:
    """The value of ``words[:hi]``: the parts between the tỷ words, left to right.

    "a tỷ b tỷ c" is (a × 10**9 + b) × 10**9 + c: each tỷ multiplies all that
    comes before it, so the count of tỷ is itself a number ("một nghìn tỷ",
    "một tỷ tỷ"). A loop, not recursion: a text of 5.000 characters may hold
    over a thousand tỷ and must end in a ParseError, not a RecursionError.
    """
    tys = [i for i in range(hi) if words[i] in _BILLION_WORDS]
    if tys and tys[0] == 0:
        _fail(text, _WHAT, starts[0], f"missing number before {words[0]!r}", code="parse.missing")
    value = _read_below_billion(text, words, starts, 0, tys[0] if tys else hi, True)
    for k, at in enumerate(tys):
        end = tys[k + 1] if k + 1 < len(tys) else hi
        value = value * _BILLION + _read_below_billion(text, words, starts, at + 1, end, False)
    return value


def parse_amount_in_words(text: str) -> int:
    """Read a number or an amount written in Vietnamese words (đọc số tiền bằng chữ).

    Inverse of :func:`amount_in_words` and :func:`number_in_words` under every
    option (tư/bốn, linh/lẻ, nghìn/ngàn; "tỉ" for "tỷ"), in any letter case;
    "đồng", "đồng chẵn" and a final "." or "./." may follow. Readings that
    break the rules ("hai mươi một", "một triệu năm nghìn") are refused with
    the correct form in the message.

    >>> parse_amount_in_words("Một trăm bốn mươi sáu tỷ chín trăm triệu đồng")
    146900000000
    >>> parse_amount_in_words("hai mươi bốn ngàn đồng chẵn./.")
    24000
    >>> parse_amount_in_words("hai mươi một")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    thads_metrics.errors.ParseError: parse_amount_in_words: ... did you mean 'hai mươi mốt'? at ...
    """
    prepared = _prepare(text, _WHAT, max_length=5000)
    norm = prepared.norm
    lowered = norm.lower()
    if len(lowered) == len(norm):  # the usual case: read the lower-cased text once
        matches = list(_WORD.finditer(lowered))
        words = [m.group() for m in matches]
    else:
        matches = list(_WORD.finditer(norm))
        words = [m.group().lower() for m in matches]
    starts = [m.start() for m in matches]
    end = len(words)
    if end and words[end - 1] in ("./.", "."):
        end -= 1
    if end and words[end - 1] == "chẵn":
        end -= 1
        if not end or words[end - 1] != "đồng":
            problem = "'chẵn' must follow 'đồng'"
            _fail(prepared, _WHAT, starts[end], problem, code="parse.unexpected")
    if end and words[end - 1] == "đồng":
        end -= 1
    if not end:
        where = starts[0] if words else 0
        _fail(prepared, _WHAT, where, "expected a number in words", code="parse.empty")
    for i in range(end):
        if words[i] == "đồng" and i + 1 < len(words):
            found = norm[starts[i + 1] : matches[i + 1].end()]
            problem = f"unexpected {found!r} after 'đồng'"
            _fail(prepared, _WHAT, starts[i + 1], problem, code="parse.unexpected")
        if words[i] not in _VOCABULARY:
            found = norm[starts[i] : matches[i].end()]
            problem = f"{found!r} is not a number word"
            _fail(prepared, _WHAT, starts[i], problem, code="parse.word")
    if words[:end] == [_DIGITS[0]]:
        return 0
    value = _read(prepared, words, starts, end)
    if value >= _LIMIT:
        problem = "number too large (10**100 or more)"
        _fail(prepared, _WHAT, 0, problem, code="parse.too_large")
    return value
