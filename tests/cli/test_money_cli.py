"""`katerm config set|get rates.*`, `base_currency` and `katerm import rates`: stored in the
database, refused with a clear message and exit 2, nothing half written."""

from __future__ import annotations

from katerm.core import money


def test_set_list_and_remove_a_rate(cli, workspace):
    assert cli("config", "set", "rates.USD", "7.1").code == 0
    assert money.load(workspace.db).rates == {"USD": 7.1}
    listed = cli("config", "get", "rates")
    assert listed.out.splitlines()[:2] == ["base_currency = CNY", "rates.USD = 7.1"]
    assert "rates.USD = 7.1" in cli("config", "list").out
    assert cli("config", "get", "rates.USD").out.strip() == "7.1"
    assert cli("config", "set", "rates.USD", "").code == 0
    assert money.load(workspace.db).rates == {}


def test_bad_rates_exit_2_with_what_to_do(cli, workspace):
    for key, value, says in [
        ("rates.EUR", "0", "positive number"),
        ("rates.EUR", "-1", "positive number"),
        ("rates.EUR", "NaN", "positive number"),
        ("rates.EUQ", "7", "ISO 4217"),
        ("rates.CNY", "1", "CNY is the base currency"),
        ("base_currency", "RMB", "ISO 4217"),
    ]:
        result = cli("config", "set", key, value)
        assert result.code == 2, (key, value)
        assert says in result.err and "Traceback" not in result.err
    assert money.load(workspace.db) == money.Rates("CNY", {})


def test_import_rates_all_or_nothing(cli, workspace, tmp_path):
    good = tmp_path / "rates.csv"
    good.write_text("currency,rate,base\nUSD,7.1,CNY\nHKD,0.91,CNY\n", encoding="utf-8")
    result = cli("import", "rates", str(good))
    assert result.code == 0, result.err
    assert money.load(workspace.db).rates == {"USD": 7.1, "HKD": 0.91}
    bad = tmp_path / "bad.csv"
    bad.write_text("币种,汇率,本位币\nEUR,7.8,CNY\nGBP,0,CNY\nCNY,1,CNY\n", encoding="utf-8")
    result = cli("import", "rates", str(bad))
    assert result.code == 2
    assert f"{bad}:3" in result.err and f"{bad}:4" in result.err
    assert "EUR" not in money.load(workspace.db).rates  # nothing of the file was written


def _under_a_lead(workspace) -> str:
    """My lead 王芳 above me, with their USD rate and revenue A line, as a sync leaves them."""
    from katerm.core import store
    from tests.core.plan_helpers import add_user

    lead = add_user(workspace, "wang.fang", "王芳", None)
    with workspace.db.writing() as conn:
        store.update(conn, "users", workspace.me.id, {"manager_id": lead}, actor_id=lead)
        for table, values in [
            ("currency_rates", {"base": "CNY", "currency": "USD", "rate": 7.1}),
            (
                "tier_thresholds",
                {"scheme": "revenue", "tier": "A", "measure": "annual_revenue", "value": 6e6},
            ),
        ]:
            store.insert(conn, table, {"owner_id": lead, **values}, actor_id=lead)
    return lead


def test_a_rate_my_lead_set_is_refused_in_both_languages(cli, workspace, tmp_path):
    _under_a_lead(workspace)
    for lang, says in [
        ("en", "USD rate is set by your lead 王芳 (7.1); ask them to change it."),
        ("zh_CN", "USD 汇率由你的上级王芳设定（7.1），请找对方修改。"),
    ]:
        result = cli("--lang", lang, "config", "set", "rates.USD", "7.3")
        assert result.code == 2, result.err
        assert says in result.err and "Traceback" not in result.err
    assert cli("config", "set", "rates.USD", "").code == 2  # nor removed
    rates = tmp_path / "rates.csv"
    rates.write_text("currency,rate,base\nHKD,0.91,CNY\nUSD,7.3,CNY\n", encoding="utf-8")
    result = cli("import", "rates", str(rates))
    assert result.code == 2
    assert "USD rate is set by your lead 王芳 (7.1)" in result.err
    assert money.load(workspace.db).rates == {"USD": 7.1}  # nothing half written
    # The lead's value as it is (an export imported back) is no change: accepted.
    rates.write_text("currency,rate,base\nHKD,0.91,CNY\nUSD,7.1,CNY\n", encoding="utf-8")
    assert cli("import", "rates", str(rates)).code == 0
    assert money.load(workspace.db).rates == {"USD": 7.1, "HKD": 0.91}


def test_listed_rates_say_which_my_lead_set(cli, workspace):
    _under_a_lead(workspace)
    assert cli("config", "set", "rates.HKD", "0.91").code == 0  # mine
    listed = cli("config", "get", "rates").out.splitlines()
    assert listed[:3] == [
        "base_currency = CNY",
        "rates.HKD = 0.91",
        "rates.USD = 7.1  # set by your lead 王芳",
    ]
    zh = cli("--lang", "zh_CN", "config", "list").out
    assert "rates.USD = 7.1  # 由你的上级王芳设定" in zh
    assert "rates.HKD = 0.91\n" in zh


def test_a_threshold_my_lead_set_is_refused_on_import(cli, workspace, tmp_path):
    _under_a_lead(workspace)
    file = tmp_path / "thresholds.csv"
    file.write_text("scheme,tier,measure,value\nrevenue,A,annual_revenue,7000000\n")
    result = cli("--lang", "zh_CN", "import", "tier_thresholds", str(file))
    assert result.code == 2
    assert "由你的上级王芳设定（600万），请找对方修改。" in result.err
