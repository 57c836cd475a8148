"""`make new-practice LANGUAGES="fi en"`: turn the demo into the skeleton of a practice of your own.

In the project folder (the one with mkdocs.yml), in place:

- every page of docs/ (not the guides in docs/_ohjeet/) and the demo's images are removed;
- one page per role and language is written from hooks/kirkas/skeleton/ (home, contact
  with the quote form, search, services, one service, supervisors, one supervisor,
  prices, questions, privacy notice), the first language being the default (its file
  names are the files of every language and its addresses); every other language's
  pages (not the home page) get an address in their own language (``slug:``, from that
  language's file names in skeleton/texts.yml);
- docs/_data/practice.yml is written anew: every value is a placeholder that passes the
  checks, with a comment saying what to write; one supervisor (id ``ohjaaja``) and one
  service (id ``tyonohjaus``) stand for the practice's own;
- the words files of the languages not chosen are removed (the chosen ones are kept);
- mkdocs.yml gets the languages' block (plugins.i18n.languages), the name and
  description of every language, theme.language and the menu (nav).

So the skeleton builds and passes `make test` at once. The brand (logo, favicon,
colours), the engine and the owner's guides stay as they are. The command refuses to
run when git has uncommitted changes, so that ``git reset --hard && git clean -fd docs``
always brings the demo back.

    python -m hooks.kirkas.new_practice fi en [--project DIR]
"""

from __future__ import annotations

import argparse
import datetime
import posixpath
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

HOOKS_DIR = Path(__file__).resolve().parents[1]
if str(HOOKS_DIR) not in sys.path:  # run as `python -m hooks.kirkas.new_practice`
    sys.path.insert(0, str(HOOKS_DIR))

from babel import Locale  # noqa: E402

from kirkas import messages  # noqa: E402
from kirkas.messages import _  # noqa: E402
from kirkas.siteconfig import load_site_config  # noqa: E402

SKELETON = Path(__file__).resolve().parent / "skeleton"
WORDS_DIR = Path("docs") / "_data" / "words"
DATA_FILE = Path("docs") / "_data" / "practice.yml"
#: The ids of the skeleton's one supervisor, service and price, and the supervisor's portrait.
SUPERVISOR, SERVICE, PRICE = "ohjaaja", "tyonohjaus", "meeting"
PORTRAIT = "assets/images/ohjaaja.svg"
#: The page kinds of the skeleton, in menu order (home first, search outside the menu).
KINDS = ("home", "services", "service", "supervisors", "supervisor", "prices", "faq", "contact", "search", "privacy")
#: Kinds that open a section of the menu, and the kinds inside them.
SECTIONS = {"services": ("services", "service"), "supervisors": ("supervisors", "supervisor")}
TOKEN = re.compile(r"\{(link|id|name):(\w+)\}|\{photo\}")


class Refused(Exception):
    """Why the command does not change anything."""


def skeleton_texts() -> dict[str, Any]:
    """The skeleton's texts by language (hooks/kirkas/skeleton/texts.yml)."""
    return yaml.safe_load((SKELETON / "texts.yml").read_text(encoding="utf-8"))


def check_git_is_clean(project: Path) -> None:
    """Refuse unless the project is a git working tree without uncommitted changes."""
    try:
        status = subprocess.run(["git", "status", "--porcelain"], cwd=project, capture_output=True,
                                text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError) as error:
        raise Refused(_("The project folder is not a git working tree ({error}): without git the demo "
                        "could not be brought back. Keep the project in git first.", error=error)) from error
    changed = status.strip().split("\n") if status.strip() else []
    if changed:
        shown = "\n".join(changed[:10] + (["…"] if len(changed) > 10 else []))
        raise Refused(_("git has uncommitted changes in the project:\n{changes}\nCommit them first "
                        "(git add -A && git commit), so that you can always get back.", changes=shown))


