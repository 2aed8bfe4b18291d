"""The stage expansion plan: the seed's template, the account default and the opportunity's
own cells layered; an activity with a department's person for the opportunity at that stage
ticks the cell; the current stage's open cells reach the evening review."""

from __future__ import annotations

import pytest

from katerm.core.accounts.edit import save_contact
from katerm.core.errors import ValidationFailed
from katerm.core.pipeline.steps import lock
from katerm.core.reviews.activities import log_activity
from katerm.core.stageplan import (
    in_department,
    open_cells,
    plan_json,
    plan_markdown,
    set_cell,
    stage_lines,
    stage_plan,
)
from tests.core.plan_helpers import MONDAY, account, ready_opportunity

pytestmark = pytest.mark.now("2026-03-16")


def cell(plan, stage, department):
    return next(c for c in plan.cells if (c.stage, c.department) == (stage, department))


def bidding(ws):
    acc, (cio,) = account(ws)
    buyer = save_contact(
        ws, acc, None, {"name": "Wang Lei", "title": "采购总监", "department": "采购部"}
    )
    opp = ready_opportunity(ws, acc, cio)
    lock(ws, opp, today=MONDAY)
    return acc, opp, buyer


@pytest.mark.parametrize(
    ("department", "contact", "inside"),
    [
        ("purchasing", "Procurement", True),
        ("purchasing", "采购部", True),
        ("planning", "IT", True),
        ("planning", "Audit", False),  # "it" is a word, not a piece of one
        ("leadership", "总经理办公室", True),
        ("Quality", "Quality Dept", True),  # a department of the customer's own
        ("finance", "", False),
    ],
)
def test_a_contacts_department_is_found_in_either_language(department, contact, inside):
    assert in_department(department, contact) is inside


def test_the_bidding_row_shows_purchasing_unreached_until_a_visit_for_the_order(workspace):
    acc, opp, buyer = bidding(workspace)
    with workspace.db.reading() as conn:
        plan = stage_plan(conn, acc, opp)
    assert plan.current_stage == "bidding"
    purchasing = cell(plan, "bidding", "purchasing")
    assert (purchasing.state, purchasing.responsible) == ("open", "customer_manager")
    assert purchasing.people == ("Wang Lei",)
    # A visit with the purchasing director that served no opportunity ticks nothing.
    log_activity(workspace, {"kind": "visit", "account": acc, "contacts": [buyer]})
    with workspace.db.reading() as conn:
        assert cell(stage_plan(conn, acc, opp), "bidding", "purchasing").state == "open"
        assert [c.department for _, c in open_cells(conn, [workspace.me.id])][:2] == [
            "planning",
            "purchasing",
        ]
    log_activity(
        workspace,
        {"kind": "visit", "account": acc, "contacts": ["Wang Lei"], "opportunity": opp},
    )
    with workspace.db.reading() as conn:
        plan = stage_plan(conn, acc, opp)
        lines = [line.text for line in stage_lines(conn, workspace.me.id)]
    done = cell(plan, "bidding", "purchasing")
    assert done.state == "reached" and done.reached[0].people == ("Wang Lei",)
    assert cell(plan, "need", "purchasing").state == "open"  # another stage: not ticked
    assert not any("Purchasing" in line for line in lines)
    assert any("Bidding: Finance not yet reached — owner: Customer manager" in x for x in lines)


def test_the_account_default_and_the_opportunitys_own_cells_override_the_template(workspace):
    acc, opp, _ = bidding(workspace)
    set_cell(
        workspace, acc, None, {"stage": "bidding", "department": "finance", "status": "skipped"}
    )
    set_cell(
        workspace,
        acc,
        None,
        {"stage": "bidding", "department": "Quality", "way": "专项考察", "responsible": "交付经理"},
    )
    first = set_cell(
        workspace,
        acc,
        opp,
        {"stage": "Bidding", "department": "采购部门", "responsible": "solution expert"},
    )
    again = set_cell(
        workspace, acc, opp, {"stage": "bidding", "department": "purchasing", "note": "via the CFO"}
    )
    assert first == again
    with workspace.db.reading() as conn:
        plan = stage_plan(conn, acc, opp)
        default = stage_plan(conn, acc)
    assert cell(plan, "bidding", "finance").state == "skipped"
    quality = cell(plan, "bidding", "Quality")
    assert (quality.way, quality.responsible, quality.source) == (
        "special_inspection",
        "delivery_manager",
        "account",
    )
    purchasing = cell(plan, "bidding", "purchasing")
    assert (purchasing.responsible, purchasing.way, purchasing.note) == (
        "solution_expert",
        "personal_visit",  # kept from the template
        "via the CFO",
    )
    assert cell(default, "bidding", "purchasing").responsible == "customer_manager"
    assert plan_json(plan)["current_stage"] == "bidding"
    assert "| Purchasing | trusted | Personal visit | Solution expert | Not yet reached |" in (
        plan_markdown([plan], "en")
    )


def test_bad_cells_are_refused_naming_each_field(workspace):
    acc, opp, _ = bidding(workspace)
    with pytest.raises(ValidationFailed) as caught:
        set_cell(
            workspace,
            acc,
            opp,
            {"stage": "negotiation", "department": "purchasing", "way": "golf", "status": "?"},
        )
    assert sorted(e.field for e in caught.value.errors) == ["stage", "status", "way"]
    with pytest.raises(ValidationFailed):
        set_cell(workspace, acc, opp, {"stage": "bidding", "department": "  "})
    with workspace.db.reading() as conn:
        assert conn.execute("SELECT count(*) FROM stage_plan_cells").fetchone()[0] == 0


def test_a_bad_cell_lists_its_choices_the_chinese_way(workspace):
    """不允许“?”：请从 open (尚未拓展), reached (…) 中选择: English commas and brackets, joined
    before the message could join them the language's way."""
    from katerm.i18n import set_language

    acc, opp, _ = bidding(workspace)
    with pytest.raises(ValidationFailed) as caught:
        set_cell(workspace, acc, opp, {"stage": "bidding", "department": "采购部门", "status": "?"})
    set_language("zh_CN")
    try:
        message = caught.value.by_field()["status"]
    finally:
        set_language("en")
    assert (
        message
        == "不允许“?”：请从 open（尚未拓展）、reached（已拓展）、skipped（无需拓展） 中选择。"
    )
