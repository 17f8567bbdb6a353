"""Scrapy settings for newscrawler: polite defaults for a slow, unattended archive crawl.

Every project setting is prefixed (`ARCHIVE_`, `SANA_`, `NEWSCRAWLER_`) and documented here;
override any of them with `-s NAME=VALUE`.
"""

BOT_NAME = "newscrawler"

SPIDER_MODULES = ["newscrawler.spiders"]
NEWSPIDER_MODULE = "newscrawler.spiders"

# Where the archive lives. One SQLite file holds every article, link, run and failure.
ARCHIVE_PATH = "exports/archive.db"
# Articles saved per transaction; a crash loses at most one uncommitted batch.
ARCHIVE_BATCH_SIZE = 50

# Identifies the crawler to the publisher; the contact URL tells them whom to ask.
NEWSCRAWLER_CONTACT_URL = "https://github.com/newscrawler/newscrawler"
USER_AGENT = f"newscrawler/0.1 (+{NEWSCRAWLER_CONTACT_URL})"

# The publisher's time zone, for dates the page prints without an offset.
SANA_TIMEZONE = "Asia/Damascus"

# Politeness. SANA's robots.txt asks for Crawl-delay: 5 and the archive host is slow.
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS_PER_DOMAIN = 1
DOWNLOAD_DELAY = 5
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 5
AUTOTHROTTLE_MAX_DELAY = 120
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_TIMEOUT = 120
RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False

DOWNLOADER_MIDDLEWARES = {
    "newscrawler.charset.CharsetRepairMiddleware": 560,
}
SPIDER_MIDDLEWARES = {
    "newscrawler.incremental.IncrementalMiddleware": 550,
}
ITEM_PIPELINES = {
    "newscrawler.pipelines.NormalizePipeline": 100,
    "newscrawler.pipelines.ArchivePipeline": 800,
}

# Normalized items are also Scrapy items, so `-O file.jsonl` exports them.
FEED_EXPORT_ENCODING = "utf-8"

REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
LOG_LEVEL = "INFO"
