"""The reader reads the library's own reports, and the audit judges them right.

A report paragraph written by :func:`thads_metrics.report.summarize` from a
valid ledger is consistent by construction: read back, the audit must find no
contradiction. Plant one (a printed rate changed) and the audit must find it.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from thads_metrics import LedgerPair, ReportingPeriod, Target
from thads_metrics.reading import audit, read_report
from thads_metrics.report import build_report
from thads_metrics.testing import amount_ledgers, case_ledgers

periods = st.builds(ReportingPeriod, st.integers(2020, 2025), st.integers(1, 12))
percents = st.integers(3_000, 9_500).map(lambda n: Decimal(n).scaleb(-2))
targets = st.builds(Target, percents, percents)


@st.composite
def reports(draw: Any) -> Any:
    period = draw(periods)
    layout = draw(st.sampled_from(["tt01-2013", "tt06-2019"]))
    cases = draw(case_ledgers(200_000, layout=layout))
    money = draw(amount_ledgers(10**14, layout=layout))
    assume(cases.with_conditions > 0 and money.with_conditions > 0)
    previous = draw(
        st.none() | st.builds(LedgerPair, case_ledgers(200_000), amount_ledgers(10**14))
    )
    return build_report("Long An", period, cases, money, draw(targets), previous=previous)


@settings(max_examples=300, deadline=None)
@given(reports())
def test_a_consistent_report_is_never_called_contradictory(report: Any) -> None:
    text = report.text()
    claims = read_report(text, unit="Long An")
    found = [f for f in audit(claims) if f.kind == "contradiction"]
    assert not found, [(f.rule, f.arithmetic) for f in found]
    read = [c for c in claims if c.is_read]
    assert any(c.quantity == "completion_rate" and c.ledger == "cases" for c in read)
    assert any(c.quantity == "to_enforce" and c.ledger == "money" for c in read)


@settings(max_examples=300, deadline=None)
@given(reports(), st.integers(-2_000, 2_000).filter(lambda n: abs(n) >= 5))
def test_a_planted_wrong_rate_is_found(report: Any, shift: int) -> None:
    text = report.text()
    rate = report.cases.rate
    assume(rate is not None)
    wrong = rate + Decimal(shift).scaleb(-2)
    assume(Decimal(0) <= wrong <= Decimal(100))
    printed = f"{rate:.2f}".replace(".", ",") + "%"
    planted = f"{wrong:.2f}".replace(".", ",") + "%"
    assume(f"đạt tỷ lệ {printed}" in text)
    text = text.replace(f"đạt tỷ lệ {printed}", f"đạt tỷ lệ {planted}", 1)
    found = [
        f
        for f in audit(read_report(text, unit="Long An"))
        if f.kind == "contradiction" and f.ledger == "cases"
    ]
    assert found, text
    assert re.search(r"rate|target|required", " ".join(f.rule for f in found))


@settings(max_examples=200, deadline=None)
@given(reports(), st.integers(1, 9), st.sampled_from(["share", "to_enforce"]))
def test_other_planted_contradictions_are_found(report: Any, digit: int, where: str) -> None:
    """A wrong share with conditions, or a wrong total to enforce, is found too."""
    text = report.text()
    cases = report.cases
    if where == "share":
        assume(cases.share is not None)
        printed = f"{cases.share:.2f}".replace(".", ",") + "%"
        wrong = cases.share + digit if cases.share + digit <= 100 else cases.share - digit
        planted = f"{wrong:.2f}".replace(".", ",") + "%"
        old, new = f"chiếm {printed}", f"chiếm {planted}"
    else:
        total = cases.ledger.to_enforce
        old = f"tổng số phải thi hành là {total:,} việc".replace(",", ".")
        new = f"tổng số phải thi hành là {total + digit * 7:,} việc".replace(",", ".")
    assume(old in text)
    text = text.replace(old, new, 1)
    found = [
        f
        for f in audit(read_report(text, unit="Long An"))
        if f.kind == "contradiction" and f.ledger == "cases"
    ]
    assert found, text
