"""The workbook is the form: header block, merged headings, print setup, note, signatures."""

from __future__ import annotations

import io
import re
from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from thads_metrics import AmountLedger, CaseLedger, LedgerPair, ReportingPeriod
from thads_metrics.cli import main
from thads_metrics.errors import ReportError
from thads_metrics.excel import (
    FIELD_ROW,
    FIRST_DATA_ROW,
    HEADING_ROWS,
    NUMBER_ROW,
    FormInfo,
    build_workbook,
    write_workbook,
)
from thads_metrics.rates import round_rate
from thads_metrics.testing import amount_ledgers, case_ledgers

P = ReportingPeriod(2021, 11)


def _money(**rows: int) -> AmountLedger:
    """A money ledger whose chưa có điều kiện is what the other rows leave."""
    to_enforce = sum(rows[n] for n in ("carried_over", "newly_accepted"))
    to_enforce -= rows["entrusted"] + rows["withdrawn"]
    with_conditions = sum(
        rows[n]
        for n in (
            "completed",
            "terminated",
            "reduced",
            "in_progress",
            "postponed",
            "suspended",
            "other",
        )
    )
    return AmountLedger(**rows, without_conditions=to_enforce - with_conditions)


# Long An and Hà Nội sized figures (về tiền in đồng, about 10^13).
UNITS = [
    (
        "Cục THADS tỉnh Long An",
        LedgerPair(
            CaseLedger(carried_over=6_436, newly_accepted=12_791, entrusted=214, withdrawn=13,
                       completed=10_812, terminated=1_512, in_progress=1_734, postponed=139,
                       suspended=38, other=188, without_conditions=4_577),
            _money(carried_over=4_228_635_944_926, newly_accepted=1_248_579_513_015,
                         entrusted=40_813_114_948, withdrawn=1_823_306_261,
                         completed=924_482_321_694, terminated=82_193_054_200,
                         reduced=18_964_070_685, in_progress=595_861_013_993,
                         postponed=55_798_965_705, suspended=18_529_439_767,
                         other=80_080_976_855, ),
        ),
    ),
    (
        "TP. Hà Nội",
        LedgerPair(
            CaseLedger(carried_over=15_906, newly_accepted=33_252, entrusted=625, withdrawn=24,
                       completed=27_998, terminated=3_557, in_progress=4_827, postponed=422,
                       suspended=136, other=629, without_conditions=10_940),
            _money(carried_over=33_407_140_090_767, newly_accepted=12_253_154_050_811,
                         entrusted=623_064_561_089, withdrawn=18_751_677_292,
                         completed=8_014_812_652_223, terminated=840_614_502_860,
                         reduced=180_480_612_526, in_progress=6_591_967_579_416,
                         postponed=674_256_162_641, suspended=172_097_409_389,
                         other=855_841_062_609, ),
        ),
    ),
]  # fmt: skip
INFO = FormInfo(
    agency="Cục THADS tỉnh Long An",
    recipient="Tổng cục THADS",
    form_code="01/TK-THA",
    place="Long An",
    signed_on=date(2021, 9, 3),
    preparer="Nguyễn Văn A",
    head="Trần Thị B",
)


def _book(units: list[tuple[str, LedgerPair]] = UNITS, **options: Any) -> Any:
    stream = io.BytesIO()
    write_workbook(stream, P, units, **options)
    stream.seek(0)
    return openpyxl.load_workbook(stream)


def _texts(sheet: Any) -> list[str]:
    return [str(cell.value) for row in sheet.iter_rows() for cell in row if cell.value is not None]


def _merged(sheet: Any) -> dict[str, str]:
    """Each merged range's text → its coordinates (e.g. "Tổng số thụ lý" → "B5:D5")."""
    return {str(sheet[str(r).split(":")[0]].value): str(r) for r in sheet.merged_cells.ranges}


def _fields(sheet: Any) -> list[str]:
    return [cell.value for cell in sheet[FIELD_ROW]]


def _letter(sheet: Any, field: str) -> str:
    return openpyxl.utils.get_column_letter(_fields(sheet).index(field) + 1)


