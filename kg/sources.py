"""Inputs that are not one article file: record files, standard input and web pages.

:func:`kg.reader.iter_inputs` hands them here; each gives :class:`~kg.model.Document` objects
(or :class:`~kg.reader.SkippedInput` for what cannot be read, one line saying why):

* :func:`iter_records` -- a JSON Lines (``.jsonl``, ``.ndjson``) or CSV (``.csv``, ``.tsv``)
  file with one article per record, read as a stream: a record is held in memory only while it
  is read, so a file of any size goes through; the 2 MB article limit applies to each record.
  Which field holds what is a :class:`RecordFields`. A record's document is named
  ``FILE#ID`` after its id field, else after its url field, else ``FILE#LN`` (the line it
  starts on);
* :func:`read_stdin` -- ``-``: one article, or JSON Lines records when the first non-empty
  line is a JSON object;
* :func:`read_url` -- one web page fetched with the standard library (only ``http``/``https``,
  redirects followed, a time limit, a size limit) and reduced to its article by trafilatura,
  which also gives the page's title and date. Nothing else is ever fetched: trafilatura works
  on the page kg hands it, with the data it was installed with.
"""

from __future__ import annotations

import csv
import http.client
import io
import json
import os
import re
import socket
import ssl
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any, BinaryIO
from urllib.parse import quote, urlsplit, urlunsplit

from kg import __version__
from kg.errors import InputError
from kg.model import Document
from kg.reader import (
    _BOMS,
    _CONTROL_BYTES,
    _MAGIC,
    SkippedInput,
    _decode,
    _decode_line,
    _display,
    _iso_date,
    _looks_like_html,
    _reason,
    _sniff_utf16,
    document_from_text,
)

__all__ = [
    "MAX_PAGE_BYTES",
    "MAX_RECORD_BYTES",
    "URL_TIMEOUT",
    "USER_AGENT",
    "RecordFields",
    "iter_records",
    "names_text_column",
    "read_stdin",
    "read_url",
]

#: the largest record read (a line of JSON Lines, a CSV record): the 2 MB article limit with
#: room for JSON escapes (``\\u00e9``) and the other fields; a longer record is skipped unread
MAX_RECORD_BYTES = 13 * 2**20
#: seconds a web page has to arrive (each network wait, and the whole download)
URL_TIMEOUT = 20.0
#: the largest web page fetched; news pages with their scripts are well under it
MAX_PAGE_BYTES = 10 * 2**20
USER_AGENT = f"kg/{__version__} (knowledge graphs from news articles; Python urllib)"
STDIN_NAME = "<stdin>"


@dataclass(frozen=True, slots=True)
class RecordFields:
    """The names of a record's fields (JSON keys or CSV column headers).

    ``text`` is the article; the others are optional: ``title`` and ``date`` (ISO, French, or
    a Unix time in JSON) are kept on the document, ``id`` and ``url`` name it. ``None`` or
    ``""`` leaves a field unread (e.g. ``date=None`` when an archive's dates are not usable).
    A name matches exactly, else regardless of case (``Title`` for ``title``).
    """

    text: str = "text"
    title: str | None = "title"
    date: str | None = "date"
    url: str | None = "url"
    id: str | None = "id"

    def __post_init__(self) -> None:
        if not self.text:
            raise ValueError("RecordFields.text must name the field holding the article")


# --------------------------------------------------------------------------------------------
# Records
# --------------------------------------------------------------------------------------------

_MISSING = object()


def iter_records(path: str | os.PathLike[str], *, display: str | None = None,
                 fields: RecordFields | None = None
                 ) -> Generator[Document | SkippedInput, None, None]:
    """Yield the articles of a JSON Lines or CSV file, one per record, as they are read.

    ``.csv`` files may use ``,``, ``;``, tab or ``|`` between fields (the header row says
    which), ``.tsv`` files tabs; their first row names the columns. A record that cannot be
    read (not JSON, no text, empty text, too long, a date not understood) is a
    :class:`SkippedInput` named ``FILE#ID`` or ``FILE#LN``; the file's other records are read.
    ``display`` is the file's name as the user gave it (default: ``path``).
    """
    fields = fields or RecordFields()
    file_path = Path(path)
    shown = display if display is not None else _display(path)
    try:
        stream = file_path.open("rb")
    except FileNotFoundError:
        yield SkippedInput(shown, "no such file")
        return
    except IsADirectoryError:
        yield SkippedInput(shown, "is a directory, not a file")
        return
    except OSError as err:
        yield SkippedInput(shown, f"cannot read ({err.strerror or err})")
        return
    with stream:
        try:
            lines = _lines(stream, shown)
            if file_path.suffix.lower() in (".csv", ".tsv"):
                tab = file_path.suffix.lower() == ".tsv"
                yield from _csv_records(lines, file_path.name, shown, fields, tab=tab)
            else:
                yield from _json_records(lines, file_path.name, shown, fields)
        except _Unreadable as problem:
            yield SkippedInput(shown, problem.reason)
        except OSError as err:
            yield SkippedInput(shown, f"cannot read ({err.strerror or err})")


