"""Memberships of states in organisations as the text states them, denied ones included
("Ukraine is not a member of NATO" gives a membership with negated=True).

Two kinds of rule find them. Text rules read fixed phrasings around linked mentions ("Latvia and
Estonia, members of NATO"; "NATO members Estonia and Latvia"; "the Contact Group, consisting of
..."). Syntactic rules read the dependency parse: a member noun ("member", "ally", "member
states") tied to an organisation (premodifier, genitive, "of"/"in") and to states (apposition,
compound, "such as", the subject of a copula, a relative clause); verbs of joining and
admitting; nouns of accession. Every English word the rules use is in nlp/data/memberships.json.
A statement under a condition, a modal or a not-yet modifier ("a future member") is no membership;
nor is one the text only implies ("the CSTO summit in Dushanbe" names no member).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Span, Token

from geokg.extract.common import ORGANISATION_KINDS, conditional
from geokg.link import LinkedMention, Resolver
from geokg.link.coref import coreference_lexicon
from geokg.model import Entity, Membership
from geokg.nlp.lexicon import load_lexicon
from geokg.nlp.parsed import ParsedDocument

_MEMBER_KINDS = frozenset({"State"})  # the contract: memberships of states in organisations
_SENTENCE_PUNCTUATION = re.compile(r"[.;:!?]")
_RELATIVE_PRONOUN_TAGS = frozenset({"WDT", "WP"})  # "which", "that", "who" (Penn tags, not words)
_MODAL_TAG = "MD"  # "will", "would", "could" ... (Penn tag)
# Dependencies through which a noun of accession is governed by the word above it ("blocked [Sweden's
# accession]", "a bid for [accession]"), climbed up to the clause's verb.
_GOVERNED = frozenset({"prep", "pobj", "dobj", "nsubj", "nsubjpass", "attr", "compound"})


@dataclass(frozen=True)
class _Statement:
    """What one rule read in a sentence: these states are (or, negated, are not) members of these organisations."""

    members: tuple[Entity, ...]
    organisations: tuple[Entity, ...]
    negated: bool


def extract_memberships(parsed: ParsedDocument, resolver: Resolver) -> list[Membership]:
    """One membership per member, organisation and sentence; denied if any rule read it as denied."""
    found: dict[tuple, Membership] = {}
    for sentence in parsed.sentences:
        evidence = parsed.span_evidence(sentence)
        for statement in _statements(parsed, resolver, sentence):
            for member in statement.members:
                for organisation in statement.organisations:
                    if member.key == organisation.key:
                        continue
                    key = (member.key, organisation.key, evidence.start)
                    negated = statement.negated or (key in found and found[key].negated)
                    found[key] = Membership(member, organisation, evidence, negated)
    return list(found.values())


def _statements(parsed: ParsedDocument, resolver: Resolver, sentence: Span) -> Iterator[_Statement]:
    text = parsed.text
    mentions = resolver.mentions_in(sentence.start_char, sentence.end_char)
    yield from _members_before_cue(text, sentence, mentions)
    yield from _members_consisting(text, mentions)
    yield from _members_after_organisation(text, sentence, mentions)
    yield from _member_nouns(resolver, sentence)
    yield from _joining_verbs(resolver, sentence)
    yield from _admitting_verbs(resolver, sentence)
    yield from _accession_nouns(resolver, sentence)


def _words() -> dict:
    return load_lexicon("memberships")


# -- text rules: fixed phrasings around linked mentions ----------------------------------------


def _members_before_cue(text: str, sentence: Span, mentions: tuple[LinkedMention, ...]) -> Iterator[_Statement]:
    """Members listed before a cue and the organisation after it: "Latvia, Estonia and Lithuania,
    active members of NATO"; "Ukraine is not a member of NATO" (a negation between them denies it)."""
    cues = _alternatives(_words()["before"])
    articles = _alternatives(_words()["articles"])
    for organisation in _organisations_among(mentions):
        lead = text[sentence.start_char : organisation.start]
        cue = re.search(rf"\b(?:{cues})\s+(?:(?:{articles})\s+)?$", lead, re.IGNORECASE)
        if not cue:
            continue
        cue_start = sentence.start_char + cue.start()
        members = _list_before(text, cue_start, mentions)
        if members:
            negated = _negated(text[_members_end(mentions, cue_start) : cue_start])
            listed = tuple(_organisations_listed_from(text, organisation, mentions))
            yield _Statement(members, listed, negated)