def check_languages(project: Path, languages: list[str], texts: dict[str, Any]) -> None:
    """Refuse languages without a words file or skeleton texts, and repeated ones."""
    if not languages:
        raise Refused(_("Name the site's languages, the default first: make new-practice LANGUAGES=\"fi en\"."))
    if len(set(languages)) != len(languages):
        raise Refused(_("A language is named twice: {languages}.", languages=" ".join(languages)))
    for language in languages:
        if not (project / WORDS_DIR / f"{language}.yml").is_file() or language not in texts:
            offered = sorted(set(texts) & {path.stem for path in (project / WORDS_DIR).glob("*.yml")})
            raise Refused(_("The skeleton has no texts or words file for the language '{language}'; it offers "
                            "{offered}. Start with those, then add the language (docs/_ohjeet/OPAS.md).",
                            language=language, offered=", ".join(offered)))


# --- the pages ------------------------------------------------------------------------
def page_file(base: str, language: str, default: str) -> str:
    """The file of a page in a language: 'hinnat.md', 'hinnat.en.md'."""
    return base if language == default else f"{base[:-3]}.{language}.md"


def slug(kind: str, own_file: str) -> str | None:
    """A translation's address in its own language: its file's name there (a folder's index
    page: the folder's), e.g. 'services/index.md' -> 'services'; None for the home page."""
    if kind == "home":
        return None
    folder, name = posixpath.split(own_file[: -len(".md")])
    return posixpath.basename(folder) if name == "index" else name


def with_slug(page: str, value: str | None) -> str:
    """A page's Markdown with ``slug:`` as the first line of its front matter (if value)."""
    if value is None:
        return page
    if page.startswith("---\n"):
        return f"---\nslug: {value}\n" + page[len("---\n"):]
    return f"---\nslug: {value}\n---\n\n" + page


def fill(template: str, base: str, files: dict[str, str], names: dict[str, str]) -> str:
    """A skeleton page with its links (relative to its own folder), ids and photo filled in."""
    folder = posixpath.dirname(base) or "."

    def replace(match: re.Match[str]) -> str:
        kind, value = match.group(1), match.group(2)
        if kind == "link":
            return posixpath.relpath(files[value], folder)
        if kind == "id":
            return {"service": SERVICE, "supervisor": SUPERVISOR}[value]
        if kind == "name":
            return names[value]
        return posixpath.relpath(PORTRAIT, folder)

    return TOKEN.sub(replace, template)


def remove_demo(project: Path, languages: list[str]) -> None:
    """Remove the demo's pages, images and the words files of the languages not chosen."""
    docs = project / "docs"
    for path in sorted(docs.rglob("*.md")):
        if not any(part.startswith("_") for part in path.relative_to(docs).parts):
            path.unlink()
    for path in sorted((docs / "assets" / "images").glob("*")):
        if path.is_file():
            path.unlink()
    for path in (project / WORDS_DIR).glob("*.yml"):
        if path.stem not in languages:
            path.unlink()
    for folder in sorted((path for path in docs.rglob("*") if path.is_dir()), key=lambda p: -len(p.parts)):
        if not any(folder.iterdir()):
            folder.rmdir()


def write_pages(project: Path, languages: list[str], texts: dict[str, Any], names: dict[str, str]) -> None:
    """One page per kind and language, and the supervisor's portrait."""
    files = texts[languages[0]]["files"]
    for language in languages:
        for kind in KINDS:
            template = (SKELETON / "pages" / f"{kind}.{language}.md").read_text(encoding="utf-8")
            target = project / "docs" / page_file(files[kind], language, languages[0])
            target.parent.mkdir(parents=True, exist_ok=True)
            own = slug(kind, texts[language]["files"][kind]) if language != languages[0] else None
            target.write_text(with_slug(fill(template, files[kind], files, names), own), encoding="utf-8")
    portrait = project / "docs" / PORTRAIT
    portrait.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SKELETON / "portrait.svg", portrait)


# --- the data file --------------------------------------------------------------------
DATA_TOKEN = re.compile(r"\{(texts|id|files):(\w+)\}|\{(languages|today|year|photo|brand)\}")


