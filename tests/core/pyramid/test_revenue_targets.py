"""Revenue targets per tier (issue 20): set beside the count targets, one row per portfolio,
year and tier whoever made it."""

from __future__ import annotations

import pytest

from katerm.core import store
from katerm.core.errors import ValidationFailed
from katerm.core.pyramid import load_revenue_targets, save_settings


def rows(ws) -> list[tuple[str, float, int]]:
    with ws.db.reading() as conn:
        return conn.execute(
            "SELECT tier, target, deleted FROM tier_revenue_targets ORDER BY tier"
        ).fetchall()


def test_a_target_set_in_the_settings_edits_the_imported_row_of_its_tier(workspace):
    me = workspace.me.id
    with workspace.db.writing() as conn:  # as an import writes it: an id of its own
        store.insert(
            conn,
            "tier_revenue_targets",
            {"owner_id": me, "year": 2026, "scheme": "revenue", "tier": "B", "target": 1.0},
            actor_id=me,
        )
    save_settings(workspace, "revenue", me, 2026, {}, {}, {"B": "3,000万", "A": "1.2亿"})
    assert rows(workspace) == [("A", 120_000_000, 0), ("B", 30_000_000, 0)]
    with workspace.db.reading() as conn:
        assert load_revenue_targets(conn, me, 2026, "revenue") == {
            "A": 120_000_000,
            "B": 30_000_000,
        }
        assert load_revenue_targets(conn, me, 2027, "revenue") == {}


def test_bad_revenue_targets_are_named_and_nothing_is_saved(workspace):
    me = workspace.me.id
    with pytest.raises(ValidationFailed) as info:
        save_settings(
            workspace,
            "revenue",
            me,
            2026,
            {"A.annual_revenue": "6000000"},
            {},
            {"A": "-5", "B": "x"},
        )
    assert set(info.value.by_field()) == {"revenue.A", "revenue.B"}
    assert rows(workspace) == []
    with workspace.db.reading() as conn:
        assert conn.execute("SELECT count(*) FROM tier_thresholds").fetchone()[0] == 0


@pytest.mark.parametrize(
    ("kind", "settings", "expected"),
    [
        ("tier_targets", ({}, {"A": "4", "B": "9"}, {}), [4, 9]),
        ("tier_revenue_targets", ({}, {}, {"A": "1.2亿", "B": "500万"}), [120_000_000, 5_000_000]),
    ],
)
def test_targets_imported_with_ids_of_their_own_are_edited_in_place(
    workspace, tmp_path, kind, settings, expected
):
    """A file (another tool's export, a colleague's workbook) gives each target its own id;
    setting the targets afterwards edits those rows: still one row per tier, as the pyramid
    and the monthly review read one target per tier."""
    from katerm.core.io import import_file

    me = workspace.me.id
    login = workspace.me.login
    source = tmp_path / f"{kind}.csv"
    source.write_text(
        "id,owner,year,scheme,tier,target\n"
        f"11111111-1111-4111-8111-111111111111,{login},2026,revenue,A,2\n"
        f"22222222-2222-4222-8222-222222222222,{login},2026,revenue,B,3\n",
        encoding="utf-8",
    )
    import_file(workspace, kind, source)
    save_settings(workspace, "revenue", me, 2026, *settings)
    with workspace.db.reading() as conn:
        stored = conn.execute(
            f"SELECT id, tier, target FROM {kind} WHERE deleted = 0 ORDER BY tier"
        ).fetchall()
    assert [tier for _, tier, _ in stored] == ["A", "B"]
    assert [row_id[:8] for row_id, _, _ in stored] == ["11111111", "22222222"]
    assert [target for _, _, target in stored] == expected
