"""The brand: logo, favicon and colours, stated once in the data file's ``brand:`` section.

::

    brand:
      logo: assets/brand/logo.svg          # inlined in the header and the menu (SVG)
      favicon: assets/brand/favicon.svg    # the browser tab's icon (SVG, PNG or ICO)
      colors:
        light:                             # the light colour scheme
          primary: "#1d5c57"               # links, buttons, the active menu tab
          on_primary: "#ffffff"            # text on buttons
          accent: "#b3470f"                # the keyboard focus ring
          background: "#fbfaf7"            # page background
          text: "#1b2826"                  # body text
        dark: {...}                        # the same five for the dark scheme

The colours become CSS custom properties of the site's stylesheet (hooks/brand.py
writes them into the built stylesheet: no extra request, no inline style), and
the sharing images are drawn in them (kirkas/social.py). The hover shade of the
primary colour is derived from it. The build checks every colour and that text
and background pairs reach the WCAG AA contrast (4.5:1; 3:1 for the focus ring)
in both schemes, and that the logo is a safe SVG (no scripts, no outside files).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from kirkas.messages import N_, _
from kirkas.sources import DataPath, dotted

if TYPE_CHECKING:
    from kirkas.practice import Practice

SCHEMES = ("light", "dark")
#: The engine's colour schemes in kirkas.css and mkdocs.yml's theme.palette.
SCHEME_NAMES = {"light": "kirkas-light", "dark": "kirkas-dark"}
COLOR_ROLES = ("primary", "on_primary", "accent", "background", "text")
#: Owner's colour -> the stylesheet's custom property.
CSS_PROPERTIES = {
    "primary": "--kirkas-brand",
    "primary_strong": "--kirkas-brand-strong",
    "on_primary": "--kirkas-on-brand",
    "accent": "--kirkas-focus",
    "background": "--kirkas-bg",
    "text": "--kirkas-ink",
}
#: (foreground, background, minimum contrast, what is hard to see) checked in each scheme;
#: {in_scheme} is "In the light scheme" or "In the dark scheme" (IN_SCHEME).
CONTRAST_PAIRS = (
    ("text", "background", 4.5, N_("{in_scheme}, body text is hard to read on the page background.")),
    ("primary", "background", 4.5, N_("{in_scheme}, links are hard to see on the page background.")),
    ("on_primary", "primary", 4.5, N_("{in_scheme}, the text of a button is hard to read on the button.")),
    ("accent", "background", 3.0,
     N_("{in_scheme}, the keyboard focus ring is hard to see on the page background.")),
    ("primary_strong", "background", 4.5,
     N_("{in_scheme}, a link under the mouse pointer is hard to see on the page background.")),
    ("on_primary", "primary_strong", 4.5,
     N_("{in_scheme}, the text of a button under the mouse pointer is hard to read on the button.")),
)
IN_SCHEME = {"light": N_("In the light scheme"), "dark": N_("In the dark scheme")}
#: How far the hover shade moves from the primary colour towards black (light scheme)
#: or white (dark scheme): a dark scheme needs a larger step to be seen.
STRONG_STEP = {"light": 0.315, "dark": 0.4}
HEX = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")
LOGO_TYPES = (".svg",)
FAVICON_TYPES = (".svg", ".png", ".ico")
SVG_NAMESPACE = "http://www.w3.org/2000/svg"
#: Elements a logo may not contain: they run code or embed other documents.
FORBIDDEN_ELEMENTS = {"script", "foreignobject", "iframe", "embed", "object", "handler", "listener"}
LINK_ATTRIBUTES = {"href", "{http://www.w3.org/1999/xlink}href", "src"}
#: Marker in the site's stylesheet where the brand colours go (else at its start).
STYLESHEET_MARKER = "/* kirkas:brand */"

RGB = tuple[int, int, int]


def parse_color(text: str) -> RGB:
    """(r, g, b) of '#1d5c57' or '#fff'."""
    digits = text.lstrip("#")
    if len(digits) == 3:
        digits = "".join(character * 2 for character in digits)
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def hex_color(rgb: RGB) -> str:
    """'#1d5c57'."""
    return "#" + "".join(f"{channel:02x}" for channel in rgb)


def mix(color: RGB, other: RGB, amount: float) -> RGB:
    """A colour moved towards another by amount (0 = unchanged, 1 = the other)."""
    return tuple(round(a + (b - a) * amount) for a, b in zip(color, other))  # type: ignore[return-value]


def relative_luminance(rgb: RGB) -> float:
    """WCAG 2.x relative luminance."""
    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4
    red, green, blue = (linear(channel) for channel in rgb)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: RGB, second: RGB) -> float:
    """WCAG contrast ratio of two colours (1 to 21)."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@dataclass(frozen=True)
