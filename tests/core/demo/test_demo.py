"""The demo generator: deterministic, shaped like a real pyramid, all or nothing."""

from __future__ import annotations

import random
import re
import sqlite3
from pathlib import Path

import pytest

from katerm.core import store
from katerm.core.demo import generate, names_en, names_zh, pipeline, steps
from katerm.core.demo.money import rate_of
from katerm.core.demo.pipeline import DemoContext, Step, rng_for, run_steps
from katerm.core.demo.portfolio import tier_for
from katerm.core.errors import BadInput, DatabaseProblem
from katerm.core.fields import clean_account, clean_contact
from katerm.core.workspace import open_workspace
from katerm.paths import resolve_paths

CJK = re.compile(r"[\u4e00-\u9fff]")
TABLES = ("users", "accounts", "contacts")


def open_at(path: Path):
    return open_workspace(resolve_paths().with_db(path))


def user_rows(db_path: Path, table: str) -> list[tuple]:
    """Every row's id and user fields (not creation times or clocks), in id order."""
    columns = ("id", *store.table_info(table).fields)
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY id").fetchall()
    finally:
        conn.close()


def query(ws, sql: str, *params) -> list[tuple]:
    with ws.db.reading() as conn:
        return conn.execute(sql, params).fetchall()


def in_memory(
    ws, count: int, lang: str = "en", seed: int = 1, upto: str = "contacts"
) -> DemoContext:
    """Run the generating steps without writing anything (fast, for shape checks); the
    context's ``accounts`` then holds every batch."""
    ctx = DemoContext(
        ws=ws,
        db=None,
        lang=lang,
        seed=seed,  # type: ignore[arg-type]
        accounts_wanted=count,
        names=names_zh if lang == "zh_CN" else names_en,
    )
    kept: list = []
    wanted = ["team", "accounts"] + (["contacts"] if upto == "contacts" else [])
    chosen = [s for s in steps.STEPS if s.name in wanted]
    run_steps(ctx, [*chosen, Step("keep", lambda c, r: kept.extend(c.accounts), True)])
    ctx.accounts = kept
    return ctx


def test_same_seed_same_rows_ids_included_and_another_seed_differs(tmp_path):
    paths = [tmp_path / f"{name}.db" for name in ("a", "b", "c")]
    for path, seed in zip(paths, (7, 7, 8), strict=True):
        ws = open_at(path)
        generate(ws, accounts=150, seed=seed, lang="zh_CN")
        ws.close()
    for table in TABLES:
        first, second, other = (user_rows(p, table) for p in paths)
        assert first == second, table
        assert first != other, table
        assert all(
            re.fullmatch(
                r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-"
                r"[0-9a-f]{12}",
                row[0],
            )
            for row in first
        )


def test_team_of_nine_with_me_at_the_top(workspace):
    summary = generate(workspace, accounts=50, lang="en")
    assert summary.members == 9
    me = workspace.me
    assert me.login == "tester" and me.name  # login kept, a name given
    users = {r[0]: r for r in query(workspace, "SELECT id, login, name, manager_id FROM users")}
    assert len(users) == 9 and users[me.id][3] is None
    leads = [u for u in users.values() if u[3] == me.id]
    assert len(leads) == 2
    for lead in leads:
        assert sum(1 for u in users.values() if u[3] == lead[0]) == 3
    assert all(re.fullmatch(r"[a-z.0-9]+", u[1]) for u in users.values() if u[0] != me.id)
    assert len({u[1] for u in users.values()}) == 9


def test_accounts_belong_to_sellers_and_contact_counts_follow_the_tier(workspace):
    summary = generate(workspace, accounts=400, lang="en")
    assert summary.accounts == 400
    sellers = {
        r[0]
        for r in query(
            workspace,
            "SELECT id FROM users WHERE manager_id IN (SELECT id FROM users WHERE manager_id = ?)",
            workspace.me.id,
        )
    }
    owners = {r[0] for r in query(workspace, "SELECT DISTINCT owner_id FROM accounts")}
    assert owners == sellers and len(sellers) == 6
    per_account = query(
        workspace,
        "SELECT a.tier_revenue, count(c.id) FROM accounts a "
        "LEFT JOIN contacts c ON c.account_id = a.id GROUP BY a.id",
    )
    for tier, count in per_account:
        low, high = (3, 12) if tier in ("A", "B") else (1, 3)
        assert low <= count <= high, (tier, count)
    assert sum(c for _, c in per_account) == summary.contacts
    # A contact belongs to its account's seller, so who sees the account sees its people.
    assert query(
        workspace,
        "SELECT count(*) FROM contacts c JOIN accounts a "
        "ON a.id = c.account_id WHERE c.owner_id != a.owner_id",
    ) == [(0,)]


