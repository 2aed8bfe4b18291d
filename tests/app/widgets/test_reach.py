"""A text that tells how to reach a widget ("Tab to the table…") goes through one mechanism,
katerm.app.widgets.reach, which says it only while the widget lacks the focus (issue 18: the
Gaps tab said "按 Tab 进入表格后…" with the table already focused)."""

from __future__ import annotations

import re

import pytest

from katerm.i18n import catalogue

# "Tab" as a key to press (not "Shift+Tab", which goes back, nor a word such as "Table").
TAB_KEY = re.compile(r"(?<![+\w])Tab\b")


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_every_text_naming_the_tab_key_is_a_reach_text(lang):
    texts = catalogue(lang)
    naming_tab = [k for k, text in texts.items() if TAB_KEY.search(text)]
    assert naming_tab  # the scan sees the catalogue
    stray = [k for k in naming_tab if not k.endswith("_reach")]
    assert stray == [], "say how to reach a widget through katerm.app.widgets.reach"
    for key in naming_tab:
        base = key.removesuffix("_reach")
        assert base in texts, f"{key} wraps {base}, which is missing"
        assert "{text}" in texts[key] and not TAB_KEY.search(texts[base])