class Scheme:
    """The colours of one scheme, the owner's five and the derived ones."""

    name: str
    colors: dict[str, RGB]

    def hex(self, role: str) -> str:
        """A colour as '#rrggbb'."""
        return hex_color(self.colors[role])


def derive(scheme: str, colors: dict[str, RGB]) -> dict[str, RGB]:
    """The owner's colours plus the derived ones (primary_strong)."""
    towards = (0, 0, 0) if relative_luminance(colors["text"]) < relative_luminance(colors["background"]) \
        else (255, 255, 255)
    return {**colors, "primary_strong": mix(colors["primary"], towards, STRONG_STEP[scheme])}


def schemes(practice: Practice) -> dict[str, Scheme]:
    """The brand's colour schemes (only when they are valid: check practice.errors first)."""
    section = practice.get("brand.colors", {}) or {}
    found = {}
    for scheme in SCHEMES:
        values = section.get(scheme) or {}
        if all(isinstance(values.get(role), str) and HEX.fullmatch(values[role]) for role in COLOR_ROLES):
            found[scheme] = Scheme(scheme, derive(scheme, {role: parse_color(values[role]) for role in COLOR_ROLES}))
    return found


def stylesheet_rules(practice: Practice) -> str:
    """The brand colours as CSS custom properties of the two schemes."""
    rules = []
    for scheme in schemes(practice).values():
        declarations = ";".join(f"{prop}:{scheme.hex(role)}" for role, prop in CSS_PROPERTIES.items())
        rules.append(f'[data-md-color-scheme="{SCHEME_NAMES[scheme.name]}"]{{{declarations}}}')
    return "\n".join(rules)


def docs_dir_of(practice: Practice) -> Path:
    """The docs folder of the data file (docs/_data/practice.yml -> docs/)."""
    return practice.source.parent.parent


def brand_file(practice: Practice, key: str) -> Path | None:
    """The file of brand.logo or brand.favicon inside docs/ (None if not given)."""
    value = practice.get(f"brand.{key}", None)
    return docs_dir_of(practice) / value if isinstance(value, str) and value else None


# --- checks ------------------------------------------------------------------------------
def validate_brand(practice: Practice) -> None:
    """Check the brand section: files, logo safety, colours and their contrast."""
    section = practice.get("brand", None)
    if not isinstance(section, dict):
        practice.problem(("brand",), _("'brand' is missing."), _(
            "Add the section with the logo, the favicon and the colours (see docs/_ohjeet/OPAS.md): "
            "brand: logo: assets/brand/logo.svg, favicon: …, colors: …"))
        return
    for key, types in (("logo", LOGO_TYPES), ("favicon", FAVICON_TYPES)):
        _check_file(practice, key, types)
    logo = brand_file(practice, "logo")
    if logo is not None and logo.is_file() and logo.suffix.lower() in LOGO_TYPES:
        problem = svg_problem(logo, f"docs/{practice.get('brand.logo')}")
        if problem:
            practice.problem(("brand", "logo"), *problem)
    colors = section.get("colors")
    if not isinstance(colors, dict):
        practice.problem(("brand", "colors"), _("'brand.colors' is missing."),
                         _("Give the colours of the light and the dark scheme ({colors} in each).",
                           colors=", ".join(COLOR_ROLES)))
        return
    for scheme in SCHEMES:
        _check_scheme(practice, colors, scheme)
    for scheme in colors:
        if scheme not in SCHEMES:
            practice.problem(("brand", "colors", str(scheme)),
                             _("'{name}' is not a colour scheme; the schemes are light and dark.",
                               name=f"brand.colors.{scheme}"),
                             _("Correct the name, or remove the scheme."))


