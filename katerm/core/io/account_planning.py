"""Planning accounts: each row's account (by id, else by name, loosely), its tiers (``tier``
with ``tier_scheme``, default the team's active one, is that scheme's stored tier; the
``tier_<scheme>`` columns are each scheme's), and the names no two accounts may share. See
:mod:`katerm.core.io.planning` for what rows mean.
"""

from __future__ import annotations

from collections.abc import Iterator

from katerm.core import fields
from katerm.core.accounts import computed_tiers, name_key, tier_rule
from katerm.core.errors import ValidationFailed
from katerm.core.io.mapping import text_of
from katerm.core.io.planning import CHUNK, MANY, Planner
from katerm.core.io.report import Progress
from katerm.core.store import Change
from katerm.core.tiers import TIER_COLUMNS


class AccountPlanner(Planner):
    table_name = "accounts"
    kind_name = "accounts"
    other_tables = ("contacts", "users")

    def load(self) -> None:
        self.by_id: dict[str, tuple[str, int]] = {}
        self.live: dict[str, str] = {}  # name key -> id (or MANY)
        for row_id, name, deleted in self.raw.execute("SELECT id, name, deleted FROM accounts"):
            key = name_key(name)
            self.by_id[row_id] = (key, deleted)
            if not deleted:
                self.live[key] = MANY if key in self.live else row_id

    def plan(self, progress: Progress | None, total: int) -> Iterator[list[Change]]:
        self.load()
        by_id, live, problems = self.by_id, self.live, self.problems
        default_scheme = self.ws.settings.tier_scheme
        # A new account, or one with no tier yet in a scheme, gets the tier its figures give,
        # as the account form saves it (one rule, thresholds read once for the whole file).
        rule = tier_rule(self.raw)
        changes: list[Change] = []
        seen_names: dict[str, int] = {}
        renamed: set[str] = set()
        clashes: list[tuple[int, str, str]] = []
        for line, values in self.rows(progress, total):
            if len(changes) >= CHUNK:
                yield changes
                changes = []
            before = len(problems)
            raw_id = values.pop("id", None)
            row_id = self.check_id(line, raw_id)
            owner = self.owner(line, values.pop("owner")) if "owner" in values else None
            name = text_of(values["name"]) if "name" in values else ""
            key = name_key(name)
            existing = by_id.get(row_id) if row_id else None
            if row_id is None and key and not text_of(raw_id):
                row_id = live.get(key)
                if row_id == MANY:
                    self.problem(line, "name", "io.err.ambiguous_account", value=name)
                    row_id = None
                existing = by_id.get(row_id) if row_id else None
            if row_id is not None:
                self.claim(line, row_id, raw_id, existing)
            if key:
                if key in seen_names:
                    self.problem(
                        line, "name", "io.err.duplicate_name", value=name, other=seen_names[key]
                    )
                seen_names.setdefault(key, line)
                if existing is not None and key != existing[0]:
                    renamed.add(row_id)  # type: ignore[arg-type]
                holder = live.get(key)
                if holder is not None and holder != row_id:
                    clashes.append((line, key, name))
            try:
                clean = fields.clean_account(
                    values, default_scheme=default_scheme, new=existing is None
                )
            except ValidationFailed as exc:
                self.field_errors(line, exc)
                continue
            if len(problems) > before:
                continue
            if owner is not None:
                clean["owner_id"] = owner
            for column in TIER_COLUMNS:
                if column in clean and clean[column] is None:
                    # An empty tier cell gives no tier: a new account (or one with none yet)
                    # gets its figures' tier, a tiered one keeps its own (re-importing a file
                    # changes nothing; a re-tier or an override moves a tier).
                    del clean[column]
            if rule is not None:
                known = row_id if existing is not None else None
                clean.update(computed_tiers(self.raw, known, clean, rule))
            if existing is None:
                changes.append(Change(row_id, clean, new=True))
                continue
            if not text_of(raw_id):
                # Found by its name, which matching reads loosely: keep the stored spelling.
                clean.pop("name", None)
            if existing[1]:
                clean["deleted"] = False
                self.restored += 1
            changes.append(Change(row_id, clean))
        for line, key, name in clashes:
            holder = live[key]
            if holder == MANY or holder not in renamed:
                self.problem(line, "name", "io.err.name_taken", value=name)
        self.check_new_ids()
        yield changes
