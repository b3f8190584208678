"""Words of French news that signal a type or a relation.

Everything here is general French (and the English loanwords French business news uses):
role nouns, organisation forms, product nouns, relation verbs. Nothing names an entity.
Patterns are written over lower-cased surface tokens; see :mod:`kg.extract.surface`.
"""

from __future__ import annotations

from kg.model import EntityType, Relation

# --- typing cues: a noun right before a name ("la société X", "le modèle X") --------------

#: noun (regex over lower-cased tokens) -> the type it gives the name that follows or that it
#: stands in apposition to. Longer, more specific cues first.
AI_MODEL_NOUNS = (
    r"modèles? (?:d' ?ia|d' intelligence artificielle|de langage|ia|de fondation)|"
    r"(?:grands? )?modèles? de langage|llm|llms|ia générative|modèles? open source"
)
SOFTWARE_NOUNS = (
    r"logiciels?|applications?|appli|apps?|plateformes?|navigateurs?|chatbots?|"
    r"assistants?(?: virtuels?| vocaux| vocal| ia| d' ia)?|agents? conversationnels?|"
    r"moteurs? de recherche|systèmes? d' exploitation|messageries?|services? de streaming|"
    r"jeux? vidéo|outils?"
)
PRODUCT_NOUNS = (
    r"produits?|smartphones?|téléphones?|tablettes?|ordinateurs?|consoles?|puces?|"
    r"processeurs?|voitures?|véhicules?|casques?|lunettes? connectées|montres? connectées|"
    r"médicaments?|vaccins?|gammes?|modèles?"
)
#: trades whose noun names a business: "la fromagerie X", "la Biscuiterie du Léon"
TRADE_NOUNS = (
    r"biscuiteries?|laiteries?|fromageries?|brasseries?|imprimeries?|fonderies?|verreries?|"
    r"papeteries?|distilleries?|manufactures?|conserveries?|minoteries?|tanneries?|"
    r"filatures?|aciéries?|raffineries?|maroquineries?|chocolateries?|scieries?|"
    r"sucreries?|cristalleries?|faïenceries?|coutelleries?|salaisonneries?|"
    r"cidreries?|champagneries?|malteries?|chaudronneries?|menuiseries?"
)
COMPANY_NOUNS = (
    rf"{TRADE_NOUNS}|"
    r"sociétés?|entreprises?|groupes?|firmes?|start-?ups?|géants?|constructeurs?|éditeurs?|"
    r"fabricants?|opérateurs?|banques?|compagnies?|filiales?|maisons? mères?|conglomérats?|"
    r"holdings?|cabinets?|distributeurs?|détaillants?|assureurs?|équipementiers?|"
    r"fournisseurs?|licornes?|multinationales?|enseignes?|labels?|studios?|"
    r"maisons?|fonds d' investissement|coentreprises?|joint-ventures?|transporteurs?|"
    r"énergéticiens?|armateurs?|fondeurs?|voyagistes?|néobanques?|fintechs?|hébergeurs?|"
    r"fonds|medtechs?|biotechs?|foodtechs?|edtechs?|proptechs?|legaltechs?|insurtechs?|"
    r"deeptechs?|avionneurs?|motoristes?|sidérurgistes?|cimentiers?|"
    r"pétroliers?|grossistes?|jeunes? pousses?"
)
ORGANIZATION_NOUNS = (
    r"organisations?|associations?|fondations?|instituts?|agences?|"
    r"syndicats?|ong|consortiums?|alliances?|coalitions?|"
    r"laboratoires?|régulateurs?|collectifs?|communautés?|conseils?|"
    r"clusters?|pôles? de compétitivité|groupements?|fédérations?"
)
#: kinds of organisations of general news
PARTY_NOUNS = r"partis?(?: politiques?)?|formations? politiques?"
SPORTS_TEAM_NOUNS = r"clubs?|équipes?|sélections? nationales?"
#: the players and staff of a team: "l'attaquant du PSG", "le sélectionneur des Bleus"
SPORTS_ROLE_NOUNS = (
    r"joueur|joueuse|joueurs|attaquant|attaquante|défenseur|défenseure|gardien de but|"
    r"gardienne de but|milieu de terrain|buteur|buteuse|ailier|avant-centre|meneur de jeu|"
    r"entraîneur|entraîneuse|sélectionneur|sélectionneuse|coéquipier|coéquipière"
)
MEDIA_NOUNS = (
    r"quotidiens?|journal|journaux|magazines?|hebdomadaires?|mensuels?|"
    r"chaînes?(?: de télévision| de télé| d' information| publiques?| privées?)?|radios?|"
    r"stations? de radio|télévisions?|agences? de presse|sites? d' information|médias?"
)
EDUCATION_NOUNS = r"universités?|écoles?|lycées?|collèges?|facultés?|grandes? écoles?"
GOVERNMENT_NOUNS = (
    r"ministères?|gouvernements?|parlements?|administrations?|autorités?|commissions?|"
    r"parquets?|polices?|gendarmeries?|préfectures?|municipalités?|mairies?|"
    r"assemblées? nationales?|chambres? (?:haute|basse|des députés|des représentants)|"
    r"agences? (?:spatiale|gouvernementale|nationale|fédérale)s?"
)
COURT_NOUNS = (r"tribunaux|tribunal|cours? (?:d' appel|de cassation|suprêmes?|constitutionnelles?|"
               r"d' assises|pénales?)|juridictions?")
