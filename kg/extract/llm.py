"""An optional extractor: a language model reads the sentences, kg keeps what it can ground.

It runs after kg's own reading of the article (:func:`kg.extract.extract`): it needs kg's
mentions, their types and the coreference that resolved pronouns and descriptions. For each
run of sentences that hold two entities or more, the model (any OpenAI-compatible server,
:mod:`kg.llm_client`) is given

* the sentences, numbered, with kg's mentions marked (``[m3 Tim Cook]``, ``[m7 il = Tim
  Cook]``) and listed with their types;
* the properties of ``ontology/kg.ttl`` that can hold between those mentions, each with its
  domain and range, and a JSON schema generated from them: each alternative allows one
  property, with only the mentions whose type fits its domain as subject and its range as
  object (the server constrains its output to the schema where it can);

and answers ``{"facts": [{"sentence": 3, "subject": "m3", "property": "ceoOf",
"object": "m5"}]}``. A fact is kept only if its sentence is one it was given, both sides are
kg mentions in that sentence (a side named elsewhere counts when a mention in the sentence
is resolved to it), and the property's domain and range hold (:mod:`kg.signatures`);
everything else is dropped and counted by reason (:data:`DROP_REASONS`). A kept fact has the
same evidence as a rule's: the sentence and its offsets, the extractor
(``llm:<model>@<prompt version>``) and a confidence: the model's measured precision where
``bench/quality.py --calibrate`` has measured it, else :data:`LLM_PRIOR`, below every rule's.

Answers are cached on disk by (model, prompt version, prompt): a re-run sends nothing.
"""

from __future__ import annotations

import bisect
import contextlib
import functools
import hashlib
import json
import os
import re
import tempfile
import threading
import time
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.extract.facts import fact_confidence, settle_relation
from kg.llm_client import ChatClient, LlmError
from kg.model import (
    DocumentExtraction,
    EntityType,
    Evidence,
    Fact,
    Mention,
    MentionKind,
    Relation,
)

if TYPE_CHECKING:
    from kg.workers import Failure

__all__ = ["DROP_REASONS", "EXTRACTOR_MODES", "LLM_PRIOR", "PROMPT_VERSION", "LlmExtractor",
           "LlmSettings", "LlmStats", "extractor_name", "ground", "parse_answer", "plan"]

#: changes whenever the prompt or the schema does: it is part of the extractor's name and of
#: the cache key, so a new prompt is never answered from an old one's cache
PROMPT_VERSION = "p1"
#: the confidence of a fact the model stated, until bench/quality.py has measured the model:
#: below every typed rule's prior (0.6 to 0.9), the same as an open relation's
LLM_PRIOR = 0.5
#: what ``--extractor`` takes
EXTRACTOR_MODES = ("rules", "llm", "rules+llm")
#: why a fact the model stated was dropped
DROP_REASONS = ("malformed", "not a mention", "not grounded", "domain-range", "same entity")
#: one request reads at most this many characters of sentences, or this many sentences
CHUNK_CHARS = 1500
CHUNK_SENTENCES = 6
#: facts one request may return, per sentence and in all
FACTS_PER_SENTENCE = 3
MAX_FACTS = 12
_MODEL_CHARS = re.compile(r"[^A-Za-z0-9._:-]+")


def extractor_name(model: str) -> str:
    """``llm:<model>@<prompt version>``: what a fact's evidence names (safe in an IRI)."""
    return f"llm:{_MODEL_CHARS.sub('-', model).strip('-') or 'model'}@{PROMPT_VERSION}"


def describe_extractor(name: str) -> str | None:
    """The description an ``llm:`` extractor gets in the graph."""
    if not name.startswith("llm:") or "@" not in name:
        return None
    model, version = name[len("llm:"):].rsplit("@", 1)
    return (f"a language model ({model}, prompt {version}) read the sentence with kg's "
            f"mentions marked; kg kept the fact because both sides are mentions in the "
            f"sentence and the property's domain and range hold")


