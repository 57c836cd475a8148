"""Photos (hooks/photos.py): a camera JPEG or a PNG in docs/ is served as WebP at the size it is shown.

A copy of the tests' own practice gets a large JPEG as its supervisor's photo (cards on
the home page, the top of the bio page) and a JPEG and a PNG below the first section of
the price page. The built pages point at WebP versions (1x and 2x) with width and height;
the files are real WebP images of those sizes and much lighter than the originals;
images below the first section load lazily and the bio photo at once; the originals are
untouched; a second build takes the versions from the cache.
"""

from __future__ import annotations

import hashlib
import random
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml
from PIL import Image
from selectolax.lexbor import LexborHTMLParser

from tests.support.site import DATA_FILE, BuiltSite, build_project, copy_fixture_practice, load_site_config

pytestmark = pytest.mark.slow

PHOTO = "assets/images/ohjaaja-kamera.jpg"
WIDE_PHOTO = "assets/images/tyohuone.jpg"
DRAWING = "assets/images/prosessi.png"


def noisy_image(size: tuple[int, int], mode: str = "RGB") -> Image.Image:
    """An image with texture (a flat colour would compress to nothing)."""
    generator = random.Random(size[0] * 31 + size[1])
    image = Image.new(mode, size, (120, 140, 130) if mode == "RGB" else (120, 140, 130, 200))
    pixels = image.load()
    for x in range(0, size[0], 4):
        for y in range(0, size[1], 4):
            shade = generator.randrange(256)
            pixels[x, y] = (shade, 255 - shade, shade // 2) + (() if mode == "RGB" else (255,))
    return image


def parse(site: Path, url_path: str) -> LexborHTMLParser:
    """A built page by its site address."""
    return LexborHTMLParser((site / url_path / "index.html").read_text(encoding="utf-8"))


def image_file(site: Path, url_path: str, address: str) -> Path:
    """The file behind an image address of a page."""
    return site / urlsplit(urljoin("https://x/" + url_path, address)).path.lstrip("/")


@pytest.fixture(scope="module")
def photo_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuiltSite, dict[str, str]]:
    """(project, built site, sha256 of the originals) of the fixture practice with raster photos."""
    base = tmp_path_factory.mktemp("photos")
    project = copy_fixture_practice(base / "project")
    docs = project / "docs"
    noisy_image((1800, 1800)).save(docs / PHOTO, quality=95)
    noisy_image((2400, 1600)).save(docs / WIDE_PHOTO, quality=95)
    noisy_image((600, 400), "RGBA").save(docs / DRAWING)
    data_file = project / DATA_FILE
    person = next(iter(yaml.safe_load(data_file.read_text(encoding="utf-8"))["supervisors"].values()))
    data_file.write_text(data_file.read_text(encoding="utf-8").replace(
        f"photo: {person['photo']}", f"photo: {PHOTO}", 1), encoding="utf-8")
    config = load_site_config(project / "mkdocs.yml")
    for language in config.languages:
        bio = docs / (person["page"] if language == config.default_language
                      else person["page"][:-3] + f".{language}.md")
        text = bio.read_text(encoding="utf-8")  # a photo in the text too, if the page has one
        bio.write_text(text.replace(f"../{person['photo']}", f"../{PHOTO}", 1), encoding="utf-8")
    prices = docs / "hinnasto.md"
    prices.write_text(prices.read_text(encoding="utf-8")
                      + f"\n\n## Tilat\n\n![Työhuone, jossa työnohjaus pidetään]({WIDE_PHOTO})\n\n"
                      + f"![Työnohjausprosessin vaiheet piirroksena]({DRAWING}){{ width=\"300\" }}\n",
                      encoding="utf-8")
    originals = {name: hashlib.sha256((docs / name).read_bytes()).hexdigest() for name in (PHOTO, WIDE_PHOTO, DRAWING)}
    result = build_project(project, base / "site")
    assert result.returncode == 0, result.output
    return project, BuiltSite(base / "site", result.output, config), originals


