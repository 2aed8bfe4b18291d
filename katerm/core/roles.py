"""The influence map's vocabulary: decision roles and the scales people are rated on.

Every scale is stored as its snake_case English key (``decision_maker``, ``high``,
``supporter``); the interface shows the catalogue label (``influence.role.decision_maker`` =
决策者). Files and forms may give the key, either language's label or a word sales teams use
(``DM``, ``教练``, ``关键人``): :func:`parse_choice` turns any of them into the key, so an
import accepts what the form accepts, with the same words for what it refuses.

How close we are to a person (the relationship level, 0–5) is not here: it is one scale shared
with the gap table, :mod:`katerm.core.levels`.

Nothing here imports SQLAlchemy: the influence screen's read path uses it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from enum import StrEnum
from functools import cache
from typing import Any

from katerm.core.errors import FieldError
from katerm.i18n import LANGUAGES, t


class Role(StrEnum):
    """Who does what in the customer's decision (DOMAIN.md §4, Huawei's decision chain)."""

    DECISION_MAKER = "decision_maker"
    APPROVER = "approver"
    RECOMMENDER = "recommender"
    COACH = "coach"
    EXECUTIVE_SPONSOR = "executive_sponsor"
    INITIATOR = "initiator"
    USER = "user"
    INFLUENCER = "influencer"
    BUYER = "buyer"
    GATEKEEPER = "gatekeeper"


class Influence(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class Attitude(StrEnum):
    """Their attitude to us."""

    SUPPORTER = "supporter"
    NEUTRAL = "neutral"
    OPPONENT = "opponent"
    UNKNOWN = "unknown"


class SupportLevel(StrEnum):
    DOES_NOT_ACCEPT = "does_not_accept"
    NEUTRAL = "neutral"
    LIMITED_SUPPORT = "limited_support"
    EXCLUSIVE_SUPPORT = "exclusive_support"


class Strength(StrEnum):
    """How strongly one person's word weighs with another (a line of influence)."""

    STRONG = "strong"
    MEDIUM = "medium"
    WEAK = "weak"


# field -> (the scale, its catalogue area). The first three may be empty (not assessed yet).
SCALES: dict[str, tuple[type[StrEnum], str]] = {
    "role": (Role, "influence.role"),
    "influence": (Influence, "influence.level"),
    "support_level": (SupportLevel, "influence.support"),
    "attitude": (Attitude, "influence.attitude"),
    "strength": (Strength, "influence.strength"),
}
# What an empty value means for each scale: "" is "not assessed yet".
EMPTY = {
    "role": "",
    "influence": "",
    "support_level": "",
    "attitude": "unknown",
    "strength": "medium",
}

# Words found in real sheets and said in meetings, beyond the keys and the two labels.
_ALIASES: dict[str, dict[str, str]] = {
    "role": {
        "dm": "decision_maker",
        "decider": "decision_maker",
        "decision": "decision_maker",
        "决策人": "decision_maker",
        "拍板人": "decision_maker",
        "关键决策者": "decision_maker",
        "审批者": "approver",
        "审批人": "approver",
        "批准人": "approver",
        "evaluator": "recommender",
        "评估者": "recommender",
        "推荐人": "recommender",
        "技术评估者": "recommender",
        "教练": "coach",
        "顾问": "coach",
        "内线": "coach",
        "向导": "coach",
        "sponsor": "executive_sponsor",
        "赞助者": "executive_sponsor",
        "高层赞助者": "executive_sponsor",
        "发起人": "initiator",
        "用户": "user",
        "使用人": "user",
        "end_user": "user",
        "影响人": "influencer",
        "purchaser": "buyer",
        "purchasing": "buyer",
        "采购": "buyer",
        "购买者": "buyer",
        "采购人": "buyer",
        "守门人": "gatekeeper",
        "把关人": "gatekeeper",
    },
    "influence": {"h": "high", "m": "medium", "l": "low", "mid": "medium"},
    "attitude": {
        "support": "supporter",
        "supportive": "supporter",
        "pro": "supporter",
        "opposed": "opponent",
        "against": "opponent",
        "anti": "opponent",
        "?": "unknown",
        "不明": "unknown",
        "不清楚": "unknown",
    },
    "support_level": {
        "exclusive": "exclusive_support",
        "limited": "limited_support",
        "reject": "does_not_accept",
        "rejects_us": "does_not_accept",
        "不接受": "does_not_accept",
        "唯一支持": "exclusive_support",
        "独家支持": "exclusive_support",
    },
    "strength": {
        "high": "strong",
        "low": "weak",
        "强烈": "strong",
        "一般": "medium",
        "较弱": "weak",
    },
}
_YES = {"yes", "y", "true", "1", "x", "✓", "是", "有", "对", "√"}
_NO = {"no", "n", "false", "0", "", "否", "无", "不是"}
_SPLIT = re.compile(r"\s*[,，、;；|/]\s*")


