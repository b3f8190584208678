"""kg push: a graph into a SPARQL 1.1 Graph Store, as one named graph.

Fast tests run against a stub server (http.server on 127.0.0.1) that records each request;
the ``slow`` ones against a real Virtuoso started for the session (skipped, with the reason,
when virtuoso-t is not installed)."""

from __future__ import annotations

import base64
import json
import secrets
import shutil
import socket
import subprocess
import threading
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.push import GRAPH_BASE, PushError, graph_iri_of, push_graph
from tests.conftest import ROOT, SAMPLE

#: the sample article's graph, as committed (test_sample_article checks it is what kg builds)
SAMPLE_TTL = ROOT / "output" / "graph.ttl"

TRICKY_TTL = """\
@prefix ex: <https://example.org/ns#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<https://example.org/entity/Société_Générale_(banque)> ex:label "Société Générale"@fr ,
    "Societe Generale"@en-GB , "12"^^xsd:integer , "0.85"^^xsd:decimal .
<https://example.org/e/a%20b'c~d!e$f&g*h+i,j;k=l:m@n> ex:date "2024-07-23"^^xsd:date ,
    "2024-07-23T10:00:00+02:00"^^xsd:dateTime , "2024"^^xsd:gYear .
<https://example.org/e/ü/日本> ex:text \"\"\"ligne 1
ligne "2"\tun \\\\ et une tabulation\"\"\" , "emoji 🦙 lama" , "" ,
    "LONG" , "custom"^^<https://example.org/dt#x> .
<urn:isbn:978-2-07-036822-8> ex:p <mailto:a@b.fr> .
""".replace('"LONG"', '"' + "é" * 30_000 + 'fin"')  # 60 kB: Virtuoso 7.2 stops at 64 kB


def _triples(path: Path) -> set[str]:
    return {str(q.triple) for q in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)}


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# ---------------------------------------------------------------------------------------------
# a stub Graph Store


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes


@dataclass
class Stub:
    url: str
    requests: list[Request] = field(default_factory=list)
    #: None: accept; else (status, body) for every write
    refuse: tuple[int, str] | None = None
    #: ... after accepting this many
    accepted: int = 0
    #: "basic:USER:PASSWORD", "digest" (challenge, then accept any Digest header) or None
    auth: str | None = None
    delay: float = 0.0

    def graph(self) -> set[str]:
        """What the stub's named graph holds after the recorded PUT and POSTs."""
        triples: set[str] = set()
        for request in self.requests:
            if request.method == "PUT":
                triples = set()
            triples |= {str(q.triple) for q in ox.parse(request.body,
                                                         format=ox.RdfFormat.N_TRIPLES)}
        return triples


@pytest.fixture
def stub():
    state = Stub(url="")

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def _write(self) -> None:
            length = int(self.headers.get("Content-Length", 0))
            body = self.rfile.read(length)
            time.sleep(state.delay)
            given = self.headers.get("Authorization", "")
            if state.auth == "digest" and not given.startswith("Digest "):
                self._answer(401, "", {"WWW-Authenticate": 'Digest realm="stub", '
                                       'nonce="n0nce", qop="auth", algorithm="MD5"'})
                return
            if state.auth and state.auth.startswith("basic:"):
                expected = base64.b64encode(state.auth[6:].encode()).decode()
                if given != f"Basic {expected}":
                    self._answer(401, "", {"WWW-Authenticate": 'Basic realm="stub"'})
                    return
            parts = urllib.parse.urlsplit(self.path)
            state.requests.append(Request(self.command, parts.path,
                                          urllib.parse.parse_qs(parts.query),
                                          dict(self.headers.items()), body))
            if state.refuse and len(state.requests) > state.accepted:
                self._answer(state.refuse[0], state.refuse[1], {"Content-Type": "text/html"})
            else:
                self._answer(201 if self.command == "PUT" else 204, "", {})

        def _answer(self, status: int, text: str, headers: dict[str, str]) -> None:
            data = text.encode()
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_PUT = do_POST = _write

    class Server(ThreadingHTTPServer):
        def handle_error(self, request, client_address) -> None:
            pass  # a client gone (the timeout test): not worth a traceback on stderr

    server = Server(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}/store"
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def _build_folder(folder: Path, turtle: Path) -> Path:
    """A folder as kg build leaves it: the store, and graph.ttl beside it."""
    folder.mkdir()
    store = ox.Store(str(folder / "graph.oxigraph"))
    store.load(path=str(turtle), format=ox.RdfFormat.TURTLE)
    store.flush()
    del store
    shutil.copy(turtle, folder / "graph.ttl")
    return folder


