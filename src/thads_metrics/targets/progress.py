"""Progress against targets (tiến độ thực hiện chỉ tiêu): one ledger, then a unit's two.

:func:`measure_progress` measures one ledger (việc or tiền) against an annual
target and gives a :class:`Progress`; :func:`assess` does both ledgers of a
unit for a period, looking the target up in a :class:`TargetBook`, and gives
an :class:`Assessment`. Values are exact; rounding happens only in
:meth:`Progress.as_row` and :meth:`Assessment.rows`.

>>> from thads_metrics.ledger import CaseLedger
>>> hcm = CaseLedger.from_totals(with_conditions=54_681, finished=26_515)
>>> measure_progress(hcm, 73, ReportingPeriod(2019, 6)).as_row()["pace_points"]
Decimal('11.99')
"""

from __future__ import annotations

from decimal import Decimal

import attrs

from thads_metrics._checks import (
    Exact,
    require_choice,
    require_exact,
    require_instance,
    require_int,
)
from thads_metrics._html import html_table
from thads_metrics.calendar import ReportingPeriod
from thads_metrics.errors import RateError, TargetError
from thads_metrics.figures import figures
from thads_metrics.ledger import AmountLedger, CaseLedger
from thads_metrics.rates import TargetGap, _empty_rate, round_rate
from thads_metrics.targets.book import TargetBook, _unit
from thads_metrics.targets.target import Target, _target_percent

__all__ = ["Assessment", "Progress", "assess", "measure_progress"]


@attrs.frozen
class Progress:
    """One ledger's standing against its target, về việc or về tiền (tình hình thực hiện chỉ tiêu).

    ``measure`` is ``"việc"`` or ``"tiền"``; ``finished`` the numerator used
    (for money, with or without reduced amounts as asked); ``rate`` the
    completion rate (tỷ lệ thi hành xong) and ``conditions_share`` the share
    có điều kiện, in percent (``to_enforce`` and ``conditions_share`` are None
    for a ledger built from totals without to_enforce); ``target`` the
    annual target and ``prorated_target`` its share for the period; ``gap``
    compares with the annual target (vượt / còn thiếu), ``pace`` with the
    pro-rated one (vượt tiến độ); ``remaining`` is the points still to gain
    (còn phải phấn đấu) and ``required`` the least number of việc or đồng
    still to finish, on the current base, to reach the annual target.
    Values are exact; :meth:`as_row` rounds them for display.

    >>> from thads_metrics.ledger import CaseLedger
    >>> p = measure_progress(CaseLedger(newly_accepted=10, completed=5, in_progress=5), 80,
    ...                      ReportingPeriod(2022, 6))
    >>> p.measure, p.rate, p.prorated_target, p.gap.points, p.pace.met, p.required
    ('việc', Decimal('50'), Decimal('40'), Decimal('-30'), True, 3)
    """

    measure: str
    finished: int
    with_conditions: int
    to_enforce: int | None
    rate: Decimal
    conditions_share: Decimal | None
    target: Decimal
    prorated_target: Decimal
    gap: TargetGap
    pace: TargetGap
    remaining: Decimal
    required: int

    def __attrs_post_init__(self) -> None:
        require_choice("measure", self.measure, ("việc", "tiền"), RateError)
        for name in ("finished", "with_conditions", "required"):
            require_int(name, getattr(self, name), RateError)
        if self.to_enforce is not None:
            require_int("to_enforce", self.to_enforce, RateError)
        for name in ("rate", "target", "prorated_target", "remaining", "conditions_share"):
            value = getattr(self, name)
            if value is None and name == "conditions_share":
                continue
            require_exact(name, value, RateError, minimum=None)
            require_instance(name, value, Decimal, RateError, what="a Decimal")
        for name in ("gap", "pace"):
            require_instance(name, getattr(self, name), TargetGap, RateError, what="a TargetGap")

    def as_row(self, places: int = 2) -> dict[str, object]:
        """The line as a flat dict, percentages rounded half up to ``places`` (một dòng bảng).

        >>> from thads_metrics.calendar import ReportingPeriod
        >>> from thads_metrics.ledger import CaseLedger
        >>> hcm = CaseLedger.from_totals(with_conditions=54_681, finished=26_515)
        >>> row = measure_progress(hcm, 73, ReportingPeriod(2019, 6)).as_row()
        >>> row["rate"], row["remaining"], row["required"], row["conditions_share"]
        (Decimal('48.49'), Decimal('24.51'), 13403, None)
        """
        return {
            "measure": self.measure,
            "finished": self.finished,
            "with_conditions": self.with_conditions,
            "to_enforce": self.to_enforce,
            "rate": round_rate(self.rate, places),
            "conditions_share": (
                None if self.conditions_share is None else round_rate(self.conditions_share, places)
            ),
            "target": self.target,
            "gap_points": round_rate(self.gap.points, places),
            "met": self.gap.met,
            "prorated_target": round_rate(self.prorated_target, places),
            "pace_points": round_rate(self.pace.points, places),
            "on_pace": self.pace.met,
            "remaining": round_rate(self.remaining, places),
            "required": self.required,
        }


