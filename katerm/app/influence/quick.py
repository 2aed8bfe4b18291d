"""The influence map's one-key edits (``+`` / ``-`` attitude, ``i`` influence, ``*`` rising
star): each writes at once, so ``u`` puts the old value back (through the app's undo, like a
delete)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from katerm.app.context import katerm_app, workspace_of
from katerm.core.roles import label
from katerm.i18n import t

if TYPE_CHECKING:
    from collections.abc import Callable

    from textual.widget import Widget

    from katerm.core.influence import Person


def shown(field: str, value: Any) -> str:
    """A quick field's value in the interface's words."""
    if field == "rising_star":
        return t("influence.yes" if value else "influence.no")
    return label(field, str(value or ""))


def quick_edit(
    widget: Widget,
    account_id: str,
    person: Person,
    field: str,
    value: Any,
    after: Callable[[str], None],
) -> None:
    """Save ``field`` = ``value`` for ``person`` in a worker, then ``after(contact_id)``; the
    app remembers how to put the old value back."""
    from katerm.core.errors import KatermError, ValidationFailed
    from katerm.core.influence import save_person

    before = getattr(person, field)
    if value == before:
        return  # at the end of the scale already: nothing to write, nothing to undo
    app = widget.app
    ws = workspace_of(widget)

    def text(key: str, shown_value: Any) -> str:
        name = t(f"fields.contact.{field}")
        return t(key, name=person.name, field=name, value=shown(field, shown_value))

    def job() -> None:
        try:
            save_person(ws, account_id, person.id, {field: value})
        except ValidationFailed as exc:
            message = " ".join(exc.by_field().values())
            app.call_from_thread(widget.notify, message, severity="error")
            return
        except KatermError as exc:
            app.call_from_thread(widget.notify, str(exc), severity="error")
            return

        def undo() -> None:
            save_person(ws, account_id, person.id, {field: before})

        app.call_from_thread(after, person.id)
        app.call_from_thread(
            katerm_app(widget).remember_change,
            text("influence.quick_changed", value),
            undo,
            text("influence.quick_back", before),
        )

    app.run_worker(job, thread=True, exclusive=True, exit_on_error=False, group="influence-save")
