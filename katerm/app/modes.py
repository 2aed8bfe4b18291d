"""Where features plug into the app: modes (top-level screens) and account-screen tabs.

A feature adds a top-level screen by appending a :class:`ModeSpec` to ``MODES`` (the app builds
its modes, number-key bindings and palette commands from it), and a tab on the account screen
by appending an :class:`AccountTab` to ``ACCOUNT_TABS`` (the app hands them to the account
screen, which imports none of them). Factories import their screen lazily, so start-up only
loads what the first screen needs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual.screen import Screen
from textual.widget import Widget


@dataclass(frozen=True)
class ModeSpec:
    name: str
    key: str
    title_key: str  # catalogue key of the mode's name
    help_key: str  # catalogue key of a one-line description (command palette)
    factory: Callable[[], Screen]


@dataclass(frozen=True)
class AccountTab:
    """A tab on the account screen (influence map, gaps, plan...)."""

    id: str
    title_key: str  # catalogue key of the tab's title
    factory: Callable[[str], Widget]  # account id -> the tab's content


def _accounts() -> Screen:
    from katerm.app.accounts.screen import AccountsScreen

    return AccountsScreen()


def _pipeline() -> Screen:
    from katerm.app.pipeline.screen import PipelineScreen

    return PipelineScreen()


def _plan_tab(account_id: str) -> Widget:
    from katerm.app.plan.tab import PlanPane

    return PlanPane(account_id)


def _opportunities_tab(account_id: str) -> Widget:
    from katerm.app.pipeline.opportunities import OpportunitiesPane

    return OpportunitiesPane(account_id)


def _voice_tab(account_id: str) -> Widget:
    from katerm.app.plan.voice import VoicePane

    return VoicePane(account_id)


def _reviews() -> Screen:
    from katerm.app.reviews.screen import ReviewsScreen

    return ReviewsScreen()


def _influence() -> Screen:
    from katerm.app.influence.screen import InfluenceScreen

    return InfluenceScreen()


def _influence_tab(account_id: str) -> Widget:
    from katerm.app.influence.tab import InfluenceTab

    return InfluenceTab(account_id)


def _gaps() -> Screen:
    from katerm.app.gaps.screen import GapsScreen

    return GapsScreen()


def _gaps_tab(account_id: str) -> Widget:
    from katerm.app.gaps.pane import GapPane

    return GapPane(account_id)


def _pyramid() -> Screen:
    from katerm.app.pyramid.screen import PyramidScreen

    return PyramidScreen()


def _tier_history(account_id: str) -> Widget:
    from katerm.app.pyramid.history import TierHistoryPane

    return TierHistoryPane(account_id)


def _sync() -> Screen:
    from katerm.app.sync.screen import SyncScreen

    return SyncScreen()


def _cards_tab(account_id: str) -> Widget:
    from katerm.app.cards.tab import CardsPane

    return CardsPane(account_id)


def _strategic_tab(account_id: str) -> Widget:
    from katerm.app.cards.strategic import StrategicPane

    return StrategicPane(account_id)


def _stages_tab(account_id: str) -> Widget:
    from katerm.app.stageplan.pane import StagePane

    return StagePane(account_id)


def _triangle_tab(account_id: str) -> Widget:
    from katerm.app.stageplan.triangle import TrianglePane

    return TrianglePane(account_id)


def _competitors_tab(account_id: str) -> Widget:
    from katerm.app.competitors.pane import CompetitorsPane

    return CompetitorsPane(account_id)


def _routines_tab(account_id: str) -> Widget:
    from katerm.app.broad.pane import RoutinesPane

    return RoutinesPane(account_id)


MODES: list[ModeSpec] = [
    ModeSpec("accounts", "1", "modes.accounts", "modes.accounts_help", _accounts),
    ModeSpec("pyramid", "2", "modes.pyramid", "modes.pyramid_help", _pyramid),
    ModeSpec("influence", "3", "modes.influence", "modes.influence_help", _influence),
    ModeSpec("gaps", "4", "modes.gaps", "modes.gaps_help", _gaps),
    ModeSpec("reviews", "5", "modes.reviews", "modes.reviews_help", _reviews),
    ModeSpec("pipeline", "6", "modes.pipeline", "modes.pipeline_help", _pipeline),
    ModeSpec("sync", "7", "modes.sync", "modes.sync_help", _sync),
]

ACCOUNT_TABS: list[AccountTab] = [
    AccountTab("influence", "influence.tab", _influence_tab),
    AccountTab("gaps", "gaps.tab", _gaps_tab),
    AccountTab("cards", "cards.tab", _cards_tab),
    AccountTab("strategic", "cards.strategic_tab", _strategic_tab),
    AccountTab("plan", "plan.tab.plan", _plan_tab),
    AccountTab("opportunities", "plan.tab.opportunities", _opportunities_tab),
    AccountTab("voice", "plan.tab.voice", _voice_tab),
    AccountTab("tier-history", "pyramid.history.tab", _tier_history),
    AccountTab("stages", "stageplan.ui.tab", _stages_tab),
    AccountTab("triangle", "stageplan.tri.tab", _triangle_tab),
    AccountTab("competitors", "competitors.ui.tab", _competitors_tab),
    AccountTab("routines", "broad.ui.tab", _routines_tab),
]
