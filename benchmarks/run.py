"""`python benchmarks/run.py --scale tiny|full`: run every benchmark and write RESULTS.md.

One function per measurement. Figures that compare two variants are ratios taken side by side
in one repetition (A, B, A, B…), because the machines are shared and noisy.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import platform
import random
import re
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scrapy.http import HtmlResponse  # noqa: E402
from sqlite_utils import Database  # noqa: E402

from benchmarks import sitemaps as sitemap_model  # noqa: E402
from benchmarks.bounds import peak_rss_mib, probes  # noqa: E402
from benchmarks.cluster import cluster_rounds  # noqa: E402
from newscrawler.archive.bulk import bulk_load_articles  # noqa: E402
from newscrawler.archive.migrations import migrations  # noqa: E402
from newscrawler.archive.places import read_places  # noqa: E402
from newscrawler.archive.store import Archive  # noqa: E402
from newscrawler.items import Article  # noqa: E402
from newscrawler.normalize.article import normalize_article  # noqa: E402
from newscrawler.pages import archive_layout, relaunch_layout  # noqa: E402
from newscrawler.pages.detect import PageKind, page_kind  # noqa: E402
from newscrawler.reparse import reparse  # noqa: E402
from newscrawler.snapshot.generate import FIRST_GENERATED_POST_ID  # noqa: E402
from newscrawler.snapshot.process import running_snapshot  # noqa: E402
from newscrawler.spiders.sana import response_selector  # noqa: E402

BENCH_DIR = ROOT / "benchmarks"
CONTENT = ROOT / "newscrawler" / "snapshot" / "content"
WORD = re.compile(r"\w+")
# Both crawls: no politeness delays against the local snapshot, 8 requests in flight.
THROUGHPUT_SETTINGS = (
    "DOWNLOAD_DELAY=0",
    "AUTOTHROTTLE_ENABLED=False",
    "CONCURRENT_REQUESTS_PER_DOMAIN=8",
    "ROBOTSTXT_OBEY=True",
    "LOG_LEVEL=INFO",
)
PROFILES = BENCH_DIR / "PROFILES.md"
# The settings of the README's `datasette` command, so that browsing is timed as people run it.
DATASETTE_SETTINGS = {"suggest_facets": False}
PLUGINS_DIR = ROOT / "newscrawler" / "browse" / "plugins"
# Datasette's own table search, with counts and facets: documented as slow, so no target.
OWN_TABLE_SEARCH = "table's own search (_table_search=1)"
# The generated archive of figure 6, in a folder named for the generator's version (places,
# staff and categories since v2), so that a `--workdir` never reuses an older generator's rows.
# Datasette names the database after the file: `archive`, the name the metadata describes.
BROWSE_ARCHIVE = Path("browse-v2") / "archive.db"
EARLIER_DATE = re.compile(r"^- Date: (\S+ \S+) UTC", re.MULTILINE)
STAT_LINE = re.compile(r"'([\w/.-]+)': ([0-9.]+)[,}]")


@dataclass(frozen=True)
class Scale:
    crawl_articles: int
    crawl_repeats: int
    parse_pages: int
    parse_repeats: int
    archive_sizes: tuple[int, int]
    archive_repeats: int
    memory_sizes: tuple[int, int]
    incremental_base: int
    incremental_new: int
    fts_articles: int
    fts_queries: int
    bomb_bytes: int
    huge_links: int
    cluster_articles: int
    cluster_paced_articles: int
    cluster_delay: float
    reparse_articles: int
    reparse_repeats: int


SCALES = {
    "tiny": Scale(
        30, 2, 20, 2, (200, 1_000), 2, (30, 120), 60, 50, 3_000, 5, 64 * 2**20, 2_000, 30, 12, 0.2,
        30, 2,
    ),
    "full": Scale(
        5_000, 3, 300, 3, (10_000, 100_000), 2, (5_000, 50_000), 10_000, 50, 1_000_000, 20,
        943_718_400, 200_000, 1_000, 120, 0.5, 3_000, 3,
    ),
}  # fmt: skip


@dataclass
class Figure:
    """One result line: a name, its values over the repetitions, a target and whether it is met."""

    name: str
    values: list[float]
    unit: str
    target: str = ""
    met: bool | None = None
    note: str = ""

    @property
    def number(self) -> str:
        """The figure's number, `2a.` of `2a. ours: …`: rows are matched across runs by it."""
        return self.name.split()[0]

    def cells(self) -> list[str]:
        if not self.values:
            return ["not measured", "", ""]
        return [
            _fmt(min(self.values)),
            _fmt(statistics.median(self.values)),
            _fmt(max(self.values)),
        ]


@dataclass
class Report:
    scale: str
    figures: list[Figure] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _fmt(value: float) -> str:
    return f"{value:,.3f}" if abs(value) < 10 else f"{value:,.1f}"


