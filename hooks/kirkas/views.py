"""Template-ready views of the practice data for one page language.

The Jinja partials in overrides/partials/kirkas/ get plain dicts with text that is
already formatted for the page's locale (money, phone numbers, language names),
so a designer can restyle them without knowing the data file's structure. The
interface words around the data (table headers, "from 2 345 €") are the templates'
own, from the words file of the language (kirkas.words).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

from kirkas import formatting
from kirkas.practice import Practice
from kirkas.words import LanguageSettings

#: A key of a language map: a language code such as fi, sv or en.
LANGUAGE_CODE = re.compile(r"[a-z]{2,3}")


def localized(value: Any, language: str) -> Any:
    """A language map ({fi: …, en: …}) resolved to the page language; other values unchanged."""
    if (isinstance(value, dict) and language in value
            and all(isinstance(key, str) and LANGUAGE_CODE.fullmatch(key) for key in value)):
        return value[language]
    return value


def find_file(files: Files, docs_path: str) -> File | None:
    """The file of the current language build behind a docs path ('palvelut/x.md' or an image)."""
    for file in files:
        if getattr(file, "norm_src_uri", None) == docs_path or file.src_uri == docs_path:
            return file
    return files.get_file_from_path(docs_path)


@dataclass
class PracticeView:
    """Formatted practice data for one language and (optionally) one page."""

    practice: Practice
    settings: LanguageSettings
    site_name: str = ""
    files: Files | None = None
    page_url: str = ""

    # --- helpers ---------------------------------------------------------------
    @property
    def language(self) -> str:
        """The page language ('fi')."""
        return self.settings.language

    @property
    def locale(self) -> str:
        """The Babel locale the page language writes numbers with ('fi_FI')."""
        return self.settings.locale

    def text(self, path: str) -> Any:
        """A value of the data file resolved to the page language."""
        return localized(self.practice.get(path), self.language)

    def href(self, docs_path: str) -> str | None:
        """Link from the current page to a page or file of the same language (None if missing)."""
        if self.files is None:
            return None
        target = find_file(self.files, docs_path)
        if target is not None:
            return get_relative_url(target.url, self.page_url)
        if not docs_path.endswith(".md") and (self.practice.source.parents[1] / docs_path).is_file():
            # static-i18n (fallback_to_default: false) leaves the default language's
            # assets out of the other languages' file lists; they are published once,
            # at the site root, by the default-language build.
            return get_relative_url(docs_path, self.page_url)
        return None

    def phone(self, e164: str) -> dict[str, str]:
        """{'href': 'tel:+358…', 'text': '040 123 4567'} for the page language (no-break spaces)."""
        return {"href": formatting.phone_href(e164),
                "text": formatting.display_phone(e164, self.settings.phone_style)}

    @staticmethod
    def email(address: str) -> dict[str, str]:
        """{'href': 'mailto:…', 'text': …}."""
        return {"href": f"mailto:{address}", "text": address}

    def money(self, amount: Decimal) -> str:
        """Money in the page locale."""
        return formatting.format_money(amount, self.locale)

    # --- practice ----------------------------------------------------------------
    @property
    def vat_rate_text(self) -> str:
        """The VAT rate as the page locale writes it: '24 %'."""
        return formatting.format_percent(self.practice.vat_rate, self.locale)

    def address_line(self) -> str:
        """'Kauppapuistikko 99 A 5, 65100 Vaasa'."""
        address = self.practice.get("practice.address")
        city = localized(address["city"], self.language)
        return f"{address['street']}, {address['postal_code']} {city}"

    def contact(self) -> dict[str, Any]:
        """The practice's contact details."""
        address = self.practice.get("practice.address")
        quote_id = self.practice.quote_contact(self.language)
        return {
            "name": self.site_name,
            "legal_name": self.practice.get("practice.legal_name"),
            "business_id": str(self.practice.get("practice.business_id")),
            "street": address["street"],
            "postal_code": address["postal_code"],
            "city": localized(address["city"], self.language),
            "address_line": self.address_line(),
            "phone": self.phone(self.practice.get("practice.phone")),
            "email": self.email(self.practice.get("practice.email")),
            "quote_contact": self.supervisor(quote_id) if quote_id else None,
            "languages": formatting.format_language_list(
                self.practice.get("practice.languages"), self.locale),
            "area_served": self.text("practice.area_served"),
        }

    def supervisor(self, supervisor_id: str) -> dict[str, Any]:
        """One supervisor: name, title, languages, photo, page link and contact links."""
        data = self.practice.supervisors()[supervisor_id]
        return {
            "id": supervisor_id,
            "name": data["name"],
            "title": localized(data["title"], self.language),
            "languages": formatting.format_language_list(data["languages"], self.locale),
            "photo_src": self.href(data["photo"]),
            "url": self.href(data["page"]),
            "phone": self.phone(data["phone"]),
            "email": self.email(data["email"]),
            "since": data["supervising_since"],
        }

    def supervisors(self) -> list[dict[str, Any]]:
        """All supervisors in file order."""
        return [self.supervisor(supervisor_id) for supervisor_id in self.practice.supervisors()]

    # --- services and prices -------------------------------------------------------
    def price(self, service_id: str, price_id: str) -> dict[str, Any]:
        """One price row: net, VAT and gross as numbers and as text ('from' is the template's word)."""
        data = self.practice.services()[service_id]["prices"][price_id]
        net = formatting.to_decimal(data["net"])
        rate = self.practice.vat_rate
        vat = formatting.vat_amount(net, rate)
        gross = net + vat
        return {
            "id": price_id,
            "unit": localized(data["unit"], self.language),
            "from": bool(data.get("from", False)),
            "net": net,
            "vat": vat,
            "gross": gross,
            "net_text": self.money(net),
            "vat_text": self.money(vat),
            "gross_text": self.money(gross),
        }

    def service(self, service_id: str) -> dict[str, Any]:
        """One service with its name, format, page link and prices."""
        data = self.practice.services()[service_id]
        return {
            "id": service_id,
            "name": localized(data["name"], self.language),
            "format": localized(data["format"], self.language),
            "url": self.href(data["page"]),
            "prices": [self.price(service_id, price_id) for price_id in data["prices"]],
        }

    def services(self) -> list[dict[str, Any]]:
        """All services in file order."""
        return [self.service(service_id) for service_id in self.practice.services()]

    def travel(self) -> dict[str, Any]:
        """The travel cost per kilometre as a price row (its name is the template's word)."""
        net = formatting.to_decimal(self.practice.get("travel.per_km"))
        vat = formatting.vat_amount(net, self.practice.vat_rate)
        return {
            "net": net,
            "vat": vat,
            "gross": net + vat,
            "net_text": self.money(net),
            "vat_text": self.money(vat),
            "gross_text": self.money(net + vat),
        }

    def price_table(self, service_ids: list[str] | None = None) -> dict[str, Any]:
        """Everything a price table shows: the services' rows, the VAT rate, the travel row."""
        ids = service_ids or list(self.practice.services())
        return {
            "one_service": bool(service_ids) and len(ids) == 1,
            "vat_rate": self.vat_rate_text,
            "services": [self.service(service_id) for service_id in ids],
            "travel": None if service_ids else self.travel(),
        }

    def group_size(self) -> dict[str, int] | None:
        """The smallest and largest group of the services that give one ({min, max})."""
        sizes = [service["group_size"] for service in self.practice.services().values()
                 if isinstance(service, dict) and isinstance(service.get("group_size"), dict)]
        if not sizes:
            return None
        return {"min": min(size["min"] for size in sizes), "max": max(size["max"] for size in sizes)}

    def site_languages(self) -> list[dict[str, str]]:
        """The site's languages named in the page language: [{code, name}] (quote form)."""
        return [{"code": code, "name": formatting.language_name(code, self.locale)}
                for code in self.practice.languages]
