"""The C number writer (vi/_speedups.c) against the pure-Python one (vi.format)."""

from __future__ import annotations

import os
import platform
import shlex
import shutil
import sysconfig
from decimal import Decimal, localcontext
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from thads_metrics.errors import FormatError
from thads_metrics.vi import format as vi_format
from thads_metrics.vi import format_number


def _compiler_found() -> bool:
    compiler = sysconfig.get_config_var("CC")
    return bool(compiler) and shutil.which(shlex.split(str(compiler))[0]) is not None


def test_the_c_writer_is_built_where_it_can_be() -> None:
    # The build (hatch_build.py) compiles it wherever CPython finds its C compiler; a
    # build that silently fell back to pure Python there would fail this test.
    if platform.python_implementation() != "CPython" or not _compiler_found():
        pytest.skip("no C compiler for this interpreter: the pure-Python writer is used")
    if os.environ.get("THADS_METRICS_SPEEDUPS") == "skip":
        pytest.skip("THADS_METRICS_SPEEDUPS=skip: built without the C writer")
    assert vi_format._write is not None


speedups = pytest.importorskip("thads_metrics.vi._speedups")
WRITER = speedups.NumberWriter(
    vi_format._GROUP,
    vi_format._DECIMAL,
    vi_format._MINUS,
    Decimal,
    vi_format._LIMIT_DIGITS,
    vi_format._MAX_DECIMALS,
)


def pure(value: Any, decimals: Any, fixed: Any) -> str | FormatError:
    try:
        return vi_format._write_number(value, decimals, fixed)
    except FormatError as error:
        return error


def written(value: Any, decimals: Any = 3, fixed: Any = False) -> str | None:
    text: str | None = WRITER.write(value, decimals, fixed)
    return text


def common(value: Any, decimals: Any, fixed: Any) -> bool:
    """What the C writer must write itself (not hand to the pure writer)."""
    if type(decimals) is not int or not 0 <= decimals <= 100 or type(fixed) is not bool:
        return False
    if type(value) is int:
        return abs(value) < 10**100
    return (
        type(value) is Decimal
        and value.is_finite()
        and (not value or value.adjusted() < 100)
        and len(str(value)) <= 1000
    )


coefficients = st.one_of(
    st.integers(-(10**6), 10**6),
    st.integers(-(10**40), 10**40),
    st.builds(lambda k, n: k * 10**n - k, st.integers(1, 9), st.integers(1, 40)),  # 999…9
)
decimal_values = st.one_of(
    st.builds(lambda k, e: Decimal(f"{k}E{e}"), coefficients, st.integers(-60, 60)),
    st.builds(lambda k, e: Decimal(f"{k}E{e}"), coefficients, st.integers(-(10**6), 10**6)),
    st.builds(
        lambda k, e: Decimal(f"{k}E{e}"), coefficients, st.integers(-(10**18) + 100, 10**18 - 100)
    ),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.sampled_from(
        [Decimal("-0"), Decimal("-0E-10"), Decimal("0E+7"), Decimal("sNaN"), Decimal("-NaN")]
    ),
)
int_values = st.one_of(
    st.integers(-(10**6), 10**6),
    st.integers(-(2**64), 2**64),
    st.integers(-(10**101), 10**101),
    st.sampled_from([2**63 - 1, 2**63, -(2**63), -(2**63) - 1, 10**100 - 1, 10**100]),
)
places = st.one_of(st.integers(0, 12), st.integers(-2, 102), st.sampled_from([True, 3.0, "3"]))
flags = st.one_of(st.booleans(), st.sampled_from([0, 1, None]))


