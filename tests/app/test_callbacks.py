"""Textual calls a callback with as many arguments as it takes: the memoised count must be
the one inspect gives, for every kind of callback Textual is handed."""

from __future__ import annotations

from functools import partial
from inspect import signature

from textual._callback import count_parameters

from katerm.app import callbacks


class Handler:
    def on_thing(self, event: object) -> None: ...

    def refresh(self) -> None: ...

    def __call__(self, a: object, b: object = None) -> None: ...


def _made(n: int):  # closures made per call share their code: one count each
    if n:
        return lambda a, b: None
    return lambda: None


def test_counts_match_inspect() -> None:
    callbacks.install()
    callbacks.prewarm()
    handler = Handler()
    cases = [
        handler.on_thing,
        handler.refresh,
        partial(handler.on_thing),
        partial(handler.refresh),
        partial(Handler.on_thing, handler),
        handler,
        partial(handler, 1),
        _made(1),
        _made(0),
        partial(_made(1), 1),
    ]
    for _ in range(2):  # first count, then the memo
        for func in cases:
            want = len(signature(func).parameters)
            assert count_parameters(func) == want, func