ARMED_NOUNS = (r"armées?|forces armées|régiments?|brigades?|milices?|groupes? armés?|"
               r"groupes? islamistes?|mouvements? armés?|guérillas?")
WORK_NOUNS = (
    r"films?|livres?|romans?|albums?|séries?(?: télévisées?)?|documentaires?|reportages?|"
    r"spectacles?|pièces? de théâtre|chansons?|émissions?|œuvres?|ouvrages?|études?|"
    r"rapports?|comédies? musicales?|opéras?|tableaux?|bandes? dessinées?|feuilletons?|"
    r"expositions?"
)
LAW_NOUNS = (r"lois?|projets? de loi|propositions? de loi|traités?|décrets?|directives?|"
             r"résolutions?|constitutions?|amendements?|mémorandums?|memorandums?")
VEHICLE_NOUNS = (r"avions?|appareils?|hélicoptères?|navires?|bateaux?|paquebots?|cargos?|"
                 r"ferrys?|trains?|tgv|avions? de ligne|bombardiers?|chasseurs?")
SPACECRAFT_NOUNS = (r"satellites?|sondes?|fusées?|lanceurs?|télescopes? spatiaux|"
                    r"télescopes? spatial|navettes?|capsules?|vaisseaux?|stations? spatiales?|"
                    r"rovers?|robots? martiens?")
DISASTER_NOUNS = (r"ouragans?|typhons?|cyclones?|tempêtes?(?: tropicales?)?|tornades?|"
                  r"volcans?")
PROJECT_NOUNS = r"projets?|initiatives?|programmes?"
#: "le prix Goncourt", "la médaille Fields": the noun before an award's name
AWARD_NOUNS = r"prix|trophées?|médailles?|distinctions?|décorations?"
EVENT_NOUNS = (
    r"conférences?|salons?|sommets?|keynotes?|forums?|festivals?|congrès|assemblées?|"
    r"événements?|évènements?|opérations?"
)
PLACE_NOUNS = (r"villes?|régions?|capitales?|provinces?|communes?|départements?|"
               r"localités?|villages?|quartiers?|banlieues?|îles?|"
               # venues: "au centre de congrès Pierre-Baudis" is a place, no congress
               r"centres? (?:de|des) congrès|palais des congrès|parcs? (?:des|d') expositions|"
               r"centres? des expositions|salles? de spectacles?|stades?|arènes?|zéniths?")

#: noun (regex over lower-cased tokens) -> the type it gives the name that follows or that it
#: stands in apposition to. More specific cues first.
TYPE_NOUNS: tuple[tuple[str, EntityType], ...] = (
    (AI_MODEL_NOUNS, EntityType.AI_MODEL),
    (SOFTWARE_NOUNS, EntityType.SOFTWARE),
    (PRODUCT_NOUNS + r"|marques?", EntityType.PRODUCT),
    (SPACECRAFT_NOUNS, EntityType.SPACECRAFT),
    (VEHICLE_NOUNS, EntityType.VEHICLE),
    (COMPANY_NOUNS, EntityType.COMPANY),
    (MEDIA_NOUNS, EntityType.MEDIA_ORGANIZATION),
    (PARTY_NOUNS, EntityType.POLITICAL_PARTY),
    (SPORTS_TEAM_NOUNS, EntityType.SPORTS_TEAM),
    (EDUCATION_NOUNS, EntityType.EDUCATIONAL_ORGANIZATION),
    (COURT_NOUNS, EntityType.COURT),
    (GOVERNMENT_NOUNS, EntityType.GOVERNMENT_ORGANIZATION),
    (ARMED_NOUNS, EntityType.ARMED_FORCE),
    (ORGANIZATION_NOUNS, EntityType.ORGANIZATION),
    (PROJECT_NOUNS, EntityType.PROJECT),
    (r"plans? stratégiques?|stratégies?|feuilles? de route", EntityType.STRATEGY),
    (DISASTER_NOUNS, EntityType.NATURAL_DISASTER),
    (EVENT_NOUNS, EntityType.EVENT),
    (LAW_NOUNS, EntityType.LAW),
    (WORK_NOUNS, EntityType.CREATIVE_WORK),
    (AWARD_NOUNS, EntityType.AWARD),
    (r"pays", EntityType.COUNTRY),
    (PLACE_NOUNS, EntityType.PLACE),
)

