"""Load and check the practice's data file, docs/_data/practice.yml.

The file is the single source of truth for contact data, prices, the VAT rate and
the supervisors. This module is the one place that reads it; hooks/practice_data.py
renders it into the pages and other checks (the build guard) import it too::

    from kirkas.practice import load_practice

    practice = load_practice(config_dir, docs_dir, languages)   # languages: default first
    for problem in practice.errors:            # DataProblem(file, line, message, fix)
        REPORT.add(from_source(problem, "data-file"))   # kirkas.problems: the build's report
    practice.phones()                          # [(DataPath, "+358401234567"), ...]
    practice.emails()                          # [(DataPath, "info@example.fi"), ...]
    practice.get("services.individual.prices.meeting.net")   # the number as written
    practice.line_of("practice.phone")         # 31

Problems are collected, never raised: every problem of the file is reported in one
run, each with the YAML line, what is wrong and how to fix it, in the owner's language
(kirkas.messages: the messages are made when the file is loaded).
"""

from __future__ import annotations

import datetime
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import phonenumbers
import yaml
from email_validator import EmailNotValidError, validate_email

from kirkas import messages
from kirkas.formatting import to_decimal
from kirkas.messages import _, ngettext
from kirkas.sources import DataPath, SourceProblem, dotted, key_lines, node_lines, not_yaml

#: Where the data file lives, relative to the docs folder.
DATA_FILE = "_data/practice.yml"

# What the file must contain. "text" = any non-empty text, "texts" = a language map
# with exactly the site's languages (plugins.i18n.languages in mkdocs.yml); the other
# kinds are checked by the functions below.
PRACTICE_FIELDS = {
    "practice.legal_name": "text",
    "practice.business_id": "business_id",
    "practice.address.street": "text",
    "practice.address.postal_code": "postal_code",
    "practice.address.city": "texts",
    "practice.address.country": "text",
    "practice.email": "email",
    "practice.phone": "phone",
    "practice.quote_contact": "quote_contact",
    "practice.languages": "languages",
    "practice.area_served": "texts",
    "association.name": "texts",
    "association.short": "text",
    "association.url": "url",
    "vat.rate": "percent",
    "vat.since": "date",
    "travel.per_km": "money",
}
#: Fields that may be left out; when given, they are checked like the others.
OPTIONAL_FIELDS = {
    "practice.languages_on_request": "languages_or_none",
    # The sectors the practice works with, a short list per language (home page's trust band).
    "practice.sectors": "text_lists",
    # What clients say: [{quote: {fi: …}, source: {fi: …}}, …] (home page, when given).
    "references": "references",
}
SUPERVISOR_FIELDS = {
    "name": "text",
    "page": "page",
    "photo": "asset",
    "title": "texts",
    "email": "email",
    "phone": "phone",
    "languages": "languages",
    "supervising_since": "year",
}
#: Supervisor fields that may be left out.
OPTIONAL_SUPERVISOR_FIELDS = {
    # A personal member of the association (association: in the data file); counted on the home page.
    "association_member": "yes_no",
}
SERVICE_FIELDS = {"page": "page", "name": "texts", "format": "texts", "prices": "mapping"}
OPTIONAL_SERVICE_FIELDS = {
    # Who leads the service (supervisor ids): shown in the service page's side card.
    "leads": "supervisor_ids",
    "urgent": "yes_no",
    "first_meeting_within_working_days": "count",
    "group_size": "group_size",
}
PRICE_FIELDS = {"net": "money", "unit": "texts"}
#: Weights of the Finnish business ID (Y-tunnus) check digit, digit by digit.
BUSINESS_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2)
_MISSING = object()
_RAISE = object()


#: A problem of the data file (file, line, message, fix); the same for every owner file.
DataProblem = SourceProblem


def business_id_check_digit(first_seven_digits: str) -> int | None:
    """The Y-tunnus check digit of seven digits (modulo 11); None if no valid one exists."""
    remainder = sum(int(d) * w for d, w in zip(first_seven_digits, BUSINESS_ID_WEIGHTS)) % 11
    if remainder == 1:
        return None
    return 0 if remainder == 0 else 11 - remainder


