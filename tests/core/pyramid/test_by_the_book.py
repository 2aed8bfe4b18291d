"""The pyramid by the book (issue 17, part 7): who serves each tier (客户等级与员工能级对应) and
the periodic evaluation by growth over the last years and satisfaction (优胜劣汰)."""

from __future__ import annotations

import pytest

from katerm.core import store
from katerm.core.accounts.edit import save_account
from katerm.core.config import SCHEME_TIERS, Settings
from katerm.core.errors import BadInput
from katerm.core.pyramid import (
    PyramidQuery,
    apply_suggestions,
    flag_counts,
    grade_flags,
    member_grades,
    serve_rules,
    set_grade,
    suggestions,
)
from katerm.core.team import add_members
from katerm.core.tiers import SCHEMES

pytestmark = pytest.mark.now("2026-11-27")


def sellers(ws, *logins):
    me = ws.me.id
    with ws.db.writing() as conn:
        return add_members(conn, list(logins), manager_id=me, actor_id=me)


def whale(ws, name, owner_id):
    """An account whose figures make it a whale (price 100,000, 12 orders)."""
    return save_account(
        ws,
        None,
        {"name": name, "annual_revenue": 1_200_000, "annual_orders": 12, "owner_id": owner_id},
    )


def flags(ws, scheme="fish", settings=None):
    with ws.db.reading() as conn:
        return grade_flags(
            conn,
            PyramidQuery(scheme=scheme, year=2026),
            ws.me.id,
            serve_rules(settings),
            ws.clock.today(),
        )


def test_config_knows_every_schemes_tiers():
    assert SCHEME_TIERS == SCHEMES


def test_a_whale_owned_by_a_new_seller_is_flagged_and_one_owned_by_a_best_seller_is_not(workspace):
    people = sellers(workspace, "li.new", "wang.best", "zhao.unknown")
    set_grade(workspace, people["li.new"], grade="new")
    set_grade(workspace, people["wang.best"], grade="best")
    whale(workspace, "新人的鲸鱼", people["li.new"])
    whale(workspace, "高手的鲸鱼", people["wang.best"])
    whale(workspace, "没有能级的鲸鱼", people["zhao.unknown"])  # no grade: nothing to compare
    found = flags(workspace)
    assert [(f.name, f.tier, f.grade, f.wanted, f.code) for f in found] == [
        ("新人的鲸鱼", "whale", "new", ("best",), "owner_grade_mismatch")
    ]
    assert flag_counts("fish", found) == {"whale": 1, "dolphin": 0, "shark": 0, "minnow": 0}
    # The team lets experienced sellers serve whales too: a new seller is still flagged.
    settings = Settings(login="me", extra={"serve": {"fish": {"whale": "best,experienced"}}})
    assert serve_rules(settings)["fish"]["whale"] == ("best", "experienced")
    assert len(flags(workspace, settings=settings)) == 1
    # Promoting the new seller clears the flag.
    set_grade(workspace, people["li.new"], grade="best")
    assert flags(workspace) == []


def test_a_grade_is_read_from_the_join_date_when_none_is_set(workspace):
    people = sellers(workspace, "old.hand", "newcomer")
    set_grade(workspace, people["old.hand"], joined_on="2025-11-27")  # exactly a year
    set_grade(workspace, people["newcomer"], joined_on="2025-11-28")
    with workspace.db.reading() as conn:
        grades = member_grades(conn, workspace.clock.today())
    assert grades[people["old.hand"]].effective == "experienced"
    assert grades[people["newcomer"]].effective == "new"
    # A dolphin owned by the newcomer is flagged (dolphins: a year or more).
    save_account(
        workspace,
        None,
        {
            "name": "海豚",
            "annual_revenue": 120_000,
            "annual_orders": 4,
            "owner_id": people["newcomer"],
        },
    )
    assert [(f.name, f.tier) for f in flags(workspace)] == [("海豚", "dolphin")]


