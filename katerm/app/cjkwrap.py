"""Chinese text wraps as Chinese readers expect: between any two characters, not only at spaces.

Rich (and Textual's ``Content``, which uses Rich's ``divide_line``) breaks lines only at
whitespace. Chinese has none between words, so a sentence with a Latin name in it was one
long "word" that jumped whole to the next line at the name's space: ``…无人覆盖（Emily`` /
``Wood）：为每人…``, half-empty lines, and the end of the text cut where the box is short.

Here a "word" is one CJK character, or a run of other non-space characters, with the
punctuation that must not start a line (，。）：… and their Latin kin) kept on the line before
and the punctuation that must not end one (（《“…) kept with what follows. Latin words and
numbers wrap exactly as before, except that a person's Latin name (two capitalised words)
stays on one line where it fits: ``（Emily`` / ``Wood）`` read as two people.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import rich._wrap
import rich.text
import textual.content
from rich.cells import cell_len

from katerm.app import widecuts

_CJK = (
    "\u2e80-\u2fdf\u3005-\u3007\u3021-\u3029\u3040-\u30ff\u3100-\u312f\u3190-\u31ff"
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"
)
# Must not start a line: full-width closing brackets, stops, commas, colons...
_CLOSE = "、。，．：；！？）］｝》」』】〕〉”’…‥·・～％"
# ... nor their Latin kin, after a Chinese character (inside a Latin run they are part of it).
_CLOSE_LATIN = r".,:;!?)\]}%"
# Must not end a line: opening brackets and quotes.
_OPEN = "（［｛《「『【〔〈“‘"
# A run of Latin letters, digits and Latin punctuation: a word as before (1,696,500; Co.,),
# with the unit of a Chinese amount (169.65万) kept on it.
# (’ and ” stay inside a Latin word: don’t, “Acme”.)
_LATIN_CHAR = f"[^\\s{_CJK}{_CLOSE.replace('”', '').replace('’', '')}{_OPEN}]"
_LATIN = f"{_LATIN_CHAR}+[万亿]?"
# A person's Latin name (two capitalised words: Emily Wood, Mary-Jane O’Brien) is one word, so
# a line never ends between first and last name where the name fits on the next line (a name
# wider than the line is still folded). Company names and titles keep their pairs together too.
_NAME_WORD = "(?:[A-Z]['’])?[A-Z][a-z]+(?:-[A-Z]?[a-z]+)*"
_NAME = f"[(\\[\"'@]?{_NAME_WORD} {_NAME_WORD}{_LATIN_CHAR}*"


# A “ · ” between items stays at the end of a line, never starts one (“A 3 · B 12” / “· C 20”).
_SEPARATOR = " ·(?= )"


def _word(*kinds: str) -> re.Pattern[str]:
    return re.compile(
        rf"\s*[{_OPEN}]*(?:{'|'.join(kinds)})[{_CLOSE}{_CLOSE_LATIN}]*(?:{_SEPARATOR})?\s*"
        rf"|\s*[{_OPEN}]+\s*|\s+"
    )


# An item of a Chinese enumeration (客户、联系人、商机……) is one word where it is short: a line
# never ends inside 商机. Chinese has no spaces to mark words; between 、 the items are known.
_ITEM = f"[{_CJK}]{{1,4}}(?=、)|(?<=、)[{_CJK}]{{1,4}}(?=[{_CLOSE}])"
WORD = _word(_ITEM, f"[{_CJK}]", _NAME, _LATIN, f"[{_CLOSE}]")
# The same without names: for a text where a name is wider than the line, which then breaks
# at the name's space rather than in the middle of a word.
PLAIN_WORD = _word(_ITEM, f"[{_CJK}]", _LATIN, f"[{_CLOSE}]")

RICH_DIVIDE_LINE = getattr(rich._wrap.divide_line, "rich_divide_line", rich._wrap.divide_line)


def _words(width: int) -> Callable[[str], Iterator[tuple[int, int, str]]]:
    """Rich's ``words`` with these words; a name wider than the line is split at its space."""

    def words(text: str) -> Iterator[tuple[int, int, str]]:
        for match in WORD.finditer(text):
            word = match.group(0)
            if " " in word.strip() and cell_len(word.rstrip()) > width:
                start = match.start()
                for part in PLAIN_WORD.finditer(word):
                    yield start + part.start(), start + part.end(), part.group(0)
            else:
                yield match.start(), match.end(), word

    return words


def divide_line(text: str, width: int, fold: bool = True) -> list[int]:
    """Rich's ``divide_line`` with these words (a name kept whole only where it fits)."""
    saved = rich._wrap.words
    rich._wrap.words = _words(width)
    try:
        return RICH_DIVIDE_LINE(text, width, fold)
    finally:
        rich._wrap.words = saved


divide_line.rich_divide_line = RICH_DIVIDE_LINE  # type: ignore[attr-defined]


def install() -> None:
    """Make Rich's (and so Textual's) line wrapping use these words, and Textual's compositor
    keep a wide character whole (katerm.app.widecuts); idempotent."""
    rich._wrap.re_word = WORD
    widecuts.install()  # and a character drawn over another widget's edge is never lost
    # Rich's Text and Textual's Content took their own reference to the function at import.
    for module in (rich._wrap, rich.text, textual.content):
        setattr(module, "divide_line", divide_line)  # noqa: B010 (a module attribute)


def snug_width(text: str, widest: int, narrowest: int = 1) -> int:
    """The width a box should give ``text``: no wider than ``widest``, at least ``narrowest``,
    and the narrowest width at which it takes no more lines than at ``widest``. So a question
    that fits on one line is as wide as it is, and one that needs two has them of about equal
    length rather than a full line and a lone word (``…仍要结束夕会`` / ``吗？``). Lines are
    measured as Textual wraps them (these words, terminal cells)."""
    from textual.content import Content

    content = Content(text)

    def lines(width: int) -> list[Content]:
        return content.wrap(width)

    widest = max(widest, 1)
    low, high = min(max(narrowest, 1), widest), widest
    most = len(lines(widest))
    while low < high:  # the narrowest width that keeps the line count
        middle = (low + high) // 2
        if len(lines(middle)) <= most:
            high = middle
        else:
            low = middle + 1
    used = max((line.cell_length for line in lines(low)), default=0)
    return max(min(used, widest), min(narrowest, widest))
