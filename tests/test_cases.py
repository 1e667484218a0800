"""Example tests of case records and their aggregation (tổng hợp số liệu từ từng việc)."""

from __future__ import annotations

import gc
import pickle
import weakref
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest

from thads_metrics.calendar import Quarter, ReportingPeriod
from thads_metrics.cases import Aggregation, CaseRecord, LedgerPair, Origin, aggregate
from thads_metrics.classification import Status
from thads_metrics.errors import LedgerError, PeriodError
from thads_metrics.ledger import AmountLedger, CaseLedger
from thads_metrics.ledger.layouts import TT01_2013, TT06_2019
from thads_metrics.rates import round_rate

TY = 10**9
P2019_6 = ReportingPeriod(2019, 6)
P2022 = ReportingPeriod(2022, 12)


def record(**overrides: Any) -> CaseRecord:
    base: dict[str, Any] = {
        "unit": "Long An",
        "period": P2022,
        "origin": Origin.NEW,
        "status": Status.IN_PROGRESS,
    }
    base.update(overrides)
    return CaseRecord(**base)


# --------------------------------------------------------------------------- published figures


def test_tp_hcm_6_months_2019_rate_from_case_records() -> None:
    # plo.vn: 26.515 việc xong of 54.681 có điều kiện → 48,49%.
    def records() -> Iterator[CaseRecord]:
        for i in range(54_681):
            if i < 25_000:
                status = Status.COMPLETED
            elif i < 26_515:
                status = Status.TERMINATED
            else:
                status = Status.IN_PROGRESS if i % 3 else Status.POSTPONED
            origin = Origin.CARRIED_OVER if i % 2 else Origin.NEW
            yield CaseRecord(unit="TP.HCM", period=P2019_6, origin=origin, status=status)
        for _ in range(1_000):
            yield CaseRecord(
                unit="TP.HCM",
                period=P2019_6,
                origin=Origin.NEW,
                status=Status.WITHOUT_CONDITIONS,
            )
        yield CaseRecord(unit="TP.HCM", period=P2019_6, origin=Origin.NEW, entrusted=True)

    cases, _ = aggregate(records(), by="unit")["TP.HCM"]
    assert cases.finished == 26_515
    assert cases.with_conditions == 54_681
    assert cases.accepted == 54_681 + 1_000 + 1
    assert round_rate(cases.completion_rate(), 2) == Decimal("48.49")


def test_long_an_2022_carried_forward_from_case_records() -> None:
    # Seed article: 12.345 việc chuyển kỳ sau, 5.409 có điều kiện;
    # 6.112 tỷ đồng chuyển kỳ sau, 1.719 tỷ có điều kiện.
    with_conditions_money = [1_719 * TY // 5_409] * 5_409
    with_conditions_money[0] += 1_719 * TY - sum(with_conditions_money)
    without_money = [4_393 * TY // 6_936] * 6_936
    without_money[0] += 4_393 * TY - sum(without_money)
    records = [
        record(status=Status.IN_PROGRESS, amount_due=due, amount_finished=due // 10)
        for due in with_conditions_money
    ]
    finished_part = sum(due // 10 for due in with_conditions_money)
    records += [record(status=Status.WITHOUT_CONDITIONS, amount_due=due) for due in without_money]
    records += [record(status=Status.COMPLETED, amount_due=TY, amount_finished=TY)] * 100

    cases, money = aggregate(records)[("Long An", P2022)]
    assert (cases.carried_forward, cases.carried_forward_with_conditions) == (12_345, 5_409)
    assert money.carried_forward == 6_112 * TY - finished_part
    assert money.carried_forward_with_conditions == 1_719 * TY - finished_part
    assert money.completed == 100 * TY + finished_part
    opening = cases.roll_forward()
    assert opening.carried_over == 12_345
    assert opening.without_conditions == 6_936


# --------------------------------------------------------------------------- one record


def test_a_record_counts_once_in_its_origin_and_once_in_its_row() -> None:
    r = record(
        origin=Origin.CARRIED_OVER,
        status=Status.TERMINATED,
        amount_due=100,
        amount_finished=30,
        amount_reduced=20,
    )
    cases, money = r.ledgers()  # 2022: the forms of Thông tư 06/2019
    assert cases == CaseLedger(carried_over=1, terminated=1, layout=TT06_2019)
    assert money == AmountLedger(
        carried_over=100, completed=30, reduced=20, terminated=50, layout=TT06_2019
    )
    assert r.ledgers(layout=TT01_2013).cases == CaseLedger(carried_over=1, terminated=1)
    assert money.finished == 100


def test_an_entrusted_or_withdrawn_record_takes_its_amount_away() -> None:
    for flag in ("entrusted", "withdrawn"):
        cases, money = record(status=None, amount_due=7, **{flag: True}).ledgers()
        assert getattr(cases, flag) == 1
        assert getattr(money, flag) == 7
        assert cases.to_enforce == money.to_enforce == 0


def test_a_partly_paid_case_without_conditions() -> None:
    _, money = record(status=Status.WITHOUT_CONDITIONS, amount_due=10, amount_finished=4).ledgers()
    assert (money.completed, money.without_conditions) == (4, 6)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"unit": ""}, "unit"),
        ({"unit": 5}, "unit"),
        ({"origin": "new"}, "origin"),
        ({"status": "completed"}, "status"),
        ({"status": None}, "status"),
        ({"status": Status.REDUCED}, "money ledger only"),
        ({"entrusted": 1}, "entrusted"),
        ({"withdrawn": None}, "withdrawn"),
        ({"status": None, "entrusted": True, "withdrawn": True}, "not both"),
        ({"entrusted": True}, "so it has no status"),
        ({"status": None, "withdrawn": True, "amount_due": 5, "amount_finished": 1}, "whole"),
        ({"amount_due": 1.0}, "amount_due"),
        ({"amount_due": True}, "amount_due"),
        ({"amount_finished": -1}, "amount_finished"),
        ({"amount_reduced": float("nan")}, "amount_reduced"),
        ({"amount_due": 5, "amount_finished": 4, "amount_reduced": 2}, "cannot exceed"),
        ({"status": Status.COMPLETED, "amount_due": 5, "amount_finished": 4}, "nothing left"),
    ],
)
def test_invalid_records_are_refused(overrides: dict[str, Any], message: str) -> None:
    with pytest.raises(LedgerError, match=message):
        record(**overrides)


