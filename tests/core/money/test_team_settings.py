"""The team's settings resolve alike on every screen (issue 24): of several owners' rows for
one key (a rate, a threshold, a competitor's name), the most senior owner's wins, then the
newest; a member may not change what a manager above them set.

One SQLite file holding two owners' rows, as a seller's does after a sync."""

from __future__ import annotations

import pytest

from katerm.core import money, store
from katerm.core.competitors import add_competitor, list_competitors, rename_competitor
from katerm.core.errors import BadInput, ValidationFailed
from katerm.core.pyramid import load_thresholds, save_thresholds
from katerm.core.pyramid.edit import threshold_id
from katerm.core.pyramid.rules import RULES
from katerm.i18n import render, set_language
from tests.core.plan_helpers import add_user

REVENUE_A = next(s for s in RULES["revenue"].thresholds if s.tier == "A")


def _as_lead_of_me(ws) -> str:
    """A lead (王芳) above me; returns their id."""
    lead = add_user(ws, "wang.fang", "王芳", None)
    with ws.db.writing() as conn:
        store.update(conn, "users", ws.me.id, {"manager_id": lead}, actor_id=ws.me.id)
    return lead


def _row(ws, table: str, owner: str, values: dict) -> str:
    with ws.db.writing() as conn:
        return store.insert(conn, table, {"owner_id": owner, **values}, actor_id=owner)


def _load_rates(ws):
    with ws.db.reading() as conn:
        return money.load_rates(conn)


def test_alone_the_newest_rate_wins_as_before(workspace):
    ws = workspace
    other = add_user(ws, "li.lei", "李雷", None)  # an owner an import added: nobody's lead
    money.set_rate(ws.db, "USD", "7.0", ws.me.id)
    _row(ws, "currency_rates", other, {"base": "CNY", "currency": "USD", "rate": 7.3})
    assert _load_rates(ws).rates == {"USD": 7.3}
    money.set_rate(ws.db, "USD", "7.2", ws.me.id)  # mine, edited: the newest again
    assert _load_rates(ws).rates == {"USD": 7.2}


def test_my_leads_rate_and_threshold_win_over_mine_whichever_is_newer(workspace):
    ws = workspace
    money.set_rate(ws.db, "USD", "7.0", ws.me.id)
    save_thresholds(ws, "revenue", {REVENUE_A.key: "9000000"})
    lead = _as_lead_of_me(ws)
    _row(ws, "currency_rates", lead, {"base": "CNY", "currency": "USD", "rate": 7.1})
    _row(
        ws,
        "tier_thresholds",
        lead,
        {"scheme": "revenue", "tier": "A", "measure": REVENUE_A.measure, "value": 6_000_000.0},
    )
    money.set_rate(ws.db, "EUR", "7.8", ws.me.id)  # a key the lead has not set stays mine
    assert _load_rates(ws).rates == {"USD": 7.1, "EUR": 7.8}
    with ws.db.reading() as conn:
        assert load_thresholds(conn, "revenue")[REVENUE_A.key] == 6_000_000.0
        # ...and a row of mine newer than the lead's does not change that.
        conn.execute(
            "UPDATE tier_thresholds SET hlc = '9999999999999-00000-zzzz' WHERE id = ?",
            (threshold_id("revenue", REVENUE_A),),
        )
        assert load_thresholds(conn, "revenue")[REVENUE_A.key] == 6_000_000.0


def test_a_reports_row_never_overrides_mine(workspace):
    ws = workspace
    seller = add_user(ws, "li.lei", "李雷", ws.me.id)
    money.set_rate(ws.db, "USD", "7.1", ws.me.id)
    _row(ws, "currency_rates", seller, {"base": "CNY", "currency": "USD", "rate": 6.5})
    assert _load_rates(ws).rates == {"USD": 7.1}
    add_competitor(ws, "Globex", "mine")
    _row(ws, "competitors", seller, {"name": "GLOBEX ", "notes": "theirs"})
    _row(ws, "competitors", seller, {"name": "Initech", "notes": ""})
    with ws.db.reading() as conn:
        listed = [(c.name, c.notes) for c in list_competitors(conn)]
    assert listed == [("Globex", "mine"), ("Initech", "")]  # the union, each name once


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "USD rate is set by your lead 王芳 (7.1); ask them to change it."),
        ("zh_CN", "USD 汇率由你的上级王芳设定（7.1），请找对方修改。"),
    ],
)
def test_a_member_may_not_change_what_their_lead_set(workspace, lang, expected):
    ws = workspace
    lead = _as_lead_of_me(ws)
    _row(ws, "currency_rates", lead, {"base": "CNY", "currency": "USD", "rate": 7.1})
    with pytest.raises(BadInput) as refused:
        money.set_rate(ws.db, "USD", "7.3", ws.me.id)
    set_language(lang)
    try:
        assert render(refused.value.key, refused.value.params) == expected
    finally:
        set_language("en")
    with pytest.raises(BadInput):
        money.remove_rate(ws.db, "USD", ws.me.id)
    _row(
        ws,
        "currency_rates",
        lead,
        {"id": money.BASE_ID, "base": "CNY", "currency": "CNY", "rate": 1.0},
    )
    with pytest.raises(BadInput):
        money.set_base(ws.db, "USD", ws.me.id)
    assert _load_rates(ws).rates == {"USD": 7.1}
    with ws.db.reading() as conn:
        mine = conn.execute(
            "SELECT count(*) FROM currency_rates WHERE owner_id = ?", (ws.me.id,)
        ).fetchone()[0]
    assert mine == 0  # nothing written that nobody would use


def test_a_leads_threshold_is_kept_when_unchanged_and_refused_when_changed(workspace):
    ws = workspace
    lead = _as_lead_of_me(ws)
    _row(
        ws,
        "tier_thresholds",
        lead,
        {"scheme": "revenue", "tier": "A", "measure": REVENUE_A.measure, "value": 6_000_000.0},
    )
    # The settings form sends every field: the lead's value, unchanged, is left alone.
    save_thresholds(ws, "revenue", {REVENUE_A.key: "6000000"})
    with pytest.raises(ValidationFailed) as refused:
        save_thresholds(ws, "revenue", {REVENUE_A.key: "7000000"})
    (error,) = refused.value.errors
    assert error.field == REVENUE_A.key
    assert render(error.key, error.params) == (
        "Set by your lead 王芳 (6,000,000); ask them to change it."
    )
    with ws.db.reading() as conn:
        assert (
            conn.execute(
                "SELECT count(*) FROM tier_thresholds WHERE owner_id = ?", (ws.me.id,)
            ).fetchone()[0]
            == 0
        )


def test_a_leads_competitor_is_theirs_to_rename(workspace):
    ws = workspace
    lead = _as_lead_of_me(ws)
    globex = _row(ws, "competitors", lead, {"name": "Globex", "notes": ""})
    with pytest.raises(ValidationFailed):
        add_competitor(ws, "globex")  # already on the team's list
    with pytest.raises(BadInput) as refused:
        rename_competitor(ws, globex, "Globex Corp")
    assert "王芳" in render(refused.value.key, refused.value.params)