def test_print_setup_is_a4_landscape_one_page_wide_with_the_headings_repeated() -> None:
    for sheet in _book().worksheets:
        setup = sheet.page_setup
        assert setup.orientation == "landscape"
        assert str(setup.paperSize) == sheet.PAPERSIZE_A4
        assert (int(setup.fitToWidth), int(setup.fitToHeight)) == (1, 0)
        assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
        assert sheet.print_title_rows == f"${HEADING_ROWS[0]}:${NUMBER_ROW}"
        assert sheet.print_options.horizontalCentered is True
        assert sheet.print_area is not None
        assert sheet.freeze_panes == f"B{FIRST_DATA_ROW}"


def test_headings_are_merged_in_levels_derived_from_the_row_table() -> None:
    sheet = _book()["Tiền"]
    merged = _merged(sheet)
    top = HEADING_ROWS[0]
    # Tổng số thụ lý heads its total and its two parts, on the first heading row.
    first, last = _letter(sheet, "accepted"), _letter(sheet, "newly_accepted")
    assert merged["Tổng số thụ lý"] == f"{first}{top}:{last}{top}"
    assert _letter(sheet, "carried_over") == chr(ord(first) + 1)
    # Có điều kiện thi hành spans from its total to the last of its parts …
    first, last = _letter(sheet, "with_conditions"), _letter(sheet, "other")
    assert merged["Có điều kiện thi hành"] == f"{first}{top}:{last}{top}"
    # … and, one level down, số thi hành xong over its total and its parts (giảm, miễn too).
    first, last = _letter(sheet, "finished"), _letter(sheet, "reduced")
    assert merged["Số thi hành xong, tính tỷ lệ"] == f"{first}{top + 1}:{last}{top + 1}"
    # A single column is merged down through every heading row.
    column = _letter(sheet, "without_conditions")
    assert merged["Chưa có điều kiện thi hành"] == f"{column}{top}:{column}{HEADING_ROWS[1]}"
    first, last = _letter(sheet, "conditions_share"), _letter(sheet, "completion_rate")
    assert merged["Tỷ lệ (%)"] == f"{first}{top}:{last}{top}"
    # The column numbers: A, then (1), (2), … without a gap.
    numbers = [cell.value for cell in sheet[NUMBER_ROW]]
    assert numbers == ["A", *(f"({n})" for n in range(1, len(numbers)))]
    # The case sheet has no giảm, miễn column.
    assert "reduced" not in _fields(_book()["Việc"])


def test_header_block_says_who_reports_to_whom_for_what_period_and_in_what_unit() -> None:
    book = _book(info=INFO)
    for sheet, title, unit in (
        (book["Việc"], "KẾT QUẢ THI HÀNH ÁN DÂN SỰ TÍNH BẰNG VIỆC", "việc"),
        (book["Tiền"], "KẾT QUẢ THI HÀNH ÁN DÂN SỰ TÍNH BẰNG TIỀN", "đồng"),
    ):
        header = _texts(sheet)[:12]
        assert title in header
        assert "11 tháng năm 2021" in header
        assert "(Từ ngày 1/10/2020 đến ngày 31/8/2021)" in header
        assert "Đơn vị báo cáo: Cục THADS tỉnh Long An" in header
        assert "Đơn vị nhận báo cáo: Tổng cục THADS" in header
        assert f"Đơn vị tính: {unit}" in header
        assert "Biểu số: 01/TK-THA" in header
        assert any(text.startswith("Theo Thông tư") for text in header)
    plain = _texts(_book()["Tiền"])
    assert not any(text.startswith("Biểu số") for text in plain)  # no code made up
    assert "Đơn vị báo cáo: ……………………" in plain


def test_signature_block_and_note_follow_the_table() -> None:
    sheet = _book(info=INFO)["Việc"]
    texts = _texts(sheet)
    after = texts[texts.index("Tổng cộng") :]
    for text in (
        "NGƯỜI LẬP BIỂU",
        "(Ký, ghi rõ họ tên)",
        "Long An, ngày 03 tháng 09 năm 2021",
        "THỦ TRƯỞNG ĐƠN VỊ",
        "(Ký tên, đóng dấu)",
        "Nguyễn Văn A",
        "Trần Thị B",
    ):
        assert text in after, text
    assert any(text.startswith("Ghi chú: (1) = (2) + (3)") for text in after)
    dotted = _texts(_book()["Việc"])
    assert "……………, ngày …… tháng …… năm ……" in dotted


