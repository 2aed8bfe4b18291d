"""Competitors: the team's list, presences with the seed's questions, win/loss per competitor,
a lost order's required reason and winner, and the map's warning about a competitor's friend."""

from __future__ import annotations

from datetime import date

import pytest

from katerm.core.accounts.edit import save_contact
from katerm.core.competitors import (
    add_competitor,
    favourers,
    presences,
    set_presence,
    win_loss,
)
from katerm.core.errors import ValidationFailed
from katerm.core.influence import load_map, save_person
from katerm.core.pipeline.opportunities import save_opportunity
from katerm.core.pipeline.steps import close_lost
from tests.core.plan_helpers import MONDAY, account

pytestmark = pytest.mark.now("2026-03-16")


def opportunity(ws, acc, name, amount=100_000, competitors=""):
    return save_opportunity(
        ws,
        acc,
        None,
        {"name": name, "amount": amount, "competitors": competitors},
        today=MONDAY,
    )


def test_a_competitor_is_listed_once_whatever_its_spelling(workspace):
    add_competitor(workspace, "Globex", "Cheap, weak service")
    with pytest.raises(ValidationFailed) as caught:
        add_competitor(workspace, "  ＧＬＯＢＥＸ ")
    assert caught.value.errors[0].field == "name"
    with pytest.raises(ValidationFailed):
        add_competitor(workspace, "   ")


def test_a_presence_answers_the_questions_and_is_updated_not_duplicated(workspace):
    acc, _ = account(workspace)
    opp = opportunity(workspace, acc, "ERP upgrade")
    add_competitor(workspace, "Globex")
    with pytest.raises(ValidationFailed):  # not on the list
        set_presence(workspace, "Initech", acc)
    first = set_presence(workspace, "globex", acc, opp, {"offer": "15% below ours"})
    again = set_presence(workspace, "Globex", acc, opp, {"strategy": "Win the CFO on price"})
    set_presence(workspace, "Globex", acc, None, {"relationships": "Close to the CIO"})
    assert first == again
    with workspace.db.reading() as conn:
        found = presences(conn, account_id=acc)
    assert [(p.opportunity, p.answers["relationships"]) for p in found] == [
        ("", "Close to the CIO"),
        ("ERP upgrade", ""),
    ]
    assert found[1].answers["offer"] == "15% below ours"
    assert found[1].answers["strategy"] == "Win the CFO on price"


def test_losing_needs_a_reason_and_a_winner(workspace):
    acc, _ = account(workspace)
    opp = opportunity(workspace, acc, "ERP upgrade")
    for reason, winner in (("", ""), ("Price", ""), ("", "Globex"), ("  ", "  ")):
        with pytest.raises(ValidationFailed) as caught:
            close_lost(workspace, opp, today=MONDAY, loss_reason=reason, winner=winner)
        missing = {e.field for e in caught.value.errors}
        assert missing == {
            f for f, v in (("loss_reason", reason), ("winner", winner)) if not v.strip()
        }
    with workspace.db.reading() as conn:
        assert conn.execute("SELECT outcome FROM opportunities").fetchone() == ("open",)
    close_lost(workspace, opp, today=MONDAY, loss_reason="Price 15% higher", winner="Globex")
    with workspace.db.reading() as conn:
        assert conn.execute(
            "SELECT outcome, loss_reason, winner FROM opportunities"
        ).fetchone() == (
            "lost",
            "Price 15% higher",
            "Globex",
        )


def test_win_loss_counts_races_and_losses_per_competitor(workspace):
    acc, _ = account(workspace)
    add_competitor(workspace, "Globex")
    add_competitor(workspace, "Initech")
    won = opportunity(workspace, acc, "Won one", 300_000, "Globex, Hooli")
    save_opportunity(workspace, acc, won, {"stage": "contract"}, today=date(2026, 3, 10))
    raced = opportunity(workspace, acc, "Raced")  # Initech only through a presence
    set_presence(workspace, "Initech", acc, raced)
    save_opportunity(workspace, acc, raced, {"stage": "contract"}, today=date(2026, 2, 10))
    lost = opportunity(workspace, acc, "Lost one", 200_000, "Globex")
    close_lost(workspace, lost, today=date(2026, 3, 12), loss_reason="Price", winner="globex")
    nobody = opportunity(workspace, acc, "Dropped purchase")
    close_lost(workspace, nobody, today=date(2026, 3, 12), loss_reason="No budget", winner="无")
    opportunity(workspace, acc, "Still open", competitors="Initech")
    with workspace.db.reading() as conn:
        everything = {w.competitor: w for w in win_loss(conn)}
        march = {w.competitor: w for w in win_loss(conn, since=date(2026, 3, 1))}
    # Hooli is not on the list: "Globex, Hooli" is free text; "nobody" won nothing.
    assert set(everything) == {"Globex", "Initech"}
    globex = everything["Globex"]
    assert (globex.won, globex.lost, globex.open, globex.win_rate) == (1, 1, 0, 0.5)
    assert (globex.won_amount, globex.lost_amount) == (300_000, 200_000)
    assert (everything["Initech"].won, everything["Initech"].open) == (1, 1)
    assert (march["Initech"].won, march["Initech"].open) == (0, 1)  # won in February


def test_a_competitors_high_influence_friend_nobody_covers_is_warned(workspace):
    acc, (cio,) = account(workspace)
    save_contact(
        workspace,
        acc,
        cio,
        {"influence": "high", "favours_competitor": "Globex", "favour_strength": "强烈"},
    )
    with workspace.db.reading() as conn:
        found = load_map(conn, acc)
        friends = favourers(conn, acc)
    codes = [w.code for w in found.warnings]
    assert "competitor_favoured_uncovered" in codes
    assert "influential_uncovered" not in codes  # named once, as the sharper warning
    assert [(f.competitor, f.strength) for f in friends] == [("Globex", "strong")]
    save_person(workspace, acc, cio, {"covered_by": workspace.me.id})
    with workspace.db.reading() as conn:
        assert "competitor_favoured_uncovered" not in [w.code for w in load_map(conn, acc).warnings]


def test_a_favour_strength_must_be_on_the_scale(workspace):
    acc, (cio,) = account(workspace)
    with pytest.raises(ValidationFailed) as caught:
        save_contact(workspace, acc, cio, {"favour_strength": "fanatical"})
    assert caught.value.errors[0].field == "favour_strength"
