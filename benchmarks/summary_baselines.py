"""The summary baselines: lead, and sumy's LexRank and TextRank on a regex sentence splitter.

sumy's own tokenizer needs NLTK's punkt data, which cannot be downloaded here, so sumy gets
a tokenizer object of ours: sentences split after . ! ? before a capital or digit, words by a
regex. Each baseline returns sentences that are verbatim pieces of the input texts, so each can
cite its own article.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from sumy.nlp.stemmers import Stemmer
from sumy.parsers.plaintext import PlaintextParser
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.summarizers.text_rank import TextRankSummarizer
from sumy.utils import get_stop_words

SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])")
WORD = re.compile(r"\w+(?:['’]\w+)*")


class RegexTokenizer:
    """What sumy asks of a tokenizer, without NLTK data."""

    language = "english"

    def to_sentences(self, paragraph: str) -> list[str]:
        return split_sentences(paragraph)

    def to_words(self, sentence: str) -> list[str]:
        return WORD.findall(sentence)


def split_sentences(text: str) -> list[str]:
    """Sentences of a text (paragraph breaks always end one), stripped, verbatim otherwise."""
    out = []
    for paragraph in re.split(r"\n\s*\n", text):
        out += [s.strip() for s in SENTENCE_END.split(paragraph.strip()) if s.strip()]
    return out


def lead(texts: Sequence[str], words_wanted: int) -> list[str]:
    """The texts' sentences in input order until the word budget is reached."""
    out: list[str] = []
    for sentence in (s for t in texts for s in split_sentences(t)):
        if sum(len(x.split()) for x in out) >= words_wanted:
            break
        out.append(sentence)
    return out


def lead_per_article(texts: Sequence[str], sentences_wanted: int) -> list[str]:
    """Multi-document lead: the first sentence of each article, then the second, and so on."""
    split = [split_sentences(t) for t in texts]
    out: list[str] = []
    for rank in range(max((len(s) for s in split), default=0)):
        out += [s[rank] for s in split if rank < len(s)]
    return out[:sentences_wanted]


def sumy_summary(kind: str, texts: Sequence[str], words_wanted: int = 0, sentences_wanted: int = 0) -> list[str]:
    """LexRank or TextRank sentences in document order: a fixed count, or until the word budget is met."""
    document = PlaintextParser.from_string("\n\n".join(t for t in texts if t.strip()), RegexTokenizer()).document
    summarizer = LexRankSummarizer(Stemmer("english")) if kind == "lexrank" else TextRankSummarizer(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    total = len(document.sentences)
    if sentences_wanted:
        return [str(s) for s in summarizer(document, min(sentences_wanted, total))]
    count = 1
    while True:
        chosen = [str(s) for s in summarizer(document, count)]
        if sum(len(s.split()) for s in chosen) >= words_wanted or count >= total:
            return chosen
        count += 1
