"""Photos are served as WebP at the size they are shown, with their size and lazy loading.

A photo the owner adds (a JPEG or PNG in docs/, in a Markdown page or as a supervisor's
``photo`` in practice.yml) is often a camera original of several megabytes. Every <img>
of a built page that points at such a file gets:

- WebP versions at the width it is shown and at twice that width (sharp on phone
  screens), never wider than the original, as ``src`` and ``srcset``. Every current
  browser shows WebP. JPEGs are compressed at quality 80, PNGs losslessly (they are
  often drawings or screenshots with text);
- ``width`` and ``height``: the shown size, from the attributes or from the file's own
  proportions (``MAX_WIDTH`` at most), so nothing moves while it loads;
- ``decoding="async"``.

Independently of format, an image in a page's text after its first section heading gets
``loading="lazy"`` (below the fold); one before it, like the photo at the top of a bio
page, loads at once. Templates set ``loading`` themselves (the supervisor cards).

The originals in docs/ are never changed. The WebP files are written next to the
original in the built site and kept in ``.cache/photos/`` (keyed by a hash of the
original and the width), so later builds only copy them.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page
from PIL import Image, ImageOps
from selectolax.lexbor import LexborHTMLParser, LexborNode

from kirkas.cache import cache_directory
from kirkas.guard_links import SiteAddress, kind_of, site_path_of

#: Raster formats that are converted (file name endings, lower case).
RASTER_SUFFIXES = {".jpg", ".jpeg", ".png"}
#: Widest a photo is shown without a width attribute (CSS pixels, about the text column).
MAX_WIDTH = 800
#: Shown-size multiples that get a WebP version (1x, 2x screens).
DENSITIES = (1, 2)
JPEG_QUALITY = 80
@dataclass(frozen=True)
class ShownSize:
    """Width and height in CSS pixels."""

    width: int
    height: int


def shown_size(node: LexborNode, original: tuple[int, int]) -> ShownSize:
    """The size the image is shown at: its attributes, else the original's proportions."""
    original_width, original_height = original

    def number(name: str) -> int | None:
        value = (node.attributes.get(name) or "").strip()
        return int(value) if value.isdigit() and int(value) > 0 else None

    width, height = number("width"), number("height")
    if width and height:
        return ShownSize(width, height)
    if width:
        return ShownSize(width, round(width * original_height / original_width))
    if height:
        return ShownSize(round(height * original_width / original_height), height)
    width = min(original_width, MAX_WIDTH)
    return ShownSize(width, round(width * original_height / original_width))


def webp_name(path: str, width: int) -> str:
    """Site path of a WebP version: assets/images/a.jpg -> assets/images/a-480w.webp."""
    pure = PurePosixPath(path)
    return str(pure.with_name(f"{pure.stem}-{width}w.webp"))


class PhotoWriter:
    """Makes (or copies from the cache) the WebP versions of the originals in docs/."""

    def __init__(self, docs_dir: Path, site_root: Path, cache_dir: Path, site: SiteAddress) -> None:
        self.docs_dir = docs_dir
        self.site_root = site_root
        self.cache_dir = cache_dir
        self.site = site
        self._digests: dict[Path, tuple[float, Any]] = {}
        self._sizes: dict[Path, tuple[float, Any]] = {}

    def source_of(self, src: str, page_url: str) -> tuple[str, Path] | None:
        """(site path, original in docs/) of a local raster image address, else None.

        Addresses are resolved as the build guard resolves links (hooks/kirkas/guard_links.py).
        """
        if kind_of(src) != "internal":
            return None
        path, _fragment = site_path_of(src, page_url, self.site)
        if path is None or PurePosixPath(path).suffix.lower() not in RASTER_SUFFIXES:
            return None
        return path, self.docs_dir / path

    def original_size(self, source: Path) -> tuple[int, int] | None:
        """Width and height of an original after camera rotation; None if missing or unreadable."""
        return self.remembered(self._sizes, source, original_size) if source.is_file() else None

    @staticmethod
    def remembered(memo: dict[Path, tuple[float, Any]], source: Path, compute: Callable[[Path], Any]) -> Any:
        """compute(source), worked out once per version (modification time) of the file."""
        modified = source.stat().st_mtime
        known = memo.get(source)
        if known is None or known[0] != modified:
            known = (modified, compute(source))
            memo[source] = known
        return known[1]

    def digest(self, source: Path) -> str:
        """Hash of an original's bytes."""
        return self.remembered(self._digests, source,
                               lambda path: hashlib.sha256(path.read_bytes()).hexdigest()[:20])

    def versions(self, path: str, size: ShownSize, original_width: int) -> list[tuple[str, int]]:
        """(site path, density) of each WebP version, written to the site if missing."""
        source = self.docs_dir / path
        lossless = source.suffix.lower() == ".png"
        made: list[tuple[str, int]] = []
        widths_done: set[int] = set()
        for density in DENSITIES:
            width = min(size.width * density, original_width)
            if width in widths_done:
                continue
            widths_done.add(width)
            cached = self.cache_dir / f"{self.digest(source)}-{width}-{'lossless' if lossless else JPEG_QUALITY}.webp"
            if not cached.is_file():
                self.encode(source, cached, width, lossless)
            target = self.site_root / webp_name(path, width)
            if not target.is_file() or target.stat().st_size != cached.stat().st_size:
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(cached, target)
            made.append((webp_name(path, width), density))
        return made

    @staticmethod
    def encode(source: Path, target: Path, width: int, lossless: bool) -> None:
        """Write one WebP version of an original, scaled to a width (camera rotation applied)."""
        with Image.open(source) as opened:
            image = ImageOps.exif_transpose(opened)
            if image.mode not in ("RGB", "RGBA"):
                image = image.convert("RGBA" if "A" in image.getbands() or "transparency" in image.info else "RGB")
            height = max(1, round(width * image.height / image.width))
            if image.width != width:
                image = image.resize((width, height), Image.Resampling.LANCZOS)
            temporary = target.with_suffix(".tmp")
            image.save(temporary, "WEBP", quality=JPEG_QUALITY, lossless=lossless, method=6)
            temporary.replace(target)


