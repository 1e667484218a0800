"""Notebook display (_repr_html_) of ledgers, pairs and assessments."""

from __future__ import annotations

from thads_metrics import (
    AmountLedger,
    CaseLedger,
    LedgerPair,
    ReportingPeriod,
    Target,
    assess,
)


def test_ledger_html_lists_every_row_with_its_term() -> None:
    ledger = CaseLedger(
        carried_over=299_096,
        newly_accepted=636_950,
        entrusted=12_004,
        withdrawn=501,
        in_progress=923_541,
    )
    html = ledger._repr_html_()
    assert html.count("<tr>") == len(ledger.row_names) + 1  # the rows of its layout
    assert "tổng số phải thi hành" in html
    assert ">923.541<" in html


def test_unknown_rows_show_a_dash() -> None:
    html = CaseLedger.from_totals(to_enforce=10)._repr_html_()
    assert "<td>—</td>" in html


def test_pair_and_assessment_html() -> None:
    pair = LedgerPair(
        CaseLedger(newly_accepted=4, completed=3, in_progress=1),
        AmountLedger(newly_accepted=10, completed=5, reduced=1, in_progress=4),
    )
    assert "giảm, miễn thi hành án" in pair._repr_html_()
    a = assess(pair.cases, pair.amounts, ReportingPeriod(2025, 6), Target(80, 40), unit="A<B")
    html = a._repr_html_()
    assert "A&lt;B, 6 tháng năm 2025" in html
    assert ">75,00<" in html  # 3 of 4 việc
    assert html.count("<tr>") == 3
