"""The accounts list adds money as the pyramid does (issue 18): amounts in another currency are
converted at the team's rates, those without a rate are left out of the total and named, and
the column shows every figure in the base currency or says which currency it is in."""

from __future__ import annotations

import pytest

from katerm.core import money
from katerm.core.accounts.edit import save_account
from katerm.core.accounts.listing import AccountIndex, Query, first_page
from katerm.core.pyramid.read import PyramidQuery, compute

ACCOUNTS = [
    # name, revenue in its own currency, currency
    ("Yuan Big", 3_000_000, "CNY"),
    ("Hong Kong", 3_059_120.88, "HKD"),  # 2,783,800.0008 CNY at 0.91
    ("Dollars", 1_000_000, "USD"),  # 7,100,000 CNY at 7.1: first by revenue
    ("Euros", 9_794.87, "EUR"),  # no rate
    ("Yuan Small", 500_000, "CNY"),
]


@pytest.fixture
def ws(workspace):
    money.set_rate(workspace.db, "HKD", "0.91", workspace.me.id)
    money.set_rate(workspace.db, "USD", "7.1", workspace.me.id)
    for name, revenue, currency in ACCOUNTS:
        save_account(
            workspace, None, {"name": name, "annual_revenue": revenue, "currency": currency}
        )
    return workspace


def load(ws) -> AccountIndex:
    with ws.db.reading() as conn:
        return AccountIndex.load(conn)


def test_the_list_total_is_the_pyramids(ws):
    view = load(ws).query(Query())
    with ws.db.reading() as conn:
        pyramid = compute(conn, PyramidQuery(year=ws.clock.year()), ws.me.id)
    assert view.revenue == pyramid.revenue_total
    assert view.revenue.amount == round(3_000_000 + 3_059_120.88 * 0.91 + 7_100_000 + 500_000, 2)
    assert [(a.currency, a.amount) for a in view.revenue.not_converted] == [("EUR", 9_794.87)]
    assert view.revenue.converted_from == ("HKD", "USD")


def test_a_filtered_total_converts_too(ws):
    view = load(ws).query(Query(text="o"))  # Hong Kong, Dollars, Euros
    assert view.revenue.amount == round(3_059_120.88 * 0.91 + 7_100_000, 2)
    assert [a.currency for a in view.revenue.not_converted] == ["EUR"]
    only = load(ws).query(Query(text="yuan"))
    assert only.revenue.amount == 3_500_000 and not only.revenue.converted


def test_revenue_sorts_in_the_base_currency_and_unconverted_last(ws):
    ix = load(ws)
    order = ix.query(Query(sort="annual_revenue", descending=True)).order
    assert [ix.names[i] for i in order] == [
        "Dollars",
        "Yuan Big",
        "Hong Kong",
        "Yuan Small",
        "Euros",
    ]


def test_the_first_rows_come_in_the_index_order(ws):
    ix = load(ws)
    with ws.db.reading() as conn:
        preview = first_page(conn, limit=5)
    assert [r[1] for r in preview.rows] == [ix.names[i] for i in ix.query(Query()).order]


def test_the_column_shows_which_figures_were_converted(ws):
    ix = load(ws)
    shown = {ix.names[i]: ix.revenue_text(i) for i in range(len(ix))}
    assert shown["Yuan Big"] == "3,000,000"
    assert shown["Dollars"] == "≈ 7,100,000"
    assert shown["Hong Kong"] == "≈ 2,783,800"
    assert shown["Euros"] == "EUR 9,795"  # its own currency: no rate, not in the total
    assert money.in_base(7.1e6, "USD", 1e6, "CNY", "zh_CN") == "≈ 710.00万"
    assert money.in_base(0.0, "USD", 0.0, "CNY") == "0"  # nothing was converted
