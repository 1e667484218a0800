"""Tests written against mutants of the ledger package that survived (scripts/mutation.sh ledger).

Two kinds. First, every error of the package checked whole: code, details and
message (codes and details are API; the message names the rows, their
Vietnamese terms and the numbers that clash). Second, the parts of the package
that are computed once when it is imported (the row table's formulas, the
solver's chains, the compiled derived rows, the binding of the ledger
classes): mutmut imports the package before it forks a mutant, so a test sees a
mutation there only by calling the function again, which these do, against
values written out here from the rule book (docs/rules/ledgers.md). The
mutants left on purpose are listed in docs/howto/mutation.md.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import attrs
import pytest

from thads_metrics.errors import LedgerError, RateError
from thads_metrics.ledger import (
    AdministrativeLedger,
    AmountLedger,
    CaseLedger,
    RowEnum,
    _solver,
    describe,
    expand,
    layout_for,
    row_names,
    rows,
)
from thads_metrics.ledger.layouts import TT01_2013, TT05_2024, TT06_2019
from thads_metrics.ledger.ledgers import _bind, _Derived, _getter, _Ledger

LEGEND = {
    "carried_over": "số năm trước chuyển sang",
    "newly_accepted": "thụ lý mới",
    "accepted": "tổng số thụ lý",
    "entrusted": "ủy thác thi hành án",
    "withdrawn": "thu hồi, hủy quyết định thi hành án",
    "to_enforce": "tổng số phải thi hành",
    "with_conditions": "có điều kiện thi hành",
    "finished": "số thi hành xong, tính tỷ lệ",
    "finished_excluding_reduced": "thi hành xong và đình chỉ, không tính giảm, miễn",
    "completed": "thi hành xong",
    "terminated": "đình chỉ thi hành án",
    "reduced": "giảm, miễn thi hành án",
    "stayed": "hoãn, tạm đình chỉ (không tính vào số có điều kiện)",
    "without_conditions": "chưa có điều kiện thi hành",
}
CASE_ROWS = (
    "carried_over, newly_accepted, accepted, entrusted, withdrawn, to_enforce, "
    "with_conditions, finished, completed, terminated, in_progress, postponed, suspended, "
    "other, without_conditions, carried_forward, carried_forward_with_conditions"
)
CASE_STORED = (
    "carried_over",
    "newly_accepted",
    "entrusted",
    "withdrawn",
    "completed",
    "terminated",
    "in_progress",
    "postponed",
    "suspended",
    "other",
    "stayed",
    "without_conditions",
)
CASE_DERIVED = (
    "accepted",
    "to_enforce",
    "with_conditions",
    "finished",
    "carried_forward",
    "carried_forward_with_conditions",
)


def _legend(*names: str) -> str:
    return "(" + "; ".join(f"{name}: {LEGEND[name]}" for name in names) + ")"


def _raised(call: Any, error: type[Exception] = LedgerError) -> Any:
    with pytest.raises(error) as info:
        call()
    return info.value


def _check(error: Any, code: str, details: dict[str, Any], message: str) -> None:
    assert (error.code, dict(error.details), str(error)) == (code, details, message)


# --------------------------------------------------------------------------- the row table


def test_row_names_of_each_ledger() -> None:
    assert row_names(money=False, stored=True) == CASE_STORED
    assert row_names(money=False, stored=False) == CASE_DERIVED
    assert row_names(money=False) == (
        "carried_over",
        "newly_accepted",
        "accepted",
        "entrusted",
        "withdrawn",
        "to_enforce",
        "with_conditions",
        "finished",
        "completed",
        "terminated",
        "in_progress",
        "postponed",
        "suspended",
        "other",
        "stayed",
        "without_conditions",
        "carried_forward",
        "carried_forward_with_conditions",
    )
    assert row_names(money=True, stored=True) == (
        *CASE_STORED[:6],
        "reduced",
        *CASE_STORED[6:],
    )
    assert row_names(money=True, stored=False) == (
        *CASE_DERIVED[:4],
        "finished_excluding_reduced",
        *CASE_DERIVED[4:],
    )
    assert len(row_names(money=True)) == 20


CASE_EXPANSIONS = {
    "accepted": {"carried_over": 1, "newly_accepted": 1},
    "to_enforce": {"carried_over": 1, "newly_accepted": 1, "entrusted": -1, "withdrawn": -1},
    "with_conditions": dict.fromkeys(
        ("completed", "terminated", "in_progress", "postponed", "suspended", "other"), 1
    ),
    "finished": {"completed": 1, "terminated": 1},
    "carried_forward": {
        "carried_over": 1,
        "newly_accepted": 1,
        "entrusted": -1,
        "withdrawn": -1,
        "completed": -1,
        "terminated": -1,
    },
    "carried_forward_with_conditions": dict.fromkeys(
        ("in_progress", "postponed", "suspended", "other"), 1
    ),
}


def test_expand_every_derived_row_into_signed_stored_rows() -> None:
    for name, expansion in CASE_EXPANSIONS.items():
        assert expand(name, money=False) == expansion
    assert expand("finished", money=True) == {"completed": 1, "terminated": 1, "reduced": 1}
    assert expand("finished_excluding_reduced", money=True) == {"completed": 1, "terminated": 1}
    assert expand("with_conditions", money=True) == {
        "completed": 1,
        "terminated": 1,
        "reduced": 1,
        "in_progress": 1,
        "postponed": 1,
        "suspended": 1,
        "other": 1,
    }
    assert expand("carried_forward", money=True) == {
        **CASE_EXPANSIONS["carried_forward"],
        "reduced": -1,
    }


def test_expand_coefficients_are_ints() -> None:
    for name in row_names(money=True):
        assert all(type(c) is int for c in expand(name, money=True).values()), name


def test_expand_a_stored_row_is_itself_in_the_ledgers_that_have_it() -> None:
    assert expand("completed", money=False) == {"completed": 1}
    assert expand("reduced", money=True) == {"reduced": 1}
    assert expand("reduced", money=False) == {}


@pytest.mark.parametrize(
    ("name", "money", "text"),
    [
        ("accepted", True, "accepted = carried_over + newly_accepted"),
        ("to_enforce", True, "to_enforce = accepted − entrusted − withdrawn"),
        (
            "with_conditions",
            True,
            "with_conditions = finished + in_progress + postponed + suspended + other",
        ),
        ("finished", True, "finished = completed + terminated + reduced"),
        ("finished", False, "finished = completed + terminated"),
        ("carried_forward", False, "carried_forward = to_enforce − finished"),
        (
            "carried_forward_with_conditions",
            True,
            "carried_forward_with_conditions = with_conditions − finished",
        ),
        ("completed", False, "completed = "),
    ],
)
def test_describe_writes_the_rule_of_a_row(name: str, money: bool, text: str) -> None:
    assert describe(name, money=money) == text


def test_describe_counts_money_rows_by_default() -> None:
    assert describe("finished") == "finished = completed + terminated + reduced"


def test_a_bad_money_flag_or_row_name() -> None:
    for call in (lambda: expand("finished", money=1), lambda: describe("finished", money=1)):
        _check(
            _raised(call),
            "ledger.type",
            {"argument": "money", "value": "1", "rule": "bool"},
            "money must be True or False, got int 1",
        )
    names = ", ".join(repr(name) for name in row_names(money=True))
    for call in (lambda: expand("nope", money=True), lambda: describe("nope")):
        _check(
            _raised(call),
            "ledger.choice",
            {"argument": "name", "value": "'nope'", "rule": f"one of {names}"},
            f"name must be one of {names}, got 'nope'",
        )


def test_sum_reads_a_minus_sign_as_a_negative_part() -> None:
    assert rows._sum("accepted", "-entrusted", "-withdrawn") == (
        (1, "accepted"),
        (-1, "entrusted"),
        (-1, "withdrawn"),
    )


def test_the_rows_carried_forward() -> None:
    expected = ("in_progress", "postponed", "suspended", "other", "stayed", "without_conditions")
    assert rows._carried() == expected
    assert expected == rows.CARRIED_ROWS


def test_unknown_must_be_a_set_of_row_names() -> None:
    _check(
        _raised(lambda: CaseLedger(unknown="completed")),
        "ledger.type",
        {"argument": "unknown", "value": "'completed'"},
        "unknown must be a set of row names, got str 'completed'",
    )
    _check(
        _raised(lambda: CaseLedger(unknown=[1])),
        "ledger.type",
        {"argument": "unknown", "value": "1"},
        "unknown must hold row names (str), got 1",
    )


def test_row_enum_repr() -> None:
    class Kind(RowEnum):
        NEW = "newly_accepted"

    assert repr(Kind.NEW) == "Kind.NEW"
    assert Kind.NEW.term == "thụ lý mới"


# --------------------------------------------------------------------------- layouts


def test_layout_for_each_circular_from_its_first_day() -> None:
    assert layout_for(date(2000, 1, 1)) is TT01_2013  # before any layout: the oldest
    assert layout_for(date(2020, 1, 4)) is TT01_2013
    assert layout_for(date(2020, 1, 5)) is TT06_2019
    assert layout_for(date(2024, 7, 25)) is TT06_2019
    assert layout_for(date(2024, 7, 26)) is TT05_2024
    _check(
        _raised(lambda: layout_for("2020-01-05")),
        "ledger.type",
        {"argument": "day", "value": "'2020-01-05'", "rule": "a date"},
        "day must be a date, got str '2020-01-05'",
    )


def test_a_layout_has_only_rows_of_the_table() -> None:
    assert TT06_2019.has("stayed")
    assert not TT01_2013.has("stayed")
    assert not TT06_2019.has("no_such_row")


def test_a_layout_code_that_does_not_exist() -> None:
    _check(
        _raised(lambda: CaseLedger(layout="tt99")),
        "ledger.choice",
        {
            "argument": "layout",
            "value": "'tt99'",
            "rule": "one of 'tt01-2013', 'tt06-2019', 'tt05-2024'",
        },
        "layout must be one of 'tt01-2013', 'tt06-2019', 'tt05-2024', got 'tt99'",
    )


# --------------------------------------------------------------------------- the solver


def test_the_chains_of_the_two_ledgers() -> None:
    case = _solver.chain(money=False)
    assert case.rows == CASE_STORED[2:]
    assert dict(case.spans) == {
        "carried_over": (0, 11),
        "newly_accepted": (11, 10),
        **{name: (i, i + 1) for i, name in enumerate(CASE_STORED[2:])},
        "accepted": (0, 10),
        "to_enforce": (2, 10),
        "with_conditions": (2, 8),
        "finished": (2, 4),
        "carried_forward": (4, 10),
        "carried_forward_with_conditions": (4, 8),
    }
    assert case.intake == ("carried_over", "newly_accepted")
    assert case.terms is rows.ROW_TERMS
    assert case.nodes == 12
    money = _solver.chain(money=True)
    assert money.rows == row_names(money=True, stored=True)[2:]
    assert dict(money.spans) == {
        "carried_over": (0, 12),
        "newly_accepted": (12, 11),
        **{name: (i, i + 1) for i, name in enumerate(money.rows)},
        "accepted": (0, 11),
        "to_enforce": (2, 11),
        "with_conditions": (2, 9),
        "finished": (2, 5),
        "finished_excluding_reduced": (2, 4),
        "carried_forward": (5, 11),
        "carried_forward_with_conditions": (5, 9),
    }
    assert money == _solver.MONEY_CHAIN
    assert case == _solver.CASE_CHAIN


def test_build_chain_of_a_small_ledger() -> None:
    built = _solver.build_chain(
        ("in", "new", "a", "b", "c"),
        ("in", "new"),
        {
            "total": {"in": 1, "new": 1},
            "ab": {"a": 1, "b": 1},
            "rest": {"in": 1, "new": 1, "a": -1},
        },
        {"in": "vào", "new": "mới"},
    )
    assert built == _solver.Chain(
        ("a", "b", "c"),
        {
            "in": (0, 4),
            "new": (4, 3),
            "a": (0, 1),
            "b": (1, 2),
            "c": (2, 3),
            "total": (0, 3),
            "ab": (0, 2),
            "rest": (1, 3),
        },
        ("in", "new"),
        {"in": "vào", "new": "mới"},
    )


@pytest.mark.parametrize(
    ("expansion", "message"),
    [
        ({"in": 1, "a": 1}, "row x: the intake rows must enter together"),
        ({"new": 1}, "row x: the intake rows must enter together"),
        ({"a": 1, "c": 1}, "row x is not a span of the chain ('a', 'b', 'c')"),
        ({"a": 1, "b": -1}, "row x is not a span of the chain ('a', 'b', 'c')"),
        ({"b": 2}, "row x is not a span of the chain ('a', 'b', 'c')"),
    ],
)
def test_build_chain_refuses_a_row_that_is_not_a_span(
    expansion: dict[str, int], message: str
) -> None:
    with pytest.raises(AssertionError) as info:
        _solver.build_chain(("in", "new", "a", "b", "c"), ("in", "new"), {"x": expansion})
    assert str(info.value) == message


def test_legend_names_each_row_once_in_order() -> None:
    assert _solver.legend(["finished", "completed", "finished"]) == _legend("finished", "completed")


def test_negative_cycle_on_a_path_that_needs_every_round() -> None:
    # Edges listed against the path: each round relaxes one more step; no cycle.
    edges = [(2, 3, -1, "c", True), (1, 2, -1, "b", True), (0, 1, -1, "a", True)]
    assert _solver._negative_cycle(4, edges) is None
    cycle = _solver._negative_cycle(2, [(0, 1, 1, "a", True), (1, 0, -2, "a", False)])
    assert sorted(cycle or []) == [(0, 1, 1, "a", True), (1, 0, -2, "a", False)]


def test_shortest_paths_keep_the_shortest_edge_and_none_without_a_path() -> None:
    edges = [(0, 1, 2, "a", True), (0, 1, 5, "a", True), (1, 2, 3, "b", True)]
    assert _solver._shortest_paths(3, edges) == [[0, 2, 5], [None, 0, 3], [None, None, 0]]


def test_solve_refuses_a_row_of_another_ledger() -> None:
    with pytest.raises(AssertionError) as info:
        _solver.solve(_solver.CASE_CHAIN, {"reduced": 1})
    assert str(info.value) == f"reduced is not a row of {_solver.CASE_CHAIN.rows}"


# --------------------------------------------------------------------------- from_totals


def test_from_totals_puts_the_slack_in_the_last_row_of_each_span() -> None:
    ledger = CaseLedger.from_totals(finished=5)
    stored = {name: getattr(ledger, name) for name in CASE_STORED}
    assert stored == {**dict.fromkeys(CASE_STORED, 0), "newly_accepted": 5, "terminated": 5}
    assert ledger.rows() == {"finished": 5}
    half = CaseLedger.from_totals(to_enforce=100, with_conditions=80, finished=50)
    assert {name: getattr(half, name) for name in CASE_STORED} == {
        **dict.fromkeys(CASE_STORED, 0),
        "newly_accepted": 100,
        "terminated": 50,
        "other": 30,
        "without_conditions": 20,
    }
    assert half.unknown == frozenset(
        {"carried_over", "newly_accepted", "accepted", "entrusted", "withdrawn", "completed"}
        | {"terminated", "in_progress", "postponed", "suspended", "other"}
    )
    money = AmountLedger.from_totals(finished=5)
    assert (money.newly_accepted, money.reduced, money.completed) == (5, 5, 0)


def test_from_totals_of_the_administrative_ledger() -> None:
    ledger = AdministrativeLedger.from_totals(followed=10, finished=3)
    assert ledger.rows() == {"followed": 10, "finished": 3}
    assert (ledger.newly_accepted, ledger.pending, ledger.compulsion_orders) == (10, 7, 0)
    assert AdministrativeLedger.from_totals(followed=1, finished=1).compulsion_orders == 0


def test_impossible_totals_name_both_sides() -> None:
    _check(
        _raised(lambda: CaseLedger.from_totals(finished=10, completed=3, terminated=4)),
        "ledger.impossible_totals",
        {
            "left": ("completed", "terminated"),
            "right": ("finished",),
            "given": {"finished": 10, "completed": 3, "terminated": 4, "stayed": 0},
        },
        "impossible totals: completed (3) + terminated (4) = finished (10) must hold, but "
        "the left side is 7 and the right side is 10 "
        + _legend("completed", "terminated", "finished"),
    )
    _check(
        _raised(lambda: CaseLedger.from_totals(to_enforce=5, with_conditions=8)),
        "ledger.impossible_totals",
        {
            "left": ("to_enforce",),
            "right": ("with_conditions", "stayed", "without_conditions"),
            "given": {"to_enforce": 5, "with_conditions": 8, "stayed": 0},
        },
        "impossible totals: to_enforce (5) = with_conditions (8) + stayed (0) + "
        "without_conditions must hold, but the left side is 5 and the right side is at least 8 "
        + _legend("to_enforce", "with_conditions", "stayed", "without_conditions"),
    )


def test_impossible_totals_list_each_side_in_form_order() -> None:
    given = {
        "carried_over": 20,
        "newly_accepted": 30,
        "entrusted": 0,
        "withdrawn": 0,
        "to_enforce": 10,
    }
    _check(
        _raised(lambda: CaseLedger.from_totals(**given)),
        "ledger.impossible_totals",
        {
            "left": ("entrusted", "withdrawn", "to_enforce"),
            "right": ("carried_over", "newly_accepted"),
            "given": {**given, "stayed": 0},
        },
        "impossible totals: entrusted (0) + withdrawn (0) + to_enforce (10) = "
        "carried_over (20) + newly_accepted (30) must hold, but the left side is 10 and the "
        "right side is 50 (entrusted: ủy thác thi hành án; withdrawn: thu hồi, hủy quyết định "
        "thi hành án; to_enforce: tổng số phải thi hành; carried_over: số năm trước chuyển "
        "sang; newly_accepted: thụ lý mới)",
    )


def test_from_totals_errors() -> None:
    _check(
        _raised(lambda: CaseLedger.from_totals(reduced=1)),
        "ledger.money_only",
        {
            "row": "reduced",
            "value": "1",
            "ledger": "CaseLedger",
            "rule": "reduced is a row of the money ledger (tiền) only",
        },
        "reduced (giảm, miễn thi hành án) is a row of the money ledger only (AmountLedger); "
        "CaseLedger counts việc and has no such row, got reduced=1",
    )
    all_rows = CASE_ROWS.replace("other, ", "other, stayed, ")
    _check(
        _raised(lambda: CaseLedger.from_totals(zeta=2, done=1)),
        "ledger.no_such_row",
        {"row": "done", "ledger": "CaseLedger"},
        f"CaseLedger.from_totals has no row 'done'; rows are {all_rows}",
    )
    _check(
        _raised(lambda: CaseLedger.from_totals(finished=None)),
        "ledger.empty",
        {},
        "from_totals needs at least one total",
    )
    _check(
        _raised(lambda: CaseLedger.from_totals(finished=1.5)),
        "ledger.type",
        {"argument": "finished", "value": "1.5", "rule": "int"},
        "finished (số thi hành xong, tính tỷ lệ) must be an int, got float 1.5",
    )
    _check(
        _raised(lambda: CaseLedger.from_totals(stayed=3)),
        "ledger.layout",
        {"row": "stayed", "value": 3, "layout": "tt01-2013"},
        f"stayed ({LEGEND['stayed']}) is not a row of the layout of Thông tư "
        "01/2013/TT-BTP; got 3. Pass the layout of the report's circular, e.g. "
        "layout='tt06-2019' or 'tt05-2024'",
    )
    # stayed given as 0 is allowed in a layout without the row.
    assert CaseLedger.from_totals(stayed=0, finished=2).finished == 2


# --------------------------------------------------------------------------- construction


def test_stored_rows_must_be_ints_at_least_zero() -> None:
    _check(
        _raised(lambda: CaseLedger(completed=1.0)),
        "ledger.type",
        {"argument": "completed", "value": "1.0", "rule": "int"},
        "completed (thi hành xong) must be an int, got float 1.0",
    )
    _check(
        _raised(lambda: CaseLedger(completed=-1)),
        "ledger.range",
        {"argument": "completed", "value": -1, "rule": ">= 0"},
        "completed (thi hành xong) must be >= 0, got -1",
    )
    assert CaseLedger(carried_over=0).to_enforce == 0  # zero is a count


def test_a_row_the_layout_does_not_have() -> None:
    _check(
        _raised(lambda: CaseLedger(newly_accepted=5, stayed=5)),
        "ledger.layout",
        {"row": "stayed", "value": 5, "layout": "tt01-2013"},
        f"stayed ({LEGEND['stayed']}) must be 0 in the layout of Thông tư 01/2013/TT-BTP, "
        "whose forms have no such row; got 5. Use the layout of the report's circular, e.g. "
        "layout='tt06-2019' or 'tt05-2024'",
    )


def test_unknown_rows_the_ledger_does_not_have() -> None:
    _check(
        _raised(lambda: CaseLedger(unknown={"reduced", "zzz"})),
        "ledger.unknown_row",
        {"argument": "unknown", "value": ("reduced", "zzz")},
        f"unknown names rows that CaseLedger does not have: ['reduced', 'zzz']; "
        f"rows are {CASE_ROWS}",
    )
    every = frozenset(row_names(money=False)) - {"stayed"}
    assert CaseLedger(unknown=every).unknown == every  # all of its rows is allowed


def test_more_entrusted_or_withdrawn_than_accepted() -> None:
    _check(
        _raised(lambda: CaseLedger(newly_accepted=2, entrusted=3)),
        "ledger.negative",
        {"row": "to_enforce", "value": -1, "accepted": 2, "entrusted": 3, "withdrawn": 0},
        "to_enforce (-1) = accepted (2) − entrusted (3) − withdrawn (0) must be >= 0: more "
        "cases were entrusted or withdrawn than accepted; accepted (2) = carried_over (0) + "
        "newly_accepted (2) " + _legend("to_enforce", "accepted", "entrusted", "withdrawn"),
    )
    _check(
        _raised(lambda: AmountLedger(carried_over=1, newly_accepted=1, withdrawn=4)),
        "ledger.negative",
        {"row": "to_enforce", "value": -2, "accepted": 2, "entrusted": 0, "withdrawn": 4},
        "to_enforce (-2) = accepted (2) − entrusted (0) − withdrawn (4) must be >= 0: more "
        "đồng were entrusted or withdrawn than accepted; accepted (2) = carried_over (1) + "
        "newly_accepted (1) " + _legend("to_enforce", "accepted", "entrusted", "withdrawn"),
    )


IDENTITY_RULE = (
    "what is to enforce is classified as with conditions, stayed (in the layouts that count "
    "hoãn, tạm đình chỉ apart) or without conditions"
)


def test_rows_that_do_not_add_up() -> None:
    _check(
        _raised(lambda: CaseLedger(newly_accepted=10, completed=4, without_conditions=7)),
        "ledger.identity",
        {
            "identity": "to_enforce = with_conditions + without_conditions",
            "rule": IDENTITY_RULE,
            "difference": 1,
            "to_enforce": 10,
            "with_conditions": 4,
            "without_conditions": 7,
        },
        "rows do not add up: to_enforce = with_conditions + without_conditions must hold; got "
        "to_enforce (10) = accepted (10) − entrusted (0) − withdrawn (0), but with_conditions "
        "(4) + without_conditions (7) = 11, 1 cases more than to_enforce; with_conditions = "
        "completed (4) + terminated (0) + in_progress (0) + postponed (0) + suspended (0) + "
        "other (0); accepted (10) = carried_over (0) + newly_accepted (10) "
        + _legend("to_enforce", "with_conditions", "without_conditions", "accepted", "entrusted")[
            :-1
        ]
        + "; withdrawn: thu hồi, hủy quyết định thi hành án)",
    )
    error = _raised(
        lambda: AmountLedger(
            newly_accepted=10,
            completed=4,
            reduced=1,
            stayed=1,
            without_conditions=3,
            layout="tt06-2019",
        )
    )
    _check(
        error,
        "ledger.identity",
        {
            "identity": "to_enforce = with_conditions + stayed + without_conditions",
            "rule": IDENTITY_RULE,
            "difference": -1,
            "to_enforce": 10,
            "with_conditions": 5,
            "stayed": 1,
            "without_conditions": 3,
        },
        "rows do not add up: to_enforce = with_conditions + stayed + without_conditions must "
        "hold; got to_enforce (10) = accepted (10) − entrusted (0) − withdrawn (0), but "
        "with_conditions (5) + stayed (1) + without_conditions (3) = 9, 1 đồng fewer than "
        "to_enforce; with_conditions = completed (4) + terminated (0) + reduced (1) + "
        "in_progress (0) + postponed (0) + suspended (0) + other (0); accepted (10) = "
        "carried_over (0) + newly_accepted (10) "
        + _legend(
            "to_enforce",
            "with_conditions",
            "stayed",
            "without_conditions",
            "accepted",
            "entrusted",
            "withdrawn",
        ),
    )


# --------------------------------------------------------------------------- rows and knowledge


def test_rows_asked_by_a_name_the_ledger_does_not_have() -> None:
    for name, shown in (("reduced", "'reduced'"), (5, "5")):
        _check(
            _raised(lambda name=name: CaseLedger().is_known(name)),
            "ledger.no_such_row",
            {"row": shown, "ledger": "CaseLedger"},
            f"CaseLedger has no row {shown}; rows are {CASE_ROWS}",
        )


def test_a_row_that_is_not_known() -> None:
    ledger = CaseLedger.from_totals(to_enforce=100, with_conditions=80, finished=50)
    _check(
        _raised(lambda: ledger.row("completed")),
        "ledger.unknown_value",
        {"row": "completed"},
        "completed (thi hành xong) is not known for this ledger: it was built from totals "
        "that do not determine it",
    )
    assert ledger.row("without_conditions") == 20


def test_rates_that_need_rows_the_ledger_does_not_know() -> None:
    _check(
        _raised(lambda: CaseLedger.from_totals(to_enforce=100).completion_rate()),
        "ledger.unknown_value",
        {"needed_by": "completion_rate", "rows": ("finished", "with_conditions")},
        "completion_rate needs finished and with_conditions, but this ledger does not know "
        "finished and with_conditions: it was built from totals that do not determine them "
        + _legend("finished", "with_conditions"),
    )
    _check(
        _raised(lambda: CaseLedger.from_totals(finished=100).completion_rate()),
        "ledger.unknown_value",
        {"needed_by": "completion_rate", "rows": ("with_conditions",)},
        "completion_rate needs finished and with_conditions, but this ledger does not know "
        "with_conditions: it was built from totals that do not determine it "
        + _legend("with_conditions"),
    )
    _check(
        _raised(lambda: CaseLedger.from_totals(with_conditions=100).conditions_share()),
        "ledger.unknown_value",
        {"needed_by": "conditions_share", "rows": ("to_enforce",)},
        "conditions_share needs with_conditions and to_enforce, but this ledger does not know "
        "to_enforce: it was built from totals that do not determine it " + _legend("to_enforce"),
    )
    _check(
        _raised(lambda: CaseLedger.from_totals(to_enforce=100).conditions_share()),
        "ledger.unknown_value",
        {"needed_by": "conditions_share", "rows": ("with_conditions",)},
        "conditions_share needs with_conditions and to_enforce, but this ledger does not know "
        "with_conditions: it was built from totals that do not determine it "
        + _legend("with_conditions"),
    )
    partial = AmountLedger.from_totals(finished=5, with_conditions=10)
    _check(
        _raised(lambda: partial.completion_rate(count_reduced=False)),
        "ledger.unknown_value",
        {"needed_by": "completion_rate", "rows": ("finished_excluding_reduced",)},
        "completion_rate needs finished_excluding_reduced and with_conditions, but this ledger "
        "does not know finished_excluding_reduced: it was built from totals that do not "
        "determine it " + _legend("finished_excluding_reduced"),
    )
    assert partial.completion_rate() == Decimal("50")
    _check(
        _raised(
            lambda: AmountLedger.from_totals(finished_excluding_reduced=5).completion_rate(
                count_reduced=False
            )
        ),
        "ledger.unknown_value",
        {"needed_by": "completion_rate", "rows": ("with_conditions",)},
        "completion_rate needs finished_excluding_reduced and with_conditions, but this ledger "
        "does not know with_conditions: it was built from totals that do not determine it "
        + _legend("with_conditions"),
    )
    _check(
        _raised(lambda: AmountLedger().completion_rate(count_reduced=1)),
        "ledger.type",
        {"argument": "count_reduced", "value": "1", "rule": "bool"},
        "count_reduced must be True or False, got int 1",
    )


def test_an_empty_base_passes_empty_through() -> None:
    empty = CaseLedger()
    assert empty.completion_rate(empty=100) == Decimal("100")
    assert empty.conditions_share(empty=0) == Decimal("0")
    with pytest.raises(RateError):
        empty.completion_rate()


# --------------------------------------------------------------------------- adding


def test_adding_what_is_not_a_ledger_of_the_same_kind() -> None:
    _check(
        _raised(lambda: CaseLedger() + AmountLedger()),
        "ledger.kind",
        {"left": "CaseLedger", "right": "AmountLedger"},
        "cannot add AmountLedger (đồng) and CaseLedger (cases): the case and money ledgers are "
        "kept apart",
    )
    for call in (lambda: CaseLedger() + 5, lambda: 5 + CaseLedger()):
        _check(
            _raised(call),
            "ledger.type",
            {"left": "CaseLedger", "right": "int"},
            "cannot add int 5 and CaseLedger: only ledgers of the same kind add up; to add "
            "many, use sum(ledgers, start=CaseLedger())",
        )


def test_adding_ledgers_of_two_layouts() -> None:
    old = CaseLedger(newly_accepted=1, without_conditions=1)
    new = CaseLedger(newly_accepted=1, without_conditions=1, layout="tt06-2019")
    _check(
        _raised(lambda: old + new),
        "ledger.layout",
        {"left": "tt01-2013", "right": "tt06-2019"},
        "cannot add ledgers of two layouts, Thông tư 01/2013/TT-BTP and Thông tư "
        "06/2019/TT-BTP: their rows do not mean the same; convert one first with "
        ".convert(layout), which keeps what is exact and marks the rest unknown",
    )
    # An empty ledger that knows nothing is not the neutral element.
    unknown_empty = CaseLedger(unknown={"completed"})
    with pytest.raises(LedgerError):
        unknown_empty + new


# --------------------------------------------------------------------------- roll forward


def test_roll_forward_separate_book_errors() -> None:
    _check(
        _raised(lambda: CaseLedger().roll_forward(separate_book=1.5)),
        "ledger.type",
        {"argument": "separate_book", "value": "1.5", "rule": "int"},
        "separate_book (sổ theo dõi riêng) must be an int, got float 1.5",
    )
    year = CaseLedger(newly_accepted=3, without_conditions=3)
    _check(
        _raised(lambda: year.roll_forward(separate_book=4)),
        "ledger.range",
        {"argument": "separate_book", "value": 4, "without_conditions": 3},
        "separate_book (4) cannot exceed without_conditions (3): only cases chưa có điều kiện "
        "thi hành are moved to the separate register (sổ theo dõi riêng)",
    )
    opening = year.roll_forward(separate_book=3)  # all of them may move
    assert (opening.carried_over, opening.without_conditions) == (0, 0)
    _check(
        _raised(lambda: CaseLedger.from_totals(to_enforce=5).roll_forward(separate_book=1)),
        "ledger.unknown_value",
        {"needed_by": "roll_forward(separate_book=…)", "rows": ("without_conditions",)},
        "roll_forward(separate_book=…) needs without_conditions, but this ledger does not know "
        "without_conditions: it was built from totals that do not determine it "
        + _legend("without_conditions"),
    )


def test_roll_forward_of_a_partial_ledger_keeps_what_is_known() -> None:
    year = CaseLedger.from_totals(to_enforce=100, with_conditions=80, finished=50)
    opening = year.roll_forward()
    assert opening.rows() == {
        "carried_over": 50,
        "newly_accepted": 0,
        "accepted": 50,
        "entrusted": 0,
        "withdrawn": 0,
        "to_enforce": 50,
        "with_conditions": 30,
        "finished": 0,
        "completed": 0,
        "terminated": 0,
        "without_conditions": 20,
        "carried_forward": 50,
        "carried_forward_with_conditions": 30,
    }
    unknown_forward = CaseLedger.from_totals(finished=5, without_conditions=2)
    assert unknown_forward.roll_forward().rows() == {
        "newly_accepted": 0,
        "entrusted": 0,
        "withdrawn": 0,
        "finished": 0,
        "completed": 0,
        "terminated": 0,
        "without_conditions": 2,
    }


def test_roll_forward_keeps_with_conditions_known_from_what_carries_forward() -> None:
    # In the layout with a "stayed" bucket, with_conditions of the opening is not
    # implied by its other rows: it is what carried forward with conditions.
    year = CaseLedger.from_totals(
        layout="tt06-2019", to_enforce=100, with_conditions=80, finished=50
    )
    opening = year.roll_forward()
    assert opening.is_known("with_conditions")
    assert opening.row("with_conditions") == 30
    assert not opening.is_known("without_conditions")


# --------------------------------------------------------------------------- convert


def test_convert_keeps_the_totals_it_knows() -> None:
    partial = CaseLedger.from_totals(to_enforce=100, with_conditions=80, finished=50)
    moved = partial.convert("tt06-2019")
    assert moved.rows() == {
        "to_enforce": 100,
        "finished": 50,
        "without_conditions": 20,
        "carried_forward": 50,
    }
    unknown_total = CaseLedger.from_totals(with_conditions=80, finished=50)
    assert unknown_total.convert("tt06-2019").rows() == {"finished": 50}


# --------------------------------------------------------------------------- display


def test_repr_html_shows_every_row_and_a_dash_for_the_unknown() -> None:
    known = CaseLedger(newly_accepted=3, completed=1, without_conditions=2)._repr_html_()
    assert known.startswith(
        "<table><caption>CaseLedger (cases)</caption><thead><tr><th>row</th><th>dòng</th>"
        "<th>số</th></tr></thead><tbody>\n<tr><td>carried_over</td><td>số năm trước chuyển "
        'sang</td><td style="text-align:right">0</td></tr>\n<tr><td>newly_accepted</td><td>'
        'thụ lý mới</td><td style="text-align:right">3</td></tr>'
    )
    assert known.count("<tr><td>") == 17
    partial = AmountLedger.from_totals(to_enforce=5, with_conditions=3)._repr_html_()
    assert "<caption>AmountLedger (đồng)</caption>" in partial
    assert "<tr><td>carried_over</td><td>số năm trước chuyển sang</td><td>—</td></tr>" in partial
    assert (
        '<tr><td>without_conditions</td><td>chưa có điều kiện thi hành</td><td style="text-'
        'align:right">2</td></tr>' in partial
    )


# --------------------------------------------------------------------------- import-time parts


VALUES = {name: 2**i for i, name in enumerate(row_names(money=True, stored=True))}


@pytest.mark.parametrize(
    ("name", "money", "value", "doc"),
    [
        ("accepted", False, 1 + 2, "Accepted (tổng số thụ lý)."),
        ("to_enforce", False, 1 + 2 - 4 - 8, "To enforce (tổng số phải thi hành)."),
        (
            "with_conditions",
            False,
            16 + 32 + 128 + 256 + 512 + 1024,
            "With conditions to enforce (có điều kiện thi hành).",
        ),
        (
            "with_conditions",
            True,
            16 + 32 + 64 + 128 + 256 + 512 + 1024,
            "With conditions to enforce (có điều kiện thi hành).",
        ),
        ("finished", True, 16 + 32 + 64, "Finished (số thi hành xong, tính tỷ lệ)."),
        (
            "finished_excluding_reduced",
            True,
            16 + 32,
            "Finished, not counting reductions (thi hành xong và đình chỉ, không tính giảm, miễn).",
        ),
        ("carried_forward", False, 1 + 2 - 4 - 8 - 16 - 32, "Carried forward (số chuyển kỳ sau)."),
        (
            "carried_forward_with_conditions",
            True,
            128 + 256 + 512 + 1024,
            "Carried forward with conditions (có điều kiện chuyển kỳ sau).",
        ),
        ("reduced", False, 0, "Reduced or exempted (giảm, miễn thi hành án)."),
    ],
)
def test_getter_compiles_a_derived_row(name: str, money: bool, value: int, doc: str) -> None:
    getter = _getter(name, money=money)
    assert isinstance(getter, property)
    assert getter.fget is not None
    computed = getter.fget(SimpleNamespace(**VALUES))
    assert computed == value
    assert type(computed) is int
    assert getter.__doc__ == doc


def test_derived_descriptor_before_binding() -> None:
    class Holder:
        total = _Derived()

    assert isinstance(Holder.total, _Derived)
    assert Holder.total.name == "total"
    with pytest.raises(AssertionError) as info:
        _ = Holder().total
    assert str(info.value) == "total was not bound to the row table"


def test_bind_gives_a_ledger_class_its_rows() -> None:
    @attrs.frozen(repr=False, kw_only=True)
    class Cases(_Ledger):
        pass

    assert _bind(Cases, money=False, unit="việc") is Cases
    assert (
        CASE_STORED,
        CASE_DERIVED,
        row_names(money=False),
    ) == (Cases.STORED, Cases.DERIVED, Cases.ROWS)
    assert (Cases.MONEY, Cases._UNIT, Cases._CHAIN) == (False, "việc", _solver.CASE_CHAIN)
    ledger = Cases(
        carried_over=5,
        newly_accepted=7,
        entrusted=1,
        completed=6,
        terminated=1,
        in_progress=2,
        without_conditions=2,
    )
    assert [getattr(ledger, name) for name in CASE_DERIVED] == [12, 11, 9, 7, 4, 2]
    assert Cases.to_enforce.__doc__ == "To enforce (tổng số phải thi hành)."

    @attrs.frozen(repr=False, kw_only=True)
    class Money(_Ledger):
        reduced: int = 0
        finished_excluding_reduced = _Derived()

    _bind(Money, money=True, unit="đồng")
    assert (Money.MONEY, Money._UNIT, Money._CHAIN) == (True, "đồng", _solver.MONEY_CHAIN)
    assert row_names(money=True, stored=True) == Money.STORED
    assert row_names(money=True, stored=False) == Money.DERIVED
    assert row_names(money=True) == Money.ROWS
    tien = Money(newly_accepted=8, completed=2, reduced=2, in_progress=4)
    assert (tien.finished, tien.finished_excluding_reduced) == (4, 2)


def test_bind_refuses_a_class_whose_rows_are_not_the_tables() -> None:
    @attrs.frozen(repr=False, kw_only=True)
    class Short(_Ledger):
        pass

    with pytest.raises(AssertionError) as info:
        _bind(Short, money=True, unit="đồng")
    assert str(info.value) == (
        f"Short: fields {sorted(CASE_STORED)} and derived rows {sorted(CASE_DERIVED)} must be "
        f"the row table's {row_names(money=True, stored=True)} and "
        f"{row_names(money=True, stored=False)}"
    )

    @attrs.frozen(repr=False, kw_only=True)
    class Extra(_Ledger):
        finished_excluding_reduced = _Derived()

    with pytest.raises(AssertionError, match=r"^Extra: fields"):
        _bind(Extra, money=False, unit="việc")


# --------------------------------------------------------------------------- administrative


def test_administrative_errors() -> None:
    adm = AdministrativeLedger
    _check(
        _raised(lambda: adm(unknown={"zzz", "reduced"})),
        "ledger.unknown_row",
        {"argument": "unknown", "value": ("reduced", "zzz")},
        "unknown names rows AdministrativeLedger does not have: ['reduced', 'zzz']",
    )
    _check(
        _raised(lambda: adm() + CaseLedger()),
        "ledger.type",
        {"left": "AdministrativeLedger", "right": "CaseLedger"},
        "cannot add CaseLedger and AdministrativeLedger",
    )
    _check(
        _raised(lambda: 1 + adm()),
        "ledger.type",
        {"left": "int", "right": "AdministrativeLedger"},
        "cannot add int and AdministrativeLedger; to add many, use "
        "sum(ledgers, start=AdministrativeLedger())",
    )
    _check(
        _raised(lambda: adm(compulsion_orders=-1)),
        "ledger.range",
        {"argument": "compulsion_orders", "value": -1, "rule": ">= 0"},
        "compulsion_orders (quyết định buộc) must be >= 0, got -1",
    )
    _check(
        _raised(lambda: adm(stayed=1.0)),
        "ledger.type",
        {"argument": "stayed", "value": "1.0", "rule": "int"},
        "stayed (bị hủy, hoãn, tạm đình chỉ thi hành) must be an int, got float 1.0",
    )
    _check(
        _raised(lambda: adm(carried_over=39, newly_accepted=15, finished=5, pending=50)),
        "ledger.identity",
        {
            "identity": "followed = finished + stayed + pending",
            "difference": 1,
            "carried_over": 39,
            "newly_accepted": 15,
            "followed": 54,
            "finished": 5,
            "stayed": 0,
            "pending": 50,
        },
        "rows do not add up: followed (54) = finished (5) + stayed (0) + pending (50) must "
        "hold, but the right side is 55; followed = carried_over (39) + newly_accepted (15) "
        "(followed: tổng số bản án, quyết định phải theo dõi; finished: đã thi hành xong; "
        "stayed: bị hủy, hoãn, tạm đình chỉ thi hành; pending: còn đang theo dõi, tiếp tục "
        "thi hành)",
    )
    _check(
        _raised(lambda: adm().is_known("x")),
        "ledger.no_such_row",
        {"row": "'x'", "ledger": "AdministrativeLedger"},
        "AdministrativeLedger has no row 'x'; rows are carried_over, newly_accepted, followed, "
        "finished, stayed, pending",
    )
    _check(
        _raised(lambda: adm.from_totals(finished=3).completion_rate()),
        "ledger.unknown_value",
        {"needed_by": "completion_rate", "rows": ("followed",)},
        "completion_rate needs followed, which this ledger does not know",
    )
    _check(
        _raised(lambda: adm.from_totals(stayed=3).completion_rate()),
        "ledger.unknown_value",
        {"needed_by": "completion_rate", "rows": ("finished", "followed")},
        "completion_rate needs finished and followed, which this ledger does not know",
    )
    _check(
        _raised(lambda: adm.from_totals(followed=5, x=1)),
        "ledger.no_such_row",
        {"row": "x", "ledger": "AdministrativeLedger"},
        "from_totals has no row 'x'; rows are carried_over, newly_accepted, followed, "
        "finished, stayed, pending",
    )
    _check(_raised(adm.from_totals), "ledger.empty", {}, "from_totals needs at least one total")
    _check(
        _raised(lambda: adm.from_totals(followed=1.5)),
        "ledger.type",
        {"argument": "followed", "value": "1.5", "rule": "int"},
        "followed (tổng số bản án, quyết định phải theo dõi) must be an int, got float 1.5",
    )


def test_administrative_values() -> None:
    adm = AdministrativeLedger
    assert adm(carried_over=0, finished=0).followed == 0  # zero rows are fine
    assert adm().completion_rate(empty=100) == Decimal("100")
    with pytest.raises(RateError):
        adm().completion_rate()
    total = adm(newly_accepted=2, finished=2, unknown={"finished"}) + adm(
        carried_over=1, pending=1, compulsion_orders=3, unknown={"pending"}
    )
    assert total.unknown == frozenset({"finished", "pending"})
    assert (total.followed, total.compulsion_orders) == (3, 3)
    assert adm.from_totals(followed=1, finished=1).is_known("finished")
    assert repr(adm(carried_over=1, pending=1, compulsion_orders=2)) == (
        "AdministrativeLedger(carried_over=1, pending=1, compulsion_orders=2)"
    )
    assert repr(adm.from_totals(followed=10, finished=3)) == (
        "AdministrativeLedger(newly_accepted=10, finished=3, pending=7, unknown=frozenset("
        "{'carried_over', 'newly_accepted', 'stayed', 'pending'}))"
    )
    assert repr(adm()) == "AdministrativeLedger()"
