"""Every stage of the pipeline's summary is on screen, in both languages at both sizes: at
80×24 in English the summary box kept two lines and "Cash collected 13 · 16,947,000" was
silently cut, so the stages' counts no longer added up to the total under them."""

from __future__ import annotations

import pytest

from katerm.app.pipeline.screen import PipelineScreen
from katerm.app.widgets.phrases import Phrases
from tests.app.conftest import settle


@pytest.fixture
def demo(workspace, request):
    from katerm.core.demo import generate

    generate(workspace, accounts=300, seed=1, lang=request.param)
    return request.param


@pytest.mark.parametrize("demo", ["en", "zh_CN"], indirect=True)
@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
async def test_every_stage_of_the_summary_is_shown(demo, make_app, size):
    app = make_app(demo)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("6")
        await settle(pilot, 5)
        screen = app.screen
        assert isinstance(screen, PipelineScreen)
        phrases = [str(p) for p in screen.query_one("#pipeline-stages", Phrases).phrases]
        lines = [strip.text for strip in screen._compositor.render_strips()]
    assert len(phrases) == 5
    text = "\n".join(lines)
    missing = [p for p in phrases if p not in text]
    assert not missing, text