class _Unreadable(Exception):
    """A whole record file cannot be read (its reason is one line)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _lines(stream: BinaryIO, display: str, first: int = 1) -> Iterator[tuple[int, str | None]]:
    """(line number, decoded line with its newline) of a text stream; ``None`` for a line
    longer than :data:`MAX_RECORD_BYTES` (read past, never held whole). Raises
    :class:`_Unreadable` for a binary file."""
    raw: Any = stream
    buffered: Any = raw if hasattr(raw, "peek") else io.BufferedReader(raw)
    head: bytes = buffered.peek(8192)[:8192]
    limit = MAX_RECORD_BYTES
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            if encoding == "utf-8":
                buffered.read(len(bom))
                break
            # UTF-16/32 (a spreadsheet's "Unicode text"): the codec handles the lines
            text = io.TextIOWrapper(buffered, encoding=encoding.rsplit("-", 1)[0], newline="",
                                    errors="replace")
            try:
                yield from _numbered(text.readline, limit, first)
            finally:
                text.detach()  # the caller owns (and closes) the stream
            return
    else:
        for magic, kind in _MAGIC:
            if head.startswith(magic):
                raise _Unreadable(f"not a text file (looks like {kind})")
        if b"\x00" in head and _sniff_utf16(head[: len(head) & ~1]) is None:
            raise _Unreadable("not a text file (binary content)")
        if b"\x00" in head:
            raise _Unreadable("UTF-16 without a byte-order mark: save it as UTF-8")
        controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
        if controls > 0.05 * len(head):
            raise _Unreadable("not a text file (binary content)")
    for number, line in _numbered(buffered.readline, limit, first):
        yield number, None if line is None else _decode_line(line)


def _numbered(readline: Any, limit: int, first: int) -> Iterator[tuple[int, Any]]:
    number = first - 1
    while True:
        line = readline(limit + 1)
        if not line:
            return
        number += 1
        if len(line) > limit:
            while line and line[-1:] not in ("\n", b"\n"):  # read past the rest of the line
                line = readline(1 << 20)
            yield number, None
            continue
        yield number, line


def _json_records(lines: Iterator[tuple[int, str | None]], name: str, display: str,
                  fields: RecordFields) -> Iterator[Document | SkippedInput]:
    count = 0
    for number, line in lines:
        where = f"{display}#L{number}"
        if line is None:
            count += 1
            yield SkippedInput(where, f"record too large (over {MAX_RECORD_BYTES // 2**20} MB)")
            continue
        line = line.strip()
        if not line:
            continue
        count += 1
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            yield SkippedInput(where, f"not valid JSON ({err.msg}, column {err.colno})")
            continue
        except RecursionError:
            yield SkippedInput(where, "not valid JSON (nested too deeply)")
            continue
        if not isinstance(record, dict):
            yield SkippedInput(where, f"not a JSON object (a {_json_kind(record)})")
            continue
        yield _record_document(record, name=name, display=display, line=number, fields=fields)
    if count == 0:
        yield SkippedInput(display, "no record in this file (one JSON object per line)")


def _json_kind(value: object) -> str:
    if isinstance(value, list):
        return "list"
    if isinstance(value, str):
        return "string"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, dict):
        return "JSON object"
    return "null"


_CSV_DELIMITERS = (",", ";", "\t", "|")


class _Cut:
    """Feeds a CSV reader whole lines; stops at a line too long to hold."""

    def __init__(self, lines: Iterator[tuple[int, str | None]]) -> None:
        self.lines = lines
        self.number = 0  # of the last line handed out
        self.too_long: int | None = None

    def __iter__(self) -> Iterator[str]:
        for number, line in self.lines:
            self.number = number
            if line is None:
                self.too_long = number
                return
            yield line


def _csv_records(lines: Iterator[tuple[int, str | None]], name: str, display: str,
                 fields: RecordFields, *, tab: bool) -> Iterator[Document | SkippedInput]:
    feed = _Cut(lines)
    physical = iter(feed)
    header_line = next(physical, None)
    while header_line is not None and not header_line.strip():
        header_line = next(physical, None)
    if header_line is None:
        if feed.too_long is not None:
            raise _Unreadable(f"first line longer than {MAX_RECORD_BYTES // 2**20} MB")
        raise _Unreadable("empty file")
    header_number = feed.number
    delimiter = "\t" if tab else _delimiter(header_line, fields.text)
    header = [cell.strip() for cell in next(csv.reader([header_line], delimiter=delimiter))]
    if _lookup(dict.fromkeys(header, ""), fields.text) is _MISSING:
        shown = ", ".join(repr(column) for column in header[:12])
        more = ", ..." if len(header) > 12 else ""
        raise _Unreadable(f"no {fields.text!r} column (columns: {shown}{more})")

    def rest() -> Iterator[str]:
        yield from physical

    reader = csv.reader(rest(), delimiter=delimiter)
    count = 0
    while True:
        start = header_number + reader.line_num + 1
        # records may be as long as an article: the csv module's limit is raised while a row
        # is read (it is process-wide, so it is put back before anything else runs)
        limit = csv.field_size_limit(MAX_RECORD_BYTES)
        error: csv.Error | None = None
        try:
            row = next(reader, None)
        except csv.Error as err:
            row, error = None, err
        finally:
            csv.field_size_limit(limit)
        if error is not None:
            message = " ".join(str(error).split())
            if "field larger" in message:
                message = f"a field over {MAX_RECORD_BYTES // 2**20} MB"
            yield SkippedInput(f"{display}#L{start}",
                               f"not valid CSV ({message}); the rest of the file is not read")
            return
        if feed.too_long is not None:  # the row was cut short: do not read half a record
            yield SkippedInput(f"{display}#L{feed.too_long}",
                               f"line longer than {MAX_RECORD_BYTES // 2**20} MB; the rest "
                               f"of the file is not read")
            return
        if row is None:
            break
        if not any(cell.strip() for cell in row):
            continue
        count += 1
        record = dict(zip(header, row, strict=False))
        yield _record_document(record, name=name, display=display, line=start, fields=fields)
    if count == 0:
        yield SkippedInput(display, "no record in this file (only a header row)")


def names_text_column(path: str | os.PathLike[str], fields: RecordFields | None = None) -> bool:
    """Whether a CSV/TSV file's header row names the text column (a cheap look at its start:
    how a folder walk tells an archive of articles from another spreadsheet)."""
    fields = fields or RecordFields()
    try:
        with open(path, "rb") as stream:
            for _, line in _lines(stream, _display(path)):
                if line is None:
                    return False
                if line.strip():
                    tab = os.fspath(path).lower().endswith(".tsv")
                    delimiter = "\t" if tab else _delimiter(line, fields.text)
                    cells = next(csv.reader([line], delimiter=delimiter), [])
                    columns = {cell.strip(): "" for cell in cells}
                    return _lookup(columns, fields.text) is not _MISSING
    except (OSError, _Unreadable, csv.Error):
        return False
    return False


def _delimiter(header_line: str, text_field: str) -> str:
    """The delimiter whose split of the header names the text column, else gives most columns."""
    best, best_columns = ",", 0
    for delimiter in _CSV_DELIMITERS:
        cells = next(csv.reader([header_line], delimiter=delimiter))
        columns = {cell.strip(): "" for cell in cells}
        if _lookup(columns, text_field) is not _MISSING:
            return delimiter
        if len(cells) > best_columns:
            best, best_columns = delimiter, len(cells)
    return best


def _lookup(record: dict[str, Any], name: str | None) -> Any:
    """The value of field ``name``: exact key, else the same name in another case."""
    if not name:
        return _MISSING
    if name in record:
        return record[name]
    folded = name.casefold()
    for key, value in record.items():
        if isinstance(key, str) and key.strip().casefold() == folded:
            return value
    return _MISSING


def _scalar(value: Any) -> str | None:
    """A title, id or url as text: strings and numbers; empty, null and structures are none."""
    if isinstance(value, bool) or value is _MISSING or value is None:
        return None
    if isinstance(value, str | int | float):
        text = " ".join(str(value).split())
        return text or None
    return None


def _date_value(value: Any) -> str | None:
    """A record's date for :func:`document_from_text`: strings as they are (ISO or French);
    JSON numbers are Unix times (seconds, or milliseconds when that large)."""
    if isinstance(value, bool) or value is _MISSING or value is None:
        return None
    if isinstance(value, int | float):
        seconds = value / 1000 if abs(value) > 1e11 else value
        try:
            return datetime.fromtimestamp(seconds, UTC).date().isoformat()
        except (OverflowError, OSError, ValueError):
            return str(value)
    if isinstance(value, str):
        return value.strip() or None
    return None


#: an HTML fragment (a CMS export's body): block tags, read as a page rather than as text
_HTML_FRAGMENT = re.compile(r"<(?:p|br|div|h[1-6]|ul|ol|li|blockquote|article|section)\b[^>]*>",
                            re.I)


def _record_document(record: dict[str, Any], *, name: str, display: str, line: int,
                     fields: RecordFields) -> Document | SkippedInput:
    ident = _scalar(_lookup(record, fields.id))
    if ident is not None:
        ident = _display(ident)
    where = f"{display}#{ident}" if ident else f"{display}#L{line}"
    value = _lookup(record, fields.text)
    if value is _MISSING:
        return SkippedInput(where, f"no {fields.text!r} field")
    if isinstance(value, list) and all(isinstance(part, str) for part in value):
        value = "\n\n".join(value)  # paragraphs
    if value is None:
        return SkippedInput(where, "empty text")
    if not isinstance(value, str):
        return SkippedInput(where, f"{fields.text!r} is not text (a {_json_kind(value)})")
    url = _scalar(_lookup(record, fields.url))
    if ident:
        source = f"{name}#{ident}"
    elif url:
        source = _display(url)
    else:
        source = f"{name}#L{line}"
    text = value
    if not _looks_like_html(value.lstrip()) and _HTML_FRAGMENT.search(value[:65536]):
        text = f"<!DOCTYPE html><html><body>{value}</body></html>"
    try:
        return document_from_text(text, source=source,
                                  title=_scalar(_lookup(record, fields.title)),
                                  date=_date_value(_lookup(record, fields.date)))
    except InputError as error:
        return SkippedInput(where, _reason(error, _display(source)))


# --------------------------------------------------------------------------------------------
# Standard input
# --------------------------------------------------------------------------------------------


def read_stdin(*, fields: RecordFields | None = None,
               stream: IO[bytes] | IO[str] | None = None) -> Iterator[Document | SkippedInput]:
    """Read standard input (or ``stream``): JSON Lines records when its first non-empty line
    is a JSON object (read as they come: a later line that is not one is a skipped record),
    else one article (at most 2 MB), named ``<stdin>``."""
    fields = fields or RecordFields()
    given = sys.stdin if stream is None else stream
    if given is None:
        yield SkippedInput(STDIN_NAME, "no standard input")
        return
    binary: IO[bytes]
    if isinstance(given, io.TextIOBase) or not _is_binary(given):
        buffer = getattr(given, "buffer", None)
        if buffer is not None:
            binary = buffer
        else:  # an in-memory text stream
            text = given.read()
            assert isinstance(text, str)
            binary = io.BytesIO(text.encode("utf-8", "surrogatepass"))
    else:
        binary = given  # type: ignore[assignment]
    try:
        yield from _stdin_inputs(binary, fields)
    except OSError as err:
        yield SkippedInput(STDIN_NAME, f"cannot read ({err.strerror or err})")


def _is_binary(stream: IO[Any]) -> bool:
    return isinstance(stream, io.BufferedIOBase | io.RawIOBase) or "b" in getattr(
        stream, "mode", "")


def _stdin_inputs(stream: IO[bytes], fields: RecordFields) -> Iterator[Document | SkippedInput]:
    consumed: list[bytes] = []
    number = 0
    first: bytes = b""
    while True:
        line = stream.readline(MAX_RECORD_BYTES + 1)
        if not line:
            break
        consumed.append(line)
        number += 1
        if line.strip():
            first = line
            break
    if not first:
        yield SkippedInput(STDIN_NAME, "empty input")
        return
    record: object = None
    if first.removeprefix(b"\xef\xbb\xbf").lstrip().startswith(b"{") and (
            len(first) <= MAX_RECORD_BYTES):
        try:
            record = json.loads(_decode_line(first.lstrip(b"\xef\xbb\xbf")))
        except (ValueError, RecursionError):
            record = None
    if isinstance(record, dict):
        lines = _stdin_lines(first, number, stream)
        yield from _json_records(lines, STDIN_NAME, STDIN_NAME, fields)
        return
    # one article: what was read, and the rest up to the limit
    from kg import reader

    limit = reader.MAX_FILE_BYTES
    data = b"".join(consumed)
    if len(data) <= limit:
        data += stream.read(limit + 1 - len(data))
    if len(data) > limit:
        yield SkippedInput(STDIN_NAME, f"too large for an article (over {limit // 2**20} MB); "
                                       f"split it into its articles, or give JSON Lines")
        return
    try:
        yield document_from_text(_decode(data, STDIN_NAME), source=STDIN_NAME)
    except InputError as error:
        yield SkippedInput(STDIN_NAME, _reason(error, STDIN_NAME))


def _stdin_lines(first: bytes, number: int, stream: IO[bytes]) -> Iterator[tuple[int, str | None]]:
    yield number, _decode_line(first.lstrip(b"\xef\xbb\xbf"))
    for later, line in _numbered(stream.readline, MAX_RECORD_BYTES, number + 1):
        yield later, None if line is None else _decode_line(line)


# --------------------------------------------------------------------------------------------
# Web pages
# --------------------------------------------------------------------------------------------

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_TEXT_TYPES = frozenset({"text/plain"})


class _Refused(Exception):
    """The fetch is given up for a reason already worded for the user."""


class _WebOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follows redirects to http(s) addresses only (urllib also allows ftp)."""

    def redirect_request(self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str,
                         headers: Any, newurl: str) -> urllib.request.Request | None:
        if urlsplit(newurl).scheme.lower() not in ("http", "https"):
            raise _Refused(f"redirected to a non-web address ({_display(newurl)[:200]})")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


