"""The owner's recipes (docs/_ohjeet/OPAS.md), followed as written on copies of the project.

Each scenario copies the project into a git working tree (as an owner's clone), follows
recipes of the Finnish guide step by step, using the guide's own code blocks (the data
file entries, the page templates, the language block) with values the tests cannot
know (a random phone number, VAT rate and price, a page with a random name, a supervisor
and a service chosen at random ...), and then runs what the owner runs: the strict build,
and the real-site tests against the copy (KIRKAS_PROJECT; a representative set: single
source, guard, i18n, pages, structured data, prices, layout, search and the quote form in
the browser). Where a recipe says "make build names what still refers to it: delete the
line", the test deletes each named line and builds again.

The English guide (GUIDE.md) has the same recipes with the same data-file blocks.
"""

from __future__ import annotations

import datetime
import random
import re
import shutil
import string
import subprocess
import sys
import textwrap
from decimal import Decimal
from pathlib import Path

import phonenumbers
import pytest
import yaml
from babel import Locale
from babel.core import get_global
from PIL import Image

from kirkas.brand import contrast_ratio, parse_color
from kirkas.new_practice import block_end as entry_end
from kirkas.new_practice import indent_of
from kirkas.sources import parse_yaml
from tests.support.report import report_by_file
from tests.support.site import (
    DATA_FILE,
    SITE_PROJECT,
    WORDS_DIR,
    BuildResult,
    BuiltSite,
    append_line,
    build_project,
    copy_project,
    load_site_config,
)
from tests.support.suite import git_project, run_real_site_tests

pytestmark = pytest.mark.slow

GUIDE = SITE_PROJECT / "docs" / "_ohjeet" / "OPAS.md"
ENGLISH_GUIDE = SITE_PROJECT / "docs" / "_ohjeet" / "GUIDE.md"
#: The real-site tests run on each changed copy.
CHECKS = ["tests/test_single_source.py", "tests/test_guard.py", "tests/test_i18n.py", "tests/test_pages.py",
          "tests/test_structured_data.py", "tests/test_practice_data.py", "tests/test_page_layout.py",
          "tests/test_search.py", "tests/test_quote_form.py", "tests/test_smoke.py"]
#: Of those, the browser tests of the quote form; the others without a browser.
CHECKS_KEYWORD = "test_quote_form or not browser"
RANDOM = random.Random()


# --- the guide ----------------------------------------------------------------------------
def recipes(guide: Path = GUIDE) -> dict[int, str]:
    """The text of each numbered recipe ('### 3. …') of a guide."""
    text = guide.read_text(encoding="utf-8")
    parts = re.split(r"^### (\d+)\. ", text, flags=re.M)
    found = {int(number): body for number, body in zip(parts[1::2], parts[2::2])}
    last = max(found)
    found[last] = found[last].split("\n## ")[0]
    return found


def blocks(number: int, guide: Path = GUIDE) -> list[str]:
    """The fenced code blocks of a recipe, in order, without their indentation."""
    body = recipes(guide)[number]
    found = re.findall(r"^( *)```\w*\n(.*?)^\1```", body, flags=re.M | re.S)
    return ["\n".join(line[len(indent):] for line in code.split("\n")) for indent, code in found]


def recipe_titled(*words: str) -> int:
    """The number of the recipe whose title has these words (the guide may be renumbered)."""
    for number, body in recipes().items():
        title = body.split("\n", 1)[0].lower()
        if all(word in title for word in words):
            return number
    raise AssertionError(f"OPAS.md has no recipe about {words}")


# --- random values the tests cannot know -----------------------------------------------------
def random_phone(taken: set[str]) -> str:
    """A valid Finnish landline number ('+3589…', shown as 0X XXX XXXX) not in use yet."""
    while True:
        candidate = f"+358{RANDOM.choice('235689')}{RANDOM.randint(1000000, 9999999)}"
        if phonenumbers.is_valid_number(phonenumbers.parse(candidate)) and candidate not in taken:
            return candidate


