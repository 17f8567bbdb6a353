"""`python -m newscrawler.snapshot`: read the options, announce the URL, serve until stopped."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from types import FrameType

from newscrawler.snapshot.content import PACKAGE_CONTENT_DIR, ContentError, load_content
from newscrawler.snapshot.faults import Faults, parse_fault
from newscrawler.snapshot.generate import GeneratedArchive
from newscrawler.snapshot.routes import DEFAULT_CRAWL_DELAY
from newscrawler.snapshot.server import RequestLog, SnapshotServer
from newscrawler.snapshot.site import Site, other_edition_sites


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m newscrawler.snapshot", description="Serve the SANA snapshot site."
    )
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument(
        "--bind",
        default="127.0.0.1",
        metavar="ADDRESS",
        help="loopback address to listen on (127.0.0.2 serves as a second, off-site host)",
    )
    parser.add_argument("--content", type=Path, default=PACKAGE_CONTENT_DIR, help="content folder")
    parser.add_argument("--generate", type=int, default=0, metavar="N", help="N synthetic posts")
    parser.add_argument("--seed", type=int, default=2017, help="seed of the generated posts")
    parser.add_argument("--archive-host", metavar="NAME", help="redirect archive URLs to NAME")
    parser.add_argument("--fault", action="append", default=[], metavar="SPEC", type=parse_fault)
    parser.add_argument("--request-log", type=Path, metavar="FILE", help="JSON Lines log")
    parser.add_argument(
        "--crawl-delay",
        type=float,
        default=DEFAULT_CRAWL_DELAY,
        metavar="SECONDS",
        help=f"Crawl-delay robots.txt asks for (default {DEFAULT_CRAWL_DELAY:g}, as SANA's)",
    )
    parser.add_argument(
        "--serve-version",
        action="append",
        default=[],
        metavar="ID:K",
        type=_version_choice,
        help="serve version K (1-based) of article ID instead of its base text",
    )
    return parser.parse_args(argv)


def _version_choice(text: str) -> tuple[int, int]:
    post_id, _, number = text.partition(":")
    if not (post_id.isdigit() and number.isdigit()):
        raise argparse.ArgumentTypeError(f"expected ID:K, got {text!r}")
    return int(post_id), int(number)


def build_server(args: argparse.Namespace) -> SnapshotServer:
    content = load_content(args.content)
    generated = (
        GeneratedArchive(args.generate, list(content.categories), seed=args.seed)
        if args.generate
        else None
    )
    site = Site(content, generated, dict(args.serve_version))
    request_log = RequestLog(args.request_log) if args.request_log else None
    return SnapshotServer(
        args.port,
        site,
        Faults(args.fault),
        request_log,
        args.archive_host,
        args.crawl_delay,
        args.bind,
        other_edition_sites(),
    )


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        server = build_server(args)
    except (ContentError, ValueError) as error:
        print(f"snapshot: {error}", file=sys.stderr)
        return 2
    print(f"SNAPSHOT_URL={server.url}", flush=True)

    def stop(signum: int, frame: FrameType | None) -> None:
        # shutdown() waits for serve_forever() to return, so it cannot run on the serving thread.
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        server.serve_forever()
    finally:
        server.server_close()
        if server.request_log is not None:
            server.request_log.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
