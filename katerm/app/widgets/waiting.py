"""Keys pressed before a screen's data is there act once it is, instead of being refused.

A screen (or pane) that loads in a worker mixes in :class:`WaitsForData`, says whether it is
still loading (``waiting_for_data``) and calls ``data_arrived()`` when it has shown the data.
``KatermApp.run_action`` keeps a key that cannot act yet on such a node (a short notification
says it will act once the data is there) and plays it when ``data_arrived()`` is called: `5`
then at once `m` opens the evening review instead of "Still loading: try again". A key kept
for a screen the user has left meanwhile is dropped.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.dom import DOMNode as _Base
else:
    _Base = object

KEPT_AT_MOST = 4  # keys kept while loading: a few, not a buffer of a whole burst


class WaitsForData(_Base):
    """Mixed into a screen or a pane whose keys need the data its worker loads."""

    def waiting_for_data(self) -> bool:
        """True while the data this node's keys act on has not arrived yet."""
        raise NotImplementedError

    def keep_action(self, name: str, parameters: tuple[object, ...]) -> bool:
        """Keep a key's action until the data is there; False if too many are kept."""
        kept: list[tuple[str, tuple[object, ...]]] = self.__dict__.setdefault("_kept_actions", [])
        if len(kept) >= KEPT_AT_MOST:
            return False
        if (name, parameters) not in kept:
            kept.append((name, parameters))
        return True

    def data_arrived(self) -> None:
        """The data is shown: play the keys kept meanwhile, in order (after this refresh)."""
        kept: list[tuple[str, tuple[object, ...]]] = self.__dict__.pop("_kept_actions", [])
        if kept or not self.__dict__.get("_arrived"):
            # Keys dimmed while nothing was shown can act now: the footer says so. (Not at
            # every arrival: a search keystroke's rows would pay for the footer's check.)
            self.__dict__["_arrived"] = True
            self.refresh_bindings()
        if kept and self.screen.is_current:
            play = getattr(self.app, "play_kept", None)
            if callable(play):
                self.call_later(play, self, kept)
