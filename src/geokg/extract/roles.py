"""Roles: a person's position as the text states it ("Russian President Vladimir Putin",
"Fyodor Lukyanov, an expert on Russian foreign policy", "writes Konstantin Eggert for Deutsche Welle").

Every word the patterns are built from is in nlp/data/roles.json; this module only puts them together."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from spacy.tokens import Span

from geokg.extract.common import ORGANISATION_KINDS, lexicon
from geokg.link import LinkedMention, Resolver
from geokg.link.linker import title_case
from geokg.model import Entity, RoleAssignment
from geokg.nlp.parsed import ParsedDocument, on_its_own_line, span_text, text_of

_WINDOW = 120  # characters looked at before a name for a title
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})  # Penn tags of finite verbs
_CLOSING = frozenset('.!?:;"”’)')  # marks that close a sentence, not a heading


@dataclass(frozen=True)
class _Patterns:
    before: re.Pattern[str]
    inside: re.Pattern[str]
    after: re.Pattern[str]
    byline: re.Pattern[str]
    posting: re.Pattern[str]
    determiner: re.Pattern[str]


def _alternatives(words: list[str]) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


@functools.cache
def _patterns() -> _Patterns:
    data = lexicon("roles")
    titles = f"(?i:{_alternatives(data['titles'])})"
    function_words = f"(?:{'|'.join(data['not_qualifiers'])})" + r"\b"
    # A qualifier word is capitalised ("U.S.", "Army", "China's") or a lower-case modifier of titles
    # ("foreign", "ministry", "deputy"): "China's foreign ministry spokesperson", "U.S. Army Maj. Gen.".
    word = rf"(?:(?!{function_words})[A-Z][\w’'.-]*|(?i:{_alternatives(data['title_modifiers'])})\b)"
    link = f"(?:(?i:{_alternatives(data['qualifier_links'])}) )?"
    qualifier = rf"(?:{word}(?:\s+{link}{word}){{0,6}}\s+)?"
    title = rf"{qualifier}{titles}(?!\w)"
    # A complement naming whom the title serves: "President of Russia", "spokesperson for the Kremlin",
    # "ambassador to the Philippines", "spokesperson for the Chinese foreign ministry".
    complement = rf"(?: (?i:{_alternatives(data['complement_prepositions'])}) (?:(?i:the) )?{word}(?: {word}){{0,4}})"
    before = re.compile(rf"(?:^|(?<=[\s(“\"]))(?P<role>{title}(?: and {title})?{complement}?)\s*,?\s*$")
    inside = re.compile(rf"^(?P<role>{titles})\s+(?=[A-Z])")
    # An apposition after the name: "Olaf Scholz, the German chancellor,", "Charles Miller, USEUCOM's
    # director of plans", "Simona Cojocaru, Romanian State Secretary and Chief of ...". Without a
    # determiner it must start with a capital or the title itself, so "Putin, speaking to the
    # minister," is no role.
    determiner = f"(?:(?:{_alternatives(data['apposition_determiners'])})\\s+)"
    appositive = rf"(?:{determiner}[^,.;:“”\"]*?|(?=[A-Z]|{titles})[^,;:“”\"]*?)"
    after = re.compile(rf"^\s*,\s+(?P<role>{appositive}\b{titles}(?!\w)[^,;:“”\"]*?)\s*(?:[,;:“”\"]|\.(?:\s|$)|$)")
    byline = re.compile(rf"\b(?i:{'|'.join(data['bylines'])})\s+$")
    posting = re.compile(rf"\b(?i:{_alternatives(data['posting_prepositions'])})\s+(?:the\s+)?$")
    return _Patterns(before, inside, after, byline, posting, re.compile(f"^{determiner}"))


def extract_roles(parsed: ParsedDocument, resolver: Resolver) -> list[RoleAssignment]:
    """One role per person in a document: the most specific title the text gives them, with the
    evidence of the sentence that states it (a person holds one position in a news text)."""
    best: dict[str, RoleAssignment] = {}
    for mention in resolver.mentions:
        if mention.entity.kind != "Person":
            continue
        sentence = parsed.sentence_at(parsed.doc.char_span(mention.start, mention.end, alignment_mode="expand").start)
        if _is_heading(sentence, mention):
            continue
        for role in _roles_of(parsed, resolver, mention, sentence):
            current = best.get(mention.entity.key)
            if current is None or _specificity(role) > _specificity(current):
                best[mention.entity.key] = role
    return list(best.values())


def _roles_of(parsed: ParsedDocument, resolver: Resolver, mention: LinkedMention, sentence: Span):
    text = parsed.text
    window_start = _window_start(resolver, mention, sentence.start_char)
    for title, start, end in _titles(text, mention, window_start, sentence.end_char):
        if _names_another_person(resolver, start, end, mention):
            continue
        role_in = _role_in(resolver, text, start, end, mention)
        if _affiliation_ok(title, role_in):
            yield RoleAssignment(mention.entity, title, parsed.span_evidence(sentence), role_in)


def _names_another_person(resolver: Resolver, start: int, end: int, person: LinkedMention) -> bool:
    """A title holding another person's name belongs to that person: in "signed by the President of
    Azerbaijan Ilham Aliyev, the Prime Minister of Armenia Nikol Pashinyan", not to Aliyev."""
    others = [m for m in resolver.mentions_in(start, end) if m.entity.kind == "Person" and m is not person]
    return bool(others)


