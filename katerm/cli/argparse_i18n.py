"""argparse's own words (usage:, options, error texts) in the interface language.

argparse looks its strings up through ``gettext`` at call time via its module-level ``_``;
katerm points that at its catalogue so a Chinese interface has no English left in ``--help``.
"""

from __future__ import annotations

import argparse
import re

from katerm.i18n import current_language, t

_KEYS = {
    "usage: ": "argparse.usage",
    "options": "argparse.options",
    "positional arguments": "argparse.positional",
    "show this help message and exit": "argparse.help",
    "show program's version number and exit": "argparse.version",
    "the following arguments are required: %s": "argparse.required",
    "unrecognized arguments: %s": "argparse.unrecognized",
    "argument %(argument_name)s: %(message)s": "argparse.argument",
    "expected one argument": "argparse.expected_one",
    "invalid %(type)s value: %(value)r": "argparse.invalid_value",
    "ambiguous option: %(option)s could match %(matches)s": "argparse.ambiguous",
    "not allowed with argument %s": "argparse.not_allowed_with",
    "one of the arguments %s is required": "argparse.one_required",
}
_original = argparse._  # type: ignore[attr-defined]


def _translate(message: str) -> str:
    if current_language() == "en":
        return _original(message)
    key = _KEYS.get(message)
    return t(key) if key else _original(message)


def install() -> None:
    argparse._ = _translate  # type: ignore[attr-defined]


# Chinese typesetting never starts a line with closing punctuation (，。）...) nor ends one
# with an opening bracket (（《...), so those stick to the wide character beside them.
_OPEN = "（《「『【〔“‘"
_CLOSE = "，。、；：？！）》」』】〕”’…"
_WIDE = r"\u2e80-\u9fff\uff00-\uffef"
# One wide (CJK) character with its punctuation, or a run of other non-space characters,
# or spaces.
_WIDE_HEADING = re.compile(rf"^(\s*\S.*[{_WIDE}]):$", re.MULTILINE)
_TOKENS = re.compile(rf"[{_OPEN}]*[{_WIDE}][{_CLOSE}]*|[^\s{_WIDE}]+[{_CLOSE}]*|\s+")


def wrap_cells(text: str, width: int) -> list[str]:
    """Wrap text to a width in terminal cells; Chinese may break between any two characters."""
    from rich.cells import cell_len

    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        line = ""
        for token in _TOKENS.findall(paragraph):
            if token.isspace():
                if line:
                    line += " "
                continue
            if line and cell_len(line + token) > width:
                lines.append(line.rstrip())
                line = token
            else:
                line += token
        lines.append(line.rstrip())
    return lines


class HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """Keeps description paragraphs, wraps long lines by terminal cells (CJK-aware)."""

    def format_help(self) -> str:
        # argparse puts a half-width colon after every section heading (``options:``); after a
        # Chinese heading (选项, 命令) Chinese typesetting wants the full-width one.
        return _WIDE_HEADING.sub("\\1：", super().format_help())

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        return "\n".join(indent + line for line in wrap_cells(text, max(width, 20)))

    def _split_lines(self, text: str, width: int) -> list[str]:
        return wrap_cells(" ".join(text.split()), max(width, 20))

    def add_argument(self, action: argparse.Action) -> None:
        super().add_argument(action)
        # argparse measures subcommand names one indent short of where it prints them, so a
        # name of ten letters or more (``competitors``) lost its description to the next line.
        if action.help is not argparse.SUPPRESS and isinstance(action, argparse._SubParsersAction):
            for sub in action._get_subactions():
                length = len(self._format_action_invocation(sub)) + self._current_indent
                self._action_max_length = max(
                    self._action_max_length, length + self._indent_increment
                )
