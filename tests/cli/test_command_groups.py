"""A command group run without its command (`katerm review`) lists what it can do.

It said only "the following arguments are required: COMMAND": a newcomer had to guess
`--help`. Every group, in both languages, now prints its usage and each command with its
one-line description, and exits 2 (nothing was done).
"""

from __future__ import annotations

import argparse
import re

import pytest


def _groups() -> list[tuple[list[str], list[str]]]:
    """(the words after `katerm`, the command names) of every command group, nested ones too."""
    from katerm.cli import build_parser

    found = []
    todo = [([], build_parser())]
    while todo:
        words, parser = todo.pop()
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                if words:  # `katerm` alone opens the app
                    found.append((words, [a.dest for a in action._get_subactions()]))
                todo.extend(([*words, name], p) for name, p in action.choices.items())
    return sorted(found)


GROUPS = _groups()


def test_the_walk_finds_the_groups_the_issue_names():
    names = {" ".join(words) for words, _ in GROUPS}
    assert {"review", "team", "config", "server", "db", "log"} <= names
    assert "review template" in names  # nested groups too


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_every_group_without_a_command_lists_its_commands_and_exits_2(cli, lang):
    wrong = []
    for words, commands in GROUPS:
        result = cli("--lang", lang, *words)
        text = result.err
        said = f"katerm {' '.join(words)}"
        if result.code != 2:
            wrong.append(f"{said}: exit {result.code}")
        lines = text.splitlines()
        for name in commands:
            name_shown = name.split(" ")[0]
            line = next((ln for ln in lines if ln.strip().startswith(name_shown + " ")), "")
            # The name, then its description on the same line (in the interface language).
            rest = line.strip()[len(name_shown) :].strip()
            if not rest or (lang == "zh_CN" and not re.search("[一-鿿]", rest)):
                wrong.append(f"{said}: {name!r} without a description: {line!r}")
        if f"`{said} " not in text or "--help`" not in text:
            wrong.append(f"{said}: no pointer to --help")
        if "required" in text or "必需" in text:
            wrong.append(f"{said}: still reads as an error: {text!r}")
    assert wrong == []


def test_a_group_given_its_command_still_runs_it(cli):
    result = cli("config", "get", "language")
    assert result.code == 0
    assert "commands:" not in result.err
