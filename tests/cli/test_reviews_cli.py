"""`katerm log` and `katerm review` as a user types them."""

from __future__ import annotations

import json
import sqlite3

import pytest


@pytest.fixture(autouse=True)
def friday_evening(monkeypatch):
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    monkeypatch.setenv("KATERM_NOW", "2026-11-27T19:30:00+08:00")


def rows(home, sql):
    return sqlite3.connect(home / "data" / "katerm.db").execute(sql).fetchall()


@pytest.fixture
def accounts(cli, tmp_path):
    path = tmp_path / "a.csv"
    path.write_text(
        "name,owner\n上海明珠电子,tester\n上海明珠物流,tester\nNorthwind,tester\n", encoding="utf-8"
    )
    assert cli("import", "accounts", str(path)).code == 0
    contacts = tmp_path / "c.csv"
    contacts.write_text("account,name\n上海明珠电子,张伟\n", encoding="utf-8")
    assert cli("import", "contacts", str(contacts)).code == 0


def test_log_a_visit_then_see_it_in_the_list_and_the_checklist(cli, accounts, katerm_home):
    done = cli(
        "log", "visit", "明珠电子", "--contact", "张伟", "--note", "试用顺利", "--time", "10:30"
    )
    assert done.code == 0, done.err
    assert done.out.strip() == (
        "Logged: Visit at 上海明珠电子 on 2026-11-27 10:30 (contacts: 张伟)."
    )
    assert rows(katerm_home, "SELECT kind, occurred_at, note FROM activities") == [
        ("visit", "2026-11-27T02:30:00.000000+00:00", "试用顺利")
    ]
    listed = json.loads(cli("log", "list", "--format", "json").out)
    assert [(r["account"], r["contacts"], r["time"]) for r in listed] == [
        ("上海明珠电子", "张伟", "10:30")
    ]
    daily = json.loads(cli("review", "daily", "--format", "json").out)
    assert daily["user"] == "tester" and daily["period"] == "2026-11-27"
    visits = daily["items"][0]
    assert {k: visits[k] for k in ("key", "kind", "done", "value", "target")} == {
        "key": "visits",
        "kind": "measured",
        "done": True,
        "value": 1,
        "target": 1,
    }
    assert visits["evidence"][0]["label"] == "Visit · 10:30 上海明珠电子 · 张伟"
    assert set(daily) == {"user", "period", "items"}
    assert all(
        set(i)
        == {"key", "kind", "done", "value", "target", "remaining", "summary", "rule", "evidence"}
        and i["rule"]
        for i in daily["items"]
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("visit", "nowhere"), "No account you can see is called “nowhere”."),
        (("visit", "明珠"), "“明珠” matches several accounts: 上海明珠物流, 上海明珠电子."),
        (("visit", "Northwind", "--contact", "Ghost"), "No contact of this account is called"),
        (("visit", "Northwind", "--date", "2026-13-01"), "“2026-13-01” is not a date"),
        (("call", "Northwind", "--time", "7pm"), "“7pm” is not a time"),
        (("visit", "Northwind", "--scenario", "golf"), "“golf”"),
    ],
)
def test_bad_input_exits_2_with_a_clear_message_and_writes_nothing(
    cli, accounts, katerm_home, args, message
):
    result = cli("log", *args)
    assert result.code == 2 and result.out == ""
    assert message in result.err and "Traceback" not in result.err
    assert rows(katerm_home, "SELECT count(*) FROM activities") == [(0,)]


def test_log_errors_name_the_argument_typed_not_an_internal_field(cli, accounts):
    """A Chinese user reads 「--date: ...」 (what they typed), never the field's code name."""
    result = cli(
        "--lang", "zh_CN", "log", "visit", "Northwind", "--date", "2026-02-30", "--contact", "Ghost"
    )
    assert result.code == 2
    assert "katerm: --date: “2026-02-30”" in result.err
    assert "katerm: --contact: " in result.err
    assert "contacts:" not in result.err and "date:" not in result.err.replace("--date:", "")


def test_weekly_review_for_an_iso_week(cli, accounts):
    for day in ("2026-11-23", "2026-11-24", "2026-11-30"):
        assert cli("log", "visit", "Northwind", "--date", day).code == 0
    weekly = json.loads(cli("review", "weekly", "--week", "2026-W48", "--format", "json").out)
    # Two visits to one customer: one customer visited.
    assert weekly["period"] == "2026-W48" and weekly["items"][0]["value"] == 1
    assert weekly["items"][0]["summary"] == "1 customer visited, 2 visits"
    text = cli("review", "weekly", "--week", "2026-W48").out
    assert "Weekly checklist · tester · 2026-W48" in text and "2026-W41" in text
    bad = cli("review", "weekly", "--week", "2026-W60")
    assert bad.code == 2 and "is not a week" in bad.err


