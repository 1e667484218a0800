"""The report paragraph of a unit and period (báo cáo kết quả thi hành án dân sự).

:func:`build_report` gathers every figure of one unit's report — the two
ledgers, the rates, the gaps to the targets, the pace, what is still needed,
the change against the same period of last year — into a
:class:`~thads_metrics.report.model.UnitReport`, computed once by the figures
model (:mod:`thads_metrics.figures`). Writers render it and compute nothing:
:func:`summarize` writes its paragraph as an agency report would, in
Vietnamese (:mod:`~thads_metrics.report.vi`) or English
(:mod:`~thads_metrics.report.en`), :func:`summary_table` a table of several
units, :meth:`UnitReport.to_data <thads_metrics.report.model.UnitReport.to_data>`
the JSON-ready data.

Conventions, as in official reports:

- rates are printed with two decimals, rounded half up ("83,90%");
- the gap to the target (vượt / chưa đạt), the pace against the pro-rated
  target (vượt / chậm tiến độ) and the points still to gain (còn phải phấn
  đấu) are computed from the rate and the pro-rated target *as printed*
  (84,25% − 83,90% = vượt 0,35%), so the paragraph adds up on paper;
- what is still needed (số việc, số tiền còn phải thi hành xong) is computed
  from the exact counts, and an amount is rounded *up* when printed, so "ít
  nhất" is never understated;
- amounts of money in a paragraph stay in tỷ đồng (one decimal) from 1 tỷ up,
  so figures that add up look like they do.

>>> from thads_metrics.ledger import AmountLedger, CaseLedger
>>> cases = CaseLedger(carried_over=4_000, newly_accepted=9_000, entrusted=150,
...                    withdrawn=10, completed=7_000, terminated=500,
...                    in_progress=2_300, without_conditions=3_040)
>>> money = AmountLedger(carried_over=2_500_000_000_000, newly_accepted=3_000_000_000_000,
...                      completed=1_100_000_000_000, in_progress=1_500_000_000_000,
...                      without_conditions=2_900_000_000_000)
>>> print(summarize("Long An", ReportingPeriod(2022, 12), cases, money))  # doctest: +ELLIPSIS
Kết quả thi hành án dân sự năm 2022 (từ 1/10/2021 đến 30/9/2022) của Long An:
Về việc: tổng số phải thi hành là 12.840 việc ... đạt tỷ lệ 76,53%; chưa đạt chỉ tiêu 81,50% ...
Về tiền: tổng số phải thi hành là 5.500 tỷ đồng ... đạt tỷ lệ 42,31%; vượt 2,21% so với ...
Số chuyển kỳ sau là 5.340 việc, tương ứng 4.400 tỷ đồng; trong đó có điều kiện ...
>>> print(summarize("Long An", ReportingPeriod(2022, 12), cases, money, language="en"))
... # doctest: +ELLIPSIS
Civil judgment enforcement (thi hành án dân sự) in enforcement year 2022 (1 October 2021 ...
Cases (về việc): the total to enforce (tổng số phải thi hành) was 12,840 cases ...
...
"""

from __future__ import annotations

from collections.abc import Iterable

from thads_metrics.calendar import ReportingPeriod
from thads_metrics.cases import LedgerPair
from thads_metrics.errors import ReportError
from thads_metrics.ledger import AmountLedger, CaseLedger
from thads_metrics.report.model import (
    RATE_PLACES,
    Measure,
    ReportSet,
    TargetSource,
    UnitReport,
    build_report,
    printed_rates,
)
from thads_metrics.report.words import Language, PointsUnit, languages, table
from thads_metrics.targets import Target, TargetBook

__all__ = [
    "RATE_PLACES",
    "Language",
    "Measure",
    "PointsUnit",
    "ReportError",
    "ReportSet",
    "TargetSource",
    "UnitReport",
    "build_report",
    "languages",
    "printed_rates",
    "summarize",
    "summary_table",
]


