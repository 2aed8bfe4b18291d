"""What an import refuses before it parses anything: files that are not plain files, files
too big, text in no single encoding, and cells that are formulas. (JSON nested too deeply is
refused by the parser: :mod:`.tabular`.)

Each refusal is a :class:`~katerm.core.io.tabular.FileProblem` (exit code 2) that says what is
wrong and what to do, raised before the database is touched and without reading more than
the size cap allows — a FIFO, ``/dev/zero`` or a 10 GB file is refused at once.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from pathlib import Path
from typing import Any

from katerm.core.errors import BadInput

DEFAULT_MAX_SIZE = 200 * 1024 * 1024  # bytes; ``--max-size`` changes it
MAX_JSON_DEPTH = 2  # a list of flat records: [ { ... } ]; deeper values are refused
_READ_CHUNK = 1 << 20
_DECODE_CHUNK = 1 << 20
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmg]?)i?b?\s*$", re.IGNORECASE)
_UNITS = {"": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30}


class FileProblem(BadInput):
    """The file as a whole cannot be read as a table: missing, empty, binary, undecodable."""


def parse_size(text: str) -> int:
    """``200MB``, ``1.5g``, ``500k`` or a number of bytes, for ``--max-size``."""
    match = _SIZE.match(str(text))
    if not match or float(match[1]) <= 0:
        raise BadInput("io.err.bad_size", value=text)
    return int(float(match[1]) * _UNITS[match[2].lower()])


def human_size(size: int) -> str:
    for unit, factor in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if size >= factor:
            return f"{size / factor:.1f} {unit}".replace(".0 ", " ")
    return f"{size} B"


def read_bytes(path: Path, display: str, max_size: int = DEFAULT_MAX_SIZE) -> bytes:
    """The whole file, if it is a regular file of at most ``max_size`` bytes.

    Opened without blocking and checked on the open handle, so a FIFO never hangs the
    import and a file swapped for a device after the check is still refused.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise FileProblem("io.err.missing", hint="io.err.missing_hint", path=display) from None
    except IsADirectoryError:
        raise FileProblem("io.err.is_directory", path=display) from None
    except OSError as exc:
        raise FileProblem(
            "io.err.unreadable", path=display, detail=exc.strerror or str(exc)
        ) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise FileProblem("io.err.is_directory", path=display)
        if not stat.S_ISREG(info.st_mode):
            raise FileProblem(
                "io.err.not_regular",
                hint="io.err.not_regular_hint",
                path=display,
                what=_what(info.st_mode),
            )
        if info.st_size > max_size:
            raise FileProblem(
                "io.err.too_big",
                hint="io.err.too_big_hint",
                path=display,
                size=human_size(info.st_size),
                limit=human_size(max_size),
            )
        chunks, total = [], 0
        while True:  # the file may grow while it is read: never past the cap
            chunk = os.read(fd, min(_READ_CHUNK, max_size + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > max_size:
                raise FileProblem(
                    "io.err.too_big",
                    hint="io.err.too_big_hint",
                    path=display,
                    size=human_size(total),
                    limit=human_size(max_size),
                )
    except OSError as exc:
        raise FileProblem(
            "io.err.unreadable", path=display, detail=exc.strerror or str(exc)
        ) from None
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if not data:
        raise FileProblem("io.err.empty", path=display)
    return data


def _what(mode: int) -> str:
    from katerm.i18n import t

    for test, key in (
        (stat.S_ISFIFO, "fifo"),
        (stat.S_ISCHR, "device"),
        (stat.S_ISBLK, "device"),
        (stat.S_ISSOCK, "socket"),
    ):
        if test(mode):
            return t(f"io.err.special.{key}")
    return t("io.err.special.other")


# --- encodings ----------------------------------------------------------------------------


def validate(data: bytes, codec: str) -> None:
    """Raise UnicodeDecodeError unless all of ``data`` decodes strictly; keep no text."""
    decoder = codecs.getincrementaldecoder(codec)(errors="strict")
    for start in range(0, len(data), _DECODE_CHUNK):
        decoder.decode(data[start : start + _DECODE_CHUNK])
    decoder.decode(b"", final=True)


def failing_line(data: bytes, codec: str) -> int:
    try:
        validate(data, codec)
    except UnicodeDecodeError as exc:
        return data.count(b"\n", 0, _absolute(data, codec, exc)) + 1
    return 1


def _absolute(data: bytes, codec: str, exc: UnicodeDecodeError) -> int:
    """Where in ``data`` a chunked decode failed (the error's offset is within its chunk)."""
    try:
        data.decode(codec)
    except UnicodeDecodeError as whole:
        return whole.start
    return exc.start


def utf8_lines_in(data: bytes) -> int | None:
    """The first line (1-based) of a non-UTF-8 file that is UTF-8 Chinese text, if any.

    A line counts when it decodes as UTF-8 and holds at least two non-ASCII characters: GBK
    text almost never decodes as UTF-8 by chance over two characters, while UTF-8 text read
    as GB18030 decodes "successfully" into nonsense (上海明珠 -> 涓婃捣鏄庣彔). The whole file
    is decoded once, marking what is not UTF-8, so a 200 MB file takes a second, not a minute.
    """
    text = data.decode("utf-8", errors="replace")
    for number, line in enumerate(text.split("\n"), 1):
        if line.isascii() or "\ufffd" in line:
            continue
        if sum(1 for ch in line if ord(ch) > 0x7F) >= 2:
            return number
    return None


def utf8_before(data: bytes, end: int) -> bool:
    """Whether the UTF-8 text before ``end`` holds multi-byte (non-ASCII) characters."""
    head = data[:end]
    return max(head, default=0) >= 0x80


# --- formulas -----------------------------------------------------------------------------

# What a spreadsheet would run: =anything, @function, or +/- followed by a call, a DDE link
# (cmd|' /C calc'!A0) or a cell reference. A phone number (+86 21 5555 0100) or a note that
# starts with a dash is text.
_CALL = re.compile(r"[A-Za-z_][A-Za-z0-9_.]*\s*\(|\||!|=")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(value: Any) -> bool:
    """Whether a spreadsheet opening this text cell would read it as a formula."""
    if type(value) is not str or not value:
        return False
    text = value.lstrip("\t\r\n ")
    if not text:
        return False
    first = text[0]
    if first == "=":
        return len(text) > 1
    if first == "@":
        return len(text) > 1 and not text[1:2].isspace()
    if first in "+-":
        return bool(_CALL.search(text[1:]))
    return False


def neutralise(value: Any) -> Any:
    """A text cell made safe for a CSV file that Excel may open (OWASP): a cell starting
    with ``= + - @``, tab or carriage return gets a leading apostrophe, which Excel shows as
    text; katerm's import takes the apostrophe off again."""
    if type(value) is str and value and (value[0] in FORMULA_STARTS or value[0] == "'"):
        return "'" + value
    return value


def unneutralise(value: Any) -> Any:
    """A cell as katerm's CSV export wrote it, back to the stored text."""
    if (
        type(value) is str
        and len(value) > 1
        and value[0] == "'"
        and (value[1] in FORMULA_STARTS or value[1] == "'")
    ):
        return value[1:]
    return value