#: words inside a name that fix its type ("Projet Iter", "Acme Corp.")
NAME_WORDS: tuple[tuple[str, EntityType], ...] = (
    (r"projet|project|initiative|programme|program", EntityType.PROJECT),
    # a trade noun opening a name is a business: "Biscuiterie du Léon", "Forges de l'Ondaine"
    (rf"{TRADE_NOUNS}|forges?|chantiers?|ateliers?|"
     r"electric|électrique|systèmes|ventures|solutions|consulting|software|networks|energy|"
     r"énergies?|automobiles|aerospace|assurances|médias|media|pharmaceuticals|foods|"
     r"maison|interactive|games|gaming|digital|numérique|lease|leasing|finance|finances|"
     r"securities|conseil|invest|investissement|investissements|immobilier|logistique|"
     r"transports?|télécoms?|mobile|robotics|robotique|biotech|therapeutics|diagnostics|"
     r"cosmetics|cosmétiques|&|cie|cie\.|fils|industrie|holding|services|devices|"
     r"electronics|électronique|semiconductors?|instruments|chemicals|materials|matériaux|"
     r"inc\.?|corp\.?|corporation|ltd\.?|llc|gmbh|ag|sa|sas|sarl|plc\.?|s\.a\.|group|groupe|"
     r"holding|holdings|bank|banque|technologies|motors|airlines|airways|systems|"
     r"industries|entertainment|records|pharma|labs|télécom|telecom|capital|partners|"
     r"compagnie|company|co\.|cloud|fm|tv",
     EntityType.COMPANY),
    (r"parti|party|partido|partei", EntityType.POLITICAL_PARTY),
    (r"prix|prize|palme|médaille|medal|trophée|trophy", EntityType.AWARD),
    (r"université|university|universität|universidad|college|collège|school|école|lycée|"
     r"academy|académie", EntityType.EDUCATIONAL_ORGANIZATION),
    (r"cour|tribunal|court", EntityType.COURT),
    (r"ministère|ministry|gouvernement|government|parlement|parliament|sénat|senate|"
     r"assemblée|congrès|commission|police|gendarmerie|parquet|préfecture|mairie|"
     r"municipalité|autorité|authority|administration|douane|douanes|"
     r"haut-commissariat|junte|xunta|generalitat|préfecture",
     EntityType.GOVERNMENT_ORGANIZATION),
    (r"armée|army|régiment|brigade|milice|forces", EntityType.ARMED_FORCE),
    (r"fc|afc|sc|ac|olympique|racing|sporting", EntityType.SPORTS_TEAM),
    (r"institut|institute|association|"
     r"fondation|foundation|agence|agency|club|fédération|federation|"
     r"department|département|conseil|council|league|ligue|union|office|service|"
     r"trust|society|société|nations|unies",
     EntityType.ORGANIZATION),
    (r"conférence|conference|summit|sommet|salon|festival|forum|expo|world cup|"
     r"jeux olympiques|championnat|coupe|week|days|show|fair|awards|hackathon|congress|"
     r"rencontres|assises|colloque|symposium|biennale",
     EntityType.EVENT),
)

#: legal forms that end a company's name ("Fraser et Neave Limited", "Dupont SA")
LEGAL_FORMS = frozenset({
    "inc", "inc.", "incorporated", "corp", "corp.", "corporation", "ltd", "ltd.", "limited",
    "llc", "plc", "plc.", "gmbh", "ag", "sa", "s.a.", "sas", "sarl", "se", "nv", "bv", "spa",
    "s.p.a.", "co.", "company", "cie", "cie.",
})

