"""Series, projections, what is still needed, court measures and the four targets: examples."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from thads_metrics.calendar import ReportingPeriod
from thads_metrics.cases import CaseRecord, LedgerPair, Origin, Status, aggregate
from thads_metrics.errors import LedgerError, PeriodError, ThadsError
from thads_metrics.ledger import AmountLedger, CaseLedger
from thads_metrics.measures import (
    clearance_rate,
    congestion_rate,
    disposition_time,
    measures,
    period_days,
)
from thads_metrics.projection import Profile, needed_per_month, outlook, project
from thads_metrics.rates import attainment, round_rate
from thads_metrics.series import Series, check_cumulative
from thads_metrics.targets import Target, assess_four

# National, 2023: the opening rows (DOMAIN §2, thads.moj.gov.vn ItemID=1355) and the cases
# finished (574.819 việc, baophapluat.vn, "Những con số ấn tượng của Thi hành án dân sự trong
# năm 2023").
NATIONAL_2023 = CaseLedger.from_totals(
    carried_over=299_096, newly_accepted=636_950, entrusted=12_004, withdrawn=501,
    finished=574_819,
)  # fmt: skip
YEAR_2023 = ReportingPeriod(2023, 12)


def _pair(new: int, done: int, carried: int = 1_000) -> LedgerPair:
    """A unit's cumulative ledgers: ``new`` accepted and ``done`` finished since 1 October."""
    return LedgerPair(
        CaseLedger(carried_over=carried, newly_accepted=new, completed=done,
                   in_progress=carried + new - done),
        AmountLedger(carried_over=carried * 10**8, newly_accepted=new * 10**8,
                     completed=done * 10**8, in_progress=(carried + new - done) * 10**8),
    )  # fmt: skip


def test_national_2023_clearance_rate_and_disposition_time() -> None:
    m = measures(NATIONAL_2023, YEAR_2023)
    assert round_rate(m.clearance_rate, 2) == Decimal("90.25")  # type: ignore[arg-type]
    assert round_rate(m.disposition_time, 0) == Decimal("221")  # type: ignore[arg-type]
    assert m.days == 365
    # Exactly (to the 50 digits of a non-terminating Decimal): 348.722 carried forward ÷
    # 574.819 finished × 365 days; 574.819 ÷ 636.950 × 100.
    tiny = Fraction(1, 10**45)
    time = disposition_time(NATIONAL_2023, YEAR_2023)
    assert time is not None
    assert abs(Fraction(time) - Fraction(348_722 * 365, 574_819)) < tiny
    rate = clearance_rate(NATIONAL_2023)
    assert rate is not None
    assert abs(Fraction(rate) - Fraction(574_819 * 100, 636_950)) < tiny


def test_measures_are_none_where_undefined() -> None:
    empty = CaseLedger()
    assert clearance_rate(empty) is None
    assert disposition_time(empty, YEAR_2023) is None
    assert congestion_rate(empty) is None
    partial = CaseLedger.from_totals(to_enforce=100, with_conditions=80, finished=40)
    assert clearance_rate(partial) is None  # newly accepted is not known
    assert disposition_time(partial, YEAR_2023) == Decimal(365 * 60) / Decimal(40)
    # A short period is annualised: 6 months of 2023 has 182 days.
    half = CaseLedger(newly_accepted=100, completed=50, in_progress=50)
    assert period_days(ReportingPeriod(2023, 6)) == 182
    assert disposition_time(half, ReportingPeriod(2023, 6)) == Decimal(182)


def test_measures_refuse_what_is_not_a_ledger() -> None:
    with pytest.raises(LedgerError):
        clearance_rate("ledger")  # type: ignore[arg-type]
    with pytest.raises(PeriodError):
        disposition_time(CaseLedger(), 2023)  # type: ignore[arg-type]


def test_series_steps_give_each_month_its_own_figures() -> None:
    s = Series("Long An", 2022, {ReportingPeriod(2022, 3): _pair(300, 200),
                                 ReportingPeriod(2022, 1): _pair(100, 60),
                                 ReportingPeriod(2022, 2): _pair(180, 130)})  # fmt: skip
    assert s.months == (1, 2, 3)
    steps = s.steps()
    assert [st.cases.flows["newly_accepted"] for st in steps] == [100, 80, 120]
    assert [st.cases.flows["finished"] for st in steps] == [60, 70, 70]
    assert [st.money.flows["completed"] for st in steps] == [60 * 10**8, 70 * 10**8, 70 * 10**8]
    assert steps[0].cases.net == {}  # the opening stocks are not known
    assert steps[1].cases.net["in_progress"] == 1_050 - 1_040
    assert (steps[0].previous, steps[2].previous) == (None, ReportingPeriod(2022, 2))
    assert s.at(2) == _pair(180, 130)


