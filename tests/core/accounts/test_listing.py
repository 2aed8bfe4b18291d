"""The accounts list index: search in any script, pinyin initials, filters, sorts, totals."""

from __future__ import annotations

import pytest

from katerm.core import store
from katerm.core.accounts.listing import COLUMNS, AccountIndex, Query, first_page
from katerm.core.pinyin import initials, search_initials
from katerm.core.tiers import SCHEMES, tier_rank, tier_rank_sql

ACCOUNTS = [
    # name, industry, region, revenue, tier, scheme, lifecycle
    ("上海明珠电子科技有限公司", "电子", "华东", 6_000_000, "A", "revenue", "customer"),
    ("重庆银行", "金融", "西南", 3_500_000, "B", "revenue", "loyal"),
    ("Northwind Traders", "Retail", "North", 1_200_000, "C", "revenue", "customer"),
    ("northwind logistics", "Logistics", "South", 0, None, "revenue", "prospect"),
    ("厦门航空", "航空", "华南", 9_000_000, "whale", "fish", "former"),
    ("Acme Robotics", "Manufacturing", "华东", 800_000, "D", "revenue", "customer"),
]


@pytest.fixture
def index(workspace):
    with workspace.db.writing() as conn:
        for name, industry, region, revenue, tier, scheme, life in ACCOUNTS:
            store.insert(
                conn,
                "accounts",
                {
                    "name": name,
                    "industry": industry,
                    "region": region,
                    "annual_revenue": revenue,
                    f"tier_{scheme}": tier,
                    "lifecycle": life,
                },
                actor_id=workspace.me.id,
            )
    with workspace.db.reading() as conn:
        ix = AccountIndex.load(conn)
    ix.build_initials()
    return ix


def names(ix, q):
    return [ix.names[i] for i in ix.query(q).order]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("明珠", {"上海明珠电子科技有限公司"}),
        ("NORTHWIND", {"Northwind Traders", "northwind logistics"}),
        ("华东", {"上海明珠电子科技有限公司", "Acme Robotics"}),  # region
        ("retail", {"Northwind Traders"}),  # industry
        ("shmz", {"上海明珠电子科技有限公司"}),  # pinyin initials
        ("cqyh", {"重庆银行"}),  # second reading of 重
        ("xmhk", {"厦门航空"}),  # second reading of 厦
        ("north south", {"northwind logistics"}),  # every word must match
        ("nothing-like-this", set()),
    ],
)
def test_search_matches_name_industry_region_and_pinyin(index, text, expected):
    assert set(names(index, Query(text=text))) == expected


def test_filters_combine_with_search(index, workspace):
    assert names(index, Query(tier="A")) == ["上海明珠电子科技有限公司"]
    assert set(names(index, Query(lifecycle="customer"))) == {
        "上海明珠电子科技有限公司",
        "Northwind Traders",
        "Acme Robotics",
    }
    assert names(index, Query(text="north", lifecycle="prospect")) == ["northwind logistics"]
    assert len(names(index, Query(owner_id=workspace.me.id))) == len(ACCOUNTS)
    assert names(index, Query(owner_id="somebody-else")) == []


def test_totals_follow_the_filter(index):
    view = index.query(Query(text="northwind"))
    assert view.revenue.amount == 1_200_000 and view.total == len(ACCOUNTS)


def test_default_sort_is_top_tier_first_then_revenue(index, workspace):
    # The list shows the stored tier of the team's active scheme (revenue): the whale, rated
    # in the fish scheme only, is untiered here and ranks with the untiered, by revenue.
    assert names(index, Query()) == [
        "上海明珠电子科技有限公司",
        "重庆银行",
        "Northwind Traders",
        "Acme Robotics",
        "厦门航空",
        "northwind logistics",
    ]
    store.set_active_scheme(workspace.paths.db_file, "fish")
    try:
        with workspace.db.reading() as conn:
            fish = AccountIndex.load(conn)
    finally:
        store.set_active_scheme(workspace.paths.db_file, "revenue")
    assert names(fish, Query())[0] == "厦门航空"
    assert fish.tiers[fish.names.index("厦门航空")] == "whale"


