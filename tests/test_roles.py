"""Page roles (front matter ``role:``, kirkas/roles.py): the engine finds pages by what they are.

Each mistake fails the build with the file and line and how to fix it; renaming the
contact page and the services folder needs no code change.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from kirkas.roles import read_page, scan
from tests.support.report import entries_at, report_by_file
from tests.support.site import FIXTURE_PRACTICE, LANGUAGES, BuiltSite, build_project, copy_project, load_site_config

FIXTURE_PAGES = {  # the fixture practice's pages used below (tests/fixtures/practice/docs)
    "contact": "ota-yhteytta",
    "search": "etsi",
    "prices": "hinnasto",
    "faq": "kysymyksia",
}


def page_file(project: Path, stem: str, language: str) -> Path:
    """A page of the fixture practice in a language (fi is the default)."""
    return project / "docs" / (f"{stem}.md" if language == "fi" else f"{stem}.{language}.md")


def edit(path: Path, old: str, new: str) -> int:
    """Replace text in a page; returns the 1-based line where the new text is."""
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    return text[: text.index(new)].count("\n") + 1 if new else 0


def remove_role(project: Path, stem: str, languages=("fi", "en")) -> None:
    """Take the role line out of a page's language versions."""
    for language in languages:
        path = page_file(project, stem, language)
        path.write_text(re.sub(r"^role: .*\n", "", path.read_text(encoding="utf-8"), flags=re.M), encoding="utf-8")


def role_line(path: Path) -> int:
    """The line of a page's role: key."""
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if line.startswith("role:"))


#: A case breaks the project and says where the report must name it: (file, line or None
#: for the pages together, texts the entry must contain: what is wrong and how to fix it).
Case = Callable[[Path], tuple[str, int | None, list[str]]]


def unknown_role(project: Path) -> tuple[str, int | None, list[str]]:
    path = page_file(project, FIXTURE_PAGES["faq"], "en")
    line = edit(path, "role: faq", "role: fqa")
    return f"docs/{path.name}", line, ["Unknown role 'fqa'.", "How to fix: Did you mean 'faq'?"]


def differing_role(project: Path) -> tuple[str, int | None, list[str]]:
    path = page_file(project, FIXTURE_PAGES["prices"], "en")
    line = edit(path, "role: prices", "role: legal")
    fi = page_file(project, FIXTURE_PAGES["prices"], "fi")
    return f"docs/{path.name}", line, [
        f"'role: legal' differs from the fi version (docs/{fi.name}, line {role_line(fi)} has 'role: prices')",
        "How to fix: A page has the same role in every language: write 'role: prices'."]


def role_missing_in_translation(project: Path) -> tuple[str, int | None, list[str]]:
    remove_role(project, FIXTURE_PAGES["prices"], ("en",))
    fi = page_file(project, FIXTURE_PAGES["prices"], "fi")
    return f"docs/{FIXTURE_PAGES['prices']}.en.md", 1, [
        f"The page has no role, but its fi version docs/{fi.name} has 'role: prices' (line {role_line(fi)}).",
        "How to fix: Add 'role: prices' to its front matter"]


def two_contact_pages(project: Path) -> tuple[str, int | None, list[str]]:
    path = page_file(project, FIXTURE_PAGES["faq"], "fi")
    line = edit(path, "role: faq", "role: contact")
    contact = page_file(project, FIXTURE_PAGES["contact"], "fi")
    first, second = sorted([(f"docs/{path.name}", line), (f"docs/{contact.name}", role_line(contact))])
    return second[0], second[1], [
        f"A second page with 'role: contact' ({first[0]}, line {first[1]} has it too).",
        "How to fix: Only one page of a language can have this role"]


def no_contact_page(project: Path) -> tuple[str, int | None, list[str]]:
    remove_role(project, FIXTURE_PAGES["contact"])
    return "docs/", None, ["No page has 'role: contact'", "How to fix: Add 'role: contact' to the front matter"]


def no_search_page(project: Path) -> tuple[str, int | None, list[str]]:
    remove_role(project, FIXTURE_PAGES["search"])
    return "docs/", None, ["No page has 'role: search'", "How to fix: Add 'role: search' to the front matter"]


def no_quote_form(project: Path) -> tuple[str, int | None, list[str]]:
    for language in ("fi", "en"):
        edit(page_file(project, FIXTURE_PAGES["contact"], language), "<!-- quote-form -->", "")
    return "docs/", None, ["No page has the quote form",
                           "How to fix: Put <!-- quote-form --> on its own line on the contact page"]


def quote_form_missing_in_translation(project: Path) -> tuple[str, int | None, list[str]]:
    edit(page_file(project, FIXTURE_PAGES["contact"], "en"), "<!-- quote-form -->", "")
    fi = page_file(project, FIXTURE_PAGES["contact"], "fi")
    en = page_file(project, FIXTURE_PAGES["contact"], "en")
    form_line = fi.read_text(encoding="utf-8").splitlines().index("<!-- quote-form -->") + 1
    return f"docs/{en.name}", role_line(en), [
        f"This page has no <!-- quote-form -->, but its fi version docs/{fi.name} has one (line {form_line}).",
        "How to fix: Add it on its own line here too"]