@settings(max_examples=2000)
@given(st.one_of(int_values, decimal_values), places, flags)
@example(Decimal("9.9995"), 3, False)  # a carry into a new digit: "10"
@example(Decimal("-999.9996"), 3, True)
@example(Decimal("-0.0004"), 3, True)  # rounds to zero: no minus sign
@example(Decimal("5E-4"), 3, False)  # a tie at the first digit dropped: away from zero
@example(Decimal("1E-999999999"), 100, True)
@example(Decimal("1E-1000000000000000000"), 100, True)  # 19 digits of exponent
@example(Decimal("-0E-1000000000000000005"), 3, True)
@example(Decimal("1E+999999999999999999"), 3, False)
@example(Decimal("9.99E+99"), 0, False)  # the largest magnitude written
@example(Decimal("1E+100"), 0, False)  # too large: the pure writer's error
@example(10**100 - 1, 100, True)
@example(-(2**63), 0, False)
def test_the_c_writer_writes_what_the_pure_writer_writes(
    value: Any, decimals: Any, fixed: Any
) -> None:
    text = written(value, decimals, fixed)
    if common(value, decimals, fixed):
        assert text is not None, (value, decimals, fixed)
    if text is not None:
        assert text == pure(value, decimals, fixed)
        assert format_number(value, decimals, fixed=fixed) == text


@given(st.builds(lambda k, e: Decimal(f"{k}E{e}"), coefficients, st.integers(-40, 40)))
def test_the_decimal_context_does_not_change_the_text(value: Decimal) -> None:
    # str() of a Decimal writes "e" or "E" after the context's capitals.
    expected = pure(value, 3, False)
    with localcontext() as context:
        context.capitals = 0
        context.prec = 3
        assert written(value, 3, False) == expected


def test_examples() -> None:
    assert written(576_933) == "576.933"
    assert written(-1_234_567_890_123_456_789_012) == "-1.234.567.890.123.456.789.012"
    assert written(7, 2, True) == "7,00"
    assert written(Decimal("-1234.5")) == "-1.234,5"
    assert written(Decimal("1.0005")) == "1,001"
    assert written(Decimal("83.8"), 2, True) == "83,80"
    assert written(Decimal("999.9995")) == "1.000"
    assert written(Decimal("-0.0004"), 3, True) == "0,000"
    assert written(Decimal("1.2E+7")) == "12.000.000"
    assert written(Decimal("1E-7"), 7) == "0,0000001"


class Money(Decimal):
    pass


@pytest.mark.parametrize(
    ("value", "decimals", "fixed"),
    [
        (True, 3, False),  # a bool is refused by the pure writer
        (1.5, 3, False),
        ("1", 3, False),
        (Money("1"), 3, False),  # a subclass: the pure writer's rules
        (Decimal("NaN"), 3, False),
        (Decimal("Infinity"), 3, False),
        (10**100, 3, False),
        (-(10**100), 3, False),
        (Decimal("1E+100"), 3, False),
        (Decimal("1." + "0" * 1000), 3, False),  # a long text: left to the pure writer
        (1, -1, False),
        (1, 101, False),
        (1, True, False),
        (1, 2**70, False),
        (1, 3, 1),
    ],
)
def test_what_it_leaves_to_the_pure_writer(value: Any, decimals: Any, fixed: Any) -> None:
    assert written(value, decimals, fixed) is None


def test_it_writes_the_symbols_it_is_given() -> None:
    writer = speedups.NumberWriter("'", ".", "~", Decimal, 8, 4)
    assert writer.write(-1_234_567, 2, True) == "~1'234'567.00"
    assert writer.write(Decimal("-12345.67891"), 4, False) == "~12'345.6789"
    assert writer.write(-99_999_999, 0, False) == "~99'999'999"
    assert writer.write(-100_000_000, 0, False) is None  # 10**max_digits
    assert writer.write(Decimal("1E+8"), 0, False) is None
    assert writer.write(1, 5, False) is None  # more than max_decimals


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((".", ",", "\u2212", Decimal, 100, 100), "minus must be one ASCII character"),
        (("0", ",", "-", Decimal, 100, 100), "group must be one ASCII character"),
        ((".", ",", "-", Decimal, 0, 100), "max_digits and max_decimals"),
        ((".", ",", "-", Decimal, 100, 1001), "max_digits and max_decimals"),
    ],
)
def test_a_writer_is_made_of_sound_parts(args: tuple[Any, ...], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        speedups.NumberWriter(*args)


def test_write_takes_three_arguments() -> None:
    with pytest.raises(TypeError, match="takes 3 arguments"):
        WRITER.write(1, 3)
