"""Chinese CLI output built from several messages (a label and its count, a change and its
note, a label and its value) keeps full-width punctuation after Chinese (issue 18, walk §29):
the joins are catalogue messages, not half-width brackets and colons typed in the code."""

from __future__ import annotations

import re
import sqlite3

import pytest

# A half-width bracket or colon after Chinese, with or without a space between.
HALF_WIDTH = re.compile(r"[\u3400-\u9fff]\s*[,;:()]")


@pytest.fixture
def zh_demo(cli, katerm_home):
    assert cli("--lang", "zh_CN", "demo", "--no-open").code == 0  # has held accounts
    db = sqlite3.connect(katerm_home / "data" / "katerm.db")
    (name,) = db.execute(
        "SELECT a.name FROM accounts a JOIN contacts c ON c.account_id = a.id "
        "WHERE a.deleted = 0 GROUP BY a.id ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()
    return name


def _bad(text: str) -> list[str]:
    return [line for line in text.splitlines() if HALF_WIDTH.search(line)]


@pytest.mark.parametrize(
    ("args", "shows"),
    [
        (("retier",), "（手动定级）"),
        (("influence", "{account}"), "预警（"),
        (("plan", "{account}"), "**："),
        (("config", "show"), "设置文件："),
    ],
)
def test_chinese_cli_output_has_full_width_punctuation_after_chinese(cli, zh_demo, args, shows):
    result = cli("--lang", "zh_CN", *(a.format(account=zh_demo) for a in args))
    assert result.code == 0, result.err
    assert shows in result.out
    assert _bad(result.out) == []


@pytest.mark.parametrize(
    "args",
    [
        ("yearly", "{prefix}", "--year", "2025", "--revenue", "1"),
        ("influence", "{prefix}"),
        ("gaps", "{prefix}"),
        ("log", "visit", "{prefix}"),
    ],
)
def test_a_chinese_list_of_names_is_joined_with_the_enumeration_comma(
    cli, zh_demo, katerm_home, args
):
    """“成都”匹配到多个客户：A、B、C (walk s9b §18: it read “A, B, C”): every list of names in a
    message goes through the catalogue's list separator."""
    db = sqlite3.connect(katerm_home / "data" / "katerm.db")
    (prefix,) = db.execute(  # a city that starts several names: an ambiguous account
        "SELECT substr(name, 1, 2) AS p FROM accounts WHERE deleted = 0 "
        "GROUP BY p HAVING count(*) > 2 ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()
    result = cli("--lang", "zh_CN", *(a.format(prefix=prefix) for a in args))
    assert result.code == 2
    message = next(line for line in result.err.splitlines() if "匹配到多个" in line)
    names = message.split("：")[-1]
    assert names.count("、") >= 2 and "," not in message, message
    assert _bad(result.err) == []
