"""The reviews as one self-contained HTML page: inline style (with print rules: tables kept
whole where they fit, no colours lost), the charts as inline SVG, no script and nothing
fetched from elsewhere."""

from __future__ import annotations

from html import escape

from katerm.core.cadence.charts import Chart, chart_svg
from katerm.core.cadence.text import Section
from katerm.i18n import current_language, t

_STYLE = """
:root { color-scheme: light; }
body { font-family: "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", system-ui, sans-serif;
       margin: 2rem auto; max-width: 72rem; padding: 0 1rem; color: #1f2328; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.15rem; margin-top: 2rem; }
p.legend { color: #59636e; font-size: .9rem; }
table { border-collapse: collapse; margin: .5rem 0 1rem; font-size: .85rem; }
th, td { border: 1px solid #d1d9e0; padding: .25rem .5rem; text-align: left; }
th { background: #f6f8fa; }
td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
svg.chart { display: block; margin: .5rem 0 1rem; max-width: 100%; height: auto; }
svg.chart text { font-size: 11px; fill: #1f2328; }
svg.chart text.value { fill: #59636e; }
@media print {
  body { margin: 0; max-width: none; }
  table, svg.chart { page-break-inside: avoid; break-inside: avoid; }
  h2 { page-break-after: avoid; break-after: avoid; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def _numeric(cell: str) -> bool:
    digits = cell.replace(",", "").replace(".", "").replace("%", "").lstrip("+−-#=")
    return bool(cell) and (digits[:1].isdigit() or cell in ("—", "="))


def _table(cols: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th>{escape(c)}</th>" for c in cols)
    body = "".join(
        "<tr>"
        + "".join(
            f'<td class="n">{escape(c)}</td>' if i and _numeric(c) else f"<td>{escape(c)}</td>"
            for i, c in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def report_html(title: str, legend: str, sections: list[Section], charts: list[Chart]) -> str:
    """A page: the title, the legend, the charts, then each section's table."""
    lang = "zh-CN" if current_language().startswith("zh") else "en"
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
        f'<p class="legend">{escape(legend)}</p>',
    ]
    if charts:
        parts.append(f"<h2>{escape(t('cadence.chart.heading'))}</h2>")
        for chart in charts:
            parts.append(f"<h3>{escape(chart.title)}</h3>{chart_svg(chart)}")
    for heading, cols, rows in sections:
        parts.append(f"<h2>{escape(heading)}</h2>{_table(cols, rows)}")
    parts.append("</body></html>")
    return "\n".join(parts)