def _note_formulas(sheet: Any) -> list[tuple[int, list[tuple[int, int]], int | None]]:
    """The note's formulas: (column, signed columns summed, divisor column or None)."""
    note = next(t for t in _texts(sheet) if t.startswith("Ghi chú: "))
    out = []
    for part in note.removeprefix("Ghi chú: ").split(". ")[0].rstrip(".").split("; "):
        left, right = part.split(" = ")
        column = int(left.strip("()"))
        if "/" in right:
            top, bottom = re.findall(r"\((\d+)\)", right)[:2]
            out.append((column, [(1, int(top))], int(bottom)))
            continue
        terms = re.findall(r"([+−]?)\s*\((\d+)\)", right)
        out.append((column, [(-1 if s == "−" else 1, int(n)) for s, n in terms], None))
    return out


def _check_note(sheet: Any) -> None:
    """Every formula of the note holds on every row of the table (exact đồng)."""
    formulas = _note_formulas(sheet)
    assert formulas
    for row in range(FIRST_DATA_ROW, sheet.max_row + 1):
        if sheet.cell(row, 1).value is None:
            break
        value = {n: sheet.cell(row, n + 1).value for n in range(1, len(_fields(sheet)))}
        for column, terms, divisor in formulas:
            if any(value[n] is None for _, n in terms) or value[column] is None:
                continue
            total = sum(sign * value[n] for sign, n in terms)
            if divisor is None:
                assert value[column] == total, (row, column)
            else:  # the rate printed: the exact ratio, half up to 2 places
                exact = Fraction(100 * total, value[divisor])
                assert Decimal(str(value[column])) == round_rate(exact, 2), (row, column)


def test_the_notes_formulas_hold_on_the_figures() -> None:
    for sheet in _book().worksheets:
        _check_note(sheet)


@given(
    st.lists(st.tuples(case_ledgers(layout=None), amount_ledgers(10**13)), min_size=1, max_size=3)
)
@example([(CaseLedger(newly_accepted=480, other=201, without_conditions=279), AmountLedger())])
def test_every_layout_gives_a_form_whose_note_holds(pairs: list[tuple[Any, Any]]) -> None:
    units = [(f"Đơn vị {i}", LedgerPair(c, m.__class__(**{**_rows(m), "layout": c.layout})))
             for i, (c, m) in enumerate(pairs)]  # fmt: skip
    units = [(name, pair) for name, pair in units if pair.cases.layout == units[0][1].cases.layout]
    book = build_workbook(P, units)
    for sheet in book.worksheets:
        _check_note(sheet)
        numbers = [cell.value for cell in sheet[NUMBER_ROW]]
        assert len(numbers) == len(_fields(sheet))


def _rows(ledger: AmountLedger) -> dict[str, int]:
    """A money ledger's stored rows, moved into the two-bucket rows every layout has."""
    rows = {name: getattr(ledger, name) for name in ledger.STORED}
    rows["without_conditions"] += rows.pop("stayed", 0)
    return rows


