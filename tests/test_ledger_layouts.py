"""Layouts of the forms: the "hoãn, tạm đình chỉ" bucket outside có điều kiện (TT 06/2019)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from thads_metrics.errors import LedgerError
from thads_metrics.ledger import AmountLedger, CaseLedger
from thads_metrics.ledger.layouts import (
    DEFAULT_LAYOUT,
    LAYOUTS,
    TT01_2013,
    TT05_2024,
    TT06_2019,
    layout_for,
)
from thads_metrics.rates import conditions_share, round_rate

D = Decimal


def _share(part: int, whole: int) -> Decimal:
    return round_rate(conditions_share(part, whole), 2)


def test_national_2022_three_buckets() -> None:
    """danchuphapluat.vn: 861.529 việc; có điều kiện 653.719 (75,88%); hoãn, tạm đình chỉ
    12.135 (1,41%); the rest without conditions (22,71%); 539.290 finished (82,50%)."""
    ledger = CaseLedger.from_totals(
        to_enforce=861_529, with_conditions=653_719, stayed=12_135, finished=539_290,
        layout=TT06_2019,
    )  # fmt: skip
    assert ledger.layout is TT06_2019
    assert ledger.row("without_conditions") == 195_675
    assert round_rate(ledger.conditions_share(), 2) == D("75.88")
    assert _share(ledger.row("stayed"), ledger.to_enforce) == D("1.41")
    assert _share(ledger.row("without_conditions"), ledger.to_enforce) == D("22.71")
    assert round_rate(ledger.completion_rate(), 2) == D("82.50")  # denominator: có ĐK only
    assert ledger.row("carried_forward") == 861_529 - 539_290
    assert "stayed" in ledger.rows()


def test_national_9_months_2017_two_buckets() -> None:
    ledger = CaseLedger.from_totals(
        to_enforce=728_227, with_conditions=579_413, finished=369_372, layout=TT01_2013
    )
    assert ledger.row("without_conditions") == 148_814
    assert round_rate(ledger.completion_rate(), 2) == D("63.75")
    assert "stayed" not in ledger.rows()
    assert ledger == CaseLedger.from_totals(
        to_enforce=728_227, with_conditions=579_413, finished=369_372
    )  # the default layout is the two-bucket one


def test_without_the_stayed_figure_nothing_is_derived_in_the_new_layout() -> None:
    ledger = CaseLedger.from_totals(to_enforce=861_529, with_conditions=653_719, layout=TT06_2019)
    assert not ledger.is_known("without_conditions")
    assert not ledger.is_known("stayed")


def test_impossible_totals_are_refused_in_every_layout() -> None:
    with pytest.raises(LedgerError, match="impossible totals"):
        CaseLedger.from_totals(
            to_enforce=100, with_conditions=80, stayed=30, layout=TT06_2019
        )  # 80 + 30 > 100
    with pytest.raises(LedgerError, match="not a row of the layout") as info:
        CaseLedger.from_totals(to_enforce=100, stayed=3)  # the default layout has no bucket
    assert info.value.code == "ledger.layout"
    assert "'tt06-2019' or 'tt05-2024'" in str(info.value)


def test_a_stayed_count_needs_a_layout_that_has_the_bucket() -> None:
    with pytest.raises(LedgerError, match="must be 0 in the layout of Thông tư 01/2013") as info:
        CaseLedger(newly_accepted=5, stayed=5)
    assert info.value.code == "ledger.layout"
    ledger = CaseLedger(newly_accepted=5, stayed=5, layout="tt06-2019")
    assert (ledger.to_enforce, ledger.with_conditions, ledger.carried_forward) == (5, 0, 5)
    with pytest.raises(LedgerError, match="layout must be"):
        CaseLedger(layout="tt99")


def test_money_ledger_has_the_bucket_too() -> None:
    money = AmountLedger(
        newly_accepted=1_000, completed=400, reduced=100, in_progress=200, stayed=50,
        without_conditions=250, layout=TT05_2024,
    )  # fmt: skip
    assert money.with_conditions == 700
    assert money.finished == 500
    assert money.carried_forward == 500
    assert round_rate(money.completion_rate(), 2) == D("71.43")  # 500 / 700: stayed not in the base


def test_merging_layouts_is_refused_and_conversion_keeps_only_what_is_exact() -> None:
    new = CaseLedger(
        newly_accepted=100, completed=50, in_progress=20, postponed=5, stayed=10,
        without_conditions=15, layout=TT06_2019,
    )  # fmt: skip
    old = CaseLedger(newly_accepted=10, completed=5, postponed=5)
    with pytest.raises(LedgerError, match="two layouts") as info:
        _ = new + old
    assert info.value.code == "ledger.layout"
    as_old = new.convert(TT01_2013)
    assert as_old.layout is TT01_2013
    assert as_old.with_conditions == 85  # the stayed cases are inside có ĐK in the old forms
    assert as_old.rows()["without_conditions"] == 15
    assert not as_old.is_known("postponed")
    assert (as_old + old).to_enforce == 110
    back = old.convert(TT06_2019)
    assert back.is_known("to_enforce")
    assert back.is_known("finished")
    assert not back.is_known("with_conditions")  # which postponements leave có ĐK is unknown
    assert new.convert(TT06_2019) is new


def test_conversion_between_layouts_with_the_same_rows_keeps_every_row() -> None:
    """National 2022 (06/2019 forms) read into the rows of 05/2024, which are those of 06/2019."""
    published = CaseLedger.from_totals(
        to_enforce=861_529, with_conditions=653_719, stayed=12_135, finished=539_290,
        layout=TT06_2019,
    )  # fmt: skip
    moved = published.convert(TT05_2024)
    assert moved.layout is TT05_2024
    assert moved.rows() == published.rows()
    assert moved.unknown == published.unknown
    assert round_rate(moved.completion_rate(), 2) == D("82.50")
    assert round_rate(moved.conditions_share(), 2) == D("75.88")
    assert moved.convert(TT06_2019) == published
    full = CaseLedger(
        newly_accepted=100, completed=50, in_progress=20, postponed=5, stayed=10,
        without_conditions=15, layout=TT06_2019,
    )  # fmt: skip
    assert full.convert(TT05_2024).unknown == frozenset()
    assert full.convert(TT05_2024).rows() == full.rows()


def test_the_year_2024_adds_up_across_the_two_circulars_once_converted() -> None:
    # Năm 2024 straddles 06/2019 (up to 9 tháng) and 05/2024 (10-12 tháng). National
    # 2024 under 05/2024: 1.023.131 to enforce, 741.240 có điều kiện; a report still
    # on the 06/2019 forms (figures made up) adds to it once converted, every total exact.
    national = CaseLedger.from_totals(
        to_enforce=1_023_131, with_conditions=741_240, layout=TT05_2024
    )
    late = CaseLedger.from_totals(
        to_enforce=1_000, with_conditions=700, stayed=20, finished=500, layout=TT06_2019
    )
    with pytest.raises(LedgerError, match="convert one first") as info:
        _ = national + late
    assert info.value.code == "ledger.layout"
    total = national + late.convert(TT05_2024)
    assert total.layout is TT05_2024
    assert total.rows() == {"to_enforce": 1_024_131, "with_conditions": 741_940}
    assert round_rate(total.conditions_share(), 2) == D("72.45")  # 741.940 ÷ 1.024.131


def test_conversion_to_the_two_buckets_keeps_with_conditions_from_its_parts() -> None:
    # No to_enforce published: có điều kiện of the old forms is still có điều kiện
    # plus the stays counted apart.
    new = CaseLedger.from_totals(with_conditions=80, stayed=5, finished=50, layout=TT06_2019)
    old = new.convert(TT01_2013)
    assert old.row("with_conditions") == 85
    assert old.row("carried_forward_with_conditions") == 35
    assert not old.is_known("to_enforce")


def test_conversion_of_a_ledger_that_knows_only_moving_rows_knows_nothing() -> None:
    old = CaseLedger.from_totals(postponed=3)  # a count of hoãn in the old forms only
    new = old.convert(TT06_2019)
    assert new.layout is TT06_2019
    assert new.rows() == {}
    assert new.unknown == frozenset(TT06_2019.row_names(CaseLedger.ROWS))


def test_roll_forward_keeps_the_bucket_and_the_layout() -> None:
    year = CaseLedger(
        newly_accepted=100, completed=50, in_progress=20, stayed=10, without_conditions=20,
        layout=TT06_2019,
    )  # fmt: skip
    opening = year.roll_forward(separate_book=5)
    assert opening.layout is TT06_2019
    assert (opening.carried_over, opening.stayed, opening.without_conditions) == (45, 10, 15)
    partial = CaseLedger.from_totals(to_enforce=100, stayed=10, finished=50, layout=TT06_2019)
    assert partial.roll_forward().row("carried_over") == 50


def test_layout_of_a_period_is_the_circular_in_force_on_its_last_day() -> None:
    assert layout_for(date(2017, 6, 30)) is TT01_2013
    assert layout_for(date(2020, 1, 4)) is TT01_2013
    assert layout_for(date(2020, 1, 5)) is TT06_2019
    assert layout_for(date(2024, 7, 25)) is TT06_2019
    assert layout_for(date(2024, 9, 30)) is TT05_2024
    assert DEFAULT_LAYOUT is TT01_2013
    assert TT05_2024.assumed
    assert not TT06_2019.assumed
    assert set(LAYOUTS) == {"tt01-2013", "tt06-2019", "tt05-2024"}


def test_repr_round_trips_with_the_layout() -> None:
    ledger = CaseLedger(newly_accepted=5, stayed=5, layout="tt06-2019")
    assert repr(ledger) == "CaseLedger(newly_accepted=5, stayed=5, layout='tt06-2019')"
    assert eval(repr(ledger), {"CaseLedger": CaseLedger}) == ledger


def test_report_text_and_json_of_2022_show_the_third_bucket() -> None:
    from thads_metrics import ReportingPeriod, Target
    from thads_metrics.report import build_report

    cases = CaseLedger.from_totals(
        to_enforce=861_529, with_conditions=653_719, stayed=12_135, finished=539_290,
        layout=TT06_2019,
    )  # fmt: skip
    money = AmountLedger.from_totals(with_conditions=165 * 10**12, layout=TT06_2019)
    report = build_report(
        "Toàn quốc", ReportingPeriod(2022, 12), cases, money, Target("81,5", "40,1")
    )
    text = report.text()
    assert (
        "có điều kiện thi hành 653.719 việc, chiếm 75,88%; hoãn, tạm đình chỉ 12.135 việc "
        "(chiếm 1,41%); chưa có điều kiện 195.675 việc" in text
    )
    assert "đạt tỷ lệ 82,50%; vượt 1,00% so với chỉ tiêu 81,50%" in text
    data = report.to_data()["cases"]
    assert data["layout"] == "tt06-2019"
    assert data["shares"] == {
        "with_conditions": "75.88", "stayed": "1.41", "without_conditions": "22.71",
    }  # fmt: skip
    assert data["rows"]["stayed"] == 12_135
    assert "hoãn, tạm đình chỉ 12,135" not in report.text(language="en")
    assert "12,135 cases postponed or suspended" in report.text(language="en")
