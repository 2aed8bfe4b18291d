"""The ``katerm`` command: argument parsing and error reporting only.

Each subcommand lives in its own module under ``katerm/cli/`` with a ``register(sub, common)``
function that adds its parser and sets ``handler`` to a function ``(ctx, args) -> int``.
Handlers call into ``katerm.core`` (and ``katerm.app`` for the TUI); heavy imports happen
inside handlers so ``katerm --help`` and ``katerm whoami`` stay instant.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from typing import cast

from katerm import __version__
from katerm.cli.argparse_i18n import HelpFormatter
from katerm.cli.context import CliContext, EarlyOptions, early_options
from katerm.core.errors import EXIT_ERROR, KatermError
from katerm.i18n import t

# Order here is the order in `katerm --help`.
COMMAND_MODULES = (
    "katerm.cli.demo_cmd",
    "katerm.cli.io_cmds",
    "katerm.cli.pyramid_cmds",
    "katerm.cli.evaluation_cmds",
    "katerm.cli.influence_cmd",
    "katerm.cli.gaps_cmd",
    "katerm.cli.plan_cmds",
    "katerm.cli.competitors_cmd",
    "katerm.cli.routines_cmd",
    "katerm.cli.leads_cmd",
    "katerm.cli.log_cmd",
    "katerm.cli.review_cmds",
    "katerm.cli.calendar_cmd",
    "katerm.cli.db_cmds",
    "katerm.cli.identity_cmds",
    "katerm.cli.sync_cmds",
    "katerm.cli.team_cmds",
)


# The commands that may start a new database at ``--db PATH`` (None: the app itself).
CREATING = frozenset({None, "import", "demo"})


class _Parser(argparse.ArgumentParser):
    def _check_value(self, action: argparse.Action, value: object) -> None:
        """argparse lists the choices as Python does ('demo', 'import', ...): English quotes
        and commas in a Chinese message. They are a list handed to the message, joined the
        language's way (demo、import、…)."""
        choices = action.choices
        if choices is not None and value not in choices:
            listed = [str(c) for c in choices]
            raise argparse.ArgumentError(
                action, t("argparse.invalid_choice", value=value, choices=listed)
            )

    def error(self, message: str) -> None:  # type: ignore[override]
        # argparse joins the missing arguments with ", " (URL, --user): the language's way.
        required = argparse._("the following arguments are required: %s").split("%s")[0]  # type: ignore[attr-defined]
        if message.startswith(required):
            missing = message[len(required) :].split(", ")
            group = _commands_of(self)
            if group is not None and argparse._get_action_name(group) in missing:
                self._list_commands(group)  # `katerm review`: what it can do, not an error
            message = required + t("dialog.names", names=missing)
        self.print_usage(sys.stderr)
        self.exit(2, f"katerm: {t('cli.error')}{message}\n")

    def _list_commands(self, group: argparse._SubParsersAction) -> None:
        """A command group run without its command: its usage, then each command with its
        one-line description (the same texts as ``--help``), and how to learn more. Exit 2:
        nothing was done."""
        formatter = self._get_formatter()
        formatter.add_usage(self.usage, self._actions, self._mutually_exclusive_groups)
        formatter.start_section(t("cli.commands_title"))
        for command in group._get_subactions():
            formatter.add_argument(command)
        formatter.end_section()
        formatter.add_text(t("cli.group_more", prog=self.prog, command=group.metavar or "COMMAND"))
        self.exit(2, formatter.format_help())


def _commands_of(parser: argparse.ArgumentParser) -> argparse._SubParsersAction | None:
    """The commands of a command group (``katerm review``), or None for a plain command."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action
    return None


class _SubParser(_Parser):
    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        """An unknown option is this command's error, with this command's usage: argparse
        hands a subcommand's leftovers up to ``katerm`` itself, whose usage says nothing of
        ``export``'s options (``katerm export accounts --bogus``)."""
        parsed, extras = super().parse_known_args(args, namespace)
        if extras:
            message = argparse._("unrecognized arguments: %s") % " ".join(extras)  # type: ignore[attr-defined]
            for extra in extras:  # `katerm export --template`: the command that has it
                owners = _OPTION_OWNERS.get(extra.split("=", 1)[0], [])
                if owners:
                    places = [f"katerm {o}" for o in owners]
                    message += "\n" + t("cli.option_elsewhere", option=extra, commands=places)
                    break
            self.error(message)
        return cast("argparse.Namespace", parsed), extras


# Each command's own options (``--template``: ``import``), for the error of another command
# given one of them. Filled by build_parser().
_OPTION_OWNERS: dict[str, list[str]] = {}


