"""Build messages in the owner's language, from Babel's gettext catalogues.

Every message the build shows the owner is written in English in the code, marked
with ``_()`` (or ``ngettext()`` for counts), and translated in the catalogue
``hooks/kirkas/locale/<language>/LC_MESSAGES/kirkas.po``. ``make messages`` extracts
new messages, updates the catalogues and compiles them (``pybabel extract/update/
compile``); tests/test_messages.py fails when a catalogue is out of date.

The language is ``extra.build_messages`` in mkdocs.yml (Finnish when not set)::

    from kirkas.messages import N_, _, ngettext

    _("The link \"{url}\" goes nowhere.", url=link)        # formatted with str.format
    ngettext("{count} problem", "{count} problems", count)  # count is filled in
    REGION = N_("page footer")                              # a constant, translated where shown
"""

from __future__ import annotations

import gettext
from pathlib import Path

#: The catalogues' domain and folder.
DOMAIN = "kirkas"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
#: The language of the messages as written in the code.
SOURCE_LANGUAGE = "en"
#: The owner's language when mkdocs.yml does not choose one.
DEFAULT_LANGUAGE = "fi"

_translations: gettext.NullTranslations = gettext.NullTranslations()
_language = SOURCE_LANGUAGE


def available_languages() -> list[str]:
    """Languages the build can speak: English and every compiled catalogue."""
    compiled = sorted(path.parent.parent.name for path in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.mo"))
    return [SOURCE_LANGUAGE, *[code for code in compiled if code != SOURCE_LANGUAGE]]


def use_language(language: str) -> None:
    """Speak this language from now on (English for an unknown one: see ``language_problem``)."""
    global _translations, _language
    if language == SOURCE_LANGUAGE or language not in available_languages():
        _translations, _language = gettext.NullTranslations(), SOURCE_LANGUAGE
        return
    _translations = gettext.translation(DOMAIN, LOCALE_DIR, languages=[language])
    _language = language


def current_language() -> str:
    """The language messages are given in now."""
    return _language


def language_problem(language: object) -> tuple[str, str] | None:
    """(what is wrong, how to fix it) when ``extra.build_messages`` cannot be used, else None.

    Given in the language spoken now: the build speaks the default language instead.
    """
    if isinstance(language, str) and language in available_languages():
        return None
    return (
        _("extra.build_messages is {language}, but the build's messages exist in: {languages}.",
          language=repr(language), languages=", ".join(available_languages())),
        _("Write one of them, or remove the line for the default ({default}).", default=DEFAULT_LANGUAGE),
    )


def _(message: str, /, **values: object) -> str:
    """A message in the owner's language, its {placeholders} filled in."""
    translated = _translations.gettext(message)
    return translated.format(**values) if values else translated


def N_(message: str, /) -> str:
    """Mark a message for the catalogue where it is defined; ``_()`` translates it where shown."""
    return message


def ngettext(singular: str, plural: str, count: int, /, **values: object) -> str:
    """A message with a number in the owner's language: '1 problem', '3 problems'."""
    return _translations.ngettext(singular, plural, count).format(count=count, **values)
