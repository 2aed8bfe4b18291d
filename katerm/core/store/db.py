"""Opening the local SQLite store: pragmas, migrations with a backup first, and plain errors.

Two ways in, both on the same file:

* :meth:`Database.reading` gives a plain ``sqlite3`` connection (one per thread) for list
  queries. The TUI's first screen needs nothing else, so it does not pay for importing
  SQLAlchemy and SQLModel before it paints.
* :meth:`Database.writing` gives a SQLAlchemy connection inside ``BEGIN IMMEDIATE`` for
  writes, which all go through :func:`katerm.core.store.apply`; :meth:`Database.session`
  gives a SQLModel session for single-record reads.

Every database is opened with WAL (readers never block the writer), foreign keys on, and a
busy timeout; an older database is backed up next to itself and then upgraded.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from katerm.core.errors import DatabaseProblem
from katerm.core.store import active, snapshot

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine
    from sqlmodel import Session

    from katerm.core.clock import Clock

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# Where a write connection carries the workspace's clock (``Connection.info``), so the write
# path stamps rows with the one clock rather than reading the machine's time itself.
CLOCK_KEY = "katerm.clock"
_REVISION_FILE = re.compile(r"^(\d{4})_\w+\.py$")


def busy_timeout_ms() -> int:
    """How long a write waits for another process's lock before giving up."""
    try:
        return max(0, int(os.environ.get("KATERM_BUSY_TIMEOUT_MS", "5000")))
    except ValueError:
        return 5000


def known_revisions() -> list[str]:
    """Revision ids shipped with this katerm, oldest first (``0001``, ``0002``, ...)."""
    found = []
    for name in os.listdir(MIGRATIONS_DIR / "versions"):
        match = _REVISION_FILE.match(name)
        if match:
            found.append(match.group(1))
    return sorted(found)


def schema_head() -> str:
    return known_revisions()[-1]


# --- errors -------------------------------------------------------------------------------


def explain(exc: BaseException, path: Path) -> DatabaseProblem | None:
    """Turn an SQLite error into a message that says what is wrong and what to do."""
    orig = getattr(exc, "orig", None) or exc
    if not isinstance(orig, sqlite3.Error):
        return None
    text = str(orig).lower()
    where = str(path)
    if "not a database" in text or "malformed" in text or "encrypted" in text:
        return DatabaseProblem("db.corrupt", hint="db.corrupt_hint", path=where)
    if "locked" in text or "busy" in text:
        return DatabaseProblem(
            "db.locked", hint="db.locked_hint", path=where, seconds=busy_timeout_ms() / 1000
        )
    if "readonly" in text or "read-only" in text:
        return DatabaseProblem("db.readonly", hint="db.readonly_hint", path=where)
    if "unable to open" in text:
        return DatabaseProblem("db.cannot_open", hint="db.readonly_hint", path=where)
    if "disk is full" in text or "disk i/o" in text:
        return DatabaseProblem("db.disk", hint="db.disk_hint", path=where, detail=str(orig))
    return None


@contextlib.contextmanager
def translated_errors(path: Path) -> Iterator[None]:
    """Re-raise SQLite errors as :class:`DatabaseProblem` where we can say something useful."""
    try:
        yield
    except DatabaseProblem:
        raise
    except Exception as exc:
        problem = explain(exc, path)
        if problem is None:
            raise
        raise problem from exc


# --- connections --------------------------------------------------------------------------


def connect(path: Path, *, create: bool = False) -> sqlite3.Connection:
    """A plain sqlite3 connection with katerm's pragmas, in autocommit mode."""
    mode = "rwc" if create else "rw"
    uri = f"file:{_uri_path(path)}?mode={mode}"
    conn = sqlite3.connect(
        uri,
        uri=True,
        isolation_level=None,
        check_same_thread=False,
        timeout=busy_timeout_ms() / 1000,
    )
    conn.execute(f"PRAGMA busy_timeout = {busy_timeout_ms()}")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = NORMAL")
    active.register(conn, path)  # active_scheme(): the workspace's tier scheme, in SQL
    return conn


def _uri_path(path: Path) -> str:
    from urllib.parse import quote

    return quote(str(path.absolute()))


