"""Excel export in the layout of the statistical forms (xuất Excel theo biểu mẫu thống kê).

Install the extra ``thads-metrics[excel]`` (openpyxl). :func:`write_workbook`
writes two sheets, "Việc" (the case ledger, kết quả tính bằng việc) and
"Tiền" (the money ledger, kết quả tính bằng tiền), each laid out as the
statistics forms of the Ministry of Justice are printed:

- a header block: on the left the form's code and circular (when given, see
  :class:`FormInfo`), in the middle the title in capitals with the period and
  its first and last day, on the right the reporting unit (đơn vị báo cáo),
  the unit reported to (đơn vị nhận báo cáo) and the unit of measure (đơn vị
  tính: việc, đồng or nghìn đồng);
- the column headings in two or three merged levels, derived from the row
  table: a derived row that is a plain sum of rows heads them, its own column
  "Tổng số" first (tổng số thụ lý: tổng số, năm trước chuyển sang, thụ lý
  mới; có điều kiện thi hành: tổng số, số thi hành xong…, đang thi hành…);
  then the row of column numbers, "A" for the unit and (1), (2), …;
- one row per unit and a totals row (Tổng cộng: the library's exact sums, not
  spreadsheet formulas), with thin borders; the rates rounded half up to two
  decimals;
- a note giving each derived column and each rate as a formula of column
  numbers (thuyết minh), and the signature block: người lập biểu on the left,
  the place and date and thủ trưởng đơn vị on the right;
- the print setup: A4 landscape, fitted to one page wide, the heading rows
  repeated on every page, the header block and table centred.

Where the layout comes from: the forms' annexes (Thông tư 01/2013/TT-BTP,
06/2019/TT-BTP, 05/2024/TT-BTP) could not be read, so the column set and
its order follow the row table (what the Ministry publishes, in that order:
thụ lý, phải thi hành, có / chưa có điều kiện, thi hành xong, tỷ lệ, chuyển
kỳ sau), and the header block and the signature block follow the common
layout of the Ministry of Justice's statistics forms (Thông tư 03/2019/TT-BTP
lists what a form carries: its name, who reports and to whom, the period, the
unit of measure, the date, the signatures of the person who drew it up and
of the head of the unit). The column numbers are the library's, not an
official numbering; the form code is printed only when given.

A hidden row under the column numbers (:data:`FIELD_ROW`) holds the
library's field names, so a program can read the file back; units start at
:data:`FIRST_DATA_ROW`.

Precision (độ chính xác): Excel itself keeps only 15 significant digits, so
spreadsheet programs round amounts of 10^15 đồng (một triệu tỷ) and more when
they compute with them. The file holds them exactly only below 2^53 (about
9×10^15 đồng): openpyxl writes every number through a binary float with at
most 16 significant digits, so 2^53 + 1 is written as 2^53 and 10^17 + 1 as
1e+17. National totals, about 3×10^14 đồng, are below both limits; for exact
larger amounts use :mod:`thads_metrics.csvio` or :mod:`thads_metrics.serialize`.
With ``money_unit="nghìn đồng"`` each amount, the totals included, is the
exact amount rounded half up to a thousand đồng, so a column may differ from
the sum of its rounded cells by a few units; the rates are always computed on
the exact amounts.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import IO, Any, Final, Literal

import attrs

try:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.properties import PageSetupProperties
except ImportError as exc:  # pragma: no cover - exercised only without the extra
    raise ImportError(
        "thads_metrics.excel needs openpyxl: pip install 'thads-metrics[excel]'"
    ) from exc

from thads_metrics._checks import (
    require_choice,
    require_flag,
    require_instance,
    require_iterable,
    shown,
)
from thads_metrics.calendar import ReportingPeriod, day_label
from thads_metrics.cases import LedgerPair
from thads_metrics.errors import OutputError, PeriodError, ReportError
from thads_metrics.figures import Figures, figures
from thads_metrics.ledger import ROW_TERMS, AmountLedger, CaseLedger
from thads_metrics.ledger.layouts import Layout, as_layout, layout_for
from thads_metrics.ledger.rows import ROW

_A_PERIOD = "a ReportingPeriod (kỳ báo cáo)"

__all__ = [
    "FIELD_ROW",
    "FIRST_DATA_ROW",
    "HEADING_ROWS",
    "MONEY_UNITS",
    "NUMBER_ROW",
    "FormInfo",
    "MoneyUnit",
    "build_workbook",
    "ledger_columns",
    "write_workbook",
]

#: The sheet rows holding the column headings (1-based, inclusive): three levels.
HEADING_ROWS: Final = (5, 7)
#: The sheet row holding the column numbers ("A", "(1)", "(2)", …).
NUMBER_ROW: Final = 8
#: The (hidden) sheet row holding the field names, for programs reading the file back.
FIELD_ROW: Final = 9
#: First sheet row holding a unit (1-based).
FIRST_DATA_ROW: Final = 10

#: Units of measure for money (đơn vị tính): exact đồng, or rounded to a thousand.
MoneyUnit = Literal["đồng", "nghìn đồng"]
MONEY_UNITS: Final[tuple[str, ...]] = ("đồng", "nghìn đồng")

#: The rates of the form: (field, heading, numerator row, denominator row).
_RATES: Final = (
    ("conditions_share", "Có điều kiện / phải thi hành", "with_conditions", "to_enforce"),
    ("completion_rate", "Thi hành xong / có điều kiện", "finished", "with_conditions"),
)
_RATE_GROUP: Final = "Tỷ lệ (%)"
_TOTAL: Final = "Tổng cộng"
_FONT: Final = "Times New Roman"
_THIN: Final = Side(style="thin")
_BOX: Final = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def _text_field(name: str) -> Any:
    def check(_instance: object, _attribute: object, value: object) -> None:
        require_instance(name, value, str, ReportError)

    return attrs.field(default="", validator=check)


@attrs.frozen
class FormInfo:
    """What the header and signature blocks of the form say (thông tin của biểu).

    ``agency`` is the reporting unit (đơn vị báo cáo, e.g. "Cục THADS tỉnh
    Long An"), ``recipient`` the unit reported to (đơn vị nhận báo cáo,
    e.g. "Tổng cục THADS"); ``form_code`` the form's code as the circular in
    force numbers it (biểu số; printed only when given, with the circular of
    the ledgers' layout); ``place`` and ``signed_on`` the place and date
    above the head's signature ("Long An, ngày 05 tháng 9 năm 2021"; dots to
    fill in by hand when not given); ``preparer`` and ``head`` the names
    under the signatures (người lập biểu, thủ trưởng đơn vị).
    Every field is optional; an empty one prints as a dotted line to fill in.

    >>> FormInfo(agency="Cục THADS tỉnh Long An").recipient
    ''
    """

    agency: str = _text_field("agency")
    recipient: str = _text_field("recipient")
    form_code: str = _text_field("form_code")
    place: str = _text_field("place")
    signed_on: date | None = attrs.field(
        default=None,
        validator=lambda _i, _a, v: (
            v is None or require_instance("signed_on", v, date, ReportError, what="a date")
        ),
    )
    preparer: str = _text_field("preparer")
    head: str = _text_field("head")


@attrs.frozen
class _Column:
    """A leaf column: its field, heading and the depth of its heading (0-based)."""

    field: str
    heading: str
    depth: int


@attrs.frozen
class _Group:
    """A merged heading over columns: its text, depth and the columns it spans."""

    heading: str
    depth: int
    first: int  # index of its first leaf column
    last: int


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _is_group(name: str, present: tuple[str, ...]) -> bool:
    """A derived row that is a plain sum of rows of the form heads them."""
    formula = ROW[name].formula
    return (
        bool(formula)
        and all(sign == 1 for sign, _ in formula)
        and any(part in present for _, part in formula)
    )


def _leaves(
    name: str, depth: int, present: tuple[str, ...], groups: list[_Group], out: list[_Column]
) -> None:
    """The columns of row ``name`` in form order: a group's total first, then its parts."""
    if not _is_group(name, present):
        out.append(_Column(name, _capital(ROW_TERMS[name]), depth))
        return
    first = len(out)
    out.append(_Column(name, "Tổng số", depth + 1))
    for _, part in ROW[name].formula:
        if part in present:
            _leaves(part, depth + 1, present, groups, out)
    groups.append(_Group(_capital(ROW_TERMS[name]), depth, first, len(out) - 1))


