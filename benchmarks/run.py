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

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scrapy.http import HtmlResponse  # noqa: E402
from sqlite_utils import Database  # noqa: E402

from benchmarks.bounds import peak_rss_mib, probes  # noqa: E402
from newscrawler.archive.bulk import bulk_load_articles  # noqa: E402
from newscrawler.archive.migrations import migrations  # noqa: E402
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
    reparse_articles: int
    reparse_repeats: int


SCALES = {
    "tiny": Scale(30, 2, 20, 2, (200, 1_000), 2, (30, 120), 60, 50, 3_000, 5, 64 * 2**20, 2_000,
                  30, 2),
    "full": Scale(
        5_000, 3, 300, 3, (10_000, 100_000), 2, (5_000, 50_000), 10_000, 50, 1_000_000, 20,
        943_718_400, 200_000, 3_000, 3,
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


def zipf_vocabulary(size: int, exponent: float = 1.07) -> tuple[list[str], list[float]]:
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
    cumulative, total = [], 0.0
    for rank in range(1, size + 1):
        total += rank**-exponent
        cumulative.append(total)
    return words, cumulative


def generated_rows(count: int, words: list[str], weights: list[float]) -> Iterator[dict[str, Any]]:
    rng = random.Random(2017)
    for index in range(count):
        post_id = 20_000_000 + index
        yield {
            "url": f"https://archive.sana.sy/en/?p={post_id}",
            "post_id": post_id,
            "site": "sana",
            "edition": "en",
            "layout": "archive",
            "title": " ".join(rng.choices(words, cum_weights=weights, k=9)).capitalize(),
            "body": " ".join(rng.choices(words, cum_weights=weights, k=120)),
            "published": f"20{14 + index * 12 // count:02d}-01-01T00:00:00+00:00",
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


def _search_paths(database: str, term: str, metadata: dict[str, Any]) -> dict[str, str]:
    # The table's search box leads to the canned search (browse/plugins/fast_search.py).
    paths = {
        "table search box": f"/{database}/articles?_search={term}",
        "table search JSON": f"/{database}/articles.json?_search={term}",
        OWN_TABLE_SEARCH: f"/{database}/articles?_search={term}&_table_search=1",
    }
    queries = metadata.get("databases", {}).get(database, {}).get("queries", {})
    for name, query in queries.items():
        sql = query if isinstance(query, str) else query.get("sql", "")
        params = re.findall(r":(\w+)", sql)
        if "match" in sql.lower() and len(set(params)) == 1:
            paths[f"canned query {name}"] = f"/{database}/{name}.json?{params[0]}={term}"
    return paths


def _metadata() -> dict[str, Any]:
    path = ROOT / "exports" / "metadata.yml"
    if not path.exists():
        return {}
    import yaml

    loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    return loaded if isinstance(loaded, dict) else {}


async def _query_times(path: Path, terms: dict[str, str], repeats: int) -> dict[str, Any]:
    from datasette.app import Datasette

    metadata = _metadata()
    datasette = Datasette(
        [str(path)], metadata=metadata, settings=DATASETTE_SETTINGS, plugins_dir=str(PLUGINS_DIR)
    )
    timings: dict[str, list[float]] = {}
    statuses: dict[str, set[int]] = {}
    for _ in range(repeats):
        for kind, term in terms.items():
            for label, url in _search_paths(path.stem, term, metadata).items():
                started = time.perf_counter()
                response = await datasette.client.get(url, follow_redirects=True)
                elapsed = (time.perf_counter() - started) * 1000
                key = f"{label}, {kind} term “{term}”"
                timings.setdefault(key, []).append(elapsed)
                statuses.setdefault(key, set()).add(response.status_code)
    return {"timings": timings, "statuses": statuses}


def _generated_archive(path: Path, count: int, words: list[str], weights: list[float]) -> str:
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
    bulk_load_articles(path, generated_rows(count, words, weights))
    return (
        f"bulk-loaded {count:,} generated articles ({path.stat().st_size / 2**20:,.0f} MiB) "
        f"in {time.perf_counter() - started:,.0f} s"
    )


def browsing(scale: Scale, workdir: Path, report: Report) -> None:
    path = workdir / "archive.db"
    words, weights = zipf_vocabulary(20_000)
    report.notes.append("browsing: " + _generated_archive(path, scale.fts_articles, words, weights))
    terms = pick_terms(words, weights, scale.fts_articles)
    results = asyncio.run(_query_times(path, terms, scale.fts_queries))
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


# ---------------------------------------------------------------- 8. parallel reparse (issue 13)

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
    summary = reparse(copy, warc_dir, "Asia/Damascus", jobs)
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
        f"{load_before:.1f} before, {os.getloadavg()[0]:.1f} after); 8c extrapolates "
        f"{REPLAY_CAPTURES:,} captures ÷ the measured rate of 8b (per-capture work is "
        f"independent and the memory kept per capture is constant)"
    )
    report.figures += [
        Figure(f"8. reparse captures/s, --jobs {jobs} ÷ --jobs 1 ({records:,} captures)", ratios,
               "ratio", f"≥ {target:.1f} (0.8 × {jobs})", min(ratios) >= target),
        Figure("8a. reparse --jobs 1, captures/s", single, "captures/s"),
        Figure(f"8b. reparse --jobs {jobs}, captures/s", parallel, "captures/s"),
        Figure(f"8c. time to replay {REPLAY_CAPTURES:,} captures at --jobs {jobs}", hours,
               "hours"),
        Figure(f"8d. CPU s per capture (all processes), --jobs {jobs} ÷ --jobs 1", cpu_ratios,
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
