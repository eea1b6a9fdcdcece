"""Bytes of a web page to text, in the encoding the page really uses."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

_DECLARED = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w:.-]+)|<\?xml[^>]+encoding\s*=\s*["']([\w:.-]+)""", re.I
)
# Browsers read these labels as the wider Windows code page; so do we.
_WHATWG_ALIASES = {
    "iso-8859-1": "cp1252",
    "latin-1": "cp1252",
    "latin1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
}
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def declared_encoding(data: bytes) -> str | None:
    """The charset a page declares in a meta tag or XML declaration, if any."""
    match = _DECLARED.search(data[:8192])
    if not match:
        return None
    label = (match.group(1) or match.group(2)).decode("ascii", "ignore").lower()
    return _usable(label)


def _usable(label: str | None) -> str | None:
    if not label:
        return None
    label = _WHATWG_ALIASES.get(label.lower(), label.lower())
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def decode_html(data: bytes, header_charset: str | None = None) -> str:
    """Text of `data`: BOM, then valid UTF-8, then the HTTP or meta charset (UTF-8 declared wins over
    a few invalid bytes), then detection."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data.decode(name, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    for label in (_usable(header_charset), declared_encoding(data)):
        if label in ("utf-8", "utf_8"):
            # Declared UTF-8 with a few stray bytes: browsers keep UTF-8 and show those bytes as
            # replacement characters; guessing another code page garbles every accented letter.
            return data.decode("utf-8", errors="replace")
        if label:
            try:
                return data.decode(label)
            except (UnicodeDecodeError, LookupError):
                continue
    best = from_bytes(data[:200_000]).best()
    if best is not None and best.encoding:
        return data.decode(best.encoding, errors="replace")
    return data.decode("cp1252", errors="replace")
