"""The kg vocabulary: the one place code refers to ontology terms.

``KGO`` is closed: ``KGO.leadz`` raises instead of minting an IRI that ``ontology/kg.ttl`` does
not define. ``tests/test_ontology.py`` keeps this list and the ontology in sync.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

BASE = "https://w3id.org/kgnews/"


class KGO(DefinedNamespace):
    _NS = Namespace(BASE + "ontology#")
    _fail = True

    # classes
    Entity: URIRef
    Person: URIRef
    Organization: URIRef
    Company: URIRef
    Product: URIRef
    Software: URIRef
    AIModel: URIRef
    Project: URIRef
    Event: URIRef
    Strategy: URIRef
    Place: URIRef
    Position: URIRef
    Country: URIRef
    PoliticalParty: URIRef
    SportsTeam: URIRef
    GovernmentOrganization: URIRef
    Court: URIRef
    ArmedForce: URIRef
    MediaOrganization: URIRef
    EducationalOrganization: URIRef
    CreativeWork: URIRef
    Law: URIRef
    Vehicle: URIRef
    Spacecraft: URIRef
    Election: URIRef
    Attack: URIRef
    Accident: URIRef
    NaturalDisaster: URIRef
    SportsEvent: URIRef
    Award: URIRef
    NewsArticle: URIRef
    Mention: URIRef
    Extractor: URIRef

    # object properties between entities
    leads: URIRef
    ledBy: URIRef
    ceoOf: URIRef
    hasCeo: URIRef
    chairOf: URIRef
    hasChair: URIRef
    worksFor: URIRef
    employs: URIRef
    foundedBy: URIRef
    founderOf: URIRef
    initiativeOf: URIRef
    develops: URIRef
    developedBy: URIRef
    released: URIRef
    releasedBy: URIRef
    productOf: URIRef
    precedentFor: URIRef
    inspiredBy: URIRef
    spokeAt: URIRef
    participatedIn: URIRef
    organizedBy: URIRef
    organizerOf: URIRef
    strategyOf: URIRef
    concerns: URIRef
    subsidiaryOf: URIRef
    hasSubsidiary: URIRef
    owns: URIRef
    ownedBy: URIRef
    acquired: URIRef
    acquiredBy: URIRef
    headquarteredIn: URIRef
    country: URIRef
    locatedIn: URIRef
    memberOf: URIRef
    hasMember: URIRef
    partnerOf: URIRef
    spouse: URIRef
    positionHeld: URIRef
    positionHolder: URIRef
    appliesToJurisdiction: URIRef
    memberOfPoliticalParty: URIRef
    candidateIn: URIRef
    candidate: URIRef
    winner: URIRef
    defeated: URIRef
    countryOfCitizenship: URIRef
    placeOfBirth: URIRef
    placeOfDeath: URIRef
    educatedAt: URIRef
    memberOfSportsTeam: URIRef
    headCoach: URIRef
    league: URIRef
    participant: URIRef
    author: URIRef
    director: URIRef
    castMember: URIRef
    publisher: URIRef
    broadcaster: URIRef
    manufacturer: URIRef
    operator: URIRef
    launchSite: URIRef
    launchVehicle: URIRef
    location: URIRef
    capital: URIRef
    capitalOf: URIRef
    partOf: URIRef
    hasPart: URIRef
    legislatedBy: URIRef
    perpetrator: URIRef
    victim: URIRef
    relatedTo: URIRef
    awardReceived: URIRef

    # datatype properties of entities
    foundingDate: URIRef
    startDate: URIRef
    endDate: URIRef
    period: URIRef
    pointInTime: URIRef
    dateOfBirth: URIRef
    dateOfDeath: URIRef

    # articles, mentions, evidence
    mentions: URIRef
    sourceFile: URIRef
    confidence: URIRef
    evidenceText: URIRef
    relationText: URIRef
    startOffset: URIRef
    endOffset: URIRef
    subjectMention: URIRef
    objectMention: URIRef
    assertedOn: URIRef
    mentionText: URIRef
    denotes: URIRef
    resolution: URIRef
    antecedent: URIRef


KGE = Namespace(BASE + "entity/")
KGD = Namespace(BASE + "document/")
KGS = Namespace(BASE + "statement/")
KGM = Namespace(BASE + "mention/")
KGX = Namespace(BASE + "extractor/")
WD = Namespace("http://www.wikidata.org/entity/")
WDT = Namespace("http://www.wikidata.org/prop/direct/")
SCHEMA = Namespace("https://schema.org/")

PREFIXES: dict[str, Namespace] = {
    "kgo": Namespace(BASE + "ontology#"),
    "kge": KGE,
    "kgd": KGD,
    "kgs": KGS,
    "kgm": KGM,
    "kgx": KGX,
    "wd": WD,
    "wdt": WDT,
    "schema": SCHEMA,
}
