"""Small widgets for the review screens: a checklist, titled boxes of lines, quota bars.

They take plain data from ``katerm.core.reviews`` and draw states with theme colours only
(``$success`` done, ``$error`` missing, ``$warning`` at risk, muted when not available), so the
projector theme makes them high-contrast without extra work.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING

from rich.cells import cell_len
from textual.content import Content
from textual.markup import escape
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from katerm.app.styles import tcss
from katerm.core.reminders import Reminder, reminder_line
from katerm.core.reviews import (
    BAD,
    MUTED,
    OK,
    PLAIN,
    WARN,
    Checklist,
    DayView,
    ItemResult,
    Line,
    Trend,
    WeekView,
)
from katerm.i18n import t
from katerm.i18n.fmt import fmt_share

if TYPE_CHECKING:
    from katerm.core.store import Database

_COLOUR = {OK: "$success", BAD: "$error", WARN: "$warning", MUTED: "$text-muted"}
FULL, EMPTY = "█", "░"


def coloured(text: str, state: str, *, bold: bool = False) -> str:
    """``text`` (escaped) in the colour of ``state``."""
    colour = _COLOUR.get(state, "")
    style = " ".join(x for x in ("b" if bold else "", colour) if x)
    return f"[{style}]{escape(text)}[/]" if style else escape(text)


def bar(value: int, target: int | None, width: int = 10) -> str:
    """``██████░░░░``: progress towards a target."""
    if not target:
        return FULL * width if value else EMPTY * width
    filled = min(width, round(width * value / target))
    return FULL * filled + EMPTY * (width - filled)


def item_state(item: ItemResult) -> str:
    if not item.available:
        return MUTED
    return OK if item.done else BAD


def item_prompt(item: ItemResult, width: int = 28) -> str:
    mark = {OK: "✓", BAD: "✗", MUTED: "–"}[item_state(item)]
    right = item.progress if item.available else t("reviews.not_available")
    pad = " " * max(1, width - cell_len(item.label))
    return (
        f"{coloured(mark, item_state(item), bold=True)} {escape(item.label)}{pad}"
        f"{coloured(right, item_state(item) if item.available else MUTED)}"
    )


class ChecklistList(OptionList):
    """A checklist's items; Enter ticks a manual item, the highlight shows its evidence."""

    DEFAULT_CSS = tcss(__file__, "checklist_list.tcss")

    def show(self, checklist: Checklist) -> None:
        # F1's help panel (it reads the focused widget's HELP) explains how each item of
        # this checklist is ticked; HELP is a class variable in Textual, set per list here.
        vars(self)["HELP"] = "\n\n".join(
            f"**{i.label}**{t('dialog.colon')}{i.rule}" for i in checklist.items if i.rule
        )
        keep = self.highlighted
        width = max((cell_len(i.label) for i in checklist.items), default=10) + 2
        self.set_options([Option(item_prompt(i, width), id=i.key) for i in checklist.items])
        if checklist.items:
            self.highlighted = min(keep or 0, len(checklist.items) - 1)


def evidence_lines(checklist: Checklist, item: ItemResult) -> list[str]:
    """Under the checklist, the highlighted item's evidence: what was found, its note, how it
    is ticked or what counts."""
    lines = [coloured(item.summary, PLAIN)] if item.summary else []
    lines += [coloured(e.label, MUTED) for e in item.evidence[:8]]
    if len(item.evidence) > 8:
        lines.append(coloured(t("reviews.ui.more", count=len(item.evidence) - 8), MUTED))
    if item.note:
        lines.append(coloured(item.note, PLAIN))
    if item.kind == "manual" and not checklist.read_only:
        lines.append(coloured(t("reviews.ui.tick_hint"), MUTED))
    if item.kind == "measured" and item.rule:
        lines.append(coloured(item.rule, MUTED))  # what counts
    return lines


class Box(Static):
    """A bordered box with a title and lines, each coloured by its state."""

    DEFAULT_CSS = tcss(__file__, "box.tcss")

    # Draw the title as the first line instead of in the border: a box without a full border
    # repaints several times faster (the meeting's next-seller step redraws every section).
    inline_title = False

    def show(
        self, title: str, lines: Iterable[Line], *, empty: str = "", available: bool = True
    ) -> None:
        # Content built directly, not markup: no parsing on every next-seller step.
        self.set_class(not available, "-unavailable")
        parts: list[Content] = []
        if self.inline_title:
            parts.append(Content.styled(title, "b $accent"))
        else:
            self.border_title = title
        if not available:
            parts.append(Content.styled(t("reviews.not_available"), _COLOUR[MUTED]))
        else:
            body = [_line(line) for line in lines]
            parts.extend(body or [Content.styled(empty, _COLOUR[MUTED])])
        self.update(Content("\n").join(parts))


def _line(line: Line) -> Content:
    colour = _COLOUR.get(line.state, "")
    text = Content.styled(line.text, colour) if colour else Content(line.text)
    if line.detail:
        return Content.assemble(text, "  ", (line.detail, _COLOUR[MUTED]))
    return text


class Section(Box):
    """A box for a big screen: a thick bar on the left and the title as its first line."""

    DEFAULT_CSS = tcss(__file__, "section.tcss")
    inline_title = True


