"""Bringing the data of the CRM a team leaves: profiles, --map and --skip-unknown."""

from __future__ import annotations

import sqlite3

import pytest

from katerm.core.io.kinds import KINDS
from katerm.core.io.profiles import SHIPPED, available, load_profile, normalize_mapping
from tests.core.io.helpers import write

SALESFORCE = "\n".join(
    [
        "Account Name,Industry,Annual Revenue,Billing City,Account Owner,Type,Phone,Website",
        'Acme Steel,Manufacturing,"$5,000,000.00",Shanghai,Wang Lei,Customer - Direct,'
        "(021) 5555-0100,www.acme.example",
        "Blue River Foods,Food & Beverage,1200000,Beijing,Li Na,Prospect,+86 10 5555 0101,"
        "https://blue.example",
        "",
    ]
)


def rows(home, query):
    conn = sqlite3.connect(home / "data" / "katerm.db")
    try:
        return conn.execute(query).fetchall()
    finally:
        conn.close()


def test_a_salesforce_accounts_export_imports_with_its_profile_and_no_hand_editing(
    cli, tmp_path, katerm_home
):
    path = write(tmp_path / "Accounts.csv", SALESFORCE)
    refused = cli("import", "accounts", str(path))
    assert refused.code == 2
    for column in ("Billing City", "Account Owner", "Type"):
        assert f"{path}:1: {column}: not a column katerm knows" in refused.err
    result = cli("import", "accounts", str(path), "--profile", "salesforce", "--add-owners")
    assert result.code == 0, result.err
    assert "2 created" in result.out and "wang.lei (Wang Lei)" in result.out
    assert rows(
        katerm_home,
        "SELECT a.name, industry, region, annual_revenue, lifecycle, "
        "phone, website, u.login, u.name FROM accounts a JOIN users u "
        "ON u.id = a.owner_id ORDER BY a.name",
    ) == [
        (
            "Acme Steel",
            "Manufacturing",
            "Shanghai",
            5_000_000.0,
            "customer",
            "(021) 5555-0100",
            "www.acme.example",
            "wang.lei",
            "Wang Lei",
        ),
        (
            "Blue River Foods",
            "Food & Beverage",
            "Beijing",
            1_200_000.0,
            "prospect",
            "+86 10 5555 0101",
            "https://blue.example",
            "li.na",
            "Li Na",
        ),
    ]
    # The owners are team members now, known by their names: the file imports as it is.
    again = cli("import", "accounts", str(path), "--profile", "salesforce")
    assert again.code == 0 and "2 unchanged" in again.out


def test_several_unknown_columns_list_the_known_ones_once(cli, tmp_path):
    path = tmp_path / "accounts.csv"
    path.write_text("name,Shoe Size,Hat Size\nAcme,42,7\n", encoding="utf-8")
    result = cli("import", "accounts", str(path))
    assert result.code == 2
    assert f"{path}:1: Shoe Size: not a column katerm knows. Rename it to one of: id, name" in (
        result.err
    )
    assert f"{path}:1: Hat Size: not a column katerm knows either" in result.err
    assert result.err.count("Rename it to one of") == 1
    zh = cli("--lang", "zh_CN", "import", "accounts", str(path))
    assert f"{path}:1: Hat Size: katerm 也不认识这一列（可用的列名见上文）。" in zh.err


def test_an_unknown_column_without_a_mapping_is_still_an_error_that_names_it(cli, tmp_path):
    path = write(tmp_path / "a.csv", "Account Name,Billing City,Shoe Size\nAcme,Shanghai,42\n")
    result = cli("import", "accounts", str(path), "--profile", "salesforce")
    assert result.code == 2 and f"{path}:1: Shoe Size: not a column katerm knows" in result.err
    assert "Billing City" not in result.err


def test_map_and_skip_unknown_for_one_file_and_a_saved_profile_for_the_next(
    cli, tmp_path, katerm_home
):
    path = write(
        tmp_path / "a.csv", "Company,Billing City,Legacy ID,Shoe Size\nAcme,Shanghai,0012,42\n"
    )
    result = cli(
        "import",
        "accounts",
        str(path),
        "--map",
        "Billing City=region",
        "--map",
        "Legacy ID=",
        "--skip-unknown",
        "--save-profile",
        "ourcrm",
    )
    assert result.code == 0, result.err
    assert "Left out the columns katerm does not know: Legacy ID, Shoe Size" in result.out
    saved = katerm_home / "config" / "profiles" / "ourcrm.toml"
    assert saved.is_file() and "Billing City" in saved.read_text(encoding="utf-8")
    assert rows(katerm_home, "SELECT name, region FROM accounts") == [("Acme", "Shanghai")]
    other = write(tmp_path / "b.csv", "Company,Billing City,Legacy ID\nBeta,Nanjing,0013\n")
    assert cli("import", "accounts", str(other), "--profile", "ourcrm").code == 0
    assert ("Beta", "Nanjing") in rows(katerm_home, "SELECT name, region FROM accounts")
    bad = cli("import", "accounts", str(other), "--map", "Billing City=city_of_birth")
    assert bad.code == 2 and "“city_of_birth” is not a column katerm knows here" in bad.err
    assert cli("import", "accounts", str(other), "--profile", "nosuch").code == 2
    assert cli("import", "accounts", str(other), "--map", "no equals sign").code == 2


def test_salesforce_opportunities_stages_and_month_first_dates(cli, tmp_path, katerm_home):
    accounts = write(tmp_path / "a.csv", "name\nAcme Steel\n")
    assert cli("import", "accounts", str(accounts)).code == 0
    path = write(
        tmp_path / "o.csv",
        "Opportunity Name,Account Name,Amount,Close Date,Stage,Probability (%)\n"
        "Plant upgrade,Acme Steel,250000,12/31/2026,Negotiation/Review,60\n"
        "Old tender,Acme Steel,90000,3/1/2026,Closed Lost,0\n"
        "Framework,Acme Steel,500000,6/30/2026,Closed Won,100\n",
    )
    result = cli("import", "opportunities", str(path), "--profile", "salesforce")
    assert result.code == 0, result.err
    assert rows(
        katerm_home, "SELECT name, stage, outcome, expected_close FROM opportunities ORDER BY name"
    ) == [
        ("Framework", "contract", "won", "2026-06-30"),
        ("Old tender", "opportunity", "lost", "2026-03-01"),
        ("Plant upgrade", "opportunity", "open", "2026-12-31"),
    ]


def test_first_and_last_name_columns_become_one_name(cli, tmp_path, katerm_home):
    write(tmp_path / "a.csv", "name\nAcme Steel\n明珠科技\n")
    assert cli("import", "accounts", str(tmp_path / "a.csv")).code == 0
    path = write(
        tmp_path / "c.csv",
        "First Name,Last Name,Company Name,Job Title\n"
        "Ann,Lee,Acme Steel,CEO\n磊,王,明珠科技,采购总监\n",
    )
    assert cli("import", "contacts", str(path), "--profile", "hubspot").code == 0
    assert sorted(rows(katerm_home, "SELECT name, title FROM contacts")) == [
        ("Ann Lee", "CEO"),
        ("王磊", "采购总监"),
    ]


@pytest.mark.parametrize("name", sorted(p.stem for p in SHIPPED.glob("*.toml")))
def test_every_shipped_profile_maps_to_columns_katerm_has(name):
    assert name in available()
    for kind in KINDS:
        profile = load_profile(name, kind)
        normalize_mapping(kind, profile.columns)  # raises for a column katerm lacks
        for column in profile.values:
            assert column in {t for t in profile.columns.values()}, (name, kind, column)
