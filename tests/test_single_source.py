"""Every fact is stated once: the practice's phone numbers, emails, prices and VAT rate
appear, in any written form, only in docs/_data/practice.yml (outside tests/).

The forms of a phone number come from phonenumbers (E.164, international, national,
RFC 3966, and the digits with any spacing); money and percentages are searched in
the ways people write them in Finnish, Swedish and English.
"""

from __future__ import annotations

import re
import subprocess
from decimal import ROUND_HALF_UP, Decimal

import phonenumbers
import pytest
import yaml

from tests.support.site import PROJECT_ROOT

DATA_FILE = "docs/_data/practice.yml"
DATA = yaml.safe_load((PROJECT_ROOT / DATA_FILE).read_text(encoding="utf-8"))
#: Digits separated by a space, a no-break space, a dash or a dot are one number.
DIGIT_SEPARATOR = re.compile(r"(?<=\d)[ \u00a0\u202f\-](?=\d)")


def repository_text_files() -> dict[str, str]:
    """Text of every file of the repository (tracked or new, not ignored), outside tests/."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=PROJECT_ROOT, capture_output=True, text=True, check=True,
    ).stdout.splitlines()
    texts = {}
    for name in sorted(set(listed)):
        path = PROJECT_ROOT / name
        if name.startswith("tests/") or not path.is_file():
            continue
        raw = path.read_bytes()
        if b"\0" in raw:
            continue  # binary (fonts, images)
        texts[name] = raw.decode("utf-8", errors="replace")
    return texts


FILES = repository_text_files()


def files_matching(pattern: re.Pattern[str], *, join_digits: bool = False) -> list[str]:
    """Files whose text matches a pattern (optionally after joining spaced digits)."""
    found = []
    for name, text in FILES.items():
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
    digit_forms = {f"0{national_digits}", f"358{national_digits}"}
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


def gross(net: Decimal) -> Decimal:
    """The VAT-inclusive amount, computed here by hand (net + VAT rounded to cents)."""
    return net + (net * VAT_RATE / 100).quantize(Decimal("0.01"), ROUND_HALF_UP)


def test_the_data_file_is_found_by_every_search():
    """The searches work: each of them finds the data file itself."""
    assert DATA_FILE in files_matching(re.compile(re.escape(PHONES[0])))
    assert DATA_FILE in files_matching(re.compile(re.escape(EMAILS[0])))


@pytest.mark.parametrize("e164", PHONES)
def test_each_phone_number_is_written_only_in_the_data_file(e164):
    found = set()
    for pattern in phone_patterns(e164):
        found.update(files_matching(pattern, join_digits=True))
    assert found == {DATA_FILE}, f"{e164} is also written in {sorted(found - {DATA_FILE})}"


@pytest.mark.parametrize("email", EMAILS)
def test_each_email_is_written_only_in_the_data_file(email):
    found = files_matching(re.compile(re.escape(email), re.I))
    assert found == [DATA_FILE], f"{email} is also written in {sorted(set(found) - {DATA_FILE})}"


@pytest.mark.parametrize("net", NET_PRICES, ids=str)
def test_each_price_is_written_nowhere_as_money(net):
    """Prices are numbers in the data file; as money ('120 €', '€150.60') they are written nowhere."""
    found = set(files_matching(money_pattern(net))) | set(files_matching(money_pattern(gross(net))))
    assert not found, f"{net} € (or its VAT-inclusive {gross(net)} €) is written in {sorted(found)}"


@pytest.mark.parametrize("net", NET_PRICES, ids=str)
def test_each_price_is_a_number_only_in_the_data_file(net):
    """'net: 120' / 'per_km: 0.59' lines exist only in the data file."""
    pattern = re.compile(rf"\b(?:net|per_km):\s*{re.escape(str(net))}\b")
    assert files_matching(pattern) == [DATA_FILE]


def test_the_vat_rate_is_written_only_in_the_data_file():
    whole, _, fraction = f"{VAT_RATE.normalize():f}".partition(".")
    number = whole + (f"[.,]{fraction}" if fraction else "")
    written = re.compile(rf"(?<![\d.,]){number}(?![\d]|[.,]\d)(?:[ \u00a0\u202f]?%)?")
    found = files_matching(written)
    assert found == [DATA_FILE], f"the VAT rate {VAT_RATE} is also written in {sorted(set(found) - {DATA_FILE})}"
