"""The command line: help, exit codes, one-line errors, nothing written on bad input."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from kg.cli import main


@pytest.mark.parametrize("command", [[], ["build"], ["query"], ["serve"], ["view"], ["export"],
                                     ["extractors"]])
def test_every_command_has_help(command):
    result = CliRunner().invoke(main, [*command, "--help"])
    assert result.exit_code == 0
    assert "Usage:" in result.output


@pytest.mark.parametrize(("name", "content", "expected"), [
    ("missing.txt", None, "no such file"),
    ("empty.txt", b"", "empty"),
    ("blank.txt", b"  \n\n \t", "empty"),
    ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "not a text"),
])
def test_bad_input_is_one_line_and_writes_nothing(tmp_path, name, content, expected):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(path), "-o", str(out)])
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    message = result.output.strip()
    assert len(message.splitlines()) == 1
    assert name in message and expected in message
    assert not out.exists()


def test_directory_without_articles(tmp_path):
    (tmp_path / "notes.csv").write_text("a,b\n")
    result = CliRunner().invoke(main, ["build", str(tmp_path), "-o", str(tmp_path / "out")])
    assert result.exit_code != 0
    assert "no article" in result.output
    assert len(result.output.strip().splitlines()) == 1


@pytest.mark.slow
def test_bad_file_among_good_ones_is_skipped_and_named(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Tim Cook, le PDG d'Apple, a parlé.", encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(good), str(bad), "-o", str(out)])
    assert result.exit_code == 4, result.output
    assert f"skipped: {bad}: empty file" in result.output
    assert (out / "graph.ttl").exists()


def test_strict_stops_at_the_first_bad_file_and_writes_nothing(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Tim Cook, le PDG d'Apple, a parlé.", encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(bad), str(good), "-o", str(out),
                                       "--strict"])
    assert result.exit_code == 1
    assert "bad.txt: empty file" in result.output
    assert not out.exists()


def test_min_confidence_must_be_a_probability(tmp_path):
    result = CliRunner().invoke(main, ["build", "x.txt", "--min-confidence", "2"])
    assert result.exit_code == 2
    assert "Traceback" not in result.output


@pytest.mark.slow
def test_build_writes_outputs_and_summary(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Titre\n\nTim Cook, le PDG d'Apple, a présenté l'iPhone 16.",
                       encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(article), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert (out / "graph.ttl").exists() and (out / "graph.html").exists()
    assert "ceoOf 1" in result.output
    assert "conforms" in result.output
    assert not [p for p in out.iterdir() if p.name.startswith(".kg-build-")]
    assert '<html lang="fr">' in (out / "graph.html").read_text(encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(article), "-o", str(out), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert '<html lang="en">' in (out / "graph.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_build_json_summary_and_min_confidence(tmp_path):
    import json

    article = tmp_path / "a.txt"
    article.write_text("Tim Cook, le PDG d'Apple, a parlé.", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(article), "-o", str(tmp_path / "o"),
                                       "--json", "--min-confidence", "0.99"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert summary["facts"] == {}
    assert summary["entities"]["Person"] == 1


@pytest.mark.parametrize("fmt", ["jsonld", "nt", "graphml", "turtle"])
def test_export_formats(tmp_path, fmt):
    from rdflib import Graph

    source = tmp_path / "g.ttl"
    source.write_text(
        "@prefix kgo: <https://w3id.org/kgnews/ontology#> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "<https://w3id.org/kgnews/entity/a> a kgo:Person ; rdfs:label \"A\" .\n",
        encoding="utf-8")
    out = tmp_path / f"g.{fmt}"
    result = CliRunner().invoke(main, ["export", str(source), "-f", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    if fmt == "graphml":
        import networkx as nx

        assert nx.read_graphml(out).number_of_nodes() == 1
    else:
        parsed = Graph().parse(out, format={"jsonld": "json-ld", "nt": "nt",
                                            "turtle": "turtle"}[fmt])
        assert len(parsed) == 2


def test_export_bad_turtle_is_one_line(tmp_path):
    source = tmp_path / "bad.ttl"
    source.write_text("this is { not turtle", encoding="utf-8")
    result = CliRunner().invoke(main, ["export", str(source), "-f", "nt"])
    assert result.exit_code == 1
    assert "bad.ttl" in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_extractors_lists_every_pattern():
    from kg.extract import EXTRACTORS

    result = CliRunner().invoke(main, ["extractors"])
    assert result.exit_code == 0
    assert {line.split()[0] for line in result.output.splitlines()} == set(EXTRACTORS)
