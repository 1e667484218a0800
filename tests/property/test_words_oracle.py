"""num2words (lang="vi") as an outside oracle for numbers in words.

num2words follows the colloquial reading: it leaves out "không trăm" for an
empty hundreds place inside a number and, from 10^12, repeats "tỷ" after
"nghìn" ("… nghìn tỷ … tỷ"). The invoice rules this library follows (DESIGN.md)
keep "không trăm" and read the count of tỷ as one number. Wherever the two
conventions coincide — below 10^12, with no group after the first between 1
and 99 — the readings must be identical, word for word.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from num2words import num2words

from thads_metrics import number_in_words


def _same_convention(n: int) -> bool:
    groups = []
    while n:
        n, group = divmod(n, 1000)
        groups.append(group)
    return all(group == 0 or group >= 100 for group in groups[:-1])


numbers = st.one_of(
    st.integers(0, 10**5),
    st.integers(0, 10**12 - 1),
    st.builds(lambda a, b: a * 10**b, st.integers(1, 999), st.sampled_from([3, 6, 9])),
).filter(_same_convention)


@given(numbers)
def test_agrees_with_num2words_where_conventions_coincide(n: int) -> None:
    assert number_in_words(n, four="bốn", odd="lẻ") == num2words(n, lang="vi")


def test_documented_differences() -> None:
    # "không trăm" inside a number (invoice rule) vs the colloquial reading.
    assert number_in_words(1_005_000, four="bốn", odd="lẻ") == "một triệu không trăm lẻ năm nghìn"
    assert num2words(1_005_000, lang="vi") == "một triệu năm nghìn"
    # The count of tỷ read as one number vs "nghìn tỷ … tỷ".
    assert number_in_words(319_933 * 10**9).startswith("ba trăm mười chín nghìn chín trăm")
    assert num2words(319_933 * 10**9, lang="vi").startswith("ba trăm mười chín nghìn tỷ")
    # Where both read alike.
    assert number_in_words(10**12) == num2words(10**12, lang="vi") == "một nghìn tỷ"
