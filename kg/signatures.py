"""Domains and ranges of the ontology's relations, as entity types.

Mirrors ``rdfs:domain``/``rdfs:range`` in ``ontology/kg.ttl`` (a test keeps the two in sync).
Extraction drops a candidate fact whose arguments do not fit, and an entity that no cue typed
may take the type its relation demands.
"""

from __future__ import annotations

from kg.model import (
    EVENT_TYPES,
    ORGANIZATION_TYPES,
    PLACE_TYPES,
    PRODUCT_TYPES,
    WORK_TYPES,
    Attribute,
    EntityType,
    Relation,
)

E = EntityType
ORG = ORGANIZATION_TYPES
PRODUCT = PRODUCT_TYPES
PERSON = frozenset({E.PERSON})
PLACE = PLACE_TYPES
EVENT = EVENT_TYPES
WORK = WORK_TYPES
AGENT = PERSON | ORG
POSITION = frozenset({E.POSITION})
ANY = frozenset(EntityType)

#: relation -> (allowed subject types, allowed object types)
SIGNATURES: dict[Relation, tuple[frozenset[EntityType], frozenset[EntityType]]] = {
    Relation.LEADS: (PERSON, ORG),
    Relation.CEO_OF: (PERSON, ORG),
    Relation.CHAIR_OF: (PERSON, ORG),
    Relation.WORKS_FOR: (PERSON, ORG),
    Relation.FOUNDED_BY: (ORG | {E.PROJECT}, PERSON | ORG),
    Relation.INITIATIVE_OF: (frozenset({E.PROJECT}), ORG),
    # a person on stage "présente" a product; the organisation develops and releases it
    Relation.DEVELOPS: (ORG, PRODUCT),
    Relation.RELEASED: (ORG, PRODUCT),
    Relation.PRODUCT_OF: (PRODUCT, ORG),
    Relation.PRECEDENT_FOR: (frozenset({E.PROJECT, E.STRATEGY}) | EVENT | PRODUCT,
                             frozenset({E.PROJECT, E.STRATEGY})),
    Relation.SPOKE_AT: (PERSON, EVENT),
    Relation.PARTICIPATED_IN: (PERSON | ORG | PLACE, EVENT),
    Relation.ORGANIZED_BY: (EVENT, ORG),
    Relation.STRATEGY_OF: (frozenset({E.STRATEGY}), ORG),
    Relation.CONCERNS: (frozenset({E.STRATEGY, E.PROJECT}) | EVENT, ANY),
    Relation.SUBSIDIARY_OF: (ORG, ORG),
    Relation.OWNS: (ORG | PERSON, ORG | PRODUCT),
    Relation.ACQUIRED: (ORG | PERSON, ORG | PRODUCT),
    Relation.HEADQUARTERED_IN: (ORG, PLACE),
    Relation.COUNTRY: (ORG | EVENT | PLACE | {E.PROJECT}, PLACE),
    Relation.LOCATED_IN: (ORG | EVENT | PLACE | {E.PROJECT}, PLACE),
    Relation.MEMBER_OF: (PERSON | ORG, ORG),
    Relation.PARTNER_OF: (ORG, ORG),
    Relation.SPOUSE: (PERSON, PERSON),
    # general news
    Relation.POSITION_HELD: (PERSON, POSITION),
    Relation.APPLIES_TO_JURISDICTION: (POSITION | WORK | ORG, PLACE | ORG),
    Relation.MEMBER_OF_POLITICAL_PARTY: (PERSON, frozenset({E.POLITICAL_PARTY})),
    Relation.CANDIDATE_IN: (AGENT, EVENT),
    Relation.WINNER: (EVENT, AGENT | {E.COUNTRY}),
    Relation.DEFEATED: (AGENT | {E.COUNTRY}, AGENT | {E.COUNTRY}),
    Relation.COUNTRY_OF_CITIZENSHIP: (PERSON, PLACE),
    Relation.PLACE_OF_BIRTH: (PERSON, PLACE),
    Relation.PLACE_OF_DEATH: (PERSON, PLACE),
    Relation.EDUCATED_AT: (PERSON, ORG),
    Relation.MEMBER_OF_SPORTS_TEAM: (PERSON, frozenset({E.SPORTS_TEAM})),
    Relation.HEAD_COACH: (frozenset({E.SPORTS_TEAM}), PERSON),
    Relation.LEAGUE: (frozenset({E.SPORTS_TEAM}), ORG | EVENT),
    Relation.PARTICIPANT: (EVENT, PERSON | ORG | PLACE),
    Relation.AUTHOR: (WORK, AGENT),
    Relation.DIRECTOR: (WORK, PERSON),
    Relation.CAST_MEMBER: (WORK, PERSON),
    Relation.PUBLISHER: (WORK | PRODUCT, AGENT),
    Relation.BROADCASTER: (WORK | EVENT, ORG),
    Relation.MANUFACTURER: (PRODUCT, ORG),
    Relation.OPERATOR: (PRODUCT | PLACE | {E.PROJECT}, ORG),
    Relation.LAUNCH_SITE: (PRODUCT | EVENT, PLACE),
    Relation.LAUNCH_VEHICLE: (PRODUCT | EVENT, PRODUCT),
    Relation.LOCATION: (EVENT | ORG | PRODUCT | WORK | {E.PROJECT}, PLACE | ORG),
    Relation.CAPITAL: (PLACE, PLACE),
    Relation.PART_OF: (ANY, ANY),
    Relation.LEGISLATED_BY: (WORK, ORG),
    Relation.PERPETRATOR: (EVENT, AGENT),
    Relation.VICTIM: (EVENT, AGENT),
    Relation.AWARD_RECEIVED: (PERSON | ORG | WORK, frozenset({E.AWARD})),
    Relation.RELATED_TO: (ANY, ANY),
}

