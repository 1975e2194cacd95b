"""spaCy's attribute ruler with its patterns looked up instead of tried at every token.

An English model's attribute ruler sets coarse parts of speech, morphology and a few lemmas with
about 180 token patterns ("TAG VBZ and LOWER in is, 's: POS AUX, LEMMA be"). spaCy's Matcher tries
every pattern at every token: 10.7 ms an article, a tenth of the whole parse. Each of those
patterns is one or two tokens long and names the word (LOWER) or the tag (TAG) of its first token,
so the patterns that can start at a token are looked up by its word and its tag, and only those
(and the few that name neither) are checked. Whether a pattern's first token holds depends on
nothing but the token's word, tag, label and spacing: the answer is remembered for each such
combination met, and only a two-token pattern's second token is checked again. The matches are
applied as spaCy's own ruler applies them, in its order (later patterns win), without the Span
spaCy makes for each: the tokens come out exactly as before, in 1.5 ms an article (3.3 ms before
the combinations were remembered and the Spans left out; spaCy's own ruler, 10.7 ms). A model with
a pattern of another form (another attribute or operator, more tokens) is matched by spaCy's
Matcher as before.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs  # what spaCy's ruler applies a match with

# The token attributes a pattern may test, as columns of `Doc.to_array` (values are string hashes,
# 0 for the empty string; IS_SPACE is 0 or 1).
_COLUMNS = {"LOWER": 0, "TAG": 1, "DEP": 2, "IS_SPACE": 3}
_ARRAY = [LOWER, TAG, DEP, IS_SPACE]
_INDEXED = ("LOWER", "TAG")  # a first token is looked up by its word, else by its tag
_LONGEST = 2  # tokens in a pattern
_REMEMBERED = 100_000  # token rows whose patterns are remembered (about 20 MB); then all forgotten


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

    def set_annotations(self, doc: Doc, matches) -> None:
        """Each match's attributes set on its token, as spaCy's ruler does and in the same
        order, without the Span spaCy makes for each match (a thousand an article)."""
        for attr_id, match_id, start, end in matches:
            index = self.indices[attr_id]
            token = start + index if index >= 0 else end + index
            if not start <= token < end:  # spaCy's own error, with the pattern
                super().set_annotations(doc, [(attr_id, match_id, start, end)])
                continue
            set_token_attrs(doc[token], self.attrs[attr_id])


class _Index:
    NONE: _Index

    def __init__(self, by_column: dict[int, dict[int, list[_Rule]]], anywhere: list[_Rule]) -> None:
        self.by_column = by_column  # column -> value of the first token -> rules
        self.anywhere = anywhere  # rules whose first token names neither word nor tag
        # a token's row -> the one-token rules it matches, and the two-token rules it may start
        self._rows: dict[tuple[int, ...], tuple[tuple[_Rule, ...], tuple[_Rule, ...]]] = {}

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
        rows = doc.to_array(_ARRAY).tolist()
        strings = doc.vocab.strings
        found = set()
        for start, row in enumerate(rows):
            singles, pairs = self._rules_at(row, strings)
            for rule in singles:
                found.add((rule.number, rule.match_id, start, start + 1))
            for rule in pairs:
                if rule.matches_at(rows, start, strings):
                    found.add((rule.number, rule.match_id, start, start + 2))
        return sorted(found)

    def _rules_at(self, row: list[int], strings) -> tuple[tuple[_Rule, ...], tuple[_Rule, ...]]:
        """The one-token rules a token with this row matches, and the two-token rules it can
        start (their first token holds; the next token is checked by the caller), remembered."""
        key = tuple(row)
        found = self._rows.get(key)
        if found is None:
            if len(self._rows) >= _REMEMBERED:
                self._rows.clear()
            looked_up = [rule for column, rules in self.by_column.items() for rule in rules.get(row[column], ())]
            rules = [
                rule for rule in [*looked_up, *self.anywhere] if all(t.holds(row, strings) for t in rule.tokens[0])
            ]
            found = self._rows[key] = (
                tuple(rule for rule in rules if len(rule.tokens) == 1),
                tuple(rule for rule in rules if len(rule.tokens) == 2),
            )
        return found


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
