"""The build's report (hooks/build_report.py): every language's problems in one run, once each.

static-i18n builds the other languages inside the default language's build, and MkDocs
stops a language's strict build at its first warning: these tests break pages of
every language at once and check that all of them are reported, each once, under its
own file and line, with one count, in the owner's language, with suggestions from the
page's own language.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from mkdocs.utils import yaml_load

from tests.support.report import catalogue, entries_at, report_by_file, split_messages
from tests.support.site import append_line, build_project, set_build_messages


def languages_of(project: Path) -> list[str]:
    """The project's languages from mkdocs.yml's i18n block, default first."""
    config = yaml_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    i18n = next(plugin["i18n"] for plugin in config["plugins"] if isinstance(plugin, dict) and "i18n" in plugin)
    languages = i18n["languages"]
    default = next(language["locale"] for language in languages if language.get("default"))
    return [default] + [language["locale"] for language in languages if language["locale"] != default]


def file_of(page: str, language: str, default: str) -> str:
    """'docs/x.md' of the default language, 'docs/x.sv.md' of another."""
    return f"docs/{page}" if language == default else f"docs/{page[:-3]}.{language}.md"


def translated_page(project: Path, languages: list[str], besides: tuple[str, ...] = ()) -> str:
    """A page (not the home page, nor one of `besides`) that exists in every language: 'x.md' below docs/."""
    for path in sorted((project / "docs").rglob("*.md")):
        page = path.relative_to(project / "docs").as_posix()
        if page.startswith("_") or PurePosixPath(page).name == "index.md" or page.count(".") > 1 or page in besides:
            continue
        if all((project / file_of(page, language, languages[0])).is_file() for language in languages):
            return page
    raise AssertionError("no page exists in every language")


def contact_page(project: Path) -> str:
    """The default language's file of the page with role: contact ('yhteystiedot.md'), read from the pages."""
    for path in sorted((project / "docs").rglob("*.md")):
        page = path.relative_to(project / "docs").as_posix()
        if not page.startswith("_") and re.search(r"^role: contact\s*$", path.read_text(encoding="utf-8"), re.M):
            return page.split(".")[0] + ".md"
    raise AssertionError("no page has role: contact")


def test_every_language_is_checked_in_one_run(project: Path, tmp_path: Path) -> None:
    """A broken link in each language's version of a page: all reported, each once, one count."""
    languages = languages_of(project)
    page = translated_page(project, languages)
    lines = {}
    for language in languages:
        file = file_of(page, language, languages[0])
        lines[file] = append_line(project, file, f"[x](ei-ole-olemassa-{language}.md)")
    result = build_project(project, tmp_path / "site")
    assert result.returncode != 0
    groups = report_by_file(result.output)
    for file, line in lines.items():
        assert len(groups.get(file, [])) == 1, f"{file}:\n{result.output}"
        assert entries_at(result.output, file, line), f"{file} line {line} not reported:\n{result.output}"
    count = len(languages)
    problems, files = ("1 problem", "1 file") if count == 1 else (f"{count} problems", f"{count} files")
    assert f"The build found {problems} in {files}" in result.output
    assert f"Build stopped: {problems} to fix" in result.output
    # MkDocs' own warnings (per language, without a line) do not appear as well.
    warnings = [m for m in split_messages(result.output) if m.startswith("WARNING")]
    assert warnings == [], warnings


def test_messages_are_finnish_unless_mkdocs_yml_says_otherwise(project: Path, tmp_path: Path) -> None:
    """The owner's language is the default; extra.build_messages chooses another."""
    config = project / "mkdocs.yml"
    config.write_text("".join(line for line in config.read_text(encoding="utf-8").splitlines(keepends=True)
                              if not line.lstrip().startswith("build_messages:")), encoding="utf-8")
    languages = languages_of(project)
    file = file_of(translated_page(project, languages), languages[-1], languages[0])
    line = append_line(project, file, "[x](ei-ole-olemassa.md)")
    result = build_project(project, tmp_path / "site")
    assert result.returncode != 0
    assert f"{file} (1 ongelma):" in result.output, result.output
    assert re.search(rf"^  rivi {line}: Linkki \"ei-ole-olemassa\.md\"", result.output, re.MULTILINE), result.output
    assert "Korjaa näin:" in result.output
    assert "Koonti keskeytyi: 1 korjattava ongelma" in result.output
    assert "How to fix" not in result.output


