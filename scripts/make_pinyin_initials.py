"""Regenerate katerm/core/data/pinyin_initials.txt (developers only; needs `pip install pypinyin`).

The file holds two lines of one character per code point from U+4E00 to U+9FFF: the lower-case
initial of the character's most common Mandarin reading ("." where there is none), then the
initial of its first reading that starts differently (重 zhòng/chóng, 厦 shà/xià), or the same
letter again. katerm reads it at
run time instead of loading pypinyin's dictionaries (~55 MB and 0.2 s).
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from pypinyin.pinyin_dict import pinyin_dict

FIRST, LAST = 0x4E00, 0x9FFF
OUT = Path(__file__).resolve().parents[1] / "katerm" / "core" / "data" / "pinyin_initials.txt"


def initials(code: int) -> tuple[str, str]:
    readings = pinyin_dict.get(code)
    letters = []
    for reading in (readings or "").split(","):
        if reading:
            letter = unicodedata.normalize("NFKD", reading)[0].lower()
            if letter.isascii() and letter.isalpha():
                letters.append(letter)
    if not letters:
        return ".", "."
    other = next((x for x in letters if x != letters[0]), letters[0])
    return letters[0], other


def main() -> None:
    pairs = [initials(c) for c in range(FIRST, LAST + 1)]
    primary = "".join(p for p, _ in pairs)
    alternative = "".join(a for _, a in pairs)
    OUT.write_text(primary + "\n" + alternative + "\n", encoding="ascii")
    print(f"wrote {OUT} ({len(primary)} characters per line)")


if __name__ == "__main__":
    main()