@pytest.mark.parametrize("column", COLUMNS)
def test_every_column_sorts_both_ways(index, column):
    up = index.query(Query(sort=column)).order
    down = index.query(Query(sort=column, descending=True)).order
    assert sorted(up) == sorted(down) == list(range(len(ACCOUNTS)))
    assert list(down) == list(reversed(up))


def test_revenue_sort_is_numeric(index):
    revenues = [index.revenues[i] for i in index.query(Query(sort="annual_revenue")).order]
    assert revenues == sorted(revenues)


def test_first_page_agrees_with_the_index(workspace, index):
    with workspace.db.reading() as conn:
        preview = first_page(conn, limit=4)
    assert [r[1] for r in preview.rows] == names(index, Query())[:4]
    assert preview.total == len(ACCOUNTS)


def test_deleted_accounts_are_not_listed(workspace, index):
    victim = index.ids[0]
    with workspace.db.writing() as conn:
        store.delete(conn, "accounts", victim, actor_id=workspace.me.id)
    with workspace.db.reading() as conn:
        assert victim not in AccountIndex.load(conn).ids
        preview = first_page(conn, limit=10)
    kept = [a for a in ACCOUNTS if a[0] != index.names[0]]
    assert index.ids[0] not in [r[0] for r in preview.rows]
    assert preview.total == len(kept)  # the totals the first page shows leave it out too


def test_tier_rank_in_sql_matches_python(workspace):
    import sqlite3

    conn = sqlite3.connect(":memory:")
    cases = [(s, t) for s, tiers in SCHEMES.items() for t in (*tiers, None, "zzz")]
    cases.append(("unknown-scheme", "A"))
    for scheme, tier in cases:
        got = conn.execute(f"SELECT {tier_rank_sql('?1', '?2')}", (scheme, tier)).fetchone()[0]
        assert got == tier_rank(scheme, tier), (scheme, tier)


def test_initials():
    assert initials("上海明珠电子") == "shmzdz"
    assert initials("Acme 上海 2") == "acmesh2"
    assert "cqyh" in search_initials("重庆银行")


def test_typing_narrows_and_deleting_widens_the_matches_as_a_fresh_search_would(workspace):
    # Each letter typed narrows the last search's matches instead of the whole list; a
    # deleted letter, another word order or the pinyin arriving must still find everything.
    # (Fillers: a few matches among many are sorted by rank, many are filtered in order.)
    fillers = [
        (f"Filler {n}", "Steel", "West", n * 1000, "D", "revenue", "prospect") for n in range(60)
    ]
    with workspace.db.writing() as conn:
        for name, industry, region, revenue, tier, scheme, life in [*ACCOUNTS, *fillers]:
            store.insert(
                conn,
                "accounts",
                {
                    "name": name,
                    "industry": industry,
                    "region": region,
                    "annual_revenue": revenue,
                    f"tier_{scheme}": tier,
                    "lifecycle": life,
                },
                actor_id=workspace.me.id,
            )
    with workspace.db.reading() as conn:
        ix = AccountIndex.load(conn)
    typed = ["n", "no", "nor", "nort", "north", "north ", "north s", "north", "n", "", "sh", "f"]
    for sort in ("name", "annual_revenue"):
        for descending in (False, True):
            for text in typed:
                q = Query(text=text, sort=sort, descending=descending)
                fresh = AccountIndex.load  # the same query on an index with no history
                with workspace.db.reading() as conn:
                    other = fresh(conn)
                assert names(ix, q) == names(other, q), (text, sort, descending)
    assert names(ix, Query(text="shmz")) == []  # no pinyin yet
    ix.build_initials()
    assert names(ix, Query(text="shmz")) == ["上海明珠电子科技有限公司"]