# --- settings and counts --------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class LlmSettings:
    """Where the model is and how to ask it. ``api_key`` None reads
    :data:`kg.llm_client.API_KEY_ENV` (``KG_LLM_API_KEY``); it is never shown."""

    url: str
    model: str
    concurrency: int = 4
    timeout: float = 120.0
    retries: int = 2
    max_tokens: int = 1024
    #: answers kept on disk (None: not kept); a build into a folder uses OUTPUT/.kg-cache/llm
    cache_dir: Path | None = None
    api_key: str | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        from urllib.parse import urlsplit

        from kg.llm_client import API_KEY_ENV

        if "@" in urlsplit(self.url).netloc:  # never echoed: it may hold a key or password
            raise ValueError("the LLM server's address holds credentials: give the API key "
                             f"in {API_KEY_ENV} instead")
        if not self.url.lower().startswith(("http://", "https://")):
            raise ValueError(f"the LLM server's address must start with http:// or https:// "
                             f"(got {self.url!r})")
        if not self.model:
            raise ValueError("the LLM needs a model name")
        if self.concurrency < 1:
            raise ValueError("the LLM concurrency must be at least 1")

    def client(self) -> ChatClient:
        if self.api_key is not None:
            return ChatClient(self.url, self.model, timeout=self.timeout, retries=self.retries,
                              max_tokens=self.max_tokens, api_key=self.api_key)
        return ChatClient.from_env(self.url, self.model, timeout=self.timeout,
                                   retries=self.retries, max_tokens=self.max_tokens)


@dataclass(slots=True)
class LlmStats:
    """What the language model's stage did in one run (shared by its threads)."""

    requests: int = 0
    cache_hits: int = 0
    facts_kept: int = 0
    dropped: Counter[str] = field(default_factory=Counter)
    #: articles left out because the model could not answer for them
    failed: int = 0
    #: seconds spent waiting for answers (summed over concurrent requests)
    seconds: float = 0.0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def count(self, **amounts: float) -> None:
        with self._lock:
            for name, amount in amounts.items():
                setattr(self, name, getattr(self, name) + amount)

    def drop(self, reasons: Counter[str]) -> None:
        with self._lock:
            self.dropped.update(reasons)

    def as_dict(self) -> dict[str, object]:
        return {"requests": self.requests, "cache_hits": self.cache_hits,
                "facts_kept": self.facts_kept,
                "facts_dropped": {reason: self.dropped[reason] for reason in DROP_REASONS
                                  if self.dropped[reason]},
                "articles_failed": self.failed, "request_seconds": round(self.seconds, 1)}


# --- the ontology, as the prompt and the schema show it -------------------------------------

@dataclass(frozen=True, slots=True)
class PropertyTerm:
    relation: Relation
    domain: tuple[str, ...]  # class local names, as the ontology states them
    range: tuple[str, ...]
    comment: str
    subjects: frozenset[EntityType]  # the types that fit the domain (subclasses included)
    objects: frozenset[EntityType]


@dataclass(frozen=True, slots=True)
class OntologyTerms:
    properties: tuple[PropertyTerm, ...]
    #: entity type -> its ancestors in the ontology, nearest first
    ancestors: dict[EntityType, tuple[str, ...]]


