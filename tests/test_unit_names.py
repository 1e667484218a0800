"""Unit names typed loosely: folding, matching, "did you mean" (``_text`` and ``--unit``)."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thads_metrics._text import close_names, fold_name, match_name
from thads_metrics.cli import main

SAMPLE_UNITS = [
    "Nghệ An",
    "Phòng THADS khu vực 1 - Cần Thơ",
    "Phòng THADS khu vực 2 - Quảng Ninh",
    "TP. Hà Nội",
    "TP. Hồ Chí Minh",
    "Đồng Nai",
]


@pytest.mark.parametrize(
    ("typed", "folded"),
    [
        ("TP. Hà Nội", "ha noi"),
        ("Thành phố Hà Nội", "ha noi"),
        ("Cục THADS TP. Hà Nội", "ha noi"),
        ("Cục Thi hành án dân sự tỉnh Nghệ An", "nghe an"),
        ("  nghệ   AN ", "nghe an"),
        ("Đồng Nai", "dong nai"),
        ("TP.HCM", "hcm"),
        ("Tỉnh", "tinh"),  # a designator alone is kept: the name must not fold to nothing
        ("Phòng THADS khu vực 1 - Cần Thơ", "phong thads khu vuc 1 can tho"),
        ("Tp Hồ Chí Minh", "ho chi minh"),
    ],
)
def test_fold_name(typed: str, folded: str) -> None:
    assert fold_name(typed) == folded


def test_fold_name_reads_decomposed_text() -> None:
    """Text pasted in NFD (macOS file names, some web forms) folds like NFC."""
    assert fold_name(unicodedata.normalize("NFD", "Nghệ An")) == "nghe an"


@given(st.text(max_size=30))
def test_fold_name_is_idempotent_and_plain(text: str) -> None:
    once = fold_name(text)
    assert fold_name(once) == once
    assert once == once.strip()
    assert "  " not in once
    assert not any(unicodedata.combining(c) for c in once)


@given(st.sampled_from(SAMPLE_UNITS))
def test_every_name_matches_itself_exactly(name: str) -> None:
    assert match_name(name, SAMPLE_UNITS) == (name,)
    assert match_name(name.upper(), SAMPLE_UNITS) == (name,)


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("Hà Nội", ("TP. Hà Nội",)),
        ("Nghe An", ("Nghệ An",)),
        ("Nghệ an", ("Nghệ An",)),
        ("thành phố hồ chí minh", ("TP. Hồ Chí Minh",)),
        ("Cần Thơ", ()),  # a part of a name is a suggestion, not a match
        ("Hà Tĩnh", ()),
    ],
)
def test_match_name(typed: str, found: tuple[str, ...]) -> None:
    assert match_name(typed, SAMPLE_UNITS) == found


def test_match_name_prefers_the_exact_name_and_reports_ambiguity() -> None:
    names = ["Nghệ An", "Nghe An"]
    assert match_name("Nghe An", names) == ("Nghe An",)
    assert match_name("nghe an", names) == ("Nghe An", "Nghệ An")


@pytest.mark.parametrize(
    ("typed", "suggested"),
    [
        ("Ha Noii", ("TP. Hà Nội",)),
        ("Cần Thơ", ("Phòng THADS khu vực 1 - Cần Thơ",)),
        ("quang ninh", ("Phòng THADS khu vực 2 - Quảng Ninh",)),
        ("Dong Naii", ("Đồng Nai",)),
        ("Lào Cai", ()),
        ("", ()),
    ],
)
def test_close_names(typed: str, suggested: tuple[str, ...]) -> None:
    assert close_names(typed, SAMPLE_UNITS) == suggested


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_unit_spelled_loosely(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "report", "--unit", "Hà Nội", "--unit", "nghe an", "--quiet")
    assert code == 0, err
    assert "của TP. Hà Nội:" in out
    assert "của Nghệ An:" in out
    assert "Đồng Nai" not in out


def test_cli_unknown_unit_suggests(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "report", "--unit", "Ha Noii", "--quiet")
    assert code == 2
    assert out == ""
    assert "did you mean 'TP. Hà Nội'?" in err


def test_cli_ambiguous_unit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    header = (
        "unit,period,kind,carried_over,newly_accepted,entrusted,withdrawn,completed,terminated,"
        "reduced,in_progress,postponed,suspended,other,without_conditions\n"
    )
    rows = "".join(
        f"{unit},năm 2021,viec,10,20,1,0,15,2,0,5,0,0,0,7\n"
        f"{unit},năm 2021,tien,1000,2000,100,0,800,100,50,500,0,0,0,1450\n"
        for unit in ("Nghệ An", "Nghe An")
    )
    path = tmp_path / "data.csv"
    path.write_text(header + rows, encoding="utf-8")
    code, _, err = _run(capsys, "report", str(path), "--unit", "NGHE AN", "--quiet")
    assert code == 2
    assert "ambiguous" in err
    assert "'Nghe An', 'Nghệ An'" in err
    code, out, err = _run(capsys, "report", str(path), "--unit", "Nghệ An", "--format", "json")
    assert code == 0, err
    assert [u["unit"] for u in json.loads(out)["units"]] == ["Nghệ An"]
