"""The reviews mode driven like a user: the evening review over the demo team, my day,
quick-add, template edits; and the screen agrees with `katerm review daily --format json`."""

from __future__ import annotations

import json

import pytest
from textual.content import Content
from textual.widgets import Input, OptionList, Select

from katerm.app.reviews.log_activity import LogActivityScreen
from katerm.app.reviews.meeting import MeetingScreen
from katerm.app.reviews.screen import ReviewsScreen
from katerm.app.reviews.summary import SummaryScreen
from katerm.app.reviews.widgets import ChecklistList
from katerm.app.widgets.choose import ChoiceScreen
from katerm.app.widgets.dialogs import ConfirmScreen
from katerm.core.team import Member
from tests.app.conftest import settle

FRIDAY = "2026-11-27"


@pytest.fixture
def friday(monkeypatch):
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    monkeypatch.setenv("KATERM_NOW", f"{FRIDAY}T19:30:00+08:00")


@pytest.fixture
def demo(workspace, friday):
    from katerm.core.demo import generate

    generate(workspace, accounts=60, lang="en")
    return workspace


def keys(text: str) -> list[str]:
    return ["space" if c == " " else c for c in text]


def rows(ws, sql, *params):
    with ws.db.reading() as conn:
        return conn.execute(sql, params).fetchall()


async def test_a_lead_runs_the_evening_review_and_the_seller_sees_the_follow_up(
    demo, make_app, cli, tmp_path
):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("5")
        await settle(pilot)
        assert isinstance(app.screen, ReviewsScreen)
        await pilot.press("m")  # I am the general manager: which team?
        await settle(pilot)
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("down", "enter")
        await settle(pilot)
        meeting = app.screen
        assert isinstance(meeting, MeetingScreen)
        team = meeting.team
        assert len(team.members) == 3
        seen = []
        for i, _ in enumerate(team.members):
            await settle(pilot)
            seen.append(meeting.shown.seller.login)
            if i == 1:
                await pilot.press("c", *keys("Two more visits before Tuesday"), "enter")
                await settle(pilot)
                await pilot.press("f", *keys("Book a visit with the CFO"), "enter")
                await settle(pilot)
                assert "Book a visit with the CFO" in str(
                    meeting.query_one("#section-follow_ups").render()
                )
            await pilot.press("space")
            await settle(pilot)
            await pilot.press("n")
        assert seen == [m.login for m in team.members]
        await pilot.press("space")  # the last seller unmarked: finishing asks first
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert team.members[-1].display in app.screen.question
        await pilot.press("escape")  # not yet
        await settle(pilot)
        await pilot.press("space")
        await settle(pilot)
        progress = str(meeting.query_one("#meeting-progress").render())
        assert progress.endswith("reviewed 3")
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, SummaryScreen)
    seller = team.members[1]
    assert rows(
        demo,
        "SELECT reviewed, comment FROM review_notes WHERE owner_id = ? AND day = ?",
        seller.id,
        FRIDAY,
    ) == [(1, "Two more visits before Tuesday")]
    assert rows(
        demo,
        "SELECT owner_id, created_by, due_date, status FROM follow_ups "
        "WHERE text = 'Book a visit with the CFO'",
    ) == [(seller.id, demo.me.id, "2026-11-30", "open")]

    # The seller opens katerm on their own machine: the follow-up is on their day screen.
    gm = demo.me
    demo.me = Member(seller.id, seller.login, seller.name)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("5")
        await settle(pilot)
        due = app.screen.query_one("#due", OptionList)
        texts = [
            Content.from_markup(str(due.get_option_at_index(i).prompt)).plain
            for i in range(due.option_count)
        ]
        assert any(
            x.startswith("Book a visit with the CFO") and "due 2026-11-30" in x for x in texts
        )
    demo.me = gm

    out = tmp_path / "review.md"
    result = cli(
        "review",
        "summary",
        "--date",
        FRIDAY,
        "--team",
        team.lead.login,
        "--format",
        "md",
        "-o",
        str(out),
    )
    assert result.code == 0, result.err
    text = out.read_text(encoding="utf-8")
    assert f"- **{seller.display}**: Book a visit with the CFO — due 2026-11-30" in text
    assert "Comment: Two more visits before Tuesday" in text
    assert text.count("✓ reviewed") == 3


