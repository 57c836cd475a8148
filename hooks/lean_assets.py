"""Load less, and nothing that blocks the first paint without need.

- Material's palette stylesheet (palette.*.min.css) defines its named colour
  schemes (indigo, slate, ...). The site defines its own schemes, kirkas-light and
  kirkas-dark, in kirkas.css, so that request is dropped.
- Scripts, Material's bundle among them, load after the first paint
  (hooks/scripts_after_paint.py); their class names count as used below.
- Material's stylesheet styles every feature of the theme (search, code blocks,
  blog, versions, ...). After the last language is built, the rules whose selectors
  need a class that appears in no page and in no script are removed from it, and
  the site's own stylesheet is minified. A selector is kept when in doubt: classes
  inside :not()/:is()/:where() do not count, and a class counts as used when a
  script contains it or the start of it (class names built by concatenation).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path

import tinycss2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.pages import Page
from selectolax.lexbor import LexborHTMLParser

from kirkas import i18n
from kirkas.cache import cache_directory
from kirkas.scripts import script_sources

log = get_plugin_logger("lean_assets")

#: Before hooks/valid_markup.py (-900) and hooks/csp.py (-1000).
BEFORE_MARKUP_FIXES = -800
PALETTE_STYLESHEET = 'link[rel="stylesheet"][href*="assets/stylesheets/palette."]'
#: Stylesheets that are purged of unused rules and minified (site-relative globs).
PURGED_STYLESHEETS = ("assets/stylesheets/main.*.min.css", "assets/stylesheets/kirkas.css")
#: A class in a selector, outside parentheses (CSS text, not HTML).
SELECTOR_CLASS = re.compile(r"\.(-?[_a-zA-Z][_a-zA-Z0-9-]*)")
#: Words in scripts that may be (the start of) a class name.
SCRIPT_WORD = re.compile(r"[_a-zA-Z][_a-zA-Z0-9-]*")


def lean(output: str) -> str:
    """The page without Material's palette stylesheet."""
    tree = LexborHTMLParser(output)
    changed = False
    for node in tree.css(PALETTE_STYLESHEET):
        node.decompose()
        changed = True
    return (tree.html or output) if changed else output


@event_priority(BEFORE_MARKUP_FIXES)
def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    """Drop the unused palette stylesheet."""
    return lean(output)


@event_priority(BEFORE_MARKUP_FIXES)
def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    """The same for pages rendered from a template alone (404.html)."""
    return lean(output_content) if template_name.endswith(".html") else output_content


def used_class_names(site_dir: Path) -> tuple[set[str], set[str]]:
    """(classes of every built page, words of the scripts the pages load) of the site."""
    classes: set[str] = set()
    scripts: set[Path] = set()
    for page in site_dir.rglob("*.html"):
        tree = LexborHTMLParser(page.read_text(encoding="utf-8"))
        for node in tree.css("[class]"):
            classes.update((node.attributes.get("class") or "").split())
        for source in script_sources(tree):
            source = source.split("?")[0]
            if "://" not in source:
                scripts.add((page.parent / source).resolve())
    words: set[str] = set()
    for script in sorted(scripts):
        if script.is_file():
            words.update(SCRIPT_WORD.findall(script.read_text(encoding="utf-8", errors="replace")))
    return classes, words


def without_parentheses(selector: str) -> str:
    """A selector with everything inside parentheses removed (':not(.a)' -> ':not')."""
    depth, kept = 0, []
    for character in selector:
        if character == "(":
            depth += 1
        elif character == ")":
            depth -= 1
        elif depth == 0:
            kept.append(character)
    return "".join(kept)


def split_selectors(prelude: str) -> list[str]:
    """The selectors of a selector list, split at top-level commas."""
    depth, current, parts = 0, [], []
    for character in prelude:
        if character in "([":
            depth += 1
        elif character in ")]":
            depth -= 1
        if character == "," and depth == 0:
            parts.append("".join(current).strip())
            current = []
        else:
            current.append(character)
    parts.append("".join(current).strip())
    return [part for part in parts if part]


