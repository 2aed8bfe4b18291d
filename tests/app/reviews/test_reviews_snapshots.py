"""Pictures of the reviews screens: my day, my week, the evening review (projector theme) and
the quick-add dialog, in English and Chinese. Regenerate with --snapshot-update and look."""

from __future__ import annotations

import pytest

from tests.app.conftest import measured, settle


@pytest.fixture
def demo(workspace, monkeypatch):
    from katerm.core.demo import generate

    monkeypatch.setenv("TZ", "Asia/Shanghai")
    monkeypatch.setenv("KATERM_NOW", "2026-11-27T19:30:00+08:00")
    generate(workspace, accounts=60, lang="zh_CN")
    return workspace


def press(*keys: str):  # type: ignore[no-untyped-def]
    async def run(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        await measured(pilot)

    return run


def busiest_seller(ws) -> str:
    """The seller with most activities logged today (the demo's Friday)."""
    with ws.db.reading() as conn:
        return conn.execute(
            "SELECT owner_id FROM activities WHERE occurred_at >= '2026-11-26T16:00' "
            "GROUP BY owner_id ORDER BY count(*) DESC, owner_id LIMIT 1"
        ).fetchone()[0]


def show_person(user_id: str, *keys: str):  # type: ignore[no-untyped-def]
    async def run(pilot) -> None:  # type: ignore[no-untyped-def]
        from textual.widgets import Select

        await press("5")(pilot)
        pilot.app.screen.query_one("#person", Select).value = user_id
        await settle(pilot)
        await press(*keys)(pilot)

    return run


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_a_sellers_day(snap_compare, demo, make_app, lang, size):
    assert snap_compare(
        make_app(lang), terminal_size=size, run_before=show_person(busiest_seller(demo))
    )


def test_a_closed_day_in_high_contrast(snap_compare, demo, make_app):
    demo.settings.theme = "katerm-projector"
    assert snap_compare(
        make_app("en"),
        terminal_size=(120, 40),
        run_before=show_person(busiest_seller(demo), "left"),
    )


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_my_week_as_a_lead(snap_compare, demo, make_app, lang):
    assert snap_compare(make_app(lang), terminal_size=(120, 40), run_before=press("5", "w"))


@pytest.mark.parametrize(
    ("lang", "size"), [("en", (120, 40)), ("zh_CN", (80, 24)), ("zh_CN", (120, 40))]
)
def test_evening_review_on_the_projector(snap_compare, demo, make_app, lang, size):
    demo.settings.theme = "katerm-projector"
    assert snap_compare(
        make_app(lang), terminal_size=size, run_before=press("5", "m", "enter", "n")
    )


def test_quick_add_dialog(snap_compare, demo, make_app):
    assert snap_compare(
        make_app("zh_CN"), terminal_size=(80, 24), run_before=press("enter", "escape", "l")
    )


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_my_month_league_tables(snap_compare, demo, make_app, lang, size):
    assert snap_compare(make_app(lang), terminal_size=size, run_before=press("5", "y"))


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_the_quarter(snap_compare, demo, make_app, lang, size):
    assert snap_compare(make_app(lang), terminal_size=size, run_before=press("5", "y", "q"))
