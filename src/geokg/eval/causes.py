"""Why each error happened: every missed gold fact and every false positive in exactly ONE cause.

A cause is decided from the build, the gold item's text and the lexicons, deterministically and
without a parse (geokg.eval.cues). The rules of each list below are tried in order; the first that
holds gives the cause, `other` when none does. Each rule is a short function whose docstring
states it. "The agent is named" means that a name, gold mention or build label of the agent (not
a pronoun) occurs in the evidence; "over the evidence" means that the texts overlap as the
scorer's matching rule says.

Intentions, a missed gold intention:
  merged, no cue, parse, first person, holder unresolved, coordination, attribution,
  target as holder, wrong holder, condition, other.
Intentions, a false positive:
  non-intention, duplicate, attribution, target as holder, wrong holder, not an intention.
Intentions, a matched one with wrong details (counted apart, by what was expected and what came):
  "modality: pledge → intent"; "attribution: missing | spurious | wrong source"; "target: ..." alike.
Memberships: missed: negation, merged, member not linked, organisation not linked, wrong member,
  no cue, parse, other; false positive: negation, duplicate, not scored, wrong member, not stated.
Roles: missed: merged, person not linked, no cue, parse, other;
  false positive: duplicate, unknown person, no gold role.
Events: missed: merged, no cue, parse, other; false positive: duplicate, intention, not an event.
Any fact of a gold document the build lacks: document not built.
Entities are not given causes (their reasons say enough).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from geokg.eval import cues
from geokg.eval.build import Build, Row
from geokg.eval.similarity import matches_actor, norm, overlap

Gold = dict[str, Any]

DOCUMENT_NOT_BUILT = "document not built"
_CUE_WITHIN = 3  # words after coordinated actors in which their cue must start
OTHER = "other"


@dataclass
class Scene:
    """A document as the causes see it: the build, the document's IRI, its gold and its facts' quotes."""

    build: Build
    doc: str
    gold: Gold
    exacts: dict[str, list[str]]
    _forms: dict[str, list[str]] = field(default_factory=dict)

    @functools.cached_property
    def mentioned(self) -> tuple[str, ...]:
        return tuple(self.build.mentioned(self.doc))

    def is_actor(self, iri: str | None, name: str | None) -> bool:
        """The build's `iri` is the gold actor `name` (the scorer's rule)."""
        return matches_actor(iri, name, self.build.names)

    def is_one_of(self, iri: str | None, names: str | None) -> bool:
        """The build's `iri` is one of the gold actors `names` ("Kosovo; Serbia")."""
        return any(self.is_actor(iri, name.strip()) for name in (names or "").split(";"))

    def linked(self, name: str) -> bool:
        """Some entity the document mentions is the gold actor `name`."""
        return any(self.is_actor(iri, name) for iri in self.mentioned)

    def forms(self, name: str) -> list[str]:
        """The names the document may use for actor `name`: the name, its gold entity's name and
        mentions, the labels of the mentioned entities that are it; pronouns left out."""
        if name not in self._forms:
            self._forms[name] = _actor_forms(self, name)
        return self._forms[name]

    def other_forms(self, name: str) -> list[str]:
        """The names of every other actor of the document (gold entities and mentioned entities)."""
        forms = [form for e in self.gold["entities"] if not _same_name(e["name"], name) for form in _entity_forms(e)]
        for iri in self.mentioned:
            if not self.is_actor(iri, name):
                forms += self.build.names[iri].labels if iri in self.build.names else []
        return [form for form in forms if cues.is_name(form)]

    def named(self, name: str, text: str) -> bool:
        """The evidence `text` names the actor `name`."""
        return bool(cues.name_spans(text, self.forms(name)))


def _actor_forms(scene: Scene, name: str) -> list[str]:
    forms = [re.sub(r"\(.*?\)", "", name).strip()]
    for entity in scene.gold["entities"]:
        if _same_name(entity["name"], name):
            forms += _entity_forms(entity)
    for iri in scene.mentioned:
        if scene.is_actor(iri, name) and iri in scene.build.names:
            forms += sorted(scene.build.names[iri].labels)
    return [form for form in dict.fromkeys(forms) if cues.is_name(form)]


