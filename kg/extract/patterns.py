"""Relation patterns of French news, written over the surface of a sentence.

A pattern is a regular expression over a sentence whose words are lower-cased and whose
mentions are placeholders ``@m<id>`` (see :mod:`kg.extract.surface`). Named groups ``s`` and
``o`` capture the subject and object mentions. The relation's domain and range (from the
ontology) are checked afterwards, so a pattern may be loose about types.

Each pattern has an id (it becomes the fact's ``prov:wasAttributedTo`` extractor) and a prior
confidence, which ``kg.extract.calibration`` replaces by its measured precision when known.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from kg.extract import lexicon as lx
from kg.model import ORGANIZATION_TYPES, EntityType, Relation


@dataclass(frozen=True, slots=True)
class Pattern:
    extractor: str
    relation: Relation
    regex: re.Pattern[str]
    confidence: float
    label: str
    example: str  # a sentence of our own that the pattern is meant to read
    #: the relation to use when the subject is a person (e.g. "fait partie de": memberOf)
    person_relation: Relation | None = None
    #: narrower subject types than the relation's domain, when the pattern needs them
    subject_types: frozenset[EntityType] | None = None
    #: narrower object types than the relation's range
    object_types: frozenset[EntityType] | None = None
    #: the subject may not be a resolved pronoun or possessive (appositions)
    named_subject: bool = False
    #: words a sentence must contain for the pattern to be tried (a cheap filter shared
    #: by patterns, checked once per sentence)
    requires: re.Pattern[str] | None = None
    #: the type the subject's slot gives its name, when the pattern names it with a noun
    #: ("la banque de Y, X": X is a company)
    subject_vote: EntityType | None = None


def S(name: str) -> str:
    """A mention slot captured as group ``name``."""
    return rf"@m(?P<{name}>\d+)(?!\d)"  # all its digits: no backtracking into "@m32"


DET = r"(?:(?:le|la|les|l'|un|une|des|son|sa|ses|leur|leurs|ce|cette|ces|notre|nos) )?"
DE = r"(?:de la|de l'|du|des|de|d')"
#: up to three plain words (no mention, no punctuation): adjectives, nouns, "groupe américain"
FILL = r"(?:(?![@,;:.()\"–—])(?!(?:et|ou|qui|que|dont|mais|par|pour|avec) )\S+ ){0,3}?"
#: FILL that does not cross a place: "exploite aussi une base à Brest"
FILL_NO_PLACE = (r"(?:(?![@,;:.()\"–—])(?!(?:et|ou|qui|que|dont|mais|par|pour|avec|à|au|aux|"
                 r"en|dans|près) )\S+ ){0,3}?")
FILL2 = r"(?:(?![@,;:.()\"–—])(?!(?:et|ou|qui|que|dont|mais|par|pour|avec) )\S+ ){0,2}?"
#: FILL without a second complement: "du groupe X", not "de la filiale de X"
FILL_NO_DE = (r"(?:(?![@,;:.()\"–—])(?!(?:et|ou|qui|que|dont|mais|par|pour|avec|de|du|des|"
              r"d') )\S+ ){0,3}?")
ADJ = r"(?:(?:nouveau|nouvel|nouvelle|actuel|actuelle|futur|future|"
ADJ += r"premier|première|jeune|puissant|puissante|emblématique|charismatique|célèbre|"
# not "ancien", "ex": a former role is not a current fact
ADJ += r"fondateur|fondatrice|cofondateur|cofondatrice|et|-|deux|trois|quatre|cinq|six) )*"
COMMA = r"(?:, )?"
#: between a subject and its verb: nothing, a comma, or an apposition between commas
#: ("Google, filiale d'Alphabet, a lancé ..."): the verb's subject is the first name
APPOS = (r"(?:(?:\( [^()]{1,60} \) )?, (?:(?:(?!@m|et |ou )[^,;:.\"—–]{1,80}? , ){1,2}(?!qui )|"
         r"(?:(?!@m|et |ou )[^,;:.\"@—–]{1,80}? , ){1,2}(?=qui )|(?:la |le |l' |un |une |les )"
         r"[^,;:.()\"@]{1,60}? (?=qui ))?)?")
#: (before "qui", an apposition holding a name hands the relative clause to that name:
#: "X, la holding du milliardaire Y, qui a fondé Z": Y founded Z)
#: (an apposition describes the subject: it never starts with another name, which would be
#: an enumeration, "l'association X, Y, directrice de Z, a présenté")
#: "l'usine d'X à Y", "le bureau de X à Y": a site of X, not its seat
FACILITY_GUARD = (r"(?<!usine d' )(?<!usine de )(?<!usines d' )(?<!usines de )(?<!site d' )"
                  r"(?<!site de )(?<!bureau d' )(?<!bureau de )(?<!bureaux de )"
                  r"(?<!agence de )(?<!magasin )(?<!boutique )(?<!entrepôt de )"
                  r"(?<!centre de recherche de )(?<!laboratoire de )")
#: the main clause's verb after a fronted participle and its subject: a lower-case word that
#: does not continue a list of names
VERB_NEXT = r"(?=(?!et |ou |de |du |des |d' )[a-zéèêàâîôû])"
#: a share of a company's capital: "(le rachat) de 80 % du capital du", "de la totalité du
#: capital de"
CAPITAL_SHARE = (r"(?:\d+(?:,\d+)? % |la totalité |l' intégralité |la majorité )"
                 r"(?:du capital |des parts |des actions )?(?:de la |de l' |du |des |de |d' )")
#: after a fronted participle's subject, its verb; the subject may carry a relative clause
#: or a place between commas ("Fondée en 2014 par X, Y, dont le siège est à Boston, gère")
THEN_VERB = (rf"(?: , (?:dont|qui|basée?s?|installée?s?|implantée?s?|située?s?) "
             rf"[^,;:.]{{1,80}}? ,)? {VERB_NEXT}")
#: a name that completes a role noun ("le PDG d'Azurel, qui a fondé l'entreprise") is not
#: who the relative clause speaks of: the person holding the role is
ROLE_COMPLEMENT_GUARD = "(?=@m)" + "".join(  # (the lookahead first: it fails fast)
    f"(?<!{role} {de} )"
    for role in ("pdg", "patron", "patronne", "président", "présidente", "directeur général",
                 "directrice générale", "dirigeant", "dirigeante", "ceo", "fondateur",
                 "fondatrice", "cofondateur", "cofondatrice")
    for de in ("de", "d'", "du")
)
#: a controlling stake, half or more: "50 %", "70,5 %", "100 %"
STAKE = r"(?:[5-9]\d|100)(?:,\d+)? % "
#: up to six plain words: a description before a coordinated name
LONGFILL = r"(?:(?![@,;:.()\"])\S+ ){0,6}?"
YEAR = r"(?:en |au |dès |le \S+ \S+ )?(?:\d{4} )?"
#: adverbs that may sit between a verb and its complement ("est également à la tête de")
ADV = (r"(?:(?:\S+ment|aussi|désormais|toujours|encore|déjà|alors|depuis \S+|jusqu' ici|"
       r"jusque-là|à ce jour|par ailleurs|en outre|de son côté|de leur côté|pour sa part|"
       r"aujourd'hui|actuellement|"
       r"pour leur part) )*")
#: a spouse (not a former one: "son ex-épouse", "son ancien mari" are left out), and not
#: "femme d'affaires", "femme politique"
SPOUSE_NOUN = (r"(?:(?:deuxième|seconde|troisième|nouvelle|jeune|première) )?"
               r"(?:épouse|époux|mari|femme(?! d' affaires| politique| de lettres)|"
               r"conjointe?) ")
#: words that qualify a role noun ("président exécutif", "directeur général adjoint")
#: (a deputy, "délégué" or "adjoint", is not the head: lexicon.ROLE_NOUNS has it as worksFor)
ROLE_QUALIFIER = (r"(?: (?:exécutif|exécutive|intérimaire|honoraire|sortant|sortante|"
                  r"fondateur|fondatrice|associé|associée))?")


#: bodies that organisations join as members, not as subsidiaries
ASSOCIATION_NOUNS = (r"associations?|pôles?|fédérations?|réseaux?|alliances?|syndicats?|"
                     r"clusters?|collectifs?|groupements?|consortiums?|organisations? "
                     r"professionnelles?|interprofessions?|chambres?|ligues?|championnats?|"
                     r"comités?|conseils?")


#: a job taken on joining: "(en 2021) comme directrice commerciale", "au poste de"
JOINED_AS = (r"(?:(?:en|début|fin|dès|depuis) \S+ |le \S+ \S+ (?:\d{4} )?)?(?:comme|en tant que|"
             r"au poste de|en qualité de) ")


#: before a role noun: "la fille du maire de Y, X" (the role is the complement of
#: a noun of a person: X is the daughter), "l'ancien président de Y, X" (a former role)
NOT_THE_NAMES_ROLE = re.compile(
    rf"(?:(?:^| )(?:{lx.RELATIVE_PERSON_NOUNS}) (?:de|du|des|d') (?:(?:la|l'|le|les) )?"
    rf"(?:(?:ancien|ancienne|ex-|feu) )?|(?:^| )(?:ancien|ancienne|ex-|ex|feu) )$"
)
#: any role noun
ALL_ROLES = "|".join(p for p, _ in lx.ROLE_NOUNS)
_HAS_ROLE = re.compile(rf"(?:^| )(?:{ALL_ROLES})(?= |$)")


def _roles(relation: Relation) -> str:
    return "|".join(p for p, r in lx.ROLE_NOUNS if r is relation)


def _role_patterns() -> list[Pattern]:
    patterns: list[Pattern] = []
    for relation in (Relation.CEO_OF, Relation.CHAIR_OF, Relation.LEADS, Relation.FOUNDED_BY,
                     Relation.WORKS_FOR):
        # "le président et cofondateur de Y": a role coordinated before this one
        role = (rf"(?:(?:{ALL_ROLES}) et )?(?:{_roles(relation)}){ROLE_QUALIFIER}"
                rf"(?: et (?:{ALL_ROLES}))?")
        name = relation.value
        prep = (rf"(?:{DE}|chez|au sein {DE}|à|au|aux|pour)" if relation is Relation.WORKS_FOR
                else DE)
        # who heads "la recherche de Y", "la filiale française de Y" or "l'usine de Y" does
        # not head Y: no second complement between a head's role and its organisation
        fill = FILL if relation in {Relation.WORKS_FOR, Relation.FOUNDED_BY} else FILL_NO_DE
        patterns += [
            Pattern(
                f"apposition-{name}", relation,
                # (not when a name follows: "Présent au salon X, le PDG de Y, Z, a dit" is Z's
                # role)
                re.compile(rf"{S('s')} , (?:(?:nommée?|désignée?|promue?|élue?|choisie?|"
                           rf"recrutée?|reconduite?)(?: en \d{{4}})?(?: au poste de| comme)? )?"
                           rf"{DET}{ADJ}{role} {prep} {fill}{S('o')}(?! , @m\d+ ,)"),
                0.9, f"apposition: X, <{name} role> de Y",
                "Tim Cook, le PDG d'Apple, a présenté l'iPhone.",
            ),
            Pattern(
                f"role-before-name-{name}", relation,
                re.compile(rf"{DET}{ADJ}{role} {prep} {fill}{S('o')} {COMMA}{S('s')}"),
                0.85, f"role noun before the name: le <{name} role> de Y, X",
                "Le PDG d'Apple, Tim Cook, a présenté l'iPhone.",
            ),
            Pattern(
                f"copula-{name}", relation,
                re.compile(rf"{S('s')} (?:, )?(?:est|était|fut|devient|est devenue?|"
                           rf"(?:a été|est|sera) (?:nommée?|élue?|désignée?|promue?|choisie?|"
                           rf"sélectionnée?|reconduite?)(?: par(?: (?![,;:.])\S+){{1,6}}?"
                           rf"(?= au poste| à la fonction| comme| en tant que| en qualité))?|"
                           rf"sera|reste|demeure|deviendra|succède à \S+ \S+ comme|"
                           rf"(?:prend|prendra|a pris|va prendre|vient de prendre) ses "
                           rf"fonctions(?= de)|"
                           rf"succède à @m\d+(?= au poste| comme)) {ADV}"
                           rf"(?:au poste de |à la fonction de |comme |en tant que |"
                           rf"en qualité de |de )?{DET}{ADJ}{role} {prep} {fill}{S('o')}"),
                0.85, f"copula or appointment: X est/a été nommé <{name} role> de Y",
                "Satya Nadella est le directeur général de Microsoft.",
            ),
            Pattern(
                f"possessive-role-{name}", relation,
                # "son associé X", "sa conseillère X": a person's, not a company's
                re.compile(rf"{S('o')} {ADJ}(?!associée? |conseillère? |conseiller |"
                           rf"collaborat(?:eur|rice) ){role} (?:, )?{S('s')}"),
                0.75, f"son <{name} role>, X / le <role>, X (the organisation in focus)",
                "Le groupe a présenté son directeur général, Luc Martin.",
            ),
            Pattern(
                f"apposition-implicit-{name}", relation,
                re.compile(rf"{S('s')} , {S('o')} {ADJ}{role} (?=, |\. |\.$|$)"),
                0.7, f"X, le <{name} role>, ... (the organisation in focus)",
                "« Nous sommes prudents », a déclaré Luc Martin, le PDG, hier.",
            ),
            Pattern(
                f"appointed-of-{name}", relation,
                re.compile(rf"(?:a nommé|nomme|a désigné|désigne|a choisi|choisit|a promu|"
                           rf"vient de nommer) (?:(?![@,;:.])\S+ ){{0,3}}?{S('s')} "
                           rf"(?:, \d+ ans , )?(?:au poste de |comme |en tant que |"
                           rf"à la fonction de )?{DET}{ADJ}{role} {prep} {fill}{S('o')}"),
                0.8, f"Z a nommé X (44 ans) <{name} role> de Y",
                "Le fonds a nommé Daniel Okafor, 44 ans, président du club Rennes Volley.",
            ),
            Pattern(
                f"appointed-{name}", relation,
                re.compile(rf"{S('o')} (?:a nommé|nomme|a désigné|désigne|a choisi|choisit|"
                           rf"a recruté|recrute|a promu|promeut|vient de nommer) "
                           rf"(?:(?![@,;:.])\S+ ){{0,5}}?{S('s')} (?:, \d+ ans , )?"
                           rf"(?:au poste de |comme |en tant que |à la fonction de |"
                           rf"en qualité de )?{DET}{ADJ}{role}"
                           # "président du club": the complement names another organisation
                           rf"(?! (?:de|du|des|d') )"),
                0.8, f"Y a nommé X au poste de <{name} role>",
                "Le conseil de Vernier a nommé jeudi Claire Dumontel au poste de directrice "
                "générale.",
            ),
            Pattern(
                f"nomination-{name}", relation,
                re.compile(rf"{S('o')} {APPOS}(?:a annoncé|annonce|a officialisé|officialise|"
                           rf"a confirmé|confirme) (?:(?![;:.])\S+ ){{0,10}}?la nomination "
                           rf"{DE} {S('s')} (?:, [^,;:.@]{{1,40}} , )?(?:au poste de |"
                           rf"à la fonction de |comme |en tant que |en qualité de )?{DET}{ADJ}"
                           rf"{role}(?! (?:de|du|des|d') )"),
                0.8, f"Y a annoncé la nomination de X au poste de <{name} role>",
                "Le groupe Vernal a annoncé lundi la nomination de Claire Dumas au poste de "
                "directrice générale.",
            ),
            Pattern(
                f"en-role-{name}", relation,
                # "en" is resolved to the organisation named last before it
                re.compile(rf"{S('s')} (?:, qui [^.;:]{{0,100}}? (?:et|,) |"
                           rf"(?:(?!, qui)[^.;:]{{0,80}}? et )?){S('o')} (?:est|était|sera|devient|"
                           rf"deviendra|reste|demeure|fut|est devenue?) {ADV}{DET}{ADJ}{role}"
                           rf"(?! (?:de|du|des|d') )"),
                0.75, f"X (a fondé Y et) en est le <{name} role>",
                "Nicolas Bertin, qui a cofondé Datavera en 2014, en est aujourd'hui le "
                "directeur général.",
            ),
            Pattern(
                f"dont-role-{name}", relation,
                re.compile(rf"{S('o')} , dont {DET}{ADJ}{role} (?:est |était |, )?{S('s')}"),
                0.85, f"relative: Y, dont le <{name} role> est X",
                "Renault, dont le directeur général est Luca de Meo, a publié ses résultats.",
            ),
        ]
    # nobody is appointed founder
    return [dataclasses.replace(p, requires=_HAS_ROLE) for p in patterns
            if p.extractor not in {"appointed-foundedBy", "nomination-foundedBy",
                                   "appointed-of-foundedBy"}]


#: taking office: "prend la présidence de", "a été nommé à la direction générale de",
#: "succède à X à la tête de" (X, the predecessor, is left out)
TAKE_OFFICE = (r"(?:prend|prendra|a pris|va prendre|vient de prendre|reprend|reprendra|"
               r"a repris|assure|assurera|assume|occupe|accède à|accédera à|a accédé à|"
               r"(?:est|a été|sera|vient d' être) (?:nommée?|élue?|désignée?|promue?|"
               r"choisie?|sélectionnée?|reconduite?|confirmée?|portée?|propulsée?|appelée?) "
               r"(?:par (?:(?![,;:.])\S+ ){1,6}?)?à|"
               r"(?:succède|succédera|a succédé|succédant) à @m\d+ à|remplace @m\d+ à|"
               r"remplacera @m\d+ à|a remplacé @m\d+ à) ")
OFFICES = ((r"la direction générale|la présidence du directoire", Relation.CEO_OF),
           (r"la présidence(?: du conseil d' administration| du conseil de surveillance)?",
            Relation.CHAIR_OF),
           (r"la tête|la direction|les rênes|les commandes", Relation.LEADS))


def _office_patterns() -> list[Pattern]:
    patterns = []
    for office, relation in OFFICES:
        patterns += [
            Pattern(f"takes-office-{relation.value}", relation,
                    # "la direction de la recherche du groupe" is a department's
                    re.compile(rf"{S('s')} {APPOS}(?:qui )?{TAKE_OFFICE}{ADV}(?:{office}) {DE} "
                               rf"(?:(?!(?:de|du|des|d') )(?![@,;:.])\S+ ){{0,3}}?{S('o')}"),
                    0.85, f"X prend / est nommé à <office> de Y ({relation.value})",
                    "Claire Dumas prendra la direction générale de Vernal en mars."),
            Pattern(f"office-entrusted-{relation.value}", relation,
                    re.compile(rf"(?:{office}) {DE} {FILL2}{S('o')} (?:a été |sera |est |"
                               rf"avait été )?(?:confiée|attribuée|reviendra|revient|"
                               rf"est revenue|reviendrait) (?:\S+ )?à {S('s')}"),
                    0.8, f"<office> de Y a été confiée à X ({relation.value})",
                    "La direction de Vernal a été confiée à Claire Dumas."),
        ]
    return patterns


def _flip_founders(patterns: list[Pattern]) -> list[Pattern]:
    """Role patterns read person -> org; foundedBy runs org -> person: swap the groups."""
    flipped = []
    for p in patterns:
        if p.relation is Relation.FOUNDED_BY:
            source = p.regex.pattern.replace("(?P<s>", "(?P<tmp>").replace("(?P<o>", "(?P<s>")
            source = source.replace("(?P<tmp>", "(?P<o>")
            p = dataclasses.replace(p, regex=re.compile(source))
        flipped.append(p)
    return flipped


PATTERNS: tuple[Pattern, ...] = (
    *_flip_founders(_role_patterns()),
    *_office_patterns(),
    # --- leading -----------------------------------------------------------------------
    Pattern("verb-lead", Relation.LEADS,
            re.compile(rf"{ROLE_COMPLEMENT_GUARD}{S('s')} {APPOS}(?:qui )?(?:{lx.LEAD_VERBS}) "
                       rf"{ADV}{DET}{FILL}{S('o')}"),
            0.8, "verb: X dirige Y", "Sundar Pichai, qui dirige Google, a annoncé un plan."),
    Pattern("left-to-lead", Relation.LEADS,
            re.compile(rf"{S('s')} , (?:partie?|passée?) (?:en \d{{4}} |depuis )?(?:pour )?"
                       rf"(?:diriger|présider|prendre la tête de|prendre la direction de) {DET}"
                       rf"{FILL2}{S('o')}"),
            0.75, "X, parti en 2023 diriger Y", "Marc Roy, parti en 2022 diriger le studio Kiloa."),
    Pattern("head-of", Relation.LEADS,
            re.compile(rf"{S('s')} , (?:désormais |toujours |depuis \S+ )?(?:est |était )?"
                       rf"(?:à la tête|aux commandes|aux manettes|à la barre) {DE} {FILL}{S('o')}"),
            0.85, "X, à la tête de Y", "Patrick Pouyanné, à la tête de TotalEnergies, a parlé."),
    Pattern("head-of-verb", Relation.LEADS,
            re.compile(rf"{S('s')} (?:est|était|sera|a été nommée?|a été placée?|reste) "
                       rf"{ADV}(?:à la tête|aux commandes|aux manettes|à la barre) {DE} "
                       rf"{FILL}{S('o')}"),
            0.85, "X est (nommé) à la tête de Y", "Luca de Meo a été nommé à la tête de Renault."),
    Pattern("under-the-lead-of", Relation.LEADS,
            re.compile(rf"{S('o')} (?:(?![@;:.])\S+ ){{0,6}}?sous la (?:houlette|direction|"
                       rf"conduite|présidence) {DE} {DET}{FILL2}{S('s')}"),
            0.7, "Y ... sous la houlette de X",
            "Le groupe Lhermitte se développe sous la houlette de Marc Vidal.",
            subject_types=frozenset({EntityType.PERSON})),
    Pattern("en-role-took-office", Relation.LEADS,
            # "X en a pris la tête en 2015": "en" is resolved to the organisation named last
            re.compile(rf"{S('s')} {S('o')} (?:(?:a|avait|aura) pris|prend|prendra|assure|"
                       rf"assurera) (?:la tête|la direction|la présidence|les rênes)"),
            0.75, "X en a pris la tête",
            "Le groupe a été fondé en 1920. Marc Vidal en a pris la tête en 2015.",
            subject_types=frozenset({EntityType.PERSON})),
    Pattern("led-by-relative", Relation.LEADS,
            re.compile(rf"{S('o')} , (?:que|qu') (?:dirige|préside|pilote) (?:depuis \S+ )?"
                       rf"{DET}{FILL2}{S('s')}"),
            0.8, "Y, que dirige X", "Le groupe Sabatey, que dirige Anne Morel, recrute."),
    Pattern("led-by", Relation.LEADS,
            re.compile(rf"{S('o')} {APPOS}(?:qui )?(?:est |était |a été |sera |reste )?"
                       rf"(?:dirigée?s?|présidée?s?|pilotée?s?) {ADV}(?:depuis \S+ )?par "
                       rf"{DET}{FILL2}{S('s')}"),
            0.8, "Y, dirigé par X", "Airbus, dirigé par Guillaume Faury, a livré ses avions."),
    Pattern("department-head", Relation.WORKS_FOR,
            # "X, directrice de la recherche et de l'innovation de Y": heads a department of
            # Y, so works for Y (a longer complement than role patterns allow)
            re.compile(rf"{S('s')} , {DET}(?:directeur|directrice|responsable|chef|cheffe|"
                       rf"vice-président|vice-présidente) (?:de la|du|des|de l') "
                       rf"[^@,;:.()]{{1,60}}? (?:de|d'|du|chez) {DET}{S('o')}(?! @m)"),
            0.75, "X, directrice de la recherche et de l'innovation de Y",
            "Karine Ollivier, directrice de la recherche et de l'innovation de Nervex, a parlé.",
            subject_types=frozenset({EntityType.PERSON})),
    Pattern("role-at", Relation.WORKS_FOR,
            # "X, responsable de la sécurité des systèmes d'information chez Y"
            re.compile(rf"{S('s')} , {DET}{ADJ}(?:{ALL_ROLES})(?: (?![@,;:.])\S+){{1,7}} chez "
                       rf"{S('o')}"),
            0.8, "X, <role> (de la sécurité ...) chez Y",
            "Yasmina Belk, responsable de la sécurité des systèmes d'information chez Nubéo."),
    Pattern("works-for-verb", Relation.WORKS_FOR,
            re.compile(rf"{S('s')} {APPOS}(?:qui )?(?:travaille|travaillait|a travaillé|"
                       rf"officie|est employée?|était employée?|est salariée?) (?:pour|chez|"
                       rf"au sein {DE}|à) {DET}{FILL2}{S('o')}"),
            0.8, "X travaille pour/chez Y", "Marie Curie travaille chez Orange depuis 2019."),
    # --- founding -----------------------------------------------------------------------
    Pattern("founded-by-passive", Relation.FOUNDED_BY,
            re.compile(rf"{S('s')} {COMMA}(?:{DET}{FILL2})?(?:, )?(?:a été |avait été |est |"
                       rf"fut |qui a été )?(?:{lx.FOUNDED_PARTICIPLE}) {YEAR}"
                       # "fondé en 1979 à Rochefort, en Charente-Maritime, (où ...,) par X"
                       rf"(?:(?:à|en|au) @m\d+ (?:, (?:en|au|dans) @m\d+ )?"
                       rf"(?:, où [^,;:.]{{1,60}} )?(?:, )?)?{YEAR}{FILL2}par "
                       # "par trois chercheurs : X, qui ..., Y et Z"
                       rf"(?:{FILL}|(?:deux|trois|quatre|cinq|six|des|plusieurs) "
                       rf"(?:(?![@,;:.])\S+ ){{1,3}}?: ){S('o')}"),
            0.85, "Y, fondé (en 2004) par X", "Mistral AI, fondée en 2023 par Arthur Mensch."),
    Pattern("launched-by", Relation.FOUNDED_BY,
            # an organisation "lancée par X" was founded by X (a product is released)
            re.compile(rf"{S('s')} {COMMA}(?:a été |avait été |fut |qui a été )?lancée? "
                       rf"{YEAR}(?:(?:à|au|en) @m\d+ )?{YEAR}par {DET}{FILL}{S('o')}"),
            0.75, "l'organisation X, lancée en 1986 par Y",
            "La radio Océane FM avait été lancée en 1986 au Havre par Pascal Morel.",
            subject_types=ORGANIZATION_TYPES,
            object_types=frozenset({EntityType.PERSON})),
    Pattern("founded-by-description", Relation.FOUNDED_BY,
            re.compile(rf"{S('s')} (?:\( @m\d+ \) )?(?:, )?(?:est|était) (?:un|une) "
                       rf"(?:[^@.;:]\S* ){{0,8}}?(?:{lx.FOUNDED_PARTICIPLE}) {YEAR}par "
                       rf"{DET}(?:(?![@,.;:()])\S+ ){{0,4}}?{S('o')}"),
            0.8, "X est une société ... fondée par Y",
            "Ubisoft est un éditeur de jeux vidéo fondé par les frères Guillemot."),
    Pattern("organisation-of-organisation", Relation.SUBSIDIARY_OF,
            re.compile(rf"{S('s')} , (?:un|une) (?:{lx.COMPANY_NOUNS}|{lx.ORGANIZATION_NOUNS}|"
                       rf"réseaux?|divisions?|branches?|unités?|marques?) (?:\S+ ){{0,3}}?"
                       rf"(?:de|du|d') {S('o')}"),
            0.6, "X, une chaîne de Y", "Arte, une chaîne de France Télévisions.",
            named_subject=True),
    Pattern("cofounded-with", Relation.FOUNDED_BY,
            re.compile(rf"(?:a cofondé|a co-fondé|a fondé|a créé|avait fondé|avait cofondé) "
                       rf"{DET}{FILL2}{S('s')} (?:en \d{{4}} )?avec {DET}{FILL2}{S('o')}"),
            0.8, "X a cofondé Y avec Z (Z is a founder too)",
            "Nicolas Bertin a cofondé Datavera en 2014 avec Samira Khelifi."),
    Pattern("founded-by-active", Relation.FOUNDED_BY,
            re.compile(rf"{ROLE_COMPLEMENT_GUARD}{S('o')} {APPOS}(?:qui )?(?:{lx.FOUND_VERBS}) "
                       rf"{YEAR}{DET}{FILL2}{S('s')}"),
            0.8, "X a fondé Y", "Xavier Niel a fondé Free en 1999."),
    Pattern("left-to-found", Relation.FOUNDED_BY,
            # "X a quitté Y en 2022 pour fonder la start-up Z": X opens the clause
            re.compile(rf"(?:^|, |; )(?:(?:le|la|l') [^,;:.@]{{1,30}} )?{S('o')} "
                       rf"(?:[^;:.@]{{0,40}}? )?(?:(?:a|avait) (?:(?:quant à (?:lui|elle)|"
                       rf"\S+ment|aussi|déjà|ensuite|alors|lui-même|elle-même) )*"
                       rf"(?:quitté|démissionné de|laissé)|quitte) "
                       rf"{DET}{FILL2}@m\d+ (?:[^;:.@]{{0,30}} )?pour (?:fonder|cofonder|créer|"
                       rf"lancer) {DET}{FILL2}{S('s')}"),
            0.75, "X a quitté Y pour fonder Z",
            "Vincent Caradec a quitté l'Inserm en 2022 pour fonder la start-up Medisens.",
            subject_types=ORGANIZATION_TYPES, object_types=frozenset({EntityType.PERSON})),
    # --- acquisitions, ownership, subsidiaries -------------------------------------------
    Pattern("acquire-verb", Relation.ACQUIRED,
            # (a controlling stake is bought too: "acquiert 70 % du transporteur X")
            re.compile(rf"{S('s')} {APPOS}(?:qui )?(?:{lx.ACQUIRE_VERBS}) (?:{YEAR})?"
                       rf"(?:{DET}{FILL}|{STAKE}(?:du capital |des parts )?{DE} {DET}"
                       # (not "80 % du club de Pro D2": the league is not what is bought)
                       rf"(?:(?![@,;:.])(?!(?:de|du|des|d') )\S+ ){{0,3}}?){S('o')}"),
            0.85, "X a racheté Y", "Microsoft a racheté Activision Blizzard en 2023."),
    Pattern("acquisition-announced", Relation.ACQUIRED,
            re.compile(rf"{S('s')} {APPOS}(?:a annoncé|annonce|a finalisé|finalise|a bouclé|"
                       rf"boucle|a officialisé|officialise|a confirmé|confirme|a conclu|conclut|"
                       rf"a réalisé|réalise|a signé|signe|ont signé|a finalisé) "
                       rf"(?:(?![@,;:.])\S+ ){{0,6}}?"
                       rf"(?:(?:le rachat|l' acquisition|la reprise|l' achat) {DE} |"
                       rf"(?:un |l' )?accord (?:(?![@,;:.])\S+ ){{0,3}}?(?:en vue d'|pour|afin d') "
                       rf"(?:acquérir|racheter|reprendre) )(?:{CAPITAL_SHARE})?{FILL}{S('o')}"),
            0.8, "X a annoncé (mardi) l'acquisition de Y",
            "Capgemini a annoncé lundi l'acquisition d'Altran.",
            # a CEO announcing a takeover speaks for the buyer, he does not buy
            subject_types=ORGANIZATION_TYPES),
    Pattern("fronted-founded", Relation.FOUNDED_BY,
            re.compile(rf"^(?:{lx.FOUNDED_PARTICIPLE}) {YEAR}(?:(?:à|en) @m\d+ )?{YEAR}par "
                       rf"{DET}{LONGFILL}{S('o')}[^.;:]*? , {DET}(?:(?![@,;:.])\S+ ){{0,2}}?"
                       rf"{S('s')}{THEN_VERB}"),
            0.8, "Fondée en 2017 par X et Y, Z emploie ...",
            "Créée en 2016 par Paul Duan, la start-up Bayes Impact recrute."),
    Pattern("fronted-acquired", Relation.ACQUIRED,
            re.compile(rf"^(?:{lx.ACQUIRED_PARTICIPLE}) {YEAR}par {DET}{FILL2}{S('s')}"
                       rf"[^.;:]*? , {DET}(?:(?![@,;:.])\S+ ){{0,2}}?{S('o')}{THEN_VERB}"),
            0.8, "Racheté en 2012 par X, Y compte ...",
            "Racheté par Facebook en 2012, Instagram compte deux milliards d'utilisateurs."),
    Pattern("fronted-developed", Relation.DEVELOPS,
            re.compile(rf"^(?:{lx.DEVELOPED_PARTICIPLE}) {YEAR}par {DET}{FILL2}{S('s')}"
                       rf"[^.;:]*? , {DET}(?:(?![@,;:.])\S+ ){{0,2}}?{S('o')}{THEN_VERB}"),
            0.75, "Développé par X, Y ...", "Conçu par Google, Gemini répond en français."),
    Pattern("fronted-organized", Relation.ORGANIZED_BY,
            re.compile(rf"^(?:organisée?s?|co-organisée?s?) {YEAR}par {DET}{FILL2}{S('o')}"
                       rf"[^.;:]*? , {DET}(?:(?![@,;:.])\S+ ){{0,2}}?{S('s')}{THEN_VERB}"),
            0.8, "Organisé par X et Y, Z attend ...",
            "Organisé par la SNCF, le salon Mobilités accueille 300 exposants."),
    Pattern("acquired-by-passive", Relation.ACQUIRED,
            re.compile(rf"{S('o')} {COMMA}(?:a été |ont été |est |sera |qui a été )?"
                       rf"(?:{lx.ACQUIRED_PARTICIPLE}) {YEAR}par {DET}{FILL}{S('s')}"),
            0.85, "Y, racheté par X", "Instagram, racheté en 2012 par Facebook."),
    Pattern("acquisition-noun", Relation.ACQUIRED,
            re.compile(rf"(?:rachat|acquisition|reprise|absorption) {DE} "
                       rf"(?:{CAPITAL_SHARE})?{FILL2}{S('o')} par {DET}{FILL2}{S('s')}"),
            0.85, "le rachat de Y par X", "Le rachat de Twitter par Elon Musk a surpris."),
    Pattern("subsidiary-apposition", Relation.SUBSIDIARY_OF,
            re.compile(rf"{S('s')} {COMMA}(?:qui )?(?:est |était |devenue |devenu |devient |"
                       rf"deviendra |est devenue? |sera )?{DET}{FILL2}"
                       rf"(?:filiale|division|branche|unité)s? (?:\S+ ){{0,3}}?{DE} "
                       # "une filiale du groupe de Dresde": the group's city, not the group
                       # (but "du groupe de BTP Sorelis": the trade, then the name)
                       rf"{FILL}(?:(?<!groupe de )(?<!groupe d' )|(?=@m\d+ @m)){S('o')}"),
            0.85, "X, filiale de Y", "Waymo, filiale d'Alphabet, teste ses voitures.",
            named_subject=True),
    Pattern("possessive-subsidiary", Relation.SUBSIDIARY_OF,
            re.compile(rf"{S('o')} (?:(?![@,;:.])\S+ ){{0,2}}?(?:filiale|division)s? "
                       rf"(?:(?!d'|de |du |des )[^\s,;:.]+ )?(?:, )?{S('s')}"),
            0.75, "Y et sa filiale X", "Alphabet et sa filiale Waymo investissent."),
    Pattern("possessive-subsidiary-apposition", Relation.SUBSIDIARY_OF,
            # the possessive, resolved to the organisation in focus, is the object placeholder
            re.compile(rf"{S('s')} , (?:qui est |devenue? |désormais |depuis |aujourd'hui |"
                       rf"devenue? depuis )*{S('o')} (?:nouvelle |principale )?"
                       rf"(?:filiale|division|branche)s?\b"),
            0.75, "X, devenue sa filiale (the possessive resolved to the owner)",
            "Le groupe a racheté Ledvia, devenue depuis sa filiale portugaise.",
            named_subject=True),
    Pattern("fronted-subsidiary", Relation.SUBSIDIARY_OF,
            re.compile(rf"^(?:filiale|division|branche) (?:\S+ )?{DE} {FILL}{S('o')} , "
                       rf"{DET}(?:(?![@,;:.])\S+ ){{0,2}}?{S('s')}{THEN_VERB}"),
            0.8, "Filiale du groupe Y, X met ...",
            "Filiale du groupe Bouygues, la société Colas construit des routes."),
    Pattern("has-subsidiary", Relation.SUBSIDIARY_OF,
            re.compile(rf"{S('o')} {APPOS}(?:compte|possède|détient|a|dispose d'|a créé|crée) "
                       rf"{ADV}(?:(?![@,;:.])\S+ ){{0,2}}?(?:une|sa|deux|trois|plusieurs) "
                       rf"(?:nouvelles? )?(?:filiales?|divisions?)(?: [^,;:.@]{{1,40}}?)? , "
                       rf"{S('s')}"),
            0.75, "Y compte une filiale de commerce en ligne, X",
            "Le groupe compte une filiale de commerce en ligne, Panier Express."),
    Pattern("part-of-association", Relation.MEMBER_OF,
            # "fait partie du pôle de compétitivité Y": a member, not a subsidiary
            re.compile(rf"{S('s')} {APPOS}(?:qui )?(?:fait|font|faisait|faisaient) partie "
                       rf"{DE} (?:{ASSOCIATION_NOUNS})(?: (?![@,;:.])\S+){{0,3}} {S('o')}"),
            0.75, "X fait partie de l'association Y",
            "La société Vernal fait partie du pôle de compétitivité Aerospace Valley."),
    Pattern("part-of", Relation.SUBSIDIARY_OF,
            re.compile(rf"{S('s')} {APPOS}(?:qui )?(?:fait|font|faisait|faisaient) partie "
                       rf"{DE} (?!(?:{ASSOCIATION_NOUNS}) ){FILL}{S('o')}"),
            0.75, "X fait partie de Y", "Le label Motown fait partie du groupe Universal.",
            person_relation=Relation.MEMBER_OF),
    Pattern("passes-under-control", Relation.ACQUIRED,
            re.compile(rf"{S('o')} {APPOS}(?:qui )?(?:passe|est passée?|passera|va passer|"
                       rf"vient de passer|tombe|est tombée?|tombera|entre|est entrée?|entrera) "
                       rf"(?:sous le contrôle|dans le giron|dans l' escarcelle|dans le "
                       rf"portefeuille|dans le périmètre) {DE} {DET}{FILL2}{S('s')}"),
            0.8, "Y passe sous le contrôle de X",
            "La société Wisla Cargo passe sous le contrôle du groupe Lhermitte."),
    Pattern("sold-to-passive", Relation.ACQUIRED,
            # "X a été cédée au groupe Y (pour 12 millions)"
            re.compile(rf"{S('o')} {APPOS}(?:qui )?(?:a été|ont été|sera|seront|est|sont|"
                       rf"va être|vient d' être) (?:cédée?s?|vendue?s?) (?:\S+ )?"
                       rf"(?:à|au|aux) {DET}{FILL2}{S('s')}"),
            0.8, "Y a été cédé à X", "La radio Neve FM a été cédée au groupe NRJ."),
    Pattern("sold-to", Relation.ACQUIRED,
            # "Z cède Y à X", "la cession de Y à X": X bought Y
            re.compile(rf"(?:cède|cèdent|a cédé|ont cédé|cédera|va céder|vient de céder|"
                       rf"vend|vendent|a vendu|ont vendu|vendra|va vendre|vient de vendre|"
                       rf"(?:la |sa |leur )?(?:cession|vente)) (?:{DE} )?{DET}(?:@m\d+ )?"
                       rf"{FILL2}{S('o')}"
                       rf"(?: , [^,;:.@]{{1,60}} ,)? (?:à|au|aux) {DET}{FILL2}{S('s')}"),
            0.8, "Z cède Y à X / la cession de Y à X",
            "Le fonds Ardian cède la société Wisla Cargo au groupe Lhermitte."),
    Pattern("own-verb", Relation.OWNS,
            # (not across a place: "possède un magasin à Paris")
            re.compile(rf"{S('s')} {APPOS}(?:qui )?(?:{lx.OWN_VERBS}) {ADV}{DET}"
                       rf"(?:(?!participation|part|parts|\d|(?:à|au|aux|en|dans|près) )\S+ )"
                       rf"{{0,2}}?{S('o')}"),
            0.7, "X possède Y", "LVMH possède Tiffany depuis 2021."),
    Pattern("majority-stake", Relation.OWNS,
            # a stake of half or more is control; a minority one ("20 %", "une
            # participation financière") is no ownership
            re.compile(rf"{S('s')} {APPOS}(?:qui )?(?:{lx.OWN_VERBS}|détiendra|détiendront|"
                       rf"(?:a|ont|avait) (?:pris|acquis|acheté) une participation de) {ADV}"
                       rf"{STAKE}(?:du capital |des parts |des actions |des droits de vote )?"
                       rf"(?:de la |de l' |du |des |de |d' |dans |au capital de |au capital d' )"
                       rf"{DET}{FILL2}{S('o')}"),
            0.7, "X détient 60 % de Y / X a pris une participation de 51 % dans Y",
            "Le groupe Hydralis détiendra 60 % de la société Alpina."),
    Pattern("owned-by", Relation.OWNS,
            # "Y, basé à Lyon et contrôlé par X"; "Y est contrôlé à 55 % par le fonds X"
            re.compile(rf"{S('o')} {COMMA}(?:(?:basée?|installée?|implantée?) à @m\d+ et )?"
                       rf"(?:est |était |, )?(?:{lx.OWNED_PARTICIPLE}) "
                       rf"(?:(?:à|majoritairement|à hauteur de) {STAKE})?(?:par|à) "
                       rf"{DET}{FILL}{S('s')}"),
            0.75, "Y, détenu par X", "YouTube, détenu par Google, modifie ses règles."),
    Pattern("belongs-to-group", Relation.SUBSIDIARY_OF,
            re.compile(rf"{S('s')} {APPOS}(?:qui )?(?:appartient|appartenait|appartiendra) "
                       rf"(?:depuis \S+ |désormais |aussi )?(?:au|à la|à l') "
                       rf"(?:groupe |holding |géant |conglomérat )?(?:(?![@,;:.()])\S+ ){{0,3}}?"
                       rf"{S('o')}"),
            0.75, "X appartient (depuis 2021) au groupe Y",
            "Datavera appartient depuis 2021 au groupe d'édition Legis."),
    Pattern("organized-by", Relation.ORGANIZED_BY,
            re.compile(rf"{S('s')} , (?:(?:un|une|le|la|l') (?:(?![@,;:.()])\S+ ){{1,4}}?)?"
                       rf"(?:organisée?s?|co-organisée?s?) (?:(?![@,;:.()])\S+ ){{0,6}}?"
                       rf"(?:(?:à|en) @m\d+ (?:(?![@,;:.()])\S+ ){{0,3}}?)?par {DET}{LONGFILL}"
                       rf"{S('o')}"),
            0.8, "Y, organisé le 2 décembre à Nantes par X",
            "Le salon VivaTech, organisé à Paris par Publicis, ouvre demain."),
    Pattern("major-shareholder", Relation.OWNS,
            re.compile(rf"{S('s')} {APPOS}(?:qui )?(?:est |était |devient |est devenue? |"
                       rf"reste |demeure |, )?(?:{DET})?(?:actionnaire majoritaire|"
                       rf"principal actionnaire|premier actionnaire|actionnaire principal|"
                       rf"actionnaire de référence|actionnaire de contrôle) {DE} {FILL2}{S('o')}"),
            0.75, "X, actionnaire majoritaire de Y / X devient le premier actionnaire de Y",
            "Le fonds Ardian est l'actionnaire majoritaire de Verallia."),
    Pattern("owner-noun", Relation.OWNS,
            re.compile(rf"{S('s')} , {DET}{FILL2}propriétaire {DE} {FILL2}{S('o')}"),
            0.8, "X, propriétaire de Y", "Bolloré, propriétaire de Canal+, a réagi."),
    Pattern("owned-noun", Relation.OWNS,
            re.compile(rf"{S('o')} , {DET}propriété {DE} {FILL2}{S('s')}"),
            0.8, "Y, propriété de X", "Le Figaro, propriété du groupe Dassault, titre."),
    # --- places ---------------------------------------------------------------------------
    Pattern("headquarters", Relation.HEADQUARTERED_IN,
            re.compile(rf"{S('s')} {APPOS}(?:qui )?(?:est |était |qui est )?(?:{lx.HQ_CUES}) "
                       rf"{DET}{FILL2}{S('o')}"),
            0.85, "X, basé à Y / dont le siège est à Y", "Doctolib, basée à Paris, recrute."),
    Pattern("headquarters-described", Relation.HEADQUARTERED_IN,
            re.compile(rf"{S('s')} (?:\( [^()]{{1,60}} \) )?, {DET}(?:(?![@,;:.()])\S+ ){{1,5}}?"
                       rf"(?:{lx.HQ_CUES}) {DET}{FILL2}{S('o')}"),
            0.8, "X, banque régionale basée à Y", "Le Crédit Agricole, banque basée à Paris.",
            named_subject=True),
    Pattern("seat-where", Relation.HEADQUARTERED_IN,
            re.compile(rf"{S('s')} (?:[^.;:@]{{0,60}}? )?(?:à|en|au) {S('o')} , où "
                       rf"(?:il|elle|ils|elles) (?:a|ont|conserve|garde|a installé|a établi) "
                       rf"(?:toujours |encore |aujourd'hui |désormais )?(?:son|leur|@m\d+) siège"),
            0.8, "X a été fondé à Y, où il a toujours son siège",
            "Primeo avait été fondé en 1972 à Limoges, où il a toujours son siège."),
    Pattern("fronted-headquarters", Relation.HEADQUARTERED_IN,
            re.compile(rf"^(?:basée?s?|installée?s?|implantée?s?|établie?s?|située?s?) "
                       rf"(?:à|en|au) {S('o')}[^.;:]*? , {DET}(?:(?![@,;:.])\S+ ){{0,2}}?"
                       rf"{S('s')}{THEN_VERB}"),
            0.8, "Basée à X, Y ...", "Basée à Bilbao, Iberdrola investit."),
    Pattern("possessive-seat", Relation.HEADQUARTERED_IN,
            # "son siège et ses ateliers resteront à Y", "depuis son siège de Y"
            re.compile(rf"{S('s')} siège (?:social )?(?:et (?:ses|son|sa|leurs?) \S+ )?"
                       rf"(?:(?:est|sera|restera|resteront|reste|demeure|demeurera|se trouve|"
                       rf"se trouvera|était|sont) )?(?:(?:toujours|désormais|aujourd'hui|"
                       rf"encore) )?(?:(?:installée?|située?|établie?) )?"
                       rf"(?:à|au|en|de|d') {S('o')}"),
            0.75, "son siège (social) est à Y, depuis son siège de Y",
            "Fondée en 1990, la société a annoncé depuis son siège de Brest un plan social."),
    Pattern("headquarters-noun", Relation.HEADQUARTERED_IN,
            re.compile(rf"siège (?:social )?{DE} (?:(?:{lx.COMPANY_NOUNS}|{lx.ORGANIZATION_NOUNS})"
                       rf" (?:(?![@,;:.])\S+ )?)?{S('s')} (?:(?:est|sera|restera|reste|"
                       rf"se trouve|se trouvera|demeure) (?:installée? |situé )?|, situé |, )?"
                       rf"(?:à|en|au|dans) {DET}{FILL2}{S('o')}"),
            0.85, "le siège de X à Y", "Le siège de Danone à Paris sera vendu."),
    Pattern("organisation-at-place", Relation.HEADQUARTERED_IN,
            # not the complement of a noun: "le premier chantier de X en France"
            re.compile(rf"{FACILITY_GUARD}(?<!de )(?<!d' )(?<!du )(?<!des ){S('s')} "
                       rf"(?:\( @m\d+ \) )?(?:à|en|au) {S('o')}"),
            0.6, "an organisation directly followed by its place: X à Y",
            "Elle a étudié à l'université Harvard à Cambridge."),
    Pattern("organisation-of-place", Relation.HEADQUARTERED_IN,
            re.compile(rf"(?<!d' )(?<!de )(?<!du )(?<!des )(?<! à )(?<! la )(?<! au )"
                       rf"(?<! l' ){S('s')} (?:de|d') {S('o')}"),
            0.55, "an organisation named with its place: X de Y",
            "Le fabricant Solvane Energia de Porto a été vendu."),
    Pattern("organisation-described-at-place", Relation.HEADQUARTERED_IN,
            re.compile(rf"{S('s')} (?:\( @m\d+ \) )?(?:, )?(?:est|était) (?:un|une) "
                       rf"(?:[^@.;:]\S* ){{0,8}}?(?:située?|basée?|implantée?|installée?|"
                       rf"établie?) (?:(?:sur|dans) {DET}(?:(?![@,;:.])\S+ ){{0,4}}?@m\d+ )?"
                       rf"(?:à|en|au|dans) {DET}{S('o')}"),
            0.7, "X est une société ... située (sur le campus de Z) à Y",
            "Qonto est une néobanque française basée à Paris."),
    Pattern("organisation-described-of-place", Relation.HEADQUARTERED_IN,
            re.compile(rf"{S('s')} (?:\( @m\d+ \) )?(?:, )?(?:est|était) (?:un|une|le|la|l') "
                       rf"(?:{lx.COMPANY_NOUNS}|{lx.ORGANIZATION_NOUNS}|club|chaîne|station|"
                       rf"hôpital|lycée|musée|institution)(?: (?![@,;:.])\S+){{0,3}}? "
                       rf"(?:de|d'|à|en) {S('o')}"),
            0.65, "X est un club (de football) de Y",
            "Le Stade rennais est un club de football de Rennes."),
    Pattern("company-of-place", Relation.HEADQUARTERED_IN,
            re.compile(rf"{S('s')} , (?:un|une) (?:{lx.COMPANY_NOUNS}) (?:\S+ )?"
                       rf"(?:de|d'|basée à|basé à|installée à|située à|situé à) {S('o')}"),
            0.7, "X, une société (américaine) de Y", "Zoom, une société de San José, a chuté."),
    Pattern("place-company-apposition", Relation.HEADQUARTERED_IN,
            re.compile(rf"(?:^|[,:] |(?:le|la|l') )(?:(?:premier|première|plus grande?|principale?|"
                       rf"deuxième|second|seconde|numéro un|leader) )?(?:{lx.COMPANY_NOUNS})"
                       rf"(?: (?![@,;:.])\S+)? {DE} {S('o')} , {DET}{S('s')}"
                       rf"(?= [,.;(]| a | est | qui | dont |$)"),
            0.6, "la banque de Y, X (the company of a place, then its name)",
            "La principale banque de Genève, Banque Valmont, a publié ses comptes.",
            subject_vote=EntityType.COMPANY),
    # --- membership, partnership -----------------------------------------------------------
    Pattern("member-of", Relation.MEMBER_OF,
            re.compile(rf"{S('s')} {COMMA}(?:qui )?(?:est |était |sont |étaient |, )?"
                       rf"(?:désormais |tous deux |toutes deux |tous |toutes |également |aussi |"
                       rf"déjà |par ailleurs )?(?:{lx.MEMBER_CUES}) {DET}{FILL}{S('o')}"
                       # "a rejoint Y comme directrice commerciale" is a job (joined-as)
                       rf"(?! {JOINED_AS})"),
            0.75, "X, membre de Y / X adhère à Y", "La Croatie est membre de l'OTAN."),
    Pattern("joined-as", Relation.WORKS_FOR,
            re.compile(rf"{S('s')} {APPOS}(?:qui )?(?:a|avait|ont|avaient)? ?(?:rejoint|"
                       rf"rejoindra|intégré|intègre|intégrera) {DET}{FILL2}{S('o')} {JOINED_AS}"),
            0.8, "X a rejoint Y (en 2021) comme directrice commerciale",
            "Constance Mérigot a rejoint Lestrade-Aubin en 2021 comme directrice commerciale.",
            subject_types=frozenset({EntityType.PERSON})),
    Pattern("membership-noun", Relation.MEMBER_OF,
            # "son adhésion à Y", with the possessive resolved to the organisation
            re.compile(rf"{S('s')} (?:(?![@,;:.])\S+ )?adhésion (?:à|au|aux) {DET}{FILL2}"
                       rf"{S('o')}"),
            0.75, "X a annoncé son adhésion à Y",
            "La start-up a annoncé son adhésion à Open Industrial AI."),
    Pattern("members-listed", Relation.MEMBER_OF,
            # "Y, une alliance qui regroupe quinze industriels, dont le motoriste X",
            # "Y, ... qui compte parmi ses membres l'italien X"
            re.compile(rf"{S('o')} , (?:un |une )?[^@;:.]{{0,60}}? qui (?:réunit|regroupe|"
                       rf"rassemble|fédère|compte|représente) [^@;:.]{{0,60}}?"
                       rf"(?:, dont|parmi ses membres|parmi lesquels|parmi lesquelles) "
                       rf"{DET}(?:(?![@,;:.])\S+ )?{S('s')}"),
            0.7, "Y, qui regroupe ..., dont X",
            "Eurocentrale, une centrale d'achat qui réunit sept enseignes, dont le belge Delvo."),
    Pattern("takes-part-in-project", Relation.MEMBER_OF,
            re.compile(rf"{S('s')} {APPOS}(?:qui )?(?:participe|participent|a participé|"
                       rf"participera|est associée?|sont associés) (?:\S+ )?(?:depuis \S+ )?"
                       rf"(?:à|au|aux) (?:projet|programme|consortium)s? (?:(?![@,;:.])\S+ )?"
                       rf"{S('o')}"),
            0.7, "X participe au projet (européen) Y",
            "Stratilys participe depuis 2022 au projet européen HyCore."),
    Pattern("adhered", Relation.MEMBER_OF,
            re.compile(rf"{S('s')} {APPOS}(?:qui )?(?:a|ont|avait|avaient) {ADV}"
                       rf"(?:(?![@,;:.])\S+ ){{0,2}}?adhéré (?:(?![@,;:.])\S+ ){{0,3}}?"
                       rf"(?:à la |à l' |au |aux |à ){FILL2}{S('o')}"),
            0.8, "X a (par ailleurs) adhéré l'an dernier à Y",
            "La start-up a par ailleurs adhéré l'an dernier au Gifas."),
    Pattern("fronted-member", Relation.MEMBER_OF,
            re.compile(rf"^(?:membre|membres|adhérente?s?) (?:fondateurs? |fondatrices? )?{DE} "
                       rf"{FILL2}{S('o')}[^.;:]*? , {DET}(?:(?![@,;:.])\S+ ){{0,2}}?{S('s')}"
                       rf"{THEN_VERB}"),
            0.8, "Membre de Y, X a plaidé ...",
            "Membre de l'Union des industries textiles, la société Filatex a plaidé."),
    Pattern("member-relative", Relation.MEMBER_OF,
            re.compile(rf"{S('o')} , dont {S('s')} (?:est|sont|était|étaient|est devenue?|"
                       rf"sont devenus) (?:(?:également|aussi|désormais|déjà|l' un des|l' une des|"
                       rf"un|une) )?(?:membres?|adhérente?s?)"),
            0.8, "Y, dont X est membre", "La GSMA, dont Orange est membre, organise le salon."),
    Pattern("joined-company", Relation.WORKS_FOR,
            re.compile(rf"{S('s')} {APPOS}(?:a rejoint|rejoint|rejoindra|a intégré|intègre) "
                       rf"{DET}(?:(?:groupe|société|entreprise|start-up|cabinet|banque) )?"
                       rf"{S('o')}"),
            0.7, "X a rejoint (le groupe) Y (a person joining a company)",
            "Arthur Mensch a rejoint Google DeepMind en 2020.",
            subject_types=frozenset({EntityType.PERSON}),
            object_types=frozenset({EntityType.COMPANY})),
    Pattern("partner-of", Relation.PARTNER_OF,
            re.compile(rf"{S('s')} {APPOS}(?:{lx.PARTNER_CUES}) {DET}{FILL2}{S('o')}"),
            0.8, "X s'associe à Y", "Renault s'associe à Google pour ses logiciels."),
    Pattern("partnership-signed-with", Relation.PARTNER_OF,
            re.compile(rf"{S('s')} {APPOS}(?:a|ont|vient de|viennent d') "
                       rf"(?:(?![@,;:.])\S+ ){{0,2}}?"
                       rf"(?:signé|conclu|noué|scellé|officialisé|signer|conclure|nouer) "
                       rf"(?:un |une )?(?:nouveau |nouvel |vaste |important )?(?:partenariat|"
                       rf"accord de partenariat|alliance|accord de coopération|accord de licence|"
                       rf"accord de distribution|accord de collaboration|accord stratégique)"
                       rf"(?: \S+){{0,2}}? avec {DET}{FILL2}{S('o')}"),
            0.8, "X a (par ailleurs) signé un partenariat avec Y",
            "La SNCF a par ailleurs signé un partenariat avec Alstom."),
    Pattern("joint-partnership", Relation.PARTNER_OF,
            re.compile(rf"{S('s')} et {DET}{LONGFILL}{S('o')} (?:(?:ont|vont) (?:signé|conclu|"
                       rf"noué|annoncé|scellé|officialisé|lancé)|signent|concluent|nouent|"
                       rf"annoncent|scellent|officialisent) (?:(?![@,;:.])\S+ ){{0,6}}?"
                       rf"(?:un |une |leur )?(?:partenariat|alliance|accord de coopération|"
                       rf"coentreprise|joint-venture|collaboration)"),
            0.8, "X et Y ont signé un partenariat",
            "Orange et Mistral AI ont signé lundi un partenariat stratégique."),
    Pattern("joint-alliance", Relation.PARTNER_OF,
            re.compile(rf"{S('s')} et {DET}{LONGFILL}{S('o')} (?:s' allient|s' associent|"
                       rf"s' unissent|unissent leurs forces|s' associent|se sont alliés|"
                       rf"se sont associés|collaborent|coopèrent)"),
            0.8, "X et Y s'allient", "Renault et Nissan s'allient pour l'électrique."),
    Pattern("verb-in-partnership", Relation.PARTNER_OF,
            # "que X développera en coentreprise avec l'espagnol Y"
            re.compile(rf"{S('s')} (?:(?![@,;:.])\S+ ){{1,3}}?(?:en partenariat|en coentreprise|"
                       rf"en collaboration|en co-entreprise) avec {DET}{FILL2}{S('o')}"),
            0.75, "X développe Z en coentreprise avec Y",
            "Le parc, que Solvane développera en coentreprise avec l'espagnol Ventura, ouvrira."),
    Pattern("partnership-framework", Relation.PARTNER_OF,
            # "X s'appuie sur Y, dans le cadre d'un partenariat"
            re.compile(rf"{S('s')} (?:(?![@,;:.])\S+ ){{1,5}}?{DET}{FILL2}{S('o')} , dans le "
                       rf"cadre d' un (?:(?![@,;:.])\S+ )?partenariat"),
            0.7, "X s'appuie sur Y, dans le cadre d'un partenariat",
            "Trésorio s'appuie sur la Caisse Atlantique, dans le cadre d'un partenariat."),
    Pattern("partner-relative", Relation.PARTNER_OF,
            re.compile(rf"{S('o')} , (?:[^;:.]{{0,80}}? )?avec (?:lequel|laquelle|lesquels|"
                       rf"lesquelles|qui) {DET}(?:(?![@,;:.])\S+ ){{0,2}}?{S('s')} "
                       rf"(?:a|avait|ont|avaient) {ADV}(?:noué|signé|conclu|scellé) "
                       rf"(?:(?![@,;:.])\S+ ){{0,3}}?"
                       rf"(?:un |une )?(?:\S+ )?(?:partenariat|accord|alliance)"),
            0.8, "Y, ... avec lequel X a noué un partenariat",
            "Le groupe s'appuie sur Océa, l'hébergeur avec lequel Kerno a noué un partenariat."),
    Pattern("partnership-between", Relation.PARTNER_OF,
            # (not one only rumoured: "un possible accord entre X et Y")
            re.compile(rf"(?<!possible )(?<!éventuel )(?<!éventuelle )(?<!hypothétique )"
                       rf"(?:partenariat|alliance|accord|coentreprise|joint-venture) "
                       rf"(?:\S+ ){{0,2}}?entre {DET}{FILL2}{S('s')} et {DET}{FILL2}{S('o')}"),
            0.8, "un partenariat entre X et Y", "Un partenariat entre Orange et Mistral AI."),
    # --- where events take place ----------------------------------------------------------
    Pattern("event-held-at", Relation.LOCATED_IN,
            # ("le forum X, le rendez-vous annuel de la filière organisé à Y")
            re.compile(rf"{S('s')} {COMMA}(?:(?:le|la|l'|un|une) (?:(?![@,;:.()])\S+ ){{1,6}}?)?"
                       rf"(?:qui )?(?:(?:s' est |se |s' était |s' étaient |"
                       rf"se sont )?(?:tenue?s?|tient|tiennent|tiendra|déroulée?s?|déroule|"
                       rf"déroulera)|a eu lieu|aura lieu|avait lieu|a lieu|"
                       rf"(?:co-)?organisée?s?|ouvre ses portes|a ouvert ses portes) "
                       rf"(?:(?![@,;:.])\S+ ){{0,4}}?(?:à|au|en) {S('o')}"),
            0.8, "X, organisé (chaque année) à Y / X s'est tenu à Y",
            "Le Forum Drones & Défense, organisé à Toulouse, a attiré 3 000 visiteurs.",
            subject_types=frozenset({EntityType.EVENT})),
    Pattern("event-of-place", Relation.LOCATED_IN,
            re.compile(rf"{S('s')} (?:de|d'|à|, à) {S('o')}"),
            0.7, "le salon X de Munich, le forum X à Paris",
            "Le modèle sera dévoilé au salon Electronica de Munich.",
            subject_types=frozenset({EntityType.EVENT})),
    Pattern("place-during-event", Relation.LOCATED_IN,
            re.compile(rf"(?:à|au|en) {S('o')} (?:, )?(?:lors|à l' occasion|en marge) "
                       rf"(?:du|de la|des|de l') (?:(?:salon|forum|sommet|congrès|festival|"
                       rf"conférence|colloque|rencontres|assises) )?{S('s')}"),
            0.75, "à Y, lors du X", "Interrogé lundi à Monaco lors du Sport Business Summit.",
            subject_types=frozenset({EntityType.EVENT})),
    # --- spouses ------------------------------------------------------------------------------
    Pattern("spouse-possessive", Relation.SPOUSE,
            re.compile(rf"{S('s')} (?:et|avec) (?:son |sa |@m\d+ ){SPOUSE_NOUN}(?:, )?{S('o')}"),
            0.85, "X et son épouse Y", "Jean Dupont et son épouse Marie ont fondé la maison."),
    Pattern("possessive-spouse", Relation.SPOUSE,
            # the possessive, resolved to a person, is the subject placeholder
            re.compile(rf"{S('s')} {SPOUSE_NOUN}(?:, )?{S('o')}"),
            0.75, "son épouse Y (the possessive resolved to the person)",
            "Paul Morel est arrivé avec sa femme, Claire Morel."),
    Pattern("spouse-apposition", Relation.SPOUSE,
            re.compile(rf"{S('s')} , {DET}{SPOUSE_NOUN}{DE} {FILL2}{S('o')}"),
            0.85, "X, l'épouse de Y", "Anne Lenoir, l'épouse du ministre Marc Lenoir, a voté."),
    Pattern("spouse-before-name", Relation.SPOUSE,
            re.compile(rf"(?:l' |la |le ){SPOUSE_NOUN}{DE} {FILL2}{S('o')} , {S('s')}"),
            0.8, "l'épouse de Y, X", "Le mari de la sénatrice Anne Roux, Paul Roux, a témoigné."),
    Pattern("married-to", Relation.SPOUSE,
            re.compile(rf"{S('s')} {APPOS}(?:qui )?(?:est |était |, )?(?:mariée? (?:à|avec)|"
                       rf"a épousé|avait épousé) {DET}{FILL2}{S('o')}"),
            0.85, "X est marié à Y / X a épousé Y", "Luc Besson a épousé Virginie Silla en 2004."),
    Pattern("married-couple", Relation.SPOUSE,
            re.compile(rf"{S('s')} et {S('o')} (?:, )?(?:se sont mariés|sont mariés|"
                       rf"mariés depuis|se marient|se sont unis)"),
            0.85, "X et Y se sont mariés", "Léa Marin et Hugo Blanc se sont mariés en juin."),
    # --- products ----------------------------------------------------------------------------
    Pattern("occasion-to-release", Relation.RELEASED,
            re.compile(rf"{S('s')} {APPOS}(?:a profité|profite|profitera) (?:de|du|des|d') "
                       rf"[^.;]{{0,140}}? pour (?:présenter|lancer|dévoiler|annoncer) {DET}"
                       rf"{FILL}{S('o')}"),
            0.75, "X a profité du salon Y pour présenter Z",
            "La start-up Kiloa a profité du CES pour présenter Nova 2, son nouveau robot."),
    Pattern("launch-announced", Relation.RELEASED,
            re.compile(rf"{S('s')} {APPOS}(?:a annoncé|annonce|a officialisé|officialise|"
                       rf"a confirmé|a lancé|lance) (?:(?![@,;:.])\S+ ){{0,3}}?"
                       rf"(?:le lancement|la commercialisation|la sortie|la mise sur le marché|"
                       rf"la disponibilité)(?: (?:en|au|aux) @m\d+)? {DE} {DET}{FILL}{S('o')}"),
            0.75, "X a annoncé la commercialisation (en France) de Y",
            "La medtech Cardiola a annoncé mardi la commercialisation en France de Vigilo."),
    Pattern("release-verb", Relation.RELEASED,
            re.compile(rf"{S('s')} {APPOS}(?:qui )?(?:{lx.RELEASE_VERBS}) (?:{YEAR})?"
                       rf"(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|hier) )?{DET}"
                       rf"(?:(?:@m\d+ )?{FILL}(?:, )?(?:\" )?)?{S('o')}"),
            0.75, "X lance / dévoile / publie Y", "OpenAI a lancé GPT-4 en mars."),
    Pattern("named-product", Relation.DEVELOPS,
            re.compile(rf"{S('s')} {APPOS}(?:qui )?(?:{lx.DEVELOP_VERBS}|{lx.RELEASE_VERBS}) "
                       # "la création d'une coentreprise, baptisée Y": a company, no product
                       rf"(?:(?![@;:.()])(?!(?:coentreprises?|joint-ventures?|sociétés?|"
                       rf"filiales?|structures?|entités?|start-up) )\S+ ){{1,8}}?, "
                       rf"(?:baptisée?s?|appelée?s?|nommée?s?|dénommée?s?) (?:\" )?{S('o')}"),
            0.75, "X développe un avion ..., baptisé Y",
            "Airbus développe un avion, baptisé ZEROe."),
    Pattern("develop-verb", Relation.DEVELOPS,
            # not across a place: "exploite aussi une base à Brest"
            re.compile(rf"{S('s')} {APPOS}(?:qui )?(?:{lx.DEVELOP_VERBS}) {ADV}{DET}"
                       rf"{FILL_NO_PLACE}{S('o')}"),
            0.75, "X développe Y", "Google développe Gemini."),
    Pattern("developed-by", Relation.DEVELOPS,
            re.compile(rf"{S('o')} {COMMA}(?:{DET}(?:(?![@,;:.()])\S+ ){{0,7}}?(?:, )?)?"
                       rf"(?:a été |est |sera |qui a été )?(?:{lx.DEVELOPED_PARTICIPLE}) {YEAR}"
                       rf"par {DET}{LONGFILL}{S('s')}"),
            0.8, "Y, développé par X", "Gemini, développé par Google, répond."),
    Pattern("product-apposition", Relation.PRODUCT_OF,
            re.compile(rf"{S('s')} , {DET}{ADJ}(?:{lx.PRODUCT_FAMILY_NOUNS}|"
                       rf"{lx.AI_MODEL_NOUNS}|{lx.SOFTWARE_NOUNS}|{lx.PRODUCT_NOUNS}) "
                       # not across a verb: "l'offre permettra d'envoyer des SMS"
                       rf"(?:(?![@,;:.()])(?!\S+(?:ra|ront|rait|ait|era) )\S+ ){{0,5}}?{DE} "
                       rf"{S('o')}"),
            0.8, "X, le chatbot de Y", "ChatGPT, le chatbot d'OpenAI, progresse.",
            named_subject=True),
    Pattern("sold-by-relative", Relation.PRODUCT_OF,
            # "Y, le logiciel d'assistance que commercialise déjà X"
            re.compile(rf"{S('s')} , (?:le|la|l'|un|une) (?:(?![@,;:.()])\S+ ){{1,8}}?que "
                       rf"(?:commercialise|édite|vend|produit|fabrique|développe|distribue|"
                       rf"exploite) (?:déjà |aussi |désormais |depuis \S+ )?{DET}{FILL2}"
                       rf"{S('o')}"),
            0.75, "Y, le logiciel que commercialise X",
            "Le modèle sera intégré à Atelier, le logiciel que commercialise déjà Kerlune."),
    Pattern("publisher-of", Relation.PRODUCT_OF,
            # "X, éditeur du quotidien régional Y et de cinq hebdomadaires"
            re.compile(rf"{S('o')} , (?:l' )?(?:éditeur|éditrice|propriétaire) (?:du|de la|des|de|"
                       rf"d') (?:quotidien|journal|magazine|hebdomadaire|mensuel|site|titre|jeu|"
                       rf"logiciel)s? (?:(?![@,;:.])\S+ ){{0,2}}?{S('s')}"),
            0.75, "X, éditeur du quotidien Y",
            "Pour Ancelin, éditeur du quotidien régional Le Phare, c'est une étape."),
    Pattern("product-then-owner", Relation.PRODUCT_OF,
            re.compile(rf"{S('s')} , {S('o')} (?:(?![@,;:.()])\S+ )?(?:{lx.PRODUCT_FAMILY_NOUNS})"
                       rf"(?= |$)"),
            0.75, "X, son produit phare (possessive resolved to the owner)",
            "Le laboratoire mise sur GNX-201, son candidat-médicament."),
    Pattern("product-of-noun", Relation.PRODUCT_OF,
            re.compile(rf"(?:{lx.PRODUCT_FAMILY_NOUNS}) (?:\S+ )?{S('s')} {DE} {S('o')}"),
            0.75, "le modèle X de Y", "Le modèle Gemini de Google progresse."),
    Pattern("owner-product-list", Relation.PRODUCT_OF,
            re.compile(rf"{S('o')} (?:propres? )?(?:{lx.PRODUCT_FAMILY_NOUNS})(?: \S+){{0,3}}? "
                       rf"(?:tels que|telles que|tel que|telle que|comme|dont|notamment|"
                       rf"à savoir) {S('s')}"),
            0.8, "ses produits tels que X, Y ou Z", "Google intègre l'IA dans ses produits "
            "tels que Gmail, Docs ou Maps."),
    Pattern("products-of-owner-list", Relation.PRODUCT_OF,
            re.compile(rf"(?:{lx.PRODUCT_FAMILY_NOUNS}) {DE} {S('o')} (?:, )?(?:tels que|"
                       rf"telles que|comme|dont|notamment|à savoir) {S('s')}"),
            0.8, "les produits de Y tels que X", "Les services de Google comme Gmail ou Maps."),
    Pattern("owner-product", Relation.PRODUCT_OF,
            # not across a place: "ses titres dans son centre de Mérignac"
            re.compile(rf"{S('o')} (?:propres? |nouveaux? |nouvelles? |derniers? |dernières? )?"
                       rf"(?:{lx.PRODUCT_FAMILY_NOUNS})"
                       rf"(?: (?![@,;:.()\"]|(?:dans|à|au|aux|en|sur|chez|près)\b)\S+){{0,4}}? "
                       rf"(?:, )?"
                       rf"(?:(?:baptisée?s?|appelée?s?|nommée?s?|dénommée?s?) )?{S('s')}"),
            0.75, "son modèle X (possessive resolved to the owner)",
            "Mistral AI a présenté ses modèles Mixtral."),
    # --- strategies ----------------------------------------------------------------------------
    Pattern("strategy-of-owner", Relation.STRATEGY_OF,
            re.compile(rf"(?:plans? stratégiques?|stratégies?|feuilles? de route|plans?) "
                       rf"(?:\" )?{S('s')} (?:\" )?(?:, )?{DE} "
                       rf"(?:(?:{lx.COMPANY_NOUNS}|{lx.ORGANIZATION_NOUNS}) (?:(?![@,;:.])\S+ )?)?"
                       rf"{S('o')}"),
            0.75, "le plan stratégique « X » du groupe Y",
            "Le plan stratégique « Renaulution » de Renault a porté ses fruits."),
    Pattern("strategy-then-owner", Relation.STRATEGY_OF,
            # "« Jardin 2030 », son plan stratégique"
            re.compile(rf"(?:\" )?{S('s')} (?:\" )?, {S('o')} (?:nouveau |nouvelle )?"
                       rf"(?:plans? stratégiques?|stratégies?|feuilles? de route|plans?)\b"),
            0.75, "« X », son plan stratégique",
            "Le groupe a dévoilé mardi « Jardin 2030 », son plan stratégique."),
    Pattern("owner-strategy", Relation.STRATEGY_OF,
            re.compile(rf"{S('o')} (?:nouveau |nouvelle |grand |grande )?(?:plans? stratégiques?|"
                       rf"stratégies?|feuilles? de route|plans?) (?:(?:de|d') (?![@,;:.])\S+ )?"
                       rf"(?:\" )?{S('s')}"),
            0.75, "son plan stratégique « X »",
            "Renault a présenté son plan stratégique « Renaulution »."),
    # --- initiatives ---------------------------------------------------------------------------
    Pattern("initiative-apposition", Relation.INITIATIVE_OF,
            re.compile(rf"{S('s')} , {DET}(?:\S+ )?(?:initiative|projet|programme)s? "
                       rf"(?:\S+ ){{0,3}}?{DE} {S('o')}"),
            0.8, "X, une initiative de Y", "Gaia-X, une initiative de l'Union européenne.",
            named_subject=True),
    Pattern("initiative-launched-by", Relation.INITIATIVE_OF,
            re.compile(rf"{S('s')} {COMMA}(?:a été |est |, )?(?:lancée?|initiée?|portée?|"
                       rf"pilotée?) (?:en \d{{4}} )?par {DET}{FILL2}{S('o')}"),
            0.7, "X, lancé par Y (X a project)", "Le programme Artemis, lancé par la NASA."),
)


def _at_word_start(pattern: Pattern) -> Pattern:
    """Surface text is words between single spaces: a match can only start at a word. Saying
    so lets the regex engine skip the other positions at once."""
    source = pattern.regex.pattern
    if source.startswith(("^", "(?:^")):
        return pattern
    return dataclasses.replace(pattern, regex=re.compile(r"(?<![^ ])" + source))


PATTERNS = tuple(_at_word_start(p) for p in PATTERNS)
