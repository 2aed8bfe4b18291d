"""Exports: what they contain, and that importing one into an empty database reproduces it."""

from __future__ import annotations

import csv
import io
import json

import openpyxl
import pytest

from katerm.core import store
from katerm.core.errors import BadInput
from katerm.core.io import export_file, export_rows, read_table, write_template
from katerm.core.io import import_file as plain_import
from katerm.core.workspace import open_workspace
from katerm.paths import resolve_paths

from .helpers import accounts, write

ACCOUNTS = (
    "name,industry,region,annual_revenue,contract_value,tier,tier_scheme,"
    + '''\
lifecycle,owner,notes
Acme Steel,Steel,North,5000000,1234.5,A,,loyal,li.na,"line one
line two"
上海明珠科技有限公司,制造,华东,1.2亿,0,海豚,fish,,,'=1+1
"Quote ""Co""",,,0.1,,,,former,zhang.wei,+86 21 5555
Gone Ltd,,,,,,,,,
'''
)
CONTACTS = """account,name,title,phone,email,birthday,owner
Acme Steel,Ann Lee,CEO,+1 555 0100,ann@acme.io,1970-01-31,li.na
上海明珠科技有限公司,王磊,采购总监,13800138000,,,
Gone Ltd,Ghost,,,,,
"""


def import_file(*args, **kwargs):
    """These files name owners who are not in the team yet: they join it (--add-owners)."""
    return plain_import(*args, add_owners=True, **kwargs)


@pytest.fixture
def filled(workspace, tmp_path):
    import_file(workspace, "accounts", write(tmp_path / "a.csv", ACCOUNTS))
    import_file(workspace, "contacts", write(tmp_path / "c.csv", CONTACTS))
    gone = accounts(workspace)["Gone Ltd"]["id"]
    with workspace.db.writing() as conn:
        store.delete(conn, "accounts", gone, actor_id=workspace.me.id)
    return workspace


def csv_text(ws, kind, **options) -> str:
    out = io.StringIO()
    export_file(ws, kind, out=out, **options)
    return out.getvalue()


def test_an_account_export_has_ids_owner_logins_and_no_float_noise(filled):
    rows = list(csv.DictReader(io.StringIO(csv_text(filled, "accounts"))))
    assert [r["name"] for r in rows] == ["Acme Steel", 'Quote "Co"', "上海明珠科技有限公司"]
    acme = rows[0]
    assert acme["annual_revenue"] == "5000000" and acme["contract_value"] == "1234.5"
    assert acme["owner"] == "li.na" and acme["notes"] == "line one\nline two"
    assert len(acme["id"]) == 36 and acme["tier_scheme"] == "revenue"
    assert rows[2]["annual_revenue"] == "120000000" and rows[2]["tier_fish"] == "dolphin"
    # Rated a dolphin by the file; by revenue, the tier its figures give (none in the file).
    assert rows[2]["tier"] == "A"
    assert rows[1]["annual_revenue"] == "0.1" and rows[1]["owner"] == "zhang.wei"


def test_deleted_accounts_and_their_contacts_are_not_exported(filled):
    assert "Gone Ltd" not in csv_text(filled, "accounts")
    assert "Ghost" not in csv_text(filled, "contacts")


def test_birthdays_are_exported_only_when_personal_data_is_asked_for(filled):
    columns, rows = export_rows(filled, "contacts")
    assert "birthday" not in columns and "1970-01-31" not in json.dumps(list(rows))
    columns, rows = export_rows(filled, "contacts", include_personal=True)
    ann = dict(zip(columns, next(r for r in rows if r[3] == "Ann Lee"), strict=True))
    assert ann["birthday"] == "1970-01-31" and ann["account"] == "Acme Steel"
    assert ann["account_id"] == accounts(filled)["Acme Steel"]["id"]


