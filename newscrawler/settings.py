"""Scrapy settings for newscrawler: polite defaults for a slow, unattended archive crawl.

Every project setting is prefixed (`ARCHIVE_`, `SANA_`, `NEWSCRAWLER_`, `WARC_`) and documented
here; override any of them with `-s NAME=VALUE`.
"""

BOT_NAME = "newscrawler"

SPIDER_MODULES = ["newscrawler.spiders"]
NEWSPIDER_MODULE = "newscrawler.spiders"
# Replaces `scrapy shell/parse/check/fetch/view/bench` with versions that record nothing.
COMMANDS_MODULE = "newscrawler.commands"
# NEWSCRAWLER_RECORD (unset, meaning on): off, no component reads or writes the archive or
# WARC files. The inspection commands turn it off. It is not set here because project
# settings outrank a command's own, which would turn it back on.

# Where the archive lives. One SQLite file holds every article, link, run and failure.
ARCHIVE_PATH = "exports/archive.db"
# Articles saved per transaction; a crash loses at most one uncommitted batch.
ARCHIVE_BATCH_SIZE = 50

# Raw captures: every response, as received, with its request, in WARC files for re-parsing.
WARC_ENABLED = True
# Folder of the WARC files; empty means a `warc` folder beside ARCHIVE_PATH.
WARC_DIR = ""
# Start of each WARC file's name; empty means `newscrawler`. Frontier workers get
# `newscrawler-<host>-<pid>` (set by the frontier add-on), so workers sharing a folder never clash.
WARC_FILE_PREFIX = ""
# A WARC file that has reached this many bytes is closed and the next one started.
WARC_MAX_SIZE = 100_000_000

# Identifies the crawler to the publisher; the contact URL tells them whom to ask.
NEWSCRAWLER_CONTACT_URL = "https://github.com/newscrawler/newscrawler"
USER_AGENT = f"newscrawler/0.1 (+{NEWSCRAWLER_CONTACT_URL})"

# The publisher's time zone, for dates the page prints without an offset.
SANA_TIMEZONE = "Asia/Damascus"

# Run health (crawl_runs.healthy): a field whose share of articles falls below this fraction
# of its median over recent healthy runs marks the run unhealthy (a layout change).
HEALTH_COVERAGE_DROP = 0.5
# How many recent healthy runs that median is taken over.
HEALTH_RECENT_RUNS = 5
# Runs archiving fewer articles than this are too small to judge coverage or yield by.
HEALTH_MIN_ARTICLES = 20
# Seconds between progress lines in the log (0 turns them off).
PROGRESS_INTERVAL = 60

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
# Honor robots.txt's Crawl-delay for our User-Agent per host: the least delay between
# requests, with no random jitter, that AutoThrottle never lowers (newscrawler/politeness.py).
NEWSCRAWLER_OBEY_CRAWL_DELAY = True
# Longest Retry-After, in seconds, honored before retrying a 503 or 429; longer asks wait this.
NEWSCRAWLER_RETRY_AFTER_MAX = 600
# Seconds before retrying a 503 or 429 that sends no Retry-After, doubled on each retry.
NEWSCRAWLER_RETRY_BACKOFF = 10
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False

# Catching updates: articles published less than this many days ago are re-checked (with a
# conditional request) on every run; 0 turns the tier off.
NEWSCRAWLER_RECHECK_EVERY_RUN_DAYS = 2
# ... published less than this many days ago, at most once a day.
NEWSCRAWLER_RECHECK_DAILY_DAYS = 14
# ... published less than this many days ago, at most once a week; older ones never again.
NEWSCRAWLER_RECHECK_WEEKLY_DAYS = 90
# Takedowns: an article removed (404/410) less than this many days ago is re-checked once a day,
# so that its return is recorded; 0 turns this off.
NEWSCRAWLER_RECHECK_REMOVED_DAYS = 30

# Known-bad pages (never archived, failing for good: 404/410, no title, unknown layout) are not
# fetched again by incremental runs until a retry is due: this many days after the first failure,
# doubled after each further one ...
NEWSCRAWLER_BAD_PAGE_RETRY_DAYS = 1
# ... and at most this many days apart.
NEWSCRAWLER_BAD_PAGE_RETRY_MAX_DAYS = 32

# Trust (newscrawler/redirects.py): redirects are followed, and article pages read, only on
# the publisher's hosts (the spider's LIVE_HOSTS), the start URLs' hosts and these (mirrors).
NEWSCRAWLER_TRUSTED_HOSTS: list[str] = []

