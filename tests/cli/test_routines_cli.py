"""`katerm routines` as a user types it: set up, log done, count a month, bad input."""

from __future__ import annotations

import json

import pytest

from tests.core.plan_helpers import account

pytestmark = pytest.mark.now("2026-03-16")


@pytest.fixture
def acme(workspace):
    account(workspace)
    workspace.close()
    return workspace


def test_a_routine_set_up_and_done_is_due_later_and_counted(cli, acme):
    assert cli("routines", "Acme", "--add", "节日聚会", "--every", "90").code == 0
    done = cli("routines", "Acme", "--done", "festival", "--date", "2026-03-02", "--format", "json")
    assert done.code == 0, done.err
    (row,) = json.loads(done.out)
    assert (row["kind"], row["last_done"], row["next_due"]) == (
        "festival",
        "2026-03-02",
        "2026-05-31",
    )
    counted = cli("routines", "--month", "2026-03", "--format", "json")
    assert json.loads(counted.out)["total"] == 1


@pytest.mark.parametrize(
    "args",
    [
        ("routines", "Acme", "--add", "golf"),
        ("routines", "Acme", "--add", "care", "--every", "0"),
        ("routines", "Acme", "--done", "nothing"),
        ("routines", "--add", "care"),  # no account
        ("routines", "--month", "March"),
    ],
)
def test_bad_input_exits_2_naming_the_option(cli, acme, args):
    result = cli(*args)
    assert result.code == 2 and "Traceback" not in result.err and result.err.strip()


@pytest.mark.parametrize("month", ["2026-13", "2026-12-05"])
def test_a_bad_month_is_told_as_a_month_like_the_monthly_review(cli, acme, month):
    # One parser for a month everywhere: not "not a date (use YYYY-MM-DD)" for a month.
    routines = cli("routines", "--month", month)
    monthly = cli("review", "monthly", "--month", month)
    assert routines.code == 2 and f"“{month}” is not a month: write YYYY-MM" in routines.err
    assert routines.err == monthly.err
