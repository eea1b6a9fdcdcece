"""The record of finished work that lets a killed batch run resume where it stopped.

Each finished unit (a partition of pages, the story grouping, a story bucket,
the load into the store) is noted with a digest of what it was made from. The
file is replaced atomically (write aside, fsync, rename), so after a kill it
holds either the old or the new state, never half of one. A unit's outputs are
written before it is noted, so a noted unit is complete; an unnoted one is
redone and its files overwritten, never added to.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

MANIFEST_NAME = "manifest.json"
VERSION = 1


class RunManifest:
    """Done units by stage, kept in `out/manifest.json`."""

    def __init__(self, out: Path) -> None:
        self.path = out / MANIFEST_NAME
        self.stages: dict[str, dict[str, Any]] = {}
        if self.path.exists():
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if data.get("version") == VERSION:
                self.stages = data.get("stages", {})

    def done(self, stage: str, key: str, digest: str | None = None) -> bool:
        """True when `key` of `stage` was finished (from the same inputs, when a digest is given)."""
        entry = self.stages.get(stage, {}).get(key)
        return entry is not None and (digest is None or entry.get("digest") == digest)

    def entries(self, stage: str) -> dict[str, Any]:
        return dict(self.stages.get(stage, {}))

    def mark(self, stage: str, key: str, entry: dict[str, Any]) -> None:
        """Note a finished unit and save at once."""
        self.stages.setdefault(stage, {})[key] = entry
        self.save()

    def reset(self, *stages: str) -> None:
        """Forget the given stages (their inputs changed); saved at once."""
        for stage in stages:
            self.stages.pop(stage, None)
        self.save()

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_name(f".{self.path.name}.partial")
        with partial.open("w", encoding="utf-8") as handle:
            json.dump({"version": VERSION, "stages": self.stages}, handle, sort_keys=True)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, self.path)
