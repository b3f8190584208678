"""Tests for the inputs beyond single files (kg.sources, through kg.reader.iter_inputs): record
files, globs, standard input and web pages. No NLP model, no internet: web pages come from a
local server on 127.0.0.1."""

from __future__ import annotations

import gzip
import io
import json
import os
import socket
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from kg import reader, sources
from kg.errors import InputError
from kg.model import Document
from kg.reader import (
    OUTPUT_MARKER,
    SkippedInput,
    article_count,
    find_article_files,
    iter_documents,
    iter_inputs,
)
from kg.sources import RecordFields, iter_records, read_url

TEXT_A = "Le groupe de Mark Zuckerberg a annoncé l'opération jeudi. Alexandr Wang rejoindra Meta."
TEXT_B = "Emmanuel Macron a reçu le chancelier allemand à l'Élysée pour parler d'Europe."
TEXT_C = "Le Premier ministre a présenté son budget devant l'Assemblée nationale mardi."


def _write_jsonl(path: Path, records: list[object]) -> Path:
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _split(items: Iterator[Document | SkippedInput]
           ) -> tuple[list[Document], list[SkippedInput]]:
    documents: list[Document] = []
    skipped: list[SkippedInput] = []
    for item in items:
        (skipped if isinstance(item, SkippedInput) else documents).append(item)  # type: ignore[arg-type]
    return documents, skipped


def _reasons(skipped: list[SkippedInput]) -> dict[str, str]:
    for item in skipped:
        assert "\n" not in item.reason and item.reason
    return {item.source: item.reason for item in skipped}


# --------------------------------------------------------------------------------------------
# JSON Lines and CSV records
# --------------------------------------------------------------------------------------------


def test_jsonl_records_become_documents_with_their_title_date_and_source(tmp_path: Path) -> None:
    path = _write_jsonl(tmp_path / "archive.jsonl", [
        {"id": "a1", "title": "Meta rachète Scale AI", "date": "2025-06-12", "text": TEXT_A},
        {"title": "Visite", "date": "3 novembre 2024", "text": TEXT_B},
        {"url": "https://example.org/budget", "date": "2024-10-01T08:00:00Z", "text": TEXT_C},
    ])
    documents, skipped = _split(iter_inputs([path]))
    assert skipped == []
    assert [(d.source, d.title, d.date) for d in documents] == [
        ("archive.jsonl#a1", "Meta rachète Scale AI", "2025-06-12"),
        ("archive.jsonl#L2", "Visite", "2024-11-03"),
        ("https://example.org/budget", None, "2024-10-01"),
    ]
    assert [d.text for d in documents] == [TEXT_A, TEXT_B, TEXT_C]
    assert all(d.language == "fr" for d in documents)


def test_bad_records_are_skipped_and_named_while_the_others_are_read(tmp_path: Path) -> None:
    path = _write_jsonl(tmp_path / "archive.ndjson", [
        {"text": TEXT_A},
        "not json at all",
        {"id": 42, "text": "   "},
        {"title": "no text here"},
        [1, 2, 3],
        {"id": "d", "text": TEXT_B, "date": "hier"},
        {"text": {"nested": "object"}},
        "",
        {"text": TEXT_C},
    ])
    documents, skipped = _split(iter_inputs([path]))
    assert [d.source for d in documents] == ["archive.ndjson#L1", "archive.ndjson#L9"]
    shown = str(path)
    reasons = _reasons(skipped)
    assert list(reasons) == [f"{shown}#L2", f"{shown}#42", f"{shown}#L4", f"{shown}#L5",
                             f"{shown}#d", f"{shown}#L7"]
    assert reasons[f"{shown}#L2"].startswith("not valid JSON")
    assert reasons[f"{shown}#42"] == "empty text"
    assert reasons[f"{shown}#L4"] == "no 'text' field"
    assert reasons[f"{shown}#L5"] == "not a JSON object (a list)"
    assert "date 'hier' not understood" in reasons[f"{shown}#d"]
    assert reasons[f"{shown}#L7"] == "'text' is not text (a JSON object)"


