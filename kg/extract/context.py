"""What an article as a whole says: the one country it is about, and its headline's.

News headlines often open with the country they report from ("Nigeria : crash d'un avion à
Lagos", "Syrie : nouvelle avancée des rebelles"). The events and places of such a headline
are in that country, and an office said alone in the article ("le président", "le ministre
des Finances") is that country's, when the article speaks of no other country as much.
"""

from __future__ import annotations

import re
from collections import Counter

from kg.extract.places import is_country
from kg.model import EVENT_TYPES, EntityType, Mention, ParsedDocument

#: an article is about one country when that country has at least this share of the mentions
#: of countries (names and nationality adjectives), and twice the next one's
DOMINANT_SHARE = 0.6


def headline_country(parsed: ParsedDocument) -> str | None:
    """The country a headline opens with: "Grèce : le nouveau gouvernement formé"."""
    if not parsed.sentences:
        return None
    title = parsed.document.title
    first = parsed.sentences[0].text
    for text in (title, first):
        if text and " :" in text[:60]:
            head = text.split(" :", 1)[0].strip()
            if is_country(head):
                return head
    return None


def article_country(parsed: ParsedDocument, mentions: list[Mention]) -> str | None:
    """The one country the article is about: its headline's, else the country far more
    mentioned than any other; None for an article about several countries."""
    counts: Counter[str] = Counter(
        m.referent.name for m in mentions if m.referent.entity_type is EntityType.COUNTRY)
    headline = headline_country(parsed)
    if headline is not None:
        others = [n for n, c in counts.items() if n != headline and c >= counts[headline]]
        return None if others else headline
    if not counts:
        return None
    ranked = counts.most_common(2)
    best, count = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0
    total = sum(counts.values())
    if count >= 2 and count / total >= DOMINANT_SHARE and count >= 2 * second:
        return best
    return None


HEADLINE_EXTRACTOR = "headline-country"
_LOCATIVE_BEFORE = re.compile(r"(?:\b(?:à|au|aux|en|dans|près de|entre|et)|,) (?:la |le |l')?$",
                              re.IGNORECASE)
#: what the headline rule says of each kind of entity in the headline
_HEADLINE_TYPES = (EVENT_TYPES | {EntityType.PLACE, EntityType.GOVERNMENT_ORGANIZATION,
                                  EntityType.COURT, EntityType.LAW})


def headline_facts(parsed: ParsedDocument, mentions: list[Mention]
                   ) -> list[tuple[Mention, Mention]]:
    """"Nigeria : crash d'un avion à Lagos": the events, places (not countries) and public
    bodies the headline names are in the country it opens with. Returns (entity, country)
    pairs; an organisation other than a public body may be foreign ("Afghanistan : l'armée
    française se retire") and is left out."""
    country = headline_country(parsed)
    if country is None or not parsed.sentences:
        return []
    first = parsed.sentences[0]
    country_mention = next((m for m in mentions if m.sentence == first.index
                            and m.referent.entity_type is EntityType.COUNTRY
                            and m.referent.name == country and m.start_char < first.start_char
                            + len(country) + 2), None)
    if country_mention is None:
        return []
    words = parsed.document.text
    return [(m, country_mention) for m in mentions
            if m.sentence == first.index and m is not country_mention
            and m.referent.entity_type in _HEADLINE_TYPES
            # a place only as where the headline's news happens ("à Lagos", "en Kabylie"),
            # not "la face cachée de la Lune"
            and (m.referent.entity_type is not EntityType.PLACE
                 or _LOCATIVE_BEFORE.search(words[max(0, m.start_char - 12):m.start_char]))]
