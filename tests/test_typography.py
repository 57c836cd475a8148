"""The typography check (hooks/typography.py) in the build.

Wrong typography written into a copy of the real site – an ordinary space before %,
straight quotation marks, a straight apostrophe – fails the strict build, and each
fault is named once with its file and line and how to fix it, in the rules of the
page's language (the quotation marks of its words file's settings, the space
before % of the language's number format). Markup that is not text is never checked,
and the real site passes.
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path, PurePosixPath
from types import ModuleType

import pytest
from babel import Locale
import yaml

from tests.support.report import entries_at, report_by_file
from tests.support.site import LANGUAGES, PROJECT_ROOT, SITE_PROJECT, WORDS_DIR, BuiltSite, build_project, copy_project

#: Each language's words file (its settings: Babel locale and quotation marks).
WORDS = {language: yaml.safe_load((SITE_PROJECT / WORDS_DIR / f"{language}.yml").read_text(encoding="utf-8"))
         for language in LANGUAGES}
#: Faults written into one page of each language: (rule, text of the line).
FAULTS = {
    "percent": "Alennus 10 % tänään.",
    "quotes": 'Hän sanoi "kiitos" ja lähti.',
    "apostrophe": "Visitor's book.",
}
#: Markup with straight quotes, apostrophes and percent signs that a reader never sees as text.
NOT_TEXT = (
    "Katso `\"koodi\" 10 %` ja [linkki](https://example.com/?q=10%25 \"Otsikko\")"
    "{ title='x' } sekä <span title=\"a 'b'\">teksti</span> <!-- \"kommentti\" 10 % -->"
)
NOT_TEXT_BLOCK = '```text\n"koodia" 10 % it\'s\n```'


@pytest.fixture(scope="module")
def typography(request: pytest.FixtureRequest) -> ModuleType:
    """The hook module, imported as MkDocs imports hooks (hooks/ on sys.path)."""
    monkeypatch = pytest.MonkeyPatch()
    request.addfinalizer(monkeypatch.undo)
    monkeypatch.syspath_prepend(str(PROJECT_ROOT / "hooks"))
    return importlib.import_module("typography")


def quote_marks() -> dict[str, tuple[str, str]]:
    """The quotation marks of each language, from its words file (settings.quotes)."""
    return {language: tuple(WORDS[language]["settings"]["quotes"]) for language in LANGUAGES}


def percent_space(language: str) -> str:
    """The space the language writes between a number and % (CLDR percent pattern of its locale)."""
    pattern = Locale.parse(WORDS[language]["settings"]["locale"]).percent_formats[None].pattern
    return re.search(r"[0#]([^0#%]*)%", pattern).group(1)


def page_of(project: Path, language: str) -> str:
    """A top-level page of a language in the copy (docs/x.md, docs/x.sv.md …), as docs path."""
    default = LANGUAGES[0]
    for path in sorted((project / "docs").glob("*.md")):
        stem, _, suffix = PurePosixPath(path.name).stem.rpartition(".")
        found = suffix if stem and suffix in LANGUAGES else default
        if found == language:
            return f"docs/{path.name}"
    raise AssertionError(f"no page of language {language} in docs/")


def append_lines(project: Path, file: str, texts: list[str]) -> list[int]:
    """Append paragraphs to a page; returns the line number of each."""
    path = project / file
    content = path.read_text(encoding="utf-8").rstrip("\n") + "\n"
    numbers = []
    for text in texts:
        content += "\n"
        numbers.append(content.count("\n") + 1)
        content += text + "\n"
    path.write_text(content, encoding="utf-8")
    return numbers


def messages_at(output: str, file: str, line: int) -> list[str]:
    """The report's entries for one line of a file."""
    return entries_at(output, file, line)


@pytest.fixture(scope="module")
def broken_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict[str, dict[str, int]], dict[str, int]]:
    """A copy with every fault in one page of each language, built once.

    Returns the build output, the line of each fault by file and rule, and the line of
    the markup-only paragraph by file (files as docs paths, e.g. 'docs/x.sv.md').
    """
    root = tmp_path_factory.mktemp("typography")
    project = copy_project(root / "project")
    faults: dict[str, dict[str, int]] = {}
    harmless: dict[str, int] = {}
    for language in LANGUAGES:
        file = page_of(project, language)
        numbers = append_lines(project, file, [*FAULTS.values(), NOT_TEXT, NOT_TEXT_BLOCK])
        faults[file] = dict(zip(FAULTS, numbers))
        harmless[file] = numbers[len(FAULTS)]
    result = build_project(project, root / "site")
    assert result.returncode != 0, f"the build passed despite wrong typography:\n{result.output}"
    return result.output, faults, harmless


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.real_site
def test_each_fault_is_named_once_with_file_line_and_fix(broken_build, language):
    output, faults, _ = broken_build
    file = page_of(SITE_PROJECT, language)
    opening, closing = quote_marks()[language]
    expected_fix = {
        "percent": f"10{percent_space(language)}%",
        "quotes": f"{opening}kiitos{closing}",
        "apostrophe": "Visitor’s",
    }
    for rule, line in faults[file].items():
        messages = messages_at(output, file, line)
        assert len(messages) == 1, f"{file}:{line} ({rule}) reported {len(messages)} times:\n{output}"
        assert "How to fix:" in messages[0], messages[0]
        assert expected_fix[rule] in messages[0], f"{rule}: the fix {expected_fix[rule]!r} is not suggested:\n{messages[0]}"


@pytest.mark.real_site
def test_markup_that_is_not_text_is_not_checked(broken_build):
    output, _, harmless = broken_build
    for file, line in harmless.items():
        for offset in range(5):  # the paragraph and the fenced block after it
            assert not messages_at(output, file, line + offset), (
                f"{file}:{line + offset}: markup was checked as text:\n"
                + "\n".join(messages_at(output, file, line + offset))
            )


def test_real_site_passes_the_typography_check(site: BuiltSite):
    assert not report_by_file(site.output), site.output


def test_front_matter_code_and_references_are_skipped(typography):
    page = (
        '---\ndescription: "It\'s 10 % of it"\n---\n\n# Otsikko\n\n'
        "Alv <!-- data: vat.rate --> ja 50\u00a0%.\n\n```\n\"x\" 10 %\n```\n\n"
        '!!! warning "Don\'t"\n    Teksti.\n'
    )
    lines = dict(typography.checked_lines(page))
    assert 2 not in lines and 10 not in lines, lines
    assert lines[13].strip() == "Don't", "an admonition's title is checked, its syntax is not"
    assert typography.VALUE in lines[7], "a data reference stands for a value"
