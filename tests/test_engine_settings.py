"""What follows from mkdocs.yml and the data file rather than from code: languages, phone
style, search languages, quote contact per language, optional lists.

Numbers and names here are invented for the tests, not the demo's.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kirkas import guard_contacts
from kirkas.formatting import format_phone, group_digits
from kirkas.practice import load_practice_file
from kirkas.siteconfig import load_site_config
from tests.support.report import entries_at
from tests.support.site import FIXTURE_PRACTICE, LANGUAGES, PROJECT_ROOT, SITE_CONFIG, build_project

DATA_FILE = Path("docs") / "_data" / "practice.yml"
FIXTURE_DATA = (FIXTURE_PRACTICE / DATA_FILE).read_text(encoding="utf-8")


@pytest.mark.parametrize(("e164", "national", "international"), [
    ("+35898765432", "09 876 5432", "+358 9 876 5432"),
    ("+358451234567", "045 123 4567", "+358 45 123 4567"),
    ("+35861234567", "06 123 4567", "+358 6 123 4567"),
    ("+358800123456", "0800 123 456", "+358 800 123 456"),
    ("+358201234567", "020 123 4567", "+358 20 123 4567"),
])
def test_phone_numbers_are_grouped_after_the_area_code(e164, national, international):
    assert format_phone(e164, "national") == national
    assert format_phone(e164, "international") == international


def test_subscriber_numbers_are_grouped_for_reading():
    assert [group_digits(digits) for digits in ("1234", "12345", "123456", "1234567", "12345678", "123456789")] \
        == ["1234", "12 345", "123 456", "123 4567", "1234 5678", "123 456 789"]


def test_the_guard_accepts_grouped_numbers_and_still_names_near_misses():
    known = guard_contacts.KnownContacts.from_data([(("practice", "phone"), "+35898765432")], [])
    for shown in ("09 876 5432", "+358 9 876 5432", "(09) 876 5432"):
        assert list(guard_contacts.phone_findings_in_text(f"Soita {shown} tänään.", known)) == [], shown
    findings = list(guard_contacts.phone_findings_in_text("Soita 09 876 5423 tänään.", known))
    assert [finding.kind for finding in findings] == ["unknown-phone"]
    assert "09 876 5432 (+35898765432)" in findings[0].message
    assert guard_contacts.check_tel_link("tel:+35898765432", "09 876 5432", known) == []
    mismatch = guard_contacts.check_tel_link("tel:+35898765432", "09 876 5433", known)
    assert [finding.kind for finding in mismatch] == ["tel-text-mismatch"]


def test_the_languages_come_from_mkdocs_yml():
    assert list(LANGUAGES) == SITE_CONFIG.languages
    fixture = load_site_config(FIXTURE_PRACTICE / "mkdocs.yml")
    assert fixture.languages == ["fi", "en"] and fixture.prefix("en") == "en/"
    assert fixture.site_name("en") != fixture.site_name("fi")


def practice_with(tmp_path: Path, old: str, new: str, languages=("fi", "en")):
    """The fixture's data file with one change, loaded and checked."""
    assert old in FIXTURE_DATA, old
    docs = tmp_path / "docs"
    shutil.copytree(FIXTURE_PRACTICE / "docs", docs)
    (tmp_path / DATA_FILE).write_text(FIXTURE_DATA.replace(old, new, 1), encoding="utf-8")
    return load_practice_file(tmp_path / DATA_FILE, DATA_FILE.as_posix(), list(languages))


def test_the_fixture_data_file_is_valid(tmp_path):
    assert practice_with(tmp_path, "practice:", "practice:").errors == []


def test_a_language_map_must_have_exactly_the_site_languages(tmp_path):
    practice = practice_with(tmp_path, "      en: Helsinki\n", "      sw: Helsinki\n")
    text = (tmp_path / DATA_FILE).read_text(encoding="utf-8")
    sw_line = text.splitlines().index("      sw: Helsinki") + 1
    unknown = [p for p in practice.errors if (p.file, p.line) == ("docs/_data/practice.yml", sw_line)]
    assert len(unknown) == 1, practice.errors
    assert unknown[0].message.startswith(
        "'practice.address.city.sw': 'sw' is not a language of the site; its languages are fi, en")
    assert unknown[0].fix == "Correct the language code, or remove the line."
    missing = [p for p in practice.errors if "'practice.address.city': the text is missing in en" in p.message]
    assert len(missing) == 1 and "'en: …'" in missing[0].fix, practice.errors
    three = practice_with(tmp_path / "b", "practice:", "practice:", languages=("fi", "en", "sv"))
    assert any("the text is missing in sv" in problem.message for problem in three.errors)


