"""`katerm demo`: what a user types and sees, checked in the database with plain SQL."""

from __future__ import annotations

import io
import re
import sqlite3

import pytest

CJK = re.compile(r"[\u4e00-\u9fff]")


def sql(path, query: str) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(query).fetchall()
    finally:
        conn.close()


@pytest.fixture
def db_file(katerm_home):
    return katerm_home / "data" / "katerm.db"


def test_demo_builds_the_team_and_portfolio_and_says_so(cli, db_file):
    result = cli("demo", "--accounts", "120", "--no-open")
    assert result.code == 0, result.err
    assert "120 accounts" in result.out and "9 team members" in result.out
    assert "seed 2024" in result.out and str(db_file) in result.out
    assert sql(db_file, "SELECT count(*) FROM accounts") == [(120,)]
    assert sql(db_file, "SELECT login, manager_id FROM users WHERE login = 'tester'") == [
        ("tester", None)
    ]
    assert sql(db_file, "PRAGMA integrity_check") == [("ok",)]
    assert sql(db_file, "PRAGMA foreign_key_check") == []
    assert cli("db", "check").code == 0
    assert not [p for p in db_file.parent.iterdir() if ".demo-" in p.name]


def test_i_am_the_general_manager_afterwards(cli):
    assert cli("demo", "--accounts", "10", "--no-open").code == 0
    lines = cli("whoami").out.splitlines()
    assert lines[0] == "tester" and lines[1]  # a name was given


def test_chinese_names_with_lang_zh_cn_and_english_by_default(cli, tmp_path):
    zh, en = tmp_path / "zh.db", tmp_path / "en.db"
    result = cli("demo", "--accounts", "50", "--no-open", "--lang", "zh-CN", "--db", str(zh))
    assert result.code == 0 and "客户 50 个" in result.out
    names = [r[0] for r in sql(zh, "SELECT name FROM accounts")]
    assert all(CJK.search(n) and n.endswith(("有限公司", "分公司")) for n in names)
    titles = {r[0] for r in sql(zh, "SELECT title FROM contacts")}
    assert "总经理" in titles
    assert cli("demo", "--accounts", "50", "--no-open", "--db", str(en)).code == 0
    texts = [
        r[0] + r[1]
        for r in sql(
            en,
            "SELECT a.name, c.name || c.title FROM accounts a "
            "JOIN contacts c ON c.account_id = a.id",
        )
    ]
    assert texts and not any(CJK.search(t) for t in texts)
    assert "General Manager" in {r[0] for r in sql(en, "SELECT title FROM contacts")}


def test_the_data_language_follows_the_interface_language(cli, db_file):
    assert cli("config", "set", "language", "zh_CN").code == 0
    assert cli("demo", "--accounts", "5", "--no-open").code == 0
    assert all(CJK.search(r[0]) for r in sql(db_file, "SELECT name FROM accounts"))


def test_refuses_to_overwrite_without_force_and_changes_nothing(cli, db_file):
    assert cli("demo", "--accounts", "30", "--no-open").code == 0
    before = sql(db_file, "SELECT id, name, annual_revenue FROM accounts ORDER BY id")
    result = cli("demo", "--accounts", "40", "--seed", "5", "--no-open")
    assert result.code == 2
    assert "--force" in result.err and "30 accounts" in result.err
    assert "Traceback" not in result.err
    assert sql(db_file, "SELECT id, name, annual_revenue FROM accounts ORDER BY id") == before
    assert not [p for p in db_file.parent.iterdir() if "backup" in p.name]


def test_force_backs_up_first_and_says_where(cli, db_file):
    assert cli("demo", "--accounts", "30", "--no-open").code == 0
    before = sql(db_file, "SELECT id, name FROM accounts ORDER BY id")
    result = cli("demo", "--accounts", "40", "--seed", "5", "--no-open", "--force")
    assert result.code == 0, result.err
    (backup,) = [p for p in db_file.parent.iterdir() if "backup" in p.name]
    assert str(backup) in result.err
    assert sql(backup, "SELECT id, name FROM accounts ORDER BY id") == before
    assert sql(db_file, "SELECT count(*) FROM accounts") == [(40,)]


