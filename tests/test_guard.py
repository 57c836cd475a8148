"""The build guard (hooks/guard.py): fault injection into a copy of the tests' own practice.

Each fault is injected alone into a throw-away copy of tests/fixtures/practice with the
engine (fixture ``fixture_project``), the copy is built with --strict, and the test
asserts that the build fails and that the report names the right file, line and fault.
The numbers and addresses of the faults are worked out from the fixture's data file
(a near miss of its phone number, a typo of its supervisor's email ...). Faults in the
data file and in translations are reported by their own hooks (kirkas.practice,
hooks/translations.py) through the same build and are included here. That the real
site passes the guard is the last test.
"""

from __future__ import annotations

import hashlib
import re
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

import phonenumbers
import yaml

from tests.support.report import entries_at, report_by_file, split_messages
from tests.support.site import (
    DATA_FILE,
    FIXTURE_PRACTICE,
    BuildResult,
    BuiltSite,
    append_line,
    build_project,
    load_site_config,
)

#: The fixture's prices page, in each of its languages (default first).
FIXTURE_LANGUAGES = load_site_config(FIXTURE_PRACTICE / "mkdocs.yml").languages
PAGE = "docs/hinnasto.md"
PAGES_IN_ALL_LANGUAGES = tuple(PAGE if language == FIXTURE_LANGUAGES[0] else f"docs/hinnasto.{language}.md"
                               for language in FIXTURE_LANGUAGES)
#: The fixture's contact page (the quote form) and another page in its second language.
CONTACT = "ota-yhteytta.md"
OTHER_PAGE = f"docs/kysymyksia.{FIXTURE_LANGUAGES[1]}.md"
#: The fixture's facts, from its data file.
FACTS = yaml.safe_load((FIXTURE_PRACTICE / DATA_FILE).read_text(encoding="utf-8"))
PHONE = FACTS["practice"]["phone"]
EMAIL = FACTS["practice"]["email"]
PERSON_ID, PERSON = next(iter(FACTS["supervisors"].items()))
FAVICON = FACTS["brand"]["favicon"]
DOMAIN = EMAIL.split("@")[1]


def national(e164: str) -> str:
    """A number as written in Finland ('09 876 5432'), by phonenumbers."""
    return phonenumbers.format_number(phonenumbers.parse(e164), phonenumbers.PhoneNumberFormat.NATIONAL)


def one_digit_off(e164: str) -> str:
    """The number as written nationally with its last digit changed (a typo)."""
    written = national(e164)
    return written[:-1] + str((int(written[-1]) + 1) % 10)


def two_digits_swapped(e164: str) -> str:
    """The number as written nationally with its last two different digits swapped."""
    written = national(e164)
    digits = [index for index, character in enumerate(written) if character.isdigit()]
    for first, second in zip(reversed(digits[:-1]), reversed(digits[1:])):
        if written[first] != written[second]:
            swapped = list(written)
            swapped[first], swapped[second] = swapped[second], swapped[first]
            return "".join(swapped)
    raise AssertionError(f"{e164} has no two different digits to swap")


def mistyped_domain(address: str) -> str:
    """An email address with two letters of its top-level domain swapped ('x@a.exmaple')."""
    local, _, domain = address.partition("@")
    name, _, top = domain.rpartition(".")
    return f"{local}@{name}.{top[:2]}{top[3]}{top[2]}{top[4:]}"


def unknown_phone() -> str:
    """A valid Finnish number (E.164) far from every number of the fixture."""
    known = {phonenumbers.national_significant_number(phonenumbers.parse(value))
             for value in (PHONE, *(person["phone"] for person in FACTS["supervisors"].values()))}
    for candidate in ("+35863217654", "+35823217654", "+35831217654"):
        digits = phonenumbers.national_significant_number(phonenumbers.parse(candidate))
        if all(sum(a != b for a, b in zip(digits, other)) > 3 for other in known):
            return candidate
    raise AssertionError("no unknown number")


