"""The one relationship level on the shared server (issue 17, migration 0023).

``contacts.level`` (0–5) syncs and is checked by the server; the old ``contact_level`` and
the gap row's own ``level_now`` are retired: an upgraded server stops listing them, so a
katerm from before 0023 is told to upgrade before it pushes anything (and a forged push of the
old field is refused) instead of writing an old word nobody reads.
"""

from __future__ import annotations

import psycopg

from katerm.core.accounts.edit import save_account
from katerm.core.influence import save_person
from katerm.core.store.hlc import make_tag
from katerm.core.sync.connect import Server
from katerm.core.sync.server import upgrade
from tests.sync.conftest import add_member
from tests.sync.test_attacks import change, push, wall_ms


def test_the_level_syncs_the_old_fields_are_retired_and_refused(admin_url, server_url, clients):
    add_member(admin_url, "s1")
    seller = clients("s1")
    account = save_account(seller.ws, None, {"name": "上海明珠"})
    boss = save_person(seller.ws, account, None, {"name": "张总", "level": "信任"})
    seller.sync()
    with psycopg.connect(admin_url) as conn:
        assert conn.execute("SELECT level FROM app.contacts WHERE id = %s", (boss,)).fetchone() == (
            3,
        )
        # A server set up before 0023 listed the old field: an upgrade stops listing it.
        conn.execute(
            "UPDATE app.tables SET columns = columns || '[\"contact_level\"]'::jsonb "
            "WHERE name = 'contacts'"
        )
    upgrade(Server.parse(admin_url))
    with psycopg.connect(admin_url) as conn:
        columns = dict(conn.execute("SELECT name, columns FROM app.tables").fetchall())
    assert "contact_level" not in columns["contacts"] and "level" in columns["contacts"]
    assert "level_now" not in columns["gap_rows"] and "level_target" in columns["gap_rows"]
    tag = make_tag(wall_ms(), 0, "oldclient")
    (old,) = push(server_url, [change(boss, "contact_level", "met", tbl="contacts", tag=tag)])
    assert (old["r"], old["why"], old["field"]) == ("refused", "field", "contact_level")
    (bad,) = push(server_url, [change(boss, "level", 6, tbl="contacts", tag=tag)])
    assert (bad["r"], bad["why"], bad["field"]) == ("refused", "range", "level")
    (good,) = push(server_url, [change(boss, "level", 4, tbl="contacts", tag=tag)])
    assert good["r"] == "done"
    seller.sync()
    assert seller.rows("SELECT level FROM contacts WHERE id = ?", boss) == [(4,)]
