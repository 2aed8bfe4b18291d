"""The influence map in the database: the tree, edits that must not break it, lines, actions."""

from __future__ import annotations

import sqlite3

import pytest

from katerm.core import store
from katerm.core.accounts.edit import save_account
from katerm.core.errors import FieldError, NotFound, ValidationFailed
from katerm.core.gaps.edit import delete_gap, save_gap
from katerm.core.influence.edit import (
    delete_line,
    delete_person,
    move_person,
    restore_person,
    save_line,
    save_person,
)
from katerm.core.influence.read import load_map, planned_actions
from katerm.core.influence.text import as_json, as_text, tree_text
from katerm.core.levels import parse_level
from katerm.core.roles import parse_choice, parse_flag, parse_roles
from tests.conftest import pinned_clock

CLOCK = pinned_clock()


@pytest.fixture
def account(workspace):
    return save_account(workspace, None, {"name": "上海明珠电子", "tier": "A"})


def load(ws, account_id):
    with ws.db.reading() as conn:
        return load_map(conn, account_id)


def add(ws, account_id, name, **values):
    return save_person(ws, account_id, None, {"name": name, **values})


def test_people_form_a_tree_by_reporting_line(workspace, account):
    gm = add(workspace, account, "王伟", role="决策者")
    cio = add(workspace, account, "李娜", reports_to=gm)
    add(workspace, account, "Zhang San", reports_to=cio)
    add(workspace, account, "Ann", reports_to=gm)
    m = load(workspace, account)
    assert [(r.person.name, r.depth, r.prefix) for r in m.rows] == [
        ("王伟", 0, ""),
        ("Ann", 1, "├─ "),
        ("李娜", 1, "└─ "),
        ("Zhang San", 2, "   └─ "),
    ]
    assert m.people[gm].role == "decision_maker"
    assert m.below(gm) == set(m.people) - {gm}
    assert m.reports(gm) == [m.rows[1].person.id, cio]


def test_a_boss_deleted_elsewhere_or_a_circle_made_by_sync_never_breaks_the_tree(
    workspace, account
):
    a = add(workspace, account, "A")
    b = add(workspace, account, "B", reports_to=a)
    c = add(workspace, account, "C", reports_to=b)
    # What a concurrent edit on another device can leave: A reports to C (a circle), and a
    # contact tab delete of B that did not move C.
    with workspace.db.writing() as conn:
        store.update(conn, "contacts", a, {"reports_to": c}, actor_id=workspace.me.id)
    m = load(workspace, account)
    assert sorted(r.person.name for r in m.rows) == ["A", "B", "C"]
    assert m.rows[0].depth == 0 and m.rows[0].boss is None
    with workspace.db.writing() as conn:
        store.delete(conn, "contacts", b, actor_id=workspace.me.id)
    m = load(workspace, account)
    assert {r.person.name: r.boss for r in m.rows} == {"A": c, "C": None}


def test_a_reporting_circle_is_refused_with_the_path(workspace, account):
    a = add(workspace, account, "A")
    b = add(workspace, account, "B", reports_to=a)
    c = add(workspace, account, "C", reports_to=b)
    with pytest.raises(ValidationFailed) as info:
        move_person(workspace, account, a, c)
    assert info.value.by_field()["reports_to"] == "That would make a circle: A → C → B → A."
    with pytest.raises(ValidationFailed) as info:
        move_person(workspace, account, a, a)
    assert "themselves" in info.value.by_field()["reports_to"]
    assert load(workspace, account).boss(a) is None


def test_a_boss_at_another_account_is_refused(workspace, account):
    other = save_account(workspace, None, {"name": "Other"})
    stranger = add(workspace, other, "Stranger")
    with pytest.raises(ValidationFailed) as info:
        add(workspace, account, "A", reports_to=stranger)
    assert "another account" in info.value.by_field()["reports_to"]
    with workspace.db.reading() as conn:
        assert conn.execute("SELECT count(*) FROM contacts WHERE name = 'A'").fetchone() == (0,)


def test_bad_values_are_reported_per_field_and_nothing_is_saved(workspace, account):
    with pytest.raises(ValidationFailed) as info:
        add(
            workspace,
            account,
            "",
            role="emperor",
            influence="huge",
            rising_star="maybe",
            covered_by="nobody",
        )
    errors = info.value.by_field()
    assert set(errors) == {"name", "role", "influence", "rising_star", "covered_by"}
    assert "decision_maker" in errors["role"]
    assert load(workspace, account).people == {}


def test_deleting_a_boss_moves_their_reports_up_and_undo_puts_them_back(workspace, account):
    gm = add(workspace, account, "GM")
    cio = add(workspace, account, "CIO", reports_to=gm)
    eng1 = add(workspace, account, "Eng 1", reports_to=cio)
    eng2 = add(workspace, account, "Eng 2", reports_to=cio)
    boss, moved = delete_person(workspace, cio)
    assert boss == gm and sorted(moved) == sorted([eng1, eng2])
    m = load(workspace, account)
    assert cio not in m.people
    assert m.boss(eng1) == gm and m.boss(eng2) == gm
    restore_person(workspace, cio, moved, boss)
    m = load(workspace, account)
    assert m.boss(eng1) == cio and m.boss(eng2) == cio and m.boss(cio) == gm


