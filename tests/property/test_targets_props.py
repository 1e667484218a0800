"""Property tests of targets: TargetBook lookup, CSV round trip, number reading."""

from __future__ import annotations

import unicodedata
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thads_metrics.calendar import ReportingPeriod
from thads_metrics.errors import CsvError, TargetError
from thads_metrics.ledger import AmountLedger, CaseLedger
from thads_metrics.rates import compare_to_target, completion_rate
from thads_metrics.targets import (
    NATIONAL_TARGETS,
    Target,
    TargetBook,
    UnknownTargetError,
    assess,
)

years = st.integers(2015, 2030)
percents = st.integers(0, 10_000).map(lambda n: Decimal(n).scaleb(-2))
unit_names = st.sampled_from(
    [
        "Đồng Nai",
        "Long An",
        "Vĩnh Phúc",
        "TP. Hồ Chí Minh",
        "Hà Nội",
        "Cần Thơ",
        "Bà Rịa - Vũng Tàu",
    ]
)
units = st.one_of(st.none(), unit_names)
targets = st.builds(
    Target,
    percents,
    percents,
    st.text(alphabet=st.characters(blacklist_categories=["Cs", "Cc"]), max_size=30).map(
        lambda s: " ".join(s.split())
    ),
    inferred=st.booleans(),
)
books = st.builds(
    TargetBook,
    st.dictionaries(st.tuples(years, units), targets, max_size=12),
    national=st.booleans(),
)


@given(books, years, units)
def test_lookup_follows_unit_then_book_national_then_table(
    book: TargetBook, year: int, unit: str | None
) -> None:
    entries = dict(book.entries)
    if (year, unit) in entries:
        expected: Target | None = entries[(year, unit)]
    elif (year, None) in entries:
        expected = entries[(year, None)]
    elif book.national and year in NATIONAL_TARGETS:
        expected = NATIONAL_TARGETS[year]
    else:
        expected = None
    if expected is None:
        with pytest.raises(UnknownTargetError) as info:
            book.lookup(year, unit)
        assert (info.value.year, info.value.unit) == (year, unit)
    else:
        assert book.lookup(year, unit) == expected


@given(books)
def test_csv_round_trip(book: TargetBook) -> None:
    again = TargetBook.from_csv(book.to_csv(), national=book.national)
    assert again == book


@given(years, unit_names, percents, percents)
def test_decimal_comma_and_point_read_alike(
    year: int, unit: str, cases: Decimal, money: Decimal
) -> None:
    point = TargetBook.from_csv(f"year,unit,cases,money\n{year},{unit},{cases},{money}\n")
    comma_cases = str(cases).replace(".", ",")
    comma_money = str(money).replace(".", ",")
    comma = TargetBook.from_csv(
        f"năm;đơn vị;việc;tiền\n{year};{unit};{comma_cases}%;{comma_money}\n"
    )
    assert point.lookup(year, unit) == Target(cases, money, "CSV line 2")
    assert comma.lookup(year, unit) == point.lookup(year, unit)


_WORDS = "year năm unit cases việc money tiền basis inferred 2020 2021 1800 81,5 81.5 1e1 nan 101"
_CSV_PIECES = st.sampled_from(
    [
        *_WORDS.split(),
        "có",
        "maybe",
        "Đồng Nai",
        ",",
        ";",
        "\t",
        '"',
        "\n",
        "\r",
        " ",
        "%",
        "\ufeff",
    ]
)


def _read_csv(text: str) -> TargetBook | CsvError:
    try:
        return TargetBook.from_csv(text)
    except CsvError as err:
        return err


@given(st.one_of(st.lists(_CSV_PIECES, max_size=30).map("".join), st.text(max_size=60)))
def test_csv_reader_gives_a_book_or_a_csv_error(text: str) -> None:
    # Whatever the text, the reader never lets another exception out (csv.Error, KeyError…).
    result = _read_csv(text)
    if isinstance(result, CsvError):
        assert result.code.startswith("csv.")
        assert result.source == "<targets>"
    else:
        assert TargetBook.from_csv(result.to_csv()) == result


