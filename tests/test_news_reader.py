"""The parse reader on general news: offices, institutions, events, dates, open relations,
the headline's country, and what it must not state. Sentences are our own."""

from __future__ import annotations

import pytest

from tests.conftest import facts_of

pytestmark = pytest.mark.slow


def _read(text: str, date: str = "2012-06-21"):
    from kg.extract import extract
    from kg.nlp import parse
    from kg.reader import document_from_text

    return extract(parse(document_from_text(text, date=date)))


def _types(extraction) -> dict[str, str]:
    return {m.referent.name: m.referent.entity_type.value for m in extraction.mentions}


# --- offices --------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "fact"), [
    ("Le président égyptien Hosni Moubarak a démissionné.",
     ("Hosni Moubarak", "positionHeld", "Président de l'Égypte")),
    ("Laurent Fabius, ministre des Affaires étrangères, est attendu à Alger.",
     ("Laurent Fabius", "positionHeld", "Ministre des Affaires étrangères")),
    ("L'ambassadeur de France en Afghanistan, Bernard Bajolet, était présent.",
     ("Bernard Bajolet", "positionHeld", "Ambassadeur de France en Afghanistan")),
    ("Le poste de ministre des Finances a été confié au banquier Vassilis Rapanos.",
     ("Vassilis Rapanos", "positionHeld", "Ministre des Finances")),
    ("La secrétaire d'État américaine Hillary Clinton est arrivée au Caire.",
     ("Hillary Clinton", "positionHeld", "Secrétaire d'État des États-Unis")),
])
def test_offices_are_positions_held(text, fact):
    assert fact in facts_of(_read(text))


def test_an_office_said_alone_is_the_articles_countrys():
    found = facts_of(_read("Grèce : un nouveau gouvernement\n\nLe premier ministre Antonis "
                           "Samaras a présenté son équipe à Athènes."))
    assert ("Antonis Samaras", "positionHeld", "Premier ministre de la Grèce") in found


def test_an_article_about_two_countries_leaves_the_office_without_one():
    found = facts_of(_read("Le ministre des Affaires étrangères Laurent Fabius a rencontré "
                           "ses homologues allemand et italien à Berlin, en Allemagne, puis en "
                           "Italie."))
    positions = {o for s, r, o in found if r == "positionHeld"}
    assert positions == {"Ministre des Affaires étrangères"}


def test_a_company_chair_holds_no_office():
    found = facts_of(_read("Le président de Renault, Jean-Dominique Senard, a présenté le "
                           "plan."))
    assert ("Jean-Dominique Senard", "chairOf", "Renault") in found
    assert not any(r == "positionHeld" for _, r, _ in found)


def test_the_widow_of_a_president_is_not_the_president():
    found = facts_of(_read("La veuve de l'ancien président de l'Autorité palestinienne, "
                           "Souha Arafat, a demandé une enquête."))
    assert not any(s == "Souha Arafat" and r in {"positionHeld", "chairOf", "leads"}
                   for s, r, _ in found)


def test_a_former_office_is_still_a_position_held():
    found = facts_of(_read("L'ancien Premier ministre libanais Rafic Hariri a été assassiné "
                           "en 2005."))
    assert ("Rafic Hariri", "positionHeld", "Premier ministre du Liban") in found


def test_a_former_job_is_not_a_current_employer():
    found = facts_of(_read("Jean Roux, un ancien chercheur du CNRS, a fondé la société Hydra."))
    assert not any(r == "worksFor" for _, r, _ in found)


# --- parties, elections, sport ----------------------------------------------------------------

def test_party_words_give_the_party_when_the_article_names_the_party():
    found = facts_of(_read("Les démocrates gardent le Sénat. Le sénateur démocrate Sherrod "
                           "Brown a été réélu dans l'Ohio."))
    assert ("Sherrod Brown", "memberOfPoliticalParty", "Parti démocrate") in found
    assert ("Sherrod Brown", "positionHeld", "Sénateur") in found or (
        "Sherrod Brown", "positionHeld", "Sénateur des États-Unis") in found


def test_an_adjective_of_opinion_is_no_party():
    found = facts_of(_read("L'écrivain démocrate Paul Martin a été honoré dans l'Ohio."))
    assert not any(r == "memberOfPoliticalParty" for _, r, _ in found)


