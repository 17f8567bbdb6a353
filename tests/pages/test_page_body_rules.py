"""Single markup rules of the parsers, each shown on the smallest page that exercises it."""

from __future__ import annotations

import json

import pytest
from parsel import Selector

from newscrawler.items import Block, Image, Link
from newscrawler.pages import archive_layout, relaunch_layout

ARCHIVE_URL = "https://archive.sana.sy/en/?p=4711"
RELAUNCH_URL = "https://sana.sy/en/politics/2270101/"
STAMPS = """<div class="single-meta">
<span class="meta-el meta-date">Published: 2025/10/21 3:02 PM</span>
<span class="meta-el meta-update">Updated: 2025/10/21 4:10 PM</span></div>"""
PUBLISHED = "2025-10-21T15:02:00+03:00"
NEWS_ARTICLE = {"@type": "NewsArticle", "datePublished": PUBLISHED}


def archive_entry(entry_html: str) -> list[Block]:
    html = f'<article id="the-post"><div class="entry">{entry_html}</div></article>'
    return archive_layout.parse_article(ARCHIVE_URL, Selector(text=html)).blocks


def relaunch_page(head: str = "", body: str = "") -> str:
    return f"<html><head>{head}</head><body>{body}</body></html>"


def json_ld(document: object | str) -> str:
    text = document if isinstance(document, str) else json.dumps(document)
    return f'<script type="application/ld+json">{text}</script>'


@pytest.mark.parametrize(
    ("entry_html", "expected"),
    [
        ("<p>One\n  line in the source</p>", [Block("paragraph", "One line in the source")]),
        ("<p>First<br>\n second<br/></p>", [Block("paragraph", "First\nsecond")]),
        ("<p>said  that\u00a0it</p>", [Block("paragraph", "said  that\u00a0it")]),
        ("<p><strong>A sub-heading</strong></p>", [Block("heading", "A sub-heading")]),
        ("<p><b>Part</b> of a sentence</p>", [Block("paragraph", "Part of a sentence")]),
        ("<h4>Heading</h4>", [Block("heading", "Heading")]),
        ("<p><img src='/a.jpg' alt='a.jpg'></p><p></p>", []),
        (
            "Loose text<br>in the entry<p>Next</p>",
            [Block("paragraph", "Loose text\nin the entry"), Block("paragraph", "Next")],
        ),
        (
            "<ul><li>First item</li><li>Second item</li></ul>",
            [Block("paragraph", "First item"), Block("paragraph", "Second item")],
        ),
        ("<blockquote><p>Quoted words</p></blockquote>", [Block("paragraph", "Quoted words")]),
        ("<p>Text<script>var x = 1;</script></p><style>p {}</style>", [Block("paragraph", "Text")]),
        ('<div class="share-post">Share Facebook</div><div class="clear">x</div>', []),
    ],
    ids=[
        "source-newline-is-a-space",
        "br-is-a-line-break",
        "spaces-and-nbsp-kept",
        "bold-paragraph-is-heading",
        "partly-bold-is-paragraph",
        "h4-is-heading",
        "image-only-gives-no-block",
        "loose-text-is-a-paragraph",
        "list-items-are-paragraphs",
        "blockquote-is-read-through",
        "scripts-are-not-text",
        "share-buttons-are-ignored",
    ],
)
def test_archive_entry_blocks(entry_html: str, expected: list[Block]) -> None:
    assert archive_entry(entry_html) == expected


def test_base_href_resolves_relative_links() -> None:
    html = """<html><head><base href="https://mirror.example.org/en/"></head><body>
    <h2 class="post-box-title"><a href="?p=5">Title</a></h2>
    <div class="pagination"><span id="tie-next-page"><a href="?paged=2">»</a></span></div>
    </body></html>"""
    listing = archive_layout.parse_listing("http://127.0.0.1:9/en/", Selector(text=html))
    assert (listing.article_urls, listing.next_url) == (
        ["https://mirror.example.org/en/?p=5"],
        "https://mirror.example.org/en/?paged=2",
    )


@pytest.mark.parametrize(
    ("body_class", "article_class", "expected"),
    [
        ("single postid-12", "post-34", 12),
        ("single", "post-listing post-34 post", 34),
        ("single", "post-listing", 4711),
    ],
    ids=["body-class", "article-class", "url-query"],
)
def test_archive_post_id_sources(body_class: str, article_class: str, expected: int) -> None:
    html = f'<body class="{body_class}"><article id="the-post" class="{article_class}"></article>'
    assert archive_layout.parse_article(ARCHIVE_URL, Selector(text=html)).post_id == expected


def test_archive_categories_and_tags_fall_back_to_classes_and_meta() -> None:
    html = """<head><meta property="article:tag" content="Hama"></head><body>
    <article id="the-post" class="post-9 category-local category-reports"></article></body>"""
    raw = archive_layout.parse_article(ARCHIVE_URL, Selector(text=html))
    assert (raw.categories, raw.tags) == (["local", "reports"], ["Hama"])


