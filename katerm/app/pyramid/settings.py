"""The pyramid's settings tab: the scheme's thresholds and the portfolio's targets for a year
(accounts and annual revenue per tier).

Only text is collected here; ``katerm.core.pyramid.save_settings`` checks it all and saves
thresholds and targets in one transaction. A bad value (B above A, a negative number, text) is
shown beside its field and nothing is saved, thresholds or targets, until every field is good.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Button, Static

from katerm.app.context import katerm_app, workspace_of
from katerm.app.styles import tcss
from katerm.app.widgets.form import FieldSpec, Form
from katerm.app.widgets.leaving import HoldsInput
from katerm.app.widgets.saving import save_in_worker
from katerm.core.pyramid import RULES, Pyramid, revenue_field, target_field
from katerm.i18n import t
from katerm.i18n.fmt import fmt_amount


def field_name(key: str) -> str:
    """A threshold or target key as a widget-safe form field name (ids take no dots)."""
    return key.replace(".", "--")


def key_of(name: str) -> str:
    return name.replace("--", ".")


def threshold_specs(scheme: str) -> list[FieldSpec]:
    specs = []
    for spec in RULES[scheme].thresholds:
        measure = t(f"pyramid.measure.{spec.measure}")
        label = f"{t(f'fields.tier.{spec.label_tier}')} · {measure}" if spec.label_tier else measure
        hint = t("pyramid.settings.count_hint") if spec.whole else t("account.money_hint")
        specs.append(FieldSpec(field_name(spec.key), f"{label} ≥", placeholder=hint))
    return specs


def target_specs(scheme: str, year: int) -> list[FieldSpec]:
    """Per tier the accounts planned, then the annual revenue planned (issue 20)."""
    counts = [
        FieldSpec(
            field_name(target_field(tier)),
            t("pyramid.settings.target_label", tier=t(f"fields.tier.{tier}"), year=year),
            placeholder=t("pyramid.settings.target_hint"),
        )
        for tier in RULES[scheme].tiers
    ]
    revenue = [
        FieldSpec(
            field_name(revenue_field(tier)),
            t("pyramid.settings.revenue_label", tier=t(f"fields.tier.{tier}"), year=year),
            placeholder=t("pyramid.settings.revenue_hint"),
        )
        for tier in RULES[scheme].tiers
    ]
    return counts + revenue


class PyramidSettings(HoldsInput, VerticalScroll):
    """Two forms and a save button; the screen fills them and saves (Ctrl+S)."""

    DEFAULT_CSS = tcss(__file__, "pyramid_settings.tcss")

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.scheme = ""
        self.year = 0
        self.held: dict[str, str] = {}  # threshold field -> who above me set it

    def compose(self) -> ComposeResult:
        yield Static("", classes="settings-title", id="thresholds-title")
        yield Vertical(id="thresholds-box")
        yield Static("", classes="settings-title", id="targets-title")
        yield Vertical(id="targets-box")
        yield Button(t("account.save_button"), id="pyramid-save", variant="primary")

    async def show(
        self,
        scheme: str,
        year: int,
        thresholds: Mapping[str, float],
        targets: Mapping[str, int],
        owner: str,
        revenue: Mapping[str, float] | None = None,
    ) -> None:
        """Fill the forms (rebuilt when the scheme or year changed) with the stored values."""
        if (scheme, year) != (self.scheme, self.year):
            self.scheme, self.year = scheme, year
            box = self.query_one("#thresholds-box", Vertical)
            await box.remove_children()
            specs = threshold_specs(scheme)
            if specs:
                await box.mount(Form(specs, id="thresholds-form"))
            else:
                await box.mount(
                    Static(
                        t("pyramid.settings.manual", scheme=t(f"fields.scheme.{scheme}")),
                        classes="settings-note",
                    )
                )
            box = self.query_one("#targets-box", Vertical)
            await box.remove_children()
            await box.mount(Form(target_specs(scheme, year), id="targets-form"))
        self.query_one("#thresholds-title", Static).update(
            t("pyramid.settings.thresholds_title", scheme=t(f"fields.scheme.{scheme}"))
        )
        self.query_one("#targets-title", Static).update(
            t("pyramid.settings.targets_title", year=year, owner=owner)
        )
        for form in self.query(Form):
            form.clear_errors()
        if self.query("#thresholds-form"):
            rule = RULES[scheme]
            self.query_one("#thresholds-form", Form).set_values(
                {field_name(k): rule.threshold(k).shown(v) for k, v in thresholds.items()}
            )
            self._hold(scheme)
        revenue = revenue or {}
        values = {
            field_name(target_field(tier)): str(targets[tier]) if tier in targets else ""
            for tier in RULES[scheme].tiers
        }
        values.update(
            {
                field_name(revenue_field(tier)): fmt_amount(revenue[tier])
                if tier in revenue
                else ""
                for tier in RULES[scheme].tiers
            }
        )
        self.query_one("#targets-form", Form).set_values(values)

    def changed(self) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
        """(thresholds, targets, revenue targets) the user changed, by key and by tier."""
        thresholds: dict[str, Any] = {}
        if not self.query("#targets-form"):
            return {}, {}, {}
        if self.query("#thresholds-form"):
            form = self.query_one("#thresholds-form", Form)
            thresholds = {key_of(k): v for k, v in form.changed_values().items()}
        form = self.query_one("#targets-form", Form)
        by_kind: dict[str, dict[str, Any]] = {"target": {}, "revenue": {}}
        for name, value in form.changed_values().items():
            kind, tier = key_of(name).split(".", 1)
            by_kind[kind][tier] = value
        return thresholds, by_kind["target"], by_kind["revenue"]

    def _hold(self, scheme: str) -> None:
        """Thresholds a manager above me set are theirs (issue 24): read-only, saying who."""
        from katerm.core.pyramid import threshold_setters

        self.held = {
            field_name(k): setter.name
            for k, setter in threshold_setters(workspace_of(self), scheme).items()
        }
        self._show_held()

    def _show_held(self) -> None:
        form = self.query_one("#thresholds-form", Form)
        for spec in form.specs:
            who = self.held.get(spec.name)
            form.control(spec.name).disabled = who is not None
            form.query_one(f"#field-{spec.name}").set_class(who is not None, "-held")
            if who is not None:
                form.query_one(f"#error-{spec.name}", Static).update(
                    t("pyramid.settings.set_by", name=who)
                )

    def show_errors(self, errors: Mapping[str, str]) -> None:
        """Errors by threshold key or target field, each beside its field."""
        by_name = {field_name(k): v for k, v in errors.items()}
        if not self.query("#targets-form"):
            return
        # Targets first: each form focuses its first bad field, so the upper form wins.
        self.query_one("#targets-form", Form).show_errors(by_name)
        if self.query("#thresholds-form"):
            self.query_one("#thresholds-form", Form).show_errors(by_name)
            self._show_held()

    def save(self, pyramid: Pyramid | None, then: Callable[[bool], object] | None = None) -> None:
        """Save what the user changed (Ctrl+S) for the pyramid on screen: checked and saved by
        the core, in a worker."""
        from katerm.core.pyramid import save_settings

        done = then or (lambda ok: None)
        thresholds, targets, revenue = self.changed()
        if not thresholds and not targets and not revenue:
            self.notify(t("account.nothing_changed"), timeout=3)
            done(True)
            return
        if pyramid is None:
            done(False)
            return
        ws = workspace_of(self)
        scheme, owner_id, year = pyramid.query.scheme, pyramid.owner_id, pyramid.year

        def saved(_: object) -> None:
            self._saved()
            done(True)

        def invalid(errors: dict[str, str]) -> None:
            self._invalid(errors)
            done(False)

        save_in_worker(
            self,
            lambda: save_settings(ws, scheme, owner_id, year, thresholds, targets, revenue),
            group="pyramid-save",
            saved=saved,
            invalid=invalid,
            failed=lambda: done(False),
        )

    # --- leaving (katerm.app.widgets.leaving) --------------------------------------------
    def unsaved(self) -> bool:
        return any(self.changed())

    def unsaved_title(self) -> str:
        return t("pyramid.tab.settings")

    def save_input(self, then: Callable[[bool], object]) -> None:
        self.save(getattr(self.screen, "pyramid", None), then)

    def drop_input(self) -> None:
        for form in self.query(Form):
            form.revert()

    def _invalid(self, errors: dict[str, str]) -> None:
        self.show_errors(errors)
        self.notify(t("errors.validation_failed", count=len(errors)), severity="error", timeout=4)

    def _saved(self) -> None:
        for form in self.query(Form):
            form.mark_clean()
        self.notify(t("account.saved"), timeout=3)
        katerm_app(self).data_changed()
