"""Targets: the national table, TargetBook lookups and loading."""

from __future__ import annotations

import copy
import doctest
import pickle
import unicodedata
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from thads_metrics.calendar import EnforcementYear, ReportingPeriod
from thads_metrics.errors import (
    CsvError,
    LedgerError,
    ParseError,
    RateError,
    TargetError,
    ThadsError,
)
from thads_metrics.ledger import AmountLedger, CaseLedger
from thads_metrics.rates import TargetGap, compare_to_target, round_rate
from thads_metrics.targets import (
    NATIONAL_TARGETS,
    Target,
    TargetBook,
    UnknownTargetError,
    assess,
    measure_progress,
    national_target,
)

D = Decimal
DOCS = Path(__file__).resolve().parent.parent / "docs" / "rules"


# --------------------------------------------------------------------------- national table


@pytest.mark.parametrize(
    ("year", "cases", "money", "inferred"),
    [
        (2020, "80", "38", True),
        (2022, "81.50", "40.10", False),
        (2023, "82.50", "45.50", False),
        (2024, "83.25", "46.45", False),
        (2025, "83.90", "51.90", False),
    ],
)
def test_national_table_matches_domain(year: int, cases: str, money: str, inferred: bool) -> None:
    target = national_target(year)
    assert (target.cases, target.money) == (D(cases), D(money))
    assert target.inferred is inferred
    assert target.basis  # every entry says where it comes from
    assert national_target(EnforcementYear(year)) == target


def test_2021_is_not_invented() -> None:
    assert 2021 not in NATIONAL_TARGETS
    with pytest.raises(UnknownTargetError, match="2021") as info:
        national_target(2021)
    err = info.value
    assert isinstance(err, KeyError)
    assert isinstance(err, LookupError)
    assert isinstance(err, RateError)
    assert isinstance(err, ThadsError)
    assert err.year == 2021
    assert "KeyError" not in str(err)
    assert not str(err).startswith("'")


def test_national_published_gaps() -> None:
    # 2020: 81,41% "cao hơn 1,41%", 40,09% "cao hơn 2,09%" (the basis of the inferred entry).
    t2020 = national_target(2020)
    assert compare_to_target(D("81.41"), t2020.cases).points == D("1.41")
    assert compare_to_target(D("40.09"), t2020.money).points == D("2.09")
    # 2023: 83,24% / 46,44% against 82,50 / 45,50 (thads.moj.gov.vn ItemID=1355).
    t2023 = national_target(2023)
    assert compare_to_target(D("83.24"), t2023.cases).points == D("0.74")
    assert compare_to_target(D("46.44"), t2023.money).points == D("0.94")
    # 2025: vượt 0,35% về việc, 4,23% về tiền.
    t2025 = national_target(2025)
    assert compare_to_target(D("84.25"), t2025.cases).points == D("0.35")
    assert compare_to_target(D("56.13"), t2025.money).points == D("4.23")


def test_national_year_validation() -> None:
    with pytest.raises(RateError, match="year must be an int"):
        national_target(2022.0)  # type: ignore[arg-type]
    with pytest.raises(RateError, match="year must be an int"):
        national_target(True)
    with pytest.raises(RateError, match=r"1900\.\.2200"):
        national_target(22)


def test_national_table_is_read_only() -> None:
    with pytest.raises(TypeError):
        NATIONAL_TARGETS[2021] = Target(81, 39)  # type: ignore[index]


# --------------------------------------------------------------------------- Target


def test_target_accepts_exact_numbers_and_text() -> None:
    assert Target(73, 32) == Target(D("73"), D("32"))
    assert Target("81,5", "40.1").cases == D("81.5")
    assert Target(Fraction(163, 2), Fraction(401, 10)).money == D("40.1")


@pytest.mark.parametrize("bad", [81.5, True, None, D("NaN"), "8.15e1", "nan", "inf", "-1", "101"])
def test_target_refuses_non_exact_or_out_of_range(bad: object) -> None:
    with pytest.raises(ThadsError, match="cases"):
        Target(bad, 40)


def test_target_refuses_non_terminating_fraction_and_bad_fields() -> None:
    with pytest.raises(RateError, match="terminating"):
        Target(Fraction(1, 3), 40)
    with pytest.raises(RateError, match="basis must be a str"):
        Target(80, 40, 2020)  # type: ignore[arg-type]
    with pytest.raises(RateError, match="inferred must be a bool"):
        Target(80, 40, inferred=1)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- TargetBook


