"""Field-level merge across replicas: different fields, the same field, deletes."""

from __future__ import annotations

import json
import time
from datetime import timedelta

import pytest

from katerm.core import store
from katerm.core.accounts.edit import delete_record, save_account
from katerm.core.accounts.read import get_account
from tests.sync.conftest import add_member


@pytest.fixture
def pair(admin_url, clients):
    """A lead and their seller, both logged in, sharing one account the seller made."""
    add_member(admin_url, "lead")
    add_member(admin_url, "seller", manager="lead")
    seller, lead = clients("seller"), clients("lead")
    account = save_account(
        seller.ws, None, {"name": "Acme", "region": "East", "annual_revenue": "1000"}
    )
    seller.sync()
    lead.sync()
    return seller, lead, account


def _account(client, account_id):
    return get_account(client.ws.db, account_id)


def _conflicts(client):
    with client.ws.db.reading() as conn:
        return conn.execute(
            "SELECT field, kind, lost_value, won_value FROM conflict_log ORDER BY field, kind"
        ).fetchall()


def test_edits_of_different_fields_both_survive_everywhere(pair):
    seller, lead, account = pair
    save_account(seller.ws, account, {"region": "North"})
    save_account(lead.ws, account, {"notes": "evening review: call the CIO"})
    seller.sync()
    lead.sync()
    seller.sync()
    for client in (seller, lead):
        record = _account(client, account)
        assert (record.region, record.notes) == ("North", "evening review: call the CIO")
        assert _conflicts(client) == []


def test_the_same_field_later_edit_wins_and_the_loser_is_logged_for_both(pair):
    seller, lead, account = pair
    save_account(lead.ws, account, {"region": "West"})  # earlier tag
    time.sleep(0.005)  # a later wall-clock millisecond: tags of one millisecond tie on device
    save_account(seller.ws, account, {"region": "South"})  # later tag
    lead.sync()
    seller.sync()
    lead.sync()
    for client in (seller, lead):
        assert _account(client, account).region == "South"
        assert _conflicts(client) == [("region", "overwritten", '"West"', '"South"')]


def test_a_losing_edit_pushed_later_does_not_overwrite_the_winner(pair):
    seller, lead, account = pair
    save_account(seller.ws, account, {"region": "South"})  # earlier tag, pushed last
    time.sleep(0.005)
    save_account(lead.ws, account, {"region": "West"})
    lead.sync()
    seller.sync()
    lead.sync()
    for client in (seller, lead):
        assert _account(client, account).region == "West"
        assert _conflicts(client) == [("region", "rejected", '"South"', '"West"')]
    with seller.ws.db.reading() as conn:
        assert conn.execute("SELECT count(*) FROM outbox").fetchone()[0] == 0


def test_an_edit_on_a_row_deleted_elsewhere_is_logged_and_the_delete_holds(pair):
    seller, lead, account = pair
    delete_record(lead.ws, "accounts", account)
    lead.sync()
    save_account(seller.ws, account, {"notes": "still a prospect"})  # did not see the delete
    seller.sync()
    lead.sync()
    for client in (seller, lead):
        record = _account(client, account)
        assert record.deleted and record.notes == "still a prospect"
        kinds = {(f, k) for f, k, _, _ in _conflicts(client)}
        assert ("notes", "edit_on_deleted_row") in kinds


def test_a_delete_logs_the_edits_it_hides_that_the_deleter_never_saw(pair):
    seller, lead, account = pair
    save_account(seller.ws, account, {"region": "North"})
    seller.sync()  # the lead has not pulled it when they delete
    delete_record(lead.ws, "accounts", account)
    lead.sync()
    seller.sync()
    for client in (seller, lead):
        assert _account(client, account).deleted
        rows = [r for r in _conflicts(client) if r[1] == "edit_hidden_by_delete"]
        assert rows == [("region", "edit_hidden_by_delete", '"North"', "true")]


def test_a_delete_of_what_the_deleter_saw_logs_nothing(pair):
    seller, lead, account = pair
    save_account(seller.ws, account, {"region": "North"})
    seller.sync()
    lead.sync()
    delete_record(lead.ws, "accounts", account)
    lead.sync()
    seller.sync()
    assert _account(seller.ws and seller, account).deleted
    assert _conflicts(seller) == [] and _conflicts(lead) == []


def test_a_pulled_row_is_not_queued_again_and_the_clock_moves_past_it(pair):
    _, lead, account = pair
    with lead.ws.db.reading() as conn:
        assert conn.execute("SELECT count(*) FROM outbox WHERE tbl != 'users'").fetchone()[0] == 0
        pulled_tag = conn.execute("SELECT hlc FROM accounts WHERE id = ?", (account,)).fetchone()[0]
    with lead.ws.db.writing() as conn:
        store.update(conn, "accounts", account, {"notes": "x"}, actor_id=lead.ws.me.id)
    with lead.ws.db.reading() as conn:
        tag, base = conn.execute(
            "SELECT tag, base_tag FROM outbox WHERE field = 'notes'"
        ).fetchone()
    assert (
        tag > pulled_tag
        and base
        == json.loads(lead.rows("SELECT clk FROM accounts WHERE id = ?", account)[0][0])["*"]
    )


