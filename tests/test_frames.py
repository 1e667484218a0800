"""pandas frames of ledgers: layout, exactness, refusals."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

from thads_metrics import (
    AmountLedger,
    CaseLedger,
    LedgerError,
    LedgerPair,
    ReportingPeriod,
    round_rate,
)
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


@pytest.mark.parametrize("value", [-5, np.int64(-5)])
def test_negative_values_in_object_columns_are_refused_by_rates(value: object) -> None:
    df = to_frame({("A", P): NATIONAL_2023}).astype({"other": object})
    df.loc[1, "other"] = value
    with pytest.raises(LedgerError, match=r"column other, row 1: -5 is negative"):
        add_rate_columns(df)


def test_negative_values_in_int_columns_name_the_row() -> None:
    df = to_frame({("A", P): NATIONAL_2023, ("B", P): NATIONAL_2023})
    df.loc[2, "completed"] = -7
    with pytest.raises(LedgerError, match=r"column completed, row 2: -7 is negative"):
        add_rate_columns(df)


def test_huge_negative_values_are_refused_by_rates() -> None:
    big = LedgerPair(CaseLedger(), AmountLedger(newly_accepted=10**20, completed=10**20))
    df = to_frame({("A", P): big})
    df.loc[0, "completed"] = -(10**20)
    with pytest.raises(LedgerError, match="negative"):
        add_rate_columns(df)


def test_unsigned_columns_stay_exact() -> None:
    # uint64 mixed with int64 would be computed in float64: 12.5 % rounds to 12, not 13.
    m = 3_611_087_814_456_242
    pair = LedgerPair(
        CaseLedger(), AmountLedger(newly_accepted=8 * m, completed=m, in_progress=7 * m)
    )
    df = to_frame({("A", P): pair}).astype({"completed": np.uint64})
    assert add_rate_columns(df, 0).iloc[1]["completion_rate"] == Decimal("13")
    huge = df.astype({"in_progress": np.uint64, "newly_accepted": object})
    huge.loc[1, "in_progress"] = np.uint64(2**64 - 1)
    huge.loc[1, "newly_accepted"] = m + 2**64 - 1  # the rows still balance
    rate = add_rate_columns(huge, 0).iloc[1]["completion_rate"]
    assert rate == round_rate(
        AmountLedger(
            newly_accepted=m + 2**64 - 1, completed=m, in_progress=2**64 - 1
        ).completion_rate(),
        0,
    )


def test_rates_are_refused_on_rows_that_do_not_balance() -> None:
    pair = LedgerPair(CaseLedger(newly_accepted=100, completed=50, in_progress=50), AmountLedger())
    df = to_frame({("A", P): pair})
    df.loc[0, "newly_accepted"] = 1  # 1 accepted, 100 classified
    with pytest.raises(LedgerError, match=r"row 0: rows do not add up: to_enforce \(1\)") as info:
        add_rate_columns(df)
    assert info.value.code == "ledger.identity"
    partial = df.drop(columns=["newly_accepted", "carried_over"])  # no intake: nothing to check
    assert add_rate_columns(partial).iloc[0]["completion_rate"] == Decimal(50)


def test_narrow_int_columns_do_not_wrap_around() -> None:
    pair = LedgerPair(
        CaseLedger(newly_accepted=2_000_000, completed=1_000_001, in_progress=999_999),
        AmountLedger(newly_accepted=2_000_000, completed=1_000_001, in_progress=999_999),
    )
    df = to_frame({("A", P): pair})
    narrow = df.astype({name: np.int32 for name in AmountLedger.ROWS if name in df.columns})
    rates = add_rate_columns(narrow, 4)
    assert rates["completion_rate"].tolist() == [Decimal("50.0001")] * 2


@pytest.mark.parametrize(
    ("spellings", "expected"),
    [
        (("viec", "tien"), None),
        (("việc", "tiền"), None),
        (("VIỆC", "Tiền"), None),
        (("vie\u0323\u0302c", "tie\u0302\u0300n"), None),  # decomposed (NFD) Vietnamese
        ((" Viec ", "TIEN"), None),
        (("viec", "money"), "'money' is not"),
        (("vie", "tien"), "'vie' is not"),
        (("viec", None), "None is not"),
        (("viec", 1), "1 is not"),
        (("việc", "VIEC"), "a second viec row"),
        (("TIỀN", "tien"), "a second tien row"),
    ],
)
def test_kind_spellings(spellings: tuple[object, object], expected: str | None) -> None:
    # the same figures in both ledgers (and no money-only derived column), so that only
    # the kind decides what is refused
    pair = LedgerPair(
        CaseLedger(newly_accepted=3, completed=2, in_progress=1),
        AmountLedger(newly_accepted=3, completed=2, in_progress=1),
    )
    df = to_frame({("A", P): pair}).drop(columns=["finished_excluding_reduced"])
    df["kind"] = pd.Series(spellings, dtype=object)
    if expected is None:
        assert from_frame(df) == {("A", P): pair}
    else:
        with pytest.raises(LedgerError, match=expected):
            from_frame(df)


@pytest.mark.parametrize("places", [0, 2, 27, 28])
def test_rate_columns_at_any_precision_equal_round_rate(places: int) -> None:
    import decimal

    from thads_metrics import round_rate

    pair = LedgerPair(CaseLedger(newly_accepted=3, completed=2, in_progress=1), AmountLedger())
    with decimal.localcontext(decimal.Context(prec=5)):  # the caller's context must not matter
        rates = add_rate_columns(to_frame({("A", P): pair}), places)
    assert rates.iloc[0]["completion_rate"] == round_rate(pair.cases.completion_rate(), places)


# --------------------------------------------------------------------------- arguments and codes


@pytest.mark.parametrize("bad", [None, 5, "A", [1, 2], pd.Series([1])])
def test_to_frame_needs_a_mapping(bad: object) -> None:
    # Before the redesign: AttributeError ('NoneType' object has no attribute 'items').
    with pytest.raises(LedgerError, match="ledgers must be a mapping") as info:
        to_frame(bad)  # type: ignore[arg-type]
    assert (info.value.code, info.value.details["argument"]) == ("ledger.type", "ledgers")


@pytest.mark.parametrize("bad", [None, 5, {"unit": ["A"]}, [["A"]]])
def test_from_frame_and_add_rate_columns_need_a_data_frame(bad: object) -> None:
    # Before the redesign: AttributeError (no attribute 'columns' / 'copy').
    for call in (from_frame, add_rate_columns):
        with pytest.raises(LedgerError, match="frame must be a pandas DataFrame") as info:
            call(bad)  # type: ignore[arg-type]
        assert (info.value.code, info.value.details["argument"]) == ("ledger.type", "frame")


@pytest.mark.parametrize("flag", ["no", 0, None])
def test_count_reduced_is_a_flag_not_a_truth_value(flag: object) -> None:
    df = to_frame({("A", P): NATIONAL_2023})
    with pytest.raises(LedgerError, match="count_reduced must be True or False") as info:
        add_rate_columns(df, count_reduced=flag)  # type: ignore[arg-type]
    assert info.value.code == "ledger.type"


@pytest.mark.parametrize(
    ("places", "code"),
    [(29, "ledger.range"), (-1, "ledger.range"), (2.0, "ledger.type"), (True, "ledger.type")],
)
def test_places_is_checked(places: object, code: str) -> None:
    df = to_frame({("A", P): NATIONAL_2023})
    with pytest.raises(LedgerError, match="places") as info:
        add_rate_columns(df, places)  # type: ignore[arg-type]
    assert (info.value.code, info.value.details["argument"]) == (code, "places")


@pytest.mark.parametrize(
    "key_names", [None, "unit", ("unit", "unit"), ("unit", "kind"), ("unit", "completed"), (1, 2)]
)
def test_key_names_are_checked(key_names: object) -> None:
    table = {("A", P): NATIONAL_2023}
    df = to_frame(table)
    for call in (lambda: to_frame(table, key_names), lambda: from_frame(df, key_names)):
        with pytest.raises(LedgerError, match="key_names") as info:
            call()  # type: ignore[arg-type]
        assert info.value.code in ("ledger.type", "ledger.column")
        assert info.value.details["argument"] == "key_names"


def test_no_key_columns_round_trip() -> None:
    # Before the redesign from_frame(df, ()) failed with IndexError.
    df = to_frame({(): NATIONAL_2023}, ())
    assert from_frame(df, ()) == {(): NATIONAL_2023}


def test_repeated_columns_are_refused() -> None:
    df = to_frame({("A", P): NATIONAL_2023})
    doubled = pd.concat([df, df[["completed"]]], axis=1)
    for call in (from_frame, add_rate_columns):
        with pytest.raises(LedgerError, match="'completed' more than once") as info:
            call(doubled)
        assert info.value.code == "ledger.column"


@pytest.mark.parametrize(
    ("change", "code"),
    [
        (lambda df: df.drop(columns=["kind"]), "ledger.column"),
        (lambda df: df.assign(completed=df["completed"].astype(float)), "ledger.type"),
        (lambda df: df.assign(kind=["viec", "viec"]), "ledger.duplicate_row"),
        (lambda df: df.iloc[:1], "ledger.missing_row"),
        (lambda df: df.assign(finished=df["finished"] + 1), "ledger.derived_mismatch"),
        (lambda df: df.assign(kind=["viec", "money"]), "ledger.choice"),
        (lambda df: df.assign(kind=["viec", 5]), "ledger.type"),
        (lambda df: df.assign(reduced=[1, 0]), "ledger.money_only"),
        (lambda df: df.assign(completed=pd.Series([True, 2], dtype=object)), "ledger.type"),
    ],
)
def test_from_frame_errors_carry_a_code(change: object, code: str) -> None:
    same = LedgerPair(  # the same figures in both ledgers: only the change is refused
        CaseLedger(newly_accepted=3, completed=2, in_progress=1),
        AmountLedger(newly_accepted=3, completed=2, in_progress=1),
    )
    df = to_frame({("A", P): same}).drop(columns=["finished_excluding_reduced"])
    with pytest.raises(LedgerError) as info:
        from_frame(change(df))  # type: ignore[operator]
    assert info.value.code == code


def test_to_frame_errors_carry_a_code() -> None:
    with pytest.raises(LedgerError) as info:
        to_frame({("A", P, 1): NATIONAL_2023})
    assert info.value.code == "ledger.key"
    with pytest.raises(LedgerError) as info:
        to_frame({("A", P): CaseLedger()})  # type: ignore[dict-item]
    assert info.value.code == "ledger.type"
    partial = LedgerPair(CaseLedger.from_totals(to_enforce=5, with_conditions=3), AmountLedger())
    with pytest.raises(LedgerError) as info:
        to_frame({("A", P): partial})
    assert info.value.code == "ledger.unknown_value"


def test_rate_column_errors_carry_a_code() -> None:
    df = to_frame({("A", P): NATIONAL_2023})
    with pytest.raises(LedgerError) as info:
        add_rate_columns(df.assign(other=[-1, 0]))
    assert (info.value.code, info.value.details["column"]) == ("ledger.range", "other")
    with pytest.raises(LedgerError) as info:
        add_rate_columns(df.assign(other=[0.5, 0.0]))
    assert info.value.code == "ledger.type"
