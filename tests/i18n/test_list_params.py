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
    root = Path(katerm.__file__).parent
    by_hand = re.compile(
        r"\b(?!placeholder=)\w+=(\", \"|t\(\"(dialog\.list_sep|cadence\.q\.sep)\"\))\.join\("
    )
    found = [
        f"{path.relative_to(root)}:{n}"
        for path in root.rglob("*.py")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if by_hand.search(line)
    ]
    assert found == []
