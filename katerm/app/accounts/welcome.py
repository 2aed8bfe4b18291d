"""First start on an empty database: load demo data, import a file, or add the first account."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, ProgressBar, Static

from katerm.app.context import katerm_app, workspace_of
from katerm.app.localize import Localized
from katerm.app.styles import tcss
from katerm.app.widgets.chrome import AppFooter
from katerm.i18n import t


class WelcomeScreen(Localized, Screen[bool]):
    """Dismissed with True once the database has data (or the user chose to add by hand)."""

    BINDINGS = [
        Binding("d", "demo", "welcome.demo", id="welcome.demo"),
        Binding("i", "import_file", "welcome.import", id="welcome.import"),
        Binding("n", "add_account", "welcome.add", id="welcome.add"),
        Binding("escape", "skip", "keys.back", id="welcome.skip", show=False),
    ]
    DEFAULT_CSS = tcss(__file__, "welcome_screen.tcss")

    def compose(self) -> ComposeResult:
        with Vertical(id="welcome"):
            yield Static("katerm", id="brand")
            yield Static(t("welcome.tagline"), id="tagline")
            yield Static(t("welcome.empty"), id="empty")
            with Horizontal(classes="choice"):
                yield Button(t("welcome.demo_button"), id="demo", variant="primary", compact=True)
                yield Static(t("welcome.demo_help"))
            with Horizontal(classes="choice"):
                yield Button(t("welcome.import_button"), id="import", compact=True)
                yield Static(t("welcome.import_help"))
            yield Static("", id="import-error")
            with Horizontal(classes="choice"):
                yield Button(t("welcome.add_button"), id="add", compact=True)
                yield Static(t("welcome.add_help"))
            with Center(id="progress-row"):
                yield Static("", id="progress-label")
                yield ProgressBar(id="progress", show_eta=False)
        yield AppFooter()

    def on_mount(self) -> None:
        self.title = t("welcome.title")
        self.query_one("#demo", Button).focus()

    @on(Button.Pressed, "#demo")
    def action_demo(self) -> None:
        self._busy(t("welcome.demo_running"))
        self._run_demo()

    @on(Button.Pressed, "#import")
    def action_import_file(self) -> None:
        from katerm.app.accounts.import_screen import ImportScreen

        def imported(done: bool | None) -> None:
            if done:
                self.dismiss(True)

        self.app.push_screen(ImportScreen(), imported)

    @on(Button.Pressed, "#add")
    def action_add_account(self) -> None:
        from katerm.app.accounts.account import AccountScreen

        self.dismiss(True)
        self.app.push_screen(AccountScreen(None))

    def action_skip(self) -> None:
        self.dismiss(False)

    def _busy(self, label: str) -> None:
        for button in self.query(Button):
            button.disabled = True
        self.query_one("#progress-row").add_class("-busy")
        self.query_one("#progress-label", Static).update(label)

    def _idle(self) -> None:
        for button in self.query(Button):
            button.disabled = False
        self.query_one("#progress-row").remove_class("-busy")

    def _progress(self, done: int, total: int, *_: object) -> None:
        self.app.call_from_thread(self.query_one(ProgressBar).update, total=total, progress=done)

    @work(thread=True, exclusive=True, exit_on_error=False, group="welcome")
    def _run_demo(self) -> None:
        from katerm.core.demo import generate
        from katerm.core.errors import KatermError

        ws = workspace_of(self)
        try:
            generate(ws, lang=katerm_app(self).lang, progress=self._progress)
        except KatermError as exc:
            self.app.call_from_thread(self._failed, str(exc))
            return
        self.app.call_from_thread(katerm_app(self).refresh_identity)
        self.app.call_from_thread(self._finished, t("welcome.demo_done"))

    def _failed(self, message: str) -> None:
        self._idle()
        self.query_one("#import-error", Static).update(message)
        self.notify(message.splitlines()[0], severity="error", timeout=8)

    def _finished(self, message: str) -> None:
        self.notify(message, timeout=5)
        katerm_app(self).data_changed()
        self.dismiss(True)
