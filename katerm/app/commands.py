"""Command palette: jump to a mode, or find an account or contact by name and open it."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from functools import partial
from typing import Any

from rich.align import Align
from rich.text import Text
from textual.app import App, SystemCommand
from textual.command import CommandList, CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.widgets.option_list import Option

from katerm.app.context import clock_of, workspace_of
from katerm.i18n import t


class RecordSearch(Provider):
    """Accounts and contacts whose name contains what was typed, or whose Chinese name has
    those pinyin initials (czfc: 成都飞驰)."""

    async def search(self, query: str) -> Hits:
        text = query.strip()
        if len(text) < 1:
            return
        from katerm.core.accounts import search_names

        app = self.app
        hits = await asyncio.to_thread(search_names, workspace_of(app).db, text)
        matcher = self.matcher(text)
        for hit in hits:
            kind = t("palette.account") if hit.kind == "account" else t("palette.contact")
            label = t("palette.hit", kind=kind, name=hit.label)  # 客户：… in Chinese
            score = matcher.match(hit.label) or 0.5
            yield Hit(
                score,
                matcher.highlight(label),
                partial(
                    open_account, app, hit.account_id, hit.id if hit.kind == "contact" else None
                ),
                help=hit.detail,
            )

    async def discover(self) -> Hits:
        yield DiscoveryHit(t("palette.find_hint"), lambda: None, help=t("palette.find_help"))


class CommandInitials(Provider):
    """The app's commands by the pinyin initials of their Chinese names (zt: 主题, gxcj: 关系
    差距), as accounts are found: Textual's own matcher compares letters with letters, so a
    Chinese user typing pinyin found every account but no command."""

    async def search(self, query: str) -> Hits:
        from katerm.core.pinyin import search_initials, with_initials

        app = self.app
        commands = [c for c in app.get_system_commands(self.screen) if not c.title.isascii()]
        wanted = query.strip().lower()
        # The initials anywhere in the name, as accounts are found (jzt: 客户金字塔): matching
        # from the start only left the screen to those who knew its full name.
        for at in with_initials([c.title for c in commands], query):
            command = commands[at]
            forms = search_initials(command.title).split("\x00")
            start = any(form.startswith(wanted) for form in forms)
            # Above the records it might share initials with (zt: 主题 before 中泰…), a name
            # starting with them above one holding them (zt: 主题 before 客户金字塔).
            yield Hit(1.0 if start else 0.9, command.title, command.callback, help=command.help)


class Palette(CommandPalette):
    """Textual's palette, saying "no matches" in the interface language."""

    def _start_no_matches_countdown(self, search_value: str) -> None:
        # Textual's own shows an English "No matches found"; same timing, our words.
        self._stop_no_matches_countdown()

        def show() -> None:
            if not search_value:
                self._list_visible = False
                return
            self.query_one(CommandList).add_option(
                Option(
                    Align.center(Text(t("palette.no_matches"), style="not bold")),
                    disabled=True,
                    id=self._NO_MATCHES,
                )
            )
            self._list_visible = True

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show)


def open_account(app: App[Any], account_id: str, contact_id: str | None = None) -> None:
    """Show an account from anywhere: switch to the accounts mode, then open it."""
    from katerm.app.accounts.account import AccountScreen

    def show() -> None:
        screen = AccountScreen(account_id, tab="contacts" if contact_id else None)
        screen.first_contact = contact_id
        app.push_screen(screen)

    if app.current_mode != "accounts":
        app.switch_mode("accounts")
        app.call_later(show)
    else:
        show()


def app_commands(app: App[Any]) -> Iterator[SystemCommand]:
    """The palette's commands after the screens: import; the meetings and reviews, and
    logging an activity, from anywhere (their keys live on screen 5, or for the quarter on
    the month, where a newcomer does not look for them); theme, keys, screenshot, quit."""

    def today() -> Any:
        return clock_of(app).today()

    def evening() -> None:
        from katerm.app.reviews.meeting import start_meeting

        start_meeting(app, today())

    def lead_meeting() -> None:
        from katerm.app.leads.screen import LeadMeetingScreen

        app.push_screen(LeadMeetingScreen(today()))

    def month() -> None:
        from katerm.app.reviews.month import MonthScreen
        from katerm.core.cadence import Month

        app.push_screen(MonthScreen(Month.of(today())))

    def quarter() -> None:
        from katerm.app.reviews.quarter import QuarterScreen
        from katerm.core.cadence import Quarter

        app.push_screen(QuarterScreen(Quarter.of(today())))

    def action(name: str) -> Callable[[], object]:
        found: Callable[[], object] = getattr(app, f"action_{name}")
        return found

    for title, help_key, run in (
        ("import.title", "import.palette_help", action("import_file")),
        ("reviews.keys.log_activity", "palette.log_help", action("log_activity")),
        ("reviews.keys.evening_review", "palette.evening_help", evening),
        ("leads.keys.open", "palette.lead_meeting_help", lead_meeting),
        ("palette.month", "palette.month_help", month),
        ("palette.quarter", "palette.quarter_help", quarter),
        ("palette.theme", "palette.theme_help", action("change_theme")),
        ("palette.keys", "palette.keys_help", action("toggle_keys")),
        ("palette.screenshot", "palette.screenshot_help", action("save_screenshot")),
        ("palette.quit", "palette.quit_help", action("quit")),
    ):
        yield SystemCommand(t(title), t(help_key), run)