def assert_reported(result: BuildResult, file: str, line: int | None, *words: str, fix: bool = True) -> None:
    """The strict build failed and the report named file, line and the fault's words."""
    assert result.returncode != 0, f"the build passed although it has a fault:\n{result.output}"
    entries = entries_at(result.output, file, line)
    assert entries, f"no problem reported at {file} line {line}:\n{result.output}"
    matching = [e for e in entries if all(word.lower() in e.lower() for word in words)]
    assert matching, f"{file} line {line} reported, but without {words}:\n" + "\n".join(entries)
    if fix:
        assert "How to fix:" in matching[0]


# --- injecting faults -------------------------------------------------------------------
@dataclass(frozen=True)
class Where:
    """Where a fault was injected, and words its report must contain."""

    file: str
    line: int
    words: tuple[str, ...]
    reported_by_guard: bool = True


def replace_once(project: Path, file: str, old: str, new: str) -> int:
    """Replace a text that occurs in a source file; returns the line of the change."""
    path = project / file
    content = path.read_text(encoding="utf-8")
    assert old in content, f"{old!r} not in {file}: the fixture practice no longer matches the test"
    line = content[: content.index(old)].count("\n") + 1
    path.write_text(content.replace(old, new, 1), encoding="utf-8")
    return line


def data_line(project: Path, text: str) -> int:
    """Line of a text in the data file."""
    content = (project / DATA_FILE).read_text(encoding="utf-8")
    assert text in content, f"{text!r} not in the data file"
    return content[: content.index(text)].count("\n") + 1


def in_page(text: str, *words: str) -> Callable[[Path], Where]:
    """A fault written into the fixture's prices page (default language)."""

    def inject(project: Path) -> Where:
        return Where(PAGE, append_line(project, PAGE, text), words)

    return inject


def template_link(project: Path) -> Where:
    """A broken link written into a template of overrides/ (on every page)."""
    file = "overrides/partials/kirkas/footer.html"
    line = append_line(project, file, '<a href="{{ \'ei-ole-olemassa/\' | url }}">Arkisto</a>')
    return Where(file, line, ("no such page", "ei-ole-olemassa"))


def not_found_template_link(project: Path) -> Where:
    """A broken link in the 404 page template (pages not written from Markdown)."""
    file = "overrides/404.html"
    line = replace_once(project, file, "{% block content %}",
                        '{% block content %}<a href="/vanha-sivusto/">Vanha sivusto</a>')
    return Where(file, line, ("no such page", "vanha-sivusto"))


def missing_description(project: Path) -> Where:
    """The front matter of a translated page without its description."""
    file = OTHER_PAGE
    path = project / file
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in lines if not line.startswith("description:")]
    assert len(kept) == len(lines) - 1
    path.write_text("".join(kept), encoding="utf-8")
    return Where(file, 1, ("no description", "description:"))


def bad_business_id(project: Path) -> Where:
    """A business ID whose check digit is wrong."""
    right = FACTS["practice"]["business_id"]
    wrong = right[:-1] + str((int(right[-1]) + 1) % 10)
    line = data_line(project, "business_id:")
    replace_once(project, str(DATA_FILE), f"business_id: {right}", f"business_id: {wrong}")
    return Where(str(DATA_FILE), line, ("check digit",), reported_by_guard=False)


def invalid_data_phone(project: Path) -> Where:
    """A supervisor's number in the data with the trunk 0 after +358 (not dialled that way)."""
    right = PERSON["phone"]
    line = data_line(project, f'phone: "{right}"')
    replace_once(project, str(DATA_FILE), f'phone: "{right}"', f'phone: "+3580{right[4:]}"')
    return Where(str(DATA_FILE), line, (f"supervisors.{PERSON_ID}.phone", right), reported_by_guard=False)


def unknown_data_reference(project: Path) -> Where:
    """A data reference to a value that the data file does not have."""
    line = append_line(project, PAGE, "Faksi: <!-- data: practice.fax -->")
    return Where(PAGE, line, ("practice.fax",), reported_by_guard=False)


