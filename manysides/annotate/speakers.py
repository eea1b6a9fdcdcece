"""Who a quote is credited to: the reporting verb, the words naming the speaker, the channel.

A quote's speaker is read from the subject of its reporting verb ("Lavrov said",
"said a spokesman"), and resolved to a name the article gives: a surname to
the full name ("Malahifji" -> "Zakaria Malahifji"), "he" to the speaker just
quoted, "the US Secretary of State" to the person the article introduced with
that title. Indefinite sources ("a rebel official") stay unnamed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from manysides.annotate.names import name_key
from manysides.models import Entity

# Verbs that report speech or a stated position (lemmas).
SPEECH_VERBS = frozenset(
    [
        "call",
        "label",
        "dub",
        "brand",
        "slam",
        "blast",
        "praise",
        "criticize",
        "say",
        "tell",
        "add",
        "conclude",
        "note",
        "claim",
        "insist",
        "admit",
        "state",
        "announce",
        "warn",
        "declare",
        "explain",
        "repeat",
        "argue",
        "deny",
        "confirm",
        "write",
        "respond",
        "reply",
        "stress",
        "accuse",
        "ask",
        "acknowledge",
        "assert",
        "contend",
        "charge",
        "complain",
        "emphasize",
        "emphasise",
        "maintain",
        "observe",
        "point",
        "quip",
        "recall",
        "remark",
        "suggest",
        "tweet",
        "urge",
        "vow",
        "agree",
        "allege",
        "boast",
        "caution",
        "concede",
        "counter",
        "describe",
        "joke",
        "lament",
        "predict",
        "promise",
        "recount",
        "reiterate",
        "reveal",
        "scoff",
        "shout",
        "testify",
        "threaten",
        "yell",
    ]
)
# Verbs that also introduce indirect speech and stated beliefs ("Russia said an army medic was killed").
INDIRECT_VERBS = SPEECH_VERBS | frozenset(
    [
        "believe",
        "think",
        "report",
        "learn",
        "know",
        "hope",
        "fear",
        "worry",
        "feel",
        "estimate",
        "show",
        "indicate",
        "signal",
        "demand",
        "propose",
        "rule",
        "cite",
        "find",
        "mention",
        "decide",
        "insist",
    ]
)
# Verbs of stance whose object is the position taken ("Trump denied the report", "called for a ban").
# Kept only where the object was the attributed content in at least a third of PolNeAR train cases.
STANCE_VERBS = frozenset(
    [
        "oppose",
        "criticize",
        "praise",
        "reject",
        "back",
        "endorse",
        "condemn",
        "blame",
        "announce",
        "accuse",
        "cite",
        "call",
        "propose",
        "demand",
        "question",
        "dismiss",
        "welcome",
        "predict",
        "acknowledge",
        "admit",
        "mention",
        "discuss",
        "talk",
        "refer",
        "look",
        "denounce",
        "identify",
        "name",
        "like",
        "list",
        "remember",
        "point",
    ]
)
# Verbs of intention whose 'to' clause is the stated position ("Trump vowed to repeal ...").
INTENT_VERBS = frozenset(["want", "pledge", "promise", "refuse", "decline", "vow", "threaten", "agree", "seek", "hope"])
PRONOUNS = frozenset({"he", "she", "they", "i", "we", "it"})
PERSON_PRONOUNS = frozenset({"he", "she", "i"})
# News organisations reach us as channels, not speakers ("told Reuters", "according to AFP").
NEWS_WORDS = frozenset(
    [
        "reuters",
        "afp",
        "ap",
        "tass",
        "ria",
        "sputnik",
        "anadolu",
        "xinhua",
        "bbc",
        "cnn",
        "interfax",
        "agency",
        "agencies",
        "news",
        "times",
        "post",
        "journal",
        "press",
        "television",
        "tv",
        "radio",
        "newspaper",
        "daily",
        "channel",
    ]
)
_INDEFINITE = frozenset({"a", "an", "some", "several", "one", "two", "three", "many", "other", "another"})
_SENTENCE_INDEX = "manysides.sentence_index"
_TEXT = "manysides.text"
_TITLE_NOUNS = frozenset({"leader", "chief", "head", "commander", "official", "envoy", "ambassador"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
# Links from a reporting verb without a subject up to the clause that has one ("and added", "by saying").
_CLIMB = frozenset({"conj", "advcl", "xcomp", "pcomp"})
MAX_MENTION_TOKENS = 40
MAX_NAME_DISTANCE = 8  # tokens between a subjectless verb and the name before it
# Verbs whose object is the one spoken to: "telling reporters", "was asked": never the speaker.
ADDRESSEE_VERBS = frozenset({"tell", "ask", "urge", "assure", "warn", "inform", "remind", "advise", "instruct"})
SALIENCE_SENTENCES = 2  # how far back a speaker or subject outranks a later name for "he" or "she"
# A recording of someone speaking credits the words to them: "footage of Hillary Clinton asking, '...'".
RECORDINGS = frozenset({"footage", "video", "clip", "recording", "tape", "audio"})
_AFFILIATION = re.compile(
    r"\b(?:of|for|from|with)\s+(?:the\s+)?(?P<group>[A-Z][\w'’.-]*(?:[\s-]+(?:[a-z]{1,3}-|of\s+)?[A-Z\w][\w'’.-]*)*"
    r"(?:\s+(?:rebel\s+|militant\s+|armed\s+)?(?:group|faction|movement|brigade|party|ministry|army|front))?)"
)


@dataclass(frozen=True)
class Attribution:
    """The reporting verb and speaker found for one quote."""

    cue: Token | None = None
    mention: Span | None = None
    speaker: str | None = None
    role: str | None = None
    affiliation: str | None = None
    channel: str | None = None


def text_of(doc: Doc) -> str:
    """The document's text; Doc.text joins every token on each call, so keep it once per Doc."""
    text = doc.user_data.get(_TEXT)
    if not isinstance(text, str):
        text = doc.text
        doc.user_data[_TEXT] = text
    return text


