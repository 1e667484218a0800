"""Fuzz every parser and reader of thads-metrics (kiểm thử ngẫu nhiên các hàm đọc).

The library promises that bad input raises a
:class:`~thads_metrics.errors.ThadsError` (a ``ValueError``) with a non-empty
``code``, and nothing else. This harness feeds the public parsers and readers
random and nearly-valid input for a time budget and reports every *escape*:
an exception that is not a ``ThadsError`` (``TypeError``, ``IndexError``,
``RecursionError``…), a ``ThadsError`` without a code, or a single call that
runs longer than ``--call-timeout`` seconds.

Usage, from the repository root::

    python scripts/fuzz.py --seconds 600
    python scripts/fuzz.py --seconds 60 --target calendar.parse_period --target 'vi.*'
    python scripts/fuzz.py --seconds 600 --engine atheris --seed 1
    python scripts/fuzz.py --list

The targets run in turn (round robin) and share the budget. The default engine
is hypothesis (its shrinker minimizes each escape); ``--engine atheris`` fuzzes
the text targets with atheris (coverage-guided libFuzzer) when it is installed,
each slice in a subprocess, and falls back to hypothesis when it is not.
Targets that do not take text (``serialize.from_data``, ``frames.from_frame``)
always use hypothesis. Under atheris, a target with options (``comma=``,
``year=``…) takes them from the first byte of the input and decodes the rest as
UTF-8 with ``surrogateescape``; escapes it finds are minimized by deleting
bytes while the same exception is raised at the same place.

The report gives the runs per target, then each escape with its exception, a
reproducer (minimized when possible), where it was raised and the deepest
frame inside ``thads_metrics``, and ends with the line
``N targets, M runs, K escapes``. The exit code is 1 when anything escaped.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import datetime
import fnmatch
import functools
import importlib
import importlib.resources
import importlib.util
import inspect
import io
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback
import typing
import unicodedata
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from types import FrameType
from typing import Any

from hypothesis import HealthCheck, Phase, Verbosity, given, settings
from hypothesis import seed as hypothesis_seed
from hypothesis import strategies as st

import thads_metrics
from thads_metrics import vi
from thads_metrics.calendar import (
    CalendarQuarter,
    CutOffPeriod,
    EnforcementYear,
    Quarter,
    ReportingPeriod,
    day_label,
    parse_date,
    parse_period,
)
from thads_metrics.cases import LedgerPair
from thads_metrics.classification import Status
from thads_metrics.csvio import (
    CASE_COLUMNS,
    LEDGER_COLUMNS,
    read_case_records,
    read_csv,
    read_keys,
    read_ledger_rows,
)
from thads_metrics.errors import ThadsError
from thads_metrics.ledger import AmountLedger, CaseLedger
from thads_metrics.ledger.layouts import LAYOUTS, Layout, layout_for
from thads_metrics.report import ReportSet, build_report
from thads_metrics.serialize import dumps, from_data, loads, to_data
from thads_metrics.targets import Target, TargetBook
from thads_metrics.testing import (
    amount_ledgers,
    case_ledgers,
    case_records,
    periods,
    quarters,
    targets,
    years,
)

# Strategies of valid values from thads_metrics.testing, built once: hypothesis validates a
# strategy each time one is built, and composites draw these on every example.


@functools.cache
def _periods(low: int, high: int) -> st.SearchStrategy[ReportingPeriod]:
    return periods(low, high)


@functools.cache
def _case_ledgers(layout: Layout | None = None) -> st.SearchStrategy[CaseLedger]:
    return case_ledgers(layout=layout)


@functools.cache
def _case_records() -> st.SearchStrategy[Any]:
    return case_records(period_strategy=periods(2018, 2027))


@functools.cache
def _frame_pairs() -> st.SearchStrategy[dict[Any, LedgerPair]]:
    keys = st.tuples(st.sampled_from(("A", "B", "Đồng Nai")), periods(2018, 2027))
    pairs = st.builds(LedgerPair, case_ledgers(), amount_ledgers(10**20))
    return st.dictionaries(keys, pairs, min_size=1, max_size=3)


@functools.cache
def _amount_ledgers(most: int, layout: Layout | None = None) -> st.SearchStrategy[AmountLedger]:
    return amount_ledgers(most, layout=layout)


ROOT = Path(__file__).resolve().parent.parent
PACKAGE_DIR = Path(thads_metrics.__file__).resolve().parent
SUMMARY_FORMAT = "{targets} targets, {runs} runs, {escapes} escapes"

#: Longest slice a target gets in one turn (hypothesis / atheris), in seconds.
HYPOTHESIS_SLICE = 30.0
ATHERIS_SLICE = 60.0
#: Longest input atheris generates, in bytes.
ATHERIS_MAX_LEN = 4096
#: Seconds spent minimizing one atheris escape (counted in the budget).
MINIMIZE_SECONDS = 3.0
#: Longest reproducer printed in full (longer ones are cut; --save keeps them whole).
SHOWN_LIMIT = 2000


class StopFuzz(BaseException):
    """The slice of time of a target is spent (raised inside a hypothesis test)."""


class SlowCall(BaseException):
    """One call of the library ran longer than --call-timeout (raised by SIGALRM)."""


# --------------------------------------------------------------------------- cases


@dataclasses.dataclass(frozen=True)
class Case:
    """One call of a library function: how to run it and how to write it down."""

    code: str  # Python that reproduces the call (after the target's imports)
    run: Callable[[], object]

    def __repr__(self) -> str:
        return self.code


def _show(value: object) -> str:
    """``repr`` that always works and runs: NaN as ``float('nan')``, huge ints in hex."""
    if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
        return f"float({str(value)!r})"
    if type(value) is int and value.bit_length() > 10_000:  # repr() refuses > 4300 digits
        sign, size = ("-", -value) if value < 0 else ("", value)
        near = int(size.bit_length() * 0.30102999566398120)
        for power in (near - 1, near, near + 1):
            if size == 10**power:
                return f"{sign}10**{power}"
        return f"int({hex(value)!r}, 16)"
    if type(value) is list:
        depth, inner = 0, typing.cast(object, value)
        while type(inner) is list and len(inner) == 1:
            depth, inner = depth + 1, inner[0]
        if depth > 20:  # [[[...]]] deeper than repr() can go
            return f"functools.reduce(lambda v, _: [v], range({depth}), {_show(inner)})"
        return "[" + ", ".join(map(_show, value)) + "]"
    if type(value) is tuple:
        inner = ", ".join(map(_show, value))
        return f"({inner},)" if len(value) == 1 else f"({inner})"
    if type(value) is dict:
        return "{" + ", ".join(f"{_show(k)}: {_show(v)}" for k, v in value.items()) + "}"
    if isinstance(value, type):
        return value.__name__
    if isinstance(value, (str, bytes)) and len(value) > 40:
        return _compact(value)
    try:
        return repr(value)
    except Exception as exc:
        return f"<{type(value).__name__} whose repr() fails: {type(exc).__name__}>"


def _compact(value: str | bytes) -> str:
    """``repr`` of a long text with each run of 20 or more equal characters as ``'0' * 5000``."""
    pieces: list[str] = []
    start = i = 0
    while i < len(value):
        j = i
        while j < len(value) and value[j] == value[i]:
            j += 1
        if j - i >= 20:
            if start < i:
                pieces.append(repr(value[start:i]))
            pieces.append(f"{value[i : i + 1]!r} * {j - i}")
            start = j
        i = j
    if not pieces:
        return repr(value)
    if start < len(value):
        pieces.append(repr(value[start:]))
    return "(" + " + ".join(pieces) + ")"


def call(function: Callable[..., object], name: str, *args: Any, **kwargs: Any) -> Case:
    """A case that calls ``function(*args, **kwargs)``, written ``name(...)``."""
    shown = [*map(_show, args), *(f"{key}={_show(value)}" for key, value in kwargs.items())]
    return Case(f"{name}({', '.join(shown)})", lambda: function(*args, **kwargs))


# --------------------------------------------------------------------------- text material

_VI_LOWER = (
    "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ"
)
_DIGIT_SCRIPTS = (
    "٠١٢٣٤٥٦٧٨٩",  # Arabic-Indic
    "۰۱۲۳۴۵۶۷۸۹",  # Persian
    "०१२३४५६७८९",  # Devanagari
    "০১২৩৪৫৬৭৮৯",  # Bengali
    "０１２３４５６７８９",  # full width
    "𝟎𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖𝟗",  # mathematical bold
    "၀၁၂၃၄၅၆၇၈၉",  # Myanmar
    "๐๑๒๓๔๕๖๗๘๙",  # Thai
)
_NUMERALS = "¹²³⁴½¼¾⅓①②⑩ⅠⅡⅢⅣⅻ〇一二三四五六七八九十"
_SPACES = (
    " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2009\u200a\u200b"
    "\u2028\u2029\u202f\u205f\u3000\ufeff"
)
_PUNCT = ".,;:/-\u2013\u2014\u2212+%\u2030₫$€()[]{}\"'“”‘’…·*#&_|\\<>=?!@^`~"
_COMBINING = "\u0300\u0301\u0302\u0303\u0306\u0309\u031b\u0323\u0340\u0341\u0344\u0345\u034f\u0338"
#: NUL, controls, lone surrogates, non-characters, letters whose case mapping changes length.
_ODD = (
    "\x00\x01\x07\x08\x1b\x7f\ud800\udc80\udfff\ufffd\ufffe\uffff\U0001f4b0"
    "\u0130\u0131\u1e9e\u00df\ufb01\u2126\u212a\u0149"
)
_ALPHABET = sorted(
    set(
        _VI_LOWER
        + _VI_LOWER.upper()
        + "0123456789"
        + "".join(_DIGIT_SCRIPTS)
        + _NUMERALS
        + _SPACES
        + _PUNCT
        + _COMBINING
        + _ODD
    )
)

CHARS: st.SearchStrategy[str] = st.one_of(
    st.sampled_from(_ALPHABET), st.sampled_from("0123456789.,% "), st.characters()
)


@functools.cache
def noise(max_size: int = 30) -> st.SearchStrategy[str]:
    """Random text: Vietnamese letters, digits of every script, spaces, marks, controls."""
    return st.text(CHARS, max_size=max_size)


def _strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("đ", "d")


_CASE_CHANGES: tuple[Callable[[str], str], ...] = (str.upper, str.lower, str.title, str.swapcase)
#: Longest text a chain of mutations may build (a few very long inputs are plenty).
_LONGEST = 50_000
_MUTATIONS = (
    "replace",
    "insert",
    "delete",
    "swap",
    "duplicate",
    "repeat",
    "normalize",
    "case",
    "digits",
    "strip_marks",
    "huge",
    "space",
    "truncate",
    "combining",
)


def _mutate_once(draw: st.DrawFn, text: str) -> str:
    op = draw(st.sampled_from(_MUTATIONS))
    n = len(text)
    i = draw(st.integers(0, n))
    if op == "replace" and n:
        j = min(i, n - 1)
        return text[:j] + draw(CHARS) + text[j + 1 :]
    if op == "insert":
        return text[:i] + draw(st.text(CHARS, min_size=1, max_size=3)) + text[i:]
    if op == "delete" and n:
        j = min(i, n - 1)
        k = draw(st.integers(j + 1, min(n, j + 4)))
        return text[:j] + text[k:]
    if op == "swap" and n > 1:
        j = min(i, n - 2)
        return text[:j] + text[j + 1] + text[j] + text[j + 2 :]
    if op == "duplicate":
        j = draw(st.integers(i, n))
        return text[:j] + text[i:j] + text[j:]
    if op == "repeat":
        return text * draw(st.integers(2, 60))
    if op == "normalize":
        form = draw(st.sampled_from(("NFD", "NFKD", "NFKC", "NFC")))
        return unicodedata.normalize(form, text)  # type: ignore[arg-type]
    if op == "case":
        change = draw(st.sampled_from(_CASE_CHANGES))
        return change(text)
    if op == "digits":
        script = draw(st.sampled_from(_DIGIT_SCRIPTS))
        if draw(st.booleans()):
            return text.translate(str.maketrans("0123456789", script))
        digits = [k for k, c in enumerate(text) if c in "0123456789"]
        if digits:
            k = draw(st.sampled_from(digits))
            return text[:k] + script[int(text[k])] + text[k + 1 :]
        return text
    if op == "strip_marks":
        return _strip_marks(text)
    if op == "huge":
        digit = draw(st.sampled_from("0159"))
        return text[:i] + digit * draw(st.integers(15, 300) | st.integers(300, 6000)) + text[i:]
    if op == "space":
        return text[:i] + draw(st.text(st.sampled_from(_SPACES), min_size=1, max_size=4)) + text[i:]
    if op == "truncate":
        return text[:i]
    if op == "combining":
        return (
            text[:i] + draw(st.text(st.sampled_from(_COMBINING), min_size=1, max_size=3)) + text[i:]
        )
    return text


@functools.cache
@st.composite
def near_miss(draw: st.DrawFn, base: st.SearchStrategy[str], most: int = 3) -> str:
    """A valid form from ``base``, then 0 to ``most`` random edits (a near-miss)."""
    text = draw(base)
    for _ in range(draw(st.integers(0, most))):
        text = _mutate_once(draw, text)[:_LONGEST]
    return text


def soup(
    words: Sequence[str], extra: st.SearchStrategy[str] | None = None
) -> st.SearchStrategy[str]:
    """Words of a vocabulary (and ``extra`` pieces) joined by random spaces."""
    piece = st.sampled_from(list(words)) if extra is None else st.sampled_from(list(words)) | extra
    joiner = st.sampled_from([" ", " ", " ", "", "  ", "\u00a0", "\t", ", ", "/", "\n"])
    return st.lists(st.tuples(piece, joiner), max_size=14).map(
        lambda parts: "".join(p + j for p, j in parts).strip(" ")
    )


@functools.cache
def digit_runs() -> st.SearchStrategy[str]:
    """Numbers as text: separators in odd places, leading zeros, huge runs of digits."""
    group = st.integers(0, 999).map(str) | st.integers(0, 999).map(lambda n: f"{n:03d}")
    sep = st.sampled_from([".", ",", "", " ", ".", ",", "..", ",,", "'", "\u202f"])
    grouped = st.lists(st.tuples(group, sep), min_size=1, max_size=8).map(
        lambda parts: "".join(g + s for g, s in parts)
    )
    huge = st.tuples(st.sampled_from("0159"), st.integers(10, 5000)).map(lambda p: p[0] * p[1])
    return st.one_of(grouped, st.integers(-(10**40), 10**40).map(str), huge)


@functools.cache
def junk_objects() -> st.SearchStrategy[object]:
    """Arguments of the wrong kind: the library must refuse them with a ThadsError."""
    return st.sampled_from(
        [None, b"nam 2021", 2021, 20.5, True, ["năm 2021"], ("a",), {"a": 1}, Decimal("1")]
    )


def text_or_junk(text: st.SearchStrategy[str]) -> st.SearchStrategy[Any]:
    """Mostly ``text``; now and then an argument that is not a ``str`` at all."""
    return st.one_of(text, text, text, text, text, text, text, text, text, junk_objects())


# --------------------------------------------------------------------------- periods and dates

_PERIOD_WORDS = [
    "năm", "nam", "cả", "thống kê", "thi hành án", "công tác", "niên độ", "tháng", "đầu",
    "cuối", "quý", "Quý", "q", "Q", "từ", "ngày", "đến", "tới", "hết", "tính", "thời điểm",
    "I", "II", "III", "IV", "V", "mười", "một", "hai", "chín", "mười một", "mười hai", "/",
    "-", "–", "—", "(", ")", ".", "2021", "2022", "1899", "1900", "2200", "2201", "31/8",
    "30/9", "1/10", "01/10/2020", "31/8/2021", "2021-08-31", "0", "00", "13", "99",
]  # fmt: skip
_TEMPLATES = [
    "năm {y}", "cả năm {y}", "năm thống kê {y}", "năm công tác {y}", "niên độ {y}",
    "niên độ thi hành án năm {y}", "{m} tháng năm {y}", "{m} tháng {y}", "{m} tháng đầu năm {y}",
    "{m} tháng/{y}", "{mw} tháng đầu năm {y}", "{mw} tháng năm {y}",
    "6 tháng đầu năm công tác {y}", "Quý {q}/{y}", "quý {n} năm {y}", "Q{n}/{y}",
    "quý {q} niên độ thi hành án {y}", "Quý {q} / {y}", "từ ngày {d1} đến {d2}",
    "từ {d1} đến hết ngày {d2}", "tính từ {d1} tới {d2}", "{d1} – {d2}", "{d1} - {d2}",
    "tính đến {d2}", "tính đến hết ngày {d2}", "đến {d2}", "tính đến thời điểm {d2}",
    "{d2}", "ngày {d2}", "tháng {m}/{y}", "tháng {m} năm {y}", "6 tháng cuối năm {y}",
    "{m} tháng", "quý {q}", "năm", "{label} ({label2})", "{label} ({m} tháng)",
    "{label}({label2})", "({label})", "{label} ({label2}) ({label})",
]  # fmt: skip
_MONTH_WORDS = ["một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín", "mười",
                "mười một", "mười hai", "mười ba", "không", "Chín", "MƯỜI MỘT"]  # fmt: skip
_ROMAN = ["I", "II", "III", "IV", "V", "i", "iv", "IIII", "0", ""]


@functools.cache
def _numbers(low: int, high: int, edges: tuple[int, ...]) -> st.SearchStrategy[str]:
    plain = st.integers(low, high) | st.sampled_from(list(edges)) | st.integers(0, 10**6)
    padded = st.tuples(plain, st.integers(0, 3)).map(lambda p: "0" * p[1] + str(p[0]))
    return st.one_of(plain.map(str), plain.map(str), padded, digit_runs())


_YEARS = _numbers(1890, 2210, (0, 1, 99, 1899, 1900, 1901, 2199, 2200, 2201, 9999, 10000))
_MONTHS = _numbers(0, 14, (0, 1, 6, 9, 11, 12, 13, 99))
_DAYS = _numbers(0, 32, (0, 1, 28, 29, 30, 31, 32, 99))


@functools.cache
@st.composite
def day_texts(draw: st.DrawFn) -> str:
    """A day as reports print it, with numbers drawn from wide ranges."""
    d, m, y = draw(_DAYS), draw(_MONTHS), draw(_YEARS)
    form = draw(st.integers(0, 7))
    if form == 0:
        return f"{d}/{m}/{y}"
    if form == 1:
        return f"{y}-{m}-{d}"
    if form == 2:
        return f"{d} tháng {m} năm {y}"
    if form == 3:
        return f"{d}/{m}"
    if form == 4:
        return f"{d}.{m}.{y}"
    if form == 5:
        return f"{d}-{m}-{y}"
    if form == 6:
        return f"{d} tháng {m}"
    return f"ngày {d} tháng {m} năm {y}"


@functools.cache
def _labels() -> st.SearchStrategy[str]:
    """Labels the library itself prints."""
    cut_off = st.dates(datetime.date(1899, 10, 1), datetime.date(2200, 9, 30)).map(CutOffPeriod)
    return st.one_of(
        periods().map(lambda p: p.label),
        periods().map(lambda p: p.as_of_label),
        quarters().map(lambda q: q.label),
        st.builds(CalendarQuarter, st.integers(1900, 2199), st.integers(1, 4)).map(
            lambda q: q.label
        ),
        years().map(lambda y: y.label),
        cut_off.map(lambda c: c.as_of_label),
        cut_off.map(lambda c: c.label),
        st.dates().map(day_label),
        st.dates().map(lambda d: d.isoformat()),
    )


@functools.cache
@st.composite
def period_forms(draw: st.DrawFn) -> str:
    """A period label from a template, each number drawn from a wide range."""
    template = draw(st.sampled_from(_TEMPLATES))
    fields = {
        "y": _YEARS,
        "m": _MONTHS,
        "mw": st.sampled_from(_MONTH_WORDS),
        "q": st.sampled_from(_ROMAN),
        "n": _numbers(0, 5, (0, 1, 4, 5)),
        "d1": day_texts(),
        "d2": day_texts(),
        "label": _labels(),
        "label2": _labels(),
    }
    # only the fields the template uses: fewer draws, faster examples
    return template.format(**{k: draw(v) for k, v in fields.items() if "{" + k + "}" in template})


@functools.cache
def period_texts() -> st.SearchStrategy[str]:
    return st.one_of(
        near_miss(period_forms()),
        near_miss(period_forms(), most=0),
        near_miss(_labels()),
        soup(_PERIOD_WORDS, _YEARS),
        noise(),
    )


@functools.cache
def date_texts() -> st.SearchStrategy[str]:
    return st.one_of(
        near_miss(day_texts()),
        near_miss(st.dates().map(day_label)),
        near_miss(st.dates().map(lambda d: d.isoformat())),
        soup(_PERIOD_WORDS, _DAYS),
        noise(),
    )


@functools.cache
def year_arguments() -> st.SearchStrategy[Any]:
    return st.one_of(
        st.none(),
        st.integers(1890, 2210),
        st.integers(-(10**20), 10**20),
        years(),
        st.sampled_from([True, 2021.0, "2021", Decimal("2021"), Fraction(2021)]),
    )


@functools.cache
def flag_arguments() -> st.SearchStrategy[Any]:
    return st.one_of(st.booleans(), st.booleans(), st.sampled_from([0, 1, None, "yes", 1.0]))


def _period_target() -> st.SearchStrategy[Case]:
    options = st.fixed_dictionaries(
        {}, optional={"calendar_quarters": flag_arguments(), "year": year_arguments()}
    )
    return st.builds(
        lambda text, kw: call(parse_period, "parse_period", text, **kw),
        text_or_junk(period_texts()),
        options,
    )


def _date_target() -> st.SearchStrategy[Case]:
    options = st.fixed_dictionaries({}, optional={"year": year_arguments()})
    return st.builds(
        lambda text, kw: call(parse_date, "parse_date", text, **kw),
        text_or_junk(date_texts()),
        options,
    )


_YEAR_OPTIONS: tuple[Any, ...] = (None, 2021, EnforcementYear(2022), 1899)


def _period_from_bytes(data: bytes) -> Case:
    option, text = _split_option(data)
    year = _YEAR_OPTIONS[(option >> 1) & 3]
    return call(parse_period, "parse_period", text, calendar_quarters=bool(option & 1), year=year)


def _date_from_bytes(data: bytes) -> Case:
    option, text = _split_option(data)
    return call(parse_date, "parse_date", text, year=_YEAR_OPTIONS[option & 3])


def _split_option(data: bytes) -> tuple[int, str]:
    """The option byte of an atheris input and the rest as text (UTF-8, surrogateescape)."""
    return (data[0] if data else 0), data[1:].decode("utf-8", "surrogateescape")


def _decoded(data: bytes) -> str:
    return data.decode("utf-8", "surrogateescape")


# --------------------------------------------------------------------------- Vietnamese numbers

_VI_WORDS = [
    "không", "một", "mốt", "hai", "ba", "bốn", "tư", "năm", "lăm", "nhăm", "sáu", "bảy",
    "tám", "chín", "mười", "mươi", "trăm", "linh", "lẻ", "nghìn", "ngàn", "triệu", "tỷ", "tỉ",
    "ty", "TỶ", "Tỷ", "đồng", "dong", "đ", "Đồng", "chẵn", "./.", ".", "VND", "VNĐ", "vnđ",
    "₫", "%", "phần trăm", "phan tram", "việc", "người", "hơn", "gần", "trên", "khoảng",
    "âm", "-", "+", "−", "và", "lẻ", "điểm", "tăng", "giảm", "vượt", "thiếu", "0", "1", "12",
    "1.000", "1,052", "146,9", "0,5", "083,86", "1.234,5", "1,052,300", "1,052.5",
]  # fmt: skip
_EDGE_INTS = [0, 1, 9, 10, 999, 1000, 1001, 10**6, 10**9 - 1, 10**9, 10**12, 10**15,
              10**18, 2**63, 10**99, 10**100 - 1]  # fmt: skip


@functools.cache
def _ints() -> st.SearchStrategy[int]:
    return st.one_of(
        st.integers(0, 10**6),
        st.integers(0, 10**40),
        st.integers(-(10**15), 10**15),
        st.sampled_from(_EDGE_INTS),
    )


@functools.cache
def _decimals() -> st.SearchStrategy[Decimal]:
    return st.one_of(
        *(
            st.decimals(-(10**15), 10**15, allow_nan=False, allow_infinity=False, places=p)
            for p in (0, 1, 2, 3, 6)
        )
    )


@functools.cache
@st.composite
def vi_forms(draw: st.DrawFn) -> str:
    """A figure as the library writes it: number, percent, money, count, words."""
    kind = draw(st.integers(0, 8))
    thousand = draw(st.sampled_from(("nghìn", "ngàn")))
    try:
        if kind == 0:
            value = draw(_decimals() | _ints())
            return vi.format_number(value, draw(st.integers(0, 6)), fixed=draw(st.booleans()))
        if kind == 1:
            return vi.format_percent(draw(_decimals()), draw(st.integers(0, 4)))
        if kind == 2:
            style = draw(st.sampled_from(("exact", "scaled", "mixed", "symbol")))
            scale = draw(st.sampled_from((None, "nghìn", "triệu", "tỷ", "nghìn tỷ", "triệu tỷ")))
            amount = draw(_ints())
            kwargs: dict[str, Any] = {"thousand": thousand}
            if style == "scaled":
                kwargs.update(scale=scale, decimals=draw(st.sampled_from((None, 0, 1, 2, 3))))
            return vi.format_dong(amount, style, **kwargs)  # type: ignore[arg-type]
        if kind == 3:
            unit = draw(st.sampled_from(("việc", "người", "")))
            spoken = draw(st.booleans())
            return vi.format_count(draw(_ints()), unit, spoken=spoken, thousand=thousand)  # type: ignore[arg-type]
        if kind == 4:
            return vi.approximate(
                draw(_ints()),
                draw(st.sampled_from(("hơn", "trên", "gần"))),
                kind=draw(st.sampled_from(("count", "dong", "percent"))),
            )
        if kind == 5:
            return vi.format_points(
                draw(_decimals()), sign=draw(st.sampled_from(("symbol", "change", "target")))
            )
        if kind == 6:
            return vi.number_in_words(
                draw(_ints().filter(lambda n: n >= 0)),
                four=draw(st.sampled_from(("tư", "bốn"))),
                odd=draw(st.sampled_from(("linh", "lẻ"))),
                thousand=thousand,  # type: ignore[arg-type]
            )
        if kind == 7:
            return vi.amount_in_words(
                draw(_ints().filter(lambda n: n >= 0)),
                four=draw(st.sampled_from(("tư", "bốn"))),
                odd=draw(st.sampled_from(("linh", "lẻ"))),
                thousand=thousand,  # type: ignore[arg-type]
            )
        return draw(digit_runs())
    except ThadsError:
        return draw(digit_runs())


@functools.cache
def vi_texts() -> st.SearchStrategy[str]:
    return st.one_of(
        near_miss(vi_forms()),
        near_miss(vi_forms(), most=0),
        soup(_VI_WORDS, digit_runs()),
        noise(),
        digit_runs(),
    )


@functools.cache
def words_texts() -> st.SearchStrategy[str]:
    amounts = st.builds(
        lambda n, four, odd, thousand: vi.amount_in_words(n, four=four, odd=odd, thousand=thousand),
        _ints().filter(lambda n: 0 <= n < 10**100),
        st.sampled_from(["tư", "bốn"]),
        st.sampled_from(["linh", "lẻ"]),
        st.sampled_from(["nghìn", "ngàn"]),
    )
    endings = st.sampled_from(["", " đồng", " đồng chẵn", "./.", " đồng chẵn./.", ".", " chẵn"])
    many_ty = st.integers(1, 2000).map(lambda n: "một" + " tỷ" * n)
    return st.one_of(
        near_miss(st.builds(str.__add__, amounts, endings)),
        near_miss(amounts.map(str.lower), most=0),
        soup(_VI_WORDS),
        near_miss(many_ty),
        noise(),
    )


_COMMA: tuple[Any, ...] = ("strict", "decimal", "thousands")


@functools.cache
def _comma_arguments() -> st.SearchStrategy[Any]:
    return st.one_of(st.sampled_from(_COMMA), st.sampled_from(_COMMA), junk_objects())


def _vi_target(function: Callable[..., object], name: str) -> Callable[[], st.SearchStrategy[Case]]:
    def build() -> st.SearchStrategy[Case]:
        options = st.fixed_dictionaries({}, optional={"comma": _comma_arguments()})
        return st.builds(
            lambda text, kw: call(function, name, text, **kw), text_or_junk(vi_texts()), options
        )

    return build


def _vi_from_bytes(function: Callable[..., object], name: str) -> Callable[[bytes], Case]:
    def decode(data: bytes) -> Case:
        option, text = _split_option(data)
        return call(function, name, text, comma=_COMMA[option % 3])

    return decode


_UNITS = ["việc", "người", "", "đồng", "vụ việc", "VIỆC", "vie\u0302\u0323c", "  ", "%"]


def _count_target() -> st.SearchStrategy[Case]:
    options = st.fixed_dictionaries(
        {},
        optional={
            "unit": st.sampled_from(_UNITS) | noise(8) | junk_objects(),
            "comma": _comma_arguments(),
        },
    )
    return st.builds(
        lambda text, kw: call(vi.parse_count, "parse_count", text, **kw),
        text_or_junk(vi_texts()),
        options,
    )


def _count_from_bytes(data: bytes) -> Case:
    option, text = _split_option(data)
    unit = _UNITS[(option // 3) % len(_UNITS)]
    return call(vi.parse_count, "parse_count", text, unit=unit, comma=_COMMA[option % 3])


def _words_target() -> st.SearchStrategy[Case]:
    return st.builds(
        lambda text: call(vi.parse_amount_in_words, "parse_amount_in_words", text),
        text_or_junk(words_texts()),
    )


# --------------------------------------------------------------------------- CSV files

_NUMBER_CELLS = [
    "", "0", "1", "-1", "+5", "1.000", "1,5", " 12 ", "٣", "１２", "9" * 30, "9" * 31,
    "1e3", "0x10", "₫", "12 ", "00", "1_000", "١٢٣", "²", "NaN", "inf", "None",
]  # fmt: skip
_KIND_CELLS = ["viec", "tien", "VIỆC", "Tiền", "vie\u0302\u0323c", "việc", "tiền", " tien ",
               "", "x", "money", "cases", "TIEN"]  # fmt: skip
_ORIGIN_CELLS = ["carried_over", "newly_accepted", "new", "mới", "cũ", "chuyển sang",
                 "thụ lý mới", "năm trước chuyển sang", "Mới", "", "old"]  # fmt: skip
_STATUS_CELLS = [s.value for s in Status] + [s.term for s in Status] + ["", "done", "Completed"]
_FLAG_CELLS = ["", "0", "1", "true", "false", "yes", "no", "x", "có", "không", "Có", "co",
               "đúng", "sai", "2", "maybe", "TRUE"]  # fmt: skip
_UNIT_CELLS = ["A", "TP. Hà Nội", "Đồng Nai", "  Đồng   Nai ", "", "Phòng THADS khu vực 1",
               "Đo\u0302\u0300ng Nai", "B, C", 'D "x"']  # fmt: skip
_LAYOUT_CELLS = [*LAYOUTS, "", "TT06-2019", "tt06_2019", "tt01", "x"]


@functools.cache
def _cell(name: str) -> st.SearchStrategy[str]:
    """A cell of column ``name``: mostly plausible, sometimes anything."""
    long_cell = st.tuples(st.sampled_from("9x á\x00"), st.integers(1000, 150_000)).map(
        lambda p: p[0] * p[1]
    )
    if name in AmountLedger.STORED or name.startswith("amount_"):
        plausible = st.sampled_from(_NUMBER_CELLS) | st.integers(0, 10**31).map(str)
    elif name == "period":
        plausible = period_texts()
    elif name == "kind":
        plausible = st.sampled_from(_KIND_CELLS)
    elif name == "origin":
        plausible = st.sampled_from(_ORIGIN_CELLS)
    elif name == "status":
        plausible = st.sampled_from(_STATUS_CELLS)
    elif name in ("entrusted", "withdrawn", "inferred"):
        plausible = st.sampled_from(_FLAG_CELLS)
    elif name == "unit":
        plausible = st.sampled_from(_UNIT_CELLS)
    elif name == "layout":
        plausible = st.sampled_from(_LAYOUT_CELLS)
    elif name == "year":
        plausible = _YEARS
    elif name in ("cases", "money"):
        plausible = st.sampled_from(
            ["81,5", "81.5", "81,5%", "40", "0", "100", "100,01", "1e1", "nan", "inf", "-5",
             "", "٨١", "81,5,5", "81.", ",5", "1" * 40 + ",5", "0," + "0" * 40 + "1"]
        ) | digit_runs()  # fmt: skip
    else:
        plausible = noise(12)
    return st.one_of(plausible, plausible, plausible, plausible, noise(12), long_cell)


@functools.cache
@st.composite
def _header(
    draw: st.DrawFn, columns: tuple[str, ...], required: tuple[str, ...], names: tuple[str, ...]
) -> list[str]:
    """Column names: the required ones and some optional ones, shuffled, sometimes wrong.

    ``names`` are other accepted spellings, added now and then (a column twice).
    """
    optional = tuple(c for c in columns if c not in required)
    chosen = list(required)
    if optional:
        chosen += draw(st.lists(st.sampled_from(optional), unique=True))
    chosen = draw(st.permutations(chosen))
    edits = draw(st.integers(0, 3)) if draw(st.integers(0, 3)) == 0 else 0
    for _ in range(edits):
        op = draw(st.integers(0, 4))
        if op == 0 and chosen:
            chosen.pop(draw(st.integers(0, len(chosen) - 1)))
        elif op == 1 and chosen:
            chosen.append(draw(st.sampled_from(chosen)))
        elif op == 2:
            chosen.append(draw(noise(6)))
        elif op == 3 and chosen:
            k = draw(st.integers(0, len(chosen) - 1))
            chosen[k] = _mutate_once(draw, chosen[k])
        else:
            chosen.append(draw(st.sampled_from(names or columns)))
    return chosen


def _spelled(draw: st.DrawFn, names: list[str], spellings: Mapping[str, str]) -> list[str]:
    """Header cells for canonical ``names``, each in one of its accepted spellings."""
    out = []
    for name in names:
        variants = [k for k, v in spellings.items() if v == name] or [name]
        cell = draw(st.sampled_from(variants))
        change = draw(st.integers(0, 9))
        if change == 0:
            cell = cell.upper()
        elif change == 1:
            cell = f" {cell} "
        elif change == 2:
            cell = unicodedata.normalize("NFD", cell)
        out.append(cell)
    return out


def _render_csv(draw: st.DrawFn, rows: list[list[str]]) -> str:
    """CSV text of ``rows`` with a random delimiter, quoting, line ends and BOM."""
    delimiter = draw(st.sampled_from((",", ",", ",", ";", ";", "\t", "|", " ")))
    ends = draw(st.sampled_from(("\n", "\r\n", "\r", "mixed")))
    lines = []
    for row in rows:
        cells = []
        for cell in row:
            quoting = draw(st.integers(0, 9))
            special = any(c in cell for c in (delimiter, '"', "\n", "\r"))
            if quoting <= 1 or (special and quoting <= 7):
                cell = '"' + cell.replace('"', '""') + '"'
            elif quoting == 8:
                cell = draw(st.sampled_from(('"' + cell, cell + '"', cell[:1] + '"' + cell[1:])))
            cells.append(cell)
        sep = delimiter if draw(st.integers(0, 19)) else draw(st.sampled_from((",", ";", "\t")))
        end = ends if ends != "mixed" else draw(st.sampled_from(("\n", "\r\n", "\r")))
        lines.append(sep.join(cells) + end)
    text = "".join(lines)
    if draw(st.integers(0, 4)) == 0:
        text = "\ufeff" + text
    if draw(st.integers(0, 4)) == 0:
        text = text.rstrip("\r\n")
    return text


_LEDGER_SPELLINGS = {name: name for name in LEDGER_COLUMNS}
_CASE_SPELLINGS = {name: name for name in CASE_COLUMNS}


def _period_cell(draw: st.DrawFn, period: ReportingPeriod) -> str:
    end = period.end
    return draw(
        st.sampled_from(
            [period.label, end.isoformat(), f"{end.day}/{end.month}/{end.year}", period.as_of_label]
        )
    )


@functools.cache
@st.composite
def ledger_rows_csv(draw: st.DrawFn) -> str:
    """Ledger-row CSV text: valid pairs of rows and random rows, then maybe a near-miss."""
    header = draw(_header(LEDGER_COLUMNS, ("unit", "period", "kind"), ()))
    rows = [_spelled(draw, header, _LEDGER_SPELLINGS)]
    for _ in range(draw(st.integers(0, 5))):
        if draw(st.booleans()):
            unit = draw(st.sampled_from(_UNIT_CELLS[:3]))
            period = draw(_periods(2018, 2027))
            layout = layout_for(period.end)
            pair = (draw(_case_ledgers(layout)), draw(_amount_ledgers(10**18, layout)))
            for kind, ledger in zip(("viec", "tien"), pair, strict=True):
                cells = {"unit": unit, "period": _period_cell(draw, period), "kind": kind}
                cells["layout"] = ledger.layout.code
                for name in AmountLedger.STORED:
                    known = ledger.layout.has(name) and name in type(ledger).STORED
                    cells[name] = str(getattr(ledger, name)) if known else ""
                rows.append([cells.get(name, "") for name in header])
        else:
            rows.append([draw(_cell(name)) for name in header])
    text = _render_csv(draw, rows)
    return draw(near_miss(st.just(text), most=2)) if draw(st.integers(0, 2)) == 0 else text


@functools.cache
@st.composite
def case_records_csv(draw: st.DrawFn) -> str:
    """Case-record CSV text: valid records and random rows, then maybe a near-miss."""
    header = draw(_header(CASE_COLUMNS, ("unit", "period", "origin"), ()))
    rows = [_spelled(draw, header, _CASE_SPELLINGS)]
    for _ in range(draw(st.integers(0, 6))):
        if draw(st.booleans()):
            record = draw(_case_records())
            cells = {
                "unit": record.unit,
                "period": _period_cell(draw, record.period),
                "origin": draw(st.sampled_from((record.origin.value, record.origin.term))),
                "status": "" if record.status is None else record.status.value,
                "entrusted": "1" if record.entrusted else draw(st.sampled_from(("", "0", "không"))),
                "withdrawn": "1" if record.withdrawn else "",
                "amount_due": str(record.amount_due),
                "amount_finished": str(record.amount_finished),
                "amount_reduced": str(record.amount_reduced),
                "category": record.category or "",
            }
            rows.append([cells.get(name, "") for name in header])
        else:
            rows.append([draw(_cell(name)) for name in header])
    text = _render_csv(draw, rows)
    return draw(near_miss(st.just(text), most=2)) if draw(st.integers(0, 2)) == 0 else text


@functools.cache
def csv_texts() -> st.SearchStrategy[str]:
    return st.one_of(
        ledger_rows_csv(),
        case_records_csv(),
        noise(80),
        near_miss(st.sampled_from(_sample_lines()), most=4),
    )


def _sample_lines() -> list[str]:
    """The first lines of the bundled sample files, as seeds."""
    data = importlib.resources.files("thads_metrics") / "data"
    ledgers = (data / "sample_ledgers.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    book = (data / "sample_targets.csv").read_text(encoding="utf-8")
    return ["".join(ledgers[:5]), "".join(ledgers[:3]), book]


_LINE_MODES = ("stringio", "splitlines", "split")
_ENTRIES = ("read_csv", "read_ledger_rows", "read_case_records")


def _csv_case(text: str, mode: str, entry: str, name: Any = None) -> Case:
    if mode == "stringio":
        shown = f"io.StringIO({_show(text)}, newline='')"

        def lines() -> Any:
            return io.StringIO(text, newline="")
    elif mode == "splitlines":
        shown = f"{_show(text)}.splitlines(keepends=True)"

        def lines() -> Any:
            return text.splitlines(keepends=True)
    else:
        shown = f"{_show(text)}.split('\\n')"

        def lines() -> Any:
            return text.split("\n")

    if entry == "read_csv":
        extra = "" if name is None else f", name={name!r}"
        return Case(f"read_csv({shown}{extra})", lambda: read_csv(lines(), name=name))
    if entry == "read_ledger_rows":
        return Case(f"read_ledger_rows({shown})", lambda: read_ledger_rows(lines()))
    return Case(f"list(read_case_records({shown}))", lambda: list(read_case_records(lines())))


def _csv_target() -> st.SearchStrategy[Case]:
    names = st.one_of(st.none(), st.none(), st.none(), noise(8), junk_objects())
    return st.builds(
        _csv_case,
        csv_texts(),
        st.sampled_from(_LINE_MODES),
        st.sampled_from(_ENTRIES),
        names,
    )


def _csv_from_bytes(data: bytes) -> Case:
    option, text = _split_option(data)
    return _csv_case(text, _LINE_MODES[option % 3], _ENTRIES[(option // 3) % 3])


_WORK_DIR: Path | None = None


def _work_file(name: str) -> Path:
    """A scratch file of this process (removed at exit)."""
    global _WORK_DIR
    if _WORK_DIR is None:
        _WORK_DIR = Path(tempfile.mkdtemp(prefix="thads-fuzz-"))
    return _WORK_DIR / name


@functools.cache
@st.composite
def csv_bytes(draw: st.DrawFn) -> bytes:
    """A CSV file's bytes: encodings, BOMs, broken UTF-8, NULs, endless lines."""
    text = draw(csv_texts())
    encoding = draw(
        st.sampled_from(["utf-8", "utf-8", "utf-8", "utf-8-sig", "utf-16", "cp1258", "latin-1"])
    )
    data = text.encode(encoding, errors="replace" if encoding != "utf-8" else "surrogatepass")
    for _ in range(draw(st.integers(0, 2))):
        at = draw(st.integers(0, len(data)))
        piece = draw(
            st.sampled_from(
                [
                    b"\xff",
                    b"\xc3",
                    b"\xe1\xbb",
                    b"\x00",
                    b"\xef\xbb\xbf",
                    b"\r",
                    b"\n",
                    b"\xed\xa0\x80",
                ]
            )
            | st.binary(max_size=4)
        )
        data = data[:at] + piece + data[at:]
    if draw(st.integers(0, 30)) == 0:
        data += b"x" * ((1 << 20) + draw(st.integers(-2, 2)))
    return data


