"""What a currency code and an exchange rate may be.

Codes are ISO 4217's active alphabetic codes (a typo such as ``USS`` is refused rather than
kept as a currency nobody can convert); a rate is a finite positive number of base units for
one unit of the currency, within :data:`MIN_RATE` .. :data:`MAX_RATE` (the sync server checks
the same range).
"""

from __future__ import annotations

import math
from typing import Any

from katerm.core.errors import FieldError

DEFAULT_BASE = "CNY"
MIN_RATE = 1e-9
MAX_RATE = 1e9

# ISO 4217 active codes (2024 list, funds and precious metals left out).
_CODES = """
    AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN
    BWP BYN BZD CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD
    FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY
    KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP
    MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR
    RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD SSP STN SVC SYP SZL THB TJS
    TMT TND TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VES VND VUV WST XAF XCD XCG XOF XPF YER
    ZAR ZMW ZWG
"""
ISO_4217 = frozenset(_CODES.split())


def check_code(field: str, value: Any) -> str:
    """An ISO 4217 code (case and spaces ignored), or a :class:`FieldError` saying so."""
    code = str(value if value is not None else "").strip().upper()
    if not code:
        raise FieldError(field, "money.err.no_code")
    if code not in ISO_4217:
        raise FieldError(field, "money.err.unknown_code", value=code)
    return code


def check_rate(field: str, value: Any, *, currency: str = "", base: str = "") -> float:
    """A rate: a finite number within the range; ``currency`` and ``base`` only name the
    rate in the message."""
    raw = str(value if value is not None else "").strip().replace(",", "").replace("，", "")
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = float(value)
    else:
        try:
            number = float(raw)
        except ValueError:
            raise FieldError(field, "money.err.rate_not_number", value=raw) from None
    if not math.isfinite(number) or number <= 0:
        raise FieldError(
            field,
            "money.err.rate_not_positive",
            value=raw or str(value),
            currency=currency,
            base=base,
        )
    if not MIN_RATE <= number <= MAX_RATE:
        raise FieldError(field, "money.err.rate_range", value=raw or str(value))
    return number


def check_pair(base: str, currency: str) -> None:
    """A rate of the base currency itself is refused: it is 1 by definition."""
    if base == currency:
        raise FieldError("currency", "money.err.rate_of_base", currency=currency)
