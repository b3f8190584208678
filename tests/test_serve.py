"""kg serve: the read-only SPARQL endpoint, started for real in a subprocess on 127.0.0.1."""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import Graph

import kg
from kg.cli_query import serve_command
from kg.query import looks_like_update, turtle_prefixes
from kg.serve import negotiate, page_csp

PREFIXES = turtle_prefixes()

GRAPH = (
    PREFIXES
    + """
kge:mark-zuckerberg a kgo:Person ; rdfs:label "Mark Zuckerberg" .
kge:meta a kgo:Company ; rdfs:label "Meta" .
kge:mark-zuckerberg kgo:ceoOf kge:meta .
kgd:0123456789abcdef a kgo:NewsArticle ; kgo:sourceFile "meta.fr.txt" ;
    dcterms:title "Meta vante l'open source" ; kgo:mentions kge:meta, kge:mark-zuckerberg .
kgs:s1 a rdf:Statement, prov:Entity ;
    rdf:subject kge:mark-zuckerberg ; rdf:predicate kgo:ceoOf ; rdf:object kge:meta ;
    prov:wasDerivedFrom kgd:0123456789abcdef ; prov:wasAttributedTo kgx:apposition-role ;
    kgo:confidence "0.9"^^xsd:decimal ; kgo:evidenceText "le PDG de Meta, Mark Zuckerberg" ;
    kgo:startOffset 128 ; kgo:endOffset 305 .
"""
)
BASE_TRIPLES = 21
BULK = 1500  # places, two triples each: a graph of a few thousand triples
TOTAL = BASE_TRIPLES + 2 * BULK
MAX_ROWS = 100
CROSS_PRODUCT = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0]


class Server:
    def __init__(self, base: str) -> None:
        self.base = base
        self.port = int(base.rsplit(":", 1)[1].strip("/"))

    def request(
        self,
        path: str,
        *,
        method: str = "GET",
        data: bytes | None = None,
        headers: dict[str, str] | None = None,
        timeout: float = 20,
    ) -> Reply:
        req = urllib.request.Request(
            self.base + path, data=data, headers=headers or {}, method=method
        )
        try:
            with urllib.request.urlopen(req, timeout=timeout) as response:
                return Reply(
                    response.status,
                    {k.lower(): v for k, v in response.headers.items()},
                    response.read(),
                )
        except urllib.error.HTTPError as error:
            return Reply(error.code, {k.lower(): v for k, v in error.headers.items()}, error.read())

    def get(
        self, query: str, accept: str | None = None, *, host: str | None = None, **extra: str
    ) -> Reply:
        params = urllib.parse.urlencode({"query": query, **extra})
        headers = {"Accept": accept} if accept else {}
        if host is not None:
            headers["Host"] = host
        return self.request(f"/sparql?{params}", headers=headers)

    def post_form(self, fields: dict[str, str], accept: str | None = None) -> Reply:
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        if accept:
            headers["Accept"] = accept
        data = urllib.parse.urlencode(fields).encode("utf-8")
        return self.request("/sparql", method="POST", data=data, headers=headers)

    def count(self) -> int:
        reply = self.get(COUNT)
        assert reply.status == 200, reply.text
        return int(json.loads(reply.body)["results"]["bindings"][0]["n"]["value"])


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def served_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("output")
    bulk = "".join(f'kge:place-{i} a kgo:Place ; rdfs:label "Place {i}" .\n' for i in range(BULK))
    (directory / "graph.ttl").write_text(GRAPH + bulk, encoding="utf-8")
    (directory / "graph.html").write_text(
        "<!DOCTYPE html><html><body><h1>kg graph view</h1></body></html>", encoding="utf-8"
    )
    (directory / "lib").mkdir()
    (directory / "lib" / "view.js").write_text("console.log('kg');\n", encoding="utf-8")
    return directory


