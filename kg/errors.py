"""Errors kg reports to its users. The CLI prints ``str(error)`` on one line and exits non-zero."""

from __future__ import annotations


class KgError(Exception):
    """Base class: a problem with the user's input or environment, not a bug in kg."""


class InputError(KgError):
    """An input article cannot be read (missing, empty, binary, a directory with no article)."""


class OutputError(KgError):
    """The output folder cannot take the build (a file, not writable, an input, locked)."""


class QueryError(KgError):
    """A SPARQL query or the graph it runs on is malformed; the message gives the position."""


class OntologyError(KgError):
    """The ontology or shapes shipped with kg cannot be loaded."""


class PushError(KgError):
    """A graph could not be pushed to a triple store: the source, the endpoint, the
    credentials or the server (the message never holds the password)."""
