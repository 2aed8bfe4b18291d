"""First start on an empty database: load demo data, import a file, or add the first account."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, ProgressBar, Static

from katerm.app.localize import Localized
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
    DEFAULT_CSS = """
    WelcomeScreen { align: center middle; }
    WelcomeScreen #welcome { width: 76; max-width: 100%; height: auto; padding: 1 2;
                             border: round $primary; background: $surface; }
    WelcomeScreen #brand { text-style: bold; color: $accent; content-align: center middle;
                           width: 100%; }
    WelcomeScreen #tagline, WelcomeScreen #empty { width: 100%; content-align: center middle;
                                                   color: $text-muted; }
    WelcomeScreen #empty { margin: 1 0; color: $text; }
    WelcomeScreen .choice { height: 1; margin: 0 0 1 0; }
    WelcomeScreen .choice Button { width: 26; }
    WelcomeScreen .choice Static { width: 1fr; padding: 0 0 0 2; color: $text-muted; }
    WelcomeScreen #import-error { color: $error; height: auto; }
    WelcomeScreen #progress-row { height: auto; display: none; }
    WelcomeScreen #progress-row.-busy { display: block; }
    """

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
        from katerm.app.screens.import_screen import ImportScreen

        def imported(done: bool | None) -> None:
            if done:
                self.dismiss(True)

        self.app.push_screen(ImportScreen(), imported)

    @on(Button.Pressed, "#add")
    def action_add_account(self) -> None:
        from katerm.app.screens.account import AccountScreen

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
        self.app.call_from_thread(self.query_one(ProgressBar).update, total=total,
                                  progress=done)

    @work(thread=True, exclusive=True, exit_on_error=False, group="welcome")
    def _run_demo(self) -> None:
        from katerm.core.demo import generate
        from katerm.core.errors import KatermError

        ws = self.app.ws  # type: ignore[attr-defined]
        try:
            generate(ws, lang=self.app.lang, progress=self._progress)  # type: ignore[attr-defined]
        except KatermError as exc:
            self.app.call_from_thread(self._failed, str(exc))
            return
        self.app.call_from_thread(self.app.refresh_identity)  # type: ignore[attr-defined]
        self.app.call_from_thread(self._finished, t("welcome.demo_done"))

    def _failed(self, message: str) -> None:
        self._idle()
        self.query_one("#import-error", Static).update(message)
        self.notify(message.splitlines()[0], severity="error", timeout=8)

    def _finished(self, message: str) -> None:
        self.notify(message, timeout=5)
        self.app.data_changed()  # type: ignore[attr-defined]
        self.dismiss(True)
