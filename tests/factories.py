"""Hand-built intermediate objects for tests that need no model."""

from __future__ import annotations

from kg.model import (
    Document,
    DocumentExtraction,
    EntityType,
    Evidence,
    Fact,
    Mention,
    MentionKind,
    Relation,
)

TEXT = "Tim Cook, le PDG d'Apple, a parlé. Il dirige Apple depuis 2011."


def document(text: str = TEXT, doc_id: str = "d0c0000000000001", source: str = "a.txt"
             ) -> Document:
    return Document(doc_id=doc_id, source=source, text=text, title="Titre")


def mention(doc: Document, text: str, etype: EntityType, *, occurrence: int = 0,
            kind: MentionKind = MentionKind.NAME, antecedent: Mention | None = None,
            resolution: str | None = None, name: str | None = None) -> Mention:
    start = -1
    for _ in range(occurrence + 1):
        start = doc.text.index(text, start + 1)
    return Mention(doc.doc_id, start, start + len(text), text, 0, etype,
                   name or text, kind, antecedent, resolution)


def fact(doc: Document, subject: Mention, relation: Relation, obj: Mention,
         confidence: float = 0.9, extractor: str = "apposition-ceoOf") -> Fact:
    end = doc.text.index(".") + 1
    evidence = Evidence(doc.doc_id, doc.source, doc.text[:end], 0, end, extractor, confidence)
    return Fact(subject, relation, obj, evidence)


def sample_extraction(doc: Document | None = None) -> DocumentExtraction:
    doc = doc or document()
    tim = mention(doc, "Tim Cook", EntityType.PERSON)
    apple = mention(doc, "Apple", EntityType.COMPANY)
    apple2 = mention(doc, "Apple", EntityType.COMPANY, occurrence=1, antecedent=apple)
    il = mention(doc, "Il", EntityType.PERSON, kind=MentionKind.PRONOUN, antecedent=tim,
                 resolution="pronoun", name="Tim Cook")
    facts = (
        fact(doc, tim, Relation.CEO_OF, apple),
        fact(doc, il, Relation.LEADS, apple2, confidence=0.4, extractor="verb-lead"),
    )
    return DocumentExtraction(doc, (tim, apple, il, apple2), facts)