@dataclass
class Practice:
    """The loaded data file with the line of every value and the problems found."""

    data: dict[str, Any]
    source: Path
    display_name: str
    #: The site's languages, default first: every language map must have exactly these.
    languages: list[str] = field(default_factory=list)
    lines: dict[DataPath, int] = field(default_factory=dict)
    #: Line of each key ("practice.legal_name" -> its key's line): where a missing child is reported.
    key_lines: dict[DataPath, int] = field(default_factory=dict)
    errors: list[DataProblem] = field(default_factory=list)

    # --- reading -------------------------------------------------------------
    def get(self, path: str | DataPath, default: Any = _RAISE) -> Any:
        """The value at a dotted path; KeyError (or default) when it does not exist."""
        keys = tuple(path.split(".")) if isinstance(path, str) else path
        value: Any = self.data
        for key in keys:
            if isinstance(value, dict) and key in value:
                value = value[key]
            elif isinstance(value, list) and key.isdigit() and int(key) < len(value):
                value = value[int(key)]
            else:
                if default is _RAISE:
                    raise KeyError(dotted(keys))
                return default
        return value

    def line_of(self, path: str | DataPath) -> int:
        """Line of a value in the file; for a missing value, the line of its closest existing parent's key."""
        keys = tuple(path.split(".")) if isinstance(path, str) else path
        if keys in self.lines:
            return self.lines[keys]
        while keys and keys not in self.key_lines:
            keys = keys[:-1]
        return self.key_lines.get(keys, 1)

    def phones(self) -> list[tuple[DataPath, str]]:
        """Every phone number of the file (E.164 text) with its path."""
        return [(path, value) for path, value in self._leaves() if path[-1] == "phone"]

    def emails(self) -> list[tuple[DataPath, str]]:
        """Every email address of the file with its path."""
        return [(path, value) for path, value in self._leaves() if path[-1] == "email"]

    def net_prices(self) -> list[tuple[DataPath, Decimal]]:
        """Every net price (services.*.prices.*.net and travel.per_km) as Decimal."""
        found = [
            (("services", service_id, "prices", price_id, "net"), to_decimal(price["net"]))
            for service_id, service in self.services().items()
            for price_id, price in (service.get("prices") or {}).items()
            if isinstance(price, dict) and _is_number(price.get("net"))
        ]
        per_km = self.get("travel.per_km", None)
        if _is_number(per_km):
            found.append((("travel", "per_km"), to_decimal(per_km)))
        return found

    @property
    def vat_rate(self) -> Decimal:
        """The VAT rate in percent, e.g. Decimal('24')."""
        return to_decimal(self.get("vat.rate"))

    def supervisors(self) -> dict[str, dict[str, Any]]:
        """Supervisors by id ('aino', ...), in file order."""
        value = self.data.get("supervisors")
        return value if isinstance(value, dict) else {}

    def services(self) -> dict[str, dict[str, Any]]:
        """Services by id ('individual', ...), in file order."""
        value = self.data.get("services")
        return value if isinstance(value, dict) else {}

    def _leaves(self, value: Any = _MISSING, path: DataPath = ()) -> Iterator[tuple[DataPath, Any]]:
        """(path, value) of every scalar of the file."""
        value = self.data if value is _MISSING else value
        if isinstance(value, dict):
            for key, item in value.items():
                yield from self._leaves(item, (*path, str(key)))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                yield from self._leaves(item, (*path, str(index)))
        else:
            yield path, value

    # --- checking ------------------------------------------------------------
    def problem(self, path: str | DataPath, message: str, fix: str = "") -> None:
        """Record a problem at the line of a value: what is wrong and how to fix it."""
        self.errors.append(DataProblem(self.display_name, self.line_of(path), message, fix))

    def validate(self) -> None:
        """Check every required field and every value's form; collect the problems."""
        for path, kind in PRACTICE_FIELDS.items():
            self._check(tuple(path.split(".")), kind)
        for path, kind in OPTIONAL_FIELDS.items():
            if self.get(path, _MISSING) is not _MISSING:
                self._check(tuple(path.split(".")), kind)
        for group, fields in (("supervisors", SUPERVISOR_FIELDS), ("services", SERVICE_FIELDS)):
            items = self.data.get(group)
            if not isinstance(items, dict) or not items:
                self.problem((group,), _("'{name}' is missing or empty.", name=group),
                             _("Add at least one entry (see docs/_ohjeet/OPAS.md)."))
                continue
            for item_id, item in items.items():
                if not isinstance(item, dict):
                    self.problem((group, item_id),
                                 _("'{name}' must be a set of fields, not a single value.",
                                   name=f"{group}.{item_id}"),
                                 _("Write its fields on indented lines below it."))
                    continue
                for name, kind in fields.items():
                    self._check((group, item_id, name), kind)
        for supervisor_id, supervisor in self.supervisors().items():
            if not isinstance(supervisor, dict):
                continue
            for name, kind in OPTIONAL_SUPERVISOR_FIELDS.items():
                if name in supervisor:
                    self._check(("supervisors", supervisor_id, name), kind)
        for service_id, service in self.services().items():
            if not isinstance(service, dict):
                continue
            for name, kind in OPTIONAL_SERVICE_FIELDS.items():
                if name in service:
                    self._check(("services", service_id, name), kind)
            prices = service.get("prices")
            if not isinstance(prices, dict):
                continue
            for price_id, price in prices.items():
                base = ("services", service_id, "prices", price_id)
                if not isinstance(price, dict):
                    self.problem(base, _("'{name}' must have the fields net and unit.", name=dotted(base)),
                                 _("Write net: and unit: on indented lines below it."))
                    continue
                for name, kind in PRICE_FIELDS.items():
                    self._check((*base, name), kind)
                if "from" in price and not isinstance(price["from"], bool):
                    self.problem((*base, "from"), *_check_yes_no(price["from"], self, (*base, "from")))
        from kirkas.brand import validate_brand  # the brand section has its own module

        validate_brand(self)

    def _check(self, path: DataPath, kind: str) -> None:
        """Check one field for presence and form."""
        value = self.get(path, _MISSING)
        name = dotted(path)
        if value is _MISSING or value is None or value == "":
            self.problem(path, _("'{name}' is missing.", name=name),
                         _("Add it to {file} (see docs/_ohjeet/OPAS.md for the format).", file=self.display_name))
            return
        finding = CHECKS[kind](value, self, path)
        if finding:
            self.problem(path, *finding)

    # --- reading, language by language -------------------------------------------
    def quote_contact(self, language: str) -> str | None:
        """The supervisor id who answers quote requests in a language (None if not set)."""
        value = self.get("practice.quote_contact", None)
        if isinstance(value, dict):
            value = value.get(language)
        return value if isinstance(value, str) and value in self.supervisors() else None

    def leads(self, service_id: str) -> list[str]:
        """Ids of the supervisors who lead a service (``services.<id>.leads``), in the file's order."""
        value = self.services().get(service_id, {}).get("leads")
        if not isinstance(value, list):
            return []
        return [item for item in value if isinstance(item, str) and item in self.supervisors()]

    def association_members(self) -> list[str]:
        """Ids of the supervisors marked ``association_member: true``."""
        return [supervisor_id for supervisor_id, supervisor in self.supervisors().items()
                if isinstance(supervisor, dict) and supervisor.get("association_member") is True]

    def references(self) -> list[dict[str, Any]]:
        """The client references (``references:``), an empty list when there are none."""
        value = self.data.get("references")
        return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []

    def urgent_services(self) -> list[str]:
        """Ids of the services marked ``urgent: true`` (their pages put the phone first)."""
        return [service_id for service_id, service in self.services().items()
                if isinstance(service, dict) and service.get("urgent") is True]


