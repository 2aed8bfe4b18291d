"""Import and export of accounts and contacts: CSV, XLSX and JSON files.

The CLI (``katerm import`` / ``katerm export``) and the TUI's welcome screen call these:
:func:`import_file` -> :class:`ImportReport`, raising :class:`FileProblem` or
:class:`ImportFailed` (both ``BadInput``) with every :class:`Problem` found; :func:`export_rows`
/ :func:`export_file`, and :func:`write_template` for an empty file to fill in.

* :mod:`~katerm.core.io.tabular`: reading a file as a table (encodings, delimiters, sheets);
* :mod:`~katerm.core.io.columns`: the columns of each kind of file and the headers they take;
* :mod:`~katerm.core.io.mapping`: a file's headers matched to columns;
* :mod:`~katerm.core.io.report`: the problems found and what an import did;
* :mod:`~katerm.core.io.planning`, :mod:`~katerm.core.io.contact_planning` and
  :mod:`~katerm.core.io.reports_to`: checking each row and matching it to a record;
* :mod:`~katerm.core.io.importer`: the whole import, all rows or none;
* :mod:`~katerm.core.io.exporter`: writing files.
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
from katerm.core.io.importer import import_file
from katerm.core.io.report import ImportFailed, ImportReport, Problem
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
