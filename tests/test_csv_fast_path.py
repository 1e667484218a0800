"""read_csv's fast path for case records gives what the checked reader gives.

``read_csv`` aggregates a file of case records on a fast path
(``csvio._case_table``: cached key cells, plain digits); every row it does not
take goes through the checked reader. Held here against the plain statement,
``aggregate(read_case_records(...))``, on files mixing common rows, unusual
cells and errors: the same ledgers, or the same first error (code, line,
column, message).
"""

from __future__ import annotations

import tempfile
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from support import outcome

from thads_metrics import csvio
from thads_metrics.cases import aggregate
from thads_metrics.csvio import read_case_records, read_csv
from thads_metrics.errors import ParseError, ThadsError

UNITS = ["A", " A ", "a", "Hà Nội", unicodedata.normalize("NFD", "Hà Nội"), "", "  "]
PERIODS = ["năm 2024", "2024-09-30", "9 tháng năm 2024", "30/6/2019", "năm 2018", "Q1 2024", "x"]
ORIGINS = ["newly_accepted", "carried_over", " Mới ", "thụ lý mới", "cũ", "old", ""]
STATUSES = [
    "completed",
    "in_progress",
    "without_conditions",
    "terminated",
    "stayed",
    "reduced",
    "Completed ",
    "",
    "done",
]
FLAGS = ["", "0", "1", "có", "không", "maybe"]
AMOUNTS = ["", "0", "5", "12", "100", "1.000", " 7", "1,000", "1,052", "１２", "-1", "9" * 25]
AMOUNTS += ["9" * 31, "18446744073709551616", "2.5"]
DATES = ["", "", "2024-05-01", "1/10/2023", "31/12/2030", "hôm qua"]
OPTIONAL = ["entrusted", "withdrawn", "amount_due", "amount_finished", "amount_reduced"]
OPTIONAL += ["category", "accepted_on", "finished_on"]


def cell(name: str) -> st.SearchStrategy[str]:
    pools: dict[str, list[str]] = {
        "unit": UNITS,
        "period": PERIODS,
        "origin": ORIGINS,
        "status": STATUSES,
        "entrusted": FLAGS,
        "withdrawn": FLAGS,
        "category": ["", "credit", " x "],
        "accepted_on": DATES,
        "finished_on": DATES,
    }
    # Common cells most of the time, so that files get past their first rows.
    common = {"unit": ["A", "B"], "period": ["năm 2024"], "origin": ["newly_accepted"]}
    common |= {"status": ["completed", "in_progress"], "entrusted": [""], "withdrawn": [""]}
    common |= {"accepted_on": [""], "finished_on": [""], "category": [""]}
    pool = pools.get(name, AMOUNTS)
    usual = common.get(name, ["0", "5", "12"])
    often = st.sampled_from(usual)
    return st.one_of(often, often, often, often, often, st.sampled_from(pool))


@st.composite
def files(draw: st.DrawFn) -> list[str]:
    columns = ["unit", "period", "origin", "status"]
    columns += [name for name in OPTIONAL if draw(st.booleans())]
    columns = draw(st.permutations(columns))
    delimiter = draw(st.sampled_from([",", ";"]))
    lines = [delimiter.join(columns)]
    for _ in range(draw(st.integers(0, 12))):
        shape = draw(st.sampled_from(["row"] * 8 + ["blank", "short", "spaces"]))
        if shape == "blank":
            lines.append("")
        elif shape == "spaces":
            lines.append(delimiter.join(" " for _ in columns))
        elif shape == "short":
            lines.append(delimiter.join(["A"] * (len(columns) - 1)))
        else:
            row = {name: draw(cell(name)) for name in columns}
            if draw(st.booleans()) and "amount_due" in row:  # a consistent completed case
                row |= {"status": "completed", "amount_finished": row["amount_due"]}
                row["amount_reduced"] = "0" if "amount_reduced" in row else ""
            lines.append(delimiter.join(row[name] for name in columns))
    return [line + "\n" for line in lines]


@settings(max_examples=400)
@given(files())
@example(["unit,period,origin,status,amount_due\n", "A,năm 2024,new,completed,5\n"])
@example(["unit,period,origin,status,amount_due,amount_finished\n", "A,năm 2018,new,stayed,5,0\n"])
@example(["unit,period,origin,status,withdrawn,amount_due,amount_finished\n",
          "A,năm 2024,new,,1,5,1\n"])  # fmt: skip
@example(["unit,period,origin,status,amount_due\n", "A,năm 2024,new,in_progress,１２\n"])
def test_the_fast_path_gives_what_the_checked_reader_gives(lines: list[str]) -> None:
    fast = outcome(lambda: read_csv(lines))
    checked = outcome(lambda: aggregate(read_case_records(lines, "<input>")))
    assert fast == checked


