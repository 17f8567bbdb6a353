"""The SQLite archive: schema migrations, article upserts, revisions, runs and failures."""

from newscrawler.archive.store import Archive, SaveStatus

__all__ = ["Archive", "SaveStatus"]
