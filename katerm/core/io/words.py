"""A choice column's values as words: what ``--labels`` exports write and imports read back.

A choice is stored as its key (``prospect``, ``decision_maker``); the app's screens show the
catalogue word ``<area>.<key>`` (潜在客户, 决策者). A column declares that area once
(``Col(..., words="fields.lifecycle")``); an export with labels writes the words in the
interface language, and an import takes a key or its word in either language (case
ignored), so a sheet shared for reading, edited and imported again gives the same data.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from katerm.core.choices import choice_words, word
from katerm.i18n import current_language

__all__ = ["FLAG_WORDS", "LEVELS", "choice_words", "word", "worded_rows"]

# Yes and no (a flag's "yes"/"no" as exports write it), as the contact form shows them.
FLAG_WORDS = "influence"
# The relationship level (katerm.core.levels) is exported as its number and word.
LEVELS = "gaps.level"
_NUMBERED = re.compile(r"(\d+)\s+\S")
_LIST = re.compile(r"\s*,\s*")  # several keys in one cell (a contact's other roles)


def _worded(area: str, value: Any, lang: str) -> Any:
    if not isinstance(value, str) or not value:
        return value
    if area == LEVELS:
        numbered = _NUMBERED.match(value)
        if numbered:  # ``3 trusted`` -> ``3 信任``
            from katerm.core import levels

            return levels.label(int(numbered[1]), lang)
    if "," in value:
        parts = [word(area, p, lang) for p in _LIST.split(value) if p]
        return ("、" if lang == "zh_CN" else ", ").join(parts)
    return word(area, value, lang)


def worded_rows(
    areas: Sequence[str], rows: Iterable[Sequence[Any]], lang: str | None = None
) -> Iterator[list[Any]]:
    """The rows with each value of a column whose area is given written as its word."""
    lang = lang or current_language()
    at = [(i, a) for i, a in enumerate(areas) if a]
    for row in rows:
        values = list(row)
        for i, area in at:
            values[i] = _worded(area, values[i], lang)
        yield values
