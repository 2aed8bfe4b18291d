"""Registrations made on first use, so opening a workspace imports no feature it does not need.

:mod:`katerm.core.plugins` names what the features plug into each other; importing every
feature to do it cost ~0.2 s of CPU before the first screen, which shows none of them. A
registry that is filled by other features (the reviews' measures and sections) asks for its
deferred registrations with :func:`run` before it is first read or written; a registration
runs once, in whichever thread gets there first, and the others wait for it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

_lock = threading.RLock()
_pending: dict[str, list[Callable[[], None]]] = {}
_running: set[str] = set()


def defer(name: str, register: Callable[[], None]) -> None:
    """Run ``register`` when the registry ``name`` is first used."""
    with _lock:
        _pending.setdefault(name, []).append(register)


def run(name: str) -> None:
    """Run the registrations deferred for ``name`` (once; a no-op afterwards)."""
    if name not in _pending:
        return
    with _lock:
        if name not in _pending or name in _running:
            return  # done meanwhile, or a registration is registering (same thread)
        _running.add(name)
        try:
            for register in _pending[name]:
                register()
            del _pending[name]
        finally:
            _running.discard(name)
