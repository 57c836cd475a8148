"""The build's one list of problems for the owner: every check reports here.

static-i18n builds each language inside the default language's build, and MkDocs
stops a language's build in strict mode as soon as it has logged a warning, so a
problem logged while Swedish is built would hide every problem of the languages
after it. The checks therefore never log problems themselves: they add them to
``REPORT`` (the data file check, data references, translations, navigation, the
build guard ...), and hooks/build_report.py shows the whole list once, after every
language is built, grouped by the file to fix, in the owner's language
(kirkas.messages), and stops a strict build with the same count::

    from kirkas.problems import REPORT, Location, Problem

    REPORT.add(Problem(Location("docs/hinnat.md", 12), "broken-link", "/vanha/",
                       message, fix), page="hinnat/")
"""

from __future__ import annotations

import traceback
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kirkas.messages import _, ngettext

if TYPE_CHECKING:
    from kirkas.sources import SourceProblem

#: Shown instead of a file when a problem comes from the theme's own templates.
THEME = "mkdocs-material"


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
            return _("line {line}", line=self.line)
        return self.note or _("whole file")

    @property
    def shown_file(self) -> str:
        """The file as the report names it."""
        return _("the theme's templates (mkdocs-material)") if self.file == THEME else self.file


@dataclass
class Problem:
    """One thing that must be fixed before the site may be published."""

    location: Location
    kind: str
    detail: str
    message: str
    fix: str = ""
    pages: list[str] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, int | None, str, str]:
        """Identity for de-duplication: same place, same kind, same offending text."""
        return (self.location.file, self.location.line, self.kind, self.detail)


def from_source(problem: SourceProblem, kind: str) -> Problem:
    """A problem of an owner's file (kirkas.sources.SourceProblem) as an entry of the report.

    Line 0 means no line applies; a folder ('docs/') is named as the pages in it.
    """
    note = _("all pages") if problem.file.endswith("/") else ""
    return Problem(Location(problem.file, problem.line or None, note), kind, problem.message,
                   problem.message, problem.fix)


@dataclass(frozen=True)
class CheckFailure:
    """A check itself crashed: a bug in hooks/, never a content problem."""

    context: str
    error: str
    where: str

    @classmethod
    def from_exception(cls, context: str, error: BaseException) -> CheckFailure:
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
        return _(
            "A check of the build itself failed while checking {context}: {error} ({where}). "
            "This is a bug in hooks/, not in your text. The site is not checked, so it must "
            "not be published: report this to the developer (copy this message).",
            context=self.context, error=self.error, where=self.where or "?",
        )


class Report:
    """Every problem once, grouped by the file to fix; and the checks' own failures."""

    def __init__(self) -> None:
        """Start empty."""
        self.problems: dict[tuple[str, int | None, str, str], Problem] = {}
        self.failures: list[CheckFailure] = []

    def clear(self) -> None:
        """Forget everything (a new build starts)."""
        self.problems.clear()
        self.failures.clear()

    def add(self, problem: Problem, page: str | None = None) -> None:
        """Record a problem (merged with the same problem seen on other pages or languages)."""
        known = self.problems.setdefault(problem.key, problem)
        if page is not None and page not in known.pages:
            known.pages.append(page)

    def fail(self, context: str, error: BaseException) -> None:
        """Record that a check crashed while checking something."""
        self.failures.append(CheckFailure.from_exception(context, error))

    @property
    def count(self) -> int:
        """Problems and check failures: the number the build stops with."""
        return len(self.problems) + len(self.failures)

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
        if not self.count:
            return None
        files = len({problem.location.file for problem in self.problems.values()})
        return " ".join((
            ngettext("The build found {count} problem", "The build found {count} problems", self.count),
            ngettext("in {count} file.", "in {count} files.", files),
            _("The site must not be published like this. Fix each one below, then run "
              "`make build` again."),
        ))

    def file_messages(self) -> list[str]:
        """One message per file: its problems with line, what is wrong and how to fix it."""
        messages = []
        for name, problems in self.by_file().items():
            shown = problems[0].location.shown_file
            lines = [ngettext("{file} ({count} problem):", "{file} ({count} problems):",
                              len(problems), file=shown)]
            for problem in problems:
                lines.append(f"  {problem.location}: {problem.message}")
                if problem.fix:
                    lines.append("      " + _("How to fix: {fix}", fix=problem.fix))
                if problem.pages:
                    pages = ", ".join("/" + page for page in problem.pages[:3])
                    if len(problem.pages) > 3:
                        pages += " " + _("and {count} more", count=len(problem.pages) - 3)
                    lines.append("      " + _("Seen on: {pages}", pages=pages))
            messages.append("\n".join(lines))
        return messages

    def stop_message(self) -> str:
        """Why a strict build stops: the same count as the summary."""
        return ngettext(
            "Build stopped: {count} problem to fix (listed above).",
            "Build stopped: {count} problems to fix (listed above).",
            self.count,
        )


#: The report of the build that is running (cleared when the default language starts).
REPORT = Report()
