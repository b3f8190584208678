"""``kg explain``: why a fact was (or was not) read from a sentence.

For each sentence of a text: the parse (tokens, lemmas, tags, dependencies), the mentions and
their types, the predicates with their arguments by role, every frame tried on them with what
came of it (fired, or the reason it did not), and the facts kg states. This is the tool to
find out why a fact is missing::

    >>> from kg.explain import explain, format_explanation
    >>> print(format_explanation(explain("Le président égyptien Hosni Moubarak a démissionné.")))
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.model import Document, DocumentExtraction, ParsedDocument

#: a text longer than this is explained sentence by sentence only up to this many sentences
MAX_SENTENCES = 40


@dataclass(frozen=True, slots=True)
class TokenRow:
    i: int
    text: str
    lemma: str
    pos: str
    dep: str
    head: int


@dataclass(frozen=True, slots=True)
class PredicateRow:
    word: str
    lemma: str
    kind: str
    notes: tuple[str, ...]  # "passive", "negated", "reported", "former"
    args: tuple[tuple[str, str], ...]  # (role, words: the mention(s) or the head word)


@dataclass(frozen=True, slots=True)
class FrameRow:
    frame: str
    word: str
    fired: bool
    reason: str


@dataclass(slots=True)
class SentenceExplanation:
    index: int
    text: str
    tokens: list[TokenRow] = field(default_factory=list)
    mentions: list[tuple[str, str, str]] = field(default_factory=list)  # text, type, name
    predicates: list[PredicateRow] = field(default_factory=list)
    frames: list[FrameRow] = field(default_factory=list)
    facts: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Explanation:
    document: Document
    sentences: list[SentenceExplanation]
    notes: list[str] = field(default_factory=list)


def explain(text_or_document: str | Document, *, date: str | None = None) -> Explanation:
    """Parse and read ``text_or_document`` and say, sentence by sentence, what was read and
    why. Never raises on odd input: an empty or unparsable text is explained as such."""
    from kg.extract import extract
    from kg.extract.clauses import ReadingTrace
    from kg.nlp import parse
    from kg.reader import document_from_text

    document = (text_or_document if isinstance(text_or_document, Document)
                else document_from_text(text_or_document, date=date))
    parsed = parse(document)
    trace = ReadingTrace()
    extraction = extract(parsed, trace)
    return _explanation(parsed, extraction, trace)


def _explanation(parsed: ParsedDocument, extraction: DocumentExtraction, trace: object
                 ) -> Explanation:
    from kg.extract.clauses import ReadingTrace

    assert isinstance(trace, ReadingTrace)
    tokens = parsed.tokens
    result = Explanation(parsed.document, [])
    if len(parsed.sentences) > MAX_SENTENCES:
        result.notes.append(f"{len(parsed.sentences)} sentences: the first {MAX_SENTENCES} "
                            "are explained")
    for sentence in parsed.sentences[:MAX_SENTENCES]:
        row = SentenceExplanation(sentence.index, sentence.text)
        row.tokens = [TokenRow(t.i - sentence.start, t.text, t.lemma, t.pos, t.dep,
                               t.head - sentence.start)
                      for t in tokens[sentence.start:sentence.end]]
        row.mentions = [(m.text, m.entity_type.value, m.referent.name)
                        for m in extraction.mentions if m.sentence == sentence.index]
        graph = trace.graphs.get(sentence.index)
        if graph is not None:
            for predicate in graph.predicates():
                args = []
                for arg in predicate.args:
                    named = [_mention_text(trace, ident) for ident in graph.mentions_at(arg.token)]
                    args.append((arg.role, "; ".join(named) if named
                                 else tokens[arg.token].text))
                notes = tuple(note for note, on in (
                    ("passive", predicate.passive), ("negated", predicate.negated),
                    ("reported", predicate.hedged), ("former", predicate.former)) if on)
                if args or any(t.predicate == predicate.token for t in trace.trials):
                    row.predicates.append(PredicateRow(
                        tokens[predicate.token].text, predicate.lemma, predicate.kind, notes,
                        tuple(args)))
            row.frames = [FrameRow(t.frame, tokens[t.predicate].text, t.fired, t.reason)
                          for t in trace.trials
                          if sentence.start <= t.predicate < sentence.end]
        for fact in extraction.facts:
            if fact.evidence.sentence_start == sentence.start_char:
                label = (f" «{fact.evidence.relation_text}»"
                         if fact.evidence.relation_text else "")
                row.facts.append(f"{fact.subject.referent.name} -{fact.relation.value}->"
                                 f" {fact.object.referent.name}{label} "
                                 f"[{fact.evidence.extractor}, {fact.evidence.confidence}]")
        for attribute in extraction.attributes:
            if attribute.evidence.sentence_start == sentence.start_char:
                row.facts.append(f"{attribute.subject.referent.name} "
                                 f"-{attribute.attribute.value}-> {attribute.value} "
                                 f"[{attribute.evidence.extractor}, "
                                 f"{attribute.evidence.confidence}]")
        result.sentences.append(row)
    if not parsed.sentences:
        result.notes.append("no sentence to read")
    elif not extraction.facts and not extraction.attributes:
        result.notes.append("no fact: nothing in these sentences is grounded enough to state")
    return result


def _mention_text(trace: object, ident: int) -> str:
    mention = trace.mentions.get(ident)  # type: ignore[attr-defined]
    if mention is None:
        return "(untyped name)"
    return f"{mention.text} [{mention.entity_type.value}]"


def format_explanation(explanation: Explanation, *, parse: bool = True) -> str:
    """The explanation as text for a terminal."""
    lines: list[str] = []
    for sentence in explanation.sentences:
        lines.append(f"── sentence {sentence.index + 1}: {sentence.text}")
        if parse:
            lines.append("  parse:")
            for t in sentence.tokens:
                lines.append(f"    {t.i:>3} {t.text:<18} {t.lemma:<16} {t.pos:<6} "
                             f"{t.dep:<12} -> {t.head}")
        lines.append("  mentions:" + ("" if sentence.mentions else " none"))
        for text, etype, name in sentence.mentions:
            same = "" if text == name else f" = {name}"
            lines.append(f"    {text} [{etype}]{same}")
        if sentence.predicates:
            lines.append("  predicates:")
            for p in sentence.predicates:
                notes = f" ({', '.join(p.notes)})" if p.notes else ""
                args = "; ".join(f"{role}: {words}" for role, words in p.args) or "-"
                lines.append(f"    {p.word} [{p.kind} {p.lemma}]{notes}: {args}")
        if sentence.frames:
            lines.append("  frames:")
            for f in sentence.frames:
                mark = "fired" if f.fired else "not  "
                lines.append(f"    {mark} {f.frame} on '{f.word}': {f.reason}")
        lines.append("  facts:" + ("" if sentence.facts else " none"))
        lines += [f"    {fact}" for fact in sentence.facts]
    lines += [f"note: {note}" for note in explanation.notes]
    return "\n".join(lines)
