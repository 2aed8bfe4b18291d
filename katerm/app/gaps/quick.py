"""The gap table's one-key level change (``+`` / ``-``): it writes at once, so ``u`` puts the
level back (through the app's undo, like a delete)."""

from __future__ import annotations

from textual.widget import Widget

from katerm.app.context import katerm_app, workspace_of
from katerm.core.gaps import GapView, level_word_key
from katerm.i18n import t


def step_with_undo(widget: Widget, view: GapView, step: int) -> None:
    """Raise or lower ``view``'s level by ``step`` in a worker; the app remembers the undo."""
    from katerm.core.errors import KatermError, ValidationFailed
    from katerm.core.gaps import edit_gap, step_level_from

    app = widget.app
    ws = workspace_of(widget)

    def level_text(key: str, level: int) -> str:
        return t(key, name=view.contact, level=level, word=t(level_word_key(level)))

    def job() -> None:
        try:
            before, after = step_level_from(ws, view.id, step)
        except ValidationFailed:
            app.call_from_thread(
                widget.notify, t("gaps.at_target", name=view.contact), severity="warning"
            )
            return
        except KatermError as exc:
            app.call_from_thread(widget.notify, str(exc), severity="error")
            return
        app.call_from_thread(katerm_app(widget).data_changed)
        done = level_text("gaps.level_now", after)
        if before == after:  # at 0 or 5 already: nothing changed, nothing to undo
            app.call_from_thread(widget.notify, done, timeout=2)
            return

        def undo() -> None:
            edit_gap(ws, view.id, {"level_now": before})

        app.call_from_thread(
            katerm_app(widget).remember_change, done, undo, level_text("gaps.level_back", before)
        )

    app.run_worker(job, thread=True, exit_on_error=False, group="gaps-write")