def _is_number(value: Any) -> bool:
    """True for an int, float or Decimal (not a bool, not text)."""
    return isinstance(value, (int, float, Decimal)) and not isinstance(value, bool)


#: What a check of one field finds: (what is wrong, how to fix it), or None.
Finding = tuple[str, str] | None


def _check_text(value: Any, practice: Practice, path: DataPath = ()) -> Finding:
    """Non-empty text (numbers are accepted as text)."""
    if isinstance(value, (dict, list)):
        return (_("'{name}' must be a single text on one line, not a list or several fields.",
                  name=dotted(path)),
                _("Write the text after the colon, on the same line."))
    return None


def _unknown_language(practice: Practice, path: DataPath, key: str) -> None:
    """A key of a language map that is not a language of the site."""
    practice.problem(
        path,
        _("'{name}': '{key}' is not a language of the site; its languages are {languages} "
          "(plugins.i18n.languages in mkdocs.yml).",
          name=dotted(path), key=key, languages=", ".join(practice.languages)),
        _("Correct the language code, or remove the line."),
    )


def _check_texts(value: Any, practice: Practice, path: DataPath = ()) -> Finding:
    """A language map with exactly the site's languages (plugins.i18n.languages in mkdocs.yml)."""
    languages = practice.languages
    if not isinstance(value, dict):
        return (_("'{name}' must be given in every language of the site (now {value}).",
                  name=dotted(path), value=repr(value)),
                _("Write it on indented lines below the key, one per language: {lines}.",
                  lines=", ".join(f"{lang}: …" for lang in languages)))
    for key in value:
        if key not in languages:
            _unknown_language(practice, (*path, str(key)), str(key))
    missing = [lang for lang in languages if value.get(lang) in (None, "")]
    if missing:
        return (_("'{name}': the text is missing in {languages}.", name=dotted(path), languages=", ".join(missing)),
                ngettext("Add the line {lines} with the text in that language.",
                         "Add the lines {lines} with the text in those languages.", len(missing),
                         lines=", ".join(f"'{lang}: …'" for lang in missing)))
    return None


