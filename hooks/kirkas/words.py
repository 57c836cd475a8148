"""Interface words: one file per language, docs/_data/words/<language>.yml.

Every visible word the templates and blocks render (header, footer, 404 page, price
table, contact boxes, the quote form and its script's messages, the light/dark
toggle) lives in the words file of its language, grouped by concern. The file's
``settings`` group holds how the language writes numbers, dates and phone numbers::

    settings:
      locale: fi_FI            # Babel locale: money, numbers, dates, language names
      og_locale: fi_FI         # Open Graph locale of shared links
      phone_style: national    # national (09 123 4567) or international (+358 9 123 4567)
      hyphenator: voikko       # soft hyphens in long words: voikko (Finnish) or pyphen (kirkas.hyphenation)

The default language's file is the model: every other language's file must have
exactly its keys, with the same {placeholders}. Problems are collected with file
and line, what is wrong and how to fix it (kirkas.sources.SourceProblem) and put into
the build's report by hooks/interface_words.py::

    book = load_words(docs_dir, ["fi", "sv", "en"], project_dir)
    book.errors                 # [SourceProblem, ...]
    book.words("sv").header.menu          # 'Meny' (templates: {{ words.header.menu }})
    book.settings("en").phone_style       # 'international'

Templates get the words of the page's language as ``words``.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError
from markupsafe import escape

from kirkas import hyphenation, messages
from kirkas.messages import _
from kirkas.sources import DataPath, SourceProblem, display_path, dotted, line_of, read_yaml

#: Where the words files live, relative to the docs folder.
WORDS_DIR = "_data/words"
SETTINGS = "settings"
PHONE_STYLES = ("national", "international")
SETTING_KEYS = ("locale", "og_locale", "phone_style", "quotes", "hyphenator")
#: A {placeholder} in a text, filled in by the templates ({rate}, {email}, {days}).
PLACEHOLDER = re.compile(r"\{([A-Za-z_]\w*)\}")
#: How a key may be written (it becomes a name in the templates: words.header.menu).
KEY = re.compile(r"[a-z][a-z0-9_]*")
OG_LOCALE = re.compile(r"[a-z]{2,3}_[A-Z]{2}")
#: A use of a word in a template: words.header.menu
TEMPLATE_USE = re.compile(r"\bwords((?:\.[A-Za-z_]\w*)+)")
#: A template's short name for a group: {% set t = words.quote_form %}
TEMPLATE_ALIAS = re.compile(r"\{%-?\s*set\s+([A-Za-z_]\w*)\s*=\s*words((?:\.[A-Za-z_]\w*)+)\s*-?%\}")


class _Missing(str):
    """An empty text standing for a word the file lacks (the build reports it as an error)."""

    def __getattr__(self, name: str) -> _Missing:
        """Any further name is missing too: templates never crash on a missing word."""
        if name.startswith("__"):
            raise AttributeError(name)
        return self

    def __getitem__(self, key: Any) -> _Missing:  # type: ignore[override]
        """Any further key is missing too."""
        return self

    def __iter__(self) -> Iterator[str]:  # type: ignore[override]
        """A missing list has no items."""
        return iter(())


MISSING = _Missing("")


class Words:
    """A group of words: ``words.header.menu`` in templates, ``words["header"]`` in code.

    It has no public methods, so a key can never be shadowed by one (a dict's
    ``items`` or ``keys``).
    """

    __slots__ = ("_values",)

    def __init__(self, values: dict[str, Any]):
        """Wrap a mapping of the words file; nested mappings are wrapped when read."""
        self._values = values

    def __getattr__(self, name: str) -> Any:
        """The word or group of that name (an empty text if the file lacks it)."""
        if name.startswith("__"):
            raise AttributeError(name)
        return self[name]

    def __getitem__(self, name: str) -> Any:
        """The word or group of that name (an empty text if the file lacks it).

        Words are HTML-escaped (markupsafe): an owner's '"' or '&' cannot break a page,
        in text or in an attribute.
        """
        value = self._values.get(name, MISSING)
        if isinstance(value, dict):
            return Words(value)
        if isinstance(value, list):
            return [escape(str(item)) for item in value]
        return value if value is MISSING else escape(str(value))

    def __contains__(self, name: object) -> bool:
        """True when the group has the key."""
        return name in self._values

    def __repr__(self) -> str:
        """For debugging."""
        return f"Words({self._values!r})"


@dataclass(frozen=True)
class LanguageSettings:
    """How one page language writes numbers, money, dates and phone numbers."""

    language: str
    locale: str
    og_locale: str
    phone_style: str
    #: The language's double quotation marks, opening and closing: ("”", "”") or ("“", "”").
    quotes: tuple[str, str] = ("“", "”")
    #: Who hyphenates its long words: "voikko" or "pyphen" (kirkas.hyphenation).
    hyphenator: str = hyphenation.PYPHEN

    @classmethod
    def fallback(cls, language: str) -> LanguageSettings:
        """Settings used while the language's words file has problems (already reported)."""
        return cls(language, language, language, "international")