def test_book_unit_targets_and_fallback() -> None:
    book = TargetBook(
        {
            (2020, "Đồng Nai"): (73, 32),
            (2022, "Long An"): Target(D("81.5"), D("40.1"), "seed article"),
        }
    )
    assert book.lookup(2020, "Đồng Nai") == Target(73, 32, "TargetBook entry (năm 2020, Đồng Nai)")
    assert book.lookup(2022, "Long An").basis == "seed article"
    assert book.lookup(2020, "Bình Dương") == national_target(2020)
    assert book.lookup(2024) == national_target(2024)
    assert book.is_own(2020, "Đồng Nai")
    assert not book.is_own(2020, "Bình Dương")
    assert book.units(2020) == ("Đồng Nai",)
    assert list(book) == [(2020, "Đồng Nai"), (2022, "Long An")]


def test_book_national_override_and_unknown_year() -> None:
    # A unit's own 2021 target can be recorded even though no national 2021 target is known.
    book = TargetBook({(2021, "Vĩnh Phúc"): ("82,5", "40,5")})
    assert book.lookup(2021, "Vĩnh Phúc").cases == D("82.5")
    with pytest.raises(UnknownTargetError, match="Hà Nội") as info:
        book.lookup(2021, "Hà Nội")
    assert (info.value.year, info.value.unit) == (2021, "Hà Nội")
    # A national override for the year (unit None, or a bare year) serves every other unit.
    book2 = TargetBook({2021: Target(81, 39, "my assumption", inferred=True)})
    assert book2.lookup(2021, "Hà Nội").basis == "my assumption"
    assert book2.lookup(2021) == book2.lookup(2021, None)


def test_book_without_national_fallback() -> None:
    book = TargetBook({(2022, "Long An"): (D("81.5"), D("40.1"))}, national=False)
    assert book.lookup(2022, "Long An").cases == D("81.5")
    with pytest.raises(UnknownTargetError, match="fallback is off"):
        book.lookup(2022, "Tây Ninh")


def test_unit_names_are_normalised() -> None:
    book = TargetBook({(2020, "Đồng  Nai "): (73, 32)})
    nfd = unicodedata.normalize("NFD", "Đồng Nai")
    assert nfd != "Đồng Nai"
    assert book.lookup(2020, nfd).cases == 73
    assert (2020, nfd) in book
    assert (2020, "đồng nai") not in book  # case-sensitive


def test_book_mapping_forms_and_errors() -> None:
    book = TargetBook.from_mapping(
        {
            (EnforcementYear(2022), "Long An"): {"cases": "81,5", "money": "40,1", "basis": "b"},
            (2020, ""): [80, 38],
        }
    )
    assert book.lookup(2022, "Long An").basis == "b"
    assert book.is_own(2020)
    with pytest.raises(RateError, match="two targets"):
        TargetBook({(2020, "A"): (1, 2), (2020, "A "): (1, 2)})
    with pytest.raises(RateError, match="'cases' and 'money'"):
        TargetBook({(2020, "A"): {"cases": 1, "tien": 2}})
    with pytest.raises(RateError, match="money"):
        TargetBook({(2020, "A"): (80, 38.5)})
    with pytest.raises(RateError, match="key"):
        TargetBook({"2020": (80, 38)})
    with pytest.raises(RateError, match="mapping"):
        TargetBook("2020;A;80;38")
    with pytest.raises(RateError, match="mapping"):
        TargetBook([(2020, "A", 80, 38)])


def test_book_is_immutable_and_hashable() -> None:
    book = TargetBook({(2020, "Đồng Nai"): (73, 32)})
    assert eval(repr(book)) == book  # the repr's pairs build the same book
    same = TargetBook({(2020, "Đồng Nai"): Target(73, 32, "TargetBook entry (năm 2020, Đồng Nai)")})
    assert book == same
    assert hash(book) == hash(same)
    bigger = book.with_target(2022, "Long An", Target(D("81.5"), D("40.1")))
    assert len(book) == 1
    assert len(bigger) == 2


# --------------------------------------------------------------------------- CSV


