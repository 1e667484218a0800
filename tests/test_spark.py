"""thads_metrics.spark gives what the single process gives, on Spark ``local[2]``.

Needs pyspark and Java 17 or later (.ci/run installs Java where it is absent);
skipped, saying why, where either is missing.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import HEADER, case_rows, outcome

from thads_metrics.columnar import aggregate_table
from thads_metrics.csvio import read_csv
from thads_metrics.errors import ThadsError

pyspark_sql = pytest.importorskip("pyspark.sql")
if shutil.which("java") is None:  # pragma: no cover - CI installs Java
    pytest.skip("Spark needs Java (17 or later) on the PATH", allow_module_level=True)

from thads_metrics.spark import aggregate_csv, aggregate_frame  # noqa: E402


def rows(count: int) -> list[str]:
    return case_rows(count, origin="carried_over")


#: The session is made once for the module: hypothesis may reuse it across examples.
FIXTURE = HealthCheck.function_scoped_fixture


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    before = os.environ.get("PYSPARK_PYTHON")
    os.environ["PYSPARK_PYTHON"] = sys.executable  # the workers import this package
    session = (
        pyspark_sql.SparkSession.builder.master("local[2]")
        .appName("thads-metrics-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    try:
        yield session
    finally:
        session.stop()
        if before is None:
            os.environ.pop("PYSPARK_PYTHON", None)
        else:
            os.environ["PYSPARK_PYTHON"] = before


@pytest.fixture
def folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


def test_files_in_parts_give_the_single_process_ledgers(spark: Any, folder: Path) -> None:
    paths = []
    for n, count in enumerate((3000, 1000)):
        path = folder / f"tinh-{n}.csv"
        path.write_text(HEADER + "".join(rows(count)), encoding="utf-8")
        paths.append(path)
    result = aggregate_csv(spark, paths, blocksize=15_000)
    expected: dict[Any, Any] = {}
    for path in paths:
        for key, pair in read_csv(path).items():
            expected[key] = expected[key] + pair if key in expected else pair
    assert dict(result) == expected


def test_an_error_names_its_line_in_the_file(spark: Any, folder: Path) -> None:
    lines = rows(3000)
    lines[2500] = "Huyện 1,năm 2025,carried_over,in_progress,5,9\n"
    path = folder / "records.csv"
    path.write_text(HEADER + "".join(lines), encoding="utf-8")
    got = outcome(lambda: aggregate_csv(spark, path, blocksize=15_000))
    assert got == outcome(lambda: read_csv(path))
    assert got[2] == 2502  # (class, code, line, column, message)


def test_a_quote_makes_the_file_read_whole(spark: Any, folder: Path) -> None:
    lines = rows(3000)
    lines[2000] = 'Huyện 1,"năm 2025",carried_over,other,5,0\n'
    path = folder / "records.csv"
    path.write_text(HEADER + "".join(lines), encoding="utf-8")
    assert dict(aggregate_csv(spark, path, blocksize=15_000)) == read_csv(path)


def test_a_spark_frame_gives_the_ledgers_of_its_records(spark: Any) -> None:
    records = [line.rstrip("\n").split(",") for line in rows(2000)]
    frame = pd.DataFrame(records, columns=HEADER.strip().split(","))
    expected = aggregate_table(frame)
    parted = spark.createDataFrame(frame).repartition(3)
    assert aggregate_frame(parted) == expected
    empty = spark.createDataFrame(frame.head(0), schema=parted.schema)
    assert dict(aggregate_frame(empty)) == {}


def test_a_spark_frame_error_counts_rows_across_partitions(spark: Any) -> None:
    records = [line.rstrip("\n").split(",") for line in rows(900)]
    frame = pd.DataFrame(records, columns=HEADER.strip().split(","))
    frame.loc[700, "origin"] = "from elsewhere"
    parted = spark.createDataFrame(frame).coalesce(3)  # keeps the order of the rows
    got = outcome(lambda: aggregate_frame(parted))
    assert got == outcome(lambda: aggregate_table(frame, source="<spark frame>"))
    assert got[2] == 701


def test_what_is_not_spark_is_refused() -> None:
    with pytest.raises(ThadsError) as info:
        aggregate_frame(pd.DataFrame())
    assert info.value.code == "parse.type"
    with pytest.raises(ThadsError) as info:
        aggregate_csv(object(), "x.csv")
    assert info.value.code == "parse.type"


ODD = ["", "Huyện 1,năm 2025,carried_over,in_progress,5,9\n",
       'Huyện 1,"năm 2025",carried_over,other,5,0\n',
       "Huyện 1,năm 2025,carried_over,in_progress,1.000,5\n", "\n"]  # fmt: skip


@settings(max_examples=8, deadline=None, suppress_health_check=[FIXTURE])
@given(st.integers(0, 300), st.sampled_from(ODD), st.integers(500, 5000))
def test_parts_in_spark_give_what_the_whole_file_gives(
    spark: Any, at: int, odd: str, blocksize: int
) -> None:
    lines = rows(300)
    lines.insert(at, odd)  # an error, a quote, an unusual cell, a blank line
    with tempfile.TemporaryDirectory() as name:
        path = Path(name) / "records.csv"
        path.write_text(HEADER + "".join(lines), encoding="utf-8")
        parts = outcome(lambda: aggregate_csv(spark, path, blocksize=blocksize))
        assert parts == outcome(lambda: read_csv(path, engine="python"))