#: the type an untyped name takes when it fills a slot of this relation
DEFAULT_SUBJECT: dict[Relation, EntityType] = {
    Relation.PRODUCT_OF: E.PRODUCT,
    Relation.INITIATIVE_OF: E.PROJECT,
    Relation.FOUNDED_BY: E.ORGANIZATION,
    Relation.SUBSIDIARY_OF: E.ORGANIZATION,
    Relation.DEVELOPS: E.ORGANIZATION,
    Relation.RELEASED: E.ORGANIZATION,
    Relation.ACQUIRED: E.ORGANIZATION,
    Relation.PARTNER_OF: E.ORGANIZATION,
    Relation.LEADS: E.PERSON,
    Relation.CEO_OF: E.PERSON,
    Relation.CHAIR_OF: E.PERSON,
    Relation.WORKS_FOR: E.PERSON,
}
DEFAULT_OBJECT: dict[Relation, EntityType] = {
    Relation.DEVELOPS: E.PRODUCT,
    Relation.RELEASED: E.PRODUCT,
    Relation.PRODUCT_OF: E.ORGANIZATION,
    Relation.SUBSIDIARY_OF: E.ORGANIZATION,
    Relation.ACQUIRED: E.ORGANIZATION,
    Relation.PARTNER_OF: E.ORGANIZATION,
    Relation.LEADS: E.ORGANIZATION,
    Relation.CEO_OF: E.ORGANIZATION,
    Relation.CHAIR_OF: E.ORGANIZATION,
    Relation.WORKS_FOR: E.ORGANIZATION,
    Relation.MEMBER_OF: E.ORGANIZATION,
    Relation.OWNS: E.ORGANIZATION,
    Relation.HEADQUARTERED_IN: E.PLACE,
}


#: attribute -> the entity types it may be said of
ATTRIBUTE_DOMAINS: dict[Attribute, frozenset[EntityType]] = {
    Attribute.FOUNDING_DATE: ORG | {E.PROJECT},
    Attribute.START_DATE: EVENT | {E.PROJECT, E.STRATEGY},
    Attribute.END_DATE: EVENT | {E.PROJECT, E.STRATEGY},
    Attribute.PERIOD: EVENT | {E.PROJECT, E.STRATEGY},
    Attribute.POINT_IN_TIME: EVENT,
    Attribute.DATE_OF_BIRTH: PERSON,
    Attribute.DATE_OF_DEATH: PERSON,
}


def fits(relation: Relation, subject: EntityType, obj: EntityType) -> bool:
    domain, range_ = SIGNATURES[relation]
    return subject in domain and obj in range_