@pytest.mark.parametrize("period", ["6 tháng 2019", 2019, None, Quarter(2019, 2)])
def test_a_bad_period_in_a_record_is_a_period_error(period: object) -> None:
    # The class follows the value that is wrong: was LedgerError before the redesign.
    with pytest.raises(PeriodError, match="period must be a ReportingPeriod") as info:
        record(period=period)
    assert info.value.code == "period.type"
    assert info.value.details["argument"] == "period"


@pytest.mark.parametrize(
    ("overrides", "code", "argument"),
    [
        ({"unit": 5}, "ledger.type", "unit"),
        ({"unit": " "}, "ledger.empty_unit", "unit"),
        ({"origin": "new"}, "ledger.type", "origin"),
        ({"status": "completed"}, "ledger.type", "status"),
        ({"entrusted": 1}, "ledger.type", "entrusted"),
        ({"withdrawn": "no"}, "ledger.type", "withdrawn"),
        ({"amount_due": 1.0}, "ledger.type", "amount_due"),
        ({"amount_finished": -1}, "ledger.range", "amount_finished"),
    ],
)
def test_invalid_fields_carry_a_code_and_the_argument(
    overrides: dict[str, Any], code: str, argument: str
) -> None:
    with pytest.raises(LedgerError) as info:
        record(**overrides)
    assert info.value.code == code
    assert info.value.details["argument"] == argument


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"status": None, "entrusted": True, "withdrawn": True}, "ledger.entrusted_and_withdrawn"),
        ({"entrusted": True}, "ledger.status_of_departed"),
        (
            {"status": None, "withdrawn": True, "amount_due": 5, "amount_finished": 1},
            "ledger.amounts_of_departed",
        ),
        ({"status": Status.REDUCED}, "ledger.money_only"),
        ({"amount_due": 5, "amount_finished": 4, "amount_reduced": 2}, "ledger.amount_exceeds_due"),
        (
            {"status": Status.COMPLETED, "amount_due": 5, "amount_finished": 4},
            "ledger.completed_with_remainder",
        ),
    ],
)
def test_contradictory_records_carry_a_code(overrides: dict[str, Any], code: str) -> None:
    with pytest.raises(LedgerError) as info:
        record(**overrides)
    assert info.value.code == code
    assert info.value.details["rule"]


