"""The build's messages to the owner: every message of hooks/ is in the catalogues.

The catalogues are Babel's gettext files in hooks/kirkas/locale/ (kirkas.messages);
`make messages` updates them. These tests fail when a message was added or changed in
the code without its translation, when a translation lost a {placeholder}, or when the
compiled .mo file is older than its .po file.
"""

from __future__ import annotations

import string
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from tests.support.site import PROJECT_ROOT

LOCALE_DIR = PROJECT_ROOT / "hooks" / "kirkas" / "locale"
#: The same keywords as `make messages`.
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
CATALOGUES = sorted(LOCALE_DIR.glob("*/LC_MESSAGES/kirkas.po"))


def code_messages() -> set[str | tuple[str, str]]:
    """Every message marked in hooks/ (singular, or (singular, plural))."""
    found: set[str | tuple[str, str]] = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        PROJECT_ROOT / "hooks", keywords=KEYWORDS, comment_tags=()
    ):
        found.add(key(message))
    return found


def key(value: str | list[str] | tuple[str, ...]) -> str | tuple[str, ...]:
    """A message id or translation as a comparable value (plural forms as a tuple)."""
    return value if isinstance(value, str) else tuple(value)


def placeholders(text: str) -> set[str]:
    """The {names} a message fills in."""
    return {name for _literal, name, _spec, _conversion in string.Formatter().parse(text) if name}


def test_there_is_a_finnish_catalogue() -> None:
    """Finnish, the default language of the messages, has a catalogue."""
    assert LOCALE_DIR / "fi" / "LC_MESSAGES" / "kirkas.po" in CATALOGUES


@pytest.mark.parametrize("po_file", CATALOGUES, ids=lambda path: path.parts[-3])
def test_catalogue_translates_every_message_of_the_code(po_file: Path) -> None:
    """Every marked message has a translation (not fuzzy), and no entry is left over."""
    catalogue = read_po(po_file.open("rb"))
    entries = {key(message.id): message for message in catalogue if message.id}
    expected = code_messages()
    assert expected, "no messages found in hooks/: is the extraction broken?"
    missing = sorted(map(str, expected - set(entries)))
    assert not missing, "not in the catalogue (run `make messages` and translate):\n" + "\n".join(missing)
    leftover = sorted(map(str, set(entries) - expected))
    assert not leftover, "no longer in the code (run `make messages`):\n" + "\n".join(leftover)
    untranslated = [str(key) for key, message in entries.items()
                    if message.fuzzy or not all(message.string if isinstance(message.string, tuple)
                                                else [message.string])]
    assert not untranslated, "untranslated or fuzzy:\n" + "\n".join(untranslated)


@pytest.mark.parametrize("po_file", CATALOGUES, ids=lambda path: path.parts[-3])
def test_translations_keep_every_placeholder(po_file: Path) -> None:
    """A translation fills in the same {placeholders} as its English message."""
    wrong = []
    for message in read_po(po_file.open("rb")):
        if not message.id:
            continue
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        strings = [message.string] if isinstance(message.string, str) else list(message.string)
        if "python-format" in message.flags:
            wrong.append(f"{ids[0]!r}: reads as a %-format to pybabel (reword the text around %)")
        expected = set().union(*(placeholders(text) for text in ids)) - {"count"}
        for text in strings:
            if placeholders(text) - {"count"} != expected:
                wrong.append(f"{ids[0]!r} -> {text!r}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("po_file", CATALOGUES, ids=lambda path: path.parts[-3])
def test_compiled_catalogue_is_up_to_date(po_file: Path) -> None:
    """The .mo file the build reads says what the .po file says (`make messages` compiles it)."""
    mo_file = po_file.with_suffix(".mo")
    assert mo_file.is_file(), f"{mo_file} is missing: run `make messages`"
    source = {key(message.id): key(message.string) for message in read_po(po_file.open("rb")) if message.id}
    compiled = {key(message.id): key(message.string) for message in read_mo(mo_file.open("rb")) if message.id}
    assert compiled == source, "the .mo file is out of date: run `make messages`"
