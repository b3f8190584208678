"""Frames: what a predicate of French states, as data.

A frame says: this verb (or noun), with its arguments in these roles (see
:mod:`kg.extract.syntax`), states this property of the ontology between them. The frames live
in ``kg/extract/frames/*.toml``; each carries sentences of its own that it must read and
sentences it must not read, which ``tests/test_frames.py`` runs one by one::

    [[frame]]
    id = "defeat"
    label = "X a battu Y, Y a été battu par X"
    kind = "verb"
    lemmas = ["battre", "vaincre"]
    property = "defeated"
    subject = "agent"
    object = "theme"
    reads = [["Joe Donnelly a battu Richard Mourdock.", "Joe Donnelly", "Richard Mourdock"]]
    skips = ["Le match a été battu en brèche."]

A frame of ``kind = "surface"`` is a regular expression over the sentence's surface
(``pattern``, with ``{s}`` and ``{o}`` for the two names, ``{det}`` and ``{de}`` for the
articles), for forms the parse does not give reliably ("X, aux États-Unis").

Keys: ``subject``/``object`` name the role that fills each side of the property (``agent``,
``theme``, ``attr``, ``holder``, ``mod``, ``self`` for a noun's own mention, ``time`` for a
date, or a preposition such as ``à``); ``subject_types``/``object_types`` narrow the
ontology's domain and range (a class admits its subclasses), ``subject_excludes`` and
``object_excludes`` rule types out; ``trigger_types`` makes a noun
frame apply to any noun whose own mention has one of these types (any event noun, say);
``requires = { theme = ["victoire"] }`` asks for one of these words in a role ("concéder
la victoire à X"); ``lemmas = ["*"]`` makes it apply to any noun that heads no description (with
``trigger_types``, also to those that head one of these types);
``confidence`` is the prior before calibration; ``hedged`` says what to do with a reported or
conditional clause ("lower", the default, or "skip"); ``former`` what to do with a noun said
of the past, "l'ancien ministre" ("skip", the default, or "keep": a position once held is
still a position held).
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from importlib.resources import files

from kg.errors import KgError
from kg.extract.syntax import Predicate, SentenceGraph
from kg.model import Attribute, EntityType, Relation, is_a

ROLES = frozenset({"agent", "theme", "subj", "attr", "holder", "mod", "self", "time"})
#: prepositions a role may name
PREPOSITIONS = frozenset({
    "à", "de", "en", "dans", "sur", "sous", "pour", "contre", "avec", "chez", "vers", "depuis",
    "entre", "par", "près de", "face à", "lors de", "auprès de", "au sein de", "à bord de",
    "hors de", "jusqu'à", "parmi", "malgré", "après", "avant", "pendant", "durant",
})
#: a reported or conditional statement is less certain
HEDGED_FACTOR = 0.7


class FrameError(KgError):
    """A frame file is malformed."""


@dataclass(frozen=True, slots=True)
class Frame:
    id: str
    label: str
    kind: str  # "verb" or "noun"
    lemmas: frozenset[str]
    states: Relation | Attribute  # the property (key "property" in the frame files)
    subject: str
    object: str
    subject_types: frozenset[EntityType] | None = None
    object_types: frozenset[EntityType] | None = None
    #: types (and their subclasses) the subject must not have: a company's place is its seat
    subject_excludes: frozenset[EntityType] | None = None
    #: the same for the object: "X, de l'Observatoire Y" is a member, "X, de Renault" staff
    object_excludes: frozenset[EntityType] | None = None
    trigger_types: frozenset[EntityType] | None = None
    confidence: float = 0.75
    hedged: str = "lower"
    former: str = "skip"
    #: roles that must be filled by one of these lemmas: {"theme": ("victoire",)}
    requires: tuple[tuple[str, frozenset[str]], ...] = ()
    reads: tuple[tuple[str, str, str], ...] = ()
    skips: tuple[str, ...] = ()
    #: for a surface frame: the regular expression over the sentence's surface
    pattern: re.Pattern[str] | None = None

    @property
    def extractor(self) -> str:
        return f"frame-{self.id}"


@dataclass(frozen=True, slots=True)
class FrameHit:
    frame: Frame
    subject: int  # mention id
    object: int | str  # mention id, or an ISO date for a ``time`` role
    sentence: int
    hedged: bool
    predicate: int  # trigger token


_KEYS = {"id", "label", "kind", "lemmas", "property", "subject", "object", "subject_types",
         "subject_excludes", "object_excludes", "pattern",
         "object_types", "trigger_types", "confidence", "hedged", "former", "requires", "reads",
         "skips"}


def _types(raw: object, where: str) -> frozenset[EntityType] | None:
    if raw is None:
        return None
    if not isinstance(raw, list) or not raw:
        raise FrameError(f"{where}: a type list must be a non-empty list of class names")
    try:
        return frozenset(EntityType(name) for name in raw)
    except ValueError as error:
        raise FrameError(f"{where}: {error}") from error


def _role(raw: object, where: str) -> str:
    if not isinstance(raw, str) or not (raw in ROLES or raw in PREPOSITIONS):
        raise FrameError(f"{where}: unknown role {raw!r} (roles: {sorted(ROLES)} or a "
                         "preposition)")
    return raw


def parse_frame(raw: dict[str, object], source: str) -> Frame:
    """Check one ``[[frame]]`` table and build the :class:`Frame`."""
    where = f"{source}: frame {raw.get('id', '?')!r}"
    unknown = set(raw) - _KEYS
    if unknown:
        raise FrameError(f"{where}: unknown key(s) {sorted(unknown)}")
    for key in ("id", "label", "kind", "property", "subject", "object"):
        if not isinstance(raw.get(key), str) or not raw[key]:
            raise FrameError(f"{where}: '{key}' is required (a string)")
    kind = str(raw["kind"])
    if kind not in {"verb", "noun", "surface"}:
        raise FrameError(f"{where}: kind is 'verb', 'noun' or 'surface', not {kind!r}")
    pattern = None
    if kind == "surface":
        pattern = _surface_pattern(raw.get("pattern"), where)
        raw = {**raw, "lemmas": raw.get("lemmas", ["*"])}
    name = str(raw["property"])
    prop: Relation | Attribute
    if name in Relation.__members__.values():
        prop = Relation(name)
    elif name in Attribute.__members__.values():
        prop = Attribute(name)
    else:
        raise FrameError(f"{where}: {name!r} is no property of the ontology")
    lemmas = raw.get("lemmas", [])
    trigger_types = _types(raw.get("trigger_types"), where)
    if not isinstance(lemmas, list) or not all(isinstance(x, str) for x in lemmas) or (
            not lemmas and trigger_types is None):
        raise FrameError(f"{where}: 'lemmas' is a list of lemmas (or give 'trigger_types')")
    obj = _role(raw["object"], where) if kind != "surface" else str(raw["object"])
    if (obj == "time") != isinstance(prop, Attribute):
        raise FrameError(f"{where}: a date ('time') fills an attribute, an entity a relation")
    reads: list[tuple[str, str, str]] = []
    for example in raw.get("reads", []):  # type: ignore[attr-defined]
        if not (isinstance(example, list) and len(example) == 3
                and all(isinstance(x, str) for x in example)):
            raise FrameError(f"{where}: each 'reads' item is [sentence, subject, object]")
        reads.append((example[0], example[1], example[2]))
    skips = raw.get("skips", [])
    if not isinstance(skips, list) or not all(isinstance(x, str) for x in skips):
        raise FrameError(f"{where}: 'skips' is a list of sentences")
    if not reads:
        raise FrameError(f"{where}: a frame needs at least one sentence it reads")
    hedged = raw.get("hedged", "lower")
    if hedged not in {"lower", "skip"}:
        raise FrameError(f"{where}: hedged is 'lower' or 'skip'")
    requires_raw = raw.get("requires", {})
    if not isinstance(requires_raw, dict) or not all(
            isinstance(v, list) and all(isinstance(x, str) for x in v)
            for v in requires_raw.values()):
        raise FrameError(f"{where}: 'requires' maps a role to a list of lemmas")
    requires = tuple((_role(role, where), frozenset(x.lower() for x in lemmas_))
                     for role, lemmas_ in sorted(requires_raw.items()))
    former = raw.get("former", "skip")
    if former not in {"keep", "skip"}:
        raise FrameError(f"{where}: former is 'keep' or 'skip'")
    confidence = raw.get("confidence", 0.75)
    if not isinstance(confidence, int | float) or not 0 < confidence <= 1:
        raise FrameError(f"{where}: confidence is a number in (0, 1]")
    return Frame(
        id=str(raw["id"]), label=str(raw["label"]), kind=kind,
        lemmas=frozenset(x.lower() for x in lemmas), states=prop,
        subject=_role(raw["subject"], where) if kind != "surface" else str(raw["subject"]),
        object=obj,
        subject_types=_types(raw.get("subject_types"), where),
        subject_excludes=_types(raw.get("subject_excludes"), where),
        object_excludes=_types(raw.get("object_excludes"), where),
        object_types=_types(raw.get("object_types"), where),
        trigger_types=trigger_types, confidence=float(confidence), hedged=str(hedged),
        former=str(former), requires=requires, pattern=pattern,
        reads=tuple(reads), skips=tuple(skips),
    )


#: macros a surface pattern may use: the two slots, and common words
_MACROS = {
    "{s}": r"@m(?P<s>\d+)(?!\d)",
    "{o}": r"@m(?P<o>\d+)(?!\d)",
    "{det}": r"(?:(?:le|la|les|l'|un|une|des) )?",
    "{de}": r"(?:de la|de l'|du|des|de|d')",
}


def _surface_pattern(raw: object, where: str) -> re.Pattern[str]:
    """A surface frame's pattern: words lower-cased and separated by one space, names as
    ``{s}`` and ``{o}`` (see :mod:`kg.extract.surface`)."""
    if not isinstance(raw, str) or "{s}" not in raw or "{o}" not in raw:
        raise FrameError(f"{where}: a surface frame needs a 'pattern' with {{s}} and {{o}}")
    text = raw
    for macro, value in _MACROS.items():
        text = text.replace(macro, value)
    try:
        return re.compile(text)
    except re.error as error:
        raise FrameError(f"{where}: pattern does not compile: {error}") from error


@functools.cache
def load_frames() -> tuple[Frame, ...]:
    """Every frame of ``kg/extract/frames/*.toml``, checked; ids are unique."""
    folder = files("kg.extract") / "frames"
    frames: list[Frame] = []
    for resource in sorted(folder.iterdir(), key=lambda r: r.name):
        if not resource.name.endswith(".toml"):
            continue
        try:
            data = tomllib.loads(resource.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as error:
            raise FrameError(f"{resource.name}: {error}") from error
        for raw in data.get("frame", []):
            frames.append(parse_frame(raw, resource.name))
    seen: set[str] = set()
    for frame in frames:
        if frame.id in seen:
            raise FrameError(f"frame id {frame.id!r} is used twice")
        seen.add(frame.id)
    return tuple(frames)


@functools.cache
def _index() -> tuple[dict[tuple[str, str], tuple[Frame, ...]], tuple[Frame, ...]]:
    by_lemma: dict[tuple[str, str], list[Frame]] = {}
    typed: list[Frame] = []
    for frame in load_frames():
        if frame.kind == "surface":
            continue
        for lemma in frame.lemmas:
            by_lemma.setdefault((frame.kind, lemma), []).append(frame)
        if not frame.lemmas:
            typed.append(frame)
    return {k: tuple(v) for k, v in by_lemma.items()}, tuple(typed)


def frames_for(predicate: Predicate, own_types: set[EntityType]) -> list[Frame]:
    """The frames a predicate may fill: those of its lemma, and for a noun whose own mention
    is typed, the frames of that type."""
    by_lemma, typed = _index()
    found = list(by_lemma.get((predicate.kind, predicate.lemma), ()))
    # a frame for any noun or verb ("*"): not for offices and events, unless it names their
    # type ("le sénateur démocrate X": the party of an office's holder)
    found += [f for f in by_lemma.get((predicate.kind, "*"), ())
              if not own_types or (f.trigger_types is not None and any(
                  admits(f.trigger_types, t) for t in own_types))]
    if predicate.kind == "noun" and own_types:
        found += [f for f in typed if f.trigger_types is not None and any(
            is_a(t, allowed) for t in own_types for allowed in f.trigger_types)]
    return found


def admits(allowed: frozenset[EntityType] | None, etype: EntityType) -> bool:
    return allowed is None or any(is_a(etype, a) for a in allowed)


@dataclass(frozen=True, slots=True)
class Trial:
    """One frame tried on one predicate, and what came of it (for ``kg explain``)."""

    frame: str
    predicate: int  # token
    fired: bool
    reason: str
    #: for a frame that fired: the mention ids (or the date) it linked
    subject: int | None = None
    object: int | str | None = None


def match(graph: SentenceGraph, types: dict[int, EntityType], dates: dict[int, str],
          trace: list[Trial] | None = None) -> Iterator[FrameHit]:
    """Every frame a predicate of the sentence fills. ``types`` maps a mention id to its
    type; ``dates`` maps a token of a date expression to its ISO value. With ``trace``, each
    frame tried is recorded with what came of it."""
    sentence = graph.sentence.index

    def note(frame: Frame, predicate: Predicate, fired: bool, reason: str,
             subject: int | None = None, obj: int | str | None = None) -> None:
        if trace is not None:
            trace.append(Trial(frame.id, predicate.token, fired, reason, subject, obj))

    def name(ident: int | str) -> str:
        if isinstance(ident, str):
            return ident
        s, e = graph.spans[ident]
        return " ".join(graph.tokens[k].text for k in range(s, e))

    for predicate in graph.predicates():
        # the description or office the predicate heads (not one it is only a word of)
        own = {m for m in graph.token_mentions.get(predicate.token, [])
               if graph.spans[m][0] == predicate.token or graph.head_mention(m)
               == predicate.token}
        own_types = {types[m] for m in own if m in types}
        for frame in frames_for(predicate, own_types):
            if frame.trigger_types is not None and (not frame.lemmas or "*" in frame.lemmas) \
                    and own_types and not any(admits(frame.trigger_types, t)
                                              for t in own_types):
                continue
            if predicate.negated:
                note(frame, predicate, False, "the clause is negated")
                continue
            if predicate.hedged and frame.hedged == "skip":
                note(frame, predicate, False, "the clause is reported or conditional")
                continue
            if predicate.former and frame.former == "skip":
                note(frame, predicate, False, "the noun is said of the past (ancien, ex-)")
                continue
            missing_word = next((role for role, lemmas in frame.requires if not any(
                graph.tok(t).lemma.lower() in lemmas for t in predicate.role(role))), None)
            if missing_word is not None:
                note(frame, predicate, False, f"no {sorted(dict(frame.requires)[missing_word])}"
                     f" as '{missing_word}'")
                continue
            subjects = _fill(graph, predicate, frame.subject, own, dates)
            objects = _fill(graph, predicate, frame.object, own, dates)
            if not subjects or not objects:
                missing = frame.subject if not subjects else frame.object
                roles = sorted({a.role for a in predicate.args})
                note(frame, predicate, False,
                     f"no entity in role '{missing}' (roles found: {', '.join(roles) or '-'})")
                continue
            fired = False
            for subject in subjects:
                if not isinstance(subject, int) or subject not in types:
                    continue
                if not admits(frame.subject_types, types[subject]) or (
                        frame.subject_excludes is not None
                        and admits(frame.subject_excludes, types[subject])):
                    note(frame, predicate, False, f"subject {name(subject)!r} is a "
                         f"{types[subject].value}, not {_names(frame.subject_types)}"
                         + (f" but {_names(frame.subject_excludes)}"
                            if frame.subject_excludes else ""))
                    continue
                for obj in objects:
                    if isinstance(obj, int):
                        if obj == subject or obj not in types:
                            continue
                        if not admits(frame.object_types, types[obj]) or (
                                frame.object_excludes is not None
                                and admits(frame.object_excludes, types[obj])):
                            note(frame, predicate, False, f"object {name(obj)!r} is a "
                                 f"{types[obj].value}, not {_names(frame.object_types)}"
                                 + (f" but {_names(frame.object_excludes)}"
                                    if frame.object_excludes else ""))
                            continue
                    fired = True
                    note(frame, predicate, True, f"{name(subject)} -> {name(obj)}", subject,
                         obj)
                    yield FrameHit(frame, subject, obj, sentence, predicate.hedged,
                                   predicate.token)
            if not fired and trace is not None and not any(
                    t.frame == frame.id and t.predicate == predicate.token for t in trace):
                note(frame, predicate, False, "subject and object are the same entity")


def _names(allowed: frozenset[EntityType] | None) -> str:
    return " or ".join(sorted(t.value for t in allowed)) if allowed else "any"


def _fill(graph: SentenceGraph, predicate: Predicate, role: str, own: set[int],
          dates: dict[int, str]) -> list[int | str]:
    if role == "self":
        return sorted(own)
    if role == "time":
        # a date the predicate itself governs ("le 5 juillet 1962", "en 2006", "de dimanche
        # 17 juin"), not one inside another complement ("au référendum du 1er juillet")
        found: list[int | str] = []
        for arg in predicate.args:
            tokens = [arg.token]
            if arg.role in {"time", "obl"}:
                tokens += graph.kids(arg.token, "nmod")
            for token in tokens:
                if token in dates and dates[token] not in found:
                    found.append(dates[token])
        return found
    out: list[int | str] = []
    tokens = predicate.role(role)
    if predicate.kind == "noun" and role in PREPOSITIONS:
        # a noun's complement is its closest one: "le président du directoire de X" is the
        # chair of the board, not of X
        after = sorted(t for t in tokens if t > predicate.token)
        tokens = after[:1] or tokens[:1]
    for token in tokens:
        # a participle speaks of the one name it follows, not of those coordinated with it
        # ("la Biscuiterie du Léon, installée à Quimper, et les Laiteries Saint-Aubin")
        single = any(a.token == token and a.via == "participle" for a in predicate.args)
        for ident in (graph.mentions_at(token) if not single
                      else graph.mentions_at(token)[:1]):
            if ident not in own and ident not in out:
                out.append(ident)
    return out


def surface_frames() -> tuple[Frame, ...]:
    return tuple(f for f in load_frames() if f.kind == "surface")


def match_surface(text: str, sentence: int, types: dict[int, EntityType],
                  trace: list[Trial] | None = None, first_token: int = 0,
                  names: set[int] | None = None) -> Iterator[FrameHit]:
    """The surface frames that match a sentence's surface (names as ``@m<id>``). With
    ``names``, only those mentions fill a slot (not "la coopérative" resolved to a name)."""
    for frame in surface_frames():
        assert frame.pattern is not None
        for found in frame.pattern.finditer(text):
            subject, obj = int(found.group("s")), int(found.group("o"))
            if subject not in types or obj not in types or subject == obj:
                continue
            if names is not None and (subject not in names or obj not in names):
                continue
            why = None
            if not admits(frame.subject_types, types[subject]) or (
                    frame.subject_excludes is not None
                    and admits(frame.subject_excludes, types[subject])):
                why = f"subject is a {types[subject].value}"
            elif not admits(frame.object_types, types[obj]) or (
                    frame.object_excludes is not None
                    and admits(frame.object_excludes, types[obj])):
                why = f"object is a {types[obj].value}"
            if trace is not None:
                trace.append(Trial(frame.id, first_token, why is None, why or "matched",
                                   subject if why is None else None,
                                   obj if why is None else None))
            if why is None:
                yield FrameHit(frame, subject, obj, sentence, False, first_token)