async def test_the_day_screen_shows_what_review_daily_json_prints(demo, make_app, cli):
    seller_id, login = rows(
        demo,
        "SELECT u.id, u.login FROM users u JOIN users m ON "
        "m.id = u.manager_id WHERE m.manager_id IS NOT NULL "
        "ORDER BY u.login",
    )[0]
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("5")
        await settle(pilot)
        screen = app.screen
        screen.query_one("#person", Select).value = seller_id
        await settle(pilot)
        assert screen.view.person.login == login
        shown = screen.view.checklist
        options = screen.query_one(ChecklistList)
        lines = [
            Content.from_markup(str(options.get_option_at_index(i).prompt)).plain
            for i in range(options.option_count)
        ]
    printed = json.loads(cli("review", "daily", "--user", login, "--format", "json").out)
    assert shown.as_json() == printed
    assert printed["period"] == FRIDAY and len(lines) == len(printed["items"])
    for line, item in zip(lines, printed["items"], strict=True):
        mark = {True: "✓", False: "✗", None: "–"}[item["done"]]
        assert line.startswith(mark), (line, item)
        if item["remaining"] and not item["target"]:  # things still to clear
            assert line.rstrip().endswith(f"{item['value']} left"), (line, item)
        elif item["value"] is not None and item["target"] is not None:
            assert line.rstrip().endswith(f"{item['value']}/{item['target']}"), (line, item)
        if item["done"] is None:
            assert line.rstrip().endswith("not available")


async def test_quick_add_from_any_screen_is_prefilled_with_the_account_in_view(
    workspace, sample, make_app, friday
):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # open the first account: it is now "in view"
        await settle(pilot)
        opened = app.current_account_id
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, LogActivityScreen)
        account = dialog.query_one("#input-account", Input)
        await settle(pilot)
        assert rows(workspace, "SELECT name FROM accounts WHERE id = ?", opened) == [
            (account.value,)
        ]
        # A bad time and no account: both reported beside their fields, nothing saved.
        dialog.query_one("#input-time", Input).value = "25:99"
        account.value = ""
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert dialog.query_one("#field-account").has_class("-invalid")
        assert "25:99" in str(dialog.query_one("#error-time").render())
        assert rows(workspace, "SELECT count(*) FROM activities") == [(0,)]
        account.value = rows(workspace, "SELECT name FROM accounts WHERE id = ?", opened)[0][0]
        dialog.query_one("#input-time", Input).value = "16:05"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, LogActivityScreen)
    assert rows(workspace, "SELECT account_id, kind, occurred_at FROM activities") == [
        (opened, "visit", "2026-11-27T08:05:00.000000+00:00")
    ]


async def test_tick_a_manual_item_and_edit_the_template_as_a_lead(demo, make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("5")
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        await pilot.press("a", *keys("Pipeline call done"), "enter")
        await settle(pilot)
        added = rows(
            demo,
            "SELECT key, kind, valid_from FROM checklist_items WHERE label = ?",
            "Pipeline call done",
        )
        assert added and added[0][1:] == ("manual", "2026-11-28")
        await pilot.press("escape")
        await settle(pilot)
        screen = app.screen
        assert "Pipeline call done" not in [i.label for i in screen.view.checklist.items]
        await pilot.press("right")  # tomorrow has it
        await settle(pilot)
        labels = [i.label for i in screen.view.checklist.items]
        assert labels[-1] == "Pipeline call done"
        checklist = screen.query_one(ChecklistList)
        checklist.focus()
        checklist.highlighted = len(labels) - 1
        await pilot.press("enter")
        await settle(pilot)
        assert screen.view.checklist.items[-1].done is True
    assert rows(
        demo, "SELECT period_key, done FROM checklist_marks WHERE item_key = ?", added[0][0]
    ) == [("2026-11-28", 1)]


async def test_the_meeting_counts_every_seller_already_reviewed_as_it_opens(demo, make_app):
    """Two sellers marked reviewed earlier that day: the header said "reviewed 1" on opening
    (it counted only the pages loaded so far) and "reviewed 2" after `n`."""
    from katerm.core.reviews import set_reviewed

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("5")
        meeting = await _first_teams_meeting(pilot)
        team, day = meeting.team, meeting.day
        await pilot.press("escape")
        for seller in team.members[1:]:
            set_reviewed(demo, team.lead.id, day, seller.id, True)
        meeting = await _first_teams_meeting(pilot)
        assert meeting.index == 0
        progress = str(meeting.query_one("#meeting-progress").render())
        assert progress.endswith(f"reviewed {len(team.members) - 1}")


async def test_a_follow_up_given_shows_beside_the_comment_at_once(demo, make_app):
    """Walk s9 §3: at 80x24 the follow-up just given was only in the last section, far
    below; the lead, seeing nothing, gave it twice. It shows under the comment, with its due
    date, for the seller it was given to."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("5")
        meeting = await _first_teams_meeting(pilot)
        await pilot.press("f", *keys("Book a visit with the CFO"), "enter")
        await settle(pilot)
        note = str(meeting.query_one("#note").render())
        assert "Follow-up  Book a visit with the CFO  due 2026-11-30" in note
        await pilot.press("n")  # the next seller was given none
        await settle(pilot)
        assert "Book a visit" not in str(meeting.query_one("#note").render())


async def _first_teams_meeting(pilot):
    """From screen 5: `m`, the second team in the picker, and its meeting screen."""
    await settle(pilot)
    await pilot.press("m")
    await settle(pilot)
    await pilot.press("down", "enter")
    await settle(pilot)
    meeting = pilot.app.screen
    assert isinstance(meeting, MeetingScreen)
    return meeting
