"""The iron triangle: our account team's roles (the plan's team) against the customer's
departments and levels through each contact's one relationship owner; gaps where the seed's
role covers nobody in a department; warnings with stable codes."""

from __future__ import annotations

import pytest

from katerm.core.influence import save_person
from katerm.core.plan.items import save_plan_item
from katerm.core.stageplan import iron_triangle, triangle_json, triangle_markdown
from katerm.core.team import ensure_user
from tests.core.plan_helpers import account

pytestmark = pytest.mark.now("2026-03-16")


def team(ws, acc, **roles):
    for role, user in roles.items():
        save_plan_item(ws, acc, None, {"kind": "team_member", "category": role, "person_id": user})


def test_coverage_goes_through_each_persons_relationship_owner(workspace):
    acc, _ = account(workspace, contacts=0)
    expert, _ = ensure_user(workspace.db, "li.na", "Li Na")
    delivery, _ = ensure_user(workspace.db, "zhao.lei", "Zhao Lei")
    team(workspace, acc, customer_manager=workspace.me.id, solution_expert=expert.id)
    team(workspace, acc, delivery_manager=delivery.id)
    me = workspace.me.id

    def person(name, department, role="", owner=None):
        values = {"name": name, "department": department, "role": role, "covered_by": owner}
        return save_person(workspace, acc, None, values)

    person("王磊", "采购部", "decision_maker", me)
    person("Ann Lee", "Marketing", "recommender", expert.id)
    person("Bo Chen", "Operations")  # maintenance: nobody of ours
    with workspace.db.reading() as conn:
        tri = iron_triangle(conn, acc)
    assert tri.columns == [
        "market",
        "purchasing",
        "maintenance",
        "decision",
        "management",
        "execution",
    ]
    assert tri.covered("customer_manager", "purchasing") == ["王磊"]
    assert tri.covered("customer_manager", "decision") == ["王磊"]
    assert tri.covered("solution_expert", "management") == ["Ann Lee"]
    assert tri.gaps() == [("delivery_manager", "maintenance")]
    assert [(w.code, w.role) for w in tri.warnings] == [
        ("triangle_covers_nobody", "delivery_manager")
    ]
    data = triangle_json(tri)
    assert data["matrix"]["solution_expert"]["market"] == ["Ann Lee"]
    assert {p["name"]: p["responsible_roles"] for p in data["people"]}["王磊"] == [
        "customer_manager"
    ]
    assert "| Delivery manager | · | · | ✗ |" in triangle_markdown(tri)


def test_an_a_account_without_a_solution_expert_is_warned(workspace):
    acc, _ = account(workspace, tier="A")
    team(workspace, acc, customer_manager=workspace.me.id)
    with workspace.db.reading() as conn:
        codes = [(w.code, w.role) for w in iron_triangle(conn, acc).warnings]
    assert codes == [
        ("triangle_role_empty", "solution_expert"),
        ("triangle_role_empty", "delivery_manager"),
    ]
    other, _ = account(workspace, name="Small Co", tier="C")
    with workspace.db.reading() as conn:
        assert iron_triangle(conn, other).warnings == []  # not an A account


def test_the_evening_review_shows_the_triangle_warnings_of_the_sellers_a_accounts(workspace):
    from datetime import date
    from zoneinfo import ZoneInfo

    from katerm.core.periods import Period
    from katerm.core.reviews import SellerContext
    from katerm.core.stageplan.review import stage_section

    acc, _ = account(workspace, "Acme Robotics", tier="A", contacts=0)
    account(workspace, "Small Shop", tier="C", contacts=0)
    expert, _ = ensure_user(workspace.db, "li.na", "Li Na")
    team(workspace, acc, customer_manager=workspace.me.id, solution_expert=expert.id)
    day = date(2026, 3, 16)
    ctx = SellerContext(workspace.me.id, Period.day(day), ZoneInfo("Asia/Shanghai"), day)
    with workspace.db.reading() as conn:
        section = stage_section(conn, ctx)
    found = [(line.detail, line.text) for line in section.lines]
    # No delivery manager on the A account; the solution expert covers nobody. The C account
    # is not judged.
    assert [d for d, _ in found] == [
        "Acme Robotics · triangle_role_empty",
        "Acme Robotics · triangle_covers_nobody",
    ]
    assert "Delivery manager" in found[0][1] and "Li Na" in found[1][1]


def test_the_chinese_triangle_lists_the_team_with_chinese_punctuation(workspace):
    from katerm.i18n import set_language

    acc, _ = account(workspace, contacts=0)
    expert, _ = ensure_user(workspace.db, "li.na", "李娜")
    other, _ = ensure_user(workspace.db, "wang.fang", "王芳")
    team(workspace, acc, solution_expert=expert.id)
    team(workspace, acc, solution_expert=other.id)
    with workspace.db.reading() as conn:
        tri = iron_triangle(conn, acc)
    set_language("zh_CN")
    try:
        text = triangle_markdown(tri)
    finally:
        set_language("en")
    line = next(x for x in text.splitlines() if "李娜" in x)
    assert line.endswith("：李娜、王芳") or line.endswith("：王芳、李娜"), line
