"""Where the build guard's findings are in the sources.

A problem is found in built HTML, but the owner fixes it in a Markdown file, the data
file or a template. ``SourceIndex`` finds the line by searching those files for the
text that caused the problem ("needles": the link as written, its text, the number).
The problems go to the build's one report (kirkas.problems), which keeps each once
(static-i18n builds each template once per language, and the same footer is on every
page) and groups them by source file.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from kirkas.messages import _
from kirkas.problems import THEME, Location

class SourceIndex:
    """The lines of the project's source files, searched for the text behind a problem."""

    def __init__(self, project_dir: Path, template_dirs: list[Path], data_file: Path | None,
                 config_file: Path | None = None):
        """Index lazily: a file is read only when a problem needs it."""
        self.project_dir = project_dir
        self.template_dirs = [path for path in template_dirs if path.is_dir()]
        self.data_file = data_file if data_file and data_file.is_file() else None
        #: mkdocs.yml, searched last: addresses of the theme's files and scripts are set there.
        self.config_file = config_file if config_file and config_file.is_file() else None
        self._lines: dict[Path, list[str]] = {}
        self._templates: list[Path] | None = None

    def display(self, path: Path) -> str:
        """A path as the owner sees it: 'docs/hinnat.md'."""
        try:
            return path.resolve().relative_to(self.project_dir.resolve()).as_posix()
        except ValueError:
            return path.as_posix()

    def lines(self, path: Path) -> list[str]:
        """The lines of a source file (read once per build)."""
        if path not in self._lines:
            try:
                self._lines[path] = path.read_text(encoding="utf-8").splitlines()
            except (OSError, UnicodeDecodeError):
                self._lines[path] = []
        return self._lines[path]

    def templates(self) -> list[Path]:
        """Template files of the custom theme directory (overrides/)."""
        if self._templates is None:
            self._templates = sorted(
                path
                for directory in self.template_dirs
                for path in directory.rglob("*")
                if path.is_file() and path.suffix in {".html", ".xml", ".txt", ".j2"}
            )
        return self._templates

    def find_line(self, path: Path, needle: str, occurrence: int = 0) -> int | None:
        """1-based line of the n-th occurrence of a text (the last one if fewer)."""
        if not needle:
            return None
        found: list[int] = []
        for number, line in enumerate(self.lines(path), start=1):
            found.extend([number] * line.count(needle))
            if len(found) > occurrence:
                return found[occurrence]
        return found[-1] if found else None

    def find_digits(self, path: Path, digits: str) -> int | None:
        """1-based line whose digits contain a digit sequence (numbers written with spaces)."""
        if len(digits) < 5:
            return None
        for number, line in enumerate(self.lines(path), start=1):
            if digits in "".join(character for character in line if character.isdigit()):
                return number
        return None


@dataclass
class PageSources:
    """Where to look for a page's problems, and how often each text was already used."""

    index: SourceIndex
    markdown: Path | None
    used: dict[tuple[Path, str], int] = field(default_factory=lambda: defaultdict(int))

    def locate(
        self, needles: list[str], *, in_content: bool, region: str, digits: str = ""
    ) -> Location:
        """The file and line where one of the needles is written (in order of preference)."""
        files: list[Path] = []
        if in_content and self.markdown is not None:
            files.append(self.markdown)
        if self.index.data_file is not None:
            files.append(self.index.data_file)
        files.extend(self.index.templates())
        if not in_content and self.markdown is not None:
            files.append(self.markdown)
        if self.index.config_file is not None:
            files.append(self.index.config_file)
        for path in files:
            for needle in needles:
                if not needle:
                    continue
                line = self.index.find_line(path, needle, self.used[(path, needle)])
                if line is not None:
                    self.used[(path, needle)] += 1
                    return Location(self.index.display(path), line, matched=needle)
        if digits:
            for path in files:
                line = self.index.find_digits(path, digits)
                if line is not None:
                    return Location(self.index.display(path), line)
        if in_content and self.markdown is not None:
            return Location(
                self.index.display(self.markdown),
                None,
                _("{region} (the text is produced by a data reference, block or plugin; not "
                  "found as written in the file)", region=_(region)),
            )
        return Location(THEME, None, _(region))
