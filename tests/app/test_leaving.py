"""One rule for leaving, for every form and dialog: input is never dropped without asking.

Every screen, dialog or pane that holds input is a ``HoldsInput``; this file opens each of them
the way a user does, types, and checks that Esc (where it leaves) and Ctrl+Q both ask —
save, discard or stay — and that staying keeps what was typed. A new form must be listed in
OPENERS (or, if it holds no data, in NO_DATA with the reason), or the first test fails.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from collections.abc import Awaitable, Callable

import pytest
from textual.widget import Widget
from textual.widgets import Input, Select, TextArea

import katerm.app
from katerm.app.widgets.leaving import HoldsInput, LeaveDialog
from tests.app.conftest import settle

# Screens and widgets that take input but hold no data to save: filters, search boxes, pickers.
NO_DATA = {
    "AccountsScreen": "search and filters: nothing to save",
    "PipelineScreen": "filters",
    "PyramidScreen": "filters (its settings tab is PyramidSettings)",
    "FilterBar": "the pyramid's filters, built after its figures",
    "ReviewsScreen": "whose checklist to show (the plan is PlanBox)",
    "WelcomeScreen": "a file to import: the import runs on Enter",
    "_Picker": "a filter over a list to pick from",
    "AccountPicker": "a filter over a list to pick from",
    "BossPicker": "a filter over a list to pick from",
    "Form": "the form widget itself; the dialog or screen around it holds the input",
    "TickBox": "a check box itself; the dialog or screen around it holds the input",
    "TickRadio": "a radio button itself; the dialog or screen around it holds the input",
    "TickList": "a selection list itself; the dialog or screen around it holds the input",
}
INPUT_WIDGETS = re.compile(
    r"\b(Input|TextArea|Form|Checkbox|TickBox|SelectionList|TickList|RadioSet|Select)\("
)


def _classes() -> list[type]:
    found: dict[str, type] = {}
    for info in pkgutil.walk_packages(katerm.app.__path__, "katerm.app."):
        module = importlib.import_module(info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == module.__name__ and issubclass(cls, Widget):
                found[f"{cls.__module__}.{cls.__qualname__}"] = cls
    return list(found.values())


def test_every_screen_and_widget_that_takes_input_follows_the_rule():
    """A class whose code builds an input widget either holds input (and is opened below) or
    is a filter or picker with nothing to save."""
    missing = []
    for cls in _classes():
        source = inspect.getsource(cls)
        if not INPUT_WIDGETS.search(source):
            continue
        if issubclass(cls, HoldsInput):
            if cls.__name__ not in OPENED:
                missing.append(f"{cls.__name__}: holds input but no test opens it (OPENERS)")
        elif cls.__name__ not in NO_DATA:
            missing.append(f"{cls.__module__}.{cls.__name__}: takes input, not a HoldsInput")
    assert missing == []


# --- opening each holder the way a user does ----------------------------------------------

Opener = Callable[..., Awaitable[HoldsInput]]


def _account_with(ws, table: str) -> str:
    with ws.db.reading() as conn:
        row = conn.execute(
            f"SELECT a.id FROM accounts a JOIN {table} x ON x.account_id = a.id "
            "WHERE a.deleted = 0 AND x.deleted = 0 ORDER BY a.annual_revenue DESC LIMIT 1"
        ).fetchone()
    return row[0]


async def _tab(pilot, ws, tab: str, table: str):
    from katerm.app.accounts.account import AccountScreen

    pilot.app.push_screen(AccountScreen(_account_with(ws, table), tab=tab))
    await settle(pilot)
    return pilot.app.screen


async def _type(pilot, *keys: str) -> None:
    await pilot.press(*keys)
    await settle(pilot, rounds=1)


def _top(pilot, cls: type) -> HoldsInput:
    screen = pilot.app.screen
    assert isinstance(screen, cls), f"expected {cls.__name__}, got {type(screen).__name__}"
    assert isinstance(screen, HoldsInput)
    return screen


async def new_account(pilot, ws):
    from katerm.app.accounts.account import AccountScreen

    await _type(pilot, "1", "n")
    holder = _top(pilot, AccountScreen)
    await _type(pilot, *"Acme")
    return holder


async def edit_account(pilot, ws):
    from katerm.app.accounts.account import AccountScreen

    await _type(pilot, "1", "enter")
    holder = _top(pilot, AccountScreen)
    holder.query_one("#input-industry").focus()
    await _type(pilot, *"xyz")
    return holder


async def import_columns(pilot, ws):
    """The import screen with a column the user chose a field for (x: left out)."""
    from pathlib import Path

    from katerm.app.accounts.import_screen import ImportScreen

    path = Path(ws.paths.config_dir).parent / "accounts.csv"
    path.write_text("Account Name,Billing City\nAcme Steel,Shanghai\n", encoding="utf-8")
    await _type(pilot, "1", "escape", "i")
    holder = _top(pilot, ImportScreen)
    holder.query_one("#import-path", Input).value = str(path)
    await _type(pilot, "enter", "down", "x")
    return holder


async def contact(pilot, ws):
    from katerm.app.accounts.contacts import ContactFormScreen

    screen = await _tab(pilot, ws, "contacts", "contacts")
    screen.query_one("#contacts-table").focus()
    await _type(pilot, "a")
    holder = _top(pilot, ContactFormScreen)
    await _type(pilot, *"Li")
    return holder


async def log_activity(pilot, ws):
    from katerm.app.reviews.log_activity import LogActivityScreen

    await _type(pilot, "l")
    holder = _top(pilot, LogActivityScreen)
    holder.query_one("#input-next_step").focus()
    await _type(pilot, *"call")
    return holder


async def log_activity_served(pilot, ws):
    """Only the opportunity and the stage chosen (issue 21's fields), nothing typed."""
    from katerm.app.reviews.log_activity import LogActivityScreen

    screen = await _tab(pilot, ws, "opportunities", "opportunities")
    await _type(pilot, "l")
    holder = _top(pilot, LogActivityScreen)
    assert holder.account_id == screen.account_id and not holder.unsaved()
    for name in ("opportunity", "stage"):
        holder.query_one(f"#{name}", Select).focus()
        await _type(pilot, "enter", "down", "enter")  # open, the first choice, take it
        assert holder.query_one(f"#{name}", Select).value is not Select.NULL, name
    assert holder.query_one("#input-account", Input).value  # filled in, not typed
    return holder


async def gap_row(pilot, ws):
    from katerm.app.widgets.form_dialog import FormDialog

    await _type(pilot, "4", "e")
    holder = _top(pilot, FormDialog)
    holder.query_one("#input-next_action").focus()
    await _type(pilot, "end", *" more")
    return holder


async def influence_person(pilot, ws):
    from katerm.app.influence.panel import PersonPanel

    await _type(pilot, "3", "e")
    panel = pilot.app.screen.query_one(PersonPanel)
    assert panel.editing
    await _type(pilot, "end", *"x")
    return panel


async def influence_lines(pilot, ws):
    from katerm.app.influence.dialogs import LinesDialog

    await _type(pilot, "3", "down", "k")
    holder = _top(pilot, LinesDialog)
    target = holder.query_one("#line-target", Select)
    target.value = next(v for _, v in target._options if v is not Select.NULL)
    await settle(pilot)
    return holder


async def pyramid_settings(pilot, ws):
    from katerm.app.pyramid.settings import PyramidSettings

    await _type(pilot, "2", "e")
    holder = pilot.app.screen.query_one(PyramidSettings)
    holder.query(Input).last().focus()
    await _type(pilot, *"9")
    return holder


async def day_plan(pilot, ws):
    from katerm.app.reviews.plan_box import PlanBox

    await _type(pilot, "5")
    holder = pilot.app.screen.query_one(PlanBox)
    holder.query_one(TextArea).focus()
    await _type(pilot, *"Visit")
    return holder


async def _meeting(pilot):
    await _type(pilot, "5", "m")
    await _type(pilot, "enter")  # the general manager picks a team


async def review_comment(pilot, ws):
    from katerm.app.reviews.dialogs import TextPrompt

    await _meeting(pilot)
    await _type(pilot, "c")
    holder = _top(pilot, TextPrompt)
    await _type(pilot, *"ok")
    return holder


async def follow_up(pilot, ws):
    from katerm.app.reviews.dialogs import FollowUpDialog

    await _meeting(pilot)
    await _type(pilot, "f")
    holder = _top(pilot, FollowUpDialog)
    await _type(pilot, *"Call")
    return holder


async def lead_review(pilot, ws):
    from katerm.app.pipeline.dialogs import LeadReviewScreen

    screen = await _tab(pilot, ws, "opportunities", "opportunities")
    screen.query_one("OpportunitiesPane DataTable").focus()
    await _type(pilot, "v")
    holder = _top(pilot, LeadReviewScreen)
    await _type(pilot, "space")
    return holder


def _form_on_tab(tab: str, table: str, focus: str, key: str = "a") -> Opener:
    async def open_form(pilot, ws):
        from katerm.app.widgets.form_dialog import FormDialog

        screen = await _tab(pilot, ws, tab, table)
        screen.query_one(focus).focus()
        await _type(pilot, key)
        holder = _top(pilot, FormDialog)
        holder.query(Input).first().focus()
        await _type(pilot, "end", *"z")
        return holder

    return open_form


OPENERS: dict[str, Opener] = {
    "new account": new_account,
    "account details": edit_account,
    "contact": contact,
    "import columns": import_columns,
    "log an activity": log_activity,
    "log an activity: opportunity and stage": log_activity_served,
    "gap row": gap_row,
    "influence map person": influence_person,
    "lines of influence": influence_lines,
    "pyramid thresholds and targets": pyramid_settings,
    "tomorrow's plan": day_plan,
    "evening review comment": review_comment,
    "evening review follow-up": follow_up,
    "lead review": lead_review,
    "opportunity": _form_on_tab("opportunities", "opportunities", "OpportunitiesPane DataTable"),
    "plan entry": _form_on_tab("plan", "plan_items", "PlanPane Tree"),
    "customer voice": _form_on_tab("voice", "voice_issues", "VoicePane DataTable"),
    "strategic relationship": _form_on_tab(
        "strategic", "strategic_relationships", "StrategicPane DataTable"
    ),
    "expansion card": _form_on_tab("cards", "expansion_cards", "CardsPane DataTable", "e"),
}
# The class each opener ends in (the test checks it is opened for real).
OPENED = {
    "AccountScreen",
    "ContactFormScreen",
    "LogActivityScreen",
    "FormDialog",
    "PersonPanel",
    "LinesDialog",
    "PyramidSettings",
    "PlanBox",
    "TextPrompt",
    "FollowUpDialog",
    "LeadReviewScreen",
    "ImportScreen",
}
# Holders that are panes on a screen: Esc there does not leave the screen, only quitting does.
PANES = {"PersonPanel", "PyramidSettings", "PlanBox"}


@pytest.fixture
def demo(workspace):
    from katerm.core.demo import generate

    generate(workspace, accounts=30, seed=5, lang="en")
    return workspace


@pytest.mark.parametrize("what", sorted(OPENERS))
async def test_leaving_with_unsaved_input_asks_save_discard_or_stay(demo, make_app, what):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        holder = await OPENERS[what](pilot, demo)
        assert type(holder).__name__ in OPENED
        assert holder.unsaved(), f"{what}: typing did not count as unsaved input"
        screen_before = app.screen

        if type(holder).__name__ not in PANES or type(holder).__name__ == "PersonPanel":
            await _type(pilot, "escape")
            assert isinstance(app.screen, LeaveDialog), f"{what}: Esc left without asking"
            await _type(pilot, "escape")  # stay
            assert app.screen is screen_before and holder.unsaved()

        await _type(pilot, "ctrl+q")
        assert isinstance(app.screen, LeaveDialog), f"{what}: Ctrl+Q quit without asking"
        assert app.is_running
        await _type(pilot, "escape")  # stay
        assert app.is_running and app.screen is screen_before and holder.unsaved()


@pytest.mark.parametrize(("tab", "table"), [("contacts", "contacts"), ("strategic", "contacts")])
async def test_an_untouched_new_form_closes_on_esc_without_asking(demo, make_app, tab, table):
    """A new contact (or partner) form nobody typed in asked 'unsaved changes?' on Esc: the
    form's starting values were never taken as its baseline, so it compared with nothing."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = await _tab(pilot, demo, tab, table)
        table_widget = screen.query("DataTable").first()
        table_widget.focus()
        await _type(pilot, "a")
        holder = pilot.app.screen
        assert isinstance(holder, HoldsInput) and holder is not screen
        assert not holder.unsaved()
        await _type(pilot, "escape")
        assert pilot.app.screen is screen


def _account_names(ws) -> list[str]:
    with ws.db.reading() as conn:
        return [r[0] for r in conn.execute("SELECT name FROM accounts WHERE deleted = 0")]


async def test_new_account_typed_then_ctrl_q_asks_and_save_keeps_it(workspace, make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await _type(pilot, "n")  # the welcome screen: add the first account
        await _type(pilot, *"Acme Robotics")
        await _type(pilot, "ctrl+q")
        assert isinstance(app.screen, LeaveDialog)
        assert "Acme" not in _account_names(workspace)
        await _type(pilot, "enter")  # Save and quit: the focused button
        await settle(pilot)
    assert "Acme Robotics" in _account_names(workspace)
    assert app.return_code == 0


async def test_discarding_quits_without_saving_and_a_refused_save_stays(workspace, make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await _type(pilot, "n")
        holder = app.screen
        holder.query_one("#input-annual_revenue").focus()
        await _type(pilot, *"-5")  # no name, a negative revenue: the save is refused
        await _type(pilot, "ctrl+q", "enter")
        await settle(pilot)
        assert app.is_running and app.screen is holder  # not quit: the errors are shown
        assert holder.query_one("#field-name").has_class("-invalid")
        await _type(pilot, "ctrl+q", "d")  # quit without saving
    assert _account_names(workspace) == []


async def test_nothing_typed_quits_at_once(workspace, make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await _type(pilot, "n", "ctrl+q")
        await settle(pilot)
    assert not app.is_running


def test_every_opener_class_is_a_holder_that_says_how_to_save_and_drop():
    holders = [c for c in _classes() if issubclass(c, HoldsInput)]
    assert {c.__name__ for c in holders} == OPENED, "a holder without an opener, or the reverse"
    methods = ("unsaved", "unsaved_title", "save_input", "drop_input")
    lacking = [
        f"{c.__name__}.{m}"
        for c in holders
        for m in methods
        if getattr(c, m) is getattr(HoldsInput, m)
    ]
    assert lacking == []


@pytest.mark.parametrize(
    ("lang", "titles", "quitting", "said"),
    [
        ("zh_CN", ["编辑“能耗监测”"], False, "编辑“能耗监测”有未保存的修改。"),
        ("en", ["Edit “ERP”"], False, "Edit “ERP” has changes that are not saved."),
        ("en", ["Acme Co., Ltd."], False, "“Acme Co., Ltd.” has changes that are not saved."),
        ("en", ["Acme Co., Ltd."], True, "Quit katerm? Not saved yet: Acme Co., Ltd."),
    ],
)
async def test_the_question_quotes_a_name_once_and_ends_with_one_stop(
    workspace, make_app, lang, titles, quitting, said
):
    """The third walk read “编辑“能耗监测”” (quoted twice) and "Ltd.." in the questions."""
    from textual.widgets import Static

    app = make_app(lang)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.push_screen(LeaveDialog(titles, quitting=quitting))
        await settle(pilot)
        assert str(app.screen.query_one("#leave-question", Static).render()) == said
