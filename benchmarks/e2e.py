"""Benchmark: the command line's main job from a CSV, against a pandas (and polars) script.

Generates a CSV of ``--rows`` synthetic case records (default 1,000,000 over
``--units`` units × 12 periods of one year), then, in the same run and
interleaved round by round (so that load on the machine falls on both sides
alike), times as separate processes:

- **thads-metrics**: ``thads-metrics report FILE --format json --quiet -o OUT``,
  the main job: read, check and aggregate every record, build every unit's
  report and write the JSON document; twice: with ``--engine arrow`` (extra
  ``[fast]``: the CSV through pyarrow) and ``--engine python`` (no extra);
- **pandas**: a script that reads the same CSV with ``pandas.read_csv``, sums
  cases and amounts by unit, period and row, and computes the completion
  rates (finished ÷ có điều kiện) of the latest period — the figures without
  the checks, the paragraph or the exactness (int64 sums, float rates);
- **polars**: the same script in polars, when polars is installed.

It checks that every side gives the same finished counts, có điều kiện
counts and amounts for every unit of the latest period, prints the median
wall time and peak memory (max RSS) of each side, and their ratios to the
named baseline (pandas). Each side runs once untimed first (its bytecode cached, as
in an installed package, and the file in the disk cache).

    .venv/bin/python benchmarks/e2e.py [--rows N] [--units N] [--rounds N] [--keep DIR] [--csv F]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

STATUSES = (
    ("completed", 0.45),
    ("terminated", 0.03),
    ("in_progress", 0.17),
    ("postponed", 0.01),
    ("suspended", 0.005),
    ("other", 0.015),
    ("without_conditions", 0.32),
)

# Runs a command in this interpreter and prints its peak memory (KiB) on stderr last.
_MEASURED = """
import resource, runpy, sys
sys.argv = sys.argv[1:]
try:
    if sys.argv[0] == "-m":
        sys.argv = sys.argv[1:]
        runpy.run_module(sys.argv[0], run_name="__main__")
    else:
        runpy.run_path(sys.argv[0], run_name="__main__")
except SystemExit as exc:
    if exc.code not in (0, None):
        raise
finally:
    print("maxrss", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
"""

_PANDAS = """
import json, sys
import pandas as pd

source, out = sys.argv[1], sys.argv[2]
df = pd.read_csv(source, dtype={"unit": str, "period": str, "origin": str, "status": str})
df["amount_due"] = df["amount_due"].fillna(0).astype("int64")
df["amount_finished"] = df["amount_finished"].fillna(0).astype("int64")
df["amount_reduced"] = df["amount_reduced"].fillna(0).astype("int64")
latest = df["period"].iloc[-1]
year = df[df["period"] == latest]
done = year["status"].isin(["completed", "terminated"])
wc = year["status"].isin(["completed", "terminated", "in_progress", "postponed", "suspended",
                          "other"])
paid = year["amount_finished"] + year["amount_reduced"]
# A finished case (thi hành xong, đình chỉ) counts its whole amount as finished; what was
# paid of any other case counts as finished too, hence as with conditions.
g = year.assign(done=done, wc=wc, finished=year["amount_due"].where(done, paid),
                wc_amount=year["amount_due"].where(wc, paid)).groupby("unit")
cases_done = g["done"].sum()
cases_wc = g["wc"].sum()
money_done = g["finished"].sum()
money_wc = g["wc_amount"].sum()
result = {
    unit: {"finished": int(cases_done[unit]), "with_conditions": int(cases_wc[unit]),
           "money_finished": int(money_done[unit]), "money_with_conditions": int(money_wc[unit]),
           "rate": 100.0 * cases_done[unit] / cases_wc[unit] if cases_wc[unit] else None}
    for unit in cases_done.index
}
json.dump(result, open(out, "w"), ensure_ascii=False)
"""

_POLARS = """
import json, sys
import polars as pl

source, out = sys.argv[1], sys.argv[2]
df = pl.read_csv(source, schema_overrides={"unit": pl.Utf8, "period": pl.Utf8})
latest = df["period"][-1]
wc_status = ["completed", "terminated", "in_progress", "postponed", "suspended", "other"]
g = (df.filter(pl.col("period") == latest)
       .with_columns(done=pl.col("status").is_in(["completed", "terminated"]),
                     wc=pl.col("status").is_in(wc_status))
       .group_by("unit")
       .agg(pl.col("done").sum().alias("finished"), pl.col("wc").sum().alias("with_conditions"),
            pl.when(pl.col("done")).then(pl.col("amount_due"))
              .otherwise(pl.col("amount_finished").fill_null(0)
                         + pl.col("amount_reduced").fill_null(0))
              .sum().alias("money_finished"),
            pl.when(pl.col("wc")).then(pl.col("amount_due"))
              .otherwise(pl.col("amount_finished").fill_null(0)
                         + pl.col("amount_reduced").fill_null(0))
              .sum().alias("money_with_conditions")))
result = {row["unit"]: {k: int(row[k]) for k in ("finished", "with_conditions",
                                               "money_finished", "money_with_conditions")}
          for row in g.iter_rows(named=True)}
json.dump(result, open(out, "w"), ensure_ascii=False)
"""


def generate(path: Path, rows: int, units: int, seed: int = 2025) -> None:
    """A case-records CSV: every unit in each of the 12 cumulative periods of 2025."""
    rng = random.Random(seed)
    names = [f"Phòng THADS khu vực {i + 1}" for i in range(units)]
    labels = [("năm 2025" if m == 12 else f"{m} tháng năm 2025") for m in range(1, 13)]
    statuses = [s for s, _ in STATUSES]
    weights = [w for _, w in STATUSES]
    per_group = max(1, rows // (units * 12))
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["unit", "period", "origin", "status", "amount_due", "amount_finished",
                      "amount_reduced"])  # fmt: skip
        written = 0
        for label in labels:
            for name in names:
                for _ in range(per_group):
                    if written >= rows:
                        break
                    status = rng.choices(statuses, weights)[0]
                    due = 0 if rng.random() < 0.4 else int(rng.lognormvariate(17.0, 2.0)) + 1
                    finished = due if status == "completed" else int(due * rng.random() * 0.5)
                    origin = "carried_over" if rng.random() < 0.3 else "newly_accepted"
                    out.writerow([name, label, origin, status, due, finished, 0])
                    written += 1


# The children run as an installed package runs: with its bytecode cached (pip compiles
# the modules of a wheel when it installs it; pandas' are). A machine that sets
# PYTHONDONTWRITEBYTECODE would have this source tree (an editable install) compiled
# again at every start, ~75 ms the users of a wheel never pay.
_ENV = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def run(command: list[str]) -> tuple[float, int]:
    """Wall seconds and peak memory (KiB) of one measured child process."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _MEASURED, *command],
        capture_output=True,
        text=True,
        check=False,
        env=_ENV,
    )
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{command[:3]} failed:\n{done.stderr[-2000:]}")
    memory = int(done.stderr.strip().splitlines()[-1].split()[1])
    return elapsed, memory


