"""The languages of the command line: ``--lang``, the locale, and the message catalogs."""

from __future__ import annotations

import argparse
import gettext
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_file
from babel.messages.pofile import read_po

from thads_metrics import cli
from thads_metrics.cli import main

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "src" / "thads_metrics" / "cli.py"
LOCALE = ROOT / "src" / "thads_metrics" / "locale"
POT = LOCALE / "messages.pot"
PO = LOCALE / "vi" / "LC_MESSAGES" / "thads_metrics.po"
LEDGERS = (
    "unit,period,kind,carried_over,newly_accepted,entrusted,withdrawn,completed,terminated,"
    "reduced,in_progress,postponed,suspended,other,without_conditions\n"
    "A,{period},viec,10,20,1,0,15,2,0,5,0,0,0,{without}\n"
    "A,{period},tien,1000,2000,100,0,800,100,50,500,0,0,0,1450\n"
)


@pytest.fixture(autouse=True)
def no_language_from_the_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    """The locale says nothing (English); a test that wants another sets it."""
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


def _help(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 0
    return capsys.readouterr().out


def _error(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1, err
    return err.rstrip("\n")


def _catalog(path: Path) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle)


def _extracted() -> set[str]:
    """The msgids of cli.py, as ``pybabel extract`` finds them (babel.cfg)."""
    found = extract_from_file("python", str(SOURCE), keywords=DEFAULT_KEYWORDS)
    return {message for _line, message, _comments, _context in found if isinstance(message, str)}


# --------------------------------------------------------------------------- help


def test_help_in_vietnamese(capsys: pytest.CaptureFixture[str]) -> None:
    out = _help(["--lang", "vi", "--help"], capsys)
    assert out.startswith("cách dùng: thads-metrics [-h] [--version] [--lang {vi,en}]")
    assert "Các chỉ số thống kê thi hành án dân sự." in out
    assert "đối số vị trí:" in out
    assert "tùy chọn:" in out
    assert "hiện phần trợ giúp này rồi thoát" in out
    assert "năm thống kê, kỳ báo cáo và quý của một ngày" in out
    assert "usage" not in out
    assert "options" not in out


def test_help_of_a_command_in_vietnamese(capsys: pytest.CaptureFixture[str]) -> None:
    out = " ".join(_help(["--lang=vi", "report", "--help"], capsys).split())  # unwrapped
    assert out.startswith("cách dùng: thads-metrics report")
    assert "tổng hợp theo đơn vị và kỳ báo cáo" in out
    assert "không hiện thanh tiến độ" in out
    assert "ngôn ngữ của báo cáo dạng văn bản" in out
    assert "bằng % (như các báo cáo tiếng Việt)" in out  # argparse's %% written once


def test_help_in_english_is_the_source(capsys: pytest.CaptureFixture[str]) -> None:
    out = _help(["--lang", "en", "--help"], capsys)
    assert out.startswith("usage: thads-metrics [-h] [--version] [--lang {vi,en}]")
    assert "Metrics of Vietnamese civil judgment enforcement (thi hành án dân sự)." in out
    assert "options:" in out
    assert _help(["--help"], capsys) == out  # the locale says nothing: English


def test_argparse_is_left_as_it_was(capsys: pytest.CaptureFixture[str]) -> None:
    before = vars(argparse).get("_")
    _help(["--lang", "vi", "--help"], capsys)
    assert main(["--lang", "vi", "period", "2021-08-31"]) == 0
    assert vars(argparse).get("_") is before
    assert argparse.ArgumentParser(prog="x").format_usage() == "usage: x [-h]\n"


def test_argparse_errors_in_vietnamese(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--lang", "vi", "report", "--format", "xx"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "thads-metrics report: lỗi: đối số --format: lựa chọn không hợp lệ: 'xx'" in err


def test_an_unknown_language_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--lang", "fr", "period"])
    assert exit_info.value.code == 2
    assert "argument --lang: invalid choice: 'fr'" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "language"),
    [
        (["--lang", "vi", "report"], "vi"),
        (["--lang=en", "period"], "en"),
        (["--la", "vi", "report"], "vi"),  # argparse takes an abbreviation
        (["--version", "--lang", "vi"], "vi"),
        (["report", "--lang", "en"], None),  # after the command: report's --language
        (["--", "--lang", "vi"], None),
        (["--lang", "fr", "report"], None),
        (["--lang"], None),
        ([], None),
    ],
)
def test_the_language_asked_before_the_command(argv: list[str], language: str | None) -> None:
    assert cli._requested_language(argv) == language


