"""The pyramid in words: a scheme's thresholds as people read them."""

from __future__ import annotations

from collections.abc import Mapping

from katerm.core.pyramid.rules import RULES
from katerm.i18n import t
from katerm.i18n.fmt import fmt_money, fmt_number


def describe_thresholds(scheme: str, thresholds: Mapping[str, float]) -> list[str]:
    """Each threshold as people read it: ``A Annual revenue ≥ 5,000,000``."""
    out = []
    for spec in RULES[scheme].thresholds:
        measure = t(f"pyramid.measure.{spec.measure}")
        value = (
            fmt_number(thresholds[spec.key])
            if spec.whole
            else _round_units(fmt_money(thresholds[spec.key]))
        )
        out.append(
            f"{t(f'fields.tier.{spec.label_tier}')} {measure} ≥ {value}"
            if spec.label_tier
            else f"{measure} ≥ {value}"
        )
    return out


def _round_units(money: str) -> str:
    """``500.00万`` -> ``500万``: thresholds are round figures (English has no decimals)."""
    unit = money[-1] if money[-1:] in ("万", "亿") else ""
    number = money[:-1] if unit else money
    if "." in number:
        number = number.rstrip("0").rstrip(".")
    return number + unit