def measure_progress(
    ledger: CaseLedger | AmountLedger,
    target: Exact,
    period: ReportingPeriod,
    *,
    count_reduced: bool = True,
    empty: Exact | None = None,
) -> Progress:
    """One ledger's rate, gap, pace, remaining points and what is still needed (tiến độ chỉ tiêu).

    ``target`` is the annual target rate in percent. For an
    :class:`AmountLedger`, ``count_reduced=False`` leaves reduced amounts
    (giảm, miễn) out of the numerator. A ledger with nothing có điều kiện
    raises :class:`~thads_metrics.errors.RateError` unless ``empty`` gives
    the rate to use (a percentage 0..100, checked whatever the base: code
    ``rate.range`` naming ``empty``); one built from totals that do not determine finished or
    with_conditions raises :class:`~thads_metrics.errors.LedgerError`.

    >>> from thads_metrics.calendar import ReportingPeriod
    >>> from thads_metrics.ledger import CaseLedger
    >>> hcm = CaseLedger.from_totals(to_enforce=78_593, with_conditions=54_681, finished=26_515)
    >>> p = measure_progress(hcm, 73, ReportingPeriod(2019, 6))  # TP.HCM, 6 tháng 2019
    >>> round_rate(p.rate, 2), round_rate(p.pace.points, 2), p.required
    (Decimal('48.49'), Decimal('11.99'), 13403)
    """
    require_instance(
        "ledger",
        ledger,
        (CaseLedger, AmountLedger),
        RateError,
        what="a CaseLedger or an AmountLedger",
    )
    goal = _target_percent("target", target)
    _empty_rate(empty)  # checked at entry, also when the base is not empty
    f = figures(
        ledger,
        period,
        target=goal,
        rounding="exact",
        count_reduced=count_reduced,
        empty=empty,
    )  # the one figures model, exact; not strict: the share may not be computable
    if f.rate is None:  # an unknown row or an empty base: raise as the rate does
        if isinstance(ledger, AmountLedger):
            ledger.completion_rate(count_reduced=count_reduced, empty=empty)
        else:
            ledger.completion_rate(empty=empty)
    assert f.finished is not None  # the rate is computable: every figure below is known
    assert f.rate is not None
    assert f.prorated is not None
    assert f.gap is not None
    assert f.pace is not None
    assert f.remaining is not None
    assert f.required is not None
    return Progress(
        measure="tiền" if f.is_money else "việc",
        finished=f.finished,
        with_conditions=ledger.with_conditions,
        to_enforce=f.known("to_enforce"),
        rate=f.rate,
        conditions_share=f.share,
        target=goal,
        prorated_target=f.prorated,
        gap=f.gap,
        pace=f.pace,
        remaining=f.remaining,
        required=f.required,
    )