def missing_site_script(project: Path) -> Where:
    """mkdocs.yml's extra_javascript names a script that does not exist (loaded after the first paint)."""
    line = replace_once(project, "mkdocs.yml", "path: assets/javascripts/kirkas.js", "path: assets/javascripts/kirkas-vanha.js")
    return Where("mkdocs.yml", line, ("kirkas-vanha.js", "does not exist", "script will not run"))


def missing_translation(project: Path) -> Where:
    """A translation of a page deleted."""
    (project / OTHER_PAGE).unlink()
    return Where(OTHER_PAGE, 0, ("translation",))


FAULTS: dict[str, Callable[[Path], Where]] = {
    "broken page link": in_page("Katso [vanhat hinnat](vanhat-hinnat.md).", "docs/vanhat-hinnat.md", "does not exist"),
    "broken anchor": in_page(f"[Tarjous]({CONTACT}#tarjous-vanha)", "#tarjous-vanha", "section"),
    "broken link in a template": template_link,
    "broken link in the 404 template": not_found_template_link,
    "missing image": in_page("![Logo](assets/images/puuttuva-kuva.png)", "puuttuva-kuva.png", "does not exist"),
    "image without alt": in_page(f'<img src="../{FAVICON}">', "no alternative text"),
    "image with empty alt, not decorative": in_page(f"![]({FAVICON})", 'alt=""', "decorative"),
    "link to a missing language version": in_page("[På svenska](../se/hinnasto/)", "/se/hinnasto/", "language"),
    "invalid phone in text": in_page("Soita numeroon +358 40 555 01110 123.", "not a valid"),
    "+0 phone": in_page("Vaihde +020 766 3348.", '"+" followed by 0', "020 766 3348", "+358 20 766 3348"),
    "phone typo one digit off": in_page(f"Soita {one_digit_off(PHONE)}.", PHONE, "practice.phone"),
    "phone with swapped digits": in_page(f"Numero on {two_digits_swapped(PERSON['phone'])}.", PERSON["phone"],
                                         f"supervisors.{PERSON_ID}.phone"),
    "unknown phone in text": in_page(f"Soita {national(unknown_phone())}.", "not in docs/_data/practice.yml"),
    "tel: link whose text differs": in_page(f"[{national(PERSON['phone'])}](tel:{PHONE})", "shows", "calls"),
    "tel: not in E.164": in_page(f"[Soita](tel:{national(PHONE).replace(' ', '')})", f"tel:{PHONE}", "E.164"),
    "unknown phone in a tel: link": in_page(f"[Soita](tel:{unknown_phone()})", unknown_phone(), "not in"),
    "+0 in a tel: link": in_page("[Soita](tel:+0207663348)", '"+" followed by 0'),
    "unknown email in text": in_page("Kirjoita osoitteeseen toimisto@esimerkki.fi.", "toimisto@esimerkki.fi", "not in"),
    "email typo in text": in_page(f"Osoite on {mistyped_domain(PERSON['email'])}.", PERSON["email"],
                                  f"supervisors.{PERSON_ID}.email"),
    "invalid email in mailto": in_page(f"[Sähköposti](mailto:info@@{DOMAIN})", "not a valid address"),
    "unknown mailto": in_page(f"[Myynti](mailto:myynti@{DOMAIN})", f"myynti@{DOMAIN}", "not in"),
    "mailto whose text differs": in_page(f"[{EMAIL}](mailto:{PERSON['email']})", "shows", "writes to"),
    "http:// external link": in_page("[Yhdistys](http://www.yhdistys.example/)", "http://",
                                     "https://www.yhdistys.example/"),
    "link to localhost": in_page("[Esikatselu](https://localhost:8000/hinnasto/)", "localhost"),
    "link to a private IP": in_page("[Intranet](https://192.168.1.10/hinnasto)", "192.168.1.10", "private"),
    "malformed external link": in_page("[Yhdistys](https://suomentyonohjaajat/)", "invalid site name"),
    "javascript: link": in_page("[Klikkaa](javascript:alert(1))", "javascript:"),
    "srcset pointing at a missing file": in_page(
        f'<img src="../{FAVICON}" srcset="../assets/images/logo-2x.svg 2x" alt="Logo">',
        "logo-2x.svg", "does not exist"),
    "raw-HTML link to a missing page": in_page('<a href="../palvelut/valmennus/">Valmennus</a>', "/palvelut/valmennus/", "no such page"),
    "missing meta description": missing_description,
    "bad business ID check digit in the data": bad_business_id,
    "invalid phone in the data": invalid_data_phone,
    "unknown data reference": unknown_data_reference,
    "missing script in mkdocs.yml": missing_site_script,
    "missing translation file": missing_translation,
}


