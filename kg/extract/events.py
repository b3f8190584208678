"""Events (and laws and works) of news that have no name: "les élections législatives de
dimanche 17 juin", "l'enlèvement du journaliste Paul Martin", "l'attentat",
"le projet de loi sur la pêche côtière", "un reportage".

A noun listed in ``frames/events.toml`` heads a description: the noun, its adjectives and its
complements ("de ...", a date), up to a verb, a punctuation mark or a relative pronoun. The
description is a mention of an event of the article, typed by the noun's class (an
:class:`~kg.model.EntityType.ELECTION`, an ``ATTACK``...). A later definite description with
the same head ("l'agression", "cette agression") is the same event. The frames read the rest:
where and when it happened, who took part, who did it, who suffered it.
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from importlib.resources import files

from kg.extract.offices import normalise
from kg.model import EntityType, Mention, MentionKind, ParsedDocument

#: complements that belong to a description ("de", "contre", "sur"); where and when it
#: happened ("à Londres", "en 2006") are facts about it, not part of it
_COMPLEMENT = {"de", "du", "des", "d'", "contre", "sur"}
#: words that end a description
_STOP = {normalise(word) for word in (
    "qui", "que", "qu'", "dont", "où", "lequel", "laquelle", "afin", "alors", "mais", "et",
    "ou", "car", "lorsque", "quand", "puis", "selon", "avec", "par", "pour", "depuis",
    "après", "avant", "lors")}
_DEFINITE = {"le", "la", "les", "l'", "ce", "cet", "cette", "ces"}
_TIME_WORDS = {normalise(w) for w in (
    "hier", "aujourd'hui", "demain", "lundi", "mardi", "mercredi", "jeudi", "vendredi",
    "samedi", "dimanche", "matin", "soir", "après-midi", "nuit", "dernier", "dernière")}
_MAX_WIDTH = 12


@dataclass(frozen=True, slots=True)
class EventNoun:
    words: tuple[str, ...]
    etype: EntityType
    alone: bool


def _words(noun: str) -> tuple[str, ...]:
    return tuple(normalise(noun).replace("'", "' ").split())


@functools.cache
def _data() -> dict[str, object]:
    return tomllib.loads((files("kg.extract") / "frames" / "events.toml").read_text("utf-8"))


@functools.cache
def event_nouns() -> tuple[dict[tuple[str, ...], EventNoun], int]:
    nouns: dict[tuple[str, ...], EventNoun] = {}
    for group in _data()["event"]:  # type: ignore[attr-defined]
        etype = EntityType(group["class"])
        for noun in group["nouns"]:
            words = _words(noun)
            nouns[words] = EventNoun(words, etype, bool(group["alone"]))
    return nouns, max(len(k) for k in nouns)


@functools.cache
def _synonyms() -> tuple[dict[tuple[str, ...], int], frozenset[tuple[str, ...]]]:
    """Head words -> the group of words for one event; and the bare anaphors."""
    data: dict = _data()["coreference"]  # type: ignore[assignment]
    groups = {_words(noun): n for n, group in enumerate(data["same"]) for noun in group}
    return groups, frozenset(_words(noun) for noun in data["anaphors"])


def is_event_noun(word: str) -> EntityType | None:
    """The event class a one-word noun names ("attentat" -> Attack), or None."""
    found = event_nouns()[0].get((normalise(word),))
    return found.etype if found else None


def event_mentions(parsed: ParsedDocument, names: list[tuple[int, int]]
                   ) -> list[tuple[Mention, int, int]]:
    """Event descriptions with their token ranges. ``names`` are the token ranges of name
    mentions: a name right after the noun is the event's own name, handled as a name."""
    nouns, longest = event_nouns()
    tokens = parsed.tokens
    words = [normalise(t.text) for t in tokens]
    name_starts = {s: e for s, e in names}
    inside_name = {i for s, e in names for i in range(s, e)}
    text = parsed.document.text
    found: list[tuple[Mention, int, int]] = []
    i = 0
    while i < len(tokens):
        match = None
        for width in range(min(longest, len(tokens) - i), 0, -1):
            key = tuple(words[i:i + width])
            if key in nouns and tokens[i + width - 1].sent == tokens[i].sent:
                match = nouns[key]
                break
        if (match is None or not match.alone) and found and (words[i],) in _synonyms()[1] \
                and i > 0 and words[i - 1] in _DEFINITE and tokens[i].pos == "NOUN" and (
                i + 1 >= len(tokens) or words[i + 1] not in _COMPLEMENT):
            # "le drame", "l'incident": the event last spoken of, if any
            match = EventNoun((words[i],), EntityType.EVENT, False)
            last_event = found[-1][0].referent
            first = tokens[i]
            found.append((Mention(
                doc_id=parsed.document.doc_id, start_char=first.idx, end_char=first.end,
                text=first.text, sentence=first.sent, entity_type=last_event.entity_type,
                name=first.text, kind=MentionKind.NOMINAL, antecedent=last_event,
                resolution="definite description"), i, i + 1))
            i += 1
            continue
        if (match is None or i in inside_name or tokens[i].pos not in {"NOUN", "ADJ"}
                or (i > 0 and words[i - 1] in {"de", "des", "du", "d'"}
                    and tokens[i - 1].head != i and _after_noun(parsed, i - 1))):
            i += 1
            continue
        start, end = i, i + len(match.words)
        if end in name_starts:
            i = end  # "l'ouragan Sandy": the name is the event
            continue
        end = _extend(parsed, words, start, end, name_starts)
        # a complement, not only adjectives: "la guerre d'Algérie", not "une étape décisive"
        complemented = any(words[k] in _COMPLEMENT for k in range(start + len(match.words), end))
        if not complemented and not match.alone:
            i += 1
            continue
        first, last = tokens[start], tokens[end - 1]
        span_text = text[first.idx:last.end]
        mention = Mention(
            doc_id=parsed.document.doc_id, start_char=first.idx, end_char=last.end,
            text=span_text, sentence=first.sent, entity_type=match.etype,
            name=" ".join(span_text.split()), kind=MentionKind.NOMINAL,
        )
        determiner = words[start - 1] if start > 0 else ""
        earlier = _same_event(match, words[start + len(match.words):end], determiner,
                              complemented, found, words)
        if earlier is not None:
            # "l'agression", "cette agression", "la capture de Saraqeb" after "la prise de
            # Saraqeb": the event introduced earlier
            mention = Mention(
                doc_id=mention.doc_id, start_char=mention.start_char,
                end_char=mention.end_char, text=mention.text, sentence=mention.sentence,
                entity_type=earlier.entity_type, name=mention.name, kind=MentionKind.NOMINAL,
                antecedent=earlier.referent, resolution="definite description",
            )
        found.append((mention, start, end))
        i = end
    return found


