"""`ArchiveReader`: the read-only archive connection a spider middleware holds for one run."""

from __future__ import annotations

from typing import Self

from scrapy import signals
from scrapy.crawler import Crawler

from newscrawler.archive.lookup import ArchiveLookup
from newscrawler.commands import require_recording


class ArchiveReader:
    """Opens `ArchiveLookup` on `ARCHIVE_PATH` when the spider opens and closes it after."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.archive_path = crawler.settings.get("ARCHIVE_PATH")
        self.archive: ArchiveLookup | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        require_recording(crawler)
        middleware = cls(crawler)
        crawler.signals.connect(middleware.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(middleware.spider_closed, signal=signals.spider_closed)
        return middleware

    def spider_opened(self) -> None:
        # Read-only, beside the pipeline's connection: it never waits for the pipeline's batch.
        # The pipeline has created the archive (it opens before this signal).
        self.archive = ArchiveLookup(self.archive_path)

    def spider_closed(self) -> None:
        if self.archive is not None:
            self.archive.close()
            self.archive = None
