"""A year month by month: flows add back, projections land on the year, plans reach targets."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thads_metrics.calendar import ReportingPeriod
from thads_metrics.cases import LedgerPair
from thads_metrics.errors import LedgerError
from thads_metrics.ledger import AmountLedger, CaseLedger
from thads_metrics.projection import Profile, needed_per_month, project
from thads_metrics.rates import completion_rate, required_to_reach
from thads_metrics.series import Series, flow_rows
from thads_metrics.targets import Target

_STOCKS = ("in_progress", "postponed", "suspended", "other", "without_conditions")


@st.composite
def _ledgers(draw: Any, money: bool, months: list[int], scale: int) -> list[Any]:
    """Cumulative ledgers of one year: flows never decrease, every identity holds.

    Every month accepts at least one case and finishes at least one, so that rates and
    profiles are defined without filtering examples out.
    """
    carried = draw(st.integers(0, 50)) * scale
    totals = dict.fromkeys(
        ("newly_accepted", "entrusted", "withdrawn", "completed", "terminated", "reduced"), 0
    )
    out = []
    for _ in months:
        totals["newly_accepted"] += draw(st.integers(1, 40)) * scale
        pool = carried + totals["newly_accepted"] - totals["entrusted"] - totals["withdrawn"]
        pool -= totals["completed"] + totals["terminated"] + totals["reduced"]
        for name in ("entrusted", "withdrawn", "completed", "terminated") + (
            ("reduced",) if money else ()
        ):
            least = 1 if name == "completed" and pool > 0 else 0
            step = draw(st.integers(least, max(least, pool // 4)))
            totals[name] += step
            pool -= step
        parts = [draw(st.integers(0, pool)) for _ in _STOCKS[:-1]]
        parts.sort()
        cuts = [0, *parts, pool]
        stocks = {name: cuts[i + 1] - cuts[i] for i, name in enumerate(_STOCKS)}
        rows = {name: value for name, value in totals.items() if money or name != "reduced"}
        cls = AmountLedger if money else CaseLedger
        out.append(cls(carried_over=carried, **rows, **stocks))
    return out


@st.composite
def series(draw: Any, full_year: bool = False, min_months: int = 1) -> Series:
    months = (
        list(range(1, 13))
        if full_year
        else sorted(draw(st.sets(st.integers(1, 12), min_size=min_months, max_size=12)))
    )
    cases = draw(_ledgers(False, months, 1))
    money = draw(_ledgers(True, months, 10**6))
    year = draw(st.integers(2016, 2030))
    return Series(
        "Đơn vị",
        year,
        [
            (ReportingPeriod(year, m), LedgerPair(c, a))
            for m, c, a in zip(months, cases, money, strict=True)
        ],
    )


@given(series())
def test_monthly_flows_add_back_to_the_cumulative_totals(s: Series) -> None:
    steps = s.steps()
    last = s.latest[1]
    for kind, ledger in (("cases", last.cases), ("money", last.amounts)):
        for row in flow_rows(ledger):
            added = sum(getattr(step, kind).flows[row] for step in steps)
            assert added == getattr(ledger, row), row
            assert all(getattr(step, kind).flows[row] >= 0 for step in steps)
        # Stock net changes add up to the last snapshot less the first.
        first = getattr(steps[0], kind).stocks
        for row, value in getattr(steps[-1], kind).stocks.items():
            moved = sum(getattr(step, kind).net.get(row, 0) for step in steps[1:])
            assert first[row] + moved == value
    assert sum(step.months for step in steps) == s.months[-1]


@given(series(min_months=2))
def test_a_decreasing_flow_is_refused_naming_the_row_and_both_months(s: Series) -> None:
    (p0, a), (p1, _) = s.points[-2], s.points[-1]
    # The later month repeats the earlier one but says one case fewer was newly accepted
    # (one more carried over, a stock: the ledger itself still balances).
    rows = {n: getattr(a.cases, n) for n in a.cases.STORED if a.cases.layout.has(n)}
    rows["newly_accepted"] -= 1
    rows["carried_over"] += 1
    broken = LedgerPair(CaseLedger(**rows), a.amounts)
    with pytest.raises(LedgerError) as caught:
        Series(s.unit, s.year, [*s.points[:-1], (p1, broken)])
    assert caught.value.code == "ledger.flow_decrease"
    assert caught.value.details["row"] == "newly_accepted"
    assert (caught.value.details["earlier"], caught.value.details["later"]) == (p0.label, p1.label)


@given(series(full_year=True), st.sampled_from(["current", "pace", "seasonal"]))
def test_the_projection_at_month_12_is_the_actual_rate(s: Series, base: str) -> None:
    year = s.latest[1]
    profiles = {
        "cases_profile": Profile.learn([s], "cases"),
        "money_profile": Profile.learn([s], "money"),
    }
    for method in ("pace", "seasonal"):
        p = project(s, method=method, base=base, **profiles)  # type: ignore[arg-type]
        for projected, ledger in ((p.cases, year.cases), (p.money, year.amounts)):
            assert projected.rate == completion_rate(ledger.finished, ledger.with_conditions)
            assert not projected.capped


@given(series(full_year=True), st.integers(1, 11))
def test_a_seasonal_projection_of_a_year_from_its_own_profile_is_exact(
    s: Series, month: int
) -> None:
    """Learned from the same year, the seasonal shares give back that year's end exactly."""
    year = s.latest[1]
    part = Series(s.unit, s.year, [pt for pt in s.points if pt[0].months <= month])
    p = project(
        part,
        method="seasonal",
        base="seasonal",
        cases_profile=Profile.learn([s], "cases"),
        money_profile=Profile.learn([s], "money"),
    )
    assert p.cases.rate == completion_rate(year.cases.finished, year.cases.with_conditions)
    assert p.money.rate == completion_rate(year.amounts.finished, year.amounts.with_conditions)