def _organisations_listed_from(text: str, first: LinkedMention, mentions: tuple[LinkedMention, ...]):
    """Coordinated organisations: the first and those listed right after it ("a member of the EU and NATO")."""
    yield first.entity
    cursor = first.end
    for mention in sorted((m for m in mentions if m.start >= first.end), key=lambda m: m.start):
        if mention.entity.kind not in ORGANISATION_KINDS or not _list_gap(text[cursor : mention.start]):
            return
        yield mention.entity
        cursor = mention.end


def _members_consisting(text: str, mentions: tuple[LinkedMention, ...]) -> Iterator[_Statement]:
    """A participle or relative clause of composition after the organisation lists its members:
    "the Trilateral Contact Group, consisting of Ukraine, Russia and the OSCE"."""
    cues = _alternatives(_words()["consisting"])
    articles = _alternatives(_words()["articles"])
    for organisation in _organisations_among(mentions):
        following = text[organisation.end : organisation.end + 40]
        cue = re.match(rf"^\s*,?\s*(?:{cues})\s+(?:(?:{articles})\s+)?", following, re.IGNORECASE)
        if cue:
            members = _list_after(text, organisation.end + cue.end(), mentions, skip=organisation)
            if members:
                yield _Statement(members, (organisation.entity,), False)


def _members_after_organisation(text: str, sentence: Span, mentions: tuple[LinkedMention, ...]) -> Iterator[_Statement]:
    """The organisation premodifies a member noun before the names: "the EFTA countries Iceland,
    Liechtenstein and Norway", "NATO member Estonia"; a negative prefix fused to the organisation
    denies it ("non-NATO member Sweden")."""
    nouns = _alternatives(_words()["after_organisation"])
    for organisation in _organisations_among(mentions):
        if re.match(rf"^[’']?s?\s+(?:{nouns})\s+(?=[A-Z])", text[organisation.end : organisation.end + 40]):
            members = _list_after(text, organisation.end, mentions, skip=organisation)
            if members:
                lead = text[sentence.start_char : organisation.start]
                yield _Statement(members, (organisation.entity,), _negative_prefix(lead))


def _negative_prefix(lead: str) -> bool:
    """The word fused by a hyphen right before the organisation is a negation ("non-NATO")."""
    prefix = re.search(r"([^\W\d_]+)\s*-\s*$", lead)
    return bool(prefix) and _negated(prefix.group(1))


def _organisations_among(mentions: tuple[LinkedMention, ...]) -> list[LinkedMention]:
    return [m for m in mentions if m.entity.kind in ORGANISATION_KINDS]


def _alternatives(phrases: list[str]) -> str:
    return "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))


def _list_gap(gap: str) -> bool:
    """Only commas, a list conjunction ("and", "or", "as well as") and an article lie between two listed names."""
    joiners = _alternatives(_words()["list_joiners"])
    articles = _alternatives(_words()["articles"])
    pattern = rf"^[\s,]*(?:(?:{joiners})\s+)?(?:(?:{articles})\s+)?$"
    return bool(re.match(pattern, gap, re.IGNORECASE))


def _members_end(mentions: tuple[LinkedMention, ...], position: int) -> int:
    before = [m.end for m in mentions if m.end <= position]
    return max(before) if before else position


def _list_before(text: str, position: int, mentions: tuple[LinkedMention, ...]) -> tuple[Entity, ...]:
    """The states listed right before `position`, walking back over commas and "and"."""
    members: list[Entity] = []
    cursor = position
    for mention in sorted((m for m in mentions if m.end <= position), key=lambda m: m.start, reverse=True):
        gap = text[mention.end : cursor]
        limit = 40 if not members else 12
        breaks_list = bool(members) and not _list_gap(gap)
        if len(gap) > limit or breaks_list or _SENTENCE_PUNCTUATION.search(gap):
            break
        if mention.entity.kind not in _MEMBER_KINDS:
            break
        members.append(mention.entity)
        cursor = mention.start
    return tuple(reversed(members))


