"""Typing and linking of mentions, and coreference, on sentences of our own."""

from __future__ import annotations

import pytest

from tests.conftest import facts_of, types_of

pytestmark = pytest.mark.slow


def test_surname_joins_the_full_name(read):
    extraction = read("Marie Durand dirige Ubisoft depuis 2020. Durand a annoncé un plan.")
    people = {m.referent.name for m in extraction.mentions if m.text == "Durand"}
    assert people == {"Marie Durand"}
    surname = next(m for m in extraction.mentions if m.text == "Durand")
    assert surname.resolution == "surname"


@pytest.mark.parametrize(("text", "name", "expected"), [
    ("La société Qonto a levé des fonds.", "Qonto", "Company"),
    ("Le modèle d'IA Mixtral surpasse ses concurrents.", "Mixtral", "AIModel"),
    ("L'application Lydia compte cinq millions d'utilisateurs.", "Lydia", "Software"),
    ("M. Lefèvre a démissionné hier.", "Lefèvre", "Person"),
    ("Le projet Iter accumule les retards.", "Iter", "Project"),
    ("Acme Corp. a publié ses comptes.", "Acme Corp.", "Company"),
])
def test_context_cues_type_names(read, text, name, expected):
    assert types_of(read(text)).get(name) == expected


def test_one_type_for_all_mentions_of_an_entity(read):
    text = ("Le modèle de langage Falcon impressionne les chercheurs. Falcon est disponible. "
            "Les développeurs adoptent Falcon.")
    types = {m.entity_type.value for m in read(text).mentions if m.referent.name == "Falcon"}
    assert types == {"AIModel"}


def test_acronym_in_parentheses_names_the_same(read):
    extraction = read("La Banque centrale européenne (BCE) a relevé ses taux. La BCE surveille "
                      "l'inflation.")
    referents = {m.referent.name for m in extraction.mentions if m.text == "BCE"}
    assert referents == {"Banque centrale européenne"}


def test_possessive_resolves_to_the_organisation_in_focus(read):
    extraction = read("Samsung a présenté ses nouveaux smartphones Galaxy S25 à Séoul.")
    assert ("Galaxy S25", "productOf", "Samsung") in facts_of(extraction)
    fact = next(f for f in extraction.facts if f.relation.value == "productOf")
    assert fact.object.resolution == "possessive"
    assert fact.object.text == "ses"


def test_definite_description_resolves_to_the_company(read):
    extraction = read("Ubisoft traverse une crise. Le groupe a racheté Massive Entertainment.")
    assert ("Ubisoft", "acquired", "Massive Entertainment") in facts_of(extraction)
    fact = next(f for f in extraction.facts if f.relation.value == "acquired")
    assert fact.subject.resolution == "definite description"


def test_pronoun_resolves_to_the_person(read):
    extraction = read("Thomas Buberl a présenté les résultats. Il dirige Axa depuis 2016.")
    fact = next(f for f in extraction.facts if f.relation.value == "leads")
    assert fact.subject.referent.name == "Thomas Buberl"
    assert fact.subject.resolution == "pronoun"


def test_event_and_period(read):
    extraction = read("Lors de la conférence de presse de Renault, Luca de Meo a présenté "
                      "le plan. Lors d'un appel aux résultats du deuxième trimestre 2025, "
                      "le PDG de Kering, François-Henri Pinault, a déclaré qu'il restait "
                      "prudent.")
    facts = facts_of(extraction)
    assert ("conférence de presse de Renault", "organizedBy", "Renault") in facts
    assert ("François-Henri Pinault", "spokeAt",
            "appel aux résultats du deuxième trimestre 2025") in facts
    periods = {(a.subject.name, a.value) for a in extraction.attributes
               if a.attribute.value == "period"}
    assert ("appel aux résultats du deuxième trimestre 2025", "2025-Q2") in periods


def test_possessive_prefers_the_subject_over_a_nearer_name(read):
    extraction = read("Google, filiale d'Alphabet, fournira son assistant Gemini aux "
                      "constructeurs.")
    found = facts_of(extraction)
    assert ("Gemini", "productOf", "Google") in found
    assert ("Gemini", "productOf", "Alphabet") not in found


def test_description_picks_the_company_most_spoken_of(read):
    text = ("Le constructeur Renault a annoncé un partenariat avec Google. "
            "Luca de Meo, le directeur général du groupe, a présenté l'accord.")
    found = facts_of(read(text))
    assert ("Luca de Meo", "ceoOf", "Renault") in found
    assert ("Luca de Meo", "ceoOf", "Google") not in found


def test_verb_subject_is_the_name_before_an_apposition(read):
    found = facts_of(read("Google, filiale d'Alphabet, a racheté Wiz pour 32 milliards."))
    assert ("Google", "acquired", "Wiz") in found
    assert ("Alphabet", "acquired", "Wiz") not in found


