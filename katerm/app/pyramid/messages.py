"""The pyramid screen's messages: what its workers found, posted back to the screen."""

from __future__ import annotations

from textual.message import Message

from katerm.core.pyramid import FilterOptions, Pyramid, PyramidQuery, Suggestion, TierAccount


class Loaded(Message):
    def __init__(
        self, pyramid: Pyramid, targets: dict[str, int], revenue: dict[str, float]
    ) -> None:
        super().__init__()
        self.pyramid = pyramid
        self.targets = targets
        self.revenue = revenue  # revenue targets per tier


class Suggested(Message):
    def __init__(self, query: PyramidQuery, found: list[Suggestion]) -> None:
        super().__init__()
        self.query = query
        self.found = found


class Options(Message):
    def __init__(self, options: FilterOptions) -> None:
        super().__init__()
        self.options = options


class Listed(Message):
    def __init__(self, query: PyramidQuery, tier: str | None, accounts: list[TierAccount]) -> None:
        super().__init__()
        self.query = query
        self.tier = tier
        self.accounts = accounts
