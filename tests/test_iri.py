from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS

from kg.iri import slug
from kg.vocab import KGE


def test_slug_examples():
    assert slug("Mark Zuckerberg") == "mark-zuckerberg"
    assert slug("Société Générale") == "societe-generale"
    assert slug("L’Oréal") == "l-oreal"
    assert slug("Œuvre") == "oeuvre"
    assert slug("3M") == "n3m"


@given(st.text())
def test_any_label_gives_a_valid_stable_iri(label):
    key = slug(label)
    assert re.fullmatch(r"[a-z][a-z0-9-]*", key)
    assert key == slug(label)
    assert len(key) <= 80


@given(st.text(min_size=1))
def test_iri_survives_a_turtle_round_trip(label):
    node = KGE[slug(label)]
    graph = Graph()
    graph.bind("kge", KGE)
    graph.add((node, RDFS.label, Literal(label)))
    again = Graph().parse(data=graph.serialize(format="turtle"), format="turtle")
    assert (URIRef(str(node)), None, None) in again


def test_long_labels_do_not_collide():
    a = "x" * 70 + " un"
    b = "x" * 70 + " deux"
    assert slug(a) != slug(b)
