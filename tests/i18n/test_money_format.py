"""One money formatter (issue 18): every figure in 万/亿 is written by katerm/i18n/fmt.py, so
the same size reads the same everywhere: at or above 1亿 always in 亿 (a re-tier hint showed
"13719.4万" where tables showed "1.37亿").

The rounding rule: a figure takes the unit it needs *as shown* (two decimals in tables), so
99,999,999 is "1.00亿", never "10,000.00万", and 9,999.6 is "1.00万"; an amount as typed (edit
fields, hints comparing a figure with a threshold) is exact: 1亿 and above in 亿 with the
decimals it needs, which read back unchanged.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import katerm
from katerm.core.fields import money
from katerm.core.pyramid.retier import Fact
from katerm.i18n import catalogue, current_language, set_language
from katerm.i18n.fmt import fmt_amount, fmt_money, fmt_total

ROOT = Path(katerm.__file__).parent
UNITS = ("万", "亿")
# Where the units are written for another reason than showing a figure, and why.
NOT_FORMATTING = {
    "i18n/fmt.py": "the formatter itself",
    "core/fields.py": "reads what a user types: 500万, 1.2亿",
    "core/io/columns.py": "reads a column header's unit: 年收入（万元）",
    "core/io/planning.py": "hands such a column's cells to the reader as typed: 12万",
    "core/demo/names_zh.py": "a syllable of a demo name",
    "app/cjkwrap.py": "keeps 1.2亿 together when a line wraps",
    "core/cadence/text.py": "knows a figure's cell (1.2亿) to align it right, screen and command",
}
SIZES = {1e4, 1e8}  # as a set, 10_000 == 1e4: both are found


def docstrings(tree: ast.AST) -> set[int]:
    return {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }


def private_formatting(source: str) -> list[str]:
    """Lines of ``source`` that write a 万/亿 unit or scale a figure to one."""
    tree = ast.parse(source)
    skip = docstrings(tree)
    found = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in skip
            and any(u in node.value for u in UNITS)
        ):
            found.append(f"{node.lineno}: {node.value!r}")
        elif (
            isinstance(node, ast.BinOp)
            and isinstance(node.op, ast.Div | ast.FloorDiv)
            and isinstance(node.right, ast.Constant)
            and node.right.value in SIZES
        ):
            found.append(f"{node.lineno}: / {node.right.value}")
    return found


def test_no_code_formats_money_in_wan_or_yi_by_itself():
    found = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in sorted(ROOT.rglob("*.py"))
        if path.relative_to(ROOT).as_posix() not in NOT_FORMATTING
        for line in private_formatting(path.read_text(encoding="utf-8"))
    ]
    assert not found, "format money with katerm.i18n.fmt:\n" + "\n".join(found)


def test_no_message_puts_a_unit_after_a_figure():
    """``"{amount}万"`` would need a caller dividing by 10,000 itself."""
    found = [
        key
        for key, text in catalogue("zh_CN").items()
        if re.search(r"\}\s*[万亿]", text) and "万元" not in text
    ]
    assert not found


def test_the_scan_finds_a_private_formatter():
    assert private_formatting('x = f"{v / 10000:.1f}万"\n')
    assert private_formatting('UNITS = ("万", "亿")\n')
    assert not private_formatting('def f():\n    """500万 as typed."""\n    return fmt_money(v)\n')


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (99_999_900, "9,999.99万"),  # still under 1亿 as shown
        (99_999_950, "1.00亿"),  # 9,999.995万 rounds to 10,000.00万: that is 1亿
        (99_999_999, "1.00亿"),
        (100_000_000, "1.00亿"),
        (137_194_000, "1.37亿"),  # never 13,719.40万
        (9_999.4, "9,999"),
        (9_999.6, "1.00万"),  # not "10,000"
        (10_000, "1.00万"),
        (-250_000_000, "-2.50亿"),
    ],
)
def test_a_table_figure_takes_the_unit_it_needs_as_shown(value, shown):
    assert fmt_money(value, "zh_CN") == shown


def test_round_figures_drop_their_zero_decimals():
    assert fmt_money(5_000_000, "zh_CN", trim=True) == "500万"
    assert fmt_money(120_000_000, "zh_CN", trim=True) == "1.2亿"
    assert fmt_money(3e9, "zh_CN", trim=True) == "30亿"
    assert fmt_money(5_000_000, "en", trim=True) == "5,000,000"


@pytest.mark.parametrize(
    ("value", "typed"),
    [
        (137_194_000, "1.37194亿"),  # was "13719.4万"
        (100_000_000, "1亿"),
        (123_456_789.12, "1.2345678912亿"),  # exact to the fen
        (99_999_999, "9999.9999万"),
        (5_000_000, "500万"),
    ],
)
def test_an_amount_as_typed_is_in_yi_from_one_yi_and_reads_back(value, typed):
    assert fmt_amount(value, "zh_CN") == typed
    assert money("amount", typed) == value


def test_a_reports_total_at_the_boundary():
    assert fmt_total(99_999_999, "zh_CN") == "1.00亿"
    assert fmt_total(9_999.996, "zh_CN") == "1.00万"


def test_a_retier_hint_shows_a_large_revenue_in_yi():
    before = current_language()
    set_language("zh_CN")
    try:
        text = Fact("annual_revenue", 137_194_000, True, 5_000_000).text()
    finally:
        set_language(before)
    assert "1.37194亿" in text and "500万" in text and "13719.4万" not in text


def test_every_signed_figure_has_one_minus_sign():
    """The pyramid's gap column showed -16 (an ASCII hyphen) beside 等级 −1 elsewhere."""
    from katerm.i18n.fmt import fmt_signed

    assert fmt_signed(-16) == "−16"
    assert fmt_signed(-16, plus=False) == "−16"
    assert fmt_signed(4) == "+4" and fmt_signed(4, plus=False) == "4"
    assert fmt_signed(0) == "0"
    assert fmt_signed(-1_234_567, fmt_money) == "−1,234,567"
