"""Every frame reads the sentences it carries, and none of the sentences it must not read.

The frames are data (``kg/extract/frames/*.toml``); their examples are their tests. A frame
that stops reading its own example fails here, named by its id.
"""

from __future__ import annotations

import pytest

from kg.errors import KgError
from kg.extract.frames import Frame, FrameError, load_frames, parse_frame
from kg.model import Attribute

FRAMES = load_frames()
READS = [(frame, example) for frame in FRAMES for example in frame.reads]
SKIPS = [(frame, text) for frame in FRAMES for text in frame.skips]


def _norm(text: str) -> str:
    return " ".join(text.replace("’", "'").casefold().split())


def _names(mention) -> set[str]:
    return {_norm(mention.text), _norm(mention.referent.name)}


def _found(text: str, frame: Frame) -> set[tuple[str, str]]:
    """(subject, object) pairs the frame linked in ``text``, by surface text and by name.
    The frame's own reading is checked, before another extractor's reading of the same fact
    may replace it."""
    from kg.extract import extract
    from kg.extract.clauses import ReadingTrace
    from kg.nlp import parse
    from kg.reader import document_from_text

    trace = ReadingTrace()
    extract(parse(document_from_text(text, date="2012-06-21")), trace)
    pairs: set[tuple[str, str]] = set()
    for trial in trace.trials:
        if trial.frame != frame.id or not trial.fired or trial.subject is None:
            continue
        objects = ({_norm(trial.object)} if isinstance(trial.object, str)
                   else _names(trace.mentions[trial.object]))
        for s in _names(trace.mentions[trial.subject]):
            pairs |= {(s, o) for o in objects}
    return pairs


@pytest.mark.slow
@pytest.mark.parametrize(("frame", "example"), READS,
                         ids=[f"{f.id}:{e[0][:40]}" for f, e in READS])
def test_frame_reads_its_sentence(frame: Frame, example: tuple[str, str, str]) -> None:
    text, subject, obj = example
    found = _found(text, frame)
    assert (_norm(subject), _norm(obj)) in found, f"{frame.id} read {sorted(found)}"


@pytest.mark.slow
@pytest.mark.parametrize(("frame", "text"), SKIPS, ids=[f"{f.id}:{t[:40]}" for f, t in SKIPS])
def test_frame_skips_its_counterexample(frame: Frame, text: str) -> None:
    assert not _found(text, frame)


def test_frame_ids_are_unique_and_every_frame_has_an_example() -> None:
    ids = [f.id for f in FRAMES]
    assert len(ids) == len(set(ids))
    assert all(f.reads for f in FRAMES)


def test_date_frames_fill_attributes() -> None:
    for frame in FRAMES:
        assert (frame.object == "time") == isinstance(frame.states, Attribute), frame.id


@pytest.mark.parametrize(("raw", "message"), [
    ({"id": "x", "label": "x", "kind": "verb", "lemmas": ["battre"], "property": "beats",
      "subject": "agent", "object": "theme", "reads": [["a", "b", "c"]]}, "no property"),
    ({"id": "x", "label": "x", "kind": "verb", "lemmas": ["battre"], "property": "defeated",
      "subject": "agnt", "object": "theme", "reads": [["a", "b", "c"]]}, "unknown role"),
    ({"id": "x", "label": "x", "kind": "verb", "lemmas": ["battre"], "property": "defeated",
      "subject": "agent", "object": "theme"}, "at least one sentence"),
    ({"id": "x", "label": "x", "kind": "verb", "lemmas": ["battre"], "property": "defeated",
      "subject": "agent", "object": "time", "reads": [["a", "b", "c"]]}, "date"),
    ({"id": "x", "label": "x", "kind": "verb", "lemmas": ["battre"], "property": "defeated",
      "subject": "agent", "object": "theme", "reads": [["a", "b", "c"]], "colour": 1},
     "unknown key"),
    ({"id": "x", "label": "x", "kind": "verb", "lemmas": ["battre"], "property": "defeated",
      "subject": "agent", "object": "theme", "subject_types": ["Human"],
      "reads": [["a", "b", "c"]]}, "Human"),
])
def test_malformed_frames_are_refused_with_a_clear_message(raw: dict, message: str) -> None:
    with pytest.raises(FrameError, match=message) as caught:
        parse_frame(raw, "test.toml")
    assert isinstance(caught.value, KgError)
    assert "\n" not in str(caught.value)