def without_build_messages(project: Path) -> None:
    """Remove extra.build_messages from a project's mkdocs.yml: the owner's default language."""
    config = project / "mkdocs.yml"
    config.write_text("".join(line for line in config.read_text(encoding="utf-8").splitlines(keepends=True)
                              if not line.lstrip().startswith("build_messages:")), encoding="utf-8")


def test_an_unknown_message_language_is_named(project: Path, tmp_path: Path) -> None:
    """extra.build_messages: xx fails the build at its line, in the default language, naming the languages there are."""
    set_build_messages(project, "xx")
    line = next(number for number, text in enumerate(
        (project / "mkdocs.yml").read_text(encoding="utf-8").splitlines(), start=1) if text.strip() == "build_messages: xx")
    result = build_project(project, tmp_path / "site")
    assert result.returncode != 0
    finnish = catalogue("fi")
    (entry,) = entries_at(result.output, "mkdocs.yml", line, language="fi")
    assert finnish.gettext("extra.build_messages is {language}, but the build's messages exist in: {languages}.").format(
        language="'xx'", languages="en, fi") in entry, entry
    assert finnish.gettext("How to fix: {fix}").format(fix="") in entry


def misspelt_role(project: Path, language: str, default: str, besides: tuple[str, ...] = ()) -> tuple[str, int, str]:
    """Misspell the role of a page (one not every page links to, nor a file of `besides`) in one language:
    (file, line, role)."""
    files = [path for path in sorted((project / "docs").glob("*.md"))
             if file_of(path.name.split(".")[0] + ".md", language, default) == f"docs/{path.name}"]
    for path in [path for path in files if f"docs/{path.name}" not in besides]:
        match = re.search(r"^role: (faq|prices|services|supervisors)$", path.read_text(encoding="utf-8"), re.MULTILINE)
        if match:
            text = path.read_text(encoding="utf-8")
            path.write_text(text.replace(match.group(0), match.group(0) + "x", 1), encoding="utf-8")
            return f"docs/{path.name}", text[: match.start()].count("\n") + 1, match.group(1)
    raise AssertionError(f"no {language} page with a role")


def test_every_language_and_the_data_file_in_one_finnish_report(project: Path, tmp_path: Path) -> None:
    """Mistakes in pages of every language and in the data file, in one build with the owner's default
    (Finnish) messages: each reported once, under its file and line, with one count."""
    without_build_messages(project)
    languages = languages_of(project)
    # The second and the last language (with one language, its other files).
    default, third = languages[0], languages[-1]
    second = languages[1] if len(languages) > 1 else default
    page = translated_page(project, languages)
    reference_file = file_of(page, second, default)
    reference_line = append_line(project, reference_file, "<!-- data: practice.faxx -->")
    price_page = page if second != default else translated_page(project, languages, besides=(page,))
    price_file = file_of(price_page, default, default)
    price_line = append_line(project, price_file, "<!-- price: nothing.here -->")
    role_file, role_line, role = misspelt_role(project, third, default, besides=(reference_file, price_file))
    data_file = project / "docs" / "_data" / "practice.yml"
    data_text = data_file.read_text(encoding="utf-8")
    postal = re.search(r"^(\s+postal_code: ).*$", data_text, re.MULTILINE)
    data_file.write_text(data_text[: postal.start()] + postal.group(1) + '"123"' + data_text[postal.end():],
                         encoding="utf-8")
    postal_line = data_text[: postal.start()].count("\n") + 1

    result = build_project(project, tmp_path / "site")
    assert result.returncode != 0
    fi = catalogue("fi")
    fix = fi.gettext("How to fix: {fix}").format(fix="")
    expected = {
        "docs/_data/practice.yml": (postal_line, fi.gettext(
            "'{name}': a postal code is five digits in quotes (now {value}).").format(
            name="practice.address.postal_code", value="'123'")),
        reference_file: (reference_line, "<!-- data: practice.faxx -->: " + fi.gettext(
            "'{path}' does not exist in docs/_data/practice.yml ({parent} has no field '{key}').").format(
            path="practice.faxx", parent="practice", key="faxx")),
        price_file: (price_line, "<!-- price: nothing.here -->: " + fi.gettext(
            "There is no price '{price}' in docs/_data/practice.yml (services.SERVICE.prices.PRICE).").format(
            price="nothing.here")),
        role_file: (role_line, fi.gettext("Unknown role '{role}'.").format(role=role + "x")),
    }
    groups = report_by_file(result.output)
    assert sorted(groups) == sorted(expected), result.output
    for file, (line, message) in expected.items():
        assert len(groups[file]) == 1, f"{file}:\n{result.output}"
        (entry,) = entries_at(result.output, file, line, language="fi")
        assert message in entry and fix in entry, entry
    (role_entry,) = groups[role_file]
    assert fi.gettext("Did you mean '{role}'?").format(role=role) in role_entry
    count = sum(len(entries) for entries in groups.values())
    assert count == len(expected)
    assert " ".join((fi.ngettext("The build found {count} problem", "The build found {count} problems", count),
                     fi.ngettext("in {count} file.", "in {count} files.", count))).format(count=count) in result.output
    assert fi.ngettext("Build stopped: {count} problem to fix (listed above).",
                       "Build stopped: {count} problems to fix (listed above).", count).format(count=count) in result.output
    assert "How to fix" not in result.output


