"""The kind declarations: each column stored somewhere real, headers that read back in both
languages, the command line's list of kinds the registry's."""

from __future__ import annotations

import pytest

from katerm.cli import io_cmds
from katerm.core import store
from katerm.core.io.columns import label, match_header
from katerm.core.io.kind import USER
from katerm.core.io.kinds import KINDS, REGISTRY, get
from katerm.core.io.team import TeamPlanner
from katerm.i18n import LANGUAGES


def test_the_command_line_lists_the_registrys_kinds_in_order():
    assert io_cmds.KINDS == KINDS


@pytest.mark.parametrize("kind", KINDS)
def test_every_column_is_stored_in_the_table_or_says_it_is_not(kind):
    declared = get(kind)
    fields = set(store.table_info(declared.table).fields)
    links = {r.id_col for r in declared.refs} | {r.name_col for r in declared.refs}
    for col in declared.columns:
        if col.name == "id" or col.name in links or col.field == "" or col.sql:
            continue
        if declared.planner and col.name in (
            "owner",
            "covered_by",
            "reports_to",
            "manager",
            "account",
        ):
            continue  # resolved by the kind's own planner
        assert col.stored in fields, (kind, col.name)
    for ref in declared.refs:
        assert ref.required or ref.field in fields or ref.table == "accounts", (kind, ref)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("kind", KINDS)
def test_headers_in_each_language_are_unique_and_read_back_as_their_column(kind, lang):
    names = [c.name for c in get(kind).columns]
    headers = [label(kind, name, lang=lang) for name in names]
    assert len(set(headers)) == len(headers), (kind, lang, headers)
    for name, header in zip(names, headers, strict=True):
        assert match_header(kind, header)[0] == name, (kind, lang, header)
        assert match_header(kind, name)[0] == name


def test_kinds_come_after_what_they_point_at():
    seen: set[str] = set()
    for kind in REGISTRY.kinds.values():
        assert set(kind.depends) <= seen, kind.name
        seen.add(kind.name)


def test_each_kind_can_name_its_people_by_login():
    for kind in REGISTRY.kinds.values():
        users = [c for c in kind.columns if c.type == USER]
        if kind.planner is None:
            assert any(c.name == "owner" for c in users) or kind.name == "activities", kind.name


def test_the_team_has_its_own_planner():
    module, _, name = get("team").planner.partition(":")
    assert name == TeamPlanner.__name__ and module == TeamPlanner.__module__
