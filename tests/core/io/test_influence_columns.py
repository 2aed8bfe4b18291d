"""Contacts files with the influence map's columns: keys or labels in, exact round trips out."""

from __future__ import annotations

import csv
import io
import json

import pytest

from katerm.core.accounts.edit import save_account, save_contact
from katerm.core.demo import generate
from katerm.core.io import ImportFailed, export_file
from katerm.core.io import import_file as plain_import
from katerm.core.workspace import open_workspace
from katerm.paths import resolve_paths

from .helpers import contacts, member, snapshot, write


def import_file(*args, **kwargs):
    """These files name owners who are not in the team yet: they join it (--add-owners)."""
    return plain_import(*args, add_owners=True, **kwargs)


def csv_text(ws, kind) -> str:
    out = io.StringIO()
    export_file(ws, kind, out=out, include_personal=True)
    return out.getvalue()


def fresh(ws):
    db_file = ws.paths.db_file
    ws.close()
    for path in db_file.parent.glob(db_file.name + "*"):
        path.unlink()
    return open_workspace(resolve_paths())


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_a_demo_portfolio_exports_and_imports_back_exactly(workspace, tmp_path, fmt):
    generate(workspace, accounts=120, seed=9, lang="zh_CN")
    before = {kind: csv_text(workspace, kind) for kind in ("accounts", "contacts")}
    assert "decision_maker" in before["contacts"] and ",yes," in before["contacts"]
    # Additional coverage travels as our people's logins.
    assert any(r["also_covered_by"] for r in csv.DictReader(io.StringIO(before["contacts"])))
    files = {}
    for kind in ("accounts", "contacts"):
        files[kind] = tmp_path / f"{kind}.{fmt}"
        export_file(workspace, kind, files[kind], include_personal=True)
    empty = fresh(workspace)
    try:
        for kind in ("accounts", "contacts"):
            report = import_file(empty, kind, files[kind])
            assert report.created == report.rows
        assert {kind: csv_text(empty, kind) for kind in before} == before
        again = import_file(empty, "contacts", files["contacts"])
        assert again.unchanged == again.rows and again.updated == 0
    finally:
        empty.close()


def test_a_boss_whose_name_is_shared_is_exported_by_id(workspace, tmp_path):
    from katerm.core import store

    account = save_account(workspace, None, {"name": "Acme"})
    path = write(
        tmp_path / "c.csv",
        "account,name,title,reports_to\nAcme,Wang Wei,CEO,\nAcme,Li Na,CIO,Wang Wei\n",
    )
    import_file(workspace, "contacts", path)
    ceo = next(c for c in contacts(workspace).values() if c["title"] == "CEO")
    li = next(line for line in csv_text(workspace, "contacts").splitlines() if "Li Na" in line)
    assert ",Wang Wei," in li and ceo["id"] not in li  # unique: the name reads better
    with workspace.db.writing() as conn:
        store.insert(
            conn,
            "contacts",
            {"account_id": account, "name": "WANG WEI", "title": "Driver"},
            actor_id=workspace.me.id,
        )
    li = next(line for line in csv_text(workspace, "contacts").splitlines() if "Li Na" in line)
    assert ceo["id"] in li


