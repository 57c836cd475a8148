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
    LANGUAGES,
    PROJECT_ROOT,
    SITE_PROJECT,
    BuiltSite,
    build_project,
    page_kinds,
    serve_directory,
)

#: The page types (found in the site by tests.support.site.page_kinds) and the 404 page.
PAGE_TYPES = ("home", "article", "services", "service", "urgent", "supervisors", "bio", "prices", "faq",
              "contact", "privacy", "not-found")
VIEWPORTS = ((375, 812), (1366, 768))
OUTPUT = PROJECT_ROOT / "screenshots"


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
        result = build_project(SITE_PROJECT, site_dir, strict=False)
        if result.returncode != 0:
            print(result.output, file=sys.stderr)
            return 1
        site = BuiltSite(site_dir, result.output)
        kinds = page_kinds(site)
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
                            if name == "not-found":
                                path = site.url_path(site.not_found_page(language))
                            elif name in kinds:
                                path = site.url_of(kinds[name], language)
                            else:
                                continue  # the site has no page of this kind
                            url = base_url + path
                            open_page(page, url, wait_until="load")
                            suffix = "" if scheme == "light" else "-dark"
                            target = OUTPUT / f"{language}-{name}-{width}x{height}{suffix}.png"
                            page.screenshot(path=str(target), full_page=True)
                            print(target.relative_to(PROJECT_ROOT))
                    context.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