def test_supervisor_photo_is_webp_at_the_card_size_and_twice_it(photo_site) -> None:
    _, built, _ = photo_site
    site = built.root
    card = next(node for node in parse(site, "").css("img.kirkas-card__photo")
                if "ohjaaja-kamera" in (node.attributes.get("src") or ""))
    attributes = card.attributes
    assert attributes["src"].endswith("ohjaaja-kamera-320w.webp")
    assert attributes["srcset"].endswith("ohjaaja-kamera-640w.webp 2x")
    assert (attributes["width"], attributes["height"]) == ("320", "320")
    assert attributes.get("loading") == "lazy"
    for address, width in ((attributes["src"], 320), (attributes["srcset"].split(",")[1].split()[0], 640)):
        with Image.open(image_file(site, "", address)) as version:
            assert (version.format, version.size) == ("WEBP", (width, width))


def test_bio_photo_at_the_top_loads_at_once_in_every_language(photo_site) -> None:
    _, built, _ = photo_site
    site = built.root
    bio = next(iter(built.data["supervisors"].values()))["page"]
    for url_path in (built.url_of(bio, language) for language in built.languages):
        page = parse(site, url_path)
        photos = [node for node in page.css("article img") if "ohjaaja-kamera" in (node.attributes.get("src") or "")]
        assert photos, f"{url_path}: no portrait"
        photo = photos[0]  # the portrait in the page's header band (overrides/layouts/supervisor.html)
        assert photo.attributes["src"].endswith("-360w.webp"), url_path
        assert "loading" not in photo.attributes, url_path
        assert image_file(site, url_path, photo.attributes["src"]).is_file(), url_path


def test_photos_below_the_first_section_are_lazy_sized_and_light(photo_site) -> None:
    project, built, originals = photo_site
    site, prices = built.root, built.role_url("prices", built.default_language)
    images = {node.attributes.get("alt"): node.attributes for node in parse(site, prices).css("article img")}
    wide = images["Työhuone, jossa työnohjaus pidetään"]
    assert (wide["width"], wide["height"], wide.get("loading")) == ("800", "533", "lazy")
    assert wide["src"].endswith("tyohuone-800w.webp") and wide["srcset"].endswith("tyohuone-1600w.webp 2x")
    wide_file = image_file(site, prices, wide["src"])
    assert wide_file.stat().st_size < (project / "docs" / WIDE_PHOTO).stat().st_size / 3
    drawing = images["Työnohjausprosessin vaiheet piirroksena"]
    assert (drawing["width"], drawing["height"], drawing.get("loading")) == ("300", "200", "lazy")
    with Image.open(image_file(site, prices, drawing["src"])) as version:
        assert version.format == "WEBP" and version.size == (300, 200) and version.mode == "RGBA"
    # 2x of 300 is 600, the original's own width: no wider version is made.
    assert drawing["srcset"].endswith("prosessi-600w.webp 2x")
    for name, digest in originals.items():
        assert hashlib.sha256((project / "docs" / name).read_bytes()).hexdigest() == digest, f"{name} was changed"


def test_second_build_takes_the_versions_from_the_cache(photo_site, tmp_path: Path) -> None:
    project, built, _ = photo_site
    site = built.root
    cached = sorted((project / ".cache" / "photos").glob("*.webp"))
    assert len(cached) >= 6
    before = {path: path.stat().st_mtime_ns for path in cached}
    result = build_project(project, tmp_path / "again")
    assert result.returncode == 0, result.output
    assert {path: path.stat().st_mtime_ns for path in cached} == before, "versions were encoded again"
    again = sorted(path.name for path in (tmp_path / "again" / "assets" / "images").glob("*.webp"))
    assert again == sorted(path.name for path in (site / "assets" / "images").glob("*.webp"))
