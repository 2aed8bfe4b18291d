from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

import pytest

from katerm import __version__


def test_version(cli):
    result = cli("--version")
    assert result.code == 0 and __version__ in result.out


def test_help_lists_every_subcommand_with_a_description(cli):
    from katerm.cli import build_parser

    result = cli("--help")
    assert result.code == 0
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    for name, _action in sub.choices.items():
        line = next(
            (ln for ln in result.out.splitlines() if ln.strip().startswith(name + " ")), None
        )
        assert line is not None, f"{name} missing from --help"
        assert len(line.split()) > 1, f"{name} has no description"


def test_whoami_prints_the_login_alone_on_the_first_line_and_creates_me(cli, katerm_home):
    result = cli("whoami")
    assert result.code == 0
    assert result.out.splitlines()[0] == "tester"
    db = sqlite3.connect(katerm_home / "data" / "katerm.db")
    assert db.execute("SELECT login FROM users").fetchall() == [("tester",)]
    assert (katerm_home / "config" / "config.toml").exists()


def test_config_set_login_changes_who_i_am(cli):
    assert cli("config", "set", "user.login", "wang.lei").code == 0
    assert cli("whoami").out.splitlines()[0] == "wang.lei"


def test_config_set_rejects_bad_values_with_exit_2(cli):
    result = cli("config", "set", "language", "klingon")
    assert result.code == 2 and "klingon" in result.err


def test_db_option_uses_that_file(cli, tmp_path):
    target = tmp_path / "elsewhere.db"
    rows = tmp_path / "accounts.csv"
    rows.write_text("name\nAcme\n", encoding="utf-8")
    assert cli("--db", str(target), "import", "accounts", str(rows)).code == 0
    assert target.exists()
    assert cli("whoami", "--db", str(target)).out.splitlines()[-1].endswith(str(target))


def test_a_mistyped_db_path_is_not_a_new_database(cli, tmp_path):
    """Only the app, `import` and `demo` start a database at --db PATH; a report or a
    setting there says there is none (a typo must not show an empty team, exit 0)."""
    target = tmp_path / "typo.db"
    for args in (["pyramid"], ["whoami"], ["config", "set", "rates.USD", "7"]):
        result = cli("--db", str(target), *args)
        assert result.code == 4, args
        assert f"There is no database at {target}" in result.err
        assert "katerm demo" in result.err and "Traceback" not in result.err
    assert not target.exists()
    zh = cli("--lang", "zh_CN", "pipeline", "--db", str(target))
    assert zh.code == 4 and f"{target} 处没有数据库" in zh.err


def test_chinese_interface_from_lang_option(cli):
    result = cli("--lang", "zh_CN", "db", "check")
    assert result.code == 4 and "数据库" in result.err  # no database yet: told in Chinese
    cli("whoami")
    result = cli("--lang", "zh_CN", "db", "check")
    assert result.code == 0 and "未发现问题" in result.out


def test_db_backup_writes_a_copy_and_refuses_to_overwrite(cli, tmp_path):
    dest = tmp_path / "copy.db"
    assert cli("db", "backup", str(dest)).code == 0
    assert sqlite3.connect(dest).execute("SELECT count(*) FROM users").fetchone()[0] == 1
    again = cli("db", "backup", str(dest))
    assert again.code == 2 and "--force" in again.err


