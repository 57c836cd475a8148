"""No script delays the first paint (hooks/scripts_after_paint.py, partials/kirkas/scripts.html).

Every page lists its scripts (Material's bundle, then mkdocs.yml's extra_javascript) in
one inline loader instead of <script src> tags; in Chromium they are requested only
after the page is parsed and painted, and Material still starts: its palette toggle
works, and the site's own script has run.
"""

from __future__ import annotations

import fnmatch
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml

from hooks.kirkas.scripts import LOADER_SELECTOR, loader_sources
from tests.support.browser import open_page
from tests.support.site import LANGUAGES, SITE_PROJECT, BuiltSite
from tests.support.visits import new_context

THEME_BUNDLE = "assets/javascripts/bundle.*.min.js"
#: Pages of each kind (their own scripts differ), in varying languages.
BROWSER_PAGES = ["home", "service", "prices", "supervisor", "search", "404"]


def browser_page(site: BuiltSite, kind: str) -> str:
    """A page of a kind, read from the site's own files (languages vary with the kind)."""
    last = LANGUAGES[-1]
    if kind == "home":
        return site.url_of("index.md", LANGUAGES[0])
    if kind in ("service", "supervisor"):
        group = "services" if kind == "service" else "supervisors"
        return site.url_of(next(iter(site.data[group].values()))["page"], LANGUAGES[1 % len(LANGUAGES)])
    if kind in ("prices", "search"):
        return site.role_url(kind, last)
    return site.url_path(site.not_found_page(LANGUAGES[1 % len(LANGUAGES)]))


def site_scripts() -> list[str]:
    """The extra_javascript paths of mkdocs.yml, in order."""
    config = yaml.load((SITE_PROJECT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    return [entry["path"] if isinstance(entry, dict) else entry for entry in config.get("extra_javascript", [])]


def listed_scripts(site: BuiltSite, path: Path) -> list[str]:
    """Site paths of the scripts a page's loader lists, in order."""
    loaders = site.parse(path).css(LOADER_SELECTOR)
    assert len(loaders) == 1, f"{site.url_path(path)}: {len(loaders)} script loaders"
    page_url = "https://site.test/" + site.url_path(path)
    return [urlsplit(urljoin(page_url, source)).path.lstrip("/") for source in loader_sources(loaders[0])]


def test_every_page_lists_the_bundle_then_the_site_scripts_and_loads_none_directly(site: BuiltSite) -> None:
    expected_tail = site_scripts()
    assert expected_tail, "mkdocs.yml has no extra_javascript: the test would check only the bundle"
    problems = []
    redirects = set(site.redirect_pages)  # an old address's page loads nothing (hooks/addresses.py)
    for path in [path for path in site.html_files if path not in redirects]:
        listed = listed_scripts(site, path)
        name = site.url_path(path)
        if not (listed and fnmatch.fnmatchcase(listed[0], THEME_BUNDLE)):
            problems.append(f"{name}: Material's bundle is not loaded first: {listed}")
        if listed[1:1 + len(expected_tail)] != expected_tail:
            problems.append(f"{name}: the site's scripts are not listed in mkdocs.yml's order: {listed}")
        problems += [f"{name}: {script} does not exist" for script in listed if not (site.root / script).is_file()]
        direct = [node.attributes.get("src") for node in site.parse(path).css("script[src]")]
        problems += [f"{name}: loads {src} directly" for src in direct
                     if fnmatch.fnmatchcase(Path(src or "").name, "bundle.*.min.js")
                     or any(src and src.endswith(script) for script in expected_tail)]
    assert not problems, "\n".join(problems)


@pytest.mark.browser
@pytest.mark.parametrize("kind", BROWSER_PAGES)
def test_scripts_load_after_first_paint_and_material_starts(site, site_server, chromium, kind):
    context = new_context(chromium, viewport={"width": 375, "height": 812})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    open_page(page, site_server + browser_page(site, kind))
    timing = page.evaluate(
        """() => ({
          paint: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? null,
          parsed: performance.getEntriesByType("navigation")[0].domContentLoadedEventEnd,
          scripts: JSON.parse(document.querySelector("script[data-kirkas-scripts]").dataset.kirkasScripts)
            .map(item => new URL(item.src, location.href).href)
            .map(href => [href, performance.getEntriesByName(href)[0]?.startTime ?? null]),
          menuButton: document.querySelector("[data-kirkas-menu]")?.getAttribute("role"),
        })"""
    )
    assert timing["paint"] is not None, "no first contentful paint"
    for href, started in timing["scripts"]:
        assert started is not None, f"{href} was not requested"
        assert started >= timing["paint"], f"{href} requested at {started:.0f} ms, before the first paint"
        assert started >= timing["parsed"], f"{href} requested before the page was parsed"
    assert timing["menuButton"] == "button", "the site's script (kirkas.js) did not run"

    # Material has started: its palette toggle switches the colour scheme and remembers it.
    scheme = page.get_attribute("body", "data-md-color-scheme")
    page.locator("form[data-md-component=palette] label:visible").first.click()
    page.wait_for_function("scheme => document.body.dataset.mdColorScheme !== scheme", arg=scheme)
    assert page.evaluate("Object.keys(localStorage).some(key => key.endsWith('__palette'))")
    assert not errors, errors
    context.close()
