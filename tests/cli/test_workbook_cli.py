"""`katerm export all` / `katerm import all`: the whole workspace moves in one workbook and
every screen's figures come back the same."""

from __future__ import annotations

import sqlite3

import openpyxl
import pytest


def sql(path, query: str) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(query).fetchall()
    finally:
        conn.close()


@pytest.fixture
def demo(cli, katerm_home):
    result = cli("demo", "--accounts", "300", "--no-open")
    assert result.code == 0, result.err
    return katerm_home / "data" / "katerm.db"


def figures(cli, db, demo) -> dict[str, str]:
    """The JSON of every screen: pyramid (each scheme), gaps, pipeline, stuck orders, and the
    reviews of every team member on the days and weeks the demo filled in."""
    days = [d for (d,) in sql(demo, "SELECT DISTINCT day FROM evening_reviews ORDER BY day")]
    logins = [login for (login,) in sql(demo, "SELECT login FROM users ORDER BY login")]
    commands = [
        ("pyramid", "--format", "json", "--scheme", scheme)
        for scheme in ("revenue", "fish", "strategic", "size")
    ]
    commands += [
        ("gaps", "--format", "json"),
        ("pipeline", "--format", "json"),
        ("pipeline", "--stuck", "--format", "json"),
    ]
    commands += [("review", "summary", "--date", day, "--format", "json") for day in days]
    for login in logins:
        commands += [
            ("review", "daily", "--user", login, "--format", "json"),
            ("review", "weekly", "--user", login, "--format", "json"),
            ("pyramid", "--owner", login, "--format", "json"),
        ]
    out = {}
    for command in commands:
        result = cli("--db", str(db), *command)
        assert result.code == 0, (command, result.err)
        out[" ".join(command)] = result.out
    return out


def test_export_all_then_import_all_into_an_empty_database_reproduces_every_screen(
    cli, tmp_path, demo
):
    book = tmp_path / "team.xlsx"
    exported = cli("export", "all", "-o", str(book))
    assert exported.code == 0 and "add --include-personal to move it too" in exported.out
    exported = cli("export", "all", "-o", str(book), "--include-personal")
    assert exported.code == 0 and "--include-personal" not in exported.out
    sheets = openpyxl.load_workbook(book, read_only=True).sheetnames
    assert sheets[:5] == ["Team", "Accounts", "Contacts", "Influence lines", "Opportunities"]
    other = tmp_path / "moved.db"
    imported = cli("--db", str(other), "import", "all", str(book))
    assert imported.code == 0, imported.err
    assert "300 created" in imported.out
    assert figures(cli, other, demo) == figures(cli, demo, demo)
    # The workbook of the moved workspace is the same workbook, cell for cell.
    again = tmp_path / "again.xlsx"
    assert (
        cli("--db", str(other), "export", "all", "-o", str(again), "--include-personal").code == 0
    )
    first, second = (openpyxl.load_workbook(p, read_only=True) for p in (book, again))
    for name in first.sheetnames:
        assert list(first[name].values) == list(second[name].values), name
    # Importing it again changes nothing, in the moved workspace or the original.
    for db in (other, demo):
        again = cli("--db", str(db), "import", "all", str(book)).out
        counts = [line for line in again.splitlines() if "created" in line]
        assert counts and all("0 created, 0 updated" in line for line in counts), again


def test_a_chinese_workbook_has_the_seed_tables_sheets_and_headers(cli, tmp_path, demo):
    book = tmp_path / "团队.xlsx"
    assert cli("--lang", "zh_CN", "export", "all", "-o", str(book)).code == 0
    workbook = openpyxl.load_workbook(book, read_only=True)
    assert {"商机列表", "关系差距分析表", "战略关系表", "拜访记录", "跟单里程碑"} <= set(
        workbook.sheetnames
    )
    header = next(workbook["商机列表"].values)
    assert header[:4] == ("编号", "客户编号", "客户名称", "商机名称")
    row = next(iter(workbook["商机列表"].iter_rows(min_row=2, values_only=True)))
    amount = row[header.index("金额")]
    close = row[header.index("预计成交日期")]
    assert isinstance(amount, int | float) and hasattr(close, "year")  # typed cells
    other = tmp_path / "zh.db"
    assert cli("--db", str(other), "import", "all", str(book)).code == 0


def test_one_bad_cell_on_any_sheet_imports_nothing_at_all(cli, tmp_path, demo):
    book = tmp_path / "team.xlsx"
    assert cli("export", "all", "-o", str(book)).code == 0
    workbook = openpyxl.load_workbook(book)
    sheet = workbook["Visit log"]
    header = [c.value for c in sheet[1]]
    sheet.cell(row=5, column=header.index("Kind") + 1, value="teleportation")
    workbook.save(book)
    other = tmp_path / "other.db"
    result = cli("--db", str(other), "import", "all", str(book))
    assert result.code == 2
    assert f"{book}[Visit log]:5: Kind: " in result.err and "teleportation" in result.err
    assert sql(other, "SELECT count(*) FROM accounts") == [(0,)]
    assert sql(other, "SELECT count(*) FROM users") == [(1,)]  # only me, as before


def test_a_sheet_katerm_does_not_know_is_refused_or_skipped(cli, tmp_path, demo):
    book = tmp_path / "team.xlsx"
    assert cli("export", "all", "-o", str(book)).code == 0
    workbook = openpyxl.load_workbook(book)
    workbook.create_sheet("说明").append(["这是填表说明"])
    workbook.save(book)
    other = tmp_path / "other.db"
    refused = cli("--db", str(other), "import", "all", str(book))
    assert refused.code == 2 and "“说明”" in refused.err and "--skip-unknown" in refused.err
    taken = cli("--db", str(other), "import", "all", str(book), "--skip-unknown")
    assert taken.code == 0 and "Left out the sheet “说明”" in taken.out


def test_export_all_needs_an_xlsx_file(cli, demo):
    assert cli("export", "all").code == 2
    assert cli("export", "all", "--format", "csv", "-o", "x.csv").code == 2
