"""Tests written against mutants of ``cases`` that survived (scripts/mutation.sh cases).

Each error is checked whole: its code, its details and its message, since the
codes and details are API and the message is what a user reads (the field
named, the Vietnamese term, the rule). The records are those of a unit's
report: a case carried over or newly accepted (chuyển sang, thụ lý mới), its
status and amounts in đồng, entrusted or withdrawn cases leaving the unit
(ủy thác, thu hồi). docs/howto/mutation.md lists the mutants left on purpose.
"""

from __future__ import annotations

import pickle
import re
from datetime import date, datetime
from types import SimpleNamespace
from typing import Any

import pytest

from thads_metrics.calendar import ReportingPeriod
from thads_metrics.cases import (
    Aggregation,
    Aggregator,
    CaseRecord,
    LedgerPair,
    Origin,
    aggregate,
)
from thads_metrics.classification import Status
from thads_metrics.errors import LedgerError, PeriodError
from thads_metrics.ledger import AmountLedger, CaseLedger
from thads_metrics.ledger.layouts import DEFAULT_LAYOUT, TT01_2013, TT06_2019

P2019_6 = ReportingPeriod(2019, 6)  # forms of Thông tư 01/2013/TT-BTP
P2022 = ReportingPeriod(2022, 12)  # forms of Thông tư 06/2019/TT-BTP
FIELDS = (
    "unit, period, origin, status, entrusted, withdrawn, amount_due, amount_finished, "
    "amount_reduced, category"
)
BY_RULE = "a field name, a tuple of field names or a function of a CaseRecord"


def record(**overrides: Any) -> CaseRecord:
    base: dict[str, Any] = {
        "unit": "Long An",
        "period": P2022,
        "origin": Origin.NEW,
        "status": Status.IN_PROGRESS,
    }
    base.update(overrides)
    return CaseRecord(**base)


def _raised(error: type[Exception], call: Any) -> Any:
    with pytest.raises(error) as info:
        call()
    return info.value


def _check(error: Any, code: str, details: dict[str, Any], message: str) -> None:
    assert (error.code, dict(error.details), str(error)) == (code, details, message)


# --------------------------------------------------------------------------- fields of a record


def test_a_unit_that_is_not_text_or_is_blank() -> None:
    _check(
        _raised(LedgerError, lambda: record(unit=5)),
        "ledger.type",
        {"argument": "unit", "value": "5", "rule": "a non-empty str"},
        "unit must be a non-empty str, got int 5",
    )
    _check(
        _raised(LedgerError, lambda: record(unit=" ")),
        "ledger.empty_unit",
        {"argument": "unit", "value": " ", "rule": "a non-empty str"},
        "unit (đơn vị) must be a non-empty str, got ' '",
    )


def test_subclasses_of_str_and_reporting_period_are_accepted() -> None:
    # The inline checks test the exact type; a subclass goes to _checks and passes.
    class Name(str):
        pass

    class Period(ReportingPeriod):
        pass

    r = record(unit=Name("Long An"), period=Period(2022, 12), status=Status.OTHER)
    assert (r.unit, r.period.label) == ("Long An", "năm 2022")
    # Group keys hold the period as a plain ReportingPeriod.
    cases, _ = aggregate([r])[("Long An", P2022)]
    assert (cases.newly_accepted, cases.other, cases.layout) == (1, 1, TT06_2019)


def test_a_period_that_is_not_a_reporting_period() -> None:
    _check(
        _raised(PeriodError, lambda: record(period="6 tháng 2019")),
        "period.type",
        {"argument": "period", "value": "'6 tháng 2019'", "rule": "a ReportingPeriod (kỳ báo cáo)"},
        "period must be a ReportingPeriod (kỳ báo cáo), got str '6 tháng 2019'",
    )


def test_an_origin_that_is_not_an_origin() -> None:
    _check(
        _raised(LedgerError, lambda: record(origin="newly_accepted")),
        "ledger.type",
        {"argument": "origin", "value": "'newly_accepted'", "rule": "an Origin (nguồn thụ lý)"},
        "origin must be an Origin (nguồn thụ lý), got str 'newly_accepted'",
    )


def test_an_unknown_origin_value() -> None:
    rule = "one of 'carried_over', 'newly_accepted'"
    _check(
        _raised(LedgerError, lambda: Origin("new")),
        "ledger.choice",
        {"argument": "Origin", "value": "'new'", "rule": rule},
        f"Origin must be {rule}, got 'new'",
    )


