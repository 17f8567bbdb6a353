"""The page's own articleBody (JSON-LD) and the markup problems the body reader records."""

from __future__ import annotations

import json

import pytest
from parsel import Selector

from newscrawler.pages import archive_layout, relaunch_layout
from newscrawler.pages.body import swallowed_markup

ARCHIVE_URL = "https://archive.sana.sy/en/?p=4711"
RELAUNCH_URL = "https://sana.sy/en/politics/2270101/"
PROSE = "The governor of Homs opened the rebuilt market on Sunday morning."
LATER = "Traders said the shops would stay open until late in the evening."
SAHIFA_GRAPH = {
    "@context": "http://schema.org",
    "@type": "NewsArticle",
    "headline": "Market reopens",
    "articleBody": f"Homs, SANA- {PROSE}\r\n\r\n{LATER}",
}


def sahifa_page(entry_html: str, head: str = "") -> str:
    return (
        f"<html><head>{head}</head><body>"
        f'<article id="the-post"><div class="entry">{entry_html}</div><!-- .entry /-->'
        "</article>"
        '<footer><script src="/wp-includes/js/footer.js"></script></footer></body></html>'
    )


def ld_script(document: object, css_class: str = "") -> str:
    attr = f' class="{css_class}"' if css_class else ""
    return f'<script type="application/ld+json"{attr}>{json.dumps(document)}</script>'


def test_archive_parser_keeps_the_tie_schema_graph_article_body() -> None:
    html = sahifa_page(f"<p>{PROSE}</p>", ld_script(SAHIFA_GRAPH, "tie-schema-graph"))
    raw = archive_layout.parse_article(ARCHIVE_URL, Selector(text=html))
    assert raw.article_body == SAHIFA_GRAPH["articleBody"]


def test_relaunch_parser_keeps_the_graph_article_body() -> None:
    graph = {
        "@graph": [
            {"@type": "WebPage", "articleBody": "not the article"},
            {"@type": ["NewsArticle"], "articleBody": PROSE},
        ]
    }
    html = f"<html><head>{ld_script(graph)}</head><body></body></html>"
    assert relaunch_layout.parse_article(RELAUNCH_URL, Selector(text=html)).article_body == PROSE


@pytest.mark.parametrize(
    "head",
    [
        "",
        ld_script({"@type": "NewsArticle", "headline": "No text"}),
        ld_script({"@type": "NewsArticle", "articleBody": ["a", "list"]}),
        '<script type="application/ld+json">{"@type": "NewsArticle", "articleBody": </script>',
    ],
    ids=["no-json-ld", "no-article-body", "not-a-string", "unparsable"],
)
def test_no_usable_article_body_is_none(head: str) -> None:
    html = sahifa_page(f"<p>{PROSE}</p>", head)
    assert archive_layout.parse_article(ARCHIVE_URL, Selector(text=html)).article_body is None


def test_unclosed_script_mid_body_is_a_markup_problem() -> None:
    entry = f"<p>{PROSE}</p><script>var slot = 'ad-1';\n<p>{LATER}</p><h2>Prices</h2><p>Low.</p>"
    raw = archive_layout.parse_article(ARCHIVE_URL, Selector(text=sahifa_page(entry)))
    assert [block.text for block in raw.blocks] == [PROSE]
    assert raw.markup_problems == [
        "text swallowed by an unclosed <script>: the body stops where it opens"
    ]


def test_unclosed_script_to_the_end_of_the_page_is_a_markup_problem() -> None:
    html = f'<html><body><div class="entry-content"><p>{PROSE}</p><script>\n<p>{LATER}</p>'
    html += "</div></body></html>"
    raw = relaunch_layout.parse_article(RELAUNCH_URL, Selector(text=html))
    assert raw.markup_problems == [
        "text swallowed by an unclosed <script>: the body stops where it opens"
    ]


@pytest.mark.parametrize(
    "script",
    [
        "(adsbygoogle = window.adsbygoogle || []).push({});",
        "var box = '<p>' + headline + '</p>';",
        "el.innerHTML = '<div class=\"ad\"><p>Sponsored content from our partners</p></div>';",
        "document.write('<p>Advertisement shown to readers here</p><script src=\"x.js\">');",
        'var html = "\\n<p>" + text + "</p>";',
        "window.twttr = (function (d, s, id) { return d; }(document, 'script', 'twitter-wjs'));",
    ],
    ids=["ad-push", "string-concat", "inner-html", "document-write", "escaped-newline", "embed"],
)
def test_ordinary_inline_scripts_are_not_flagged(script: str) -> None:
    entry = f"<p>{PROSE}</p><script>{script}</script><p>{LATER}</p>"
    raw = archive_layout.parse_article(ARCHIVE_URL, Selector(text=sahifa_page(entry)))
    assert raw.markup_problems == []
    assert [block.text for block in raw.blocks] == [PROSE, LATER]


@pytest.mark.parametrize(
    ("tag", "text", "swallowed"),
    [
        ("script", f"var a = 1;\n<p>{LATER}</p></div><script>", True),
        ("script", f"push({{}});<p class='x'>{LATER}</p>\n</body>", True),
        ("style", f".ad {{ color: red }}\n<h2>{LATER}</h2><style>", True),
        ("script", f"var a = 1;\n<p>{LATER}</p>", False),  # no sign it was closed by another
        ("script", f"var a = '<p>{LATER}</p>'; <script", False),  # markup only in a string
        ("script", "\n<p>Too few words</p><script>", False),
    ],
)
def test_swallowed_markup_rule(tag: str, text: str, swallowed: bool) -> None:
    assert swallowed_markup(tag, text) is swallowed


UNCLOSED_ENTRY = (
    "no end-of-entry marker where the entry ends: it sits inside the entry (unclosed markup);"
    " the body was read up to it"
)


def sahifa_inner(entry_html: str) -> str:
    """Sahifa's post-inner: the entry, its end comment, then the hidden author chrome."""
    return (
        '<html><body><article id="the-post"><div class="post-inner">'
        f'<div class="entry">{entry_html}</div><!-- .entry /-->'
        '<span class="vcard author">editor</span><p class="updated">2017-07-18</p>'
        "</div></article></body></html>"
    )


def test_unclosed_markup_in_the_entry_stops_at_the_end_comment_and_is_flagged() -> None:
    html = sahifa_inner(f'<p>{PROSE}</p><div class="wp-block-group"><p>{LATER}</p>')
    raw = archive_layout.parse_article(ARCHIVE_URL, Selector(text=html))
    assert [block.text for block in raw.blocks] == [PROSE, LATER]
    assert raw.markup_problems == [UNCLOSED_ENTRY]


def test_a_closed_entry_is_not_flagged() -> None:
    html = sahifa_inner(f'<p>{PROSE}</p><div class="wp-block-group"><p>{LATER}</p></div>')
    raw = archive_layout.parse_article(ARCHIVE_URL, Selector(text=html))
    assert [block.text for block in raw.blocks] == [PROSE, LATER]
    assert raw.markup_problems == []
