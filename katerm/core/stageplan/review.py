"""What the stage plans add to the reviews: the current stage's unreached departments of the
seller's orders ("bidding: purchasing not yet reached — owner: customer manager"), in the
evening review's section and my day; and, in the evening review, the iron triangle's warnings
of the seller's top-tier accounts (their stable code in the detail)."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from katerm.core.reviews import WARN, Line, Section, SectionSpec, SellerContext
from katerm.core.stageplan.read import Cell, StagePlan, open_cells
from katerm.core.stageplan.text import label, open_line
from katerm.i18n import t

if TYPE_CHECKING:
    from katerm.core.store import Database

# How many lines a seller's day shows at most (the plan screen has the rest).
SHOWN = 6


def stage_line(plan: StagePlan, cell: Cell) -> Line:
    detail = " · ".join(x for x in (plan.account, label("way", cell.way)) if x)
    return Line(open_line(plan, cell), WARN, detail)


def stage_lines(conn: sqlite3.Connection, user_id: str) -> list[Line]:
    """The lines for one person's orders, at most :data:`SHOWN` and a "more" line."""
    found = open_cells(conn, [user_id], limit=SHOWN + 1)
    lines = [stage_line(p, c) for p, c in found[:SHOWN]]
    if len(found) > SHOWN:
        lines.append(Line(t("stageplan.more")))
    return lines


def load_stage_lines(db: Database, user_id: str) -> list[Line]:
    """My day's stage-plan lines, in a read of their own."""
    with db.reading() as conn:
        return stage_lines(conn, user_id)


def triangle_lines(conn: sqlite3.Connection, user_id: str) -> list[Line]:
    """The iron triangle's warnings of the top-tier accounts ``user_id`` owns, at most
    :data:`SHOWN` (``katerm plan ACCOUNT --triangle`` has them all)."""
    from katerm.core.stageplan.triangle import iron_triangle
    from katerm.core.tiers import stored_rank_sql

    lines: list[Line] = []
    for (account_id,) in conn.execute(
        "SELECT id FROM accounts WHERE owner_id = ? AND deleted = 0 "
        f"AND {stored_rank_sql(alias='')} = 0 ORDER BY name",
        (user_id,),
    ).fetchall():
        tri = iron_triangle(conn, account_id)
        lines += [Line(w.text, WARN, f"{tri.account} · {w.code}") for w in tri.warnings]
        if len(lines) >= SHOWN:
            break
    return lines[:SHOWN]


def stage_section(conn: sqlite3.Connection, ctx: SellerContext) -> Section:
    return Section(
        "stage_plan",
        t("stageplan.section"),
        (*stage_lines(conn, ctx.seller_id), *triangle_lines(conn, ctx.seller_id)),
        empty_text=t("stageplan.all_reached"),
    )


REVIEW_SECTIONS = (
    SectionSpec(
        "stage_plan",
        "stageplan.section",
        stage_section,
        requires=("stage_plan_cells",),
        order=47,  # after what is coming up, before tomorrow's plan
    ),
)
