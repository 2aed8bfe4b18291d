"""The team's competitor list edited: a rename reaches the presences, the people who favour
the competitor and the orders it won; a name taken or empty is refused; a retired competitor
leaves the list but what was recorded against it stays."""

from __future__ import annotations

import pytest

from katerm.core.accounts.edit import save_contact
from katerm.core.competitors import (
    add_competitor,
    edit_presence,
    favourers,
    list_competitors,
    presences,
    rename_competitor,
    retire_competitor,
    set_presence,
)
from katerm.core.errors import ValidationFailed
from katerm.core.pipeline.opportunities import save_opportunity
from katerm.core.pipeline.steps import close_lost
from tests.core.plan_helpers import MONDAY, account

pytestmark = pytest.mark.now("2026-03-16")


def _names(ws) -> list[str]:
    with ws.db.reading() as conn:
        return [c.name for c in list_competitors(conn)]


def test_a_rename_reaches_presences_favourers_and_won_orders(workspace):
    acc, (cio,) = account(workspace)
    globex = add_competitor(workspace, "Globex")
    add_competitor(workspace, "Initech")
    set_presence(workspace, "Globex", acc, None, {"offer": "Cheap"})
    save_contact(workspace, acc, cio, {"favours_competitor": "globex", "favour_strength": "强烈"})
    opp = save_opportunity(workspace, acc, None, {"name": "ERP", "amount": 1000}, today=MONDAY)
    close_lost(workspace, opp, today=MONDAY, loss_reason="Price", winner="Globex")

    rename_competitor(workspace, globex, "Globex Asia")

    assert _names(workspace) == ["Globex Asia", "Initech"]
    with workspace.db.reading() as conn:
        assert [(p.competitor, p.answers["offer"]) for p in presences(conn, account_id=acc)] == [
            ("Globex Asia", "Cheap")
        ]
        assert [f.competitor for f in favourers(conn, acc)] == ["Globex Asia"]
        winner = conn.execute("SELECT winner FROM opportunities WHERE id = ?", (opp,)).fetchone()
    assert winner[0] == "Globex Asia"


@pytest.mark.parametrize("name", ["", "   ", "ＩＮＩＴＥＣＨ", "initech"])
def test_an_empty_or_taken_name_is_refused_and_nothing_changes(workspace, name):
    globex = add_competitor(workspace, "Globex")
    add_competitor(workspace, "Initech")
    with pytest.raises(ValidationFailed) as refused:
        rename_competitor(workspace, globex, name)
    assert [e.field for e in refused.value.errors] == ["name"]
    assert _names(workspace) == ["Globex", "Initech"]


def test_a_retired_competitor_leaves_the_list_and_keeps_its_history(workspace):
    acc, _ = account(workspace)
    globex = add_competitor(workspace, "Globex")
    set_presence(workspace, "Globex", acc, None, {"offer": "Cheap"})

    retire_competitor(workspace, globex)

    assert _names(workspace) == []
    with workspace.db.reading() as conn:
        (kept,) = presences(conn, account_id=acc)
    assert (kept.competitor, kept.answers["offer"]) == ("Globex", "Cheap")
    edit_presence(workspace, kept.id, {"strategy": "Price war"})  # still editable
    with workspace.db.reading() as conn:
        assert presences(conn, account_id=acc)[0].answers["strategy"] == "Price war"
    with pytest.raises(ValidationFailed):  # not offered for a new presence any more
        set_presence(workspace, "Globex", acc, None, {})