def random_word(length: int = 8) -> str:
    """Lower-case letters."""
    return "".join(RANDOM.choice(string.ascii_lowercase) for _ in range(length))


def random_email() -> str:
    """An address at an example domain."""
    return f"{random_word(6)}@{random_word(7)}.example"


def random_price() -> Decimal:
    """A net price in euros, sometimes with cents."""
    return Decimal(RANDOM.randint(40, 2500)) + RANDOM.choice([Decimal(0), Decimal(RANDOM.randint(1, 99)) / 100])


def random_vat_rate() -> Decimal:
    """A VAT rate with one decimal (no page types a rate like that by chance)."""
    while True:
        rate = Decimal(RANDOM.randint(100, 300)) / 10
        if rate != rate.to_integral_value():
            return rate


# --- editing the copy as the recipes say ------------------------------------------------------
def data_text(project: Path) -> str:
    """The copy's data file."""
    return (project / DATA_FILE).read_text(encoding="utf-8")


def data(project: Path) -> dict:
    """The copy's data file, read."""
    return yaml.safe_load(data_text(project))


def key_line(project: Path, *path: str) -> int:
    """The line (1-based) of a key of the data file."""
    _data, lines, problems = parse_yaml(data_text(project), str(DATA_FILE))
    assert not problems and path in lines, (path, problems)
    return lines[path]


def set_value(project: Path, path: tuple[str, ...], value: str) -> None:
    """Write a new value after a key of the data file, keeping the line's comment."""
    lines = data_text(project).split("\n")
    index = key_line(project, *path) - 1
    match = re.match(r"^(\s*[\w-]+:)\s*(\"[^\"]*\"|[^#]*?)(\s*#.*)?$", lines[index])
    assert match, lines[index]
    lines[index] = f"{match.group(1)} {value}{match.group(3) or ''}"
    (project / DATA_FILE).write_text("\n".join(lines), encoding="utf-8")


def delete_entry(project: Path, *path: str) -> None:
    """Delete a key of the data file and every line below it."""
    lines = data_text(project).split("\n")
    start = key_line(project, *path) - 1
    del lines[start:entry_end(lines, start)]
    (project / DATA_FILE).write_text("\n".join(lines), encoding="utf-8")


def add_entry(project: Path, section: str, block: str) -> None:
    """Add an entry (indented by two spaces, as the guide shows it) at the end of a section."""
    lines = data_text(project).split("\n")
    start = key_line(project, section) - 1
    end = entry_end(lines, start)
    lines[end:end] = block.rstrip("\n").split("\n")
    (project / DATA_FILE).write_text("\n".join(lines), encoding="utf-8")


def language_file(base: str, language: str, default: str) -> str:
    """'docs/x.md' in the default language, 'docs/x.sv.md' in another."""
    return f"docs/{base}" if language == default else f"docs/{base[:-3]}.{language}.md"


def quote_target(project: Path, language: str) -> tuple[str, str]:
    """(the contact page's default-language file, the id of the heading above the quote form in a language)."""
    docs = project / "docs"
    langs = languages(project)
    for path in sorted(docs.rglob("*.md")):
        relative = path.relative_to(docs).as_posix()
        if relative.startswith("_") or relative.count(".") > 1 or "<!-- quote-form -->" not in path.read_text(encoding="utf-8"):
            continue
        own = project / language_file(relative, language, langs[0])
        headings = re.findall(r"\{\s*#([\w-]+)\s*\}", own.read_text(encoding="utf-8").split("<!-- quote-form -->")[0])
        return relative, headings[-1]
    raise AssertionError("no page has <!-- quote-form -->")


