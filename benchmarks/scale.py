"""Benchmark: one process against Dask with two workers, on a CSV of case records.

Generates (or reuses, ``--csv``) a CSV of ``--rows`` case records (default
10,000,000 over 700 units × 12 periods, as ``benchmarks/e2e.py`` writes
them), starts a ``distributed.LocalCluster(n_workers=2, threads_per_worker=1)``
(its nanny without ``MALLOC_TRIM_THRESHOLD_``, see docs/howto/scale.md) and
warms it, then times, interleaved round by round:

- **single**: ``csvio.read_aggregation(path)`` in this process (through
  pyarrow, as the command line reads it), the baseline;
- **dask**: ``thads_metrics.dask.aggregate_csv(path)`` on the cluster;

both timed twice: the aggregation alone (each returns its sums, the ledgers
built when looked up), and with every group's ledgers built (``dict(...)``,
the same serial work on both sides, in this process). It checks that both
give the same ledgers and prints the median times and their ratios (single ÷
dask: how many times faster the cluster is).

    .venv/bin/python benchmarks/scale.py [--rows N] [--rounds N] [--csv PATH] [--blocksize MIB]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import e2e  # the same generator as the end-to-end benchmark


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--units", type=int, default=700)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--blocksize", type=int, default=64, help="MiB a part")
    parser.add_argument("--csv", help="a CSV of case records to use instead of generating one")
    args = parser.parse_args(argv)

    import dask
    from distributed import Client, LocalCluster

    from thads_metrics.csvio import read_aggregation
    from thads_metrics.dask import aggregate_csv

    if args.csv:
        source = Path(args.csv)
    else:
        source = Path(tempfile.mkdtemp(prefix="thads-scale-")) / "records.csv"
        print(f"generating {args.rows:,} records in {source} …", flush=True)
        e2e.generate(source, args.rows, args.units)
    size = source.stat().st_size / 2**20
    print(f"{source} ({size:.0f} MiB), parts of {args.blocksize} MiB")
    blocksize = args.blocksize << 20
    nanny = {"distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None}
    with (
        dask.config.set(nanny),
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster),
    ):
        aggregate_csv(source, blocksize=blocksize)  # warm: imports on the workers
        times: dict[str, list[float]] = {name: [] for name in ("single", "dask")}
        built: dict[str, list[float]] = {name: [] for name in ("single", "dask")}
        results = {}
        for round_ in range(args.rounds):
            order = ["single", "dask"] if round_ % 2 == 0 else ["dask", "single"]
            for name in order:
                start = time.perf_counter()
                if name == "single":
                    found = read_aggregation(source)
                else:
                    found = aggregate_csv(source, blocksize=blocksize)
                times[name].append(time.perf_counter() - start)
                results[name] = dict(found)
                built[name].append(time.perf_counter() - start)
    if results["single"] != results["dask"]:
        raise SystemExit("the cluster's ledgers differ from the single process's")
    print(f"same ledgers for {len(results['single'])} (unit, period) groups")
    print(f"{'':<24}{'single s':>10}{'dask ×2 s':>11}{'ratio':>8}")
    for label, measured in (("aggregation", times), ("with the ledgers built", built)):
        single, parted = (statistics.median(measured[name]) for name in ("single", "dask"))
        print(f"{label:<24}{single:>10.2f}{parted:>11.2f}{single / parted:>7.2f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
