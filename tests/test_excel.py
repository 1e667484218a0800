"""The Excel export read back with openpyxl: the form's layout, exact values, unknown rows
left empty, print setup, merged headings, nothing that overflows its cell."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import openpyxl
import pytest

from thads_metrics import AmountLedger, CaseLedger, LedgerPair, ReportingPeriod
from thads_metrics.errors import PeriodError
from thads_metrics.excel import (
    FIELD_ROW,
    FIRST_DATA_ROW,
    HEADING_ROWS,
    build_workbook,
    ledger_columns,
    write_workbook,
)
from thads_metrics.ledger import ROW_TERMS

P = ReportingPeriod(2017, 9)
FULL = LedgerPair(
    CaseLedger(
        carried_over=50, newly_accepted=70, entrusted=3, withdrawn=2, completed=40,
        terminated=5, in_progress=30, postponed=4, suspended=1, other=2, without_conditions=33,
    ),
    AmountLedger(newly_accepted=10_000, completed=4_000, reduced=1_000, in_progress=3_000,
                 without_conditions=2_000),
)  # fmt: skip
# National, 9 tháng 2017: only the totals are published.
PARTIAL = LedgerPair(
    CaseLedger.from_totals(to_enforce=728_227, with_conditions=579_413, finished=369_372),
    AmountLedger.from_totals(with_conditions=10_000, finished=4_000),
)


def _read_back(units: list[tuple[str, LedgerPair]], **options: Any) -> Any:
    stream = io.BytesIO()
    write_workbook(stream, P, units, **options)
    stream.seek(0)
    return openpyxl.load_workbook(stream)


def _records(sheet: Any) -> dict[str, dict[str, Any]]:
    """Each unit's row of a sheet, by the field names of the field row."""
    fields = [cell.value for cell in sheet[FIELD_ROW]]
    out = {}
    for row in sheet.iter_rows(min_row=FIRST_DATA_ROW, values_only=True):
        if row[0] is None:  # the table ends; the note and the signatures follow
            break
        out[row[0]] = dict(zip(fields[1:], row[1:], strict=True))
    return out


def _heading(sheet: Any, field: str) -> str:
    """The heading over a field's column (the text of the cell at the top of its merge)."""
    fields = [cell.value for cell in sheet[FIELD_ROW]]
    column = fields.index(field) + 1
    top, bottom = HEADING_ROWS
    texts = [sheet.cell(row, column).value for row in range(top, bottom + 1)]
    return [t for t in texts if t is not None][-1]


def test_two_sheets_with_the_form_columns_in_order() -> None:
    book = _read_back([("A", FULL)])
    assert book.sheetnames == ["Việc", "Tiền"]
    for sheet, kind in ((book["Việc"], CaseLedger), (book["Tiền"], AmountLedger)):
        fields = [cell.value for cell in sheet[FIELD_ROW]]
        assert fields[0] == "unit"
        assert tuple(
            fields[1 : 1 + len(ledger_columns(kind, FULL.cases.layout))]
        ) == ledger_columns(kind, FULL.cases.layout)
        assert fields[-2:] == ["conditions_share", "completion_rate"]
        texts = [cell.value for row in sheet.iter_rows(max_row=3) for cell in row if cell.value]
        assert "9 tháng năm 2017" in texts
        for name in ledger_columns(kind, FULL.cases.layout):
            # The total of a group is headed "Tổng số" under the group's own heading.
            assert _heading(sheet, name).lower() in (ROW_TERMS[name], "tổng số")


def test_every_known_row_is_written_exactly() -> None:
    book = _read_back([("A", FULL), ("B", FULL)])
    cases, money = _records(book["Việc"]), _records(book["Tiền"])
    for name in ledger_columns(CaseLedger, FULL.cases.layout):
        assert cases["A"][name] == getattr(FULL.cases, name)
        assert cases["Tổng cộng"][name] == 2 * getattr(FULL.cases, name)
    for name in ledger_columns(AmountLedger, FULL.cases.layout):
        assert money["A"][name] == getattr(FULL.amounts, name)
    assert Decimal(str(money["A"]["completion_rate"])) == Decimal("62.50")
    assert cases["A"]["completion_rate"] == pytest.approx(45 / 82 * 100, abs=0.005)


def test_rows_a_ledger_does_not_know_are_empty_cells_never_zero() -> None:
    cases = _records(_read_back([("Toàn quốc", PARTIAL)], total=False)["Việc"])["Toàn quốc"]
    assert cases["to_enforce"] == 728_227
    assert cases["with_conditions"] == 579_413
    assert cases["finished"] == 369_372
    assert cases["without_conditions"] == 148_814
    assert cases["carried_forward"] == 728_227 - 369_372
    for unknown in ("carried_over", "newly_accepted", "accepted", "completed", "terminated",
                    "in_progress", "postponed", "suspended", "other"):  # fmt: skip
        assert cases[unknown] is None, unknown
    assert cases["completion_rate"] == pytest.approx(63.75)
    money = _records(_read_back([("Toàn quốc", PARTIAL)], total=False)["Tiền"])["Toàn quốc"]
    assert money["conditions_share"] is None  # to_enforce is not published
    assert money["completion_rate"] == pytest.approx(40.0)


def test_a_total_over_a_partial_unit_keeps_the_unknown_rows_empty() -> None:
    total = _records(_read_back([("A", FULL), ("B", PARTIAL)])["Việc"])["Tổng cộng"]
    assert total["completed"] is None
    assert total["to_enforce"] == FULL.cases.to_enforce + 728_227


def test_empty_bases_give_empty_rate_cells() -> None:
    empty = _records(_read_back([("A", LedgerPair())], total=False)["Việc"])["A"]
    assert empty["conditions_share"] is None
    assert empty["completion_rate"] is None
    assert empty["to_enforce"] == 0


def test_bad_period_is_refused() -> None:
    with pytest.raises(PeriodError):
        build_workbook("9 tháng năm 2017", [("A", FULL)])  # type: ignore[arg-type]


def test_a_2022_workbook_shows_the_third_bucket() -> None:
    """National 2022 (danchuphapluat.vn): 861.529 = 653.719 + 12.135 (hoãn, TĐC) + 195.675."""
    national = LedgerPair(
        CaseLedger.from_totals(
            to_enforce=861_529, with_conditions=653_719, stayed=12_135, finished=539_290,
            layout="tt06-2019",
        ),
        AmountLedger(layout="tt06-2019"),
    )  # fmt: skip
    stream = io.BytesIO()
    write_workbook(stream, ReportingPeriod(2022, 12), [("Toàn quốc", national)], total=False)
    stream.seek(0)
    sheet = openpyxl.load_workbook(stream)["Việc"]
    row = _records(sheet)["Toàn quốc"]
    assert (row["with_conditions"], row["stayed"], row["without_conditions"]) == (
        653_719, 12_135, 195_675,
    )  # fmt: skip
    assert _heading(sheet, "stayed") == "Hoãn, tạm đình chỉ (không tính vào số có điều kiện)"
    assert row["completion_rate"] == pytest.approx(82.50)
    assert row["conditions_share"] == pytest.approx(75.88)
