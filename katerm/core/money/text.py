"""A total in words: the converted figure says it is converted (at the team's rates, in its
base currency) and every amount that could not be converted is listed with what to do."""

from __future__ import annotations

from katerm.core.money.read import Amount, Total
from katerm.i18n import has_key, t
from katerm.i18n.fmt import fmt_money


def currency_name(code: str, lang: str | None = None) -> str:
    """A currency as the language names it (人民币, 美元 in Chinese, where a Latin code is out of
    place); a code the catalogue does not know stays as it is (it is data)."""
    key = f"money.currency.{code}"
    return t(key, lang) if code and has_key(key, lang) else code


def approx(total: Total, lang: str | None = None) -> str:
    """The total on one line of a heading: ``≈ 3.20亿`` only when rates went into it, so the
    same sum is never shown twice, exact and approximate (:func:`left_out` lists the rest)."""
    amount = fmt_money(total.amount, lang)
    return f"≈ {amount}" if total.converted else amount


def left_out(total: Total | None, lang: str | None = None) -> list[str]:
    """One line per currency that has no rate, so is not in the total."""
    return [not_converted_text(a, lang) for a in total.not_converted] if total else []


def total_text(total: Total, lang: str | None = None) -> str:
    """``12,300,000 CNY``, or ``≈ 12,300,000 CNY at your rates`` when rates went into it."""
    key = "money.total_converted" if total.converted else "money.total_plain"
    base = currency_name(total.base, lang)
    return t(key, lang, amount=fmt_money(total.amount, lang), base=base)


def in_base(
    amount: float | None, currency: str, own: float, base: str, lang: str | None = None
) -> str:
    """One figure in a column of base-currency figures (``amount``: None when ``currency``
    has no rate): ``1,200,000`` in the base; ``≈ 1,092,000`` converted from another currency,
    so nobody reads it as the contract's figure; ``EUR 9,795``, its own, when it could not be
    converted (it is then left out of the column's total)."""
    if amount is None:
        return f"{currency_name(currency, lang)} {fmt_money(own, lang)}"
    text = fmt_money(amount, lang)
    return f"≈ {text}" if amount and currency and currency != base else text


def not_converted_text(amount: Amount, lang: str | None = None) -> str:
    """``USD 1,200,000 not converted — set `katerm config set rates.USD …```."""
    return t(
        "money.not_converted",
        lang,
        currency=currency_name(amount.currency, lang),
        code=amount.currency,
        amount=fmt_money(amount.amount, lang),
    )


def describe(total: Total, lang: str | None = None) -> list[str]:
    """The total's line, then one line per currency left out of it."""
    return [total_text(total, lang), *(not_converted_text(a, lang) for a in total.not_converted)]


def short(total: Total, lang: str | None = None) -> str:
    """The total and what is left out, on one line (table cells, summaries)."""
    amount = fmt_money(total.amount, lang)
    if not total.not_converted:
        return f"≈ {amount}" if total.converted else amount
    left = t("money.plus_left", lang, n=len(total.not_converted))
    return f"{'≈ ' if total.converted else ''}{amount} {left}"


def notes(total: Total | None, lang: str | None = None) -> list[str]:
    """:func:`describe`'s lines when the total involves another currency (converted or not);
    nothing for a total all in the base currency, which needs no saying."""
    if total is None or not (total.converted or total.not_converted):
        return []
    return describe(total, lang)
