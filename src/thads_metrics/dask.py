"""Case records aggregated on Dask (tổng hợp trên Dask): files and DataFrames in parts.

Extra ``[dask]``. :func:`aggregate_csv` cuts CSV files of case records into
parts of about ``blocksize`` bytes at line ends, reads each part on a worker
(through pyarrow when the worker has it, else row by row), and merges the
parts' packed sums in a tree of tasks; :func:`aggregate_frame` does the same
for the partitions of a ``dask.dataframe.DataFrame`` with the columns of case
records (:mod:`thads_metrics.columnar`). Both give exactly what the single
process gives (:func:`~thads_metrics.csvio.read_csv`,
:func:`~thads_metrics.columnar.aggregate_table`): the same ledgers, the same
first error, its line counted from the start of its file (from the first row
of the frame), not of its part.

They run on Dask's current scheduler: a ``distributed.Client`` when one is
open (processes on this machine or a cluster), else Dask's default. Workers
read the files themselves: give paths they can open. For example::

    from distributed import Client, LocalCluster
    client = Client(LocalCluster(n_workers=2))
    result = aggregate_csv(["ha-noi.csv", "hue.csv"])
    result.total().cases.completion_rate()
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from thads_metrics._partitions import (
    BLOCKSIZE,
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


def _dask() -> Any:
    try:
        import dask
    except ImportError as exc:  # pragma: no cover - CI installs the extra
        raise ParseError(
            f"thads_metrics.dask needs dask: pip install 'thads-metrics[dask]' ({exc})",
            code="parse.missing_extra",
            details={"extra": "dask", "rule": "dask installed"},
        ) from exc
    return dask


def aggregate_csv(
    paths: str | Path | Sequence[str | Path], *, blocksize: int = BLOCKSIZE
) -> Aggregation:
    """The ledgers by (unit, period) of CSV files of case records, read in parts on Dask
    (see the module's documentation)."""
    return csv_aggregator(paths, blocksize=blocksize).result()


def csv_aggregator(
    paths: str | Path | Sequence[str | Path], *, blocksize: int = BLOCKSIZE
) -> Aggregator:
    """The :class:`~thads_metrics.cases.Aggregator` of :func:`aggregate_csv`, to merge with
    others."""
    dask = _dask()
    files = paths_of(paths)
    workers = _worker_threads()
    plans = [
        plan_file(path, number, blocksize=blocksize, multiple=workers)
        for number, path in enumerate(files)
    ]
    delayed = dask.delayed
    per_file = []
    for plan in plans:
        if plan.shape is None or not plan.ranges:
            per_file.append(delayed(whole_outcome)(plan))
        else:
            parts = [delayed(part_outcome)(plan, i) for i in range(len(plan.ranges))]
            per_file.append(_tree(parts, delayed(merge)))
    return finish(dask.compute(*per_file), plans)


def _worker_threads() -> int:
    """The threads of the workers of the current ``distributed`` client (1 without one)."""
    try:
        from distributed import default_client

        return max(1, sum(default_client().nthreads().values()))  # type: ignore[no-untyped-call]
    except (ImportError, ValueError):
        return 1


def aggregate_frame(frame: Any) -> Aggregation:
    """The ledgers by (unit, period) of the case records of a Dask DataFrame, a partition
    at a time on Dask (see the module's documentation)."""
    return frame_aggregator(frame).result()


def frame_aggregator(frame: Any) -> Aggregator:
    """The :class:`~thads_metrics.cases.Aggregator` of :func:`aggregate_frame`."""
    dask = _dask()
    if not hasattr(frame, "to_delayed"):
        raise ParseError(
            f"frame must be a dask DataFrame, got {type(frame).__name__}",
            code="parse.type",
            details={"argument": "frame", "value": type(frame).__name__, "rule": "a DataFrame"},
        )
    parts = [
        dask.delayed(frame_outcome)(part, 0, i, "<dask frame>")
        for i, part in enumerate(frame.to_delayed())
    ]
    (outcome,) = dask.compute(_tree(parts, dask.delayed(merge)))
    return finish([outcome])


def _tree(items: list[Any], combine: Callable[[Any, Any], Any]) -> Any:
    """``items`` combined pairwise, level by level: a tree of tasks (the merges run on
    the workers, log2(n) levels deep)."""
    while len(items) > 1:
        pairs = [combine(items[i], items[i + 1]) for i in range(0, len(items) - 1, 2)]
        items = pairs + ([items[-1]] if len(items) % 2 else [])
    return items[0]