@functools.cache
def ontology_terms() -> OntologyTerms:
    """The properties the model may state, with domains and ranges, read from
    ``ontology/kg.ttl`` (the open relation, which names no property, is not offered)."""
    from rdflib import RDFS, BNode, URIRef
    from rdflib.collection import Collection
    from rdflib.namespace import OWL

    from kg.validate import load_ontology
    from kg.vocab import KGO

    graph = load_ontology()
    base = str(KGO._NS)

    def term(name: str) -> URIRef:
        return URIRef(base + name)

    def local(node: object) -> str | None:
        text = str(node)
        return text[len(base):] if isinstance(node, URIRef) and text.startswith(base) else None

    def classes(node: object) -> tuple[str, ...]:
        if node is None:
            return ()
        name = local(node)
        if name is not None:
            return (name,)
        if not isinstance(node, BNode):
            return ()
        members = graph.value(node, OWL.unionOf)
        if members is None:
            return ()
        return tuple(n for n in (local(m) for m in Collection(graph, members)) if n)

    def english(node: URIRef, predicate: URIRef) -> str:
        texts = [str(o) for o in graph.objects(node, predicate)
                 if getattr(o, "language", None) == "en"]
        return texts[0] if texts else ""

    ancestors: dict[EntityType, tuple[str, ...]] = {}
    for etype in EntityType:
        chain: list[str] = []
        current: str | None = etype.value
        while current is not None:
            parents = [n for n in (local(o) for o in graph.objects(term(current),
                                                                   RDFS.subClassOf)) if n]
            current = parents[0] if parents else None
            if current is not None:
                chain.append(current)
        ancestors[etype] = tuple(chain)

    def fitting(names: tuple[str, ...]) -> frozenset[EntityType]:
        if "Thing" in names or not names:
            return frozenset(EntityType)
        return frozenset(t for t in EntityType
                         if t.value in names or any(a in names for a in ancestors[t]))

    properties = []
    for relation in Relation:
        if relation is Relation.RELATED_TO:
            continue
        node = term(relation.value)
        domain = classes(graph.value(node, RDFS.domain))
        range_ = classes(graph.value(node, RDFS.range))
        # what it means, without "Inverse of ..." and Wikidata ids, which do not help
        comment = " ".join(english(node, RDFS.comment).split())
        comment = " ".join(sentence for sentence in re.split(r"(?<=\.) ", comment)
                           if not sentence.startswith("Inverse")
                           and "wdt:" not in sentence and "schema" not in sentence
                           ) or english(node, RDFS.label)
        properties.append(PropertyTerm(relation, domain, range_, comment,
                                       fitting(domain), fitting(range_)))
    return OntologyTerms(tuple(properties), ancestors)


# --- what one request asks ------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Chunk:
    """One request: a run of an article's sentences, its mentions, the prompt and schema."""

    sentences: tuple[int, ...]  # indices into DocumentExtraction.sentence_spans
    mentions: tuple[tuple[str, Mention], ...]  # (id, mention), ids unique in the article
    prompt: str
    schema: dict[str, Any]

    def key(self, model: str) -> str:
        """The cache key: the model, the prompt version and the prompt (which holds the
        text), and the schema."""
        blob = json.dumps([model, PROMPT_VERSION, self.prompt, self.schema], sort_keys=True,
                          ensure_ascii=False)
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def _sentence_of(starts: list[int], spans: tuple[tuple[int, int], ...], mention: Mention
                 ) -> int | None:
    n = bisect.bisect_right(starts, mention.start_char) - 1
    if n < 0 or mention.end_char > spans[n][1]:
        return None
    return n


def mention_ids(extraction: DocumentExtraction) -> dict[str, Mention]:
    """``m1``, ``m2``, ... for the article's mentions, in text order."""
    ordered = sorted(set(extraction.mentions), key=lambda m: (m.start_char, -m.end_char,
                                                               m.name))
    return {f"m{n}": m for n, m in enumerate(ordered, start=1)}


def plan(extraction: DocumentExtraction) -> list[Chunk]:
    """The requests for one article: runs of the sentences where two entities or more are
    mentioned and some property of the ontology fits two of them."""
    spans = extraction.sentence_spans
    if not spans:
        return []
    starts = [start for start, _ in spans]
    ids = mention_ids(extraction)
    in_sentence: dict[int, list[tuple[str, Mention]]] = {}
    for ident, mention in ids.items():
        n = _sentence_of(starts, spans, mention)
        if n is not None:
            in_sentence.setdefault(n, []).append((ident, mention))
    eligible = [n for n in sorted(in_sentence)
                if len({m.referent.name for _, m in in_sentence[n]}) >= 2]
    groups: list[list[int]] = []
    for n in eligible:
        if groups and len(groups[-1]) < CHUNK_SENTENCES and (
                spans[n][1] - spans[groups[-1][0]][0] <= CHUNK_CHARS):
            groups[-1].append(n)
        else:
            groups.append([n])
    chunks = []
    for group in groups:
        mentions = tuple(pair for n in group for pair in in_sentence[n])
        chunk = _chunk(extraction, group, mentions)
        if chunk is not None:
            chunks.append(chunk)
    return chunks