def _note_options(parser: argparse.ArgumentParser, path: str) -> None:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                _note_options(child, f"{path} {name}".strip())
        elif path and action.option_strings and action.dest not in ("help", "db", "lang", "debug"):
            for option in action.option_strings:
                owners = _OPTION_OWNERS.setdefault(option, [])
                if path not in owners:
                    owners.append(path)


def build_parser() -> argparse.ArgumentParser:
    from katerm.cli.argparse_i18n import install

    install()
    common = argparse.ArgumentParser(add_help=False)
    _add_global_options(common, suppress=True)
    parser = _Parser(
        prog="katerm",
        description=t("cli.description"),
        epilog=t("cli.epilog"),
        formatter_class=HelpFormatter,
    )
    parser.add_argument(
        "--version", action="version", version=f"katerm {__version__}", help=t("cli.opt_version")
    )
    _add_global_options(parser, suppress=False)
    sub = parser.add_subparsers(
        dest="command", metavar="COMMAND", title=t("cli.commands_title"), parser_class=_SubParser
    )
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub, common)
    _OPTION_OWNERS.clear()
    _note_options(parser, "")
    return parser


def _add_global_options(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    # On subcommands the defaults are SUPPRESS so `katerm --db X import ...` is not reset.
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument("--db", metavar="PATH", default=default, help=t("cli.opt_db"))
    parser.add_argument("--lang", metavar="LANG", default=default, help=t("cli.opt_lang"))
    parser.add_argument(
        "--debug",
        action="store_true",
        default=argparse.SUPPRESS if suppress else False,
        help=t("cli.opt_debug"),
    )


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    early = early_options(argv)
    try:
        ctx = CliContext.create(db=early.db, lang=early.lang, debug=early.debug)
    except KatermError as exc:
        return report(exc, debug=early.debug)
    args = plain_launch(argv, early)
    if args is None:
        args = build_parser().parse_args(argv)
    handler = getattr(args, "handler", None)
    ctx.creates = getattr(args, "command", None) in CREATING
    try:
        check_argument_lengths(args)
        if handler is None:
            from katerm.cli.tui_cmd import run_tui

            return run_tui(ctx, args)
        return int(handler(ctx, args) or 0)
    except KatermError as exc:
        return report(exc, debug=ctx.debug)
    except KeyboardInterrupt:
        print(t("errors.interrupted"), file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:
        if ctx.debug:
            raise
        from katerm.core.errors import os_problem
        from katerm.core.store import explain

        return report(explain(exc, ctx.paths.db_file) or os_problem(exc), debug=False)
    except Exception as exc:
        if ctx.debug:
            raise
        from katerm.core.store import explain

        problem = explain(exc, ctx.paths.db_file)
        if problem is not None:
            return report(problem, debug=False)
        print(
            f"katerm: {t('errors.unexpected', detail=f'{type(exc).__name__}: {exc}')}",
            file=sys.stderr,
        )
        print(t("errors.unexpected_hint"), file=sys.stderr)
        return EXIT_ERROR


def plain_launch(argv: Sequence[str], early: EarlyOptions) -> argparse.Namespace | None:
    """The arguments of a plain ``katerm`` (the app), with only ``--db``/``--lang``/``--debug``.

    What the full parser would give for them, without building it: building it imports every
    command's module, a good part of the time before the app's first screen. The values are
    those :func:`early_options` read (``early``); this only checks nothing else was given (a
    command, ``--help``, an abbreviation, a missing value, ``--``: None, for the parser).
    """
    items = iter(argv)
    for arg in items:
        if arg == "--debug":
            continue
        name, eq, _value = arg.partition("=")
        if name not in ("--db", "--lang"):
            return None
        if not eq and next(items, "-").startswith("-"):  # missing, or read as an option
            return None
    return argparse.Namespace(db=early.db, lang=early.lang, debug=early.debug, command=None)


# The longest text any field keeps (notes); an argument beyond it is refused before it is
# used, let alone put into a query.
MAX_ARGUMENT = 10_000


def check_argument_lengths(args: argparse.Namespace) -> None:
    """Refuse an over-long argument with its option named, before any command runs."""
    from katerm.core.errors import BadInput

    for name, value in vars(args).items():
        values = value if isinstance(value, list) else [value]
        for item in values:
            if isinstance(item, str) and len(item) > MAX_ARGUMENT:
                option = name.replace("_", "-")
                raise BadInput("cli.too_long", option=option, length=len(item), limit=MAX_ARGUMENT)


def report(exc: KatermError, *, debug: bool) -> int:
    if debug:
        import traceback

        traceback.print_exception(exc, file=sys.stderr)
    print(f"katerm: {exc.message}", file=sys.stderr)
    if exc.hint:
        print(exc.hint, file=sys.stderr)
    if exc.detail:
        print(t("cli.detail", detail=exc.detail), file=sys.stderr)
    return exc.exit_code
