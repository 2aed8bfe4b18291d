"""Files a careless or malicious colleague sends: each is refused with exit 2, a message that
says what is wrong, no traceback, and the database exactly as it was."""

from __future__ import annotations

import csv
import hashlib
import json
import os
import sqlite3

import openpyxl
import pytest

from tests.core.io.helpers import write


def digest(home) -> str:
    """Everything the database holds (its write-ahead log included), as one hash."""
    conn = sqlite3.connect(home / "data" / "katerm.db")
    try:
        return hashlib.sha256("\n".join(conn.iterdump()).encode()).hexdigest()
    finally:
        conn.close()


@pytest.fixture
def filled(cli, tmp_path, katerm_home):
    """A database with one account in it."""
    write(tmp_path / "seed.csv", "name,region\nAcme Steel,North\n")
    assert cli("import", "accounts", str(tmp_path / "seed.csv")).code == 0
    return digest(katerm_home)


def refused(cli, katerm_home, before, *args):
    result = cli(*args)
    assert result.code == 2, result.err
    assert "Traceback" not in result.err and result.err.strip()
    assert digest(katerm_home) == before
    return result.err


def test_a_fifo_is_refused_at_once_instead_of_hanging(cli, tmp_path, katerm_home, filled):
    fifo = tmp_path / "feed.csv"
    os.mkfifo(fifo)
    err = refused(cli, katerm_home, filled, "import", "accounts", str(fifo))
    assert "pipe (FIFO), not a regular file" in err


def test_a_device_is_refused_before_anything_is_read(cli, katerm_home, filled):
    err = refused(cli, katerm_home, filled, "import", "accounts", "/dev/zero")
    assert "/dev/zero is a device" in err


def test_a_file_over_the_size_cap_is_refused_and_the_cap_can_be_raised(
    cli, tmp_path, katerm_home, filled
):
    big = tmp_path / "big.csv"
    big.write_bytes(b"name\n" + b"Some account name\n" * 2000)  # 36 KB
    err = refused(cli, katerm_home, filled, "import", "accounts", str(big), "--max-size", "10KB")
    assert "more than an import reads (at most 10 KB)" in err and "--max-size" in err
    huge = tmp_path / "huge.csv"
    with huge.open("wb") as fh:  # sparse: 250 MB on paper, nothing on disk
        fh.write(b"name\n")
        fh.truncate(250 * 1024 * 1024)
    err = refused(cli, katerm_home, filled, "import", "accounts", str(huge))
    assert "250 MB, more than an import reads (at most 200 MB)" in err
    assert refused(cli, katerm_home, filled, "import", "accounts", str(big), "--max-size", "lots")


@pytest.mark.parametrize("first_utf8", [True, False])
def test_a_file_mixing_utf8_and_gbk_names_the_first_line_in_the_other_encoding(
    cli, tmp_path, katerm_home, filled, first_utf8
):
    lines = ["上海明珠科技,华东", "北京燕山石化,华北"]
    encodings = ("utf-8", "gbk") if first_utf8 else ("gbk", "utf-8")
    path = tmp_path / "mixed.csv"
    path.write_bytes(
        b"name,region\n"
        + lines[0].encode(encodings[0])
        + b"\n"
        + lines[1].encode(encodings[1])
        + b"\n"
    )
    err = refused(cli, katerm_home, filled, "import", "accounts", str(path))
    assert f"Line 3 of {path} is in another encoding" in err and "CSV UTF-8" in err


def test_a_whole_gbk_file_still_imports(cli, tmp_path, katerm_home, filled):
    path = tmp_path / "gbk.csv"
    path.write_bytes("name,region\n上海明珠科技,华东\n北京燕山石化,华北\n".encode("gbk"))
    assert cli("import", "accounts", str(path)).code == 0


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('name,region\n"Open,Chem,East,100\n', "Line 2 of {path} opens a quoted cell"),
        ('name,region\n"Acme" Steel,North\n', "Line 2 of {path} has a quote"),
        ("name,region\nAcme\nBeta,South\n", "{path}:2: the row has 1 cell but the header 2"),
        ("name,region\nAcme,North,East\n", "{path}:2: the row has 3 cells but the header only 2"),
    ],
)
def test_malformed_csv_is_refused_with_its_line(cli, tmp_path, katerm_home, filled, text, words):
    path = write(tmp_path / "bad.csv", text)
    err = refused(cli, katerm_home, filled, "import", "accounts", str(path))
    assert words.format(path=path) in err