_writer: PhotoWriter | None = None


def writer(config: MkDocsConfig) -> PhotoWriter:
    """The build's PhotoWriter (static-i18n builds every language into the same site folder)."""
    global _writer
    site_root, docs_dir = Path(config.site_dir), Path(config.docs_dir)
    site = SiteAddress(config.site_url or "/")
    if _writer is None or (_writer.site_root, _writer.docs_dir, _writer.site) != (site_root, docs_dir, site):
        _writer = PhotoWriter(docs_dir, site_root, cache_directory(config, "photos"), site)
    return _writer


def original_size(source: Path) -> tuple[int, int] | None:
    """Width and height of an image file after camera rotation; None if missing or unreadable."""
    try:
        with Image.open(source) as image:
            width, height = image.size
            orientation = image.getexif().get(0x0112, 1)
    except (OSError, ValueError):
        return None
    return (height, width) if orientation in (5, 6, 7, 8) else (width, height)


def mark_lazy_below_first_section(tree: LexborHTMLParser) -> bool:
    """loading="lazy" on content images after the first section heading; True if any changed."""
    changed = False
    article = tree.css_first("article")
    if article is None:
        return False
    past_first_section = False
    for node in article.traverse(include_text=False):
        if node.tag == "h2":
            past_first_section = True
        elif node.tag == "img" and past_first_section and "loading" not in node.attributes:
            node.attrs["loading"] = "lazy"
            changed = True
    return changed


def serve_as_webp(tree: LexborHTMLParser, page_url: str, photos: PhotoWriter) -> bool:
    """Point every raster <img> at its WebP versions; True if any changed."""
    changed = False
    for node in tree.css("img[src]"):
        found = photos.source_of((node.attributes.get("src") or "").strip(), page_url)
        if found is None:
            continue
        path, source = found
        size = photos.original_size(source)
        if size is None:
            continue  # a missing or broken file: the build guard reports it
        shown = shown_size(node, size)
        versions = photos.versions(path, shown, size[0])
        addresses = [(beside(node.attributes.get("src") or "", version), density) for version, density in versions]
        node.attrs["src"] = addresses[0][0]
        if len(addresses) > 1:
            node.attrs["srcset"] = ", ".join(f"{address} {density}x" for address, density in addresses)
        node.attrs["width"] = str(shown.width)
        node.attrs["height"] = str(shown.height)
        node.attrs["decoding"] = "async"
        changed = True
    return changed


def beside(src: str, version: str) -> str:
    """The address of a version in the original's folder, written the way the original was."""
    folder = src.split("?", 1)[0].split("#", 1)[0].rpartition("/")[0]
    name = PurePosixPath(version).name
    return f"{folder}/{name}" if folder else name


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    """WebP versions, shown size and lazy loading for the page's images."""
    if "<img" not in output:
        return output
    tree = LexborHTMLParser(output)
    changed = mark_lazy_below_first_section(tree)
    lowered = output.lower()
    if any(suffix in lowered for suffix in RASTER_SUFFIXES):
        changed = serve_as_webp(tree, page.url, writer(config)) or changed
    return (tree.html or output) if changed else output
