"""Refuse to publish a page that is missing in any language.

static-i18n would otherwise leave the page out of that language (or, with
fallback, publish default-language text under another language's ``lang``). Every missing or orphaned
translation is reported once, by name, and fails the strict build.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files

from kirkas import i18n

log = get_plugin_logger("translations")


def translation_problems(src_uris: list[str], locales: list[str]) -> list[str]:
    """Messages for pages that lack a language version, or exist only in translation."""
    default, others = locales[0], locales[1:]
    by_page: dict[str, set[str]] = {}
    for src_uri in src_uris:
        path = PurePosixPath(src_uri)
        if path.suffix != ".md":
            continue
        stem, _, maybe_locale = path.stem.rpartition(".")
        locale = maybe_locale if stem and maybe_locale in locales else default
        base = str(path.with_name((stem if locale != default else path.stem) + ".md"))
        by_page.setdefault(base, set()).add(locale)

    def file_for(base: str, locale: str) -> str:
        return base if locale == default else base[: -len(".md")] + f".{locale}.md"

    problems = []
    for base, present in sorted(by_page.items()):
        missing = [locale for locale in locales if locale not in present]
        if not missing:
            continue
        if default in missing:
            problems.append(
                f"docs/{base} is missing, but its translation docs/"
                f"{file_for(base, sorted(present)[0])} exists. Every page needs a version in the "
                f"default language ({default}): create docs/{base}, or delete the translation."
            )
            missing = [locale for locale in missing if locale != default]
        for locale in missing:
            problems.append(
                f"docs/{file_for(base, locale)} is missing: docs/{base} has no '{locale}' "
                f"translation. Create the file (copy docs/{base} and translate it), or the "
                f"page would appear in the wrong language."
            )
    return problems


@event_priority(100)
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Check, once per build (default language), that every page exists in every language."""
    if i18n.is_default_language_build(config):
        src_uris = [
            file.src_uri
            for file in files
            if file.is_documentation_page() and not file.inclusion.is_excluded()
        ]
        for problem in translation_problems(src_uris, i18n.languages(config)):
            log.error(problem)
    return files
