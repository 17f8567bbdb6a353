"""Issue 10's bounds: peak RSS of `scrapy crawl sana` against a gzip bomb and a huge listing.

`python benchmarks/bounds.py [BOMB_BYTES HUGE_LINKS]` prints both; `run.py --only bounds`
registers them as figures 7a and 7b. Each crawl runs with the project's own settings (its
DOWNLOAD_MAXSIZE and NEWSCRAWLER_MAX_LINKS_PER_PAGE are what is measured), against a snapshot
serving one fault, in a fresh `peak_rss.py` wrapper.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newscrawler.snapshot.process import running_snapshot  # noqa: E402

PEAK_RSS = ROOT / "benchmarks" / "peak_rss.py"
# The probes: a body inflating to 0.9 GB, a listing page of 200,000 links.
BOMB_BYTES = 943_718_400
HUGE_LINKS = 200_000
# A hand-written article of the snapshot, served as the bomb instead of its page.
BOMB_POST_ID = 101306
# No politeness pauses against the local snapshot; the capped listing's made-up links answer
# 404, and retrying them would only add time.
LOCAL_SETTINGS = (
    "DOWNLOAD_DELAY=0",
    "AUTOTHROTTLE_ENABLED=False",
    "NEWSCRAWLER_OBEY_CRAWL_DELAY=False",
    "NEWSCRAWLER_RETRY_BACKOFF=0",
    "RETRY_TIMES=0",
    "LOG_LEVEL=INFO",
)


@dataclass(frozen=True)
class Probe:
    """One hostile page: the snapshot's fault spec and the start path that reaches it."""

    name: str
    fault: str
    start_path: str


def probes(bomb_bytes: int = BOMB_BYTES, huge_links: int = HUGE_LINKS) -> tuple[Probe, Probe]:
    """The gzip bomb and the huge listing, as tests/test_crawl_hostile.py spells their faults."""
    return (
        Probe("bomb", f"gzip-bomb:p={BOMB_POST_ID}$:{bomb_bytes}", f"/en/?p={BOMB_POST_ID}"),
        Probe("huge", f"huge:tag=huge:{huge_links}", "/en/?tag=huge"),
    )


def peak_rss_mib(probe: Probe, workdir: Path) -> float:
    """Peak RSS (MiB) of one full crawl from `probe.start_path` while the snapshot serves it."""
    folder = workdir / f"bounds-{probe.name}"
    folder.mkdir(parents=True, exist_ok=True)
    settings = (*LOCAL_SETTINGS, f"ARCHIVE_PATH={folder / 'archive.db'}", f"WARC_DIR={folder}")
    with running_snapshot("--fault", probe.fault, "--crawl-delay", "0") as url:
        command = [sys.executable, str(PEAK_RSS), sys.executable, "-m", "scrapy", "crawl", "sana"]
        command += ["-a", f"start_urls={url}{probe.start_path}", "-a", "mode=full"]
        command += [arg for setting in settings for arg in ("-s", setting)]
        completed = subprocess.run(
            command, cwd=ROOT, capture_output=True, text=True, env=_env(), check=False
        )
    if completed.returncode != 0:
        raise RuntimeError(f"bounds crawl {probe.name} failed:\n{completed.stderr[-3000:]}")
    peak = re.search(r"PEAK_RSS_KB=(\d+)", completed.stdout)
    if peak is None:
        raise RuntimeError(f"bounds crawl {probe.name}: no PEAK_RSS_KB line")
    return int(peak.group(1)) / 1024


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


def main(argv: list[str]) -> int:
    sizes = [int(value) for value in argv[:2]]
    with tempfile.TemporaryDirectory(prefix="bounds-") as workdir:
        for probe in probes(*sizes):
            print(f"{probe.fault}: peak RSS {peak_rss_mib(probe, Path(workdir)):.1f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
