"""Reading documents: one reader per input format, metadata taken from the text where it states it."""

from geokg.ingest.text import read_path, read_text

__all__ = ["read_path", "read_text"]
