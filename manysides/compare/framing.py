"""Framing: how each outlet names the actors, its loaded wording, its distinctive words, what it leaves out."""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence

from manysides.compare.claims import STOP
from manysides.compare.lexicons import actor_labels, editorial_pattern, lexicon_sources, loaded_words
from manysides.compare.voice import attributed, inside, quoted_spans, scare_quotes, sentence_of
from manysides.models import (
    Actor,
    Article,
    Claim,
    DistinctiveWord,
    Framing,
    MarkKind,
    NamingCell,
    Omission,
    WordingMark,
)

MAX_EXAMPLES = 2
DISTINCTIVE_PER_OUTLET = 12
DISTINCTIVE_MIN_Z = 1.96  # about p < .05 two-sided
PRIOR_STRENGTH = 200.0  # pseudo-counts of the informative prior, spread by the story's word shares
MAX_OMISSIONS = 8
MAX_NAMED_ACTORS = 8
NAMED_ACTOR_LABELS = frozenset({"ORG", "NORP"})
EDITORIAL_MIN_SCORE = 2
_WORD = re.compile(r"[a-z][a-z'’-]+")


def frame_story(
    articles: Sequence[Article],
    claims: Sequence[Claim] = (),
    marks: Sequence[WordingMark] | None = None,
    actors: Sequence[Actor] = (),
) -> Framing:
    """Everything the framing section of the report shows (`marks` when already computed)."""
    naming = naming_matrix(articles, actors)
    return Framing(
        actors=sorted({c.actor for c in naming}),
        naming=naming,
        marks=list(marks) if marks is not None else [m for a in articles for m in mark_wording(a)],
        distinctive=distinctive_words(articles),
        omissions=omissions(articles, claims),
        lexicons=lexicon_sources(),
    )


def naming_matrix(articles: Sequence[Article], actors: Sequence[Actor] = ()) -> list[NamingCell]:
    """Outlet x actor: each label used, how often in the outlet's own voice or in quotes, with examples.

    Actors are the sides of the conflict (labels from the lexicon) and the named groups that outlets
    spell differently (from compare.actors, e.g. Nour al-Deen al-Zinki / Nur al-Din al-Zinki)."""
    named = _named_actors(actors, articles)
    cells: dict[tuple[str, str, str], NamingCell] = {}
    examples: dict[tuple[str, str, str], list[tuple[bool, str]]] = defaultdict(list)
    for article in articles:
        quoted = quoted_spans(article)
        scare = scare_quotes(article)
        for group, label, start, end in _label_uses(article.body) + _name_uses(article.body, named):
            key = (article.outlet, group, label)
            cell = cells.setdefault(key, NamingCell(outlet=article.outlet, actor=group, label=label))
            cell.count += 1
            in_scare = any(s <= start and end <= e for s, e in scare) or label.startswith("'")
            if inside(quoted, start, end) and not in_scare:
                cell.quoted += 1
            else:
                cell.own_voice += 1
            cell.scare_quoted += in_scare
            s, e = sentence_of(article, start)
            examples[key].append((inside(quoted, start, end) and not in_scare, article.body[s:e]))
    for key, cell in cells.items():
        ordered = sorted(dict.fromkeys(examples[key]), key=lambda x: x[0])  # own voice first
        cell.examples = [text for _, text in ordered[:MAX_EXAMPLES]]
    return sorted(cells.values(), key=lambda c: (c.outlet, c.actor, -c.count, c.label))


def _named_actors(actors: Sequence[Actor], articles: Sequence[Article]) -> list[Actor]:
    """Groups named by at least two outlets under more than one spelling, most mentioned first."""
    outlet_of = {a.id: a.outlet for a in articles}
    chosen = [
        actor
        for actor in actors
        if actor.label in NAMED_ACTOR_LABELS
        and len(set(actor.names)) > 1
        and len({outlet_of.get(i) for i in actor.article_ids} - {None}) > 1
    ]
    return sorted(chosen, key=lambda a: (-a.mentions, a.name))[:MAX_NAMED_ACTORS]


def _name_uses(body: str, actors: Sequence[Actor]) -> list[tuple[str, str, int, int]]:
    """(actor, spelling, start, end) of each spelling of the named actors, longer spellings first."""
    taken: list[tuple[int, int]] = []
    uses = []
    for actor in actors:
        for name in sorted(set(actor.names), key=len, reverse=True):
            for match in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", body):
                if not any(s < match.end() and match.start() < e for s, e in taken):
                    taken.append(match.span())
                    uses.append((actor.name, name, match.start(), match.end()))
    return uses


def _label_uses(body: str) -> list[tuple[str, str, int, int]]:
    """(group, label, start, end) of each actor label, longer labels first, no overlaps."""
    taken: list[tuple[int, int]] = []
    uses = []
    for label in actor_labels():
        for match in label.pattern.finditer(body):
            start, end = match.span()
            if any(s < end and start < e for s, e in taken):
                continue
            if label.label in {"government", "army"} and _is_modifier(body, end):
                continue
            taken.append((start, end))
            uses.append((label.group, label.label, start, end))
    return sorted(uses, key=lambda u: u[2])


