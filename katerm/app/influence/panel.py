"""The influence map's detail panel: the selected person at a glance, and their form.

While the cursor moves, the panel shows a card (one text, redrawn without a layout pass, so
a keypress stays cheap); e or Enter swaps in the form. The form only collects values and
shows errors beside the fields; the screen saves through
:func:`katerm.core.influence.edit.save_person`, whose answer (field -> message) comes back
to :meth:`PersonPanel.show_errors`. Nothing is saved until every field is valid.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Button, Static

from katerm.app.localize import Localized
from katerm.app.styles import tcss
from katerm.app.widgets.leaving import HoldsInput
from katerm.core import levels
from katerm.core.influence import ATTITUDE_SYMBOL, INFLUENCE_DOTS, STAR, InfluenceMap, Person
from katerm.core.roles import keys_of, label
from katerm.core.team import Member
from katerm.i18n import t

if TYPE_CHECKING:
    from katerm.app.widgets.form import FieldSpec, Form

NEW_DEFAULTS = {"attitude": "unknown", "level": "0", "rising_star": "no"}


def _choices(scale: str) -> list[tuple[str, str]]:
    return [(label(scale, k), k) for k in keys_of(scale)]


def person_fields() -> list[FieldSpec]:
    from katerm.app.widgets.form import FieldSpec

    name = lambda key: t(f"fields.contact.{key}")  # noqa: E731
    return [
        FieldSpec("name", name("name")),
        FieldSpec("title", name("title")),
        FieldSpec("role", name("role"), kind="select", options=_choices("role")),
        FieldSpec(
            "other_roles",
            name("other_roles"),
            placeholder=t(
                "influence.other_roles_hint",
                example=t("influence.sep").join(
                    (label("role", "approver"), label("role", "buyer"))
                ),
            ),
        ),
        FieldSpec("influence", name("influence"), kind="select", options=_choices("influence")),
        FieldSpec(
            "attitude",
            name("attitude"),
            kind="select",
            allow_blank=False,
            options=_choices("attitude"),
        ),
        FieldSpec(
            "support_level", name("support_level"), kind="select", options=_choices("support_level")
        ),
        # The one relationship level, 0–5 with its word (the gap table's "now" too).
        FieldSpec(
            "level",
            name("level"),
            kind="select",
            allow_blank=False,
            options=[(levels.label(n), str(n)) for n in range(levels.LOWEST, levels.HIGHEST + 1)],
        ),
        # Options arrive with the map: our team, and the people this one may report to.
        FieldSpec("covered_by", name("covered_by"), kind="select", prompt=t("influence.nobody")),
        FieldSpec("reports_to", name("reports_to"), kind="select", prompt=t("influence.top_level")),
        FieldSpec(
            "rising_star",
            name("rising_star"),
            kind="select",
            allow_blank=False,
            options=[(t("influence.no"), "no"), (t("influence.yes"), "yes")],
        ),
        FieldSpec("favours_competitor", name("favours_competitor")),
        FieldSpec("department", name("department")),
    ]


def values_of(person: Person, boss: str | None) -> dict[str, Any]:
    """What the form shows for a person (keys, ids; "" and None for "not set")."""
    return {
        "name": person.name,
        "title": person.title,
        "department": person.department,
        "role": person.role or None,
        "other_roles": t("dialog.names", names=[label("role", r) for r in person.other_roles]),
        "influence": person.influence or None,
        "attitude": person.attitude,
        "support_level": person.support_level or None,
        "level": str(person.level),
        "covered_by": person.covered_by,
        "reports_to": boss,
        "rising_star": "yes" if person.rising_star else "no",
        "favours_competitor": person.favours_competitor,
    }


class PersonPanel(HoldsInput, Localized, Vertical):
    """The selected person's card, or their form while editing (Ctrl+S saves, Esc goes back)."""

    BINDINGS = [
        Binding("ctrl+s", "save", "keys.save", id="influence.save"),
        Binding("escape", "leave", "keys.back", id="influence.back"),
    ]
    DEFAULT_CSS = tcss(__file__, "person_panel.tcss")

    class SaveRequested(Message):
        def __init__(self, contact_id: str | None, values: dict[str, Any]) -> None:
            super().__init__()
            self.contact_id = contact_id
            self.values = values

    class Closed(Message):
        """Esc: back to the tree (the form was reverted)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.contact_id: str | None = None  # the person on the card, or in the form
        self.adding = False
        self.editing = False
        self._errors_shown = False
        self._form: Form | None = None
        self._options: dict[str, list[tuple[str, str]]] = {}
        self._title = ""
        self._then: Callable[[bool], object] | None = None  # told how a save ended

    def compose(self) -> ComposeResult:
        yield Static("", id="panel-title", markup=False)
        yield Static("", id="person-card", markup=False)
        yield Vertical(id="person-editor")  # the form, mounted when first needed

    async def ensure_form(self) -> Form:
        """The form, mounted on first use: its dozen fields would slow the map's opening."""
        if self._form is None:
            from katerm.app.widgets.form import Form

            self._form = Form(person_fields(), id="person-form")
            await self.query_one("#person-editor").mount_all(
                [
                    self._form,
                    Static(t("influence.form_hint"), id="panel-hint"),
                    Button(t("account.save_button"), id="panel-save"),
                ]
            )
            for name, options in self._options.items():
                self._form.set_options(name, options)
        return self._form

    @property
    def form(self) -> Form:
        assert self._form is not None, "ensure_form() first"
        return self._form

    @property
    def dirty(self) -> bool:
        return self.editing and self.form.dirty

    def set_options(self, found: InfluenceMap, team: list[Member]) -> None:
        """Our team for covered_by, everyone at the account for reports_to (in tree order).

        Everyone, the person and those below them included: picking one of them gets the
        core's inline message about the circle it would make.
        """
        self._options = {  # as Text: a name is never read as markup
            "covered_by": [(Text(m.display), m.id) for m in team],
            "reports_to": [
                (Text(("  " * r.depth) + r.person.name), r.person.id) for r in found.rows
            ],
        }
        if self._form is not None:
            for name, options in self._options.items():
                self._form.set_options(name, options)

    def show_person(self, found: InfluenceMap, person: Person | None) -> None:
        """The card of a person (the form, if open, is left alone)."""
        if self.editing:
            return
        self.contact_id = person.id if person else None
        # Fixed sizes: redraw without a layout pass.
        self.query_one("#panel-title", Static).update(person.name if person else "", layout=False)
        self.query_one("#person-card", Static).update(
            card_text(found, person) if person else "", layout=False
        )

    async def edit(self, found: InfluenceMap, person: Person) -> None:
        """Open the form on a person (clean: nothing to save until something changes)."""
        await self.ensure_form()
        self.contact_id = person.id
        self.adding = False
        self._open(person.name, values_of(person, found.boss(person.id)))

    async def start_new(self, found: InfluenceMap, boss: str | None) -> None:
        """An empty form for a new person reporting to ``boss`` (None: the top)."""
        form = await self.ensure_form()
        self.contact_id = None
        self.adding = True
        title = (
            t("influence.new_under", name=found.people[boss].name)
            if boss
            else t("influence.new_person")
        )
        self._open(
            title, {spec.name: None for spec in form.specs} | NEW_DEFAULTS | {"reports_to": boss}
        )

    def _open(self, title: str, values: dict[str, Any]) -> None:
        form = self.form
        if self._errors_shown:
            form.clear_errors()
            self._errors_shown = False
        form.set_values(values)
        self._title = title
        self.query_one("#panel-title", Static).update(title, layout=False)
        self.editing = True
        self.add_class("-editing")
        form.scroll_home(animate=False)
        form.control("name").focus()

    def close(self) -> None:
        """Back to the card."""
        self.editing = self.adding = False
        self.remove_class("-editing")

    def show_errors(self, errors: dict[str, str]) -> None:
        self._errors_shown = True
        self.form.show_errors(errors)

    @on(Button.Pressed, "#panel-save")
    def action_save(self) -> None:
        form = self.form
        values = form.values() if self.adding else form.changed_values()
        if not values and not self.adding:
            self.drop_input()
            self.settle(True)
            return
        self.post_message(self.SaveRequested(None if self.adding else self.contact_id, values))

    def settle(self, ok: bool) -> None:
        """The screen says how the save ended (saved, or refused with errors shown)."""
        then, self._then = self._then, None
        if then is not None:
            then(ok)

    # --- leaving (katerm.app.widgets.leaving) --------------------------------------------
    def unsaved(self) -> bool:
        return self.dirty

    def unsaved_title(self) -> str:
        return self._title

    def save_input(self, then: Callable[[bool], object]) -> None:
        self._then = then
        self.action_save()

    def drop_input(self) -> None:
        self.close()
        self.post_message(self.Closed())


