"""Keys: the README says what the bindings say; no key shadows another; no key is silent.

Every key shown or bound on a screen either does something a user sees (a screen, a change
on screen, the focus moving, a notification) or says why it cannot act here.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from textual.widgets import Input, TextArea

from katerm.app.keys import MOVING, all_bindings, clashes, readme_section, rewrite_readme, show_key
from katerm.app.modes import MODES
from tests.app.conftest import settle

README = Path(__file__).resolve().parents[2] / "README.md"


def test_the_readme_key_table_is_the_bindings():
    text = README.read_text(encoding="utf-8")
    assert readme_section() in text, (
        "README.md's key table differs from the bindings: run "
        "`python -m katerm.app.keys --write README.md` and commit it"
    )
    assert rewrite_readme(text) == text


def test_no_two_bindings_share_a_key_where_both_apply():
    """Nor does any screen's key shadow one of the app's (l logs an activity everywhere)."""
    assert clashes({}) == []


def test_every_binding_has_an_id_and_a_description():
    for ident, binding in all_bindings().items():
        assert ident and binding.description, ident


def test_keys_are_shown_as_people_write_them():
    assert [show_key(k) for k in ("ctrl+s", "escape", "f1", "slash", "A", "alt+left")] == [
        "Ctrl+S",
        "Esc",
        "F1",
        "/",
        "A",
        "Alt+←",
    ]


# --- no silent key ---------------------------------------------------------------------------

# Keys that leave or switch the whole screen: checked elsewhere (test_leaving, test_shell).
SKIP = {"app.quit", "app.palette", "app.help", "app.sync"}
OURS = set(all_bindings())
# Keys that switch a screen to another view and back: pressed twice.
TOGGLES = {"influence.coverage", "reviews.toggle_week"}


def _seen(app) -> tuple:
    screen = app.screen
    lines = tuple(strip.text for strip in screen._compositor.render_strips())
    return (
        tuple(id(s) for s in app.screen_stack),
        app.current_mode,
        id(app.focused),
        app.notified,
        lines,
    )


def _count_notifications(app) -> None:
    """Count every notification (shown ones expire, so the list's length is no measure)."""
    app.notified = 0
    original = app.notify

    def notify(*args, **kwargs):
        app.notified += 1
        return original(*args, **kwargs)

    app.notify = notify


async def _silent_keys(pilot, where: str, done: set[str] | None = None) -> list[str]:
    """Press every key bound on the current screen, each with the focus where it was at the
    start; return those that changed nothing. ``done``: ids already tried (the account's own
    keys are the same on every tab) are not tried again."""
    app = pilot.app
    if not hasattr(app, "notified"):
        _count_notifications(app)
    home, mode, focus = app.screen, app.current_mode, app.focused
    silent = []
    for key, active in list(home.active_bindings.items()):
        binding = active.binding
        if binding.id not in OURS or binding.id in SKIP or binding.id.startswith("app.mode."):
            continue
        if key in MOVING or key == "escape":
            continue  # moving in a list; Esc backs out (tests/app/test_leaving.py)
        if done is not None:
            if f"{binding.id}:{key}" in done:
                continue
            if binding.id.split(".")[0] in ("app", "account"):
                done.add(f"{binding.id}:{key}")
        if focus is not None and app.focused is not focus:
            focus.focus()  # back where the keys are tried (the last key may have moved it)
            await pilot.pause()
        if isinstance(app.focused, Input | TextArea) and len(key) == 1:
            continue  # typed into the field
        before = _seen(app)
        await pilot.press(key)
        # A loaded machine may need many rounds to repaint what the key did (a tab switched
        # and composed, a notice shown): wait for a change, up to a generous deadline (a
        # timeout, not a speed check: a fast machine leaves after the first round).
        deadline = time.monotonic() + 10
        while True:
            await settle(pilot, rounds=1)
            if _seen(app) != before:
                break
            if time.monotonic() > deadline:
                silent.append(f"{where}: {key} ({binding.id})")
                break
        # Back to the screen under test (close what the key opened).
        if app.current_mode != mode:
            app.switch_mode(mode)
            await settle(pilot, rounds=1)
        while app.screen is not home and len(app.screen_stack) > 1:
            app.pop_screen()
            await settle(pilot, rounds=1)
        if binding.id in TOGGLES and app.screen is home:
            await pilot.press(key)  # back to the view the other keys are tried on
            await settle(pilot, rounds=1)
    return silent


async def _screens(pilot, numbers: str = "1234567") -> list[str]:
    silent = []
    for number, spec in zip("1234567", MODES, strict=True):
        if number not in numbers:
            continue
        pilot.app.switch_mode(spec.name)  # not by its key: the focus may be in a field
        await settle(pilot)
        silent += await _silent_keys(pilot, f"screen {number}")
    return silent


@pytest.fixture
def demo(workspace):
    from katerm.core.demo import generate

    generate(workspace, accounts=6, seed=5, lang="en")
    return workspace


@pytest.mark.parametrize("numbers", ["1234", "567"])
async def test_no_key_is_silent_on_an_empty_database(workspace, make_app, numbers):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("escape")  # past the welcome screen
        await settle(pilot)
        silent = await _screens(pilot, numbers)
        if numbers != "567":
            print("\n".join(silent))
            assert silent == []
            return
        await pilot.press("1", "escape")  # out of the search box the / key went to
        await settle(pilot)
        await pilot.press("n")  # a new account, not saved yet
        await settle(pilot)
        app.screen.query_one("#input-name").blur()
        silent += await _silent_keys(pilot, "new account")
    print("\n".join(silent))
    assert silent == []


# Halves run side by side under xdist: one test of every screen took a minute on its own.
@pytest.mark.parametrize("numbers", ["1234", "567"])
async def test_no_key_is_silent_on_the_demo_screens(demo, make_app, numbers):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        silent = await _screens(pilot, numbers)
    print("\n".join(silent))
    assert silent == []


def _busiest_account(ws) -> str:
    with ws.db.reading() as conn:
        return conn.execute(
            "SELECT account_id FROM opportunities WHERE deleted = 0 "
            "GROUP BY account_id ORDER BY count(*) DESC LIMIT 1"
        ).fetchone()[0]


def _idle_account(ws) -> str:
    with ws.db.reading() as conn:
        return conn.execute(
            "SELECT id FROM accounts WHERE deleted = 0 AND id NOT IN "
            "(SELECT account_id FROM opportunities WHERE deleted = 0) LIMIT 1"
        ).fetchone()[0]


@pytest.mark.parametrize("half", [0, 1])
async def test_no_key_is_silent_on_any_account_tab(demo, make_app, half):
    """One account screen, every tab shown in turn (each tab is built with the screen, so a
    screen per tab built all thirteen fourteen times)."""
    from textual.widgets import TabbedContent

    from katerm.app.accounts.account import AccountScreen

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.push_screen(AccountScreen(_busiest_account(demo)))  # rows in most tabs
        await settle(pilot)
        screen = app.screen
        done: set[str] = set()
        silent = []
        tabs = [t.id for t in app.account_tabs] + ["contacts"]
        for tab in tabs[: len(tabs) // 2] if half == 0 else tabs[len(tabs) // 2 :]:
            screen.query_one(TabbedContent).active = f"tab-{tab}"
            await settle(pilot)
            silent += await _silent_keys(pilot, f"account tab {tab}", done)
        if half == 1:  # and an account without orders: its order keys say there is none
            app.pop_screen()
            app.push_screen(AccountScreen(_idle_account(demo), tab="opportunities"))
            await settle(pilot)
            silent += await _silent_keys(pilot, "an account without orders", done)
    print("\n".join(silent))
    assert silent == []
