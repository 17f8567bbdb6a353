"""Link history across captures, the addresses an article was fetched at, and `has_articles`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from newscrawler.archive import Archive

ArticleFactory = Callable[..., dict[str, Any]]
ReadRows = Callable[..., list[dict[str, Any]]]

T1 = "2024-01-01T08:00:00+00:00"
T2 = "2024-02-01T08:00:00+00:00"
URL = "https://archive.sana.sy/en/?p=101"


def check_also(post_id: int, anchor: str) -> dict[str, str]:
    return {
        "kind": "check_also",
        "url": f"https://archive.sana.sy/en/?p={post_id}",
        "anchor_text": anchor,
        "teaser": f"Damascus, SANA – {anchor} …",
    }


def links_by_target(committed: ReadRows) -> dict[str, dict[str, Any]]:
    rows = committed("SELECT * FROM links WHERE from_url = ?", URL)
    return {row["to_url"]: row for row in rows}


def test_links_keep_their_history_across_captures(
    archive: Archive, article: ArticleFactory, committed: ReadRows
) -> None:
    inline = {"kind": "inline", "url": "https://sana.sy/en/politics/7/", "anchor_text": "Talks"}
    archive.save_article(article(links=[check_also(90, "Bread prices"), inline]), [URL], T1)
    archive.save_article(article(links=[check_also(95, "Ferry resumes"), inline]), [URL], T2)
    archive.flush()

    links = links_by_target(committed)
    gone = links["https://archive.sana.sy/en/?p=90"]
    kept = links["https://sana.sy/en/politics/7/"]
    added = links["https://archive.sana.sy/en/?p=95"]
    assert (gone["first_seen"], gone["last_seen"]) == (T1, T1)
    assert (kept["first_seen"], kept["last_seen"]) == (T1, T2)
    assert (added["first_seen"], added["last_seen"]) == (T2, T2)
    assert added["teaser"] == "Damascus, SANA – Ferry resumes …"
    assert kept["kind"] == "inline"
    assert kept["teaser"] == ""


def test_same_target_under_two_kinds_is_two_links(
    archive: Archive, article: ArticleFactory, committed: ReadRows
) -> None:
    target = check_also(90, "Bread prices")
    archive.save_article(article(links=[target, {**target, "kind": "inline"}]), [URL], T1)
    archive.flush()
    kinds = committed("SELECT kind FROM links ORDER BY kind")
    assert [row["kind"] for row in kinds] == ["check_also", "inline"]


def test_redirect_chain_is_recorded_hop_by_hop(
    archive: Archive, article: ArticleFactory, committed: ReadRows
) -> None:
    chain = ["http://sana.sy/en/?p=101", "https://sana.sy/en/?p=101", URL]
    archive.save_article(article(), chain, T1)
    archive.save_article(article(), ["http://127.0.0.1:8000/en/?p=101"], T2)
    archive.flush()

    rows = {row["url"]: row for row in committed("SELECT * FROM article_urls")}
    assert {url: row["redirected_to"] for url, row in rows.items()} == {
        "http://sana.sy/en/?p=101": "https://sana.sy/en/?p=101",
        "https://sana.sy/en/?p=101": URL,
        URL: None,
        "http://127.0.0.1:8000/en/?p=101": None,
    }
    assert {row["article_url"] for row in rows.values()} == {URL}
    assert rows[URL]["last_seen"] == T1
    assert rows["http://127.0.0.1:8000/en/?p=101"]["first_seen"] == T2


def test_seeing_an_address_again_keeps_first_seen(
    archive: Archive, article: ArticleFactory, committed: ReadRows
) -> None:
    archive.save_article(article(), ["http://sana.sy/en/?p=101", URL], T1)
    archive.save_article(article(), ["http://sana.sy/en/?p=101", URL], T2)
    archive.flush()
    [row] = committed("SELECT * FROM article_urls WHERE url = 'http://sana.sy/en/?p=101'")
    assert (row["first_seen"], row["last_seen"], row["redirected_to"]) == (T1, T2, URL)


def test_has_articles_knows_canonical_urls_and_fetched_addresses(
    archive: Archive, article: ArticleFactory
) -> None:
    archive.save_article(article(), ["http://127.0.0.1:8000/en/?p=101"], T1)
    asked = [URL, "http://127.0.0.1:8000/en/?p=101", "https://archive.sana.sy/en/?p=5"]
    assert archive.has_articles(asked) == {URL, "http://127.0.0.1:8000/en/?p=101"}
    assert archive.has_articles([]) == set()


def test_has_articles_answers_for_more_urls_than_one_query_binds(
    archive: Archive, article: ArticleFactory
) -> None:
    for post_id in range(1, 1201, 3):
        archive.save_article(article(post_id=post_id), [], T1)
    asked = (f"https://archive.sana.sy/en/?p={post_id}" for post_id in range(1, 1201))
    found = archive.has_articles(asked)
    assert found == {f"https://archive.sana.sy/en/?p={n}" for n in range(1, 1201, 3)}