def sentence(tok: Token) -> Span:
    """The token's sentence; Token.sent walks the whole document on each call, so index it once per Doc."""
    doc = tok.doc
    index = doc.user_data.get(_SENTENCE_INDEX)
    if index is None:
        sents = list(doc.sents)
        owner = [0] * len(doc)
        for number, sent in enumerate(sents):
            owner[sent.start : sent.end] = [number] * len(sent)
        index = (sents, owner)
        doc.user_data[_SENTENCE_INDEX] = index
    sents, owner = index
    found: Span = sents[owner[tok.i]]
    return found


def lemma(tok: Token) -> str:
    """The token's lemma, lower case; the small English model reads 'hoped' as 'hop'."""
    if tok.lemma_.lower() == "hop" and tok.lower_.startswith("hope"):
        return "hope"
    return tok.lemma_.lower()


def cue_near(doc: Doc, start: int, end: int, quoted: list[tuple[int, int]], verbs: frozenset[str]) -> Token | None:
    """The reporting verb closest to a quote, in its sentence(s), outside any quote."""
    window = _window(doc, start, end)
    candidates = [
        tok
        for tok in window
        if tok.lemma_.lower() in verbs
        and tok.pos_ in ("VERB", "AUX")
        and not any(s - 1 <= tok.idx < e + 1 for s, e in quoted)
        and not (tok.idx > end and _leads_next(tok, end, quoted))
    ]
    if not candidates:
        return None
    inside = doc.char_span(start, end, alignment_mode="expand")
    if inside is not None:
        for ancestor in inside.root.ancestors:
            if ancestor in candidates:
                return ancestor
    return min(candidates, key=lambda tok: min(abs(tok.idx - start), abs(tok.idx - end)))


def _leads_next(verb: Token, end: int, quoted: list[tuple[int, int]]) -> bool:
    """'"We are not terrorists." Mr. Zahed said: "The attack ..."': the verb introduces the next quote.

    With a colon always; with a comma when the verb starts a new sentence ('... remember." He added, "...').
    """
    text = text_of(verb.doc)
    following = [s for s, _ in quoted if s > verb.idx]
    if not following:
        return False
    lead = text[verb.idx : min(following)].rstrip(" \xa0\"“‘'`")
    if re.search(r"[.!?]", lead):
        return False
    new_sentence = re.search(r"[.!?][”\"’']*\s", text[end - 1 : verb.idx]) is not None
    return lead.endswith(":") or (lead.endswith(",") and new_sentence)


