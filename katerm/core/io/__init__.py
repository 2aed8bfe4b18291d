"""Import and export of every kind of record (:data:`KINDS`): CSV, XLSX and JSON files,
and the whole workspace as one workbook.

The CLI (``katerm import`` / ``katerm export``) and the app's import screen call these:

* :func:`import_file` -> :class:`ImportReport`, raising :class:`FileProblem` or
  :class:`ImportFailed` (both ``BadInput``) with every :class:`Problem` found;
* :func:`export_rows` / :func:`export_file`, and :func:`write_template` for an empty file to
  fill in;
* :func:`export_workbook` / :func:`import_workbook` for ``export all`` / ``import all``;
* :func:`preview_file` for what a file's columns feed before it is imported.

* :mod:`~katerm.core.io.kind` and :mod:`~katerm.core.io.kinds`: each kind declared once
  (columns, headers in both languages, links, key, dependencies);
* :mod:`~katerm.core.io.guard` and :mod:`~katerm.core.io.tabular`: reading a file as a table,
  refusing what is not one (special files, size, encodings, malformed CSV, formulas);
* :mod:`~katerm.core.io.columns`, :mod:`~katerm.core.io.mapping` and
  :mod:`~katerm.core.io.profiles`: a file's headers matched to columns, with the user's
  mapping and other CRMs' profiles;
* :mod:`~katerm.core.io.options` and :mod:`~katerm.core.io.report`: what an import is asked
  to do and what it says back;
* :mod:`~katerm.core.io.planning`, :mod:`~katerm.core.io.contact_planning`,
  :mod:`~katerm.core.io.reports_to`, :mod:`~katerm.core.io.team`,
  :mod:`~katerm.core.io.generic` and :mod:`~katerm.core.io.lookups`: checking each row and
  matching it to a record;
* :mod:`~katerm.core.io.importer` and :mod:`~katerm.core.io.workbook`: the whole import, all
  rows (and sheets) or none;
* :mod:`~katerm.core.io.exporter`, :mod:`~katerm.core.io.dump` and
  :mod:`~katerm.core.io.sheets`: writing files.
"""

from katerm.core.io.columns import KINDS, check_kind, column_names, label
from katerm.core.io.exporter import (
    FORMATS,
    export_columns,
    export_file,
    export_rows,
    format_for,
    write_template,
)
from katerm.core.io.guard import parse_size
from katerm.core.io.importer import import_file
from katerm.core.io.options import Options
from katerm.core.io.preview import FEEDS, ColumnPreview, FilePreview, fields_of, preview_file
from katerm.core.io.profiles import available as available_profiles
from katerm.core.io.profiles import load_profile, parse_maps, save_profile
from katerm.core.io.report import ImportFailed, ImportReport, Problem
from katerm.core.io.tabular import FileProblem, read_table
from katerm.core.io.workbook import (
    export_workbook,
    import_workbook,
    personal_left_out,
    read_workbook,
    write_tables,
)

__all__ = [
    "FEEDS",
    "FORMATS",
    "KINDS",
    "ColumnPreview",
    "FilePreview",
    "FileProblem",
    "ImportFailed",
    "ImportReport",
    "Options",
    "Problem",
    "available_profiles",
    "check_kind",
    "column_names",
    "export_columns",
    "export_file",
    "export_rows",
    "export_workbook",
    "fields_of",
    "format_for",
    "import_file",
    "import_workbook",
    "label",
    "load_profile",
    "parse_maps",
    "parse_size",
    "personal_left_out",
    "preview_file",
    "read_table",
    "read_workbook",
    "save_profile",
    "write_tables",
    "write_template",
]
