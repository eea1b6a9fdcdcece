"""Web: a local FastAPI app over the store, with the report's views, search, adding articles and a JSON API."""

from manysides.web.app import create_app

__all__ = ["create_app"]