def page_from_guide(template: str, project: Path, base: str, language: str) -> str:
    """A page of a language written from the guide's template, its description told apart by the language.

    The guide's example links to this site's contact page and quote heading; a copy may
    have renamed them, so the link is pointed at the copy's own (as the guide says).
    """
    contact, anchor = quote_target(project, language)
    relative = "../" * base.count("/") + contact
    page = re.sub(r"\((?:\.\./)*yhteystiedot\.md(\?[^#)]*)?#tarjouspyynto\)",
                  lambda m: f"({relative}{m.group(1) or ''}#{anchor})", template)
    return re.sub(r"^description: (.*)$", lambda m: f"description: {m.group(1)} ({language})", page, count=1, flags=re.M)


def add_nav(project: Path, line: str, under: str | None = None) -> None:
    """Add a line to mkdocs.yml's nav: at its end, or below a section label ('  - Palvelut:')."""
    config = project / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").split("\n")
    start = next(index for index, text in enumerate(lines) if text.startswith("nav:"))
    if under is not None:
        start = next(index for index in range(start, len(lines)) if lines[index].strip() == f"- {under}:")
    end = entry_end(lines, start)
    lines[end:end] = [line]
    config.write_text("\n".join(lines), encoding="utf-8")


def remove_nav(project: Path, page: str) -> None:
    """Delete the menu line of a page."""
    config = project / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").split("\n")
    kept = [line for line in lines if not re.fullmatch(rf"\s*- (?:[^:]+: )?{re.escape(page)}", line)]
    assert len(kept) == len(lines) - 1, f"no single nav line for {page}"
    config.write_text("\n".join(kept), encoding="utf-8")


def add_nav_translation(project: Path, label: str, translations: dict[str, str]) -> None:
    """Add a label's translation under each language's nav_translations: in mkdocs.yml."""
    config = project / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").split("\n")
    language = None
    index = 0
    while index < len(lines):
        found = re.match(r"^\s*- locale: (\S+)", lines[index])
        if found:
            language = found.group(1)
        if lines[index].strip() == "nav_translations:" and language in translations:
            lines.insert(index + 1, " " * (indent_of(lines[index]) + 2) + f"{label}: {translations[language]}")
        index += 1
    config.write_text("\n".join(lines), encoding="utf-8")


#: What a report entry names as the reference to remove: a page's file or a data path.
NAMED_REFERENCE = re.compile(r"[\w./-]+\.md|supervisors\.\w+|services\.\w+")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def without_reference(line: str, entries: list[str]) -> str:
    """The line rewritten without the sentences that hold what the entries name ('' if none is left).

    Recipes 4 and 6 say: remove the line, or write it again without the removed page or
    person. A sentence naming it goes; a line with no other sentence goes whole.
    """
    named = {match.group(0).rsplit("/", 1)[-1] for entry in entries for match in NAMED_REFERENCE.finditer(entry)}
    sentences = SENTENCE_END.split(line)
    kept = [sentence for sentence in sentences if not any(name in sentence for name in named)]
    return " ".join(kept) if len(kept) < len(sentences) else ""


def delete_named_lines(project: Path, result: BuildResult) -> int:
    """Rewrite or delete every line of a page that the build's report names; how many."""
    changed = 0
    for file, entries in report_by_file(result.output).items():
        assert file.startswith("docs/") and file.endswith(".md"), f"not a page: {file}\n{result.output}"
        by_line: dict[int, list[str]] = {}
        for entry in entries:
            if entry.startswith("line "):
                by_line.setdefault(int(entry.split(":")[0].split()[1]), []).append(entry)
        path = project / file
        lines = path.read_text(encoding="utf-8").split("\n")
        for number in sorted(by_line, reverse=True):
            rewritten = without_reference(lines[number - 1], by_line[number])
            if rewritten.strip():
                lines[number - 1] = rewritten
            else:
                del lines[number - 1]
            changed += 1
        path.write_text("\n".join(lines), encoding="utf-8")
    return changed


def build_fixing_named_lines(project: Path, rounds: int = 3) -> BuildResult:
    """Build; while the report names lines of pages, delete them and build again (as recipes 4 and 6 say)."""
    result = build_project(project, project.parent / "site")
    for _ in range(rounds):
        if result.returncode == 0:
            break
        assert delete_named_lines(project, result), result.output
        result = build_project(project, project.parent / "site")
    return result