def test_revenue_spread_is_a_pyramid_like_the_jewellery_example(workspace):
    generate(workspace, accounts=1000, lang="en")
    rows = query(
        workspace,
        "SELECT annual_revenue, tier_revenue, lifecycle, contract_value, "
        "potential_revenue, currency FROM accounts",
    )
    # In CNY: the overseas accounts' figures at the rates the demo drew them (demo.money).
    rows = [(r[0] * rate_of(r[5]), *r[1:]) for r in rows]
    revenue = sorted((r[0] for r in rows), reverse=True)
    total = sum(revenue)
    assert 0.15 <= sum(revenue[:10]) / total <= 0.30  # top 1% hold about a fifth
    bands = [tier_for(r[0]) for r in rows]
    for tier, share in {"A": 0.01, "B": 0.08, "C": 0.09, "D": 0.82}.items():
        assert abs(bands.count(tier) / 1000 - share) <= 0.005, tier
        assert abs(sum(r[1] == tier for r in rows) / 1000 - share) <= 0.03, tier
    off = sum(r[1] != tier_for(r[0]) for r in rows)
    assert 5 <= off <= 60  # a few tiers for the pyramid to suggest changing
    assert {r[2] for r in rows} == {"prospect", "customer", "loyal", "former"}
    assert all(r[0] == 0 and r[3] == 0 and r[4] > 0 for r in rows if r[2] == "prospect")
    assert all(r[0] > 0 for r in rows if r[2] in ("customer", "loyal"))
    # A few overseas accounts (demo.money): their figures are the same money in their currency.
    assert "CNY" in {r[5] for r in rows} <= {"CNY", "USD", "HKD", "EUR"}


def test_every_account_and_contact_passes_the_field_rules(workspace):
    generate(workspace, accounts=200, lang="zh_CN")
    columns = (
        "name",
        "industry",
        "region",
        "annual_revenue",
        "contract_value",
        "potential_revenue",
        "tier_revenue",
        "tier_fish",
        "tier_strategic",
        "tier_size",
        "lifecycle",
        "notes",
        "currency",
    )
    for row in query(workspace, f"SELECT {', '.join(columns)} FROM accounts"):
        values = dict(zip(columns, row, strict=True))
        clean = clean_account(values, new=True)
        for column in ("tier_revenue", "tier_fish", "tier_strategic", "tier_size", "lifecycle"):
            assert clean[column] == values[column], column
    columns = ("name", "title", "department", "phone", "email", "birthday", "notes")
    contacts = query(workspace, f"SELECT {', '.join(columns)} FROM contacts")
    for row in contacts:
        clean_contact(dict(zip(columns, row, strict=True)), new=True)
    assert all(r[3] and r[4] for r in contacts)
    with_birthday = sum(1 for r in contacts if r[5]) / len(contacts)
    assert 0.15 < with_birthday < 0.7


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_names_stay_unique_at_twenty_thousand_accounts(workspace, lang):
    ctx = in_memory(workspace, 20_000, lang, upto="accounts")
    names = [a.name.casefold() for a in ctx.accounts]
    assert len(names) == 20_000 and len(set(names)) == 20_000


def test_chinese_data_for_zh_cn_and_english_for_en(workspace, tmp_path):
    zh = in_memory(workspace, 300, "zh_CN")
    assert all(CJK.search(a.name) and re.search(r"(有限公司|分公司)$", a.name) for a in zh.accounts)
    assert all(CJK.search(m.name) for m in zh.team)
    assert all(CJK.search(c.name) and CJK.search(c.department) for _, c in zh.contacts())
    en = in_memory(workspace, 300, "en")
    texts = [a.name for a in en.accounts] + [m.name for m in en.team[1:]]
    texts += [f"{c.name} {c.title} {c.department}" for _, c in en.contacts()]
    assert not any(CJK.search(text) for text in texts)