def test_report_lang_after_the_command_is_still_the_report_language(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``report --lang en`` abbreviates ``--language en`` (the report), as it always did."""
    monkeypatch.setenv("LANG", "vi_VN.UTF-8")
    assert main(["report", "--lang", "en", "--quiet"]) == 0
    assert capsys.readouterr().out.startswith("Civil judgment enforcement")


# --------------------------------------------------------------------------- errors


def test_a_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "so-lieu.csv"
    assert _error(["--lang", "vi", "report", str(path)], capsys) == (
        f"thads-metrics: lỗi: {path}: không đọc được: không có tệp hoặc thư mục này "
        "[csv.unreadable]"
    )
    assert _error(["--lang", "en", "report", str(path)], capsys) == (
        f"thads-metrics: error: {path}: cannot read: No such file or directory"
    )


def test_an_unknown_unit_and_its_suggestion(capsys: pytest.CaptureFixture[str]) -> None:
    vi = _error(["--lang", "vi", "report", "--unit", "Ha Noii", "--quiet"], capsys)
    assert vi.startswith(
        "thads-metrics: lỗi: --unit 'Ha Noii' không có trong dữ liệu đầu vào của năm 2025; "
        "có phải là 'TP. Hà Nội' không? Các đơn vị hiện có: Nghệ An, "
    )
    assert vi.endswith(" [parse.unknown_unit]")
    en = _error(["--lang", "en", "report", "--unit", "Ha Noii", "--quiet"], capsys)
    assert en.startswith(
        "thads-metrics: error: --unit 'Ha Noii' is not in the input for năm 2025; "
        "did you mean 'TP. Hà Nội'? units are Nghệ An, "
    )


def test_a_cell_error_names_its_place_in_vietnamese(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "in.csv"
    path.write_text(LEDGERS.format(period="tháng 13/2021", without=7), encoding="utf-8")
    vi = _error(["--lang", "vi", "report", str(path)], capsys)
    assert vi == (
        f"thads-metrics: lỗi: {path}:2: cột period: không đọc được 'tháng 13/2021' là kỳ "
        "báo cáo: tháng 13 chỉ là một tháng, không phải kỳ lũy kế; hãy ghi kỳ báo cáo "
        "('11 tháng năm 2021') hoặc ngày kết thúc kỳ ('tính đến 31/8/2021') [csv.period]"
    )
    en = _error(["--lang", "en", "report", str(path)], capsys)
    assert en.startswith(f"thads-metrics: error: {path}:2: column period: cannot read ")


def test_an_error_without_a_translation_keeps_its_english(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An error whose code has no rule keeps its English message (here the rule of
    ledger.identity, a ledger whose rows do not add up, taken away)."""
    monkeypatch.delitem(cli._ERROR_RULES, "ledger.identity")  # type: ignore[attr-defined]
    path = tmp_path / "in.csv"
    path.write_text(LEDGERS.format(period="11 tháng năm 2021", without=9), encoding="utf-8")
    en = _error(["--lang", "en", "report", str(path)], capsys)
    vi = _error(["--lang", "vi", "report", str(path)], capsys)
    assert en.startswith(f"thads-metrics: error: {path}:2: rows do not add up")
    assert vi == en.replace("thads-metrics: error: ", "thads-metrics: lỗi: ") + " [csv.ledger]"


def test_a_ledger_whose_rows_do_not_add_up_is_told_in_vietnamese(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "in.csv"
    path.write_text(LEDGERS.format(period="11 tháng năm 2021", without=9), encoding="utf-8")
    assert _error(["--lang", "vi", "report", str(path)], capsys) == (
        f"thads-metrics: lỗi: {path}:2: các chỉ tiêu không khớp nhau: "
        "to_enforce = with_conditions + stayed + without_conditions lệch 2 [csv.ledger]"
    )


@pytest.mark.parametrize(
    ("rows", "told"),
    [
        (  # more entrusted than accepted
            "A,năm 2024,viec,5,3,10,0,1,0,0,0,0,0,0,0\n",
            "to_enforce (tổng số phải thi hành) tính ra số âm (-2): các chỉ tiêu dùng để tính "
            "nó mâu thuẫn nhau [csv.ledger]",
        ),
    ],
)
def test_ledger_errors_are_told_in_vietnamese(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], rows: str, told: str
) -> None:
    path = tmp_path / "in.csv"
    path.write_text(LEDGERS.splitlines(keepends=True)[0] + rows, encoding="utf-8")
    assert _error(["--lang", "vi", "report", str(path)], capsys) == (
        f"thads-metrics: lỗi: {path}:2: {told}"
    )


@pytest.mark.parametrize(
    ("record", "told"),
    [
        (
            "A,năm 2024,newly_accepted,completed,5,3,0,,",
            "việc đã thi hành xong không còn gì phải thi hành: số tiền đã thi hành "
            "amount_finished (3) cộng số tiền được giảm, miễn amount_reduced (0) phải bằng số "
            "tiền phải thi hành amount_due (5) [csv.record]",
        ),
        (
            "A,năm 2024,newly_accepted,in_progress,5,6,0,,",
            "số tiền đã thi hành amount_finished (6) cộng số tiền được giảm, miễn amount_reduced "
            "(0) không thể lớn hơn số tiền phải thi hành amount_due (5) [csv.record]",
        ),
        (
            "A,năm 2024,newly_accepted,in_progress,5,0,0,1/1/2020,",
            "accepted_on 2020-01-01 nằm ngoài khoảng mà nguồn gốc, trạng thái và kỳ báo cáo "
            "của việc cho phép (từ 2023-10-01 đến 2024-09-30) [csv.record]",
        ),
    ],
)
def test_case_record_errors_are_told_in_vietnamese(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], record: str, told: str
) -> None:
    path = tmp_path / "in.csv"
    header = "unit,period,origin,status,amount_due,amount_finished,amount_reduced,"
    path.write_text(f"{header}accepted_on,finished_on\n{record}\n", encoding="utf-8")
    assert _error(["--lang", "vi", "report", str(path)], capsys) == (
        f"thads-metrics: lỗi: {path}:2: {told}"
    )