def test_a_politicians_party_word_names_the_party():
    found = facts_of(_read("Le candidat républicain Mitt Romney a suspendu sa campagne."))
    assert ("Mitt Romney", "memberOfPoliticalParty", "Parti républicain") in found


@pytest.mark.parametrize(("text", "fact"), [
    ("Joe Donnelly a battu Richard Mourdock dans l'Indiana.",
     ("Joe Donnelly", "defeated", "Richard Mourdock")),
    ("George Allen a concédé la victoire à Tim Kaine.", ("Tim Kaine", "defeated", "George Allen")),
    ("L'Algérie s'est imposée face au Sénégal en finale.", ("Algérie", "defeated", "Sénégal")),
])
def test_who_beat_whom(text, fact):
    assert fact in facts_of(_read(text))


def test_a_conceded_penalty_is_no_defeat():
    assert not any(r == "defeated" for _, r, _ in facts_of(
        _read("George Allen a concédé un penalty à Tim Kaine.")))


# --- institutions, places, countries ---------------------------------------------------------

def test_institutions_named_with_a_common_noun():
    extraction = _read("Les diplomates de l'ambassade de France à Damas ont quitté la place "
                       "Tahrir, puis l'université de Manchester.")
    types = _types(extraction)
    assert types["Ambassade de France à Damas"] == "GovernmentOrganization"
    assert types["Place Tahrir"] == "Place"
    assert types["Manchester"] == "Place"  # the place inside stays an entity
    found = facts_of(extraction)
    assert ("Ambassade de France à Damas", "locatedIn", "Damas") in found
    assert ("Université de Manchester", "locatedIn", "Manchester") in found


def test_a_national_body_gets_its_country_from_its_adjective():
    extraction = _read("L'armée syrienne et le gouvernement malien ont réagi.")
    found = facts_of(extraction)
    assert ("Armée syrienne", "country", "Syrie") in found
    assert ("Gouvernement malien", "country", "Mali") in found
    assert _types(extraction)["Armée syrienne"] == "ArmedForce"


def test_an_institution_named_after_its_country_elsewhere_is_not_in_it():
    found = facts_of(_read("Timor Goksel est professeur à l'université américaine de "
                           "Beyrouth."))
    assert ("Université américaine de Beyrouth", "country", "États-Unis") not in found


def test_the_headline_country():
    found = facts_of(_read("Nigeria : crash d'un avion à Lagos\n\nUn avion de ligne s'est "
                           "écrasé dimanche."))
    assert ("Lagos", "country", "Nigeria") in found
    assert ("crash d'un avion", "country", "Nigeria") in found


def test_a_foreign_army_in_a_headline_is_not_the_headlines_country():
    found = facts_of(_read("Afghanistan : l'armée française transfère la province de Kapisa"))
    assert ("Armée française", "country", "Afghanistan") not in found


# --- events and dates --------------------------------------------------------------------------

def test_events_their_place_their_date_and_their_coreference():
    extraction = _read("L'accident nucléaire de Fukushima s'est produit le 12 mars 2011. Cet "
                       "accident a choqué le Japon. Le drame a fait des milliers de victimes.")
    events = [m for m in extraction.mentions if m.referent.entity_type.value == "Accident"]
    assert len(events) == 3 and len({m.referent.name for m in events}) == 1
    dates = {(a.subject.referent.name, a.attribute.value, a.value)
             for a in extraction.attributes}
    assert ("accident nucléaire de Fukushima", "pointInTime", "2011-03-12") in dates


def test_relative_dates_follow_the_article_date():
    from kg.extract.dates import date_expressions
    from kg.nlp import parse
    from kg.reader import document_from_text

    parsed = parse(document_from_text("Hier, puis le 19 mars dernier, et dimanche 17 juin.",
                                      date="2012-06-21"))
    values = set(date_expressions(parsed).values())
    assert {"2012-06-20", "2012-03-19", "2012-06-17"} <= values


def test_perpetrators_and_victims():
    found = facts_of(_read("Le groupe Boko Haram a revendiqué l'attentat. L'assassinat du "
                           "journaliste Daniel Pearl a choqué le monde."))
    assert ("attentat", "perpetrator", "Boko Haram") in found
    assert ("assassinat du journaliste Daniel Pearl", "victim", "Daniel Pearl") in found