def test_a_re_push_after_a_lost_reply_is_a_duplicate_not_a_conflict(pair, monkeypatch):
    seller, lead, account = pair
    save_account(seller.ws, account, {"region": "North"})
    from katerm.core.sync import push

    real = push.Pusher._settle

    def lose_the_reply(self, *args):
        raise ConnectionError("reply lost")

    monkeypatch.setattr(push.Pusher, "_settle", lose_the_reply)
    with pytest.raises(ConnectionError):
        seller.sync()
    monkeypatch.setattr(push.Pusher, "_settle", real)
    seller.sync()
    lead.sync()
    assert _account(lead, account).region == "North"
    assert _conflicts(seller) == [] and _conflicts(lead) == []


def test_a_clock_far_ahead_is_refused_and_nothing_is_sent(pair):
    from katerm.core.errors import KatermError

    seller, _, account = pair
    real = seller.ws.clock
    seller.ws.db.clock = real.shifted(timedelta(hours=1))  # the laptop's clock is an hour ahead
    save_account(seller.ws, account, {"region": "Tomorrow"})
    seller.ws.db.clock = real
    with pytest.raises(KatermError) as info:
        seller.sync()
    assert info.value.key == "sync.clock_ahead" and info.value.params["minutes"] >= 59
    assert seller.rows("SELECT count(*) FROM outbox WHERE field = 'region'") == [(1,)]
    from tests.sync.conftest import as_member

    with as_member(seller.url, "seller") as conn, pytest.raises(Exception) as refused:
        conn.execute("UPDATE app.accounts SET hlc = '9999999999999-00000-x'")
    assert refused.value.sqlstate == "42501"  # members write through app.push only
    from katerm.core.store.hlc import make_tag

    ahead = make_tag(real.now_ms() + 3_600_000, 0, "x")
    with as_member(seller.url, "seller") as conn:
        (outcome,) = conn.execute(
            "SELECT app.push(%s::jsonb)",
            (
                json.dumps(
                    [
                        {
                            "seq": 1,
                            "tbl": "accounts",
                            "id": account,
                            "field": "region",
                            "value": "Tomorrow",
                            "tag": ahead,
                            "base": None,
                        }
                    ]
                ),
            ),
        ).fetchone()[0]
    assert (outcome["r"], outcome["why"]) == ("refused", "clock_ahead")  # the server too


def test_batches_keep_a_rows_changes_together_and_skip_nothing(pair, monkeypatch):
    from katerm.core.sync import push

    seller, lead, account = pair
    monkeypatch.setattr(push, "BATCH", 2)
    made = [save_account(seller.ws, None, {"name": f"Batch {i}"}) for i in range(3)]
    save_account(seller.ws, made[0], {"notes": "a later edit of the first"})
    save_account(seller.ws, account, {"region": "Far"})
    summary = seller.sync()
    assert summary.pushed == 5 and not summary.refused
    assert seller.rows("SELECT count(*) FROM outbox WHERE tbl != 'users'") == [(0,)]
    lead.sync()
    assert _account(lead, made[0]).notes == "a later edit of the first"
    assert _account(lead, account).region == "Far"


def test_contact_details_and_why_an_order_was_lost_reach_the_lead(pair):
    """The fields a CRM import brings (phone, website, address) and a lost order's reason and
    winner pass the server's rules and arrive in the lead's copy."""
    from katerm.core.pipeline import close_lost, save_opportunity

    seller, lead, account = pair
    details = {"phone": "+86 21 5555 0101", "website": "acme.cn", "address": "上海市浦东新区"}
    save_account(seller.ws, account, details)
    today = seller.ws.clock.today()
    opp = save_opportunity(
        seller.ws, account, None, {"name": "机房扩容", "amount": "300万"}, today=today
    )
    close_lost(seller.ws, opp, today=today, loss_reason="价格高于对手 15%", winner="华信科技")
    seller.sync()
    lead.sync()
    record = _account(lead, account)
    assert (record.phone, record.website, record.address) == tuple(details.values())
    with lead.ws.db.reading() as conn:
        lost = conn.execute(
            "SELECT outcome, loss_reason, winner FROM opportunities WHERE id = ?", (opp,)
        ).fetchone()
    assert tuple(lost) == ("lost", "价格高于对手 15%", "华信科技")
    with seller.ws.db.reading() as conn:
        assert conn.execute("SELECT count(*) FROM outbox").fetchone()[0] == 0


def test_an_edit_still_waiting_when_a_pull_overwrites_it_still_reaches_the_log(pair, monkeypatch):
    # The outbox names the field, not its value: a pull that overwrites the row before the
    # push must keep the seller's words in the entry, or "West" would be logged as lost.
    seller, lead, account = pair
    save_account(seller.ws, account, {"region": "South"})  # earlier tag
    time.sleep(0.005)
    save_account(lead.ws, account, {"region": "West"})
    lead.sync()
    from katerm.core.sync import push

    real = push.Pusher.run
    monkeypatch.setattr(push.Pusher, "run", lambda self: push.PushResult())
    seller.sync()  # pulls only: West wins here while South waits in the outbox
    assert _account(seller, account).region == "West"
    monkeypatch.setattr(push.Pusher, "run", real)
    seller.sync()
    lead.sync()
    for client in (seller, lead):
        assert _account(client, account).region == "West"
        assert _conflicts(client) == [("region", "rejected", '"South"', '"West"')]