def ours(path: Path) -> dict[str, dict[str, Any]]:
    """Each unit's figures of the latest period from the CLI's JSON document."""
    data = json.loads(path.read_text(encoding="utf-8"))
    out = {}
    for unit in data["units"]:
        cases, money = unit["cases"]["rows"], unit["money"]["rows"]
        out[unit["unit"]] = {
            "finished": cases["finished"],
            "with_conditions": cases["with_conditions"],
            "money_finished": money["finished"],
            "money_with_conditions": money["with_conditions"],
        }
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--units", type=int, default=700)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--keep", help="write the files here instead of a temporary folder")
    parser.add_argument("--csv", help="a CSV of case records to use instead of generating one")
    args = parser.parse_args(argv)
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="thads-e2e-"))
    work.mkdir(parents=True, exist_ok=True)
    source = Path(args.csv) if args.csv else work / "records.csv"
    if not args.csv:
        generate(source, args.rows, args.units)
    size = source.stat().st_size / 2**20
    print(f"{source} ({size:.0f} MiB)")
    scripts = {"pandas": _PANDAS}
    try:
        import polars  # noqa: F401

        scripts["polars"] = _POLARS
    except ImportError:
        print("polars is not installed: compared with pandas only")
    for name, text in scripts.items():
        (work / f"{name}.py").write_text(text, encoding="utf-8")

    def job(engine: str) -> list[str]:
        out = str(work / f"thads-metrics-{engine}.json")
        return ["-m", "thads_metrics", "report", str(source), "--format", "json", "--quiet",
                "--engine", engine, "-o", out]  # fmt: skip

    sides = {
        "thads [fast]": job("arrow"),
        "thads python": job("python"),
        **{
            name: [str(work / f"{name}.py"), str(source), str(work / f"{name}.json")]
            for name in scripts
        },
    }
    times: dict[str, list[float]] = {name: [] for name in sides}
    memory: dict[str, int] = dict.fromkeys(sides, 0)
    for command in sides.values():  # not timed: caches the bytecode, warms the disk cache
        run(command)
    for round_ in range(args.rounds):
        order = list(sides) if round_ % 2 == 0 else list(reversed(sides))  # interleaved
        for name in order:
            seconds, kib = run(sides[name])
            times[name].append(seconds)
            memory[name] = max(memory[name], kib)
    expected = ours(work / "thads-metrics-arrow.json")
    if ours(work / "thads-metrics-python.json") != expected:
        raise SystemExit("the two engines differ")
    for name in scripts:
        theirs = json.loads((work / f"{name}.json").read_text(encoding="utf-8"))
        for unit, figures in expected.items():
            for key, value in figures.items():
                if theirs[unit][key] != value:
                    raise SystemExit(f"{name} differs for {unit} {key}: {theirs[unit][key]} "
                                     f"against {value}")  # fmt: skip
    print(f"same figures for {len(expected)} units (finished, có điều kiện, in việc and đồng)")
    base = statistics.median(times["pandas"])
    print(f"{'side':<14}{'median s':>10}{'× pandas':>10}{'max RSS MiB':>13}{'× pandas':>10}")
    for name in sides:
        seconds = statistics.median(times[name])
        mib = memory[name] / 1024
        print(f"{name:<14}{seconds:>10.2f}{seconds / base:>10.2f}{mib:>13.0f}"
              f"{memory[name] / memory['pandas']:>10.2f}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