def test_a_claim_is_less_sure_than_a_statement():
    sure = _read("Le groupe Boko Haram a revendiqué l'attentat.")
    claim = _read("Selon la police, le groupe Boko Haram aurait revendiqué l'attentat.")
    conf = {f.relation.value: f.evidence.confidence for f in sure.facts}
    hedged = {f.relation.value: f.evidence.confidence for f in claim.facts}
    assert hedged["perpetrator"] < conf["perpetrator"]


# --- open relations -----------------------------------------------------------------------------

def test_an_open_relation_keeps_the_predicates_words():
    extraction = _read("Le parti des Frères musulmans exige les résultats de l'élection "
                       "présidentielle.")
    opened = [f for f in extraction.facts if f.relation.value == "relatedTo"]
    assert opened
    fact = opened[0]
    assert fact.evidence.relation_text and "exige" in fact.evidence.relation_text
    assert fact.evidence.confidence < 0.6


def test_a_typed_fact_wins_over_an_open_one():
    found = facts_of(_read("Joe Donnelly a battu Richard Mourdock."))
    assert ("Joe Donnelly", "defeated", "Richard Mourdock") in found
    assert ("Joe Donnelly", "relatedTo", "Richard Mourdock") not in found


def test_no_open_relation_from_a_negated_or_hedged_clause():
    for text in ("Le parti des Frères musulmans n'exige pas les résultats de l'élection.",
                 "Le parti des Frères musulmans exigerait les résultats de l'élection."):
        assert not any(r == "relatedTo" for _, r, _ in facts_of(_read(text)))


def test_open_relations_are_written_with_their_words_and_can_be_left_out():
    from kg.pipeline import build
    from kg.reader import document_from_text
    from kg.vocab import KGO

    document = document_from_text("Le parti des Frères musulmans exige les résultats de "
                                  "l'élection présidentielle.")
    graph = build([document], validate=False, html=False).graph
    texts = set(graph.objects(None, KGO.relationText))
    assert any("exige" in str(t) for t in texts)
    assert (None, KGO.relatedTo, None) in graph
    closed = build([document], validate=False, html=False, open_relations=False).graph
    assert (None, KGO.relatedTo, None) not in closed
    assert not set(closed.objects(None, KGO.relationText))


# --- what is not read ---------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Tim Cook announced on Monday that the company had acquired Beats for three billion.",
    " ".join(str(n * 7) for n in range(400)),
    "le la chat maison pour avec grand petit " * 200,
])
def test_nothing_is_stated_from_text_without_french_statements(text):
    extraction = _read(text)
    assert not extraction.facts and not extraction.attributes


# --- acronyms, sport, awards ----------------------------------------------------------------

def test_an_acronym_and_the_name_it_abbreviates_are_one_entity():
    extraction = _read("Le Paris Saint-Germain a battu l'Olympique de Marseille. Le PSG a "
                       "ensuite recruté un attaquant. L'Organisation des Nations unies a "
                       "réagi ; l'ONU demande une trêve.")
    names = {m.text: m.referent.name for m in extraction.mentions}
    assert names["PSG"] == "Paris Saint-Germain"
    assert names["ONU"] == "Organisation des Nations unies"


def test_an_acronym_matching_two_names_stays_apart():
    extraction = _read("Le Parti socialiste et la Plateforme syndicale ont manifesté. Le PS a "
                       "voté contre.")
    names = {m.text: m.referent.name for m in extraction.mentions}
    assert names.get("PS", "PS") == "PS"


def test_a_player_and_a_coach_of_a_team():
    found = facts_of(_read("L'attaquant du FC Barcelone, Lionel Messi, a marqué. "
                           "L'entraîneur de l'Olympique lyonnais, Rudi Garcia, est satisfait."))
    assert ("Lionel Messi", "memberOfSportsTeam", "FC Barcelone") in found
    assert ("Olympique lyonnais", "headCoach", "Rudi Garcia") in found


def test_a_nationality_before_a_name_and_an_award():
    found = facts_of(_read("Le Portugais Cristiano Ronaldo a remporté le Ballon d'or."))
    assert ("Cristiano Ronaldo", "countryOfCitizenship", "Portugal") in found
    assert ("Cristiano Ronaldo", "awardReceived", "Ballon d'or") in found
    assert not any(s == "Portugal" for s, _, _ in found)