def test_a_corrupt_database_gives_advice_and_no_traceback(cli, tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_bytes(os.urandom(8192))
    result = cli("--db", str(bad), "whoami")
    assert result.code == 4
    assert "damaged" in result.err and "Traceback" not in result.err


def test_the_module_runs_as_python_dash_m(tmp_path):
    env = {**os.environ, "KATERM_HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "katerm", "whoami"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0 and result.stdout.splitlines()[0]


def test_chinese_help_never_starts_a_line_with_closing_punctuation():
    """Chinese typesetting keeps ，。） with the character before, and （ with the one after."""
    from katerm.cli.argparse_i18n import wrap_cells

    text = (
        "列出你能看到的所有客户（或某一个客户）的关系差距表，按重要性排序：先列逾期行动，再按 差距"
    )
    for width in range(20, 80):
        lines = wrap_cells(text, width)
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")
        assert not any(line[0] in "，。、；：）" for line in lines[1:]), (width, lines)
        assert not any(line[-1] == "（" for line in lines), (width, lines)


@pytest.mark.parametrize(
    ("key", "value", "said"),
    [
        ("keys.accounts.nonsense", "x", "no key setting “keys.accounts.nonsense”"),
        ("keys.accounts.new", "s", "already does “Sort” (accounts.sort)"),
        ("keys.accounts.new", "l", "(app.log_activity)"),  # l logs an activity everywhere
        # Textual never reports such a key: the action would vanish from the app.
        ("keys.accounts.new", "ctrl+shift+banana", "“ctrl+shift+banana” is not a key"),
        ("keys.accounts.new", "ctrl+n,f99", "“f99” is not a key"),
        ("theme", "no-such-theme", "no theme “no-such-theme”"),
    ],
)
def test_config_set_refuses_a_key_or_theme_the_app_cannot_use(cli, katerm_home, key, value, said):
    result = cli("config", "set", key, value)
    assert result.code == 2 and said in result.err
    assert "Traceback" not in result.err
    config = katerm_home / "config" / "config.toml"
    assert not config.exists() or value not in config.read_text(encoding="utf-8")


def test_config_set_takes_a_free_key_and_a_shipped_theme(cli):
    assert cli("config", "set", "keys.accounts.new", "ctrl+n").code == 0
    assert cli("config", "get", "keys.accounts.new").out.strip() == "ctrl+n"
    assert cli("config", "set", "theme", "katerm-projector").code == 0


def test_config_set_takes_every_way_textual_names_a_key(cli):
    for key in ("f6", "ctrl+shift+up", "question_mark", "N", "alt+x", "shift+tab"):
        result = cli("config", "set", "keys.accounts.new", key)
        assert result.code == 0, (key, result.err)


def test_config_set_empty_key_goes_back_to_the_default_key(cli, katerm_home):
    assert cli("config", "set", "keys.accounts.new", "ctrl+n").code == 0
    result = cli("config", "set", "keys.accounts.new", "")
    assert result.code == 0 and "back to its default key, n" in result.out
    assert cli("config", "get", "keys.accounts.new").out.strip() == ""
    config = (katerm_home / "config" / "config.toml").read_text(encoding="utf-8")
    assert "accounts.new" not in config


def _all_parsers(parser):
    """The parser and every subcommand's parser below it, each once."""
    import argparse

    seen, todo = [], [parser]
    while todo:
        current = todo.pop()
        if any(current is p for p in seen):
            continue
        seen.append(current)
        for action in current._actions:
            if isinstance(action, argparse._SubParsersAction):
                todo.extend(action.choices.values())
    return seen


def test_chinese_help_of_every_command_has_no_half_width_punctuation_after_chinese():
    """选项: / 命令: read as a typo on a Chinese screen: a heading takes the full-width colon."""
    import re

    from katerm.cli import build_parser
    from katerm.cli.argparse_i18n import install
    from katerm.i18n import set_language

    set_language("zh_CN")
    try:
        install()
        parsers = _all_parsers(build_parser())
        wrong = []
        for parser in parsers:
            text = parser.format_help()
            # Outside quoted formats, `commands` and the time format 时:分 (typed as 14:30).
            prose = re.sub(r"“[^”]*”|`[^`]*`|时:分", "", text)
            wrong += [
                f"{parser.prog}: {m.group(0)!r}" for m in re.finditer(r"[一-鿿][:;,!?]", prose)
            ]
        assert len(parsers) > 40
        assert wrong == []
    finally:
        set_language("en")


def test_a_usage_error_in_chinese_reads_as_chinese(cli):
    result = cli("--lang", "zh_CN", "login")
    assert result.code == 2
    assert "katerm: 错误：缺少必需的参数：URL、--user" in result.err
    assert "katerm: error: the following arguments are required: URL, --user" in cli("login").err


def test_a_wrong_choice_in_chinese_lists_the_choices_the_chinese_way(cli):
    """argparse listed them as Python does: 无效的选项：'xml'（可选：'table', 'json', 'csv'）."""
    result = cli("--lang", "zh_CN", "gaps", "--format", "xml")
    assert result.code == 2
    assert "参数 --format：无效的选项“xml”（可选：table、json、csv）" in result.err
    result = cli("gaps", "--format", "xml")
    assert "argument --format: invalid choice: 'xml' (choose from table, json, csv)" in result.err


@pytest.mark.parametrize(
    ("args", "usage"),
    [
        (["export", "accounts", "--bogus"], "katerm export"),
        (["review", "quarterly", "--bogus"], "katerm review quarterly"),
        (["--lang", "zh_CN", "export", "accounts", "--bogus"], "katerm export"),
    ],
)
def test_an_unknown_option_on_a_command_shows_that_commands_usage(cli, args, usage):
    """It printed `katerm`'s own usage, which names none of the command's options."""
    result = cli(*args)
    assert result.code == 2 and "--bogus" in result.err
    first = result.err.splitlines()[0]
    assert usage in first and "COMMAND" not in result.err


def test_an_option_of_another_command_says_which_command_has_it(cli):
    """`katerm export --template accounts` (the template is `katerm import --template`)."""
    result = cli("export", "--template", "accounts")
    assert result.code == 2
    assert "--template is an option of: katerm import." in result.err
    result = cli("--lang", "zh_CN", "export", "--template", "accounts")
    assert "--template 是以下命令的选项：katerm import。" in result.err