def test_flags_are_true_or_false_only() -> None:
    _check(
        _raised(LedgerError, lambda: record(entrusted=1)),
        "ledger.type",
        {"argument": "entrusted", "value": "1", "rule": "bool"},
        "entrusted must be True or False, got int 1",
    )
    _check(
        _raised(LedgerError, lambda: record(withdrawn="no")),
        "ledger.type",
        {"argument": "withdrawn", "value": "'no'", "rule": "bool"},
        "withdrawn must be True or False, got str 'no'",
    )


@pytest.mark.parametrize(
    ("name", "term"),
    [
        ("amount_due", "số tiền phải thi hành"),
        ("amount_finished", "số tiền thi hành xong"),
        ("amount_reduced", "số tiền giảm, miễn"),
    ],
)
def test_amounts_name_the_field_and_its_vietnamese_term(name: str, term: str) -> None:
    _check(
        _raised(LedgerError, lambda: record(**{name: -1})),
        "ledger.range",
        {"argument": name, "value": -1, "rule": ">= 0"},
        f"{name} ({term}) must be >= 0, got -1",
    )
    _check(
        _raised(LedgerError, lambda: record(**{name: 1.5})),
        "ledger.type",
        {"argument": name, "value": "1.5", "rule": "int"},
        f"{name} ({term}) must be an int, got float 1.5",
    )


def test_a_status_that_is_not_a_status() -> None:
    _check(
        _raised(LedgerError, lambda: record(status="completed")),
        "ledger.type",
        {"argument": "status", "value": "'completed'", "rule": "a Status (kết quả thi hành)"},
        "status must be a Status (kết quả thi hành), got str 'completed'",
    )


def test_a_category_that_is_not_a_non_empty_name() -> None:
    for value, shown in ((" ", "' '"), (5, "5")):
        _check(
            _raised(LedgerError, lambda v=value: record(category=v)),
            "ledger.type",
            {"argument": "category", "value": shown, "rule": "a non-empty str"},
            "category must be a non-empty str (a code of CATEGORIES or any name), got " + shown,
        )


# --------------------------------------------------------------------------- contradictions


def test_a_case_both_entrusted_and_withdrawn() -> None:
    _check(
        _raised(LedgerError, lambda: record(status=None, entrusted=True, withdrawn=True)),
        "ledger.entrusted_and_withdrawn",
        {"fields": ("entrusted", "withdrawn"), "rule": "a case leaves the unit one way at most"},
        "a case is either entrusted (ủy thác) or withdrawn (thu hồi, hủy quyết định), not both",
    )


@pytest.mark.parametrize("left", ["entrusted", "withdrawn"])
def test_a_departed_case_with_a_status(left: str) -> None:
    error = _raised(LedgerError, lambda: record(status=Status.COMPLETED, **{left: True}))
    assert error.code == "ledger.status_of_departed"
    assert dict(error.details) == {
        "fields": (left, "status"),
        "value": "completed",  # as a file writes it
        "rule": error.details["rule"],
    }
    # "an" before "withdrawn" is the message's grammar, not a rule: either article passes.
    assert re.fullmatch(f"an? {left} case has no status", error.details["rule"])
    assert re.fullmatch(
        f"an? {left} case leaves this unit's ledger, so it has no status, got completed",
        str(error),
    )


@pytest.mark.parametrize(
    ("left", "finished", "reduced"), [("entrusted", 0, 3_000_000), ("withdrawn", 2_500_000, 0)]
)
def test_a_departed_case_with_amounts_finished_or_reduced(
    left: str, finished: int, reduced: int
) -> None:
    error = _raised(
        LedgerError,
        lambda: record(
            status=None,
            amount_due=9_000_000,
            amount_finished=finished,
            amount_reduced=reduced,
            **{left: True},
        ),
    )
    assert error.code == "ledger.amounts_of_departed"
    assert dict(error.details) == {
        "fields": (left, "amount_finished", "amount_reduced"),
        "amount_finished": finished,
        "amount_reduced": reduced,
        "rule": error.details["rule"],
    }
    assert re.fullmatch(f"an? {left} case has nothing finished or reduced", error.details["rule"])
    assert re.fullmatch(
        f"an? {left} case carries its whole amount_due away; amount_finished "
        rf"\({finished}\) and amount_reduced \({reduced}\) must be 0",
        str(error),
    )


