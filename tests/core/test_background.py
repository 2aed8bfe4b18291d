"""Background fills give way to a screen being opened (katerm.core.background)."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from katerm.core import background


@pytest.fixture(autouse=True)
def _free() -> Iterator[None]:
    background.release()
    yield
    background.release()


def _fill_in_thread(rows: list[int], out: list[int], shown: bool = True) -> threading.Thread:
    def run() -> None:
        with background.fill(lambda: shown):
            out.extend(background.paced(rows, every=10))

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


def test_a_held_fill_waits_then_reads_every_row_once():
    background.hold(60)
    out: list[int] = []
    thread = _fill_in_thread(list(range(1000)), out)
    thread.join(0.3)
    assert thread.is_alive() and out == []  # held at its first pause
    background.release()
    thread.join(30)
    assert out == list(range(1000))  # nothing lost, nothing twice, in order


def test_outside_a_fill_nothing_waits():
    # The main thread, the command line and the first page read straight through a hold.
    background.hold(60)
    assert list(background.paced(range(1000), every=10)) == list(range(1000))
    background.pause()
    assert background.held()


def test_a_hold_ends_at_its_deadline_when_nobody_releases_it():
    background.hold(0)
    out: list[int] = []
    _fill_in_thread(list(range(100)), out).join(30)
    assert out == list(range(100))
    assert not background.held()


def test_a_hidden_screens_fill_goes_on():
    out: list[int] = []
    _fill_in_thread(list(range(2000)), out, shown=False).join(30)
    assert out == list(range(2000))


def test_fills_nest_and_restore():
    with background.fill(lambda: False):
        with background.fill():
            pass
        background.hold(60)
        background.release()
        assert list(background.paced(range(5), every=1)) == [0, 1, 2, 3, 4]


def test_calm_waits_only_in_a_fill():
    background.hold(60)
    background.calm(60)  # outside a fill: straight through, held or not
    background.release()
    done: list[bool] = []

    def run() -> None:
        with background.fill():
            background.calm(0)
            done.append(True)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(30)
    assert done == [True]