def quota_lines(items: Sequence[ItemResult], width: int = 10) -> list[Line]:
    """One bar per counted item of a weekly checklist: ``客户拜访 ████░░ 4/6``."""
    out = []
    for item in items:
        if not (item.counts and item.available):
            continue
        state = OK if item.done else WARN
        out.append(
            Line(f"{bar(item.value or 0, item.target, width)} {item.progress}  {item.label}", state)
        )
    return out


def period_label(view: DayView | WeekView) -> str:
    if isinstance(view, DayView):
        day = view.day.start
        return f"{t(f'reviews.ui.weekday.{day.weekday()}')} {day.isoformat()}"
    week = view.week
    days = f"{week.start:%m-%d} – {week.last_day:%m-%d}"
    return week.key + t("dialog.parenthesis", text=days)  # 2026-W50（12-07 – 12-13）


def period_line(view: DayView | WeekView, week_mode: bool) -> str:
    """The bar above the columns: ``‹ Fri 2026-11-27 ›  day`` and whether it is closed or
    reopened."""
    checklist = view.checklist if isinstance(view, DayView) else view.trend.checklist
    state = ""
    if checklist.read_only:
        state = "  " + coloured(t("reviews.ui.read_only"), MUTED)
    elif checklist.reopened:
        state = "  " + coloured(t("reviews.ui.reopened"), WARN)
    mode = t("reviews.ui.week_mode" if week_mode else "reviews.ui.day_mode")
    return f"‹ {period_label(view)} ›  " + coloured(mode, PLAIN) + state


def team_line(trend: Trend) -> Line:
    """A team member's weeks as a sparkline of visits, with their streak and completion."""
    spark = "".join(_spark(w.visits, w.target) for w in trend.weeks)
    completion = fmt_share(trend.completion, 0) if trend.completion is not None else "—"
    last = trend.weeks[-1]
    state = OK if last.met else (BAD if trend.streak == 0 else WARN)
    return Line(
        f"{spark}  {trend.person.display}",
        state,
        t("reviews.ui.team_figures", streak=trend.streak, completion=completion),
    )


_SPARKS = "▁▂▃▄▅▆▇█"


def _spark(value: int, target: int | None) -> str:
    top = max(target or 6, 1) * 1.5
    return _SPARKS[min(len(_SPARKS) - 1, int(value / top * (len(_SPARKS) - 1)))]


def coming_up_options(reminders: Sequence[Reminder]) -> list[Option]:
    """My day's "Coming up": a heading, then each reminder with when and where."""
    if not reminders:
        return []
    heading = coloured(t("reviews.section.coming_up"), PLAIN, bold=True)
    options = [Option(heading, id="coming:head", disabled=True)]
    for r in reminders:
        line = reminder_line(r)
        text = coloured(line.text, line.state) + "  " + coloured(line.detail, MUTED)
        options.append(Option(text, id=f"coming:{r.kind}:{r.ref}:{r.on}", disabled=True))
    return options


def stage_plan_options(lines: Sequence[Line]) -> list[Option]:
    """My day's stage plan: the current stage's departments not yet reached in my orders."""
    if not lines:
        return []
    heading = coloured(t("stageplan.section"), PLAIN, bold=True)
    options = [Option(heading, id="stages:head", disabled=True)]
    for i, line in enumerate(lines):
        text = coloured(line.text, line.state) + "  " + coloured(line.detail, MUTED)
        options.append(Option(text, id=f"stages:{i}", disabled=True))
    return options


def due_options(view: DayView, coming: Sequence[Option] | None) -> list[Option]:
    """My day's due list: follow-ups, the day's gap actions and key dates, then ``coming``
    (routines due, "Coming up", the stage plan), or a line saying it is loading (``None``)."""
    options: list[Option] = []
    for f in view.follow_ups:
        late = f.due_date is not None and f.due_date < view.day.start
        when = t("reviews.due", date=f.due_date.isoformat()) if f.due_date else ""
        text = coloured(f.text, BAD if late else PLAIN) + "  " + coloured(when, MUTED)
        options.append(Option(text, id=f"f:{f.id}"))
    for key in ("gap_actions_due", "key_dates_today"):
        item = view.checklist.item(key)
        for e in item.evidence if item else ():
            options.append(Option(coloured(e.label, WARN), id=f"{key}:{e.id}", disabled=True))
    if coming is None:
        loading = coloured(t("reviews.ui.coming_loading"), MUTED)
        options.append(Option(loading, id="coming:loading", disabled=True))
    else:
        options += coming
    nothing = Option(coloured(t("reviews.ui.nothing_due"), MUTED), id="none", disabled=True)
    return options or [nothing]


def load_day_extras(db: Database, user_id: str, day: date) -> list[Option]:
    """My day's routines due, "Coming up" and stage-plan lines as options, read in the
    screen's worker."""
    from katerm.app.broad.due import due_routine_options
    from katerm.core.reminders import load_coming_up
    from katerm.core.stageplan import load_stage_lines

    found = due_routine_options(db, user_id, day)
    found += coming_up_options(load_coming_up(db, user_id, day))
    return found + stage_plan_options(load_stage_lines(db, user_id))
