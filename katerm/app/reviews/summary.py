"""A finished evening review's summary, as Markdown; Ctrl+S also writes it to a file.

Its own module: the Markdown widget is slow to import and only needed at the end of a review.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown, Static

from katerm.app.context import workspace_of
from katerm.app.localize import Localized
from katerm.app.styles import tcss
from katerm.i18n import t


class SummaryScreen(Localized, ModalScreen[None]):
    """The finished review's summary; Ctrl+S writes it as a Markdown file."""

    DEFAULT_CSS = tcss(__file__, "summary_screen.tcss")
    BINDINGS = [
        Binding("escape", "close", "keys.back", id="summary.close"),
        Binding("ctrl+s", "save", "reviews.keys.save_file", id="summary.save", priority=True),
    ]

    def __init__(self, summary: dict[str, Any], markdown: str) -> None:
        super().__init__()
        self.summary, self.markdown = summary, markdown

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            with VerticalScroll():
                yield Markdown(self.markdown)
            # How to close it (the footer is behind the dialog), and the export command on a
            # line of its own: wrapped with the sentence, it broke after "--date".
            yield Static(t("reviews.ui.summary_hint"), id="hint")
            command = t("reviews.ui.summary_command", date=self.summary["date"])
            yield Static(command, id="command", markup=False)

    def on_mount(self) -> None:
        # As wide as the screen allows (app.tcss gives every #dialog 64 cells, which cut the
        # export command); inline, as a screen's own CSS does not outweigh the app's.
        self.query_one("#dialog").styles.width = 100

    def action_close(self) -> None:
        self.dismiss(None)

    def action_save(self) -> None:
        ws = workspace_of(self)
        name = f"evening-review-{self.summary['team']['lead']}-{self.summary['date']}.md"
        path = ws.paths.data_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(self.markdown, encoding="utf-8")
        self.notify(t("reviews.cli.written", path=str(path)))
