"""Importing a file from the app: the file's columns beside katerm's fields, its first rows,
then a check and the import — all from the keyboard.

Type the file's path and press Enter; pick what it holds (accounts, opportunities, the visit
log...) and, for another CRM's export, its profile. The columns table says what each column
feeds; Enter on one chooses its field (or leaves it out). ``c`` checks the whole file without
writing (a dry run), ``i`` imports it, ``o`` lets owners the team lacks join it. The reading,
checking and writing are :mod:`katerm.core.io`'s, in a worker thread.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Header, Input, Select, Static

from katerm.app.context import katerm_app, workspace_of
from katerm.app.localize import Localized
from katerm.app.styles import tcss
from katerm.app.widgets.chrome import AppFooter
from katerm.app.widgets.filled_table import fill_table
from katerm.app.widgets.leaving import HoldsInput
from katerm.i18n import t


@dataclass
class Choices:
    """What the user chose on the screen, turned into import options."""

    columns: dict[str, str] = field(default_factory=dict)  # file header -> field ("" skips)
    profile: str = ""
    add_owners: bool = False

    def options(self, config_dir: Path, kind: str, *, dry_run: bool = False) -> Any:
        from katerm.core.io import Options, load_profile

        columns: dict[str, str] = {}
        values: dict[str, Any] = {}
        dates = "year_first"
        if self.profile:
            profile = load_profile(self.profile, kind, config_dir)
            columns, values, dates = dict(profile.columns), profile.values, profile.dates
        columns.update(self.columns)
        return Options(
            dry_run=dry_run, add_owners=self.add_owners, columns=columns, values=values, dates=dates
        )


def _label(kind: str) -> str:
    """A kind's name as the box's label: "Accounts", not "accounts" (which read as the
    internal name); the words are the CLI's ("Exported 3 accounts"), so only the first
    letter changes (nothing in Chinese)."""
    return kind[:1].upper() + kind[1:]


class ImportScreen(HoldsInput, Localized, Screen[bool]):
    """Dismissed with True after an import wrote something. The columns the user chose are
    input: Esc or quitting with some chosen asks import / discard / stay."""

    BINDINGS = [
        Binding("escape", "leave", "keys.back", id="import.back"),
        Binding("x", "leave_out", "import.keys.leave_out", id="import.leave_out"),
        Binding("c", "check", "import.keys.check", id="import.check"),
        Binding("i", "run_import", "import.keys.import", id="import.run"),
        Binding("o", "toggle_owners", "import.keys.owners", id="import.owners"),
    ]
    DEFAULT_CSS = tcss(__file__, "import_screen.tcss")

    def __init__(self, path: str = "", kind: str = "accounts") -> None:
        super().__init__()
        self.initial_path, self.kind = path, kind
        self.choices = Choices()
        self.preview: Any = None
        self._then: Callable[[bool], object] = lambda ok: None
        self._to_columns = False  # the path was submitted: its columns take the focus

    def compose(self) -> ComposeResult:
        from katerm.core.io import KINDS
        from katerm.core.io import available_profiles as available

        yield Header()  # the title bar every screen has (the app, who, which database)
        with Horizontal(id="import-form"):
            yield Input(
                self.initial_path,
                placeholder=t("import.path_placeholder"),
                id="import-path",
                compact=True,
            )
            yield Select(
                [(_label(t(f"io.kind.{k}")), k) for k in KINDS],
                value=self.kind,
                allow_blank=False,
                id="import-kind",
                compact=True,
            )
            config = workspace_of(self).paths.config_dir
            profiles = [(t("import.no_profile"), "")] + [(p, p) for p in available(config)]
            yield Select(profiles, value="", allow_blank=False, id="import-profile", compact=True)
        columns: DataTable[str] = DataTable(
            id="import-columns", cursor_type="row", zebra_stripes=True
        )
        columns.add_columns(t("import.col_file"), t("import.col_field"), t("import.col_values"))
        yield columns
        yield DataTable(id="import-rows", cursor_type="none", show_cursor=False)
        yield Static(t("import.start"), id="import-status")
        yield AppFooter()

    def on_mount(self) -> None:
        self.title = t("import.title")
        self.query_one("#import-path", Input).focus()
        if self.initial_path:
            self._load()

    # --- reading the file ---------------------------------------------------------------
    @on(Input.Submitted, "#import-path")
    def _path_given(self) -> None:
        self.choices.columns.clear()
        # The columns take the focus only once the file is read (in _show): a path that
        # cannot be read keeps it in the field, or the corrected path typed next would run
        # as the screen's keys.
        self._to_columns = True
        self._load()

    @on(Select.Changed, "#import-kind")
    def _kind_changed(self, event: Select.Changed) -> None:
        self.kind = str(event.value)
        self.choices.columns.clear()
        self._load()

    @on(Select.Changed, "#import-profile")
    def _profile_changed(self, event: Select.Changed) -> None:
        self.choices.profile = str(event.value or "")
        self._load()

    def _path(self) -> str:
        return self.query_one("#import-path", Input).value.strip().strip("'\"")

    def _load(self) -> None:
        if not self._path():
            self._to_columns = False
            self._say(t("import.start"))
            return
        self._read(self._path(), self.kind, self.choices)

    @work(thread=True, exclusive=True, exit_on_error=False, group="import-read")
    def _read(self, path: str, kind: str, choices: Choices) -> None:
        from katerm.core.errors import KatermError
        from katerm.core.io import preview_file

        try:
            options = choices.options(workspace_of(self).paths.config_dir, kind)
            found = preview_file(Path(path).expanduser(), kind, options)
        except KatermError as exc:
            self.app.call_from_thread(self._unreadable, str(exc))
            return
        self.app.call_from_thread(self._show, found)

    def _unreadable(self, message: str) -> None:
        """A refused path: said, and the field keeps the focus with its text selected so
        the next keys correct it instead of running as commands."""
        self._to_columns = False
        self._failed(message)
        path = self.query_one("#import-path", Input)
        path.focus()
        path.select_all()

    def _show(self, found: Any) -> None:
        from katerm.core.io import FEEDS

        self.preview = found
        table = self.query_one("#import-columns", DataTable)
        row = table.cursor_row
        shown = []
        for column in found.columns:
            if column.status == FEEDS:
                target = f"→ {column.field_label or column.field}"
            else:
                target = t(f"import.status.{column.status}")
            shown.append((column.header, target, " · ".join(v for v in column.samples if v)))
        headers = [t("import.col_file"), t("import.col_field"), t("import.col_values")]
        fill_table(table, headers, shown, keys=[c.header for c in found.columns])
        if found.columns:
            table.move_cursor(row=min(row, len(found.columns) - 1))
        width = len(found.headers)
        first = [[*cells, *[""] * (width - len(cells))][:width] for cells in found.first_rows]
        headers = [h or "·" for h in found.headers]
        fill_table(self.query_one("#import-rows", DataTable), headers, first)
        self._say(self._summary(found))
        if self._to_columns:
            self._to_columns = False
            table.focus()

    def _summary(self, found: Any) -> str:
        parts = [
            t(
                "import.summary",
                rows=found.rows,
                source=found.sheet or found.format.upper(),
                encoding=found.encoding or "—",
            )
        ]
        if found.unknown:
            parts.append(t("import.unknown", columns=list(found.unknown)))
        else:
            parts.append(t("import.ready"))
        parts += [str(p) for p in found.problems[:3]]
        return "\n".join(parts)

    # --- choosing fields ------------------------------------------------------------------
    def _current_header(self) -> str | None:
        table = self.query_one("#import-columns", DataTable)
        if self.preview is None or not self.preview.columns or not table.has_focus:
            return None
        return self.preview.columns[table.cursor_row].header

    @on(DataTable.RowSelected, "#import-columns")
    def _row_chosen(self) -> None:
        self.action_map_column()

    def action_map_column(self) -> None:
        from katerm.app.widgets.choose import ChoiceScreen
        from katerm.core.io import fields_of

        header = self._current_header()
        if header is None:
            return
        options = [(f"{title} ({name})", name) for name, title in fields_of(self.kind)]
        options.append((t("import.leave_out"), "\0skip"))

        def chosen(value: str | None) -> None:
            if value is None:
                return
            self.choices.columns[header] = "" if value == "\0skip" else value
            self._load()

        self.app.push_screen(ChoiceScreen(t("import.choose_field", column=header), options), chosen)

    def action_leave_out(self) -> None:
        header = self._current_header()
        if header is not None:
            self.choices.columns[header] = ""
            self._load()

    def action_toggle_owners(self) -> None:
        self.choices.add_owners = not self.choices.add_owners
        self.notify(t("import.owners_on" if self.choices.add_owners else "import.owners_off"))

    # --- checking and importing -------------------------------------------------------------
    def action_check(self) -> None:
        self._start(dry_run=True)

    def action_run_import(self) -> None:
        self._start(dry_run=False)

    def _start(self, *, dry_run: bool) -> None:
        if self.preview is None:
            self._say(t("import.start"))
            return
        if self.preview.unknown:
            self._failed(t("import.map_first", columns=list(self.preview.unknown)))
            return
        self._say(t("import.checking" if dry_run else "import.importing"))
        self._import(self._path(), self.kind, self.choices, dry_run)

    @work(thread=True, exclusive=True, exit_on_error=False, group="import-run")
    def _import(self, path: str, kind: str, choices: Choices, dry_run: bool) -> None:
        from katerm.core.errors import KatermError
        from katerm.core.io import ImportFailed, import_file

        ws = workspace_of(self)
        try:
            report = import_file(
                ws,
                kind,
                Path(path).expanduser(),
                options=choices.options(ws.paths.config_dir, kind, dry_run=dry_run),
            )
        except ImportFailed as exc:
            lines = [exc.message, *(str(p) for p in exc.problems[:2])]
            if exc.unknown_owners:
                lines.append(t("import.unknown_owners", logins=list(exc.unknown_owners)))
            self.app.call_from_thread(self._failed, "\n".join(lines))
            return
        except KatermError as exc:
            self.app.call_from_thread(self._failed, str(exc))
            return
        self.app.call_from_thread(self._done, report)

    def _done(self, report: Any) -> None:
        counts = {
            "created": report.created,
            "updated": report.updated,
            "unchanged": report.unchanged,
        }
        if report.dry_run:
            self._say(t("import.would", **counts))
            return
        self.notify(t("import.done", **counts), timeout=6)
        katerm_app(self).data_changed()
        self.dismiss(True)
        self._then(True)

    def _failed(self, message: str) -> None:
        status = self.query_one("#import-status", Static)
        status.update(message)
        status.add_class("-error")
        # Said once, in the status line in the error colour: a toast of its first line as
        # well covered the status line's right half at 80 columns, and both read cut.
        then, self._then = self._then, lambda ok: None
        then(False)

    def _say(self, message: str) -> None:
        status = self.query_one("#import-status", Static)
        status.update(message)
        status.remove_class("-error")

    # --- leaving (katerm.app.widgets.leaving) --------------------------------------------
    def unsaved(self) -> bool:
        return bool(self.choices.columns)

    def unsaved_title(self) -> str:
        return t("import.title")

    def save_input(self, then: Callable[[bool], object]) -> None:
        """ "Save" imports the file with the columns chosen (nothing else keeps them)."""
        if self.preview is None or self.preview.unknown:
            self._start(dry_run=False)  # says what is missing
            then(False)
            return
        self._then = then
        self._start(dry_run=False)

    def drop_input(self) -> None:
        self.dismiss(False)
