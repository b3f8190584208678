"""Shared fixtures. Tests that load the French model are marked ``slow``; the model is loaded
once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SAMPLE = ROOT / "examples" / "meta-llama-open-source.fr.txt"


@pytest.fixture(scope="session")
def read():
    """``read(text)`` -> the DocumentExtraction of ``text`` (uses the French model)."""
    from kg.extract import extract
    from kg.nlp import parse
    from kg.reader import document_from_text

    def run(text: str):
        return extract(parse(document_from_text(text)))

    return run


def facts_of(extraction) -> set[tuple[str, str, str]]:
    """(subject name, relation, object name) of each fact, names resolved to their referent."""
    return {(f.subject.referent.name, f.relation.value, f.object.referent.name)
            for f in extraction.facts}


def types_of(extraction) -> dict[str, str]:
    return {m.referent.name: m.entity_type.value for m in extraction.mentions}
