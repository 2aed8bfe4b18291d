"""A measure is worked out once per consistent read, and again in the next read."""

from __future__ import annotations

from katerm.core.demo.frozen import FrozenReads
from katerm.core.reviews import kept


def test_worked_out_once_per_read_shared_by_a_wrapper_and_again_outside(workspace):
    runs: list[str] = []

    def work(label: str):
        def run() -> str:
            runs.append(label)
            return f"{label}{len(runs)}"

        return run

    with workspace.db.reading() as conn:
        first = kept(conn, ("m", 1), work("a"))
        again = kept(conn, ("m", 1), work("b"))  # the same key in the same read: kept
        other = kept(conn, ("m", 2), work("c"))  # another key: worked out
        wrapped = kept(FrozenReads(conn), ("m", 1), work("d"))  # a wrapper shares the memo
    assert (first, again, other, wrapped) == ("a1", "a1", "c2", "a1")
    with workspace.db.reading() as conn:  # a new read starts afresh
        assert kept(conn, ("m", 1), work("e")) == "e3"
    with workspace.db.engine.connect() as sa:  # not a read's connection: nothing kept
        raw = sa.connection.driver_connection
        assert kept(raw, ("m", 1), work("f")) == "f4"
        assert kept(raw, ("m", 1), work("g")) == "g5"
    assert runs == ["a", "c", "e", "f", "g"]
