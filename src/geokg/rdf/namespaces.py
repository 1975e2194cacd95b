"""Closed RDF namespaces for geokg, one import place for every vocabulary the code uses.

GENERATED from ontology/geokg.ttl by ``python -m geokg.rdf.nsgen``: do not edit by hand,
change the ontology and regenerate. A test fails when this file is stale.

The namespaces are closed: ``GK.Plan`` is a URIRef, ``GK.Plna`` raises AttributeError.
"""

from rdflib.namespace import (
    DCAT,
    DCTERMS,
    GEO,
    ORG,
    OWL,
    PROV,
    RDF,
    RDFS,
    SDO,
    SKOS,
    TIME,
    VOID,
    XSD,
    DefinedNamespace,
    Namespace,
)
from rdflib.term import URIRef

__all__ = [
    "CAMEO",
    "DCAT",
    "DCTERMS",
    "GEO",
    "GK",
    "OA",
    "ORG",
    "OWL",
    "PLOVER",
    "PROV",
    "RDF",
    "RDFS",
    "SDO",
    "SKOS",
    "TIME",
    "VOID",
    "XSD",
]


class GK(DefinedNamespace):
    """geokg ontology (version 1.3.0; publishing contract v1 with four extensions: documents also mention named events (gk:N...."""

    _NS = Namespace("https://w3id.org/geokg/ontology#")
    _fail = True

    # Classes
    Actor: URIRef  # actor - An agent that can hold an intention, take part in an event or be the source of a stateme...
    Alliance: URIRef  # alliance - An international organisation whose purpose is the mutual defence of its members,...
    Attribution: URIRef  # attribution - One level of reported speech or belief behind a stated intention: who says o...
    Certainty: URIRef  # certainty - How certain the text presents a stated intention: a concept of gk:CertaintyScheme.
    Claim: URIRef  # claim - One stated intention, membership or event as one or more documents of a build report it:...
    CollectiveActor: URIRef  # collective actor - An actor the text names only collectively or anonymously, such as '...
    Document: URIRef  # document - A text that geokg reads, such as a news article, an opinion piece or a report, ide...
    Event: URIRef  # event - Something that happened or is scheduled, such as an annexation, an exercise, a referendu...
    EventClaim: URIRef  # event claim - A claim that events support.
    EventType: URIRef  # event type - The kind of an event: a concept of gk:EventTypeScheme.
    Fact: URIRef  # fact - A statement extracted from a document, or taken from the reference data, together with its...
    IntentionClaim: URIRef  # intention claim - A claim that stated intentions support.
    InternationalOrganization: URIRef  # international organization - An organisation whose members are states, such...
    Membership: URIRef  # membership - The membership of a state (gk:member) in an organisation (gk:organization), as...
    MembershipClaim: URIRef  # membership claim - A claim that memberships stated by texts support.
    Modality: URIRef  # modality - The kind of a stated intention: a concept of gk:ModalityScheme.
    NamedEvent: URIRef  # named event - An event that texts refer to by name or by a definite description, such as th...
    Organization: URIRef  # organization - An organised body with a purpose that acts as one: an international organi...
    Person: URIRef  # person - A named individual human being. Anonymous individuals ('a senior NATO diplomat') are g...
    Place: URIRef  # place - A geographic place that is not a state taken as an actor: a region, territory, city, sea...
    ReferenceDataset: URIRef  # reference dataset - The offline reference knowledge base shipped with geokg (states,...
    RoleAssignment: URIRef  # role assignment - A person's position as the text states it, such as 'foreign minister'...
    State: URIRef  # state - A sovereign state as an international actor. Its names, its capital used for its governm...
    StateGroup: URIRef  # state group - A named group of states that is not an organisation, such as 'the Baltic stat...
    StatedIntention: URIRef  # stated intention - A plan, threat, pledge, intent, goal, consideration, demand or warn...
    Treaty: URIRef  # treaty - A written agreement between states or international organisations governed by internat...

    # Object properties
    attributedTo: URIRef  # attributed to - Who says that the holder has the intention, when it is not the document's...
    certainty: URIRef  # certainty - How certain the text presents the stated intention: gk:Asserted, gk:Probable or...
    eventType: URIRef  # event type - The kind of the event: a concept of gk:EventTypeScheme.
    hasAttribution: URIRef  # has attribution - One level of reported speech or belief behind the stated intention; a...
    holder: URIRef  # holder - The actor who intends, plans, threatens, pledges, demands or warns.
    includes: URIRef  # includes - A state that belongs to the named group of states.
    member: URIRef  # member - The state that is (or is not, when negated) a member of the organisation.
    modality: URIRef  # modality - The kind of a stated intention: one of gk:Plan, gk:Threat, gk:Pledge, gk:Intent, g...
    organization: URIRef  # organization - The organisation of a membership.
    participant: URIRef  # participant - An actor that takes part in the event.
    party: URIRef  # party - A state or organisation that is a party to the treaty.
    person: URIRef  # person - The person who holds the role.
    place: URIRef  # place - Where the event happens: a place, a state or a group of states.
    roleIn: URIRef  # role in - The state or organisation in which the person holds the role.
    source: URIRef  # source - Who says or believes so at one level of attribution.
    supportsClaim: URIRef  # supports claim - The claim this fact is one report of; every stated intention, membershi...
    target: URIRef  # target - Toward whom or what a stated intention is directed; repeatable.

    # Datatype properties
    action: URIRef  # action - What the holder intends, threatens or pledges to do, as a short phrase from the text (...
    condition: URIRef  # condition - The condition of a conditional intention, such as the 'if ...' clause of a condi...
    cue: URIRef  # cue - The cue word or words in the text that signal the intention or the attribution ('threatens',...
    date: URIRef  # date - When the event happened or is scheduled, as precisely as the text says: a day, a month or...
    documentCount: URIRef  # document count - How many distinct documents of the build report the claim.
    endDate: URIRef  # end date - The date on which the membership ended, from the reference data.
    iso3166Alpha2: URIRef  # ISO 3166-1 alpha-2 code - The state's two-letter ISO 3166-1 country code ('RU'), from th...
    iso3166Alpha3: URIRef  # ISO 3166-1 alpha-3 code - The state's three-letter ISO 3166-1 country code ('RUS'), from...
    level: URIRef  # level - The nesting level of an attribution: 1 is the outermost source.
    negated: URIRef  # negated - True when the text denies the intention ('does not seek ...') or the membership ('X...
    publisherCount: URIRef  # publisher count - How many distinct publishers the documents reporting the claim have (...
    roleTitle: URIRef  # role title - The title of the person's position as the text states it ('foreign minister').
    signed: URIRef  # signed - The date on which the treaty was signed.
    startDate: URIRef  # start date - The date from which the membership holds, from the reference data.

    # Concept schemes
    CertaintyScheme: URIRef  # certainty of stated intentions - How certain a text presents a stated intention.
    EventTypeScheme: URIRef  # event types - The kinds of geopolitical event that geokg distinguishes.
    ModalityScheme: URIRef  # modalities of stated intentions - The kinds of stated intention that geokg distinguishes.

    # Concepts and individuals
    Accession: URIRef  # accession - A state's joining of an organisation or a treaty, such as Finland's accession to...
    Annexation: URIRef  # annexation - A state's formal incorporation of territory of another state, such as Russia's...
    ArmedConflict: URIRef  # armed conflict - A war or sustained armed conflict between actors.
    Asserted: URIRef  # asserted - The text presents the intention as a fact, without hedging.
    Attack: URIRef  # attack - A use of force against a target, such as a strike, an assault, a bombing or an act of...
    Ceasefire: URIRef  # ceasefire - An agreement or declaration to stop fighting, or its coming into force.
    Consideration: URIRef  # consideration - An option the holder weighs or might take, not decided ('considers', 'is...
    Demand: URIRef  # demand - An action the holder requires of another actor ('demands', 'insists that', 'orders').
    Deployment: URIRef  # deployment - The sending or stationing of armed forces or weapons to a place, such as troop...
    Election: URIRef  # election - An election of a head of state, a parliament or a government.
    Enlargement: URIRef  # enlargement - An organisation's admission of new members, as a process, such as NATO enlar...
    Goal: URIRef  # goal - An end state the holder pursues, rather than a particular action ('aims to', 'its goal is'...
    Harassment: URIRef  # harassment - Intimidating military or paramilitary behaviour toward another actor's forces,...
    Incident: URIRef  # incident - A military or security incident short of an attack, such as an airspace or border...
    Intent: URIRef  # intent - What the holder wants or means to do, short of a decided plan ('intends to', 'wants to...
    Invasion: URIRef  # invasion - The entry in force of a state's armed forces into another state's territory.
    Meeting: URIRef  # meeting - A meeting, talks or negotiations between actors that is not a summit.
    MilitaryExercise: URIRef  # military exercise - A military exercise or drill, national or joint, such as Zapad or...
    Plan: URIRef  # plan - A course of action the holder has decided on or is preparing ('plans to', 'is preparing to...
    Pledge: URIRef  # pledge - A commitment the holder makes to others ('pledges', 'promises', 'vows', 'commits to').
    Possible: URIRef  # possible - The text presents the intention as merely possible ('may', 'might', 'could', 'perh...
    Probable: URIRef  # probable - The text presents the intention as likely ('probably', 'is expected to', 'likely').
    Ratification: URIRef  # ratification - A state's formal ratification of a treaty or agreement.
    Referendum: URIRef  # referendum - A popular vote on a question, such as the 2014 vote in Crimea.
    Sanctions: URIRef  # sanctions - The imposition or extension of sanctions, an embargo or a boycott on an actor.
    Signing: URIRef  # signing - The signing of a treaty or agreement.
    Summit: URIRef  # summit - A meeting of heads of state or government, or of an organisation's leaders, such as a...
    Suspension: URIRef  # suspension - The suspension of a treaty or of participation in it, of a membership, or of c...
    Threat: URIRef  # threat - An announcement that the holder will harm the target or make it pay, often conditional...
    Visit: URIRef  # visit - An official visit of a person or delegation to a state or organisation.
    Warning: URIRef  # warning - A statement that something bad will happen, or that the holder will respond, if the...
    Withdrawal: URIRef  # withdrawal - An actor's withdrawal of forces from a place, or its withdrawal from a treaty,...