#: complement words that say nothing of which event it is
_EMPTY = {"de", "du", "des", "d'", "la", "le", "les", "l'", "un", "une", "sur", "contre",
          "ce", "cette", "ces", "son", "sa", "ses", "leur", "leurs"}


def _same_event(match: EventNoun, complement: list[str], determiner: str,
                complemented: bool, found: list[tuple[Mention, int, int]], words: list[str]
                ) -> Mention | None:
    """The event an event description refers back to, if any: the last one of the same
    group of words whose complement does not disagree with this one's ("la capture de
    Saraqeb" and "la prise de Saraqeb"; "l'accident nucléaire de Fukushima" and "cet
    accident"); a bare "le drame", "l'incident" is the last event spoken of."""
    groups, anaphors = _synonyms()
    mine_groups = _groups_of(match.words, groups)
    mine = {w for w in complement if w not in _EMPTY}
    for mention, start, end in reversed(found):
        other = mention.referent
        other_words = tuple(w for w in words[start:end])
        other_head = _head_of(other_words)
        if other_head is None or not (mine_groups & _groups_of(other_head.words, groups)):
            continue
        theirs = {w for w in other_words[len(other_head.words):] if w not in _EMPTY}
        if mine and theirs and not (mine & theirs):
            continue  # "l'attentat de Kaboul" is not "l'attentat de Bagdad"
        if not complemented and determiner not in _DEFINITE:
            return None  # "une agression", another one
        return other
    if match.words in anaphors and determiner in _DEFINITE and not complemented and found:
        return found[-1][0].referent
    return None


def _groups_of(words: tuple[str, ...], groups: dict[tuple[str, ...], int]) -> set[object]:
    """What makes two heads the same event's: the words themselves (singular), their group
    of synonyms, and the same for the first word ("accident nucléaire" is an "accident")."""
    found: set[object] = set()
    for key in (words, words[:1]):
        singular = tuple(w.rstrip("sx") for w in key)
        found.add(singular)
        for form in (key, tuple(w + "s" for w in key), singular):
            if form in groups:
                found.add(groups[form])
    return found


def _head_of(words: tuple[str, ...]) -> EventNoun | None:
    nouns, longest = event_nouns()
    for width in range(min(longest, len(words)), 0, -1):
        if words[:width] in nouns:
            return nouns[words[:width]]
    return None


def _after_noun(parsed: ParsedDocument, i: int) -> bool:
    """"de" after a noun: "la date de l'élection" still describes the election, but "centre
    de congrès" names no congress; only a noun before "de" that is itself an event or a
    classifier keeps the complement apart."""
    tokens = parsed.tokens
    return i > 0 and tokens[i - 1].pos == "NOUN" and normalise(tokens[i - 1].text) in {
        "centre", "palais", "parc", "salle", "bureau", "bureaux", "liste", "loi"}


def _extend(parsed: ParsedDocument, words: list[str], start: int, end: int,
            name_starts: dict[int, int]) -> int:
    """The description's end: adjectives, then complements ("de ...", "en 2006"), up to a
    verb, a punctuation mark, a relative pronoun or a coordination."""
    tokens = parsed.tokens
    sentence = tokens[start].sent
    k = end
    while k < len(tokens) and tokens[k].sent == sentence and k - start < _MAX_WIDTH:
        token = tokens[k]
        word = words[k]
        if k in name_starts:
            k = name_starts[k]
            continue
        if word in _STOP or token.pos in {"VERB", "AUX", "PRON", "PUNCT", "SCONJ", "CCONJ"}:
            break
        if word in _TIME_WORDS:
            break  # "une agression hier soir": when, not what
        if token.pos == "ADP" and word not in _COMPLEMENT:
            break
        k += 1
    while k > end and (tokens[k - 1].pos in {"ADP", "DET", "CCONJ"}
                       or words[k - 1] in _COMPLEMENT):
        k -= 1
    return k
