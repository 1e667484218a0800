"""JSON of ledgers, periods and targets: examples and refusals."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from thads_metrics import (
    AmountLedger,
    CaseLedger,
    EnforcementYear,
    LedgerError,
    ParseError,
    PeriodError,
    RateError,
    ReportingPeriod,
    Target,
    TargetBook,
    ThadsError,
    national_target,
)
from thads_metrics.errors import TargetError
from thads_metrics.ledger.layouts import as_layout
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
    ("text", "error"),
    [
        ("[1, 2]", ParseError),
        ('{"type": "Nope"}', ParseError),
        ('{"year": 2021}', ParseError),
        ('{"type": "CaseLedger"}', ParseError),
        ('{"type": "CaseLedger", "rows": {"accepted": 5}}', ParseError),
        ('{"type": "CaseLedger", "rows": {}, "unknown": "completed"}', ParseError),
        ('{"type": "CaseLedger", "rows": {"completed": -1}}', LedgerError),
        ('{"type": "CaseLedger", "rows": {}, "unknown": ["nope"]}', LedgerError),
        ('{"type": "TargetBook", "entries": 5}', ParseError),
        ('{"type": "EnforcementYear", "year": 1800}', PeriodError),
        ('{"type": "Quarter", "year": 2022, "number": 5}', PeriodError),
        (
            '{"type": "Target", "cases": "101", "money": "40"}',
            TargetError,
        ),  # a RateError: a bad target value
        ("not json", ParseError),
    ],
)
def test_malformed_json_raises_thads_errors(text: str, error: type[ThadsError]) -> None:
    with pytest.raises(ThadsError) as info:
        loads(text)
    assert type(info.value) is error


NOT_UTF8 = b'{"type": "EnforcementYear", "year": 2021}\xff'


def test_bytes_that_are_not_utf8_raise_parse_error_with_position() -> None:
    with pytest.raises(ParseError, match="UTF-8") as info:
        loads(NOT_UTF8)
    assert info.value.position == NOT_UTF8.index(b"\xff")
    assert loads(NOT_UTF8[:-1]) == EnforcementYear(2021)


def test_integer_too_long_for_python_raises_parse_error_with_position() -> None:
    text = '{"type": "CaseLedger", "rows": {"completed": ' + "9" * 5000 + "}}"
    with pytest.raises(ParseError, match="5000 digits") as info:
        loads(text)
    assert info.value.position == text.index("9")
    # a number-like string before it does not mislead the position
    text = '{"label": "' + "1" * 5000 + '", "year": -' + "1" * 5000 + "}"
    with pytest.raises(ParseError) as info:
        loads(text)
    assert info.value.position == text.index("-")


@pytest.mark.parametrize("text", ["[" * 100_000, '{"a": ' * 100_000, "[" * 5_000 + "]" * 5_000])
def test_deep_nesting_raises_parse_error(text: str) -> None:
    with pytest.raises(ParseError, match="nested"):
        loads(text)


def test_deeply_nested_lists_given_to_from_data_raise_parse_error() -> None:
    data: list[object] = []
    for _ in range(10_000):
        data = [data]
    with pytest.raises(ParseError, match="nested"):
        from_data(data)


def test_lists_of_lists_still_round_trip() -> None:
    value = [[ReportingPeriod(2021, 11)], [], [[NATIONAL_2023]]]
    assert loads(dumps(value)) == value  # type: ignore[arg-type]


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_non_json_constants_are_refused(constant: str) -> None:
    text = f'{{"type": "EnforcementYear", "year": 2021, "label": {constant}}}'
    with pytest.raises(ParseError, match=constant) as info:
        loads(text)
    assert info.value.position == text.index(constant)


def test_non_text_input_raises_parse_error() -> None:
    with pytest.raises(ParseError, match="str or bytes"):
        loads(2021)  # type: ignore[arg-type]


def test_repeated_keys_are_refused() -> None:
    with pytest.raises(ParseError, match="'year' twice"):
        loads('{"type": "EnforcementYear", "year": 2021, "year": 2022}')
    rows = '{"completed": 1, "newly_accepted": 1, "completed": 0}'
    with pytest.raises(ParseError, match="'completed' twice"):
        loads('{"type": "CaseLedger", "rows": ' + rows + "}")


def _book_json(*units: str | None) -> str:
    entries = [
        {"year": 2022, "unit": unit, "target": {"type": "Target", "cases": "80", "money": "40"}}
        for unit in units
    ]
    return json.dumps({"type": "TargetBook", "national": True, "entries": entries})


@pytest.mark.parametrize(
    "units",
    [("Long An", "Long An"), (None, None), ("Long An", "Đồng Nai", " Long  An "), (None, "")],
)
def test_repeated_target_book_entries_are_refused(units: tuple[str | None, ...]) -> None:
    with pytest.raises(ParseError, match="entries 0 and") as info:
        loads(_book_json(*units))
    assert "2022" in str(info.value)


def test_target_book_entries_with_unhashable_keys_raise_thads_errors() -> None:
    data = json.loads(_book_json("Long An"))
    data["entries"][0]["year"] = [2022]
    with pytest.raises(RateError, match="year"):
        from_data(data)
    data["entries"][0]["year"] = 2022
    data["entries"][0]["unit"] = {"name": "Long An"}
    with pytest.raises(RateError, match="unit"):
        from_data(data)


def test_distinct_target_book_entries_are_read() -> None:
    book = loads(_book_json("Long An", "Đồng Nai", None))
    assert len(book) == 3


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("finished", 1.0),
        ("to_enforce", True),
        ("finished", "1"),
        ("finished", -1),
        ("accepted", None),
    ],
)
def test_derived_values_must_be_ints(name: str, value: object) -> None:
    ledger = CaseLedger(newly_accepted=1, completed=1)
    data = to_data(ledger)
    assert name in data["derived"]
    data["derived"][name] = value
    with pytest.raises(LedgerError, match=f"derived row {name}"):
        from_data(data)


def test_derived_floats_and_bools_in_json_text_are_refused() -> None:
    text = (
        '{"type": "CaseLedger", "rows": {"newly_accepted": 1, "completed": 1}, '
        '"derived": {"finished": 1.0, "to_enforce": true}}'
    )
    with pytest.raises(LedgerError, match=r"float 1\.0"):
        loads(text)


def test_nested_target_of_another_type_is_refused() -> None:
    data = json.loads(_book_json("Long An"))
    data["entries"][0]["target"]["type"] = "CaseLedger"
    with pytest.raises(ParseError, match="'CaseLedger'"):
        from_data(data)
    del data["entries"][0]["target"]["type"]  # the tag may be left out
    assert len(from_data(data)) == 1


def test_period_json_checks_the_period() -> None:
    assert loads(dumps(ReportingPeriod(2021, 11))) == ReportingPeriod(2021, 11)
    with pytest.raises(PeriodError):
        loads('{"type": "ReportingPeriod", "year": 2021, "months": 13}')


def test_target_with_basis_round_trips() -> None:
    target = Target("73", "32", "Đồng Nai, năm 2020", inferred=True)
    assert loads(dumps(target, indent=2)) == target


# --------------------------------------------------------------------------- codes


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("[1, 2]", "parse.type"),
        ('{"type": "Nope"}', "parse.tag"),
        ('{"year": 2021}', "parse.tag"),
        ('{"type": "CaseLedger"}', "parse.missing_field"),
        ('{"type": "CaseLedger", "rows": {"accepted": 5}}', "parse.unknown_row"),
        ('{"type": "CaseLedger", "rows": {}, "derived": {"completed": 5}}', "parse.unknown_row"),
        ('{"type": "CaseLedger", "rows": {}, "unknown": "completed"}', "parse.type"),
        (
            '{"type": "CaseLedger", "rows": {}, "derived": {"finished": 1}}',
            "ledger.derived_mismatch",
        ),
        ('{"type": "CaseLedger", "rows": {}, "derived": {"finished": 1.0}}', "ledger.type"),
        ('{"type": "CaseLedger", "rows": {"completed": -1}}', "ledger.range"),
        ('{"type": "TargetBook", "entries": 5}', "parse.type"),
        ('{"type": "Target", "cases": 81.5, "money": "40"}', "parse.type"),
        (
            '{"type": "TargetBook", "entries": [{"year": 2022, "target": {"type": "X"}}]}',
            "parse.tag",
        ),
        ('{"type": "EnforcementYear", "year": 1800}', "period.range"),
        ('{"type": "ReportingPeriod", "year": 2021, "months": "11"}', "period.type"),
        ('{"type": "EnforcementYear", "year": 2021, "year": 2022}', "parse.duplicate_key"),
        ('{"type": "EnforcementYear", "year": NaN}', "parse.constant"),
        ("not json", "parse.json"),
        ("[" * 100_000, "parse.nesting"),
        ("[" * 101 + "]" * 101, "parse.nesting"),
        ('{"year": ' + "9" * 5000 + "}", "parse.too_long"),
    ],
)
def test_json_errors_carry_a_code(text: str, code: str) -> None:
    with pytest.raises(ThadsError) as info:
        loads(text)
    assert info.value.code == code


def test_duplicate_book_entries_carry_a_code() -> None:
    entry = {"year": 2022, "unit": "A", "target": to_data(Target("81", "40"))}
    with pytest.raises(ParseError) as info:
        from_data({"type": "TargetBook", "entries": [entry, entry]})
    assert info.value.code == "parse.duplicate_entry"
    assert info.value.details["value"] == (0, 1)


def test_writing_errors_carry_a_code() -> None:
    with pytest.raises(ParseError, match="cannot write") as info:
        dumps(object())  # type: ignore[arg-type]
    assert (info.value.code, info.value.details["argument"]) == ("parse.type", "value")
    nested: list[object] = []
    for _ in range(200):
        nested = [nested]
    with pytest.raises(ParseError, match="nested") as info:
        to_data(nested)  # type: ignore[arg-type]
    assert info.value.code == "parse.nesting"
    for indent in (-1, 1.5, "\t", True):
        with pytest.raises(ParseError, match="indent") as info:
            dumps(EnforcementYear(2021), indent=indent)  # type: ignore[arg-type]
        assert info.value.details["argument"] == "indent"
    assert dumps(EnforcementYear(2021), indent=0).startswith("{\n")


def test_bytes_that_do_not_decode_carry_a_code() -> None:
    with pytest.raises(ParseError) as info:
        loads(b'{"type": "EnforcementYear"}\xff')
    assert info.value.code == "parse.encoding"
    with pytest.raises(ParseError) as info:
        loads(None)  # type: ignore[arg-type]
    assert (info.value.code, info.value.details["argument"]) == ("parse.type", "text")


@pytest.mark.parametrize("text", ["1e1", "1E+1", "NaN", "Infinity", "-1", "+80"])
def test_a_target_text_is_read_as_strictly_as_in_csv(text: str) -> None:
    with pytest.raises(TargetError) as info:
        loads(f'{{"type": "Target", "cases": "{text}", "money": "40"}}')
    assert info.value.code == "target.text"


def test_a_target_with_an_exponent_is_written_without_one() -> None:
    target = Target(Decimal("1E+1"), Decimal("4E+1"))
    assert '"cases": "10"' in dumps(target)
    assert loads(dumps(target)) == target


def test_documents_carry_the_schema_version() -> None:
    from thads_metrics.serialize import SCHEMA_VERSION

    assert SCHEMA_VERSION == 2
    assert json.loads(dumps(NATIONAL_2023))["version"] == 2
    items = json.loads(dumps([NATIONAL_2023, national_target(2022)]))
    assert [item["version"] for item in items] == [2, 2]
    # Nested objects do not repeat it.
    book = json.loads(dumps(TargetBook([((2022, "Long An"), national_target(2022))])))
    assert "version" not in book["entries"][0]["target"]


def test_version_1_documents_still_read() -> None:
    old = '{"type": "ReportingPeriod", "year": 2021, "months": 11, "label": "11 tháng năm 2021"}'
    assert loads(old) == ReportingPeriod(2021, 11)
    assert loads('{"version": 1, "type": "EnforcementYear", "year": 2021}') == EnforcementYear(2021)


@pytest.mark.parametrize("version", [3, 0, "2", 2.0, True, None])
def test_an_unknown_version_is_refused(version: object) -> None:
    text = json.dumps({"version": version, "type": "EnforcementYear", "year": 2021})
    with pytest.raises(ParseError, match="version") as caught:
        loads(text)
    assert caught.value.code == "parse.version"


def test_a_report_needs_both_previous_ledgers_or_neither() -> None:
    from thads_metrics.report import build_report

    report = build_report(
        "Long An",
        ReportingPeriod(2022, 12),
        NATIONAL_2023,
        AmountLedger(newly_accepted=100, completed=50, in_progress=50),
        previous=(NATIONAL_2023, AmountLedger(newly_accepted=90, completed=40, in_progress=50)),
    )
    data = to_data(report)
    assert loads(json.dumps(data, ensure_ascii=False)) == report
    data["money"]["previous"] = None
    with pytest.raises(ParseError, match="one of cases and money only"):
        loads(json.dumps(data, ensure_ascii=False))


@pytest.mark.parametrize("layout", ["tt01-2013", "tt06-2019", "tt05-2024"])
@pytest.mark.parametrize("cls", [CaseLedger, AmountLedger])
def test_a_ledger_that_knows_no_row_reads_back(
    cls: type[CaseLedger] | type[AmountLedger], layout: str
) -> None:
    # What convert() gives when only rows that move were known: every row of the layout unknown.
    nothing = cls(layout=layout, unknown=frozenset(as_layout(layout).row_names(cls.ROWS)))
    assert loads(dumps(nothing)) == nothing
