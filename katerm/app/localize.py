"""Translating Textual's bindings at run time.

``BINDINGS`` are class attributes, evaluated once at import, but the language is chosen when
the app starts. So binding descriptions are catalogue keys (``"keys.search"``) and each node
swaps in translated copies of its bindings when it is created.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from textual import events
from textual.binding import ActiveBinding, BindingsMap
from textual.dom import DOMNode

from katerm.app.keynames import register
from katerm.i18n import has_key, t

# Textual's own bindings (scrolling, tabs, focus) carry English descriptions; the key panel
# (F1) shows them, so they get catalogue keys too.
TEXTUAL_DESCRIPTIONS = {
    "Scroll Up": "keys.up",
    "Scroll Down": "keys.down",
    "Scroll Left": "keys.scroll_left",
    "Scroll Right": "keys.scroll_right",
    "Scroll Home": "keys.first",
    "Scroll End": "keys.last",
    "Page Up": "keys.page_up",
    "Page Down": "keys.page_down",
    "Page Left": "keys.page_left",
    "Page Right": "keys.page_right",
    "Previous tab": "keys.previous_tab",
    "Next tab": "keys.next_tab",
    "Focus Next": "keys.focus_next",
    "Focus Previous": "keys.focus_previous",
    "Copy selected text": "keys.copy",
}


def _tr(text: str) -> str:
    key = TEXTUAL_DESCRIPTIONS.get(text, text)
    if key and has_key(key, "en"):
        return t(key)
    # The other keys of Textual's widgets (an input's "Move cursor left", a list's "Select"):
    # the [textual] catalogue, by their words.
    key = "textual." + re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")
    return t(key) if text and has_key(key, "en") else text


def translated(found: Mapping[str, ActiveBinding]) -> dict[str, ActiveBinding]:
    """A screen's active bindings with every description in the interface language: those of
    Textual's own widgets too (an input, a list, a select), which katerm does not create with
    catalogue keys and which the key panel (F1) lists all of."""
    out = {}
    for key, active in found.items():
        words = _tr(active.binding.description)
        if words != active.binding.description:
            active = active._replace(binding=replace(active.binding, description=words))
        out[key] = active
    return out


def localize_textual_widgets() -> None:
    """The group title the key panel gives an input's keys ("Input"), in the interface
    language. Textual's class attribute, set when the app starts (the language is known)."""
    from textual.widgets import Input

    Input.BINDING_GROUP_TITLE = t("textual.group_input")


def localize_bindings(node: DOMNode) -> None:
    bindings = node._bindings
    translated = {
        key: [replace(b, description=_tr(b.description), tooltip=_tr(b.tooltip)) for b in group]
        for key, group in bindings.key_to_bindings.items()
    }
    node._bindings = BindingsMap.from_keys(translated)


if TYPE_CHECKING:
    # A mixin for screens and widgets: type-check it as the node it is mixed into.
    _Node = DOMNode
else:
    _Node = object


class Localized(_Node):
    """Mix into a Screen or Widget whose BINDINGS use catalogue keys as descriptions."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        register(cls.__dict__.get("BINDINGS", ()))  # hints in texts name these keys

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        localize_bindings(self)

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        # A screen's (Textual's property; the footer and F1 read it): translated.
        return translated(super().active_bindings)  # type: ignore[misc]

    def _on_mount(self, event: events.Mount) -> None:
        # A screen's tab bars are Textual's own widgets: translate their keys too. (Textual
        # calls this beside the class's own on_mount.)
        from textual.screen import Screen
        from textual.widgets import Tabs

        if isinstance(self, Screen):
            for tabs in self.query(Tabs):
                localize_bindings(tabs)

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        # Textual restyles a screen's every widget on each resume, and a mode's first open
        # resumes it twice, right after its widgets were styled as they mounted: at 100k
        # accounts a third of the pyramid's first open. Later resumes restyle as Textual does.
        # (Textual calls Screen's own handler after this one, with the event as left here.)
        if not getattr(self, "_resumed", False):
            event.refresh_styles = False
            self.call_after_refresh(setattr, self, "_resumed", True)
