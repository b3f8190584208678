"""The language model's extractor: its schema, grounding filter, merge, cache and errors,
against a stub server on 127.0.0.1 (the real server: test_llm_server.py)."""

from __future__ import annotations

import json
import re
import time

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.extract.llm import (
    LLM_PRIOR,
    PROMPT_VERSION,
    LlmExtractor,
    LlmSettings,
    extractor_name,
    ground,
    merge_facts,
    ontology_terms,
    parse_answer,
    plan,
)
from kg.llm_client import API_KEY_ENV, ChatClient, LlmError
from kg.model import DocumentExtraction, EntityType, MentionKind, Relation
from kg.signatures import SIGNATURES
from tests.conftest import SAMPLE
from tests.factories import document, fact, mention
from tests.llm_stub import StubServer, chat

TEXT = ("Tim Cook, le PDG d'Apple, a parlé à Paris. Il dirige Apple depuis 2011. "
        "La météo était clémente.")


def extraction() -> DocumentExtraction:
    doc = document(TEXT)
    tim = mention(doc, "Tim Cook", EntityType.PERSON)
    apple = mention(doc, "Apple", EntityType.COMPANY)
    paris = mention(doc, "Paris", EntityType.PLACE)
    il = mention(doc, "Il", EntityType.PERSON, kind=MentionKind.PRONOUN, antecedent=tim,
                 resolution="pronoun", name="Tim Cook")
    apple2 = mention(doc, "Apple", EntityType.COMPANY, occurrence=1, antecedent=apple)
    first = TEXT.index(".") + 1
    second = TEXT.index(".", first) + 1
    spans = ((0, first), (first + 1, second), (second + 1, len(TEXT)))
    return DocumentExtraction(doc, (tim, apple, paris, il, apple2),
                              (fact(doc, tim, Relation.CEO_OF, apple),), sentence_spans=spans)


def ids_of(chunk, text: str) -> str:
    return next(i for i, m in chunk.mentions if m.text == text)


# --- the schema and the prompt --------------------------------------------------------------

def test_the_offered_properties_are_the_ontologys_domains_and_ranges():
    terms = ontology_terms()
    offered = {t.relation for t in terms.properties}
    assert offered == set(Relation) - {Relation.RELATED_TO}
    for term in terms.properties:
        assert (term.subjects, term.objects) == SIGNATURES[term.relation], term.relation


def test_a_request_covers_the_sentences_with_two_entities_and_its_schema_their_types():
    ex = extraction()
    [chunk] = plan(ex)
    assert chunk.sentences == (0, 1)  # the third sentence mentions nothing
    tim, apple, paris = (ids_of(chunk, t) for t in ("Tim Cook", "Apple", "Paris"))
    alternatives = {name: a["properties"]
                    for a in chunk.schema["properties"]["facts"]["items"]["anyOf"]
                    for name in a["properties"]["property"]["enum"]}
    # only the properties some pair of these mentions can fill, each with fitting sides
    assert alternatives["ceoOf"]["subject"]["enum"] == [tim, ids_of(chunk, "Il")]
    assert apple in alternatives["ceoOf"]["object"]["enum"]
    assert paris not in alternatives["ceoOf"]["object"]["enum"]
    assert paris in alternatives["headquarteredIn"]["object"]["enum"]
    assert "spouse" not in alternatives  # one person only
    assert "relatedTo" not in alternatives
    assert alternatives["ceoOf"]["sentence"]["enum"] == [0, 1]
    # properties with the same sides share one alternative
    assert alternatives["ceoOf"] is alternatives["worksFor"]
    # the prompt marks the mentions and states each property's domain and range
    assert f"S0: [{tim} Tim Cook], le PDG d'[{apple} Apple]" in chunk.prompt
    assert "[m4 Il = Tim Cook]" in chunk.prompt
    assert "- ceoOf (Person -> Organization):" in chunk.prompt
    assert "Company < Organization" in chunk.prompt


def test_an_article_with_no_pair_of_entities_asks_nothing():
    doc = document("Apple a parlé.")
    ex = DocumentExtraction(doc, (mention(doc, "Apple", EntityType.COMPANY),), (),
                            sentence_spans=((0, 14),))
    assert plan(ex) == []


# --- grounded or dropped --------------------------------------------------------------------

