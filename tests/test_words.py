"""Interface words (docs/_data/words/<language>.yml, kirkas.words): loaded, checked, used.

The default language's file is the model for the others; a language without a file,
a missing or unknown key, a changed placeholder, a bad setting, or a word a template
uses that the default file lacks fails the build, naming the file and the line.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
import yaml

from kirkas.sources import SourceProblem
from kirkas.words import load_words, template_uses
from tests.support.report import entries_at
from tests.support.site import FIXTURE_PRACTICE, PROJECT_ROOT, SITE_CONFIG, build_project

WORDS_DIR = Path("docs") / "_data" / "words"
FI = textwrap.dedent("""\
    settings:
      locale: fi_FI
      og_locale: fi_FI
      phone_style: national
      quotes: ["”", "”"]
      hyphenator: voikko
    header:
      menu: Valikko
      quote: Pyydä tarjous
    prices:
      vat: Alv {rate}
      options:
        - Heti
        - Myöhemmin
    """)
EN = textwrap.dedent("""\
    settings:
      locale: en_IE
      og_locale: en_GB
      phone_style: international
      quotes: ["“", "”"]
      hyphenator: pyphen
    header:
      menu: Menu
      quote: Request a quote
    prices:
      vat: VAT {rate}
      options:
        - Now
        - Later
    """)


def words_project(tmp_path: Path, files: dict[str, str], template: str = "") -> Path:
    """A folder with docs/_data/words/<language>.yml files and an optional template."""
    folder = tmp_path / WORDS_DIR
    folder.mkdir(parents=True)
    for language, text in files.items():
        (folder / f"{language}.yml").write_text(text, encoding="utf-8")
    if template:
        (tmp_path / "overrides").mkdir()
        (tmp_path / "overrides" / "page.html").write_text(template, encoding="utf-8")
    return tmp_path


def messages(tmp_path: Path, files: dict[str, str], languages=("fi", "en"), template: str = "") -> list[SourceProblem]:
    """The problems load_words finds: file, line, what is wrong, how to fix it (English)."""
    root = words_project(tmp_path, files, template)
    book = load_words(root / "docs", list(languages), root,
                      theme_dirs=[root / "overrides"] if template else [])
    return book.errors


def line_of(text: str, needle: str) -> int:
    """1-based line of the first line containing needle."""
    return next(number for number, line in enumerate(text.splitlines(), 1) if needle in line)


def test_matching_files_have_no_problems_and_give_words_and_settings(tmp_path):
    root = words_project(tmp_path, {"fi": FI, "en": EN})
    book = load_words(root / "docs", ["fi", "en"], root)
    assert book.errors == []
    assert book.words("en").header.menu == "Menu"
    assert book.words("fi")["prices"]["options"] == ["Heti", "Myöhemmin"]
    assert book.settings("en").phone_style == "international"
    assert book.settings("fi").locale == "fi_FI"
    assert (book.settings("fi").hyphenator, book.settings("en").hyphenator) == ("voikko", "pyphen")


def test_a_key_missing_in_a_translation_names_both_files(tmp_path):
    english = EN.replace("  quote: Request a quote\n", "")
    (found,) = messages(tmp_path, {"fi": FI, "en": english})
    assert (found.file, found.line) == ("docs/_data/words/en.yml", line_of(english, "header:"))
    assert found.message.startswith("'header.quote' is missing")
    assert f"docs/_data/words/fi.yml, line {line_of(FI, 'quote:')} has it" in found.message
    assert found.fix == "Add 'quote:' under header: with the text in this language."


def test_an_unknown_key_is_named_with_the_closest_known_one(tmp_path):
    english = EN.replace("  menu: Menu\n", "  menu: Menu\n  qoute: Quote\n")
    found = messages(tmp_path, {"fi": FI, "en": english})
    assert found == [SourceProblem(
        "docs/_data/words/en.yml", line_of(english, "qoute"),
        "'header.qoute' is not a key of docs/_data/words/fi.yml, so nothing shows it.",
        "Did you mean 'header.quote'? Correct its name, or remove it.")]


def test_a_changed_placeholder_is_an_error(tmp_path):
    english = EN.replace("VAT {rate}", "VAT {percent}")
    (found,) = messages(tmp_path, {"fi": FI, "en": english})
    assert (found.file, found.line) == ("docs/_data/words/en.yml", line_of(english, "VAT"))
    assert "{rate}" in found.message and "'prices.vat'" in found.message


def test_a_language_without_a_file_is_named(tmp_path):
    (found,) = messages(tmp_path, {"fi": FI, "en": EN}, languages=("fi", "en", "sv"))
    assert found.message == "The language 'sv' has no words file docs/_data/words/sv.yml."
    assert found.fix.startswith("Copy docs/_data/words/fi.yml to docs/_data/words/sv.yml")


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("locale: en_IE", "locale: xx_QQ", "not a locale Babel knows"),
    ("locale: en_IE", "locale: fi_FI", "is for the language 'fi'"),
    ("og_locale: en_GB", "og_locale: english", "Open Graph locale"),
    ("phone_style: international", "phone_style: local", "national"),
    ("hyphenator: pyphen", "hyphenator: hunspell", "voikko"),
    ("  menu: Menu", "  menu: ''", "is empty"),
    ("  quote: Request a quote", "  quote:\n    - a list", "must be one text"),
])
def test_bad_values_are_named_with_their_line(tmp_path, old, new, expected):
    english = EN.replace(old, new)
    found = messages(tmp_path, {"fi": FI, "en": english})
    line = line_of(english, new.split("\n")[0].strip())
    assert any((problem.file, problem.line) == ("docs/_data/words/en.yml", line)
               and expected in f"{problem.message} {problem.fix}" for problem in found), found


def test_a_word_a_template_uses_must_be_in_the_default_file(tmp_path):
    template = "<p>{{ words.header.menu }}</p>\n{% set t = words.prices %}\n<p>{{ t.total }}</p>\n"
    found = messages(tmp_path, {"fi": FI, "en": EN}, template=template)
    assert found == [SourceProblem(
        "overrides/page.html", 3,
        "This file uses the word 'prices.total', which docs/_data/words/fi.yml does not have.",
        "Add 'total:' under prices: to every language's words file.")]


def test_every_word_the_engine_templates_use_is_in_the_real_default_file():
    default = SITE_CONFIG.default_language
    model = yaml.safe_load((PROJECT_ROOT / WORDS_DIR / f"{default}.yml").read_text(encoding="utf-8"))
    uses = list(template_uses([PROJECT_ROOT / "overrides"]))
    assert len(uses) > 50, "the templates' words were not found"
    for template, line, path in uses:
        value = model
        for key in path:
            if not isinstance(value, dict):
                break
            assert key in value, f"{template}:{line}: words.{'.'.join(path)}"
            value = value[key]


def test_no_template_or_hook_keeps_a_word_table():
    """The words are only in the words files: no language-keyed tables in templates or hooks."""
    languages = "|".join(SITE_CONFIG.languages)
    table = re.compile(rf"""["']({languages})["']\s*:\s*[{{"']""")
    offenders = [str(path.relative_to(PROJECT_ROOT)) for folder in ("overrides", "hooks")
                 for path in (PROJECT_ROOT / folder).rglob("*") if path.suffix in (".html", ".py")
                 and table.search(path.read_text(encoding="utf-8"))]
    assert not offenders, offenders
    assert not (PROJECT_ROOT / "hooks" / "kirkas" / "labels.py").exists()


def test_the_fixture_and_the_site_have_the_same_keys():
    """Both practices' words files follow the same model (the engine's needs)."""
    def keys(value, path=()):
        if isinstance(value, dict):
            for key, item in value.items():
                yield from keys(item, (*path, key))
        else:
            yield path

    real = yaml.safe_load((PROJECT_ROOT / WORDS_DIR / f"{SITE_CONFIG.default_language}.yml").read_text(encoding="utf-8"))
    fixture = yaml.safe_load((FIXTURE_PRACTICE / WORDS_DIR / "fi.yml").read_text(encoding="utf-8"))
    assert set(keys(real)) == set(keys(fixture))


@pytest.mark.slow
def test_words_problems_fail_the_build_with_file_and_line(fixture_project: Path, tmp_path: Path):
    english_file = fixture_project / WORDS_DIR / "en.yml"
    english = english_file.read_text(encoding="utf-8")
    english = english.replace("  search: Search\n", "").replace("  menu: Menu\n", "  menu: Menu\n  serch: Search\n")
    english_file.write_text(english, encoding="utf-8")
    finnish = (fixture_project / WORDS_DIR / "fi.yml").read_text(encoding="utf-8")
    config = fixture_project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("        - locale: en\n", "        - locale: sv\n          name: Svenska\n"
                                   "          build: true\n        - locale: en\n"), encoding="utf-8")
    sv_line = line_of(config.read_text(encoding="utf-8"), "- locale: sv")
    result = build_project(fixture_project, tmp_path / "site")
    assert result.returncode != 0
    (missing,) = entries_at(result.output, "docs/_data/words/en.yml", line_of(english, "header:"))
    assert (f"'header.search' is missing (docs/_data/words/fi.yml, line {line_of(finnish, 'search: Haku')} "
            "has it") in missing
    assert "How to fix: Add 'search:' under header:" in missing
    (unknown,) = entries_at(result.output, "docs/_data/words/en.yml", line_of(english, "serch"))
    assert "'header.serch' is not a key" in unknown
    (no_file,) = entries_at(result.output, "mkdocs.yml", sv_line)
    assert "The language 'sv' has no words file docs/_data/words/sv.yml" in no_file
    assert "How to fix: Copy docs/_data/words/fi.yml to docs/_data/words/sv.yml" in no_file


def test_words_are_html_escaped(tmp_path):
    """An owner's quote mark or ampersand cannot break a page's HTML (text or attribute)."""
    english = EN.replace("  menu: Menu", '  menu: Menu "A" & <B>')
    root = words_project(tmp_path, {"fi": FI, "en": english})
    book = load_words(root / "docs", ["fi", "en"], root)
    assert book.errors == []
    assert str(book.words("en").header.menu) == "Menu &#34;A&#34; &amp; &lt;B&gt;"
    assert book.words("en").prices.options == ["Now", "Later"]
