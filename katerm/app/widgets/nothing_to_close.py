"""Esc on a top screen (2-7) with no dialog, filter or tab to leave: a short notice of where
Esc cannot go and which key reaches the accounts list, instead of nothing at all."""

from __future__ import annotations

from textual.dom import DOMNode

from katerm.app.keynames import key_of
from katerm.i18n import t


def say_nothing_to_close(node: DOMNode) -> None:
    """The notice, from any screen (the key is the user's, remaps included); on the accounts
    list itself it does not send the user to it."""
    app = node.app
    if app.current_mode == "accounts" and len(app.screen_stack) == 1:  # the list itself
        app.notify(t("app.nothing_to_close_here"), timeout=3)
        return
    app.notify(t("app.nothing_to_close", key=key_of(node, "app.mode.accounts")), timeout=3)


class NothingToClose:
    """The app's last word on Esc: screens and widgets with an Esc of their own come first
    (a dialog, the accounts search, the pipeline's filters), so this only hears an Esc
    nothing else took."""

    def action_nothing_to_close(self) -> None:
        assert isinstance(self, DOMNode)
        say_nothing_to_close(self)
