"""Coreference a French reader resolves without effort.

- possessive determiners before an owned thing ("ses produits", "leurs modèles", "sa filiale",
  "sa stratégie") stand for the organisation in focus;
- definite descriptions ("le groupe", "la société", "l'entreprise", "le géant", "la firme")
  stand for the organisation in focus;
- a subject pronoun ("il", "elle") opening a sentence stands for the person last spoken of.

The organisation in focus is the closest organisation named before, in the same sentence or in
the three sentences before. Each resolved mention keeps its antecedent, so the evidence of a
fact says which words were resolved to what.
"""

from __future__ import annotations

import re

from kg.extract import lexicon
from kg.extract.surface import normalise_word
from kg.model import ORGANIZATION_TYPES, EntityType, Mention, MentionKind, ParsedDocument

_POSSESSIVES = {"son", "sa", "ses", "leur", "leurs"}
_OWNED = re.compile(
    rf"^(?:propres? |nouveaux? |nouvelles? |derniers? |dernières? |principaux |principales? )?"
    rf"(?:{lexicon.PRODUCT_FAMILY_NOUNS}|filiales?|divisions?|stratégies?|plans?|"
    rf"{lexicon.CORPORATE_EVENT_HEADS}|projets?|initiatives?|fondateurs?|dirigeants?|pdg|"
    rf"patron|président|directeur général)\b"
)
_ORG_ANAPHOR = re.compile(rf"^(?:{lexicon.ORG_ANAPHORS})$")
FOCUS_WINDOW = 3  # sentences


def _antecedent(
    names: list[Mention], sentence: int, before_char: int, types: frozenset[EntityType],
    window: int = FOCUS_WINDOW,
) -> Mention | None:
    best: Mention | None = None
    for mention in names:
        if mention.entity_type not in types:
            continue
        if (sentence - window <= mention.sentence <= sentence
                and mention.end_char <= before_char
                and (best is None or mention.end_char > best.end_char)):
            best = mention
    return best


def resolve_anaphora(
    parsed: ParsedDocument, names: list[Mention], taken: set[int]
) -> list[tuple[Mention, int, int]]:
    """Mentions for possessives, organisation descriptions and subject pronouns that can be
    resolved, with their token spans. ``taken`` holds token indices already in a mention."""
    found: list[tuple[Mention, int, int]] = []
    tokens = parsed.tokens
    doc_id = parsed.document.doc_id
    text = parsed.document.text
    for sentence in parsed.sentences:
        words = [normalise_word(t.text) for t in tokens[sentence.start : sentence.end]]
        for offset, word in enumerate(words):
            i = sentence.start + offset
            if i in taken:
                continue
            token = tokens[i]
            rest = " ".join(words[offset + 1 : offset + 5])
            if word in _POSSESSIVES and token.pos == "DET" and _OWNED.match(rest):
                target = _antecedent(names, sentence.index, token.idx, ORGANIZATION_TYPES)
                if target is not None:
                    found.append((_resolved(doc_id, token.idx, token.end, text, sentence.index,
                                            target, MentionKind.PRONOUN, "possessive"), i, i + 1))
                continue
            two = " ".join(words[offset : offset + 2])
            if _ORG_ANAPHOR.match(two) and offset + 2 <= len(words):
                after = sentence.start + offset + 2
                # "le groupe Renault": a type cue before a name, not an anaphor
                if after < sentence.end and (after in taken or tokens[after].pos == "PROPN"):
                    continue
                if after < sentence.end and words[offset + 2] in {"de", "du", "des", "d'"}:
                    continue
                target = _antecedent(names, sentence.index, token.idx, ORGANIZATION_TYPES)
                if target is not None and target.sentence < sentence.index:
                    end_token = tokens[i + 1]
                    found.append((_resolved(doc_id, token.idx, end_token.end, text,
                                            sentence.index, target, MentionKind.NOMINAL,
                                            "definite description"), i, i + 2))
                continue
            if (
                word in {"il", "elle"}
                and token.dep.startswith("nsubj")
                and offset <= 2
            ):
                target = _antecedent(names, sentence.index - 1, len(text),
                                     frozenset({EntityType.PERSON}), window=1)
                if target is not None:
                    found.append((_resolved(doc_id, token.idx, token.end, text, sentence.index,
                                            target, MentionKind.PRONOUN, "pronoun"), i, i + 1))
    return found


def _resolved(
    doc_id: str, start: int, end: int, text: str, sentence: int, target: Mention,
    kind: MentionKind, how: str,
) -> Mention:
    return Mention(
        doc_id=doc_id, start_char=start, end_char=end, text=text[start:end], sentence=sentence,
        entity_type=target.entity_type, name=target.referent.name, kind=kind,
        antecedent=target, resolution=how,
    )
