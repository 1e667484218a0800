"""Excel export in the layout of the statistical forms (xuất Excel theo biểu mẫu thống kê).

Install the extra ``thads-metrics[excel]`` (openpyxl). :func:`write_workbook`
writes two sheets, "Việc" (the case ledger) and "Tiền" (the money ledger, in
đồng): one row per unit, the rows of the form as columns in their order
(the ledger's ``ROWS``: carried over, newly accepted, accepted, entrusted,
withdrawn, to enforce, with conditions, finished and the detail of with
conditions, without conditions, carried forward, carried forward with
conditions), then the share with conditions
and the completion rate, and a totals row (Tổng cộng). Counts and amounts are
written as integer numbers (see the precision limits below); the totals are
the library's exact sums, not spreadsheet formulas; the rates are rounded
half up to two decimals.

Precision (độ chính xác): Excel itself keeps only 15 significant digits, so
spreadsheet programs round amounts of 10^15 đồng (một triệu tỷ) and more when
they compute with them. The file holds them exactly only below 2^53 (about
9×10^15 đồng): openpyxl writes every number through a binary float with at
most 16 significant digits, so 2^53 + 1 is written as 2^53 and 10^17 + 1 as
1e+17. National totals, about 3×10^14 đồng, are below both limits; for exact
larger amounts use :mod:`thads_metrics.csvio` or :mod:`thads_metrics.serialize`.

Each sheet has a title row, a row of Vietnamese headings, a row of the
library's field names (for programs reading the file back) and the column
numbers (1), (2), … as forms print them.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

try:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
except ImportError as exc:  # pragma: no cover - exercised only without the extra
    raise ImportError(
        "thads_metrics.excel needs openpyxl: pip install 'thads-metrics[excel]'"
    ) from exc

from thads_metrics._checks import require_flag, require_instance, require_iterable, shown
from thads_metrics.calendar import ReportingPeriod, day_label
from thads_metrics.cases import LedgerPair
from thads_metrics.errors import OutputError, PeriodError, ReportError
from thads_metrics.figures import Figures, figures
from thads_metrics.ledger import ROW_TERMS, AmountLedger, CaseLedger
from thads_metrics.ledger.layouts import Layout, as_layout, layout_for

_A_PERIOD = "a ReportingPeriod (kỳ báo cáo)"

__all__ = ["FIELD_ROW", "FIRST_DATA_ROW", "build_workbook", "ledger_columns", "write_workbook"]

#: Sheet row holding the field names (1-based).
FIELD_ROW = 4
#: First sheet row holding a unit (1-based).
FIRST_DATA_ROW = 6

_RATES = (
    ("conditions_share", "Tỷ lệ có điều kiện (%)"),
    ("completion_rate", "Tỷ lệ thi hành xong (%)"),
)


def ledger_columns(
    kind: type[CaseLedger] | type[AmountLedger], layout: Layout | str | None = None
) -> tuple[str, ...]:
    """The form's columns for a ledger type, in order (cột của biểu mẫu).

    With ``layout``, only the rows its forms have (``stayed``, hoãn, tạm đình
    chỉ counted apart, from Thông tư 06/2019/TT-BTP on).

    >>> ledger_columns(CaseLedger)[:3]
    ('carried_over', 'newly_accepted', 'accepted')
    >>> "reduced" in ledger_columns(CaseLedger), "reduced" in ledger_columns(AmountLedger)
    (False, True)
    >>> "stayed" in ledger_columns(CaseLedger, "tt01-2013")
    False
    """
    if kind not in (CaseLedger, AmountLedger):
        raise ReportError(
            f"kind must be CaseLedger or AmountLedger, got {shown(kind)}",
            code="report.type",
            details={"argument": "kind", "value": shown(kind), "rule": "a ledger class"},
        )
    names = tuple(name for name in kind.ROWS if name != "finished_excluding_reduced")
    return names if layout is None else as_layout(layout, ReportError).row_names(names)


def _rate(f: Figures, name: str) -> Decimal | None:
    """A rate of the figures model as printed, or None (an empty cell) where it has none."""
    return f.share if name == "conditions_share" else f.rate


def _cell_value(ledger: CaseLedger | AmountLedger, name: str) -> int | None:
    """A row's value, or None (an empty cell, never 0) where the ledger does not know it."""
    return getattr(ledger, name) if ledger.is_known(name) else None