@attrs.frozen
class Assessment:
    """A unit's results for a period against its targets (đánh giá kết quả thực hiện chỉ tiêu).

    ``cases`` and ``money`` are the :class:`Progress` về việc and về tiền;
    ``target`` is the :class:`Target` used, ``unit`` the unit (None for the
    whole system). :meth:`rows` gives a table, e.g. for ``pandas.DataFrame``.

    >>> from thads_metrics.ledger import AmountLedger, CaseLedger
    >>> cases = CaseLedger.from_totals(with_conditions=708_674, finished=576_933)
    >>> money = AmountLedger.from_totals(with_conditions=132_905_418, finished=53_750_695)
    >>> a = assess(cases, money, ReportingPeriod(2020, 12))  # năm 2020, triệu đồng
    >>> a.met, a.on_pace, [row["gap_points"] for row in a.rows()]
    (True, True, [Decimal('1.41'), Decimal('2.44')])
    """

    period: ReportingPeriod
    unit: str | None
    target: Target
    cases: Progress
    money: Progress

    @property
    def met(self) -> bool:
        """True when both annual targets are reached (đạt cả hai chỉ tiêu)."""
        return self.cases.gap.met and self.money.gap.met

    @property
    def on_pace(self) -> bool:
        """True when both rates are at or above the pro-rated targets (đạt tiến độ)."""
        return self.cases.pace.met and self.money.pace.met

    def _repr_html_(self) -> str:
        """The assessment as an HTML table, for notebooks."""
        rows = self.rows()
        names = [name for name in rows[0] if name not in ("period", "unit")]
        caption = f"{self.unit or 'Toàn hệ thống'}, {self.period.label}"
        return html_table(caption, names, [[row[name] for name in names] for row in rows])

    def rows(self, places: int = 2) -> list[dict[str, object]]:
        """The two lines, về việc and về tiền, as dicts (bảng kết quả), rounded to ``places``.

        >>> from thads_metrics.ledger import AmountLedger, CaseLedger
        >>> a = assess(CaseLedger(newly_accepted=3, completed=2, in_progress=1),
        ...            AmountLedger(newly_accepted=3, completed=1, in_progress=2),
        ...            ReportingPeriod(2024, 12), Target(60, 40))
        >>> for row in a.rows(1):
        ...     print(row["measure"], row["rate"], row["met"])
        việc 66.7 True
        tiền 33.3 False
        """
        head: dict[str, object] = {"period": self.period.label, "unit": self.unit}
        return [head | self.cases.as_row(places), head | self.money.as_row(places)]


def assess(
    cases: CaseLedger,
    money: AmountLedger,
    period: ReportingPeriod,
    target: Target | None = None,
    *,
    unit: str | None = None,
    book: TargetBook | None = None,
    count_reduced: bool = True,
    empty: Exact | None = None,
) -> Assessment:
    """Assess one unit for one period against its targets (đánh giá thực hiện chỉ tiêu).

    Given the case ledger (việc) and the money ledger (tiền) of the period,
    returns the completion rates, the gaps to the annual targets ("vượt … %" /
    "còn thiếu … %"), the pace against the pro-rated targets ("vượt tiến
    độ"), the points still to gain ("còn phải phấn đấu") and the việc and
    đồng still to finish. Without ``target``, it is looked up for
    (``period.year``, ``unit``) in ``book`` (default: the national table).
    ``count_reduced`` and ``empty`` are passed to :func:`measure_progress`
    (``empty`` is checked first, a percentage 0..100).

    >>> from thads_metrics.calendar import ReportingPeriod
    >>> from thads_metrics.ledger import AmountLedger, CaseLedger
    >>> cases = CaseLedger.from_totals(to_enforce=1_000, with_conditions=800, finished=406)
    >>> money = AmountLedger.from_totals(to_enforce=10**12, with_conditions=5 * 10**11,
    ...                                  finished=2 * 10**11)
    >>> a = assess(cases, money, ReportingPeriod(2022, 6), unit="Long An",
    ...            book=TargetBook({(2022, "Long An"): ("81,5", "40,1")}))
    >>> for row in a.rows():
    ...     print(row["measure"], row["rate"], row["met"], row["remaining"], row["required"])
    việc 50.75 False 30.75 246
    tiền 40.00 False 0.10 500000000
    >>> a.cases.pace.met, round_rate(a.cases.pace.points, 2)  # 81,5 × 6/12 = 40,75
    (True, Decimal('10.00'))
    """
    require_instance("cases", cases, CaseLedger, RateError, what="a CaseLedger (về việc)")
    require_instance("money", money, AmountLedger, RateError, what="an AmountLedger (về tiền)")
    _empty_rate(empty)
    name = _unit(unit)
    require_instance(
        "period", period, ReportingPeriod, RateError, what="a ReportingPeriod (kỳ báo cáo)"
    )
    if book is not None:
        require_instance("book", book, TargetBook, TargetError, what="a TargetBook (sổ chỉ tiêu)")
    if target is None:
        target = (book if book is not None else TargetBook()).lookup(period.year, name)
    else:
        require_instance("target", target, Target, TargetError, what="a Target (chỉ tiêu)")
    return Assessment(
        period=period,
        unit=name,
        target=target,
        cases=measure_progress(cases, target.cases, period, empty=empty),
        money=measure_progress(
            money, target.money, period, count_reduced=count_reduced, empty=empty
        ),
    )