def test_each_org_chart_has_one_top_and_everyone_reports_upwards(workspace):
    ctx = in_memory(workspace, 300, "zh_CN")
    for account in ctx.accounts:
        chart = {c.id: c for c in account.contacts}
        tops = [c for c in account.contacts if c.reports_to is None]
        assert len(tops) == 1 and tops[0].level == 0 and tops[0].title == "总经理"
        for contact in account.contacts:
            if contact.reports_to is not None:
                assert chart[contact.reports_to].level == contact.level - 1
    big = [a for a in ctx.accounts if a.tier == "A"]
    assert any(c.level >= 2 for a in big for c in a.contacts)


def test_adding_a_step_leaves_the_other_steps_data_unchanged(tmp_path, monkeypatch):
    ws = open_at(tmp_path / "plain.db")
    generate(ws, accounts=80, seed=3)
    ws.close()

    def noisy(ctx, rng):  # a later feature drawing its own random numbers
        for _ in ctx.accounts:
            rng.random()

    extended = list(steps.STEPS)
    extended.insert(4, Step("noisy_example", noisy, per_batch=True))
    monkeypatch.setattr(steps, "STEPS", tuple(extended))
    ws = open_at(tmp_path / "extended.db")
    generate(ws, accounts=80, seed=3)
    ws.close()
    for table in TABLES:
        assert user_rows(tmp_path / "plain.db", table) == user_rows(tmp_path / "extended.db", table)


def test_one_outbox_entry_per_new_row_so_the_demo_can_sync(workspace):
    summary = generate(workspace, accounts=60)
    entries = query(workspace, "SELECT tbl, field, count(*) FROM outbox GROUP BY tbl, field")
    assert {("accounts", "*", 60), ("contacts", "*", summary.contacts), ("users", "*", 9)} <= set(
        entries
    )
    # Every table the demo fills (later steps' too): one "*" entry per row, nothing else.
    for table, field, count in entries:
        assert field == "*", table
        assert query(workspace, f"SELECT count(*) FROM {table}") == [(count,)], table


def test_progress_reports_each_stage_up_to_its_total(workspace):
    seen: dict[str, tuple[int, int]] = {}
    generate(workspace, accounts=30, progress=lambda d, t, s: seen.__setitem__(s, (d, t)))
    assert list(seen)[:3] == ["team", "accounts", "contacts"]
    assert all(done == total for done, total in seen.values())
    assert seen["accounts"] == (30, 30)


def test_progress_over_several_batches_counts_up_to_the_exact_totals(workspace, monkeypatch):
    monkeypatch.setattr(pipeline, "BATCH", 40)
    seen: list[tuple[int, int, str]] = []
    summary = generate(workspace, accounts=100, progress=lambda d, t, s: seen.append((d, t, s)))
    accounts = [(d, t) for d, t, s in seen if s == "accounts"]
    assert accounts == [(40, 100), (80, 100), (100, 100)]
    contacts = [(d, t) for d, t, s in seen if s == "contacts"]
    assert [d for d, _ in contacts] == sorted(d for d, _ in contacts)
    assert contacts[-1] == (summary.contacts, summary.contacts)


def test_the_batch_size_changes_nothing(tmp_path, monkeypatch):
    ws = open_at(tmp_path / "big.db")
    generate(ws, accounts=90, seed=4)
    ws.close()
    monkeypatch.setattr(pipeline, "BATCH", 7)
    ws = open_at(tmp_path / "small.db")
    generate(ws, accounts=90, seed=4)
    ws.close()
    for table in TABLES:
        assert user_rows(tmp_path / "big.db", table) == user_rows(tmp_path / "small.db", table)


def test_steps_are_checked_before_anything_runs():
    ran: list[str] = []
    once = Step("once", lambda c, r: ran.append("once"))
    batch = Step("batch", lambda c, r: ran.append("batch"), per_batch=True)
    ctx = DemoContext(
        ws=None,
        db=None,
        lang="en",
        seed=1,
        accounts_wanted=3,  # type: ignore
        names=names_en,
    )
    with pytest.raises(ValueError, match="together"):
        run_steps(ctx, [batch, once, Step("batch2", batch.run, per_batch=True)])
    with pytest.raises(ValueError, match="unique"):
        run_steps(ctx, [once, once])
    assert ran == []
    run_steps(ctx, [once, batch, Step("end", lambda c, r: ran.append(f"end{len(c.accounts)}"))])
    assert ran == ["once", "batch", "end0"]


