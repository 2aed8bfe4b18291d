"""Translating Textual's bindings at run time.

``BINDINGS`` are class attributes, evaluated once at import, but the language is chosen when
the app starts. So binding descriptions are catalogue keys (``"keys.search"``) and each node
swaps in translated copies of its bindings when it is created.
"""

from __future__ import annotations

from dataclasses import replace

from textual.binding import BindingsMap
from textual.dom import DOMNode

from katerm.i18n import has_key, t


def _tr(text: str) -> str:
    return t(text) if text and has_key(text, "en") else text


def localize_bindings(node: DOMNode) -> None:
    bindings = node._bindings
    translated = {
        key: [replace(b, description=_tr(b.description), tooltip=_tr(b.tooltip))
              for b in group]
        for key, group in bindings.key_to_bindings.items()
    }
    node._bindings = BindingsMap.from_keys(translated)


class Localized:
    """Mix into a Screen or Widget whose BINDINGS use catalogue keys as descriptions."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]
        localize_bindings(self)  # type: ignore[arg-type]
