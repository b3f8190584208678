"""kg.view: RDF -> networkx, and the self-contained HTML page (no browser needed)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, SKOS

from kg.view import layout, to_networkx, write_html
from kg.vocab import KGD, KGE, KGM, KGO, KGS, KGX, WD

XSD_NS = "http://www.w3.org/2001/XMLSchema#"

HOSTILE_SCRIPT = "<script>alert(1)</script>"
HOSTILE_IMG = '"><img src=x onerror=alert(1)>'
HOSTILE_TITLE = "</script><script>alert(2)</script><!--"


def add_fact(
    g: Graph,
    s: URIRef,
    p: URIRef,
    o: URIRef,
    *,
    doc: URIRef,
    sentence: str,
    sentence_start: int,
    subject_text: str,
    object_text: str,
    confidence: float,
    extractor: URIRef,
) -> URIRef:
    """The plain triple plus one reified statement with mentions, as docs/rdf-model.md says."""
    g.add((s, p, o))
    n = len(list(g.subjects(RDF.type, RDF.Statement)))
    st = KGS[f"st{n}"]
    doc_id = str(doc).rsplit("/", 1)[1]
    g.add((st, RDF.type, RDF.Statement))
    g.add((st, RDF.type, PROV.Entity))
    g.add((st, RDF.subject, s))
    g.add((st, RDF.predicate, p))
    g.add((st, RDF.object, o))
    g.add((st, PROV.wasDerivedFrom, doc))
    g.add((st, PROV.wasAttributedTo, extractor))
    g.add((st, KGO.confidence, Literal(str(confidence), datatype=URIRef(XSD_NS + "decimal"))))
    g.add((st, KGO.evidenceText, Literal(sentence)))
    g.add((st, KGO.startOffset, Literal(sentence_start)))
    g.add((st, KGO.endOffset, Literal(sentence_start + len(sentence))))
    for prop, text, ent in (
        (KGO.subjectMention, subject_text, s),
        (KGO.objectMention, object_text, o),
    ):
        start = sentence_start + sentence.index(text)
        m = KGM[f"{doc_id}-{start}-{start + len(text)}"]
        g.add((st, prop, m))
        g.add((m, RDF.type, KGO.Mention))
        g.add((m, KGO.mentionText, Literal(text)))
        g.add((m, KGO.startOffset, Literal(start)))
        g.add((m, KGO.endOffset, Literal(start + len(text))))
        g.add((m, KGO.denotes, ent))
    return st


def sample_graph() -> Graph:
    g = Graph()
    zuck, meta, llama, evil = KGE["mark-zuckerberg"], KGE.meta, KGE.llama, KGE.evil
    doc1, doc2 = KGD["0123456789abcdef"], KGD["fedcba9876543210"]
    ext = KGX["apposition-role"]
    g.add((zuck, RDF.type, KGO.Person))
    g.add((zuck, RDFS.label, Literal("Mark Zuckerberg")))
    g.add((zuck, SKOS.altLabel, Literal("Zuckerberg")))
    g.add((zuck, SKOS.altLabel, Literal("le PDG de Meta")))
    g.add((zuck, OWL.sameAs, WD.Q36215))
    g.add((meta, RDF.type, KGO.Company))
    g.add((meta, RDFS.label, Literal("Meta")))
    g.add((meta, SKOS.exactMatch, WD.Q380))
    g.add((meta, KGO.foundingDate, Literal("2004", datatype=URIRef(XSD_NS + "gYear"))))
    for cls in (KGO.Product, KGO.AIModel, KGO.Software):  # the most specific one wins
        g.add((llama, RDF.type, cls))
    g.add((llama, RDFS.label, Literal("Llama")))
    g.add((evil, RDF.type, KGO.Person))
    g.add((evil, RDFS.label, Literal(HOSTILE_SCRIPT)))
    g.add((evil, SKOS.altLabel, Literal(HOSTILE_IMG)))
    g.add((ext, RDF.type, KGO.Extractor))
    g.add((ext, RDF.type, PROV.SoftwareAgent))
    g.add((ext, RDFS.label, Literal("apposition with a role noun")))
    for doc, title, source in (
        (doc1, "Meta vante l’open source", "meta-llama.fr.txt"),
        (doc2, HOSTILE_TITLE, "evil.fr.txt"),
    ):
        g.add((doc, RDF.type, KGO.NewsArticle))
        g.add((doc, DCTERMS.title, Literal(title)))
        g.add((doc, KGO.sourceFile, Literal(source)))
    for ent in (zuck, meta, llama):
        g.add((doc1, KGO.mentions, ent))
    g.add((doc2, KGO.mentions, evil))
    add_fact(
        g, zuck, KGO.ceoOf, meta, doc=doc1,
        sentence="Le PDG de Meta, Mark Zuckerberg, s’est ouvert sur l’IA.",
        sentence_start=100, subject_text="Mark Zuckerberg", object_text="Meta",
        confidence=0.9, extractor=ext,
    )  # fmt: skip
    add_fact(
        g, zuck, KGO.ceoOf, meta, doc=doc1,
        sentence="Zuckerberg dirige Meta depuis 2004.",
        sentence_start=300, subject_text="Zuckerberg", object_text="Meta",
        confidence=0.6, extractor=ext,
    )  # fmt: skip
    add_fact(
        g, meta, KGO.develops, llama, doc=doc1,
        sentence="🚀 Meta développe Llama, son modèle ouvert.",  # offsets count code points
        sentence_start=400, subject_text="Meta", object_text="Llama",
        confidence=0.8, extractor=ext,
    )  # fmt: skip
    g.add((evil, KGO.worksFor, meta))  # a fact without evidence
    return g


def test_to_networkx_nodes_and_attributes() -> None:
    g = to_networkx(sample_graph())
    assert g.number_of_nodes() == 6
    assert g.number_of_edges() == 3 + 4
    zuck = g.nodes[str(KGE["mark-zuckerberg"])]
    assert zuck["label"] == "Mark Zuckerberg"
    assert zuck["cls"] == "Person"
    assert zuck["alt_labels"] == ["Zuckerberg", "le PDG de Meta"]
    assert zuck["fact_count"] == 1
    assert zuck["wikidata"] == str(WD.Q36215)
    meta = g.nodes[str(KGE.meta)]
    assert meta["cls"] == "Company"
    assert meta["fact_count"] == 3
    assert meta["wikidata"] == str(WD.Q380)
    assert meta["attributes"] == [("founding date", "2004")] or meta["attributes"][0][1] == "2004"
    assert g.nodes[str(KGE.llama)]["cls"] == "AIModel"
    article = g.nodes[str(KGD["0123456789abcdef"])]
    assert article["cls"] == "NewsArticle"
    assert article["label"] == "Meta vante l’open source"
    assert article["fact_count"] == 2
    assert sorted(g.successors(str(KGD["0123456789abcdef"]))) == sorted(
        str(e) for e in (KGE["mark-zuckerberg"], KGE.meta, KGE.llama)
    )


def test_to_networkx_edges_and_evidence() -> None:
    g = to_networkx(sample_graph())
    data = g.get_edge_data(str(KGE["mark-zuckerberg"]), str(KGE.meta))
    assert list(data) == [str(KGO.ceoOf)]
    edge = data[str(KGO.ceoOf)]
    assert edge["predicate"] == str(KGO.ceoOf)
    assert edge["kind"] == "fact"
    assert edge["label"]  # from the ontology when present, else "ceo of"
    assert edge["confidence"] == pytest.approx(0.9)
    assert [e["confidence"] for e in edge["evidence"]] == pytest.approx([0.9, 0.6])
    first = edge["evidence"][0]
    assert first["article_title"] == "Meta vante l’open source"
    assert first["source_file"] == "meta-llama.fr.txt"
    assert first["extractor"] == "apposition with a role noun"
    s0, s1 = first["subject_mention"]
    o0, o1 = first["object_mention"]
    assert first["text"][s0:s1] == "Mark Zuckerberg"
    assert first["text"][o0:o1] == "Meta"
    unsupported = g.get_edge_data(str(KGE.evil), str(KGE.meta))[str(KGO.worksFor)]
    assert unsupported["evidence"] == [] and unsupported["confidence"] is None
    mentions = g.get_edge_data(str(KGD["0123456789abcdef"]), str(KGE.meta))[str(KGO.mentions)]
    assert mentions["kind"] == "mentions"


def test_to_networkx_without_articles() -> None:
    g = to_networkx(sample_graph(), include_articles=False)
    assert g.number_of_nodes() == 4
    assert g.number_of_edges() == 3
    assert all(d["cls"] != "NewsArticle" for _, d in g.nodes(data=True))


def test_to_networkx_empty_graph() -> None:
    g = to_networkx(Graph())
    assert g.number_of_nodes() == 0 and g.number_of_edges() == 0


def _page(tmp_path: Path, graph: Graph | None = None) -> str:
    out = write_html(sample_graph() if graph is None else graph, tmp_path / "graph.html")
    assert out == tmp_path / "graph.html"
    assert not [p for p in tmp_path.iterdir() if p.name != "graph.html"]  # no temp file left
    return out.read_text(encoding="utf-8")


def test_html_is_self_contained(tmp_path: Path) -> None:
    page = _page(tmp_path)
    tags = re.findall(r"<(?:script|link|img|iframe|object|embed|source)\b[^>]*>", page, re.I)
    for tag in tags:
        assert not re.search(r"(?:src|href)\s*=", tag, re.I), tag
    # no markup fetches anything: no src/href attribute and no CSS url() pointing outside
    markup = re.sub(r"(<script\b[^>]*>).*?</script>", r"\1</script>", page, flags=re.S)
    assert not re.search(r"""\b(?:src|href)\s*=\s*["']?(?:https?:)?//""", markup, re.I)
    assert not re.search(r"url\(\s*[\"']?(?:https?:)?//", page, re.I)
    assert "<link" not in page.lower()
    assert "@import" not in page and "sourceMappingURL" not in page
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert "vis.Network" in page  # vis-network is inlined


