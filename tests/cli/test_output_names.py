"""Every command that writes a file with -o checks the name against what it writes, once, the
same way: `calendar -o x.txt` wrote iCalendar text under any name (issue 18)."""

from __future__ import annotations

import argparse

import pytest

from katerm.cli import build_parser

# The arguments each -o command needs besides -o; a new command with -o must be listed here,
# so it cannot be added without its output name being checked.
COMMANDS: dict[str, list[str]] = {
    "calendar": ["calendar"],
    "review daily": ["review", "daily"],
    "review weekly": ["review", "weekly"],
    "review summary": ["review", "summary"],
    "review monthly": ["review", "monthly", "--format", "html"],
    "review quarterly": ["review", "quarterly", "--format", "xlsx"],
    "plan": ["plan", "Nobody Co"],
    "import": ["import", "--template", "accounts"],
    "export": ["export", "accounts"],
}


def commands_with_output(parser: argparse.ArgumentParser, path: str = "") -> set[str]:
    found = set()
    for action in parser._actions:
        if "-o" in action.option_strings and path:
            found.add(path)
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found |= commands_with_output(sub, f"{path} {name}".strip())
    return found


def test_every_command_that_writes_a_file_is_listed_here():
    assert commands_with_output(build_parser()) == set(COMMANDS)


# No extension is fine for plain text and Markdown, not for a calendar, a web page or a workbook.
CASES = [(c, "x.bogus") for c in sorted(COMMANDS)] + [
    (c, "x") for c in ("calendar", "review monthly", "review quarterly", "import", "export")
]


@pytest.mark.parametrize(("command", "name"), CASES)
def test_a_name_that_does_not_fit_what_is_written_is_refused(cli, tmp_path, command, name):
    out = tmp_path / "out"
    out.mkdir()
    result = cli(*COMMANDS[command], "-o", str(out / name))
    assert result.code == 2, (command, result.out, result.err)
    assert "Traceback" not in result.err and str(out / name) in result.err
    assert list(out.iterdir()) == []


@pytest.mark.parametrize("name", ["x.txt", "x.json", "x"])
def test_the_calendar_goes_only_into_an_ics_file_in_both_languages(cli, tmp_path, name):
    out = tmp_path / "out"
    out.mkdir()
    result = cli("calendar", "-o", str(out / name))
    assert result.code == 2 and "end the file name with .ics" in result.err
    result = cli("--lang", "zh_CN", "calendar", "-o", str(out / name))
    assert result.code == 2 and "请让文件名以 .ics 结尾" in result.err
    assert list(out.iterdir()) == []
    assert cli("calendar", "-o", str(out / "x.ics")).code == 0
    assert (out / "x.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")


def test_an_export_to_an_unknown_extension_says_it_once(cli, tmp_path):
    result = cli("export", "accounts", "-o", str(tmp_path / "x.pdf"))
    assert result.code == 2 and "katerm: Cannot tell which format" in result.err
    assert "katerm: katerm" not in result.err
