"""approximate() cuts to a step the reader can know (DOMAIN.md §6a): a power of ten."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thads_metrics.errors import FormatError
from thads_metrics.reading.figures import parse_figure
from thads_metrics.vi import approximate

D = Decimal


@pytest.mark.parametrize(
    ("value", "options"),
    [
        (149, {"step": 25}),
        (7_456, {"step": 5}),
        (7_999, {"step": 2_000}),
        (D("66.9"), {"step": D("0.5"), "kind": "percent"}),
        (1_749_000_000, {"step": 250_000_000, "kind": "dong"}),
        (7_451, {"step": 5, "hedge": "gần"}),
    ],
)
def test_approximate_refuses_a_step_that_is_no_power_of_ten(
    value: int | Decimal, options: dict[str, object]
) -> None:
    # Cut to 25, 149 would be "hơn 125 việc", read (125; 126): the reader takes a hedge to
    # the unit of its last digit, so only a power of ten keeps the value inside.
    with pytest.raises(FormatError) as info:
        approximate(value, **options)  # type: ignore[arg-type]
    assert info.value.code == "format.step"
    assert info.value.details["argument"] == "step"


@settings(max_examples=300, deadline=None)
@given(
    st.integers(min_value=0, max_value=10**15),
    st.integers(min_value=0, max_value=14),
    st.sampled_from(["hơn", "trên", "gần"]),
)
def test_approximate_to_a_power_of_ten_is_read_back_around_its_input(
    value: int, power: int, hedge: str
) -> None:
    written = approximate(value, hedge, step=10**power, kind="dong")  # type: ignore[arg-type]
    assert parse_figure(written).contains(value)