#: courtesy titles and role words right before a person's name
PERSON_TITLES = (
    r"m\.|mme|mlle|mr\.?|mrs\.?|dr\.?|pr\.?|me|sir|monsieur|madame|docteur|professeur|"
    r"président|présidente|pdg|ceo|patron|patronne|directeur|directrice|ministre|"
    r"sénateur|sénatrice|député|députée|maire|gouverneur|fondateur|fondatrice|cofondateur|"
    r"cofondatrice|chercheur|chercheuse|porte-parole|juge|général|major-général|capitaine|"
    r"chanteur|chanteuse|acteur|actrice|réalisateur|réalisatrice|producteur|productrice|"
    r"rappeur|rappeuse|musicien|musicienne|pianiste|auteur|autrice|écrivain|journaliste|"
    r"analyste|économiste|entraîneur|joueur|joueuse|prince|princesse|roi|reine|pape|"
    r"l' ancien|l' ex|ancien|ancienne"
)

# --- roles: the noun that links a person to an organisation -----------------------------

ROLE_NOUNS: tuple[tuple[str, Relation], ...] = (
    (r"pdg|p\.-d\.g\.|p-dg|président-directeur général|présidente-directrice générale|ceo|"
     r"directeur général|directrice générale|dg|patron|patronne|chief executive officer|"
     r"administrateur délégué|administratrice déléguée",
     Relation.CEO_OF),
    (r"président du directoire|présidente du directoire", Relation.CEO_OF),
    # (the chair of the management board, "président du directoire", is the chief executive)
    (r"président(?! du directoire)|présidente(?! du directoire)|chairman|"
     r"président du conseil(?: d' administration| de surveillance)?|"
     r"présidente du conseil(?: d' administration| de surveillance)?",
     Relation.CHAIR_OF),
    (r"dirigeant|dirigeante|chef|cheffe|leader|secrétaire général|secrétaire générale|"
     r"directeur|directrice|gérant|gérante|responsable|numéro un|n° 1",
     Relation.LEADS),
    (r"fondateurs?|fondatrices?|cofondateurs?|cofondatrices?|co-fondateurs?|co-fondatrices?|"
     r"créateur|créatrice",
     Relation.FOUNDED_BY),
    (r"directeur général délégué|directrice générale déléguée|directeur général adjoint|"
     r"directrice générale adjointe|vice-président|vice-présidente|directeur financier|"
     r"directrice financière|"
     r"directeur technique|directrice technique|directeur des opérations|"
     r"directrice des opérations|cfo|cto|coo|cmo|chercheur|chercheuse|ingénieur|ingénieure|"
     r"employé|employée|salarié|salariée|analyste|économiste|porte-parole|avocat|avocate|"
     r"conseiller|conseillère|cadre|collaborateur|collaboratrice|développeur|développeuse|"
     r"scientifique|designer|stratège|vendeur|vendeuse|professeur|professeure|"
     r"journaliste|rédacteur en chef|rédactrice en chef|associé|associée|membre du conseil|"
    r"ministre|secrétaire|"
    r"consultant|consultante|expert|experte|directeur commercial|directrice commerciale|"
    r"directeur marketing|directrice marketing|directeur de la stratégie|"
    r"directrice de la stratégie|responsable|trader|stratégiste|gérant de portefeuille|"
    r"(?:directeur|directrice) (?:de la|de l'|du|des) (?:recherche|stratégie|communication|"
    r"marketing|ventes|innovation|technologie|développement|production|ressources humaines|"
    r"exploitation|opérations|achats|investissements|risques|données|international)",
     Relation.WORKS_FOR),
)

# --- verbs (regex over inflected forms, lower case) ---------------------------------------

