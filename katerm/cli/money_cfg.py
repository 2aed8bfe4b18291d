"""The team's money settings in `katerm config`: ``base_currency`` and ``rates.<CODE>``.

They live in the database (katerm.core.money), not in the config file: every screen and every
member of the team converts with the same rates.
"""

from __future__ import annotations

from katerm.cli.context import CliContext
from katerm.i18n import t
from katerm.i18n.fmt import fmt_number

BASE_KEYS = ("base_currency", "money.base_currency", "currency.base")


def is_money_key(key: str) -> bool:
    key = key.strip()
    return key in BASE_KEYS or key == "rates" or key.startswith("rates.")


def set_money(ctx: CliContext, key: str, value: str) -> int:
    from katerm.core import money
    from katerm.core.errors import ConfigProblem

    ws = ctx.workspace()
    key = key.strip()
    if key in BASE_KEYS:
        base = money.set_base(ws.db, value, ws.me.id)
        ctx.say(t("money.base_set", base=base))
        if money.load(ws.db).rates == {} and _has_other_rates(ctx, base):
            ctx.say(t("money.base_set_rates", base=base))
        return 0
    if key == "rates":
        raise ConfigProblem("cli.config.rates_one", hint="cli.config.rates_one_hint")
    currency = key[len("rates.") :]
    if value.strip() == "":
        code = money.check_code("currency", currency)
        removed = money.remove_rate(ws.db, code, ws.me.id)
        ctx.say(t("money.rate_removed" if removed else "money.rate_missing", currency=code))
        return 0
    code, rate, base = money.set_rate(ws.db, currency, value, ws.me.id)
    ctx.say(t("money.rate_set", currency=code, rate=fmt_number(rate, 6), base=base))
    return 0


def _has_other_rates(ctx: CliContext, base: str) -> bool:
    from katerm.core import money

    with ctx.workspace().db.reading() as conn:
        return money.other_bases(conn, base) > 0


def get_money(ctx: CliContext, key: str) -> int:
    from katerm.core import money

    key = key.strip()
    rates = money.load(ctx.workspace().db)
    if key in BASE_KEYS:
        ctx.say(rates.base)
    elif key == "rates":
        for line in rate_lines(ctx):
            ctx.say(line)
    else:
        code = money.check_code("currency", key[len("rates.") :])
        found = rates.rate(code)
        ctx.say("" if found is None else fmt_number(found, 6))
    return 0


def rate_lines(ctx: CliContext) -> list[str]:
    """``base_currency = CNY`` then one ``rates.USD = 7.1`` line per rate; a value a manager
    above me set says so (``# set by your lead 王芳``): theirs to change, not mine."""
    from katerm.core import money

    ws = ctx.workspace()
    with ws.db.reading() as conn:
        rates = money.load_rates(conn)
        others = money.other_bases(conn, rates.base)
        leads = money.set_by_leads(conn, ws.me.id, rates)

    def who(currency: str | None) -> str:
        setter = leads.get(currency)
        return "" if setter is None else f"  # {t('money.set_by_lead', name=setter.name)}"

    lines = [f"base_currency = {rates.base}{who(None)}"]
    lines += [f"rates.{c} = {fmt_number(r, 6)}{who(c)}" for c, r in sorted(rates.rates.items())]
    if not rates.rates:
        lines.append(f"# {t('money.no_rates')}")
    if others:
        lines.append(f"# {t('money.other_bases', n=others)}")
    return lines
