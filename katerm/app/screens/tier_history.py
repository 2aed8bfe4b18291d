"""The account screen's "Tier history" tab: every change of the tier, and any manual override.

Old tier, new tier, who, when and why, newest first (``katerm.core.tier_history``), with the
reason of a manual override on top: it is why the tier is what it is.
"""

from __future__ import annotations

from datetime import datetime

from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from katerm.app.context import clock_of
from katerm.core.tier_history import TierChangeRecord
from katerm.i18n import t
from katerm.i18n.fmt import fmt_date


def _tier(tier: str | None) -> str:
    return t(f"fields.tier.{tier}") if tier else t("pyramid.untiered")


class TierHistoryPane(Vertical):
    DEFAULT_CSS = """
    TierHistoryPane { height: 1fr; }
    TierHistoryPane #override { height: auto; padding: 0 1; color: $warning; }
    TierHistoryPane #override.-none { color: $text-muted; }
    TierHistoryPane DataTable { height: 1fr; }
    """

    def __init__(self, account_id: str) -> None:
        super().__init__()
        self.account_id = account_id

    def compose(self) -> ComposeResult:
        yield Static("", id="override")
        table: DataTable[str] = DataTable(cursor_type="row", zebra_stripes=True,
                                          id="history-table")
        for key in ("when", "change", "who", "source", "reason"):
            table.add_column(t(f"pyramid.history.{key}"), key=key)
        yield table

    def on_mount(self) -> None:
        self.watch(self.app, "data_version", lambda _: self.load(), init=False)
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="tier-history")
    def load(self) -> None:
        from katerm.core.accounts import get_account
        from katerm.core.tier_history import history

        ws = self.app.ws  # type: ignore[attr-defined]
        record = get_account(ws.db, self.account_id)
        changes = history(ws.db, self.account_id)
        self.app.call_from_thread(self._show, record.tier, record.tier_override_reason, changes)

    def _show(self, tier: str | None, reason: str, changes: list[TierChangeRecord]) -> None:
        override = self.query_one("#override", Static)
        override.set_class(not reason, "-none")
        override.update(t("pyramid.history.override", tier=_tier(tier), reason=reason)
                        if reason else t("pyramid.history.no_override"))
        table = self.query_one(DataTable)
        table.clear()
        tz = clock_of(self.app).tz
        for change in changes:
            when = fmt_date(datetime.fromisoformat(change.changed_at).astimezone(tz))
            table.add_row(when, f"{_tier(change.old_tier)} → {_tier(change.new_tier)}",
                          change.changed_by, t(f"pyramid.source.{change.source}"),
                          change.reason, key=change.id)
        if not changes:
            table.add_row("", t("pyramid.history.none"), "", "", "")