HUGE = 10**5000  # str() of an int refuses more than 4300 digits


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"status": HUGE, "entrusted": True}, "ledger.status_of_departed"),
        (
            {"status": None, "withdrawn": True, "amount_due": HUGE, "amount_finished": HUGE},
            "ledger.amounts_of_departed",
        ),
        ({"amount_due": HUGE, "amount_finished": HUGE + 1}, "ledger.amount_exceeds_due"),
        (
            {"status": Status.COMPLETED, "amount_due": HUGE, "amount_finished": HUGE - 1},
            "ledger.completed_with_remainder",
        ),
    ],
)
def test_contradictions_of_numbers_too_long_to_print_keep_their_code(
    overrides: dict[str, Any], code: str
) -> None:
    with pytest.raises(LedgerError, match="<int of 5001 digits>") as info:
        record(**overrides)
    assert info.value.code == code


@pytest.mark.parametrize("value", ["new", "x", 1, None, [], Status.COMPLETED])
def test_a_bad_origin_value_is_a_ledger_error(value: object) -> None:
    with pytest.raises(LedgerError, match="Origin must be one of") as info:
        Origin(value)
    assert info.value.code in ("ledger.choice", "ledger.type")
    assert Origin("newly_accepted") is Origin.NEW


def test_records_compare_by_their_fields() -> None:
    assert record(amount_due=5) == record(amount_due=5)
    assert record(amount_due=5) != record(amount_due=6)
    assert "amount_due=5" in repr(record(amount_due=5))
    assert "_packed" not in repr(record(amount_due=5))


# --------------------------------------------------------------------------- aggregate


RECORDS = [
    record(unit="A", period=ReportingPeriod(2023, 6), status=Status.COMPLETED),
    record(unit="A", period=ReportingPeriod(2023, 12), status=Status.OTHER, amount_due=9),
    record(unit="B", period=ReportingPeriod(2023, 12), origin=Origin.CARRIED_OVER),
    record(unit="B", period=ReportingPeriod(2023, 12), status=None, withdrawn=True),
]


def test_group_keys_follow_by() -> None:
    p6, p12 = ReportingPeriod(2023, 6), ReportingPeriod(2023, 12)
    assert set(aggregate(RECORDS)) == {("A", p6), ("A", p12), ("B", p12)}
    assert set(aggregate(RECORDS, by=("unit",))) == {("A",), ("B",)}
    assert set(aggregate(RECORDS, by="unit")) == {"A", "B"}
    assert set(aggregate(RECORDS, by="period")) == {p6, p12}
    assert set(aggregate(RECORDS, by=["period", "unit"])) == {(p6, "A"), (p12, "A"), (p12, "B")}
    assert set(aggregate(RECORDS, by=())) == {()}
    assert set(aggregate(RECORDS, by=lambda r: r.unit.lower())) == {"a", "b"}
    assert set(aggregate(RECORDS, by="status")) == {
        Status.COMPLETED,
        Status.OTHER,
        Status.IN_PROGRESS,
        None,
    }


def test_group_ledgers() -> None:
    result = aggregate(RECORDS, by="unit")  # 2023: the forms of Thông tư 06/2019
    assert result["A"].cases == CaseLedger(newly_accepted=2, completed=1, other=1, layout=TT06_2019)
    assert result["A"].amounts == AmountLedger(newly_accepted=9, other=9, layout=TT06_2019)
    assert result["B"].cases == CaseLedger(
        carried_over=1, newly_accepted=1, withdrawn=1, in_progress=1, layout=TT06_2019
    )
    old = aggregate(RECORDS, by="unit", layout="tt01-2013")
    assert old["A"].cases == CaseLedger(newly_accepted=2, completed=1, other=1)
    assert aggregate([]) == Aggregation()


def test_by_is_checked() -> None:
    with pytest.raises(LedgerError, match="not a field"):
        aggregate(RECORDS, by=("unit", "province"))
    with pytest.raises(LedgerError, match="not a field"):
        aggregate(RECORDS, by="_kind")
    with pytest.raises(LedgerError, match="by must be"):
        aggregate(RECORDS, by=5)  # type: ignore[arg-type]


@pytest.mark.parametrize("records", [None, 5, "records", {"A": 1}, 0.5])
def test_records_must_be_an_iterable_of_records(records: object) -> None:
    # Before the redesign: TypeError ('NoneType' object is not iterable) or worse.
    with pytest.raises(LedgerError, match="records must be an iterable of CaseRecord") as info:
        aggregate(records)  # type: ignore[arg-type]
    assert info.value.code == "ledger.type"
    assert info.value.details["argument"] == "records"


