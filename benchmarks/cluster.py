"""Issue 13's cluster figures: 1, 2 and 3 frontier workers with one archive writer.

`python benchmarks/cluster.py [ARTICLES PACED_ARTICLES CRAWL_DELAY]` prints them; `run.py --only
cluster` registers them as figures 8a-8f. Every round starts a fresh redis-server and snapshot
(with a request log), the writer, then N `scrapy crawl sana -s NEWSCRAWLER_FRONTIER=…` workers
at once. Both figures come from the snapshot's request log, what the host saw:
- pages/s: pages asked for (robots.txt aside) ÷ seconds from the first to the last, with the
  snapshot's Crawl-delay 0 and the project's Crawl-delay handling off;
- requests per Crawl-delay: with robots.txt asking for CRAWL_DELAY and obeyed, the requests
  sent after the first page (when every worker can know the delay) over the Crawl-delays those
  requests spanned, `(n - 1) × delay ÷ (last - first)`; at most 1 is polite.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newscrawler.frontier.local import running_redis  # noqa: E402
from newscrawler.snapshot.process import running_snapshot  # noqa: E402

WORKER_COUNTS = (1, 2, 3)
LOCAL_SETTINGS = (
    "DOWNLOAD_DELAY=0",
    "AUTOTHROTTLE_ENABLED=False",
    "NEWSCRAWLER_RETRY_BACKOFF=0",
    "LOG_LEVEL=INFO",
)
# Seconds the writer waits, once the outbox is empty and no worker is alive, before it exits.
WRITER_IDLE = 10


@dataclass(frozen=True)
class Round:
    workers: int
    pages: int
    seconds: float
    min_gap: float

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds if self.seconds else 0.0

    def requests_per_delay(self, delay: float) -> float:
        return (self.pages - 1) * delay / self.seconds if self.seconds else 0.0


def host_requests(request_log: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in request_log.read_text(encoding="utf-8").splitlines()]


def measured_round(request_log: Path, workers: int) -> Round:
    entries = host_requests(request_log)
    first_page = next(i for i, entry in enumerate(entries) if entry["path"] != "/robots.txt")
    times = sorted(float(str(entry["ts"])) for entry in entries[first_page:])
    gaps = [later - earlier for earlier, later in pairwise(times)]
    return Round(workers, len(times), times[-1] - times[0], min(gaps) if gaps else 0.0)


def cluster_round(workdir: Path, workers: int, articles: int, delay: float) -> Round:
    """One crawl of a fresh snapshot by `workers` frontier workers and one writer."""
    folder = workdir / f"cluster-{workers}-{delay:g}"
    folder.mkdir(parents=True, exist_ok=True)
    request_log = folder / "requests.jsonl"
    snapshot = ("--generate", str(articles), "--crawl-delay", str(delay))
    obey = f"NEWSCRAWLER_OBEY_CRAWL_DELAY={bool(delay)}"
    with (
        running_redis() as frontier,
        running_snapshot(*snapshot, "--request-log", str(request_log)) as url,
    ):
        writer = subprocess.Popen(
            [sys.executable, "-m", "newscrawler", "archive-writer", "--frontier", frontier,
             "--archive", str(folder / "archive.db"), "--until-idle", str(WRITER_IDLE)],
            cwd=ROOT, stderr=(folder / "writer.log").open("wb"),
        )  # fmt: skip
        wait_for_archive(folder / "writer.log")
        command = [sys.executable, "-m", "scrapy", "crawl", "sana", "-a", "mode=full"]
        command += ["-a", f"start_urls={url}/en/?paged=1"]
        for setting in (*LOCAL_SETTINGS, obey, f"NEWSCRAWLER_FRONTIER={frontier}",
                        f"ARCHIVE_PATH={folder / 'archive.db'}"):  # fmt: skip
            command += ["-s", setting]
        crawls = [
            subprocess.Popen(command, cwd=ROOT, stderr=(folder / f"w{n}.log").open("wb"))
            for n in range(workers)
        ]
        codes = [crawl.wait() for crawl in crawls] + [writer.wait()]
    if any(codes):
        raise RuntimeError(f"cluster round with {workers} workers failed: {codes} ({folder})")
    return measured_round(request_log, workers)


def wait_for_archive(writer_log: Path, timeout: float = 60) -> None:
    """Workers read the archive: wait until the writer has opened (created) it."""
    deadline = time.monotonic() + timeout
    while "Archive writer:" not in writer_log.read_text(errors="replace"):
        if time.monotonic() > deadline:
            raise RuntimeError(f"the archive writer did not start: {writer_log}")
        time.sleep(0.1)


def cluster_rounds(
    workdir: Path, articles: int, paced_articles: int, delay: float
) -> tuple[list[Round], list[Round]]:
    """(unpaced rounds, paced rounds), one of each per worker count."""
    unpaced = [cluster_round(workdir, n, articles, 0) for n in WORKER_COUNTS]
    paced = [cluster_round(workdir, n, paced_articles, delay) for n in WORKER_COUNTS]
    return unpaced, paced


def main(argv: list[str]) -> int:
    articles, paced_articles = (int(argv[0]), int(argv[1])) if argv else (300, 60)
    delay = float(argv[2]) if len(argv) > 2 else 0.5
    with tempfile.TemporaryDirectory() as folder:
        unpaced, paced = cluster_rounds(Path(folder), articles, paced_articles, delay)
    for run in unpaced:
        print(f"{run.workers} workers: {run.pages_per_second:.1f} pages/s ({run.pages} pages)")
    for run in paced:
        print(
            f"{run.workers} workers, Crawl-delay {delay:g} s: "
            f"{run.requests_per_delay(delay):.3f} requests per Crawl-delay, "
            f"shortest gap {run.min_gap:.3f} s"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