def _fresh_workspace_after_deleting(ws):
    """Close and delete the database; the same settings (and login) open a new, empty one."""
    db_file = ws.paths.db_file
    ws.close()
    for path in db_file.parent.glob(db_file.name + "*"):
        path.unlink()
    return open_workspace(resolve_paths())


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_export_then_import_into_an_empty_database_reproduces_everything(filled, tmp_path, fmt):
    files = {}
    for kind in ("accounts", "contacts"):
        files[kind] = tmp_path / f"{kind}.{fmt}"
        export_file(filled, kind, files[kind], include_personal=True)
    before = {
        kind: csv_text(filled, kind, include_personal=True) for kind in ("accounts", "contacts")
    }
    fresh = _fresh_workspace_after_deleting(filled)
    try:
        assert csv_text(fresh, "accounts").count("\n") == 1  # really empty
        for kind in ("accounts", "contacts"):
            report = import_file(fresh, kind, files[kind])
            assert report.created == report.rows > 0
        after = {
            kind: csv_text(fresh, kind, include_personal=True) for kind in ("accounts", "contacts")
        }
        assert after == before
        assert import_file(fresh, "accounts", files["accounts"]).unchanged == 3
    finally:
        fresh.close()


def test_xlsx_keeps_text_that_looks_like_a_formula_as_text(filled, tmp_path):
    export_file(filled, "accounts", tmp_path / "a.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "a.xlsx").active
    cells = {c.value: c.data_type for row in sheet.iter_rows() for c in row if c.value}
    assert cells["=1+1"] == "s" and cells["+86 21 5555"] == "s"
    assert cells[5000000] == "n"


def test_labels_export_headers_in_the_interface_language_that_import_reads(filled, tmp_path):
    from katerm.i18n import set_language

    set_language("zh_CN")
    export_file(filled, "accounts", tmp_path / "a.csv", labels=True)
    set_language("en")
    assert read_table(tmp_path / "a.csv").headers[:3] == ["编号", "客户名称", "行业"]
    assert import_file(filled, "accounts", tmp_path / "a.csv").unchanged == 3


def test_export_format_comes_from_the_extension_or_is_refused(filled, tmp_path):
    export_file(filled, "accounts", tmp_path / "a.JSON")
    assert json.loads((tmp_path / "a.JSON").read_bytes().decode("utf-8"))[0]["name"] == "Acme Steel"
    with pytest.raises(BadInput) as caught:
        export_file(filled, "accounts", tmp_path / "a.doc")
    assert caught.value.key == "io.err.unknown_extension"
    with pytest.raises(BadInput) as caught:
        export_file(filled, "accounts", out=io.StringIO(), fmt="xlsx")
    assert caught.value.key == "io.err.xlsx_needs_file"
    with pytest.raises(BadInput) as caught:
        export_file(filled, "accounts", tmp_path / "no" / "such" / "a.csv")
    assert caught.value.key == "io.err.no_folder"


def test_a_gbk_export_for_old_excel_reads_back(filled, tmp_path):
    export_file(filled, "accounts", tmp_path / "a.csv", encoding="gbk")
    assert "上海明珠".encode("gbk") in (tmp_path / "a.csv").read_bytes()
    assert import_file(filled, "accounts", tmp_path / "a.csv").unchanged == 3


@pytest.mark.parametrize(("lang", "first"), [("en", "name"), ("zh_CN", "客户名称")])
def test_templates_have_headers_in_the_language_and_import_as_empty(
    workspace, tmp_path, lang, first
):
    out = io.StringIO()
    headers = write_template("accounts", out=out, lang=lang)
    assert headers[0] == first and out.getvalue().splitlines() == [",".join(headers)]
    write_template("contacts", tmp_path / "c.xlsx", lang=lang)
    sheet = openpyxl.load_workbook(tmp_path / "c.xlsx").active
    assert [c.value for c in sheet[1]][:2] == (
        ["account", "name"] if lang == "en" else ["所属客户", "姓名"]
    )
    assert import_file(workspace, "contacts", tmp_path / "c.xlsx").rows == 0
