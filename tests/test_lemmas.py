"""The remembering lemmatizer gives every token the lemma spaCy's English rule lemmatizer gives it,
with the model's own tables: on hand-made documents (words, parts of speech and morphology set by
hand), shuffled, and over the bundled corpus as the model parses it."""

from __future__ import annotations

import functools
import random
from pathlib import Path

import pytest
import spacy
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.language import Language
from spacy.tokens import Doc

from geokg.config import Settings
from geokg.nlp.lemmas import RememberingLemmatizer, remember_lemmas

CORPUS = Path(__file__).resolve().parents[1] / "src" / "geokg" / "resources" / "corpus"

# (word, coarse part of speech, morphology, the lemma spaCy's rules give)
ROWS = [
    ("troops", "NOUN", "Number=Plur", "troop"),
    ("troop", "NOUN", "Number=Sing", "troop"),
    ("left", "VERB", "Tense=Past|VerbForm=Fin", "leave"),
    ("left", "ADJ", "Degree=Pos", "left"),
    ("saw", "VERB", "Tense=Past|VerbForm=Fin", "see"),
    ("saw", "NOUN", "Number=Sing", "saw"),
    ("States", "PROPN", "Number=Sing", "States"),
    ("Kyiv", "PROPN", "Number=Sing", "Kyiv"),
    ("pledges", "VERB", "Number=Sing|Person=3|Tense=Pres|VerbForm=Fin", "pledge"),
    ("threatened", "VERB", "Aspect=Perf|Tense=Past|VerbForm=Part", "threaten"),
    ("stronger", "ADJ", "Degree=Cmp", "strong"),
    ("Ministries", "NOUN", "Number=Plur", "ministry"),
    (",", "PUNCT", "PunctType=Comm", ","),
    ("will", "AUX", "VerbForm=Fin", "will"),
]


@functools.cache
def _model() -> Language:
    return spacy.load(Settings().model)


def _lemmatizers() -> tuple[EnglishLemmatizer, RememberingLemmatizer]:
    model = _model()
    lookups = model.get_pipe("lemmatizer").lookups
    spacy_lemmatizer = EnglishLemmatizer(model.vocab, None, "lemmatizer", mode="rule")
    remembering = RememberingLemmatizer(model.vocab, None, "lemmatizer", mode="rule")
    spacy_lemmatizer.lookups = remembering.lookups = lookups
    return spacy_lemmatizer, remembering


def _doc(rows, lemmas=None) -> Doc:
    words, pos, morphs = ([row[column] for row in rows] for column in range(3))
    return Doc(_model().vocab, words=words, pos=pos, morphs=morphs, lemmas=lemmas)


def _lemmas(doc: Doc) -> list[str]:
    return [token.lemma_ for token in doc]


def test_each_token_has_the_lemma_of_its_word_part_of_speech_and_morphology():
    _, remembering = _lemmatizers()
    assert _lemmas(remembering(_doc(ROWS))) == [row[3] for row in ROWS]


def test_a_word_spelled_alike_in_another_part_of_speech_or_form_has_its_own_lemma():
    """ "left" and "saw" as verbs and as adjective or noun, "troops" tagged plural and (wrongly)
    singular, in both orders: the table is keyed by all three, so the first met does not decide."""
    _, remembering = _lemmatizers()
    alike = [*ROWS[:6], ("troops", "NOUN", "Number=Sing", "troops")]
    for rows in (alike, alike[::-1]):
        assert _lemmas(remembering(_doc(rows))) == [row[3] for row in rows]


def test_a_lemma_the_attribute_ruler_set_is_kept():
    _, remembering = _lemmatizers()
    rows = [("'s", "AUX", "Number=Sing|Person=3|Tense=Pres|VerbForm=Fin", "be"), ROWS[0]]
    doc = remembering(_doc(rows, lemmas=["be", ""]))
    assert _lemmas(doc) == ["be", "troop"]


def test_a_word_met_before_is_answered_from_the_table(monkeypatch):
    _, remembering = _lemmatizers()
    remembering(_doc(ROWS))

    def fail(token):
        raise AssertionError(f"{token.text!r} lemmatized again")

    monkeypatch.setattr(remembering, "lemmatize", fail)
    assert _lemmas(remembering(_doc(ROWS[::-1]))) == [row[3] for row in ROWS[::-1]]


@pytest.mark.parametrize("seed", range(10))
def test_shuffled_documents_have_spacys_lemmas(seed):
    rng = random.Random(seed)
    rows = [rng.choice(ROWS) for _ in range(rng.randint(1, 40))]
    spacy_lemmatizer, remembering = _lemmatizers()
    assert _lemmas(remembering(_doc(rows))) == _lemmas(spacy_lemmatizer(_doc(rows)))


def test_the_bundled_corpus_has_spacys_lemmas_as_the_model_parses_it():
    """Real parses: every part of speech and morphology the model gives, and the attribute
    ruler's lemmas before the lemmatizer's."""
    model = _model()
    spacy_lemmatizer, remembering = _lemmatizers()
    texts = [path.read_text(encoding="utf-8") for path in sorted(CORPUS.glob("*.txt"))]
    assert texts
    with model.select_pipes(disable=["lemmatizer", "ner"]):
        docs = list(model.pipe(texts))
    for doc in docs:
        expected = _lemmas(spacy_lemmatizer(doc.copy()))
        assert _lemmas(remembering(doc.copy())) == expected
    assert sum(len(doc) for doc in docs) > 1000


def test_an_empty_document_is_left_as_it_is():
    _, remembering = _lemmatizers()
    assert len(remembering(Doc(_model().vocab, words=[]))) == 0


def test_geokgs_pipeline_holds_the_remembering_lemmatizer_with_the_models_tables(nlp):
    lemmatizer = nlp.get_pipe("lemmatizer")
    assert isinstance(lemmatizer, RememberingLemmatizer)
    assert lemmatizer.lookups.tables == _model().get_pipe("lemmatizer").lookups.tables
    assert nlp.pipe_names.index("lemmatizer") == nlp.pipe_names.index("attribute_ruler") + 1


def test_a_pipeline_without_an_english_rule_lemmatizer_is_left_alone():
    blank = spacy.blank("en")
    remember_lemmas(blank)
    assert blank.pipe_names == []
    blank.add_pipe("lemmatizer", config={"mode": "lookup"})
    remember_lemmas(blank)
    assert type(blank.get_pipe("lemmatizer")) is not RememberingLemmatizer
