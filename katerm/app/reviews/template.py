"""A team lead's checklist template: the daily and weekly items their team will have.

Shows the items as they will be from the next period on (tomorrow, next Monday): edits never
reach a checklist already under way or past (``katerm.core.reviews.templates``).
"""

from __future__ import annotations

from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from katerm.app.context import clock_of, katerm_app, workspace_of
from katerm.app.localize import Localized
from katerm.app.reviews.dialogs import TextPrompt
from katerm.app.reviews.widgets import coloured
from katerm.app.styles import tcss
from katerm.app.widgets.choose import ChoiceScreen
from katerm.app.widgets.chrome import AppFooter
from katerm.core.periods import DAY, WEEK
from katerm.core.reviews import MUTED
from katerm.i18n import t


def _target_text(item: Any) -> str:
    """ "Target 6" for a count; for a ceiling (gap actions due) how many may be left."""
    from katerm.core.reviews import MEASURES

    measure = MEASURES.get(item.measure)
    if measure is not None and measure.ceiling:
        return t("reviews.ui.ceiling", n=item.target)
    return f"{t('reviews.cli.col.target')} {item.target}"


class TemplateScreen(Localized, Screen):
    BINDINGS = [
        # Esc first: at 80 columns the footer's last keys give way, and the way out went first.
        Binding("escape", "back", "keys.back", id="template.back"),
        Binding("a", "add_manual", "reviews.keys.add_item", id="template.add"),
        Binding("m", "add_measured", "reviews.keys.add_measured", id="template.add_measured"),
        Binding("t", "target", "reviews.keys.target", id="template.target"),
        Binding("r", "rename", "reviews.keys.rename", id="template.rename"),
        Binding("d", "remove", "keys.delete", id="template.remove"),
    ]
    DEFAULT_CSS = tcss(__file__, "template_screen.tcss")

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[str, list[Any]] = {DAY: [], WEEK: []}

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="template-heading")
        with Horizontal(id="template-cols"):
            for period in (DAY, WEEK):
                with Vertical(id=f"panel-{period}", classes="template-panel"):
                    yield OptionList(id=f"items-{period}")
        yield AppFooter()

    def on_mount(self) -> None:
        self.title = t("reviews.ui.template_title")
        self.query_one(f"#items-{DAY}").focus()
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="template-load")
    def load(self) -> None:
        from katerm.core.reviews import load_upcoming_items

        ws = workspace_of(self)
        items, starts = load_upcoming_items(ws.db, ws.me.id, clock_of(self).today())
        self.app.call_from_thread(self._show, items, starts)

    def _show(self, items: dict[str, list[Any]], starts: dict[str, Any]) -> None:
        from katerm.core.reviews import item_label

        self.items = items
        self.query_one("#template-heading", Static).update(
            t(
                "reviews.ui.template_heading",
                day=starts[DAY].isoformat(),
                week=starts[WEEK].isoformat(),
            )
        )
        for period in (DAY, WEEK):
            self.query_one(f"#panel-{period}").border_title = t(f"reviews.ui.template_{period}")
            options = []
            for item in items[period]:
                kind = t(f"reviews.cli.kind_{item.kind}")
                target = "" if item.target is None else f" · {_target_text(item)}"
                options.append(
                    Option(
                        f"{item_label(item.key, item.label)}  "
                        + coloured(f"{kind}{target}", MUTED),
                        id=item.key,
                    )
                )
            box = self.query_one(f"#items-{period}", OptionList)
            keep = box.highlighted
            box.set_options(options)
            if options:
                box.highlighted = min(keep or 0, len(options) - 1)

    def _focused(self) -> tuple[str, Any]:
        for period in (DAY, WEEK):
            box = self.query_one(f"#items-{period}", OptionList)
            if box.has_focus:
                item = None
                if box.highlighted is not None and box.highlighted < len(self.items[period]):
                    item = self.items[period][box.highlighted]
                return period, item
        return DAY, None

    @work(thread=True, exclusive=True, exit_on_error=False, group="template-save")
    def _edit(self, job: Any) -> None:
        from katerm.core.errors import KatermError

        ws = workspace_of(self)
        try:
            job(ws, clock_of(self).today())
        except KatermError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error")
            return
        self.app.call_from_thread(katerm_app(self).data_changed)
        self.app.call_from_thread(self.load)

    def action_add_manual(self) -> None:
        from katerm.core.reviews import add_item

        period, _ = self._focused()

        def answered(label: str | None) -> None:
            if label:
                self._edit(lambda ws, today: add_item(ws, period, today=today, label=label))

        self.app.push_screen(TextPrompt(t("reviews.ui.new_item")), answered)

    def action_add_measured(self) -> None:
        from katerm.core.reviews import MEASURES, add_item, item_label

        period, _ = self._focused()
        present = {i.key for i in self.items[period]}
        choices = [
            (item_label(k), k)
            for k, m in MEASURES.items()
            if period in m.periods and k not in present
        ]
        if not choices:
            self.notify(t("reviews.ui.no_more_measures"), timeout=3)
            return

        def chosen(key: str | None) -> None:
            if key:
                self._edit(lambda ws, today: add_item(ws, period, today=today, measure=key))

        self.app.push_screen(ChoiceScreen(t("reviews.ui.choose_measure"), choices), chosen)

    def action_target(self) -> None:
        from katerm.core.reviews import number_or_none, set_target

        period, item = self._focused()
        if item is None:
            return
        if item.kind != "measured":
            self.notify(t("reviews.err.target_manual", key=item.key), severity="warning")
            return

        def answered(text: str | None) -> None:
            if text is None:
                return
            self._edit(
                lambda ws, today: set_target(
                    ws, period, item.key, number_or_none(text), today=today
                )
            )

        current = "" if item.target is None else str(item.target)
        self.app.push_screen(TextPrompt(t("reviews.ui.new_target"), current), answered)

    def action_rename(self) -> None:
        from katerm.core.reviews import item_label, set_label

        period, item = self._focused()
        if item is None:
            return

        def answered(text: str | None) -> None:
            if text is not None:
                self._edit(lambda ws, today: set_label(ws, period, item.key, text, today=today))

        self.app.push_screen(
            TextPrompt(t("reviews.ui.rename_item"), item_label(item.key, item.label)), answered
        )

    def action_remove(self) -> None:
        from katerm.app.widgets.dialogs import ConfirmScreen
        from katerm.core.reviews import item_label, remove_item

        period, item = self._focused()
        if item is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._edit(lambda ws, today: remove_item(ws, period, item.key, today=today))

        label = item_label(item.key, item.label)
        self.app.push_screen(
            ConfirmScreen(t("reviews.ui.remove_item", label=label), yes=t("dialog.delete")),
            answered,
        )

    @on(OptionList.OptionSelected)
    def _selected(self) -> None:
        self.action_rename()

    def action_back(self) -> None:
        self.app.pop_screen()
