"""Plain HTML tables for notebooks (``_repr_html_``), with no dependency.

Numbers are grouped with dots as Vietnamese reports write them; every cell is
escaped.

>>> print(html_table("T", ["a", "b"], [["x<y", 1234567]]))  # doctest: +NORMALIZE_WHITESPACE
<table><caption>T</caption><thead><tr><th>a</th><th>b</th></tr></thead><tbody>
<tr><td>x&lt;y</td><td style="text-align:right">1.234.567</td></tr></tbody></table>
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from html import escape

from thads_metrics.vi.format import format_number

__all__ = ["html_table"]


def _cell(value: object) -> str:
    if isinstance(value, bool) or value is None:
        text = {True: "có", False: "không", None: "—"}[value]
        return f"<td>{text}</td>"
    if isinstance(value, (int, Decimal)):
        places = max(0, -int(value.as_tuple().exponent)) if isinstance(value, Decimal) else 0
        text = format_number(value, places, fixed=True)
        return f'<td style="text-align:right">{text}</td>'
    return f"<td>{escape(str(value))}</td>"


def html_table(caption: str, header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """An HTML table with a caption, a header row and body rows."""
    head = "".join(f"<th>{escape(h)}</th>" for h in header)
    body = "\n".join("<tr>" + "".join(_cell(v) for v in row) + "</tr>" for row in rows)
    return (
        f"<table><caption>{escape(caption)}</caption><thead><tr>{head}</tr></thead><tbody>\n"
        f"{body}</tbody></table>"
    )