def _check_phone(value: Any, practice: Practice, path: DataPath = ()) -> Finding:
    """A valid Finnish phone number written in E.164 ('+358401234567')."""
    name = dotted(path)
    if not isinstance(value, str):
        return (_("'{name}': the phone number was read as the number {value}, without its +.",
                  name=name, value=repr(value)),
                _("Write the phone number in quotes, e.g. \"+358401234567\"."))
    try:
        number = phonenumbers.parse(value, "FI")
    except phonenumbers.NumberParseException as error:
        return (_("'{name}': '{value}' is not a phone number ({error}).", name=name, value=value, error=error),
                _("Write it like \"+358401234567\"."))
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    if not phonenumbers.is_valid_number(number) or phonenumbers.region_code_for_number(number) != "FI":
        return (_("'{name}': '{value}' is not a valid Finnish phone number.", name=name, value=value),
                _("Write it with the country code and without the leading 0 of the area code, e.g. "
                  "\"+358401234567\" for 040 123 4567."))
    if value != e164:
        return (_("'{name}': \"{value}\" is not written in international form without spaces or dashes.",
                  name=name, value=value),
                _("Write \"{e164}\". The pages show the number grouped for reading by themselves.",
                  e164=e164))
    return None


def _check_email(value: Any, practice: Practice, path: DataPath = ()) -> Finding:
    """A syntactically valid email address."""
    try:
        validate_email(str(value), check_deliverability=False)
    except EmailNotValidError as error:
        return (_("'{name}': '{value}' is not a valid email address: {error}",
                  name=dotted(path), value=value, error=error),
                _("Write it like info@example.fi."))
    return None


def _check_business_id(value: Any, practice: Practice, path: DataPath = ()) -> Finding:
    """A Finnish business ID (Y-tunnus) 1234567-8 with a correct check digit."""
    text = str(value).strip()
    name = dotted(path)
    if not re.fullmatch(r"\d{7}-\d", text):
        return (_("'{name}': '{value}' is not a business ID (Y-tunnus).", name=name, value=text),
                _("Write seven digits, a dash and the check digit, e.g. 3141593-8, as on the trade "
                  "register extract (ytj.fi)."))
    expected = business_id_check_digit(text[:7])
    if expected is None or int(text[-1]) != expected:
        if expected is None:
            message = _("'{name}': the check digit of business ID {value} is wrong (no check digit is "
                        "possible for these seven digits).", name=name, value=text)
        else:
            message = _("'{name}': the check digit of business ID {value} is wrong (the check digit "
                        "for {digits} would be {expected}).",
                        name=name, value=text, digits=text[:7], expected=expected)
        return message, _("Copy the Y-tunnus exactly from ytj.fi.")
    return None


def _check_postal_code(value: Any, practice: Practice, path: DataPath = ()) -> Finding:
    """Five digits, in quotes."""
    if not isinstance(value, str) or not re.fullmatch(r"\d{5}", value):
        return (_("'{name}': a postal code is five digits in quotes (now {value}).",
                  name=dotted(path), value=repr(value)),
                _("Write it like \"65100\". Without quotes YAML would drop leading zeros (00100)."))
    return None


def _check_percent(value: Any, practice: Practice, path: DataPath = ()) -> Finding:
    """A number between 0 and 100, with a decimal point."""
    if not _is_number(value) or not 0 <= value <= 100:
        return (_("'{name}': the VAT rate must be a number of per cent between 0 and 100 (now {value}).",
                  name=dotted(path), value=repr(value)),
                _("Write the number with a decimal point and without the per cent sign, e.g. 24 or 10.5."))
    return None


