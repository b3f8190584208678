"""One article's extraction as JSON: what the build cache keeps on disk and what workers
(local processes or a Dask cluster) send back.

The format is plain JSON (no pickle: a cache folder is data, never code). Mentions are
written once each, in a table; facts, attributes and antecedents point into it by index.
``FORMAT`` changes whenever the layout does, and the cache key includes it with kg's version
and the extraction rules' fingerprint, so an old cache entry is never read as a new one.
"""

from __future__ import annotations

import gzip
import json
from typing import Any

from kg.model import (
    Attribute,
    AttributeFact,
    Document,
    DocumentExtraction,
    EntityType,
    Evidence,
    Fact,
    Mention,
    MentionKind,
    Relation,
)

__all__ = ["FORMAT", "dumps", "extraction_from_dict", "extraction_to_dict", "loads"]

FORMAT = 2


def extraction_to_dict(extraction: DocumentExtraction) -> dict[str, Any]:
    table: list[dict[str, Any]] = []
    index: dict[int, int] = {}

    def ref(mention: Mention) -> int:
        key = id(mention)
        if key in index:
            return index[key]
        antecedent = ref(mention.antecedent) if mention.antecedent is not None else None
        index[key] = len(table)
        table.append({
            "doc": mention.doc_id, "start": mention.start_char, "end": mention.end_char,
            "text": mention.text, "sentence": mention.sentence,
            "type": mention.entity_type.value, "name": mention.name, "kind": mention.kind.value,
            "antecedent": antecedent, "resolution": mention.resolution,
        })
        return index[key]

    def evidence(e: Evidence) -> dict[str, Any]:
        return {"doc": e.doc_id, "source": e.source, "text": e.sentence_text,
                "start": e.sentence_start, "end": e.sentence_end, "extractor": e.extractor,
                "confidence": e.confidence, "date": e.date, "relation_text": e.relation_text}

    mentions = [ref(m) for m in extraction.mentions]
    facts = [{"s": ref(f.subject), "p": f.relation.value, "o": ref(f.object),
              "evidence": evidence(f.evidence)} for f in extraction.facts]
    attributes = [{"s": ref(a.subject), "p": a.attribute.value, "value": a.value,
                   "datatype": a.datatype, "evidence": evidence(a.evidence)}
                  for a in extraction.attributes]
    d = extraction.document
    return {
        "format": FORMAT,
        "document": {"doc_id": d.doc_id, "source": d.source, "text": d.text, "title": d.title,
                     "language": d.language, "date": d.date},
        "table": table, "mentions": mentions, "facts": facts, "attributes": attributes,
        "sentences": [list(span) for span in extraction.sentence_spans],
    }


def extraction_from_dict(data: dict[str, Any]) -> DocumentExtraction:
    if data.get("format") != FORMAT:
        raise ValueError(f"extraction format {data.get('format')!r}, expected {FORMAT}")
    built: list[Mention] = []
    for row in data["table"]:
        antecedent = row["antecedent"]
        built.append(Mention(
            doc_id=row["doc"], start_char=row["start"], end_char=row["end"], text=row["text"],
            sentence=row["sentence"], entity_type=EntityType(row["type"]), name=row["name"],
            kind=MentionKind(row["kind"]),
            antecedent=built[antecedent] if antecedent is not None else None,
            resolution=row["resolution"],
        ))

    def evidence(e: dict[str, Any]) -> Evidence:
        return Evidence(doc_id=e["doc"], source=e["source"], sentence_text=e["text"],
                        sentence_start=e["start"], sentence_end=e["end"],
                        extractor=e["extractor"], confidence=e["confidence"], date=e["date"],
                        relation_text=e["relation_text"])

    d = data["document"]
    return DocumentExtraction(
        document=Document(doc_id=d["doc_id"], source=d["source"], text=d["text"],
                          title=d["title"], language=d["language"], date=d["date"]),
        mentions=tuple(built[i] for i in data["mentions"]),
        facts=tuple(Fact(built[f["s"]], Relation(f["p"]), built[f["o"]],
                         evidence(f["evidence"])) for f in data["facts"]),
        attributes=tuple(AttributeFact(built[a["s"]], Attribute(a["p"]), a["value"],
                                       a["datatype"], evidence(a["evidence"]))
                         for a in data["attributes"]),
        sentence_spans=tuple((int(a), int(b)) for a, b in data["sentences"]),
    )


def dumps(extraction: DocumentExtraction) -> bytes:
    """Compressed JSON bytes (deterministic: same extraction, same bytes)."""
    text = json.dumps(extraction_to_dict(extraction), ensure_ascii=False, sort_keys=True,
                      separators=(",", ":"))
    return gzip.compress(text.encode("utf-8"), compresslevel=5, mtime=0)


def loads(data: bytes) -> DocumentExtraction:
    return extraction_from_dict(json.loads(gzip.decompress(data).decode("utf-8")))