def summarize(
    unit: str,
    period: ReportingPeriod,
    cases: CaseLedger,
    money: AmountLedger,
    target: Target | None = None,
    *,
    previous: LedgerPair | tuple[CaseLedger, AmountLedger] | None = None,
    book: TargetBook | None = None,
    points_unit: PointsUnit | None = None,
    language: Language = "vi",
) -> str:
    """The report paragraph of a unit for a period (đoạn báo cáo kết quả THADS).

    Total to enforce (tổng số phải thi hành) in việc and tiền, the share with
    conditions (có điều kiện), what was finished (thi hành xong) and the rate;
    for the year report, vượt / chưa đạt against the target; for a shorter
    period, the pace (vượt / chậm tiến độ) and the points still to gain to
    reach the annual target (còn phải phấn đấu) with what is still needed; the
    change against the same period (so với cùng kỳ, when ``previous`` is
    given) and what is carried forward (chuyển kỳ sau). ``language`` is
    ``"vi"`` (default) or ``"en"``. ``points_unit`` writes differences of
    rates with the reports' bare "%" (``"percent"``) or in percentage points
    (``"points"``: "điểm phần trăm"); by default (None) in the language's
    own: "%" in Vietnamese, as the reports print them, and "percentage
    points" in English, where "0.35% above" would read as relative. Changes
    of rates against the same period are always written in points.

    >>> from thads_metrics.ledger import AmountLedger, CaseLedger
    >>> cases = CaseLedger(newly_accepted=1_000, completed=406, in_progress=394,
    ...                    without_conditions=200)
    >>> money = AmountLedger(newly_accepted=10**12, completed=2 * 10**11,
    ...                      in_progress=3 * 10**11, without_conditions=5 * 10**11)
    >>> text = summarize("Long An", ReportingPeriod(2022, 6), cases, money,
    ...                  Target("81,5", "40,1"))
    >>> print(text.splitlines()[1])  # doctest: +NORMALIZE_WHITESPACE
    Về việc: tổng số phải thi hành là 1.000 việc (năm trước chuyển sang 0 việc, thụ lý mới
    1.000 việc); có điều kiện thi hành 800 việc, chiếm 80,00%, chưa có điều kiện 200 việc. Đã
    thi hành xong 406 việc, đạt tỷ lệ 50,75%; vượt tiến độ 10,00% (chỉ tiêu 6 tháng là
    40,75%); còn phải phấn đấu thêm 30,75% để đạt chỉ tiêu năm 81,50% (thi hành xong thêm ít
    nhất 246 việc trên số có điều kiện hiện nay).
    >>> text = summarize("Long An", ReportingPeriod(2022, 6), cases, money,
    ...                  Target("81,5", "40,1"), language="en")
    >>> print(text.splitlines()[1])  # doctest: +NORMALIZE_WHITESPACE
    Cases (về việc): the total to enforce (tổng số phải thi hành) was 1,000 cases (0 cases
    carried over, 1,000 cases newly accepted); 800 cases with conditions to enforce (có điều
    kiện), 80.00% of the total, 200 cases without conditions (chưa có điều kiện). Finished (thi
    hành xong): 406 cases, a completion rate of 50.75%; 10.00 percentage points ahead of pace
    (the target pro-rated to 6 months is 40.75%); 30.75 percentage points still to gain to
    reach the annual target of 81.50% (at least 246 cases more to finish on the current base).
    """
    report = build_report(unit, period, cases, money, target, previous=previous, book=book)
    return report.text(points_unit=points_unit, language=language)


def summary_table(
    reports: Iterable[UnitReport], total: UnitReport | None = None, *, language: Language = "vi"
) -> str:
    """A plain-text table of several units' results (bảng tổng hợp kết quả).

    One row per report, then ``total`` (e.g. the roll-up of all units) if
    given, labelled "Tổng cộng" ("Total"); amounts in tỷ đồng, rates with two
    decimals.
    """
    return table(reports, total, language=language)