def test_the_article_limit_applies_to_each_record_not_to_the_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reader, "MAX_FILE_BYTES", 300)
    long_text = "Le président a parlé. " * 20  # 440 characters
    records: list[object] = [{"id": str(i), "text": f"{TEXT_A} ({i})"} for i in range(10)]
    records.insert(3, {"id": "long", "text": long_text})
    path = _write_jsonl(tmp_path / "big.jsonl", records)
    assert path.stat().st_size > 300
    documents, skipped = _split(iter_inputs([path]))
    assert len(documents) == 10
    assert [s.source for s in skipped] == [f"{path}#long"]
    assert "too large for an article" in skipped[0].reason


def test_a_record_over_the_record_limit_is_skipped_without_being_held(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sources, "MAX_RECORD_BYTES", 1000)
    huge = json.dumps({"text": "x" * 5000})
    path = _write_jsonl(tmp_path / "a.jsonl", [{"text": TEXT_A}, huge, {"text": TEXT_B}])
    documents, skipped = _split(iter_inputs([path]))
    assert [d.text for d in documents] == [TEXT_A, TEXT_B]
    assert [s.source for s in skipped] == [f"{path}#L2"]
    assert "record too large" in skipped[0].reason


def test_records_are_read_as_a_stream(tmp_path: Path) -> None:
    """The reader holds the file open and reads it as it goes: a record appended after the
    first document was handed out is still read (a reader that loaded the file would not)."""
    path = _write_jsonl(tmp_path / "live.jsonl", [{"text": TEXT_A}, {"text": TEXT_B}])
    items = iter_inputs([path])
    first = next(items)
    assert isinstance(first, Document) and first.text == TEXT_A
    with path.open("a", encoding="utf-8") as stream:
        stream.write(json.dumps({"id": "late", "text": TEXT_C}) + "\n")
    rest = list(items)
    assert [d.source for d in rest if isinstance(d, Document)] == ["live.jsonl#L2",
                                                                  "live.jsonl#late"]


def test_iter_records_is_lazy(tmp_path: Path) -> None:
    path = _write_jsonl(tmp_path / "many.jsonl",
                        [{"id": str(i), "text": f"{TEXT_A} Numéro {i}."} for i in range(2000)])
    records = iter_records(path)
    assert next(records).source == "many.jsonl#0"  # type: ignore[union-attr]
    records.close()  # the file is closed with the generator


def test_configured_field_names(tmp_path: Path) -> None:
    path = _write_jsonl(tmp_path / "feed.jsonl", [
        {"guid": "x-1", "headline": "Budget", "published": "2024-12-01", "body": TEXT_C,
         "text": "not this one"},
    ])
    fields = RecordFields(text="body", title="headline", date="published", id="guid")
    (document,) = iter_inputs([path], fields=fields)
    assert isinstance(document, Document)
    assert (document.source, document.title, document.date, document.text) == (
        "feed.jsonl#x-1", "Budget", "2024-12-01", TEXT_C)


def test_an_unread_date_field_and_unix_times(tmp_path: Path) -> None:
    path = _write_jsonl(tmp_path / "t.jsonl", [
        {"text": TEXT_A, "date": "il y a deux heures"},
        {"text": TEXT_B, "date": 1730620800},
        {"text": TEXT_C, "date": 1730620800000},
    ])
    documents, skipped = _split(iter_inputs([path], fields=RecordFields(date=None)))
    assert skipped == [] and [d.date for d in documents] == [None, None, None]
    documents, skipped = _split(iter_inputs([path]))
    assert [s.source for s in skipped] == [f"{path}#L1"]
    assert [d.date for d in documents] == ["2024-11-03", "2024-11-03"]


