"""Batch: a corpus of pages through the whole pipeline on Dask, into Parquet (and the store)."""

from manysides.batch.run import BatchOptions, BatchReport, connect, run_batch

__all__ = ["BatchOptions", "BatchReport", "connect", "run_batch"]
