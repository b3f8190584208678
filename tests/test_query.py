"""kg.query (SPARQL on pyoxigraph), the shipped queries, kg query CLI and kg.export."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import random
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph
from rdflib.compare import isomorphic

import kg
from kg.cli_query import query_command
from kg.errors import QueryError
from kg.export import (
    graphml_bytes,
    jsonld_bytes,
    ntriples_bytes,
    turtle_bytes,
    write_graphml,
    write_jsonld,
    write_ntriples,
    write_turtle,
)
from kg.query import (
    QueryResult,
    compact_iri,
    format_csv,
    format_json,
    format_table,
    format_tsv,
    format_xml,
    get_query,
    list_queries,
    load_store,
    param_term,
    run_named_query,
    run_query,
    turtle_prefixes,
)

KGE = "https://w3id.org/kgnews/entity/"
KGO = "https://w3id.org/kgnews/ontology#"
KGD = "https://w3id.org/kgnews/document/"

# A small graph written by hand after docs/rdf-model.md: two articles, ten entities, eight
# facts and one attribute, each reified with its evidence.
FIXTURE_TTL = turtle_prefixes() + """\

kge:mark-zuckerberg a kgo:Person ; rdfs:label "Mark Zuckerberg" ;
    skos:altLabel "Zuckerberg", "le PDG de Meta" .
kge:meta a kgo:Company ; rdfs:label "Meta" ; skos:altLabel "Facebook" .
kge:llama-3 a kgo:AIModel ; rdfs:label "Llama 3" .
kge:yann-lecun a kgo:Person ; rdfs:label "Yann LeCun" .
kge:openai a kgo:Company ; rdfs:label "OpenAI" .
kge:sam-altman a kgo:Person ; rdfs:label "Sam Altman" .
kge:bret-taylor a kgo:Person ; rdfs:label "Bret Taylor" .
kge:gpt-4o a kgo:AIModel ; rdfs:label "GPT-4o" .
kge:chatgpt a kgo:Software ; rdfs:label "ChatGPT" .
kge:paris a kgo:Place ; rdfs:label "Paris" .

kge:mark-zuckerberg kgo:ceoOf kge:meta .
kge:meta kgo:released kge:llama-3 .
kge:yann-lecun kgo:worksFor kge:meta .
kge:sam-altman kgo:ceoOf kge:openai .
kge:bret-taylor kgo:chairOf kge:openai .
kge:openai kgo:develops kge:gpt-4o .
kge:chatgpt kgo:productOf kge:openai .
kge:openai kgo:foundingDate "2015"^^xsd:gYear .

kgd:0123456789abcdef a kgo:NewsArticle ;
    dcterms:title "Meta vante l'open source" ; dcterms:language "fr" ;
    kgo:sourceFile "meta-llama-open-source.fr.txt" ;
    dcterms:date "2024-11-01"^^xsd:date ;
    kgo:mentions kge:meta, kge:mark-zuckerberg, kge:llama-3, kge:yann-lecun .
kgd:fedcba9876543210 a kgo:NewsArticle ;
    dcterms:title "La gouvernance d'OpenAI" ; dcterms:language "fr" ;
    kgo:sourceFile "openai-gouvernance.fr.txt" ;
    kgo:mentions kge:openai, kge:sam-altman, kge:bret-taylor, kge:gpt-4o, kge:chatgpt, kge:meta .

kgx:apposition-role a kgo:Extractor, prov:SoftwareAgent ;
    rdfs:label "apposition with a role noun" ; rdfs:comment "X, PDG de Y ..." .
kgx:svo-release a kgo:Extractor, prov:SoftwareAgent ; rdfs:label "subject verb object" .

kgs:s1 a rdf:Statement, prov:Entity ;
    rdf:subject kge:mark-zuckerberg ; rdf:predicate kgo:ceoOf ; rdf:object kge:meta ;
    prov:wasDerivedFrom kgd:0123456789abcdef ; prov:wasAttributedTo kgx:apposition-role ;
    kgo:confidence "0.9"^^xsd:decimal ;
    kgo:evidenceText "Lors d’un récent appel, le PDG de Meta, Mark Zuckerberg, s’est ouvert." ;
    kgo:startOffset 128 ; kgo:endOffset 305 ;
    kgo:subjectMention kgm:0123456789abcdef-181-196 ;
    kgo:objectMention kgm:0123456789abcdef-175-179 ;
    kgo:assertedOn "2024-11-01"^^xsd:date .
kgs:s2 a rdf:Statement, prov:Entity ;
    rdf:subject kge:mark-zuckerberg ; rdf:predicate kgo:ceoOf ; rdf:object kge:meta ;
    prov:wasDerivedFrom kgd:0123456789abcdef ; prov:wasAttributedTo kgx:apposition-role ;
    kgo:confidence "0.7"^^xsd:decimal ;
    kgo:evidenceText "Il dirige Meta depuis 2004." ;
    kgo:startOffset 400 ; kgo:endOffset 427 .
