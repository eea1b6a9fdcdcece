"""Quotations in an article and the speakers they are credited to.

Four kinds: direct quotes in any quote marks (over several sentences, and over
paragraphs when a paragraph ends with its quote still open), partial quotes
inside paraphrase, block quotes without marks introduced by a colon, and
indirect speech ("Russia said an army medic was killed").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from manysides.annotate.cue_verbs import clause_span, learned_complement, learned_verbs
from manysides.annotate.cues import colon_label, previous_report, tag_after, tag_before
from manysides.annotate.names import name_key
from manysides.annotate.speakers import (
    INDIRECT_VERBS,
    INTENT_VERBS,
    SPEECH_VERBS,
    STANCE_VERBS,
    KnownSpeaker,
    channel_of,
    cue_near,
    full_name,
    group_named_with,
    is_news,
    lemma,
    resolve,
    role_and_affiliation,
    sentence,
    speaker_words,
    text_of,
)
from manysides.models import Entity, Quote, QuoteKind

# Opening mark -> closing mark; two apostrophes or backticks stand for double quotes in some archives.
CLOSING = {"“": "”", '"': '"', "‘": "’", "«": "»", "''": "''", "``": "''", "”": "”"}
MIN_QUOTE_WORDS = 4  # shorter quoted words count only when a speaker is credited with them
MIN_BLOCK_WORDS = 6
# Verbs that credit a whole quote but not words inside a sentence ("She continued, '...'", "the letter reads").
WHOLE_QUOTE_VERBS = frozenset({"continue", "read", "comment", "put", "post", "begin", "go"})
# Verbs whose subject passed the words on rather than said them: "Al-Rai learned that ...".
CHANNEL_VERBS = frozenset({"learn", "hear", "understand"})
_DIRECT_BEFORE = frozenset(":,.;—–-(?!")
# A transcript line: "PENCE: Well, look, ..." or "MR. TRUMP: ...".
# A credit line after a quote: '"..." ― Carlos Raúl' or a pull quote's '- Yasser al-Youssef'.
# The credit may stand a blank line below ('"..."\n\n- Bernie Sanders.') and go on ('-President Obama, tweeting').
DASH_CREDIT = re.compile(
    r"[”\"’.,]*[^\S\n]*(?:\n[^\S\n]*){0,2}[―—–-][^\S\n]*([A-Z][\w'’.-]*(?:[^\S\n][\w'’.-]+){0,4})[^\S\n.]*"
    r"(?:,[^\n]*)?(?:\n|$)"
)
# Words titles leave in lower case ("Bridge over Troubled Water", "The Art of the Deal").
MINOR_WORDS = frozenset({"a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "but", "or", "nor", "by", "as"})
NAME_PARTICLES = frozenset({"al", "bin", "ibn", "abu", "el", "de", "van", "von", "da"})
# Capitalised labels that head captions and notes, not speech.
NOT_SPEAKERS = frozenset(
    {"photo", "photos", "video", "watch", "update", "note", "editor's note", "read more", "related"}
)
NAME_LINE = re.compile(r"^((?:[A-Z][\w.'’-]*[^\S\n]){0,3}[A-Z][\w.'’-]*):[^\S\n]+\S")
TRANSCRIPT_LABEL = re.compile(r"^((?:[A-Z][A-Z.'’-]+ ){0,3}[A-Z][A-Z.'’-]+):\s+\S")


@dataclass(frozen=True)
class Candidate:
    """A stretch of quoted or reported words, before attribution."""

    start: int
    end: int
    kind: QuoteKind
    paragraph: int
    open_end: bool = False  # the paragraph ended with the quote still open
    single: bool = False  # in single quote marks, which often mark scare quotes
    intro: tuple[int, int] | None = None  # the paragraph introducing a block quote
    named: bool = False  # a line headed by a name and a colon ('Pat Caddell: Democrat Voters Worried ...')


def find_quotes(doc: Doc, entities: list[Entity]) -> list[Quote]:
    """Every quotation in the text, with the speaker, role, reporting verb and channel the article gives."""
    paragraphs = _paragraphs(text_of(doc))
    candidates = quoted_spans(text_of(doc), paragraphs)
    candidates += block_quotes(text_of(doc), paragraphs, candidates)
    candidates += name_lines(text_of(doc), paragraphs, candidates, entities)
    candidates.sort(key=lambda c: c.start)
    bounds = [(c.start, c.end) for c in candidates]
    # Names inside quotes are spoken about, never the speaker.
    entities = [e for e in entities if not any(s <= e.start < end for s, end in bounds)]
    quotes: list[Quote] = []
    known: list[KnownSpeaker] = []
    for candidate in candidates:
        quote = _attribute(doc, entities, candidate, bounds, quotes, known, paragraphs)
        if quote is not None:
            quotes.append(quote)
    quotes += indirect_speech(doc, entities, bounds, paragraphs)
    quotes.sort(key=lambda q: q.start)
    return _share_roles(quotes, text_of(doc))


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty line: scrapes put one paragraph per line."""
    spans = []
    for match in re.finditer(r"[^\n]+", text):
        if match.group().strip():
            spans.append((match.start(), match.end()))
    return spans


