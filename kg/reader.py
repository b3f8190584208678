"""Read stage: turn what a user points kg at (files, directories, strings) into :class:`Document`.

Public API:

* :func:`iter_inputs` -- inputs -> documents, one at a time (streaming); an input that cannot
  be read is a :class:`SkippedInput` and the others go on (what ``kg build`` uses);
* :func:`iter_documents` -- the same, but the first input that cannot be read raises;
* :func:`find_article_files` -- the files :func:`iter_documents` would read, in order;
* :func:`article_count` -- how many articles the inputs hold, when known without reading them;
* :func:`read_document` -- one file -> one document;
* :func:`document_from_text` -- a string (e.g. in a notebook) -> one document.

An input is a file, a folder (walked recursively), a glob pattern the shell did not expand
(``"archive/**/*.txt"``), a JSON Lines or CSV file of articles (one per record), ``-`` for
standard input, or an ``http://``/``https://`` address; :mod:`kg.sources` reads the last three.

What it does to the bytes, in order:

1. decode: UTF-8 (with or without BOM), UTF-16/32 with a BOM, the ``<meta charset>`` of an HTML
   page, else Windows-1252 / Latin-1 (line by line, so a file mixing UTF-8 and Latin-1 lines
   still comes out right); binary files (images, archives, PDFs...) are refused;
2. normalise newlines to ``\\n`` and strip surrounding whitespace; nothing else is changed
   (typographic apostrophes, non-breaking spaces, ligatures all stay as they are);
3. HTML pages (``.html``/``.htm`` or content starting with ``<!DOCTYPE html``/``<html``) are
   reduced to the article's text with the standard library's :mod:`html.parser`: one paragraph
   per block element, separated by a blank line; title, date and language come from the page's
   metadata;
4. trailing page debris (share/subscribe widgets, "Lire aussi", "Publicité"...) is cut from the
   end of the text -- only from the end, so what remains is a prefix of the decoded text;
5. title and publication date of a plain-text article are read from its first lines (the text
   itself keeps those lines).

Every error is an :class:`~kg.errors.InputError` whose message is one line and starts with the
file name as the user gave it.
"""

from __future__ import annotations

import codecs
import glob
import hashlib
import json
import os
import re
import stat
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from datetime import date as _Date
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import InputError
from kg.model import Document
from kg.text_forms import detect_language, markdown_to_text, strip_inline_links

if TYPE_CHECKING:
    from kg.sources import RecordFields

__all__ = [
    "ARTICLE_EXTENSIONS",
    "MAX_FILE_BYTES",
    "OUTPUT_MARKER",
    "RECORD_EXTENSIONS",
    "STDIN",
    "SkippedInput",
    "article_count",
    "document_from_text",
    "find_article_files",
    "iter_documents",
    "iter_inputs",
    "read_document",
]

#: Extensions of the files holding many articles, one per record (JSON Lines, CSV, TSV).
RECORD_EXTENSIONS: tuple[str, ...] = (".jsonl", ".ndjson", ".csv", ".tsv")
#: Extensions of the files picked up inside a directory (case-insensitive).
ARTICLE_EXTENSIONS: tuple[str, ...] = (".txt", ".md", ".html", ".htm", *RECORD_EXTENSIONS)
#: the input name that means standard input
STDIN = "-"
HTML_EXTENSIONS = frozenset({".html", ".htm"})
MARKDOWN_EXTENSIONS = frozenset({".md", ".markdown"})
#: the language model's probability above which its answer overrides the page's declaration
LANGUAGE_CONFIDENCE = 0.9
#: Files larger than this are refused: no news article is 50 MB of text.
#: the largest article file kg reads: cost is linear in the length (about 30 s and 0.8-1.2 GB
#: a megabyte here), so a bigger file is refused at once rather than run for many minutes;
#: an archive is many articles, not one file
MAX_FILE_BYTES = 2 * 1024 * 1024
DEFAULT_LANGUAGE = "fr"

PathLike = str | os.PathLike[str]


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# --------------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------------


def iter_documents(paths: Iterable[PathLike] | PathLike, *, fields: RecordFields | None = None,
                   timeout: float | None = None) -> Iterator[Document]:
    """Yield one :class:`Document` per article found in ``paths``, lazily.

    Each path is a file (read whatever its extension; a ``.jsonl``/``.ndjson``/``.csv``/``.tsv``
    file gives one article per record), a directory (its ``.txt``, ``.md``, ``.html``, ``.htm``
    and record files, recursively, hidden files and directories skipped, in natural path
    order), a glob pattern, ``-`` (standard input) or an ``http(s)://`` address. The inputs are
    checked first (missing paths, empty directories, patterns matching nothing), so such errors
    surface before any document is produced; articles are then read one at a time. A file
    reached twice (listed twice, or through a directory and by name) is read once. ``fields``
    names the fields of records, ``timeout`` (seconds) bounds the fetch of a web page.
    The first input or record that cannot be read raises :class:`InputError`.
    """
    planned = list(_expand_each(paths, frozenset(), fields))
    for item in planned:
        if isinstance(item, SkippedInput):
            raise InputError(f"{item.source}: {item.reason}")
    for item in planned:
        assert not isinstance(item, SkippedInput)
        for result in _read_input(item, fields, timeout):
            if isinstance(result, SkippedInput):
                raise InputError(f"{result.source}: {result.reason}")
            yield result


#: a file kg writes in each output folder: such a folder is never read as input
OUTPUT_MARKER = ".kg-output"


@dataclass(frozen=True, slots=True)
class SkippedInput:
    """An input that could not be read: its name as the user gave it, and why (one line).

    A record of a record file is named ``FILE#ID`` (its id field) or ``FILE#LN`` (the line it
    starts on), e.g. ``archive/2024.jsonl#L12``."""

    source: str
    reason: str


