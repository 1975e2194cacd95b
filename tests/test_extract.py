"""Memberships, roles, events and treaties on sentences written for these tests."""

from geokg.model import (
    Event,
    Membership,
    RoleAssignment,
    StatedIntention,
    TreatyMention,
)


def _claims(result, cls):
    return [c for c in result.claims if isinstance(c, cls)]


def test_extract_memberships_listed_states_before_cue(process_text):
    result = process_text("Poland and Hungary, both full members of NATO, met in Warsaw.")
    found = {(m.member.label, m.organization.label, m.negated) for m in _claims(result, Membership)}
    assert found == {("Poland", "NATO", False), ("Hungary", "NATO", False)}


def test_extract_memberships_denied_membership_is_negated(process_text):
    result = process_text("Georgia is not a member of the European Union.")
    [membership] = _claims(result, Membership)
    assert (membership.member.label, membership.organization.wikidata, membership.negated) == ("Georgia", "Q458", True)


def test_extract_memberships_organisation_then_members(process_text):
    result = process_text("The NATO members Norway and Denmark held talks.")
    assert {m.member.label for m in _claims(result, Membership)} == {"Norway", "Denmark"}


def test_extract_memberships_joined_through_coreference(process_text):
    result = process_text("Finland and Sweden applied to NATO in 2022. In 2024 the two countries joined the alliance.")
    found = {(m.member.label, m.organization.label) for m in _claims(result, Membership)}
    assert {("Finland", "NATO"), ("Sweden", "NATO")} <= found


def test_extract_roles_title_before_and_apposition_after(process_text):
    result = process_text(
        "French President Emmanuel Macron met Olaf Scholz, the German chancellor, in Paris. "
        "Kremlin critic Alexei Navalny was not there."
    )
    roles = {(r.person.label, r.title, r.role_in.label if r.role_in else None) for r in _claims(result, RoleAssignment)}
    assert ("Emmanuel Macron", "French President", "France") in roles
    assert ("Olaf Scholz", "German chancellor", None) in roles or (
        "Olaf Scholz",
        "German chancellor",
        "Germany",
    ) in roles
    assert any(person == "Alexei Navalny" and "critic" in title for person, title, _ in roles)


def test_extract_roles_one_per_person_and_title(process_text):
    result = process_text("Foreign Minister Sergey Lavrov spoke. Later, Foreign Minister Sergey Lavrov left.")
    assert len(_claims(result, RoleAssignment)) == 1


def test_extract_events_types_dates_and_participants(process_text):
    result = process_text(
        "Russia annexed Crimea in March 2014. On 5 September 2014 the protocol was signed in Minsk. "
        "Russia may annex more land."
    )
    events = {(e.event_type, e.date) for e in _claims(result, Event)}
    assert ("Annexation", "2014-03") in events
    assert ("Signing", "2014-09-05") in events
    assert len([e for e in _claims(result, Event) if e.event_type == "Annexation"]) == 1  # "may annex" is no event
    annexation = next(e for e in _claims(result, Event) if e.event_type == "Annexation")
    assert "Russia" in {p.label for p in annexation.participants}
    assert "Crimea" in {p.label for p in annexation.places}


def test_extract_events_questions_and_names_are_not_events(process_text):
    result = process_text("Will Russia invade Ukraine? The Senate passed the Resolution of Ratification.")
    assert not [e for e in _claims(result, Event) if e.event_type == "Invasion"]


def test_extract_treaties_with_reference_parties_and_date(process_text):
    result = process_text("Washington left the INF Treaty, which it had signed with Moscow.")
    [treaty] = _claims(result, TreatyMention)
    assert treaty.signed == "1987-12-08"
    assert {p.label for p in treaty.parties} >= {"United States"}
    assert treaty.evidence.exact == "INF Treaty"


def test_extract_guard_sets_aside_claims_outside_the_contract():
    from geokg.extract.guard import rejection
    from geokg.model import Entity, Evidence

    text = "Crimea plans to vote."
    place = Entity("Q7835", "Place", "Crimea", "Q7835")
    state = Entity("Q159", "State", "Russia", "Q159")
    evidence = Evidence.of(text, 0, len(text))
    assert rejection(StatedIntention(place, "Plan", "vote", evidence)) == "holder 'Crimea' is a Place"
    assert rejection(StatedIntention(state, "Plan", "vote", evidence)) is None
    assert rejection(StatedIntention(state, "Plan", "vote", Evidence.of(text, 3, 3))) == "empty evidence"
    assert rejection(Membership(place, state, evidence)) == "member 'Crimea' is a Place"


def test_extract_memberships_consisting_of_lists_member_states(process_text):
    result = process_text("Talks were held by the OSCE, consisting of Ukraine, Russia and many others.")
    found = {(m.member.label, m.organization.label) for m in _claims(result, Membership)}
    assert {
        ("Ukraine", "Organization for Security and Co-operation in Europe"),
        ("Russia", "Organization for Security and Co-operation in Europe"),
    } <= found


def test_extract_conditional_joining_is_neither_membership_nor_event(process_text):
    result = process_text("If Sweden joins NATO, Russia will respond.")
    assert not _claims(result, Membership)
    assert not [e for e in _claims(result, Event) if e.event_type == "Accession"]


def test_extract_memberships_in_coordinated_organisations(process_text):
    result = process_text("Lithuania is a member of the European Union and NATO.")
    assert {(m.member.label, m.organization.wikidata) for m in _claims(result, Membership)} == {
        ("Lithuania", "Q458"),
        ("Lithuania", "Q7184"),
    }


def test_extract_events_gerund_after_against_did_not_happen(process_text):
    result = process_text("Moscow has repeatedly warned Kyiv against joining NATO.")
    assert not [e for e in _claims(result, Event) if e.event_type == "Accession"]
