"""`scrapy parse`, recording nothing in the archive or WARC files."""

from __future__ import annotations

from typing import Any, ClassVar

from scrapy.commands.parse import Command as ScrapyCommand

from newscrawler.commands import INSPECTION_SETTINGS


class Command(ScrapyCommand):
    default_settings: ClassVar[dict[str, Any]] = {
        **ScrapyCommand.default_settings,
        **INSPECTION_SETTINGS,
    }
