"""The language a document is written in (py3langid), so that text geokg cannot read is reported
instead of published as a document with no facts."""

from __future__ import annotations

import functools

from py3langid.langid import MODEL_FILE, LanguageIdentifier

ENGLISH = "en"
MIN_LETTERS = 200  # below this, names and numbers mislead the classifier: assumed English
MIN_PROBABILITY = 0.95  # a language is only reported when the classifier is this sure
# Characters of the text that are classified. The classifier walks them a byte at a time in Python
# (1.5 ms a document at 2,000 characters, 2.4 ms at 5,000: the largest cost of a build's main
# process), and it is as sure after a paragraph or two as after a page.
SAMPLE = 2_000


def language_of(text: str) -> str | None:
    """The ISO 639-1 code of the text's language when it is long enough to tell and the classifier
    is sure, else None."""
    sample = text[:SAMPLE]
    if sum(map(str.isalpha, sample)) < MIN_LETTERS:
        return None
    code, probability = _identifier().classify(sample)
    return code if probability >= MIN_PROBABILITY else None


def not_english(text: str) -> str | None:
    """The code of the language the text is surely written in, when that is not English."""
    code = language_of(text)
    return code if code not in (None, ENGLISH) else None


@functools.cache
def _identifier() -> LanguageIdentifier:
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