def _check_money(value: Any, practice: Practice, path: DataPath = ()) -> Finding:
    """A non-negative number of euros."""
    if not _is_number(value) or value < 0:
        return (_("'{name}': a price must be a number of euros (now {value}).",
                  name=dotted(path), value=repr(value)),
                _("Write the price without VAT, without the € sign, with a decimal point: 95 or 0.45."))
    return None


def _check_date(value: Any, practice: Practice, path: DataPath = ()) -> Finding:
    """A date written YYYY-MM-DD."""
    if not isinstance(value, datetime.date):
        return (_("'{name}' is not a date (now {value}).", name=dotted(path), value=repr(value)),
                _("Write the date as YYYY-MM-DD, e.g. 2024-09-01."))
    return None


def _check_year(value: Any, practice: Practice, path: DataPath = ()) -> Finding:
    """A four-digit year."""
    if not isinstance(value, int) or isinstance(value, bool) or not 1950 <= value <= 2100:
        return (_("'{name}' is not a year (now {value}).", name=dotted(path), value=repr(value)),
                _("Write a year with four digits, e.g. 2012."))
    return None


def _check_languages(value: Any, practice: Practice, path: DataPath = ()) -> Finding:
    """A list of two-letter language codes."""
    if not isinstance(value, list) or not value or not all(
        isinstance(code, str) and re.fullmatch(r"[a-z]{2}", code) for code in value
    ):
        return (_("'{name}' is not a list of language codes (now {value}).", name=dotted(path), value=repr(value)),
                _("Write a list of two-letter language codes, e.g. [fi, sv]."))
    return None


def _check_languages_or_none(value: Any, practice: Practice, path: DataPath = ()) -> Finding:
    """A list of two-letter language codes that may be empty (an optional list)."""
    if value == []:
        return None
    return _check_languages(value, practice, path)


def _check_supervisor_id(value: Any, practice: Practice, path: DataPath = ()) -> Finding:
    """The id of one of the supervisors."""
    if value not in practice.supervisors():
        message = _("'{name}': '{value}' is not a supervisor id.", name=dotted(path), value=value)
        if not practice.supervisors():
            return message, _("Add the supervisor under supervisors: first, then write their id here.")
        return message, _("Use one of: {known}.", known=", ".join(practice.supervisors()))
    return None


def _check_quote_contact(value: Any, practice: Practice, path: DataPath = ()) -> Finding:
    """One supervisor id, or a map language -> supervisor id with every site language."""
    if not isinstance(value, dict):
        return _check_supervisor_id(value, practice, path)
    for key, supervisor in value.items():
        if key not in practice.languages:
            _unknown_language(practice, (*path, str(key)), str(key))
            continue
        finding = _check_supervisor_id(supervisor, practice, (*path, str(key)))
        if finding:
            practice.problem((*path, str(key)), *finding)
    missing = [lang for lang in practice.languages if lang not in value]
    if missing:
        return (_("'{name}': the quote contact is missing for {languages}.",
                  name=dotted(path), languages=", ".join(missing)),
                _("Write one supervisor id for all quote requests (e.g. quote_contact: {example}) or "
                  "one per language.", example=next(iter(practice.supervisors()), "ID")))
    return None


def _check_supervisor_ids(value: Any, practice: Practice, path: DataPath = ()) -> Finding:
    """A list of supervisor ids, each once."""
    known = ", ".join(practice.supervisors()) or "-"
    if not isinstance(value, list) or not value:
        return (_("'{name}' must be a list of supervisor ids (now {value}).", name=dotted(path), value=repr(value)),
                _("Write e.g. [{example}]. The ids are: {known}.",
                  example=next(iter(practice.supervisors()), "ID"), known=known))
    for index, item in enumerate(value):
        if item not in practice.supervisors():
            practice.problem((*path, str(index)),
                             _("'{field}': '{value}' is not a supervisor id.", field=dotted(path), value=item),
                             _("Use one of: {known}.", known=known))
    doubled = sorted({str(item) for item in value if value.count(item) > 1})
    if doubled:
        return (_("'{name}': '{ids}' is listed twice.", name=dotted(path), ids=", ".join(doubled)),
                _("Name each supervisor once."))
    return None