def changed_files(project: Path) -> list[str]:
    """The files git sees changed, added or deleted in the copy."""
    status = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=project,
                            capture_output=True, text=True, check=True).stdout
    return sorted(line[3:] for line in status.splitlines() if not line[3:].startswith(".cache/"))


def assert_checks_pass(project: Path) -> None:
    """The strict build and the real-site tests pass on the copy."""
    result = build_project(project, project.parent / "site")
    assert result.returncode == 0, result.output
    run = run_real_site_tests(project, *CHECKS, marker="real_site", keyword=CHECKS_KEYWORD)
    assert run.returncode == 0 and " passed" in run.stdout, run.stdout[-8000:] + run.stderr[-2000:]


def languages(project: Path) -> list[str]:
    """The copy's languages, default first."""
    return load_site_config(project / "mkdocs.yml").languages


def report(what: str, project: Path) -> None:
    """Say how many files a scenario changed (seen with pytest -s)."""
    files = changed_files(project)
    print(f"\n{what}: {len(files)} files changed: {', '.join(files)}", file=sys.stderr)


# --- the recipes, one function each -------------------------------------------------------------
def change_contact_data(project: Path, phone: str, email: str) -> None:
    """Recipe 1: practice.phone and practice.email in the data file."""
    set_value(project, ("practice", "phone"), f'"{phone}"')
    set_value(project, ("practice", "email"), email)


def change_price_and_vat(project: Path, net: Decimal, rate: Decimal) -> tuple[str, str]:
    """Recipe 2: one price's net: and the vat: block's rate and since; returns the price changed."""
    services = data(project)["services"]
    service_id = RANDOM.choice(sorted(services))
    price_id = RANDOM.choice(sorted(services[service_id]["prices"]))
    set_value(project, ("services", service_id, "prices", price_id, "net"), str(net))
    set_value(project, ("vat", "rate"), str(rate))
    set_value(project, ("vat", "since"), (datetime.date.today() + datetime.timedelta(days=30)).isoformat())
    return service_id, price_id


def add_page_in_every_language(project: Path, name: str) -> str:
    """Recipe 7: the guide's page template in every language, a nav line and its translations."""
    template = blocks(recipe_titled("sivun", "kaikilla"))[0]
    base = f"{name}.md"
    langs = languages(project)
    label = name.capitalize()
    for language in langs:
        page = page_from_guide(template, project, base, language)
        (project / language_file(base, language, langs[0])).write_text(page, encoding="utf-8")
    add_nav(project, f"  - {label}: {base}")
    add_nav_translation(project, label, {language: f"{label} {language}" for language in langs[1:]})
    return base


def remove_supervisor(project: Path) -> str:
    """Recipe 4: a supervisor chosen at random (not the last one) leaves; returns their id."""
    people = data(project)["supervisors"]
    person_id = RANDOM.choice(sorted(people))
    others = sorted(set(people) - {person_id})
    assert others, "the practice has one supervisor only"
    quote = data(project)["practice"]["quote_contact"]
    if quote == person_id:
        set_value(project, ("practice", "quote_contact"), others[0])
    elif isinstance(quote, dict):
        for language, who in quote.items():
            if who == person_id:
                set_value(project, ("practice", "quote_contact", language), others[0])
    for service_id, service in data(project)["services"].items():
        leads = service.get("leads") or []
        if person_id in leads and len(leads) > 1:
            set_value(project, ("services", service_id, "leads"), "[" + ", ".join(
                lead for lead in leads if lead != person_id) + "]")
        elif person_id in leads:
            delete_entry(project, "services", service_id, "leads")
    page = people[person_id]["page"]
    delete_entry(project, "supervisors", person_id)
    for language in languages(project):
        (project / language_file(page, language, languages(project)[0])).unlink()
    remove_nav(project, page)
    return person_id


