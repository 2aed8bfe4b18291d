"""Mode 7: the conflict log (keep either value), the footer's sync status, sync on a key."""

from __future__ import annotations

import json

import pytest

from tests.app.conftest import settle

LOST_AT = "2026-01-05 09:12:00"


def add_conflicts(ws, sample):
    """Three conflicts on the sample accounts, as a pull would have brought them."""
    ids = list(sample.values())
    with ws.db.reading() as conn:
        owner = conn.execute("SELECT owner_id FROM accounts WHERE id = ?", (ids[0],)).fetchone()[0]
    rows = [
        (
            "accounts",
            ids[0],
            "region",
            "1767600000000-00000-aaaa",
            "overwritten",
            json.dumps("华北"),
            json.dumps("华东"),
            "1767600000001-00000-bbbb",
            owner,
            "li.lei",
            LOST_AT,
        ),
        (
            "accounts",
            ids[1],
            "notes",
            "1767600000002-00000-aaaa",
            "rejected",
            json.dumps("下周二拜访，带上技术方案"),
            json.dumps(""),
            "1767600000003-00000-bbbb",
            owner,
            "wang.fang",
            "2026-01-05 10:40:00",
        ),
        (
            "accounts",
            ids[2],
            "owner_id",
            "1767600000004-00000-aaaa",
            "denied",
            json.dumps(owner),
            None,
            None,
            owner,
            "wang.fang",
            "2026-01-04 17:07:00",
        ),
    ]
    with ws.db.writing() as conn:
        conn.exec_driver_sql(
            "INSERT INTO conflict_log (tbl, row_id, field, lost_tag, kind, lost_value, "
            "won_value, won_tag, owner_id, detected_by, detected_at, acknowledged) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)",
            rows,
        )
    return ids


def log_in_offline(ws, tmp_path):
    """Logged in to a server that is not there; no timer syncs (the test presses F5)."""
    ws.settings.extra["sync"] = {"interval_minutes": 0}
    with ws.db.writing() as conn:
        conn.exec_driver_sql(
            "UPDATE sync_state SET server_url = ?, server_login = 'tester', "
            "last_sync_at = '2026-01-05T09:30:00+00:00'",
            (f"host={tmp_path} dbname=gone",),
        )


async def test_keeping_the_lost_value_writes_it_back_as_an_edit(workspace, sample, make_app):
    ids = add_conflicts(workspace, sample)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("7")
        await settle(pilot)
        screen = app.screen
        assert type(screen).__name__ == "SyncScreen"
        assert len(screen.view.rows) == 3
        assert [r.conflict.field for r in screen.view.rows] == ["notes", "region", "owner_id"]
        await pilot.press("b")  # the notes that lost come back
        await settle(pilot)
        with workspace.db.reading() as conn:
            notes = conn.execute("SELECT notes FROM accounts WHERE id = ?", (ids[1],)).fetchone()
            queued = conn.execute(
                "SELECT value FROM outbox WHERE row_id = ? AND field = 'notes'", (ids[1],)
            ).fetchone()
        # Queued for the next push, which sends the row's notes (the outbox names the field).
        assert notes == ("下周二拜访，带上技术方案",) and queued == (None,)
        assert [r.conflict.field for r in screen.view.rows] == ["region", "owner_id"]
        await pilot.press("c")  # the current region stays
        await settle(pilot)
        with workspace.db.reading() as conn:
            region = conn.execute("SELECT region FROM accounts WHERE id = ?", (ids[0],)).fetchone()
        assert region == ("华东",)
        assert [r.conflict.field for r in screen.view.rows] == ["owner_id"]
        await pilot.press("b")  # a refused change cannot be written back: only cleared
        await settle(pilot)
        assert len(screen.view.rows) == 1
        await pilot.press("a")  # everything, dealt with or not
        await settle(pilot)
        assert len(screen.view.rows) == 3


async def test_enter_opens_the_record_of_a_conflict(workspace, sample, make_app):
    ids = add_conflicts(workspace, sample)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("7")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "AccountScreen"
        assert app.current_account_id == ids[1]


async def test_the_footer_shows_sync_state_and_f5_goes_offline_without_waiting(
    workspace, sample, make_app, tmp_path, monkeypatch
):
    monkeypatch.setenv("KATERM_PASSWORD", "not-needed-for-an-absent-server")
    add_conflicts(workspace, sample)
    log_in_offline(workspace, tmp_path)
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert app.status_text in (
            "✓ 01-05 · 10 pending · 3 conflicts",
            "✓ 2026-01-05 · 10 pending · 3 conflicts",
        )
        assert not app.status_problem
        await pilot.press("f5")
        await settle(pilot, rounds=6)
        assert app.status_text == "offline · 10 pending · 3 conflicts"
        assert app.status_problem
    with workspace.db.reading() as conn:
        assert conn.execute("SELECT count(*) FROM outbox WHERE tbl != 'users'").fetchone() == (10,)


