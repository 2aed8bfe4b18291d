"""Numbers, money, shares and dates formatted for the interface language.

English groups by thousands (1,234,567). Chinese readers count money in 万 (10^4) and
亿 (10^8), so the compact form uses those units (523.46万, 1.20亿).
"""

from __future__ import annotations

from datetime import date, datetime

from katerm.i18n import current_language


def fmt_int(value: int | float | None) -> str:
    if value is None:
        return ""
    return f"{round(value):,}"


def fmt_number(value: float | None, decimals: int = 2) -> str:
    """A plain grouped number that drops a useless ``.00``."""
    if value is None:
        return ""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.{decimals}f}".rstrip("0").rstrip(".")


def fmt_money(value: float | None, lang: str | None = None) -> str:
    """Money for tables: full figures in English, 万/亿 units in Chinese."""
    if value is None:
        return ""
    lang = lang or current_language()
    if lang == "zh_CN":
        magnitude = abs(value)
        if magnitude >= 1e8:
            return f"{value / 1e8:,.2f}亿"
        if magnitude >= 1e4:
            return f"{value / 1e4:,.2f}万"
    return fmt_int(value)


def fmt_total(value: float | None, lang: str | None = None) -> str:
    """A sum of money in a report: 万/亿 units in Chinese (as in every Chinese table), grouped
    with its cents, if any, in English."""
    if value is None:
        return ""
    if (lang or current_language()) == "zh_CN":
        return fmt_money(value, "zh_CN") if abs(value) >= 1e4 else fmt_number(value)
    return fmt_number(value, 2)


def fmt_amount(value: float | None, lang: str | None = None) -> str:
    """An amount as a user types it, exactly (an edit field shows it back this way and reads
    it again unchanged): 5,000,000 in English; 500万 or 1.5亿 in Chinese when that is exact."""
    if value is None:
        return ""
    lang = lang or current_language()
    if lang == "zh_CN":
        for unit, size in (("亿", 1e8), ("万", 1e4)):
            scaled = round(value / size, 4)
            if abs(value) >= size and abs(scaled * size - value) < 1e-6:
                text = f"{scaled:.4f}".rstrip("0").rstrip(".")
                return f"{text}{unit}"
        return fmt_number(value).replace(",", "")
    return fmt_number(value)


def fmt_share(share: float | None, decimals: int = 1) -> str:
    """A share of a whole (0.2234) as a percentage (22.3%)."""
    if share is None:
        return ""
    return f"{share * 100:.{decimals}f}%"


def fmt_date(value: date | datetime | None, lang: str | None = None) -> str:
    """A date in the user's style. A moment is shown as the date in the zone it is given in:
    callers move stored UTC times into the workspace clock's zone first."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    lang = lang or current_language()
    if lang == "zh_CN":
        return f"{value.year}-{value.month:02d}-{value.day:02d}"
    return value.isoformat()
