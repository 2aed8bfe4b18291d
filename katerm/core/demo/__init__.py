"""Demo data: a realistic team and portfolio, the same for the same seed.

:func:`generate` builds a general manager (the local user), two team leads and six sellers,
then N accounts with the revenue spread of a real account pyramid and an org chart of
contacts at each, and replaces the user's database with it in one step.

To extend it, add a step to ``katerm.core.demo.steps.STEPS`` (see there). This module only
holds what callers need and imports the rest when generating, so the command line can show
the defaults without loading the database layer.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from katerm.core.errors import BadInput
from katerm.i18n import current_language, normalize_language

if TYPE_CHECKING:
    from collections.abc import Callable

    from katerm.core.demo.pipeline import Progress
    from katerm.core.workspace import Workspace

__all__ = [
    "DEFAULT_ACCOUNTS",
    "DEFAULT_SEED",
    "MAX_ACCOUNTS",
    "DemoSummary",
    "check_options",
    "generate",
]

DEFAULT_ACCOUNTS = 300
DEFAULT_SEED = 2024
MAX_ACCOUNTS = 1_000_000


@dataclass(frozen=True)
class DemoSummary:
    members: int
    accounts: int
    contacts: int
    seconds: float
    seed: int
    lang: str
    path: Path
    backup: Path | None  # the copy of the replaced database, if there was anything to keep


def check_options(accounts: object, seed: object) -> tuple[int, int]:
    """The account count and seed as integers; text such as ``"100_000"`` is accepted.

    Raises :class:`BadInput` naming the option when either is unusable.
    """
    count = _integer(accounts)
    if count is None or not 1 <= count <= MAX_ACCOUNTS:
        raise BadInput("demo.bad_accounts", value=accounts, low=1, high=f"{MAX_ACCOUNTS:,}")
    number = _integer(seed)
    if number is None:
        raise BadInput("demo.bad_seed", value=seed)
    return count, number


def _integer(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        try:
            return int(value.strip().replace(",", "").replace("_", ""))
        except ValueError:
            return None
    return None


def generate(
    ws: Workspace,
    *,
    accounts: int = DEFAULT_ACCOUNTS,
    seed: int = DEFAULT_SEED,
    lang: str | None = None,
    progress: Progress | None = None,
    force: bool = False,
    on_backup: Callable[[Path], None] | None = None,
) -> DemoSummary:
    """Replace the workspace's database with demo data and make me its general manager.

    ``lang`` (``en`` or ``zh_CN``; default: the interface language) picks the language of
    names and titles. ``progress(done, total, stage)`` is called as rows are written (stage:
    ``team``, ``accounts``, ``contacts``, or a later step's own; the contacts' total is an
    estimate until the last batch). A database holding accounts
    or contacts is refused (:class:`BadInput`) unless ``force``; anything replaced is backed
    up first and ``on_backup`` told where. Dated rows are placed relative to the workspace
    clock's today (``KATERM_NOW`` pins it). All or nothing: on any error, including Ctrl-C,
    the database is as it was. Afterwards ``ws.me`` is the general manager.
    """
    from katerm.core.demo import build, names_en, names_zh, steps
    from katerm.core.demo.pipeline import DemoContext, run_steps
    from katerm.core.team import Member

    count, seed = check_options(accounts, seed)
    language = normalize_language(lang) if lang else current_language()
    if language is None:
        raise BadInput("demo.bad_lang", value=lang)
    started = time.perf_counter()
    found = build.contents(ws.db, ws.me.id)
    if found.has_portfolio and not force:
        raise BadInput(
            "demo.not_empty",
            hint="demo.not_empty_hint",
            path=str(ws.db.path),
            accounts=found.accounts,
            contacts=found.contacts,
        )
    saved = None
    if not found.empty:
        saved = build.write_backup(ws.db, ws.clock)
        if on_backup is not None:
            on_backup(saved)
    with build.new_database(ws.db.path, ws.clock) as db:
        ctx = DemoContext(
            ws=ws,
            db=db,
            lang=language,
            seed=seed,
            accounts_wanted=count,
            names=names_zh if language == "zh_CN" else names_en,
            progress=progress,
        )
        run_steps(ctx, steps.STEPS)
    build.swap_in(db.path, ws.db)
    ws.me = Member(ctx.me.id, ctx.me.login, ctx.me.name)
    return DemoSummary(
        members=ctx.written.get("users", 0),
        accounts=ctx.written.get("accounts", 0),
        contacts=ctx.written.get("contacts", 0),
        seconds=time.perf_counter() - started,
        seed=seed,
        lang=language,
        path=ws.db.path,
        backup=saved,
    )
