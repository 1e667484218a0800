"""JSON of ledgers, periods and targets: examples and refusals."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from thads_metrics import (
    AmountLedger,
    CaseLedger,
    LedgerError,
    ParseError,
    PeriodError,
    ReportingPeriod,
    Target,
    ThadsError,
    national_target,
)
from thads_metrics.serialize import dumps, from_data, loads, to_data

NATIONAL_2023 = CaseLedger(
    carried_over=299_096,
    newly_accepted=636_950,
    entrusted=12_004,
    withdrawn=501,
    completed=560_000,
    terminated=20_000,
    in_progress=154_000,
    without_conditions=189_541,
)


def test_ledger_json_shows_rows_and_derived_rows() -> None:
    data = json.loads(dumps(NATIONAL_2023))
    assert data["type"] == "CaseLedger"
    assert data["rows"]["carried_over"] == 299_096
    assert data["derived"]["accepted"] == 936_046
    assert data["derived"]["to_enforce"] == 923_541
    assert "unknown" not in data
    assert loads(dumps(NATIONAL_2023)) == NATIONAL_2023


def test_big_amounts_are_exact() -> None:
    ledger = AmountLedger(newly_accepted=10**20 + 7, completed=10**20 + 7)
    data = json.loads(dumps(ledger))
    assert data["rows"]["completed"] == 10**20 + 7
    assert loads(dumps(ledger)) == ledger


def test_target_percentages_are_strings() -> None:
    target = national_target(2022)
    data = to_data(target)
    assert data["cases"] == "81.50"
    assert data["money"] == "40.10"
    assert loads(dumps(target)) == target
    assert loads(dumps(target)).cases == Decimal("81.50")


def test_float_where_an_int_is_due_is_refused() -> None:
    with pytest.raises(LedgerError, match="completed"):
        loads('{"type": "CaseLedger", "rows": {"newly_accepted": 1, "completed": 1.0}}')


def test_float_target_is_refused() -> None:
    with pytest.raises(ParseError, match="decimal string"):
        loads('{"type": "Target", "cases": 81.5, "money": "40.1"}')


def test_contradicting_derived_rows_are_refused() -> None:
    data = to_data(NATIONAL_2023)
    data["derived"]["to_enforce"] = 923_542
    with pytest.raises(LedgerError, match="to_enforce"):
        from_data(data)


def test_broken_identity_is_refused() -> None:
    data = to_data(NATIONAL_2023)
    data["rows"]["completed"] += 1
    del data["derived"]
    with pytest.raises(LedgerError, match="do not add up"):
        from_data(data)


@pytest.mark.parametrize(
    "text",
    [
        "[1, 2]",
        '{"type": "Nope"}',
        '{"year": 2021}',
        '{"type": "CaseLedger"}',
        '{"type": "CaseLedger", "rows": {"accepted": 5}}',
        '{"type": "CaseLedger", "rows": {}, "unknown": "completed"}',
        '{"type": "TargetBook", "entries": 5}',
        "not json",
    ],
)
def test_malformed_json_raises_thads_errors(text: str) -> None:
    with pytest.raises(ThadsError):
        loads(text)


def test_period_json_checks_the_period() -> None:
    assert loads(dumps(ReportingPeriod(2021, 11))) == ReportingPeriod(2021, 11)
    with pytest.raises(PeriodError):
        loads('{"type": "ReportingPeriod", "year": 2021, "months": 13}')


def test_target_with_basis_round_trips() -> None:
    target = Target("73", "32", "Đồng Nai, năm 2020", inferred=True)
    assert loads(dumps(target, indent=2)) == target
