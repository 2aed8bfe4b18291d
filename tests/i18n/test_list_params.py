"""A list given to a message is joined the language's way: 、 in Chinese, not ", "."""

from __future__ import annotations

import re
from pathlib import Path

import katerm
from katerm.i18n import t


def test_a_list_parameter_is_joined_with_the_languages_separator():
    kinds = ("team", "accounts")
    assert "team、accounts" in t("io.err.bad_kind", lang="zh_CN", value="x", choices=kinds)
    assert "team, accounts" in t("io.err.bad_kind", lang="en", value="x", choices=kinds)


def test_no_message_gets_a_list_joined_by_hand():
    """`choices=", ".join(KINDS)` put half-width commas into Chinese messages (katerm import
    --template bogus: "请从 team, accounts, … 中选择"): pass the list itself."""
    by_hand = re.compile(
        r"\b(?!placeholder=)\w+=(\", \"|t\(\"(dialog\.list_sep|cadence\.q\.sep)\"\))\.join\("
    )
    assert _lines_matching(by_hand) == []


def test_no_text_is_joined_with_the_list_separator_by_hand():
    """The stage plan's people and the quarter review's "+…"/"−…" names were joined with
    `t("dialog.list_sep").join(...)` (or a twin separator, cadence.q.sep) and then put into
    text: a list goes to t() as a list (`t("dialog.names", names=[...])`), nowhere joined."""
    by_hand = re.compile(r"t\(\s*[\"'](dialog\.list_sep|cadence\.q\.sep)[\"'][^)]*\)\.join\(")
    assert _lines_matching(by_hand) == []


def test_names_and_moves_read_the_languages_way():
    names = ["王总", "李总"]
    assert t("dialog.names", lang="zh_CN", names=names) == "王总、李总"
    assert t("dialog.names_more", lang="zh_CN", names=names) == "王总、李总等"
    assert t("cadence.q.added_removed", lang="zh_CN", added=names, removed=["张总"]) == (
        "+王总、李总；−张总"
    )
    assert t("cadence.q.added_removed", lang="en", added=["Wang"], removed=["Li"]) == "+Wang; −Li"


def _lines_matching(pattern: re.Pattern[str]) -> list[str]:
    """Where in katerm's source (FILE:LINE) a line matches ``pattern``."""
    root = Path(katerm.__file__).parent
    return [
        f"{path.relative_to(root)}:{n}"
        for path in root.rglob("*.py")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
