"""Linking named-entity spans to entities: KB entities by their surface forms, the rest to stable
local entities (persons by full name, so "Putin" after "Vladimir Putin" is the same person)."""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from spacy.attrs import ENT_IOB, IS_ALPHA, IS_TITLE, POS
from spacy.symbols import PROPN
from spacy.tokens import Doc, Span

from geokg.extract.common import lexicon
from geokg.kb import KnowledgeBase
from geokg.keys import local_key
from geokg.model import Entity
from geokg.nlp.parsed import ParsedDocument, text_of
from geokg.nlp.ruler import RULER_LABEL_PREFIX

# spaCy labels taken when the KB does not know the name, and the kind of entity they become.
_LOCAL_KINDS = {"PERSON": "Person", "ORG": "Organization", "GPE": "Place", "LOC": "Place", "FAC": "Place"}
_HONORIFICS = re.compile(
    r"^(?:(?:Mr|Mrs|Ms|Dr|Sir|President|Prime Minister|Minister|Secretary|Senator|Representative|"
    r"Chancellor|General|Gen|Ambassador|Premier|King|Queen|Prince|Foreign Minister)\.?\s+)+"
)
_LONGEST_TITLE = 5  # words ("deputy minister of foreign affairs")
_LONGEST_INSTITUTION = 6  # words after the demonym ("Ministry of Foreign Affairs")
INSTITUTION_LABEL = "INSTITUTION"  # a state's institution named by its demonym (the state mention starts with it)
_APPOSITION_WORDS = 9  # tokens after a name that may hold its title in apposition
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_SHAPE_OK = re.compile(r"[A-Z]")
_TITLE_CASE = "geokg_title_case"  # Doc.user_data: (sentence start, end) -> title_case
_OUTSIDE = 2  # a token's ENT_IOB outside every entity ("O"; 0 is unset)


@dataclass(frozen=True)
class LinkedMention:
    """An entity mention in parse-text offsets (the `ParsedDocument` maps them to evidence)."""

    entity: Entity
    start: int
    end: int
    label: str  # spaCy label, or "KB_<kind>" for entity-ruler matches


def link_names(parsed: ParsedDocument, kb: KnowledgeBase) -> tuple[LinkedMention, ...]:
    """Every named-entity span linked to one entity; spans that look like noise are dropped."""
    persons = _PersonNames(parsed, kb)
    missed = _unrecognised_persons(parsed.doc, persons, kb)  # first: "Lin" later is "spokesperson Lin Jian"
    linked = []
    covered = 0  # the token a repaired span ended at: a later entity inside it is part of it
    for found in parsed.doc.ents:
        if found.start < covered:
            continue
        for ent in _repaired(found, kb):
            covered = max(covered, ent.end)
            entity = _link(ent, kb, persons)
            if entity is not None:
                linked.append(LinkedMention(entity, ent.start_char, ent.end_char, ent.label_))
            institution = _institution(ent, entity)
            if institution is not None:
                covered = max(covered, institution.end)
                linked.append(_institution_mention(institution))
    linked.extend(missed)
    return tuple(linked)


def _unrecognised_persons(doc: Doc, persons: _PersonNames, kb: KnowledgeBase) -> list[LinkedMention]:
    """Names the recogniser missed after a person's title ("the Prime Minister of Armenia Nikol
    Pashinyan", "spokesperson Amara Osei"): two to four capitalised proper nouns in no entity,
    right after a title, or after a title "of" a state."""
    found = []
    free = _free_proper_nouns(doc)
    at = 0
    while at < len(doc):
        end = at
        while end < len(doc) and end - at < 4 and free[end]:
            end += 1
        if end - at >= 2 and _title_ends_before(doc, at):
            name = " ".join(doc[at:end].text.split())
            persons.add_full_name(name)
            entity = persons.resolve(name)
            found.append(LinkedMention(entity, doc[at].idx, doc[end - 1].idx + len(doc[end - 1]), "PERSON"))
            at = end
            continue
        at = max(end, at + 1)
    return found


def _free_proper_nouns(doc: Doc) -> list[bool]:
    """Whether each token is a capitalised word, a proper noun in no entity: read from the
    document's arrays at once (the search for missed names took 0.38 ms a document with a pass
    over its tokens as objects, 0.22 ms with this)."""
    if not len(doc):
        return []
    iob, pos, title, alpha = doc.to_array([ENT_IOB, POS, IS_TITLE, IS_ALPHA]).T
    return ((iob == _OUTSIDE) & (pos == PROPN) & (title == 1) & (alpha == 1)).tolist()