def test_hostile_labels_are_escaped(tmp_path: Path) -> None:
    page = _page(tmp_path)
    assert HOSTILE_SCRIPT not in page
    assert "<img" not in page
    assert "alert(2)</script>" not in page
    assert page.count("</script>") == 3  # data, vis-network, app: nothing else closes a script
    data = re.search(
        r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S
    ).group(1)  # type: ignore[union-attr]
    assert "<" not in data and ">" not in data
    parsed = json.loads(data)
    labels = {n["label"] for n in parsed["info"]["nodes"]}
    assert HOSTILE_SCRIPT in labels and HOSTILE_TITLE in labels


def test_hostile_title_is_escaped(tmp_path: Path) -> None:
    out = write_html(sample_graph(), tmp_path / "g.html", title=HOSTILE_SCRIPT)
    page = out.read_text(encoding="utf-8")
    assert HOSTILE_SCRIPT not in page
    assert "<title>&lt;script&gt;" in page


def test_html_for_empty_graph(tmp_path: Path) -> None:
    page = _page(tmp_path, Graph())
    assert '"nodes":[]' in page


def test_layout_is_deterministic_and_complete() -> None:
    g = to_networkx(sample_graph())
    pos = layout(g)
    assert set(pos) == set(g.nodes)
    assert pos == layout(g)
    assert len(set(pos.values())) == len(pos)  # no two nodes on top of each other


