"""Checklists, trends and review summaries as text, Markdown or JSON (for the CLI and files).

The screen draws the same objects (``checklist.Checklist``, ``weekly.Trend``, the summary
dict); only the layout differs.
"""

from __future__ import annotations

import json
from datetime import datetime, tzinfo
from typing import Any

from katerm.core.periods import DAY
from katerm.core.reviews.checklist import Checklist, ItemResult
from katerm.core.reviews.weekly import Trend
from katerm.i18n import t

FORMATS = ("text", "json", "md")
BAR = "█"


def to_json(data: Any) -> str:
    """JSON as katerm prints it: indented, Chinese kept as it is."""
    return json.dumps(data, ensure_ascii=False, indent=2)


def item_state(item: ItemResult) -> str:
    """✓ done, ✗ not done, – not available."""
    if not item.available:
        return "–"
    return "✓" if item.done else "✗"


def checklist_title(checklist: Checklist) -> str:
    """``Daily checklist · 王芳 · 2026-11-27`` (or weekly)."""
    key = "reviews.daily_title" if checklist.period.kind == DAY else "reviews.weekly_title"
    return t(key, name=checklist.user.display, period=checklist.period.key)


def _footer(checklist: Checklist) -> list[str]:
    lines = [t("reviews.done_of", done=checklist.done_count, total=len(checklist.available))]
    if checklist.read_only:
        lines.append(t("reviews.read_only_note"))
    elif checklist.reopened:
        lines.append(t("reviews.reopened_note"))
    return lines


def checklist_text(checklist: Checklist) -> str:
    """A checklist as aligned plain text, evidence indented under each item."""
    from rich.cells import cell_len

    out = [checklist_title(checklist), ""]
    if not checklist.items:
        out.append(t("reviews.checklist_empty"))
    width = max((cell_len(i.label) for i in checklist.items), default=0) + 2
    for item in checklist.items:
        right = item.progress if item.available else t("reviews.not_available")
        out.append(
            f"{item_state(item)} {item.label}{' ' * (width - cell_len(item.label))}{right}".rstrip()
        )
        out.extend(f"    {e.label}" for e in item.evidence)
        if item.note:
            out.append(f"    {item.note}")
    return "\n".join([*out, "", *_footer(checklist)])


def checklist_md(checklist: Checklist) -> str:
    """A checklist as a Markdown task list."""
    out = [f"## {checklist_title(checklist)}", ""]
    if not checklist.items:
        out.append(t("reviews.checklist_empty"))
    for item in checklist.items:
        if not item.available:
            out.append(f"- {item.label} — *{t('reviews.not_available')}*")
            continue
        progress = f" ({item.progress})" if item.progress else ""
        out.append(f"- [{'x' if item.done else ' '}] {item.label}{progress}")
        out.extend(f"  - {e.label}" for e in item.evidence)
        if item.note:
            out.append(f"  - {item.note}")
    return "\n".join([*out, "", *_footer(checklist)]) + "\n"


def trend_lines(trend: Trend) -> list[str]:
    """The 8-week chart and the figures under it, plain text."""
    from katerm.i18n.fmt import fmt_share

    target = next((w.target for w in reversed(trend.weeks) if w.target), None)
    out = [t("reviews.trend_title", weeks=len(trend.weeks), quota=target or "—")]
    top = max([w.visits for w in trend.weeks] + [target or 0, 1])
    for w in trend.weeks:
        bar = BAR * round(w.visits * 20 / top)
        mark = "✓" if w.met else ("✗" if w.target is not None else " ")
        out.append(f"{w.week.key}  {bar:<20} {w.visits:>3} {mark}")
    completion = fmt_share(trend.completion, 0) if trend.completion is not None else "—"
    out.append(t("reviews.trend_figures", streak=trend.streak, completion=completion))
    if trend.by_scenario:
        parts = [f"{scenario_label(s)} {n}" for s, n in trend.by_scenario]
        out.append(t("reviews.by_scenario", list=parts))
    return out


def scenario_label(key: str) -> str:
    """A contact scenario's name (or "no scenario")."""
    return t(f"reviews.scenario.{key}") if key else t("reviews.scenario_none")