def iter_inputs(paths: Iterable[PathLike] | PathLike, *,
                exclude: Iterable[PathLike] = (), fields: RecordFields | None = None,
                timeout: float | None = None) -> Iterator[Document | SkippedInput]:
    """Like :func:`iter_documents`, but an input that cannot be read is reported as a
    :class:`SkippedInput` instead of stopping the whole run: a missing path, a folder with no
    article, a pattern matching nothing, a binary or empty file, a bad record of a record file
    (the file's other records are read), a web page that cannot be fetched or holds no
    article. Folders in ``exclude`` and folders kg wrote its output to (they hold
    :data:`OUTPUT_MARKER`) are not read. Inputs are looked at in order, one at a time."""
    excluded = {os.path.normcase(os.path.realpath(os.fsdecode(p))) for p in exclude}
    for item in _expand_each(paths, excluded, fields):
        if isinstance(item, SkippedInput):
            yield item
        else:
            yield from _read_input(item, fields, timeout)


def _reason(error: InputError, display: str) -> str:
    message = str(error)
    return message[len(display) + 2:] if message.startswith(display + ": ") else message


def find_article_files(paths: Iterable[PathLike] | PathLike, *,
                       fields: RecordFields | None = None) -> list[Path]:
    """The files :func:`iter_documents` would read, in the same order (e.g. for a progress bar).

    Web pages and standard input are not files and are left out; a record file is listed once
    however many articles it holds (see :func:`article_count`)."""
    found: list[Path] = []
    for item in _expand_each(paths, frozenset(), fields):
        if isinstance(item, SkippedInput):
            raise InputError(f"{item.source}: {item.reason}")
        if isinstance(item, _Source):
            found.append(item.path)
    return found


def article_count(paths: Iterable[PathLike] | PathLike, *, exclude: Iterable[PathLike] = (),
                  fields: RecordFields | None = None) -> int | None:
    """How many articles the inputs hold, when that is known without reading them: each file
    and each web page counts one, inputs that cannot be read count none. ``None`` when a
    record file or standard input is among them (their number of articles is only known once
    read)."""
    excluded = {os.path.normcase(os.path.realpath(os.fsdecode(p))) for p in exclude}
    count = 0
    for item in _expand_each(paths, excluded, fields):
        if isinstance(item, _Stdin) or (
                isinstance(item, _Source) and item.path.suffix.lower() in RECORD_EXTENSIONS):
            return None
        if not isinstance(item, SkippedInput):
            count += 1
    return count


def read_document(path: PathLike) -> Document:
    """Read one article file (any extension) into a :class:`Document`."""
    display = _display(path)
    raw = os.fsdecode(path)
    if not raw:
        raise InputError(f"{display}: no such file")
    file_path = Path(raw)
    mode = _stat_mode(file_path, display)
    if stat.S_ISDIR(mode):
        raise InputError(f"{display}: is a directory, not a file")
    if not stat.S_ISREG(mode):
        raise InputError(f"{display}: not a regular file")
    return _read_source(_Source(file_path, display))


def document_from_text(
    text: str,
    *,
    source: str = "<text>",
    title: str | None = None,
    date: str | None = None,
) -> Document:
    """Build a :class:`Document` from a string, as if it had been read from a file.

    The text gets the same treatment as a file's content: newlines normalised, HTML pages
    (text starting with ``<!DOCTYPE html`` or ``<html``) reduced to their article, trailing page
    debris removed, title and date detected when not given. ``date`` may be ISO
    (``2024-11-03``, ``2024-11-03T08:00:00Z``) or French (``3 novembre 2024``, ``03/11/2024``).
    ``source`` is stored as given.
    """
    display = _display(source) if source else "<text>"
    iso_date: str | None = None
    if date is not None and date.strip():
        iso_date = _iso_date(date)
        if iso_date is None:
            raise InputError(f"{display}: date {date.strip()!r} not understood (use YYYY-MM-DD)")
    clean_title = title.strip() if title is not None else None
    normalised = _normalise(text)
    if not normalised:
        raise InputError(f"{display}: empty text")
    if len(normalised) > MAX_FILE_BYTES:
        raise InputError(f"{display}: too large for an article ({len(normalised):,} "
                         f"characters, limit {MAX_FILE_BYTES:,}); split it into its articles")
    return _build(
        normalised,
        source=source,
        display=display,
        is_html=_looks_like_html(normalised),
        title=clean_title or None,
        date=iso_date,
    )


# --------------------------------------------------------------------------------------------
# Finding the files
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Source:
    path: Path
    display: str  # the name to show the user: as given, or "given_dir/relative/path"


def _display(path: PathLike | bytes) -> str:
    """The path as the user gave it, made safe to print on one line."""
    name = os.fsdecode(path)
    if not name:
        return '""'
    out: list[str] = []
    for ch in name:
        code = ord(ch)
        # control characters, line/paragraph separators, undecodable bytes (surrogates)
        if (
            code < 0x20
            or 0x7F <= code < 0xA0
            or code in (0x2028, 0x2029)
            or (0xD800 <= code < 0xE000)
        ):
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(ch)
    return "".join(out)


def _stat_mode(path: Path, display: str) -> int:
    try:
        return path.stat().st_mode
    except (FileNotFoundError, NotADirectoryError):
        raise InputError(f"{display}: no such file") from None
    except OSError as err:
        raise InputError(f"{display}: cannot access ({err.strerror or err})") from None


def _expand(paths: Iterable[PathLike] | PathLike, excluded: AbstractSet[str] = frozenset(),
            fields: RecordFields | None = None) -> list[_Source]:
    if isinstance(paths, str | bytes | os.PathLike):
        paths = [paths]  # a single path, not an iterable of characters
    sources: list[_Source] = []
    seen: set[str] = set()
    for given in paths:
        display = _display(given)
        raw = os.fsdecode(given)
        if not raw:
            raise InputError(f"{display}: no such file")
        path = Path(raw)
        mode = _stat_mode(path, display)
        if stat.S_ISDIR(mode):
            found = _walk(raw, excluded, fields)
            if not found:
                extensions = ", ".join(ARTICLE_EXTENSIONS)
                column = fields.text if fields is not None else "text"
                raise InputError(f"{display}: directory contains no article file ({extensions}; "
                                 f"CSV files with a {column!r} column)")
        elif stat.S_ISREG(mode):
            found = [_Source(path, display)]
        else:
            raise InputError(f"{display}: not a regular file")
        for source in found:
            key = os.path.normcase(os.path.realpath(source.path))
            if key not in seen:
                seen.add(key)
                sources.append(source)
    return sources


