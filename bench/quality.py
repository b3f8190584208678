"""Extraction quality: kg's output scored against gold annotations, through Wikidata.

    python bench/quality.py                       # both benchmarks, a table each
    python bench/quality.py --json                # machine-readable
    python bench/quality.py --calibrate           # also write kg/extract/calibration.json
    python bench/quality.py --gold G.json --dev D.jsonl   # other data in the same formats
    python bench/quality.py --extractor llm --llm-url http://127.0.0.1:11434/v1 \
        --llm-model qwen2.5:7b-instruct              # a language model, or rules+llm: both

With ``--extractor llm`` or ``rules+llm`` every set is scored with the model's facts
(kg.extract.llm), its answers cached in ``bench/results/llm-cache`` (a second run asks
nothing); ``--calibrate`` then records the model's measured precision beside the rules'.

1. Gold articles (``../shared/gold/*.json``): the article is built with ``kg.build``; a gold
   entity is matched to the node whose label or alternative label equals one of its names
   (case, accents, apostrophes and leading articles aside). A gold relation is found when a
   fact links the two nodes with a property whose name is the gold relation's, or that the
   ontology aligns with the gold Wikidata property in the gold direction (through
   owl:equivalentProperty, skos:exactMatch/closeMatch, rdfs:subPropertyOf and owl:inverseOf;
   an owl:SymmetricProperty matches both ways), and its evidence sentence contains the gold
   evidence. Precision counts every fact kg
   emitted between entities; the gold lists all a careful reader would, so a fact it lacks is
   counted wrong. A second precision counts only the facts whose two ends are entities the gold
   annotates (a fact about a town the gold never listed was never judged).
2. RELX sentences (``../shared/dev/relx_fr_dev.jsonl``): one marked pair per sentence. Recall:
   the marked fact is emitted (aligned Wikidata property, right direction, mentions over the
   marked spans; a pronoun counts by the name it was resolved to) over the items whose
   relation has a Wikidata id. Precision: of the facts kg
   emits between the marked pair, the share that states the marked relation (pairs whose
   relation has no Wikidata id are not judged). And how many ``no_relation`` pairs get a fact.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
from collections import defaultdict
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.reader import document_from_text  # noqa: E402
from kg.validate import load_ontology  # noqa: E402
from kg.vocab import KGO, WDT  # noqa: E402

SHARED = ROOT.parent / "shared"
KGO_NS = str(KGO._NS)
_ARTICLES = re.compile(r"^(?:(?:le|la|les|un|une|des|son|sa|ses|leur|leurs|du|de la)\s+|"
                       r"(?:l'|de l'|d')\s*)")


def norm(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.replace("’", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"\s+", " ", text).strip()
    text = _ARTICLES.sub("", text)
    text = text.replace("l' ", "l'").replace("d' ", "d'")
    return text


# --- the ontology's Wikidata alignments -------------------------------------------------------

def wikidata_alignments(ontology: Graph) -> dict[str, set[tuple[str, bool]]]:
    """kgo property local name -> {(Wikidata pid, same direction?)}."""
    direct: dict[URIRef, set[tuple[str, bool]]] = defaultdict(set)
    for link in (OWL.equivalentProperty, SKOS.exactMatch, SKOS.closeMatch, RDFS.subPropertyOf):
        for s, o in ontology.subject_objects(link):
            for a, b in ((s, o), (o, s)) if link == OWL.equivalentProperty else ((s, o),):
                if str(b).startswith(str(WDT)) and str(a).startswith(KGO_NS):
                    direct[a].add((str(b)[len(str(WDT)):], True))
    parents: dict[URIRef, set[URIRef]] = defaultdict(set)
    for s, o in ontology.subject_objects(RDFS.subPropertyOf):
        if str(o).startswith(KGO_NS):
            parents[s].add(o)
    for s, o in ontology.subject_objects(OWL.equivalentProperty):
        if str(o).startswith(KGO_NS):
            parents[s].add(o)
            parents[o].add(s)
    inverses: dict[URIRef, set[URIRef]] = defaultdict(set)
    for s, o in ontology.subject_objects(OWL.inverseOf):
        inverses[s].add(o)
        inverses[o].add(s)

    def closure(prop: URIRef, seen: frozenset[URIRef]) -> set[tuple[str, bool]]:
        if prop in seen:
            return set()
        seen = seen | {prop}
        found = set(direct.get(prop, set()))
        for parent in parents.get(prop, ()):
            found |= closure(parent, seen)
        for inverse in inverses.get(prop, ()):
            found |= {(pid, not same) for pid, same in closure(inverse, seen)}
        return found

    symmetric = set(ontology.subjects(RDF.type, OWL.SymmetricProperty))

    def both_ways(prop: URIRef) -> set[tuple[str, bool]]:
        found = closure(prop, frozenset())
        if prop in symmetric:  # "X spouse Y" states "Y spouse X" too
            found |= {(pid, not same) for pid, same in found}
        return found

    props = set(ontology.subjects(RDF.type, OWL.ObjectProperty)) | set(
        ontology.subjects(RDF.type, OWL.DatatypeProperty))
    return {str(p)[len(KGO_NS):]: both_ways(p) for p in props
            if str(p).startswith(KGO_NS)}


# --- gold articles ------------------------------------------------------------------------------

def score_gold(gold_path: Path, alignments: dict[str, set[tuple[str, bool]]],
               extractor: str = "rules", llm=None) -> dict:  # type: ignore[no-untyped-def]
    from kg.errors import KgError
    from kg.pipeline import build

    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    # bench sets keep gold/ beside the articles; ../shared/dev/news keeps both side by side
    article = gold_path.parent / gold["document"]
    if not article.exists():
        article = gold_path.parent.parent / gold["document"]
    try:
        result = build([article], validate=False, html=False, extractor=extractor, llm=llm)
        graph = result.graph
        failure = None
    except KgError as error:  # the model gave no usable answer: scored as no fact
        print(f"{gold_path.name}: {error}", file=sys.stderr)
        graph, failure = Graph(), str(error)

    names: dict[URIRef, set[str]] = defaultdict(set)
    for s, o in graph.subject_objects(RDFS.label):
        names[s].add(norm(str(o)))
    for s, o in graph.subject_objects(SKOS.altLabel):
        names[s].add(norm(str(o)))
    classes = {s: str(o)[len(KGO_NS):] for s, o in graph.subject_objects(RDF.type)
               if str(o).startswith(KGO_NS)}

    def nodes_for(label: str) -> set[URIRef]:
        entity = next((e for e in gold["entities"] if e["label"] == label), None)
        wanted = {norm(label)} | {norm(a) for a in (entity or {}).get("aliases", [])}
        return {node for node, ns in names.items() if ns & wanted}

    gold_types = {e["label"]: e["type"] for e in gold["entities"]}
    # dates are judged where the gold annotates them (dev/news), not in the older sets
    dates_annotated = "Date" in gold_types.values()
    statements = []
    for st in graph.subjects(RDF.type, RDF.Statement):
        p = graph.value(st, RDF.predicate)
        o = graph.value(st, RDF.object)
        if not isinstance(o, URIRef) and not (dates_annotated and _is_date_literal(o)):
            continue  # other literals (periods, names) have no gold counterpart
        statements.append({
            "s": graph.value(st, RDF.subject), "p": str(p)[len(KGO_NS):], "o": o,
            "evidence": norm(str(graph.value(st, KGO.evidenceText))),
            "extractor": str(graph.value(st, URIRef("http://www.w3.org/ns/prov#wasAttributedTo"))
                             ).rsplit("/", 1)[-1],
            "open": str(p) == str(KGO_NS) + OPEN_RELATION,
        })

    def ends(label: str) -> set:
        """The nodes a gold entity may be: a node named like it, or, for a gold Date, the
        date literal it spells ("17 juin 2012" is "2012-06-17")."""
        if gold_types.get(label) == "Date":
            return {Literal(v) for v in gold_date_values(label)}
        return nodes_for(label)

    def same_end(term, candidates: set) -> bool:
        if isinstance(term, Literal):
            return Literal(str(term)) in candidates
        return term in candidates

    def matches(rel: dict, st: dict, *, with_evidence: bool = True) -> bool:
        if st["open"]:
            return False  # an open edge states no property: it counts as a link only
        subjects, objects = ends(rel["subject"]), ends(rel["object"])
        forward = same_end(st["s"], subjects) and same_end(st["o"], objects)
        backward = same_end(st["s"], objects) and same_end(st["o"], subjects)
        if not (forward or backward):
            return False
        if with_evidence and norm(rel["evidence"]) not in st["evidence"] and not _overlap(
            rel["evidence"], st["evidence"]
        ):
            return False
        if forward and st["p"].lower() == rel["relation"].lower():
            return True
        pid = rel.get("wikidata")
        if not pid:
            return False
        # the gold's Wikidata statement, read in our fact's direction
        same = not rel.get("wikidata_direction", "").startswith("object->subject")
        aligned = alignments.get(st["p"], set())
        return (forward and (pid, same) in aligned) or (backward and (pid, not same) in aligned)

    # recall: the gold fact with its evidence sentence; precision: a fact the gold states,
    # whichever of the article's sentences kg read it from
    found: dict[str, bool] = {}
    correct_statements = set()
    for rel in gold["relations"]:
        found[rel["id"]] = any(matches(rel, st) for st in statements)
        correct_statements.update(n for n, st in enumerate(statements)
                                  if matches(rel, st, with_evidence=False))
    # links: a gold pair joined by any fact, typed or open, in either direction; an open
    # edge is right when the gold relates its two ends in any way
    gold_pairs = [(ends(r["subject"]), ends(r["object"])) for r in gold["relations"]]

    def joins(st: dict, pair: tuple[set, set]) -> bool:
        a, b = pair
        return ((same_end(st["s"], a) and same_end(st["o"], b))
                or (same_end(st["s"], b) and same_end(st["o"], a)))

    linked = {rel["id"]: any(joins(st, pair) for st in statements)
              for rel, pair in zip(gold["relations"], gold_pairs, strict=True)}
    open_statements = [st for st in statements if st["open"]]
    open_right = sum(any(joins(st, pair) for pair in gold_pairs) for st in open_statements)
    typed_ids = {n for n, st in enumerate(statements) if not st["open"]}
    # facts between two entities the gold annotates: the gold lists every fact between them,
    # while a fact about an entity it leaves out (a town, a region) was never judged
    gold_nodes: set = set()
    for entity in gold["entities"]:
        gold_nodes |= ends(entity["label"])
    annotated = {n for n in typed_ids
                 if same_end(statements[n]["s"], gold_nodes)
                 and same_end(statements[n]["o"], gold_nodes)}
    per_extractor: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for n, st in enumerate(statements):
        per_extractor[st["extractor"]][1] += 1
        per_extractor[st["extractor"]][0] += n in correct_statements
    by_level = defaultdict(list)
    per_relation = defaultdict(lambda: [0, 0])
    for rel in gold["relations"]:
        by_level[rel["level"]].append(found[rel["id"]])
        per_relation[rel["relation"]][1] += 1
        per_relation[rel["relation"]][0] += found[rel["id"]]
    wrong = [f"{st['s'].rsplit('/', 1)[-1]} {st['p']} {str(st['o']).rsplit('/', 1)[-1]}"
             + (" [between gold entities]" if n in annotated else "")
             for n, st in enumerate(statements) if n not in correct_statements
             and not st["open"]]

    # must_not: boilerplate node, duplicate people/organisations, wrong types
    problems = []
    for node, ns in names.items():
        if any("share the post" in n for n in ns):
            problems.append(f"boilerplate node {node}")
    for entity in gold["entities"]:
        nodes = nodes_for(entity["label"])
        if len(nodes) > 1:
            problems.append(f"{entity['label']}: {len(nodes)} nodes")
        if not nodes:
            problems.append(f"{entity['label']}: no node")
        for node in nodes:
            got = classes.get(node)
            if not _type_ok(entity["type"], got):
                problems.append(f"{entity['label']}: typed {got}, gold {entity['type']}")
    n_statements = len(typed_ids)
    with_pid = [r for r in gold["relations"] if r.get("wikidata")]
    return {
        "gold": gold_path.name,
        "failure": failure,
        "facts_emitted": n_statements,
        "open_emitted": len(open_statements),
        "open_right": open_right,
        "linked_counts": (sum(linked.values()), len(linked)),
        "wikidata_counts": (sum(found[r["id"]] for r in with_pid), len(with_pid)),
        "precision": round(len(correct_statements) / n_statements, 3) if n_statements else 0.0,
        "correct": len(correct_statements),
        "annotated_counts": (len(annotated & correct_statements), len(annotated)),
        "recall": round(sum(found.values()) / len(found), 3),
        "must_recall": _ratio(by_level["must"]),
        "recall_counts": (sum(found.values()), len(found)),
        "must_counts": (sum(by_level["must"]), len(by_level["must"])),
        "should_recall": _ratio(by_level["should"]),
        "per_relation": {k: f"{v[0]}/{v[1]}" for k, v in sorted(per_relation.items())},
        "missed": [r["id"] + " " + r["subject"] + " " + r["relation"] + " " + r["object"]
                   for r in gold["relations"] if not found[r["id"]]],
        "unlisted_facts": wrong,
        "must_not_problems": problems,
        "per_extractor": {k: {"correct": v[0], "judged": v[1]}
                          for k, v in sorted(per_extractor.items())},
    }


#: kg's classes under the gold's types (the gold files Country apart from Place, and laws,
#: works and vehicles under Product)
_TYPE_PARENTS = {
    "Company": "Organization", "AIModel": "Software", "Software": "Product",
    "PoliticalParty": "Organization", "SportsTeam": "Organization",
    "GovernmentOrganization": "Organization", "Court": "GovernmentOrganization",
    "ArmedForce": "Organization", "MediaOrganization": "Organization",
    "EducationalOrganization": "Organization", "CreativeWork": "Product", "Law": "Product",
    "Vehicle": "Product", "Spacecraft": "Vehicle", "Election": "Event", "Attack": "Event",
    "Accident": "Event", "NaturalDisaster": "Event", "SportsEvent": "Event",
}
OPEN_RELATION = "relatedTo"
_MONTH_NUMBERS = {"janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
                  "juillet": 7, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
                  "decembre": 12}


def gold_date_values(label: str) -> set[str]:
    """The ISO forms a gold Date entity's label spells: "17 juin 2012" -> 2012-06-17,
    "Septembre 2012" -> 2012-09, "2006" -> 2006; a range "6-7 juillet 2012" gives both days."""
    words = norm(label).replace("1er", "1").split()
    values: set[str] = set()
    if len(words) == 1 and words[0].isdigit():
        return {words[0]}
    if len(words) == 2 and words[0] in _MONTH_NUMBERS:
        return {f"{words[1]}-{_MONTH_NUMBERS[words[0]]:02d}"}
    if len(words) == 3 and words[1] in _MONTH_NUMBERS:
        for day in words[0].split("-"):
            if day.isdigit():
                values.add(f"{words[2]}-{_MONTH_NUMBERS[words[1]]:02d}-{int(day):02d}")
    return values


def _is_date_literal(term: object) -> bool:
    return isinstance(term, Literal) and re.fullmatch(r"\d{4}(?:-\d{2}){0,2}", str(term)) \
        is not None


def _type_ok(gold_type: str, got: str | None) -> bool:
    if gold_type == "Place" and got == "Country":
        return True
    while got is not None:
        if got == gold_type:
            return True
        got = _TYPE_PARENTS.get(got)
    return False


def _overlap(gold_evidence: str, sentence: str) -> bool:
    """Gold evidence quoted with an ASCII apostrophe or slightly cut still points at the
    sentence when most of its words are there."""
    words = [w for w in re.findall(r"\w+", norm(gold_evidence)) if len(w) > 2]
    return bool(words) and sum(w in sentence for w in words) / len(words) >= 0.8


def _ratio(values: list[bool]) -> float:
    return round(sum(values) / len(values), 3) if values else 0.0


# --- RELX sentences ---------------------------------------------------------------------------

def score_dev(dev_path: Path, relation_map: Path,
              alignments: dict[str, set[tuple[str, bool]]], extractor: str = "rules",
              llm=None) -> dict:  # type: ignore[no-untyped-def]
    from kg.extract import extract
    from kg.nlp import parse_all

    directions = {}
    for line in relation_map.read_text(encoding="utf-8").splitlines()[1:]:
        cols = line.split("\t")
        if len(cols) >= 5:
            directions[cols[1]] = not cols[4].startswith("INVERSE")
    items = [json.loads(line) for line in dev_path.read_text(encoding="utf-8").splitlines()
             if line.strip()]
    documents = [document_from_text(item["text"], source=item["id"]) for item in items]
    started = time.perf_counter()
    extractions = []
    for parsed in parse_all(documents):
        extractions.append(extract(parsed))
    failures = 0
    if extractor != "rules":
        from dataclasses import replace

        from kg.extract.llm import LlmExtractor

        read = list(LlmExtractor(llm).stream(extractions, keep_rules=extractor == "rules+llm"))
        for n, one in enumerate(read):
            if hasattr(one, "reason"):  # a Failure: the model gave no usable answer
                print(f"{one.document.source}: {one.reason}", file=sys.stderr)
                failures += 1
                read[n] = replace(extractions[n], facts=(), attributes=())
        extractions = read
    seconds = time.perf_counter() - started

    recall_hits = recall_total = 0
    judged = correct = 0
    negatives_with_fact = negatives = 0
    per_label: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    per_extractor: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    examples = []
    for item, extraction in zip(items, extractions, strict=True):
        if item["relations"]:
            rel = item["relations"][0]
            label, pid = rel["relation"], rel["wikidata_pid"]
            head_span, tail_span = rel["head_span"], rel["tail_span"]
        else:
            pair = item["marked_pair"]
            label, pid = "no_relation", None
            head_span, tail_span = pair["e1_span"], pair["e2_span"]
        same = directions.get(label, True)
        pair_facts = []
        for attribute in extraction.attributes:
            a_span = (attribute.subject.start_char, attribute.subject.end_char)
            tail_text = item["text"][tail_span[0]:tail_span[1]]
            if _over(a_span, head_span) and attribute.value[:4] in tail_text:
                ok = pid is not None and (pid, True) in alignments.get(attribute.attribute.value,
                                                                       set())
                pair_facts.append((attribute, ok))
        for fact in extraction.facts:
            forward = _at(fact.subject, head_span) and _at(fact.object, tail_span)
            backward = _at(fact.subject, tail_span) and _at(fact.object, head_span)
            if forward or backward:
                aligned = alignments.get(fact.relation.value, set())
                ok = pid is not None and (
                    (forward and (pid, same) in aligned) or (backward and (pid, not same)
                                                              in aligned))
                pair_facts.append((fact, ok))
        if label == "no_relation":
            negatives += 1
            negatives_with_fact += bool(pair_facts)
            for fact, _ in pair_facts:
                judged += 1
                per_extractor[fact.evidence.extractor][1] += 1
                examples.append(("FP-neg", item["text"][:120], _fact_str(fact)))
            continue
        if pid is None:
            continue
        recall_total += 1
        hit = any(ok for _, ok in pair_facts)
        if hit:
            examples.append(("hit", label, item["text"][:100]))
        recall_hits += hit
        per_label[label][1] += 1
        per_label[label][0] += hit
        for fact, ok in pair_facts:
            judged += 1
            correct += ok
            per_extractor[fact.evidence.extractor][1] += 1
            per_extractor[fact.evidence.extractor][0] += ok
            if not ok:
                examples.append(("FP", item["text"][:120], _fact_str(fact)))
        if not hit:
            examples.append(("miss", label, item["text"][:160]))
    return {
        "dev": dev_path.name,
        "items": len(items),
        "recall": round(recall_hits / recall_total, 3) if recall_total else 0.0,
        "recall_counts": f"{recall_hits}/{recall_total}",
        "precision_on_pairs": round(correct / judged, 3) if judged else None,
        "precision_counts": f"{correct}/{judged}",
        "no_relation_pairs_with_fact": f"{negatives_with_fact}/{negatives}",
        "per_relation": {k: f"{v[0]}/{v[1]}" for k, v in sorted(per_label.items())},
        "per_extractor": {k: {"correct": v[0], "judged": v[1]}
                          for k, v in sorted(per_extractor.items())},
        "facts_emitted": sum(len(e.facts) for e in extractions),
        "model_failures": failures,
        "seconds": round(seconds, 2),
        "examples": examples,
    }


def _over(a: tuple[int, int], b: list[int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _at(mention, span: list[int]) -> bool:  # type: ignore[no-untyped-def]
    """The mention, or the name a pronoun was resolved to ("sa" -> "Berlusconi"), is over the
    marked span: the fact is about the entity, whichever words stood for it."""
    spans = [(mention.start_char, mention.end_char)]
    if mention.antecedent is not None:
        spans.append((mention.antecedent.start_char, mention.antecedent.end_char))
    return any(_over(s, span) for s in spans)


def _fact_str(fact) -> str:  # type: ignore[no-untyped-def]
    if hasattr(fact, "attribute"):
        return (f"{fact.subject.text} -{fact.attribute.value}-> {fact.value} "
                f"[{fact.evidence.extractor}]")
    return (f"{fact.subject.text} -{fact.relation.value}-> {fact.object.text} "
            f"[{fact.evidence.extractor}]")


def calibrate(reports: list[dict]) -> dict:
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for report in reports:
        for name, counts in report["per_extractor"].items():
            totals[name][0] += counts["correct"]
            totals[name][1] += counts["judged"]
    return {
        "about": "Measured precision of each extractor on development data "
                 "(bench/quality.py --calibrate); kg.extract.calibration smooths it with the "
                 "pattern's prior.",
        "extractors": {k: {"correct": v[0], "judged": v[1]} for k, v in sorted(totals.items())},
    }


COMPANY_SETS = ("data", "data2", "heldout2", "heldout3")


def summarise(name: str, reports: list[dict]) -> dict:
    """The totals of one set of gold articles, in the measures of issue #9."""
    def total(key: str, at: int) -> int:
        return sum(r[key][at] for r in reports)

    def ratio(a: int, b: int) -> float:
        return round(a / b, 3) if b else 0.0

    emitted = sum(r["facts_emitted"] for r in reports)
    correct = sum(r["correct"] for r in reports)
    opened = sum(r["open_emitted"] for r in reports)
    open_right = sum(r["open_right"] for r in reports)
    return {
        "set": name,
        "articles": len(reports),
        "articles_without_fact": sum(r["facts_emitted"] + r["open_emitted"] == 0
                                     for r in reports),
        "typed_found": ratio(total("recall_counts", 0), total("recall_counts", 1)),
        "typed_found_counts": f"{total('recall_counts', 0)}/{total('recall_counts', 1)}",
        "must_found": ratio(total("must_counts", 0), total("must_counts", 1)),
        "must_found_counts": f"{total('must_counts', 0)}/{total('must_counts', 1)}",
        "wikidata_found_counts": f"{total('wikidata_counts', 0)}/{total('wikidata_counts', 1)}",
        "typed_right": ratio(correct, emitted),
        "typed_right_counts": f"{correct}/{emitted}",
        "annotated_right": ratio(total("annotated_counts", 0), total("annotated_counts", 1)),
        "annotated_right_counts": f"{total('annotated_counts', 0)}/"
                                  f"{total('annotated_counts', 1)}",
        "pairs_linked": ratio(total("linked_counts", 0), total("linked_counts", 1)),
        "pairs_linked_counts": f"{total('linked_counts', 0)}/{total('linked_counts', 1)}",
        "open_right": ratio(open_right, opened),
        "open_right_counts": f"{open_right}/{opened}",
        "model_failures": sum(r.get("failure") is not None for r in reports),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, nargs="*",
                        help="gold files to score as one set instead of the default sets (the "
                             "shared sample, the company-news development sets in bench/ "
                             f"({', '.join(COMPANY_SETS)}), and ../shared/dev/news); held-out "
                             "sets: --gold bench/news-heldout/*.gold.json, "
                             "bench/heldout5/gold/*.json, bench/heldout4, bench/heldout")
    parser.add_argument("--only", choices=("sample", "company", "news", "relx"), nargs="*",
                        help="score only these default sets")
    parser.add_argument("--dev", type=Path, default=SHARED / "dev" / "relx_fr_dev.jsonl")
    parser.add_argument("--relation-map", type=Path,
                        default=SHARED / "dev" / "relx_relation_map.tsv")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--quiet", action="store_true", help="totals only, no article detail")
    parser.add_argument("--examples", action="store_true", help="print misses and errors")
    parser.add_argument("--calibrate", action="store_true",
                        help="write kg/extract/calibration.json from the measured precision")
    parser.add_argument("--extractor", choices=("rules", "llm", "rules+llm"), default="rules",
                        help="score kg's rules, a language model, or both merged")
    parser.add_argument("--llm-url", help="the model server's OpenAI-compatible /v1 base "
                                          "(the key, if any, in KG_LLM_API_KEY)")
    parser.add_argument("--llm-model", help="the model to ask")
    parser.add_argument("--llm-concurrency", type=int, default=4)
    parser.add_argument("--llm-timeout", type=float, default=120.0)
    parser.add_argument("--llm-cache", type=Path, default=ROOT / "bench" / "results" /
                        "llm-cache", help="where the model's answers are kept")
    args = parser.parse_args()
    llm = None
    if args.extractor != "rules":
        if not args.llm_url or not args.llm_model:
            parser.error(f"--extractor {args.extractor} needs --llm-url and --llm-model")
        from kg.extract.llm import LlmSettings

        llm = LlmSettings(url=args.llm_url, model=args.llm_model,
                          concurrency=args.llm_concurrency, timeout=args.llm_timeout,
                          cache_dir=args.llm_cache)

    sets: dict[str, list[Path]] = {}
    if args.gold:
        sets["given"] = list(args.gold)
    else:
        wanted = set(args.only or ("sample", "company", "news", "relx"))
        if "sample" in wanted:
            sets["sample"] = sorted((SHARED / "gold").glob("*.json"))
        if "company" in wanted:
            sets["company"] = [path for name in COMPANY_SETS
                               for path in sorted((ROOT / "bench" / name / "gold").glob("*.json"))]
        if "news" in wanted:
            sets["news"] = sorted((SHARED / "dev" / "news").glob("*.gold.json"))
    run_relx = not args.gold and (args.only is None or "relx" in args.only)

    alignments = wikidata_alignments(load_ontology())
    reports = {name: [score_gold(path, alignments, args.extractor, llm) for path in paths]
               for name, paths in sets.items()}
    summaries = [summarise(name, rs) for name, rs in reports.items() if rs]
    dev = (score_dev(args.dev, args.relation_map, alignments, args.extractor, llm)
           if run_relx and args.dev.exists() else None)
    if args.calibrate:
        target = ROOT / "kg" / "extract" / "calibration.json"
        everything = [r for rs in reports.values() for r in rs]
        data = calibrate(everything + ([dev] if dev else []))
        if args.extractor != "rules":
            # a model's run measures the model: the rules' entries it did not measure stay
            kept = json.loads(target.read_text(encoding="utf-8"))["extractors"]
            kept.update(data["extractors"])
            data["extractors"] = dict(sorted(kept.items()))
        target.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n",
                          encoding="utf-8")
        print(f"wrote {target.relative_to(ROOT)}", file=sys.stderr)
    if args.json:
        print(json.dumps({"sets": summaries, "gold": reports, "dev": dev}, indent=2,
                         ensure_ascii=False, default=str))
        return 0
    for rs in reports.values():
        for report in rs if not args.quiet else ():
            print(f"== gold: {report['gold']}")
            for key in ("facts_emitted", "open_emitted", "precision", "recall", "must_recall",
                        "should_recall"):
                print(f"  {key:16} {report[key]}")
            print(f"  per relation     {report['per_relation']}")
            print(f"  missed           {report['missed']}")
            print(f"  unlisted facts   {report['unlisted_facts']}")
            print(f"  must_not         {report['must_not_problems'] or 'none'}")
    if llm is not None:
        from kg.extract.llm import extractor_name

        print(f"extractor: {args.extractor} ({extractor_name(llm.model)} at {llm.url})")
    for summary in summaries:
        print(f"== set {summary['set']}: {summary['articles']} articles, "
              f"{summary['articles_without_fact']} with no fact")
        print(f"  typed facts right   {summary['typed_right']:.3f} "
              f"({summary['typed_right_counts']}; between two gold entities "
              f"{summary['annotated_right']:.3f}, {summary['annotated_right_counts']})")
        print(f"  gold facts found    {summary['typed_found']:.3f} "
              f"({summary['typed_found_counts']}; with a Wikidata property "
              f"{summary['wikidata_found_counts']})")
        print(f"  must facts found    {summary['must_found']:.3f} "
              f"({summary['must_found_counts']})")
        print(f"  gold pairs linked   {summary['pairs_linked']:.3f} "
              f"({summary['pairs_linked_counts']}, typed or open)")
        print(f"  open edges right    {summary['open_right']:.3f} "
              f"({summary['open_right_counts']})")
        if summary["model_failures"]:
            print(f"  model failures      {summary['model_failures']} article(s) scored "
                  f"without facts (the model gave no usable answer)")
    if dev:
        print(f"== dev: {dev['dev']} ({dev['items']} sentences, {dev['seconds']} s)")
        for key in ("recall", "recall_counts", "precision_on_pairs", "precision_counts",
                    "no_relation_pairs_with_fact", "facts_emitted", "model_failures"):
            print(f"  {key:28} {dev[key]}")
        print(f"  per relation: {dev['per_relation']}")
        if args.examples:
            for kind, a, b in dev["examples"]:
                print(f"  {kind:6} {a} || {b}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