def _list_after(text: str, position: int, mentions, *, skip: LinkedMention) -> tuple[Entity, ...]:
    """The states listed right after `position`; organisations listed among them are passed over
    ("Ukraine, Russia and the OSCE")."""
    members: list[Entity] = []
    cursor = position
    for mention in sorted((m for m in mentions if m.start >= position and m is not skip), key=lambda m: m.start):
        gap = text[cursor : mention.start]
        breaks_list = bool(members) and not _list_gap(gap)
        if len(gap) > 30 or breaks_list or _SENTENCE_PUNCTUATION.search(gap):
            break
        if mention.entity.kind not in _MEMBER_KINDS:
            if mention.entity.kind in ORGANISATION_KINDS and members:
                cursor = mention.end
                continue
            break
        members.append(mention.entity)
        cursor = mention.end
    return tuple(members)


def _negated(text: str) -> bool:
    """The text holds a negation of the lexicon ("not", "never", "non-", "no longer", "isn't")."""
    words = _alternatives(_words()["negations"])
    clitics = _alternatives(_words()["negation_clitics"])
    pattern = rf"(?<![^\W\d_])(?:{words})(?![^\W\d_])|(?:{clitics})(?![^\W\d_])"
    return bool(re.search(pattern, text.replace("’", "'"), re.IGNORECASE))


# -- syntactic rules: the dependency parse -----------------------------------------------------


def _member_nouns(resolver: Resolver, sentence: Span) -> Iterator[_Statement]:
    """A member noun ("member", "ally", "member states") whose organisation is a premodifier
    ("NATO allies"), a genitive ("NATO's newest member", "the alliance's members") or an "of"/"in"
    phrase ("a member of the alliance"), and whose states are its apposition in either direction
    ("Turkey, a NATO member"; "NATO's newest member, Finland"), the name it premodifies ("CSTO
    members Armenia and Belarus"), its examples ("EU member states such as Poland"), or the subject
    of a copula it is the predicate of, in a main or a relative clause ("Hungary is a NATO member";
    "Finland, which is not a member of the alliance")."""
    words = _words()
    for token in sentence:
        if not _is_member_noun(token, words):
            continue
        noun = _phrase_head(token)
        if _not_current(noun):
            continue
        organisations = _organisations_of_noun(resolver, noun)
        members = _members_of_noun(resolver, noun) if organisations else ()
        if members:
            yield _Statement(members, organisations, _noun_negated(noun))


def _is_member_noun(token: Token, words: dict) -> bool:
    """ "member", "allies"; "states", "countries" only with an organisation before them ("EU states")."""
    if token.lower_ in words["member_nouns"]:
        return True
    return token.lower_ in words["group_nouns"] and any(c.dep_ == "compound" for c in token.children)


def _phrase_head(token: Token) -> Token:
    """ "member states": the noun the member noun is a compound of, when that is a group noun."""
    group_nouns = _words()["group_nouns"]
    while token.dep_ == "compound" and token.head.lower_ in group_nouns and token.head.i > token.i:
        token = token.head
    return token


def _not_current(noun: Token) -> bool:
    """ "a future member", "a former ally", "would-be members": no current membership stated."""
    modifiers = _words()["not_current_modifiers"]
    return any(t.lower_ in modifiers for t in noun.doc[noun.left_edge.i : noun.i])


def _organisations_of_noun(resolver: Resolver, noun: Token) -> tuple[Entity, ...]:
    found: list[Entity] = []
    for token in noun.doc[noun.left_edge.i : noun.i]:
        if token.is_punct or _negated(token.text):
            continue  # "Non-NATO member": the prefix is no organisation, whatever the linker made of it
        if token.dep_ == "poss" or _mention_at(resolver, token) is not None:
            found.extend(_entities_at(resolver, token, ORGANISATION_KINDS))
    for preposition in _prepositions(noun, _words()["member_prepositions"]):
        found.extend(_objects_of(resolver, preposition, ORGANISATION_KINDS))
    return _distinct(found)