def _csv_file_case(data: bytes, progress: bool, name: Any) -> Case:
    path = _work_file("input.csv")
    seen: list[int] = []
    extra = ("" if name is None else f", name={name!r}") + (", progress=print" if progress else "")
    code = f"(p := pathlib.Path('input.csv')).write_bytes({_show(data)}); read_csv(p{extra})"

    def run() -> object:
        path.write_bytes(data)
        return read_csv(path, name=name, progress=seen.append if progress else None)

    return Case(code, run)


def _csv_file_target() -> st.SearchStrategy[Case]:
    names = st.one_of(st.none(), st.none(), noise(8))
    return st.builds(_csv_file_case, csv_bytes(), st.booleans(), names)


def _csv_file_from_bytes(data: bytes) -> Case:
    return _csv_file_case(data, False, None)


def _keys_case(data: bytes) -> Case:
    path = _work_file("keys.csv")
    code = f"(p := pathlib.Path('keys.csv')).write_bytes({_show(data)}); read_keys(p)"

    def run() -> object:
        path.write_bytes(data)
        return read_keys(path)

    return Case(code, run)


def _keys_target() -> st.SearchStrategy[Case]:
    return csv_bytes().map(_keys_case)


# --------------------------------------------------------------------------- targets (chỉ tiêu)

