"""Properties of printed figures read as intervals (thads_metrics.reading.figures).

What the library writes, the reader reads back around the value it was
written from: every output of ``approximate()`` (any value, hedge, digits,
decimal step, kind, unit, spoken style and thousand word) and every exact
value formatted by ``format_count``, ``format_dong``, ``format_percent`` and
``format_points`` gives an interval that contains that value.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thads_metrics.errors import ParseError
from thads_metrics.reading.figures import Figure, find_figures, parse_figure, parse_ratio
from thads_metrics.vi import (
    approximate,
    format_count,
    format_dong,
    format_number,
    format_percent,
    format_points,
)

# Whole numbers of every size the reports print, and round ones (which end in zeros).
wholes = st.one_of(
    st.integers(0, 10**4),
    st.integers(0, 10**13),
    st.integers(0, 10**40),
    st.builds(lambda k, p: k * 10**p, st.integers(1, 999), st.integers(0, 30)),
    st.builds(
        lambda k, p, r: k * 10**p + r, st.integers(1, 99), st.integers(3, 20), st.integers(0, 9)
    ),
)
# Exact non-negative percentages: Decimals with a few places, and fractions (1/3…).
percents = st.one_of(
    st.builds(
        lambda coefficient, places: Decimal(coefficient).scaleb(-places),
        st.integers(0, 10**9),
        st.integers(0, 8),
    ),
    st.fractions(min_value=0, max_value=10**5, max_denominator=10**4),
    st.integers(0, 1000),
)
units = st.sampled_from(["việc", "vụ việc", "người", "bản án", "quyết định", ""])
nouns = st.sampled_from(["việc", "vụ việc", "vụ", "người", "bản án", "quyết định"])
thousands = st.sampled_from(["nghìn", "ngàn"])
hedges = st.sampled_from(["hơn", "trên", "gần"])
QUALIFIER = {"hơn": "over", "trên": "over", "gần": "under"}
KIND = {"count": "count", "dong": "money", "percent": "percent"}
CANONICAL = {"vụ việc": "việc", "vụ": "việc"}


def _cut(kind: str) -> st.SearchStrategy[dict[str, Any]]:
    """``digits=`` or a power-of-ten ``step=`` (a step of 25 writes a hedge no one can read)."""
    if kind == "percent":
        steps = st.integers(-6, 4).map(lambda p: Decimal(1).scaleb(p))
    else:
        steps = st.integers(0, 25).map(lambda p: 10**p)
    return st.one_of(
        st.just({}),
        st.integers(1, 12).map(lambda d: {"digits": d}),
        steps.map(lambda s: {"step": s}),
    )


@st.composite
def approximations(draw: st.DrawFn) -> tuple[object, str, dict[str, Any]]:
    kind = draw(st.sampled_from(["count", "dong", "percent"]))
    value = draw(percents if kind == "percent" else wholes)
    options: dict[str, Any] = {"hedge": draw(hedges), "kind": kind, **draw(_cut(kind))}
    if kind == "count":
        options |= {"unit": draw(units), "spoken": draw(st.booleans())}
    if kind != "percent":
        options["thousand"] = draw(thousands)
    return value, approximate(value, **options), options


def _check(figure: Figure) -> None:
    """What holds of every figure read."""
    assert figure.low <= figure.printed <= figure.high
    assert figure.step > 0
    assert figure.low >= 0
    # A plain or "khoảng" figure allows the printed value; "hơn" and "gần" exclude it
    # ("gần 0" is read as below one unit of its last digit, from 0).
    allowed = figure.qualifier in ("", "about") or (
        figure.qualifier == "under" and figure.printed == 0
    )
    assert figure.contains(figure.printed) == allowed


@given(approximations())
def test_approximate_is_read_back_around_its_input(case: tuple[Any, str, dict[str, Any]]) -> None:
    value, text, options = case
    kind = KIND[options["kind"]]
    unit = options.get("unit", "")
    figure = (
        parse_figure(text, kind="count") if kind == "count" and not unit else parse_figure(text)
    )
    assert figure.contains(value), (text, str(figure))
    assert figure.kind == kind
    if unit:
        assert figure.unit == CANONICAL.get(unit, unit)
    hedged = text.startswith(options["hedge"] + " ")
    assert figure.qualifier == (QUALIFIER[options["hedge"]] if hedged else "")
    assert figure.text == text
    _check(figure)


@given(wholes, nouns, st.booleans(), thousands)
def test_formatted_counts_contain_their_value(
    count: int, unit: str, spoken: bool, thousand: str
) -> None:
    text = format_count(count, unit, spoken=spoken, thousand=thousand)  # type: ignore[arg-type]
    figure = parse_figure(text)
    assert figure.contains(count), (text, str(figure))
    assert (figure.kind, figure.unit) == ("count", CANONICAL.get(unit, unit))
    if not spoken:
        assert figure.exact
        assert figure.printed == count
    _check(figure)


dong_options = st.fixed_dictionaries(
    {
        "style": st.sampled_from(["exact", "scaled", "mixed", "symbol"]),
        "decimals": st.one_of(st.none(), st.integers(0, 6)),
        "scale": st.one_of(st.none(), st.sampled_from(["nghìn", "triệu", "tỷ", "nghìn tỷ"])),
        "fixed": st.booleans(),
        "thousand": thousands,
    }
)


@given(st.one_of(wholes, wholes.map(lambda n: -n)), dong_options)
def test_formatted_amounts_contain_their_value(amount: int, options: dict[str, Any]) -> None:
    text = format_dong(amount, **options)
    # format_dong writes the standard decimal comma: "146,937 tỷ" is 146,937 tỷ.
    figure = parse_figure(text, comma="decimal")
    assert figure.contains(abs(amount)), (text, str(figure))
    assert (figure.kind, figure.unit) == ("money", "đồng")
    assert figure.direction == (-1 if text.startswith("-") else 0)
    if options["style"] in ("exact", "symbol", "mixed"):
        assert figure.printed == abs(amount)
    if options["style"] in ("exact", "symbol"):
        assert figure.exact
    _check(figure)
    # Read strictly, "146,937 tỷ" is ambiguous (or a mis-typed 146.937 tỷ): refused.
    assert _strictly(text) in (figure, "parse.ambiguous")


def _strictly(text: str) -> Figure | str:
    """The figure read with ``comma="strict"``, or the code of the error."""
    try:
        return parse_figure(text)
    except ParseError as err:
        return err.code


@given(st.one_of(percents, percents.map(lambda p: -p)), st.integers(0, 8), st.booleans())
def test_formatted_percents_contain_their_value(
    value: Decimal | Fraction | int, decimals: int, fixed: bool
) -> None:
    text = format_percent(value, decimals, fixed=fixed)
    figure = parse_figure(text)
    assert figure.contains(abs(value)), (text, str(figure))
    assert (figure.kind, figure.unit) == ("percent", "%")
    assert figure.direction == (-1 if text.startswith("-") else 0)
    _check(figure)


@given(
    st.one_of(percents, percents.map(lambda p: -p)),
    st.integers(0, 6),
    st.sampled_from(["symbol", "change", "target"]),
    st.sampled_from(["points", "percent"]),
)
def test_formatted_points_contain_their_value(
    value: Decimal | Fraction | int, decimals: int, sign: str, unit: str
) -> None:
    text = format_points(value, decimals, sign=sign, unit=unit)  # type: ignore[arg-type]
    figure = parse_figure(text)
    assert figure.contains(abs(value)), (text, str(figure))
    assert figure.kind == "percent"
    assert figure.unit == ("điểm phần trăm" if unit == "points" else "%")
    assert figure.direction in ((0,) if figure.printed == 0 else ((1,) if value > 0 else (-1,)))


@given(wholes, wholes)
def test_parts_over_wholes(a: int, b: int) -> None:
    part, whole = sorted((a, b))
    first, second = parse_ratio(f"{format_number(part)}/{format_count(whole)}")
    assert (first.printed, second.printed) == (part, whole)
    assert first.exact
    assert second.exact
    assert first.unit == second.unit == "việc"
    if part != whole:
        with pytest.raises(ParseError) as info:
            parse_ratio(f"{format_number(whole)}/{format_count(part)}")
        assert info.value.code == "parse.part_exceeds_whole"


@given(approximations(), st.sampled_from(["Toàn tỉnh đã thi hành xong", "còn", "(", "đạt"]))
def test_figures_are_found_in_running_text(
    case: tuple[Any, str, dict[str, Any]], before: str
) -> None:
    value, text, options = case
    if options.get("unit", "x") == "":
        return  # a bare count is no figure in running text
    prose = f"{before} {text}, so với cùng kỳ năm 2020 (tính đến 31/8/2021)."
    found = find_figures(prose)
    assert len(found) == 1, (prose, found)
    start, end, figure = found[0]
    assert prose[start:end] == text == figure.text
    assert figure.contains(value)


fragments = st.sampled_from(
    [
        "hơn",
        "gần",
        "trên",
        "khoảng",
        "tăng",
        "giảm",
        "vượt",
        "còn thiếu",
        "5",
        "03",
        "1,052",
        "1.719",
        "146,9",
        "2,5",
        "1.5",
        "7",
        "nghìn",
        "trăm",
        "tỷ",
        "triệu",
        "việc",
        "vụ",
        "đồng",
        "%",
        "/",
        "-",
        "+",
        "(",
        ")",
        ",",
        ".",
        "năm",
        "hai",
        "mươi",
        "mốt",
        "bản án",
        "31/8/2021",
        "phần trăm",
        "điểm",
        "₫",
        "\u00a0",
        "COVID-19",
        "x",
    ]
)


@given(st.one_of(st.text(max_size=200), st.lists(fragments, max_size=40).map(" ".join)))
def test_find_figures_never_raises_on_text(text: str) -> None:
    for start, end, figure in find_figures(text):
        assert text[start:end] == figure.text
        _check(figure)
