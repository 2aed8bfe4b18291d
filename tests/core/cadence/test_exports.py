"""The reviews' exports: a self-contained HTML page that a real browser (Debian's chromium,
driven by Playwright) opens with its charts drawn and no console error, and a workbook with one
sheet per table, numbers as numbers, labels in the chosen language.

The browser is the system's (.ci/run installs it with apt); this test installs nothing and
fails, not skips, when it is missing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.core.cadence.test_monthly import NOV

pytestmark = pytest.mark.now("2026-11-27")
CHROMIUM = Path("/usr/bin/chromium")


def test_the_html_opens_in_a_browser_with_the_charts_drawn_and_no_errors(cli, risky, tmp_path):
    pages = {
        "month": cli(
            "review",
            "monthly",
            "--month",
            NOV.key,
            "--format",
            "html",
            "-o",
            str(tmp_path / "m.html"),
        ),
        "quarter": cli(
            "review",
            "quarterly",
            "--quarter",
            "2026Q4",
            "--format",
            "html",
            "--lang",
            "zh_CN",
            "-o",
            str(tmp_path / "q.html"),
        ),
    }
    assert all(r.code == 0 for r in pages.values()), [r.err for r in pages.values()]
    month = (tmp_path / "m.html").read_text(encoding="utf-8")
    # Self-contained: nothing fetched (no script, link, image or font from elsewhere).
    for needle in ("<script", "<link", "http://", "https://", "@import", "url("):
        assert needle not in month.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "@media print" in month
    assert CHROMIUM.exists(), "the HTML check needs Debian's chromium: apt-get install -y chromium"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as play:
        browser = play.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        try:
            drawn = {}
            for name, file in (("month", "m.html"), ("quarter", "q.html")):
                page = browser.new_page()
                problems: list[str] = []
                page.on("console", lambda m, p=problems: p.append(f"{m.type}: {m.text}"))
                page.on("pageerror", lambda e, p=problems: p.append(str(e)))
                page.on("requestfailed", lambda r, p=problems: p.append(f"request {r.url}"))
                page.goto((tmp_path / file).as_uri())
                drawn[name] = page.evaluate(
                    "[...document.querySelectorAll('svg.chart')].map(s => [s.id, "
                    "[...s.querySelectorAll('rect.bar')].filter(r => r.getBBox().width > 0)"
                    ".length, s.getBoundingClientRect().height])"
                )
                assert problems == [], problems
                page.close()
        finally:
            browser.close()
    month_charts = {chart: (bars, height) for chart, bars, height in drawn["month"]}
    # Won amount: Li, the only one who won in November; per tier (A, B) two shares.
    assert set(month_charts) == {
        "chart-won-by-seller",
        "chart-tiers",
        "chart-won-by-month",
        "chart-orders-by-month",
        "chart-visits-by-week",
    }
    assert month_charts["chart-won-by-seller"][0] == 1
    assert month_charts["chart-tiers"][0] == 4
    assert all(height > 20 for _, height in month_charts.values())
    ((chart, bars, _),) = drawn["quarter"]
    assert chart == "chart-forecast" and bars >= 2  # November: won and the forecast of it


def test_the_workbook_has_a_sheet_per_table_with_numbers_as_numbers(cli, risky, tmp_path):
    from openpyxl import load_workbook

    path = tmp_path / "m.xlsx"
    assert (
        cli("review", "monthly", "--month", NOV.key, "--format", "xlsx", "-o", str(path)).code == 0
    )
    book = load_workbook(path)
    assert book.sheetnames == [
        "Sellers",  # one lead of one seller: no team of a lower level to rank
        "A-account tiers",
        "Top risks",
        "Six-month trend",
        "Notes",
    ]
    sellers = list(book["Sellers"].values)
    header, rows = sellers[0], {r[0]: r for r in sellers[1:]}
    won = header.index("Won amount")
    assert rows["Li"][won] == 140_000 and not isinstance(rows["Li"][won], str)
    assert rows["Li"][header.index("Won amount rank")] == 1
    risks = list(book["Top risks"].values)
    assert risks[1][4] == 800_000  # the stuck order's amount, a number
    overdue = next(r for r in risks if r[0] == "Overdue gap action")
    assert overdue[5].date() == date(2026, 11, 20)  # a date, not text
    trend = list(book["Six-month trend"].values)
    assert trend[0][-2:] == ("Following", "Stuck")
    assert trend[-1][0] == NOV.key and trend[-1][-1] >= 1  # the stuck order, this month
    quarter = tmp_path / "q.xlsx"
    done = cli(
        "review",
        "quarterly",
        "--quarter",
        "2026Q4",
        "--format",
        "xlsx",
        "--lang",
        "zh_CN",
        "-o",
        str(quarter),
    )
    assert done.code == 0
    book = load_workbook(quarter)
    assert book.sheetnames[:2] == ["顶层客户计划", "按月预测"]
    assert book.sheetnames[-1] == "说明"  # the legend, as the Markdown and HTML carry it
    notes = [r[0] for r in book["说明"].values]
    assert notes[0].startswith("2026Q4 季度回顾"), notes
    assert any(n.startswith("计划：季度末客户计划的完整度") for n in notes[1:]), notes
    forecast = list(book["按月预测"].values)
    assert [r[0] for r in forecast[1:]] == ["2026-10", "2026-11", "2026-12"]
    assert all(isinstance(v, int | float) for r in forecast[1:] for v in r[1:])
    # A workbook is never dumped on the terminal.
    refused = cli("review", "quarterly", "--format", "xlsx")
    assert refused.code == 2 and "-o" in refused.err and not refused.out


def test_the_file_name_says_the_format_and_a_name_that_says_none_is_refused(cli, risky, tmp_path):
    """`-o m.xlsx` without --format wrote the text table under that name (Excel could not open
    it) and `-o q.md` plain text: the name now picks the format; one it cannot read, or one
    that contradicts --format, is refused with what to do and nothing written."""
    from openpyxl import load_workbook

    book = tmp_path / "m.xlsx"
    assert cli("review", "monthly", "--month", NOV.key, "-o", str(book)).code == 0
    assert load_workbook(book).sheetnames  # a real workbook
    notes = tmp_path / "q.md"
    assert cli("review", "quarterly", "--quarter", "2026Q4", "-o", str(notes)).code == 0
    assert notes.read_text(encoding="utf-8").startswith("# Quarterly review 2026Q4")
    text = tmp_path / "q.txt"
    assert cli("review", "quarterly", "--quarter", "2026Q4", "-o", str(text)).code == 0
    assert "────" in text.read_text(encoding="utf-8")  # the terminal's table
    pdf = tmp_path / "m.pdf"
    refused = cli("--lang", "zh_CN", "review", "monthly", "-o", str(pdf))
    assert refused.code == 2 and not pdf.exists()
    assert f"katerm 无法根据文件名 {pdf} 判断要写成哪种格式。" in refused.err
    assert ".md、.txt、.xlsx 之一结尾" in refused.err
    clash = cli("review", "monthly", "--format", "md", "-o", str(tmp_path / "x.xlsx"))
    assert clash.code == 2 and "end the file name with .md" in clash.err
    assert not (tmp_path / "x.xlsx").exists()
