"""Reading files as tables: formats by content, encodings, delimiters, line numbers."""

from __future__ import annotations

import openpyxl
import pytest

from katerm.core.io.tabular import MISSING, FileProblem, read_table, sniff_delimiter

from .helpers import write


def test_utf8_with_bom_reads_without_the_bom_in_the_first_header(tmp_path):
    path = tmp_path / "a.csv"
    path.write_bytes("名称,行业\n上海明珠,制造\n".encode("utf-8-sig"))
    table = read_table(path)
    assert table.headers == ["名称", "行业"] and table.encoding == "UTF-8 BOM"
    assert table.rows == [(2, ["上海明珠", "制造"])]


def test_gbk_text_is_recognised_without_being_told(tmp_path):
    path = write(tmp_path / "a.csv", "客户名称,区域\n北京燕山石化,华北\n", "gbk")
    table = read_table(path)
    assert table.encoding == "GB18030"
    assert table.rows == [(2, ["北京燕山石化", "华北"])]


def test_a_named_encoding_that_does_not_fit_says_which_line(tmp_path):
    path = tmp_path / "a.csv"
    path.write_bytes(b"name\nok\n" + "坏".encode("gbk") + b"\n")
    with pytest.raises(FileProblem) as caught:
        read_table(path, encoding="utf-8")
    assert caught.value.key == "io.err.decode_at" and caught.value.params["line"] == 3
    with pytest.raises(FileProblem) as caught:
        read_table(path, encoding="klingon-8")
    assert caught.value.key == "io.err.bad_encoding"


@pytest.mark.parametrize(
    ("text", "delimiter"),
    [
        ("name;annual_revenue\nA;1,5\n", ";"),
        ("name\tregion\nA\tNorth, East\n", "\t"),
        ('name,notes\nA,"x;y"\n', ","),
        ("name\nA\n", ","),
    ],
)
def test_the_delimiter_is_sniffed_from_the_header(text, delimiter):
    assert sniff_delimiter(text) == delimiter


def test_line_numbers_are_physical_lines_across_blank_lines_and_multiline_cells(tmp_path):
    path = write(tmp_path / "a.csv", '\nname,notes\r\nA,"two\r\nlines"\r\n\r\nB,x\r\n,\r\nC,y\r\n')
    table = read_table(path)
    assert table.header_line == 2
    assert [line for line, _ in table.rows] == [3, 6, 8]


def test_the_content_decides_the_format_not_the_extension(tmp_path):
    text_named_xlsx = write(tmp_path / "really-csv.xlsx", "name\nA\n")
    assert read_table(text_named_xlsx).format == "csv"
    book = openpyxl.Workbook()
    book.active.append(["name", "annual_revenue"])
    book.active.append([])
    book.active.append(["A", 5000000.0])
    book.save(tmp_path / "book.csv")
    table = read_table(tmp_path / "book.csv")
    assert table.format == "xlsx" and table.rows == [(3, ["A", 5000000])]


def test_an_xlsx_sheet_named_for_the_kind_is_preferred(tmp_path):
    book = openpyxl.Workbook()
    book.active.title = "说明"
    book.active.append(["read me"])
    sheet = book.create_sheet("联系人")
    sheet.append(["name"])
    sheet.append(["王磊"])
    book.save(tmp_path / "b.xlsx")
    assert read_table(tmp_path / "b.xlsx", kind="contacts").rows == [(2, ["王磊"])]
    assert read_table(tmp_path / "b.xlsx", kind="accounts").headers == ["read me"]


@pytest.mark.parametrize(
    ("content", "key"),
    [
        (b"", "io.err.empty"),
        (b"\r\n \n", "io.err.empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "io.err.binary"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "io.err.old_excel"),
        (b"PK\x03\x04 not really a zip", "io.err.bad_xlsx"),
        (bytes(range(1, 32)) * 40, "io.err.binary"),
        (b"name\n\x80\xff\x80 x", "io.err.undecodable"),
    ],
)
def test_files_that_are_not_tables_are_refused_with_a_reason(tmp_path, content, key):
    path = tmp_path / "x.csv"
    path.write_bytes(content)
    with pytest.raises(FileProblem) as caught:
        read_table(path)
    assert caught.value.key == key and caught.value.exit_code == 2


def test_missing_files_and_folders_are_refused(tmp_path):
    with pytest.raises(FileProblem) as caught:
        read_table(tmp_path / "nope.csv")
    assert caught.value.key == "io.err.missing" and "nope.csv" in caught.value.message
    with pytest.raises(FileProblem) as caught:
        read_table(tmp_path)
    assert caught.value.key == "io.err.is_directory"


def test_excel_unicode_text_is_utf16_with_tabs(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("name\tregion\r\n明珠\t华东\r\n".encode("utf-16"))
    table = read_table(path)
    assert table.delimiter == "\t" and table.rows == [(2, ["明珠", "华东"])]


def test_json_records_keep_their_line_and_absent_keys(tmp_path):
    path = write(
        tmp_path / "a.json",
        '[\n{"name": "A", "tier": null},\n\n{"name": "B",\n "region": "N"}\n]\n',
    )
    table = read_table(path)
    assert table.format == "json" and table.headers == ["name", "tier", "region"]
    assert table.rows == [(2, ["A", "", MISSING]), (4, ["B", MISSING, "N"])]


@pytest.mark.parametrize(
    ("text", "key", "line"),
    [
        ('{"name": "A"}', "io.err.json_not_list", None),
        ('[\n{"name": "A"},\n{"name": }\n]', "io.err.bad_json", 3),
        ('[\n{"name": "A"}\n{"name": "B"}\n]', "io.err.bad_json", 3),
        ('[\n"A"\n]', "io.err.json_not_record", 2),
        ('[\n{"name": ["A"]}\n]', "io.err.json_nested", 2),
        ("[\n" + "[" * 100_000 + "]" * 100_000 + "\n]", "io.err.json_too_deep", 2),
    ],
)
def test_broken_json_names_the_line(tmp_path, text, key, line):
    with pytest.raises(FileProblem) as caught:
        read_table(write(tmp_path / "a.json", text))
    assert caught.value.key == key and caught.value.params.get("line") == line