def test_event_with_its_own_date(read):
    extraction = read("Lors de la conférence de presse du 12 mars 2024, Isabelle Kocher "
                      "a présenté le plan.")
    dates = {(a.attribute.value, a.value) for a in extraction.attributes}
    assert ("startDate", "2024-03-12") in dates


def test_middle_initial_makes_a_person(read):
    types = types_of(read("Le rapport cite George H. Thomas parmi les signataires."))
    assert types.get("George H. Thomas") == "Person"


def test_quoted_title_after_a_type_noun(read):
    extraction = read("Le groupe Vernier a présenté son plan stratégique « Cap 2030 » en mars.")
    assert types_of(extraction).get("Cap 2030") == "Strategy"
    assert ("Cap 2030", "strategyOf", "Vernier") in facts_of(extraction)


@pytest.mark.parametrize(("text", "name"), [
    ("La Biscuiterie du Léon, installée à Quimper, embauche.", "Biscuiterie du Léon"),
    ("Le rachat par Schneider Electric a surpris.", "Schneider Electric"),
])
def test_trade_and_form_words_make_a_company(read, text, name):
    assert types_of(read(text)).get(name) == "Company"


def test_a_loose_place_pattern_does_not_retype_a_place(read):
    extraction = read("La société est située sur Sand Hill Road à Menlo Park.")
    assert types_of(extraction).get("Sand Hill Road") != "Organization"


def test_short_name_of_an_organisation_is_one_entity(read):
    extraction = read("Hélion Énergies a publié ses comptes. Hélion prévoit de recruter.")
    assert {m.referent.name for m in extraction.mentions if m.text == "Hélion"} == {
        "Hélion Énergies"}


def test_short_name_of_a_person_is_not_the_company(read):
    extraction = read("La société Dupont Logistique recrute. M. Dupont a démissionné.")
    assert {m.referent.name for m in extraction.mentions if m.text.endswith("Dupont")} != {
        "Dupont Logistique"}


@pytest.mark.parametrize("text", [
    "Vellay Lease emploie 300 personnes à Lyon.",
    "Les actionnaires de Vellay Lease ont approuvé la fusion.",
])
def test_what_only_a_company_does(read, text):
    assert types_of(read(text)).get("Vellay Lease") == "Company"


def test_opening_quote_starts_the_next_sentence(read):
    extraction = read("Le groupe Kornmann va bien. « Nous sommes prêts », a déclaré M. Keller.")
    first = extraction.document.text.split(". ")[0] + "."
    assert any(m.sentence == 1 for m in extraction.mentions if m.text == "Keller")
    assert first == "Le groupe Kornmann va bien."


def test_speaker_after_the_verb_spoke_at_the_event(read):
    found = facts_of(read("Le groupe Kornmann va bien. « Nous sommes prêts », a déclaré "
                          "Matthias Keller lors d'une conférence téléphonique avec des "
                          "analystes."))
    assert ("Matthias Keller", "spokeAt", "conférence téléphonique avec des analystes") in found


@pytest.mark.parametrize(("text", "fact"), [
    ("Le groupe Terralait va bien. Le groupe coopératif s'est par ailleurs associé à Alimea.",
     ("Terralait", "partnerOf", "Alimea")),
    ("La société Volteo Aéro recrute. Le constructeur toulousain a noué un partenariat avec "
     "la compagnie Air Ondine.", ("Volteo Aéro", "headquarteredIn", "Toulouse")),
    ("Le groupe Terralait recrute, a indiqué sa porte-parole, Gaëlle Kerbrat.",
     ("Gaëlle Kerbrat", "worksFor", "Terralait")),
    ("Le laboratoire Kessler Pharma recrute. Son directeur de la recherche, Stefan Huber, "
     "l'a confirmé.", ("Stefan Huber", "worksFor", "Kessler Pharma")),
])
def test_descriptions_with_adjectives_and_possessive_roles(read, text, fact):
    assert fact in facts_of(read(text))


def test_event_cue_after_a_preposition(read):
    extraction = read("Ils présenteront leur plan lors du salon Retail Nord, organisé par "
                      "l'association Commerce Hauts-de-France.")
    assert types_of(extraction).get("Retail Nord") == "Event"
    assert ("Retail Nord", "organizedBy", "Commerce Hauts-de-France") in facts_of(extraction)


def test_lower_case_nationality_before_a_name_is_a_company(read):
    extraction = read("Les smartphones seront fabriqués par le taïwanais Hexin Devices.")
    assert types_of(extraction).get("Hexin Devices") == "Company"
    assert ("Hexin Devices", "country", "Taïwan") in facts_of(extraction)