def _natural_key(name: str) -> tuple[str | int, ...]:
    # "article2" < "article10"; even positions are text, odd positions are numbers
    parts = re.split(r"(\d+)", name)
    return tuple(int(part) if i % 2 else part.casefold() for i, part in enumerate(parts))


def _walk(root: str, excluded: AbstractSet[str] = frozenset(),
          fields: RecordFields | None = None) -> list[_Source]:
    """A folder's article files, recursively, in natural order. A CSV/TSV file counts only if
    its header names the text column: a folder's other spreadsheets are not articles."""
    def fail(err: OSError) -> None:
        where = _display(err.filename) if err.filename else _display(root)
        raise InputError(f"{where}: cannot read directory ({err.strerror or err})")

    found: list[tuple[tuple[tuple[str | int, ...], ...], str, str]] = []
    for dirpath, dirnames, filenames in os.walk(root, onerror=fail):
        if OUTPUT_MARKER in filenames or (excluded and os.path.normcase(
                os.path.realpath(dirpath)) in excluded):
            # kg's own output (graph.html is no article), wherever it is
            dirnames[:] = []
            continue
        dirnames[:] = [name for name in dirnames if not name.startswith(".")]
        for name in filenames:
            if name.startswith("."):
                continue
            extension = os.path.splitext(name)[1].lower()
            if extension not in ARTICLE_EXTENSIONS:
                continue
            full = os.path.join(dirpath, name)
            if not os.path.isfile(full):  # broken symlink, fifo...
                continue
            if extension in (".csv", ".tsv"):
                from kg.sources import names_text_column

                if not names_text_column(full, fields):
                    continue
            relative = os.path.relpath(full, root)
            key = tuple(_natural_key(part) for part in Path(relative).parts)
            found.append((key, relative, full))
    found.sort()
    return [_Source(Path(full), _display(full)) for _, _, full in found]


@dataclass(frozen=True, slots=True)
class _Url:
    url: str
    display: str


@dataclass(frozen=True, slots=True)
class _Stdin:
    display: str = "<stdin>"


_Input = _Source | _Url | _Stdin

_WEB_ADDRESS = re.compile(r"https?://", re.I)
_ANY_ADDRESS = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")
#: what ``Path("https://site/page")`` prints: the path type folds "//" into "/"
_FOLDED_ADDRESS = re.compile(r"https?:/(?!/)", re.I)
_GLOB_MAGIC = re.compile(r"[*?[]")


def _expand_each(paths: Iterable[PathLike] | PathLike, excluded: AbstractSet[str],
                 fields: RecordFields | None = None) -> Iterator[_Input | SkippedInput]:
    """Each input, planned one after the other; what was reached before is not repeated."""
    if isinstance(paths, str | bytes | os.PathLike):
        paths = [paths]  # a single path, not an iterable of characters
    seen: set[str] = set()
    for given in paths:
        for item in _plan(given, excluded, fields):
            if isinstance(item, SkippedInput):
                yield item
                continue
            if isinstance(item, _Source):
                key = os.path.normcase(os.path.realpath(item.path))
            elif isinstance(item, _Url):
                key = "url:" + item.url
            else:
                key = STDIN
            if key not in seen:
                seen.add(key)
                yield item


def _plan(given: PathLike, excluded: AbstractSet[str],
          fields: RecordFields | None = None) -> list[_Input | SkippedInput]:
    """What one input the user gave stands for: standard input, a web page, the files a
    pattern matches, a folder's article files, or a file."""
    display = _display(given)
    raw = os.fsdecode(given)
    if raw == STDIN:
        return [_Stdin()]
    if _WEB_ADDRESS.match(raw):
        return [_Url(raw, display)]
    if raw and not os.path.lexists(raw):
        if _ANY_ADDRESS.match(raw):
            return [SkippedInput(display, "only http:// and https:// addresses are read")]
        if not isinstance(given, str | bytes) and _FOLDED_ADDRESS.match(raw):
            return [SkippedInput(display, "no such file (a web address given as a path: its "
                                          "'//' became '/'; give addresses as strings)")]
        if _GLOB_MAGIC.search(raw):
            return _glob(raw, display, excluded, fields)
    try:
        return list(_expand([given], excluded, fields))
    except InputError as error:
        return [SkippedInput(display, _reason(error, display))]


def _glob(pattern: str, display: str, excluded: AbstractSet[str],
          fields: RecordFields | None = None) -> list[_Input | SkippedInput]:
    """The files a pattern matches (``**`` spans folders), in natural order, as if each had
    been named; folders it matches are walked; kg's output folders are left out."""
    matches = glob.glob(pattern, recursive=True)
    matches.sort(key=lambda match: tuple(_natural_key(part) for part in Path(match).parts))
    found: list[_Input | SkippedInput] = []
    outputs: dict[str, bool] = {}
    for match in matches:
        if _in_output_folder(match, excluded, outputs):
            continue
        if os.path.isdir(match):
            try:
                found += _walk(match, excluded, fields)
            except InputError as error:
                found.append(SkippedInput(_display(match), _reason(error, _display(match))))
        elif os.path.isfile(match):
            found.append(_Source(Path(match), _display(match)))
    return found or [SkippedInput(display, "no file matches this pattern")]


def _in_output_folder(path: str, excluded: AbstractSet[str], known: dict[str, bool]) -> bool:
    """Whether ``path`` is inside (or is) a folder kg wrote its output to, or an excluded one."""
    folder = os.path.realpath(path if os.path.isdir(path) else os.path.dirname(path) or ".")
    checked: list[str] = []
    answer = False
    while True:
        if folder in known:
            answer = known[folder]
            break
        checked.append(folder)
        if os.path.normcase(folder) in excluded or os.path.isfile(
                os.path.join(folder, OUTPUT_MARKER)):
            answer = True
            break
        parent = os.path.dirname(folder)
        if parent == folder:
            break
        folder = parent
    for folder in checked:
        known[folder] = answer
    return answer