def _entity_forms(entity: Gold) -> list[str]:
    return [entity["name"], *(entity.get("mentions") or [])]


def _same_name(a: str, b: str) -> bool:
    return norm(re.sub(r"\(.*?\)", "", a)) == norm(re.sub(r"\(.*?\)", "", b))


Rule = tuple[str, Callable[..., bool]]


def _first(rules: tuple[Rule, ...], *args: Any) -> str:
    """The cause of the first rule that holds, else `other`."""
    for cause, holds in rules:
        if holds(*args):
            return cause
    return OTHER


def _gold_over(scene: Scene, key: str, text_key: str, exact: str | None) -> list[Gold]:
    """The gold items of `key` whose text overlaps `exact`."""
    return [g for g in scene.gold[key] if overlap(exact, g.get(text_key) or "")]


# --------------------------------------------------------------------------- intentions: misses
# Each rule takes the scene, the gold intention and the predictions over its evidence (none of
# which matched it).


def _merged(scene: Scene, g: Gold, over: list[Row]) -> bool:
    """A prediction over the evidence has the agent as holder but matched another gold intention
    first: the sentence states more intentions of the agent than were extracted."""
    return any(scene.is_actor(p["holder"], g["agent"]) for p in over)


def _no_cue(scene: Scene, g: Gold, over: list[Row]) -> bool:
    """Nothing was extracted over the evidence, and it has no cue word, modal or construction of
    the intentions lexicon (cues.intention_cues)."""
    return not over and not cues.has_intention_cue(g["evidence"])


def _parse(scene: Scene, g: Gold, over: list[Row]) -> bool:
    """Nothing was extracted and the evidence runs over a hard line break, where the pipeline ends
    the sentence: cue and holder were parsed apart."""
    return not over and cues.line_break(g["evidence"])


def _first_person(scene: Scene, g: Gold, over: list[Row]) -> bool:
    """The evidence does not name the agent and has a first-person pronoun ("we", "our", "I"):
    the agent is the speaker or the author."""
    return not scene.named(g["agent"], g["evidence"]) and cues.first_person(g["evidence"])


def _holder_unresolved(scene: Scene, g: Gold, over: list[Row]) -> bool:
    """Nothing was extracted although a cue is there, and the evidence does not name the agent (it
    says "the Secretary", "the parties", a capital, or a name the knowledge base lacks)."""
    return not over and not scene.named(g["agent"], g["evidence"])


def _coordination(scene: Scene, g: Gold, over: list[Row]) -> bool:
    """The agent is named as one of coordinated actors followed within three words by a cue of the
    intentions lexicon ("X and Y will ...", "X, Y and Z have pledged to ...")."""
    text = g["evidence"]
    own = cues.name_spans(text, scene.forms(g["agent"]))
    lists = cues.coordinations(text, own, cues.name_spans(text, scene.other_forms(g["agent"])))
    return any(cues.has_intention_cue(text[end:], within=_CUE_WITHIN) for _, end in lists)


def _attribution(scene: Scene, g: Gold, over: list[Row]) -> bool:
    """A prediction over the evidence has the intention's source (attributed_by) as holder: the one
    who reports it was taken for the one who intends."""
    return any(scene.is_actor(p["holder"], g.get("attributed_by")) for p in over)


def _target_as_holder(scene: Scene, g: Gold, over: list[Row]) -> bool:
    """A prediction over the evidence has the intention's target as holder: the one addressed
    (urged, called on, threatened) was taken for the one who intends."""
    return any(scene.is_one_of(p["holder"], g.get("target")) for p in over)


def _wrong_holder(scene: Scene, g: Gold, over: list[Row]) -> bool:
    """A prediction over the evidence has another holder (for none of the reasons above)."""
    return bool(over)


def _condition(scene: Scene, g: Gold, over: list[Row]) -> bool:
    """Nothing was extracted from a named agent's cue in a conditional sentence ("if", "unless")."""
    return cues.conditional(g["evidence"])