def _window(doc: Doc, start: int, end: int) -> list[Token]:
    """Tokens of the sentences a quote touches, cut at the paragraph breaks around it."""
    text = text_of(doc)
    para_start = text.rfind("\n", 0, start) + 1
    para_end = text.find("\n", end)
    para_end = len(text) if para_end < 0 else para_end
    first = doc.char_span(start, min(end, len(text)), alignment_mode="expand")
    if first is None:
        return []
    sent_start = sentence(first[0]).start_char
    last_sent = sentence(first[-1])
    sent_end = max(sentence(first[0]).end_char, last_sent.end_char)
    # '"Does anybody know ...?" Graham asked.': the credit can be a short sentence of its own.
    if last_sent.end < len(doc) and not re.search(r"\w", text[end : last_sent.end_char]):
        following = sentence(doc[last_sent.end])
        if len(following) <= 30 and any(lemma(t) in SPEECH_VERBS for t in following):
            sent_end = following.end_char
    lo, hi = max(sent_start, para_start), min(sent_end, para_end)
    span = doc.char_span(lo, hi, alignment_mode="expand")
    return list(span) if span is not None else []


def speaker_words(cue: Token, start: int, end: int, quoted: Sequence[tuple[int, int]] = ()) -> Span | None:
    """Who speaks for a cue, climbing from a verb without a subject to the clause it hangs on.

    'He explained it by saying: "..."' -> He; 'footage of Hillary Clinton asking, "..."' -> Hillary Clinton.
    """
    node = cue
    for _ in range(4):
        mention = subject_of(node, start, end, quoted)
        if mention is not None:
            return mention
        if node.dep_ == "acl" and node.head.pos_ == "PROPN":
            # The participle describes the named person: the name is the noun it hangs on.
            return node.doc[node.head.left_edge.i : node.head.i + 1]
        if node.dep_ not in _CLIMB or node.head.i == node.i:
            return None
        node = node.head
        while node.pos_ == "ADP" and node.head.i != node.i:
            node = node.head  # "by saying": the preposition hangs on the verb that has the subject
    return None


def subject_of(cue: Token, start: int, end: int, quoted: Sequence[tuple[int, int]] = ()) -> Span | None:
    """The words naming who speaks: the verb's subject, or the phrase between the quote and the verb."""
    # Words inside any quote are spoken about: the parser sometimes makes a quoted title the subject.
    spoken = [*quoted, (start, end)]
    subjects = [c for c in cue.children if c.dep_ in _SUBJECTS and not any(s <= c.idx < e for s, e in spoken)]
    agent = _agent(cue, spoken)
    if agent is not None:
        return agent  # "Sanders was asked by host Bill Maher": the words are the host's
    addressed = lemma(cue) in ADDRESSEE_VERBS
    if addressed and subjects and all(c.dep_ == "nsubjpass" for c in subjects):
        return None  # "Blumenthal was asked, '...'": the one asked is not the one asking
    if subjects:
        # The parser sometimes splits one name into two subjects ("Yasser al" + "Youssef").
        first = min(c.left_edge.i for c in subjects)
        last = max(c.right_edge.i for c in subjects)
        return _same_paragraph(cue, _trim(cue.doc[first : last + 1], start, end))
    # "..., a political officer of X, Zakaria Malahifji, said": the parser often leaves that unattached.
    doc = cue.doc
    if end <= cue.idx:
        between = [t for t in doc[: cue.i] if t.idx >= end]
        mention = _same_paragraph(cue, _trim_punct(doc, between))
        if mention is not None:
            return mention
    if addressed and start > cue.idx:
        return None  # "telling the crowd, '...'": the words after the verb name who is told
    if start > cue.idx and re.fullmatch(r"\W*[:,]\W*", text_of(cue.doc)[cue.idx + len(cue.text) : start]):
        named = _name_before(cue)  # only for a quote the verb leads into with a colon or comma
        if named is not None:
            return named
    # '"...," mused the host, Stu Burguiere': the words after the verb, up to the quote or the sentence end.
    after = []
    for tok in doc[cue.i + 1 :]:
        if (start > cue.idx and tok.idx >= start - 1) or tok.is_sent_start or tok.text in (".", ";"):
            break
        if any(s <= tok.idx < e for s, e in spoken):
            break
        after.append(tok)
    while after and after[0].ent_type_ in ("DATE", "TIME"):
        after = after[1:]  # '"...," said Wednesday a White House official'
    if after and start > cue.idx and not re.search(r"[:,]\W*$", text_of(doc)[after[-1].idx : start]):
        return None  # 'saying Clinton would "abolish ..."': a clause, not 'said the host, "..."'
    if after and after[0].pos_ in ("PROPN", "DET", "NOUN", "PRON", "ADJ"):
        return _same_paragraph(cue, _trim_punct(doc, after))
    return None


