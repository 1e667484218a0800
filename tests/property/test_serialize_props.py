"""JSON round trips are lossless for every value the library serialises."""

from __future__ import annotations

import contextlib
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thads_metrics.errors import ParseError, ThadsError
from thads_metrics.ledger import AmountLedger, CaseLedger
from thads_metrics.serialize import dumps, loads, to_data
from thads_metrics.targets import TargetBook
from thads_metrics.testing import (
    amount_ledgers,
    case_ledgers,
    periods,
    quarters,
    targets,
    years,
)

values = st.one_of(
    years(), periods(), quarters(), case_ledgers(), amount_ledgers(10**17), targets()
)


@given(values)
def test_round_trip_is_exact(value: object) -> None:
    text = dumps(value)  # type: ignore[arg-type]
    back = loads(text)
    assert back == value
    assert type(back) is type(value)


@given(st.lists(values, max_size=5))
def test_lists_round_trip(items: list[object]) -> None:
    assert loads(dumps(items)) == items  # type: ignore[arg-type]


@given(amount_ledgers(10**18))
def test_amounts_stay_json_integers(ledger: AmountLedger) -> None:
    data = json.loads(dumps(ledger))
    assert all(type(v) is int for v in data["rows"].values())
    assert data["derived"]["to_enforce"] == ledger.to_enforce


@given(case_ledgers())
def test_ledgers_from_totals_keep_what_they_do_not_know(ledger: CaseLedger) -> None:
    partial = CaseLedger.from_totals(
        to_enforce=ledger.to_enforce,
        with_conditions=ledger.with_conditions,
        finished=ledger.finished,
    )
    back = loads(dumps(partial))
    assert back == partial
    assert back.unknown == partial.unknown
    assert "unknown" in to_data(partial)


@given(
    st.dictionaries(
        st.tuples(st.integers(2000, 2100), st.sampled_from([None, "A", "B"])), targets(), max_size=4
    ),
    st.booleans(),
)
def test_target_books_round_trip(mapping: dict, national: bool) -> None:  # type: ignore[type-arg]
    book = TargetBook(mapping, national=national)
    assert loads(dumps(book)) == book


# Structures shaped like the schema but with arbitrary contents: reading them must either
# succeed or raise a ThadsError, never another exception.
_TAGS = (
    "EnforcementYear",
    "ReportingPeriod",
    "Quarter",
    "CalendarQuarter",
    "CaseLedger",
    "AmountLedger",
    "Target",
    "TargetBook",
)
_FIELDS = st.sampled_from(
    (
        "type",
        "year",
        "months",
        "number",
        "label",
        "rows",
        "derived",
        "unknown",
        "cases",
        "money",
        "basis",
        "inferred",
        "national",
        "entries",
        "unit",
        "target",
        *AmountLedger.ROWS,
    )
)
_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.floats(),
    st.sampled_from(_TAGS),
    st.text(max_size=8),
    st.integers(1990, 2100),
    st.sampled_from(["81.5", "-1", "1e3", "nan", "101"]),
)
_JSONISH = st.recursive(
    _SCALARS,
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(_FIELDS, children, max_size=5)
    ),
    max_leaves=20,
)
_TAGGED = st.builds(
    lambda tag, fields: {**fields, "type": tag},
    st.sampled_from(_TAGS),
    st.dictionaries(_FIELDS, _JSONISH, max_size=6),
)


@given(st.one_of(_TAGGED, st.lists(_TAGGED, max_size=3), _JSONISH))
def test_reading_arbitrary_structures_raises_only_thads_errors(data: object) -> None:
    text = json.dumps(data)  # NaN and Infinity included: they must be refused too
    try:
        value = loads(text)
    except ThadsError:
        return
    assert loads(dumps(value)) == value


@given(st.binary(max_size=60), st.sampled_from([b"", b'{"type": "Quarter", ']))
def test_reading_arbitrary_bytes_raises_only_thads_errors(noise: bytes, prefix: bytes) -> None:
    with contextlib.suppress(ThadsError):
        loads(prefix + noise)


