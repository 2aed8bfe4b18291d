"""The account screen's "Tier history" tab: every change of the tier, and any manual override.

Old tier, new tier, who, when and why, newest first (``katerm.core.pyramid.history``), with the
reason of a manual override on top: it is why the tier is what it is.
"""

from __future__ import annotations

from datetime import datetime

from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from katerm.app.context import clock_of, on_data_change, workspace_of
from katerm.app.styles import tcss
from katerm.app.widgets.columns import Column
from katerm.app.widgets.fitted_table import FittedTable, Row
from katerm.core.pyramid import TierChangeRecord
from katerm.i18n import t
from katerm.i18n.fmt import fmt_date


def _tier(tier: str | None) -> str:
    return t(f"fields.tier.{tier}") if tier else t("pyramid.untiered")


class TierHistoryPane(Vertical):
    DEFAULT_CSS = tcss(__file__, "tier_history_pane.tcss")

    def __init__(self, account_id: str) -> None:
        super().__init__()
        self.account_id = account_id

    def compose(self) -> ComposeResult:
        yield Static("", id="override")
        # Fitted to the width: a plain DataTable's right edge cut a reason with no ….
        label = lambda key: t(f"pyramid.history.{key}")  # noqa: E731
        columns = [
            Column("when", label("when"), 10, priority=0, whole=True),
            Column("change", label("change"), 8, priority=0, whole=True),
            Column("who", label("who"), 6, priority=2, whole=True),
            Column("source", label("source"), 6, priority=3, whole=True),
            Column("reason", label("reason"), 8, priority=1, grow=1),
        ]
        yield FittedTable(columns, id="history-table")

    def on_mount(self) -> None:
        on_data_change(self, self.load)
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="tier-history")
    def load(self) -> None:
        from katerm.core.accounts import get_account
        from katerm.core.pyramid import tier_history

        ws = workspace_of(self)
        record = get_account(ws.db, self.account_id)
        changes = tier_history(ws.db, self.account_id)
        self.app.call_from_thread(self._show, record.tier, record.tier_override_reason, changes)

    def _show(self, tier: str | None, reason: str, changes: list[TierChangeRecord]) -> None:
        override = self.query_one("#override", Static)
        override.set_class(not reason, "-none")
        override.update(
            t("pyramid.history.override", tier=_tier(tier), reason=reason)
            if reason
            else t("pyramid.history.no_override")
        )
        tz = clock_of(self).tz
        rows: list[Row] = [
            (
                change.id,
                [
                    fmt_date(datetime.fromisoformat(change.changed_at).astimezone(tz)),
                    f"{_tier(change.old_tier)} → {_tier(change.new_tier)}",
                    change.changed_by,
                    t(f"pyramid.source.{change.source}"),
                    change.reason,
                ],
            )
            for change in changes
        ]
        self.query_one(FittedTable).show(
            rows or [("none", ["", t("pyramid.history.none"), "", "", ""])]
        )