def _name_before(cue: Token) -> Span | None:
    """'In a statement to the Observer, her adviser, Jake Sullivan, said: "..."': a name just before a
    verb the parser left without a subject (no other verb in between)."""
    run: list[Token] = []
    for tok in reversed(cue.doc[max(0, cue.i - MAX_NAME_DISTANCE) : cue.i]):
        if tok.pos_ in ("VERB", "AUX") or tok.is_sent_end or "\n" in tok.text:
            break
        if tok.ent_type_ == "PERSON":  # not an organisation: "took to Twitter, writing:" names a channel
            run.insert(0, tok)
        elif run:
            break
    # "questions about Mr. Trump before saying": a name as an object is spoken about.
    if not run or cue.doc[run[0].i : run[-1].i + 1].root.dep_ in ("pobj", "dobj", "poss"):
        return None
    return cue.doc[run[0].i : run[-1].i + 1]


def _agent(cue: Token, spoken: Sequence[tuple[int, int]]) -> Span | None:
    """The 'by' phrase of a passive verb, outside quotes: who did the asking or the criticising."""
    for child in cue.children:
        if child.dep_ != "agent" or any(s <= child.idx < e for s, e in spoken):
            continue
        objects = [c for c in child.children if c.dep_ == "pobj"]
        if objects:
            return _trim_punct(cue.doc, list(objects[0].subtree))
    return None


def _same_paragraph(cue: Token, mention: Span | None) -> Span | None:
    """Cut a mention at the paragraph breaks around its verb (parses run over headings)."""
    if mention is None or "\n" not in mention.text:
        return mention
    if mention.end_char <= cue.idx:
        tokens = [t for t in mention if "\n" not in text_of(cue.doc)[t.idx : cue.idx]]
    else:
        tokens = [t for t in mention if "\n" not in text_of(cue.doc)[cue.idx : t.idx]]
    return _trim_punct(cue.doc, tokens)


def _trim(span: Span, start: int, end: int) -> Span | None:
    """Drop quote tokens and edge punctuation from a subject span."""
    tokens = [t for t in span if not (start - 1 <= t.idx < end + 1)]
    return _trim_punct(span.doc, tokens)


def _trim_punct(doc: Doc, tokens: list[Token]) -> Span | None:
    while tokens and (tokens[0].is_punct or tokens[0].is_space or tokens[0].is_quote):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space or tokens[-1].is_quote):
        tokens = tokens[:-1]
    if len(tokens) > MAX_MENTION_TOKENS:
        # "Mr. Stevens, who took direct aim at ...": the name ends where its long description begins.
        comma = next((i for i, t in enumerate(tokens) if t.text == ","), len(tokens))
        tokens = tokens[:comma]
    if not tokens or len(tokens) > MAX_MENTION_TOKENS:
        return None
    return doc[tokens[0].i : tokens[-1].i + 1]


def channel_of(cue: Token | None, window: list[Token]) -> str | None:
    """The outlet a quote came through: 'told Reuters', 'according to AFP', 'Al-Rai learned'."""
    for tok in window:
        if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.nbor().lower_ == "to":
            target = _noun_phrase_after(tok.nbor())
            if target and is_news(target):
                return target
    if cue is not None and cue.lemma_ in ("tell", "write"):
        for child in cue.children:
            if child.dep_ in ("dobj", "dative", "iobj") and child.pos_ == "PROPN":
                return cue.doc[child.left_edge.i : child.right_edge.i + 1].text.strip()
    return None


def _noun_phrase_after(tok: Token) -> str | None:
    words = []
    for nxt in tok.doc[tok.i + 1 :]:
        if nxt.is_punct or nxt.pos_ in ("VERB", "AUX", "ADP", "PRON") or nxt.is_sent_start:
            break
        words.append(nxt.text)
    phrase = " ".join(words).strip()
    return phrase or None


def is_news(name: str) -> bool:
    """Whether a name reads as a news outlet or agency (a channel rather than a speaker)."""
    words = set(re.findall(r"[\w-]+", name.lower()))
    return bool(words & NEWS_WORDS)