class Database:
    """One katerm database file. Cheap to create; connections are made on first use.

    ``clock`` is the workspace's clock: writes are stamped with it. A database opened without
    one (a check, an upgrade) can be read but not written through the write path.
    """

    def __init__(self, path: Path, clock: Clock | None = None) -> None:
        self.path = Path(path)
        self.clock = clock
        self._engine: Engine | None = None
        self._local = threading.local()
        self._lock = threading.Lock()
        # Every thread's read connection, so close() can close them all (the demo replaces
        # the file: no connection may keep the old one open). A thread whose connection was
        # closed notices the new generation and reconnects.
        self._readers: list[sqlite3.Connection] = []
        self._generation = 0

    # reads ---------------------------------------------------------------------------------
    def _reader(self) -> sqlite3.Connection:
        local = self._local
        conn = getattr(local, "conn", None)
        if conn is None or getattr(local, "generation", -1) != self._generation:
            conn = connect(self.path)
            with self._lock:
                self._readers.append(conn)
                local.generation = self._generation
            local.conn = conn
            local.depth = 0
        return conn

    @contextlib.contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        """A consistent read: every query inside sees the same snapshot (nesting is fine)."""
        conn = self._reader()
        depth = getattr(self._local, "depth", 0)
        with translated_errors(self.path):
            if depth == 0:
                snapshot.begin(conn)  # BEGIN, and a memo for what the read works out once
            self._local.depth = depth + 1
            try:
                yield conn
            finally:
                self._local.depth = depth
                if depth == 0:
                    snapshot.end(conn)  # the memo dropped, COMMIT

    # writes --------------------------------------------------------------------------------
    @property
    def engine(self) -> Engine:
        with self._lock:
            if self._engine is None:
                self._engine = _make_engine(self.path, foreign_keys=True)
            return self._engine

    @contextlib.contextmanager
    def writing(self) -> Iterator[Connection]:
        """A write transaction (``BEGIN IMMEDIATE``): committed on success, rolled back on error."""
        with translated_errors(self.path), self.engine.begin() as conn:
            conn.info[CLOCK_KEY] = self.clock
            yield conn

    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        """A SQLModel session for reading single records as model objects."""
        from sqlmodel import Session

        with translated_errors(self.path), Session(self.engine) as session:
            yield session

    def close(self) -> None:
        """Close every connection of every thread; the next use opens new ones."""
        with self._lock:
            readers, self._readers = self._readers, []
            self._generation += 1
            engine, self._engine = self._engine, None
        for conn in readers:
            conn.close()
        self._local.conn = None
        if engine is not None:
            engine.dispose()

    # schema --------------------------------------------------------------------------------
    def schema_version(self) -> str | None:
        """The Alembic revision of the file, or None for an empty (new) database."""
        with translated_errors(self.path):
            conn = self._reader()
            tables = {
                r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
            if "alembic_version" not in tables:
                if tables - {"sqlite_sequence"}:
                    raise DatabaseProblem(
                        "db.not_katerm", hint="db.not_katerm_hint", path=str(self.path)
                    )
                return None
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            return row[0] if row else None


def _make_engine(path: Path, *, foreign_keys: bool) -> Engine:
    from sqlalchemy import create_engine, event

    def creator() -> sqlite3.Connection:
        conn = connect(path)
        if not foreign_keys:
            conn.execute("PRAGMA foreign_keys = OFF")
        return conn

    engine = create_engine("sqlite://", creator=creator)

    @event.listens_for(engine, "begin")
    def _begin_immediate(conn: Any) -> None:
        # Take the write lock up front: two writers never deadlock upgrading read locks.
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


# --- opening, upgrading, backing up -------------------------------------------------------


def backup(db_path: Path, dest: Path) -> Path:
    """A consistent copy of a live database (SQLite's online backup, safe under WAL)."""
    with translated_errors(db_path):
        src = connect(db_path)
        try:
            dst = sqlite3.connect(dest)
            try:
                src.backup(dst)
            finally:
                dst.close()
        finally:
            src.close()
    return dest


def backup_name(db_path: Path, revision: str, clock: Clock) -> Path:
    """``katerm.db.backup-<revision>-<local date and time>`` beside the database."""
    stamp = clock.local_now().strftime("%Y%m%d-%H%M%S")
    return db_path.with_name(f"{db_path.name}.backup-{revision}-{stamp}")


UpgradeNote = tuple[str, dict[str, object]]


def upgrade(db: Database, *, to: str = "head") -> list[UpgradeNote]:
    """Run the migrations in one transaction (foreign keys checked before it commits); returns
    what they report having changed in the data, e.g. the owners merged by revision 0011."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    notes: list[UpgradeNote] = []
    cfg.attributes["notes"] = notes
    engine = _make_engine(db.path, foreign_keys=False)
    try:
        with translated_errors(db.path), engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, to)
            broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise DatabaseProblem("db.migration_fk", path=str(db.path), count=len(broken))
    finally:
        engine.dispose()
    return notes


def open_database(
    path: Path,
    *,
    clock: Clock,
    create: bool = True,
    auto_upgrade: bool = True,
    on_backup: Callable[[Path], None] | None = None,
    on_notes: Callable[[list[UpgradeNote]], None] | None = None,
) -> Database:
    """Open (or create) a katerm database, upgrading an older one after backing it up.

    ``clock`` is the workspace's: it stamps every write and names the backup. ``on_notes`` is
    told what the upgrade changed in the data (see :func:`upgrade`), when it changed anything.
    """
    path = Path(path).expanduser().absolute()
    if path.is_dir():
        raise DatabaseProblem("db.is_directory", path=str(path))
    from katerm.core.store.tempfiles import remove_stale_temp_files

    remove_stale_temp_files(path)
    is_new = not path.exists()
    if not is_new and path.stat().st_size == 0:
        # Not a new database: something emptied it (a full disk, a bad copy). Replacing it
        # would hide that; the user decides, with the backups beside it named.
        backups = _backups_of(path)
        raise DatabaseProblem(
            "db.empty_file",
            path=str(path),
            backups=backups,
            hint="db.empty_file_hint" if backups else "db.empty_file_fresh",
        )
    if is_new:
        if not create:
            raise DatabaseProblem("db.missing", hint="db.missing_hint", path=str(path))
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DatabaseProblem(
                "db.cannot_create",
                hint="db.readonly_hint",
                path=str(path),
                detail=exc.strerror or str(exc),
            ) from exc
    if not os.access(path.parent, os.W_OK) or (not is_new and not os.access(path, os.W_OK)):
        raise DatabaseProblem("db.readonly", hint="db.readonly_hint", path=str(path))
    with translated_errors(path):
        boot = connect(path, create=True)
        try:
            boot.execute("PRAGMA journal_mode = WAL")
        finally:
            boot.close()
    db = Database(path, clock)
    version = db.schema_version()
    head = schema_head()
    if version == head:
        return db
    if version is not None and version not in known_revisions():
        raise DatabaseProblem(
            "db.too_new", hint="db.too_new_hint", path=str(path), version=version, head=head
        )
    if version is not None and not auto_upgrade:
        raise DatabaseProblem(
            "db.needs_upgrade",
            hint="db.needs_upgrade_hint",
            path=str(path),
            version=version,
            head=head,
        )
    if version is not None:
        copy = backup(path, backup_name(path, version, clock))
        if on_backup:
            on_backup(copy)
    db.close()
    notes = upgrade(db)
    if notes and on_notes:
        on_notes(notes)
    return db


def _backups_of(path: Path) -> list[str]:  # a list: the message joins it in its language
    found = sorted(p.name for p in path.parent.glob(f"{path.name}.backup-*"))
    return found[-3:]


def check(db: Database) -> list[tuple[str, dict[str, object]]]:
    """Problems found by a full integrity check and a schema check, as (message key, params).

    An empty list means the database is healthy.
    """
    problems: list[tuple[str, dict[str, object]]] = []
    with db.reading() as conn:
        for (line,) in conn.execute("PRAGMA integrity_check"):
            if line != "ok":
                problems.append(("db.check_integrity", {"detail": line}))
        for row in conn.execute("PRAGMA foreign_key_check"):
            problems.append(("db.check_fk", {"table": row[0], "row": row[1], "parent": row[2]}))
    version = db.schema_version()
    if version != schema_head():
        problems.append(("db.check_schema", {"version": version, "head": schema_head()}))
    return problems
