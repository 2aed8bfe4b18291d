"""`katerm db upgrade|check|backup`: look after the database file."""

from __future__ import annotations

import argparse
from pathlib import Path

from katerm.cli.context import CliContext, note_text
from katerm.core.errors import EXIT_DATABASE, BadInput
from katerm.i18n import render, t


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    db = sub.add_parser(
        "db", parents=[common], help=t("cli.db.help"), description=t("cli.db.description")
    )
    actions = db.add_subparsers(
        dest="db_command", metavar="COMMAND", title=t("cli.commands_title"), required=True
    )
    up = actions.add_parser("upgrade", parents=[common], help=t("cli.db.upgrade_help"))
    up.set_defaults(handler=upgrade_cmd)
    chk = actions.add_parser("check", parents=[common], help=t("cli.db.check_help"))
    chk.set_defaults(handler=check_cmd)
    bak = actions.add_parser("backup", parents=[common], help=t("cli.db.backup_help"))
    bak.add_argument("file", metavar="FILE", help=t("cli.db.backup_file"))
    bak.add_argument("--force", action="store_true", help=t("cli.db.backup_force"))
    bak.set_defaults(handler=backup_cmd)


def upgrade_cmd(ctx: CliContext, args: argparse.Namespace) -> int:
    from katerm.core.store import open_database, schema_head
    from katerm.core.workspace import environment_clock

    before = _version_of(ctx.paths.db_file)

    def announce(path: Path) -> None:
        ctx.warn(t("db.backup_written", path=str(path)))

    def report(notes: list[tuple[str, dict[str, object]]]) -> None:
        for key, params in notes:
            ctx.say(note_text(key, params))

    # The clock names the backup (as opening a workspace does: KATERM_NOW pins it).
    db = open_database(
        ctx.paths.db_file,
        clock=environment_clock(),
        create=False,
        on_backup=announce,
        on_notes=report,
    )
    db.close()
    if before == schema_head():
        ctx.say(t("cli.db.up_to_date", version=schema_head(), path=str(ctx.paths.db_file)))
    else:
        ctx.say(
            t("cli.db.upgraded", old=before or "-", new=schema_head(), path=str(ctx.paths.db_file))
        )
    return 0


def _version_of(path: Path) -> str | None:
    from katerm.core.store import Database

    if not path.exists():
        return None
    db = Database(path)
    try:
        return db.schema_version()
    finally:
        db.close()


def check_cmd(ctx: CliContext, args: argparse.Namespace) -> int:
    from katerm.core.store import Database, check, schema_head

    path = ctx.paths.db_file
    if not path.exists():
        from katerm.core.errors import DatabaseProblem

        raise DatabaseProblem("db.missing", hint="db.missing_hint", path=str(path))
    db = Database(path)
    try:
        problems = check(db)
        version = db.schema_version()
    finally:
        db.close()
    ctx.say(t("cli.db.check_file", path=str(path)))
    ctx.say(t("cli.db.check_version", version=version or "-", head=schema_head()))
    quarantined = _quarantined(db.path if hasattr(db, "path") else path)
    if quarantined:
        ctx.say(f"  ! {t('cli.db.check_quarantine', count=quarantined)}")
    if not problems:
        ctx.say(t("cli.db.check_ok"))
        return 0
    for key, params in problems:
        ctx.say(f"  ✗ {render(key, params)}")
    ctx.warn(t("cli.db.check_failed", count=len(problems)))
    return EXIT_DATABASE


def _quarantined(path: Path) -> int:
    """Rows from the sync server set aside (not a problem of the file: said, not failed)."""
    import sqlite3

    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return int(conn.execute("SELECT count(*) FROM sync_quarantine").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:  # an old database without the table: nothing set aside
        return 0


def backup_cmd(ctx: CliContext, args: argparse.Namespace) -> int:
    from katerm.core.store import backup

    dest = Path(args.file).expanduser().absolute()
    if dest.exists() and not args.force:
        raise BadInput("cli.db.backup_exists", path=str(dest))
    if dest.resolve() == ctx.paths.db_file.resolve():
        raise BadInput("cli.db.backup_same", path=str(dest))
    ctx.workspace()  # open (and upgrade) as usual: the backup is of a healthy database
    if not dest.parent.is_dir():
        raise BadInput("cli.db.backup_no_folder", path=str(dest.parent))
    tmp = dest.with_name(dest.name + ".part")
    backup(ctx.paths.db_file, tmp)
    tmp.replace(dest)
    ctx.say(t("cli.db.backup_done", path=str(dest)))
    return 0
