"""Screenshots of every page type, phone and laptop, light and dark, in every language,
and one contact sheet per language with all page types on one image.

`make screenshots` builds the site into a temporary folder, serves it locally and saves
full-page PNGs with headless Chromium into screenshots/ (git-ignored), e.g.
screenshots/fi-home-390x844.png and screenshots/sv-prices-1440x900-dark.png, then
screenshots/contact-sheet-fi.png: each page type's first screens on a laptop and a phone,
light and dark, labelled, so the whole site can be judged at a glance.

    python -m tests.screenshots                 # every page type, light and dark
    python -m tests.screenshots --light         # light only (half the time)
    python -m tests.screenshots home service    # only some page types (no contact sheets)

The page of each type is found in the built site, not by its file name: the page
templates mark their pages (kirkas-page--<type>), the urgent service page has the
urgent strip, the search page is where the header's magnifier leads.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from tests.support.browser import launch_chromium, open_page
from tests.support.site import PROJECT_ROOT, SITE_PROJECT, BuiltSite, build_project, serve_directory

#: Page types in the order of the contact sheet; the kinds the templates mark, and more.
PAGE_TYPES = ("home", "services", "service", "urgent-service", "supervisors", "supervisor", "prices",
              "faq", "contact", "article", "legal", "search", "not-found")
VIEWPORTS = {"phone": (390, 844), "laptop": (1440, 900)}
SCHEMES = ("light", "dark")
OUTPUT = PROJECT_ROOT / "screenshots"
FONT = PROJECT_ROOT / "overrides" / "assets" / "fonts" / "DejaVuSans.ttf"
BOLD_FONT = PROJECT_ROOT / "overrides" / "assets" / "fonts" / "DejaVuSans-Bold.ttf"
#: Contact sheet: how much of each page a thumbnail shows (CSS px) and how wide it is.
SHEET_SHOWN_HEIGHT = {"laptop": 1800, "phone": 1560}
SHEET_THUMB_WIDTH = {"laptop": 360, "phone": 150}
SHEET_COLUMNS = 2
#: Lazy images load at once and Material's tabs finish fading in before the shot.
BEFORE_SHOT = """async () => {
  const images = [...document.querySelectorAll("img")];
  images.forEach((image) => { image.loading = "eager"; });
  await Promise.all(images.map((image) => image.complete ? null : new Promise((done) => {
    image.addEventListener("load", done, { once: true });
    image.addEventListener("error", done, { once: true });
  })));
  await new Promise((done) => setTimeout(done, 700));
}"""


def page_of_type(site: BuiltSite, language: str, kind: str) -> str | None:
    """Site-relative URL of one page of a type in a language (None if the site has none)."""
    if kind == "not-found":
        return site.config.prefix(language) + "404.html"
    if kind == "search":
        return site.url_path(site.search_page_of(language))
    for path in site.pages_of(language):
        tree = site.parse(path)
        if kind == "urgent-service":
            if tree.css_first(".kirkas-page--service") and tree.css_first(".kirkas-urgent"):
                return site.url_path(path)
        elif tree.css_first(f".kirkas-page--{kind}") and not (kind == "service" and tree.css_first(".kirkas-urgent")):
            return site.url_path(path)
    return None


def shot_name(language: str, kind: str, viewport: str, scheme: str) -> Path:
    """Where one screenshot is saved."""
    width, height = VIEWPORTS[viewport]
    suffix = "" if scheme == "light" else "-dark"
    return OUTPUT / f"{language}-{kind}-{width}x{height}{suffix}.png"


def thumbnail(path: Path, viewport: str) -> Image.Image:
    """The top of a full-page screenshot, scaled down for the contact sheet."""
    with Image.open(path) as image:
        width = image.width
        top = image.crop((0, 0, width, min(image.height, SHEET_SHOWN_HEIGHT[viewport])))
        scale = SHEET_THUMB_WIDTH[viewport] / width
        return top.resize((SHEET_THUMB_WIDTH[viewport], max(1, round(top.height * scale))), Image.Resampling.LANCZOS)


def contact_sheet(language: str, kinds: list[str], urls: dict[str, str], schemes: list[str]) -> Path:
    """All page types of a language on one labelled image."""
    label_font = ImageFont.truetype(str(BOLD_FONT), 20)
    small_font = ImageFont.truetype(str(FONT), 14)
    gap, label_height = 12, 34
    tile_width = sum(SHEET_THUMB_WIDTH[viewport] for viewport in VIEWPORTS) * len(schemes) \
        + gap * (len(VIEWPORTS) * len(schemes) - 1)
    thumb_height = max(round(SHEET_SHOWN_HEIGHT[v] * SHEET_THUMB_WIDTH[v] / VIEWPORTS[v][0]) for v in VIEWPORTS)
    tile_height = label_height + thumb_height + 22
    rows = (len(kinds) + SHEET_COLUMNS - 1) // SHEET_COLUMNS
    sheet = Image.new("RGB", (SHEET_COLUMNS * (tile_width + 2 * gap) + gap, rows * (tile_height + gap) + 60 + gap),
                      "#e9ecea")
    draw = ImageDraw.Draw(sheet)
    draw.text((gap * 2, 18), f"{language} – {len(kinds)} page types: laptop and phone, "
              + " and ".join(schemes), fill="#1b2826", font=label_font)
    for index, kind in enumerate(kinds):
        column, row = index % SHEET_COLUMNS, index // SHEET_COLUMNS
        left = gap + column * (tile_width + 2 * gap) + gap
        top = 60 + row * (tile_height + gap)
        draw.text((left, top + 6), kind, fill="#1b2826", font=label_font)
        draw.text((left + 12 + draw.textlength(kind, font=label_font), top + 11), "/" + urls[kind],
                  fill="#4a5957", font=small_font)
        x = left
        for viewport in VIEWPORTS:
            for scheme in schemes:
                image = thumbnail(shot_name(language, kind, viewport, scheme), viewport)
                sheet.paste(image, (x, top + label_height))
                draw.rectangle((x - 1, top + label_height - 1, x + image.width, top + label_height + image.height),
                               outline="#9aa8a5")
                draw.text((x, top + label_height + thumb_height + 4), f"{viewport}, {scheme}", fill="#4a5957",
                          font=small_font)
                x += image.width + gap
    target = OUTPUT / f"contact-sheet-{language}.png"
    sheet.save(target, optimize=True)
    return target


def main(argv: list[str] | None = None) -> int:
    """Build, serve and photograph the site; returns the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("types", nargs="*", help=f"page types (default: all): {', '.join(PAGE_TYPES)}")
    parser.add_argument("--light", action="store_true", help="the light colour scheme only")
    args = parser.parse_args(argv)
    unknown = [name for name in args.types if name not in PAGE_TYPES]
    if unknown:
        parser.error(f"unknown page type(s) {', '.join(unknown)}; choose from {', '.join(PAGE_TYPES)}")
    kinds = args.types or list(PAGE_TYPES)
    schemes = ["light"] if args.light else list(SCHEMES)
    OUTPUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="kirkas-shots-") as temp:
        site_dir = Path(temp) / "site"
        result = build_project(SITE_PROJECT, site_dir, strict=False)
        if result.returncode != 0:
            print(result.output, file=sys.stderr)
            return 1
        site = BuiltSite(site_dir, result.output)
        urls = {language: {kind: page_of_type(site, language, kind) for kind in kinds} for language in site.languages}
        with serve_directory(site_dir) as base_url, launch_chromium() as browser:
            for scheme in schemes:
                for viewport, (width, height) in VIEWPORTS.items():
                    context = browser.new_context(viewport={"width": width, "height": height},
                                                  color_scheme=scheme, device_scale_factor=1)
                    page = context.new_page()
                    for language in site.languages:
                        for kind in kinds:
                            url = urls[language][kind]
                            if url is None:
                                print(f"{language}: no {kind} page", file=sys.stderr)
                                continue
                            open_page(page, base_url + url, wait_until="load")
                            page.evaluate(BEFORE_SHOT)
                            target = shot_name(language, kind, viewport, scheme)
                            page.screenshot(path=str(target), full_page=True)
                            print(target.relative_to(PROJECT_ROOT))
                    context.close()
        if not args.types:
            for language in site.languages:
                present = [kind for kind in kinds if urls[language][kind] is not None]
                print(contact_sheet(language, present, urls[language], schemes).relative_to(PROJECT_ROOT))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
