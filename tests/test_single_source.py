"""Every fact is stated once: the practice's phone numbers, emails, prices and VAT rate
are written, in any form, only in docs/_data/practice.yml.

Searched are the files the site is made of: the pages (docs/**/*.md), the words files
and mkdocs.yml (their values: comments are notes to the owner, never shown), and for
phone numbers and email addresses also the templates, scripts and stylesheet
(overrides/, docs/assets/), where a practice's number or address would be a hidden copy
on every page. Not searched are the owner's guides (docs/_ohjeet/, README.md) and the
hooks' messages and docstrings, whose examples ("+358401234567", '2 500 €', '24 %') an
owner may well copy into the data file: there a match is the example, not a copy. That
the hooks know no practice is shown by the tests' own practice, which they build as
well as the demo. Prices and the VAT rate are short numbers, so they are searched in
the owner's files only.

The forms of a phone number come from phonenumbers (E.164, international, national,
RFC 3966, and the digits with any spacing); money and percentages are searched in
the ways people write them in Finnish, Swedish and English.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import phonenumbers
import pytest
import yaml

from tests.support.site import DATA_FILE, SITE_PROJECT

pytestmark = pytest.mark.real_site

DATA = yaml.safe_load((SITE_PROJECT / DATA_FILE).read_text(encoding="utf-8"))
#: Digits separated by a space, a no-break space, a dash or a dot are one number.
DIGIT_SEPARATOR = re.compile(r"(?<=\d)[ \u00a0\u202f\-](?=\d)")
#: A YAML comment: '#' at the start of a line or after a space, to the end of the line.
YAML_COMMENT = re.compile(r"(?:^|(?<=\s))#.*$", re.MULTILINE)
#: Folders of docs/ that are not published (the data file's folder is searched file by file).
UNPUBLISHED = ("docs/_ohjeet/",)
#: Text files of the engine.
ENGINE_SUFFIXES = {".html", ".js", ".css", ".xml", ".txt"}


def text_of(path: Path) -> str | None:
    """A file's text, or None for a binary file."""
    raw = path.read_bytes()
    if b"\0" in raw:
        return None
    text = raw.decode("utf-8", errors="replace")
    return YAML_COMMENT.sub("", text) if path.suffix in (".yml", ".yaml") else text


def content_files() -> dict[str, str]:
    """The owner's files that make the site, besides the data file: pages, words, mkdocs.yml."""
    files = {"mkdocs.yml": SITE_PROJECT / "mkdocs.yml"}
    docs = SITE_PROJECT / "docs"
    for path in sorted(docs.rglob("*")):
        name = path.relative_to(SITE_PROJECT).as_posix()
        if path.is_file() and path.suffix in (".md", ".yml", ".yaml") and not name.startswith(UNPUBLISHED) \
                and name != DATA_FILE.as_posix():
            files[name] = path
    return {name: text for name, path in files.items() if (text := text_of(path)) is not None}


def engine_files() -> dict[str, str]:
    """The engine's files that end up in every page: templates, the site's scripts and stylesheet."""
    folders = [SITE_PROJECT / "overrides",
               SITE_PROJECT / "docs" / "assets" / "javascripts", SITE_PROJECT / "docs" / "assets" / "stylesheets"]
    found = {}
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix in ENGINE_SUFFIXES and "__pycache__" not in path.parts:
                text = text_of(path)
                if text is not None:
                    found[path.relative_to(SITE_PROJECT).as_posix()] = text
    return found


CONTENT = content_files()
EVERYWHERE = {**CONTENT, **engine_files()}


def files_matching(pattern: re.Pattern[str], files: dict[str, str], *, join_digits: bool = False) -> list[str]:
    """Files whose text matches a pattern (optionally after joining spaced digits)."""
    found = []
    for name, text in files.items():
        haystack = DIGIT_SEPARATOR.sub("", text) if join_digits else text
        if pattern.search(haystack):
            found.append(name)
    return found


