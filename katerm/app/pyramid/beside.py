"""The pyramid's second table (key ``b``): per tier of the scheme shown, how its accounts fall
in another scheme (an account is both "A" by revenue and "strategic" by value). The same
counts as ``katerm pyramid --beside SCHEME``, read by ``katerm.core.pyramid.load_beside``.

``b`` shows the strategic scheme first (or revenue when strategic is shown), then each other
scheme in turn, then hides the table again.
"""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.widgets import Static

from katerm.app.context import workspace_of
from katerm.app.pyramid.text import text_table, tier_label
from katerm.core.config import TIER_SCHEMES
from katerm.core.pyramid import RULES, Pyramid, PyramidQuery
from katerm.i18n import t
from katerm.i18n.fmt import fmt_int

Counts = dict[str | None, dict[str | None, int]]


def others(scheme: str) -> list[str]:
    """The schemes ``b`` shows beside ``scheme``, in turn: strategic (else revenue) first."""
    first = "strategic" if scheme != "strategic" else "revenue"
    return [first, *(s for s in TIER_SCHEMES if s not in (scheme, first))]


class BesideTable(Static):
    """Hidden until ``b``; then a title and a small table, one row per tier shown."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, classes="pyramid-line -empty")
        self.other: str | None = None  # the scheme shown beside; None: hidden
        self.tiers: list[str | None] = []
        self.query_shown: PyramidQuery | None = None
        self.counts: Counts = {}  # what the table shows (tier -> other tier -> count)

    def cycle(self, pyramid: Pyramid | None) -> None:
        """The next scheme beside the one shown, or none after the last."""
        if pyramid is None:
            return
        turn = others(pyramid.query.scheme)
        at = turn.index(self.other) + 1 if self.other in turn else 0
        self.other = turn[at] if at < len(turn) else None
        self.show_for(pyramid)

    def show_for(self, pyramid: Pyramid) -> None:
        """Follow the figures: the same query, tiers and filters."""
        if self.other == pyramid.query.scheme:
            self.other = None  # the scheme shown was switched to the one beside it
        self.tiers = [f.tier for f in pyramid.tiers]
        self.query_shown = pyramid.query
        if self.other is None:
            self.counts = {}
            self.update("")
            self.set_class(True, "-empty")
        else:
            self._load(pyramid.query, self.other)

    @work(thread=True, exclusive=True, exit_on_error=False, group="pyramid-beside")
    def _load(self, query: PyramidQuery, other: str) -> None:
        from katerm.core.pyramid import load_beside

        ws = workspace_of(self)
        counts = load_beside(ws.db, query, ws.me.id, other)
        self.app.call_from_thread(self._show, query, other, counts)

    def _show(self, query: PyramidQuery, other: str, counts: Counts) -> None:
        if query != self.query_shown or other != self.other:
            return  # a newer query or scheme is on its way
        self.counts = counts
        columns: list[str | None] = [*RULES[other].tiers, None]
        title = t("pyramid.beside_title", scheme=t(f"fields.scheme.{other}"))
        table = text_table(
            [t("pyramid.col.tier"), *(tier_label(o) for o in columns)],
            [
                [tier_label(tier), *(fmt_int(counts.get(tier, {}).get(o, 0)) for o in columns)]
                for tier in self.tiers
            ],
        )
        self.update(Text.assemble((title, "bold"), "\n", table))
        self.set_class(False, "-empty")
        self.call_after_refresh(self.scroll_visible)
