"""The figures model: every figure of a report computed once, with one rounding policy."""

from __future__ import annotations

from decimal import Decimal

import pytest

from thads_metrics import AmountLedger, CaseLedger, ReportingPeriod
from thads_metrics.errors import LedgerError, PeriodError, RateError, ReportError
from thads_metrics.figures import CHANGED_ROWS, figures
from thads_metrics.rates import completion_rate, pace, required_to_reach, round_rate

D = Decimal
# TP.HCM, 6 tháng 2019 (plo.vn): 26.515 / 54.681 = 48,49%; target 73% → vượt tiến độ 11,99.
HCM = CaseLedger.from_totals(to_enforce=78_593, with_conditions=54_681, finished=26_515)
H1_2019 = ReportingPeriod(2019, 6)


def test_printed_policy_reproduces_the_published_paragraph() -> None:
    f = figures(HCM, H1_2019, target=73)
    assert (f.rate, f.share, f.prorated) == (D("48.49"), D("69.57"), D("36.50"))
    assert f.pace is not None
    assert f.pace.points == D("11.99")
    assert f.pace.met
    assert f.gap is not None
    assert f.gap.points == D("-24.51")
    assert f.remaining == D("24.51")
    assert f.required == required_to_reach(73, 26_515, 54_681) == 13_403
    assert f.rate_exact == completion_rate(26_515, 54_681)


def test_exact_policy_rounds_nothing() -> None:
    f = figures(HCM, H1_2019, target=73, rounding="exact")
    assert f.rate == completion_rate(26_515, 54_681)
    assert f.pace == pace(completion_rate(26_515, 54_681), 73, H1_2019)
    assert round_rate(f.pace.points, 2) == D("11.99")


def test_printed_gap_uses_the_printed_rate() -> None:
    # 84,245% prints as 84,25%, which meets 84,25 "on paper" though the exact rate does not.
    ledger = CaseLedger(newly_accepted=100_000, completed=84_245, in_progress=15_755)
    printed = figures(ledger, ReportingPeriod(2025, 12), target=D("84.25"))
    exact = figures(ledger, ReportingPeriod(2025, 12), target=D("84.25"), rounding="exact")
    assert printed.gap is not None
    assert exact.gap is not None
    assert (printed.gap.met, printed.required) == (True, 0)
    assert (exact.gap.met, exact.required) == (False, 5)


def test_unknown_rows_give_none_or_raise_when_strict() -> None:
    partial = CaseLedger.from_totals(to_enforce=100)
    f = figures(partial, H1_2019, target=80)
    assert (f.rate, f.share, f.gap, f.required) == (None, None, None, None)
    with pytest.raises(LedgerError, match="not known") as info:
        figures(partial, H1_2019, target=80, strict=True)
    assert info.value.code == "ledger.unknown_value"


def test_strict_raises_for_every_figure_that_cannot_be_computed() -> None:
    # TP.HCM, 6 tháng 2019 as plo.vn gives the rate: 26.515 finished of 54.681 có điều
    # kiện; without to_enforce the share cannot be computed, strict or not.
    rate_only = CaseLedger.from_totals(with_conditions=54_681, finished=26_515)
    lenient = figures(rate_only, H1_2019, target=73)
    assert (lenient.rate, lenient.share, dict(lenient.shares)) == (D("48.49"), None, {})
    with pytest.raises(LedgerError) as info:
        figures(rate_only, H1_2019, target=73, strict=True)
    assert info.value.code == "ledger.unknown_value"
    assert info.value.details["row"] == "to_enforce"
    # the shares of a layout: the stayed bucket not published
    national_2022 = CaseLedger.from_totals(
        to_enforce=861_529, with_conditions=653_719, finished=539_290, layout="tt06-2019"
    )
    assert set(figures(national_2022, ReportingPeriod(2022, 12)).shares) == {"with_conditions"}
    with pytest.raises(LedgerError) as info:
        figures(national_2022, ReportingPeriod(2022, 12), strict=True)
    assert info.value.details["row"] == "stayed"
    # the changes and the rate change against a previous ledger that does not know them
    assert figures(HCM, H1_2019, previous=rate_only).changes.keys() == {
        "with_conditions",
        "finished",
    }
    with pytest.raises(LedgerError) as info:
        figures(HCM, H1_2019, previous=rate_only, strict=True)
    assert info.value.details["row"] == "to_enforce"
    empty_before = CaseLedger(newly_accepted=5, without_conditions=5)
    assert figures(HCM, H1_2019, previous=empty_before).rate_change is None
    with pytest.raises(RateError) as rate_info:
        figures(HCM, H1_2019, previous=empty_before, strict=True)
    assert rate_info.value.code == "rate.empty_base"
    full = figures(HCM, H1_2019, previous=HCM, target=73, strict=True)
    assert (full.share, full.rate_change) == (D("69.57"), D("0"))