def test_the_locale_chooses_vietnamese(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("LANG", "vi_VN.UTF-8")
    assert _error(["period", "31/2/2021"], capsys) == (
        "thads-metrics: lỗi: '31/2/2021' không phải là ngày có thật [parse.no_such_date]"
    )
    assert _help(["--help"], capsys).startswith("cách dùng: ")
    # --lang comes first; LANGUAGE before LC_ALL, LC_MESSAGES and LANG, as in gettext
    assert _error(["--lang", "en", "period", "31/2/2021"], capsys).startswith(
        "thads-metrics: error: '31/2/2021' is not a valid date"
    )
    monkeypatch.setenv("LANGUAGE", "en")
    assert _error(["period", "31/2/2021"], capsys).startswith("thads-metrics: error: ")
    monkeypatch.delenv("LANGUAGE")
    monkeypatch.setenv("LC_ALL", "C")
    assert _error(["period", "31/2/2021"], capsys).startswith("thads-metrics: error: ")


def test_status_lines_in_both_languages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out.txt"
    assert main(["--lang", "vi", "report", "-o", str(out)]) == 0
    assert capsys.readouterr().err == f"Đã ghi {out}\n"
    assert main(["report", "-o", str(out)]) == 0
    assert capsys.readouterr().err == f"Wrote {out}\n"


def test_the_installed_command_speaks_vietnamese(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "thads_metrics", "--lang", "vi", "period", "31/2/2021"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        cwd=tmp_path,
    )
    assert proc.returncode == 2
    assert proc.stderr == (
        "thads-metrics: lỗi: '31/2/2021' không phải là ngày có thật [parse.no_such_date]\n"
    )


def test_babel_is_not_needed_to_speak_vietnamese() -> None:
    """The catalogs are read by the standard library's gettext, not by babel.messages."""
    code = (
        "import sys\nfrom thads_metrics.cli import main\n"
        "main(['--lang', 'vi', 'period', '2021-08-31'])\n"
        "print(sorted(m for m in sys.modules if m.startswith('babel.messages')))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[-1] == "[]"


def test_every_rule_names_a_documented_code() -> None:
    page = (ROOT / "docs" / "reference" / "errors.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `([a-z_]+\.[a-z_]+)` \|", page, flags=re.M))
    assert set(cli._ERROR_RULES) <= documented, sorted(set(cli._ERROR_RULES) - documented)


# --------------------------------------------------------------------------- catalogs


def test_the_template_is_what_cli_py_says() -> None:
    """messages.pot holds every message of cli.py and no other: re-extract after an edit
    (docs/reference/cli.md: pybabel extract, then pybabel update)."""
    template = {message.id for message in _catalog(POT) if message.id}
    assert template == _extracted()


def test_the_vietnamese_catalog_is_complete() -> None:
    catalog = _catalog(PO)
    messages = [message for message in catalog if message.id]
    assert {message.id for message in messages} == {m.id for m in _catalog(POT) if m.id}
    assert not catalog.obsolete
    assert [m.id for m in messages if not m.string] == []
    assert [m.id for m in messages if m.fuzzy] == []
    assert not catalog.fuzzy  # the header is not fuzzy either
    problems = [(message.id, errors) for message, errors in catalog.check()]
    assert problems == []  # placeholders as in the English


def test_the_compiled_catalog_is_where_the_package_looks() -> None:
    """The build (hatch_build.py) compiled the .po into the .mo the package reads; when
    this fails after an edit of the .po, reinstall (pip install -e .) or run pybabel compile."""
    mo = cli.LOCALE_DIR / "vi" / "LC_MESSAGES" / f"{cli.DOMAIN}.mo"
    assert mo.is_file(), f"{mo} is missing: the build hook did not run"
    compiled = gettext.translation(cli.DOMAIN, cli.LOCALE_DIR, languages=["vi"])
    stale = [m.id for m in _catalog(PO) if m.id and compiled.gettext(m.id) != m.string]
    assert stale == [], f"{mo} is older than {PO}"