@pytest.mark.parametrize("fault", list(FAULTS), ids=lambda name: name.replace(" ", "-"))
def test_fault_fails_the_build_and_is_named(fault: str, fixture_project: Path, tmp_path: Path) -> None:
    """One fault in a copy of the fixture practice: the strict build fails and names file, line, fault."""
    where = FAULTS[fault](fixture_project)
    result = build_project(fixture_project, tmp_path / "site")
    assert_reported(result, where.file, where.line or None, *where.words, fix=where.reported_by_guard)
    assert re.search(r"Build stopped: 1 problem to fix", result.output), result.output


def test_clean_site_builds_without_any_warning(site: BuiltSite, fixture_site: BuiltSite) -> None:
    """The real site and the fixture pass the guard: no warning or error at all in the strict build."""
    for built in (site, fixture_site):
        problems = [m for m in split_messages(built.output) if m.startswith(("WARNING", "ERROR"))]
        assert problems == []


def test_problems_of_two_files_are_reported_in_one_run_grouped_by_file(fixture_project: Path, tmp_path: Path) -> None:
    """Two faults in different files: both in one report, each under its own file."""
    project = fixture_project
    price_line = append_line(project, PAGE, f"[Tarjous]({CONTACT}#ei-ole)")
    faq_line = append_line(project, OTHER_PAGE, "Ring +020 766 3348.")
    result = build_project(project, tmp_path / "site")
    assert result.returncode != 0
    groups = report_by_file(result.output)
    assert [entry.split(":")[0] for entry in groups[PAGE]] == [f"line {price_line}"]
    assert [entry.split(":")[0] for entry in groups[OTHER_PAGE]] == [f"line {faq_line}"]
    assert re.search(r"kirkas: The build found 2 problems in 2 files", result.output)
    assert "Build stopped: 2 problems to fix" in result.output


def test_fault_in_all_languages_is_reported_once_per_source_file(fixture_project: Path, tmp_path: Path) -> None:
    """The same fault in every language: once for each Markdown file, not once per build."""
    project = fixture_project
    lines = {file: append_line(project, file, "[Arkisto](https://192.168.1.10/)") for file in PAGES_IN_ALL_LANGUAGES}
    template_line = append_line(project, "overrides/partials/kirkas/footer.html",
                                '<a href="http://vanha.example/">Vanha</a>')
    result = build_project(project, tmp_path / "site")
    assert result.returncode != 0
    groups = report_by_file(result.output)
    for file, line in lines.items():
        assert len(groups[file]) == 1, groups[file]
        assert groups[file][0].startswith(f"line {line}:")
    # The footer is on every page and 404 page of every language: still one problem.
    footer = groups["overrides/partials/kirkas/footer.html"]
    assert len(footer) == 1 and footer[0].startswith(f"line {template_line}:")
    private_ip = [entry for entries in groups.values() for entry in entries if "192.168.1.10" in entry]
    assert len(private_ip) == len(PAGES_IN_ALL_LANGUAGES)