def _fold(text: str) -> str:
    """How matching sees a word: case, surrounding spaces, dashes and spaces don't count."""
    return re.sub(r"[\s\-]+", "_", text.strip().casefold()).strip("_")


@cache
def _lookup(scale: str) -> dict[str, str]:
    """Every accepted (folded) word for a scale -> its key."""
    enum, area = SCALES[scale]
    table: dict[str, str] = {}
    for member in enum:
        table[_fold(member.value)] = member.value
        for lang in LANGUAGES:
            table.setdefault(_fold(t(f"{area}.{member.value}", lang=lang)), member.value)
    for word, key in _ALIASES.get(scale, {}).items():
        table.setdefault(_fold(word), key)
    return table


def keys_of(scale: str) -> tuple[str, ...]:
    """A scale's keys, in order (``role`` -> decision_maker, approver, ...)."""
    return tuple(m.value for m in SCALES[scale][0])


def label(scale: str, key: str, lang: str | None = None) -> str:
    """The interface's word for a key (the "not assessed" value shows as —)."""
    if not key:
        return "—"
    return t(f"{SCALES[scale][1]}.{key}", lang=lang)


# The attitude scale from cool to warm, and the influence levels from low to high: the quick
# keys of the influence map step along them. An unknown attitude is not on the scale.
_WARMTH = (Attitude.OPPONENT, Attitude.NEUTRAL, Attitude.SUPPORTER)
_LEVELS = (Influence.LOW, Influence.MEDIUM, Influence.HIGH)


def step_attitude(attitude: str, step: int) -> str:
    """One step warmer (``step`` > 0) or cooler along the scale, stopping at its ends; an
    unknown attitude becomes neutral either way."""
    if attitude not in _WARMTH:
        return Attitude.NEUTRAL.value
    at = _WARMTH.index(Attitude(attitude)) + (1 if step > 0 else -1)
    return _WARMTH[max(0, min(at, len(_WARMTH) - 1))].value


def next_influence(influence: str) -> str:
    """The next influence level, round from low to high and back to low; one not assessed
    yet becomes medium."""
    if influence not in _LEVELS:
        return Influence.MEDIUM.value
    return _LEVELS[(_LEVELS.index(Influence(influence)) + 1) % len(_LEVELS)].value


def parse_choice(scale: str, value: Any, *, field: str | None = None) -> str:
    """The key for what a user gave (key, label in either language, common word).

    Empty gives the scale's "not assessed" value. Raises :class:`FieldError` on ``field``
    (default: the scale's name) listing the keys.
    """
    text = "" if value is None else str(value).strip()
    if not text:
        return EMPTY[scale]
    found = _lookup(scale).get(_fold(text))
    if found is None:
        raise FieldError(
            field or scale, "fields.err.bad_choice", value=text, choices=tuple(keys_of(scale))
        )
    return found


def parse_roles(value: Any, *, field: str = "other_roles") -> str:
    """Several roles (``approver, buyer`` or ``批准者、采购者``) as a comma-separated key list
    in the scale's order, without repeats."""
    if isinstance(value, list | tuple | set | frozenset):
        parts: Iterable[Any] = value
    else:
        text = "" if value is None else str(value).strip()
        parts = _SPLIT.split(text) if text else []
    found = {parse_choice("role", p, field=field) for p in parts if str(p).strip()}
    return ",".join(k for k in keys_of("role") if k in found)


def split_roles(value: str) -> tuple[str, ...]:
    """The keys of a stored ``other_roles`` value."""
    return tuple(r for r in value.split(",") if r) if value else ()


def parse_flag(value: Any, *, field: str = "rising_star") -> bool:
    """yes/no, true/false, 1/0, 是/否; empty is no."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    text = "" if value is None else str(value).strip().casefold()
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise FieldError(field, "fields.err.bad_flag", value=str(value))