def test_a_link_suggestion_stays_in_the_page_language(project: Path, tmp_path: Path) -> None:
    """A mistyped Markdown link in a translation suggests the file name as links write it."""
    languages = languages_of(project)
    page = translated_page(project, languages)
    mistyped = page[:-3] + "x.md"
    file = file_of(page, languages[-1], languages[0])
    line = append_line(project, file, f"[x]({PurePosixPath(mistyped).name})")
    result = build_project(project, tmp_path / "site")
    (entry,) = entries_at(result.output, file, line)
    assert f"Did you mean {PurePosixPath(page).name}?" in entry, entry


def test_a_page_missing_from_the_menu_is_named_with_the_line_of_nav(project: Path, tmp_path: Path) -> None:
    """A new page in every language but not in nav: reported once, at the page, naming nav's line."""
    languages = languages_of(project)
    contact = contact_page(project)
    for language in languages:
        path = project / file_of("uusi-sivu.md", language, languages[0])
        path.write_text(f"---\ndescription: A new page for the test, in the language {language}, and long "
                        f"enough for the content rules.\n---\n\n# Uusi\n\n[Tarjous]({contact})\n", encoding="utf-8")
    nav_line = next(number for number, text in enumerate(
        (project / "mkdocs.yml").read_text(encoding="utf-8").splitlines(), start=1) if text.startswith("nav:"))
    result = build_project(project, tmp_path / "site")
    assert result.returncode != 0
    (entry,) = entries_at(result.output, "docs/uusi-sivu.md", None)
    assert "not in the menu" in entry and f"line {nav_line}" in entry
    assert "uusi-sivu" not in "".join(f for f in report_by_file(result.output) if f != "docs/uusi-sivu.md")


def test_a_menu_entry_without_its_page_is_named_in_mkdocs_yml(project: Path, tmp_path: Path) -> None:
    """A nav line whose file was renamed: reported at that line of mkdocs.yml, with the close match."""
    config = project / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").splitlines(keepends=True)
    nav_start = next(index for index, text in enumerate(lines) if text.startswith("nav:"))
    index = next(index for index in range(nav_start, len(lines))
                 if lines[index].rstrip().endswith(".md") and not lines[index].rstrip().endswith("index.md"))
    page = re.split(r"[-:]\s+", lines[index].strip())[-1]
    lines[index] = lines[index].replace(page, page[:-3] + "-vanha.md")
    config.write_text("".join(lines), encoding="utf-8")
    result = build_project(project, tmp_path / "site")
    assert result.returncode != 0
    (entry,) = entries_at(result.output, "mkdocs.yml", index + 1)
    assert page[:-3] + "-vanha.md" in entry and f"Did you mean {page}?" in entry
