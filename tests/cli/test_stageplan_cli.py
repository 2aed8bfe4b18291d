"""`katerm plan ACCOUNT --stages` and logging a visit that ticks a cell, as a user types them."""

from __future__ import annotations

import json

import pytest

from katerm.core.accounts.edit import save_contact
from katerm.core.pipeline.steps import lock
from tests.core.plan_helpers import MONDAY, account, ready_opportunity

pytestmark = pytest.mark.now("2026-03-16")


@pytest.fixture
def bidding(workspace):
    acc, (cio,) = account(workspace)
    save_contact(
        workspace, acc, None, {"name": "Wang Lei", "title": "采购总监", "department": "采购部"}
    )
    lock(workspace, ready_opportunity(workspace, acc, cio), today=MONDAY)
    workspace.close()
    return workspace


def purchasing_at_bidding(cli) -> dict:
    shown = cli("plan", "Acme", "--stages", "--opportunity", "erp upgrade", "--format", "json")
    assert shown.code == 0, shown.err
    (plan,) = json.loads(shown.out)
    assert plan["current_stage"] == "bidding"
    return next(
        c for c in plan["cells"] if (c["stage"], c["department"]) == ("bidding", "purchasing")
    )


def test_a_visit_with_the_purchasing_director_for_the_order_ticks_the_bidding_cell(cli, bidding):
    before = purchasing_at_bidding(cli)
    assert (before["state"], before["responsible"]) == ("open", "customer_manager")
    logged = cli("log", "visit", "Acme", "--contact", "Wang Lei", "--opportunity", "ERP upgrade")
    assert logged.code == 0, logged.err
    after = purchasing_at_bidding(cli)
    assert after["state"] == "reached" and after["reached_by"][0]["people"] == ["Wang Lei"]


def test_the_markdown_plan_lists_the_default_and_each_order_in_chinese(cli, bidding):
    shown = cli("plan", "Acme", "--stages", "--lang", "zh_CN")
    assert shown.code == 0, shown.err
    assert "## 客户默认计划" in shown.out and "## 商机：ERP upgrade" in shown.out
    assert "### 招投标 ◀" in shown.out
    assert "| 采购部门 |" in shown.out and "尚未拓展" in shown.out


@pytest.mark.parametrize(
    "args",
    [
        ("plan", "Acme", "--format", "json"),  # json is for --stages
        ("plan", "Acme", "--stages", "--opportunity", "No such order"),
        ("plan", "Acme", "--stages", "--format", "html"),
    ],
)
def test_bad_arguments_exit_2_without_a_traceback(cli, bidding, args):
    result = cli(*args)
    assert result.code == 2 and "Traceback" not in result.err and result.err.strip()
