"""The weekly lead meeting as people read it: a title and sections (heading, columns, rows of
text) that the command line prints as tables or Markdown and the app shows as tables."""

from __future__ import annotations

from katerm.core.leads.read import LeadMeeting
from katerm.core.leads.rules import STATUSES
from katerm.i18n import t

Section = tuple[str, list[str], list[list[str]]]


def meeting_title(meeting: LeadMeeting) -> str:
    from katerm.i18n.fmt import fmt_date

    return t(
        "leads.title",
        week=meeting.week,
        start=fmt_date(meeting.start),
        end=fmt_date(meeting.last_day),
    )


def source_label(source: str) -> str:
    return t(f"leads.source.{source}") if source else ""


def meeting_sections(meeting: LeadMeeting) -> list[Section]:
    """The sellers' counts (with a total row) and the week's leads."""
    counts = [
        [s.display, *(str(s.count(k)) for k in STATUSES)]
        for s in meeting.sellers
        if any(s.count(k) for k in STATUSES) or len(meeting.sellers) <= 12
    ]
    counts.append([t("leads.total"), *(str(meeting.total(k)) for k in STATUSES)])
    leads = [
        [
            r.name,
            r.account,
            r.seller,
            t("leads.list_sep").join(t(f"leads.step.{s}") for s in r.steps),
            t(f"leads.status.{r.status}"),
            source_label(r.source),
            r.referred_by,
            r.nurturer,
            t(f"opportunities.maturity.{r.maturity}"),
        ]
        for r in meeting.leads
    ]
    cols = ("lead", "account", "seller", "steps", "status", "source", "referred_by", "nurturer")
    return [
        (
            t("leads.by_seller"),
            [t("leads.col.seller"), *(t(f"leads.step.{k}") for k in STATUSES)],
            counts,
        ),
        (
            t("leads.this_week", count=len(leads)),
            [*(t(f"leads.col.{c}") for c in cols), t("leads.col.maturity")],
            leads,
        ),
    ]


def meeting_markdown(meeting: LeadMeeting) -> str:
    lines = [f"# {meeting_title(meeting)}", ""]
    for heading, cols, rows in meeting_sections(meeting):
        lines += [f"## {heading}", "", "| " + " | ".join(cols) + " |"]
        lines.append("| " + " | ".join(["---"] * len(cols)) + " |")
        lines += ["| " + " | ".join(c.replace("|", "\\|") for c in row) + " |" for row in rows]
        lines.append("")
    return "\n".join(lines)