def card_text(found: InfluenceMap, p: Person) -> str:
    """Everything about a person, one fact a line, for the card."""

    def row(key: str, value: str) -> str:
        return t("influence.card_row", label=t(f"fields.contact.{key}"), value=value)

    def named(who: str, strength: str) -> str:
        return t(
            "influence.with_strength",
            name=found.people[who].name,
            strength=label("strength", strength),
        )

    roles = " · ".join(label("role", r) for r in p.roles) or "—"
    attitude = f"{ATTITUDE_SYMBOL.get(p.attitude, '?')} {label('attitude', p.attitude)}"
    if p.support_level:
        attitude += f" · {label('support_level', p.support_level)}"
    boss = found.boss(p.id)
    # "Covered by: nobody" (it read "Covered by: uncovered", the CLI list's word on its own).
    owner_row = row("covered_by", found.our_name(p.covered_by) or t("influence.covered_by_nobody"))
    lines = [
        " · ".join(x for x in (p.title, p.department) if x),
        f"{STAR} {t('fields.contact.rising_star')}" if p.rising_star else "",
        row("role", roles),
        row(
            "influence",
            f"{INFLUENCE_DOTS.get(p.influence, '···')} {label('influence', p.influence)}",
        ),
        row("attitude", attitude),
        row("level", levels.label(p.level)),
        owner_row,
        row("reports_to", found.people[boss].name if boss else "—"),
    ]
    if p.also_covered_by:  # additional coverage, after the one relationship owner
        also = t("dialog.names", names=[found.our_name(u) for u in p.also_covered_by])
        lines.insert(lines.index(owner_row) + 1, row("also_covered_by", also))
    if p.favours_competitor:
        lines.append(row("favours_competitor", p.favours_competitor))
    sent = found.lines_from(p.id)
    got = found.lines_to(p.id)
    sep = t("influence.sep")
    if sent:
        lines.append(
            t(
                "influence.card_row",
                label=t("influence.influences"),
                value=sep.join(named(x.target, x.strength) for x in sent),
            )
        )
    if got:
        lines.append(
            t(
                "influence.card_row",
                label=t("influence.influenced_by"),
                value=sep.join(named(x.source, x.strength) for x in got),
            )
        )
    lines += ["", t("influence.card_hint")]
    return "\n".join(line for n, line in enumerate(lines) if line or n > 1)
