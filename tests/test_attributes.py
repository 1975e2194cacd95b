"""The indexed attribute ruler finds exactly the matches spaCy's AttributeRuler finds, in the same
order, and so leaves every token as spaCy's would: on hand-made documents for each kind of pattern,
and with the installed model's own patterns over the bundled corpus."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
import spacy
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from geokg.config import Settings
from geokg.nlp.attributes import IndexedAttributeRuler, index_attribute_ruler

CORPUS = Path(__file__).resolve().parents[1] / "src" / "geokg" / "resources" / "corpus"

PATTERNS = [
    {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN"}},
    {"patterns": [[{"TAG": "VBZ"}]], "attrs": {"POS": "VERB", "MORPH": "Number=Sing|Person=3"}},
    {"patterns": [[{"TAG": "VBZ", "LOWER": {"IN": ["is", "'s"]}}]], "attrs": {"POS": "AUX", "LEMMA": "be"}},
    {"patterns": [[{"TAG": "RB", "LOWER": {"IN": ["not", "n't"]}}]], "attrs": {"POS": "PART", "LEMMA": "not"}},
    {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "to"}, "index": 1},
    {"patterns": [[{"LOWER": {"REGEX": "^n[ou]thin'$"}}]], "attrs": {"LEMMA": "nothing"}},
    {"patterns": [[{"TAG": {"NOT_IN": ["TO", ""]}, "DEP": {"IN": ["aux", "auxpass"]}}]], "attrs": {"POS": "AUX"}},
    {"patterns": [[{"DEP": "expl"}, {"LOWER": {"IN": ["is", "are"]}}]], "attrs": {"POS": "VERB"}, "index": 1},
    {"patterns": [[{"IS_SPACE": True}]], "attrs": {"TAG": "_SP", "POS": "SPACE"}},
    {"patterns": [[{"TAG": "VBZ", "LOWER": "gets"}], [{"TAG": "VBD", "LOWER": "got"}]], "attrs": {"LEMMA": "get"}},
    {"patterns": [[{"TAG": "NN", "LOWER": "nothin'"}]], "attrs": {"POS": "PRON"}},  # later than the REGEX: wins
]

WORDS = ["There", "is", "nothin'", "gon", "na", "stop", "it", ";", "she", "gets", "n't", "\n", "Got", "are", "has"]
TAGS = ["EX", "VBZ", "NN", "VBG", "TO", "VB", "PRP", ":", "PRP", "VBZ", "RB", "_SP", "VBD", "VBP", "VBZ"]
DEPS = [
    "expl",
    "ROOT",
    "attr",
    "aux",
    "aux",
    "xcomp",
    "dobj",
    "punct",
    "nsubj",
    "conj",
    "neg",
    "dep",
    "ROOT",
    "aux",
    "",
]


def _rulers(patterns) -> tuple[AttributeRuler, IndexedAttributeRuler]:
    vocab = spacy.blank("en").vocab
    spacy_ruler, indexed = AttributeRuler(vocab), IndexedAttributeRuler(vocab)
    spacy_ruler.add_patterns(patterns)
    indexed.add_patterns(patterns)
    return spacy_ruler, indexed


def _doc(vocab, words, tags, deps) -> Doc:
    heads = list(range(len(words)))  # every token its own head: the tests read labels only
    return Doc(vocab, words=words, tags=tags, deps=[d or "dep" for d in deps], heads=heads)


def _tokens(doc: Doc) -> list[tuple[str, str, str, str, str]]:
    return [(t.pos_, t.tag_, str(t.morph), t.lemma_, t.dep_) for t in doc]


def _same_as_spacy(patterns, words, tags, deps) -> list:
    spacy_ruler, indexed = _rulers(patterns)
    doc = _doc(spacy_ruler.vocab, words, tags, deps)
    expected, found = spacy_ruler.match(doc), indexed.match(doc)
    assert found == expected
    assert _tokens(indexed(_doc(spacy_ruler.vocab, words, tags, deps))) == _tokens(spacy_ruler(doc))
    return found


def test_every_kind_of_pattern_matches_as_spacys_ruler():
    found = _same_as_spacy(PATTERNS, WORDS, TAGS, DEPS)
    assert {number for number, *_ in found} == set(range(len(PATTERNS)))  # each pattern matched somewhere


def test_a_later_pattern_wins_over_an_earlier_one_on_the_same_token():
    _, indexed = _rulers(PATTERNS)
    doc = indexed(_doc(indexed.vocab, WORDS, TAGS, DEPS))
    assert doc[2].pos_ == "PRON" and doc[2].lemma_ == "nothing"  # "nothin'": NN, REGEX, then LOWER and TAG
    assert doc[1].pos_ == "VERB" and doc[1].lemma_ == "be"  # "There is": AUX and be by the list, then VERB
    assert doc[13].pos_ == "AUX" and doc[13].lemma_ == ""  # "are" not after "there": the aux label only
    assert doc[4].lemma_ == "to" and doc[3].lemma_ != "to"  # "gon na": the second token


@pytest.mark.parametrize("seed", range(20))
def test_shuffled_documents_match_as_spacys_ruler(seed):
    """Words, tags and labels recombined: matches at the first and last token, across neighbours."""
    import random

    rng = random.Random(seed)
    rows = list(zip(WORDS, TAGS, DEPS, strict=True))
    picked = [rng.choice(rows) for _ in range(rng.randint(1, 30))]
    words, tags, deps = (list(column) for column in zip(*picked, strict=True))
    _same_as_spacy(PATTERNS, words, tags, deps)


@pytest.mark.parametrize("remembered", [1, 3, 100_000])
def test_one_ruler_over_many_documents_matches_and_sets_as_spacys(monkeypatch, remembered):
    """What a token's row matches is remembered from document to document (and forgotten past
    the limit): each document still comes out as spaCy's ruler leaves it."""
    import random

    from geokg.nlp import attributes

    monkeypatch.setattr(attributes, "_REMEMBERED", remembered)
    spacy_ruler, indexed = _rulers(PATTERNS)
    rng = random.Random(remembered)
    rows = list(zip(WORDS, TAGS, DEPS, strict=True))
    for _ in range(30):
        picked = [rng.choice(rows) for _ in range(rng.randint(1, 30))]
        words, tags, deps = (list(column) for column in zip(*picked, strict=True))
        doc = _doc(spacy_ruler.vocab, words, tags, deps)
        assert indexed.match(doc) == spacy_ruler.match(doc)
        assert _tokens(indexed(_doc(spacy_ruler.vocab, words, tags, deps))) == _tokens(spacy_ruler(doc))


