"""The whole account plan as a document: what a seller brings to the quarterly review.

:func:`plan_document` gathers the plan, its completeness, the influence map, the gap table, the
opportunities, the actions, the joint business plan and the customer voice into plain blocks
(headings, paragraphs, trees, tables); :mod:`katerm.core.plan.text` writes Markdown or HTML.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import date

from katerm.core.errors import NotFound
from katerm.core.pipeline import DEFAULT_RULES, OrderRules, pipeline_rows
from katerm.core.plan.completeness import Missing, PartScore, relationship_facts, score_plan
from katerm.core.plan.items import Plan, PlanItemRecord, load_plan
from katerm.core.plan.kinds import JOINT, PARTS
from katerm.core.plan.related import (
    gap_lines,
    influence_people,
    influence_tree,
    strategic_lines,
)
from katerm.core.plan.voice import list_voice
from katerm.core.tiers import stored_tier_sql
from katerm.i18n import has_key, t
from katerm.i18n.fmt import fmt_date, fmt_money, fmt_number, fmt_share, fmt_signed


@dataclass(frozen=True)
class Heading:
    level: int
    text: str


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Line:
    depth: int
    label: str  # shown emphasised before the text ("Strategy", "Decision maker")
    text: str
    note: str = ""  # after a dash: details, dates, people


@dataclass(frozen=True)
class Tree:
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[int, ...] = ()


Block = Heading | Paragraph | Tree | Table


@dataclass
class Document:
    title: str
    blocks: list[Block] = field(default_factory=list)

    def add(self, *blocks: Block) -> None:
        self.blocks.extend(blocks)


def label(prefix: str, key: str | None) -> str:
    """The catalogue label ``prefix.key``, or the key itself for values we do not know
    (a custom milestone, a role a newer katerm added)."""
    if not key:
        return ""
    name = f"{prefix}.{key}"
    return t(name) if has_key(name, "en") else key


def missing_text(m: Missing) -> str:
    return t(f"plan.missing.{m.key}", count=m.count, what=t(m.what) if m.what else "")


def part_summary(score: PartScore) -> str:
    text = t(
        "plan.doc.part_score", met=score.met, total=score.total, share=fmt_share(score.share, 0)
    )
    if score.missing:
        text += t("dialog.sentence_sep") + t(
            "plan.doc.missing",
            items=t("plan.doc.list_sep").join(missing_text(m) for m in score.missing),
        )
    if score.unavailable:
        text += t("dialog.sentence_sep") + t(
            "plan.doc.unavailable",
            items=[t(f"plan.unavailable.{u}") for u in score.unavailable],
        )
    return text


def _item_line(depth: int, item: PlanItemRecord) -> Line:
    """An entry as a line: its category (or else its kind) as the label, then its title, and
    its date, people, opportunity, status and details as notes."""
    notes = []
    if item.due_on:
        notes.append(fmt_date(item.due_on))
    if item.person_name:
        notes.append(item.person_name)
    if item.contact_name and item.contact_name not in item.title:
        notes.append(item.contact_name)
    if item.opportunity_name:
        notes.append(t("plan.doc.opportunity_link", name=item.opportunity_name))
    if item.status:
        notes.append(label("plan.status", item.status))
    if item.detail:
        notes.append(item.detail)
    heading = (
        label(f"plan.{_category_prefix(item.kind)}", item.category)
        if item.category
        else label("plan.kind", item.kind)
    )
    return Line(depth, heading, item.title, " · ".join(notes))


def _category_prefix(kind: str) -> str:
    return {"team_member": "role", "responsibility": "party"}.get(kind, kind)


def _section_tree(doc: Document, plan: Plan, section: str) -> None:
    lines = tuple(_item_line(d, i) for d, i in plan.walk(section))
    doc.add(Tree(lines) if lines else Paragraph(t("plan.doc.none")))


def _team(doc: Document, plan: Plan) -> None:
    members = plan.of("team_member")
    if not members:
        doc.add(Paragraph(t("plan.doc.none")))
        return
    doc.add(
        Table(
            (t("plan.doc.col_role"), t("plan.doc.col_person"), t("plan.doc.col_responsibility")),
            tuple(
                (
                    label("plan.role", m.category),
                    m.person_name,
                    " — ".join(x for x in (m.title, m.detail) if x),
                )
                for m in members
            ),
        )
    )


def _background(doc: Document, plan: Plan) -> None:
    for kind, heading in (
        ("research", "plan.doc.research"),
        ("look", "plan.doc.looks"),
        ("swot", "plan.doc.swot"),
    ):
        doc.add(Heading(3, t(heading)))
        items = plan.of(kind)
        doc.add(
            Tree(tuple(_item_line(0, i) for i in items)) if items else Paragraph(t("plan.doc.none"))
        )
    doc.add(Heading(3, t("plan.doc.events")))
    events = sorted(plan.of("event"), key=lambda i: (i.due_on or date.max, i.title))
    doc.add(
        Table(
            (t("plan.doc.col_date"), t("plan.doc.col_event"), t("plan.doc.col_notes")),
            tuple((fmt_date(e.due_on), e.title, e.detail) for e in events),
        )
        if events
        else Paragraph(t("plan.doc.none"))
    )
    doc.add(Heading(3, t("plan.doc.executives")))
    people = plan.of("executive")
    doc.add(
        Tree(tuple(_item_line(0, i) for i in people)) if people else Paragraph(t("plan.doc.none"))
    )


def _opportunities(
    doc: Document, conn: sqlite3.Connection, account_id: str, today: date, rules: OrderRules
) -> None:
    rows = pipeline_rows(conn, None, today, rules, account_id=account_id)
    doc.add(Heading(3, t("plan.doc.opportunity_list")))
    if not rows:
        doc.add(Paragraph(t("plan.doc.none")))
        return
    body = []
    for row in rows:
        o = row.opportunity
        state = label("orders.state", row.status.state)
        if row.status.stuck is not None:
            state += " " + t(
                "plan.doc.stuck_detail",
                milestone=label("orders.milestone", row.status.stuck.key),
                days=row.status.stuck.days_over,
            )
        body.append(
            (
                o.name,
                label("opportunities.stage", o.stage),
                fmt_money(o.amount),
                fmt_date(o.expected_close),
                f"{o.probability}%",
                state,
            )
        )
    doc.add(
        Table(
            (
                t("fields.opportunity.name"),
                t("fields.opportunity.stage"),
                t("fields.opportunity.amount"),
                t("fields.opportunity.expected_close"),
                t("fields.opportunity.probability"),
                t("fields.opportunity.order_state"),
            ),
            tuple(body),
            numeric=(2, 4),
        )
    )


def _relationships(doc: Document, conn: sqlite3.Connection, account_id: str) -> None:
    doc.add(Heading(3, t("plan.doc.influence")))
    lines = []
    for depth, p in influence_tree(influence_people(conn, account_id)):
        notes = [
            label("plan.person_role", p.role),
            label("plan.influence", p.influence),
            label("plan.attitude", p.attitude),
        ]
        if p.coverage:
            notes.append(t("plan.doc.covered_by", name=p.coverage))
        if p.rising_star:
            notes.append(t("plan.doc.rising_star"))
        lines.append(Line(depth, p.name, p.title, " · ".join(n for n in notes if n)))
    doc.add(Tree(tuple(lines)) if lines else Paragraph(t("plan.doc.no_contacts")))
    doc.add(Heading(3, t("plan.doc.gaps")))
    gaps = gap_lines(conn, account_id)
    if gaps is None:
        doc.add(Paragraph(t("plan.doc.not_available", what=t("plan.unavailable.gaps"))))
    elif not gaps:
        doc.add(Paragraph(t("plan.doc.none")))
    else:
        doc.add(
            Table(
                tuple(
                    t(f"plan.doc.col_{c}")
                    for c in ("contact", "current", "target", "gap", "action", "due", "status")
                ),
                tuple(
                    (
                        g.contact,
                        fmt_number(g.current),
                        fmt_number(g.target),
                        fmt_signed(g.gap, fmt_number, plus=False),
                        g.action,
                        g.due,
                        g.status,
                    )
                    for g in gaps
                ),
                numeric=(1, 2, 3),
            )
        )
    doc.add(Heading(3, t("plan.doc.strategic")))
    strategic = strategic_lines(conn, account_id)
    if strategic is None:
        doc.add(Paragraph(t("plan.doc.not_available", what=t("plan.unavailable.strategic"))))
    elif not strategic:
        doc.add(Paragraph(t("plan.doc.none")))
    else:
        doc.add(
            Table(
                (
                    t("plan.doc.col_partner"),
                    t("plan.doc.col_relationship"),
                    t("plan.doc.col_usage"),
                ),
                tuple((s.partner, s.relationship, s.usage) for s in strategic),
            )
        )


def _actions(doc: Document, plan: Plan) -> None:
    doc.add(Heading(3, t("plan.doc.action_plan")))
    actions = sorted(plan.of("action"), key=lambda a: (a.due_on or date.max, a.title))
    if not actions:
        doc.add(Paragraph(t("plan.doc.none")))
        return
    doc.add(
        Table(
            (
                t("plan.doc.col_action"),
                t("plan.doc.col_owner"),
                t("plan.doc.col_due"),
                t("plan.doc.col_status"),
            ),
            tuple(
                (a.title, a.person_name, fmt_date(a.due_on), label("plan.status", a.status))
                for a in actions
            ),
        )
    )


def _voice(doc: Document, conn: sqlite3.Connection, account_id: str) -> None:
    issues = list_voice(conn, account_id)
    if not issues:
        doc.add(Paragraph(t("plan.doc.none")))
        return
    doc.add(
        Table(
            (
                t("plan.doc.col_date"),
                t("plan.doc.col_issue"),
                t("plan.doc.col_status"),
                t("plan.doc.col_rating"),
            ),
            tuple(
                (
                    fmt_date(v.raised_on),
                    v.title,
                    label("voice.status", v.status),
                    "" if v.rating is None else f"{v.rating}/5",
                )
                for v in issues
            ),
        )
    )


def plan_document(
    conn: sqlite3.Connection, account_id: str, today: date, rules: OrderRules = DEFAULT_RULES
) -> Document:
    """The account's whole plan as a :class:`Document`, dated ``today``."""
    row = conn.execute(
        f"SELECT a.name, {stored_tier_sql()}, a.industry, a.region, a.annual_revenue, coalesce("
        "nullif(u.name, ''), u.login, '') FROM accounts a LEFT JOIN users u ON u.id = a.owner_id "
        "WHERE a.id = ? AND a.deleted = 0",
        (account_id,),
    ).fetchone()
    if row is None:
        raise NotFound("errors.row_missing", table="accounts", id=account_id)
    name, tier, industry, region, revenue, owner = row
    plan = load_plan(conn, account_id)
    score = score_plan(plan, relationship_facts(conn, account_id))
    doc = Document(t("plan.doc.title", name=name))
    doc.add(
        Paragraph(
            t(
                "plan.doc.facts",
                tier=label("fields.tier", tier) or "—",
                industry=industry or "—",
                region=region or "—",
                owner=owner,
                revenue=fmt_money(revenue),
            )
        ),
        Paragraph(t("plan.doc.prepared", date=fmt_date(today), share=fmt_share(score.share, 0))),
        Table(
            (t("plan.doc.col_part"), t("plan.doc.col_score"), t("plan.doc.col_missing")),
            tuple(
                (
                    f"{n}. {t(f'plan.part.{p.part}')}",
                    f"{p.met}/{p.total}",
                    t("plan.doc.list_sep").join(missing_text(m) for m in p.missing) or "✓",
                )
                for n, p in enumerate(score.parts, 1)
            ),
        ),
    )
    for number, part in enumerate(PARTS, 1):
        doc.add(
            Heading(2, f"{number}. {t(f'plan.part.{part}')}"),
            Paragraph(part_summary(score.part(part))),
        )
        if part == "team":
            _team(doc, plan)
        elif part == "background":
            _background(doc, plan)
        elif part == "map":
            _section_tree(doc, plan, "map")
            _opportunities(doc, conn, account_id, today, rules)
        elif part == "relationships":
            _relationships(doc, conn, account_id)
        else:
            _section_tree(doc, plan, "goals")
            _actions(doc, plan)
    doc.add(Heading(2, t("plan.part.joint")))
    _section_tree(doc, plan, JOINT)
    doc.add(Heading(2, t("plan.doc.voice")))
    _voice(doc, conn, account_id)
    return doc
