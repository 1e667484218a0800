"""Generate the bundled synthetic sample data (deterministic).

Writes ``src/thads_metrics/data/sample_ledgers.csv``: ledger rows (one row per
unit, period and kind) for four provinces and two regional offices over two
statistical years (2024, 2025), month by month (the cumulative periods of 1 to
12 months: "1 tháng năm 2025" … "năm 2025"), with magnitudes like those of
real provincial reports; both years fall under forms that count postponed and
suspended cases apart (hoãn, tạm đình chỉ: the ``stayed`` column). The figures
are invented; the identities between rows hold exactly, every flow row (thụ lý
mới, ủy thác, thu hồi, thi hành xong, đình chỉ, giảm) only grows from one month
to the next within a year, as cumulative reports do, and year 2025 opens with
what 2024 carried forward. Results bunch in the last months, as they do in real
years. ``tests/test_sample_data.py`` checks that the bundled file is exactly
this script's output.

Run from the repository root: ``python scripts/make_sample.py``.
"""

from __future__ import annotations

import csv
import io
import random
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
# National targets (% việc / % tiền) the synthetic units roughly follow: the package's table.
TARGETS = {year: (national_target(year).cases, national_target(year).money) for year in YEARS}


def _split(total: int, shares: list[float], rng: random.Random) -> list[int]:
    """Split ``total`` into parts with the given shares (jittered), summing exactly."""
    weights = [s * rng.uniform(0.85, 1.15) for s in shares]
    scale = total / sum(weights)
    parts = [int(w * scale) for w in weights]
    parts[0] += total - sum(parts)
    return parts


def _year(
    rng: random.Random,
    carried_over: int,
    new_full_year: int,
    target: Decimal,
    skill: float,
    money: bool,
    year: int,
) -> list[dict[str, int]]:
    """The cumulative rows of months 1..12 of one unit, year and ledger."""
    unit = 1_000 if money else 1  # amounts move in thousands of đồng, plus odd đồng
    entrusted_share = rng.uniform(0.008, 0.016)
    withdrawn_share = rng.uniform(0.0002, 0.0008)
    without_share = rng.uniform(0.55, 0.68) if money else rng.uniform(0.19, 0.27)
    split = [0.90, 0.08, 0.02] if money else [0.87, 0.13, 0.0]
    flows = dict.fromkeys(("newly_accepted", "completed", "terminated", "reduced"), 0)
    tail = 0
    rows = []
    for months in range(1, 13):
        flows["newly_accepted"] += int(new_full_year / 12 * rng.uniform(0.8, 1.2))
        if money:  # keep amounts whole đồng with non-round tails
            tail += rng.randrange(unit)
        newly = flows["newly_accepted"] + tail
        accepted = carried_over + newly
        entrusted = int(accepted * entrusted_share)
        withdrawn = int(accepted * withdrawn_share)
        to_enforce = accepted - entrusted - withdrawn
        finished_before = flows["completed"] + flows["terminated"] + flows["reduced"]
        without = int(to_enforce * without_share * rng.uniform(0.98, 1.02))
        without = min(without, to_enforce - finished_before)  # the base holds what is done
        with_conditions = to_enforce - without
        # The finished share grows with the months elapsed, faster at the year's end,
        # around the pro-rated target. The jitter is float arithmetic on random draws;
        # float(target) is the double nearest the exact target.
        pace = (months / 12) ** 1.15
        rate = min(0.97, float(target) / 100 * pace * skill * rng.uniform(0.985, 1.015))
        finished = max(finished_before, min(with_conditions, int(with_conditions * rate)))
        step = _split(finished - finished_before, split, rng)
        if not money:
            step = [step[0] + step[2], step[1], 0]
        for name, value in zip(("completed", "terminated", "reduced"), step, strict=True):
            flows[name] += value
        rest = with_conditions - finished
        in_progress, postponed, suspended, other = _split(rest, [0.80, 0.07, 0.02, 0.11], rng)
        row = {
            "carried_over": carried_over,
            "newly_accepted": newly,
            "entrusted": entrusted,
            "withdrawn": withdrawn,
            "completed": flows["completed"],
            "terminated": flows["terminated"],
            "reduced": flows["reduced"],
            "in_progress": in_progress,
            "postponed": postponed,
            "suspended": suspended,
            "other": other,
            "without_conditions": without,
        }
        # Periods under Thông tư 06/2019/TT-BTP and later count postponed and suspended
        # cases (other than postponed by agreement) apart: carved out of "without".
        if layout_for(ReportingPeriod(year, months).end).has("stayed"):
            row["stayed"] = int(without * rng.uniform(0.02, 0.06))
            row["without_conditions"] -= row["stayed"]
        rows.append(row)
    return rows


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
            months = {
                kind: _year(
                    random.Random(f"{name}|{year}|{kind}"),
                    carried[kind],
                    new[kind],
                    money_target if kind == "tien" else case_target,
                    money_skill if kind == "tien" else case_skill,
                    kind == "tien",
                    year,
                )
                for kind in ("viec", "tien")
            }
            for month in range(1, 13):
                label = "năm" if month == 12 else f"{month} tháng năm"
                for kind in ("viec", "tien"):
                    row = months[kind][month - 1]
                    rows.append({"unit": name, "period": f"{label} {year}", "kind": kind, **row})
            carried = {kind: _carried_forward(months[kind][-1]) for kind in ("viec", "tien")}
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
