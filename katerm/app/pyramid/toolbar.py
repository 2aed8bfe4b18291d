"""The pyramid's filters: scheme, owner, region, industry, lifecycle and year, one ``Select``
each, in a row above the tabs.

Six Selects are 36 widgets (each has its current value, two arrows and a list of options):
nearly half of the screen's, and of its first open's styling and layout. So the row first
shows :class:`FilterStub`\\ s, one line each drawn as a compact Select draws its value, and the
Selects replace them once the figures are painted (:meth:`FilterBar.build`), a frame or two
after the figures (issue 19). A stub takes the focus (Tab) and the keys that open a Select, and
a click, as its Select would: the Select that replaces it has the focus, and opens if asked
to meanwhile, so nothing pressed in between is lost.
"""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Select

from katerm.core.config import TIER_SCHEMES
from katerm.core.pyramid import LIFECYCLES, FilterOptions, PyramidQuery
from katerm.i18n import t

FILTERS = ("scheme", "owner", "region", "industry", "lifecycle", "year")
DIM = "$foreground 50%"  # a compact Select's prompt and arrow (textual.widgets._select)


class FilterStub(Widget, can_focus=True):
    """A compact Select's look, without its widgets: its label, then its arrow. Focused, the
    keys that open a Select (and a click) are kept for the Select that replaces it."""

    # The keys a Select opens its list on (textual.widgets.Select.BINDINGS).
    BINDINGS = [Binding("enter,down,space,up", "open", show=False)]

    def __init__(self, label: str, *, chosen: bool, name: str) -> None:
        super().__init__(classes=f"filter-stub filter-{name}")
        self.label = label
        self.chosen = chosen  # a value, not the prompt: drawn brighter, as a Select does
        self.filter = name
        self.opening = False  # asked to open before its Select arrived

    def action_open(self) -> None:
        self.opening = True

    def on_click(self) -> None:
        self.focus()
        self.opening = True

    def render(self) -> Content:
        room = max(0, self.content_size.width - 2)  # the arrow: a space and ▼
        label = set_cell_size(self.label, room) if cell_len(self.label) > room else self.label
        label += " " * (room - cell_len(label))
        return Content.assemble((label, "$foreground" if self.chosen else DIM), (" ▼", DIM))


class FilterBar(Horizontal):
    """The filters' row: stubs until :meth:`build`, then the Selects."""

    def __init__(self, query: PyramidQuery, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="toolbar")
        self.query_shown = query
        self.options: FilterOptions | None = None
        self.built = False

    def _choices(self, name: str) -> list[tuple[str, str]]:
        year = self.query_shown.year or 0
        if name == "scheme":
            return [(t(f"fields.scheme.{s}"), s) for s in TIER_SCHEMES]
        if name == "lifecycle":
            return [(t(f"fields.lifecycle.{v}"), v) for v in LIFECYCLES]
        if name == "year":
            return [(str(y), str(y)) for y in range(year - 2, year + 2)]
        if self.options is None:
            return []
        if name == "owner":
            return [(label, i) for i, label in self.options.members]
        values = self.options.regions if name == "region" else self.options.industries
        return [(v, v) for v in values]

    def _value(self, name: str) -> str | None:
        query = self.query_shown
        value = {"scheme": query.scheme, "owner": query.owner_id, "year": query.year}.get(
            name, getattr(query, name, None)
        )
        return None if value is None else str(value)

    def _prompt(self, name: str) -> str:
        # The prompt names the filter: nothing chosen means all of it.
        return t(f"pyramid.filter.{name}")

    def compose(self) -> ComposeResult:
        for name in FILTERS:
            value = self._value(name)
            label = dict((v, k) for k, v in self._choices(name)).get(value) if value else None
            yield FilterStub(label or self._prompt(name), chosen=label is not None, name=name)

    def _select(self, name: str) -> Select[str]:
        value = self._value(name)
        if name in ("scheme", "year"):  # always one of them: no blank
            chosen = Select.NULL if value is None else value
            return Select(
                self._choices(name), value=chosen, allow_blank=False, id=name, compact=True
            )
        return Select(self._choices(name), prompt=self._prompt(name), id=name, compact=True)

    async def build(self, query: PyramidQuery) -> None:
        """The Selects in place of the stubs, showing ``query`` (once)."""
        if self.built:
            return
        self.built = True
        self.query_shown = query
        focused = self.app.focused
        held = focused if isinstance(focused, FilterStub) and focused.parent is self else None
        with self.app.batch_update():
            await self.remove_children()
            await self.mount_all([self._select(name) for name in FILTERS])
        if held is not None:  # the focus (and an open asked for) go on to its Select
            select = self.query_one(f"#{held.filter}", Select)
            select.focus()
            if held.opening:
                select.action_show_overlay()

    def set_options(self, options: FilterOptions) -> None:
        """The people, regions and industries to choose from (read after the figures)."""
        self.options = options
        if not self.built:
            return
        for name in ("owner", "region", "industry"):
            self.query_one(f"#{name}", Select).set_options(self._choices(name))

    def owner_name(self, owner_id: str) -> str | None:
        if self.options is None:
            return None
        return dict(self.options.members).get(owner_id)
