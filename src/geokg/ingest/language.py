"""The language a document is written in (CLD2, Chromium's compact language detector, through
pycld2), so that text geokg cannot read is reported instead of published as a document with no
facts."""

from __future__ import annotations

import re

import pycld2

ENGLISH = "en"
UNKNOWN = "un"  # CLD2's code when it cannot tell
MIN_LETTERS = 200  # below this, names and numbers mislead the classifier: assumed English
MIN_PERCENT = 50  # a language is only reported when at least this share of the text is in it

# Characters CLD2 refuses as "invalid UTF-8" though Python's strings hold them: controls (but for
# tab, line feed, form feed and carriage return), C1 controls, surrogates and the Unicode
# noncharacters (U+FDD0 to U+FDEF, and the last two code points of every plane). They tell nothing
# of the language, so they are blanked when CLD2 refuses a text.
_REFUSED = re.compile(
    "[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
    + "".join(chr(plane << 16 | 0xFFFE) + chr(plane << 16 | 0xFFFF) for plane in range(17))
    + "]"
)


def language_of(text: str) -> str | None:
    """The code of the text's language (ISO 639-1 where it has one, as CLD2 gives it: "fr", "ru",
    "zh", "zh-Hant", "haw") when the text is long enough to tell, CLD2 finds its reading reliable
    and the language makes at least half of the text; else None.

    The whole text is classified, in about a tenth of a millisecond a page: an English article
    quoting a paragraph in French is English."""
    if sum(map(str.isalpha, text)) < MIN_LETTERS:
        return None
    try:
        reliable, _, languages = pycld2.detect(text)
    except (pycld2.error, UnicodeEncodeError):  # rare: blanked only then (a search costs as much as CLD2)
        reliable, _, languages = pycld2.detect(_REFUSED.sub(" ", text))
    _, code, percent, _ = languages[0]
    return code if reliable and code != UNKNOWN and percent >= MIN_PERCENT else None


def not_english(text: str) -> str | None:
    """The code of the language the text is surely written in, when that is not English."""
    code = language_of(text)
    return code if code not in (None, ENGLISH) else None
