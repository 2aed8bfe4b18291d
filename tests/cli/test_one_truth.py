"""Issue 17 on whole demos: every screen and export tells the same tier and the same owner."""

from __future__ import annotations

import json
from collections import Counter

import pytest


@pytest.mark.parametrize("seed", ["1", "7"])
def test_the_pyramid_counts_what_the_export_says(cli, seed):
    assert cli("demo", "--seed", seed, "--accounts", "60", "--no-open").code == 0
    for scheme in ("revenue", "fish", "strategic", "size"):
        assert cli("config", "set", "tier_scheme", scheme).code == 0
        shown = {r["tier"]: r["count"] for r in json.loads(cli("pyramid", "--format", "json").out)}
        exported = json.loads(cli("export", "accounts", "--format", "json").out)
        assert {a["tier_scheme"] for a in exported} == {scheme}
        counted = Counter(a["tier"] or None for a in exported)
        assert {k: v for k, v in shown.items() if v} == dict(counted), scheme
        # Every scheme's own column says the same (an account is rated in all of them).
        assert Counter(a[f"tier_{scheme}"] or None for a in exported) == counted, scheme
    # Each scheme shows some accounts tiered: the demo rates every account in every scheme.
    assert all(any(a[f"tier_{s}"] for a in exported) for s in ("revenue", "fish", "strategic"))


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


def test_the_strategic_scheme_beside_the_revenue_one(cli):
    assert cli("demo", "--seed", "2", "--accounts", "60", "--no-open").code == 0
    records = json.loads(cli("pyramid", "--beside", "strategic", "--format", "json").out)
    for record in records:
        counts = record["beside"]["counts"]
        assert record["beside"]["scheme"] == "strategic"
        assert sum(counts.values()) == record["count"], record["tier"]
    exported = json.loads(cli("export", "accounts", "--format", "json").out)
    both = Counter((a["tier_revenue"], a["tier_strategic"]) for a in exported)
    shown = {
        (r["tier"], s): n
        for r in records
        for s, n in r["beside"]["counts"].items()
        if n and s != "none"
    }
    assert shown == {k: v for k, v in both.items() if k[1]}
    table = cli("pyramid", "--beside", "strategic")
    assert table.code == 0 and "by their Strategic value tier" in table.out


def test_imported_accounts_get_their_computed_tier_as_the_form_gives_it(cli, tmp_path):
    path = tmp_path / "accounts.csv"
    path.write_text(
        "name,annual_revenue,tier\n"
        "Big,6000000,\nMid,3500000,\nSmall,1500000,\nTiny,10,\n"
        "Held,6000000,C\n",  # a tier given in the file is the stored one
        encoding="utf-8",
    )
    assert cli("import", "accounts", str(path)).code == 0
    for scheme in ("revenue", "fish"):
        assert cli("config", "set", "tier_scheme", scheme).code == 0
        shown = {r["tier"]: r["count"] for r in json.loads(cli("pyramid", "--format", "json").out)}
        exported = json.loads(cli("export", "accounts", "--format", "json").out)
        counted = Counter(a["tier"] or None for a in exported)
        assert None not in counted, scheme  # every new account is rated in both schemes
        assert {k: v for k, v in shown.items() if v} == dict(counted), scheme
    tiers = {a["name"]: a["tier_revenue"] for a in exported}
    assert tiers == {"Big": "A", "Mid": "B", "Small": "C", "Tiny": "D", "Held": "C"}
    # Figures changed by a later import leave the stored tier (a re-tier suggestion moves it).
    path.write_text("name,annual_revenue\nTiny,9000000\n", encoding="utf-8")
    assert cli("import", "accounts", str(path)).code == 0
    exported = json.loads(cli("export", "accounts", "--format", "json").out)
    assert {a["name"]: a["tier_revenue"] for a in exported}["Tiny"] == "D"
