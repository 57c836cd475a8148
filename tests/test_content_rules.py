"""Content rules (hooks/content_rules.py): each broken rule fails the build at its file and line.

The tests' own practice is copied and every rule is broken once, each in a page of its
own, in both languages; one strict build must name every fault with the file, the line
and how to fix it, and leave alone what only looks like a fault (a word in code, a
plain link to the contact page). The rules apply to any practice: the values come from
the fixture's data file, and the real site passes them (its strict build is the
session's ``site`` fixture).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from tests.support.report import entries_at, report_by_file
from tests.support.site import DATA_FILE, BuildResult, append_line, build_project, copy_fixture_practice

pytestmark = pytest.mark.slow


def edit(project: Path, file: str, old: str, new: str) -> int:
    """Replace a text in a file of the copy; returns the line where the change is."""
    path = project / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {file}"
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return line


def line_of(project: Path, file: str, text: str) -> int:
    """The line of a file where a text is."""
    content = (project / file).read_text(encoding="utf-8")
    assert text in content, f"{text!r} not in {file}"
    return content[: content.index(text)].count("\n") + 1


def description_line(project: Path, file: str) -> int:
    """The line of a page's description."""
    return line_of(project, file, "description:")


def data(project: Path) -> dict:
    """The copy's data file."""
    return yaml.safe_load((project / DATA_FILE).read_text(encoding="utf-8"))


def page_of(project: Path, group: str, language: str = "") -> str:
    """The first service's or supervisor's page in a language ('docs/palvelut/x.en.md')."""
    page = next(iter(data(project)[group].values()))["page"]
    return f"docs/{page}" if not language else f"docs/{page[:-3]}.{language}.md"


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> tuple[BuildResult, dict[str, tuple[str, int]], Path]:
    """The fixture practice with every content rule broken once, built strictly.

    Returns the build, where each fault is (file, line) by rule name, and the copy.
    """
    root = tmp_path_factory.mktemp("content-rules")
    project = copy_fixture_practice(root / "project")
    facts = data(project)
    where: dict[str, tuple[str, int]] = {}

    file = "docs/kysymyksia.md"
    where["two main headings"] = (file, append_line(project, file, "# Toinen pääotsikko"))

    file = "docs/kysymyksia.en.md"
    where["question without an answer"] = (file, append_line(project, file, "### Is there an answer?"))

    file = "docs/hinnasto.md"
    where["skipped heading level"] = (file, append_line(project, file, "#### Liian syvä otsikko"))

    file = "docs/hinnasto.en.md"
    where["no main heading"] = (file, edit(project, file, "# Prices\n\n", ""))

    file = "docs/etsi.md"
    where["short description"] = (file, description_line(project, file))
    edit(project, file, "description: ", "description: Hae sivuilta. #")

    file, twin = "docs/ohjaajat/index.en.md", "docs/palvelut/index.en.md"
    twin_text = yaml.safe_load((project / twin).read_text(encoding="utf-8").split("---")[1])["description"]
    own = description_line(project, file)
    lines = (project / file).read_text(encoding="utf-8").split("\n")
    lines[own - 1] = f"description: {twin_text}"
    (project / file).write_text("\n".join(lines), encoding="utf-8")
    where["same description"] = (file, own)

    file = "docs/index.md"
    where["placeholder"] = (file, append_line(project, file, "Lorem ipsum dolor sit amet."))
    where["harmless code"] = (file, append_line(project, file, "Koodissa `TODO` ei ole täytetekstiä."))

    legal_name = facts["practice"]["legal_name"]
    where["placeholder in the data file"] = (str(DATA_FILE), line_of(project, str(DATA_FILE), "legal_name:"))
    edit(project, str(DATA_FILE), f"legal_name: {legal_name}", f"legal_name: {legal_name} TBD")

    service_id = next(iter(facts["services"]))
    file = page_of(project, "services")
    where["quote link with the service"] = (
        file, append_line(project, file, f"[Kysy tarjous](../ota-yhteytta.md?service={service_id}#tarjous)"))
    where["quote link without the service"] = (
        file, append_line(project, file, "[Pyydä tarjous](../ota-yhteytta.md#tarjous)"))
    where["plain contact link"] = (file, append_line(project, file, "Katso myös [yhteystiedot](../ota-yhteytta.md)."))

    person = next(iter(facts["supervisors"].values()))
    file = page_of(project, "supervisors", "en")
    edit(project, file, f"# {person['name']}", "# About me")
    where["supervisor page"] = (file, line_of(project, file, "# About me"))

    result = build_project(project, root / "site")
    assert result.returncode != 0, result.output
    return result, where, project


