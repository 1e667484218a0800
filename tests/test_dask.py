"""thads_metrics.dask gives what the single process gives: files and frames in parts.

The cutting, reading and merging of parts is tried on many small files with
Dask's synchronous scheduler (fast); the same on a local cluster of two
worker processes (``distributed.LocalCluster(n_workers=2)``), as users run it.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support import HEADER, case_rows, outcome

from thads_metrics.columnar import aggregate_table
from thads_metrics.csvio import read_csv
from thads_metrics.errors import ThadsError

dask = pytest.importorskip("dask")
dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

from thads_metrics.dask import aggregate_csv, aggregate_frame  # noqa: E402


@pytest.fixture
def folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


ODD = ["", "U1,năm 2025,new,in_progress,5,9\n", 'U1,"năm 2025",new,other,5,0\n',
       "U1,năm 2025,new,in_progress,1.000,5\n", "\n", "U1,năm 2025\n"]  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 80), st.integers(0, 80), st.sampled_from(ODD), st.integers(40, 400))
def test_parts_give_what_the_whole_file_gives(
    count: int, at: int, odd: str, blocksize: int
) -> None:
    lines = case_rows(count)
    lines.insert(min(at, count), odd)  # an error, a quote, an unusual cell, a blank line
    with tempfile.TemporaryDirectory() as name:
        path = Path(name) / "records.csv"
        path.write_text(HEADER + "".join(lines), encoding="utf-8")
        with dask.config.set(scheduler="sync"):
            parts = outcome(lambda: aggregate_csv(path, blocksize=blocksize))
        whole = outcome(lambda: read_csv(path, engine="python"))
    assert parts == whole


def test_several_files_add_up(folder: Path) -> None:
    paths = []
    for n in range(3):
        path = folder / f"tinh-{n}.csv"
        path.write_text(HEADER + "".join(case_rows(300, seed=n)), encoding="utf-8")
        paths.append(path)
    with dask.config.set(scheduler="sync"):
        result = aggregate_csv(paths, blocksize=1000)
    expected: dict[Any, Any] = {}
    for path in paths:
        for key, pair in read_csv(path).items():
            expected[key] = expected[key] + pair if key in expected else pair
    assert dict(result) == expected


def test_a_file_of_ledger_rows_is_refused_as_records(folder: Path) -> None:
    path = folder / "ledgers.csv"
    path.write_text("unit,period,kind,newly_accepted,completed\nA,năm 2024,viec,1,1\n")
    with dask.config.set(scheduler="sync"), pytest.raises(ThadsError) as info:
        aggregate_csv(path)
    assert info.value.code == "csv.file_kind"


@pytest.mark.parametrize("paths", [[], 42, [1]])
def test_paths_are_checked(paths: object) -> None:
    with pytest.raises(ThadsError) as info:
        aggregate_csv(paths)  # type: ignore[arg-type]
    assert info.value.code in {"parse.empty", "parse.type"}


def test_a_frame_is_refused_unless_dask() -> None:
    with pytest.raises(ThadsError) as info:
        aggregate_frame(pd.DataFrame())
    assert info.value.code == "parse.type"


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    )
    with cluster, distributed.Client(cluster) as connected:
        yield connected


def test_a_local_cluster_gives_the_single_process_ledgers(client: Any, folder: Path) -> None:
    path = folder / "records.csv"
    path.write_text(HEADER + "".join(case_rows(5000)), encoding="utf-8")
    result = aggregate_csv(path, blocksize=20_000)  # a dozen parts
    assert dict(result) == read_csv(path) == read_csv(path, engine="python")


def test_a_local_cluster_names_the_line_of_the_file(client: Any, folder: Path) -> None:
    lines = case_rows(5000)
    lines[3210] = "Huyện 1,năm 2025,newly_accepted,in_progress,5,9\n"  # finished > due
    path = folder / "records.csv"
    path.write_text(HEADER + "".join(lines), encoding="utf-8")
    with pytest.raises(ThadsError) as info:
        aggregate_csv(path, blocksize=20_000)
    assert info.value.line == 3212  # the header, then rows 1..3211
    assert outcome(lambda: aggregate_csv(path, blocksize=20_000)) == outcome(lambda: read_csv(path))


def test_a_frame_on_a_local_cluster(client: Any) -> None:
    records = [line.rstrip("\n").split(",") for line in case_rows(2000)]
    frame = pd.DataFrame(records, columns=HEADER.strip().split(","))
    frame["amount_due"] = frame["amount_due"].astype("int64")
    expected = aggregate_table(frame)
    parted = dd.from_pandas(frame, npartitions=4)
    assert aggregate_frame(parted) == expected
    frame.loc[1500, "status"] = "unheard of"
    bad = dd.from_pandas(frame, npartitions=4)
    assert outcome(lambda: aggregate_frame(bad)) == outcome(
        lambda: aggregate_table(frame, source="<dask frame>")
    )


def test_a_missing_file_is_unreadable_as_read_csv_says(folder: Path) -> None:
    path = folder / "missing.csv"
    with dask.config.set(scheduler="sync"):
        got = outcome(lambda: aggregate_csv(path))
    assert got == outcome(lambda: read_csv(path))
    assert got[1] == "csv.unreadable"