def _form_columns(
    kind: type[CaseLedger] | type[AmountLedger], layout: Layout | None
) -> tuple[list[_Column], list[_Group]]:
    names = tuple(name for name in kind.ROWS if name != "finished_excluding_reduced")
    present = names if layout is None else layout.row_names(names)
    inside = {part for name in present if _is_group(name, present) for _, part in ROW[name].formula}
    columns: list[_Column] = []
    groups: list[_Group] = []
    placed: set[str] = set()
    for name in present:
        # A group stands where its first part would; a part of a group is placed with it.
        if name in inside or name in placed:
            continue
        before = len(columns)
        _leaves(name, 0, present, groups, columns)
        placed.update(column.field for column in columns[before:])
    first = len(columns)
    for field, heading, _, _ in _RATES:
        columns.append(_Column(field, heading, 1))
    groups.append(_Group(_RATE_GROUP, 0, first, len(columns) - 1))
    return columns, groups


def ledger_columns(
    kind: type[CaseLedger] | type[AmountLedger], layout: Layout | str | None = None
) -> tuple[str, ...]:
    """The form's row columns for a ledger type, in the form's order (cột của biểu mẫu).

    A group's total comes first ("Tổng số" of tổng số thụ lý, of có điều kiện
    thi hành, of số thi hành xong), then its parts. With ``layout``, only the
    rows its forms have (``stayed``, hoãn, tạm đình chỉ counted apart, from
    Thông tư 06/2019/TT-BTP on).

    >>> ledger_columns(CaseLedger)[:3]
    ('accepted', 'carried_over', 'newly_accepted')
    >>> ledger_columns(CaseLedger)[6:10]
    ('with_conditions', 'finished', 'completed', 'terminated')
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
    form = None if layout is None else as_layout(layout, ReportError)
    columns, _ = _form_columns(kind, form)
    rates = {field for field, _, _, _ in _RATES}
    return tuple(column.field for column in columns if column.field not in rates)


def _rate(f: Figures, name: str) -> Decimal | None:
    """A rate of the figures model as printed, or None (an empty cell) where it has none."""
    return f.share if name == "conditions_share" else f.rate


def _cell_value(ledger: CaseLedger | AmountLedger, name: str, thousands: bool) -> int | None:
    """A row's value, or None (an empty cell, never 0) where the ledger does not know it."""
    if not ledger.is_known(name):
        return None
    value: int = getattr(ledger, name)
    if thousands:  # half up, on the exact amount
        return int((Decimal(value) / 1000).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return value


def _formula_note(columns: list[_Column]) -> str:
    """Each derived column and rate as a formula of column numbers (thuyết minh)."""
    number = {column.field: index for index, column in enumerate(columns, start=1)}
    parts = []
    for column in columns:
        row = ROW.get(column.field)
        if row is None or row.stored:
            continue
        terms = [(sign, part) for sign, part in row.formula if part in number]
        text = " ".join(
            f"{'+' if sign > 0 else '−'} ({number[part]})" for sign, part in terms
        ).lstrip("+ ")
        parts.append(f"({number[column.field]}) = {text}")
    for field, _, top, bottom in _RATES:
        parts.append(f"({number[field]}) = ({number[top]}) / ({number[bottom]}) × 100")
    return "Ghi chú: " + "; ".join(parts) + "."


def _dotted(value: str, blank: str = "……………………") -> str:
    return value or blank


def _signed_line(info: FormInfo) -> str:
    place = _dotted(info.place, "……………")
    if info.signed_on is None:
        return f"{place}, ngày …… tháng …… năm ……"
    d = info.signed_on
    return f"{place}, ngày {d.day:02d} tháng {d.month:02d} năm {d.year}"


def _put(
    sheet: Any,
    cells: str,
    value: object,
    *,
    bold: bool = False,
    italic: bool = False,
    size: int = 11,
    horizontal: str = "center",
    wrap: bool = True,
) -> Any:
    """Write ``value`` to the first cell of range ``cells``, merge the range, style it."""
    first = cells.split(":")[0]
    if ":" in cells and cells.split(":")[0] != cells.split(":")[1]:
        sheet.merge_cells(cells)
    cell = sheet[first]
    cell.value = value
    cell.font = Font(name=_FONT, bold=bold, italic=italic, size=size)
    cell.alignment = Alignment(horizontal=horizontal, vertical="center", wrap_text=wrap)
    return cell


def _lines(text: str, width: float) -> int:
    """Lines ``text`` wraps to in a cell ``width`` characters wide (word by word)."""
    lines, used = 1, 0
    for word in text.split():
        need = len(word) + (1 if used else 0)
        if used and used + need > width:
            lines, used = lines + 1, len(word)
        else:
            used += need
    return lines


def _sheet(
    book: Any,
    title: str,
    heading: str,
    kind: type[CaseLedger] | type[AmountLedger],
    units: Sequence[tuple[str, CaseLedger | AmountLedger]],
    total: CaseLedger | AmountLedger | None,
    period: ReportingPeriod,
    info: FormInfo,
    unit_of_measure: str,
    thousands: bool,
) -> None:
    sheet = book.create_sheet(title)
    form = units[0][1].layout if units else layout_for(period.end)
    columns, groups = _form_columns(kind, form)
    width = 1 + len(columns)
    last = get_column_letter(width)
    rows = [(unit, ledger, False) for unit, ledger in units]
    if total is not None:
        rows.append((_TOTAL, total, True))

    # The table: values first, so that the widths can fit them.
    widths = [max([12, *(len(unit) + 2 for unit, _, _ in rows)])] + [9.0] * len(columns)
    for row_index, (unit, ledger, is_total) in enumerate(rows, start=FIRST_DATA_ROW):
        _put(sheet, f"A{row_index}", unit, bold=is_total, horizontal="left", size=10)
        shown_figures = figures(ledger, period)  # the one figures model, rounded as printed
        for index, column in enumerate(columns, start=2):
            if column.field in ROW:
                value: object = _cell_value(ledger, column.field, thousands)
                pattern = "#,##0"
            else:
                value = _rate(shown_figures, column.field)
                pattern = "0.00"
            cell = _put(
                sheet, f"{get_column_letter(index)}{row_index}", value, bold=is_total, size=10
            )
            cell.alignment = Alignment(horizontal="right", vertical="center")
            cell.number_format = pattern
            if isinstance(value, int):
                widths[index - 1] = max(widths[index - 1], len(f"{value:,}") + 2)
    for index in range(width):
        sheet.column_dimensions[get_column_letter(index + 1)].width = min(widths[index], 48)

    # The headings: a leaf spans down to the last heading row, a group across its leaves.
    top, bottom = HEADING_ROWS
    _put(sheet, f"A{top}:A{bottom}", "Đơn vị", bold=True, size=10)
    for index, column in enumerate(columns, start=2):
        letter = get_column_letter(index)
        cells = f"{letter}{top + column.depth}:{letter}{bottom}"
        _put(sheet, cells, column.heading, bold=True, size=10)
    for group in groups:
        cells = f"{get_column_letter(group.first + 2)}{top + group.depth}"
        cells += f":{get_column_letter(group.last + 2)}{top + group.depth}"
        _put(sheet, cells, group.heading, bold=True, size=10)
    _put(sheet, f"A{NUMBER_ROW}", "A", italic=True, size=10)
    for index in range(2, width + 1):
        cells = f"{get_column_letter(index)}{NUMBER_ROW}"
        _put(sheet, cells, f"({index - 1})", italic=True, size=10)
    sheet.cell(FIELD_ROW, 1, "unit")
    for index, column in enumerate(columns, start=2):
        sheet.cell(FIELD_ROW, index, column.field)
    sheet.row_dimensions[FIELD_ROW].hidden = True
    for row in sheet.iter_rows(min_row=top, max_row=FIRST_DATA_ROW + len(rows) - 1):
        for cell in row:
            if cell.row != FIELD_ROW:
                cell.border = _BOX
    # Row heights: every heading fits its merged cell, at one character a unit of width
    # (a unit is the width of a digit of the default font; bold Times 10 is narrower).
    needed = dict.fromkeys(range(top, bottom + 1), 1)
    for index, column in enumerate(columns, start=2):
        span = bottom - (top + column.depth) + 1
        lines = _lines(column.heading, widths[index - 1])
        needed[bottom] = max(needed[bottom], lines - (span - 1))
    for group in groups:
        span_width = sum(widths[group.first + 1 : group.last + 2])
        row = top + group.depth
        needed[row] = max(needed[row], _lines(group.heading, span_width))
    for row, lines in needed.items():
        sheet.row_dimensions[row].height = 15 * lines + 3

    # The header block: code and circular | title, period, days | who reports, to whom, unit.
    right_first = get_column_letter(max(3, width - 4))
    middle = f"{get_column_letter(min(3, width))}", get_column_letter(max(3, width - 5))
    if info.form_code:
        _put(sheet, "A1:B1", f"Biểu số: {info.form_code}", bold=True, size=10)
        _put(sheet, "A2:B3", f"Theo {form.title}", italic=True, size=9)
    _put(sheet, f"{middle[0]}1:{middle[1]}1", heading.upper(), bold=True, size=13)
    _put(sheet, f"{middle[0]}2:{middle[1]}2", _capital(period.label), bold=True)
    _put(
        sheet,
        f"{middle[0]}3:{middle[1]}3",
        f"(Từ ngày {day_label(period.start)} đến ngày {day_label(period.end)})",
        italic=True,
    )
    for row, text in (
        (1, f"Đơn vị báo cáo: {_dotted(info.agency)}"),
        (2, f"Đơn vị nhận báo cáo: {_dotted(info.recipient)}"),
        (3, f"Đơn vị tính: {unit_of_measure}"),
    ):
        _put(sheet, f"{right_first}{row}:{last}{row}", text, horizontal="left", size=10)
    for row in (1, 2, 3):
        sheet.row_dimensions[row].height = 20

    # The note and the signature block, under the table.
    end = FIRST_DATA_ROW + len(rows) - 1
    note = _formula_note(columns)
    if thousands:
        note += " Số tiền làm tròn đến nghìn đồng; tỷ lệ tính trên số tiền chính xác."
    _put(sheet, f"A{end + 2}:{last}{end + 2}", note, italic=True, size=10, horizontal="left")
    sheet.row_dimensions[end + 2].height = 15 * _lines(note, sum(widths)) + 3
    sign = end + 4
    _put(sheet, f"A{sign + 1}:B{sign + 1}", "NGƯỜI LẬP BIỂU", bold=True)
    _put(sheet, f"A{sign + 2}:B{sign + 2}", "(Ký, ghi rõ họ tên)", italic=True)
    _put(sheet, f"{right_first}{sign}:{last}{sign}", _signed_line(info), italic=True)
    _put(sheet, f"{right_first}{sign + 1}:{last}{sign + 1}", "THỦ TRƯỞNG ĐƠN VỊ", bold=True)
    _put(sheet, f"{right_first}{sign + 2}:{last}{sign + 2}", "(Ký tên, đóng dấu)", italic=True)
    if info.preparer:
        _put(sheet, f"A{sign + 6}:B{sign + 6}", info.preparer, bold=True)
    if info.head:
        _put(sheet, f"{right_first}{sign + 6}:{last}{sign + 6}", info.head, bold=True)

    # Print: A4 landscape, one page wide, the headings on every page.
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_title_rows = f"{top}:{NUMBER_ROW}"
    sheet.print_area = f"A1:{last}{sign + 6}"
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.6
    sheet.freeze_panes = sheet.cell(FIRST_DATA_ROW, 2)


def build_workbook(
    period: ReportingPeriod,
    units: Sequence[tuple[str, LedgerPair]],
    *,
    total: bool = True,
    info: FormInfo | None = None,
    money_unit: MoneyUnit = "đồng",
) -> Any:
    """The workbook of the two ledgers of several units for a period (sổ Excel hai biểu).

    ``info`` fills the header and signature blocks (:class:`FormInfo`);
    ``money_unit`` is the unit of the money sheet: ``"đồng"`` (exact, default)
    or ``"nghìn đồng"`` (rounded half up to a thousand đồng).

    >>> from thads_metrics.cases import LedgerPair
    >>> pair = LedgerPair(CaseLedger(newly_accepted=3, completed=2, in_progress=1),
    ...                   AmountLedger(newly_accepted=300, completed=200, in_progress=100))
    >>> book = build_workbook(ReportingPeriod(2024, 12), [("A", pair), ("B", pair)])
    >>> book.sheetnames
    ['Việc', 'Tiền']
    >>> book["Việc"]["A12"].value, book["Việc"]["B12"].value
    ('Tổng cộng', 6)
    >>> build_workbook(2024, [("A", pair)])
    Traceback (most recent call last):
    ...
    thads_metrics.errors.PeriodError: period must be a ReportingPeriod (kỳ báo cáo), got int 2024
    """
    require_instance("period", period, ReportingPeriod, PeriodError, what=_A_PERIOD)
    units = _units(units)
    require_flag("total", total, ReportError)
    info = FormInfo() if info is None else require_instance("info", info, FormInfo, ReportError)
    unit = require_choice("money_unit", money_unit, MONEY_UNITS, ReportError)
    book = Workbook()
    for default in list(book.worksheets):  # start without openpyxl's empty sheet
        book.remove(default)
    totals = sum((pair for _, pair in units), start=LedgerPair()) if total and units else None
    _sheet(
        book,
        "Việc",
        "Kết quả thi hành án dân sự tính bằng việc",
        CaseLedger,
        [(name, pair.cases) for name, pair in units],
        totals.cases if totals else None,
        period,
        info,
        "việc",
        False,
    )
    _sheet(
        book,
        "Tiền",
        "Kết quả thi hành án dân sự tính bằng tiền",
        AmountLedger,
        [(name, pair.amounts) for name, pair in units],
        totals.amounts if totals else None,
        period,
        info,
        unit,
        unit == "nghìn đồng",
    )
    return book


def write_workbook(
    target: str | Path | IO[bytes],
    period: ReportingPeriod,
    units: Sequence[tuple[str, LedgerPair]],
    *,
    total: bool = True,
    info: FormInfo | None = None,
    money_unit: MoneyUnit = "đồng",
) -> None:
    """Write :func:`build_workbook` to a path or a binary stream (.xlsx)."""
    if not isinstance(target, (str, Path)) and not callable(getattr(target, "write", None)):
        raise OutputError(
            f"target must be a path or a binary stream, got {shown(target)}",
            code="output.type",
            details={"argument": "target", "value": shown(target)},
        )
    build_workbook(period, units, total=total, info=info, money_unit=money_unit).save(target)


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