def test_reduced_is_a_money_row_only() -> None:
    _check(
        _raised(LedgerError, lambda: record(status=Status.REDUCED)),
        "ledger.money_only",
        {
            "fields": ("status",),
            "value": "reduced",
            "rule": "REDUCED is a row of the money ledger only",
        },
        "status REDUCED (giảm, miễn) is a row of the money ledger only; put the amount in "
        "amount_reduced and give the case's own status (a case fully exempted is TERMINATED, "
        "đình chỉ)",
    )


def test_amounts_finished_and_reduced_exceeding_the_amount_due() -> None:
    _check(
        _raised(
            LedgerError,
            lambda: record(
                amount_due=5_000_000, amount_finished=4_000_000, amount_reduced=2_000_000
            ),
        ),
        "ledger.amount_exceeds_due",
        {
            "fields": ("amount_finished", "amount_reduced", "amount_due"),
            "amount_finished": 4_000_000,
            "amount_reduced": 2_000_000,
            "amount_due": 5_000_000,
            "rule": "amount_finished + amount_reduced <= amount_due",
        },
        "amount_finished (4000000) + amount_reduced (2000000) cannot exceed amount_due (5000000)",
    )


def test_a_completed_case_with_something_left() -> None:
    _check(
        _raised(
            LedgerError,
            lambda: record(
                status=Status.COMPLETED,
                amount_due=5_000_000,
                amount_finished=4_000_000,
                amount_reduced=500_000,
            ),
        ),
        "ledger.completed_with_remainder",
        {
            "fields": ("status", "amount_finished", "amount_reduced", "amount_due"),
            "amount_finished": 4_000_000,
            "amount_reduced": 500_000,
            "amount_due": 5_000_000,
            "rule": "a completed case: amount_finished + amount_reduced == amount_due",
        },
        "a completed case (thi hành xong) has nothing left to enforce: amount_finished "
        "(4000000) + amount_reduced (500000) must equal amount_due (5000000)",
    )


def test_a_stayed_case_before_the_forms_of_2019() -> None:
    _check(
        _raised(LedgerError, lambda: record(period=P2019_6, status=Status.STAYED)),
        "ledger.layout",
        {
            "fields": ("status", "period"),
            "value": "Status.STAYED",
            "layout": "tt01-2013",
            "rule": "STAYED only in periods under Thông tư 06/2019/TT-BTP or later",
        },
        "status STAYED (hoãn, tạm đình chỉ counted apart from có điều kiện) is not a row of the "
        "forms of 6 tháng năm 2019 (Thông tư 01/2013/TT-BTP): there a stayed case is POSTPONED "
        "or SUSPENDED, inside có điều kiện",
    )


# --------------------------------------------------------------------------- dates of a record

# The statistical year 2022 (năm 2022) runs from 1 October 2021 to 30 September 2022.
YEAR_START, YEAR_END = date(2021, 10, 1), date(2022, 9, 30)
ACCEPTED_RULE = "a new case is accepted within its period, a carried-over one before it"
FINISHED_RULE = "accepted_on <= finished_on, within the period"


@pytest.mark.parametrize("name", ["accepted_on", "finished_on"])
def test_a_date_must_be_a_day_not_text_or_a_time(name: str) -> None:
    for value, shown, kind in (
        ("03/10/2021", "'03/10/2021'", "str"),
        (datetime(2021, 10, 3, 9, 30), "datetime.datetime(2021, 10, 3, 9, 30)", "datetime"),
    ):
        _check(
            _raised(LedgerError, lambda v=value: record(status=Status.COMPLETED, **{name: v})),
            "ledger.type",
            {"argument": name, "value": shown, "rule": "a date"},
            f"{name} must be a date, got {kind} {shown}",
        )


def test_a_new_case_is_accepted_within_its_period() -> None:
    for day in (YEAR_START, YEAR_END):
        assert record(accepted_on=day).accepted_on == day
    for day in (date(2021, 9, 30), date(2022, 10, 1)):
        _check(
            _raised(LedgerError, lambda d=day: record(accepted_on=d)),
            "ledger.date",
            {
                "fields": ("accepted_on", "origin", "period"),
                "value": day.isoformat(),
                "low": "2021-10-01",
                "high": "2022-09-30",
                "rule": ACCEPTED_RULE,
            },
            f"accepted_on {day.isoformat()} does not fit a newly_accepted case of năm 2022: it "
            "must be between 2021-10-01 and 2022-09-30 (thụ lý mới in năm 2022)",
        )


