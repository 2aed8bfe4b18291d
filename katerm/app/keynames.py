"""Keys as people write them, and the key that does an action now (the user's remap included),
for the texts that name a key ("Press u to undo"): they follow the bindings, never drift.

Every ``Localized`` class registers its ``BINDINGS`` here when it is defined (and the app its
number keys), so this low module needs no import of the screens. ``katerm.app.keys`` builds
the README's tables and checks remaps from the same declarations.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING

from textual.binding import Binding

from katerm.i18n import t

if TYPE_CHECKING:
    from textual.dom import DOMNode

# binding id -> (default keys, description's catalogue key), from every class defined so far.
DECLARED: dict[str, tuple[str, str]] = {}
# Called when a text names a binding whose class is not imported yet (the gaps screen's empty
# text names the account screen's tab key before any account was opened): katerm.app.keys
# registers here the loading of every declaration, which this low module cannot import.
LOAD_ALL: list[Callable[[], object]] = []

_NAMES = {
    "escape": "Esc",
    "enter": "Enter",
    "space": "Space",
    "tab": "Tab",
    "slash": "/",
    "plus": "+",
    "minus": "-",
    "equals_sign": "=",
    "asterisk": "*",
    "left": "←",
    "right": "→",
    "up": "↑",
    "down": "↓",
    "pageup": "PgUp",
    "pagedown": "PgDn",
    "home": "Home",
    "end": "End",
    "delete": "Del",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "question_mark": "?",
}


def show_key(key: str) -> str:
    """A key as people write it: ``ctrl+s`` -> ``Ctrl+S``, ``escape`` -> ``Esc``."""
    parts = key.split("+")
    base = parts[-1]
    function_key = base.startswith("f") and base[1:].isdigit()
    name = _NAMES.get(base) or (base.upper() if function_key else base)
    mods = [m.capitalize() for m in parts[:-1]]
    if mods:
        name = name.upper() if len(name) == 1 else name
    return "+".join([*mods, name])


# Named keys in the footer and the key panel (F1) as katerm's texts write them; arrows, Enter
# (⏎) and the rest keep Textual's symbols.
_PANEL_NAMES = {  # (the space bar: in the interface language, see panel_key)
    "escape": "Esc",
    "tab": "Tab",
    "pageup": "PgUp",
    "pagedown": "PgDn",
    "delete": "Del",
    "insert": "Ins",
    "home": "Home",
    "end": "End",
}


def panel_key(key: str) -> str:
    """A key in the footer and the key panel (F1): ``alt+left`` -> ``Alt+←``, ``escape`` ->
    ``Esc``, ``shift+tab`` -> ``Shift+Tab``; Ctrl keeps Textual's compact caret (``^s``) and
    letters and function keys stay as Textual shows them (``s``, ``f1``), so footers keep
    their width."""
    from textual.keys import format_key

    *mods, base = key.split("+")
    if mods == ["super"]:
        # The Mac's Cmd twin of a Ctrl key (Textual binds copy to both): shown once, as ^c.
        mods = ["ctrl"]
    name = t("keys.space_key") if base == "space" else _PANEL_NAMES.get(base) or format_key(base)
    caret = "ctrl" in mods
    shown_mods = [m.capitalize() for m in mods if m != "ctrl"]
    if shown_mods and len(name) == 1:
        name = name.upper()
    shown = "+".join([*shown_mods, name])
    return f"^{shown}" if caret else shown


def register(bindings: Iterable[Binding | tuple[str, ...]]) -> None:
    """Note the default keys of these bindings (by id)."""
    for item in bindings:
        if isinstance(item, Binding) and item.id:
            DECLARED[item.id] = (item.key, item.description)


def split_keys(keys: str) -> list[str]:
    return [k.strip() for k in keys.split(",") if k.strip()]


def key_of(node: DOMNode, binding_id: str) -> str:
    """The key (as people write it) that does ``binding_id`` now, the user's remap included."""
    keymap: Mapping[str, str] = getattr(node.app, "_keymap", None) or {}
    if binding_id not in keymap and binding_id not in DECLARED:
        for load in LOAD_ALL:  # on a first run, a key of a screen not opened yet
            load()
    keys = keymap.get(binding_id) or DECLARED[binding_id][0]
    return show_key(split_keys(keys)[0])


def keys_line(node: DOMNode, *binding_ids: str) -> str:
    """``a Add · e Edit · d Delete`` for the given bindings, in the interface language."""
    return t("keys.hint_sep").join(
        t("keys.hint", key=key_of(node, i), what=t(DECLARED[i][1])) for i in binding_ids
    )


_MODIFIERS = frozenset({"ctrl", "shift", "alt", "meta", "super", "hyper"})


def is_key_name(key: str) -> bool:
    """Whether Textual can ever report ``key`` (``ctrl+n``, ``f6``, ``n``, ``question_mark``):
    a binding to a name it never produces is never pressed, and its action is lost."""
    import unicodedata

    from textual.keys import KEY_NAME_REPLACEMENTS, Keys

    if len(key) == 1:
        return key.isprintable() and not key.isspace()
    *modifiers, base = key.lower().split("+")
    if (
        not base
        or any(m not in _MODIFIERS for m in modifiers)
        or len(set(modifiers)) < len(modifiers)
    ):
        return False
    if len(base) == 1:
        return base.isprintable() and not base.isspace()
    named = {k.value for k in Keys if "+" not in k.value and not k.value.startswith("<")}
    if base in named or base in KEY_NAME_REPLACEMENTS.values():
        return True
    try:
        char = unicodedata.lookup(base.replace("_", " "))
    except KeyError:
        return False
    # A character's name (``question_mark``, ``fullwidth_comma``) is a key a keyboard has; a
    # name that happens to be a symbol's (``banana`` is 🍌) is not one anybody binds.
    return char.isascii() or unicodedata.category(char).startswith("P")