def test_a_letter_typed_after_a_filter_or_sort_changed_finds_what_a_fresh_search_would(
    workspace, index
):
    # One more letter narrows the last search only when the filters and the order are the
    # same; otherwise (a tier chosen, the order reversed in between) it reads every row.
    steps = [
        Query(text="n"),
        Query(text="no", tier="C"),
        Query(text="nor", tier="C"),
        Query(text="nort", tier="C", sort="name", descending=True),
        Query(text="north", sort="name", descending=True),
        Query(text="north", lifecycle="prospect"),
        Query(text="north l", lifecycle="prospect"),
        Query(text="华"),
        Query(text="华东", sort="annual_revenue"),
    ]
    for q in steps:
        with workspace.db.reading() as conn:
            fresh = AccountIndex.load(conn)
        fresh.build_initials()
        assert names(index, q) == names(fresh, q), q
        assert index.query(q).revenue == fresh.query(q).revenue, q


def test_a_search_finds_the_rows_the_order_and_the_total_of_a_plain_filter(workspace):
    """The fast paths (a few matches sorted by rank, many filtered in order, a letter more
    narrowing the last rows) give what filtering every row by hand gives: the same rows in the
    same order and the same total, foreign currencies included, for every sort either way."""
    import random
    from math import fsum

    from katerm.core.accounts.listing import COLUMNS

    rng = random.Random(7)
    words = ["north", "wind", "shan", "hai", "steel", "河", "北京", "ab", "ba"]
    with workspace.db.writing() as conn:
        for n in range(150):
            name = " ".join(rng.choice(words) for _ in range(3)) + f" {n}"
            store.insert(
                conn,
                "accounts",
                {
                    "name": name,
                    "industry": rng.choice(["Steel", "Retail", "电子"]),
                    "region": rng.choice(["North", "华东", "South"]),
                    "annual_revenue": rng.choice([0, 1000, 2500.5, 10**6]),
                    "currency": rng.choice(["CNY", "CNY", "USD", "XTS"]),
                    "tier_revenue": rng.choice(["A", "B", "C", None]),
                    "lifecycle": rng.choice(["prospect", "customer"]),
                },
                actor_id=workspace.me.id,
            )
    with workspace.db.reading() as conn:
        ix = AccountIndex.load(conn)

    def by_hand(q):
        terms = q.text.casefold().split()
        keep = [i for i, h in enumerate(ix.haystack) if all(t in h for t in terms)]
        full = list(ix.sorted_order(q.sort, q.descending))
        kept = set(keep)
        foreign = [ix.foreign[i] for i in keep if i in ix.foreign]
        return [i for i in full if i in kept], ix.rates.with_foreign(
            fsum(ix.revenues[i] for i in keep), foreign
        )

    typed = ["n", "no", "nor", "north", "north w", "h", "ha", "hai", "北", "x", "", "7", "73"]
    for prepared in (False, True):  # then each letter's matches read in advance
        if prepared:
            ix.prepare_search()
            assert ix._letters[0] is ix.haystack and "n" in ix._letters[1]
        for sort in COLUMNS:
            for descending in (False, True):
                ix._last_search = None
                for text in typed:
                    q = Query(text=text, sort=sort, descending=descending)
                    view = ix.query(q)
                    rows, total = by_hand(q)
                    assert list(view.order) == rows, (text, sort, descending, prepared)
                    if text:
                        assert view.revenue == total, (text, sort, descending, prepared)
        # A filter beside a prepared letter: the letter's mask is read, never changed.
        before = bytes(ix._letters[1]["n"]) if prepared else b""
        found = ix.query(Query(text="n", tier="A"))
        assert all(ix.tiers[i] == "A" and "n" in ix.haystack[i] for i in found.order)
        assert not prepared or bytes(ix._letters[1]["n"]) == before