@pytest.fixture(scope="module")
def server(served_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    port = free_port()
    root = str(Path(kg.__file__).resolve().parent.parent)
    log_path = tmp_path_factory.mktemp("log") / "serve.log"
    env = {**os.environ, "PYTHONPATH": root + os.pathsep + os.environ.get("PYTHONPATH", "")}
    command = [
        sys.executable,
        "-m",
        "kg.serve",
        str(served_dir),
        "--port",
        str(port),
        "--timeout",
        "1",
        "--max-rows",
        str(MAX_ROWS),
        "--workers",
        "2",
    ]
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env
        )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                pytest.fail(f"kg serve exited: {log_path.read_text(errors='replace')}")
            try:
                with urllib.request.urlopen(base + "/", timeout=1):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail(f"kg serve did not start: {log_path.read_text(errors='replace')}")
                time.sleep(0.1)
        yield Server(base)
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)
    # stopped cleanly, and the log is quiet: the announcement, then one line per request
    log = log_path.read_text(errors="replace")
    print(log)
    assert process.returncode == 0, log
    lines = log.splitlines()
    assert lines[0].startswith(f"kg serve: http://127.0.0.1:{port}/ (SPARQL endpoint"), log
    assert "Traceback" not in log
    request_line = re.compile(r'[0-9.]+:\d+ "[A-Z]+ \S+" \d{3} \d+ [0-9.]+ms$')
    assert all(request_line.match(line) for line in lines[1:]), log


# --------------------------------------------------------------------------- protocol


def test_get_returns_sparql_json(server: Server) -> None:
    reply = server.get("SELECT ?p WHERE { ?p a kgo:Person }")
    assert reply.status == 200
    assert reply.content_type == "application/sparql-results+json"
    doc = json.loads(reply.body)
    assert doc["head"]["vars"] == ["p"]
    assert doc["results"]["bindings"] == [
        {"p": {"type": "uri", "value": "https://w3id.org/kgnews/entity/mark-zuckerberg"}}
    ]
    assert server.count() == TOTAL


def test_post_form_and_sparql_query(server: Server) -> None:
    form = server.post_form({"query": "ASK { kge:meta a kgo:Company }"})
    assert form.status == 200 and json.loads(form.body)["boolean"] is True
    direct = server.request(
        "/sparql",
        method="POST",
        data=b"SELECT ?l WHERE { kge:meta rdfs:label ?l }",
        headers={"Content-Type": "application/sparql-query", "Accept": "text/csv"},
    )
    assert direct.status == 200 and direct.content_type == "text/csv"
    assert list(csv.reader(io.StringIO(direct.text))) == [["l"], ["Meta"]]


QUERY = "SELECT ?p ?l WHERE { ?p a kgo:Person ; rdfs:label ?l }"


@pytest.mark.parametrize(
    ("accept", "content_type", "results_format"),
    [
        (
            "application/sparql-results+json",
            "application/sparql-results+json",
            ox.QueryResultsFormat.JSON,
        ),
        (
            "application/sparql-results+xml",
            "application/sparql-results+xml",
            ox.QueryResultsFormat.XML,
        ),
        ("text/csv", "text/csv", ox.QueryResultsFormat.CSV),
        ("text/tab-separated-values", "text/tab-separated-values", ox.QueryResultsFormat.TSV),
        (
            "text/csv;q=0.5, application/sparql-results+xml",
            "application/sparql-results+xml",
            ox.QueryResultsFormat.XML,
        ),
        ("*/*", "application/sparql-results+json", ox.QueryResultsFormat.JSON),
    ],
)
def test_content_negotiation(
    server: Server, accept: str, content_type: str, results_format: ox.QueryResultsFormat
) -> None:
    reply = server.get(QUERY, accept=accept)
    assert reply.status == 200, reply.text
    assert reply.content_type == content_type
    if results_format == ox.QueryResultsFormat.CSV:  # lossy: pyoxigraph does not read it
        assert list(csv.reader(io.StringIO(reply.text))) == [
            ["p", "l"],
            ["https://w3id.org/kgnews/entity/mark-zuckerberg", "Mark Zuckerberg"],
        ]
        return
    solutions = list(ox.parse_query_results(reply.body, format=results_format))
    assert len(solutions) == 1
    assert solutions[0]["l"].value == "Mark Zuckerberg"


def test_format_parameter_wins(server: Server) -> None:
    reply = server.get(QUERY, accept="application/sparql-results+json", format="tsv")
    assert reply.content_type == "text/tab-separated-values"
    assert reply.text.splitlines()[0] == "?p\t?l"
    form = server.post_form({"query": QUERY, "format": "xml"})
    assert form.content_type == "application/sparql-results+xml"


def test_not_acceptable(server: Server) -> None:
    assert server.get(QUERY, accept="image/png").status == 406


