"""Generate the bundled synthetic sample data (deterministic).

Writes ``src/thads_metrics/data/sample_ledgers.csv``: ledger rows (one row per
unit, period and kind) for four provinces and two regional offices over two
statistical years (2024, 2025; periods of 3, 6, 9, 11 and 12 months), with
magnitudes like those of real provincial reports; both years fall under forms
that count postponed and suspended cases apart (hoãn, tạm đình chỉ: the
``stayed`` column). The figures are invented;
the identities between rows hold exactly, and year 2025 opens with what 2024
carried forward. ``tests/test_sample_data.py`` checks that the bundled file is
exactly this script's output.

Run from the repository root: ``python scripts/make_sample.py``.
"""

from __future__ import annotations

import csv
import io
import random
from datetime import date
from decimal import Decimal
from pathlib import Path

from thads_metrics.calendar import ReportingPeriod
from thads_metrics.csvio import LEDGER_COLUMNS
from thads_metrics.ledger.layouts import layout_for
from thads_metrics.targets import national_target

DATA = Path(__file__).resolve().parent.parent / "src" / "thads_metrics" / "data"

FIELDS = tuple(name for name in LEDGER_COLUMNS if name != "layout")  # by period

# unit, yearly new cases, average amount per case (đồng), case-rate skill, money-rate skill
UNITS = [
    ("TP. Hà Nội", 31_000, 420_000_000, 1.01, 0.98),
    ("TP. Hồ Chí Minh", 52_000, 610_000_000, 0.99, 0.93),
    ("Đồng Nai", 17_500, 260_000_000, 1.02, 1.05),
    ("Nghệ An", 12_800, 95_000_000, 1.04, 1.08),
    ("Phòng THADS khu vực 1 - Cần Thơ", 4_100, 180_000_000, 1.00, 1.01),
    ("Phòng THADS khu vực 2 - Quảng Ninh", 6_300, 240_000_000, 0.97, 0.95),
]
YEARS = (2024, 2025)
MONTHS = (3, 6, 9, 11, 12)
# National targets (% việc / % tiền) the synthetic units roughly follow: the package's table.
TARGETS = {year: (national_target(year).cases, national_target(year).money) for year in YEARS}


def _split(total: int, shares: list[float], rng: random.Random) -> list[int]:
    """Split ``total`` into parts with the given shares (jittered), summing exactly."""
    weights = [s * rng.uniform(0.85, 1.15) for s in shares]
    scale = total / sum(weights)
    parts = [int(w * scale) for w in weights]
    parts[0] += total - sum(parts)
    return parts


def _ledger(
    rng: random.Random,
    carried_over: int,
    new_full_year: int,
    months: int,
    target: Decimal,
    skill: float,
    money: bool,
    period_end: date,
) -> dict[str, int]:
    unit = 1_000 if money else 1  # amounts move in thousands of đồng, plus odd đồng
    newly = int(new_full_year * months / 12 * rng.uniform(0.97, 1.03))
    accepted = carried_over + newly
    entrusted = int(accepted * rng.uniform(0.008, 0.016))
    withdrawn = int(accepted * rng.uniform(0.0002, 0.0008))
    to_enforce = accepted - entrusted - withdrawn
    without = int(to_enforce * (rng.uniform(0.55, 0.68) if money else rng.uniform(0.19, 0.27)))
    with_conditions = to_enforce - without
    # Finished share grows with the months elapsed, around the pro-rated target. The jitter
    # is float arithmetic on random draws; float(target) is the double nearest the exact
    # target, the same the literal 83.25 gives, so the output does not change.
    pace = (months / 12) ** 0.85
    rate = min(0.97, float(target) / 100 * pace * skill * rng.uniform(0.96, 1.04))
    finished = int(with_conditions * rate)
    completed, terminated, reduced = _split(
        finished, [0.90, 0.08, 0.02] if money else [0.87, 0.13, 0.0], rng
    )
    if not money:
        completed += reduced
        reduced = 0
    rest = with_conditions - finished
    in_progress, postponed, suspended, other = _split(rest, [0.80, 0.07, 0.02, 0.11], rng)
    row = {
        "carried_over": carried_over,
        "newly_accepted": newly,
        "entrusted": entrusted,
        "withdrawn": withdrawn,
        "completed": completed,
        "terminated": terminated,
        "reduced": reduced,
        "in_progress": in_progress,
        "postponed": postponed,
        "suspended": suspended,
        "other": other,
        "without_conditions": without,
    }
    # Periods under Thông tư 06/2019/TT-BTP and later count postponed and suspended cases
    # (other than postponed by agreement) apart: carve that bucket out of "without", with
    # its own draws so that every other figure stays as it was.
    if layout_for(period_end).has("stayed"):
        draw = random.Random(f"stayed|{carried_over}|{newly}|{months}|{money}")
        row["stayed"] = int(without * draw.uniform(0.02, 0.06))
        row["without_conditions"] -= row["stayed"]
    if money and unit > 1:
        # Keep amounts whole đồng with non-round tails, identities exact.
        tail = rng.randrange(unit)
        row["newly_accepted"] += tail
        row["in_progress"] += tail
    return row


def _carried_forward(row: dict[str, int]) -> int:
    finished = row["completed"] + row["terminated"] + row["reduced"]
    to_enforce = row["carried_over"] + row["newly_accepted"] - row["entrusted"] - row["withdrawn"]
    return to_enforce - finished


def ledger_rows() -> list[dict[str, object]]:
    rng = random.Random(20251130)
    rows: list[dict[str, object]] = []
    for name, new_cases, avg_amount, case_skill, money_skill in UNITS:
        carried = {
            "viec": int(new_cases * rng.uniform(0.42, 0.50)),
            "tien": int(new_cases * avg_amount * rng.uniform(1.9, 2.3)),
        }
        for year in YEARS:
            case_target, money_target = TARGETS[year]
            new = {
                "viec": int(new_cases * rng.uniform(0.95, 1.07)),
                "tien": int(new_cases * avg_amount * rng.uniform(0.93, 1.08)),
            }
            full_year: dict[str, dict[str, int]] = {}
            for months in MONTHS:
                for kind in ("viec", "tien"):
                    money = kind == "tien"
                    row = _ledger(
                        random.Random(f"{name}|{year}|{months}|{kind}"),
                        carried[kind],
                        new[kind],
                        months,
                        money_target if money else case_target,
                        money_skill if money else case_skill,
                        money,
                        ReportingPeriod(year, months).end,
                    )
                    label = "năm" if months == 12 else f"{months} tháng năm"
                    rows.append({"unit": name, "period": f"{label} {year}", "kind": kind, **row})
                    if months == 12:
                        full_year[kind] = row
            carried = {kind: _carried_forward(full_year[kind]) for kind in ("viec", "tien")}
    return rows


def render() -> str:
    """The CSV text of the sample."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(ledger_rows())
    return out.getvalue()


def main() -> None:
    DATA.mkdir(parents=True, exist_ok=True)
    (DATA / "sample_ledgers.csv").write_text(render(), encoding="utf-8")


if __name__ == "__main__":
    main()