def test_quote_contact_may_be_one_id_or_one_per_language(tmp_path):
    per_language = practice_with(tmp_path, "  quote_contact: leena\n", "  quote_contact:\n    fi: leena\n    en: leena\n")
    assert per_language.errors == [] and per_language.quote_contact("en") == "leena"
    missing = practice_with(tmp_path / "b", "  quote_contact: leena\n", "  quote_contact:\n    fi: leena\n")
    assert any(p.message == "'practice.quote_contact': the quote contact is missing for en." and "one per language"
               in p.fix for p in missing.errors), missing.errors
    unknown = practice_with(tmp_path / "c", "  quote_contact: leena\n", "  quote_contact:\n    fi: leena\n    en: lena\n")
    assert any(p.message == "'practice.quote_contact.en': 'lena' is not a supervisor id." and "leena" in p.fix
               for p in unknown.errors), unknown.errors


def test_languages_on_request_may_be_left_out(tmp_path):
    assert "languages_on_request" not in FIXTURE_DATA
    listed = practice_with(tmp_path, "  languages: [fi, en]\n", "  languages: [fi, en]\n  languages_on_request: []\n")
    assert listed.errors == []


@pytest.mark.slow
def test_an_empty_list_or_value_a_page_refers_to_fails_naming_page_and_data_lines(fixture_project: Path,
                                                                                  tmp_path: Path):
    """An empty optional list (Finnish page) and an empty text (English page): each an error at the
    page's line, naming the data file's line."""
    data_file = fixture_project / DATA_FILE
    text = data_file.read_text(encoding="utf-8").replace(
        "  quote_contact: leena\n", '  quote_contact: leena\n  languages_on_request: []\n  note: ""\n', 1)
    data_file.write_text(text, encoding="utf-8")
    data_lines = text.splitlines()
    cases = {  # page: (reference, the data line of its value)
        "kysymyksia.md": ("practice.languages_on_request", data_lines.index("  languages_on_request: []") + 1),
        "kysymyksia.en.md": ("practice.note", data_lines.index('  note: ""') + 1),
    }
    page_lines = {}
    for name, (path, _line) in cases.items():
        page = fixture_project / "docs" / name
        page.write_text(page.read_text(encoding="utf-8") + f"\nMyös <!-- data: {path} -->.\n", encoding="utf-8")
        page_lines[name] = len(page.read_text(encoding="utf-8").splitlines())
    result = build_project(fixture_project, tmp_path / "site")
    assert result.returncode != 0
    for name, (path, data_line) in cases.items():
        (entry,) = entries_at(result.output, f"docs/{name}", page_lines[name])
        assert (f"<!-- data: {path} -->: '{path}' is empty in docs/_data/practice.yml (line {data_line}), "
                "so the page would show nothing here.") in entry
        assert "How to fix: Fill it in, or remove the reference from the page." in entry
    assert "The build found 2 problems in 2 files." in result.output


@pytest.mark.slow
def test_search_languages_that_differ_from_the_site_fail_the_build(fixture_project: Path, tmp_path: Path):
    config = fixture_project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace(
        "  - search:\n", "  - search:\n      lang: [fi, sv, en]\n")
    config.write_text(text, encoding="utf-8")
    line = text.splitlines().index("      lang: [fi, sv, en]") + 1
    result = build_project(fixture_project, tmp_path / "site")
    assert result.returncode != 0
    (entry,) = entries_at(result.output, "mkdocs.yml", line)
    assert "The search plugin's lang: fi, sv, en differs from the site's languages fi, en" in entry
    assert "How to fix: Remove the lang: line" in entry


def test_the_real_site_sets_no_search_languages_of_its_own():
    plugins = SITE_CONFIG.raw["plugins"]
    search = next(entry["search"] for entry in plugins if isinstance(entry, dict) and "search" in entry)
    assert "lang" not in (search or {}), "the search languages follow plugins.i18n.languages"
    assert not (PROJECT_ROOT / "hooks" / "kirkas" / "labels.py").exists()
