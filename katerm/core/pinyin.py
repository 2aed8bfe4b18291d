"""Pinyin initials of Chinese text, so ``shmz`` finds 上海明珠.

A table of initials for U+4E00..U+9FFF (one letter per code point, 21 KB) ships in
``core/data``; ``scripts/make_pinyin_initials.py`` regenerates it from pypinyin. Reading it
costs nothing noticeable, where pypinyin's own dictionaries cost ~55 MB and 0.2 s.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

_FIRST = 0x4E00
_TABLE_FILE = Path(__file__).resolve().parent / "data" / "pinyin_initials.txt"


_NOT_INITIAL = re.compile(r"[^a-z0-9]+")
_NOT_INITIAL_OR_NEWLINE = re.compile(r"[^a-z0-9\n]+")


@cache
def _maps() -> tuple[dict[int, str], dict[int, str]]:
    """str.translate maps (code point -> letter) for both readings; translating in C is ~20x
    faster than a Python loop over characters."""
    primary, alternative = _TABLE_FILE.read_text(encoding="ascii").split()
    maps = []
    for table in (primary, alternative):
        mapping = {_FIRST + i: letter for i, letter in enumerate(table) if letter != "."}
        mapping.update({ord(c): c.lower() for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"})
        maps.append(mapping)
    return maps[0], maps[1]


_CJK = re.compile(r"[\u4e00-\u9fff]")


def has_cjk(text: str) -> bool:
    return _CJK.search(text) is not None


def search_initials(text: str) -> str:
    """What search should match: the initials, plus the alternative form if it differs."""
    first = initials(text)
    other = initials(text, alternative=True)
    return first if other == first else f"{first}\x00{other}"


def initials(text: str, *, alternative: bool = False) -> str:
    """``上海明珠电子`` -> ``shmzdz``; Latin letters and digits are kept, lower-cased.

    With ``alternative``, characters with two readings use the other one (重庆 -> ``cq``,
    厦门 -> ``xm``); search indexes both forms.
    """
    mapping = _maps()[1 if alternative else 0]
    return _NOT_INITIAL.sub("", text.translate(mapping))


def search_initials_many(texts: list[str]) -> list[str]:
    """:func:`search_initials` of many texts at once: one translate over the joined text is
    several times faster than one per text (100k account names in ~0.1 s)."""
    joined = "\n".join(t.replace("\n", " ") for t in texts)
    first = _NOT_INITIAL_OR_NEWLINE.sub("", joined.translate(_maps()[0])).split("\n")
    other = _NOT_INITIAL_OR_NEWLINE.sub("", joined.translate(_maps()[1])).split("\n")
    return [a if a == b else f"{a}\x00{b}" for a, b in zip(first, other, strict=True)]


# The one rule every picker of an account or a command follows (the accounts list, Ctrl+P,
# the influence map's account picker, the log-activity account field): a name matches what is
# typed when it contains it (case ignored) or, for two or more Latin letters, when its pinyin
# initials contain them anywhere (jzt: 客户金字塔, cq: 重庆…). Each picker had its own copy,
# one matching only from the start of the name, one not matching initials at all.
_AS_INITIALS = re.compile(r"[a-z]{2,}")


def as_initials(text: str) -> str | None:
    """The pinyin initials ``text`` may stand for (lower-cased), or None when it cannot be
    initials (fewer than two letters, or anything but Latin letters)."""
    wanted = text.strip().lower()
    return wanted if wanted.isascii() and _AS_INITIALS.fullmatch(wanted) else None


def with_initials(names: list[str], text: str) -> list[int]:
    """Positions in ``names`` of the Chinese names whose initials contain ``text`` (none when
    ``text`` cannot be initials)."""
    wanted = as_initials(text)
    if wanted is None or not names:
        return []
    keys = search_initials_many(names)
    return [
        i
        for i, (name, key) in enumerate(zip(names, keys, strict=True))
        if wanted in key and has_cjk(name)
    ]


def name_matches(text: str, name: str) -> bool:
    """Whether ``name`` matches what was typed, by the one rule above."""
    wanted = text.strip().casefold()
    if not wanted or wanted in name.casefold():
        return True
    return bool(with_initials([name], wanted))
