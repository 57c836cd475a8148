"""The build guard's findings: where each problem is in the sources, and the report.

A problem is found in built HTML, but the owner fixes it in a Markdown file, the data
file or a template. ``SourceIndex`` finds the line by searching those files for the
text that caused the problem ("needles": the link as written, its text, the number).
``Report`` keeps every problem once (static-i18n builds each template once per
language, and the same footer is on every page) and groups them by source file.
"""

from __future__ import annotations

import traceback
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

#: Shown instead of a file when a problem comes from the theme's own templates.
THEME = "the theme's templates (mkdocs-material)"


@dataclass(frozen=True)
class Location:
    """Where the owner (or a developer) fixes a problem: a file and a line."""

    file: str
    line: int | None = None
    note: str = ""
    matched: str = field(default="", compare=False)

    def __str__(self) -> str:
        """'line 12' or 'page footer'."""
        if self.line is not None:
            return f"line {self.line}"
        return self.note or "whole file"


@dataclass
class Problem:
    """One thing that must be fixed before the site may be published."""

    location: Location
    kind: str
    detail: str
    message: str
    fix: str
    pages: list[str] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, int | None, str, str]:
        """Identity for de-duplication: same place, same kind, same offending text."""
        return (self.location.file, self.location.line, self.kind, self.detail)


@dataclass(frozen=True)
class GuardFailure:
    """The guard itself crashed: a bug in hooks/, never a content problem."""

    context: str
    error: str
    where: str

    @classmethod
    def from_exception(cls, context: str, error: BaseException) -> GuardFailure:
        """Describe an exception with the innermost frame inside hooks/."""
        frames = traceback.extract_tb(error.__traceback__)
        ours = [frame for frame in frames if "/hooks/" in frame.filename.replace("\\", "/")]
        frame = (ours or frames or [None])[-1]
        where = ""
        if frame is not None:
            filename = frame.filename.replace("\\", "/")
            short = "hooks/" + filename.split("/hooks/", 1)[1] if "/hooks/" in filename else filename
            where = f"{short}, line {frame.lineno}"
        return cls(context, f"{type(error).__name__}: {error}", where)

    def __str__(self) -> str:
        """The message shown in the build log."""
        place = f" ({self.where})" if self.where else ""
        return (
            f"The build guard itself failed while checking {self.context}: {self.error}{place}. "
            f"This is a bug in hooks/guard.py or hooks/kirkas/guard_*.py, not in your text. "
            f"The site is not checked, so it must not be published: report this to the "
            f"developer (copy this message)."
        )


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
                f"{region} (the text is produced by a data reference, block or plugin; "
                f"not found as written in the file)",
            )
        return Location(THEME, None, region)


class Report:
    """Every problem once, grouped by the file to fix; and the guard's own failures."""

    def __init__(self) -> None:
        """Start empty."""
        self.problems: dict[tuple[str, int | None, str, str], Problem] = {}
        self.failures: list[GuardFailure] = []

    def add(self, problem: Problem, page: str | None = None) -> None:
        """Record a problem (merged with the same problem seen on other pages)."""
        known = self.problems.setdefault(problem.key, problem)
        if page is not None and page not in known.pages:
            known.pages.append(page)

    def fail(self, context: str, error: BaseException) -> None:
        """Record that the guard crashed while checking something."""
        self.failures.append(GuardFailure.from_exception(context, error))

    def by_file(self) -> dict[str, list[Problem]]:
        """Problems grouped by file (files sorted, theme last), each group by line."""
        groups: dict[str, list[Problem]] = defaultdict(list)
        for problem in self.problems.values():
            groups[problem.location.file].append(problem)
        ordered = sorted(groups, key=lambda name: (name == THEME, name))
        return {
            name: sorted(groups[name], key=lambda p: (p.location.line or 0, p.kind, p.detail))
            for name in ordered
        }

    def summary(self) -> str | None:
        """The first line of the report, or None when there is nothing to report."""
        if not self.problems:
            return None
        files = len({problem.location.file for problem in self.problems.values()})
        count = len(self.problems)
        return (
            f"The build guard found {count} problem{'s' if count != 1 else ''} in "
            f"{files} file{'s' if files != 1 else ''}. The site must not be published like "
            f"this. Fix each one below, then run `make build` again."
        )

    def file_messages(self) -> list[str]:
        """One message per file: its problems with line, what is wrong and how to fix it."""
        messages = []
        for name, problems in self.by_file().items():
            count = len(problems)
            lines = [f"{name} ({count} problem{'s' if count != 1 else ''}):"]
            for problem in problems:
                lines.append(f"  {problem.location}: {problem.message}")
                lines.append(f"      How to fix: {problem.fix}")
                if problem.pages:
                    shown = ", ".join("/" + page for page in problem.pages[:3])
                    more = f" and {len(problem.pages) - 3} more" if len(problem.pages) > 3 else ""
                    lines.append(f"      Seen on: {shown}{more}")
            messages.append("\n".join(lines))
        return messages