def test_only_grounded_facts_that_fit_the_ontology_are_kept():
    ex = extraction()
    [chunk] = plan(ex)
    tim, apple, paris, il = (ids_of(chunk, t) for t in ("Tim Cook", "Apple", "Paris", "Il"))
    items = [
        {"sentence": 0, "subject": tim, "property": "ceoOf", "object": apple},  # kept
        {"sentence": 0, "subject": tim, "property": "ceoOf", "object": apple},  # said twice
        # Tim Cook's id, in the sentence where "Il" stands for him: kept, through "Il"
        {"sentence": 1, "subject": tim, "property": "leads", "object": apple},
        {"sentence": 1, "subject": paris, "property": "locatedIn", "object": apple},  # elsewhere
        {"sentence": 2, "subject": tim, "property": "worksFor", "object": apple},  # not given
        {"sentence": 7, "subject": tim, "property": "worksFor", "object": apple},  # no such
        {"sentence": 0, "subject": "m99", "property": "worksFor", "object": apple},
        {"sentence": 0, "subject": apple, "property": "ceoOf", "object": tim},  # domain
        {"sentence": 1, "subject": il, "property": "spouse", "object": tim},  # one person
        {"sentence": 0, "subject": tim, "property": "likes", "object": apple},  # no property
        {"sentence": 0, "subject": tim},
        "Tim Cook ceoOf Apple",
    ]
    facts, dropped = ground(ex, chunk, items, "llm:test@p1")
    assert [(f.subject.text, f.relation.value, f.object.text) for f in facts] == [
        ("Tim Cook", "ceoOf", "Apple"), ("Il", "leads", "Apple")]
    assert dropped == {"not grounded": 3, "not a mention": 1, "domain-range": 1,
                       "same entity": 1, "malformed": 3}
    first, second = facts
    assert first.evidence.sentence_text == "Tim Cook, le PDG d'Apple, a parlé à Paris."
    assert (first.evidence.sentence_start, first.evidence.sentence_end) == ex.sentence_spans[0]
    assert first.evidence.extractor == "llm:test@p1"
    assert first.evidence.confidence == LLM_PRIOR
    assert second.subject.referent.text == "Tim Cook"
    assert second.evidence.confidence < LLM_PRIOR  # reached through a pronoun
    assert second.object.start_char > TEXT.index(".")  # the Apple of the second sentence


def test_a_mentions_text_stands_for_its_id_in_json_mode():
    ex = extraction()
    [chunk] = plan(ex)
    facts, dropped = ground(ex, chunk, [{"sentence": "S0", "subject": "Tim Cook",
                                         "property": "worksFor", "object": "apple"}], "x")
    assert [(f.subject.text, f.object.text) for f in facts] == [("Tim Cook", "Apple")]
    assert not dropped


def test_a_place_that_is_a_country_states_country_as_the_rules_do():
    doc = document("Renault est basé en France.")
    renault = mention(doc, "Renault", EntityType.COMPANY)
    france = mention(doc, "France", EntityType.COUNTRY)
    ex = DocumentExtraction(doc, (renault, france), (), sentence_spans=((0, len(doc.text)),))
    [chunk] = plan(ex)
    facts, _ = ground(ex, chunk, [{"sentence": 0, "subject": "m1",
                                   "property": "headquarteredIn", "object": "m2"}], "x")
    assert [f.relation for f in facts] == [Relation.COUNTRY]


def test_a_fact_both_found_keeps_both_evidences_and_the_rules_specific_property_wins():
    ex = extraction()
    doc = ex.document
    tim, apple = ex.mentions[0], ex.mentions[1]
    rule = ex.facts[0]  # Tim Cook ceoOf Apple, sentence 0
    same = fact(doc, tim, Relation.CEO_OF, apple, 0.5, "llm:m@p1")
    general = fact(doc, tim, Relation.WORKS_FOR, apple, 0.5, "llm:m@p1")
    other = fact(doc, apple, Relation.HEADQUARTERED_IN, ex.mentions[2], 0.5, "llm:m@p1")
    merged = merge_facts([rule], [same, general, other])
    assert rule in merged and same in merged and other in merged
    assert general not in merged  # "ceoOf" read by the rules says more


def test_answers_that_are_no_facts_object_are_errors():
    assert parse_answer('{"facts": []}') == []
    assert parse_answer('```json\n{"facts": [1]}\n```') == [1]
    assert parse_answer("[]") == []
    for bad, message in (("Voici les faits", "not JSON"), ('{"fact": []}', "no 'facts' list"),
                         ('{"facts": {}}', "no 'facts' list"), ("42", "no 'facts' list")):
        with pytest.raises(LlmError, match=message):
            parse_answer(bad)
    with pytest.raises(LlmError, match="token limit"):
        parse_answer('{"facts": [{"sente', "length")