_TARGET_SPELLINGS = {
    "year": "year", "năm": "year", "nam": "year", "unit": "unit", "đơn vị": "unit",
    "don vi": "unit", "đơn_vị": "unit", "cases": "cases", "việc": "cases", "về việc": "cases",
    "money": "money", "tiền": "money", "về tiền": "money", "basis": "basis", "căn cứ": "basis",
    "nguồn": "basis", "source": "basis", "inferred": "inferred", "suy ra": "inferred",
}  # fmt: skip
_TARGET_COLUMNS = ("year", "unit", "cases", "money", "basis", "inferred", "note")


@functools.cache
@st.composite
def target_book_csv(draw: st.DrawFn) -> str:
    header = draw(_header(_TARGET_COLUMNS, ("year", "cases", "money"), tuple(_TARGET_SPELLINGS)))
    rows = [_spelled(draw, header, _TARGET_SPELLINGS)]
    for _ in range(draw(st.integers(0, 6))):
        if draw(st.booleans()):
            target = draw(targets())
            cells = {
                "year": str(draw(st.integers(1900, 2200))),
                "unit": draw(st.sampled_from(_UNIT_CELLS)),
                "cases": f"{target.cases:f}".replace(".", draw(st.sampled_from((".", ",")))),
                "money": f"{target.money:f}",
                "basis": target.basis,
                "inferred": draw(st.sampled_from(_FLAG_CELLS[:12])),
            }
            rows.append([cells.get(name, "") for name in header])
        else:
            rows.append([draw(_cell(name)) for name in header])
    text = _render_csv(draw, rows)
    return draw(near_miss(st.just(text), most=2)) if draw(st.integers(0, 2)) == 0 else text


