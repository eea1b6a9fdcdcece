"""Ingest: inputs (files, folders, JSONL, manifests) into Page records."""

from manysides.ingest.files import read_inputs
from manysides.ingest.manifest import ManifestRow, read_manifest

__all__ = ["ManifestRow", "read_inputs", "read_manifest"]
