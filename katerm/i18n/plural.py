"""Plural forms by the CLDR rules of each language we ship, and ICU-style plural messages.

A message that counts something says so in the catalogue, in ICU MessageFormat's plural
syntax, so each language inflects as its grammar wants and the code only passes numbers::

    failed = "{count, plural, one {# problem} other {# problems}} in {path}"
    failed = "{path} 中有 {count} 处问题"          # Chinese: no plural forms at all

``#`` stands for the number as the caller gave it (``fmt_int(1234)`` shows ``1,234``; the rule
reads the number behind it). Tables of forms (``[key] one = … other = …``) read through
:func:`katerm.i18n.tn` follow the same rules.

The rules are CLDR's (https://cldr.unicode.org, "Language Plural Rules"), cardinal numbers:
English ``one`` when the integer part is 1 with no visible fraction digits (``1``, not ``1.0``
nor ``1.5``), else ``other``; Chinese ``other`` always.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

# The categories each language uses (CLDR cardinal rules), ``other`` last.
CATEGORIES: dict[str, tuple[str, ...]] = {"en": ("one", "other"), "zh_CN": ("other",)}

_NUMBER = re.compile(r"^[+-]?(\d+)(?:\.(\d+))?$")


def operands(value: object) -> tuple[int, int] | None:
    """CLDR's ``i`` (integer digits) and ``v`` (count of visible fraction digits) of a number
    or of a number shown as text (``"1,234"``, ``"1.50"``); None when it is not a number."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return abs(value), 0
    text = repr(float(value)) if isinstance(value, float) else str(value).strip().replace(",", "")
    if isinstance(value, float) and text.endswith(".0"):
        text = text[:-2]
    found = _NUMBER.match(text)
    if found is None:
        return None
    return int(found.group(1)), len(found.group(2) or "")


def category(lang: str, value: object) -> str:
    """The CLDR plural category of ``value`` in ``lang`` (``one``, ``other``...)."""
    ops = operands(value)
    if ops is None:
        return "other"
    i, v = ops
    if lang == "en":
        return "one" if i == 1 and v == 0 else "other"
    return "other"  # zh_CN and any language without plural forms


def _closing(text: str, start: int) -> int:
    """The index of the brace closing the one opened at ``start``."""
    depth = 0
    for pos in range(start, len(text)):
        if text[pos] == "{":
            depth += 1
        elif text[pos] == "}":
            depth -= 1
            if depth == 0:
                return pos
    raise ValueError(f"unbalanced braces in {text!r}")


_PLURAL_HEAD = re.compile(r"\{\s*(\w+)\s*,\s*plural\s*,")
_BRANCH = re.compile(r"\s*(=\d+|zero|one|two|few|many|other)\s*\{")


def branches(text: str, start: int) -> tuple[str, dict[str, str], int]:
    """Parse the plural block whose ``{`` is at ``start``: (variable, category -> text, end)."""
    head = _PLURAL_HEAD.match(text, start)
    if head is None:
        raise ValueError(f"not a plural block at {start} in {text!r}")
    end = _closing(text, start)
    found: dict[str, str] = {}
    pos = head.end()
    while pos < end:
        branch = _BRANCH.match(text, pos)
        if branch is None:
            if text[pos:end].strip():
                raise ValueError(f"bad plural branch in {text!r}")
            break
        close = _closing(text, branch.end() - 1)
        found[branch.group(1)] = text[branch.end() : close]
        pos = close + 1
    if "other" not in found:
        raise ValueError(f"a plural block needs an 'other' branch: {text!r}")
    return head.group(1), found, end


def plural_blocks(text: str) -> list[tuple[str, dict[str, str]]]:
    """Every plural block of a message: (variable, its branches) — for checking catalogues."""
    out = []
    for head in _PLURAL_HEAD.finditer(text):
        name, found, _ = branches(text, head.start())
        out.append((name, found))
    return out


def outside_blocks(text: str) -> str:
    """The message with its plural blocks left out (what ``str.format`` sees around them)."""
    out, pos = [], 0
    for head in _PLURAL_HEAD.finditer(text):
        if head.start() < pos:
            continue  # inside a block already skipped
        out.append(text[pos : head.start()])
        pos = branches(text, head.start())[2] + 1
    out.append(text[pos:])
    return "".join(out)


def expand(text: str, params: Mapping[str, object], lang: str) -> str:
    """Replace each ``{n, plural, …}`` block by the branch ``params[n]`` calls for (``#`` in it
    by the number as given). Other placeholders are left for ``str.format``."""
    out: list[str] = []
    pos = 0
    while True:
        head = _PLURAL_HEAD.search(text, pos)
        if head is None:
            out.append(text[pos:])
            return "".join(out)
        out.append(text[pos : head.start()])
        name, found, end = branches(text, head.start())
        value = params.get(name, "")
        exact = f"={value}" if isinstance(value, int) else None
        chosen = found.get(exact or "") or found.get(category(lang, value)) or found["other"]
        out.append(chosen.replace("#", str(value)))
        pos = end + 1
