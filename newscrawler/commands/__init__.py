"""Scrapy's inspection commands (shell, parse, check, fetch, view, bench), made to record nothing.

Scrapy looks up `COMMANDS_MODULE` after its own commands, so each module here replaces the
built-in command of the same name with one whose `default_settings` turn `NEWSCRAWLER_RECORD`
off: every component that writes the archive or WARC files is then left out (`NotConfigured`),
and so is every one that reads the archive, which may not exist. `-s NEWSCRAWLER_RECORD=True`
records anyway, deliberately.
"""

from __future__ import annotations

from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

INSPECTION_SETTINGS: dict[str, Any] = {"NEWSCRAWLER_RECORD": False}


def require_recording(crawler: Crawler) -> None:
    """Leave the calling component out of an inspection command's crawl."""
    # A bare NotConfigured: Scrapy logs a warning for every one raised with a message.
    if not crawler.settings.getbool("NEWSCRAWLER_RECORD", True):
        raise NotConfigured
