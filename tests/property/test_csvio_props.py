"""The CSV reader: any text gives ledgers or a CsvError; written ledgers read back exactly."""

from __future__ import annotations

import contextlib
import csv
import io

from hypothesis import given
from hypothesis import strategies as st

from thads_metrics import LedgerPair
from thads_metrics.csvio import LEDGER_COLUMNS, CsvError, read_csv
from thads_metrics.testing import amount_ledgers, case_ledgers, periods

HEADERS = [
    ",".join(LEDGER_COLUMNS),
    "unit,period,origin,status,entrusted,withdrawn,amount_due,amount_finished,amount_reduced",
]
cells = st.one_of(
    st.text(max_size=6),
    st.integers(-5, 10**6).map(str),
    st.sampled_from(["viec", "tien", "năm 2024", "2024-09-30", "completed", "new", "1", ""]),
)


@given(st.sampled_from(HEADERS), st.lists(st.lists(cells, max_size=16), max_size=5))
def test_any_rows_give_ledgers_or_csv_error(header: str, rows: list[list[str]]) -> None:
    out = io.StringIO()
    writer = csv.writer(out)
    for row in rows:
        writer.writerow(row)
    error: CsvError | None = None
    try:
        table = read_csv(io.StringIO(header + "\n" + out.getvalue()))
    except CsvError as exc:
        error = exc
    if error is None:
        assert all(isinstance(pair, LedgerPair) for pair in table.values())
    else:
        assert error.source == "<input>"
        assert error.line is None or error.line >= 1


@given(st.text(max_size=200))
def test_any_text_gives_ledgers_or_csv_error(text: str) -> None:
    with contextlib.suppress(CsvError):  # any other exception fails the test
        read_csv(io.StringIO(text))


pairs = st.builds(LedgerPair, case_ledgers(), amount_ledgers(10**18))


@given(
    st.dictionaries(
        st.tuples(st.sampled_from(["A", "B, C", 'D "x"']), periods(2020, 2026)), pairs, max_size=5
    )
)
def test_ledger_rows_round_trip(table: dict) -> None:  # type: ignore[type-arg]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(LEDGER_COLUMNS)
    for (unit, period), pair in table.items():
        for kind, ledger in zip(("viec", "tien"), pair, strict=True):
            writer.writerow(
                [unit, period.label, kind]
                + [getattr(ledger, name, 0) for name in LEDGER_COLUMNS[3:-1]]
                + [ledger.layout.code]
            )
    assert read_csv(io.StringIO(out.getvalue())) == table