def _sheet(
    book: Any,
    title: str,
    heading: str,
    kind: type[CaseLedger] | type[AmountLedger],
    units: Sequence[tuple[str, CaseLedger | AmountLedger]],
    total: CaseLedger | AmountLedger | None,
    period: ReportingPeriod,
) -> None:
    sheet = book.create_sheet(title)
    form = units[0][1].layout if units else layout_for(period.end)
    columns = ledger_columns(kind, form)
    width = 1 + len(columns) + len(_RATES)
    sheet.cell(1, 1, heading).font = Font(bold=True, size=13)
    sheet.cell(3, 1, "Đơn vị")
    sheet.cell(FIELD_ROW, 1, "unit")
    sheet.cell(5, 1, "(1)")
    for index, name in enumerate(columns, start=2):
        sheet.cell(3, index, ROW_TERMS[name][:1].upper() + ROW_TERMS[name][1:])
        sheet.cell(FIELD_ROW, index, name)
    for offset, (name, label) in enumerate(_RATES, start=2 + len(columns)):
        sheet.cell(3, offset, label)
        sheet.cell(FIELD_ROW, offset, name)
    for index in range(1, width + 1):
        sheet.cell(5, index, f"({index})")
        for row in (3, 4, 5):
            cell = sheet.cell(row, index)
            cell.font = Font(
                bold=row == 3, italic=row == FIELD_ROW, color="666666" if row > 3 else None
            )
            cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
        sheet.column_dimensions[get_column_letter(index)].width = 34 if index == 1 else 18
    rows = list(units) + ([("Tổng cộng", total)] if total is not None else [])
    for row_index, (unit, ledger) in enumerate(rows, start=FIRST_DATA_ROW):
        sheet.cell(row_index, 1, unit)
        for index, name in enumerate(columns, start=2):
            cell = sheet.cell(row_index, index, _cell_value(ledger, name))
            cell.number_format = "#,##0"
        shown = figures(ledger, period)  # the one figures model, rounded as printed
        for offset, (name, _) in enumerate(_RATES, start=2 + len(columns)):
            cell = sheet.cell(row_index, offset, _rate(shown, name))
            cell.number_format = "0.00"
        if unit == "Tổng cộng" and total is not None and row_index == FIRST_DATA_ROW + len(units):
            for index in range(1, width + 1):
                sheet.cell(row_index, index).font = Font(bold=True)
    sheet.freeze_panes = sheet.cell(FIRST_DATA_ROW, 2)


def build_workbook(
    period: ReportingPeriod,
    units: Sequence[tuple[str, LedgerPair]],
    *,
    total: bool = True,
) -> Any:
    """The workbook of the two ledgers of several units for a period (sổ Excel hai biểu).

    >>> from thads_metrics.cases import LedgerPair
    >>> pair = LedgerPair(CaseLedger(newly_accepted=3, completed=2, in_progress=1),
    ...                   AmountLedger(newly_accepted=300, completed=200, in_progress=100))
    >>> book = build_workbook(ReportingPeriod(2024, 12), [("A", pair), ("B", pair)])
    >>> book.sheetnames
    ['Việc', 'Tiền']
    >>> book["Việc"]["A8"].value, book["Việc"]["B8"].value
    ('Tổng cộng', 0)
    >>> build_workbook(2024, [("A", pair)])
    Traceback (most recent call last):
    ...
    thads_metrics.errors.PeriodError: period must be a ReportingPeriod (kỳ báo cáo), got int 2024
    """
    require_instance("period", period, ReportingPeriod, PeriodError, what=_A_PERIOD)
    units = _units(units)
    require_flag("total", total, ReportError)
    book = Workbook()
    for default in list(book.worksheets):  # start without openpyxl's empty sheet
        book.remove(default)
    span = f"từ {day_label(period.start)} đến {day_label(period.end)}"
    totals = sum((pair for _, pair in units), start=LedgerPair()) if total and units else None
    _sheet(
        book,
        "Việc",
        f"Kết quả thi hành án dân sự tính bằng việc, {period.label} ({span})",
        CaseLedger,
        [(unit, pair.cases) for unit, pair in units],
        totals.cases if totals else None,
        period,
    )
    _sheet(
        book,
        "Tiền",
        f"Kết quả thi hành án dân sự tính bằng tiền (đồng), {period.label} ({span})",
        AmountLedger,
        [(unit, pair.amounts) for unit, pair in units],
        totals.amounts if totals else None,
        period,
    )
    return book


def write_workbook(
    target: str | Path | IO[bytes],
    period: ReportingPeriod,
    units: Sequence[tuple[str, LedgerPair]],
    *,
    total: bool = True,
) -> None:
    """Write :func:`build_workbook` to a path or a binary stream (.xlsx)."""
    if not isinstance(target, (str, Path)) and not callable(getattr(target, "write", None)):
        raise OutputError(
            f"target must be a path or a binary stream, got {shown(target)}",
            code="output.type",
            details={"argument": "target", "value": shown(target)},
        )
    build_workbook(period, units, total=total).save(target)


def _units(units: object) -> list[tuple[str, LedgerPair]]:
    """``units`` as a list of (name, LedgerPair), refusing anything else."""
    items = list(require_iterable("units", units, ReportError, what="(unit, LedgerPair) pairs"))
    for item in items:
        if not (
            isinstance(item, tuple)
            and len(item) == 2
            and isinstance(item[0], str)
            and isinstance(item[1], LedgerPair)
        ):
            raise ReportError(
                f"units must hold (unit name, LedgerPair) pairs, got {shown(item)}",
                code="report.type",
                details={"argument": "units", "value": shown(item)},
            )
    return items
