"""Amounts in an edit field are shown back as a user types them, and read back unchanged."""

from __future__ import annotations

import pytest

from katerm.core.fields import money
from katerm.i18n.fmt import fmt_amount, fmt_total


@pytest.mark.parametrize(
    ("value", "en", "zh"),
    [
        (5_000_000, "5,000,000", "500万"),
        (150_000_000, "150,000,000", "1.5亿"),
        (5_234_567, "5,234,567", "523.4567万"),
        (12_345.5, "12,345.5", "12345.5"),  # not exact in 万 to four places
        (9_999, "9,999", "9999"),
        (0, "0", "0"),
    ],
)
def test_amounts_read_back_as_typed(value, en, zh):
    assert fmt_amount(value, "en") == en
    assert fmt_amount(value, "zh_CN") == zh
    assert money("amount", fmt_amount(value, "en")) == value
    assert money("amount", fmt_amount(value, "zh_CN")) == value


def test_a_reports_sum_of_money_is_in_wan_in_chinese_and_keeps_its_cents_in_english():
    assert fmt_total(1_528_000, "zh_CN") == "152.80万"
    assert fmt_total(250_000_000, "zh_CN") == "2.50亿"
    assert fmt_total(9_500.5, "zh_CN") == "9,500.5"
    assert fmt_total(1_528_000, "en") == "1,528,000"
    assert fmt_total(1_234.56, "en") == "1,234.56"
    assert fmt_total(None, "en") == ""