def _check_text_lists(value: Any, practice: Practice, path: DataPath = ()) -> Finding:
    """A language map whose every language is a list of short texts."""
    finding = _check_texts(value, practice, path)
    if finding or not isinstance(value, dict):
        return finding
    for language, items in value.items():
        if not isinstance(items, list) or not items or not all(
                isinstance(item, str) and item.strip() for item in items):
            where = (*path, str(language))
            practice.problem(where,
                             _("'{field}' must be a list of short texts (now {value}).",
                               field=dotted(where), value=repr(items)),
                             _("Write them in square brackets, e.g. [schools, health care]."))
    return None


def _check_references(value: Any, practice: Practice, path: DataPath = ()) -> Finding:
    """A list of client references, each with a quote and its source in every language."""
    if not isinstance(value, list) or not value:
        return (_("'{name}' must be a list of references (now {value}).", name=dotted(path), value=repr(value)),
                _("Start each with '- quote:' followed by 'source:', both in every language (see the "
                  "commented example in the file); or remove 'references:' when there are none."))
    for index, item in enumerate(value):
        where = (*path, str(index))
        if not isinstance(item, dict):
            practice.problem(where,
                             _("'{field}': a reference is not a single value.", field=dotted(where)),
                             _("Give it the fields quote and source, in every language."))
            continue
        for name in ("quote", "source"):
            practice._check((*where, name), "texts")
        unknown = sorted(str(key) for key in item if key not in ("quote", "source"))
        if unknown:
            practice.problem(where,
                             _("'{field}': unknown field(s) {fields}.", field=dotted(where), fields=", ".join(unknown)),
                             _("A reference has only quote and source: correct the name, or remove the line."))
    return None


def _check_yes_no(value: Any, practice: Practice, path: DataPath = ()) -> str | None:
    """true or false."""
    if not isinstance(value, bool):
        return (_("'{name}' must be true or false (now {value}).", name=dotted(path), value=repr(value)),
                _("Write true or false."))
    return None


def _check_count(value: Any, practice: Practice, path: DataPath = ()) -> Finding:
    """A whole number, at least 1."""
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        return (_("'{name}' must be a whole number, at least 1 (now {value}).",
                  name=dotted(path), value=repr(value)),
                _("Write a whole number without quotes, e.g. 3."))
    return None


def _check_group_size(value: Any, practice: Practice, path: DataPath = ()) -> Finding:
    """{min: …, max: …}: whole numbers, min at most max."""
    if not isinstance(value, dict):
        return (_("'{name}' must give the smallest and the largest group (now {value}).",
                  name=dotted(path), value=repr(value)),
                _("Write it like {example}.", example="{min: 3, max: 6}"))
    for key in ("min", "max"):
        if not isinstance(value.get(key), int) or isinstance(value.get(key), bool):
            practice.problem((*path, key), *_check_count(value.get(key), practice, (*path, key)))
            return None
    if value["min"] > value["max"]:
        return (_("'{name}': min ({min}) is larger than max ({max}).",
                  name=dotted(path), min=value["min"], max=value["max"]),
                _("Write the smallest group size as min and the largest as max."))
    return None


def _check_url(value: Any, practice: Practice, path: DataPath = ()) -> Finding:
    """An https address."""
    if not isinstance(value, str) or not re.fullmatch(r"https?://[^\s]+", value):
        return (_("'{name}' is not a full web address (now {value}).", name=dotted(path), value=repr(value)),
                _("Write the whole address, starting with https://, e.g. https://www.example.fi/."))
    return None


def _check_page(value: Any, practice: Practice, path: DataPath = ()) -> Finding:
    """A Markdown file path inside docs/ (existence is checked when pages are built)."""
    if not isinstance(value, str) or not value.endswith(".md") or value.startswith("/"):
        return (_("'{name}' is not the file name of a page (now {value}).", name=dotted(path), value=repr(value)),
                _("Write the page's file name inside docs/, e.g. services/crisis.md."))
    docs_dir = practice.source.parent.parent
    if not (docs_dir / value).is_file():
        return (_("'{name}': the page docs/{page} does not exist.", name=dotted(path), page=value),
                _("Create the page, or correct the file name."))
    return None


