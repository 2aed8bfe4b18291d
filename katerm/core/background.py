"""Reads of every row give way to the screen being opened.

The app paints in its main thread; a screen's rows after its first page, the accounts index
and the start-up warm-up are read in worker threads beside it. CPython runs one thread's Python
at a time, and a worker busy in Python takes the interpreter back each time the main thread
waits for the terminal, for a few milliseconds each time: a screen opened a second after the
one before it, while that one still filled, took twice as long to show its first rows (issue
19, ``bench_terminal --look 1``).

So the long loops of those reads call :func:`pause` every :data:`CHUNK` rows. Outside a
:func:`fill` it does nothing (a first page, the command line, tests calling the core). Inside
one, it waits while the app holds the background (:func:`hold`, from a screen switch until the
new screen's first rows are painted, :func:`release`; never longer than the hold's deadline),
and a fill whose screen is not shown naps briefly at each call: it goes on, slower, rather
than stopping (a pyramid filled while hidden is ready when it is opened again). What a fill
reads is the same either way: it only waits between rows.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")

CHUNK = 256  # rows between two pauses: a millisecond or two of Python
HIDDEN_NAP = 0.002  # seconds a hidden screen's fill sleeps per chunk (about half speed)

_free = threading.Event()
_free.set()
_lock = threading.Lock()
_until = 0.0  # the monotonic time the current hold ends at the latest
_calm_from = 0.0  # the monotonic time the last hold ended (or ends at the latest)
_local = threading.local()


def _shown_always() -> bool:
    return True


@contextmanager
def fill(shown: Callable[[], bool] = _shown_always) -> Iterator[None]:
    """Mark what this thread does inside as background work that gives way (see module);
    ``shown`` says whether its screen is on view (it is asked at each pause). Leaving it
    pauses once more: what was read is not shown while another screen opens either."""
    before = getattr(_local, "shown", None)
    _local.shown = shown
    try:
        yield
        pause()
    finally:
        _local.shown = before


def hold(seconds: float) -> None:
    """Hold every fill at its next pause, for ``seconds`` at most (a longer hold already on
    stays)."""
    global _until, _calm_from
    with _lock:
        _until = max(_until, time.monotonic() + seconds)
        _calm_from = max(_calm_from, _until)
        _free.clear()


def release() -> None:
    """Let the fills go on."""
    global _until, _calm_from
    with _lock:
        _until = 0.0
        _calm_from = time.monotonic()
        _free.set()


def held() -> bool:
    return not _free.is_set()


def pause() -> None:
    """Give way if this thread is a fill (see module); a no-op anywhere else."""
    shown = getattr(_local, "shown", None)
    if shown is None:
        return
    if not _free.is_set():
        left = _until - time.monotonic()
        if left > 0:
            _free.wait(left)
        with _lock:  # the hold's deadline passed: nobody said the screen was painted
            if time.monotonic() >= _until:
                _free.set()
    if not shown():
        time.sleep(HIDDEN_NAP)


def calm(seconds: float) -> None:
    """:func:`pause`, then wait until no hold has ended for ``seconds``: for steps that cannot
    give way half-way (an import), so that they start between a user's keys, not while a
    screen opens. A no-op outside a fill."""
    while getattr(_local, "shown", None) is not None:
        pause()
        with _lock:
            left = _calm_from + seconds - time.monotonic()
        if left <= 0:
            return
        time.sleep(left)


def paced(rows: Iterable[T], every: int = CHUNK) -> Iterator[T]:
    """``rows``, with a :func:`pause` every ``every`` of them."""
    for i, row in enumerate(rows):
        if i % every == 0:
            pause()
        yield row
