"""Import and export of accounts and contacts: CSV, XLSX and JSON files.

The CLI (``katerm import`` / ``katerm export``) and the TUI's welcome screen call these:

* :func:`import_file` -> :class:`ImportReport`, raising :class:`FileProblem` or
  :class:`ImportFailed` (both ``BadInput``) with every :class:`Problem` found;
* :func:`export_rows` / :func:`export_file`, and :func:`write_template` for an empty file to
  fill in.
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
from katerm.core.io.importer import ImportFailed, ImportReport, Problem, import_file
from katerm.core.io.tabular import FileProblem, read_table

__all__ = [
    "FORMATS",
    "KINDS",
    "FileProblem",
    "ImportFailed",
    "ImportReport",
    "Problem",
    "column_names",
    "export_columns",
    "export_file",
    "export_rows",
    "format_for",
    "import_file",
    "label",
    "read_table",
    "write_template",
]