def test_construct_is_turtle(server: Server) -> None:
    reply = server.get("CONSTRUCT { ?s kgo:ceoOf ?o } WHERE { ?s kgo:ceoOf ?o }")
    assert reply.status == 200 and reply.content_type == "text/turtle"
    assert len(Graph().parse(data=reply.text, format="turtle")) == 1
    nt = server.get("DESCRIBE kge:meta", accept="application/n-triples")
    assert nt.content_type == "application/n-triples"
    assert len(Graph().parse(data=nt.text, format="nt")) == 2  # type and label


# --------------------------------------------------------------------------- refusals


def test_updates_are_refused(server: Server) -> None:
    refused = [
        server.post_form({"update": "DROP ALL"}),
        server.post_form({"query": "DELETE WHERE { ?s ?p ?o }"}),
        server.post_form(
            {"query": "PREFIX x: <http://x#>\n# comment\nINSERT DATA { x:a x:b x:c }"}
        ),
        server.request(
            "/sparql",
            method="POST",
            data=b"CLEAR DEFAULT",
            headers={"Content-Type": "application/sparql-update"},
        ),
        server.request("/sparql?" + urllib.parse.urlencode({"update": "DROP ALL"})),
        server.get("DROP ALL"),
    ]
    for reply in refused:
        assert reply.status == 403, reply.text
        assert "updates are not allowed" in reply.text and "read-only" in reply.text
        assert reply.text.count("\n") == 1
    assert server.request("/sparql", method="PUT", data=b"x").status == 405
    deleted = server.request("/sparql", method="DELETE")
    assert deleted.status == 405 and deleted.headers["allow"] == "GET, HEAD, POST"
    assert server.count() == TOTAL


def test_bad_requests(server: Server) -> None:
    syntax = server.get("SELECT ?x WHERE {\n  ?x ?y }")
    assert syntax.status == 400
    assert syntax.text.startswith("query: line 2, column")
    assert server.request("/sparql").status == 400
    other = server.request(
        "/sparql", method="POST", data=b"{}", headers={"Content-Type": "application/json"}
    )
    assert other.status == 415
    assert server.request("/elsewhere", method="POST", data=b"").status == 404


# --------------------------------------------------------------------------- limits


@pytest.mark.slow
def test_timeout_stops_query_and_server_still_answers(server: Server) -> None:
    started = time.monotonic()
    reply = server.get(CROSS_PRODUCT, timeout=30)
    elapsed = time.monotonic() - started
    assert reply.status == 503, reply.text
    assert "time limit of 1 s" in reply.text
    assert elapsed < 10
    # both workers can be killed and replaced, and the server goes on answering
    assert server.post_form({"query": CROSS_PRODUCT}).status == 503
    for _ in range(3):
        assert server.count() == TOTAL


def test_other_queries_run_while_one_is_stopped(server: Server) -> None:
    outcome: dict[str, float] = {}

    def slow() -> None:
        outcome["status"] = server.get(CROSS_PRODUCT).status
        outcome["slow_done"] = time.monotonic()

    thread = threading.Thread(target=slow)
    thread.start()
    try:
        time.sleep(0.2)
        assert server.count() == TOTAL
        count_done = time.monotonic()
    finally:
        thread.join(timeout=30)
    assert outcome["status"] == 503
    # the second worker answered while the first one was still busy with the cross product
    assert count_done < outcome["slow_done"]


def test_result_limit(server: Server) -> None:
    reply = server.get("SELECT * WHERE { ?s ?p ?o }")
    assert reply.status == 200
    assert len(json.loads(reply.body)["results"]["bindings"]) == MAX_ROWS
    assert reply.headers.get("x-kg-truncated") == "true"
    # a cross product streams: the limit ends it long before the time limit
    endless = server.get("SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }", accept="text/csv")
    assert endless.status == 200
    assert len(endless.text.splitlines()) == MAX_ROWS + 1
    small = server.get("SELECT ?p WHERE { ?p a kgo:Person }")
    assert "x-kg-truncated" not in small.headers


# --------------------------------------------------------------------------- pages


