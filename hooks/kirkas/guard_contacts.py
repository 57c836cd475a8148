"""Contact data on the pages: phone numbers and email addresses must be the practice's own.

The known numbers and addresses come from docs/_data/practice.yml (loaded and
validated by kirkas.practice; this module never re-validates the data file). A number
or address on a page that is not in the data is an error, and one that is nearly a
known one (a digit off, two digits swapped) names the one it probably meant.
Exceptions are listed in mkdocs.yml under ``extra.guard.allowed_phones`` and
``extra.guard.allowed_emails``.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

import phonenumbers
from email_validator import EmailNotValidError, validate_email
from phonenumbers import Leniency, PhoneNumberFormat, PhoneNumberMatcher, shortnumberinfo

from kirkas.formatting import NATIONAL, format_phone
from kirkas.messages import _

REGION = "FI"
#: A "+" followed by a national trunk 0: "+020 766 3348", "+ 040-123 4567".
PLUS_TRUNK_ZERO = re.compile(r"(?<![\w+])\+\s?0\d[\d \-()]{3,}\d")
#: Characters a written phone number consists of (anything else is a date, time, price...).
PHONE_SHAPE = re.compile(r"\+?[\d \-()\u00a0]+")
#: Where a phone number may start: "+", "0" or "(0" and then at least six more digits or
#: separators. (A plain character class first lets the regex engine scan quickly; what
#: may stand before the number is checked in phone_hints().)
PHONE_HINT = re.compile(r"[+(0][\d \-()\u00a0]{6,}")
NOT_BEFORE_A_NUMBER = re.compile(r"[\w.,/:+\-]")
#: An email address in the page text (the text, not the HTML): symbols before "@" and the domain.
EMAIL_LOCAL_SYMBOLS = "._%+-"
EMAIL_DOMAIN = re.compile(r"[\w-]+(?:\.[\w-]+)+")
#: A text that is mostly a phone number (the visible text of a tel: link).
MIN_PHONE_DIGITS = 7
#: How similar (difflib ratio) a number or address must be to a known one to name it.
CLOSE_ENOUGH = 0.8
DATA_FILE_NAME = "docs/_data/practice.yml"


@dataclass(frozen=True)
class Finding:
    """A contact-data problem, before it is placed in a source file."""

    kind: str
    detail: str
    message: str
    fix: str
    needles: tuple[str, ...]
    digits: str = ""


@dataclass
class KnownContacts:
    """The practice's phone numbers (E.164) and email addresses, with the data path of each."""

    phones: dict[str, str] = field(default_factory=dict)
    emails: dict[str, str] = field(default_factory=dict)
    allowed_phones: set[str] = field(default_factory=set)
    allowed_emails: set[str] = field(default_factory=set)
    #: Phone findings per line of text (headers and footers repeat on every page).
    line_findings: dict[str, list[Finding]] = field(default_factory=dict, repr=False)

    @classmethod
    def from_data(
        cls,
        phones: Iterable[tuple[tuple[str, ...], str]],
        emails: Iterable[tuple[tuple[str, ...], str]],
        allowed_phones: Iterable[str] = (),
        allowed_emails: Iterable[str] = (),
    ) -> KnownContacts:
        """Build from kirkas.practice's phones()/emails() and the mkdocs.yml allow-lists."""
        known = cls()
        for path, value in phones:
            e164 = to_e164(str(value))
            if e164:
                known.phones.setdefault(e164, ".".join(path))
        for path, value in emails:
            known.emails.setdefault(str(value).strip().lower(), ".".join(path))
        known.allowed_phones = {e164 for value in allowed_phones if (e164 := to_e164(str(value)))}
        known.allowed_emails = {str(value).strip().lower() for value in allowed_emails}
        return known

    def is_known_phone(self, e164: str) -> bool:
        """True for a number of the practice or an allowed one."""
        return e164 in self.phones or e164 in self.allowed_phones

    def is_known_email(self, address: str) -> bool:
        """True for an address of the practice or an allowed one."""
        return address.lower() in self.emails or address.lower() in self.allowed_emails

    def closest_phone(self, e164: str) -> str | None:
        """The known number a mistyped one probably meant (a digit off, swapped digits)."""
        match = difflib.get_close_matches(e164, list(self.phones), n=1, cutoff=CLOSE_ENOUGH)
        return match[0] if match else None

    def closest_email(self, address: str) -> str | None:
        """The known address a mistyped one probably meant."""
        address = address.lower()
        local, _at, domain = address.rpartition("@")
        best, best_ratio = None, 0.0
        for candidate in self.emails:
            known_local, _at, known_domain = candidate.rpartition("@")
            if known_domain == domain:  # same domain: the name before @ must be nearly the same
                ratio = difflib.SequenceMatcher(None, local, known_local).ratio()
                ratio = ratio if ratio >= CLOSE_ENOUGH else 0.0
            else:  # the domain mistyped: the whole address must be very close
                ratio = difflib.SequenceMatcher(None, address, candidate).ratio()
                ratio = ratio if ratio >= 0.9 else 0.0
            if ratio > best_ratio:
                best, best_ratio = candidate, ratio
        return best