def test_csv_with_semicolons_and_decimal_commas() -> None:
    text = (
        "\ufeffnăm;đơn vị;việc;tiền;căn cứ;inferred\n"
        "2020;Đồng Nai;73;32;DOMAIN.md §4;không\n"
        "2021;Vĩnh Phúc;82,5;40,5;implied by the 11-month report;có\n"
        "\n"
        "2022;;81,50%;40,10%;national override;\n"
    )
    book = TargetBook.from_csv(text)
    assert book.lookup(2021, "Vĩnh Phúc") == Target(
        D("82.5"), D("40.5"), "implied by the 11-month report", inferred=True
    )
    assert book.lookup(2020, "Đồng Nai").inferred is False
    assert book.lookup(2022, "Tây Ninh").basis == "national override"


def test_csv_with_commas_points_and_quotes() -> None:
    text = 'year,unit,cases,money\n2022,Long An,81.5,"40,1"\n2020,"Đồng Nai",73,32\n'
    book = TargetBook.from_csv(text)
    assert book.lookup(2022, "Long An").money == D("40.1")
    assert book.lookup(2020, "Đồng Nai").basis == "CSV line 3"


def test_csv_round_trip() -> None:
    book = TargetBook(
        {
            (2020, "Đồng Nai"): Target(73, 32, "a; b", inferred=True),
            (2022, None): Target(D("81.50"), D("40.10"), 'with "quotes"'),
        }
    )
    assert TargetBook.from_csv(book.to_csv()) == book


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("year;unit;cases\n2020;A;80\n", "lacks column"),
        ("year;unit;cases;money\n2020;A;8.15e1;38\n", "line 2: cases"),
        ("year;unit;cases;money\n2020;A;80;nan\n", "line 2: money"),
        ("year;unit;cases;money\n2020;A;80;101\n", "line 2: money"),
        ("year;unit;cases;money\n20x0;A;80;38\n", "line 2: cannot read '20x0' as a year"),
        ("year;unit;cases;money\n2020;A;80;38\n2020;A;81;38\n", "line 3: a second target"),
        ("year;unit;cases;money\n2020;A;80;38;9\n", "line 2: 5 cells"),
        ("year;unit;cases;money;inferred\n2020;A;80;38;maybe\n", "line 2: cannot read 'maybe'"),
        ("year;unit;cases;money\n1800;A;80;38\n", "line 2: year must be in"),
    ],
)
def test_csv_errors_name_the_line(text: str, message: str) -> None:
    with pytest.raises(ParseError, match=message):
        TargetBook.from_csv(text)


def test_csv_needs_text() -> None:
    with pytest.raises(ParseError, match="CSV text"):
        TargetBook.from_csv(b"year;unit")  # type: ignore[arg-type]


# --------------------------------------------------------------------------- assessment

# National results of 2020 (vietnamnet.vn): 885.833 việc phải thi hành, 708.674 có điều kiện,
# 576.933 thi hành xong; 264.707 tỷ 535 triệu, 132.905 tỷ 418 triệu, 53.750 tỷ 695 triệu đồng.
CASES_2020 = CaseLedger.from_totals(to_enforce=885_833, with_conditions=708_674, finished=576_933)
MONEY_2020 = AmountLedger.from_totals(
    to_enforce=264_707_535_000_000,
    with_conditions=132_905_418_000_000,
    finished=53_750_695_000_000,
)


def test_assess_national_2020() -> None:
    a = assess(CASES_2020, MONEY_2020, ReportingPeriod(2020, 12))
    assert a.target == national_target(2020)
    assert a.unit is None
    assert round_rate(a.cases.rate, 2) == D("81.41")
    assert round_rate(a.cases.gap.points, 2) == D("1.41")  # "cao hơn 1,41%"
    assert round_rate(a.money.rate, 2) == D("40.44")  # the amounts; the text says 40,09%
    assert a.met
    assert a.on_pace
    assert a.cases.pace == a.cases.gap  # 12 months: pace is the plain gap
    assert a.cases.remaining == 0
    assert a.cases.required == 0
    assert round_rate(a.cases.conditions_share, 2) == D("80.00")  # type: ignore[arg-type]
    assert a.cases.rate == CASES_2020.completion_rate()
    assert a.money.rate == MONEY_2020.completion_rate()
    rows = a.rows()
    assert [row["measure"] for row in rows] == ["việc", "tiền"]
    assert rows[0]["period"] == "năm 2020"
    assert rows[0]["rate"] == D("81.41")
    assert rows[1]["gap_points"] == D("2.44")
    assert rows[0]["required"] == 0