def test_same_seed_gives_the_same_database_content(cli, tmp_path):
    query = (
        "SELECT id, name, owner_id, annual_revenue, tier_revenue, tier_fish, tier_size, "
        "tier_strategic FROM accounts ORDER BY id"
    )
    dumps = []
    for name in ("one", "two"):
        path = tmp_path / f"{name}.db"
        assert (
            cli("demo", "--accounts", "60", "--seed", "11", "--no-open", "--db", str(path)).code
            == 0
        )
        dumps.append(
            (
                sql(path, query),
                sql(path, "SELECT id, name, title, account_id FROM contacts ORDER BY id"),
            )
        )
    assert dumps[0] == dumps[1]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("--accounts", "0"), "--accounts"),
        (("--accounts", "1000001"), "1,000,000"),
        (("--accounts", "lots"), "lots"),
        (("--seed", "1.5"), "--seed"),
    ],
)
def test_bad_values_exit_2_with_a_clear_message_and_no_database(cli, db_file, args, words):
    result = cli("demo", "--no-open", *args)
    assert result.code == 2 and words in result.err and "Traceback" not in result.err
    assert not db_file.exists()


def test_bad_values_are_explained_in_chinese_too(cli):
    result = cli("--lang", "zh_CN", "demo", "--accounts", "-3", "--no-open")
    assert result.code == 2 and "整数" in result.err


def test_help_lists_the_options(cli):
    result = cli("demo", "--help")
    assert result.code == 0
    for option in ("--accounts", "--seed", "--no-open", "--force", "--lang"):
        assert option in result.out


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_gets_a_progress_bar_per_stage(katerm_home):
    from katerm.cli.context import CliContext
    from katerm.cli.demo_cmd import _progress_bar

    ctx = CliContext.create(db=None, lang=None, debug=False)
    ctx.err = _Terminal()
    with _progress_bar(ctx) as show:
        show(0, 100, "accounts")
        show(100, 100, "accounts")
        show(5, 10, "a_later_step")
    shown = ctx.err.getvalue()
    assert "Accounts" in shown and "a_later_step" in shown


def test_a_log_gets_no_progress_bar(cli):
    result = cli("demo", "--accounts", "5", "--no-open")
    assert result.code == 0 and result.err == ""


def test_a_demo_in_another_file_says_how_to_open_that_file_and_keeps_my_settings(
    cli, tmp_path, katerm_home
):
    target = tmp_path / "try it.db"
    result = cli("demo", "--accounts", "5", "--no-open", "--db", str(target))
    assert result.code == 0, result.err
    assert f"katerm --db '{target}'" in result.out  # not plain `katerm` (my own database)
    assert not (katerm_home / "config" / "config.toml").exists()


@pytest.mark.parametrize(("lang", "hint"), [("en", "to open it."), ("zh_CN", "打开。")])
def test_demo_from_a_script_says_how_to_open_it_instead_of_starting_the_app(
    tmp_path, katerm_home, lang, hint
):
    """Without --no-open, `katerm demo > out.txt` started the full-screen app, wrote its
    escape codes into the file and never returned (issue 18, walk J)."""
    import os
    import subprocess
    import sys

    db = tmp_path / "demo.db"
    env = {**os.environ, "KATERM_HOME": str(katerm_home)}
    command = [sys.executable, "-m", "katerm", "--lang", lang, "--db", str(db)]
    done = subprocess.run(
        [*command, "demo", "--accounts", "20"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert f"`katerm --db {db}` " in done.stdout and hint in done.stdout
    assert "\x1b[" not in done.stdout  # no app drawn into the file
