"""The account plan: entries and their links, completeness per part, and part 4 reading the
influence-map and gap features whether or not this database has them."""

from __future__ import annotations

import pytest

from katerm.core.cards.edit import save_strategic
from katerm.core.errors import BadInput, ValidationFailed
from katerm.core.gaps.edit import save_gap
from katerm.core.influence.edit import save_person
from katerm.core.pipeline.opportunities import save_opportunity
from katerm.core.plan.completeness import plan_score
from katerm.core.plan.document import missing_text
from katerm.core.plan.items import delete_plan_item, load_plan, save_plan_item
from katerm.core.plan.kinds import IRON_TRIANGLE, LOOKS, RESEARCH, SWOT
from tests.core.plan_helpers import MONDAY, account


def add(ws, acc, kind, **values):
    return save_plan_item(ws, acc, None, {"kind": kind, **values})


def score(ws, acc):
    with ws.db.reading() as conn:
        return plan_score(conn, acc)


def full_plan(ws, acc, person):
    """Every check of parts 1, 2, 3 and 5 met."""
    for role in (*IRON_TRIANGLE, "executive_sponsor"):
        add(ws, acc, "team_member", category=role, person_id=ws.me.id)
    for kind, categories in (("research", RESEARCH), ("look", LOOKS), ("swot", SWOT)):
        for category in categories:
            add(ws, acc, kind, category=category, title=f"{kind} {category}")
    add(ws, acc, "event", title="Annual supplier summit", due_on="2026-05-20")
    add(ws, acc, "executive", title="CEO, engineer by training", contact_id=person)
    goal = add(ws, acc, "customer_goal", title="Double exports by 2028")
    strategy = add(ws, acc, "strategy", title="Open plants abroad", parent_id=goal)
    tactic = add(ws, acc, "tactic", title="Standard plant design", parent_id=strategy)
    need = add(ws, acc, "need", title="One ERP for every plant", parent_id=tactic)
    opp = save_opportunity(ws, acc, None, {"name": "Global ERP"}, today=MONDAY)
    add(ws, acc, "solution", title="Our cloud ERP", parent_id=need, opportunity_id=opp)
    ours = add(ws, acc, "goal", title="Become their ERP supplier", due_on="2026-12-31")
    sub = add(ws, acc, "sub_goal", title="Pilot in the Suzhou plant", parent_id=ours)
    add(
        ws,
        acc,
        "action",
        title="Workshop with the CIO",
        parent_id=sub,
        person_id=ws.me.id,
        due_on="2026-04-10",
    )


def test_an_empty_plan_says_what_each_part_misses(workspace):
    acc, _ = account(workspace, contacts=0)
    result = score(workspace, acc)
    assert [p.part for p in result.parts] == ["team", "background", "map", "relationships", "goals"]
    assert all(p.met == 0 for p in result.parts)
    team = result.part("team")
    assert [missing_text(m) for m in team.missing] == [
        "no Customer manager in the account team",
        "no Solution expert in the account team",
        "no Delivery manager in the account team",
        "no Executive sponsor in the account team",
    ]
    assert result.part("background").total == 14
    rel = result.part("relationships")
    assert rel.unavailable == ()  # the gap and strategic-relationship tables both exist
    assert missing_text(rel.missing[0]) == "only 0 people at the customer (at least 3)"


def test_a_full_plan_scores_every_part_it_can(workspace):
    acc, people = account(workspace, contacts=3)
    full_plan(workspace, acc, people[0])
    save_person(
        workspace, acc, people[0], {"role": "decision_maker", "covered_by": workspace.me.id}
    )
    save_person(workspace, acc, people[1], {"role": "coach", "covered_by": workspace.me.id})
    save_gap(workspace, people[0], {"level_now": 2, "level_target": 4})
    save_strategic(
        workspace,
        acc,
        None,
        {
            "partner": "华拓集团",
            "kind": "strategic_supplier",
            "how_to_use": "Introduce us to their CIO",
        },
    )
    result = score(workspace, acc)
    assert [(p.part, p.met, p.total) for p in result.parts] == [
        ("team", 4, 4),
        ("background", 14, 14),
        ("map", 6, 6),
        ("relationships", 6, 6),
        ("goals", 5, 5),
    ]
    assert result.share == 1.0