def test_serves_the_page_the_graph_and_nothing_else(server: Server, served_dir: Path) -> None:
    page = server.request("/")
    assert page.status == 200 and page.content_type == "text/html"
    assert b"kg graph view" in page.body
    assert server.request("/graph.html").body == page.body
    head = server.request("/", method="HEAD")
    assert head.status == 200 and head.body == b""
    assert int(head.headers["content-length"]) == len(page.body)
    ttl = server.request("/graph.ttl")
    assert ttl.status == 200 and ttl.content_type == "text/turtle"
    assert ttl.body == (served_dir / "graph.ttl").read_bytes()
    # other files of the folder, directories, traversal, look-alikes: all 404
    (served_dir / "notes.txt").write_text("private\n", encoding="utf-8")
    for path in (
        "/lib/view.js",
        "/lib/",
        "/lib",
        "/notes.txt",
        "/index.html",
        "/graph.ttl/",
        "/GRAPH.TTL",
        "/./graph.ttl",
        "//graph.ttl",
        "/../graph.ttl",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/lib/../../x",
        "/lib/%2e%2e/graph.ttl",
        "/..%2fgraph.ttl",
        "/sparql/../graph.ttl",
        "/nope.html",
    ):
        reply = server.request(path)
        assert reply.status == 404, path
        assert reply.text.startswith("not found: ") and reply.text.count("\n") == 1, path
    assert server.request("/graph.ttl", method="POST", data=b"").status == 405


def test_security_headers(server: Server) -> None:
    page = server.request("/")
    assert page.headers["x-content-type-options"] == "nosniff"
    assert page.headers["x-frame-options"] == "DENY"
    assert page.headers["referrer-policy"] == "no-referrer"
    csp = page.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp
    assert "script-src 'none'" in csp  # this page has no script
    for reply in (page, server.get(COUNT), server.request("/nope"), server.request("/graph.ttl")):
        assert reply.headers["x-content-type-options"] == "nosniff"
        assert not any(name.startswith("access-control-") for name in reply.headers)
        assert "server" not in reply.headers
    # a CORS preflight gets no permission either
    preflight = server.request(
        "/sparql",
        method="OPTIONS",
        headers={"Origin": "http://evil.example", "Access-Control-Request-Method": "POST"},
    )
    assert preflight.status in (403, 405)
    assert not any(name.startswith("access-control-") for name in preflight.headers)


def test_page_csp_allows_the_inline_scripts_kg_writes() -> None:
    page = (
        '<html><head><meta http-equiv="Content-Security-Policy" content="x"></head><body>'
        '<script type="application/json" id="kg-data">{"a": 1}</script>'
        "<script>var a = 1;</script>\n<script>\nvar b = 2;\n</script></body></html>"
    )
    csp = page_csp(page)
    digests = [
        "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"
        for text in ("var a = 1;", "\nvar b = 2;\n")
    ]
    assert f"script-src {digests[0]} {digests[1]};" in csp
    assert "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]


# --------------------------------------------------------------------------- who may ask


