"""Sharing images (Open Graph / Twitter card): where they are and how they are drawn.

One 1200×630 PNG per language with the practice's name and tagline, drawn offline
with Pillow at build time (no network), in the brand's colours (the light scheme of
the data file's brand section, kirkas.brand.social_colors). The font is DejaVu Sans,
committed with its licence in overrides/assets/fonts/; Pillow's built-in font is the
fallback.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

#: Size recommended by Open Graph and Twitter for large cards.
WIDTH, HEIGHT = 1200, 630
FONT_DIR = Path(__file__).resolve().parents[2] / "overrides" / "assets" / "fonts"
FONT_REGULAR = FONT_DIR / "DejaVuSans.ttf"
FONT_BOLD = FONT_DIR / "DejaVuSans-Bold.ttf"
#: The colours an image is drawn in: background, ink (the name), muted (the tagline) and
#: accent (the bar and the web address), as (r, g, b).
Colors = dict[str, tuple[int, int, int]]


def social_image_path(language: str) -> str:
    """Site-relative path of a language's sharing image."""
    return f"assets/social/kirkas-{language}.png"


def _font(path: Path, size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """A TrueType font of the given size, or Pillow's default font if the file is missing."""
    if path.is_file():
        return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size=size)


def _wrapped(draw: ImageDraw.ImageDraw, text: str, font, max_width: int) -> list[str]:
    """Words of a text wrapped into lines no wider than max_width pixels."""
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and draw.textlength(candidate, font=font) <= max_width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines


def draw_social_image(name: str, tagline: str, footer: str, colors: Colors) -> Image.Image:
    """A 1200×630 card: practice name, tagline and a footer line (e.g. the web address)."""
    image = Image.new("RGB", (WIDTH, HEIGHT), colors["background"])
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 24, HEIGHT), fill=colors["accent"])
    margin = 96
    title_font = _font(FONT_BOLD, 76)
    text_font = _font(FONT_REGULAR, 40)
    small_font = _font(FONT_REGULAR, 30)
    y = 150
    for line in _wrapped(draw, name, title_font, WIDTH - 2 * margin):
        draw.text((margin, y), line, font=title_font, fill=colors["ink"])
        y += 92
    y += 24
    for line in _wrapped(draw, tagline, text_font, WIDTH - 2 * margin)[:4]:
        draw.text((margin, y), line, font=text_font, fill=colors["muted"])
        y += 54
    draw.text((margin, HEIGHT - 90), footer, font=small_font, fill=colors["accent"])
    return image


def write_social_image(target: Path, name: str, tagline: str, footer: str, colors: Colors) -> None:
    """Draw a sharing image and save it as PNG (optimize=True would triple the time)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    draw_social_image(name, tagline, footer, colors).save(target, format="PNG")
