"""Benchmark: ``cases.aggregate`` against pandas group-by sums on the same records.

Generates synthetic case records (default 1,000,000 over 700 units × 12
periods), then in the same run and on the same data:

- ``aggregate(records)``: streams ``CaseRecord`` objects into a ``CaseLedger``
  and an ``AmountLedger`` per (unit, period), exact integer đồng;
- pandas: the same group-by sums on a DataFrame of the same fields (counts and
  sums of amount due, finished and reduced per unit, period, origin and the row
  each case ends in), pivoted to one row per (unit, period), int64 đồng.

It checks that both give the same numbers for every group, prints the best of
``--repeat`` interleaved times for each (and for the pandas sums alone, before
the pivot), their ratio, records per second and the peak
memory of a streaming run (a generator of records through ``aggregate``, traced
with tracemalloc), which stays flat as the number of records grows.

    .venv/bin/python benchmarks/aggregate.py [--records N] [--units N] [--repeat N]
"""

from __future__ import annotations

import argparse
import gc
import resource
import sys
import time
import tracemalloc
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np
import pandas as pd

from thads_metrics.calendar import ReportingPeriod
from thads_metrics.cases import Aggregation, CaseRecord, LedgerPair, Origin, aggregate
from thads_metrics.classification import Status
from thads_metrics.ledger import AmountLedger, CaseLedger

YEAR = 2024
STATUSES = (
    Status.COMPLETED,
    Status.TERMINATED,
    Status.IN_PROGRESS,
    Status.POSTPONED,
    Status.SUSPENDED,
    Status.OTHER,
    Status.WITHOUT_CONDITIONS,
)
# Rough shares of the national figures: most cases completed or without conditions.
STATUS_WEIGHTS = (0.45, 0.03, 0.17, 0.01, 0.005, 0.015, 0.32)


def generate(n: int, units: int, seed: int = 2024) -> dict[str, np.ndarray[Any, Any]]:
    """Raw columns of ``n`` synthetic records (the same data feeds both sides)."""
    rng = np.random.default_rng(seed)
    names = np.array([f"Phòng THADS khu vực {i + 1}" for i in range(units)], dtype=object)
    left = rng.random(n)
    entrusted = left < 0.012
    withdrawn = (left >= 0.012) & (left < 0.0125)
    status = rng.choice(len(STATUSES), size=n, p=STATUS_WEIGHTS)
    # About 40% of cases carry no money obligation; the rest are log-normal đồng,
    # with a few very large ones (tens of thousands of tỷ).
    due = np.where(rng.random(n) < 0.4, 0, np.exp(rng.normal(17.0, 2.5, n)).astype(np.int64) + 1)
    completed = (status == 0) & ~entrusted & ~withdrawn
    share = rng.random(n) * (rng.random(n) < 0.5)
    finished = np.where(completed, due, (due * share).astype(np.int64))
    reduced = np.where(
        completed,
        0,
        ((due - finished) * rng.random(n) * (rng.random(n) < 0.05)).astype(np.int64),
    )
    finished[entrusted | withdrawn] = 0
    reduced[entrusted | withdrawn] = 0
    return {
        "unit": names[rng.integers(0, units, n)],
        "months": rng.integers(1, 13, n),
        "carried": rng.random(n) < 0.3,
        "entrusted": entrusted,
        "withdrawn": withdrawn,
        "status": status,
        "due": due,
        "finished": finished,
        "reduced": reduced,
    }


def records_from(columns: dict[str, np.ndarray[Any, Any]]) -> Iterator[CaseRecord]:
    """The columns as ``CaseRecord`` objects, one at a time (read in chunks, never all)."""
    periods = {m: ReportingPeriod(YEAR, m) for m in range(1, 13)}
    names = ("unit", "months", "carried", "entrusted", "withdrawn", "status", "due")
    size = len(columns["unit"])
    for start in range(0, size, 1 << 14):
        chunk = [columns[name][start : start + (1 << 14)].tolist() for name in names]
        finished = columns["finished"][start : start + (1 << 14)].tolist()
        reduced = columns["reduced"][start : start + (1 << 14)].tolist()
        rows = zip(*chunk, finished, reduced, strict=True)
        for unit, months, carried, entrusted, withdrawn, status, due, done, cut in rows:
            gone = entrusted or withdrawn
            yield CaseRecord(
                unit=unit,
                period=periods[months],
                origin=Origin.CARRIED_OVER if carried else Origin.NEW,
                status=None if gone else STATUSES[status],
                entrusted=entrusted,
                withdrawn=withdrawn,
                amount_due=due,
                amount_finished=done,
                amount_reduced=cut,
            )


def frame_from(columns: dict[str, np.ndarray[Any, Any]]) -> pd.DataFrame:
    """The same fields as a DataFrame, as a CSV reader would give them."""
    status = np.array([s.value for s in STATUSES], dtype=object)[columns["status"]]
    status[columns["entrusted"] | columns["withdrawn"]] = None
    return pd.DataFrame(
        {
            "unit": columns["unit"],
            "year": YEAR,
            "months": columns["months"],
            "origin": np.where(columns["carried"], "carried_over", "newly_accepted"),
            "entrusted": columns["entrusted"],
            "withdrawn": columns["withdrawn"],
            "status": status,
            "amount_due": columns["due"],
            "amount_finished": columns["finished"],
            "amount_reduced": columns["reduced"],
        }
    )