def _is_modifier(body: str, end: int) -> bool:
    """'government officials', 'army medic': the word names something else."""
    return bool(re.match(r"\s+(?:officials?|spokesm[ae]n|sources?|medics?|ministers?|statement)\b", body[end:]))


def mark_wording(article: Article) -> list[WordingMark]:
    """Loaded words, scare quotes and editorial sentences in one article, each with its reason."""
    quoted = quoted_spans(article)
    marks = []
    lexicon = loaded_words()
    for match in _WORD.finditer(article.body.lower()):
        category = lexicon.get(match.group(0).replace("’", "'"))
        if category:
            own = not inside(quoted, match.start(), match.end())
            marks.append(_mark(article, "loaded", match.start(), match.end(), own, f"{category} word"))
    for start, end in scare_quotes(article):
        marks.append(
            _mark(article, "scare_quote", start, end, True, "quote marks around words no one is credited with")
        )
    for sentence in article.sentences:
        reason = editorial_reason(article, sentence.start, sentence.end, quoted)
        if reason:
            marks.append(_mark(article, "editorial", sentence.start, sentence.end, True, reason))
    return sorted(marks, key=lambda m: (m.start, m.kind))


def _mark(article: Article, kind: MarkKind, start: int, end: int, own: bool, reason: str) -> WordingMark:
    return WordingMark(
        article_id=article.id,
        outlet=article.outlet,
        kind=kind,
        start=start,
        end=end,
        text=article.body[start:end],
        own_voice=own,
        reason=reason,
    )


def editorial_reason(article: Article, start: int, end: int, quoted: list[tuple[int, int]]) -> str:
    """Why a sentence reads as the outlet's own opinion, or '' when it does not."""
    text = article.body[start:end]
    if inside(quoted, start, end) or attributed(text) or _mostly_quoted(quoted, start, end):
        return ""
    lowered = text.lower()
    markers = list(dict.fromkeys(m.group(0) for m in editorial_pattern().finditer(lowered)))
    loaded = [w for w in _WORD.findall(lowered) if w in loaded_words()]
    score = 2 * len(markers) + len(loaded) + (1 if "!" in text or text.rstrip().endswith("?") else 0)
    if score < EDITORIAL_MIN_SCORE:
        return ""
    found = [f"'{m}'" for m in markers] + [f"'{w}'" for w in dict.fromkeys(loaded)]
    return "unattributed opinion: " + ", ".join(found[:5])


def _mostly_quoted(quoted: list[tuple[int, int]], start: int, end: int) -> bool:
    covered = sum(max(0, min(e, end) - max(s, start)) for s, e in quoted)
    return covered > 0.5 * (end - start)


def distinctive_words(articles: Sequence[Article]) -> list[DistinctiveWord]:
    """Per outlet, words it uses more than the others: log-odds ratio with an informative Dirichlet prior."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for article in articles:
        counts[article.outlet].update(w for w in _WORD.findall(article.body.lower()) if w not in STOP)
    if len(counts) < 2:
        return []
    total: Counter[str] = Counter()
    for c in counts.values():
        total.update(c)
    n_total = sum(total.values())
    out = []
    for outlet, own in counts.items():
        rest = total - own
        n_own, n_rest = sum(own.values()), sum(rest.values())
        scored = []
        for word, y_i in own.items():
            alpha = PRIOR_STRENGTH * total[word] / n_total
            y_j = rest[word]
            delta = math.log((y_i + alpha) / (n_own + PRIOR_STRENGTH - y_i - alpha)) - math.log(
                (y_j + alpha) / (n_rest + PRIOR_STRENGTH - y_j - alpha)
            )
            z = delta / math.sqrt(1 / (y_i + alpha) + 1 / (y_j + alpha))
            if z >= DISTINCTIVE_MIN_Z:
                scored.append(DistinctiveWord(outlet=outlet, word=word, z=round(z, 2), count=y_i))
        scored.sort(key=lambda d: -d.z)
        out += scored[:DISTINCTIVE_PER_OUTLET]
    return out


def omissions(articles: Sequence[Article], claims: Sequence[Claim]) -> list[Omission]:
    """Claims at least two other outlets report that an outlet leaves out, most widely reported first."""
    outlets = sorted({a.outlet for a in articles})
    out = []
    for outlet in outlets:
        missing = [c for c in claims if outlet not in c.outlets and len(c.outlets) >= 2]
        missing.sort(key=lambda c: (-len(c.sources), -len(c.outlets), c.id))
        out += [
            Omission(outlet=outlet, claim_id=c.id, text=c.text, reported_by=c.outlets) for c in missing[:MAX_OMISSIONS]
        ]
    return out