def test_an_empty_base_gives_none_or_the_caller_s_value() -> None:
    empty = CaseLedger(newly_accepted=5, without_conditions=5)
    assert figures(empty, H1_2019).rate is None
    assert figures(empty, H1_2019, empty=0).rate == 0
    with pytest.raises(RateError) as info:
        figures(empty, H1_2019, strict=True)
    assert info.value.code == "rate.empty_base"


def test_changes_against_the_same_period() -> None:
    now = CaseLedger(newly_accepted=120, completed=60, in_progress=30, without_conditions=30)
    before = CaseLedger(newly_accepted=100, completed=40, in_progress=40, without_conditions=20)
    f = figures(now, ReportingPeriod(2025, 12), previous=before)
    assert set(f.changes) == set(CHANGED_ROWS)
    assert f.changes["to_enforce"].absolute == 20
    assert f.changes["to_enforce"].relative_percent == 20
    assert f.rate_change == D("66.67") - D("50.00")  # 60 / 90 against 40 / 80, as printed
    with pytest.raises(TypeError):
        f.changes["x"] = f.changes["finished"]  # type: ignore[index]
    grown = figures(now, ReportingPeriod(2025, 12), previous=CaseLedger())
    assert dict(grown.new_rows) == {name: getattr(now, name) for name in CHANGED_ROWS}


def test_money_without_reductions() -> None:
    money = AmountLedger(newly_accepted=8, completed=2, reduced=2, in_progress=4)
    assert figures(money, H1_2019).rate == D("50.00")
    assert figures(money, H1_2019, count_reduced=False).rate == D("25.00")


def test_a_rounding_too_long_to_print_is_still_a_report_error() -> None:
    with pytest.raises(ReportError, match="got <int of 5001 digits>") as info:
        figures(HCM, H1_2019, rounding=10**5000)  # type: ignore[arg-type]
    assert info.value.details == {"argument": "rounding", "value": "<int of 5001 digits>"}


def test_bad_arguments_raise_typed_errors_with_codes() -> None:
    ledger = CaseLedger()
    cases = [
        (lambda: figures("x", H1_2019), ReportError, "report.type"),  # type: ignore[arg-type]
        (lambda: figures(ledger, 2019), PeriodError, "period.type"),  # type: ignore[arg-type]
        (lambda: figures(ledger, H1_2019, rounding="up"), ReportError, "report.type"),  # type: ignore[arg-type]
        (lambda: figures(ledger, H1_2019, places=500), RateError, "rate.range"),
        (lambda: figures(ledger, H1_2019, target=101), RateError, "rate.range"),
        (lambda: figures(ledger, H1_2019, target=0.5), RateError, "rate.type"),  # type: ignore[arg-type]
        (lambda: figures(ledger, H1_2019, strict="no"), RateError, "rate.type"),  # type: ignore[arg-type]
        (lambda: figures(ledger, H1_2019, previous=AmountLedger()), ReportError, "report.type"),  # type: ignore[arg-type]
    ]
    for call, error, code in cases:
        with pytest.raises(error) as info:
            call()
        assert info.value.code == code


@pytest.mark.parametrize(
    ("empty", "code"), [(-5, "rate.range"), (101, "rate.range"), (0.5, "rate.type")]
)
def test_empty_is_checked_even_when_no_rate_is_computed(empty: object, code: str) -> None:
    # Rows unknown: no rate is computed, and still a value no rate can take is refused.
    unknown = CaseLedger.from_totals(to_enforce=100)
    with pytest.raises(RateError) as info:
        figures(unknown, H1_2019, empty=empty)  # type: ignore[arg-type]
    assert (info.value.code, info.value.details["argument"]) == (code, "empty")