def test_measure_progress_tphcm_6_months_2019() -> None:
    # plo.vn: 79.177 thụ lý − 580 ủy thác − 4 rút lên = 78.593; 54.681 có điều kiện.
    hcm = CaseLedger.from_totals(to_enforce=78_593, with_conditions=54_681, finished=26_515)
    p = measure_progress(hcm, 73, ReportingPeriod(2019, 6))
    assert p.measure == "việc"
    assert p.prorated_target == D("36.5")
    assert round_rate(p.rate, 2) == D("48.49")
    assert round_rate(p.pace.points, 2) == D("11.99")  # vượt tiến độ 11,99
    assert p.pace.met
    assert not p.gap.met
    assert round_rate(p.remaining, 2) == D("24.51")
    assert p.required == 13_403
    assert p.to_enforce == 78_593
    assert round_rate(p.conditions_share, 2) == D("69.57")  # type: ignore[arg-type]


def test_assess_with_a_unit_book_long_an_2022() -> None:
    # A ledger chosen to give Long An's published 50,75% at 6 months of 2022.
    cases = CaseLedger.from_totals(with_conditions=800, finished=406)
    money = AmountLedger.from_totals(with_conditions=5 * 10**11, finished=2 * 10**11)
    book = TargetBook({(2022, "Long An"): ("81,5", "40,1")})
    a = assess(cases, money, ReportingPeriod(2022, 6), unit="Long  An", book=book)
    assert a.unit == "Long An"
    assert a.cases.remaining == D("30.75")  # còn phải phấn đấu 30,75%
    assert a.cases.required == 652 - 406
    assert a.cases.pace == TargetGap(D("10"), True)  # 50,75 − 81,5 × 6/12
    assert a.money.required == 500_000_000
    assert a.cases.to_enforce is None
    assert a.cases.conditions_share is None
    assert a.rows()[0]["conditions_share"] is None
    # Neither annual target is met yet, but both rates are ahead of the pro-rated targets.
    assert not a.met
    assert a.on_pace
    assert a.money.pace.points == D("19.95")  # 40 − 40,1 × 6/12


def test_assess_money_without_reduced() -> None:
    cases = CaseLedger(newly_accepted=10, completed=5, in_progress=5)
    money = AmountLedger(newly_accepted=1_000, completed=300, reduced=100, in_progress=600)
    target = Target(50, 40)
    with_reduced = assess(cases, money, ReportingPeriod(2023, 12), target)
    without = assess(cases, money, ReportingPeriod(2023, 12), target, count_reduced=False)
    assert with_reduced.money.rate == 40
    assert with_reduced.money.gap.met
    assert without.money.rate == 30
    assert not without.money.gap.met
    assert without.money.finished == 300
    assert without.money.required == 100
    assert without.cases == with_reduced.cases


def test_assess_errors() -> None:
    cases = CaseLedger(newly_accepted=10, completed=5, in_progress=5)
    money = AmountLedger(newly_accepted=10, completed=5, in_progress=5)
    period = ReportingPeriod(2021, 11)
    with pytest.raises(RateError, match="cases must be a CaseLedger"):
        assess(money, cases, period, Target(80, 40))  # type: ignore[arg-type]
    with pytest.raises(UnknownTargetError, match="2021"):
        assess(cases, money, period)
    with pytest.raises(RateError, match="target must be a Target"):
        assess(cases, money, period, (80, 40))  # type: ignore[arg-type]
    with pytest.raises(RateError, match="ReportingPeriod"):
        assess(cases, money, 2021, Target(80, 40))  # type: ignore[arg-type]
    empty = AmountLedger(newly_accepted=10, without_conditions=10)
    with pytest.raises(RateError, match="empty="):
        assess(cases, empty, period, Target(80, 40))
    a = assess(cases, empty, period, Target(80, 40), empty=0)
    assert a.money.rate == 0
    assert a.money.required == 0
    partial = CaseLedger.from_totals(to_enforce=100)
    with pytest.raises(LedgerError, match="not know"):
        assess(partial, money, period, Target(80, 40))
    with pytest.raises(RateError, match="count_reduced"):
        measure_progress(money, 40, period, count_reduced=1)  # type: ignore[arg-type]
    with pytest.raises(RateError, match="ledger must be"):
        measure_progress((5, 10), 40, period)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- docs