def _members_of_noun(resolver: Resolver, noun: Token) -> tuple[Entity, ...]:
    found: list[Entity] = []
    if noun.dep_ in ("appos", "compound"):
        found.extend(_entities_at(resolver, noun.head, _MEMBER_KINDS))
    for child in noun.children:
        if child.dep_ == "appos":
            found.extend(_entities_at(resolver, child, _MEMBER_KINDS))
    for preposition in _prepositions(noun, _words()["examples"]):
        found.extend(_objects_of(resolver, preposition, _MEMBER_KINDS))
    copula = _copula(noun)
    if copula is not None and not _unrealised(copula):
        found.extend(_subject_entities(resolver, copula, _MEMBER_KINDS))
    described = _predicative_as(noun)
    if described is not None:
        found.extend(_subject_entities(resolver, described, _MEMBER_KINDS))
    for named in _inverted_copula(noun):
        found.extend(_entities_at(resolver, named, _MEMBER_KINDS))
    return _distinct(found)


def _inverted_copula(noun: Token) -> list[Token]:
    """The complements of "be" when the member noun is its subject: the copula inverted ("The
    newest member of NATO is Finland", "NATO's member states are Estonia, Latvia and Lithuania").
    Denied, it says nothing of membership ("the newest member is not Ukraine": maybe an older one)."""
    verb = noun.head
    if noun.dep_ != "nsubj" or verb.lemma_.lower() != "be" or _unrealised(verb):
        return []
    if any(c.dep_ == "neg" for c in verb.children):
        return []
    return [c for c in verb.children if c.dep_ == "attr"]


def _copula(noun: Token) -> Token | None:
    """The copula the noun is the predicate of ("is a member", "became a member"), or None."""
    if noun.dep_ in ("attr", "oprd") and noun.head.lemma_.lower() in _words()["copulas"]:
        return noun.head
    return None


def _predicative_as(noun: Token) -> Token | None:
    """The verb a predicative "as" phrase modifies, whose subject the noun describes ("As a NATO
    member, Turkey must pay": a modal on that verb does not touch the membership)."""
    preposition = noun.head
    if noun.dep_ == "pobj" and preposition.lower_ in _words()["predicative_prepositions"]:
        return preposition.head if preposition.head.pos_ in ("VERB", "AUX") else None
    return None


def _noun_negated(noun: Token) -> bool:
    """A negation in the member noun's phrase ("non-NATO member"), beside it ("Austria, not a NATO
    member"), or on the copula it is the predicate of ("is not", "has never been", "is no longer")."""
    scope = list(noun.doc[noun.left_edge.i : noun.i + 1])
    scope.extend(c for c in noun.children if c.dep_ == "neg")
    if noun.dep_ == "appos":
        scope.extend(c for c in noun.head.children if c.dep_ == "neg" and noun.head.i < c.i < noun.i)
    copula = _copula(noun)
    if copula is not None:
        scope.extend(_negation_scope(copula))
    return _negated(" ".join(t.text for t in scope))


def _negation_scope(verb: Token) -> list[Token]:
    """The negative and adverbial modifiers of a verb, with their words ("no longer")."""
    scope: list[Token] = []
    for child in verb.children:
        if child.dep_ in ("neg", "advmod"):
            scope.extend(child.subtree)
    return scope


def _joining_verbs(resolver: Resolver, sentence: Span) -> Iterator[_Statement]:
    """A verb of joining with a state subject and an organisation object: "Croatia joined the EU",
    "Hungary, which joined NATO in 1999" (relative clause), "the three countries joined the alliance"
    (coreference), "acceded to the treaty organisation"; founders are members too ("Mali, Burkina
    Faso and Niger formed their own bloc, the Alliance of Sahel States"). Not under a condition or a modal."""
    joined = _words()["joined"]
    for verb in sentence:
        if verb.lemma_.lower() not in joined or _unrealised(verb):
            continue
        members = _subject_entities(resolver, verb, _MEMBER_KINDS)
        organisations = _verb_organisations(resolver, verb)
        if members and organisations:
            yield _Statement(members, organisations, any(c.dep_ == "neg" for c in verb.children))