def test_archive_title_falls_back_to_the_heading_text() -> None:
    html = '<article id="the-post"><h1 class="post-title"> Homs <em>now</em> </h1></article>'
    assert archive_layout.parse_article(ARCHIVE_URL, Selector(text=html)).title == "Homs now"


def test_check_also_box_without_a_link_gives_no_link() -> None:
    html = """<section id="check-also-box"><div class="check-also-post">
    <h2 class="post-title">No anchor</h2><p>Teaser</p></div></section>"""
    assert archive_layout.parse_article(ARCHIVE_URL, Selector(text=html)).links == []


@pytest.mark.parametrize(
    "end_marker",
    [
        '<div class="efoot"><p>Footer text</p></div>',
        '<div class="entry-bottom"><p>Bottom text</p></div>',
        '<div class="e-shared"><span>Share This Article</span></div>',
        '<p><span class="tag-label">TAGGED:</span> <a rel="tag" href="/en/tag/x/">X</a></p>',
        "<p>TAGGED: Syria, Economy</p>",
        '<div class="wrap"><div class="efoot">Footer</div></div>',
    ],
    ids=["efoot", "entry-bottom", "e-shared", "tag-label", "tagged-text", "nested-efoot"],
)
def test_relaunch_body_ends_at_its_footer(end_marker: str) -> None:
    body = f'<div class="entry-content"><p>Story</p>{end_marker}<p>After the end</p></div>'
    raw = relaunch_layout.parse_article(RELAUNCH_URL, Selector(text=relaunch_page(body=body)))
    assert raw.blocks == [Block("paragraph", "Story")]


def test_inline_related_block_is_a_link_and_never_text() -> None:
    body = """<div class="entry-content"><p>Story</p><div class="inline-post"><div class="p-wrap">
    <h5 class="entry-title"><a href="/en/politics/99/">Related</a></h5></div></div></div>"""
    raw = relaunch_layout.parse_article(RELAUNCH_URL, Selector(text=relaunch_page(body=body)))
    assert (raw.blocks, raw.links) == (
        [Block("paragraph", "Story")],
        [Link("inline", "https://sana.sy/en/politics/99/", "Related")],
    )


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (json_ld(NEWS_ARTICLE), PUBLISHED),
        (json_ld([{"@type": "WebPage"}, {**NEWS_ARTICLE, "@type": "Article"}]), PUBLISHED),
        (json_ld({"@graph": [{**NEWS_ARTICLE, "@type": ["BlogPosting"]}]}), PUBLISHED),
        (json_ld("{broken") + json_ld(NEWS_ARTICLE), PUBLISHED),
        (json_ld("{broken"), None),
        (json_ld({"@type": "WebPage", "datePublished": "2025-10-21"}), None),
        (json_ld({"@type": "NewsArticle", "datePublished": 20251021}), None),
    ],
    ids=[
        "object",
        "list",
        "graph-type-list",
        "broken-then-good",
        "broken",
        "no-article",
        "not-text",
    ],
)
def test_relaunch_published_from_json_ld(head: str, expected: str | None) -> None:
    raw = relaunch_layout.parse_article(RELAUNCH_URL, Selector(text=relaunch_page(head, STAMPS)))
    assert (raw.published, raw.published_stamp) == (expected, "Published: 2025/10/21 3:02 PM")


def test_relaunch_stamps_found_by_label_when_classes_change() -> None:
    body = """<div class="single-meta"><span class="meta-el">Updated: 2025/10/22 1:00 AM</span>
    <span class="meta-el">Published: 2025/10/21 9:00 PM</span></div>"""
    raw = relaunch_layout.parse_article(RELAUNCH_URL, Selector(text=relaunch_page(body=body)))
    assert (raw.published_stamp, raw.modified_stamp) == (
        "Published: 2025/10/21 9:00 PM",
        "Updated: 2025/10/22 1:00 AM",
    )


def test_relaunch_featured_image_keeps_its_caption() -> None:
    body = """<div class="s-feat"><figure><img data-src="/en/wp-content/uploads/p.jpg" alt="A">
    <figcaption>The caption</figcaption></figure></div>"""
    raw = relaunch_layout.parse_article(RELAUNCH_URL, Selector(text=relaunch_page(body=body)))
    assert raw.images == [Image("https://sana.sy/en/wp-content/uploads/p.jpg", "A", "The caption")]


def test_relaunch_listing_page_number_from_its_address() -> None:
    listing = relaunch_layout.parse_listing(
        "https://sana.sy/en/economy/page/7/", Selector(text="<html><body></body></html>")
    )
    assert (listing.current_page, listing.article_urls, listing.next_url) == (7, [], None)
