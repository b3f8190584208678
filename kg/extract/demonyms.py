"""Nationality and city adjectives: "l'éditeur allemand X", "X, une start-up lyonnaise".

French news gives an organisation's country or city through an adjective far more often
than through a name. The adjective becomes a mention of the place it derives from, and the
organisation gets ``country`` (Wikidata P17) or ``headquarteredIn`` (P159).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from kg.extract import lexicon, places
from kg.extract.surface import SurfaceSentence, name_key
from kg.model import (
    ORGANIZATION_TYPES,
    EntityType,
    Mention,
    MentionKind,
    ParsedDocument,
    Relation,
    Token,
)

EXTRACTORS = {
    "nationality-adjective": "'l'éditeur allemand X', 'X, une start-up française': X's country",
    "city-adjective": "'la start-up lyonnaise X': X is based in the city",
}

#: adjective stem (masculine singular; feminine and plural forms are derived) -> place
COUNTRIES = {
    "français": "France", "allemand": "Allemagne", "américain": "États-Unis",
    "britannique": "Royaume-Uni", "anglais": "Royaume-Uni", "italien": "Italie",
    "espagnol": "Espagne", "portugais": "Portugal", "belge": "Belgique", "suisse": "Suisse",
    "néerlandais": "Pays-Bas", "luxembourgeois": "Luxembourg", "autrichien": "Autriche",
    "suédois": "Suède", "norvégien": "Norvège", "danois": "Danemark", "finlandais": "Finlande",
    "irlandais": "Irlande", "polonais": "Pologne", "tchèque": "Tchéquie", "grec": "Grèce",
    "turc": "Turquie", "russe": "Russie", "ukrainien": "Ukraine", "chinois": "Chine",
    "japonais": "Japon", "coréen": "Corée du Sud", "sud-coréen": "Corée du Sud",
    "indien": "Inde", "taïwanais": "Taïwan", "singapourien": "Singapour",
    "australien": "Australie", "canadien": "Canada", "québécois": "Canada",
    "mexicain": "Mexique", "brésilien": "Brésil", "argentin": "Argentine", "chilien": "Chili",
    "israélien": "Israël", "saoudien": "Arabie saoudite", "émirati": "Émirats arabes unis",
    "qatari": "Qatar", "marocain": "Maroc", "algérien": "Algérie", "tunisien": "Tunisie",
    "sénégalais": "Sénégal", "ivoirien": "Côte d'Ivoire", "nigérian": "Nigeria",
    "sud-africain": "Afrique du Sud", "égyptien": "Égypte", "iranien": "Iran",
    "pakistanais": "Pakistan", "vietnamien": "Viêt Nam", "indonésien": "Indonésie",
    "estonien": "Estonie", "letton": "Lettonie", "lituanien": "Lituanie",
    "roumain": "Roumanie", "bulgare": "Bulgarie", "hongrois": "Hongrie",
    "slovaque": "Slovaquie", "slovène": "Slovénie", "croate": "Croatie", "serbe": "Serbie",
    "islandais": "Islande", "thaïlandais": "Thaïlande", "malaisien": "Malaisie",
    "philippin": "Philippines", "colombien": "Colombie", "péruvien": "Pérou",
    "vénézuélien": "Venezuela", "kényan": "Kenya", "éthiopien": "Éthiopie",
    "ghanéen": "Ghana", "libanais": "Liban", "jordanien": "Jordanie", "koweïtien": "Koweït",
    "néo-zélandais": "Nouvelle-Zélande", "cubain": "Cuba", "uruguayen": "Uruguay",
    "bolivien": "Bolivie", "équatorien": "Équateur", "bangladais": "Bangladesh",
    "ouzbek": "Ouzbékistan", "kazakh": "Kazakhstan", "arménien": "Arménie",
    "géorgien": "Géorgie", "moldave": "Moldavie", "albanais": "Albanie",
    "chypriote": "Chypre", "maltais": "Malte", "monégasque": "Monaco",
    "écossais": "Royaume-Uni", "gallois": "Royaume-Uni", "hongkongais": "Hong Kong",
    "camerounais": "Cameroun", "malien": "Mali", "gabonais": "Gabon", "béninois": "Bénin",
    "togolais": "Togo", "burkinabè": "Burkina Faso", "congolais": "Congo",
    "rwandais": "Rwanda", "angolais": "Angola", "mozambicain": "Mozambique",
    "syrien": "Syrie", "irakien": "Irak", "afghan": "Afghanistan", "libyen": "Libye",
    "soudanais": "Soudan", "sud-soudanais": "Soudan du Sud", "yéménite": "Yémen",
    "palestinien": "Palestine", "somalien": "Somalie", "nigérien": "Niger",
    "tchadien": "Tchad", "mauritanien": "Mauritanie", "guinéen": "Guinée",
    "centrafricain": "République centrafricaine", "haïtien": "Haïti",
    "nord-coréen": "Corée du Nord", "birman": "Birmanie", "népalais": "Népal",
    "sri-lankais": "Sri Lanka", "cambodgien": "Cambodge", "laotien": "Laos",
    "mongol": "Mongolie", "érythréen": "Érythrée",
    "zimbabwéen": "Zimbabwe", "zambien": "Zambie", "ougandais": "Ouganda",
    "tanzanien": "Tanzanie", "malgache": "Madagascar", "libérien": "Liberia",
    "sierra-léonais": "Sierra Leone", "gambien": "Gambie", "bissau-guinéen": "Guinée-Bissau",
    "cap-verdien": "Cap-Vert", "djiboutien": "Djibouti", "burundais": "Burundi",
    "namibien": "Namibie", "botswanais": "Botswana", "azerbaïdjanais": "Azerbaïdjan",
    "tadjik": "Tadjikistan", "kirghize": "Kirghizistan", "turkmène": "Turkménistan",
    "biélorusse": "Biélorussie", "bosnien": "Bosnie-Herzégovine", "monténégrin": "Monténégro",
    "macédonien": "Macédoine du Nord", "kosovar": "Kosovo", "omanais": "Oman",
    "bahreïni": "Bahreïn", "émirien": "Émirats arabes unis", "paraguayen": "Paraguay",
    "hondurien": "Honduras", "guatémaltèque": "Guatemala", "salvadorien": "Salvador",
    "nicaraguayen": "Nicaragua", "costaricien": "Costa Rica", "panaméen": "Panama",
    "dominicain": "République dominicaine", "jamaïcain": "Jamaïque",
    "new-zélandais": "Nouvelle-Zélande", "qatarien": "Qatar",
    "sud-africaine": "Afrique du Sud", "soviétique": "Union soviétique",
    "taiwanais": "Taïwan", "vénézuelien": "Venezuela",
}
CITIES = {
    "parisien": "Paris", "lyonnais": "Lyon", "marseillais": "Marseille",
    "toulousain": "Toulouse", "bordelais": "Bordeaux", "nantais": "Nantes", "lillois": "Lille",
    "grenoblois": "Grenoble", "niçois": "Nice", "strasbourgeois": "Strasbourg",
    "montpelliérain": "Montpellier", "rennais": "Rennes", "stéphanois": "Saint-Étienne",
    "rouennais": "Rouen", "nancéien": "Nancy", "messin": "Metz", "dijonnais": "Dijon",
    "angevin": "Angers", "brestois": "Brest", "clermontois": "Clermont-Ferrand",
    "londonien": "Londres", "berlinois": "Berlin", "munichois": "Munich",
    "milanais": "Milan", "madrilène": "Madrid", "barcelonais": "Barcelone",
    "bruxellois": "Bruxelles", "genevois": "Genève", "zurichois": "Zurich",
    "new-yorkais": "New York", "californien": "Californie", "texan": "Texas",
    "bavarois": "Bavière", "montréalais": "Montréal",
    "pékinois": "Pékin", "shanghaïen": "Shanghai", "tokyoïte": "Tokyo",
    "roubaisien": "Roubaix", "tourangeau": "Tours", "orléanais": "Orléans",
    "caennais": "Caen", "havrais": "Le Havre", "rémois": "Reims", "amiénois": "Amiens",
    "palois": "Pau", "bayonnais": "Bayonne", "rochelais": "La Rochelle",
    "limougeaud": "Limoges", "manceau": "Le Mans", "nîmois": "Nîmes",
    "perpignanais": "Perpignan", "toulonnais": "Toulon", "aixois": "Aix-en-Provence",
    "avignonnais": "Avignon", "versaillais": "Versailles", "dunkerquois": "Dunkerque",
    "lorientais": "Lorient", "vannetais": "Vannes", "quimpérois": "Quimper",
    "malouin": "Saint-Malo", "nazairien": "Saint-Nazaire", "tarbais": "Tarbes",
    "annécien": "Annecy", "chambérien": "Chambéry", "bisontin": "Besançon",
    "mulhousien": "Mulhouse", "colmarien": "Colmar", "poitevin": "Poitiers",
    "lisboète": "Lisbonne", "viennois": "Vienne", "lausannois": "Lausanne",
    "bâlois": "Bâle", "anversois": "Anvers", "liégeois": "Liège", "hambourgeois": "Hambourg",
    "turinois": "Turin", "napolitain": "Naples", "florentin": "Florence",
    "vénitien": "Venise", "stockholmois": "Stockholm", "montpellierain": "Montpellier",
}


def _forms(stem: str) -> list[str]:
    stem = stem.strip()
    if stem.endswith("e"):
        return [stem, stem + "s"]
    if stem.endswith(("s", "x")):
        return [stem, stem + "e", stem + "es"]
    if stem.endswith("en"):
        return [stem, stem + "s", stem + "ne", stem + "nes"]
    if stem.endswith("ain") or stem.endswith("in"):
        return [stem, stem + "s", stem + "e", stem + "es"]
    if stem.endswith("c"):  # grec, turc
        return [stem, stem + "s", stem + "que", stem + "ques"]
    return [stem, stem + "s", stem + "e", stem + "es"]


def _table(entries: dict[str, str]) -> dict[str, str]:
    return {form: place for stem, place in entries.items() for form in _forms(stem)}


_COUNTRY_FORMS = _table(COUNTRIES)
_CITY_FORMS = _table(CITIES)


def country_of_adjective(word: str) -> str | None:
    """"égyptienne" -> "Égypte"; None for a word that is no nationality adjective."""
    return _COUNTRY_FORMS.get(word.lower())


def place_of_adjective(word: str) -> str | None:
    """A country or city for its adjective ("algérien" -> "Algérie", "lyonnais" -> "Lyon")."""
    word = word.lower()
    return _COUNTRY_FORMS.get(word) or _CITY_FORMS.get(word)
_ADJECTIVE = "|".join(sorted(map(re.escape, {**_COUNTRY_FORMS, **_CITY_FORMS}), key=len,
                             reverse=True))
#: a nationality adjective standing alone before a name, lower case: "le taïwanais X",
#: "l'américain Y". Business French says it of companies ("le Taïwanais X" would be a person)
_NATIONALITY = "|".join(sorted(map(re.escape, _COUNTRY_FORMS), key=len, reverse=True))
SUBSTANTIVE_NATIONALITY = re.compile(rf"(?:^| )(?:le|la|l'|les) (?:{_NATIONALITY}) $")
_NOUNS = (rf"{lexicon.COMPANY_NOUNS}|{lexicon.ORGANIZATION_NOUNS}|{lexicon.MEDIA_NOUNS}|"
          rf"{lexicon.PARTY_NOUNS}|{lexicon.SPORTS_TEAM_NOUNS}|{lexicon.EDUCATION_NOUNS}|"
          rf"{lexicon.GOVERNMENT_NOUNS}|{lexicon.COURT_NOUNS}|{lexicon.ARMED_NOUNS}|"
          rf"spécialistes?|leaders?|"
          rf"champions?|acteurs?|pionniers?|numéro un|jeunes? pousses?|pépites?")
#: "le spécialiste français des logiciels industriels X", "le russe X", "l'éditeur allemand X"
_BEFORE = re.compile(
    rf"(?:^| )(?:le|la|l'|les|un|une|des|du|au|aux) (?:(?![@,;:.()])\S+ ){{0,3}}?"
    rf"(?P<adj>{_ADJECTIVE})"
    # (not across another organisation noun: "l'hébergeur roubaisien filiale du groupe X")
    rf"(?: (?![@,;:.()]|(?:que|qu'|qui|dont|où|et|ou|filiales?|groupes?|sociétés?|"
    rf"branches?|divisions?) )\S+){{0,6}}? @m(?P<s>\d+)(?= |$)"
)
#: "X, une start-up lyonnaise", "X, le groupe américain"
_AFTER = re.compile(
    rf"@m(?P<s>\d+) , (?:le|la|l'|un|une|son|sa|leur|@m\d+) (?:\S+ ){{0,2}}?(?:{_NOUNS}|"
    rf"concurrents?|rivale?s?|partenaires?) (?P<adj>{_ADJECTIVE})(?= |$)"
)
#: "plusieurs géants américains, dont X et Y": each listed name
_LIST = re.compile(
    rf"(?:{_NOUNS}) (?P<adj>{_ADJECTIVE}) (?:, )?(?:dont|comme|tels que|telles que|notamment|"
    rf"que sont|qui sont|à savoir|:) "
    rf"(?P<list>(?:@m\d+ (?:, |et |ou )?)+)"
)

Found = tuple[str, Relation, Mention, Mention, int, float]


def demonym_facts(
    parsed: ParsedDocument, surfaces: list[SurfaceSentence], by_id: dict[int, Mention]
) -> Iterator[Found]:
    text = parsed.document.text
    starts = [token.idx for token in parsed.tokens]
    # "le constructeur toulousain": the adjective is inside a resolved description
    for mention in by_id.values():
        if mention.resolution != "definite description":
            continue
        k = bisect.bisect_right(starts, mention.start_char)
        while k < len(starts) and starts[k] < mention.end_char:
            yield from _place_fact(parsed, mention, parsed.tokens[k], text)
            k += 1

    for surf in surfaces:
        matches = [(m, int(m.group("s"))) for regex in (_BEFORE, _AFTER)
                   for m in regex.finditer(surf.text)]
        matches += [(m, int(ident)) for m in _LIST.finditer(surf.text)
                    for ident in re.findall(r"@m(\d+)", m.group("list"))]
        for match, ident in matches:
            subject = by_id.get(ident)
            if subject is None or subject.entity_type not in ORGANIZATION_TYPES:
                continue
            token = parsed.tokens[surf.token_at(match.start("adj"))]
            if token.text.lower() != match.group("adj"):
                continue
            yield from _place_fact(parsed, subject, token, text)


def _place_fact(parsed: ParsedDocument, subject: Mention, token: Token, text: str
                ) -> Iterator[Found]:
    adjective = token.text.lower()
    if adjective in _COUNTRY_FORMS:
        place, relation = _COUNTRY_FORMS[adjective], Relation.COUNTRY
        extractor = "nationality-adjective"
    elif adjective in _CITY_FORMS:
        place, relation = _CITY_FORMS[adjective], Relation.HEADQUARTERED_IN
        extractor = "city-adjective"
    else:
        return
    mention = Mention(
        doc_id=parsed.document.doc_id, start_char=token.idx, end_char=token.end,
        text=text[token.idx : token.end], sentence=token.sent,
        entity_type=EntityType.COUNTRY if relation is Relation.COUNTRY else EntityType.PLACE,
        name=place, kind=MentionKind.NAME,
    )
    yield extractor, relation, subject, mention, token.sent, 0.75


#: "Air France", "Banque de France", "TAP Portugal", "France Télévisions": a country's name
#: inside an organisation's name is the organisation's country
NAME_COUNTRY_EXTRACTOR = "country-in-name"
EXTRACTORS[NAME_COUNTRY_EXTRACTOR] = ("'Air France', 'Banque de France': a country named "
                                      "at either end of an organisation's name")
_LINKS = {"de", "du", "des", "d'", "de la", "de l'"}


def _adjective_after_head(parsed: ParsedDocument, mention: Mention, by_char: dict[int, int]
                          ) -> tuple[Token, str] | None:
    """"Fédération belge du secteur financier": a nationality adjective after the first
    word of an organisation's name, a common noun (not "Air France"), and any other
    adjectives."""
    if (mention.kind is not MentionKind.NAME or mention.antecedent is not None
            or mention.entity_type not in ORGANIZATION_TYPES):
        return None
    first = by_char.get(mention.start_char)
    if first is None or first + 1 >= len(parsed.tokens):
        return None
    head = parsed.tokens[first]
    if head.pos != "NOUN" and not head.text.istitle():
        return None
    # other adjectives in lower case may come first: "le Conseil national syrien", "le Parti
    # communiste chinois"
    k = first + 1
    while k < len(parsed.tokens) and parsed.tokens[k].end <= mention.end_char:
        word = parsed.tokens[k].text
        country = _COUNTRY_FORMS.get(word.lower())
        if country:
            return parsed.tokens[k], country
        if not word.islower() or parsed.tokens[k].pos != "ADJ":
            return None
        k += 1
    return None


def name_country_facts(parsed: ParsedDocument, names: list[Mention]) -> Iterator[Found]:
    """A French country name opening or closing a named organisation's name (and no other
    country in it) gives the organisation's country; so does a nationality adjective right
    after the name's first noun ("la Fédération belge du secteur financier", "l'Union
    française des industries pétrolières")."""
    tokens = parsed.tokens
    by_char = {t.idx: t.i for t in tokens}
    seen: set[str] = set()
    for mention in names:
        if mention.name in seen:
            continue
        adjective = _adjective_after_head(parsed, mention, by_char)
        if adjective is not None:
            token, country = adjective
            seen.add(mention.name)
            place = Mention(
                doc_id=parsed.document.doc_id, start_char=token.idx, end_char=token.end,
                text=token.text, sentence=mention.sentence, entity_type=EntityType.COUNTRY,
                name=country, kind=MentionKind.NAME,
            )
            yield NAME_COUNTRY_EXTRACTOR, Relation.COUNTRY, mention, place, mention.sentence, 0.8
            continue
        if (mention.kind is not MentionKind.NAME or mention.antecedent is not None
                or mention.entity_type not in ORGANIZATION_TYPES):
            continue
        first = by_char.get(mention.start_char)
        if first is None:
            continue
        last = first
        while last + 1 < len(tokens) and tokens[last + 1].idx < mention.end_char:
            last += 1
        found = []
        for width in (3, 2, 1):
            for start, end in ((first, first + width - 1), (last - width + 1, last)):
                if end - start + 1 >= last - first + 1 or start < first or end > last:
                    continue  # the whole name is a country: nothing to say
                words = tokens[start : end + 1]
                if not words[0].text[:1].isupper():
                    continue
                phrase = parsed.document.text[words[0].idx : words[-1].end]
                if places.is_french_country_name(phrase):
                    found.append((start, end, phrase))
        countries = {name_key(p) for _, _, p in found}
        if len(countries) != 1:
            continue
        start, end, phrase = max(found, key=lambda f: f[1] - f[0])
        before = tokens[start - 1].text.lower() if start > first else ""
        if start > first and end < last:
            continue
        if start > first and before not in _LINKS and not tokens[start - 1].text[:1].isupper():
            continue  # closing the name after a name word or "de": "Air France"
        place = Mention(
            doc_id=parsed.document.doc_id, start_char=tokens[start].idx,
            end_char=tokens[end].end, text=phrase, sentence=mention.sentence,
            entity_type=EntityType.PLACE, name=phrase, kind=MentionKind.NAME,
        )
        seen.add(mention.name)
        yield NAME_COUNTRY_EXTRACTOR, Relation.COUNTRY, mention, place, mention.sentence, 0.8
