"""Numbers, money, dates, phone numbers and language names in the page's language.

Everything is formatted with Babel (CLDR data) and phonenumbers. Which Babel locale
a page language uses, and whether it writes phone numbers in national or
international form, is set in its words file (docs/_data/words/<language>.yml,
``settings``; kirkas.words): e.g. fi -> fi_FI, sv -> sv_FI, en -> en_IE (English
written in the euro area: "€2,500", "24%"). The functions here take that locale.

Money: whole euros without decimals ("2 500 €", "€2,500"), cents only when the
amount has them ("99,90 €"). VAT is computed with decimal.Decimal and rounded
to cents with ROUND_HALF_UP, like an invoice.
"""

from __future__ import annotations

import copy
import datetime
from functools import lru_cache
from decimal import ROUND_HALF_UP, Decimal

import phonenumbers
from babel import Locale
from babel.dates import format_date as babel_format_date
from babel.lists import format_list
from babel.numbers import NumberPattern, parse_pattern

CURRENCY = "EUR"
CENT = Decimal("0.01")


#: Phone styles of the words files' settings.
NATIONAL, INTERNATIONAL = "national", "international"


@lru_cache(maxsize=16)
def babel_locale(locale: str) -> Locale:
    """The Babel locale of a locale name such as 'fi_FI'."""
    return Locale.parse(locale)


def to_decimal(value: int | float | str | Decimal) -> Decimal:
    """An exact Decimal of a YAML number (0.45 stays 0.45, not a binary float)."""
    return value if isinstance(value, Decimal) else Decimal(str(value))


def vat_amount(net: Decimal, rate_percent: Decimal) -> Decimal:
    """VAT on a net amount, rounded to cents (half up)."""
    return (to_decimal(net) * to_decimal(rate_percent) / 100).quantize(CENT, ROUND_HALF_UP)


def gross_amount(net: Decimal, rate_percent: Decimal) -> Decimal:
    """The VAT-inclusive amount: net plus VAT rounded to cents."""
    return to_decimal(net) + vat_amount(net, rate_percent)


def _pattern_with_fraction_digits(pattern: NumberPattern, digits: tuple[int, int]) -> NumberPattern:
    """A copy of a CLDR number pattern showing the given min/max fraction digits."""
    adjusted = copy.copy(pattern)
    adjusted.frac_prec = digits
    return adjusted


def has_cents(amount: Decimal) -> bool:
    """True when an amount is not a whole number of euros."""
    return to_decimal(amount) != to_decimal(amount).to_integral_value()


def format_money(amount: Decimal | int | float, locale_name: str) -> str:
    """Euros in the page locale: '2 500 €' / '€2,500'; '99,90 €' when there are cents."""
    locale = babel_locale(locale_name)
    value = to_decimal(amount).quantize(CENT, ROUND_HALF_UP)
    digits = (2, 2) if has_cents(value) else (0, 0)
    pattern = _pattern_with_fraction_digits(locale.currency_formats["standard"], digits)
    return pattern.apply(value, locale, currency=CURRENCY, currency_digits=False)


def format_percent(rate_percent: Decimal | int | float, locale_name: str) -> str:
    """A percentage such as the VAT rate: '24 %' / '10.5%' (up to two decimals)."""
    locale = babel_locale(locale_name)
    pattern = _pattern_with_fraction_digits(locale.percent_formats[None], (0, 2))
    return pattern.apply(to_decimal(rate_percent) / 100, locale)


def format_number(value: Decimal | int | float, locale_name: str) -> str:
    """A count, year or measure in the page locale, not grouped: '3', '2012', '0,45'."""
    locale = babel_locale(locale_name)
    pattern = _pattern_with_fraction_digits(parse_pattern("0.###"), (0, 3))
    return pattern.apply(to_decimal(value), locale)


def format_date(value: datetime.date, locale_name: str) -> str:
    """A date written out in the page locale: '1. syyskuuta 2024', '1 September 2024'."""
    return babel_format_date(value, format="long", locale=babel_locale(locale_name))


def language_name(code: str, locale_name: str) -> str:
    """The name of a language in the page's language: 'ruotsi', 'svenska', 'Swedish'."""
    return babel_locale(locale_name).languages.get(code, code)


def format_language_list(codes: list[str], locale_name: str) -> str:
    """Language names joined the local way: 'suomi ja ruotsi', 'Finnish and Swedish'."""
    names = [language_name(code, locale_name) for code in codes]
    return format_list(names, style="standard", locale=babel_locale(locale_name)) if names else ""


def parse_phone(e164: str) -> phonenumbers.PhoneNumber:
    """A phone number object from E.164 text ('+358401234567')."""
    return phonenumbers.parse(e164, "FI")


def group_digits(digits: str) -> str:
    """A subscriber number in groups for reading: 3+4 ('123 4567'), 3+3, 4+4, 2+3, 3+3+3 ..."""
    if len(digits) <= 4:
        return digits
    if len(digits) <= 8:
        first = {5: 2, 6: 3, 7: 3, 8: 4}[len(digits)]
        return f"{digits[:first]} {digits[first:]}"
    return f"{digits[:3]} {group_digits(digits[3:])}"


def format_phone(e164: str, style: str) -> str:
    """Phone for reading: national '09 123 4567', '040 123 4567'; international '+358 9 123 4567'.

    phonenumbers splits off the area (or mobile network) code; the rest, the
    subscriber number, is grouped by group_digits().
    """
    number = parse_phone(e164)
    national = phonenumbers.national_significant_number(number)
    split = phonenumbers.length_of_national_destination_code(number)
    area, subscriber = national[:split], national[split:]
    if style == NATIONAL:
        region = phonenumbers.region_code_for_number(number)
        metadata = phonenumbers.PhoneMetadata.metadata_for_region(region) if region else None
        trunk = (metadata.national_prefix or "") if metadata else ""
        head = f"{trunk}{area}"
    else:
        head = f"+{number.country_code} {area}".rstrip()
    return f"{head} {group_digits(subscriber)}".strip()


#: Between the groups of a shown phone number, so that it never breaks across lines.
NO_BREAK_SPACE = "\u00a0"


def display_phone(e164: str, style: str) -> str:
    """A phone number as pages show it: format_phone() with no-break spaces ('06\u00a0555\u00a00100').

    A number split over two lines ('06 555' / '0100') is easily misdialled; the no-break
    spaces keep it whole wherever it is shown (header, urgent strip, contact boxes,
    footer, data references). The tel: link stays E.164 (phone_href).
    """
    return format_phone(e164, style).replace(" ", NO_BREAK_SPACE)


def phone_href(e164: str) -> str:
    """The tel: link of a phone number, in E.164 ('tel:+358401234567')."""
    number = phonenumbers.format_number(parse_phone(e164), phonenumbers.PhoneNumberFormat.E164)
    return f"tel:{number}"