def raw_request(port: int, data: bytes, timeout: float = 10) -> tuple[int, str]:
    """Send ``data`` as it is; (status, body) of the answer."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(data)
        chunks = []
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                break
            chunks.append(chunk)
    head, _, body = b"".join(chunks).partition(b"\r\n\r\n")
    return int(head.split(b" ", 2)[1]), body.decode("utf-8", "replace")


def test_wrong_host_is_refused(server: Server) -> None:
    port = server.port
    for host in (
        "evil.example",
        f"evil.example:{port}",
        f"localhost.evil.example:{port}",
        f"127.0.0.1:{port + 1}",
        "127.0.0.1",
        f"127.0.0.2:{port}",
    ):
        reply = server.request("/", headers={"Host": host})
        assert reply.status == 421, host
        assert reply.text.startswith("misdirected request: Host ") and reply.text.count("\n") == 1
        assert server.get(COUNT, host=host).status == 421, host
    # HTTP/1.0 without a Host: refused too
    status, body = raw_request(port, b"GET / HTTP/1.0\r\n\r\n")
    assert status == 421 and "Host none" in body
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", f"LOCALHOST:{port}", f"[::1]:{port}"):
        assert server.request("/", headers={"Host": host}).status == 200, host
        assert server.get(COUNT, host=host).status == 200, host


def test_queries_from_other_sites_are_refused(server: Server) -> None:
    query = urllib.parse.urlencode({"query": COUNT})
    for headers in (
        {"Origin": "http://evil.example"},
        {"Origin": f"http://evil.example:{server.port}"},
        {"Origin": f"http://127.0.0.1:{server.port + 1}"},
        {"Origin": f"https://127.0.0.1:{server.port}"},
        {"Origin": "null"},
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},
    ):
        get = server.request(f"/sparql?{query}", headers=headers)
        post = server.request(
            "/sparql",
            method="POST",
            data=query.encode(),
            headers={**headers, "Content-Type": "application/x-www-form-urlencoded"},
        )
        for reply in (get, post):
            assert reply.status == 403, headers
            assert reply.text.startswith("forbidden: a query from another site")
            assert not any(name.startswith("access-control-") for name in reply.headers)
    for headers in (
        {"Origin": f"http://127.0.0.1:{server.port}"},
        {"Origin": f"http://localhost:{server.port}", "Sec-Fetch-Site": "same-origin"},
        {"Sec-Fetch-Site": "none"},
    ):
        assert server.request(f"/sparql?{query}", headers=headers).status == 200, headers
    # the page itself may be opened from a link on another site
    assert server.request("/", headers={"Sec-Fetch-Site": "cross-site"}).status == 200


class Listener:
    """A local port that counts the connections it receives."""

    def __init__(self) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.1)
        self.port = int(self.sock.getsockname()[1])

    def connections(self, wait: float) -> int:
        count = 0
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            conn.close()
            count += 1
        return count


def test_service_is_refused_and_no_request_is_made(server: Server) -> None:
    listener = Listener()
    endpoint = f"http://127.0.0.1:{listener.port}/sparql"
    try:
        queries = [
            f"SELECT * WHERE {{ SERVICE <{endpoint}> {{ ?s ?p ?o }} }}",
            f"SELECT * WHERE {{ ?x a kgo:Person . service silent <{endpoint}> {{ ?x ?p ?o }} }}",
            f"ASK {{ SERVICE <{endpoint}> {{ }} }}",
            f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE <{endpoint}> {{ ?s ?p ?o }} }}",
        ]
        replies = []
        for query in queries:
            replies.append(server.get(query))
            replies.append(server.post_form({"query": query}))
            replies.append(
                server.request(
                    "/sparql",
                    method="POST",
                    data=query.encode(),
                    headers={"Content-Type": "application/sparql-query"},
                )
            )
        for reply in replies:
            assert reply.status == 400, reply.text
            assert reply.text.startswith("query: SERVICE is not allowed")
            assert reply.text.count("\n") == 1
        assert listener.connections(wait=0.5) == 0
    finally:
        listener.sock.close()


# --------------------------------------------------------------------------- helpers, CLI


def test_looks_like_update() -> None:
    assert looks_like_update("DROP ALL")
    assert looks_like_update("  prefix kge: <https://w3id.org/kgnews/entity/>\n# x\ninsert data {}")
    assert looks_like_update("BASE <http://x/> WITH <g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }")
    assert not looks_like_update("SELECT * WHERE { ?s ?p ?o }")
    assert not looks_like_update("PREFIX kgo: <https://w3id.org/kgnews/ontology#> ASK {}")
    assert not looks_like_update("# DROP ALL\nDESCRIBE <x>")


def test_negotiate() -> None:
    assert negotiate(None) == []
    assert negotiate("text/csv;q=0.2, application/sparql-results+xml;q=0.9, */*;q=0.1") == [
        "application/sparql-results+xml",
        "text/csv",
        "*/*",
    ]
    assert negotiate("text/csv", "json")[0] == "application/sparql-results+json"
    assert negotiate("text/csv;q=0") == []


def test_serve_cli_errors(tmp_path: Path) -> None:
    runner = CliRunner()
    missing = runner.invoke(serve_command, [str(tmp_path / "nope")])
    assert missing.exit_code == 1 and "no such file or directory" in missing.output
    empty = runner.invoke(serve_command, [str(tmp_path)])
    assert empty.exit_code == 1 and "no graph.ttl" in empty.output
    (tmp_path / "graph.ttl").write_text(PREFIXES + "\nkge:a kge:b .\n", encoding="utf-8")
    bad = runner.invoke(serve_command, [str(tmp_path), "--port", "0"])
    bad_line = PREFIXES.count("\n") + 2  # the header, a blank line, then the bad triple
    assert bad.exit_code == 1 and f"graph.ttl: line {bad_line}," in bad.output
    assert bad.output.strip().count("\n") == 0 and "Traceback" not in bad.output
    assert runner.invoke(serve_command, [str(tmp_path), "--timeout", "0"]).exit_code == 2
