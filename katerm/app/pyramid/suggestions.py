"""The pyramid's third tab: accounts whose figures give another tier than they carry."""

from __future__ import annotations

from textual import work
from textual.containers import Vertical
from textual.widgets import Static

from katerm.app.context import katerm_app, workspace_of
from katerm.app.pyramid.text import tier_label
from katerm.app.widgets.lazy_table import Column, LazyTable
from katerm.core.pyramid import Suggestion
from katerm.i18n import t, tn
from katerm.i18n.fmt import fmt_int


def change_text(s: Suggestion) -> str:
    if s.no_rate:  # no rate to the base: no tier is computed (the reason says so)
        return t("money.no_rate", tier=tier_label(s.current))
    arrow = {"promote": "↑", "demote": "↓"}.get(s.direction, "→")
    return f"{tier_label(s.current)} {arrow} {tier_label(s.suggested)}"


def suggestion_columns() -> list[Column]:
    return [
        Column("name", t("pyramid.col.account"), 16, priority=0, grow=2),
        Column("change", t("pyramid.col.change"), 8, priority=1),
        Column("owner", t("pyramid.col.owner"), 8, priority=3, whole=True),
        Column("reason", t("pyramid.col.reason"), 16, priority=2, grow=3),
    ]


class SuggestionsPane(Vertical):
    """The suggestions, the highlighted one's reason in full below them; built when the tab
    is first shown (its styles are the screen's)."""

    built = False

    async def build(self) -> None:
        await self.mount_all(
            [
                Static("", id="suggestions-heading", classes="pyramid-line"),
                LazyTable(suggestion_columns(), id="suggestions"),
                Static("", id="suggestion-detail", classes="pyramid-line"),
            ]
        )
        self.built = True

    def fill(self, found: list[Suggestion], scheme: str, *, loading: bool = False) -> None:
        """Show ``found``; ``loading``: the suggestions for the figures shown are on their way
        (read after the figures are painted)."""
        if not self.built:
            return
        if loading:
            waiting = t("pyramid.suggestions_loading")
            self.query_one("#suggestions-heading", Static).update(waiting)
            self.query_one("#suggestion-detail", Static).update("")
            table = self.query_one("#suggestions", LazyTable)
            table.placeholder = waiting
            table.set_rows(0, lambda i: [], keep_cursor=True)
            return
        movable = sum(1 for s in found if not s.held)
        heading = tn("pyramid.suggestions_heading", movable, n=fmt_int(movable))
        held = len(found) - movable
        if held:
            heading += " · " + tn("pyramid.cli.held", held)
        if scheme == "strategic":
            heading = t("pyramid.no_suggestions_manual")
        self.query_one("#suggestions-heading", Static).update(heading)
        table = self.query_one("#suggestions", LazyTable)
        table.placeholder = t("pyramid.cli.nothing")
        if not found:
            self.query_one("#suggestion-detail", Static).update("")
        table.set_rows(
            len(found),
            lambda i: [found[i].name, change_text(found[i]), found[i].owner, found[i].reason],
            keep_cursor=True,
        )

    def detail(self, chosen: Suggestion) -> None:
        """The reason in full under the list: a narrow terminal cuts the column short."""
        self.query_one("#suggestion-detail", Static).update(
            f"{chosen.name}{t('dialog.colon')}{change_text(chosen)} · {chosen.reason}"
        )

    # --- applying ----------------------------------------------------------------------------
    def apply_one(self, found: list[Suggestion], scheme: str) -> None:
        """Apply the highlighted suggestion, after a confirmation (never a held one)."""
        row = self.query_one("#suggestions", LazyTable).cursor_row
        if row >= len(found):
            return
        chosen = found[row]
        if chosen.held:
            self.notify(
                t("pyramid.held_not_applied", reason=chosen.override_reason), severity="warning"
            )
            return
        question = t("pyramid.confirm_one", name=chosen.name, change=change_text(chosen))
        self._confirm(question, scheme, [chosen.account_id])

    def apply_all(self, found: list[Suggestion], scheme: str) -> None:
        """Apply every suggestion not held by an override, after a confirmation."""
        ids = [s.account_id for s in found if not s.held]
        if not ids:
            self.notify(t("pyramid.cli.nothing"))
            return
        self._confirm(tn("pyramid.confirm_all", len(ids), n=fmt_int(len(ids))), scheme, ids)

    def _confirm(self, question: str, scheme: str, ids: list[str]) -> None:
        from katerm.app.widgets.dialogs import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes:
                self._apply(scheme, ids)

        self.app.push_screen(
            ConfirmScreen(question, yes=t("pyramid.apply_button"), danger=False), answered
        )

    @work(thread=True, exclusive=True, exit_on_error=False, group="pyramid-apply")
    def _apply(self, scheme: str, ids: list[str]) -> None:
        from katerm.core.errors import KatermError
        from katerm.core.pyramid import apply_suggestions

        try:
            result = apply_suggestions(workspace_of(self), scheme, ids)
        except KatermError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error")
            return
        count = len(result.applied)
        self.app.call_from_thread(self.notify, tn("pyramid.cli.applied", count))
        self.app.call_from_thread(katerm_app(self).data_changed)