@given(
    series(),
    st.decimals(Decimal(0), Decimal(100), places=2),
    st.decimals(Decimal(0), Decimal(100), places=2),
    st.sampled_from(["current", "pace"]),
)
def test_what_is_needed_each_month_reaches_the_target_exactly(
    s: Series, cases_target: Decimal, money_target: Decimal, base: str
) -> None:
    plan = needed_per_month(s, Target(cases_target, money_target), base=base)  # type: ignore[arg-type]
    period, pair = s.latest
    for needed, ledger in ((plan.cases, pair.cases), (plan.money, pair.amounts)):
        assert needed.months_left == 12 - period.months
        assert len(needed.per_month) == needed.months_left
        assert sum(needed.per_month) == (needed.total if needed.months_left else 0)
        if needed.per_month:
            assert max(needed.per_month) - min(needed.per_month) <= 1
        # Met: finishing the plan reaches the target on the base; one less does not.
        if needed.base:
            reached = Fraction(needed.finished + needed.total, needed.base) * 100
            assert (
                reached >= Fraction(needed.target) or needed.finished + needed.total == needed.base
            )
            if needed.total:
                assert (
                    Fraction(needed.finished + needed.total - 1, needed.base) * 100 < needed.target
                )
        if base == "current" or period.months == 12:
            assert needed.base == ledger.with_conditions
            assert needed.total == required_to_reach(
                needed.target, ledger.finished, ledger.with_conditions
            )


def _idle_until(s: Series, months: int) -> Series:
    """``s`` with nothing finished in its first ``months`` months (what was finished is left
    in progress instead), the later months as they were."""
    finished = ("completed", "terminated", "reduced")

    def idle(ledger: Any) -> Any:
        rows = {name: getattr(ledger, name) for name in ledger.STORED}
        done = sum(rows.get(name, 0) for name in finished)
        rows.update({name: 0 for name in finished if name in rows})
        rows["in_progress"] += done
        return type(ledger)(**rows)

    return Series(
        s.unit,
        s.year,
        [
            (p, LedgerPair(idle(pair.cases), idle(pair.amounts)) if p.months <= months else pair)
            for p, pair in s.points
        ],
    )


@given(series(full_year=True), series(), st.integers(0, 12))
def test_outlook_gives_the_seasonal_projection_exactly_when_it_can_be_made(
    history: Series, current: Series, idle_months: int
) -> None:
    """An earlier year that finished nothing in its first months says nothing of them: the
    seasonal projection is left out there, never an error, and the others are still given."""
    from thads_metrics.projection import outlook

    earlier = _idle_until(history, idle_months)
    view = outlook(current, Target(80, 40), history=[earlier])
    month = current.latest[0].months
    assert [(p.method, p.base) for p in view.projections[:2]] == [
        ("pace", "current"),
        ("pace", "pace"),
    ]
    seasonal = [p for p in view.projections if p.method == "seasonal"]
    assert len(seasonal) == (1 if idle_months < month else 0)
