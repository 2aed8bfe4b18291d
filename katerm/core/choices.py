"""A choice's words: a stored key (``prospect``) and the catalogue word the screens show for
it (``fields.lifecycle.prospect`` = 潜在客户), read back from what a user or a file gives."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from katerm.i18n import LANGUAGES, has_key, t


def word(area: str, key: str, lang: str | None = None) -> str:
    """The word for ``key`` in ``area``; the key itself when the catalogue has none."""
    name = f"{area}.{key}"
    return t(name, lang=lang) if key and has_key(name, "en") else key


def choice_words(choices: Sequence[str], area: str = "") -> dict[str, str]:
    """Every accepted (case-folded) spelling of a choice -> its key: the key, and with an
    ``area`` its word in every language (a key keeps a word another key also has)."""
    table = {c.casefold(): str(c) for c in choices}
    if area:
        for lang in LANGUAGES:
            for key in choices:
                table.setdefault(word(area, key, lang).strip().casefold(), str(key))
    return table


@cache
def words_of(choices: tuple[str, ...], area: str) -> dict[str, str]:
    """:func:`choice_words`, remembered (the catalogues do not change while katerm runs)."""
    return choice_words(choices, area)