def _book_target() -> st.SearchStrategy[Case]:
    options = st.fixed_dictionaries(
        {}, optional={"national": flag_arguments(), "source": st.text(max_size=5) | junk_objects()}
    )
    texts = st.one_of(target_book_csv(), target_book_csv(), noise(60), csv_texts())
    return st.builds(
        lambda text, kw: call(TargetBook.from_csv, "TargetBook.from_csv", text, **kw),
        text_or_junk(texts),
        options,
    )


def _book_from_bytes(data: bytes) -> Case:
    option, text = _split_option(data)
    return call(TargetBook.from_csv, "TargetBook.from_csv", text, national=bool(option & 1))


@functools.cache
def percent_values() -> st.SearchStrategy[Any]:
    texts = st.one_of(
        near_miss(st.sampled_from(["81,5", "81.5", "81,5%", "40", "100", "0", "0,01", "99.99"])),
        digit_runs(),
        noise(10),
    )
    others = st.one_of(
        _decimals(),
        st.decimals(),  # NaN, sNaN, infinities, huge exponents
        st.floats(),
        st.fractions(),
        st.integers(-(10**30), 10**30),
        st.sampled_from([True, None, Decimal("1e999999"), Decimal("-0"), Fraction(1, 3)]),
    )
    return st.one_of(texts, texts, texts, others)


def _target_target() -> st.SearchStrategy[Case]:
    options = st.fixed_dictionaries({}, optional={"inferred": flag_arguments()})
    return st.builds(
        lambda cases, money, basis, kw: call(Target, "Target", cases, money, basis, **kw),
        percent_values(),
        percent_values(),
        st.text(max_size=8) | junk_objects(),
        options,
    )


def _target_from_bytes(data: bytes) -> Case:
    parts = [*_decoded(data).split("\n", 2), "", ""]
    return call(Target, "Target", parts[0], parts[1], parts[2])


# --------------------------------------------------------------------------- JSON

_JSON_KEYS = ["type", "year", "months", "number", "label", "rows", "derived", "unknown",
              "layout", "cases", "money", "basis", "inferred", "national", "entries", "unit",
              "target", "completed", "carried_over", "to_enforce"]  # fmt: skip
_TAGS = ["EnforcementYear", "ReportingPeriod", "Quarter", "CalendarQuarter", "CaseLedger",
         "AmountLedger", "Target", "TargetBook", "CutOffPeriod", "", "Ledger"]  # fmt: skip