def yaml_text(value: str) -> str:
    """A text as a YAML scalar (quoted only when it needs to be)."""
    return yaml.safe_dump(value, allow_unicode=True, width=1000).strip().removesuffix("\n...")


def brand_lines(project: Path) -> list[str]:
    """The current data file's brand section, kept as it is (logo, favicon, colours)."""
    text = (project / DATA_FILE).read_text(encoding="utf-8").split("\n")
    start = next((index for index, line in enumerate(text) if line.startswith("brand:")), None)
    if start is None:
        return []
    end = next((index for index in range(start + 1, len(text))
                if text[index] and not text[index].startswith((" ", "#"))), len(text))
    return [line for line in text[start:end] if line.strip() and not line.startswith("#")]


def data_file(project: Path, languages: list[str], texts: dict[str, Any]) -> str:
    """The new data file from the skeleton's template: placeholders that pass the checks.

    A line that holds only {texts:KEY} becomes the text of every chosen language at its
    indentation; the other tokens are the ids, page files, languages, dates and the brand.
    """
    today = datetime.date.today()
    values = {
        "languages": "[" + ", ".join(languages) + "]",
        "today": today.isoformat(),
        "year": str(today.year),
        "photo": PORTRAIT,
        "brand": "\n".join(brand_lines(project)),
    }
    ids = {"supervisor": SUPERVISOR, "service": SERVICE, "price": PRICE}
    files = texts[languages[0]]["files"]
    lines = []
    for line in (SKELETON / "practice.yml").read_text(encoding="utf-8").split("\n"):
        alone = re.fullmatch(r"(\s*)\{texts:(\w+)\}", line)
        if alone:
            indent, key = alone.groups()
            lines += [f"{indent}{language}: {yaml_text(texts[language]['data'][key])}" for language in languages]
            continue

        def replace(match: re.Match[str]) -> str:
            kind, name, single = match.groups()
            if single:
                return values[single]
            return ids[name] if kind == "id" else files[name] if kind == "files" else match.group(0)

        lines.append(DATA_TOKEN.sub(replace, line))
    return "\n".join(lines)


# --- mkdocs.yml ------------------------------------------------------------------------
def indent_of(line: str) -> int:
    """How many spaces a line starts with."""
    return len(line) - len(line.lstrip(" "))


def block_end(lines: list[str], start: int) -> int:
    """The end (exclusive) of what belongs to the YAML key on line `start` (the lines indented deeper)."""
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or indent_of(lines[end]) > indent_of(lines[start])):
        end += 1
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1
    return end


def language_names(project: Path, languages: list[str]) -> dict[str, str]:
    """Each language's own name in the language menu: mkdocs.yml's, else Babel's."""
    raw = load_site_config(project / "mkdocs.yml").raw
    written = {}
    for plugin in raw.get("plugins") or []:
        if isinstance(plugin, dict) and "i18n" in plugin:
            written = {entry["locale"]: entry.get("name") for entry in plugin["i18n"].get("languages") or []}
    return {language: written.get(language) or Locale.parse(language).get_display_name(language).capitalize()
            for language in languages}


def languages_block(project: Path, languages: list[str], texts: dict[str, Any], indent: str) -> list[str]:
    """plugins.i18n.languages for the chosen languages, the first the default."""
    names = language_names(project, languages)
    default_nav = texts[languages[0]]["nav"]
    block = []
    for language in languages:
        block += [f"{indent}- locale: {language}", f"{indent}  name: {names[language]}"]
        if language == languages[0]:
            block.append(f"{indent}  default: true")
        block.append(f"{indent}  build: true")
        if language != languages[0]:
            block += [f"{indent}  site_name: {yaml_text(texts[language]['site_name'])}",
                      f"{indent}  site_description: {yaml_text(texts[language]['site_description'])}",
                      f"{indent}  nav_translations:"]
            block += [f"{indent}    {yaml_text(default_nav[kind])}: {yaml_text(texts[language]['nav'][kind])}"
                      for kind in default_nav]
    return block