def test_the_extractor_name_is_the_model_and_prompt_version_safe_in_an_iri():
    assert extractor_name("gemma3:270m") == f"llm:gemma3:270m@{PROMPT_VERSION}"
    assert re.fullmatch(r"llm:[A-Za-z0-9._:-]+@p\d+", extractor_name("hf.co/org/m Q4"))


# --- the client against a stub server -------------------------------------------------------

def fast(url: str, **options) -> ChatClient:
    return ChatClient(url, "m", backoff=0.01, **options)


def test_structured_output_falls_back_to_what_the_server_takes(monkeypatch):
    def answer(request):
        if request["response_format"]["type"] == "json_schema":
            return 500, {"error": {"message": "json_schema is not supported"}}
        return chat('{"facts": []}')

    monkeypatch.setenv(API_KEY_ENV, "sk-secret-123")
    with StubServer(answer) as stub:
        client = ChatClient.from_env(stub.url, "m", backoff=0.01)
        first = client.complete("prompt", {"type": "object"})
        assert first.mode == "json_object+schema"
        client.complete("prompt", {"type": "object"})
    kinds = [r["response_format"]["type"] for r in stub.requests]
    assert kinds == ["json_schema", "json_object", "json_object"]  # the mode is kept
    assert stub.requests[1]["response_format"]["schema"] == {"type": "object"}
    assert stub.requests[1]["messages"] == [{"role": "user", "content": "prompt"}]
    assert stub.requests[1]["temperature"] == 0
    assert all(h["Authorization"] == "Bearer sk-secret-123" for h in stub.headers)
    assert "sk-secret" not in repr(client)


@pytest.mark.parametrize(("reply", "message"), [
    ((500, {"error": "boom"}), "HTTP 500 .*after 3 tries"),
    ((404, b"not here"), "HTTP 404"),
    (chat(""), "empty answer"),
    ((200, b"<html>proxy error</html>"), "not a chat completion"),
    ((200, {"choices": []}), "not a chat completion"),
])
def test_server_errors_are_one_line_without_the_key(monkeypatch, reply, message):
    monkeypatch.setenv(API_KEY_ENV, "sk-secret-123")
    with StubServer(lambda request: reply) as stub:
        client = ChatClient.from_env(stub.url, "m", backoff=0.01, retries=2)
        client.mode = "json_object"
        with pytest.raises(LlmError, match=message) as caught:
            client.complete("p", {})
    assert "\n" not in str(caught.value) and "sk-secret" not in str(caught.value)


def test_a_slow_server_times_out_and_is_retried():
    with StubServer(lambda request: 1.0) as stub:
        client = fast(stub.url, timeout=0.2, retries=1)
        client.mode = "json_object"
        started = time.monotonic()
        with pytest.raises(LlmError, match=r"no answer within 0.2 s after 2 tries"):
            client.complete("p", {})
        assert time.monotonic() - started < 5
    assert len(stub.requests) == 2


def test_a_server_that_is_down_is_one_clear_error():
    with StubServer(lambda request: chat("{}")) as stub:
        url = stub.url
    client = fast(url, retries=1)
    with pytest.raises(LlmError, match="cannot reach the server"):
        client.complete("p", {})


def test_a_flaky_server_is_retried_until_it_answers():
    replies = iter([(503, b"busy"), (502, b"bad gateway")])

    def answer(request):
        return next(replies, chat('{"facts": []}'))

    with StubServer(answer) as stub:
        client = fast(stub.url, retries=2)
        client.mode = "json_schema"
        assert client.complete("p", {}).content == '{"facts": []}'
    assert len(stub.requests) == 3


def test_answers_are_cached_and_requests_run_concurrently(tmp_path):
    ex = extraction()
    [chunk] = plan(ex)
    apple, paris = ids_of(chunk, "Apple"), ids_of(chunk, "Paris")
    answer_text = json.dumps({"facts": [{"sentence": 0, "subject": apple,
                                         "property": "headquarteredIn", "object": paris}]})

    def answer(request):
        time.sleep(0.5)
        return chat(answer_text)

    documents = [DocumentExtraction(ex.document.__class__(
        doc_id=f"d{n:015d}", source=f"{n}.txt", text=TEXT), ex.mentions, ex.facts,
        sentence_spans=ex.sentence_spans) for n in range(4)]
    with StubServer(answer) as stub:
        settings = LlmSettings(url=stub.url, model="stub", concurrency=4,
                               cache_dir=tmp_path / "llm")
        reader = LlmExtractor(settings)
        started = time.monotonic()
        out = list(reader.stream(documents))
        elapsed = time.monotonic() - started
        # four articles with the same text: one answer each, asked at once
        assert reader.stats.requests + reader.stats.cache_hits == 4
        assert elapsed < 1.8  # one after the other: 2 s
        assert [o.document.source for o in out] == ["0.txt", "1.txt", "2.txt", "3.txt"]
        assert all(any(f.evidence.extractor.startswith("llm:") for f in o.facts) for o in out)
        again = LlmExtractor(settings)
        list(again.stream(documents))
        assert again.stats.requests == 0 and again.stats.cache_hits == 4
        # only the model's facts, without the rules' ones and their dates
        alone = LlmExtractor(settings).read(ex, keep_rules=False)
        assert {f.evidence.extractor for f in alone.facts} == {extractor_name("stub")}
        assert alone.attributes == ()


