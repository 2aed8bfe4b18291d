"""Textual counts a callback's parameters with ``inspect.signature`` before calling it.

It keeps the count on the function, but only after the first call of each handler, and never
for the ``functools.partial`` it wraps around every ``call_next``/``call_later`` (one per
mounted widget): on the first open of a screen at 100k accounts, a fifth of the main thread
went to ``inspect.signature`` (py-spy, from the key to the figures). :func:`install` memoises
the count per function's code (and per callable class), the number Textual computes;
:func:`prewarm`, run by the start-up warm-up in its thread, counts the handlers of every
widget class already imported, so a first open pays for none of it.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import textual._callback as _callback
from textual.message_pump import MessagePump

from katerm.core.background import pause

_counts: dict[object, int] = {}  # a function's code or a callable class -> its parameters
# Textual's own counter; a Textual without it (a private name may go) keeps its own way.
_original: Callable[..., int] | None = getattr(_callback, "_count_parameters", None)


def _lasting(obj: object) -> bool:
    """A class defined once at import (not one made per call): one entry each, so the memo
    cannot grow while the app runs (nor can it by code objects, made at import)."""
    return "<locals>" not in getattr(obj, "__qualname__", "<locals>")


def _count(func: Callable[..., Any]) -> int:
    assert _original is not None  # installed only over Textual's own
    if inspect.isfunction(func):
        # Its parameters are its code's (closures made per call share theirs), unless it
        # stands for another function or names its own signature.
        if "__wrapped__" in func.__dict__ or "__signature__" in func.__dict__:
            return _original(func)
        code = func.__code__
        try:
            return _counts[code]
        except KeyError:
            count = _counts[code] = _original(func)
            return count
    if inspect.ismethod(func) and inspect.isfunction(func.__func__):  # less its self
        return _count(func.__func__) - 1
    kind = type(func)
    call = kind.__dict__.get("__call__")
    if (
        inspect.isfunction(call)
        and _lasting(kind)
        and type(kind) is type
        and not hasattr(func, "__signature__")
    ):
        try:
            return _counts[kind]
        except KeyError:
            count = _counts[kind] = _original(func)
            return count
    return _original(func)


def install() -> None:
    """Count each callback's parameters once (idempotent)."""
    if _original is not None:
        _callback._count_parameters = _count


def _subclasses(root: type) -> list[type]:
    found, todo = [], [root]
    while todo:
        kind = todo.pop()
        found.append(kind)
        todo.extend(kind.__subclasses__())
    return found


def prewarm() -> None:
    """Count the methods of every message pump class imported so far (widgets, screens)."""
    if _original is None:
        return
    for kind in _subclasses(MessagePump):
        pause()  # a class at a time: a screen being opened goes first
        for value in list(vars(kind).values()):
            if inspect.isfunction(value) and value.__code__ not in _counts:
                try:
                    _count(value)
                except (TypeError, ValueError):  # no signature to read: Textual's own path
                    pass
