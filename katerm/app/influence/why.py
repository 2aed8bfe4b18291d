"""Why a key of the influence map cannot act now (said instead of doing nothing)."""

from __future__ import annotations

from katerm.app.widgets.waiting import WaitsForData
from katerm.core.influence import InfluenceMap, Person
from katerm.core.roles import step_attitude
from katerm.i18n import t


class SaysWhy(WaitsForData):
    """Mixed into the influence screen: its person keys need a person under the cursor; one
    pressed before the first map is shown acts once it is (WaitsForData)."""

    map: InfluenceMap | None
    _coverage: bool
    _shown_once = False

    def waiting_for_data(self) -> bool:
        return not self._shown_once

    def map_shown(self) -> None:
        """The first map is on screen: the keys pressed before it act now."""
        self._shown_once = True
        self.data_arrived()

    def _selected(self) -> Person | None:
        raise NotImplementedError

    ON_A_PERSON = ("edit", "delete", "move", "lines", "attitude", "influence", "star")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in self.ON_A_PERSON and self._selected() is None:
            return None  # dimmed; pressing it says why
        if action == "coverage" and self.map is None and not self._coverage:
            return None
        if action == "reviewed" and self.map is None:
            return None
        if action == "attitude" and self._attitude_end(parameters):
            return None
        return True

    def why_not(self, action: str, parameters: tuple[object, ...]) -> str | None:
        if (action in self.ON_A_PERSON or action == "coverage") and self._selected() is None:
            return t("influence.no_account") if self.map is None else t("influence.empty")
        if action == "reviewed" and self.map is None:
            return t("influence.no_account")
        end = self._attitude_end(parameters) if action == "attitude" else None
        return t(f"influence.why.{end}") if end else None

    def _attitude_end(self, parameters: tuple[object, ...]) -> str | None:
        """Which end (warmest or coolest) stops + or - from stepping the attitude."""
        person = self._selected()
        step = int(str(parameters[0])) if parameters else 1
        if person is None or step_attitude(person.attitude, step) != person.attitude:
            return None
        return "warmest" if step > 0 else "coolest"