def _p95(values: Sequence[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


# ---------------------------------------------------------------- crawls as subprocesses


@dataclass(frozen=True)
class CrawlOutcome:
    stats: dict[str, float]
    peak_rss_kb: int | None
    log: str

    @property
    def pages_per_second(self) -> float:
        return self.stats["response_received_count"] / self.stats["elapsed_time_seconds"]


def _subprocess_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


def _crawl(command: list[str], cwd: Path, measure_rss: bool) -> CrawlOutcome:
    wrapper = [sys.executable, str(BENCH_DIR / "peak_rss.py")] if measure_rss else []
    completed = subprocess.run(
        [*wrapper, *command], cwd=cwd, capture_output=True, text=True, env=_subprocess_env()
    )
    if completed.returncode != 0:
        raise RuntimeError(f"{command[:5]} failed:\n{completed.stderr[-3000:]}")
    stats = {key: float(value) for key, value in STAT_LINE.findall(completed.stderr)}
    rss = re.search(r"PEAK_RSS_KB=(\d+)", completed.stdout)
    return CrawlOutcome(stats, int(rss.group(1)) if rss else None, completed.stderr)


def _settings_args(settings: Sequence[str]) -> list[str]:
    return [arg for setting in settings for arg in ("-s", setting)]


def sana_crawl(
    url: str, archive: Path, *args: str, measure_rss: bool = False, mode: str = "full"
) -> CrawlOutcome:
    command = [sys.executable, "-m", "scrapy", "crawl", "sana"]
    command += ["-a", f"start_urls={url}/en/?paged=1", "-a", f"mode={mode}"]
    command += _settings_args([*THROUGHPUT_SETTINGS, f"ARCHIVE_PATH={archive}", *args])
    return _crawl(command, ROOT, measure_rss)


def bare_crawl(url: str, workdir: Path) -> CrawlOutcome:
    # Run outside the project folder: no scrapy.cfg, so stock Scrapy settings and components.
    command = [sys.executable, "-m", "scrapy", "runspider", str(BENCH_DIR / "bare_spider.py")]
    command += ["-a", f"start_urls={url}/en/?paged=1", *_settings_args(THROUGHPUT_SETTINGS)]
    return _crawl(command, workdir, measure_rss=False)


def snapshot_args(count: int, *extra: str) -> tuple[str, ...]:
    return ("--generate", str(count), "--crawl-delay", "0", *extra)


# ---------------------------------------------------------------- 1. crawl overhead


def crawl_overhead(scale: Scale, workdir: Path, report: Report) -> None:
    ratios: list[float] = []
    full_rates: list[float] = []
    bare_rates: list[float] = []
    rss: list[float] = []
    with running_snapshot(*snapshot_args(scale.crawl_articles)) as url:
        for repeat in range(scale.crawl_repeats):
            bare = bare_crawl(url, workdir)
            archive = workdir / f"overhead-{repeat}.db"
            full = sana_crawl(url, archive, f"WARC_DIR={workdir / 'warc'}", measure_rss=True)
            bare_rates.append(bare.pages_per_second)
            full_rates.append(full.pages_per_second)
            ratios.append(full.pages_per_second / bare.pages_per_second)
            if full.peak_rss_kb:
                rss.append(full.peak_rss_kb / 1024)
            report.notes.append(
                f"crawl overhead, repetition {repeat + 1}: bare fetched "
                f"{bare.stats['response_received_count']:.0f} pages, full "
                f"{full.stats['response_received_count']:.0f} pages "
                f"({full.stats.get('newscrawler/articles_new', 0):.0f} new articles)"
            )
        sizes = article_page_sizes(url, scale.crawl_articles)
    n = f"{scale.crawl_articles:,}"
    report.figures += [
        Figure(f"1. full crawl pages/s ÷ bare pages/s ({n} full-chrome articles, size 1c)", ratios,
               "ratio", "≥ 0.85", min(ratios) >= 0.85 if ratios else None),
        Figure("1a. full `sana` crawl, pages/s", full_rates, "pages/s"),
        Figure("1b. bare spider, pages/s", bare_rates, "pages/s"),
        Figure(f"1c. article page size of the crawled snapshot ({n} pages)", sizes, "KB",
               "60–150", 60 <= statistics.median(sizes) <= 150 and max(sizes) <= 150),
        Figure(f"4a. peak RSS of a {n}-article full crawl", rss, "MiB"),
    ]  # fmt: skip


def article_page_sizes(url: str, count: int) -> list[float]:
    """KB of each generated article page the snapshot serves, fetched one by one."""
    return [
        len(_fetch(f"{url}/en/?p={post_id}")[1]) / 1024 for post_id in generated_post_ids(count)
    ]


# ---------------------------------------------------------------- 2. per-article cost


def fetch_article_pages(url: str, count: int) -> list[tuple[str, bytes]]:
    return [_fetch(f"{url}/en/?p={post_id}") for post_id in generated_post_ids(count)]


def generated_post_ids(count: int) -> range:
    return range(FIRST_GENERATED_POST_ID, FIRST_GENERATED_POST_ID + count)


def _fetch(page_url: str) -> tuple[str, bytes]:
    """The page as served: its bytes, which the crawl parses (`sana.response_selector`)."""
    with urllib.request.urlopen(page_url) as response:
        return page_url, response.read()


@dataclass(frozen=True)
class KnownPage:
    """A hand-written snapshot article page and the text its hand-written expected row gives."""

    url: str
    body: bytes
    expected_text: str


def hand_written_pages(url: str) -> list[KnownPage]:
    """Every hand-written article of both layouts that the crawl must archive, as served."""
    pages = []
    for path in sorted(CONTENT.glob("*/*.json")):
        article = json.loads(path.read_text(encoding="utf-8"))
        expected = article["expected"]
        if "failure" in expected:
            continue
        if article["layout"] == "archive":
            address = f"{url}/en/?p={article['post_id']}"
        else:
            address = f"{url}/en/{article['section']}/{article['post_id']}/"
        page_url, body = _fetch(address)
        pages.append(KnownPage(page_url, body, article_text(expected)))
    return pages


def article_text(fields: dict[str, Any]) -> str:
    """The article's own words: dateline, byline, body (with sub-headings) and staff tags."""
    parts = ("dateline_raw", "byline_raw", "body", "editor_tags_raw")
    return "\n".join(str(fields[name]) for name in parts if fields.get(name))


def word_f1(extracted: str, expected: str) -> float:
    """Harmonic mean of word precision and recall (multisets of lower-cased words)."""
    found, wanted = (
        Counter(WORD.findall(extracted.lower())),
        Counter(WORD.findall(expected.lower())),
    )
    common = sum((found & wanted).values())
    if not common:
        return 0.0
    precision, recall = common / sum(found.values()), common / sum(wanted.values())
    return 2 * precision * recall / (precision + recall)


def parse_and_normalize(page_url: str, body: bytes) -> Article:
    """The crawl's work on an article page, from its bytes: tree, page kind, parse, normalize."""
    selector = response_selector(HtmlResponse(page_url, body=body, encoding="utf-8"))
    kind = page_kind(page_url, selector)
    parser = archive_layout if kind is PageKind.ARCHIVE_ARTICLE else relaunch_layout
    return normalize_article(parser.parse_article(page_url, selector))


def _trafilatura() -> Callable[[str, str], Any] | None:
    try:
        from trafilatura import bare_extraction
    except ImportError:
        return None
    return lambda page_url, html: bare_extraction(html, url=page_url)


def _timed_ms(function: Callable[[str, Any], Any], page_url: str, page: Any) -> float:
    started = time.perf_counter()
    function(page_url, page)
    return (time.perf_counter() - started) * 1000


def _their_text(result: Any) -> str:
    """trafilatura 2.x returns a Document (or a dict from older versions), or None."""
    if result is None:
        return ""
    text = result.get("text") if isinstance(result, dict) else getattr(result, "text", None)
    return text or ""


def per_article_cost(scale: Scale, workdir: Path, report: Report) -> None:
    with running_snapshot(*snapshot_args(scale.parse_pages)) as url:
        known = hand_written_pages(url)
        pages = fetch_article_pages(url, scale.parse_pages) + [(k.url, k.body) for k in known]
    # trafilatura is given the decoded page, its cheapest input (from bytes it guesses the
    # charset first); ours starts from the bytes, as the crawl does.
    texts = [body.decode("utf-8") for _, body in pages]
    other = _trafilatura()
    ours_median, ours_p95, theirs_median, theirs_p95, ratios = [], [], [], [], []
    for _ in range(scale.parse_repeats):
        ours, theirs = [], []
        for (page_url, body), text in zip(pages, texts, strict=True):  # interleaved page by page
            ours.append(_timed_ms(parse_and_normalize, page_url, body))
            if other is not None:
                theirs.append(_timed_ms(other, page_url, text))
        ours_median.append(statistics.median(ours))
        ours_p95.append(_p95(ours))
        if theirs:
            theirs_median.append(statistics.median(theirs))
            theirs_p95.append(_p95(theirs))
            ratios.append(statistics.median(ours) / statistics.median(theirs))
    note = "" if other is not None else "trafilatura not installed"
    sizes = [len(body) / 1024 for _, body in pages]
    ours_f1 = [word_f1(article_text(parse_and_normalize(k.url, k.body).to_dict()),
                       k.expected_text) for k in known]  # fmt: skip
    theirs_f1 = (
        [word_f1(_their_text(other(k.url, k.body.decode("utf-8"))), k.expected_text) for k in known]
        if other is not None
        else []
    )
    on = f"{len(pages)} full-chrome pages, both layouts"
    report.figures += [
        Figure(f"2. ours ÷ trafilatura, median ms per article ({on})", ratios, "ratio", "≤ 0.1",
               max(ratios) <= 0.1 if ratios else None, note),
        Figure("2a. ours: parse + normalize, median ms", ours_median, "ms"),
        Figure("2b. ours: parse + normalize, p95 ms", ours_p95, "ms"),
        Figure("2c. trafilatura.bare_extraction, median ms", theirs_median, "ms", note=note),
        Figure("2d. trafilatura.bare_extraction, p95 ms", theirs_p95, "ms", note=note),
        Figure(f"2e. article page size ({on})", sizes, "KB", "60–150",
               60 <= statistics.median(sizes) <= 150 and max(sizes) <= 150),
        Figure(f"2f. ours: word F1 vs the expected text ({len(known)} hand-written pages)",
               ours_f1, "F1", "> 2g", _ahead(ours_f1, theirs_f1)),
        Figure("2g. trafilatura: word F1 vs the expected text, same pages", theirs_f1, "F1",
               note=note),
    ]  # fmt: skip


def _ahead(ours: list[float], theirs: list[float]) -> bool | None:
    if not ours or not theirs:
        return None
    return statistics.mean(ours) > statistics.mean(theirs)


# ---------------------------------------------------------------- 3. archive writes


def article_templates(count: int) -> list[dict[str, Any]]:
    with running_snapshot(*snapshot_args(count)) as url:
        pages = fetch_article_pages(url, count)
    return [parse_and_normalize(page_url, body).to_dict() for page_url, body in pages]


def cloned_articles(templates: list[dict[str, Any]], total: int) -> Iterator[dict[str, Any]]:
    """`total` distinct articles: templates with new post ids, URLs, titles and dates.

    Published every 15 minutes (about SANA's daily output): `update_of` linking compares each
    saved story with the stories of the days around it, so one shared date would be quadratic.
    """
    first = datetime(2014, 1, 1, tzinfo=UTC)
    for index in range(total):
        article = dict(templates[index % len(templates)])
        post_id = 10_000_000 + index
        article["post_id"] = post_id
        article["url"] = f"https://archive.sana.sy/en/?p={post_id}"
        article["title"] = f"{article['title']} {index}"
        article["published"] = (first + timedelta(minutes=15 * index)).isoformat()
        article["fetched_urls"] = [article["url"]]
        yield article


def archive_writes(scale: Scale, workdir: Path, report: Report) -> None:
    small, large = scale.archive_sizes
    templates = article_templates(min(200, small))
    first_rates, last_rates, ratios = [], [], []
    for repeat in range(scale.archive_repeats):
        path = workdir / f"writes-{repeat}.db"
        window_rates = []
        with Archive(path) as archive:
            started = time.perf_counter()
            for index, article in enumerate(cloned_articles(templates, large), start=1):
                archive.save_article(article, article["fetched_urls"], "2026-01-01T00:00:00+00:00")
                if index % small == 0:
                    archive.flush()
                    now = time.perf_counter()
                    window_rates.append(small / (now - started))
                    started = now
        first_rates.append(window_rates[0])
        last_rates.append(window_rates[-1])
        ratios.append(window_rates[-1] / window_rates[0])
    report.figures += [
        Figure(f"3a. archive writes, first {small:,} articles, articles/s", first_rates,
               "articles/s", "≥ 2,000", min(first_rates) >= 2000),
        Figure(f"3b. archive writes, articles {large - small:,}–{large:,}, articles/s",
               last_rates, "articles/s", "≥ 2,000", min(last_rates) >= 2000),
        Figure("3. flatness: rate at the end ÷ rate at the start", ratios, "ratio",
               "≈ 1 (≥ 0.8)", min(ratios) >= 0.8),
    ]  # fmt: skip


# ---------------------------------------------------------------- 4. memory


def memory(scale: Scale, workdir: Path, report: Report) -> None:
    small, large = scale.memory_sizes
    peaks = {}
    for count in (small, large):
        with running_snapshot(*snapshot_args(count)) as url:
            outcome = sana_crawl(
                url, workdir / f"memory-{count}.db", f"WARC_DIR={workdir / 'warc'}",
                measure_rss=True,
            )  # fmt: skip
        assert outcome.peak_rss_kb is not None
        peaks[count] = outcome.peak_rss_kb / 1024
    ratio = peaks[large] / peaks[small]
    report.figures += [
        Figure(f"4. peak RSS {large:,} ÷ {small:,} articles", [ratio], "ratio", "≤ 1.2",
               ratio <= 1.2),
        Figure(f"4b. peak RSS, {small:,}-article crawl", [peaks[small]], "MiB"),
        Figure(f"4c. peak RSS, {large:,}-article crawl", [peaks[large]], "MiB"),
    ]  # fmt: skip


# ---------------------------------------------------------------- 5. incremental efficiency


def _article_fetches(request_log: Path) -> tuple[int, int]:
    """(article pages answered 200, conditional re-checks answered 304) in a request log."""
    full = not_modified = 0
    for line in request_log.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if "?p=" in record["path"]:
            full += record["status"] == 200
            not_modified += record["status"] == 304
    return full, not_modified


def incremental(scale: Scale, workdir: Path, report: Report) -> None:
    base, new = scale.incremental_base, scale.incremental_new
    archive = workdir / "incremental.db"
    warc = f"WARC_DIR={workdir / 'warc'}"
    with running_snapshot(*snapshot_args(base)) as url:
        sana_crawl(url, archive, warc, mode="incremental")
    with running_snapshot(*snapshot_args(base + new)) as url:
        after_new = sana_crawl(url, archive, warc, mode="incremental")
    log = workdir / "unchanged-requests.jsonl"
    with running_snapshot(*snapshot_args(base + new, "--request-log", str(log))) as url:
        sana_crawl(url, archive, warc, mode="incremental")
    requests = after_new.stats.get("downloader/request_count", 0)
    found_new = after_new.stats.get("newscrawler/articles_new", 0)
    per_new = requests / found_new if found_new else float("inf")
    refetched, not_modified = _article_fetches(log)
    archived = base + new
    share = 100 * refetched / archived
    report.notes.append(
        f"incremental: after {new} new posts, {requests:.0f} requests found {found_new:.0f} new "
        f"articles; the unchanged run fetched {refetched} article pages and sent "
        f"{not_modified} conditional re-checks answered 304, of {archived:,} generated posts"
    )
    report.figures += [
        Figure(f"5a. requests per new article ({new} new on {base:,})", [per_new], "requests",
               "≤ 1.2", per_new <= 1.2),
        Figure("5b. article pages refetched on an unchanged snapshot", [share], "%", "≤ 1 %",
               share <= 1),
    ]  # fmt: skip


# ---------------------------------------------------------------- 6. browsing at scale


# Words, most frequent first, and their cumulative Zipf weights.
Words = tuple[list[str], list[float]]


def zipf_vocabulary(size: int, exponent: float = 1.07) -> Words:
    """Made-up words, most frequent first, with Zipf cumulative weights."""
    rng = random.Random(6)
    syllables = [c + v for c in "bdfgklmnprstvz" for v in "aeiou"]
    words: list[str] = []
    seen: set[str] = set()
    while len(words) < size:
        word = "".join(rng.choices(syllables, k=rng.randint(2, 4)))
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words, _zipf_cumulative(size, exponent)


def arabic_vocabulary(size: int, exponent: float = 1.07) -> Words:
    """Made-up Arabic words (written for the benchmark), most frequent first, Zipf weights.

    Some begin with a hamza alef (أ, إ) or the article ال, some end in ta marbuta ة or alef
    maqsura ى: the letters writers spell two ways, which the search must fold.
    """
    rng = random.Random(12)
    consonants = "بتجحدرسشصطعفقكلمنوي"
    words: list[str] = []
    seen: set[str] = set()
    while len(words) < size:
        syllables = rng.randint(2, 3)
        stem = "".join(
            rng.choice(consonants) + rng.choice(("", "", "ا", "و", "ي")) for _ in range(syllables)
        )
        start = rng.choices(("", "أ", "إ", "ال"), (5, 2, 1, 2))[0]
        end = rng.choices(("", "ة", "ى"), (6, 3, 1))[0]
        word = start + stem + end
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words, _zipf_cumulative(size, exponent)


# How the writer of a generated Arabic article spells: as the vocabulary (most), without
# hamzas, with ه for ة and ي for ى, both, or with a fatha on each hamza alef.
ARABIC_SPELLINGS = (
    (str.maketrans({}), 60),
    (str.maketrans({"أ": "ا", "إ": "ا"}), 15),
    (str.maketrans({"ة": "ه", "ى": "ي"}), 10),
    (str.maketrans({"أ": "ا", "إ": "ا", "ة": "ه", "ى": "ي"}), 10),
    (str.maketrans({"أ": "أ\u064e", "إ": "إ\u0650"}), 5),
)
# One generated article in four is in Arabic (edition ar).
ARABIC_SHARE = 0.25


def arabic_query(word: str) -> str:
    """The word as a reader might type it: a fatha on its first letter (`أَحمد` for `أحمد`)."""
    return word[0] + "\u064e" + word[1:]


@dataclass(frozen=True)
class Facets:
    """The skewed places, staff and categories the generated articles are tagged with."""

    places: list[str]
    place_weights: list[float]
    people: list[str]
    people_weights: list[float]
    categories: list[str]
    category_weights: list[float]


def _zipf_cumulative(size: int, exponent: float) -> list[float]:
    cumulative, total = [], 0.0
    for rank in range(1, size + 1):
        total += rank**-exponent
        cumulative.append(total)
    return cumulative


def generated_facets() -> Facets:
    """Places of the gazetteer, 150 made-up staff names, 12 sections; each drawn by Zipf weights.

    Places: s = 1.5 over the gazetteer (Damascus ~ a third of datelines, the rarest place
    ~0.1 %); staff: s = 1.2 over 150 people; categories: s = 1.0 over 12 sections (the rarest
    ~3 %). These are the skews of a news agency's output: a capital, a few editors, Politics.
    """
    rng = random.Random(11)
    places = [row["name"] for row in read_places() if row["kind"] != "pseudo"]
    syllables = [c + v for c in "bdfhkmnrstyz" for v in "aeiou"]
    people: list[str] = []
    while len(people) < 150:
        name = " ".join(
            "".join(rng.choices(syllables, k=rng.randint(2, 3))).capitalize() for _ in range(2)
        )
        if name not in people:
            people.append(name)
    categories = [
        "Politics", "Local", "Economy", "World", "Culture", "Sports", "Health", "Science",
        "Tourism", "Miscellaneous", "Reports", "Interviews",
    ]  # fmt: skip
    return Facets(
        places, _zipf_cumulative(len(places), 1.5), people, _zipf_cumulative(len(people), 1.2),
        categories, _zipf_cumulative(len(categories), 1.0),
    )  # fmt: skip


def generated_rows(
    count: int, english: Words, arabic: Words, facets: Facets
) -> Iterator[dict[str, Any]]:
    rng = random.Random(2017)
    spellings, spelling_weights = zip(*ARABIC_SPELLINGS, strict=True)
    for index in range(count):
        post_id = 20_000_000 + index
        in_arabic = rng.random() < ARABIC_SHARE
        words, weights = arabic if in_arabic else english
        title = " ".join(rng.choices(words, cum_weights=weights, k=9))
        body = " ".join(rng.choices(words, cum_weights=weights, k=120))
        if in_arabic:
            spelling = rng.choices(spellings, spelling_weights)[0]
            title, body = title.translate(spelling), body.translate(spelling)
        # One dateline in ten has no place, one in fifty names two (A/B).
        places = rng.choices(facets.places, cum_weights=facets.place_weights, k=2)
        draw = rng.random()
        two = "/".join(dict.fromkeys(places))
        place = None if draw < 0.1 else two if draw < 0.12 else places[0]
        people = list(
            dict.fromkeys(
                rng.choices(facets.people, cum_weights=facets.people_weights, k=rng.randint(1, 3))
            )
        )
        categories = list(dict.fromkeys(
            rng.choices(facets.categories, cum_weights=facets.category_weights, k=rng.randint(1, 2))
        ))  # fmt: skip
        yield {
            "url": f"https://archive.sana.sy/{'' if in_arabic else 'en/'}?p={post_id}",
            "post_id": post_id,
            "site": "sana",
            "edition": "ar" if in_arabic else "en",
            "layout": "archive",
            "title": title.capitalize(),
            "body": body,
            "published": f"20{14 + index * 12 // count:02d}-01-01T00:00:00+00:00",
            "dateline_place": place,
            "editor_tags": json.dumps(people),
            "staff": json.dumps(people),
            "categories": json.dumps(categories),
            "first_seen": "2026-01-01T00:00:00+00:00",
            "last_seen": "2026-01-01T00:00:00+00:00",
            "content_hash": f"{index:016x}",
            "revision": 1,
        }


def pick_terms(words: list[str], weights: list[float], count: int) -> dict[str, str]:
    """Words expected in ~50 articles (rare), ~10 % (common) and ~60 % (most)."""
    words_per_article = 129
    total = weights[-1]
    previous = 0.0
    share: list[float] = []
    for cumulative in weights:
        probability = (cumulative - previous) / total
        previous = cumulative
        share.append(1 - (1 - probability) ** words_per_article)
    targets = {"rare": max(3, 50) / count, "common": 0.10, "most": 0.60}
    return {
        kind: words[min(range(len(words)), key=lambda rank: abs(share[rank] - wanted))]
        for kind, wanted in targets.items()
    }


# The table filters the search box leads to search_articles' place, person and category.
FILTERS = {"place": "dateline_place", "person": "staff__arraycontains",
           "category": "categories__arraycontains"}  # fmt: skip


# The date facet's days (published__date=, search_articles' `day`). The generator dates every
# article 1 January of 2014 to 2025, a twelfth of them each: such a day is far busier than any
# real one (SANA: a few hundred articles a day), and any other day is one without articles.
SEARCH_DAYS = {
    "day 2019-01-01 (busy: a twelfth of the archive)": "2019-01-01",
    "day 2019-06-15 (quiet: no articles)": "2019-06-15",
}


def search_filters(facets: Facets) -> dict[str, tuple[str, str]]:
    """Label → (parameter, value): the rarest and the most common place, the rarest person and
    category. A rare one with a common word is the search that walks many matches."""
    return {
        f"place {facets.places[-1]} (rarest)": ("place", facets.places[-1]),
        f"place {facets.places[0]} (most common)": ("place", facets.places[0]),
        f"person {facets.people[-1]} (rarest)": ("person", facets.people[-1]),
        f"category {facets.categories[-1]} (rarest)": ("category", facets.categories[-1]),
    }


def _search_paths(
    database: str, term: str, metadata: dict[str, Any], filters: dict[str, tuple[str, str]]
) -> dict[str, str]:
    # The table's search box leads to the canned search (browse/plugins/fast_search.py), also
    # when a place, person, category or date facet narrows the table.
    search = urlencode({"_search": term})
    paths = {
        "table search box": f"/{database}/articles?{search}",
        "table search JSON": f"/{database}/articles.json?{search}",
        OWN_TABLE_SEARCH: f"/{database}/articles?{search}&_table_search=1",
    }
    for label, (parameter, value) in filters.items():
        narrowed = urlencode({FILTERS[parameter]: value, "_search": term})
        paths[f"table search box, {label}"] = f"/{database}/articles?{narrowed}"
    for label, day in SEARCH_DAYS.items():
        narrowed = urlencode({"published__date": day, "_search": term})
        paths[f"table search box, {label}"] = f"/{database}/articles?{narrowed}"
    queries = metadata.get("databases", {}).get(database, {}).get("queries", {})
    for name, query in queries.items():
        sql = query if isinstance(query, str) else query.get("sql", "")
        if "match" in sql.lower() and ":q" in sql:
            paths[f"canned query {name}"] = f"/{database}/{name}.json?{urlencode({'q': term})}"
    return paths


def _metadata() -> dict[str, Any]:
    path = ROOT / "exports" / "metadata.yml"
    if not path.exists():
        return {}
    import yaml

    loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    return loaded if isinstance(loaded, dict) else {}


async def _query_times(
    path: Path, terms: dict[str, str], filters: dict[str, tuple[str, str]], repeats: int
) -> dict[str, Any]:
    from datasette.app import Datasette

    metadata = _metadata()
    datasette = Datasette(
        [str(path)], metadata=metadata, settings=DATASETTE_SETTINGS, plugins_dir=str(PLUGINS_DIR)
    )
    timings: dict[str, list[float]] = {}
    statuses: dict[str, set[int]] = {}
    for _ in range(repeats):
        for kind, term in terms.items():
            for label, url in _search_paths(path.stem, term, metadata, filters).items():
                started = time.perf_counter()
                response = await datasette.client.get(url, follow_redirects=True)
                elapsed = (time.perf_counter() - started) * 1000
                key = f"{label}, {kind} term “{term}”"
                timings.setdefault(key, []).append(elapsed)
                statuses.setdefault(key, set()).add(response.status_code)
    return {"timings": timings, "statuses": statuses}


def _generated_archive(
    path: Path, count: int, english: Words, arabic: Words, facets: Facets
) -> str:
    """Bulk-load `count` generated articles into `path`, or reuse a `--workdir`'s earlier load.

    The rows are drawn from fixed seeds, so an archive that holds `count` of them is the same.
    """
    if path.exists():
        db = Database(path)
        migrations.apply(db)  # the ones added since the earlier load
        loaded = db.table("articles").count
        db.close()
        if loaded == count:
            return f"reused the {count:,} generated articles in {path}"
        for stale in path.parent.glob(f"{path.name}*"):
            stale.unlink()
    started = time.perf_counter()
    bulk_load_articles(path, generated_rows(count, english, arabic, facets))
    return (
        f"bulk-loaded {count:,} generated articles ({path.stat().st_size / 2**20:,.0f} MiB) "
        f"in {time.perf_counter() - started:,.0f} s"
    )


def browsing(scale: Scale, workdir: Path, report: Report) -> None:
    path = workdir / BROWSE_ARCHIVE
    path.parent.mkdir(parents=True, exist_ok=True)
    english, arabic = zipf_vocabulary(20_000), arabic_vocabulary(20_000)
    facets = generated_facets()
    loaded = _generated_archive(path, scale.fts_articles, english, arabic, facets)
    report.notes.append("browsing: " + loaded)
    arabic_rows = round(scale.fts_articles * ARABIC_SHARE)
    terms = {
        **pick_terms(*english, scale.fts_articles - arabic_rows),
        **{
            f"Arabic {kind}": arabic_query(word)
            for kind, word in pick_terms(*arabic, arabic_rows).items()
        },
    }
    filters = search_filters(facets)
    results = asyncio.run(_query_times(path, terms, filters, scale.fts_queries))
    for key, timings in results["timings"].items():
        statuses = sorted(results["statuses"][key])
        p95 = _p95(timings)
        own = key.startswith(OWN_TABLE_SEARCH)
        number, target, met = ("6a.", "", None) if own else ("6.", "≤ 200", p95 <= 200)
        report.figures.append(
            Figure(f"{number} Datasette {key}, p95 ms", [p95], "ms", target, met,
                   f"HTTP {statuses}; median {statistics.median(timings):.1f} ms")
        )  # fmt: skip


# ---------------------------------------------------------------- 7. bounds (issue 10)


def bounds(scale: Scale, workdir: Path, report: Report) -> None:
    bomb, huge = probes(scale.bomb_bytes, scale.huge_links)
    bomb_mib, huge_mib = peak_rss_mib(bomb, workdir), peak_rss_mib(huge, workdir)
    report.figures += [
        Figure(f"7a. peak RSS, gzip bomb inflating to {scale.bomb_bytes / 2**20:,.0f} MiB",
               [bomb_mib], "MiB", "≤ 512", bomb_mib <= 512, f"`{bomb.fault}`"),
        Figure(f"7b. peak RSS, one listing of {scale.huge_links:,} links", [huge_mib], "MiB",
               "≤ 512", huge_mib <= 512, f"`{huge.fault}`"),
    ]  # fmt: skip


# ---------------------------------------------------------------- 8. sitemaps (issue 13)


def sitemap_requests(scale: Scale, workdir: Path, report: Report) -> None:
    """Figure 8: benchmarks/sitemaps.py measures one cron run each way, then models a day."""
    m = sitemap_model.measure(scale.incremental_base, workdir)
    both, plugin = sitemap_model.BOTH_FAMILIES, (sitemap_model.PLUGIN_PAGE_SIZE,)
    modelled = sitemap_model.sitemap_run_requests(m.posts, m.new, m.edits, both)
    caught = 100 * m.sitemaps.edits_caught / m.edits
    listing_caught = 100 * m.listings.edits_caught / m.edits
    live = sitemap_model.LIVE_ARCHIVE
    per_day = {
        "sitemaps": sitemap_model.sitemaps_per_day(live, both),
        "plugin": sitemap_model.sitemaps_per_day(live, plugin, via_robots=False),
        "schedule": sitemap_model.listings_per_day(m.listings),
        "every": sitemap_model.every_article_every_run_per_day(m.listings, live),
    }
    budget = 17_000  # DESIGN: Crawl-delay 5 s allows ~17,000 requests a day
    step = f"{m.new} new, {m.edits} edited, on {m.posts:,} archived"
    report.notes.append(
        f"sitemaps: the sitemap run asked for {dict(m.sitemaps.requests)}, the listing run for "
        f"{dict(m.listings.requests)} ({step}); the day models take {live:,} archived "
        f"articles, {sitemap_model.NEW_PER_DAY} new and {sitemap_model.UPDATES_PER_DAY} "
        f"updates a day, {sitemap_model.RUNS_PER_DAY} runs a day (benchmarks/sitemaps.py)"
    )
    report.figures += [
        Figure(f"8a. requests of a sitemap run ({step})", [m.sitemaps.total], "requests",
               f"= model ({modelled})", m.sitemaps.total == modelled),
        Figure("8b. edits caught by that sitemap run", [caught], "%", "100 %", caught == 100),
        Figure("8c. edits caught by a listing run (age schedule)", [listing_caught], "%", "",
               None, "the schedule never re-checks articles older than 90 days"),
        Figure(f"8d. requests/day, sitemaps (both families), {live:,} archived",
               [per_day["sitemaps"]], "requests", f"≤ {budget:,}", per_day["sitemaps"] <= budget,
               "catches every update"),
        Figure(f"8e. requests/day, sitemap_index.xml only, {live:,} archived",
               [per_day["plugin"]], "requests", f"≤ {budget:,}", per_day["plugin"] <= budget,
               "catches every update"),
        Figure("8f. requests/day, listings + age schedule", [per_day["schedule"]], "requests",
               "", None, "misses updates past 90 days"),
        Figure(f"8g. requests/day, listings + re-check of all {live:,} every run",
               [per_day["every"]], "requests", f"≤ {budget:,}", per_day["every"] <= budget,
               "catches every update"),
    ]  # fmt: skip


# ---------------------------------------------------------------- 10. cluster mode (issue 13)


def cluster(scale: Scale, workdir: Path, report: Report) -> None:
    delay = scale.cluster_delay
    unpaced, paced = cluster_rounds(
        workdir, scale.cluster_articles, scale.cluster_paced_articles, delay
    )
    letters = iter("abcdef")
    for run in unpaced:
        report.figures.append(
            Figure(f"10{next(letters)}. {run.workers} frontier worker(s) + writer, pages/s "
                   f"({scale.cluster_articles:,} articles, no Crawl-delay)",
                   [run.pages_per_second], "pages/s", note=f"{run.pages} pages")
        )  # fmt: skip
    for run in paced:
        per_delay = run.requests_per_delay(delay)
        report.figures.append(
            Figure(f"10{next(letters)}. {run.workers} frontier worker(s), requests to the host "
                   f"per Crawl-delay ({delay:g} s)", [per_delay], "requests", "≤ 1",
                   per_delay <= 1 and run.min_gap >= delay,
                   f"{run.pages} pages; shortest gap {run.min_gap:.3f} s")
        )  # fmt: skip


# ---------------------------------------------------------------- 9. parallel reparse (issue 13)

REPARSE_JOBS = 2  # the cores of the machine the figures were first measured on
REPLAY_CAPTURES = 1_000_000


@dataclass(frozen=True)
class ReparseRun:
    records: int
    seconds: float
    cpu_seconds: float  # this process and its (joined) workers

    @property
    def rate(self) -> float:
        return self.records / self.seconds


def _cpu_seconds() -> float:
    own, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _timed_reparse(crawled: Path, warc_dir: Path, copy: Path, jobs: int) -> ReparseRun:
    """`reparse --jobs` into a fresh copy of the crawl's archive, timed."""
    for stale in copy.parent.glob(f"{copy.name}*"):
        stale.unlink()
    with sqlite3.connect(crawled) as original, sqlite3.connect(copy) as target:
        original.backup(target)
    started, cpu = time.perf_counter(), _cpu_seconds()
    summary = reparse(copy, warc_dir, jobs)
    run = ReparseRun(summary.records, time.perf_counter() - started, _cpu_seconds() - cpu)
    if summary.finish_reason != "finished":
        raise RuntimeError(f"reparse --jobs {jobs} stopped: {summary}")
    return run


def parallel_reparse(scale: Scale, workdir: Path, report: Report) -> None:
    count, jobs = scale.reparse_articles, REPARSE_JOBS
    crawled, warc_dir = workdir / "reparse-crawl.db", workdir / "reparse-warc"
    # A `--workdir` keeps the last run's crawl; crawling into it again would add its captures.
    shutil.rmtree(warc_dir, ignore_errors=True)
    for stale in workdir.glob(f"{crawled.name}*"):
        stale.unlink()
    with running_snapshot(*snapshot_args(count)) as url:
        sana_crawl(url, crawled, f"WARC_DIR={warc_dir}")
    # The snapshot's few unreadable articles fail every repetition; their lines are no figure.
    logging.getLogger("newscrawler.reparse").setLevel(logging.CRITICAL)
    load_before = os.getloadavg()[0]
    runs: dict[int, list[ReparseRun]] = {1: [], jobs: []}
    for repeat in range(scale.reparse_repeats):
        # Side by side, in turns (1, N; then N, 1 …) so that a change of load hits both alike.
        for job_count in (1, jobs) if repeat % 2 == 0 else (jobs, 1):
            runs[job_count].append(_timed_reparse(crawled, warc_dir, workdir / "reparse.db",
                                                  job_count))  # fmt: skip
    single, parallel = [run.rate for run in runs[1]], [run.rate for run in runs[jobs]]
    ratios = [many / one for one, many in zip(single, parallel, strict=True)]
    cpu_ratios = [
        (many.cpu_seconds / many.records) / (one.cpu_seconds / one.records)
        for one, many in zip(runs[1], runs[jobs], strict=True)
    ]
    records = runs[1][0].records
    target = 0.8 * jobs
    hours = [REPLAY_CAPTURES / rate / 3600 for rate in parallel]
    report.notes.append(
        f"parallel reparse: {records:,} response records of a {count:,}-article full crawl "
        f"(full-chrome pages), into a copy of its archive (articles unchanged), on "
        f"{os.cpu_count()} CPUs shared with other work (1-minute load average "
        f"{load_before:.1f} before, {os.getloadavg()[0]:.1f} after); 9c extrapolates "
        f"{REPLAY_CAPTURES:,} captures ÷ the measured rate of 9b (per-capture work is "
        f"independent and the memory kept per capture is constant)"
    )
    report.figures += [
        Figure(f"9. reparse captures/s, --jobs {jobs} ÷ --jobs 1 ({records:,} captures)", ratios,
               "ratio", f"≥ {target:.1f} (0.8 × {jobs})", min(ratios) >= target),
        Figure("9a. reparse --jobs 1, captures/s", single, "captures/s"),
        Figure(f"9b. reparse --jobs {jobs}, captures/s", parallel, "captures/s"),
        Figure(f"9c. time to replay {REPLAY_CAPTURES:,} captures at --jobs {jobs}", hours,
               "hours"),
        Figure(f"9d. CPU s per capture (all processes), --jobs {jobs} ÷ --jobs 1", cpu_ratios,
               "ratio", note="the cost of parallelism, whatever else the machine runs"),
    ]  # fmt: skip


# ---------------------------------------------------------------- RESULTS.md

MEASUREMENTS: dict[str, Callable[[Scale, Path, Report], None]] = {
    "crawl": crawl_overhead,
    "parse": per_article_cost,
    "writes": archive_writes,
    "memory": memory,
    "incremental": incremental,
    "browse": browsing,
    "bounds": bounds,
    "sitemaps": sitemap_requests,
    "cluster": cluster,
    "reparse": parallel_reparse,
}


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        models = re.findall(r"model name\s*:\s*(.+)", cpuinfo.read_text())
        cpu = models[0] if models else cpu
    memory_kb = re.search(r"MemTotal:\s*(\d+)", Path("/proc/meminfo").read_text())
    ram = f", {int(memory_kb.group(1)) / 2**20:.0f} GiB RAM" if memory_kb else ""
    return (
        f"{cpu}, {os.cpu_count()} CPUs{ram}; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}"
    )


def write_results(report: Report, path: Path, started: datetime, seconds: float) -> None:
    """RESULTS.md: this run's figures, then rows of an earlier run that this one did not redo.

    A `--only` run re-measures some figures; the others stay, marked with their run's date.
    """
    earlier = earlier_rows(path, {figure.number for figure in report.figures})
    lines = [
        "# Benchmark results",
        "",
        f"- Machine: {machine()}",
        f"- Date: {started:%Y-%m-%d %H:%M} UTC; scale `{report.scale}`; took {seconds:,.0f} s",
        "",
        "| figure | min | median | max | unit | target | met | note |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for figure in report.figures:
        met = {True: "yes", False: "**no**", None: ""}[figure.met]
        lines.append(
            f"| {figure.name} | {' | '.join(figure.cells())} | {figure.unit} | "
            f"{figure.target} | {met} | {figure.note} |"
        )
    lines += earlier
    lines += ["", "## Run notes", ""] + [f"- {note}" for note in report.notes]
    # Profiles of the missed targets are written by hand; each run carries them along.
    if PROFILES.exists():
        lines += ["", PROFILES.read_text(encoding="utf-8").rstrip()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def earlier_rows(path: Path, measured: set[str]) -> list[str]:
    """Table rows of the results at `path` whose figure number is not in `measured`."""
    if not path.exists():
        return []
    text = path.read_text(encoding="utf-8")
    date = EARLIER_DATE.search(text)
    stamp = f"measured {date.group(1)}" if date else "from an earlier run"
    rows = []
    for line in text.split("\n## ")[0].splitlines():
        cells = line.strip().strip("|").split("|")
        if not line.startswith("| ") or len(cells) != 8 or cells[0].strip() == "figure":
            continue
        if cells[0].split()[0] in measured:
            continue
        note = cells[7].strip()
        if not note.startswith("measured "):
            cells[7] = f" {stamp}; {note} " if note else f" {stamp} "
        rows.append("|" + "|".join(cells) + "|")
    return rows


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", choices=sorted(SCALES), default="full")
    parser.add_argument("--output", type=Path, default=BENCH_DIR / "RESULTS.md")
    parser.add_argument("--only", nargs="+", choices=list(MEASUREMENTS), default=list(MEASUREMENTS))
    parser.add_argument("--workdir", type=Path, help="keep the generated files here")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    scale = SCALES[args.scale]
    report = Report(args.scale)
    started, clock = datetime.now(UTC), time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="bench-") as temporary:
        workdir = args.workdir or Path(temporary)
        workdir.mkdir(parents=True, exist_ok=True)
        for name in args.only:
            step = time.perf_counter()
            print(f"bench: {name}…", flush=True)
            MEASUREMENTS[name](scale, workdir, report)
            report.notes.append(f"{name} took {time.perf_counter() - step:,.0f} s")
            # Written after every measurement, so a long run that is stopped keeps what it has.
            write_results(report, args.output, started, time.perf_counter() - clock)
    print(f"bench: wrote {args.output}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