@pytest.mark.parametrize(
    ("grade", "joined", "words"),
    [
        ("boss", None, "is not a grade"),
        (None, "2026-13-01", "is not a date"),
        (None, "2027-01-01", "future"),
    ],
)
def test_bad_grades_and_join_dates_are_refused_and_nothing_is_written(
    workspace, grade, joined, words
):
    people = sellers(workspace, "x")
    with pytest.raises(BadInput) as info:
        set_grade(workspace, people["x"], grade=grade, joined_on=joined)
    assert words in info.value.message
    with workspace.db.reading() as conn:
        assert conn.execute("SELECT count(*) FROM member_grades").fetchone()[0] == 0


# --- the periodic evaluation ------------------------------------------------------------------


def years(ws, account_id, figures):
    """Yearly revenue and satisfaction: {year: (amount, satisfaction)}."""
    with ws.db.writing() as conn:
        for year, (amount, score) in figures.items():
            store.insert(
                conn,
                "account_revenues",
                {
                    "account_id": account_id,
                    "owner_id": ws.me.id,
                    "year": year,
                    "amount": amount,
                    "currency": "CNY",
                    "satisfaction": score,
                },
                actor_id=ws.me.id,
            )


def stored(ws, account_id, scheme="revenue"):
    with ws.db.reading() as conn:
        return conn.execute(
            f"SELECT tier_{scheme}, tier_{scheme}_reason FROM accounts WHERE id = ?", (account_id,)
        ).fetchone()


def retier(ws):
    with ws.db.reading() as conn:
        return suggestions(conn, PyramidQuery(scheme="revenue", year=2026), ws.me.id)


def test_growth_and_satisfaction_suggest_a_promotion_and_applying_it_changes_the_one_tier(
    workspace,
):
    grower = save_account(workspace, None, {"name": "增长客户", "annual_revenue": 4_000_000})
    steady = save_account(workspace, None, {"name": "平稳客户", "annual_revenue": 4_000_000})
    lukewarm = save_account(workspace, None, {"name": "不够满意", "annual_revenue": 4_000_000})
    # 2023 -> 2024 +25%, 2024 -> 2025 +28%; satisfied (4) in the latest year surveyed.
    years(workspace, grower, {2023: (2_000_000, 3), 2024: (2_500_000, None), 2025: (3_200_000, 4)})
    years(workspace, steady, {2023: (2_000_000, 5), 2024: (2_390_000, 5), 2025: (3_200_000, 5)})
    years(workspace, lukewarm, {2023: (2_000_000, 5), 2024: (2_500_000, 5), 2025: (3_200_000, 3)})
    assert stored(workspace, grower) == ("B", "")
    found = retier(workspace)
    assert [(s.name, s.current, s.suggested, s.direction, s.basis) for s in found] == [
        ("增长客户", "B", "A", "promote", "evaluation")
    ]
    record = found[0].record()
    assert record["basis"] == "evaluation"
    assert "grew 25% (2024), 28% (2025)" in record["reason"] and "4/5" in record["reason"]
    result = apply_suggestions(workspace, "revenue", [grower])
    assert result.applied == [grower]
    tier, reason = stored(workspace, grower)
    assert tier == "A" and "28% (2025)" in reason
    # One truth: this year's figures (B) do not undo it; it shows as kept, with its reason.
    again = retier(workspace)
    assert [(s.name, s.held) for s in again] == [("增长客户", True)]
    assert apply_suggestions(workspace, "revenue", [grower]).held == 1
    assert stored(workspace, grower)[0] == "A"


def test_shrinking_and_dissatisfied_suggests_a_demotion(workspace):
    shrinking = save_account(workspace, None, {"name": "下滑客户", "annual_revenue": 6_000_000})
    shrinking_happy = save_account(
        workspace, None, {"name": "下滑但满意", "annual_revenue": 6_000_000}
    )
    years(workspace, shrinking, {2023: (9_000_000, 3), 2024: (8_000_000, 2), 2025: (7_000_000, 2)})
    years(workspace, shrinking_happy, {2023: (9e6, 3), 2024: (8e6, 3), 2025: (7e6, 3)})
    found = retier(workspace)
    assert [(s.name, s.current, s.suggested, s.direction) for s in found] == [
        ("下滑客户", "A", "B", "demote")
    ]
    assert "2/5" in found[0].reason
    # Which way is the word's to say: "shrank -11%" said it twice.
    assert "revenue shrank 11% (2024), 12% (2025)" in found[0].reason
