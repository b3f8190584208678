"""The kg serve worker process on its own: frames in, frames out, and it ends with its input."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from kg.query import load_store, turtle_prefixes
from kg.serve_worker import encode_frame, read_frame, write_frame

ROOT = Path(__file__).resolve().parent.parent
FEDERATED = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"


def test_frames_round_trip() -> None:
    stream = io.BytesIO()
    write_frame(stream, {"status": 200, "type": "text/plain"}, b"body\x00\xff")
    write_frame(stream, {"ready": True})
    stream.seek(0)
    assert read_frame(stream) == ({"status": 200, "type": "text/plain"}, b"body\x00\xff")
    assert read_frame(stream) == ({"ready": True}, b"")
    assert read_frame(stream) is None
    assert read_frame(io.BytesIO(encode_frame({"a": 1}, b"xyz")[:-1])) is None  # cut short


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    graph = tmp_path / "graph.ttl"
    graph.write_text(turtle_prefixes() + 'kge:meta a kgo:Company ; rdfs:label "Meta" .\n')
    path = tmp_path / "store"
    store = load_store(graph, directory=path)
    store.flush()
    del store
    return path


def start(store: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "kg.serve_worker", str(store), "5", str(2 << 30)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )


def test_a_worker_answers_queries_and_ends_with_its_input(store_path: Path) -> None:
    worker = start(store_path)
    assert worker.stdin is not None and worker.stdout is not None
    try:
        assert read_frame(worker.stdout) == ({"ready": True}, b"")
        queries = [
            ("SELECT ?l WHERE { kge:meta rdfs:label ?l }", ["text/csv"], 200, b"l\r\nMeta\r\n"),
            ("ASK { kge:meta a kgo:Company }", [], 200, b'"boolean": true'),
            ("SELECT ?x WHERE {", [], 400, b"query: line 1"),
            (FEDERATED, [], 400, b"SERVICE is not allowed"),
            ("ASK {}", ["image/png"], 406, b"not acceptable"),
        ]
        for query, accepts, status, expected in queries:
            worker.stdin.write(encode_frame({"accepts": accepts, "max_rows": 10}, query.encode()))
            worker.stdin.flush()
            frame = read_frame(worker.stdout)
            assert frame is not None
            head, body = frame
            assert head["status"] == status, body
            assert expected in body
        worker.stdin.close()
        assert worker.wait(timeout=10) == 0
    finally:
        worker.kill()
        worker.wait()
    assert worker.stderr is not None and worker.stderr.read() == b""


def test_a_worker_that_cannot_open_the_store_says_so(tmp_path: Path) -> None:
    worker = start(tmp_path / "missing")
    assert worker.stdout is not None
    try:
        frame = read_frame(worker.stdout)
        assert frame is not None and frame[0]["ready"] is False and frame[0]["error"]
        assert worker.wait(timeout=10) == 1
    finally:
        worker.kill()
        worker.wait()
