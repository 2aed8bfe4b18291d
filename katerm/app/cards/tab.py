"""The account's "Expansion cards" tab: its key people, each with their card below the list.

e edits the card, k adds a key date (to the person; K to the account), v records a key event,
r marks the review done, Enter opens the person's card on its own screen.
"""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import DataTable, Static

from katerm.app.context import on_data_change, workspace_of
from katerm.app.localize import Localized
from katerm.app.styles import tcss
from katerm.app.widgets.columns import Column
from katerm.app.widgets.fitted_table import FittedTable
from katerm.app.widgets.row_keys import NeedsARow
from katerm.core.cards import SPONSOR_CRITERIA, AccountCards, PersonCard
from katerm.i18n import t, tn
from katerm.i18n.fmt import fmt_date


def card_columns() -> list[Column]:
    label = lambda key: t(f"cards.col.{key}")  # noqa: E731
    return [
        Column("name", label("name"), 8, priority=0, grow=1),
        Column("relationship_owner", label("relationship_owner"), 6, priority=2, whole=True),
        Column("sponsor", label("sponsor"), 6, priority=3, grow=1),
        Column("sponsor_criteria", label("sponsor_criteria"), 6, priority=4),
        Column("next_review", label("next_review"), 10, priority=1, whole=True),
    ]


def criteria_marks(p: PersonCard) -> str:
    return "".join("✓" if k in p.criteria else "✗" for k in SPONSOR_CRITERIA)


class CardsPane(NeedsARow, Localized, Vertical):
    ON_A_ROW = ("edit", "add_date", "event", "reviewed")
    BINDINGS = [
        Binding("e", "edit", "keys.edit", id="cards.edit"),
        Binding("k", "add_date", "cards.key.date", id="cards.add_date"),
        Binding(
            "K",
            "add_account_date",
            "cards.key.account_date",
            id="cards.add_account_date",
            show=False,
        ),
        Binding("v", "event", "cards.key.event", id="cards.event"),
        Binding("r", "reviewed", "cards.key.reviewed", id="cards.reviewed"),
    ]
    DEFAULT_CSS = tcss(__file__, "cards_pane.tcss")

    def __init__(self, account_id: str) -> None:
        super().__init__()
        self.account_id = account_id
        self.cards: AccountCards | None = None
        self.members: list[tuple[str, str]] = []

    def compose(self) -> ComposeResult:
        # Fitted to the width: a plain DataTable's right edge cut a value with no ….
        yield FittedTable(card_columns(), id="cards-table", on_hidden=self._hidden)
        with VerticalScroll(id="card-detail"):
            yield Static("", id="card-text")
        yield Static("", id="cards-summary")

    def on_mount(self) -> None:
        on_data_change(self, self.load)
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="cards-load")
    def load(self) -> None:
        from katerm.core.cards import load_account_cards

        cards, team = load_account_cards(workspace_of(self).db, self.account_id)
        self.app.call_from_thread(self._show, cards, [(m.display, m.id) for m in team])

    def _show(self, cards: AccountCards, team: list[tuple[str, str]]) -> None:
        self.cards, self.members = cards, team
        table = self.query_one(FittedTable)
        row = table.cursor_row
        rows = []
        for p in cards.people:
            name = Text(p.name, style="italic dim" if p.left_on else "")
            if p.left_on:
                name.append(" " + t("cards.ui.left"))
            owner, sponsor = Text(p.relationship_owner), Text(p.sponsor)
            marks = criteria_marks(p) if p.card_id else ""
            rows.append((p.contact_id, [name, owner, sponsor, marks, fmt_date(p.next_review)]))
        table.show(rows)
        if cards.people:
            table.move_cursor(row=min(max(row, 0), len(cards.people) - 1))
        self._detail()
        self._summarize(cards, table.hidden)

    def _hidden(self, hidden: list[str]) -> None:
        if self.is_mounted and self.cards is not None:
            self._summarize(self.cards, hidden)

    def _summarize(self, cards: AccountCards, hidden: list[str]) -> None:
        company = t("dialog.clause_sep").join(
            f"{_short_day(d.day)} {d.label or t(f'cards.date_kind.{d.kind}')}"
            for d in cards.company_dates
        )
        summary = tn("cards.ui.count", len(cards.people))
        if company:
            summary += "  ·  " + t("cards.ui.company_dates", dates=company)
        if hidden:  # the columns a narrow width hides, named as on the other tabs
            summary = t("dialog.hidden_columns", names=hidden) + "  " + summary
        self.query_one("#cards-summary", Static).update(Text(summary))

    def has_row(self) -> bool:
        return self.selected() is not None

    def selected(self) -> PersonCard | None:
        if self.cards is None:
            return None
        index = self.query_one(DataTable).cursor_row
        people = self.cards.people
        return people[index] if 0 <= index < len(people) else None

    @on(DataTable.RowHighlighted)
    def _detail(self) -> None:
        from katerm.app.cards.dialogs import card_text

        person = self.selected()
        text = card_text(person) if person else Text(t("cards.ui.empty"))
        self.query_one("#card-text", Static).update(text)

    @on(DataTable.RowSelected)
    def _open(self) -> None:
        from katerm.app.cards.screen import ExpansionCardScreen

        person = self.selected()
        if person is not None:
            self.app.push_screen(ExpansionCardScreen(person.contact_id))

    def action_edit(self) -> None:
        from katerm.app.cards.dialogs import edit_card

        person = self.selected()
        if person is not None:
            edit_card(self.app, person, self.members)

    def action_add_date(self) -> None:
        from katerm.app.cards.dialogs import add_key_date

        person = self.selected()
        if person is not None:
            add_key_date(self.app, self.account_id, person)

    def action_add_account_date(self) -> None:
        from katerm.app.cards.dialogs import add_key_date

        add_key_date(self.app, self.account_id, None)

    def action_event(self) -> None:
        from katerm.app.cards.dialogs import record_event

        person = self.selected()
        if person is not None:
            record_event(self.app, person)

    def action_reviewed(self) -> None:
        from katerm.app.cards.dialogs import review_done

        person = self.selected()
        if person is not None:
            review_done(self.app, person)


def _short_day(day: str) -> str:
    """A company date's month and day; a lunar one marked as such (农历08-15)."""
    from katerm.core.cards import is_lunar, lunar_text

    return lunar_text(day, t("reminders.lunar")) if is_lunar(day) else day[-5:]