@pytest.fixture
def tricky(tmp_path) -> Path:
    path = tmp_path / "tricky.ttl"
    path.write_text(TRICKY_TTL, encoding="utf-8")
    return path


def test_first_chunk_put_then_posts_into_one_named_graph(stub, tricky):
    result = push_graph(tricky, stub.url, chunk_triples=4)
    assert [r.method for r in stub.requests] == ["PUT", "POST", "POST", "POST"]
    assert result.chunks == 4 and result.triples == 13 == len(_triples(tricky))
    assert {r.query["graph"][0] for r in stub.requests} == {result.graph_iri}
    assert result.graph_iri.startswith(GRAPH_BASE)
    assert {r.headers["Content-Type"] for r in stub.requests} == {"application/n-triples"}
    assert all(r.path == "/store" for r in stub.requests)
    assert stub.graph() == _triples(tricky)


def test_digest_challenge_once_then_each_chunk_sent_once(stub, tricky):
    stub.auth = "digest"
    result = push_graph(tricky, stub.url, user="kg", password="pw-d1g3st", chunk_triples=5)
    assert result.chunks == 3
    # the stub records only the accepted requests: one each, the nonce reused
    assert [r.method for r in stub.requests] == ["PUT", "POST", "POST"]
    for request in stub.requests:
        header = request.headers["Authorization"]
        assert header.startswith("Digest ") and 'username="kg"' in header
        assert "pw-d1g3st" not in header


def test_basic_auth(stub, tricky):
    stub.auth = "basic:kg:pw-b4sic-€"
    push_graph(tricky, stub.url, user="kg", password="pw-b4sic-€", auth="basic")
    assert [r.method for r in stub.requests] == ["PUT"]
    with pytest.raises(PushError, match=r"401.*wrong user or password"):
        push_graph(tricky, stub.url, user="kg", password="nope", auth="basic")


def test_the_endpoints_query_string_is_kept(stub, tricky):
    push_graph(tricky, stub.url + "?token=x", graph_iri="urn:g:1")
    assert stub.requests[0].query == {"token": ["x"], "graph": ["urn:g:1"]}


def test_the_default_graph_iri_is_the_graphs_content(tmp_path, tricky):
    shuffled = tmp_path / "shuffled.nt"
    shuffled.write_text("".join(sorted(f"{t} .\n" for t in _triples(tricky))), encoding="utf-8")
    folder = _build_folder(tmp_path / "out", tricky)
    iri = graph_iri_of(tricky)
    assert iri == graph_iri_of(shuffled) == graph_iri_of(folder)
    assert iri == graph_iri_of(folder / "graph.oxigraph")
    changed = tmp_path / "changed.ttl"
    changed.write_text(TRICKY_TTL.replace("lama", "llama"), encoding="utf-8")
    assert graph_iri_of(changed) != iri


def test_a_build_folder_is_read_from_its_store(stub, tmp_path, tricky):
    folder = _build_folder(tmp_path / "out", tricky)
    (folder / "graph.ttl").write_text("this would not parse", encoding="utf-8")
    result = push_graph(folder, stub.url, chunk_triples=6)
    assert result.triples == 13 and stub.graph() == _triples(tricky)


def test_server_errors_are_one_line_with_the_servers_message(stub, tricky):
    stub.refuse = (500, "<html><head><title>x</title></head><body><h1>HTTP/1.1 500 Failed</h1>"
                        "<xmp>Graph <urn:g> is rejected:\n bad things</xmp></body></html>")
    with pytest.raises(PushError) as caught:
        push_graph(tricky, stub.url)
    message = str(caught.value)
    assert "\n" not in message
    assert "HTTP 500" in message and "Graph <urn:g> is rejected: bad things" in message
    stub.refuse = (404, "")
    with pytest.raises(PushError, match=r"HTTP 404.*no Graph Store here"):
        push_graph(tricky, stub.url)


