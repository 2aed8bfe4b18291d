"""The frame every screen shares: the footer of key bindings plus a status slot on the right.

The status slot shows ``app.status_text`` (sync state: offline, syncing, last synced, pending
changes, conflicts). Features set the text; screens just ``yield AppFooter()``.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Static

from katerm.app.styles import tcss


class QuietFooter(Footer):
    """A Footer that rebuilds itself only when the keys it shows change.

    Textual's Footer recomposes all its keys on every focus change; tabbing through a form
    then spends about two thirds of its time rebuilding an identical footer.
    """

    _shown: Any = None

    def bindings_changed(self, screen: Screen) -> None:
        if self.is_attached and screen is self.screen and screen.app.app_focus:
            shown = tuple(
                (binding.key, binding.action, binding.description, enabled, tooltip)
                for (_, binding, enabled, tooltip) in screen.active_bindings.values()
                if binding.show
            )
            if shown == self._shown and self._bindings_ready:
                return
            self._shown = shown
        super().bindings_changed(screen)


class AppFooter(Horizontal):
    DEFAULT_CSS = tcss(__file__, "app_footer.tcss")

    def compose(self) -> ComposeResult:
        yield QuietFooter()
        yield Static("", id="status", classes="-empty")

    def on_mount(self) -> None:
        self.watch(self.app, "status_text", self._show, init=True)

    def _show(self, text: str) -> None:
        status = self.query_one("#status", Static)
        status.update(text)
        status.set_class(not text, "-empty")
        status.set_class(bool(getattr(self.app, "status_problem", False)), "-problem")