def _title_ends_before(doc: Doc, at: int) -> bool:
    """A person's title ends right before token `at`, or a title "of" a state does ("the Prime
    Minister of Armenia")."""
    end = at
    if at > 0 and doc[at - 1].ent_type_ and doc[at - 1].ent_iob_ != "O":
        state_start = at - 1
        while state_start > 0 and doc[state_start].ent_iob_ == "I":
            state_start -= 1
        if state_start > 0 and doc[state_start - 1].lower_ == "of":
            end = state_start - 1
    return end > 0 and _ends_with_title(doc[max(0, end - _LONGEST_TITLE) : end].text)


def _institution(ent: Span, entity: Entity | None) -> Span | None:
    """A state's institution named by its demonym ("the Polish Armed Forces", "the Indian Army",
    "the Polish Ministry of National Defence"): the demonym and the capitalised words after it, when
    one of them is an institution's noun. The recogniser often tags only part of it, or nothing."""
    if entity is None or entity.kind != "State" or not ent.text[:1].isupper() or len(ent) != 1:
        return None
    doc, end = ent.doc, ent.end
    while end < len(doc) and end - ent.end < _LONGEST_INSTITUTION and _institution_word(doc, end):
        end += 1
    while end > ent.end and doc[end - 1].lower_ in lexicon("names")["institution_connectors"]:
        end -= 1
    words = {t.lower_ for t in doc[ent.end : end] if t.is_title}
    if not words & set(lexicon("names")["institution_nouns"]):
        return None
    return Span(doc, ent.start, end, label=INSTITUTION_LABEL)


def _institution_word(doc: Doc, at: int) -> bool:
    token = doc[at]
    if token.is_title and token.is_alpha:
        return True
    following = doc[at + 1] if at + 1 < len(doc) else None
    connector = token.lower_ in lexicon("names")["institution_connectors"]
    return connector and following is not None and following.is_title


def _institution_mention(span: Span) -> LinkedMention:
    name = " ".join(span.text.split())
    return LinkedMention(
        Entity(local_key("Organization", name), "Organization", name), span.start_char, span.end_char, span.label_
    )


def _link(ent: Span, kb: KnowledgeBase, persons: _PersonNames) -> Entity | None:
    if ent.label_.startswith(RULER_LABEL_PREFIX):
        return _venue(ent, kb) or kb.entities[ent.ent_id_]
    name = clean_name(ent.text)
    if not _plausible(name):
        return None
    known = _venue(ent, kb) or kb.lookup(name)
    if known is not None:
        return known
    if ent.label_ == "PERSON" or persons.names_a_person(name):
        if ent.label_ == "PERSON" and _heading(ent) and not persons.named_outside_headings(name):
            return None  # "Press Gaggle by Secretary Mattis": a heading's capitals make no person
        return persons.resolve(name) if _plausible_person(name) else None
    if ent.label_ == "ORG" and _in_title_case_line(ent):
        return None
    if any(c.isdigit() for c in name) or _names_a_law(name):
        return None
    kind = _LOCAL_KINDS.get(ent.label_)
    return Entity(local_key(kind, name), kind, name) if kind else None


def _venue(ent: Span, kb: KnowledgeBase) -> Entity | None:
    """A capital or seat where something happens ("talks in Moscow", "in the Kremlin", "10:00
    Moscow time") is the place, not its state's government ("Moscow said ..."): after a preposition
    of place, before "time", or in a dateline ("The Kremlin, Moscow", "MOSCOW (Reuters) -")."""
    name = clean_name(ent.text)
    name = name.title() if name.isupper() else name  # "MOSCOW (Reuters)"
    if not _seat_of_government(name, kb):
        return None
    words = lexicon("names")
    start = ent.start - 1 if ent.start > 0 and ent.doc[ent.start - 1].lower_ == "the" else ent.start
    before = ent.doc[start - 1].lower_ if start > 0 else ""
    after = ent.doc[ent.end].lower_ if ent.end < len(ent.doc) else ""
    if before not in words["venue_prepositions"] and after not in words["venue_followers"] and not _dateline(ent):
        return None
    place = next((e for e in kb.candidates(name) if e.kind == "Place"), None)
    return place or Entity(local_key("Place", name), "Place", name)


def _seat_of_government(name: str, kb: KnowledgeBase) -> bool:
    """A capital, a seat of government or a building that stands for a state's government ("the
    Kremlin", "Downing Street")."""
    if kb.governed_from(name) is not None:
        return True
    known = kb.lookup(name)
    return known is not None and known.kind == "State" and name in kb.names_of(known.key, "metonym")