@pytest.mark.parametrize("groups", [None, 5, "A", [("A", LedgerPair())]])
def test_aggregation_groups_must_be_a_mapping(groups: object) -> None:
    with pytest.raises(LedgerError, match="groups must be a mapping") as info:
        Aggregation(groups)  # type: ignore[arg-type]
    assert info.value.code == "ledger.type"
    assert info.value.details["argument"] == "groups"
    assert Aggregation() == Aggregation({})


def test_by_errors_carry_a_code() -> None:
    with pytest.raises(LedgerError) as info:
        aggregate(RECORDS, by=("unit", "province"))
    assert (info.value.code, info.value.details["value"]) == ("ledger.choice", "'province'")
    with pytest.raises(LedgerError) as info:
        aggregate(RECORDS, by=("unit", 5))  # type: ignore[arg-type]
    assert info.value.code == "ledger.type"
    with pytest.raises(LedgerError) as info:
        aggregate(RECORDS, by=5)  # type: ignore[arg-type]
    assert (info.value.code, info.value.details["argument"]) == ("ledger.type", "by")


def test_a_non_record_carries_a_code() -> None:
    for by in (("unit", "period"), ("unit",)):
        with pytest.raises(LedgerError) as info:
            aggregate([RECORDS[0], None], by=by)  # type: ignore[list-item]
        assert info.value.code == "ledger.type"


def test_only_case_records_are_aggregated() -> None:
    for by in (("unit", "period"), ("unit",)):
        with pytest.raises(LedgerError, match="every record must be a CaseRecord, got dict"):
            aggregate([RECORDS[0], {"unit": "A"}], by=by)  # type: ignore[list-item]


def test_errors_of_a_key_function_are_not_hidden() -> None:
    def broken(r: CaseRecord) -> str:
        raise AttributeError("broken key")

    with pytest.raises(AttributeError, match="broken key"):
        aggregate(RECORDS, by=broken)


