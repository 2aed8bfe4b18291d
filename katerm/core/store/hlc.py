"""Hybrid logical clock: tags that order edits across devices with skewed clocks.

A tag is ``%013d-%05d-%s`` (wall milliseconds, counter, device id). Tags compare as plain
strings (bytes), so SQLite, Python and PostgreSQL (``COLLATE "C"``) agree on which is later.
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_COUNTER = 99_999


def make_tag(ms: int, counter: int, device: str) -> str:
    return f"{ms:013d}-{counter:05d}-{device}"


def parse_tag(tag: str) -> tuple[int, int, str]:
    ms, counter, device = tag.split("-", 2)
    return int(ms), int(counter), device


@dataclass
class HybridClock:
    """The clock of one device; ``last`` is persisted with every edit."""

    device: str
    ms: int = 0
    counter: int = 0

    @classmethod
    def from_tag(cls, device: str, last_tag: str | None) -> HybridClock:
        if not last_tag:
            return cls(device)
        ms, counter, _ = parse_tag(last_tag)
        return cls(device, ms, counter)

    @property
    def last(self) -> str:
        return make_tag(self.ms, self.counter, self.device)

    def tick(self, now_ms: int) -> str:
        """A new tag for a local edit, later than every tag this device has seen.

        ``now_ms`` is the wall time in milliseconds, from the workspace's clock
        (:meth:`katerm.core.clock.Clock.now_ms`).
        """
        if now_ms > self.ms:
            self.ms, self.counter = now_ms, 0
        else:
            self.counter += 1
            if self.counter > MAX_COUNTER:
                # More than 100k edits in one millisecond: borrow the next millisecond.
                self.ms, self.counter = self.ms + 1, 0
        return self.last

    def ticks(self, now_ms: int, count: int) -> list[str]:
        """``count`` tags, the same as ``count`` calls of :meth:`tick`, made in one go (a bulk
        write of 100,000 rows notices the difference)."""
        out: list[str] = []
        suffix = f"-{self.device}"
        while len(out) < count:
            self.tick(now_ms)  # the first of a run: on to now, or on by one
            first = self.counter
            last = min(first + count - len(out) - 1, MAX_COUNTER)
            prefix = f"{self.ms:013d}-"
            out.extend([f"{prefix}{c:05d}{suffix}" for c in range(first, last + 1)])
            self.counter = last
        return out

    def receive(self, remote_tag: str, now_ms: int) -> None:
        """Move past a tag seen from another device, so our next edit sorts after it."""
        r_ms, r_counter, _ = parse_tag(remote_tag)
        top = max(self.ms, r_ms, now_ms)
        if top == self.ms == r_ms:
            counter = max(self.counter, r_counter) + 1
        elif top == self.ms:
            counter = self.counter + 1
        elif top == r_ms:
            counter = r_counter + 1
        else:
            counter = 0
        if counter > MAX_COUNTER:
            top, counter = top + 1, 0
        self.ms, self.counter = top, counter