@dataclass
class WordBook:
    """The words of every language of the site, the settings, and the problems found."""

    languages: list[str]
    files: dict[str, str] = field(default_factory=dict)
    data: dict[str, dict[str, Any]] = field(default_factory=dict)
    lines: dict[str, dict[DataPath, int]] = field(default_factory=dict)
    errors: list[SourceProblem] = field(default_factory=list)

    @property
    def default_language(self) -> str:
        """The language whose file is the model for the others."""
        return self.languages[0]

    def words(self, language: str) -> Words:
        """The words of a language; a key its file lacks falls back to the default language's."""
        own = self.data.get(language, {})
        if language == self.default_language:
            return Words(own)
        return Words(_merged(self.data.get(self.default_language, {}), own))

    def settings(self, language: str) -> LanguageSettings:
        """The formatting settings of a language (a safe fallback if its file has problems)."""
        values = self.data.get(language, {}).get(SETTINGS)
        if not isinstance(values, dict) or any(
            _setting_problem(key, values.get(key), language) for key in SETTING_KEYS
        ):
            return LanguageSettings.fallback(language)
        return LanguageSettings(language, str(values["locale"]), str(values["og_locale"]),
                                str(values["phone_style"]), (values["quotes"][0], values["quotes"][1]),
                                str(values["hyphenator"]))

    def line(self, language: str, path: DataPath) -> int:
        """The line of a key (or of its closest existing parent) in a language's file."""
        return line_of(self.lines.get(language, {}), path)

    def problem(self, language: str, path: DataPath, message: str, fix: str = "") -> None:
        """Record a problem at the line of a key of a language's file: what is wrong, how to fix it."""
        self.errors.append(SourceProblem(self.files[language], self.line(language, path), message, fix))


def _merged(base: dict[str, Any], own: dict[str, Any]) -> dict[str, Any]:
    """The own words over the base's, group by group."""
    merged = dict(base)
    for key, value in own.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            merged[key] = _merged(base[key], value)
        elif value not in (None, ""):
            merged[key] = value
    return merged