@functools.cache
def json_leaves() -> st.SearchStrategy[Any]:
    return st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(10**6), 10**6),
        st.integers(-(10**40), 10**40),
        st.floats(),
        st.text(max_size=8),
        st.sampled_from(_TAGS),
        st.sampled_from([2021, 0, -1, 12, 13, 1899, 2201, 10**30, "2021", "81.5", "tt06-2019"]),
    )


@functools.cache
def json_data() -> st.SearchStrategy[Any]:
    """Random JSON-shaped data, keys often those of the schema."""
    keys = st.sampled_from(_JSON_KEYS) | st.text(max_size=6)
    return st.recursive(
        json_leaves(),
        lambda children: (
            st.lists(children, max_size=4) | st.dictionaries(keys, children, max_size=6)
        ),
        max_leaves=25,
    )


@functools.cache
def _report(unit: str, period: Any, cases: Any, money: Any, target: Any, previous: Any) -> Any:
    """A unit's report, for the JSON documents the command line writes."""
    return build_report(unit, period, cases, money, target, previous=previous, require_target=False)


def serializable_values() -> st.SearchStrategy[Any]:
    books = st.builds(
        TargetBook,
        st.dictionaries(
            st.tuples(
                st.integers(1900, 2200), st.none() | st.sampled_from(["Long An", "Đồng Nai"])
            ),
            targets(),
            max_size=3,
        ),
        national=st.booleans(),
    )
    reports = st.builds(
        _report,
        st.sampled_from(["Long An", "TP. Hà Nội"]),
        periods(),
        case_ledgers(),
        amount_ledgers(10**15),
        st.none() | targets(),
        st.none() | st.tuples(case_ledgers(), amount_ledgers(10**15)),
    )
    single = st.one_of(
        years(),
        periods(),
        quarters(),
        st.builds(CalendarQuarter, st.integers(1900, 2199), st.integers(1, 4)),
        case_ledgers(),
        amount_ledgers(10**20),
        targets(),
        books,
        reports,
        reports.map(lambda r: ReportSet(r.period, [r], r, source="x.csv")),
    )
    return st.one_of(
        single,
        single,
        st.lists(single, max_size=3),
        st.lists(st.lists(single, max_size=2), max_size=2),
    )


@st.composite
def mutated_data(draw: st.DrawFn, data: Any) -> Any:
    """``data`` with one edit somewhere inside: a key dropped, added or a value replaced."""
    data = json.loads(json.dumps(data))  # a deep copy
    holders: list[Any] = []

    def walk(node: Any) -> None:
        if isinstance(node, (dict, list)):
            holders.append(node)
            for child in node.values() if isinstance(node, dict) else node:
                walk(child)

    walk(data)
    if not holders:
        return draw(json_data())
    for _ in range(draw(st.integers(1, 3))):
        node = draw(st.sampled_from(holders))
        op = draw(st.integers(0, 3))
        if isinstance(node, dict):
            if op == 0 and node:
                node.pop(draw(st.sampled_from(sorted(node))))
            elif op == 1:
                node[draw(st.sampled_from(_JSON_KEYS))] = draw(json_data())
            elif op == 2 and node:
                node[draw(st.sampled_from(sorted(node)))] = draw(json_leaves())
            elif node:
                key = draw(st.sampled_from(sorted(node)))
                node[key] = [node[key]] if draw(st.booleans()) else {"type": node[key]}
        elif node:
            k = draw(st.integers(0, len(node) - 1))
            if op == 0:
                node.pop(k)
            elif op == 1:
                node.append(node[k])
            else:
                node[k] = draw(json_data())
    return data


@functools.cache
def data_values() -> st.SearchStrategy[Any]:
    """JSON-ready data: the dumps of valid values, edited, and random data."""
    valid = serializable_values().map(to_data)
    return st.one_of(valid, valid.flatmap(mutated_data), valid.flatmap(mutated_data), json_data())


@functools.cache
@st.composite
def json_texts(draw: st.DrawFn) -> str:
    form = draw(st.integers(0, 9))
    if form <= 4:
        data = draw(data_values())
        return json.dumps(
            data,
            ensure_ascii=draw(st.booleans()),
            indent=draw(st.sampled_from((None, None, 2))),
            allow_nan=True,
        )
    if form <= 6:
        return draw(near_miss(serializable_values().map(dumps), most=3))
    if form == 7:
        depth = draw(st.integers(1, 200_000))
        opener, closer = draw(st.sampled_from((("[", "]"), ('{"a":', "}"), ('{"type":', "}"))))
        inner = draw(st.sampled_from(("1", '{"type": "EnforcementYear", "year": 2021}', "")))
        return opener * depth + inner + closer * draw(st.sampled_from((depth, 0, depth - 1)))
    if form == 8:
        digits = draw(st.integers(4000, 20_000))
        field = draw(st.sampled_from(("year", "months", "completed")))
        return f'{{"type": "ReportingPeriod", "{field}": {"9" * digits}, "months": 1}}'
    return draw(noise(40))


@functools.cache
@st.composite
def json_bytes(draw: st.DrawFn) -> bytes:
    text = draw(json_texts())
    encoding = draw(
        st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-32", "cp1258"])
    )
    data = text.encode(
        encoding, errors="surrogatepass" if encoding.startswith("utf") else "replace"
    )
    if draw(st.integers(0, 3)) == 0:
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.binary(min_size=1, max_size=3)) + data[at:]
    if draw(st.integers(0, 3)) == 0:
        data = data[: draw(st.integers(0, len(data)))]
    return data


def _loads_target() -> st.SearchStrategy[Case]:
    inputs: st.SearchStrategy[Any] = st.one_of(
        json_texts(),
        json_texts(),
        json_texts(),
        json_bytes(),
        junk_objects(),
        st.binary(max_size=20),
    )
    return inputs.map(lambda text: call(loads, "loads", text))


def _loads_from_bytes(data: bytes) -> Case:
    option, text = _split_option(data)
    return call(loads, "loads", data[1:] if option & 1 else text)


@functools.cache
def python_data() -> st.SearchStrategy[Any]:
    """Data that JSON cannot hold: tuples, Decimals, NaN, non-str keys, sets, deep lists."""
    leaves = st.one_of(
        json_leaves(),
        st.decimals(),
        st.fractions(),
        st.sampled_from([float("nan"), float("inf"), (), b"x", frozenset(), object]),
        st.integers(4300, 6000).map(lambda digits: 10**digits),  # too long for str()
    )
    keys = st.sampled_from(_JSON_KEYS) | st.integers() | st.text(max_size=4) | st.just(None)
    nested = st.recursive(
        leaves,
        lambda children: st.one_of(
            st.lists(children, max_size=3),
            st.tuples(children, children),
            st.dictionaries(keys, children, max_size=5),
        ),
        max_leaves=15,
    )
    deep = st.integers(90, 5000).map(lambda n: _nest(n))
    return st.one_of(nested, deep)


def _nest(depth: int) -> Any:
    value: Any = {"type": "EnforcementYear", "year": 2021}
    for _ in range(depth):
        value = [value]
    return value


def _from_data_target() -> st.SearchStrategy[Case]:
    return st.one_of(data_values(), data_values(), python_data()).map(
        lambda data: call(from_data, "from_data", data)
    )


# --------------------------------------------------------------------------- pandas frames

_FRAME_DTYPES = ["int64", "int64", "uint64", "int8", "float64", "bool", "Int64", "object",
                 "object", "string", "category"]  # fmt: skip


@functools.cache
def _column_values(name: str, dtype: str, rows: int) -> st.SearchStrategy[list[Any]]:
    if dtype == "int64":
        values: st.SearchStrategy[Any] = st.integers(-(2**63), 2**63 - 1) | st.integers(0, 10**6)
    elif dtype == "uint64":
        values = st.integers(0, 2**64 - 1)
    elif dtype == "int8":
        values = st.integers(-128, 127)
    elif dtype == "float64":
        values = st.floats() | st.integers(0, 1000).map(float)
    elif dtype == "bool":
        values = st.booleans()
    elif dtype == "Int64":
        values = st.none() | st.integers(-(2**63), 2**63 - 1)
    elif dtype in ("string", "category"):
        values = st.none() | st.sampled_from(_KIND_CELLS + _UNIT_CELLS + _LAYOUT_CELLS) | noise(5)
    else:
        values = st.one_of(
            st.integers(-(10**30), 10**30),
            st.integers(0, 1000),
            st.sampled_from(_KIND_CELLS + _LAYOUT_CELLS + _UNIT_CELLS),
            periods(),
            st.none(),
            st.floats(),
            st.decimals(),
            st.booleans(),
            st.tuples(st.integers(0, 3)),
            st.lists(st.integers(0, 3), max_size=2),  # unhashable cells
            st.dictionaries(st.sampled_from(("a", "unit")), st.integers(0, 3), max_size=1),
            noise(5),
        )
    return st.lists(values, min_size=rows, max_size=rows)


@dataclasses.dataclass(frozen=True)
class _Column:
    name: Any
    values: list[Any]
    dtype: str


def _frame_code(columns: Sequence[_Column]) -> str:
    parts = [f"{i}: pd.Series({_show(c.values)}, dtype={c.dtype!r})" for i, c in enumerate(columns)]
    names = [c.name for c in columns]
    return f"pd.DataFrame({{{', '.join(parts)}}}).set_axis({names!r}, axis=1)"


def _build_frame(columns: Sequence[_Column]) -> Any:
    import pandas as pd

    series = {}
    for i, column in enumerate(columns):
        try:
            series[i] = pd.Series(column.values, dtype=column.dtype)
        except (TypeError, ValueError, OverflowError):
            series[i] = pd.Series(column.values, dtype="object")
    return pd.DataFrame(series).set_axis([c.name for c in columns], axis=1)


@functools.cache
@st.composite
def frame_columns(draw: st.DrawFn) -> list[_Column]:
    """Columns of a small frame: a valid to_frame() output with edits, or random columns."""
    from thads_metrics.frames import to_frame

    if draw(st.booleans()):
        frame = to_frame(draw(_frame_pairs()))
        columns = [
            _Column(name, list(frame[name].astype(object)), str(frame[name].dtype))
            for name in frame.columns
        ]
        for _ in range(draw(st.integers(0, 3))):
            op = draw(st.integers(0, 5))
            k = draw(st.integers(0, len(columns) - 1)) if columns else 0
            if op == 0 and columns:
                columns.pop(k)
            elif op == 1 and columns:
                old = columns[k]
                dtype = draw(st.sampled_from(_FRAME_DTYPES))
                values = draw(_column_values(str(old.name), dtype, len(old.values)))
                columns[k] = _Column(old.name, values, dtype)
            elif op == 2 and columns and columns[k].values:
                old = columns[k]
                values = list(old.values)
                values[draw(st.integers(0, len(values) - 1))] = draw(
                    _column_values(str(old.name), "object", 1)
                )[0]
                columns[k] = _Column(old.name, values, "object")
            elif op == 3 and columns:
                columns.append(columns[k])
            elif op == 4 and columns:
                columns[k] = _Column(draw(noise(4)), columns[k].values, columns[k].dtype)
            elif op == 5 and columns:
                columns = [_Column(c.name, c.values + c.values[:1], c.dtype) for c in columns]
        return columns
    rows = draw(st.integers(0, 4))
    pool = ["unit", "period", "kind", "layout", *AmountLedger.STORED, *AmountLedger.DERIVED]
    names = draw(
        st.lists(st.sampled_from(pool) | noise(3), max_size=10).map(
            lambda extra: ["unit", "period", "kind", *extra]
        )
    )
    columns = []
    for name in names:
        dtype = draw(st.sampled_from(_FRAME_DTYPES))
        columns.append(_Column(name, draw(_column_values(name, dtype, rows)), dtype))
    return columns


def _frame_case(columns: list[_Column], key_names: Any) -> Case:
    from thads_metrics.frames import from_frame

    frame = _build_frame(columns)
    code = f"from_frame({_frame_code(columns)}"
    if key_names is None:
        return Case(code + ")", lambda: from_frame(frame.copy()))
    return Case(
        code + f", key_names={_show(key_names)})",
        lambda: from_frame(frame.copy(), key_names=key_names),
    )


