"""The relationship-gap table in the database: validation, gap, order, overdue, visibility,
history."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from katerm.core import store
from katerm.core.accounts.edit import save_account
from katerm.core.errors import NotFound, ValidationFailed
from katerm.core.gaps import read as portfolio
from katerm.core.gaps.edit import edit_gap, save_gap, set_status, step_level
from katerm.core.gaps.read import GapFilter, narrow, order
from katerm.core.gaps.rules import clean_gap, is_overdue, priority, score
from katerm.core.influence.edit import save_person

TODAY = date(2026, 11, 23)
pytestmark = pytest.mark.now(TODAY.isoformat())


@pytest.fixture
def account(workspace):
    return save_account(workspace, None, {"name": "上海明珠电子", "tier": "A"})


def person(ws, account_id, name, **values):
    return save_person(ws, account_id, None, {"name": name, **values})


def rows(ws, owners=None, **kw):
    with ws.db.reading() as conn:
        return portfolio.load(conn, owners, **kw)


def first_rows(ws, limit):
    with ws.db.reading() as conn:
        return portfolio.load_first(conn, None, TODAY, limit)


def history(ws, row_id):
    with ws.db.reading() as conn:
        return conn.execute(
            "SELECT dimension, target, old, new, changed_by FROM gap_scores "
            "WHERE gap_row_id = ? ORDER BY changed_at, dimension",
            (row_id,),
        ).fetchall()


# --- validation -------------------------------------------------------------------------------


@pytest.mark.parametrize("value", [6, -1, "6", "-1", "2.5", "three", True, 1.5])
def test_a_score_is_a_whole_number_from_0_to_5(value):
    with pytest.raises(ValidationFailed) as info:
        clean_gap({"level_now": value})
    assert set(info.value.by_field()) == {"level_now"}
    assert "0 to 5" in info.value.by_field()["level_now"]


def test_scores_accept_numbers_as_text():
    assert score("x", " 4 ") == 4 and score("x", 0) == 0 and score("x", 5.0) == 5


def test_a_target_below_the_current_score_needs_confirming():
    with pytest.raises(ValidationFailed) as info:
        clean_gap({"support_now": 4, "support_target": 2})
    assert set(info.value.by_field()) == {"support_target"}
    assert clean_gap({"support_now": 4, "support_target": 2}, confirm_lower=True) == {
        "support_now": 4,
        "support_target": 2,
    }
    # A new current score is compared with the stored target too.
    with pytest.raises(ValidationFailed):
        clean_gap({"level_now": 4}, current={"level_now": 1, "level_target": 3})


def test_due_date_scenario_and_status_are_checked():
    with pytest.raises(ValidationFailed) as info:
        clean_gap({"due_date": "next week", "scenario": "karaoke", "status": "maybe"})
    assert set(info.value.by_field()) == {"due_date", "scenario", "status"}
    assert clean_gap({"due_date": "2026年12月1日", "scenario": "Dinner", "status": ""}) == {
        "due_date": "2026-12-01",
        "scenario": "dinner",
        "status": "open",
    }


def test_bad_input_saves_nothing(workspace, account):
    boss = person(workspace, account, "张总")
    for bad in (
        {"level_now": 6},
        {"level_now": -1},
        {"level_now": 3, "level_target": 1},
        {"level_target": 4, "due_date": "31/12/2026"},
    ):
        with pytest.raises(ValidationFailed):
            save_gap(workspace, boss, bad)
    assert rows(workspace) == []
    with workspace.db.reading() as conn:
        assert conn.execute("SELECT count(*) FROM outbox WHERE tbl LIKE 'gap%'").fetchone() == (0,)


# --- gap, overdue, priority ---------------------------------------------------------------------


def test_gap_is_target_minus_current_per_dimension_and_overall(workspace, account):
    boss = person(workspace, account, "张总")
    save_gap(
        workspace,
        boss,
        {
            "recognition_now": 2,
            "recognition_target": 5,
            "competition_now": 1,
            "competition_target": 3,
            "level_now": 1,
            "level_target": 4,
        },
    )
    (row,) = rows(workspace)
    assert row.gaps == (3, 0, 0, 0, 0, 2) and row.total_gap == 5
    assert row.level_gap == 3 and row.score("recognition_target") == 5


def test_overdue_means_open_and_due_before_today():
    assert is_overdue("open", "2026-11-22", TODAY)
    assert not is_overdue("open", "2026-11-23", TODAY)  # due today: not yet
    assert not is_overdue("done", "2026-11-01", TODAY)
    assert not is_overdue("open", None, TODAY)


def test_priority_is_gap_times_influence_times_tier():
    assert priority(3, "high", 0) == 3 * 3 * 4
    assert priority(3, "low", 3) == 3
    assert priority(2, "", 99) == 2  # not rated, untiered: weight 1 each
    assert priority(-2, "high", 0) == 0


# --- ordering ------------------------------------------------------------------------------------


def test_overdue_first_then_gap_by_influence_by_tier(workspace, account):
    small = save_account(workspace, None, {"name": "Small Co", "tier": "D"})
    a = person(workspace, account, "A", influence="high")
    b = person(workspace, account, "B", influence="low")
    c = person(workspace, small, "C", influence="high")
    d = person(workspace, small, "D", influence="low")
    save_gap(workspace, a, {"level_now": 2, "level_target": 4})  # 2 × 3 × 4 = 24
    save_gap(workspace, b, {"level_now": 0, "level_target": 4})  # 4 × 1 × 4 = 16
    save_gap(workspace, c, {"level_now": 0, "level_target": 5})  # 5 × 3 × 1 = 15
    save_gap(
        workspace,
        d,
        {
            "level_now": 4,
            "level_target": 4,  # 0, but overdue
            "next_action": "Call",
            "due_date": "2026-11-20",
        },
    )
    assert [r.contact for r in order(rows(workspace), TODAY)] == ["D", "A", "B", "C"]
    assert first_rows(workspace, 3) == order(rows(workspace), TODAY)[:3]
    # Done actions are not overdue: D drops to the end.
    row_d = next(r for r in rows(workspace) if r.contact == "D")
    set_status(workspace, row_d.id, "done")
    assert [r.contact for r in order(rows(workspace), TODAY)] == ["A", "B", "C", "D"]
    # The first page, ordered in SQL, is the start of the same order (trends included).
    step_level(workspace, next(r.id for r in rows(workspace) if r.contact == "B"), 1)
    assert first_rows(workspace, 3) == order(rows(workspace), TODAY)[:3]
    assert first_rows(workspace, 9) == order(rows(workspace), TODAY)


def test_the_first_page_of_overdue_actions_is_the_start_of_the_order(workspace, account):
    """When overdue actions fill the first page, it holds the most urgent of them, ordered
    like every row; when they do not, the other rows follow in order (done, no due date, due
    later)."""
    small = save_account(workspace, None, {"name": "Small Co", "tier": "D"})
    due = {"next_action": "Call", "due_date": "2026-11-20"}
    for name, where, values in (
        ("Low", small, {"level_target": 1, **due}),  # overdue, 1 × 1 × 1
        ("High", account, {"level_target": 5, **due}),  # overdue, 5 × 1 × 4
        ("Mid", account, {"level_target": 2, **due}),  # overdue, 2 × 1 × 4
        ("Later", account, {"level_target": 5, "next_action": "Visit", "due_date": "2026-12-20"}),
        ("Undated", account, {"level_target": 4}),
        ("Done", account, {"level_target": 3, **due}),
    ):
        row = save_gap(workspace, person(workspace, where, name), values)
        if name == "Done":
            set_status(workspace, row, "done")
    everyone = [r.contact for r in order(rows(workspace), TODAY)]
    assert everyone == ["High", "Mid", "Low", "Later", "Undated", "Done"]
    for limit in (1, 2, 3, 4, 6, 10):
        assert first_rows(workspace, limit) == order(rows(workspace), TODAY)[:limit]


def test_ties_keep_a_stable_order(workspace, account):
    for name in ("Zhao", "Li", "Wang"):
        save_gap(workspace, person(workspace, account, name), {"level_target": 2})
    first = [r.contact for r in order(rows(workspace), TODAY)]
    assert first == ["Li", "Wang", "Zhao"]
    assert [r.contact for r in first_rows(workspace, 5)] == first
    assert [r.contact for r in order(reversed(rows(workspace)), TODAY)] == first


def test_filters(workspace, account):
    other = store.new_id()
    with workspace.db.writing() as conn:
        store.insert(
            conn,
            "users",
            {
                "id": other,
                "login": "li",
                "name": "李",
                "owner_id": other,
                "manager_id": workspace.me.id,
            },
            actor_id=workspace.me.id,
        )
    a = person(workspace, account, "A", role="coach", covered_by=workspace.me.id)
    b = person(workspace, account, "B", role="decision_maker", covered_by=other)
    save_gap(workspace, a, {"level_target": 3, "due_date": "2026-11-01", "next_action": "x"})
    save_gap(workspace, b, {"level_target": 3})
    everything = rows(workspace)
    assert {r.owner for r in everything} == {"李", workspace.me.display}
    names = lambda f: [r.contact for r in narrow(everything, f, TODAY)]  # noqa: E731
    assert names(GapFilter(overdue=True)) == ["A"]
    assert names(GapFilter(mine=workspace.me.id)) == ["A"]
    assert names(GapFilter(role="decision_maker")) == ["B"]
    assert sorted(names(GapFilter(tier="A"))) == ["A", "B"]
    assert names(GapFilter(tier="B")) == []


def test_visibility_follows_the_team(workspace, account):
    peer = store.new_id()
    with workspace.db.writing() as conn:
        store.insert(
            conn,
            "users",
            {"id": peer, "login": "peer", "name": "", "owner_id": peer},
            actor_id=workspace.me.id,
        )
    save_gap(workspace, person(workspace, account, "Mine"), {"level_target": 2})
    save_gap(workspace, person(workspace, account, "Theirs", covered_by=peer), {"level_target": 2})
    from katerm.core.team import below

    with workspace.db.reading() as conn:
        mine = below(conn, workspace.me.id)
        # My account's people are in my portfolio, whoever owns the relationship; the peer
        # sees the rows of the people whose relationship they own.
        assert sorted(r.contact for r in portfolio.load(conn, mine)) == ["Mine", "Theirs"]
        assert [r.contact for r in portfolio.load(conn, below(conn, peer))] == ["Theirs"]


# --- edits and history ---------------------------------------------------------------------------


def test_one_row_per_person_and_every_score_change_is_kept(workspace, account):
    boss = person(workspace, account, "张总")
    first = save_gap(
        workspace, boss, {"level_now": 1, "level_target": 4}, at=datetime(2026, 10, 1, tzinfo=UTC)
    )
    assert save_gap(workspace, boss, {"level_now": 2}) == first
    assert step_level(workspace, first, +1) == 3
    save_gap(workspace, boss, {"next_action": "宴请", "scenario": "dinner"})  # no score: no history
    me = workspace.me.id
    assert history(workspace, first) == [
        ("level", 0, None, 1, me),
        ("level", 1, None, 4, me),
        ("level", 0, 1, 2, me),
        ("level", 0, 2, 3, me),
    ]
    (row,) = rows(workspace)
    assert row.trend == (1, 2, 3) and row.level_now == 3
    with workspace.db.reading() as conn:
        assert portfolio.level_trends(conn, [first]) == {first: [1, 2, 3]}


def test_raising_past_the_target_is_refused_and_bounds_hold(workspace, account):
    boss = person(workspace, account, "张总")
    row = save_gap(workspace, boss, {"level_now": 4, "level_target": 5})
    assert step_level(workspace, row, +1) == 5
    with pytest.raises(ValidationFailed):
        edit_gap(workspace, row, {"level_now": 6})
    assert step_level(workspace, row, +1) == 5  # at the top: nothing to do
    edit_gap(workspace, row, {"level_target": 3, "level_now": 3})
    with pytest.raises(ValidationFailed):
        step_level(workspace, row, +1)
    assert rows(workspace)[0].level_now == 3


def test_the_rows_owner_is_the_contacts_one_relationship_owner(workspace, account):
    boss = person(workspace, account, "张总", covered_by=workspace.me.id)
    row = save_gap(workspace, boss, {"level_target": 2})
    assert rows(workspace)[0].owner_id == workspace.me.id
    with pytest.raises(ValidationFailed):
        edit_gap(workspace, row, {"owner_id": "nobody"})
    # Uncovered on the map: no owner in the gap table either (no fallback to a second answer).
    other = person(workspace, account, "李总")
    save_gap(workspace, other, {"level_target": 2})
    assert {r.contact: r.owner_id for r in rows(workspace)}["李总"] == ""
    # Naming the owner in the gap table names it on the contact: the map and the card agree.
    peer = store.new_id()
    with workspace.db.writing() as conn:
        store.insert(
            conn,
            "users",
            {"id": peer, "login": "peer2", "owner_id": peer},
            actor_id=workspace.me.id,
        )
    edit_gap(workspace, row, {"owner_id": peer})
    with workspace.db.reading() as conn:
        (covered,) = conn.execute(
            "SELECT covered_by FROM contacts WHERE id = ?", (boss,)
        ).fetchone()
    assert covered == peer
    with pytest.raises(NotFound):
        save_gap(workspace, "no-such-contact", {"level_target": 2})


def test_a_deleted_person_or_account_hides_the_row(workspace, account):
    boss = person(workspace, account, "张总")
    save_gap(workspace, boss, {"level_target": 2})
    with workspace.db.writing() as conn:
        store.delete(conn, "contacts", boss, actor_id=workspace.me.id)
    assert rows(workspace) == []


def test_reviews_see_the_actions_saved_here(workspace, account):
    """The evening review and the daily checklist read ``gap_rows`` (issue 8's contract)."""
    from zoneinfo import ZoneInfo

    from katerm.core.periods import Period
    from katerm.core.reviews import evening
    from katerm.core.reviews.checklist import build_checklist

    boss = person(workspace, account, "张总", covered_by=workspace.me.id)
    row = save_gap(
        workspace, boss, {"level_target": 3, "next_action": "宴请", "due_date": "2026-11-20"}
    )
    tz = ZoneInfo("Asia/Shanghai")
    with workspace.db.reading() as conn:
        checklist = build_checklist(conn, workspace.me.id, Period.day(TODAY), tz=tz, today=TODAY)
        page = evening.seller_page(
            conn, workspace.me.id, workspace.me.id, TODAY, tz=tz, today=TODAY
        )
    item = checklist.item("gap_actions_due")
    assert (item.value, [e.id for e in item.evidence]) == (1, [row])
    section = next(s for s in page.sections if s.key == "gap_actions")
    assert [(x.text, x.state) for x in section.lines] == [("宴请 · 张总", "bad")]


def test_the_row_editor_gives_pairs_and_gets_errors_by_its_fields(workspace, account):
    from katerm.core.gaps.edit import find_row, form_values, save_form

    boss = person(workspace, account, "张总")
    row = save_gap(
        workspace, boss, {"level_now": 1, "level_target": 3, "support_now": 2, "support_target": 4}
    )
    with workspace.db.reading() as conn:
        shown = form_values(find_row(conn, row))
    assert shown["level"] == "1/3" and shown["support"] == "2/4"
    with pytest.raises(ValidationFailed) as info:
        save_form(
            workspace,
            row,
            {
                **shown,
                "level": "6/3",
                "support": "4/2",
                "events": "three",
                "due_date": "32.13.2026",
            },
        )
    assert set(info.value.by_field()) == {"level", "support", "events", "due_date"}
    with workspace.db.reading() as conn:
        assert form_values(find_row(conn, row)) == shown  # nothing saved
    save_form(workspace, row, {**shown, "support": "4/2", "confirm_lower": "yes", "level": "2 → 3"})
    (view,) = rows(workspace)
    assert (view.score("support_now"), view.score("support_target"), view.level_now) == (4, 2, 2)


def test_the_gap_table_read_path_does_not_import_sqlalchemy():
    """Opening mode 4 reads through plain sqlite3, like the first screen."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "import katerm.core.gaps.read, katerm.core.gaps.rules, katerm.core.gaps.text\n"
        "import katerm.core.team\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in "
        "('sqlalchemy', 'sqlmodel', 'pydantic', 'alembic')]\n"
        "print(bad); raise SystemExit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_history_says_when_who_and_what(workspace, account):
    from katerm.core.gaps.read import score_history
    from katerm.core.gaps.text import change_text

    boss = person(workspace, account, "张总")
    row = save_gap(
        workspace,
        boss,
        {"level_now": 1, "level_target": 4},
        at=datetime(2026, 10, 1, 9, 30, tzinfo=UTC),
    )
    edit_gap(workspace, row, {"level_now": 2}, at=datetime(2026, 11, 2, 8, 0, tzinfo=UTC))
    with workspace.db.reading() as conn:
        changes = score_history(conn, row)
    texts = [change_text(c, UTC) for c in changes]
    assert texts[0] == "2026-11-02 08:00  tester  Overall level: 1 → 2"
    assert sorted(texts[1:]) == [
        "2026-10-01 09:30  tester  Overall level (target): — → 4",
        "2026-10-01 09:30  tester  Overall level: — → 1",
    ]


def test_two_quick_raises_both_count(workspace, account):
    """Pressing + twice fast runs two workers: each reads and writes in one transaction."""
    from concurrent.futures import ThreadPoolExecutor

    row = save_gap(
        workspace, person(workspace, account, "张总"), {"level_now": 0, "level_target": 5}
    )
    with ThreadPoolExecutor(2) as pool:
        list(pool.map(lambda _: step_level(workspace, row, +1), range(2)))
    assert rows(workspace)[0].level_now == 2
    assert rows(workspace)[0].trend == (0, 1, 2)


def test_someone_who_left_the_company_leaves_the_table_history_kept(workspace, account):
    from katerm.core.cards.edit import record_event
    from katerm.core.gaps.read import score_history, unscored_people

    boss = person(workspace, account, "张总")
    other = person(workspace, account, "李工")
    row = save_gap(workspace, boss, {"level_now": 1, "level_target": 4})
    record_event(workspace, boss, {"kind": "left"}, today=TODAY)
    assert rows(workspace) == []
    with workspace.db.reading() as conn:
        assert len(score_history(conn, row)) == 2
        assert [i for i, _ in unscored_people(conn, account)] == [other]
