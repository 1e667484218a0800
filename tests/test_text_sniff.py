"""The delimiter of a CSV header line (``_text.sniff_delimiter``)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thads_metrics._text import sniff_delimiter

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
