"""Exporting any kind of record to CSV, XLSX or JSON, and writing import templates.

An export is what the import reads back: the record's ``id``, every user field under its
canonical header, our people as logins (ids mean nothing to people), and the records a row
points at both by id and by name (:mod:`.dump`). Deleted records are left out, and so are the
contacts of deleted accounts. Contacts' birthdays and personal key dates are personal data
(DOMAIN.md §1) and are written only when asked for. Figures are written as the user would
type them: 5000000, not 5000000.0; in a workbook numbers are numbers and dates are dates.

A CSV file may be opened by Excel, which runs a cell starting with ``=`` as a formula: such
cells (and ``+ - @``, tab, carriage return) are written with a leading apostrophe, as OWASP
recommends; katerm's import takes it off again.
"""

from __future__ import annotations

import csv
import json
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, TypeVar

from katerm.core.errors import BadInput
from katerm.core.io.columns import check_kind, columns_of, label
from katerm.core.io.guard import neutralise
from katerm.core.io.kind import FLAG
from katerm.core.io.sheets import _write_xlsx
from katerm.core.io.words import FLAG_WORDS, worded_rows
from katerm.core.tiers import STORED_TIER_COLUMNS, stored_reason_sql, stored_tier_sql
from katerm.i18n import current_language

_T = TypeVar("_T")

if TYPE_CHECKING:
    from katerm.core.workspace import Workspace

FORMATS = ("csv", "xlsx", "json")
_EXTENSIONS = {".csv": "csv", ".txt": "csv", ".tsv": "csv", ".xlsx": "xlsx", ".json": "json"}

_QUERIES = {
    "accounts": (
        "SELECT a.id, a.name, a.industry, a.region, a.annual_revenue, a.contract_value, "
        "a.potential_revenue, a.annual_orders, a.company_revenue, "
        # The team's active scheme's stored tier, then every scheme's (migration 0014).
        f"{stored_tier_sql()}, active_scheme(), {stored_reason_sql()}, "
        f"{', '.join(f'a.{c}' for c in STORED_TIER_COLUMNS)}, a.lifecycle, a.currency, "
        "a.phone, a.website, a.address, "
        "u.login, a.notes "
        "FROM accounts a LEFT JOIN users u ON u.id = a.owner_id WHERE a.deleted = 0 "
        "ORDER BY a.name COLLATE NOCASE, a.id"
    ),
    # Columns in the order of columns.CONTACT_COLUMNS; reports_to is the boss's id here and
    # becomes a name (or stays an id) in _contact_rows.
    "contacts": (
        "SELECT c.id, c.account_id, a.name, c.name, c.title, c.department, c.phone, c.email, "
        "c.birthday, c.role, c.other_roles, c.influence, c.attitude, c.support_level, "
        "c.level, cu.login, "
        # Additional coverage as our people's logins, in login order.
        "(SELECT group_concat(login, ', ') FROM (SELECT u2.login AS login FROM "
        "json_each(c.also_covered_by) j JOIN users u2 ON u2.id = j.value ORDER BY u2.login)), "
        "c.reports_to, c.rising_star, c.favours_competitor, "
        "c.favour_strength, c.left_on, u.login, c.notes "
        "FROM contacts c JOIN accounts a ON a.id = c.account_id "
        "LEFT JOIN users u ON u.id = c.owner_id LEFT JOIN users cu ON cu.id = c.covered_by "
        "WHERE c.deleted = 0 AND a.deleted = 0 "
        "ORDER BY a.name COLLATE NOCASE, a.id, c.name COLLATE NOCASE, c.id"
    ),
}
_LEVEL = 14  # level's place in the contacts query
_BOSS = 17  # reports_to's
_STAR = 18  # rising_star's


def _check_kind(kind: str) -> str:
    return check_kind(kind)


def export_columns(kind: str, *, include_personal: bool = False) -> list[str]:
    """The canonical headers an export of this kind writes, in order."""
    kind = _check_kind(kind)
    return [c.name for c in columns_of(kind) if c.export and (include_personal or not c.personal)]


def export_rows(
    ws: Workspace, kind: str, *, include_personal: bool = False
) -> tuple[list[str], Iterator[list[Any]]]:
    """The columns and (lazily) the rows of an export: plain values, None for an empty one.

    The rows come from one consistent read; consume them before writing to the database.
    """
    kind = _check_kind(kind)
    columns = export_columns(kind, include_personal=include_personal)
    exported = [c for c in columns_of(kind) if c.export]
    keep = [i for i, c in enumerate(exported) if include_personal or not c.personal]
    everything = len(keep) == len(exported)

    def rows() -> Iterator[list[Any]]:
        with ws.db.reading() as conn:
            if kind not in _QUERIES:
                from katerm.core.io import dump
                from katerm.core.io.kinds import get

                yield from dump.rows(
                    conn, get(kind), ws.clock.tz, include_personal=include_personal
                )
                return
            found: Iterable[Sequence[Any]] = conn.execute(_QUERIES[kind])
            if kind == "contacts":
                found = _contact_rows(found)
            for row in found:
                values = [_plain(v) for v in row]
                yield values if everything else [values[i] for i in keep]

    return columns, rows()


