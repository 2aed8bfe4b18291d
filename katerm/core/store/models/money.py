"""The team's money settings: its base currency and its exchange rates (katerm.core.money)."""

from sqlmodel import Field

from katerm.core.store.models.base import SyncedTable, fk


class CurrencyRate(SyncedTable, table=True):
    """One exchange rate of the team: 1 ``currency`` = ``rate`` ``base``.

    The team's base currency is the row whose id is ``katerm.core.money.BASE_ID``: there
    ``currency`` = ``base`` and ``rate`` = 1. A rate row's id is derived from (base, currency),
    so two devices setting the same rate edit one row; rates quoted against another base are
    kept (a team that changes its base and back finds them again) but not used.
    """

    __tablename__ = "currency_rates"

    owner_id: str = fk("users.id", nullable=False)
    base: str = Field(index=True)
    currency: str
    rate: float
