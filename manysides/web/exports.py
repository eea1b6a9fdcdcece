"""Downloads of the whole store: all.json, or one table as CSV or Parquet."""

from __future__ import annotations

import io

from fastapi import HTTPException
from fastapi.responses import Response

from manysides.report.export import TABLES, CsvTable, export_csv, export_json, export_parquet
from manysides.store import Store

EXPORTS: tuple[str, ...] = ("all.json", *(f"{t}.{f}" for t in TABLES for f in ("csv", "parquet")))
MEDIA = {"json": "application/json", "csv": "text/csv; charset=utf-8", "parquet": "application/vnd.apache.parquet"}


def export_response(store: Store, name: str) -> Response:
    """The named export as a download; names are matched against a fixed list, never used as paths."""
    if name not in EXPORTS:
        raise HTTPException(404, f"no export named {name!r}; choose one of {', '.join(EXPORTS)}")
    table, fmt = name.rsplit(".", 1)
    if fmt == "json":
        text = io.StringIO()
        count = export_json(store, text)
        body: bytes = text.getvalue().encode("utf-8")
    elif fmt == "csv":
        text = io.StringIO(newline="")
        count = export_csv(store, _table(table), text)
        body = text.getvalue().encode("utf-8")
    else:
        binary = io.BytesIO()
        count = export_parquet(store, _table(table), binary)
        body = binary.getvalue()
    headers = {"Content-Disposition": f'attachment; filename="manysides-{name}"', "X-Row-Count": str(count)}
    return Response(body, media_type=MEDIA[fmt], headers=headers)


def _table(name: str) -> CsvTable:
    for table in TABLES:
        if table == name:
            return table
    raise HTTPException(404, f"no table named {name!r}")
