"""Benchmark: one process against Dask with two workers, on a CSV of case records.

Generates (or reuses, ``--csv``) a CSV of ``--rows`` case records (default
10,000,000 over 700 units × 12 periods, as ``benchmarks/e2e.py`` writes
them), starts a ``distributed.LocalCluster(n_workers=2, threads_per_worker=1)``
(its nanny without ``MALLOC_TRIM_THRESHOLD_``, see docs/howto/scale.md) and
warms it, then times, interleaved round by round:

- **single**: ``csvio.read_aggregation(path)`` in this process (through
  pyarrow, as the command line reads it), the baseline;
- **dask**: ``thads_metrics.dask.aggregate_csv(path)`` on the cluster;

- **one core**: the same as *single* in a child process held to one CPU
  (``os.sched_setaffinity``, Linux), timed inside the child;

*single* and *dask* timed twice: the aggregation alone (each returns its sums,
the ledgers built when looked up), and with every group's ledgers built
(``dict(...)``, the same serial work on both sides, in this process). It
checks that both give the same ledgers and prints the median times and their
ratios (single ÷ dask: how many times faster the cluster is), the cores the
single process keeps busy (its CPU time ÷ its wall time: pyarrow parses in
the next blocks side by side in threads while one is added), which bounds what
two workers on two cores can gain over it, and the cluster against one core
(the parallel speedup of two workers, at most 2).

    .venv/bin/python benchmarks/scale.py [--rows N] [--rounds N] [--csv PATH] [--blocksize MIB]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
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
        times: dict[str, list[float]] = {name: [] for name in ("single", "dask", "one core")}
        built: dict[str, list[float]] = {name: [] for name in ("single", "dask")}
        cores: list[float] = []
        results = {}
        for round_ in range(args.rounds):
            order = ["single", "dask", "one core"]
            order = order[round_ % 3 :] + order[: round_ % 3]  # interleaved
            for name in order:
                if name == "one core":
                    times[name].append(one_core(source))
                    continue
                start = time.perf_counter()
                cpu = _cpu()
                if name == "single":
                    found = read_aggregation(source)
                else:
                    found = aggregate_csv(source, blocksize=blocksize)
                times[name].append(time.perf_counter() - start)
                if name == "single":
                    cores.append((_cpu() - cpu) / times[name][-1])
                results[name] = dict(found)
                built[name].append(time.perf_counter() - start)
    if results["single"] != results["dask"]:
        raise SystemExit("the cluster's ledgers differ from the single process's")
    print(f"same ledgers for {len(results['single'])} (unit, period) groups")
    print(f"{'':<24}{'single s':>10}{'dask ×2 s':>11}{'ratio':>8}")
    for label, measured in (("aggregation", times), ("with the ledgers built", built)):
        single, parted = (statistics.median(measured[name]) for name in ("single", "dask"))
        print(f"{label:<24}{single:>10.2f}{parted:>11.2f}{single / parted:>7.2f}×")
    busy = statistics.median(cores)
    print(f"the single process keeps {busy:.2f} of {os.cpu_count()} cores busy: two workers on")
    print(f"  two cores can be at most {2 / busy:.2f}× faster than it")
    alone, parted = statistics.median(times["one core"]), statistics.median(times["dask"])
    print(f"one core: {alone:.2f} s; dask ×2 against it (parallel speedup, at most 2): "
          f"{alone / parted:.2f}×")  # fmt: skip
    return 0


def _cpu() -> float:
    """CPU seconds of this process so far (every thread, user and system)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


_ONE_CORE = """
import sys, time
from thads_metrics.csvio import read_aggregation
import pyarrow, numpy
start = time.perf_counter()
read_aggregation(sys.argv[1])
print(time.perf_counter() - start)
"""


def one_core(source: Path) -> float:
    """Seconds of ``read_aggregation(source)`` in a child process held to one CPU."""
    cpu = min(os.sched_getaffinity(0))
    done = subprocess.run(
        [sys.executable, "-c", _ONE_CORE, str(source)],
        capture_output=True,
        text=True,
        check=True,
        preexec_fn=lambda: os.sched_setaffinity(0, {cpu}),
    )
    return float(done.stdout.strip())


if __name__ == "__main__":
    sys.exit(main())