INTENTION_MISSES: tuple[Rule, ...] = (
    ("merged", _merged),
    ("no cue", _no_cue),
    ("parse", _parse),
    ("first person", _first_person),
    ("holder unresolved", _holder_unresolved),
    ("coordination", _coordination),
    ("attribution", _attribution),
    ("target as holder", _target_as_holder),
    ("wrong holder", _wrong_holder),
    ("condition", _condition),
)


def intention_miss(scene: Scene, g: Gold, over: list[Row]) -> str:
    """The cause of a missed gold intention, given the predictions over its evidence."""
    return _first(INTENTION_MISSES, scene, g, over)


# --------------------------------------------------------------------------- intentions: false positives
# Each rule takes the scene and a prediction (holder, exact) that matched no gold intention.


def _non_intention(scene: Scene, p: Row) -> bool:
    """The prediction is over a gold non-intention (a rhetorical question, a past stance ...)."""
    return bool(_gold_over(scene, "non_intentions", "text", p["exact"]))


def _duplicate_intention(scene: Scene, p: Row) -> bool:
    """The prediction is over a gold intention of its holder, which another prediction matched."""
    over = _gold_over(scene, "intentions", "evidence", p["exact"])
    return any(scene.is_actor(p["holder"], g["agent"]) for g in over)


def _source_as_holder(scene: Scene, p: Row) -> bool:
    """The holder is the source (attributed_by) of a gold intention the prediction is over."""
    over = _gold_over(scene, "intentions", "evidence", p["exact"])
    return any(scene.is_actor(p["holder"], g.get("attributed_by")) for g in over)


def _holder_is_target(scene: Scene, p: Row) -> bool:
    """The holder is the target of a gold intention the prediction is over."""
    over = _gold_over(scene, "intentions", "evidence", p["exact"])
    return any(scene.is_one_of(p["holder"], g.get("target")) for g in over)


def _over_gold_intention(scene: Scene, p: Row) -> bool:
    """The prediction is over a gold intention of another agent (for none of the reasons above)."""
    return bool(_gold_over(scene, "intentions", "evidence", p["exact"]))


def _anything(*_: Any) -> bool:
    """Always: the last cause of a list, for what no earlier rule explains."""
    return True


INTENTION_FALSE_POSITIVES: tuple[Rule, ...] = (
    ("non-intention", _non_intention),
    ("duplicate", _duplicate_intention),
    ("attribution", _source_as_holder),
    ("target as holder", _holder_is_target),
    ("wrong holder", _over_gold_intention),
    ("not an intention", _anything),
)


def intention_false_positive(scene: Scene, p: Row) -> str:
    """The cause of a predicted intention that matched no gold one."""
    return _first(INTENTION_FALSE_POSITIVES, scene, p)


def detail_cause(field_name: str, expected: str | None, got: str | None) -> str:
    """How a wrong detail of a matched intention is counted: a modality by its expected → got pair
    ("modality: pledge → intent"); an attribution or a target as `missing` (expected, none came),
    `spurious` (none expected) or `wrong` (another actor)."""
    if field_name == "modality":
        return f"modality: {(expected or '(none)').lower()} → {(got or '(none)').lower()}"
    if got is None:
        return f"{field_name}: missing"
    if expected is None:
        return f"{field_name}: spurious"
    return f"{field_name}: wrong"


# --------------------------------------------------------------------------- memberships
# Miss rules take the scene, the gold membership, the predictions with its member and organisation
# (`pair`) and every membership prediction of the document.


def _is_negated(p: Row) -> bool:
    return (p["neg"] or "").lower() in ("true", "1")


def _wants_negated(g: Gold) -> bool:
    return g.get("relation") == "non-member"


def _negation(scene: Scene, g: Gold, pair: list[Row], preds: list[Row]) -> bool:
    """Member and organisation were extracted, but only with the other polarity (negated or not)."""
    return bool(pair) and all(_is_negated(p) != _wants_negated(g) for p in pair)


