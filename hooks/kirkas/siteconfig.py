"""The site's settings read from mkdocs.yml outside a build (tests, command-line tools).

During a build the hooks ask ``kirkas.i18n`` (the running static-i18n plugin). Code
that runs without a build (``python -m hooks.kirkas.linkcheck``, the tests) reads
the same facts here, with MkDocs' own YAML loader, so ``!ENV`` tags and ``INHERIT``
work as in a build::

    from kirkas.siteconfig import load_site_config

    site = load_site_config("mkdocs.yml")
    site.languages            # ['fi', 'sv', 'en'], the default language first
    site.default_language     # 'fi'
    site.prefix("sv")         # 'sv/' (URL folder below the site root; '' for the default)
    site.site_name("en")      # the practice's name on the English pages
    site.pages()              # ['hinnat.md', 'hinnat.sv.md', ...]: the Markdown pages MkDocs builds
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.utils import yaml_load


@dataclass(frozen=True)
class SiteConfig:
    """What the engine needs to know of mkdocs.yml without building."""

    config_file: Path
    docs_dir: Path
    languages: list[str]
    default_language: str
    site_names: dict[str, str] = field(default_factory=dict)
    site_descriptions: dict[str, str] = field(default_factory=dict)
    raw: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def project_dir(self) -> Path:
        """The folder that holds mkdocs.yml."""
        return self.config_file.parent

    def prefix(self, language: str) -> str:
        """URL path of a language below the site root: '' for the default, else 'sv/'."""
        return "" if language == self.default_language else f"{language}/"

    def site_name(self, language: str) -> str:
        """The practice's name in a language (its i18n block's site_name, else the top level's)."""
        return self.site_names.get(language) or self.site_names.get(self.default_language, "")

    def site_description(self, language: str) -> str:
        """The site description in a language (falls back like site_name)."""
        return self.site_descriptions.get(language) or self.site_descriptions.get(self.default_language, "")

    @property
    def use_directory_urls(self) -> bool:
        """MkDocs' use_directory_urls (pages at 'hinnat/' rather than 'hinnat.html')."""
        return bool(self.raw.get("use_directory_urls", True))

    def pages(self) -> list[str]:
        """The Markdown pages MkDocs builds (paths below docs/), without exclude_docs' files.

        MkDocs' own rules: files and folders starting with a dot, a top-level
        templates/ folder and mkdocs.yml's exclude_docs patterns are left out.
        """
        import pathspec

        lines = [".*", "/templates/", *str(self.raw.get("exclude_docs") or "").splitlines()]
        excluded = pathspec.gitignore.GitIgnoreSpec.from_lines(lines)
        found = []
        for path in sorted(self.docs_dir.rglob("*.md")):
            relative = path.relative_to(self.docs_dir).as_posix()
            if not excluded.match_file(relative):
                found.append(relative)
        return found


def i18n_languages(raw: dict[str, Any]) -> list[dict[str, Any]]:
    """The ``plugins.i18n.languages`` entries of a loaded mkdocs.yml (empty if none)."""
    for plugin in raw.get("plugins") or []:
        if isinstance(plugin, dict) and "i18n" in plugin:
            return list((plugin["i18n"] or {}).get("languages") or [])
    return []


def load_site_config(config_file: str | os.PathLike[str]) -> SiteConfig:
    """Read mkdocs.yml: the built languages (default first), names and descriptions."""
    path = Path(config_file).resolve()
    with path.open("rb") as handle:
        raw = yaml_load(handle) or {}
    entries = [entry for entry in i18n_languages(raw) if entry.get("build", True)]
    default = next((entry["locale"] for entry in entries if entry.get("default")),
                   entries[0]["locale"] if entries else str((raw.get("theme") or {}).get("language") or "en"))
    languages = [default] + [entry["locale"] for entry in entries if entry["locale"] != default]
    names = {default: str(raw.get("site_name") or "")}
    descriptions = {default: str(raw.get("site_description") or "")}
    for entry in entries:
        if entry.get("site_name"):
            names[entry["locale"]] = str(entry["site_name"])
        if entry.get("site_description"):
            descriptions[entry["locale"]] = str(entry["site_description"])
    docs_dir = path.parent / str(raw.get("docs_dir") or "docs")
    return SiteConfig(path, docs_dir, languages, default, names, descriptions, raw)


def language_lines(config_file: str | os.PathLike[str]) -> dict[str, int]:
    """The line of each language's ``locale:`` in mkdocs.yml's plugins.i18n.languages."""
    import yaml

    try:
        root = yaml.compose(Path(config_file).read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except (OSError, yaml.YAMLError):
        return {}
    found: dict[str, int] = {}

    def walk(node: yaml.Node) -> None:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if key.value == "locale" and isinstance(value, yaml.ScalarNode):
                    found.setdefault(str(value.value), key.start_mark.line + 1)
                walk(value)
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                walk(item)

    if root is not None:
        walk(root)
    return found


def key_line(config_file: str | os.PathLike[str], *keys: str) -> int:
    """The line of a nested key of mkdocs.yml (plugins are found by name), 0 if absent.

    key_line(path, "plugins", "search", "lang") -> the line of the search plugin's lang:
    """
    import yaml

    try:
        node = yaml.compose(Path(config_file).read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except (OSError, yaml.YAMLError):
        return 0
    line = 0
    for key in keys:
        if isinstance(node, yaml.SequenceNode):
            node = next((item for item in node.value if isinstance(item, yaml.MappingNode)
                         and any(k.value == key for k, _ in item.value)), None)
            if node is None:
                return 0
        if not isinstance(node, yaml.MappingNode):
            return 0
        pair = next(((k, v) for k, v in node.value if k.value == key), None)
        if pair is None:
            return 0
        line, node = pair[0].start_mark.line + 1, pair[1]
    return line
