"""Privacy and security of every page, in headless Chromium.

Loading a page requests nothing from any other host and sets no cookie; the
Content-Security-Policy (hooks/csp.py) lets every page run with zero violations
and zero console errors, and it really blocks script that was not in the build.
"""

from __future__ import annotations

import pytest

from tests.support.report import entries_at
from tests.support.site import LANGUAGES, append_line, build_project
from tests.support.visits import new_context, same_origin, visit

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("language", LANGUAGES)
def test_pages_stay_private_and_run_without_errors(site, site_server, chromium, language):
    """No other host, no cookie, no CSP violation, no console or script error."""
    context = new_context(chromium)
    page = context.new_page()
    not_found = site.not_found_page(language)
    pages = site.pages_of(language) + [not_found]
    problems = []
    for path in pages:
        record = visit(page, site_server + site.url_path(path))
        foreign = [url for url in record.requests if not same_origin(url, site_server)]
        problems += [f"{record.url}: request to another host: {url}" for url in foreign]
        if page.evaluate("document.cookie"):
            problems.append(f"{record.url}: document.cookie = {page.evaluate('document.cookie')!r}")
        problems += [f"{record.url}: CSP violation: {text}" for text in record.csp_violations]
        problems += [f"{record.url}: console error: {text}" for text in record.console_errors
                     if not (path == not_found and "404" in text)]
        problems += [f"{record.url}: script error: {text}" for text in record.page_errors]
    problems += [f"cookie set: {cookie['name']} ({cookie['domain']})" for cookie in context.cookies()]
    context.close()
    assert not problems, "\n".join(problems)


def test_every_page_declares_policy_and_referrer_first(site):
    problems = []
    for path in site.html_files:
        head = site.parse(path).css_first("head")
        metas = head.css("meta")
        names = [(meta.attributes.get("http-equiv") or meta.attributes.get("name") or
                  ("charset" if "charset" in meta.attributes else "")) for meta in metas]
        where = site.url_path(path) or "/"
        if names[:2] != ["charset", "Content-Security-Policy"]:
            problems.append(f"{where}: <head> starts with {names[:2]}, not charset then the policy")
            continue
        policy = metas[1].attributes["content"]
        directives = {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}
        for name in ("default-src", "script-src", "style-src", "form-action", "base-uri", "object-src"):
            if name not in directives:
                problems.append(f"{where}: policy lacks {name}")
        sources = [source for values in directives.values() for source in values]
        loose = [source for source in sources if source in ("'unsafe-inline'", "'unsafe-eval'", "*", "https:", "http:")]
        if loose:
            problems.append(f"{where}: policy allows {loose}")
        referrer = head.css_first('meta[name="referrer"]')
        if referrer is None or referrer.attributes.get("content") not in (
            "no-referrer", "strict-origin-when-cross-origin", "same-origin", "strict-origin"
        ):
            problems.append(f"{where}: no strict referrer policy")
    assert not problems, "\n".join(problems[:40])


def test_policy_blocks_script_that_was_not_built_into_the_page(site_server, chromium):
    context = new_context(chromium)
    page = context.new_page()
    visit(page, site_server)
    page.evaluate("""() => {
        window.__injected = false;
        const script = document.createElement("script");
        script.textContent = "window.__injected = true";
        document.body.appendChild(script);
    }""")
    page.wait_for_function("() => window.__cspViolations.length > 0")
    assert page.evaluate("window.__injected") is False
    assert any("script-src" in text for text in page.evaluate("window.__cspViolations"))
    context.close()


def test_inline_style_attribute_fails_the_build_naming_the_page(fixture_project, tmp_path):
    line = append_line(fixture_project, "docs/hinnasto.md", '<p style="color: red">Tarjous</p>')
    result = build_project(fixture_project, tmp_path / "site")
    assert result.returncode != 0
    (entry,) = entries_at(result.output, "docs/hinnasto.md", line)
    assert '<p> has an inline style attribute (style="color: red")' in entry
    assert "How to fix: Remove the style attribute." in entry
