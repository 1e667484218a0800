"""Properties of the ledgers: identities, merge algebra, roll-forward, from_totals."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from thads_metrics import testing
from thads_metrics.errors import LedgerError
from thads_metrics.ledger import AmountLedger, CaseLedger
from thads_metrics.ledger.layouts import LAYOUTS
from thads_metrics.rates import completion_rate, conditions_share

Ledger = CaseLedger | AmountLedger
KINDS = (CaseLedger, AmountLedger)
TOTALS = (
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
    "reduced",
    "in_progress",
    "postponed",
    "suspended",
    "other",
    "without_conditions",
    "carried_forward",
    "carried_forward_with_conditions",
)
CLASSIFIED = (
    "completed",
    "terminated",
    "reduced",
    "in_progress",
    "postponed",
    "suspended",
    "other",
    "without_conditions",
)


@st.composite
def rows(draw: Any, cls: type[Ledger], max_value: int = 10**6) -> dict[str, int]:
    """Stored rows that balance: the classified rows and what left sum to accepted."""
    n = st.integers(0, max_value)
    values = {name: draw(n) for name in ("entrusted", "withdrawn", *CLASSIFIED)}
    if cls is CaseLedger:
        del values["reduced"]
    accepted = sum(values.values())
    values["carried_over"] = draw(st.integers(0, accepted))
    values["newly_accepted"] = accepted - values["carried_over"]
    return values


def ledgers(cls: type[Ledger], max_value: int = 10**6) -> st.SearchStrategy[Any]:
    # Small values too, so that zeros and equal rows are common.
    return st.one_of(rows(cls, 5), rows(cls, max_value)).map(lambda values: cls(**values))


any_ledger = st.sampled_from(KINDS).flatmap(ledgers)
case_ledgers = ledgers(CaseLedger)
money_ledgers = ledgers(AmountLedger, 10**18)


# --------------------------------------------------------------------------- identities


@given(any_ledger)
def test_every_identity_of_the_form_holds(ledger: Ledger) -> None:
    reduced = ledger.reduced if isinstance(ledger, AmountLedger) else 0
    assert ledger.accepted == ledger.carried_over + ledger.newly_accepted
    assert ledger.to_enforce == ledger.accepted - ledger.entrusted - ledger.withdrawn
    assert ledger.to_enforce == ledger.with_conditions + ledger.without_conditions
    assert ledger.finished == ledger.completed + ledger.terminated + reduced
    assert ledger.with_conditions == (
        ledger.finished + ledger.in_progress + ledger.postponed + ledger.suspended + ledger.other
    )
    assert ledger.carried_forward == ledger.to_enforce - ledger.finished
    assert ledger.carried_forward == ledger.carried_forward_with_conditions + (
        ledger.without_conditions
    )
    assert ledger.carried_forward_with_conditions == ledger.with_conditions - ledger.finished
    assert 0 <= ledger.finished <= ledger.with_conditions <= ledger.to_enforce <= ledger.accepted
    assert ledger.carried_forward_with_conditions <= ledger.carried_forward
    assert all(value >= 0 for value in ledger.rows().values())


@given(any_ledger, st.data())
def test_changing_any_one_stored_row_breaks_the_balance(ledger: Ledger, data: Any) -> None:
    name = data.draw(st.sampled_from(ledger.layout.row_names(type(ledger).STORED)))
    delta = data.draw(st.integers(-(10**6), 10**6).filter(bool))
    assume(getattr(ledger, name) + delta >= 0)
    values = {row: getattr(ledger, row) for row in type(ledger).STORED}
    values[name] += delta
    with pytest.raises(LedgerError, match="to_enforce"):
        type(ledger)(**values, layout=ledger.layout)


@given(
    st.sampled_from(KINDS),
    st.sampled_from((*CLASSIFIED, "entrusted", "carried_over")),
    st.one_of(
        st.floats(allow_nan=True),
        st.booleans(),
        st.none(),
        st.text(max_size=3),
        st.decimals(allow_nan=True),
        st.fractions(),
    ),
)
def test_non_int_rows_are_refused(cls: type[Ledger], name: str, value: object) -> None:
    assume(name in cls.STORED)
    with pytest.raises(LedgerError, match="must be an int"):
        cls(**{name: value})
    if value is not None:  # from_totals reads None as "not published"
        with pytest.raises(LedgerError, match="must be an int"):
            cls.from_totals(**{name: value})


@given(case_ledgers)
def test_case_rates_delegate(ledger: CaseLedger) -> None:
    assert ledger.completion_rate(empty=0) == completion_rate(
        ledger.finished, ledger.with_conditions, empty=0
    )
    assert ledger.conditions_share(empty=0) == conditions_share(
        ledger.with_conditions, ledger.to_enforce, empty=0
    )


@given(money_ledgers)
def test_money_rate_without_reduced_is_never_higher(ledger: AmountLedger) -> None:
    assert ledger.finished == ledger.finished_excluding_reduced + ledger.reduced
    with_reduced = ledger.completion_rate(empty=0)
    without = ledger.completion_rate(count_reduced=False, empty=0)
    assert without <= with_reduced
    if ledger.with_conditions:
        exact = Fraction(ledger.finished_excluding_reduced * 100, ledger.with_conditions)
        assert abs(Fraction(without) - exact) < Fraction(1, 10**40)


# --------------------------------------------------------------------------- merge


@given(st.sampled_from(KINDS).flatmap(lambda cls: st.tuples(*[ledgers(cls)] * 3)))
def test_merge_is_associative_commutative_with_identity(
    three: tuple[Ledger, Ledger, Ledger],
) -> None:
    a, b, c = three
    empty = type(a)()
    assert (a + b) + c == a + (b + c)
    assert a + b == b + a
    assert a + empty == a == empty + a
    assert sum([a, b, c], start=empty) == a + b + c


@given(st.sampled_from(KINDS).flatmap(lambda cls: st.tuples(ledgers(cls), ledgers(cls))))
def test_merge_adds_every_row_stored_and_derived(pair: tuple[Ledger, Ledger]) -> None:
    a, b = pair
    total = a + b
    for name in type(a).ROWS:
        assert getattr(total, name) == getattr(a, name) + getattr(b, name)


# --------------------------------------------------------------------------- roll forward


@given(any_ledger)
def test_roll_forward_opens_with_what_was_carried_forward(ledger: Ledger) -> None:
    opening = ledger.roll_forward()
    assert type(opening) is type(ledger)
    assert opening.carried_over == opening.accepted == opening.to_enforce
    assert opening.carried_over == ledger.carried_forward
    assert opening.with_conditions == ledger.carried_forward_with_conditions
    assert opening.without_conditions == ledger.without_conditions
    assert opening.finished == opening.entrusted == opening.withdrawn == 0
    assert opening.newly_accepted == 0
    assert opening.carried_forward == ledger.carried_forward
    assert opening.roll_forward() == opening


@given(st.sampled_from(KINDS).flatmap(lambda cls: st.tuples(ledgers(cls), ledgers(cls))))
def test_roll_forward_is_additive(pair: tuple[Ledger, Ledger]) -> None:
    a, b = pair
    assert (a + b).roll_forward() == a.roll_forward() + b.roll_forward()


# --------------------------------------------------------------------------- from_totals


def every_row(ledger: Ledger) -> dict[str, int]:
    return {name: getattr(ledger, name) for name in type(ledger).ROWS if name in TOTALS}


@given(any_ledger)
def test_from_totals_of_all_stored_rows_is_the_ledger(ledger: Ledger) -> None:
    values = {name: getattr(ledger, name) for name in type(ledger).STORED}
    assert type(ledger).from_totals(**values) == ledger


@given(any_ledger, st.data())
def test_from_totals_accepts_any_totals_of_a_real_ledger_and_knows_only_truths(
    ledger: Ledger, data: Any
) -> None:
    published = every_row(ledger)
    names = data.draw(st.sets(st.sampled_from(sorted(published)), min_size=1))
    given_totals = {name: published[name] for name in names}
    built = type(ledger).from_totals(**given_totals)
    for name in names:  # what was given is known and kept
        assert built.is_known(name)
        assert getattr(built, name) == given_totals[name]
    for name, value in built.rows().items():  # whatever it claims to know is true
        assert value == getattr(ledger, name), name
    if {"to_enforce", "with_conditions"} <= names:
        assert built.is_known("without_conditions")
    if {"finished", "with_conditions"} <= names:
        assert built.row("carried_forward_with_conditions") == (
            ledger.carried_forward_with_conditions
        )


@given(any_ledger, st.data())
def test_from_totals_does_not_claim_rows_that_could_differ(ledger: Ledger, data: Any) -> None:
    # Move one unit between two rows that no given total separates: the other
    # ledger has the same totals, so neither row can be known.
    cls = type(ledger)
    pairs = [
        ("completed", "terminated"),
        ("in_progress", "other"),
        ("carried_over", "newly_accepted"),
    ]
    first, second = data.draw(st.sampled_from(pairs))
    assume(getattr(ledger, first) > 0)
    values = {name: getattr(ledger, name) for name in cls.STORED}
    values[first] -= 1
    values[second] += 1
    twin = cls(**values)
    shared = {
        name: value
        for name, value in every_row(ledger).items()
        if getattr(twin, name) == value and name not in (first, second)
    }
    names = data.draw(st.sets(st.sampled_from(sorted(shared)), min_size=1))
    built = cls.from_totals(**{name: shared[name] for name in names})
    assert not built.is_known(first)
    assert not built.is_known(second)


@given(st.sampled_from(KINDS), st.integers(0, 10**9), st.integers(1, 10**9), st.data())
def test_from_totals_refuses_a_part_larger_than_its_whole(
    cls: type[Ledger], whole: int, excess: int, data: Any
) -> None:
    part, total = data.draw(
        st.sampled_from(
            [
                ("finished", "with_conditions"),
                ("with_conditions", "to_enforce"),
                ("finished", "to_enforce"),
                ("to_enforce", "accepted"),
                ("entrusted", "accepted"),
                ("completed", "finished"),
                ("without_conditions", "carried_forward"),
                ("carried_forward_with_conditions", "with_conditions"),
                ("in_progress", "carried_forward_with_conditions"),
                ("carried_over", "accepted"),
                ("carried_forward", "to_enforce"),
            ]
        )
    )
    with pytest.raises(LedgerError, match="impossible totals") as info:
        cls.from_totals(**{total: whole, part: whole + excess})
    assert part in str(info.value)
    assert total in str(info.value)


@given(any_ledger, st.data())
def test_from_totals_refuses_an_inconsistent_complete_set(ledger: Ledger, data: Any) -> None:
    # With every total published, changing any one of them is caught.
    published = every_row(ledger)
    name = data.draw(st.sampled_from(sorted(published)))
    delta = data.draw(st.integers(-(10**6), 10**6).filter(bool))
    assume(published[name] + delta >= 0)
    published[name] += delta
    with pytest.raises(LedgerError, match="impossible totals"):
        type(ledger).from_totals(**published)


@given(st.sampled_from(KINDS).flatmap(lambda cls: st.tuples(ledgers(cls), ledgers(cls))))
def test_unknown_rows_stay_unknown_through_merge_and_roll(pair: tuple[Ledger, Ledger]) -> None:
    a, b = pair
    assume(a.carried_forward > 0)  # else to_enforce = finished fixes every total
    partial = type(a).from_totals(to_enforce=a.to_enforce, finished=a.finished)
    merged = partial + b
    assert merged.unknown == partial.unknown
    assert merged.row("carried_forward") == a.carried_forward + b.carried_forward
    opening = merged.roll_forward()
    assert opening.row("carried_over") == merged.carried_forward
    assert not opening.is_known("with_conditions")


@given(st.sampled_from(KINDS), st.integers(0, 10**30), st.integers(0, 10**30))
def test_huge_amounts_stay_exact(cls: type[Ledger], a: int, b: int) -> None:
    ledger = cls.from_totals(to_enforce=a + b, with_conditions=a)
    assert ledger.row("without_conditions") == b
    if a:
        share = ledger.conditions_share()
        assert isinstance(share, Decimal)
        assert abs(Fraction(share) - Fraction(100 * a, a + b)) < Fraction(1, 10**40)


@given(case_ledgers, st.integers(0, 100))
def test_roll_forward_with_separate_book_moves_only_without_conditions(
    ledger: CaseLedger, share: int
) -> None:
    moved = ledger.without_conditions * share // 100
    opening = ledger.roll_forward(separate_book=moved)
    assert opening.carried_over == ledger.carried_forward - moved
    assert opening.to_enforce == opening.carried_over
    assert opening.with_conditions == ledger.carried_forward_with_conditions
    assert opening.without_conditions == ledger.without_conditions - moved


# --------------------------------------------------------------------------- layouts

layouts = st.sampled_from(tuple(LAYOUTS.values()))


def _in(layout: Any) -> st.SearchStrategy[Any]:
    return st.one_of(
        testing.case_ledgers(10**6, layout=layout), testing.amount_ledgers(10**12, layout=layout)
    )


@given(st.data())
def test_every_layout_s_identities_hold_for_drawn_ledgers(data: Any) -> None:
    layout = data.draw(layouts)
    ledger = data.draw(_in(layout))
    parts = ledger.with_conditions + ledger.stayed + ledger.without_conditions
    assert ledger.to_enforce == parts
    if not layout.has("stayed"):
        assert ledger.stayed == 0
        assert "stayed" not in ledger.rows()
    assert ledger.carried_forward == ledger.to_enforce - ledger.finished
    if ledger.with_conditions:  # the denominator is có điều kiện, whatever the layout
        assert ledger.completion_rate() == completion_rate(ledger.finished, ledger.with_conditions)


@given(st.data())
def test_merge_is_a_commutative_monoid_within_a_layout(data: Any) -> None:
    layout = data.draw(layouts)
    kind = data.draw(st.sampled_from((testing.case_ledgers, testing.amount_ledgers)))
    a, b, c = (data.draw(kind(10**6, layout=layout)) for _ in range(3))
    assert a + b == b + a
    assert (a + b) + c == a + (b + c)
    zero = type(a)(layout=layout)
    assert a + zero == a
    assert zero + a == a
    assert (a + b).layout is layout


@given(st.data())
def test_from_totals_of_a_drawn_ledger_in_its_layout_is_the_ledger(data: Any) -> None:
    layout = data.draw(layouts)
    ledger = data.draw(_in(layout))
    rows = {name: getattr(ledger, name) for name in type(ledger).STORED}
    assert type(ledger).from_totals(layout=layout, **rows) == ledger


@given(st.data())
def test_conversion_keeps_what_carries_over(data: Any) -> None:
    source, target = data.draw(layouts), data.draw(layouts)
    ledger = data.draw(_in(source))
    converted = ledger.convert(target)
    assert converted.layout is target
    for name in ("accepted", "to_enforce", "finished", "carried_forward", "without_conditions"):
        assert converted.row(name) == getattr(ledger, name)
    if source is target:
        assert converted is ledger


def _published(ledger: Ledger, data: Any) -> Ledger:
    """The ledger as a report publishes it: some of its rows, from_totals in its layout."""
    published = {name: getattr(ledger, name) for name in ledger.row_names}
    names = data.draw(st.sets(st.sampled_from(sorted(published)), min_size=1))
    return type(ledger).from_totals(
        layout=ledger.layout, **{name: published[name] for name in names}
    )


@given(st.data())
def test_conversion_between_layouts_with_the_same_rows_keeps_every_row(data: Any) -> None:
    source, target = data.draw(layouts), data.draw(layouts)
    assume(source.without == target.without)
    ledger = _published(data.draw(_in(source)), data)
    converted = ledger.convert(target)
    assert converted.layout is target
    assert converted.unknown == ledger.unknown
    assert converted.rows() == ledger.rows()
    assert converted.convert(source) == ledger


@given(st.data())
def test_conversion_claims_only_truths_and_keeps_what_does_not_move(data: Any) -> None:
    source, target = data.draw(layouts), data.draw(layouts)
    full = data.draw(_in(source))
    ledger = _published(full, data)
    converted = ledger.convert(target)
    truth = full.convert(target)  # of a full ledger, the rows that are known are exact
    for name, value in converted.rows().items():
        assert truth.is_known(name)
        assert value == getattr(truth, name), name
    for name in ("accepted", "to_enforce", "finished", "carried_forward", "without_conditions"):
        if ledger.is_known(name):
            assert converted.row(name) == getattr(ledger, name)
    if source.has("stayed") and not target.has("stayed"):
        assert truth.with_conditions == full.with_conditions + full.stayed
