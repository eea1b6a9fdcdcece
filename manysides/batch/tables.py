"""Arrow schemas derived from the records, and Parquet files written atomically.

The schema is read off the pydantic model, so a field another stage adds to a
record shows up in the Parquet files without a change here, and a row read
back validates into the same record.
"""

from __future__ import annotations

import datetime as dt
import os
import types
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin

import pyarrow as pa
import pyarrow.parquet as pq
from pydantic import BaseModel

from manysides.models import Article, Entity, Page, Quote, Skipped


def arrow_type(annotation: Any) -> pa.DataType:
    """The Arrow type of a field annotation (records become structs, lists become lists)."""
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        (inner,) = [a for a in get_args(annotation) if a is not type(None)]
        return arrow_type(inner)
    if origin is Literal:
        return pa.string()
    if origin in (list, tuple):
        return pa.list_(arrow_type(get_args(annotation)[0]))
    if origin is dict:
        key, value = get_args(annotation)
        return pa.map_(arrow_type(key), arrow_type(value))
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return pa.struct(list(arrow_schema(annotation)))
    scalars: dict[Any, pa.DataType] = {
        str: pa.string(),
        int: pa.int64(),
        float: pa.float64(),
        bool: pa.bool_(),
        dt.date: pa.date32(),
        dt.datetime: pa.timestamp("s", tz="UTC"),
    }
    if annotation in scalars:
        return scalars[annotation]
    raise TypeError(f"no Arrow type for {annotation!r}")


def arrow_schema(model: type[BaseModel], prefix: Sequence[tuple[str, pa.DataType]] = ()) -> pa.Schema:
    """The schema of a record's rows, after `prefix` columns (e.g. the article a quote is in)."""
    fields = [pa.field(name, kind) for name, kind in prefix]
    fields += [pa.field(name, arrow_type(info.annotation)) for name, info in model.model_fields.items()]
    return pa.schema(fields)


_CONTEXT = (("article_id", pa.string()), ("outlet", pa.string()), ("date", pa.date32()))
ARTICLES = arrow_schema(Article)
QUOTES = arrow_schema(Quote, _CONTEXT)
ENTITIES = arrow_schema(Entity, _CONTEXT)
PAGES = arrow_schema(Page)
SKIPPED = arrow_schema(Skipped)


def article_rows(articles: Sequence[Article]) -> pa.Table:
    return pa.Table.from_pylist([a.model_dump() for a in articles], schema=ARTICLES)


def quote_rows(articles: Sequence[Article]) -> pa.Table:
    """One row per quote, with the article, outlet and date it appeared in."""
    rows = [{**_context(a), **q.model_dump()} for a in articles for q in a.quotes]
    return pa.Table.from_pylist(rows, schema=QUOTES)


def entity_rows(articles: Sequence[Article]) -> pa.Table:
    """One row per entity mention, with the article, outlet and date it appeared in."""
    rows = [{**_context(a), **e.model_dump()} for a in articles for e in a.entities]
    return pa.Table.from_pylist(rows, schema=ENTITIES)


def _context(article: Article) -> dict[str, object]:
    return {"article_id": article.id, "outlet": article.outlet, "date": article.date.value}


def records(table: pa.Table, model: type[BaseModel]) -> list[Any]:
    """Rows of a table validated back into records (map columns come back as pairs)."""
    return [model.model_validate(_unpair(row, model)) for row in table.to_pylist()]


def _unpair(row: dict[str, Any], model: type[BaseModel]) -> dict[str, Any]:
    for name, info in model.model_fields.items():
        if get_origin(info.annotation) is dict and isinstance(row.get(name), list):
            row[name] = dict(row[name])
    return row


def write_table(table: pa.Table, path: Path) -> None:
    """Write a Parquet file so that readers see the whole file or none of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # A unique name: a task of a killed run may still be writing the same partition.
    partial = path.with_name(f".{path.name}.{uuid.uuid4().hex}.partial")
    pq.write_table(table, partial, compression="zstd")
    os.replace(partial, path)
