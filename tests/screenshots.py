"""Screenshots of every page type, phone and laptop, in all three languages.

`make screenshots` builds the site into a temporary folder, serves it locally and
saves full-page PNGs with headless Chromium into screenshots/ (git-ignored), e.g.
screenshots/fi-home-375x812.png and screenshots/sv-prices-1366x768-dark.png.

    python -m tests.screenshots                 # all page types, light scheme
    python -m tests.screenshots --dark          # also the dark scheme
    python -m tests.screenshots home crisis     # only some page types
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from tests.support.browser import launch_chromium, open_page
from tests.support.site import (
    LANGUAGE_PREFIX,
    LANGUAGES,
    PROJECT_ROOT,
    SITE_CONFIG,
    address_map,
    build_project,
    serve_directory,
)

#: One page of each type: its default-language file (each language's address comes from
#: the engine's address map), or the 404 page.
PAGE_TYPES = {
    "home": "index.md",
    "article": "tyonohjaus.md",
    "services": "palvelut/index.md",
    "service": "palvelut/ryhmatyonohjaus.md",
    "crisis": "palvelut/kriisityonohjaus.md",
    "supervisors": "tyonohjaajat/index.md",
    "bio": "tyonohjaajat/aino-lehtonen.md",
    "prices": "hinnat.md",
    "faq": "ukk.md",
    "contact": "yhteystiedot.md",
    "privacy": "tietosuoja.md",
    "not-found": "404.html",
}
VIEWPORTS = ((375, 812), (1366, 768))
OUTPUT = PROJECT_ROOT / "screenshots"


def page_address(page: str, language: str) -> str:
    """Site-relative address of a page ('hinnat.md') or of the 404 page in a language."""
    if not page.endswith(".md"):
        return LANGUAGE_PREFIX[language] + page
    return address_map(SITE_CONFIG).url_of(page, language) or LANGUAGE_PREFIX[language]


def main(argv: list[str] | None = None) -> int:
    """Build, serve and photograph the site; returns the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("types", nargs="*", help=f"page types (default: all): {', '.join(PAGE_TYPES)}")
    parser.add_argument("--dark", action="store_true", help="also the dark colour scheme")
    args = parser.parse_args(argv)
    unknown = [name for name in args.types if name not in PAGE_TYPES]
    if unknown:
        parser.error(f"unknown page type(s) {', '.join(unknown)}; choose from {', '.join(PAGE_TYPES)}")
    types = args.types or list(PAGE_TYPES)
    schemes = ["light", "dark"] if args.dark else ["light"]
    OUTPUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="kirkas-shots-") as temp:
        site_dir = Path(temp) / "site"
        result = build_project(PROJECT_ROOT, site_dir, strict=False)
        if result.returncode != 0:
            print(result.output, file=sys.stderr)
            return 1
        with serve_directory(site_dir) as base_url, launch_chromium() as browser:
            for scheme in schemes:
                for width, height in VIEWPORTS:
                    context = browser.new_context(
                        viewport={"width": width, "height": height},
                        color_scheme=scheme,
                        device_scale_factor=1,
                    )
                    page = context.new_page()
                    for language in LANGUAGES:
                        for name in types:
                            url = base_url + page_address(PAGE_TYPES[name], language)
                            open_page(page, url, wait_until="load")
                            suffix = "" if scheme == "light" else "-dark"
                            target = OUTPUT / f"{language}-{name}-{width}x{height}{suffix}.png"
                            page.screenshot(path=str(target), full_page=True)
                            print(target.relative_to(PROJECT_ROOT))
                    context.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