def test_amounts_beyond_64_bits_are_exact() -> None:
    huge = 10**30 + 7
    records = [
        record(amount_due=huge, amount_finished=huge // 3, amount_reduced=5),
        record(amount_due=2**64, status=Status.WITHOUT_CONDITIONS),
        record(amount_due=2**64 - 1, amount_finished=1),
        record(
            origin=Origin.CARRIED_OVER, status=Status.COMPLETED, amount_due=11, amount_finished=11
        ),
    ]
    _, money = aggregate(records)[("Long An", P2022)]
    assert money.newly_accepted == huge + 2**64 + 2**64 - 1
    assert money.carried_over == 11
    assert money.completed == huge // 3 + 1 + 11
    assert money.reduced == 5
    assert money.in_progress == huge - huge // 3 - 5 + 2**64 - 2
    assert money.without_conditions == 2**64
    assert aggregate(records) == Aggregation(
        {("Long An", P2022): sum((r.ledgers() for r in records), start=LedgerPair())}
    )


def test_a_generator_is_read_once_and_its_records_are_not_kept() -> None:
    refs: list[weakref.ref[CaseRecord]] = []

    def stream() -> Iterator[CaseRecord]:
        for i in range(2_000):
            r = record(unit=f"U{i % 7}", amount_due=i)
            refs.append(weakref.ref(r))
            yield r

    records = stream()
    result = aggregate(records, by="unit")
    gc.collect()
    assert len(result) == 7
    assert sum(pair.cases.accepted for pair in result.values()) == 2_000
    assert all(ref() is None for ref in refs)  # memory holds groups, not records
    assert next(records, None) is None


# --------------------------------------------------------------------------- results


def test_results_add_group_by_group() -> None:
    first, second = aggregate(RECORDS[:2], by="unit"), aggregate(RECORDS[2:], by="unit")
    assert first + second == aggregate(RECORDS, by="unit")
    assert sum([first, second], start=Aggregation()) == aggregate(RECORDS, by="unit")
    assert first + Aggregation() == first
    assert (first + second).total() == aggregate(RECORDS, by=()).total()
    with pytest.raises(LedgerError, match=r"start=Aggregation\(\)"):
        sum([first, second])
    with pytest.raises(LedgerError, match="same kind"):
        first + {"A": LedgerPair()}  # type: ignore[operator]


def test_aggregation_is_a_read_only_mapping() -> None:
    result = aggregate(RECORDS, by="unit")
    assert len(result) == 2
    assert "A" in result
    assert list(result.keys()) == ["A", "B"]
    assert "Aggregation({'A': LedgerPair(" in repr(result)
    with pytest.raises(TypeError):
        result["C"] = LedgerPair()  # type: ignore[index]
    with pytest.raises(LedgerError, match="must map to a LedgerPair"):
        Aggregation({"A": CaseLedger()})  # type: ignore[dict-item]


def test_ledger_pair() -> None:
    pair = record(amount_due=3).ledgers()
    cases, amounts = pair
    assert (cases.in_progress, amounts.in_progress) == (1, 3)
    assert pair + LedgerPair() == pair
    assert sum([pair, pair], start=LedgerPair()).amounts.accepted == 6
    with pytest.raises(LedgerError, match="cases must be a CaseLedger"):
        LedgerPair(AmountLedger(), AmountLedger())  # type: ignore[arg-type]
    with pytest.raises(LedgerError, match="amounts must be an AmountLedger"):
        LedgerPair(CaseLedger(), CaseLedger())  # type: ignore[arg-type]
    with pytest.raises(LedgerError, match=r"start=LedgerPair\(\)"):
        sum([pair, pair])


def test_pair_and_aggregation_errors_carry_a_code() -> None:
    pair = LedgerPair()
    with pytest.raises(LedgerError) as info:
        LedgerPair(None, AmountLedger())  # type: ignore[arg-type]
    assert (info.value.code, info.value.details["argument"]) == ("ledger.type", "cases")
    with pytest.raises(LedgerError) as info:
        pair + 5  # type: ignore[operator]
    assert info.value.code == "ledger.type"
    with pytest.raises(LedgerError) as info:
        pair * 2  # type: ignore[operator]
    assert info.value.code == "ledger.operation"
    with pytest.raises(LedgerError) as info:
        Aggregation() + {}  # type: ignore[operator]
    assert info.value.code == "ledger.type"
    with pytest.raises(LedgerError) as info:
        Aggregation({"A": None})  # type: ignore[dict-item]
    assert (info.value.code, info.value.details["key"]) == ("ledger.type", "'A'")


def test_results_and_records_pickle_for_map_reduce_engines() -> None:
    # Engines ship records to workers and partial results back.
    result = aggregate(RECORDS)
    assert pickle.loads(pickle.dumps(result)) == result
    assert pickle.loads(pickle.dumps(RECORDS)) == RECORDS
    copy = pickle.loads(pickle.dumps(RECORDS))
    assert aggregate(copy) == result  # private precomputed fields survive
    pair = result.total()
    assert type(pickle.loads(pickle.dumps(pair))) is LedgerPair


# --------------------------------------------------------------------------- layouts


def test_a_stayed_record_lands_in_the_bucket_of_its_period() -> None:
    r = record(status=Status.STAYED, amount_due=40, amount_finished=10)
    cases, money = r.ledgers()
    assert (cases.stayed, cases.with_conditions, money.stayed, money.completed) == (1, 0, 30, 10)
    grouped = aggregate([r, record(status=Status.COMPLETED)])
    pair = grouped["Long An", P2022]
    assert pair.cases.layout is TT06_2019
    assert (pair.cases.stayed, pair.cases.with_conditions, pair.cases.to_enforce) == (1, 1, 2)


def test_a_stayed_record_is_refused_where_the_forms_have_no_bucket() -> None:
    with pytest.raises(LedgerError, match="STAYED") as info:
        record(period=P2019_6, status=Status.STAYED)
    assert info.value.code == "ledger.layout"


def test_records_of_two_circulars_are_not_grouped_without_the_period() -> None:
    mixed = [record(period=P2019_6), record(period=P2022)]
    with pytest.raises(LedgerError, match="different statistics circulars") as info:
        aggregate(mixed, by="unit")
    assert info.value.code == "ledger.layout"
    assert aggregate(mixed, by="unit", layout="tt06-2019")["Long An"].cases.in_progress == 2
    assert len(aggregate(mixed)) == 2  # by unit and period: each in its own layout


def test_category_breakdown() -> None:
    records = [
        record(category="credit", status=Status.COMPLETED, amount_due=86, amount_finished=86),
        record(category="credit"),
        record(category="Án hình sự khác"),
        record(),
    ]
    by_category = aggregate(records, by=("unit", "period", "category"))
    credit = by_category["Long An", P2022, "credit"]
    assert (credit.cases.finished, credit.amounts.finished) == (1, 86)
    assert by_category["Long An", P2022, None].cases.to_enforce == 1
    with pytest.raises(LedgerError, match="category") as info:
        record(category="  ")
    assert info.value.code == "ledger.type"
