"""Saving from a form: in a worker thread, with bad fields shown beside the fields.

Every form saves the same way: the core function checks every value and raises
:class:`~katerm.core.errors.ValidationFailed` naming the bad fields (nothing is saved then),
or another :class:`~katerm.core.errors.KatermError` the user can act on (a locked database, a
record deleted meanwhile). :func:`save_in_worker` runs it off the UI thread and hands each
outcome back to the UI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from textual.widget import Widget

from katerm.core.errors import KatermError, ValidationFailed

T = TypeVar("T")


def save_in_worker(
    node: Widget,
    save: Callable[[], T],
    *,
    group: str,
    saved: Callable[[T], object],
    invalid: Callable[[dict[str, str]], object],
    failed: Callable[[], object] | None = None,
) -> None:
    """Run ``save()`` in a thread worker of ``node`` (exclusive in ``group``).

    Then, on the UI thread: ``invalid(errors)`` with field -> message when it raised
    ``ValidationFailed``, a notification for any other ``KatermError`` (then ``failed()``),
    else ``saved(result)``.
    """
    app = node.app

    def job() -> None:
        try:
            result = save()
        except ValidationFailed as exc:
            app.call_from_thread(invalid, exc.by_field())
            return
        except KatermError as exc:
            app.call_from_thread(node.notify, str(exc), severity="error")
            if failed is not None:
                app.call_from_thread(failed)
            return
        app.call_from_thread(saved, result)

    node.run_worker(job, thread=True, exclusive=True, exit_on_error=False, group=group)
