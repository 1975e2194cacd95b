"""The gist of a stated intention's action: what two reports that say the same thing in other
words share, so that reports of one intention in several documents count as one claim (geokg.claims).

News reports paraphrase an action in three ways, each undone here:
- a nominalisation carried by a light verb: "launch an invasion of Ukraine" says "invade Ukraine",
  so the head of the action is the light verb's object;
- a verb for its noun, or a close synonym ("strike" for "attack"): a lemma stands for the name of
  the actions lexicon's group that holds it;
- inflection, determiners and modifiers ("invading", "a full-scale invasion"): only the lemmas of
  the head and of its object count; a phrasal verb is its verb and particle ("pull out"), which
  the lexicon may name like a single verb ("withdraw").
The object is left out when it names an actor: actors are compared as targets ("defend Estonia"
and "defend the Baltic states" differ by their targets, not by their gist).
"""

from __future__ import annotations

import functools
import os

from spacy.tokens import Span, Token

from geokg.nlp.lexicon import OVERRIDE_VARIABLE, load_lexicon

OBJECTS = ("dobj", "obj", "attr", "oprd")  # a verb's direct object
NOMINAL_OBJECT_PREPOSITIONS = ("of",)  # a nominalisation's object: "the invasion of Ukraine"
ACTOR_POS = ("PROPN", "PRON")


def action_gist(action: Span | None) -> str:
    """The action's head and object as the lexicon names them ("invade", "strengthen military");
    "" for no action."""
    if action is None or len(action) == 0:
        return ""
    lexicon = _lexicon(os.environ.get(OVERRIDE_VARIABLE))
    head = action.root
    thing = _object(head)
    if _lemma(head) in lexicon.light_verbs and thing is not None and _lemma(thing) not in lexicon.generic_objects:
        head, thing = thing, _object(thing)
    words = [lexicon.name(_lemma(head))]
    if thing is not None and not _is_actor(thing) and _lemma(thing) not in lexicon.generic_objects:
        words.append(lexicon.name(_lemma(thing)))
    return " ".join(words)


def _object(token: Token) -> Token | None:
    """A verb's direct object, or a noun's "of" object; None when there is none."""
    for child in token.children:
        if child.dep_ in OBJECTS:
            return child
        if child.dep_ == "prep" and child.lower_ in NOMINAL_OBJECT_PREPOSITIONS and token.pos_ in ("NOUN", "PROPN"):
            return next((grand for grand in child.children if grand.dep_ == "pobj"), None)
    return None


def _is_actor(token: Token) -> bool:
    """A name, an entity the KB matched, or a pronoun: what targets, not gists, compare."""
    return bool(token.ent_type_) or token.pos_ in ACTOR_POS


def _lemma(token: Token) -> str:
    """The token's lemma, lower case; a verb's with its particle ("pull out", "carry out")."""
    lemma = (token.lemma_ or token.text).lower()
    particles = [child.lower_ for child in token.children if child.dep_ == "prt"]
    return " ".join([lemma, *particles])


class _Lexicon:
    def __init__(self, data: dict):
        self.light_verbs = frozenset(data["light_verbs"])
        self.generic_objects = frozenset(data["generic_objects"])
        self._names = {lemma: name for name, lemmas in sorted(data["same_action"].items()) for lemma in lemmas}

    def name(self, lemma: str) -> str:
        """The name of the group the lemma is in, else the lemma itself."""
        return self._names.get(lemma, lemma)


@functools.cache
def _lexicon(override: str | None) -> _Lexicon:
    """The actions lexicon, compiled once per override directory (GEOKG_LEXICON_DIR)."""
    return _Lexicon(load_lexicon("actions"))
