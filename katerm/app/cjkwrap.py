"""Chinese text wraps as Chinese readers expect: between any two characters, not only at spaces.

Rich (and Textual's ``Content``, which uses Rich's ``divide_line``) breaks lines only at
whitespace. Chinese has none between words, so a sentence with a Latin name in it was one
long "word" that jumped whole to the next line at the name's space: ``…无人覆盖（Emily`` /
``Wood）：为每人…``, half-empty lines, and the end of the text cut where the box is short.

Here a "word" is one CJK character, or a run of other non-space characters, with the
punctuation that must not start a line (，。）：… and their Latin kin) kept on the line before
and the punctuation that must not end one (（《“…) kept with what follows. Latin words and
numbers wrap exactly as before.
"""

from __future__ import annotations

import re

import rich._wrap

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
_LATIN = f"[^\\s{_CJK}{_CLOSE.replace('”', '').replace('’', '')}{_OPEN}]+[万亿]?"

WORD = re.compile(
    rf"\s*[{_OPEN}]*(?:[{_CJK}]|{_LATIN}|[{_CLOSE}])[{_CLOSE}{_CLOSE_LATIN}]*\s*"
    rf"|\s*[{_OPEN}]+\s*|\s+"
)


def install() -> None:
    """Make Rich's (and so Textual's) line wrapping use these words; idempotent."""
    rich._wrap.re_word = WORD
