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
