"""The Vietnamese words of a report paragraph (đoạn báo cáo bằng tiếng Việt).

As official reports write them: rates with two decimals and a decimal comma
("83,90%"); counts with a thousands dot ("12.840 việc"); money in tỷ đồng
with one decimal from 1 tỷ up ("146,9 tỷ đồng"); a gap to the target with
the reports' bare "%" ("vượt 0,35%", the default) or in "điểm phần trăm" on
request; vượt / chưa đạt at the year's end, vượt / chậm tiến độ and "còn phải
phấn đấu" before it; the rows that left the ledger (ủy thác, thu hồi) only when
they are not 0; a built-in kind of case by its name in the reports, with a
dash for the comma inside it ("tín dụng – ngân hàng"), so that it reads as
one item of the list.

>>> from decimal import Decimal
>>> w = Vietnamese()
>>> w.count(12_840), w.money(146_900_000_000), w.percent(Decimal("83.9"))
('12.840 việc', '146,9 tỷ đồng', '83,90%')
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

from thads_metrics.calendar import day_label
from thads_metrics.figures import RATE_PLACES
from thads_metrics.report.words import Phrases, PointsUnit, listed
from thads_metrics.vi import format_count, format_dong, format_number, format_percent, format_points

if TYPE_CHECKING:
    from thads_metrics.calendar import ReportingPeriod
    from thads_metrics.targets import Target

__all__ = ["Vietnamese"]

_CHANGE_LABELS = {
    "to_enforce": "tổng số phải thi hành",
    "with_conditions": "số có điều kiện",
    "finished": "số thi hành xong",
    "carried_forward": "số chuyển kỳ sau",
}
_LEFT = {"entrusted": "ủy thác", "withdrawn": "thu hồi, hủy quyết định"}
_PARTS = {"completed": "thi hành xong", "terminated": "đình chỉ thi hành", "reduced": "giảm, miễn"}
_UP_DOWN = {1: "tăng", -1: "giảm"}


class Vietnamese(Phrases):
    """The words of the Vietnamese paragraph (tiếng Việt), as agency reports write them."""

    language = "vi"
    points_unit = "percent"
    table_header = (
        "Đơn vị",
        "Có ĐK (việc)",
        "Xong (việc)",
        "Tỷ lệ việc",
        "Chỉ tiêu",
        "+/- CT",
        "Có ĐK (tiền)",
        "Xong (tiền)",
        "Tỷ lệ tiền",
        "Chỉ tiêu",
        "+/- CT",
    )
    total_label = "Tổng cộng"

    def roll_up(self, units: int) -> str:
        return f"{units} đơn vị (tổng cộng)"

    def table_title(self, period: ReportingPeriod) -> str:
        return f"Bảng tổng hợp {period.label} (tiền: tỷ đồng)"

    def period_name(self, period: ReportingPeriod) -> str:
        return period.label

    def count(self, n: int) -> str:
        return format_count(n)

    def money(self, amount: int) -> str:
        if abs(amount) >= 10**9:
            return format_dong(amount, "scaled", decimals=1, scale="tỷ")
        return format_dong(amount, "scaled", decimals=1)

    def percent(self, value: Decimal) -> str:
        return format_percent(value, RATE_PLACES, fixed=True)

    def points(self, points: Decimal, unit: PointsUnit) -> str:
        if unit == "percent":
            return self.percent(points.copy_abs())
        return f"{format_number(points.copy_abs(), RATE_PLACES, fixed=True)} điểm phần trăm"

    def signed_points(self, points: Decimal) -> str:
        return format_points(points, RATE_PLACES, sign="change", unit="points", fixed=True)

    def table_count(self, n: int) -> str:
        return format_count(n, "")

    def table_money(self, amount: int) -> str:
        return format_number(Fraction(amount, 10**9), 1, fixed=True)

    def table_gap(self, points: Decimal) -> str:
        return format_points(points, RATE_PLACES, unit="percent", fixed=True)

    def heading(self, unit: str, period: ReportingPeriod) -> str:
        return (
            f"Kết quả thi hành án dân sự {period.label} (từ {day_label(period.start)} đến "
            f"{day_label(period.end)}) của {unit}:"
        )

    def ledger_name(self, money: bool) -> str:
        return "Về tiền" if money else "Về việc"

    def no_data(self) -> str:
        return "chưa có số liệu."

    def to_enforce(
        self, total: str, intake: tuple[str, str] | None, left: Sequence[tuple[str, str]]
    ) -> str:
        clause = f"tổng số phải thi hành là {total}"
        if intake is not None:
            clause += f" (năm trước chuyển sang {intake[0]}, thụ lý mới {intake[1]}"
            if left:
                clause += "; đã trừ " + " và ".join(f"{_LEFT[row]} {n}" for row, n in left)
            clause += ")"
        return clause

    def with_conditions(self, value: str, share: str | None) -> str:
        return f"có điều kiện thi hành {value}" + (f", chiếm {share}" if share else "")

    def stayed(self, value: str, share: str | None) -> str:
        return f"hoãn, tạm đình chỉ {value}" + (f" (chiếm {share})" if share else "")

    def without_conditions(self, value: str) -> str:
        return f"chưa có điều kiện {value}"

    def finished(self, value: str, detail: Sequence[str], rate: str | None, first: bool) -> str:
        sentence = f"{'Đ' if first else 'đ'}ã thi hành xong {value}"
        if detail:
            sentence += f" (gồm {', '.join(detail)})"
        if rate is not None:
            sentence += f", đạt tỷ lệ {rate}"
        return sentence

    def finished_part(self, row: str, value: str) -> str:
        return f"{_PARTS[row]} {value}"

    def no_base(self) -> str:
        return "; chưa có việc có điều kiện thi hành nên chưa tính được tỷ lệ"

    def year_gap(self, points: Decimal, target: str, unit: PointsUnit) -> str:
        if points > 0:
            return f"; vượt {self.points(points, unit)} so với chỉ tiêu {target}"
        if points == 0:
            return f"; đạt chỉ tiêu {target}"
        return f"; chưa đạt chỉ tiêu {target} (còn thiếu {self.points(points, unit)})"

    def pace(self, points: Decimal, prorated: str, months: int, unit: PointsUnit) -> str:
        basis = f"(chỉ tiêu {months} tháng là {prorated})"
        if points > 0:
            return f"; vượt tiến độ {self.points(points, unit)} {basis}"
        if points == 0:
            return f"; đạt tiến độ {basis}"
        return f"; chậm tiến độ {self.points(points, unit)} {basis}"

    def period_gap(
        self, points: Decimal, target: str, unit: PointsUnit, remaining: str, needed: str
    ) -> str:
        if points > 0:
            return f"; đã vượt {self.points(points, unit)} so với chỉ tiêu năm {target}"
        if points == 0:
            return f"; đã đạt chỉ tiêu năm {target}"
        return (
            f"; còn phải phấn đấu thêm {remaining} để đạt chỉ tiêu năm {target} "
            f"(thi hành xong thêm ít nhất {needed} trên số có điều kiện hiện nay)"
        )

    def category_name(self, category: str | None, label: str) -> str:
        return listed(label if category is None else label.replace(", ", " – "))

    def category(self, label: str, cases: str | None, money: str | None, rate: str | None) -> str:
        done = ", tương ứng ".join(part for part in (cases, money) if part) or "chưa có số liệu"
        return f"{label}: thi hành xong {done}" + (f" (đạt {rate} về việc)" if rate else "")

    def breakdown(self, parts: Sequence[str]) -> str:
        return "Theo nhóm việc: " + "; ".join(parts) + "."

    def change(self, row: str, sign: int, size: str, relative: str | None, money: bool) -> str:
        label = _CHANGE_LABELS[row]
        if relative is None:
            return f"{label} tăng {size} (cùng kỳ không có)"
        if sign == 0:
            return f"{label} không thay đổi"
        return f"{label} {_UP_DOWN[sign]} {size} ({relative})"

    def rate_change(self, change: str | None) -> str:
        return "tỷ lệ thi hành xong " + (change or "không thay đổi")

    def changes(self, last: ReportingPeriod, money: bool, clauses: Sequence[str]) -> str:
        head = "về tiền" if money else "về việc"
        return f"So với cùng kỳ {last.label} ({head}): " + "; ".join(clauses) + "."

    def carried_forward(self, total: str | None, with_conditions: str | None) -> str:
        if total and with_conditions:
            return f"Số chuyển kỳ sau là {total}; trong đó có điều kiện thi hành {with_conditions}."
        if total:
            return f"Số chuyển kỳ sau là {total}."
        if with_conditions:
            return f"Số có điều kiện thi hành chuyển kỳ sau là {with_conditions}."
        return ""

    def both(self, count: str | None, money: str | None) -> str | None:
        parts = [part for part in (count, money) if part is not None]
        return ", tương ứng ".join(parts) if parts else None

    def national_target(self, period: ReportingPeriod, target: Target) -> str:
        return (
            f"Chỉ tiêu áp dụng là chỉ tiêu chung {period.enforcement_year.label} "
            f"({self.percent(target.cases)} về việc, {self.percent(target.money)} về tiền) vì "
            "đơn vị không có chỉ tiêu riêng."
        )

    def no_target(self, period: ReportingPeriod) -> str:
        return f"Chưa có chỉ tiêu {period.enforcement_year.label} để so sánh."
