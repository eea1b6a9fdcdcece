"""Named entities from a spaCy Doc as Entity records."""

from __future__ import annotations

from spacy.tokens import Doc

from manysides.annotate.names import name_key
from manysides.models import Entity

# Dates, numbers and money are handled as figures and time expressions elsewhere.
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT"})


def find_entities(doc: Doc) -> list[Entity]:
    """Named entities of the kinds that name actors and places."""
    entities = []
    for ent in doc.ents:
        if ent.label_ not in ENTITY_LABELS:
            continue
        key = name_key(ent.text)
        if not key:
            continue
        entities.append(Entity(text=ent.text, label=ent.label_, start=ent.start_char, end=ent.end_char, key=key))
    return entities