LEAD_VERBS = (
    # not "dirigeait", "présidait", "a dirigé": news tells a former role in the past
    r"dirige|dirigent|pilote|préside"
)
FOUND_VERBS = (
    r"a fondé|ont fondé|avait fondé|fonde|fonda|a cofondé|ont cofondé|a co-fondé|a créé|ont créé|"
    r"crée|créa|a lancé la société|a monté"
)
FOUNDED_PARTICIPLE = r"fondée?s?|cofondée?s?|co-fondée?s?|créée?s?"
ACQUIRE_VERBS = (
    r"a racheté|ont racheté|rachète|rachètent|racheta|va racheter|vont racheter|a acquis|"
    r"ont acquis|acquiert|acquièrent|acquit|va acquérir|vont acquérir|a acheté|ont acheté|"
    r"achète|achètent|s' offre|s' est offert|a repris|reprend|a absorbé|absorbe|"
    r"a finalisé le rachat d'|a finalisé l' acquisition d'|a annoncé le rachat d'|"
    r"a annoncé l' acquisition d'|a mis la main sur|met la main sur|mettra la main sur|"
    r"s' est emparée? de|s' empare de|a pris le contrôle de|prend le contrôle de|"
    r"va prendre le contrôle de|prendra le contrôle de|vient de prendre le contrôle de|"
    r"a pris le contrôle du|prend le contrôle du|va prendre le contrôle du|"
    r"a racheté la totalité de|a avalé|avale"
)
ACQUIRED_PARTICIPLE = r"rachetée?s?|acquise?s?|achetée?s?|reprise?s?|absorbée?s?"
OWN_VERBS = r"possède|possèdent|détient|détiennent|contrôle|contrôlent|possédait|détenait"
OWNED_PARTICIPLE = r"détenue?s?|possédée?s?|contrôlée?s?|appartenant|appartient|appartiennent"
RELEASE_VERBS = (
    r"a lancé|ont lancé|lance|lancent|lança|va lancer|vont lancer|a dévoilé|ont dévoilé|"
    r"dévoile|dévoilent|a présenté|ont présenté|présente|présentent|a publié|ont publié|"
    r"publie|publient|a sorti|ont sorti|sort|sortent|commercialise|commercialisent|"
    r"a commercialisé|a mis en ligne|a rendu disponible|a ouvert|a annoncé|ont annoncé|annonce|"
    r"a dévoilé|met sur le marché|a mis sur le marché|a déployé|déploie|a open-sourcé"
)
DEVELOP_VERBS = (
    r"développe|développent|a développé|ont développé|développait|conçoit|a conçu|ont conçu|"
    r"fabrique|fabriquent|a fabriqué|produit|produisent|a produit|édite|éditent|entraîne|"
    r"a entraîné|exploite|exploitent"
)
DEVELOPED_PARTICIPLE = (
    r"développée?s?|conçue?s?|fabriquée?s?|produite?s?|éditée?s?|lancée?s?|publiée?s?|"
    r"créée?s?|entraînée?s?|mise?s? au point|commercialisée?s?|dévoilée?s?"
)
HQ_CUES = (
    r"basée?s? à|basée?s? en|basée?s? au|installée?s? à|implantée?s? à|établie?s? à|"
    r"situé(?:e|s|es)? à|installée?s? en|implantée?s? en|"
    r"dont le siège (?:social )?(?:est|reste|restera|se trouve|demeure|était) "
    r"(?:toujours |désormais )?(?:situé |installé |établi )?(?:à|en|au)|"
    r"qui a (?:son|@m\d+) siège (?:à|en|au)|ayant (?:son|@m\d+) siège (?:à|en|au)|"
    r"(?:a|aura|avait|conserve|garde|conservera|gardera|a transféré|transfère|transférera|"
    r"a installé|installe|installera|a établi) (?:toujours |désormais |aussi )?"
    r"(?:son|@m\d+) siège (?:social )?(?:à|en|au)|siège (?:social )?(?:à|en|au)|"
    r"headquartered in|domiciliée?s? à"
)
MEMBER_CUES = (
    r"membre (?:fondateur )?(?:de la|du|de l'|des|de|d')|membres (?:de la|du|de l'|des|de|d')|"
    r"adhère (?:à|au|aux)|adhèrent (?:à|au|aux)|a adhéré (?:à|au|aux)|ont adhéré (?:à|au|aux)|"
    r"a rejoint|ont rejoint|rejoint|rejoignent"
)
PARTNER_CUES = (
    r"s' associe (?:à|au|aux|avec)|s' associent (?:à|au|aux|avec)|"
    r"s' est associée? (?:à|au|aux|avec)|"
    r"s' allie (?:à|au|aux|avec)|s' est alliée? (?:à|au|aux|avec)|a noué un partenariat avec|"
    r"ont noué un partenariat|a signé un partenariat avec|ont signé un partenariat|"
    r"en partenariat avec|en coentreprise avec|partenaire (?:de|d')|collabore avec|"
    r"collaborent avec|s' est (?:\S+ ){0,2}?associée? (?:à|au|aux|avec)|"
    r"a conclu un accord avec|ont conclu un accord|coopère avec"
)
SPEECH_VERBS = (
    r"déclare|déclaré|déclarait|affirme|affirmé|explique|expliqué|indique|indiqué|souligne|"
    r"souligné|estime|estimé|annonce|annoncé|précise|précisé|ajoute|ajouté|assure|assuré|"
    r"insiste|insisté|confie|confié|reconnaît|reconnu|rappelle|rappelé|évoque|évoqué|"
    r"présente|présenté|détaille|détaillé|ouvert|exprimé|parlé|parle|dit|répondu|"
    r"s' est ouvert|s' est exprimé|a pris la parole"
)