def test_a_carried_over_case_was_accepted_before_the_year() -> None:
    carried = record(origin=Origin.CARRIED_OVER, accepted_on=date(2021, 9, 30))
    assert carried.accepted_on == date(2021, 9, 30)
    for day in (YEAR_START, date(2022, 10, 1)):
        _check(
            _raised(LedgerError, lambda d=day: record(origin=Origin.CARRIED_OVER, accepted_on=d)),
            "ledger.date",
            {
                "fields": ("accepted_on", "origin", "period"),
                "value": day.isoformat(),
                "low": None,
                "high": "2021-10-01",
                "rule": ACCEPTED_RULE,
            },
            f"accepted_on {day.isoformat()} does not fit a carried_over case of năm 2022: it "
            "must be before 2021-10-01 (chuyển sang: accepted in an earlier year)",
        )


def test_only_a_completed_or_terminated_case_has_a_finish_date() -> None:
    for status in (Status.COMPLETED, Status.TERMINATED):
        assert record(status=status, finished_on=YEAR_END).finished_on == YEAR_END
    for overrides, shown in (
        ({"status": Status.IN_PROGRESS}, "Status.IN_PROGRESS"),
        ({"status": None, "entrusted": True}, "None"),
    ):
        _check(
            _raised(LedgerError, lambda o=overrides: record(finished_on=date(2022, 3, 1), **o)),
            "ledger.date",
            {
                "fields": ("finished_on", "status"),
                "value": "2022-03-01",
                "rule": "finished_on only for COMPLETED or TERMINATED",
            },
            f"only a completed or terminated case has a finished_on; this one is {shown}",
        )


def test_a_finish_date_falls_within_the_period_and_not_before_acceptance() -> None:
    done = {"status": Status.COMPLETED}
    assert record(**done, finished_on=YEAR_START).finished_on == YEAR_START
    same_day = record(**done, accepted_on=date(2022, 3, 1), finished_on=date(2022, 3, 1))
    assert same_day.finished_on == same_day.accepted_on
    for finished, accepted in (
        (date(2021, 9, 30), None),
        (date(2022, 10, 1), None),
        (date(2022, 2, 28), date(2022, 3, 1)),
    ):
        _check(
            _raised(
                LedgerError,
                lambda f=finished, a=accepted: record(**done, accepted_on=a, finished_on=f),
            ),
            "ledger.date",
            {
                "fields": ("finished_on", "accepted_on", "period"),
                "value": finished.isoformat(),
                "rule": FINISHED_RULE,
            },
            f"finished_on {finished.isoformat()} must fall within năm 2022 (2021-10-01 to "
            f"2022-09-30) and not before accepted_on ({accepted})",
        )


# --------------------------------------------------------------------------- aggregate


def test_a_huge_new_entrusted_case_counts_as_newly_accepted() -> None:
    # Amounts of 2**64 đồng or more are summed on the exact path; the first
    # disposition (ủy thác) of a new case must still land in thụ lý mới.
    huge = 2**64 + 1_719_000_000
    records = [
        record(status=None, entrusted=True, amount_due=huge),
        record(origin=Origin.CARRIED_OVER, status=None, withdrawn=True, amount_due=huge),
    ]
    cases, money = aggregate(records)[("Long An", P2022)]
    assert (cases.carried_over, cases.newly_accepted) == (1, 1)
    assert (cases.entrusted, cases.withdrawn, cases.to_enforce) == (1, 1, 0)
    assert (money.carried_over, money.newly_accepted) == (huge, huge)
    assert (money.entrusted, money.withdrawn, money.to_enforce) == (huge, huge, 0)


def test_an_object_that_only_looks_like_a_record_is_refused() -> None:
    # It has the precomputed fields, but its amounts do not pack: the exact path
    # checks the record before reading its amounts.
    real = record()
    fake = SimpleNamespace(unit="Long An", _pcode=real._pcode, _kind=0, _packed=None)
    shown = repr(fake)
    for by in (("unit", "period"), "unit"):
        _check(
            _raised(LedgerError, lambda b=by: aggregate([real, fake], by=b)),
            "ledger.type",
            {"argument": "every record", "value": shown, "rule": "a CaseRecord"},
            f"every record must be a CaseRecord, got SimpleNamespace {shown}",
        )


