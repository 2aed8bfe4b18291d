"""Every key katerm answers to, read from the ``BINDINGS`` declarations, in one place.

The same declarations give the footer and the key panel (F1, Textual's own), the README's
key tables (:func:`readme_section`; ``python -m katerm.app.keys --write README.md`` rewrites
them, a test fails when they differ), the key hints in the app's texts
(:mod:`katerm.app.keynames`: they follow the user's remapped keys) and the checks of
``katerm config set keys.<binding-id> KEY`` (:func:`check_remap`: an unknown id, a key
that clashes with another where both apply).

A :class:`Scope` is one set of bindings active together: the app's own, a screen's, the pane
or widget with the focus in it.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from textual.binding import Binding

from katerm.app.keynames import LOAD_ALL, is_key_name, register, show_key, split_keys
from katerm.app.modes import MODES
from katerm.i18n import t

APP = "katerm.app.app:KatermApp"


@dataclass(frozen=True)
class Scope:
    """Bindings active together: ``where`` names it (a catalogue key under ``keys.where``);
    ``classes`` are the nodes whose bindings apply, innermost last; ``modal``: the app's
    non-priority keys do not reach it (Textual stops at a modal screen)."""

    where: str
    classes: tuple[str, ...]
    modal: bool = False


_TABLE = "katerm.app.widgets.lazy_table:LazyTable"
SCOPES: tuple[Scope, ...] = (
    Scope("anywhere", ()),
    Scope("accounts", ("katerm.app.accounts.screen:AccountsScreen", _TABLE)),
    Scope("account", ("katerm.app.accounts.account:AccountScreen",)),
    Scope(
        "contacts",
        ("katerm.app.accounts.account:AccountScreen", "katerm.app.accounts.contacts:ContactsPane"),
    ),
    Scope(
        "influence_tab",
        ("katerm.app.accounts.account:AccountScreen", "katerm.app.influence.tab:InfluenceTab"),
    ),
    Scope(
        "cards",
        ("katerm.app.accounts.account:AccountScreen", "katerm.app.cards.tab:CardsPane"),
    ),
    Scope(
        "strategic",
        ("katerm.app.accounts.account:AccountScreen", "katerm.app.cards.strategic:StrategicPane"),
    ),
    Scope(
        "plan",
        ("katerm.app.accounts.account:AccountScreen", "katerm.app.plan.tab:PlanPane"),
    ),
    Scope(
        "opportunities",
        (
            "katerm.app.accounts.account:AccountScreen",
            "katerm.app.pipeline.opportunities:OpportunitiesPane",
        ),
    ),
    Scope(
        "voice",
        ("katerm.app.accounts.account:AccountScreen", "katerm.app.plan.voice:VoicePane"),
    ),
    Scope(
        "routines",
        ("katerm.app.accounts.account:AccountScreen", "katerm.app.broad.pane:RoutinesPane"),
    ),
    Scope(
        "pyramid",
        ("katerm.app.pyramid.screen:PyramidScreen", _TABLE),
    ),
    Scope(
        "influence",
        (
            "katerm.app.influence.screen:InfluenceScreen",
            "katerm.app.influence.panes:MapPane",
            "katerm.app.influence.tree:InfluenceTree",
        ),
    ),
    Scope(
        "influence_person",
        ("katerm.app.influence.screen:InfluenceScreen", "katerm.app.influence.panel:PersonPanel"),
    ),
    Scope(
        "coverage",
        ("katerm.app.influence.screen:InfluenceScreen", "katerm.app.influence.panes:CoverageView"),
    ),
    Scope("lines", ("katerm.app.influence.dialogs:LinesDialog",), modal=True),
    Scope(
        "gaps",
        (
            "katerm.app.gaps.screen:GapsScreen",
            "katerm.app.gaps.pane:GapPane",
            "katerm.app.gaps.table:GapTable",
        ),
    ),
    Scope(
        "gaps_tab",
        (
            "katerm.app.accounts.account:AccountScreen",
            "katerm.app.gaps.pane:GapPane",
            "katerm.app.gaps.table:GapTable",
        ),
    ),
    Scope("gap_history", ("katerm.app.gaps.dialogs:HistoryScreen",), modal=True),
    # The plan box is a TextBox: its Esc is told (and remapped) here, where it first appears.
    Scope(
        "reviews",
        ("katerm.app.reviews.screen:ReviewsScreen", "katerm.app.widgets.text_box:TextBox"),
    ),
    Scope("meeting", ("katerm.app.reviews.meeting:MeetingScreen",)),
    Scope("lead_meeting", ("katerm.app.leads.screen:LeadMeetingScreen",)),
    Scope("template", ("katerm.app.reviews.template:TemplateScreen",)),
    Scope("summary", ("katerm.app.reviews.summary:SummaryScreen",), modal=True),
    Scope("pipeline", ("katerm.app.pipeline.screen:PipelineScreen", _TABLE)),
    Scope("sync", ("katerm.app.sync.screen:SyncScreen", _TABLE)),
    Scope("card", ("katerm.app.cards.screen:ExpansionCardScreen",), modal=True),
    Scope("welcome", ("katerm.app.accounts.welcome:WelcomeScreen",)),
    Scope("import", ("katerm.app.accounts.import_screen:ImportScreen",)),
    Scope(
        "competitors_tab",
        (
            "katerm.app.accounts.account:AccountScreen",
            "katerm.app.competitors.pane:CompetitorsPane",
        ),
    ),
    Scope("team_competitors", ("katerm.app.competitors.team:TeamCompetitorsScreen",), modal=True),
    Scope("form", ("katerm.app.widgets.form_dialog:FormDialog",), modal=True),
    Scope("log", ("katerm.app.reviews.log_activity:LogActivityScreen",), modal=True),
    Scope(
        "completion",
        (
            "katerm.app.reviews.log_activity:LogActivityScreen",
            "katerm.app.widgets.completion:NameInput",
        ),
        modal=True,
    ),
    Scope("contact_form", ("katerm.app.accounts.contacts:ContactFormScreen",), modal=True),
    Scope("lead_review", ("katerm.app.pipeline.dialogs:LeadReviewScreen",), modal=True),
    Scope("confirm", ("katerm.app.widgets.dialogs:ConfirmScreen",), modal=True),
    Scope("leave", ("katerm.app.widgets.leaving:LeaveDialog",), modal=True),
    Scope("choice", ("katerm.app.widgets.choose:ChoiceScreen",), modal=True),
)

# Keys that only move around a list or a tree: the same everywhere, so the README says them
# once instead of in every table.
MOVING = {"up", "down", "pageup", "pagedown", "home", "end"}
# Bindings that act only while something is open (a name field's drop-down) and pass the key
# on otherwise: they share their key with the binding below them on purpose.
PASSING_ON = {
    "app.close_keys",
    "complete.next",
    "complete.previous",
    "complete.enter",
    "complete.take",
    "complete.close",
}
# App bindings that only hear a key no screen or widget took (Esc with nothing to close): a
# screen's own binding on that key comes first on purpose.
FALLBACK = {"app.back"}


def show_keys(keys: str) -> str:
    """All the keys of one binding (``n,right``): ``n`` / ``→``."""
    return " / ".join(show_key(k.strip()) for k in keys.split(",") if k.strip())


def _load(path: str) -> type:
    module, name = path.split(":")
    found: type = getattr(importlib.import_module(module), name)
    return found


def class_bindings(cls: type) -> list[Binding]:
    """The bindings a class declares (its own and its bases', Textual's merge order)."""
    found: list[Binding] = []
    for base in reversed(cls.__mro__):
        for item in base.__dict__.get("BINDINGS", ()):
            found.append(item if isinstance(item, Binding) else Binding(*item))
    return found


def mode_bindings() -> list[Binding]:
    """The number keys of the screens (katerm.app.modes), with their ids."""
    found = [
        Binding(
            spec.key, f"app.switch_mode('{spec.name}')", spec.title_key, id=f"app.mode.{spec.name}"
        )
        for spec in MODES
    ]
    register(found)
    return found


def app_bindings() -> list[Binding]:
    """The app's own keys, the screens' number keys included."""
    return [b for b in class_bindings(_load(APP)) if b.id] + mode_bindings()


def scope_bindings(scope: Scope) -> list[Binding]:
    """A scope's bindings with ids, innermost first (the order Textual looks them up)."""
    found: list[Binding] = []
    for path in reversed(scope.classes):
        found += [b for b in class_bindings(_load(path)) if b.id]
    return found


