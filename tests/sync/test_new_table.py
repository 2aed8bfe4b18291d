"""A synced table added later syncs after `katerm server upgrade`, with no sync code change.

The table is defined in a child process: adding a model to the shared SQLModel metadata here
would change the schema every other test sees.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.sync.conftest import add_member

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = r'''
import json, sys
from datetime import date
from pathlib import Path

from sqlmodel import Field

from katerm.core.store.models.base import SyncedTable, fk


class Visit(SyncedTable, table=True):
    """A customer visit: a table the sync code has never heard of."""
    __tablename__ = "visits"
    owner_id: str = fk("users.id", nullable=False)
    account_id: str = fk("accounts.id", nullable=False)
    visited_on: date
    summary: str = Field(default="")
    rating: int = Field(default=0)
    follow_up: bool = Field(default=False)


from katerm.core import store
from katerm.core.accounts.edit import save_account
from katerm.core.errors import KatermError
from katerm.core.sync import server
from katerm.core.sync.connect import Server
from tests.sync.conftest import Client

url, admin, home = sys.argv[1], sys.argv[2], Path(sys.argv[3])
out = {}
seller, lead = Client(home / "seller", "seller", url), Client(home / "lead", "lead", url)
for c in (seller, lead):
    Visit.__table__.create(c.ws.db.engine)
    c.log_in()
account = save_account(seller.ws, None, {"name": "Acme"})
with seller.ws.db.writing() as conn:
    visit = store.insert(conn, "visits", {"account_id": account, "visited_on": date(2026, 3, 2),
                                          "summary": "拜访采购总监", "rating": 4,
                                          "follow_up": True}, actor_id=seller.ws.me.id)
try:
    seller.sync()
    out["before_upgrade"] = "synced"
except KatermError as exc:
    out["before_upgrade"] = exc.key
report = server.upgrade(Server.parse(admin))
out["added"] = report.added_tables
seller.sync()
lead.sync()
out["lead_sees"] = lead.rows("SELECT summary, visited_on, rating, follow_up FROM visits")
with seller.ws.db.writing() as conn:
    store.update(conn, "visits", visit, {"rating": 5}, actor_id=seller.ws.me.id)
seller.sync()
lead.sync()
out["after_edit"] = lead.rows("SELECT rating FROM visits")
import psycopg
with psycopg.connect(admin) as conn:
    row = conn.execute("SELECT visited_on, rating, follow_up, summary FROM app.visits").fetchone()
    out["server_types"] = [type(v).__name__ for v in row]
print(json.dumps(out, ensure_ascii=False, default=str))
'''


def test_a_table_defined_later_syncs_after_server_upgrade(admin_url, server_url, tmp_path):
    add_member(admin_url, "lead")
    add_member(admin_url, "seller", manager="lead")
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, server_url, admin_url, str(tmp_path)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout.strip().splitlines()[-1])
    assert out["before_upgrade"] == "sync.server_outdated"
    assert out["added"] == ["visits"]
    assert out["lead_sees"] == [["拜访采购总监", "2026-03-02", 4, 1]]
    assert out["after_edit"] == [[5]]
    assert out["server_types"] == ["date", "int", "bool", "str"]