def test_refuses_a_database_with_accounts_unless_forced_then_backs_it_up(workspace):
    generate(workspace, accounts=20, seed=1)
    before = user_rows(workspace.db.path, "accounts")
    with pytest.raises(BadInput) as refused:
        generate(workspace, accounts=20, seed=2)
    assert refused.value.key == "demo.not_empty"
    assert user_rows(workspace.db.path, "accounts") == before
    told: list[Path] = []
    summary = generate(workspace, accounts=20, seed=2, force=True, on_backup=told.append)
    assert told == [summary.backup] and summary.backup.exists()
    assert user_rows(summary.backup, "accounts") == before
    assert user_rows(workspace.db.path, "accounts") != before


def test_nothing_is_written_when_a_step_fails_midway(workspace, monkeypatch):
    generate(workspace, accounts=25, seed=1)
    before = {t: user_rows(workspace.db.path, t) for t in TABLES}
    me = workspace.me

    def broken(ctx, rng):
        assert ctx.written["contacts"] > 0  # the new file has been filled...
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(steps, "STEPS", (*steps.STEPS, Step("broken", broken)))
    with pytest.raises(RuntimeError):
        generate(workspace, accounts=500, seed=9, force=True)
    assert {t: user_rows(workspace.db.path, t) for t in TABLES} == before  # ...but not used
    assert workspace.me == me
    left = sorted(p.name for p in workspace.db.path.parent.iterdir() if ".demo-" in p.name)
    assert left == []


def test_another_program_holding_the_database_open_stops_the_swap(workspace):
    generate(workspace, accounts=10, seed=1)
    before = user_rows(workspace.db.path, "accounts")
    other = sqlite3.connect(workspace.db.path)  # like a katerm window left open
    other.execute("SELECT count(*) FROM accounts").fetchone()
    try:
        with pytest.raises(DatabaseProblem) as locked:
            generate(workspace, accounts=10, seed=2, force=True)
        assert locked.value.key == "db.locked"
    finally:
        other.close()
    assert user_rows(workspace.db.path, "accounts") == before
    assert not [p for p in workspace.db.path.parent.iterdir() if ".demo-" in p.name]


@pytest.mark.parametrize(
    ("accounts", "seed", "key"),
    [
        (0, 1, "demo.bad_accounts"),
        (1_000_001, 1, "demo.bad_accounts"),
        ("many", 1, "demo.bad_accounts"),
        (True, 1, "demo.bad_accounts"),
        (10, "x", "demo.bad_seed"),
        (10, 1.5, "demo.bad_seed"),
    ],
)
def test_bad_options_are_refused_before_anything_happens(workspace, accounts, seed, key):
    with pytest.raises(BadInput) as bad:
        generate(workspace, accounts=accounts, seed=seed)
    assert bad.value.key == key
    assert query(workspace, "SELECT count(*) FROM users") == [(1,)]


def test_seed_text_with_separators_is_accepted(workspace):
    assert generate(workspace, accounts="1_000", seed="-42").accounts == 1000


def test_rng_per_step_is_stable():
    assert rng_for(1, "accounts").random() == rng_for(1, "accounts").random()
    assert rng_for(1, "accounts").random() != rng_for(1, "contacts").random()
    assert isinstance(rng_for(1, "x"), random.Random)


def test_my_own_name_and_login_are_kept(workspace):
    with workspace.db.writing() as conn:
        store.update(
            conn,
            "users",
            workspace.me.id,
            {"name": "王磊", "email": "wl@corp.cn"},
            actor_id=workspace.me.id,
        )
    workspace.me = type(workspace.me)(workspace.me.id, "tester", "王磊")
    generate(workspace, accounts=5, lang="en")
    assert (workspace.me.login, workspace.me.name) == ("tester", "王磊")
    assert query(workspace, "SELECT login, name, email FROM users WHERE manager_id IS NULL") == [
        ("tester", "王磊", "wl@corp.cn")
    ]
