"""The real site's data file and words files (of SITE_PROJECT), read by the tests themselves (not by the hooks).

Expected values are worked out here independently of the engine: a phone number is
split with phonenumbers and grouped by the rule written below, not by kirkas.formatting.
"""

from __future__ import annotations

import phonenumbers
import yaml

from tests.support.site import DATA_FILE, LANGUAGES, SITE_CONFIG, SITE_PROJECT, WORDS_DIR

DATA = yaml.safe_load((SITE_PROJECT / DATA_FILE).read_text(encoding="utf-8"))
WORDS = {language: yaml.safe_load((SITE_PROJECT / WORDS_DIR / f"{language}.yml").read_text(encoding="utf-8"))
         for language in LANGUAGES}
#: How many digits the first group of a subscriber number has, by its length (the rest follow).
FIRST_GROUP = {5: 2, 6: 3, 7: 3, 8: 4}


def practice_name(language: str) -> str:
    """The practice's name on the pages of a language: mkdocs.yml's site_name."""
    return SITE_CONFIG.site_name(language)


def og_locale(language: str) -> str:
    """A language's Open Graph locale (its words file's settings)."""
    return WORDS[language]["settings"]["og_locale"]


def quote_contact(language: str) -> str:
    """The supervisor id who answers quote requests in a language."""
    value = DATA["practice"]["quote_contact"]
    return value[language] if isinstance(value, dict) else value


def grouped(digits: str) -> str:
    """'1234567' -> '123 4567'; '12345678' -> '1234 5678'; longer numbers in threes first."""
    if len(digits) <= 4:
        return digits
    if len(digits) > 8:
        return f"{digits[:3]} {grouped(digits[3:])}"
    first = FIRST_GROUP[len(digits)]
    return f"{digits[:first]} {digits[first:]}"


def shown_phone(e164: str, language: str) -> str:
    """How a page of the language writes a number: '09 123 4567' or '+358 9 123 4567'."""
    number = phonenumbers.parse(e164)
    national = phonenumbers.national_significant_number(number)
    split = phonenumbers.length_of_national_destination_code(number)
    area, subscriber = national[:split], national[split:]
    if WORDS[language]["settings"]["phone_style"] == "international":
        return f"+{number.country_code} {area} {grouped(subscriber)}"
    return f"0{area} {grouped(subscriber)}"


def phone_forms(e164: str) -> list[str]:
    """Every way a number may be written: phonenumbers' formats and the grouped ones of each language."""
    number = phonenumbers.parse(e164)
    forms = {
        phonenumbers.format_number(number, style)
        for style in (
            phonenumbers.PhoneNumberFormat.E164,
            phonenumbers.PhoneNumberFormat.INTERNATIONAL,
            phonenumbers.PhoneNumberFormat.NATIONAL,
            phonenumbers.PhoneNumberFormat.RFC3966,
        )
    }
    forms.update(shown_phone(e164, language) for language in LANGUAGES)
    return sorted(forms)
