"""pandas frames of ledgers: layout, exactness, refusals."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import pytest

from thads_metrics import AmountLedger, CaseLedger, LedgerError, LedgerPair, ReportingPeriod
from thads_metrics.frames import add_rate_columns, from_frame, to_frame

P = ReportingPeriod(2023, 12)
NATIONAL_2023 = LedgerPair(
    CaseLedger(
        carried_over=299_096,
        newly_accepted=636_950,
        entrusted=12_004,
        withdrawn=501,
        completed=600_000,
        terminated=20_000,
        in_progress=114_000,
        without_conditions=189_541,
    ),
    AmountLedger(
        carried_over=300 * 10**12,
        newly_accepted=10**14,
        completed=8 * 10**13,
        reduced=10**12,
        in_progress=10**14,
        without_conditions=219 * 10**12,
    ),
)


def test_layout_and_derived_rows() -> None:
    df = to_frame({("Toàn quốc", P): NATIONAL_2023})
    assert list(df["kind"]) == ["viec", "tien"]
    row = df.iloc[0]
    assert row["accepted"] == 936_046
    assert row["to_enforce"] == 923_541
    assert row["reduced"] == 0
    assert str(df["to_enforce"].dtype) == "int64"


def test_huge_amounts_stay_exact_python_ints() -> None:
    big = LedgerPair(CaseLedger(), AmountLedger(newly_accepted=10**20 + 1, completed=10**20 + 1))
    df = to_frame({("A", P): big})
    assert df["completed"].dtype == object
    assert df.iloc[1]["completed"] == 10**20 + 1
    assert from_frame(df)[("A", P)] == big
    rates = add_rate_columns(df)
    assert rates.iloc[1]["completion_rate"] == Decimal("100.00")
    assert rates.iloc[0]["completion_rate"] is None


def test_rate_columns_match_the_rates_module() -> None:
    df = add_rate_columns(to_frame({("Toàn quốc", P): NATIONAL_2023}))
    cases, money = NATIONAL_2023
    from thads_metrics import round_rate

    assert df.iloc[0]["completion_rate"] == round_rate(cases.completion_rate(), 2)
    assert df.iloc[1]["completion_rate"] == round_rate(money.completion_rate(), 2)
    assert df.iloc[0]["conditions_share"] == round_rate(cases.conditions_share(), 2)
    without_reduced = add_rate_columns(to_frame({("x", P): NATIONAL_2023}), count_reduced=False)
    assert without_reduced.iloc[1]["completion_rate"] == round_rate(
        money.completion_rate(count_reduced=False), 2
    )


def test_single_keys() -> None:
    df = to_frame({"A": NATIONAL_2023}, key_names=("unit",))
    assert from_frame(df, key_names=("unit",)) == {"A": NATIONAL_2023}


def test_float_columns_are_refused() -> None:
    df = to_frame({("A", P): NATIONAL_2023})
    df["completed"] = df["completed"].astype(float)
    with pytest.raises(LedgerError, match="floats"):
        from_frame(df)


def test_contradicting_derived_column_is_refused() -> None:
    df = to_frame({("A", P): NATIONAL_2023})
    df.loc[0, "to_enforce"] = 1
    with pytest.raises(LedgerError, match="to_enforce"):
        from_frame(df)


def test_missing_kind_row_is_refused() -> None:
    df = to_frame({("A", P): NATIONAL_2023}).iloc[:1]
    with pytest.raises(LedgerError, match="one viec and one tien"):
        from_frame(df)


def test_missing_columns_and_unknown_rows() -> None:
    with pytest.raises(LedgerError, match="lacks"):
        from_frame(pd.DataFrame({"unit": ["A"]}))
    partial = LedgerPair(CaseLedger.from_totals(to_enforce=5), AmountLedger())
    with pytest.raises(LedgerError, match="does not know"):
        to_frame({("A", P): partial})


def test_rates_near_the_int64_limit_stay_exact() -> None:
    # 45.887.423.068.929.233 × 200 + itself overflows int64 by a hair.
    amount = 45_887_423_068_929_233
    pair = LedgerPair(CaseLedger(), AmountLedger(newly_accepted=amount, reduced=amount))
    rates = add_rate_columns(to_frame({("A", P): pair}), 0)
    assert rates.iloc[1]["completion_rate"] == Decimal("100")
    assert rates.iloc[1]["conditions_share"] == Decimal("100")


def test_float_and_negative_columns_refused_by_rates() -> None:
    df = to_frame({("A", P): NATIONAL_2023})
    with pytest.raises(LedgerError, match="float"):
        add_rate_columns(df.astype({"completed": float}))
    df.loc[0, "other"] = -1
    with pytest.raises(LedgerError, match="negative"):
        add_rate_columns(df)