def test_vinh_phuc_implied_targets_in_a_book() -> None:
    # The implied annual targets of Vĩnh Phúc 2021 reproduce both published gaps.
    book = TargetBook({(2021, "Vĩnh Phúc"): Target(D("82.5"), D("40.5"), inferred=True)})
    target = book.lookup(2021, "Vĩnh Phúc")
    assert round_rate(compare_to_target(D("80.9"), target.cases).points, 1) == D("-1.6")
    assert round_rate(compare_to_target(D("43"), target.money).points, 1) == D("2.5")


def test_rule_book_page_examples_run() -> None:
    result = doctest.testfile(
        str(DOCS / "targets.md"), module_relative=False, optionflags=doctest.ELLIPSIS
    )
    assert result.attempted > 0
    assert result.failed == 0


def test_to_csv_round_trips_targets_written_with_exponents() -> None:
    book = TargetBook({(2022, "A"): (Decimal("1E+1"), Decimal("0.000000001"))})
    assert TargetBook.from_csv(book.to_csv()) == book


# --------------------------------------------------------------------------- error codes


def test_csv_with_a_lone_carriage_return_raises_a_thads_error() -> None:
    # csv.Error used to escape: "new-line character seen in unquoted field".
    with pytest.raises(CsvError, match="not valid CSV") as info:
        TargetBook.from_csv("year,cases,money\r2020,1,2\n")
    assert info.value.code == "csv.syntax"
    assert info.value.line == 1


@pytest.mark.parametrize(
    "header",
    ["year,cases,money,cases", "năm;việc;tiền;cases", "year,money,cases,về tiền"],
)
def test_csv_refuses_a_column_given_twice(header: str) -> None:
    # The last one used to win silently.
    delimiter = ";" if ";" in header else ","
    row = delimiter.join(["2020", "80", "38", "99"])
    with pytest.raises(CsvError, match="appears twice") as info:
        TargetBook.from_csv(f"{header}\n{row}\n")
    assert info.value.code == "csv.duplicate_column"
    assert (info.value.line, info.value.details["line"]) == (1, 1)
    assert info.value.column in {"cases", "money"}


def test_csv_ignores_unknown_columns_even_twice() -> None:
    book = TargetBook.from_csv("year;cases;money;note;note\n2020;80;38;a;b\n")
    assert book.lookup(2020).cases == 80


@pytest.mark.parametrize(
    ("text", "code", "line", "column"),
    [
        ("year;unit;cases\n2020;A;80\n", "csv.header", 1, None),
        ("year;unit;cases;money\n2020;A;8.15e1;38\n", "csv.percent", 2, "cases"),
        ("year;unit;cases;money\n2020;A;80;101\n", "csv.percent", 2, "money"),
        ("year;unit;cases;money\n20x0;A;80;38\n", "csv.year", 2, "year"),
        ("year;unit;cases;money\n1800;A;80;38\n", "csv.year", 2, "year"),
        ("year;unit;cases;money\n2020;A;80;38\n2020;A;81;38\n", "csv.duplicate", 3, None),
        ("year;unit;cases;money\n2020;A;80;38;9\n", "csv.cells", 2, None),
        ("year;unit;cases;money;inferred\n2020;A;80;38;maybe\n", "csv.flag", 2, "inferred"),
    ],
)
def test_csv_errors_carry_code_line_and_column(
    text: str, code: str, line: int, column: str | None
) -> None:
    with pytest.raises(CsvError) as info:
        TargetBook.from_csv(text, source="targets.csv")
    err = info.value
    assert isinstance(err, ParseError)
    assert (err.code, err.line, err.column, err.source) == (code, line, column, "targets.csv")
    assert (err.details["line"], err.details["column"]) == (line, column)
    assert str(err).startswith(f"targets.csv: line {line}: ")


def test_csv_of_bytes_is_a_csv_type_error() -> None:
    with pytest.raises(CsvError, match="CSV text") as info:
        TargetBook.from_csv(b"year;unit")  # type: ignore[arg-type]
    assert info.value.code == "csv.type"


