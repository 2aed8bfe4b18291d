"""What the influence screen's worker tells it: the map read, then who covers whom."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from katerm.core.influence import Coverage, InfluenceMap
    from katerm.core.team import Member


class Loaded(Message):
    """The map (None: no account to show), our team and whom to select."""

    def __init__(self, found: InfluenceMap | None, team: list[Member], select: str | None) -> None:
        super().__init__()
        self.found, self.team, self.select = found, team, select


class Covered(Message):
    """The coverage of ``found``'s account, read after the map was shown."""

    def __init__(self, found: InfluenceMap, cover: Coverage) -> None:
        super().__init__()
        self.found, self.cover = found, cover