def resolve(mention: Span, entities: list[Entity], known: list[KnownSpeaker]) -> tuple[str | None, str]:
    """The speaker's name for a mention and how it was found (name, pronoun, title, unnamed)."""
    first = mention[0].lower_
    if len(mention) == 1 and first in PRONOUNS:
        return _pronoun(first, known, mention, entities), "pronoun"
    person = _person_in(mention, entities)
    if person is not None:
        return full_name(strip_titles(person), mention.start_char, entities), "person"
    heads = _heads(mention)
    if mention.root.lower_ in TITLES or mention.root.lower_ in _TITLE_NOUNS:
        titled = _by_title(mention, entities, known)
        if titled is not None:
            return titled, "title"
        heads = heads[1:]  # only a name in apposition can still name the speaker
    named = _name_in(mention, entities, heads)
    if named is not None:
        name, label = named
        return full_name(strip_titles(name), mention.start_char, entities), label
    if first in _INDEFINITE or mention[-1].tag_ in ("NNS", "NNPS"):
        return None, "unnamed"
    if first in ("the", "this", "that") or mention[0].dep_ == "poss":
        return _by_title(mention, entities, known), "title"
    return None, "unnamed"


def _name_in(mention: Span, entities: list[Entity], heads: list[Token]) -> tuple[str, str] | None:
    """(name, 'person' or 'group'): a run of proper nouns at the mention's head, else a group."""
    inside = [e for e in entities if e.start < mention.end_char and mention.start_char < e.end]
    proper = _proper_run(mention, heads)
    groups = [e for e in inside if e.label in ("ORG", "NORP", "GPE") and not is_news(e.text) and _covers(e, heads)]
    if proper and (not groups or len(proper) > len(groups[-1].text)):
        kind = "group" if any(e.text.endswith(proper) for e in groups) else "person"
        return proper, kind
    return (re.sub(r"^the\s+", "", groups[-1].text, flags=re.IGNORECASE), "group") if groups else None


def _person_in(mention: Span, entities: list[Entity]) -> str | None:
    """A person the mention names, not one it only refers to ('an aide of Obama'), or one recorded ('footage of X')."""
    recorded = mention.root.lemma_.lower() in RECORDINGS
    people = []
    for entity in entities:
        if entity.label != "PERSON" or not (mention.start_char <= entity.start < mention.end_char):
            continue
        span = mention.doc.char_span(entity.start, entity.end, alignment_mode="expand")
        if span is not None and (recorded or span.root.dep_ not in ("pobj", "poss")):
            people.append(entity)
    return max(people, key=lambda e: e.end - e.start).text if people else None


def _heads(mention: Span) -> list[Token]:
    """The mention's head and the words in apposition to it: the speaker is named there, not in a modifier."""
    root = mention.root
    return [root, *(t for t in mention if t.dep_ == "appos")]


def _covers(entity: Entity, heads: list[Token]) -> bool:
    return any(entity.start <= t.idx < entity.end for t in heads)


def _proper_run(mention: Span, heads: list[Token]) -> str | None:
    """The last run of proper nouns (with name particles) holding the head: 'Zakaria Malahifji'."""
    runs: list[list[Token]] = [[]]
    for tok in mention:
        if tok.pos_ == "PROPN" or (runs[-1] and tok.text in ("-", "al", "bin", "ibn", "abu", "el", "de")):
            runs[-1].append(tok)
        elif runs[-1]:
            runs.append([])
    candidates = [r for r in runs if r and r[0].pos_ == "PROPN" and any(t in heads for t in r)]
    if not candidates:
        return None
    last = candidates[-1]
    text = mention.doc[last[0].i : last[-1].i + 1].text
    return None if is_news(text) else text


TITLES = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "sen",
        "rep",
        "gov",
        "gen",
        "lt",
        "col",
        "maj",
        "capt",
        "major",
        "general",
        "colonel",
        "lieutenant",
        "captain",
        "president",
        "minister",
        "foreign",
        "prime",
        "secretary",
        "spokesman",
        "spokeswoman",
        "sheikh",
        "prince",
        "king",
        "queen",
        "judge",
    ]
)


def strip_titles(name: str) -> str:
    """'Major General Igor Konashenkov' -> 'Igor Konashenkov'."""
    words = name.split()
    while len(words) > 1 and words[0].lower().rstrip(".") in TITLES:
        words = words[1:]
    return " ".join(words)


def full_name(name: str, before: int, entities: list[Entity]) -> str:
    """The longest person name in the article that ends with this one ('Malahifji' -> 'Zakaria Malahifji')."""
    key = name_key(name)
    if not key:
        return name
    longer = [
        e.text
        for e in entities
        if e.label == "PERSON" and e.key != key and e.key.endswith(" " + key) and len(e.key) < 60
    ]
    return max(longer, key=len) if longer else name


@dataclass(frozen=True)
class KnownSpeaker:
    """A speaker already named in the article, and where."""

    name: str
    start: int
    person: bool
    role: str | None = None


