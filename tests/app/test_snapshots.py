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
