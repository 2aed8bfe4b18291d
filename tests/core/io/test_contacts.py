"""Importing contacts: their account by id or name, matching, personal data."""

from __future__ import annotations

import datetime

import openpyxl
import pytest

from katerm.core.io import ImportFailed
from katerm.core.io import import_file as plain_import

from .helpers import accounts, contacts, snapshot, write


def import_file(*args, **kwargs):
    """These files name owners who are not in the team yet: they join it (--add-owners)."""
    return plain_import(*args, add_owners=True, **kwargs)


@pytest.fixture
def two_accounts(workspace, tmp_path):
    import_file(workspace, "accounts", write(tmp_path / "acc.csv", "name\n华东电网\nAcme Steel\n"))
    return {name: a["id"] for name, a in accounts(workspace).items()}


def test_contacts_name_their_account_by_name_in_any_case(workspace, tmp_path, two_accounts):
    path = write(
        tmp_path / "c.csv",
        "所属客户,姓名,职务,手机,邮箱,生日\n"
        "华东电网,王磊,采购总监,13800138000,wang@example.cn,1980年5月1日\n"
        "acme steel,John Smith,CTO,+1 555 0100,,\n",
    )
    report = import_file(workspace, "contacts", path)
    assert report.created == 2
    got = contacts(workspace)
    wang = got[("华东电网", "王磊")]
    assert wang["account_id"] == two_accounts["华东电网"] and wang["title"] == "采购总监"
    assert wang["phone"] == "13800138000" and wang["birthday"] == "1980-05-01"
    assert got[("Acme Steel", "John Smith")]["owner_id"] == workspace.me.id


def test_reimporting_contacts_matches_them_by_account_and_name(workspace, tmp_path, two_accounts):
    path = write(tmp_path / "c.csv", "account,name,title\nAcme Steel,Ann,CEO\n")
    import_file(workspace, "contacts", path)
    before = snapshot(workspace)
    assert import_file(workspace, "contacts", path).unchanged == 1
    assert snapshot(workspace) == before
    report = import_file(
        workspace,
        "contacts",
        write(tmp_path / "d.csv", "account,name,title\nACME STEEL,ann,Chair\n"),
    )
    assert (report.created, report.updated) == (0, 1)
    assert contacts(workspace)[("Acme Steel", "Ann")]["title"] == "Chair"


def test_unknown_accounts_and_missing_accounts_are_refused(workspace, tmp_path, two_accounts):
    before = snapshot(workspace)
    path = write(
        tmp_path / "c.csv",
        "account,name,email\nAcme Steel,Ann,ann@x.io\nNowhere Inc,Bob,\n"
        ",Cy,\nAcme Steel,Dee,not-an-email\nAcme Steel,ann,\n",
    )
    with pytest.raises(ImportFailed) as caught:
        import_file(workspace, "contacts", path)
    assert [(p.line, p.column, p.key) for p in caught.value.problems] == [
        (3, "account", "io.err.unknown_account"),
        (4, "account", "fields.err.required"),
        (5, "email", "fields.err.bad_email"),
        (6, "name", "io.err.duplicate_contact"),
    ]
    assert snapshot(workspace) == before


def test_a_new_contact_needs_an_account_column(workspace, tmp_path, two_accounts):
    with pytest.raises(ImportFailed) as caught:
        import_file(workspace, "contacts", write(tmp_path / "c.csv", "name\nAnn\n"))
    assert [p.key for p in caught.value.problems] == ["io.err.account_required"]


def test_account_id_wins_but_must_agree_with_the_account_name(workspace, tmp_path, two_accounts):
    acme = two_accounts["Acme Steel"]
    ok = write(tmp_path / "c.csv", f"account_id,account,name\n{acme},acme steel,Ann\n")
    assert import_file(workspace, "contacts", ok).created == 1
    unknown = acme[:-1] + ("1" if acme.endswith("0") else "0")  # surely not an account id
    bad = write(
        tmp_path / "d.csv", f"account_id,account,name\n{acme},华东电网,Bob\n{unknown},,Cy\n"
    )
    with pytest.raises(ImportFailed) as caught:
        import_file(workspace, "contacts", bad)
    assert [(p.line, p.column, p.key) for p in caught.value.problems] == [
        (2, "account", "io.err.account_mismatch"),
        (3, "account_id", "io.err.unknown_account_id"),
    ]


def test_an_account_id_in_the_contact_id_column_is_refused(workspace, tmp_path, two_accounts):
    acme = two_accounts["Acme Steel"]
    with pytest.raises(ImportFailed) as caught:
        import_file(
            workspace,
            "contacts",
            write(tmp_path / "c.csv", f"id,account,name\n{acme},Acme Steel,Ann\n"),
        )
    assert [p.key for p in caught.value.problems] == ["io.err.id_is_accounts"]


def test_a_contact_moves_to_another_account_when_named_by_id(workspace, tmp_path, two_accounts):
    import_file(workspace, "contacts", write(tmp_path / "c.csv", "account,name\nAcme Steel,Ann\n"))
    ann = contacts(workspace)[("Acme Steel", "Ann")]["id"]
    report = import_file(
        workspace, "contacts", write(tmp_path / "d.csv", f"id,account,name\n{ann},华东电网,Ann\n")
    )
    assert report.updated == 1
    assert contacts(workspace)[("华东电网", "Ann")]["id"] == ann


def test_an_xlsx_contact_list_with_numbers_and_dates_as_excel_stores_them(
    workspace, tmp_path, two_accounts
):
    book = openpyxl.Workbook()
    book.active.append(["客户名称", "联系人", "手机号", "出生日期"])
    book.active.append(["华东电网", "李娜", 13912345678, datetime.datetime(1985, 3, 2)])
    book.save(tmp_path / "c.xlsx")
    assert import_file(workspace, "contacts", tmp_path / "c.xlsx").created == 1
    li = contacts(workspace)[("华东电网", "李娜")]
    assert li["phone"] == "13912345678" and li["birthday"] == "1985-03-02"
