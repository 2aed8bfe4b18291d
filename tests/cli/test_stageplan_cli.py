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


def test_a_sheet_in_the_seeds_words_sets_cells_and_exports_them_back(cli, bidding, tmp_path):
    sheet = tmp_path / "stages.csv"
    sheet.write_text(
        "客户名称,商机,阶段,部门,拓展方法,责任人,状态\n"
        "Acme Robotics,ERP upgrade,招投标,采购部门,高层拜访,解决方案专家,\n"
        "Acme Robotics,,合同执行,质量部,管理培训,交付经理,无需拓展\n"
        "Acme Robotics,ERP upgrade,谈判,采购部门,,,\n",
        encoding="utf-8",
    )
    refused = cli("import", "stage_plan", str(sheet))
    assert refused.code == 2 and "negotiation" not in refused.err and "谈判" in refused.err
    sheet.write_text("\n".join(sheet.read_text(encoding="utf-8").splitlines()[:3]) + "\n")
    done = cli("import", "stage_plan", str(sheet))
    assert done.code == 0, done.err
    cell = purchasing_at_bidding(cli)
    assert (cell["way"], cell["responsible"], cell["source"]) == (
        "executive_visit",
        "solution_expert",
        "opportunity",
    )
    exported = cli("export", "stage_plan", "--format", "json")
    assert exported.code == 0, exported.err
    rows = json.loads(exported.out)
    assert sorted((r["stage"], r["department"], r["status"]) for r in rows) == [
        ("bidding", "purchasing", "open"),
        ("contract", "质量部", "skipped"),
    ]


def test_the_triangle_lists_its_warnings_with_stable_codes(cli, bidding):
    shown = cli("plan", "Acme", "--triangle", "--format", "json")
    assert shown.code == 0, shown.err
    data = json.loads(shown.out)
    assert {w["code"] for w in data["warnings"]} == {"triangle_role_empty"}
    both = cli("plan", "Acme", "--triangle", "--stages", "--lang", "zh_CN")
    assert both.code == 0, both.err
    assert "# 铁三角：Acme Robotics" in both.out and "## 商机：ERP upgrade" in both.out