def to_e164(text: str) -> str | None:
    """'+358 40 123 4567' or '040 123 4567' as '+358401234567'; None if not a valid number."""
    try:
        number = phonenumbers.parse(text, REGION)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, PhoneNumberFormat.E164)


def is_emergency_number(text: str) -> bool:
    """True for the emergency number (112 in Finland): a correct tel: link without a +."""
    return shortnumberinfo.is_emergency_number(text.strip(), REGION)


def readable(e164: str) -> str:
    """A known number as people read it, and as data: '040 123 4567 (+358401234567)'."""
    return f"{format_phone(e164, NATIONAL)} ({e164})"


def digits_of(text: str) -> str:
    """Only the digits of a text."""
    return "".join(character for character in text if character.isdigit())


def plus_trunk_zero(raw: str, subject: str | None = None) -> Finding:
    """'+020 766 3348': a plus followed by the national 0, which cannot be dialled."""
    raw = raw.strip()
    national = raw[1:].strip()
    international = "+358 " + national[1:].lstrip(" -")
    return Finding(
        kind="phone-plus-zero",
        detail=digits_of(raw),
        message=_(
            '{subject} has a "+" followed by 0. A number cannot start like that: nobody can '
            "call it from a mobile phone or from abroad.",
            subject=subject or _('The phone number "{number}"', number=raw),
        ),
        fix=_(
            'Write it either without the plus, "{national}", or in international form without '
            'the 0, "{international}". Better: use the data reference <!-- data: practice.phone '
            "--> (or the supervisor's phone) so it is always right.",
            national=national, international=international,
        ),
        needles=(raw,),
        digits=digits_of(raw),
    )


def unknown_phone(raw: str, e164: str, known: KnownContacts, *, subject: str | None = None) -> Finding:
    """A valid number that is not one of the practice's numbers (subject: how to name it)."""
    subject = subject or _('The phone number "{number}"', number=raw)
    closest = known.closest_phone(e164)
    if closest:
        message = _(
            "{subject} is not one of the practice's numbers. It is very close to {known} "
            "({path} in {file}): probably a typing mistake.",
            subject=subject, known=readable(closest), path=known.phones[closest], file=DATA_FILE_NAME,
        )
        fix = _(
            "Correct it to {known}, or better, replace it with the data reference "
            "<!-- data: {path} -->.",
            known=readable(closest), path=known.phones[closest],
        )
    else:
        message = _("{subject} is not in {file}, so it is not a number of the practice.",
                    subject=subject, file=DATA_FILE_NAME)
        fix = _(
            "Use a data reference such as <!-- data: practice.phone --> instead of writing the "
            "number. If the number really belongs on the site, add it to {file} (or to "
            "extra.guard.allowed_phones in mkdocs.yml if it is not the practice's).",
            file=DATA_FILE_NAME,
        )
    return Finding("unknown-phone", e164, message, fix, (raw,), digits_of(raw))


def invalid_phone(raw: str) -> Finding:
    """Text that looks like a phone number but is not a valid one."""
    return Finding(
        kind="invalid-phone",
        detail=digits_of(raw),
        message=_(
            '"{text}" in the text looks like a phone number but is not a valid Finnish or '
            "international number (a digit too many or too few?).",
            text=raw,
        ),
        fix=_(
            "Check the number. Write the practice's numbers with a data reference such as "
            "<!-- data: practice.phone --> so they cannot be mistyped."
        ),
        needles=(raw,),
        digits=digits_of(raw),
    )


def phone_findings_in_text(text: str, known: KnownContacts) -> Iterator[Finding]:
    """Every phone-number problem in a text: '+0…', invalid, unknown or mistyped numbers."""
    for line in phone_like_lines(text):
        cached = known.line_findings.get(line)
        if cached is None:
            cached = known.line_findings[line] = list(phone_findings_in_line(line, known))
        yield from cached


