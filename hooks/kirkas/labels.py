"""Fixed interface words of the data blocks (table headers, captions), per page language.

Facts (numbers, names, addresses) never live here: they come from
docs/_data/practice.yml. Placeholders such as {rate} are filled in by the hooks.
"""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "fi": {
        "service": "Palvelu",
        "net": "Hinta (alv 0 %)",
        "vat": "Alv {rate}",
        "gross": "Hinta sis. alv",
        "caption": "Hinnat organisaatioille + alv {rate}. Yksityishenkilö maksaa "
        "arvonlisäverollisen hinnan (sarake ”Hinta sis. alv”).",
        "caption_one": "{service}: hinnat organisaatioille + alv {rate}. Yksityishenkilö "
        "maksaa arvonlisäverollisen hinnan.",
        "from": "alkaen {amount}",
        "travel": "Matkakulut",
        "travel_unit": "kilometri (matka-aika sopimuksen mukaan)",
        "phone": "Puhelin",
        "email": "Sähköposti",
        "address": "Osoite",
        "business_id": "Y-tunnus",
        "languages": "Kielet",
        "read_more": "Lue lisää",
        "contact_heading": "Yhteystiedot",
        "supervisor_contact": "Ota yhteyttä: {name}",
        "quote_by_email": "Pyydä tarjous sähköpostilla",
        "quote_handler": "Tarjouspyynnöt käsittelee {name}.",
        "privacy": "Tietosuojaseloste",
        "accessibility": "Saavutettavuusseloste",
        "photo_alt": "{name}, {title}",
        "supervising_since": "Työnohjaajana vuodesta {year}",
        "price_from": "Hinta",
    },
    "sv": {
        "service": "Tjänst",
        "net": "Pris exkl. moms",
        "vat": "Moms {rate}",
        "gross": "Pris inkl. moms",
        "caption": "Priser för organisationer + moms {rate}. Privatpersoner betalar priset "
        "inklusive moms (kolumnen ”Pris inkl. moms”).",
        "caption_one": "{service}: priser för organisationer + moms {rate}. Privatpersoner "
        "betalar priset inklusive moms.",
        "from": "från {amount}",
        "travel": "Resekostnader",
        "travel_unit": "kilometer (restid enligt överenskommelse)",
        "phone": "Telefon",
        "email": "E-post",
        "address": "Adress",
        "business_id": "FO-nummer",
        "languages": "Språk",
        "read_more": "Läs mer",
        "contact_heading": "Kontaktuppgifter",
        "supervisor_contact": "Kontakta {name}",
        "quote_by_email": "Be om en offert per e-post",
        "quote_handler": "Offertförfrågningar besvaras av {name}.",
        "privacy": "Dataskyddsbeskrivning",
        "accessibility": "Tillgänglighetsutlåtande",
        "photo_alt": "{name}, {title}",
        "supervising_since": "Arbetshandledare sedan {year}",
        "price_from": "Pris",
    },
    "en": {
        "service": "Service",
        "net": "Price excl. VAT",
        "vat": "VAT {rate}",
        "gross": "Price incl. VAT",
        "caption": "Prices for organisations + VAT {rate}. Private clients pay the "
        "VAT-inclusive price (column “Price incl. VAT”).",
        "caption_one": "{service}: prices for organisations + VAT {rate}. Private clients "
        "pay the VAT-inclusive price.",
        "from": "from {amount}",
        "travel": "Travel costs",
        "travel_unit": "kilometre (travel time as agreed)",
        "phone": "Phone",
        "email": "Email",
        "address": "Address",
        "business_id": "Business ID",
        "languages": "Languages",
        "read_more": "Read more",
        "contact_heading": "Contact details",
        "supervisor_contact": "Contact {name}",
        "quote_by_email": "Request a quote by email",
        "quote_handler": "Quote requests are handled by {name}.",
        "privacy": "Privacy notice",
        "accessibility": "Accessibility statement",
        "photo_alt": "{name}, {title}",
        "supervising_since": "Supervising since {year}",
        "price_from": "Price",
    },
}


def labels_for(language: str) -> dict[str, str]:
    """The interface words of one page language (Finnish when unknown)."""
    return LABELS.get(language, LABELS["fi"])
