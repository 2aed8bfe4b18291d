"""No automatic garbage collection while a screen opens.

At 100k accounts a full collection takes 30-300 ms, and one fell inside a screen's first open
every few screens: a gc callback's log beside ``bench_terminal --look 8`` put collections of
27-124 ms inside the opens of the gaps and my day, the spread of their times between runs
(issue 19). So a screen switch holds the collector until the new screen's first rows are
painted (:meth:`CollectorHold.painted`, from ``context.first_rows_painted``), or for
``seconds`` at the latest; the collection then runs after the paint, as large as it would
have been.
"""

from __future__ import annotations

import gc
from functools import partial
from typing import TYPE_CHECKING

from katerm.core import background

if TYPE_CHECKING:
    from textual.app import App


class CollectorHold:
    def __init__(self, app: App, seconds: float) -> None:
        self.app = app
        self.seconds = seconds
        self.holds = 0  # holds so far: a timer resumes only its own hold, not a newer one

    def hold(self) -> None:
        self.holds += 1
        gc.disable()
        self.app.set_timer(self.seconds, partial(self._resume, self.holds))

    def _resume(self, hold: int) -> None:
        if hold == self.holds:
            gc.enable()

    def resume(self) -> None:
        self._resume(self.holds)

    def painted(self) -> None:
        """The new screen's first rows are painted: the background fills and the collector
        go on."""
        background.release()
        self.resume()
