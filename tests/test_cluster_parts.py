"""Cluster mode's parts on a real redis-server: the seen-set's identity, host turns, the outbox."""

from __future__ import annotations

from pathlib import Path

import redis
from scrapy import Request

from newscrawler.archive.backoff import BackoffSchedule
from newscrawler.archive.store import Archive
from newscrawler.frontier import OUTBOX_KEY, OUTBOX_PROCESSING_KEY
from newscrawler.frontier.scheduler import CanonicalDupeFilter
from newscrawler.frontier.writer import ArchiveWriter, WriterOptions
from newscrawler.politeness import CLUSTER_PACING_MARGIN, HostPacer


def seen_set(redis_url: str) -> CanonicalDupeFilter:
    return CanonicalDupeFilter(redis.Redis.from_url(redis_url), key="test:seen")


def test_one_article_under_any_host_or_spelling_is_seen_once(redis_url: str) -> None:
    seen = seen_set(redis_url)
    addresses = [
        "https://archive.sana.sy/en/?p=4242",
        "http://sana.sy/en/?p=4242",
        "http://127.0.0.1:8080/en/index.php?p=4242",
        "https://www.sana.sy/en/?p=4242#comments",
    ]
    assert [seen.request_seen(Request(url)) for url in addresses] == [False, True, True, True]
    assert not seen.request_seen(Request("https://archive.sana.sy/en/?p=4243"))
    # Relaunched articles by section and id; listings by their own address.
    assert not seen.request_seen(Request("https://sana.sy/en/politics/4242/"))
    assert seen.request_seen(Request("http://SANA.sy/en/politics/4242"))
    assert not seen.request_seen(Request("https://sana.sy/en/politics/page/2/"))
    assert not seen.request_seen(Request("https://sana.sy/en/politics/page/3/"))


def test_a_redirect_is_admitted_and_its_target_marked_seen(redis_url: str) -> None:
    seen = seen_set(redis_url)
    assert not seen.request_seen(Request("https://sana.sy/en/?p=7"))
    redirected = Request(
        "https://archive.sana.sy/en/?p=7", meta={"redirect_urls": ["https://sana.sy/en/?p=7"]}
    )
    assert not seen.request_seen(redirected)
    assert not seen.request_seen(Request("https://sana.sy/en/?p=8", meta=redirected.meta))
    assert seen.request_seen(Request("https://archive.sana.sy/en/?p=8"))


def test_turns_at_one_host_are_a_crawl_delay_apart(redis_url: str) -> None:
    pacer = HostPacer(redis.Redis.from_url(redis_url))
    assert pacer.take_turn("sana.sy") == 0  # no delay known: not paced
    pacer.set_delay("sana.sy", 2)
    waits = [pacer.take_turn("sana.sy") for _ in range(3)]
    step = 2 + CLUSTER_PACING_MARGIN
    assert waits[0] == 0
    assert step - 0.1 <= waits[1] <= step
    assert 2 * step - 0.1 <= waits[2] <= 2 * step
    # Another host keeps its own turns.
    pacer.set_delay("archive.sana.sy", 2)
    assert pacer.take_turn("archive.sana.sy") == 0


def test_a_retry_after_holds_the_host_for_every_turn(redis_url: str) -> None:
    pacer = HostPacer(redis.Redis.from_url(redis_url))
    pacer.hold("sana.sy", 30)
    assert pacer.held("sana.sy")
    assert 29 <= pacer.take_turn("sana.sy") <= 30  # even with no Crawl-delay known
    pacer.set_delay("sana.sy", 1)
    assert 29 <= pacer.take_turn("sana.sy") <= 30
    assert not pacer.held("archive.sana.sy")


def test_a_stopped_writers_entries_go_back_to_the_outbox_head_in_order(
    redis_url: str, tmp_path: Path
) -> None:
    server = redis.Redis.from_url(redis_url)
    server.rpush(OUTBOX_PROCESSING_KEY, "a", "b")
    server.rpush(OUTBOX_KEY, "c")
    with Archive(tmp_path / "archive.db") as archive:
        options = WriterOptions(tmp_path / "archive.db", 10, 1000, BackoffSchedule(), 1)
        assert ArchiveWriter(server, archive, options).recover() == 2
    assert server.lrange(OUTBOX_KEY, 0, -1) == [b"a", b"b", b"c"]
    assert server.llen(OUTBOX_PROCESSING_KEY) == 0
