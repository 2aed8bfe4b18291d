"""One key person's expansion card on its own screen, opened by contact id (the cards tab
opens it; the relationship-gap table can link to it the same way)."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from katerm.app.context import on_data_change, workspace_of
from katerm.app.localize import Localized
from katerm.app.styles import tcss
from katerm.app.widgets.chrome import AppFooter
from katerm.core.cards import PersonCard
from katerm.i18n import t


class ExpansionCardScreen(Localized, ModalScreen[None]):
    BINDINGS = [
        Binding("escape", "close", "cards.key.close", id="card.close"),
        Binding("e", "edit", "keys.edit", id="card.edit"),
        Binding("k", "add_date", "cards.key.date", id="card.add_date"),
        Binding("v", "event", "cards.key.event", id="card.event"),
        Binding("r", "reviewed", "cards.key.reviewed", id="card.reviewed"),
    ]
    DEFAULT_CSS = tcss(__file__, "expansion_card_screen.tcss")

    def __init__(self, contact_id: str) -> None:
        super().__init__()
        self.contact_id = contact_id
        self.person: PersonCard | None = None
        self.members: list[tuple[str, str]] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="card-box"), VerticalScroll(id="card-body"):
            yield Static(t("cards.ui.loading"), id="card-full")
        yield AppFooter()

    def on_mount(self) -> None:
        self.query_one("#card-box").border_title = t("cards.ui.card_title")
        on_data_change(self, self.load)
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="card-load")
    def load(self) -> None:
        from katerm.core.cards import load_person_card
        from katerm.core.errors import KatermError

        try:
            person, team = load_person_card(workspace_of(self).db, self.contact_id)
        except KatermError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error")
            return
        self.app.call_from_thread(self._show, person, [(m.display, m.id) for m in team])

    def _show(self, person: PersonCard, team: list[tuple[str, str]]) -> None:
        from katerm.app.cards.dialogs import card_text

        self.person, self.members = person, team
        self.query_one("#card-full", Static).update(card_text(person))

    def action_close(self) -> None:
        self.dismiss(None)

    def action_edit(self) -> None:
        from katerm.app.cards.dialogs import edit_card

        if self.person is not None:
            edit_card(self.app, self.person, self.members)

    def action_add_date(self) -> None:
        from katerm.app.cards.dialogs import add_key_date

        if self.person is not None:
            add_key_date(self.app, self.person.account_id, self.person)

    def action_event(self) -> None:
        from katerm.app.cards.dialogs import record_event

        if self.person is not None:
            record_event(self.app, self.person)

    def action_reviewed(self) -> None:
        from katerm.app.cards.dialogs import review_done

        if self.person is not None:
            review_done(self.app, self.person)
