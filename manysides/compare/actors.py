"""One actor under many names across articles, with the evidence for every merge.

Names come from the entities, the quote speakers and their groups, short
capitalised names in quote marks ("Nur ad-Din"), and aliases the texts state
("formerly", "also known as"). Two names are merged when they share a name key
(Nour al-Deen / Nur al-Din), spell the same consonants (Fateh / Fatah), one is
the other's acronym (JFS), a shortened form, a translation of the Arabic
generic noun (Jabhat al-Nusra / al-Nusra Front), or a text says so.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from manysides.annotate.aliases import find_aliases
from manysides.annotate.names import name_key
from manysides.models import Actor, AliasEvidence, Article, stable_id

ACTOR_LABELS = frozenset({"PERSON", "ORG", "NORP"})
# Words that describe a group rather than name it ("the Fastaqim group", "rebel faction").
_GENERIC = re.compile(r"\b(?:rebel|armed|militant|jihadist|group|faction|movement)\b|\b\w+-based\b")
# Arabic generic nouns in group names and their English translations.
_TRANSLATIONS = {"jabhat": "front", "harakat": "movement", "jaish": "army", "liwa": "brigade", "kataib": "brigades"}
_PARTICLES = frozenset({"al", "of", "the", "and", "for", "de"})
_QUOTED_NAME = re.compile(r"[“\"]((?:(?:[A-Z]|(?:al|ad|as|ash|el|an)-[A-Z])[\w'’-]*\s?){1,4})[”\"]")
_ACRONYM = re.compile(r"\b[A-Z]{3,6}\b")
MIN_SHORT_FORM_SIMILARITY = 80  # rapidfuzz ratio of a one-word short form and the full name's first word


@dataclass
class _Name:
    """One spelling, where it was seen and under which labels."""

    text: str
    key: str
    labels: Counter[str] = field(default_factory=Counter)
    article_ids: set[str] = field(default_factory=set)


def actor_key(name: str) -> str:
    """The name key without words that describe rather than name a group."""
    return re.sub(r"\s+", " ", _GENERIC.sub(" ", name_key(_GENERIC.sub(" ", name.lower())))).strip()


def merge_actors(articles: Sequence[Article]) -> list[Actor]:
    """The people and groups of the articles, one Actor per entity however it is spelled."""
    names = _collect(articles)
    _add_acronyms(names, articles)
    keys = sorted({n.key for n in names.values()})
    parent = {k: k for k in keys}
    evidence: list[tuple[str, str, AliasEvidence]] = []

    def join(a: str, b: str, proof: AliasEvidence) -> None:
        root_a, root_b = _find(parent, a), _find(parent, b)
        if root_a != root_b:
            parent[root_b] = root_a
            evidence.append((a, b, proof))

    for stated in _stated(articles):
        if stated[0] in parent and stated[1] in parent:
            join(stated[0], stated[1], stated[2])
    by_key = _spellings(names)
    labels = _labels(names)
    expansions: dict[tuple[str, str], set[str]] = {}
    for a, b in sorted(_candidate_pairs(keys, by_key, labels)):
        reason = _same_actor(a, b, by_key, labels)
        if reason in ("short form", "acronym"):
            short, full = (a, b) if len(a.split()) < len(b.split()) else (b, a)
            expansions.setdefault((short, reason), set()).add(full)
        elif reason is not None:
            join(a, b, AliasEvidence(names=(by_key[a][0], by_key[b][0]), reason=reason))
    # A short form or an acronym joins its long name only when it can stand for one actor: "National" and
    # "DC" cannot.
    for (short, reason), fulls in sorted(expansions.items()):
        if len({_find(parent, f) for f in fulls}) == 1:
            full = min(fulls)
            join(full, short, AliasEvidence(names=(by_key[short][0], by_key[full][0]), reason=reason))
    return _actors(names, parent, evidence)


def _candidate_pairs(keys: list[str], by_key: dict[str, list[str]], labels: dict[str, str]) -> set[tuple[str, str]]:
    """Pairs of keys that could pass one of the merge rules, found by lookup rather than by trying all pairs."""
    buckets: dict[object, list[str]] = {}
    for key in keys:
        words = key.split()
        buckets.setdefault(("skeleton", _skeleton(key), len(words)), []).append(key)
        buckets.setdefault(("translated", _translated(words)), []).append(key)
        if labels[key] == "ORG":
            buckets.setdefault(("initials", _initials(words)), []).append(key)
        for size in range(max(2, len(words) - 2), len(words) + 1):
            buckets.setdefault(("prefix", tuple(words[:size])), []).append(key)
    pairs: set[tuple[str, str]] = set()
    for members in buckets.values():
        pairs.update((a, b) for i, a in enumerate(members) for b in members[i + 1 :] if a != b)
    for key in keys:  # an acronym spelling meets the names with those initials
        if any(s.isupper() and s.isalpha() for s in by_key[key]):
            pairs.update((key, other) for other in buckets.get(("initials", key.replace(" ", "")), []))
    long_by_first: dict[str, list[str]] = {}
    for key in keys:
        if len(key.split()) >= 3 and labels[key] == "ORG":
            long_by_first.setdefault(key.split()[0], []).append(key)
    for key in keys:  # one-word short forms, compared with the first words of long group names only
        if " " not in key and len(key) >= 6 and labels[key] == "ORG":
            for first, longer in long_by_first.items():
                if fuzz.ratio(key, first) >= MIN_SHORT_FORM_SIMILARITY:
                    pairs.update((key, other) for other in longer)
    return {(a, b) if a < b else (b, a) for a, b in pairs}


def _collect(articles: Sequence[Article]) -> dict[str, _Name]:
    names: dict[str, _Name] = {}

    def add(text: str, label: str, article_id: str) -> None:
        key = actor_key(text)
        if len(key) < 3:
            return
        entry = names.setdefault(text, _Name(text=text, key=key))
        entry.labels[label] += 1
        entry.article_ids.add(article_id)

    for article in articles:
        for entity in article.entities:
            if entity.label in ACTOR_LABELS:
                add(re.sub(r"^the\s+", "", entity.text, flags=re.IGNORECASE), entity.label, article.id)
        for quote in article.quotes:
            if quote.speaker:
                add(quote.speaker, "PERSON" if quote.speaker_key and " " in quote.speaker else "ORG", article.id)
            if quote.affiliation:
                add(quote.affiliation, "ORG", article.id)
        for match in _QUOTED_NAME.finditer(article.body):
            add(match.group(1).strip(), "ORG", article.id)
        for stated in find_aliases(article.body):
            add(stated.name, "ORG", article.id)
            add(stated.alias, "ORG", article.id)
    return names


def _add_acronyms(names: dict[str, _Name], articles: Sequence[Article]) -> None:
    """Capitalised acronyms in the texts ("JFS", "OPCW") that spell the initials of a group named there."""
    initials = {
        _initials(n.key.split()) for n in names.values() if n.labels.most_common(1)[0][0] == "ORG" and " " in n.key
    }
    for article in articles:
        for match in _ACRONYM.finditer(article.body):
            acronym = match.group()
            if acronym.lower() in initials:
                entry = names.setdefault(acronym, _Name(text=acronym, key=actor_key(acronym)))
                entry.labels["ORG"] += 1
                entry.article_ids.add(article.id)


def _stated(articles: Sequence[Article]) -> list[tuple[str, str, AliasEvidence]]:
    """Merges a text states, with the article and its words as evidence."""
    found = []
    for article in articles:
        for stated in find_aliases(article.body):
            proof = AliasEvidence(
                names=(stated.name, stated.alias),
                reason="alias in text",
                article_id=article.id,
                text=article.body[stated.start : stated.end],
            )
            found.append((actor_key(stated.name), actor_key(stated.alias), proof))
    return found


def _spellings(names: dict[str, _Name]) -> dict[str, list[str]]:
    by_key: dict[str, list[str]] = {}
    for name in sorted(names.values(), key=lambda n: -sum(n.labels.values())):
        by_key.setdefault(name.key, []).append(name.text)
    return by_key


def _labels(names: dict[str, _Name]) -> dict[str, str]:
    """The commonest label of each name key."""
    counts: dict[str, Counter[str]] = {}
    for name in names.values():
        counts.setdefault(name.key, Counter()).update(name.labels)
    return {key: c.most_common(1)[0][0] for key, c in counts.items()}


def _same_actor(a: str, b: str, by_key: dict[str, list[str]], labels: dict[str, str]) -> str | None:
    """Why two name keys name one actor, or None."""
    ta, tb = a.split(), b.split()
    if _skeleton(a) == _skeleton(b) and len(ta) == len(tb) >= 2:
        return "transliteration"
    # Acronyms of organisations only: "FSA" is not "Fatah al-Sham Attack", a headline read as a name.
    if (labels[b] == "ORG" and _is_acronym(by_key[a], tb)) or (labels[a] == "ORG" and _is_acronym(by_key[b], ta)):
        return "acronym"
    if _translated(ta) == _translated(tb) and ta != tb:
        return "translation"
    short, full = (ta, tb) if len(ta) < len(tb) else (tb, ta)
    # Groups only: "Donald Trump" is not "Donald Trump Jr.".
    groups = labels[a] != "PERSON" and labels[b] != "PERSON"
    if groups and len(short) >= 2 and full[: len(short)] == short and len(short) + 2 >= len(full):
        return "short form"
    # One word for a long group name ("Fastaqim" for "Fastaqim Kama Umirt"); never a nationality.
    one_word = len(short) == 1 and len(full) >= 3 and len(short[0]) >= 6 and labels[a] == labels[b] == "ORG"
    if one_word and fuzz.ratio(short[0], full[0]) >= MIN_SHORT_FORM_SIMILARITY:
        return "short form"
    return None


def _skeleton(key: str) -> str:
    """Consonants only: transliterations differ mostly in vowels (Fateh / Fatah)."""
    return re.sub(r"[aeiouy]", "", key)


def _initials(words: list[str]) -> str:
    return "".join(w[0] for w in words if w not in _PARTICLES)


def _is_acronym(spellings: list[str], words: list[str]) -> bool:
    initials = _initials(words)
    return len(initials) >= 3 and any(s.isupper() and s.isalpha() and s.lower() == initials for s in spellings)


def _translated(words: list[str]) -> frozenset[str]:
    return frozenset(_TRANSLATIONS.get(w, w) for w in words if w not in _PARTICLES)


def _find(parent: dict[str, str], key: str) -> str:
    while parent[key] != key:
        parent[key] = parent[parent[key]]
        key = parent[key]
    return key


def _actors(
    names: dict[str, _Name], parent: dict[str, str], evidence: list[tuple[str, str, AliasEvidence]]
) -> list[Actor]:
    groups: dict[str, list[_Name]] = {}
    for name in names.values():
        groups.setdefault(_find(parent, name.key), []).append(name)
    actors = []
    for root, members in groups.items():
        # The name: the commonest spelling of more than one word, else the commonest.
        members.sort(key=lambda n: (" " not in n.text, -sum(n.labels.values()), -len(n.text)))
        labels: Counter[str] = sum((m.labels for m in members), Counter())
        keys = sorted({m.key for m in members})
        proofs = [p for a, _, p in evidence if _find(parent, a) == root]
        proofs += _spelling_evidence(members)
        actors.append(
            Actor(
                id=stable_id(*keys),
                name=members[0].text,
                label=labels.most_common(1)[0][0],
                names=[m.text for m in members],
                keys=keys,
                article_ids=sorted(set().union(*(m.article_ids for m in members))),
                mentions=sum(labels.values()),
                evidence=proofs,
            )
        )
    actors.sort(key=lambda a: (-a.mentions, a.name))
    return actors


def _spelling_evidence(members: list[_Name]) -> list[AliasEvidence]:
    """Spellings that meet on one name key (Nour al-Deen / Nur al-Din) are merged by that key."""
    first_by_key: dict[str, str] = {}
    proofs = []
    for member in members:
        first = first_by_key.setdefault(member.key, member.text)
        if first != member.text and first.lower() != member.text.lower():
            proofs.append(AliasEvidence(names=(first, member.text), reason="same name key"))
    return proofs


def actor_index(actors: Sequence[Actor]) -> dict[str, str]:
    """Name key -> actor id, for looking up a speaker or entity by any of its names."""
    index = {}
    for actor in actors:
        for key in actor.keys:
            index[key] = actor.id
        for name in actor.names:
            index.setdefault(name_key(name), actor.id)
    return index
