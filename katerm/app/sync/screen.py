"""Mode 7: sync status and the conflict log, where either value can be kept.

A conflict is a value that lost a merge (two people changed the same field; an edit met a
delete). ``c`` keeps the current value (the record leaves the list), ``l`` brings the lost
value back as a new edit that syncs like any other. ``a`` shows the ones already dealt with
too; Enter opens the record. Sync itself runs in the background (F5 or ``s`` starts one now).
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Header, Static

from katerm.app.context import (
    clock_of,
    first_rows_painted,
    katerm_app,
    on_data_change,
    workspace_of,
)
from katerm.app.localize import Localized
from katerm.app.styles import tcss
from katerm.app.sync.worker import when_text
from katerm.app.widgets.chrome import AppFooter
from katerm.app.widgets.lazy_table import Column, LazyTable
from katerm.core.clock import Clock
from katerm.core.sync.conflicts import ConflictRow, ConflictView
from katerm.core.sync.status import SyncStatus
from katerm.i18n import t, tn
from katerm.i18n.fmt import fmt_int


@dataclass(frozen=True)
class SyncView:
    status: SyncStatus
    rows: list[ConflictRow]


def conflict_columns() -> list[Column]:
    label = lambda key: t(f"sync.cli.col_{key}")  # noqa: E731
    return [
        Column("record", label("record"), 14, priority=0, grow=3),
        Column("field", label("field"), 8, priority=1, grow=1),
        Column("current", label("current"), 10, priority=2, grow=2),
        Column("lost", label("lost"), 10, priority=2, grow=2),
        Column("kind", label("kind"), 12, priority=4, grow=2),
        Column("by", label("by"), 8, priority=5),
        Column("when", label("when"), 16, priority=6),
    ]


def status_lines(status: SyncStatus, clock: Clock) -> str:
    if not status.logged_in:
        return t("sync.screen.not_logged_in")
    lines = [t("sync.screen.server", server=status.server, login=status.login)]
    when = when_text(status.last_sync_at, clock) if status.last_sync_at else t("sync.screen.never")
    parts = [
        t("sync.screen.last", when=when),
        tn("sync.screen.pending", status.pending, n=fmt_int(status.pending)),
    ]
    if status.held:
        parts.append(tn("sync.screen.held", status.held, n=fmt_int(status.held)))
    lines.append(" · ".join(parts))
    if status.quarantined:
        lines.append(
            tn("sync.screen.quarantined", status.quarantined, n=fmt_int(status.quarantined))
        )
    if status.offline and status.offline_reason:
        lines.append(t("sync.screen.unreachable", why=status.offline_reason))
    elif status.offline:
        lines.append(t("sync.screen.offline"))
    elif status.last_error:
        lines.append(t("sync.screen.failed", problem=status.last_error))
    return "\n".join(lines)


class SyncScreen(Localized, Screen):
    """Mode 7: how sync stands, and the conflicts to deal with."""

    DEFAULT_CSS = tcss(__file__, "sync_screen.tcss")

    BINDINGS = [
        Binding("c", "keep_current", "keys.keep_current", id="sync.keep_current"),
        Binding("b", "keep_lost", "keys.keep_lost", id="sync.keep_lost"),
        Binding("a", "toggle_all", "keys.show_all", id="sync.show_all"),
        Binding("s", "sync_now", "keys.sync", id="sync.now"),
    ]

    class Loaded(Message):
        def __init__(self, view: SyncView) -> None:
            super().__init__()
            self.view = view

    def __init__(self) -> None:
        super().__init__()
        self.show_all = False
        self.view: SyncView | None = None
        self._loaded_state: tuple[int, str] | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(t("accounts.loading"), id="sync-status")
        table = LazyTable(conflict_columns(), id="conflicts")
        table.placeholder = t("accounts.loading")
        table.rows_coming = True
        yield table
        yield Static("", id="conflict-detail")
        yield AppFooter()

    def on_mount(self) -> None:
        self.title = t("modes.sync")
        self.query_one(LazyTable).focus()
        on_data_change(self, self._reload)
        self.watch(self.app, "status_text", lambda _: self._reload(), init=False)
        self._reload(force=True)

    def on_screen_resume(self) -> None:
        self._reload()

    def _state(self) -> tuple[int, str]:
        app = katerm_app(self)
        return app.data_version, app.status_text

    def _reload(self, *, force: bool = False) -> None:
        # Noted before the worker starts: mounting, resuming and the footer's status all ask
        # for a load when the screen first opens, and each load counts the whole outbox.
        if force or (self.is_current and self._loaded_state != self._state()):
            self._loaded_state = self._state()
            self.load(katerm_app(self).sync_controller.fresh_status())

    @work(thread=True, exclusive=True, exit_on_error=False, group="sync-screen")
    def load(self, known: SyncStatus | None = None) -> None:
        """The status (``known``: the footer's, read after the last change) and the
        conflicts."""
        from katerm.core.sync.conflicts import load_conflict_rows
        from katerm.core.sync.status import load_status

        ws = workspace_of(self)
        status = known or load_status(ws.db)
        rows = load_conflict_rows(ws.db, include_acknowledged=self.show_all, limit=5000)
        self.post_message(self.Loaded(SyncView(status, rows)))

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        first_rows_painted(self)
        self.view = view = message.view
        self.query_one("#sync-status", Static).update(status_lines(view.status, clock_of(self)))
        table = self.query_one(LazyTable)
        table.placeholder = t("sync.screen.no_conflicts")

        def cells(row: int) -> list[str]:
            line = view.rows[row].line
            acknowledged = view.rows[row].conflict.acknowledged
            return [
                ("✓ " if acknowledged else "") + line.record,
                line.field,
                line.current,
                line.lost,
                line.kind,
                line.by,
                line.when,
            ]

        table.set_rows(len(view.rows), cells, keep_cursor=True)
        self._detail()

    @on(LazyTable.Highlighted)
    def _highlighted(self, _: LazyTable.Highlighted) -> None:
        self._detail()

    def _detail(self) -> None:
        row = self.selected()
        detail = self.query_one("#conflict-detail", Static)
        if row is None:
            detail.update(t("sync.screen.hint_empty"))
            return
        c, line = row.conflict, row.line
        text = t(
            "sync.screen.detail",
            record=line.record,
            field=line.field,
            current=line.current,
            lost=line.lost,
            kind=line.kind,
            by=line.by or "—",
        )
        hint = "sync.screen.hint" if c.can_restore else "sync.screen.hint_ack_only"
        detail.update(f"{text}\n{t(hint)}")

    def selected(self) -> ConflictRow | None:
        if self.view is None or not self.view.rows:
            return None
        row = self.query_one(LazyTable).cursor_row
        return self.view.rows[row] if row < len(self.view.rows) else None

    # --- actions ---------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("keep_current", "keep_lost") and self.selected() is None:
            return None  # dimmed; pressing it says why
        return True

    def why_not(self, action: str, parameters: tuple[object, ...]) -> str | None:
        if action in ("keep_current", "keep_lost"):
            return t("sync.screen.why_no_conflict")
        return None

    def action_keep_current(self) -> None:
        row = self.selected()
        if row is not None:
            self._resolve(row.conflict, lost=False)

    def action_keep_lost(self) -> None:
        row = self.selected()
        if row is None:
            return
        if not row.conflict.can_restore:
            self.notify(t("sync.conflicts.cannot_restore"), severity="warning")
            return
        self._resolve(row.conflict, lost=True)

    @work(thread=True, exclusive=True, exit_on_error=False, group="sync-resolve")
    def _resolve(self, conflict: ConflictView, *, lost: bool) -> None:
        from katerm.core.errors import KatermError
        from katerm.core.sync.conflicts import acknowledge, keep_lost

        ws = workspace_of(self)
        try:
            keep_lost(ws, conflict.key) if lost else acknowledge(ws, conflict.key)
        except KatermError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error")
            return
        self.app.call_from_thread(katerm_app(self).data_changed)

    def action_toggle_all(self) -> None:
        self.show_all = not self.show_all
        self.load()
        self.notify(
            t("sync.screen.showing_all" if self.show_all else "sync.screen.showing_open"),
            timeout=3,
        )

    def action_sync_now(self) -> None:
        katerm_app(self).action_sync()

    @on(LazyTable.Chosen)
    def _open(self, _: LazyTable.Chosen) -> None:
        row = self.selected()
        if row is None or row.account_id is None:
            return
        from katerm.app.accounts.account import AccountScreen

        katerm_app(self).current_account_id = row.account_id
        self.app.push_screen(AccountScreen(row.account_id))