def _merged_membership(scene: Scene, g: Gold, pair: list[Row], preds: list[Row]) -> bool:
    """The prediction with this member and organisation matched another gold membership first."""
    return bool(pair)


def _member_not_linked(scene: Scene, g: Gold, pair: list[Row], preds: list[Row]) -> bool:
    """No entity the document mentions is the member."""
    return not scene.linked(g["member"])


def _organisation_not_linked(scene: Scene, g: Gold, pair: list[Row], preds: list[Row]) -> bool:
    """No entity the document mentions is the organisation."""
    return not scene.linked(g["organization"])


def _wrong_member(scene: Scene, g: Gold, pair: list[Row], preds: list[Row]) -> bool:
    """A membership was extracted over the evidence, with another member or organisation."""
    return any(_membership_over(scene, p, g.get("evidence")) for p in preds)


def _membership_over(scene: Scene, p: Row, text: str | None) -> bool:
    return any(overlap(exact, text or "") for exact in scene.exacts.get(p["f"], []))


def _no_membership_cue(scene: Scene, g: Gold, pair: list[Row], preds: list[Row]) -> bool:
    """The evidence has no phrasing of the memberships lexicon ("members of", "NATO allies", "joined")."""
    return bool(g.get("evidence")) and not cues.has_phrase(g["evidence"], cues.membership_cues())


def _membership_parse(scene: Scene, g: Gold, pair: list[Row], preds: list[Row]) -> bool:
    """The evidence runs over a hard line break, where the pipeline ends the sentence."""
    return cues.line_break(g.get("evidence") or "")


MEMBERSHIP_MISSES: tuple[Rule, ...] = (
    ("negation", _negation),
    ("merged", _merged_membership),
    ("member not linked", _member_not_linked),
    ("organisation not linked", _organisation_not_linked),
    ("wrong member", _wrong_member),
    ("no cue", _no_membership_cue),
    ("parse", _membership_parse),
)


def membership_miss(scene: Scene, g: Gold, pair: list[Row], preds: list[Row]) -> str:
    """The cause of a missed gold membership."""
    return _first(MEMBERSHIP_MISSES, scene, g, pair, preds)


# False-positive rules take the scene, the prediction and the scored gold memberships.


def _same_pair(scene: Scene, p: Row, g: Gold) -> bool:
    return scene.is_actor(p["m"], g["member"]) and scene.is_actor(p["o"], g["organization"])


def _negation_of_gold(scene: Scene, p: Row, scored: list[Gold]) -> bool:
    """A scored gold membership has this member and organisation, with the other polarity."""
    return any(_same_pair(scene, p, g) and _wants_negated(g) != _is_negated(p) for g in scored)


def _duplicate_membership(scene: Scene, p: Row, scored: list[Gold]) -> bool:
    """A scored gold membership has this member and organisation; another prediction matched it."""
    return any(_same_pair(scene, p, g) for g in scored)


def _not_scored(scene: Scene, p: Row, scored: list[Gold]) -> bool:
    """The gold has this member and organisation but does not score it (implied, candidate ...)."""
    return any(_same_pair(scene, p, g) for g in scene.gold["memberships"] if g not in scored)


def _over_gold_membership(scene: Scene, p: Row, scored: list[Gold]) -> bool:
    """The prediction is over the evidence of a scored gold membership of another member or organisation."""
    return any(_membership_over(scene, p, g.get("evidence")) for g in scored)


MEMBERSHIP_FALSE_POSITIVES: tuple[Rule, ...] = (
    ("negation", _negation_of_gold),
    ("duplicate", _duplicate_membership),
    ("not scored", _not_scored),
    ("wrong member", _over_gold_membership),
    ("not stated", _anything),
)


def membership_false_positive(scene: Scene, p: Row, scored: list[Gold]) -> str:
    """The cause of a predicted membership that matched no scored gold one."""
    return _first(MEMBERSHIP_FALSE_POSITIVES, scene, p, scored)


