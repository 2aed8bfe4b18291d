"""Importing accounts: all or nothing, matching, owners, tiers, what a re-import changes."""

from __future__ import annotations

import pytest

from katerm.core import store
from katerm.core.io import FileProblem, ImportFailed
from katerm.core.io import import_file as plain_import

from .helpers import accounts, member, snapshot, write

GOOD = """name,industry,region,annual_revenue,tier,owner
Acme Steel,Steel,North,5000000,A,li.na
上海明珠科技有限公司,制造,华东,500万,B类,
Beta Ltd,,South,"1,234.5",,
"""


def import_file(*args, **kwargs):
    """These files name owners who are not in the team yet: they join it (--add-owners)."""
    return plain_import(*args, add_owners=True, **kwargs)


def problems_of(caught) -> list[tuple[int | None, str | None, str]]:
    return [(p.line, p.column, p.key) for p in caught.value.problems]


def test_a_good_file_creates_every_row_with_clean_values(workspace, tmp_path):
    report = import_file(workspace, "accounts", write(tmp_path / "a.csv", GOOD))
    assert (report.rows, report.created, report.updated, report.unchanged) == (3, 3, 0, 0)
    got = accounts(workspace)
    assert got["Acme Steel"]["annual_revenue"] == 5_000_000 and got["Acme Steel"]["tier"] == "A"
    assert got["上海明珠科技有限公司"]["annual_revenue"] == 5_000_000
    assert got["上海明珠科技有限公司"]["tier"] == "B"
    assert got["Beta Ltd"]["annual_revenue"] == 1234.5 and got["Beta Ltd"]["tier"] == "D"
    assert got["Beta Ltd"]["lifecycle"] == "customer"  # buys from us: not a prospect


def test_owners_new_to_the_team_join_it_under_me_and_empty_means_me(workspace, tmp_path):
    report = import_file(workspace, "accounts", write(tmp_path / "a.csv", GOOD))
    assert report.new_members == ["li.na"]
    li_na = member(workspace, "li.na")
    assert li_na is not None and li_na[1] == workspace.me.id
    got = accounts(workspace)
    assert got["Acme Steel"]["owner_id"] == li_na[0]
    assert got["Beta Ltd"]["owner"] == workspace.me.login


def test_one_bad_row_among_good_ones_writes_nothing_and_names_its_line(workspace, tmp_path):
    before = snapshot(workspace)
    path = write(tmp_path / "a.csv", GOOD + "Gamma,,,-5,,\nDelta,,,lots,Z,new.person\n")
    with pytest.raises(ImportFailed) as caught:
        import_file(workspace, "accounts", path)
    assert problems_of(caught) == [
        (5, "annual_revenue", "fields.err.negative"),
        (6, "annual_revenue", "fields.err.not_a_number"),
        (6, "tier", "fields.err.bad_tier"),
    ]
    assert caught.value.exit_code == 2
    assert str(caught.value.problems[0]).startswith(f"{path}:5: annual_revenue: ")
    assert snapshot(workspace) == before  # not even the new team members li.na, new.person


@pytest.mark.parametrize("content", [None, b"", b"\x00\x01\x02binary\x00" * 50])
def test_missing_empty_and_binary_files_write_nothing(workspace, tmp_path, content):
    path = tmp_path / "a.csv"
    if content is not None:
        path.write_bytes(content)
    before = snapshot(workspace)
    with pytest.raises(FileProblem) as caught:
        import_file(workspace, "accounts", path)
    assert caught.value.exit_code == 2 and str(path) in caught.value.message
    assert snapshot(workspace) == before


def test_a_header_only_file_imports_nothing_without_complaint(workspace, tmp_path):
    report = import_file(workspace, "accounts", write(tmp_path / "a.csv", "名称,年收入\n"))
    assert report.rows == 0 and report.created == 0


def test_reimporting_the_same_file_changes_and_queues_nothing(workspace, tmp_path):
    path = write(tmp_path / "a.csv", GOOD)
    import_file(workspace, "accounts", path)
    before = snapshot(workspace)
    report = import_file(workspace, "accounts", path)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 3)
    assert report.new_members == []
    assert snapshot(workspace) == before


