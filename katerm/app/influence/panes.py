"""The influence map's keys: the tree's editing keys, the coverage view's, and the steps
of the quick edits (+ and - move the attitude one step, i cycles influence)."""

from __future__ import annotations

from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll

from katerm.app.localize import Localized

# One step warmer or cooler; an unknown attitude becomes neutral either way.
WARMER = {"opponent": "neutral", "neutral": "supporter", "unknown": "neutral",
           "supporter": "supporter"}
COOLER = {"supporter": "neutral", "neutral": "opponent", "unknown": "neutral",
           "opponent": "opponent"}
NEXT_INFLUENCE = {"": "medium", "low": "medium", "medium": "high", "high": "low"}


class MapPane(Localized, Vertical):
    """The tree and the warnings; the editing keys work while either has the focus."""

    BINDINGS = [
        Binding("a", "screen.add(False)", "keys.add_person", id="influence.add"),
        Binding("n", "screen.add(True)", "keys.add_top", id="influence.add_top", show=False),
        Binding("e", "screen.edit", "keys.edit_person", id="influence.edit"),
        Binding("d", "screen.delete", "keys.delete", id="influence.delete"),
        Binding("m", "screen.move", "keys.move_person", id="influence.move"),
        Binding("l", "screen.lines", "keys.lines", id="influence.lines"),
        Binding("c", "screen.coverage", "keys.coverage", id="influence.coverage"),
        Binding("o", "screen.pick_account", "keys.pick_account", id="influence.pick"),
        Binding("plus", "screen.attitude(1)", "keys.attitude_up", id="influence.warmer",
                show=False),
        Binding("minus", "screen.attitude(-1)", "keys.attitude_down", id="influence.cooler",
                show=False),
        Binding("i", "screen.influence", "keys.cycle_influence", id="influence.cycle",
                show=False),
        Binding("asterisk", "screen.star", "keys.star", id="influence.star", show=False),
        Binding("p", "screen.save_svg", "keys.save_svg", id="influence.svg", show=False),
    ]


class CoverageView(Localized, VerticalScroll, can_focus=True):
    BINDINGS = [Binding("c,escape", "screen.coverage", "keys.back", id="influence.coverage_back")]