def _dateline(ent: Span) -> bool:
    """A line that says where a text was written: place names and a comma with no verb ("The
    Kremlin, Moscow", "February 2, 2019 The Kremlin, Moscow"), or a capitalised place opening a
    line before a comma, a bracket or a dash ("MOSCOW (Reuters) -", "WASHINGTON, June 3 -")."""
    doc = ent.doc
    line_start = text_of(doc).rfind("\n", 0, ent.start_char) + 1
    line_end = text_of(doc).find("\n", ent.end_char)
    line = doc.char_span(line_start, len(text_of(doc)) if line_end < 0 else line_end, alignment_mode="contract")
    after = doc[ent.end].text if ent.end < len(doc) else ""
    if ent.start_char == line_start and ent.text.isupper() and after in (",", "(", "-", "—", "–"):
        return True
    if line is None or any(t.pos_ in ("VERB", "AUX") for t in line):
        return False
    before = doc[ent.start - 1].text if ent.start > 0 else ""
    return "," in (before, after)


def _repaired(ent: Span, kb: KnowledgeBase) -> list[Span]:
    """The recogniser's span as the names in it: it often runs a state, a person's title and a
    name it has not seen into one entity of the wrong kind ("Ugandan President Amina Diallo" as a
    work of art, "Rwandan Defence" as a person before "Minister Kwame Mensah"), or takes a name
    right after a title for an organisation ("spokesperson Amara Osei urged"). A state before the
    title is that state's mention, two to four capitalised words after it a person's."""
    water = _geographic_name(ent)
    if water is not None:
        return [water]
    if ent.label_.startswith(RULER_LABEL_PREFIX):
        return [ent]
    verb = next((t.i for t in ent[1:] if t.pos_ == "VERB" and t.tag_ in ("VBZ", "VBD")), None)
    if ent.label_ == "PERSON" and verb is not None:
        return [Span(ent.doc, ent.start, verb, label="PERSON")]  # "Kerry Delivers Remarks": no name holds a verb
    state = _state_cut_short(ent, kb)
    if state is not None:
        return [state]
    for at in range(ent.start, ent.end):
        title_end = _title_from(ent.doc, at)
        if title_end is not None:
            names = [*_states_in(ent.doc, ent.start, at, kb), *_person_from(ent, title_end)]
            return names or [ent]
    if ent.label_ != "PERSON" and (_title_before(ent) or _title_in_apposition(ent)):
        return _person_from(ent, ent.start) or [ent]
    return [ent]


def _geographic_name(ent: Span) -> Span | None:
    """A state's name or demonym inside a place's name ("the South China Sea", "the Norwegian Sea",
    "the Indian Ocean"): with the geographic noun after it (and a compass word before it) the span
    is the place, not the state."""
    doc, words = ent.doc, lexicon("names")
    if ent.end >= len(doc) or not doc[ent.end].is_title or doc[ent.end].lower_ not in words["geographic_nouns"]:
        return None
    start = ent.start
    if start > 0 and doc[start - 1].is_title and doc[start - 1].lower_ in words["compass_words"]:
        start -= 1
    return Span(doc, start, ent.end + 1, label="LOC")


def _state_cut_short(ent: Span, kb: KnowledgeBase) -> Span | None:
    """A state's name the recogniser cut short or split ("Sierra" and "Leonean" of "Sierra Leonean
    President"): with the one or two words after it, not in a name the KB matched, the span names a state."""
    for extra in (2, 1):
        end = ent.end + extra
        extra_words = ent.doc[ent.end : end]
        if end > len(ent.doc) or any(t.ent_type_.startswith(RULER_LABEL_PREFIX) or not t.is_alpha for t in extra_words):
            continue
        known = kb.lookup(ent.doc[ent.start : end].text)
        if known is not None and known.kind == "State":
            return Span(ent.doc, ent.start, end, label="NORP")
    return None


def _title_from(doc: Doc, at: int) -> int | None:
    """Where a person's title starting at token `at` ends (exclusive), the longest one; None if none starts there."""
    if doc[at].lower_ not in _title_beginnings():
        return None  # no title's text begins with the token's
    for size in range(min(_LONGEST_TITLE, len(doc) - at), 0, -1):
        if doc[at : at + size].text.lower() in _titles():
            return at + size
    return None