def test_deleting_the_top_person_puts_their_reports_at_the_top(workspace, account):
    gm = add(workspace, account, "GM")
    cio = add(workspace, account, "CIO", reports_to=gm)
    delete_person(workspace, gm)
    m = load(workspace, account)
    assert m.boss(cio) is None
    with pytest.raises(NotFound):
        delete_person(workspace, gm)


def test_lines_of_influence_are_saved_once_per_direction(workspace, account):
    a = add(workspace, account, "A")
    b = add(workspace, account, "B")
    first = save_line(workspace, account, a, b, "strong")
    again = save_line(workspace, account, a, b, "弱")
    assert first == again
    back = save_line(workspace, account, b, a)
    m = load(workspace, account)
    assert [(x.source, x.target, x.strength) for x in m.lines] == [(a, b, "weak"), (b, a, "medium")]
    with pytest.raises(ValidationFailed):
        save_line(workspace, account, a, a)
    with pytest.raises(ValidationFailed):
        save_line(workspace, account, a, b, "overwhelming")
    delete_line(workspace, back)
    assert len(load(workspace, account).lines) == 1
    # A line to someone deleted is not shown (and comes back with them).
    delete_person(workspace, b)
    assert load(workspace, account).lines == []


def test_planned_actions_without_gap_rows_is_empty(workspace, account):
    with workspace.db.reading() as conn:
        assert planned_actions(conn, account) == set()


def test_planned_actions_reads_open_next_actions_from_the_gap_table(workspace, account):
    """The relationship-gap feature keeps per-contact actions in ``gap_rows``."""
    a = add(workspace, account, "A", attitude="opponent", influence="high")
    b = add(workspace, account, "B", attitude="opponent", influence="high")
    c = add(workspace, account, "C")
    save_gap(workspace, a, {"level_target": 3, "next_action": "Lunch with A"})
    save_gap(workspace, b, {"level_target": 3, "next_action": "Old plan", "status": "done"})
    row_c = save_gap(workspace, c, {"level_target": 3, "next_action": "Deleted plan"})
    delete_gap(workspace, row_c)
    with workspace.db.reading() as conn:
        assert planned_actions(conn, account) == {a}
    m = load(workspace, account)
    unplanned = next(w for w in m.warnings if w.code == "influential_opponent_unplanned")
    assert unplanned.contacts == (b,)


def test_text_and_json_show_the_same_people_and_warnings(workspace, account):
    gm = add(
        workspace,
        account,
        "王伟",
        title="总经理",
        role="decision_maker",
        influence="high",
        attitude="supporter",
        covered_by=workspace.me.id,
        level=2,
    )
    eng = add(
        workspace,
        account,
        "Zhang San",
        reports_to=gm,
        rising_star="是",
        attitude="opponent",
        influence="high",
    )
    save_line(workspace, account, eng, gm, "strong")
    m = load(workspace, account)
    text = as_text(m)
    for line in tree_text(m):
        assert line in text
    assert "└─ ✗ ★ Zhang San" in text and "⇒王伟" in text
    data = as_json(m)
    assert [p["name"] for p in data["people"]] == ["王伟", "Zhang San"]
    assert data["people"][0]["covered_by"] == workspace.me.login
    assert data["lines"] == [{"from": eng, "to": gm, "strength": "strong"}]
    assert [w["code"] for w in data["warnings"]] == [w.code for w in m.warnings]
    assert {"code", "message", "contacts"} == set(data["warnings"][0])


def test_words_for_roles_and_scales_in_both_languages():
    assert parse_choice("role", "Decision maker") == "decision_maker"
    assert parse_choice("role", "决策者") == "decision_maker"
    assert parse_choice("role", "教练") == "coach"
    assert parse_choice("role", "  executive-sponsor ") == "executive_sponsor"
    assert parse_choice("attitude", "") == "unknown"
    assert parse_level("深度信任") == 3  # an old contact-level word, on the one scale
    assert parse_level("信任") == parse_level("3 trusted") == parse_level(3) == 3
    assert parse_level("工作往来") == parse_level("regular") == 2
    assert parse_level("") == 0 and parse_level("伙伴") == 5
    assert parse_choice("support_level", "唯一支持我们") == "exclusive_support"
    assert parse_roles("批准者、采购者, approver") == "approver,buyer"
    assert parse_flag("是") is True and parse_flag("") is False and parse_flag(1.0) is True
    with pytest.raises(FieldError):
        parse_choice("influence", "huge")
    with pytest.raises(FieldError):
        parse_flag("perhaps")


