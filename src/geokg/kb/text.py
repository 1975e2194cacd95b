"""How names are normalised for matching: one place, so the lookup and the entity ruler agree.

Rules (documented in SOURCES.md too):

- whitespace runs (newlines, no-break spaces) become one space; curly apostrophes become
  straight ones; hyphen-like dashes inside a name become "-";
- a leading "the " is never part of a name, nor a trailing possessive "'s" / "'";
- short all-capital acronyms ("US", "UK", "EU", "U.S.", "NATO") match with their exact case,
  everything else case-insensitively ("RUSSIA", "Kerch strait").
"""

from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'"})
_DASHES = re.compile(r"[\u2010\u2011\u2012\u2013\u2014\u2212]")
_SPACES = re.compile(r"\s+")
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?<=\w)'s?$")
_TABLE_SUFFIX = re.compile(r"\s*\((?:the|country)\)$", re.IGNORECASE)
_QUOTES_AROUND = "\"'\u201c\u201d\u00ab\u00bb*,;:"
ACRONYM_MAX_LETTERS = 6


def canonical(text: str) -> str:
    """A name as written, tidied: NFC, one space, straight apostrophes, "-" for dashes."""
    text = unicodedata.normalize("NFC", text).translate(_APOSTROPHES)
    text = _DASHES.sub("-", text)
    return _SPACES.sub(" ", text).strip()


def clean_name(text: str) -> str:
    """A data file's name made into a surface form: no leading "the", no "(the)" suffix."""
    text = _TABLE_SUFFIX.sub("", canonical(text))
    return _LEADING_THE.sub("", text).strip()


def query_variants(surface: str) -> list[str]:
    """The forms a looked-up string is tried under, most literal first."""
    text = canonical(surface).strip(_QUOTES_AROUND).strip()
    variants = [text]
    for step in (_LEADING_THE, _POSSESSIVE):
        text = step.sub("", text).strip(_QUOTES_AROUND).strip()
        variants.append(text)
    return list(dict.fromkeys(v for v in variants if v))


def is_acronym(text: str) -> bool:
    """Short and all capitals ("US", "U.S.", "G7", "NATO"): such names match with exact case."""
    letters = [ch for ch in text if ch.isalpha()]
    return 0 < len(letters) <= ACRONYM_MAX_LETTERS and all(ch.isupper() for ch in letters)


def match_key(text: str) -> str:
    """The key a name is indexed and looked up under: exact for acronyms, else case-folded."""
    return text if is_acronym(text) else text.casefold()


def has_acronym_word(text: str) -> bool:
    """Whether any word of a name is an acronym ("INF Treaty", "New START", "Minsk II")."""
    return any(len(word) > 1 and is_acronym(word) for word in re.split(r"[\s-]+", text))


def typographic_variants(text: str) -> list[str]:
    """The spellings real text uses for one canonical name: ' and ’, - and – between words."""
    variants = {text}
    if "'" in text:
        variants.add(text.replace("'", "\u2019"))
    if re.search(r"\w-\w", text):
        variants |= {v.replace("-", "\u2013") for v in list(variants)}
    return sorted(variants)
