"""The team's rates: set, read back, refused when wrong, and totals that never add a currency
without a rate as if it were the base."""

from __future__ import annotations

import math

import pytest

from katerm.core import money
from katerm.core.errors import FieldError


def test_a_total_converts_what_has_a_rate_and_lists_the_rest():
    rates = money.Rates("CNY", {"USD": 7.1})
    total = rates.total({"CNY": 1_000_000, "USD": 100_000, "EUR": 50_000})
    assert total.amount == 1_710_000  # EUR is not added as if it were CNY
    assert total.not_converted == (money.Amount("EUR", 50_000),)
    assert total.converted and total.converted_from == ("USD",)
    assert total.as_json() == {
        "base_currency": "CNY",
        "amount": 1_710_000,
        "converted_from": ["USD"],
        "not_converted": [{"currency": "EUR", "amount": 50_000}],
    }
    lines = money.describe(total, "en")
    assert lines[0] == "≈ 1,710,000 CNY at your rates"
    assert lines[1] == "EUR 50,000 not converted — set its rate: `katerm config set rates.EUR RATE`"
    # A Chinese line names the currency (人民币), not its Latin code; the command keeps the code.
    assert money.describe(total, "zh_CN")[0] == "≈ 人民币 171.00万（按团队汇率折算）"


def test_a_small_amount_left_out_reads_the_same_in_both_languages_with_a_rate_to_fill_in():
    """The hint names what to type (RATE), not an ellipsis; 9,794.87 was cut to 9,795 in
    English but kept its cents in Chinese."""
    total = money.Rates("CNY", {}).total({"CNY": 1_000_000, "EUR": 9_794.87})
    assert money.describe(total, "en")[1] == (
        "EUR 9,795 not converted — set its rate: `katerm config set rates.EUR RATE`"
    )
    assert money.describe(total, "zh_CN")[1] == (
        "欧元 9,795 未折算——请设置汇率：`katerm config set rates.EUR <汇率>`"
    )


def test_a_total_in_the_base_alone_says_no_rates_went_into_it():
    total = money.Rates().total({"CNY": 5_000})
    assert (total.amount, total.converted, total.complete) == (5_000, False, True)
    assert money.describe(total, "en") == ["5,000 CNY"]


def test_rates_are_stored_in_the_database_for_the_whole_team(workspace):
    ws = workspace
    assert money.load(ws.db) == money.Rates("CNY", {})
    assert money.set_rate(ws.db, "usd", "7.1", ws.me.id) == ("USD", 7.1, "CNY")
    money.set_rate(ws.db, "USD", "7.2", ws.me.id)  # the same row, edited
    with ws.db.reading() as conn:
        assert conn.execute("SELECT count(*) FROM currency_rates").fetchone()[0] == 1
    assert money.load(ws.db).rates == {"USD": 7.2}
    # A new base: rates are quoted against a base, so the old ones are kept but not used.
    money.set_base(ws.db, "USD", ws.me.id)
    assert money.load(ws.db) == money.Rates("USD", {})
    money.set_base(ws.db, "CNY", ws.me.id)
    assert money.load(ws.db).rates == {"USD": 7.2}
    assert money.remove_rate(ws.db, "USD", ws.me.id)
    assert money.load(ws.db).rates == {}


@pytest.mark.parametrize(
    ("currency", "rate", "key"),
    [
        ("USD", "0", "money.err.rate_not_positive"),
        ("USD", "-7", "money.err.rate_not_positive"),
        ("USD", "nan", "money.err.rate_not_positive"),
        ("USD", "inf", "money.err.rate_not_positive"),
        ("USD", "seven", "money.err.rate_not_number"),
        ("USD", "1e12", "money.err.rate_range"),
        ("US", "7", "money.err.unknown_code"),
        ("XYZ", "7", "money.err.unknown_code"),
        ("CNY", "1", "money.err.rate_of_base"),
    ],
)
def test_bad_rates_are_refused_and_nothing_is_written(workspace, currency, rate, key):
    ws = workspace
    with pytest.raises(FieldError) as caught:
        money.set_rate(ws.db, currency, rate, ws.me.id)
    assert caught.value.key == key
    with ws.db.reading() as conn:
        assert conn.execute("SELECT count(*) FROM currency_rates").fetchone()[0] == 0


def test_the_rate_as_sql_is_null_without_a_rate(workspace):
    rates = money.Rates("CNY", {"USD": 7.1})
    params: dict = {}
    factor = rates.factor_sql(":cur", params)
    with workspace.db.reading() as conn:
        got = {
            c: conn.execute(f"SELECT {factor}", {**params, "cur": c}).fetchone()[0]
            for c in ("CNY", "USD", "EUR", "")
        }
    assert got == {"CNY": 1.0, "USD": 7.1, "EUR": None, "": 1.0}
    assert not math.isnan(got["USD"])