def _type_text(etype: EntityType) -> str:
    chain = ontology_terms().ancestors[etype]
    return etype.value + "".join(f" < {a}" for a in chain)


def _chunk(extraction: DocumentExtraction, group: list[int],
           mentions: tuple[tuple[str, Mention], ...]) -> Chunk | None:
    terms = ontology_terms()
    offered: list[PropertyTerm] = []
    numbers = list(group)
    referent = {i: (m.referent.name, m.referent.entity_type) for i, m in mentions}
    # properties whose sides admit the same mentions share one alternative of the schema:
    # as strict, and a server that constrains its output with a grammar follows fewer paths
    sides: dict[tuple[tuple[str, ...], tuple[str, ...]], list[str]] = {}
    for term in terms.properties:
        subjects = tuple(i for i, m in mentions if m.entity_type in term.subjects)
        objects = tuple(i for i, m in mentions if m.entity_type in term.objects)
        if not any(referent[a] != referent[b] for a in subjects for b in objects):
            continue  # no two entities that fit
        offered.append(term)
        sides.setdefault((subjects, objects), []).append(term.relation.value)
    alternatives = [{
        "type": "object",
        # the property first: once it is written, the sides it admits are known
        "properties": {
            "property": {"type": "string", "enum": names},
            "subject": {"type": "string", "enum": list(subjects)},
            "object": {"type": "string", "enum": list(objects)},
            "sentence": {"type": "integer", "enum": numbers},
        },
        "required": ["property", "subject", "object", "sentence"],
        "additionalProperties": False,
    } for (subjects, objects), names in sides.items()]
    if not alternatives:
        return None
    schema = {
        "type": "object",
        "properties": {"facts": {"type": "array",
                                 "maxItems": min(MAX_FACTS, FACTS_PER_SENTENCE * len(group)),
                                 "items": {"anyOf": alternatives}}},
        "required": ["facts"],
        "additionalProperties": False,
    }
    return Chunk(tuple(group), mentions, _prompt(extraction, group, mentions, offered), schema)


def _marked(text: str, offset: int, mentions: list[tuple[str, Mention]]) -> str:
    """The sentence with its outermost mentions marked ``[m3 Tim Cook]``."""
    out: list[str] = []
    at = 0
    for ident, mention in sorted(mentions, key=lambda p: (p[1].start_char, -p[1].end_char)):
        start, end = mention.start_char - offset, mention.end_char - offset
        if start < at:
            continue  # nested in a marked mention: listed below the sentence
        out.append(text[at:start])
        out.append(f"[{ident} {text[start:end]}{_referent_text(mention)}]")
        at = end
    out.append(text[at:])
    return " ".join("".join(out).split())


def _referent_text(mention: Mention) -> str:
    if mention.antecedent is None or (mention.kind is MentionKind.NAME and (
            mention.referent.name == mention.text)):
        return ""
    return f" = {mention.referent.name}"


def _prompt(extraction: DocumentExtraction, group: list[int],
            mentions: tuple[tuple[str, Mention], ...], offered: list[PropertyTerm]) -> str:
    text = extraction.document.text
    spans = extraction.sentence_spans
    lines = [
        "You read sentences of a French news article and list the facts they state between "
        "the marked entity mentions. Mentions are marked [m3 Tim Cook]; a pronoun or a "
        "description shows who it stands for: [m7 il = Tim Cook].",
        "",
        "Properties (subject type -> object type); a type fits its own name and every name "
        "after a '<':",
    ]
    everything = frozenset(EntityType)

    def side(names: tuple[str, ...], types: frozenset[EntityType]) -> str:
        return "anything" if types == everything else " or ".join(names)

    for term in offered:
        lines.append(f"- {term.relation.value} ({side(term.domain, term.subjects)} -> "
                     f"{side(term.range, term.objects)}): {term.comment}")
    lines += ["", "Sentences:"]
    by_sentence: dict[int, list[tuple[str, Mention]]] = {}
    starts = [start for start, _ in spans]
    for ident, mention in mentions:
        n = _sentence_of(starts, spans, mention)
        if n is not None:
            by_sentence.setdefault(n, []).append((ident, mention))
    for n in group:
        start, end = spans[n]
        lines.append(f"S{n}: {_marked(text[start:end], start, by_sentence.get(n, []))}")
        listed = "; ".join(f"{i} {m.text}{_referent_text(m)} ({_type_text(m.entity_type)})"
                           for i, m in by_sentence.get(n, []))
        lines.append(f"  mentions: {listed}")
    lines += [
        "",
        'Answer with one JSON object: {"facts": [...]}, one item per fact that a sentence '
        'states, as {"sentence": N, "subject": "mK", "property": "name", "object": "mJ"}. '
        "Use only the mention ids and the properties above; the subject and the object must "
        "both be mentioned in sentence N and their types must fit the property. State only "
        'what the sentence says. If no sentence states such a fact, answer {"facts": []}.',
    ]
    return "\n".join(lines)


