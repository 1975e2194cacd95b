"""spaCy's attribute ruler with its patterns looked up instead of tried at every token.

An English model's attribute ruler sets coarse parts of speech, morphology and a few lemmas with
about 180 token patterns ("TAG VBZ and LOWER in is, 's: POS AUX, LEMMA be"). spaCy's Matcher tries
every pattern at every token: 10.7 ms an article, a tenth of the whole parse. Each of those
patterns is one or two tokens long and names the word (LOWER) or the tag (TAG) of its first token,
so the patterns that can start at a token are looked up by its word and its tag, and only those
are checked. The matches are then applied by spaCy's own ruler, in its own order (later patterns
win), so the tokens come out exactly as before. A model with a pattern of another form (another
attribute or operator, more tokens) is matched by spaCy's Matcher as before.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import numpy
from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.strings import get_string_id
from spacy.tokens import Doc

# The token attributes a pattern may test, as columns of `Doc.to_array` (values are string hashes,
# 0 for the empty string; IS_SPACE is 0 or 1).
_COLUMNS = {"LOWER": 0, "TAG": 1, "DEP": 2, "IS_SPACE": 3}
_ARRAY = [LOWER, TAG, DEP, IS_SPACE]
_INDEXED = ("LOWER", "TAG")  # a first token is looked up by its word, else by its tag
_LONGEST = 2  # tokens in a pattern


@dataclass(frozen=True)
class _Test:
    """One attribute test of a token pattern, as the Matcher makes it: equal, IN, NOT_IN or REGEX."""

    column: int
    kind: str
    value: object

    def holds(self, row: list[int], strings) -> bool:
        """Whether the test holds for one token (its row of `Doc.to_array`)."""
        found = row[self.column]
        if self.kind == "equal":
            return found == self.value
        if self.kind == "in":
            return found in self.value
        if self.kind == "not_in":
            return found not in self.value
        return self.value.search(strings[found]) is not None  # REGEX, on the attribute's text

    def mask(self, array: numpy.ndarray, strings) -> numpy.ndarray:
        """Whether the test holds, for every token of a document at once."""
        column = array[:, self.column]
        if self.kind == "equal":
            return column == self.value
        if self.kind == "regex":
            values = [v for v in numpy.unique(column).tolist() if self.value.search(strings[v]) is not None]
            return numpy.isin(column, _hashes(values))
        inside = numpy.isin(column, _hashes(self.value))
        return inside if self.kind == "in" else ~inside


def _hashes(values: Iterable[int]) -> numpy.ndarray:
    """String hashes as the array's own type: never compared as floats."""
    return numpy.fromiter(values, dtype=numpy.uint64)


@dataclass(frozen=True)
class _Rule:
    number: int  # the ruler's pattern number: later numbers are applied later, and win
    match_id: int
    tokens: tuple[tuple[_Test, ...], ...]

    def matches_at(self, rows: list[list[int]], start: int, strings) -> bool:
        if start + len(self.tokens) > len(rows):
            return False
        for offset, tests in enumerate(self.tokens):
            row = rows[start + offset]
            for test in tests:
                if not test.holds(row, strings):
                    return False
        return True

    def starts(self, array: numpy.ndarray, strings) -> list[int]:
        """Every token a match starts at, for the whole document at once."""
        length = len(self.tokens)
        if len(array) < length:
            return []
        found = numpy.ones(len(array) - length + 1, dtype=bool)
        for offset, tests in enumerate(self.tokens):
            for test in tests:
                found &= test.mask(array, strings)[offset : len(array) - length + 1 + offset]
        return numpy.flatnonzero(found).tolist()


class _Unindexable(ValueError):
    """A pattern of a form the index does not handle."""


class IndexedAttributeRuler(AttributeRuler):
    """An AttributeRuler that finds its matches through an index of its patterns' first tokens."""

    _index: _Index | None = None

    def add(self, patterns, attrs, index: int = 0) -> None:
        super().add(patterns, attrs, index)
        self._index = None

    def clear(self) -> None:
        super().clear()
        self._index = None

    def match(self, doc: Doc):
        if self._index is None:
            try:
                self._index = _Index.of(self)
            except _Unindexable:
                self._index = _Index.NONE
        if self._index is _Index.NONE:
            return super().match(doc)
        return self._index.matches(doc)