def _read_input(item: _Input, fields: RecordFields | None,
                timeout: float | None) -> Iterator[Document | SkippedInput]:
    if isinstance(item, _Source) and item.path.suffix.lower() not in RECORD_EXTENSIONS:
        try:
            yield _read_source(item)
        except InputError as error:
            yield SkippedInput(item.display, _reason(error, item.display))
        return
    from kg import sources  # imports this module: loaded on first use

    if isinstance(item, _Source):
        yield from sources.iter_records(item.path, display=item.display, fields=fields)
    elif isinstance(item, _Stdin):
        yield from sources.read_stdin(fields=fields)
    else:
        try:
            yield sources.read_url(item.url, timeout=timeout, display=item.display)
        except InputError as error:
            yield SkippedInput(item.display, _reason(error, item.display))


# --------------------------------------------------------------------------------------------
# Reading and decoding
# --------------------------------------------------------------------------------------------


def _read_source(source: _Source) -> Document:
    display = source.display
    try:
        size = source.path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError(
                f"{display}: too large for an article ({size / 2**20:.1f} MB, limit "
                f"{MAX_FILE_BYTES // 2**20} MB); split it into its articles"
            )
        data = source.path.read_bytes()
    except (FileNotFoundError, NotADirectoryError):
        raise InputError(f"{display}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{display}: is a directory, not a file") from None
    except OSError as err:
        raise InputError(f"{display}: cannot read ({err.strerror or err})") from None

    text = _normalise(_decode(data, display))
    if not text:
        raise InputError(f"{display}: empty file (only whitespace)")
    is_html = source.path.suffix.lower() in HTML_EXTENSIONS or _looks_like_html(text)
    is_markdown = not is_html and source.path.suffix.lower() in MARKDOWN_EXTENSIONS
    return _build(text, source=source.path.name, display=display, is_html=is_html,
                  is_markdown=is_markdown)


_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: same first two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive or an office document (.docx, .odt, .epub)"),
    (b"PK\x05\x06", "a ZIP archive"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x7fELF", "an executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a Microsoft Office document (.doc, .xls)"),
    (b"{\\rtf", "an RTF document"),
)

# bytes that do not occur in text files (tab, newlines, form feed and ESC excluded)
_CONTROL_BYTES = bytes([*range(0, 9), *range(14, 27), *range(28, 32), 127])