def test_a_one_field_tuple_with_the_period_gives_one_tuples() -> None:
    records = [record(period=P2019_6), record(period=P2022, status=Status.COMPLETED)]
    result = aggregate(records, by=("period",))
    assert set(result) == {(P2019_6,), (P2022,)}
    assert result[(P2019_6,)].cases.layout is TT01_2013
    assert result[(P2022,)].cases.finished == 1


def test_keys_holding_the_period_give_each_group_the_layout_of_its_period() -> None:
    mixed = [record(period=P2019_6), record(period=P2022)]
    by_period = aggregate(mixed, by="period")
    assert (by_period[P2019_6].cases.layout, by_period[P2022].cases.layout) == (
        TT01_2013,
        TT06_2019,
    )
    by_both = aggregate(mixed, by=("period", "unit"))
    assert by_both[(P2019_6, "Long An")].amounts.layout is TT01_2013
    assert by_both[(P2022, "Long An")].amounts.layout is TT06_2019


def test_every_grouping_takes_the_layout_of_the_records_periods() -> None:
    # One rule for every by: the layout of a group is that of its records' periods,
    # whether the key holds the period or not, and whatever kind of key it is.
    for by in ("unit", ("unit",), lambda r: r.unit, lambda r: (r.period, r.unit), ()):
        result = aggregate([record(period=P2022), record(period=P2022)], by=by)
        (pair,) = result.values()
        assert pair.cases.layout is TT06_2019, by
        assert pair.amounts.layout is TT06_2019, by
        assert pair.cases.in_progress == 2
        old = aggregate([record(period=P2019_6)], by=by)
        (pair,) = old.values()
        assert pair.cases.layout is TT01_2013, by
    assert DEFAULT_LAYOUT is TT01_2013  # no group falls back on it


def test_records_under_two_circulars_in_one_group() -> None:
    message = (
        "group {} holds records of periods under different statistics circulars (Thông tư "
        "01/2013/TT-BTP, Thông tư 06/2019/TT-BTP), whose rows do not mean the same; group by "
        "period (by=(..., 'period')) and convert the ledgers to one layout "
        "(ledger.convert(layout)) before adding them"
    )
    rule = "the records of a group fall under one statistics circular"
    for by, key in (("unit", "'Long An'"), (lambda r: r.unit, "'Long An'"), ((), "()")):
        _check(
            _raised(
                LedgerError,
                lambda by=by: aggregate([record(period=P2022), record(period=P2019_6)], by=by),
            ),
            "ledger.layout",
            {"argument": "by", "key": key, "layouts": ("tt01-2013", "tt06-2019"), "rule": rule},
            message.format(key),
        )


def test_by_of_the_wrong_kind() -> None:
    _check(
        _raised(LedgerError, lambda: aggregate([], by=5)),  # type: ignore[arg-type]
        "ledger.type",
        {"argument": "by", "value": "5", "rule": BY_RULE},
        f"by must be {BY_RULE}, got int 5",
    )


def test_by_naming_something_that_is_not_a_field() -> None:
    rule = f"one of {FIELDS}"
    _check(
        _raised(LedgerError, lambda: aggregate([], by=("unit", "province"))),
        "ledger.choice",
        {"argument": "by", "value": "'province'", "rule": rule},
        f"by names 'province', which is not a field of CaseRecord; fields are {FIELDS}",
    )
    _check(
        _raised(LedgerError, lambda: aggregate([], by=("unit", 5))),  # type: ignore[arg-type]
        "ledger.type",
        {"argument": "by", "value": "5", "rule": rule},
        f"by names 5, which is not a field of CaseRecord; fields are {FIELDS}",
    )


# --------------------------------------------------------------------------- Aggregator

HUGE = 2**70 + 1_719_000_000  # beyond the 64 bits that are packed: kept as exact sums


def _batches() -> tuple[list[CaseRecord], list[CaseRecord]]:
    """Two batches of a province's units: groups in both, in one only, and huge amounts."""
    first = [
        record(
            unit="Long An", status=Status.COMPLETED, amount_due=5_000_000, amount_finished=5_000_000
        ),
        record(unit="Long An", origin=Origin.CARRIED_OVER, amount_due=9_000_000),
        record(unit="Long An", status=Status.OTHER, amount_due=HUGE),
        record(unit="Tân An", status=Status.WITHOUT_CONDITIONS, amount_due=2_000_000),
    ]
    second = [
        record(
            unit="Long An", status=Status.COMPLETED, amount_due=7_000_000, amount_finished=7_000_000
        ),
        record(unit="Long An", status=Status.OTHER, amount_due=HUGE + 1),
        record(unit="Bến Lức", status=Status.IN_PROGRESS, amount_due=HUGE + 2, amount_finished=3),
        record(unit="Bến Lức", period=ReportingPeriod(2022, 6), status=Status.POSTPONED),
    ]
    return first, second