def _check_file(practice: Practice, key: str, types: tuple[str, ...]) -> None:
    """brand.logo / brand.favicon: a file of the right type inside docs/."""
    path: DataPath = ("brand", key)
    value = practice.get(path, None)
    name = dotted(path)
    if not isinstance(value, str) or not value or value.startswith("/"):
        practice.problem(path, _("'{name}' is not the name of a file inside docs/ (now {value}).",
                                 name=name, value=repr(value)),
                         _("Write the file's name inside docs/, e.g. {example}.",
                           example=f"assets/brand/{key}{types[0]}"))
        return
    if Path(value).suffix.lower() not in types:
        kinds = ", ".join(kind[1:].upper() for kind in types)
        if key == "logo":
            practice.problem(path, _("'{name}': docs/{file} is not an SVG file.", name=name, file=value),
                             _("Export the logo as SVG (a drawing that stays sharp at every size) and "
                               "name that file here."))
        else:
            practice.problem(path, _("'{name}': docs/{file} is not a file of the types {types}.",
                                     name=name, file=value, types=kinds),
                             _("Save the icon as one of these types and name that file here."))
        return
    if not (docs_dir_of(practice) / value).is_file():
        practice.problem(path, _("'{name}': the file docs/{file} does not exist.", name=name, file=value),
                         _("Put the file there, or correct the name."))


def _check_scheme(practice: Practice, colors: dict[str, Any], scheme: str) -> None:
    """The five colours of a scheme, and the contrast of its pairs."""
    base: DataPath = ("brand", "colors", scheme)
    values = colors.get(scheme)
    if not isinstance(values, dict):
        practice.problem(base, _("'{name}' is missing.", name=dotted(base)),
                         _("Give the colours {colors} on indented lines below it.", colors=", ".join(COLOR_ROLES)))
        return
    valid = True
    for role in COLOR_ROLES:
        value = values.get(role)
        if value is None:
            practice.problem(base, _("'{name}' is missing.", name=dotted((*base, role))),
                             _("Add it as a colour code in quotes, e.g. \"#1d5c57\"."))
            valid = False
        elif not isinstance(value, str) or not HEX.fullmatch(value):
            practice.problem((*base, role),
                             _("'{name}': {value} is not a colour.", name=dotted((*base, role)), value=repr(value)),
                             _("Write a hexadecimal colour code in quotes, e.g. \"#1d5c57\" (without quotes "
                               "YAML reads # as the start of a comment)."))
            valid = False
    for role in values:
        if role not in COLOR_ROLES:
            practice.problem((*base, str(role)),
                             _("'{name}' is not a brand colour; they are {colors}.",
                               name=dotted((*base, str(role))), colors=", ".join(COLOR_ROLES)),
                             _("Correct the name, or remove the line."))
    if not valid:
        return
    derived = derive(scheme, {role: parse_color(values[role]) for role in COLOR_ROLES})
    for foreground, background, minimum, what in CONTRAST_PAIRS:
        ratio = contrast_ratio(derived[foreground], derived[background])
        if ratio + 1e-9 < minimum:
            owned = [role for role in (foreground, background) if role in COLOR_ROLES] or ["primary"]
            if "primary_strong" in (foreground, background) and "primary" not in owned:
                owned.append("primary")
            message = " ".join((
                _(what, in_scheme=_(IN_SCHEME[scheme])),
                _("The contrast is {ratio}:1 ({foreground} on {background}); WCAG AA needs {minimum}:1.",
                  ratio=f"{ratio:.1f}", foreground=f"{dotted((*base, foreground))} {hex_color(derived[foreground])}",
                  background=hex_color(derived[background]), minimum=f"{minimum:g}"),
            ))
            if len(owned) == 1:
                fix = _("Make '{color}' darker or lighter.", color=owned[0])
            else:
                fix = _("Make '{color}' or '{other}' darker or lighter.", color=owned[0], other=owned[1])
            practice.problem((*base, owned[0]), message, fix)