# Bounds. Real article pages weigh 60-150 KB and listings less: 16 MiB is a hundred times the
# largest, yet caps what one response (or a gzip bomb, which Scrapy's decompression stops at
# this size too) can make the crawler hold; pages over 2 MiB are logged as unusual.
DOWNLOAD_MAXSIZE = 16 * 1024 * 1024
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024
# Bytes of a failed page kept in `failures.raw`; `raw_size` and `raw_sha256` describe all of it.
ARCHIVE_FAILURE_RAW_MAX = 2 * 1024 * 1024
# Article links taken from one listing or feed page (real ones list 10-50); past it, the rest
# are left out and the page is recorded as a `parse` failure. 0 turns the cap off.
NEWSCRAWLER_MAX_LINKS_PER_PAGE = 500
# Entries taken from one sitemap or sitemap index (the protocol allows 50,000); past it, the
# rest are left out and the sitemap recorded as a `parse` failure. 0 turns the cap off.
NEWSCRAWLER_MAX_SITEMAP_URLS = 50000
# Listing pages walked per run; past it no listing's next page is requested. 0: no ceiling.
# A 3-hourly cron run at SANA's Crawl-delay fetches about 2,000 pages per host.
NEWSCRAWLER_MAX_LISTING_PAGES = 5000
# Ceilings for a 3-hourly cron: a run ends after 2 h 50 min (finish reason
# closespider_timeout) or 20,000 responses (closespider_pagecount), before the next one
# starts; the next run goes on where it stopped (README "Resuming"). 0 turns either off.
CLOSESPIDER_TIMEOUT = 10200
CLOSESPIDER_PAGECOUNT = 20000
# Seconds a stop (SIGTERM, Ctrl-C) waits for downloads in flight before cancelling them
# (newscrawler/shutdown.py); the crawl then ends within about this plus 5 s.
NEWSCRAWLER_SHUTDOWN_GRACE = 5.0
DOWNLOAD_HANDLERS = {
    "http": "newscrawler.shutdown.BoundedHTTPDownloadHandler",
    "https": "newscrawler.shutdown.BoundedHTTPDownloadHandler",
}

DOWNLOADER_MIDDLEWARES = {
    "newscrawler.redirects.TrustedRedirectMiddleware": 650,
    "newscrawler.charset.CharsetRepairMiddleware": 560,
    # Retry-After and backoff on 503/429, in place of Scrapy's retry middleware.
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "newscrawler.politeness.RetryAfterMiddleware": 550,
    "newscrawler.politeness.CrawlDelayMiddleware": 580,
    # Nearest the downloader: captures redirects, and bodies before decompression.
    "newscrawler.warc.WarcCaptureMiddleware": 890,
}
SPIDER_MIDDLEWARES = {
    "newscrawler.incremental.IncrementalMiddleware": 550,
    # Before the incremental stop sees a listing: known-bad pages not yet due are left out.
    "newscrawler.backoff.BackoffMiddleware": 555,
    # Before the incremental stop drops archived articles: a sitemap's moved lastmods become
    # re-checks, the rest are dropped.
    "newscrawler.sitemaps.SitemapLastmodMiddleware": 553,
    "newscrawler.recheck.RecheckMiddleware": 560,
}
EXTENSIONS = {
    "newscrawler.progress.ProgressLog": 500,
    "newscrawler.shutdown.ShutdownBound": 510,
}
ITEM_PIPELINES = {
    "newscrawler.pipelines.NormalizePipeline": 100,
    "newscrawler.pipelines.ArchivePipeline": 800,
}

# Cluster mode (README "Running a cluster"): a Redis URL (`redis://127.0.0.1:6379/0`) makes this
# worker one of many sharing a frontier (scrapy-redis): one request queue, one seen-set keyed like
# the archive, each host's Crawl-delay and Retry-After held for all workers together; results go
# to Redis for `python -m newscrawler archive-writer`. Empty: one process, as always.
NEWSCRAWLER_FRONTIER = ""
# Seconds a frontier worker may go without a heartbeat before another one counts it dead and
# queues its requests in flight again.
NEWSCRAWLER_FRONTIER_WORKER_TTL = 30.0
# The add-on that swaps in the frontier's components when NEWSCRAWLER_FRONTIER is set.
ADDONS = {"newscrawler.frontier.Frontier": 0}

# Normalized items are also Scrapy items, so `-O file.jsonl` exports them.
FEED_EXPORT_ENCODING = "utf-8"

REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
LOG_LEVEL = "INFO"