def leaves(value, path=()):
    """(path, value) of every scalar in the data."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from leaves(item, (*path, str(key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from leaves(item, (*path, str(index)))
    else:
        yield path, value


PHONES = sorted({value for path, value in leaves(DATA) if path[-1] == "phone"})
EMAILS = sorted({value for path, value in leaves(DATA) if path[-1] == "email"})
NET_PRICES = sorted({Decimal(str(value)) for path, value in leaves(DATA)
                     if path[-1] in ("net", "per_km")})
VAT_RATE = Decimal(str(DATA["vat"]["rate"]))


def phone_patterns(e164: str) -> list[re.Pattern[str]]:
    """Patterns for every written form of a phone number, generated with phonenumbers."""
    number = phonenumbers.parse(e164, "FI")
    formats = {
        phonenumbers.format_number(number, style)
        for style in (
            phonenumbers.PhoneNumberFormat.E164,
            phonenumbers.PhoneNumberFormat.INTERNATIONAL,
            phonenumbers.PhoneNumberFormat.NATIONAL,
            phonenumbers.PhoneNumberFormat.RFC3966,
        )
    }
    national_digits = phonenumbers.national_significant_number(number)
    digit_forms = {f"0{national_digits}", f"{number.country_code}{national_digits}"}
    return [re.compile(re.escape(form)) for form in sorted(formats)] + [
        re.compile(rf"(?<!\d){digits}(?!\d)") for digits in sorted(digit_forms)
    ]


def money_pattern(amount: Decimal) -> re.Pattern[str]:
    """'120 €', '€120', '1 400 €', '€1,400', '150,60 €', '120 euroa', 'EUR 120' …"""
    whole, cents = f"{amount:.2f}".split(".")
    thousands = [whole] if len(whole) <= 3 else [whole, f"{whole[:-3]}[ \u00a0\u202f,.]{whole[-3:]}"]
    number = "(?:" + "|".join(thousands) + ")"
    fraction = f"[.,]{cents}" if cents != "00" else "(?:[.,]00)?"
    value = rf"(?<![\d.,]){number}{fraction}(?![\d]|[.,]\d)"
    currency = r"(?:€|EUR\b|euro|e\b)"
    return re.compile(rf"{value}[ \u00a0\u202f]?{currency}|{currency}[ \u00a0\u202f]?{value}", re.I)


def percent_pattern(rate: Decimal) -> re.Pattern[str]:
    """'25,5 %', '25.5%', '25,5&nbsp;%' …: the number followed by a per cent sign."""
    whole, _, fraction = f"{rate.normalize():f}".partition(".")
    number = whole + (f"[.,]{fraction}" if fraction else "")
    return re.compile(rf"(?<![\d.,]){number}(?:[ \u00a0\u202f]|&nbsp;)?%")


def gross(net: Decimal) -> Decimal:
    """The VAT-inclusive amount, computed here by hand (net + VAT rounded to cents)."""
    return net + (net * VAT_RATE / 100).quantize(Decimal("0.01"), ROUND_HALF_UP)


def test_the_searches_find_a_copy() -> None:
    """Each search finds a fact written in the ways it looks for (no search is blind)."""
    phone = phonenumbers.parse(PHONES[0])
    written = phonenumbers.format_number(phone, phonenumbers.PhoneNumberFormat.NATIONAL)
    grouped = {"page.md": f"Soita {written.replace(' ', '-')}."}
    assert any(files_matching(pattern, grouped, join_digits=True) for pattern in phone_patterns(PHONES[0]))
    net = NET_PRICES[-1]
    assert files_matching(money_pattern(gross(net)), {"page.md": f"Hinta {gross(net):.2f} €".replace(".", ",")})
    assert files_matching(percent_pattern(VAT_RATE), {"page.md": f"alv {VAT_RATE.normalize():f}&nbsp;%"})
    assert files_matching(percent_pattern(VAT_RATE), {"en.yml": f"vat: VAT {VAT_RATE.normalize():f}%"})


@pytest.mark.parametrize("e164", PHONES)
def test_each_phone_number_is_written_only_in_the_data_file(e164):
    found = set()
    for pattern in phone_patterns(e164):
        found.update(files_matching(pattern, EVERYWHERE, join_digits=True))
    assert not found, f"{e164} is also written in {sorted(found)}: write <!-- data: … --> instead"


@pytest.mark.parametrize("email", EMAILS)
def test_each_email_is_written_only_in_the_data_file(email):
    found = files_matching(re.compile(re.escape(email), re.I), EVERYWHERE)
    assert not found, f"{email} is also written in {sorted(found)}: write <!-- data: … --> instead"


@pytest.mark.parametrize("net", NET_PRICES, ids=str)
def test_each_price_is_written_nowhere_as_money(net):
    """Prices are numbers in the data file; as money ('120 €', '€150.60') they are written nowhere."""
    found = set(files_matching(money_pattern(net), CONTENT)) | set(files_matching(money_pattern(gross(net)), CONTENT))
    assert not found, (f"{net} € (or its VAT-inclusive {gross(net)} €) is written in {sorted(found)}: "
                       "write <!-- price: … --> instead")


def test_the_vat_rate_is_written_only_in_the_data_file():
    found = files_matching(percent_pattern(VAT_RATE), CONTENT)
    assert not found, f"the VAT rate {VAT_RATE} % is also written in {sorted(found)}: write <!-- data: vat.rate -->"
