"""What the expansion-card tab and the card screen both do: render a card, edit it, add a key
date, record a key event (confirming "left"), mark a review done."""

from __future__ import annotations

from datetime import date
from typing import Any

from rich.text import Text
from textual.app import App

from katerm.app.context import clock_of, katerm_app, workspace_of
from katerm.app.widgets.form import FieldSpec
from katerm.app.widgets.form_dialog import FormDialog
from katerm.core.cards import EVENT_KINDS, KEY_DATE_KINDS, SPONSOR_CRITERIA, PersonCard
from katerm.i18n import t
from katerm.i18n.fmt import fmt_date

YES, NO = "yes", "no"


def _day_text(day: str) -> str:
    from katerm.core.cards import is_lunar, lunar_text

    if is_lunar(day):
        return lunar_text(day, t("reminders.lunar"))
    return day if len(day) == 5 else fmt_date(date.fromisoformat(day))


def card_text(p: PersonCard) -> Text:
    """The whole card as lines of text (the tab's detail panel and the card screen)."""
    out = Text()

    def line(label: str, value: str | Text, style: str = "") -> None:
        out.append(label + t("dialog.colon"), style="bold")
        out.append(value if isinstance(value, Text) else Text(value, style=style))
        out.append("\n")

    head = p.name + (f" · {p.title}" if p.title else "")
    out.append(head + "\n", style="bold")
    if p.left_on:
        out.append(t("cards.ui.left_on", date=fmt_date(p.left_on)) + "\n", style="italic")
    if p.card_id is None:
        out.append(t("cards.ui.no_card") + "\n")
    line(t("cards.field.relationship_owner"), p.relationship_owner or "—")
    line(t("cards.field.sponsor"), p.sponsor or "—")
    criteria = Text()
    for key in SPONSOR_CRITERIA:
        mark = "✓" if key in p.criteria else "✗"
        criteria.append(
            f"{mark} {t(f'cards.criteria.{key}')}  ", style="green" if key in p.criteria else ""
        )
    line(t("cards.field.sponsor_criteria"), criteria)
    line(t("cards.field.next_review"), fmt_date(p.next_review) or "—")
    line(t("cards.field.commitments"), p.commitments or "—")
    line(t("cards.field.action_plan"), p.action_plan or "—")
    dates = [
        f"{_day_text(d.day)} {d.label or t(f'cards.date_kind.{d.kind}')}"
        + (" ↻" if d.yearly else "")
        for d in p.dates
    ]
    if p.birthday:
        dates.insert(0, f"{fmt_date(p.birthday)} {t('cards.date_kind.birthday')} ↻")
    line(t("cards.field.key_dates"), t("dialog.clause_sep").join(dates) or "—")
    events = [
        f"{fmt_date(e.day)} {t(f'cards.event_kind.{e.kind}')}"
        + (t("dialog.parenthesis", text=e.note) if e.note else "")
        for e in p.events
    ]
    line(t("cards.field.events"), t("dialog.clause_sep").join(events) or "—")
    if p.notes:
        line(t("cards.field.notes"), p.notes)
    return out


def edit_card(app: App, person: PersonCard, members: list[tuple[str, str]]) -> None:
    """The card's form; the sponsor criteria are one yes/no choice each."""
    from katerm.core.cards import save_card

    ws = workspace_of(app)
    yes_no = [(f"✓ {t('dialog.yes')}", YES), (f"✗ {t('cards.ui.no')}", NO)]
    specs = [
        FieldSpec(
            "relationship_owner_id",
            t("cards.field.relationship_owner"),
            kind="select",
            options=members,
        ),
        FieldSpec("sponsor_id", t("cards.field.sponsor"), kind="select", options=members),
    ]
    specs += [
        FieldSpec(
            f"criterion_{k}",
            t(f"cards.criteria.{k}"),
            kind="select",
            options=yes_no,
            allow_blank=False,
        )
        for k in SPONSOR_CRITERIA
    ]
    specs += [
        FieldSpec("next_review", t("cards.field.next_review"), placeholder=t("fields.date_hint")),
        FieldSpec("commitments", t("cards.field.commitments"), kind="notes"),
        FieldSpec("action_plan", t("cards.field.action_plan"), kind="notes"),
        FieldSpec("notes", t("cards.field.notes"), kind="notes"),
    ]
    values: dict[str, Any] = {
        "relationship_owner_id": person.relationship_owner_id,
        "sponsor_id": person.sponsor_id,
        "next_review": person.next_review.isoformat() if person.next_review else "",
        "commitments": person.commitments,
        "action_plan": person.action_plan,
        "notes": person.notes,
    }
    for key in SPONSOR_CRITERIA:
        values[f"criterion_{key}"] = YES if key in person.criteria else NO

    def save(changed: dict[str, Any]) -> None:
        clean = {k: v for k, v in changed.items() if not k.startswith("criterion_")}
        clean["sponsor_criteria"] = [
            k for k in SPONSOR_CRITERIA if changed.get(f"criterion_{k}") == YES
        ]
        save_card(ws, person.contact_id, clean, today=clock_of(app).today())

    app.push_screen(
        FormDialog(
            t("cards.ui.edit_title", name=person.name),
            specs,
            values,
            save,
            saved_message=t("cards.ui.saved"),
        )
    )


