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
            else fmt_money(thresholds[spec.key], trim=True)
        )
        out.append(
            f"{t(f'fields.tier.{spec.label_tier}')} {measure} ≥ {value}"
            if spec.label_tier
            else f"{measure} ≥ {value}"
        )
    return out
