"""Helpers for driving the real app with the pilot."""

from __future__ import annotations

import time

import pytest

from katerm.core.accounts.edit import save_account, save_contact

SAMPLE = [
    ("上海明珠电子科技有限公司", "电子", "华东", "6000000", "A"),
    ("北京华通物流有限公司", "物流", "华北", "3200000", "B"),
    ("Northwind Traders", "Retail", "North", "1200000", "C"),
    ("Acme Robotics", "Manufacturing", "East", "800000", "D"),
    ("深圳远航医药有限公司", "医药", "华南", "450000", "D"),
]


@pytest.fixture(autouse=True)
def steady_text_cursor(monkeypatch: pytest.MonkeyPatch) -> None:
    """A focused field shows its cursor steadily, as with ``cursor_blink = False``: a blink
    every half second would make a picture depend on how long the machine took to get there
    (seen on a loaded machine). Only the blink timer's toggle is stilled; typing, moving and
    focus work as in the app."""
    from textual.widgets import Input, TextArea

    monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None)
    monkeypatch.setattr(TextArea, "_toggle_cursor_blink_visible", lambda self: None)


async def settle(pilot, rounds: int = 3) -> None:
    """Let thread workers finish and their results reach the screen.

    An exclusive worker replaced by a newer one ends cancelled; that is normal here.
    """
    from textual.worker import WorkerCancelled

    app = pilot.app
    for _ in range(rounds):
        await pilot.pause()
        try:
            await app.workers.wait_for_complete()
        except WorkerCancelled:
            await pilot.pause()
            await app.workers.wait_for_complete()
    await pilot.pause()
    # A DataTable measures the rows added to it when it is next idle; on a loaded machine a
    # picture could be taken before (columns as wide as their headers, cells cut short).
    deadline = time.monotonic() + 10  # a timeout, not a speed check: measured tables pass at once
    while not tables_measured(app) and time.monotonic() < deadline:
        await pilot.pause(0.05)


def tables_measured(app) -> bool:  # type: ignore[no-untyped-def]
    """Every shown DataTable has measured its rows (widths and heights are set together)."""
    from textual.widgets import DataTable

    shown = [t for t in app.screen.query(DataTable) if t.display and t.row_count]
    return all(t.virtual_size.height >= t.row_count for t in shown)


async def measured(pilot) -> None:  # type: ignore[no-untyped-def]
    """Wait until every shown table is measured and four frames in a row are the same, up to a
    generous deadline (a timeout, not a speed check: a settled screen leaves at once)."""
    deadline = time.monotonic() + 10
    last, same = None, 0
    while time.monotonic() < deadline:
        frame = tuple(strip.text for strip in pilot.app.screen._compositor.render_strips())
        same = same + 1 if frame == last and tables_measured(pilot.app) else 0
        if same >= 3:  # still for 0.3 s: a table filled a moment later is in the picture
            return
        last = frame
        await pilot.pause(0.1)


@pytest.fixture
def sample(workspace):
    """A handful of accounts (Chinese and English names) with a contact each."""
    ids = {}
    for name, industry, region, revenue, tier in SAMPLE:
        acc = save_account(
            workspace,
            None,
            {
                "name": name,
                "industry": industry,
                "region": region,
                "annual_revenue": revenue,
                "tier": tier,
            },
        )
        save_contact(workspace, acc, None, {"name": f"Contact of {name[:4]}", "title": "CIO"})
        ids[name] = acc
    return ids


@pytest.fixture
def make_app(workspace):
    from katerm.app import create_app

    def make(lang: str = "en"):
        app = create_app(workspace, lang=lang)
        # The header shows the database path; keep it the same on every machine.
        app.sub_title = f"{workspace.me.login} · katerm.db"
        return app

    return make
