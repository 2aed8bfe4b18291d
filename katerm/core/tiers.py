"""Tier schemes: which tiers each scheme has, top tier first, and the words people use for them.

The pyramid feature computes tiers from figures; this module is the shared vocabulary that
import, forms and the demo validate against.
"""

from __future__ import annotations

from katerm.core.choices import words_of

SCHEMES: dict[str, tuple[str, ...]] = {
    # By annual sales: A >= 5M, B >= 3M, C >= 1M, D below (thresholds are the team's to set).
    "revenue": ("A", "B", "C", "D"),
    # By price x volume.
    "fish": ("whale", "dolphin", "shark", "minnow"),
    # By strategic value (Huawei), assigned by hand.
    "strategic": ("strategic", "partner", "commercial", "general"),
    # By the customer's size and our contract (2024 standard).
    "size": ("super_large", "mid_large", "large"),
}

# Words found in real spreadsheets, mapped to the tier key.
_ALIASES: dict[str, dict[str, str]] = {
    "revenue": {
        "a类": "A",
        "b类": "B",
        "c类": "C",
        "d类": "D",
        "a级": "A",
        "b级": "B",
        "c级": "C",
        "d级": "D",
    },
    "fish": {
        "大鲸鱼": "whale",
        "鲸鱼": "whale",
        "海豚": "dolphin",
        "鲨鱼": "shark",
        "小鱼": "minnow",
    },
    "strategic": {
        "战略客户": "strategic",
        "战略": "strategic",
        "伙伴客户": "partner",
        "伙伴": "partner",
        "商业客户": "commercial",
        "商业": "commercial",
        "一般客户": "general",
        "一般": "general",
    },
    "size": {
        "超大型": "super_large",
        "超大型客户": "super_large",
        "中大型": "mid_large",
        "中大型客户": "mid_large",
        "大型": "large",
        "大型客户": "large",
        "super-large": "super_large",
        "mid-large": "mid_large",
    },
}


def tiers_of(scheme: str) -> tuple[str, ...]:
    return SCHEMES[scheme]


def normalize_tier(scheme: str, value: str) -> str | None:
    """The tier key for what a user typed (``a``, ``A类``, ``海豚``), or None if not a tier."""
    text = value.strip()
    if not text:
        return None
    tiers = SCHEMES[scheme]
    for tier in tiers:
        if text.casefold() == tier.casefold():
            return tier
    found = _ALIASES.get(scheme, {}).get(text.casefold())
    # The word the screens show, in either language (``Whale``, ``大鲸鱼``): labelled exports.
    return found or words_of(tiers, "fields.tier").get(text.casefold())


UNRANKED = 99


def tier_rank(scheme: str, tier: str | None) -> int:
    """0 for the top tier; untiered accounts (or an unknown scheme) sort last."""
    tiers = SCHEMES.get(scheme, ())
    return tiers.index(tier) if tier in tiers else UNRANKED


def tier_rank_sql(scheme_column: str = "tier_scheme", tier_column: str = "tier") -> str:
    """The same ranking as :func:`tier_rank`, as an SQL expression."""
    cases = []
    for scheme, tiers in SCHEMES.items():
        inner = " ".join(f"WHEN '{t}' THEN {i}" for i, t in enumerate(tiers))
        cases.append(f"WHEN '{scheme}' THEN CASE {tier_column} {inner} ELSE {UNRANKED} END")
    return f"(CASE {scheme_column} {' '.join(cases)} ELSE {UNRANKED} END)"


def tier_column(scheme: str) -> str:
    """The accounts column holding an account's stored tier in a scheme (migration 0014)."""
    if scheme not in SCHEMES:
        raise ValueError(f"unknown tier scheme {scheme!r}")
    return f"tier_{scheme}"


def reason_column(scheme: str) -> str:
    """The accounts column holding why a scheme's tier was set by hand ("" when computed)."""
    return f"{tier_column(scheme)}_reason"


TIER_COLUMNS = tuple(tier_column(s) for s in SCHEMES)
REASON_COLUMNS = tuple(reason_column(s) for s in SCHEMES)
# Each scheme's tier then its reason, as the account exports carry them.
STORED_TIER_COLUMNS = tuple(c for s in SCHEMES for c in (tier_column(s), reason_column(s)))


def scheme_of_column(column: str) -> str | None:
    """The scheme a tier or reason column belongs to (None for any other column)."""
    for scheme in SCHEMES:
        if column in (tier_column(scheme), reason_column(scheme)):
            return scheme
    return None


def stored_tier_sql(scheme: str | None = None, alias: str = "a") -> str:
    """SQL for an account's stored tier in ``scheme``, or (None) in the workspace's active
    scheme (the ``active_scheme()`` function every katerm connection has)."""
    prefix = f"{alias}." if alias else ""
    if scheme is not None:
        return prefix + tier_column(scheme)
    whens = " ".join(f"WHEN '{s}' THEN {prefix}{tier_column(s)}" for s in SCHEMES)
    return f"(CASE active_scheme() {whens} END)"


def stored_reason_sql(scheme: str | None = None, alias: str = "a") -> str:
    """SQL for why an account's tier in ``scheme`` (None: the active one) was set by hand."""
    prefix = f"{alias}." if alias else ""
    if scheme is not None:
        return prefix + reason_column(scheme)
    whens = " ".join(f"WHEN '{s}' THEN {prefix}{reason_column(s)}" for s in SCHEMES)
    return f"(CASE active_scheme() {whens} ELSE '' END)"


def stored_rank_sql(scheme: str | None = None, alias: str = "a") -> str:
    """The rank (0 = top) of an account's stored tier in ``scheme`` (None: the active one)."""
    return tier_rank_sql(
        "active_scheme()" if scheme is None else f"'{scheme}'", stored_tier_sql(scheme, alias)
    )


# --- who serves each tier (客户等级与员工能级对应) ------------------------------------------

# Which grades (``katerm.core.config.GRADES``: the fish scheme's best sellers 精兵强将, sellers
# with a year or more 1年以上员工, new sellers 新员工; the size scheme's GM, director, partner)
# should serve each tier, by scheme: the seed's 员工分类. The team changes them in the
# settings (``katerm config set serve.fish.whale best,experienced``). An empty tuple: nobody
# in particular serves the tier (小鱼客户--舍掉), so no owner is flagged there.
DEFAULT_SERVE: dict[str, dict[str, tuple[str, ...]]] = {
    "revenue": {"A": ("best",), "B": ("experienced",), "C": ("new",), "D": ()},
    "fish": {"whale": ("best",), "dolphin": ("experienced",), "shark": ("new",), "minnow": ()},
    "strategic": {
        "strategic": ("best",),
        "partner": ("experienced",),
        "commercial": ("new",),
        "general": (),
    },
    "size": {"super_large": ("gm",), "mid_large": ("director",), "large": ("partner",)},
}