def all_bindings() -> dict[str, Binding]:
    """Every binding with an id, by id (what ``keys.<id>`` in the settings can remap)."""
    found = {b.id: b for b in app_bindings() if b.id}
    for scope in SCOPES:
        found.update({b.id: b for b in scope_bindings(scope) if b.id})
    return found


def _keys(binding: Binding, keymap: Mapping[str, str]) -> list[str]:
    return split_keys(keymap.get(binding.id or "", binding.key))


def clashes(keymap: Mapping[str, str]) -> list[tuple[str, str, str]]:
    """(key, binding id, other binding id) for two bindings on one key where both apply, with
    the user's ``keymap`` (binding id -> keys) over the defaults."""
    out: list[tuple[str, str, str]] = []
    everywhere = app_bindings()
    priority = [b for b in everywhere if b.priority]
    for scope in SCOPES:
        chain = scope_bindings(scope) + (priority if scope.modal else everywhere)
        seen: dict[str, str] = {}
        for binding in chain:
            for key in _keys(binding, keymap):
                other = seen.get(key)
                if binding.id in FALLBACK:
                    continue
                passing = other in PASSING_ON or binding.id in PASSING_ON
                if other is not None and other != binding.id and not passing:
                    out.append((key, other, binding.id or ""))
                seen.setdefault(key, binding.id or "")
    return sorted(set(out))