def test_chinese_labels_member_names_and_a_boss_named_further_down(workspace, tmp_path):
    save_account(workspace, None, {"name": "上海明珠"})
    import_file(workspace, "accounts", write(tmp_path / "a.csv", "name,owner\n其他客户,wang.lei\n"))
    with workspace.db.writing() as conn:
        from katerm.core import store

        store.update(
            conn,
            "users",
            member(workspace, "wang.lei")[0],
            {"name": "王磊"},
            actor_id=workspace.me.id,
        )
    path = write(
        tmp_path / "c.csv",
        "客户名称,联系人,决策角色,其他角色,影响力,态度,支持程度,接触程度,我方负责人,"
        "汇报对象,明日之星,倾向的竞争对手\n"
        "上海明珠,李娜,教练/顾问,推荐者、使用者,中,支持者,唯一支持我们,深度信任,"
        "王磊,王伟,是,\n"
        "上海明珠,王伟,决策者,,高,反对者,不接受我们,见过面,,,否,恒信科技\n",
    )
    report = import_file(workspace, "contacts", path)
    assert report.created == 2
    people = {name: c for (_, name), c in contacts(workspace).items()}
    li, wang = people["李娜"], people["王伟"]
    assert (
        li["role"],
        li["other_roles"],
        li["influence"],
        li["attitude"],
        li["support_level"],
        li["level"],
        li["rising_star"],
    ) == ("coach", "recommender,user", "medium", "supporter", "exclusive_support", 3, 1)
    # An old sheet's contact level (接触程度: 深度信任, 见过面) lands on the one 0–5 scale.
    assert wang["level"] == 1
    assert li["covered_by"] == member(workspace, "wang.lei")[0]
    assert li["reports_to"] == wang["id"] and wang["reports_to"] is None
    assert (wang["role"], wang["attitude"], wang["favours_competitor"]) == (
        "decision_maker",
        "opponent",
        "恒信科技",
    )


def test_a_new_login_in_covered_by_joins_the_team(workspace, tmp_path):
    save_account(workspace, None, {"name": "Acme"})
    path = write(tmp_path / "c.csv", "account,name,covered_by\nAcme,Ann,zhao.min\n")
    report = import_file(workspace, "contacts", path)
    assert report.new_members == ["zhao.min"]
    ann = next(iter(contacts(workspace).values()))
    assert ann["covered_by"] == member(workspace, "zhao.min")[0]


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        (
            "Acme,A,emperor,\n",
            "{path}:2: role: “emperor” is not allowed: choose one of "
            "decision_maker, approver, recommender, coach, executive_sponsor, "
            "initiator, user, influencer, buyer, gatekeeper.",
        ),
        (
            "Acme,A,,B\nAcme,B,,C\nAcme,C,,A\n",
            "{path}:2: reports_to: That would make a circle: A → B → C → A.",
        ),
        ("Acme,A,,A\n", "{path}:2: reports_to: A person cannot report to themselves."),
        (
            "Acme,A,,Nobody\n",
            "{path}:2: reports_to: There is nobody called “Nobody” at this account.",
        ),
        (
            "Acme,A,,Stranger\n",
            "{path}:2: reports_to: There is nobody called “Stranger” at this account.",
        ),
        (
            "Acme,A,,twin\n",
            "{path}:2: reports_to: Several people at this account are called "
            "“twin”; use the contact's id.",
        ),
    ],
)
def test_bad_roles_and_broken_reporting_lines_are_line_errors_and_nothing_is_written(
    workspace, tmp_path, rows, expected
):
    acme = save_account(workspace, None, {"name": "Acme"})
    other = save_account(workspace, None, {"name": "Other"})
    import_file(
        workspace, "contacts", write(tmp_path / "o.csv", f"account_id,name\n{other},Stranger\n")
    )
    for _ in range(2):
        save_contact(workspace, acme, None, {"name": "Twin"})
    before = snapshot(workspace)
    path = write(tmp_path / "c.csv", "account,name,role,reports_to\n" + rows)
    with pytest.raises(ImportFailed) as info:
        import_file(workspace, "contacts", path)
    assert expected.format(path=path) in [str(p) for p in info.value.problems]
    assert snapshot(workspace) == before


def test_a_boss_at_another_account_by_id_is_refused(workspace, tmp_path):
    save_account(workspace, None, {"name": "Acme"})
    other = save_account(workspace, None, {"name": "Other"})
    import_file(
        workspace, "contacts", write(tmp_path / "o.csv", f"account_id,name\n{other},Stranger\n")
    )
    stranger = next(iter(contacts(workspace).values()))["id"]
    path = write(tmp_path / "c.csv", f"account,name,reports_to\nAcme,A,{stranger}\n")
    with pytest.raises(ImportFailed) as info:
        import_file(workspace, "contacts", path)
    assert [p.message for p in info.value.problems] == [
        "Stranger works at another account; a boss must be at the same account."
    ]


