"""kg: knowledge graphs from French news, with evidence for every fact.

    >>> import kg
    >>> graph = kg.build_graph("examples/meta-llama-open-source.fr.txt")   # rdflib.Graph

Heavy libraries (spaCy, rdflib, pyshacl) load on first use, so ``import kg`` and ``kg --help``
stay instant.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["LlmSettings", "build", "build_graph", "document_from_text", "explain",
           "iter_documents", "run_query"]

_LAZY = {
    "LlmSettings": "kg.extract.llm",
    "build": "kg.pipeline",
    "build_graph": "kg.pipeline",
    "explain": "kg.explain",
    "document_from_text": "kg.reader",
    "iter_documents": "kg.reader",
    "run_query": "kg.query",
}

if TYPE_CHECKING:
    from kg.explain import explain
    from kg.extract.llm import LlmSettings
    from kg.pipeline import build, build_graph
    from kg.query import run_query
    from kg.reader import document_from_text, iter_documents


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