def add_supervisor(project: Path) -> str:
    """Recipe 3: the guide's data entry and page, for a new person with a random id and details."""
    entry, page = blocks(recipe_titled("työnohjaajan", "lisää"))[:2]
    person_id = random_word(6)
    folder = next(iter(data(project)["supervisors"].values()))["page"].rsplit("/", 1)[0]
    name = f"Testi {random_word(7).capitalize()}"
    slug = f"{folder}/{person_id}.md"
    photo = f"assets/images/{person_id}.jpg"
    taken = {value for value in re.findall(r'"(\+\d+)"', data_text(project))}
    entry = (entry.replace("leena:", f"{person_id}:").replace("Leena Esimerkki", name)
             .replace("tyonohjaajat/leena-esimerkki.md", slug).replace("assets/images/leena-esimerkki.jpg", photo)
             .replace("leena.esimerkki@kirkas.example", random_email())
             .replace('"+358405550144"', f'"{random_phone(taken)}"'))
    add_entry(project, "supervisors", keep_languages(entry, languages(project)))
    image = Image.new("RGB", (600, 600), tuple(RANDOM.randrange(256) for _ in range(3)))
    image.save(project / "docs" / photo, quality=90)
    page = (page.replace("Leena Esimerkki", name).replace("../assets/images/leena-esimerkki.jpg", f"../{photo}")
            .replace("supervisor-contact: leena", f"supervisor-contact: {person_id}").replace("Leena", name))
    for language in languages(project):
        text = page_from_guide(page, project, slug, language)
        (project / language_file(slug, language, languages(project)[0])).write_text(text, encoding="utf-8")
    add_nav(project, f"      - {slug}", under=nav_section_of(project, folder))
    return person_id


def nav_section_of(project: Path, folder: str) -> str:
    """The nav label of the section whose pages are in a folder ('Työnohjaajat')."""
    lines = (project / "mkdocs.yml").read_text(encoding="utf-8").split("\n")
    start = next(index for index, text in enumerate(lines) if text.startswith("nav:"))
    section = None
    for line in lines[start:]:
        label = re.match(r"^  - ([^:]+):\s*$", line)
        if label:
            section = label.group(1)
        elif section and re.match(rf"^\s+- {re.escape(folder)}/", line):
            return section
    raise AssertionError(f"no nav section holds {folder}/")


def add_service(project: Path, net: Decimal) -> str:
    """Recipe 5: the guide's data entry and page for a new service with a random id and price."""
    entry, page = blocks(recipe_titled("palvelun", "lisää"))[:2]
    service_id = random_word(7)
    folder = next(iter(data(project)["services"].values()))["page"].rsplit("/", 1)[0]
    slug = f"{folder}/{service_id}.md"
    entry = (entry.replace("coaching:", f"{service_id}:").replace("palvelut/esihenkilovalmennus.md", slug)
             .replace("net: 240", f"net: {net}"))
    entry = keep_languages(entry, languages(project))
    add_entry(project, "services", entry)
    page = page.replace("coaching", service_id)
    for language in languages(project):
        text = page_from_guide(page, project, slug, language)
        (project / language_file(slug, language, languages(project)[0])).write_text(text, encoding="utf-8")
    add_nav(project, f"      - {slug}", under=nav_section_of(project, folder))
    return service_id


def keep_languages(entry: str, site_languages: list[str]) -> str:
    """The guide's entry with a text line for each language of the copy (fi/sv/en in the guide)."""
    lines, out = entry.split("\n"), []
    for index, line in enumerate(lines):
        found = re.match(r"^(\s*)(fi|sv|en): (.*)$", line)
        if not found:
            out.append(line)
            continue
        indent, language, text = found.groups()
        if language == "fi":
            out += [f"{indent}{code}: {text}" for code in site_languages]
    return "\n".join(out)


