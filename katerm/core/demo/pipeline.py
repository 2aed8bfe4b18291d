"""The demo's moving parts: what a step gets (:class:`DemoContext`) and how steps run.

A step is ``Step(name, function)``; the function takes ``(ctx, rng)``. Steps run in the order
of ``steps.STEPS``, in three parts (:func:`run_steps`):

1. steps before the first per-batch step run once (the team);
2. per-batch steps (``per_batch=True``, listed together) run for each batch of
   :data:`BATCH` accounts: the first makes ``ctx.accounts``, the next add to them (org
   charts, later roles and scores), the ``write`` step stores them. Memory stays flat
   whether the demo has 300 accounts or a million;
3. steps after the last per-batch step run once at the end; they see the whole portfolio
   by querying the file being built (``ctx.db.reading()``).

Each step draws from its own random generator, seeded from (seed, step name) and kept from
batch to batch, so a new step never changes what the others generate, the batch size never
changes anything, and the same seed always gives the same rows, ids included.
"""

from __future__ import annotations

import random
from bisect import bisect
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import accumulate
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:
    from types import ModuleType

    from katerm.core.clock import Clock
    from katerm.core.store import Database
    from katerm.core.workspace import Workspace

T = TypeVar("T")
Progress = Callable[[int, int, str], None]
BATCH = 5_000  # accounts made, completed and written together
CHUNK = 5_000  # rows per write transaction


@dataclass(frozen=True)
class Step:
    """One stage of the demo. ``name`` seeds its random generator, so never rename a step."""

    name: str
    run: Callable[[DemoContext, random.Random], None]
    per_batch: bool = False  # run for every batch of accounts instead of once


def rng_for(seed: int, step: str) -> random.Random:
    # Seeding with text hashes it with SHA-512: stable across runs and Python versions.
    return random.Random(f"katerm-demo:{seed}:{step}")


def pick(rng: random.Random, items: Sequence[T]) -> T:
    """One of ``items``, evenly (``rng.choice`` is three times slower; 100k accounts add up)."""
    return items[int(rng.random() * len(items))]


class Weighted(Generic[T]):
    """A pool to draw from by weight, with the cumulative weights worked out once."""

    def __init__(self, items: Iterable[T], weights: Iterable[float]) -> None:
        self.items = list(items)
        self.cum = list(accumulate(weights))
        self.total = self.cum[-1]

    def draw(self, rng: random.Random) -> T:
        return self.items[bisect(self.cum, rng.random() * self.total, 0, len(self.cum) - 1)]


def uuid4(rng: random.Random) -> str:
    """A version-4 UUID drawn from ``rng`` (so ids repeat with the seed)."""
    h = f"{rng.getrandbits(128):032x}"
    variant = "89ab"[int(h[16], 16) & 3]
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{variant}{h[17:20]}-{h[20:]}"


@dataclass(slots=True)
class DemoMember:
    """One of our people. ``role`` is ``gm``, ``lead`` or ``seller``."""

    id: str
    login: str
    name: str
    email: str
    role: str
    manager_id: str | None = None
    region: str = ""  # a seller's territory; most of their accounts are there


@dataclass(slots=True)
class DemoContact:
    """A person at an account. ``reports_to`` is the id of their boss in the org chart."""

    id: str
    name: str
    role: str  # key into orgchart.ROLES: gm, cpo, purchasing_mgr, ...
    title: str
    department: str
    level: int  # 0 for the top of the account's org chart
    reports_to: str | None = None
    phone: str = ""
    email: str = ""
    birthday: date | None = None
    notes: str = ""
    # The influence map (step ``influence``); the defaults mean "not assessed yet".
    decision_role: str = ""  # a katerm.core.roles.Role key (``role`` above is the position)
    other_roles: str = ""
    influence: str = ""
    attitude: str = "unknown"
    support_level: str = ""
    # How close we are, 0 unknown … 5 partner (katerm.core.levels): the map's level and the
    # gap table's "now" both read this one value. (``level`` above is the org-chart depth.)
    closeness: int = 0
    covered_by: str | None = None  # the relationship owner
    also_covered_by: list[str] = field(default_factory=list)  # additional coverage
    rising_star: bool = False
    favours_competitor: str = ""
    left_on: date | None = None  # left the company (step ``key_people_left``)


@dataclass(slots=True)
class DemoLine:
    """A line of influence: ``source`` influences ``target`` (contact ids)."""

    id: str
    source: str
    target: str
    strength: str


@dataclass(slots=True)
class DemoAccount:
    id: str
    name: str
    owner_id: str
    industry: str
    region: str
    city: str
    domain: str  # the customer's e-mail domain
    annual_revenue: float
    contract_value: float
    potential_revenue: float
    tier: str
    revenue_tier: str  # the tier the revenue says; differs from ``tier`` for a few accounts
    lifecycle: str
    notes: str = ""
    contacts: list[DemoContact] = field(default_factory=list)  # the org chart, top first
    lines: list[DemoLine] = field(default_factory=list)  # lines of influence among them
    annual_orders: int = 0
    company_revenue: float = 0.0  # the customer's own revenue
    tier_override_reason: str = ""  # not empty: the tier is kept by hand
    currency: str = "CNY"  # a few overseas accounts have another (demo.money)