def test_a_large_file_takes_the_fast_path_and_agrees() -> None:
    statuses = ["completed", "in_progress", "without_conditions", "terminated", "other"]
    lines = ["unit;period;origin;status;entrusted;amount_due;amount_finished;amount_reduced\n"]
    for i in range(3000):
        status = statuses[i % 5]
        due = (i * 7919) % 100_000
        done = due if status == "completed" else due // 3
        cut = 0 if status == "completed" else due // 5
        origin = "carried_over" if i % 3 else "newly_accepted"
        amount = f"{due:,}".replace(",", ".") if i % 11 == 0 else str(due)  # some "1.000"
        entrusted = "1" if i % 97 == 0 else ""
        if entrusted:
            status, done, cut = "", 0, 0
        lines.append(f"U{i % 13};năm 2024;{origin};{status};{entrusted};{amount};{done};{cut}\n")
    fast = read_csv(lines)
    assert fast == dict(aggregate(read_case_records(lines)))
    assert sum(pair.cases.accepted for pair in fast.values()) == 3000


def test_the_files_drawn_hold_both_ledgers_and_errors() -> None:
    """The property above is tried on good files and on files with errors alike."""
    seen: set[str] = set()

    @settings(max_examples=300, database=None, derandomize=True)
    @given(files())
    def draw(lines: list[str]) -> None:
        result = outcome(lambda: read_csv(lines))
        seen.add("error" if isinstance(result, tuple) else "ledgers" if result else "empty")

    draw()
    assert seen == {"error", "ledgers", "empty"}


# The arrow engine (pyarrow, a block of lines at a time) against the row path, on files.
# Blocks are made small so that files of a few rows span several, with their edges
# anywhere: inside a CRLF, before a quote, after a bad byte.


@pytest.fixture
def small_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(csvio, "_ARROW_BLOCK", 64)