def test_text_as_paragraphs_and_html_fragments(tmp_path: Path) -> None:
    path = _write_jsonl(tmp_path / "cms.jsonl", [
        {"text": [TEXT_A, TEXT_B]},
        {"text": f"<p>{TEXT_B}</p><p><strong>{TEXT_C}</strong></p>"},
    ])
    first, second = iter_inputs([path])
    assert isinstance(first, Document) and first.text == f"{TEXT_A}\n\n{TEXT_B}"
    assert isinstance(second, Document) and second.text == f"{TEXT_B}\n\n{TEXT_C}"


def test_csv_from_a_french_spreadsheet(tmp_path: Path) -> None:
    """Semicolons, a header in another case, a quoted text over two lines, cp1252, blank rows."""
    content = (
        "Id;Titre;Text;Date\r\n"
        f'7;"Le budget";"{TEXT_C}\r\nIl sera voté en décembre.";3 novembre 2024\r\n'
        ";;;\r\n"
        f"8;Visite;{TEXT_B};04/11/2024\r\n"
        "9;Vide;;\r\n"
    )
    path = tmp_path / "export.csv"
    path.write_bytes(content.encode("cp1252"))
    documents, skipped = _split(iter_inputs([path], fields=RecordFields(title="titre")))
    assert [(d.source, d.title, d.date) for d in documents] == [
        ("export.csv#7", "Le budget", "2024-11-03"),
        ("export.csv#8", "Visite", "2024-11-04"),
    ]
    assert documents[0].text == f"{TEXT_C}\nIl sera voté en décembre."
    assert _reasons(skipped) == {f"{path}#9": "empty text"}