def _contact_rows(rows: Iterable[Sequence[Any]]) -> Iterator[list[Any]]:
    """Contacts with their boss named as people write it: the boss's name when no one else at
    the account has it (import matches it back exactly), else the boss's id; a boss who was
    deleted or works elsewhere is left out. The rising-star flag reads yes or no; the
    relationship level is its number and word (``3 trusted``).

    The query lists each account's contacts together, so one account is held at a time.
    """
    from katerm.core import levels
    from katerm.core.accounts import name_key

    def finish(group: list[list[Any]]) -> Iterator[list[Any]]:
        names = {row[0]: row[3] for row in group}
        counts: dict[str, int] = {}
        for name in names.values():
            key = name_key(name)
            counts[key] = counts.get(key, 0) + 1
        for row in group:
            boss = row[_BOSS]
            if boss is not None:
                name = names.get(boss)
                row[_BOSS] = None if name is None else name if counts[name_key(name)] == 1 else boss
            row[_STAR] = "yes" if row[_STAR] else "no"
            # The number with its word (``3 trusted``): readable, and imports read it back.
            row[_LEVEL] = levels.label(int(row[_LEVEL] or 0), "en")
            yield row

    group: list[list[Any]] = []
    for row in rows:
        if group and group[0][1] != row[1]:
            yield from finish(group)
            group = []
        group.append([*row])
    yield from finish(group)


def _plain(value: Any) -> Any:
    # Money is stored as a float; show whole amounts as integers (5000000, not 5000000.0).
    if type(value) is float and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def format_for(path: str | Path | None, fmt: str | None) -> str:
    """The export format: the one asked for, else the file's extension, else CSV."""
    if fmt:
        if fmt not in FORMATS:
            raise BadInput("io.err.unknown_format", value=fmt, choices=tuple(FORMATS))
        return fmt
    if path is None or str(path) == "-":
        return "csv"
    found = _EXTENSIONS.get(Path(path).suffix.lower())
    if found is None:
        raise BadInput(
            "io.err.unknown_extension",
            hint="io.err.unknown_extension_hint",
            path=str(path),
            choices=tuple(FORMATS),
        )
    return found


def export_file(
    ws: Workspace,
    kind: str,
    path: str | Path | None = None,
    *,
    out: TextIO | None = None,
    fmt: str | None = None,
    include_personal: bool = False,
    encoding: str | None = None,
    labels: bool = False,
) -> int:
    """Write an export to ``path`` (replaced atomically) or, for CSV and JSON, to ``out``.

    ``fmt`` defaults to the file's extension; ``labels`` writes headers and the values of
    choice columns (:mod:`.words`) in the interface language instead of the canonical
    names and keys (imports read both). Returns the rows written.
    """
    fmt = format_for(path, fmt)
    kind = _check_kind(kind)
    columns, rows = export_rows(ws, kind, include_personal=include_personal)
    headers = [label(kind, c) for c in columns] if labels else columns
    if labels:
        rows = worded_rows(column_words(kind, columns), rows)
    return write_table(
        fmt,
        headers,
        rows,
        path=path,
        out=out,
        encoding=encoding,
        keys=columns,
        types=column_types(kind, columns),
    )


def column_types(kind: str, columns: Sequence[str]) -> list[str]:
    """Each exported column's type, for a workbook's typed cells."""
    types = {c.name: c.type for c in columns_of(kind)}
    return [types.get(c, "text") for c in columns]


def column_words(kind: str, columns: Sequence[str]) -> list[str]:
    """Each exported column's catalogue area of choice words ("" for none); yes/no columns
    take the words the contact form shows (Yes/No, 是/否), which imports read as flags."""
    words = {c.name: c.words or (FLAG_WORDS if c.type == FLAG else "") for c in columns_of(kind)}
    return [words.get(c, "") for c in columns]


