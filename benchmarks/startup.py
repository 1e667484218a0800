"""Benchmark: ``import thads_metrics`` against ``import babel.numbers``, in fresh processes.

Each round starts one interpreter per side, in turn (interleaved, the order
alternating), and times the import inside it with ``time.perf_counter``; prints
the medians and their ratio. ``thads_metrics`` loads its modules on first use
(the package's ``__getattr__``), and formats numbers with CLDR's ``vi`` symbols
written in the module, so importing it loads neither its submodules nor babel.

    .venv/bin/python benchmarks/startup.py [--rounds N]

Target (the speed issue): the ratio at most 1.5.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys

_TIMED = "import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"


def once(module: str) -> float:
    """Seconds one fresh interpreter takes to import ``module``."""
    done = subprocess.run(
        [sys.executable, "-c", _TIMED.format(module=module)],
        capture_output=True,
        text=True,
        check=True,
    )
    return float(done.stdout)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args(argv)
    sides = ("thads_metrics", "babel.numbers")
    times: dict[str, list[float]] = {side: [] for side in sides}
    for round_ in range(args.rounds):
        for side in sides if round_ % 2 == 0 else reversed(sides):
            times[side].append(once(side))
    ours, theirs = (statistics.median(times[side]) for side in sides)
    print(f"import thads_metrics  {ours * 1000:7.1f} ms (median of {args.rounds})")
    print(f"import babel.numbers  {theirs * 1000:7.1f} ms")
    print(f"ratio                 {ours / theirs:7.2f} (target <= 1.5)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