@dataclass(frozen=True, slots=True)
class _Page:
    url: str  # after redirects
    content_type: str | None
    charset: str | None
    data: bytes


def read_url(url: str, *, timeout: float | None = None, max_bytes: int = MAX_PAGE_BYTES,
             display: str | None = None) -> Document:
    """Fetch the web page at ``url`` and read its article into a :class:`Document` whose
    source is ``url``. HTML pages are reduced to their article by trafilatura (title and date
    from the page); ``text/plain`` is read as a text file. Any failure (host not found, HTTP
    error, no answer within ``timeout`` seconds, over ``max_bytes``, not a page, no article
    text) raises :class:`InputError` ``"URL: reason"`` on one line."""
    shown = display if display is not None else _display(url)
    limit = URL_TIMEOUT if timeout is None else timeout
    if limit <= 0:
        raise ValueError("timeout must be positive")
    try:
        page = _fetch(url, timeout=limit, max_bytes=max_bytes)
    except _Refused as refused:
        raise InputError(f"{shown}: {refused}") from None
    except Exception as error:  # urllib and http.client raise many kinds: all one line
        if isinstance(error, urllib.error.HTTPError):
            error.close()
        raise InputError(f"{shown}: {_network_reason(error, limit)}") from None
    kind = page.content_type
    if kind is None:  # no Content-Type: judge by the bytes
        kind = "text/html" if re.match(rb"\s*<", page.data[:1024]) else "text/plain"
    if kind in _TEXT_TYPES:
        text = _page_text(page, shown)
        return document_from_text(text, source=url)
    if kind not in _HTML_TYPES:
        raise InputError(f"{shown}: not a web page (Content-Type {kind})")
    text, title, date = _article_from_html(page.data, page.charset, page.url, shown)
    return document_from_text(text, source=url, title=title, date=date)