def leaves(value: Any, path: DataPath = ()) -> Iterator[tuple[DataPath, Any]]:
    """(path, value) of every word: texts and lists of texts (mappings are walked)."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from leaves(item, (*path, str(key)))
    else:
        yield path, value


def groups(value: Any, path: DataPath = ()) -> Iterator[DataPath]:
    """The path of every group (mapping) below a value."""
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, dict):
                yield (*path, str(key))
                yield from groups(item, (*path, str(key)))


def placeholders(value: Any) -> set[str]:
    """The {placeholders} of a text or of the texts of a list."""
    texts = value if isinstance(value, list) else [value]
    return {name for text in texts if isinstance(text, str) for name in PLACEHOLDER.findall(text)}


def _setting_problem(key: str, value: Any, language: str) -> tuple[str, str] | None:
    """(what is wrong, how to fix it) of one setting of a language, or None."""
    if key == "locale":
        try:
            locale = Locale.parse(str(value))
        except (UnknownLocaleError, ValueError, TypeError):
            return (_("'settings.locale': '{value}' is not a locale Babel knows.", value=value),
                    _("Write the language and the country, e.g. fi_FI, sv_FI or en_IE."))
        if locale.language != language:
            return (_("'settings.locale': the locale '{value}' is for the language '{found}', but this "
                      "file is for '{language}'.", value=value, found=locale.language, language=language),
                    _("Write e.g. {example}.", example=f"{language}_FI"))
        return None
    if key == "og_locale":
        if not isinstance(value, str) or not OG_LOCALE.fullmatch(value):
            return (_("'settings.og_locale' is not an Open Graph locale (now {value}).", value=repr(value)),
                    _("Write the Open Graph locale like fi_FI or en_GB."))
        return None
    if key == "quotes" and not (isinstance(value, list) and len(value) == 2
                                and all(isinstance(mark, str) and len(mark) == 1 for mark in value)):
        return (_("'settings.quotes' must be the language's opening and closing quotation marks "
                  "(now {value}).", value=repr(value)),
                _("Write them as a list of two, e.g. [”, ”] or [“, ”]."))
    if key == "hyphenator":
        return hyphenation.setting_problem(value, language)
    if key == "phone_style" and value not in PHONE_STYLES:
        return (_("'settings.phone_style' must be national or international (now {value}).", value=repr(value)),
                _("Write national (e.g. 09 123 4567) or international (e.g. +358 9 123 4567)."))
    return None


def check_file(book: WordBook, language: str) -> None:
    """Check one language's file: key names, values, settings."""
    data = book.data[language]
    model = book.files[book.default_language]
    for path in groups(data):
        if not KEY.fullmatch(path[-1]):
            book.problem(language, path,
                         _("The group name '{name}' has characters other than small letters, digits "
                           "and _; the templates use it by name.", name=dotted(path)),
                         _("Write the name in small letters, digits and _, as in {file}.", file=model))
    for path, value in leaves(data):
        name = dotted(path)
        if not KEY.fullmatch(path[-1]) and not path[-1].isdigit():
            book.problem(language, path,
                         _("The key '{name}' has characters other than small letters, digits and _; "
                           "the templates use it by name.", name=name),
                         _("Write the name in small letters, digits and _, as in {file}.", file=model))
        if path[0] == SETTINGS:
            continue
        if value is None or value == "" or value == []:
            book.problem(language, path, _("'{name}' is empty.", name=name),
                         _("Write the text, or copy it from {file} and translate it.", file=model))
        elif isinstance(value, list):
            if not all(isinstance(item, str) and item for item in value):
                book.problem(language, path, _("'{name}' must be a list of texts.", name=name),
                             _("Write one text per line, each starting with '- '."))
        elif not isinstance(value, (str, int, float)) or isinstance(value, bool):
            book.problem(language, path, _("'{name}' must be a text (now {value}).", name=name, value=repr(value)),
                         _("Write the text in quotes if it looks like yes/no or a number."))
    settings = data.get(SETTINGS)
    if not isinstance(settings, dict):
        book.problem(language, (SETTINGS,), _("The group 'settings' is missing or not a group."),
                     _("Add it with {keys} (see {file}).", keys=", ".join(SETTING_KEYS), file=model))
        return
    for key in SETTING_KEYS:
        if key not in settings:
            book.problem(language, (SETTINGS,), _("'{name}' is missing.", name=f"settings.{key}"),
                         _("Add it under settings: (see {file}).", file=model))
            continue
        finding = _setting_problem(key, settings[key], language)
        if finding:
            book.problem(language, (SETTINGS, key), *finding)
    for key in settings:
        if key not in SETTING_KEYS:
            book.problem(language, (SETTINGS, key), _("'{name}' is not a setting.", name=f"settings.{key}"),
                         _("The settings are {keys}: correct the name, or remove the line.",
                           keys=", ".join(SETTING_KEYS)))