def test_the_map_names_the_links_that_are_missing(workspace):
    acc, _ = account(workspace)
    goal = add(workspace, acc, "customer_goal", title="Grow")
    add(workspace, acc, "customer_goal", title="Cut costs")
    add(workspace, acc, "strategy", title="Expand", parent_id=goal)
    part = score(workspace, acc).part("map")
    assert [missing_text(m) for m in part.missing] == [
        "1 customer goal without a strategy",
        "no tactic under the strategies",
        "no need under the tactics",
        "no solution of ours for the needs",
        "no solution tied to an opportunity",
    ]
    assert (part.met, part.total) == (1, 6)


def test_actions_without_owner_or_date_are_counted(workspace):
    acc, _ = account(workspace)
    goal = add(workspace, acc, "goal", title="Win the pilot")
    add(workspace, acc, "sub_goal", title="Meet the CIO", parent_id=goal)
    add(workspace, acc, "action", title="Call", person_id=workspace.me.id)
    add(workspace, acc, "action", title="Mail", due_on="2026-04-01")
    add(workspace, acc, "action", title="Old idea", status="dropped")  # not counted
    texts = [missing_text(m) for m in score(workspace, acc).part("goals").missing]
    assert texts == ["1 action without an owner", "1 action without a date"]


def test_entries_are_checked_against_their_kind(workspace):
    acc, _ = account(workspace)
    other, _ = account(workspace, "Other Co")
    goal = add(workspace, acc, "customer_goal", title="Grow")
    foreign = add(workspace, other, "customer_goal", title="Theirs")
    with pytest.raises(ValidationFailed) as info:
        add(workspace, acc, "tactic", title="", parent_id=goal)  # tactics hang on strategies
    assert set(info.value.by_field()) == {"title", "parent_id"}
    with pytest.raises(ValidationFailed) as info:
        add(workspace, acc, "strategy", title="x", parent_id=foreign)
    assert set(info.value.by_field()) == {"parent_id"}
    with pytest.raises(ValidationFailed) as info:
        add(workspace, acc, "swot", title="x", category="luck")
    assert set(info.value.by_field()) == {"category"}
    with pytest.raises(ValidationFailed) as info:
        add(workspace, acc, "event", title="Summit")
    assert set(info.value.by_field()) == {"due_on"}
    with pytest.raises(ValidationFailed) as info:
        add(workspace, acc, "team_member", category="solution_expert")
    assert set(info.value.by_field()) == {"person_id"}
    with workspace.db.reading() as conn:
        assert len(load_plan(conn, acc).items) == 1


def test_the_map_is_a_tree_and_a_branch_is_not_deleted_by_accident(workspace):
    acc, _ = account(workspace)
    goal = add(workspace, acc, "customer_goal", title="Grow")
    strategy = add(workspace, acc, "strategy", title="Expand", parent_id=goal)
    add(workspace, acc, "tactic", title="Partners", parent_id=strategy)
    with workspace.db.reading() as conn:
        walked = [(d, i.title) for d, i in load_plan(conn, acc).walk("map")]
    assert walked == [(0, "Grow"), (1, "Expand"), (2, "Partners")]
    with pytest.raises(BadInput):
        delete_plan_item(workspace, strategy)


def test_part_four_uses_the_influence_map_and_gaps_once_they_exist(workspace):
    acc, people = account(workspace, contacts=3)
    save_person(
        workspace, acc, people[0], {"role": "decision_maker", "covered_by": workspace.me.id}
    )
    save_person(workspace, acc, people[1], {"role": "recommender", "reports_to": people[0]})
    save_gap(
        workspace,
        people[0],
        {"level_now": 1, "level_target": 4, "next_action": "Dinner", "due_date": "2026-04-01"},
    )
    part = score(workspace, acc).part("relationships")
    assert part.unavailable == ()
    assert [missing_text(m) for m in part.missing] == [
        "no coach",
        "1 key person nobody on our side covers",
        "no strategic relationship",
    ]
    assert (part.met, part.total) == (3, 6)


def test_a_strategic_relationship_reads_with_chinese_punctuation_in_chinese(workspace):
    from katerm.core.plan import strategic_lines
    from katerm.i18n import set_language

    acc, _ = account(workspace, contacts=0)
    save_strategic(
        workspace,
        acc,
        None,
        {"partner": "华拓集团", "kind": "strategic_supplier", "relationship": "五年框架协议"},
    )
    set_language("zh_CN")
    try:
        with workspace.db.reading() as conn:
            (line,) = strategic_lines(conn, acc) or []
    finally:
        set_language("en")
    assert line.relationship.endswith("：五年框架协议"), line.relationship
