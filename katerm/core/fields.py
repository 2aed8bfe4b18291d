"""Checking and cleaning what users type, field by field.

The same rules serve the edit forms, CSV/XLSX import and the command line, so an account that
a form refuses is refused by an import too, with the same words. Each function returns the
clean value or raises :class:`FieldError` naming the field and what is wrong.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date
from functools import cache, lru_cache, partial
from typing import Any

from katerm.core.choices import words_of
from katerm.core.config import TIER_SCHEMES
from katerm.core.errors import FieldError, ValidationFailed
from katerm.core.levels import parse_level
from katerm.core.roles import parse_choice, parse_flag, parse_roles
from katerm.core.store import Lifecycle
from katerm.core.tiers import SCHEMES, normalize_tier, reason_column, tier_column, tiers_of
from katerm.i18n import Term

MAX_NAME = 200
MAX_SHORT = 100
MAX_NOTES = 10_000
MAX_REASON = 500

_LIFECYCLE_ALIASES = {
    "潜在客户": "prospect",
    "潜在": "prospect",
    "潜客": "prospect",
    "客户": "customer",
    "成交客户": "customer",
    "现有客户": "customer",
    "忠诚客户": "loyal",
    "忠诚": "loyal",
    "老客户": "loyal",
    "流失客户": "former",
    "前客户": "former",
    "流失": "former",
}
_NUMBER_UNITS = {"万": 1e4, "亿": 1e8, "k": 1e3, "m": 1e6}
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^[0-9+()\-.\s/]{3,40}(?:\s*(?:ext|x|转|分机)\.?\s*\d{1,6})?$", re.I)
_CURRENCY = re.compile(r"^[A-Z]{3}$")
_MONEY_NOISE = re.compile(r"[,\s_，]|^[¥￥$€£]|^(?:CNY|RMB|USD|EUR)\s*|元$", re.I)
_INF = float("inf")
# How many distinct values a memoised rule remembers (per field and scheme).
_MEMO_LIMIT = 10_000


def text(field: str, value: Any, *, required: bool = False, limit: int = MAX_SHORT) -> str:
    cleaned = "" if value is None else str(value).strip()
    if required and not cleaned:
        raise FieldError(field, "fields.err.required")
    if len(cleaned) > limit:
        raise FieldError(field, "fields.err.too_long", limit=limit)
    return cleaned


def money(field: str, value: Any) -> float:
    """A non-negative amount: ``1,234,567``, ``¥ 1 234``, ``500万``, ``1.2亿`` or ``3.5m``."""
    if type(value) is str:
        # Fast path for plain figures (most cells of an import); anything float() refuses,
        # and negative or non-finite numbers, take the full path below and its messages.
        try:
            number = float(value)
        except ValueError:
            try:  # 1,234,567.89: grouping commas are all the full path would remove
                number = float(value.replace(",", "")) if "," in value else -1.0
            except ValueError:
                number = -1.0
        if 0 <= number < _INF:
            return round(number, 2)
    if value is None:
        return 0.0
    if isinstance(value, bool):
        raise FieldError(field, "fields.err.not_a_number", value=value)
    if isinstance(value, int | float):
        number = float(value)
    else:
        raw = str(value).strip()
        if not raw:
            return 0.0
        cleaned = _MONEY_NOISE.sub("", raw)
        factor = 1.0
        if cleaned and cleaned[-1].lower() in _NUMBER_UNITS:
            factor = _NUMBER_UNITS[cleaned[-1].lower()]
            cleaned = cleaned[:-1]
        try:
            number = float(cleaned) * factor
        except ValueError:
            raise FieldError(field, "fields.err.not_a_number", value=raw) from None
    if number != number or number in (float("inf"), float("-inf")):
        raise FieldError(field, "fields.err.not_a_number", value=value)
    if number < 0:
        raise FieldError(field, "fields.err.negative")
    return round(number, 2)


def whole(field: str, value: Any) -> int:
    """A non-negative whole number (a count): ``12``, ``1,200``, ``12.0``; empty is 0."""
    if isinstance(value, int) and not isinstance(value, bool):
        number: float = value
    else:
        number = money(field, value)  # the same words for text and negative numbers
    if number != int(number):
        raise FieldError(field, "fields.err.not_whole", value=value)
    return int(number)


def scheme(field: str, value: Any, default: str) -> str:
    cleaned = text(field, value).lower()
    if not cleaned:
        return default
    found = words_of(tuple(TIER_SCHEMES), "fields.scheme").get(cleaned)  # key or word
    if found is None:
        raise FieldError(field, "fields.err.bad_scheme", value=cleaned, choices=tuple(TIER_SCHEMES))
    return found


def tier(field: str, value: Any, tier_scheme: str) -> str | None:
    cleaned = text(field, value)
    if not cleaned:
        return None
    found = normalize_tier(tier_scheme, cleaned)
    if found is None:
        raise FieldError(
            field,
            "fields.err.bad_tier",
            value=cleaned,
            scheme=Term(f"fields.scheme.{tier_scheme}"),
            choices=tuple(tiers_of(tier_scheme)),
        )
    return found


def lifecycle(field: str, value: Any, *, revenue: float = 0.0) -> str:
    """A lifecycle key; empty means customer if they buy from us, else prospect."""
    cleaned = text(field, value)
    if not cleaned:
        return Lifecycle.CUSTOMER.value if revenue > 0 else Lifecycle.PROSPECT.value
    keys = tuple(m.value for m in Lifecycle)  # the key, its word in either language, a synonym
    key = words_of(keys, "fields.lifecycle").get(cleaned.casefold())
    if key or (key := _LIFECYCLE_ALIASES.get(cleaned)):
        return key
    raise FieldError(field, "fields.err.bad_choice", value=cleaned, choices=keys)


def currency(field: str, value: Any) -> str:
    cleaned = text(field, value).upper()
    if not cleaned:
        return "CNY"
    if cleaned in ("RMB", "人民币", "元"):
        return "CNY"
    if not _CURRENCY.match(cleaned):
        raise FieldError(field, "fields.err.bad_currency", value=cleaned)
    return cleaned


def email(field: str, value: Any) -> str:
    cleaned = text(field, value, limit=MAX_NAME)
    if cleaned and not _EMAIL.match(cleaned):
        raise FieldError(field, "fields.err.bad_email", value=cleaned)
    return cleaned


def phone(field: str, value: Any) -> str:
    cleaned = text(field, value, limit=60)
    if isinstance(value, float) and value.is_integer():
        cleaned = str(int(value))  # Excel turns phone numbers into numbers
    if cleaned and not _PHONE.match(cleaned):
        raise FieldError(field, "fields.err.bad_phone", value=cleaned)
    return cleaned


def day(field: str, value: Any) -> date | None:
    """A date: ``2026-03-15``, ``2026/3/15``, ``2026.3.15`` or ``2026年3月15日``."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value if type(value) is date else value.date()  # type: ignore[attr-defined]
    raw = str(value).strip()
    if not raw:
        return None
    match = re.fullmatch(
        r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
        r"(?:[ T]00:00(?::00)?)?",
        raw,
    )
    if not match:
        raise FieldError(field, "fields.err.bad_date", value=raw)
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        raise FieldError(field, "fields.err.bad_date", value=raw) from None


