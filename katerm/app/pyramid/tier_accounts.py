"""The pyramid's second tab: the accounts the pyramid counts in one tier (Enter on a tier)."""

from __future__ import annotations

from collections.abc import Collection

from textual.containers import Vertical
from textual.widgets import Static

from katerm.app.pyramid.text import tier_label
from katerm.app.widgets.lazy_table import Column, LazyTable
from katerm.core.pyramid import TierAccount
from katerm.i18n import t
from katerm.i18n.fmt import fmt_int, fmt_money


def account_columns() -> list[Column]:
    label = lambda key: t(f"fields.account.{key}")  # noqa: E731
    return [
        Column("name", label("name"), 16, priority=0, grow=3),
        Column("tier", label("tier"), 4, priority=2),
        Column("revenue", t("accounts.col_revenue"), 10, priority=1, numeric=True),
        Column("lifecycle", label("lifecycle"), 8, priority=4),
        Column("owner", label("owner"), 8, priority=3),
        Column("override", t("pyramid.col.held"), 10, priority=5, grow=1),
    ]


class TierAccountsPane(Vertical):
    """A tier's accounts; built when the tab is first shown (its styles are the screen's)."""

    built = False

    async def build(self) -> None:
        await self.mount_all(
            [
                Static(t("pyramid.pick_tier"), id="tier-heading", classes="pyramid-line"),
                LazyTable(account_columns(), id="tier-accounts"),
            ]
        )
        self.built = True

    def fill(
        self,
        tier: str | None,
        accounts: list[TierAccount] | None,
        listing: bool,
        flagged: Collection[str] = (),
    ) -> None:
        """Show ``tier``'s accounts, or (``accounts`` None) that they are loading or that a
        tier is to be picked. An owner whose grade does not match the tier (``flagged``: the
        accounts' ids) is marked ⚠."""
        if not self.built:
            return
        heading = self.query_one("#tier-heading", Static)
        table = self.query_one("#tier-accounts", LazyTable)
        if accounts is None:
            heading.update(t("pyramid.loading") if listing else t("pyramid.pick_tier"))
            table.set_rows(0, lambda i: [])
            return
        heading.update(
            t("pyramid.tier_heading", tier=tier_label(tier), count=fmt_int(len(accounts)))
        )
        table.placeholder = t("pyramid.tier_empty")
        table.set_rows(
            len(accounts),
            lambda i: [
                accounts[i].name,
                tier_label(accounts[i].tier),
                fmt_money(accounts[i].annual_revenue),
                t(f"fields.lifecycle.{accounts[i].lifecycle}"),
                ("⚠ " if accounts[i].id in flagged else "") + accounts[i].owner,
                accounts[i].override_reason,
            ],
        )
