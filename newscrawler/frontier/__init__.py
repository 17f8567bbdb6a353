"""Cluster mode: `NEWSCRAWLER_FRONTIER=redis://…` swaps in the shared frontier's components.

Without the setting the add-on is left out and nothing changes. With it, every worker
(`scrapy crawl sana -s NEWSCRAWLER_FRONTIER=…`) takes its requests from one scrapy-redis queue,
drops what any worker has seen (by the archive's canonical identity), waits for each host's
cluster-wide turn, and hands its results to Redis for the one `archive-writer`.
"""

from __future__ import annotations

import os
import socket
from typing import Any

from scrapy.exceptions import NotConfigured
from scrapy.settings import BaseSettings

# Every Redis key of the project starts with this.
KEY_PREFIX = "newscrawler"
# Results (articles, failures, run counters) wait here for the archive writer.
OUTBOX_KEY = f"{KEY_PREFIX}:outbox"
# Entries the writer has taken from the outbox and not yet committed.
OUTBOX_PROCESSING_KEY = f"{KEY_PREFIX}:outbox:processing"

# A frontier worker's CONCURRENT_REQUESTS, unless the command line gives one.
WORKER_CONCURRENCY = 2

# What the add-on sets; a component another helper or the user set stays where it is.
_COMPONENT_SWAPS: dict[str, dict[str, int | None]] = {
    "ITEM_PIPELINES": {
        "newscrawler.pipelines.ArchivePipeline": None,
        "newscrawler.frontier.outbox.OutboxPipeline": 800,
    },
    "SPIDER_MIDDLEWARES": {
        # Outermost: it sees the last of a response's output, after every other middleware.
        "newscrawler.frontier.outbox.DoneMarkerMiddleware": 1,
    },
}


class Frontier:
    """Scrapy add-on: turns a worker into a member of the cluster `NEWSCRAWLER_FRONTIER` names."""

    def update_settings(self, settings: BaseSettings) -> None:
        url = settings.get("NEWSCRAWLER_FRONTIER")
        if not url:
            raise NotConfigured
        swaps: dict[str, Any] = {
            "REDIS_URL": url,
            "SCHEDULER": "newscrawler.frontier.scheduler.FrontierScheduler",
            "DUPEFILTER_CLASS": "newscrawler.frontier.scheduler.CanonicalDupeFilter",
            # Requests a worker takes from the shared queue at once (Scrapy's default is 16):
            # what it holds is not shared with idle workers and is what a kill -9 costs.
            "CONCURRENT_REQUESTS": WORKER_CONCURRENCY,
            # A stopped or killed cluster resumes; a finished one resets (FrontierScheduler.close).
            "SCHEDULER_PERSIST": True,
            "SCHEDULER_QUEUE_KEY": f"{KEY_PREFIX}:%(spider)s:requests",
            "SCHEDULER_DUPEFILTER_KEY": f"{KEY_PREFIX}:%(spider)s:seen",
            # Workers may share a WARC folder; each writes files of its own.
            "WARC_FILE_PREFIX": f"newscrawler-{socket.gethostname()}-{os.getpid()}",
            "DOWNLOAD_HANDLERS": {
                "http": "newscrawler.politeness.ClusterPacedDownloadHandler",
                "https": "newscrawler.politeness.ClusterPacedDownloadHandler",
            },
        }
        for name, value in swaps.items():
            settings.set(name, value, priority="project")
        for name, components in _COMPONENT_SWAPS.items():
            merged = {**settings.getdict(name), **components}
            settings.set(name, merged, priority="project")