def collect(values: Mapping[str, Any], rules: Mapping[str, Callable[[Any], Any]]) -> dict[str, Any]:
    """Apply a rule to each given field; raise :class:`ValidationFailed` listing every error."""
    clean: dict[str, Any] = {}
    errors: list[FieldError] = []
    for name, rule in rules.items():
        if name not in values:
            continue
        try:
            clean[name] = rule(values[name])
        except FieldError as exc:
            errors.append(exc)
    if errors:
        raise ValidationFailed(errors)
    return clean


_UNSEEN: Any = object()


def _memo(rule: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """The same rule, remembering its answer for text it has already accepted.

    Imports repeat the same few industries, regions, tiers and currencies thousands of times.
    Refused values are not remembered, so each refusal raises a fresh error.
    """
    seen: dict[str | None, Any] = {}

    def run(value: Any) -> Any:
        if type(value) is not str and value is not None:
            return rule(value)
        # get, not try/except KeyError: a column of distinct texts (names) misses every time,
        # and raising costs more than the rule.
        clean = seen.get(value, _UNSEEN)
        if clean is _UNSEEN:
            clean = rule(value)
            if len(seen) < _MEMO_LIMIT:
                seen[value] = clean
        return clean

    # Callers with a hot loop look a text up in the answers themselves, saving a call.
    run.seen = seen  # type: ignore[attr-defined]
    return run


memo = _memo  # for other modules' rules (imports check the same few values many times)


@cache
def account_rules(tier_scheme: str) -> dict[str, Callable[[Any], Any]]:
    """The rule of each account field, with tiers checked against ``tier_scheme``."""
    return {
        "name": partial(text, "name", required=True, limit=MAX_NAME),
        "industry": _memo(lambda v: text("industry", v)),
        "region": _memo(lambda v: text("region", v)),
        "annual_revenue": partial(money, "annual_revenue"),
        "contract_value": partial(money, "contract_value"),
        "potential_revenue": partial(money, "potential_revenue"),
        "annual_orders": lambda v: whole("annual_orders", v),
        "company_revenue": partial(money, "company_revenue"),
        "tier": _memo(lambda v: tier("tier", v, tier_scheme)),
        "tier_override_reason": lambda v: text("tier_override_reason", v, limit=MAX_REASON),
        "currency": _memo(lambda v: currency("currency", v)),
        "phone": lambda v: phone("phone", v),
        "website": lambda v: text("website", v, limit=MAX_NAME),
        "address": lambda v: text("address", v, limit=MAX_REASON),
        "notes": partial(text, "notes", limit=MAX_NOTES),
    }


def _scheme_rule(default: str) -> Callable[[Any], Any]:
    return _memo(lambda v: scheme("tier_scheme", v, default))


def _lifecycle_rule(revenue: float) -> Callable[[Any], Any]:
    return _memo(lambda v: lifecycle("lifecycle", v, revenue=revenue))


_scheme_of = {default: _scheme_rule(default) for default in TIER_SCHEMES}
_lifecycle_of = {paying: _lifecycle_rule(float(paying)) for paying in (False, True)}


def clean_account(
    values: Mapping[str, Any], *, default_scheme: str = "revenue", new: bool = False
) -> dict[str, Any]:
    """Check an account's fields (only those given, or all required ones for a new account).

    Returns the clean values. Name uniqueness needs the database: see
    ``katerm.core.accounts.read.name_taken``. Forms and imports both call this, so they accept and
    refuse the same things with the same words.
    """
    if new and "name" not in values:
        values = {**values, "name": ""}
    errors: list[FieldError] = []
    try:
        check_scheme = _scheme_of.get(default_scheme)
        tier_scheme = (
            check_scheme(values.get("tier_scheme"))
            if check_scheme
            else scheme("tier_scheme", values.get("tier_scheme"), default_scheme)
        )
    except FieldError as exc:
        errors.append(exc)
        tier_scheme = default_scheme
    clean: dict[str, Any] = {}
    for name, rule in _plan_account(tuple(values), tier_scheme):
        try:
            clean[name] = rule(values[name])
        except FieldError as exc:
            errors.append(exc)
    if "lifecycle" in values or new:
        try:
            # Empty means customer if they buy from us, else prospect.
            paying = (clean.get("annual_revenue") or 0.0) > 0
            clean["lifecycle"] = _lifecycle_of[paying](values.get("lifecycle"))
        except FieldError as exc:
            errors.append(exc)
    if errors:
        raise ValidationFailed(errors)
    # One stored tier per scheme: "tier" (and its reason) typed for ``tier_scheme`` is that
    # scheme's column (migration 0014).
    if "tier" in clean:
        clean[tier_column(tier_scheme)] = clean.pop("tier")
    if "tier_override_reason" in clean:
        clean[reason_column(tier_scheme)] = clean.pop("tier_override_reason")
    return clean


@lru_cache(maxsize=256)
def _plan_account(given: tuple[str, ...], tier_scheme: str) -> tuple[tuple[str, Any], ...]:
    """The rules :func:`clean_account` runs for values with these fields (the same in every
    row of a file: worked out once), the account's then every scheme's own tier columns'."""
    return tuple(
        (name, rule)
        for rules in (account_rules(tier_scheme), *(_stored_rules[o] for o in SCHEMES))
        for name, rule in rules.items()
        if name in given
    )


def _stored_rule(scheme_name: str) -> dict[str, Callable[[Any], Any]]:
    column, reason = tier_column(scheme_name), reason_column(scheme_name)
    return {
        column: _memo(lambda v: tier(column, v, scheme_name)),
        reason: lambda v: text(reason, v, limit=MAX_REASON),
    }


_stored_rules = {s: _stored_rule(s) for s in SCHEMES}


_CONTACT_RULES: dict[str, Callable[[Any], Any]] = {
    "name": lambda v: text("name", v, required=True, limit=MAX_NAME),
    "title": _memo(lambda v: text("title", v)),
    "department": _memo(lambda v: text("department", v)),
    "phone": lambda v: phone("phone", v),
    "email": lambda v: email("email", v),
    "birthday": lambda v: day("birthday", v),
    "notes": lambda v: text("notes", v, limit=MAX_NOTES),
    # The influence map's ratings (who covers them and their boss need the database: the
    # callers resolve ``covered_by`` and ``reports_to``).
    "role": _memo(lambda v: parse_choice("role", v)),
    "other_roles": _memo(lambda v: parse_roles(v)),
    "influence": _memo(lambda v: parse_choice("influence", v)),
    "attitude": _memo(lambda v: parse_choice("attitude", v)),
    "support_level": _memo(lambda v: parse_choice("support_level", v)),
    # How close we are, 0–5 (katerm.core.levels: the number, its word, an old contact level).
    "level": _memo(lambda v: parse_level(v)),
    "favours_competitor": _memo(lambda v: text("favours_competitor", v)),
    "favour_strength": _memo(
        lambda v: parse_choice("strength", v, field="favour_strength") if _given(v) else ""
    ),
    "rising_star": _memo(lambda v: parse_flag(v)),
    "left_on": lambda v: day("left_on", v),
}


def _given(value: Any) -> bool:
    return value is not None and str(value).strip() != ""


def contact_rules() -> dict[str, Callable[[Any], Any]]:
    """The rule of each of a contact's own fields."""
    return _CONTACT_RULES


def clean_contact(values: Mapping[str, Any], *, new: bool = False) -> dict[str, Any]:
    """Check a contact's own fields (the account link is resolved by the caller).

    A primary role is never repeated among ``other_roles``.
    """
    if new and "name" not in values:
        values = {**values, "name": ""}
    clean = collect(values, _CONTACT_RULES)
    primary = clean.get("role")
    if primary and clean.get("other_roles"):
        clean["other_roles"] = ",".join(r for r in clean["other_roles"].split(",") if r != primary)
    return clean