def _target(value: object) -> Target | TargetError:
    try:
        return Target(value, 40)
    except TargetError as err:
        return err


@given(
    st.one_of(
        st.floats(),
        st.booleans(),
        st.none(),
        st.text(max_size=8),
        st.integers(-(10**4), 10**4),
        st.decimals(allow_nan=True),
    )
)
def test_target_values_are_exact_percentages_or_target_errors(value: object) -> None:
    result = _target(value)
    if isinstance(result, TargetError):
        assert result.code in {
            "target.type",
            "target.text",
            "target.digits",
            "target.range",
            "target.inexact",
        }
        assert result.details["argument"] == "cases"
    else:
        assert isinstance(result.cases, Decimal)
        assert 0 <= result.cases <= 100


@given(books, years, unit_names)
def test_unit_lookup_ignores_unicode_form(book: TargetBook, year: int, unit: str) -> None:
    for form in ("NFC", "NFD"):
        assert book.is_own(year, unicodedata.normalize(form, unit)) == book.is_own(year, unit)


_PARTS = ("completed", "terminated", "in_progress", "postponed", "suspended", "other")


@st.composite
def ledgers(draw: st.DrawFn, kind: type[CaseLedger] | type[AmountLedger], high: int) -> object:
    """A consistent ledger built from its rows, with at least one row có điều kiện."""
    names = (*_PARTS, "reduced") if kind is AmountLedger else _PARTS
    rows = {name: draw(st.integers(0, high)) for name in names}
    rows["in_progress"] = max(rows["in_progress"], 1)
    rows["without_conditions"] = draw(st.integers(0, high))
    rows["entrusted"] = draw(st.integers(0, high))
    rows["withdrawn"] = draw(st.integers(0, high))
    total = sum(rows.values())
    rows["carried_over"] = draw(st.integers(0, total))
    rows["newly_accepted"] = total - rows["carried_over"]
    return kind(**rows)  # type: ignore[arg-type]  # mypy sees only the unknown= keyword


@given(
    ledgers(CaseLedger, 10**6),
    ledgers(AmountLedger, 10**15),
    st.builds(ReportingPeriod, years, st.integers(1, 12)),
    targets,
)
def test_assessment_is_consistent(
    cases: CaseLedger, money: AmountLedger, period: ReportingPeriod, target: Target
) -> None:
    a = assess(cases, money, period, target)
    for ledger, progress, goal in ((cases, a.cases, target.cases), (money, a.money, target.money)):
        assert progress.rate == ledger.completion_rate()
        assert 0 <= progress.rate <= 100
        assert progress.gap == compare_to_target(progress.rate, goal)
        assert (progress.remaining == 0) == progress.gap.met
        assert progress.pace.met or not progress.gap.met  # meeting the annual target is on pace
        if period.months == 12:
            assert progress.pace == progress.gap
        reached = completion_rate(ledger.finished + progress.required, ledger.with_conditions)
        assert compare_to_target(reached, goal).met
        if progress.required:
            short = completion_rate(ledger.finished + progress.required - 1, ledger.with_conditions)
            assert not compare_to_target(short, goal).met
    assert a.met == (a.cases.gap.met and a.money.gap.met)


_OTHER_ZEROS = (0xFF10, 0x0660, 0x06F0, 0x0966)  # full-width, Arabic-Indic, Persian, Devanagari


@given(percents, st.sampled_from(_OTHER_ZEROS), st.data())
def test_a_target_with_a_digit_other_than_0_to_9_is_refused(
    p: Decimal, zero: int, data: st.DataObject
) -> None:
    text = f"{p:f}".replace(".", ",")
    assert Target(text, 40).cases == p
    at = data.draw(st.sampled_from([i for i, c in enumerate(text) if c.isdigit()]))
    foreign = text[:at] + chr(zero + int(text[at])) + text[at + 1 :]
    with pytest.raises(TargetError) as info:
        Target(foreign, 40)
    assert info.value.code == "target.digits"
    assert info.value.details["position"] == at
    with pytest.raises(CsvError) as csv_info:
        TargetBook.from_csv(f"year;cases;money\n2022;{foreign};40\n")
    assert csv_info.value.details["rule"] == "target.digits"