def remove_service(project: Path, keep: set[str]) -> str:
    """Recipe 6: a service chosen at random leaves (data entry, pages, nav line)."""
    services = data(project)["services"]
    service_id = RANDOM.choice(sorted(set(services) - keep))
    page = services[service_id]["page"]
    delete_entry(project, "services", service_id)
    for language in languages(project):
        (project / language_file(page, language, languages(project)[0])).unlink()
    remove_nav(project, page)
    return service_id


# --- scenarios --------------------------------------------------------------------------------
def test_the_finnish_and_english_guides_have_the_same_recipes() -> None:
    finnish, english = recipes(GUIDE), recipes(ENGLISH_GUIDE)
    assert sorted(finnish) == sorted(english) == list(range(1, len(finnish) + 1))
    for number in finnish:
        ours, theirs = ([block for block in blocks(number, guide) if not block.startswith("---") and "git commit" not in block]
                        for guide in (GUIDE, ENGLISH_GUIDE))
        assert ours == theirs, f"recipe {number}: the guides' data blocks differ"


def test_everyday_edits_leave_every_check_green(tmp_path: Path) -> None:
    """The guide's own phone example, a random email, price, VAT rate, a new page, a supervisor removed."""
    project = git_project(tmp_path / "project")
    example = re.search(r'phone: "(\+\d+)"', blocks(recipe_titled("puhelinnumeron"))[0]).group(1)
    change_contact_data(project, example, random_email())
    report("new phone (the guide's example) and email", project)
    change_price_and_vat(project, random_price(), random_vat_rate())
    report("and a new price and VAT rate", project)
    page = add_page_in_every_language(project, f"sivu-{random_word(6)}")
    report("and a new page in every language", project)
    remove_supervisor(project)
    result = build_fixing_named_lines(project)
    assert result.returncode == 0, result.output
    report("and a supervisor removed (with the lines make build named)", project)
    assert all(file.startswith(("docs/", "mkdocs.yml")) for file in changed_files(project))
    assert_checks_pass(project)
    site = BuiltSite(project.parent / "site", result.output, load_site_config(project / "mkdocs.yml"))
    assert all(site.file_for(site.url_of(page, language)).is_file() for language in site.languages)


def test_supervisors_and_services_come_and_go(tmp_path: Path) -> None:
    """Recipes 3, 5 and 6: a supervisor and a service added from the guide's blocks, a service removed."""
    project = git_project(tmp_path / "project")
    add_supervisor(project)
    service_id = add_service(project, random_price())
    remove_service(project, keep={service_id})
    result = build_fixing_named_lines(project)
    assert result.returncode == 0, result.output
    report("supervisor and service added, service removed", project)
    assert_checks_pass(project)


def test_a_language_is_removed(tmp_path: Path) -> None:
    """Recipe 9: a language other than the default leaves: its block, pages, words file and texts."""
    project = git_project(tmp_path / "project")
    gone = RANDOM.choice(languages(project)[1:])
    config = project / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").split("\n")
    start = next(index for index, line in enumerate(lines) if line.strip() == f"- locale: {gone}")
    end = entry_end(lines, start)
    del lines[start:end]
    config.write_text("\n".join(lines), encoding="utf-8")
    for path in (project / "docs").rglob(f"*.{gone}.md"):
        if "_ohjeet" not in path.parts:
            path.unlink()
    (project / WORDS_DIR / f"{gone}.yml").unlink()
    text = data_text(project)
    (project / DATA_FILE).write_text(re.sub(rf"^\s+{gone}: .*\n", "", text, flags=re.M), encoding="utf-8")
    result = build_fixing_named_lines(project)
    assert result.returncode == 0, result.output
    report(f"language {gone} removed", project)
    assert_checks_pass(project)