CASES = [unknown_role, differing_role, role_missing_in_translation, two_contact_pages, no_contact_page,
         no_search_page, no_quote_form, quote_form_missing_in_translation]


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=lambda case: case.__name__)
def test_each_role_mistake_fails_the_build_naming_file_and_line(fixture_project: Path, tmp_path: Path, case: Case):
    file, line, expected = case(fixture_project)
    result = build_project(fixture_project, tmp_path / "site")
    assert result.returncode != 0, result.output
    at = entries_at(result.output, file, line) if line else [  # docs/: the pages together
        entry for entry in report_by_file(result.output).get(file, []) if entry.startswith("all pages:")]
    entries = [entry for entry in at if expected[0] in entry]
    assert len(entries) == 1, f"{expected[0]!r} not reported once at {file} line {line}:\n{result.output}"
    for text in expected:
        assert text in entries[0], f"{text!r} not in:\n{entries[0]}"


def test_read_page_finds_the_role_and_the_quote_form_outside_code(tmp_path: Path):
    page = tmp_path / "a.en.md"
    page.write_text("---\ndescription: x\nrole: contact\n---\n\n# A\n\n```\n<!-- quote-form -->\n```\n\n"
                    "<!-- quote-form -->\n", encoding="utf-8")
    found, problems = read_page(page, "a.en.md", "docs/a.en.md", ["fi", "en"])
    assert problems == []
    assert (found.base, found.language, found.role, found.role_line, found.quote_form_line) == (
        "a.md", "en", "contact", 3, 12)


def test_scan_answers_which_page_has_a_role_in_a_language(tmp_path: Path):
    docs = FIXTURE_PRACTICE / "docs"
    uris = [path.relative_to(docs).as_posix() for path in docs.rglob("*.md")]
    found = scan(docs, uris, ["fi", "en"], FIXTURE_PRACTICE)
    assert found.errors == []
    for role, stem in FIXTURE_PAGES.items():
        assert found.page_for(role, "fi").path == f"{stem}.md"
        assert found.page_for(role, "en").path == f"{stem}.en.md"
    assert found.quote_page("en").path == f"{FIXTURE_PAGES['contact']}.en.md"
    assert found.role_of(f"{FIXTURE_PAGES['faq']}.md") == "faq"
    assert found.role_of("index.md") is None


def rename(project: Path, old: str, new: str) -> None:
    """Rename a page or folder in every language, and every mention of it in nav, data and links."""
    docs = project / "docs"
    if (docs / old).is_dir():
        shutil.move(docs / old, docs / new)
    else:
        for path in list(docs.glob(f"{old}*.md")):
            path.rename(docs / path.name.replace(old, new, 1))
    texts = [project / "mkdocs.yml", docs / "_data" / "practice.yml", *docs.rglob("*.md")]
    for path in texts:
        text = path.read_text(encoding="utf-8")
        changed = re.sub(rf"(?<![\w/-]){re.escape(old)}(?=[./])", new, text)
        changed = re.sub(rf"(?<=/){re.escape(old)}(?=[./])", new, changed)
        if changed != text:
            path.write_text(changed, encoding="utf-8")


@pytest.mark.slow
@pytest.mark.real_site
def test_renaming_the_contact_page_and_the_services_folder_needs_no_code_change(tmp_path: Path):
    project = copy_project(tmp_path / "project")
    data = yaml.safe_load((project / "docs" / "_data" / "practice.yml").read_text(encoding="utf-8"))
    services_folder = next(iter(data["services"].values()))["page"].split("/")[0]
    contact_stem = next(
        path.name.split(".")[0] for path in sorted((project / "docs").glob("*.md"))
        if re.search(r"^role: contact$", path.read_text(encoding="utf-8"), re.M))
    rename(project, contact_stem, "ota-yhteytta")
    rename(project, services_folder, "tarjonta")
    result = build_project(project, tmp_path / "site")
    assert result.returncode == 0, result.output
    site = BuiltSite(tmp_path / "site", result.output, load_site_config(project / "mkdocs.yml"))
    assert not (site.root / contact_stem).exists() and not (site.root / services_folder).exists()
    for language in LANGUAGES:
        prefix = site.config.prefix(language)
        contact, services = site.url_of("ota-yhteytta.md", language), site.url_of("tarjonta/index.md", language)
        for path in site.pages_of(language):
            url = site.url_path(path)
            quote = site.parse(path).css_first("header .kirkas-actions__quote").attributes["href"]
            target = (Path("/" + url) / quote.split("?")[0].split("#")[0]).resolve().as_posix().lstrip("/") + "/"
            assert target == contact, (url, quote)
            if url.startswith(services) and url != services:
                assert "?service=" in quote, (url, quote)
        not_found = site.parse(site.root / prefix / "404.html")
        links = [a.attributes["href"] for a in not_found.css(".kirkas-not-found-links a")]
        assert f"/{services}" in links and f"/{contact}" in links, links