def check_remap(binding_id: str, keys: str, keymap: Mapping[str, str]) -> str | None:
    """Why ``keys.<binding_id> = keys`` cannot be stored (a catalogue message), or None."""
    from textual.keys import _character_to_key

    known = all_bindings()
    if binding_id not in known:
        close = sorted(k for k in known if k.split(".")[0] == binding_id.split(".")[0])
        return t(
            "keys.remap.unknown",
            id=binding_id,
            examples=close[:6] or sorted(known)[:6],
        )
    wanted = [k.strip() for k in keys.split(",") if k.strip()]
    for key in wanted:
        if not is_key_name(key):
            return t("keys.remap.not_a_key", key=key, examples="ctrl+n, f6, n, question_mark")
    normal = ",".join(_character_to_key(k) if len(k) == 1 else k.lower() for k in wanted)
    before = set(clashes(keymap))
    after = set(clashes({**keymap, binding_id: normal})) - before
    for key, first, second in sorted(after):
        if binding_id in (first, second):
            other = second if first == binding_id else first
            return t(
                "keys.remap.clash",
                key=show_key(key),
                id=binding_id,
                other=other,
                what=t(known[other].description),
            )
    return None


# --- the README -------------------------------------------------------------------------------

START = "<!-- keys: generated by `python -m katerm.app.keys --write README.md` -->"
END = "<!-- keys: end -->"


def _rows() -> Iterator[tuple[str, list[tuple[str, str, str]]]]:
    """(where, [(keys, what, id)]) for every scope, in English: what a user can press."""
    scopes: Sequence[tuple[str, list[Binding]]] = [("anywhere", app_bindings())] + [
        (s.where, scope_bindings(s)) for s in SCOPES[1:]
    ]
    shown: set[str] = set()
    for where, bindings in scopes:
        rows = []
        for b in bindings:
            keys = [k for k in _keys(b, {}) if k not in MOVING]
            if not keys or (b.id or "") in shown:
                continue  # a widget's keys are told where it first appears
            shown.add(b.id or "")
            rows.append(
                (
                    " ".join(f"`{show_key(k)}`" for k in keys),
                    t(b.description, lang="en"),
                    b.id or "",
                )
            )
        if rows:
            yield t(f"keys.where.{where}", lang="en"), rows


def readme_section() -> str:
    """The README's key table, generated from the bindings."""
    lines = [START, "", "| Key | What | Setting |", "| --- | --- | --- |"]
    for where, rows in _rows():
        lines.append(f"| **{where}** | | |")
        lines += [f"| {k} | {what} | `{ident}` |" for k, what, ident in rows]
    lines += [
        "",
        "In lists and trees `↑` `↓` `PgUp` `PgDn` `Home` `End` move the cursor; `Tab` moves",
        "between fields. A key the screen cannot use right now says why instead of doing",
        "nothing; one pressed while the screen is still loading acts once its data is there.",
        "Any key can be changed in the settings by its setting, e.g.",
        "`katerm config set keys.accounts.new ctrl+n` (a key already used there is refused).",
        "",
        END,
    ]
    return "\n".join(lines)


def rewrite_readme(text: str) -> str:
    """``text`` with its generated key section replaced by the current one."""
    start, end = text.index(START), text.index(END) + len(END)
    return text[:start] + readme_section() + text[end:]


def _declare_all() -> None:
    """Every binding with an id known to the texts that name keys (katerm.app.keynames)."""
    register(all_bindings().values())


LOAD_ALL.append(_declare_all)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) == 2 and args[0] == "--write":
        path = Path(args[1])
        path.write_text(rewrite_readme(path.read_text(encoding="utf-8")), encoding="utf-8")
        return 0
    print(readme_section())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