def test_rows_match_by_name_ignoring_case_and_spaces_and_update_only_their_columns(
    workspace, tmp_path
):
    import_file(workspace, "accounts", write(tmp_path / "a.csv", GOOD))
    report = import_file(
        workspace,
        "accounts",
        write(tmp_path / "b.csv", "Name,Region\n  ACME   steel ,West\nbeta ltd,\n"),
    )
    assert (report.created, report.updated) == (0, 2)
    got = accounts(workspace)
    assert got["Acme Steel"]["region"] == "West" and got["Acme Steel"]["tier"] == "A"
    assert got["Acme Steel"]["annual_revenue"] == 5_000_000  # absent column: untouched
    assert got["Beta Ltd"]["region"] == ""  # present but empty: cleared
    assert "ACME   steel" not in got  # the name matched; it did not rename the account


def test_chinese_headers_and_a_unit_in_the_header(workspace, tmp_path):
    path = write(
        tmp_path / "a.csv",
        "序号,客户名称,年销售额（万元）,客户经理,客户级别,所属行业\n"
        "1,华东电网,1200,wang.fang,A,能源\n2,明珠,0.5,,D,\n",
    )
    report = import_file(workspace, "accounts", path)
    assert report.created == 2 and report.ignored_columns == ["序号"]
    got = accounts(workspace)
    assert got["华东电网"]["annual_revenue"] == 12_000_000
    assert got["华东电网"]["owner"] == "wang.fang" and got["华东电网"]["industry"] == "能源"
    assert got["明珠"]["annual_revenue"] == 5000


def test_unknown_and_repeated_columns_are_reported_on_the_header_line(workspace, tmp_path):
    path = write(tmp_path / "a.csv", "name,colour,名称\nA,red,A\n")
    with pytest.raises(ImportFailed) as caught:
        import_file(workspace, "accounts", path)
    assert problems_of(caught) == [
        (1, "colour", "io.err.unknown_column"),
        (1, "名称", "io.err.duplicate_column"),
    ]


def test_a_file_without_a_name_or_id_column_is_refused(workspace, tmp_path):
    with pytest.raises(ImportFailed) as caught:
        import_file(workspace, "accounts", write(tmp_path / "a.csv", "region\nNorth\n"))
    assert problems_of(caught) == [(1, None, "io.err.no_key_column")]


def test_duplicate_names_in_the_file_are_refused(workspace, tmp_path):
    path = write(tmp_path / "a.csv", "name\nAcme\nOther\n acme \n")
    with pytest.raises(ImportFailed) as caught:
        import_file(workspace, "accounts", path)
    assert problems_of(caught) == [(4, "name", "io.err.duplicate_name")]
    assert caught.value.problems[0].params["other"] == 2


def test_renaming_onto_another_accounts_name_is_refused_but_a_swap_is_fine(workspace, tmp_path):
    import_file(workspace, "accounts", write(tmp_path / "a.csv", "name\nAcme\nBeta\n"))
    ids = {name: a["id"] for name, a in accounts(workspace).items()}
    clash = write(tmp_path / "b.csv", f"id,name\n{ids['Acme']},beta\n")
    with pytest.raises(ImportFailed) as caught:
        import_file(workspace, "accounts", clash)
    assert problems_of(caught) == [(2, "name", "io.err.name_taken")]
    swap = write(tmp_path / "c.csv", f"id,name\n{ids['Acme']},Beta\n{ids['Beta']},Acme\n")
    assert import_file(workspace, "accounts", swap).updated == 2
    assert {n: a["id"] for n, a in accounts(workspace).items()} == {
        "Beta": ids["Acme"],
        "Acme": ids["Beta"],
    }


def test_a_new_id_that_clashes_with_an_existing_name_is_refused(workspace, tmp_path):
    import_file(workspace, "accounts", write(tmp_path / "a.csv", "name\nAcme\n"))
    path = write(tmp_path / "b.csv", f"id,name\n{store.new_id()},ACME\n")
    with pytest.raises(ImportFailed) as caught:
        import_file(workspace, "accounts", path)
    assert problems_of(caught) == [(2, "name", "io.err.name_taken")]


