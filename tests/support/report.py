"""Reading the build's report (hooks/build_report.py) from a build's log, in English."""

from __future__ import annotations

import re

#: A log line starts a new message: "ERROR    -  kirkas: ...".
LOG_LINE = re.compile(r"^(?:ERROR|WARNING|INFO|DEBUG)\s+-\s+")
FILE_HEADER = re.compile(r"^ERROR\s+-\s+kirkas: (?P<file>.+) \((?P<count>\d+) problems?\):$")


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


def entries_at(output: str, file: str, line: int | None) -> list[str]:
    """The report's problem entries for one file and line (None: the whole file)."""
    start = f"line {line}:" if line else "whole file:"
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