# --------------------------------------------------------------------------- roles
# Miss rules take the scene, the gold role and the predictions with its person.


def _merged_role(scene: Scene, g: Gold, same: list[Row]) -> bool:
    """The role prediction for this person matched another gold role first."""
    return bool(same)


def _person_not_linked(scene: Scene, g: Gold, same: list[Row]) -> bool:
    """No entity the document mentions is the person (unrecognised, or linked under another name)."""
    return not scene.linked(g["person"])


def _no_title(scene: Scene, g: Gold, same: list[Row]) -> bool:
    """The evidence has no title of the roles lexicon."""
    return bool(g.get("evidence")) and not cues.has_phrase(g["evidence"], cues.role_cues())


def _role_parse(scene: Scene, g: Gold, same: list[Row]) -> bool:
    """The evidence runs over a hard line break, where the pipeline ends the sentence."""
    return cues.line_break(g.get("evidence") or "")


ROLE_MISSES: tuple[Rule, ...] = (
    ("merged", _merged_role),
    ("person not linked", _person_not_linked),
    ("no cue", _no_title),
    ("parse", _role_parse),
)


def role_miss(scene: Scene, g: Gold, same: list[Row]) -> str:
    """The cause of a missed gold role."""
    return _first(ROLE_MISSES, scene, g, same)


def _duplicate_role(scene: Scene, person: str | None) -> bool:
    """A gold role has this person; another prediction matched it."""
    return any(scene.is_actor(person, g["person"]) for g in scene.gold["roles"])


def _unknown_person(scene: Scene, person: str | None) -> bool:
    """The person is no gold entity of the document: a misread name (a headline fragment, half a name)."""
    return not any(scene.is_actor(person, e["name"]) for e in scene.gold["entities"])


ROLE_FALSE_POSITIVES: tuple[Rule, ...] = (
    ("duplicate", _duplicate_role),
    ("unknown person", _unknown_person),
    ("no gold role", _anything),
)


def role_false_positive(scene: Scene, person: str | None) -> str:
    """The cause of a predicted role that matched no gold one (`person`: its person's IRI)."""
    return _first(ROLE_FALSE_POSITIVES, scene, person)


# --------------------------------------------------------------------------- events
# Miss rules take the scene, the gold event and the predictions over its evidence.


def _merged_event(scene: Scene, g: Gold, over: list[Row]) -> bool:
    """A prediction over the evidence matched another gold event first."""
    return bool(over)


def _no_trigger(scene: Scene, g: Gold, over: list[Row]) -> bool:
    """The evidence has no trigger of the events lexicon."""
    return not cues.has_phrase(g["evidence"], cues.event_cues())


def _event_parse(scene: Scene, g: Gold, over: list[Row]) -> bool:
    """The evidence runs over a hard line break, where the pipeline ends the sentence."""
    return cues.line_break(g["evidence"])


EVENT_MISSES: tuple[Rule, ...] = (
    ("merged", _merged_event),
    ("no cue", _no_trigger),
    ("parse", _event_parse),
)


def event_miss(scene: Scene, g: Gold, over: list[Row]) -> str:
    """The cause of a missed gold event."""
    return _first(EVENT_MISSES, scene, g, over)


def _duplicate_event(scene: Scene, exact: str) -> bool:
    """The prediction is over a gold event that another prediction matched."""
    return bool(_gold_over(scene, "events", "evidence", exact))


def _intention_not_event(scene: Scene, exact: str) -> bool:
    """The prediction is over a gold intention or non-intention: a plan or a stance, not an event
    that took place."""
    return bool(
        _gold_over(scene, "intentions", "evidence", exact) or _gold_over(scene, "non_intentions", "text", exact)
    )


EVENT_FALSE_POSITIVES: tuple[Rule, ...] = (
    ("duplicate", _duplicate_event),
    ("intention", _intention_not_event),
    ("not an event", _anything),
)


def event_false_positive(scene: Scene, exact: str) -> str:
    """The cause of a predicted event that matched no gold one."""
    return _first(EVENT_FALSE_POSITIVES, scene, exact)