def pandas_sums(df: pd.DataFrame) -> pd.DataFrame:
    """The pandas group-by sums: per unit, period, origin and the row each case ends in."""
    row = np.where(
        df["entrusted"], "entrusted", np.where(df["withdrawn"], "withdrawn", df["status"])
    )
    grouped = df.assign(row=row).groupby(
        ["unit", "year", "months", "origin", "row"], sort=False, observed=True
    )
    return grouped.agg(
        n=("amount_due", "size"),
        due=("amount_due", "sum"),
        finished=("amount_finished", "sum"),
        reduced=("amount_reduced", "sum"),
    )


def pandas_ledgers(df: pd.DataFrame) -> pd.DataFrame:
    """The pandas baseline: the same sums pivoted to one row per (unit, period), like ledgers."""
    return pandas_sums(df).unstack(["origin", "row"], fill_value=0)


def check_same(ours: Aggregation, wide: pd.DataFrame) -> None:
    """Both sides give the same ledgers for every group (outside the timings)."""
    assert len(ours) == len(wide), (len(ours), len(wide))
    columns = list(wide.columns)
    for (unit, year, months), values in zip(wide.index, wide.to_numpy().tolist(), strict=True):
        sums: dict[tuple[str, str], dict[str, int]] = {}
        for (measure, origin, row), value in zip(columns, values, strict=True):
            sums.setdefault((origin, row), {})[measure] = int(value)
        case_rows = dict.fromkeys(CaseLedger.STORED, 0)
        money_rows = dict.fromkeys(AmountLedger.STORED, 0)
        for (origin, row), v in sums.items():
            case_rows[origin] += v["n"]
            case_rows[row] += v["n"]
            money_rows[origin] += v["due"]
            money_rows[row] += v["due"] - v["finished"] - v["reduced"]
            money_rows["completed"] += v["finished"]
            money_rows["reduced"] += v["reduced"]
        expected = LedgerPair(CaseLedger(**case_rows), AmountLedger(**money_rows))
        assert ours[(unit, ReportingPeriod(year, months))] == expected, (unit, months)


def timed(run: Callable[[Any], Any], data: Any) -> tuple[float, Any]:
    """Seconds taken by ``run(data)``, after a full garbage collection, and its result."""
    gc.collect()
    start = time.perf_counter()
    result = run(data)
    return time.perf_counter() - start, result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--units", type=int, default=700)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    n = args.records

    print(f"thads-metrics aggregate benchmark: {n:,} records, {args.units} units × 12 periods")
    print(f"python {sys.version.split()[0]}, pandas {pd.__version__}, numpy {np.__version__}")
    columns = generate(n, args.units)
    start = time.perf_counter()
    records = list(records_from(columns))
    built = time.perf_counter() - start
    df = frame_from(columns)
    print(f"built {n:,} CaseRecord in {built:.2f} s ({n / built:,.0f}/s, checked on construction)")

    ours_times: list[float] = []
    theirs_times: list[float] = []
    sums_times: list[float] = []
    for _ in range(args.repeat):  # interleaved, so both see the same machine load
        ours_time, ours = timed(aggregate, records)
        ours_times.append(ours_time)
        theirs_time, wide = timed(pandas_ledgers, df)
        theirs_times.append(theirs_time)
        sums_times.append(timed(pandas_sums, df)[0])
    check_same(ours, wide)
    ours_best, theirs_best, sums_best = min(ours_times), min(theirs_times), min(sums_times)
    print(f"groups: {len(ours):,}; both sides agree on every group")
    print(f"aggregate (exact int đồng):  {ours_best:.3f} s  ({n / ours_best:,.0f} records/s)")
    print(f"pandas group-by (int64):     {theirs_best:.3f} s  ({n / theirs_best:,.0f} records/s)")
    print(f"ratio aggregate / pandas:    {ours_best / theirs_best:.2f}×  (target ≤ 2×)")
    print(
        f"pandas sums before pivoting: {sums_best:.3f} s  (ratio {ours_best / sums_best:.2f}×; "
        "one row per unit, period, origin and row, not yet ledgers)"
    )

    # Memory: stream a generator through aggregate; the records never all exist.
    del records
    gc.collect()
    peaks = []
    for size in (n // 10, n):
        part = {name: column[:size] for name, column in columns.items()}
        tracemalloc.start()
        start = time.perf_counter()
        aggregate(records_from(part))
        elapsed = time.perf_counter() - start
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
        print(
            f"streaming {size:>9,} records from a generator: peak traced memory "
            f"{peaks[-1] / 2**20:.1f} MiB (including record construction, traced: {elapsed:.1f} s)"
        )
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    growth = peaks[1] / peaks[0]
    print(f"peak memory ×{growth:.2f} for ×10 records; process max RSS {rss:.0f} MiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
