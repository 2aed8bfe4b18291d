"""Numbers, money, shares and dates formatted for the interface language.

English groups by thousands (1,234,567). Chinese readers count money in 万 (10^4) and
亿 (10^8), so the compact form uses those units (523.46万, 1.20亿).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from katerm.i18n import current_language

# The Chinese units of money, written here only: every figure in them comes from this module
# (tests/i18n/test_money_format.py finds any other place that writes them).
_WAN = "万"
_YI = "亿"


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


def fmt_money(value: float | None, lang: str | None = None, *, trim: bool = False) -> str:
    """Money for tables: full figures in English, 万/亿 units in Chinese, two decimals.

    The unit is the one the figure needs *as shown*: 99,999,999 rounds to 10,000.00万, so it
    is 1.00亿, and 9,999.6 is 1.00万; at or above 1亿 it is always 亿 (13,719.40万 is 1.37亿).
    ``trim`` drops zero decimals, for round figures such as thresholds (500万, 1.2亿)."""
    if value is None:
        return ""
    lang = lang or current_language()
    if lang == "zh_CN":
        magnitude = abs(value)
        if round(magnitude / 1e4, 2) >= 1e4:
            return _units(value / 1e8, _YI, trim)
        if round(magnitude) >= 1e4:
            return _units(value / 1e4, _WAN, trim)
    return fmt_int(value)


def fmt_money_field(value: float | None, lang: str | None = None) -> str:
    """Money shown back in an edit field: as the lists show it (7,823.38万, 9,243.90万, 1.37亿),
    a round figure as typed (600万, not 600.00万); blank for none."""
    if not value:
        return ""
    whole = fmt_money(value, lang, trim=True)
    return whole if "." not in whole else fmt_money(value, lang)


def _units(scaled: float, unit: str, trim: bool) -> str:
    text = f"{scaled:,.2f}"
    if trim:
        text = text.rstrip("0").rstrip(".")
    return text + unit


def fmt_total(value: float | None, lang: str | None = None) -> str:
    """A sum of money in a report: 万/亿 units in Chinese (as in every Chinese table), grouped
    with its cents, if any, in English."""
    if value is None:
        return ""
    if (lang or current_language()) == "zh_CN":
        return fmt_money(value, "zh_CN") if round(abs(value), 2) >= 1e4 else fmt_number(value)
    return fmt_number(value, 2)


def fmt_amount(value: float | None, lang: str | None = None) -> str:
    """An amount as a user types it, exactly (an edit field shows it back this way and reads
    it again unchanged): 5,000,000 in English; in Chinese 1亿 and above always in 亿, with the
    decimals it needs (1.37194亿, not 13719.4万), 500万 when that is exact, else plain."""
    if value is None:
        return ""
    lang = lang or current_language()
    if lang == "zh_CN":
        if abs(value) >= 1e8:
            # To the fen: 10 decimals of 亿 hold any amount the fields keep (cents).
            return f"{value / 1e8:.10f}".rstrip("0").rstrip(".") + _YI
        scaled = round(value / 1e4, 4)
        if abs(value) >= 1e4 and abs(scaled * 1e4 - value) < 1e-6:
            return f"{scaled:.4f}".rstrip("0").rstrip(".") + _WAN
        return fmt_number(value).replace(",", "")
    return fmt_number(value)


def fmt_signed(
    value: float | None, text: Callable[[float], str] = fmt_int, *, plus: bool = True
) -> str:
    """A difference with its sign: every signed figure on screen goes through here, so a
    negative one always reads with the minus sign (−16, U+2212), never an ASCII hyphen.
    ``text`` formats the size (money, a count...); ``plus=False`` leaves a positive one bare
    (a gap still to close: 4)."""
    if value is None:
        return ""
    if value < 0:
        return "−" + text(-value)
    return ("+" if plus and value > 0 else "") + text(value)


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
