"""The frame every screen shares: the footer of key bindings plus a status slot on the right.

The status slot shows ``app.status_text`` (sync state: offline, syncing, last synced, pending
changes, conflicts). Features set the text; screens just ``yield AppFooter()``.
"""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Static
from textual.widgets._footer import FooterKey

from katerm.app.styles import tcss


def key_width(key: FooterKey) -> int:
    """The cells one key takes: `` k `` and ``Description `` (Textual's footer style)."""
    described = cell_len(key.description) + 1 if key.description else 0
    return cell_len(key.key_display) + 2 + described


KEPT = ("toggle_keys", "quit")  # F1 lists every key, Ctrl+Q leaves: shown when others are not


def _action(key: Widget) -> str:
    return key.action.rpartition(".")[2] if isinstance(key, FooterKey) else ""


def fitting(keys: list[Widget], room: int, keep: tuple[str, ...] = ()) -> list[Widget]:
    """The keys that fit in ``room`` cells whole, in their order; the last ones give way, but
    never F1 (which lists the rest) or Ctrl+Q, so no key is cut in half at the edge.

    Esc (the way back) and the screen's ``keep`` actions (``FOOTER_KEEP``: the evening
    review's "end the meeting") give way only after every other key: dropped from the end,
    they went first at 80 columns on a screen whose own keys came last, and the screen showed
    no way to finish or leave."""
    shown = list(keys)

    def used() -> int:
        return sum(key_width(k) for k in shown if isinstance(k, FooterKey))

    def last(k: Widget) -> bool:
        return isinstance(k, FooterKey) and (k.key == "escape" or _action(k) in keep)

    while used() > room:
        droppable = [k for k in shown if _action(k) not in KEPT]
        if not droppable:
            break
        first = [k for k in droppable if not last(k)]
        shown.remove((first or droppable)[-1])
    return shown


class QuietFooter(Footer):
    """A Footer that rebuilds itself only when the keys it shows change, and shows only the
    keys that fit whole (a cut key, or a Chinese word half under the Ctrl+P key, reads as
    garbage; F1 lists them all).

    Textual's Footer recomposes all its keys on every focus change; tabbing through a form
    then spends about two thirds of its time rebuilding an identical footer.
    """

    _shown: Any = None
    _width = 0

    def compose(self) -> ComposeResult:
        items = list(super().compose())
        for key in items:
            if isinstance(key, FooterKey):
                # Born as it will stay: Textual's key is born compact, then a key bound to the
                # footer is told it is not, restyling it twice on mounting (a tenth of a first
                # open). The command palette's key is not bound: it stays compact.
                compact = key.has_class("-command-palette") or self.compact
                key.set_reactive(FooterKey.compact, compact)
                key.set_class(compact, "-compact", update=False)
        width = self.size.width
        if not width or not all(isinstance(w, FooterKey) for w in items):
            yield from items  # not laid out yet, or grouped keys: Textual's own
            return
        palette = [w for w in items if w.has_class("-command-palette")]
        keys: list[Widget] = [w for w in items if not w.has_class("-command-palette")]
        room = width - sum(key_width(w) + 1 for w in palette if isinstance(w, FooterKey))
        keep = tuple(getattr(self.screen, "FOOTER_KEEP", ()))
        yield from fitting(keys, room, keep)
        yield from palette

    def on_resize(self, event: events.Resize) -> None:
        if event.size.width != self._width:
            self._width = event.size.width
            if self._bindings_ready:
                self.call_after_refresh(self.recompose)

    def bindings_changed(self, screen: Screen) -> None:
        if self.is_attached and screen is self.screen and screen.app.app_focus:
            shown = tuple(
                (binding.key, binding.action, binding.description, enabled, tooltip)
                for (_, binding, enabled, tooltip) in screen.active_bindings.values()
                if binding.show
            )
            if shown == self._shown and self._bindings_ready:
                return
            self._shown = shown
        super().bindings_changed(screen)


class AppFooter(Horizontal):
    DEFAULT_CSS = tcss(__file__, "app_footer.tcss")

    def compose(self) -> ComposeResult:
        yield QuietFooter()
        yield Static("", id="status", classes="-empty")

    def on_mount(self) -> None:
        self.watch(self.app, "status_text", self._show, init=True)

    def _show(self, text: str) -> None:
        status = self.query_one("#status", Static)
        status.update(text)
        status.set_class(not text, "-empty")
        status.set_class(bool(getattr(self.app, "status_problem", False)), "-problem")