def supported_languages(source: str) -> list[str]:
    """Languages the stack supports (Material's words, lunr's stemmer, Babel) that write % like the source."""
    import material
    import mkdocs

    material_languages = {path.stem for path in (Path(material.__file__).parent / "templates" / "partials"
                                                  / "languages").glob("*.html")}
    lunr = {path.name.split(".")[1] for path in (Path(mkdocs.__file__).parent / "contrib" / "search"
                                                 / "lunr-language").glob("lunr.*.js")}

    def percent(code: str) -> str | None:
        found = re.search(r"[0#]([^0#%]*)%", Locale.parse(code).percent_formats[None].pattern)
        return found.group(1) if found else None

    return sorted(code for code in material_languages & lunr if len(code) == 2
                  and percent(code) == percent(source))


def test_a_language_is_added(tmp_path: Path) -> None:
    """Recipe 8: a language the site does not have, its block, words file, pages and data texts.

    The copy's texts in the new language are the default language's (a test cannot
    translate), so the words file keeps that language's quotation marks.
    """
    project = git_project(tmp_path / "project")
    langs = languages(project)
    source = langs[0]
    new = RANDOM.choice([code for code in supported_languages(source) if code not in langs])
    block, settings = blocks(recipe_titled("kielen", "lisää"))[:2]
    config = project / "mkdocs.yml"
    written = config.read_text(encoding="utf-8")
    nav_labels = re.findall(r"^  - ([^:\n]+):", written.split("\nnav:", 1)[1], flags=re.M)
    block = textwrap.dedent(block).replace("locale: de", f"locale: {new}").replace("name: Deutsch", f"name: {new.upper()}")
    block = block.split("nav_translations:")[0] + "nav_translations:\n" + "\n".join(
        f"    {label}: {label} ({new})" for label in nav_labels)
    lines = written.split("\n")
    start = next(index for index, line in enumerate(lines) if line.strip() == "languages:" and indent_of(line) > 0)
    end = entry_end(lines, start)
    lines[end:end] = [" " * (indent_of(lines[start]) + 2) + line for line in block.rstrip("\n").split("\n")]
    config.write_text("\n".join(lines), encoding="utf-8")
    words = yaml.safe_load((project / WORDS_DIR / f"{source}.yml").read_text(encoding="utf-8"))
    wanted = yaml.safe_load(settings)["settings"]
    likely = Locale.parse(get_global("likely_subtags")[new])
    words["settings"].update({key: value for key, value in wanted.items() if key != "quotes"})
    words["settings"]["locale"] = words["settings"]["og_locale"] = f"{likely.language}_{likely.territory}"
    (project / WORDS_DIR / f"{new}.yml").write_text(yaml.safe_dump(words, allow_unicode=True, sort_keys=False),
                                                    encoding="utf-8")
    for path in sorted((project / "docs").rglob("*.md")):
        relative = path.relative_to(project / "docs")
        if relative.parts[0].startswith("_") or path.stem.count("."):
            continue
        path.with_suffix(f".{new}.md").write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    text = data_text(project)
    text = re.sub(rf"^(\s+){source}: (.*)$", lambda m: f"{m.group(0)}\n{m.group(1)}{new}: {m.group(2)}", text, flags=re.M)
    (project / DATA_FILE).write_text(text, encoding="utf-8")
    result = build_project(project, project.parent / "site")
    assert result.returncode == 0, result.output
    report(f"language {new} added", project)
    assert_checks_pass(project)


def random_colours() -> dict[str, dict[str, str]]:
    """Light and dark colours of a random hue that pass the build's contrast checks."""
    def hexa(rgb) -> str:
        return "#" + "".join(f"{value:02x}" for value in rgb)

    while True:
        dark_part = [RANDOM.randrange(0, 90) for _ in range(3)]
        light_part = [RANDOM.randrange(170, 256) for _ in range(3)]
        light = {"primary": hexa(dark_part), "on_primary": "#ffffff", "accent": hexa([RANDOM.randrange(0, 120) for _ in range(3)]),
                 "background": "#ffffff", "text": "#1a1a1a"}
        dark = {"primary": hexa(light_part), "on_primary": "#111111", "accent": hexa([RANDOM.randrange(180, 256) for _ in range(3)]),
                "background": "#121212", "text": "#eeeeee"}
        pairs = [(light["primary"], light["background"]), (light["on_primary"], light["primary"]),
                 (dark["primary"], dark["background"]), (dark["on_primary"], dark["primary"]),
                 (light["accent"], light["background"]), (dark["accent"], dark["background"])]
        if all(contrast_ratio(parse_color(a), parse_color(b)) >= 7 for a, b in pairs):
            return {"light": light, "dark": dark}