def _frames_target() -> st.SearchStrategy[Case]:
    key_names = st.one_of(
        st.none(),
        st.none(),
        st.sampled_from(
            [("unit",), ("unit", "period"), ("period",), (), ("kind",), ["unit"], "unit", None,
             ("unit", "unit"), (1,), ("completed",), ("layout",)]
        ),
    )  # fmt: skip
    return st.builds(_frame_case, frame_columns(), key_names)


# --------------------------------------------------------------------------- reading (reports)

_REPORT_WORDS = [
    "Kết quả", "thi hành án dân sự", "năm", "tháng", "của", "Về việc", "Về tiền", "tổng số",
    "phải thi hành", "là", "việc", "đồng", "tỷ đồng", "triệu đồng", "trong đó", "có điều kiện",
    "chưa có điều kiện", "thi hành xong", "đình chỉ", "giảm, miễn", "đạt tỷ lệ", "tỷ lệ",
    "chỉ tiêu", "vượt", "chưa đạt", "chậm tiến độ", "còn phải phấn đấu", "so với cùng kỳ",
    "tăng", "giảm", "số chuyển kỳ sau", "tương ứng", "ít nhất", "%", "điểm phần trăm", ";",
    ":", ",", ".", "(", ")", "từ", "đến", "Quý II/2022", "11 tháng năm 2021", "khoảng", "hơn",
]  # fmt: skip


def _report_paragraphs() -> list[str]:
    """Real report paragraphs written by the library from the bundled sample."""
    from thads_metrics.report import summarize

    data = importlib.resources.files("thads_metrics") / "data"
    with importlib.resources.as_file(data / "sample_ledgers.csv") as path:
        table = read_csv(path)
    paragraphs = []
    for (unit, period), pair in list(table.items())[:12]:
        with contextlib.suppress(ThadsError):
            paragraphs.append(summarize(unit, period, pair.cases, pair.amounts))
    return paragraphs or ["Về việc: tổng số phải thi hành là 12.840 việc; đạt tỷ lệ 76,53%."]


@functools.cache
def _sentences() -> list[str]:
    """The sentences and clauses of the report paragraphs."""
    paragraphs = _report_paragraphs()
    return sorted({s.strip() for p in paragraphs for s in p.replace("\n", ";").split(";") if s})


def _report_seeds() -> list[bytes]:
    """Short seeds for atheris (instrumented code reads whole paragraphs slowly)."""
    return [s.encode() for s in _sentences() if len(s) < 300][:40]


@functools.cache
def report_texts() -> st.SearchStrategy[str]:
    paragraphs = _report_paragraphs()
    sentences = _sentences()
    figures = vi_forms()
    return st.one_of(
        near_miss(st.sampled_from(paragraphs)),
        near_miss(st.sampled_from(sentences)),
        soup(_REPORT_WORDS, figures),
        soup(_REPORT_WORDS + _VI_WORDS + _PERIOD_WORDS, digit_runs()),
        near_miss(figures),
        noise(60),
    )


def _signature_options(function: Callable[..., object]) -> st.SearchStrategy[dict[str, Any]] | None:
    """Random values for the keyword options of ``function``, from its annotations.

    bool and ``Literal`` options get their values (and now and then a wrong one), ``str``
    options random words, period options random periods. None when ``function`` needs
    more than its first argument.
    """
    try:
        signature = inspect.signature(function)
    except (TypeError, ValueError):
        return st.just({})
    try:
        hints = typing.get_type_hints(function)
    except Exception:
        hints = {}
    optional: dict[str, st.SearchStrategy[Any]] = {}
    for index, parameter in enumerate(signature.parameters.values()):
        if index == 0 or parameter.kind in (parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD):
            continue
        if parameter.default is parameter.empty:
            return None
        hint = hints.get(parameter.name)
        members = typing.get_args(hint) or (hint,)
        literals = [c for c in _literal_choices(hint) if _plain(c)]
        if isinstance(parameter.default, bool):
            optional[parameter.name] = flag_arguments()
        elif literals:
            optional[parameter.name] = st.sampled_from(literals) | junk_objects()
        elif ReportingPeriod in members or Quarter in members:
            optional[parameter.name] = st.one_of(st.none(), periods(), quarters(), junk_objects())
        elif str in members:
            words = st.sampled_from(_UNITS + _UNIT_CELLS + ["bản án", "%", "đồng"])
            optional[parameter.name] = st.one_of(st.none(), words, noise(8), junk_objects())
    return st.fixed_dictionaries({}, optional=optional)


def _literal_choices(hint: object) -> list[object]:
    """The values of a ``Literal[...]`` hint, also inside ``Optional``/unions."""
    if typing.get_origin(hint) is typing.Literal:
        return list(typing.get_args(hint))
    return [value for arg in typing.get_args(hint) for value in _literal_choices(arg)]


def _plain(value: object) -> bool:
    return value is None or isinstance(value, (str, int, bool))


def _consume(result: object) -> None:
    """Run a lazy result (an iterator of figures, records…) to its end."""
    if isinstance(result, Iterator):
        for _ in result:
            pass


_READERS = ("parse_figure", "parse_ratio", "find_figures", "read_report")


def _use(result: object) -> None:
    """Use what a reader returned: run a lazy result, write each value with ``str``."""
    _consume(result)
    for value in result if isinstance(result, (list, tuple)) else [result]:
        str(value)


def _reading_targets(notes: list[str]) -> list[FuzzTarget]:
    try:
        module = importlib.import_module("thads_metrics.reading")
    except Exception as exc:  # not written yet, or broken while being written
        problem = f"{type(exc).__name__}: {exc}"
        notes.append(f"thads_metrics.reading not fuzzed: cannot import it ({problem})")
        return []
    found = []
    for name in _READERS:
        function = getattr(module, name, None)
        if not callable(function):
            notes.append(f"thads_metrics.reading.{name} not fuzzed: it does not exist")
            continue
        options = _signature_options(function)
        if options is None:
            notes.append(f"thads_metrics.reading.{name} not fuzzed: it needs more arguments")
            continue
        found.append(_reading_target(name, function, options))
    audit = getattr(module, "audit", None)
    read_report = getattr(module, "read_report", None)
    if callable(audit) and callable(read_report):
        found.append(_audit_target(audit, read_report))
    return found


def _reading_case(function: Callable[..., object], name: str, text: Any, **kw: Any) -> Case:
    shown = call(function, name, text, **kw).code

    def run() -> object:
        result = function(text, **kw)
        _use(result)
        return result

    return Case(f"[str(x) for x in {shown}]" if name != "parse_figure" else f"str({shown})", run)


def _reading_target(
    name: str, function: Callable[..., object], options: st.SearchStrategy[dict[str, Any]]
) -> FuzzTarget:
    def build() -> st.SearchStrategy[Case]:
        return st.builds(
            lambda text, kw: _reading_case(function, name, text, **kw),
            text_or_junk(report_texts()),
            options,
        )

    def from_bytes(data: bytes) -> Case:
        return _reading_case(function, name, _decoded(data))

    return FuzzTarget(
        f"reading.{name}",
        "from decimal import Decimal; from thads_metrics.calendar import ReportingPeriod, "
        f"Quarter; from thads_metrics.reading import {name}",
        build,
        from_bytes,
        _report_seeds,
    )


def _audit_target(audit: Callable[[Any], object], read_report: Callable[..., object]) -> FuzzTarget:
    """audit() of the claims read from one or two random report texts."""

    def case(texts: list[str]) -> Case:
        def run() -> object:
            claims: list[Any] = []
            for text in texts:
                claims += typing.cast("list[Any]", read_report(text))
            return [str(finding) for finding in typing.cast("list[Any]", audit(claims))]

        code = f"audit([c for t in {_show(texts)} for c in read_report(t)])"
        return Case(code, run)

    def build() -> st.SearchStrategy[Case]:
        return st.lists(report_texts(), min_size=1, max_size=3).map(case)

    return FuzzTarget(
        "reading.audit",
        "from thads_metrics.reading import audit, read_report",
        build,
        lambda data: case(_decoded(data).split("\x00")),
        _report_seeds,
    )


# --------------------------------------------------------------------------- the target table


@dataclasses.dataclass
class FuzzTarget:
    name: str
    setup: str  # the imports a reproducer needs
    strategy: Callable[[], st.SearchStrategy[Case]]
    from_bytes: Callable[[bytes], Case] | None = None  # atheris: None = hypothesis only
    seeds: Callable[[], list[bytes]] | None = None  # atheris seed corpus


def _seed_texts(option: bytes, texts: Sequence[str]) -> Callable[[], list[bytes]]:
    return lambda: [option + text.encode("utf-8") for text in texts]


def build_targets(notes: list[str]) -> list[FuzzTarget]:
    """Every target; those whose module cannot be imported are left out with a note."""
    period_seeds = ["năm 2021", "11 tháng năm 2021", "Quý II/2022", "tính đến 24/8/2011",
                    "từ 01/10/2020 đến hết ngày 31/8/2021", "tính đến 31/8/2021 (11 tháng 2021)",
                    "6 tháng đầu năm 2022", "chín tháng đầu năm 2023"]  # fmt: skip
    number_seeds = ["576.933", "-1.234,50", "146,9 tỷ đồng", "83,86%", "1,052,300",
                    "36.576 tỷ 087 triệu 535 nghìn đồng", "7 nghìn 4 trăm việc",
                    "1.719.000.000₫"]  # fmt: skip
    words_seeds = [
        "Một trăm bốn mươi sáu tỷ chín trăm triệu đồng",
        "hai mươi bốn ngàn đồng chẵn./.",
    ]
    found = [
        FuzzTarget(
            "calendar.parse_period",
            "from thads_metrics.calendar import EnforcementYear, parse_period",
            _period_target,
            _period_from_bytes,
            _seed_texts(b"\x00", period_seeds),
        ),
        FuzzTarget(
            "calendar.parse_date",
            "from thads_metrics.calendar import EnforcementYear, parse_date",
            _date_target,
            _date_from_bytes,
            _seed_texts(b"\x00", ["31/8/2021", "2021-08-31", "ngày 31 tháng 8 năm 2021", "31/12"]),
        ),
    ]
    for name in ("parse_number", "parse_percent", "parse_dong"):
        function = getattr(vi, name)
        found.append(
            FuzzTarget(
                f"vi.{name}",
                f"from thads_metrics.vi import {name}",
                _vi_target(function, name),
                _vi_from_bytes(function, name),
                _seed_texts(b"\x00", number_seeds),
            )
        )
    found += [
        FuzzTarget(
            "vi.parse_count",
            "from thads_metrics.vi import parse_count",
            _count_target,
            _count_from_bytes,
            _seed_texts(b"\x00", number_seeds),
        ),
        FuzzTarget(
            "vi.parse_amount_in_words",
            "from thads_metrics.vi import parse_amount_in_words",
            _words_target,
            lambda data: call(vi.parse_amount_in_words, "parse_amount_in_words", _decoded(data)),
            _seed_texts(b"", words_seeds),
        ),
        FuzzTarget(
            "csvio.read_csv",
            "import io; "
            "from thads_metrics.csvio import read_csv, read_ledger_rows, read_case_records",
            _csv_target,
            _csv_from_bytes,
            lambda: [b"\x00" + text.encode() for text in _sample_lines()],
        ),
        FuzzTarget(
            "csvio.read_csv_file",
            "import pathlib; from thads_metrics.csvio import read_csv",
            _csv_file_target,
            _csv_file_from_bytes,
            lambda: [text.encode() for text in _sample_lines()],
        ),
        FuzzTarget(
            "csvio.read_keys",
            "import pathlib; from thads_metrics.csvio import read_keys",
            _keys_target,
            _keys_case,
            lambda: [text.encode() for text in _sample_lines()],
        ),
        FuzzTarget(
            "targets.TargetBook.from_csv",
            "from thads_metrics.targets import TargetBook",
            _book_target,
            _book_from_bytes,
            lambda: [b"\x00" + _sample_lines()[2].encode()],
        ),
        FuzzTarget(
            "targets.Target",
            "from decimal import Decimal; from fractions import Fraction; "
            "from thads_metrics.targets import Target",
            _target_target,
            _target_from_bytes,
            _seed_texts(b"", ["81,5\n40,1\nLong An", "81.5%\n40\n"]),
        ),
        FuzzTarget(
            "serialize.loads",
            "from thads_metrics.serialize import loads",
            _loads_target,
            _loads_from_bytes,
            lambda: [
                b"\x00" + dumps(value).encode()
                for value in (
                    ReportingPeriod(2021, 11),
                    Quarter(2022, 2),
                    CaseLedger(newly_accepted=3, completed=2, in_progress=1),
                    TargetBook({(2022, "Long An"): ("81.5", "40")}),
                )
            ],
        ),
        FuzzTarget(
            "serialize.from_data",
            "import functools; from decimal import Decimal; from fractions import Fraction; "
            "from thads_metrics.serialize import from_data",
            _from_data_target,
        ),
    ]
    if importlib.util.find_spec("pandas") is not None:
        found.append(
            FuzzTarget(
                "frames.from_frame",
                "import pandas as pd; from decimal import Decimal; "
                "from thads_metrics.calendar import ReportingPeriod; "
                "from thads_metrics.frames import from_frame",
                _frames_target,
            )
        )
    else:
        notes.append("frames.from_frame not fuzzed: pandas is not installed")
    found += _reading_targets(notes)
    return found


