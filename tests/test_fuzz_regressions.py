"""Inputs the fuzz harness (scripts/fuzz.py) found escaping as non-ThadsErrors, now refused."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import pytest

from thads_metrics.errors import LedgerError, ParseError
from thads_metrics.frames import from_frame
from thads_metrics.reading import find_figures, read_report
from thads_metrics.serialize import from_data


def test_a_container_holding_a_huge_int_is_described_not_printed() -> None:
    # Python refuses str() of an int over 4300 digits; messages must not try.
    with pytest.raises(ParseError) as info:
        from_data((10**4300, 11))
    assert "too long to print" in str(info.value)


@pytest.mark.parametrize("text", ["0" * 4301 + " ₫", "1" * 4301 + " việc", "1" * 5000 + "%"])
def test_a_number_of_thousands_of_digits_is_no_figure(text: str) -> None:
    assert find_figures(text) == []
    assert read_report(text) == []


@pytest.mark.parametrize("cell", [Decimal("sNaN"), ["A"], {"a": 1}])
def test_an_unhashable_key_cell_is_refused(cell: object) -> None:
    frame = pd.DataFrame({"unit": [cell], "period": [0], "kind": ["viec"]})
    with pytest.raises(LedgerError) as info:
        from_frame(frame)
    assert info.value.code == "ledger.key"