def svg_problem(path: Path, shown: str = "") -> tuple[str, str] | None:
    """(what is wrong, how to fix it) when an SVG file cannot be inlined in every page, or None.

    shown is the file as the owner names it (docs/assets/brand/logo.svg; its name if not given).
    """
    file = shown or path.name
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return (_("The logo {file} cannot be read as text.", file=file),
                _("Save it as an SVG file (UTF-8)."))
    if re.search(r"<!DOCTYPE|<!ENTITY", text, re.IGNORECASE):
        return (_("The logo {file} has a DOCTYPE or ENTITY declaration.", file=file),
                _("Export the logo as a plain SVG."))
    try:
        root = ElementTree.fromstring(text)
    except ElementTree.ParseError as error:
        return (_("The logo {file} is not a valid SVG file ({error}).", file=file, error=error),
                _("Export it again as SVG."))
    if _local(root.tag) != "svg":
        return (_("The logo {file} is not an SVG drawing (its outermost element is not <svg>).", file=file),
                _("Export the logo as SVG."))
    for element in root.iter():
        name = _local(element.tag).lower()
        if name in FORBIDDEN_ELEMENTS:
            return (_("The logo {file} contains <{element}>, which could run code in every page.",
                      file=file, element=_local(element.tag)),
                    _("Export the logo without it."))
        for attribute, value in element.attrib.items():
            local = _local(attribute).lower()
            if local.startswith("on"):
                return (_("The logo {file} has an event handler ({attribute}=…), which could run code.",
                          file=file, attribute=local),
                        _("Remove the attribute, or export the logo without it."))
            if attribute in LINK_ATTRIBUTES and not value.startswith(("#", "data:image/")):
                return (_("The logo {file} refers to another file ({link}); the logo must be "
                          "self-contained (the site loads nothing from elsewhere).", file=file, link=value),
                        _("Embed that file in the logo, or remove the reference."))
            if local == "style":
                return (_("The logo {file} uses style=\"…\" attributes, which the site's security "
                          "policy blocks.", file=file),
                        _("Use presentation attributes such as fill=\"#1d5c57\" instead."))
            if local == "id":
                return (_("The logo {file} has id=\"{id}\"; the logo is shown twice on every page, so "
                          "ids would repeat.", file=file, id=value),
                        _("Export it without ids (e.g. solid fills instead of gradients)."))
    return None


def _local(name: str) -> str:
    """An XML name without its namespace."""
    return name.rsplit("}", 1)[-1]


def logo_markup(practice: Practice) -> Markup | None:
    """The logo's SVG, ready to inline (only when it passed the checks)."""
    path = brand_file(practice, "logo")
    if path is None or not path.is_file() or svg_problem(path):
        return None
    text = path.read_text(encoding="utf-8-sig")
    start = text.find("<svg")
    return Markup(text[start:].strip()) if start >= 0 else None


def social_colors(practice: Practice) -> dict[str, RGB] | None:
    """Colours of the sharing images: the light scheme's background, text and primary."""
    light = schemes(practice).get("light")
    if light is None:
        return None
    colors = light.colors
    return {
        "background": colors["background"],
        "ink": colors["text"],
        "muted": mix(colors["text"], colors["background"], 0.25),
        "accent": colors["primary"],
    }
