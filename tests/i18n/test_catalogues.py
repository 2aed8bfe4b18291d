"""Both languages complete: same keys, same placeholders, no English left in Chinese."""

from __future__ import annotations

import re
import string

import pytest

from katerm.i18n import catalogue, choose_language, normalize_language, t
from katerm.i18n.plural import outside_blocks, plural_blocks

# Values that are the same in both languages on purpose (names, codes, formats).
SAME_IN_BOTH = re.compile(r"^[\sA-Za-z0-9_.:/%(){}\[\]<>|,;+\-=*#@'\"`!?…·→←↑↓✓✗★☆—–−]*$")
_ENGLISH_WORD = re.compile(r"\b[a-z]{4,}\b")
# Words that stay as they are in Chinese text: commands, options, formats and product names.
ALLOWED_IN_CHINESE = {
    "katerm",
    "demo",
    "import",
    "export",
    "config",
    "show",
    "check",
    "upgrade",
    "backup",
    "help",
    "debug",
    "login",
    "name",
    "language",
    "theme",
    "tier_scheme",
    "keys",
    "user",
    "toml",
    "force",
    "accounts",
    "contacts",
    "template",
    "format",
    "json",
    "xlsx",
    "utf",
    "bom",
    "true",
    "false",
    "sync",
    "server",
    "team",
    "conflicts",
    "pyramid",
    "retier",
    "influence",
    "gaps",
    "calendar",
    "review",
    "daily",
    "weekly",
    "summary",
    "plan",
    "pipeline",
    "logout",
    "whoami",
    "postgresql",
    "keyring",
    "password",
    "stdin",
    "scheme",
    "revenue",
    "fish",
    "strategic",
    "size",
    "include",
    "personal",
    "dry",
    "apply",
    "open",
    "seed",
    "encoding",
    "output",
    "table",
    "text",
    "html",
    "markdown",
    "owner",
    "year",
    "date",
    "week",
    "stuck",
    "overdue",
    "note",
    "contact",
    "visit",
    "ctrl",
    "enter",
    "escape",
    "space",
    "tab",
    "home",
    "path",
    "file",
    "value",
    "none",
    "lead",
    "cash",
    "deal",
    "gbk",
    "gb18030",
    "python",
    "install",
    "katerm_home",
    "katerm_password",
    "katerm_server",
    "init",
    "list",
    "move",
    "remove",
    "reassign",
    "code",
    "message",
    "role",
    "high",
    "medium",
    "low",
    "supporter",
    "neutral",
    "opponent",
    "unknown",
    "coach",
    "decision_maker",
    "approver",
    "recommender",
    "executive_sponsor",
    "initiator",
    "influencer",
    "buyer",
    "gatekeeper",
    "exclusive_support",
    "limited_support",
    "does_not_accept",
    "regular",
    "trusted",
    "covered_by",
    "reports_to",
    "rising_star",
    "favours_competitor",
    "support_level",
    "contact_level",
    "attitude",
}


def _placeholders(text: str) -> set[str]:
    """The values a message uses: its plain placeholders and its plural blocks' counts, and
    the placeholders inside every branch."""
    names: set[str] = set()
    for name, found in plural_blocks(text):
        if any("#" in branch for branch in found.values()):
            names.add(name)  # shown; a count that only picks the form may go unsaid
        for branch in found.values():
            names |= _placeholders(branch)
    outside = outside_blocks(text)
    return names | {f for _, f, _, _ in string.Formatter().parse(outside) if f}


def _messages(lang: str) -> dict[str, str]:
    """A catalogue with each plural table (``key.one``, ``key.other``...) as one entry: the
    languages have different plural categories."""
    out: dict[str, str] = {}
    for key, text in catalogue(lang).items():
        base, _, form = key.rpartition(".")
        if form in ("zero", "one", "two", "few", "many", "other"):
            out.setdefault(base, "")
            out[base] += text
        else:
            out[key] = text
    return out


def test_every_english_key_has_a_chinese_translation_and_back():
    en, zh = _messages("en"), _messages("zh_CN")
    assert sorted(set(en) - set(zh)) == [], "missing in zh_CN"
    assert sorted(set(zh) - set(en)) == [], "missing in en"


@pytest.mark.parametrize("key", sorted(_messages("en")))
def test_placeholders_match(key):
    assert _placeholders(_messages("en")[key]) == _placeholders(_messages("zh_CN")[key]), key


def test_chinese_texts_are_translated():
    en, zh = _messages("en"), _messages("zh_CN")
    untranslated = []
    for key, text in zh.items():
        if text == en.get(key) and not SAME_IN_BOTH.match(text):
            untranslated.append(key)
            continue
        plain = re.sub(r"\{[^}]*\}|`[^`]*`|--[\w-]+|%\([^)]*\)\w|<[^>]*>|\S+\.\w{2,4}\b", "", text)
        words = {w for w in _ENGLISH_WORD.findall(plain.lower()) if w not in ALLOWED_IN_CHINESE}
        if words and not re.search(r"[\u4e00-\u9fff]", text):
            untranslated.append(f"{key}: {sorted(words)}")
    assert untranslated == []


def test_language_choice_follows_cli_then_config_then_environment():
    env = {"LANG": "zh_CN.UTF-8"}
    assert choose_language(None, None, env) == "zh_CN"
    assert choose_language(None, "en", env) == "en"
    assert choose_language("zh-CN", "en", env) == "zh_CN"
    assert choose_language(None, None, {"LC_ALL": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"}) == "en"
    assert choose_language(None, None, {}) == "en"
    assert normalize_language("klingon") is None


def test_a_missing_placeholder_value_does_not_crash():
    assert t("db.locked", path="x")  # 'seconds' missing: shown raw, not an exception


def test_chinese_texts_call_the_enter_key_by_one_name():
    """回车 in every Chinese hint: “Enter 打开卡片” beside “回车 编辑单元格” read as two keys."""
    zh = catalogue("zh_CN")
    said_enter = sorted(key for key, text in zh.items() if re.search(r"\bEnter\b", text))
    assert said_enter == []


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_a_message_pointing_at_the_readme_names_a_section_it_has(lang):
    """见 README“使用”一节: the README (in English) has no section 使用; the user found
    nothing. A message names the section by its heading."""
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    headings = {line.lstrip("#").strip() for line in readme.splitlines() if line.startswith("#")}
    pointed = {
        key: name
        for key, text in catalogue(lang).items()
        for name in re.findall(r"README(?: 中|:)? ?“?([^“”（）()]+?)[”)）]", text)
    }
    assert pointed, "no message points at the README any more: drop this test"
    wrong = {key: name for key, name in pointed.items() if name.strip() not in headings}
    assert wrong == {}