class _Index:
    NONE: _Index

    def __init__(self, by_column: dict[int, dict[int, list[_Rule]]], anywhere: list[_Rule]) -> None:
        self.by_column = by_column  # column -> value of the first token -> rules
        self.anywhere = anywhere  # rules whose first token names neither word nor tag

    @classmethod
    def of(cls, ruler: AttributeRuler) -> _Index:
        by_column: dict[int, dict[int, list[_Rule]]] = {_COLUMNS[name]: {} for name in _INDEXED}
        anywhere: list[_Rule] = []
        for number, entry in enumerate(ruler.patterns):
            match_id = ruler.vocab.strings.add(str(number))
            for pattern in entry["patterns"]:
                if not 1 <= len(pattern) <= _LONGEST:
                    raise _Unindexable(pattern)
                rule = _Rule(number, match_id, tuple(_tests(token) for token in pattern))
                keys = _first_token_keys(pattern[0])
                if keys is None:
                    anywhere.append(rule)
                    continue
                column, values = keys
                for value in values:
                    by_column[column].setdefault(value, []).append(rule)
        return cls(by_column, anywhere)

    def matches(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """(pattern number, match id, start, end) of every match, sorted as AttributeRuler.match sorts."""
        if not len(doc):
            return []
        array = doc.to_array(_ARRAY)
        rows = array.tolist()
        strings = doc.vocab.strings
        found = set()
        for start, row in enumerate(rows):  # the rules looked up by the token's word and tag
            for column, rules in self.by_column.items():
                for rule in rules.get(row[column], ()):
                    if rule.matches_at(rows, start, strings):
                        found.add((rule.number, rule.match_id, start, start + len(rule.tokens)))
        for rule in self.anywhere:  # the few others, over the whole document at once
            for start in rule.starts(array, strings):
                found.add((rule.number, rule.match_id, start, start + len(rule.tokens)))
        return sorted(found)


_Index.NONE = _Index({}, [])


def _tests(token: dict) -> tuple[_Test, ...]:
    tests = []
    for name, value in token.items():
        if name not in _COLUMNS:
            raise _Unindexable(name)
        column = _COLUMNS[name]
        if not isinstance(value, dict):
            tests.append(_Test(column, "equal", _value(value)))
            continue
        if len(value) != 1:
            raise _Unindexable(value)
        [(operator, operand)] = value.items()
        if operator == "IN":
            tests.append(_Test(column, "in", frozenset(map(_value, operand))))
        elif operator == "NOT_IN":
            tests.append(_Test(column, "not_in", frozenset(map(_value, operand))))
        elif operator == "REGEX" and name != "IS_SPACE":
            tests.append(_Test(column, "regex", re.compile(operand)))
        else:
            raise _Unindexable(operator)
    return tuple(tests)


def _value(value: object) -> int:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, str):
        return get_string_id(value)
    raise _Unindexable(value)


def _first_token_keys(token: dict) -> tuple[int, Iterable[int]] | None:
    """The column the first token is looked up by, and the values it is found under."""
    for name in _INDEXED:
        value = token.get(name)
        if isinstance(value, str):
            return _COLUMNS[name], (get_string_id(value),)
        if isinstance(value, dict) and list(value) == ["IN"]:
            return _COLUMNS[name], {get_string_id(v) for v in value["IN"]}
    return None


@Language.factory("geokg_attribute_ruler")
def make_indexed_attribute_ruler(nlp: Language, name: str) -> IndexedAttributeRuler:
    return IndexedAttributeRuler(nlp.vocab, name)


def index_attribute_ruler(nlp: Language, name: str = "attribute_ruler") -> None:
    """Replace the model's attribute ruler with the indexed one, holding the same patterns."""
    if name not in nlp.pipe_names or not isinstance(nlp.get_pipe(name), AttributeRuler):
        return
    patterns = nlp.get_pipe(name).patterns
    nlp.replace_pipe(name, "geokg_attribute_ruler")
    nlp.get_pipe(name).add_patterns(patterns)
