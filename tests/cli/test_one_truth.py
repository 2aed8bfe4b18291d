"""Issue 17 on whole demos: every screen and export tells the same tier and the same owner."""

from __future__ import annotations

import json
from collections import Counter

import pytest


@pytest.mark.parametrize("seed", ["1", "7"])
def test_the_pyramid_counts_what_the_export_says(cli, seed):
    assert cli("demo", "--seed", seed, "--accounts", "60", "--no-open").code == 0
    shown = {r["tier"]: r["count"] for r in json.loads(cli("pyramid", "--format", "json").out)}
    exported = json.loads(cli("export", "accounts", "--format", "json").out)
    scheme = cli("config", "get", "tiers.scheme").out.strip() or "revenue"
    counted = Counter(a["tier"] or None for a in exported if a["tier_scheme"] == scheme)
    assert {k: v for k, v in shown.items() if v} == dict(counted)


def test_no_gap_row_names_an_owner_the_map_does_not(cli):
    from katerm.core.gaps import load as load_gaps

    assert cli("demo", "--seed", "3", "--accounts", "40", "--no-open").code == 0
    from katerm.core.workspace import open_workspace
    from katerm.paths import resolve_paths

    ws = open_workspace(resolve_paths())
    try:
        with ws.db.reading() as conn:
            covered = dict(conn.execute("SELECT id, covered_by FROM contacts").fetchall())
            rows = load_gaps(conn, None, trends=False)
        assert rows
        assert all((covered[r.contact_id] or "") == r.owner_id for r in rows)
    finally:
        ws.close()
