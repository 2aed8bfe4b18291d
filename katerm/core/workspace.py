"""Everything a command or the TUI works with: paths, settings, the database and who I am."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from katerm.core import store, workdays
from katerm.core.clock import BadClock, Clock
from katerm.core.config import Settings, ensure_config_file, load_settings
from katerm.core.errors import BadInput
from katerm.core.store import Database, UpgradeNote, open_database
from katerm.core.team import Member, ensure_user
from katerm.paths import Paths


@dataclass
class Workspace:
    paths: Paths
    settings: Settings
    db: Database
    me: Member

    @property
    def clock(self) -> Clock:
        """The one clock: "now" and "today" for everything this workspace does."""
        clock = self.db.clock
        assert clock is not None  # open_workspace always gives the database one
        return clock

    def close(self) -> None:
        self.db.close()


def open_workspace(
    paths: Paths,
    *,
    settings: Settings | None = None,
    create: bool = True,
    on_backup: Callable[[Path], None] | None = None,
    clock: Clock | None = None,
    write_config: bool = True,
    on_notes: Callable[[list[UpgradeNote]], None] | None = None,
) -> Workspace:
    """Open the user's database (creating and upgrading as needed) and make sure I exist in it.

    ``clock`` defaults to the machine's, or the moment ``KATERM_NOW`` pins (read here, once).
    The features' observers, measures and sections are registered first (``plugins``).
    """
    from katerm.core import plugins

    plugins.install()
    settings = settings or load_settings(paths.config_file)
    workdays.use(settings.workdays)  # how everything counts working days from now on
    if clock is None:
        clock = environment_clock()
    db = open_database(
        paths.db_file, clock=clock, create=create, on_backup=on_backup, on_notes=on_notes
    )
    store.set_active_scheme(paths.db_file, settings.tier_scheme)  # what SQL shows as "tier"
    me, _ = ensure_user(db, settings.login, settings.name)
    if write_config:  # not for a throwaway database (katerm demo --db X)
        ensure_config_file(paths.config_file, settings)
    return Workspace(paths, settings, db, me)


def environment_clock() -> Clock:
    """The clock a workspace gets by default; a bad ``KATERM_NOW`` is the user's to fix."""
    try:
        return Clock.from_environment()
    except BadClock as exc:
        raise BadInput("clock.bad_now", value=exc.value) from None