kgs:s3 a rdf:Statement, prov:Entity ;
    rdf:subject kge:meta ; rdf:predicate kgo:released ; rdf:object kge:llama-3 ;
    prov:wasDerivedFrom kgd:0123456789abcdef ; prov:wasAttributedTo kgx:svo-release ;
    kgo:confidence "0.8"^^xsd:decimal ;
    kgo:evidenceText "Meta a publié Llama 3." ; kgo:startOffset 10 ; kgo:endOffset 32 .
kgs:s4 a rdf:Statement, prov:Entity ;
    rdf:subject kge:yann-lecun ; rdf:predicate kgo:worksFor ; rdf:object kge:meta ;
    prov:wasDerivedFrom kgd:0123456789abcdef ; prov:wasAttributedTo kgx:apposition-role ;
    kgo:confidence "0.3"^^xsd:decimal ;
    kgo:evidenceText "Yann LeCun, chez Meta, estime que..." ;
    kgo:startOffset 500 ; kgo:endOffset 536 .
kgs:s5 a rdf:Statement, prov:Entity ;
    rdf:subject kge:sam-altman ; rdf:predicate kgo:ceoOf ; rdf:object kge:openai ;
    prov:wasDerivedFrom kgd:fedcba9876543210 ; prov:wasAttributedTo kgx:apposition-role ;
    kgo:confidence "0.4"^^xsd:decimal ;
    kgo:evidenceText "Sam Altman, patron d'OpenAI, a répondu." ;
    kgo:startOffset 0 ; kgo:endOffset 39 .
kgs:s6 a rdf:Statement, prov:Entity ;
    rdf:subject kge:bret-taylor ; rdf:predicate kgo:chairOf ; rdf:object kge:openai ;
    prov:wasDerivedFrom kgd:fedcba9876543210 ; prov:wasAttributedTo kgx:apposition-role ;
    kgo:confidence "0.6"^^xsd:decimal ;
    kgo:evidenceText "Bret Taylor, président du conseil d'OpenAI." ;
    kgo:startOffset 40 ; kgo:endOffset 83 .
kgs:s7 a rdf:Statement, prov:Entity ;
    rdf:subject kge:openai ; rdf:predicate kgo:develops ; rdf:object kge:gpt-4o ;
    prov:wasDerivedFrom kgd:fedcba9876543210 ; prov:wasAttributedTo kgx:svo-release ;
    kgo:confidence "0.7"^^xsd:decimal ;
    kgo:evidenceText "OpenAI développe GPT-4o." ; kgo:startOffset 90 ; kgo:endOffset 114 .
kgs:s8 a rdf:Statement, prov:Entity ;
    rdf:subject kge:chatgpt ; rdf:predicate kgo:productOf ; rdf:object kge:openai ;
    prov:wasDerivedFrom kgd:fedcba9876543210 ; prov:wasAttributedTo kgx:svo-release ;
    kgo:confidence "0.45"^^xsd:decimal ;
    kgo:evidenceText "ChatGPT, le produit phare d'OpenAI." ;
    kgo:startOffset 120 ; kgo:endOffset 155 .
kgs:s9 a rdf:Statement, prov:Entity ;
    rdf:subject kge:openai ; rdf:predicate kgo:foundingDate ; rdf:object "2015"^^xsd:gYear ;
    prov:wasDerivedFrom kgd:fedcba9876543210 ; prov:wasAttributedTo kgx:svo-release ;
    kgo:confidence "0.85"^^xsd:decimal ;
    kgo:evidenceText "OpenAI, fondée en 2015." ; kgo:startOffset 160 ; kgo:endOffset 183 .

kgm:0123456789abcdef-181-196 a kgo:Mention ;
    kgo:mentionText "Mark Zuckerberg" ; kgo:startOffset 181 ; kgo:endOffset 196 ;
    kgo:denotes kge:mark-zuckerberg .
kgm:0123456789abcdef-175-179 a kgo:Mention ;
    kgo:mentionText "Meta" ; kgo:startOffset 175 ; kgo:endOffset 179 ;
    kgo:denotes kge:meta .
