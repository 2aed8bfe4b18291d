"""Import and export of every kind of record (:data:`KINDS`): CSV, XLSX and JSON files,
and the whole workspace as one workbook.

The CLI (``katerm import`` / ``katerm export``) and the app's import screen call these:

* :func:`import_file` -> :class:`ImportReport`, raising :class:`FileProblem` or
  :class:`ImportFailed` (both ``BadInput``) with every :class:`Problem` found;
* :func:`export_rows` / :func:`export_file`, and :func:`write_template` for an empty file to
  fill in;
* :func:`export_workbook` / :func:`import_workbook` for ``export all`` / ``import all``;
* :func:`preview` for what a file's columns feed before it is imported.

Each kind is declared once in :mod:`katerm.core.io.kinds`.
"""

from katerm.core.io.columns import KINDS, column_names, label
from katerm.core.io.exporter import (
    FORMATS,
    export_columns,
    export_file,
    export_rows,
    format_for,
    write_template,
)
from katerm.core.io.importer import ImportFailed, ImportReport, Options, Problem, import_file
from katerm.core.io.preview import FilePreview, preview
from katerm.core.io.tabular import FileProblem, read_table
from katerm.core.io.workbook import export_workbook, import_workbook

__all__ = [
    "FORMATS",
    "KINDS",
    "FilePreview",
    "FileProblem",
    "ImportFailed",
    "ImportReport",
    "Options",
    "Problem",
    "column_names",
    "export_columns",
    "export_file",
    "export_rows",
    "export_workbook",
    "format_for",
    "import_file",
    "import_workbook",
    "label",
    "preview",
    "read_table",
    "write_template",
]
