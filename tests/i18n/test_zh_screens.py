"""Every Chinese screen in the snapshots (screens 1–7 and their dialogs) reads as Chinese: no
English word outside the data, no half-width punctuation after a Chinese character.

The snapshots are the screens as the tests drive them (each is compared with the app's
picture on every run), so scanning them covers every screen and size they cover. A new
screen's Chinese snapshot is scanned as soon as it is added.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from katerm.i18n import catalogue

TESTS = Path(__file__).resolve().parents[1]

# Latin words a Chinese screen may show: key names and file formats (written so in Chinese
# software too), the program's name and its database path.
INTERFACE = {
    "Esc", "esc", "Ctrl", "Enter", "Tab", "Alt", "Shift", "space", "PgUp", "PgDn",
    "CSV", "Excel", "JSON", "UTF", "SVG", "katerm", "db",
    "pt",  # percentage points on the quarterly review (its legend: pt 为百分点)
}  # fmt: skip
# The tests' data: names of accounts, people, opportunities, imported headers, the server.
DATA = {
    "Accenture", "Account", "Acme", "Annual", "Beijing", "Billing", "Blue", "Buyer", "CFO",
    "CIO", "CNY", "CRM", "CTO", "Chen", "China", "City", "Cloud", "Contoso", "Customer", "Dir",
    "Direct", "ERP", "East", "Emily", "Foods", "Hill", "Jie", "Joint", "Li", "Manufacturing",
    "Min", "Na", "Name", "North", "Northwind", "One", "Open", "Owner", "Prospect", "Retail",
    "Revenue", "River", "Robotics", "Routine", "Runs", "SWOT", "Shanghai", "Steel", "Strong",
    "Technical", "Trade", "Traders", "Type", "Zhao", "abroad", "accounts", "com", "csv",
    "dbname", "design", "example", "exchange", "fang", "for", "high", "host", "lei", "li",
    "maintenance", "migration", "ne", "out", "plant", "plants", "potential", "proposal",
    "relationship", "roll", "standard", "tester", "testerIT", "the", "their", "visit", "wang",
    "with",
}  # fmt: skip

CJK = "\u3400-\u9fff"


def is_data(word: str) -> bool:
    """A data word, whole or cut at a column's edge (``Manufacturi``)."""
    return word in DATA or any(d.startswith(word) for d in DATA if len(word) >= 3)


HALF_WIDTH_AFTER_CJK = re.compile(rf"[{CJK}][,;:?!()]")


def screen_lines(svg: str) -> list[str]:
    """The text of a Textual snapshot, line by line."""
    rows: dict[float, list[tuple[float, str]]] = {}
    for m in re.finditer(
        r'<text class="[^"]*-r\d+" x="([\d.]+)" y="([\d.]+)"[^>]*>(.*?)</text>', svg, re.S
    ):
        text = html.unescape(re.sub(r"<[^>]+>", "", m.group(3))).replace("\xa0", " ")
        rows.setdefault(float(m.group(2)), []).append((float(m.group(1)), text))
    return ["".join(t for _, t in sorted(rows[y])).rstrip() for y in sorted(rows)]


def chinese_snapshots() -> list[Path]:
    found = []
    for path in sorted(TESTS.glob("**/__snapshots__/**/*.svg")):
        text = path.read_text(encoding="utf-8")
        if "zh_CN" in path.name or "按键" in "\n".join(screen_lines(text)):  # F1's Chinese name
            found.append(path)
    return found


SNAPSHOTS = chinese_snapshots()


def test_screens_one_to_seven_have_chinese_snapshots():
    names = " ".join(p.name for p in SNAPSHOTS)
    for screen in ("accounts", "pyramid", "influence", "gap", "day", "pipeline", "sync"):
        assert screen in names, screen


@pytest.mark.parametrize("path", SNAPSHOTS, ids=lambda p: p.stem)
def test_a_chinese_screen_has_no_english_word_outside_the_data(path):
    lines = screen_lines(path.read_text(encoding="utf-8"))
    english = {
        f"{word} ← {line.strip()[:80]}"
        for line in lines
        for word in re.findall(r"[A-Za-z][A-Za-z]+", line)
        if word not in INTERFACE and not is_data(word)
    }
    assert not english, "\n".join(sorted(english))


@pytest.mark.parametrize("path", SNAPSHOTS, ids=lambda p: p.stem)
def test_a_chinese_screen_has_no_half_width_punctuation_after_chinese(path):
    lines = screen_lines(path.read_text(encoding="utf-8"))
    bad = [line.strip()[:100] for line in lines if HALF_WIDTH_AFTER_CJK.search(line)]
    assert not bad, "\n".join(bad)


# A line that lists its parts with " · " lists them all so: a "，" among them ("a 调整选中的，
# A 全部调整 · 回车打开", the pyramid's re-tier hint) reads as two kinds of list in one. A "，"
# inside brackets belongs to one part ("赢率 50%（赢 1，丢 1） · …").
def mixes_separators(line: str) -> bool:
    outside = re.sub(r"（[^）]*）", "", line)
    return " · " in outside and "，" in outside


def test_no_chinese_message_mixes_separators_in_one_line():
    """Every line of every message, also those no snapshot shows (other states' hints,
    legends). Screens are not scanned for it: a snapshot line also holds data beside the
    message (a plan's "节日送礼，问候家人 · 李杰" is a description and a name)."""
    bad = [
        f"{key}: {line.strip()}"
        for key, text in catalogue("zh_CN").items()
        for line in text.splitlines()
        if mixes_separators(line)
    ]
    assert not bad, "\n".join(bad)


def test_a_mixed_line_is_caught():
    assert mixes_separators("3 个客户需调整级别 · a 调整选中的，A 全部调整 · 回车打开")
    assert not mixes_separators("3 个商机 · 赢率 50%（赢 1，丢 1） · 周期 46 天")
    assert not mixes_separators("已保存，按 Esc 返回")


# Formats a user types or reads back as they are (时:分 is 14:30; file:line: column: problem).
TYPED_FORMATS = re.compile(r"时:分|文件:行号: 列: 问题")
# Before a half-width mark, a space does not make it right: ``预警 (2)`` is still wrong.
SPACED_HALF_WIDTH_AFTER_CJK = re.compile(rf"[{CJK}]\s*[,;:?!()]")
# ``“2026-13”不是月份`` everywhere, not ``“foo” 不是周`` in some messages.
SPACE_AFTER_CLOSING_QUOTE = re.compile(rf"”\s+[{CJK}]")


def test_the_chinese_catalogue_has_full_width_punctuation_after_chinese():
    from katerm.i18n import catalogue

    bad = []
    for key, text in sorted(catalogue("zh_CN").items()):
        plain = TYPED_FORMATS.sub("", text)
        if SPACED_HALF_WIDTH_AFTER_CJK.search(plain) or SPACE_AFTER_CLOSING_QUOTE.search(plain):
            bad.append(f"{key}: {text}")
    assert bad == [], "\n".join(bad)