def test_a_later_chunk_failing_says_what_the_graph_holds(stub, tricky):
    stub.refuse, stub.accepted = (503, "busy"), 1
    with pytest.raises(PushError, match=r"HTTP 503.*busy.*holds only 5 of the 13 triples"):
        push_graph(tricky, stub.url, chunk_triples=5)


def test_timeout(stub, tricky):
    stub.delay = 1.0
    with pytest.raises(PushError, match=r"no answer within 0.2 s"):
        push_graph(tricky, stub.url, timeout=0.2)


def test_refused_before_anything_is_sent(stub, tmp_path, tricky):
    with pytest.raises(PushError, match="not an http"):
        push_graph(tricky, "ftp://127.0.0.1/store")
    with pytest.raises(PushError, match="holds credentials") as caught:
        push_graph(tricky, "http://kg:s3cr3t@127.0.0.1/store")
    assert "s3cr3t" not in str(caught.value)
    for spoiled in ("http://kg:s3cr3t@127.0.0.1:po/store", "ftp://kg:s3cr3t@127.0.0.1/store"):
        with pytest.raises(PushError) as caught:  # a bad port or scheme: still not echoed
            push_graph(tricky, spoiled)
        assert "s3cr3t" not in str(caught.value)
    with pytest.raises(PushError, match="no graph in this folder"):
        push_graph(tmp_path, stub.url)
    with pytest.raises(PushError, match="no such file"):
        push_graph(tmp_path / "missing.ttl", stub.url)
    broken = tmp_path / "broken.ttl"
    broken.write_text(TRICKY_TTL + "<urn:a> <urn:b> .\n", encoding="utf-8")
    with pytest.raises(PushError, match="not Turtle"):
        push_graph(broken, stub.url)
    blank = tmp_path / "blank.ttl"
    blank.write_text("<urn:a> <urn:b> [ <urn:c> 1 ] .\n", encoding="utf-8")
    with pytest.raises(PushError, match="blank nodes"):
        push_graph(blank, stub.url, chunk_triples=1)
    with pytest.raises(PushError, match="absolute IRI"):
        push_graph(tricky, stub.url, graph_iri="graph 1")
    assert stub.requests == []
    push_graph(blank, stub.url)  # in one request, blank nodes are fine
    assert len(stub.graph()) == 2


def test_unreachable():
    with pytest.raises(PushError, match=r"cannot reach http://127.0.0.1:\d+/store: "
                                        r"Connection refused$"):
        push_graph(SAMPLE_TTL, f"http://127.0.0.1:{_free_port()}/store", timeout=5)


# the command line


def _error(result) -> str:
    """The message of a command that failed cleanly: status 1, one line, no traceback."""
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), result.exception
    assert result.output.startswith("Error: ") and result.output.count("\n") == 1
    assert "Traceback" not in result.output
    return result.output.removeprefix("Error: ").rstrip("\n")



def test_cli_summary_and_json(stub, tricky):
    result = CliRunner().invoke(main, ["push", str(tricky), stub.url, "--chunk-triples", "10"])
    assert result.exit_code == 0, result.output
    assert "13 triples in 2 chunk(s)" in result.output
    assert f"graph:    <{graph_iri_of(tricky)}>" in result.output
    result = CliRunner().invoke(main, ["push", str(tricky), stub.url, "--json",
                                       "--graph", "urn:x"])
    assert json.loads(result.output)["graph"] == "urn:x"


