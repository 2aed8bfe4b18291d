"""Counts read right in each language: CLDR plural rules, never "(s)" nor "1 people"."""

from __future__ import annotations

import re

import pytest

from katerm.i18n import LANGUAGES, catalogue, t, tn
from katerm.i18n.plural import CATEGORIES, category, outside_blocks, plural_blocks

FORMS = ("zero", "one", "two", "few", "many", "other")

# Placeholders that hold a number of things (as opposed to a name, a path, a date...).
COUNTS = {
    "count",
    "n",
    "days",
    "weeks",
    "streak",
    "lines",
    "accounts",
    "contacts",
    "members",
    "limit",
    "minutes",
    "total",
    "shown",
    "reviewed",
    "overdue",
    "entries",
    "people",
}
# A counted noun right after a count, outside a plural block: "{count} people" reads
# "1 people". Units written as symbols (s, %, ×) do not inflect.
COUNTED_NOUN = re.compile(r"\{(\w+)\}\s+((?:key |team |customer |deleted )?[a-z]+(?:\([a-z/]+\))?)")


# Words after a count that do not inflect ("3 left", "2 more", "5 overdue", "30 s").
UNINFLECTED = {"s", "of", "to", "left", "more", "overdue"}


def _english_plain(key: str, text: str) -> bool:
    return key.rpartition(".")[2] not in ("one", "other")


def test_english_rules_follow_cldr():
    assert [category("en", n) for n in (0, 1, 2, "1", "1,000", "1.0", 1.5)] == [
        "other",
        "one",
        "other",
        "one",
        "other",
        "other",
        "other",
    ]
    assert {category("zh_CN", n) for n in (0, 1, 2, 1.5)} == {"other"}


def test_a_message_picks_each_counts_form():
    text = (
        "{count, plural, one {# problem} other {# problems}}"
        " on {lines, plural, one {# line} other {# lines}}"
    )
    from katerm.i18n.plural import expand

    assert expand(text, {"count": 1, "lines": 2}, "en") == "1 problem on 2 lines"
    assert expand(text, {"count": "1,200", "lines": 1}, "en") == "1,200 problems on 1 line"


def test_messages_on_screen_read_right_for_one_and_many():
    assert t("errors.validation_failed", count=1) == "1 field needs fixing; nothing was saved."
    assert t("errors.validation_failed", count=2).startswith("2 fields need fixing")
    assert t("influence.people", count=1) == "1 person"
    assert t("reviews.trend_figures", streak=0, completion="80%").startswith("Quota met 0 weeks")
    assert t("plan.missing.action_owners", count=1) == "1 action without an owner"
    assert tn("accounts.count", 1, shown="1") == "1 account"
    assert t("influence.people", count=1, lang="zh_CN") == "1 人"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_plural_tables_have_the_languages_categories(lang):
    # A table of forms is one whose English has a "one" form ("other" alone is also a word
    # some keys use: cards.event_kind.other).
    bases = {k.rpartition(".")[0] for k in catalogue("en") if k.endswith(".one")}
    tables: dict[str, set[str]] = {b: set() for b in bases}
    for key in catalogue(lang):
        base, _, form = key.rpartition(".")
        if base in bases and form in FORMS:
            tables[base].add(form)
    wrong = {k: sorted(v) for k, v in tables.items() if v != set(CATEGORIES[lang])}
    assert wrong == {}, f"{lang} plural tables need exactly {CATEGORIES[lang]}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_plural_blocks_have_the_languages_categories(lang):
    wrong = []
    for key, text in catalogue(lang).items():
        for name, found in plural_blocks(text):
            if set(found) - {f"={n}" for n in range(10)} != set(CATEGORIES[lang]):
                wrong.append(f"{key}: {name} has {sorted(found)}")
    assert wrong == []


def test_english_never_counts_with_parentheses_or_a_fixed_plural():
    wrong = []
    for key, text in catalogue("en").items():
        if re.search(r"\w\((s|es|y/ies)\)", text):
            wrong.append(f"{key}: {text}")
            continue
        if not _english_plain(key, text):
            continue
        for match in COUNTED_NOUN.finditer(outside_blocks(text)):
            if match.group(1) in COUNTS and match.group(2).split()[-1] not in UNINFLECTED:
                wrong.append(f"{key}: {match.group(0)}")
    assert wrong == []
