"""``export --labels`` writes choices as the words the screens show, and imports read them back.

A seller exports with labels to share a readable sheet, edits it and imports it again: every
kind with choice columns, exported with labels in English and in Chinese and imported into a
fresh workspace, exports (without labels) exactly as the original did.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from katerm.core.demo import generate
from katerm.core.io import export_file, export_workbook, import_file, import_workbook
from katerm.core.io.kinds import KINDS, get
from katerm.core.io.tabular import read_table
from katerm.core.workspace import open_workspace
from katerm.i18n import LANGUAGES, catalogue, set_language
from katerm.paths import resolve_paths

WORDED = tuple(k for k in KINDS if any(c.words for c in get(k).columns))


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("demo") / "demo.db"
    ws = open_workspace(resolve_paths().with_db(db))
    generate(ws, accounts=30, seed=3, lang="en")
    ws.close()
    return db


def _content(path: Path) -> object:
    if path.suffix == ".xlsx":  # a workbook's bytes hold the moment it was written
        return list(openpyxl.load_workbook(path, read_only=True).active.values)
    return path.read_bytes()


def _words_differ(kind: str, plain: Path, given: Path) -> bool:
    """Whether a choice column of ``given`` holds a word where ``plain`` has the key."""
    worded = {c.name for c in get(kind).columns if c.words}
    before, after = read_table(plain), read_table(given)
    at = [i for i, name in enumerate(before.headers) if name in worded]
    return any(
        old[i] != new[i]
        for (_, old), (_, new) in zip(before.rows, after.rows, strict=True)
        for i in at
    )


def _plain(ws, kind: str, path: Path) -> object:
    export_file(ws, kind, path, include_personal=True)
    return _content(path)


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx"])
def test_every_kind_exported_with_words_imports_back_to_the_same_data(demo, tmp_path, lang, fmt):
    source = open_workspace(resolve_paths().with_db(demo))
    moved = open_workspace(resolve_paths().with_db(tmp_path / "moved.db"))
    worded_any = set()
    try:
        for kind in KINDS:  # in import order: each kind after what it points at
            original = _plain(source, kind, tmp_path / f"{kind}.plain.{fmt}")
            given = tmp_path / f"{kind}.{lang}.{fmt}"
            set_language(lang)
            export_file(source, kind, given, include_personal=True, labels=True)
            set_language("en")
            if _words_differ(kind, tmp_path / f"{kind}.plain.{fmt}", given):
                worded_any.add(kind)
            import_file(moved, kind, given)
            again = _plain(moved, kind, tmp_path / f"{kind}.again.{fmt}")
            assert again == original, kind
    finally:
        set_language("en")
        source.close()
        moved.close()
    # The demo fills most kinds: their choices went out as words (and came back as keys).
    assert {"accounts", "contacts", "opportunities", "gaps"} <= worded_any


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_a_workbook_of_words_moves_a_workspace(demo, tmp_path, lang):
    """``export all --labels`` then ``import all`` into a fresh workspace: the same data."""
    source = open_workspace(resolve_paths().with_db(demo))
    moved = open_workspace(resolve_paths().with_db(tmp_path / "moved.db"))
    try:
        set_language(lang)
        export_workbook(source, tmp_path / "all.xlsx", include_personal=True, words=True)
        set_language("en")
        assert not import_workbook(moved, tmp_path / "all.xlsx").skipped_sheets
        for kind in KINDS:
            original = _plain(source, kind, tmp_path / f"{kind}.csv")
            assert _plain(moved, kind, tmp_path / f"{kind}.again.csv") == original, kind
    finally:
        set_language("en")
        source.close()
        moved.close()


def test_a_labelled_chinese_export_has_words_not_codes(demo, tmp_path):
    ws = open_workspace(resolve_paths().with_db(demo))
    set_language("zh_CN")
    try:
        export_file(ws, "accounts", tmp_path / "a.csv", labels=True)
        export_file(ws, "contacts", tmp_path / "c.csv", labels=True)
    finally:
        set_language("en")
        ws.close()
    accounts = read_table(tmp_path / "a.csv")
    life = accounts.headers.index("生命周期")
    assert {cells[life] for _, cells in accounts.rows} <= {
        "潜在客户",
        "成交客户",
        "忠诚客户",
        "流失客户",
    }
    fish = {cells[accounts.headers.index("级别（价量）")] for _, cells in accounts.rows}
    assert fish <= {"大鲸鱼", "海豚", "鲨鱼", "小鱼", ""} and fish - {""}
    contacts = read_table(tmp_path / "c.csv")
    roles = {cells[contacts.headers.index("决策角色")] for _, cells in contacts.rows}
    assert "决策者" in roles and "decision_maker" not in roles


def test_an_import_takes_a_choice_word_in_either_language_or_its_key(workspace, tmp_path):
    accounts = tmp_path / "a.csv"
    accounts.write_text("name,lifecycle\nAcme,流失客户\n", encoding="utf-8")
    import_file(workspace, "accounts", accounts)
    deals = tmp_path / "o.csv"
    deals.write_text(
        "account,name,stage,outcome\nAcme,A,回款,won\nAcme,B,CASH COLLECTED,丢单\n"
        "Acme,C,Contract,Lost\n",
        encoding="utf-8",
    )
    import_file(workspace, "opportunities", deals)
    with workspace.db.reading() as conn:
        found = conn.execute("SELECT name, stage, outcome FROM opportunities ORDER BY name")
        assert found.fetchall() == [
            ("A", "cash", "won"),
            ("B", "cash", "lost"),
            ("C", "contract", "lost"),
        ]
        assert conn.execute("SELECT lifecycle FROM accounts").fetchone() == ("former",)


def _areas() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for key in catalogue("en"):
        area, _, last = key.rpartition(".")
        found.setdefault(area, set()).add(last)
    return found


def test_every_choice_column_with_words_on_screen_declares_them():
    """A choice column whose keys all have words in one catalogue area (the screens show
    them) names that area, so ``--labels`` writes words; a declared area has every key's
    word in both languages."""
    areas = _areas()
    for kind in KINDS:
        for col in get(kind).columns:
            keys = {c for c in col.choices if c}
            if col.words and keys:
                for lang in LANGUAGES:
                    missing = {k for k in keys if f"{col.words}.{k}" not in catalogue(lang)}
                    assert not missing, (kind, col.name, lang, missing)
            elif keys:
                shown = [a for a, known in areas.items() if keys <= known]
                assert not shown, f"{kind}.{col.name}: declare words= (one of {shown})"


def test_thresholds_in_words_read_back_as_keys(workspace, tmp_path):
    """The demo sets no thresholds: a team's own sheet of them, in words, reads back."""
    path = tmp_path / "t.csv"
    sheet = "分级方案,级别,度量,门槛\n按销售额 A/B/C/D,A,年销售额,5000000\n"
    path.write_text(sheet, encoding="utf-8")
    import_file(workspace, "tier_thresholds", path)
    with workspace.db.reading() as conn:
        found = conn.execute("SELECT scheme, tier, measure FROM tier_thresholds").fetchall()
    assert found == [("revenue", "A", "annual_revenue")]
    set_language("zh_CN")
    try:
        export_file(workspace, "tier_thresholds", tmp_path / "again.csv", labels=True)
    finally:
        set_language("en")
    assert "按销售额 A/B/C/D,A,年销售额,5000000" in (tmp_path / "again.csv").read_text("utf-8-sig")