def _fetch(url: str, *, timeout: float, max_bytes: int) -> _Page:
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in ("http", "https"):
        raise _Refused("only http:// and https:// addresses are read")
    if not parts.hostname:
        raise _Refused("not a web address (no host)")
    # non-ASCII paths and queries (an IRI) are percent-encoded, as browsers do
    address = urlunsplit((parts.scheme, parts.netloc,
                          quote(parts.path, safe="/%:@!$&'()*+,;=~"),
                          quote(parts.query, safe="/%:@!$&'()*+,;=~?"), ""))
    request = urllib.request.Request(address, headers={
        "User-Agent": USER_AGENT,
        "Accept": "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8,*/*;q=0.1",
        "Accept-Language": "fr,en;q=0.5",
    })
    opener = urllib.request.build_opener(_WebOnlyRedirects)
    deadline = time.monotonic() + timeout
    with opener.open(request, timeout=timeout) as response:
        headers = response.headers
        length = headers.get("Content-Length")
        if length is not None and length.strip().isdigit() and int(length) > max_bytes:
            raise _Refused(f"page too large ({int(length) / 2**20:.1f} MB, limit "
                           f"{max_bytes / 2**20:g} MB)")
        chunks: list[bytes] = []
        size = 0
        while True:
            if time.monotonic() > deadline:
                raise _Refused(f"the page took longer than {timeout:g} s to arrive")
            chunk = response.read(65536)
            if not chunk:
                break
            size += len(chunk)
            if size > max_bytes:
                raise _Refused(f"page too large (over {max_bytes / 2**20:g} MB)")
            chunks.append(chunk)
        declared = headers.get("Content-Type")
        return _Page(url=response.geturl(),
                     content_type=headers.get_content_type() if declared else None,
                     charset=headers.get_content_charset(), data=b"".join(chunks))