def _paragraph_of(offset: int, paragraphs: list[tuple[int, int]]) -> int:
    for index, (start, end) in enumerate(paragraphs):
        if start <= offset < end:
            return index
    return len(paragraphs) - 1


def quoted_spans(text: str, paragraphs: list[tuple[int, int]]) -> list[Candidate]:
    """Words between quote marks, paragraph by paragraph; an unclosed quote runs to the paragraph end."""
    found = []
    for index, (p_start, p_end) in enumerate(paragraphs):
        pos = p_start
        while pos < p_end:
            mark = _opening_mark(text, pos, p_start)
            if mark is None:
                pos += 1
                continue
            close = _closing(text, pos + len(mark), CLOSING[mark], p_end)
            inner_start, inner_end = pos + len(mark), (close if close is not None else p_end)
            if close is None and mark == "‘":
                pos += 1
                continue
            stripped = _strip(text, inner_start, inner_end)
            if stripped is not None:
                kind = _quote_kind(text, pos, p_start)
                if close is not None and _runs_on(text, inner_end, close + len(CLOSING[mark])):
                    kind = "partial"
                found.append(Candidate(*stripped, kind, index, close is None, single=mark == "‘"))
            pos = inner_end + len(CLOSING[mark])
    return found


def _opening_mark(text: str, pos: int, p_start: int) -> str | None:
    """The quote mark opening at pos: at a paragraph start or after a space or bracket, before a word."""
    mark = text[pos : pos + 2] if text[pos : pos + 2] in CLOSING else text[pos]
    if mark == "”":
        # '”Fear. I am truly afraid ...” ― Edwin G. Monroy': a closing mark typed to open a line, only there.
        return mark if pos == p_start else None
    if mark not in CLOSING:
        return None
    before = text[pos - 1] if pos > p_start else " "
    after = text[pos + len(mark)] if pos + len(mark) < len(text) else " "
    if mark == "‘" and before.isalnum():
        return None
    opens = before.isspace() or before in "([—–-:" or pos == p_start
    return mark if opens and not after.isspace() else None


def _closing(text: str, search: int, close: str, p_end: int) -> int | None:
    """Where the quote closes: nested curly quotes are skipped, and “ may be closed by a straight mark."""
    # Scrapes mix marks: “ closed by ", and " closed by ”.
    closers = {close, '"'} if close == "”" else {close, "”"} if close == '"' else {close}
    depth = 0
    pos = search
    while pos < p_end:
        ch = text[pos : pos + len(close)]
        if close == "”" and text[pos] == "“" and _closes(text, pos, p_end):
            return pos  # '... for her here,“ said Jim Clyburn': an opening mark typed for a closing one
        if close == "”" and text[pos] == "“" and pos > search:
            depth += 1
        elif ch in closers or text[pos] in closers:
            # ’ is also the apostrophe: a closing single mark is not followed by a letter.
            apostrophe = close == "’" and pos + 1 < p_end and text[pos + 1].isalpha()
            if not apostrophe:
                if depth == 0:
                    return pos
                depth -= 1
        pos += 1
    return None


