"""The influence map's panes and their keys: the tree's editing keys and the coverage view's
(the quick edits' steps along the scales are ``katerm.core.roles``: + and - move the attitude
one step, i cycles influence)."""

from __future__ import annotations

from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll

from katerm.app.localize import Localized


class MapPane(Localized, Vertical):
    """The tree and the warnings; the editing keys work while either has the focus."""

    BINDINGS = [
        Binding("a", "screen.add(False)", "keys.add_person", id="influence.add"),
        Binding("n", "screen.add(True)", "keys.add_top", id="influence.add_top", show=False),
        Binding("e", "screen.edit", "keys.edit_person", id="influence.edit"),
        Binding("d", "screen.delete", "keys.delete", id="influence.delete"),
        Binding("m", "screen.move", "keys.move_person", id="influence.move"),
        Binding("k", "screen.lines", "keys.lines", id="influence.lines"),
        Binding("c", "screen.coverage", "keys.coverage", id="influence.coverage"),
        Binding("o", "screen.pick_account", "keys.pick_account", id="influence.pick"),
        Binding(
            "plus", "screen.attitude(1)", "keys.attitude_up", id="influence.warmer", show=False
        ),
        Binding(
            "minus", "screen.attitude(-1)", "keys.attitude_down", id="influence.cooler", show=False
        ),
        Binding("i", "screen.influence", "keys.cycle_influence", id="influence.cycle", show=False),
        Binding("asterisk", "screen.star", "keys.star", id="influence.star", show=False),
        Binding("p", "screen.save_svg", "keys.save_svg", id="influence.svg", show=False),
        Binding("v", "screen.reviewed", "keys.map_reviewed", id="influence.reviewed", show=False),
    ]


class CoverageView(Localized, VerticalScroll, can_focus=True):
    BINDINGS = [Binding("c,escape", "screen.coverage", "keys.back", id="influence.coverage_back")]