def _verb_organisations(resolver: Resolver, verb: Token) -> tuple[Entity, ...]:
    """The organisation a verb of joining or admitting takes: its object, or a "to"/"into" phrase."""
    found: list[Entity] = []
    for child in verb.children:
        if child.dep_ == "dobj":
            found.extend(_entities_at(resolver, child, ORGANISATION_KINDS))
            for named in (c for c in child.children if c.dep_ == "appos"):  # "formed a bloc, the Alliance of ..."
                found.extend(_entities_at(resolver, named, ORGANISATION_KINDS))
    for preposition in _prepositions(verb, _words()["accession_prepositions"]):
        found.extend(_objects_of(resolver, preposition, ORGANISATION_KINDS))
    return _distinct(found)


def _admitting_verbs(resolver: Resolver, sentence: Span) -> Iterator[_Statement]:
    """A verb of admitting: passive, the state is the subject and the organisation follows "to"
    ("Timor-Leste was admitted to ASEAN"); active, the organisation admits the object state
    ("ASEAN admitted Timor-Leste")."""
    admitted = _words()["admitted"]
    for verb in sentence:
        if verb.lemma_.lower() not in admitted or _unrealised(verb):
            continue
        negated = any(c.dep_ == "neg" for c in verb.children)
        members = _subject_entities(resolver, verb, _MEMBER_KINDS, dependencies=("nsubjpass",))
        organisations = _verb_organisations(resolver, verb) if members else ()
        if not members:
            members = _children_entities(resolver, verb, "dobj", _MEMBER_KINDS)
            organisations = _subject_entities(resolver, verb, ORGANISATION_KINDS, dependencies=("nsubj",))
        if members and organisations:
            yield _Statement(members, organisations, negated)


def _accession_nouns(resolver: Resolver, sentence: Span) -> Iterator[_Statement]:
    """A noun of accession with the state as genitive or "of" phrase and the organisation after
    "to"/"into" or before it: "Finland's accession to NATO", "the accession of Sweden to NATO",
    "Finland's NATO accession". An accession someone blocks, seeks or delays, or a possible one,
    has not happened: no membership."""
    nouns = _words()["accession_nouns"]
    for noun in sentence:
        if noun.lower_ not in nouns or _accession_unrealised(noun):
            continue
        members = _accession_members(resolver, noun)
        organisations = _accession_organisations(resolver, noun) if members else ()
        if members and organisations:
            yield _Statement(members, organisations, False)


def _accession_members(resolver: Resolver, noun: Token) -> tuple[Entity, ...]:
    found = list(_children_entities(resolver, noun, "poss", _MEMBER_KINDS))
    for preposition in _prepositions(noun, _words()["accession_member_prepositions"]):
        found.extend(_objects_of(resolver, preposition, _MEMBER_KINDS))
    return _distinct(found)


def _accession_organisations(resolver: Resolver, noun: Token) -> tuple[Entity, ...]:
    found: list[Entity] = []
    for token in noun.doc[noun.left_edge.i : noun.i]:
        if token.dep_ != "poss" and _mention_at(resolver, token) is not None:
            found.extend(_entities_at(resolver, token, ORGANISATION_KINDS))
    for preposition in _prepositions(noun, _words()["accession_prepositions"]):
        found.extend(_objects_of(resolver, preposition, ORGANISATION_KINDS))
    return _distinct(found)


def _accession_unrealised(noun: Token) -> bool:
    """A not-yet modifier ("possible accession"), or a governing word for which the accession has
    not happened ("blocked Sweden's accession", "a bid for accession"), or a governing verb under a
    condition, a modal or a negation ("accession is not on the agenda")."""
    if _not_current(noun):
        return True
    governor = noun
    while governor.dep_ in _GOVERNED and governor.head is not governor:
        governor = governor.head
        if governor.lemma_.lower() in _words()["unrealised_governors"]:
            return True
    negated = any(c.dep_ == "neg" for c in governor.children)
    return negated or (governor.pos_ in ("VERB", "AUX") and _unrealised(governor))


# -- shared syntactic helpers -------------------------------------------------------------------