def test_a_series_skipping_months_covers_them_in_one_step() -> None:
    s = Series("A", 2022, [(ReportingPeriod(2022, 6), _pair(600, 500)),
                           (ReportingPeriod(2022, 9), _pair(900, 800))])  # fmt: skip
    step = s.steps()[1]
    assert step.months == 3
    assert step.cases.flows["finished"] == 300


def test_series_from_an_aggregation_and_from_a_table() -> None:
    records = [
        CaseRecord(unit="A", period=ReportingPeriod(2022, m), origin=Origin.NEW, status=status)
        for m, statuses in ((1, [Status.COMPLETED, Status.IN_PROGRESS]),
                            (2, [Status.COMPLETED, Status.COMPLETED, Status.IN_PROGRESS]))
        for status in statuses
    ]  # fmt: skip
    table = aggregate(records, by=("unit", "period"))
    s = Series.from_table(table, "A")
    assert s.year == 2022
    assert [st.cases.flows["finished"] for st in s.steps()] == [1, 1]
    with pytest.raises(LedgerError) as caught:
        Series.from_table(table, "B")
    assert caught.value.code == "ledger.missing_period"


def test_series_refuses_bad_points() -> None:
    with pytest.raises(PeriodError) as caught:
        Series("A", 2022, {ReportingPeriod(2021, 5): _pair(1, 1)})
    assert caught.value.code == "period.order"
    with pytest.raises(LedgerError) as caught:
        Series("A", 2022, [(ReportingPeriod(2022, 5), _pair(1, 1))] * 2)
    assert caught.value.code == "ledger.duplicate_period"
    with pytest.raises(LedgerError) as caught:
        Series("A", 2022, {ReportingPeriod(2022, 5): _pair(10, 5),
                           ReportingPeriod(2022, 6): _pair(12, 4)})  # fmt: skip
    assert caught.value.code == "ledger.flow_decrease"
    assert caught.value.details["row"] == "completed"
    with pytest.raises(ThadsError):
        Series("A", 2022, [("5 tháng", _pair(1, 1))])
    with pytest.raises(LedgerError):
        Series("A", 2022, {}).latest  # noqa: B018


def test_check_cumulative_needs_two_periods_in_order() -> None:
    with pytest.raises(PeriodError):
        check_cumulative(CaseLedger(), CaseLedger(), ReportingPeriod(2022, 6),
                         ReportingPeriod(2022, 5))  # fmt: skip
    with pytest.raises(LedgerError):
        check_cumulative(CaseLedger(), AmountLedger(), ReportingPeriod(2022, 5),  # type: ignore[arg-type]
                         ReportingPeriod(2022, 6))  # fmt: skip


def test_projection_by_pace_and_by_a_seasonal_profile() -> None:
    # An earlier year that finished most of its cases in the last months.
    last_year = Series("A", 2021, {ReportingPeriod(2021, 6): _pair(600, 300),
                                   ReportingPeriod(2021, 12): _pair(1_200, 1_500)})  # fmt: skip
    profile = Profile.learn([last_year], "cases")
    assert profile.finished[6] == Fraction(1, 5)
    this_year = Series("A", 2022, {ReportingPeriod(2022, 6): _pair(600, 300)})
    pace = project(this_year)
    assert round_rate(pace.cases.rate, 2) == Decimal("37.50")  # type: ignore[arg-type]
    seasonal = project(this_year, method="seasonal", cases_profile=profile,
                       money_profile=Profile.learn([last_year], "money"))  # fmt: skip
    # 300 finished by month 6 is a fifth of the year: 1.500 of a base of 1.600, 93,75%.
    assert seasonal.cases.rate == Decimal("93.75")
    assert seasonal.years == (2021,)
    with pytest.raises(LedgerError):
        project(this_year, method="seasonal")  # no profile
    grown = project(this_year, base="pace")
    # The base grows by the 600 cases still to come at the pace so far, all with conditions.
    assert grown.cases.base == Decimal(2_200)


def test_projection_flags_a_cap() -> None:
    s = Series("A", 2022, {ReportingPeriod(2022, 1): _pair(10, 900)})
    p = project(s)
    assert p.cases.capped
    assert p.cases.rate == Decimal(100)


def test_needed_per_month_against_a_target() -> None:
    s = Series("Long An", 2022, {ReportingPeriod(2022, 6): _pair(1_000, 1_015)})
    plan = needed_per_month(s, Target("81.5", "40.1"))
    # 81,5% of a base of 2.000 is 1.630: 615 still to finish, over April–September.
    assert plan.cases.base == 2_000
    assert plan.cases.total == 615
    assert plan.cases.per_month == (103, 103, 103, 102, 102, 102)
    assert plan.money.total == 0  # 1.015 of 2.000 is above 40,1%
    year = Series("Long An", 2022, {ReportingPeriod(2022, 12): _pair(1_000, 1_015)})
    end = needed_per_month(year, Target("81.5", "40.1"))
    assert (end.cases.total, end.cases.per_month, end.cases.reachable) == (615, (), False)


