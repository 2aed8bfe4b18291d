"""`katerm plan` and `katerm pipeline` as a user types them, on demo data and on bad input."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest

from katerm.core.demo import generate
from katerm.core.plan.items import save_plan_item

TODAY = date(2026, 3, 16)
pytestmark = pytest.mark.now(TODAY.isoformat())


@pytest.fixture
def demo(workspace):
    generate(workspace, accounts=120, seed=5, lang="en")
    with workspace.db.reading() as conn:
        # The A account whose plan has the most entries: a complete one.
        account_id, name = conn.execute(
            "SELECT a.id, a.name FROM accounts a JOIN plan_items p ON p.account_id = a.id "
            "WHERE a.tier_revenue = 'A' GROUP BY a.id ORDER BY count(*) DESC LIMIT 1"
        ).fetchone()
    workspace.close()
    return workspace, account_id, name


def query(ws, sql, *params):
    with ws.db.reading() as conn:
        return conn.execute(sql, params).fetchall()


def test_the_exported_markdown_has_all_five_parts_with_real_content(cli, demo):
    ws, account_id, name = demo
    result = cli("plan", name, "--date", TODAY.isoformat())
    assert result.code == 0, result.err
    md = result.out
    headings = re.findall(r"^## (.+)$", md, re.M)
    assert headings[:5] == [
        "1. Account team",
        "2. Background",
        "3. Strategy and execution map",
        "4. Relationships",
        "5. Goals and action plan",
    ]
    assert md.startswith(f"# Account plan: {name}")
    for (person,) in query(
        ws,
        "SELECT u.name FROM plan_items p JOIN users u ON "
        "u.id = p.person_id WHERE p.account_id = ? AND p.kind = "
        "'team_member'",
        account_id,
    ):
        assert re.search(rf"^\| [^|]+ \| {re.escape(person)} \|", md, re.M)
    for kind in ("customer_goal", "strategy", "need", "solution", "goal", "action"):
        (title,) = query(
            ws,
            "SELECT title FROM plan_items WHERE account_id = ? AND kind = ? LIMIT 1",
            account_id,
            kind,
        )[0]
        assert title in md, kind
    assert "**Strength**:" in md and "### Five looks" in md and "**Macro**:" in md
    (opportunity,) = query(
        ws, "SELECT name FROM opportunities WHERE account_id = ? LIMIT 1", account_id
    )[0]
    assert f"| {opportunity} |" in md
    (contact,) = query(ws, "SELECT name FROM contacts WHERE account_id = ? LIMIT 1", account_id)[0]
    assert f"- **{contact}**" in md  # the influence map, drawn as a tree of people
    assert "Completeness 4/4 (100%)." in md  # the team part of a complete plan


def test_html_is_one_escaped_self_contained_file(cli, workspace, tmp_path):
    from katerm.core.accounts.edit import save_account

    acc = save_account(workspace, None, {"name": "<script>x</script> & Sons"})
    save_plan_item(
        workspace,
        acc,
        None,
        {"kind": "swot", "category": "threat", "title": "Rival | <b>cheaper</b>"},
    )
    workspace.close()
    out = tmp_path / "plan.html"
    result = cli("plan", "Sons", "-o", str(out))
    assert result.code == 0, result.err
    assert str(out) in result.out
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<style>" in page
    assert "<script>" not in page and "&lt;script&gt;x&lt;/script&gt; &amp; Sons" in page
    assert "Rival | &lt;b&gt;cheaper&lt;/b&gt;" in page
    assert "http" not in page  # nothing fetched from anywhere
    md = cli("plan", "Sons").out
    assert r"Rival \| \<b\>cheaper\</b\>" in md


def test_unknown_and_ambiguous_accounts_exit_2_with_a_clear_message(cli, workspace):
    from katerm.core.accounts.edit import save_account

    save_account(workspace, None, {"name": "Acme East"})
    save_account(workspace, None, {"name": "Acme West"})
    workspace.close()
    unknown = cli("plan", "Initech")
    assert unknown.code == 2 and unknown.out == ""
    assert "No account called “Initech”" in unknown.err and "Traceback" not in unknown.err
    ambiguous = cli("plan", "acme")
    assert ambiguous.code == 2
    assert "Acme East, Acme West" in ambiguous.err
    assert cli("plan", "acme west").code == 0


def test_bad_dates_owners_and_outputs_are_refused(cli, workspace, tmp_path):
    from katerm.core.accounts.edit import save_account

    save_account(workspace, None, {"name": "Acme"})
    workspace.close()
    assert cli("pipeline", "--date", "2026-02-30").code == 2
    owner = cli("pipeline", "--owner", "nobody")
    assert owner.code == 2 and "nobody" in owner.err
    assert cli("pipeline", "--tier", "Z").code == 2
    folder = cli("plan", "Acme", "-o", str(tmp_path))
    assert folder.code == 2 and "folder" in folder.err


def test_pipeline_by_stage_and_the_stuck_orders(cli, demo):
    ws, _, _ = demo
    table = cli("pipeline", "--date", TODAY.isoformat())
    assert table.code == 0, table.err
    lines = table.out.splitlines()
    assert lines[0].split()[:2] == ["Stage", "Count"]
    assert any(line.startswith("Cash collected") for line in lines)
    assert re.search(
        r"^Win rate \d+\.\d% \(\d+ won, \d+ lost\) · average cycle \d+ days$", table.out, re.M
    )
    data = json.loads(cli("pipeline", "--format", "json", "--date", TODAY.isoformat()).out)
    assert [s["stage"] for s in data["stages"]] == [
        "lead",
        "opportunity",
        "contract",
        "delivery",
        "cash",
    ]
    won, lost = query(
        ws,
        "SELECT sum(outcome = 'won'), sum(outcome = 'lost') FROM opportunities WHERE deleted = 0",
    )[0]
    assert (data["won"], data["lost"]) == (won, lost)
    assert data["win_rate"] == pytest.approx(won / (won + lost))
    stuck = json.loads(
        cli("pipeline", "--stuck", "--format", "json", "--date", TODAY.isoformat()).out
    )
    assert stuck, "the demo has stuck orders"
    assert all(s["days_over"] > 0 for s in stuck)
    assert [s["days_over"] for s in stuck] == sorted((s["days_over"] for s in stuck), reverse=True)
    assert any(s["analysis_written"] for s in stuck) and not all(
        s["analysis_written"] for s in stuck
    )
    text = cli("pipeline", "--stuck", "--date", TODAY.isoformat()).out
    assert stuck[0]["opportunity"] in text and "Days over" in text
    csv = cli("pipeline", "--format", "csv", "--date", TODAY.isoformat()).out
    assert csv.splitlines()[0] == (
        "name,account,owner,stage,amount,currency,expected_close,"
        "probability,order_state,milestone,days_over"
    )


def test_pipeline_for_one_seller_and_in_chinese(cli, demo):
    ws, _, _ = demo
    (login, seller_id), *_ = query(
        ws,
        "SELECT u.login, u.id FROM users u WHERE EXISTS "
        "(SELECT 1 FROM opportunities o WHERE o.owner_id = u.id) "
        "ORDER BY u.login",
    )
    result = cli("pipeline", "--owner", login, "--format", "json", "--date", TODAY.isoformat())
    owned = {
        r[0]
        for r in query(
            ws,
            "SELECT id FROM opportunities WHERE owner_id = ? AND "
            "outcome IN ('open', 'won') AND deleted = 0",
            seller_id,
        )
    }
    assert {o["id"] for o in json.loads(result.out)["opportunities"]} == owned
    zh = cli("--lang", "zh_CN", "pipeline", "--date", TODAY.isoformat())
    assert zh.code == 0 and "回款" in zh.out and "赢率" in zh.out
