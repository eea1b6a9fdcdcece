"""Report: a JSON file and a self-contained HTML page per story."""

from __future__ import annotations

from pathlib import Path

from manysides.models import StoryAnalysis
from manysides.report.html import render_story

__all__ = ["render_story", "write_story"]


def write_story(analysis: StoryAnalysis, out_dir: Path) -> tuple[Path, Path]:
    """Write `<story id>.json` and `<story id>.html` into `out_dir`."""
    out_dir.mkdir(parents=True, exist_ok=True)
    json_path = out_dir / f"{analysis.story.id}.json"
    html_path = out_dir / f"{analysis.story.id}.html"
    json_path.write_text(analysis.model_dump_json(indent=2), encoding="utf-8")
    html_path.write_text(render_story(analysis), encoding="utf-8")
    return json_path, html_path