class CAMEO(DefinedNamespace):
    """CAMEO 1.1b3 event codes (a concept scheme in the geokg ontology)."""

    _NS = Namespace("https://w3id.org/geokg/ontology/cameo#")
    _fail = True

    # Not Python identifiers: use NAMESPACE["name"]
    _extras = (
        "01",  # CAMEO 01 Make public statement
        "010",  # CAMEO 010 Make statement, not specified below
        "012",  # CAMEO 012 Make pessimistic comment
        "014",  # CAMEO 014 Consider policy option
        "02",  # CAMEO 02 Appeal
        "03",  # CAMEO 03 Express intent to cooperate
        "033",  # CAMEO 033 Express intent to provide material aid
        "04",  # CAMEO 04 Consult
        "042",  # CAMEO 042 Make a visit
        "043",  # CAMEO 043 Host a visit
        "05",  # CAMEO 05 Engage in diplomatic cooperation
        "057",  # CAMEO 057 Sign formal agreement
        "06",  # CAMEO 06 Engage in material cooperation
        "062",  # CAMEO 062 Cooperate militarily
        "07",  # CAMEO 07 Provide aid
        "08",  # CAMEO 08 Yield
        "087",  # CAMEO 087 De-escalate military engagement
        "0871",  # CAMEO 0871 Declare truce, ceasefire
        "0874",  # CAMEO 0874 Retreat or surrender militarily
        "09",  # CAMEO 09 Investigate
        "10",  # CAMEO 10 Demand
        "11",  # CAMEO 11 Disapprove
        "12",  # CAMEO 12 Reject
        "13",  # CAMEO 13 Threaten
        "130",  # CAMEO 130 Threaten, not specified below
        "14",  # CAMEO 14 Protest
        "15",  # CAMEO 15 Exhibit force posture
        "154",  # CAMEO 154 Mobilize or increase armed forces
        "16",  # CAMEO 16 Reduce relations
        "163",  # CAMEO 163 Impose embargo, boycott, or sanctions
        "166",  # CAMEO 166 Expel or withdraw
        "17",  # CAMEO 17 Coerce
        "18",  # CAMEO 18 Assault
        "19",  # CAMEO 19 Fight
        "190",  # CAMEO 190 Use conventional military force, not specified below
        "192",  # CAMEO 192 Occupy territory
        "20",  # CAMEO 20 Use unconventional mass violence
    )