def add_key_date(app: App, account_id: str, person: PersonCard | None) -> None:
    """A key date of the person (or of the account when ``person`` is None)."""
    from katerm.core.cards import save_key_date

    ws = workspace_of(app)
    specs = [
        FieldSpec(
            "kind",
            t("cards.field.kind"),
            kind="select",
            allow_blank=False,
            options=[(t(f"cards.date_kind.{k}"), k) for k in KEY_DATE_KINDS],
        ),
        FieldSpec("day", t("cards.field.day"), placeholder=t("fields.day_hint")),
        FieldSpec(
            "yearly",
            t("cards.field.yearly"),
            kind="select",
            allow_blank=False,
            options=[(t("dialog.yes"), YES), (t("cards.ui.no"), NO)],
        ),
        FieldSpec("label", t("cards.field.label")),
    ]
    values = {"kind": "birthday" if person else "company_event", "yearly": YES}

    def save(given: dict[str, Any]) -> None:
        save_key_date(
            ws, account_id, None, {**given, "contact_id": person.contact_id if person else None}
        )

    who = person.name if person else t("cards.ui.the_account")
    app.push_screen(
        FormDialog(
            t("cards.ui.date_title", name=who),
            specs,
            values,
            save,
            saved_message=t("cards.ui.saved"),
        )
    )


def record_event(app: App, person: PersonCard) -> None:
    """A key event: choose what happened first; "left" asks for confirmation, since it takes
    the person off the current map; then the day and a note."""
    from katerm.app.widgets.choose import ChoiceScreen
    from katerm.app.widgets.dialogs import ConfirmScreen

    def chosen(kind: str | None) -> None:
        if kind == "left":
            app.push_screen(
                ConfirmScreen(
                    t("cards.ui.confirm_left", name=person.name), yes=t("cards.ui.confirm_left_yes")
                ),
                lambda yes: _event_form(app, person, kind) if yes else None,
            )
        elif kind:
            _event_form(app, person, kind)

    app.push_screen(
        ChoiceScreen(
            t("cards.ui.event_title", name=person.name),
            [(t(f"cards.event_kind.{k}"), k) for k in EVENT_KINDS],
        ),
        chosen,
    )


def _event_form(app: App, person: PersonCard, kind: str) -> None:
    from katerm.core.cards import record_event as record

    ws = workspace_of(app)
    specs = [
        FieldSpec("day", t("cards.field.day"), placeholder=t("fields.date_hint")),
        FieldSpec("note", t("cards.field.note")),
    ]
    values = {"day": clock_of(app).today().isoformat()}

    def save(given: dict[str, Any]) -> None:
        record(ws, person.contact_id, {**given, "kind": kind}, today=clock_of(app).today())

    app.push_screen(
        FormDialog(
            t(f"cards.event_kind.{kind}") + " · " + person.name,
            specs,
            values,
            save,
            saved_message=t("cards.ui.saved"),
        )
    )


def review_done(app: App, person: PersonCard) -> None:
    """Mark the card reviewed today; the next review is three months on."""
    from katerm.core.cards import review_done as done
    from katerm.core.errors import KatermError

    if person.card_id is None:
        app.notify(t("cards.ui.no_card"), severity="warning")
        return
    card_id = person.card_id

    def job() -> None:
        try:
            following = done(workspace_of(app), card_id, reviewed_on=clock_of(app).today())
        except KatermError as exc:
            app.call_from_thread(app.notify, str(exc), severity="error")
            return
        app.call_from_thread(app.notify, t("cards.ui.reviewed", date=fmt_date(following)))
        app.call_from_thread(katerm_app(app).data_changed)

    app.run_worker(job, thread=True, exit_on_error=False, group="card-review")