# --------------------------------------------------------------------------- escapes

Signature = tuple[str, str, str]  # target, exception type, where it was raised


@dataclasses.dataclass
class Escape:
    target: str
    kind: str  # "exception", "no code", "hang", "crash"
    exc_type: str
    message: str
    code: str
    raised_at: str
    library_at: str
    trace: list[str]
    count: int = 1
    minimized: str = ""
    data: bytes | None = None  # the atheris input, for minimizing

    @property
    def signature(self) -> Signature:
        return (self.target, self.exc_type, self.raised_at)


def _where(frame: traceback.FrameSummary) -> str:
    path = Path(frame.filename)
    with contextlib.suppress(ValueError):
        path = path.resolve().relative_to(ROOT)
    return f"{path}:{frame.lineno} in {frame.name}"


def _in_library(frame: traceback.FrameSummary) -> bool:
    with contextlib.suppress(OSError, ValueError):
        return Path(frame.filename).resolve().is_relative_to(PACKAGE_DIR)
    return False


def _escape_of(target: str, exc: BaseException, case: Case, kind: str) -> Escape:
    frames = traceback.extract_tb(exc.__traceback__)
    # drop the harness's own frames at the top
    while frames and Path(frames[0].filename).resolve() == Path(__file__).resolve():
        frames = traceback.StackSummary.from_list(frames[1:])
    inside = [f for f in frames if _in_library(f)]
    raised = _where(frames[-1]) if frames else "?"
    message = str(exc) if kind != "hang" else f"one call ran for more than {exc.args[0]} s"
    return Escape(
        target=target,
        kind=kind,
        exc_type="Timeout" if kind == "hang" else type(exc).__qualname__,
        message=message if len(message) < 500 else message[:500] + "…",
        code=case.code,
        raised_at="(interrupted)" if kind == "hang" else raised,
        library_at=_where(inside[-1]) if inside else "(no frame inside thads_metrics)",
        trace=[_where(f) for f in frames[-8:]],
    )


@contextlib.contextmanager
def _alarm(seconds: float | None) -> Iterator[None]:
    """Raise SlowCall in the body when it runs longer than ``seconds``."""
    if not seconds or not hasattr(signal, "setitimer"):
        yield
        return

    def ring(_signum: int, _frame: FrameType | None) -> None:
        raise SlowCall(seconds)

    previous = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def execute(
    target: str, case: Case, call_timeout: float | None
) -> tuple[Escape, BaseException] | None:
    """Run ``case``; an escape and its exception, or None when it returned or raised a
    ThadsError with a code."""
    try:
        with _alarm(call_timeout):
            _consume(case.run())
    except SlowCall as exc:
        return _escape_of(target, exc, case, "hang"), exc
    except ThadsError as exc:
        code = getattr(exc, "code", None)
        if isinstance(code, str) and code:
            return None
        return _escape_of(target, exc, case, "no code"), exc
    except (KeyboardInterrupt, StopFuzz):
        raise
    except BaseException as exc:  # everything else escaped the library
        return _escape_of(target, exc, case, "exception"), exc
    return None


class Results:
    """Runs and escapes per target."""

    def __init__(self, names: Sequence[str]) -> None:
        self.runs: dict[str, int] = dict.fromkeys(names, 0)
        self.escapes: dict[Signature, Escape] = {}
        self.settled: set[Signature] = set()  # shrunk once: not raised to hypothesis again
        self.tries: dict[Signature, int] = {}
        self.harness_errors: list[str] = []
        self.notes: list[str] = []

    def record(self, escape: Escape) -> bool:
        """Keep ``escape``, or count it and keep the smaller reproducer; True when new."""
        known = self.escapes.get(escape.signature)
        if known is None:
            self.escapes[escape.signature] = escape
            return True
        known.count += escape.count
        if (len(escape.code), escape.code) < (len(known.code), known.code):
            escape.count = known.count
            escape.minimized = escape.minimized or known.minimized
            self.escapes[escape.signature] = escape
        return False


# --------------------------------------------------------------------------- hypothesis engine


_SETTINGS = settings(
    max_examples=10**9,
    deadline=None,
    database=None,
    derandomize=False,
    phases=[Phase.generate, Phase.shrink],
    suppress_health_check=list(HealthCheck),
    verbosity=Verbosity.quiet,
    report_multiple_bugs=True,
    print_blob=False,
)


def _hypothesis_run(
    target: FuzzTarget,
    strategy: st.SearchStrategy[Case],
    results: Results,
    stop_at: float,
    seed_value: int,
    call_timeout: float | None,
) -> tuple[set[Signature], bool]:
    """One hypothesis run until it shrinks new escapes or time is up.

    The escapes it raised (to be shrunk) and whether time ran out. Known escapes
    are counted but not raised, so that a later run looks for other ones.
    """
    raised: set[Signature] = set()

    def test(case: Case) -> None:
        if time.monotonic() >= stop_at:
            raise StopFuzz
        results.runs[target.name] += 1
        found = execute(target.name, case, call_timeout)
        if found is None:
            return
        escape, exc = found
        escape.minimized = "hypothesis"
        results.record(escape)
        if escape.kind == "hang" or escape.signature in results.settled:
            return
        raised.add(escape.signature)
        raise exc

    run = hypothesis_seed(seed_value)(_SETTINGS(given(strategy)(test)))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            run()
        except StopFuzz:
            return raised, True
        except Exception as exc:
            if not raised:
                results.harness_errors.append(f"{target.name}: {_harness_error(exc)}")
                return raised, True
    return raised, False


def _harness_error(exc: BaseException) -> str:
    """A short account of an error of the harness itself (in generating inputs, say)."""
    parts = [f"hypothesis stopped: {type(exc).__name__}: {str(exc)[:300]}"]
    inner: list[BaseException] = list(getattr(exc, "exceptions", None) or [exc])
    for error in inner[:4]:
        frames = traceback.extract_tb(error.__traceback__)[-3:]
        parts.append(f"  {type(error).__name__}: {str(error)[:300]}")
        parts += [f"    {_where(frame)}" for frame in frames]
    return "\n".join(parts)


def _hypothesis_slice(
    target: FuzzTarget,
    strategy: st.SearchStrategy[Case],
    results: Results,
    seconds: float,
    seeds: random.Random,
    call_timeout: float | None,
) -> None:
    """Fuzz ``target`` for ``seconds``, restarting hypothesis after each escape it shrinks."""
    stop_at = time.monotonic() + seconds
    while time.monotonic() < stop_at - 0.05:
        raised, stopped = _hypothesis_run(
            target, strategy, results, stop_at, seeds.getrandbits(64), call_timeout
        )
        for signature in raised:
            results.tries[signature] = results.tries.get(signature, 0) + 1
            if not stopped or results.tries[signature] >= 2:
                results.settled.add(signature)
            if stopped and signature in results.escapes:
                results.escapes[signature].minimized = "hypothesis (shrinking cut short)"
        if stopped:
            return


# --------------------------------------------------------------------------- atheris engine

_WORKER_BOOT = """\
import importlib, runpy, sys
import atheris
with atheris.instrument_imports(include=["thads_metrics"]):
    import thads_metrics, thads_metrics.csvio, thads_metrics.serialize
    try:
        importlib.import_module("thads_metrics.reading")
    except Exception:
        pass
sys.argv = sys.argv[1:]
runpy.run_path(sys.argv[0], run_name="__main__")
"""


def atheris_available() -> bool:
    try:
        importlib.import_module("atheris")
    except ImportError:
        return False
    return True


def _worker(args: argparse.Namespace) -> int:
    """One atheris slice of one target, in its own process (libFuzzer never returns)."""
    atheris: Any = importlib.import_module("atheris")
    notes: list[str] = []
    target = next(t for t in build_targets(notes) if t.name == args.worker)
    decode = target.from_bytes
    assert decode is not None
    report = Path(args.report)
    stop_at = time.monotonic() + args.seconds
    runs = 0
    last_flush = time.monotonic()
    smallest: dict[Signature, int] = {}
    hits: dict[str, int] = {}

    def write(item: dict[str, Any]) -> None:
        with report.open("a", encoding="utf-8") as out:
            out.write(json.dumps(item) + "\n")

    def flush() -> None:
        write({"runs": runs, "hits": hits})

    def test_one_input(data: bytes) -> None:
        nonlocal runs, last_flush
        now = time.monotonic()
        if now >= stop_at:
            flush()
            os._exit(0)
        if now - last_flush > 1:
            flush()
            last_flush = now
        runs += 1
        found = execute(target.name, decode(data), None)  # libFuzzer's -timeout finds hangs
        if found is None:
            return
        escape = found[0]
        key = json.dumps(escape.signature)
        hits[key] = hits.get(key, 0) + 1
        if escape.signature not in smallest or len(data) < smallest[escape.signature]:
            smallest[escape.signature] = len(data)
            fields = dataclasses.asdict(escape)
            fields["data"] = data.hex()
            write({"escape": fields})

    timeout = max(1, int(args.call_timeout or 10))
    argv = [
        sys.argv[0],
        f"-max_total_time={int(args.seconds) + 5}",
        f"-timeout={timeout}",
        f"-max_len={ATHERIS_MAX_LEN}",
        "-rss_limit_mb=4096",
        f"-artifact_prefix={args.artifacts}/",
        "-print_final_stats=0",
        f"-seed={args.seed_value}",
        args.corpus,
    ]
    atheris.Setup(argv, test_one_input)
    atheris.Fuzz()
    return 0