def change_colours_and_logo(project: Path) -> dict[str, dict[str, str]]:
    """Recipe 10: a new logo file in place of the old one and new colours under brand.colors."""
    colours = random_colours()
    for scheme, values in colours.items():
        for name, value in values.items():
            set_value(project, ("brand", "colors", scheme, name), f'"{value}"')
    logo = project / "docs" / data(project)["brand"]["logo"]
    logo.write_text(f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" '
                    f'rx="12" fill="{colours["light"]["primary"]}"/></svg>', encoding="utf-8")
    return colours


def test_a_second_practice_from_this_site(tmp_path: Path) -> None:
    """Recipe 11 and then 1, 5 and 10: Finnish and English, one supervisor, two services, own brand."""
    project = git_project(tmp_path / "project")
    command = blocks(recipe_titled("uuden", "yrityksen"))[0]
    assert command.strip() == 'make new-practice LANGUAGES="fi en"'
    ran = subprocess.run([sys.executable, "-m", "hooks.kirkas.new_practice", "fi en"], cwd=project,
                         capture_output=True, text=True, check=False)
    assert ran.returncode == 0, ran.stdout + ran.stderr
    subprocess.run(["git", "add", "-A"], cwd=project, check=True)
    subprocess.run(["git", "-c", "user.name=Testi", "-c", "user.email=testi@example.invalid", "commit", "-q", "-m",
                    "skeleton"], cwd=project, check=True)
    taken: set[str] = set()
    change_contact_data(project, random_phone(taken), random_email())
    person = next(iter(data(project)["supervisors"]))
    set_value(project, ("supervisors", person, "phone"), f'"{random_phone(taken)}"')
    set_value(project, ("supervisors", person, "email"), random_email())
    set_value(project, ("practice", "legal_name"), f"{random_word(6).capitalize()} Oy")
    add_service(project, random_price())
    colours = change_colours_and_logo(project)
    result = build_project(project, project.parent / "site")
    assert result.returncode == 0, result.output
    report("second practice after make new-practice", project)
    assert all(file.startswith(("docs/", "mkdocs.yml")) for file in changed_files(project))
    built = (project.parent / "site" / "assets" / "stylesheets" / "kirkas.css").read_text(encoding="utf-8")
    assert colours["light"]["primary"] in built and colours["dark"]["primary"] in built
    assert languages(project) == ["fi", "en"] and len(data(project)["services"]) == 2
    assert len(data(project)["supervisors"]) == 1
    assert_checks_pass(project)


def test_a_wrong_edit_in_any_language_is_named_in_finnish(tmp_path: Path) -> None:
    """A mistyped price reference in a page of each language: make build names each file and line in Finnish."""
    project = copy_project(tmp_path / "project", messages="fi")
    langs = languages(project)
    services = data(project)["services"]
    service_id = RANDOM.choice(sorted(services))
    wrong = f"<!-- price: {service_id}.{random_word(5)} -->"
    page = services[service_id]["page"]
    lines = {language_file(page, language, langs[0]): append_line(project, language_file(page, language, langs[0]),
                                                                  f"Hinta {wrong}") for language in langs}
    result = build_project(project, tmp_path / "site")
    assert result.returncode != 0
    for file, line in lines.items():
        assert re.search(rf"^ERROR\s+-\s+kirkas: {re.escape(file)} \(\d+ ongelma", result.output, re.M), result.output
        assert re.search(rf"^  rivi {line}: {re.escape(wrong)}", result.output, re.M), result.output
    assert "Korjaa näin:" in result.output and "Koonti keskeytyi" in result.output
