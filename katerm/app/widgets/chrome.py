"""The frame every screen shares: the footer of key bindings plus a status slot on the right.

The status slot shows ``app.status_text`` (sync state: offline, syncing, last synced, pending
changes, conflicts). Features set the text; screens just ``yield AppFooter()``.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Footer, Static


class AppFooter(Horizontal):
    DEFAULT_CSS = """
    AppFooter { dock: bottom; height: 1; background: $footer-background; }
    AppFooter Footer { dock: none; width: 1fr; }
    AppFooter #status { width: auto; max-width: 40; padding: 0 1; color: $text-muted;
                        background: $footer-background; }
    AppFooter #status.-empty { display: none; }
    AppFooter #status.-problem { color: $warning; }
    """

    def compose(self) -> ComposeResult:
        yield Footer()
        yield Static("", id="status", classes="-empty")

    def on_mount(self) -> None:
        self.watch(self.app, "status_text", self._show, init=True)

    def _show(self, text: str) -> None:
        status = self.query_one("#status", Static)
        status.update(text)
        status.set_class(not text, "-empty")
        status.set_class(bool(getattr(self.app, "status_problem", False)), "-problem")