def test_cli_password_from_the_environment_or_a_file_never_shown(stub, tricky, tmp_path):
    stub.auth = "basic:kg:pw-fr0m-env"
    runner = CliRunner()
    ok = runner.invoke(main, ["push", str(tricky), stub.url, "-u", "kg", "--auth", "basic"],
                       env={"KG_PUSH_PASSWORD": "pw-fr0m-env"})
    assert ok.exit_code == 0, ok.output
    wrong = runner.invoke(main, ["push", str(tricky), stub.url, "-u", "kg", "--auth", "basic"],
                          env={"KG_PUSH_PASSWORD": "pw-wr0ng"})
    assert "pw-wr0ng" not in _error(wrong)
    secret = tmp_path / "password"
    secret.write_text("pw-fr0m-env\n", encoding="utf-8")
    from_file = runner.invoke(main, ["push", str(tricky), stub.url, "-u", "kg", "--auth",
                                     "basic", "--password-file", str(secret)],
                              env={"KG_PUSH_PASSWORD": None})
    assert from_file.exit_code == 0, from_file.output
    assert "pw-fr0m-env" not in ok.output + from_file.output
    missing = runner.invoke(main, ["push", str(tricky), stub.url, "-u", "kg"],
                            env={"KG_PUSH_PASSWORD": None})
    assert missing.exit_code == 2 and "KG_PUSH_PASSWORD" in missing.output
    no_option = runner.invoke(main, ["push", str(tricky), stub.url, "--password", "x"])
    assert no_option.exit_code == 2


def test_cli_errors_exit_1_on_one_line(tmp_path):
    result = CliRunner().invoke(main, ["push", str(tmp_path), "http://127.0.0.1:9/store"])
    assert _error(result) == (f"{tmp_path}: no graph in this folder (neither graph.oxigraph "
                              f"nor graph.ttl); kg build -o {tmp_path} ... writes one")
    result = CliRunner().invoke(main, ["push", str(SAMPLE_TTL), "gopher://127.0.0.1/"])
    assert "not an http(s) address" in _error(result)


def test_listed_in_kg_help():
    result = CliRunner().invoke(main, ["--help"])
    assert "push " in result.output


# ---------------------------------------------------------------------------------------------
# a real Virtuoso

VIRTUOSO_INI = """\
[Database]
DatabaseFile       = {root}/virtuoso.db
ErrorLogFile       = {root}/virtuoso.log
LockFile           = {root}/virtuoso.lck
TransactionFile    = {root}/virtuoso.trx
xa_persistent_file = {root}/virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
MaxCheckpointRemap = 2000
Striping           = 0
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile       = {root}/virtuoso-temp.db
TransactionFile    = {root}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping           = 0

[Parameters]
ServerPort             = 127.0.0.1:{sql_port}
DisableUnixSocket      = 1
DisableTcpSocket       = 0
MaxClientConnections   = 10
CheckpointInterval     = 60
O_DIRECT               = 0
CaseMode               = 2
MaxStaticCursorRows    = 5000
AllowOSCalls           = 0
DirsAllowed            = {root}
NumberOfBuffers        = 10000
MaxDirtyBuffers        = 6000

[HTTPServer]
ServerPort             = 127.0.0.1:{http_port}
ServerRoot             = {root}
MaxClientConnections   = 5
DavRoot                = DAV
EnabledDavVSP          = 0
HTTPProxyEnabled       = 0
ServerThreads          = 5
MaxKeepAlives          = 5
KeepAliveTimeout       = 10
Charset                = UTF-8
EnabledGzipContent     = 0

[Client]
SQL_PREFETCH_ROWS  = 100
SQL_PREFETCH_BYTES = 16000
SQL_QUERY_TIMEOUT  = 0
SQL_TXN_TIMEOUT    = 0

[SPARQL]
ResultSetMaxRows       = 100000
MaxQueryExecutionTime  = 60
"""


