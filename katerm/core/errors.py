"""Errors a user can cause or meet, each with what to do about it.

Every error carries a catalogue key and parameters rather than finished text, so the CLI and
the TUI show it in the user's language, and an exit code for the command line.
"""

from __future__ import annotations

from katerm.i18n import render

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_BAD_INPUT = 2
EXIT_OFFLINE = 3
EXIT_DATABASE = 4


class KatermError(Exception):
    """A problem to show the user, not a bug: message plus a hint, no traceback."""

    exit_code = EXIT_ERROR

    def __init__(self, key: str, /, hint: str | None = None, **params: object) -> None:
        self.key = key
        self.hint_key = hint
        self.params = params
        super().__init__(key)

    @property
    def message(self) -> str:
        return render(self.key, self.params)

    @property
    def hint(self) -> str | None:
        return render(self.hint_key, self.params) if self.hint_key else None

    @property
    def detail(self) -> str | None:
        """A library's own words (a driver's error, often English), shown apart from our
        message and hint: the message says what happened in the user's language."""
        value = self.params.get("driver")
        return str(value) if value else None

    def __str__(self) -> str:
        # No space between two Chinese sentences: the language's own separator.
        sep = render("dialog.sentence_sep", {})
        return f"{self.message}{sep}{self.hint}" if self.hint else self.message


class BadInput(KatermError):
    """The user gave something we cannot use (a value, a file, an argument)."""

    exit_code = EXIT_BAD_INPUT


class NotFound(BadInput):
    """The user named something that does not exist."""


class DatabaseProblem(KatermError):
    """The database file cannot be used: corrupt, locked, read-only, too new."""

    exit_code = EXIT_DATABASE


class ConfigProblem(KatermError):
    """The config file cannot be read or a setting is invalid."""

    exit_code = EXIT_BAD_INPUT


class SystemProblem(KatermError):
    """The operating system refused something (a full disk, a file too large, no
    permission): what failed, why, and what to do."""


_OS_HINTS = {
    "ENOSPC": "os.hint_space",
    "EDQUOT": "os.hint_space",
    "EFBIG": "os.hint_size",
    "EACCES": "os.hint_permission",
    "EPERM": "os.hint_permission",
    "EROFS": "os.hint_readonly",
    "EMFILE": "os.hint_files",
    "ENFILE": "os.hint_files",
}


def os_problem(exc: OSError) -> SystemProblem:
    """An OSError as one clear paragraph: the file, the system's words, the way out."""
    import errno

    name = errno.errorcode.get(exc.errno or 0, "")
    where = exc.filename if exc.filename is not None else ""
    return SystemProblem(
        "os.failed" if where else "os.failed_nowhere",
        hint=_OS_HINTS.get(name, "os.hint_other"),
        path=where,
        detail=exc.strerror or str(exc),
    )


class Offline(KatermError):
    """The sync server cannot be reached; local work is kept."""

    exit_code = EXIT_OFFLINE


class FieldError(BadInput):
    """One field of a form or a file row is invalid; ``field`` names it."""

    def __init__(self, field: str, key: str, /, **params: object) -> None:
        super().__init__(key)
        self.params = params
        self.field = field


class ValidationFailed(BadInput):
    """Several fields are invalid; nothing was saved."""

    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__("errors.validation_failed", count=len(errors))
        self.errors = errors

    def by_field(self) -> dict[str, str]:
        return {e.field: e.message for e in self.errors}
