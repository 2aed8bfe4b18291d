"""Pictures of each screen in both languages and two terminal sizes.

Regenerate after an intended change with ``pytest tests/app/test_snapshots.py
--snapshot-update`` and look at the report before committing.
"""

from __future__ import annotations

import pytest

from tests.app.conftest import settle

SIZES = [(80, 24), (120, 40)]
LANGS = ["en", "zh_CN"]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", LANGS)
def test_accounts_screen(snap_compare, sample, make_app, lang, size):
    assert snap_compare(make_app(lang), terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", LANGS)
def test_account_screen(snap_compare, sample, make_app, lang, size):
    async def open_first(pilot):
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)

    assert snap_compare(make_app(lang), terminal_size=size, run_before=open_first)


@pytest.mark.parametrize("lang", LANGS)
def test_welcome_screen(snap_compare, make_app, lang):
    assert snap_compare(make_app(lang), terminal_size=(80, 24), run_before=settle)


def test_accounts_screen_projector_theme(snap_compare, sample, make_app, workspace):
    workspace.settings.theme = "katerm-projector"
    assert snap_compare(make_app("zh_CN"), terminal_size=(120, 40), run_before=settle)


# The pyramid's targets are the workspace clock's year's: the same picture every year.
PYRAMID_YEAR = pytest.mark.now("2030-11-27")


@pytest.fixture
def pyramid_data(workspace, sample):
    """The sample with a plan for the year, a suggestion, an override and a tier change."""
    from katerm.core.accounts.edit import save_account
    from katerm.core.pyramid.edit import save_targets

    save_targets(
        workspace, workspace.me.id, 2030, "revenue", {"A": "3", "B": "2", "C": "2", "D": "1"}
    )
    save_account(
        workspace, None, {"name": "华南新材料集团有限公司", "annual_revenue": "800万", "tier": "C"}
    )
    save_account(
        workspace,
        sample["深圳远航医药有限公司"],
        {"tier": "B", "tier_override_reason": "暂无大额收入，潜力大 / high potential"},
    )
    return sample


async def open_pyramid(pilot, *keys: str) -> None:
    await settle(pilot)
    await pilot.press("2")
    await settle(pilot)
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", LANGS)
@PYRAMID_YEAR
def test_pyramid_screen(snap_compare, pyramid_data, make_app, lang, size):
    assert snap_compare(make_app(lang), terminal_size=size, run_before=open_pyramid)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", LANGS)
@PYRAMID_YEAR
def test_pyramid_beside(snap_compare, pyramid_data, workspace, make_app, lang, size):
    """Key b: the strategic scheme beside the revenue one (two accounts rated strategic)."""
    from katerm.core.accounts.edit import save_account

    for name, tier in (("上海明珠电子科技有限公司", "strategic"), ("Acme Robotics", "partner")):
        save_account(workspace, pyramid_data[name], {"tier_strategic": tier})

    async def run(pilot):
        await open_pyramid(pilot, "b")

    assert snap_compare(make_app(lang), terminal_size=size, run_before=run)


@pytest.mark.parametrize("lang", LANGS)
@PYRAMID_YEAR
def test_pyramid_suggestions(snap_compare, pyramid_data, make_app, lang):
    async def run(pilot):
        await open_pyramid(pilot, "r")

    assert snap_compare(make_app(lang), terminal_size=(80, 24), run_before=run)


@pytest.mark.parametrize("lang", LANGS)
@PYRAMID_YEAR
def test_pyramid_threshold_error(snap_compare, pyramid_data, make_app, lang):
    async def run(pilot):
        await open_pyramid(pilot, "e")
        field = pilot.app.screen.query_one("#input-B--annual_revenue")
        field.focus()
        field.value = "9000000"
        await pilot.press("ctrl+s")
        await settle(pilot)

    assert snap_compare(make_app(lang), terminal_size=(80, 24), run_before=run)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", LANGS)
@PYRAMID_YEAR
def test_pyramid_grade_flags(snap_compare, pyramid_data, workspace, make_app, lang, size):
    """Issue 17 part 7: I am a new seller, so my A and B accounts are flagged."""
    from katerm.core.pyramid import set_grade

    set_grade(workspace, workspace.me.id, grade="new")
    assert snap_compare(make_app(lang), terminal_size=size, run_before=open_pyramid)


@PYRAMID_YEAR
def test_account_tier_history(snap_compare, pyramid_data, make_app, monkeypatch):
    from katerm.app.pyramid import history as tier_history

    monkeypatch.setattr(tier_history, "fmt_date", lambda value: "2030-01-15")

    async def run(pilot):
        from katerm.app.accounts.account import AccountScreen

        await settle(pilot)
        pilot.app.push_screen(AccountScreen(pyramid_data["深圳远航医药有限公司"]))
        await settle(pilot)
        pilot.app.screen.query_one("#tabs").active = "tab-tier-history"
        await settle(pilot)

    assert snap_compare(make_app("zh_CN"), terminal_size=(80, 24), run_before=run)