async def test_without_a_password_the_footer_says_sync_failed(
    workspace, sample, make_app, tmp_path
):
    log_in_offline(workspace, tmp_path)
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("f5")
        await settle(pilot, rounds=6)
        assert app.status_text == "sync failed · 10 pending" and app.status_problem
        assert any("KATERM_PASSWORD" in str(n.message) for n in app._notifications)


async def test_f5_when_not_logged_in_says_how_to_log_in(workspace, sample, make_app):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.status_text == ""
        await pilot.press("f5")
        await settle(pilot)
        assert any("katerm login" in str(n.message) for n in app._notifications)


SIZES = [(80, 24), (120, 40)]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_sync_screen(snap_compare, workspace, sample, make_app, tmp_path, lang, size):
    add_conflicts(workspace, sample)
    log_in_offline(workspace, tmp_path)
    with workspace.db.writing() as conn:  # the same text on every machine, whatever the date
        conn.exec_driver_sql(
            "UPDATE sync_state SET server_url = 'host=db.example.com "
            "dbname=katerm', last_sync_at = NULL"
        )

    async def open_sync(pilot):
        await settle(pilot)
        await pilot.press("7")
        await settle(pilot)

    assert snap_compare(make_app(lang), terminal_size=size, run_before=open_sync)


async def test_screen_7_counts_rows_set_aside_and_says_why_a_change_was_refused(
    workspace, sample, make_app, tmp_path
):
    ids = list(sample.values())
    log_in_offline(workspace, tmp_path)
    with workspace.db.writing() as conn:
        conn.exec_driver_sql(
            "INSERT INTO sync_quarantine (tbl, row_id, data, problem, received_at) VALUES "
            "('accounts', ?, '[]', 'annual_revenue: type', '2026-01-05T09:30:00+00:00')",
            ("00000000-0000-4000-8000-000000000009",),
        )
        conn.exec_driver_sql(
            "INSERT INTO conflict_log (tbl, row_id, field, lost_tag, kind, lost_value, "
            "won_value, won_tag, owner_id, detected_by, detected_at, acknowledged, reason) "
            "VALUES ('accounts', ?, 'annual_revenue', '1767600000000-00000-aaaa', 'refused', "
            "'-5', NULL, NULL, '', 'tester', ?, 0, 'range:annual_revenue'), "
            "('accounts', ?, 'name', '1767600000001-00000-aaaa', 'renamed', '\"Acme\"', "
            "'\"Acme (2)\"', '1767600000002-00000-server', '', 'tester', ?, 0, '')",
            (ids[0], LOST_AT, ids[1], LOST_AT),
        )
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("7")
        await settle(pilot)
        status = str(app.screen.query_one("#sync-status").render())
        assert "1 record from the server set aside" in status
        kinds = [r.line.kind for r in app.screen.view.rows]
        assert any(k.startswith("not taken by the server: out of range") for k in kinds)
        assert "renamed: another account has this name" in kinds
        assert not any(r.conflict.can_restore for r in app.screen.view.rows)
        await pilot.press("l")  # cannot be written back: said, nothing changes
        await settle(pilot)
    with workspace.db.reading() as conn:
        assert (
            conn.execute("SELECT count(*) FROM outbox WHERE field = 'annual_revenue'").fetchone()[0]
            == 0
        )


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", "The last attempt could not reach the server. Its name is not known. Your"),
        ("zh_CN", "上次同步未能连上服务器。名称未知。更改已保留"),
    ],
)
def test_screen_7_says_why_the_last_attempt_could_not_reach_the_server(workspace, lang, words):
    """An unknown host or a refused connection said only "the server was offline"; the
    reason the sync gave is kept and shown (an older status without one still reads)."""
    from katerm.app.sync.screen import status_lines
    from katerm.core.sync.status import SyncStatus
    from katerm.i18n import set_language

    why = {"en": "Its name is not known.", "zh_CN": "名称未知。"}[lang]
    status = SyncStatus("host=nowhere", "tester", None, f"offline\n{why}", 0, 0, 0)
    old = SyncStatus("host=nowhere", "tester", None, "offline", 0, 0, 0)
    set_language(lang)
    try:
        assert status.offline and old.offline and old.offline_reason == ""
        assert words in status_lines(status, workspace.clock)
        assert status_lines(old, workspace.clock).endswith(t_("sync.screen.offline", lang))
    finally:
        set_language("en")


def t_(key: str, lang: str) -> str:
    from katerm.i18n import t

    return t(key, lang=lang)


async def test_screen_7_counts_a_change_made_after_the_footers_status_was_read(
    workspace, sample, make_app, tmp_path
):
    # Screen 7 shows the footer's status when nothing changed since it was read (no second
    # count of the outbox); after a change, the new count.
    from katerm.core.accounts import save_account

    log_in_offline(workspace, tmp_path)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert "10 pending" in app.status_text
        await pilot.press("7")
        await settle(pilot)
        status = str(app.screen.query_one("#sync-status").render())
        assert "10 changes waiting" in status
        save_account(workspace, next(iter(sample.values())), {"notes": "call on Tuesday"})
        app.data_changed()  # as the app's own edits do
        await settle(pilot)
        status = str(app.screen.query_one("#sync-status").render())
        assert "11 changes waiting" in status
