"""The features wired together on first use: opening a workspace imports none of them, and
whatever runs first (a review, an account saved) finds them all in place."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

FEATURES = ("influence", "pipeline", "pyramid", "reminders", "reviews", "stageplan")


def test_opening_a_workspace_imports_no_feature(tmp_path: Path) -> None:
    """The first screen and a command with nothing to do (``katerm sync`` logged out) do not
    pay for the features (~0.2 s of CPU)."""
    code = (
        "import sys\n"
        "from katerm.core.workspace import open_workspace\n"
        "from katerm.paths import resolve_paths\n"
        "open_workspace(resolve_paths())\n"
        f"loaded = [f for f in {FEATURES!r} if 'katerm.core.' + f in sys.modules]\n"
        "print(loaded); raise SystemExit(1 if loaded else 0)"
    )
    env = {**os.environ, "KATERM_HOME": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_reviews_find_every_features_measures_and_sections(workspace) -> None:
    from katerm.core.reviews import MEASURES, SECTIONS

    # The pipeline's and the influence map's measures first (the template editor's order).
    keys = list(MEASURES)
    assert keys[:3] == ["stuck_orders_updated", "pipeline_updated", "a_maps_reviewed"]
    assert "visits" in MEASURES
    # The evening review's sections from the pipeline, reminders, stage plans and reviews.
    assert {"stuck_orders", "coming_up", "stage_plan", "checklist"} <= set(SECTIONS)


def test_a_new_account_gets_the_tier_its_figures_give(workspace) -> None:
    """The pyramid's rule is in place for the first account saved (imported on first use)."""
    from katerm.core.accounts import tier_rule

    with workspace.db.reading() as conn:
        rule = tier_rule(conn)
    assert rule is not None
    assert rule({"annual_revenue": 0.0, "currency": "CNY"})  # some scheme rates by figures