def test_serve_mode_shows_the_problems_without_stopping(fixture_project: Path, tmp_path: Path) -> None:
    """Without --strict (make serve) the same report is shown and the site is still built."""
    line = append_line(fixture_project, PAGE, "Vaihde +020 766 3348.")
    result = build_project(fixture_project, tmp_path / "site", strict=False)
    assert result.returncode == 0, result.output
    assert entries_at(result.output, PAGE, line)
    assert (tmp_path / "site" / "hinnasto" / "index.html").is_file()


def source_hashes(project: Path) -> dict[str, str]:
    """SHA-256 of every file of docs/ (with the data file) and overrides/."""
    return {
        path.relative_to(project).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for folder in ("docs", "overrides")
        for path in sorted((project / folder).rglob("*"))
        if path.is_file()
    }


def test_guard_never_modifies_the_sources(fixture_project: Path, tmp_path: Path) -> None:
    """Building (with problems to report) leaves docs/, overrides/ and the data file untouched."""
    project = fixture_project
    append_line(project, PAGE, f"Soita {one_digit_off(PHONE)} tai kirjoita [meille](mailto:myynti@{DOMAIN}).")
    before = source_hashes(project)
    result = build_project(project, tmp_path / "site")
    assert result.returncode != 0
    assert source_hashes(project) == before


BREAK_THE_GUARD = textwrap.dedent(
    '''
    """Test hook: makes the guard's text check crash, to see that the crash is reported."""

    from kirkas import guard_contacts


    def _broken(text, known):
        """Raise like a bug would."""
        raise RuntimeError("simulated bug in the text check")


    guard_contacts.text_findings = _broken
    '''
)


def test_an_exception_inside_the_guard_fails_the_build_as_a_guard_failure(fixture_project: Path, tmp_path: Path) -> None:
    """A bug in the guard fails the build, says so, and is not presented as a content problem."""
    project = fixture_project
    (project / "hooks" / "break_guard.py").write_text(BREAK_THE_GUARD, encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("  - hooks/guard.py\n", "  - hooks/break_guard.py\n  - hooks/guard.py\n"),
        encoding="utf-8",
    )
    result = build_project(project, tmp_path / "site")
    assert result.returncode != 0
    failures = [m for m in split_messages(result.output) if "check of the build itself failed" in m]
    assert failures, result.output
    assert "simulated bug in the text check" in failures[0]
    assert "not in your text" in failures[0]
    assert "hooks/break_guard.py" in failures[0]
    assert not report_by_file(result.output), "a crash is not reported as a content problem"


def test_allow_lists_in_mkdocs_yml_accept_other_addresses(fixture_project: Path, tmp_path: Path) -> None:
    """extra.guard.allowed_emails/phones/http let a listed address through (and only that)."""
    project = fixture_project
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = text.replace("    allowed_emails: []", "    allowed_emails: [tietosuoja@partner.example]")
    text = text.replace("    allowed_phones: []", '    allowed_phones: ["09 876 5432"]')
    text = text.replace("    allowed_http: []", "    allowed_http: [vanha.example]")
    config.write_text(text, encoding="utf-8")
    append_line(project, PAGE, "Kumppani: tietosuoja@partner.example, puh. 09 876 5432, "
                               "[vanha sivu](http://vanha.example/).")
    unlisted = append_line(project, PAGE, "Muu: muu@partner.example")
    result = build_project(project, tmp_path / "site")
    assert result.returncode != 0
    assert [entry.split(":")[0] for entry in report_by_file(result.output)[PAGE]] == [f"line {unlisted}"]


def test_benchmark_switch_turns_the_guard_off_loudly(fixture_project: Path, tmp_path: Path) -> None:
    """KIRKAS_GUARD=off (tests/bench.py only) skips the checks but warns that nothing was checked."""
    append_line(fixture_project, PAGE, "Vaihde +020 766 3348.")
    result = build_project(fixture_project, tmp_path / "site", strict=False, extra_env={"KIRKAS_GUARD": "off"})
    assert result.returncode == 0, result.output
    assert "The build guard found" not in result.output
    assert "build guard is switched off" in result.output