def test_a_database_from_before_the_influence_map_upgrades_with_its_contacts(tmp_path):
    from katerm.core.store import db as dbmod

    path = tmp_path / "old.db"
    dbmod.connect(path, create=True).close()
    old = dbmod.Database(path)
    dbmod.upgrade(old, to="0001")
    old.close()
    raw = sqlite3.connect(path)
    with raw:
        raw.execute(
            "INSERT INTO users (id, created_at, updated_at, hlc, clk, deleted, owner_id, "
            "login, name, email) VALUES ('u1', 't', 't', '', '{}', 0, 'u1', 'li', '', '')"
        )
        raw.execute(
            "INSERT INTO accounts (id, created_at, updated_at, hlc, clk, deleted, "
            "owner_id, name, industry, region, annual_revenue, contract_value, "
            "potential_revenue, tier, tier_scheme, lifecycle, notes, currency) VALUES "
            "('a1', 't', 't', '', '{}', 0, 'u1', '明珠', '', '', 0, 0, 0, 'A', "
            "'revenue', 'customer', '', 'CNY')"
        )
        raw.execute(
            "INSERT INTO contacts (id, created_at, updated_at, hlc, clk, deleted, "
            "owner_id, account_id, name, title, department, phone, email, birthday, "
            "notes) VALUES ('c1', 't', 't', '', '{}', 0, 'u1', 'a1', '王伟', '总经理', "
            "'', '', '', NULL, '老朋友')"
        )
    raw.close()
    db = dbmod.open_database(path, clock=CLOCK)
    with db.reading() as conn:
        m = load_map(conn, "a1")
    db.close()
    person = m.people["c1"]
    assert (
        person.name,
        person.title,
        person.role,
        person.attitude,
        person.level,
        person.covered_by,
        person.reports_to,
        person.rising_star,
    ) == ("王伟", "总经理", "", "unknown", 0, None, None, False)


def test_one_relationship_owner_others_are_additional_coverage(workspace, account):
    """The map, the card and the gap row name the same owner; additional coverage is shown
    beside it and never makes an uncovered decision maker covered."""
    from katerm.core.cards import load_cards, save_card
    from katerm.core.gaps import load as load_gaps
    from katerm.core.influence import warnings

    peer = store.new_id()
    with workspace.db.writing() as conn:
        store.insert(conn, "users", {"id": peer, "login": "peer"}, actor_id=workspace.me.id)
    boss = save_person(
        workspace,
        account,
        None,
        {"name": "张总", "role": "decision_maker", "also_covered_by": [peer, peer]},
    )
    save_gap(workspace, boss, {"level_target": 3})
    m = load(workspace, account)
    assert m.people[boss].covered_by is None and m.people[boss].also_covered_by == (peer,)
    assert "decision_maker_uncovered" in {w.code for w in warnings(m)}
    # The card names the owner: the map's coverage and the gap row follow the one value.
    save_card(workspace, boss, {"relationship_owner_id": peer}, today=pinned_clock().today())
    m = load(workspace, account)
    assert m.people[boss].covered_by == peer
    assert "decision_maker_uncovered" not in {w.code for w in warnings(m)}
    with workspace.db.reading() as conn:
        (gap,) = load_gaps(conn, None)
        cards = load_cards(conn, account)
    assert gap.owner_id == peer
    assert [p.relationship_owner_id for p in cards.people if p.contact_id == boss] == [peer]
    with pytest.raises(ValidationFailed):
        save_person(workspace, account, boss, {"also_covered_by": ["nobody"]})


def test_the_map_opens_on_the_account_the_pickers_list_first(workspace):
    """With no account open, the map shows the account the account pickers list first (top
    stored tier, then revenue, then name), in every scheme, with deleted accounts left out."""
    from katerm.core.accounts import pick_accounts
    from katerm.core.accounts.edit import delete_record
    from katerm.core.influence import load_map_view, top_account

    def first() -> tuple[str | None, str | None]:
        with workspace.db.reading() as conn:
            picked = pick_accounts(conn, limit=1)
            return (picked[0][0] if picked else None), top_account(conn)

    assert first() == (None, None)
    ids = [
        save_account(workspace, None, {"name": name, "tier": tier, "annual_revenue": revenue})
        for name, tier, revenue in [
            ("Beta", "B", 9_000_000),
            ("Alpha A small", "A", 10),
            ("Alpha A big", "A", 5_000_000),
            ("Alpha A big too", "A", 5_000_000),
            ("Aardvark, no figures", None, None),
        ]
    ]
    assert first() == (ids[2], ids[2])  # A first, then the revenue, then the name
    assert load_map_view(workspace.db, None).account_id == ids[2]
    for gone in ids[2:4]:
        delete_record(workspace, "accounts", gone)
    assert first() == (ids[1], ids[1])
    for scheme in ("fish", "size", "strategic"):  # no stored tier there: revenue decides
        store.set_active_scheme(workspace.paths.db_file, scheme)
        try:
            assert first()[0] == first()[1]
        finally:
            store.set_active_scheme(workspace.paths.db_file, "revenue")
    for gone in ids[:2]:
        delete_record(workspace, "accounts", gone)
    assert first() == (ids[4], ids[4])  # only the account without figures is left
