"""The national table is data with its sources; the rule book and the sample script read it."""

from __future__ import annotations

import importlib.util
from decimal import Decimal
from pathlib import Path

import pytest

from thads_metrics.targets import (
    NATIONAL_TABLE,
    NATIONAL_TARGETS,
    NationalEntry,
    Target,
    national_target,
)

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "docs" / "rules" / "targets.md"


def _printed(value: Decimal) -> str:
    """A percentage as the rule book prints it: decimal comma, the decimals kept."""
    return f"{value:f}".replace(".", ",")


def _docs_table() -> list[dict[str, str]]:
    """The rows of the markdown table under "## The national table" of the rule book."""
    section = RULES.read_text(encoding="utf-8").split("## The national table", 1)[1]
    section = section.split("\n## ", 1)[0]
    lines = [line.strip() for line in section.splitlines() if line.strip().startswith("|")]
    assert len(lines) >= 3, "a header, a separator and rows"

    def cells(line: str) -> list[str]:
        return [cell.strip() for cell in line.strip("|").split("|")]

    header = cells(lines[0])
    assert set(cells(lines[1])) == {"---"}
    return [dict(zip(header, cells(line), strict=True)) for line in lines[2:]]


def test_rule_book_table_is_the_data() -> None:
    rows = _docs_table()
    assert [row["year"] for row in rows] == [str(entry.year) for entry in NATIONAL_TABLE]
    for row, entry in zip(rows, NATIONAL_TABLE, strict=True):
        assert row["% việc"] == _printed(entry.cases), entry.year
        assert row["% tiền"] == _printed(entry.money), entry.year
        assert row["source"] == entry.source, entry.year
        assert row["inferred"] == ("yes" if entry.inferred else "no"), entry.year


def test_table_holds_the_known_years_of_domain_section_4() -> None:
    # DOMAIN.md §4: 2020 80/38 (inferred); 2022 81,50/40,10; 2023 82,50/45,50;
    # 2024 83,25/46,45; 2025 83,90/51,90. 2021 is not known.
    assert {
        entry.year: (_printed(entry.cases), _printed(entry.money)) for entry in NATIONAL_TABLE
    } == {
        2020: ("80", "38"),
        2022: ("81,50", "40,10"),
        2023: ("82,50", "45,50"),
        2024: ("83,25", "46,45"),
        2025: ("83,90", "51,90"),
    }
    assert [entry.year for entry in NATIONAL_TABLE if entry.inferred] == [2020]


@pytest.mark.parametrize("entry", NATIONAL_TABLE, ids=lambda entry: str(entry.year))
def test_each_entry_is_exact_and_cites_its_source(entry: NationalEntry) -> None:
    assert isinstance(entry, NationalEntry)
    assert isinstance(entry.cases, Decimal)
    assert isinstance(entry.money, Decimal)
    assert entry.source
    assert entry.basis
    if not entry.inferred:
        # A target read in a publication: the basis quotes the printed figures.
        assert _printed(entry.cases) in entry.basis
        assert _printed(entry.money) in entry.basis
    target = national_target(entry.year)
    assert target == entry.target == NATIONAL_TARGETS[entry.year]
    assert target == Target(entry.cases, entry.money, entry.basis, inferred=entry.inferred)


def test_table_is_sorted_by_year_and_frozen() -> None:
    years = [entry.year for entry in NATIONAL_TABLE]
    assert years == sorted(set(years))
    assert list(NATIONAL_TARGETS) == years
    with pytest.raises(AttributeError):
        NATIONAL_TABLE[0].cases = Decimal("81")  # type: ignore[misc]


def test_sample_script_reads_the_table() -> None:
    spec = importlib.util.spec_from_file_location(
        "make_sample", ROOT / "scripts" / "make_sample.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert set(module.TARGETS) == set(module.YEARS)
    for year, (cases, money) in module.TARGETS.items():
        assert type(cases) is Decimal
        assert type(money) is Decimal
        assert (cases, money) == (national_target(year).cases, national_target(year).money)


def test_the_vietnamese_rule_book_prints_the_same_numbers() -> None:
    """The Vietnamese page translates the sources; its years and percentages are the data."""
    text = (ROOT / "docs" / "rules" / "targets.vi.md").read_text(encoding="utf-8")
    rows = [
        [cell.strip() for cell in line.strip().strip("|").split("|")]
        for line in text.splitlines()
        if line.startswith("| 20")
    ]
    assert [row[0] for row in rows] == [str(entry.year) for entry in NATIONAL_TABLE]
    for row, entry in zip(rows, NATIONAL_TABLE, strict=True):
        assert (row[1], row[2]) == (_printed(entry.cases), _printed(entry.money)), entry.year
        assert row[-1] == ("có" if entry.inferred else "không"), entry.year