# --- reading the answer ---------------------------------------------------------------------

def parse_answer(content: str, finish_reason: str | None = None) -> list[Any]:
    """The items of the answer's ``facts`` list; an answer that is not such a JSON object
    raises :class:`LlmError` (the items themselves are checked by :func:`ground`)."""
    text = content.strip()
    if text.startswith("```"):  # a fenced block in JSON mode
        text = re.sub(r"^```(?:json)?\s*|\s*```$", "", text)
    try:
        data = json.loads(text)
    except ValueError:
        if finish_reason == "length":
            raise LlmError("the model's answer was cut at its token limit "
                           "(raise max_tokens)") from None
        shown = " ".join(content.split())[:80]
        raise LlmError(f"the model's answer is not JSON ({shown!r})") from None
    if isinstance(data, list):
        data = {"facts": data}
    if not isinstance(data, dict) or not isinstance(data.get("facts"), list):
        keys = sorted(data) if isinstance(data, dict) else type(data).__name__
        raise LlmError(f"the model's answer has no 'facts' list (got {keys})")
    return list(data["facts"])


def _sentence_number(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        match = re.fullmatch(r"\s*[Ss]?(\d+)\s*", value)
        if match:
            return int(match.group(1))
    return None


def ground(extraction: DocumentExtraction, chunk: Chunk, items: Iterable[Any],
           extractor: str) -> tuple[list[Fact], Counter[str]]:
    """The facts of ``items`` that kg can ground, and the count of the others by reason."""
    dropped: Counter[str] = Counter()
    facts: list[Fact] = []
    ids = dict(chunk.mentions)
    spans = extraction.sentence_spans
    document = extraction.document
    relations = {r.value: r for r in Relation if r is not Relation.RELATED_TO}
    seen: set[tuple[str, Relation, str, int]] = set()
    for item in items:
        if not isinstance(item, dict):
            dropped["malformed"] += 1
            continue
        number = _sentence_number(item.get("sentence"))
        subject_ref, property_name, object_ref = (item.get("subject"), item.get("property"),
                                                  item.get("object"))
        if number is None or not all(isinstance(v, str) for v in (subject_ref, property_name,
                                                                  object_ref)):
            dropped["malformed"] += 1
            continue
        assert isinstance(subject_ref, str) and isinstance(object_ref, str)
        relation = relations.get(str(property_name).strip())
        if relation is None:
            dropped["malformed"] += 1  # no property of the ontology, or the open relation
            continue
        if number not in chunk.sentences or not 0 <= number < len(spans):
            dropped["not grounded"] += 1  # a sentence the model was not given
            continue
        start, end = spans[number]
        sides = [_in_sentence(ref, ids, start, end) for ref in (subject_ref, object_ref)]
        if any(side is None for side in sides):
            dropped["not a mention"] += 1
            continue
        if any(side is _ELSEWHERE for side in sides):
            dropped["not grounded"] += 1
            continue
        subject, obj = sides
        assert isinstance(subject, Mention) and isinstance(obj, Mention)
        if subject.referent == obj.referent:
            dropped["same entity"] += 1
            continue
        settled = settle_relation(relation, subject, obj)
        if settled is None:
            dropped["domain-range"] += 1
            continue
        key = (subject.referent.name, settled, obj.referent.name, start)
        if key in seen:
            continue  # said twice: one fact
        seen.add(key)
        confidence = fact_confidence(extractor, LLM_PRIOR, subject, obj)
        facts.append(Fact(subject, settled, obj, Evidence(
            doc_id=document.doc_id, source=document.source, sentence_text=document.text[
                start:end], sentence_start=start, sentence_end=end, extractor=extractor,
            confidence=round(confidence, 3), date=document.date)))
    return facts, dropped


def _reason(error: BaseException) -> str:
    from kg.workers import _reason as worker_reason

    return worker_reason(error)


class _Elsewhere:
    """A mention of the article that is not in the fact's sentence (nor resolved there)."""


_ELSEWHERE = _Elsewhere()


def _in_sentence(ref: str, ids: dict[str, Mention], start: int, end: int
                 ) -> Mention | _Elsewhere | None:
    """The mention ``ref`` names in the sentence [start, end): the mention with that id when
    it is there, else one there that kg resolved to the same entity; a mention's text is
    taken too (JSON mode); None when ``ref`` is no mention the model was shown."""
    ref = ref.strip()
    inside = [m for m in ids.values() if start <= m.start_char and m.end_char <= end]
    mention = ids.get(ref)
    if mention is None:
        wanted = ref.casefold()
        named = [m for m in inside if m.text.casefold() == wanted
                 or m.referent.name.casefold() == wanted]
        return named[0] if named else None
    if start <= mention.start_char and mention.end_char <= end:
        return mention
    same = [m for m in inside if m.referent.name == mention.referent.name
            and m.referent.entity_type is mention.referent.entity_type]
    return same[0] if same else _ELSEWHERE


def merge_facts(rule_facts: Iterable[Fact], llm_facts: Iterable[Fact]) -> tuple[Fact, ...]:
    """Rule and model facts together. A fact both found keeps both evidences (two statements
    in the graph, one per extractor); a model fact is left out where the rules read a more
    specific property between the same two in the same sentence ("ceoOf" over "worksFor")."""
    from kg.extract import GENERAL_RELATION

    rules = list(rule_facts)
    stated = {(f.subject.referent.name, f.relation, f.object.referent.name,
               f.evidence.sentence_start) for f in rules}
    more_general: set[tuple[str, Relation, str, int]] = set()
    for subject, relation, obj, start in stated:
        parent = GENERAL_RELATION.get(relation)
        while parent is not None:
            more_general.add((subject, parent, obj, start))
            parent = GENERAL_RELATION.get(parent)
    kept = [f for f in llm_facts
            if (f.subject.referent.name, f.relation, f.object.referent.name,
                f.evidence.sentence_start) not in more_general]
    return tuple(sorted(rules + kept, key=lambda f: (f.evidence.sentence_start,
                                                     f.subject.start_char, f.relation,
                                                     f.object.start_char,
                                                     f.evidence.extractor)))


# --- the answers' cache ---------------------------------------------------------------------

class AnswerCache:
    """The model's answers on disk: ``FOLDER/<2 hex>/<key>.json``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> str | None:
        try:
            data = json.loads(self._path(key).read_text(encoding="utf-8"))
            content = data["content"]
        except (OSError, ValueError, KeyError, TypeError):
            return None
        return content if isinstance(content, str) else None

    def put(self, key: str, model: str, content: str) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                json.dump({"model": model, "prompt_version": PROMPT_VERSION,
                           "content": content}, stream, ensure_ascii=False)
            os.replace(temporary, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise


# --- the stage ------------------------------------------------------------------------------

class LlmExtractor:
    """Adds the model's grounded facts to kg's extractions (or, with ``keep_rules=False``,
    puts them in place of the rules' facts and dates)."""

    def __init__(self, settings: LlmSettings, stats: LlmStats | None = None,
                 client: ChatClient | None = None) -> None:
        self.settings = settings
        self.stats = stats if stats is not None else LlmStats()
        self.client = client if client is not None else settings.client()
        self.name = extractor_name(settings.model)
        self.cache = AnswerCache(settings.cache_dir) if settings.cache_dir is not None else None

    def _ask(self, chunk: Chunk, key: str) -> list[Any]:
        """The answer's items, from the server (the answer is cached once it parses)."""
        started = time.perf_counter()
        self.stats.count(requests=1)
        try:
            answer = self.client.complete(chunk.prompt, chunk.schema)
        finally:
            self.stats.count(seconds=time.perf_counter() - started)
        items = parse_answer(answer.content, answer.finish_reason)
        if self.cache is not None:
            self.cache.put(key, self.settings.model, answer.content)
        return items

    def _items(self, chunk: Chunk, pool: ThreadPoolExecutor | None
               ) -> list[Any] | Future[list[Any]]:
        key = chunk.key(self.settings.model)
        if self.cache is not None:
            content = self.cache.get(key)
            if content is not None:
                try:
                    items = parse_answer(content)
                except LlmError:
                    pass  # a damaged entry: asked again
                else:
                    self.stats.count(cache_hits=1)
                    return items
        if pool is None:
            return self._ask(chunk, key)
        return pool.submit(self._ask, chunk, key)

    def _finish(self, extraction: DocumentExtraction,
                answers: list[tuple[Chunk, list[Any] | Future[list[Any]]]], keep_rules: bool
                ) -> DocumentExtraction:
        facts: list[Fact] = []
        dropped: Counter[str] = Counter()
        for chunk, answer in answers:
            items = answer.result() if isinstance(answer, Future) else answer
            kept, lost = ground(extraction, chunk, items, self.name)
            facts += kept
            dropped += lost
        self.stats.count(facts_kept=len(facts))
        self.stats.drop(dropped)
        if keep_rules:
            return replace(extraction, facts=merge_facts(extraction.facts, facts))
        return replace(extraction, facts=merge_facts((), facts), attributes=())

    def read(self, extraction: DocumentExtraction, *, keep_rules: bool = True
             ) -> DocumentExtraction:
        """One article, its requests one after the other (raises :class:`LlmError`)."""
        answers = [(chunk, self._items(chunk, None)) for chunk in plan(extraction)]
        return self._finish(extraction, answers, keep_rules)

    def stream(self, extractions: Iterable[DocumentExtraction | Failure], *,
               keep_rules: bool = True) -> Iterator[DocumentExtraction | Failure]:
        """Every article's extraction with the model's facts, in input order; requests run
        ``settings.concurrency`` at a time, over several articles. An article the model
        could not answer for becomes a :class:`kg.workers.Failure` with a one-line reason."""
        from kg.workers import Failure

        window = max(2, 2 * self.settings.concurrency)
        queue: deque[Any] = deque()

        def settle(entry: Any) -> DocumentExtraction | Failure:
            if isinstance(entry, Failure):
                return entry
            extraction, answers = entry
            try:
                return self._finish(extraction, answers, keep_rules)
            except LlmError as error:
                self.stats.count(failed=1)
                return Failure(extraction.document,
                               f"the language model gave no usable answer: {error}")
            except Exception as error:  # a bug: this article is left out, the others go on
                self.stats.count(failed=1)
                return Failure(extraction.document, _reason(error))

        def ready(entry: Any) -> bool:
            return isinstance(entry, Failure) or all(
                not isinstance(a, Future) or a.done() for _, a in entry[1])

        with ThreadPoolExecutor(max_workers=self.settings.concurrency,
                                thread_name_prefix="kg-llm") as pool:
            try:
                for extraction in extractions:
                    if isinstance(extraction, Failure):
                        queue.append(extraction)
                    else:
                        answers: list[tuple[Chunk, list[Any] | Future[list[Any]]]] = []
                        try:
                            for chunk in plan(extraction):
                                answers.append((chunk, self._items(chunk, pool)))
                        except LlmError as error:  # pragma: no cover - a cached answer
                            queue.append(Failure(extraction.document, str(error)))
                        else:
                            queue.append((extraction, answers))
                    while queue and (len(queue) > window or ready(queue[0])):
                        yield settle(queue.popleft())
                while queue:
                    yield settle(queue.popleft())
            finally:
                for entry in queue:
                    if not isinstance(entry, Failure):
                        for _, answer in entry[1]:
                            if isinstance(answer, Future):
                                answer.cancel()
