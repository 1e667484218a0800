"""Case records aggregated on Spark (tổng hợp trên Spark): files and DataFrames in parts.

Extra ``[spark]`` (pyspark; Spark needs Java 17 or later). What
:mod:`thads_metrics.dask` does, on a ``SparkSession``: :func:`aggregate_csv`
cuts CSV files of case records into parts at line ends and reads each part
in a Spark task, the parts' packed sums merged by file
(``reduceByKey``); :func:`aggregate_frame` aggregates each partition of a
Spark DataFrame with the columns of case records through Arrow
(``mapInArrow``, :mod:`thads_metrics.columnar`) and merges them on the
driver. Both give exactly what the single process gives: the same ledgers,
the same first error, its line counted from the start of its file (from the
first row of the frame). For example::

    from pyspark.sql import SparkSession
    spark = SparkSession.builder.master("local[2]").getOrCreate()
    result = aggregate_csv(spark, ["ha-noi.csv", "hue.csv"])
"""

from __future__ import annotations

import pickle
from collections.abc import Iterator, Sequence
from functools import reduce
from pathlib import Path
from typing import Any

from thads_metrics._partitions import (
    BLOCKSIZE,
    FilePlan,
    Outcome,
    finish,
    frame_outcome,
    merge,
    part_outcome,
    paths_of,
    plan_file,
    whole_outcome,
)
from thads_metrics.cases import Aggregation, Aggregator
from thads_metrics.errors import ParseError

__all__ = ["aggregate_csv", "aggregate_frame", "csv_aggregator", "frame_aggregator"]


def _check_session(spark: object) -> Any:
    context = getattr(spark, "sparkContext", None)
    if context is None:
        raise ParseError(
            f"spark must be a SparkSession, got {type(spark).__name__}",
            code="parse.type",
            details={"argument": "spark", "value": type(spark).__name__, "rule": "SparkSession"},
        )
    return context


def aggregate_csv(
    spark: Any, paths: str | Path | Sequence[str | Path], *, blocksize: int = BLOCKSIZE
) -> Aggregation:
    """The ledgers by (unit, period) of CSV files of case records, read in parts in Spark
    tasks (see the module's documentation)."""
    return csv_aggregator(spark, paths, blocksize=blocksize).result()


def csv_aggregator(
    spark: Any, paths: str | Path | Sequence[str | Path], *, blocksize: int = BLOCKSIZE
) -> Aggregator:
    """The :class:`~thads_metrics.cases.Aggregator` of :func:`aggregate_csv`."""
    context = _check_session(spark)
    files = paths_of(paths)
    plans = [plan_file(path, number, blocksize=blocksize) for number, path in enumerate(files)]
    tasks = [(plan, i) for plan in plans if plan.shape is not None for i in range(len(plan.ranges))]
    merged: dict[int, Outcome] = {}
    if tasks:
        merged = (
            context.parallelize(tasks, len(tasks))
            .map(_part)
            .reduceByKey(merge, numPartitions=len(plans))
            .collectAsMap()
        )
    outcomes = [merged.get(plan.number) or whole_outcome(plan) for plan in plans]
    return finish(outcomes, plans)


def _part(task: tuple[FilePlan, int]) -> tuple[int, Outcome]:
    plan, index = task
    return plan.number, part_outcome(plan, index)


def aggregate_frame(frame: Any) -> Aggregation:
    """The ledgers by (unit, period) of the case records of a Spark DataFrame, a
    partition at a time (see the module's documentation)."""
    return frame_aggregator(frame).result()


def frame_aggregator(frame: Any) -> Aggregator:
    """The :class:`~thads_metrics.cases.Aggregator` of :func:`aggregate_frame`."""
    if not hasattr(frame, "mapInArrow"):
        raise ParseError(
            f"frame must be a Spark DataFrame, got {type(frame).__name__}",
            code="parse.type",
            details={"argument": "frame", "value": type(frame).__name__, "rule": "a DataFrame"},
        )
    rows = frame.mapInArrow(_partition, "outcome binary").collect()
    outcomes = [pickle.loads(row.outcome) for row in rows]
    if not outcomes:
        return Aggregator()
    return finish([reduce(merge, outcomes)])


def _partition(batches: Iterator[Any]) -> Iterator[Any]:
    """A partition's outcome, pickled in a one-row batch (runs in a Spark task)."""
    import pyarrow as pa
    from pyspark import TaskContext

    context = TaskContext.get()
    index = 0 if context is None else context.partitionId()
    outcome = frame_outcome(list(batches), 0, index, "<spark frame>")
    yield pa.RecordBatch.from_pydict({"outcome": [pickle.dumps(outcome)]})