def _pronoun(word: str, known: list[KnownSpeaker], mention: Span, entities: list[Entity]) -> str | None:
    if word in PERSON_PRONOUNS:
        # The person named last before the pronoun, as a speaker or anywhere outside quotes; in the last
        # sentences, a speaker or a subject outranks one named in passing ("Obama said after meeting
        # Putin. He ...").
        people = [(k.start, k.name, True) for k in known if k.person and k.start < mention.start_char]
        people += [
            (e.start, full_name(e.text, e.start, entities), _is_subject(mention.doc, e))
            for e in entities
            if e.label == "PERSON" and e.end <= mention.start_char
        ]
        if not people:
            return None
        since = _previous_sentence_start(mention[0])
        salient = [p for p in people if p[2] and p[0] >= since]
        return max(salient or people)[1]
    if not known:
        return None
    if word == "it":
        return None
    if word == "they":
        groups = [k for k in known if not k.person]
        return groups[-1].name if groups and groups[-1] is known[-1] else None
    return known[-1].name


def _is_subject(doc: Doc, entity: Entity) -> bool:
    """Whether a name is the subject of its clause ('Obama said'), not named in passing ('meeting Putin')."""
    span = doc.char_span(entity.start, entity.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    while root.dep_ in ("compound", "appos", "flat", "conj") and root.head.i != root.i:
        root = root.head
    return root.dep_ in _SUBJECTS


def _previous_sentence_start(tok: Token, back: int = SALIENCE_SENTENCES) -> int:
    """Where the sentence `back` sentences before the token's own starts (or the first sentence)."""
    current = sentence(tok)
    for _ in range(back):
        if current.start == 0:
            break
        current = sentence(tok.doc[current.start - 1])
    return current.start_char


def _by_title(mention: Span, entities: list[Entity], known: list[KnownSpeaker]) -> str | None:
    """'the US Secretary of State', 'the spokesman' -> the person the article gave that title before."""
    head = mention.root.lemma_.lower()
    if mention.root.pos_ not in ("NOUN", "PROPN"):
        return None
    for speaker in reversed(known):
        if speaker.start < mention.start_char and speaker.role and head in speaker.role.lower().split():
            return speaker.name
    text = text_of(mention.doc)
    people = [e for e in entities if e.label == "PERSON" and e.end <= mention.start_char]
    for person in reversed(people):
        before = re.findall(r"\w+", text[max(0, person.start - 90) : person.start].lower())
        after = re.findall(r"\w+", text[person.end : person.end + 60].lower())
        if head in before[-10:] or head in after[:8]:
            return full_name(person.text, person.start, entities)
    return None


def group_named_with(name: str, text: str) -> str | None:
    """The group an article names beside a person anywhere: 'Zakaria Malahifji of the Fastaqim group'."""
    for match in re.finditer(re.escape(name), text):
        after = _AFFILIATION.match(text, match.end() + 1) if text[match.end() : match.end() + 1] == " " else None
        if after is not None and not is_news(after.group("group")):
            return _sentence_part(after.group("group"))
    return None


def _sentence_part(group: str) -> str:
    """A group name ends with its sentence: 'Fastaqim group. The group is ...' -> 'Fastaqim group'."""
    return re.split(r"[.,;]\s", group)[0].strip(" ,.")


def role_and_affiliation(mention: Span, speaker: str | None) -> tuple[str | None, str | None]:
    """The title and the group the mention gives the speaker: 'political officer', 'Fastaqim group'."""
    text = mention.text
    if speaker and name_key(speaker).endswith(name_key(text)):
        return None, None  # "Abu Bakr" for "Al-Farouk Abu Bakr": the mention is only the name
    if speaker and speaker in text:
        text = text.replace(speaker, " ")
    elif speaker:
        last = speaker.split()[-1]
        text = text.replace(last, " ") if last in text else text
    match = _AFFILIATION.search(text)
    affiliation = _sentence_part(match.group("group")) if match else None
    role = _AFFILIATION.sub(" ", text) if match else text
    role = re.sub(r"^\W*(?:the|a|an)\b", "", role.strip(" ,-"), flags=re.IGNORECASE)
    role = re.sub(r"\s+", " ", role).strip(" ,-'’")
    head, comma, tail = role.rpartition(",")
    if comma and all(w.lower().strip(".") in TITLES for w in tail.split()):
        role = head  # "spokesman, Major General": the rank was part of the name
    role = role.replace(" ,", ",").strip(" ,")
    if not role or role.lower() in PRONOUNS or (speaker and name_key(role) == name_key(speaker)):
        return None, affiliation
    return role, affiliation