def _minimize(
    target: FuzzTarget, escape: Escape, seconds: float, call_timeout: float | None
) -> Escape:
    """A smaller input with the same escape: delete byte chunks while it still escapes."""
    decode = target.from_bytes
    if escape.data is None or decode is None:
        return escape
    keep = 1 if escape.data[:1] and target.name not in _WHOLE_INPUT else 0
    head, body = escape.data[:keep], escape.data[keep:]
    stop_at = time.monotonic() + seconds
    best = escape

    def same(candidate: bytes) -> Escape | None:
        found = execute(target.name, decode(head + candidate), call_timeout)
        if found is not None and found[0].signature == escape.signature:
            return found[0]
        return None

    chunk = max(1, len(body) // 2)
    while chunk >= 1 and time.monotonic() < stop_at:
        start = 0
        progressed = False
        while start < len(body) and time.monotonic() < stop_at:
            candidate = body[:start] + body[start + chunk :]
            smaller = same(candidate)
            if smaller is not None:
                body = candidate
                best = smaller
                progressed = True
            else:
                start += chunk
        if not progressed:
            chunk //= 2
    if best is not escape:
        best.count = escape.count
        best.data = head + body
        best.minimized = "byte deletion"
    return best


_WHOLE_INPUT = frozenset(
    {"vi.parse_amount_in_words", "csvio.read_csv_file", "targets.Target", "reading.audit"}
    | {f"reading.{name}" for name in _READERS}
)


def _atheris_slice(
    target: FuzzTarget,
    results: Results,
    seconds: float,
    seeds: random.Random,
    call_timeout: float | None,
    work: Path,
) -> None:
    """Run one atheris worker on ``target`` for ``seconds`` and merge what it reports."""
    corpus = work / "corpus" / target.name
    artifacts = work / "artifacts" / target.name
    if not corpus.exists():
        corpus.mkdir(parents=True)
        for index, data in enumerate(target.seeds() if target.seeds else []):
            (corpus / f"seed-{index}").write_bytes(data)
    artifacts.mkdir(parents=True, exist_ok=True)
    report = work / f"{target.name}.jsonl"
    report.unlink(missing_ok=True)
    started = time.monotonic()
    run_for = max(1.0, seconds - 2.5)  # the worker's start-up is part of the slice
    command = [
        sys.executable, "-c", _WORKER_BOOT, str(Path(__file__).resolve()),
        "--_worker", target.name, "--seconds", f"{run_for:.1f}", "--_report", str(report),
        "--_corpus", str(corpus), "--_artifacts", str(artifacts),
        "--_seed-value", str(seeds.getrandbits(31)), "--call-timeout", str(call_timeout or 10),
    ]  # fmt: skip
    log = work / f"{target.name}.log"
    with log.open("wb") as out:
        try:
            status = subprocess.run(
                command, stdout=out, stderr=subprocess.STDOUT, timeout=seconds + 3, check=False
            ).returncode
        except subprocess.TimeoutExpired:  # one input still running at the end of the slice
            status = -1
            results.notes.append(
                f"{target.name}: atheris worker killed at the end of its slice while one "
                "input was still running (a slow input; hypothesis reports such inputs)"
            )
    runs = 0
    hits: dict[str, int] = {}
    if report.exists():
        for line in report.read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            if "runs" in item:
                runs, hits = max(runs, item["runs"]), item["hits"]
            elif "escape" in item:
                fields = item["escape"]
                fields["data"] = bytes.fromhex(fields["data"])
                fields["count"] = 0
                results.record(Escape(**fields))
    for key, count in hits.items():
        target_name, exc_type, raised_at = json.loads(key)
        signature = (target_name, exc_type, raised_at)
        if signature in results.escapes:
            results.escapes[signature].count += count
    results.runs[target.name] += runs
    for artifact in sorted(artifacts.iterdir()):  # libFuzzer: timeout-, oom-, crash-
        data = artifact.read_bytes()
        kind = artifact.name.split("-", 1)[0]
        code = target.from_bytes(data).code if target.from_bytes else repr(data)
        results.record(
            Escape(
                target=target.name,
                kind="hang" if kind == "timeout" else "crash",
                exc_type={"timeout": "Timeout", "oom": "OutOfMemory"}.get(kind, "Crash"),
                message=f"libFuzzer {kind} (exit status {status}); see {log}",
                code=code,
                raised_at=f"(libFuzzer {kind})",
                library_at="",
                trace=[],
                data=data,
            )
        )
        artifact.unlink()
    if status not in (0, -1) and runs == 0:
        tail = log.read_text(encoding="utf-8", errors="replace")[-1500:]
        results.harness_errors.append(f"{target.name}: atheris worker failed ({status}):\n{tail}")
    # minimize what this slice found, within what is left of the slice
    for signature, escape in list(results.escapes.items()):
        if signature[0] != target.name or escape.minimized or escape.data is None:
            continue
        left = seconds - (time.monotonic() - started)
        if left <= 0.2:
            escape.minimized = ""
            break
        results.escapes[signature] = _minimize(
            target, escape, min(MINIMIZE_SECONDS, left), call_timeout
        )
        results.escapes[signature].minimized = results.escapes[signature].minimized or "tried"


# --------------------------------------------------------------------------- the run


def select(found: Sequence[FuzzTarget], patterns: Sequence[str] | None) -> list[FuzzTarget]:
    if not patterns:
        return list(found)
    chosen = []
    for target in found:
        if any(
            target.name == p or fnmatch.fnmatchcase(target.name, p) or target.name.endswith("." + p)
            for p in patterns
        ):
            chosen.append(target)
    return chosen


def _shown_code(code: str) -> str:
    if len(code) <= SHOWN_LIMIT:
        return code
    return code[:SHOWN_LIMIT] + f"… ({len(code)} characters; --save DIR writes it whole)"


@dataclasses.dataclass
class Bug:
    """The escapes of several targets that raise the same exception at the same place."""

    escapes: list[Escape]  # the first has the shortest reproducer

    @property
    def first(self) -> Escape:
        return self.escapes[0]


def merge(escapes: Sequence[Escape]) -> list[Bug]:
    """One bug per (exception type, place raised); a hang or crash per target."""
    groups: dict[tuple[str, str, str], list[Escape]] = {}
    for escape in escapes:
        own = escape.target if escape.kind in ("hang", "crash") else ""
        groups.setdefault((own, escape.exc_type, escape.raised_at), []).append(escape)
    bugs = [
        Bug(sorted(group, key=lambda e: (len(e.code), e.code, e.target)))
        for group in groups.values()
    ]
    return sorted(bugs, key=lambda b: (b.first.library_at, b.first.exc_type, b.first.raised_at))


def report(
    chosen: Sequence[FuzzTarget], results: Results, notes: Sequence[str], save: Path | None
) -> int:
    """Print the runs per target and every escape; the exit code (1 when anything escaped)."""
    setups = {t.name: t.setup for t in chosen}
    bugs = merge(list(results.escapes.values()))
    print()
    print("runs per target:")
    width = max((len(t.name) for t in chosen), default=10)
    for target in chosen:
        mine = sum(1 for bug in bugs if any(e.target == target.name for e in bug.escapes))
        print(f"  {target.name:<{width}}  {results.runs[target.name]:>10} runs  {mine} escapes")
    for note in [*notes, *results.notes]:
        print(f"note: {note}")
    for error in results.harness_errors:
        print(f"HARNESS ERROR (not a library escape): {error}")
    for number, bug in enumerate(bugs, start=1):
        escape = bug.first
        print()
        print(f"ESCAPE {number}: {escape.exc_type}: {escape.message}")
        if escape.kind == "no code":
            print("  a ThadsError without a code")
        print(f"  target:     {escape.target}")
        print(f"  reproduce:  {setups.get(escape.target, '')}")
        print(f"              {_shown_code(escape.code)}")
        print(f"  raised at:  {escape.raised_at}")
        if escape.library_at:
            print(f"  library:    {escape.library_at}")
        seen = sum(e.count for e in bug.escapes)
        print(f"  seen:       {seen} times; minimized: {escape.minimized or 'no'}")
        others = sorted({e.target for e in bug.escapes} - {escape.target})
        if others:
            print(f"  also from:  {', '.join(others)}")
        if escape.trace:
            print("  traceback (innermost last):")
            for line in escape.trace:
                print(f"    {line}")
        if save is not None:
            save.mkdir(parents=True, exist_ok=True)
            name = f"escape-{number:02d}-{escape.target}-{escape.exc_type}.py"
            (save / name).write_text(
                f"# {escape.exc_type}: {escape.message}\n# raised at {escape.raised_at}\n"
                f"{setups.get(escape.target, '')}\n{escape.code}\n",
                encoding="utf-8",
            )
    total_runs = sum(results.runs[t.name] for t in chosen)
    print()
    print(SUMMARY_FORMAT.format(targets=len(chosen), runs=total_runs, escapes=len(bugs)))
    return 1 if bugs else 0


def fuzz(args: argparse.Namespace) -> int:
    notes: list[str] = []
    found = build_targets(notes)
    if args.list:
        for target in found:
            engines = "hypothesis, atheris" if target.from_bytes else "hypothesis"
            print(f"{target.name:<30} ({engines})")
        for note in notes:
            print(f"note: {note}")
        return 0
    chosen = select(found, args.target)
    if not chosen:
        print(f"no target matches {args.target}; see --list", file=sys.stderr)
        return 2
    engine = args.engine
    if engine == "atheris" and not atheris_available():
        print("atheris is not installed (pip install 'thads-metrics[fuzz]'): using hypothesis")
        engine = "hypothesis"
    seeds = random.Random(args.seed)
    results = Results([t.name for t in chosen])
    strategies: dict[str, st.SearchStrategy[Case]] = {}
    slice_limit = ATHERIS_SLICE if engine == "atheris" else HYPOTHESIS_SLICE
    rounds = max(1, -(-int(args.seconds) // int(slice_limit * len(chosen))))
    slots = rounds * len(chosen)
    start = time.monotonic()
    deadline = start + args.seconds
    work = Path(tempfile.mkdtemp(prefix="thads-fuzz-atheris-")) if engine == "atheris" else None
    print(
        f"fuzzing {len(chosen)} targets for {args.seconds:g} s with {engine} "
        f"({rounds} round{'s' if rounds > 1 else ''}, "
        f"seed {'random' if args.seed is None else args.seed})",
        flush=True,
    )
    try:
        for slot in range(slots):
            target = chosen[slot % len(chosen)]
            left = deadline - time.monotonic()
            if left <= 0.05:
                break
            seconds = left / (slots - slot)
            before = results.runs[target.name]
            use_atheris = work is not None and target.from_bytes is not None
            if use_atheris:
                assert work is not None
                _atheris_slice(target, results, seconds, seeds, args.call_timeout, work)
            else:
                if target.name not in strategies:
                    strategies[target.name] = target.strategy()
                _hypothesis_slice(
                    target, strategies[target.name], results, seconds, seeds, args.call_timeout
                )
            if not args.quiet:
                mine = sum(1 for s in results.escapes if s[0] == target.name)
                print(
                    f"[{time.monotonic() - start:7.1f}s] round {slot // len(chosen) + 1}/{rounds} "
                    f"{target.name}: +{results.runs[target.name] - before} runs "
                    f"({results.runs[target.name]} in all), {mine} escapes",
                    file=sys.stderr,
                    flush=True,
                )
    except KeyboardInterrupt:
        notes = [*notes, "interrupted: the counts are those reached so far"]
    finally:
        if work is not None:
            shutil.rmtree(work, ignore_errors=True)
        if _WORK_DIR is not None:
            shutil.rmtree(_WORK_DIR, ignore_errors=True)
    return report(chosen, results, notes, args.save)


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Fuzz the parsers and readers of thads-metrics: anything but a ThadsError "
        "(with a code) escaping them is a bug."
    )
    parser.add_argument("--seconds", type=float, default=60.0, help="time budget (default 60)")
    parser.add_argument(
        "--target",
        action="append",
        metavar="NAME",
        help="a target (or glob, e.g. 'vi.*'); repeat for several; default: all (see --list)",
    )
    parser.add_argument("--engine", choices=("hypothesis", "atheris"), default="hypothesis")
    parser.add_argument("--seed", type=int, default=None, help="seed of the run (default random)")
    parser.add_argument(
        "--call-timeout",
        type=float,
        default=10.0,
        help="a call running longer than this many seconds is an escape (default 10; 0: off)",
    )
    parser.add_argument("--save", type=Path, default=None, help="write each reproducer to DIR")
    parser.add_argument("--list", action="store_true", help="list the targets and exit")
    parser.add_argument("--quiet", action="store_true", help="no progress lines on stderr")
    # internal: one atheris slice in a subprocess
    parser.add_argument("--_worker", dest="worker", help=argparse.SUPPRESS)
    parser.add_argument("--_report", dest="report", help=argparse.SUPPRESS)
    parser.add_argument("--_corpus", dest="corpus", help=argparse.SUPPRESS)
    parser.add_argument("--_artifacts", dest="artifacts", help=argparse.SUPPRESS)
    parser.add_argument(
        "--_seed-value", dest="seed_value", type=int, default=0, help=argparse.SUPPRESS
    )
    args = parser.parse_args(argv)
    if args.seconds <= 0:
        parser.error("--seconds must be > 0")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_arguments(argv)
    if args.worker:
        return _worker(args)
    return fuzz(args)


if __name__ == "__main__":
    sys.exit(main())
