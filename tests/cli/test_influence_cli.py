"""`katerm influence ACCOUNT` as a user types it: text, Markdown, JSON; unknown and ambiguous."""

from __future__ import annotations

import json

import pytest

from katerm.core.accounts.edit import save_account
from katerm.core.influence.edit import save_line, save_person


@pytest.fixture
def mapped(workspace):
    account = save_account(workspace, None, {"name": "上海明珠电子", "tier": "A"})
    save_account(workspace, None, {"name": "上海明珠物流"})
    gm = save_person(
        workspace,
        account,
        None,
        {
            "name": "王伟",
            "title": "总经理",
            "role": "decision_maker",
            "influence": "high",
            "attitude": "supporter",
            "covered_by": workspace.me.id,
            "level": "3 trusted",
        },
    )
    cio = save_person(
        workspace,
        account,
        None,
        {
            "name": "李娜",
            "title": "CIO",
            "role": "coach",
            "reports_to": gm,
            "influence": "medium",
            "attitude": "supporter",
        },
    )
    save_line(workspace, account, cio, gm, "strong")
    return account


def test_text_shows_the_tree_lines_and_warnings(cli, mapped):
    result = cli("influence", "上海明珠电子")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0] == "上海明珠电子 · A · 2 people"
    tree = [x for x in lines if "王伟" in x or "李娜" in x][:2]
    assert tree[0].startswith("✓ 王伟") and "DM" in tree[0] and "@tester" in tree[0]
    assert tree[1].startswith("└─ ✓ 李娜") and "COACH" in tree[1] and "⇒王伟" in tree[1]
    assert "  李娜 → 王伟 (Strong)" in lines
    assert any("[single_threaded]" in x for x in lines)
    assert any("[no_executive_sponsor]" in x for x in lines)


def test_json_has_stable_warning_codes_and_the_people(cli, mapped):
    result = cli("influence", mapped, "--format", "json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["account"]["name"] == "上海明珠电子"
    assert [(p["name"], p["depth"], p["role"]) for p in data["people"]] == [
        ("王伟", 0, "decision_maker"),
        ("李娜", 1, "coach"),
    ]
    codes = [w["code"] for w in data["warnings"]]
    # An A account with nobody in its iron triangle: one warning per empty role (issue 21).
    assert codes == ["single_threaded", "no_executive_sponsor", *["triangle_role_empty"] * 3]
    assert data["warnings"][0]["contacts"] == [{"id": data["people"][0]["id"], "name": "王伟"}]
    for warning in data["warnings"]:
        assert set(warning) == {"code", "message", "contacts"}
    assert data["coverage"][0]["login"] == "tester"


def test_markdown_in_chinese(cli, mapped):
    result = cli("--lang", "zh_CN", "influence", "上海明珠电子", "--format", "md")
    assert result.code == 0, result.err
    assert result.out.startswith("# 影响力地图：上海明珠电子\n")
    assert "- **王伟** — 总经理 · 决策者" in result.out
    assert "  - **李娜** — CIO · 教练/顾问" in result.out
    assert "## 预警" in result.out


def test_an_unknown_or_ambiguous_account_is_a_clear_error(cli, mapped):
    unknown = cli("influence", "Nowhere Ltd")
    assert unknown.code == 2 and unknown.out == ""
    assert "No account called “Nowhere Ltd”" in unknown.err
    ambiguous = cli("influence", "上海明珠")
    assert ambiguous.code == 2
    assert "上海明珠电子" in ambiguous.err and "上海明珠物流" in ambiguous.err
    bad = cli("influence", "上海明珠电子", "--format", "pdf")
    assert bad.code == 2 and "Traceback" not in bad.err


def test_an_a_account_with_no_delivery_manager_is_warned_with_a_stable_code(cli, mapped, workspace):
    from katerm.core.plan import save_plan_item

    for role in ("customer_manager", "solution_expert"):
        save_plan_item(
            workspace,
            mapped,
            None,
            {"kind": "team_member", "category": role, "person_id": workspace.me.id},
        )
    data = json.loads(cli("influence", mapped, "--format", "json").out)
    triangle = [w for w in data["warnings"] if w["code"].startswith("triangle_")]
    assert [w["code"] for w in triangle] == ["triangle_role_empty"]
    assert "Delivery manager" in triangle[0]["message"]


def test_text_to_a_file_or_pipe_keeps_long_titles_whole(cli, workspace, mapped):
    # "…" keeps a terminal's width; printed to a file or a pipe there is none to keep.
    title = "Deputy General Manager, Operations and Supply Chain"
    save_person(workspace, mapped, None, {"name": "赵敏", "title": title})
    result = cli("influence", "上海明珠电子")
    assert result.code == 0, result.err
    assert title in result.out and "…" not in result.out


def test_text_for_a_terminal_still_cuts_long_titles(workspace, mapped):
    from katerm.core.influence import as_text, load_map

    save_person(workspace, mapped, None, {"name": "赵敏", "title": "Deputy General Manager, " * 3})
    with workspace.db.reading() as conn:
        found = load_map(conn, mapped)
    assert "Deputy General Manager, Deputy General Manager, Deputy" not in as_text(found)
    assert "…" in as_text(found) and "…" not in as_text(found, cut=False)
