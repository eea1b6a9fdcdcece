"""Names an article itself says are one actor: 'JFS (formerly Jabhat al-Nusra)', 'Ahrar al-Sham (also known as ...)'."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A name: capitalised words, with Arabic particles and short linking words inside ("Jabhat al-Nusra").
_NAME = r"(?:the\s+)?[A-Z][\w'’.-]*(?:\s+(?:(?:al|el|ad|as|ash|of|the|and|de|bin)[\s-]+)?[A-Z][\w'’.-]*)*"
_CUE = (
    r"(?:formerly(?:\s+known\s+as)?|previously(?:\s+known\s+as)?|also\s+known\s+as|a\.k\.a\.?|aka"
    r"|known\s+as|once\s+called|now\s+called|renamed)"
)
# "X (formerly Y)", "X, formerly Y,", "X (previously known as the Y)".
_ALIAS = re.compile(rf"(?P<name>{_NAME})\s*[(,]\s*(?P<cue>{_CUE})\s+(?P<alias>{_NAME})")


@dataclass(frozen=True)
class StatedAlias:
    """Two names the text gives for one actor, and the words that say so."""

    name: str
    alias: str
    cue: str
    start: int
    end: int


def find_aliases(text: str) -> list[StatedAlias]:
    """Aliases stated in the text: 'formerly', 'previously known as', 'also known as'.

    "JFS/Nusra" is not read as one: at scale the slash joins lists ("GOP/Obama policies") far more often.
    """
    found = []
    for match in _ALIAS.finditer(text):
        name, alias = _clean(match.group("name")), _clean(match.group("alias"))
        if name and alias and name.lower() != alias.lower():
            cue = re.sub(r"\s+", " ", match.group("cue"))
            found.append(StatedAlias(name, alias, cue, match.start(), match.end()))
    return found


def _clean(name: str) -> str:
    return re.sub(r"^(?:the|The)\s+", "", name).strip(" ,.'’")