def test_a_pattern_whose_index_is_outside_its_match_fails_as_in_spacy():
    spacy_ruler, indexed = _rulers([{"patterns": [[{"LOWER": "gon"}]], "attrs": {"LEMMA": "go"}, "index": 3}])
    for ruler in (spacy_ruler, indexed):
        with pytest.raises(ValueError, match="E1001"):
            ruler(_doc(ruler.vocab, ["gon", "na"], ["VBG", "TO"], ["ROOT", "aux"]))


def test_a_pattern_the_index_cannot_hold_leaves_matching_to_spacy():
    patterns = [*PATTERNS, {"patterns": [[{"ORTH": "it"}, {"OP": "?"}, {"ORTH": ";"}]], "attrs": {"LEMMA": "IT"}}]
    found = _same_as_spacy(patterns, WORDS, TAGS, DEPS)
    assert (len(PATTERNS),) in {(number,) for number, *_ in found}


def test_the_installed_models_patterns_match_as_spacys_over_the_bundled_corpus():
    """The model's own ruler: its ~180 patterns, over real parses (tags and labels as the model
    sets them before the ruler runs)."""
    model = spacy.load(Settings().model)
    spacy_ruler = model.get_pipe("attribute_ruler")
    indexed = IndexedAttributeRuler(model.vocab)
    indexed.add_patterns(spacy_ruler.patterns)
    texts = [path.read_text(encoding="utf-8") for path in sorted(CORPUS.glob("*.txt"))]
    assert texts
    with model.select_pipes(disable=["attribute_ruler", "lemmatizer", "ner"]):
        docs = list(model.pipe(texts))
    matched = 0
    for doc in docs:
        expected = spacy_ruler.match(doc)
        assert indexed.match(doc) == expected
        matched += len(expected)
    assert matched > 1000


def test_geokgs_pipeline_holds_the_indexed_ruler_with_the_models_patterns(nlp):
    ruler = nlp.get_pipe("attribute_ruler")
    assert isinstance(ruler, IndexedAttributeRuler)
    assert len(ruler.patterns) > 100
    assert nlp.pipe_names.index("attribute_ruler") == nlp.pipe_names.index("parser") + 1


def test_a_pipeline_without_an_attribute_ruler_is_left_alone():
    blank = spacy.blank("en")
    index_attribute_ruler(blank)
    assert blank.pipe_names == []


def test_an_empty_document_has_no_matches():
    _, indexed = _rulers(PATTERNS)
    assert indexed.match(Doc(indexed.vocab, words=[])) == []


def test_every_pair_of_tokens_is_tried_for_two_token_patterns():
    """A two-token pattern at every position, including the last pair."""
    for length in range(1, 6):
        for start in range(length - 1):
            words = ["x"] * length
            words[start : start + 2] = ["gon", "na"]
            found = _same_as_spacy(PATTERNS, words, ["NN"] * length, ["dep"] * length)
            assert (start, start + 2) in {(s, e) for *_, s, e in found}


def test_patterns_added_after_a_match_are_used():
    _, indexed = _rulers(PATTERNS[:1])
    doc = _doc(indexed.vocab, WORDS, TAGS, DEPS)
    before = indexed.match(doc)
    indexed.add_patterns(PATTERNS[1:2])
    assert len(indexed.match(doc)) > len(before)
    assert list(itertools.chain(before)) == [m for m in indexed.match(doc) if m[0] == 0]