#: nouns that head an event description ("un appel aux résultats du troisième trimestre")
EVENT_HEADS = (
    r"appels? (?:aux|sur les|de présentation des) résultats|conférences? (?:téléphonique|de presse)"
    r"|présentations? des résultats|publications? des résultats|assemblées? générales?|"
    r"conférences?|keynotes?|salons?|sommets?|forums?|webinaires?|congrès|"
    r"journées? investisseurs|earnings call"
)
#: event descriptions that a company holds for itself
CORPORATE_EVENT_HEADS = (
    r"appels? (?:aux|sur les|de présentation des) résultats|conférences? téléphonique|"
    r"présentations? des résultats|publications? des résultats|assemblées? générales?|"
    r"journées? investisseurs|earnings call|keynotes?"
)
STRATEGY_HEADS = r"stratégies?|plans? stratégiques?|feuilles? de route"
#: nouns for a product family that an owner's possessive introduces ("ses produits tels que X")
PRODUCT_FAMILY_NOUNS = (
    r"produits?|services?|applications?|applis?|modèles?|logiciels?|outils?|plateformes?|"
    r"marques?|offres?|solutions?|appareils?|smartphones?|puces?|jeux|jeu|titres?|"
    r"assistants?|chatbots?|réseaux sociaux|messageries?|moteurs? de recherche|navigateurs?|"
    r"suites?|systèmes? d' exploitation|consoles?|processeurs?|voitures?|véhicules?|"
    r"boîtiers?|capteurs?|robots?|drones?|montres?|lunettes?|casques?|tablettes?|"
    r"ordinateurs?|serveurs?|batteries?|médicaments?|vaccins?|candidats?-médicaments?|"
    r"moteurs?|licences?|franchises?|sacs?|parfums?|montres?|collections?|cartes?|"
    r"abonnements?|forfaits?|offres?"
)
#: roles that, without a complement ("le PDG, X"), belong to the organisation in focus;
#: "président" or "chef" alone are left out: they are as often political as corporate
IMPLICIT_ROLES = (
    r"pdg|p\.-d\.g\.|ceo|directeur général|directrice générale|patron|patronne|"
    r"directeur financier|directrice financière|directeur technique|directrice technique|"
    r"directeur général délégué|directrice générale déléguée|cofondateur|cofondatrice|"
    r"fondateur|fondatrice|porte-parole|directeur des opérations|directrice des opérations|"
    r"directeur commercial|directrice commerciale|cfo|cto|coo"
)
#: the organisation-in-focus descriptions: "le groupe", "la société", ...
ORG_ANAPHORS = (
    r"la coopérative|le laboratoire|le studio|l' équipementier|l' assureur|le transporteur|"
    r"le label|la banque|l' opérateur|l' éditeur|le fonds|la maison|l' enseigne|"
    r"le groupe|la société|l' entreprise|la firme|le géant|la compagnie|le constructeur|"
    r"l' éditeur|le fabricant|l' opérateur|la start-up|la startup|la banque|le conglomérat|"
    r"la multinationale|l' organisation|l' enseigne|le distributeur|la jeune pousse"
)

#: nouns of a person defined by another: "la veuve de l'ancien président, X" names the widow,
#: not the president
RELATIVE_PERSON_NOUNS = (
    r"veuve|veuf|épouse|époux|mari|femme|fils|fille|frère|sœur|soeur|père|mère|neveu|nièce|"
    r"cousin|cousine|oncle|tante|petit-fils|petite-fille|gendre|belle-fille|compagne|"
    r"compagnon|conseiller|conseillère|collaborateur|collaboratrice|successeur|"
    r"prédécesseur|adjoint|adjointe|assistant|assistante|bras droit|garde du corps|"
    r"avocat|avocate|biographe|proche|proches|ami|amie|ennemi|rival|rivale|opposant|"
    r"opposante|assassin|meurtrier|agresseur|entourage|chauffeur|secrétaire particulier"
)