def compare_with_default(book: WordBook, language: str) -> None:
    """Every key of the default language's file, and no other, with the same placeholders."""
    default = book.default_language
    model, own = book.data[default], book.data[language]
    model_file = book.files[default]
    model_leaves = {path: value for path, value in leaves(model) if path[0] != SETTINGS}
    own_leaves = {path: value for path, value in leaves(own) if path[0] != SETTINGS}
    model_groups, own_groups = set(groups(model)), set(groups(own))
    known = [dotted(path) for path in model_leaves]
    for path, value in model_leaves.items():
        if path in own_leaves:
            continue
        if any(path[:depth] in model_leaves for depth in range(1, len(path))):
            continue
        shown = value if not isinstance(value, list) else ", ".join(map(str, value))
        message = _("'{name}' is missing ({file}, line {line} has it: \"{text}\").",
                    name=dotted(path), file=model_file, line=book.line(default, path), text=shown)
        if len(path) > 1:
            fix = _("Add '{key}:' under {group}: with the text in this language.",
                    key=path[-1], group=dotted(path[:-1]))
        else:
            fix = _("Add '{key}:' with the text in this language.", key=path[-1])
        book.problem(language, path[:-1], message, fix)
    for path in sorted(own_leaves):
        where = {"file": model_file, "line": book.line(default, path)}
        if path in model_leaves:
            if isinstance(model_leaves[path], list) != isinstance(own_leaves[path], list):
                if isinstance(model_leaves[path], list):
                    book.problem(language, path, _("'{name}' must be a list, as in {file}, line {line}.",
                                                   name=dotted(path), **where),
                                 _("Write one text per line, each starting with '- '."))
                else:
                    book.problem(language, path, _("'{name}' must be one text, as in {file}, line {line}.",
                                                   name=dotted(path), **where),
                                 _("Write the text after the colon, on the same line."))
            elif placeholders(model_leaves[path]) != placeholders(own_leaves[path]):
                wanted = ", ".join(f"{{{name}}}" for name in sorted(placeholders(model_leaves[path])))
                if wanted:
                    message = _("'{name}' must use the placeholders {placeholders}, like {file}, line "
                                "{line}; the build fills them in.", name=dotted(path), placeholders=wanted,
                                **where)
                else:
                    message = _("'{name}' must have no placeholders in braces, like {file}, line {line}.",
                                name=dotted(path), **where)
                book.problem(language, path, message,
                             _("Keep the placeholders as they are: in braces, untranslated."))
            continue
        if path in model_groups or any(path[:depth] in model_leaves for depth in range(1, len(path))):
            book.problem(language, path, _("'{name}' is not written as in {file}, line {line}.",
                                           name=dotted(path), **where),
                         _("Write it the same way: a group with the same keys, or one text."))
            continue
        close = difflib.get_close_matches(dotted(path), known, n=1, cutoff=0.75)
        fix = _("Correct its name, or remove it.")
        if close:
            fix = _("Did you mean '{key}'?", key=close[0]) + " " + fix
        book.problem(language, path, _("'{name}' is not a key of {file}, so nothing shows it.",
                                       name=dotted(path), file=model_file), fix)
    for path in sorted(own_groups - model_groups):
        if path in model_leaves or any(path[:d] in model_leaves for d in range(1, len(path))):
            continue
        if not any(leaf[: len(path)] == path for leaf in own_leaves):
            book.problem(language, path, _("'{name}' is an empty group.", name=dotted(path)),
                         _("Remove it."))


def template_uses(theme_dirs: Iterable[str | os.PathLike[str]]) -> Iterator[tuple[Path, int, DataPath]]:
    """(template, line, key path) of every ``words.x.y`` in the theme's templates."""
    for directory in theme_dirs:
        for template in sorted(Path(directory).rglob("*.html")):
            try:
                text = template.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            aliases = {match.group(1): tuple(match.group(2).strip(".").split("."))
                       for match in TEMPLATE_ALIAS.finditer(text)}
            uses = [(TEMPLATE_USE, ())] + [
                (re.compile(rf"\b{re.escape(alias)}((?:\.[A-Za-z_]\w*)+)"), prefix)
                for alias, prefix in aliases.items()]
            for number, line in enumerate(text.splitlines(), start=1):
                for pattern, prefix in uses:
                    for match in pattern.finditer(line):
                        yield template, number, (*prefix, *match.group(1).strip(".").split("."))


def check_uses(book: WordBook, uses: Iterable[tuple[str, int, DataPath]]) -> None:
    """Every word the templates (and hooks) use exists in the default language's file."""
    model = book.data.get(book.default_language, {})
    reported: set[DataPath] = set()
    for shown, line, path in uses:
        value: Any = model
        for depth, key in enumerate(path):
            if not isinstance(value, dict):
                break  # a text or list: what follows is the template's own (e.g. a filter)
            if key not in value:
                wanted = path[: depth + 1]
                if wanted not in reported:
                    reported.add(wanted)
                    if len(wanted) > 1:
                        fix = _("Add '{key}:' under {group}: to every language's words file.",
                                key=wanted[-1], group=dotted(wanted[:-1]))
                    else:
                        fix = _("Add '{key}:' to every language's words file.", key=wanted[-1])
                    book.errors.append(SourceProblem(shown, line, _(
                        "This file uses the word '{name}', which {file} does not have.",
                        name=dotted(wanted), file=book.files[book.default_language]), fix))
                break
            value = value[key]


