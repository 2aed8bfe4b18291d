"""Command palette: jump to a mode, or find an account or contact by name and open it."""

from __future__ import annotations

import asyncio
from functools import partial
from typing import Any

from textual.app import App
from textual.command import DiscoveryHit, Hit, Hits, Provider

from katerm.app.context import workspace_of
from katerm.i18n import t


class RecordSearch(Provider):
    """Accounts and contacts whose name contains what was typed."""

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
            label = f"{kind}: {hit.label}"
            score = matcher.match(hit.label) or 0.5
            yield Hit(
                score,
                matcher.highlight(label),
                partial(open_account, app, hit.account_id),
                help=hit.detail,
            )

    async def discover(self) -> Hits:
        yield DiscoveryHit(t("palette.find_hint"), lambda: None, help=t("palette.find_help"))


def open_account(app: App[Any], account_id: str) -> None:
    """Show an account from anywhere: switch to the accounts mode, then open it."""
    from katerm.app.accounts.account import AccountScreen

    def show() -> None:
        app.push_screen(AccountScreen(account_id))

    if app.current_mode != "accounts":
        app.switch_mode("accounts")
        app.call_later(show)
    else:
        show()