@pytest.mark.parametrize("text", ["1e1", "1E1", "8.15e1", "nan", "Infinity", "-1", "0x10"])
def test_mapping_targets_refuse_text_the_csv_reader_refuses(text: str) -> None:
    with pytest.raises(TargetError, match="cannot read") as info:
        TargetBook.from_mapping({2021: {"cases": text, "money": "40"}})
    assert info.value.code == "target.text"
    assert info.value.details["argument"] == "cases"
    with pytest.raises(TargetError):
        TargetBook({(2021, "A"): (text, "40")})
    with pytest.raises(CsvError):
        TargetBook.from_csv(f"year;cases;money\n2021;{text};40\n")


@pytest.mark.parametrize(
    ("text", "digit", "position"),
    [
        ("８１", "８", 0),  # full-width
        ("٨١", "٨", 0),  # Arabic-Indic
        ("۸۱,۵", "۸", 0),  # Persian
        ("81,５", "５", 3),
        ("81.5０%", "０", 4),
        ("८१", "८", 0),  # Devanagari
    ],
)
def test_targets_refuse_digits_other_than_0_to_9(text: str, digit: str, position: int) -> None:
    """As dates and periods do (parse.digits): "８１" is not read as 81."""
    for make in (lambda: Target(text, 40), lambda: Target(40, text)):
        with pytest.raises(TargetError) as info:
            make()
        assert info.value.code == "target.digits"
        assert (info.value.details["digit"], info.value.details["position"]) == (digit, position)
        assert info.value.details["value"] == text
    with pytest.raises(TargetError) as info:
        TargetBook.from_mapping({2022: {"cases": text, "money": "40"}})
    assert (info.value.code, info.value.details["argument"]) == ("target.digits", "cases")


@pytest.mark.parametrize(
    ("row", "code", "column", "cause"),
    [
        ("２０２２;Long An;81,5;40", "csv.year", "year", None),
        ("٢٠٢٢;Long An;81,5;40", "csv.year", "year", None),
        ("2022;Long An;８１,５;40", "csv.percent", "cases", "target.digits"),
        ("2022;Long An;81,5;٤٠", "csv.percent", "money", "target.digits"),
    ],
)
def test_target_csv_refuses_digits_other_than_0_to_9(
    row: str, code: str, column: str, cause: str | None
) -> None:
    with pytest.raises(CsvError) as info:
        TargetBook.from_csv(f"year;unit;cases;money\n{row}\n")
    assert (info.value.code, info.value.line, info.value.column) == (code, 2, column)
    if cause is None:  # the year: the digit and where it is
        assert info.value.details["digit"] == row[0]
        assert info.value.details["position"] == 0
    else:
        assert info.value.details["rule"] == cause


@pytest.mark.parametrize(
    ("make", "code", "argument"),
    [
        (lambda: Target(81.5, 40), "target.type", "cases"),
        (lambda: Target(True, 40), "target.type", "cases"),
        (lambda: Target(80, None), "target.type", "money"),
        (lambda: Target(80, 101), "target.range", "money"),
        (lambda: Target(-1, 40), "target.range", "cases"),
        (lambda: Target(Fraction(1, 3), 40), "target.inexact", "cases"),
        (lambda: Target(80, 40, 2020), "target.type", "basis"),  # type: ignore[arg-type]
        (lambda: Target(80, 40, inferred="no"), "target.type", "inferred"),  # type: ignore[arg-type]
        (lambda: national_target(2022.0), "target.type", "year"),  # type: ignore[arg-type]
        (lambda: national_target(22), "target.range", "year"),
        (lambda: TargetBook({"2020": (80, 38)}), "target.type", "key"),
        (lambda: TargetBook("2020;A;80;38"), "target.type", "entries"),
        (lambda: TargetBook({(2020, 5): (80, 38)}), "target.type", "unit"),
        (lambda: TargetBook(national="no"), "target.type", "national"),  # type: ignore[arg-type]
    ],
)
def test_bad_target_values_raise_target_errors(make: Any, code: str, argument: str) -> None:
    with pytest.raises(TargetError) as info:
        make()
    assert isinstance(info.value, RateError)
    assert info.value.code == code
    assert info.value.details["argument"] == argument


def test_book_entry_errors_have_codes() -> None:
    with pytest.raises(TargetError) as info:
        TargetBook({(2020, "A"): (1, 2), (2020, "A "): (1, 2)})
    assert info.value.code == "target.duplicate"
    assert (info.value.details["year"], info.value.details["unit"]) == (2020, "A")
    with pytest.raises(TargetError) as info:
        TargetBook({(2020, "A"): {"cases": 1, "tien": 2}})
    assert info.value.code == "target.fields"
    with pytest.raises(TargetError) as info:
        TargetBook({(2020, "A"): 80})
    assert info.value.code == "target.type"


