"""The built site loads less (hooks/lean_assets.py): no unused palette stylesheet, no
blocking script, and a theme stylesheet without rules for unused features (but with
the rules of classes that only the theme's script adds)."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import material
import tinycss2

THEME_STYLESHEETS = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"


def selectors(css: str) -> set[str]:
    """Every selector list of a stylesheet, at any @media depth, whitespace-normalised."""
    found: set[str] = set()

    def walk(rules) -> None:
        for rule in rules:
            if rule.type == "qualified-rule":
                found.update(" ".join(part.split()) for part in tinycss2.serialize(rule.prelude).split(","))
            elif rule.type == "at-rule" and rule.content is not None and rule.lower_at_keyword == "media":
                walk(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True))

    walk(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True))
    return found


def built_theme_css(site) -> str:
    """Text of the theme stylesheet in the built site."""
    (path,) = (site.root / "assets" / "stylesheets").glob("main.*.min.css")
    return path.read_text(encoding="utf-8")


def test_pages_load_neither_the_palette_stylesheet_nor_a_blocking_script(site):
    for path in site.html_files:
        tree = site.parse(path)
        sheets = [link.attributes.get("href", "") for link in tree.css('link[rel="stylesheet"]')]
        assert not any("palette." in href for href in sheets), path
        for script in tree.css("script[src]"):
            assert "defer" in script.attributes, (path, script.attributes["src"])


def test_theme_stylesheet_keeps_the_rules_of_classes_on_the_pages(site):
    (original_path,) = THEME_STYLESHEETS.glob("main.*.min.css")
    original = selectors(original_path.read_text(encoding="utf-8"))
    built = selectors(built_theme_css(site))
    assert len(built) < len(original) * 0.8, "expected rules of unused features to be removed"
    page_classes = set()
    for path in site.html_files:
        for node in site.parse(path).css("[class]"):
            page_classes.update(node.attributes["class"].split())
    lost = [
        selector for selector in original - built
        if re.findall(r"\.([\w-]+)", selector)
        and all(name in page_classes for name in re.findall(r"\.([\w-]+)", selector))
        and "(" not in selector
    ]
    assert not lost, f"rules for classes that pages use were removed: {lost[:20]}"


def test_rules_for_classes_only_the_theme_script_adds_are_kept(site):
    """Material's bundle is listed by the after-paint loader, not in a src: its classes still count."""
    (bundle,) = (site.root / "assets" / "javascripts").glob("bundle.*.min.js")
    script_words = set(re.findall(r"md-[\w-]+", bundle.read_text(encoding="utf-8")))
    page_classes = {name for path in site.html_files for node in site.parse(path).css("[class]")
                    for name in node.attributes["class"].split()}
    built = " ".join(selectors(built_theme_css(site)))
    name = "md-header--shadow"  # added when the page scrolls
    assert name in script_words, f"{name} is no longer in Material's script: pick another example"
    assert name not in page_classes, f"{name} is on a page: the check would not test a script-only class"
    assert f".{name}" in built, f"the rules of .{name} (added by Material's script) were removed"


def test_rules_of_unused_features_are_gone(site):
    built = selectors(built_theme_css(site))
    for feature in (".md-post", ".md-consent"):
        assert not any(feature in selector for selector in built), feature


def test_search_rules_are_kept_for_the_search_pages_only_they_have_the_form(site):
    """The search and 404 pages use the search result styles; ordinary pages have no search form."""
    built = selectors(built_theme_css(site))
    assert any(".md-search-result__link" in selector for selector in built)
    with_form = [site.url_path(path) for path in site.html_files if site.parse(path).css_first('form[name="search"]')]
    search_pages = {site.role_url("search", language) for language in site.languages}
    assert with_form and all(url in search_pages or url.endswith("404.html") for url in with_form), with_form
    for home in (site.url_of("index.md", language) for language in site.languages):
        assert site.parse(home).css_first('form[name="search"]') is None, home


def test_parsed_theme_stylesheet_is_reused_and_gives_the_same_result(tmp_path, monkeypatch):
    """The cached outline of Material's stylesheet purges exactly as a fresh parse does."""
    monkeypatch.syspath_prepend(str(Path(__file__).resolve().parents[1] / "hooks"))  # as MkDocs loads hooks
    lean_assets = importlib.import_module("lean_assets")
    ClassUse, purge_stylesheet = lean_assets.ClassUse, lean_assets.purge_stylesheet

    css = next(THEME_STYLESHEETS.glob("main.*.min.css"))
    text = css.read_text(encoding="utf-8")
    use = ClassUse({"md-header", "md-grid", "md-typeset", "md-button"}, {"md-search"})
    fresh = purge_stylesheet(text, use)
    first = purge_stylesheet(text, use, tmp_path)
    (entry,) = tmp_path.iterdir()
    second = purge_stylesheet(text, use, tmp_path)
    assert fresh == first == second
    assert ".md-header{" in fresh and ".md-nav__link{" not in fresh
    # Another stylesheet text (a new Material version) gets an entry of its own.
    purge_stylesheet(text + ".md-extra{color:red}", ClassUse({"md-extra"}, set()), tmp_path)
    assert len(list(tmp_path.iterdir())) == 2 and entry.exists()