def _network_reason(error: BaseException, timeout: float) -> str:
    """One line for the user: what went wrong with the fetch."""
    if isinstance(error, urllib.error.HTTPError):
        return f"HTTP {error.code} {error.reason}".strip()
    if isinstance(error, urllib.error.URLError):
        cause = error.reason
        if isinstance(cause, BaseException):
            return _network_reason(cause, timeout)
        return " ".join(str(cause).split()) or "cannot connect"
    if isinstance(error, TimeoutError | socket.timeout):
        return f"no answer within {timeout:g} s"
    if isinstance(error, socket.gaierror):
        return "host not found"
    if isinstance(error, ConnectionRefusedError):
        return "connection refused"
    if isinstance(error, ssl.SSLCertVerificationError):
        return f"TLS certificate not trusted ({error.verify_message})"
    if isinstance(error, ssl.SSLError):
        return f"TLS error ({error.reason or error})"
    if isinstance(error, http.client.RemoteDisconnected):
        return "the server closed the connection without answering"
    if isinstance(error, http.client.IncompleteRead):
        return "the page was cut short"
    if isinstance(error, http.client.InvalidURL | ValueError | UnicodeError):
        return "not a valid web address"
    if isinstance(error, http.client.HTTPException):
        return f"bad HTTP answer ({type(error).__name__})"
    if isinstance(error, OSError):
        return f"network error ({error.strerror or type(error).__name__})"
    return f"cannot fetch ({type(error).__name__})"


