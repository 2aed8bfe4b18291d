"""An edit form: labelled fields with the error shown beside each one.

The form only collects text and shows errors; checking belongs to ``katerm.core`` (the same
rules as import), which answers with a field -> message map that :meth:`Form.show_errors`
puts next to the right field. Nothing is saved until the core accepts every field.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static, TextArea

from katerm.app.styles import tcss
from katerm.app.widgets.completion import NameInput
from katerm.app.widgets.text_box import TextBox


@dataclass(frozen=True)
class FieldSpec:
    name: str
    label: str
    kind: str = "text"  # text | number | select | notes | name (a drop-down of matches)
    options: Sequence[tuple[str, str]] = field(default_factory=tuple)
    placeholder: str = ""
    allow_blank: bool = True
    prompt: str = "—"


class Form(VerticalScroll):
    """A column of fields. ``values()`` gives text per field; ``show_errors`` marks them."""

    DEFAULT_CSS = tcss(__file__, "form.tcss")

    def __init__(self, specs: Sequence[FieldSpec], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.specs = list(specs)
        self._initial: dict[str, Any] = {}

    def compose(self) -> ComposeResult:
        for spec in self.specs:
            with Vertical(classes="field", id=f"field-{spec.name}"):
                with Horizontal(classes="field-line"):
                    yield Label(spec.label, classes="field-label")
                    control = self._control(spec)
                    yield control
                if isinstance(control, NameInput):
                    yield control.matches  # framed under the field, pushing the next ones down
                # No markup: messages quote what the user typed, brackets included.
                yield Static("", classes="field-error", id=f"error-{spec.name}", markup=False)
            yield from self.after_field(spec.name)

    def after_field(self, name: str) -> ComposeResult:
        """Widgets a form puts after the field ``name`` (none here): choices that are not
        text fields (a list, two drop-downs on a row) in their place among the fields."""
        return iter(())

    def on_mount(self) -> None:
        # What a new form starts with is not the user's input: without this, a form nobody
        # filled in (a new contact, a new partner) compared with nothing and counted as
        # changed, so Esc on an untouched form asked whether to save it.
        if not self._initial:
            self.mark_clean()

    def _control(self, spec: FieldSpec) -> Widget:
        ident = f"input-{spec.name}"
        if spec.kind == "select":
            return Select(
                list(spec.options),
                prompt=spec.prompt,
                allow_blank=spec.allow_blank,
                id=ident,
                classes="field-control",
                compact=True,
            )
        if spec.kind == "notes":
            return TextBox(
                "", id=ident, classes="field-control", soft_wrap=True, show_line_numbers=False
            )
        if spec.kind == "name":
            return NameInput(placeholder=spec.placeholder, id=ident, classes="field-control")
        # The caret at the end, the text not selected: a key typed there adds to the value
        # (selected, the first key typed replaced the name being edited).
        return Input(
            placeholder=spec.placeholder,
            id=ident,
            classes="field-control",
            compact=True,
            select_on_focus=False,
        )

    def control(self, name: str) -> Widget:
        return self.query_one(f"#input-{name}")

    # --- values --------------------------------------------------------------------------
    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for spec in self.specs:
            widget = self.control(spec.name)
            if isinstance(widget, Select):
                out[spec.name] = None if widget.value is Select.NULL else widget.value
            elif isinstance(widget, TextArea):
                out[spec.name] = widget.text
            else:
                assert isinstance(widget, Input)
                out[spec.name] = widget.value
        return out

    def set_values(self, values: Mapping[str, Any]) -> None:
        for spec in self.specs:
            if spec.name not in values:
                continue
            value = values[spec.name]
            widget = self.control(spec.name)
            if isinstance(widget, Select):
                known = {v for _, v in widget._options if v is not Select.NULL}
                widget.value = value if value in known else Select.NULL
            elif isinstance(widget, TextArea):
                widget.text = "" if value is None else str(value)
            else:
                assert isinstance(widget, Input)
                widget.value = "" if value is None else str(value)
        self.mark_clean()

    def set_options(self, name: str, options: Iterable[tuple[str, str]]) -> None:
        widget = self.control(name)
        assert isinstance(widget, Select)
        current = widget.value
        options = list(options)
        widget.set_options(options)
        if current in {v for _, v in options}:
            widget.value = current

    def mark_clean(self, *names: str) -> None:
        """What the fields hold now is what leaving would not lose (only ``names``, if
        given: a value filled in for the user, not typed by them)."""
        now = self.values()
        if names:
            self._initial.update({n: now[n] for n in names})
        else:
            self._initial = now

    def revert(self) -> None:
        """Back to the values last set or saved (what the user typed since is dropped)."""
        self.set_values(self._initial)
        self.clear_errors()

    @property
    def dirty(self) -> bool:
        return self.values() != self._initial

    def changed_values(self) -> dict[str, Any]:
        now = self.values()
        return {k: v for k, v in now.items() if self._initial.get(k) != v}

    # --- errors --------------------------------------------------------------------------
    def show_errors(self, errors: Mapping[str, str]) -> None:
        """Mark each field with its message; the first bad field gets the focus."""
        first: Widget | None = None
        first_box: Widget | None = None
        for spec in self.specs:
            box = self.query_one(f"#field-{spec.name}")
            message = errors.get(spec.name)
            box.set_class(message is not None, "-invalid")
            self.query_one(f"#error-{spec.name}", Static).update(message or "")
            if message and first is None:
                first, first_box = self.control(spec.name), box
        if first is not None and first_box is not None:
            first.focus()
            # The field with its message under it, once the message has its line: in a short
            # dialog (80×24) scrolling to the field alone left the message below the fold.
            self.call_after_refresh(self.scroll_to_widget, first_box, animate=False)

    def show_error(self, name: str, message: str) -> None:
        """One field's message, the others left as they are (cleared when the field changes)."""
        self.query_one(f"#field-{name}").add_class("-invalid")
        self.query_one(f"#error-{name}", Static).update(message)

    def clear_errors(self) -> None:
        self.show_errors({})

    def clear_error(self, name: str) -> None:
        self.query_one(f"#field-{name}").remove_class("-invalid")
        self.query_one(f"#error-{name}", Static).update("")

    def _edited(self, widget: Widget | None) -> None:
        """A field the user changes loses its old error: it no longer describes the value."""
        ident = widget.id if widget is not None else None
        if ident and ident.startswith("input-"):
            name = ident.removeprefix("input-")
            if self.query_one(f"#field-{name}").has_class("-invalid"):
                self.clear_error(name)

    def on_input_changed(self, event: Input.Changed) -> None:
        self._edited(event.input)

    def on_select_changed(self, event: Select.Changed) -> None:
        self._edited(event.select)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self._edited(event.text_area)
