"""`katerm gaps` as a user types it: the portfolio, one account, filters, formats, bad input."""

from __future__ import annotations

import csv
import io
import json

import pytest

from katerm.core.accounts.edit import save_account
from katerm.core.gaps.edit import save_gap
from katerm.core.influence.edit import save_person


@pytest.fixture
def gaps(workspace):
    a = save_account(workspace, None, {"name": "上海明珠电子", "tier": "A"})
    b = save_account(workspace, None, {"name": "Northwind", "tier": "C"})
    gm = save_person(
        workspace, a, None, {"name": "王伟", "role": "decision_maker", "influence": "high"}
    )
    cio = save_person(
        workspace, b, None, {"name": "Li Na", "role": "coach", "covered_by": workspace.me.id}
    )
    save_gap(
        workspace,
        gm,
        {
            "level_now": 1,
            "level_target": 4,
            "next_action": "宴请",
            "scenario": "dinner",
            "due_date": "2026-12-01",
        },
    )
    save_gap(
        workspace,
        cio,
        {
            "level_now": 0,
            "level_target": 2,
            "next_action": "Call",
            "due_date": "2026-11-01",
            "support_now": 1,
            "support_target": 4,
        },
    )
    return a


def test_the_table_lists_overdue_first_with_a_mark(cli, gaps):
    result = cli("gaps", "--date", "2026-11-23")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0].split()[:3] == ["Person", "Account", "Tier"]
    assert lines[2].startswith("Li Na") and "!2026-11-01" in lines[2]
    assert lines[3].startswith("王伟") and "1→4 acquainted→friend" in lines[3]
    assert lines[-1] == "2 rows · 1 overdue"


def test_one_account_and_the_filters(cli, gaps):
    result = cli("gaps", "明珠", "--date", "2026-11-23", "--format", "json")
    assert result.code == 0, result.err
    assert [r["person"] for r in json.loads(result.out)] == ["王伟"]
    result = cli("gaps", "--overdue", "--mine", "--date", "2026-11-23", "--format", "json")
    (row,) = json.loads(result.out)
    assert (row["person"], row["overdue"], row["support_now"], row["support_target"]) == (
        "Li Na",
        True,
        1,
        4,
    )


def test_csv_has_every_score_column(cli, gaps):
    result = cli("gaps", "--format", "csv", "--date", "2026-11-23")
    rows = list(csv.DictReader(io.StringIO(result.out)))
    assert len(rows) == 2
    assert rows[1]["person"] == "王伟" and rows[1]["level_now"] == "1"
    assert rows[1]["scenario"] == "dinner" and rows[1]["gap"] == "3"


def test_chinese_headers_line_up(cli, gaps):
    result = cli("--lang", "zh_CN", "gaps", "--date", "2026-11-23")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0].startswith("关键人")
    assert "1→4 认识→私交" in result.out and "逾期 1 条" in lines[-1]
    from rich.cells import cell_len

    # The header, the rule and the rows are as wide as each other (CJK-aware padding).
    assert cell_len(lines[1]) >= max(cell_len(x) for x in lines[2:4])


def test_unknown_account_and_bad_date_fail_clearly(cli, gaps):
    result = cli("gaps", "Nobody Ltd")
    assert result.code == 2 and "Nobody Ltd" in result.err
    result = cli("gaps", "--date", "tomorrow")
    assert result.code == 2 and "tomorrow" in result.err


def test_an_empty_table_says_so(cli, workspace):
    result = cli("gaps")
    assert result.code == 0 and result.out.strip() == "0 rows · 0 overdue"