class ClassUse:
    """Answers whether a class can appear on the site."""

    def __init__(self, classes: set[str], words: set[str]) -> None:
        self.classes = classes
        self.words = words
        self.prefixes = tuple(word for word in words if word.endswith(("-", "_")) and len(word) > 3)

    def used(self, name: str) -> bool:
        """True when a page has the class, or a script may add it."""
        return name in self.classes or name in self.words or name.startswith(self.prefixes)

    def selector_may_match(self, selector: str) -> bool:
        """False only when the selector needs a class no page or script has."""
        return all(self.used(name) for name in SELECTOR_CLASS.findall(without_parentheses(selector)))


def outline(rules: list) -> list[dict]:
    """The rules as plain data: selectors and body per rule, nested in their at-rules."""
    out: list[dict] = []
    for rule in rules:
        if rule.type == "qualified-rule":
            out.append({"selectors": split_selectors(tinycss2.serialize(rule.prelude)),
                        "body": tinycss2.serialize(rule.content).strip()})
        elif rule.type == "at-rule":
            prelude = tinycss2.serialize(rule.prelude).strip()
            head = f"@{rule.at_keyword}{' ' + prelude if prelude else ''}"
            if rule.content is None:
                out.append({"head": head})
            elif rule.lower_at_keyword in ("media", "supports", "container", "layer"):
                inner = tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True)
                out.append({"head": head, "rules": outline(inner)})
            else:
                out.append({"head": head, "body": tinycss2.serialize(rule.content).strip()})
    return out


def purge_rules(rules: list[dict], use: ClassUse) -> str:
    """CSS text of the outlined rules that may match, minified."""
    out = []
    for rule in rules:
        if "selectors" in rule:
            selectors = [selector for selector in rule["selectors"] if use.selector_may_match(selector)]
            if selectors:
                out.append(",".join(selectors) + "{" + rule["body"] + "}")
        elif "rules" in rule:
            inner = purge_rules(rule["rules"], use)
            if inner:
                out.append(rule["head"] + "{" + inner + "}")
        elif "body" in rule:
            out.append(rule["head"] + "{" + rule["body"] + "}")
        else:
            out.append(rule["head"] + ";")
    return "".join(out)


def outline_of(css: str, cache_dir: Path | None) -> list[dict]:
    """The outline of a stylesheet, kept in cache_dir under the hash of its text.

    Parsing Material's stylesheet is most of this hook's time and its text only
    changes with Material's version, so the outline is parsed once and reused.
    """
    if cache_dir is None:
        return outline(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True))
    cached = cache_dir / f"{hashlib.sha256(css.encode('utf-8')).hexdigest()}.json"
    if cached.is_file():
        return json.loads(cached.read_text(encoding="utf-8"))
    rules = outline(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True))
    partial = cached.with_suffix(f".{os.getpid()}.tmp")
    partial.write_text(json.dumps(rules), encoding="utf-8")
    partial.replace(cached)
    return rules


def purge_stylesheet(css: str, use: ClassUse, cache_dir: Path | None = None) -> str:
    """A stylesheet without the rules that cannot match any page of the site."""
    return purge_rules(outline_of(css, cache_dir), use)


@event_priority(i18n.AFTER_ALL_LANGUAGES)
def on_post_build(*, config: MkDocsConfig) -> None:
    """After the last language: purge and minify the stylesheets of the built site."""
    if not i18n.is_outer_post_build(config):
        return
    site_dir = Path(config.site_dir)
    cache_dir = cache_directory(config, "stylesheets")
    use = ClassUse(*used_class_names(site_dir))
    for pattern in PURGED_STYLESHEETS:
        for stylesheet in site_dir.glob(pattern):
            before = stylesheet.read_text(encoding="utf-8")
            after = purge_stylesheet(before, use, cache_dir)
            stylesheet.write_text(after, encoding="utf-8")
            log.debug(f"{stylesheet.name}: {len(before)} -> {len(after)} characters")