def _person_from(ent: Span, at: int) -> list[Span]:
    """Two to four capitalised words from token `at` of the span: a person's name."""
    end = at
    while end < ent.end and ent.doc[end].is_title and ent.doc[end].is_alpha:
        end += 1
    return [Span(ent.doc, at, end, label="PERSON")] if 2 <= end - at <= 4 else []


def _states_in(doc: Doc, start: int, end: int, kb: KnowledgeBase) -> list[Span]:
    """The words before a title that name a state ("Ugandan", "South African"), as one span."""
    if end <= start:
        return []
    known = kb.lookup(clean_name(doc[start:end].text))
    return [Span(doc, start, end, label="NORP")] if known is not None and known.kind == "State" else []


def _title_before(ent: Span) -> bool:
    """Whether a person's title ends right before the span (a comma between: "the spokesperson, X")."""
    before = ent.doc[max(0, ent.start - 6) : ent.start].text.lower().removesuffix(",").rstrip()
    return ent.start > 0 and _ends_with_title(before)


def _title_in_apposition(ent: Span) -> bool:
    """Whether a person's title follows the span in apposition ("Tomasz Wieczorek, the Serbian
    defence minister, arrived"): a comma, then a phrase up to the next comma that ends in a title
    or has one before "of" or "to"."""
    after = ent.doc[ent.end : ent.end + _APPOSITION_WORDS]
    if not len(after) or after[0].text != ",":
        return False
    phrase = " ".join(t.lower_ for t in after[1:]).split(" , ")[0]
    return _ends_with_title(re.split(r" (?:of|to|for|at) ", phrase)[0])


def _ends_with_title(text: str) -> bool:
    """Whether the words end with a person's title of the roles lexicon ("… the defence minister")."""
    words = text.lower()
    titles = _titles()
    return words in titles or any(words[at + 1 :] in titles for at, char in enumerate(words) if char == " ")


@functools.cache
def _titles() -> frozenset[str]:
    return frozenset(lexicon("roles")["titles"])


@functools.cache
def _title_beginnings() -> frozenset[str]:
    """Every beginning of a title's text ("d", "de", "def", ...): what a title's first token spells."""
    return frozenset(title[:end] for title in _titles() for end in range(1, len(title) + 1))


def _names_a_law(name: str) -> bool:
    """ "the Foreign Relations Authorization Act", "Title XXVII": laws and their parts are not actors."""
    words = name.split()
    lexicon_words = lexicon("names")
    return words[-1].lower() in lexicon_words["law_last_words"] or words[0].lower() in lexicon_words["law_first_words"]


def _in_title_case_line(ent: Span) -> bool:
    """An organisation or a person the NER found in a Title Case headline ("Congress Addresses
    Expansion of the Alliance", "Press Gaggle by Secretary Mattis"): there capitals say nothing,
    so only names the KB or the rest of the document knows are kept. (Places listed in a sentence
    of their own, "Balaklava and Kerch, Sapun Ridge", are all capitals too: kept.)"""
    return title_case(ent.sent)


def title_case(sentence: Span) -> bool:
    """Every word of more than three letters is capitalised, and there are at least three.
    Asked for every name and capitalised word of a sentence, so answered once per sentence."""
    known = sentence.doc.user_data.setdefault(_TITLE_CASE, {})
    key = (sentence.start, sentence.end)
    if key not in known:
        words = [t for t in sentence if t.is_alpha and len(t) > 3]
        known[key] = len(words) >= 3 and all(t.text[0].isupper() for t in words)
    return known[key]


def _heading(ent: Span) -> bool:
    """A Title Case line with no closing punctuation: a headline or a section heading ("Press
    Gaggle by Secretary Mattis"), not a short sentence ("Thank you, Mr Rahmon!")."""
    return _in_title_case_line(ent) and not ent.sent.text.rstrip().endswith((".", "!", "?", ":", '"', "”"))


def clean_name(text: str) -> str:
    """A name without line breaks, leading "the", honorifics or a possessive ending."""
    name = " ".join(text.split())
    name = re.sub(r"^(?:the|The)\s+", "", name)
    name = _HONORIFICS.sub("", name)
    return _POSSESSIVE.sub("", name).strip(' ,.:;"“”')


def _plausible(name: str) -> bool:
    """Named entities start upper-case, hold letters, are not web addresses, whole lines or
    generic words the NER mistakes for names (nlp/data/names.json)."""
    return (
        2 <= len(name) <= 60
        and bool(_SHAPE_OK.match(name))
        and "http" not in name
        and "@" not in name
        and sum(c.isalpha() for c in name) >= 2
        and name.lower() not in _never_names()
    )