def test_nothing_overflows_its_cell() -> None:
    for sheet in _book(info=INFO).worksheets:
        width = {
            letter: sheet.column_dimensions[letter].width
            for letter in (openpyxl.utils.get_column_letter(n) for n in range(1, 30))
        }
        for row in sheet.iter_rows(min_row=FIRST_DATA_ROW):
            for cell in row:
                if isinstance(cell.value, int):
                    assert len(f"{cell.value:,}") < width[cell.column_letter], cell.coordinate
                elif (
                    isinstance(cell.value, str) and cell.column == 1 and "Ghi chú" not in cell.value
                ):
                    if cell.coordinate in {str(r).split(":")[0] for r in sheet.merged_cells.ranges}:
                        continue  # the signature block spans two columns
                    assert len(cell.value) < width["A"], cell.coordinate
        # Headings: each fits its merged cell at the height of the rows it spans.
        for merged in sheet.merged_cells.ranges:
            if merged.min_row < HEADING_ROWS[0] or merged.max_row > HEADING_ROWS[1]:
                continue
            text = str(sheet.cell(merged.min_row, merged.min_col).value)
            chars = sum(
                width[openpyxl.utils.get_column_letter(c)]
                for c in range(merged.min_col, merged.max_col + 1)
            )
            height = sum(
                sheet.row_dimensions[r].height for r in range(merged.min_row, merged.max_row + 1)
            )
            lines = -(-len(text) // int(chars))  # at least this many, word wrap aside
            assert height >= 13 * lines, (text, chars, height)


def test_the_table_is_boxed_and_the_field_row_hidden() -> None:
    sheet = _book()["Việc"]
    assert sheet.row_dimensions[FIELD_ROW].hidden is True
    inner = {
        (row, column)
        for merged in sheet.merged_cells.ranges
        for row, column in merged.cells
        if (row, column) != (merged.min_row, merged.min_col)
    }
    table = [
        (row, column)
        for row in range(HEADING_ROWS[0], FIRST_DATA_ROW + 3)
        for column in range(1, len(_fields(sheet)) + 1)
        if row != FIELD_ROW and (row, column) not in inner
    ]
    assert len(table) > 100
    for row, column in table:  # each cell, or the first of a merge, is boxed
        border = sheet.cell(row, column).border
        sides = (border.left, border.right, border.top, border.bottom)
        assert all(side.style == "thin" for side in sides), (row, column)
    assert sheet.cell(FIRST_DATA_ROW + 2, 1).value == "Tổng cộng"
    assert sheet.cell(FIRST_DATA_ROW + 2, 1).font.bold is True


def test_money_in_thousands_is_rounded_half_up_on_the_exact_amounts() -> None:
    units = [
        ("A", LedgerPair(CaseLedger(), AmountLedger(newly_accepted=1_500, completed=1_500))),
        ("B", LedgerPair(CaseLedger(), AmountLedger(newly_accepted=1_499, completed=1_499))),
    ]  # fmt: skip
    sheet = _book(units, money_unit="nghìn đồng")["Tiền"]
    column = _fields(sheet).index("newly_accepted") + 1
    values = [sheet.cell(FIRST_DATA_ROW + i, column).value for i in range(3)]
    assert values == [2, 1, 3]  # 1,5 → 2; 1,499 → 1; the total 2,999 → 3 (not 2 + 1 summed)
    assert "Đơn vị tính: nghìn đồng" in _texts(sheet)
    assert any("làm tròn đến nghìn đồng" in text for text in _texts(sheet))


def test_bad_form_options_are_refused() -> None:
    with pytest.raises(ReportError) as caught:
        FormInfo(agency=5)  # type: ignore[arg-type]
    assert caught.value.code == "report.type"
    with pytest.raises(ReportError):
        FormInfo(signed_on="3/9/2021")  # type: ignore[arg-type]
    with pytest.raises(ReportError) as caught:
        build_workbook(P, UNITS, money_unit="triệu đồng")  # type: ignore[arg-type]
    assert caught.value.code == "report.choice"
    with pytest.raises(ReportError):
        build_workbook(P, UNITS, info="Long An")  # type: ignore[arg-type]


def test_the_cli_fills_the_header_and_the_unit(tmp_path: Path) -> None:
    target = tmp_path / "form.xlsx"
    code = main(
        ["report", "--format", "xlsx", "-o", str(target), "--quiet", "--agency",
         "Cục THADS tỉnh Nghệ An", "--recipient", "Tổng cục THADS", "--money-unit", "nghin-dong"]
    )  # fmt: skip
    assert code == 0
    book = openpyxl.load_workbook(target)
    texts = _texts(book["Tiền"])
    assert "Đơn vị báo cáo: Cục THADS tỉnh Nghệ An" in texts
    assert "Đơn vị tính: nghìn đồng" in texts