def phone_hints(text: str) -> Iterator[re.Match[str]]:
    """Phone-shaped runs of a text that start a word: '040 123…', '+358…', '(06) …'."""
    for hint in PHONE_HINT.finditer(text):
        start = hint.start()
        if start and NOT_BEFORE_A_NUMBER.match(text[start - 1]):
            continue
        if text[start] == "(" and not hint.group().startswith("(0"):
            continue
        yield hint


def phone_like_lines(text: str) -> Iterator[str]:
    """The lines of a text that contain something shaped like a phone number (a cheap filter)."""
    start = 0
    for hint in phone_hints(text):
        if hint.start() < start:
            continue
        line_start = text.rfind("\n", 0, hint.start()) + 1
        line_end = text.find("\n", hint.end())
        line_end = len(text) if line_end < 0 else line_end
        start = line_end
        yield text[line_start:line_end]


def phone_findings_in_line(text: str, known: KnownContacts) -> Iterator[Finding]:
    """Phone-number problems of one line of text (PhoneNumberMatcher plus the "+0" check).

    Phone-shaped text that PhoneNumberMatcher does not accept at all (a number far too
    long or short) is reported as an invalid number too.
    """
    covered: list[tuple[int, int]] = []
    for match in PLUS_TRUNK_ZERO.finditer(text):
        covered.append(match.span())
        yield plus_trunk_zero(match.group())
    for match in PhoneNumberMatcher(text, REGION, leniency=Leniency.POSSIBLE):
        raw = match.raw_string.strip()
        span = (match.start, match.end)
        if overlaps(span, covered) or not looks_like_phone(raw):
            continue
        covered.append(span)
        number = match.number
        if not phonenumbers.is_valid_number(number):
            yield invalid_phone(raw)
            continue
        e164 = phonenumbers.format_number(number, PhoneNumberFormat.E164)
        if not known.is_known_phone(e164):
            yield unknown_phone(raw, e164, known)
    for hint in phone_hints(text):
        raw = hint.group().rstrip(" -(\u00a0")
        if raw.count("(") != raw.count(")"):
            raw = raw.rstrip(")")
        if overlaps(hint.span(), covered) or not looks_like_phone(raw):
            continue
        if to_e164(raw) is None and not is_emergency_number(raw):
            yield invalid_phone(raw)


