"""The public API contract of DESIGN.md: names other systems code against stay put."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest

import thads_metrics as t

CONTRACT = [
    "EnforcementYear",
    "ReportingPeriod",
    "Quarter",
    "parse_period",
    "CaseLedger",
    "AmountLedger",
    "LedgerError",
    "completion_rate",
    "conditions_share",
    "round_rate",
    "compare_to_target",
    "TargetGap",
    "remaining_to_target",
    "pace",
    "required_to_reach",
    "change",
    "Change",
    "rate_change",
    "RateError",
    "Target",
    "national_target",
    "TargetBook",
    "Status",
    "Condition",
    "CaseFacts",
    "classify",
    "Classification",
    "ClassificationError",
    "CaseRecord",
    "aggregate",
    "format_number",
    "format_percent",
    "format_points",
    "format_count",
    "format_dong",
    "approximate",
    "amount_in_words",
    "parse_number",
    "parse_percent",
    "parse_dong",
    "ThadsError",
    "PeriodError",
    "ParseError",
]


@pytest.mark.parametrize("name", CONTRACT)
def test_contract_name_is_exported(name: str) -> None:
    assert name in t.__all__
    assert getattr(t, name) is not None


def test_every_exported_name_exists() -> None:
    missing = [name for name in t.__all__ if not hasattr(t, name)]
    assert missing == []


def test_contract_calendar_members() -> None:
    y = t.EnforcementYear(2021)
    assert (y.year, y.start, y.end, y.label) == (
        2021,
        date(2020, 10, 1),
        date(2021, 9, 30),
        "năm 2021",
    )
    assert t.EnforcementYear.of(date(2021, 1, 1)) == y
    assert y.period(11) == t.ReportingPeriod(2021, 11)
    assert y.quarter(2) == t.Quarter(2021, 2)
    assert len(y.quarters()) == 4
    assert (y.previous().year, y.next().year) == (2020, 2022)
    p = t.ReportingPeriod(2021, 11)
    assert p.enforcement_year == y
    assert p.same_period_last_year() == t.ReportingPeriod(2020, 11)
    assert p.elapsed_fraction == Fraction(11, 12)
    assert t.Quarter.of(date(2022, 2, 1)).label == "Quý II/2022"


def test_contract_ledger_members() -> None:
    ledger = t.CaseLedger(newly_accepted=3, completed=1, in_progress=1, without_conditions=1)
    for name in (
        "accepted",
        "to_enforce",
        "with_conditions",
        "finished",
        "carried_forward",
        "carried_forward_with_conditions",
    ):
        assert isinstance(getattr(ledger, name), int)
    assert sum([ledger, ledger], start=t.CaseLedger()) == ledger + ledger
    assert ledger.roll_forward().carried_over == ledger.carried_forward
    assert ledger.completion_rate() == Decimal(50)
    pair = t.aggregate(
        [
            t.CaseRecord(
                unit="A",
                period=t.ReportingPeriod(2025, 12),
                origin=t.Origin.NEW,
                status=t.Status.COMPLETED,
                amount_due=5,
                amount_finished=5,
            )
        ],
        by=("unit",),
    )[("A",)]
    cases, amounts = pair
    assert (cases.finished, amounts.finished) == (1, 5)


def test_contract_rates() -> None:
    gap = t.compare_to_target(Decimal("84.25"), Decimal("83.90"))
    assert (gap.points, gap.met) == (Decimal("0.35"), True)
    assert t.completion_rate(0, 0, empty=0) == 0
    assert t.change(1200, 1000) == t.Change(200, Decimal(20))
    assert t.rate_change(Decimal("81.41"), 80) == Decimal("1.41")


def test_the_lazy_export_table_is_the_typed_imports_and_all() -> None:
    """``_EXPORTS`` (what ``__getattr__`` imports) says what the ``TYPE_CHECKING`` imports
    say, and every name of ``__all__`` but the version comes from it."""
    import ast
    from pathlib import Path

    import thads_metrics

    source = Path(thads_metrics.__file__).read_text(encoding="utf-8")
    typed: dict[str, tuple[str, ...]] = {}
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.If) and getattr(node.test, "id", "") == "TYPE_CHECKING":
            for statement in node.body:
                assert isinstance(statement, ast.ImportFrom)
                assert statement.module is not None
                typed[statement.module] = tuple(alias.name for alias in statement.names)
    assert typed == thads_metrics._EXPORTS
    names = {name for names in typed.values() for name in names}
    assert names == set(thads_metrics.__all__) - {"__version__"}


def test_importing_the_package_loads_no_module_until_a_name_is_used() -> None:
    import subprocess
    import sys

    code = (
        "import sys, thads_metrics\n"
        "before = sorted(m for m in sys.modules if m.startswith('thads_metrics.'))\n"
        "thads_metrics.ReportingPeriod\n"
        "after = 'thads_metrics.calendar' in sys.modules\n"
        "print(before, after, hasattr(thads_metrics, 'report'), 'aggregate' in dir(thads_metrics))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["[]", "True", "True", "True"]
    import thads_metrics

    with pytest.raises(AttributeError, match="no_such_name"):
        _ = thads_metrics.no_such_name  # type: ignore[attr-defined]