def test_an_article_the_model_fails_on_is_a_failure_and_the_others_go_on():
    from kg.workers import Failure

    ex = extraction()
    good = json.dumps({"facts": []})

    def answer(request):
        prompt = request["messages"][0]["content"]
        return chat("pas du JSON") if "Bob" in prompt else chat(good)

    doc = document(TEXT.replace("Tim Cook", "Bob Cook"), doc_id="d0c0000000000002",
                   source="bad.txt")
    bob = mention(doc, "Bob Cook", EntityType.PERSON)
    apple = mention(doc, "Apple", EntityType.COMPANY)
    broken = DocumentExtraction(doc, (bob, apple), (), sentence_spans=ex.sentence_spans)
    with StubServer(answer) as stub:
        reader = LlmExtractor(LlmSettings(url=stub.url, model="stub", retries=0))
        out = list(reader.stream([ex, broken, ex]))
    assert [type(o).__name__ for o in out] == ["DocumentExtraction", "Failure",
                                               "DocumentExtraction"]
    failure = out[1]
    assert isinstance(failure, Failure)
    assert failure.reason.startswith("the language model gave no usable answer: the model's "
                                     "answer is not JSON")
    assert reader.stats.failed == 1


# --- kg build -------------------------------------------------------------------------------

def first_alternatives(request):
    """A stub model: one fact per offered property, its first subject and last object."""
    schema = (request["response_format"].get("json_schema", {}).get("schema")
              or request["response_format"]["schema"])
    facts = []
    for alternative in schema["properties"]["facts"]["items"]["anyOf"][:4]:
        p = alternative["properties"]
        facts.append({"property": p["property"]["enum"][0], "subject": p["subject"]["enum"][0],
                      "object": p["object"]["enum"][-1], "sentence": p["sentence"]["enum"][0]})
    return chat(json.dumps({"facts": facts}))


@pytest.mark.slow
def test_kg_build_with_the_llm_merges_counts_and_caches(tmp_path):
    out = tmp_path / "out"
    with StubServer(first_alternatives) as stub:
        args = ["build", str(SAMPLE), "-o", str(out), "--llm-url", stub.url,
                "--llm-model", "stub-1", "--no-html", "--json"]
        first = CliRunner().invoke(main, [*args, "--extractor", "rules+llm"])
        assert first.exit_code == 0, first.output
        summary = json.loads(first.output)
        llm = summary["llm"]
        assert llm["requests"] == len(stub.requests) > 0 and llm["cache_hits"] == 0
        assert llm["facts_kept"] > 0 and summary["shacl"]["conforms"]
        turtle = (out / "graph.ttl").read_text(encoding="utf-8")
        assert f"llm:stub-1@{PROMPT_VERSION}" in turtle
        assert "ceoOf" in summary["facts"]  # the rules' facts are there too
        # a re-run asks nothing; a rules build keeps its own cache entry
        again = CliRunner().invoke(main, [*args, "--extractor", "rules+llm"])
        assert json.loads(again.output)["llm"]["requests"] == 0
        assert len(stub.requests) == llm["requests"]
        assert json.loads(again.output)["triples"] == summary["triples"]
        rules = CliRunner().invoke(main, ["build", str(SAMPLE), "-o", str(out), "--json",
                                          "--no-html"])
        assert json.loads(rules.output)["cached"] == 1
        assert "llm" not in json.loads(rules.output)
        assert "llm:" not in (out / "graph.ttl").read_text(encoding="utf-8")
        assert (out / ".kg-cache" / "llm").is_dir()  # the answers stay for the next run
        only = CliRunner().invoke(main, [*args, "--extractor", "llm"])
        facts = json.loads(only.output)["facts"]
        assert "endDate" not in facts and "startDate" not in facts  # no rule dates
        human = CliRunner().invoke(main, [*args[:-1], "--extractor", "llm"])
        assert re.search(r"LLM: +0 request\(s\), \d+ answer\(s\) from the cache; \d+ fact\(s\) "
                         r"kept, \d+ dropped", human.output)