def test_a_file_can_fix_a_circle_it_would_otherwise_make(workspace, tmp_path):
    """Re-parenting two people at once: judged on the tree as it will be, not as it is."""
    save_account(workspace, None, {"name": "Acme"})
    import_file(
        workspace,
        "contacts",
        write(tmp_path / "a.csv", "account,name,reports_to\nAcme,A,\nAcme,B,A\n"),
    )
    import_file(
        workspace,
        "contacts",
        write(tmp_path / "b.csv", "account,name,reports_to\nAcme,A,B\nAcme,B,\n"),
    )
    people = {name: c for (_, name), c in contacts(workspace).items()}
    assert people["A"]["reports_to"] == people["B"]["id"] and people["B"]["reports_to"] is None


def test_additional_coverage_imports_from_logins_and_names(workspace, tmp_path):
    from katerm.core.team import add_members

    with workspace.db.writing() as conn:
        ids = add_members(
            conn, ["wang.fang", "li.lei"], manager_id=workspace.me.id, actor_id=workspace.me.id
        )
    save_account(workspace, None, {"name": "Acme"})
    path = write(
        tmp_path / "c.csv",
        "account,name,covered_by,also_covered_by\n"
        "Acme,张总,li.lei,"
        '"wang.fang、li.lei, wang.fang"\n'
        "Acme,刘总,,\n",
    )
    plain_import(workspace, "contacts", path)
    got = contacts(workspace)
    # Each once, and the relationship owner is not his own additional coverage.
    assert json.loads(got[("Acme", "张总")]["also_covered_by"]) == [ids["wang.fang"]]
    assert json.loads(got[("Acme", "刘总")]["also_covered_by"]) == []
    exported = list(csv.DictReader(io.StringIO(csv_text(workspace, "contacts"))))
    assert {r["name"]: r["also_covered_by"] for r in exported} == {"张总": "wang.fang", "刘总": ""}
    bad = write(tmp_path / "d.csv", "account,name,also_covered_by\nAcme,张总,nobody.here\n")
    before = snapshot(workspace)
    with pytest.raises(ImportFailed) as caught:
        plain_import(workspace, "contacts", bad)
    assert [(p.line, p.column) for p in caught.value.problems] == [(2, "also_covered_by")]
    assert snapshot(workspace) == before


def test_the_relationship_level_exports_with_its_word_and_imports_from_any_word(
    workspace, tmp_path
):
    """One 0–5 scale (issue 17): numbers, either language's words, ``3 trusted`` and the old
    contact-level words all import; the export writes the number with its word."""
    save_account(workspace, None, {"name": "Acme"})
    path = write(
        tmp_path / "c.csv",
        "account,name,关系等级\nAcme,A,信任\nAcme,B,5\nAcme,C,2 working contact\nAcme,D,regular\n"
        "Acme,E,朋友\nAcme,F,\n",
    )
    import_file(workspace, "contacts", path)
    levels = {name: c["level"] for (_, name), c in contacts(workspace).items()}
    assert levels == {"A": 3, "B": 5, "C": 2, "D": 2, "E": 4, "F": 0}
    rows = list(csv.DictReader(io.StringIO(csv_text(workspace, "contacts"))))
    assert {r["name"]: r["level"] for r in rows} == {
        "A": "3 trusted",
        "B": "5 partner",
        "C": "2 working contact",
        "D": "2 working contact",
        "E": "4 friend",
        "F": "0 unknown",
    }
    before = snapshot(workspace)
    bad = write(tmp_path / "bad.csv", "account,name,level\nAcme,G,7\nAcme,H,3 friend\n")
    with pytest.raises(ImportFailed) as info:
        import_file(workspace, "contacts", bad)
    assert [(p.line, p.column) for p in info.value.problems] == [(2, "level"), (3, "level")]
    assert "0 unknown, 1 acquainted" in info.value.problems[0].message
    assert snapshot(workspace) == before