def write_template(
    kind: str,
    path: str | Path | None = None,
    *,
    out: TextIO | None = None,
    lang: str | None = None,
    encoding: str | None = None,
) -> list[str]:
    """Write a header-only file for filling in: CSV, or XLSX if ``path`` ends in .xlsx.

    Headers are in ``lang`` (default: the interface language): the canonical names in
    English, the field labels in Chinese. Returns the headers.
    """
    kind = _check_kind(kind)
    lang = lang or current_language()
    names = [c.name for c in columns_of(kind) if c.template]
    headers = names if lang == "en" else [label(kind, n, lang=lang) for n in names]
    fmt = "csv"
    if path is not None and str(path) != "-":  # a table to fill in: .csv (.txt, .tsv) or .xlsx
        fmt = _EXTENSIONS.get(Path(path).suffix.lower(), "")
        if fmt not in ("csv", "xlsx"):
            raise BadInput("io.err.template_extension", path=str(path))
    write_table(fmt, headers, [], path=path, out=out, encoding=encoding)
    return headers


def write_table(
    fmt: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    path: str | Path | None = None,
    out: TextIO | None = None,
    encoding: str | None = None,
    keys: Sequence[str] | None = None,
    types: Sequence[str] | None = None,
) -> int:
    """Write headers and rows in a format to a file (atomically) or a text stream."""
    to_stream = path is None or str(path) == "-"
    if fmt == "xlsx" and to_stream:
        raise BadInput("io.err.xlsx_needs_file")
    if to_stream:
        if out is None:
            raise ValueError("write_table needs a path or a stream")
        return _write_text(fmt, out, headers, rows, keys, "\n")
    target = prepare_target(path)  # type: ignore[arg-type]
    if encoding:
        _check_encoding(encoding)

    def write(handle: int, tmp: Path) -> int:
        if fmt == "xlsx":
            os.close(handle)
            return _write_xlsx(tmp, headers, rows, types)
        # A BOM lets Excel open a UTF-8 table with Chinese text correctly (imports skip it);
        # JSON must have none (json.load refuses it) and plain newlines.
        table = fmt != "json"
        default = "utf-8-sig" if table else "utf-8"
        with open(handle, "w", encoding=encoding or default, newline="", errors="strict") as fh:
            # RFC 4180 (and Excel) line ends in table files; plain newlines elsewhere.
            return _write_text(fmt, fh, headers, rows, keys, "\r\n" if table else "\n")

    try:
        return replace_file(target, write, shown=str(path))
    except UnicodeEncodeError as exc:
        raise BadInput(
            "io.err.cannot_encode", value=exc.object[exc.start : exc.end], encoding=encoding
        ) from None


def replace_file(target: Path, write: Callable[[int, Path], _T], *, shown: str | Path) -> _T:
    """Write ``target`` through a temporary file beside it, replaced in one step: ``write``
    gets the temporary file's open descriptor (it closes it) and path. The file is left as it
    was on any error; an OS error (full disk, no permission) becomes one clear message naming
    the file as the user gave it (``shown``)."""
    handle, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    try:
        result = write(handle, Path(tmp))
        os.replace(tmp, target)
    except OSError as exc:
        raise BadInput(
            "io.err.cannot_write",
            hint="io.err.cannot_write_hint",
            path=str(shown),
            detail=exc.strerror or str(exc),
        ) from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return result


def prepare_target(path: str | Path) -> Path:
    """The file an export replaces: not a folder, in a folder that exists."""
    target = Path(path).expanduser()
    if target.is_dir():
        raise BadInput("io.err.is_directory", path=str(path))
    if target.exists() and not target.is_file():
        # A device or a pipe: the export replaces its file atomically, which would put a
        # regular file where /dev/null was.
        raise BadInput("io.err.special_target", path=str(path))
    if not target.parent.is_dir():
        raise BadInput("io.err.no_folder", path=str(target.parent))
    return target


def _check_encoding(encoding: str) -> None:
    import codecs

    try:
        codecs.lookup(encoding)
    except LookupError:
        raise BadInput("io.err.bad_encoding", value=encoding) from None


def _write_text(
    fmt: str,
    out: TextIO,
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    keys: Sequence[str] | None,
    newline: str,
) -> int:
    count = 0
    if fmt == "json":
        # One record per line: diffs stay readable and import problems name a useful line.
        encode = json.JSONEncoder(ensure_ascii=False).encode
        names = list(keys or headers)
        out.write("[")
        for row in rows:
            out.write(",\n" if count else "\n")
            out.write(encode(dict(zip(names, row, strict=True))))
            count += 1
        out.write("\n]\n" if count else "]\n")
        return count
    writer = csv.writer(out, lineterminator=newline)
    writer.writerow(headers)
    for row in rows:
        writer.writerow(["" if v is None else neutralise(v) for v in row])
        count += 1
    return count