def test_the_four_targets_of_the_national_2023_ledger() -> None:
    """Cases carried forward grew in 2023: 348.722 against the 299.096 carried over."""
    four = assess_four(NATIONAL_2023, AmountLedger(), Target("82.50", "45.50"))
    assert four.cases_rate is None  # có điều kiện is not in the rows used here
    assert four.cases_carried_forward.absolute == 348_722 - 299_096
    assert round_rate(four.cases_carried_forward.relative_percent, 2) == Decimal("16.59")
    assert not four.cases_reduced
    assert four.met == 0


def test_four_targets_with_a_reduction_target_and_last_year() -> None:
    now = (
        CaseLedger(carried_over=1_000, newly_accepted=1_000, completed=1_085, in_progress=915),
        AmountLedger(carried_over=100, newly_accepted=100, completed=103, in_progress=97),
    )
    last = (
        CaseLedger(carried_over=1_000, newly_accepted=1_000, completed=1_000, in_progress=1_000),
        AmountLedger(carried_over=100, newly_accepted=100, completed=100, in_progress=100),
    )
    four = assess_four(*now, Target("50", "50"), previous=last, reduce_cases=Decimal("8.5"))
    assert four.cases_carried_forward.relative_percent == Decimal("-8.5")  # giảm 8,5%
    assert four.cases_reduced  # exactly the 8,5% asked for
    assert four.money_reduced  # 97 against 100
    assert four.all_met
    strict = assess_four(*now, Target("50", "50"), previous=last, reduce_cases=Decimal("8.6"))
    assert not strict.cases_reduced
    with pytest.raises(ThadsError):
        assess_four(*now, Target("50", "50"), reduce_money=-1)


def test_attainment_is_the_rate_as_a_share_of_its_target() -> None:
    # Vĩnh Phúc, 11 months of 2021 (seed 000): 80,9% against 82,5%.
    assert round_rate(attainment(Decimal("80.9"), Decimal("82.5")), 2) == Decimal("98.06")
    with pytest.raises(ThadsError):
        attainment(50, 0)


def test_outlook_adds_the_seasonal_projection_when_earlier_years_are_given() -> None:
    last_year = Series("A", 2021, {ReportingPeriod(2021, m): _pair(100 * m, 60 * m + 5 * m * m)
                                   for m in range(1, 13)})  # fmt: skip
    this_year = Series("A", 2022, {ReportingPeriod(2022, m): _pair(100 * m, 70 * m)
                                   for m in range(1, 7)})  # fmt: skip
    target = Target("81.5", "40.1")
    plain = outlook(this_year, target)
    assert [(p.method, p.base) for p in plain.projections] == [
        ("pace", "current"),
        ("pace", "pace"),
    ]
    assert plain.needed == needed_per_month(this_year, target)
    seasonal = outlook(this_year, target, history=[last_year])
    assert [(p.method, p.base) for p in seasonal.projections][-1] == ("seasonal", "seasonal")
    assert seasonal.projections[-1].years == (2021,)


def test_outlook_leaves_out_a_seasonal_projection_it_cannot_make() -> None:
    """An earlier year that had finished nothing by January says nothing of a January."""
    last_year = Series("A", 2021, {ReportingPeriod(2021, 1): _pair(100, 0),
                                   ReportingPeriod(2021, 12): _pair(1_200, 800)})  # fmt: skip
    this_year = Series("A", 2022, {ReportingPeriod(2022, 1): _pair(100, 50)})
    target = Target(80, 40)
    view = outlook(this_year, target, history=[last_year])
    assert [(p.method, p.base) for p in view.projections] == [("pace", "current"), ("pace", "pace")]
    assert view.projections == outlook(this_year, target).projections
    assert view.needed == needed_per_month(this_year, target)
    assert not Profile.learn([last_year], "cases").projects(1)
    # A month the earlier year does not have says nothing either.
    march = Series("A", 2022, {ReportingPeriod(2022, 3): _pair(300, 150)})
    assert len(outlook(march, target, history=[last_year]).projections) == 2
    # From a month the earlier year had finished something by, the seasonal one is made.
    earlier = Series("A", 2020, {ReportingPeriod(2020, 1): _pair(100, 40),
                                 ReportingPeriod(2020, 12): _pair(1_200, 800)})  # fmt: skip
    made = outlook(this_year, target, history=[last_year, earlier])
    assert [p.method for p in made.projections] == ["pace", "pace", "seasonal"]
    assert made.projections[-1].years == (2020, 2021)
    # project() asked for the seasonal method still says why it cannot.
    with pytest.raises(LedgerError) as caught:
        project(this_year, method="seasonal", cases_profile=Profile.learn([last_year], "cases"),
                money_profile=Profile.learn([last_year], "money"))  # fmt: skip
    assert caught.value.code == "ledger.missing_period"