def test_tiers_are_checked_against_the_rows_scheme_and_the_settings_default(workspace, tmp_path):
    path = write(tmp_path / "a.csv", "name,tier,tier_scheme\nA,海豚,fish\nB,A,\nC,whale,\n")
    with pytest.raises(ImportFailed) as caught:
        import_file(workspace, "accounts", path)
    assert problems_of(caught) == [(4, "tier", "fields.err.bad_tier")]
    workspace.settings.tier_scheme = "fish"
    report = import_file(workspace, "accounts", write(tmp_path / "b.csv", "name,tier\nA,大鲸鱼\n"))
    assert report.created == 1
    assert accounts(workspace)["A"]["tier_fish"] == "whale"


def test_a_tier_in_another_scheme_keeps_the_first_one(workspace, tmp_path):
    import_file(workspace, "accounts", write(tmp_path / "a.csv", "name,tier\nA,A\n"))
    import_file(
        workspace, "accounts", write(tmp_path / "b.csv", "name,tier,tier_scheme\nA,海豚,fish\n")
    )
    got = accounts(workspace)["A"]
    assert (got["tier_revenue"], got["tier_fish"]) == ("A", "dolphin")
    path = write(tmp_path / "c.csv", "name,tier_size,tier_strategic\nA,超大型,maybe\n")
    with pytest.raises(ImportFailed) as caught:
        import_file(workspace, "accounts", path)
    assert problems_of(caught) == [(2, "tier_strategic", "fields.err.bad_tier")]


def test_an_id_of_another_kind_of_record_is_refused(workspace, tmp_path):
    path = write(tmp_path / "a.csv", f"id,name\n{workspace.me.id},Acme\nnot-an-id,Beta\n")
    with pytest.raises(ImportFailed) as caught:
        import_file(workspace, "accounts", path)
    assert problems_of(caught) == [(2, "id", "io.err.id_is_users"), (3, "id", "io.err.bad_id")]


def test_a_deleted_account_named_by_its_id_comes_back(workspace, tmp_path):
    import_file(workspace, "accounts", write(tmp_path / "a.csv", "name,region\nAcme,N\n"))
    acme = accounts(workspace)["Acme"]["id"]
    with workspace.db.writing() as conn:
        store.delete(conn, "accounts", acme, actor_id=workspace.me.id)
    report = import_file(
        workspace, "accounts", write(tmp_path / "b.csv", f"id,name,region\n{acme},Acme,S\n")
    )
    assert (report.restored, report.updated, report.created) == (1, 0, 0)
    assert accounts(workspace)["Acme"]["region"] == "S"


def test_a_dry_run_reports_the_same_counts_and_writes_nothing(workspace, tmp_path):
    import_file(workspace, "accounts", write(tmp_path / "a.csv", "name\nAcme\n"))
    before = snapshot(workspace)
    path = write(tmp_path / "b.csv", "name,region,owner\nAcme,N,x.y\nNew,,\n")
    report = import_file(workspace, "accounts", path, dry_run=True)
    assert (report.created, report.updated, report.dry_run) == (1, 1, True)
    assert report.new_members == ["x.y"]
    assert snapshot(workspace) == before


def test_progress_is_reported_and_raising_from_it_cancels_everything(workspace, tmp_path):
    rows = "".join(f"Account {i},{i}\n" for i in range(12000))
    path = write(tmp_path / "a.csv", "name,annual_revenue\n" + rows)
    seen: list[tuple[int, int]] = []
    import_file(
        workspace,
        "accounts",
        path,
        dry_run=True,
        progress=lambda done, total: seen.append((done, total)),
    )
    assert seen and seen[-1] == (12000, 12000) and len(seen) > 3
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    before = snapshot(workspace)

    def cancel(done: int, total: int) -> None:
        if done >= 8000:  # after the first 5,000 rows were written in the transaction
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        import_file(workspace, "accounts", path, progress=cancel)
    assert snapshot(workspace) == before


def test_ragged_rows_and_values_without_a_header(workspace, tmp_path):
    path = write(tmp_path / "a.csv", "name,region,\nA\nB,N,,\nC,S,x\nD,N,y,z\n")
    with pytest.raises(ImportFailed) as caught:
        import_file(workspace, "accounts", path)
    assert problems_of(caught) == [
        (2, None, "io.err.missing_cells"),
        (4, None, "io.err.unnamed_cell"),
        (5, None, "io.err.extra_cells"),
        (5, None, "io.err.unnamed_cell"),
    ]


