"""Store: the embedded SQLite database every command reads and writes."""

from manysides.store.db import Store, default_db_path

__all__ = ["Store", "default_db_path"]
