"""Crash-safe local storage: SQLite for facts, a content-addressed folder for files."""

from .blobs import BlobStore
from .db import Database
from .store import Store, open_store

__all__ = ["BlobStore", "Database", "Store", "open_store"]