def test_an_owner_may_be_a_members_name_and_an_unknown_name_gets_a_login_example(
    workspace, tmp_path
):
    with workspace.db.writing() as conn:
        wang = store.insert(
            conn,
            "users",
            {"login": "wang.lei", "name": "王磊", "manager_id": workspace.me.id},
            actor_id=workspace.me.id,
        )
    report = import_file(
        workspace,
        "accounts",
        write(tmp_path / "a.csv", "客户名称,客户经理\n明珠,王磊\n华信,WANG.LEI\n"),
    )
    assert report.created == 2 and report.new_members == []
    assert {a["owner_id"] for a in accounts(workspace).values()} == {wang}
    unknown = write(tmp_path / "b.csv", "客户名称,客户经理\n东方,李娜\n")
    with pytest.raises(ImportFailed) as caught:
        plain_import(workspace, "accounts", unknown)
    (problem,) = caught.value.problems
    assert (problem.line, problem.column, problem.key) == (2, "客户经理", "io.err.new_owner")
    assert "li.na" in problem.message and caught.value.unknown_owners == ["李娜"]
    # With --add-owners a name joins the team under a login made from it.
    assert import_file(workspace, "accounts", unknown).new_members == ["li.na (李娜)"]
    assert member(workspace, "li.na")[1] == workspace.me.id


def test_a_deleted_members_login_brings_the_member_back(workspace, tmp_path):
    import_file(workspace, "accounts", write(tmp_path / "a.csv", "name,owner\nA,li.na\n"))
    li_na = member(workspace, "li.na")[0]
    with workspace.db.writing() as conn:
        store.delete(conn, "users", li_na, actor_id=workspace.me.id)
    report = import_file(workspace, "accounts", write(tmp_path / "b.csv", "name,owner\nB,li.na\n"))
    assert report.new_members == ["li.na"]
    with workspace.db.reading() as conn:
        assert conn.execute("SELECT deleted FROM users WHERE id = ?", (li_na,)).fetchone() == (0,)
    assert accounts(workspace)["B"]["owner_id"] == li_na


def test_an_account_with_no_tier_yet_gets_its_figures_tier_and_a_tiered_one_keeps_its_own(
    workspace, tmp_path
):
    import_file(workspace, "accounts", write(tmp_path / "a.csv", GOOD))
    got = accounts(workspace)
    with workspace.db.writing() as conn:  # as an account saved before tiers were computed
        store.update(
            conn,
            "accounts",
            got["Beta Ltd"]["id"],
            {"tier_revenue": None, "tier_fish": None},
            actor_id=workspace.me.id,
        )
    path = write(tmp_path / "b.csv", "name,annual_revenue\nBeta Ltd,6000000\nAcme Steel,10\n")
    import_file(workspace, "accounts", path)
    got = accounts(workspace)
    assert (got["Beta Ltd"]["tier_revenue"], got["Beta Ltd"]["tier_fish"]) == ("A", "minnow")
    assert got["Acme Steel"]["tier_revenue"] == "A"  # stored: a re-tier suggestion moves it


def test_an_empty_cell_keeps_a_stored_value_that_cannot_be_empty(workspace, tmp_path):
    """Re-importing an opportunity whose opening day was blanked keeps the stored day (as the
    app's form does), instead of failing inside the database; a new row still opens today."""
    import_file(workspace, "accounts", write(tmp_path / "a.csv", "name\n北京远航\n"))
    first = "account,name,stage,opened_on,amount\n北京远航,商机5,contract,2026-10-05,100\n"
    import_file(workspace, "opportunities", write(tmp_path / "o.csv", first))
    again = (
        "account,name,stage,opened_on,amount\n"
        "北京远航,商机5,contract,,200\n"
        "北京远航,商机6,lead,,1\n"
    )
    report = import_file(workspace, "opportunities", write(tmp_path / "o2.csv", again))
    assert (report.created, report.updated) == (1, 1)
    with workspace.db.reading() as conn:
        rows = conn.execute("SELECT name, opened_on, amount FROM opportunities ORDER BY name")
        stored = [tuple(r) for r in rows]
    today = workspace.clock.today().isoformat()
    assert stored == [("商机5", "2026-10-05", 200.0), ("商机6", today, 1.0)]
