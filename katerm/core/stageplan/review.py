"""What the stage plans add to the reviews: the current stage's unreached departments of the
seller's orders ("bidding: purchasing not yet reached — owner: customer manager"), in the
evening review's section and my day."""

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


def stage_section(conn: sqlite3.Connection, ctx: SellerContext) -> Section:
    return Section(
        "stage_plan",
        t("stageplan.section"),
        tuple(stage_lines(conn, ctx.seller_id)),
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
