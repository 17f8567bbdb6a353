"""`python -m newscrawler`: the project's commands (demo, reparse, cron, browse, archive-writer)."""

from __future__ import annotations

import argparse
import json
import logging
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from newscrawler import settings
from newscrawler.archive.backoff import BackoffSchedule
from newscrawler.archive.exports import FORMATS, export_articles
from newscrawler.archive.report import summarize
from newscrawler.browse import PROJECT_ROOT, datasette_options
from newscrawler.cron import CronJob, run_job
from newscrawler.frontier.writer import WriterOptions, run_writer
from newscrawler.reparse import reparse
from newscrawler.snapshot.process import running_snapshot
from newscrawler.warc import default_warc_dir

# The editions the demo crawls, and their start points on the snapshot site: English listings
# of both layouts (the archive home and the relaunched sections), then the Arabic archive home
# and the Arabic feed (not well-formed XML, as on the real site).
DEMO_EDITIONS = "en,ar"
DEMO_START_PATHS = ("/en/?paged=1", "/en/politics/", "/en/economy/", "/en/society/")
DEMO_ARABIC_START_PATHS = ("/?paged=1", "/feed/")
# A local snapshot needs no pause: no delay, no AutoThrottle, its robots.txt Crawl-delay unheeded.
FAST_LOCAL_SETTINGS = (
    "DOWNLOAD_DELAY=0",
    "AUTOTHROTTLE_ENABLED=False",
    "NEWSCRAWLER_OBEY_CRAWL_DELAY=False",
)
# A run stopped by Ctrl-C exits as an interrupted program does; one whose worker died, 1.
REPARSE_EXIT_CODES = {"finished": 0, "shutdown": 130}


def crawl_command(base_url: str, archive_path: Path, log_file: Path) -> list[str]:
    paths = DEMO_START_PATHS + DEMO_ARABIC_START_PATHS
    start_urls = ",".join(base_url + path for path in paths)
    command = [sys.executable, "-m", "scrapy", "crawl", "sana"]
    command += ["-a", f"start_urls={start_urls}", "-a", "mode=full"]
    command += ["-a", f"editions={DEMO_EDITIONS}"]
    command += ["-s", f"ARCHIVE_PATH={archive_path}", "--logfile", str(log_file)]
    for setting in FAST_LOCAL_SETTINGS:
        command += ["-s", setting]
    return command


def demo(archive_path: Path) -> int:
    # The demo's archive, WARC captures (beside it) and logs live in a folder of their own,
    # never beside the production archive.
    log_file = archive_path.parent / "logs" / "demo-crawl.log"
    log_file.parent.mkdir(parents=True, exist_ok=True)
    with running_snapshot() as base_url:
        print(f"Snapshot site at {base_url}; crawling it into {archive_path} ...", flush=True)
        command = crawl_command(base_url, archive_path, log_file)
        completed = subprocess.run(command, check=False)
    if completed.returncode != 0:
        print(
            f"scrapy crawl sana exited with {completed.returncode}; log: {log_file}",
            file=sys.stderr,
        )
        return completed.returncode
    print_summary(archive_path)
    print(f"The crawl's log: {log_file}")
    return 0


def print_summary(archive_path: Path) -> None:
    summary = summarize(archive_path)
    layouts = ", ".join(f"{n} {layout}" for layout, n in summary.by_layout.items())
    print(f"\nArchived {summary.articles} articles ({layouts}), {summary.links} links,")
    print(f"{summary.failures} recorded failures, {summary.runs} crawl run(s).\n")
    for row in summary.sample:
        print(json.dumps(row, ensure_ascii=False, indent=2))
    print(f"\nBrowse it:  .venv/bin/python -m newscrawler browse --archive {archive_path}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m newscrawler")
    commands = parser.add_subparsers(dest="command", required=True)
    demo_parser = commands.add_parser("demo", help="crawl the offline snapshot site")
    demo_parser.add_argument("--archive", type=Path, default=Path("exports/demo/demo.db"))
    reparse_parser = commands.add_parser(
        "reparse", help="re-parse the WARC captures into the archive, without network"
    )
    reparse_parser.add_argument("--archive", type=Path, default=Path(settings.ARCHIVE_PATH))
    reparse_parser.add_argument("--warc-dir", type=Path, help="default: WARC_DIR")
    reparse_parser.add_argument(
        "--jobs",
        type=jobs_count,
        default=1,
        metavar="N",
        help="parse captures in N processes (0: one per CPU; default 1); this process alone"
        " writes the archive",
    )
    add_cron_parser(commands)
    add_export_parser(commands)
    add_writer_parser(commands)
    # No -h/--help of its own: they are datasette serve's (host; its help, browse's options).
    browse_parser = commands.add_parser(
        "browse",
        add_help=False,
        help="serve the archive in Datasette with its front door;"
        " further arguments go to datasette serve",
    )
    browse_parser.add_argument("--archive", type=Path, default=Path(settings.ARCHIVE_PATH))
    # Arguments cron and browse do not know are the crawl's (`-a`, `-s`, `-O` …) or Datasette's.
    args, extra_args = parser.parse_known_args(argv)
    if extra_args and args.command not in ("cron", "browse"):
        parser.error(f"unrecognized arguments: {' '.join(extra_args)}")
    if args.command == "demo":
        return demo(args.archive)
    if args.command == "reparse":
        return reparse_command(args.archive, args.warc_dir, args.jobs)
    if args.command == "cron":
        job = CronJob(args.spider, args.archive, args.exports, args.keep_logs, extra_args)
        return run_job(job)
    if args.command == "export":
        return export_command(args.archive, args.format, args.output)
    if args.command == "browse":
        return browse_command(args.archive, extra_args)
    if args.command == "archive-writer":
        return writer_command(args.frontier, args.archive, args.until_idle)
    return 2