def _closes(text: str, pos: int, p_end: int) -> bool:
    """A “ after a comma or full stop and before a space or the paragraph end can only close a quote."""
    return pos > 0 and text[pos - 1] in ",.?!" and (pos + 1 >= p_end or text[pos + 1].isspace())


def _strip(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;"):
        end -= 1
    return (start, end) if end > start else None


def _quote_kind(text: str, mark: int, p_start: int) -> QuoteKind:
    """Direct when the quote stands as a sentence of its own, partial when it sits inside one."""
    before = text[p_start:mark].rstrip()
    if not before or before[-1] in _DIRECT_BEFORE:
        return "direct"
    return "partial"


def _runs_on(text: str, inner_end: int, after: int) -> bool:
    """'"... face jail time" for criminal behavior': unpunctuated words the sentence goes on from."""
    last = text[:inner_end].rstrip()[-1:]
    following = text[after : after + 3].lstrip()[:1]
    return last.isalnum() and following.islower()


def block_quotes(text: str, paragraphs: list[tuple[int, int]], quoted: list[Candidate]) -> list[Candidate]:
    """Paragraphs without quote marks: transcript lines ('PENCE: ...') and those introduced by a colon."""
    blocks = _transcript_lines(text, paragraphs, quoted)
    taken = {b.paragraph for b in blocks}
    return blocks + [b for b in _colon_blocks(text, paragraphs, quoted) if b.paragraph not in taken]


def _transcript_lines(text: str, paragraphs: list[tuple[int, int]], quoted: list[Candidate]) -> list[Candidate]:
    lines = []
    for index, (start, end) in enumerate(paragraphs):
        label = TRANSCRIPT_LABEL.match(text[start:end])
        if label is None or label.group(1).lower() in NOT_SPEAKERS:
            continue
        if not any(c.start < end and start < c.end for c in quoted):
            stripped = _strip(text, start, end)
            if stripped is not None:
                lines.append(Candidate(*stripped, "block", index))
    return lines


def name_lines(
    text: str, paragraphs: list[tuple[int, int]], taken: list[Candidate], entities: list[Entity]
) -> list[Candidate]:
    """Lines headed by a person or group the article names and a colon: 'Pat Caddell: Democrat Voters ...'."""
    lines = []
    for index, (start, end) in enumerate(paragraphs):
        label = NAME_LINE.match(text[start:end])
        # A quote inside the line ("...; It's 'in Their Heads'") is fine; one heading it makes it a quote already.
        if label is None or any(c.start <= start + label.end() and start < c.end for c in taken):
            continue
        name_start, name_end = start + label.start(1), start + label.end(1)
        named = any(e.label in ("PERSON", "ORG") and name_start <= e.start and e.end <= name_end for e in entities)
        stripped = _strip(text, start, end)
        if named and stripped is not None and not is_news(label.group(1)):
            lines.append(Candidate(*stripped, "block", index, named=True))
    return lines


def _colon_blocks(text: str, paragraphs: list[tuple[int, int]], quoted: list[Candidate]) -> list[Candidate]:
    blocks = []
    for index in range(len(paragraphs) - 1):
        intro_start, intro_end = paragraphs[index]
        intro = text[intro_start:intro_end].rstrip()
        if not intro.endswith(":") or len(intro.split()) < 3:
            continue
        start, end = paragraphs[index + 1]
        body = text[start:end].strip()
        if body[:1] in CLOSING or len(body.split()) < MIN_BLOCK_WORDS:
            continue
        if any(c.start < end and start < c.end for c in quoted):
            continue
        stripped = _strip(text, start, end)
        if stripped is not None:
            blocks.append(Candidate(*stripped, "block", index + 1, intro=(intro_start, intro_end)))
    return blocks


def _attribute(
    doc: Doc,
    entities: list[Entity],
    candidate: Candidate,
    bounds: list[tuple[int, int]],
    earlier: list[Quote],
    known: list[KnownSpeaker],
    paragraphs: list[tuple[int, int]],
) -> Quote | None:
    """The quote with the speaker the article credits, or None for scare quotes."""
    text = text_of(doc)[candidate.start : candidate.end]
    quote = Quote(
        text=text, start=candidate.start, end=candidate.end, kind=candidate.kind, paragraph=candidate.paragraph
    )
    if candidate.intro is not None:
        cue = intro_verb(doc, *candidate.intro)
        if cue is None or _titled(text):
            return None
        return _credit(doc, entities, quote, cue, candidate.start, candidate.end, known, bounds)
    if candidate.named:
        return _credit_name_line(quote, text, candidate.start, entities, known)
    if _titled(text) or (len(text.split()) < 2 and candidate.kind == "partial"):
        return None
    label = TRANSCRIPT_LABEL.match(text)
    if label is not None and label.group(1).lower() not in NOT_SPEAKERS:
        return _credit_label(quote, label, candidate.start, entities, known)
    credit = DASH_CREDIT.match(text_of(doc), candidate.end)
    if credit is not None and _credit_line(credit):
        return _credit_label(quote, credit, 0, entities, known, title=False, leads=False)
    label_name = colon_label(doc, candidate.start, entities)
    if label_name is not None:
        return _credit_name(quote, label_name, entities, known)
    verbs = SPEECH_VERBS | CHANNEL_VERBS | {"report"}
    if candidate.kind != "partial":
        verbs |= WHOLE_QUOTE_VERBS
    cue = cue_near(doc, candidate.start, candidate.end, bounds, verbs)
    lead = tag_before(doc, candidate.start, bounds) if candidate.kind != "partial" else None
    if cue is not None and lead is not None and not _governs(cue, doc, candidate) and _farther(cue, lead, candidate):
        # "When Trump suggested ..., Rubio fired back: '...'": the clause leading into the quote wins
        # over a reporting verb that merely sits nearby.
        cue = lead
    if cue is None:
        cue = _intro_cue(doc, candidate, paragraphs, bounds)
    if cue is None:
        according = _according_in(doc, candidate, entities, known, quote)
        if according is not None:
            return according
    if cue is None and candidate.kind == "partial" and not candidate.single:
        cue = _governing_verb(doc, candidate)
    # Then a credit clause against the quote, whatever its verb: '"...?" Vitter demanded.'
    for found in (cue, tag_after(doc, candidate.end, bounds), lead):
        if found is not None:
            credited = _credit(doc, entities, quote, found, candidate.start, candidate.end, known, bounds)
            if credited.speaker_mention is not None or credited.channel is not None:
                return credited
    if _short(candidate, text):
        return None
    report = previous_report(doc, candidate.start, bounds)
    if report is not None:
        credited = _credit(doc, entities, quote, report, candidate.start, candidate.end, known, bounds)
        if credited.speaker_mention is not None:
            return credited
    previous = earlier[-1] if earlier else None
    if previous is not None and _continues(text_of(doc), previous, candidate):
        return quote.model_copy(
            update={
                k: getattr(previous, k)
                for k in ("speaker", "speaker_key", "speaker_mention", "role", "affiliation", "cue", "channel")
            }
            | {"speaker_start": previous.speaker_start, "speaker_end": previous.speaker_end}
        )
    return quote


def _credit_label(
    quote: Quote,
    label: re.Match[str],
    offset: int,
    entities: list[Entity],
    known: list[KnownSpeaker],
    title: bool = True,
    leads: bool = True,
) -> Quote:
    """'PENCE: Well, ...' or '"..." - Yasser al-Youssef': a quote credited by a name label.

    title: the label is in capitals ('PENCE'); leads: the label heads the line and the words follow it.
    """
    raw = label.group(1).rstrip(".")
    name = full_name(raw.title() if title else raw, offset, entities)
    known.append(KnownSpeaker(name, offset, True))
    words: dict[str, object] = {}
    if leads:  # "PENCE: Well, ...": the words start after the label
        skip = label.end() - 1
        words = {"start": quote.start + skip, "text": quote.text[skip:]}
    return quote.model_copy(
        update=words
        | {
            "speaker": name,
            "speaker_key": name_key(name),
            "speaker_mention": label.group(1),
            "speaker_start": offset + label.start(1),
            "speaker_end": offset + label.end(1),
        }
    )


def _credit_name_line(
    quote: Quote, text: str, offset: int, entities: list[Entity], known: list[KnownSpeaker]
) -> Quote | None:
    """'Pat Caddell: Democrat Voters Worried About ...': a line headed by a person or group the article names."""
    label = NAME_LINE.match(text)
    return None if label is None else _credit_label(quote, label, offset, entities, known, title=False)


def _credit_line(credit: re.Match[str]) -> bool:
    """A dash line a blank line below a quote credits it only when it is all a name ('- Bernie Sanders.')."""
    if "\n\n" not in credit.string[credit.start() : credit.start(1)].replace(" ", ""):
        return True
    words = credit.group(1).rstrip(".").split()
    return all(w[:1].isupper() or w.lower() in NAME_PARTICLES for w in words)


def _credit_name(quote: Quote, mention: Span, entities: list[Entity], known: list[KnownSpeaker]) -> Quote:
    """'Clinton: "Our goal is ..."': a quote credited by the name standing before it."""
    speaker, how = resolve(mention, entities, known)
    update: dict[str, object] = {
        "speaker_mention": mention.text,
        "speaker_start": mention.start_char,
        "speaker_end": mention.end_char,
    }
    if speaker is not None:
        update |= {"speaker": speaker, "speaker_key": name_key(speaker)}
        known.append(KnownSpeaker(speaker, mention.start_char, how != "group"))
    return quote.model_copy(update=update)


def _according_in(
    doc: Doc, candidate: Candidate, entities: list[Entity], known: list[KnownSpeaker], quote: Quote
) -> Quote | None:
    """'According to Malahifji, militants are going to "defend the city"': the quote is Malahifji's."""
    span = doc.char_span(candidate.start, candidate.end, alignment_mode="expand")
    if span is None:
        return None
    for tok in sentence(span[0]):
        if tok.lower_ != "according" or tok.i + 1 >= len(doc) or tok.nbor().lower_ != "to":
            continue
        objects = [c for c in tok.nbor().children if c.dep_ == "pobj"]
        if not objects or candidate.start <= objects[0].idx < candidate.end:
            continue
        source = doc[objects[0].left_edge.i : objects[0].right_edge.i + 1]
        speaker, _ = resolve(source, entities, known)
        update: dict[str, object] = {
            "speaker_mention": source.text,
            "speaker_start": source.start_char,
            "speaker_end": source.end_char,
            "cue": "according to",
        }
        if (speaker is not None and is_news(speaker)) or is_news(source.text):
            update["channel"] = source.text
        elif speaker is not None:
            update |= {"speaker": speaker, "speaker_key": name_key(speaker)}
        return quote.model_copy(update=update)
    return None


def _farther(cue: Token, lead: Token, candidate: Candidate) -> bool:
    """Whether the cue sits farther from the quote than the lead's verb: before the lead, or in a later sentence."""
    if cue.i < lead.i:
        return True
    between = text_of(cue.doc)[candidate.end : cue.idx]
    return cue.idx > candidate.end and re.search(r"[.!?][”\"’']*\s", between) is not None


def _governs(cue: Token, doc: Doc, candidate: Candidate) -> bool:
    """Whether the verb is above the quote in the parse ('said' in 'He said, "..."')."""
    span = doc.char_span(candidate.start, candidate.end, alignment_mode="expand")
    return span is not None and cue in span.root.ancestors


def _governing_verb(doc: Doc, candidate: Candidate) -> Token | None:
    """For a partial quote with no reporting verb ('praised it as "new ideas"'), the verb above it with a subject."""
    span = doc.char_span(candidate.start, candidate.end, alignment_mode="expand")
    if span is None:
        return None
    for ancestor in span.root.ancestors:
        if ancestor.pos_ == "VERB" and any(c.dep_ == "nsubj" for c in ancestor.children):
            return ancestor
    return None


PARTICLE_NAME = re.compile(r"[a-z]{1,3}-[A-Z]")


def _short(candidate: Candidate, text: str) -> bool:
    """Scare quotes: few words or single marks, and nobody credited with them."""
    return candidate.single or len(text.split()) < MIN_QUOTE_WORDS


def _titled(text: str) -> bool:
    """A title or a headline: every word capitalised but the small ones titles leave in lower case.

    Speech in capitals is not a title: "Can we win Illinois?" has 'we', "Like Oakland. Or Ferguson" two sentences.
    """
    words = [w for w in text.split() if len(w) > 3]
    lower_small = [w for w in text.split() if len(w) <= 3 and w.islower() and w.strip(".,;:") not in MINOR_WORDS]
    if lower_small or re.search(r"[.?!] [A-Z]", text):
        return False
    # A name's particle joined to a capitalised part is capitalised too: "Nur ad-Din", "al-Assad".
    return bool(words) and len(words) < 12 and all(w[:1].isupper() or PARTICLE_NAME.match(w) for w in words)


def _intro_cue(
    doc: Doc, candidate: Candidate, paragraphs: list[tuple[int, int]], bounds: list[tuple[int, int]]
) -> Token | None:
    """'The New York Times reports:' before a paragraph that opens with a quote."""
    p_start, _ = paragraphs[candidate.paragraph]
    if candidate.paragraph == 0 or candidate.start - p_start > 2:
        return None
    prev_start, prev_end = paragraphs[candidate.paragraph - 1]
    if not text_of(doc)[prev_start:prev_end].rstrip().endswith(":"):
        return None
    return intro_verb(doc, prev_start, prev_end)


def intro_verb(doc: Doc, start: int, end: int) -> Token | None:
    """The verb of the last sentence of a paragraph ending in a colon ('Caddell continued:')."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    # The parser often runs the intro's sentence on into the quote: only the intro's own words count.
    last = [t for t in sentence(span[-1]) if start <= t.idx < end]
    verbs = [t for t in last if t.pos_ in ("VERB", "AUX") and any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children)]
    speech = [t for t in verbs if t.lemma_.lower() in SPEECH_VERBS | CHANNEL_VERBS | {"report"}]
    chosen = speech or verbs
    return chosen[-1] if chosen else None


def _continues(text: str, previous: Quote, candidate: Candidate) -> bool:
    """A quote that follows another with only punctuation, or a paragraph break, between them."""
    if previous.speaker_mention is None and previous.channel is None:
        return False
    if previous.paragraph is None or candidate.paragraph - previous.paragraph > 1:
        return False
    between = text[previous.end : candidate.start]
    if candidate.paragraph == previous.paragraph:
        # '"...," Lavrov said. "We will ..."': a second quote in the paragraph keeps the speaker.
        return previous.speaker_end is None or previous.speaker_end <= candidate.start
    return between.strip(' \n"“”.,') == "" or _starts_paragraph(text, candidate.start)


def _starts_paragraph(text: str, start: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    return not text[line_start:start].strip(" \"“‘'")


def _credit(
    doc: Doc,
    entities: list[Entity],
    quote: Quote,
    cue: Token,
    start: int,
    end: int,
    known: list[KnownSpeaker],
    quoted: Sequence[tuple[int, int]] = (),
) -> Quote:
    """Fill speaker, role, affiliation, cue and channel from a reporting verb."""
    mention = speaker_words(cue, start, end, quoted)
    window = list(sentence(cue))
    channel = channel_of(cue, window)
    update: dict[str, object] = {"cue": cue.text.lower(), "channel": channel}
    if mention is None:
        return quote.model_copy(update=update)
    if len(mention) == 1 and mention[0].lower_ == "it" and mention[0].dep_ == "nsubjpass":
        return quote.model_copy(update=update)  # "it was reported that": nobody is named
    update |= {"speaker_mention": mention.text, "speaker_start": mention.start_char, "speaker_end": mention.end_char}
    if mention.text.lower() in ("who", "that", "which") and cue.dep_ == "relcl":
        # "officials who said ...": the words naming the speaker are the noun the clause hangs on.
        named = cue.doc[cue.head.left_edge.i : mention.start]
        mention = named if len(named) and named.text.strip(" ,") else mention
    speaker, how = resolve(mention, entities, known)
    if speaker is not None and (is_news(speaker) or cue.lemma_ in CHANNEL_VERBS) and how in ("person", "group"):
        update["channel"] = channel or speaker
        speaker = None
    role, affiliation = role_and_affiliation(mention, speaker) if how != "pronoun" else (None, None)
    if how != "pronoun":
        update |= {"role": role, "affiliation": affiliation}
    if speaker is not None:
        update |= {"speaker": speaker, "speaker_key": name_key(speaker)}
        known.append(KnownSpeaker(speaker, mention.start_char, how != "group", role))
    return quote.model_copy(update=update)


def indirect_speech(
    doc: Doc, entities: list[Entity], bounds: list[tuple[int, int]], paragraphs: list[tuple[int, int]]
) -> list[Quote]:
    """'X said (that) CLAUSE': the clause as reported speech, credited to the verb's subject."""
    quotes: list[Quote] = []
    known: list[KnownSpeaker] = []
    cue_verbs = INDIRECT_VERBS | INTENT_VERBS | STANCE_VERBS | learned_verbs().keys()
    for tok in doc:
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and tok.nbor().lower_ == "to":
            quotes += _according_to(doc, entities, tok, bounds, paragraphs, known)
            continue
        verb = lemma(tok)
        if tok.pos_ not in ("VERB", "AUX") or verb not in cue_verbs:
            continue
        if verb == "ask":
            continue  # "asked whether ...": a question put to someone, rarely a stated position
        clause = _reported_clause(tok) or _stance_object(tok) or learned_complement(tok, verb)
        if clause is None:
            continue
        if any(s < clause.end_char and clause.start_char < e for s, e in bounds):
            continue
        quote = Quote(
            text=clause.text,
            start=clause.start_char,
            end=clause.end_char,
            kind="indirect",
            paragraph=_paragraph_of(clause.start_char, paragraphs),
        )
        credited = _credit(doc, entities, quote, tok, clause.start_char, clause.end_char, known, bounds)
        # "It is expected that ...", "Civilians are said to have fled": reported, by nobody named.
        passive = any(c.dep_ == "auxpass" for c in tok.children)
        if credited.speaker_mention is not None or credited.channel is not None or passive:
            quotes.append(credited)
    return quotes


def _according_to(
    doc: Doc,
    entities: list[Entity],
    according: Token,
    bounds: list[tuple[int, int]],
    paragraphs: list[tuple[int, int]],
    known: list[KnownSpeaker],
) -> list[Quote]:
    """'According to X, CLAUSE': the rest of the sentence is credited to X (or came through X)."""
    objects = [c for c in according.nbor().children if c.dep_ == "pobj"]
    if not objects:
        return []
    source = doc[objects[0].left_edge.i : objects[0].right_edge.i + 1]
    clause_sentence = sentence(according)
    before = [t for t in clause_sentence if t.i < according.i]
    after = [t for t in clause_sentence if t.i > source.end - 1]
    side = max(before, after, key=len)
    while side and (side[0].is_punct or side[0].is_space):
        side = side[1:]
    while side and (side[-1].is_punct or side[-1].is_space):
        side = side[:-1]
    if len(side) < 3:
        return []
    clause = doc[side[0].i : side[-1].i + 1]
    if any(s < clause.end_char and clause.start_char < e for s, e in bounds):
        return []
    mention_text = source.text
    speaker, how = resolve(source, entities, known)
    channel = None
    if (speaker is not None and is_news(speaker)) or is_news(mention_text):
        channel, speaker = mention_text, None
    role, affiliation = role_and_affiliation(source, speaker) if how != "pronoun" else (None, None)
    return [
        Quote(
            text=clause.text,
            start=clause.start_char,
            end=clause.end_char,
            kind="indirect",
            speaker=speaker,
            speaker_key=name_key(speaker) if speaker else None,
            speaker_mention=mention_text,
            speaker_start=source.start_char,
            speaker_end=source.end_char,
            role=None if channel else role,
            affiliation=affiliation,
            cue="according to",
            channel=channel,
            paragraph=_paragraph_of(clause.start_char, paragraphs),
        )
    ]


def _stance_object(verb: Token) -> Span | None:
    """What a stance verb is about: 'Trump denied the report', 'she called for a ban'."""
    if lemma(verb) not in STANCE_VERBS:
        return None
    for child in verb.children:
        target = child
        if child.dep_ == "prep" and child.lower_ in ("for", "about", "on", "to", "against", "as"):
            target = next((c for c in child.children if c.dep_ == "pobj"), child)
        elif child.dep_ not in ("dobj", "oprd"):
            continue  # oprd: 'called him "a liar"'

        tokens = list(target.subtree)
        if len(tokens) >= 2 and target.pos_ != "PRON":
            return verb.doc[tokens[0].i : tokens[-1].i + 1]
    return None


def _reported_clause(verb: Token) -> Span | None:
    """The clausal complement of a reporting verb, without 'that'."""
    for child in verb.children:
        passive = any(c.dep_ == "auxpass" for c in verb.children)
        if child.dep_ == "xcomp" and (lemma(verb) in INTENT_VERBS or passive):
            tokens = list(child.subtree)
            return verb.doc[tokens[0].i : tokens[-1].i + 1] if len(tokens) >= 3 else None
        if child.dep_ != "ccomp":
            continue
        if (clause := clause_span(child, min_tokens=3)) is not None:
            return clause
    return None


def _share_roles(quotes: list[Quote], text: str) -> list[Quote]:
    """A speaker's role and group, given once in the article, hold for all their quotes."""
    roles: dict[str, tuple[str | None, str | None]] = {}
    for quote in quotes:
        if quote.speaker_key and (quote.role or quote.affiliation):
            old = roles.get(quote.speaker_key, (None, None))
            roles[quote.speaker_key] = (old[0] or quote.role, old[1] or quote.affiliation)
    for quote in quotes:
        if quote.speaker and quote.speaker_key and not roles.get(quote.speaker_key, (None, None))[1]:
            group = group_named_with(quote.speaker, text)
            if group:
                roles[quote.speaker_key] = (roles.get(quote.speaker_key, (None, None))[0], group)
    shared = []
    for quote in quotes:
        role, affiliation = roles.get(quote.speaker_key or "", (None, None))
        shared.append(
            quote.model_copy(update={"role": quote.role or role, "affiliation": quote.affiliation or affiliation})
        )
    return shared