@dataclass(frozen=True)
class Virtuoso:
    http: str
    #: dba's, changed from the default; kgwriter's (who may write graphs) and kgreader's
    password: str
    writer_password: str

    @property
    def crud(self) -> str:
        """The Graph Store endpoint that asks for Digest auth."""
        return self.http + "/sparql-graph-crud-auth"

    def select(self, query: str) -> list[dict[str, dict[str, str]]]:
        request = urllib.request.Request(
            self.http + "/sparql?" + urllib.parse.urlencode({"query": query}),
            headers={"Accept": "application/sparql-results+json"})
        with urllib.request.urlopen(request, timeout=60) as response:
            return json.load(response)["results"]["bindings"]

    def count(self, graph: str) -> int:
        rows = self.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
        return int(rows[0]["n"]["value"])

    def triples(self, graph: str) -> set[str]:
        rows = self.select(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
        return {str(ox.Triple(*(_term(row[v]) for v in "spo"))) for row in rows}


def _term(value: dict[str, str]) -> ox.NamedNode | ox.Literal:
    if value["type"] == "uri":
        return ox.NamedNode(value["value"])
    if "xml:lang" in value:
        return ox.Literal(value["value"], language=value["xml:lang"])
    if "datatype" in value:
        return ox.Literal(value["value"], datatype=ox.NamedNode(value["datatype"]))
    return ox.Literal(value["value"])


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status == 200
    except OSError:
        return False


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory):
    """A Virtuoso of its own, on loopback ports, its dba password changed to a random one."""
    server, isql = shutil.which("virtuoso-t"), shutil.which("isql-vt")
    if server is None or isql is None:
        pytest.skip("Virtuoso is not installed (apt-get install virtuoso-opensource)")
    root = tmp_path_factory.mktemp("virtuoso")
    sql_port = http_port = _free_port()
    while http_port == sql_port:
        http_port = _free_port()
    ini = root / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(root=root, sql_port=sql_port, http_port=http_port),
                   encoding="utf-8")
    http = f"http://127.0.0.1:{http_port}"
    with open(root / "stdout.log", "wb") as log:
        process = subprocess.Popen([server, "+foreground", "+configfile", str(ini)], cwd=root,
                                   stdin=subprocess.DEVNULL, stdout=log,
                                   stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 180
        while not _answers(http + "/sparql?query=ASK%7B%7D"):
            if process.poll() is not None:
                pytest.fail("virtuoso-t stopped: "
                            + (root / "stdout.log").read_text(errors="replace")[-2000:])
            if time.monotonic() > deadline:
                pytest.fail("virtuoso-t did not answer within 180 s")
            time.sleep(0.5)
        password, writer_password = ("kg" + secrets.token_hex(12) for _ in range(2))
        # through stdin, never on a command line (ps shows those); a user who may only write
        # graphs (SPARQL_UPDATE), and one who may not
        script = (f"set password dba {password};\n"
                  f"DB.DBA.USER_CREATE ('kgwriter', '{writer_password}');\n"
                  "GRANT SPARQL_UPDATE TO \"kgwriter\";\n"
                  f"DB.DBA.USER_CREATE ('kgreader', '{writer_password}');\n")
        for _ in range(30):  # the SQL port may open a moment after the HTTP one
            done = subprocess.run([isql, f"127.0.0.1:{sql_port}", "dba", "dba"], input=script,
                                  text=True, capture_output=True, timeout=60)
            said = done.stdout + done.stderr
            if done.returncode == 0 and "Error" not in said:
                break
            if "Connect" not in said:
                pytest.fail(f"isql-vt could not set Virtuoso up: {said[-1000:]}")
            time.sleep(1)
        else:
            pytest.fail(f"isql-vt could not connect: {said[-1000:]}")
        yield Virtuoso(http=http, password=password, writer_password=writer_password)
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        shutil.rmtree(root, ignore_errors=True)


def _push(source: Path, virtuoso: Virtuoso, *args: str, user: str = "dba",
          password: str | None = None):
    return CliRunner().invoke(
        main, ["push", str(source), virtuoso.crud, "-u", user, *args],
        env={"KG_PUSH_PASSWORD": virtuoso.password if password is None else password})


@pytest.mark.slow
def test_virtuoso_holds_the_sample_graph_triple_for_triple(virtuoso):
    result = _push(SAMPLE_TTL, virtuoso, "--json")
    assert result.exit_code == 0, result.output
    graph = json.loads(result.output)["graph"]
    local = _triples(SAMPLE_TTL)
    assert virtuoso.count(graph) == len(local) == json.loads(result.output)["triples"]
    assert virtuoso.triples(graph) == local
    assert virtuoso.password not in result.output
    facts = virtuoso.select(f"""
        PREFIX kgo: <https://w3id.org/kgnews/ontology#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?start WHERE {{ GRAPH <{graph}> {{
          ?ceo rdfs:label "Mark Zuckerberg" ; kgo:ceoOf ?meta . ?meta rdfs:label "Meta" .
          ?period kgo:startDate ?start .
        }} }}""")
    assert [row["start"] for row in facts] == [
        {"type": "typed-literal", "datatype": "http://www.w3.org/2001/XMLSchema#date",
         "value": "2024-07-01"}]


@pytest.mark.slow
def test_virtuoso_push_again_replaces_and_chunks_add_up(virtuoso, tmp_path):
    first = _push(SAMPLE_TTL, virtuoso, "--graph", "urn:kg:test:again")
    again = _push(SAMPLE_TTL, virtuoso, "--graph", "urn:kg:test:again")
    assert first.exit_code == again.exit_code == 0, first.output + again.output
    total = len(_triples(SAMPLE_TTL))
    assert virtuoso.count("urn:kg:test:again") == total
    chunked = _push(SAMPLE_TTL, virtuoso, "--graph", "urn:kg:test:again", "--chunk-triples",
                    "40", "--json")
    assert json.loads(chunked.output)["chunks"] == -(-total // 40)
    assert virtuoso.count("urn:kg:test:again") == total
    empty = tmp_path / "empty.ttl"
    empty.write_text("@prefix ex: <https://example.org/> .\n", encoding="utf-8")
    emptied = _push(empty, virtuoso, "--graph", "urn:kg:test:again")
    assert emptied.exit_code == 0, emptied.output
    assert virtuoso.count("urn:kg:test:again") == 0


@pytest.mark.slow
def test_virtuoso_takes_unusual_literals_and_iris(virtuoso, tricky):
    result = _push(tricky, virtuoso, "--chunk-triples", "3")
    assert result.exit_code == 0, result.output
    assert virtuoso.triples(graph_iri_of(tricky)) == _triples(tricky)


@pytest.mark.slow
def test_virtuoso_a_build_folder(virtuoso, tmp_path):
    built = CliRunner().invoke(main, ["build", str(SAMPLE), "-o", str(tmp_path), "--no-html"])
    assert built.exit_code == 0, built.output
    assert (tmp_path / "graph.oxigraph").is_dir()
    result = _push(tmp_path, virtuoso)
    assert result.exit_code == 0, result.output
    iri = graph_iri_of(tmp_path)
    assert f"<{iri}>" in result.output and iri == graph_iri_of(tmp_path / "graph.ttl")
    assert virtuoso.triples(iri) == _triples(tmp_path / "graph.ttl")


@pytest.mark.slow
def test_virtuoso_wrong_password_and_unreachable_are_clean_errors(virtuoso):
    for wrong in ("dba", "not-" + virtuoso.password):  # "dba": the default was changed
        result = _push(SAMPLE_TTL, virtuoso, "--graph", "urn:kg:test:refused", password=wrong)
        message = _error(result)
        assert "HTTP 401" in message and "wrong user or password" in message
        assert virtuoso.password not in message
    assert virtuoso.count("urn:kg:test:refused") == 0
    port = _free_port()
    result = CliRunner().invoke(main, ["push", str(SAMPLE_TTL),
                                       f"http://127.0.0.1:{port}/sparql-graph-crud-auth",
                                       "-u", "dba"],
                                env={"KG_PUSH_PASSWORD": virtuoso.password})
    assert _error(result) == (f"cannot reach http://127.0.0.1:{port}/sparql-graph-crud-auth: "
                              "Connection refused")


@pytest.mark.slow
def test_virtuoso_a_user_who_may_write_graphs_and_one_who_may_not(virtuoso):
    writer = _push(SAMPLE_TTL, virtuoso, "--graph", "urn:kg:test:writer",
                   user="kgwriter", password=virtuoso.writer_password)
    assert writer.exit_code == 0, writer.output
    assert virtuoso.count("urn:kg:test:writer") == len(_triples(SAMPLE_TTL))
    reader = _push(SAMPLE_TTL, virtuoso, "--graph", "urn:kg:test:reader",
                   user="kgreader", password=virtuoso.writer_password)
    message = _error(reader)
    assert "HTTP 403" in message and "this user may not write graphs" in message
    assert virtuoso.writer_password not in message
    assert virtuoso.count("urn:kg:test:reader") == 0