def add_writer_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    writer_parser = commands.add_parser(
        "archive-writer",
        help="the one process that writes the archive for frontier workers (NEWSCRAWLER_FRONTIER)",
    )
    writer_parser.add_argument("--frontier", required=True, metavar="redis://HOST:PORT/DB")
    writer_parser.add_argument("--archive", type=Path, default=Path(settings.ARCHIVE_PATH))
    writer_parser.add_argument(
        "--until-idle",
        type=float,
        metavar="SECONDS",
        help="exit once the outbox has been empty and no worker alive this long"
        " (default: run until stopped)",
    )


def writer_command(frontier: str, archive_path: Path, until_idle: float | None) -> int:
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s [%(name)s] %(levelname)s: %(message)s"
    )
    options = WriterOptions(
        archive_path=archive_path,
        batch_size=settings.ARCHIVE_BATCH_SIZE,
        failure_raw_max=settings.ARCHIVE_FAILURE_RAW_MAX,
        backoff=BackoffSchedule(
            first_days=settings.NEWSCRAWLER_BAD_PAGE_RETRY_DAYS,
            max_days=settings.NEWSCRAWLER_BAD_PAGE_RETRY_MAX_DAYS,
        ),
        until_idle=until_idle,
    )
    applied = run_writer(frontier, options)
    print(f"Wrote {applied} outbox entries into {archive_path}")
    return 0


def browse_command(archive_path: Path, datasette_args: Sequence[str]) -> int:
    # In the words of the other commands, rather than Datasette's click error.
    if not archive_path.is_file():
        print(f"No archive at {archive_path}", file=sys.stderr)
        return 1
    command = [sys.executable, "-m", "datasette", "serve", str(archive_path)]
    command += [*datasette_options(), *datasette_args]
    # The plugin file (loaded by path, not as a package module) imports newscrawler.
    paths = [str(PROJECT_ROOT), os.environ.get("PYTHONPATH", "")]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(path for path in paths if path)}
    # Datasette takes this process's place, so Ctrl-C or a kill reaches it and leaves no orphan.
    os.execve(sys.executable, command, env)


def add_export_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    export_parser = commands.add_parser("export", help="write the archive's articles to a file")
    export_parser.add_argument("--format", choices=FORMATS, required=True)
    export_parser.add_argument("--archive", type=Path, default=Path(settings.ARCHIVE_PATH))
    export_parser.add_argument("--output", type=Path, help="default: exports/articles.FORMAT")


def export_command(archive_path: Path, fmt: str, output: Path | None) -> int:
    target = output or Path("exports") / f"articles.{fmt}"
    try:
        count = export_articles(archive_path, target, fmt)
    except FileNotFoundError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"Wrote {count} articles to {target}")
    return 0


def add_cron_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    cron_parser = commands.add_parser(
        "cron",
        help="one locked, logged, health-checked crawl (exit 2 if unhealthy, 75 if locked);"
        " further arguments go to scrapy crawl",
    )
    cron_parser.add_argument("spider")
    cron_parser.add_argument("--archive", type=Path, default=Path(settings.ARCHIVE_PATH))
    cron_parser.add_argument(
        "--exports", type=Path, default=Path("exports"), help="folder of the lock and logs/"
    )
    cron_parser.add_argument("--keep-logs", type=int, default=30, help="log files kept")


def jobs_count(value: str) -> int:
    """`--jobs`: a count of processes, 0 meaning one per CPU."""
    try:
        jobs = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of processes: {value!r}") from None
    if jobs < 0:
        raise argparse.ArgumentTypeError(f"a number of processes is 0 or more, not {jobs}")
    return jobs or os.cpu_count() or 1


def reparse_command(archive_path: Path, warc_dir: Path | None, jobs: int) -> int:
    # Reparse fills an archive the crawler made; creating one would turn any folder of
    # captures (the demo's, say) into what looks like the production archive.
    if not archive_path.is_file():
        message = f"No archive at {archive_path}: reparse only refills an existing one"
        print(message, file=sys.stderr)
        return 1
    if warc_dir is None:
        warc_dir = Path(settings.WARC_DIR) if settings.WARC_DIR else default_warc_dir(archive_path)
    if not warc_dir.is_dir():
        print(f"No WARC folder at {warc_dir}", file=sys.stderr)
        return 1
    summary = reparse(archive_path, warc_dir, jobs)
    print(summary)
    return REPARSE_EXIT_CODES.get(summary.finish_reason, 1)


if __name__ == "__main__":
    sys.exit(main())
