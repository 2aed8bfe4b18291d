"""Planning contacts: each row's account (by id or name) and its contact (by id, else by
account and name). See :mod:`katerm.core.io.planning` for what rows mean.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from katerm.core import fields
from katerm.core.accounts import name_key
from katerm.core.errors import ValidationFailed
from katerm.core.io.mapping import text_of
from katerm.core.io.planning import CHUNK, MANY, Planner
from katerm.core.io.report import Progress
from katerm.core.io.reports_to import BossLinks
from katerm.core.io.tabular import MISSING
from katerm.core.store import Change, new_id


class ContactPlanner(Planner):
    table_name = "contacts"
    kind_name = "contacts"
    other_tables = ("accounts", "users")

    def load(self) -> None:
        self.accounts: dict[str, tuple[str, str]] = {}  # live account id -> (name, key)
        self.account_by_key: dict[str, str] = {}
        for row_id, name in self.raw.execute("SELECT id, name FROM accounts WHERE deleted = 0"):
            key = name_key(name)
            self.accounts[row_id] = (name, key)
            self.account_by_key[key] = MANY if key in self.account_by_key else row_id
        self.by_id: dict[str, tuple[str, int]] = {}  # id -> (account id, deleted)
        self.live: dict[tuple[str, str], str] = {}  # (account id, name key) -> id (or MANY)
        for row_id, account_id, name, deleted in self.raw.execute(
            "SELECT id, account_id, name, deleted FROM contacts"
        ):
            self.by_id[row_id] = (account_id, deleted)
            if not deleted:
                pair = (account_id, name_key(name))
                self.live[pair] = MANY if pair in self.live else row_id

    def account(self, line: int, values: dict[str, Any], current: str | None) -> str | None:
        """The account a row names (by id, else by name); None and a problem if none.

        ``current`` is the account of the contact the row updates, kept when the row (a JSON
        record) has neither key.
        """
        given = "account_id" in values or "account" in values
        raw_id = text_of(values.pop("account_id", "")).lower()
        name = text_of(values.pop("account", ""))
        if not given and current is not None:
            return current
        if not raw_id and not name:
            self.problem(
                line,
                "account" if "account" in self.mapping.headers else "account_id",
                "fields.err.required",
            )
            return None
        if raw_id:
            found = self.accounts.get(raw_id)
            if found is None:
                self.problem(line, "account_id", "io.err.unknown_account_id", value=raw_id)
                return None
            if name and name_key(name) != found[1]:
                self.problem(
                    line,
                    "account",
                    "io.err.account_mismatch",
                    value=name,
                    id=raw_id,
                    actual=found[0],
                )
                return None
            return raw_id
        account_id = self.account_by_key.get(name_key(name))
        if account_id == MANY:
            self.problem(line, "account", "io.err.ambiguous_account", value=name)
            return None
        if account_id is None:
            self.problem(line, "account", "io.err.unknown_account", value=name)
        return account_id

    def plan(self, progress: Progress | None, total: int) -> Iterator[list[Change]]:
        self.load()
        by_id, live, problems = self.by_id, self.live, self.problems
        names_account = "account" in self.mapping.headers or "account_id" in self.mapping.headers
        changes: list[Change] = []
        seen_pairs: dict[tuple[str, str], int] = {}
        # A boss may be named before their row: with a reports_to column, every change waits
        # until the whole file is read (the file's rows are in memory already).
        bosses = BossLinks(self) if "reports_to" in self.mapping.headers else None
        for line, values in self.rows(progress, total):
            if bosses is None and len(changes) >= CHUNK:
                yield changes
                changes = []
            before = len(problems)
            raw_id = values.pop("id", None)
            row_id = self.check_id(line, raw_id)
            owner = self.owner(line, values.pop("owner")) if "owner" in values else None
            covered: Any = MISSING
            if "covered_by" in values:
                cell = values.pop("covered_by")
                covered = self.owner(line, cell, "covered_by") if text_of(cell) else None
            boss_cell = values.pop("reports_to", MISSING)
            existing = by_id.get(row_id) if row_id else None
            account_id: str | None = None
            if names_account:
                account_id = self.account(line, values, existing[0] if existing else None)
            elif existing is not None:
                account_id = existing[0]
            else:
                self.problem(line, None, "io.err.account_required")
            name = text_of(values["name"]) if "name" in values else ""
            key = name_key(name)
            if row_id is None and key and account_id and not text_of(raw_id):
                pair = (account_id, key)
                if pair in seen_pairs:
                    self.problem(
                        line, "name", "io.err.duplicate_contact", value=name, other=seen_pairs[pair]
                    )
                seen_pairs.setdefault(pair, line)
                row_id = live.get(pair)
                if row_id == MANY:
                    self.problem(line, "name", "io.err.ambiguous_contact", value=name)
                    row_id = None
                existing = by_id.get(row_id) if row_id else None
            if row_id is not None:
                self.claim(line, row_id, raw_id, existing)
            try:
                clean = fields.clean_contact(values, new=existing is None)
            except ValidationFailed as exc:
                self.field_errors(line, exc)
                continue
            if len(problems) > before:
                continue
            if account_id is not None and (existing is None or account_id != existing[0]):
                clean["account_id"] = account_id
            if owner is not None:
                clean["owner_id"] = owner
            if covered is not MISSING:
                clean["covered_by"] = covered
            if existing is None:
                if bosses is not None and row_id is None:
                    row_id = new_id()  # others in the file may name this person as boss
                change = Change(row_id, clean, new=True)
            else:
                if not text_of(raw_id):
                    clean.pop("name", None)  # found by its name: keep the stored spelling
                if existing[1]:
                    clean["deleted"] = False
                    self.restored += 1
                change = Change(row_id, clean)
            changes.append(change)
            if bosses is not None and row_id is not None:
                final_account = account_id or (existing[0] if existing else "")
                bosses.row(row_id, final_account, clean.get("name"))
                if boss_cell is not MISSING:
                    bosses.link(line, row_id, final_account, boss_cell, change)
        self.check_new_ids()
        if bosses is not None:
            bosses.resolve()
            for start in range(0, len(changes), CHUNK):
                yield changes[start : start + CHUNK]
            return
        yield changes