def _specificity(role: RoleAssignment) -> tuple[bool, int]:
    """A title naming whom it serves beats one that does not; then the longer title."""
    return (role.role_in is not None, len(role.title))


def _window_start(resolver: Resolver, mention: LinkedMention, sent_start: int) -> int:
    """A title before a name starts after the person named before it in the sentence: in
    "President Vucic and Prime Minister Kurti", Kurti's title is "Prime Minister" only."""
    start = max(sent_start, mention.start - _WINDOW)
    for other in resolver.mentions_in(start, mention.start):
        if other.entity.kind == "Person" and other.end <= mention.start:
            start = max(start, other.end)
    return start


def _is_heading(sentence: Span, mention: LinkedMention) -> bool:
    """A heading or caption states no role: a line of its own without closing punctuation that has
    no finite verb ("Press Gaggle by Secretary Mattis") or is in Title Case ("Secretary Kerry
    Delivers Remarks to the Conference"). A speaker label ("PRESIDENT OF RUSSIA VLADIMIR PUTIN:")
    ends in a colon and is a role."""
    speaker_label = text_of(sentence.doc)[mention.end : mention.end + 1] == ":"
    if speaker_label or not on_its_own_line(sentence) or span_text(sentence).rstrip()[-1:] in _CLOSING:
        return False
    finite = any(t.tag_ in _FINITE_TAGS for t in sentence)
    return not finite or title_case(sentence)


def _titles(text: str, mention: LinkedMention, window_start: int, sent_end: int):
    patterns = _patterns()
    preceding = text[window_start : mention.start]
    if match := patterns.inside.match(text[mention.start : mention.end]):
        yield _tidy(match["role"]), mention.start, mention.start + match.end("role")
    elif match := patterns.before.search(preceding):
        yield _tidy(match["role"]), window_start + match.start("role"), mention.start
    if match := patterns.after.match(text[mention.end : sent_end]):
        role = patterns.determiner.sub("", match["role"])
        yield _tidy(role), mention.end + match.start("role"), mention.end + match.end("role")
    if patterns.byline.search(preceding) and text[mention.end : mention.end + 5].startswith(" for "):
        yield "writer", mention.end, min(sent_end, mention.end + 60)
    elif text[mention.end : mention.end + 4] == " of ":
        yield "affiliate", mention.end, min(sent_end, mention.end + 40)


def _tidy(role: str) -> str:
    return " ".join(role.split()).strip(" ,")


def _role_in(resolver: Resolver, text: str, start: int, end: int, person: LinkedMention) -> Entity | None:
    """The state or organisation the title names ("Russian President", "President of the OSCE",
    "China's foreign ministry spokesperson"). A state after "to" is where an envoy is posted, not whom they serve ("Japan's ambassador to Manila")."""
    for mention in resolver.mentions_in(start, end):
        if _posting(text, start, mention):
            continue
        if mention.entity.kind == "State" or mention.entity.kind in ORGANISATION_KINDS:
            return mention.entity
    return None


def _posting(text: str, start: int, mention: LinkedMention) -> bool:
    return bool(_patterns().posting.search(text[start : mention.start]))


def _affiliation_ok(title: str, role_in: Entity | None) -> bool:
    """An "X of Y" affiliation counts only when Y is an organisation ("Max Fisher of Vox")."""
    return title != "affiliate" or (role_in is not None and role_in.kind in ORGANISATION_KINDS)
