"""For every kind: export → import into an empty database → export gives the same file, ids
included, in CSV, XLSX and JSON (a Hypothesis property per kind).

Each example imports a row with generated values (quotes, commas, line breaks, formula-like
text, Chinese, amounts, dates, moments with offsets...) into a copy of a small world (a team,
two accounts with two contacts and an opportunity each, a gap row, an evening review), exports
the kind, imports that export with what it points at into an empty database, exports again
and compares.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import string
import tempfile
import uuid
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from katerm.core.io import export_file, import_file
from katerm.core.io.kind import DATE, DATETIME, FLAG, ID, INT, MONEY, NOTE, USER
from katerm.core.io.kinds import KINDS, get
from katerm.core.plan.kinds import KINDS as PLAN_KINDS
from katerm.core.workspace import open_workspace
from katerm.paths import resolve_paths

LOGINS = ("tester", "wang.lei", "li.na")
ACCOUNTS = {"Acme Steel": ("Ann Lee", "Bo Chen"), "上海明珠科技": ("王磊", "李娜")}
WORLD_KINDS = ("team", "accounts", "contacts", "opportunities", "gaps", "evening_reviews")
TEXT = st.text(
    string.ascii_letters + string.digits + " ,;\"'=+-@()%_/:·中文明珠客户", min_size=1, max_size=30
)
NOTE_TEXT = st.text(string.ascii_letters + " ,\"'=+-@\n中文", max_size=60)
MOMENTS = st.datetimes(
    datetime(2001, 1, 1),
    datetime(2098, 1, 1),
    timezones=st.sampled_from([UTC, ZoneInfo("Asia/Shanghai")]),
)
DAYS = st.dates(date(2001, 1, 1), date(2098, 12, 31))


def clean(text: str, fallback: str = "x") -> str:
    text = " ".join(text.split())
    return text or fallback


# Columns whose values follow rules of their own: a strategy for each (None: leave it out).
SPECIAL: dict[tuple[str, str], Any] = {
    ("team", "login"): st.from_regex(r"[a-z][a-z0-9]{2,8}\.[a-z]{2,6}", fullmatch=True),
    ("team", "email"): st.from_regex(r"[a-z]{1,8}@[a-z]{1,8}\.(com|cn)", fullmatch=True),
    ("team", "manager"): st.sampled_from(("", "li.na")),
    ("accounts", "tier"): st.sampled_from(("", "A", "B", "C", "D")),
    ("accounts", "tier_scheme"): st.just("revenue"),
    # Logins, resolved by the planner (test_influence_columns covers them); the relationship
    # owner is dropped from them on import, so a generated one could not round-trip.
    ("contacts", "also_covered_by"): st.just(""),
    # Each scheme's stored tier (the revenue one is "tier" above, in the active scheme).
    ("accounts", "tier_revenue"): None,
    ("accounts", "tier_revenue_reason"): None,
    ("accounts", "tier_fish"): st.sampled_from(("", "whale", "minnow")),
    ("accounts", "tier_strategic"): st.sampled_from(("", "strategic", "general")),
    ("accounts", "tier_size"): st.sampled_from(("", "large")),
    ("accounts", "lifecycle"): st.sampled_from(("prospect", "customer", "loyal", "former")),
    ("accounts", "currency"): st.sampled_from(("CNY", "USD", "EUR")),
    ("accounts", "phone"): st.from_regex(r"\+?[0-9]{3,12}", fullmatch=True),
    ("contacts", "phone"): st.from_regex(r"[0-9]{3,12}", fullmatch=True),
    ("contacts", "email"): st.from_regex(r"[a-z]{1,8}@[a-z]{1,8}\.cn", fullmatch=True),
    ("contacts", "role"): st.sampled_from(("", "decision_maker", "coach", "buyer")),
    ("contacts", "other_roles"): st.sampled_from(("", "user", "influencer,gatekeeper")),
    ("contacts", "influence"): st.sampled_from(("", "high", "low")),
    ("contacts", "attitude"): st.sampled_from(("supporter", "neutral", "unknown")),
    ("contacts", "support_level"): st.sampled_from(("", "limited_support")),
    ("contacts", "level"): st.sampled_from((0, 2, 3, 5)),
    ("contacts", "reports_to"): None,
    ("contacts", "favour_strength"): st.sampled_from(("", "strong", "weak")),
    ("competitor_presences", "competitor"): st.sampled_from(("Globex", "华智科技")),
    ("stage_plan", "department"): st.sampled_from(("purchasing", "Quality", "质量部")),
    ("opportunities", "currency"): st.sampled_from(("CNY", "USD")),
    ("opportunities", "probability"): st.integers(0, 100),
    ("opportunities", "lead_checks"): st.sampled_from(("", "fits_strategy coach", "team")),
    # A referral names one of the world's accounts (and, within it, one of its people).
    ("opportunities", "referred_by"): st.sampled_from(("", "Acme Steel")),
    ("milestones", "milestone"): st.sampled_from(("top_meeting", "proposal", "trial")),
    ("cards", "sponsor_criteria"): st.sampled_from(("", "equal_rank,able_willing")),
    ("key_dates", "day"): DAYS.map(date.isoformat),
    ("plan", "category"): None,
    ("plan", "status"): None,
    ("plan", "kind"): st.sampled_from(
        [
            k
            for k, v in PLAN_KINDS.items()
            if not v.parent_required and not v.categories and not v.status and not v.date_required
        ]
    ),
    ("review_notes", "review_id"): st.uuids().map(str),
    ("follow_ups", "review_id"): st.uuids().map(str),
    ("evening_reviews", "summary"): st.dictionaries(st.sampled_from("abc"), st.integers()).map(
        lambda d: json.dumps(d, ensure_ascii=False)
    ),
    ("checklists", "period_key"): st.just("2026-11-27"),
    ("checklist_marks", "period_key"): st.just("2026-W48"),
    ("work_plans", "period_key"): DAYS.map(date.isoformat),
    ("checklist_items", "measure"): st.just(""),
    ("checklist_items", "key"): st.from_regex(r"[a-z][a-z0-9_]{0,10}", fullmatch=True),
    ("checklist_marks", "item_key"): st.from_regex(r"[a-z][a-z0-9_]{0,10}", fullmatch=True),
    ("tier_thresholds", "scheme"): st.just("revenue"),
    ("tier_thresholds", "tier"): st.sampled_from(("", "A")),
    ("tier_targets", "scheme"): st.just("fish"),
    ("tier_thresholds", "measure"): st.sampled_from(("annual_revenue", "annual_orders")),
    ("tier_targets", "tier"): st.sampled_from(("whale", "dolphin", "minnow")),
    ("tier_revenue_targets", "scheme"): st.just("strategic"),
    ("tier_revenue_targets", "tier"): st.sampled_from(("strategic", "general")),
    ("gaps", "due_date"): DAYS.map(date.isoformat),
    ("account_revenues", "currency"): st.sampled_from(("CNY", "USD")),
    ("member_grades", "joined_on"): DAYS.map(date.isoformat),
    ("rates", "currency"): st.sampled_from(("USD", "EUR", "HKD")),
    ("rates", "base"): st.sampled_from(("CNY", "JPY")),
    ("rates", "rate"): st.sampled_from(("7.1", "0.0912", "1", "1234.5")),
    ("activities", "contacts"): None,
}


def value_for(kind: str, col: Any) -> Any:
    """A strategy of valid cells for one column, or None to leave the column out."""
    if (kind, col.name) in SPECIAL:
        return SPECIAL[kind, col.name]
    if (
        col.type == ID
        or col.name in ("account", "contact", "opportunity", "from_contact", "to_contact")
        or col.field == ""
    ):
        return None
    if col.choices:
        return st.sampled_from(col.choices)
    if col.type == USER:
        return st.sampled_from(LOGINS)
    if col.type == INT:
        low = col.low if col.low is not None else 0
        high = col.high if col.high is not None else 10**6
        values = st.integers(low, min(high, 5 if col.name.endswith(("_now", "_target")) else high))
        return st.one_of(st.just(""), values) if col.optional else values
    if col.type == MONEY:
        return st.decimals(0, 10**9, places=2).map(float)
    if col.type == DATE:
        return DAYS.map(date.isoformat)
    if col.type == DATETIME:
        return MOMENTS.map(lambda m: m.isoformat())
    if col.type == FLAG:
        return st.sampled_from(("yes", "no"))
    if col.type == NOTE:
        return NOTE_TEXT.map(lambda t: t.strip())
    return TEXT.map(lambda t: clean(t)[: col.limit])


@st.composite
def rows_of(draw: Any, kind_name: str) -> dict[str, Any]:
    kind = get(kind_name)
    row: dict[str, Any] = {}
    account = draw(st.sampled_from(sorted(ACCOUNTS)))
    people = ACCOUNTS[account]
    for col in kind.columns:
        if col.name == "account":
            row["account"] = account
        elif col.name in ("contact", "from_contact"):
            row[col.name] = people[0]
        elif col.name == "to_contact":
            row[col.name] = people[1]
        elif col.name == "opportunity" and kind_name != "plan":
            row[col.name] = f"Deal of {account}"
        elif col.name == "referred_by_contact":
            row[col.name] = "Bo Chen" if row.get("referred_by") else ""
        elif col.name == "gap_row_id":
            row[col.name] = GAP_ROW
        elif col.name == "contacts" and kind_name == "activities":
            row[col.name] = "、".join(people)
        else:
            strategy = value_for(kind_name, col)
            if strategy is not None:
                row[col.name] = draw(strategy)
    if kind_name == "contacts":
        row["name"] = people[0]  # the world's contact: the row updates it
    return row


GAP_ROW = str(uuid.uuid5(uuid.NAMESPACE_DNS, "katerm-test-gap-row"))


def _write_world(folder: Path) -> Path:
    """The world every example starts from, made once through imports."""
    home_db = folder / "world.db"
    ws = open_workspace(resolve_paths().with_db(home_db))
    files = {
        "team": "login,name,manager\nwang.lei,王磊,\nli.na,Li Na,wang.lei\n",
        "accounts": "name,owner\n" + "".join(f"{a},wang.lei\n" for a in ACCOUNTS),
        "contacts": "account,name\n"
        + "".join(f"{a},{p}\n" for a, ps in ACCOUNTS.items() for p in ps),
        "opportunities": "account,name\n" + "".join(f"{a},Deal of {a}\n" for a in ACCOUNTS),
        "gaps": f"id,account,contact\n{GAP_ROW},Acme Steel,Ann Lee\n",
        "competitors": "name\nGlobex\n华智科技\n",
    }
    for kind, text in files.items():
        path = folder / f"{kind}.csv"
        path.write_text(text, encoding="utf-8")
        import_file(ws, kind, path)
    ws.close()
    _checkpoint(home_db)
    return home_db


def _checkpoint(path: Path) -> None:
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


@pytest.fixture(scope="module")
def worlds(tmp_path_factory):
    folder = tmp_path_factory.mktemp("worlds")
    empty = folder / "empty.db"
    open_workspace(resolve_paths().with_db(empty)).close()
    _checkpoint(empty)
    return _write_world(folder), empty


def _copy(db: Path, folder: Path, name: str) -> Path:
    target = folder / name
    shutil.copy(db, target)
    return target


def _values(path: Path, fmt: str) -> Any:
    if fmt == "xlsx":
        return list(openpyxl.load_workbook(path, read_only=True).active.values)
    return path.read_bytes()


def _needs(kind: str) -> list[str]:
    """The kinds an empty database needs before ``kind``, in import order."""
    wanted: set[str] = set()
    stack = [kind]
    while stack:
        for dependency in get(stack.pop()).depends:
            if dependency not in wanted:
                wanted.add(dependency)
                stack.append(dependency)
    wanted |= {"team", "gaps"} if kind == "gap_scores" else {"team"}
    return [k for k in KINDS if k in wanted and k != kind]


def check_round_trip(kind: str, row: dict[str, Any], fmt: str, worlds: tuple[Path, Path]) -> None:
    world, empty = worlds
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = open_workspace(resolve_paths().with_db(_copy(world, folder, "a.db")))
        given = folder / "given.json"
        given.write_text(json.dumps([row], ensure_ascii=False), encoding="utf-8")
        import_file(source, kind, given)
        first = folder / f"first.{fmt}"
        export_file(source, kind, first, include_personal=True)
        moved = open_workspace(resolve_paths().with_db(_copy(empty, folder, "b.db")))
        for dependency in _needs(kind):
            path = folder / f"{dependency}.json"
            export_file(source, dependency, path, include_personal=True)
            import_file(moved, dependency, path)
        import_file(moved, kind, first)
        second = folder / f"second.{fmt}"
        export_file(moved, kind, second, include_personal=True)
        source.close()
        moved.close()
        assert _values(second, fmt) == _values(first, fmt)


@pytest.mark.parametrize("kind", KINDS)
def test_export_import_export_gives_the_same_file(kind, worlds):
    @settings(
        max_examples=6,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(row=rows_of(kind), fmt=st.sampled_from(("csv", "json", "xlsx")))
    def round_trip(row: dict[str, Any], fmt: str) -> None:
        check_round_trip(kind, row, fmt, worlds)

    round_trip()


def test_moments_keep_their_instant_across_zones(worlds):
    """A visit logged at 23:30 in Shanghai keeps its instant through every file."""
    moment = datetime(2026, 11, 26, 23, 30, tzinfo=ZoneInfo("Asia/Shanghai"))
    check_round_trip(
        "activities",
        {"account": "Acme Steel", "kind": "visit", "occurred_at": moment.isoformat()},
        "csv",
        worlds,
    )