def test_someone_outside_my_team_is_refused(cli, accounts):
    result = cli("review", "daily", "--user", "stranger")
    assert result.code == 2 and "No one in your team" in result.err


def test_plan_tick_and_the_markdown_checklist(cli, accounts, tmp_path):
    assert cli("review", "plan", "Visit Northwind").code == 0  # for Monday 30 November
    md = cli("review", "daily", "--format", "md").out
    assert "- [x] Tomorrow's plan written" in md and "  - Visit Northwind" in md
    out = tmp_path / "day.md"
    assert cli("review", "daily", "--format", "md", "-o", str(out)).code == 0
    assert out.read_text(encoding="utf-8") == md
    measured = cli("review", "tick", "visits")
    assert measured.code == 2 and "ticked from the data" in measured.err


def test_an_empty_day_is_an_empty_checklist(cli):
    result = cli("review", "daily", "--date", "2026-11-22")
    # Stuck orders, gap actions due and key dates: none, so done.
    assert result.code == 0 and "Done 3 of 5." in result.out
    assert "✓ Stuck orders updated     0/0" in result.out


def test_summary_as_markdown_file_in_chinese(cli, katerm_home, tmp_path):
    assert cli("demo", "--no-open", "--accounts", "60").code == 0
    out = tmp_path / "夕会.md"
    result = cli(
        "--lang",
        "zh_CN",
        "review",
        "summary",
        "--date",
        "2026-11-26",
        "--format",
        "md",
        "-o",
        str(out),
    )
    assert result.code == 0, result.err
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# 夕会 · ") and "## 进度落后" in text and "## 决定事项" in text
    assert text.count("# 夕会") == 2  # both teams held their review that day
    one = json.loads(
        cli(
            "review",
            "summary",
            "--date",
            "2026-11-26",
            "--format",
            "json",
            "--team",
            json.loads(cli("review", "summary", "--date", "2026-11-26", "--format", "json").out)[1][
                "team"
            ]["lead"],
        ).out
    )
    assert len(one["sellers"]) == 3


def test_template_edits_from_the_shell(cli, accounts, tmp_path):
    seller = tmp_path / "s.csv"
    seller.write_text("name,owner\nAcme,wang\n", encoding="utf-8")  # wang reports to me
    assert cli("import", "accounts", str(seller), "--add-owners").code == 0
    assert cli("review", "template", "add", "--label", "CRM updated").code == 0
    shown = cli("review", "template", "show", "--date", "2026-11-28").out
    assert "CRM updated" in shown and "manual" in shown
    assert "CRM updated" not in cli("review", "template", "show").out  # not today's
    assert cli("review", "template", "target", "--period", "week", "visits", "8").code == 0
    bad = cli("review", "template", "target", "--period", "week", "visits", "many")
    assert bad.code == 2 and "whole number" in bad.err
    weekly = json.loads(cli("review", "weekly", "--week", "2026-W49", "--format", "json").out)
    assert weekly["items"][0]["target"] == 8


def test_the_output_files_name_says_the_format(cli, accounts, tmp_path):
    """`review weekly -o week.md` wrote the plain-text checklist under that name."""
    md, js = tmp_path / "week.md", tmp_path / "day.json"
    assert cli("review", "weekly", "-o", str(md)).code == 0
    assert md.read_text(encoding="utf-8").startswith("## ")
    assert cli("review", "daily", "-o", str(js)).code == 0
    assert "items" in json.loads(js.read_text(encoding="utf-8"))
    refused = cli("--lang", "zh_CN", "review", "weekly", "-o", str(tmp_path / "w.xlsx"))
    assert refused.code == 2 and not (tmp_path / "w.xlsx").exists()
    assert (
        "请让文件名以 .json、.md、.txt 之一结尾，或加上 --format（text、json、md）。" in refused.err
    )


def test_summary_of_a_past_day_without_a_review_says_none_was_held(cli):
    # Not a made-up meeting "as it stands" with figures "expected by now", years back.
    assert cli("demo", "--no-open", "--accounts", "60").code == 0
    result = cli("review", "summary", "--date", "2020-01-01", "--format", "md")
    assert result.code == 1 and result.out == ""
    assert "No evening review was held on 2020-01-01" in result.err
    zh = cli("--lang", "zh_CN", "review", "summary", "--date", "2020-01-01")
    assert zh.code == 1 and "2020-01-01 没有开夕会" in zh.err
    today = cli("review", "summary", "--format", "md")
    assert today.code == 0 and "this is how it stands" in today.out