@pytest.mark.slow
def test_kg_build_names_the_article_the_model_failed_on_and_builds_the_others(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_text("Jean Dupont, le PDG de Renault, a parlé à Paris.", encoding="utf-8")

    def answer(request):
        if "Renault" in request["messages"][0]["content"]:
            return 500, {"error": "the model crashed"}
        return chat('{"facts": []}')

    with StubServer(answer) as stub:
        result = CliRunner().invoke(main, [
            "build", str(good), str(bad), "-o", str(tmp_path / "out"), "--no-html",
            "--extractor", "llm", "--llm-url", stub.url, "--llm-model", "m"])
    assert result.exit_code == 4, result.output
    lines = [line for line in result.stderr.splitlines() if line.startswith("skipped:")]
    assert len(lines) == 1
    assert re.match(r"skipped: bad\.txt: the language model gave no usable answer: "
                    r"http://127\.0\.0\.1:\d+/v1/chat/completions: HTTP 500", lines[0])
    assert "1 article(s)" in result.output
    assert "no usable answer for 1 article(s)" in result.output


def test_the_llm_options_go_together():
    runner = CliRunner()
    result = runner.invoke(main, ["build", "x.txt", "--extractor", "llm"])
    assert result.exit_code == 2 and "needs --llm-url and --llm-model" in result.output
    result = runner.invoke(main, ["build", "x.txt", "--llm-url", "http://h/v1"])
    assert result.exit_code == 2
    result = runner.invoke(main, ["build", "x.txt", "--extractor", "llm", "--llm-url",
                                  "ftp://h", "--llm-model", "m"])
    assert result.exit_code == 2 and "http://" in result.output


def test_the_library_checks_its_extractor_choice():
    from kg.pipeline import build

    with pytest.raises(ValueError, match="one of rules, llm, rules\\+llm"):
        build([str(SAMPLE)], extractor="gpt")
    with pytest.raises(ValueError, match="needs the model's settings"):
        build([str(SAMPLE)], extractor="llm")


def test_a_password_in_the_servers_address_is_never_shown():
    client = ChatClient("http://user:sk-secret@127.0.0.1:9/v1", "m", retries=0)
    with pytest.raises(LlmError) as caught:
        client.complete("p", {})
    assert "sk-secret" not in str(caught.value) and "127.0.0.1:9" in str(caught.value)


def test_credentials_in_the_servers_address_are_refused_unshown():
    for url in ("http://alice:s3cr3t@example.invalid/v1", "HTTP://alice:s3cr3t@host:po/v1"):
        with pytest.raises(ValueError, match="holds credentials") as caught:
            LlmSettings(url=url, model="m")
        assert "s3cr3t" not in str(caught.value)


def test_a_redirect_is_not_followed_with_the_key(monkeypatch):
    """urllib would send the Authorization header on to wherever a redirect points."""
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
    from threading import Thread

    class Redirect(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_POST(self) -> None:
            self.send_response(307)
            self.send_header("Location", "http://127.0.0.1:9/elsewhere")
            self.send_header("Content-Length", "0")
            self.end_headers()

    server = ThreadingHTTPServer(("127.0.0.1", 0), Redirect)
    Thread(target=server.serve_forever, daemon=True).start()
    try:
        client = ChatClient(f"http://127.0.0.1:{server.server_address[1]}/v1", "m",
                            api_key="sk-secret", retries=0)
        with pytest.raises(LlmError, match="307") as caught:
            client.complete("p", {})
        assert "sk-secret" not in str(caught.value)
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.slow
def test_the_library_builds_with_the_llm_in_memory():
    import kg

    with StubServer(first_alternatives) as stub:
        result = kg.build([SAMPLE], extractor="rules+llm", html=False,
                          llm=kg.LlmSettings(url=stub.url, model="stub-2", concurrency=2))
    assert result.llm is not None and result.llm.requests == len(stub.requests) > 0
    assert result.llm.facts_kept > 0
    assert result.validation is not None and result.validation.conforms
    extractors = {fact.evidence.extractor for fact in result.knowledge.facts}
    assert f"llm:stub-2@{PROMPT_VERSION}" in extractors and "role-before-name-ceoOf" in extractors
