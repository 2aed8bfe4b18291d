"""Sync in the background: every few minutes and on a key, never making the UI wait.

The controller runs ``katerm.core.sync.run.sync`` in a thread worker when the database is
logged in to a server (``katerm login``), and keeps the footer's status slot up to date:
offline, syncing, last synced, changes waiting, open conflicts. The interval comes from the
settings (``[sync] interval_minutes``, default 5; 0 syncs only on the key). A background sync
never asks for a password: without one in the keyring or ``KATERM_PASSWORD`` it says so.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from katerm.core.clock import Clock
from katerm.core.sync.status import SyncStatus
from katerm.i18n import t, tn

if TYPE_CHECKING:
    from textual.notifications import SeverityLevel

    from katerm.app.app import KatermApp

DEFAULT_INTERVAL_MINUTES = 5.0
FIRST_SYNC_AFTER = 3.0  # seconds after start: the first screen paints first
STATUS_WIDTH = 38  # cells of the footer's status slot (AppFooter: 40 with its padding)


def interval_minutes(settings: Any) -> float:
    raw = settings.section("sync").get("interval_minutes", DEFAULT_INTERVAL_MINUTES)
    try:
        return max(0.0, float(raw))
    except (TypeError, ValueError):
        return DEFAULT_INTERVAL_MINUTES


def status_text(
    status: SyncStatus | None, clock: Clock, *, syncing: bool = False
) -> tuple[str, bool]:
    """The footer's text and whether it reports a problem ("" when not logged in)."""
    if status is None or not status.logged_in:
        return "", False
    from katerm.i18n.fmt import fmt_int

    pending = (
        tn("sync.status.pending", status.pending, n=fmt_int(status.pending))
        if status.pending
        else ""
    )
    conflicts = (
        tn("sync.status.conflicts", status.conflicts, n=fmt_int(status.conflicts))
        if status.conflicts
        else ""
    )
    short = None
    if syncing:
        head, problem = t("sync.status.syncing"), False
    elif status.offline:
        head, problem = t("sync.status.offline"), True
    elif status.last_error:
        head, problem = t("sync.status.failed"), True
    elif status.last_sync_at:
        when = when_text(status.last_sync_at, clock)
        head, problem = t("sync.status.synced", when=when), False
        short = t("sync.status.synced_short", when=when)
    else:
        head, problem = t("sync.status.never"), False
    text = _fit(
        [head, pending, conflicts], [short or head, pending, conflicts], [pending, conflicts]
    )
    return text, problem or bool(status.held)


def _fit(*choices: list[str]) -> str:
    """The first wording that fits the footer's slot (the last one regardless)."""
    from rich.cells import cell_len

    text = ""
    for parts in choices:
        text = " · ".join(p for p in parts if p)
        if cell_len(text) <= STATUS_WIDTH:
            return text
    return text


def when_text(iso: str, clock: Clock) -> str:
    """A sync time for people, in their zone: the hour today, else the day."""
    try:
        moment = datetime.fromisoformat(iso).astimezone(clock.tz)
    except ValueError:
        return iso[:16]
    today = clock.today()
    if moment.date() == today:
        return moment.strftime("%H:%M")
    return moment.strftime("%m-%d" if moment.year == today.year else "%Y-%m-%d")


class SyncController:
    """Owned by the app; all its work happens in thread workers."""

    def __init__(self, app: KatermApp) -> None:
        self.app = app
        self.status: SyncStatus | None = None
        self.syncing = False
        self._timers_set = False
        self._told: set[str] = set()  # problems already shown as a notification
        self._version = -1  # the data version the status was last read for
        self._asked = 0  # status reads asked for so far
        self._answered = 0  # the one the status answers

    def start(self) -> None:
        self._version = self.app.data_version
        self.app.watch(self.app, "data_version", self._data_changed, init=False)
        self.refresh()

    def _data_changed(self, version: int) -> None:
        # Textual calls the watcher once more with the unchanged value when it sets up the
        # app's reactives after on_mount: that read (the outbox counted) is not needed.
        if version != self._version:
            self._version = version
            self.refresh()

    # --- status ---------------------------------------------------------------------------
    def refresh(self) -> None:
        self._asked += 1
        asked = self._asked
        self.app.run_worker(
            lambda: self._read_status(asked),
            thread=True,
            exclusive=True,
            group="sync-status",
            exit_on_error=False,
        )

    def _read_status(self, asked: int) -> None:
        from katerm.core.sync.status import load_status

        self.app.call_from_thread(self._show, load_status(self.app.ws.db), asked)

    def fresh_status(self) -> SyncStatus | None:
        """The status as read after the last change (data, a sync), if no read has been asked
        since and none runs: the sync screen shows it without counting the outbox again (a
        tenth of a second at 100k accounts, beside the screen's first paint)."""
        asked_for_now = self._version == self.app.data_version  # its watcher has run
        fresh = asked_for_now and self._answered == self._asked and not self.syncing
        return self.status if fresh else None

    def _show(self, status: SyncStatus, asked: int | None = None) -> None:
        if asked is not None:
            self._answered = asked
        self.status = status
        text, problem = status_text(status, self.app.ws.clock, syncing=self.syncing)
        self.app.status_problem = problem
        self.app.status_text = text
        if status.logged_in and not self._timers_set:
            self._timers_set = True
            minutes = interval_minutes(self.app.ws.settings)
            if minutes > 0:
                self.app.set_interval(minutes * 60, self.auto_sync)
                self.app.set_timer(FIRST_SYNC_AFTER, self.auto_sync)

    # --- syncing --------------------------------------------------------------------------
    def auto_sync(self) -> None:
        if self.status is not None and self.status.logged_in:
            self.sync_now(quiet=True)

    def sync_now(self, *, quiet: bool = False) -> None:
        """Start a sync unless one is running; ``quiet`` for the timer (no "not logged in")."""
        if self.syncing:
            return
        if self.status is not None and not self.status.logged_in:
            if not quiet:
                self.app.notify(t("sync.status.log_in_first"), severity="warning", timeout=8)
            return
        self.syncing = True
        if self.status is not None:
            self._show(self.status)
        self.app.run_worker(
            lambda: self._sync(quiet),
            thread=True,
            exclusive=True,
            group="sync",
            exit_on_error=False,
        )

    def _sync(self, quiet: bool) -> None:
        from katerm.core.errors import KatermError, Offline
        from katerm.core.sync.run import sync

        ws = self.app.ws
        message: tuple[str, SeverityLevel] | None = None
        changed = False
        try:
            summary = sync(ws, prompt=False)
            changed = bool(
                summary.changed
                or summary.purged
                or summary.conflicts
                or summary.denied
                or summary.refused
                or summary.quarantined
            )
            if summary.conflicts and not quiet:
                message = (tn("sync.cli.new_conflicts", summary.conflicts), "warning")
            if summary.refused:  # said even in the background: the change went nowhere
                message = (tn("sync.cli.refused", summary.refused), "warning")
        except Offline:
            message = None if quiet else (t("sync.status.offline_note"), "warning")
        except KatermError as exc:
            if not quiet or exc.key not in self._told:
                self._told.add(exc.key)
                message = (str(exc), "error")
        finally:
            # Even after a bug the status must not say "syncing…" for ever.
            self.syncing = False
            self.app.call_from_thread(self._done, changed, message)

    def _done(self, changed: bool, message: tuple[str, SeverityLevel] | None) -> None:
        if message is not None:
            self.app.notify(message[0], severity=message[1], timeout=10)
        self.app.refresh_identity()
        if changed:
            self.app.data_changed()  # screens reload; the status follows data_version
        else:
            self.refresh()