def weekly_text(trend: Trend) -> str:
    """The weekly checklist and the 8-week trend as plain text."""
    return checklist_text(trend.checklist) + "\n\n" + "\n".join(trend_lines(trend))


def weekly_md(trend: Trend) -> str:
    """The weekly checklist and the 8-week trend as Markdown."""
    lines = trend_lines(trend)
    return (
        checklist_md(trend.checklist)
        + f"\n### {lines[0]}\n\n```\n"
        + "\n".join(lines[1 : len(trend.weeks) + 1])
        + "\n```\n\n"
        + "\n".join(lines[len(trend.weeks) + 1 :])
        + "\n"
    )


# --- evening review summary ---------------------------------------------------------------


def _local(text: str | None, tz: tzinfo) -> str:
    if not text:
        return ""
    return datetime.fromisoformat(text).astimezone(tz).strftime("%Y-%m-%d %H:%M")


def _behind(seller: dict[str, Any]) -> str:
    return t("reviews.list_sep").join(
        t(
            "reviews.behind_item",
            label=b["label"],
            value=b["value"],
            target=b["target"],
            expected=b["expected"],
        )
        for b in seller["behind"]
    )


def _follow_up(f: dict[str, Any]) -> str:
    due = f" — {t('reviews.due', date=f['due'])}" if f.get("due") else ""
    return f"{f['text']}{due}"


def _labelled(label_key: str, text: str) -> str:
    return t("reviews.labelled", label=t(label_key), text=text)


def _said(name: str, text: str) -> str:
    """``**王芳**: …`` with the colon of the interface language."""
    return t("reviews.labelled", label=f"**{name}**", text=text)


def summary_md(summary: dict[str, Any], tz: tzinfo) -> str:
    """An evening review's summary as a Markdown document (times in ``tz``)."""
    team = summary["team"]  # a summary saved before headings names the lead's team
    heading = team.get("heading") or t("reviews.ui.team_heading", name=team["name"])
    out = [f"# {t('reviews.summary_title', team=heading, date=summary['date'])}", ""]
    if summary.get("finished_at"):
        name = summary.get("run_by_name") or summary.get("run_by") or ""
        out.append(t("reviews.summary_finished", name=name, at=_local(summary["finished_at"], tz)))
    else:
        today = summary.get("today", True)
        out.append(t("reviews.summary_unfinished" if today else "reviews.summary_left_open"))
    out += ["", f"## {t('reviews.summary_behind')}", ""]
    behind = [s for s in summary["sellers"] if s["behind"]]
    out += [f"- {_said(s['name'], _behind(s))}" for s in behind] or [t("reviews.nobody_behind")]
    out += ["", f"## {t('reviews.summary_decided')}", ""]
    decided = [(s, f) for s in summary["sellers"] for f in s["follow_ups"]]
    out += [f"- {_said(s['name'], _follow_up(f))}" for s, f in decided] or [
        t("reviews.nothing_decided")
    ]
    out += ["", f"## {t('reviews.summary_sellers')}", ""]
    for s in summary["sellers"]:
        state = t("reviews.reviewed") if s["reviewed"] else t("reviews.not_reviewed")
        # Through the catalogue: Chinese takes full-width brackets after a Chinese name.
        heading = t("reviews.summary_seller", name=s["name"], login=s["user"], state=state)
        out += [f"### {heading}", ""]
        check = s["checklist"]
        line = t("reviews.done_of", done=check["done"], total=check["of"])
        if check["missing"]:
            listed = [m["label"] for m in check["missing"]]
            line += t("dialog.sentence_sep") + t("reviews.missing", list=listed)
        out.append(f"- {line}")
        if s["behind"]:
            out.append(f"- {_labelled('reviews.behind_label', _behind(s))}")
        if s["comment"]:
            out.append(f"- {_labelled('reviews.comment_label', s['comment'])}")
        out += [f"- {_labelled('reviews.follow_up_label', _follow_up(f))}" for f in s["follow_ups"]]
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def summary_text(summary: dict[str, Any], tz: tzinfo) -> str:
    """The Markdown without its markup, for a terminal."""
    lines = []
    for line in summary_md(summary, tz).splitlines():
        lines.append(
            line.lstrip("#").strip().replace("**", "")
            if line.startswith("#")
            else line.replace("**", "")
        )
    return "\n".join(lines) + "\n"
