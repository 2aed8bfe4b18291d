"""What every command handler gets: paths, language, settings and (on demand) the workspace."""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, TypeVar

from katerm.i18n import choose_language, render, set_language, t
from katerm.paths import Paths, resolve_paths

T = TypeVar("T")

if TYPE_CHECKING:
    from katerm.core.config import Settings
    from katerm.core.workspace import Workspace


@dataclass
class EarlyOptions:
    db: str | None = None
    lang: str | None = None
    debug: bool = False


def early_options(argv: list[str]) -> EarlyOptions:
    """The global options, read before the parser exists (the parser's help is translated)."""
    found = EarlyOptions()
    it = iter(range(len(argv)))
    for i in it:
        arg = argv[i]
        if arg == "--":
            break
        if arg == "--debug":
            found.debug = True
        for name in ("db", "lang"):
            flag = f"--{name}"
            if arg == flag and i + 1 < len(argv):
                setattr(found, name, argv[i + 1])
            elif arg.startswith(flag + "="):
                setattr(found, name, arg.split("=", 1)[1])
    return found


@dataclass
class CliContext:
    paths: Paths
    debug: bool
    lang: str
    settings: Settings
    out: TextIO = field(default_factory=lambda: sys.stdout)
    err: TextIO = field(default_factory=lambda: sys.stderr)
    _workspace: Workspace | None = None
    db_given: bool = False  # --db PATH: another database than the user's own
    # May this command start a new database at --db PATH? Only those that make one (the app,
    # `import`, `demo`): for any other, a missing file is a mistyped path, not a new team.
    creates: bool = True

    @classmethod
    def create(cls, *, db: str | None, lang: str | None, debug: bool) -> CliContext:
        from katerm.core.config import load_settings
        from katerm.i18n import normalize_language

        # Until the settings are read, speak the language the command line or LANG asks for,
        # so an error in the settings file itself is readable.
        set_language(choose_language(lang, None))
        paths = resolve_paths().with_db(db)
        if lang is not None and normalize_language(lang) is None:
            from katerm.core.errors import BadInput

            raise BadInput("cli.bad_lang", value=lang)
        settings = load_settings(paths.config_file)
        chosen = choose_language(lang, settings.language)
        set_language(chosen)
        return cls(
            paths=paths, debug=debug, lang=chosen, settings=settings, db_given=db is not None
        )

    def workspace(self, *, create: bool = True, write_config: bool = True) -> Workspace:
        """Open the database (creating or upgrading it as needed) the first time it is asked."""
        if self._workspace is None:
            from katerm.core.workspace import open_workspace

            def announce(path: Path) -> None:
                print(t("db.backup_written", path=str(path)), file=self.err)

            def report(notes: list[tuple[str, dict[str, object]]]) -> None:
                for key, params in notes:
                    print(note_text(key, params), file=self.err)

            self._workspace = open_workspace(
                self.paths,
                settings=self.settings,
                create=create and (self.creates or not self.db_given),
                on_backup=announce,
                write_config=write_config,
                on_notes=report,
            )
        return self._workspace

    def say(self, text: str = "") -> None:
        print(text, file=self.out)

    def warn(self, text: str) -> None:
        print(text, file=self.err)

    def saving(
        self, options: Mapping[str, str], action: Callable[..., T], *args: Any, **kwargs: Any
    ) -> T:
        """Run a write; a refusal names each bad option (a field's option in ``options``,
        else ``--field-name``) and what is wrong, then goes on up (exit 2)."""
        from katerm.core.errors import ValidationFailed

        try:
            return action(*args, **kwargs)
        except ValidationFailed as exc:
            for error in exc.errors:
                option = options.get(error.field, f"--{error.field.replace('_', '-')}")
                self.warn(f"katerm: {option}: {error.message}")
            raise


def note_text(key: str, params: Mapping[str, object]) -> str:
    """One thing an upgrade changed in the data, in the user's language."""
    shown = dict(params)
    if "source" in shown:
        shown["source"] = t(f"db.upgrade.source_{shown['source']}")
    return render(key, shown)
