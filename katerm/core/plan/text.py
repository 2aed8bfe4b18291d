"""Writing a :class:`~katerm.core.plan.document.Document` as Markdown or as one HTML file.

Everything users typed is escaped: in Markdown the characters that would start formatting
(and ``|`` inside tables), in HTML with :func:`html.escape`. The HTML file is self-contained
(styles inline, no scripts, nothing fetched), so it can be mailed or opened offline.
"""

from __future__ import annotations

import html
import re

from katerm.core.plan.document import Document, Heading, Line, Paragraph, Table, Tree
from katerm.i18n import t

FORMATS = ("md", "html")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")


def md_text(text: str) -> str:
    """User text for a Markdown line: formatting characters escaped, line breaks kept."""
    escaped = _MD_SPECIAL.sub(r"\\\1", text.strip())
    return "<br>".join(part.strip() for part in escaped.splitlines())


def _md_line(line: Line) -> str:
    parts = []
    if line.label:
        parts.append(f"**{md_text(line.label)}**")
    if line.text:
        parts.append(md_text(line.text))
    # The colon of the interface language: ``**客户本身**：…``, not a half-width one after Chinese.
    body = t("reviews.labelled", label=parts[0], text=parts[1]) if len(parts) == 2 else parts[0]
    if line.note:
        body += f" — {md_text(line.note)}"
    return f"{'  ' * line.depth}- {body}"


def _md_table(table: Table) -> list[str]:
    def row(cells: tuple[str, ...]) -> str:
        return "| " + " | ".join(md_text(c) or " " for c in cells) + " |"

    rule = (
        "| "
        + " | ".join("---:" if i in table.numeric else "---" for i in range(len(table.headers)))
        + " |"
    )
    return [row(table.headers), rule, *(row(r) for r in table.rows)]


def to_markdown(doc: Document) -> str:
    out = [f"# {md_text(doc.title)}", ""]
    for block in doc.blocks:
        if isinstance(block, Heading):
            out += [f"{'#' * block.level} {md_text(block.text)}", ""]
        elif isinstance(block, Paragraph):
            out += [md_text(block.text), ""]
        elif isinstance(block, Tree):
            out += [*(_md_line(line) for line in block.lines), ""]
        else:
            out += [*_md_table(block), ""]
    return "\n".join(out).rstrip() + "\n"


_STYLE = """
body { font-family: system-ui, "PingFang SC", "Microsoft YaHei", sans-serif; max-width: 60rem;
       margin: 2rem auto; padding: 0 1rem; line-height: 1.5; color: #222; }
h1 { border-bottom: 2px solid #888; } h2 { margin-top: 2rem; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; margin: .5rem 0 1rem; }
th, td { border: 1px solid #bbb; padding: .2rem .5rem; text-align: left; vertical-align: top; }
th { background: #eee; } td.num { text-align: right; }
ul { margin: .3rem 0 1rem; } .note { color: #555; }
@media print { body { margin: 0; } }
"""


def _h(text: str) -> str:
    return "<br>".join(html.escape(part) for part in text.splitlines()) if text else ""


def _html_tree(lines: tuple[Line, ...]) -> list[str]:
    out: list[str] = []
    depth = -1
    for line in lines:
        while depth < line.depth:
            out.append("<ul>")
            depth += 1
        while depth > line.depth:
            out.append("</li></ul>")
            depth -= 1
        if out and out[-1] != "<ul>":
            out.append("</li>")
        body = f"<strong>{_h(line.label)}</strong>" if line.label else ""
        if line.text:
            body += (": " if body else "") + _h(line.text)
        if line.note:
            body += f' <span class="note">— {_h(line.note)}</span>'
        out.append(f"<li>{body}")
    while depth >= 0:
        out.append("</li></ul>")
        depth -= 1
    return out


def _html_table(table: Table) -> list[str]:
    out = ["<table>", "<tr>" + "".join(f"<th>{_h(h)}</th>" for h in table.headers) + "</tr>"]
    for row in table.rows:
        cells = "".join(
            f'<td class="num">{_h(c)}</td>' if i in table.numeric else f"<td>{_h(c)}</td>"
            for i, c in enumerate(row)
        )
        out.append(f"<tr>{cells}</tr>")
    out.append("</table>")
    return out


def to_html(doc: Document, lang: str = "en") -> str:
    code = "zh-CN" if lang == "zh_CN" else "en"
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{code}">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{_h(doc.title)}</title>",
        f"<style>{_STYLE}</style>",
        "</head>",
        "<body>",
        f"<h1>{_h(doc.title)}</h1>",
    ]
    for block in doc.blocks:
        if isinstance(block, Heading):
            out.append(f"<h{block.level}>{_h(block.text)}</h{block.level}>")
        elif isinstance(block, Paragraph):
            out.append(f"<p>{_h(block.text)}</p>")
        elif isinstance(block, Tree):
            out += _html_tree(block.lines)
        else:
            out += _html_table(block)
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"


def render(doc: Document, fmt: str, lang: str = "en") -> str:
    if fmt == "html":
        return to_html(doc, lang)
    return to_markdown(doc)
