"""Facts and attributes with their evidence: the last step of every extractor.

A candidate fact becomes a :class:`~kg.model.Fact` only if its two sides fit the relation's
domain and range; its confidence is the extractor's calibrated precision, lowered when a side
was reached through a pronoun or a description.
"""

from __future__ import annotations

from kg.extract.calibration import confidence_for
from kg.extract.places import is_country
from kg.model import (
    EVENT_TYPES,
    Attribute,
    AttributeFact,
    EntityType,
    Evidence,
    Fact,
    Mention,
    ParsedDocument,
    Relation,
)
from kg.signatures import fits

#: relations that say where something is: with a country, Wikidata says "country" (P17)
_IN_A_COUNTRY = {Relation.HEADQUARTERED_IN, Relation.LOCATED_IN, Relation.LOCATION}
#: a fact found through a resolved pronoun or description is a little less certain
RESOLUTION_FACTOR = {"pronoun": 0.9, "possessive": 0.9, "definite description": 0.8,
                     "implicit complement": 0.8}


def evidence(parsed: ParsedDocument, sentence_index: int, extractor: str, confidence: float,
             relation_text: str | None = None) -> Evidence:
    sentence = parsed.sentences[sentence_index]
    document = parsed.document
    return Evidence(
        doc_id=document.doc_id, source=document.source, sentence_text=sentence.text,
        sentence_start=sentence.start_char, sentence_end=sentence.end_char,
        extractor=extractor, confidence=round(confidence, 3), date=document.date,
        relation_text=relation_text,
    )


def make_fact(
    parsed: ParsedDocument, extractor: str, relation: Relation, subject: Mention, obj: Mention,
    sentence_index: int, prior: float, relation_text: str | None = None,
) -> Fact | None:
    """The fact, or None when its sides are one entity or do not fit the relation."""
    settled = settle_relation(relation, subject, obj)
    if settled is None:
        return None
    return Fact(subject, settled, obj,
                evidence(parsed, sentence_index, extractor,
                         fact_confidence(extractor, prior, subject, obj), relation_text))


def settle_relation(relation: Relation, subject: Mention, obj: Mention) -> Relation | None:
    """The relation kg states between ``subject`` and ``obj`` for ``relation`` (a place that
    is a country makes it "country", an event's place "location"), or None when the two are
    one entity or do not fit the relation's domain and range."""
    if subject.referent == obj.referent:
        return None
    if relation is Relation.LOCATED_IN and subject.referent.entity_type in EVENT_TYPES:
        relation = Relation.LOCATION  # where an event happens (P276), not a territory (P131)
    if relation in _IN_A_COUNTRY and (obj.referent.entity_type is EntityType.COUNTRY
                                      or is_country(obj.referent.name)):
        relation = Relation.COUNTRY  # Wikidata states a country (P17), not a seat (P159)
    if relation is Relation.COUNTRY and subject.referent.entity_type is EntityType.COUNTRY:
        return None  # a country is in no other country
    if not fits(relation, subject.entity_type, obj.entity_type):
        return None
    return relation


def fact_confidence(extractor: str, prior: float, subject: Mention, obj: Mention) -> float:
    """The extractor's calibrated precision, lowered for a side reached through a pronoun or
    a description."""
    confidence = confidence_for(extractor, prior)
    for mention in (subject, obj):
        confidence *= RESOLUTION_FACTOR.get(mention.resolution or "", 1.0)
    return confidence


def make_attribute(parsed: ParsedDocument, extractor: str, attribute: Attribute,
                   subject: Mention, value: str, sentence_index: int, prior: float
                   ) -> AttributeFact:
    """A date attribute; its datatype follows the value's precision (day, month, year)."""
    datatype = {10: "date", 7: "gYearMonth", 4: "gYear"}.get(len(value), "string")
    confidence = confidence_for(extractor, prior)
    return AttributeFact(subject, attribute, value, datatype,
                         evidence(parsed, sentence_index, extractor, confidence))