#: Rule -> words its report entry contains (and the fix's, after "How to fix:").
EXPECTED = {
    "two main headings": ("2 main headings", "'## …'"),
    "no main heading": ("no main heading", "'# Title'"),
    "short description": ("characters long", "50–160"),
    "question without an answer": ("'Is there an answer?' has no answer", "Write the answer below it"),
    "skipped heading level": ("'#### Liian syvä otsikko' skips a level", "'## Liian syvä otsikko'"),
    "placeholder": ("'Lorem ipsum'", "real text"),
    "placeholder in the data file": ("'TBD'", "real text"),
    "quote link without the service": ("does not choose this page's service", "?service="),
}


@pytest.mark.parametrize("rule", list(EXPECTED))
def test_a_broken_rule_is_named_with_file_line_and_fix(broken, rule: str) -> None:
    result, where, _project = broken
    file, line = where[rule]
    entries = [entry for entry in entries_at(result.output, file, line) if EXPECTED[rule][0] in entry]
    assert len(entries) == 1, f"{rule}: {file} line {line} not reported once:\n{result.output}"
    assert "How to fix:" in entries[0] and EXPECTED[rule][1] in entries[0].split("How to fix:")[1], entries[0]


def test_the_same_description_names_the_other_page(broken) -> None:
    result, where, _project = broken
    file, _line = where["same description"]
    twin = "docs/palvelut/index.en.md"
    groups = report_by_file(result.output)
    found = [(page, entry) for page in (file, twin) for entry in groups.get(page, []) if "same as that of" in entry]
    assert len(found) == 1, result.output
    page, entry = found[0]
    assert (twin if page == file else file) in entry, entry


def test_a_service_page_fix_preselects_its_service(broken) -> None:
    result, where, project = broken
    service_id = next(iter(data(project)["services"]))
    file, line = where["quote link without the service"]
    (entry,) = entries_at(result.output, file, line)
    assert f"?service={service_id}#tarjous" in entry, entry


def test_a_supervisor_page_names_the_supervisor(broken) -> None:
    result, where, project = broken
    file, line = where["supervisor page"]
    person = next(iter(data(project)["supervisors"].values()))
    entries = [entry for entry in entries_at(result.output, file, line) if "does not name" in entry]
    assert len(entries) == 1, result.output
    assert f"# {person['name']}" in entries[0]


def test_what_only_looks_like_a_fault_is_not_reported(broken) -> None:
    result, where, _project = broken
    for rule in ("harmless code", "plain contact link", "quote link with the service"):
        file, line = where[rule]
        assert not entries_at(result.output, file, line), f"{rule} reported:\n{result.output}"


def test_every_fault_is_reported_once_and_nothing_else(broken) -> None:
    result, where, _project = broken
    faulty = {file for rule, (file, _line) in where.items() if rule not in ("harmless code", "plain contact link",
                                                                       "quote link with the service")}
    reported = set(report_by_file(result.output))
    assert reported <= faulty | {"docs/palvelut/index.en.md"}, sorted(reported - faulty)
    count = sum(len(entries) for entries in report_by_file(result.output).values())
    assert f"Build stopped: {count} problems to fix" in result.output


def test_a_wrong_edit_in_each_language_is_named_in_finnish(tmp_path: Path) -> None:
    """The owner's messages (Finnish by default) name the file and line in every language."""
    project = copy_fixture_practice(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("build_messages: en", "build_messages: fi"),
                      encoding="utf-8")
    lines = {file: append_line(project, file, "TODO: kirjoita tähän.")
             for file in ("docs/kysymyksia.md", "docs/kysymyksia.en.md")}
    result = build_project(project, tmp_path / "site")
    assert result.returncode != 0
    for file, line in lines.items():
        assert re.search(rf"^  rivi {line}: Sivulla näkyy täytetekstiä 'TODO'\.$", result.output, re.M), result.output
    assert "Korjaa näin: Kirjoita sen tilalle oikea teksti tai poista se." in result.output
