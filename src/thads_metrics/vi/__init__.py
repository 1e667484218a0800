"""Vietnamese numbers, money and words (số liệu kiểu Việt Nam): formatting and parsing.

Formatting (:mod:`~thads_metrics.vi.format`), amounts in words
(:mod:`~thads_metrics.vi.words`) and the parsers that read them back
(:mod:`~thads_metrics.vi.parse`), re-exported here.

>>> from thads_metrics.vi import format_dong, parse_dong
>>> format_dong(36_576_087_535_000, "mixed")
'36.576 tỷ 087 triệu 535 nghìn đồng'
>>> parse_dong("36.576 tỷ 087 triệu 535 nghìn đồng")
36576087535000
"""

from __future__ import annotations

from thads_metrics.vi.format import (
    FormatError,
    approximate,
    format_count,
    format_dong,
    format_number,
    format_percent,
    format_points,
)
from thads_metrics.vi.parse import parse_count, parse_dong, parse_number, parse_percent
from thads_metrics.vi.words import amount_in_words, number_in_words, parse_amount_in_words

__all__ = [
    "FormatError",
    "amount_in_words",
    "approximate",
    "format_count",
    "format_dong",
    "format_number",
    "format_percent",
    "format_points",
    "number_in_words",
    "parse_amount_in_words",
    "parse_count",
    "parse_dong",
    "parse_number",
    "parse_percent",
]
