"""Markdown to plain text, and the language of a text.

Both are read stage helpers (:mod:`kg.reader`): Markdown is parsed with markdown-it-py (a
CommonMark parser), so link targets, image addresses, emphasis markers and code fences never
reach the text kg reads; the language is told by py3langid, which ships its model.
"""

from __future__ import annotations

import functools
import re
from typing import Any

__all__ = ["detect_language", "markdown_to_text", "strip_inline_links"]

_BLOCK_OPEN = {"paragraph_open", "heading_open", "list_item_open", "blockquote_open",
               "table_open", "tr_open"}


def markdown_to_text(source: str) -> tuple[str, str | None]:
    """The text of a Markdown document, one paragraph per block (blank line between them),
    and its title (the first heading of level 1 or 2, else ``None``)."""
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark").enable("table")
    tokens = parser.parse(source)
    blocks: list[str] = []
    title: str | None = None
    heading_level = 0
    for token in tokens:
        if token.type == "heading_open":
            heading_level = int(token.tag[1:]) if token.tag[1:].isdigit() else 6
        elif token.type == "heading_close":
            heading_level = 0
        elif token.type == "inline":
            text = _inline_text(token.children or [])
            if not text.strip():
                continue
            if heading_level in (1, 2) and title is None:
                title = " ".join(text.split())
            blocks.append(text.strip())
        elif token.type in {"fence", "code_block"}:
            code = token.content.strip()
            if code:
                blocks.append(code)
    return "\n\n".join(blocks), title


def _inline_text(children: list[Any]) -> str:
    out: list[str] = []
    for child in children:
        kind = child.type
        if kind in {"text", "code_inline"}:
            out.append(child.content)
        elif kind in {"softbreak"}:
            out.append(" ")
        elif kind == "hardbreak":
            out.append("\n")
        elif kind == "image":
            out.append(_inline_text(child.children or []) or child.content)
        elif kind == "html_inline":
            continue
    return "".join(out)


#: "[Infodream](https://example.com)" in a plain-text file: the link's words only
_INLINE_LINK = re.compile(
    r"!?\[([^\[\]\n]{1,200})\]\((?:[^()\s]|\([^()\s]*\))+(?:\s+\"[^\"\n]*\")?\)")


def strip_inline_links(text: str) -> str:
    """Markdown links left in a plain-text article keep their words, lose their target."""
    return _INLINE_LINK.sub(lambda m: m.group(1), text)


@functools.cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


#: how much of a long text is enough to tell its language
_SAMPLE = 4000


def detect_language(text: str) -> tuple[str | None, float]:
    """The ISO 639-1 code of the text's language and the model's probability for it, or
    ``(None, 0.0)`` when the text has too few letters to tell (numbers, a list of names)."""
    sample = text[:_SAMPLE]
    letters = sum(ch.isalpha() for ch in sample)
    if letters < 40:
        return None, 0.0
    language, probability = _identifier().classify(sample)
    return str(language), float(probability)