def nav_block(languages: list[str], texts: dict[str, Any]) -> list[str]:
    """The menu: home, the sections and the other pages, labelled in the default language."""
    files, labels = texts[languages[0]]["files"], texts[languages[0]]["nav"]
    nav = ["nav:", f"  - {files['home']}"]
    for kind in KINDS:
        if kind in ("home", "search") or any(kind in inside[1:] for inside in SECTIONS.values()):
            continue
        if kind in SECTIONS:
            nav.append(f"  - {yaml_text(labels[kind])}:")
            nav += [f"      - {files[inner]}" for inner in SECTIONS[kind]]
        else:
            nav.append(f"  - {yaml_text(labels[kind])}: {files[kind]}")
    return nav


def rewrite_config(project: Path, languages: list[str], texts: dict[str, Any]) -> None:
    """mkdocs.yml: name and description, theme language, the languages' block and the menu."""
    path = project / "mkdocs.yml"
    lines = path.read_text(encoding="utf-8").split("\n")
    default = texts[languages[0]]
    for index, line in enumerate(lines):
        if line.startswith("site_name:"):
            lines[index] = f"site_name: {yaml_text(default['site_name'])}"
        elif line.startswith("site_description:"):
            lines[index] = f"site_description: {yaml_text(default['site_description'])}"
        elif re.match(r"^  language: \w+", line):
            lines[index] = f"  language: {languages[0]}"
    start = next(index for index, line in enumerate(lines)
                 if line.strip() == "languages:" and indent_of(line) > 0)
    lines[start + 1:block_end(lines, start)] = languages_block(
        project, languages, texts, " " * (indent_of(lines[start]) + 2))
    start = next(index for index, line in enumerate(lines) if line.startswith("nav:"))
    lines[start:block_end(lines, start)] = nav_block(languages, texts)
    path.write_text("\n".join(lines).rstrip("\n") + "\n", encoding="utf-8")


def new_practice(project: Path, languages: list[str]) -> None:
    """Replace the demo in a project folder with the skeleton of a practice in these languages."""
    texts = skeleton_texts()
    check_git_is_clean(project)
    check_languages(project, languages, texts)
    data = data_file(project, languages, texts)
    names = {"supervisor": yaml.safe_load(data)["supervisors"][SUPERVISOR]["name"]}
    remove_demo(project, languages)
    write_pages(project, languages, texts, names)
    (project / DATA_FILE).write_text(data, encoding="utf-8")
    rewrite_config(project, languages, texts)


def main(argv: list[str] | None = None) -> int:
    """Command line: the languages, the default first."""
    parser = argparse.ArgumentParser(prog="python -m hooks.kirkas.new_practice",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("languages", nargs="*", help="the site's languages, the default first (e.g. fi en)")
    parser.add_argument("--project", type=Path, default=HOOKS_DIR.parent, help="folder of mkdocs.yml")
    args = parser.parse_args(argv)
    project = args.project.resolve()
    chosen = load_site_config(project / "mkdocs.yml").raw.get("extra", {}).get("build_messages", "fi")
    messages.use_language(chosen if messages.language_problem(chosen) is None else messages.DEFAULT_LANGUAGE)
    languages = [code for value in args.languages for code in re.split(r"[\s,]+", value) if code]
    try:
        new_practice(project, languages)
    except Refused as refusal:
        print(_("Nothing was changed: {reason}", reason=refusal), file=sys.stderr)
        return 2
    print(_("The demo is replaced by the skeleton of a practice in {languages}. Next: fill in "
            "docs/_data/practice.yml (every line marked TÄYTÄ), the name in mkdocs.yml (site_name) and "
            "the pages in docs/, then run make serve and make build (docs/_ohjeet/OPAS.md). To get the "
            "demo back: git reset --hard && git clean -fd docs", languages=", ".join(languages)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
