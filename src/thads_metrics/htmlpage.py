"""One self-contained HTML page of a period's reports, with charts (trang báo cáo HTML).

:func:`html_page` writes what ``thads-metrics report --format html`` prints:
the title and the period, the summary table of the units, the chart of the
units against their targets, then for each unit its report paragraph and,
when its year is given (an :class:`~thads_metrics.projection.Outlook`), the
chart of its rates month by month, the year-end projection and what is still
needed each month. The page
has no outside resource (styles inline, charts as inline SVG), so an officer
can open it from a disk or send it by mail. Install ``thads-metrics[plot]``
(matplotlib) for the charts; without it the page has the text and tables only.

It renders: every figure comes from the figures model, the projection and the
plan given to it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape

from thads_metrics import __version__
from thads_metrics._checks import require_choice, require_instance
from thads_metrics.calendar import ReportingPeriod, day_label, month_label
from thads_metrics.errors import ReportError
from thads_metrics.projection import NeededPlan, Outlook, Projection
from thads_metrics.report import ReportSet
from thads_metrics.report.words import Language, phrases, table_cells
from thads_metrics.vi import format_count, format_dong

__all__ = ["html_page"]


_WORDS: Mapping[str, Mapping[str, str]] = {
    "vi": {
        "title": "Kết quả thi hành án dân sự",
        "summary": "Tổng hợp",
        "source": "Nguồn số liệu",
        "units_chart": "Các đơn vị so với chỉ tiêu",
        "year": "Năm công tác theo tháng",
        "projection": "Dự báo cuối năm",
        "needed": "Còn phải thi hành xong mỗi tháng để đạt chỉ tiêu",
        "month": "Tháng",
        "cases": "Về việc",
        "money": "Về tiền",
        "projected": "Tỷ lệ dự báo 30/9",
        "method": "Phương pháp và giả định",
        "made": "Lập bằng thads-metrics",
        "no_charts": "Biểu đồ cần matplotlib: pip install 'thads-metrics[plot]'.",
        "reached": "đã đạt chỉ tiêu",
        "unreachable": "không còn tháng nào trong năm",
    },
    "en": {
        "title": "Civil judgment enforcement results for",
        "summary": "Summary",
        "source": "Data source",
        "units_chart": "Units against their targets",
        "year": "The year month by month",
        "projection": "Year-end projection",
        "needed": "Still to finish each month to reach the target",
        "month": "Month",
        "cases": "Cases",
        "money": "Money",
        "projected": "Projected rate on 30 September",
        "method": "Method and assumption",
        "made": "Made with thads-metrics",
        "no_charts": "Charts need matplotlib: pip install 'thads-metrics[plot]'.",
        "reached": "target already reached",
        "unreachable": "no month of the year is left",
    },
}

_STYLE = """
body{font-family:"Times New Roman",Georgia,serif;max-width:62rem;margin:2rem auto;padding:0 1rem;
color:#222;line-height:1.45}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.25rem;margin-top:2.2rem;
border-bottom:1px solid #ccc}h3{font-size:1.05rem}
.span{color:#555;margin-top:0}
table{border-collapse:collapse;margin:.8rem 0;font-size:.92rem}
th,td{border:1px solid #999;padding:.25rem .5rem}th{background:#f0f0f0}
td.num{text-align:right;font-variant-numeric:tabular-nums}
tr.total td{font-weight:bold}
figure{margin:1rem 0}figure svg{max-width:100%;height:auto}
.paragraph{white-space:pre-line}
footer{margin-top:3rem;color:#777;font-size:.85rem}
"""


def _charts() -> bool:
    """True when the charts can be drawn (matplotlib is installed)."""
    try:
        import thads_metrics.charts  # noqa: F401
    except ImportError:
        return False
    return True


def _svg(figure: object, caption: str) -> str:
    from thads_metrics.charts import figure_svg

    return (
        f'<figure aria-label="{escape(caption)}">{figure_svg(figure)}'  # type: ignore[arg-type]
        f"<figcaption>{escape(caption)}</figcaption></figure>"
    )


def _table(header: Sequence[str], rows: Sequence[Sequence[str]], total: bool) -> str:
    head = "".join(f"<th>{escape(cell)}</th>" for cell in header)
    body = []
    for index, row in enumerate(rows):
        last = total and index == len(rows) - 1
        cells = "".join(
            f"<td>{escape(cell)}</td>" if i == 0 else f'<td class="num">{escape(cell)}</td>'
            for i, cell in enumerate(row)
        )
        body.append(f'<tr class="total">{cells}</tr>' if last else f"<tr>{cells}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _amount(value: int, money: bool, language: Language) -> str:
    if language == "en":
        return phrases(language).money(value) if money else phrases(language).count(value)
    return format_dong(value) if money else format_count(value, "việc")


def _needed_table(plan: NeededPlan, words: Mapping[str, str], language: Language) -> str:
    first = plan.period.months + 1
    months = [month_label(ReportingPeriod(plan.period.year, m).end) for m in range(first, 13)]
    rows = []
    for label, needed, money in (
        (words["cases"], plan.cases, False),
        (words["money"], plan.money, True),
    ):
        if needed.total == 0 or not needed.per_month:
            note = words["reached"] if needed.total == 0 else words["unreachable"]
            rows.append([label, *([""] * len(months)), note])
            continue
        cells = [_amount(n, money, language) for n in (*needed.per_month, needed.total)]
        rows.append([label, *cells])
    header = [words["month"], *months, "Σ"]
    return _table(header, rows, total=False)


def _projection_table(
    projections: Sequence[Projection], words: Mapping[str, str], language: Language
) -> str:
    rows = []
    for p in projections:
        cells = []
        for rate in (p.cases.rate, p.money.rate):
            cells.append("—" if rate is None else phrases(language).percent(rate))
        rows.append([p.describe(language), *cells])
    header = [words["method"], f"{words['projected']}: {words['cases']}", words["money"]]
    return _table(header, rows, total=False)


def html_page(
    reports: ReportSet,
    *,
    years: Mapping[str, Outlook] | None = None,
    language: Language = "vi",
) -> str:
    """The HTML page of a period's reports (trang HTML); see the module.

    ``years`` maps a unit to its :class:`~thads_metrics.projection.Outlook`
    (its series, target, projections and plan); units without one get their
    paragraph only.
    """
    require_instance("reports", reports, ReportSet, ReportError, what="a ReportSet")
    lang: Language = (
        "en" if require_choice("language", language, ("vi", "en"), ReportError) == "en" else "vi"
    )
    chosen = {} if years is None else dict(require_instance("years", years, Mapping, ReportError))
    for unit, year in chosen.items():
        require_instance(f"years[{unit!r}]", year, Outlook, ReportError, what="an Outlook")
    words = _WORDS[lang]
    charts = _charts()
    period = reports.period
    title = f"{words['title']} {phrases(lang).period_name(period)}"
    parts = [
        f"<h1>{escape(title)}</h1>",
        f'<p class="span">({escape(day_label(period.start))} – {escape(day_label(period.end))})'
        + (f" · {escape(words['source'])}: {escape(reports.source)}" if reports.source else "")
        + "</p>",
        f"<h2>{escape(words['summary'])}</h2>",
    ]
    header, rows = table_cells(reports.units, reports.total, language=lang)
    parts.append(_table(header, rows, total=reports.total is not None))
    if not charts:
        parts.append(f"<p><em>{escape(words['no_charts'])}</em></p>")
    elif reports.units:
        from thads_metrics.charts import units_against_targets

        parts.append(_svg(units_against_targets(reports.units), words["units_chart"]))
    for report in (*reports.units, *(() if reports.total is None else (reports.total,))):
        parts.append(f"<h2>{escape(report.unit)}</h2>")
        parts.append(f'<p class="paragraph">{escape(report.text(language=lang))}</p>')
        year = chosen.get(report.unit)
        if year is None:
            continue
        if charts:
            from thads_metrics.charts import projection_chart, rate_through_year

            parts.append(_svg(rate_through_year(year.series, year.target), words["year"]))
            if year.projections:
                parts.append(_svg(projection_chart(year.series, year.projections),
                                  words["projection"]))  # fmt: skip
        if year.projections:
            parts.append(f"<h3>{escape(words['projection'])}</h3>")
            parts.append(_projection_table(year.projections, words, lang))
        if year.needed is not None:
            parts.append(f"<h3>{escape(words['needed'])}</h3>")
            parts.append(_needed_table(year.needed, words, lang))
    parts.append(f"<footer>{escape(words['made'])} {escape(__version__)}</footer>")
    body = "\n".join(parts)
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n{body}\n"
        "</body>\n</html>\n"
    )
