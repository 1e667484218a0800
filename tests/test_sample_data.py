"""The bundled sample is the generator's output and obeys the rules it claims."""

from __future__ import annotations

import importlib.util
import io
from importlib import resources
from pathlib import Path

from thads_metrics import ReportingPeriod
from thads_metrics.csvio import read_csv
from thads_metrics.series import Series

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = resources.files("thads_metrics") / "data" / "sample_ledgers.csv"


def test_bundled_sample_is_the_generator_output() -> None:
    spec = importlib.util.spec_from_file_location(
        "make_sample", ROOT / "scripts" / "make_sample.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert SAMPLE.read_text(encoding="utf-8") == module.render()


def test_sample_years_chain_and_periods_grow() -> None:
    table = read_csv(io.StringIO(SAMPLE.read_text(encoding="utf-8")))
    units = {unit for unit, _ in table}
    assert len(units) == 6
    for unit in units:
        end_2024 = table[unit, ReportingPeriod(2024, 12)]
        for months in range(1, 13):
            pair = table[unit, ReportingPeriod(2025, months)]
            # 2025 opens with what 2024 carried forward (chuyển kỳ sau → chuyển sang).
            assert pair.cases.carried_over == end_2024.cases.carried_forward
            assert pair.amounts.carried_over == end_2024.amounts.carried_forward
        for year in (2024, 2025):
            # Every month of the year, each flow only growing (Series checks it).
            series = Series.from_table(table, unit, year)
            assert series.months == tuple(range(1, 13))
            finished = [pair.cases.finished for _, pair in series.points]
            assert finished == sorted(finished)