def test_csv_rows_are_named_by_the_line_they_start_on(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text(f'title,text\nA,"{TEXT_A}\n\n{TEXT_B}"\nB,{TEXT_C}\n', encoding="utf-8-sig")
    documents, _ = _split(iter_inputs([path]))
    assert [d.source for d in documents] == ["a.csv#L2", "a.csv#L5"]
    assert [d.title for d in documents] == ["A", "B"]


def test_tsv_in_utf16_as_spreadsheets_save_unicode_text(tmp_path: Path) -> None:
    path = tmp_path / "a.tsv"
    path.write_bytes(f"text\ttitle\n{TEXT_A}\tUn\n{TEXT_B}\tDeux\n".encode("utf-16"))
    documents, skipped = _split(iter_inputs([path]))
    assert skipped == [] and [d.title for d in documents] == ["Un", "Deux"]


def test_a_named_csv_without_the_text_column_is_skipped_once(tmp_path: Path) -> None:
    path = tmp_path / "notes.csv"
    path.write_text("author,words\nA,12\nB,30\n", encoding="utf-8")
    assert list(iter_inputs([path])) == [
        SkippedInput(str(path), "no 'text' column (columns: 'author', 'words')")]


def test_whole_file_problems_are_one_skipped_input(tmp_path: Path) -> None:
    gz = tmp_path / "a.jsonl"
    gz.write_bytes(gzip.compress(b'{"text": "x"}\n'))
    empty = tmp_path / "b.jsonl"
    empty.write_text("\n\n", encoding="utf-8")
    header_only = tmp_path / "c.csv"
    header_only.write_text("text,title\n", encoding="utf-8")
    reasons = _reasons(_split(iter_inputs([gz, empty, header_only]))[1])
    assert reasons == {
        str(gz): "not a text file (looks like a gzip archive)",
        str(empty): "no record in this file (one JSON object per line)",
        str(header_only): "no record in this file (only a header row)",
    }


def test_a_csv_field_too_large_stops_that_file_cleanly(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sources, "MAX_RECORD_BYTES", 1000)
    path = tmp_path / "a.csv"
    path.write_text(f'text\n{TEXT_A}\n"{"x " * 2000}\nmore"\n{TEXT_B}\n', encoding="utf-8")
    documents, skipped = _split(iter_inputs([path]))
    assert [d.text for d in documents] == [TEXT_A]  # never half a record
    assert len(skipped) == 1 and "the rest of the file is not read" in skipped[0].reason


def test_strict_reading_stops_at_the_first_bad_record(tmp_path: Path) -> None:
    path = _write_jsonl(tmp_path / "a.jsonl", [{"text": TEXT_A}, "{oops", {"text": TEXT_B}])
    documents = iter_documents([path])
    assert next(documents).text == TEXT_A
    with pytest.raises(InputError, match=r"a\.jsonl#L2: not valid JSON"):
        next(documents)


def test_folders_read_record_files_but_not_other_spreadsheets(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    (folder / "sub").mkdir(parents=True)
    (folder / "one.txt").write_text(TEXT_A, encoding="utf-8")
    _write_jsonl(folder / "sub" / "feed.jsonl", [{"id": "f", "text": TEXT_B}])
    (folder / "articles.csv").write_text(f"title;text\nBudget;{TEXT_C}\n", encoding="utf-8")
    (folder / "metadata.csv").write_text("file,author\none.txt,A\n", encoding="utf-8")
    documents, skipped = _split(iter_inputs([folder]))
    assert skipped == []
    assert [d.source for d in documents] == ["articles.csv#L2", "one.txt", "feed.jsonl#f"]
    assert find_article_files([folder]) == [folder / "articles.csv", folder / "one.txt",
                                            folder / "sub" / "feed.jsonl"]
    assert article_count([folder]) is None  # records are only counted by reading them
    assert article_count([folder / "one.txt", "https://example.org/a", tmp_path / "nope"]) == 2


def test_a_folder_with_only_other_spreadsheets_has_no_article(tmp_path: Path) -> None:
    (tmp_path / "notes.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    (skipped,) = iter_inputs([tmp_path])
    assert isinstance(skipped, SkippedInput)
    assert "no article file" in skipped.reason


# --------------------------------------------------------------------------------------------
# Glob patterns
# --------------------------------------------------------------------------------------------


@pytest.fixture
def archive(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "archive"
    for relative in ("2024/article10.txt", "2024/article2.txt", "2023/article1.txt",
                     "2023/notes.pdf", "index.md", ".hidden/secret.txt", "out/graph.html",
                     "out/x.txt"):
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"{TEXT_A} ({relative})", encoding="utf-8")
    (root / "out" / OUTPUT_MARKER).write_text("", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return root


def test_a_glob_is_expanded_in_natural_order(archive: Path) -> None:
    documents, skipped = _split(iter_inputs(["archive/**/*.txt"]))
    assert skipped == []
    assert [d.source for d in documents] == ["article1.txt", "article2.txt", "article10.txt"]
    assert find_article_files(["archive/*/*.txt"]) == [
        Path("archive/2023/article1.txt"), Path("archive/2024/article2.txt"),
        Path("archive/2024/article10.txt")]


def test_a_glob_given_as_a_path_and_kg_outputs_left_out(archive: Path) -> None:
    sources_read = [d.source for d in iter_inputs([Path("archive/**/*.*")])
                    if isinstance(d, Document)]
    assert "graph.html" not in sources_read and "x.txt" not in sources_read
    assert "secret.txt" not in sources_read  # hidden folders, as in a folder walk
    assert {"article1.txt", "index.md"} <= set(sources_read)


def test_a_glob_matching_folders_walks_them_once(archive: Path) -> None:
    documents, _ = _split(iter_inputs(["archive/202*", "archive/2024/article2.txt"]))
    assert [d.source for d in documents] == ["article1.txt", "article2.txt", "article10.txt"]


def test_a_glob_matching_nothing_is_skipped_with_its_reason(archive: Path) -> None:
    items = list(iter_inputs(["archive/**/*.rtf", "archive/index.md"]))
    assert items[0] == SkippedInput("archive/**/*.rtf", "no file matches this pattern")
    assert isinstance(items[1], Document)
    with pytest.raises(InputError, match="no file matches"):
        list(iter_documents(["archive/*.rtf"]))


def test_a_file_whose_name_looks_like_a_pattern_is_read_as_named(tmp_path: Path) -> None:
    path = tmp_path / "article[1].txt"
    path.write_text(TEXT_A, encoding="utf-8")
    (document,) = iter_inputs([str(path)])
    assert isinstance(document, Document) and document.source == "article[1].txt"


# --------------------------------------------------------------------------------------------
# Standard input
# --------------------------------------------------------------------------------------------


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_stdin_is_one_article(monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, f"Le budget\n\nPublié le 3 novembre 2024\n\n{TEXT_C}\n".encode())
    (document,) = iter_inputs(["-"])
    assert isinstance(document, Document)
    assert (document.source, document.title, document.date) == ("<stdin>", "Le budget",
                                                                 "2024-11-03")


def test_stdin_as_a_text_stream_and_in_latin1(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(TEXT_B))
    (document,) = iter_inputs([Path("-")])
    assert isinstance(document, Document) and document.text == TEXT_B
    _stdin(monkeypatch, TEXT_B.encode("latin-1"))
    (document,) = iter_inputs(["-"])
    assert isinstance(document, Document) and document.text == TEXT_B


def test_stdin_json_lines_are_records(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = [json.dumps({"id": "a", "text": TEXT_A}), "", "oops",
             json.dumps({"title": "T", "text": TEXT_B})]
    _stdin(monkeypatch, "\n".join(lines).encode())
    items = list(iter_inputs(["-", "-"]))  # read once
    assert [(i.source, getattr(i, "title", None)) for i in items] == [
        ("<stdin>#a", None), ("<stdin>#L3", None), ("<stdin>#L4", "T")]
    assert isinstance(items[1], SkippedInput) and items[1].reason.startswith("not valid JSON")


def test_empty_or_oversized_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, b"  \n\n")
    assert list(iter_inputs(["-"])) == [SkippedInput("<stdin>", "empty input")]
    monkeypatch.setattr(reader, "MAX_FILE_BYTES", 100)
    _stdin(monkeypatch, ((TEXT_A + "\n") * 5).encode())
    (skipped,) = iter_inputs(["-"])
    assert isinstance(skipped, SkippedInput) and "too large" in skipped.reason


def test_stdin_records_are_read_as_they_come(monkeypatch: pytest.MonkeyPatch) -> None:
    """A writer that sends the second record only once the first document was handed out:
    a reader waiting for the end of its input would wait for the writer's give-up."""
    read_end, write_end = os.pipe()
    handed_out = threading.Event()
    waited: list[bool] = []

    def writer() -> None:
        with os.fdopen(write_end, "wb") as stream:
            stream.write((json.dumps({"id": "1", "text": TEXT_A}) + "\n").encode())
            stream.flush()
            waited.append(handed_out.wait(10))
            stream.write((json.dumps({"id": "2", "text": TEXT_B}) + "\n").encode())

    thread = threading.Thread(target=writer)
    thread.start()
    with os.fdopen(read_end, "rb") as stream:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(stream))
        items = iter_inputs(["-"])
        first = next(items)
        handed_out.set()
        rest = list(items)
    thread.join()
    assert waited == [True]
    assert [i.source for i in [first, *rest]] == ["<stdin>#1", "<stdin>#2"]


# --------------------------------------------------------------------------------------------
# Web pages (a local server; nothing leaves the machine)
# --------------------------------------------------------------------------------------------

PAGE = f"""<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8">
<title>Meta rachète une part de Scale AI | Le Journal</title>
<meta property="og:title" content="Meta rachète une part de Scale AI">
<meta property="article:published_time" content="2025-06-12T08:00:00+02:00">
</head><body>
<nav><a href="/">Accueil</a> | <a href="/monde">Monde</a> | <a href="/eco">Économie</a></nav>
<article><h1>Meta rachète une part de Scale AI</h1>
<p>{TEXT_A} Le fondateur de Scale AI dirigera une nouvelle équipe consacrée à la
superintelligence, selon un communiqué publié jeudi soir par l'entreprise californienne.</p>
<p>L'investissement atteint 14 milliards de dollars selon plusieurs sources proches du
dossier, ce qui en fait l'une des plus grosses opérations du secteur cette année.</p>
</article>
<footer>© 2025 Le Journal — Tous droits réservés</footer></body></html>"""

EMPTY_PAGE = "<!DOCTYPE html><html><head><title>Rien</title></head><body></body></html>"


class _Handler(BaseHTTPRequestHandler):
    release: threading.Event

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _send(self, status: int, body: bytes, content_type: str | None = None,
              headers: dict[str, str] | None = None, length: bool = True) -> None:
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        if length:
            self.send_header("Content-Length", str(len(body)))
        else:
            self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        path = self.path
        if path == "/article":
            assert self.headers["User-Agent"].startswith("kg/")
            self._send(200, PAGE.encode(), "text/html; charset=utf-8")
        elif path == "/latin1":
            self._send(200, PAGE.replace('<meta charset="utf-8">', "").encode("cp1252"),
                       "text/html; charset=iso-8859-1")
        elif path == "/redirect":
            self._send(302, b"", headers={"Location": "/article"})
        elif path == "/to-ftp":
            self._send(302, b"", headers={"Location": "ftp://127.0.0.1/file"})
        elif path == "/missing":
            self._send(404, b"<h1>Not found</h1>", "text/html")
        elif path == "/slow":
            self.release.wait(10)
            self._send(200, PAGE.encode(), "text/html")
        elif path == "/drip":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            for _ in range(40):
                if self.release.wait(0.1):
                    break
                self.wfile.write(b"<p>un peu</p>\n" * 5000)
                self.wfile.flush()
        elif path == "/pdf":
            self._send(200, b"%PDF-1.4 ...", "application/pdf")
        elif path == "/plain":
            self._send(200, f"Le budget\n\n{TEXT_C}\n".encode(), "text/plain; charset=utf-8")
        elif path == "/empty":
            self._send(200, EMPTY_PAGE.encode(), "text/html")
        elif path == "/big":
            self._send(200, PAGE.encode() * 20, "text/html")
        elif path == "/big-unannounced":
            self._send(200, PAGE.encode() * 20, "text/html", length=False)
        else:
            self._send(500, b"", "text/plain")


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    release = threading.Event()
    handler = type("Handler", (_Handler,), {"release": release})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    release.set()
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def web(server: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """The local server's address, with any proxy of the environment bypassed."""
    monkeypatch.setenv("no_proxy", "*")
    monkeypatch.setenv("NO_PROXY", "*")
    return server


def test_a_page_is_reduced_to_its_article_with_its_title_and_date(web: str) -> None:
    (document,) = iter_inputs([f"{web}/article"])
    assert isinstance(document, Document)
    assert document.source == f"{web}/article"
    assert document.title == "Meta rachète une part de Scale AI"
    assert document.date == "2025-06-12"
    assert TEXT_A in document.text and "14 milliards" in document.text
    assert "Accueil" not in document.text and "droits réservés" not in document.text
    assert "\n\n" in document.text  # one paragraph per block
    assert document.language == "fr"


def test_the_page_charset_is_used(web: str) -> None:
    document = read_url(f"{web}/latin1")
    assert "Économie" not in document.text and "Alexandr Wang rejoindra" in document.text
    assert document.title == "Meta rachète une part de Scale AI"


def test_redirects_are_followed_and_the_given_address_kept(web: str) -> None:
    document = read_url(f"{web}/redirect")
    assert document.source == f"{web}/redirect" and TEXT_A in document.text


def test_web_failures_are_skipped_with_a_one_line_reason(web: str) -> None:
    addresses = [f"{web}/{name}" for name in ("missing", "pdf", "empty", "to-ftp")]
    reasons = _reasons(_split(iter_inputs([*addresses, f"{web}/plain"]))[1])
    assert reasons == {
        f"{web}/missing": "HTTP 404 Not Found",
        f"{web}/pdf": "not a web page (Content-Type application/pdf)",
        f"{web}/empty": "no article text found in this page",
        f"{web}/to-ftp": "redirected to a non-web address (ftp://127.0.0.1/file)",
    }


def test_a_plain_text_address_is_read_as_a_text_file(web: str) -> None:
    document = read_url(f"{web}/plain")
    assert (document.title, document.text) == ("Le budget", f"Le budget\n\n{TEXT_C}")


def test_a_server_that_does_not_answer_in_time(web: str) -> None:
    (skipped,) = iter_inputs([f"{web}/slow"], timeout=0.3)
    assert skipped == SkippedInput(f"{web}/slow", "no answer within 0.3 s")


def test_a_page_that_arrives_too_slowly_overall(web: str) -> None:
    with pytest.raises(InputError, match=r"took longer than 0\.5 s"):
        read_url(f"{web}/drip", timeout=0.5, max_bytes=100 * 2**20)


def test_pages_over_the_size_limit(web: str) -> None:
    with pytest.raises(InputError, match=r"page too large \(0\.0 MB"):
        read_url(f"{web}/big", max_bytes=len(PAGE.encode()) * 2)
    with pytest.raises(InputError, match="page too large"):
        read_url(f"{web}/big-unannounced", max_bytes=len(PAGE.encode()) * 2)


def test_connection_refused_and_host_not_found(
        web: str, monkeypatch: pytest.MonkeyPatch) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    with pytest.raises(InputError, match="connection refused"):
        read_url(f"http://127.0.0.1:{closed_port}/")

    def no_dns(*args: object, **kwargs: object) -> object:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_dns)
    assert list(iter_inputs(["https://nowhere.invalid/a"])) == [
        SkippedInput("https://nowhere.invalid/a", "host not found")]


def test_only_web_addresses(tmp_path: Path) -> None:
    items = list(iter_inputs(["ftp://example.org/a.txt", "file:///etc/passwd",
                              Path("https://example.org/a")]))
    assert [i.reason for i in items if isinstance(i, SkippedInput)] == [
        "only http:// and https:// addresses are read",
        "only http:// and https:// addresses are read",
        "no such file (a web address given as a path: its '//' became '/'; give addresses "
        "as strings)",
    ]
    with pytest.raises(InputError, match="not a web address"):
        read_url("http:///nohost")


def test_reading_a_page_downloads_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    """trafilatura works on the page it is given, with the data it was installed with."""
    def refuse(*args: object, **kwargs: object) -> object:
        raise AssertionError("network used while reading a page")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    text, title, date = sources._article_from_html(PAGE.encode(), None,
                                                   "https://example.org/a", "page")
    assert TEXT_A in text and title and date == "2025-06-12"


def test_files_records_and_pages_mixed_in_order(web: str, tmp_path: Path) -> None:
    article = tmp_path / "one.txt"
    article.write_text(TEXT_B, encoding="utf-8")
    feed = _write_jsonl(tmp_path / "feed.jsonl", [{"id": "c", "text": TEXT_C}])
    items = list(iter_inputs([article, f"{web}/article", feed, f"{web}/article"]))
    assert [i.source for i in items] == ["one.txt", f"{web}/article", "feed.jsonl#c"]


def test_web_pages_without_a_working_trafilatura_are_skipped(
        web: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # import fails
    (skipped,) = iter_inputs([f"{web}/article"])
    assert isinstance(skipped, SkippedInput)
    assert skipped.reason.startswith("cannot read web pages (trafilatura does not load")