def test_assess_refuses_a_book_that_is_not_a_target_book() -> None:
    # A dict used to fail with AttributeError: 'dict' object has no attribute 'lookup'.
    cases = CaseLedger(newly_accepted=10, completed=5, in_progress=5)
    money = AmountLedger(newly_accepted=10, completed=5, in_progress=5)
    period = ReportingPeriod(2022, 12)
    for book in ({2022: (80, 40)}, "targets.csv", national_target(2022)):
        with pytest.raises(TargetError, match="book must be a TargetBook") as info:
            assess(cases, money, period, book=book)  # type: ignore[arg-type]
        assert info.value.code == "target.type"
        assert info.value.details["argument"] == "book"
    # Even when a target is given, a wrong book is not silently ignored.
    with pytest.raises(TargetError, match="book"):
        assess(cases, money, period, Target(80, 40), book={})  # type: ignore[arg-type]


def test_assess_and_measure_progress_argument_codes() -> None:
    cases = CaseLedger(newly_accepted=10, completed=5, in_progress=5)
    money = AmountLedger(newly_accepted=10, completed=5, in_progress=5)
    period = ReportingPeriod(2022, 12)
    with pytest.raises(RateError) as info:
        assess(money, cases, period, Target(80, 40))  # type: ignore[arg-type]
    assert (info.value.code, info.value.details["argument"]) == ("rate.type", "cases")
    with pytest.raises(TargetError) as info:
        assess(cases, money, period, (80, 40))  # type: ignore[arg-type]
    assert (info.value.code, info.value.details["argument"]) == ("target.type", "target")
    with pytest.raises(RateError) as info:
        measure_progress(money, 40, period, count_reduced=1)  # type: ignore[arg-type]
    assert (info.value.code, info.value.details["argument"]) == ("rate.type", "count_reduced")
    with pytest.raises(TargetError) as info:
        measure_progress(money, 40.5, period)  # type: ignore[arg-type]
    assert (info.value.code, info.value.details["argument"]) == ("target.type", "target")


@pytest.mark.parametrize("empty", [-5, 101, D("100.5")])
def test_empty_of_progress_is_a_percentage_checked_at_entry(empty: object) -> None:
    cases = CaseLedger(newly_accepted=10, completed=5, in_progress=5)  # a base that is not 0
    money = AmountLedger(newly_accepted=10, without_conditions=10)  # a base of 0
    period = ReportingPeriod(2022, 12)
    for call in (
        lambda: measure_progress(cases, 80, period, empty=empty),
        lambda: measure_progress(money, 40, period, empty=empty),
        lambda: assess(cases, money, period, Target(80, 40), empty=empty),
        lambda: cases.completion_rate(empty=empty),
        lambda: cases.conditions_share(empty=empty),
    ):
        with pytest.raises(RateError) as info:
            call()
        assert (info.value.code, info.value.details["argument"]) == ("rate.range", "empty")
    assert measure_progress(money, 40, period, empty=100).rate == 100


def test_book_pickles_and_copies() -> None:
    # The read-only index used to make pickle fail ("cannot pickle 'mappingproxy' object").
    book = TargetBook({(2020, "Đồng Nai"): (73, 32)}, national=False)
    again = pickle.loads(pickle.dumps(book))
    assert again == book
    assert again.national is False
    assert again.lookup(2020, "Đồng Nai").cases == 73
    assert copy.deepcopy(book) == book
    assert pickle.loads(pickle.dumps(national_target(2022))) == national_target(2022)


def test_target_csv_reads_excels_sep_line() -> None:
    book = TargetBook.from_csv("\ufeffsep=;\r\nyear;unit;cases;money\r\n2022;Long An;81,5;40,1\r\n")
    assert book.lookup(2022, "Long An").cases == Decimal("81.5")
    assert book.lookup(2022, "Long An").basis == "CSV line 3"  # the sep= line is line 1
    with pytest.raises(CsvError) as caught:
        TargetBook.from_csv("sep=|\nyear|cases|money\n2022|80|40\n")
    assert caught.value.code == "csv.sep"
    assert caught.value.line == 1