@pytest.mark.parametrize("by", [("unit", "period"), "unit", ("period", "unit")])
def test_merging_adds_the_sums_group_by_group(by: Any) -> None:
    first, second = _batches()
    left, right = Aggregator(by).update(first), Aggregator(by).update(second)
    assert left.merge(right) is left
    assert left.result() == aggregate(first + second, by=by)
    assert right.result() == aggregate(second, by=by)  # the other is left as it was
    # into an empty aggregator, every group and exact sum is new
    relay = Aggregator(by).merge(right)
    assert relay.result() == aggregate(second, by=by)
    # and what was merged merges on, as a worker's own sums do
    again = Aggregator(by).update(first).merge(relay)
    assert again.result() == aggregate(first + second, by=by)


def test_plus_gives_a_new_aggregator_and_copy_an_independent_one() -> None:
    first, second = _batches()
    left, right = Aggregator().update(first), Aggregator().update(second)
    both = left + right
    assert both.result() == aggregate(first + second)
    assert (left.result(), right.result()) == (aggregate(first), aggregate(second))
    twin = left.copy()
    twin.update(second)
    assert twin.result() == both.result()
    assert left.result() == aggregate(first)
    with pytest.raises(TypeError):
        left + 5  # type: ignore[operator]


def test_merging_keeps_the_periods_of_both_sides() -> None:
    # Grouped without the period, the layout comes from the records' periods.
    by_unit = Aggregator("unit").update([record()])
    merged = by_unit.merge(Aggregator("unit")).result()
    assert merged["Long An"].cases.layout is TT06_2019
    older = Aggregator("unit").update([record(period=P2019_6)])
    mixed = Aggregator("unit").update([record()]).merge(older)
    assert _raised(LedgerError, mixed.result).code == "ledger.layout"


@pytest.mark.parametrize(
    "by", [("unit", "period"), "unit", ("period",), ("unit", "period", "category")]
)
def test_an_aggregator_pickles_with_its_grouping_sums_and_periods(by: Any) -> None:
    first, second = _batches()
    sent = pickle.loads(pickle.dumps(Aggregator(by).update(first)))
    assert sent.result() == aggregate(first, by=by)
    assert sent.update(second).result() == aggregate(first + second, by=by)
    assert repr(sent) == repr(Aggregator(by).update(first + second))


def test_an_aggregator_pickles_with_its_layout() -> None:
    first, _ = _batches()
    sent = pickle.loads(pickle.dumps(Aggregator("unit", layout="tt01-2013").update(first)))
    assert sent.result()["Long An"].cases.layout is TT01_2013
    assert sent.result() == aggregate(first, by="unit", layout="tt01-2013")
    assert sent.merge(Aggregator("unit", layout=TT01_2013)).result()["Tân An"].cases.layout is (
        TT01_2013
    )


def test_a_list_of_fields_groups_as_the_tuple_does() -> None:
    as_list = Aggregator(["unit", "period"]).update([record()])
    assert repr(as_list) == "Aggregator(by=('unit', 'period'), groups=1)"
    assert as_list.merge(Aggregator().update([record()])).result() == aggregate([record()] * 2)


def test_aggregators_of_other_groupings_do_not_merge() -> None:
    _check(
        _raised(LedgerError, lambda: Aggregator(("unit",)).merge(Aggregator())),
        "ledger.operation",
        {"argument": "other", "value": "('unit', 'period')", "rule": "same by"},
        "cannot merge an aggregation with by ('unit', 'period') into one with by ('unit',)",
    )
    error = _raised(
        LedgerError,
        lambda: Aggregator(layout="tt01-2013").merge(Aggregator(layout="tt06-2019")),
    )
    assert error.code == "ledger.operation"
    assert error.details == {
        "argument": "other",
        "value": "Layout('tt06-2019')",
        "rule": "same layout",
    }
    assert str(error) == (
        "cannot merge an aggregation with layout Layout('tt06-2019') into one with layout "
        "Layout('tt01-2013')"
    )
    _check(
        _raised(LedgerError, lambda: Aggregator().merge("sums")),  # type: ignore[arg-type]
        "ledger.type",
        {"argument": "other", "value": "'sums'", "rule": "an Aggregator"},
        "other must be an Aggregator, got str 'sums'",
    )
    _check(
        _raised(LedgerError, lambda: Aggregator().update(None)),  # type: ignore[arg-type]
        "ledger.type",
        {"argument": "records", "value": "None", "rule": "an iterable of CaseRecord"},
        "records must be an iterable of CaseRecord, got NoneType None",
    )