"""

FIXTURE_TRIPLES = 169


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("graph") / "graph.ttl"
    path.write_text(FIXTURE_TTL, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def store(graph_file: Path) -> ox.Store:
    return load_store(graph_file)


@pytest.fixture(scope="module")
def rdf_graph() -> Graph:
    graph = Graph()
    graph.parse(data=FIXTURE_TTL, format="turtle")
    return graph


def e(slug: str) -> str:
    return KGE + slug


def o(name: str) -> str:
    return KGO + name


def column(result: QueryResult, name: str) -> list[str | None]:
    index = result.variables.index(name)
    return [row[index] for row in result.rows]


def pick(result: QueryResult, *names: str) -> list[tuple[str | None, ...]]:
    indexes = [result.variables.index(n) for n in names]
    return [tuple(row[i] for i in indexes) for row in result.rows]


# --------------------------------------------------------------------------- run_query


def test_run_query_on_turtle_file(graph_file: Path) -> None:
    result = run_query(
        graph_file,
        "SELECT ?p ?label WHERE { ?p a kgo:Person ; rdfs:label ?label } ORDER BY ?label",
    )
    assert result.kind == "select"
    assert result.variables == ["p", "label"]
    assert result.rows == [
        (e("bret-taylor"), "Bret Taylor"),
        (e("mark-zuckerberg"), "Mark Zuckerberg"),
        (e("sam-altman"), "Sam Altman"),
        (e("yann-lecun"), "Yann LeCun"),
    ]


def test_run_query_accepts_str_path_rdflib_graph_and_store(
    graph_file: Path, rdf_graph: Graph, store: ox.Store
) -> None:
    text = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    for source in (str(graph_file), rdf_graph, store):
        assert run_query(source, text).rows == [(str(FIXTURE_TRIPLES),)]


def test_unbound_values_are_none(store: ox.Store) -> None:
    result = run_query(
        store,
        "SELECT ?d ?date WHERE { ?d a kgo:NewsArticle OPTIONAL { ?d dcterms:date ?date } }"
        " ORDER BY ?d",
    )
    assert result.rows == [
        (KGD + "0123456789abcdef", "2024-11-01"),
        (KGD + "fedcba9876543210", None),
    ]


def test_ask_and_construct(store: ox.Store) -> None:
    assert run_query(store, "ASK { kge:meta a kgo:Company }").boolean is True
    assert run_query(store, "ASK { kge:meta a kgo:Person }").boolean is False
    result = run_query(store, "CONSTRUCT { ?p a kgo:Person } WHERE { ?p a kgo:Person }")
    assert result.kind == "graph"
    assert len(result.rows) == 4
    parsed = Graph().parse(data=result.graph, format="turtle")
    assert len(parsed) == 4
    assert "kge:mark-zuckerberg" in format_table(result)


def test_declared_prefixes_still_work(store: ox.Store) -> None:
    text = "PREFIX kge: <https://w3id.org/kgnews/entity/>\nASK { kge:meta ?p ?o }"
    assert run_query(store, text).boolean is True


def test_max_rows_truncates(store: ox.Store) -> None:
    result = run_query(store, "SELECT * WHERE { ?s ?p ?o }", max_rows=5)
    assert len(result.rows) == 5 and result.truncated
    assert not run_query(store, "SELECT * WHERE { ?s a kgo:Place }", max_rows=5).truncated


# --------------------------------------------------------------------------- errors


def test_malformed_query_gives_line_and_column(store: ox.Store) -> None:
    with pytest.raises(QueryError) as info:
        run_query(store, "SELECT ?x WHERE {\n  ?x ?y ?z .\n  FILTER(?x = ) }")
    message = str(info.value)
    assert message.startswith("query: line 3, column ")
    assert "\n" not in message


def test_update_is_not_a_query(store: ox.Store) -> None:
    with pytest.raises(QueryError, match="updates are not allowed"):
        run_query(store, "DROP ALL")
    assert len(store) == FIXTURE_TRIPLES


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:1/admin> { ?s ?p ?o } }",
    "select * { ?a ?b ?c . service silent <http://example.org/sparql> { ?s ?p ?o } }",
    "PREFIX ex: <http://e/>\nSELECT * WHERE { SERVICE ex:endpoint { ?s ?p ?o } }",
])
def test_service_is_refused_before_any_request(store: ox.Store, query: str) -> None:
    with pytest.raises(QueryError, match="SERVICE is not allowed"):
        run_query(store, query)


@pytest.mark.parametrize("query", [
    'SELECT ?service WHERE { ?service ?p "SERVICE" } # SERVICE <http://x/>',
    "SELECT * WHERE { ?s <http://e/SERVICE> ?o }",
])
def test_the_word_service_elsewhere_is_fine(store: ox.Store, query: str) -> None:
    run_query(store, query)


@pytest.mark.parametrize("update", [
    "INSERT DATA { <http://a> <http://b> <http://c> }",
    "PREFIX x: <http://a/>\n# a comment\nDELETE WHERE { ?s ?p ?o }",
    "LOAD <http://example.org/data.ttl>",
])
def test_updates_are_refused_as_updates(store: ox.Store, update: str) -> None:
    with pytest.raises(QueryError, match="updates are not allowed"):
        run_query(store, update)


def test_bad_turtle_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text(
        "@prefix kge: <https://w3id.org/kgnews/entity/> .\n"
        "kge:a kge:b kge:c .\n"
        'kge:a kge:b "unterminated ;\n'
        "kge:d kge:e kge:f .\n",
        encoding="utf-8",
    )
    with pytest.raises(QueryError) as info:
        run_query(bad, "ASK { ?s ?p ?o }")
    message = str(info.value)
    assert str(bad) in message and "line 3" in message and "\n" not in message


def test_undefined_prefix_in_turtle(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("\n\nnope:a nope:b nope:c .\n", encoding="utf-8")
    with pytest.raises(QueryError, match=r"bad\.ttl: line 3"):
        load_store(bad)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(QueryError, match=r"missing\.ttl: no such file"):
        run_query(tmp_path / "missing.ttl", "ASK {}")
    with pytest.raises(QueryError, match="is a directory"):
        run_query(tmp_path, "ASK {}")


def test_binary_file_is_a_query_error(tmp_path: Path) -> None:
    binary = tmp_path / "graph.ttl"
    binary.write_bytes(b"\xff\xfe\x00\x01garbage\x00")
    with pytest.raises(QueryError, match=r"graph\.ttl"):
        load_store(binary)


def test_param_must_be_selected(store: ox.Store) -> None:
    with pytest.raises(QueryError, match="parameter x: the query does not select"):
        run_query(store, "SELECT ?s WHERE { ?s ?p ?x }", params={"x": "kge:meta"})


# --------------------------------------------------------------------------- parameters


def test_param_terms() -> None:
    assert param_term("org", "Meta") == ox.Literal("Meta")
    assert param_term("org", "kge:meta") == ox.NamedNode(e("meta"))
    assert param_term("org", "<https://example.org/x>") == ox.NamedNode("https://example.org/x")
    # an unknown prefix is just text, a label may contain a colon
    assert param_term("org", "Meta: le groupe") == ox.Literal("Meta: le groupe")
    assert param_term("org", "foo:bar") == ox.Literal("foo:bar")
    with pytest.raises(QueryError, match="invalid IRI"):
        param_term("org", "<https://x> } DROP ALL <y>")


def test_params_bind_variables(store: ox.Store) -> None:
    text = "SELECT ?label ?e WHERE { ?e rdfs:label ?label }"
    assert run_query(store, text, params={"e": "kge:openai"}).rows == [("OpenAI", e("openai"))]
    assert run_query(store, text, params={"e": "OpenAI"}).rows == []


INJECTIONS = [
    '" } ; DROP ALL',
    "' } ; DROP ALL ; #",
    '"} UNION { ?s ?p ?o } #',
    'Meta" || true || "',
    "> } DROP ALL",
]


@pytest.mark.parametrize("value", INJECTIONS)
def test_params_cannot_change_the_query(store: ox.Store, value: str) -> None:
    for name, param in [
        ("who-leads", "org"),
        ("releases", "org"),
        ("about", "entity"),
        ("evidence", "subject"),
        ("evidence", "predicate"),
        ("evidence", "object"),
        ("entities-by-class", "class"),
        ("facts-by-article", "article"),
    ]:
        assert run_named_query(store, name, {param: value}).rows == [], (name, param)
    assert run_named_query(store, "low-confidence", {"max": value}).rows == []
    assert len(store) == FIXTURE_TRIPLES


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(value=st.text(max_size=40))
def test_any_param_value_only_filters(store: ox.Store, value: str) -> None:
    everything = set(run_named_query(store, "who-leads").rows)
    try:
        rows = run_named_query(store, "who-leads", {"org": value}).rows
    except QueryError as error:  # only a malformed <IRI> is refused
        assert "invalid IRI" in str(error)
        return
    assert set(rows) <= everything
    assert len(store) == FIXTURE_TRIPLES


# --------------------------------------------------------------------------- shipped queries

REQUIRED = {
    "who-leads",
    "releases",
    "about",
    "evidence",
    "low-confidence",
    "entities-by-class",
    "facts-by-article",
}


def test_shipped_queries_are_documented() -> None:
    queries = list_queries()
    assert {q.name for q in queries} >= REQUIRED
    for named in queries:
        assert named.title and named.description, named.name
        assert named.text.startswith("# title:"), named.name
        for param in named.params:
            assert param.description, (named.name, param.name)
            # pyoxigraph substitutes projected variables only
            assert f"?{param.name}" in named.text.split("WHERE", 1)[0], (named.name, param.name)
    about = get_query("about")
    assert [(p.name, p.required) for p in about.params] == [("entity", True)]
    low = get_query("low-confidence")
    assert [(p.name, p.default) for p in low.params] == [("max", "0.5")]
    assert [p.name for p in get_query("evidence").params] == ["subject", "predicate", "object"]


@pytest.mark.parametrize("named", list_queries(), ids=lambda q: q.name)
def test_every_shipped_query_runs(store: ox.Store, named) -> None:  # type: ignore[no-untyped-def]
    params = {p.name: "Meta" for p in named.params if p.required}
    result = run_named_query(store, named, params)
    assert result.kind == "select"
    assert not {p.name for p in named.params} & set(result.variables)


def test_unknown_query_and_params(store: ox.Store) -> None:
    with pytest.raises(QueryError, match="unknown query 'nope' \\(shipped: about"):
        get_query("nope")
    with pytest.raises(QueryError, match="unknown parameter company \\(parameters: org\\)"):
        run_named_query(store, "who-leads", {"company": "Meta"})
    with pytest.raises(QueryError, match="missing parameter entity"):
        run_named_query(store, "about")


WHO_LEADS_ALL = [
    (e("mark-zuckerberg"), o("ceoOf"), e("meta"), "2", "0.9"),
    (e("bret-taylor"), o("chairOf"), e("openai"), "1", "0.6"),
    (e("sam-altman"), o("ceoOf"), e("openai"), "1", "0.4"),
]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, WHO_LEADS_ALL),
        ({"org": "Meta"}, WHO_LEADS_ALL[:1]),
        ({"org": "meta"}, WHO_LEADS_ALL[:1]),
        ({"org": "Facebook"}, WHO_LEADS_ALL[:1]),  # an alias
        ({"org": "kge:openai"}, WHO_LEADS_ALL[1:]),
        ({"org": f"<{e('openai')}>"}, WHO_LEADS_ALL[1:]),
        ({"org": "Google"}, []),
    ],
)
def test_who_leads(
    store: ox.Store, params: dict[str, str], expected: list[tuple[str, ...]]
) -> None:
    result = run_named_query(store, "who-leads", params)
    assert pick(result, "person", "role", "organisation", "evidence", "confidence") == expected
    assert "org" not in result.variables


def test_who_leads_reads_inverse_properties(tmp_path: Path) -> None:
    path = tmp_path / "g.ttl"
    path.write_text(
        "@prefix kgo: <https://w3id.org/kgnews/ontology#> .\n"
        "@prefix kge: <https://w3id.org/kgnews/entity/> .\n"
        "kge:meta kgo:hasCeo kge:mark-zuckerberg .\n",
        encoding="utf-8",
    )
    result = run_named_query(path, "who-leads")
    assert pick(result, "person", "role", "organisation") == [
        (e("mark-zuckerberg"), o("ceoOf"), e("meta"))
    ]


def test_releases(store: ox.Store) -> None:
    result = run_named_query(store, "releases")
    assert pick(result, "organisation", "relation", "product", "product_class", "confidence") == [
        (e("meta"), o("released"), e("llama-3"), o("AIModel"), "0.8"),
        (e("openai"), o("develops"), e("gpt-4o"), o("AIModel"), "0.7"),
        (e("openai"), o("productOf"), e("chatgpt"), o("Software"), "0.45"),
    ]
    only_meta = run_named_query(store, "releases", {"org": "META"})
    assert column(only_meta, "product") == [e("llama-3")]


def test_about(store: ox.Store) -> None:
    result = run_named_query(store, "about", {"entity": "Mark Zuckerberg"})
    rows = pick(result, "direction", "property", "other", "evidence")
    assert ("out", o("ceoOf"), e("meta"), "2") in rows
    assert ("out", "http://www.w3.org/2004/02/skos/core#altLabel", "Zuckerberg", "0") in rows
    assert ("in", o("mentions"), KGD + "0123456789abcdef", "0") in rows
    # reification and mentions are left out
    assert not any(r[1].startswith("http://www.w3.org/1999/02/22-rdf-syntax-ns#s") for r in rows)
    assert o("denotes") not in column(result, "property")
    assert set(column(result, "subject")) == {e("mark-zuckerberg")}
    # by alias, by prefixed name: the same rows
    assert run_named_query(store, "about", {"entity": "zuckerberg"}).rows == result.rows
    assert run_named_query(store, "about", {"entity": "kge:mark-zuckerberg"}).rows == result.rows
    openai = run_named_query(store, "about", {"entity": "OpenAI"})
    assert ("in", o("chairOf"), e("bret-taylor"), "1") in pick(
        openai, "direction", "property", "other", "evidence"
    )
    assert ("out", o("foundingDate"), "2015", "1") in pick(
        openai, "direction", "property", "other", "evidence"
    )


def test_evidence(store: ox.Store) -> None:
    result = run_named_query(store, "evidence")
    assert len(result.rows) == 9
    assert result.variables[:3] == ["subj", "pred", "obj"]
    ceo = run_named_query(store, "evidence", {"predicate": "ceoOf", "subject": "Zuckerberg"})
    assert pick(ceo, "statement", "confidence", "extractor", "file", "start", "end") == [
        (
            "https://w3id.org/kgnews/statement/s1",
            "0.9",
            "https://w3id.org/kgnews/extractor/apposition-role",
            "meta-llama-open-source.fr.txt",
            "128",
            "305",
        ),
        (
            "https://w3id.org/kgnews/statement/s2",
            "0.7",
            "https://w3id.org/kgnews/extractor/apposition-role",
            "meta-llama-open-source.fr.txt",
            "400",
            "427",
        ),
    ]
    assert column(ceo, "text")[1] == "Il dirige Meta depuis 2004."
    assert column(ceo, "article") == [KGD + "0123456789abcdef"] * 2
    by_iri = run_named_query(store, "evidence", {"predicate": "kgo:ceoOf", "object": "OpenAI"})
    assert column(by_iri, "subj") == [e("sam-altman")]
    attribute = run_named_query(store, "evidence", {"object": "2015"})
    assert pick(attribute, "subj", "pred") == [(e("openai"), o("foundingDate"))]
    assert run_named_query(store, "evidence", {"predicate": "leads"}).rows == []


def test_low_confidence(store: ox.Store) -> None:
    result = run_named_query(store, "low-confidence")
    assert pick(result, "subj", "pred", "confidence", "extractors") == [
        (e("yann-lecun"), o("worksFor"), "0.3", "apposition-role"),
        (e("sam-altman"), o("ceoOf"), "0.4", "apposition-role"),
        (e("chatgpt"), o("productOf"), "0.45", "svo-release"),
    ]
    assert len(run_named_query(store, "low-confidence", {"max": "0.75"}).rows) == 5
    # Zuckerberg's fact has evidence at 0.7 and 0.9: the best one counts
    assert e("mark-zuckerberg") not in column(
        run_named_query(store, "low-confidence", {"max": "0.8"}), "subj"
    )
    assert run_named_query(store, "low-confidence", {"max": "0"}).rows == []


def test_entities_by_class(store: ox.Store) -> None:
    everything = run_named_query(store, "entities-by-class")
    assert len(everything.rows) == 10
    assert ("https://w3id.org/kgnews/entity/meta", "2") in pick(everything, "entity", "articles")
    people = run_named_query(store, "entities-by-class", {"class": "person"})
    assert column(people, "label") == ["Bret Taylor", "Mark Zuckerberg", "Sam Altman", "Yann LeCun"]
    products = run_named_query(store, "entities-by-class", {"class": "Product"})
    assert sorted(column(products, "entity")) == [e("chatgpt"), e("gpt-4o"), e("llama-3")]
    organisations = run_named_query(store, "entities-by-class", {"class": "kgo:Organization"})
    assert sorted(column(organisations, "entity")) == [e("meta"), e("openai")]
    assert column(run_named_query(store, "entities-by-class", {"class": "Place"}), "articles") == [
        "0"
    ]


def test_facts_by_article(store: ox.Store) -> None:
    everything = run_named_query(store, "facts-by-article")
    assert len(everything.rows) == 9
    by_file = run_named_query(store, "facts-by-article", {"article": "openai-gouvernance.fr.txt"})
    assert column(by_file, "start") == ["0", "40", "90", "120", "160"]
    by_title = run_named_query(store, "facts-by-article", {"article": "META VANTE L'OPEN SOURCE"})
    assert column(by_title, "subj") == [
        e("meta"),
        e("mark-zuckerberg"),
        e("mark-zuckerberg"),
        e("yann-lecun"),
    ]
    by_iri = run_named_query(store, "facts-by-article", {"article": "kgd:0123456789abcdef"})
    assert by_iri.rows == by_title.rows


# --------------------------------------------------------------------------- formats


def test_compact_iri() -> None:
    assert compact_iri(e("mark-zuckerberg")) == "kge:mark-zuckerberg"
    assert compact_iri(o("ceoOf")) == "kgo:ceoOf"
    assert compact_iri("http://www.w3.org/2004/02/skos/core#altLabel") == "skos:altLabel"
    assert compact_iri("http://purl.org/dc/terms/title") == "dcterms:title"
    assert compact_iri("https://example.org/x") == "<https://example.org/x>"
    assert compact_iri(e("a b")) == "<https://w3id.org/kgnews/entity/a b>"


def test_format_table(store: ox.Store) -> None:
    result = run_named_query(store, "who-leads")
    table = format_table(result)
    lines = table.splitlines()
    assert lines[0].split() == result.variables
    assert set(lines[1]) <= {"-", " "}
    assert "kge:mark-zuckerberg" in table and "kgo:ceoOf" in table and "https://" not in table
    assert lines[-1] == "(3 rows)"
    # columns are aligned: each column starts at the same offset on every line
    starts = [
        i for i, ch in enumerate(lines[1]) if ch == "-" and (i == 0 or lines[1][i - 1] == " ")
    ]
    for line in lines[2:-1]:
        for start in starts[1:]:
            assert line[start - 2 : start] == "  "
    evidence = run_named_query(store, "evidence")
    assert "Lors d’un récent…" in format_table(evidence, max_width=17)
    assert "s’est ouvert." in format_table(evidence, max_width=None)
    assert format_table(run_query(store, "ASK { ?s ?p ?o }")) == "true"


def test_format_csv_parses_back(store: ox.Store) -> None:
    result = run_named_query(store, "evidence")
    text = format_csv(result)
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == result.variables
    assert [tuple(r) for r in rows[1:]] == [
        tuple("" if v is None else v for v in row) for row in result.rows
    ]
    assert "\r\n" in text


def test_format_json_is_sparql_results_json(store: ox.Store) -> None:
    result = run_query(
        store,
        "SELECT ?s ?label ?conf ?date WHERE { ?s rdfs:label ?label "
        "OPTIONAL { ?st rdf:subject ?s ; kgo:confidence ?conf } "
        "OPTIONAL { ?s dcterms:date ?date } } ORDER BY ?s ?conf",
    )
    doc = json.loads(format_json(result))
    assert doc["head"]["vars"] == ["s", "label", "conf", "date"]
    bindings = doc["results"]["bindings"]
    assert len(bindings) == len(result.rows)
    meta = next(b for b in bindings if b["s"]["value"] == e("meta"))
    assert meta["s"] == {"type": "uri", "value": e("meta")}
    assert meta["label"] == {"type": "literal", "value": "Meta"}
    assert meta["conf"]["datatype"] == "http://www.w3.org/2001/XMLSchema#decimal"
    assert "date" not in meta
    # pyoxigraph reads it back as the same solutions, and so do the XML and TSV forms
    for fmt, text in [
        (ox.QueryResultsFormat.JSON, format_json(result)),
        (ox.QueryResultsFormat.XML, format_xml(result)),
        (ox.QueryResultsFormat.TSV, format_tsv(result)),
    ]:
        parsed = ox.parse_query_results(text.encode("utf-8"), format=fmt)
        back = [tuple(s[v] for v in result.variables) for s in parsed]
        assert back == result.terms, fmt
    ask = json.loads(format_json(run_query(store, "ASK { ?s a kgo:Place }")))
    assert ask == {"head": {}, "boolean": True}


# --------------------------------------------------------------------------- CLI


def invoke(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(query_command, list(args))


def test_cli_table(graph_file: Path) -> None:
    result = invoke(str(graph_file), "who-leads", "--param", "org=Meta")
    assert result.exit_code == 0, result.output
    assert "kge:mark-zuckerberg" in result.output and "(1 row)" in result.output


def test_cli_sparql_text_file_and_directory(graph_file: Path, tmp_path: Path) -> None:
    text = "SELECT ?l WHERE { ?x a kgo:Place ; rdfs:label ?l }"
    assert invoke(str(graph_file), text).output.splitlines()[2] == "Paris"
    rq = tmp_path / "q.rq"
    rq.write_text(text, encoding="utf-8")
    assert "Paris" in invoke(str(graph_file), "-f", str(rq)).output
    assert "Paris" in invoke(str(graph_file), str(rq)).output
    # a directory stands for its graph.ttl
    assert "Paris" in invoke(str(graph_file.parent), text).output


def test_cli_formats(graph_file: Path) -> None:
    csv_out = invoke(str(graph_file), "low-confidence", "--format", "csv")
    assert csv_out.exit_code == 0
    rows = list(csv.reader(io.StringIO(csv_out.output)))
    assert rows[0][:3] == ["subj", "pred", "obj"] and len(rows) == 4
    json_out = invoke(
        str(graph_file), "entities-by-class", "-p", "class=Person", "--format", "json"
    )
    assert json_out.exit_code == 0
    assert len(json.loads(json_out.output)["results"]["bindings"]) == 4


def test_cli_list() -> None:
    result = invoke("--list")
    assert result.exit_code == 0
    for name in REQUIRED:
        assert name in result.output
    assert "--param entity=" in result.output and "(required)" in result.output
    assert "default 0.5" in result.output


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["SELECT ?x WHERE { ?x ?y }"], "query: line 1, column"),
        (["nope"], "unknown query 'nope'"),
        (["about"], "missing parameter entity"),
        (["who-leads", "-p", "company=Meta"], "unknown parameter company"),
        (["-f", "/nonexistent/q.rq"], "q.rq: cannot read"),
    ],
)
def test_cli_errors_are_one_line(graph_file: Path, args: list[str], fragment: str) -> None:
    result = invoke(str(graph_file), *args)
    assert result.exit_code == 1
    assert fragment in result.output
    assert result.output.strip().count("\n") == 0
    assert "Traceback" not in result.output
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)


def test_cli_missing_graph_and_bad_turtle(tmp_path: Path) -> None:
    missing = invoke(str(tmp_path / "none.ttl"), "who-leads")
    assert missing.exit_code == 1 and "none.ttl: no such file" in missing.output
    bad = tmp_path / "bad.ttl"
    bad.write_text("kge:a kge:b .\n", encoding="utf-8")
    result = invoke(str(bad), "who-leads")
    assert result.exit_code == 1 and "bad.ttl: line 1" in result.output
    assert result.output.strip().count("\n") == 0


def test_cli_usage_errors(graph_file: Path) -> None:
    assert invoke().exit_code == 2
    assert invoke(str(graph_file)).exit_code == 2
    assert invoke(str(graph_file), "who-leads", "-p", "org").exit_code == 2
    assert invoke(str(graph_file), "who-leads", "-f", "x.rq").exit_code == 2
    assert invoke(str(graph_file), "who-leads", "--format", "xml").exit_code == 2


# --------------------------------------------------------------------------- export


def shuffled(graph: Graph, seed: int) -> Graph:
    triples = list(graph)
    random.Random(seed).shuffle(triples)
    out = Graph()
    for triple in triples:
        out.add(triple)
    return out


def test_turtle_round_trip_and_prefixes(rdf_graph: Graph, tmp_path: Path) -> None:
    path = tmp_path / "out" / "graph.ttl"
    write_turtle(rdf_graph, path)
    text = path.read_text(encoding="utf-8")
    for prefix in ("kgo", "kge", "kgd", "kgs", "kgm", "kgx", "rdfs", "skos", "prov", "xsd"):
        assert f"@prefix {prefix}: " in text
    assert isomorphic(Graph().parse(path, format="turtle"), rdf_graph)
    assert [p.name for p in path.parent.iterdir()] == ["graph.ttl"]  # no temp file left


def test_ntriples_sorted(rdf_graph: Graph, tmp_path: Path) -> None:
    path = tmp_path / "graph.nt"
    write_ntriples(rdf_graph, path)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines == sorted(lines) and len(lines) == FIXTURE_TRIPLES
    assert isomorphic(Graph().parse(path, format="nt"), rdf_graph)


def test_jsonld_round_trip(rdf_graph: Graph, tmp_path: Path) -> None:
    path = tmp_path / "graph.jsonld"
    write_jsonld(rdf_graph, path)
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["@context"]["kge"] == KGE
    assert isomorphic(Graph().parse(path, format="json-ld"), rdf_graph)


def test_graphml_for_gephi(rdf_graph: Graph, tmp_path: Path) -> None:
    path = tmp_path / "graph.graphml"
    write_graphml(rdf_graph, path)
    g = nx.read_graphml(path, force_multigraph=True)
    assert g.nodes[e("mark-zuckerberg")]["label"] == "Mark Zuckerberg"
    assert g.nodes[e("mark-zuckerberg")]["class"] == "Person"
    assert g.number_of_nodes() == 10
    edges = {(u, v, d["predicate"]): d for u, v, d in g.edges(data=True)}
    assert len(edges) == 7  # the entity-to-entity facts, not the foundingDate attribute
    ceo = edges[(e("mark-zuckerberg"), e("meta"), "ceoOf")]
    assert ceo["confidence"] == pytest.approx(0.9) and ceo["evidence"] == 2
    write_graphml(rdf_graph, path, include_articles=True)
    with_articles = nx.read_graphml(path, force_multigraph=True)
    assert with_articles.nodes[KGD + "fedcba9876543210"]["class"] == "NewsArticle"
    assert with_articles.number_of_nodes() == 12


def test_exports_are_deterministic(rdf_graph: Graph) -> None:
    for render in (turtle_bytes, ntriples_bytes, jsonld_bytes, graphml_bytes):
        assert render(shuffled(rdf_graph, 1)) == render(shuffled(rdf_graph, 2)), render.__name__


def test_exports_do_not_depend_on_the_hash_seed(tmp_path: Path) -> None:
    source = tmp_path / "in.ttl"
    source.write_text(FIXTURE_TTL, encoding="utf-8")
    script = (
        "import sys, hashlib; from rdflib import Graph; import kg.export as x\n"
        "g = Graph().parse(sys.argv[1])\n"
        "for f in (x.turtle_bytes, x.ntriples_bytes, x.jsonld_bytes, x.graphml_bytes):\n"
        "    print(hashlib.sha256(f(g)).hexdigest())\n"
    )
    root = str(Path(kg.__file__).resolve().parent.parent)
    outputs = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": root}
        done = subprocess.run(
            [sys.executable, "-c", script, str(source)],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
            check=True,
        )
        outputs.add(done.stdout)
    assert len(outputs) == 1
    local = "".join(
        hashlib.sha256(f(Graph().parse(source))).hexdigest() + "\n"
        for f in (turtle_bytes, ntriples_bytes, jsonld_bytes, graphml_bytes)
    )
    assert outputs == {local}


def test_write_is_atomic(rdf_graph: Graph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "graph.ttl"
    path.write_text("old", encoding="utf-8")

    def fail(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="disk full"):
        write_turtle(rdf_graph, path)
    assert path.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.ttl"]
