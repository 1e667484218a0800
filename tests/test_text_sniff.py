"""A CSV file's delimiter: sniffed from the header, or declared by Excel's ``sep=`` line."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thads_metrics._text import declared_delimiter, sniff_delimiter

HEADINGS = st.lists(
    st.sampled_from(["unit", "period", "kind", "đơn vị", "kỳ", "completed", "ghi chú"]),
    min_size=2,
    max_size=8,
)


@given(HEADINGS, st.sampled_from([",", ";", "\t"]))
def test_plain_headers(headings: list[str], delimiter: str) -> None:
    assert sniff_delimiter(delimiter.join(headings)) == delimiter


@pytest.mark.parametrize(
    ("line", "delimiter"),
    [
        ('"đơn vị; tên",period,kind', ","),  # a ; inside quotes is not the delimiter
        ('"unit";"period";"kind"', ";"),
        ('"a,b";period;kind', ";"),
        ("unit", ","),  # one heading: the default
        ("unit;", ";"),
        ("", ","),
    ],
)
def test_quoted_and_degenerate_headers(line: str, delimiter: str) -> None:
    assert sniff_delimiter(line) == delimiter


@pytest.mark.parametrize(
    ("line", "declared"),
    [
        ("sep=;", ";"),
        ("sep=,\r\n", ","),
        ("sep=\t\n", "\t"),
        ("\ufeffsep=;\n", ";"),  # a BOM before it, as a "CSV UTF-8" save writes
        ("SEP=;", ";"),
        ("sep=|", "|"),  # returned as written: the reader refuses it
        ("sep=", ""),
        ("sep=; ", "; "),
        ("unit,period,kind", None),
        ("separator,unit", None),
        ('"sep=;"', None),
        ("", None),
    ],
)
def test_declared_delimiter(line: str, declared: str | None) -> None:
    assert declared_delimiter(line) == declared
