"""Generated archive posts: deterministic, varied, newest first, served at benchmark sizes."""

from __future__ import annotations

import re

from parsel import Selector

from newscrawler.snapshot.common import sort_key
from newscrawler.snapshot.generate import FIRST_GENERATED_POST_ID, GeneratedArchive
from newscrawler.snapshot.process import running_snapshot
from tests.snapshot.conftest import TEST_CONTENT, fetch

CATEGORIES = [3, 4, 5, 6, 7, 8]


def test_same_seed_same_articles_other_seed_other_articles() -> None:
    post_id = FIRST_GENERATED_POST_ID + 17
    first = GeneratedArchive(100, CATEGORIES).article(post_id)
    assert GeneratedArchive(100, CATEGORIES).article(post_id) == first
    assert GeneratedArchive(100, CATEGORIES, seed=7).article(post_id).body_html != first.body_html


def test_publication_order_is_post_id_order() -> None:
    archive = GeneratedArchive(500, CATEGORIES)
    times = [sort_key(archive.meta(pid).published) for pid in archive.post_ids]
    assert times == sorted(times)
    assert len(set(times)) == len(times)


def test_articles_vary_in_category_dateline_title_and_length() -> None:
    archive = GeneratedArchive(300, CATEGORIES)
    articles = [archive.article(pid) for pid in archive.post_ids]
    assert {a.category_ids[0] for a in articles} == set(CATEGORIES)
    assert len({a.title for a in articles}) > 250
    assert any(a.title.startswith("Updated-") for a in articles)
    first_lines = [a.body_html.removeprefix("<p>").split("<", 1)[0] for a in articles]
    datelines = {
        re.match(r"^[^,.]+[,.] ?\(?SANA\)?\s?[–_-]", line) is not None for line in first_lines
    }
    assert datelines == {True, False}
    paragraphs = [a.body_html.count("<p>") for a in articles]
    assert min(paragraphs) >= 3 and max(paragraphs) >= 7
    assert 300 < sum(len(a.body_html) for a in articles) / len(articles) < 3000


def test_check_also_points_to_an_earlier_post_of_the_same_category() -> None:
    archive = GeneratedArchive(200, CATEGORIES)
    boxes = 0
    for post_id in archive.post_ids:
        article = archive.article(post_id)
        if article.check_also is None:
            continue
        boxes += 1
        target = archive.article(article.check_also.post_id)
        assert target.post_id < post_id
        assert target.category_ids == article.category_ids
        assert article.check_also.teaser.endswith("…")
    assert boxes > 150


def test_two_thousand_generated_posts_are_listed_and_served() -> None:
    with running_snapshot("--content", str(TEST_CONTENT), "--generate", "2000") as url:
        home = Selector(text=fetch(f"{url}/en/").text)
        assert home.css("span.pages::text").get() == "Page 1 of 201"
        assert home.css("a.last::attr(href)").get() == f"{url}/en/?paged=201"
        page_200 = Selector(text=fetch(f"{url}/en/?paged=200").text)
        links = page_200.css("h2.post-box-title > a::attr(href)").getall()
        assert len(links) == 10
        article = fetch(links[0])
        assert article.status == 200
        assert Selector(text=article.text).css("div.entry p::text").get()
        assert fetch(f"{url}/en/?p={FIRST_GENERATED_POST_ID + 2000}").status == 404


def test_generating_more_serves_the_same_first_posts_and_newer_ones() -> None:
    first, more = GeneratedArchive(500, CATEGORIES), GeneratedArchive(520, CATEGORIES)
    assert all(more.article(pid) == first.article(pid) for pid in first.post_ids)
    newest_before = max(sort_key(first.meta(pid).published) for pid in first.post_ids)
    added = [pid for pid in more.post_ids if pid not in first]
    assert len(added) == 20
    assert all(sort_key(more.meta(pid).published) > newest_before for pid in added)