def _page_text(page: _Page, display: str) -> str:
    if page.charset:
        try:
            return page.data.decode(page.charset, errors="replace")
        except LookupError:
            pass
    if not page.data:
        raise InputError(f"{display}: empty page")
    return _decode(page.data, display)


def _article_from_html(data: bytes, charset: str | None, url: str,
                       display: str) -> tuple[str, str | None, str | None]:
    """(text, title, date) of the article in an HTML page; paragraphs apart by a blank line."""
    try:
        import trafilatura
    except ImportError as error:  # a broken install must not stop the other inputs
        raise InputError(f"{display}: cannot read web pages (trafilatura does not load: "
                         f"{' '.join(str(error).split())[:200]})") from None

    content: str | bytes = data
    if charset:
        try:
            content = data.decode(charset, errors="replace")
        except LookupError:
            content = data
    try:
        result = trafilatura.bare_extraction(
            content, url=url, with_metadata=True, include_comments=False,
            include_tables=False, include_images=False, include_links=False,
            date_extraction_params={"original_date": True, "extensive_search": False})
    except Exception as error:  # a third-party parser on arbitrary pages: never fatal
        raise InputError(f"{display}: cannot read this page ({type(error).__name__})") from None
    text = getattr(result, "text", None) if result is not None else None
    if not isinstance(text, str) or not text.strip():
        raise InputError(f"{display}: no article text found in this page")
    paragraphs = [line.strip() for line in text.splitlines() if line.strip()]
    title = getattr(result, "title", None)
    date = getattr(result, "date", None)
    return ("\n\n".join(paragraphs),
            title if isinstance(title, str) and title.strip() else None,
            date if isinstance(date, str) and _iso_date(date) else None)
