"""Template-ready views of the practice data for one page language.

The Jinja partials in overrides/partials/kirkas/ get plain dicts with text that is
already formatted for the page's locale (money, phone numbers, language names),
so a designer can restyle them without knowing the data file's structure.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

from kirkas import formatting
from kirkas.labels import labels_for
from kirkas.practice import Practice


def localized(value: Any, language: str) -> Any:
    """A language map ({fi:…, sv:…, en:…}) resolved to the page language; others unchanged."""
    if isinstance(value, dict) and language in value and set(value) <= {"fi", "sv", "en"}:
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
    language: str
    files: Files | None = None
    page_url: str = ""

    # --- helpers ---------------------------------------------------------------
    @property
    def labels(self) -> dict[str, str]:
        """Interface words of the page language."""
        return labels_for(self.language)

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
        """{'href': 'tel:+358…', 'text': '040 1234567'} for the page language."""
        return {"href": formatting.phone_href(e164), "text": formatting.format_phone(e164, self.language)}

    @staticmethod
    def email(address: str) -> dict[str, str]:
        """{'href': 'mailto:…', 'text': …}."""
        return {"href": f"mailto:{address}", "text": address}

    def money(self, amount: Decimal) -> str:
        """Money in the page locale."""
        return formatting.format_money(amount, self.language)

    # --- practice ----------------------------------------------------------------
    @property
    def vat_rate_text(self) -> str:
        """The VAT rate as the page locale writes it: '24 %'."""
        return formatting.format_percent(self.practice.vat_rate, self.language)

    def address_line(self) -> str:
        """'Kauppapuistikko 99 A 5, 65100 Vaasa'."""
        address = self.practice.get("practice.address")
        city = localized(address["city"], self.language)
        return f"{address['street']}, {address['postal_code']} {city}"

    def contact(self) -> dict[str, Any]:
        """The practice's contact details."""
        address = self.practice.get("practice.address")
        quote_id = self.practice.get("practice.quote_contact")
        return {
            "name": self.text("practice.name"),
            "legal_name": self.practice.get("practice.legal_name"),
            "business_id": str(self.practice.get("practice.business_id")),
            "street": address["street"],
            "postal_code": address["postal_code"],
            "city": localized(address["city"], self.language),
            "address_line": self.address_line(),
            "phone": self.phone(self.practice.get("practice.phone")),
            "email": self.email(self.practice.get("practice.email")),
            "quote_contact": self.supervisor(quote_id),
            "languages": formatting.format_language_list(
                self.practice.get("practice.languages"), self.language),
            "area_served": self.text("practice.area_served"),
        }

    def supervisor(self, supervisor_id: str) -> dict[str, Any]:
        """One supervisor: name, title, languages, photo, page link and contact links."""
        data = self.practice.supervisors()[supervisor_id]
        title = localized(data["title"], self.language)
        return {
            "id": supervisor_id,
            "name": data["name"],
            "title": title,
            "languages": formatting.format_language_list(data["languages"], self.language),
            "photo_src": self.href(data["photo"]),
            "photo_alt": self.labels["photo_alt"].format(name=data["name"], title=title),
            "url": self.href(data["page"]),
            "phone": self.phone(data["phone"]),
            "email": self.email(data["email"]),
            "since": self.labels["supervising_since"].format(year=data["supervising_since"]),
        }

    def supervisors(self) -> list[dict[str, Any]]:
        """All supervisors in file order."""
        return [self.supervisor(supervisor_id) for supervisor_id in self.practice.supervisors()]

    # --- services and prices -------------------------------------------------------
    def price(self, service_id: str, price_id: str) -> dict[str, Any]:
        """One price row: net, VAT and gross as numbers and as text."""
        data = self.practice.services()[service_id]["prices"][price_id]
        net = formatting.to_decimal(data["net"])
        rate = self.practice.vat_rate
        vat = formatting.vat_amount(net, rate)
        gross = net + vat
        starts_from = bool(data.get("from", False))

        def shown(amount: Decimal) -> str:
            text = self.money(amount)
            return self.labels["from"].format(amount=text) if starts_from else text

        return {
            "id": price_id,
            "unit": localized(data["unit"], self.language),
            "from": starts_from,
            "net": net,
            "vat": vat,
            "gross": gross,
            "net_text": shown(net),
            "vat_text": shown(vat),
            "gross_text": shown(gross),
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
        """The travel cost per kilometre as a price row."""
        net = formatting.to_decimal(self.practice.get("travel.per_km"))
        vat = formatting.vat_amount(net, self.practice.vat_rate)
        return {
            "name": self.labels["travel"],
            "unit": self.labels["travel_unit"],
            "net": net,
            "vat": vat,
            "gross": net + vat,
            "net_text": self.money(net),
            "vat_text": self.money(vat),
            "gross_text": self.money(net + vat),
        }

    def price_table(self, service_ids: list[str] | None = None) -> dict[str, Any]:
        """Everything a price table shows: caption, headers and rows."""
        ids = service_ids or list(self.practice.services())
        services = [self.service(service_id) for service_id in ids]
        rate = self.vat_rate_text
        caption = (
            self.labels["caption_one"].format(service=services[0]["name"], rate=rate)
            if service_ids and len(services) == 1
            else self.labels["caption"].format(rate=rate)
        )
        return {
            "caption": caption,
            "vat_rate": rate,
            "headers": {
                "service": self.labels["service"],
                "net": self.labels["net"],
                "vat": self.labels["vat"].format(rate=rate),
                "gross": self.labels["gross"],
            },
            "services": services,
            "travel": None if service_ids else self.travel(),
        }
