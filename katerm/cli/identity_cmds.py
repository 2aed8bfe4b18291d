"""`katerm whoami` and `katerm config get|set|show|list` (the team's base currency and rates
too: katerm.cli.money_cfg)."""

from __future__ import annotations

import argparse

from katerm.cli.context import CliContext
from katerm.i18n import t


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    who = sub.add_parser(
        "whoami",
        parents=[common],
        help=t("cli.whoami.help"),
        description=t("cli.whoami.description"),
    )
    who.set_defaults(handler=whoami_cmd)

    cfg = sub.add_parser(
        "config",
        parents=[common],
        help=t("cli.config.help"),
        description=t("cli.config.description"),
    )
    actions = cfg.add_subparsers(
        dest="config_command", metavar="COMMAND", title=t("cli.commands_title"), required=True
    )
    set_ = actions.add_parser("set", parents=[common], help=t("cli.config.set_help"))
    set_.add_argument("key", metavar="KEY")
    set_.add_argument("value", metavar="VALUE")
    set_.set_defaults(handler=config_set_cmd)
    get = actions.add_parser("get", parents=[common], help=t("cli.config.get_help"))
    get.add_argument("key", metavar="KEY")
    get.set_defaults(handler=config_get_cmd)
    show = actions.add_parser(
        "show", aliases=["list"], parents=[common], help=t("cli.config.show_help")
    )
    show.set_defaults(handler=config_show_cmd)


def whoami_cmd(ctx: CliContext, args: argparse.Namespace) -> int:
    ws = ctx.workspace()
    ctx.say(ws.me.login)
    if ws.me.name:
        ctx.say(ws.me.name)
    ctx.say(t("cli.whoami.database", path=str(ws.paths.db_file)))
    return 0


def config_set_cmd(ctx: CliContext, args: argparse.Namespace) -> int:
    from katerm.cli.money_cfg import is_money_key, set_money
    from katerm.core.config import canonical_key, set_value

    if is_money_key(args.key):
        return set_money(ctx, args.key, args.value)
    key = canonical_key(args.key)
    _check_setting(ctx, key, args.value)
    stored = set_value(ctx.paths.config_file, key, args.value)
    if key in ("user.login", "user.name"):
        _sync_identity(ctx)
    if key.startswith("keys.") and not stored:
        from katerm.app.keynames import show_key, split_keys
        from katerm.app.keys import all_bindings

        default = all_bindings()[key[5:]].key
        shown = [show_key(k) for k in split_keys(default)]  # joined by the message
        ctx.say(
            t("cli.config.key_default", key=key, default=shown, path=str(ctx.paths.config_file))
        )
        return 0
    ctx.say(t("cli.config.set_done", key=key, value=stored, path=str(ctx.paths.config_file)))
    return 0


def _check_setting(ctx: CliContext, key: str, value: str) -> None:
    """Refuse a key setting the app cannot use (no such binding id, a key already taken where
    it applies) and a theme it does not have, before anything is written."""
    from katerm.core.errors import ConfigProblem

    if key.startswith("keys."):
        from katerm.app.keys import check_remap

        reason = check_remap(key[5:], value.strip(), ctx.settings.keys)
        if reason:
            raise ConfigProblem("cli.config.refused", reason=reason)
    if key == "theme" and value.strip():
        from textual.theme import BUILTIN_THEMES

        from katerm.app.themes import discover

        themes, _ = discover(ctx.paths.themes_dir)
        names = [t.name for t in themes] + sorted(BUILTIN_THEMES)
        if value.strip() not in names:
            raise ConfigProblem(
                "cli.config.unknown_theme",
                value=value.strip(),
                choices=tuple(names),
                folder=str(ctx.paths.themes_dir),
            )


def _sync_identity(ctx: CliContext) -> None:
    """A new login or name takes effect in the database at once (the user is created if new)."""
    from katerm.core import store
    from katerm.core.config import load_settings
    from katerm.core.team import ensure_user

    ctx.settings = load_settings(ctx.paths.config_file)
    ws = ctx.workspace()
    me, _ = ensure_user(ws.db, ctx.settings.login, ctx.settings.name)
    if ctx.settings.name and me.name != ctx.settings.name:
        with ws.db.writing() as conn:
            store.update(conn, "users", me.id, {"name": ctx.settings.name}, actor_id=me.id)


def config_get_cmd(ctx: CliContext, args: argparse.Namespace) -> int:
    from katerm.cli.money_cfg import get_money, is_money_key
    from katerm.core.config import get_value

    if is_money_key(args.key):
        return get_money(ctx, args.key)
    ctx.say(get_value(ctx.paths.config_file, args.key))
    return 0


def config_show_cmd(ctx: CliContext, args: argparse.Namespace) -> int:
    from katerm.cli.money_cfg import rate_lines

    s = ctx.settings
    p = ctx.paths
    rows = [
        ("user.login", s.login),
        ("user.name", s.name),
        ("language", s.language or ctx.lang),
        ("theme", s.theme),
        ("tier_scheme", s.tier_scheme),
        *((f"keys.{k}", v) for k, v in sorted(s.keys.items())),
    ]
    for key, value in rows:
        ctx.say(f"{key} = {value}")
    # The team's money settings, from the database (every member converts alike).
    for line in rate_lines(ctx):
        ctx.say(line)
    ctx.say()
    for label, path in (
        ("config_file", p.config_file),
        ("database", p.db_file),
        ("data_dir", p.data_dir),
        ("cache_dir", p.cache_dir),
        ("log_dir", p.log_dir),
        ("themes_dir", p.themes_dir),
    ):
        ctx.say(t("cli.config.path_line", label=t("cli.config.path_" + label), path=str(path)))
    return 0
