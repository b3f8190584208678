"""Surface views of a sentence: lower-cased tokens joined by spaces, names as placeholders.

Patterns of French news ("X, PDG de Y", "Y a racheté X") are most robust when written over the
words themselves, with each recognised mention collapsed to one placeholder ``@m<id>``. The
dependency parse is used where it is reliable (subjects, objects); the surface elsewhere.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from kg.model import ParsedDocument, Sentence

_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "`": "'", "‘": "'", "\u00a0": " ",
                              "\u202f": " ", "«": '"', "»": '"', "“": '"', "”": '"'})
PLACEHOLDER = re.compile(r"@m(\d+)")


@functools.lru_cache(maxsize=65536)
def normalise_word(text: str) -> str:
    """Lower-case and unify apostrophes, quotes and spaces (cached: a corpus repeats its
    words)."""
    return unicodedata.normalize("NFC", text).translate(_APOSTROPHES).lower()


@functools.lru_cache(maxsize=65536)
def name_key(text: str) -> str:
    """A key under which two spellings of one name compare equal."""
    text = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"[^\w]+", " ", text)
    return " ".join(text.split())


@dataclass(frozen=True, slots=True)
class SurfaceSentence:
    """``text`` is the sentence as words and placeholders; ``tokens[k]`` is the document token
    index that the k-th word of ``text`` starts at (a placeholder maps to its first token)."""

    sentence: Sentence
    text: str
    word_tokens: tuple[int, ...]
    word_starts: tuple[int, ...]  # character offset of each word in ``text``

    def token_at(self, char: int) -> int:
        """The document token index of the word that starts at or spans ``char`` in ``text``."""
        lo, hi = 0, len(self.word_starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.word_starts[mid] <= char:
                lo = mid
            else:
                hi = mid - 1
        return self.word_tokens[lo]


def surface(
    parsed: ParsedDocument, sentence: Sentence, spans: dict[int, tuple[int, int]]
) -> SurfaceSentence:
    """Build the surface of ``sentence``; ``spans`` maps a mention id to its token range
    (start, end). Overlapping spans: the first starting (then the longest) wins."""
    starts: dict[int, tuple[int, int]] = {}
    for mention_id, (start, end) in sorted(spans.items(), key=lambda kv: (kv[1][0], -kv[1][1])):
        if sentence.start <= start < sentence.end and start not in starts:
            starts[start] = (mention_id, end)
    words: list[str] = []
    word_tokens: list[int] = []
    word_starts: list[int] = []
    length = 0
    i = sentence.start
    while i < sentence.end:
        if i in starts:
            mention_id, end = starts[i]
            word = f"@m{mention_id}"
            next_i = max(end, i + 1)
        else:
            word = normalise_word(parsed.tokens[i].text)
            next_i = i + 1
            # "start - up", "co - fondateur": a hyphenated word is one word
            while (next_i + 1 < sentence.end and parsed.tokens[next_i].text == "-"
                   and next_i + 1 not in starts
                   and parsed.tokens[next_i].idx == parsed.tokens[next_i - 1].end
                   and parsed.tokens[next_i + 1].idx == parsed.tokens[next_i].end):
                word += "-" + normalise_word(parsed.tokens[next_i + 1].text)
                next_i += 2
        word_starts.append(length)
        word_tokens.append(i)
        words.append(word)
        length += len(word) + 1
        i = next_i
    return SurfaceSentence(sentence, " ".join(words), tuple(word_tokens), tuple(word_starts))
