"""Every key of the Textual widgets katerm shows has its description in Chinese: an open
drop-down's footer read "Esc Dismiss menu" among Chinese entries (SelectOverlay's binding
had no catalogue entry; F1 and the footer show Textual's own bindings too)."""

from __future__ import annotations

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import (
    Button,
    Checkbox,
    DataTable,
    Input,
    Markdown,
    OptionList,
    RadioButton,
    RadioSet,
    Select,
    SelectionList,
    TabbedContent,
    Tabs,
    TextArea,
    Tree,
)
from textual.widgets._select import SelectOverlay

from katerm.app.localize import _tr
from katerm.i18n import set_language

SHOWN = (
    Button, Checkbox, DataTable, Input, Markdown, OptionList, RadioButton, RadioSet, Select,
    SelectOverlay, SelectionList, TabbedContent, Tabs, TextArea, Tree, VerticalScroll,
)  # fmt: skip


def descriptions() -> set[str]:
    found = set()
    for widget in SHOWN:
        for cls in widget.__mro__:
            for binding in getattr(cls, "BINDINGS", None) or []:
                text = binding.description if isinstance(binding, Binding) else binding[2:3]
                if text and isinstance(text, str):
                    found.add(text)
                elif text:
                    found.add(text[0])
    return found


def test_every_textual_key_description_is_in_chinese():
    set_language("zh_CN")
    try:
        missing = sorted(text for text in descriptions() if _tr(text) == text)
    finally:
        set_language("en")
    assert missing == []


def test_the_drop_down_key_is_among_them():
    assert "Dismiss menu" in descriptions()
