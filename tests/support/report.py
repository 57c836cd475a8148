"""Reading the build's report (hooks/build_report.py) from a build's log.

In English unless a language is given: then the report's own words ("line 12",
"whole file") are read from the build's catalogue of that language (hooks/kirkas/locale/).
"""

from __future__ import annotations

import gettext
import re
from pathlib import Path

#: A log line starts a new message: "ERROR    -  kirkas: ...".
LOG_LINE = re.compile(r"^(?:ERROR|WARNING|INFO|DEBUG)\s+-\s+")
#: "docs/x.md (2 problems):" in any language: the file, then the count and a word in brackets.
FILE_HEADER = re.compile(r"^ERROR\s+-\s+kirkas: (?P<file>.+) \((?P<count>\d+) \w+\):$")
LOCALE_DIR = Path(__file__).resolve().parents[2] / "hooks" / "kirkas" / "locale"


def catalogue(language: str) -> gettext.NullTranslations:
    """The build's messages in a language (English: the messages as written in the code)."""
    if language == "en":
        return gettext.NullTranslations()
    return gettext.translation("kirkas", LOCALE_DIR, languages=[language])


def report_by_file(output: str) -> dict[str, list[str]]:
    """The build's report: problem entries (line + how to fix) by source file."""
    groups: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in output.splitlines():
        header = FILE_HEADER.match(line)
        if header:
            current = groups.setdefault(header["file"], [])
            continue
        if LOG_LINE.match(line) or line.startswith("Aborted"):
            current = None
            continue
        if current is None:
            continue
        if line.startswith("  ") and not line.startswith("      "):
            current.append(line.strip())
        elif current:
            current[-1] += "\n" + line.strip()
    return groups


def entries_at(output: str, file: str, line: int | None, *, language: str = "en") -> list[str]:
    """The report's problem entries for one file and line (None: the whole file)."""
    words = catalogue(language)
    start = (words.gettext("line {line}").format(line=line) if line else words.gettext("whole file")) + ":"
    return [entry for entry in report_by_file(output).get(file, []) if entry.startswith(start)]


def split_messages(output: str) -> list[str]:
    """Log messages (a message may span several lines)."""
    messages: list[str] = []
    for line in output.splitlines():
        if LOG_LINE.match(line) or not messages:
            messages.append(line)
        else:
            messages[-1] += "\n" + line
    return messages
