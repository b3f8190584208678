"""Deterministic IRIs: the same label gives the same IRI in every run, on every machine."""

from __future__ import annotations

import hashlib
import re
import unicodedata

MAX_SLUG = 64


def digest(*parts: str, length: int = 16) -> str:
    """A short, stable hex digest of ``parts``."""
    h = hashlib.sha256("\x1f".join(parts).encode("utf-8"))
    return h.hexdigest()[:length]


def slug(label: str) -> str:
    """"Tim Cook" -> "tim-cook"; "Société Générale" -> "societe-generale".

    Always a non-empty string of ``[a-z0-9-]`` that is safe as the local part of an IRI and of
    a Turtle prefixed name. Labels with no Latin letter or digit get a hash-based slug; long
    labels are cut and keep a hash of the whole so that two long labels never collide.
    """
    text = unicodedata.normalize("NFKD", label)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("œ", "oe").replace("Œ", "oe").replace("æ", "ae").replace("ß", "ss")
    text = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    if not text:
        return "e-" + digest(label, length=12)
    if len(text) > MAX_SLUG:
        text = text[:MAX_SLUG].rstrip("-") + "-" + digest(label, length=8)
    if text[0].isdigit():
        text = "n" + text
    return text
