"""Predicate-argument structure of a sentence, read off spaCy's dependency parse.

A :class:`Predicate` is a verb, a noun or an adjective with its arguments, each under a
*role* that no longer depends on the surface form:

- ``agent`` and ``theme``: the logical subject and object. "X a battu Y", "Y a été battu par
  X" and "Y, battu par X" all give agent X, theme Y. Relative clauses ("X, qui a battu Y"),
  participles ("X, élu en 2012"), coordinated verbs ("X a fondé Y et dirige Z") and control
  ("X a refusé de rejoindre Y") hand the subject on.
- a preposition (``à``, ``de``, ``en``, ``dans``, ``contre``, ``près de``, ...): the
  argument it introduces, contractions undone ("au" is ``à``, "du" is ``de``).
- ``subj``: the surface subject, whatever the voice (for verbs such as "mourir", "naître",
  whose one argument the parser calls a subject or a passive subject).
- ``attr``: a predicative complement ("X a été nommé ministre", "X, élu président").
- for nouns, ``holder``: who the noun describes ("X, ministre de Y", "le président X",
  "X est le président de Y"), and ``mod``: an adjective on the noun ("le président égyptien").

Arguments are token indices; :class:`SentenceGraph` maps a token to the mentions it stands
for (a name, a pronoun resolved by coreference, "qui" to its antecedent, "le banquier X" to
X), following coordination ("X et Y").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from kg.extract.lexicon import RELATIVE_PERSON_NOUNS
from kg.model import ParsedDocument, Token

#: contractions and their preposition
_PREPOSITIONS = {"au": "à", "aux": "à", "du": "de", "des": "de", "d'": "de", "d’": "de"}
#: a relative pronoun stands for the noun its clause modifies
#: nouns that, as a verb's object, make one predicate with it: "concéder la victoire à",
#: "prendre le contrôle de", "rendre hommage à", "porter plainte contre"
LIGHT_NOUNS = frozenset({"victoire", "défaite", "contrôle", "hommage", "plainte", "part",
                         "partie", "lieu", "visite", "responsabilité", "tête", "direction",
                         "présidence", "commandement", "rôle", "titre"})
#: first words of compound prepositions the parser may tag as nouns or adverbs
_PREPOSITION_HEADS = {"face", "près", "lors", "grâce", "auprès", "autour", "loin", "hors",
                      "afin", "jusqu'", "jusque", "au-delà", "en-dehors", "vis-à-vis"}
_COMPOUNDS = {"face à", "près de", "lors de", "grâce à", "auprès de", "autour de", "loin de",
              "hors de", "au sein de", "à bord de", "en face de", "à côté de", "au cours de",
              "à cause de", "en raison de", "à partir de", "en présence de"}
_RELATIVE = {"qui", "que", "qu'", "qu’", "lequel", "laquelle", "lesquels", "lesquelles", "dont",
             "où", "auquel", "auxquels", "duquel"}
#: nouns that classify the name after them: "la ville de Lagos" is Lagos
CLASSIFIERS = frozenset({
    "ville", "province", "région", "commune", "pays", "état", "île", "département", "quartier",
    "localité", "village", "capitale", "district", "comté", "banlieue", "territoire", "cité",
    "archipel", "république", "royaume", "émirat", "principauté", "agglomération", "vallée",
    "préfecture", "oblast", "canton", "arrondissement", "municipalité", "métropole",
})
_NOMINAL = {"NOUN", "PROPN", "PRON", "NUM", "X"}
#: nouns of a group named by the name after "de": "le parti des Frères musulmans" (only a
#: name: "le parti de Marine Le Pen" is hers, which the name's type tells the frames)
_GROUP_NOUNS = {"parti", "mouvement", "organisation", "coalition", "alliance", "front", "club"}
#: nouns of a post that stand for the office they name: "le poste de ministre des Finances"
_POSTS = {"poste", "fonction", "fonctions", "charge", "mandat", "rang"}
#: a conditional the tagger may miss: "exigerait", "aurait", "prendraient" (not the
#: imperfect "déclarait", "mettait")
_CONDITIONAL = re.compile(r"(?:er|ir|dr|rr|ur|vr|tr)ai(?:t|ent|s)$")
_RELATIVE_PERSON = re.compile(rf"^(?:{RELATIVE_PERSON_NOUNS})$")
#: relations a name right after a verb gets when the tagger misread its first word
_MISPARSED_OBJECT = {"xcomp", "ccomp", "conj", "dep", "advcl", "parataxis", "appos", "acl"}
#: how a surface subject is found: "subj" in a frame means any of these
SUBJECT_VIAS = frozenset({"nsubj", "nsubj:pass", "csubj", "conj", "control", "participle",
                          "advcl"})
_FORMER = {"ancien", "ancienne", "anciens", "anciennes", "ex", "ex-", "feu", "défunt",
           "défunte"}
_PARTICIPLE = "VerbForm=Part"


@dataclass(frozen=True, slots=True)
class Argument:
    role: str  # "agent", "theme", "attr", "holder", "mod", or a preposition
    token: int  # head token of the argument phrase
    via: str  # the dependency (or construction) it was found through


@dataclass(frozen=True, slots=True)
class Predicate:
    token: int  # the trigger token
    lemma: str  # lower-cased lemma ("battre", "président")
    kind: str  # "verb" or "noun"
    passive: bool
    negated: bool
    #: the clause is only reported or supposed ("aurait été tué", "selon X")
    hedged: bool
    args: tuple[Argument, ...]
    #: a noun qualified as past: "l'ancien ministre", "l'ex-conseiller"
    former: bool = False

    def role(self, name: str) -> list[int]:
        if name == "subj":  # the surface subject, whatever the voice
            return [a.token for a in self.args if a.via in SUBJECT_VIAS]
        return [a.token for a in self.args if a.role == name]


class SentenceGraph:
    """The parse of one sentence with its mentions: children lists, token -> mention ids, and
    the predicates. ``spans`` maps a mention id to its token range (start, end)."""

    def __init__(self, parsed: ParsedDocument, index: int,
                 spans: dict[int, tuple[int, int]], names: frozenset[int] = frozenset(),
                 headed: frozenset[int] = frozenset()) -> None:
        self.parsed = parsed
        self.sentence = parsed.sentences[index]
        self.tokens = parsed.tokens
        start, end = self.sentence.start, self.sentence.end
        self.range = range(start, end)
        self.children: dict[int, list[int]] = {i: [] for i in self.range}
        for i in self.range:
            head = self.tokens[i].head
            if head != i and head in self.children:
                self.children[head].append(i)
        #: token -> the mention ids whose span holds it (the shortest first)
        self.token_mentions: dict[int, list[int]] = {}
        inside = sorted(((ident, s, e) for ident, (s, e) in spans.items()
                         if start <= s < end), key=lambda m: m[2] - m[1])
        for ident, s, e in inside:
            for i in range(s, min(e, end)):
                self.token_mentions.setdefault(i, []).append(ident)
        self.spans = {ident: (s, e) for ident, s, e in inside}
        #: tokens inside a proper name: no predicate there, whatever the tagger says
        #: ("Yasser" tagged as a verb)
        #: names, and names headed by a common noun ("la place Tahrir"): any of their words
        #: stands for them; only the first are opaque (no predicate inside)
        # (only this sentence's: a long article has many names and many sentences)
        here = self.spans.keys()
        self.names = (names | headed) & here
        self._headed = headed & here
        self.opaque = {i for ident in (names - headed) & here
                       for i in range(*self.spans[ident])}
        #: the first token of each name -> the name
        self.names_at = {self.spans[ident][0]: ident for ident in names & here}
        self._predicates: list[Predicate] | None = None
        self._sourced: dict[int, bool] = {}

    # --- tokens ---------------------------------------------------------------------------

    def tok(self, i: int) -> Token:
        return self.tokens[i]

    def kids(self, i: int, *deps: str) -> list[int]:
        """Children of ``i`` whose relation is one of ``deps`` (or starts with one ending in
        ':'), all children without ``deps``."""
        found = self.children.get(i, [])
        if not deps:
            return list(found)
        wanted = set(deps)
        tokens = self.tokens
        return [c for c in found
                if tokens[c].dep in wanted or tokens[c].dep.split(":", 1)[0] in wanted]

    def preposition(self, i: int) -> str | None:
        """The preposition that introduces the phrase headed by ``i`` ("au" -> "à",
        "près de", "face à", "lors de"; "à la tête de" is "à")."""
        cases = [c for c in self.kids(i, "case", "mark") if c < i]
        words: list[str] = []
        for child in cases:
            token = self.tokens[child]
            text = token.text.lower().replace("’", "'")
            if token.pos in {"ADP", "SCONJ"} or text in _PREPOSITIONS:
                words.append(_PREPOSITIONS.get(text, text))
                words += [_PREPOSITIONS.get(self.tokens[f].text.lower(),
                                            self.tokens[f].text.lower())
                          for f in self.kids(child, "fixed")]
            elif text in _PREPOSITION_HEADS:  # "face au", "près de", the parser's "case"
                words.append(text)
                words += [_PREPOSITIONS.get(self.tokens[f].text.lower(),
                                            self.tokens[f].text.lower())
                          for f in self.kids(child, "fixed")]
        if not words:
            return None
        phrase = " ".join(words).replace("' ", "'")
        if words[0] in _PREPOSITION_HEADS or (len(words) > 1 and " ".join(words) in _COMPOUNDS):
            return phrase
        return words[0] if words[0] not in _PREPOSITION_HEADS else phrase

    def mentions_at(self, i: int) -> list[int]:
        """The mentions the phrase headed by token ``i`` stands for, coordinated ones
        included: "X et Y" gives both."""
        found: list[int] = []
        seen: set[int] = set()
        for head in self._conjuncts(i):
            for ident in self._referents(head, depth=0):
                if ident not in seen:
                    seen.add(ident)
                    found.append(ident)
        return found

    def head_mention(self, ident: int) -> int | None:
        """The token of a mention whose head lies outside the mention: how the mention
        attaches to the rest of the sentence."""
        span = self.spans.get(ident)
        if span is None:
            return None
        s, e = span
        outside = [i for i in range(s, e) if not s <= self.tokens[i].head < e
                   or self.tokens[i].head == i]
        if not outside:
            return s
        # prefer a nominal that is not punctuation
        for i in outside:
            if self.tokens[i].pos != "PUNCT":
                return i
        return outside[0]

    def _conjuncts(self, i: int) -> list[int]:
        out = [i]
        todo = [i]
        while todo:
            current = todo.pop()
            for child in self.kids(current, "conj"):
                if self.tokens[child].pos in _NOMINAL | {"ADJ"} and child not in out:
                    out.append(child)
                    todo.append(child)
        return out

    def _referents(self, i: int, depth: int) -> list[int]:
        if depth > 3:
            return []
        for ident in self.token_mentions.get(i, []):
            # the shortest mention over the token: any word of a name stands for it, but a
            # description (an event, an office) only by its head ("la ville de Homs" inside
            # "les combats dans la ville de Homs" is Homs, not the combats)
            if ident in self.names:
                s, e = self.spans[ident]
                if e - s == 1 and s > 0 and self.tokens[s - 1].pos == "DET":
                    # "le Portugais Cristiano Ronaldo", "l'Américain X": a one-word name
                    # before another name is a nationality that describes it
                    for child in self.kids(i, "appos", "flat", "flat:name", "nmod", "amod"):
                        if child == i + 1 and child in self.names_at and child != i:
                            return [self.names_at[child]]
                return [ident]
            if self.spans[ident][0] == i or self.head_mention(ident) == i:
                # "la sénatrice Claire McCaskill": the office names the person after it
                for child in self.kids(i, "appos", "flat"):
                    if child > i and child in self.token_mentions and self._adjacent(i, child):
                        named = self.token_mentions[child][0]
                        if named in self.names:
                            return [named]
                return [ident]
        token = self.tokens[i]
        word = token.text.lower()
        if word in _RELATIVE or "PronType=Rel" in token.morph:
            clause = token.head
            while clause != self.tokens[clause].head and not self.tokens[clause].dep.startswith(
                    "acl"):
                clause = self.tokens[clause].head
                if clause not in self.children:
                    return []
            if self.tokens[clause].dep.startswith("acl"):
                return self._referents(self.tokens[clause].head, depth + 1)
            return []
        if token.pos not in {"NOUN", "PROPN", "ADJ", "NUM", "X"}:
            return []
        # "le banquier Vassilis Rapanos", "M. Samaras", "le roman Germinal": a name that
        # identifies the noun
        for child in self.kids(i, "appos", "flat", "compound", "nmod", "amod"):
            if child < i:
                continue
            if self.tokens[child].dep.startswith("nmod") and self.preposition(child):
                continue
            if child in self.token_mentions and self._adjacent(i, child):
                named = self.token_mentions[child][0]
                if self.tokens[child].dep != "amod" or named in self.names:
                    return [named]
        # the same when the parser hung the name elsewhere: "la chaîne Al Jazeera"
        k = i + 1
        while k < self.range.stop and self.tokens[k].pos == "ADJ" and k not in self.names_at:
            k += 1
        if token.pos == "NOUN" and k in self.names_at and self.spans[self.names_at[k]][0] == k:
            return [self.names_at[k]]
        # "la ville de Lagos", "l'État du New Jersey", "le poste de ministre des Finances",
        # "le parti des Frères musulmans"
        lemma = token.lemma.lower()
        if lemma in CLASSIFIERS or lemma in _POSTS or lemma in _GROUP_NOUNS:
            for child in self.kids(i, "nmod"):
                if self.preposition(child) == "de" and child in self.token_mentions:
                    named = self.token_mentions[child][0]
                    if lemma in _GROUP_NOUNS and named not in self.names:
                        continue
                    return [named]
        return []

    def _adjacent(self, noun: int, name: int) -> bool:
        """Only modifiers of the noun (and a comma) stand between the noun and the name:
        "le sénateur démocrate Sherrod Brown", not "le président de la commission X"."""
        for k in range(noun + 1, name):
            token = self.tokens[k]
            if token.pos in {"ADJ", "PUNCT"} or token.text in {"M.", "Mme", "Mlle"}:
                continue
            if k in self.token_mentions:
                continue
            return False
        return True

    # --- predicates -----------------------------------------------------------------------

    def predicates(self) -> list[Predicate]:
        if self._predicates is None:
            self._predicates = list(self._build())
        return self._predicates

    def _build(self) -> Iterator[Predicate]:
        # a name heads no clause, but its phrase may say where it is: "l'Université de Lund,
        # en Suède", "Vallon, dans le Jura"
        for ident in sorted(self.names - self._headed):
            head = self.head_mention(ident)
            if head is None:
                continue
            s, e = self.spans[ident]
            if e - s == 1 and s > 0 and self.tokens[s - 1].pos == "DET" and any(
                    child == s + 1 and child in self.names_at
                    for child in self.kids(s, "appos", "flat", "flat:name", "nmod", "amod")):
                # "le Portugais Cristiano Ronaldo": the one-word name describes the next
                yield Predicate(token=s, lemma=self.tokens[s].lemma.lower(), kind="noun",
                                passive=False, negated=False, hedged=self._hedged(s),
                                args=(Argument("holder", s + 1, "apposition"),))
            args = []
            for child in self.kids(head):
                if s <= child < e:
                    continue
                dep = self.tokens[child].dep
                prep = self.preposition(child)
                if dep.startswith(("nmod", "obl")) and prep is not None:
                    args.append(Argument(prep, child, "name"))
            k = e + 1 if e < self.range.stop and self.tokens[e].text == "," else e
            if not args and k < self.range.stop and self.tokens[k].dep == "case":
                # "Selon X, de l'Observatoire Y", "a constaté X, du cabinet Y": the parser hung
                # the complement right after the name elsewhere (a conjunct, the verb)
                target = self.tokens[k].head
                prep = self.preposition(target)
                if target > k and prep is not None and self.mentions_at(target):
                    args.append(Argument(prep, target, "nearest"))
            if args:
                yield Predicate(token=head, lemma="", kind="noun", passive=False,
                                negated=False, hedged=self._hedged(head), args=tuple(args))
        for i in self.range:
            if i in self.opaque or self.tokens[i].dep in {"case", "mark", "fixed", "det"}:
                continue
            token = self.tokens[i]
            if token.pos == "VERB" or (token.pos == "AUX" and token.dep not in {
                    "aux", "aux:tense", "aux:pass", "cop"} and not token.dep.startswith("aux")):
                yield self._verb(i)
            elif token.pos in {"NOUN", "PROPN"} or (token.pos == "ADJ" and token.dep == "appos"):
                # ("X, mathématicien britannique": a noun the tagger took for an adjective)
                yield self._noun(i)
            elif (token.pos == "ADJ" and token.dep == "amod" and i in self.token_mentions
                  and i > 0 and self.tokens[i - 1].pos == "DET" and token.head == i + 1
                  and token.head in self.names_at):
                # "le républicain Connie Mack": a party or nationality word the tagger took for
                # an adjective of the name after it
                yield Predicate(token=i, lemma=token.lemma.lower(), kind="noun", passive=False,
                                negated=False, hedged=self._hedged(i),
                                args=(Argument("holder", token.head, "amod"),))

    def _verb(self, i: int) -> Predicate:
        token = self.tokens[i]
        # "est mort", "est arrivé": être with a verb of motion or state is no passive; the
        # parser says so by keeping a plain nsubj
        passive = bool(self.kids(i, "obl:agent")) or bool(
            self.kids(i, "aux:pass") and (self.kids(i, "nsubj:pass")
                                          or not self.kids(i, "nsubj")))
        args: list[Argument] = []
        has_subject = False
        for child in self.kids(i):
            dep = self.tokens[child].dep
            if dep in {"obj", "iobj"} and self.preposition(child) is not None:
                dep = "obl"  # "a perdu face à X": the parser's object has a preposition
            if dep in {"nsubj", "csubj"}:
                args.append(Argument("agent", child, dep))
                has_subject = True
            elif dep == "nsubj:pass":
                # (with "avoir", "a touché", the parser's passive subject is the agent)
                args.append(Argument("theme" if passive else "agent", child, dep))
                has_subject = True
            elif dep == "obj":
                args.append(Argument("theme", child, dep))
            elif dep == "obl:agent":
                args.append(Argument("agent", child, dep))
            elif dep == "iobj":
                args.append(Argument("à", child, dep))
            elif dep.startswith(("obl", "nmod")):
                prep = self.preposition(child)
                if prep == "par" and passive:
                    args.append(Argument("agent", child, dep))
                elif prep is not None:
                    args.append(Argument(prep, child, dep))
                else:
                    args.append(Argument("time" if _is_time(self.tokens[child]) else "obl",
                                         child, dep))
            elif dep == "xcomp" and self.tokens[child].pos in {"NOUN", "PROPN", "ADJ"} and (
                    child not in self.opaque):
                args.append(Argument("attr", child, dep))
            elif (child in self.opaque and child > i and dep in _MISPARSED_OBJECT
                  and not self.preposition(child)):
                # "a épousé Yasser Arafat": the tagger took "Yasser" for a verb
                args.append(Argument("theme" if not passive else "agent", child, "name"))
        if not has_subject:
            args += self._inherited_subject(i, passive)
        # "a concédé la victoire à X", "a pris le contrôle de X": the complements of a light
        # noun are the verb's
        for arg in list(args):
            if arg.role == "theme" and self.tokens[arg.token].lemma.lower() in LIGHT_NOUNS:
                for child in self.kids(arg.token, "nmod"):
                    prep = self.preposition(child)
                    if prep is not None:
                        args.append(Argument(prep, child, "light"))
        return Predicate(
            token=i, lemma=token.lemma.lower(), kind="verb", passive=passive,
            negated=self._negated(i), hedged=self._hedged(i), args=tuple(args),
        )

    def _inherited_subject(self, i: int, passive: bool) -> list[Argument]:
        """Who a verb without a subject of its own is about."""
        token = self.tokens[i]
        dep = token.dep
        head = token.head
        if head == i or head not in self.children:
            return []
        head_token = self.tokens[head]
        if dep.startswith("acl") and not dep.startswith("acl:relcl"):
            # "X, élu président" (a past participle: X undergoes it, unless it is the
            # participle of an intransitive verb of motion or state, which the parse cannot
            # tell; "X, arrivé deuxième"); "un train ralliant Toulouse à Lyon" (X does it).
            # Right after "X, ": X, whatever the parser hung the participle on
            if i >= 2 and self.tokens[i - 1].text == "," and (i - 2) in self.token_mentions:
                ending = [m for m in self.token_mentions[i - 2] if self.spans[m][1] == i - 1]
                if ending:  # the longest mention that ends there, by its head
                    found = self.head_mention(ending[-1])
                    head = found if found is not None else i - 2
            if _PARTICIPLE in token.morph and "Tense=Past" in token.morph:
                role = "theme" if self.kids(i, "obl:agent") or not self.kids(i, "obj") else (
                    "agent")
                return [Argument(role, head, "participle")]
            return [Argument("agent", head, "participle")]
        if dep == "conj" and head_token.pos in {"VERB", "AUX"}:
            # "X a fondé Y et dirige Z": the first verb's subject
            for child in self.kids(head, "nsubj", "nsubj:pass"):
                role = "agent" if self.tokens[child].dep == "nsubj" else "theme"
                if passive and role == "agent":
                    role = "theme"
                return [Argument(role, child, "conj")]
            return self._inherited_subject(head, passive)
        if dep == "xcomp" and head_token.pos in {"VERB", "AUX"}:
            # "X a refusé de participer": the controlling verb's subject (its object when it
            # has one: "on a chargé Y de ...")
            objects = self.kids(head, "obj")
            if objects:
                return [Argument("agent", objects[0], "control")]
            for child in self.kids(head, "nsubj", "nsubj:pass"):
                return [Argument("theme" if passive else "agent", child, "control")]
        if dep == "advcl" and _PARTICIPLE in token.morph:
            # "Arrivé deuxième, X ...": the main clause's subject
            for child in self.kids(head, "nsubj", "nsubj:pass"):
                return [Argument("theme" if "Tense=Past" in token.morph else "agent", child,
                                 "advcl")]
        return []

    def _noun(self, i: int) -> Predicate:
        token = self.tokens[i]
        args: list[Argument] = []
        for child in self.kids(i):
            dep = self.tokens[child].dep
            if dep.startswith("nmod") or dep.startswith("obl"):
                prep = self.preposition(child)
                if prep is not None:
                    args.append(Argument(prep, child, dep))
                elif child in self.token_mentions and child > i:
                    args.append(Argument("holder", child, dep))
                elif _is_time(self.tokens[child]):
                    args.append(Argument("time", child, dep))
            elif dep == "amod":
                args.append(Argument("mod", child, dep))
            elif (dep in {"appos", "flat:name", "flat"} and child in self.token_mentions
                  and self.tokens[child - 1].text != "("):
                # (not an acronym in brackets: "le président de l'Union (Ufip), X")
                args.append(Argument("holder", child, dep))
            elif dep == "nsubj" and self.kids(i, "cop"):
                args.append(Argument("holder", child, "copula"))
            elif dep == "acl" and _PARTICIPLE not in self.tokens[child].morph:
                pass
        if not any(a.via.startswith(("nmod", "obl")) for a in args):
            # "X, sociologue et professeur à l'Université Y": the parser hung the complement
            # on an earlier word; the noun right before it takes it
            k = i + 1
            if k < self.range.stop and self.tokens[k].dep == "case":
                target = self.tokens[k].head
                if (target in self.token_mentions and target > k
                        and self.tokens[target].head < i
                        and self.tokens[target].dep.startswith("nmod")):
                    prep = self.preposition(target)
                    if prep is not None:
                        args.append(Argument(prep, target, "nearest"))
        if (token.dep == "conj" and self.tokens[token.head].dep == "appos"
                and not any(a.role == "holder" for a in args)):
            # "X, sociologue et professeur": the second noun describes X too
            args.append(Argument("holder", self.tokens[token.head].head, "conj"))
        own = self._own_span(i)
        if own is not None:
            args += self._inner_complements(i, own, args)
            args += self._adjacent_holders(own, args)
        elif token.pos == "NOUN":
            # "la chaîne qatarie Al Jazeera": the noun and its adjectives, then the name;
            # "le président de l'Union (Ufip), X": the noun phrase, then the name
            end = i + 1
            while end < self.range.stop and self.tokens[end].pos == "ADJ" and (
                    end not in self.token_mentions or self._is_adjective_mention(end)):
                end += 1
            phrase_end = max(self._noun_phrase(i)) + 1
            while phrase_end < self.range.stop and self.tokens[phrase_end].text == ")":
                phrase_end += 1
            # (not for a noun a preposition governs: "d'un rachat par un géant américain du
            # cloud, X les balaie" has no apposition)
            if (phrase_end > end and phrase_end < self.range.stop
                    and self.tokens[phrase_end].text == "," and self.preposition(i) is None):
                end = phrase_end
            args += self._adjacent_holders((i, end), args)
            if not any(a.role == "holder" for a in args) and self.preposition(i) is None:
                # "l'entraîneur de l'Olympique de Marseille, Didier Deschamps": the parser
                # made the name an apposition of the complement
                late = [k for k in self._noun_phrase(i) if k != i and k in self.names_at
                        and self.tokens[k].dep == "appos" and self.tokens[k - 1].text == ","]
                if late:
                    args.append(Argument("holder", min(late), "appos"))
        dep = token.dep
        head = token.head
        if dep == "appos" and head != i:
            args.append(Argument("holder", head, "appos"))
        elif (dep.startswith("nmod") and head < i and self.preposition(i) is None
              and any(self.tokens[k].text == "," for k in range(head + 1, i))
              and not any(a.role == "holder" for a in args)):
            # "Tapei, capitale de Taiwan": the parser often calls the apposition a nmod
            args.append(Argument("holder", head, "apposition"))
        elif dep == "xcomp" and head != i and head in self.children:
            # "X a été nommé ministre", "X, élu président", "on a nommé X ministre"
            objects = self.kids(head, "obj")
            if objects:
                args.append(Argument("holder", objects[0], "xcomp"))
            else:
                verb = self._verb(head)
                for role in ("theme", "agent"):
                    holders = verb.role(role)
                    if holders and (role == "theme" or not verb.passive):
                        args.append(Argument("holder", holders[0], "xcomp"))
                        break
        if (head != i and _RELATIVE_PERSON.match(self.tokens[head].text.lower())
                and self.preposition(i) == "de"):
            # "la veuve de l'ancien président, X": X is the widow, not the president
            args = [a for a in args if a.role != "holder"]
        former = token.text.lower().startswith(("ex-", "ex–")) or any(
            self.tokens[c].text.lower() in _FORMER for c in self.kids(i, "amod", "advmod"))
        former = former or (i > 0 and self.tokens[i - 1].text.lower() in _FORMER)
        return Predicate(
            token=i, lemma=token.lemma.lower(), kind="noun", passive=False,
            negated=False, hedged=self._hedged(i), args=tuple(args), former=former,
        )

    def _own_span(self, i: int) -> tuple[int, int] | None:
        """The span of the description or office the noun heads, if it heads one."""
        for ident in self.token_mentions.get(i, []):
            return self.spans[ident]
        return None

    def _is_adjective_mention(self, k: int) -> bool:
        """A one-token mention on an adjective ("française" for France) is no holder."""
        return all(self.spans[m] == (k, k + 1) for m in self.token_mentions[k])

    def _inner_complements(self, i: int, own: tuple[int, int], args: list[Argument]
                           ) -> list[Argument]:
        """"la hausse du prix du blé en Égypte": the parse hangs "en Égypte" on "prix";
        a complement inside the description, other than "de", is the head noun's too."""
        s, e = own
        have = {a.token for a in args}
        found: list[Argument] = []
        inside = set(range(s, e)) | self._noun_phrase(i)
        for k in sorted(inside):
            if k == i or k in have or self.tokens[k].head not in inside:
                continue
            dep = self.tokens[k].dep
            if not dep.startswith(("nmod", "obl")):
                continue
            prep = self.preposition(k)
            if prep is not None and prep != "de":
                found.append(Argument(prep, k, "inner"))
        return found

    def _noun_phrase(self, i: int) -> set[int]:
        """The tokens of the noun phrase ``i`` heads: its nominal modifiers and their own,
        not a clause ("l'assassinat de X à Londres", not "... qui a eu lieu à Londres")."""
        found = {i}
        todo = [i]
        while todo:
            current = todo.pop()
            for child in self.kids(current):
                dep = self.tokens[child].dep
                if dep.startswith(("nmod", "obl", "appos", "flat", "amod", "compound", "case",
                                   "det", "nummod", "fixed")) and child not in found:
                    found.add(child)
                    todo.append(child)
        return found

    def _adjacent_holders(self, own: tuple[int, int], args: list[Argument]) -> list[Argument]:
        """Who an office phrase describes, by position when the parse missed it: the name
        right after it ("le président Barack Obama", "la procureure de la CPI, Mme X") or
        right before it, after a comma ("Barroso, le président de la Commission")."""
        if any(a.role == "holder" for a in args):
            return []
        s, e = own
        found: list[Argument] = []
        k = s - 1
        while k >= self.range.start and (self.tokens[k].pos == "DET" or self.tokens[k].text.lower()
                                         in {"nouveau", "nouvelle", "actuel", "actuelle",
                                             "ancien", "ancienne", "ex"}):
            k -= 1
        if (k >= self.range.start and self.tokens[k].text.lower() in {"de", "du", "d'", "d’"}
                and k - 1 >= self.range.start and _RELATIVE_PERSON.match(
                    self.tokens[k - 1].text.lower())):
            return []  # "la veuve de l'ancien président, X": X is the widow
        if k - 1 >= self.range.start and self.tokens[k].text == "," and (
                k - 1 in self.token_mentions):
            found.append(Argument("holder", k - 1, "before"))
        k = e
        if k < self.range.stop and self.tokens[k].text == ",":
            k += 1
        while k < self.range.stop and self.tokens[k].text in {"M.", "Mme", "Mlle", "Dr"}:
            k += 1
        if k in self.token_mentions and k < self.range.stop:
            found.append(Argument("holder", k, "next"))
        return found[:1]

    def _negated(self, i: int) -> bool:
        return any(self.tokens[c].text.lower() in {"pas", "jamais", "plus", "guère", "ni"}
                   and self.tokens[c].dep == "advmod" for c in self.kids(i))

    def _hedged(self, i: int) -> bool:
        """A conditional ("aurait été tué"), or a clause the sentence attributes to a
        source ("selon X, ...")."""
        token = self.tokens[i]
        forms = [token] + [self.tokens[c] for c in self.kids(i, "aux")]
        if any("Mood=Cnd" in t.morph or _CONDITIONAL.search(t.text.lower()) for t in forms):
            return True
        root = i
        while self.tokens[root].head != root and self.tokens[root].head in self.children:
            root = self.tokens[root].head
        if root not in self._sourced:
            self._sourced[root] = any(
                self.tokens[c].text.lower() in {"selon", "d'après", "d’après"}
                for k in self.kids(root) for c in [k, *self.kids(k, "case")])
        return self._sourced[root]


_TIME_WORDS = {"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
               "septembre", "octobre", "novembre", "décembre", "lundi", "mardi", "mercredi",
               "jeudi", "vendredi", "samedi", "dimanche", "hier", "aujourd'hui", "demain"}


def _is_time(token: Token) -> bool:
    word = token.text.lower()
    return word in _TIME_WORDS or (word.isdigit() and len(word) == 4)