@dataclass
class DemoContext:
    """Everything the steps share. Steps write through :meth:`write`, never ``ws.db``: the demo
    is built in a separate file that replaces the user's database only when complete."""

    ws: Workspace
    db: Database  # the file being built
    lang: str
    seed: int
    accounts_wanted: int
    names: ModuleType  # names_en or names_zh: the pools for this language
    progress: Progress | None = None
    team: list[DemoMember] = field(default_factory=list)
    # The current batch, with org charts (per-batch steps only; empty outside the batches).
    accounts: list[DemoAccount] = field(default_factory=list)
    batch_start: int = 0  # index of the batch's first account in the whole portfolio
    batch_size: int = 0  # how many accounts this batch is to have
    written: dict[str, int] = field(default_factory=dict)  # table -> rows written so far
    # What a step keeps between batches (e.g. names already used), under the step's name.
    state: dict[str, Any] = field(default_factory=dict)

    @property
    def clock(self) -> Clock:
        """The workspace's clock: dated rows (orders, actions, events) are placed relative to
        its today, so a new user sees stuck orders and due actions now, and a pinned clock
        (``KATERM_NOW``) gives the same demo on any day."""
        return self.ws.clock

    @property
    def today(self) -> date:
        return self.clock.today()

    @property
    def me(self) -> DemoMember:
        """The general manager: the local user, at the top of the team."""
        return self.team[0]

    @property
    def sellers(self) -> list[DemoMember]:
        return [m for m in self.team if m.role == "seller"]

    def contacts(self) -> Iterator[tuple[DemoAccount, DemoContact]]:
        """The batch's contacts with their accounts."""
        for account in self.accounts:
            for contact in account.contacts:
                yield account, contact

    def report(self, done: int, total: int, stage: str) -> None:
        if self.progress is not None:
            self.progress(done, total, stage)

    def write(
        self,
        table: str,
        rows: Iterable[dict[str, Any]],
        *,
        total: int,
        stage: str | None = None,
        at_once: bool = False,
    ) -> int:
        """Insert new rows (each with its ``id``) through the write path's bulk entry
        (``store.insert_rows``: stamps, clock tags, one ``*`` outbox entry per row), a chunk
        per transaction. Progress is reported as ``stage`` (default: the table name), counting
        this table's rows over all calls against ``total``, the final count or an estimate.

        ``at_once`` (a step at the end filling a table of its own in one call): all the rows
        in one transaction, the table's indexes set aside while they go in and built once at
        the end (``store.indexes_set_aside``; only for many rows into an emptier table).
        """
        from katerm.core import store  # SQLModel: only when writing, not to import the package

        stage = stage or table
        done = self.written.get(table, 0)
        start = done

        def put(conn: Any, chunk: list[dict[str, Any]]) -> None:
            nonlocal done
            store.insert_rows(conn, table, chunk, actor_id=self.me.id)
            done += len(chunk)
            self.written[table] = done
            self.report(done, max(total, done), stage)

        if at_once:
            batch = list(rows)
            with (
                self.db.writing() as conn,
                store.indexes_set_aside(conn, {table: len(batch)}),
            ):
                for chunk in _chunks(batch, CHUNK):
                    put(conn, chunk)
        else:
            for chunk in _chunks(rows, CHUNK):
                with self.db.writing() as conn:
                    put(conn, chunk)
        return done - start

    def set_indexes_aside(self) -> list[tuple[str, str]]:
        """Before the batches: drop the plain indexes of the tables they fill from empty
        (``store.set_indexes_aside``; only for a demo of ``REBUILD_FLOOR`` accounts or more),
        for :meth:`put_indexes_back` to build once over the finished tables. The file is
        thrown away if any step fails, so the indexes need not come back in the same
        transaction. No batch step reads a table through an index it sets aside in a way
        that grows with the portfolio (measured)."""
        from katerm.core import store

        if self.db is None:  # a run that writes nothing (the tests' look at the batches)
            return []
        with self.db.writing() as conn:
            tables = [
                name
                for (name,) in conn.exec_driver_sql(
                    "SELECT name FROM sqlite_master WHERE type = 'table' "
                    "AND name NOT LIKE 'sqlite_%' ORDER BY name"
                )
                if name not in _BOOKKEEPING
            ]
            return store.set_indexes_aside(conn, dict.fromkeys(tables, self.accounts_wanted))

    def put_indexes_back(self, kept: list[tuple[str, str]]) -> None:
        """After the batches, before the steps that query the whole portfolio."""
        from katerm.core import store

        if kept:
            with self.db.writing() as conn:
                store.put_indexes_back(conn, kept)


# Not filled by the batches: the sync bookkeeping, the schema's revision and our own team.
_BOOKKEEPING = frozenset({"outbox", "alembic_version", "sync_state", "users"})


def run_steps(ctx: DemoContext, steps: Sequence[Step]) -> None:
    """Run the once-before steps, then the per-batch steps for each batch, then the rest."""
    names = [s.name for s in steps]
    if len(set(names)) != len(names):
        raise ValueError(f"step names must be unique: {names}")
    batched = [i for i, s in enumerate(steps) if s.per_batch]
    first, last = (batched[0], batched[-1] + 1) if batched else (len(steps), len(steps))
    if batched != list(range(first, last)):
        raise ValueError(f"per-batch steps must be listed together: {names}")
    rngs = {s.name: rng_for(ctx.seed, s.name) for s in steps}
    for step in steps[:first]:
        step.run(ctx, rngs[step.name])
    if batched:
        # Every index of the tables the batches fill is built once, after the last batch.
        kept = ctx.set_indexes_aside()
        for start in range(0, ctx.accounts_wanted, BATCH):
            ctx.batch_start, ctx.accounts = start, []
            ctx.batch_size = min(BATCH, ctx.accounts_wanted - start)
            for step in steps[first:last]:
                step.run(ctx, rngs[step.name])
        ctx.put_indexes_back(kept)
    ctx.accounts, ctx.batch_size = [], 0
    for step in steps[last:]:
        step.run(ctx, rngs[step.name])


def _chunks(rows: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    chunk: list[dict[str, Any]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