# --------------------------------------------------------------------------- pairs and results


def test_adding_something_else_to_a_ledger_pair() -> None:
    hint = "sum(pairs, start=LedgerPair())"
    message = (
        "cannot add int 5 and LedgerPair: only values of the same kind add up; "
        f"to add many, use {hint}"
    )
    details = {"argument": "other", "value": "5", "rule": "a LedgerPair"}
    _check(_raised(LedgerError, lambda: LedgerPair() + 5), "ledger.type", details, message)
    _check(_raised(LedgerError, lambda: 5 + LedgerPair()), "ledger.type", details, message)


def test_adding_something_else_to_an_aggregation() -> None:
    hint = "sum(parts, start=Aggregation())"
    for call in (lambda: Aggregation() + {"A": None}, lambda: {"A": None} + Aggregation()):
        error = _raised(LedgerError, call)
        assert error.code == "ledger.type"
        assert dict(error.details) == {
            "argument": "other",
            "value": "{'A': None}",
            "rule": error.details["rule"],
        }
        assert re.fullmatch("an? Aggregation", error.details["rule"])
        assert str(error) == (
            "cannot add dict {'A': None} and Aggregation: only values of the same kind add "
            f"up; to add many, use {hint}"
        )


def test_a_ledger_pair_is_not_repeated_with_star() -> None:
    for call in (lambda: LedgerPair() * 3, lambda: 3 * LedgerPair()):
        _check(
            _raised(LedgerError, call),
            "ledger.operation",
            {"operation": "*", "value": "3", "rule": "pairs only add with +"},
            "a LedgerPair cannot be repeated with *; add pairs with +",
        )


def test_groups_must_map_to_ledger_pairs() -> None:
    _check(
        _raised(LedgerError, lambda: Aggregation({"Long An": CaseLedger()})),  # type: ignore[dict-item]
        "ledger.type",
        {"argument": "groups", "key": "'Long An'", "value": "CaseLedger()"},
        "group 'Long An' must map to a LedgerPair, got CaseLedger",
    )
    rule = "a mapping of group keys to LedgerPair"
    _check(
        _raised(LedgerError, lambda: Aggregation([("Long An", LedgerPair())])),  # type: ignore[arg-type]
        "ledger.type",
        {
            "argument": "groups",
            "value": "[('Long An', LedgerPair(cases=CaseLedger(), amounts=AmountLedger()))]",
            "rule": rule,
        },
        f"groups must be {rule}, got list [('Long An', LedgerPair(cases=CaseLedger(), "
        "amounts=AmountLedger()))]",
    )


def test_a_ledger_pair_as_an_html_table() -> None:
    pair = record(
        status=Status.COMPLETED,
        amount_due=5_000_000,
        amount_finished=4_500_000,
        amount_reduced=500_000,
    ).ledgers()
    html = pair._repr_html_()
    assert html.startswith(
        "<table><caption>LedgerPair</caption><thead><tr><th>dòng</th><th>việc</th>"
        "<th>tiền (đồng)</th></tr></thead><tbody>\n"
    )
    rows = html.split("<tbody>\n")[1].removesuffix("</tbody></table>").split("\n")
    assert len(rows) == len(AmountLedger.ROWS)
    right = '<td style="text-align:right">'
    assert rows[1] == f"<tr><td>thụ lý mới</td>{right}1</td>{right}5.000.000</td></tr>"
    assert rows[9] == f"<tr><td>thi hành xong</td>{right}1</td>{right}4.500.000</td></tr>"
    # giảm, miễn is a row of the money ledger only: no count of cases.
    assert rows[11] == f"<tr><td>giảm, miễn thi hành án</td><td>—</td>{right}500.000</td></tr>"