def _plausible_person(name: str) -> bool:
    """Person names have no digits or slashes ("Andrew Harnik/AP Images" is a photo credit)."""
    return not any(c.isdigit() or c in "/|()" for c in name)


@functools.cache
def _never_names() -> frozenset[str]:
    return frozenset(lexicon("names")["never_names_alone"])


def person_key(name: str) -> str:
    """How person names compare: without case or diacritics ("Vucic" is "Vučić", "MATTIS" is "Mattis")."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


class _PersonNames:
    """Persons of one document: a surname alone links to the full name used elsewhere in it, or to
    the one person of the KB with that surname ("President Vucic" is Aleksandar Vučić). A name
    written family name first ("spokesperson Lin Jian ... Lin said", "Mao Ning ... Mao") links by
    its first word when no full name of the document ends in that word and no other starts with it
    ("Sergei" of Sergei Lavrov and Sergei Shoigu is neither)."""

    def __init__(self, parsed: ParsedDocument, kb: KnowledgeBase):
        self._kb = kb
        self._full: dict[str, str] = {}  # surname -> full name
        self._family_first: dict[str, str] = {}  # first word of a two-word name -> full name
        self._outside_headings: set[str] = set()  # full names and surnames of persons named in the text proper
        for ent in parsed.doc.ents:
            name = clean_name(ent.text)
            person = ent.label_ in ("PERSON", f"{RULER_LABEL_PREFIX}Person")
            if person and len(name.split()) >= 2 and _plausible(name):
                self._add(name, in_heading=_heading(ent))
        self._known = _kb_surnames(kb)

    def add_full_name(self, name: str) -> None:
        """A full name found after a title the recogniser missed: its surname alone now links to it."""
        self._add(name, in_heading=False)

    def _add(self, name: str, *, in_heading: bool) -> None:
        words = name.split()
        self._full.setdefault(person_key(words[-1]), name)
        if len(words) == 2:
            first, before = person_key(words[0]), self._family_first.get(person_key(words[0]), name)
            self._family_first[first] = name if person_key(before) == person_key(name) else ""  # shared: no one
        if not in_heading:
            self._outside_headings |= {person_key(name), person_key(words[-1])}

    def _full_name(self, word: str) -> str | None:
        key = person_key(word)
        return self._full.get(key) or self._family_first.get(key) or None

    def named_outside_headings(self, name: str) -> bool:
        """The name, or its surname, is a person's the document names outside its headings, or the KB's."""
        known = self._kb.lookup(name)
        full = self._full_name(name) if " " not in name else name
        return (known is not None and known.kind == "Person") or bool(
            {person_key(name), person_key(name.split()[-1]), person_key(full or "")} & self._outside_headings
        )

    def names_a_person(self, name: str) -> bool:
        """A single word that is the surname of a person named in full ("Pompeo" tagged as a place),
        or a full name tagged as a person elsewhere in the document ("Yevgeniy Prigozhin" tagged
        once as an organisation)."""
        if " " not in name:
            return self._full_name(name) is not None
        return person_key(self._full.get(person_key(name.split()[-1]), "")) == person_key(name)

    def resolve(self, name: str) -> Entity:
        if name.isupper():
            name = name.title()  # a transcript's capitals ("JAMES N. MATTIS"): the name as a name is written
        parts = name.split()
        full = (self._full_name(parts[0]) or name) if len(parts) == 1 else name
        known = self._kb.lookup(full)
        if known is not None and known.kind == "Person":
            return known
        by_surname = self._known.get(person_key(full.split()[-1]))
        if by_surname is not None and _same_person(full, by_surname):
            return by_surname
        return Entity(local_key("Person", full), "Person", full)


def _same_person(name: str, known: Entity) -> bool:
    """A name fits a KB person with its surname when it is the surname alone or its other words
    agree too ("Aleksandar Vucic", not "Ana Vucic")."""
    words = person_key(name).split()
    return len(words) == 1 or person_key(known.label).split() == words


@functools.cache
def _kb_surnames(kb: KnowledgeBase) -> dict[str, Entity]:
    """The KB's persons by surname (case and diacritics ignored); a surname two persons share is left out."""
    found: dict[str, list[Entity]] = {}
    for entity in kb.entities.values():
        if entity.kind == "Person":
            found.setdefault(person_key(entity.label.split()[-1]), []).append(entity)
    return {surname: people[0] for surname, people in found.items() if len(people) == 1}
