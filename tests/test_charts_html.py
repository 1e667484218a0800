"""Charts and the HTML page: what they draw and say, and that the page stands alone."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from thads_metrics import htmlpage
from thads_metrics.calendar import ReportingPeriod
from thads_metrics.cases import LedgerPair
from thads_metrics.charts import (
    figure_svg,
    month_of,
    projection_chart,
    rate_through_year,
    units_against_targets,
)
from thads_metrics.errors import ReportError
from thads_metrics.htmlpage import html_page
from thads_metrics.ledger import AmountLedger, CaseLedger
from thads_metrics.projection import needed_per_month, outlook, project
from thads_metrics.report import ReportSet, build_report
from thads_metrics.series import Series
from thads_metrics.targets import Target

TARGET = Target("83.90", "51.90", "national 2025")


def _pair(new: int, done: int) -> LedgerPair:
    return LedgerPair(
        CaseLedger(carried_over=1_000, newly_accepted=new, completed=done,
                   in_progress=1_000 + new - done),
        AmountLedger(carried_over=10**12, newly_accepted=new * 10**8, completed=done * 10**8,
                     in_progress=10**12 + (new - done) * 10**8),
    )  # fmt: skip


def _series(unit: str, pace: int) -> Series:
    return Series(
        unit, 2025, {ReportingPeriod(2025, m): _pair(100 * m, pace * m) for m in range(1, 7)}
    )


def _document(units: dict[str, Series]) -> ReportSet:
    reports = []
    for unit, series in units.items():
        period, pair = series.latest
        reports.append(build_report(unit, period, pair.cases, pair.amounts, TARGET))
    return ReportSet(ReportingPeriod(2025, 6), reports, None, source="mẫu.csv")


def _texts(svg: str) -> list[str]:
    return [re.sub(r"\s+", " ", t).strip() for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg)]


def test_month_labels_follow_the_enforcement_year() -> None:
    assert [month_of(2025, m) for m in (1, 3, 4, 12)] == ["10/2024", "12/2024", "1/2025", "9/2025"]


def test_rate_through_year_draws_the_rates_and_the_prorated_targets() -> None:
    series = _series("Long An", 80)
    fig = rate_through_year(series, TARGET)
    ax = fig.axes[0]
    lines = {line.get_label(): line for line in ax.get_lines()}
    assert list(lines["Về việc"].get_xdata()) == [1, 2, 3, 4, 5, 6]
    # Month 6: 480 finished of 1.600 with conditions → 30,00%.
    assert lines["Về việc"].get_ydata()[-1] == pytest.approx(30.0)
    prorated = lines["Chỉ tiêu về việc (theo tiến độ)"].get_ydata()
    assert prorated[5] == pytest.approx(83.90 / 2)
    assert prorated[11] == pytest.approx(83.90)
    assert [t.get_text() for t in ax.get_xticklabels()][:2] == ["10/2024", "11/2024"]
    texts = _texts(figure_svg(fig))
    assert "30,00%" in texts  # the last rate, written as reports write it
    assert "Long An: tỷ lệ thi hành xong năm 2025" in texts


def test_units_are_sorted_by_rate_against_their_target() -> None:
    doc = _document({"A": _series("A", 90), "B": _series("B", 50), "C": _series("C", 70)})
    fig = units_against_targets(doc.units)
    cases = fig.axes[0]
    assert [t.get_text() for t in cases.get_yticklabels()] == ["B", "C", "A"]
    texts = _texts(figure_svg(fig))
    assert "chỉ tiêu 83,9%" in texts
    assert any(t.startswith("Tỷ lệ thi hành xong 6 tháng năm 2025") for t in texts)


def test_projection_chart_shows_the_range_of_the_assumptions() -> None:
    series = _series("A", 80)
    projections = [project(series, target=TARGET), project(series, base="pace", target=TARGET)]
    texts = _texts(figure_svg(projection_chart(series, projections)))
    main = projections[0].cases.rate
    low = projections[1].cases.rate
    assert main is not None
    assert low is not None
    assert any("–" in t and t.startswith(f"{main:.2f}".replace(".", ",")) for t in texts), texts
    with pytest.raises(ReportError):
        projection_chart(series, [])


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        if data.strip():
            self.text.append(data.strip())


def _parse(page: str) -> _Page:
    parser = _Page()
    parser.feed(page)
    return parser


def test_the_page_stands_alone_with_tables_charts_and_paragraphs() -> None:
    units = {"Long An": _series("Long An", 80), "Nghệ <An>": _series("Nghệ <An>", 60)}
    doc = _document(units)
    years = {unit: outlook(s, TARGET) for unit, s in units.items()}
    page = html_page(doc, years=years)
    assert page.startswith("<!DOCTYPE html>")
    parsed = _parse(page)
    tags = [tag for tag, _ in parsed.tags]
    assert ("html", {"lang": "vi"}) in parsed.tags
    # Nothing from outside: no scripts, stylesheets, images or links to fetch.
    assert "script" not in tags
    assert "link" not in tags
    assert "img" not in tags
    assert not re.search(r'(src|href)="(https?:)?//', page)
    # The summary table (one row per unit), then per unit: projection and plan tables.
    assert tags.count("table") == 1 + 2 * len(units)
    # One chart of the units, then the year and the projection of each unit.
    assert tags.count("svg") == 1 + 2 * len(units)
    assert "Nghệ &lt;An&gt;" in page
    assert "Nghệ <An>" not in page.replace("<svg", "")
    text = " ".join(parsed.text)
    assert "Kết quả thi hành án dân sự 6 tháng năm 2025" in text
    assert "Còn phải thi hành xong mỗi tháng để đạt chỉ tiêu" in text
    assert doc.units[0].text().splitlines()[1][:40] in text


def test_the_plan_table_adds_up_and_says_when_the_target_is_met() -> None:
    s = _series("A", 80)
    plan = needed_per_month(s, TARGET)
    page = html_page(_document({"A": s}), years={"A": outlook(s, TARGET)})
    row = re.search(r"<tr><td>Về việc</td>(.*?)</tr>", page)
    assert row is not None
    cells = re.findall(r">([^<]*)</td>", row.group(1))
    assert len(cells) == 6 + 1  # April to September, then the total
    counts = [int(c.split()[0].replace(".", "")) for c in cells]
    assert sum(counts[:-1]) == counts[-1] == plan.cases.total
    assert "đã đạt chỉ tiêu" in page or plan.money.total > 0


def test_without_matplotlib_the_page_keeps_its_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(htmlpage, "_charts", lambda: False)
    page = html_page(_document({"A": _series("A", 80)}))
    assert "<svg" not in page
    assert "pip install 'thads-metrics[plot]'" in page.replace("&#x27;", "'")


def test_the_page_in_english() -> None:
    page = html_page(_document({"A": _series("A", 80)}), language="en")
    assert '<html lang="en">' in page
    assert (
        "<h1>Civil judgment enforcement results for the first 6 months of enforcement year "
        "2025</h1>"
    ) in page
    tables = "".join(re.findall(r"<table>.*?</table>", page, re.DOTALL))
    assert "%" in tables
    assert not re.search(r"[0-9],[0-9]{2}%", tables)  # 87.42%, not 87,42%
    assert "đồng" not in tables
    assert " việc" not in tables


def test_bad_page_arguments_are_refused() -> None:
    doc = _document({"A": _series("A", 80)})
    with pytest.raises(ReportError):
        html_page("doc")  # type: ignore[arg-type]
    with pytest.raises(ReportError):
        html_page(doc, language="fr")  # type: ignore[arg-type]
    with pytest.raises(ReportError):
        html_page(doc, years={"A": "year"})  # type: ignore[dict-item]