def test_cli_view(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from kg.cli_view import view

    ttl = tmp_path / "g.ttl"
    sample_graph().serialize(ttl, format="turtle")
    out = tmp_path / "out.html"
    result = CliRunner().invoke(view, [str(ttl), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle .", encoding="utf-8")
    result = CliRunner().invoke(view, [str(bad), "-o", str(out)])
    assert result.exit_code != 0
    assert "Error:" in result.output and len(result.output.strip().splitlines()) == 1


def test_the_page_speaks_french_by_default_and_english_on_request(tmp_path: Path) -> None:
    french = write_html(sample_graph(), tmp_path / "fr.html").read_text(encoding="utf-8")
    english = write_html(sample_graph(), tmp_path / "en.html", lang="en").read_text(
        encoding="utf-8"
    )
    assert '<html lang="fr">' in french and 'placeholder="Chercher une entité…"' in french
    assert '<html lang="en">' in english and 'placeholder="Find an entity…"' in english
    data = json.loads(re.search(r'id="kg-data">(.*?)</script>', french, re.S).group(1))  # type: ignore[union-attr]
    assert data["lang"] == "fr"
    assert data["terms"][str(KGO.Person)] == {"fr": "personne", "en": "person"}
    # the article titles stay as they are, in both
    assert "Meta vante l’open source" in french and "Meta vante l’open source" in english
    with pytest.raises(ValueError):
        write_html(sample_graph(), tmp_path / "x.html", lang="de")


def test_set_page_language_keeps_the_scripts(tmp_path: Path) -> None:
    from kg.serve import page_csp
    from kg.view import set_page_language

    page = write_html(sample_graph(), tmp_path / "g.html").read_text(encoding="utf-8")
    english = set_page_language(page, "en")
    assert '<meta name="kg-lang" content="en">' in english and '<html lang="en">' in english
    assert page_csp(english) == page_csp(page)


def test_focus_opens_on_one_entitys_neighbourhood(tmp_path: Path) -> None:
    page = write_html(sample_graph(), tmp_path / "g.html", focus="Llama").read_text("utf-8")
    data = json.loads(re.search(r'id="kg-data">(.*?)</script>', page, re.S).group(1))  # type: ignore[union-attr]
    nodes = data["info"]["nodes"]
    assert nodes[data["focus"]]["iri"] == str(KGE.llama)
    assert {nodes[i]["iri"] for i in data["overview"]} == {str(KGE.llama), str(KGE.meta)}
    with pytest.raises(ValueError, match="no entity"):
        write_html(sample_graph(), tmp_path / "g.html", focus="nobody")


def test_cli_view_lang_and_focus(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from kg.cli_view import view

    ttl = tmp_path / "g.ttl"
    sample_graph().serialize(ttl, format="turtle")
    out = tmp_path / "out.html"
    result = CliRunner().invoke(view, [str(ttl), "-o", str(out), "--lang", "en", "--focus",
                                       str(KGE.meta)])
    assert result.exit_code == 0, result.output
    assert '<html lang="en">' in out.read_text(encoding="utf-8")
    result = CliRunner().invoke(view, [str(ttl), "-o", str(out), "--focus", "nobody"])
    assert result.exit_code != 0 and "no entity" in result.output


@pytest.mark.slow
def test_the_page_of_a_big_archive_stays_small(tmp_path: Path) -> None:
    """20 000 synthetic entities (bench/view.py), written as kg build writes them: the page
    carries the most connected PAGE_ENTITIES, and weighs a few MB, not a hundred."""
    from bench.view import build_folder
    from kg.view import PAGE_ENTITIES

    row = build_folder(20_000, tmp_path / "archive")
    assert row["carried"] == PAGE_ENTITIES
    assert row["mb"] < 4.0, row["mb"]
    page = row["path"].read_text(encoding="utf-8")
    data = json.loads(re.search(r'id="kg-data">(.*?)</script>', page, re.S).group(1))  # type: ignore[union-attr]
    assert data["total"]["entities"] == 20_000
    assert len(data["overview"]) == 100
    assert all(len(e["ev"]) <= 3 for e in data["info"]["edges"])
    assert data["dates"] is not None


def test_kg_serve_lang_switches_the_written_page() -> None:
    import urllib.request

    from kg.serve import ServeConfig, SparqlServer

    root = Path(__file__).resolve().parent.parent / "output"
    with (
        SparqlServer(root, ServeConfig(port=0, workers=1, lang="en")) as server,
        urllib.request.urlopen(server.url, timeout=30) as response,
    ):
        page = response.read().decode("utf-8")
        csp = response.headers["Content-Security-Policy"]
    assert '<html lang="en">' in page and '<meta name="kg-lang" content="en">' in page
    assert "connect-src 'self'" in csp
    written = (root / "graph.html").read_text(encoding="utf-8")
    assert '<html lang="fr">' in written  # the file kg build wrote is left as it was
