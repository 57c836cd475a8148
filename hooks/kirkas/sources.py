"""The owner's YAML files (data file, words files, front matter): values with their lines.

Every check of the owner's files reports a ``SourceProblem``: the file as the owner
sees it ('docs/_data/words/sv.yml'), the line, what is wrong and how to fix it, in
the owner's language (kirkas.messages). Problems are collected, never raised, so that
one build lists them all; the hooks put them into the build's report with
``kirkas.problems.from_source``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from kirkas.messages import _

#: A path into a YAML document, e.g. ("services", "crisis", "prices", "meeting", "net").
DataPath = tuple[str, ...]


@dataclass(frozen=True)
class SourceProblem:
    """One problem in a source file: where it is, what is wrong and how to fix it.

    line 0 means no line applies (a whole file, or 'docs/' for the pages together).
    """

    file: str
    line: int
    message: str
    fix: str = ""

    def __str__(self) -> str:
        """'docs/_data/practice.yml:31: <message> <fix>' (for debugging; the build shows the report)."""
        text = f"{self.message} {self.fix}".strip()
        if not self.line:
            return f"{self.file}: {text}"
        return f"{self.file}:{self.line}: {text}"


def dotted(path: DataPath) -> str:
    """A data path as the owner writes it: 'services.crisis.prices.meeting.net'."""
    return ".".join(path)


def node_lines(node: yaml.Node, path: DataPath = ()) -> Iterator[tuple[DataPath, int]]:
    """(path, 1-based line) of every value in a composed YAML node tree."""
    yield path, node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            yield from node_lines(value_node, (*path, str(key_node.value)))
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            yield from node_lines(item, (*path, str(index)))


def key_lines(node: yaml.Node, path: DataPath = ()) -> Iterator[tuple[DataPath, int]]:
    """(path, 1-based line of its key) of every mapping key in a composed YAML node tree."""
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            here = (*path, str(key_node.value))
            yield here, key_node.start_mark.line + 1
            yield from key_lines(value_node, here)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            yield from key_lines(item, (*path, str(index)))


def parse_yaml(text: str, shown: str, first_line: int = 1) -> tuple[Any, dict[DataPath, int], list[SourceProblem]]:
    """(data, line of every key, problems) of a YAML text; first_line shifts the lines."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = (mark.line if mark else 0) + first_line
        return None, {}, [SourceProblem(shown, line, *not_yaml(error))]
    offset = first_line - 1
    lines = {path: line + offset for path, line in key_lines(root)} if root is not None else {}
    return data, lines, []


def read_yaml(path: Path, shown: str) -> tuple[Any, dict[DataPath, int], list[SourceProblem]]:
    """(data, line of every key, problems) of a YAML file; a missing file is a problem."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        return None, {}, [SourceProblem(shown, 1, _("The file cannot be read: {error}", error=error),
                                        _("Save the file as text (UTF-8) under this name."))]
    return parse_yaml(text, shown)


def not_yaml(error: yaml.YAMLError) -> tuple[str, str]:
    """(what is wrong, how to fix it) of a text that is not valid YAML."""
    return (
        _("This is not valid YAML: {error}.", error=getattr(error, "problem", None) or error),
        _("Check the indentation (two spaces per level, no tabs) and that a text containing "
          "': ' or '#' is in quotes."),
    )


def display_path(path: Path, project_dir: str | os.PathLike[str]) -> str:
    """A path as the owner sees it, relative to the folder of mkdocs.yml: 'docs/_data/words/fi.yml'."""
    try:
        return Path(path).resolve().relative_to(Path(project_dir).resolve()).as_posix()
    except ValueError:
        return Path(path).as_posix()


def line_of(lines: dict[DataPath, int], path: DataPath) -> int:
    """The line of a key, or of its closest existing parent (1 if none)."""
    while path and path not in lines:
        path = path[:-1]
    return lines.get(path, 1)