def _check_asset(value: Any, practice: Practice, path: DataPath = ()) -> Finding:
    """An image file inside docs/ (e.g. assets/images/aino-lehtonen.svg)."""
    if not isinstance(value, str) or value.startswith("/"):
        return (_("'{name}' is not the name of a file inside docs/ (now {value}).",
                  name=dotted(path), value=repr(value)),
                _("Write the file name inside docs/, e.g. assets/images/photo.jpg."))
    if not (practice.source.parent.parent / value).is_file():
        return (_("'{name}': the file docs/{file} does not exist.", name=dotted(path), file=value),
                _("Add the image, or correct the file name."))
    return None


def _check_mapping(value: Any, practice: Practice, path: DataPath = ()) -> Finding:
    """A set of indented fields."""
    if not isinstance(value, dict) or not value:
        return (_("'{name}' must contain at least one entry.", name=dotted(path)),
                _("Write the entries on indented lines below it."))
    return None


CHECKS = {
    "text": _check_text,
    "texts": _check_texts,
    "phone": _check_phone,
    "email": _check_email,
    "business_id": _check_business_id,
    "postal_code": _check_postal_code,
    "percent": _check_percent,
    "money": _check_money,
    "date": _check_date,
    "year": _check_year,
    "languages": _check_languages,
    "supervisor_id": _check_supervisor_id,
    "supervisor_ids": _check_supervisor_ids,
    "text_lists": _check_text_lists,
    "references": _check_references,
    "quote_contact": _check_quote_contact,
    "languages_or_none": _check_languages_or_none,
    "yes_no": _check_yes_no,
    "count": _check_count,
    "group_size": _check_group_size,
    "url": _check_url,
    "page": _check_page,
    "asset": _check_asset,
    "mapping": _check_mapping,
}


def load_practice_file(path: Path, display_name: str | None = None, languages: list[str] | None = None) -> Practice:
    """Read and check one data file; problems are in .errors, never raised.

    languages are the site's languages, default first (every text is given in each).
    """
    shown = display_name or str(path)
    languages = list(languages or [])

    def failed(line: int, message: str, fix: str) -> Practice:
        practice = Practice({}, path, shown, languages)
        practice.errors.append(DataProblem(shown, line, message, fix))
        return practice

    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        return failed(1, _("The data file cannot be read: {error}", error=error),
                      _("Check that docs/_data/practice.yml exists and is saved as text (UTF-8)."))
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        return failed(mark.line + 1 if mark else 1, *not_yaml(error))
    if not isinstance(data, dict):
        return failed(1, _("The file is empty or not a set of fields."),
                      _("Write its sections (practice:, supervisors:, services: …) as described in "
                        "docs/_ohjeet/OPAS.md."))
    practice = Practice(data, path, shown, languages, lines=dict(node_lines(root)) if root else {},
                        key_lines=dict(key_lines(root)) if root else {})
    practice.validate()
    return practice


_cache: dict[tuple[Any, ...], Practice] = {}
#: Files the data file names whose content is checked too (the brand's logo and favicon).
BRAND_DIR = "assets/brand"


def load_practice(
    config_dir: str | os.PathLike[str],
    docs_dir: str | os.PathLike[str] | None = None,
    languages: list[str] | None = None,
) -> Practice:
    """Load docs/_data/practice.yml of a project (cached until the file changes).

    config_dir is the folder of mkdocs.yml; docs_dir defaults to config_dir/docs;
    languages (default first) default to those of config_dir/mkdocs.yml. Problems are
    reported in the returned Practice's .errors with file and line.
    """
    if languages is None:
        from kirkas.siteconfig import load_site_config

        site = load_site_config(Path(config_dir) / "mkdocs.yml")
        languages = site.languages
        docs_dir = docs_dir or site.docs_dir
    docs = Path(docs_dir) if docs_dir else Path(config_dir) / "docs"
    path = (docs / DATA_FILE).resolve()
    try:
        display = "docs/" + DATA_FILE if docs.resolve() == (Path(config_dir) / "docs").resolve() \
            else os.path.relpath(path, Path(config_dir))
    except OSError:
        display = str(path)
    brand_dir = docs / BRAND_DIR
    stamp = tuple(
        (str(file), file.stat().st_mtime_ns)
        for file in [path, *(sorted(brand_dir.iterdir()) if brand_dir.is_dir() else [])]
        if file.exists()
    )
    key = (path, tuple(languages), stamp, messages.current_language())
    cached = _cache.get(key)
    if cached is not None and path.exists():
        return cached
    practice = load_practice_file(path, display, list(languages))
    _cache.clear()
    _cache[key] = practice
    return practice