def _decode(data: bytes, display: str) -> str:
    if not data:
        raise InputError(f"{display}: empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            data = data[len(bom) :]
            if encoding == "utf-8":
                break
            text = data.decode(encoding, errors="replace")
            if "\x00" in text:
                raise InputError(f"{display}: not a text file (binary content)")
            return text
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise InputError(f"{display}: not a text file (looks like {kind})")
    if b"\x00" in data:
        utf16 = _sniff_utf16(data)
        if utf16 is None:
            raise InputError(f"{display}: not a text file (binary content)")
        return data.decode(utf16, errors="replace")
    sample = data[:65536]
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if controls > 0.05 * len(sample):
        raise InputError(f"{display}: not a text file (binary content)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _declared_charset(data)
    if declared is not None:
        try:
            return data.decode(declared)
        except UnicodeDecodeError:
            pass
    # Line by line: each line UTF-8 if it is valid UTF-8, else Windows-1252 (a superset of
    # Latin-1's printable characters), else Latin-1 (defined for every byte).
    return "".join(_decode_line(line) for line in data.splitlines(keepends=True))


def _decode_line(line: bytes) -> str:
    for encoding in ("utf-8", "cp1252"):
        try:
            return line.decode(encoding)
        except UnicodeDecodeError:
            continue
    return line.decode("latin-1")


def _sniff_utf16(data: bytes) -> str | None:
    """UTF-16 without a byte-order mark: mostly-Latin text has a NUL in every other byte."""
    if len(data) < 4 or len(data) % 2:
        return None
    half = len(data) // 2
    even_nuls, odd_nuls = data[0::2].count(0), data[1::2].count(0)
    if odd_nuls >= 0.7 * half and even_nuls == 0:
        return "utf-16-le"
    if even_nuls >= 0.7 * half and odd_nuls == 0:
        return "utf-16-be"
    return None


_META_CHARSET = re.compile(rb"<meta\b[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.I)


def _declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in its ``<meta>``, if usable for decoding."""
    match = _META_CHARSET.search(data[:8192])
    if match is None:
        return None
    try:
        name = codecs.lookup(match.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None
    if name in ("ascii", "iso8859-1", "latin-1"):  # browsers read these as windows-1252
        return "cp1252"
    if name.startswith(("utf-8", "utf-16", "utf-32")):
        return None
    return name


_NEWLINES = re.compile(r"\r\n?|\u2028")


def _normalise(text: str) -> str:
    """Newlines to ``\\n``, surrounding whitespace (and a leading BOM) removed."""
    text = _NEWLINES.sub("\n", text).replace("\u2029", "\n\n").strip()
    while text.startswith("\ufeff"):
        text = text[1:].strip()
    return text


_HTML_START = re.compile(
    r"(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)(?=[\s>/])", re.I | re.S
)


def _looks_like_html(text: str) -> bool:
    return _HTML_START.match(text[:4096]) is not None


# --------------------------------------------------------------------------------------------
# Building the document
# --------------------------------------------------------------------------------------------


def _build(
    text: str,
    *,
    source: str,
    display: str,
    is_html: bool,
    is_markdown: bool = False,
    title: str | None = None,
    date: str | None = None,
) -> Document:
    """``text`` is already normalised and non-empty."""
    declared: str | None = None
    if is_html:
        page = _parse_html(text)
        text = _normalise(page.text)
        if not text:
            raise InputError(f"{display}: no article text found in this HTML page")
        text = _strip_trailing_boilerplate(text)
        title = title or page.title
        date = date or page.date or _text_date(text)
        declared = page.language
    else:
        if is_markdown:
            text, heading = markdown_to_text(text)
            text = _normalise(text)
            if not text:
                raise InputError(f"{display}: no text in this Markdown file")
            title = title or heading
        else:
            text = strip_inline_links(text)
        text = _strip_trailing_boilerplate(text)
        title = title or _text_title(text)
        date = date or _text_date(text)
    # the text says which language it is in when the model is sure; else the page's
    # declaration; else French, the language kg reads
    detected, probability = detect_language(text)
    if detected is not None and probability >= LANGUAGE_CONFIDENCE:
        language = detected
    else:
        language = declared or DEFAULT_LANGUAGE
    return Document(
        doc_id=_doc_id(text),
        source=source,
        text=text,
        title=title,
        language=language,
        date=date,
    )


def _doc_id(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


# --------------------------------------------------------------------------------------------
# Trailing page debris
# --------------------------------------------------------------------------------------------

_SOCIAL_WORDS = _word_set(
    "facebook twitter x linkedin whatsapp telegram reddit pinterest messenger bluesky threads "
    "mastodon instagram youtube tiktok flipboard snapchat email e-mail mail courriel sms imprimer "
    "print tweet tweeter partager partagez share copier copy lien link url"
)
_SOCIAL_FILLERS = _word_set("le la l' les sur on via par by the this cet cette ce article post")

_UI_LINE_PATTERNS = (
    # share widgets: "Share this post", "Partager l'article", "Partagez cet article sur Facebook"
    r"(?:share|sharing|partager|partagez|partage)"
    r"(?: (?:this|the|cet|cette|ce|le|la|l'|on|sur|via|par|with|avec)){0,2}"
    r"(?: ?(?:post|article|story|page|link|lien|publication|billet|info|information|vidéo|video))?"
    r"(?: (?:on|sur|via|par|avec|with) [\w .&-]{1,40})?",
    # follow / subscribe
    r"(?:suivez|suivre|follow|retrouvez|rejoignez|join)[- ]?(?:nous|us)\b.{0,80}",
    r"(?:abonnez[- ]vous|abonne[sz][- ]toi|s'abonner|je m'abonne|subscribe|sign up|signup"
    r"|inscrivez[- ]vous|s'inscrire|recevez notre newsletter|newsletter)\b.{0,80}",
    # advertising
    r"(?:publicité|pub|advertisement|advertising|ad|annonce|annonces|sponsorisé|sponsored"
    r"|contenu sponsorisé|sponsored content|contenu partenaire|partner content)",
    # pointers to other articles: "Lire aussi : ...", "Read more", "Sur le même sujet"
    r"(?:(?:à |a )?(?:lire|voir) (?:aussi|également|egalement|la suite|plus)"
    r"|read (?:more|also|next)|see also|related(?: (?:articles?|posts?|stories|content|topics))?"
    r"|continue reading|continuer la lecture|en savoir plus|learn more|more from"
    r"|you (?:may|might) also like|vous (?:aimerez|pourriez aimer) aussi|sur le même sujet"
    r"|dans la même rubrique|articles? (?:similaires?|liés|connexes?)|plus d'articles"
    r"|à la une|les plus lus?)\b.{0,200}",
    # comments
    r"(?:\d+ )?(?:commentaires?|comments?|réactions?|reactions?|réponses?|replies)",
    r"(?:laisser|laissez|ajouter|écrire|ecrire|poster|publier) un commentaire.{0,40}",
    r"(?:leave a (?:comment|reply)|réagir(?: à cet article)?|reagir).{0,40}",
    # tags and categories
    r"(?:tags?|mots[- ]clés?|mots[- ]cles?|étiquettes?|catégories?|categories|category|thèmes?"
    r"|topics?|rubriques?|sujets?)(?: ?:.{0,200})?",
    # navigation
    r"(?:(?:article|billet|post|page|story) )?(?:précédente?|suivante?|precedente?|previous|next)"
    r"(?: (?:article|billet|post|page|story))?",
    r"back to top|retour en haut(?: de (?:la )?page)?|haut de (?:la )?page"
    r"|retour(?: à l'accueil| aux articles)?|accueil|home",
    # copyright
    r"(?:©|\(?c\)\s?\d{4}|copyright\s?(?:©|\(c\))?\s?\d{4})\s?.{0,150}",
    r".{0,100}\b(?:tous droits réservés|all rights reserved).{0,50}",
    # widgets
    r"(?:imprimer|print|enregistrer|sauvegarder|save|signaler(?: un abus| une erreur)?|report"
    r"|ajouter (?:à|aux) (?:mes )?favoris|bookmark|j'aime|likes?|\d+ (?:likes?|j'aime|partages?"
    r"|shares?|vues|views))(?: (?:cet|this|l') ?article)?",
    r"(?:(?:écouter|ecouter) (?:cet|l') ?article|listen to (?:this )?article).{0,40}",
    r"(?:temps de lecture|reading time|durée de lecture).{0,20}"
    r"|\d+ ?min(?:utes?)? (?:de lecture|read)",
    r"(?:vous avez aimé cet article|cet article vous a plu"
    r"|did you (?:like|enjoy) this (?:article|post)).{0,60}",
)
_UI_LINE = re.compile("|".join(f"(?:{pattern})" for pattern in _UI_LINE_PATTERNS))
_EDGE_NON_WORD = re.compile(r"^[^\w©]+|[^\w©]+$")
_MAX_UI_LINE = 250


def _is_ui_line(line: str) -> bool:
    """A line that is page furniture, not article text (judged on its own)."""
    normal = line.replace("’", "'").replace("‘", "'").lower()
    normal = _EDGE_NON_WORD.sub("", " ".join(normal.split()))
    if not normal or not any(ch.isalnum() for ch in normal):
        return True  # separators, bullets, emoji-only lines
    if _UI_LINE.fullmatch(normal):
        return True
    words = [w for w in re.split(r"[\s|/·•,;:]+", normal) if w]
    return any(w in _SOCIAL_WORDS for w in words) and all(
        w in _SOCIAL_WORDS or w in _SOCIAL_FILLERS for w in words
    )


def _strip_trailing_boilerplate(text: str) -> str:
    """Cut share/subscribe/ad lines from the end; the result is a prefix of ``text``.

    Never removes everything: a text made only of such lines is returned unchanged.
    """
    lines = text.split("\n")
    end = len(lines)
    removed = False
    while end > 0:
        line = lines[end - 1].strip()
        if not line:
            end -= 1
        elif len(line) <= _MAX_UI_LINE and _is_ui_line(line):
            end -= 1
            removed = True
        else:
            break
    if not removed or end == 0:
        return text
    return "\n".join(lines[:end]).rstrip()


# --------------------------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------------------------

_MONTHS = {
    "janvier": 1, "janv": 1, "jan": 1,
    "février": 2, "fevrier": 2, "févr": 2, "fevr": 2, "fév": 2, "fev": 2,
    "mars": 3,
    "avril": 4, "avr": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7, "juil": 7,
    "août": 8, "aout": 8,
    "septembre": 9, "sept": 9, "sep": 9,
    "octobre": 10, "oct": 10,
    "novembre": 11, "nov": 11,
    "décembre": 12, "decembre": 12, "déc": 12, "dec": 12,
}  # fmt: skip
_MONTH_ALT = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DATE = (
    rf"(?:(?P<d1>\d{{1,2}})(?:er|ᵉʳ)?\s+(?P<mon>{_MONTH_ALT})\b\.?,?\s+(?P<y1>\d{{4}})"
    r"|(?P<y2>\d{4})-(?P<m2>\d{1,2})-(?P<d2>\d{1,2})"
    r"(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?"
    r"|(?P<d3>\d{1,2})[/.](?P<m3>\d{1,2})[/.](?P<y3>\d{4}))"
)
_WEEKDAY = r"(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche),?\s+)?"
_TIME = r"(?:\s*(?:,|à|a|-|–|—|\||/)?\s*\d{1,2}\s?[hH:]\s?(?:\d{2})?(?:\s?(?:min|mn))?)?"
_PUBLISHED = r"(?:publié|publiée|publie|mis en ligne|posté|postée|paru|parue|published|posted)"
_BARE_DATE_LINE = re.compile(
    rf"(?:(?:{_PUBLISHED}|date|le)(?:\s+(?:le|on))?\s*:?\s*)?{_WEEKDAY}{_DATE}{_TIME}\s*[.,;]?",
    re.I,
)
_PUBLISHED_DATE = re.compile(rf"\b{_PUBLISHED}(?:\s+(?:le|on))?\s*:?\s*{_WEEKDAY}{_DATE}", re.I)
#: a dateline opening the first paragraph: "21 juin 2012. - À la suite de ...", "PARIS, 3 mai
#: 2024 — ..."
_DATELINE = re.compile(
    rf"^(?:[A-ZÉÈ][\w'’. -]{{1,40}},\s*)?{_WEEKDAY}{_DATE}\s*\.?\s*(?:\(\w+\)\s*)?[-–—]\s", re.I)
_ISO_START = re.compile(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})(?![\d])")
_DATE_ANYWHERE = re.compile(_DATE, re.I)


def _make_iso(year: str, month: str | int, day: str) -> str | None:
    try:
        value = _Date(int(year), int(month), int(day))
    except ValueError:
        return None
    if not 1800 <= value.year <= 2200:
        return None
    return value.isoformat()


def _date_from_match(match: re.Match[str]) -> str | None:
    if match.group("y1"):
        return _make_iso(match.group("y1"), _MONTHS[match.group("mon").lower()], match.group("d1"))
    if match.group("y2"):
        return _make_iso(match.group("y2"), match.group("m2"), match.group("d2"))
    return _make_iso(match.group("y3"), match.group("m3"), match.group("d3"))


def _iso_date(value: str) -> str | None:
    """An ISO ``yyyy-mm-dd`` from an ISO date/datetime or a French date, else None."""
    match = _ISO_START.match(value)
    if match:
        return _make_iso(*match.groups())
    found = _DATE_ANYWHERE.search(value)
    return _date_from_match(found) if found else None


def _text_date(text: str) -> str | None:
    """Publication date from a date line among the first lines of a plain-text article."""
    for line in _first_lines(text, 3):
        match = _DATELINE.match(line)  # a paragraph may open with its dateline
        if match is None and len(line) > 150:
            continue
        match = match or _BARE_DATE_LINE.fullmatch(line) or _PUBLISHED_DATE.search(line)
        if match:
            found = _date_from_match(match)
            if found:
                return found
    return None


def _first_lines(text: str, count: int) -> list[str]:
    lines: list[str] = []
    for line in text.split("\n", 200)[:200]:
        if line.strip():
            lines.append(line.strip())
            if len(lines) == count:
                break
    return lines


# --------------------------------------------------------------------------------------------
# Titles
# --------------------------------------------------------------------------------------------

_QUOTE_PAIRS = (("«", "»"), ('"', '"'), ("“", "”"), ("„", "“"), ("‘", "’"), ("'", "'"), ("»", "«"))


def _clean_title(title: str) -> str | None:
    """Whitespace collapsed, surrounding quotes/guillemets and markdown markers removed."""
    title = " ".join(title.split())
    title = re.sub(r"^#{1,6}\s+", "", title)
    changed = True
    while changed and title:
        changed = False
        for marker in ("**", "__"):
            if len(title) > 2 * len(marker) and title.startswith(marker) and title.endswith(marker):
                title = title[len(marker) : -len(marker)].strip()
                changed = True
        for opening, closing in _QUOTE_PAIRS:
            inner = title[1:-1]
            if (
                len(title) >= 2
                and title[0] == opening
                and title[-1] == closing
                and opening not in inner
                and closing not in inner
            ):
                title = inner.strip()
                changed = True
    return title or None


def _text_title(text: str) -> str | None:
    """The first non-empty line, if short and followed by a blank line (or a markdown
    underline); date lines at the top are skipped."""
    lines = text.split("\n", 400)[:400]
    skipped_dates = 0
    for i, raw in enumerate(lines):
        line = raw.strip()
        if not line:
            continue
        if skipped_dates < 2 and len(line) <= 150 and _BARE_DATE_LINE.fullmatch(line):
            skipped_dates += 1
            continue
        if len(line) >= 200 or i + 1 >= len(lines):
            return None
        following = lines[i + 1].strip()
        underlined = bool(re.fullmatch(r"=+|-{3,}", following)) and (
            i + 2 >= len(lines) or not lines[i + 2].strip()
        )
        heading = bool(re.match(r"#\s", line))
        if following and not underlined and not heading:
            return None
        if re.search(r"(?<!\.)\.$|[:;,]$", line):  # a sentence or an intro, not a headline
            return None
        return _clean_title(line)
    return None


# --------------------------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------------------------

_VOID = _word_set("area base br col embed hr img input keygen link meta param source track wbr")
_DROP = _word_set(
    "script style nav header footer aside form noscript svg iframe button template select "
    "textarea dialog canvas object embed audio video map math head title"
)
_DROP_ROLES = _word_set(
    "navigation banner contentinfo complementary search menu menubar toolbar dialog "
    "alertdialog button"
)
_BLOCK = _word_set(
    "address article aside blockquote br caption center dd details dir div dl dt fieldset "
    "figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr li main nav ol p pre "
    "section summary table tbody td tfoot th thead tr ul legend body html"
)
# an open <p> is closed by these start tags
_CLOSES_P = _word_set(
    "address article aside blockquote details div dl fieldset figcaption figure footer form "
    "h1 h2 h3 h4 h5 h6 header hgroup hr main nav ol p pre section table ul"
)
_SCOPE_BOUNDARY = _word_set("html table td th caption button object template")
_WHITESPACE = re.compile(r"[ \t\n\r\f]+")  # HTML whitespace: not the non-breaking space
_BOGUS_MARKED_SECTION = re.compile(r"<!\[(?!CDATA\[)[^>]*(?:>|$)", re.I)


@dataclass(eq=False, slots=True)
class _Node:
    tag: str
    attrs: dict[str, str]
    parent: _Node | None
    children: list[_Node | str] = field(default_factory=list)


class _TreeBuilder(HTMLParser):
    """A forgiving DOM builder: unknown end tags are ignored, unclosed elements are closed by
    their ancestors' end tags, ``<p>``/``<li>``/cells are closed implicitly like browsers do."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("#root", {}, None)
        self.stack: list[_Node] = [self.root]
        self.open_counts: Counter[str] = Counter()  # avoids scanning deep stacks for nothing

    def _pop_to(self, index: int) -> None:
        for node in self.stack[index:]:
            self.open_counts[node.tag] -= 1
        del self.stack[index:]

    def _close(self, tag: str, boundary: AbstractSet[str]) -> None:
        if not self.open_counts[tag]:
            return
        for i in range(len(self.stack) - 1, 0, -1):
            open_tag = self.stack[i].tag
            if open_tag == tag:
                self._pop_to(i)
                return
            if open_tag in boundary:
                return

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _CLOSES_P:
            self._close("p", _SCOPE_BOUNDARY)
        if tag == "li":
            self._close("li", _SCOPE_BOUNDARY | {"ul", "ol"})
        elif tag in ("dt", "dd"):
            self._close("dt", _SCOPE_BOUNDARY | {"dl"})
            self._close("dd", _SCOPE_BOUNDARY | {"dl"})
        elif tag in ("td", "th"):
            self._close("td", _SCOPE_BOUNDARY - {"td", "th"} | {"tr"})
            self._close("th", _SCOPE_BOUNDARY - {"td", "th"} | {"tr"})
        elif tag == "tr":
            self._close("tr", {"table"})
        elif tag == "option":
            self._close("option", {"select"})
        node = _Node(tag, {name.lower(): value or "" for name, value in attrs}, self.stack[-1])
        self.stack[-1].children.append(node)
        if tag not in _VOID:
            self.stack.append(node)
            self.open_counts[tag] += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "br":  # browsers read </br> as <br>
            self.handle_starttag("br", [])
            return
        if not self.open_counts[tag]:
            return  # a stray end tag
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                self._pop_to(i)
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


@dataclass(frozen=True, slots=True)
class _Page:
    text: str
    title: str | None
    date: str | None
    language: str | None


def _parse_html(html: str) -> _Page:
    builder = _TreeBuilder()
    try:
        builder.feed(_BOGUS_MARKED_SECTION.sub("", html))
        builder.close()
    except AssertionError:  # html.parser gives up on some malformed declarations: keep the rest
        pass
    root = builder.root
    content = _content_root(root)
    meta = _meta_values(root)
    return _Page(
        text=_render(content),
        title=_html_title(root, content, meta),
        date=_html_date(root, content, meta),
        language=_html_language(root, meta),
    )


def _iter_nodes(root: _Node, skip: Callable[[_Node], bool] | None = None) -> Iterator[_Node]:
    """Elements under ``root`` (itself included) in document order; ``skip`` prunes subtrees."""
    stack: list[_Node] = [root]
    while stack:
        node = stack.pop()
        if node is not root and skip is not None and skip(node):
            continue
        yield node
        stack.extend(child for child in reversed(node.children) if isinstance(child, _Node))


def _has_ancestor(node: _Node, tags: frozenset[str]) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.tag in tags or parent.attrs.get("role", "").strip().lower() in tags:
            return True
        parent = parent.parent
    return False


_ARTICLE_LIKE = frozenset({"article", "main"})


def _is_dropped(node: _Node) -> bool:
    """Page furniture: navigation, scripts, forms, hidden elements, page header and footer."""
    tag = node.tag
    if tag in _DROP:
        # an <article>'s own <header> holds its headline and date: keep it
        return not (tag == "header" and _has_ancestor(node, _ARTICLE_LIKE))
    attrs = node.attrs
    if "hidden" in attrs or attrs.get("aria-hidden", "").strip().lower() == "true":
        return True
    if attrs.get("role", "").strip().lower() in _DROP_ROLES:
        return True
    style = attrs.get("style", "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style


def _role(node: _Node) -> str:
    return node.attrs.get("role", "").strip().lower()


def _content_root(root: _Node) -> _Node:
    """The element holding the article: the largest <article>, else <main>, else <body>.

    An <article> or <main> much smaller than the page (teaser cards next to the real story) is
    not trusted."""
    nodes = list(_iter_nodes(root, _is_dropped))
    body = next((n for n in nodes if n.tag == "body"), root)
    body_length = len(_render(body))
    for kind in ("article", "main"):
        candidates = [n for n in nodes if n.tag == kind or _role(n) == kind]
        if not candidates:
            continue
        lengths = [len(_render(n)) for n in candidates]
        best = max(range(len(candidates)), key=lengths.__getitem__)
        if lengths[best] > 0 and lengths[best] >= 0.2 * body_length:
            return candidates[best]
    return body


def _render(root: _Node) -> str:
    """Visible text under ``root``: one paragraph per block element, blank line between."""
    paragraphs: list[str] = []
    buffer: list[str] = []
    pre_depth = 0

    def flush() -> None:
        if not buffer:
            return
        chunk = "".join(buffer)
        buffer.clear()
        # <pre> keeps its line breaks; elsewhere HTML whitespace collapses to one space
        chunk = chunk.strip("\n").rstrip() if pre_depth else _WHITESPACE.sub(" ", chunk).strip()
        if chunk:
            paragraphs.append(chunk)

    # (item, leaving): leaving=True marks the end of an element
    stack: list[tuple[_Node | str, bool]] = [(root, False)]
    while stack:
        item, leaving = stack.pop()
        if isinstance(item, str):
            buffer.append(item)
            continue
        if leaving:
            if item.tag in _BLOCK:
                flush()
            if item.tag == "pre":
                pre_depth -= 1
            continue
        if item is not root and _is_dropped(item):
            continue
        if item.tag in _BLOCK:
            flush()
        if item.tag == "pre":
            pre_depth += 1
        stack.append((item, True))
        stack.extend((child, False) for child in reversed(item.children))
    flush()
    return "\n\n".join(paragraphs)


def _node_text(node: _Node) -> str:
    """The visible text of an element on one line (for titles)."""
    return " ".join(_render(node).split())


def _meta_values(root: _Node) -> dict[str, str]:
    """``<meta>`` content by lower-cased property/name/itemprop/http-equiv (first one wins)."""
    values: dict[str, str] = {}
    for node in _iter_nodes(root):
        if node.tag != "meta":
            continue
        content = node.attrs.get("content", "").strip()
        if not content:
            continue
        for key_attr in ("property", "name", "itemprop", "http-equiv"):
            key = node.attrs.get(key_attr, "").strip().lower()
            if key:
                values.setdefault(key, content)
    return values


def _html_title(root: _Node, content: _Node, meta: dict[str, str]) -> str | None:
    for key in ("og:title", "twitter:title"):
        if key in meta and (title := _clean_title(meta[key])):
            return title
    for scope in (content, root):
        for node in _iter_nodes(scope, _is_dropped):
            if node.tag == "h1" and (title := _clean_title(_node_text(node))):
                return title
    for node in _iter_nodes(root):
        if node.tag == "title" and (title := _clean_title(_node_text(node))):
            # "Headline | Site name" -> "Headline"
            head = title.rsplit(" | ", 1)[0].strip()
            return head or title
    return None


_DATE_META_KEYS = (
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "date",
    "dc.date",
    "dc.date.issued",
    "dcterms.date",
    "dcterms.issued",
    "dcterms.created",
    "parsely-pub-date",
    "sailthru.date",
)


def _html_date(root: _Node, content: _Node, meta: dict[str, str]) -> str | None:
    for key in _DATE_META_KEYS:
        if key in meta and (found := _iso_date(meta[key])):
            return found
    for node in _iter_nodes(root):
        if node.attrs.get("itemprop", "").strip().lower() == "datepublished":
            value = node.attrs.get("datetime") or node.attrs.get("content") or ""
            if found := _iso_date(value):
                return found
    for node in _iter_nodes(root):
        if node.tag == "script" and "ld+json" in node.attrs.get("type", "").lower():
            raw = "".join(child for child in node.children if isinstance(child, str))
            if found := _json_ld_date(raw):
                return found

    def not_content(node: _Node) -> bool:
        return node.tag in ("nav", "aside") or (
            node.tag == "header" and not _has_ancestor(node, _ARTICLE_LIKE)
        )

    for node in _iter_nodes(content, not_content):
        if node.tag == "time" and (found := _iso_date(node.attrs.get("datetime", ""))):
            return found
    return None


def _json_ld_date(raw: str) -> str | None:
    raw = raw.strip()
    raw = re.sub(r"^(?:<!--|<!\[CDATA\[)|(?:-->|\]\]>)$", "", raw).strip()
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):
        return None
    queue: deque[object] = deque([data])
    while queue:
        item = queue.popleft()
        if isinstance(item, dict):
            value = item.get("datePublished")
            if isinstance(value, str) and (found := _iso_date(value)):
                return found
            queue.extend(item.values())
        elif isinstance(item, list):
            queue.extend(item)
    return None


_LANGUAGE = re.compile(r"\s*([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)*\s*")


def _html_language(root: _Node, meta: dict[str, str]) -> str | None:
    """Primary language subtag, lower case: ``<html lang="fr-FR">`` -> ``"fr"``."""
    values: list[str] = []
    for node in _iter_nodes(root):
        if node.tag == "html":
            values += [node.attrs.get("lang", ""), node.attrs.get("xml:lang", "")]
            break
    values += [meta.get("content-language", ""), meta.get("og:locale", "")]
    for value in values:
        match = _LANGUAGE.fullmatch(value.split(",")[0]) if value else None
        if match:
            return match.group(1).lower()
    return None