def _unrealised(verb: Token) -> bool:
    """The verb heads an if-clause or takes a modal ("if Sweden joins", "Ukraine will join")."""
    return conditional(verb) or any(c.dep_ == "aux" and c.tag_ == _MODAL_TAG for c in verb.children)


def _subject_entities(
    resolver: Resolver, verb: Token, kinds, *, dependencies: tuple[str, ...] = ("nsubj", "nsubjpass")
) -> tuple[Entity, ...]:
    """The verb's subject; a relative pronoun stands for the noun its clause modifies ("Hungary,
    which joined NATO"); a verb coordinated without a subject shares the first verb's."""
    subjects = [c for c in verb.children if c.dep_ in dependencies]
    if not subjects and verb.dep_ == "conj":
        return _subject_entities(resolver, verb.head, kinds, dependencies=dependencies)
    found: list[Entity] = []
    for subject in subjects:
        if subject.tag_ in _RELATIVE_PRONOUN_TAGS and verb.dep_ == "relcl":
            subject = verb.head
        found.extend(_entities_at(resolver, subject, kinds))
    return _distinct(found)


def _children_entities(resolver: Resolver, head: Token, dependency: str, kinds) -> tuple[Entity, ...]:
    found: list[Entity] = []
    for child in head.children:
        if child.dep_ == dependency:
            found.extend(_entities_at(resolver, child, kinds))
    return _distinct(found)


def _prepositions(head: Token, phrases: list[str]) -> list[Token]:
    """The head's prepositions whose words (with their own left modifiers: "such as") are in `phrases`."""
    found = []
    for child in head.children:
        words = " ".join(t.lower_ for t in child.doc[child.left_edge.i : child.i + 1])
        if child.dep_ == "prep" and words in phrases:
            found.append(child)
    return found


def _objects_of(resolver: Resolver, preposition: Token, kinds) -> tuple[Entity, ...]:
    found: list[Entity] = []
    for child in preposition.children:
        if child.dep_ == "pobj":
            found.extend(_entities_at(resolver, child, kinds))
    return tuple(found)


def _entities_at(resolver: Resolver, token: Token, kinds) -> tuple[Entity, ...]:
    """The entities of `kinds` a noun and the nouns coordinated with it name: its linked mention,
    or, for a description or pronoun with none, what it refers back to ("the alliance"). A list
    ends at the first conjunct naming none ("Iceland and Norway, members of the EEA, as well as
    Ukraine": Ukraine is not in the list the member noun describes)."""
    found: list[Entity] = []
    for position, conjunct in enumerate(_coordinated(token)):
        entities = [e for e in _entities_of_one(resolver, conjunct) if e.kind in kinds]
        if position and not entities:
            break
        found.extend(entities)
    return tuple(found)


def _entities_of_one(resolver: Resolver, token: Token) -> tuple[Entity, ...]:
    mention = _mention_at(resolver, token)
    if mention is not None:
        return (mention.entity,)
    if token.pos_ == "PROPN" and token.lower_ not in coreference_lexicon()["descriptions"]:
        return ()  # a name the linker did not link is not guessed; "the Alliance", "the Union" are descriptions
    return resolver.antecedents(token.doc[token.left_edge.i : token.i + 1])


def _coordinated(token: Token) -> list[Token]:
    """The token and every conjunct coordinated with it, in text order ("Estonia, Latvia and
    Lithuania"); a list the parser took for an apposition ("Mali, [Burkina Faso and Niger]") too,
    while a true apposition ("Turkey, a NATO member,") has no conjunct of its own."""
    found = [token]
    for child in token.children:
        if child.dep_ == "conj" or (child.dep_ == "appos" and any(g.dep_ == "conj" for g in child.children)):
            found.extend(_coordinated(child))
    return sorted(found, key=lambda t: t.i)


def _mention_at(resolver: Resolver, token: Token) -> LinkedMention | None:
    """The linked mention the token is part of, if any."""
    for mention in resolver.mentions:
        if mention.start <= token.idx < mention.end:
            return mention
    return None


def _distinct(entities) -> tuple[Entity, ...]:
    seen: dict[str, Entity] = {}
    for entity in entities:
        seen.setdefault(entity.key, entity)
    return tuple(seen.values())