@given(values, st.data())
def test_any_repeated_key_is_refused(value: object, data: st.DataObject) -> None:
    text = dumps(value)  # type: ignore[arg-type]
    key = data.draw(st.sampled_from(sorted(json.loads(text))))
    doubled = text[:-1] + f", {json.dumps(key)}: null}}"
    with pytest.raises(ParseError, match="twice"):
        loads(doubled)


@given(values)
def test_utf8_bytes_read_like_text(value: object) -> None:
    text = dumps(value)  # type: ignore[arg-type]
    assert loads(text.encode()) == loads(text) == value


@st.composite
def _reports(draw: st.DrawFn) -> object:
    from thads_metrics.cases import LedgerPair
    from thads_metrics.report import build_report

    period = draw(periods())
    cases, money = draw(case_ledgers()), draw(amount_ledgers(10**15))
    previous = draw(st.none() | st.tuples(case_ledgers(), amount_ledgers(10**15)))
    target = draw(st.none() | targets())
    parts = draw(
        st.lists(st.sampled_from(["credit", "family", "Đất đai"]), unique=True, max_size=2)
    )
    breakdown = {name: LedgerPair(cases, money) for name in parts} or None
    return build_report(
        draw(st.sampled_from(["Long An", "TP. Hà Nội", "6 đơn vị (tổng cộng)"])),
        period,
        cases,
        money,
        target,
        previous=None if previous is None else LedgerPair(*previous),
        require_target=False,
        breakdown=breakdown,
    )


@given(_reports())
def test_reports_round_trip_through_the_cli_schema(report: object) -> None:
    from thads_metrics.report import ReportSet, UnitReport

    assert isinstance(report, UnitReport)
    back = loads(dumps(report))
    assert back == report
    document = ReportSet(report.period, [report], report, source="x.csv")
    assert loads(dumps(document)) == document


@given(_reports(), st.sampled_from(["rate", "gap_points", "required", "conditions_share"]))
def test_an_edited_report_figure_is_refused(report: object, field: str) -> None:
    data = to_data(report)  # type: ignore[arg-type]
    data["cases"][field] = "12.34" if data["cases"][field] != "12.34" else "12.35"
    with pytest.raises(ParseError) as caught:
        loads(json.dumps(data, ensure_ascii=False))
    assert caught.value.code == "parse.figures_mismatch"
    assert caught.value.details["field"] == f"UnitReport.cases.{field}"


_json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)  # beyond 64 bits: orjson refuses, json writes them
    | st.text(st.characters(codec=None, exclude_categories=())),  # lone surrogates too
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=5), children, max_size=4)
    ),
    max_leaves=25,
)


@settings(max_examples=500)
@given(_json_values, st.sampled_from([None, 0, 1, 2, 4]))
def test_json_text_is_the_standard_librarys(data: object, indent: int | None) -> None:
    # The command line's JSON goes through orjson (extra [fast]; the tests install it):
    # the same text as json.
    pytest.importorskip("orjson")
    from thads_metrics.serialize import _json_text

    assert _json_text(data, indent) == json.dumps(data, ensure_ascii=False, indent=indent)


@given(st.one_of(case_ledgers(), amount_ledgers(10**17)), st.data())
def test_a_ledger_built_from_totals_round_trips_with_its_unknown_rows_null(
    ledger: CaseLedger | AmountLedger, data: st.DataObject
) -> None:
    """A ledger built from published totals writes null for each row it does not know,
    never the placeholder that keeps its identities, and reads back the same ledger."""
    cls = type(ledger)
    published = {
        name: getattr(ledger, name)
        for name in cls.ROWS
        if ledger.layout.has(name) and name not in ("accepted",)
    }
    names = data.draw(st.sets(st.sampled_from(sorted(published)), min_size=1))
    built = cls.from_totals(layout=ledger.layout, **{name: published[name] for name in names})
    written = json.loads(dumps(built))
    for name, value in written["rows"].items():
        assert (value is None) == (name in built.unknown), name
    assert loads(dumps(built)) == built