def load_words(
    docs_dir: str | os.PathLike[str],
    languages: list[str],
    project_dir: str | os.PathLike[str],
    *,
    theme_dirs: Iterable[str | os.PathLike[str]] = (),
    used_by_hooks: Iterable[tuple[str, DataPath]] = (),
    config_file: str | os.PathLike[str] | None = None,
) -> WordBook:
    """Read and check the words file of every language (default language first).

    theme_dirs are searched for ``words.x.y`` uses, used_by_hooks names the words
    hooks use as (hook file, key path); config_file (mkdocs.yml) is named, with the
    language's line, when a language has no words file.
    """
    book = WordBook(list(languages))
    folder = Path(docs_dir) / WORDS_DIR
    for language in languages:
        path = folder / f"{language}.yml"
        shown = display_path(path, project_dir)
        book.files[language] = shown
        if not path.is_file():
            where = SourceProblem(shown, 0, "")
            if config_file is not None:
                from kirkas.siteconfig import language_lines

                line = language_lines(config_file).get(language)
                if line:
                    where = SourceProblem(display_path(Path(config_file), project_dir), line, "")
            model = book.files.get(languages[0], f"{WORDS_DIR}/{languages[0]}.yml")
            book.errors.append(SourceProblem(
                where.file, where.line,
                _("The language '{language}' has no words file {file}.", language=language, file=shown),
                _("Copy {model} to {file} and translate its texts (keep the keys), or remove the language.",
                  model=model, file=shown)))
            continue
        data, lines, problems = read_yaml(path, shown)
        book.errors.extend(problems)
        if problems:
            continue
        if not isinstance(data, dict):
            book.errors.append(SourceProblem(shown, 1, _("The file is empty or not a set of groups."),
                                             _("Write its groups as in {file}.", file=book.files[languages[0]])))
            continue
        book.data[language] = data
        book.lines[language] = lines
        check_file(book, language)
    if languages and languages[0] in book.data:
        for language in languages[1:]:
            if language in book.data:
                compare_with_default(book, language)
        uses = [(display_path(template, project_dir), line, path)
                for template, line, path in template_uses(theme_dirs)]
        uses += [(hook, 1, path) for hook, path in used_by_hooks]
        check_uses(book, uses)
    return book


#: Words the hooks use themselves (checked like the templates' words).
HOOK_WORDS = (
    ("hooks/interface_words.py", ("theme", "to_dark")),
    ("hooks/interface_words.py", ("theme", "to_light")),
)

_cache: dict[tuple[Any, ...], WordBook] = {}


def _stamp(folder: Path, theme_dirs: tuple[str, ...]) -> tuple[Any, ...]:
    """Modification times of the words files and templates (the cache is valid while equal)."""
    files = sorted(folder.glob("*.yml")) if folder.is_dir() else []
    templates = [path for directory in theme_dirs for path in sorted(Path(directory).rglob("*.html"))]
    return tuple((str(path), path.stat().st_mtime_ns) for path in [*files, *templates])


def cached_words(
    docs_dir: str | os.PathLike[str],
    languages: list[str],
    project_dir: str | os.PathLike[str],
    **options: Any,
) -> WordBook:
    """load_words, kept until a words file or a template changes (``mkdocs serve``)."""
    theme_dirs = tuple(str(directory) for directory in options.get("theme_dirs", ()))
    key = (str(Path(docs_dir).resolve()), tuple(languages), theme_dirs,
           tuple(options.get("used_by_hooks", ())),
           _stamp(Path(docs_dir) / WORDS_DIR, theme_dirs), messages.current_language())
    if key not in _cache:
        _cache.clear()
        _cache[key] = load_words(docs_dir, languages, project_dir, **options)
    return _cache[key]


_by_config: list[tuple[Any, WordBook]] = []


def for_config(config: Any) -> WordBook:
    """The words of a build's languages (checked against the theme's templates).

    Read once per build: ``mkdocs serve`` loads a new config for every rebuild, which
    reads the files again if they changed.
    """
    if _by_config and _by_config[0][0] is config:
        return _by_config[0][1]
    from kirkas import i18n

    theme_dirs = [config.theme.custom_dir] if config.theme.custom_dir else []
    book = cached_words(config.docs_dir, i18n.languages(config), Path(config.config_file_path).parent,
                        theme_dirs=theme_dirs, used_by_hooks=HOOK_WORDS,
                        config_file=config.config_file_path)
    _by_config[:] = [(config, book)]
    return book