def test_cells_that_are_formulas_are_refused_and_an_apostrophe_keeps_them_as_text(
    cli, tmp_path, katerm_home, filled
):
    path = tmp_path / "formulas.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["name", "notes", "phone"])
        writer.writerow(["Evil Co", '=HYPERLINK("http://evil.example","click")', ""])
        writer.writerow(["Dde Co", "=cmd|' /C calc'!A0", "+86 21 5555 0100"])
        writer.writerow(["@SUM(1+1)*cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0", ""])
    err = refused(cli, katerm_home, filled, "import", "accounts", str(path))
    assert f"{path}:2: notes: “=HYPERLINK" in err and "looks like a spreadsheet formula" in err
    assert f"{path}:3: notes:" in err and f"{path}:4: name:" in err and f"{path}:4: notes:" in err
    assert "phone" not in err  # a phone number that starts with + is text
    ok = write(tmp_path / "ok.csv", "name,notes\nQuoted Co,'=1+1\n")
    assert cli("import", "accounts", str(ok)).code == 0
    exported = cli("export", "accounts").out
    assert "'=1+1" in exported  # neutralised again on the way out


def test_deeply_nested_json_is_refused_without_recursing(cli, tmp_path, katerm_home, filled):
    path = write(tmp_path / "deep.json", "[" * 200_000 + "]" * 200_000)
    err = refused(cli, katerm_home, filled, "import", "accounts", str(path))
    assert "nests lists or records deeper than katerm reads (at most 2)" in err
    nested = write(tmp_path / "nested.json", json.dumps([{"name": {"zh": "甲"}}]))
    assert refused(cli, katerm_home, filled, "import", "accounts", str(nested))


def test_binary_files_and_duplicate_headers_are_refused(cli, tmp_path, katerm_home, filled):
    binary = tmp_path / "photo.csv"
    binary.write_bytes(bytes(range(256)) * 64)
    assert "is not a text table" in refused(
        cli, katerm_home, filled, "import", "accounts", str(binary)
    )
    twice = write(tmp_path / "twice.csv", "name,region,Name\nA,B,C\n")
    err = refused(cli, katerm_home, filled, "import", "accounts", str(twice))
    assert f"{twice}:1: Name: the same column as “name” (column 1)" in err


def test_a_workbook_with_a_formula_cell_is_refused(cli, tmp_path, katerm_home, filled):
    book = openpyxl.Workbook()
    book.active.append(["name", "annual_revenue"])
    book.active.append(["Formula Co", "=1+1"])
    book.save(tmp_path / "f.xlsx")
    err = refused(cli, katerm_home, filled, "import", "accounts", str(tmp_path / "f.xlsx"))
    assert "looks like a spreadsheet formula" in err


def test_a_50000_character_argument_is_refused_before_any_query(cli, katerm_home, filled):
    err = refused(cli, katerm_home, filled, "gaps", "x" * 50_000)
    assert "50000 characters long" in err and "LIKE" not in err
    err = refused(cli, katerm_home, filled, "plan", "x" * 5_000)
    assert "longer than any account name" in err


def test_a_too_long_field_in_a_file_names_its_line(cli, tmp_path, katerm_home, filled):
    path = write(tmp_path / "long.csv", "name,industry\n" + "A" * 300 + ",x\nB," + "y" * 150 + "\n")
    err = refused(cli, katerm_home, filled, "import", "accounts", str(path))
    assert f"{path}:2: name: " in err and f"{path}:3: industry: " in err


def test_a_workbook_that_unpacks_to_gigabytes_is_refused_before_it_is_opened(
    cli, tmp_path, katerm_home, filled
):
    import zipfile

    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b" " * (210 * 1024 * 1024))
    assert bomb.stat().st_size < 2 * 1024 * 1024
    err = refused(cli, katerm_home, filled, "import", "accounts", str(bomb))
    assert "unpacks to 210 MB" in err
