"""Keys that act on the highlighted row of a pane's table say why when there is none.

Mix :class:`NeedsARow` into a pane before ``Localized``: the actions named in ``ON_A_ROW``
are dimmed in the footer while the table is empty, and pressing one says so and names the key
that adds a row (``ADD``, a binding id), instead of doing nothing.
"""

from __future__ import annotations

from katerm.app.keynames import key_of
from katerm.i18n import t


class NeedsARow:
    ON_A_ROW: tuple[str, ...] = ()
    ADD: str | None = None  # the binding id of the key that adds a row here

    def has_row(self) -> bool:
        raise NotImplementedError

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in self.ON_A_ROW and not self.has_row():
            return None  # dimmed; pressing it says why
        return True

    def why_not(self, action: str, parameters: tuple[object, ...]) -> str | None:
        if action not in self.ON_A_ROW:
            return None
        if self.ADD is None:
            return t("keys.why.no_row")
        return t("keys.why.no_row_add", add=key_of(self, self.ADD))  # type: ignore[arg-type]