def overlaps(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    """True when a text span overlaps one of the spans."""
    return any(span[0] < end and start < span[1] for start, end in spans)


def looks_like_phone(raw: str) -> bool:
    """True for '040 123 4567', '+358 6 123 4567', '(06) 123 4567'; not dates, times, IDs."""
    if not PHONE_SHAPE.fullmatch(raw) or len(digits_of(raw)) < MIN_PHONE_DIGITS:
        return False
    return raw.startswith(("+", "0", "(0"))


def email_findings(address: str, *, subject: str, needles: tuple[str, ...]) -> Iterator[Finding]:
    """Syntax (email-validator, no network) of one address (subject: how to name it)."""
    try:
        validate_email(address, check_deliverability=False, test_environment=True)
    except EmailNotValidError as error:
        yield Finding(
            kind="invalid-email",
            detail=address.lower(),
            message=_("{subject} is not a valid address: {error}", subject=subject, error=error),
            fix=_(
                "Correct the address, or better, use the data reference "
                "<!-- data: practice.email --> (or a supervisor's email) instead of typing it."
            ),
            needles=needles,
        )


def _unknown_email(address: str, known: KnownContacts, *, subject: str, needles: tuple[str, ...]) -> Finding:
    """An address that is not one of the practice's (with the one it probably meant)."""
    closest = known.closest_email(address)
    if closest:
        message = _(
            "{subject} is not one of the practice's addresses. It is very close to {known} "
            "({path} in {file}): probably a typing mistake.",
            subject=subject, known=closest, path=known.emails[closest], file=DATA_FILE_NAME,
        )
        fix = _("Correct it to {known}, or better, use <!-- data: {path} -->.",
                known=closest, path=known.emails[closest])
    else:
        message = _("{subject} is not in {file}, so it is not an address of the practice.",
                    subject=subject, file=DATA_FILE_NAME)
        fix = _(
            "Use a data reference such as <!-- data: practice.email --> instead. If the address "
            "really belongs on the site, add it to {file} (or to extra.guard.allowed_emails in "
            "mkdocs.yml if it is not the practice's).",
            file=DATA_FILE_NAME,
        )
    return Finding("unknown-email", address.lower(), message, fix, needles)


def check_email(address: str, known: KnownContacts, *, subject: str, needles: tuple[str, ...]) -> list[Finding]:
    """Problems of one address: invalid syntax, or not the practice's."""
    if known.is_known_email(address):
        return []
    findings = list(email_findings(address, subject=subject, needles=needles))
    if not findings:
        findings.append(_unknown_email(address, known, subject=subject, needles=needles))
    return findings


def text_findings(text: str, known: KnownContacts) -> list[Finding]:
    """All contact-data problems of a page text."""
    findings = list(phone_findings_in_text(text, known))
    for address in emails_in(text):
        subject = _('The email address "{address}" in the text', address=address)
        findings.extend(check_email(address, known, subject=subject, needles=(address,)))
    return findings


def emails_in(text: str) -> Iterator[str]:
    """Email-like words of a text, found from each "@" outwards (linear in the text)."""
    at = text.find("@")
    while at != -1:
        start = at
        while start > 0 and (text[start - 1].isalnum() or text[start - 1] in EMAIL_LOCAL_SYMBOLS):
            start -= 1
        domain = EMAIL_DOMAIN.match(text, at + 1)
        if start < at and domain:
            yield text[start:domain.end()].rstrip(".")
        at = text.find("@", at + 1)


def check_tel_link(href: str, link_text: str, known: KnownContacts) -> list[Finding]:
    """A tel: link: E.164, valid, the practice's, and showing the number it calls."""
    target = unquote(href[len("tel:"):]).strip()
    needles = (href, target, link_text)
    if target.startswith("+0") or target.startswith("+ 0"):
        finding = plus_trunk_zero(target, _('The number "{number}" of a phone link', number=target))
        return [Finding(finding.kind, finding.detail, finding.message, finding.fix, needles, finding.digits)]
    if is_emergency_number(target):
        return []
    e164 = to_e164(target)
    if e164 is None:
        return [Finding(
            "invalid-phone", digits_of(target),
            _('The phone link "{href}" does not call a valid phone number.', href=href),
            _("Use the data reference <!-- data: practice.phone --> (or a supervisor's phone); "
              "it writes the link correctly."),
            needles, digits_of(target),
        )]
    findings = []
    if target != e164:
        findings.append(Finding(
            "tel-not-e164", href,
            _('The phone link "{href}" is not in international form (E.164): phones abroad and '
              "some phones at home cannot call it.", href=href),
            _('Write the link as "tel:{e164}" (plus sign, country code, no 0, no spaces), or use '
              "a data reference such as <!-- data: practice.phone -->.", e164=e164),
            needles, digits_of(target),
        ))
    if not known.is_known_phone(e164):
        findings.append(unknown_phone(target, e164, known, subject=_(
            'The number "{number}" of the phone link "{href}"', number=target, href=href)))
    if len(digits_of(link_text)) >= MIN_PHONE_DIGITS:
        shown = to_e164(link_text)
        if shown != e164:
            findings.append(Finding(
                "tel-text-mismatch", f"{link_text}|{e164}",
                _('The phone link shows "{text}" but calls {number}: a visitor who taps it '
                  "reaches a different number than the one they read.",
                  text=link_text.strip(), number=readable(e164)),
                _("Make the text and the link the same number: use a data reference such as "
                  "<!-- data: practice.phone -->, which writes both from the data file."),
                (link_text.strip(), href), digits_of(link_text),
            ))
    return findings


def check_mailto_link(href: str, link_text: str, known: KnownContacts) -> list[Finding]:
    """A mailto: link: valid addresses of the practice, showing the address it writes to."""
    addresses = [unquote(part).strip() for part in urlsplit(href).path.split(",") if part.strip()]
    needles = (href, link_text.strip())
    if not addresses:
        return [Finding(
            "invalid-email", href, _('The email link "{href}" has no address.', href=href),
            _("Use the data reference <!-- data: practice.email -->."), needles,
        )]
    findings = []
    for address in addresses:
        subject = _('The address "{address}" of the email link "{href}"', address=address, href=href)
        findings.extend(check_email(address, known, subject=subject, needles=(address, *needles)))
    shown = link_text.strip()
    if "@" in shown and shown.lower() not in {address.lower() for address in addresses}:
        findings.append(Finding(
            "mailto-text-mismatch", f"{shown}|{href}",
            _('The email link shows "{text}" but writes to {addresses}.',
              text=shown, addresses=", ".join(addresses)),
            _("Make the text and the link the same address: use a data reference such as "
              "<!-- data: practice.email -->."),
            (shown, href),
        ))
    return findings
