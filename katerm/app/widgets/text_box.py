"""A multi-line text box (a plan, notes) that Esc leaves, as Esc leaves every other field.

Textual's ``TextArea`` lets Esc pass to the screen, where it often did nothing (the evening
review's plan): the cursor stayed in the box and the screen's keys (`1`, `5`) were typed into
it. Every multi-line box in katerm is this one, so the rule holds everywhere: Esc gives the
focus back to the screen (whose keys then work); a second Esc does what Esc does there.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import TextArea


class TextBox(TextArea):
    BINDINGS = [Binding("escape", "leave_box", "keys.leave_box", id="text.leave")]

    def action_leave_box(self) -> None:
        self.screen.set_focus(None)
