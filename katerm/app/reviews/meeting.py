"""The evening review (夕会): a team lead steps through each seller, in front of the team.

Big and plain so it reads on a projector (use the ``katerm-projector`` theme): the seller's
name and this week's visits in large digits, then every registered section (checklist,
quotas, today's activities, orders, overdue gap actions, tomorrow's plan, follow-ups). Next /
previous move between sellers; the page is computed in a worker and the neighbours are
prepared ahead, so stepping is instant. The lead marks a seller reviewed, comments, gives
follow-ups (the seller's actions) and finishes, which saves the summary.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Digits, Header, Static

from katerm.app.context import clock_of, katerm_app, workspace_of
from katerm.app.localize import Localized
from katerm.app.reviews.dialogs import FollowUpDialog, TextPrompt
from katerm.app.reviews.widgets import Section, coloured
from katerm.app.styles import tcss
from katerm.app.widgets.choose import ChoiceScreen
from katerm.app.widgets.chrome import AppFooter
from katerm.core.reviews import BAD, MUTED, OK, PLAIN, WARN, SellerPage, Team
from katerm.i18n import t

NARROW = 110


def start_meeting(app: App, day: date | None = None) -> None:
    """Choose the team (a general manager leads several), then open the meeting."""

    def pick(teams: list[Team]) -> None:
        if not teams:
            app.notify(t("reviews.err.lead_only"), severity="warning")
            return
        if len(teams) == 1:
            app.push_screen(MeetingScreen(teams[0], day))
            return
        choices = [(x.label, x.lead.id) for x in teams]

        def chosen(lead_id: str | None) -> None:
            found = next((x for x in teams if x.lead.id == lead_id), None)
            if found is not None:
                app.push_screen(MeetingScreen(found, day))

        app.push_screen(ChoiceScreen(t("reviews.ui.choose_team"), choices), chosen)

    def load() -> None:
        from katerm.core.reviews import load_teams

        ws = workspace_of(app)
        app.call_from_thread(pick, load_teams(ws.db, ws.me.id))

    app.run_worker(load, thread=True, exit_on_error=False, group="meeting-teams")


class MeetingScreen(Localized, Screen):
    BINDINGS = [
        Binding("right,n", "step(1)", "reviews.keys.next_seller", id="meeting.next"),
        Binding("left,p", "step(-1)", "reviews.keys.previous_seller", id="meeting.previous"),
        Binding("space,r", "toggle_reviewed", "reviews.keys.reviewed", id="meeting.reviewed"),
        Binding("c", "comment", "reviews.keys.comment", id="meeting.comment"),
        Binding("f", "follow_up", "reviews.keys.follow_up", id="meeting.follow_up"),
        Binding("s", "finish", "reviews.keys.finish", id="meeting.finish"),
        Binding("escape", "leave", "keys.back", id="meeting.leave"),
    ]
    # At 80 columns the footer drops keys; ending the meeting is shown before the others.
    FOOTER_KEEP = ("finish",)
    DEFAULT_CSS = tcss(__file__, "meeting_screen.tcss")

    class Ready(Message):
        def __init__(self, index: int, page: SellerPage) -> None:
            super().__init__()
            self.index, self.page = index, page

    def __init__(self, team: Team, day: date | None = None) -> None:
        super().__init__()
        self.team = team
        self.day = day
        self.index = 0
        self.pages: dict[int, SellerPage] = {}
        self.reviewed = 0  # sellers marked reviewed that day, all of them (not the pages seen)
        self.shown: SellerPage | None = None
        self._placed: tuple[list[str], bool] | None = None
        self._narrow = False

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="meeting-top"):
            yield Static("", id="meeting-title")
            yield Static("", id="meeting-progress")
        with Horizontal(id="banner"):
            yield Static("", id="seller")
            yield Digits("", id="visits")
            yield Static("", id="visits-label")
        with VerticalScroll(id="meeting-body"):
            yield Static("", id="note")
            with Horizontal(id="sections"):
                # Sections alternate between the columns, always in the same places, so the
                # team finds each one where it was for the previous seller.
                yield Vertical(classes="section-column", id="sections-left")
                yield Vertical(classes="section-column", id="sections-right")
        yield AppFooter()

    def on_mount(self) -> None:
        self.title = t("reviews.ui.meeting_title")
        today = clock_of(self).today()
        self.day = self.day or today
        self.query_one("#meeting-title", Static).update(
            t("reviews.summary_title", team=self.team.heading, date=self.day.isoformat())
        )
        self.query_one("#meeting-body").focus()  # arrows and Page Down scroll a long page
        if not self.team.members:
            self.query_one("#seller", Static).update(t("reviews.ui.no_sellers"))
            return
        self.fetch(self.index)

    def on_resize(self) -> None:
        narrow = self.size.width < NARROW
        self.query_one("#sections").set_class(narrow, "-narrow")
        if self.shown is not None and narrow != self._narrow:
            self.show(self.shown)  # re-place the sections: one column keeps their order

    # --- pages -----------------------------------------------------------------------------
    @work(thread=True, exit_on_error=False, group="meeting-page")
    def fetch(self, index: int, *, fresh: bool = False) -> None:
        """Compute one seller's page (from the cache unless ``fresh``)."""
        if not fresh and index in self.pages:
            self.post_message(self.Ready(index, self.pages[index]))
            return
        from katerm.core.reviews import load_seller_page, not_reviewed

        ws = workspace_of(self)
        clock = clock_of(self)
        assert self.day is not None
        page = load_seller_page(
            ws.db,
            self.team.lead.id,
            self.team.members[index].id,
            self.day,
            tz=clock.tz,
            today=clock.today(),
        )
        self.pages[index] = page
        # Counted from the database: counted over the pages loaded so far, the header said
        # "reviewed 1" on opening while two sellers were marked reviewed.
        left = not_reviewed(ws.db, self.team, self.day)
        self.reviewed = len(self.team.members) - len(left)
        self.post_message(self.Ready(index, page))

    def on_meeting_screen_ready(self, message: Ready) -> None:
        if message.index != self.index:
            return  # the lead has already moved on
        self.show(message.page)
        # Prepare the neighbours once this page is painted (not during: they would compete
        # with the paint for the interpreter).
        self.call_after_refresh(self._prefetch)

    def _prefetch(self) -> None:
        for neighbour in (self.index + 1, self.index - 1):
            if 0 <= neighbour < len(self.team.members) and neighbour not in self.pages:
                self.fetch(neighbour)

    def show(self, page: SellerPage) -> None:
        self.shown = page
        reviewed = self.reviewed
        self.query_one("#meeting-progress", Static).update(
            t(
                "reviews.ui.meeting_progress",
                n=self.index + 1,
                total=len(self.team.members),
                reviewed=reviewed,
            )
        )
        status = (
            coloured(t("reviews.reviewed"), OK, bold=True)
            if page.note.reviewed
            else coloured(t("reviews.not_reviewed"), WARN)
        )
        behind = ""
        if page.behind:
            behind = "\n" + coloured(
                t("reviews.behind_label")
                + t("dialog.colon")
                + t("dialog.clause_sep").join(
                    f"{b.label} {b.value}/{b.target}" for b in page.behind
                ),
                BAD,
            )
        self.query_one("#seller", Static).update(
            coloured(page.seller.display, PLAIN, bold=True) + "   " + status + behind
        )
        quota = page.week.item("visits")
        digits = self.query_one("#visits", Digits)
        digits.update(str(quota.value if quota and quota.value is not None else "-"))
        digits.set_class(bool(page.behind), "-behind")
        digits.set_class(bool(quota and quota.done), "-met")
        self.query_one("#visits-label", Static).update(
            t("reviews.ui.visits_label", target=quota.target if quota else "—")
        )
        self.query_one("#note", Static).update(self._note(page))
        wanted = [f"section-{s.key}" for s in page.sections]
        narrow = self.size.width < NARROW
        if (wanted, narrow) != self._placed:  # first page, resized, or a new section
            self._placed, self._narrow = (wanted, narrow), narrow
            left, right = self.query_one("#sections-left"), self.query_one("#sections-right")
            left.remove_children()
            right.remove_children()
            if narrow:
                left.mount_all([Section(id=w) for w in wanted])
            else:
                left.mount_all([Section(id=w) for w in wanted[0::2]])
                right.mount_all([Section(id=w) for w in wanted[1::2]])
            self.call_after_refresh(self._fill, page)
        else:
            self._fill(page)

    def _note(self, page: SellerPage) -> str:
        """The comment, then the follow-ups given tonight with their due dates: beside what
        the lead records, so one just given is seen at once (not only far down the page)."""
        from katerm.core.reviews import review_id

        lines = [
            f"[b $accent]{t('reviews.comment_label')}[/]  "
            + (
                coloured(page.note.comment, PLAIN)
                if page.note.comment
                else coloured(t("reviews.ui.no_comment"), MUTED)
            )
        ]
        tonight = review_id(self.team.lead.id, page.day.start)
        for f in page.follow_ups:
            if f.review_id == tonight:
                due = t("reviews.due", date=f.due_date.isoformat()) if f.due_date else ""
                lines.append(
                    f"[b $accent]{t('reviews.follow_up_label')}[/]  "
                    + coloured(f.text, PLAIN)
                    + (f"  {coloured(due, MUTED)}" if due else "")
                )
        return "\n".join(lines)

    def _fill(self, page: SellerPage) -> None:
        for section in page.sections:
            self.query_one(f"#section-{section.key}", Section).show(
                section.title, section.lines, empty=section.empty_text, available=section.available
            )

    # --- actions ---------------------------------------------------------------------------
    def action_step(self, steps: int) -> None:
        count = len(self.team.members)
        if not count:
            return
        target = self.index + steps
        if not 0 <= target < count:
            self.notify(
                t("reviews.ui.last_seller" if steps > 0 else "reviews.ui.first_seller"), timeout=2
            )
            return
        self.index = target
        self.query_one("#meeting-body", VerticalScroll).scroll_home(animate=False)
        ready = self.pages.get(target)
        if ready is not None:  # prepared while the previous seller was discussed
            self.on_meeting_screen_ready(self.Ready(target, ready))
        else:
            self.fetch(target)

    def _seller(self) -> Any:
        return self.team.members[self.index] if self.team.members else None

    @work(thread=True, exclusive=True, exit_on_error=False, group="meeting-save")
    def _save(self, job: Any, done_text: str | None = None) -> None:
        from katerm.core.errors import KatermError

        ws = workspace_of(self)
        try:
            job(ws)
        except KatermError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error")
            return
        self.app.call_from_thread(katerm_app(self).data_changed)
        self.app.call_from_thread(self.fetch, self.index, fresh=True)
        if done_text:
            self.app.call_from_thread(self.notify, done_text, timeout=3)

    def action_toggle_reviewed(self) -> None:
        from katerm.core.reviews import set_reviewed

        seller, page, day = self._seller(), self.shown, self.day
        if seller is None or page is None or day is None:
            return
        reviewed = not page.note.reviewed
        self._save(lambda ws: set_reviewed(ws, self.team.lead.id, day, seller.id, reviewed))
        if reviewed and self.index + 1 < len(self.team.members):
            self.notify(t("reviews.ui.marked_reviewed", name=seller.display), timeout=2)

    def action_comment(self) -> None:
        from katerm.core.reviews import set_comment

        seller, page, day = self._seller(), self.shown, self.day
        if seller is None or page is None or day is None:
            return

        def answered(text: str | None) -> None:
            if text is not None:
                self._save(lambda ws: set_comment(ws, self.team.lead.id, day, seller.id, text))

        self.app.push_screen(
            TextPrompt(t("reviews.ui.comment_on", name=seller.display), page.note.comment), answered
        )

    def action_follow_up(self) -> None:
        from katerm.core.periods import next_working_day
        from katerm.core.reviews import add_review_follow_up

        seller, day = self._seller(), self.day
        if seller is None or day is None:
            return
        today = clock_of(self).today()

        def answered(result: tuple[str, date | None] | None) -> None:
            if result is not None:
                text, due = result
                self._save(
                    lambda ws: add_review_follow_up(
                        ws, self.team.lead.id, day, seller.id, text, due=due
                    ),
                    t("reviews.ui.follow_up_added", name=seller.display),
                )

        self.app.push_screen(FollowUpDialog(seller.display, next_working_day(day), today), answered)

    def action_finish(self) -> None:
        """Finish; with sellers not reviewed yet, ask first (Enter finishes anyway)."""
        from katerm.core.reviews import not_reviewed

        assert self.day is not None
        left = not_reviewed(workspace_of(self).db, self.team, self.day)
        if not left:
            self._finish()
            return
        from katerm.app.widgets.dialogs import ConfirmScreen

        question = t("reviews.ui.finish_unreviewed", count=len(left), names=list(left))

        def answered(yes: bool | None) -> None:
            if yes:
                self._finish()

        self.app.push_screen(
            ConfirmScreen(question, yes=t("reviews.ui.finish_anyway"), danger=False), answered
        )

    @work(thread=True, exclusive=True, exit_on_error=False, group="meeting-save")
    def _finish(self) -> None:
        from katerm.app.reviews.summary import SummaryScreen
        from katerm.core.errors import KatermError
        from katerm.core.reviews import finish, summary_md

        ws = workspace_of(self)
        clock = clock_of(self)
        assert self.day is not None
        try:
            summary = finish(
                ws, self.team, self.day, tz=clock.tz, today=clock.today(), now=clock.now()
            )
        except KatermError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error")
            return
        self.app.call_from_thread(katerm_app(self).data_changed)
        self.app.call_from_thread(
            self.app.push_screen, SummaryScreen(summary, summary_md(summary, clock.tz))
        )

    def action_leave(self) -> None:
        self.app.pop_screen()


__all__ = ["MeetingScreen", "start_meeting"]
