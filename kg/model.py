"""The typed intermediate form that flows between kg's stages.

read -> :class:`Document`
nlp -> :class:`ParsedDocument` (tokens, sentences, named-entity spans; no spaCy objects)
extract -> :class:`DocumentExtraction` (mentions, facts with :class:`Evidence`)
resolve -> :class:`KnowledgeGraph` (entities with stable keys, facts between them)
rdf -> rdflib ``Graph``

Every class here is plain data: stages can be tested alone by building these by hand.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class EntityType(StrEnum):
    """Ontology classes an entity can have (local names in the kg ontology)."""

    PERSON = "Person"
    ORGANIZATION = "Organization"
    COMPANY = "Company"
    PRODUCT = "Product"
    SOFTWARE = "Software"
    AI_MODEL = "AIModel"
    PROJECT = "Project"
    EVENT = "Event"
    STRATEGY = "Strategy"
    PLACE = "Place"
    # general news
    POSITION = "Position"
    COUNTRY = "Country"
    POLITICAL_PARTY = "PoliticalParty"
    SPORTS_TEAM = "SportsTeam"
    GOVERNMENT_ORGANIZATION = "GovernmentOrganization"
    COURT = "Court"
    ARMED_FORCE = "ArmedForce"
    MEDIA_ORGANIZATION = "MediaOrganization"
    EDUCATIONAL_ORGANIZATION = "EducationalOrganization"
    CREATIVE_WORK = "CreativeWork"
    LAW = "Law"
    VEHICLE = "Vehicle"
    SPACECRAFT = "Spacecraft"
    ELECTION = "Election"
    ATTACK = "Attack"
    ACCIDENT = "Accident"
    NATURAL_DISASTER = "NaturalDisaster"
    SPORTS_EVENT = "SportsEvent"
    AWARD = "Award"


#: Types that count as organisations for domain/range checks.
ORGANIZATION_TYPES = frozenset({
    EntityType.ORGANIZATION, EntityType.COMPANY, EntityType.POLITICAL_PARTY,
    EntityType.SPORTS_TEAM, EntityType.GOVERNMENT_ORGANIZATION, EntityType.COURT,
    EntityType.ARMED_FORCE, EntityType.MEDIA_ORGANIZATION, EntityType.EDUCATIONAL_ORGANIZATION,
})
#: Types that count as products.
PRODUCT_TYPES = frozenset({EntityType.PRODUCT, EntityType.SOFTWARE, EntityType.AI_MODEL,
                           EntityType.VEHICLE, EntityType.SPACECRAFT})
#: Types that count as events.
EVENT_TYPES = frozenset({EntityType.EVENT, EntityType.ELECTION, EntityType.ATTACK,
                         EntityType.ACCIDENT, EntityType.NATURAL_DISASTER,
                         EntityType.SPORTS_EVENT})
#: Types that count as places.
PLACE_TYPES = frozenset({EntityType.PLACE, EntityType.COUNTRY})
#: Types that count as works.
WORK_TYPES = frozenset({EntityType.CREATIVE_WORK, EntityType.LAW})

#: the class each type is a direct subclass of, in the ontology
PARENT_TYPE: dict[EntityType, EntityType] = {
    EntityType.COMPANY: EntityType.ORGANIZATION,
    EntityType.SOFTWARE: EntityType.PRODUCT,
    EntityType.AI_MODEL: EntityType.SOFTWARE,
    EntityType.COUNTRY: EntityType.PLACE,
    EntityType.POLITICAL_PARTY: EntityType.ORGANIZATION,
    EntityType.SPORTS_TEAM: EntityType.ORGANIZATION,
    EntityType.GOVERNMENT_ORGANIZATION: EntityType.ORGANIZATION,
    EntityType.COURT: EntityType.GOVERNMENT_ORGANIZATION,
    EntityType.ARMED_FORCE: EntityType.ORGANIZATION,
    EntityType.MEDIA_ORGANIZATION: EntityType.ORGANIZATION,
    EntityType.EDUCATIONAL_ORGANIZATION: EntityType.ORGANIZATION,
    EntityType.LAW: EntityType.CREATIVE_WORK,
    EntityType.VEHICLE: EntityType.PRODUCT,
    EntityType.SPACECRAFT: EntityType.VEHICLE,
    EntityType.ELECTION: EntityType.EVENT,
    EntityType.ATTACK: EntityType.EVENT,
    EntityType.ACCIDENT: EntityType.EVENT,
    EntityType.NATURAL_DISASTER: EntityType.EVENT,
    EntityType.SPORTS_EVENT: EntityType.EVENT,
}


def is_a(etype: EntityType, ancestor: EntityType) -> bool:
    """``etype`` is ``ancestor`` or one of its subclasses."""
    current: EntityType | None = etype
    while current is not None:
        if current is ancestor:
            return True
        current = PARENT_TYPE.get(current)
    return False


class Relation(StrEnum):
    """Object properties between entities (local names in the kg ontology)."""

    LEADS = "leads"
    CEO_OF = "ceoOf"
    CHAIR_OF = "chairOf"
    WORKS_FOR = "worksFor"
    FOUNDED_BY = "foundedBy"
    INITIATIVE_OF = "initiativeOf"
    DEVELOPS = "develops"
    RELEASED = "released"
    PRODUCT_OF = "productOf"
    PRECEDENT_FOR = "precedentFor"
    SPOKE_AT = "spokeAt"
    PARTICIPATED_IN = "participatedIn"
    ORGANIZED_BY = "organizedBy"
    STRATEGY_OF = "strategyOf"
    CONCERNS = "concerns"
    SUBSIDIARY_OF = "subsidiaryOf"
    OWNS = "owns"
    ACQUIRED = "acquired"
    HEADQUARTERED_IN = "headquarteredIn"
    COUNTRY = "country"
    LOCATED_IN = "locatedIn"
    MEMBER_OF = "memberOf"
    PARTNER_OF = "partnerOf"
    SPOUSE = "spouse"
    # general news
    POSITION_HELD = "positionHeld"
    APPLIES_TO_JURISDICTION = "appliesToJurisdiction"
    MEMBER_OF_POLITICAL_PARTY = "memberOfPoliticalParty"
    CANDIDATE_IN = "candidateIn"
    WINNER = "winner"
    DEFEATED = "defeated"
    COUNTRY_OF_CITIZENSHIP = "countryOfCitizenship"
    PLACE_OF_BIRTH = "placeOfBirth"
    PLACE_OF_DEATH = "placeOfDeath"
    EDUCATED_AT = "educatedAt"
    MEMBER_OF_SPORTS_TEAM = "memberOfSportsTeam"
    HEAD_COACH = "headCoach"
    LEAGUE = "league"
    PARTICIPANT = "participant"
    AUTHOR = "author"
    DIRECTOR = "director"
    CAST_MEMBER = "castMember"
    PUBLISHER = "publisher"
    BROADCASTER = "broadcaster"
    MANUFACTURER = "manufacturer"
    OPERATOR = "operator"
    LAUNCH_SITE = "launchSite"
    LAUNCH_VEHICLE = "launchVehicle"
    LOCATION = "location"
    CAPITAL = "capital"
    PART_OF = "partOf"
    LEGISLATED_BY = "legislatedBy"
    PERPETRATOR = "perpetrator"
    VICTIM = "victim"
    AWARD_RECEIVED = "awardReceived"
    #: the open relation: a clause links the two and no property names it
    RELATED_TO = "relatedTo"


class Attribute(StrEnum):
    """Datatype properties (local names in the kg ontology)."""

    FOUNDING_DATE = "foundingDate"
    START_DATE = "startDate"
    END_DATE = "endDate"
    PERIOD = "period"
    POINT_IN_TIME = "pointInTime"
    DATE_OF_BIRTH = "dateOfBirth"
    DATE_OF_DEATH = "dateOfDeath"


class MentionKind(StrEnum):
    NAME = "name"  # a proper name: "Tim Cook"
    NOMINAL = "nominal"  # a description: "le groupe", "le PDG d'Apple"
    PRONOUN = "pronoun"  # "il", "elle", "ses"


@dataclass(frozen=True, slots=True)
class Document:
    """One input article, already decoded to text."""

    doc_id: str  # stable: derived from the text's content hash
    source: str  # the input file's name (no directory), or "<text>"
    text: str
    title: str | None = None
    language: str = "fr"
    date: str | None = None  # ISO 8601 publication date when known


@dataclass(frozen=True, slots=True)
class Token:
    """One token of a parsed document. ``head`` and ``i`` index ``ParsedDocument.tokens``."""

    i: int
    text: str
    idx: int  # character offset of the token in Document.text
    lemma: str
    pos: str  # Universal POS
    dep: str  # Universal Dependencies relation, lower case
    head: int
    morph: str = ""
    ent_type: str = ""  # NER label (PER, ORG, LOC, MISC) or ""
    ent_iob: str = "O"  # B, I or O
    sent: int = 0  # index of the sentence in ParsedDocument.sentences

    @property
    def end(self) -> int:
        return self.idx + len(self.text)


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    start: int  # first token index
    end: int  # one past the last token index
    start_char: int
    end_char: int
    text: str


@dataclass(frozen=True, slots=True)
class NerSpan:
    """A named-entity span from the NLP model, before kg re-types it."""

    start: int  # token indices, end exclusive
    end: int
    label: str
    start_char: int
    end_char: int
    text: str


@dataclass(frozen=True, slots=True)
class ParsedDocument:
    document: Document
    tokens: tuple[Token, ...]
    sentences: tuple[Sentence, ...]
    ner_spans: tuple[NerSpan, ...] = ()


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of text that refers to an entity."""

    doc_id: str
    start_char: int
    end_char: int
    text: str
    sentence: int
    entity_type: EntityType
    name: str  # the name this mention contributes (normalised surface form)
    kind: MentionKind = MentionKind.NAME
    #: for coreferent mentions ("il", "le groupe"): the name mention it was resolved to
    antecedent: Mention | None = None
    resolution: str | None = None  # how: "surname", "pronoun", "definite", "possessive", ...

    @property
    def referent(self) -> Mention:
        """The name mention this one stands for (itself for names)."""
        return self.antecedent.referent if self.antecedent is not None else self


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where and how a fact was found."""

    doc_id: str
    source: str
    sentence_text: str
    sentence_start: int  # character offsets of the sentence in the document
    sentence_end: int
    extractor: str  # id of the pattern that fired, see kg.extract.EXTRACTORS
    confidence: float  # 0..1
    date: str | None = None  # the article's date, when known
    #: for an open relation (relatedTo): the predicate's words, "exige les résultats de"
    relation_text: str | None = None


@dataclass(frozen=True, slots=True)
class Fact:
    """subject -relation-> object, between two mentions, with its evidence."""

    subject: Mention
    relation: Relation
    object: Mention
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class AttributeFact:
    """subject -attribute-> literal value (a date, a period)."""

    subject: Mention
    attribute: Attribute
    value: str
    datatype: str  # xsd local name: "date", "gYear", "gYearMonth", "string"
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class DocumentExtraction:
    """Everything the extract stage found in one document."""

    document: Document
    mentions: tuple[Mention, ...]
    facts: tuple[Fact, ...]
    attributes: tuple[AttributeFact, ...] = ()
    #: the article's sentences as (start, end) character offsets in ``document.text``: what
    #: a later extractor (kg.extract.llm) grounds its facts in
    sentence_spans: tuple[tuple[int, int], ...] = ()


@dataclass(slots=True)
class Entity:
    """One real-world thing, after resolution. ``key`` is the stable IRI slug."""

    key: str
    label: str
    entity_type: EntityType
    aliases: set[str] = field(default_factory=set)
    mentions: list[Mention] = field(default_factory=list)
    documents: set[str] = field(default_factory=set)
    #: some article names it (not only a description or a pronoun)
    named: bool = False


@dataclass(frozen=True, slots=True)
class ResolvedFact:
    subject: str  # Entity.key
    relation: Relation
    object: str  # Entity.key
    evidence: Evidence
    subject_mention: Mention
    object_mention: Mention


@dataclass(frozen=True, slots=True)
class ResolvedAttribute:
    subject: str
    attribute: Attribute
    value: str
    datatype: str
    evidence: Evidence
    subject_mention: Mention


@dataclass(slots=True)
class KnowledgeGraph:
    """The resolved graph: what the RDF stage writes."""

    documents: list[Document] = field(default_factory=list)
    entities: dict[str, Entity] = field(default_factory=dict)
    facts: list[ResolvedFact] = field(default_factory=list)
    attributes: list[ResolvedAttribute] = field(default_factory=list)
    #: entity keys merged into another entity across documents (old key -> kept key)
    merged: dict[str, str] = field(default_factory=dict)
    #: the same article found again under other file names (doc_id -> those names)
    also_read_as: dict[str, list[str]] = field(default_factory=dict)
