"""Issue 13's sitemap figure: requests a day to catch every update at 100 new articles a day.

A measured step and a model. The step is real: a snapshot of `base` generated posts plus the
hand-written content is archived once (by sitemaps), then serves one cron run's worth of new
posts (100 a day / 8 runs) and edited versions of the hand-written articles that have them; one
incremental run with `discovery=sitemaps` and one with the listings (and the age schedule) are
made on copies of that archive, and the snapshot's request log says what each asked for and
the archive how many edits each caught. The model scales the sitemap run's fixed part (robots,
indexes, one request per sitemap page) to a live-sized archive, checked first against the
measured run at the snapshot's own size.
"""

from __future__ import annotations

import json
import math
import os
import re
import socket
import sqlite3
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newscrawler import settings  # noqa: E402
from newscrawler.archive.recheck import RecheckWindows  # noqa: E402
from newscrawler.snapshot.process import running_snapshot  # noqa: E402
from newscrawler.snapshot.sitemaps import CORE_PAGE_SIZE, PLUGIN_PAGE_SIZE  # noqa: E402

NEW_PER_DAY = 100
RUNS_PER_DAY = 8  # the README's 3-hourly cron
# Assumed: one new article in ten is edited once (SANA's `Updated-` titles).
UPDATES_PER_DAY = 10
# 100 a day since 2014: the size of the archive a live sitemap lists.
LIVE_ARCHIVE = 400_000
# A run from the start hosts' robots.txt reads it twice (Scrapy's robots middleware, and the
# spider for its Sitemap: lines); a run started at one sitemap index reads it once.
ROBOTS_VIA_ROBOTS, ROBOTS_FROM_AN_INDEX = 2, 1
# The news sitemap, listed in the SEO plugin's index.
NEWS_SITEMAPS = 1
LOCAL_SETTINGS = (
    "DOWNLOAD_DELAY=0",
    "AUTOTHROTTLE_ENABLED=False",
    "NEWSCRAWLER_OBEY_CRAWL_DELAY=False",
    "NEWSCRAWLER_RETRY_BACKOFF=0",
    "CONCURRENT_REQUESTS_PER_DOMAIN=8",
    "LOG_LEVEL=INFO",
)
ARTICLE = re.compile(r"^/en/(\?p=\d+|[a-z-]+/\d+/)$")
CONTENT = ROOT / "newscrawler" / "snapshot" / "content"


@dataclass(frozen=True)
class Step:
    """One cron run after new posts and edits: requests by kind, and edits caught."""

    requests: Counter[str]
    edits_caught: int

    @property
    def total(self) -> int:
        return sum(self.requests.values())


@dataclass(frozen=True)
class Measured:
    posts: int
    new: int
    edits: int
    sitemaps: Step
    listings: Step


def edited_posts() -> list[int]:
    """Listed hand-written articles with a later version, which the step serves instead."""
    found = []
    for path in sorted(CONTENT.glob("*/*.json")):
        item = json.loads(path.read_text(encoding="utf-8"))
        if item["versions"] and item["listed"] and "failure" not in item["expected"]:
            found.append(item["post_id"])
    return found


def measure(base: int, workdir: Path) -> Measured:
    new = math.ceil(NEW_PER_DAY / RUNS_PER_DAY)
    first = workdir / "sitemaps-first.db"
    port = str(_free_port())
    with running_snapshot("--port", port, "--generate", str(base), "--crawl-delay", "0") as url:
        _crawl(url, first, "sitemaps")
    posts = _article_count(first)
    edits = edited_posts()
    versions = [arg for post_id in edits for arg in ("--serve-version", f"{post_id}:1")]
    steps = {}
    for discovery in ("sitemaps", "listings"):
        archive = workdir / f"sitemaps-{discovery}.db"
        _copy(first, archive)
        log = workdir / f"sitemaps-{discovery}.jsonl"
        options = ("--port", port, "--generate", str(base + new), "--crawl-delay", "0")
        with running_snapshot(*options, "--request-log", str(log), *versions) as url:
            _crawl(url, archive, discovery)
        steps[discovery] = Step(_requests_by_kind(log), _revisions(archive))
    return Measured(posts, new, len(edits), steps["sitemaps"], steps["listings"])


def sitemap_pages(articles: int, families: tuple[int, ...]) -> int:
    """Sitemap pages listing `articles`, in each family of the given page sizes."""
    return sum(max(1, math.ceil(articles / size)) for size in families)