class PLOVER(DefinedNamespace):
    """PLOVER event types (a concept scheme in the geokg ontology)."""

    _NS = Namespace("https://w3id.org/geokg/ontology/plover#")
    _fail = True

    # Concepts and individuals
    ACCUSE: URIRef  # PLOVER ACCUSE - Disapproval, criticism, accusations and investigations.
    AGREE: URIRef  # PLOVER AGREE - Agree to, offer or promise cooperation, or otherwise express willingness or commi...
    AID: URIRef  # PLOVER AID - Material aid that mainly benefits the recipient: economic, military, humanitarian aid...
    ASSAULT: URIRef  # PLOVER ASSAULT - Deliberate actions that can cause substantial physical harm, from assaults an...
    COERCE: URIRef  # PLOVER COERCE - Repression and restrictions: seizing property or territory, bans, curfews, arre...
    CONCEDE: URIRef  # PLOVER CONCEDE - Verbal concessions without immediate material consequences, such as promised...
    CONSULT: URIRef  # PLOVER CONSULT - Consultations and meetings: visits, hosting visits, meetings at a third locat...
    COOPERATE: URIRef  # PLOVER COOPERATE - Mutual material cooperation: economic, military (including joint exercise...
    DEMAND: URIRef  # PLOVER DEMAND - Verbal demands and orders, more forceful than appeals but short of threats.
    MOBILIZE: URIRef  # PLOVER MOBILIZE - Military or police moves short of the use of force: raised alert, mobilisat...
    PROTEST: URIRef  # PLOVER PROTEST - Civilian demonstrations and other collective protest actions against a target.
    REJECT: URIRef  # PLOVER REJECT - Rejections and refusals of cooperation, demands, proposals or mediation.
    RETREAT: URIRef  # PLOVER RETREAT - De-escalation with immediate material consequences: military retreat or withd...
    SANCTION: URIRef  # PLOVER SANCTION - Reductions of normal or cooperative relations: breaking ties, stopping aid...
    SUPPORT: URIRef  # PLOVER SUPPORT - Diplomatic, non-material cooperation and expressions of support, including re...
    THREATEN: URIRef  # PLOVER THREATEN - Threats and coercive or forceful warnings with serious potential repercussi...


class OA(DefinedNamespace):
    """W3C Web Annotation vocabulary: the terms geokg uses for evidence."""

    _NS = Namespace("http://www.w3.org/ns/oa#")
    _fail = True

    # Classes
    SpecificResource: URIRef  # A resource with a more specific scope: here, a span of a document
    TextPositionSelector: URIRef  # Selects a span by start and end positions (code points, end exclusive)
    TextQuoteSelector: URIRef  # Selects a span by quoting its exact text

    # Object properties
    hasSelector: URIRef  # A selector that picks the segment out of the source
    hasSource: URIRef  # The resource a SpecificResource is part of: the document

    # Datatype properties
    end: URIRef  # The end position of the span (exclusive)
    exact: URIRef  # The exact text of the selected span
    prefix: URIRef  # A snippet of text just before the selected span
    start: URIRef  # The start position of the span (inclusive)
    suffix: URIRef  # A snippet of text just after the selected span