def engines_agree(data: bytes) -> None:
    """Both engines give what the checked reader gives, line by line, for a file of case
    records (the plain statement; other files are read the same way by both engines)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "records.csv"
        path.write_bytes(data)
        arrow = outcome(lambda: read_csv(path, engine="arrow"))
        python = outcome(lambda: read_csv(path, engine="python"))
        if not isinstance(python, tuple):  # read: the lines read, as the last progress says
            told: dict[str, list[int]] = {"arrow": [], "python": []}
            for engine, calls in told.items():
                read_csv(path, engine=engine, progress=calls.append, progress_unit="lines")  # type: ignore[arg-type]
            assert told["arrow"][-1:] == told["python"][-1:]
        try:
            with path.open("rb") as handle:
                text: list[str] | None = list(csvio._decoded(handle, str(path), None))
        except ThadsError:
            text = None  # not text: both engines must say so alike (checked above)
    assert arrow == python
    if text is not None and text and "origin" in text[-1 if text[0].startswith("sep=") else 0]:
        checked = outcome(lambda: aggregate(read_case_records(text, str(path))))
        if not (isinstance(checked, tuple) and checked[1] in ("csv.sep", "csv.empty")):
            assert arrow == checked


def as_bytes(lines: list[str], crlf: bool, bom: bool) -> bytes:
    text = "".join(lines)
    if crlf:
        text = text.replace("\n", "\r\n")
    return ("\ufeff" if bom else "").encode() + text.encode("utf-8")


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(files(), st.booleans(), st.booleans(), st.sampled_from([b"", b'"', b"\xff", b"\r"]))
def test_the_arrow_engine_gives_what_the_row_path_gives(
    small_blocks: None, lines: list[str], crlf: bool, bom: bool, odd: bytes
) -> None:
    data = as_bytes(lines, crlf, bom)
    if odd and len(lines) > 1:  # an odd byte in a later row: a quote, not UTF-8, a lone CR
        at = data.rfind(b"\n", 0, len(data) - 1) + 1
        data = data[:at] + odd + data[at:]
    engines_agree(data)


def test_the_arrow_engine_on_many_blocks(small_blocks: None) -> None:
    rows = [f"U{i % 7},năm 2024,newly_accepted,in_progress,{i * 1000},{i}\n" for i in range(500)]
    rows[300] = "U1,năm 2024,newly_accepted,in_progress,1.000,5\n"  # an unusual cell
    data = ("unit,period,origin,status,amount_due,amount_finished\n" + "".join(rows)).encode()
    engines_agree(data)
    engines_agree(data.replace(b"\n", b"\r\n"))
    engines_agree(data + b'U2,"n\xc4\x83m 2024",carried_over,other,5,0\n')  # a quote at the end
    engines_agree(data.replace(b"1.000,5", b"1.000,2000"))  # an error in a middle block


def test_the_arrow_engine_reads_a_sep_line_and_a_long_line(
    small_blocks: None, tmp_path: Path
) -> None:
    head = "sep=;\nunit;period;origin;status;amount_due\n"
    engines_agree((head + "A;năm 2024;new;other;5\n" * 40).encode())
    long = head + "A;năm 2024;new;other;5\n" + "B" * (csvio.MAX_LINE_BYTES + 5) + "\n"
    engines_agree(long.encode())


def test_engine_arrow_or_auto_and_python_agree_on_the_bundled_style_of_file(
    tmp_path: Path,
) -> None:
    lines = ["unit,period,origin,status,amount_due,amount_finished,amount_reduced\n"]
    lines += [f"Huyện {i % 9},{m} tháng năm 2025,carried_over,completed,{i},{i},0\n"
              for m in range(1, 4) for i in range(300)]  # fmt: skip
    path = tmp_path / "r.csv"
    path.write_text("".join(lines), encoding="utf-8")
    assert read_csv(path) == read_csv(path, engine="python") == read_csv(path, engine="arrow")


def test_engine_is_checked() -> None:
    with pytest.raises(ParseError) as info:
        read_csv(["unit,period,origin"], engine="spark")  # type: ignore[arg-type]
    assert info.value.code == "parse.choice"


def test_read_aggregation_is_read_csv_as_a_mapping(tmp_path: Path) -> None:
    lines = ["unit,period,origin,status,amount_due\n"]
    lines += [f"U{i % 4},{1 + i % 12} tháng năm 2025,new,other,{i}\n" for i in range(200)]
    path = tmp_path / "r.csv"
    path.write_text("".join(lines), encoding="utf-8")
    for engine in ("python", "arrow"):
        read = csvio.read_aggregation(path, engine=engine)
        assert dict(read) == read_csv(path, engine=engine)
    ledger_rows = ["unit,period,kind,newly_accepted,other\n", "A,năm 2024,viec,1,1\n",
                   "A,năm 2024,tien,5,5\n"]  # fmt: skip
    assert dict(csvio.read_aggregation(ledger_rows)) == read_csv(ledger_rows)


def test_blank_lines_inside_and_at_the_end_of_a_file(small_blocks: None) -> None:
    rows = [f"U{i % 3},năm 2024,newly_accepted,other,{i}\n" for i in range(60)]
    head = "unit,period,origin,status,amount_due\n"
    for data in (
        head + "".join(rows) + "\n\n\n",
        head + "".join(rows[:30]) + "\n" + "".join(rows[30:]),
        (head + "".join(rows) + "\n\n").replace("\n", "\r\n"),
        head + "".join(rows[:40]) + "\n\n" + "U1,năm 2024,new,other,-1\n",  # the error's line
    ):
        engines_agree(data.encode())


@pytest.mark.parametrize(
    "data",
    [
        b"unit,period,origin,status,amount_due\nA,n\xc4\x83m 2024,new,in_progress,"
        + b"0" * 31 + b"\n",
        b"unit,period,origin,status,category\nA,n\xc4\x83m 2024,new,in_progress," + b"x" * 140_000
        + b"\n",
        b"unit,period,origin,status\n\xef\xbb\xbfA,n\xc4\x83m 2024,new,in_progress\n",
        b"origin,unit,period,status\n\xef\xbb\xbfnew,A,n\xc4\x83m 2024,in_progress\n",
        b'unit,period,"origin\n",status\nA,n\xc4\x83m 2024,new,completed\n',
    ],
    ids=["31 zero digits", "a cell over the csv field limit", "a BOM in a body line",
         "a BOM hiding an error", "a quoted heading with a line break"],
)  # fmt: skip
def test_what_the_arrow_engine_once_read_otherwise(data: bytes) -> None:
    engines_agree(data)


def test_a_failing_read_comes_after_the_error_of_the_lines_before(small_blocks: None) -> None:
    # The next block is read before the one before it is added: its error still comes first.
    import io

    from thads_metrics.cases import Aggregator
    from thads_metrics.errors import CsvError

    head = "unit,period,origin,status,amount_due\n"
    rows = "".join(f"A,năm 2024,newly_accepted,other,{i or -1}\n" for i in range(40))

    class Failing(io.BytesIO):
        def read(self, size: int | None = -1) -> bytes:
            if self.tell():
                raise OSError(5, "Input/output error")
            return super().read(size)

    shape = csvio._FileShape("x.csv", head.strip().split(","), ",")
    with pytest.raises(CsvError) as info:
        csvio._add_body(Failing(rows.encode()), shape, Aggregator(), (1, len(head)))
    assert info.value.line == 2
    ok = "".join(f"A,năm 2024,newly_accepted,other,{i}\n" for i in range(40))
    with pytest.raises(OSError, match="Input/output"):
        csvio._add_body(Failing(ok.encode()), shape, Aggregator(), (1, len(head)))


def test_a_file_is_read_as_the_interpreter_shuts_down(tmp_path: Path) -> None:
    # No new thread can start then: the blocks are parsed in the reading thread.
    import subprocess
    import sys

    path = tmp_path / "r.csv"
    path.write_text("unit,period,origin,status,amount_due\n" + "A,năm 2024,new,other,5\n" * 9)
    script = (
        "import atexit, sys\n"
        "from thads_metrics.csvio import read_csv\n"
        "atexit.register(lambda: print(len(read_csv(sys.argv[1], engine='arrow'))))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(path)], capture_output=True, text=True, check=False
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "1\n", "")