BOTH_FAMILIES = (CORE_PAGE_SIZE, PLUGIN_PAGE_SIZE)


def sitemap_run_requests(
    articles: int, new: int, moved: int, families: tuple[int, ...], via_robots: bool = True
) -> int:
    """Requests of one incremental sitemap run: robots.txt, one index per family and the news
    sitemap, one request per sitemap page, one per article new or with a moved lastmod."""
    robots = ROBOTS_VIA_ROBOTS if via_robots else ROBOTS_FROM_AN_INDEX
    fixed = robots + len(families) + NEWS_SITEMAPS
    return fixed + sitemap_pages(articles, families) + new + moved


def sitemaps_per_day(articles: int, families: tuple[int, ...], via_robots: bool = True) -> float:
    per_run = sitemap_run_requests(articles, 0, 0, families, via_robots)
    return RUNS_PER_DAY * per_run + NEW_PER_DAY + UPDATES_PER_DAY


def schedule_rechecks_per_day() -> float:
    """Conditional re-checks a day of the project's age schedule (its settings' windows), with
    `NEW_PER_DAY` published daily."""
    windows = RecheckWindows(
        every_run_days=settings.NEWSCRAWLER_RECHECK_EVERY_RUN_DAYS,
        daily_days=settings.NEWSCRAWLER_RECHECK_DAILY_DAYS,
        weekly_days=settings.NEWSCRAWLER_RECHECK_WEEKLY_DAYS,
    )
    every_run = RUNS_PER_DAY * NEW_PER_DAY * windows.every_run_days
    daily = NEW_PER_DAY * (windows.daily_days - windows.every_run_days)
    weekly = NEW_PER_DAY * (windows.weekly_days - windows.daily_days) / 7
    return every_run + daily + weekly


def listings_per_day(listing_run: Step) -> float:
    """Listing discovery (the measured run's requests other than article pages, each run) plus
    the new articles and today's age schedule; it never looks at articles past 90 days."""
    walk = listing_run.total - listing_run.requests["article"]
    return RUNS_PER_DAY * walk + NEW_PER_DAY + schedule_rechecks_per_day()


def every_article_every_run_per_day(listing_run: Step, articles: int) -> float:
    """What listings need to catch every update: a conditional request for every archived
    article on every run."""
    walk = listing_run.total - listing_run.requests["article"]
    return RUNS_PER_DAY * (walk + articles) + NEW_PER_DAY


def _crawl(url: str, archive: Path, discovery: str) -> None:
    starts = f"{url}/en/feed/,{url}/en/?paged=1"
    command = [sys.executable, "-m", "scrapy", "crawl", "sana", "-a", f"start_urls={starts}"]
    command += ["-a", f"discovery={discovery}", "-s", f"ARCHIVE_PATH={archive}"]
    command += ["-s", f"WARC_DIR={archive.parent / 'warc-sitemaps'}"]
    for setting in LOCAL_SETTINGS:
        command += ["-s", setting]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    completed = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=env)
    if completed.returncode != 0:
        raise RuntimeError(f"sitemap crawl failed:\n{completed.stderr[-3000:]}")


def _requests_by_kind(log: Path) -> Counter[str]:
    kinds: Counter[str] = Counter()
    for line in log.read_text(encoding="utf-8").splitlines():
        path = json.loads(line)["path"]
        kinds[_kind(path)] += 1
    return kinds


def _kind(path: str) -> str:
    if path == "/robots.txt":
        return "robots"
    if path.endswith(".xml"):
        return "sitemap"
    return "article" if ARTICLE.match(path) else "listing"


def _revisions(archive: Path) -> int:
    with sqlite3.connect(archive) as db:
        row: Any = db.execute("SELECT count(DISTINCT article_url) FROM revisions").fetchone()
    return int(row[0])


def _article_count(archive: Path) -> int:
    with sqlite3.connect(archive) as db:
        row: Any = db.execute("SELECT count(*) FROM articles").fetchone()
    return int(row[0])


def _copy(source: Path, target: Path) -> None:
    target.unlink(missing_ok=True)
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)


def _free_port() -> int:
    # Both steps' snapshots answer where the first one did: re-checks go to fetched addresses.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        print(measure(int(sys.argv[1]) if len(sys.argv) > 1 else 60, Path(folder)))
